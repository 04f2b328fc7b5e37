"""Victims' status disputes: civilians, or fighters posing a threat (sentences written for the tests)."""

from __future__ import annotations

import pytest

from helpers import act, claim, context, corpus, doc, vectors
from rashomon.align.disputes.victims import site_status, stated_site, stated_status, victims

DOCS = [doc("radio", "Radio Ostra"), doc("gazette", "Gazette of Lumen"), doc("wire", "Wire Service")]


@pytest.mark.parametrize(("text", "polarity", "expected"), [
    ("The dead were armed militants, the garrison commander said.", "affirmed", "combatants"),
    ("The dead were not civilians, a spokesman said.", "denied", "combatants"),
    ("The victims were civilians waiting for a bus.", "affirmed", "civilians"),
    ("The men posed no threat to the patrol, witnesses said.", "affirmed", "civilians"),
    ("The herders posed a threat to the checkpoint, the army said.", "affirmed", "combatants"),
    ("The officer denied that the dead were civilians.", "denied", "combatants"),
    ("Five fighters were killed in the ambush.", "affirmed", None),  # who died, not who the victims were
    ("The victims were civilians, not fighters.", "affirmed", None),  # both words: no side read
    ("The council met the families of the victims.", "affirmed", None),
])
def test_stated_status(text: str, polarity: str, expected: str | None) -> None:
    assert stated_status(claim("c1", "radio", text, polarity)) == expected


def test_a_killing_of_civilians_is_the_civilian_answer_but_not_its_denial() -> None:
    killed = act("kill", "kill", "the patrol", "four villagers")
    said = claim("c1", "radio", "The patrol killed four villagers.", propositions=(killed,))
    assert stated_status(said) == "civilians"
    nobody = act("kill", "kill", "the patrol", "no villagers")
    said = claim("c1", "radio", "The patrol killed no villagers.", "denied", propositions=(nobody,))
    assert stated_status(said) is None


def test_civilians_against_fighters_from_two_voices_is_a_victims_dispute() -> None:
    claims = [
        claim("c1", "radio", "The victims were civilians waiting for a bus, the mayor said.", attributed_to=("mayor",)),
        claim("c2", "gazette", "The dead were armed militants, the garrison commander said.",
              attributed_to=("garrison commander",)),
    ]
    ctx = context(corpus(DOCS, claims=claims, vecs=vectors([1, 0], [0, 1])))
    (found,) = victims(ctx)
    assert found.kind == "victims"
    assert found.question == "Were the victims civilians, or fighters posing a threat?"
    assert [(p.label, [e.claim_id for e in p.evidence]) for p in found.positions] == [
        ("civilians", ["c1"]), ("fighters posing a threat", ["c2"])]


def test_one_report_or_one_answer_is_no_victims_dispute() -> None:
    civilians = claim("c1", "radio", "The victims were civilians, the mayor said.", attributed_to=("mayor",))
    same_report = claim("c2", "radio", "The dead were militants, the commander said.", attributed_to=("commander",))
    agreeing = claim("c2", "gazette", "The men posed no threat, witnesses said.", attributed_to=("witnesses",))
    for other in (same_report, agreeing):
        ctx = context(corpus(DOCS, claims=[civilians, other], vecs=vectors([1, 0], [0, 1])))
        assert victims(ctx) == [], other.text


# -- the place that was hit: purely civilian, or a military target ---------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Aid groups said the clinic was purely civilian.", "civilian"),
    ("Residents said there were no fighters in the village.", "civilian"),
    ("The mayor said the school has never hosted fighters.", "civilian"),
    ("Monitors found no evidence that the depot was used for military purposes.", "civilian"),
    ("Witnesses said rebels did not use the school as a launch pad.", "civilian"),
    ("The ministry said the school was used as a base by militants.", "military"),
    ("The army called the camp a legitimate military target.", "military"),
    ("The army said the camp was used as a launch pad by the rebels.", "military"),
    ("Doctors said the shelling was no mistake, and that the clinic was purely civilian.", "civilian"),
    ("Whether the clinic was a military target remains unclear.", None),  # left open
    ("The army denies the camp was purely civilian.", "military"),
    ("The front rejected the account and said the camp was purely civilian.", "civilian"),
    ("The army denied hitting civilians, saying the camp was a legitimate military target.", "military"),
    ("The camp housed 3,000 families, the agency said.", None),                       # says neither
    ("The army said it was a military target, but residents said it was purely civilian.", None),  # both
])
def test_stated_site(text: str, expected: str | None) -> None:
    assert stated_site(text) == expected


def test_a_civilian_place_against_a_military_target_from_two_voices_is_a_dispute() -> None:
    hit = act("attack", "strike", "jets", "the camp")
    claims = [
        claim("c1", "radio", "The camp is purely civilian, the agency said.", propositions=(hit,)),
        claim("c2", "gazette", "The camp was a legitimate military target, the army said.", propositions=(hit,)),
    ]
    (found,) = site_status(context(corpus(DOCS, claims=claims, vecs=vectors([1, 0], [0, 1]))))
    assert found.question == "Was the camp purely civilian, or used by fighters (a military target)?"
    assert [[e.claim_id for e in p.evidence] for p in found.positions] == [["c1"], ["c2"]]
    one_voice = [claims[0], claim("c2", "radio", claims[1].text, propositions=(hit,))]
    assert site_status(context(corpus(DOCS, claims=one_voice, vecs=vectors([1, 0], [0, 1])))) == []
    others = [claims[0],
              claim("c2", "gazette", "The protesters carried no weapons, witnesses said."),  # another place
              claim("c3", "wire", "Monitors said a nearby depot was a military target.")]  # names no camp
    assert site_status(context(corpus(DOCS, claims=others, vecs=vectors([1, 0], [0, 1], [0, 1])))) == []

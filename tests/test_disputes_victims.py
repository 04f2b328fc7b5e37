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


# -- who were those detained ---------------------------------------------------------------------------
DETAINED = act("abduct", "detain", "police", "90 men")
KILLED = act("kill", "kill", "soldiers", "40 people")


@pytest.mark.parametrize(("text", "acts", "group", "expected"), [
    ("Those detained were all armed fighters captured in battle, the colonel said.", (), "detained", "combatants"),
    ("Police detained 90 men at roadblocks, most of them shepherds from the hills.", (DETAINED,), "detained",
     "civilians"),
    ("None of those arrested were militants, their lawyer said.", (), "detained", "civilians"),
    ("The detainees were not fighters, the council said.", (), "detained", "civilians"),
    ("Soldiers killed 40 people, most of them civilians.", (KILLED,), "killed", "civilians"),
    # negatives: another group, a few of them, a hedge, both words
    ("Police detained 90 men at roadblocks, most of them shepherds from the hills.", (DETAINED,), "killed", None),
    ("Soldiers killed 40 people, most of them civilians.", (KILLED,), "detained", None),
    ("Some of those detained were fighters, officials said.", (), "detained", None),
    ("Those detained were possibly fighters, an officer said.", (), "detained", None),
    ("Those detained were civilians and fighters alike.", (), "detained", None),
    ("The dead were armed militants, the garrison commander said.", (), "detained", None),
])
def test_stated_status_of_a_group(text, acts, group, expected) -> None:
    assert stated_status(claim("c1", "radio", text, propositions=acts), group) == expected


FIGHTERS = claim("c1", "radio", "Those detained were all armed fighters captured in battle, the colonel said.",
                 attributed_to=("colonel",))
FARMERS = claim("c2", "gazette", "Police detained 90 men at roadblocks, most of them farmers with no weapons, the "
                "Lumen Rights Desk said.", attributed_to=("Lumen Rights Desk",), propositions=(DETAINED,))


def test_fighters_against_civilians_for_those_detained_is_one_question() -> None:
    ctx = context(corpus(DOCS, claims=[FIGHTERS, FARMERS], vecs=vectors([1, 0], [0, 1])))
    (found,) = victims(ctx)
    assert (found.kind, found.question) == ("victims", "Were those detained armed fighters or civilians?")
    assert [(p.label, [e.claim_id for e in p.evidence]) for p in found.positions] == [
        ("civilians", ["c2"]), ("armed fighters", ["c1"])]


@pytest.mark.parametrize("other", [
    None,  # one voice only
    claim("c2", "gazette", "The detainees were militants, a police source said.", attributed_to=("police source",)),
    # civilians, but of another group: those killed
    claim("c2", "gazette", "Soldiers killed 40 people, most of them civilians, the mayor said.",
          attributed_to=("mayor",), propositions=(KILLED,)),
    claim("c2", "gazette", "Those detained were possibly civilians, a relative said.", attributed_to=("relative",)),
    claim("c2", "gazette", "Some of those detained were civilians, a lawyer said.", attributed_to=("lawyer",)),
])
def test_no_question_of_those_detained_without_two_answers(other) -> None:
    claims = [FIGHTERS] + ([other] if other else [])
    ctx = context(corpus(DOCS, claims=claims, vecs=vectors(*([1, 0], [0, 1])[:len(claims)])))
    assert [d.question for d in victims(ctx)] == []


@pytest.mark.parametrize("fighters_category", ["armed_group", "combatants", "security_forces"])
def test_one_sources_number_for_fighters_and_for_suspects_folds_into_the_question_of_those_detained(
        fighters_category) -> None:
    from helpers import disputes_of, figure

    docs = DOCS + [doc("post", "Alder Post")]
    figs = [figure("f1", "wire", 58, event="detained", attributed_to=("the Dorn Interior Ministry",)),  # suspects
            figure("f2", "post", 58, event="detained", category=fighters_category,
                   attributed_to=("the Dorn Interior Ministry",))]  # "58 members of the outlaw cells"
    alone = disputes_of(corpus(docs, figs))
    assert [d.question for d in alone] == ["Dorn Interior Ministry's 58 detained: who does it count?"]
    both = disputes_of(corpus(docs, figs, claims=[FIGHTERS, FARMERS], vecs=vectors([1, 0], [0, 1])))
    (found,) = [d for d in both if d.kind in ("victims", "numeric")]
    assert found.question == "Were those detained armed fighters or civilians?"
    fighters = found.positions[1]
    assert [e.claim_id or e.figure_id for e in fighters.evidence] == ["c1", "f2"]  # "58 suspects" takes no side


@pytest.mark.parametrize(("text", "detained", "killed"), [
    ("The Lumen Rights Desk says police detained about 90 men at roadblocks near Velmora, many of them farmers "
     "with no link to the fighting.", "civilians", None),
    ("Those arrested were all armed insurgents caught during the battle, Colonel Varek said.", "combatants", None),
    # the nearest act before "most of them" says whose status it is
    ("Soldiers killed 14 people in Dorsk, most of them militants, and arrested 30 villagers, the army said.",
     None, "combatants"),
])
def test_stated_status_from_parsed_claims(text, detained, killed) -> None:
    from rashomon.analyze import load_nlp
    from rashomon.analyze.claims import extract_claims

    (said,) = extract_claims(load_nlp()(text))
    assert (stated_status(said, "detained"), stated_status(said, "killed")) == (detained, killed)

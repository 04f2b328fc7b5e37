"""Responsibility disputes: one side blamed, that side denying involvement (sentences written for the tests)."""

from __future__ import annotations

from helpers import act, claim, context, corpus, doc, vectors
from rashomon.align.disputes.responsibility import responsibility
from rashomon.model import Harm

DOCS = [doc("radio", "Radio Ostra"), doc("gazette", "Gazette of Lumen"), doc("wire", "Wire Service")]
SIDES = {"the Brenn militia": "Brenn", "Brenn militia": "Brenn", "the Brenn council": "Brenn", "Brenn council": "Brenn",
         "Tarsi troops": "Tarsi", "the Tarsi ministry": "Tarsi"}


def side_of(doc_id: str, harm: Harm) -> str | None:
    return SIDES.get(harm.agent or "")


def ids(found, n: int) -> list[str | None]:  # type: ignore[no-untyped-def]
    return [e.claim_id for e in found.positions[n].evidence]


def blame(cid: str, doc_id: str) -> object:
    return claim(cid, doc_id, "Witnesses said the Brenn militia shelled the grain depot.", terms=("depot", "grain"),
                 attributed_to=("witnesses",),
                 propositions=(act("attack", "shell", "the Brenn militia", "the grain depot"),))


def test_a_side_blamed_that_denies_involvement_is_a_responsibility_dispute() -> None:
    claims = [
        blame("c1", "radio"),
        claim("c2", "gazette", "The Brenn council denied the militia was involved in the attack on the depot.",
              "denied", ("depot", "attack"), attributed_to=("the Brenn council",)),
    ]
    ctx = context(corpus(DOCS, claims=claims, vecs=vectors([1, 0], [0, 1])), side_of=side_of)
    (found,) = responsibility(ctx)
    assert found.kind == "responsibility"
    assert found.question == "Was Brenn responsible for the attack on the grain depot?"
    assert [p.label for p in found.positions] == ["Brenn responsible", "Brenn denies involvement"]
    assert (ids(found, 0), ids(found, 1)) == (["c1"], ["c2"])
    assert "“" not in found.question


def test_a_denial_of_involvement_without_a_named_doer_is_the_speakers_side() -> None:
    claims = [
        blame("c1", "radio"),
        claim("c2", "gazette", "The Brenn council denied it was behind the shelling of the depot.", "denied",
              ("depot",), attributed_to=("the Brenn council",),
              propositions=(act("attack", "shell", "its fighters", "the depot"),)),
    ]
    ctx = context(corpus(DOCS, claims=claims, vecs=vectors([1, 0], [0, 1])), side_of=side_of)
    (found,) = responsibility(ctx)
    assert ids(found, 1) == ["c2"]


def test_a_denial_of_the_act_itself_is_left_to_polarity() -> None:
    claims = [
        blame("c1", "radio"),
        claim("c2", "gazette", "The Brenn council denied that the Brenn militia shelled the depot.", "denied",
              ("depot",), attributed_to=("the Brenn council",),
              propositions=(act("attack", "shell", "the Brenn militia", "the depot"),)),
    ]
    ctx = context(corpus(DOCS, claims=claims, vecs=vectors([1, 0], [0, 1])), side_of=side_of)
    assert responsibility(ctx) == []


def test_denying_the_other_side_did_it_is_no_denial_of_ones_own_involvement() -> None:
    claims = [
        blame("c1", "radio"),
        # the Tarsi ministry denies the Tarsi troops' act: about Tarsi, not about Brenn
        claim("c2", "gazette", "The Tarsi ministry denied Tarsi troops were involved in shelling the depot.", "denied",
              ("depot",),
              attributed_to=("the Tarsi ministry",),
              propositions=(act("attack", "shell", "Tarsi troops", "the depot"),)),
    ]
    ctx = context(corpus(DOCS, claims=claims, vecs=vectors([1, 0], [0, 1])), side_of=side_of)
    assert responsibility(ctx) == []  # nobody blamed the Tarsi troops


def test_a_denial_that_it_happened_or_of_another_event_or_without_a_voice_is_no_dispute() -> None:
    whether = claim("c2", "gazette", "The Brenn council denied that the depot was shelled.", "denied", ("depot",),
                    attributed_to=("the Brenn council",), propositions=(act("attack", "shell", None, "the depot"),))
    other = claim("c2", "gazette", "The Brenn council denied any involvement in the port closure.", "denied",
                  ("port", "closure"), attributed_to=("the Brenn council",))
    voiceless = claim("c2", "gazette", "The Brenn militia was not involved in the attack on the depot.", "denied",
                      ("depot", "attack"))
    for denial in (whether, other, voiceless):
        ctx = context(corpus(DOCS, claims=[blame("c1", "radio"), denial], vecs=vectors([1, 0], [0, 1])),
                      side_of=side_of)
        assert responsibility(ctx) == [], denial.text


def test_the_blame_and_the_denial_need_two_independent_origins() -> None:
    claims = [
        blame("c1", "gazette"),
        claim("c2", "gazette", "The Brenn council denied any involvement in the shelling of the depot.", "denied",
              ("depot",), attributed_to=("the Brenn council",)),
    ]
    ctx = context(corpus(DOCS, claims=claims, vecs=vectors([1, 0], [0, 1])), side_of=side_of)
    assert responsibility(ctx) == []  # one report tells both: no second voice


def test_a_speaker_unlabelled_in_its_report_takes_the_side_the_other_reports_agree_on() -> None:
    labels = {("wire", "the Brenn council"): "Brenn", ("radio", "the Brenn militia"): "Brenn"}
    claims = [
        blame("c1", "radio"),
        claim("c2", "gazette", "The Brenn council denied any involvement in the shelling of the depot.", "denied",
              ("depot",), attributed_to=("the Brenn council",)),
    ]
    ctx = context(corpus(DOCS, claims=claims, vecs=vectors([1, 0], [0, 1])),
                  side_of=lambda doc_id, harm: labels.get((doc_id, harm.agent or "")))
    (found,) = responsibility(ctx)
    assert ids(found, 1) == ["c2"]
    labels[("gazette", "the Brenn council")] = "Tarsi"  # its own report places it: that wins
    assert responsibility(ctx) == []

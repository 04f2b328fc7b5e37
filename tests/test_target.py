"""Was the place itself attacked, or the attack aimed at something beside it? The place a target is said to
be next to, and the dispute between that voice and independent ones saying the place itself was hit.
Sentences are invented for these tests."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from helpers import act, claim, context, corpus, doc, vectors
from rashomon.align.disputes import find_disputes, rebuttals
from rashomon.align.disputes.target import target
from rashomon.analyze import load_nlp
from rashomon.analyze.claims import extract_claims
from rashomon.model import Claim


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def nears(nlp: Any, text: str) -> list[tuple[str, str | None]]:
    return [(p.verb, p.near_head) for c in extract_claims(nlp(text)) for p in c.propositions]


@pytest.mark.parametrize(("text", "verb", "place"), [
    ("The raid was targeting smugglers in an area adjacent to the depot, the council said.", "target", "depot"),
    ("The army said it targeted a militant post next to the hospital.", "target", "hospital"),
    ("The army said its jets targeted a weapons store close to the school.", "target", "school"),
    ("Soldiers shelled positions near the school, the mayor said.", "shell", "school"),
    ("The army said its jets targeted fighters close to midnight near the camp.", "target", "camp"),  # not the time
])
def test_the_place_a_target_is_beside(nlp: Any, text: str, verb: str, place: str) -> None:
    assert (verb, place) in nears(nlp, text)


@pytest.mark.parametrize("text", [
    "Security forces broke up the protest camp outside the ministry, witnesses said.",  # outside is not beside
    "Residents near the camp said soldiers stormed it at dawn.",  # the speakers are near, not the target
    "The army said it targeted the depot, which stands next to the hospital.",  # a clause describes the depot
    "The jets struck the hospital, the mayor said.",
    # the place is the target's own, the alternative rejected, or not a place
    "The raid targeted the camp rather than smugglers near the camp, a witness said.",
    "Residents of the camp were targeted near the camp by snipers, a doctor said.",
    "The raid targeted the camp, not smugglers in an area near it, a witness said.",
])
def test_no_place_beside_the_target(nlp: Any, text: str) -> None:
    assert all(place is None for _, place in nears(nlp, text))


# -- the dispute ----------------------------------------------------------------------------------------

DOCS = [doc("radio", "Radio Ostra"), doc("gazette", "Gazette of Lumen"), doc("wire", "Wire Service")]


def aimed(cid: str, doc_id: str, text: str, patient: str, place: str, verb: str = "target",
          speaker: str = "council") -> Claim:
    prop = replace(act("attack", verb, "The raid", patient), near=f"the {place}", near_head=place)
    return claim(cid, doc_id, text, attributed_to=(speaker,), propositions=(prop,))


def on_place(cid: str, doc_id: str, text: str, place: str, predicate: str = "disperse", verb: str = "break",
             polarity: str = "affirmed") -> Claim:
    return claim(cid, doc_id, text, polarity, propositions=(act(predicate, verb, "soldiers", f"the {place}"),))


BESIDE = aimed("c1", "radio", "The raid was targeting smugglers in an area adjacent to the depot, the council "
               "said.", "smugglers", "depot")


def test_a_target_beside_the_place_against_the_place_itself_is_a_dispute() -> None:
    itself = on_place("c2", "gazette", "Soldiers broke up the depot sit-in at dawn.", "depot")
    stormed = on_place("c3", "wire", "Troops stormed the depot, residents said.", "depot", "attack", "storm")
    ctx = context(corpus(DOCS, claims=[BESIDE, itself, stormed], vecs=vectors([1, 0], [0, 1], [1, 1])))
    (found,) = target(ctx)
    assert found.kind == "polarity"
    assert found.question == "What was the target: the depot itself, or smugglers near the depot?"
    assert [(p.label, [e.claim_id for e in p.evidence]) for p in found.positions] == [
        ("smugglers near the depot", ["c1"]), ("the depot itself", ["c2", "c3"])]
    assert any(d.question == found.question for d in find_disputes(ctx))
    assert rebuttals((found,))["c1"] == ("c2", "c3")  # the target put beside rebuts the others


@pytest.mark.parametrize("other", [
    on_place("c2", "radio", "Soldiers broke up the depot sit-in at dawn.", "depot"),  # the same report
    on_place("c2", "gazette", "Soldiers broke up the market sit-in at dawn.", "market"),  # another place
    on_place("c2", "gazette", "Soldiers did not storm the depot.", "depot", "attack", "storm", "denied"),
    on_place("c2", "gazette", "Soldiers arrested smugglers at the depot.", "depot", "abduct", "arrest"),
    # both say the target was beside the depot
    aimed("c2", "gazette", "The jets targeted a store near the depot, the mayor said.", "a store", "depot",
          speaker="mayor"),
])
def test_no_target_dispute(other: Claim) -> None:
    ctx = context(corpus(DOCS, claims=[BESIDE, other], vecs=vectors([1, 0], [0, 1])))
    assert target(ctx) == [], other.text


def test_a_plain_act_near_a_place_or_an_unvoiced_aim_takes_no_side() -> None:
    itself = on_place("c2", "gazette", "Soldiers broke up the depot sit-in at dawn.", "depot")
    shelled = aimed("c1", "radio", "Soldiers shelled positions near the depot, the council said.", "positions",
                    "depot", verb="shell")  # not an act of aim: both may be true
    unvoiced = replace(BESIDE, attributed_to=())
    for first in (shelled, unvoiced):
        ctx = context(corpus(DOCS, claims=[first, itself], vecs=vectors([1, 0], [0, 1])))
        assert target(ctx) == [], first.text


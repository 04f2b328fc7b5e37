"""Propositions (who did what to whom) and the questions built from them, never from a quoted sentence."""

from __future__ import annotations

from typing import Any

import pytest

from rashomon.align.disputes.questions import act_question, participle, plural
from rashomon.analyze import load_nlp
from rashomon.analyze.claims import extract_claims
from rashomon.model import Claim, Proposition


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def only(nlp: Any, text: str) -> Claim:
    (claim,) = extract_claims(nlp(text))
    return claim


@pytest.mark.parametrize(("text", "predicate", "agent", "patient_head"), [
    ("Militia gunners fired two mortars at the clinic, witnesses said.", "attack", "Militia gunners", "clinic"),
    ("The air force carried out a strike on the depot, the mayor said.", "attack", "The air force", "depot"),
    ("Witnesses said the guards beat hundreds of prisoners.", "harm", "the guards", "prisoner"),
    ("The ministry denied ordering the raid on the camp.", "order", "The ministry", "raid"),
    ("After the shelling of the market by army units, the mayor said 20 people were wounded.", "attack",
     "army units", "market"),
    ("Residents said that Korvathi and Vessan troops killed villagers.", "kill", "Korvathi and Vessan troops",
     "villager"),
])
def test_the_act_of_a_claim(nlp: Any, text: str, predicate: str, agent: str, patient_head: str) -> None:
    props = only(nlp, text).propositions
    found = next(p for p in props if p.predicate == predicate)
    assert (found.agent, found.patient_head) == (agent, patient_head)


def test_a_denied_act_is_the_one_the_denial_governs(nlp: Any) -> None:
    claim = only(nlp, "The army denied shelling the clinic, but the mayor accused it of looting shops.")
    assert claim.polarity == "denied"
    assert [(p.predicate, p.patient_head) for p in claim.propositions] == [("attack", "clinic")]


def test_a_falsity_adverb_denies_no_act_of_its_sentence(nlp: Any) -> None:
    claim = only(nlp, "Gunmen ambush buses at night and falsely blame the army, the governor said.")
    assert claim.polarity == "denied" and claim.propositions == ()


def test_a_sentence_without_an_act_has_none(nlp: Any) -> None:
    assert only(nlp, "The talks will resume on Monday, the envoy said.").propositions == ()


def test_same_act_needs_the_same_class_and_target() -> None:
    fired = Proposition("attack", "fire", agent="the army", agent_head="army", patient="the station",
                        patient_head="station")
    struck = Proposition("attack", "strike", patient="the main station", patient_head="station")
    assert fired.same_act(struck)
    assert not fired.same_act(Proposition("attack", "strike", patient="the bridge", patient_head="bridge"))
    assert not fired.same_act(Proposition("kill", "kill", patient="the station", patient_head="station"))


@pytest.mark.parametrize(("prop", "question"), [
    (Proposition("attack", "attack", agent="The army", patient="the station", patient_head="station"),
     "Did the army attack the station?"),
    (Proposition("attack", "fire", agent="Militia gunners", patient="the clinic", patient_head="clinic"),
     "Did Militia gunners fire at the clinic?"),
    (Proposition("kill", "kill", patient="civilians", patient_head="civilian", patient_plural=True),
     "Were civilians killed?"),
    (Proposition("kill", "kill", patient="not a single child", patient_head="child"), "Were any children killed?"),
    (Proposition("attack", "strike", patient="the theatre", patient_head="theatre"), "Was the theatre struck?"),
    (Proposition("use", "use", agent="Our forces", patient="such shells", patient_head="shell", patient_plural=True),
     None),  # "our forces did not use them" does not deny that anyone used them: no question a question can name
    (Proposition("kill", "kill"), None),
])
def test_questions_come_from_the_proposition(prop: Proposition, question: str | None) -> None:
    assert act_question(prop) == question


def test_verb_and_noun_forms() -> None:
    assert [participle(v) for v in ("target", "shell", "bury", "destroy", "shoot", "kidnap")] == [
        "targeted", "shelled", "buried", "destroyed", "shot", "kidnapped"]
    # the verbs of event nouns ("the shelling of the depot"), never "shellinged"
    assert [participle(n) for n in ("shelling", "bombing", "shooting", "airstrike", "ring")] == [
        "shelled", "bombed", "shot", "struck", "ringed"]
    assert [plural(n) for n in ("civilian", "child", "bus")] == ["civilians", "children", "buses"]


def test_a_question_without_a_target_strands_no_preposition() -> None:
    from rashomon.align.disputes.questions import act_question
    from rashomon.model import Proposition

    assert act_question(Proposition("attack", "fire", agent="the Harbour Guard")) == "Did the Harbour Guard fire?"
    # with a target the verb phrase keeps its preposition
    assert act_question(Proposition("attack", "fire", agent="the Harbour Guard", patient="the ferry")) == (
        "Did the Harbour Guard fire at the ferry?")

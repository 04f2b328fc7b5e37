"""Polarity disputes ask the question the denial answers: what was fired must agree ("fired tear gas" does not
answer "never fired live rounds"), a denied manner is not a denied act ("did not clear the square by force"),
and a side's own denial of an act a perpetrator dispute already asks about is no second question. Sentences
and names are invented for these tests."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from helpers import corpus, disputes_of, doc
from rashomon.align.disputes.questions import act_question, instrument_words
from rashomon.analyze import load_nlp
from rashomon.analyze.claims import extract_claims
from rashomon.model import Claim, Harm, Proposition

DOCS = [doc(d, f"Outlet {d}") for d in ("radio", "gazette", "wire", "post", "daily")]

#: the sides of the doers and speakers these tests name
SIDES = {"ministry": "the government", "minister": "the government", "council": "the government",
         "constables": "the government", "Constables": "the government", "Varn Guard": "the government",
         "the Varn Guard": "the government", "riot officers of the Varn Guard": "the government",
         "Army gunners": "the government", "spokesman": "the government", "Oren Hal": "the government",
         "Hal": "the government", "Rebel gunners": "the rebels", "rebels": "the rebels", "monitors": None,
         "a Norlandic missile": "Norland", "Norlandic ministry": "Norland", "A Norlandic missile": "Norland"}


def side_of(doc_id: str, harm: Harm) -> str | None:
    return SIDES.get(harm.agent or "")


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def claims_of(nlp: Any, *texts: str) -> list[Claim]:
    """The claims of each text, one report each (in ``DOCS`` order), with ids c0, c1 ..."""
    found = []
    for text, report in zip(texts, DOCS, strict=False):
        for c in extract_claims(nlp(text)):
            found.append(replace(c, id=f"c{len(found)}", span=replace(c.span, doc_id=report.id)))
    return found


def polarity_of(nlp: Any, *texts: str) -> list[Any]:
    return [d for d in disputes_of(corpus(DOCS, claims=claims_of(nlp, *texts)), side_of=side_of)
            if d.kind == "polarity"]


@pytest.mark.parametrize(("text", "instrument", "kinds", "manner"), [
    ("Witnesses said riot officers of the Varn Guard fired tear gas and then live rounds at the marchers.",
     "tear gas and then live rounds", ("tear gas", "live fire"), None),
    ("Not a single bullet was fired by the Varn Guard, the minister said.", "Not a single bullet", ("live fire",),
     None),
    ("Police fired on the crowd with rubber bullets, witnesses said.", "rubber bullets", ("rubber bullets",), None),
    ("Troops opened fire on the crowd, witnesses said.", "fire", ("live fire",), None),
    ('"We did not clear the square by force," said Oren Hal.', None, (), "force"),
    ("The militia violently dispersed the camp, residents said.", None, (), "force"),
    ("The army did not deliberately target civilians, a spokesman said.", None, (), "intent"),
    ("The army shelled the depot, residents said.", None, (), None),
])
def test_what_an_act_fired_and_how(nlp: Any, text: str, instrument: str | None, kinds: tuple[str, ...],
                                   manner: str | None) -> None:
    (claim,) = extract_claims(nlp(text))
    prop = claim.propositions[0]
    assert (prop.instrument, prop.instruments, prop.manner) == (instrument, kinds, manner)


def test_using_a_weapon_of_a_listed_kind_is_firing_it(nlp: Any) -> None:
    (used,) = extract_claims(nlp("The ministry denied that constables had used live fire."))
    assert (used.propositions[0].predicate, used.propositions[0].instruments) == ("attack", ("live fire",))
    (owned,) = extract_claims(nlp("The army said it had used Vetra rockets for years."))
    assert owned.propositions[0].predicate == "use"  # a rocket kind is listed nowhere: still "use"


def test_questions_name_what_was_fired_and_the_manner() -> None:
    fired = Proposition("attack", "fire", agent="police", agent_head="police", instrument="a live round",
                        instruments=("live fire",))
    assert act_question(fired) == "Did police fire live rounds?"
    assert act_question(replace(fired, patient="the marchers", patient_head="marcher")) == \
        "Did police fire live rounds at the marchers?"
    cleared = Proposition("disperse", "clear", patient="the square", patient_head="square", manner="force")
    assert act_question(cleared) == "Was the square cleared by force?"
    assert instrument_words("Not a single bullet") == "bullets"
    assert instrument_words("tear gas and then live rounds") == "tear gas and then live rounds"


def test_a_denial_of_one_kind_is_not_answered_by_another(nlp: Any) -> None:
    assert polarity_of(nlp, "The minister said the Varn Guard did not fire tear gas.",
                       "The Varn Guard fired live rounds at the marchers, witnesses said.") == []
    assert polarity_of(nlp, "The minister said the Varn Guard never fired live rounds.",
                       "The Varn Guard fired tear gas at the marchers, witnesses said.") == []


def test_a_conjunct_of_the_denied_kind_answers_by_a_doer_of_the_same_side(nlp: Any) -> None:
    (dispute,) = polarity_of(
        nlp, "The minister said the Varn Guard never fired live rounds.",
        "Witnesses said riot officers of the Varn Guard fired tear gas and then live rounds at the marchers.",
        "Not a single bullet was fired by the Varn Guard, the minister said.")
    assert dispute.question == "Did the Varn Guard fire live rounds?"
    assert [e.claim_id for e in dispute.positions[0].evidence] == ["c0", "c2"]  # one denial of one firing
    assert [e.claim_id for e in dispute.positions[1].evidence] == ["c1"]


def test_a_denied_firing_with_no_kind_is_answered_by_any_firing(nlp: Any) -> None:
    (dispute,) = polarity_of(nlp, "The ministry denied that the Varn Guard fired on the crowd.",
                             "The Varn Guard fired on the crowd, witnesses said.")
    assert dispute.question == "Did the Varn Guard fire at the crowd?"


def test_a_denied_manner_is_answered_only_by_that_manner(nlp: Any) -> None:
    denial = "The army did not deliberately target civilians, a spokesman said."
    assert polarity_of(nlp, denial, "The army targeted civilians in the market, monitors said.") == []
    (dispute,) = polarity_of(nlp, denial, "The army deliberately targeted civilians, monitors said.")
    assert dispute.question == "Did the army target civilians deliberately?"


def test_a_denial_of_force_is_not_a_denial_of_the_act(nlp: Any) -> None:
    denial = '"We did not clear the square by force," said Oren Hal.'
    assert polarity_of(nlp, denial, "The council's troops cleared the square at dawn, residents said.") == []
    (dispute,) = polarity_of(nlp, denial, "Soldiers stormed the square and cleared it, residents said.")
    assert dispute.question.endswith("cleared by force?") or dispute.question.endswith("square by force?")
    assert dispute.positions[1].label == "affirms"


def test_an_admission_of_the_deniers_side_answers_a_denial_of_force(nlp: Any) -> None:
    denial = '"We did not clear the square by force," said Oren Hal.'
    (dispute,) = polarity_of(nlp, denial, "Soldiers stormed the square and cleared it, residents said.",
                             "The council acknowledged that soldiers committed violations.")
    assert dispute.positions[1].label == "affirms or admits"
    assert "c2" in [e.claim_id for e in dispute.positions[1].evidence]
    # the same words from a voice of no side are no admission of the deniers' side
    (other,) = polarity_of(nlp, denial, "Soldiers stormed the square and cleared it, residents said.",
                           "The monitors acknowledged that soldiers committed violations.")
    assert "c2" not in [e.claim_id for e in other.positions[1].evidence]


def test_an_accused_sides_own_denial_is_the_perpetrator_question(nlp: Any) -> None:
    denial = "The ministry denied that its gunners shelled the depot."
    ours = "Army gunners shelled the depot, residents said."
    assert len(polarity_of(nlp, denial, ours)) == 1  # no one names another doer: the polarity question stands
    theirs = "Rebel gunners shelled the depot, the ministry said."
    found = disputes_of(corpus(DOCS, claims=claims_of(nlp, denial, ours, theirs)), side_of=side_of)
    assert [d.kind for d in found if d.kind in ("polarity", "perpetrator")] == ["perpetrator"]


def test_a_doer_that_says_not_whose_it_is_answers_no_denial_about_a_side(nlp: Any) -> None:
    denial = "Claims that a Norlandic missile hit Varo are false, the Norlandic ministry said."
    assert polarity_of(nlp, denial, "When the missile hit, about 400 people were waiting at the depot.") == []
    (dispute,) = polarity_of(nlp, denial, "A Norlandic missile hit Varo on Friday, witnesses said.")
    assert dispute.question == "Did a Norlandic missile hit Varo?"

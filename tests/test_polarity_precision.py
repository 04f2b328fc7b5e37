"""Polarity disputes stay precise: the question asks about the denied act, an affirming claim must assert
that act (similarity alone is not evidence), a denial naming no act borrows one only when its words cover
it, and a doer the reader cannot identify asks nothing. Sentences are invented for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from helpers import act, claim, corpus, disputes_of, doc, vectors
from rashomon.align.disputes.polarity import covers
from rashomon.align.disputes.questions import act_question
from rashomon.analyze import load_nlp
from rashomon.analyze.claims import extract_claims

DOCS = [doc("radio", "Kest State Radio"), doc("tv", "Kest Television"), doc("gazette", "Coastline Gazette"),
        doc("wire", "Northwire")]
V3 = vectors([1, 0.1, 0, 0], [0.9, 0.2, 0.1, 0], [0.95, 0.1, 0.05, 0])


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def test_a_similar_claim_that_states_no_act_is_no_evidence() -> None:
    claims = [
        claim("c1", "radio", "The ministry denies that troops fired on marchers.", "denied", ("marcher", "fire"),
              attributed_to=("ministry",), propositions=(act("attack", "fire", "troops", "marchers"),)),
        claim("c2", "gazette", "Marchers gathered near the troops in the square.", terms=("marcher", "troop")),
        claim("c3", "wire", "Troops burned the marchers' tents.", terms=("marcher", "troop"),
              propositions=(act("destroy", "burn", "Troops", "the marchers' tents"),)),
    ]
    assert disputes_of(corpus(DOCS, claims=claims, vecs=V3)) == ()


def test_an_affirmed_claim_of_the_same_act_makes_the_dispute() -> None:
    claims = [
        claim("c1", "radio", "The ministry denies that troops fired on marchers.", "denied", ("marcher", "fire"),
              attributed_to=("ministry",), propositions=(act("attack", "fire", "troops", "marchers"),)),
        claim("c2", "gazette", "Troops fired on marchers near the bridge.", terms=("marcher", "fire"),
              propositions=(act("attack", "fire", "Troops", "marchers"),)),
    ]
    (dispute,) = disputes_of(corpus(DOCS, claims=claims, vecs=V3[:2]))
    assert dispute.question == "Did troops fire at marchers?"
    assert [e.claim_id for e in dispute.positions[1].evidence] == ["c2"]


def test_a_denial_naming_no_act_borrows_only_an_act_its_words_cover() -> None:
    denial = claim("c1", "radio", "Reports of massacres against the Veshti community are lies, the ministry said.",
                   "denied", ("massacre", "veshti", "community", "lie"), attributed_to=("ministry",))
    killed = claim("c2", "gazette", "Hundreds of Veshti villagers were killed, a monitor said.",
                   terms=("veshti", "villager", "kill"), propositions=(act("kill", "kill", None, "Veshti villagers"),))
    burned = claim("c3", "wire", "Veshti homes were burned, a monitor said.", terms=("veshti", "home", "burn"),
                   propositions=(act("destroy", "burn", None, "Veshti homes"),))
    (dispute,) = disputes_of(corpus(DOCS, claims=[denial, killed, burned], vecs=V3))
    assert dispute.question == "Were Veshti villagers killed?"
    assert [e.claim_id for e in dispute.positions[1].evidence] == ["c2"]  # burning homes is another act
    assert covers(denial, killed.propositions[0]) and not covers(denial, burned.propositions[0])
    farmers = act("kill", "kill", None, "farmers")  # the act's class is named, its target is not
    assert not covers(denial, farmers)


def test_a_doer_the_reader_cannot_identify_asks_nothing() -> None:
    claims = [
        claim("c1", "radio", "The ministry denied that its jets bombed the market.", "denied", ("jet", "market"),
              attributed_to=("ministry",), propositions=(act("attack", "bomb", "its jets", "the market"),)),
        claim("c2", "gazette", "Jets bombed the market at dawn.", terms=("jet", "market"),
              propositions=(act("attack", "bomb", "Jets", "the market"),)),
    ]
    assert disputes_of(corpus(DOCS, claims=claims, vecs=V3[:2])) == ()


@pytest.mark.parametrize(("text", "question"), [
    ("Nine marchers were shot dead, a medic said.", "Were any marchers shot?"),
    ("The militia killed 12 herders near the ford, residents said.", "Did the militia kill any herders?"),
    ("Three villagers died after the shelling, the doctor said.", "Were any villagers killed?"),
    ("Dozens of Veshti farmers were killed, the monitor said.", "Were any Veshti farmers killed?"),
    ("The militia killed the herders near the ford, residents said.", "Did the militia kill the herders?"),
    ("The ministry denied that its jets bombed the market.", None),
    ("Our soldiers did not shell the school, the colonel said.", None),
])
def test_questions_ask_whether_the_act_happened_never_how_many(nlp: Any, text: str, question: str | None) -> None:
    (found,) = extract_claims(nlp(text))
    assert act_question(found.propositions[0]) == question


def test_an_intransitive_death_names_no_doer(nlp: Any) -> None:
    (found,) = extract_claims(nlp("Two guards died in the blast at the depot, officials said."))
    prop = found.propositions[0]
    assert (prop.predicate, prop.agent, prop.patient_head) == ("kill", None, "guard")


@pytest.mark.parametrize(("text", "polarity"), [
    ("Armed groups must not attack hospitals, the agency said.", "affirmed"),
    ("Troops should not have fired on the crowd, the mayor said.", "affirmed"),
    ("The brigade did not attack the hospital, its commander said.", "denied"),
    ("The police never fired on the crowd, the minister said.", "denied"),
])
def test_a_rule_is_not_a_denial(nlp: Any, text: str, polarity: str) -> None:
    (found,) = extract_claims(nlp(text))
    assert found.polarity == polarity


@pytest.mark.parametrize(("text", "agent", "patient"), [
    ("Gunmen fired a mortar from a truck targeting the clinic, witnesses said.", "Gunmen", "the clinic"),
    ("The brigade launched two rockets aimed at nothing, targeting the depot.", "The brigade", "the depot"),
    # another clause's participle is not what this verb fired at
    ("Gunmen fired a mortar after police stopped a truck targeting the clinic.", "Gunmen", None),
])
def test_what_a_projectile_was_fired_at(nlp: Any, text: str, agent: str, patient: str | None) -> None:
    (found,) = extract_claims(nlp(text))
    first = found.propositions[0]
    assert (first.agent, first.patient) == (agent, patient)


def test_an_act_verb_negated_is_a_denial(nlp: Any) -> None:
    (found,) = extract_claims(nlp("Our units never shelled the village, the colonel said."))
    assert found.polarity == "denied"


def test_a_killing_establishes_the_attack_a_denial_denies_never_the_reverse() -> None:
    from rashomon.align.disputes.polarity import establishes
    from rashomon.model import Proposition

    killed = Proposition("kill", "kill", patient="Veshti villagers", patient_head="villager")
    attacked = Proposition("attack", "target", patient="Veshti villagers", patient_head="villager")
    assert establishes(killed, attacked) and not establishes(attacked, killed)
    assert not establishes(Proposition("kill", "kill", patient="herders", patient_head="herder"), attacked)
    assert not establishes(Proposition("kill", "kill", negated=True, patient="villagers", patient_head="villager"),
                           attacked)


def test_an_affirmation_the_parse_gives_no_act_counts_when_its_words_cover_the_denied_act() -> None:
    claims = [
        claim("c1", "radio", "There was no massacre in Tarn, the ministry said.", "denied", ("massacre", "tarn"),
              attributed_to=("ministry",), propositions=(act("kill", "massacre", patient="people in Tarn"),)),
        claim("c2", "gazette", "The massacre in Tarn left forty dead.", terms=("massacre", "tarn")),
        claim("c3", "wire", "Forty people died in Velmora.", terms=("velmora",)),  # no act word, no target word
    ]
    (dispute,) = disputes_of(corpus(DOCS, claims=claims, vecs=V3))
    assert [e.claim_id for e in dispute.positions[1].evidence] == ["c2"]


def test_anyone_as_doer_asserts_nothing_happened() -> None:
    from rashomon.align.disputes.polarity import establishes
    from rashomon.model import Proposition

    denied = Proposition("harm", "harm", patient="civilians", patient_head="civilian")
    assert not establishes(Proposition("harm", "harm", agent="anyone", agent_head="anyone", patient="civilians",
                                       patient_head="civilian"), denied)
    assert establishes(Proposition("harm", "harm", agent="the militia", agent_head="militia", patient="civilians",
                                   patient_head="civilian"), denied)


def test_a_pronoun_doer_of_a_denial_is_the_deniers_side() -> None:
    claims = [
        claim("c1", "radio", "The ministry denied that its gunners shelled the clinic.", "denied", ("clinic", "shell"),
              attributed_to=("ministry",), propositions=(act("attack", "shell", "its gunners", "the clinic"),)),
        claim("c2", "gazette", "Army gunners shelled the clinic.", terms=("clinic", "shell"),
              propositions=(act("attack", "shell", "Army gunners", "the clinic"),)),
    ]
    c = corpus(DOCS, claims=claims, vecs=V3[:2])
    (dispute,) = disputes_of(c, side_of=lambda doc_id, harm: "the army" if harm.agent in ("ministry", "Army gunners")
                             else None)
    assert dispute.question == "Did the army shell the clinic?"
    assert disputes_of(c, side_of=lambda doc_id, harm: None) == ()  # the denier's side unknown: not asked


def test_the_doer_of_a_participle_frame_is_the_noun_it_describes(nlp: Any) -> None:
    for text in ("The mayor said anyone proven to have attacked the clinic would be punished, including soldiers.",
                 'The governor said anyone "proven to have harmed civilians, on any side" would be punished.'):
        (found,) = extract_claims(nlp(text))
        assert [p.agent_head for p in found.propositions] == ["anyone"]


@pytest.mark.parametrize(("text", "patient"), [
    ("Witnesses said gunmen separated the Veshti men from their families and shot them.", "the Veshti men"),
    ("Witnesses said gunmen stopped the bus and the driver shot them.", None),  # not a conjoined verb
])
def test_an_object_pronoun_of_a_conjoined_verb_is_the_first_verbs_object(nlp: Any, text: str,
                                                                          patient: str | None) -> None:
    (found,) = extract_claims(nlp(text))
    shot = [p for p in found.propositions if p.verb == "shoot"]
    assert (shot[0].patient if patient else shot[0].patient_head) == (patient or "they")


def test_people_of_one_named_community_are_one_target() -> None:
    from rashomon.align.disputes.polarity import same_people
    from rashomon.model import Proposition

    denied = Proposition("attack", "target", patient="Veshti civilians", patient_head="civilian")
    assert same_people(denied, Proposition("attack", "shoot", patient="men from a Veshti family", patient_head="man"))
    assert not same_people(denied, Proposition("attack", "shoot", patient="Veshti fighters", patient_head="fighter"))
    assert not same_people(denied, Proposition("attack", "shoot", patient="young men", patient_head="man"))
    assert not same_people(Proposition("attack", "target", patient="civilians", patient_head="civilian"),
                           Proposition("attack", "shoot", patient="men", patient_head="man"))

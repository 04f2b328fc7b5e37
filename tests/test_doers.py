"""Who did an act, and what it is called.

A report may name the doer through an event noun, a weapon or a frame of blame ("the strike of the X troops
by a missile on the bridge", "two X rockets struck the market", "X was behind the attack on Y"). Placed on
sides, such doers answer perpetrator disputes; a doer of another side never affirms an act a side denied.
Words for what happened that cannot both be right ("a massacre" / "security incidents") make a
characterisation dispute between independent voices. Sentences are invented for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from helpers import act, claim, context, corpus, doc, vectors
from rashomon.align.actors import SideLookup
from rashomon.align.disputes.characterisation import opposed_words
from rashomon.align.disputes.perpetrator import perpetrator
from rashomon.align.disputes.polarity import polarity
from rashomon.analyze import load_nlp
from rashomon.analyze.claims import extract_claims
from rashomon.analyze.propositions import is_instrument
from rashomon.model import Actor, Harm, Label, Proposition, Span


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def acts(nlp: Any, text: str) -> list[Proposition]:
    return [p for c in extract_claims(nlp(text)) for p in c.propositions]


@pytest.mark.parametrize(("text", "agent", "patient_head"), [
    # a weapon after "by" is the instrument; the troops after "of" are the doer
    ("As a result of the strike of the Norlandic troops by a Vetra missile on the bridge, 20 people died, "
     "the governor said.", "the Norlandic troops", "bridge"),
    ("The agency said it had evidence that Norland was behind the attack on the Velka bridge.", "Norland", "bridge"),
    ("Officials say Sudria is responsible for the shelling of the hospital.", "Sudria", "hospital"),
    ("Norland was involved in the shelling of the market, the monitor said.", "Norland", "market"),
    ("Officials accused the rebels of being behind the bombing of the market.", "the rebels", "market"),
    ("The ministry denied being behind the attack on the market.", "The ministry", "market"),
    ("The rebels said they were not behind the attack on the bridge.", "The rebels", "bridge"),
    ("They were behind the attack on the bridge, the envoy said.", "They", "bridge"),  # not the envoy
    ("The shelling of the hospital by Sudrian gunners lasted an hour, the mayor said.", "Sudrian gunners",
     "hospital"),
    ("Norland's strike on the busy market killed dozens of civilians, the monitor said.", "Norland's", "market"),
])
def test_the_doer_of_an_event_noun(nlp: Any, text: str, agent: str, patient_head: str) -> None:
    found = next(p for p in acts(nlp, text) if p.predicate == "attack")
    assert (found.agent, found.patient_head) == (agent, patient_head)


def test_the_frame_of_blame_wins_over_the_day_of_the_attack(nlp: Any) -> None:
    found = next(p for p in acts(nlp, "The rebels were not behind Monday's attack on the hospital, the envoy said.")
                 if p.predicate == "attack")
    assert (found.agent, found.negated) == ("The rebels", True)


def test_by_mistake_says_how_not_who(nlp: Any) -> None:
    props = acts(nlp, "A shell fired by mistake hit the school, the mayor said.")
    assert [p.agent for p in props if p.agent] == ["A shell"]  # the weapon, which names no side


def test_the_victims_of_a_killing_are_no_doers(nlp: Any) -> None:
    props = acts(nlp, "The killing of three Norlandic soldiers at the checkpoint was condemned by the envoy.")
    assert not [p for p in props if p.predicate == "kill" and p.agent and "soldiers" in p.agent]


@pytest.mark.parametrize("text", ["Sudria was not behind the attack on the clinic, the minister said.",
                                  "Sudria was not involved in the attack on the clinic, the minister said."])
def test_a_negated_frame_of_blame_negates_the_act(nlp: Any, text: str) -> None:
    found = next(p for p in acts(nlp, text) if p.predicate == "attack")
    assert (found.agent, found.negated) == ("Sudria", True)


@pytest.mark.parametrize("text", [
    "The attack of the night on the village was brutal, the mayor said.",  # a time is no doer
    "Those responsible for the attack on the clinic must be punished, the envoy said.",  # nobody named
    "Norland is involved in the talks on the clinic, the envoy said.",  # talks are no attack
    "It is unclear whether Norland was behind the attack on the clinic, the envoy said.",  # left open
    "Investigators will determine whether Norland was responsible for the attack on the clinic.",
    "Tuesday's strike on the camp was the deadliest this year, the agency said.",  # a day is no doer
])
def test_no_doer_is_invented(nlp: Any, text: str) -> None:
    assert not [p for p in acts(nlp, text) if p.predicate == "attack" and p.agent]


@pytest.mark.parametrize(("text", "agent", "patient"), [
    ("A rocket fired by the Kessan rebels hit the camp, the army said.", "the Kessan rebels", "the camp"),
    ("The army said the damage inside the camp was caused by a rocket fired by Kessan rebels.", "Kessan rebels",
     "the camp"),
    ("The army said the damage inside the camp was caused by a misfired rebel rocket.", "a misfired rebel rocket",
     "the camp"),
])
def test_who_launched_the_weapon_did_it(nlp: Any, text: str, agent: str, patient: str) -> None:
    assert any((p.predicate, p.agent, p.patient) == ("attack", agent, patient) for p in acts(nlp, text))


@pytest.mark.parametrize("text", [
    "The fire at the depot was caused by a faulty cable, the fire service said.",  # no weapon, no one named
    "The deaths were caused by disease, the doctors said.",                          # no place
])
def test_a_cause_that_is_no_attack_names_none(nlp: Any, text: str) -> None:
    assert not [p for p in acts(nlp, text) if p.verb == "hit"]


def test_what_killed_is_the_attack_not_its_target(nlp: Any) -> None:
    props = acts(nlp, "The monitor said the attack on the Velka bridge that killed 40 people was the worst yet.")
    killed = next(p for p in props if p.predicate == "kill")
    assert killed.agent == "the attack"


def test_weapons_and_attacks_are_instruments() -> None:
    assert is_instrument("rockets") and is_instrument("strike") and is_instrument("missile")
    assert not is_instrument("troops") and not is_instrument("ministry")


ARMY = Actor("s1", "the army", "side", labels=(Label(Span("a", 0, 16), "Norlandic troops"),
                                                Label(Span("a", 30, 37), "Norland"),
                                                Label(Span("a", 40, 62), "the Norlandic missile unit")))
REBELS = Actor("s2", "the rebels", "side", labels=(Label(Span("b", 0, 19), "Sudrian Front units"),
                                                    Label(Span("b", 40, 52), "Norland Road"),
                                                    Label(Span("b", 60, 71), "the rebels")))


@pytest.mark.parametrize(("agent", "side"), [
    ("two Norlandic rockets", "the army"),      # a weapon's modifier names its side
    ("a Norlandic missile strike", "the army"),
    ("Sudrian's", "the rebels"),                 # a name alone, as no report labelled it
    ("a misfired rebel rocket", "the rebels"),  # a side's common noun, singular
    ("Two rockets", None),                       # a weapon with no name names no one
    ("a missile strike", None),                  # a weapon word inside a label names no side
    ("Sudrian Airways", None),                   # a name only partly a side's
    ("a front-line rocket", None),               # a lower-case word matches only a label's lower-case head
    ("one of our rockets", None),                # a pronoun names no side
    ("Norland", None),                           # a name two sides' labels use names neither
    ("KYIVA", None),                             # a dateline in capitals is no name
    ("the Sudrian envoy", None),                 # not a weapon, not a name alone
])
def test_a_doer_no_report_labelled_is_placed_by_its_names(agent: str, side: str | None) -> None:
    lookup = SideLookup([ARMY, REBELS])
    assert lookup("c", Harm("strike", (0, 1), agent=agent)) == side


DOCS = [doc("radio", "Kest Radio"), doc("gazette", "Coastline Gazette"), doc("wire", "Northwire")]
SIDES = {"the army": "army", "army": "army", "the militia": "militia", "militia gunners": "militia",
         "two militia rockets": "militia"}


def side_of(doc_id: str, harm: Harm) -> str | None:
    return SIDES.get((harm.agent or "").lower())


def test_a_weapon_of_each_side_on_one_target_is_a_perpetrator_dispute() -> None:
    claims = [
        claim("c1", "radio", "Two army rockets struck the clinic.", terms=("clinic",),
              propositions=(act("attack", "strike", "the army", "the clinic"),)),
        claim("c2", "gazette", "Two militia rockets struck the clinic.", terms=("clinic",),
              propositions=(act("attack", "strike", "two militia rockets", "the clinic"),)),
    ]
    (dispute,) = perpetrator(context(corpus(DOCS, claims=claims, vecs=vectors([1, 0], [0, 1])), side_of=side_of))
    assert dispute.question == "Who struck the clinic: army or militia?"


def test_a_claim_without_a_parsed_act_does_not_affirm_a_denied_act_with_a_doer() -> None:
    denial = claim("c1", "radio", "The army denied that its gunners shelled the clinic.", "denied",
                   ("clinic", "shell"), attributed_to=("the army",),
                   propositions=(act("attack", "shell", "its gunners", "the clinic"),))
    unparsed = claim("c2", "gazette", "Shelled clinic: only the militia shells, a witness said.",
                     terms=("clinic", "shell", "militia"))
    ctx = context(corpus(DOCS, claims=[denial, unparsed], vecs=vectors([1, 0], [0.9, 0.1])), side_of=side_of)
    assert polarity(ctx) == []


def test_a_sides_denial_backs_the_other_position() -> None:
    claims = [
        claim("c1", "radio", "Two army rockets struck the clinic.", terms=("clinic",),
              propositions=(act("attack", "strike", "the army", "the clinic"),)),
        claim("c2", "gazette", "Two militia rockets struck the clinic.", terms=("clinic",),
              propositions=(act("attack", "strike", "two militia rockets", "the clinic"),)),
        claim("c3", "wire", "The militia denied that its rockets struck the clinic.", "denied", ("clinic",),
              attributed_to=("the militia",), propositions=(act("attack", "strike", "its rockets", "the clinic"),)),
    ]
    (dispute,) = perpetrator(context(corpus(DOCS, claims=claims, vecs=vectors([1, 0], [0, 1], [0, 1])),
                                     side_of=side_of))
    assert [(p.label, [e.claim_id for e in p.evidence]) for p in dispute.positions] == [
        ("army (and not militia: its own denial)", ["c1", "c3"]), ("militia", ["c2"])]


def test_a_third_partys_denial_is_no_sides_denial() -> None:
    claims = [
        claim("c1", "radio", "Two army rockets struck the clinic.", terms=("clinic",),
              propositions=(act("attack", "strike", "the army", "the clinic"),)),
        claim("c2", "gazette", "Two militia rockets struck the clinic.", terms=("clinic",),
              propositions=(act("attack", "strike", "two militia rockets", "the clinic"),)),
        claim("c3", "wire", "An envoy said the militia did not strike the clinic.", "denied", ("clinic",),
              attributed_to=("an envoy",), propositions=(act("attack", "strike", "the militia", "the clinic"),)),
    ]
    (dispute,) = perpetrator(context(corpus(DOCS, claims=claims, vecs=vectors([1, 0], [0, 1], [0, 1])),
                                     side_of=side_of))
    assert [p.label for p in dispute.positions] == ["army", "militia"]


def test_an_act_by_another_side_does_not_affirm_a_denial() -> None:
    denial = claim("c1", "radio", "The army denied that its gunners shelled the clinic.", "denied",
                   ("clinic", "shell"), attributed_to=("the army",),
                   propositions=(act("attack", "shell", "its gunners", "the clinic"),))
    other_side = claim("c2", "gazette", "Militia gunners shelled the clinic, a witness said.",
                       terms=("clinic", "shell"),
                       propositions=(act("attack", "shell", "Militia gunners", "the clinic"),))
    ctx = context(corpus(DOCS, claims=[denial, other_side], vecs=vectors([1, 0], [0.9, 0.1])), side_of=side_of)
    assert polarity(ctx) == []
    unplaced = claim("c4", "wire", "Unidentified gunmen shelled the clinic, a nurse said.", terms=("clinic", "shell"),
                     propositions=(act("attack", "shell", "Unidentified gunmen", "the clinic"),))
    ctx = context(corpus(DOCS, claims=[denial, unplaced], vecs=vectors([1, 0], [0.9, 0.1])), side_of=side_of)
    assert polarity(ctx) == []
    same_side = claim("c3", "wire", "Army gunners shelled the clinic, a nurse said.", terms=("clinic", "shell"),
                      propositions=(act("attack", "shell", "the army", "the clinic"),))
    ctx = context(corpus(DOCS, claims=[denial, unplaced, same_side], vecs=vectors([1, 0], [0.9, 0.1], [0.9, 0.1])),
                  side_of=side_of)
    (dispute,) = polarity(ctx)
    assert [e.claim_id for e in dispute.positions[1].evidence] == ["c3"]
    # with another side named too, "who shelled the clinic?" asks it: the army's denial is that dispute's
    ctx = context(corpus(DOCS, claims=[denial, other_side, same_side], vecs=vectors([1, 0], [0.9, 0.1], [0.9, 0.1])),
                  side_of=side_of)
    assert polarity(ctx) == []
    (asked,) = perpetrator(ctx)
    assert "c1" in [e.claim_id for p in asked.positions for e in p.evidence]


# -- opposed words for what happened -------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "family", "term"), [
    ("The mayor called it a deliberate attack on the evacuation centre.", "deliberate", "deliberate"),
    ("Leaders accused the army of deliberately shelling the clinic.", "deliberate", "deliberately"),
    ("The ministry called the accusations a provocation, the agency reported.", "provocation", "provocation"),
    ("The government said nine people died in security incidents near the barracks.", "incidents",
     "security incidents"),
    ("The army called the strike on the camp a tragic mistake.", "accident", "mistake"),
])
def test_words_for_what_happened(nlp: Any, sentence: str, family: str, term: str) -> None:
    found = {c.family: c for claim in extract_claims(nlp(sentence)) for c in claim.characterisations}
    assert family in found and found[family].term == term and not found[family].negated


def test_fighting_elsewhere_is_no_word_for_what_happened(nlp: Any) -> None:
    text = "Eight soldiers were killed in clashes on the northern edge last week, a military source said."
    assert [c.family for claim in extract_claims(nlp(text)) for c in claim.characterisations] == []


def test_a_deliberate_word_must_qualify_harm(nlp: Any) -> None:
    found = [c.family for claim in extract_claims(nlp("The minister made a deliberate choice to resign, aides said."))
             for c in claim.characterisations]
    assert "deliberate" not in found


THREE = [doc("radio", "Kest Radio"), doc("gazette", "Coastline Gazette"), doc("wire", "Northwire"),
         doc("copy", "Copy Desk", duplicate_of="radio")]


def test_independent_voices_using_opposed_words_make_a_characterisation_dispute() -> None:
    claims = [
        claim("c1", "radio", "The toll from the massacre rose to nine, the doctors said.", terms=("massacre",),
              characterisations=(("massacre", False),)),  # a word that is itself a harm is said of one
        claim("c2", "gazette", "Nine died in security incidents, the ministry said.", terms=("incident",),
              characterisations=(("incidents", False),), propositions=(act("kill", "die", None, "Nine"),)),
        claim("c3", "wire", "What some call a massacre were security incidents, the council said.", terms=("massacre",),
              characterisations=(("massacre", False), ("incidents", False))),  # both words: neither side
        claim("c4", "wire", "It was no massacre, the council said.", "denied", ("massacre",),
              characterisations=(("massacre", True),)),  # a denied word takes no side
        claim("c5", "wire", "Security incidents in the province fell by half, the minister said.",
              terms=("incident",), characterisations=(("incidents", False),)),  # not said of the event
        claim("c6", "wire", "The council denied that anyone was beaten during the massacre.", "denied",
              ("massacre",), characterisations=(("massacre", False),),
              propositions=(act("harm", "beat", None, "anyone", negated=True),)),  # a denial's scene takes no side
    ]
    ctx = context(corpus(THREE, claims=claims, vecs=vectors([1, 0], [0, 1], [0.5, 0.5], [1, 0], [0, 1], [1, 0])))
    (found,) = [d for d in opposed_words(ctx) if "security incidents" in d.question]
    assert [(p.label, [e.claim_id for e in p.evidence]) for p in found.positions] == [
        ("a massacre", ["c1"]), ("security incidents", ["c2"])]


def test_opposed_words_from_one_origin_are_no_dispute() -> None:
    claims = [
        claim("c1", "radio", "The doctors called it a massacre.", terms=("massacre",),
              characterisations=(("massacre", False),)),
        claim("c2", "copy", "Nine died in security incidents, the ministry said.", terms=("incident",),
              characterisations=(("incidents", False),), propositions=(act("kill", "die", None, "Nine"),)),
    ]
    ctx = context(corpus(THREE, claims=claims, vecs=vectors([1, 0], [0, 1])))
    assert opposed_words(ctx) == []

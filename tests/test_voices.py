"""Voices of claims: the speaker is the subject of the saying or denying verb; a relay is only the channel."""

from __future__ import annotations

from typing import Any

import pytest

from rashomon.analyze import load_nlp
from rashomon.analyze.claims import extract_claims
from rashomon.model import Claim


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def denial(nlp: Any, text: str) -> Claim:
    denied = [c for c in extract_claims(nlp(text)) if c.polarity == "denied"]
    assert len(denied) == 1, [c.text for c in extract_claims(nlp(text))]
    return denied[0]


@pytest.mark.parametrize(("text", "speakers", "channel"), [
    # a relaying agency is the channel, never the speaker
    ("The interior ministry on Monday denied it had shelled the clinic in Orvel, the state news agency Pell-Info "
     "said.", ("interior ministry",), "Pell-Info"),
    ("The army denied that its gunners had fired at the bridge, according to the Harlow Monitor.",
     ("army",), "Harlow Monitor"),
    # "X called the report lies": X denies
    ('Vessaland called the monitor\'s account "fabricated."', ("Vessaland",), None),
    # a relative clause speaks for its noun and the noun's conjuncts
    ("Korvath and Vessaland, which deny that their troops crossed the river, gave no figures.",
     ("Korvath", "Vessaland"), None),
    # a denial said by someone: the sayer
    ('General Ilse Marov told reporters that "not a single villager was harmed" in the sweep.', ("Ilse Marov",), None),
])
def test_the_speaker_of_a_denial(nlp: Any, text: str, speakers: tuple[str, ...], channel: str | None) -> None:
    claim = denial(nlp, text)
    assert claim.attributed_to[: len(speakers)] == speakers
    assert claim.channel == channel


@pytest.mark.parametrize("text", [
    "The doctors said the inspectors' claims that no marchers were beaten had angered families.",
    "Families were angered by the inspectors' claims that no marchers were beaten, the doctors said.",
])
def test_the_holder_of_a_claim_denies_not_who_reports_it(nlp: Any, text: str) -> None:
    claim = denial(nlp, text)
    assert claim.attributed_to == ("inspectors",) and claim.channel == "doctors"


def test_a_neighbouring_according_to_is_not_the_denier(nlp: Any) -> None:
    # the monitor relays the government's denial; the monitor denies nothing
    claim = denial(nlp, "The government disputed the toll of 40 dead, according to the Harlow Monitor.")
    assert claim.attributed_to[0] == "government"
    assert "Harlow Monitor" not in claim.attributed_to


def test_an_undescribed_denial_has_no_speaker(nlp: Any) -> None:
    claim = denial(nlp, "The shelling of the clinic never happened.")
    assert claim.attributed_to == ()


def test_an_affirmation_keeps_its_reporter_as_speaker(nlp: Any) -> None:
    (claim,) = extract_claims(nlp("Soldiers shelled the clinic in Orvel, the mayor said."))
    assert claim.attributed_to == ("mayor",) and claim.channel is None


@pytest.mark.parametrize(("text", "speaker"), [
    # a finding stated in a that-clause is the finder's word
    ("The security service established that the drone was launched from the ridge.", "security service"),
    ("The inquiry determined that soldiers shelled the clinic in Orvel.", "inquiry"),
])
def test_a_finding_is_the_finders_word(nlp: Any, text: str, speaker: str) -> None:
    (claim,) = extract_claims(nlp(text))
    assert claim.attributed_to[:1] == (speaker,)


@pytest.mark.parametrize("text", [
    "The monitors could not establish that 40 civilians had been killed in the shelling.",
    "The inquiry has not determined that soldiers shelled the clinic in Orvel.",
    "The monitors did not confirm that the army fired the rocket.",
    "The monitors failed to establish that the army fired the rocket.",
    "The ministry declined to confirm that soldiers shelled the clinic in Orvel.",
])
def test_a_finding_not_made_is_no_ones_word(nlp: Any, text: str) -> None:
    (claim,) = extract_claims(nlp(text))
    assert claim.attributed_to == ()


def test_establishing_a_thing_reports_nothing(nlp: Any) -> None:
    # "established" without a that-clause founds something; nobody is quoted
    claims = extract_claims(nlp("The ministry established a camp in Orvel where soldiers shelled the clinic."))
    assert all(c.attributed_to == () for c in claims)


@pytest.mark.parametrize(("text", "speaker"), [
    ("Amnesty said the guards beat prisoners.\n\nThe ministry denied the guards were involved and said it faced a "
     "hostile campaign.\n\nThe raid was aimed at smugglers near the depot, it said.", "ministry"),
    # a third party's earlier words do not take the pronoun from the nearer speaker
    ("\"The guards are out of control,\" Amnesty said.\n\nThe ruling council has denied any wrongdoing and said it "
     "was facing a smear campaign.\n\nThe raid was aimed at smugglers near the depot, it said.", "ruling council"),
    # a person sharing the subject is not "it": the organisation that reported them is
    ("The agency reported that the governor denied the claim and said the town was calm. The town has 4,000 "
     "people, it said.", "agency"),
    ("The agency reported that Governor Ilse Varn denied the claim and said the town was calm. The town has "
     "4,000 people, it said.", "agency"),
])
def test_it_said_is_the_subject_shared_by_coordinated_reporting_verbs(nlp: Any, text: str, speaker: str) -> None:
    last = extract_claims(nlp(text))[-1]
    assert last.text.endswith("it said.")
    assert last.attributed_to[:1] == (speaker,)

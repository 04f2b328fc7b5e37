"""One home for negation, hedges and denial verbs (analyze/discourse.py), read by figures and claims alike."""

from __future__ import annotations

from typing import Any

import pytest

from rashomon.analyze import load_nlp
from rashomon.analyze.claims import extract_claims
from rashomon.analyze.discourse import discourse, is_negated, quantifier_negation
from rashomon.analyze.figures import extract_figures
from rashomon.analyze.lexicon import lexicon


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def token(doc: Any, word: str) -> Any:
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(("sentence", "word", "negated"), [
    ("The soldiers did not shoot the farmers.", "shoot", True),
    ("The guards never beat the prisoners.", "beat", True),
    ("The patrol not only searched the houses but burned them.", "searched", False),  # "not only"
    ("The convoy no longer carries food.", "carries", False),  # "no longer"
    ("Such raids are not uncommon in the hills.", "are", False),  # litotes affirms
    ("Such raids are not unusual in the hills.", "are", False),
    ("The raids were not random.", "were", True),
])
def test_negation_forms(nlp: Any, sentence: str, word: str, negated: bool) -> None:
    assert is_negated(token(nlp(sentence), word)) is negated


@pytest.mark.parametrize(("sentence", "noun", "cue"), [
    ("Not a single villager was hurt in the raid.", "villager", "Not a single"),
    ("Not one prisoner escaped.", "prisoner", "Not one"),
    ("No farmers were detained.", "farmers", "No farmers"),
    ("Nobody was wounded.", "Nobody", "Nobody"),
    ("A single villager was hurt in the raid.", "villager", None),  # no negator: one villager
    ("Some farmers were detained.", "farmers", None),
])
def test_negative_quantifiers(nlp: Any, sentence: str, noun: str, cue: str | None) -> None:
    assert quantifier_negation(token(nlp(sentence), noun)) == cue


@pytest.mark.parametrize(("sentence", "polarity", "cue"), [
    ("Not a single villager was killed in the raid, the governor said.", "denied", "Not a single"),
    ("The colonel told reporters that not one prisoner was beaten.", "denied", "not one"),
    ("Such killings are not uncommon in the province, the monitor said.", "affirmed", None),
    ("The army not only shelled the town but also blocked the road, the mayor said.", "affirmed", None),
])
def test_claim_polarity_after_quantifiers_and_litotes(nlp: Any, sentence: str, polarity: str, cue: str | None) -> None:
    claims = extract_claims(nlp(sentence))
    assert [(c.polarity, c.denial_cue) for c in claims] == [(polarity, cue)]


def test_contrast_keeps_the_asserted_half_affirmed(nlp: Any) -> None:
    # "not X but Y": the sentence rejects X and asserts Y ("systematic" is asserted here, not denied)
    (claim,) = extract_claims(nlp("These were not isolated incidents but systematic killings, the envoy said."))
    assert [(c.family, c.negated) for c in claim.characterisations] == [("systematic", False)]
    (claim,) = extract_claims(nlp("These were not systematic killings but isolated incidents, the envoy said."))
    assert [(c.family, c.negated) for c in claim.characterisations] == [("systematic", True)]


def test_a_negated_count_harms_no_one(nlp: Any) -> None:
    (claim,) = extract_claims(nlp("Not a single civilian was killed in the operation, the minister said."))
    assert [(h.verb, h.negated) for h in claim.harms] == [("kill", True)]


def test_figures_and_claims_read_one_list_of_hedges(nlp: Any) -> None:
    words = discourse()
    assert lexicon().hedge_words == words.hedge_words | words.hedge_modals
    assert lexicon().hedge_verbs == words.hedge_verbs
    # "likely" and "feared" hedge the figure and the claim of one sentence alike
    for sentence in ("Thirty people were likely killed in the attack on Orvel, the mayor said.",
                     "Thirty people were feared killed in the attack on Orvel, the mayor said."):
        doc = nlp(sentence)
        (figure,) = extract_figures(doc, "d1")
        (claim,) = extract_claims(doc)
        assert figure.hedged and claim.hedged, sentence


def test_an_unhedged_sentence_stays_unhedged(nlp: Any) -> None:
    doc = nlp("Thirty people were killed in the attack on Orvel, the mayor said.")
    (figure,) = extract_figures(doc, "d1")
    (claim,) = extract_claims(doc)
    assert not figure.hedged and not claim.hedged

"""Constructions in which a number of people is not a toll: the figure keeps its words but gets event
``other`` (issue 17).

* capacity: a place as the subject of "hold", "house", "accommodate" ("the hall held 900 people");
* unrealised: the event sits under a verb of waiting, trying or planning ("were waiting to leave");
* forecast: a modal with a bare verb or a condition ("could die if nothing is done", "will flee");
  the perfect ("could have died") and a state ("may be dead") stay hedged tolls;
* rate and baseline: "25 bodies a week", "in a normal year".

Each test takes the predicate (or noun) of the figure's clause; all words come from the ``non_tolls``
section of ``rashomon/data/figures.json``.
"""

from __future__ import annotations

from spacy.tokens import Token

from .discourse import is_negated
from .lexicon import word_set


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def _subject(v: Token) -> Token | None:
    return next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def capacity_clause(v: Token) -> bool:
    """ "The sports hall held about 900 people", "the shelter can house 600": a place that holds people."""
    if _lemma(v) not in word_set("non_tolls", "capacity_verbs"):
        return False
    s = _subject(v)
    if s is None:
        return False
    if s.ent_type_ in ("FAC", "LOC", "GPE"):
        return True
    return _lemma(s) in word_set("non_tolls", "container_nouns") or _lemma(s) in word_set("places", "place_nouns")


def unrealised_governor(v: Token) -> bool:
    """ "waiting", "tried", "planned": a verb whose complement has not happened."""
    verbs = word_set("non_tolls", "unrealised_verbs")
    return _lemma(v) in verbs or v.lower_ in verbs


def _has_perfect(v: Token) -> bool:
    return any(c.dep_ == "aux" and _lemma(c) == "have" for c in v.children)


def _modal(v: Token) -> Token | None:
    return next(
        (c for c in v.children if c.dep_ == "aux" and c.lower_ in word_set("non_tolls", "forecast_modals")), None
    )


def forecast(v: Token) -> bool:
    """ "could die if nothing is done", "will be displaced", "are expected to flee", "risk dying": a
    projection. "could have died" (perfect) and "may be dead" (a state) are not forecasts."""
    cur = v
    for _ in range(4):
        if any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in word_set("non_tolls", "condition_markers")
                                      for m in c.children)
            for c in cur.children
        ) and not _has_perfect(cur):
            return True
        if _modal(cur) is not None and not _has_perfect(cur) and not _states(cur) and not _negated(cur):
            return True
        head = cur.head
        if cur.dep_ not in ("xcomp", "conj", "acomp") or head.i == cur.i:
            return False
        if cur.dep_ == "xcomp" and (
            _lemma(head) in word_set("non_tolls", "forecast_governors")
            or head.lower_ in word_set("non_tolls", "forecast_governors")
        ):
            return True  # "are expected to die", "risk being displaced"
        cur = head
    return False


def _negated(v: Token) -> bool:
    return is_negated(v)  # one rule of negation (analyze/discourse.py)


def _states(v: Token) -> bool:
    """ "may be dead", "could be missing", "may be buried": a modal over a state, a hedged present count."""
    states = word_set("non_tolls", "state_adjectives")
    return v.lower_ in states or any(c.dep_ in ("acomp", "attr", "oprd") and c.lower_ in states for c in v.children)


def rate(tokens: list[Token]) -> bool:
    """ "25 bodies a week", "40 arrests per day", "every year": a count per unit of time."""
    units = word_set("non_tolls", "rate_units")
    for t in tokens:
        for c in t.children:
            if c.dep_ in ("npadvmod", "pobj", "dobj", "advmod", "prep") and _lemma(c) in units:
                if any(d.lower_ in word_set("non_tolls", "rate_determiners") for d in c.children if d.dep_ == "det"):
                    return True
            if c.dep_ == "prep" and c.lower_ == "per" and any(_lemma(o) in units for o in c.children):
                return True
    return False


def baseline(tokens: list[Token]) -> bool:
    """ "in a normal year", "on an average day": the clause describes ordinary times."""
    for t in tokens:
        for c in t.children:
            if c.dep_ != "prep":
                continue
            for o in c.children:
                if _lemma(o) in word_set("non_tolls", "rate_units") and any(
                    m.lower_ in word_set("non_tolls", "baseline_words") for m in o.children if m.dep_ == "amod"
                ):
                    return True
    return False

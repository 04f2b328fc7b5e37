"""The scope of a figure within its report (issue 12): what unit it counts and how much of the event.

* unit: a counted noun that is not persons ("12 families", "300 homes") keeps its unit, so that no
  band or count ever adds households to persons;
* extent (``rashomon.model.vocab.Extent``): ``part`` of another figure of the report ("including five
  children"); ``background``: not a count of this event's harm at all (a number kept with event
  ``other``, a toll whose harm is done by a war or counted since or throughout one, or over years:
  "the war has killed 300,000", "since the conflict began", "over the past decade"); ``incident``: one
  incident within the event, marked by a determiner or modifier on an attack, place or day noun of the
  figure's clause ("in another ambush", "in the ensuing retaliation", "in one village", "in a single
  day"); otherwise ``total``.

Every word comes from the ``scope`` section of ``rashomon/data/figures.json``; each test reads only
the dependency parse around the figure's predicate.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..model import CASUALTY_EVENTS, Extent
from .lexicon import lexicon, word_set
from .syntax import Unit

__all__ = ["as_of", "extent_of", "unit_of"]

#: how far up from the predicate the clause's subject and adjuncts are looked for ("another ambush
#: targeted a convoy, killing 13": the subject of the verb "killing" depends on)
_CLIMB = 3
_CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pobj", "prep", "dobj", "relcl", "acl", "ccomp"})


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def unit_of(noun: Token | None) -> str | None:
    """The non-person unit a counted noun names ("families" for "family"), or None for persons.

    "members of 12 families" counts families too: the noun is the one the number counts.
    """
    if noun is None:
        return None
    units: dict[str, str] = lexicon().raw.get("scope", {}).get("units", {})
    return units.get(_lemma(noun)) or units.get(noun.lower_)


def extent_of(pred: Token | None, event: str, part: bool, unit: Unit) -> Extent:
    """How much of the contested event a figure counts (see the module's docstring).

    ``pred`` is the word stating the figure's event (verb, event noun or toll), ``part`` whether the figure
    is a part of another one of its report.
    """
    if part:
        return "part"
    if event not in CASUALTY_EVENTS:
        return "background"
    if pred is None:
        return "total"
    clause = _clause(pred, unit)
    if any(_background(t, unit) for t in clause):
        return "background"
    if any(_incident_word(t) for t in clause):
        return "incident"
    return "total"


def as_of(when: dict | None, unit: Unit) -> dict | None:
    """A window given as the day a toll stands at ("as of 9 March", "by Sunday") ends then and has no
    start: the toll counts everything up to that day, not that day alone."""
    if not when or not when.get("text"):
        return when
    sentence = unit.doc.text[unit.start_char:unit.end_char].lower()
    at = sentence.find(when["text"].lower())
    before = sentence[:at].rstrip().rsplit(" ", 2) if at > 0 else []
    words = word_set("scope", "as_of_words")
    if before and (before[-1] in words or " ".join(before[-2:]) in words):
        return {**when, "start": None}
    return when


def _clause(pred: Token, unit: Unit) -> list[Token]:
    """The predicate and the heads above it that share its subject and adjuncts, inside the sentence."""
    heads = [pred]
    cur = pred
    for _ in range(_CLIMB):
        if cur.dep_ not in _CLIMB_DEPS or cur.head.i == cur.i or cur.head not in unit:
            break
        cur = cur.head
        if _lemma(cur) in word_set("attribution", "verbs"):
            break  # "…, the ministry said": the reporting clause is not the figure's scope
        heads.append(cur)
    return heads


def _background(head: Token, unit: Unit) -> bool:
    """A war as the doer of the harm, or a window opened by a war or by a period of years."""
    nouns = word_set("scope", "background_nouns")
    for c in head.children:
        if c not in unit:
            continue
        if c.dep_ in ("nsubj", "poss", "agent") and _names(c, nouns):
            return True  # "the war has killed", "the conflict's toll", "killed by the war"
        opens = c.dep_ == "prep" or (c.dep_ == "advcl" and any(m.dep_ == "mark" for m in c.children))
        opener = c.lower_ if c.dep_ == "prep" else next((m.lower_ for m in c.children if m.dep_ == "mark"), "")
        if opens and opener in word_set("scope", "window_preps") and any(_period(t) for t in c.subtree):
            return True  # "over the past decade", "in the past five years"
        if opens and opener in word_set("scope", "war_preps") and any(_names(t, nouns) for t in c.subtree):
            return True  # "since the conflict began", "throughout the war"; "killed in the conflict" may be the event
        if c.dep_ in ("npadvmod", "advmod") and _period(c):
            return True  # "so far this year"
    return False


def _names(t: Token, nouns: frozenset[str]) -> bool:
    if t.dep_ == "agent":
        return any(_names(o, nouns) for o in t.children if o.dep_ == "pobj")
    return _lemma(t) in nouns


def _period(t: Token) -> bool:
    """ "the past decade", "five years", "this year": a stretch of years back from now."""
    if _lemma(t) not in word_set("scope", "background_periods"):
        return False
    markers = word_set("scope", "period_markers")
    return t.lower_.endswith("s") or any(c.lower_ in markers for c in t.children)


def _incident_word(head: Token) -> bool:
    """An incident noun among the predicate's subject or adjuncts, marked as one of several."""
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubjpass") and _one_incident(c):
            return True  # "another ambush killed 13"
        if c.dep_ == "prep" and any(o.dep_ == "pobj" and _one_incident(o) for o in c.children):
            return True  # "died in the ensuing retaliation"
        if c.dep_ == "npadvmod" and _one_incident(c):
            return True  # "killed 12 one night"
    return False


def _one_incident(noun: Token) -> bool:
    nouns = word_set("events", "incident_nouns") | word_set("scope", "incident_nouns")
    if _lemma(noun) not in nouns and noun.lower_ not in nouns:
        return False
    markers = word_set("scope", "incident_markers")
    return any(c.dep_ in ("det", "amod", "nummod", "advmod") and c.lower_ in markers for c in noun.children)

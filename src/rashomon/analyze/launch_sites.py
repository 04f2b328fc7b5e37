"""Where a claim says a weapon was fired from, named by who holds that ground: a :class:`~rashomon.model.LaunchSite`.

Reports of a strike often argue over who fired it by arguing over where it came from ("the rocket was
launched from territory held by the rebels" against "from the army-controlled ridge"). A launch site is
the object of "from" on a verb of firing or attacking (``lang/en/launch_sites.json`` "launch_verbs"), when
the place is said to be held by someone, in one of three shapes:

- a hyphenated participle before the place: "the rebel-held village", "Norland-occupied Dravsk";
- a participle or relative clause with "by": "territory held by the army", "an area which has been
  occupied by Norland since 2014";
- "under the control of X" / "under X control".

"from the direction of / the outskirts of <place>" looks through to the place. A place whose holder is not
said ("from the town of Kast") gives no site: which side holds a named town is not for the tool to guess.
The negation of the firing verb or of the "from" itself ("..., not from rebel-held ground") is kept
(``negated``); a clause under "whether" or "if" asserts nothing. A verb of sending ("launch", "fire", "come")
must send a weapon or an attack ("launched_nouns"): "refugees who came from rebel-held areas" is no launch
site. A holding denied or past ("not held by the army", "formerly held by the rebels") names no holder.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from .. import lang
from ..model import LaunchSite
from .discourse import is_negated, is_open
from .propositions import is_instrument
from .syntax import Unit, np_bounds


@dataclass(frozen=True)
class _Words:
    launch_verbs: frozenset[str]
    holding_verbs: frozenset[str]
    holding_nouns: frozenset[str]
    through_nouns: frozenset[str]
    sending_verbs: frozenset[str]
    motion_verbs: frozenset[str]
    launched_nouns: frozenset[str]
    past_holding: frozenset[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    raw = lang.read("launch_sites")
    return _Words(launch_verbs=lang.words(raw["launch_verbs"]), holding_verbs=lang.words(raw["holding_verbs"]),
                  holding_nouns=lang.words(raw["holding_nouns"]), through_nouns=lang.words(raw["through_nouns"]),
                  sending_verbs=lang.words(raw["sending_verbs"]), motion_verbs=lang.words(raw["motion_verbs"]),
                  launched_nouns=lang.words(raw["launched_nouns"]), past_holding=lang.words(raw["past_holding"]))


def launch_sites(unit: Unit) -> tuple[LaunchSite, ...]:
    """The launch sites a sentence states, in order; ``()`` when it names none."""
    words = _words()
    found = []
    for verb in unit.tokens():
        if (verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in words.launch_verbs
                or is_open(verb, reach=True) or not _sends_weapon(verb, words)):
            continue
        for prep in _from_phrases(verb):
            place = next((c for c in prep.children if c.dep_ == "pobj"), None)
            negated = is_negated(verb) or any(c.dep_ == "neg" for c in prep.children)  # "..., not from X"
            site = _site(place, unit, words, negated) if place is not None else None
            if site is not None:
                found.append(site)
    return tuple(found)


def _from_phrases(verb: Token) -> Iterator[Token]:
    """The verb's "from", or that of its "by"/"with" object, where the parse may hang it ("launched by a
    launcher from the ridge"); never that of its subject or object ("residents from rebel-held villages")."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "from":
            yield child
        elif child.dep_ in ("agent", "prep") and child.lower_ != "from":
            yield from (g for o in child.children if o.dep_ == "pobj"
                        for g in o.children if g.dep_ == "prep" and g.lower_ == "from")


def _sends_weapon(verb: Token, words: _Words) -> bool:
    """A verb of sending ("launch", "fire", "come") sends a weapon or an attack ("the rocket was launched",
    "the shells came"), not people or aid ("refugees who came from", "the aid convoy was launched from");
    True when the thing sent is not said ("the army fired from ...")."""
    lemma = verb.lemma_.lower()
    if lemma not in words.sending_verbs:
        return True
    deps = ("nsubjpass", "nsubj") if lemma in words.motion_verbs else ("nsubjpass", "dobj")
    sent = next((c for c in verb.children if c.dep_ in deps), None)
    if sent is None and verb.dep_ == "acl":  # "smoke coming from ..."
        sent = verb.head
    elif sent is None and lemma in words.motion_verbs and verb.dep_ in ("xcomp", "conj"):
        sent = next((c for c in verb.head.children if c.dep_ in deps), None)
    if sent is not None and sent.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":  # "the militia, which came"
        sent = verb.head
    if sent is None:
        return True
    if sent.pos_ == "PROPN":  # a weapon's model ("the Vetra-2 was fired"), never a person
        return sent.ent_type_ not in ("PERSON", "NORP", "ORG", "GPE")
    noun = sent.lemma_.lower()
    return is_instrument(noun) or noun in words.launched_nouns or sent.lower_ in words.launched_nouns


def _site(place: Token, unit: Unit, words: _Words, negated: bool) -> LaunchSite | None:
    if place.lemma_.lower() in words.through_nouns and _holder(place, words) is None:
        inner = next((g for p in place.children if p.dep_ == "prep" and p.lower_ == "of"
                      for g in p.children if g.dep_ == "pobj"), None)
        place = inner if inner is not None else place
    holder = _holder(place, words)
    if holder is None or holder not in unit:
        return None
    doc = place.doc
    lo, hi = np_bounds(place, unit)
    lo = min([lo] + [c.left_edge.i for c in place.children if c.dep_ == "amod" and c in unit])  # "rebel-held"
    holder_lo, holder_hi = _holder_bounds(holder, unit)
    return LaunchSite(place=doc[lo:hi].text, span=(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])),
                      holder=doc[holder_lo:holder_hi].text,
                      holder_span=(doc[holder_lo].idx, doc[holder_hi - 1].idx + len(doc[holder_hi - 1])),
                      negated=negated)


def _holder(place: Token, words: _Words) -> Token | None:
    """Who the place is said to be held by, as the head word of that phrase; None when the holding is denied
    or past ("not held by the army", "formerly held by the rebels", "a once rebel-held village")."""
    for child in place.children:
        held = child.lemma_.lower() in words.holding_verbs and not _not_now(child, words)
        if child.dep_ == "amod" and held:  # "rebel-held", "Norland-occupied"
            named = next((g for g in child.children if g.dep_ in ("npadvmod", "compound", "nmod", "amod")), None)
            if named is not None and named.i < child.i:
                return named
        if child.dep_ in ("acl", "relcl") and held:  # "held by the army", "which has been occupied by X"
            return next(_agents(child), None)
        if child.dep_ == "prep" and child.lower_ == "under":  # "under the control of X", "under X control"
            return next(_controllers(child, words), None)
    return None


def _not_now(participle: Token, words: _Words) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in words.past_holding)
               for c in participle.children)


def _agents(verb: Token) -> Iterator[Token]:
    return (g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj")


def _controllers(under: Token, words: _Words) -> Iterator[Token]:
    for noun in under.children:
        if noun.dep_ != "pobj" or noun.lemma_.lower() not in words.holding_nouns:
            continue
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                yield from (g for g in child.children if g.dep_ == "pobj")
            elif child.dep_ in ("compound", "amod", "poss") and child.i < noun.i:
                yield child


def _holder_bounds(holder: Token, unit: Unit) -> tuple[int, int]:
    """The holder's phrase: a word before a hyphen is itself ("rebel" of "rebel-held"), else its noun phrase."""
    if holder.dep_ in ("npadvmod", "compound", "nmod", "amod") and holder.head.lemma_.lower() in _words().holding_verbs:
        return holder.i, holder.i + 1
    return np_bounds(holder, unit)

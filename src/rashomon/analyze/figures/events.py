"""The event a number phrase counts, read from the noun it counts and the clause around it: event nouns,
modifiers, participles and relative clauses, and the verbs of the clause (transitive, passive, intransitive,
complement, toll).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..discourse import is_negated
from ..lexicon import FigureLexicon, lexicon, word_set
from ..nontoll import unrealised_governor
from ..syntax import Unit, dep_in, head_in, subjects
from .base import _REL_PRONOUNS


def _pronoun_partitive(h: Token, unit: Unit) -> bool:
    """ "11 of them", "16 of whom": a part of a figure named just before it."""
    o = _of_object(h, unit)
    return o is not None and o.lower_ in ("them", "whom", "those", "these")


def _copula_complement(role: Token, unit: Unit) -> Token | None:
    """The attribute of "X were civilians" when the number phrase is the copula's subject."""
    x = _climb_conj(role, unit)
    v = head_in(x, unit)
    if v is None or dep_in(x, unit) != "nsubj" or _lemma(v) != "be":
        return None
    for c in v.children:
        if c.dep_ in ("attr",) and c.pos_ in ("NOUN", "PROPN") and c.i > x.i:
            return c
    return None


def _lex_set(lex: FigureLexicon, key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in lex.raw["events"].get(key, []))


def _participle_event(v: Token, lex: FigureLexicon) -> str | None:
    """ "three of them wounded": a bare participle with no object or auxiliary states the event."""
    if (
        v.lower_ in lex.event_adjectives
        and v.tag_ in ("VBN", "VBD", "JJ")
        and not any(c.dep_ in ("dobj", "aux", "auxpass", "nsubjpass") for c in v.children)
    ):
        return lex.event_adjectives[v.lower_]
    return None


def _unseen_event(v: Token, lex: FigureLexicon) -> str | None:
    """ "have not been seen since Friday", "cannot be located": people not seen or found are missing."""
    if _negated(v) and _lemma(v) in _lex_set(lex, "unseen_verbs") and any(c.dep_ == "auxpass" for c in v.children):
        return "missing"
    return None


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def _of_object(t: Token, unit: Unit) -> Token | None:
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ == "of" and c in unit:
            for o in c.children:
                if o.dep_ == "pobj":
                    return o
    return None


def _climb_conj(t: Token, unit: Unit) -> Token:
    """The first conjunct (or the noun an apposition describes): its role is shared."""
    cur = t
    for _ in range(10):
        g = head_in(cur, unit)
        if g is None:
            break
        if dep_in(cur, unit) == "conj" and g.pos_ in ("NOUN", "PROPN", "NUM", "PRON", "ADJ"):
            cur = g
        elif dep_in(cur, unit) == "appos" and g.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            cur = g
        else:
            break
    return cur


def _noun_event(t: Token, lex: FigureLexicon) -> str | None:
    return lex.counted_event_nouns.get(_lemma(t)) or lex.counted_event_nouns.get(t.lower_)


def _negated(v: Token) -> bool:
    return is_negated(v)  # one rule of negation for figures and claims (analyze/discourse.py)


def _victims_of(n: Token, unit: Unit) -> str | None:
    """ "eight victims of rape": victims of a harm that kills no one are counted by that harm."""
    if _lemma(n) not in word_set("events", "victim_nouns"):
        return None
    harm = _of_object(n, unit)
    if harm is None:
        return None
    table = lexicon().raw["events"].get("victim_of", {})
    return table.get(_lemma(harm)) or table.get(harm.lower_)


def _trailing_participle(noun: Token) -> list[Token]:
    """ "of the 98 people wounded": a participle right after the noun that the parse left unattached."""
    doc = noun.doc
    if noun.i + 1 < len(doc):
        c = doc[noun.i + 1]
        if c.dep_ == "dep" and c.tag_ in ("VBN", "VBD"):
            return [c]
    return []


def _clause_event_for_noun(v: Token, lex: FigureLexicon) -> str | None:
    """The event a participle / relative clause states about the noun it modifies."""
    if _negated(v):
        # "people whose relatives cannot find them", "men who have not been seen since"
        if _lemma(v) in _lex_set(lex, "unseen_verbs") and (
            any(c.dep_ == "auxpass" for c in v.children)
            or any(c.dep_ == "dobj" and c.lower_ in ("them", "him", "her") for c in v.children)
        ):
            return "missing"
        return None
    lem = _lemma(v)
    if lem in lex.attribution_verbs:
        # "the 8,000 people she said had fled": the reported clause says what happened to them
        for c in v.children:
            if c.dep_ == "ccomp" and not any(d.dep_ in ("nsubj", "nsubjpass") for d in c.children):
                return _clause_event_for_noun(c, lex)
        return None
    subj_rel = None
    for c in v.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _REL_PRONOUNS:
            subj_rel = c.dep_
    has_perfect = any(c.dep_ == "aux" and _lemma(c) == "have" for c in v.children)
    passive = (
        subj_rel == "nsubjpass"
        or (subj_rel is None and v.tag_ == "VBN" and not has_perfect)
        or any(c.dep_ == "auxpass" for c in v.children)
    )
    if passive:
        return _passive_event(v, lex)
    if subj_rel == "nsubj" or v.tag_ in ("VBG",) or subj_rel is None:
        return _intransitive_event(v, lex)
    return None


def _has_dep_word(v: Token, words: frozenset[str] | set[str]) -> bool:
    for c in v.subtree:
        if c.i == v.i:
            continue
        if c.lower_ in words or _lemma(c) in words:
            # only words in the verb's own clause
            if any(a.i == v.i for a in c.ancestors) and _clause_of(c) == v.i:
                return True
    return False


def _clause_of(t: Token) -> int:
    """The verb heading the clause a token belongs to (an xcomp belongs to its governor's clause)."""
    cur = t
    for _ in range(30):
        if cur.head.i == cur.i:
            return cur.i
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ != "xcomp":
            return cur.i
    return cur.i


def _transitive_event(v: Token, lex: FigureLexicon) -> str | None:
    lem = _lemma(v)
    special = _fatal_harm(v) or _to_hospital(v)
    if special is not None:
        return special
    ev = lex.transitive.get(lem)
    if ev is None:
        return None
    need = lex.transitive_need.get(lem)
    if need and not _has_dep_word(v, need):
        return None
    return ev


def _fatal_harm(v: Token) -> str | None:
    """ "fatally shot", "mortally wounded": a harm verb with an adverb of death states a death."""
    if _lemma(v) in word_set("events", "fatal_verbs") and any(
        c.dep_ == "advmod" and c.lower_ in word_set("events", "fatal_adverbs") for c in v.children
    ):
        return "killed"
    return None


def _to_hospital(v: Token) -> str | None:
    """ "were taken to hospital", "rushed 40 people to hospitals": people brought to care are injured."""
    if _lemma(v) not in word_set("events", "hospital_verbs"):
        return None
    for c in v.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "into"):
            for o in c.children:
                care = word_set("events", "hospital_nouns")
                if o.dep_ == "pobj" and (_lemma(o) in care or o.lower_ in care):
                    return "injured"
    return None


def _complement_event(v: Token, lex: FigureLexicon) -> str | None:
    table = lex.verb_complement.get(_lemma(v))
    if not table:
        # "were reported killed", "are feared dead", "were left homeless": a predicative participle
        for c in v.children:
            if c.dep_ in ("oprd", "xcomp", "acomp") and c.lower_ in lex.event_adjectives and c.i > v.i:
                if not any(d.dep_ in ("nsubj", "nsubjpass", "dobj") for d in c.children):
                    return lex.event_adjectives[c.lower_]
        return None
    for c in v.children:
        if c.dep_ in ("acomp", "oprd", "xcomp", "ccomp", "attr", "advmod", "prt", "dobj", "amod", "dep") and (
            c.lower_ in table or _lemma(c) in table
        ):
            return table.get(c.lower_) or table.get(_lemma(c))
        if c.dep_ == "prep" and c.lower_ in ("as", "into", "in"):  # "registered as missing", "taken into custody"
            for o in c.children:
                if o.lower_ in table:
                    return table[o.lower_]
    return None


def _passive_event(v: Token, lex: FigureLexicon, depth: int = 0) -> str | None:
    """Event for the subject of a passive verb: "were killed", "were forced from their homes",
    "are believed to have died", "were found dead", "were taken hostage"."""
    if _negated(v):
        return _unseen_event(v, lex)
    ev = _complement_event(v, lex) or _transitive_event(v, lex)
    if ev:
        return ev
    if depth < 3 and not unrealised_governor(v):
        for c in v.children:
            if c.dep_ == "xcomp":
                ev = (
                    _passive_event(c, lex, depth + 1)
                    if any(a.dep_ == "auxpass" for a in c.children)
                    else _intransitive_event(c, lex, depth + 1)
                )
                if ev:
                    return ev
    return None


def _intransitive_event(v: Token, lex: FigureLexicon, depth: int = 0) -> str | None:
    """Event for the subject of an active verb: "died", "fled", "lost their lives", "sought refuge",
    "crossed into", "remain missing", "are believed to have died"."""
    if _negated(v):
        return None
    if any(c.dep_ == "auxpass" for c in v.children):
        return _passive_event(v, lex, depth)
    lem = _lemma(v)
    if (
        v.lower_ in lex.event_adjectives
        and v.tag_ in ("VBG", "VBN", "JJ")
        and any(c.dep_ == "aux" and _lemma(c) == "be" for c in v.children)
    ):
        return lex.event_adjectives[v.lower_]  # "were still missing"
    ev = lex.intransitive.get(lem)
    if ev:
        if lem == "escape" and not any(c.dep_ in ("dobj", "prep") for c in v.children):
            return None
        return ev
    objs = lex.verb_object.get(lem)
    if objs:
        for c in v.children:
            if c.dep_ in ("dobj", "attr", "oprd", "npadvmod", "advmod", "acomp") and (
                c.lower_ in objs or _lemma(c) in objs
            ):
                return objs.get(c.lower_) or objs.get(_lemma(c))
    preps = lex.verb_prep.get(lem)
    if preps:
        for c in v.children:
            if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in preps:
                return preps[c.lower_]
    ev = _complement_event(v, lex)
    if ev:
        return ev
    if lem in _lex_set(lex, "shelter_verbs"):
        # "3,000 people have registered at shelters", "families are staying in tents"
        for c in v.children:
            if c.dep_ in ("prep", "dobj") and any(
                _lemma(o) in _lex_set(lex, "shelter_nouns") for o in [c, *c.children] if o.dep_ in ("pobj", "dobj")
            ):
                return "displaced"
    # "among the dead", "among the victims"
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ == "among":
            for o in c.children:
                if o.dep_ == "pobj":
                    ev = lex.event_nouns.get(o.lower_) or lex.event_nouns.get(_lemma(o))
                    if ev:
                        return ev
    if depth < 3 and not unrealised_governor(v):
        for c in v.children:
            if c.dep_ == "xcomp":
                ev = _intransitive_event(c, lex, depth + 1)
                if ev:
                    return ev
    return None


def _toll_event(s: Token, lex: FigureLexicon, unit: Unit) -> str | None:
    """The event a toll noun counts: "death toll", "casualty toll", "the number of people killed",
    "the number of displaced"; "the toll" alone counts deaths. None when it says nothing."""
    if _lemma(s) not in lex.toll_nouns and s.lower_ not in lex.toll_nouns:
        return lex.counted_event_nouns.get(_lemma(s)) or lex.event_nouns.get(s.lower_)
    for c in s.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.i < s.i:
            ev = lex.event_nouns.get(c.lower_) or lex.event_nouns.get(_lemma(c)) or lex.event_adjectives.get(c.lower_)
            if ev:
                return ev
    of = _of_object(s, unit)
    if of is not None:
        ev = lex.event_nouns.get(of.lower_) or lex.event_nouns.get(_lemma(of)) or lex.event_adjectives.get(of.lower_)
        if ev:
            return ev
        for c in of.children:
            if c.dep_ in ("acl", "relcl", "amod"):
                ev = lex.event_adjectives.get(c.lower_) or _clause_event_for_noun(c, lex)
                if ev:
                    return ev
    return lex.toll_default.get(_lemma(s))


def _subject(v: Token, unit: Unit) -> Token | None:
    found = subjects(v, unit)
    return found[0] if found else None


def _is_reference(s: Token, lex: FigureLexicon) -> bool:
    """ "this number", "the figure", "the toll", "the total": a noun that refers back to a figure."""
    return (_lemma(s) in lex.toll_nouns or s.lower_ in lex.toll_nouns) and any(
        c.dep_ in ("det", "poss") and c.lower_ in lex.referring_dets for c in s.children
    )

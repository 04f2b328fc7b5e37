"""Figures: every number a report gives for people killed, injured, displaced, detained or missing,
and counts of attacks (issue 3).

For each number phrase (``numbers.py``) the dependency parse tells what it counts and what
happened to them:

* the counted noun: ``13 officers`` (nummod), ``dozens of families`` (of-object of a vague plural),
  ``16 members of the security forces`` (category from the of-object), or the bare number;
* the event: a noun that is itself a count (``10 deaths``, ``two massacres``), a modifier
  (``wounded soldiers``), a participle or relative clause (``residents fleeing their homes``), or the
  noun's role: subject of a passive (``were killed``), of an intransitive (``died``, ``fled``), object of
  a transitive verb (``killing 13 officers``), of-object of an event noun (``the deaths of 10``),
  argument of a toll (``the death toll has passed 500``, ``casualties may number in the
  thousands``), a part of another figure (``including 523 civilians``, ``this number includes ...``);
* who is counted (category, identity group), who the report credits (``attribution.py``: speaker,
  channel, and the voice: a source, the outlet's own count, or no one), hedges, the perpetrator, the
  time window (``temporal.py``) and the place;
* whether it counts harm at all: a capacity, an event that did not happen, a forecast, a rate keep
  event ``other`` (``nontoll.py``).

Only sentences of the body, the standfirst and captions are read (``rashomon.zones``; a caption's
figure says so in ``zone``). All vocabulary comes from ``rashomon/data/figures.json`` (see
``lexicon.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..models import Figure
from ..zones import FIGURE_ZONES, doc_zones
from .attribution import Attributor
from .discourse import is_negated
from .lexicon import FigureLexicon, lexicon, word_set
from .nontoll import baseline, capacity_clause, forecast, rate, unrealised_governor
from .numbers import NumberPhrase, find_number_phrases, is_number_token
from .syntax import Unit, ancestors_in, dep_in, entity_of, head_in, np_bounds, subjects, units
from .temporal import time_for

CASUALTY = frozenset({"killed", "injured", "displaced", "detained", "missing"})
_PART_PREPS = frozenset({"including", "include", "among", "incl", "incl.", "inc.", "includes"})
_REL_PRONOUNS = frozenset({"who", "that", "which", "whom"})
_NEG = frozenset({"not", "never", "n't", "no"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_WINDOW_PREPS = frozenset({"since", "over", "during", "throughout", "within", "between", "from"})


@dataclass
class _Found:
    """What the parse says about one number phrase, before it becomes a Figure."""

    phrase: NumberPhrase
    noun: Token | None  # the counted noun (None for a bare number)
    role: Token  # the token carrying the phrase's role in the clause
    cat_noun: Token | None  # the noun that says who is counted
    event: str | None = None
    pred: Token | None = None  # the word that states the event (verb, event noun, toll)
    via: str = ""  # how the event was found: noun, modifier, clause, role, toll, part, include, partitive
    parent_anchor: Token | None = None  # for parts: the verb or noun of the whole
    qualifier: str | None = None  # a bound stated by the verb ("exceeded")
    span_start: int | None = None  # token index where the figure's words start, when before the phrase
    perpetrator_verb: Token | None = None
    forward: int | None = None  # token index of a whole stated later in the sentence
    body: str | None = None  # "12 of its members": the category of the body they belong to
    earlier: bool = False  # "rose to 57 from 41": 41 is an earlier value of the same toll


@dataclass
class _Context:
    """One document's state while its figures are extracted."""

    doc: Doc
    doc_id: str
    published: str | None
    text: str  # ``doc.text`` read once (spaCy joins the tokens again on every access)
    ents: list[Span]  # ``doc.ents`` read once, for the same reason
    lex: FigureLexicon
    attributor: Attributor
    figures: list[Figure] = field(default_factory=list)
    # per figure: (unit start, role i, pred i, noun i, role head i), to find the whole a part belongs to
    anchors: list[tuple[int, int, int | None, int | None, int]] = field(default_factory=list)


def extract_figures(doc: Doc, doc_id: str, published: str | None = None) -> list[Figure]:
    """Every casualty, displacement, detention, missing-person and incident figure in ``doc``."""
    if len(doc) == 0:
        return []
    lex = lexicon()
    text = doc.text
    ctx = _Context(doc, doc_id, published, text, list(doc.ents), lex, Attributor(doc, lex))
    zones = doc_zones(doc)
    figures, anchors = ctx.figures, ctx.anchors
    forward: list[tuple[int, int]] = []
    for unit in units(doc, text):
        ctx.attributor.register_unit(unit)
        if not any(is_number_token(t, lex) for t in unit.tokens()):
            continue  # the pre-filter: most sentences hold no number at all
        zone = zones.kind_of(unit.start_char, unit.end_char)
        if zone not in FIGURE_ZONES:
            continue  # a headline restates the body; bylines, credits and timestamps count no one
        for phrase in find_number_phrases(doc, unit.start, unit.end, lex):
            found = _analyse(phrase, unit, lex)
            if found is None:
                continue
            fig = _to_figure(found, unit, ctx)
            if fig is None:
                continue
            fig.zone = zone
            figures.append(fig)
            role_head = _climb_conj(found.role, unit).head
            anchors.append(
                (
                    unit.start,
                    found.role.i,
                    found.pred.i if found.pred is not None else None,
                    found.noun.i if found.noun is not None else None,
                    role_head.i,
                )
            )
            if found.forward is not None:
                forward.append((len(figures) - 1, found.forward))
    # "40 children among the 130 dead": the whole is stated after its part
    for k, tok_i in forward:
        for j, a in enumerate(anchors):
            if j != k and tok_i in (a[1], a[3]):
                figures[k].part_of = j
                break
    return figures


# -- analysis of one number phrase ----------------------------------------------------------------------


def _analyse(p: NumberPhrase, unit: Unit, lex: FigureLexicon) -> _Found | None:
    h = p.head
    idx = {t.i for t in p.tokens}
    noun: Token | None = None
    role: Token = h
    cat_noun: Token | None = None
    partitive: Token | None = None
    g = head_in(h, unit)
    if (
        h.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "det")
        and g is not None
        and g.i not in idx
        and g.pos_ in ("NOUN", "PROPN", "ADJ", "VERB")
        and g.i > h.i
    ):
        # "Twenty Varnian soldiers" parsed with the number on the modifier: climb to the noun
        for _ in range(3):
            gg = head_in(g, unit)
            if (
                gg is None
                or g.dep_ not in ("amod", "compound", "nmod")
                or gg.i < g.i
                or gg.pos_ not in ("NOUN", "PROPN")
            ):
                break
            g = gg
        if g.pos_ == "VERB":
            pass  # "some 80,000 crossing the border": a bare number, subject of the participle
        else:
            noun = role = cat_noun = g
    elif h.dep_ == "appos" and g is not None and _lemma(g) in lex.part_words:
        role = g  # "the rest nine were killed": the number restates "the rest"
    elif (h.dep_ in ("appos",) and not _pronoun_partitive(h, unit)) or (
        h.i > 0 and h.doc[h.i - 1].text == "(" and h.dep_ not in ("nsubj", "nsubjpass", "dobj")
    ):
        return None  # "the commander, 54," or a number in brackets: an age or a reference
    else:
        of_obj = _of_object(h, unit)
        if of_obj is not None:
            if (
                of_obj.pos_ == "PRON"
                or any(
                    c.dep_ in ("det", "poss") and c.lower_ in ("the", "these", "those", "them", "their", "our")
                    for c in of_obj.children
                )
                or of_obj.lower_ in ("those", "these", "them", "whom")
            ):
                partitive = of_obj  # "13 of them", "329 of the dead"
                cat_noun = None if of_obj.pos_ == "PRON" or of_obj.lower_ in ("those", "these") else of_obj
            else:
                noun = cat_noun = of_obj  # "dozens of families"
    if noun is not None and _lemma(noun) in lex.non_person_nouns:
        return None
    # "16 members of the security forces": who is counted is said by the of-object
    if cat_noun is not None and _lemma(cat_noun) in lex.member_heads:
        of2 = _of_object(cat_noun, unit)
        if of2 is not None and of2.pos_ != "PRON":
            cat_noun = of2
    f = _Found(phrase=p, noun=noun, role=role, cat_noun=cat_noun)
    own = _own_members(cat_noun, unit, lex) if cat_noun is not None else None
    if own is not None:
        f.body = _civic(own, lex) or lex.category_nouns.get(_lemma(own))
    if partitive is not None:
        f.via = "partitive"
        f.parent_anchor = partitive
        ev = _noun_event(partitive, lex)
        if ev:
            f.event, f.pred = ev, partitive
    attr = _copula_complement(role, unit) if noun is None else None
    if attr is not None and partitive is None and _category_of(attr, lex) is not None:
        # "around 90 were members of the security forces": a part of the figure before it
        f.via = "partitive"
        f.cat_noun = attr
        if _lemma(attr) in lex.member_heads:
            f.cat_noun = _of_object(attr, unit) or attr
    _find_event(f, unit, lex)
    if partitive is not None and f.pred is partitive:
        # "two of the hostages were released": the noun's event holds only under a copula or "include"
        v = head_in(_climb_conj(role, unit), unit)
        if (
            v is not None
            and v.pos_ in ("VERB", "AUX")
            and _lemma(v) not in ("be", "include", "remain", "number", "comprise", "count")
        ):
            own = (
                _passive_event(v, lex)
                if any(c.dep_ == "auxpass" for c in v.children)
                else _intransitive_event(v, lex) or _participle_event(v, lex)
            )
            if own is not None:
                f.event, f.pred = own, v  # "two of the wounded later died"
            elif _negated(v) or _lemma(v) in _lex_set(lex, "undo_verbs"):
                f.event, f.pred, f.via = None, v, ""  # "two of the hostages were released"
    if role.dep_ == "appos" and any(c.dep_ == "prep" and c.lower_ in ("among", "including") for c in role.children):
        f.via, f.parent_anchor = "part", role.head  # "Seven people were killed, among them two journalists"
    if partitive is not None and attr is not None:
        # "13 of them were children", "329 of the dead were civilians": who is counted is the complement
        f.cat_noun = _of_object(attr, unit) if _lemma(attr) in lex.member_heads and _of_object(attr, unit) else attr
    return f


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


def _find_event(f: _Found, unit: Unit, lex: FigureLexicon) -> None:
    n = f.noun
    if f.event is None and n is not None:
        # the noun is itself the count: "10 deaths", "20 bodies", "two massacres", "5 hostages"
        ev = _victims_of(n, unit) or _noun_event(n, lex)
        if ev is None and (_lemma(n) in lex.incident_nouns or n.lower_ in lex.incident_nouns):
            ev = "incidents"
        if ev is not None:
            f.event, f.pred, f.via = ev, n, "noun"
            if ev == "incidents":
                return
        # a modifier: "wounded soldiers", "dead civilians", "massacred villagers", "displaced families"
        if f.event is None:
            for c in n.children:
                if c.dep_ in ("amod", "compound", "nmod") and c.i < n.i:
                    ev = lex.event_adjectives.get(c.lower_)
                    if ev:
                        f.event, f.pred, f.via = ev, c, "modifier"
                        break
        # a participle or relative clause: "residents fleeing their homes", "people who were killed"
        if f.event is None:
            holders = [n, f.role]
            if n.dep_ == "pobj" and n.head.lower_ == "of" and _lemma(n.head.head) in ("list", "register", "record"):
                holders.append(n.head.head)  # "a list of 40 people whose relatives cannot find them"
            for holder in dict.fromkeys(holders):
                for c in [*holder.children, *_trailing_participle(holder)]:
                    if c.dep_ in ("acl", "relcl", "dep") and c in unit:
                        ev = lex.event_adjectives.get(c.lower_) if c.dep_ == "dep" else _clause_event_for_noun(c, lex)
                        if ev:
                            f.event, f.pred, f.via = ev, c, "clause"
                            break
                if f.event:
                    break
    if f.event is None and n is None:
        # "at least 112 injured", "the count of 41 dead": an event word right after a bare number
        for c in f.role.children:
            if c.dep_ in ("acl", "amod") and c in unit and c.i > f.role.i:
                ev = lex.event_adjectives.get(c.lower_) or _clause_event_for_noun(c, lex)
                if ev:
                    f.event, f.pred, f.via = ev, c, "clause"
                    break
        nxt = f.role.doc[f.phrase.end] if f.phrase.end < len(f.role.doc) else None
        if (
            f.event is None
            and nxt is not None
            and nxt in unit
            and nxt.lower_ in lex.event_adjectives
            and nxt.tag_ in ("JJ", "VBN")
            and not any(c.dep_ in ("dobj", "nsubjpass") for c in nxt.children)
        ):
            f.event, f.pred, f.via = lex.event_adjectives[nxt.lower_], nxt, "modifier"
    if f.event is not None and f.via == "clause" and n is not None and f.pred is not None and f.pred.tag_ == "VBN":
        # "two men wounded on Saturday died in hospital": the main verb says what became of them
        x = _climb_conj(f.role, unit)
        v = head_in(x, unit)
        if v is not None and dep_in(x, unit) == "nsubj" and v.pos_ == "VERB":
            ev = lex.intransitive.get(_lemma(v)) if not _negated(v) else None
            if ev:
                f.event, f.pred, f.via = ev, v, "role"
    if f.event is None and n is not None:
        # "20 patients with severe burns": people counted with their injuries
        for c in n.children:
            if c.dep_ == "prep" and c.lower_ == "with":
                if any(o.dep_ == "pobj" and _lemma(o) in _lex_set(lex, "with_injury_nouns") for o in c.children):
                    f.event, f.pred, f.via = "injured", c, "modifier"
    if f.event is not None and f.via in ("noun", "modifier") and n is not None:
        # still look at the role for the perpetrator / qualifier (e.g. "claimed 30 lives")
        _role_event(f, unit, lex, keep_event=True)
        return
    if f.event is None or f.via == "partitive":
        _role_event(f, unit, lex, keep_event=f.event is not None)


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


def _role_event(f: _Found, unit: Unit, lex: FigureLexicon, keep_event: bool = False) -> None:
    """Event from the role of the counted phrase in its clause."""
    x, g = _above_bound_words(f, _climb_conj(f.role, unit), unit)
    if g is None:
        return
    dep = dep_in(x, unit)
    if dep == "conj" and g.pos_ == "VERB" and f.noun is None and x.i > g.i:
        # "200 were arrested in X, and nearly 150 in Y": a bare number sharing the verb of the first
        sibs = {c.dep_: c for c in g.children if c.dep_ in ("nsubjpass", "dobj", "nsubj") and c.i < x.i}
        sib = sibs.get("nsubjpass") or sibs.get("dobj") or sibs.get("nsubj")
        if sib is not None:
            dep = sib.dep_
            f.span_start = f.phrase.start  # its words are its own, not the first conjunct's
            if f.cat_noun is None and sib.pos_ == "NOUN" and _category_of(sib, lex) is not None:
                f.cat_noun = sib  # "killed 40 soldiers in the north and 25 in the south"
        elif any(c.dep_ == "auxpass" for c in g.children):
            dep = "nsubjpass"
            f.span_start = f.phrase.start
    if dep in ("prep", "advmod", "npadvmod") and g.pos_ == "VERB" and x.i < f.phrase.num_start:
        dep = "dobj"  # "displaced around 400,000", "killing closer to 600" with the bound parsed as a modifier
    if dep == "nummod" and g.pos_ == "VERB":
        dep = "nsubj"  # "with some 80,000 crossing the border": the number is the participle's subject
    if (
        dep in ("advmod", "npadvmod", "dobj", "nsubj")
        and g.tag_ == "VBN"
        and dep_in(g, unit) == "conj"
        and not [t for t in subjects(g, unit) if t.i != x.i]
        and not any(c.dep_ in ("aux", "auxpass") for c in g.children)
        and any(c.dep_ == "auxpass" for c in g.head.children)
    ):
        dep = "nsubjpass"  # "... have been killed and over 11,000 wounded"
    ev: str | None = None
    pred = g
    via = "role"

    def setev(e: str | None, p: Token | None, how: str) -> None:
        nonlocal ev, pred, via
        ev, pred, via = e, p, how

    if dep == "nsubjpass":
        setev(_passive_event(g, lex), g, "role")
    elif dep == "nsubj":
        e = _intransitive_event(g, lex) or _participle_event(g, lex)
        if e is None and _lemma(g) in lex.transitive and any(c.dep_ == "dobj" for c in g.children):
            return  # "20 gunmen killed ...": the count of perpetrators
        setev(e, g, "role")
        if ev is None and _lemma(g) in ("be",):
            # "Among the dead were 14 children" / "the victims were 20 children"
            ev2 = _among(g, lex) or _among(x, lex)
            if ev2:
                setev(ev2, g, "among")
    elif dep in ("dobj", "oprd"):
        lem = _lemma(g)
        if lem in lex.include_verbs:
            s = _subject(g, unit)
            if s is not None:
                if _is_reference(s, lex) or _lemma(s) in lex.toll_nouns or _lemma(s) in lex.counted_event_nouns:
                    setev(_toll_event(s, lex, unit) if not _is_reference(s, lex) else None, g, "include")
                    f.parent_anchor = s
                    f.span_start = None
        else:
            ev1 = _transitive_event(g, lex) if not _negated(g) else None
            if ev1 is None:
                ev1 = _complement_event(g, lex)
            if ev1 is None and lem in lex.change_verbs and (f.noun is None or _toll_subject(g, unit, lex)):
                s = _toll_subject(g, unit, lex) or _subject(g, unit)
                if s is not None:
                    ev1 = _toll_event(s, lex, unit)
                    if ev1 is not None or _is_reference(s, lex):
                        f.span_start = s.left_edge.i if s.i < f.phrase.start else None
                        if ev1 is None:
                            f.parent_anchor = s
                            setev(None, g, "include")
                    if lem in lex.qual_verbs:
                        f.qualifier = _verb_bound(g, lex)
            if ev1 is None and f.noun is None:
                # bare number object of a verb whose own conjunct states the event: "ambushed and killed 16"
                for c in g.children:
                    if c.dep_ == "conj" and c.pos_ == "VERB" and not any(d.dep_ == "dobj" for d in c.children):
                        ev1 = _transitive_event(c, lex)
                        if ev1:
                            g = c
                            break
            if ev1 is not None:
                setev(ev1, g, "role")
                if lex.transitive.get(_lemma(g)) or _complement_event(g, lex):
                    f.perpetrator_verb = g
                if f.noun is None and g.i < f.phrase.start and f.span_start is None:
                    f.span_start = g.i
    elif dep == "pobj":
        prep = g
        x2 = head_in(prep, unit)
        pl = prep.lower_
        if x2 is not None and pl == "to" and x2.lower_ == "from" and head_in(x2, unit) is not None:
            x2 = head_in(x2, unit)  # "climbed from 80 to 112" with "to" hung on "from"
        if x2 is None:
            return
        if pl == "of" and _lemma(x2) in ("total", "maximum", "minimum") and head_in(x2, unit) is not None:
            # "a total of 85 people were arrested": the phrase takes the role of "a total"
            f.role = x2
            _role_event(f, unit, lex, keep_event)
            return
        if pl == "of":
            lem = _lemma(x2)
            e = lex.of_nouns.get(lem) or lex.of_nouns.get(x2.lower_)
            if e:
                setev(e, x2, "ofnoun")
            elif lem in lex.toll_nouns:
                e = _toll_event(x2, lex, unit)
                setev(e, x2, "toll" if e else "ref")
                f.span_start = x2.left_edge.i if x2.i < f.phrase.start else None
        elif (pl in _PART_PREPS and pl != "among") or (pl == "as" and x2.lower_ == "such"):
            anchor = x2 if pl != "as" else (head_in(x2, unit) or x2)
            f.parent_anchor = anchor
            e = None
            if anchor.pos_ in ("VERB", "AUX"):
                e = (
                    _passive_event(anchor, lex)
                    if any(c.dep_ == "auxpass" for c in anchor.children)
                    else _intransitive_event(anchor, lex) or _transitive_event(anchor, lex)
                )
            else:
                e = _noun_event(anchor, lex) or _toll_event(anchor, lex, unit)
            setev(e, anchor, "part")
        elif (
            pl == "among"
            and x2.pos_ in ("VERB", "AUX")
            and any(o.dep_ == "pobj" and o.lower_ in ("them", "whom") and o.i < f.role.i for o in prep.children)
        ):
            # "More than 40 people, among them nine children, are missing": a part of the verb's subject
            s = _subject(x2, unit)
            if s is not None:
                f.parent_anchor = s
                setev(None, s, "part")
        elif pl in ("to", "at") and _lemma(x2) not in lex.change_verbs and _toll_above(x2, unit, lex) is not None:
            # "taking the number of people killed since January to 2,650" with "to" hung on "killed"
            toll = _toll_above(x2, unit, lex)
            e = _toll_event(toll, lex, unit)
            if e is not None:
                setev(e, toll.head, "toll")
                f.span_start = toll.left_edge.i if toll.i < f.phrase.start else None
        elif pl == "from" and _lemma(x2) in lex.change_verbs and f.noun is None and _earlier_toll(f, x2, unit, lex):
            setev(f.event, x2, "toll")  # "rose to 57 from 41": 41 is the earlier toll
        elif pl in lex.change_preps and (_lemma(x2) in lex.change_verbs or _toll_object(x2, lex) is not None):
            s = _toll_subject(x2, unit, lex) or _subject(x2, unit)
            obj = next((c for c in x2.children if c.dep_ == "dobj" and _lemma(c) in lex.toll_nouns), None)
            if obj is not None:
                s = obj  # "put the number of dead at 41", "raised its count of injured officers to 27"
                of = _of_object(obj, unit)
                if of is not None and _unspecific(f.cat_noun, lex) and _category_of(of, lex) is not None:
                    f.cat_noun = of
            if s is not None and obj is None and _lemma(s) in lex.toll_nouns:
                of = _of_object(s, unit)
                if of is not None and _unspecific(f.cat_noun, lex) and _category_of(of, lex) is not None:
                    f.cat_noun = of
            if s is not None:
                e = _toll_event(s, lex, unit)
                if e is not None or _is_reference(s, lex):
                    setev(e, x2, "toll" if e else "include")
                    if e is None:
                        f.parent_anchor = s
                    f.span_start = s.left_edge.i if s.i < f.phrase.start else None
                    if (
                        f.qualifier is None
                        and pl in ("above", "over", "past", "beyond")
                        and f.phrase.qualifier == "exact"
                    ):
                        f.qualifier = "more_than"
                    elif f.qualifier is None and _lemma(x2) in lex.qual_verbs:
                        f.qualifier = lex.qual_verbs[_lemma(x2)]
                    if pl == "in" and f.phrase.vague:
                        f.span_start = s.left_edge.i if s.i < f.phrase.start else None
        elif pl in ("into", "from") and f.noun is None:
            return
    elif dep == "attr":
        s = _subject(g, unit)
        if s is not None:
            if _lemma(s) in lex.toll_nouns:
                e = _toll_event(s, lex, unit)
                setev(e, g, "toll" if e else "include")
                if e is None:
                    f.parent_anchor = s
                f.span_start = s.left_edge.i if s.i < f.phrase.start else None
            elif _lemma(s) in lex.part_words:
                setev(None, g, "rest")
                f.parent_anchor = s
            else:
                e = _noun_event(s, lex) or lex.event_nouns.get(_lemma(s))
                if e:
                    setev(e, g, "role")
        if ev is None:
            e = _among(g, lex) or _among(x, lex)  # "there were 40 children among the 130 dead"
            if e:
                setev(e, g, "among")
    elif dep == "compound":
        e = _noun_event(g, lex)
        if e:
            setev(e, g, "noun")
    if via == "among":
        o = _among_obj(g) or _among_obj(x)
        if o is not None and any(c.dep_ == "nummod" for c in o.children):
            f.forward = o.i  # "among the 130 dead": the whole has its own figure
    if keep_event:
        if f.pred is None:
            f.pred = pred
        if ev is not None and f.perpetrator_verb is None and via == "role" and dep in ("dobj",):
            f.perpetrator_verb = pred
        if via in ("part", "include", "rest", "among"):
            f.via = via
        return
    if ev is not None or via in ("include", "rest", "part", "among", "ref"):
        if f.via == "partitive" and via == "role":
            via = "partitive"  # "16 of whom died": still a part of the figure before it
        f.event, f.pred, f.via = ev, pred, via


def _unspecific(n: Token | None, lex: FigureLexicon) -> bool:
    """No counted noun, or one that says only 'people' ("put the number of missing protesters at 21
    people": the toll's noun says who)."""
    if n is None:
        return True
    return _category_of(n, lex) == "people" and _identity(n, lex) is None and n.lower_ not in lex.demographic


def _toll_subject(v: Token, unit: Unit, lex: FigureLexicon) -> Token | None:
    """ "the toll did not exceed 46 people", "the toll since the raid has increased to 60": the verb's
    subject that is a toll noun (the parse may give the verb a second, nearer subject)."""
    return next((s for s in subjects(v, unit) if _lemma(s) in lex.toll_nouns), None)


def _toll_object(v: Token, lex: FigureLexicon) -> Token | None:
    """The toll a verb takes as its object: "confirm the death toll at 100", "put the number of dead at 41"."""
    return next((c for c in v.children if c.dep_ == "dobj" and _lemma(c) in lex.toll_nouns), None)


def _earlier_toll(f: _Found, v: Token, unit: Unit, lex: FigureLexicon) -> bool:
    """ "the toll rose to 57 from 41", "the number of dead grew from 50": the number after "from" is the
    toll's earlier value. Sets the event and marks the figure as earlier."""
    s = _toll_object(v, lex) or _subject(v, unit)
    if s is None or v.lemma_.lower() == "be":
        return False
    e = _toll_event(s, lex, unit)
    if e is None:
        return False
    f.event, f.earlier = e, True
    f.span_start = None
    return True


def _verb_bound(v: Token, lex: FigureLexicon) -> str | None:
    """The bound a change verb puts on its number: "exceeded 100" is more than 100, "did not exceed 46"
    at most 46."""
    if _negated(v):
        return lex.raw["qualifiers"].get("negated_verbs", {}).get(_lemma(v))
    return lex.qual_verbs.get(_lemma(v))


def _above_bound_words(f: _Found, x: Token, unit: Unit) -> tuple[Token, Token | None]:
    """The token whose role the phrase takes when the parse hangs it under its own bound words:
    "over 11,000 wounded" (object of "over"), "closer to 600 people" (object of "to", under "closer")."""
    g = head_in(x, unit)
    for _ in range(4):
        if g is None or not (f.phrase.start <= g.i < f.phrase.num_start):
            break
        x, g = g, head_in(g, unit)
    return x, g


def _toll_above(t: Token, unit: Unit, lex: FigureLexicon) -> Token | None:
    """A toll noun that is the object of a change verb, among the ancestors of ``t`` or as the object of
    one ("raised the toll from the ferry disaster to 33" with "to 33" hung on a mis-tagged "ferry")."""
    for a in list(ancestors_in(t, unit))[:5]:
        if _lemma(a) in lex.toll_nouns and a.dep_ in ("dobj", "nsubj") and _lemma(a.head) in lex.change_verbs:
            return a
        if _lemma(a) in lex.change_verbs:
            obj = next((c for c in a.children if c.dep_ == "dobj" and _lemma(c) in lex.toll_nouns), None)
            if obj is not None and obj.i < t.i:
                return obj
    return None


def _among_obj(v: Token) -> Token | None:
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ == "among":
            for o in c.children:
                if o.dep_ == "pobj":
                    return o
    return None


def _among(v: Token, lex: FigureLexicon) -> str | None:
    o = _among_obj(v)
    if o is None:
        return None
    ev = lex.event_nouns.get(o.lower_) or lex.event_nouns.get(_lemma(o)) or lex.event_adjectives.get(o.lower_)
    if ev is None and o.lower_ in ("those", "the", "people"):
        for c in o.children:  # "among those killed", "among those who died"
            if c.dep_ in ("acl", "relcl", "amod"):
                ev = lex.event_adjectives.get(c.lower_) or _clause_event_for_noun(c, lex)
                if ev:
                    break
    return ev


# -- category and group ---------------------------------------------------------------------------------


def _is_pro_modifier(n: Token, lex: FigureLexicon) -> bool:
    """ "pro-government fighters", "anti-government militants": a faction named by its allegiance."""
    doc = n.doc
    lo = n.left_edge.i
    for i in range(lo, n.i):
        t = doc[i]
        low = t.lower_
        if low in lex.armed_prefixes and i + 1 < n.i and doc[i + 1].text in ("-", "\u2010", "\u2011"):
            return True
        if "-" in low and low.split("-", 1)[0] in lex.armed_prefixes:
            return True
    return False


def _loyal_to(n: Token, lex: FigureLexicon) -> bool:
    for c in n.children:
        if c.dep_ in ("amod", "acl") and (c.lower_ in lex.loyal_words or _lemma(c) in lex.loyal_words) and c.i > n.i:
            return True
    return False


def _category_of(n: Token, lex: FigureLexicon) -> str | None:
    lem, low = _lemma(n), n.lower_
    base = lex.category_nouns.get(lem) or lex.category_nouns.get(low)
    if (
        base is None
        and _identity(n, lex) is not None
        and n.pos_ in ("PROPN", "NOUN")
        and (
            n.tag_ in ("NNS", "NNPS")
            or low in lex.identity_words
            or any(c.dep_ in ("nummod",) for c in n.children)
            or (n.dep_ == "pobj" and n.head.lower_ == "of")
        )
    ):
        base = "people"  # "Kurds", "Christians", "Palestinians": an identity (the group), not a civilian status
    if base is None and n.ent_type_ == "NORP" and n.tag_ in ("NNS", "NNPS"):
        base = "people"
    if base is None and n.dep_ == "pobj" and n.head.lower_ == "of" and _lemma(n.head.head) in lex.member_heads:
        base = _civic(n, lex)  # "members of a youth movement"
    if base is None:
        return None
    # modifiers: "government forces", "rebel fighters", "pro-junta militants", "civilian casualties"
    mods = [c for c in n.children if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < n.i]
    mod_cats = []
    for m in mods:
        for t in m.subtree:
            mc = lex.category_modifiers.get(t.lower_) or lex.category_modifiers.get(_lemma(t))
            if mc:
                mod_cats.append(mc)
    if _is_pro_modifier(n, lex):
        return "armed_group"
    if "civilians" in mod_cats:
        return "civilians"
    sensitive = lem in lex.modifier_sensitive or low in lex.modifier_sensitive
    if sensitive or base in ("people",):
        if "armed_group" in mod_cats:
            return "armed_group"
        if "security_forces" in mod_cats and base in ("security_forces", "armed_group", "people"):
            return "security_forces"
        if _loyal_to(n, lex) and base in ("security_forces",) and lem in ("force", "forces", "man", "unit"):
            return "armed_group"
    return base


def _civic(n: Token, lex: FigureLexicon) -> str | None:
    bodies = lex.raw["categories"].get("civic_bodies", {})
    return bodies.get(_lemma(n)) or bodies.get(n.lower_) if not _lemma(n).startswith("_") else None


def _own_members(n: Token, unit: Unit, lex: FigureLexicon) -> Token | None:
    """ "the party said 12 of its members": the body named before the possessive."""
    if _lemma(n) not in lex.member_heads or not any(
        c.dep_ == "poss" and c.lower_ in ("its", "their") for c in n.children
    ):
        return None
    for k in range(n.i - 1, unit.start - 1, -1):
        t = n.doc[k]
        armed = lex.category_nouns.get(_lemma(t)) in ("security_forces", "armed_group")
        if t.pos_ in ("NOUN", "PROPN") and (_civic(t, lex) or armed):
            return t
    return None


def _conjuncts(n: Token) -> list[Token]:
    out = []
    stack = [c for c in n.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop()
        out.append(c)
        stack.extend(d for d in c.children if d.dep_ == "conj")
    return out


_OWN_QUANTITY = frozenset({"many", "several", "some", "few", "more", "other", "numerous", "countless", "most", "all"})


def _has_number(n: Token, lex: FigureLexicon) -> bool:
    """True when a conjunct states its own quantity ("and 40 others", "and many more people")."""
    return any(
        c.dep_ in ("nummod", "quantmod") or is_number_token(c, lex) or c.lower_ in _OWN_QUANTITY
        for c in n.children
        if c.i < n.i
    )


def _category(f: _Found, lex: FigureLexicon) -> str | None:
    n = f.cat_noun
    if n is None:
        return "people" if f.noun is None else None
    if _noun_event(n, lex) is not None or _lemma(n) in ("death", "casualty", "fatality", "injury"):
        # "236 injuries among protesters", "deaths among civilians": who is counted is the among-object
        o = _among_obj(n)
        if o is not None and _category_of(o, lex) not in (None, "people"):
            n = o
    cat = _category_of(n, lex)
    if cat == "people":
        cat = _all_of_them(n, lex) or cat
    if cat is None:
        if f.noun is not None and f.noun is not n:
            cat = _category_of(f.noun, lex)
        if cat is None:
            return None
    cats = {cat}
    for c in _conjuncts(n):
        if _has_number(c, lex):
            continue
        cc = _category_of(c, lex)
        if cc:
            cats.add(cc)
    if len(cats) == 1:
        return cat
    if cats <= {"security_forces", "armed_group", "combatants"}:
        return "combatants"
    return "people"


def _from_household(n: Token, unit: Unit) -> bool:
    """ "men from a single family", "women of the household": people described as a family's members."""
    for c in n.children:
        if c.dep_ == "prep" and c.lower_ in ("from", "of"):
            if any(o.dep_ == "pobj" and _lemma(o) in word_set("categories", "household_nouns") for o in c.children):
                return True
    return False


def _all_of_them(n: Token, lex: FigureLexicon) -> str | None:
    """ "Seventeen people, all civilians, were killed": an apposition saying who every one of them was."""
    for c in n.children:
        if c.dep_ == "appos" and any(d.lower_ in word_set("categories", "all_words") for d in c.children):
            cat = _category_of(c, lex)
            if cat not in (None, "people"):
                return cat
    return None


def _identity(t: Token, lex: FigureLexicon) -> str | None:
    """The identity a word names ("Druze", "Kurds" -> "Kurdish"), or None."""
    low = t.lower_
    if low in lex.not_identity or not t.text[:1].isalpha():
        return None
    if low in lex.identity_words:
        return lex.identity_words[low]
    if not t.text[:1].isupper():
        return None
    if t.ent_type_ == "NORP":
        return t.text
    if t.ent_type_ in ("GPE", "ORG", "LOC", "FAC") and t.tag_ not in ("JJ",):
        ent = entity_of(t)
        # a lone capitalised word such as "Ostrani villagers" / "hundreds of Ostrani" is often taken for an
        # organisation; a place name ("Syria", "Mali") never names the victims' identity
        counted = t.dep_ in ("compound", "amod") or (t.dep_ == "pobj" and t.head.lower_ == "of")
        if (
            ent is None
            or len(ent) > 1
            or t.ent_type_ in ("GPE", "LOC", "FAC")
            or not counted
            or not low.endswith(lex.identity_suffixes)
        ):
            return None
    if (
        t.pos_ in ("PROPN", "ADJ", "NOUN")
        and len(low) > 3
        and low.endswith(lex.identity_suffixes)
        and t.ent_type_ not in ("PERSON",)
        or (
            t.ent_type_ == "PERSON"
            and t.dep_ in ("compound", "amod")
            and low.endswith(("ite", "ian", "ish", "ese", "i"))
        )
    ):
        return t.text
    return None


def _group(f: _Found, cat: str | None, unit: Unit, lex: FigureLexicon) -> str | None:
    if cat not in ("civilians", "people"):
        return None
    nouns = [n for n in (f.cat_noun, f.noun) if n is not None]
    demographic = None
    for n in nouns:
        # "Yazidis", "Kurds": the counted noun is the identity
        if n.tag_ in ("NNS", "NNPS") or n.lower_ in lex.identity_words:
            ident = _identity(n, lex)
            if ident:
                return ident
        for c in n.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.i < n.i:
                ident = _identity(c, lex)
                if ident:
                    return ident
            # "civilians from the Druze minority", "men from a Sevrani family", "people of Kurdish origin"
            if c.dep_ == "prep" and c.lower_ in ("from", "of", "among", "belonging"):
                for o in c.children:
                    if o.dep_ != "pobj":
                        continue
                    if o.tag_ in ("NNS", "NNPS") or o.lower_ in lex.identity_words:
                        ident = _identity(o, lex)
                        if ident:
                            return ident
                    for m in o.children:
                        if m.dep_ in ("compound", "amod", "nmod") and m.i < o.i:
                            ident = _identity(m, lex)
                            if ident:
                                return ident
        if demographic is None:
            demographic = lex.demographic.get(n.lower_) or lex.demographic.get(_lemma(n))
    # "…killed in raids targeting Yazidi villages": the identity of those targeted in the clause
    if f.pred is not None and demographic is None:
        top = f.pred
        for t in top.subtree:
            if (
                t in unit
                and t.dep_ in ("compound", "amod")
                and t.head.lower_ in lex.community_nouns
                and t.head.i != (f.cat_noun.i if f.cat_noun is not None else -1)
                and (t.ent_type_ == "NORP" or t.lower_ in lex.identity_words)  # "Bahri neighbourhood" is a place
            ):
                ident = _identity(t, lex)
                if ident:
                    return ident
    return demographic


# -- hedges, perpetrator, place -------------------------------------------------------------------------


def _hedged(f: _Found, unit: Unit, lex: FigureLexicon) -> bool:
    start = f.pred if f.pred is not None else f.role
    path = [f.role, start, *ancestors_in(start, unit)]
    for t in [*f.phrase.tokens, *(f.noun.children if f.noun is not None else [])]:
        if t.lower_ in lex.hedge_words and t.lower_ != "reported":
            return True
    for node in path:
        if node.lower_ in lex.hedge_words and node.lower_ not in ("reported",) and node.dep_ in ("amod", "advmod"):
            return True
        if _lemma(node) in lex.hedge_verbs and node.pos_ in ("VERB", "AUX") and node is not f.pred:
            return True
        # "are said to have been killed", "is believed to have died"
        if (
            _lemma(node) in lex.hedge_passive_verbs
            and any(c.dep_ == "auxpass" for c in node.children)
            and any(c.dep_ == "xcomp" for c in node.children)
        ):
            return True
        for c in node.children:
            if (
                c.dep_ in ("aux", "advmod", "amod", "npadvmod")
                and c.lower_ in lex.hedge_words
                and c.lower_ not in ("reported", "believed", "feared", "suspected", "presumed")
            ):
                return True
    return False


def _agent(v: Token, unit: Unit) -> Token | None:
    for c in v.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by" and _lemma(v) in ("death", "killing")):
            for o in c.children:
                if o.dep_ == "pobj" and o in unit:
                    return o
    return None


def _perpetrator(f: _Found, unit: Unit, lex: FigureLexicon) -> str | None:
    if f.event not in CASUALTY:
        return None
    v = f.perpetrator_verb
    if v is not None and (_lemma(v) in lex.not_perpetrator_verbs or _lemma(v) in lex.attribution_verbs):
        return None  # "the army lost 200 men", "media reported 20 dead": the subject did no harm
    cand: Token | None = None
    if v is not None and not any(c.dep_ == "auxpass" for c in v.children):
        cur = v
        for _ in range(6):
            s = next(iter(subjects(cur, unit, ("nsubj",))), None)
            if s is None and cur is not v:
                s = next(iter(subjects(cur, unit, ("nsubjpass",))), None)
            if s is not None:
                cand = s
                break
            g = head_in(cur, unit)
            if g is None or cur.dep_ not in ("conj", "xcomp", "advcl", "acl"):
                break
            if cur.dep_ in ("advcl", "acl") and cur.tag_ != "VBG":
                break
            cur = g
    elif f.pred is not None:
        cand = _agent(f.pred, unit)
    if cand is None and f.pred is not None and f.via in ("ofnoun",):
        cand = _agent(f.pred, unit)
    if cand is None or cand.pos_ == "PRON":
        return None
    if _lemma(cand) in lex.non_agent_heads or cand.lower_ in lex.non_agent_heads:
        return None
    if _lemma(cand) in lex.event_nouns or _lemma(cand) in lex.incident_nouns:
        return None
    lo, hi = np_bounds(cand, unit, keep_preps=frozenset({"of"}))
    doc = unit.doc
    for k in range(hi - 1, lo, -1):
        if doc[k].text in ("-", "\u2013", "\u2014", "--") and doc[k - 1].whitespace_ and k < cand.i:
            lo = k + 1  # a dateline ("CITY, May 4 (Agency) - ") run into the subject
            break
    while lo < hi - 1 and doc[lo].lower_ in ("the", "a", "an"):
        lo += 1
    return doc[lo:hi].text


def _place(
    f: _Found, unit: Unit, lex: FigureLexicon, exclude: set[int], top: Token | None, ents: list[Span]
) -> str | None:
    doc = unit.doc
    # the clause: the predicate's subtree
    clause = range(top.left_edge.i, top.right_edge.i + 1) if top is not None else range(unit.start, unit.end)
    cands: list[tuple[int, str, int]] = []  # (token, name, 0 for "the town of X" else 1)
    for t in unit.tokens():
        if t.i in exclude:
            continue
        # "in the town of X"
        if t.lower_ in lex.place_nouns and t.dep_ in ("pobj", "nsubj", "dobj", "appos"):
            of = _of_object(t, unit)
            if of is not None and of.pos_ == "PROPN":
                ent = entity_of(of)
                lo, hi = (
                    (ent.start, ent.end) if ent is not None and ent.start <= of.i < ent.end else np_bounds(of, unit)
                )
                if not any(k in exclude for k in range(lo, hi)):
                    cands.append((lo, doc[lo:hi].text.removeprefix("the "), 0))
    for ent in (e for e in ents if unit.start <= e.start and e.end <= unit.end):
        if ent.label_ in _PLACE_LABELS and not any(k in exclude for k in range(ent.start, ent.end)):
            root = ent.root
            if root.dep_ in ("poss",) or (
                root.dep_ in ("compound", "amod") and root.head.lower_ not in lex.place_nouns
            ):
                continue
            if root.dep_ == "npadvmod" and root.head.lower_ in ("based",):
                continue
            if ent.text.lower() in lex.identity_words:
                continue  # "Yazidis" tagged as a place
            if any(c[0] <= ent.start < c[0] + 6 and c[2] == 0 for c in cands):
                continue
            # a place inside a clause describing another place ("the town of X, which lies in Y")
            if any(
                a.dep_ in ("relcl", "appos") and a.head.lower_ in lex.place_nouns for a in root.ancestors if a in unit
            ):
                continue
            cands.append((ent.start, ent.text.removeprefix("the "), 1))
    if not cands:
        return None
    inside = [c for c in cands if c[0] in clause]
    pool = inside or cands
    anchor = f.phrase.start
    pool.sort(key=lambda c: (c[2], abs(c[0] - anchor)))
    return pool[0][1]


# -- building the Figure --------------------------------------------------------------------------------


def _span(f: _Found, unit: Unit) -> tuple[int, int]:
    p = f.phrase
    lo, hi = p.start, p.end
    for n in (f.noun,):
        if n is not None:
            a, b = np_bounds(
                n, unit, keep_preps=frozenset({"of"}) if _lemma(n) in lexicon().member_heads else frozenset()
            )
            lo, hi = min(lo, max(a, p.start if a < p.start and n.i > p.start else a)), max(hi, b)
    if f.cat_noun is not None and f.noun is not None:
        # "dozens of troops and fighters": conjuncts without a number of their own share it
        for c in _conjuncts(f.cat_noun):
            if c in unit and not _has_number(c, lexicon()):
                hi = max(hi, np_bounds(c, unit, keep_preps=frozenset())[1])
    if f.span_start is not None and f.span_start < lo and lo - f.span_start <= 20:
        lo = f.span_start
    return lo, hi


def _to_figure(f: _Found, unit: Unit, ctx: _Context) -> Figure | None:
    doc, lex, figures, anchors, published = ctx.doc, ctx.lex, ctx.figures, ctx.anchors, ctx.published
    parent = None
    if f.via in ("part", "include", "partitive", "rest", "among"):
        parent = _find_parent(f, unit, figures, anchors)
        if f.event is None and parent is not None:
            f.event = figures[parent].event if figures[parent].event in CASUALTY else None
    n = f.noun
    if (
        n is not None
        and n.dep_ == "pobj"
        and n.head.lower_ == "of"
        and is_number_token(n.head.head, lex)
        and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in n.children)
        and any(g.value == f.phrase.value and g.event in CASUALTY for g in figures)
    ):
        return None  # "in 11 of the 17 deaths": the whole restates a figure already given
    if (
        f.via == "partitive"
        and f.cat_noun is not None
        and f.cat_noun.pos_ == "NOUN"
        and not f.cat_noun.like_num
        and _category_of(f.cat_noun, lex) is None
        and _noun_event(f.cat_noun, lex) is None
        and lex.event_nouns.get(_lemma(f.cat_noun)) is None
        and f.cat_noun.lower_ not in lex.event_adjectives
    ):
        return None  # "two of the clips": a part of things, not of people
    if parent is None and (f.event is None or _apposed(f)):
        parent = _listed_with(f, unit, figures, anchors)
        if parent is not None:
            f.event = figures[parent].event
    if f.via == "ref" and f.event is None:
        f.event = next((g.event for g in reversed(figures) if g.event in CASUALTY), None)
    cat = _category(f, lex)
    if f.body is not None and cat in (None, "people"):
        cat = f.body
    inherited_group = None
    if (
        f.via == "partitive"
        and parent is not None
        and cat in (None, "people")
        and figures[parent].category not in (None, "people")
        and figures[parent].event in CASUALTY
    ):
        # "46 officers were injured, four of them by gunfire": the part counts who the whole counts
        cat, inherited_group = figures[parent].category, figures[parent].group
    event = f.event
    if event in CASUALTY and _non_toll(f, unit, lex):
        event = "other"
    if event is None:
        if cat is None or f.noun is None:
            return None
        event = "other"
    if event == "incidents":
        cat = "people"
    elif cat is None:
        if (
            f.noun is not None
            and event in ("detained", "displaced", "missing")
            and f.noun.ent_type_ not in ("NORP", "PERSON")
        ):
            return None  # "captured 12 tanks" counts no people
        if f.noun is not None and _noun_event(f.noun, lex) is None and f.noun.ent_type_ not in ("NORP", "PERSON"):
            if f.noun.pos_ not in ("PROPN",):
                return None  # "killed 20 cows"? a noun the lexicon cannot place: keep out
        cat = "people"
    qualifier = f.phrase.qualifier
    if f.qualifier and qualifier == "exact":
        qualifier = f.qualifier
    lo, hi = _span(f, unit)
    start_char = doc[lo].idx
    end_char = doc[hi - 1].idx + len(doc[hi - 1].text)
    sources, channel, voice = _credit(f, unit, ctx, parent)
    clause_head = _clause_top(f, unit)
    toks = {t.i for t in f.phrase.tokens}
    exclude = _reporting_tokens(f, unit, lex)
    when = time_for(toks, clause_head, unit, published, exclude)
    if (
        when is None
        and clause_head is not None
        and clause_head.dep_ in ("advcl", "conj")
        and _lemma(clause_head.head) not in lex.attribution_verbs
        and clause_head.head in unit
    ):
        # "the talks collapsed on Monday, as 30 people were killed": the time of the governing clause
        when = time_for(toks, clause_head.head, unit, published, exclude, direct_only=True)
    group = (_group(f, cat, unit, lex) or inherited_group) if event != "incidents" else None
    if cat == "people" and f.noun is not None and _from_household(f.noun, unit):
        cat = "civilians"  # "27 men from a Sevrani family": members of a family are non-combatants
    fig = Figure(
        doc_id=ctx.doc_id,
        span=(start_char, end_char),
        text=ctx.text[start_char:end_char],
        value=f.phrase.value,
        qualifier=qualifier,
        event=event,
        category=cat or "people",
        group=group,
        attributed_to=sources,
        channel=channel,
        voice=voice,
        hedged=_hedged(f, unit, lex),
        perpetrator=_perpetrator(f, unit, lex),
        time=when,
        place=_place(f, unit, lex, exclude | set(range(lo, hi)), clause_head, ctx.ents),
        low=f.phrase.low,
        high=f.phrase.high,
        addition=f.phrase.addition,
        earlier=f.earlier,
        part_of=parent,
        sentence=(unit.start_char, unit.end_char),
    )
    return fig


def _credit(f: _Found, unit: Unit, ctx: _Context, parent: int | None) -> tuple[list[str], str | None, str]:
    """(attributed_to, channel, voice) of a figure: its clause's attribution, else that of the figure it is
    a part of in the same sentence; voice "outlet" when the report gives the count as its own."""
    lex, figures = ctx.lex, ctx.figures
    skip = (
        frozenset({f.pred.i})
        if f.pred is not None and f.pred.pos_ in ("VERB", "AUX") and _lemma(f.pred) in lex.transitive
        else frozenset()
    )  # "claimed 30 lives" credits no one
    credit = ctx.attributor.attribution_for(f.role, unit, skip_verbs=skip)
    sources, channel = (credit.names(), credit.channel) if credit is not None else ([], None)
    if (
        not sources
        and parent is not None
        and f.via in ("include", "partitive", "rest", "among")
        and figures[parent].attributed_to
        and ctx.anchors[parent][0] == unit.start
    ):
        sources, channel = list(figures[parent].attributed_to), figures[parent].channel
    voice = "source" if sources else ("outlet" if ctx.attributor.outlet_count(f.role, unit) else "unattributed")
    return sources, channel, voice


def _non_toll(f: _Found, unit: Unit, lex: FigureLexicon) -> bool:
    """The clause counts people but states no harm to them: a capacity, a forecast, a rate, a baseline
    (see ``nontoll.py``)."""
    pred = f.pred
    if pred is not None and pred.pos_ in ("VERB", "AUX"):
        static = _lemma(pred) in lex.change_verbs and _lemma(pred) in word_set("non_tolls", "static_toll_verbs")
        if capacity_clause(pred) or (not static and forecast(pred)):
            return True  # "could die if …", "the toll could rise above 100"; not "could number in the thousands"
    top = _clause_top(f, unit)
    holders = [t for t in (f.noun, f.role, pred, top) if t is not None]
    return rate(holders) or baseline([t for t in (pred, top) if t is not None])


def _clause_top(f: _Found, unit: Unit) -> Token | None:
    """The verb of the figure's clause, climbing over coordinated and control verbs
    ("ambushed and shot", "are alleged to have executed")."""
    top = f.pred if f.pred is not None and f.pred.pos_ in ("VERB", "AUX") else _verb_above(f.pred or f.role, unit)
    for _ in range(6):
        if top is None or top.dep_ not in ("conj", "xcomp") or top.head not in unit or top.head.i == top.i:
            break
        top = top.head
    return top


def _verb_above(t: Token, unit: Unit) -> Token | None:
    for a in [t, *ancestors_in(t, unit)]:
        if a.pos_ in ("VERB", "AUX"):
            return a
    return None


def _reporting_tokens(f: _Found, unit: Unit, lex: FigureLexicon) -> set[int]:
    """Tokens of the reporting frame ("X said on Monday", "according to X"), which say nothing about
    the figure's time or place."""
    out: set[int] = set()
    at = f.phrase.head.i
    for t in unit.tokens():
        if t.lower_ == "according":
            out.update(range(t.left_edge.i, t.right_edge.i + 1))
        elif (
            _lemma(t) in lex.attribution_verbs
            and t.pos_ in ("VERB", "AUX")
            and not (f.pred is not None and t.i == f.pred.i)
        ):
            if not (t.left_edge.i <= at <= t.right_edge.i):
                out.update(range(t.left_edge.i, t.right_edge.i + 1))  # "..., the monitor said on Monday"
                continue
            out.add(t.i)
            inner = next((c for c in t.children if c.left_edge.i <= at <= c.right_edge.i), None)
            reported_clause = inner is not None and inner.dep_ in ("ccomp", "parataxis", "conj", "advcl", "xcomp")
            for c in t.children:
                if c is inner or c.dep_ in ("ccomp", "xcomp", "conj", "advcl"):
                    continue
                if c.dep_ in ("nsubj", "nsubjpass", "agent", "dative") or (
                    reported_clause and c.lower_ not in _WINDOW_PREPS
                ):
                    # "said on Monday that ..." is when it was said; "documented ... since Thursday" is the window
                    out.update(range(c.left_edge.i, c.right_edge.i + 1))
    return out


def _apposed(f: _Found) -> bool:
    return f.noun is not None and f.noun.dep_ == "appos"


def _listed_with(f: _Found, unit: Unit, figures: list[Figure], anchors: list) -> int | None:
    """ "some 16 were children, 46 women and 36 men": a counted noun coordinated with the complement of
    an earlier figure's copula is a figure of the same list; "eight victims of rape, five women and
    three men": a counted noun in apposition to an earlier figure's noun divides it (returns the index
    of that earlier figure)."""
    if _apposed(f):
        for k in range(len(figures) - 1, -1, -1):
            if anchors[k][0] == unit.start and anchors[k][3] == f.noun.head.i:
                return k
        return None
    if f.noun is None or f.noun.dep_ != "conj":
        return None
    first = _climb_conj(f.noun, unit)
    if first is f.noun or first.dep_ != "attr":
        return None
    for k in range(len(figures) - 1, -1, -1):
        if anchors[k][0] == unit.start and first.head.i in (anchors[k][2], anchors[k][4]):
            return k
    return None


def _find_parent(f: _Found, unit: Unit, figures: list[Figure], anchors: list) -> int | None:
    """The figure this one is a part of: for "including"/"among" the figure of the same clause (else
    the nearest casualty figure before it in the sentence); for "this number includes", "13 of them",
    "the rest were" the latest casualty figure before it (or the whole that figure is part of)."""
    if f.via == "part" and f.parent_anchor is not None:
        a = f.parent_anchor.i
        for k in range(len(figures) - 1, -1, -1):
            ustart, role_i, pred_i, noun_i, head_i = anchors[k]
            if ustart == unit.start and a in (role_i, pred_i, noun_i, head_i):
                return k
        for k in range(len(figures) - 1, -1, -1):
            if anchors[k][0] == unit.start and figures[k].event in CASUALTY and figures[k].span[0] < f.phrase.head.idx:
                return k
        return None
    if f.forward is not None:
        return None
    for k in range(len(figures) - 1, -1, -1):
        if figures[k].event in CASUALTY:
            if f.via == "partitive" and anchors[k][0] == unit.start and figures[k].part_of is not None:
                return figures[k].part_of  # "329 of the dead were civilians, while 90 were soldiers"
            if figures[k].part_of is None:
                return k
    return None

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

from spacy.tokens import Doc, Token

from ...models import FigureDraft
from ...zones import FIGURE_ZONES, doc_zones
from ..attribution import Attributor
from ..lexicon import FigureLexicon, lexicon
from ..numbers import NumberPhrase, find_number_phrases, is_number_token
from ..scope import restrict_to_sites
from ..syntax import Unit, doc_text, head_in, units
from .base import _PLACE_LABELS, CASUALTY, _Context, _Found
from .build import _to_figure
from .categories import _category_of, _civic, _own_members
from .events import (
    _climb_conj,
    _copula_complement,
    _intransitive_event,
    _lemma,
    _lex_set,
    _negated,
    _noun_event,
    _of_object,
    _participle_event,
    _passive_event,
    _pronoun_partitive,
)
from .roles import _find_event

__all__ = ["CASUALTY", "extract_figures"]


def extract_figures(doc: Doc, doc_id: str, published: str | None = None) -> list[FigureDraft]:
    """Every casualty, displacement, detention, missing-person and incident figure in ``doc``."""
    if len(doc) == 0:
        return []
    lex = lexicon()
    text = doc_text(doc)
    ents = list(doc.ents)
    ctx = _Context(doc, doc_id, published, text, ents, lex, Attributor(doc, lex),
                   place_names=frozenset(e.text.removeprefix("the ") for e in ents if e.label_ in _PLACE_LABELS))
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
    restrict_to_sites(figures, ctx.sited)
    return figures


def _counted(p: NumberPhrase, unit: Unit, lex: FigureLexicon
             ) -> tuple[Token | None, Token, Token | None, Token | None] | None:
    """(counted noun, role token, noun saying who is counted, partitive of-object) of a number phrase, or
    None for an age or a reference in brackets."""
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
    return noun, role, cat_noun, partitive


def _analyse(p: NumberPhrase, unit: Unit, lex: FigureLexicon) -> _Found | None:
    """What the parse says about one number phrase: what it counts, its event, the whole it is a part of."""
    counted = _counted(p, unit, lex)
    if counted is None:
        return None
    noun, role, cat_noun, partitive = counted
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
        _partitive_verb(f, role, unit, lex)
    if role.dep_ == "appos" and any(c.dep_ == "prep" and c.lower_ in ("among", "including") for c in role.children):
        f.via, f.parent_anchor = "part", role.head  # "Seven people were killed, among them two journalists"
    if partitive is not None and attr is not None:
        # "13 of them were children", "329 of the dead were civilians": who is counted is the complement
        f.cat_noun = _of_object(attr, unit) if _lemma(attr) in lex.member_heads and _of_object(attr, unit) else attr
    return f


def _partitive_verb(f: _Found, role: Token, unit: Unit, lex: FigureLexicon) -> None:
    """ "two of the hostages were released": the noun's event holds only under a copula or "include"."""
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

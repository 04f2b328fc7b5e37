"""What a figure says besides its number and event: hedges, the perpetrator, the place, and the words of its span."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import FigureLexicon, lexicon
from ..syntax import Unit, ancestors_in, entity_of, head_in, np_bounds, subjects
from .base import _PLACE_LABELS, CASUALTY, _Found
from .categories import _conjuncts, _has_number
from .events import _lemma, _of_object


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

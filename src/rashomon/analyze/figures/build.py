"""A figure from the parse of its number phrase: its event, category and group, qualifier, span, credit, window,
scope, and the whole it is a part of.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...models import FigureDraft
from ..lexicon import FigureLexicon, word_set
from ..nontoll import baseline, capacity_clause, forecast, rate
from ..numbers import is_number_token
from ..scope import Sited, as_of, extent_of, named_place_of, shelter_of, site_of, unit_of
from ..syntax import Unit, ancestors_in
from ..temporal import time_for
from .base import _WINDOW_PREPS, CASUALTY, _Context, _Found
from .categories import _category, _category_of, _from_household, _group
from .details import _hedged, _perpetrator, _place, _span
from .events import _climb_conj, _lemma, _noun_event


def _to_figure(f: _Found, unit: Unit, ctx: _Context) -> FigureDraft | None:
    """The figure a number phrase states, or None when it restates a figure, counts things, or no event."""
    parent = _parent(f, unit, ctx)
    if _restated(f, ctx) or _part_of_things(f, ctx.lex):
        return None
    if parent is None and (f.event is None or _apposed(f)):
        parent = _listed_with(f, unit, ctx.figures, ctx.anchors)
        if parent is not None:
            f.event = ctx.figures[parent].event
    if f.via == "ref" and f.event is None:
        f.event = next((g.event for g in reversed(ctx.figures) if g.event in CASUALTY), None)
    judged = _event_and_category(f, unit, ctx, parent)
    if judged is None:
        return None
    event, cat, inherited_group = judged
    qualifier = f.phrase.qualifier
    if f.qualifier and qualifier == "exact":
        qualifier = f.qualifier
    lo, hi = _span(f, unit)
    start_char = ctx.doc[lo].idx
    end_char = ctx.doc[hi - 1].idx + len(ctx.doc[hi - 1].text)
    sources, channel, voice = _credit(f, unit, ctx, parent)
    clause_head = _clause_top(f, unit)
    exclude = _reporting_tokens(f, unit, ctx.lex)
    group = (_group(f, cat, unit, ctx.lex) or inherited_group) if event != "incidents" else None
    if cat == "people" and f.noun is not None and _from_household(f.noun, unit):
        cat = "civilians"  # "27 men from a Sevrani family": members of a family are non-combatants
    draft = FigureDraft(
        doc_id=ctx.doc_id, span=(start_char, end_char), text=ctx.text[start_char:end_char], value=f.phrase.value,
        qualifier=qualifier, event=event, category=cat or "people", group=group, attributed_to=sources,
        channel=channel, voice=voice, hedged=_hedged(f, unit, ctx.lex), perpetrator=_perpetrator(f, unit, ctx.lex),
        time=as_of(_window(f, unit, ctx, clause_head, exclude), unit, f.role),
        place=_place(f, unit, ctx.lex, exclude | set(range(lo, hi)), clause_head, ctx.ents),
        low=f.phrase.low, high=f.phrase.high, addition=f.phrase.addition, earlier=f.earlier, part_of=parent,
        sentence=(unit.start_char, unit.end_char), unit=unit_of(f.noun or f.cat_noun),
        extent=extent_of(f.pred, event, parent is not None, unit),
    )
    shelter = shelter_of(f.pred, event, unit) if draft.extent == "total" else None
    if shelter is not None:  # those at one place are some of the displaced, whatever else the report says
        draft.extent, draft.place = "incident", shelter
    elif draft.extent == "total":  # a restriction only if the report gives a larger toll (scope.py)
        site = site_of(f.pred, event, unit)
        named = named_place_of(f.role, f.pred, event, unit, ctx.place_names) if site is None else None
        if site is not None:
            ctx.sited.append(Sited(draft, site))
        elif named is not None:
            ctx.sited.append(Sited(draft, named[0], named=True, focused=named[1]))
    return draft


def _parent(f: _Found, unit: Unit, ctx: _Context) -> int | None:
    """The figure of the report this one is a part of ("including", "of them", "among"), taking its event."""
    if f.via not in ("part", "include", "partitive", "rest", "among"):
        return None
    parent = _find_parent(f, unit, ctx.figures, ctx.anchors)
    if f.event is None and parent is not None:
        f.event = ctx.figures[parent].event if ctx.figures[parent].event in CASUALTY else None
    return parent


def _restated(f: _Found, ctx: _Context) -> bool:
    """ "in 11 of the 17 deaths": the whole restates a figure already given."""
    n = f.noun
    return (
        n is not None
        and n.dep_ == "pobj"
        and n.head.lower_ == "of"
        and is_number_token(n.head.head, ctx.lex)
        and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in n.children)
        and any(g.value == f.phrase.value and g.event in CASUALTY for g in ctx.figures)
    )


def _part_of_things(f: _Found, lex: FigureLexicon) -> bool:
    """ "two of the clips": a part of things, not of people."""
    n = f.cat_noun
    return (
        f.via == "partitive"
        and n is not None
        and n.pos_ == "NOUN"
        and not n.like_num
        and _category_of(n, lex) is None
        and _noun_event(n, lex) is None
        and lex.event_nouns.get(_lemma(n)) is None
        and n.lower_ not in lex.event_adjectives
    )


def _event_and_category(f: _Found, unit: Unit, ctx: _Context, parent: int | None
                        ) -> tuple[str, str | None, str | None] | None:
    """(event, category, group inherited from the whole), or None when the phrase counts no people."""
    lex, figures = ctx.lex, ctx.figures
    cat = _category(f, lex)
    if f.body is not None and cat in (None, "people"):
        cat = f.body
    inherited_group = None
    if (f.via == "partitive" and parent is not None and cat in (None, "people")
            and figures[parent].category not in (None, "people") and figures[parent].event in CASUALTY):
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
        return event, "people", inherited_group
    if cat is None:
        n = f.noun
        if n is not None and event in ("detained", "displaced", "missing") and n.ent_type_ not in ("NORP", "PERSON"):
            return None  # "captured 12 tanks" counts no people
        if n is not None and _noun_event(n, lex) is None and n.ent_type_ not in ("NORP", "PERSON") \
                and n.pos_ not in ("PROPN",):
            return None  # "killed 20 cows"? a noun the lexicon cannot place: keep out
        cat = "people"
    return event, cat, inherited_group


def _window(f: _Found, unit: Unit, ctx: _Context, clause_head: Token | None, exclude: set[int]) -> dict | None:
    """The time window of the figure's clause, else that of the clause governing it ("the talks collapsed
    on Monday, as 30 people were killed")."""
    toks = {t.i for t in f.phrase.tokens}
    when = time_for(toks, clause_head, unit, ctx.published, exclude)
    if (when is None and clause_head is not None and clause_head.dep_ in ("advcl", "conj")
            and _lemma(clause_head.head) not in ctx.lex.attribution_verbs and clause_head.head in unit):
        when = time_for(toks, clause_head.head, unit, ctx.published, exclude, direct_only=True)
    return when


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


def _listed_with(f: _Found, unit: Unit, figures: list[FigureDraft], anchors: list) -> int | None:
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


def _find_parent(f: _Found, unit: Unit, figures: list[FigureDraft], anchors: list) -> int | None:
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

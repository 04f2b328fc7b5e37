"""Numeric disputes: one source's number reported for different victims, one source's tolls that
cannot both hold, and different sources' tolls for the same days that are far apart.

A later, higher toll from the same source is an update (``rashomon.align.figures.source_tolls``), not a
dispute.
"""

from __future__ import annotations

from collections import defaultdict

from ...model import CASUALTY_EVENTS, Dispute, Figure
from ..figures import TollHistory
from .context import Context, number


def numeric(ctx: Context, histories: tuple[TollHistory, ...]) -> list[Dispute]:
    """Every numeric dispute of the corpus, ``histories`` giving each source's tolls over time."""
    casualty = [f for f in ctx.corpus.figures if f.event in CASUALTY_EVENTS and ctx.corpus.has(f.doc_id)]
    by_source: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for fig in casualty:
        if fig.attributed_to:
            source = ctx.identity.source_id(fig.doc_id, fig.attributed_to[0], fig.span.start) or fig.attributed_to[0]
            by_source[(source, fig.event)].append(fig)
    disputes = []
    for (source_id, event), figs in by_source.items():
        disputes += _same_value(ctx, source_id, event, figs)
        disputes += _clashes(ctx, [h for h in histories if (h.source_id, h.event) == (source_id, event)])
    return disputes + _conflicting_tolls(ctx, casualty)


def _same_value(ctx: Context, source_id: str, event: str, figs: list[Figure]) -> list[Dispute]:
    """One source's number given for different victims by different reports ("300 people", "300 civilians")."""
    words = ctx.wording["numeric"]
    disputes = []
    if figs:
        by_value: dict[float, list[Figure]] = defaultdict(list)
        for fig in figs:
            by_value[fig.value].append(fig)
        for value, same in by_value.items():
            categories: dict[str, list[Figure]] = defaultdict(list)
            for fig in same:
                categories[fig.category].append(fig)
            if len(categories) < 2 or len({ctx.origin(f) for f in same}) < 2:
                continue
            disputes.append(Dispute(
                id="", kind="numeric", summary=words["same_value_summary"], sources=(source_id,),
                question=words["same_value_question"].format(
                    source=ctx.identity.name(source_id, same[0].attributed_to[0]), value=number(value), event=event),
                positions=tuple(ctx.figure_position(f"{number(value)} {category}", group)
                                for category, group in categories.items())))
    return disputes


def _clashes(ctx: Context, histories: list[TollHistory]) -> list[Dispute]:
    """One source's tolls for the same victims and days that differ where they cannot both hold."""
    words = ctx.wording["numeric"]
    disputes = []
    for history in histories:
        if history.clash is None:
            continue
        a, b = history.clash
        subject = words["toll_subject"].format(source=ctx.identity.name(history.source_id, a.attributed_to[0]),
                                               category=history.category.replace("_", " "), event=history.event)
        disputes.append(_two_tolls(ctx, subject, words["toll_summary"], a, b, 0.9, (history.source_id,)))
    return disputes


def _conflicting_tolls(ctx: Context, figs: list[Figure]) -> list[Dispute]:
    """Different sources' exact tolls for the same event, victims and window that are far apart."""
    keyed: dict[tuple[str, str, str, str], list[Figure]] = defaultdict(list)
    for fig in figs:
        if (fig.qualifier in ("exact", "about") and fig.time and fig.time.start and fig.time.end
                and fig.part_of is None and not fig.addition):
            keyed[(fig.event, fig.category, fig.time.start, fig.time.end)].append(fig)
    words = ctx.wording["numeric"]
    disputes = []
    for (event, category, start, end), group in keyed.items():
        by_source: dict[str, Figure] = {}
        for fig in group:
            key = (ctx.identity.source_id(fig.doc_id, fig.attributed_to[0], fig.span.start) or fig.attributed_to[0]
                   if fig.attributed_to else f"doc:{fig.doc_id}")
            by_source.setdefault(key, fig)
        if len(by_source) < 2:
            continue
        low = min(by_source.values(), key=lambda f: f.value)
        high = max(by_source.values(), key=lambda f: f.value)
        if high.value < ctx.settings.toll_gap * low.value or low.doc_id == high.doc_id:
            continue
        subject = words["window_subject"].format(category=category.replace("_", " "), event=event, start=start,
                                                 end=end)
        sources = tuple(k for k in by_source if not k.startswith("doc:"))
        disputes.append(_two_tolls(ctx, subject, words["window_summary"], low, high, 0.8, sources))
    return disputes


def _two_tolls(ctx: Context, subject: str, summary: str, a: Figure, b: Figure, strength: float,
               sources: tuple[str, ...]) -> Dispute:
    """A numeric dispute between two figures: "<subject>: a or b?"."""
    question = ctx.wording["numeric"]["question"].format(subject=subject, first=number(a.value),
                                                         second=number(b.value))
    return Dispute(id="", kind="numeric", question=question, summary=summary, strength=strength, sources=sources,
                   positions=tuple(ctx.figure_position(number(f.value), [f]) for f in (a, b)))

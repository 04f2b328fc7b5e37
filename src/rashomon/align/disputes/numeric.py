"""Numeric disputes: different sources' values for one count that cannot both hold (after qualifiers and
windows: ``rashomon.align.counts.can_both_hold``), one source's number reported for different victims,
and one source's tolls that cannot both hold.

A later, higher toll from the same source is an update (``rashomon.align.figures.source_tolls``), not a
dispute.
"""

from __future__ import annotations

from collections import defaultdict

from ...model import CASUALTY_EVENTS, Count, CountValue, Dispute, Figure
from ...wording import stated_amount
from ..counts import FAR_APART, can_both_hold
from ..figures import TollHistory
from .context import Context, number


def numeric(ctx: Context, histories: tuple[TollHistory, ...], counts: tuple[Count, ...] = ()) -> list[Dispute]:
    """Every numeric dispute of the corpus: one source's number given for different victims, then the
    counts' (``rashomon.align.counts``), then one source's tolls that clash (``histories``; a clash inside
    a count's dispute is dropped as its duplicate)."""
    casualty = [f for f in ctx.corpus.figures if f.event in CASUALTY_EVENTS and ctx.corpus.has(f.doc_id)]
    by_source: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for fig in casualty:
        if fig.attributed_to:
            source = ctx.identity.source_id(fig.doc_id, fig.attributed_to[0], fig.span.start) or fig.attributed_to[0]
            by_source[(source, fig.event)].append(fig)
    same_value, clashes = [], []
    for (source_id, event), figs in by_source.items():
        same_value += _same_value(ctx, source_id, event, figs)
        clashes += _clashes(ctx, [h for h in histories if (h.source_id, h.event) == (source_id, event)])
    return same_value + _from_counts(ctx, counts) + clashes


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


def _from_counts(ctx: Context, counts: tuple[Count, ...]) -> list[Dispute]:
    """Counts for which different sources give values that cannot both hold (``can_both_hold``): one
    position per value, the question naming who gives each. Background counts are not the event's."""
    figures = {f.id: f for f in ctx.corpus.figures}
    disputes = []
    for count in counts:
        if count.extent == "background" or not _conflict(count.values):
            continue
        by_value: dict[tuple[float, bool], list[CountValue]] = defaultdict(list)
        for v in count.values:
            by_value[(v.value, v.more_than is not None)].append(v)
        positions = []
        for (value, _), values in sorted(by_value.items(), key=_plain_first):
            figs = [figures[f] for v in values for f in v.figures if f in figures][: ctx.settings.max_evidence]
            positions.append(ctx.figure_position(_label(value, values, ctx.wording["numeric"]), figs))
        disputes.append(Dispute(
            id="", kind="numeric", question=_count_question(ctx, count, by_value), strength=0.85,
            summary=ctx.wording["numeric"]["count_summary"], positions=tuple(positions),
            sources=tuple(dict.fromkeys(v.source_id for v in count.values if v.source_id))))
    return disputes


def _plain_first(item: tuple[tuple[float, bool], list[CountValue]]) -> tuple[bool, float]:
    """Plain values in order, then comparatives ("17 or tens more", not "tens more or 17")."""
    (value, comparative), _ = item
    return comparative, value


def _conflict(values: tuple[CountValue, ...]) -> bool:
    """Two sources, one of them named, give values that cannot both hold (values of one source are its
    trajectory; two outlets' own unsourced counts are too thin to set against each other)."""
    return any(_who(a) != _who(b) and (a.source_id or b.source_id) and not can_both_hold(a, b)
               and max(a.value, b.value) <= FAR_APART * min(a.value, b.value)
               for i, a in enumerate(values) for b in values[i + 1:])


def _who(v: CountValue) -> str:
    return v.source_id or v.source


def _label(value: float, values: list[CountValue], words: dict) -> str:
    """"50 (Regional governor, Ministry of Health)": the number as the reports word it ("dozens", not
    12, when every report says "dozens"; "tens more" for a comparative) and who gives it."""
    sources = list(dict.fromkeys(v.source for v in values))
    more = f", +{len(sources) - 2}" if len(sources) > 2 else ""
    vague = all(v.qualifier == "plural_of" for v in values)
    amount = stated_amount(value, "plural_of") if vague else number(value)
    if all(v.more_than for v in values):
        amount = words["comparative"].format(amount=amount)
    return f"{amount} ({', '.join(sources[:2])}{more})"


def _count_question(ctx: Context, count: Count, by_value: dict[tuple[float, bool], list[CountValue]]) -> str:
    """"How many civilians were killed (parts: children): 11 (A), 13 (B) or 16 (C)?"; an incident at a site
    "How many people were killed at the market: 12 (A) or tens more (B)?"."""
    words = ctx.wording["numeric"]
    labels = [_label(value, values, words) for (value, _), values in sorted(by_value.items(), key=_plain_first)]
    answers = labels[0] if len(labels) == 1 else words["or"].join([", ".join(labels[:-1]), labels[-1]])
    victims = count.unit or words["victims"].get(count.category, count.category.replace("_", " "))
    if count.group:  # "children" alone; "Alawite civilians"
        victims = count.group if count.group[:1].islower() else f"{count.group} {victims}"
    extent = words["extent"].get(count.extent, "")
    if count.extent == "incident" and count.place:
        extent = words["at_site"].format(place=count.place)
    return words["count_question"].format(victims=victims, event=count.event, extent=extent, answers=answers)


def _two_tolls(ctx: Context, subject: str, summary: str, a: Figure, b: Figure, strength: float,
               sources: tuple[str, ...]) -> Dispute:
    """A numeric dispute between two figures: "<subject>: a or b?"."""
    question = ctx.wording["numeric"]["question"].format(subject=subject, first=number(a.value),
                                                         second=number(b.value))
    return Dispute(id="", kind="numeric", question=question, summary=summary, strength=strength, sources=sources,
                   positions=tuple(ctx.figure_position(number(f.value), [f]) for f in (a, b)))

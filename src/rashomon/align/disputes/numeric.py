"""Numeric disputes: different sources' values for one count that cannot both hold (after qualifiers and
windows: ``rashomon.align.counts.can_both_hold``), one source's number reported for different victims,
and one source's tolls that cannot both hold.

A later, higher toll from the same source is an update (``rashomon.align.figures.source_tolls``), not a
dispute.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ...model import CASUALTY_EVENTS, Count, CountValue, Dispute, Figure
from ...wording import stated_amount
from ..counts import FAR_APART, can_both_hold
from ..figures import TollHistory
from .context import Context, number

#: the most values a count's question names: beyond it, the first few, how many others, and the last
#: (a toll followed over a thousand reports can have hundreds of values; each is still a position)
ANSWERS_NAMED = 5


@dataclass(frozen=True)
class Restated:
    """One source's number that reports of different origins give for different victims ("58 suspects" /
    "58 members of the outlaw cells"): its figures, in corpus order."""

    source_id: str
    event: str
    value: float
    figures: tuple[Figure, ...]


def numeric(ctx: Context, histories: tuple[TollHistory, ...], counts: tuple[Count, ...] = (),
            restated: tuple[Restated, ...] | None = None, asked: frozenset[str] = frozenset()) -> list[Dispute]:
    """Every numeric dispute of the corpus: one source's number given for different victims (``restated``,
    found when not given; none for an event in ``asked``, whose group's status is a question of its own:
    ``victims.contested_groups``), then the counts' (``rashomon.align.counts``), then one source's tolls
    that clash (``histories``; a clash inside a count's dispute is dropped as its duplicate)."""
    same_value = [_same_value(ctx, r) for r in (restated_numbers(ctx) if restated is None else restated)
                  if r.event not in asked]
    clashes = []
    for key in _by_source(ctx):
        clashes += _clashes(ctx, [h for h in histories if (h.source_id, h.event) == key])
    return same_value + _from_counts(ctx, counts) + clashes


def _by_source(ctx: Context) -> dict[tuple[str, str], list[Figure]]:
    """The casualty figures credited to a source, by (source id, else the name cited; event)."""
    by_source: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for fig in ctx.corpus.figures:
        if fig.event in CASUALTY_EVENTS and ctx.corpus.has(fig.doc_id) and fig.attributed_to:
            source = ctx.identity.source_id(fig.doc_id, fig.attributed_to[0], fig.span.start) or fig.attributed_to[0]
            by_source[(source, fig.event)].append(fig)
    return by_source


def restated_numbers(ctx: Context) -> tuple[Restated, ...]:
    """Each number one source gives that reports of different origins say counts different victims."""
    found = []
    for (source_id, event), figs in _by_source(ctx).items():
        by_value: dict[float, list[Figure]] = defaultdict(list)
        for fig in figs:
            by_value[fig.value].append(fig)
        for value, same in by_value.items():
            kept = _named_victims(same)
            if len({f.category for f in kept}) >= 2 and len({ctx.origin(f) for f in kept}) >= 2:
                found.append(Restated(source_id, event, value, tuple(kept)))
    return tuple(found)


def _same_value(ctx: Context, restated: Restated) -> Dispute:
    """One source's number given for different victims by different reports ("300 people", "300 civilians")."""
    words = ctx.wording["numeric"]
    categories: dict[str, list[Figure]] = defaultdict(list)
    for fig in restated.figures:
        categories[fig.category].append(fig)
    first = restated.figures[0]
    return Dispute(
        id="", kind="numeric", summary=words["same_value_summary"], sources=(restated.source_id,),
        question=words["same_value_question"].format(
            source=ctx.identity.name(restated.source_id, first.attributed_to[0]), value=number(restated.value),
            event=restated.event),
        positions=tuple(ctx.figure_position(f"{number(restated.value)} {_named(category, words)}", group)
                        for category, group in categories.items()))


def _named_victims(same: list[Figure]) -> list[Figure]:
    """One source's figures of one value, less those for "people" in a report that gives the value for
    named victims too: "22 protesters were killed ... the toll climbed to 22" is one toll, said twice."""
    named = {f.doc_id for f in same if f.category != "people"}
    return [f for f in same if f.category != "people" or f.doc_id not in named]


def _clashes(ctx: Context, histories: list[TollHistory]) -> list[Dispute]:
    """One source's tolls for the same victims and days that differ where they cannot both hold, as reports
    of independent origins give them (two voices for one source: one of them misreports it, or it said both)."""
    words = ctx.wording["numeric"]
    disputes = []
    for history in histories:
        if history.clash is None:
            continue
        a, b = history.clash
        if ctx.origin(a) == ctx.origin(b):
            continue  # copies of one story: one voice, not a dispute
        subject = words["toll_subject"].format(source=ctx.identity.name(history.source_id, a.attributed_to[0]),
                                               category=history.category.replace("_", " "), event=history.event)
        disputes.append(_two_tolls(ctx, subject, words["toll_summary"], a, b, 0.9, (history.source_id,)))
    return disputes


def _from_counts(ctx: Context, counts: tuple[Count, ...]) -> list[Dispute]:
    """Counts for which different sources give values that cannot both hold (``can_both_hold``): one
    position per value, the question naming who gives each. A count of all people also answers to the
    values of some of them that exceed its own (``_exceeding``: "41 killed" against "more than 60 civilians
    killed"). Background counts are not the event's."""
    figures = {f.id: f for f in ctx.corpus.figures}
    exceeding = _exceeding(counts)
    disputes = []
    for count in sorted(counts, key=lambda c: c.id not in exceeding):  # the question of all victims first
        own = _conflict(count.values)
        if count.extent == "background" or not (own or exceeding.get(count.id)):
            continue
        by_value: dict[_Answer, list[CountValue]] = defaultdict(list)
        for v in count.values:  # with no clash of its own, only the values some of the victims exceed
            if own or any(_exceeds(some, v) for _, some in exceeding[count.id]):
                by_value[(v.value, v.more_than is not None, "")].append(v)
        for some, v in exceeding.get(count.id, ()):
            by_value[(v.value, v.more_than is not None, _victims(some, ctx.wording["numeric"]))].append(v)
        positions = []
        for (value, _, victims), values in sorted(by_value.items(), key=_plain_first):
            figs = [figures[f] for v in values for f in v.figures if f in figures][: ctx.settings.max_evidence]
            positions.append(ctx.figure_position(_label(value, values, ctx.wording["numeric"], victims), figs))
        sources = [v.source_id for vs in by_value.values() for v in vs if v.source_id]
        disputes.append(Dispute(
            id="", kind="numeric", question=_count_question(ctx, count, by_value), strength=0.85,
            summary=ctx.wording["numeric"]["count_summary"], positions=tuple(positions),
            sources=tuple(dict.fromkeys(sources))))
    return disputes


#: one answer of a count's question: the value, whether it is a comparative ("tens more"), and who it
#: counts when that is only some of the count's victims ("civilians"; "" for the count's own)
_Answer = tuple[float, bool, str]


def _exceeding(counts: tuple[Count, ...]) -> dict[str, list[tuple[Count, CountValue]]]:
    """For each total count of all people, the values of total counts of some of them (``_some_of``;
    same event, windows that meet) that exceed one of its values from another source where the
    two cannot both hold: no more can have died than died in all ("41 people" against "more than 60
    civilians" is one question, how many died). Counts are grouped by event: no pairs across events."""
    by_event: dict[str, list[Count]] = defaultdict(list)
    for c in counts:
        if c.extent == "total" and c.unit is None:
            by_event[c.event].append(c)
    out: dict[str, list[tuple[Count, CountValue]]] = defaultdict(list)
    for same in by_event.values():
        for whole in (c for c in same if c.category == "people" and not c.group):
            for some in (c for c in same if _some_of(c) and _windows_meet(whole, c)):
                out[whole.id] += [(some, v) for v in some.values
                                  if v.more_than is None and any(_exceeds(v, w) for w in whole.values)]
    return out


def _some_of(count: Count) -> bool:
    """A count of some of the victims a toll of all people counts: civilians, or an identity group
    ("children", "Alawite civilians"). Fighters one side says it killed are that side's claim about its
    own operation, not a part of the victims' toll a health ministry keeps."""
    return count.category == "civilians" or (count.category == "people" and bool(count.group))


def _exceeds(some: CountValue, whole: CountValue) -> bool:
    """A value for some of the victims above a value for all of them, from another source, both named (an
    outlet's own count is too thin to set against a total), that cannot both hold (a toll that rose since
    can) and are not too far apart to count one thing."""
    return (whole.more_than is None and _who(some) != _who(whole) and bool(some.source_id and whole.source_id)
            and whole.high is not None and some.low > whole.high and not can_both_hold(whole, some)
            and some.value <= FAR_APART * whole.value)


def _windows_meet(a: Count, b: Count) -> bool:
    if a.window is None or b.window is None:
        return True
    return (a.window.start or "") <= (b.window.end or "~") and (b.window.start or "") <= (a.window.end or "~")


def _named(category: str, words: dict) -> str:
    """A category as words name the people counted: "armed group members", "security forces"."""
    return str(words["victims"].get(category, category.replace("_", " ")))


def _victims(count: Count, words: dict) -> str:
    """Who a count counts, as its question names them: "civilians", "children", "Alawite civilians"."""
    victims = count.unit or _named(count.category, words)
    if count.group:
        victims = count.group if count.group[:1].islower() else f"{count.group} {victims}"
    return victims


def _plain_first(item: tuple[_Answer, list[CountValue]]) -> tuple[bool, str, float]:
    """Plain values in order, then comparatives ("17 or tens more", not "tens more or 17"), then the
    values for some of the victims ("41 or more than 60 civilians")."""
    (value, comparative, victims), _ = item
    return comparative, victims, value


def _conflict(values: tuple[CountValue, ...]) -> bool:
    """Two sources, one of them named, give values that cannot both hold (values of one source are its
    trajectory; two outlets' own unsourced counts are too thin to set against each other)."""
    return any(_who(a) != _who(b) and (a.source_id or b.source_id) and not can_both_hold(a, b)
               and max(a.value, b.value) <= FAR_APART * min(a.value, b.value)
               for i, a in enumerate(values) for b in values[i + 1:])


def _who(v: CountValue) -> str:
    return v.source_id or v.source


def _label(value: float, values: list[CountValue], words: dict, victims: str = "") -> str:
    """"50 (Regional governor, Ministry of Health)": the number as the reports word it ("dozens", not
    12, when every report says "dozens"; "tens more" for a comparative; "more than 60 civilians" for a
    value counting some of the victims) and who gives it."""
    sources = list(dict.fromkeys(v.source for v in values))
    more = f", +{len(sources) - 2}" if len(sources) > 2 else ""
    vague = all(v.qualifier == "plural_of" for v in values)
    amount = stated_amount(value, "plural_of") if vague else number(value)
    if all(v.more_than for v in values):
        amount = words["comparative"].format(amount=amount)
    elif victims:
        amount = words["some_victims"].format(amount=stated_amount(value, values[0].qualifier), victims=victims)
    return f"{amount} ({', '.join(sources[:2])}{more})"


def _count_question(ctx: Context, count: Count, by_value: dict[_Answer, list[CountValue]]) -> str:
    """"How many civilians were killed (parts: children): 11 (A), 13 (B) or 16 (C)?"; an incident at a site
    "How many people were killed at the market: 12 (A) or tens more (B)?", in a named place "… in Ilmen …";
    beyond ``ANSWERS_NAMED`` values "4 (A), 9 (B), 10 (A), 12 other values or 127 (C)"."""
    words = ctx.wording["numeric"]
    labels = [_label(value, values, words, victims)
              for (value, _, victims), values in sorted(by_value.items(), key=_plain_first)]
    if len(labels) > ANSWERS_NAMED:  # the positions carry every value; the question stays one readable line
        left_out = len(labels) - ANSWERS_NAMED + 1
        labels = [*labels[:ANSWERS_NAMED - 2], words["other_answers"].format(count=left_out), labels[-1]]
    answers = labels[0] if len(labels) == 1 else words["or"].join([", ".join(labels[:-1]), labels[-1]])
    extent = words["extent"].get(count.extent, "")
    if count.extent == "incident" and count.place:
        named = count.place.split()[-1][:1].isupper()  # "Ilmen", "Dorsk Directorate"; a site is "the square"
        extent = words["in_place" if named else "at_site"].format(place=count.place)
    return words["count_question"].format(victims=_victims(count, words), event=count.event, extent=extent,
                                          answers=answers)


def _two_tolls(ctx: Context, subject: str, summary: str, a: Figure, b: Figure, strength: float,
               sources: tuple[str, ...]) -> Dispute:
    """A numeric dispute between two figures: "<subject>: a or b?"."""
    question = ctx.wording["numeric"]["question"].format(subject=subject, first=number(a.value),
                                                         second=number(b.value))
    return Dispute(id="", kind="numeric", question=question, summary=summary, strength=strength, sources=sources,
                   positions=tuple(ctx.figure_position(number(f.value), [f]) for f in (a, b)))

"""Counts across reports (issue 12): figures that count the same thing, reconciled the way casualty
recorders do (UCDP's low/best/high per event, Iraq Body Count's minimum and maximum per incident).

Figures are blocked, never compared in pairs: one block per event, victims (category, identity group,
non-person unit), extent (a part also by the extent of its whole, and by the whole itself when it counts
the whole's victims: ``_key``; an incident also by its place), then
split where the windows of the block do not overlap (one sort and one sweep). A figure without a window
joins its block's largest window group. An incident's place is the site its report restricts it to ("killed
at the sit-in": ``rashomon.analyze.scope``), so figures restricted to one site form their own count, apart
from the event total. Additions ("ten more") are left out: they are not tolls, except a *comparative*: an
addition naming no days that answers the latest figure of its report counting the same thing from another
source ("17 were killed at the square, officials said; activists say tens more were"). It joins the count
with its stated amount and the figure it exceeds (``CountValue.more_than``), cannot hold with that figure,
and sets no estimate (the sum is never made).

For each count: the values each source gives (:class:`CountValue`), each source's trajectory over
publication dates, and the estimates:

- a figure no one is credited with in a report published by a source of the corpus (a rights group's own
  statement) is that source's;
- every source's *current* value is the one of its latest report (undated reports rank first; on one
  day, the higher value);
- ``best`` is the current value of the most-cited source: the one behind the most independent reports,
  then a named source before an outlet's own count, then the latest, then the higher;
- ``low`` and ``high`` are the least and the most of the sources' current values ("between 30 and 40"
  gives 30 and 40); a vague plural ("hundreds") counts only when no source gives a number; a value
  more than ``FAR_APART`` times from the best, or one day's toll below a toll naming no days, is
  listed but sets no bound.

Background counts are kept in the dossier, never in an event total; a part count names its whole.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..model import CASUALTY_EVENTS, Count, CountValue, Estimate, Figure, SourceId, TimeWindow, TollStep, TollUpdate
from .corpus import Corpus
from .identity import Identity

__all__ = ["FAR_APART", "allowed", "build_counts", "can_both_hold", "estimates"]

#: how far "about" reaches either side of its number ("about 50": 45 to 55)
ABOUT = 0.1
#: two values this many times apart more likely count different things (a day, an incident the words did
#: not mark) than one toll: they neither dispute each other nor set a count's low together
FAR_APART = 5

_Key = tuple[str, ...]


@dataclass(frozen=True)
class _Said:
    """A figure with the source that gives it and the day its value stands at."""

    figure: Figure
    source: str
    source_key: str
    source_id: SourceId | None
    outlet: str
    published: str | None
    as_of: str | None
    origin: str


def build_counts(corpus: Corpus, identity: Identity) -> tuple[Count, ...]:
    """Every count of the corpus: totals first, then incidents, parts and background, ids ``n1``, ``n2`` …"""
    said = [_said(f, corpus, identity) for f in corpus.figures
            if f.event in CASUALTY_EVENTS and corpus.has(f.doc_id)]
    wholes = {s.figure.id: s.figure for s in said}
    exceeds = _comparatives(said, wholes)
    said = [s for s in said if not s.figure.addition or s.figure.id in exceeds]
    blocks: dict[_Key, list[_Said]] = defaultdict(list)
    for s in said:
        blocks[_key(s.figure, wholes)].append(s)
    groups = [members for key in sorted(blocks, key=_order) for members in _by_window(blocks[key])]
    counts = [_count(f"n{n}", members, exceeds) for n, members in enumerate(groups, 1)]
    return _link_parts(counts, {s.figure.id: s.figure.part_of for s in said})


def _comparatives(said: list[_Said], wholes: dict[str, Figure]) -> dict[str, str]:
    """Each comparative addition's figure id, with the id of the figure it exceeds: the latest earlier
    figure of its report in the same block, when another source gives it (one sweep per report)."""
    by_doc: dict[str, list[_Said]] = defaultdict(list)
    for s in said:
        by_doc[s.figure.doc_id].append(s)
    exceeds: dict[str, str] = {}
    for members in by_doc.values():
        latest: dict[_Key, _Said] = {}
        for s in sorted(members, key=lambda s: s.figure.span.start):
            key = _key(s.figure, wholes)
            if not s.figure.addition:
                latest[key] = s
            elif (before := latest.get(key)) is not None and before.source_key != s.source_key \
                    and s.figure.time is None:
                exceeds[s.figure.id] = before.figure.id
    return exceeds


def _said(fig: Figure, corpus: Corpus, identity: Identity) -> _Said:
    outlet = corpus.outlet(fig.doc_id)
    published = corpus.published(fig.doc_id)
    source_id = (identity.source_id(fig.doc_id, fig.attributed_to[0], fig.span.start)
                 if fig.attributed_to else None)
    if source_id is not None:
        source, key = identity.name(source_id, fig.attributed_to[0]), "source:" + source_id
    elif fig.attributed_to:
        source, key = fig.attributed_to[0], "name:" + fig.attributed_to[0].lower()
    elif (source_id := identity.organisation(outlet)) is not None:
        source, key = identity.name(source_id, outlet), "source:" + source_id  # a source publishing its own count
    else:
        source, key = outlet, "outlet:" + outlet  # the outlet's own count, or no one named
    as_of = fig.time.end if fig.time and fig.time.end else published
    return _Said(fig, source, key, source_id, outlet, published, as_of, "doc:" + corpus.origin(fig.doc_id))


def _key(fig: Figure, wholes: dict[str, Figure]) -> _Key:
    """The block of a figure: what it counts and how much of the event. A part that counts the victims its
    whole counts ("46 officers were injured, four of them by gunfire", "17 died, 16 of whom of gunshot
    wounds") is set apart by a circumstance (a manner, a severity, a cause) no other figure need share: it
    is a count of its own, never set against another source's part or a total."""
    victims = (fig.event, fig.category, (fig.group or "").lower(), fig.unit or "")
    if fig.extent == "part":
        whole = wholes.get(fig.part_of or "")
        if whole is not None and (whole.category, (whole.group or "").lower()) == (fig.category, victims[2]):
            return ("part", *victims, whole.extent, "of " + whole.id)
        return ("part", *victims, whole.extent if whole is not None else "total")
    if fig.extent == "incident":
        return ("incident", *victims, (fig.place or "").lower())
    return (fig.extent, *victims)


def _order(key: _Key) -> tuple[int, _Key]:
    return (("total", "incident", "part", "background").index(key[0]), key)


def _by_window(members: list[_Said]) -> list[list[_Said]]:
    """The members split where their windows do not overlap; the undated join the largest group."""
    dated = sorted((s for s in members if _window(s.figure)), key=lambda s: _window(s.figure) or ("", ""))
    groups: list[list[_Said]] = []
    end = ""
    for s in dated:
        start, stop = _window(s.figure) or ("", "")
        if groups and start <= end:
            groups[-1].append(s)
            end = max(end, stop)
        else:
            groups.append([s])
            end = stop
    undated = [s for s in members if not _window(s.figure)]
    if not groups:
        return [undated]
    if undated:
        max(groups, key=len).extend(undated)
    return groups


def _window(fig: Figure) -> tuple[str, str] | None:
    if fig.time and fig.time.start:
        return fig.time.start, fig.time.end or fig.time.start
    return None


def _count(count_id: str, members: list[_Said], exceeds: dict[str, str]) -> Count:
    first = members[0].figure
    values = _values(members, exceeds)
    windows = [w for s in members if (w := _window(s.figure))]
    places = Counter(s.figure.place for s in members if s.figure.place)
    low, best, high = estimates(values, Counter(who for who, _ in {(_who(s), s.origin) for s in members}))
    return Count(
        id=count_id, event=first.event, category=first.category, extent=first.extent, values=values,
        group=first.group, unit=first.unit, place=places.most_common(1)[0][0] if places else None,
        window=TimeWindow(None, min(w[0] for w in windows), max(w[1] for w in windows)) if windows else None,
        low=low, best=best, high=high, trajectories=_trajectories(members),
        independent_origins=len({s.origin if s.source_id is None else s.source_key for s in members}),
    )


def _values(members: list[_Said], exceeds: dict[str, str]) -> tuple[CountValue, ...]:
    """One value per source, number, qualifier and figure exceeded, with every figure and outlet stating it."""
    by_value: dict[tuple[str, float, str, float | None, float | None, str | None], list[_Said]] = defaultdict(list)
    for s in members:
        f = s.figure
        by_value[(s.source_key, f.value, f.qualifier, f.low, f.high, exceeds.get(f.id))].append(s)
    values = []
    for (_, value, qualifier, lo, hi, more_than), said in by_value.items():
        low, high = allowed(value, qualifier, lo, hi)
        dates = [s.published for s in said if s.published]
        values.append(CountValue(
            value=value, qualifier=said[0].figure.qualifier, low=low, high=high, source=said[0].source,
            source_id=said[0].source_id, figures=tuple(s.figure.id for s in said),
            outlets=tuple(dict.fromkeys(s.outlet for s in said)), published=max(dates) if dates else None,
            as_of=min((s.as_of for s in said if s.as_of), default=None),
            window=next((s.figure.time for s in said if _window(s.figure)), None), more_than=more_than))
    return tuple(sorted(values, key=lambda v: (v.published or "", v.value, v.source)))


def allowed(value: float, qualifier: str, low: float | None = None, high: float | None = None
            ) -> tuple[float, float | None]:
    """The least and the most a figure's words allow (None: no upper bound).

    >>> allowed(50, "at_least"), allowed(50, "about"), allowed(100, "plural_of"), allowed(40, "at_most")
    ((50, None), (45.0, 55.0), (100, None), (0, 40))
    """
    if low is not None and high is not None:
        return low, high
    if qualifier in ("at_least", "more_than", "plural_of"):
        return value, None
    if qualifier in ("at_most", "less_than"):
        return 0, value
    if qualifier == "about":
        return value * (1 - ABOUT), value * (1 + ABOUT)
    return value, value


def can_both_hold(a: CountValue, b: CountValue) -> bool:
    """Two values of one count can both be right: neither is a comparative exceeding the other's figure
    ("tens more" than 17), and their ranges meet, the lower one was given on an earlier day (``_stated``: a
    toll that rose since), or only the lower one names its days (one day's toll within a toll that may count
    more)."""
    if a.more_than in b.figures or b.more_than in a.figures:
        return False
    if a.low > b.low:
        a, b = b, a
    if a.high is None or a.high >= b.low:
        return True
    return bool((at := _stated(a)) and (bt := _stated(b)) and at < bt) or (a.window is not None and b.window is None)


def _stated(v: CountValue) -> str | None:
    """The day a value was given as the toll: its as-of day, but a value for the days of the killing ("30
    were killed on 10 March", in a report of 12 March) was given on its report's day, when the toll may have
    risen since that first day."""
    return v.published or v.as_of if v.window is not None and v.window.start is not None else v.as_of


def _who(v: CountValue | _Said) -> str:
    return v.source_id or v.source


def _current(values: Iterable[CountValue]) -> dict[str, CountValue]:
    """Each source's value of its latest report (undated first; on one day, the higher)."""
    return {_who(v): v for v in sorted(values, key=lambda v: (v.published or "", v.value))}


def estimates(values: tuple[CountValue, ...], reach: Counter[str]
              ) -> tuple[Estimate | None, Estimate | None, Estimate | None]:
    """(low, best, high) of a count from its values; ``reach`` is how many independent reports each
    source (id, else name) stands behind (see the module's docstring for the rule)."""
    current = list(_current(v for v in values if v.more_than is None).values())
    precise = [v for v in current if v.qualifier != "plural_of"] or current
    if not precise:
        return None, None, None
    standing = [v for v in precise if not _superseded(v, precise)]
    best = max(standing, key=lambda v: (reach[_who(v)], v.source_id is not None, v.as_of or "", v.value, v.source))
    standing = [v for v in standing if best.value / FAR_APART <= v.value <= best.value * FAR_APART]
    low = min(standing, key=lambda v: (_least(v), v.source))
    high = max(standing, key=lambda v: (_most(v), v.source))
    return _estimate(low, _least(low)), _estimate(best, best.value), _estimate(high, _most(high))


def _superseded(v: CountValue, values: list[CountValue]) -> bool:
    """One day's toll below a toll that names no days (and so may count more of them): an earlier or
    narrower stage of the count, listed but not its low."""
    return v.window is not None and v.high is not None and any(
        u.window is None and u.low > v.high for u in values)


def _least(v: CountValue) -> float:
    """The lowest toll a value states: a range's low end, else its number ("about 50" is 50)."""
    return v.low if v.qualifier == "exact" else v.value


def _most(v: CountValue) -> float:
    return v.high if v.qualifier == "exact" and v.high is not None else v.value


def _estimate(v: CountValue, value: float) -> Estimate:
    return Estimate(value=value, qualifier=v.qualifier, source=v.source, figure_id=v.figures[0],
                    source_id=v.source_id)


def _trajectories(members: list[_Said]) -> tuple[TollUpdate, ...]:
    """Each named source's values over dated reports, when it gave more than one value in several reports."""
    by_source: dict[str, list[_Said]] = defaultdict(list)
    for s in members:
        if s.published and not s.source_key.startswith("outlet:") and not s.figure.addition:
            by_source[s.source_key].append(s)
    out = []
    for said in by_source.values():
        if len({s.figure.doc_id for s in said}) < 2 or len({s.figure.value for s in said}) < 2:
            continue
        said.sort(key=lambda s: (s.published or "", not s.figure.earlier, s.figure.value))
        first = said[0].figure
        out.append(TollUpdate(source=said[0].source, source_id=said[0].source_id, event=first.event,
                              category=first.category,
                              steps=tuple(TollStep(s.figure.value, s.published or "", s.figure.doc_id, s.figure.id)
                                          for s in said)))
    return tuple(sorted(out, key=lambda t: t.source))


def _link_parts(counts: list[Count], wholes: dict[str, str | None]) -> tuple[Count, ...]:
    """A part count names the count most of its figures' wholes belong to; that count lists its parts."""
    count_of = {f: c.id for c in counts for f in c.figure_ids}
    parent: dict[str, str] = {}
    for c in counts:
        if c.extent != "part":
            continue
        whole = Counter(count_of[w] for f in c.figure_ids
                        if (w := wholes.get(f)) and w in count_of and count_of[w] != c.id)
        if whole:
            parent[c.id] = whole.most_common(1)[0][0]
    parts: dict[str, list[str]] = defaultdict(list)
    for part, whole in parent.items():
        parts[whole].append(part)
    return tuple(replace(c, part_of=parent.get(c.id), parts=tuple(parts.get(c.id, ()))) for c in counts)

"""What the dossier page shows, worked out from a :class:`~rashomon.model.Dossier`: small pure functions,
no I/O, no re-derivation. Every section is laid out as the analysis wrote it; outlet names are each
report's ``display_name``.

>>> from rashomon.model import Document, Dossier
>>> outlet_names(Dossier(documents=(Document(source="a/b.txt", text="x", id="d1"),)))
{'d1': 'b.txt'}
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import (
    CASUALTY_EVENTS,
    CATEGORIES,
    STANCES,
    BandReport,
    Count,
    Document,
    Dossier,
    Estimate,
    Figure,
    Span,
    TimeWindow,
)
from ..wording import stated_amount
from .charts import Point

# nesting order in the reader view: evidence outermost, so a followed link always lands on the whole quote
KIND_ORDER = {"evidence": 0, "claim": 1, "timeline": 2, "figure": 3, "actor": 4, "place": 5}


def outlet_names(dossier: Dossier) -> dict[str, str]:
    """The name to show for each report: its ``display_name`` (outlet, else web host, else file name)."""
    return dossier.outlet_names()


def html_id(*parts: object) -> str:
    """An HTML id made of safe characters only, so it works as a fragment link.

    >>> html_id("ev", "who killed?", 2)
    'ev-who-killed-2'
    """
    raw = "-".join(str(p) for p in parts)
    return re.sub(r"[^A-Za-z0-9_-]+", "-", raw).strip("-") or "item"


def format_number(value: float | int | None) -> str:
    """``1383`` → ``'1,383'``; non-integers keep their decimals.

    >>> format_number(1383.0), format_number(2.5), format_number(None)
    ('1,383', '2.5', '')
    """
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return str(value)


def stated_value(fig: Figure | BandReport | Estimate) -> str:
    """A figure's number as the report words it: ``at least 312``, ``hundreds``.

    >>> from rashomon.model import Span
    >>> stated_value(Figure(Span("d", 0, 1), "x", 100, qualifier="plural_of"))
    'hundreds'
    """
    return stated_amount(fig.value, fig.qualifier)


def authority(fig: Figure | BandReport) -> str:
    """On whose word a figure rests: its sources, else the outlet's own."""
    return "; ".join(fig.attributed_to) or "the outlet itself"


def time_window(time: TimeWindow | None) -> str:
    """A figure's time as words and dates: ``since Thursday (2031-05-08 – 2031-05-10)``."""
    if time is None:
        return ""
    start, end = time.start, time.end
    dates = start if start and (not end or end == start) else f"{start or '…'} – {end}" if end else ""
    return f"{time.text} ({dates})" if time.text and dates else time.text or dates or ""


@dataclass(frozen=True)
class Quote:
    """Words of one report shown as evidence, with the anchor of their place in the reader view."""

    doc_id: str
    outlet: str
    span: tuple[int, int]
    quote: str
    anchor: str


def _quote(names: dict[str, str], span: Span, text: str, anchor: str) -> Quote:
    return Quote(span.doc_id, names[span.doc_id], span.offsets, text, anchor)


# -- overview -------------------------------------------------------------------------------------------
@dataclass
class Overview:
    headline: str
    headline_source: str | None
    first: str | None
    last: str | None
    reports: int
    outlets: int
    origins: int
    undated: int
    top_disputes: list[DisputeView]
    key_bands: list[FigureTable]


def overview(dossier: Dossier, tables: list[FigureTable] | None = None, headline: str | None = None,
             limit: int = 5) -> Overview:
    """The event in one line, the date range, the counts, the most contested questions and the key tolls.

    Without a ``headline``, the earliest dated original report's title stands in for one.
    """
    docs = dossier.documents
    names = outlet_names(dossier)
    dates = sorted(d.published for d in docs if d.published)
    source = None
    # the dossier's own title (neutral unless the user gave one) before any report's headline
    headline = headline or (dossier.title.text if dossier.title else None)
    if not headline:
        originals = sorted((d for d in docs if not d.duplicate_of and d.title),
                           key=lambda d: (d.published is None, d.published or ""))
        if originals:
            headline, source = originals[0].title, names[originals[0].id]
    disputes = sorted(dispute_views(dossier), key=lambda d: (-len(d.outlets), -d.evidence_count))
    tables = tables if tables is not None else figure_tables(dossier)
    # headline tolls: event totals of persons only, never an incident, a part, background or households
    key = sorted((t for t in tables if t.event in ("killed", "displaced") and t.extent == "total" and not t.unit),
                 key=lambda t: (CASUALTY_EVENTS.index(t.event), -t.high))  # type: ignore[arg-type]
    return Overview(
        headline=headline or "(no headline)", headline_source=source, first=dates[0] if dates else None,
        last=dates[-1] if dates else None, reports=len(docs), outlets=len(set(names.values())),
        origins=len({d.origin_id for d in docs}), undated=sum(1 for d in docs if not d.published),
        top_disputes=disputes[:limit], key_bands=key[:4])


# -- disputes -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PositionView:
    label: str
    outlets: list[str]
    evidence: list[Quote]
    voices: list[str]


@dataclass(frozen=True)
class DisputeView:
    id: str
    anchor: str
    kind: str
    question: str
    summary: str
    positions: list[PositionView]
    outlets: list[str]
    evidence_count: int


def evidence_anchor(dispute_id: str, p: int, e: int) -> str:
    return html_id("ev", dispute_id, p + 1, e + 1)


def dispute_views(dossier: Dossier) -> list[DisputeView]:
    """Each dispute with, per position, its outlets, its voices and its quotes (each with its anchor)."""
    names = outlet_names(dossier)
    views = []
    for dispute in dossier.disputes:
        positions = []
        for p, position in enumerate(dispute.positions):
            quotes = [_quote(names, e.span, e.text, evidence_anchor(dispute.id, p, e_n))
                      for e_n, e in enumerate(position.evidence) if e.doc_id in names]
            positions.append(PositionView(position.label, list(dict.fromkeys(q.outlet for q in quotes)), quotes,
                                          [v.label for v in position.voices]))
        views.append(DisputeView(
            id=dispute.id, anchor=html_id("dispute", dispute.id), kind=dispute.kind, question=dispute.question,
            summary=dispute.summary, positions=positions,
            outlets=sorted({o for p in positions for o in p.outlets}),
            evidence_count=sum(len(p.evidence) for p in positions)))
    return views


# -- figures ------------------------------------------------------------------------------------------
@dataclass
class FigureRow:
    """One value as reported: who reports it (with links to the words) and on whose authority."""

    value: float
    stated: str
    qualifier: str
    authority: str
    reports: list[dict[str, object]] = field(default_factory=list)  # {outlet, doc_id, published, anchor, ...}
    windows: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    hedged: bool = False


@dataclass(frozen=True)
class Step:
    value: float
    published: str
    anchor: str
    doc_id: str | None = None


@dataclass(frozen=True)
class Update:
    """A source's toll rising from report to report."""

    source: str
    steps: list[Step]


@dataclass
class FigureTable:
    """One count (``rashomon.align.counts``): its values from the lowest to the highest, its low, best and
    high with who says each, each source's revisions, and its parts beneath."""

    event: str
    category: str
    low: float
    high: float
    rows: list[FigureRow]
    figures: list[Figure]
    origins: int
    updates: list[Update] = field(default_factory=list)
    best: float | None = None
    says: dict[str, str] = field(default_factory=dict)  # "low", "best", "high" -> the source that says it
    stated: dict[str, str] = field(default_factory=dict)  # "low", "best", "high" -> as worded: "more than 230"
    extent: str = "total"
    unit: str | None = None
    group: str | None = None
    count_id: str = ""
    parts: list[FigureTable] = field(default_factory=list)
    bounds: dict[str, tuple[float, float | None]] = field(default_factory=dict)  # figure id -> its value's low, high

    @property
    def anchor(self) -> str:
        return html_id("band", self.event, self.category, self.count_id)

    @property
    def title(self) -> str:
        victims = self.unit or self.category.replace("_", " ")
        return f"{self.event} · {self.group + ' ' if self.group else ''}{victims}"


def _order(event: str, category: str) -> tuple[int, int, str, str]:
    e = CASUALTY_EVENTS.index(event) if event in CASUALTY_EVENTS else len(CASUALTY_EVENTS)  # type: ignore[arg-type]
    c = CATEGORIES.index(category) if category in CATEGORIES else len(CATEGORIES)  # type: ignore[arg-type]
    return e, c, event, category


_EXTENT_ORDER = {"total": 0, "incident": 1, "background": 2, "part": 3}


def figure_tables(dossier: Dossier) -> list[FigureTable]:
    """A table per count, event totals first, then incidents and background, killed first within each; a
    part count sits under its whole. Each value is listed beside who reports it and on whose authority."""
    by_id = {f.id: f for f in dossier.figures}
    tables = {c.id: _count_table(c, by_id, dossier) for c in dossier.counts}
    for count in dossier.counts:
        if count.part_of in tables:
            tables[count.part_of].parts.append(tables[count.id])
    shown = [c for c in dossier.counts if c.extent != "part" or c.part_of not in tables]
    shown.sort(key=lambda c: (_EXTENT_ORDER[c.extent], _order(c.event, c.category), c.unit or "", -(
        c.high.value if c.high else 0)))
    return [tables[c.id] for c in shown]


def _count_table(count: Count, by_id: dict[str, Figure], dossier: Dossier) -> FigureTable:
    members = [by_id[f] for f in count.figure_ids if f in by_id]
    low, best, high = count.low, count.best, count.high
    return FigureTable(
        event=count.event, category=count.category, low=low.value if low else 0, high=high.value if high else 0,
        best=best.value if best else None, rows=_figure_rows(members, dossier), figures=members,
        says={k: e.source for k, e in (("low", low), ("best", best), ("high", high)) if e is not None},
        stated={k: stated_value(e) for k, e in (("low", low), ("best", best), ("high", high)) if e is not None},
        origins=count.independent_origins, extent=count.extent, unit=count.unit, group=count.group,
        count_id=count.id, bounds={f: (v.low, v.high) for v in count.values for f in v.figures},
        updates=[Update(u.source, [Step(s.value, s.published, s.figure_id, s.doc_id) for s in u.steps])
                 for u in count.trajectories])


def _figure_rows(figures: list[Figure], dossier: Dossier) -> list[FigureRow]:
    names = outlet_names(dossier)
    rows: dict[tuple[float, str, str], FigureRow] = {}
    for fig in figures:
        doc = dossier.document(fig.doc_id)
        if doc is None:
            continue
        key = (fig.value, fig.qualifier, authority(fig))
        row = rows.get(key)
        if row is None:
            row = rows[key] = FigureRow(value=fig.value, stated=stated_value(fig),
                                        qualifier=fig.qualifier.replace("_", " "), authority=authority(fig))
        row.reports.append({"outlet": names[doc.id], "doc_id": doc.id, "published": doc.published, "anchor": fig.id,
                            "is_copy": doc.duplicate_of is not None, "hedged": fig.hedged, "text": fig.text,
                            "page": fig.page})
        row.hedged = row.hedged or fig.hedged
        for bucket, value in ((row.windows, time_window(fig.time)), (row.places, fig.place), (row.groups, fig.group)):
            if value and value not in bucket:
                bucket.append(value)
    return sorted(rows.values(), key=lambda r: (-r.value, r.authority))


def other_figures(dossier: Dossier) -> list[Figure]:
    """Numbers that count no one harmed or moved (incidents, others): listed apart, not banded."""
    return [f for f in dossier.figures if f.event not in CASUALTY_EVENTS]


def toll_series(table: FigureTable, dossier: Dossier) -> dict[str, list[Point]]:
    """How each source's toll moved: per source, its highest value of each publication day as a
    :class:`~rashomon.render.charts.Point` (the range its count value allows, the words as stated), dated
    reports only.

    The source is the one the figure is credited to (its canonical name), else the outlet on its own authority.
    """
    names = outlet_names(dossier)
    sources = {s.id: s.name for s in dossier.sources}
    points: dict[str, dict[str, Point]] = defaultdict(dict)
    for fig in table.figures:
        doc = dossier.document(fig.doc_id)
        if doc is None or not doc.published:
            continue
        cited = [sources.get(a.source_id or "", a.name) for a in fig.attributions] or list(fig.attributed_to)
        source = "; ".join(dict.fromkeys(cited)) or f"{names[fig.doc_id]} (own)"
        low, high = table.bounds.get(fig.id, (fig.value, fig.value))
        point = Point(doc.published, fig.value, low, high, stated_value(fig) if fig.qualifier != "exact" else "")
        held = points[source].get(doc.published)
        if held is None or (point.value, point.low) > (held.value, held.low):
            points[source][doc.published] = point
    return {source: sorted(by_date.values(), key=lambda p: p.day) for source, by_date in sorted(points.items())}


# -- claims ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ClaimMention:
    """A claim as one report makes it, or one report's words in a position of a dispute."""

    id: str | None
    doc_id: str
    span: tuple[int, int]
    stance: str
    quote: str
    anchor: str
    attributed_to: tuple[str, ...] = ()
    position: int | None = None  # in a dispute's row: which position these words take


@dataclass(frozen=True)
class ClaimRowGroup:
    """A row of the claims matrix: a claim group, or a disputed question."""

    id: str
    text: str
    members: list[ClaimMention]


def claim_anchor(claim_id: str) -> str:
    return html_id("claim", claim_id)


def claim_groups(dossier: Dossier) -> list[ClaimRowGroup]:
    """The claim groups, each member claim with the stance its report takes on the group's proposition."""
    claims = {c.id: c for c in dossier.claims}
    groups = []
    for g in dossier.claim_groups:
        members = [ClaimMention(c.id, c.doc_id, c.span.offsets, g.stance.get(c.doc_id, c.stance), c.text,
                                claim_anchor(c.id), c.attributed_to)
                   for c in (claims[cid] for cid in g.claims if cid in claims)]
        groups.append(ClaimRowGroup(g.id, g.label, members))
    return groups


def dispute_rows(dossier: Dossier) -> list[ClaimRowGroup]:
    """The disputed questions as rows: each report's words with the position they take."""
    return [ClaimRowGroup(d.id, d.question, [
        ClaimMention(None, e.doc_id, e.span, p.label, e.quote, e.anchor, position=n)
        for n, p in enumerate(d.positions) for e in p.evidence]) for d in dispute_views(dossier)]


@dataclass
class ClaimRow:
    id: str
    text: str
    anchor: str
    cells: dict[str, list[ClaimMention]]  # outlet → one mention per stance it takes


@dataclass
class ClaimMatrix:
    outlets: list[str]
    rows: list[ClaimRow]
    derived_from: str  # "claims" or "disputes"

    def counts(self, outlet: str) -> Counter[str]:
        """How often an outlet affirms, denies, hedges or stays silent."""
        tally: Counter[str] = Counter()
        for row in self.rows:
            cell = row.cells.get(outlet)
            tally.update({c.stance for c in cell} if cell else {"silent"})
        return tally

    def silent_counts(self) -> dict[str, int]:
        """Per outlet, on how many rows it says nothing (one pass over the rows, whatever the outlets)."""
        present = Counter(outlet for row in self.rows for outlet in row.cells)
        return {o: len(self.rows) - present[o] for o in self.outlets}


def claims_matrix(dossier: Dossier, source: str = "claims") -> ClaimMatrix:
    """Claim groups × outlets: what each outlet affirms, denies or hedges; an empty cell is silence.

    With ``source="disputes"``, the rows are the disputed questions and a cell the position an outlet takes.
    """
    names = outlet_names(dossier)
    outlets = list(dict.fromkeys(names[d.id] for d in dossier.documents))
    groups = dispute_rows(dossier) if source == "disputes" else claim_groups(dossier)
    rows = []
    for group in groups:
        cells: dict[str, list[ClaimMention]] = defaultdict(list)
        for m in group.members:
            # one mark per stance an outlet takes; it links to the first words that take it
            if m.doc_id in names and m.stance not in {c.stance for c in cells[names[m.doc_id]]}:
                cells[names[m.doc_id]].append(m)
        rows.append(ClaimRow(group.id, group.text, html_id("claim-group", group.id), dict(cells)))
    return ClaimMatrix(outlets, rows, source)


# -- the framing matrix -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class FramingLabel:
    """One wording an outlet uses for a side: how often, and the first place it does (an anchor)."""

    text: str
    count: int
    doc_id: str
    anchor: str


@dataclass
class FramingMatrix:
    """Sides × outlets: in each cell the words that outlet uses for that side (issue 14), and per outlet
    its share of hedged figures, its share of attributed figures and the sources it relies on."""

    outlets: list[str]
    sides: list[tuple[str, str]]  # (side id, side name)
    cells: dict[tuple[str, str], list[FramingLabel]]  # (side id, outlet) → its labels, most used first
    hedged: dict[str, float | None]
    attributed: dict[str, float | None]
    relies_on: dict[str, list[tuple[str, int]]]
    left_out: int = 0  # outlets not shown (beyond ``max_outlets``, the ones with fewest labels)


def framing_matrix(dossier: Dossier, max_outlets: int = 0) -> FramingMatrix:
    """The framing matrix of a dossier; each label links to the first words of it (the actor highlights).
    With ``max_outlets``, only that many outlets are columns: those with the most labels."""
    names = outlet_names(dossier)
    outlets = list(dict.fromkeys(names[d.id] for d in dossier.documents))
    sides = [a for a in dossier.actors if a.kind == "side" and a.labels]
    cells: dict[tuple[str, str], list[FramingLabel]] = {}
    for side in sides:
        found: dict[tuple[str, str], FramingLabel] = {}
        for i, label in enumerate(side.labels):
            outlet = names.get(label.span.doc_id)
            if outlet is None:
                continue
            key = (outlet, " ".join(label.text.lower().split()))
            old = found.get(key)
            if old is None:
                found[key] = FramingLabel(label.text, label.count, label.span.doc_id, html_id("actor", side.id, i + 1))
            else:
                found[key] = FramingLabel(label.text, label.count + old.count, old.doc_id, old.anchor)
        for (outlet, _), lab in found.items():
            cells.setdefault((side.id, outlet), []).append(lab)
    for labs in cells.values():
        labs.sort(key=lambda lab: (-lab.count, lab.text))
    rows = {row.outlet: row for row in dossier.framing}
    left_out = 0
    if max_outlets and len(outlets) > max_outlets:
        used = Counter(o for (_, o), labs in cells.items() for lab in labs for _ in range(lab.count))
        kept = set(sorted(outlets, key=lambda o: -used[o])[:max_outlets])
        left_out, outlets = len(outlets) - len(kept), [o for o in outlets if o in kept]
    return FramingMatrix(
        outlets, [(a.id, a.name) for a in sides], cells,
        hedged={o: rows[o].hedging_rate if o in rows else None for o in outlets},
        attributed={o: rows[o].attribution_rate if o in rows else None for o in outlets},
        relies_on={o: [(u.name, u.count) for u in rows[o].upstream] if o in rows else [] for o in outlets},
        left_out=left_out)


# -- outlets ----------------------------------------------------------------------------------------------
@dataclass
class OutletProfile:
    name: str
    anchor: str
    documents: list[Document]
    names_for: dict[str, list[str]]  # side → the words this outlet uses for it
    figures: int
    hedging_rate: float | None
    attribution_rate: float | None
    upstream: list[tuple[str, int]]
    copies_of: list[str]
    silent_on: dict[str, tuple[int, int]] = field(default_factory=dict)  # "claims"/"disputes" → (silent, rows)
    loaded_terms: list[tuple[str, int, int]] = field(default_factory=list)  # (term, count, quoted)


def outlet_profiles(dossier: Dossier, matrices: list[ClaimMatrix] | None = None) -> list[OutletProfile]:
    """Per outlet (the framing the analysis wrote): how it names each side, how often it hedges and credits
    a source, whom it relies on, what it copies and what it is silent on."""
    names = outlet_names(dossier)
    if matrices is None:
        matrices = [claims_matrix(dossier, source) for source in ("claims", "disputes")]
    silent = {m.derived_from: m.silent_counts() for m in matrices if m.rows}
    profiles = []
    for row in dossier.framing:
        docs = [d for d in (dossier.document(i) for i in row.doc_ids) if d is not None]
        profiles.append(OutletProfile(
            name=row.outlet, anchor=html_id("outlet", row.outlet), documents=docs,
            names_for={s.name: [lab.text for lab in s.labels] for s in row.sides}, figures=row.figures,
            hedging_rate=row.hedging_rate, attribution_rate=row.attribution_rate,
            upstream=[(u.name, u.count) for u in row.upstream],
            copies_of=[names[d.duplicate_of] for d in docs if d.duplicate_of in names],
            silent_on={m.derived_from: (silent[m.derived_from].get(row.outlet, len(m.rows)), len(m.rows))
                       for m in matrices if m.rows},
            loaded_terms=[(t.term, t.count, t.quoted) for t in row.loaded_terms]))
    return profiles


# -- timeline and places ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TimelineView:
    start: str | None
    end: str | None
    text: str
    place: str | None
    evidence: list[Quote]
    anchor: str


def mention_anchor(kind: str, item_id: str, i: int) -> str:
    return html_id(kind, item_id, i + 1)


def timeline_entries(dossier: Dossier) -> list[TimelineView]:
    """The dossier's timeline, in date order (undated last), each with its source words and anchor."""
    names = outlet_names(dossier)
    out = []
    for entry in dossier.timeline:
        evidence = []
        if entry.doc_id in names and entry.span:
            doc = dossier.document(entry.doc_id)
            text = doc.text[entry.span[0]:entry.span[1]] if doc else ""
            evidence.append(Quote(entry.doc_id, names[entry.doc_id], entry.span, text,
                                  mention_anchor("timeline", entry.id, 0)))
        out.append(TimelineView(entry.date or entry.start, entry.end if entry.end != entry.date else None,
                                entry.label, entry.place, evidence, html_id("when", entry.id)))
    return sorted(out, key=lambda e: (e.start is None, e.start or ""))


def web_link(url: str | None) -> str | None:
    """A report's URL when it is safe to link to (http or https), else None: a ``javascript:`` or
    ``data:`` URL in an untrusted record must never become a link.

    >>> web_link("https://example.org/a?b=1"), web_link("javascript:alert(1)"), web_link(None)
    ('https://example.org/a?b=1', None, None)
    """
    if not url:
        return None
    scheme = url.split(":", 1)[0].strip().lower()
    return url.strip() if scheme in ("http", "https") and "://" in url else None


@dataclass(frozen=True)
class NamedBy:
    """One outlet naming a place: how often, and the anchor of its first mention."""

    outlet: str
    count: int
    anchor: str
    quote: str
    doc_id: str | None = None


@dataclass(frozen=True)
class PlaceView:
    name: str
    kind: str
    admin1: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    mentions: list[Quote]
    outlets: list[str]
    anchor: str
    named_by: list[NamedBy]


def place_entries(dossier: Dossier) -> list[PlaceView]:
    """The places the reports name, with coordinates when resolved and the words each report uses."""
    names = outlet_names(dossier)
    out = []
    for place in dossier.places:
        quotes = [_quote(names, m.span, m.text, mention_anchor("place", place.id, i))
                  for i, m in enumerate(place.mentions) if m.doc_id in names]
        out.append(PlaceView(place.name, place.kind, place.admin1, place.country, place.latitude, place.longitude,
                             quotes, sorted({q.outlet for q in quotes}), html_id("place", place.id), named_by(quotes)))
    return sorted(out, key=lambda p: (-len(p.mentions), p.name))


def named_by(mentions: list[Quote]) -> list[NamedBy]:
    """Who names a place, and how often: one entry per outlet (the anchor of its first mention), most first.

    >>> q = [Quote("d", o, (0, 1), "x", a) for o, a in (("B", "x"), ("A", "y"), ("B", "z"))]
    >>> [(n.outlet, n.count) for n in named_by(q)]
    [('B', 2), ('A', 1)]
    """
    counts = Counter(m.outlet for m in mentions)
    first = {m.outlet: m for m in reversed(mentions)}
    return sorted((NamedBy(o, n, first[o].anchor, first[o].quote, first[o].doc_id) for o, n in counts.items()),
                  key=lambda e: (-e.count, e.outlet))


# -- reader view ----------------------------------------------------------------------------------------
@dataclass
class Highlight:
    """One extracted item to mark in a report: where, what kind, its anchor id and what hovering says."""

    start: int
    end: int
    kind: str
    anchor: str
    tip: str
    variant: str = ""  # a claim's stance, styled apart (denials and hedges stand out)
    cited_by: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Citation:
    """Where the dossier cites a mark's words: the anchor of a dispute or a count table, what it is
    (``"dispute"`` or ``"count"``) and its title, so a quote links back to what quotes it."""

    anchor: str
    kind: str
    title: str


def count_citations(dossier: Dossier) -> dict[str, Citation]:
    """The count (its table's anchor, as :class:`FigureTable` names it) each figure is a value of."""
    return {f: Citation(html_id("band", c.event, c.category, c.id), "count",
                        f"{c.event} · {(c.group + ' ') if c.group else ''}{c.unit or c.category.replace('_', ' ')}")
            for c in dossier.counts for f in c.figure_ids}


def highlights(dossier: Dossier) -> dict[str, list[Highlight]]:
    """Every extracted item of the dossier with a span, per report, ready for :func:`nest_segments`; a
    figure of a count and a dispute's quote carry the :class:`Citation` they link back to."""
    texts = dossier.texts()
    out: dict[str, list[Highlight]] = defaultdict(list)

    def add(doc_id: str | None, span: tuple[int, int], kind: str, anchor: str, tip: str, variant: str = "",
            cited_by: tuple[Citation, ...] = ()) -> None:
        if doc_id in texts and 0 <= span[0] < span[1] <= len(texts[doc_id]):
            out[doc_id].append(Highlight(span[0], span[1], kind, anchor, tip, variant, cited_by))

    counted = count_citations(dossier)
    for fig in dossier.figures:
        tip = f"{fig.event}: {stated_value(fig)} {fig.category.replace('_', ' ')} — according to {authority(fig)}"
        add(fig.doc_id, fig.span.offsets, "figure", fig.id, tip + (" — hedged" if fig.hedged else ""),
            cited_by=(counted[fig.id],) if fig.id in counted else ())
    for dispute in dispute_views(dossier):
        cited = (Citation(dispute.anchor, "dispute", dispute.question),)
        for position in dispute.positions:
            for e in position.evidence:
                add(e.doc_id, e.span, "evidence", e.anchor, f"dispute: {dispute.question} — position: {position.label}",
                    cited_by=cited)
    grouped = {m.id: g.text for g in claim_groups(dossier) for m in g.members}
    for claim in dossier.claims:
        credited = f" — according to {'; '.join(claim.attributed_to)}" if claim.attributed_to else ""
        about = f": {grouped[claim.id]}" if claim.id in grouped else ""
        add(claim.doc_id, claim.span.offsets, "claim", claim_anchor(claim.id),
            f"claim, {claim.stance}{about}{credited}", claim.stance if claim.stance in STANCES else "")
    for actor in dossier.actors:
        side = f" (side: {actor.side})" if actor.side else ""
        for i, label in enumerate(actor.labels):
            add(label.span.doc_id, label.span.offsets, "actor", html_id("actor", actor.id, i + 1),
                f"actor: {actor.name}{side}")
    for entry in timeline_entries(dossier):
        for e in entry.evidence:
            add(e.doc_id, e.span, "timeline", e.anchor, f"when: {entry.start or '?'} — {entry.text}")
    for place in place_entries(dossier):
        for e in place.mentions:
            add(e.doc_id, e.span, "place", e.anchor, f"place: {place.name}")
    return out


def nest_segments(text: str, marks: Iterable[Highlight]) -> list[dict[str, object]]:
    """Cut a text into a tree of plain strings and marks that nest properly, for the reader view.

    Overlapping items nest: evidence outside, then claims, then figures, then actor and place names.
    An item that crosses the end of the one around it is split in two; only its first piece carries
    the anchor, so a link lands on its start. Each node is ``{"text": str}`` or
    ``{"mark": Highlight, "first": bool, "children": [...]}``; the texts of the leaves rebuild ``text``.

    >>> tree = nest_segments("ab cd", [Highlight(3, 5, "figure", "f1", "a figure")])
    >>> [n.get("text") or n["mark"].anchor for n in tree]
    ['ab ', 'f1']
    """
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    # unique anchors: the same item reached twice (a dispute quote also a claim) is marked once
    seen: set[tuple[int, int, str]] = set()
    unique = []
    for m in sorted(marks, key=lambda m: (m.start, -m.end, KIND_ORDER.get(m.kind, 9))):
        if (m.start, m.end, m.anchor) not in seen:
            seen.add((m.start, m.end, m.anchor))
            unique.append(m)
    bounds = sorted({0, len(text)} | {m.start for m in unique} | {m.end for m in unique})
    rank = {id(m): (KIND_ORDER.get(m.kind, 9), m.start, -m.end, i) for i, m in enumerate(unique)}
    root: list[dict[str, object]] = []
    stack: list[tuple[Highlight, list[dict[str, object]]]] = []
    opened: set[int] = set()
    # one sweep over the bounds: the marks open at each piece are kept, not searched for again
    starting: dict[int, list[Highlight]] = defaultdict(list)
    for m in unique:
        starting[m.start].append(m)
    open_marks: list[Highlight] = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        open_marks = [m for m in open_marks if m.end > lo] + starting.get(lo, [])
        active = sorted(open_marks, key=lambda m: rank[id(m)])
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep][0] is active[keep]:
            keep += 1
        del stack[keep:]
        for m in active[keep:]:
            children: list[dict[str, object]] = []
            node = {"mark": m, "first": id(m) not in opened, "children": children}
            opened.add(id(m))
            (stack[-1][1] if stack else root).append(node)
            stack.append((m, children))
        (stack[-1][1] if stack else root).append({"text": text[lo:hi]})
    return _merge_text(root)


def _merge_text(nodes: list[dict[str, object]]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for node in nodes:
        if "children" in node:
            node["children"] = _merge_text(node["children"])  # type: ignore[arg-type]
        if "text" in node and out and "text" in out[-1]:
            out[-1] = {"text": str(out[-1]["text"]) + str(node["text"])}
        else:
            out.append(node)
    return out


def flatten_text(nodes: list[dict[str, object]]) -> str:
    """The text a segment tree holds (for tests and checks)."""
    return "".join(str(n["text"]) if "text" in n else flatten_text(n["children"]) for n in nodes)  # type: ignore


# -- search ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Hit:
    what: str
    text: str
    anchor: str
    outlet: str | None
    doc_id: str | None = None  # the report whose words the anchor marks; None: an anchor of the dossier page


def search_hits(dossier: Dossier, query: str, limit: int = 200) -> list[Hit]:
    """Disputed questions, their quotes, claim groups and their claims whose words contain ``query``
    (case aside), with their anchors."""
    needle = query.casefold().strip()
    if not needle:
        return []
    names = outlet_names(dossier)
    hits: list[Hit] = []
    for dispute in dispute_views(dossier):
        if needle in dispute.question.casefold() or any(needle in p.label.casefold() for p in dispute.positions):
            hits.append(Hit("dispute", dispute.question, dispute.anchor, None))  # a label: a value left unnamed
        for position in dispute.positions:
            hits += [Hit(f"quote · {position.label}", e.quote, e.anchor, e.outlet, e.doc_id)
                     for e in position.evidence if needle in e.quote.casefold()]
    for group in claim_groups(dossier):
        if needle in group.text.casefold():
            hits.append(Hit("claim", group.text, html_id("claim-group", group.id), None))
        hits += [Hit(f"claim · {m.stance}", m.quote, m.anchor, names.get(m.doc_id), m.doc_id)
                 for m in group.members if needle in m.quote.casefold()]
    unique = {(h.anchor, h.what): h for h in hits}
    return list(unique.values())[:limit]

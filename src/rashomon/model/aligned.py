"""What the alignment finds across reports: sources, actors, claim groups, disputes, figure bands,
places, the timeline and each outlet's framing.

Outlet names on these records are always ``Document.display_name`` of the report the words are in
(one rule, ``rashomon.model.document``); sources are ids of :class:`Source` (one resolver,
``rashomon.align.identity``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .base import ActorId, Attribution, ClaimId, DocId, Evidence, FigureId, Offsets, SourceId, Span, TimeWindow, Voice
from .vocab import (
    ActorKind,
    Category,
    DisputeKind,
    Event,
    Extent,
    PlaceKind,
    Qualifier,
    Role,
    SourceKind,
    Stance,
    TimelineKind,
)


# -- sources -------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SourceAlias:
    """One name a source goes by in the reports ("SOHR", "the UK-based monitor"), with every place it is written."""

    name: str
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    """One real-world source of figures and claims, under all the names the reports give it.

    ``kind`` is monitor, government, armed_group, un_ngo, media, medical, witnesses, person or other;
    ``speakers`` are people who spoke for it ("its director, Rami Haddad").
    """

    id: SourceId
    name: str
    kind: SourceKind
    aliases: tuple[SourceAlias, ...] = ()
    speakers: tuple[str, ...] = ()


# -- actors --------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Label:
    """Words one report uses for an actor, where they first stand, and how often that report uses them."""

    span: Span
    text: str
    count: int = 1


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, organisation, group or side under the labels each report uses for it.

    A ``side`` gathers its ``members``' labels; any other actor names its ``side`` (an actor id) when it
    is on one. ``roles`` counts how often the grammar makes it a perpetrator, victim or source.
    """

    id: ActorId
    name: str
    kind: ActorKind
    labels: tuple[Label, ...] = ()
    role: Role | None = None
    roles: Mapping[str, int] = field(default_factory=dict)
    members: tuple[ActorId, ...] = ()
    side: ActorId | None = None


# -- claims and disputes -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """Claims of different reports stating one proposition, with the stance of each report on it.

    ``independent_origins`` counts the upstream sources and independent reports behind it: reports citing
    one source, or copies of one report, count once.
    """

    id: str
    label: str
    claims: tuple[ClaimId, ...]
    stance: Mapping[DocId, Stance]
    sources: tuple[str, ...] = ()
    source_ids: tuple[SourceId, ...] = ()
    outlets: tuple[str, ...] = ()
    independent_origins: int = 1
    single_source: bool = True


@dataclass(frozen=True, slots=True)
class Position:
    """One answer to a disputed question: its label, the outlets taking it, and their words."""

    label: str
    evidence: tuple[Evidence, ...]
    outlets: tuple[str, ...] = ()
    voices: tuple[Voice, ...] = ()


@dataclass(frozen=True, slots=True)
class Dispute:
    """A question on which reports take different positions, each position backed by spans.

    ``strength`` (0-1) ranks disputes of equal reach; ``sources`` are the sources whose words it weighs.
    """

    id: str
    kind: DisputeKind
    question: str
    summary: str
    positions: tuple[Position, ...]
    strength: float = 1.0
    sources: tuple[SourceId, ...] = ()

    def evidence_keys(self) -> set[tuple[str, int]]:
        """(document, start) of every piece of evidence: two disputes sharing most of these are one."""
        return {(e.span.doc_id, e.span.start) for p in self.positions for e in p.evidence}

    @property
    def doc_ids(self) -> set[DocId]:
        return {e.span.doc_id for p in self.positions for e in p.evidence}


# -- figures across reports ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TollStep:
    """One report's toll from a source, on its publication day."""

    value: float
    published: str
    doc_id: DocId
    figure_id: FigureId


@dataclass(frozen=True, slots=True)
class TollUpdate:
    """A source's toll from report to report, in publication order: in a band, a rise (an update, not a
    dispute); in a count, the source's trajectory, whichever way it went."""

    source: str
    event: Event
    category: Category
    steps: tuple[TollStep, ...]
    source_id: SourceId | None = None


@dataclass(frozen=True, slots=True)
class BandReport:
    """One figure of a band as a report gives it."""

    figure_id: FigureId
    doc_id: DocId
    outlet: str
    value: float
    published: str | None = None
    qualifier: Qualifier = "exact"
    attributed_to: tuple[str, ...] = ()
    source_ids: tuple[SourceId, ...] = ()
    time: TimeWindow | None = None


@dataclass(frozen=True, slots=True)
class FigureBand:
    """Per event and category, the lowest and highest toll reported, who says each, and the updates."""

    event: Event
    category: Category
    low: float
    high: float
    low_figure: FigureId
    high_figure: FigureId
    reports: tuple[BandReport, ...]
    updates: tuple[TollUpdate, ...] = ()
    independent_origins: int = 1

    @property
    def figure_ids(self) -> tuple[FigureId, ...]:
        return tuple(r.figure_id for r in self.reports)


# -- counts: figures of several reports that count the same thing --------------------------------------
@dataclass(frozen=True, slots=True)
class CountValue:
    """One value a source gives for a count, with every figure and outlet stating it.

    ``low``/``high`` bound what the words allow ("at least 50": 50 and None, no upper bound; "hundreds":
    100 and None; "between 30 and 40": 30 and 40); ``source`` is the source as the reports name it, or the
    outlet when the count is its own (``source_id`` None); ``as_of`` the first day the value is given
    for: the end of its window, else the report's date; ``published`` the latest report giving it;
    ``window`` the days its words give, when they give any; ``more_than`` the figure of another source a
    comparative value says the count exceeds ("tens more were killed at the square": ``value`` is the
    stated amount, tens; the sum is never made), None for a plain value.
    """

    value: float
    qualifier: Qualifier
    low: float
    high: float | None
    source: str
    figures: tuple[FigureId, ...]
    outlets: tuple[str, ...]
    source_id: SourceId | None = None
    published: str | None = None
    as_of: str | None = None
    window: TimeWindow | None = None
    more_than: FigureId | None = None


@dataclass(frozen=True, slots=True)
class Estimate:
    """The low, best or high value of a count, and who says it."""

    value: float
    qualifier: Qualifier
    source: str
    figure_id: FigureId
    source_id: SourceId | None = None


@dataclass(frozen=True, slots=True)
class Count:
    """Figures of several reports that count the same thing: the same event, victims (category, identity
    group, non-person ``unit``), extent, overlapping window and place.

    ``values`` are what each source says; ``low``/``best``/``high`` the reconciled estimates (the rule is
    in the README, "Counts"); ``trajectories`` each source's values from report to report (a rising toll
    is an update, not a conflict); a ``part`` count names the count of its whole (``part_of``), a whole
    its ``parts``. Background counts are kept but never enter an event total.
    """

    id: str
    event: Event
    category: Category
    extent: Extent
    values: tuple[CountValue, ...]
    group: str | None = None
    unit: str | None = None
    window: TimeWindow | None = None
    place: str | None = None
    part_of: str | None = None
    parts: tuple[str, ...] = ()
    low: Estimate | None = None
    best: Estimate | None = None
    high: Estimate | None = None
    trajectories: tuple[TollUpdate, ...] = ()
    independent_origins: int = 1

    @property
    def figure_ids(self) -> tuple[FigureId, ...]:
        return tuple(f for v in self.values for f in v.figures)


# -- places and time -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Place:
    """A place the reports name, resolved to GeoNames where the evidence allows, else kept as named."""

    id: str
    name: str
    kind: PlaceKind
    mentions: tuple[Evidence, ...]
    latitude: float | None = None
    longitude: float | None = None
    country: str | None = None
    country_name: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    population: int | None = None
    resolved: bool = False
    aliases: tuple[str, ...] = ()
    region_from_text: str | None = None
    within: str | None = None
    gazetteer_name: str | None = None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A dated thing a report says (its publication, an event, a figure), or the list of undated reports.

    ``span`` are offsets in ``doc_id``'s text, None for a date read from metadata.
    """

    id: str
    kind: TimelineKind
    label: str
    date: str | None = None
    start: str | None = None
    end: str | None = None
    doc_id: DocId | None = None
    span: Offsets | None = None
    outlet: str | None = None
    time_text: str | None = None
    time_span: Offsets | None = None
    figure_id: FigureId | None = None
    claim_id: ClaimId | None = None
    place: str | None = None
    duplicate_of: DocId | None = None
    undated: tuple[DocId, ...] = ()


# -- framing -------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class LabelCount:
    text: str
    count: int


@dataclass(frozen=True, slots=True)
class FramedSide:
    """The words one outlet uses for one side of the event."""

    side: ActorId
    name: str
    labels: tuple[LabelCount, ...]


@dataclass(frozen=True, slots=True)
class LoadedTerm:
    """A loaded word (regime, terrorist, remnants ...) in one outlet's labels, whom it was aimed at, and
    how often the outlet quoted it rather than said it."""

    term: str
    category: str
    count: int
    quoted: int
    sides: Mapping[ActorId, int]
    examples: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Upstream:
    """A source an outlet relies on, and how many of its figures and claims credit it."""

    source_id: SourceId
    name: str
    count: int


@dataclass(frozen=True, slots=True)
class OutletFraming:
    """Per outlet: the words it chooses for each side, its loaded terms, how often it hedges and credits."""

    outlet: str
    doc_ids: tuple[DocId, ...]
    sides: tuple[FramedSide, ...] = ()
    loaded_terms: tuple[LoadedTerm, ...] = ()
    figures: int = 0
    hedged: int = 0
    attributed: int = 0
    hedging_rate: float | None = None
    attribution_rate: float | None = None
    upstream: tuple[Upstream, ...] = ()


# -- everything the alignment writes -------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Alignments:
    """Every cross-report result of one run, as the store keeps it and the dossier reads it.

    ``attributions`` maps a figure or claim id to its ``attributed_to`` names resolved to sources;
    ``rebuttals`` maps a denying claim to the claims of other reports it rebuts.
    """

    sources: tuple[Source, ...] = ()
    actors: tuple[Actor, ...] = ()
    claim_groups: tuple[ClaimGroup, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    figure_bands: tuple[FigureBand, ...] = ()
    counts: tuple[Count, ...] = ()
    framing: tuple[OutletFraming, ...] = ()
    places: tuple[Place, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    rebuttals: Mapping[ClaimId, tuple[ClaimId, ...]] = field(default_factory=dict)
    attributions: Mapping[str, tuple[Attribution, ...]] = field(default_factory=dict)

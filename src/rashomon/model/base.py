"""The small pieces every finding is made of: where its words are, and who says them.

Every item of the dossier points to the exact words of a report: a :class:`Span` (document id and
character offsets into that document's text, end exclusive). Offsets inside the same document
(the agent of a harm, the time words of a claim) are plain ``(start, end)`` pairs: :data:`Offsets`.
"""

from __future__ import annotations

from dataclasses import dataclass

#: ids are strings the store or the aligner assigns once: f12 (figure), c40 (claim), d3 (dispute) ...
DocId = str
FigureId = str
ClaimId = str
MentionId = str
SourceId = str
ActorId = str
#: character offsets into the text of the document an item belongs to: (start, end), end exclusive
Offsets = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Span:
    """Where an item's words are: a document id and character offsets into its text (end exclusive).

    In JSON a span is written as the item's ``doc_id`` and ``span: [start, end]``.

    >>> Span("d1", 4, 9).quote("The five men")
    'five '
    """

    doc_id: DocId
    start: int
    end: int

    def quote(self, text: str) -> str:
        """The words this span covers in ``text`` (the text of its document)."""
        return text[self.start:self.end]

    def overlaps(self, other: Span) -> bool:
        return self.doc_id == other.doc_id and self.start < other.end and other.start < self.end

    @property
    def offsets(self) -> Offsets:
        return (self.start, self.end)


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """The days a figure or statement speaks of: its time words and the ISO dates they resolve to."""

    text: str | None
    start: str | None  # ISO date (YYYY-MM-DD)
    end: str | None


@dataclass(frozen=True, slots=True)
class Attribution:
    """One source a report credits for a figure or claim, as written and as resolved across reports.

    ``name`` is the words of the report ("the UK-based monitor"); ``source_id`` the one source all
    its names resolve to (see ``rashomon.align.identity``); ``speaker`` the person who spoke for it
    ("Rami Haddad, director of X": name X, speaker Rami Haddad), else None.
    """

    name: str
    source_id: SourceId | None = None
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Voice:
    """Who speaks in a piece of evidence: a cited source as its outlet carries it, or the outlet itself.

    >>> Voice("Meridian Wire", "Vessan Monitor", "s1").label
    'Vessan Monitor (in Meridian Wire)'
    """

    outlet: str
    source: str | None = None
    source_id: SourceId | None = None

    @property
    def label(self) -> str:
        return f"{self.source} (in {self.outlet})" if self.source else self.outlet


@dataclass(frozen=True, slots=True)
class Evidence:
    """The words of one report that back a position, a place or a label.

    ``claim_id`` or ``figure_id`` names the finding the words belong to, when they are one;
    ``attributed_to`` the sources the report credits for them (figures only).
    """

    span: Span
    text: str
    claim_id: ClaimId | None = None
    figure_id: FigureId | None = None
    attributed_to: tuple[str, ...] = ()

    @property
    def doc_id(self) -> DocId:
        return self.span.doc_id

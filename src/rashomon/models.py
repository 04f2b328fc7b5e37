"""Plain dataclasses for what flows through rashomon: documents and what is found in them.

Every extracted item carries the id of its document and a character span into that
document's ``text``, so nothing is shown that cannot be traced to the words saying it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from pathlib import PurePath
from typing import Any, ClassVar

Span = tuple[int, int]


def text_id(text: str) -> str:
    """The id of a document: a hash of its text, so the same text is the same document.

    >>> text_id("hello")
    '2cf24dba5fb0a30e'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Document:
    """One report, as read from a file, a record or a URL.

    Ingest fills it in steps; once stored it is never changed. ``origin_id`` is the report it
    independently comes from (itself, the original it nearly copies, or the first report of the
    same wire story), set by ``rashomon.align.corpus``; ``display_name`` is the one name shown for
    its outlet everywhere.
    """

    #: written to the dossier besides the fields (``pages``: their number); ``meta`` and the page offsets stay
    #: in the store
    __json_properties__: ClassVar[tuple[str | tuple[str, str], ...]] = ("words", "display_name",
                                                                         ("pages", "page_count"))
    __json_omit__: ClassVar[tuple[str, ...]] = ("meta", "pages")

    source: str
    text: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when known, never guessed
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    id: str = ""
    duplicate_of: str | None = None  # id of the earlier document this one copies
    origin_id: str = ""  # id of the report this one's story independently comes from (see align.corpus)
    # every choice made for the user while reading it ("encoding guessed: cp1252", "date order guessed: …")
    flags: list[str] = field(default_factory=list)
    # character offset in ``text`` where each page starts (PDF), so a span can cite "p. 14"; None: no pages
    pages: list[int] | None = None

    def __post_init__(self) -> None:
        if not self.id:
            self.id = text_id(self.text)
        if not self.origin_id:
            self.origin_id = self.duplicate_of or self.id

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def display_name(self) -> str:
        """The name shown for this report's outlet: the outlet, else the web host, else the file name.

        >>> Document(source="reports/a.txt", text="x").display_name
        'a.txt'
        >>> Document(source="upload", url="https://www.example.org/news/1", text="x").display_name
        'example.org'
        """
        if self.outlet:
            return self.outlet
        for where in (self.url, self.source):
            host = re.match(r"https?://(?:www\.)?([^/:]+)", where or "")
            if host:
                return host.group(1)
        return PurePath(self.source or "").name or self.source or self.id
    @property
    def page_count(self) -> int | None:
        """How many pages a paged source (PDF) has; None for a text without pages."""
        return len(self.pages) if self.pages else None

    def page_at(self, offset: int) -> int | None:
        """The page (from 1) holding character ``offset`` of the text, or None for a text without pages.

        >>> Document("x.pdf", "one\n\ntwo", pages=[0, 5]).page_at(6)
        2
        """
        if not self.pages:
            return None
        from bisect import bisect_right

        return max(1, bisect_right(self.pages, offset))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class FigureDraft:
    """A figure as the per-report analysis drafts it, before the store gives it an id and it becomes a
    :class:`rashomon.model.Figure` (the one typed figure every later layer reads). ``part_of`` is still
    a position in the report's list of drafts, ``time`` the window's words and dates."""

    doc_id: str
    span: Span
    text: str
    value: float
    qualifier: str = "exact"
    event: str = "other"
    category: str = "people"
    group: str | None = None
    attributed_to: list[str] = field(default_factory=list)
    hedged: bool = False
    perpetrator: str | None = None
    time: dict[str, Any] | None = None
    place: str | None = None
    low: float | None = None
    high: float | None = None
    addition: bool = False
    part_of: int | None = None  # index, within the same document, of the figure this is a part of
    sentence: Span | None = None
    earlier: bool = False  # an earlier value of a toll given in the same clause ("rose to 57 from 41": 41)
    zone: str = "body"  # the part of the report it is in: body, headline, standfirst or caption
    channel: str | None = None  # the medium or relay the source spoke through ("Telegram", "AFP")
    voice: str = "unattributed"  # "source" (attributed_to credits someone), "outlet" (its own count), "unattributed"
    unit: str | None = None  # a non-person unit counted ("families", "homes"), never turned into persons
    extent: str = "total"  # total | incident | part | background (``rashomon.analyze.scope``)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        d["sentence"] = list(self.sentence) if self.sentence else None
        d["value"] = int(self.value) if float(self.value).is_integer() else self.value
        return d


@dataclass
class InputFailure:
    """An input that could not be read, kept so the summary can name it."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"

"""The dossier: every finding and alignment of one corpus, as one frozen value.

Its JSON form (``rashomon.dossier/2``, ``schema/dossier.schema.json``) is written and read by
:mod:`rashomon.model.codec` only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .aligned import Actor, ClaimGroup, Count, Dispute, FigureBand, OutletFraming, Place, Source, TimelineEntry
from .document import Document, InputFailure
from .findings import Claim, Figure

#: the JSON contract's name and version; /2 added sources, attributions, origins and display names
SCHEMA = "rashomon.dossier/2"


@dataclass(frozen=True)
class Stats:
    """The counts shown at the top of the dossier."""

    documents: int = 0
    independent_documents: int = 0
    outlets: int = 0
    words: int = 0
    figures: int = 0
    claims: int = 0
    disputes: int = 0
    casualty_figures: int = 0
    sources: int = 0
    failures: int = 0
    first_published: str | None = None
    last_published: str | None = None


@dataclass(frozen=True)
class Title:
    """The dossier's title: neutral ("7 reports on Brannik, 10–13 May 2031") unless the user gave one."""

    text: str
    by: Literal["rashomon", "user"] = "rashomon"


@dataclass(frozen=True)
class OutletDescription:
    """What ``outlets.toml`` says an outlet is (see ``rashomon.outlets``)."""

    type: Literal["wire", "state media", "NGO", "monitor", "partisan", "aggregator"]
    country: str | None = None
    alignment: str | None = None
    mirror_of: str | None = None


@dataclass(frozen=True)
class OutletEntry:
    """One outlet of the corpus (its ``display_name``), its reports, and what the analyst says it is;
    a mirror (an aggregator) is never ``independent``."""

    name: str
    documents: tuple[str, ...]
    independent: bool = True
    profile: OutletDescription | None = None


@dataclass(frozen=True)
class Dossier:
    """Everything found in one corpus. Items point to their words by document id and span."""

    schema: str = SCHEMA
    title: Title | None = None
    generator: str = ""
    generated_at: str = ""
    stats: Stats = Stats()
    documents: tuple[Document, ...] = ()
    outlets: tuple[OutletEntry, ...] = ()
    figures: tuple[Figure, ...] = ()
    claims: tuple[Claim, ...] = ()
    claim_groups: tuple[ClaimGroup, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    figure_bands: tuple[FigureBand, ...] = ()
    counts: tuple[Count, ...] = ()
    actors: tuple[Actor, ...] = ()
    sources: tuple[Source, ...] = ()
    framing: tuple[OutletFraming, ...] = ()
    places: tuple[Place, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    failures: tuple[InputFailure, ...] = ()

    def document(self, doc_id: str) -> Document | None:
        """The report with this id, or None."""
        return self._documents.get(doc_id)

    @property
    def _documents(self) -> dict[str, Document]:
        cached = self.__dict__.get("_by_id")
        if cached is None:
            cached = {d.id: d for d in self.documents}
            object.__setattr__(self, "_by_id", cached)
        return cached

    def texts(self) -> dict[str, str]:
        """Each report's text by id (every span indexes into one of these)."""
        return {d.id: d.text for d in self.documents}

    def outlet_names(self) -> dict[str, str]:
        """Each report's ``display_name`` by id."""
        return {d.id: d.display_name for d in self.documents}

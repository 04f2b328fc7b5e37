"""The corpus: the store read once into typed values, with each report's origin decided in one place.

:func:`read_corpus` reads every document, figure, claim (with its embedding), actor mention and place
name once. Ids are the store's (``f12``, ``c40``), given when the findings were saved and never made
again. Each report's ``origin_id`` (the report its story independently comes from) follows one rule,
:func:`origins`: a near-copy comes from its original, and a wire story republished by several outlets
with the same agency credit comes from its first report; the store keeps it, and ``outlets.toml``
adds, when given, that a mirror's report comes from the outlet it mirrors (``rashomon.outlets``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from ..model import Claim, DocId, Document, Figure, Mention, PlaceMention
from ..outlets import OutletBook, with_origins
from ..store import Store
from .duplicates import link_near_duplicates, wire_stories
from .neighbours import vectors_from_bytes


@dataclass(frozen=True, eq=False)
class Corpus:
    """Every report of a store and what the per-document analysis found in it, in arrival order.

    ``vectors`` row ``i`` is the embedding of ``claims[i]``.
    """

    documents: tuple[Document, ...]
    figures: tuple[Figure, ...] = ()
    claims: tuple[Claim, ...] = ()
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 384), dtype=np.float32))
    mentions: Mapping[DocId, tuple[Mention, ...]] = field(default_factory=dict)
    places: Mapping[DocId, tuple[PlaceMention, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {d.id: d for d in self.documents})

    def document(self, doc_id: DocId) -> Document:
        """The report with this id (KeyError when the corpus has none)."""
        return self._by_id[doc_id]  # type: ignore[attr-defined]

    def has(self, doc_id: DocId) -> bool:
        return doc_id in self._by_id  # type: ignore[attr-defined]

    def outlet(self, doc_id: DocId) -> str:
        """The name shown for a report's outlet (``Document.display_name``)."""
        return self.document(doc_id).display_name

    def origin(self, doc_id: DocId) -> DocId:
        """The report a report's story independently comes from (``Document.origin_id``)."""
        return self.document(doc_id).origin_id

    def published(self, doc_id: DocId) -> str | None:
        return self.document(doc_id).published


def origins(documents: list[Document], near_duplicate_threshold: float = 0.5
            ) -> dict[DocId, tuple[DocId | None, DocId]]:
    """Per report, in arrival order: (the earlier report it nearly copies or None, its origin).

    The origin of a near-copy is its original's; reports of one wire story (same agency credit, shared
    text) share the origin of the first of them.
    """
    copies = link_near_duplicates(documents, threshold=near_duplicate_threshold)
    originals = [d for d in documents if not copies.get(d.id)]
    story = wire_stories(originals)
    out: dict[DocId, tuple[DocId | None, DocId]] = {}
    for doc in documents:
        original = copies.get(doc.id)
        out[doc.id] = (original, story.get(original or doc.id, original or doc.id))
    return out


def read_corpus(store: Store, near_duplicate_threshold: float = 0.5, outlets: OutletBook | None = None) -> Corpus:
    """Read the store once into a :class:`Corpus`, deciding (and recording) each report's origin; ``outlets``
    (an ``outlets.toml``) makes a mirror's reports speak with the voice of the outlet they mirror."""
    documents = list(store.documents())
    links = origins(documents, near_duplicate_threshold)
    store.set_origins(links)
    documents = with_origins([replace(d, duplicate_of=links[d.id][0], origin_id=links[d.id][1]) for d in documents],
                             outlets or OutletBook())
    pairs = store.claims_with_vectors()
    return Corpus(
        documents=tuple(documents), figures=tuple(store.figures()), claims=tuple(c for c, _ in pairs),
        vectors=vectors_from_bytes([v for _, v in pairs]), mentions=_by_doc(store.mentions()),
        places=_by_doc(store.place_mentions()),
    )


def _by_doc(items: list) -> dict[DocId, tuple]:  # type: ignore[type-arg]
    out: dict[DocId, list] = {}  # type: ignore[type-arg]
    for item in items:
        out.setdefault(item.span.doc_id, []).append(item)
    return {doc_id: tuple(found) for doc_id, found in out.items()}

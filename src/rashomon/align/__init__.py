"""Across documents: near-copies, claim groups, disputes, figure bands (and actors, sides, framing, places, timeline).

Everything here reads the per-document findings from the store and writes its results back as
named alignments, rebuilt whole on every run (the per-document analysis is what is incremental).
"""

from __future__ import annotations

from typing import Any

from ..outlets import OutletBook, origins
from ..store import Store
from .actors import SideLookup, build_actors
from .claims import claim_groups, corroborate, rebuttals
from .contradiction import ContradictionScorer
from .disputes import DisputeFinder
from .duplicates import link_near_duplicates
from .figures import figure_bands
from .framing import framing_table
from .neighbours import vectors_from_bytes
from .places import resolve_places
from .timeline import build_timeline

__all__ = ["align_corpus", "link_near_duplicates"]


def align_corpus(store: Store, near_duplicate_threshold: float = 0.5,
                 scorer: ContradictionScorer | None = None, outlets: OutletBook | None = None) -> dict[str, Any]:
    """Rebuild every cross-document result from the store, save it, and return it (``outlets``: a
    mirror's reports speak with the voice of the outlet they mirror)."""
    links = link_near_duplicates(store.documents(), threshold=near_duplicate_threshold)
    store.set_duplicates(links)
    texts: dict[str, str] = {}
    documents = []
    for d in store.documents():
        texts[d.id] = d.text
        documents.append({"id": d.id, "outlet": d.outlet, "source": d.source, "published": d.published,
                          "duplicate_of": d.duplicate_of})
    claims = []
    blobs = []
    for claim in store.items("claim", with_vectors=True):
        blobs.append(claim.pop("_vector"))
        claim["id"] = f"c{claim['item_id']}"
        claims.append(claim)
    vectors = vectors_from_bytes(blobs)
    figures = [dict(f, id=f"f{f['item_id']}") for f in store.items("figure")]
    origin = origins(documents, outlets or OutletBook())
    groups = claim_groups(claims, vectors, origin=origin)
    mentions: dict[str, list[dict[str, Any]]] = {}
    for mention in store.items("mention"):
        mention.pop("item_id", None)
        mentions.setdefault(mention["doc_id"], []).append(mention)
    actors = build_actors([dict(d, text=texts.get(d["id"], "")) for d in documents], mentions)
    finder = DisputeFinder(documents, claims, vectors, figures, side_of=SideLookup(actors), scorer=scorer)
    disputes = finder.find()
    results = {
        "actors": actors,
        "framing": framing_table(documents, mentions, actors, figures),
        "claim_groups": corroborate(groups, claims, documents),
        "disputes": disputes,
        "rebuttals": rebuttals(disputes),
        "figure_bands": figure_bands(figures, documents, finder.updates),
        "places": resolve_places(documents, _places_by_doc(store)),
        "timeline": build_timeline(_with_title_and_text(store, documents), figures, claims),
    }
    store.save_alignments(results)
    return results


def _with_title_and_text(store: Store, documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The documents with what the timeline also reads: the title, and the text a date line may be in."""
    stored = {d.id: d for d in store.documents()}
    return [dict(d, title=stored[d["id"]].title, text=stored[d["id"]].text) for d in documents if d["id"] in stored]


def _places_by_doc(store: Store) -> dict[str, list[dict[str, Any]]]:
    """The place mentions the per-document analysis stored, per document."""
    out: dict[str, list[dict[str, Any]]] = {}
    for place in store.items("place"):
        place.pop("item_id", None)
        out.setdefault(place["doc_id"], []).append(place)
    return out

"""rashomon's spaCy components, registered by name (see ``pipeline.COMPONENTS``)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..zones import ZoneIndex, find_zones
from .claims import extract_claims
from .figures import extract_figures
from .mentions import extract_mentions
from .places import extract_places, unplace_people
from .syntax import doc_text

for _name in ("figures", "claims", "mentions", "places", "zones"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _guarded(name: str, extract: Callable[[Doc], list[Any]], doc: Doc) -> list[Any]:
    """Run one extractor; if it fails on this report, note why and go on with nothing from it, so one
    odd report never stops the analysis of the others."""
    try:
        return extract(doc)
    except Exception as exc:  # noqa: BLE001  (untrusted text must not crash the run)
        doc.user_data.setdefault("rashomon.errors", []).append(f"{name} failed ({type(exc).__name__}: {exc})")
        return []


@Language.component("rashomon_zones", assigns=["doc._.zones", "token.is_sent_start"])
def zones_component(doc: Doc) -> Doc:
    """Label the parts of the page (headline, dateline, captions, ...; see ``zones.py``) and start a
    sentence at each line that starts a zone, so that a caption or a byline is never parsed into the
    report's sentences. A dateline stays in its sentence for the parser (the words after it parse
    better in context); the extractors leave its words out. Runs before the parser; reads the
    report's title from ``doc.user_data["rashomon.title"]``."""
    text = doc_text(doc)
    zones = find_zones(text, doc.user_data.get("rashomon.title"))
    doc._.zones = ZoneIndex(zones)
    starts = [t.idx for t in doc]
    for z in zones:
        if z.start > 0 and text[z.start - 1] != "\n":
            continue  # the words after a dateline or a timestamp on the same line
        i = bisect_left(starts, z.start)
        if 0 < i < len(doc):
            doc[i].is_sent_start = True
    return doc


@Language.component("rashomon_figures", assigns=["doc._.figures"], requires=["token.dep", "token.head"])
def figures_component(doc: Doc) -> Doc:
    """Find every casualty, displacement, detention and incident figure (see ``figures/``)."""
    doc._.figures = _guarded("figures", lambda d: extract_figures(d, d.user_data.get("rashomon.doc_id", ""),
                                                                  d.user_data.get("rashomon.published")), doc)
    return doc


@Language.component("rashomon_claims", assigns=["doc._.claims"], requires=["token.dep", "token.head"])
def claims_component(doc: Doc) -> Doc:
    """Find the check-worthy statements, their stance, hedges, sources and harms (see ``claims.py``)."""
    doc._.claims = _guarded("claims", extract_claims, doc)
    return doc


@Language.component("rashomon_actors", assigns=["doc._.mentions"], requires=["token.dep", "token.ent_type"])
def actors_component(doc: Doc) -> Doc:
    """Find the mentions of people, organisations and armed groups, with the side cues they carry."""
    doc._.mentions = _guarded("actors", extract_mentions, doc)
    return doc


@Language.component("rashomon_places", assigns=["doc._.places"], requires=["token.pos", "token.ent_type"])
def places_component(doc: Doc) -> Doc:
    """Find the places a report names, their kind and the region the text puts them in (see ``places.py``)."""
    doc._.places = _guarded("places", extract_places, doc)
    # runs last: it knows the report's people, so no figure stays placed "in" one
    _guarded("places", lambda d: unplace_people(d._.figures or [], d._.places, d) or [], doc)
    return doc

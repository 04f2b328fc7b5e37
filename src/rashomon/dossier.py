"""The dossier: everything found, gathered from the store, in the JSON contract (rashomon.dossier/1)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from . import __version__
from .models import Document
from .outlets import OutletBook, origins, outlet_entries
from .store import Store
from .wording import display_sources, neutral_title

SCHEMA = "rashomon.dossier/1"
CASUALTY_EVENTS = ("killed", "injured", "displaced", "detained", "missing")


def build_dossier(store: Store, *, title: str | None = None, keep_paths: bool = False,
                  outlets: OutletBook | None = None) -> dict[str, Any]:
    """Gather the store into a dossier dict (see ``schema/dossier.schema.json``).

    ``title`` replaces the neutral title ("N reports on <main place>, <date range>"); a document's or
    a failure's ``source`` is its file name (with parent folders only where two share a name) unless
    ``keep_paths``, so a shared dossier does not hold the layout of the analyst's disk. ``outlets``
    (``outlets.toml``) describes the outlets; a mirror's reports never count as an independent origin.
    """
    outlets = outlets or OutletBook()
    stored = list(store.documents())
    stored_failures = list(store.failures())
    names = {} if keep_paths else display_sources([d.source for d in stored] + [f.source for f in stored_failures])

    def shown(source: str) -> str:
        return names.get(source, source)

    documents = []
    paged = {}
    for doc in stored:
        documents.append({
            "id": doc.id, "source": shown(doc.source), "outlet": doc.outlet, "title": doc.title, "url": doc.url,
            "published": doc.published, "language": doc.language, "words": doc.words,
            "duplicate_of": doc.duplicate_of, "flags": list(doc.flags), "pages": len(doc.pages or []) or None,
            "text": doc.text,
        })
        if doc.pages:
            paged[doc.id] = doc
    figures = [_with_page(_with_id(fig, "f"), paged) for fig in store.items("figure")]
    aligned = store.alignments()
    rebutted = aligned.get("rebuttals", {})
    claims = []
    for claim in store.items("claim"):
        claim = _with_page(_with_id(claim, "c"), paged)
        claim["rebuts"] = rebutted.get(claim["id"], [])
        claims.append(claim)
    failures = [{"source": shown(f.source), "reason": f.reason} for f in stored_failures]
    independent = set(origins(documents, outlets).values())
    dates = sorted(d["published"] for d in documents if d["published"])
    places = aligned.get("places", [])
    return {
        "schema": SCHEMA,
        "title": {"text": title, "by": "user"} if title else {"text": neutral_title(documents, places),
                                                              "by": "rashomon"},
        "generator": f"rashomon {__version__}",
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "stats": {
            "documents": len(documents),
            "independent_documents": len(independent),
            "outlets": len({d["outlet"] for d in documents if d["outlet"]}),
            "words": sum(d["words"] for d in documents),
            "figures": len(figures),
            "claims": len(claims),
            "disputes": len(aligned.get("disputes", [])),
            "casualty_figures": sum(1 for f in figures if f.get("event") in CASUALTY_EVENTS),
            "failures": len(failures),
            "first_published": dates[0] if dates else None,
            "last_published": dates[-1] if dates else None,
        },
        "documents": documents,
        "outlets": outlet_entries(documents, outlets),
        "figures": figures,
        "claims": claims,
        "claim_groups": aligned.get("claim_groups", []),
        "disputes": aligned.get("disputes", []),
        "figure_bands": aligned.get("figure_bands", []),
        "actors": aligned.get("actors", []),
        "framing": aligned.get("framing", []),
        "places": places,
        "timeline": aligned.get("timeline", []),
        "failures": failures,
    }


def _with_id(item: dict[str, Any], prefix: str) -> dict[str, Any]:
    item = dict(item)
    item["id"] = f"{prefix}{item.pop('item_id')}"
    return item


def _with_page(item: dict[str, Any], paged: dict[str, Document]) -> dict[str, Any]:
    """Add ``page`` (from 1) to an item of a paged document (PDF), from the start of its span."""
    doc = paged.get(item.get("doc_id", ""))
    if doc is not None:
        item["page"] = doc.page_at(item["span"][0])
    return item


@lru_cache(maxsize=1)
def dossier_schema() -> dict[str, Any]:
    """The JSON Schema every dossier validates against."""
    text = resources.files("rashomon").joinpath("schema/dossier.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def validate_dossier(dossier: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when the dossier breaks its schema or a span is out of range."""
    import jsonschema

    jsonschema.validate(dossier, dossier_schema())
    lengths = {d["id"]: len(d["text"]) for d in dossier["documents"]}
    for fig in dossier["figures"]:
        start, end = fig["span"]
        if fig["doc_id"] not in lengths or not 0 <= start < end <= lengths[fig["doc_id"]]:
            raise jsonschema.ValidationError(f"figure {fig.get('id')} has a span outside its document")


def write_json(dossier: dict[str, Any], path: str | Path) -> Path:
    """Write the dossier atomically (a temporary file renamed into place)."""
    path = Path(path)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(dossier, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    return path

"""The dossier: everything found, gathered from the store into one :class:`~rashomon.model.Dossier`.

Its JSON form is the contract ``rashomon.dossier/2`` (``schema/dossier.schema.json``), written and read
through :mod:`rashomon.model.codec` only.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path

import orjson

from . import __version__
from .errors import InputError
from .model import (
    CASUALTY_EVENTS,
    SCHEMA,
    Document,
    Dossier,
    JSONObject,
    OutletDescription,
    OutletEntry,
    Stats,
    Title,
    from_json,
    to_json,
)
from .model.codec import json_fields
from .outlets import OutletBook, with_origins
from .store import Store
from .wording import display_sources, neutral_title

__all__ = ["build_dossier", "dossier_schema", "read_json", "validate_dossier", "write_json"]


def build_dossier(store: Store, *, title: str | None = None, keep_paths: bool = False,
                  outlets: OutletBook | None = None) -> Dossier:
    """Gather the store's reports, findings and cross-document results into a :class:`Dossier`.

    Figures and claims carry their sources as the alignment resolved them (``attributions``), their page
    in a paged source, and a denial the claims it rebuts. ``title`` replaces the neutral title ("N reports
    on <main place>, <date range>"); a document's or a failure's ``source`` is its file name (with parent
    folders only where two share a name) unless ``keep_paths``, so a shared dossier does not hold the
    layout of the analyst's disk. ``outlets`` (``outlets.toml``) describes the outlets: a mirror's reports
    never count as an independent origin.
    """
    book = outlets or OutletBook()
    stored = with_origins(store.documents(), book)
    stored_failures = list(store.failures())
    names = {} if keep_paths else display_sources([d.source for d in stored] + [f.source for f in stored_failures])
    documents = tuple(replace(d, source=names.get(d.source, d.source)) for d in stored)
    pages = {d.id: d for d in documents if d.pages}
    aligned = store.alignments()
    figures = tuple(replace(f, attributions=aligned.attributions.get(f.id, ()), page=_page(pages, f.span.doc_id,
                                                                                           f.span.start))
                    for f in store.figures())
    claims = tuple(replace(c, rebuts=aligned.rebuttals.get(c.id, ()), attributions=aligned.attributions.get(c.id, ()),
                           page=_page(pages, c.span.doc_id, c.span.start)) for c in store.claims())
    failures = tuple(replace(f, source=names.get(f.source, f.source)) for f in stored_failures)
    dates = sorted(d.published for d in documents if d.published)
    stats = Stats(
        documents=len(documents), independent_documents=len({d.origin_id for d in documents}),
        outlets=len({d.outlet for d in documents if d.outlet}), words=sum(d.words for d in documents),
        figures=len(figures), claims=len(claims), disputes=len(aligned.disputes),
        casualty_figures=sum(1 for f in figures if f.event in CASUALTY_EVENTS), sources=len(aligned.sources),
        failures=len(failures), first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
    )
    return Dossier(
        schema=SCHEMA, title=Title(title, "user") if title else Title(neutral_title(documents, aligned.places)),
        generator=f"rashomon {__version__}", generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        stats=stats, documents=documents, outlets=outlet_entries(documents, book), figures=figures, claims=claims,
        claim_groups=aligned.claim_groups, disputes=aligned.disputes, figure_bands=aligned.figure_bands,
        counts=aligned.counts,
        actors=aligned.actors, sources=aligned.sources, framing=aligned.framing, places=aligned.places,
        timeline=aligned.timeline, failures=failures,
    )


def _page(paged: dict[str, Document], doc_id: str, offset: int) -> int | None:
    """The page (from 1) of a paged source holding ``offset``, or None."""
    doc = paged.get(doc_id)
    return doc.page_at(offset) if doc is not None else None


def outlet_entries(documents: tuple[Document, ...], book: OutletBook) -> tuple[OutletEntry, ...]:
    """Every outlet of the corpus (its ``display_name``) with its reports and, when ``outlets.toml``
    describes it, its type, country, alignment and what it mirrors."""
    by_outlet: dict[str, list[str]] = {}
    for d in documents:
        by_outlet.setdefault(d.display_name, []).append(d.id)
    entries = []
    for name, ids in by_outlet.items():
        profile = book.lookup(name)
        described = OutletDescription(profile.type, profile.country, profile.alignment,  # type: ignore[arg-type]
                                      profile.mirror_of) if profile else None
        entries.append(OutletEntry(name, tuple(ids), not (profile and profile.is_mirror), described))
    return tuple(entries)


@lru_cache(maxsize=1)
def dossier_schema() -> JSONObject:
    """The JSON Schema every dossier validates against."""
    text = resources.files("rashomon").joinpath("schema/dossier.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def validate_dossier(dossier: Dossier | JSONObject) -> None:
    """Raise ``jsonschema.ValidationError`` when the dossier breaks its schema or a span is out of range."""
    import jsonschema

    data = to_json(dossier) if isinstance(dossier, Dossier) else dossier
    jsonschema.validate(data, dossier_schema())
    lengths = {d["id"]: len(d["text"]) for d in data["documents"]}
    for section in ("figures", "claims"):
        for item in data.get(section) or []:
            start, end = item["span"]
            if item["doc_id"] not in lengths or not 0 <= start < end <= lengths[item["doc_id"]]:
                raise jsonschema.ValidationError(f"{section[:-1]} {item.get('id')} has a span outside its document")


def dossier_chunks(dossier: Dossier) -> Iterator[bytes]:
    """The dossier as ``dossier.json`` holds it, in pieces: UTF-8 JSON, indented by two spaces, keys in the
    model's order, ending in a newline. Written by orjson (the standard library's encoder with an indent is
    pure Python, five times slower), one item of a section at a time, so that the whole dossier is never held
    as JSON values at once (on 5,000 reports those took more memory than the dossier's models); the pieces
    joined are ``orjson.dumps(to_json(dossier), option=OPT_INDENT_2)`` and a newline, byte for byte."""
    yield b"{"
    first = True
    for key, value in json_fields(dossier):
        yield (b"\n  " if first else b",\n  ") + orjson.dumps(key) + b": "
        first = False
        if isinstance(value, tuple) and value:
            yield b"["
            for i, item in enumerate(value):
                yield (b"\n    " if i == 0 else b",\n    ") + _indented(item, 2)
            yield b"\n  ]"
        else:
            yield _indented(value, 1)
    yield b"}\n" if first else b"\n}\n"


def _indented(value: object, depth: int) -> bytes:
    """A model as indented JSON, its lines after the first moved in by ``depth`` levels (a string holds no
    raw newline: JSON escapes it)."""
    return orjson.dumps(to_json(value), option=orjson.OPT_INDENT_2).replace(b"\n", b"\n" + b"  " * depth)


def write_json(dossier: Dossier, path: str | Path) -> Path:
    """Write the dossier's JSON atomically (a temporary file renamed into place)."""
    path = Path(path)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("wb") as out:
        out.writelines(dossier_chunks(dossier))
    tmp.replace(path)
    return path


def read_json(path: str | Path) -> Dossier:
    """Read an exported ``dossier.json`` back into a :class:`Dossier` (a /1 dossier is refused by name)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("schema") != SCHEMA:
        raise InputError(str(path), f"a {data.get('schema')!r} dossier; this rashomon reads {SCHEMA}: "
                                    "export it again with 'rashomon export'")
    return from_json(Dossier, data)

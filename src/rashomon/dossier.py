"""The dossier: everything found, gathered from the store into one :class:`~rashomon.model.Dossier`.

Its JSON form is the contract ``rashomon.dossier/2`` (``schema/dossier.schema.json``), written and read
through :mod:`rashomon.model.codec` only.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path

from . import __version__
from .errors import InputError
from .model import CASUALTY_EVENTS, SCHEMA, Dossier, JSONObject, Stats, from_json, to_json
from .store import Store

__all__ = ["build_dossier", "dossier_schema", "read_json", "validate_dossier", "write_json"]


def build_dossier(store: Store) -> Dossier:
    """Gather the store's reports, findings and cross-document results into a :class:`Dossier`.

    Figures and claims carry their sources as the alignment resolved them (``attributions``); a denial
    names the claims it rebuts (``rebuts``).
    """
    documents = tuple(store.documents())
    aligned = store.alignments()
    figures = tuple(replace(f, attributions=aligned.attributions.get(f.id, ())) for f in store.figures())
    claims = tuple(replace(c, rebuts=aligned.rebuttals.get(c.id, ()), attributions=aligned.attributions.get(c.id, ()))
                   for c in store.claims())
    failures = tuple(store.failures())
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
        schema=SCHEMA, generator=f"rashomon {__version__}",
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        stats=stats, documents=documents, figures=figures, claims=claims, claim_groups=aligned.claim_groups,
        disputes=aligned.disputes, figure_bands=aligned.figure_bands, actors=aligned.actors, sources=aligned.sources,
        framing=aligned.framing, places=aligned.places, timeline=aligned.timeline, failures=failures,
    )


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


def write_json(dossier: Dossier, path: str | Path) -> Path:
    """Write the dossier's JSON atomically (a temporary file renamed into place)."""
    path = Path(path)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(to_json(dossier), ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    return path


def read_json(path: str | Path) -> Dossier:
    """Read an exported ``dossier.json`` back into a :class:`Dossier` (a /1 dossier is refused by name)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("schema") != SCHEMA:
        raise InputError(str(path), f"a {data.get('schema')!r} dossier; this rashomon reads {SCHEMA}: "
                                    "export it again with 'rashomon export'")
    return from_json(Dossier, data)

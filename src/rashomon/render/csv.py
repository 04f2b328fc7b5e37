"""CSV exports of a dossier: one file per table, loadable in pandas or a spreadsheet.

``write_csv`` writes the three base tables (documents, figures, failures); ``write_tables`` adds
claims, disputes and the ACLED-style events, one row per piece of evidence, each with its span.
"""

from __future__ import annotations

import base64
import csv
import io
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..model import Dossier, Figure, to_json
from .acled import ACLED_COLUMNS, acled_events
from .views import claim_groups, dispute_views, outlet_names, place_entries

DOCUMENT_COLUMNS = ["id", "source", "outlet", "title", "url", "published", "language", "words", "duplicate_of",
                    "origin_id", "display_name"]
FIGURE_COLUMNS = ["id", "doc_id", "start", "end", "text", "value", "low", "high", "qualifier", "event", "category",
                  "group", "attributed_to", "hedged", "perpetrator", "time_start", "time_end", "place", "addition",
                  "part_of"]
CLAIM_COLUMNS = ["claim_id", "claim", "doc_id", "outlet", "published", "stance", "attributed_to", "start", "end",
                 "text"]
DISPUTE_COLUMNS = ["dispute_id", "kind", "question", "position", "doc_id", "outlet", "published", "start", "end",
                   "text"]
Row = dict[str, object]


def _figure_row(fig: Figure) -> Row:
    data = to_json(fig)
    row: Row = {k: data.get(k) for k in FIGURE_COLUMNS}
    row["start"], row["end"] = fig.span.offsets
    row["attributed_to"] = "; ".join(fig.attributed_to)
    row["time_start"], row["time_end"] = (fig.time.start, fig.time.end) if fig.time else (None, None)
    return row


def claim_rows(dossier: Dossier) -> list[Row]:
    """One row per claim as a report makes it: the group it belongs to, the stance and the words."""
    names = outlet_names(dossier)
    rows: list[Row] = []
    for group in claim_groups(dossier):
        for m in group.members:
            doc = dossier.document(m.doc_id)
            if doc is None:
                continue
            rows.append({"claim_id": group.id, "claim": group.text, "doc_id": m.doc_id, "outlet": names[m.doc_id],
                         "published": doc.published, "stance": m.stance, "attributed_to": "; ".join(m.attributed_to),
                         "start": m.span[0], "end": m.span[1], "text": m.quote})
    return rows


def dispute_rows(dossier: Dossier) -> list[Row]:
    """One row per piece of evidence: the dispute, the position it supports, the report and the words."""
    rows: list[Row] = []
    for dispute in dispute_views(dossier):
        for position in dispute.positions:
            for e in position.evidence:
                doc = dossier.document(e.doc_id)
                rows.append({"dispute_id": dispute.id, "kind": dispute.kind, "question": dispute.question,
                             "position": position.label, "doc_id": e.doc_id, "outlet": e.outlet,
                             "published": doc.published if doc else None, "start": e.span[0], "end": e.span[1],
                             "text": e.quote})
    return rows


def _write_rows(fh: Any, columns: list[str], rows: Iterable[Row]) -> None:
    writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: json.dumps(v) if isinstance(v, (dict, list)) else v for k, v in row.items()})


def write_table(path: str | Path, columns: list[str], rows: Iterable[Row]) -> Path:
    """Write one CSV table (UTF-8, a header line, nested values as JSON)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        _write_rows(fh, columns, rows)
    return path


def csv_text(columns: list[str], rows: Iterable[Row]) -> str:
    """One CSV table as text, as :func:`write_table` writes it."""
    out = io.StringIO()
    _write_rows(out, columns, rows)
    return out.getvalue()


def write_csv(dossier: Dossier, folder: str | Path) -> list[Path]:
    """Write ``documents.csv``, ``figures.csv`` and ``failures.csv`` into ``folder``."""
    folder = Path(folder)
    tables: dict[str, tuple[list[str], list[Row]]] = {
        "documents.csv": (DOCUMENT_COLUMNS, [{k: to_json(d).get(k) for k in DOCUMENT_COLUMNS}
                                             for d in dossier.documents]),
        "figures.csv": (FIGURE_COLUMNS, [_figure_row(f) for f in dossier.figures]),
        "failures.csv": (["source", "reason"], [to_json(f) for f in dossier.failures]),
    }
    return [write_table(folder / name, columns, rows) for name, (columns, rows) in tables.items()]


# the single-table export formats: name → (columns, rows)
TABLES = {
    "claims": (CLAIM_COLUMNS, claim_rows),
    "disputes": (DISPUTE_COLUMNS, dispute_rows),
    "acled": (ACLED_COLUMNS, acled_events),
}


def write_tables(dossier: Dossier, folder: str | Path) -> list[Path]:
    """Every table: the base three, then ``claims.csv``, ``disputes.csv`` and ``events_acled.csv``."""
    folder = Path(folder)
    written = write_csv(dossier, folder)
    for name, (columns, rows) in TABLES.items():
        filename = "events_acled.csv" if name == "acled" else f"{name}.csv"
        written.append(write_table(folder / filename, columns, rows(dossier)))
    return written


# -- the tables of the dossier page, each offered as CSV and JSON ("CSV / JSON of this table") ----------
PLACE_COLUMNS = ["place", "kind", "admin1", "country", "latitude", "longitude", "named_by"]


def document_rows(dossier: Dossier) -> list[Row]:
    return [{k: to_json(d).get(k) for k in DOCUMENT_COLUMNS} for d in dossier.documents]


def place_rows(dossier: Dossier) -> list[Row]:
    return [{"place": p.name, "kind": p.kind, "admin1": p.admin1, "country": p.country, "latitude": p.latitude,
             "longitude": p.longitude, "named_by": "; ".join(f"{n.outlet} ×{n.count}" for n in p.named_by)}
            for p in place_entries(dossier)]


#: the page's tables: name → (columns, rows of the dossier); a figure table is "figures" narrowed to its band
PAGE_TABLES: dict[str, tuple[list[str], Callable[[Dossier], list[Row]]]] = {
    "figures": (FIGURE_COLUMNS, lambda d: [_figure_row(f) for f in d.figures]),
    "claims": (CLAIM_COLUMNS, claim_rows),
    "disputes": (DISPUTE_COLUMNS, dispute_rows),
    "reports": (DOCUMENT_COLUMNS, document_rows),
    "places": (PLACE_COLUMNS, place_rows),
}


def table_data(dossier: Dossier, name: str, figure_ids: Iterable[str] | None = None) -> tuple[list[str], list[Row]]:
    """The columns and rows of the page table ``name`` (a key of :data:`PAGE_TABLES`); ``figure_ids`` keeps
    the figures of one band. KeyError for an unknown name."""
    columns, rows_of = PAGE_TABLES[name]
    if figure_ids is not None and name == "figures":  # one band's rows only: a page has a table per band
        keep = set(figure_ids)
        return columns, [_figure_row(f) for f in dossier.figures if f.id in keep]
    rows = rows_of(dossier)
    if figure_ids is not None:
        keep = set(figure_ids)
        rows = [r for r in rows if r.get("id") in keep]
    return columns, rows


def data_urls(columns: list[str], rows: list[Row]) -> tuple[str, str]:
    """The table as ``data:`` URLs of its CSV and its JSON (a list of objects), for a link that downloads
    it from a page that makes no request."""
    as_json = json.dumps([{k: r.get(k) for k in columns} for r in rows], ensure_ascii=False)
    return (f"data:text/csv;charset=utf-8;base64,{_base64(csv_text(columns, rows))}",
            f"data:application/json;charset=utf-8;base64,{_base64(as_json)}")


def _base64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")

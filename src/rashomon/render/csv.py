"""CSV exports of a dossier: one file per table, loadable in pandas or a spreadsheet.

``write_csv`` writes the three base tables (documents, figures, failures); ``write_tables`` adds
claims, disputes and the ACLED-style events, one row per piece of evidence, each with its span.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .acled import ACLED_COLUMNS, acled_events
from .views import claim_groups, outlet_names, quote_of

DOCUMENT_COLUMNS = ["id", "source", "outlet", "title", "url", "published", "language", "words", "duplicate_of"]
FIGURE_COLUMNS = ["id", "doc_id", "start", "end", "text", "value", "low", "high", "qualifier", "event", "category",
                  "group", "attributed_to", "hedged", "perpetrator", "time_start", "time_end", "place", "addition",
                  "part_of"]
CLAIM_COLUMNS = ["claim_id", "claim", "doc_id", "outlet", "published", "stance", "attributed_to", "start", "end",
                 "text"]
DISPUTE_COLUMNS = ["dispute_id", "kind", "question", "position", "doc_id", "outlet", "published", "start", "end",
                   "text"]


def _figure_row(fig: dict[str, Any]) -> dict[str, Any]:
    row = {k: fig.get(k) for k in FIGURE_COLUMNS}
    row["start"], row["end"] = fig["span"]
    row["attributed_to"] = "; ".join(fig.get("attributed_to") or [])
    time = fig.get("time") or {}
    row["time_start"], row["time_end"] = time.get("start"), time.get("end")
    return row


def claim_rows(dossier: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per claim as a report makes it: the group it belongs to, the stance and the words."""
    docs = {d["id"]: d for d in dossier["documents"]}
    names = outlet_names(dossier)
    rows = []
    for group in claim_groups(dossier):
        for m in group["members"]:
            if m.get("doc_id") not in docs:
                continue
            start, end = m["span"]
            rows.append({"claim_id": group["id"], "claim": group["text"], "doc_id": m["doc_id"],
                         "outlet": names[m["doc_id"]], "published": docs[m["doc_id"]].get("published"),
                         "stance": m["stance"], "attributed_to": "; ".join(m.get("attributed_to") or []),
                         "start": start, "end": end, "text": m["quote"]})
    return rows


def dispute_rows(dossier: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per piece of evidence: the dispute, the position it supports, the report and the words."""
    docs = {d["id"]: d for d in dossier["documents"]}
    texts = {i: d["text"] for i, d in docs.items()}
    names = outlet_names(dossier)
    rows = []
    for dispute in dossier.get("disputes") or []:
        for position in dispute.get("positions") or []:
            for e in position.get("evidence") or []:
                if e.get("doc_id") not in docs:
                    continue
                start, end = e["span"]
                rows.append({"dispute_id": dispute.get("id"), "kind": dispute.get("kind"),
                             "question": dispute.get("question") or dispute.get("summary"),
                             "position": position.get("label"), "doc_id": e["doc_id"], "outlet": names[e["doc_id"]],
                             "published": docs[e["doc_id"]].get("published"), "start": start, "end": end,
                             "text": quote_of(texts, e)})
    return rows


def write_table(path: str | Path, columns: list[str], rows: Iterable[dict[str, Any]]) -> Path:
    """Write one CSV table (UTF-8, a header line, nested values as JSON)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: json.dumps(v) if isinstance(v, (dict, list)) else v for k, v in row.items()})
    return path


def write_csv(dossier: dict[str, Any], folder: str | Path) -> list[Path]:
    """Write ``documents.csv``, ``figures.csv`` and ``failures.csv`` into ``folder``."""
    folder = Path(folder)
    tables = {
        "documents.csv": (DOCUMENT_COLUMNS, [{k: d.get(k) for k in DOCUMENT_COLUMNS} for d in dossier["documents"]]),
        "figures.csv": (FIGURE_COLUMNS, [_figure_row(f) for f in dossier["figures"]]),
        "failures.csv": (["source", "reason"], dossier.get("failures", [])),
    }
    return [write_table(folder / name, columns, rows) for name, (columns, rows) in tables.items()]


# the single-table export formats: name → (columns, rows)
TABLES = {
    "claims": (CLAIM_COLUMNS, claim_rows),
    "disputes": (DISPUTE_COLUMNS, dispute_rows),
    "acled": (ACLED_COLUMNS, acled_events),
}


def write_tables(dossier: dict[str, Any], folder: str | Path) -> list[Path]:
    """Every table: the base three, then ``claims.csv``, ``disputes.csv`` and ``events_acled.csv``."""
    folder = Path(folder)
    written = write_csv(dossier, folder)
    for name, (columns, rows) in TABLES.items():
        filename = "events_acled.csv" if name == "acled" else f"{name}.csv"
        written.append(write_table(folder / filename, columns, rows(dossier)))
    return written

"""CSV exports of a dossier: one file per table, loadable in pandas or a spreadsheet."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

DOCUMENT_COLUMNS = ["id", "source", "outlet", "title", "url", "published", "language", "words", "duplicate_of"]
FIGURE_COLUMNS = ["id", "doc_id", "start", "end", "text", "value", "low", "high", "qualifier", "event", "category",
                  "group", "attributed_to", "hedged", "perpetrator", "time_start", "time_end", "place", "addition",
                  "part_of"]


def _figure_row(fig: dict[str, Any]) -> dict[str, Any]:
    row = {k: fig.get(k) for k in FIGURE_COLUMNS}
    row["start"], row["end"] = fig["span"]
    row["attributed_to"] = "; ".join(fig.get("attributed_to") or [])
    time = fig.get("time") or {}
    row["time_start"], row["time_end"] = time.get("start"), time.get("end")
    return row


def write_csv(dossier: dict[str, Any], folder: str | Path) -> list[Path]:
    """Write ``documents.csv``, ``figures.csv`` and ``failures.csv`` into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        "documents.csv": (DOCUMENT_COLUMNS, [{k: d.get(k) for k in DOCUMENT_COLUMNS} for d in dossier["documents"]]),
        "figures.csv": (FIGURE_COLUMNS, [_figure_row(f) for f in dossier["figures"]]),
        "failures.csv": (["source", "reason"], dossier.get("failures", [])),
    }
    written = []
    for name, (columns, rows) in tables.items():
        path = folder / name
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: json.dumps(v) if isinstance(v, (dict, list)) else v for k, v in row.items()})
        written.append(path)
    return written

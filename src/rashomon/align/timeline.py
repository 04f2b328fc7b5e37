"""The timeline: every dated thing the reports say, across reports, in date order.

Three kinds of entry, each pointing to the words it comes from:

- ``publication``: the day a report was published (from its metadata or the date line its text
  starts with, as ingest read it);
- ``figure``: a casualty or displacement figure whose clause gives a time ("since Thursday"),
  with the window ``rashomon.dates`` resolved against the publication date;
- ``event``: a check-worthy statement with a time expression ("on Saturday evening", "in the past
  two days"), resolved the same way.

A report without a publication date is never given one: its relative expressions ("Thursday",
"this morning") stay unresolved, only dates that carry their year are placed, and the report is
listed in a last entry of kind ``undated``.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from ..dates import find_time_expressions

_EVENT_WORDS = {"killed": "killed", "injured": "injured", "displaced": "displaced", "detained": "detained",
                "missing": "missing"}
_KIND_ORDER = {"publication": 0, "event": 1, "figure": 2}
_LABEL_CHARS = 160


def _outlet(doc: dict[str, Any]) -> str:
    return doc.get("outlet") or PurePath(str(doc.get("source") or doc["id"])).name or doc["id"]


def time_expressions(text: str, published: str | None) -> list[dict[str, Any]]:
    """The time expressions of ``text`` that resolve, each ``{"text", "span", "start", "end"}``
    (``span`` in ``text``; ``start``/``end`` ISO dates), in text order.

    >>> [(t["text"], t["start"], t["end"]) for t in time_expressions("Shelling since Thursday.", "2025-03-08")]
    [('since Thursday', '2025-03-06', '2025-03-08')]
    """
    return [{"text": t.text, "span": [t.start, t.end], "start": t.first.isoformat(), "end": t.last.isoformat()}
            for t in find_time_expressions(text, published)]


def _figure_label(fig: dict[str, Any]) -> str:
    """``killed: at least 312 people (Korvany)``: what the figure counts, as the report words it."""
    label = _shorten(fig.get("text") or str(fig.get("value", "")))
    if fig.get("event") in _EVENT_WORDS:
        label = f"{_EVENT_WORDS[fig['event']]}: {label}"
    return f"{label} ({fig['place']})" if fig.get("place") else label


def _shorten(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1].rsplit(" ", 1)[0] + "…"


def build_timeline(documents: list[dict[str, Any]], figures: list[dict[str, Any]],
                   claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Dated entries from every report, sorted by date, then one ``undated`` entry listing the
    reports that carry no publication date (when there are any).

    Each dated entry: ``id``, ``date`` (ISO, the first day), ``start``, ``end``, ``label``, ``kind``
    (publication, event or figure), ``doc_id``, ``span`` (null for a date read from metadata),
    ``outlet``, ``time_text`` and ``figure_id`` or ``claim_id``. The last entry, if any:
    ``{"kind": "undated", "undated": [doc ids], "label": ..., "date": null}``.
    """
    docs = {d["id"]: d for d in documents}
    entries: list[dict[str, Any]] = []
    undated = []
    for doc in documents:
        published = doc.get("published")
        if not published:
            undated.append(doc["id"])
            continue
        day = str(published)[:10]
        title = doc.get("title")
        label = f"{_outlet(doc)} published “{title}”" if title else f"{_outlet(doc)}: report published"
        # a date the text itself gives ("date 2025-03-07" opening it) is quoted; one from metadata has no words
        at = str(doc.get("text") or "")[:300].find(day)
        entries.append({"date": day, "start": day, "end": day, "label": label, "kind": "publication",
                        "doc_id": doc["id"], "span": [at, at + len(day)] if at >= 0 else None,
                        "outlet": _outlet(doc), "time_text": None})

    windows_by_doc: dict[str, list[tuple[int, int, str, str]]] = {}
    for fig in figures:
        time = fig.get("time") or {}
        if fig.get("doc_id") not in docs or not time.get("start"):
            continue
        doc = docs[fig["doc_id"]]
        start, end = time["start"], time.get("end") or time["start"]
        entries.append({"date": start, "start": start, "end": end, "label": _figure_label(fig), "kind": "figure",
                        "doc_id": fig["doc_id"], "span": list(fig["span"]), "outlet": _outlet(doc),
                        "time_text": time.get("text"), "figure_id": fig.get("id"), "place": fig.get("place")})
        windows_by_doc.setdefault(fig["doc_id"], []).append((fig["span"][0], fig["span"][1], start, end))

    for claim in claims:
        if claim.get("doc_id") not in docs:
            continue
        doc = docs[claim["doc_id"]]
        lo, hi = claim["span"]
        seen = set()
        for t in time_expressions(claim["text"], doc.get("published")):
            if t["text"] == str(doc.get("published"))[:10]:
                continue  # the publication date line, already an entry of its own
            window = (t["start"], t["end"])
            # a figure of this statement already carries the same window
            if window in seen or any(lo <= a and b <= hi and (s, e) == window
                                     for a, b, s, e in windows_by_doc.get(claim["doc_id"], [])):
                continue
            seen.add(window)
            entries.append({"date": t["start"], "start": t["start"], "end": t["end"], "label": _shorten(claim["text"]),
                            "kind": "event", "doc_id": claim["doc_id"], "span": [lo, hi], "outlet": _outlet(doc),
                            "time_text": t["text"], "time_span": [lo + t["span"][0], lo + t["span"][1]],
                            "claim_id": claim.get("id")})

    for entry in entries:
        original = docs[entry["doc_id"]].get("duplicate_of")
        if original:
            entry["duplicate_of"] = original  # a near-copy of another report: the renderer may fold it
    entries.sort(key=lambda e: (e["date"], e["end"], _KIND_ORDER[e["kind"]], e["doc_id"], (e["span"] or [0])[0]))
    for n, entry in enumerate(entries, 1):
        entry["id"] = f"t{n}"
    if undated:
        names = ", ".join(_outlet(docs[d]) for d in undated)
        entries.append({"id": "undated", "kind": "undated", "undated": undated, "date": None, "start": None,
                        "end": None, "doc_id": None, "span": None,
                        "label": f"No publication date in {len(undated)} report{'s' if len(undated) > 1 else ''} "
                                 f"({names}): their relative dates are left unresolved"})
    return entries

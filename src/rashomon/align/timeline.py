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
from dataclasses import replace

from ..model import CASUALTY_EVENTS, Claim, Document, Figure, TimelineEntry
from .corpus import Corpus

_KIND_ORDER = {"publication": 0, "event": 1, "figure": 2}
_LABEL_CHARS = 160


def _figure_label(fig: Figure) -> str:
    """``killed: at least 312 people (Korvany)``: what the figure counts, as the report words it."""
    label = _shorten(fig.text or str(fig.value))
    if fig.event in CASUALTY_EVENTS:
        label = f"{fig.event}: {label}"
    return f"{label} ({fig.place})" if fig.place else label


def _shorten(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _publication(doc: Document) -> TimelineEntry:
    day = str(doc.published)[:10]
    label = f"{doc.display_name} published “{doc.title}”" if doc.title else f"{doc.display_name}: report published"
    # a date the text itself gives ("date 2025-03-07" opening it) is quoted; one from metadata has no words
    at = doc.text[:300].find(day)
    return TimelineEntry(id="", kind="publication", label=label, date=day, start=day, end=day, doc_id=doc.id,
                         span=(at, at + len(day)) if at >= 0 else None, outlet=doc.display_name)


def _figure_entry(fig: Figure, corpus: Corpus) -> TimelineEntry | None:
    if fig.time is None or not fig.time.start or not corpus.has(fig.doc_id):
        return None
    start, end = fig.time.start, fig.time.end or fig.time.start
    return TimelineEntry(id="", kind="figure", label=_figure_label(fig), date=start, start=start, end=end,
                         doc_id=fig.doc_id, span=fig.span.offsets, outlet=corpus.outlet(fig.doc_id),
                         time_text=fig.time.text, figure_id=fig.id, place=fig.place)


def _claim_entries(claim: Claim, corpus: Corpus, windows: list[tuple[int, int, str, str]]) -> list[TimelineEntry]:
    """A statement's dated time words, unless a figure of it already carries the same window."""
    lo, hi = claim.span.offsets
    seen: set[tuple[str, str]] = set()
    out = []
    for t in claim.times:
        window = (t.start, t.end)
        if window in seen or any(lo <= a and b <= hi and (s, e) == window for a, b, s, e in windows):
            continue
        seen.add(window)
        out.append(TimelineEntry(id="", kind="event", label=_shorten(claim.text), date=t.start, start=t.start,
                                 end=t.end, doc_id=claim.doc_id, span=(lo, hi), outlet=corpus.outlet(claim.doc_id),
                                 time_text=t.text, time_span=t.span, claim_id=claim.id))
    return out


def build_timeline(corpus: Corpus) -> tuple[TimelineEntry, ...]:
    """Dated entries from every report, sorted by date, then one ``undated`` entry listing the reports
    that carry no publication date (when there are any).

    Each dated entry has an ``id`` (t1, t2 ...), ``date`` (ISO, the first day), ``start``, ``end``,
    ``label``, ``kind`` (publication, event or figure), ``doc_id``, ``span`` (None for a date read from
    metadata), ``outlet``, ``time_text`` and ``figure_id`` or ``claim_id``; a near-copy's entries name the
    report it copies (``duplicate_of``).
    """
    entries = [_publication(doc) for doc in corpus.documents if doc.published]
    windows: dict[str, list[tuple[int, int, str, str]]] = {}
    for fig in corpus.figures:
        entry = _figure_entry(fig, corpus)
        if entry is not None and entry.start and entry.end:
            entries.append(entry)
            windows.setdefault(fig.doc_id, []).append((fig.span.start, fig.span.end, entry.start, entry.end))
    for claim in corpus.claims:
        if corpus.has(claim.doc_id):
            entries += _claim_entries(claim, corpus, windows.get(claim.doc_id, []))
    entries.sort(key=lambda e: (e.date or "", e.end or "", _KIND_ORDER[e.kind], e.doc_id or "", (e.span or (0,))[0]))
    out = [replace(e, id=f"t{n}", duplicate_of=corpus.document(e.doc_id).duplicate_of if e.doc_id else None)
           for n, e in enumerate(entries, 1)]
    undated = [d for d in corpus.documents if not d.published]
    if undated:
        names = ", ".join(d.display_name for d in undated)
        out.append(TimelineEntry(
            id="undated", kind="undated", undated=tuple(d.id for d in undated),
            label=f"No publication date in {len(undated)} report{'s' if len(undated) > 1 else ''} ({names}): "
                  "their relative dates are left unresolved"))
    return tuple(out)

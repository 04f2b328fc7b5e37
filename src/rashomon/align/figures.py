"""Figure bands: per event and category, the lowest and highest value reported, and who says each."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

CASUALTY_EVENTS = ("killed", "injured", "displaced", "detained", "missing")


def figure_bands(figures: list[dict[str, Any]], documents: list[dict[str, Any]],
                 updates: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """One band per (event, category): low and high values with the figures that state them.

    Vague plurals ("hundreds") count towards the band only when no precise number exists for it.
    ``updates`` (a source's toll rising from report to report) are attached to their band.
    """
    from .sources import SourceIndex

    sources = SourceIndex(n for f in figures for n in f.get("attributed_to", []))
    outlets = {d["id"]: d.get("outlet") or d.get("source") for d in documents}
    published = {d["id"]: d.get("published") for d in documents}
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for fig in figures:
        if fig.get("event") in CASUALTY_EVENTS and not fig.get("addition"):
            groups[(fig["event"], fig.get("category") or "people")].append(fig)
    bands = []
    for (event, category), figs in sorted(groups.items()):
        precise = [f for f in figs if f.get("qualifier") != "plural_of"] or figs
        # each report's toll for this band is its largest figure; smaller ones there are sub-counts
        per_report: dict[str, dict[str, Any]] = {}
        for f in precise:
            if f["doc_id"] not in per_report or float(f["value"]) > float(per_report[f["doc_id"]]["value"]):
                per_report[f["doc_id"]] = f
        low = min(per_report.values(), key=lambda f: float(f["value"]))
        high = max(precise, key=lambda f: float(f.get("high") or f["value"]))
        bands.append({
            "event": event,
            "category": category,
            "low": low["value"],
            "high": high.get("high") or high["value"],
            "low_figure": low.get("id"),
            "high_figure": high.get("id"),
            "updates": [u for u in updates or [] if u["event"] == event and u["category"] == category],
            "independent_origins": len({_origin(f, documents, sources) for f in figs}),
            "reports": [
                {"figure_id": f.get("id"), "doc_id": f["doc_id"], "outlet": outlets.get(f["doc_id"]),
                 "published": published.get(f["doc_id"]), "value": f["value"], "qualifier": f.get("qualifier"),
                 "attributed_to": f.get("attributed_to", []), "time": f.get("time")}
                for f in sorted(figs, key=lambda f: (published.get(f["doc_id"]) or "", float(f["value"])))
            ],
        })
    return bands


def _origin(fig: dict[str, Any], documents: list[dict[str, Any]], sources: Any) -> str:
    """Where a figure really comes from: its first cited source, else its report (a copy counts once)."""
    if fig.get("attributed_to"):
        return "source:" + sources.key(fig["attributed_to"][0])
    dup = next((d.get("duplicate_of") for d in documents if d["id"] == fig["doc_id"]), None)
    return "doc:" + (dup or fig["doc_id"])

"""The dossier as one self-contained HTML file (no request leaves the page); all text is escaped.

The same templates serve the web app (:mod:`rashomon.web`), which passes a ``web`` context for its
filters and links; the static file is rendered without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from ..model import Document, Dossier
from . import views
from .charts import toll_chart
from .map import place_map

_env = Environment(loader=PackageLoader("rashomon", "templates"), autoescape=select_autoescape(default=True),
                   trim_blocks=True, lstrip_blocks=True)
_env.filters["num"] = views.format_number
_env.filters["pct"] = lambda rate: "–" if rate is None else f"{rate:.0%}"
_env.filters["words"] = lambda s: str(s or "").replace("_", " ")

KIND_NAMES = {"evidence": "dispute evidence", "claim": "claim", "figure": "figure", "actor": "actor name",
              "timeline": "time", "place": "place"}


def highlight_segments(text: str, spans: list[tuple[int, int, str]]) -> list[dict[str, Any]]:
    """Cut a text into plain and highlighted segments; overlapping spans keep the first.

    >>> [s["text"] for s in highlight_segments("ab cd ef", [(3, 5, "f1")])]
    ['ab ', 'cd', ' ef']
    """
    segments: list[dict[str, Any]] = []
    at = 0
    for start, end, item_id in sorted(spans):
        if start < at or end <= start:
            continue
        if start > at:
            segments.append({"text": text[at:start], "id": None})
        segments.append({"text": text[start:end], "id": item_id})
        at = end
    if at < len(text):
        segments.append({"text": text[at:], "id": None})
    return segments


@dataclass(frozen=True)
class ReportView:
    """A report as the reader view shows it: its metadata, its shown name, its marked-up text."""

    doc: Document
    name: str
    link: str | None  # the original article, when its URL is safe to link to
    nodes: list[dict[str, Any]]
    legend: list[tuple[str, str, str]]

    def __getattr__(self, name: str) -> Any:  # the report's own fields: id, title, source, published ...
        return getattr(self.doc, name)


def dossier_context(dossier: Dossier, charts: bool = True, headline: str | None = None) -> dict[str, Any]:
    """Everything the dossier template lays out, worked out by :mod:`rashomon.render.views`."""
    names = views.outlet_names(dossier)
    tables = views.figure_tables(dossier)
    chart_svgs: dict[str, str] = {}
    if charts:
        for table in tables:
            series = views.toll_series(table, dossier)
            if sum(len(points) for points in series.values()) >= 2:
                chart_svgs[table.anchor] = toll_chart(series, f"{table.category.replace('_', ' ')} {table.event}",
                                                      f"chart-{table.anchor}")
    matrices = [m for m in (views.claims_matrix(dossier, "claims"), views.claims_matrix(dossier, "disputes"))
                if m.rows]
    marks = views.highlights(dossier)
    documents = [ReportView(doc, names[doc.id], views.web_link(doc.url),
                            views.nest_segments(doc.text, marks.get(doc.id, [])), _legend(marks.get(doc.id, [])))
                 for doc in dossier.documents]
    return {
        "dossier": dossier, "stats": dossier.stats, "names": names, "documents": documents,
        "overview": views.overview(dossier, tables, headline), "disputes": views.dispute_views(dossier),
        "tables": tables, "casualty_count": sum(len(t.figures) for t in tables), "charts": chart_svgs,
        "other_figures": views.other_figures(dossier),
        "matrices": matrices, "outlets": views.outlet_profiles(dossier, matrices),
        "framing": views.framing_matrix(dossier),
        "timeline": views.timeline_entries(dossier), "places": views.place_entries(dossier),
        "place_map": place_map(list(dossier.places)) if charts else None,
        "kind_names": KIND_NAMES, "stated": views.stated_value, "authority": views.authority,
        "window": views.time_window,
    }


def _legend(marks: list[views.Highlight]) -> list[tuple[str, str, str]]:
    """(kind, variant, words) for each kind of mark in a report, claims split by stance."""
    found = sorted({(m.kind, m.variant) for m in marks}, key=lambda kv: (views.KIND_ORDER[kv[0]], kv[1]))
    stance = {"affirms": "affirmed", "denies": "denied", "hedges": "hedged"}
    return [(kind, variant, KIND_NAMES[kind] + (f", {stance.get(variant, variant)}" if variant else ""))
            for kind, variant in found]


def render_html(dossier: Dossier, web: dict[str, Any] | None = None, headline: str | None = None) -> str:
    """Render the dossier to an HTML string; ``web`` adds the web app's filters and links; ``headline``
    names the event (else the first report's title stands in)."""
    return _env.get_template("dossier.html.j2").render(web=web, **dossier_context(dossier, headline=headline))


def render_page(template: str, **context: Any) -> str:
    """Render one of the web app's other pages (the dossier list, the upload form, the API docs)."""
    return _env.get_template(template).render(**context)


def write_html(dossier: Dossier, path: str | Path) -> Path:
    path = Path(path)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(render_html(dossier), encoding="utf-8")
    tmp.replace(path)
    return path

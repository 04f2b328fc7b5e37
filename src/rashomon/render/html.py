"""The dossier as one self-contained HTML file (no request leaves the page); all text is escaped.

The page stays small at any corpus size (:mod:`rashomon.render.folding`): near-copies collapse under
the report they copy, long lists fold, the claims matrix keeps the rows and outlets that matter.
Each report's text stays open (a link lands on its marks), a near-copy's text is folded.

The same templates serve the web app (:mod:`rashomon.web`), which passes a ``web`` context for its
filters and links and shows each long section a page at a time (:class:`Page`); a report's marked
text is then on a page of its own (:func:`render_report`).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Generic, TypeVar

from jinja2 import Environment, PackageLoader, select_autoescape

from ..model import Document, Dossier
from . import views
from .brief import brief as make_brief
from .charts import toll_chart
from .csv import data_urls, table_data
from .folding import (
    EXPORTS,
    Fold,
    Limits,
    QuoteGroup,
    copies_by_original,
    fold,
    group_quotes,
    limit_matrix,
    silence,
    split_reports,
    top_claim_groups,
)
from .map import place_map

T = TypeVar("T")

_env = Environment(loader=PackageLoader("rashomon", "templates"), autoescape=select_autoescape(default=True),
                   trim_blocks=True, lstrip_blocks=True)
_env.filters["num"] = views.format_number
_env.filters["pct"] = lambda rate: "–" if rate is None else f"{rate:.0%}"
_env.filters["words"] = lambda s: str(s or "").replace("_", " ")

#: the page's one script, allowed by the Content-Security-Policy through its hash: long sections laid out on
#: demand (``lazy.js``, first: a link into a chunk not laid out must find it), then search as you type
FIND_SCRIPT = "\n".join(resources.files("rashomon").joinpath(f"templates/{name}").read_text(encoding="utf-8")
                        for name in ("lazy.js", "find.js"))
FIND_HASH = "'sha256-" + base64.b64encode(hashlib.sha256(FIND_SCRIPT.encode("utf-8")).digest()).decode() + "'"

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
    """A report as the reader view shows it: its metadata, its shown name, its marked-up text (none for a
    near-copy, whose text is shown plain) and the near-copies collapsed under it."""

    doc: Document
    name: str
    link: str | None  # the original article, when its URL is safe to link to
    nodes: list[dict[str, Any]]
    legend: list[tuple[str, str, str]]
    copies: list[ReportView] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:  # the report's own fields: id, title, source, published ...
        return getattr(self.doc, name)


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a long section: the items shown, which page, and of how many items in all.

    The file shows every item on one page (``size`` 0); the web app a page at a time.

    >>> p = Page.of(list(range(25)), number=2, size=10)
    >>> p.items, p.pages, p.first
    ([10, 11, 12, 13, 14, 15, 16, 17, 18, 19], 3, 11)
    """

    items: list[T]
    total: int
    number: int = 1
    size: int = 0

    @classmethod
    def of(cls, items: Sequence[T], number: int = 1, size: int = 0) -> Page[T]:
        """The ``number``-th page (from 1; past the end: the last) of ``size`` items; size 0: all of them."""
        if size <= 0:
            return cls(list(items), len(items))
        last = max(1, -(-len(items) // size))
        number = min(max(1, number), last)
        return cls(list(items[(number - 1) * size: number * size]), len(items), number, size)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size)) if self.size else 1

    @property
    def first(self) -> int:
        """The position (from 1) of the page's first item in the whole list."""
        return (self.number - 1) * self.size + 1 if self.size else 1

    def __iter__(self) -> Any:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return self.total > 0


@dataclass(frozen=True)
class Paging:
    """What the web app shows of each long section: the page number asked for, per section, and the page
    sizes. A section missing from ``sizes`` is shown whole."""

    numbers: dict[str, int] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=lambda: dict(PAGE_SIZES))

    def page(self, section: str, items: Sequence[T]) -> Page[T]:
        return Page.of(items, self.numbers.get(section, 1), self.sizes.get(section, 0))


#: items per page of each long section in the web app
PAGE_SIZES = {"disputes": 10, "outlets": 12, "reports": 25, "timeline": 30}


@dataclass(frozen=True)
class Lazy:
    """How the file lays out a long list (disputes, outlets, timeline entries, a figure table's rows, the
    reports and their texts, a report's near-copies): its ``first`` items at once, the rest in inert
    ``<template class="lazy">`` chunks of ``chunk`` items, laid out on demand by the page's script
    (``templates/lazy.js``: a button, a link to an item, a search hit, printing)."""

    first: int = 20
    chunk: int = 50

    def opens(self, index: int) -> bool:
        """The item at ``index`` (from 0) opens a chunk."""
        return index >= self.first and (index - self.first) % self.chunk == 0

    def closes(self, index: int, length: int) -> bool:
        """The item at ``index`` of ``length`` closes a chunk."""
        return index >= self.first and ((index - self.first + 1) % self.chunk == 0 or index == length - 1)


#: the file's long sections: a page of 1,000 reports opens in seconds, not minutes (issue 10)
LAZY = Lazy()


@dataclass(frozen=True)
class PositionBlock:
    """A position of a dispute as the page shows it: its outlets and its quotes, the long lists folded."""

    view: views.PositionView
    outlets: Fold[str]
    quotes: Fold[QuoteGroup]


@dataclass(frozen=True)
class RowBlock:
    """A value of a figure table with the reports that give it, originals first, the long list folded."""

    row: views.FigureRow
    reports: Fold[dict[str, object]]
    copies: int


def _dispute_blocks(disputes: list[views.DisputeView], collapsed: frozenset[str],
                    limits: Limits) -> list[tuple[views.DisputeView, list[PositionBlock]]]:
    return [(d, [PositionBlock(p, fold(p.outlets, limits.chips),
                               fold(group_quotes(p.evidence, collapsed), limits.quote_groups))
                 for p in d.positions]) for d in disputes]


def _figure_blocks(tables: list[views.FigureTable], collapsed: frozenset[str],
                   limits: Limits) -> dict[str, list[RowBlock]]:
    out = {}
    for t in tables:
        out[t.anchor] = [RowBlock(r, *split_reports(r.reports, "doc_id", collapsed, limits.row_reports))
                         for r in t.rows]
    return out


def _charts(dossier: Dossier, tables: list[views.FigureTable], limits: Limits) -> dict[str, tuple[str, int]]:
    """Per band: its chart (SVG) and how many sources were left out of it (the busiest are drawn)."""
    out: dict[str, tuple[str, int]] = {}
    for table in tables:
        series = views.toll_series(table, dossier)
        if sum(len(points) for points in series.values()) < 2:
            continue
        busiest = sorted(series, key=lambda s: (-len(series[s]), s))[:limits.chart_series]
        drawn = {s: series[s] for s in sorted(busiest)}
        out[table.anchor] = (toll_chart(drawn, f"{table.category.replace('_', ' ')} {table.event}",
                                        f"chart-{table.anchor}"), len(series) - len(drawn))
    return out


def _dispute_linker(disputes: list[views.DisputeView], paging: Paging,
                    page_url: Callable[..., str] | None, page: str = "") -> Callable[[str], str]:
    """How the page links to a dispute: its anchor, on the page of disputes that holds it (web app); to
    another item of the dossier page (a count table): its anchor on ``page`` ("": this page)."""
    size = paging.sizes.get("disputes", 0)
    page_of = {d.anchor: n // size + 1 for n, d in enumerate(disputes)} if size and page_url else {}

    def href(anchor: str) -> str:
        if anchor in page_of and page_url is not None:
            return page_url("disputes", page_of[anchor], anchor)
        return f"{page}#{anchor}"
    return href


def _linker(marked: frozenset[str], report_url: Callable[[str], str] | None) -> Callable[[str | None, str], str]:
    """How the page links to an item's words: in the file, to its mark when its report is marked there,
    else to the report (a collapsed near-copy); in the web app, to the mark on the report's own page."""
    def link(doc_id: str | None, anchor: str) -> str:
        if doc_id is None:
            return f"#{anchor}"
        if report_url is not None:
            return f"{report_url(doc_id)}#{anchor}"
        return f"#{anchor}" if doc_id in marked else f"#{views.html_id('doc', doc_id)}"
    return link


def table_linker(dossier: Dossier, tables: list[views.FigureTable],
                 endpoint: Callable[[str, str, str | None], str] | None = None) -> Callable[..., str]:
    """How the page links to the CSV or JSON of one of its tables (``csv.PAGE_TABLES``; a figure table by
    its band's anchor): in the file a ``data:`` URL, no request made; in the web app ``endpoint``'s URL."""
    figures_of = {t.anchor: [f.id for f in t.figures] for t in tables}

    @cache
    def href(name: str, fmt: str, band: str | None = None) -> str:
        """The link, or "" for a table too large to carry in the page (it is in the exports)."""
        if endpoint is not None:
            return endpoint(name, fmt, band)
        as_csv, as_json = data_urls(*table_data(dossier, name, figures_of.get(band) if band else None))
        chosen = as_csv if fmt == "csv" else as_json
        return chosen if len(chosen) <= DATA_URL_MAX else ""
    return href


#: the largest table (characters of its data: URL) the file carries; a larger one is in the exports only
DATA_URL_MAX = 200_000


@dataclass(frozen=True)
class ReportViews:
    """The reader views of some reports, each made as the page reaches it and let go after (``len`` without
    making any): a page of thousands of reports never holds every report's marked text at once."""

    documents: Sequence[Document]
    view: Callable[[Document], ReportView]

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self) -> Iterator[ReportView]:
        return map(self.view, self.documents)


def report_views(dossier: Dossier, documents: Sequence[Document], marks: dict[str, list[views.Highlight]] | None,
                 copies: dict[str, list[Document]]) -> ReportViews:
    """The reader view of ``documents``: each marked (when ``marks`` is given), with its near-copies, plain."""
    names = views.outlet_names(dossier)

    def view(doc: Document, marked: bool, under: list[Document]) -> ReportView:
        found = (marks or {}).get(doc.id, []) if marked else []
        nodes = views.nest_segments(doc.text, found) if marked else [{"text": doc.text}]
        return ReportView(doc, names[doc.id], views.web_link(doc.url), nodes, _legend(found),
                          [view(c, False, []) for c in under])

    return ReportViews(documents, lambda doc: view(doc, marks is not None, copies.get(doc.id, [])))


def dossier_context(dossier: Dossier, charts: bool = True, headline: str | None = None, *,
                    limits: Limits | None = None, paging: Paging | None = None,
                    report_url: Callable[[str], str] | None = None,
                    web_page_url: Callable[..., str] | None = None,
                    table_url: Callable[[str, str, str | None], str] | None = None) -> dict[str, Any]:
    """Everything the dossier template lays out, worked out by :mod:`rashomon.render.views` and folded by
    :mod:`rashomon.render.folding`.

    Without ``paging`` (the file) every item is on the page, and each report's text with it. With it (the
    web app) each long section shows the page asked for, and reports are links to ``report_url(doc_id)``.
    """
    limits = limits or Limits()
    paging = paging or Paging(sizes={})
    names = views.outlet_names(dossier)
    copies = copies_by_original(dossier.documents)
    collapsed = frozenset(c.id for under in copies.values() for c in under)
    originals = [d for d in dossier.documents if d.id not in collapsed]
    tables = views.figure_tables(dossier)
    top = top_claim_groups(dossier, limits.matrix_rows)
    shown = [views.claims_matrix(replace(dossier, claim_groups=top.kept), "claims"),
             views.claims_matrix(dossier, "disputes")]
    matrices = [limit_matrix(m, limits.matrix_rows, limits.matrix_outlets, left_out)
                for m, left_out in zip(shown, (top.left_out, 0), strict=True) if m.rows]
    every_dispute = views.dispute_views(dossier)
    disputes = paging.page("disputes", every_dispute)
    other = [f for f in views.other_figures(dossier) if f.doc_id not in collapsed]
    silent = silence(dossier)
    outlets = [replace(o, silent_on={kind: (counts.get(o.name, rows), rows) for kind, (counts, rows)
                                     in silent.items() if rows})
               for o in views.outlet_profiles(dossier, [])]
    marked = frozenset() if report_url else frozenset(d.id for d in originals)
    documents = [] if report_url else report_views(dossier, originals, views.highlights(dossier), copies)
    return {
        "dossier": dossier, "stats": dossier.stats, "names": names, "documents": documents,
        "overview": views.overview(dossier, tables, headline), "brief": make_brief(dossier),
        "disputes": replace(disputes, items=_dispute_blocks(disputes.items, collapsed, limits)),
        "tables": tables, "rows": _figure_blocks(tables, collapsed, limits),
        "casualty_count": sum(len(t.figures) for t in tables),
        "charts": _charts(dossier, tables, limits) if charts else {},
        "other_figures": fold(other, limits.other_figures), "matrices": matrices,
        "outlets": paging.page("outlets", outlets), "outlet_documents": limits.outlet_documents,
        "framing": views.framing_matrix(dossier, limits.matrix_outlets),
        "originals": paging.page("reports", originals), "copies": copies, "collapsed": collapsed,
        # a near-copy's dated items repeat its original's: its entries are left out, as its text is unmarked
        "timeline": paging.page("timeline", views.timeline_entries(
            replace(dossier, timeline=tuple(e for e in dossier.timeline if e.doc_id not in collapsed)))),
        "places": views.place_entries(dossier),
        "place_map": place_map(list(dossier.places)) if charts else None,
        "kind_names": KIND_NAMES, "stated": views.stated_value, "authority": views.authority,
        "window": views.time_window, "link": _linker(marked, report_url), "exports": EXPORTS,
        "doc_anchor": lambda doc_id: views.html_id("doc", doc_id),
        "dispute_href": _dispute_linker(every_dispute, paging, web_page_url),
        "table_href": table_linker(dossier, tables, table_url),
    }


def _legend(marks: list[views.Highlight]) -> list[tuple[str, str, str]]:
    """(kind, variant, words) for each kind of mark in a report, claims split by stance."""
    found = sorted({(m.kind, m.variant) for m in marks}, key=lambda kv: (views.KIND_ORDER[kv[0]], kv[1]))
    stance = {"affirms": "affirmed", "denies": "denied", "hedges": "hedged"}
    return [(kind, variant, KIND_NAMES[kind] + (f", {stance.get(variant, variant)}" if variant else ""))
            for kind, variant in found]


def render_html(dossier: Dossier, web: dict[str, Any] | None = None, headline: str | None = None, *,
                paging: Paging | None = None, charts: bool = True, lazy: Lazy = LAZY) -> str:
    """Render the dossier to an HTML string; ``web`` adds the web app's filters and links (and ``paging``
    its pages, with reports on pages of their own at ``web["reports"]/<id>``); ``headline`` names the event
    (else the dossier's title stands in). The file lays out its long sections as ``lazy`` says."""
    return "".join(html_chunks(dossier, web, headline, paging=paging, charts=charts, lazy=lazy))


def html_chunks(dossier: Dossier, web: dict[str, Any] | None = None, headline: str | None = None, *,
                paging: Paging | None = None, charts: bool = True, lazy: Lazy = LAZY) -> Iterator[str]:
    """:func:`render_html`'s page in pieces, as Jinja makes them, so that a file can be written without
    holding the whole page (tens of megabytes on thousands of reports)."""
    report_url = None
    if web is not None and paging is not None:
        base = str(web["reports"])
        report_url = lambda doc_id: f"{base}/{doc_id}"  # noqa: E731
    # the web app links to its table endpoints, never to tables carried in the page
    table_url = (web.get("table_url") or (lambda *_: "")) if web is not None else None
    context = dossier_context(dossier, charts=charts, headline=headline, paging=paging, report_url=report_url,
                              web_page_url=web.get("page_url") if web else None, table_url=table_url)
    script = {} if web is not None else {"find_script": FIND_SCRIPT, "script_hash": FIND_HASH, "lazy": lazy}
    return _env.get_template("dossier.html.j2").generate(web=web, **script, **context)


def render_report(dossier: Dossier, doc_id: str, web: dict[str, Any]) -> str | None:
    """The web app's page of one report: its text with every item found in it marked, and its near-copies.

    ``dossier`` is the whole dossier the links were made from (an evidence anchor numbers its quote among
    all of its dispute's). None when the report is not in it.
    """
    doc = dossier.document(doc_id)
    if doc is None:
        return None
    copies = [d for d in dossier.documents if d.duplicate_of == doc_id]
    [view] = report_views(dossier, [doc], views.highlights(dossier), {doc_id: copies})
    original = dossier.document(doc.duplicate_of) if doc.duplicate_of else None
    base = str(web["reports"])

    def link(other: str | None, anchor: str) -> str:
        return f"#{anchor}" if other in (None, doc_id) else f"{base}/{other}#{anchor}"

    def dossier_page(section: str, number: int, anchor: str) -> str:  # a quote links back to its dispute there
        return f"{web['dossier']}{f'?{section}_page={number}' if number > 1 else ''}#{anchor}"
    return _env.get_template("report.html.j2").render(
        web=web, d=view, original=original, names=views.outlet_names(dossier), link=link, collapsed=frozenset(),
        doc_anchor=lambda i: views.html_id("doc", i),
        dispute_href=_dispute_linker(views.dispute_views(dossier), Paging(), dossier_page, str(web["dossier"])))


def render_page(template: str, **context: Any) -> str:
    """Render one of the web app's other pages (the dossier list, the upload form, the API docs)."""
    return _env.get_template(template).render(**context)


def write_html(dossier: Dossier, path: str | Path) -> Path:
    path = Path(path)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        out.writelines(html_chunks(dossier))
    tmp.replace(path)
    return path

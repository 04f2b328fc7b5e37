"""The local web app: the dossier views over one or more stores, a form to add reports, and a JSON API.

Pages are the same Jinja2 templates as ``dossier.html`` (autoescaped, no script), with filters.
Reports added by upload or URL go through the same ingestion rules and limits as the command line,
then the store is analysed again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response

from .. import __version__
from ..config import Settings
from ..dossier import build_dossier, read_json
from ..errors import RashomonError
from ..ingest import SUPPORTED, read_bytes
from ..ingest.web import iter_url
from ..model import Dossier, JSONObject, to_json
from ..models import Document, InputFailure
from ..render import filters, views
from ..render.csv import PAGE_TABLES, csv_text, table_data
from ..render.html import PAGE_SIZES, Paging, render_html, render_page, render_report
from ..store import Store
from ..workflow import analyse_store
from .guard import LOOPBACK_NAMES, BodyTooLarge, Guard

MAX_UPLOAD_FILES = 20
PAGES_KEPT = 64  # rendered pages kept per dossier until its store changes
WARM_EVERY = 2.0  # seconds between the warmer's looks at each store (serve)
log = logging.getLogger("rashomon.web")
API_TAGS = [{"name": "dossiers", "description": "The dossiers this server holds, one per store."},
            {"name": "items", "description": "What the dossier found, each with its document id and span."}]


@dataclass
class Case:
    """One dossier the app serves: a name in the address and the store it is built from.

    The store is opened once per process and kept open: a request asks it one query (:meth:`Store.version`)
    and is answered from the dossier and the pages built for that version, each built once (concurrent
    requests for a page not built yet wait for the one build). A case read from an exported
    ``dossier.json`` (``db`` is that file) is shown as it is and takes no new reports.
    """

    name: str
    db: str
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)  # one writer (the add form)
    _store: Store | None = field(default=None, repr=False)
    _cached: tuple[object, Dossier] | None = field(default=None, repr=False)
    _pages: OrderedDict[tuple[object, ...], str] = field(default_factory=OrderedDict, repr=False)
    _building: threading.Lock = field(default_factory=threading.Lock, repr=False)  # one dossier build at a time
    _kept: threading.Lock = field(default_factory=threading.Lock, repr=False)  # guards _store, _pages, _rendering
    _rendering: dict[tuple[object, ...], threading.Lock] = field(default_factory=dict, repr=False)
    builds: int = field(default=0, repr=False)  # dossiers built (and pages rendered, below) since start
    renders: int = field(default=0, repr=False)

    @property
    def read_only(self) -> bool:
        return "://" not in self.db and self.db.lower().endswith(".json")

    def store(self) -> Store:
        """The case's store, opened (and migrated) on first use and kept open for the process."""
        with self._kept:
            if self._store is None:
                self._store = Store.open(self.db)
            return self._store

    def close(self) -> None:
        with self._kept:
            if self._store is not None:
                self._store.close()
                self._store = None

    def version(self) -> object:
        """What changes whenever the dossier would (one query; None for a dossier read from JSON)."""
        return None if self.read_only else self.store().version()

    def dossier(self) -> Dossier:
        """The dossier: built from the store when the store changed since it was last built (or read once
        from the exported JSON)."""
        return self.current()[1]

    def current(self) -> tuple[object, Dossier]:
        """The store's version and the dossier built for it (building it when the version is new)."""
        version = self.version()
        cached = self._cached
        if cached is not None and cached[0] == version:
            return cached
        with self._building:  # a request arriving during a build waits for it rather than building again
            cached = self._cached
            if cached is None or cached[0] != version:
                cached = (version, self._build())
                with self._kept:
                    self._cached = cached
                    self._pages.clear()
                self.builds += 1
            return cached

    def _build(self) -> Dossier:
        if not self.read_only:
            return build_dossier(self.store())
        try:
            return read_json(self.db)
        except (OSError, ValueError) as exc:
            raise RashomonError(f"cannot read the dossier {self.db}: {exc}") from exc

    def page(self, key: tuple[object, ...], render: Callable[[], str]) -> str:
        """The page ``key`` (its path and parameters) of the current dossier: rendered once per store version
        (concurrent requests for it wait for the one rendering), the last :data:`PAGES_KEPT` kept."""
        version, _ = self.current()
        key = (version, *key)  # a page of an older version is never served
        with self._kept:
            html = self._pages.get(key)
            if html is not None:
                self._pages.move_to_end(key)
                return html
            rendering = self._rendering.setdefault(key, threading.Lock())
        with rendering:
            with self._kept:
                html = self._pages.get(key)
            if html is None:
                html = render()
                self.renders += 1
                with self._kept:
                    if self._cached is not None and self._cached[0] == version:
                        self._pages[key] = html
                        while len(self._pages) > PAGES_KEPT:
                            self._pages.popitem(last=False)
        with self._kept:
            self._rendering.pop(key, None)
        return html

    def select(self, *, outlet: str | None = None, category: str | None = None, kind: str | None = None,
               query: str | None = None) -> filters.Selection:
        """What the filters keep: SQL over the store's typed tables, or the same questions asked of a dossier
        read from JSON."""
        if self.read_only:
            return filters.select(self.dossier(), outlet=outlet, category=category, kind=kind, query=query)
        store = self.store()
        docs = frozenset(store.doc_ids(outlet=outlet)) if outlet else None
        figures = frozenset(store.figure_ids(category=category, doc_ids=docs)) if category else None
        disputes = frozenset(store.dispute_ids(kind=kind, doc_ids=docs, query=query)) \
            if kind or query or docs is not None else None
        claims = frozenset(store.claim_ids(query=query, doc_ids=docs)) if query or docs is not None else None
        return filters.Selection(docs, figures, disputes, claims, category)


    def report_hits(self, query: str, doc_ids: frozenset[str] | None = None) -> list[views.Hit]:
        """The reports whose words hold ``query``, as search hits linking to each report: the store's
        full-text index, or the same question asked of a dossier read from JSON."""
        if self.read_only:
            found = filters.find_reports(self.dossier(), query)
        else:
            found = self.store().search_reports(query)
        dossier = self.dossier()
        names = views.outlet_names(dossier)
        return [views.Hit("report", words, views.html_id("doc", doc_id), names.get(doc_id), doc_id)
                for doc_id, words in found if doc_id in names and (doc_ids is None or doc_id in doc_ids)]


class Warmer:
    """Builds each case's dossier and lays out its first page in the background: when the server starts, and
    again whenever a store changes (a report added by the form, an ``analyze`` run from the command line), so
    a reader's request finds the page ready instead of waiting for the build.

    Every ``every`` seconds it asks each store its version (one query); :meth:`poke` makes it look at once.
    A case that cannot be built is logged once per version and left to the requests, which report it.
    """

    def __init__(self, cases: Iterable[Case], warm: Callable[[Case], object], every: float = WARM_EVERY):
        self.cases, self.warm, self.every = list(cases), warm, every
        self._stop, self._wake = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._run, name="rashomon-warmer", daemon=True)
        self.seen: dict[str, object] = {}  # the version last warmed, per case

    def start(self) -> None:
        self._thread.start()

    def poke(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            for case in self.cases:
                if self._stop.is_set():
                    return
                self.look(case)
            self._wake.wait(self.every)

    def look(self, case: Case) -> None:
        """Warm ``case`` if its store changed since it was last warmed."""
        try:
            version = case.version()
            if self.seen.get(case.name, self) != version:
                self.seen[case.name] = version
                began = time.perf_counter()
                self.warm(case)
                log.info("%s: dossier built and laid out in %.1f s", case.name, time.perf_counter() - began)
        except Exception as exc:  # noqa: BLE001  (the warmer outlives a bad store; requests report it)
            log.warning("%s: the dossier could not be built ahead of requests: %s", case.name, exc)


def find_stores(paths: Iterable[str]) -> list[Case]:
    """The stores named by ``paths``: store files, exported ``dossier.json`` files, folders searched for
    ``*.db``, or SQLAlchemy URLs.

    A file called ``rashomon.db`` or ``dossier.json`` is named after its folder (``out/demo/rashomon.db``
    → ``demo``); any other after its own name.
    """
    found: list[str] = []
    for given in paths:
        path = Path(given)
        if "://" in given or path.is_file():
            found.append(given)
        elif path.is_dir():
            found.extend(str(p) for p in sorted(path.rglob("*.db")))
        else:
            raise RashomonError(f"no store at {given}; create one with 'rashomon analyze PATH --out DIR'")
    cases: list[Case] = []
    taken: set[str] = set()
    for db in found:
        stem = PurePath(db.rsplit("/", 1)[-1] if "://" in db else db)
        generic = stem.name in ("rashomon.db", "dossier.json") and "://" not in db
        base = views.html_id(Path(db).resolve().parent.name if generic else stem.stem.removesuffix(".dossier"))
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name)
        cases.append(Case(name, db))
    if not cases:
        raise RashomonError("no store found: give a store file, a folder holding one, or a database URL")
    return cases


def create_app(stores: Iterable[str | Case], *, settings: Settings | None = None, token: str | None = None,
               allowed_hosts: Iterable[str] | None = LOOPBACK_NAMES, max_body: int | None = None,
               warm_every: float | None = None) -> Any:
    """Build the ASGI app over ``stores``; wrap it in the guard (token, hosts, origin, body size).

    With ``warm_every`` (seconds), a :class:`Warmer` builds each dossier and its first page while the app
    runs (from its start, and after every change of a store); without it, the first request builds them.

    >>> app = create_app(["sqlite://"])        # doctest: +SKIP
    """
    settings = settings or Settings()
    given = list(stores)
    named = [s for s in given if isinstance(s, Case)]
    paths = [s for s in given if isinstance(s, str)]
    if paths or not named:
        named += find_stores(paths)
    cases = {c.name: c for c in named}
    max_body = max_body or settings.max_bytes + 1_000_000
    warmer = Warmer(cases.values(), lambda c: warm(c.name), warm_every) if warm_every else None

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if warmer:
            warmer.start()
        try:
            yield
        finally:
            if warmer:
                warmer.stop()
            for c in cases.values():
                c.close()

    api = FastAPI(title="rashomon", version=__version__, openapi_tags=API_TAGS, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json", lifespan=lifespan,
                  description="What each report says about one contested event. Every item carries the id of "
                              "its document and the character span of the words that say it.")

    def case(name: str) -> Case:
        if name not in cases:
            raise HTTPException(404, f"no dossier named {name!r}; see /api/dossiers")
        return cases[name]

    def dossier_of(name: str) -> Dossier:
        return case(name).dossier()

    def narrowed(name: str, **given: str | None) -> Dossier:
        return filters.narrow(dossier_of(name), case(name).select(**given))

    @api.exception_handler(BodyTooLarge)
    async def too_large(_request: Request, exc: BodyTooLarge) -> Response:
        return Response(str(exc), status_code=413, media_type="text/plain")

    @api.exception_handler(RashomonError)
    async def rashomon_error(_request: Request, exc: RashomonError) -> Response:
        return Response(str(exc), status_code=500, media_type="text/plain")

    # -- pages ------------------------------------------------------------------------------------

    @api.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> str:
        rows = []
        for c in cases.values():
            d = dossier_of(c.name)
            rows.append({"name": c.name, "db": c.db, "stats": d.stats, "disputes": len(d.disputes),
                         "headline": c.page(("headline",), lambda d=d: views.overview(d).headline)})
        return render_page("index.html.j2", cases=rows, version=__version__)

    @api.get("/d/{name}", response_class=HTMLResponse, include_in_schema=False)
    def dossier_page(request: Request, name: str, outlet: str = "", category: str = "", kind: str = "",
                     q: str = "") -> str:
        given = {"outlet": outlet, "category": category, "kind": kind, "q": q}
        numbers = _page_numbers(request.query_params)
        return case(name).page(_dossier_key(given, numbers), lambda: _dossier_page(name, given, numbers))

    def warm(name: str) -> str:
        """The dossier's first page, unfiltered: built (with the dossier) unless already built for this version."""
        given = dict.fromkeys(FILTERS, "")
        return case(name).page(_dossier_key(given, {}), lambda: _dossier_page(name, given, {}))

    def _dossier_page(name: str, given: dict[str, str], numbers: dict[str, int]) -> str:
        full = dossier_of(name)
        shown = narrowed(name, outlet=given["outlet"] or None, category=given["category"] or None,
                         kind=given["kind"] or None, query=given["q"] or None)
        web = {"root": "/", "add": f"/d/{name}/add", "api": "/api/docs", "name": name, "filters": given,
               "choices": filters.choices(full), "filtered": any(given.values()),
               "hits": (case(name).report_hits(given["q"], frozenset(d.id for d in shown.documents))
                        + views.search_hits(shown, given["q"])) if given["q"] else [],
               "reports": f"/d/{name}/reports", "page_url": _page_url(f"/d/{name}", given, numbers),
               "table_url": _table_url(f"/d/{name}", given)}
        # the event keeps its headline when one outlet's reports are shown
        return render_html(shown, web=web, headline=views.overview(full).headline if given["outlet"] else None,
                           paging=Paging(numbers))

    @api.get("/d/{name}/reports/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def report_page(name: str, doc_id: str) -> str:
        def render() -> str:
            # the whole dossier, not narrowed to the report: a quote's anchor numbers its place among all of
            # its dispute's quotes, as the dossier page links to it
            web = {"root": "/", "dossier": f"/d/{name}", "name": name, "reports": f"/d/{name}/reports"}
            html = render_report(dossier_of(name), doc_id, web)
            if html is None:
                raise HTTPException(404, f"no report {doc_id!r} in {name!r}")
            return html
        return case(name).page(("report", doc_id), render)

    @api.get("/d/{name}/add", response_class=HTMLResponse, include_in_schema=False)
    def add_form(name: str, request: Request) -> str:
        case(name)
        return render_page("add.html.j2", name=name, result=None, limits=_limits(settings, max_body),
                           read_only=cases[name].read_only, csrf_token=request.state.csrf_token)

    @api.post("/d/{name}/add", response_class=HTMLResponse, include_in_schema=False)
    async def add_reports(name: str, request: Request) -> str:
        target = case(name)
        form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=10)
        try:
            uploads = []
            for item in form.getlist("files"):
                if hasattr(item, "read") and getattr(item, "filename", None):
                    uploads.append((PurePath(item.filename).name, await item.read(settings.max_bytes + 1)))
            url = str(form.get("url") or "").strip()
        finally:
            await form.close()
        result = await run_in_threadpool(add_to_store, target, uploads, [url] if url else [], settings)
        if warmer and result["added"]:
            warmer.poke()  # the new dossier is built now, not at the next request
        return render_page("add.html.j2", name=name, result=result, limits=_limits(settings, max_body),
                           read_only=target.read_only, csrf_token=request.state.csrf_token)

    @api.get("/d/{name}/dossier.html", response_class=HTMLResponse, include_in_schema=False)
    def dossier_file(name: str) -> Response:
        html = case(name).page(("file",), lambda: render_html(dossier_of(name)))
        return HTMLResponse(html, headers={"content-disposition": f'attachment; filename="{name}-dossier.html"'})

    @api.get("/d/{name}/tables/{table}.{fmt}", include_in_schema=False)
    def table_file(name: str, table: str, fmt: str, outlet: str = "", category: str = "", kind: str = "",
                   q: str = "", band: str = "") -> Response:
        """One table of the dossier page as CSV or JSON, under the page's filters (``band``: one figure table)."""
        if table not in PAGE_TABLES or fmt not in ("csv", "json"):
            raise HTTPException(404, f"no table {table}.{fmt}; tables: {', '.join(PAGE_TABLES)} as csv or json")
        shown = narrowed(name, outlet=outlet or None, category=category or None, kind=kind or None, query=q or None)
        figure_ids = None
        if band:
            found = [t for t in views.figure_tables(shown) if t.anchor == band]
            figure_ids = [f.id for f in found[0].figures] if found else []
        columns, rows = table_data(shown, table, figure_ids)
        filename = f"{name}-{band or table}.{fmt}"
        disposition = {"content-disposition": f'attachment; filename="{filename}"'}
        if fmt == "json":
            return JSONResponse([{k: r.get(k) for k in columns} for r in rows], headers=disposition)
        return Response(csv_text(columns, rows), media_type="text/csv; charset=utf-8", headers=disposition)

    @api.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs() -> str:
        return render_page("api.html.j2", spec=api.openapi(), version=__version__)

    # -- JSON API ---------------------------------------------------------------------------------

    @api.get("/api/dossiers", tags=["dossiers"], summary="List the dossiers")
    def list_dossiers() -> list[JSONObject]:
        """Each dossier's name, its counts and the addresses of its parts."""
        out = []
        for c in cases.values():
            stats = to_json(dossier_of(c.name).stats)
            out.append({"name": c.name, "stats": stats, "url": f"/api/dossiers/{c.name}", "page": f"/d/{c.name}"})
        return out

    @api.get("/api/dossiers/{name}", tags=["dossiers"], summary="The whole dossier (rashomon.dossier/2)")
    def get_dossier(name: str) -> JSONResponse:
        """The dossier exactly as ``rashomon export --format json`` writes it."""
        return JSONResponse(to_json(dossier_of(name)))

    @api.get("/api/dossiers/{name}/documents", tags=["items"], summary="The reports")
    def documents(name: str, outlet: Annotated[str | None, Query(description="Only this outlet's reports.")] = None,
                  text: Annotated[bool, Query(description="Include each report's full text.")] = False,
                  ) -> list[JSONObject]:
        """Each report's metadata (and, with ``text=true``, its text; every span indexes into it)."""
        docs = [to_json(d) for d in narrowed(name, outlet=outlet).documents]
        return [d if text else {k: v for k, v in d.items() if k != "text"} for d in docs]

    @api.get("/api/dossiers/{name}/documents/{doc_id}", tags=["items"], summary="One report, with its text")
    def document(name: str, doc_id: str) -> JSONObject:
        """One report and every figure found in it."""
        d = dossier_of(name)
        doc = d.document(doc_id)
        if doc is not None:
            return {**to_json(doc), "figures": [to_json(f) for f in d.figures if f.doc_id == doc_id]}
        raise HTTPException(404, f"no document {doc_id!r} in {name!r}")

    @api.get("/api/dossiers/{name}/figures", tags=["items"], summary="Casualty and other figures")
    def figures(name: str, outlet: Annotated[str | None, Query(description="Only this outlet's figures.")] = None,
                category: Annotated[str | None, Query(description="civilians, security_forces, armed_group, "
                                                                  "combatants, people or other.")] = None,
                event: Annotated[str | None, Query(description="killed, injured, displaced, detained, missing, "
                                                               "incidents or other.")] = None,
                ) -> list[JSONObject]:
        """Every figure: value, qualifier, event, who is counted, whom the report credits, and its span."""
        found = narrowed(name, outlet=outlet, category=category).figures
        return [to_json(f) for f in found if event is None or f.event == event]

    @api.get("/api/dossiers/{name}/bands", tags=["items"], summary="Reconciled bands per event and category")
    def bands(name: str) -> list[JSONObject]:
        """Per (event, category): the lowest and highest value reported and the ids of the figures."""
        return [{**to_json(b), "figures": list(b.figure_ids)} for b in dossier_of(name).figure_bands]

    @api.get("/api/dossiers/{name}/claims", tags=["items"], summary="Claim groups and their stances")
    def claims(name: str, q: Annotated[str | None, Query(description="Only groups whose words contain this.")]
               = None, outlet: Annotated[str | None, Query(description="Only this outlet's claims.")] = None,
               ) -> list[JSONObject]:
        """Claim groups, each with its members (document, span, stance: affirms, denies or hedges)."""
        return [to_json(g) for g in views.claim_groups(narrowed(name, outlet=outlet, query=q))]

    @api.get("/api/dossiers/{name}/disputes", tags=["items"], summary="The disputed questions")
    def disputes(name: str, kind: Annotated[str | None, Query(description="polarity, numeric, perpetrator …")]
                 = None, q: Annotated[str | None, Query(description="Only disputes whose words contain this.")]
                 = None, outlet: Annotated[str | None, Query(description="Only this outlet's evidence.")] = None,
                 ) -> list[JSONObject]:
        """Each dispute with its positions and the evidence (document, span) for each."""
        return [to_json(d) for d in narrowed(name, outlet=outlet, kind=kind, query=q).disputes]

    @api.get("/api/dossiers/{name}/actors", tags=["items"], summary="The actors and what each report calls them")
    def actors(name: str, outlet: Annotated[str | None, Query(description="Only this outlet's labels.")] = None,
               ) -> list[JSONObject]:
        """Each actor with its side and the labels (document, text, span) each report uses for it."""
        return [to_json(a) for a in narrowed(name, outlet=outlet).actors]

    return Guard(api, token=token, allowed_hosts=None if allowed_hosts is None else list(allowed_hosts),
                 max_body=max_body)


FILTERS = ("outlet", "category", "kind", "q")


def _dossier_key(given: dict[str, str], numbers: dict[str, int]) -> tuple[object, ...]:
    """The cache key of a dossier page: its filters (in :data:`FILTERS` order) and its sections' pages."""
    return ("dossier", tuple(given.get(f, "") for f in FILTERS), tuple(sorted(numbers.items())))


def _page_numbers(params: Any) -> dict[str, int]:
    """The page asked for of each long section: ``?disputes_page=2`` (a bad or missing number: page 1)."""
    numbers = {}
    for section in PAGE_SIZES:
        raw = str(params.get(f"{section}_page", ""))
        if raw.isdigit() and int(raw) > 1:
            numbers[section] = min(int(raw), 1_000_000)
    return numbers


def _page_url(base: str, given: dict[str, str], numbers: dict[str, int]) -> Callable[..., str]:
    """The address of another page of one section, the filters and the other sections' pages kept."""
    def url(section: str, number: int, anchor: str | None = None) -> str:
        params = {k: v for k, v in given.items() if v}
        params |= {f"{s}_page": n for s, n in {**numbers, section: number}.items() if n > 1}
        query = f"?{urlencode(params)}" if params else ""
        return f"{base}{query}#{anchor or section}"
    return url


def _table_url(base: str, given: dict[str, str]) -> Callable[[str, str, str | None], str]:
    """The address of one table's CSV or JSON, under the page's filters."""
    def url(table: str, fmt: str, band: str | None = None) -> str:
        params = {k: v for k, v in given.items() if v} | ({"band": band} if band else {})
        return f"{base}/tables/{table}.{fmt}" + (f"?{urlencode(params)}" if params else "")
    return url


def _limits(settings: Settings, max_body: int) -> dict[str, Any]:
    return {"max_bytes": settings.max_bytes, "max_body": max_body, "types": ", ".join(sorted(SUPPORTED)),
            "max_files": MAX_UPLOAD_FILES, "private": settings.allow_private}


def read_web_address(url: str, settings: Settings) -> Iterator[Document | InputFailure]:
    """The report (or feed) at an http(s) ``url``, fetched under the SSRF guard; anything else is refused.

    The add form's field is never read as a path, folder, glob or ``-``: whoever can post the form
    must not pull files from the server's disk into a dossier.
    """
    try:
        parts = urlsplit(url)
        web = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:  # "http://[::1" and the like
        web = False
    if not web:
        yield InputFailure(url, "not read: the form fetches only http:// and https:// addresses (upload a file "
                                "to add it; paths on this server are never read)")
        return
    yield from iter_url(url, settings)


def add_to_store(case: Case, uploads: list[tuple[str, bytes]], urls: list[str], settings: Settings) -> dict[str, Any]:
    """Ingest uploaded files and URLs into the case's store under the usual rules, then analyse what is new."""
    if case.read_only:
        return {"added": [], "already_stored": 0, "failures": [f"{case.name} was read from {case.db}, an exported "
                                                               "dossier: add reports to its store instead"]}
    items: list[Document | InputFailure] = []
    for filename, raw in uploads:
        source = f"upload:{filename}"
        suffix = PurePath(filename).suffix.lower()
        if suffix not in SUPPORTED:
            items.append(InputFailure(source, f"unsupported file type '{suffix or 'none'}': use "
                                              f"{', '.join(sorted(SUPPORTED))}"))
        elif len(raw) > settings.max_bytes:
            items.append(InputFailure(source, f"file is over the {settings.max_bytes:,}-byte limit "
                                              "(raise it with --max-bytes)"))
        else:
            try:
                items.extend(read_bytes(raw, source, settings, suffix))
            except RashomonError as exc:
                items.append(InputFailure(source, getattr(exc, "reason", str(exc))))
    for url in urls:
        items.extend(read_web_address(url, settings))
    added, stored, failures = [], 0, []
    with case.lock:
        store = case.store()
        store.clear_failures()  # as at every ingest: the store lists the inputs of the last one not read
        for item in items:
            if isinstance(item, InputFailure):
                failures.append(item)
                store.add_failure(item)
            elif store.add_document(item):
                added.append(item.title or item.source)
            else:
                stored += 1
        if added:
            analyse_store(store, settings)
    return {"added": added, "already_stored": stored, "failures": [str(f) for f in failures]}

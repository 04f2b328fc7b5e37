"""The command line: a thin layer that builds library objects and calls them.

Exit status: 0 when everything went well, 1 when some inputs failed (the rest were processed),
2 on usage errors and on errors that stop the whole run (the message says what to do).
"""

from __future__ import annotations

import logging
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from . import __version__, workflow
from .config import Settings
from .errors import RashomonError
from .ingest.names import one_line
from .model import Dossier
from .models import InputFailure
from .store import store_label
from .wording import plural

app = typer.Typer(
    add_completion=False, no_args_is_help=True, rich_markup_mode=None,
    help="rashomon: lay out, with evidence, what each of many news reports says about one contested event.",
)
err = Console(stderr=True, highlight=False)


def _print_version(value: bool) -> None:
    if value:
        print(f"rashomon {__version__}")
        raise typer.Exit()


@app.callback()
def _options(version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                                   help="Print rashomon's version and exit.")] = False) -> None:
    """rashomon: lay out, with evidence, what each of many news reports says about one contested event."""

Inputs = Annotated[list[str], typer.Argument(help="Files, folders (read recursively), globs, URLs, or - for stdin.",
                                             show_default=False)]
Out = Annotated[Path, typer.Option("--out", "-o", help="Folder for dossier.json, dossier.html and rashomon.db.")]
Db = Annotated[str | None, typer.Option("--db", help="Store: a SQLite path or a SQLAlchemy URL.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")]
AllowPrivate = Annotated[bool, typer.Option("--allow-private", help="Allow fetching private/loopback addresses.")]
MaxBytes = Annotated[int | None, typer.Option("--max-bytes", help="Refuse input files larger than this.")]
MaxChars = Annotated[int | None, typer.Option("--max-chars", help="Refuse reports whose text is longer.")]
BatchSize = Annotated[int | None, typer.Option("--batch-size", help="Documents per spaCy batch.")]
Model = Annotated[str | None, typer.Option("--model", help="spaCy model name or path (default en_core_web_sm).")]
Append = Annotated[bool, typer.Option("--append", help="Add these reports to the case already in --out (without "
                                      "it, a folder holding another case is refused).")]
Title = Annotated[str | None, typer.Option("--title", help="The dossier's title (default: a neutral one, "
                                           "'N reports on <main place>, <date range>').")]
KeepPaths = Annotated[bool, typer.Option("--keep-paths", help="Show the inputs' full paths in the dossier "
                                         "(default: file names only, fit to share).")]
Outlets = Annotated[str | None, typer.Option("--outlets", help="An outlets.toml saying what each outlet is "
                                             "(default: ./outlets.toml when there is one).")]
NliModel = Annotated[str | None, typer.Option("--nli-model", help="Local folder of an NLI cross-encoder used to "
                                              "check contradictions (default: no model, structural rules).")]
AcceptShort = Annotated[bool, typer.Option("--accept-short", help="Keep web pages with little article text (a "
                                           "caption, a paywall stub), flagged, instead of failing them.")]
DateOrder = Annotated[str | None, typer.Option("--date-order", help="How to read numeric dates such as 08/04/2022: "
                                               "DMY, MDY or YMD (default: the outlet's locale, else left out as "
                                               "ambiguous).")]
MaxPages = Annotated[int | None, typer.Option("--max-pages", help="Refuse PDFs with more pages (default 500).")]
FieldMap = Annotated[list[str] | None, typer.Option("--map", help="Read a record field under rashomon's name, "
                                                    "FIELD=NAME, e.g. --map text=body --map published=meta.created "
                                                    "(fields: text, title, url, outlet, published, language, "
                                                    "authors).", show_default=False)]

Engine = Annotated[str | None, typer.Option("--engine", help="Where the per-report analysis runs: local (this "
                                            "machine, the default) or ray (Ray workers, each with its own models; "
                                            "needs the ray extra).")]
Workers = Annotated[int | None, typer.Option("--workers", help="With --engine local: how many processes analyse "
                                             "reports, each with its own models (default 0: one per core, when "
                                             "there are enough reports to share; 1: this process only).")]
RayAddress = Annotated[str | None, typer.Option("--ray-address", help="With --engine ray: the address of a Ray "
                                                "cluster to run on (default: a local Ray instance for the run).")]
RayWorkers = Annotated[int | None, typer.Option("--ray-workers", help="With --engine ray: how many workers analyse "
                                                "reports (default: one per CPU).")]


#: what a stage is called on screen, where its name alone would not say what is going on
STAGE_LABELS = {"models": "loading models…"}


@contextmanager
def library_warnings_off(quiet: bool) -> Iterator[None]:
    """With ``--quiet``, no library's warnings or log lines (matplotlib's missing glyphs, ...): errors only."""
    if not quiet:
        yield
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.disable(logging.WARNING)
        try:
            yield
        finally:
            logging.disable(logging.NOTSET)


class RichReporter:
    """Shows each stage with a rich progress bar and prints each failed input as one line."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description:<8}"), BarColumn(),
                                 MofNCompleteColumn(), TimeElapsedColumn(), console=err, disable=quiet,
                                 transient=False)
        self.task: int | None = None
        self._silence = library_warnings_off(quiet)

    def __enter__(self) -> RichReporter:
        self._silence.__enter__()
        self.progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if kind is not None and self.task is not None:
            self.progress.update(self.task, visible=False)  # a refused run leaves its error, not a bar
        else:
            self._finish()
        self.progress.stop()
        self._silence.__exit__(kind, *exc)

    def _finish(self) -> None:
        if self.task is not None:
            task = self.progress.tasks[self.task]
            self.progress.update(self.task, total=max(task.completed, 1), completed=max(task.completed, 1))

    def stage(self, name: str, total: int | None = None) -> None:
        self._finish()
        self.task = self.progress.add_task(STAGE_LABELS.get(name, name), total=total)

    def advance(self, n: int = 1) -> None:
        if self.task is not None:
            self.progress.advance(self.task, n)

    def failure(self, failure: InputFailure) -> None:
        # escaped twice: a file named "[draft] notes.pdf" is not rich markup, and one named with ESC or a
        # newline can neither drive the terminal nor split the line
        line = escape(one_line(f"{failure.source}: {failure.reason}"))
        self.progress.console.print(f"[red]error[/red] {line}", markup=True, highlight=False, soft_wrap=True)

    def notice(self, source: str, message: str) -> None:
        if not self.quiet:
            line = escape(one_line(f"{source}: {message}"))
            self.progress.console.print(f"[yellow]note[/yellow] {line}", markup=True, highlight=False,
                                        soft_wrap=True)


def _settings(**flags: object) -> Settings:
    try:
        return Settings.load(**flags)
    except RashomonError as exc:
        _fail(exc)
        raise


def _reading(accept_short: bool, date_order: str | None, max_pages: int | None,
             field_map: list[str] | None) -> dict[str, object]:
    """The reading options of analyze and ingest as settings (None: not given, so env or file decide)."""
    from .ingest.records import parse_field_map

    record_map = ",".join(field_map) if field_map else None
    try:
        if record_map:
            parse_field_map(record_map)
    except RashomonError as exc:
        _fail(exc)
    return {"accept_short": accept_short or None, "date_order": date_order, "max_pages": max_pages,
            "record_map": record_map}


def _fail(exc: Exception) -> None:
    err.print(f"[red]error[/red] {escape(one_line(str(exc)))}", markup=True, highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def _summary_line(summary: workflow.RunSummary, quiet: bool) -> None:
    if quiet:
        return
    err.print(f"{plural(summary.documents, 'document')} in the store ({summary.added} new, "
              f"{summary.already_stored} already stored, {plural(summary.near_duplicates, 'near-copy', 'near-copies')}"
              f"), {summary.analysed} analysed, {plural(len(summary.failures), 'input')} failed", highlight=False)


@app.command()
def analyze(inputs: Inputs, out: Out = Path("rashomon-out"), db: Db = None, quiet: Quiet = False,
            allow_private: AllowPrivate = False, max_bytes: MaxBytes = None, max_chars: MaxChars = None,
            batch_size: BatchSize = None, model: Model = None, nli_model: NliModel = None,
            append: Append = False, title: Title = None, keep_paths: KeepPaths = False,
            outlets: Outlets = None, accept_short: AcceptShort = False, date_order: DateOrder = None,
            max_pages: MaxPages = None, field_map: FieldMap = None, engine: Engine = None,
            workers: Workers = None, ray_address: RayAddress = None, ray_workers: RayWorkers = None) -> None:
    """Ingest reports, analyse them and write the dossier.

    Running it again on the same reports (or more of them) updates the case in --out; another case
    into a folder that already holds one is refused unless --append.

    Example: rashomon analyze reports/ https://example.org/story.html --out dossier/
    """
    settings = _settings(db=db, quiet=quiet, allow_private=allow_private or None, max_bytes=max_bytes,
                         max_chars=max_chars, batch_size=batch_size, spacy_model=model, nli_model=nli_model,
                         title=title, keep_paths=keep_paths or None, outlets=outlets, engine=engine,
                         workers=workers, ray_address=ray_address, ray_workers=ray_workers,
                         **_reading(accept_short, date_order, max_pages, field_map))
    try:
        workflow.prepare_out(out)
        with RichReporter(quiet) as reporter:
            summary = workflow.analyze(inputs, out, settings, reporter, append=append)
    except RashomonError as exc:
        _fail(exc)
        return
    _summary_line(summary, quiet)
    if not quiet:
        for kind in ("json", "html"):
            print(f"{kind}: {summary.paths[kind]}")
        print(f"db: {summary.paths.get('db') or store_label(settings.db or '')}")
    raise typer.Exit(summary.exit_code)


@app.command()
def ingest(inputs: Inputs, db: Annotated[str, typer.Option("--db", help="Store: a SQLite path or SQLAlchemy URL.")]
           = "rashomon.db", quiet: Quiet = False, allow_private: AllowPrivate = False,
           max_bytes: MaxBytes = None, max_chars: MaxChars = None, accept_short: AcceptShort = False,
           date_order: DateOrder = None, max_pages: MaxPages = None, field_map: FieldMap = None) -> None:
    """Add reports to a store without analysing them (analysis happens at report or analyze).

    Example: rashomon ingest more-reports/ --db case.db
    """
    from .store import Store

    settings = _settings(quiet=quiet, allow_private=allow_private or None, max_bytes=max_bytes, max_chars=max_chars,
                         **_reading(accept_short, date_order, max_pages, field_map))
    try:
        with RichReporter(quiet) as reporter, Store.open(db) as store:
            summary = workflow.ingest(inputs, store, settings, reporter)
            summary.documents = store.count_documents()
    except RashomonError as exc:
        _fail(exc)
        return
    _summary_line(summary, quiet)
    raise typer.Exit(summary.exit_code)


@app.command()
def report(db: Annotated[str, typer.Option("--db", help="The store to report on.")] = "rashomon.db",
           out: Out = Path("rashomon-out"), quiet: Quiet = False, model: Model = None,
           nli_model: NliModel = None, title: Title = None, keep_paths: KeepPaths = False,
           outlets: Outlets = None, engine: Engine = None, workers: Workers = None,
           ray_address: RayAddress = None, ray_workers: RayWorkers = None) -> None:
    """Analyse what is new in a store and (re)write dossier.json and dossier.html.

    Example: rashomon report --db case.db --out dossier/
    """
    from .store import Store

    _require_store(db)
    settings = _settings(quiet=quiet, spacy_model=model, nli_model=nli_model, title=title,
                         keep_paths=keep_paths or None, outlets=outlets, engine=engine, workers=workers,
                         ray_address=ray_address, ray_workers=ray_workers)
    try:
        workflow.prepare_out(out)  # a wrong --out is said now, not after the analysis
        with RichReporter(quiet) as reporter, Store.open(db) as store:
            summary = workflow.analyse_store(store, settings, reporter)
            workflow.write_outputs(store, out, reporter, summary, settings)
    except RashomonError as exc:
        _fail(exc)
        return
    _summary_line(summary, quiet)
    if not quiet:
        for kind in ("json", "html"):
            print(f"{kind}: {summary.paths[kind]}")


EXPORT_FORMATS = ("json", "csv", "claims", "disputes", "acled", "all")


@app.command()
def export(db: Annotated[str, typer.Option("--db", help="The store to export.")] = "rashomon.db",
           format: Annotated[str, typer.Option("--format", "-f", help="json; csv (documents, figures, failures); "
                                               "claims, disputes or acled (one CSV: ACLED's event columns); all "
                                               "(every file into a folder).")] = "json",
           out: Annotated[Path | None, typer.Option("--out", "-o", help="File (json, claims, disputes, acled) or "
                                                       "folder (csv, all); json and single tables go to stdout "
                                                       "when omitted.")] = None,
           quiet: Quiet = False, title: Title = None, keep_paths: KeepPaths = False,
           outlets: Outlets = None) -> None:
    """Export the dossier of a store as JSON, CSV tables, or events in ACLED's column layout.

    Example: rashomon export --db case.db --format csv --out tables/
    """
    from .dossier import build_dossier
    from .render.csv import TABLES
    from .store import Store

    if format not in EXPORT_FORMATS:
        err.print(f"error: unknown format {format!r}; use json or csv, or one table: claims, disputes, acled, "
                  "or all (every file into a folder)", highlight=False)
        raise typer.Exit(2)
    _require_store(db)
    settings = _settings(title=title, keep_paths=keep_paths or None, outlets=outlets)
    try:
        with Store.open(db) as store:
            dossier = build_dossier(store, title=settings.title or None, keep_paths=settings.keep_paths,
                                    outlets=settings.outlet_book())
    except RashomonError as exc:
        _fail(exc)
        return
    if out is None:
        if format not in ("json", *TABLES):
            err.print(f"error: --format {format} needs --out FOLDER", highlight=False)
            raise typer.Exit(2)
        _export_to_stdout(dossier, format)
        return
    try:
        with library_warnings_off(quiet):  # the charts of dossier.html
            paths = _export_files(dossier, format, out)
    except (RashomonError, OSError) as exc:
        _fail(exc if isinstance(exc, RashomonError) else RashomonError(f"cannot write {out}: {exc.strerror or exc}"))
        return
    for path in paths:
        if not quiet:
            print(path)


def _export_to_stdout(dossier: Dossier, format: str) -> None:
    from .render.csv import TABLES

    if format == "json":
        from .dossier import dossier_chunks

        sys.stdout.flush()
        sys.stdout.buffer.writelines(dossier_chunks(dossier))
        sys.stdout.buffer.flush()
        return
    import csv

    columns, rows = TABLES[format]
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(dossier))


def _export_files(dossier: Dossier, format: str, out: Path) -> list[Path]:
    """Write one export; a file format refuses a folder as --out, a folder format a file."""
    from .dossier import write_json
    from .errors import OutputError
    from .render.csv import TABLES, write_csv, write_table, write_tables

    if format in ("json", *TABLES):
        if out.is_dir():
            raise OutputError(f"--out {out} is a folder; --format {format} writes one file: give a file name")
        out.parent.mkdir(parents=True, exist_ok=True)
        if format == "json":
            return [write_json(dossier, out)]
        columns, rows = TABLES[format]
        return [write_table(out, columns, rows(dossier))]
    out = workflow.prepare_out(out)
    if format == "all":
        from .render.html import write_html

        return [write_json(dossier, out / "dossier.json"), write_html(dossier, out / "dossier.html"),
                *write_tables(dossier, out)]
    return write_csv(dossier, out)


@app.command()
def serve(stores: Annotated[list[str] | None, typer.Argument(
              help="What to serve: store files, exported dossier.json files (read only), folders holding "
                   "stores (searched for *.db), or database URLs. Default: rashomon.db.", show_default=False)] = None,
          host: Annotated[str, typer.Option("--host", help="Address to bind; anything but loopback needs a "
                                                           "token.")] = "127.0.0.1",
          port: Annotated[int, typer.Option("--port", "-p", help="Port to listen on.")] = 8000,
          token: Annotated[str | None, typer.Option("--token", envvar="RASHOMON_TOKEN", show_envvar=True,
                                                    help="Secret every request must carry (?token=, a cookie, or "
                                                         "'Authorization: Bearer').")] = None,
          allow_private: AllowPrivate = False, max_bytes: MaxBytes = None, max_chars: MaxChars = None,
          model: Model = None) -> None:
    """Serve the dossiers as a local web app: views with filters, uploads, and a JSON API (/api/docs).

    Example: rashomon serve out/demo/rashomon.db --port 8000
    """
    settings = _settings(allow_private=allow_private or None, max_bytes=max_bytes, max_chars=max_chars,
                         spacy_model=model)
    stores = stores or ["rashomon.db"]
    for db in stores:
        if "://" not in db and not Path(db).exists():
            _require_store(db)
    from .web import serve as serve_app

    def announce(url: str) -> None:
        err.print(f"serving {', '.join(map(store_label, stores))} at {url} (Ctrl-C stops)", highlight=False)

    try:
        serve_app(stores, host=host, port=port, token=token, settings=settings, announce=announce)
    except RashomonError as exc:
        _fail(exc)


def _require_store(db: str) -> None:
    if "://" not in db and not Path(db).is_file():
        err.print(f"error: no store at {db}; create one with 'rashomon analyze PATH --out DIR' "
                  "or 'rashomon ingest PATH --db FILE'", highlight=False)
        raise typer.Exit(2)


def main() -> None:
    app()


if __name__ == "__main__":
    main()

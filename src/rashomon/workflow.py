"""The library's front door: ingest inputs into a store, analyse what is new, build and write the dossier.

The CLI and the web app are thin layers over these functions.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "r.txt").write_text("outlet: Example Post\\n\\nFive people were killed on Monday.")
>>> result = analyze([str(folder / "r.txt")], folder / "out")          # doctest: +SKIP
>>> result.paths["json"].name                                          # doctest: +SKIP
'dossier.json'
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from .analyze import ANALYSIS_VERSION, DocAnalysis
from .config import Settings
from .dossier import build_dossier, write_json
from .engine import open_engine
from .errors import OutputError
from .ingest import read_inputs
from .model import Dossier
from .models import Document, InputFailure
from .store import Store, store_label
from .wording import plural


class Reporter(Protocol):
    """Receives progress; the CLI shows it with rich, the library default ignores it."""

    def stage(self, name: str, total: int | None = None) -> None: ...
    def advance(self, n: int = 1) -> None: ...
    def failure(self, failure: InputFailure) -> None: ...
    def notice(self, source: str, message: str) -> None: ...


class SilentReporter:
    def stage(self, name: str, total: int | None = None) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def failure(self, failure: InputFailure) -> None:
        pass

    def notice(self, source: str, message: str) -> None:
        pass


@dataclass
class RunSummary:
    """What a run did: counts, the inputs that failed and the files written."""

    added: int = 0
    already_stored: int = 0
    analysed: int = 0
    near_duplicates: int = 0
    documents: int = 0
    failures: list[InputFailure] = field(default_factory=list)
    paths: dict[str, Path] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0 when every input was read, 1 when some failed (the rest were still processed)."""
        return 1 if self.failures else 0


def ingest(inputs: Iterable[str], store: Store, settings: Settings | None = None,
           reporter: Reporter | None = None, summary: RunSummary | None = None, *,
           append: bool = True, store_name: str = "the store") -> RunSummary:
    """Read every input into the store, one transaction per document; bad inputs become failures.

    With ``append=False`` a store that already holds reports takes these inputs only when they are the
    same case (at least one of them is already stored); otherwise :class:`OutputError` is raised, naming
    ``store_name``, before anything is written.
    """
    settings = settings or Settings()
    reporter = reporter or SilentReporter()
    summary = summary or RunSummary()
    reporter.stage("ingest")
    items: Iterator[Document | InputFailure] = iter(read_inputs(inputs, settings))
    if not append and store.count_documents():
        items = _same_case(items, store, store_name)
    first = next(items, None)  # a refused case raises here, before the store is touched
    store.clear_failures()
    for item in itertools.chain([first] if first is not None else [], items):
        if isinstance(item, InputFailure):
            summary.failures.append(item)
            store.add_failure(item)
            reporter.failure(item)
        elif store.add_document(item):
            summary.added += 1
            if item.flags:
                reporter.notice(item.source, "; ".join(item.flags))
        else:
            summary.already_stored += 1
        reporter.advance()
    return summary


def _same_case(items: Iterator[Document | InputFailure], store: Store,
               store_name: str) -> Iterator[Document | InputFailure]:
    """Pass the inputs through once one of them is found already stored (the same case, re-run or
    extended); raise :class:`OutputError` when none is and they would add reports to another case.
    What is read before the first stored report is held back, so a refusal writes nothing."""
    held: list[Document | InputFailure] = []
    for item in items:
        held.append(item)
        if isinstance(item, Document) and store.has_document(item.id):
            yield from held
            yield from items
            return
    new = sum(1 for item in held if isinstance(item, Document))
    if new:
        stored = store.count_documents()
        raise OutputError(f"{store_name} already holds another case ({plural(stored, 'report')}, none of them "
                          f"among these inputs); add --append to add {plural(new, 'report')} to it, or give "
                          "another --out folder")
    yield from held  # every input failed: nothing would be added


def prepare_out(out: str | Path) -> Path:
    """Create the output folder if missing and check that it can be written to.

    Raises :class:`OutputError` in one line when ``out`` is a file, when a part of its path is a file,
    or when the folder cannot be created or written.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputError(f"the output folder {out} is a file; give a folder (it is created when missing)")
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out, prefix=".rashomon-probe-"):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        if isinstance(exc, (NotADirectoryError, FileExistsError)):
            reason = "a part of its path is a file"
        raise OutputError(f"cannot write into the output folder {out} ({reason}); give a folder you can write "
                          "to") from exc
    return out


def analyse_store(store: Store, settings: Settings | None = None, reporter: Reporter | None = None,
                  summary: RunSummary | None = None) -> RunSummary:
    """Analyse the stored documents not yet analysed by this version, then redo the cross-document parts."""
    settings = settings or Settings()
    reporter = reporter or SilentReporter()
    summary = summary or RunSummary()
    outlets = settings.outlet_book()  # a bad outlets.toml fails before any work is done
    pending = store.count_documents(pending=ANALYSIS_VERSION)
    if pending:
        reporter.stage("models")  # importing spaCy and torch and loading the models takes seconds: say so
    from .align import align_corpus  # imported here: `rashomon --version` need not load spaCy
    from .align.contradiction import load_scorer

    scorer = load_scorer(settings.nli_model)  # a bad model path fails now, before any work is done
    if pending:
        with open_engine(settings, pending) as engine:  # loads the models (here, or once per worker)
            reporter.stage("analyse", pending)
            for item in engine.analyse(store.documents(pending=ANALYSIS_VERSION)):
                _save(item, store, reporter, summary)
    reporter.stage("align")
    align_corpus(store, settings.near_duplicate_threshold, scorer=scorer, outlets=outlets)
    summary.near_duplicates = store.count_documents(near_copies=True)  # counted, not read: no text is held
    summary.documents = store.count_documents()
    return summary


def _save(item: DocAnalysis | InputFailure, store: Store, reporter: Reporter, summary: RunSummary) -> None:
    """Store one document's analysis in one transaction, its extractors' errors as failures naming it; a
    document that could not be analysed at all is a failure, left pending for the next run."""
    if isinstance(item, InputFailure):
        failures = [item]
    else:
        failures = [InputFailure(item.source or item.doc_id, f"partly analysed: {error}") for error in item.errors]
        store.save_analysis(item.doc_id, ANALYSIS_VERSION, figures=item.figures, claims=item.claims,
                            claim_vectors=item.claim_vectors, mentions=item.mentions, places=item.places)
        summary.analysed += 1
    for failure in failures:
        summary.failures.append(failure)
        store.add_failure(failure)
        reporter.failure(failure)
    reporter.advance()


def write_outputs(store: Store, out: str | Path, reporter: Reporter | None = None,
                  summary: RunSummary | None = None, settings: Settings | None = None) -> RunSummary:
    """Build the dossier from the store and write ``dossier.json`` and ``dossier.html`` into ``out``
    (titled and with sources shown as ``settings.title`` and ``settings.keep_paths`` say)."""
    settings = settings or Settings()
    from .render.html import write_html

    reporter = reporter or SilentReporter()
    summary = summary or RunSummary()
    reporter.stage("dossier")
    out = prepare_out(out)
    dossier = build_dossier(store, title=settings.title or None, keep_paths=settings.keep_paths,
                            outlets=settings.outlet_book())
    try:
        summary.paths["json"] = write_json(dossier, out / "dossier.json")
        summary.paths["html"] = write_html(dossier, out / "dossier.html")
    except OSError as exc:
        raise OutputError(f"cannot write the dossier into {out} ({exc.strerror or exc}); check that the disk "
                          "has room") from exc
    summary.documents = len(dossier.documents)
    return summary


def analyze(inputs: Iterable[str], out: str | Path, settings: Settings | None = None,
            reporter: Reporter | None = None, *, append: bool = False) -> RunSummary:
    """Ingest ``inputs``, analyse them and write the dossier into ``out`` (store: ``out/rashomon.db``).

    A store that already holds another case (none of these inputs among its reports) is refused with
    :class:`OutputError` unless ``append``; re-running the same case, or adding to it, is allowed.
    """
    settings = settings or Settings()
    out = prepare_out(out)
    settings.outlet_book()  # a bad outlets.toml is said before anything is read
    with Store.open(settings.db or str(out / "rashomon.db")) as store:
        summary = ingest(inputs, store, settings, reporter, append=append,
                         store_name=store_label(settings.db) if settings.db else str(out))
        analyse_store(store, settings, reporter, summary)
        write_outputs(store, out, reporter, summary, settings)
        if not settings.db or "://" not in settings.db:  # a database URL is no path
            summary.paths["db"] = Path(settings.db or out / "rashomon.db")
    return summary


def analyse_texts(documents: Iterable[Document], settings: Settings | None = None) -> Dossier:
    """Analyse documents held in memory (no files) and return the :class:`~rashomon.model.Dossier`: handy in
    notebooks (``rashomon.model.to_json`` gives its JSON)."""
    settings = settings or Settings()
    with Store.open("sqlite://") as store:
        for doc in documents:
            store.add_document(doc)
        analyse_store(store, settings)
        return build_dossier(store)

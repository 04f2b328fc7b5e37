"""Ingestion: turn what the user names (files, folders, globs, ``-``, URLs, feeds) into Documents.

No NLP happens here. Every input yields documents or an :class:`InputFailure` naming the input
and the reason, so one bad file never stops the others. Only regular files are read (``stat``
first, then at most ``max_bytes`` read, so a link to ``/dev/zero`` or a FIFO named ``f.txt``
cannot hold the run); anything else inside a folder (a dangling link, a device, a FIFO, a folder
that cannot be read) is listed as skipped with its reason. A file name that is not UTF-8 is shown
with ``\\xNN`` escapes and the document flagged.

>>> from rashomon.config import Settings
>>> [type(x).__name__ for x in read_inputs(["/no/such/file.txt"], Settings())]
['InputFailure']
"""

from __future__ import annotations

import glob
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..config import Settings
from ..errors import InputError
from ..models import Document, InputFailure
from ..zones import dateline
from .encoding import declared_charset, decode_report
from .feeds import looks_like_feed, parse_feed, read_feed
from .html import document_from_html
from .names import display_name
from .paged import document_from_docx, document_from_pdf
from .records import iter_csv, iter_records
from .text import decode_bytes, document_from_text

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
RECORD_SUFFIXES = {".jsonl", ".ndjson", ".json"}
CSV_SUFFIXES = {".csv", ".tsv"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
PDF_SUFFIXES = {".pdf"}
DOCX_SUFFIXES = {".docx"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES | CSV_SUFFIXES | FEED_SUFFIXES | PDF_SUFFIXES \
    | DOCX_SUFFIXES

__all__ = ["SUPPORTED", "decode_bytes", "document_from_html", "document_from_text", "read_bytes", "read_inputs",
           "read_path"]

_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def read_inputs(inputs: Iterable[str], settings: Settings) -> Iterator[Document | InputFailure]:
    """Yield a Document for every report found in ``inputs``, an InputFailure for every bad one. A report
    without a publication date takes the full date of its dateline, flagged ("KHARTOUM, June 3, 2019 —")."""
    for item in _read_all(inputs, settings):
        yield _dated_by_dateline(item) if isinstance(item, Document) else item


def _dated_by_dateline(doc: Document) -> Document:
    if doc.published is None:
        found = dateline(doc.text)
        if found is not None and found.date is not None:
            doc.published = found.date
            doc.flags.append(f"publication date read from the dateline ('{doc.text[found.start:found.end]}')")
    return doc


def _read_all(inputs: Iterable[str], settings: Settings) -> Iterator[Document | InputFailure]:
    for given in inputs:
        if given == "-":
            yield from _guard_iter("<stdin>", lambda: _read_stdin(settings))
        elif given.startswith(("http://", "https://")):
            from .web import iter_url

            yield from iter_url(given, settings)
        elif os.path.isdir(given):
            yield from _read_folder(given, settings)
        elif os.path.lexists(given):
            yield from read_path(given, settings)
        elif glob.has_magic(given):
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                yield InputFailure(display_name(given), "no file matches this pattern")
            for match in matches:
                if not os.path.isdir(match):
                    yield from read_path(match, settings)
        else:
            yield InputFailure(display_name(given), "no such file or folder")


def _read_stdin(settings: Settings) -> Iterator[Document | InputFailure]:
    raw = sys.stdin.buffer.read(settings.max_bytes + 1)
    if len(raw) > settings.max_bytes:
        raise InputError("<stdin>", f"input is over the {settings.max_bytes:,}-byte limit (raise it with --max-bytes)")
    yield from read_bytes(raw, "<stdin>", settings, ".txt")


def _read_folder(folder: str, settings: Settings) -> Iterator[Document | InputFailure]:
    """Every file below ``folder`` (hidden ones skipped), in path order; what cannot be read is named."""
    found: list[tuple[str, InputFailure | None]] = []

    def unreadable(exc: OSError) -> None:
        name = display_name(str(exc.filename or folder))
        found.append((str(exc.filename or folder), InputFailure(name, f"skipped: the folder cannot be read "
                                                                      f"({exc.strerror or exc})")))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        for d in list(dirs):
            path = os.path.join(root, d)
            if d.startswith("."):
                dirs.remove(d)
            elif os.path.islink(path):
                dirs.remove(d)
                found.append((path, InputFailure(display_name(path), "skipped: a link to a folder, not followed "
                                                                     "(give the folder itself)")))
        found.extend((os.path.join(root, f), None) for f in files if not f.startswith("."))
    if not found:
        yield InputFailure(display_name(folder), "folder holds no files")
    for path, failure in sorted(found, key=lambda item: item[0]):
        if failure is not None:
            yield failure
        else:
            yield from read_path(path, settings)


def read_path(path: str, settings: Settings) -> Iterator[Document | InputFailure]:
    """Read one regular file: refuse unsupported, oversized, unreadable and non-regular ones with a reason."""
    name = display_name(path)
    suffix = Path(path).suffix.lower()
    if suffix not in SUPPORTED:
        yield InputFailure(name, f"unsupported file type '{display_name(suffix) or 'none'}': use "
                                 f"{', '.join(sorted(SUPPORTED))}")
        return
    try:
        raw = _read_regular(path, settings.max_bytes)
    except InputError as exc:
        yield InputFailure(name, exc.reason)
        return
    # the flag names no path: a shared dossier shows file names only
    flags = [] if name == path else ["file name is not valid UTF-8: its undecodable bytes are shown as \\xNN"]
    yield from _guard_iter(name, lambda: read_bytes(raw, name, settings, suffix, flags))


def _read_regular(path: str, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; InputError for anything else."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            target = os.path.basename(display_name(os.readlink(path)))
            raise InputError(path, f"skipped: a link to {target}, which does not exist (a dangling link)") from None
        raise InputError(path, "no such file or folder") from None
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None
    _check_regular(path, info)
    if info.st_size > limit:
        raise InputError(path, f"file is {info.st_size:,} bytes, over the {limit:,}-byte limit "
                               "(raise it with --max-bytes)")
    try:
        # non-blocking: a FIFO put in place after the stat must not hold the run
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as fh:
        _check_regular(path, os.fstat(fh.fileno()))
        raw = fh.read(limit + 1)
    if len(raw) > limit:
        raise InputError(path, f"file is over the {limit:,}-byte limit (raise it with --max-bytes)")
    return raw


def _check_regular(path: str, info: os.stat_result) -> None:
    if stat.S_ISREG(info.st_mode):
        return
    kind = next((what for test, what in _KINDS if test(info.st_mode)), "not a file")
    link = f" (a link to {display_name(os.readlink(path))})" if os.path.islink(path) else ""
    raise InputError(path, f"skipped: not a regular file but {kind}{link}")


def read_bytes(raw: bytes, source: str, settings: Settings, suffix: str,
               flags: list[str] | None = None) -> Iterator[Document | InputFailure]:
    """Read the bytes of one input by its type (``suffix``; a feed also by its content) and yield its documents."""
    flags = list(flags or [])
    for item in _by_type(raw, source, settings, suffix, flags):
        if isinstance(item, Document) and len(item.text) > settings.max_chars:
            yield InputFailure(item.source, f"text is {len(item.text):,} characters, over the "
                                            f"{settings.max_chars:,}-character limit (raise it with --max-chars)")
        else:
            yield item


def _by_type(raw: bytes, source: str, settings: Settings, suffix: str,
             flags: list[str]) -> Iterator[Document | InputFailure]:
    if suffix in PDF_SUFFIXES:
        yield _flagged(document_from_pdf(raw, source, settings), flags)
        return
    if suffix in DOCX_SUFFIXES:
        yield _flagged(document_from_docx(raw, source, settings), flags)
        return
    if suffix in FEED_SUFFIXES or (suffix == ".json" and looks_like_feed(raw)):
        yield from _read_feed_file(raw, source, settings, flags)
        return
    decoded = decode_report(raw, source, declared_charset(raw) if suffix in HTML_SUFFIXES else None)
    flags += decoded.flags
    if suffix in RECORD_SUFFIXES:
        yield from iter_records(decoded.text, source, jsonl=suffix != ".json", settings=settings, flags=flags)
    elif suffix in CSV_SUFFIXES:
        yield from iter_csv(decoded.text, source, settings=settings, flags=flags)
    elif suffix in HTML_SUFFIXES:
        yield _flagged(document_from_html(decoded.text, source, settings=settings), flags)
    else:
        yield _flagged(document_from_text(decoded.text, source, settings), flags)


def _read_feed_file(raw: bytes, source: str, settings: Settings,
                    flags: list[str]) -> Iterator[Document | InputFailure]:
    """A saved RSS/Atom/JSON feed: read like a fetched one (entry links fetched under the same rules)."""
    from .web import fetch_entry

    feed = parse_feed(raw, None, source) if looks_like_feed(raw) else None
    if feed is None:
        yield InputFailure(source, "not an RSS, Atom or JSON feed with entries")
        return
    for item in read_feed(feed, source, settings, lambda link: fetch_entry(link, settings)):
        yield _flagged(item, flags) if isinstance(item, Document) else item


def _flagged(doc: Document, flags: list[str]) -> Document:
    doc.flags[:0] = [f for f in flags if f not in doc.flags]
    return doc


def _guard_iter(source: str, produce: Callable[[], Iterable[Document | InputFailure]]
                ) -> Iterator[Document | InputFailure]:
    try:
        yield from produce()
    except InputError as exc:
        yield InputFailure(exc.source, exc.reason)
    except Exception as exc:  # noqa: BLE001  (untrusted input must never crash the run)
        yield InputFailure(source, f"could not be read ({type(exc).__name__}: {' '.join(str(exc).split())})")

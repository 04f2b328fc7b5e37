"""PDF (pypdf) and DOCX (python-docx) reports, the form NGO and UN reports usually take.

A PDF's text is read page by page; the lines of each paragraph are joined (a line wrapped by the
layout is not a sentence break, and a word hyphenated across lines is joined), and the character
offset where each page starts is kept on the document (``Document.pages``), so every figure,
claim and quote can cite its page. A PDF without a text layer (a scan), an encrypted or corrupt
file, or one longer than ``--max-pages`` fails with a one-line reason. A DOCX gives its
paragraphs and tables in order; it has no pages (Word lays them out when it shows the file).
A date taken from a file's creation date is flagged as such.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from statistics import quantiles
from typing import Any

from ..config import Settings
from ..errors import InputError
from ..models import Document
from .meta import detect_language, publication_date

PDF_TYPES = {"application/pdf", "application/x-pdf"}
DOCX_TYPES = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
# Fewer words per page than this on average: the pages are images (a scan) without a text layer.
MIN_WORDS_PER_PAGE = 5
# A DOCX is a zip: refuse one that expands to more than this many times the byte limit (a zip bomb).
MAX_EXPANSION = 20
_PAGE_BREAK = "\n\n"
_WORD_HYPHEN = re.compile(r"(?<=[^\W\d_])-$")
# titles that office software writes for the user ("Microsoft Word - draft3.docx")
_SOFTWARE_TITLE = re.compile(r"^(?:microsoft \w+ - |untitled|document\d*$|.*\.(?:docx?|pdf|odt)$)", re.I)


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs each flaw of a malformed file; rashomon reports the one reason that matters instead."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def document_from_pdf(raw: bytes, source: str, settings: Settings | None = None) -> Document:
    """A PDF's text as a :class:`Document` with its page offsets; InputError with the reason if unreadable."""
    with _quiet_pypdf():
        return _pdf_document(raw, source, settings or Settings())


def _pdf_document(raw: bytes, source: str, settings: Settings) -> Document:
    reader = _open_pdf(raw, source)
    try:
        count = len(reader.pages)
    except Exception as exc:  # noqa: BLE001  (pypdf raises many kinds on a broken page tree)
        raise InputError(source, f"corrupt PDF: its pages cannot be read ({_why(exc)})") from None
    if count > settings.max_pages:
        raise InputError(source, f"PDF of {count:,} pages, over the {settings.max_pages:,}-page limit "
                                 "(raise it with --max-pages)")
    texts = []
    for n, page in enumerate(reader.pages, 1):
        try:
            texts.append(reflow(page.extract_text() or ""))
        except Exception as exc:  # noqa: BLE001
            raise InputError(source, f"corrupt PDF: page {n} cannot be read ({_why(exc)})") from None
    words = sum(len(t.split()) for t in texts)
    if count == 0 or words < MIN_WORDS_PER_PAGE * count:
        raise InputError(source, f"no text layer ({words} words on {count} page{'s' if count != 1 else ''}): "
                                 "a scanned PDF must be run through OCR first (for example ocrmypdf)")
    text, pages = _join_pages(texts)
    info = _pdf_info(reader)
    language = detect_language(text)
    flags: list[str] = []
    published = None
    if info.get("created"):
        reading = publication_date(info["created"], settings, language, None)
        published = reading.iso
        if published:
            flags.append(f"publication date {published} taken from the PDF's creation date")
    meta = {"authors": info["author"]} if info.get("author") else {}
    return Document(source=source, text=text, title=_title(info.get("title"), text), published=published,
                    language=language, meta=meta, flags=flags, pages=pages)


def _open_pdf(raw: bytes, source: str) -> Any:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
    except Exception as exc:  # noqa: BLE001
        raise InputError(source, f"corrupt PDF: it cannot be opened ({_why(exc)})") from None
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")  # many "protected" PDFs only forbid printing, with an empty password
        except Exception:  # noqa: BLE001  (a cipher pypdf cannot handle counts as locked)
            opened = 0
        if not opened:
            raise InputError(source, "encrypted PDF: it needs a password; save a copy without one and give "
                                     "rashomon that")
    return reader


def _why(exc: Exception) -> str:
    return " ".join(str(exc).split())[:160] or type(exc).__name__


def _pdf_info(reader: Any) -> dict[str, Any]:
    try:
        meta = reader.metadata
    except Exception:  # noqa: BLE001  (a broken info dictionary is no reason to lose the text)
        return {}
    if meta is None:
        return {}
    try:
        created = meta.creation_date
    except Exception:  # noqa: BLE001
        created = None
    return {"title": _plain(meta.title), "author": _plain(meta.author), "created": created}


def _plain(value: Any) -> str | None:
    return " ".join(str(value).split()) or None if value else None


def _title(given: str | None, text: str) -> str | None:
    if given and not _SOFTWARE_TITLE.match(given):
        return given[:300]
    first = text.strip().split("\n", 1)[0].strip()
    return first[:200] if 0 < len(first) <= 200 else None


def reflow(page: str) -> str:
    """A page's text with the lines of each paragraph joined: a line as long as the page's full
    lines, or followed by a lowercase word, runs on; a word hyphenated at the line end is joined.

    >>> reflow("At least twelve people were killed when the\\nmarket was shelled, and many were in-\\njured.\\n\\nNext")
    'At least twelve people were killed when the market was shelled, and many were injured.\\n\\nNext'
    """
    lines = [ln.strip() for ln in page.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lengths = [len(ln) for ln in lines if ln]
    if not lengths:
        return ""
    full = quantiles(lengths, n=5)[3] if len(lengths) >= 2 else lengths[0]
    paragraphs: list[str] = []
    current, previous = "", ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = previous = ""
            continue
        if not current:
            current = line
        elif len(previous) >= 0.7 * full or line[:1].islower():
            hyphenated = _WORD_HYPHEN.search(previous) is not None and line[:1].islower()
            current = current[:-1] + line if hyphenated else f"{current} {line}"
        else:
            current = f"{current}\n{line}"
        previous = line
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _join_pages(texts: list[str]) -> tuple[str, list[int]]:
    """The pages' texts joined by a blank line, and the offset where each starts."""
    pages, parts, at = [], [], 0
    for text in texts:
        pages.append(at)
        parts.append(text)
        at += len(text) + len(_PAGE_BREAK)
    return _PAGE_BREAK.join(parts), pages


def document_from_docx(raw: bytes, source: str, settings: Settings | None = None) -> Document:
    """A Word (.docx) file's paragraphs and tables, in order, as a :class:`Document`."""
    settings = settings or Settings()
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(source, "an encrypted or old-format Word file (.doc): save it as .docx without a "
                                 "password and give rashomon that")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise InputError(source, "corrupt DOCX: it is not a zip archive as a Word file must be") from None
    if expanded > MAX_EXPANSION * settings.max_bytes:
        raise InputError(source, f"DOCX expands to {expanded:,} bytes, over {MAX_EXPANSION} times the "
                                 f"{settings.max_bytes:,}-byte limit (raise it with --max-bytes)")
    import docx

    try:
        document = docx.Document(io.BytesIO(raw))
        blocks = [_block_text(block) for block in document.iter_inner_content()]
        core = document.core_properties
    except Exception as exc:  # noqa: BLE001  (python-docx raises KeyError, ValueError, lxml errors …)
        raise InputError(source, f"corrupt DOCX: it cannot be read as a Word document ({_why(exc)})") from None
    text = "\n\n".join(b for b in blocks if b)
    if not text.strip():
        raise InputError(source, "empty report: the Word document holds no text")
    language = detect_language(text)
    flags: list[str] = []
    published = None
    if isinstance(core.created, datetime):
        published = publication_date(core.created, settings, language, None).iso
        if published:
            flags.append(f"publication date {published} taken from the DOCX's creation date")
    meta = {"authors": core.author} if core.author else {}
    return Document(source=source, text=text, title=_title(_plain(core.title), text), published=published,
                    language=language, meta=meta, flags=flags)


def _block_text(block: Any) -> str:
    """A paragraph's text, or a table's rows as lines of cells separated by " | "."""
    if hasattr(block, "rows"):
        rows = []
        for row in block.rows:
            cells = list(dict.fromkeys(" ".join(c.text.split()) for c in row.cells))  # merged cells repeat
            rows.append(" | ".join(c for c in cells if c))
        return "\n".join(r for r in rows if r)
    return block.text.strip()

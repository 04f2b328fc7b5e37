"""Plain-text reports (.txt, .md): decoding, the optional metadata header, a leading date line."""

from __future__ import annotations

import re

from ..config import Settings
from ..dates import DateReading
from ..errors import InputError
from ..models import Document
from .encoding import decode_report
from .meta import detect_language, publication_date

HEADER_KEYS = {"title", "outlet", "url", "date", "published", "language", "lang", "author", "source", "site"}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,30}):[ \t]*(.*?)[ \t]*$")
# "date 2025-03-07" or "Date: 2025-03-07" as the very first words of a text
_DATE_LINE = re.compile(r"^\s*(?:date|published|posted)\s*:?\s+(\d{4}-\d{2}-\d{2})\b", re.I)


def decode_bytes(raw: bytes, source: str) -> str:
    """Decode a report's bytes (see :mod:`rashomon.ingest.encoding`); refuse binary data.

    >>> decode_bytes("caf\\u00e9".encode("latin-1") * 20, "x.txt")[:4]
    'café'
    """
    return decode_report(raw, source).text


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split an optional ``key: value`` header block (ended by a blank line) from the body.

    A value of ``unknown`` (or empty) counts as absent. The body is returned unchanged.

    >>> split_header("title: A\\noutlet: unknown\\n\\nBody.")
    ({'title': 'A'}, 'Body.')
    """
    lines = text.split("\n")
    meta: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            if i == 0 or not meta or not any(k in HEADER_KEYS for k in meta):
                return {}, text
            body = "\n".join(lines[i + 1 :])
            clean = {k: v for k, v in meta.items() if v and v.lower() not in {"unknown", "n/a", "none"}}
            return clean, body
        m = _HEADER_LINE.match(line.rstrip("\r"))
        if not m or i >= 30:
            return {}, text
        meta[m.group(1).strip().lower().replace(" ", "_").replace("-", "_")] = m.group(2)
    return {}, text


def document_from_text(text: str, source: str, settings: Settings | None = None) -> Document:
    """Build a :class:`Document` from the decoded text of a ``.txt``/``.md`` report.

    The date comes from the header (``date:``/``published:``), else from a date line opening the
    text ("date 2025-03-07"), which is flagged; a numeric date is read in ``settings.date_order``,
    else in the order of the outlet's locale (flagged), else left out as ambiguous (flagged).
    """
    settings = settings or Settings()
    meta, body = split_header(text)
    body = body.lstrip("\r\n")
    if not body.strip():
        raise InputError(source, "empty report: only a header, no text")
    language = meta.get("language") or meta.get("lang") or detect_language(body)
    url = meta.get("url")
    flags: list[str] = []
    reading = publication_date(meta.get("date") or meta.get("published"), settings, language, url)
    if reading.iso is None:
        m = _DATE_LINE.match(body)
        if m:
            reading = DateReading(publication_date(m.group(1), settings, language, url).iso,
                                  f"publication date read from the text's first line ('{m.group(0).strip()}')")
    published = reading.iso
    if reading.note:
        flags.append(reading.note)
    return Document(
        source=source,
        text=body,
        outlet=meta.get("outlet") or meta.get("site") or _domain(url),
        title=meta.get("title") or _first_line_title(body),
        url=url,
        published=published,
        language=language,
        meta={k: v for k, v in meta.items()
              if k not in {"title", "outlet", "url", "date", "published", "language", "lang"}},
        flags=flags,
    )


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _first_line_title(body: str) -> str | None:
    first = _DATE_LINE.sub("", body.strip().split("\n", 1)[0]).strip().lstrip("#").strip()
    return first[:200] if 0 < len(first) <= 200 else None

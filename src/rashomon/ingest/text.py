"""Plain-text reports (.txt, .md): decoding, the optional metadata header, a leading date line."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from ..errors import InputError
from ..models import Document
from .meta import detect_language, normalize_date

HEADER_KEYS = {"title", "outlet", "url", "date", "published", "language", "lang", "author", "source", "site"}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,30}):[ \t]*(.*?)[ \t]*$")
# "date 2025-03-07" or "Date: 2025-03-07" as the very first words of a text
_DATE_LINE = re.compile(r"^\s*(?:date|published|posted)\s*:?\s+(\d{4}-\d{2}-\d{2})\b", re.I)


def decode_bytes(raw: bytes, source: str) -> str:
    """Decode a report's bytes: UTF-8 first, then a detected encoding; refuse binary data.

    >>> decode_bytes("caf\\u00e9".encode("latin-1") * 20, "x.txt")[:4]
    'café'
    """
    if not raw.strip():
        raise InputError(source, "empty file: it holds no text")
    if b"\x00" in raw[:8192]:
        raise InputError(source, "binary file (NUL bytes): give rashomon text, HTML or JSON reports")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(raw).best()
        if best is None:
            raise InputError(source, "undecodable bytes: not text in any encoding rashomon can detect") from None
        text = str(best)
    if _control_share(text) > 0.05:
        raise InputError(source, "binary file (control characters): give rashomon text, HTML or JSON reports")
    return text


def _control_share(text: str) -> float:
    sample = text[:8192]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / max(1, len(sample))


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


def document_from_text(text: str, source: str) -> Document:
    """Build a :class:`Document` from the decoded text of a ``.txt``/``.md`` report."""
    meta, body = split_header(text)
    body = body.lstrip("\r\n")
    if not body.strip():
        raise InputError(source, "empty report: only a header, no text")
    published = normalize_date(meta.get("date") or meta.get("published"))
    if published is None:
        m = _DATE_LINE.match(body)
        if m:
            published = normalize_date(m.group(1))
    language = meta.get("language") or meta.get("lang") or detect_language(body)
    url = meta.get("url")
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

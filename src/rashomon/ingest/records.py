"""JSON and JSON Lines reports: one report per record, a bad record named by its line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..models import Document, InputFailure
from .meta import detect_language, normalize_date
from .text import _domain

FIELDS = ("text", "title", "url", "outlet", "published", "language")


def document_from_record(record: Any, source: str) -> Document:
    """One record (a JSON object with ``text``) as a :class:`Document`; raises ValueError if unusable."""
    if not isinstance(record, dict):
        raise ValueError("a record must be a JSON object with a 'text' field")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("the record has no 'text' (a non-empty string is required)")
    url = record.get("url") if isinstance(record.get("url"), str) else None
    published = normalize_date(record.get("published") or record.get("date"))
    return Document(
        source=source,
        text=text,
        outlet=_str(record.get("outlet")) or _domain(url),
        title=_str(record.get("title")),
        url=url,
        published=published,
        language=_str(record.get("language")) or detect_language(text),
        meta={k: v for k, v in record.items() if k not in FIELDS and k != "date" and _scalar(v)},
    )


def _str(v: Any) -> str | None:
    return v.strip() or None if isinstance(v, str) else None


def _scalar(v: Any) -> bool:
    return isinstance(v, (str, int, float, bool)) or v is None


def iter_records(text: str, source: str, jsonl: bool) -> Iterator[Document | InputFailure]:
    """Yield a document per record of a ``.jsonl`` (or ``.json``) file, a failure per bad record."""
    if not jsonl:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            # a .json file may hold JSON Lines too
            if text.lstrip().startswith("{") and "\n" in text.strip():
                yield from iter_records(text, source, jsonl=True)
                return
            yield InputFailure(source, f"invalid JSON at line {exc.lineno}: {exc.msg}")
            return
        items = data if isinstance(data, list) else [data]
        if not items:
            yield InputFailure(source, "empty JSON list: it holds no records")
        for n, item in enumerate(items, 1):
            name = f"{source}#{n}" if len(items) > 1 else source
            try:
                yield document_from_record(item, name)
            except ValueError as exc:
                yield InputFailure(f"{source} record {n}", str(exc))
        return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield document_from_record(json.loads(line), f"{source}:{lineno}")
        except json.JSONDecodeError as exc:
            yield InputFailure(f"{source} line {lineno}", f"invalid JSON: {exc.msg}")
        except ValueError as exc:
            yield InputFailure(f"{source} line {lineno}", str(exc))

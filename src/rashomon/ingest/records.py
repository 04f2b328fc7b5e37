"""Records: reports as JSON, JSON Lines or CSV rows, in the shapes crawlers, APIs and datasets export.

Each field is looked up under the names in ``data/records.json`` (news-please's ``maintext`` and
``date_publish``, NewsAPI's ``articles[]`` with ``content``, ``publishedAt`` and ``source.name``,
GDELT's ``seendate``/``DocumentIdentifier``, Media Cloud's ``story_text``/``media_name``, Hugging
Face's ``text``/``date``), after any ``--map field=name`` the user gives. A wrapper object
(``{"articles": [...]}``) is opened. A record without text but with a URL is fetched (GDELT gives
no text); a record with neither fails with the fields it has, so the user can map one. GDELT GKG
exports (tab-separated, no header) are read by column. Text that an API truncates (NewsAPI's
``… [+1873 chars]``) is kept without the marker and flagged; lone surrogates are replaced, flagged.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

from ..config import Settings
from ..errors import InputError
from ..models import Document, InputFailure
from .html import WEAK_DATE_FLAGS
from .meta import detect_language, publication_date
from .names import without_surrogates
from .text import _domain

FIELDS = ("text", "title", "url", "outlet", "published", "language", "authors")
_GKG_ID = re.compile(r"^\d{14}-T?\d+$")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")


@lru_cache(maxsize=1)
def _shapes() -> dict[str, Any]:
    return json.loads(resources.files("rashomon").joinpath("data/records.json").read_text(encoding="utf-8"))


def parse_field_map(spec: str) -> dict[str, str]:
    """``"text=body,published=meta.created"`` as ``{"text": "body", "published": "meta.created"}``.

    >>> parse_field_map("text=body, outlet=source.title")
    {'text': 'body', 'outlet': 'source.title'}
    """
    mapping = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        field, sep, name = part.partition("=")
        field, name = field.strip().lower(), name.strip()
        if not sep or not name or field not in FIELDS:
            raise InputError("--map", f"'{part}' is not FIELD=NAME with FIELD one of {', '.join(FIELDS)}")
        mapping[field] = name
    return mapping


def _lookup(record: dict[str, Any], name: str) -> Any:
    if name in record:
        return record[name]
    value: Any = record
    for key in name.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _pick(record: dict[str, Any], field: str, mapping: dict[str, str]) -> tuple[str | None, Any]:
    """The name and value of ``field`` in ``record``: the user's mapping first, then the known names."""
    names = ([mapping[field]] if field in mapping else []) + _shapes()["fields"][field]
    for name in names:
        value = _lookup(record, name)
        if value not in (None, "", [], {}):
            return name, value
    return None, None


def _string(value: Any) -> str | None:
    if isinstance(value, list):
        value = "; ".join(str(v.get("name", "")) if isinstance(v, dict) else str(v) for v in value if v)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    return value.strip() or None if isinstance(value, str) else None


def document_from_record(record: Any, source: str, settings: Settings | None = None) -> Document:
    """One record as a :class:`Document`; raises ValueError (naming the fields found) if it has no text.

    A record without text but with a URL raises :class:`NeedsFetch` so the caller can fetch it.
    """
    settings = settings or Settings()
    if not isinstance(record, dict):
        raise ValueError("a record must be a JSON object with the report's text")
    mapping = parse_field_map(settings.record_map)
    flags: list[str] = []
    values: dict[str, str | None] = {}
    used = set()
    for field in FIELDS:
        name, value = _pick(record, field, mapping)
        text = _string(value)
        if text is not None:
            text, replaced = without_surrogates(text)
            if replaced:
                flags.append(f"{replaced} invalid character{'s' if replaced > 1 else ''} (lone surrogates) "
                             f"replaced by U+FFFD in the {field}")
            used.add((name or "").split(".")[0])
            if field == "outlet" and name in _shapes()["domain_fields"]:
                text = _domain(f"http://{text}") or text
        values[field] = text
    text = values["text"]
    if text is not None:
        text = _untruncated(record, text, flags)
    url = values["url"]
    if not text:
        if url and url.startswith(("http://", "https://")):
            raise NeedsFetch(url, values)
        found = ", ".join(f"'{k}'" for k in sorted(record)) or "none"
        raise ValueError(f"no report text: no 'text' field or any known alias (the record has {found}); "
                         "name the field that holds the text with --map text=FIELD")
    language = values["language"] if values["language"] and _LANGUAGE_CODE.match(values["language"]) else None
    language = language or detect_language(text)
    reading = publication_date(values["published"], settings, language, url)
    if reading.note:
        flags.append(reading.note)
    meta: dict[str, Any] = {}
    for key, value in record.items():
        if key not in used and isinstance(value, (str, int, float, bool)):
            meta[key] = without_surrogates(value)[0] if isinstance(value, str) else value
    if values["authors"]:
        meta["authors"] = values["authors"]
    return Document(source=source, text=text, outlet=values["outlet"] or _domain(url), title=values["title"],
                    url=url, published=reading.iso, language=language, meta=meta, flags=flags)


class NeedsFetch(Exception):
    """A record with a URL but no text: its text must be fetched; ``values`` are the record's fields."""

    def __init__(self, url: str, values: dict[str, str | None]):
        super().__init__(url)
        self.url = url
        self.values = values


def _untruncated(record: dict[str, Any], text: str, flags: list[str]) -> str:
    """The text without an API's truncation marker, flagged (NewsAPI cuts content at about 200 characters)."""
    for api, rule in _shapes()["truncation"].items():
        if api.startswith("_") or not all(k in record for k in rule["needs"]):
            continue
        m = re.search(rule["marker"], text)
        if m:
            flags.append(f"text truncated by {'NewsAPI' if api == 'newsapi' else api}: only the first "
                         f"{m.start():,} characters of the article ({int(m.group(1)):,} more at its url)")
            return text[: m.start()].rstrip()
    return text


# ---------------------------------------------------------------- files of records


def iter_records(text: str, source: str, jsonl: bool, settings: Settings | None = None,
                 flags: list[str] | None = None) -> Iterator[Document | InputFailure]:
    """Yield a document per record of a ``.jsonl`` (or ``.json``) file, a failure per bad record.

    JSON Lines are split on ``\\n`` only: a record's strings may hold U+2028 or U+0085.
    """
    settings = settings or Settings()
    if not jsonl:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            if text.lstrip().startswith("{") and "\n" in text.strip():  # a .json file may hold JSON Lines too
                yield from iter_records(text, source, jsonl=True, settings=settings, flags=flags)
                return
            yield InputFailure(source, f"invalid JSON at line {exc.lineno}: {exc.msg}")
            return
        items = _unwrap(data)
        if not items:
            yield InputFailure(source, "empty JSON list: it holds no records")
        for n, item in enumerate(items, 1):
            name = f"{source}#{n}" if len(items) > 1 else source
            yield from _one(item, name, f"{source} record {n}", settings, flags)
        return
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputFailure(f"{source} line {lineno}", f"invalid JSON: {exc.msg}")
            continue
        yield from _one(record, f"{source}:{lineno}", f"{source} line {lineno}", settings, flags)


def _unwrap(data: Any) -> list[Any]:
    """The records of a JSON value: a list, a wrapper's list (``{"articles": [...]}``), or one record."""
    if isinstance(data, list):
        return [item["row"] if isinstance(item, dict) and set(item) <= {"row", "row_idx", "truncated_cells"}
                and isinstance(item.get("row"), dict) else item for item in data]
    if isinstance(data, dict) and _pick(data, "text", {})[0] is None:
        for key in _shapes()["wrappers"]:
            if isinstance(data.get(key), list):
                return _unwrap(data[key])
    return [data]


def _one(record: Any, name: str, failure_name: str, settings: Settings,
         flags: list[str] | None) -> Iterator[Document | InputFailure]:
    try:
        doc = document_from_record(record, name, settings)
    except NeedsFetch as need:
        yield from _fetched(need, failure_name, settings, flags)
        return
    except (ValueError, InputError) as exc:
        yield InputFailure(failure_name, getattr(exc, "reason", None) or str(exc))
        return
    doc.flags[:0] = flags or []
    yield doc


def _fetched(need: NeedsFetch, failure_name: str, settings: Settings,
             flags: list[str] | None) -> Iterator[Document | InputFailure]:
    """The page a text-less record points to, with the record's own title, outlet and date."""
    from .web import iter_url

    for item in iter_url(need.url, settings):
        if isinstance(item, InputFailure):
            yield InputFailure(failure_name, f"the record holds no text and its url could not be read "
                                             f"({item.source}: {item.reason})")
            continue
        values = need.values
        item.title = values["title"] or item.title
        item.outlet = values["outlet"] or item.outlet
        if values["published"]:
            reading = publication_date(values["published"], settings, item.language, need.url)
            if reading.iso:
                item.published = reading.iso  # the record's date over the page's
                item.flags = [f for f in item.flags if not f.startswith(WEAK_DATE_FLAGS)]
        item.flags[:0] = [*(flags or []), "text fetched from the record's url (the record holds none)"]
        yield item


def iter_csv(text: str, source: str, settings: Settings | None = None,
             flags: list[str] | None = None) -> Iterator[Document | InputFailure]:
    """Yield a document per row of a CSV/TSV file with a header (columns named as JSON fields are),
    or of a GDELT GKG export (tab-separated, no header, read by column)."""
    settings = settings or Settings()
    csv.field_size_limit(max(settings.max_chars, 131072))
    sample = text[:8192]
    first = sample.split("\n", 1)[0].split("\t")
    if _GKG_ID.match(first[0].strip()):
        yield from _gkg_rows(text, source, settings, flags)
        return
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",\t;|").delimiter
    except csv.Error:
        delimiter = ","
    # only the delimiter is sniffed: quoting is the standard one (the sniffer misreads doubled quotes)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    n = 0
    try:
        for n, row in enumerate(reader, 1):
            record = {k: v for k, v in row.items() if k is not None}
            yield from _one(record, f"{source}#{n}", f"{source} row {n}", settings, flags)
    except csv.Error as exc:
        yield InputFailure(f"{source} row {n + 1}", f"invalid CSV: {exc}")
        return
    if n == 0:
        yield InputFailure(source, "empty CSV: a header and no rows")


def _gkg_rows(text: str, source: str, settings: Settings,
              flags: list[str] | None) -> Iterator[Document | InputFailure]:
    columns = {k: v for k, v in _shapes()["gkg_columns"].items() if not k.startswith("_")}
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        cells = line.rstrip("\r").split("\t")
        record: dict[str, Any] = {field: cells[i] for field, i in columns.items() if i < len(cells)}
        title = re.search(r"<PAGE_TITLE>(.*?)</PAGE_TITLE>", record.pop("extras", "") or "")
        if title:
            record["title"] = title.group(1)
        yield from _one(record, f"{source}#{n}", f"{source} row {n}", settings, flags)

"""Feeds: RSS, Atom (feedparser) and JSON Feed, from a URL or a saved file, recognised by content.

Each entry becomes one report. An entry whose own content holds the article (at least
``FULL_ENTRY_WORDS`` words, not cut short with "Read more" or "…") is read from the feed. Otherwise
its link is fetched; when the link cannot be read (a removed story answers 404, an archive is
offline), the entry's content or summary is the report, flagged as such, so an archived feed keeps
the stories whose pages are gone.

>>> looks_like_feed(b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>')
True
"""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..config import Settings
from ..dates import read_date
from ..models import Document, InputFailure
from .encoding import decode_report
from .html import WEAK_DATE_FLAGS, _first_part
from .meta import detect_language
from .text import _domain

MAX_FEED_ENTRIES = 200
# An entry's content this long, and not cut short, is the article itself.
FULL_ENTRY_WORDS = 150
# Too little for a report, even as a fallback.
MIN_ENTRY_WORDS = 5
_CUT_SHORT = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\]|\b(?:read more|continue reading|keep reading|read the full \w+)"
                        r"\b\W{0,5})\s*$", re.I)
_BLOCKS = re.compile(r"</?(?:p|div|li|ul|ol|h[1-6]|blockquote|section|article|tr|table|figure|figcaption)\b[^>]*>|"
                     r"<br\s*/?>", re.I)

Fetch = Callable[[str], Iterator[Document | InputFailure]]


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed: what it links to and what it carries itself (HTML or plain text)."""

    title: str | None
    link: str | None
    published: str | None  # ISO date
    content: str | None  # the entry's full content (content:encoded, Atom content, content_html)
    summary: str | None  # its description or summary
    authors: str | None


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its title, its kind (RSS, Atom, JSON Feed) and its entries."""

    title: str | None
    kind: str
    entries: list[FeedEntry]


def looks_like_feed(body: bytes) -> bool:
    """Whether bytes are an RSS, Atom or JSON feed, by their opening (whatever the file type or
    HTTP content type says)."""
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{"):
        return b"jsonfeed.org/version" in head
    if not head.startswith(b"<"):
        return False
    head = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!doctype[^>]*>", b"", head, flags=re.S).lstrip()
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf", b"<rdf"))


def parse_feed(body: bytes, base_url: str | None, source: str) -> Feed | None:
    """The feed in ``body`` (None when it is no feed or has no entries); links resolved against ``base_url``."""
    if body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return _json_feed(body, source)
    import feedparser

    headers = {"content-location": base_url} if base_url else {}
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    if not parsed.get("entries"):
        return None
    kind = "Atom" if str(parsed.get("version", "")).startswith("atom") else "RSS"
    entries = [FeedEntry(title=_clean(e.get("title")), link=_clean(e.get("link")), published=_entry_date(e),
                         content=_first_content(e), summary=_clean(e.get("summary")),
                         authors=_clean(e.get("author"))) for e in parsed.entries]
    return Feed(_clean((parsed.feed or {}).get("title")), kind, entries)


def _json_feed(body: bytes, source: str) -> Feed | None:
    try:
        data = json.loads(decode_report(body, source).text)
    except (json.JSONDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or "jsonfeed.org" not in str(data.get("version", "")):
        return None
    entries = []
    for item in data.get("items") or []:
        if not isinstance(item, dict):
            continue
        authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
        names = "; ".join(str(a.get("name")) for a in authors if isinstance(a, dict) and a.get("name")) or None
        entries.append(FeedEntry(
            title=_clean(item.get("title")), link=_clean(item.get("url") or item.get("external_url")),
            published=read_date(item.get("date_published") or item.get("date_modified")).iso,
            content=_clean(item.get("content_html") or item.get("content_text")),
            summary=_clean(item.get("summary")), authors=names))
    return Feed(_clean(data.get("title")), "JSON Feed", entries) if entries else None


def _clean(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _first_content(entry: Any) -> str | None:
    for content in entry.get("content") or []:
        value = _clean(content.get("value"))
        if value:
            return value
    return None


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return time.strftime("%Y-%m-%d", value)
            except (TypeError, ValueError):
                continue
    return read_date(entry.get("published") or entry.get("updated")).iso


def html_text(fragment: str) -> str:
    """The text of an entry's HTML, paragraphs kept apart.

    >>> html_text("<p>Two died.</p><p>Three were <b>hurt</b> &amp; taken away.</p>")
    'Two died.\\n\\nThree were hurt & taken away.'
    """
    from lxml import html as lxml_html

    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    marked = _BLOCKS.sub("\n\n", fragment)
    try:
        text = lxml_html.fragment_fromstring(marked, create_parent="div").text_content()
    except Exception:  # noqa: BLE001  (a broken fragment: keep its words, drop the tags)
        text = re.sub(r"<[^>]+>", " ", marked)
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def read_feed(feed: Feed, source: str, settings: Settings, fetch: Fetch) -> Iterator[Document | InputFailure]:
    """Yield a report per entry (see the module docstring); ``fetch`` reads an entry's link."""
    entries = feed.entries
    if len(entries) > MAX_FEED_ENTRIES:
        yield InputFailure(source, f"the feed lists {len(entries):,} entries; only the first "
                                   f"{MAX_FEED_ENTRIES} were read")
        entries = entries[:MAX_FEED_ENTRIES]
    for n, entry in enumerate(entries, 1):
        name = f"{source} entry {n}"
        own = html_text(entry.content) if entry.content else ""
        if len(own.split()) >= FULL_ENTRY_WORDS and not _CUT_SHORT.search(own):
            yield _entry_document(entry, own, source, name, feed, settings, [])
            continue
        if not entry.link:
            fallback = own or html_text(entry.summary or "")
            if len(fallback.split()) >= MIN_ENTRY_WORDS:
                flag = "text from the feed entry: it has no link"
                yield _entry_document(entry, fallback, source, name, feed, settings, [flag])
            else:
                yield InputFailure(name, "the feed entry has neither a link nor text")
            continue
        yield from _linked(entry, own, source, feed, settings, fetch)


def _linked(entry: FeedEntry, own: str, source: str, feed: Feed, settings: Settings,
            fetch: Fetch) -> Iterator[Document | InputFailure]:
    """The entry's linked page, with the entry's title and date where the page lacks them; the
    entry's own text, flagged, when the page cannot be read."""
    for item in fetch(entry.link or ""):
        if isinstance(item, Document):
            item.title = item.title or entry.title
            weak = [f for f in item.flags if f.startswith(WEAK_DATE_FLAGS)]
            if entry.published and (item.published is None or weak):
                item.published = entry.published  # the entry's date over a page's guessed or modified one
                item.flags = [f for f in item.flags if f not in weak]
            item.meta.setdefault("feed", source)
            if feed.title:
                item.meta.setdefault("feed_title", feed.title)
            yield item
            continue
        fallback = own or html_text(entry.summary or "")
        if len(fallback.split()) < MIN_ENTRY_WORDS:
            yield item
            continue
        what = "full content" if entry.content else "summary"
        flag = f"text from the feed entry's {what}: its page could not be read ({item.reason})"
        yield _entry_document(entry, fallback, source, entry.link or source, feed, settings, [flag])


def _entry_document(entry: FeedEntry, text: str, source: str, name: str, feed: Feed, settings: Settings,
                    flags: list[str]) -> Document | InputFailure:
    """A report from the entry's own text: ``source`` is the feed, ``name`` the entry (its link when it has one)."""
    name = entry.link or name
    if len(text) > settings.max_chars:
        return InputFailure(name, f"text is {len(text):,} characters, over the {settings.max_chars:,}-character "
                                  "limit (raise it with --max-chars)")
    meta = {"feed": source, **({"feed_title": feed.title} if feed.title else {})}
    if entry.authors:
        meta["authors"] = entry.authors
    return Document(source=name, text=text, outlet=_first_part(feed.title) or _domain(entry.link),
                    title=entry.title, url=entry.link, published=entry.published, language=detect_language(text),
                    meta=meta, flags=list(flags))

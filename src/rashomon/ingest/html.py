"""HTML pages: the article's text (trafilatura), its headline, outlet, publication date and authors.

- Title: the page's headline (JSON-LD ``headline``, ``og:title`` or ``<h1>``) when the ``<title>``
  is that headline plus a site tagline ("… - KXYZ 9News | Harbor City News, Weather"); otherwise the
  ``<title>`` with a trailing site name cut off.
- Outlet: the JSON-LD publisher, else ``og:site_name`` (its first part when it is itself a tagline),
  else trafilatura's site name, else the address's domain.
- Date: the publication date (JSON-LD ``datePublished``, ``article:published_time`` …) over any
  modification date; a date only htmldate could find, or only a last-modified date, is flagged.
- A page whose article text is short (fewer than ``short_words`` words, ``data/pages.json``), or is
  a cookie wall, a paywall stub or a photo caption, is refused with the reason, unless
  ``--accept-short`` (then flagged). When the page's JSON-LD carries the ``articleBody`` that the
  visible page lacks (a page rendered by JavaScript), that body is the text, flagged.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape
from importlib import resources
from typing import Any

from ..config import Settings
from ..dates import DateReading
from ..errors import InputError
from ..models import Document
from .meta import detect_language, publication_date
from .text import _domain

# Reports may be dated after today (clock skew, fiction, embargoed copies): keep what the page says.
MAX_DATE = "2099-12-31"
# Fewer words than this is no article at all, even with --accept-short.
MIN_WORDS = 5
_ARTICLE_TYPES = {"newsarticle", "article", "reportage", "reportagenewsarticle", "analysisnewsarticle",
                  "blogposting", "report", "liveblogposting", "webpage", "opinionnewsarticle", "backgroundnewsarticle"}
_PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate",
                   "publish-date", "dc.date.issued", "dcterms.issued", "sailthru.date", "parsely-pub-date")
# flags of a page date that any date from the page's metadata elsewhere (a feed entry, a record) beats
WEAK_DATE_FLAGS = ("no publication date in the page", "publication date found by htmldate")
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "last-modified", "dcterms.modified")


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    return json.loads(resources.files("rashomon").joinpath("data/pages.json").read_text(encoding="utf-8"))


@dataclass
class PageFacts:
    """What a page's markup says about its article, beside the text trafilatura extracts."""

    headlines: list[str] = field(default_factory=list)  # JSON-LD headline, og:title, <h1>: best first
    publisher: str | None = None
    site_name: str | None = None
    published: str | None = None  # as written
    modified: str | None = None
    authors: list[str] = field(default_factory=list)
    article_body: str | None = None
    free: bool = True  # JSON-LD isAccessibleForFree
    language: str | None = None  # <html lang>
    captions: list[str] = field(default_factory=list)  # figcaptions, image alt texts, caption-like blocks


def document_from_html(html: str, source: str, url: str | None = None, settings: Settings | None = None) -> Document:
    """Extract the article of an HTML page into a :class:`Document` (see the module docstring).

    Raises :class:`InputError` when the page holds no article text, or too little of it.
    """
    import trafilatura

    settings = settings or Settings()
    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True,
        date_extraction_params={"original_date": True, "extensive_search": True, "max_date": MAX_DATE},
    )
    data = (extracted if isinstance(extracted, dict) else extracted.as_dict()) if extracted is not None else {}
    facts = page_facts(html)
    flags: list[str] = []
    text = _article_text((data.get("text") or "").strip(), facts, source, settings, flags)
    url = url or data.get("url")
    language = data.get("language") or facts.language or detect_language(text)
    reading = _page_date(facts, data.get("date"), html, url, settings, language)
    if reading.note:
        flags.append(reading.note)
    site = facts.publisher or _first_part(facts.site_name) or _first_part(data.get("sitename"))
    meta = {k: data[k] for k in ("hostname", "description") if data.get(k)}
    authors = facts.authors or ([data["author"]] if data.get("author") else [])
    if authors:
        meta["authors"] = "; ".join(authors)
    return Document(
        source=source,
        text=text,
        outlet=site or _domain(url),
        title=clean_title(data.get("title"), facts.headlines, [site, facts.site_name, data.get("sitename")]),
        url=url,
        published=reading.iso,
        language=language,
        meta=meta,
        flags=flags,
    )


def _article_text(text: str, facts: PageFacts, source: str, settings: Settings, flags: list[str]) -> str:
    """The article text, or an InputError saying why the page holds none worth reading."""
    words = len(text.split())
    limits = _words()
    body_words = len((facts.article_body or "").split())
    if words < limits["short_words"] and body_words >= max(limits["short_words"], 2 * words):
        flags.append(f"text from the page's JSON-LD articleBody: the visible page held only {words} words "
                     "(it may be rendered by JavaScript or behind a login)")
        return facts.article_body or ""
    if words < MIN_WORDS:
        if any(len(c.split()) >= MIN_WORDS for c in facts.captions):
            raise InputError(source, "no article text found in this HTML page, only a photo caption: the page "
                                     "may need a browser or a login")
        raise InputError(source, "no article text found in this HTML page")
    why = stub_reason(text, facts)
    if why is None:
        return text
    if settings.accept_short:
        flags.append(f"short page accepted (--accept-short): {why}")
        return text
    raise InputError(source, f"{why}; pass --accept-short to keep it")


def stub_reason(text: str, facts: PageFacts) -> str | None:
    """Why a page's extracted text is not an article (cookie wall, paywall, caption, too short), or None."""
    limits = _words()
    words = len(text.split())
    low = " ".join(text.lower().split())
    if words < limits["stub_words"]:
        if sum(1 for p in limits["cookie_phrases"] if _has_phrase(low, p)) >= 2:
            return f"only {words} words, a cookie or consent notice: the page may need a browser to accept it"
        if any(_has_phrase(low, p) for p in limits["paywall_phrases"]) or (not facts.free and
                                                                            words < limits["short_words"]):
            return f"only {words} words of article text, a paywall stub: the page may need a login"
    if words >= limits["short_words"]:
        return None
    if re.search(limits["caption_credit"], text, re.I) or any(_overlaps(low, c) for c in facts.captions):
        return f"only {words} words of article text, its photo caption: the page may need a browser or a login"
    return f"only {words} words of article text: the page may need a browser or a login"


def _has_phrase(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


def _overlaps(text: str, caption: str) -> bool:
    caption = " ".join(caption.lower().split())
    return len(caption.split()) >= 3 and (caption in text or text in caption)


def _page_date(facts: PageFacts, found: str | None, html: str, url: str | None, settings: Settings,
               language: str | None) -> DateReading:
    """The publication date: the page's own (over its modification date), else trafilatura's or
    htmldate's find, flagged as such."""
    if facts.published:
        reading = publication_date(facts.published, settings, language, url)
        if reading.iso or reading.note:
            return reading
    if found is None:
        from htmldate import find_date

        found = find_date(html, url=url, original_date=True, extensive_search=False, max_date=MAX_DATE)
    reading = publication_date(found, settings, language, url)
    if reading.iso is None:
        return reading
    modified = publication_date(facts.modified, settings, language, url).iso if facts.modified else None
    if modified == reading.iso:
        return DateReading(reading.iso, f"{WEAK_DATE_FLAGS[0]}: its last-modified date {reading.iso} is used "
                                        "instead")
    return DateReading(reading.iso, f"{WEAK_DATE_FLAGS[1]} in the page's text or address ({reading.iso}; the "
                                    "page's metadata gives none)")


def clean_title(title: str | None, headlines: list[str], site_names: list[str | None]) -> str | None:
    """The headline without the site's tagline.

    >>> clean_title("Six hurt in blast - Daily Star | News, Sport", ["Six hurt in blast"], [])
    'Six hurt in blast'
    >>> clean_title("Six hurt in blast | The Daily Star", [], ["The Daily Star"])
    'Six hurt in blast'
    """
    title = " ".join((title or "").split()) or None
    if title is None:
        return headlines[0] if headlines else None
    separators = _words()["title_separators"]
    for headline in headlines:
        if title != headline and title.startswith(headline) and \
                any(title[len(headline):].startswith(sep) for sep in separators):
            return headline
    names = {n.lower() for name in site_names if name for n in (name, _first_part(name) or "")}
    parts = re.split("(" + "|".join(re.escape(s) for s in separators) + ")", title)  # separators at odd places
    while len(parts) >= 3 and parts[-1].strip().lower() in names:
        parts = parts[:-2]
    return "".join(parts).strip()


def _first_part(name: str | None) -> str | None:
    """A site name without its own tagline: "KXYZ 9News | Harbor City News, Weather" -> "KXYZ 9News"."""
    if not name:
        return None
    name = " ".join(name.split())
    for sep in (" | ", " - ", " – ", " — ", " :: ", " · "):
        if sep in name:
            return name.split(sep, 1)[0].strip() or None
    return name


# ---------------------------------------------------------------- the page's markup


def page_facts(html: str) -> PageFacts:
    """Read a page's JSON-LD, meta tags, ``<h1>``, captions and language (no article text)."""
    from trafilatura import load_html

    facts = PageFacts()
    tree = load_html(html)
    if tree is None:
        return facts
    for obj in _json_ld_articles(tree):
        _from_json_ld(obj, facts)
    meta = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if key and el.get("content") and key not in meta:
            meta[key] = el.get("content").strip()
    og_title = meta.get("og:title")
    h1 = next((" ".join(el.text_content().split()) for el in tree.iter("h1")), None)
    facts.headlines += [h for h in (og_title, h1) if h and h not in facts.headlines]
    facts.site_name = meta.get("og:site_name") or meta.get("application-name")
    facts.published = facts.published or next((meta[k] for k in _PUBLISHED_META if meta.get(k)), None) or \
        next((el.get("datetime") for el in tree.iter("time") if el.get("pubdate") is not None and el.get("datetime")),
             None)
    facts.modified = facts.modified or next((meta[k] for k in _MODIFIED_META if meta.get(k)), None)
    if not facts.authors and meta.get("author"):
        facts.authors = [meta["author"]]
    root = tree.getroottree().getroot()
    facts.language = (root.get("lang") or "").strip() or None
    facts.captions = [" ".join(el.text_content().split()) for el in tree.iter("figcaption")]
    facts.captions += [el.get("alt") for el in tree.iter("img") if el.get("alt")]
    facts.captions += [" ".join(el.text_content().split()) for el in tree.xpath(
        "//*[contains(translate(@class,'CAPTION','caption'),'caption') or "
        "contains(translate(@class,'TITLE','title'),'image__title') or "
        "contains(translate(@class,'TITLE','title'),'image-title')]")]
    return facts


def _json_ld_articles(tree: Any) -> list[dict[str, Any]]:
    """The article objects of a page's JSON-LD blocks (inside ``@graph`` and lists too)."""
    found = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (json.JSONDecodeError, ValueError):
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kinds = item.get("@type")
                kinds = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
                if any(str(k).lower() in _ARTICLE_TYPES for k in kinds):
                    found.append(item)
                if "@graph" in item:
                    stack.append(item["@graph"])
    # an article type before a plain WebPage
    return sorted(found, key=lambda o: "webpage" in str(o.get("@type")).lower())


def _from_json_ld(obj: dict[str, Any], facts: PageFacts) -> None:
    headline = _text(obj.get("headline")) or _text(obj.get("name"))
    if headline and headline not in facts.headlines:
        facts.headlines.append(headline)
    publisher = obj.get("publisher")
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else None
    facts.publisher = facts.publisher or (_text(publisher.get("name")) if isinstance(publisher, dict)
                                          else _text(publisher))
    facts.published = facts.published or _text(obj.get("datePublished")) or _text(obj.get("dateCreated"))
    facts.modified = facts.modified or _text(obj.get("dateModified"))
    authors = obj.get("author")
    for author in authors if isinstance(authors, list) else [authors]:
        name = _text(author.get("name")) if isinstance(author, dict) else _text(author)
        if name and name not in facts.authors:
            facts.authors.append(name)
    body = _text(obj.get("articleBody"))
    if body and len(body) > len(facts.article_body or ""):
        facts.article_body = body
    if str(obj.get("isAccessibleForFree", "true")).strip().lower() == "false":
        facts.free = False


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = unescape(re.sub(r"<[^>]+>", " ", value)) if "<" in value or "&" in value else value
    value = re.sub(r"[ \t]+", " ", value).strip()
    return value or None

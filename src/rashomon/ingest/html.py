"""HTML pages: main text, title, site name and date through trafilatura and htmldate."""

from __future__ import annotations

from ..errors import InputError
from ..models import Document
from .meta import detect_language, normalize_date
from .text import _domain

# Reports may be dated after today (clock skew, fiction, embargoed copies): keep what the page says.
MAX_DATE = "2099-12-31"
# Fewer words than this is a navigation stub, not an article.
MIN_WORDS = 5


def document_from_html(html: str, source: str, url: str | None = None) -> Document:
    """Extract the article of an HTML page into a :class:`Document` (no hand-written scraping)."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True,
        date_extraction_params={"original_date": True, "extensive_search": True, "max_date": MAX_DATE},
    )
    if extracted is None:
        raise InputError(source, "no article text found in this HTML page")
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = (data.get("text") or "").strip()
    if len(text.split()) < MIN_WORDS:
        raise InputError(source, "no article text found in this HTML page")
    published = normalize_date(data.get("date"))
    if published is None:
        from htmldate import find_date

        published = normalize_date(find_date(html, url=url, original_date=True, extensive_search=False,
                                             max_date=MAX_DATE))
    language = data.get("language") or detect_language(text)
    return Document(
        source=source,
        text=text,
        outlet=data.get("sitename") or _domain(url or data.get("url")),
        title=data.get("title"),
        url=url or data.get("url"),
        published=published,
        language=language,
        meta={k: data[k] for k in ("author", "hostname", "description") if data.get(k)},
    )

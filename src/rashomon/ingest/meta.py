"""Metadata helpers shared by the readers: dates and language."""

from __future__ import annotations

import re
from datetime import date, datetime

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")


def normalize_date(value: str | date | datetime | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from what a header, record or page says; None when unsure.

    >>> normalize_date("7 March 2025"), normalize_date("2025-03-07T10:00:00Z"), normalize_date("soon")
    ('2025-03-07', '2025-03-07', None)
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    value = str(value).strip()
    if not value or value.lower() in {"unknown", "n/a", "none"}:
        return None
    if _ISO.match(value):
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    import dateparser

    parsed = dateparser.parse(value, languages=None, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["year"]})
    return parsed.date().isoformat() if parsed else None


_langid = None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), or None for too little text."""
    global _langid
    sample = text[:4000]
    if len(sample.split()) < 3:
        return None
    if _langid is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _langid = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    lang, prob = _langid.classify(sample)
    return lang if prob >= 0.5 else None

"""Metadata helpers shared by the readers: dates and language."""

from __future__ import annotations

from datetime import date, datetime

from ..config import Settings
from ..dates import DateReading, locale_order, read_date


def normalize_date(value: str | date | datetime | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from what a header, record or page says; None when unsure.

    >>> normalize_date("7 March 2025"), normalize_date("20250605T101500Z"), normalize_date("soon")
    ('2025-03-07', '2025-06-05', None)
    """
    return read_date(value).iso


def publication_date(value: str | date | datetime | None, settings: Settings, language: str | None,
                     url: str | None) -> DateReading:
    """A report's publication date: a numeric date read in ``settings.date_order``, else in the
    order of the outlet's locale (its address, its language), else left out as ambiguous; the
    reading's ``note`` is the flag to put on the document."""
    return read_date(value, order=settings.date_order or None, locale=locale_order(language, url))


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

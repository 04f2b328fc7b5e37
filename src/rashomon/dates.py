"""Dates: the one home for reading a date, from a metadata field or from a report's own words.

Two entry points share the same calendar facts (``data/dates.json``):

- :func:`read_date` reads what a header, record, feed or page gives as the publication date:
  ISO 8601 (``2025-06-05T10:15:00Z`` and the basic form ``20250605T101500Z`` of GDELT), RFC 2822
  (feeds), numeric dates whose day/month order is decided by an explicit order or the outlet's
  locale (and otherwise reported as ambiguous, never guessed), and written dates (dateparser).
- :func:`find_time_expressions` and :func:`resolve` read time expressions of a report's text
  ("since Thursday", "two days ago", "28 and 29 November 2020") as windows of days, resolved
  against the publication date. A weekday is the most recent such day on or before the
  publication date; "last Monday" said on a Monday is the Monday before; "next Monday" is after.
  Without a publication date only expressions that carry their year resolve.

Dates are ``datetime.date``; windows are ``(first, last)`` inclusive.

>>> read_date("20250605T101500Z").iso
'2025-06-05'
>>> [(t.text, t.first.isoformat(), t.last.isoformat()) for t in find_time_expressions(
...     "Forty were held on 28 and 29 November 2020.", None)]
[('on 28 and 29 November 2020', '2020-11-28', '2020-11-29')]
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import lru_cache
from importlib import resources
from typing import Any, Literal
from urllib.parse import urlsplit

DateOrder = Literal["DMY", "MDY", "YMD"]
DATE_ORDERS: tuple[str, ...] = ("DMY", "MDY", "YMD")
# A publication date outside these years is a misreading (a compact ISO date once came out as 1749).
FIRST_YEAR, LAST_YEAR = 1900, 2099
_UNKNOWN = {"", "unknown", "n/a", "na", "none", "null", "-"}


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    text = resources.files("rashomon").joinpath("data/dates.json").read_text(encoding="utf-8")
    return json.loads(text)


MONTHS: dict[str, int] = {k: v for k, v in _data()["months"].items() if not k.startswith("_")}
WEEKDAYS: list[str] = list(_data()["weekdays"])
NUMBER_WORDS: dict[str, int | None] = dict(_data()["number_words"])


# ------------------------------------------------------------------ metadata dates


@dataclass(frozen=True)
class DateReading:
    """A publication date read from metadata: ``iso`` (YYYY-MM-DD) or None, and ``note``, the flag
    to put on the document when a choice was made ("date order guessed: …") or the date was left
    out for a reason ("date … is ambiguous")."""

    iso: str | None
    note: str | None = None


@dataclass(frozen=True)
class LocaleOrder:
    """The numeric date order an outlet's locale implies, and why (for the flag)."""

    order: DateOrder
    why: str


_ISO_EXTENDED = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ]|\b)")
_ISO_BASIC = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})?(\d{2})?(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
_NUMERIC = re.compile(r"^(\d{1,4})([/.\-])(\d{1,2})\2(\d{2,4})(?:$|[T ,])")


def read_date(value: str | date | datetime | None, *, order: str | None = None,
              locale: LocaleOrder | None = None) -> DateReading:
    """Read a publication date from a metadata value.

    ``order`` ("DMY", "MDY" or "YMD", from ``--date-order``) decides a numeric date such as
    ``08/04/2022``; without it the outlet's ``locale`` decides (and the reading is flagged), and
    without either the date is left out with a note saying it is ambiguous.

    >>> read_date("08/04/2022").note
    "date '08/04/2022' is ambiguous (8 April or 4 August 2022): left undated; give --date-order DMY or MDY"
    >>> read_date("08/04/2022", order="DMY").iso, read_date("Sat, 23 Apr 2022 09:30:00 +0000").iso
    ('2022-04-08', '2022-04-23')
    """
    if value is None:
        return DateReading(None)
    if isinstance(value, datetime):
        return _checked(value.date(), str(value))
    if isinstance(value, date):
        return _checked(value, str(value))
    text = str(value).strip()
    if text.lower() in _UNKNOWN:
        return DateReading(None)
    for reader in (_iso_extended, _iso_basic):
        day = reader(text)
        if day is not None:
            return _checked(day, text)
    m = _NUMERIC.match(text)
    if m:
        return _numeric(text, m, order, locale)
    try:
        return _checked(parsedate_to_datetime(text).date(), text)
    except (TypeError, ValueError, IndexError):
        pass
    return _written(text)


def _checked(day: date | None, text: str) -> DateReading:
    if day is None:
        return DateReading(None, f"date '{text}' not understood: left undated")
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return DateReading(None, f"date '{text}' read as the year {day.year}, which cannot be right: left undated")
    return DateReading(day.isoformat())


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _iso_extended(text: str) -> date | None:
    m = _ISO_EXTENDED.match(text)
    return _make(int(m[1]), int(m[2]), int(m[3])) if m else None


def _iso_basic(text: str) -> date | None:
    m = _ISO_BASIC.match(text)
    return _make(int(m[1]), int(m[2]), int(m[3])) if m else None


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) > 2:
        return year
    # a two-digit year is in this century unless that would put it in the future
    return 2000 + year if 2000 + year <= date.today().year + 1 else 1900 + year


def _numeric(text: str, m: re.Match[str], order: str | None, locale: LocaleOrder | None) -> DateReading:
    first, second, third = m[1], m[3], m[4]
    if len(first) == 4:
        return _checked(_make(int(first), int(second), int(third)), text)
    year = _full_year(third)
    a, b = int(first), int(second)
    day_first, month_first = _make(year, b, a), _make(year, a, b)
    if day_first is None or month_first is None or a == b:
        return _checked(day_first or month_first, text)
    if order in ("DMY", "MDY"):
        return _checked(day_first if order == "DMY" else month_first, text)
    if locale is not None and locale.order in ("DMY", "MDY"):
        chosen = day_first if locale.order == "DMY" else month_first
        kind = "day-first" if locale.order == "DMY" else "month-first"
        reading = _checked(chosen, text)
        note = f"date order guessed: '{text}' read as {_spoken(chosen)} ({kind}, {locale.why}); " \
               "give --date-order to decide"
        return DateReading(reading.iso, note) if reading.iso else reading
    return DateReading(None, f"date '{text}' is ambiguous ({day_first.day} {day_first:%B} or {_spoken(month_first)}): "
                             "left undated; give --date-order DMY or MDY")


def _spoken(day: date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def _written(text: str) -> DateReading:
    import dateparser

    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["year"], "PREFER_DAY_OF_MONTH": "first"}
    parsed = dateparser.parse(text, languages=None, settings=settings)  # type: ignore[arg-type]
    return _checked(parsed.date() if parsed else None, text)


def locale_order(language: str | None, url: str | None) -> LocaleOrder | None:
    """The numeric date order of an outlet, from its web address's country ending or its language tag.

    >>> locale_order("en", "https://www.example.co.uk/news"), locale_order("en", "https://example.com")
    (LocaleOrder(order='DMY', why="the outlet's address ends in .uk"), None)
    >>> locale_order("es", None).order, locale_order("en-US", None).order
    ('DMY', 'MDY')
    """
    facts = _data()["locale"]
    host = (urlsplit(url).hostname or "") if url else ""
    ending = host.rsplit(".", 1)[-1].lower() if "." in host else ""
    if ending in facts["us_endings"]:
        return LocaleOrder("MDY", f"the outlet's address ends in .{ending}")
    if len(ending) == 2 and ending not in facts["generic_endings"]:
        return LocaleOrder(_country_order(ending), f"the outlet's address ends in .{ending}")
    tag = (language or "").replace("_", "-").lower()
    lang, _, region = tag.partition("-")
    if len(region) == 2:
        return LocaleOrder(_country_order(region), f"the report's language tag {language}")
    if not lang or lang == "en":
        return None  # English is written both ways: the address or the user must say
    if lang in facts["year_first_languages"]:
        return LocaleOrder("YMD", f"reports in '{lang}' write the year first")
    return LocaleOrder("DMY", f"reports in '{lang}' write the day first")


def _country_order(country: str) -> DateOrder:
    facts = _data()["locale"]
    if country in facts["month_first_countries"]:
        return "MDY"
    if country in facts["year_first_countries"]:
        return "YMD"
    return "DMY"


# ------------------------------------------------------------------ time expressions in text


@dataclass(frozen=True)
class TimeExpression:
    """A time expression of a text: its words, their character span and the window they mean."""

    text: str
    start: int
    end: int
    first: date
    last: date


_WD = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MON = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_MONG = "(" + _MON[3:-4] + r")\.?"  # the same, captured
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_LINK = r"(?:\s+(?:and|to|through|until|till)\s+|\s*[-–—]\s*)"  # the last join of a list of days
_YEAR = r"(?:,?\s+\d{4})?"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUM = r"(\d+|" + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True)) + ")"

# Most specific first: a span taken by one kind is not read again by a later one.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "November 28 and November 29", "March 3, 4 and 5, 2021", "30 March to 2 April", "28-29 November"
    ("days", re.compile(rf"\b(?:(?:on|between|from)\s+)?(?:the\s+)?"
                        rf"(?:{_MON}\s+{_DAY}(?:,\s*{_DAY})*{_LINK}(?:{_MON}\s+)?{_DAY}"
                        rf"|{_DAY}(?:\s+(?:of\s+)?{_MON})?(?:,\s*{_DAY}(?:\s+(?:of\s+)?{_MON})?)*{_LINK}{_DAY}"
                        rf"\s+(?:of\s+)?{_MON}){_YEAR}\b", re.I)),
    ("wd_range", re.compile(rf"\b(?:on|between|from)?\s*{_WD}\s+(?:and|to|through|until|-)\s+{_WD}\b", re.I)),
    ("since_wd", re.compile(rf"\b(since|from)\s+(last\s+)?{_WD}{_PART}\b", re.I)),
    ("since_date", re.compile(rf"\b(since|from)\s+(?:{_MONG}\s+(\d{{1,2}})|(\d{{1,2}})\s+{_MONG})(?:,?\s+(\d{{4}}))?\b",
                              re.I)),
    ("since_month", re.compile(rf"\b(since|from)\s+(?:early\s+|late\s+|mid-?)?{_MONG}(?:\s+(\d{{4}}))?\b(?!\s+\d)",
                               re.I)),
    ("in_month", re.compile(rf"\b(?:in|during|throughout)\s+(?:early\s+|late\s+|mid-?)?{_MONG}(?:\s+(\d{{4}}))?\b"
                            r"(?!\s+\d)", re.I)),
    ("past_n", re.compile(r"\b(?:in|over|during|within|for)?\s*the\s+(?:past|last|previous)\s+(\w+(?:-\w+)?)?\s*"
                          r"(days?|weeks?|hours?|nights?)\b", re.I)),
    ("ago", re.compile(rf"\b{_NUM}\s+(days?|weeks?|months?|years?)\s+ago\b", re.I)),
    ("before_yesterday", re.compile(r"\b(?:on\s+)?the\s+day\s+before\s+yesterday\b", re.I)),
    ("date", re.compile(rf"\b(?:on\s+)?(?:{_WD},?\s+)?(?:{_MONG}\s+(\d{{1,2}})(?:st|nd|rd|th)?"
                        rf"|(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONG})(?:,?\s+(\d{{4}}))?\b", re.I)),
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("numeric", re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")),
    ("today", re.compile(r"\b(?:earlier\s+|later\s+|so\s+far\s+)?"
                         r"(today|tonight|this\s+(?:morning|afternoon|evening))\b", re.I)),
    ("yesterday", re.compile(r"\b(yesterday(?:\s+(?:morning|afternoon|evening))?|last\s+night|overnight)\b", re.I)),
    ("this_week", re.compile(r"\b(this|last)\s+week(?:end)?\b", re.I)),
    ("weekend", re.compile(r"\b(?:over|during|at)\s+the\s+weekend\b", re.I)),
    ("last_wd", re.compile(rf"\b(?:on\s+)?last\s+{_WD}{_PART}\b", re.I)),
    ("next_wd", re.compile(rf"\b(?:on\s+)?(?:next|this\s+coming|coming)\s+{_WD}{_PART}\b", re.I)),
    ("wd", re.compile(rf"\b(?:on\s+|early\s+|late\s+)?{_WD}(?:'s|’s)?{_PART}\b", re.I)),
]

Window = tuple[date, date]


def find_time_expressions(text: str, published: str | None, order: str | None = None) -> list[TimeExpression]:
    """Every time expression of ``text`` that resolves, in text order, none overlapping another.

    ``published`` is the report's ISO publication date (None: only dates with a year resolve);
    ``order`` decides numeric dates ("DMY"/"MDY"; without it only unambiguous ones resolve).

    >>> [(t.text, str(t.first), str(t.last)) for t in find_time_expressions("Shelled since Thursday.", "2025-03-08")]
    [('since Thursday', '2025-03-06', '2025-03-08')]
    """
    pub = _parse_pub(published)
    taken: list[tuple[int, int]] = []
    found: list[TimeExpression] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            while s < e and text[s].isspace():
                s += 1
            if s == e or any(s < b and a < e for a, b in taken):
                continue
            window = _RESOLVERS[kind](m, pub, order)
            if window is None:
                continue
            taken.append((s, e))
            found.append(TimeExpression(text[s:e], s, e, window[0], window[1]))
    return sorted(found, key=lambda t: t.start)


def resolve(text: str, published: str | None, order: str | None = None) -> Window | None:
    """The (first, last) days the first resolvable time expression in ``text`` means, or None.

    >>> resolve("since Thursday", "2025-03-08")
    (datetime.date(2025, 3, 6), datetime.date(2025, 3, 8))
    """
    pub = _parse_pub(published)
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            window = _RESOLVERS[kind](m, pub, order)
            if window is not None:
                return window
    return None


def _parse_pub(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def last_weekday(pub: date, name: str) -> date:
    """The most recent day called ``name`` on or before ``pub``."""
    target = WEEKDAYS.index(name.lower())
    return pub - timedelta(days=(pub.weekday() - target) % 7)


def _month(word: str | None) -> int | None:
    """The month a capitalised month name means ("may" the verb is not May)."""
    if not word or not word[:1].isupper():
        return None
    return MONTHS.get(word.lower().rstrip("."))


def _calendar(day: int, month: int, year: int | None, pub: date | None) -> date | None:
    """A calendar day; without a year, the last such day not after the publication date (+1 day)."""
    if year is not None:
        return _make(year, month, day)
    if pub is None:
        return None
    d = _make(pub.year, month, day)
    if d is not None and d > pub + timedelta(days=1):
        d = _make(pub.year - 1, month, day)
    return d


def _days(m: re.Match[str], pub: date | None, _order: str | None) -> Window | None:
    """Coordinated days and day ranges: each day takes the month written nearest to it on the side
    the layout puts months ("November 28 and 29": before; "28 and 29 November": after)."""
    words = re.findall(r"\d+|[A-Za-z]+\.?", m.group(0))
    year = next((int(w) for w in words if len(w) == 4 and w.isdigit()), None)
    items: list[tuple[str, str]] = []
    for w in words:
        core = re.sub(r"(?:st|nd|rd|th)$", "", w) if w[:1].isdigit() else w
        if core.isdigit() and len(core) <= 2:
            items.append(("day", core))
        elif w.lower().rstrip(".") in MONTHS:
            if _month(w) is None:
                return None
            items.append(("month", w))
    month_first = items[0][0] == "month"
    days: list[tuple[int, int]] = []
    current: int | None = None
    for n, (kind, w) in enumerate(items):
        if kind == "month":
            current = _month(w)
            continue
        if month_first:
            month = current
        else:
            month = next((_month(v) for k, v in items[n + 1:] if k == "month"), None)
        if month is None:
            return None
        days.append((int(w), month))
    if len(days) < 2:
        return None
    (d1, m1), (d2, m2) = days[0], days[-1]
    last = _calendar(d2, m2, year, pub)
    if last is None:
        return None
    first = _make(last.year - (1 if m1 > m2 else 0), m1, d1)
    return (first, last) if first is not None and first <= last else None


def _wd_range(m: re.Match[str], pub: date | None, _order: str | None) -> Window | None:
    if pub is None:
        return None
    a, b = last_weekday(pub, m[1]), last_weekday(pub, m[2])
    return (a - timedelta(days=7), b) if a > b else (a, b)


def _since_wd(m: re.Match[str], pub: date | None, _order: str | None) -> Window | None:
    if pub is None:
        return None
    day = _before(pub, m[3]) if m[2] else last_weekday(pub, m[3])
    return day, pub


def _before(pub: date, weekday: str) -> date:
    """The most recent day called ``weekday`` strictly before ``pub`` ("last Monday" said on a Monday)."""
    return last_weekday(pub - timedelta(days=1), weekday)


def _since_date(m: re.Match[str], pub: date | None, _order: str | None) -> Window | None:
    month = _month(m[2] or m[5])
    if month is None or pub is None:
        return None
    d = _calendar(int(m[3] or m[4]), month, int(m[6]) if m[6] else None, pub)
    return (d, pub) if d is not None and d <= pub else None


def _month_window(m: re.Match[str], pub: date | None, since: bool) -> Window | None:
    g = m.groups()
    month_text, year_text = (g[1], g[2]) if since else (g[0], g[1])
    month = _month(month_text)
    if month is None:
        return None
    if year_text:
        year = int(year_text)
    elif pub is not None:
        year = pub.year if month <= pub.month else pub.year - 1
    else:
        return None
    first = date(year, month, 1)
    if since:
        return (first, pub) if pub is not None and pub >= first else None
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    if pub is not None and first <= pub < last:
        last = pub
    return first, last


def _count(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def _past_n(m: re.Match[str], pub: date | None, _order: str | None) -> Window | None:
    if pub is None:
        return None
    n = _count(m[1]) if m[1] else 1
    if n is None:
        return None
    unit = m[2].lower()
    if unit.startswith("hour"):
        return pub - timedelta(days=math.ceil(n / 24)), pub
    per = 7 if unit.startswith("week") else 1
    return pub - timedelta(days=max(0, n * per - 1)), pub


def _ago(m: re.Match[str], pub: date | None, _order: str | None) -> Window | None:
    n = _count(m[1])
    if pub is None or n is None:
        return None
    unit = m[2].lower()
    if unit.startswith("day"):
        day: date | None = pub - timedelta(days=n)
    elif unit.startswith("week"):
        day = pub - timedelta(weeks=n)
    else:
        months = n * (12 if unit.startswith("year") else 1)
        y, mo = divmod(pub.year * 12 + pub.month - 1 - months, 12)
        day = _make(y, mo + 1, min(pub.day, 28)) if pub.day > 28 else _make(y, mo + 1, pub.day)
    return (day, day) if day is not None else None


def _single_date(m: re.Match[str], pub: date | None, _order: str | None) -> Window | None:
    month = _month(m[2] or m[5])
    if month is None:
        return None
    d = _calendar(int(m[3] or m[4]), month, int(m[6]) if m[6] else None, pub)
    return (d, d) if d else None


def _iso(m: re.Match[str], _pub: date | None, _order: str | None) -> Window | None:
    d = _make(int(m[1]), int(m[2]), int(m[3]))
    return (d, d) if d else None


def _numeric_text(m: re.Match[str], _pub: date | None, order: str | None) -> Window | None:
    reading = _numeric(m.group(0), _NUMERIC.match(m.group(0)), order, None)  # type: ignore[arg-type]
    d = date.fromisoformat(reading.iso) if reading.iso else None
    return (d, d) if d else None


def _today(_m: re.Match[str], pub: date | None, _order: str | None) -> Window | None:
    return (pub, pub) if pub else None


def _yesterday(m: re.Match[str], pub: date | None, _order: str | None) -> Window | None:
    if pub is None:
        return None
    y = pub - timedelta(days=1)
    return (y, pub) if m[1].lower() == "overnight" else (y, y)


def _before_yesterday(_m: re.Match[str], pub: date | None, _order: str | None) -> Window | None:
    return (pub - timedelta(days=2),) * 2 if pub else None  # type: ignore[return-value]


def _this_week(m: re.Match[str], pub: date | None, _order: str | None) -> Window | None:
    if pub is None:
        return None
    monday = pub - timedelta(days=pub.weekday())
    if m.group(0).lower().endswith("weekend"):
        sat = last_weekday(pub, "saturday")
        if m[1].lower() == "last" and pub.weekday() >= 5:
            sat -= timedelta(days=7)
        return sat, min(sat + timedelta(days=1), pub)
    if m[1].lower() == "this":
        return monday, pub
    return monday - timedelta(days=7), monday - timedelta(days=1)


def _weekend(_m: re.Match[str], pub: date | None, _order: str | None) -> Window | None:
    if pub is None:
        return None
    sat = last_weekday(pub, "saturday")
    return sat, min(sat + timedelta(days=1), pub)


def _last_wd(m: re.Match[str], pub: date | None, _order: str | None) -> Window | None:
    return (_before(pub, m[1]),) * 2 if pub else None  # type: ignore[return-value]


def _next_wd(m: re.Match[str], pub: date | None, _order: str | None) -> Window | None:
    if pub is None:
        return None
    day = pub + timedelta(days=(WEEKDAYS.index(m[1].lower()) - pub.weekday() - 1) % 7 + 1)
    return day, day


def _wd(m: re.Match[str], pub: date | None, _order: str | None) -> Window | None:
    return (last_weekday(pub, m[1]),) * 2 if pub else None  # type: ignore[return-value]


_RESOLVERS: dict[str, Callable[[re.Match[str], date | None, str | None], Window | None]] = {
    "days": _days,
    "wd_range": _wd_range,
    "since_wd": _since_wd,
    "since_date": _since_date,
    "since_month": lambda m, pub, _o: _month_window(m, pub, since=True),
    "in_month": lambda m, pub, _o: _month_window(m, pub, since=False),
    "past_n": _past_n,
    "ago": _ago,
    "before_yesterday": _before_yesterday,
    "date": _single_date,
    "iso": _iso,
    "numeric": _numeric_text,
    "today": _today,
    "yesterday": _yesterday,
    "this_week": _this_week,
    "weekend": _weekend,
    "last_wd": _last_wd,
    "next_wd": _next_wd,
    "wd": _wd,
}

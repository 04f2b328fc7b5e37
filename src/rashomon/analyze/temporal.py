"""The time window a figure covers, resolved against the report's publication date.

Handles weekday names ("on Thursday", "since Thursday", "on Friday and Saturday", "Thursday's"),
"today"/"this morning"/"yesterday"/"last night", "in the past three days", "this week"/"last week",
"over the weekend" and calendar dates ("March 7", "7 March 2025"). A weekday is the most recent such
day on or before the publication date. Nothing is guessed: without a publication date only dates
that carry their year resolve.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

from spacy.tokens import Token

from .lexicon import FigureLexicon
from .syntax import Unit

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_WORDNUM = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a": 1,
    "twenty-four": 24,
    "forty-eight": 48,
    "seventy-two": 72,
    "several": None,
    "few": None,
}

_WD = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MON = (
    r"(january|february|march|april|may|june|july|august|september|sept|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\.?"
)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("wd_range", re.compile(rf"\b(?:on|between|from)?\s*{_WD}\s+(?:and|to|through|until|-)\s+{_WD}\b", re.I)),
    ("since_wd", re.compile(rf"\b(since|from)\s+(?:last\s+)?{_WD}(?:\s+(?:morning|afternoon|evening|night))?\b", re.I)),
    (
        "since_date",
        re.compile(rf"\b(since|from)\s+(?:{_MON}\s+(\d{{1,2}})|(\d{{1,2}})\s+{_MON})(?:,?\s+(\d{{4}}))?\b", re.I),
    ),
    (
        "since_month",
        re.compile(rf"\b(since|from)\s+(?:early\s+|late\s+|mid-?)?{_MON}(?:\s+(\d{{4}}))?\b(?!\s+\d)", re.I),
    ),
    (
        "in_month",
        re.compile(
            rf"\b(?:in|during|throughout)\s+(?:early\s+|late\s+|mid-?)?{_MON}(?:\s+(\d{{4}}))?\b(?!\s+\d)", re.I
        ),
    ),
    (
        "past_n",
        re.compile(
            r"\b(?:in|over|during|within|for)?\s*the\s+(?:past|last|previous)\s+(\w+(?:-\w+)?)?\s*(days?|weeks?|hours?|nights?)\b",
            re.I,
        ),
    ),
    (
        "date",
        re.compile(
            rf"\b(?:on\s+)?(?:{_WD},?\s+)?(?:{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?|(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON})(?:,?\s+(\d{{4}}))?\b",
            re.I,
        ),
    ),
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    (
        "today",
        re.compile(
            r"\b(?:earlier\s+|later\s+|so\s+far\s+)?(today|tonight|this\s+(?:morning|afternoon|evening))\b", re.I
        ),
    ),
    ("yesterday", re.compile(r"\b(yesterday(?:\s+(?:morning|afternoon|evening))?|last\s+night|overnight)\b", re.I)),
    ("this_week", re.compile(r"\b(this|last)\s+week(?:end)?\b", re.I)),
    ("weekend", re.compile(r"\b(?:over|during|at)\s+the\s+weekend\b", re.I)),
    (
        "wd",
        re.compile(
            rf"\b(?:on\s+|last\s+|early\s+|late\s+)?{_WD}(?:'s|’s)?(?:\s+(?:morning|afternoon|evening|night))?\b", re.I
        ),
    ),
]


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


def _calendar(day: int, month: int, year: int | None, pub: date | None) -> date | None:
    if year is None:
        if pub is None:
            return None
        year = pub.year
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        if d > pub + timedelta(days=1):
            d = d.replace(year=year - 1)
        return d
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve(text: str, published: str | None) -> tuple[date, date] | None:
    """The (start, end) dates a time expression means, or None when it cannot be resolved.

    >>> resolve("since Thursday", "2025-03-08")
    (datetime.date(2025, 3, 6), datetime.date(2025, 3, 8))
    """
    pub = _parse_pub(published)
    for kind, pat in _PATTERNS:
        m = pat.search(text)
        if not m:
            continue
        r = _resolve_match(kind, m, pub)
        if r is not None:
            return r
    return None


def _month_capitalised(m: re.Match[str]) -> bool:
    g = m.groups()
    month = g[1] or g[4] or ""
    return month[:1].isupper()


def _resolve_match(kind: str, m: re.Match[str], pub: date | None) -> tuple[date, date] | None:
    g = m.groups()
    if kind == "iso":
        try:
            d = date(int(g[0]), int(g[1]), int(g[2]))
        except ValueError:
            return None
        return d, d
    if kind in ("date", "since_date") and not _month_capitalised(m):
        return None
    if kind == "date":
        day = int(g[2] or g[3])
        mon = MONTHS.get((g[1] or g[4] or "").lower().rstrip("."))
        year = int(g[5]) if g[5] else None
        if mon is None:
            return None
        d = _calendar(day, mon, year, pub)
        return (d, d) if d else None
    if kind == "since_date":
        mon = MONTHS.get((g[1] or g[4] or "").lower().rstrip("."))
        day = int(g[2] or g[3])
        year = int(g[5]) if g[5] else None
        if mon is None:
            return None
        d = _calendar(day, mon, year, pub)
        if d is None or pub is None:
            return None
        return d, pub
    if kind in ("since_month", "in_month"):
        month_text = g[1] if kind == "since_month" else g[0]
        year_text = g[2] if kind == "since_month" else g[1]
        if not month_text or not month_text[:1].isupper():
            return None
        mon = MONTHS.get(month_text.lower().rstrip("."))
        if mon is None:
            return None
        if year_text:
            year = int(year_text)
        elif pub is not None:
            year = pub.year if mon <= pub.month else pub.year - 1
        else:
            return None
        first = date(year, mon, 1)
        if kind == "since_month":
            return (first, pub) if pub is not None and pub >= first else None
        last = date(year + (mon == 12), mon % 12 + 1, 1) - timedelta(days=1)
        if pub is not None and first <= pub < last:
            last = pub
        return first, last
    if pub is None:
        return None
    if kind == "wd_range":
        a, b = last_weekday(pub, g[0]), last_weekday(pub, g[1])
        if a > b:
            a -= timedelta(days=7)
        return a, b
    if kind == "since_wd":
        return last_weekday(pub, g[1]), pub
    if kind == "past_n":
        n_text = (g[0] or "").lower()
        unit = g[1].lower()
        n: float | None
        if not n_text:
            n = 1
        elif n_text.isdigit():
            n = int(n_text)
        else:
            n = _WORDNUM.get(n_text, None)
        if n is None:
            return None
        if unit.startswith("hour"):
            days = math.ceil(n / 24)
            return pub - timedelta(days=days), pub
        per = 7 if unit.startswith("week") else 1
        return pub - timedelta(days=max(0, n * per - 1)), pub
    if kind == "today":
        return pub, pub
    if kind == "yesterday":
        y = pub - timedelta(days=1)
        return (y, pub) if m.group(1).lower() == "overnight" else (y, y)
    if kind == "this_week":
        monday = pub - timedelta(days=pub.weekday())
        if m.group(0).lower().endswith("weekend"):
            sat = last_weekday(pub, "saturday")
            if m.group(1).lower() == "last" and pub.weekday() >= 5:
                sat -= timedelta(days=7)
            return sat, min(sat + timedelta(days=1), pub)
        if m.group(1).lower() == "this":
            return monday, pub
        return monday - timedelta(days=7), monday - timedelta(days=1)
    if kind == "weekend":
        sat = last_weekday(pub, "saturday")
        return sat, min(sat + timedelta(days=1), pub)
    if kind == "wd":
        wd = next(x for x in g if x)
        d = last_weekday(pub, wd)
        return d, d
    return None


_TIME_HEADS = (
    frozenset(WEEKDAYS)
    | frozenset(MONTHS)
    | {
        "today",
        "tonight",
        "yesterday",
        "morning",
        "afternoon",
        "evening",
        "night",
        "overnight",
        "week",
        "weekend",
        "days",
        "day",
        "hours",
        "weeks",
        "nights",
    }
)


def candidates(unit: Unit, lex: FigureLexicon | None = None) -> list[tuple[int, int]]:
    """Token spans (start, end) of time expressions in a unit: DATE/TIME entities and weekday words,
    widened to their preposition ("since", "on", "in the past")."""
    doc = unit.doc
    out: list[tuple[int, int]] = []
    i = unit.start
    while i < unit.end:
        t = doc[i]
        if (
            t.ent_type_ in ("DATE", "TIME")
            and t.ent_iob_ == "B"
            or (
                t.lower_ in _TIME_HEADS
                and t.ent_type_ not in ("DATE", "TIME")
                and t.lower_ in (*WEEKDAYS, "today", "tonight", "yesterday", "overnight")
            )
        ):
            j = i + 1
            if t.ent_type_ in ("DATE", "TIME"):
                while j < unit.end and doc[j].ent_iob_ == "I":
                    j += 1
            # "Friday and Saturday" may be two entities: join them
            while j + 1 < unit.end and doc[j].lower_ in ("and", "to", "through") and doc[j + 1].ent_type_ == "DATE":
                j += 2
                while j < unit.end and doc[j].ent_iob_ == "I":
                    j += 1
            s = i
            while s - 1 >= unit.start and doc[s - 1].lower_ in (
                "since",
                "on",
                "from",
                "in",
                "over",
                "during",
                "between",
                "until",
                "last",
                "early",
                "late",
            ):
                s -= 1
            out.append((s, j))
            i = j
        else:
            i += 1
    return out


def _hangs_from(t: Token, head: Token) -> bool:
    """True when ``t`` depends on ``head`` directly or through one preposition ("on Thursday")."""
    cur = t
    for _ in range(3):
        if cur.head.i == cur.i:
            return False
        if cur.head.i == head.i:
            return True
        if cur.head.pos_ not in ("ADP", "PROPN", "NOUN") and cur.head.dep_ not in ("prep", "compound", "npadvmod"):
            return False
        cur = cur.head
    return False


def time_for(
    anchor_tokens: set[int],
    clause_head: Token | None,
    unit: Unit,
    published: str | None,
    exclude: set[int] | None = None,
    direct_only: bool = False,
) -> dict | None:
    """The time window for a figure: a time expression inside its clause (the subtree of
    ``clause_head``), else None. Expressions inside ``exclude`` (the reporting clause) are ignored."""
    if clause_head is None:
        return None
    doc = unit.doc
    exclude = exclude or set()
    lo = clause_head.left_edge.i
    hi = clause_head.right_edge.i
    best = None
    for s, e in candidates(unit):
        core = [k for k in range(s, e) if doc[k].ent_type_ in ("DATE", "TIME") or doc[k].lower_ in _TIME_HEADS]
        if not core or not (lo <= core[0] <= hi):
            continue
        if any(k in exclude for k in core):
            continue
        if any(k in anchor_tokens for k in core):
            continue
        if direct_only and not _hangs_from(doc[core[0]], clause_head):
            continue
        text = doc[s:e].text
        r = resolve(text, published)
        if r is None:
            continue
        dist = min(abs(core[0] - a) for a in anchor_tokens) if anchor_tokens else 0
        if best is None or dist < best[0]:
            best = (dist, text, r, s, e)
    if best is None:
        return None
    _, text, (a, b), s, e = best
    return {"text": text, "start": a.isoformat(), "end": b.isoformat()}

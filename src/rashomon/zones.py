"""Document zones: which part of a news page each line of a report's text is (issue 17).

Real pages carry more than the report: a headline, a standfirst, a dateline ("KYIV, Ukraine (AP) —",
"MOSCOW, April 8. /TASS/."), a byline, photo captions and credits ("[Getty]", "(AP Photo/…)"),
subheadings ("What happened"), embedded posts, "read more" lines and timestamps ("date 2025-03-06").
:func:`find_zones` labels every non-blank line (and the dateline or timestamp that opens a
paragraph) with one of :data:`KINDS`, from the text alone, so it can run at ingest or as the first
analysis component. Claims, figures and attributions are taken from :data:`CONTENT` zones only;
captions keep their figures, marked with their zone.

All newsroom words (credit words, "read more" openers) come from ``rashomon/data/zones.json``; month
names and the reading of a dateline's date from :mod:`rashomon.dates`. The module reads text only (no
spaCy), so ingest uses it too (a report without a date takes its dateline's, flagged).

>>> [z.kind for z in find_zones("Hundreds flee valley\\n\\nKARVO, May 2 (Wire) - Some 300 people fled.")]
['headline', 'dateline', 'body']
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .dates import MONTHS, read_date

KINDS = (
    "headline", "standfirst", "dateline", "byline", "caption", "credit", "subheading", "embed", "readmore",
    "timestamp", "body",
)  # fmt: skip
#: zones whose sentences may hold claims, figures and attributions
CONTENT = frozenset({"body", "headline", "standfirst"})
#: zones whose numbers are read as figures (a headline restates the body's figures: not counted again)
FIGURE_ZONES = frozenset({"body", "standfirst", "caption"})
_CLOSING = ".!?:;\"”’')»"
_OPENINGS = frozenset({"dateline", "timestamp"})  # zones that open a paragraph of the report
_DASH = r"(?:[\u2014\u2013]|-{1,2})"


@dataclass(frozen=True)
class Zone:
    """One part of a report's text: ``kind`` (see :data:`KINDS`) over characters ``start``..``end``.

    A dateline also keeps its ``place`` ("Kyiv"), ``date`` (ISO ``YYYY-MM-DD`` when the year is
    written, else None), ``date_text`` as written ("April 8") and ``agency`` ("AP")."""

    kind: str
    start: int
    end: int
    place: str | None = None
    date: str | None = None
    date_text: str | None = None
    agency: str | None = None


@dataclass(frozen=True)
class _Words:
    byline_starts: tuple[str, ...]
    credit_starts: tuple[str, ...]
    credit_words: frozenset[str]
    read_more_starts: tuple[str, ...]
    embed_marks: tuple[str, ...]
    timestamp_starts: tuple[str, ...]
    subheading_max_words: int
    headline_max_words: int


@lru_cache(maxsize=1)
def _words() -> _Words:
    raw: dict[str, Any] = json.loads(
        resources.files("rashomon").joinpath("data", "zones.json").read_text(encoding="utf-8")
    )
    return _Words(
        byline_starts=tuple(w.lower() for w in raw["byline_starts"]),
        credit_starts=tuple(w.lower() for w in raw["credit_starts"]),
        credit_words=frozenset(w.lower() for w in raw["credit_words"]),
        read_more_starts=tuple(w.lower() for w in raw["read_more_starts"]),
        embed_marks=tuple(w.lower() for w in raw["embed_marks"]),
        timestamp_starts=tuple(w.lower() for w in raw["timestamp_starts"]),
        subheading_max_words=int(raw["subheading_max_words"]),
        headline_max_words=int(raw["headline_max_words"]),
    )


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    """The dateline and timestamp shapes, with the month names of the data file."""
    w = _words()
    month = "(?i:" + "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True)) + r")\.?"
    day_month = rf"(?:{month}\s+\d{{1,2}}|\d{{1,2}}\s+{month})"
    date = rf"{day_month}(?:,?\s+\d{{4}})?"
    agency = r"(?:\(\s*(?P<agency>[A-Za-z][\w .&'-]{0,24}?)\s*\)|/\s*(?P<agency2>[A-Za-z][\w .&'-]{0,24}?)\s*/\.?)"
    caps_place = r"(?P<place>[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,3})"
    ts = "|".join(re.escape(s) for s in w.timestamp_starts)
    return {
        # KYIV, Ukraine (AP) — / MOSCOW, April 8. /TASS/. / GAZA CITY, 12 May (Reuters) -
        "caps": re.compile(
            rf"^{caps_place}(?:,\s*(?P<region>[A-Z][\w'’. -]{{1,30}}?))??(?:,\s*(?P<date>{date}))?\.?\s*"
            rf"(?:{agency}\s*(?:{_DASH}\s*|\.?\s+|:\s*)|{_DASH}\s+(?=[A-Z\"“])|(?<=\d)\s*{_DASH}\s+)"
        ),
        # (Kyiv, February 21, 2023) –
        "bracketed": re.compile(rf"^\((?P<place>[A-Z][\w'’. -]{{1,40}}?),\s*(?P<date>{date})\)\s*{_DASH}\s*", re.I),
        # September 23, 2019 (KHARTOUM) –
        "date_first": re.compile(rf"^(?P<date>{date})\s*\((?P<place>[A-Z][\w'’. -]{{1,40}}?)\)\s*{_DASH}\s*", re.I),
        # Varnek – Local officials said ...  (first paragraph only)
        "mixed": re.compile(r"^(?P<place>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2})\s+[\u2014\u2013]\s+(?=[A-Z\"“])"),
        "timestamp_prefix": re.compile(
            rf"^(?:{ts})\s*:?\s+\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*", re.I
        ),
        "date_only": re.compile(
            rf"^(?:(?:{ts})\s*:?\s*)?(?:\w+day,?\s+)?(?:{date}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}})"
            r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\s*$",
            re.I,
        ),
    }


@dataclass
class _Line:
    start: int
    end: int
    text: str
    para_start: bool  # first line after a blank line (or of the text)
    para_end: bool  # last line before a blank line (or the end)


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    blank_before = True
    raw = text.split("\n")
    for k, line in enumerate(raw):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            nxt_blank = k + 1 >= len(raw) or not raw[k + 1].strip()
            out.append(_Line(pos + lead, pos + lead + len(stripped), stripped, blank_before, nxt_blank))
            blank_before = False
        else:
            blank_before = True
        pos += len(line) + 1
    return out


def find_zones(text: str, title: str | None = None) -> list[Zone]:
    """The zones of a report's text, in order; every non-blank line is covered by one or two zones (a
    paragraph opened by a dateline or timestamp gives that zone, then ``body``).

    ``title`` is the report's title from its metadata, when known: a first line that repeats it is the
    headline; another first line without closing punctuation is the standfirst.
    """
    lines = _lines(text)
    kinds = _line_kinds(lines, title)
    zones: list[Zone] = []
    first_body = True
    for line, kind in zip(lines, kinds, strict=True):
        if kind != "body" or not line.para_start:
            zones.append(Zone(kind, line.start, line.end))
            continue
        prefix = _opening(line, first_body)
        first_body = False
        if prefix is None:
            zones.append(Zone("body", line.start, line.end))
            continue
        zones.append(prefix)
        rest = len(text[prefix.end : line.end]) - len(text[prefix.end : line.end].lstrip())
        if prefix.end + rest < line.end:
            zones.append(Zone("body", prefix.end + rest, line.end))
    return zones


def _line_kinds(lines: list[_Line], title: str | None) -> list[str]:
    kinds = [_page_furniture(ln) or "body" for ln in lines]
    # a short line just before a credit line is that picture's caption
    for k in range(len(lines) - 1):
        joined = not lines[k].para_end or not _closed(lines[k].text)  # on the line just above, or a bare label
        if kinds[k] == "body" and kinds[k + 1] == "credit" and joined and _word_count(lines[k].text) <= 40:
            kinds[k] = "caption"
    _head_zones(lines, kinds, title)
    for k, ln in enumerate(lines):
        if kinds[k] == "body" and k > 0 and _subheading(ln, lines[k + 1] if k + 1 < len(lines) else None):
            kinds[k] = "subheading"
    return kinds


def _head_zones(lines: list[_Line], kinds: list[str], title: str | None) -> None:
    """Headline and standfirst: the first lines without closing punctuation, before the report."""
    w = _words()
    body = [k for k, kind in enumerate(kinds) if kind == "body"]
    if len(body) < 2:
        return
    first = body[0]
    line = lines[first].text
    if _closed(line) or _word_count(line) > w.headline_max_words:
        return
    if title is None or _same_title(line, title):
        kinds[first] = "headline"
        nxt = body[1]
        if len(body) > 2 and not _closed(lines[nxt].text) and _word_count(lines[nxt].text) <= 60:
            kinds[nxt] = "standfirst"
    else:
        kinds[first] = "standfirst"


def _same_title(line: str, title: str) -> bool:
    a, b = _norm(line), _norm(title)
    return bool(a) and (a == b or b.startswith(a) or a.startswith(b))


def _norm(s: str) -> str:
    return re.sub(r"[\W_]+", " ", s.lower()).strip()


def _closed(line: str) -> bool:
    return line[-1:] in _CLOSING


def _word_count(line: str) -> int:
    return len(line.split())


def _page_furniture(ln: _Line) -> str | None:
    """The kind of a line that is not the report's own text, or None."""
    w = _words()
    low = ln.text.lower()
    if any(m in low for m in w.embed_marks) or re.match(r"^[\u2014\u2013-]\s*.{1,60}\(@\w+\)", ln.text):
        return "embed"
    if _patterns()["date_only"].match(ln.text) or _patterns()["timestamp_prefix"].fullmatch(ln.text):
        return "timestamp"
    if _credit_only(ln.text):
        return "credit"
    if _starts_with(low, w.credit_starts) and (":" in ln.text[:30] or _credits_people(low, w.credit_starts)):
        return "caption" if _word_count(ln.text) > 4 and ":" in ln.text[:30] else "credit"
    if _credit_tail(ln.text):
        return "caption"
    if _word_count(ln.text) <= 8 and _starts_with(low, w.byline_starts) and _names_only(ln.text.split(None, 1)[-1]):
        return "byline"
    if _word_count(ln.text) <= 30 and _read_more(low):
        return "readmore"
    return None


def _credits_people(low: str, starts: tuple[str, ...]) -> bool:
    """ "Reporting by X; Editing by Y": a credit line naming who worked on the report."""
    return any(low.startswith(s) for s in starts if s.endswith(" by")) and _word_count(low) <= 20


def _starts_with(low: str, starts: tuple[str, ...]) -> bool:
    return any(low.startswith(s) and (len(low) == len(s) or not _word_char(low[len(s)])) for s in starts)


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "-'’"


def _read_more(low: str) -> bool:
    w = _words()
    for s in w.read_more_starts:
        if not low.startswith(s) or (len(low) > len(s) and _word_char(low[len(s)])):
            continue
        # a one-word opener ("Watch", "Share") only on a short line or before a colon
        if " " in s or s.endswith(":") or _word_count(low) <= 8 or low[len(s) : len(s) + 1] == ":":
            return True
    return False


def _names_only(rest: str) -> bool:
    """ "Jane Doe and Omar Haddad, Reuters": capitalised names joined by 'and' or commas."""
    words = [t for t in re.split(r"[\s,]+", rest) if t and t.lower() not in ("and", "&", "in")]
    return bool(words) and all(t[:1].isupper() or t.startswith("@") for t in words)


def _credit_text(inner: str) -> bool:
    w = _words()
    low = inner.lower().strip()
    if "/" in low or ":" in low:
        head = re.split(r"[/:]", low)[0].strip()
        return any(word in head.split() or head == word for word in w.credit_words) or head in w.credit_words
    return low in w.credit_words or any(low.startswith(c + " ") for c in ("photo", "image", "video", "picture"))


def _credit_only(text: str) -> bool:
    """ "(Video: Reuters)", "[Getty]", "AP Photo/Jane Doe": a line that only credits a picture."""
    m = re.fullmatch(r"[\(\[]\s*([^()\[\]]{1,80})\s*[\)\]]", text)
    if m:
        return _credit_text(m.group(1))
    return _word_count(text) <= 6 and "/" in text and _credit_text(text)


def _credit_tail(text: str) -> bool:
    """ "Rescuers search the rubble [Getty]", "… (AP Photo/Jane Doe)": a caption ending with its credit."""
    m = re.search(r"[\(\[]\s*([^()\[\]]{1,80})\s*[\)\]]\s*$", text)
    return bool(m) and m.start() > 0 and _credit_text(m.group(1))


def _subheading(ln: _Line, nxt: _Line | None) -> bool:
    """A short standalone line between paragraphs: "What happened", "Who fired the missile?"."""
    if nxt is None or _word_count(ln.text) > _words().subheading_max_words:
        return False
    if ln.text[:1] in "-–—•*·▪" or re.match(r"\d+[.)]\s", ln.text):
        return False  # a list item: the report's own words
    if not (ln.para_start and ln.para_end) and not (ln.para_start or nxt.para_start):
        return False
    last = ln.text[-1:]
    if last == "?":
        return True
    return last not in _CLOSING and last != ","


def _opening(ln: _Line, first_body: bool) -> Zone | None:
    """A dateline or timestamp that opens a paragraph, as its own zone."""
    p = _patterns()
    m = p["timestamp_prefix"].match(ln.text)
    if m and m.end() < len(ln.text):
        return Zone("timestamp", ln.start, ln.start + len(ln.text[: m.end()].rstrip()))
    for name in ("bracketed", "date_first", "caps", "mixed"):
        if name == "mixed" and not first_body:
            continue
        m = p[name].match(ln.text)
        if m is None or m.end() >= len(ln.text):
            continue
        if name == "caps" and not _caps_place(m.group("place")):
            continue
        groups = m.groupdict()
        date_text = groups.get("date")
        return Zone(
            "dateline",
            ln.start,
            ln.start + len(ln.text[: m.end()].rstrip()),
            place=_title_case(groups["place"]) if groups.get("place") else None,
            date=_iso(date_text) if date_text else None,
            date_text=date_text,
            agency=groups.get("agency") or groups.get("agency2"),
        )
    return None


def _caps_place(place: str) -> bool:
    """An all-capitals place name ("KYIV", "GAZA CITY"), not an acronym subject ("UN", "NATO said")."""
    letters = place.replace(" ", "").replace(".", "").replace("-", "")
    return len(letters) >= 3 and place.isupper()


def _title_case(place: str) -> str:
    return place if not place.isupper() else " ".join(w.capitalize() for w in place.split())


def _iso(date_text: str) -> str | None:
    """ "September 23, 2019" -> "2019-09-23"; None without a year ("April 8")."""
    if not re.search(r"\b\d{4}\b", date_text):
        return None
    return read_date(date_text).iso


def dateline(text: str) -> Zone | None:
    """The report's dateline (place, date, agency), if its text has one.

    >>> dateline("KHARTOUM, Sudan (AP) — Organizers said 60 were killed.").place
    'Khartoum'
    """
    return next((z for z in find_zones(text) if z.kind == "dateline"), None)


class ZoneIndex:
    """Looks up the zone of a character offset (the zones of one document, in order)."""

    def __init__(self, zones: list[Zone]) -> None:
        self.zones = zones
        self._starts = [z.start for z in zones]

    def kind_at(self, char: int) -> str:
        """The kind of the zone holding ``char`` (``body`` between zones)."""
        k = bisect_right(self._starts, char) - 1
        if k >= 0 and char < self.zones[k].end:
            return self.zones[k].kind
        return "body"

    def kind_of(self, start: int, end: int) -> str:
        """The kind of the stretch ``start``..``end`` (a sentence): that of its first zone, or of the zone
        after an opening dateline or timestamp ("KYIV (AP) — Officials said ...": body)."""
        k = bisect_right(self._starts, start) - 1
        if k < 0 or start >= self.zones[k].end:
            k += 1  # in the blank before a zone
        while k < len(self.zones) and self.zones[k].start < end:
            zone = self.zones[k]
            if zone.kind not in _OPENINGS or zone.end >= end:
                return zone.kind
            k += 1
        return "body"

    def content(self, start: int, end: int) -> bool:
        """True when the stretch ``start``..``end`` is in a zone claims and attributions may come from."""
        return self.kind_of(start, end) in CONTENT

    def opening_end(self, char: int) -> int | None:
        """The end of the dateline or timestamp holding ``char``, if ``char`` is in one."""
        k = bisect_right(self._starts, char) - 1
        if k >= 0 and self.zones[k].kind in _OPENINGS and char < self.zones[k].end:
            return self.zones[k].end
        return None


def doc_zones(doc: Any) -> ZoneIndex:
    """The zones of a parsed spaCy ``Doc``: those the ``rashomon_zones`` component set, else found now
    (from ``doc.text`` and ``doc.user_data["rashomon.title"]``)."""
    found = doc._.zones if doc.has_extension("zones") else None
    if found is None:
        found = ZoneIndex(find_zones(doc.text, doc.user_data.get("rashomon.title")))
    return found

"""How rashomon words things for its readers: counts in the right number, and what makes a dossier
fit to share: a neutral title, and file names instead of the paths of the analyst's machine.

The title is "N reports on <main place>, <date range>", never one outlet's headline: the main place
is the place below country level that most reports name (at least a third of them), else the
country most reports name; the dates are the reports' own publication dates, never guessed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import PurePath

from .model import Document, Place

#: a place below country level must be named by at least this share of the reports to title the dossier
MAIN_PLACE_SHARE = 1 / 3
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``count`` and the noun in the number it takes.

    >>> plural(1, "report"), plural(3, "near-copy", "near-copies"), plural(0, "input")
    ('1 report', '3 near-copies', '0 inputs')
    """
    return f"{count} {noun if count == 1 else plural_form or noun + 's'}"


QUALIFIER_WORDS = {
    "exact": "", "about": "about", "at_least": "at least", "more_than": "more than", "at_most": "at most",
    "less_than": "less than", "plural_of": "",
}
#: the base a vague plural is counted as, and the word that says it
PLURAL_WORDS = {12: "dozens", 20: "scores", 10: "tens", 100: "hundreds", 1000: "thousands"}


def stated_amount(value: float, qualifier: str) -> str:
    """A number as the report words it: ``at least 312``, ``hundreds``, ``1,383``.

    >>> stated_amount(100, "plural_of"), stated_amount(312, "at_least"), stated_amount(1383, "exact")
    ('hundreds', 'at least 312', '1,383')
    """
    number = f"{int(value):,}" if float(value).is_integer() else str(value)
    if qualifier == "plural_of":
        return PLURAL_WORDS.get(int(value), f"{number}s")
    return f"{QUALIFIER_WORDS.get(qualifier, '')} {number}".strip()


def is_local_path(source: str) -> bool:
    """A source that names a file on this machine (not a URL, not ``<stdin>``)."""
    return "://" not in source and not source.startswith("<")


def display_sources(sources: Iterable[str]) -> dict[str, str]:
    """Each source as a dossier shows it: URLs and ``<stdin>`` as given, a file path as its file name,
    with as many parent folders as it takes to tell two files of one name apart.

    >>> display_sources(["/home/ana/case/a/1.txt", "/home/ana/case/b/1.txt", "/tmp/r.html", "https://x.org/s"])
    {'/home/ana/case/a/1.txt': 'a/1.txt', '/home/ana/case/b/1.txt': 'b/1.txt', '/tmp/r.html': 'r.html', \
'https://x.org/s': 'https://x.org/s'}
    """
    sources = list(dict.fromkeys(sources))
    parts = {s: [p for p in PurePath(s).parts if p not in ("/", "\\") and not p.endswith((":\\", ":/"))]
             for s in sources if is_local_path(s)}
    depth = dict.fromkeys(parts, 1)
    while True:
        names: dict[str, list[str]] = defaultdict(list)
        for s, ps in parts.items():
            names["/".join(ps[-depth[s]:])].append(s)
        clashes = [group for group in names.values() if len(group) > 1]
        grown = False
        for group in clashes:
            for s in group:
                if depth[s] < len(parts[s]):
                    depth[s] += 1
                    grown = True
        if not grown:
            break
    return {s: "/".join(parts[s][-depth[s]:]) or s if s in parts else s for s in sources}


def date_range(dates: Iterable[str]) -> str | None:
    """The span of ISO dates in words: ``7–10 March 2025``, ``28 February – 3 March 2025``.

    >>> date_range(["2025-03-10", "2025-03-07"]), date_range(["2025-02-28", "2025-03-03"]), date_range([])
    ('7–10 March 2025', '28 February – 3 March 2025', None)
    """
    days = sorted({date.fromisoformat(d) for d in dates})
    if not days:
        return None
    first, last = days[0], days[-1]

    def words(d: date, year: bool = True, month: bool = True) -> str:
        return " ".join(p for p in (str(d.day), _MONTHS[d.month - 1] if month else "", str(d.year) if year else "")
                        if p)

    if first == last:
        return words(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{words(last)}"
    if first.year == last.year:
        return f"{words(first, year=False)} – {words(last)}"
    return f"{words(first)} – {words(last)}"


def main_place(places: Sequence[Place], reports: int) -> str | None:
    """The place a dossier is about: the place below country level that most reports name (with its
    country), if at least a third of them do; else the country most reports name; else None."""
    def named_by(place: Place) -> int:
        return len({m.doc_id for m in place.mentions})

    def best(candidates: list[Place]) -> Place | None:
        ranked = sorted(candidates, key=lambda p: (-named_by(p), -len(p.mentions), p.name))
        return ranked[0] if ranked else None

    # a place the gazetteer lacks counts too: it is kept only when the words say it is a place
    local = best([p for p in places if p.kind in ("city", "village", "region")])
    if local is not None and named_by(local) >= max(1, MAIN_PLACE_SHARE * reports):
        country = local.country_name
        return f"{local.name}, {country}" if country and country != local.name else local.name
    country_place = best([p for p in places if p.kind == "country"])
    return country_place.name if country_place else None


def neutral_title(documents: Sequence[Document], places: Sequence[Place]) -> str:
    """"N reports on <main place>, <date range>", leaving out what is not known.

    >>> from rashomon.model import Evidence, Span
    >>> docs = [Document("a.txt", "x", id="a", published="2025-03-07"), Document("b.txt", "y", id="b",
    ...                                                                         published="2025-03-09")]
    >>> place = Place("p1", "Ostrel", "city", (Evidence(Span("a", 0, 1), "x"), Evidence(Span("b", 0, 1), "y")),
    ...               country_name="Orsenia", resolved=True)
    >>> neutral_title(docs, [place])
    '2 reports on Ostrel, Orsenia, 7–9 March 2025'
    >>> neutral_title(docs[:1], [])
    '1 report, 7 March 2025'
    """
    words = plural(len(documents), "report")
    place = main_place(places, len(documents))
    if place:
        words += f" on {place}"
    span = date_range(d.published for d in documents if d.published)
    return f"{words}, {span}" if span else words

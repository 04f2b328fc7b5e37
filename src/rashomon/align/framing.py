"""The framing table: per outlet, the words it chooses for each side, its loaded terms, its hedging.

Which words an outlet uses for the same people ("remnants of the regime" or "local defence volunteers",
"security forces" or "regime militias") is its framing; researchers compare it outlet by outlet.
:func:`framing_table` lays it out from what the other stages found:

- ``sides``: for each side of the event, the labels this outlet uses for it, with counts;
- ``loaded_terms``: the words of ``lang/en/loaded_terms.json`` (regime, terrorist, occupier, remnants,
  volunteers ...) found in the outlet's labels for actors, with the side they were aimed at and whether
  the outlet said them itself or quoted someone;
- ``hedging_rate`` and ``attribution_rate``: the share of the outlet's figures it hedges ("reportedly",
  "allegedly") and the share it credits to a source. ``None`` when the outlet gave no figure.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from .. import lang
from ..model import (
    Actor,
    Evidence,
    FramedSide,
    LabelCount,
    LoadedTerm,
    OutletFraming,
    Upstream,
)
from .corpus import Corpus
from .identity import Identity
from .names import coordinated, tokens

__all__ = ["framing_table", "loaded_terms"]

#: how many examples of a loaded term each outlet's row keeps
EXAMPLES = 3


@lru_cache(maxsize=1)
def loaded_terms() -> tuple[dict[str, str], re.Pattern[str]]:
    """The loaded-terms lexicon: {term: category} and one regular expression that finds any of them."""
    raw = lang.read("loaded_terms")
    terms: dict[str, str] = {}
    for category, words in raw.items():
        if category.startswith("_"):
            continue
        for w in words:
            terms.setdefault(w.lower(), category)
    alternatives = sorted(terms, key=len, reverse=True)
    body = "|".join(_term_pattern(t) for t in alternatives)
    return terms, re.compile(r"(?<![\w-])(" + body + r")(?:s|es)?(?![\w])", re.I)


def _term_pattern(term: str) -> str:
    """A term's words, matching across a space or a hyphen ("self-defence", "self defence")."""
    out = []
    for part in re.split(r"([ -])", term):
        out.append({" ": r"[\s-]+", "-": r"[\s-]?"}.get(part, re.escape(part)))
    return "".join(out)


def _term_of(found: str, terms: dict[str, str]) -> str:
    key = re.sub(r"[\s-]+", " ", found.lower())
    for cand in (key, key.replace(" ", "-"), key.replace(" ", "")):
        if cand in terms:
            return cand
    return key


@dataclass
class _TermCount:
    count: int = 0
    quoted: int = 0
    sides: Counter[str] = field(default_factory=Counter)
    examples: list[Evidence] = field(default_factory=list)


@dataclass
class _Row:
    """One outlet's row while it is counted."""

    doc_ids: list[str] = field(default_factory=list)
    labels: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    terms: dict[str, _TermCount] = field(default_factory=dict)
    figures: int = 0
    hedged: int = 0
    attributed: int = 0
    upstream: Counter[str] = field(default_factory=Counter)


def framing_table(corpus: Corpus, actors: tuple[Actor, ...], identity: Identity) -> tuple[OutletFraming, ...]:
    """One row per outlet (``Document.display_name``), in the order the outlets first appear.

    Each row: the labels it uses for each side (``sides``), the loaded terms of its actor labels with the
    side they were aimed at and how often it quoted them (``loaded_terms``), the share of its figures it
    hedges and credits to a source (``hedging_rate``, ``attribution_rate``: None without figures), and the
    sources its figures and claims rest on (``upstream``, by source id of ``rashomon.align.identity``).
    """
    rows: dict[str, _Row] = {}
    for d in corpus.documents:
        rows.setdefault(d.display_name, _Row()).doc_ids.append(d.id)
    sides = [a for a in actors if a.kind == "side"]
    side_of_label: dict[tuple[str, str], str] = {}
    for a in sides:
        for lab in a.labels:
            if corpus.has(lab.span.doc_id):
                rows[corpus.outlet(lab.span.doc_id)].labels[a.id][lab.text] += lab.count
                side_of_label[(lab.span.doc_id, _norm(lab.text))] = a.id
    _count_coordinated(corpus, rows, sides)
    _count_terms(corpus, rows, side_of_label)
    _count_credits(corpus, rows, identity)
    return tuple(_framing(outlet, row, sides, identity) for outlet, row in rows.items())


def _count_coordinated(corpus: Corpus, rows: dict[str, _Row], sides: list[Actor]) -> None:
    """A label naming doers of two sides ("Ethiopian and Eritrean forces") is also the outlet's word for
    the side of each other doer: the side whose own labels carry that doer's distinctive words
    ("Eritrean"), when exactly one side does (case 25)."""
    by_word: dict[str, set[str]] = defaultdict(set)
    for a in sides:
        for lab in a.labels:
            if len(coordinated(lab.text)) == 1:
                for word in tokens(lab.text):
                    by_word[word].add(a.id)
    for a in sides:
        for lab in a.labels:
            parts = coordinated(lab.text)
            if len(parts) < 2 or not corpus.has(lab.span.doc_id):
                continue
            head = set(tokens(parts[-1])[-1:])
            for part in parts:
                words = [w for w in tokens(part) if w not in head]
                found = set.intersection(*(by_word.get(w, set()) for w in words)) if words else set()
                if len(found) == 1 and (other := found.pop()) != a.id:
                    rows[corpus.outlet(lab.span.doc_id)].labels[other][lab.text] += lab.count


def _count_terms(corpus: Corpus, rows: dict[str, _Row], side_of_label: dict[tuple[str, str], str]) -> None:
    terms, pattern = loaded_terms()
    for doc_id, ms in corpus.mentions.items():
        if not corpus.has(doc_id):
            continue
        row = rows[corpus.outlet(doc_id)]
        for m in ms:
            if m.coref_only:
                continue
            for hit in pattern.finditer(m.text):
                term = _term_of(hit.group(1), terms)
                entry = row.terms.setdefault(term, _TermCount())
                entry.count += 1
                entry.quoted += bool(m.quoted)
                side = side_of_label.get((doc_id, _norm(m.text)))
                if side:
                    entry.sides[side] += 1
                if len(entry.examples) < EXAMPLES:
                    entry.examples.append(Evidence(m.span, m.text))


def _count_credits(corpus: Corpus, rows: dict[str, _Row], identity: Identity) -> None:
    for f in corpus.figures:
        if not corpus.has(f.doc_id):
            continue
        row = rows[corpus.outlet(f.doc_id)]
        row.figures += 1
        row.hedged += bool(f.hedged)
        row.attributed += bool(f.attributed_to)
    for item in (*corpus.figures, *corpus.claims):
        if corpus.has(item.doc_id) and item.attributed_to:
            source = identity.source_id(item.doc_id, item.attributed_to[0], item.span.start)
            if source:
                rows[corpus.outlet(item.doc_id)].upstream[source] += 1


def _framing(outlet: str, row: _Row, sides: list[Actor], identity: Identity) -> OutletFraming:
    order = [a.id for a in sides]
    names = {a.id: a.name for a in sides}
    terms, _ = loaded_terms()
    framed = sorted((FramedSide(sid, names[sid], tuple(LabelCount(t, n) for t, n in
                                                       sorted(c.items(), key=lambda x: (-x[1], x[0]))))
                     for sid, c in row.labels.items()), key=lambda s: order.index(s.side))
    loaded = sorted((LoadedTerm(term=t, category=terms.get(t, "other"), count=e.count, quoted=e.quoted,
                                sides=dict(e.sides), examples=tuple(e.examples))
                     for t, e in row.terms.items()), key=lambda e: (-e.count, e.term))
    return OutletFraming(
        outlet=outlet, doc_ids=tuple(row.doc_ids), sides=tuple(framed), loaded_terms=tuple(loaded),
        figures=row.figures, hedged=row.hedged, attributed=row.attributed,
        hedging_rate=row.hedged / row.figures if row.figures else None,
        attribution_rate=row.attributed / row.figures if row.figures else None,
        upstream=tuple(Upstream(s, identity.name(s, s), n) for s, n in row.upstream.most_common()))


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower().replace("’", "'")))

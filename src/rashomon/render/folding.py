"""What the dossier page folds, collapses and limits, so it stays small and opens fast at any corpus size.

Three rules, the same in the file and in the web app:

- a near-copy (``Document.duplicate_of`` names a report of the page) is collapsed under the report it
  copies: one line "and 949 copies", its text shown plain and folded, its items marked in the original;
- a long list shows its first items and folds the rest (``<details>``), or in the web app pages them;
- the claims matrix keeps the claim groups and outlets that matter (:func:`limit_matrix`); the rest are
  in the JSON and CSV exports, and the page says how many are left out and where.

No function here compares items pairwise: every step is one pass over its list.

>>> fold([1, 2, 3, 4], 3)
Fold(shown=[1, 2, 3], rest=[4])
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from ..model import ClaimGroup, Document, Dossier
from .views import ClaimMatrix, Quote

T = TypeVar("T")

#: where the page says the rest of a limited list is
EXPORTS = {
    "claims": "dossier.json (claim_groups) and claims.csv (rashomon export --format claims)",
    "disputes": "dossier.json (disputes) and disputes.csv (rashomon export --format disputes)",
    "figures": "dossier.json (figures) and figures.csv (rashomon export --format csv)",
    "documents": "dossier.json (documents) and documents.csv (rashomon export --format csv)",
}


@dataclass(frozen=True)
class Limits:
    """How much of each long list the page shows before folding (the file) or paging (the web app) the rest."""

    matrix_rows: int = 40  # claim groups (and disputed questions) in the claims matrix
    matrix_outlets: int = 30  # outlet columns of the claims matrix
    quote_groups: int = 4  # quotes shown per position of a dispute
    chips: int = 12  # outlets named per position of a dispute
    row_reports: int = 6  # reports named per value of a figure table
    outlet_documents: int = 5  # reports named per outlet card
    chart_series: int = 8  # sources drawn in a toll chart
    other_figures: int = 200  # rows of the "other numbers" table


@dataclass(frozen=True)
class Fold(Generic[T]):
    """A list cut in two: what the page shows, and what it folds away."""

    shown: list[T]
    rest: list[T]

    @property
    def total(self) -> int:
        return len(self.shown) + len(self.rest)

    def __bool__(self) -> bool:
        return bool(self.shown or self.rest)


def fold(items: Iterable[T], shown: int) -> Fold[T]:
    """The first ``shown`` items, and the rest."""
    items = list(items)
    return Fold(items[:shown], items[shown:])


def copies_by_original(documents: Sequence[Document]) -> dict[str, list[Document]]:
    """The near-copies of each report, by the id of the report they copy; only copies whose original is among
    ``documents`` (a copy whose original is filtered out stands on its own)."""
    present = {d.id for d in documents}
    out: dict[str, list[Document]] = {}
    for doc in documents:
        if doc.duplicate_of and doc.duplicate_of in present:
            out.setdefault(doc.duplicate_of, []).append(doc)
    return out


def collapsed_ids(documents: Sequence[Document]) -> frozenset[str]:
    """The ids of the reports collapsed under the report they copy."""
    return frozenset(c.id for copies in copies_by_original(documents).values() for c in copies)


@dataclass(frozen=True)
class QuoteGroup:
    """The same words in several reports: shown once, from an original when one says them, with the others
    (``copies`` of them near-copies, counted apart: they add no independent voice)."""

    quote: Quote
    also: list[Quote]
    copies: int = 0


def group_quotes(quotes: Iterable[Quote], collapsed: frozenset[str]) -> list[QuoteGroup]:
    """Quotes with the same words (case and spacing aside) as one group each, in the order first said; an
    original's words stand for the group before a copy's."""
    groups: dict[str, list[Quote]] = {}
    for q in quotes:
        groups.setdefault(" ".join(q.quote.casefold().split()), []).append(q)
    out = []
    for members in groups.values():
        first = next((q for q in members if q.doc_id not in collapsed), members[0])
        also = [q for q in members if q is not first]
        out.append(QuoteGroup(first, also, sum(1 for q in also if q.doc_id in collapsed)))
    return out


def split_reports(entries: Sequence[T], doc_id: str, collapsed: frozenset[str], shown: int) -> tuple[Fold[T], int]:
    """Entries naming reports (dicts or records with a ``doc_id``), originals first: the fold and how many of
    the entries are near-copies."""
    def key(e: T) -> str:
        return str(e[doc_id] if isinstance(e, dict) else getattr(e, doc_id))  # type: ignore[index]

    originals = [e for e in entries if key(e) not in collapsed]
    copies = [e for e in entries if key(e) in collapsed]
    return fold(originals + copies, shown), len(copies)


# -- the claims matrix ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LimitedMatrix:
    """A claims matrix cut to the rows and outlets that matter, and how many of each it leaves out."""

    matrix: ClaimMatrix
    rows_left_out: int
    outlets_left_out: int
    exports: str

    def __getattr__(self, name: str) -> object:  # outlets, rows, derived_from
        return getattr(self.matrix, name)


@dataclass(frozen=True)
class TopGroups:
    kept: tuple[ClaimGroup, ...]
    left_out: int


def group_weight(group: ClaimGroup, names: dict[str, str]) -> tuple[bool, int, int]:
    """Why a claim group matters: outlets disagree on it (more than one stance), then how many outlets take
    it, then how many independent origins."""
    outlets = {names[d] for d in group.stance if d in names}
    return len(set(group.stance.values())) > 1, len(outlets), group.independent_origins


def top_claim_groups(dossier: Dossier, rows: int) -> TopGroups:
    """The ``rows`` claim groups that matter most (:func:`group_weight`), in the dossier's order."""
    names = dossier.outlet_names()
    groups = dossier.claim_groups
    weights = [group_weight(g, names) for g in groups]
    ranked = sorted(range(len(groups)), key=lambda i: (not weights[i][0], -weights[i][1], -weights[i][2], i))
    kept = sorted(ranked[:rows])
    return TopGroups(tuple(groups[i] for i in kept), len(groups) - len(kept))


def limit_matrix(matrix: ClaimMatrix, rows: int, outlets: int, left_out: int = 0) -> LimitedMatrix:
    """The first ``rows`` rows (``left_out`` more were left out before) and the ``outlets`` outlets with the
    most marks in them, in the matrix's own order."""
    kept_rows = matrix.rows[:rows]
    marks = Counter(outlet for row in kept_rows for outlet in row.cells)
    order = {o: n for n, o in enumerate(matrix.outlets)}
    busiest = sorted(matrix.outlets, key=lambda o: (-marks[o], order[o]))[:outlets]
    kept_outlets = sorted(busiest, key=order.__getitem__)
    return LimitedMatrix(replace(matrix, rows=kept_rows, outlets=kept_outlets),
                         left_out + len(matrix.rows) - len(kept_rows), len(matrix.outlets) - len(kept_outlets),
                         EXPORTS[matrix.derived_from])


def silence(dossier: Dossier) -> dict[str, tuple[dict[str, int], int]]:
    """Per kind of row ("claims": the claim groups, "disputes": the disputed questions): on how many rows
    each outlet says nothing, and how many rows there are. One pass over the rows, whatever the outlets;
    a claim group's reports are the keys of its ``stance``."""
    names = dossier.outlet_names()
    outlets = set(names.values())
    rows = {"claims": [{names[d] for d in g.stance if d in names} for g in dossier.claim_groups],
            "disputes": [{names[e.doc_id] for p in d.positions for e in p.evidence if e.doc_id in names}
                         for d in dossier.disputes]}
    out = {}
    for kind, taken in rows.items():
        present = Counter(o for row in taken for o in row)
        out[kind] = ({o: len(taken) - present[o] for o in outlets}, len(taken))
    return out


def reading_order(dossier: Dossier) -> list[Document]:
    """The reports shown with their text: every report except the near-copies collapsed under another."""
    collapsed = collapsed_ids(dossier.documents)
    return [d for d in dossier.documents if d.id not in collapsed]

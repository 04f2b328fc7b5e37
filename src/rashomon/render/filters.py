"""Narrowing a dossier to one outlet, one figure category, one dispute kind, or the words of a search.

What to keep is a :class:`Selection` of ids. The web app asks the store for it in SQL
(``rashomon.store.Store`` ``doc_ids``, ``figure_ids``, ``dispute_ids``, ``claim_ids``); a dossier read
from an exported JSON file is asked the same questions by :func:`select` here. :func:`narrow` then keeps
what the selection names.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from ..align.counts import estimates
from ..model import Count, Dossier
from ..store import words_around
from .views import _order


@dataclass(frozen=True)
class Selection:
    """The ids to keep; ``None`` keeps everything of that section."""

    doc_ids: frozenset[str] | None = None
    figure_ids: frozenset[str] | None = None
    dispute_ids: frozenset[str] | None = None
    claim_ids: frozenset[str] | None = None
    category: str | None = None


def select(dossier: Dossier, *, outlet: str | None = None, category: str | None = None, kind: str | None = None,
           query: str | None = None) -> Selection:
    """What to keep of a dossier held in memory (the same questions the store answers in SQL)."""
    docs = frozenset(d.id for d in dossier.documents if d.display_name == outlet) if outlet else None
    figures = frozenset(f.id for f in dossier.figures if f.category == category and (docs is None or f.doc_id in docs)
                        ) if category else None
    disputes = None
    claims = None
    if kind or query or docs is not None:
        needle = (query or "").casefold()
        disputes = frozenset(d.id for d in dossier.disputes if (not kind or d.kind == kind) and (
            not needle or needle in d.question.casefold()
            or any(needle in p.label.casefold() for p in d.positions)  # a value the question leaves unnamed
            or any(needle in e.text.casefold() for p in d.positions for e in p.evidence)) and (
            docs is None or d.doc_ids & docs))
    if query or docs is not None:
        needle = (query or "").casefold()
        claims = frozenset(c.id for c in dossier.claims if (not needle or needle in c.text.casefold())
                           and (docs is None or c.doc_id in docs))
    return Selection(docs, figures, disputes, claims, category)


def find_reports(dossier: Dossier, query: str, limit: int = 50) -> list[tuple[str, str]]:
    """(report id, the words around the match) of the reports whose title or text holds every word of
    ``query`` (case aside): the store's full-text search, asked of a dossier held in memory."""
    words = [w.lower() for w in re.findall(r"\w+", query)]
    if not words:
        return []
    found = [(d.id, words_around(d.text, words[0])) for d in dossier.documents
             if all(w in f"{d.title or ''} {d.text}".lower() for w in words)]
    return found[:limit]


def narrow(dossier: Dossier, selection: Selection) -> Dossier:
    """The dossier with only what ``selection`` keeps: an outlet's reports keep only their own words in every
    section, their counts reconciled anew from their own values; a search keeps the claim groups and
    disputes whose words hold it."""
    out = dossier
    docs = selection.doc_ids
    if docs is not None:
        out = _within(out, docs)
    if selection.figure_ids is not None:
        kept = selection.figure_ids
        out = replace(out, figures=tuple(f for f in out.figures if f.id in kept),
                      figure_bands=tuple(b for b in out.figure_bands if b.category == selection.category),
                      counts=tuple(c for c in out.counts if set(c.figure_ids) & kept
                                   and selection.category in (None, c.category)))
    if selection.dispute_ids is not None:
        out = replace(out, disputes=tuple(d for d in out.disputes if d.id in selection.dispute_ids))
    if selection.claim_ids is not None:
        kept = selection.claim_ids
        out = replace(out, claim_groups=tuple(g for g in out.claim_groups if set(g.claims) & kept))
    return out


def _within(dossier: Dossier, docs: frozenset[str]) -> Dossier:
    """Every section narrowed to the words of the given reports."""
    disputes = []
    for d in dossier.disputes:
        positions = tuple(replace(p, evidence=tuple(e for e in p.evidence if e.doc_id in docs)) for p in d.positions)
        if any(p.evidence for p in positions):
            disputes.append(replace(d, positions=positions))
    actors = tuple(a for a in (replace(a, labels=tuple(lab for lab in a.labels if lab.span.doc_id in docs))
                               for a in dossier.actors) if a.labels)
    outlets = {d.display_name for d in dossier.documents if d.id in docs}
    return replace(
        dossier, documents=tuple(d for d in dossier.documents if d.id in docs),
        figures=tuple(f for f in dossier.figures if f.doc_id in docs), counts=_counts_within(dossier, docs),
        figure_bands=(),  # the summary before counts: a narrowed dossier shows counts only
        claims=tuple(c for c in dossier.claims if c.doc_id in docs), disputes=tuple(disputes), actors=actors,
        framing=tuple(f for f in dossier.framing if f.outlet in outlets),
        timeline=tuple(t for t in dossier.timeline if t.doc_id in docs),
        places=tuple(p for p in (replace(p, mentions=tuple(m for m in p.mentions if m.doc_id in docs))
                                 for p in dossier.places) if p.mentions))


def _counts_within(dossier: Dossier, docs: frozenset[str]) -> tuple[Count, ...]:
    """The counts as the given reports alone give them: each value keeps its figures in those reports, and
    low, best and high are reconciled again by the rule of :func:`rashomon.align.counts.estimates`."""
    doc_of = {f.id: f.doc_id for f in dossier.figures}
    names = dossier.outlet_names()
    out = []
    for count in dossier.counts:
        values = []
        for v in count.values:
            kept = tuple(f for f in v.figures if doc_of.get(f) in docs)
            if kept:
                dates = [p for f in kept if (d := dossier.document(doc_of[f])) and (p := d.published)]
                values.append(replace(v, figures=kept, outlets=tuple(dict.fromkeys(names[doc_of[f]] for f in kept)),
                                      published=max(dates) if dates else None))
        if not values:
            continue
        # each source's reach is the independent reports behind it among those kept (copies counted once)
        origins = {(v.source_id or v.source, _origin(dossier, doc_of[f])) for v in values for f in v.figures}
        low, best, high = estimates(tuple(values), Counter(who for who, _ in origins))
        out.append(replace(
            count, values=tuple(values), low=low, best=best, high=high,
            trajectories=tuple(t for t in count.trajectories if all(s.doc_id in docs for s in t.steps)),
            independent_origins=len({v.source_id or _origin(dossier, doc_of[f]) for v in values for f in v.figures})))
    return tuple(out)


def _origin(dossier: Dossier, doc_id: str) -> str:
    doc = dossier.document(doc_id)
    return doc.origin_id if doc else doc_id


def choices(dossier: Dossier) -> dict[str, list[str]]:
    """The values each filter can take in this dossier."""
    return {
        "outlet": sorted({d.display_name for d in dossier.documents}),
        "category": sorted({f.category for f in dossier.figures}, key=lambda c: _order("killed", c)),
        "kind": sorted({d.kind for d in dossier.disputes}),
    }

"""The brief at the top of a dossier: what the reports agree on, what they dispute and who answers what,
and the headline counts as low–best–high with who says each. At most :data:`LINES` lines.

Agreement needs several independent voices: reports crediting one source, and near-copies of one
report, are one voice (the same rule as ``ClaimGroup.independent_origins``). A claim one report denies
or that a dispute weighs is not an agreement. Counts come from ``Dossier.counts`` when the dossier has
them (low/best/high reconciled by ``rashomon.align.counts``), else from the figure bands (lowest and
highest reported, no best).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import BandReport, CountValue, Dossier, Figure, FigureBand, Voice
from . import views

#: most lines of each part of the brief, and of the whole; most answers shown under a disputed question
AGREED, DISPUTED, COUNTS, LINES = 3, 3, 2, 8
ANSWERS = 4


@dataclass(frozen=True)
class Agreement:
    """A claim or a figure several independent voices give: ``voices`` counts them, ``outlets`` the
    outlets carrying it; ``doc_id``/``anchor`` the words of one of them."""

    text: str
    voices: int
    outlets: int
    who: str
    doc_id: str | None
    anchor: str


@dataclass(frozen=True)
class Answer:
    """One answer to a disputed question and who gives it ("SOHR via 4 outlets; Outlet B")."""

    label: str
    who: str


@dataclass(frozen=True)
class DisputeLine:
    """A disputed question with its answers given by the most voices (at most :data:`ANSWERS`, in the
    dispute's order); ``more_answers`` the answers left to the dispute itself."""

    question: str
    anchor: str
    answers: tuple[Answer, ...]
    more_answers: int = 0


@dataclass(frozen=True)
class Estimate:
    """A low, best or high value as shown ("at least 50") and who says it."""

    value: str
    who: str


@dataclass(frozen=True)
class HeadlineCount:
    """A headline toll (persons killed or displaced, an event total): its estimates and its table's anchor."""

    label: str
    low: Estimate | None
    best: Estimate | None
    high: Estimate | None
    anchor: str


@dataclass(frozen=True)
class Brief:
    agreed: tuple[Agreement, ...]
    disputes: tuple[DisputeLine, ...]
    counts: tuple[HeadlineCount, ...]
    disputes_total: int

    def __bool__(self) -> bool:
        return bool(self.agreed or self.disputes or self.counts)


def who_says(voices: Iterable[Voice], shown: int = 3) -> str:
    """Voices grouped by source, most-carried first: "SOHR via 4 outlets; the ministry via SANA; Outlet C".

    >>> who_says([Voice("A", "SOHR"), Voice("B", "SOHR"), Voice("C", "Ministry"), Voice("D")])
    'SOHR via 2 outlets; Ministry via C; D'
    """
    carriers: dict[str, list[str]] = defaultdict(list)
    own: list[str] = []
    for v in voices:
        if v.source:
            if v.outlet not in carriers[v.source]:
                carriers[v.source].append(v.outlet)
        elif v.outlet not in own:
            own.append(v.outlet)
    parts = [f"{s} via {o[0] if len(o) == 1 else f'{len(o)} outlets'}"
             for s, o in sorted(carriers.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    parts += [o for o in own if not any(o in outs for outs in carriers.values())]
    more = len(parts) - shown
    return "; ".join(parts[:shown]) + (f" and {more} more" if more > 0 else "")


def _origin(dossier: Dossier, doc_id: str) -> str:
    doc = dossier.document(doc_id)
    return (doc.duplicate_of or doc_id) if doc else doc_id


def _agreed_claims(dossier: Dossier, disputed: set[str]) -> list[Agreement]:
    claims = {c.id: c for c in dossier.claims}
    names = views.outlet_names(dossier)
    out = []
    for g in dossier.claim_groups:
        members = [claims[c] for c in g.claims if c in claims]
        if g.independent_origins < 2 or not members or "denies" in g.stance.values() \
                or any(c.id in disputed for c in members):
            continue
        first = members[0]
        out.append(Agreement(g.label, g.independent_origins, len(set(g.outlets) or {c.doc_id for c in members}),
                             who_says(Voice(names.get(c.doc_id, c.doc_id), (c.attributed_to or (None,))[0])
                                      for c in members),
                             first.doc_id, views.claim_anchor(first.id)))
    return out


def _agreed_figures(dossier: Dossier) -> list[Agreement]:
    """On a dossier made before counts existed: a value of a band several independent voices give: its
    credited source, else the report's original; a mirror outlet is no voice."""
    mirrors = {o.name for o in dossier.outlets if not o.independent}
    out = []
    for band in dossier.figure_bands:
        by_value: dict[tuple[float, str], list[BandReport]] = defaultdict(list)
        for r in band.reports:
            by_value[(r.value, r.qualifier)].append(r)
        for reports in by_value.values():
            origins = {r.source_ids[0] if r.source_ids else _origin(dossier, r.doc_id)
                       for r in reports if r.outlet not in mirrors}
            if len(origins) < 2:
                continue
            text = f"{views.stated_value(reports[0])} {band.category.replace('_', ' ')} {band.event}"
            out.append(Agreement(text, len(origins), len({r.outlet for r in reports}),
                                 who_says(Voice(r.outlet, (r.attributed_to or (None,))[0]) for r in reports),
                                 reports[0].doc_id, reports[0].figure_id))
    return out


def _agreed_counts(dossier: Dossier) -> list[Agreement]:
    """A value of a count (``rashomon.align.counts``; never a background one) several independent voices
    give: a named source once however many outlets carry it, else each report's original; a mirror outlet
    is no voice."""
    mirrors = {o.name for o in dossier.outlets if not o.independent}
    figures = {f.id: f for f in dossier.figures}
    names = views.outlet_names(dossier)
    out = []
    for count in dossier.counts:
        if count.extent == "background":
            continue
        by_value: dict[tuple[float, str], list[tuple[CountValue, Figure]]] = defaultdict(list)
        for v in count.values:
            by_value[(v.value, v.qualifier)] += [(v, figures[f]) for f in v.figures if f in figures]
        for said in by_value.values():
            origins = {v.source_id or _origin(dossier, f.doc_id) for v, f in said if names[f.doc_id] not in mirrors}
            if len(origins) < 2:
                continue
            first = said[0][1]
            victims = count.unit or count.category.replace("_", " ")
            text = f"{views.stated_value(first)} {(count.group + ' ') if count.group else ''}{victims} {count.event}"
            out.append(Agreement(text, len(origins), len({names[f.doc_id] for _, f in said}),
                                 who_says(Voice(names[f.doc_id], (f.attributed_to or (None,))[0]) for _, f in said),
                                 first.doc_id, first.id))
    return out


def _dispute_lines(dossier: Dossier) -> list[DisputeLine]:
    ranked = sorted(dossier.disputes, key=lambda d: (-len({e.doc_id for p in d.positions for e in p.evidence}),
                                                       -d.strength, d.id))
    lines = []
    for d in ranked:
        voiced = sorted(range(len(d.positions)), key=lambda n: (-len(d.positions[n].voices or d.positions[n].evidence),
                                                                n))[:ANSWERS]
        # a numeric question and its answers name each value's sources ("How many …: 11 (A) or 13 (B)?",
        # "11 (A)"): the brief says the value, and who gives it once, after it
        numeric = d.kind == "numeric"
        answers = tuple(Answer(p.label.split(" (", 1)[0] if numeric else p.label,
                               who_says(p.voices or [Voice(e.doc_id) for e in p.evidence]))
                        for n, p in enumerate(d.positions) if n in voiced)
        question = d.question.split(": ", 1)[0] + "?" if numeric and ": " in d.question else d.question
        lines.append(DisputeLine(question, views.html_id("dispute", d.id), answers, len(d.positions) - len(answers)))
    return lines


def _band_counts(dossier: Dossier) -> list[HeadlineCount]:
    """Today's bands: lowest and highest reported, each with who gives it; no best estimate."""
    def estimate(band: FigureBand, value: float) -> Estimate:
        giving = [r for r in band.reports if r.value == value]
        return Estimate(views.stated_value(giving[0]) if giving else views.format_number(value),
                        who_says(Voice(r.outlet, (r.attributed_to or (None,))[0]) for r in giving))
    bands = sorted((b for b in dossier.figure_bands if b.event in ("killed", "displaced")),
                   key=lambda b: (b.event != "killed", -b.high, b.category))
    return [HeadlineCount(f"{b.event} · {b.category.replace('_', ' ')}", estimate(b, b.low), None,
                          estimate(b, b.high), views.html_id("band", b.event, b.category)) for b in bands]


def _count_estimates(dossier: Dossier, counts: Sequence[Any]) -> list[HeadlineCount]:
    """Counts (``rashomon.align.counts``): persons killed or displaced, event totals only, largest first."""
    def estimate(e: Any) -> Estimate | None:  # model.Estimate, on dossiers that have counts
        if e is None:
            return None
        return Estimate(views.stated_value(e), e.source)
    chosen = sorted((c for c in counts if c.event in ("killed", "displaced") and c.extent == "total"
                     and not c.unit and c.high is not None),
                    key=lambda c: (c.event != "killed", -c.high.value, c.id))
    return [HeadlineCount(f"{c.event} · {(c.group + ' ') if c.group else ''}{c.category.replace('_', ' ')}",
                          estimate(c.low), estimate(c.best), estimate(c.high),
                          views.html_id("band", c.event, c.category, c.id)) for c in chosen]


def _one_line_each(dossier: Dossier, claims: list[Agreement], figures: list[Agreement]) -> list[Agreement]:
    """Agreements, most voices first, a figure inside an agreed claim's words said once: by whichever of
    the two more independent voices give."""
    spans = {c.id: c.span for c in dossier.claims}
    at = {f.id: f.span for f in dossier.figures}
    dropped: set[int] = set()
    for claim in claims:
        span = spans.get(claim.anchor.removeprefix("claim-"))
        for figure in figures:
            where = at.get(figure.anchor)
            if span and where and where.doc_id == span.doc_id and span.start <= where.start < span.end:
                dropped.add(id(figure) if claim.voices >= figure.voices else id(claim))
    kept = [a for a in claims + figures if id(a) not in dropped]
    return sorted(kept, key=lambda a: (-a.voices, -a.outlets, a.text))


def brief(dossier: Dossier) -> Brief:
    """The brief of ``dossier``: agreements, then disputes, then counts, :data:`LINES` lines at most."""
    disputed = {e.claim_id for d in dossier.disputes for p in d.positions for e in p.evidence if e.claim_id}
    counts = dossier.counts  # on dossiers made before counts existed: the bands
    agreed = _one_line_each(dossier, _agreed_claims(dossier, disputed),
                            _agreed_counts(dossier) if counts else _agreed_figures(dossier))
    headline = _count_estimates(dossier, counts) if counts else _band_counts(dossier)
    disputes = _dispute_lines(dossier)
    n_counts = min(COUNTS, len(headline))
    n_disputes = min(DISPUTED, len(disputes))
    n_agreed = min(AGREED, len(agreed), LINES - n_counts - n_disputes)
    return Brief(tuple(agreed[:n_agreed]), tuple(disputes[:n_disputes]), tuple(headline[:n_counts]),
                 len(disputes))


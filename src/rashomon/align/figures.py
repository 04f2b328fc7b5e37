"""Figures across reports: per event and category, the band from the lowest toll to the highest, who
says each, and how each source's toll moved from report to report.

:func:`source_tolls` follows every source's tolls over publication dates once: a later, higher toll is
an update (:class:`TollUpdate`, drawn in the band), anything else a clash (a numeric dispute, found by
``rashomon.align.disputes.numeric`` from the same histories). Nothing depends on the order calls are made.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..model import CASUALTY_EVENTS, BandReport, Category, Event, Figure, FigureBand, TollStep, TollUpdate
from .corpus import Corpus
from .identity import Identity

__all__ = ["TollHistory", "event_total", "figure_bands", "origin_of", "source_tolls"]


def origin_of(fig: Figure, corpus: Corpus, identity: Identity) -> str:
    """Where a figure really comes from: its first cited source, else its report's origin (a copy or a
    republished wire story counts once)."""
    if fig.attributed_to:
        source = identity.source_id(fig.doc_id, fig.attributed_to[0], fig.span.start)
        if source is not None:
            return "source:" + source
    return "doc:" + corpus.origin(fig.doc_id)


def figure_bands(corpus: Corpus, identity: Identity, updates: tuple[TollUpdate, ...] = ()) -> tuple[FigureBand, ...]:
    """One band per (event, category) of event totals (:func:`event_total`): low and high values with the
    figures that state them. Incidents, parts, background and households are in the counts
    (``rashomon.align.counts``), never in a band.

    Vague plurals ("hundreds") count towards the band only when no precise number exists for it; figures
    adding to an earlier toll ("three more bodies") are left out. ``updates`` (from :func:`source_tolls`)
    are attached to their band.
    """
    groups: dict[tuple[Event, Category], list[Figure]] = defaultdict(list)
    for fig in corpus.figures:
        if event_total(fig) and corpus.has(fig.doc_id):
            groups[(fig.event, fig.category)].append(fig)
    bands = []
    for (event, category), figs in sorted(groups.items()):
        precise = [f for f in figs if f.qualifier != "plural_of"] or figs
        low = min(_report_tolls(precise).values(), key=lambda f: f.value)
        high = max(precise, key=lambda f: f.upper)
        bands.append(FigureBand(
            event=event, category=category, low=low.value, high=high.upper, low_figure=low.id, high_figure=high.id,
            updates=tuple(u for u in updates if (u.event, u.category) == (event, category)),
            independent_origins=len({origin_of(f, corpus, identity) for f in figs}),
            reports=tuple(_band_report(f, corpus, identity)
                          for f in sorted(figs, key=lambda f: (corpus.published(f.doc_id) or "", f.value))),
        ))
    return tuple(bands)


def event_total(fig: Figure) -> bool:
    """A figure of persons counting the whole contested event (not an incident, a part, background, an
    addition or households): the only ones a band or a headline toll is made of."""
    return fig.event in CASUALTY_EVENTS and fig.extent == "total" and fig.unit is None and not fig.addition


def _report_tolls(figs: list[Figure]) -> dict[str, Figure]:
    """Each report's toll: its largest figure (its smaller ones are sub-counts)."""
    tolls: dict[str, Figure] = {}
    for f in figs:
        if f.doc_id not in tolls or f.value > tolls[f.doc_id].value:
            tolls[f.doc_id] = f
    return tolls


def _band_report(fig: Figure, corpus: Corpus, identity: Identity) -> BandReport:
    attributions = identity.attributions(fig.doc_id, fig.attributed_to, fig.span.start)
    return BandReport(figure_id=fig.id, doc_id=fig.doc_id, outlet=corpus.outlet(fig.doc_id), value=fig.value,
                      published=corpus.published(fig.doc_id), qualifier=fig.qualifier,
                      attributed_to=fig.attributed_to, source_ids=tuple(a.source_id or "" for a in attributions),
                      time=fig.time)


# -- one source's tolls over time ----------------------------------------------------------------------
@dataclass(frozen=True)
class TollHistory:
    """One source's tolls for one event and category, one per report, in publication order.

    ``clash`` is the first pair of tolls that cannot both hold (two reports of one day differ, or a
    later toll is lower, for the same days); without one, a rise is an update.
    """

    source: str
    source_id: str
    event: Event
    category: Category
    tolls: tuple[Figure, ...]
    clash: tuple[Figure, Figure] | None

    def update(self, corpus: Corpus) -> TollUpdate | None:
        """The rise of this source's toll, when the history holds no clash and the toll rose."""
        first, last = self.tolls[0], self.tolls[-1]
        if self.clash is not None or last.value <= first.value:
            return None
        return TollUpdate(source=self.source, source_id=self.source_id, event=self.event, category=self.category,
                          steps=tuple(TollStep(f.value, corpus.published(f.doc_id) or "", f.doc_id, f.id)
                                      for f in self.tolls))


def source_tolls(corpus: Corpus, identity: Identity) -> tuple[TollHistory, ...]:
    """Every source's tolls for each casualty event, category and identity group across dated reports, where
    they differ."""
    by_source: dict[tuple[str, Event, Category, str], list[Figure]] = defaultdict(list)
    for fig in corpus.figures:
        if event_total(fig) and fig.attributed_to and fig.qualifier != "plural_of" and corpus.has(fig.doc_id):
            source = identity.source_id(fig.doc_id, fig.attributed_to[0], fig.span.start) or fig.attributed_to[0]
            # "17 children" is a toll of children, never a later toll of the civilians it is a part of
            by_source[(source, fig.event, fig.category, (fig.group or "").lower())].append(fig)
    histories = []
    for (source_id, event, category, _), figs in by_source.items():
        dated = sorted((f for f in _report_tolls(figs).values() if corpus.published(f.doc_id)),
                       key=lambda f: (corpus.published(f.doc_id) or "", f.value))
        if len({f.value for f in dated}) < 2 or len({f.doc_id for f in dated}) < 2:
            continue
        histories.append(TollHistory(source=dated[0].attributed_to[0], source_id=source_id, event=event,
                                     category=category, tolls=tuple(dated), clash=_clash(dated, corpus)))
    return tuple(histories)


def _clash(dated: list[Figure], corpus: Corpus) -> tuple[Figure, Figure] | None:
    for a, b in zip(dated, dated[1:], strict=False):
        same_day = corpus.published(a.doc_id) == corpus.published(b.doc_id)
        if a.doc_id != b.doc_id and b.value != a.value and (same_day or b.value < a.value) \
                and comparable_windows(a, b):
            return a, b
    return None


def comparable_windows(a: Figure, b: Figure) -> bool:
    """Two tolls speak of the same days unless both give windows that differ."""
    if a.time and b.time and a.time.start and b.time.start:
        return (a.time.start, a.time.end) == (b.time.start, b.time.end)
    return True

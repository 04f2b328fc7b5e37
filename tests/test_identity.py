"""One source under many names: every section of the dossier gives it the same id.

An invented monitor is cited by its full name, its acronym, a typo, "the Observatory", "the UK-based
war monitor", and through its director; a ministry stands beside it as a second source.
"""

from __future__ import annotations

from helpers import claim, corpus, doc, figure, vectors
from rashomon.align import align
from rashomon.model import Alignments

NAMES = ["the Vessan Observatory for Human Rights", "VOHR", "Vessan Observatory for Human Rigths",
         "the Observatory", "the UK-based war monitor", "Dana Orlik, director of the Vessan Observatory"]
DOCS = [doc(f"r{n}", f"Outlet {n}", f"2031-05-1{n}", text=f"Report {n}: the Vessan Observatory for Human Rights "
            "said people were killed, and the Orsenian Interior Ministry said fewer died.") for n in range(6)]


def aligned() -> Alignments:
    # each report cites the monitor its own way: a toll rising from report to report, and the same 300
    # injured given as "people" by some and as "civilians" by others
    figures, claims = [], []
    for n, (d, name) in enumerate(zip(DOCS, NAMES, strict=True)):
        figures.append(figure(f"f{n}", d.id, 100 + 50 * n, attributed_to=(name,)))
        figures.append(figure(f"g{n}", d.id, 300, "injured", "civilians" if n % 2 else "people",
                              attributed_to=(name,), text="300 hurt"))
        claims.append(claim(f"c{n}", d.id, "Sixty villagers were killed in the raid, the monitor said.",
                            attributed_to=(name,), terms=("villager", "raid"), start=60))
    claims.append(claim("c9", "r0", "The Orsenian Interior Ministry said twelve people were killed in the raid.",
                        attributed_to=("the Orsenian Interior Ministry",), terms=("raid",), start=120))
    return align(corpus(DOCS, figures, claims, vectors(*([[1.0, 0.0]] * 6 + [[0.0, 1.0]]))))


def test_one_source_id_in_figures_claims_bands_disputes_groups_and_framing() -> None:
    results = aligned()
    ministry = next(s for s in results.sources if "Interior Ministry" in s.name)
    monitor = next(s for s in results.sources if s.id != ministry.id)
    assert len(results.sources) == 2, [s.name for s in results.sources]
    assert monitor.name == "Vessan Observatory for Human Rights" and monitor.kind == "monitor"
    assert {a.name for a in monitor.aliases} >= set(NAMES)
    assert "Dana Orlik" in monitor.speakers

    figure_ids = {a.source_id for atts in results.attributions.values() for a in atts}
    assert figure_ids == {monitor.id, ministry.id}
    assert {a.source_id for i, atts in results.attributions.items() if i != "c9" for a in atts} == {monitor.id}
    assert results.attributions["f5"][0].speaker == "Dana Orlik"

    killed = {(b.event, b.category): b for b in results.figure_bands}[("killed", "people")]
    assert {s for r in killed.reports for s in r.source_ids} == {monitor.id}
    assert [u.source_id for u in killed.updates] == [monitor.id]  # one rising toll, not six sources
    assert killed.independent_origins == 1

    numeric = [d for d in results.disputes if d.kind == "numeric"]
    assert numeric and all(d.sources == (monitor.id,) for d in numeric)
    (group,) = [g for g in results.claim_groups if "c0" in g.claims]
    assert group.source_ids == (monitor.id,) and group.independent_origins == 1 and group.single_source

    for row in results.framing:
        assert [u.source_id for u in row.upstream][:1] == [monitor.id], row.outlet


def test_an_aliases_spans_are_in_document_order_whatever_order_the_uses_came_in() -> None:
    from rashomon.align.identity import NameUse, _aliases
    uses = [NameUse("b", "the Union", 40, (44, 53)), NameUse("a", "the Union", 90, (94, 103)),
            NameUse("a", "the Union", 10, (14, 23))]
    for order in (uses, uses[::-1]):
        (alias,) = _aliases(order, {})
        assert [(s.doc_id, s.start) for s in alias.spans] == [("a", 14), ("a", 94), ("b", 44)]

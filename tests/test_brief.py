"""The brief at the top of the dossier: agreements need several independent voices, disputes list who
gives each answer, headline tolls give low–(best–)high with who says each. Invented reports only."""

from __future__ import annotations

from dataclasses import replace

import pytest

import rashomon.model as model
from helpers import claim, doc, figure
from rashomon.model import (
    BandReport,
    ClaimGroup,
    Dispute,
    Dossier,
    Evidence,
    FigureBand,
    OutletEntry,
    Position,
    Span,
    Voice,
)
from rashomon.render.brief import LINES, brief, who_says
from rashomon.render.html import render_html


def _dossier(**extra: object) -> Dossier:
    docs = (doc("a", "Pelto Wire"), doc("b", "Vanner Post"), doc("c", "Orsk Daily"),
            doc("d", "Orsk Mirror", duplicate_of="c"))
    claims = (claim("c1", "a", "The bridge at Kessin was closed."), claim("c2", "b", "The bridge at Kessin was shut."),
              claim("c3", "c", "Shelling hit the market."), claim("c4", "a", "Shelling hit the market."),
              claim("c5", "b", "No shelling hit the market.", polarity="denied"))
    groups = (ClaimGroup("g1", "The bridge at Kessin was closed.", ("c1", "c2"), {"a": "affirms", "b": "affirms"},
                         outlets=("Pelto Wire", "Vanner Post"), independent_origins=2),
              ClaimGroup("g2", "Shelling hit the market.", ("c3", "c4", "c5"),
                         {"c": "affirms", "a": "affirms", "b": "denies"},
                         outlets=("Orsk Daily", "Pelto Wire", "Vanner Post"), independent_origins=3))
    dispute = Dispute("d1", "perpetrator", "Who shelled the market: the Tarn brigade or the Velo militia?", "", (
        Position("the Tarn brigade", (Evidence(Span("a", 0, 5), "x"), Evidence(Span("c", 0, 5), "x")),
                 voices=(Voice("Pelto Wire", "Kessin Monitor"), Voice("Orsk Daily", "Kessin Monitor"))),
        Position("the Velo militia", (Evidence(Span("b", 0, 5), "x"),),
                 voices=(Voice("Vanner Post", "the interior ministry"),))))
    band = FigureBand("killed", "civilians", 12, 40, "f1", "f3", (
        BandReport("f1", "a", "Pelto Wire", 12, attributed_to=("the interior ministry",)),
        BandReport("f2", "c", "Orsk Daily", 40, qualifier="at_least", attributed_to=("Kessin Monitor",),
                   source_ids=("s1",)),
        BandReport("f3", "d", "Orsk Mirror", 40, qualifier="at_least", attributed_to=("Kessin Monitor",),
                   source_ids=("s1",)),
        BandReport("f4", "b", "Vanner Post", 40, qualifier="at_least")))
    figures = (figure("f1", "a", 12, category="civilians"), figure("f2", "c", 40, category="civilians"),
               figure("f3", "d", 40, category="civilians"), figure("f4", "b", 40, category="civilians"))
    fields = {"documents": docs, "claims": claims, "claim_groups": groups, "disputes": (dispute,),
              "figure_bands": (band,), "figures": figures} | extra
    return Dossier(**fields)  # type: ignore[arg-type]


def test_who_says_groups_voices_by_source_and_names_the_carrier() -> None:
    voices = [Voice("Pelto Wire", "Kessin Monitor"), Voice("Orsk Daily", "Kessin Monitor"),
              Voice("Vanner Post", "the interior ministry"), Voice("Lume Times"), Voice("Pelto Wire")]
    assert who_says(voices) == "Kessin Monitor via 2 outlets; the interior ministry via Vanner Post; Lume Times"
    assert who_says([Voice(f"Outlet {n}") for n in range(5)], shown=2) == "Outlet 0; Outlet 1 and 3 more"


def test_agreement_needs_independent_voices_and_no_denial() -> None:
    b = brief(_dossier())
    texts = [a.text for a in b.agreed]
    assert "The bridge at Kessin was closed." in texts
    assert "Shelling hit the market." not in texts  # one report denies it
    # 40 from the monitor (twice, one a near-copy) and from Vanner Post on its own: two voices, not three
    [toll] = [a for a in b.agreed if "civilians" in a.text]
    assert (toll.text, toll.voices, toll.outlets) == ("at least 40 civilians killed", 2, 3)
    assert toll.who == "Kessin Monitor via 2 outlets; Vanner Post"


def test_a_mirror_outlet_is_no_voice() -> None:
    mirrors = (OutletEntry("Vanner Post", ("b",), independent=False),)
    assert not [a for a in brief(_dossier(outlets=mirrors)).agreed if "civilians" in a.text]


def test_disputes_are_questions_with_each_answers_voices() -> None:
    [line] = brief(_dossier()).disputes
    assert line.anchor == "dispute-d1"
    assert [(a.label, a.who) for a in line.answers] == [
        ("the Tarn brigade", "Kessin Monitor via 2 outlets"),
        ("the Velo militia", "the interior ministry via Vanner Post")]


def test_headline_counts_from_bands_give_low_and_high_with_who_says_each() -> None:
    [count] = brief(_dossier()).counts
    assert count.label == "killed · civilians" and count.best is None
    assert (count.low.value, count.low.who) == ("12", "the interior ministry via Pelto Wire")  # type: ignore[union-attr]
    assert count.high.value == "at least 40"  # type: ignore[union-attr]
    assert count.high.who == "Kessin Monitor via 2 outlets; Vanner Post"  # type: ignore[union-attr]
    assert count.anchor == "band-killed-civilians"


@pytest.mark.skipif(not hasattr(model, "Count"), reason="the dossier has no counts yet (branch counts)")
def test_headline_counts_from_counts_give_low_best_high() -> None:
    est = model.Estimate  # type: ignore[attr-defined]
    total = model.Count(  # type: ignore[attr-defined]
        "k1", "killed", "civilians", "total", (), low=est(12, "exact", "the interior ministry", "f1"),
        best=est(40, "at_least", "Kessin Monitor", "f2"), high=est(55, "exact", "Vanner Post", "f4"))
    incident = model.Count("k2", "killed", "civilians", "incident", (),  # type: ignore[attr-defined]
                           low=est(900, "exact", "x", "f9"), best=None, high=est(900, "exact", "x", "f9"))
    [count] = brief(_dossier(counts=(total, incident))).counts
    assert [(e.value, e.who) for e in (count.low, count.best, count.high)] == [  # type: ignore[union-attr]
        ("12", "the interior ministry"), ("at least 40", "Kessin Monitor"), ("55", "Vanner Post")]


def test_the_brief_is_short_and_first_on_the_page() -> None:
    d = _dossier()
    b = brief(d)
    assert len(b.agreed) + len(b.disputes) + len(b.counts) <= LINES
    html = render_html(d)
    main = html[html.index("<main>"):]
    assert main.index('id="brief"') < main.index('id="overview"') < main.index('id="disputes"')
    assert 'href="#dispute-d1"' in main[:main.index('id="overview"')]
    assert "Kessin Monitor via 2 outlets" in main[:main.index('id="overview"')]


def test_no_brief_when_there_is_nothing_to_say() -> None:
    html = render_html(Dossier(documents=(doc("a", "Pelto Wire"),)))
    assert 'id="brief"' not in html


def test_a_figure_inside_an_agreed_claim_is_said_once() -> None:
    from rashomon.render.brief import Agreement, _one_line_each

    text = "Officials said 40 civilians were killed at the quay."
    d = Dossier(documents=(doc("a", "Pelto Wire", text=text),), claims=(claim("c1", "a", text),),
                figures=(figure("f1", "a", 40, category="civilians"),))  # its words start at 10, inside c1
    said = Agreement(text, 2, 2, "", "a", "claim-c1")
    toll = Agreement("40 civilians killed", 3, 3, "", "a", "f1")
    assert _one_line_each(d, [said], [toll]) == [toll]  # the figure has more voices
    fewer = Agreement("40 civilians killed", 2, 2, "", "a", "f1")
    assert _one_line_each(d, [said], [fewer]) == [said]


def _counted(extent: str = "total") -> model.Count:
    """The band's values as one count: 12 from the ministry; at least 40 from the monitor (twice, once in a
    near-copy) and from Vanner Post on its own."""
    values = (model.CountValue(12, "exact", 12, 12, "the interior ministry", ("f1",), ("Pelto Wire",)),
              model.CountValue(40, "at_least", 40, None, "Kessin Monitor", ("f2", "f3"), ("Orsk Daily", "Orsk Mirror"),
                               source_id="s1"),
              model.CountValue(40, "at_least", 40, None, "Vanner Post", ("f4",), ("Vanner Post",)))
    return model.Count("n1", "killed", "civilians", extent, values)


def test_agreement_on_a_count_value_counts_a_source_once() -> None:
    figures = (figure("f1", "a", 12, category="civilians"),
               *(replace(f, qualifier="at_least", attributed_to=who) for f, who in (
                   (figure("f2", "c", 40, category="civilians"), ("Kessin Monitor",)),
                   (figure("f3", "d", 40, category="civilians"), ("Kessin Monitor",)),
                   (figure("f4", "b", 40, category="civilians"), ()))))
    [toll] = [a for a in brief(_dossier(counts=(_counted(),), figures=figures, figure_bands=())).agreed
              if "civilians" in a.text]
    assert (toll.text, toll.voices, toll.outlets) == ("at least 40 civilians killed", 2, 3)
    assert toll.who == "Kessin Monitor via 2 outlets; Vanner Post" and toll.anchor == "f2"
    # a mirror is no voice; a background count (another war, another year) is never an agreement on the event
    mirrors = (OutletEntry("Vanner Post", ("b",), independent=False),)
    assert not [a for a in brief(_dossier(counts=(_counted(),), figures=figures, outlets=mirrors)).agreed
                if "civilians" in a.text]
    assert not [a for a in brief(_dossier(counts=(_counted("background"),), figures=figures)).agreed
                if "civilians" in a.text]


def test_a_question_with_many_answers_shows_those_the_most_voices_give() -> None:
    many = Dispute("d2", "numeric", "How many were killed in Kessin: 3, 4, 5, 6, 7 or 8?", "", tuple(
        Position(f"{n} (Kessin Monitor)", tuple(Evidence(Span("a", 0, 5), "x") for _ in range(1 + (n == 8))),
                 voices=tuple(Voice(f"Outlet {n}-{k}") for k in range(1 + 2 * (n in (5, 8)))))
        for n in range(3, 9)))
    [line] = [d for d in brief(_dossier(disputes=(many,))).disputes if d.anchor == "dispute-d2"]
    assert line.question == "How many were killed in Kessin?"  # the answers below give the values
    assert [a.label for a in line.answers] == ["3", "4", "5", "8"]  # the two most voiced, then the first
    assert line.more_answers == 2
    assert "and 2 more answers" in render_html(_dossier(disputes=(many,)))

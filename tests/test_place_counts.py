"""Counts restricted to one site of the event (issue 12, "extent" and "place"): a figure whose clause puts
the harm in a square, a camp or a market, when its report gives a larger toll, counts that site only; figures
restricted to one site form their own count, apart from the event total, and a comparative ("tens more were
killed there") answers the figure it exceeds.

Sentences and reports are invented.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import rashomon
import test_counts
from helpers import corpus, disputes_of, doc
from rashomon.align.counts import allowed, build_counts, can_both_hold
from rashomon.align.identity import corpus_identity
from rashomon.model import CountValue, Figure, Span
from test_counts import only

scoped = test_counts.scoped  # the fixture reading one text's figures (test_counts.py)

DATA = Path(__file__).parent / "data" / "counts"
#: a larger toll of the event naming no site, given before the sentence under test
TOTAL = "At least 70 people were killed in Orlen on Monday, the health office said. "


# -- the site of one figure ------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "value", "place"), [
    ("Investigators said 14 people were killed at the protest site.", 14, "protest"),
    ("Witnesses said nine marchers were shot dead in the square.", 9, "square"),
    ("Nine people were killed inside the camp, a nurse said.", 9, "camp"),
    ("Gunmen killed 12 worshippers at the Tavel mosque.", 12, "Tavel mosque"),
    ("Some 20 people died at the bus station itself.", 20, "bus station"),
    ("Twenty marchers were shot dead at the sit-in, medics said.", 20, "sit-in"),
    ("Twelve people were killed in the main square, a nurse said.", 12, "square"),
    ("The prosecutor said 17 victims were killed at the sit-in site.", 17, "sit-in"),
])
def test_a_site_restricts_a_figure_below_the_reports_total(scoped, text, value, place):
    fig = only(scoped(TOTAL + text), value)
    assert (fig.extent, fig.place) == ("incident", place)


@pytest.mark.parametrize(("text", "value"), [
    ("Nine people were killed in Dovra, a nurse said.", 9),  # a city is the event's place, not a site
    ("Nine people were killed in the capital, a nurse said.", 9),
    ("Twenty people died in the attack on the camp.", 20),  # the act's target, not where the dead lay
    ("The raid on the Tavel market that killed 12 was condemned.", 12),
    ("Nine people were killed near the camp, a nurse said.", 9),  # "near": another place
    ("Dozens were killed at the market, a nurse said.", 12),  # dozens may be all of the 70
    ("Twelve were killed at the site, a nurse said.", 12),  # a bare "site" names none
    ("Twelve were killed at the blast site, a nurse said.", 12),  # nor where the blast hit
])
def test_no_site_restriction(scoped, text, value):
    fig = only(scoped(TOTAL + text), value)
    assert fig.extent == "total", (fig.extent, fig.place)


def test_a_site_is_where_the_whole_event_happened_when_no_larger_toll_is_given(scoped):
    fig = only(scoped("A missile killed 45 people at the bus station in Dovra, officials said."), 45)
    assert fig.extent == "total"


def test_a_named_site_keeps_its_name(scoped):
    figs = scoped(TOTAL + "Medics said eight people were killed in Kessel Square.")
    assert (only(figs, 8).extent, only(figs, 8).place) == ("incident", "Kessel Square")


# -- "tens" and "tens more" ------------------------------------------------------------------------------
def test_tens_is_a_vague_plural_of_ten_or_more(scoped):
    fig = only(scoped("Tens of people were wounded in the clashes, a medic said."), 10)
    assert (fig.qualifier, fig.event, fig.addition) == ("plural_of", "injured", False)
    assert allowed(fig.value, fig.qualifier) == (10, None)


def test_tens_more_is_an_addition_at_the_site_of_the_figure_it_answers(scoped):
    figs = scoped(TOTAL + "An inquiry said 14 people were killed inside the camp. "
                      "Activists say tens more were killed inside the camp.")
    more = only(figs, 10)
    assert (more.qualifier, more.addition, more.extent, more.place) == ("plural_of", True, "incident", "camp")
    assert only(figs, 14).place == "camp"


def test_a_lone_tens_is_no_number(scoped):
    assert scoped("The marchers counted off in tens before they set out.") == []


# -- counts and disputes across reports ------------------------------------------------------------------
def fig(fid: str, doc_id: str, start: int, value: float, source: str, place: str | None = None,
        **extra: Any) -> Figure:
    text = f"{value:g} people"
    return Figure(span=Span(doc_id, start, start + len(text)), text=text, value=float(value), id=fid,
                  event="killed", attributed_to=(source,), place=place,
                  extent="incident" if place else "total", **extra)


DOCS = [doc("a", "Alder Post", "2031-03-02"), doc("b", "Birch News", "2031-03-02")]


def counts_of(figs: list[Figure]):
    c = corpus(DOCS, figs)
    return build_counts(c, corpus_identity(c))


def test_figures_at_one_site_form_their_own_count_apart_from_the_total():
    figs = [fig("f1", "a", 0, 70, "the health office"), fig("f2", "a", 100, 14, "the inquiry", "camp"),
            fig("f3", "b", 0, 90, "the Orlen Monitor"), fig("f4", "b", 100, 25, "the Orlen Monitor", "Camp")]
    counts = {c.extent: c for c in counts_of(figs)}
    assert set(counts["total"].figure_ids) == {"f1", "f3"}
    assert set(counts["incident"].figure_ids) == {"f2", "f4"} and counts["incident"].place
    (dispute,) = [d for d in disputes_of(corpus(DOCS, figs)) if "camp" in d.question]
    assert dispute.question.startswith("How many people were killed at the camp: 14 (")


def test_scoped_different_sites_form_no_dispute():
    figs = [fig("f1", "a", 0, 70, "the health office"), fig("f2", "a", 100, 14, "the inquiry", "camp"),
            fig("f3", "b", 100, 25, "the Orlen Monitor", "market")]
    assert len([c for c in counts_of(figs) if c.extent == "incident"]) == 2
    assert not [d for d in disputes_of(corpus(DOCS, figs)) if d.kind == "numeric"]


def test_a_comparative_answers_another_sources_figure_and_sets_no_estimate():
    figs = [fig("f1", "a", 0, 70, "the health office"), fig("f2", "a", 100, 14, "the inquiry", "camp"),
            fig("f3", "a", 200, 10, "Orlen activists", "camp", qualifier="plural_of", addition=True)]
    (site,) = [c for c in counts_of(figs) if c.extent == "incident"]
    more = next(v for v in site.values if v.more_than)
    assert (more.value, more.qualifier, more.more_than) == (10, "plural_of", "f2")  # the amount, never 24
    assert site.low.value == site.best.value == site.high.value == 14
    (dispute,) = [d for d in disputes_of(corpus(DOCS, figs)) if d.kind == "numeric"]
    assert dispute.question.endswith("at the camp: 14 (inquiry) or tens more (Orlen activists)?"), dispute.question
    assert [p.label.split(" (")[0] for p in dispute.positions] == ["14", "tens more"]


def test_an_addition_of_the_same_source_or_with_its_own_days_is_no_comparative():
    figs = [fig("f1", "a", 0, 70, "the health office"), fig("f2", "a", 100, 14, "the inquiry", "camp"),
            fig("f3", "a", 200, 10, "the inquiry", "camp", qualifier="plural_of", addition=True)]
    assert "f3" not in {f for c in counts_of(figs) for f in c.figure_ids}
    assert not [d for d in disputes_of(corpus(DOCS, figs)) if d.kind == "numeric"]


def test_a_comparative_cannot_hold_with_the_figure_it_exceeds_only():
    base = CountValue(14, "exact", 14, 14, "inquiry", ("f2",), ("Alder Post",), source_id="s1")
    more = CountValue(10, "plural_of", 10, None, "activists", ("f3",), ("Alder Post",), source_id="s2",
                      more_than="f2")
    other = CountValue(30, "exact", 30, 30, "monitor", ("f4",), ("Birch News",), source_id="s3")
    assert not can_both_hold(base, more) and not can_both_hold(more, base)
    assert can_both_hold(more, other)


# -- end to end ------------------------------------------------------------------------------------------
def test_a_site_count_and_its_dispute_from_two_reports(tmp_path):
    summary = rashomon.analyze([str(DATA / "site-a.txt"), str(DATA / "site-b.txt")], tmp_path / "out")
    assert not summary.failures
    d = json.loads((tmp_path / "out" / "dossier.json").read_text(encoding="utf-8"))
    site = [c for c in d["counts"] if c["extent"] == "incident" and c["event"] == "killed"]
    assert [c["place"] for c in site] == ["camp"]
    assert sorted(v["value"] for v in site[0]["values"]) == [10, 14]
    assert [(b["low"], b["high"]) for b in d["figure_bands"] if b["event"] == "killed"] == [(70, 70)]
    questions = [x["question"] for x in d["disputes"] if x["kind"] == "numeric"]
    assert any(q.startswith("How many people were killed at the camp: 14 (") and "tens more (" in q
               for q in questions), questions

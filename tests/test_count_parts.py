"""Numeric disputes that are not disputes (issues 9 and 13): one voice, parts of a figure, figures for one
named place of a multi-place event, a toll's as-of day, and the one question a civilians toll above a toll
of all people asks. Every sentence and name is invented."""

from __future__ import annotations

import pytest

from helpers import corpus, disputes_of, doc, figure, figures_in, only
from rashomon.align.counts import build_counts
from rashomon.align.identity import corpus_identity
from rashomon.analyze import load_nlp


@pytest.fixture(scope="module")
def scoped():
    nlp = load_nlp()
    return lambda text: figures_in(nlp, text)


def numeric(docs, figs) -> list[str]:
    return [d.question for d in disputes_of(corpus(docs, figs)) if d.kind == "numeric"]


# -- parts of a figure -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "value", "whole"), [
    ("Forty-six officers were injured, four of them by gunfire, the ministry said.", 4, 46),
    ("Fifty-two guards were wounded in the riot, 11 of them seriously.", 11, 52),
    ("The monitor confirmed the deaths of 17 protesters, 16 of whom died of gunshot wounds.", 16, 17),
])
def test_a_part_given_with_its_whole_is_a_part(scoped, text, value, whole):
    figs = scoped(text)
    part = only(figs, value)
    assert part.extent == "part" and figs[part.part_of].value == whole


def test_a_partitive_of_other_people_is_no_part(scoped):
    figs = scoped("Forty people were injured in the clashes. Four of the victims' relatives were later detained.")
    assert only(figs, 4).extent == "total" and only(figs, 4).event == "detained"


def test_parts_with_their_own_circumstance_are_never_set_against_each_other():
    docs = [doc("a", "Alder Post", "2031-03-02"), doc("b", "Birch News", "2031-03-02")]
    figs = [figure("f1", "a", 46, event="injured", category="security_forces", attributed_to=("Colonel Varr",)),
            figure("f2", "a", 4, event="injured", category="security_forces", extent="part", part_of="f1",
                   attributed_to=("Colonel Varr",)),  # "four of them by gunfire"
            figure("f3", "b", 46, event="injured", category="security_forces", attributed_to=("the Dorn Ministry",)),
            figure("f4", "b", 11, event="injured", category="security_forces", extent="part", part_of="f3",
                   attributed_to=("the Dorn Ministry",))]  # "11 of them seriously"
    assert numeric(docs, figs) == []
    parts = [c for c in build_counts(corpus(docs, figs), corpus_identity(corpus(docs, figs))) if c.extent == "part"]
    assert sorted(c.figure_ids for c in parts) == [("f2",), ("f4",)]  # a count each, under its own whole


def test_parts_naming_other_victims_than_their_whole_still_meet():
    docs = [doc("a", "Alder Post", "2031-03-02"), doc("b", "Birch News", "2031-03-02")]
    figs = [figure("f1", "a", 40, attributed_to=("the Dorn Ministry",)),
            figure("f2", "a", 5, category="civilians", group="children", extent="part", part_of="f1",
                   attributed_to=("the Dorn Ministry",)),
            figure("f3", "b", 40, attributed_to=("the Velm Monitor",)),
            figure("f4", "b", 9, category="civilians", group="children", extent="part", part_of="f3",
                   attributed_to=("the Velm Monitor",))]
    (question,) = numeric(docs, figs)
    assert question.startswith("How many children were killed")


# -- one voice ---------------------------------------------------------------------------------------------
def test_a_source_publishing_its_own_count_speaks_as_itself():
    docs = [doc("a", "Velm Rights Monitor", "2031-03-02"), doc("b", "Birch News", "2031-03-02")]
    figs = [figure("f1", "a", 30, attributed_to=("the Velm Rights Monitor",)),
            figure("f2", "a", 45),  # the monitor's statement giving a figure as its own
            figure("f3", "b", 30, attributed_to=("Velm Rights Monitor",))]
    assert numeric(docs, figs) == []  # one source's figures: its own history, never a dispute
    figs[1] = figure("f2", "a", 45, attributed_to=("the Dorn Ministry",))
    assert len(numeric(docs, figs)) == 1  # another voice


def test_one_report_naming_the_victims_of_its_own_figure_is_no_who_does_it_count():
    docs = [doc("a", "Alder Post", "2031-03-04"), doc("b", "Birch News", "2031-03-05")]
    same_report = [figure("f1", "a", 22, category="civilians", attributed_to=("Lorn Medics",)),
                   figure("f2", "a", 22, attributed_to=("Lorn Medics",)),  # "the toll climbed to 22"
                   figure("f3", "b", 22, category="civilians", attributed_to=("Lorn Medics",))]
    assert not [q for q in numeric(docs, same_report) if "who does it count" in q]
    other_reports = [figure("f2", "a", 22, attributed_to=("Lorn Medics",)),
                     figure("f3", "b", 22, category="civilians", attributed_to=("Lorn Medics",))]
    assert [q for q in numeric(docs, other_reports) if "who does it count" in q]


def test_a_groups_toll_is_not_a_later_toll_of_its_category():
    docs = [doc("a", "Alder Post", "2031-03-11"), doc("b", "Birch News", "2031-03-13")]
    figs = [figure("f1", "a", 23, category="civilians", attributed_to=("the Dorn Ministry",)),
            figure("f2", "b", 17, category="civilians", group="children", attributed_to=("the Dorn Ministry",))]
    assert numeric(docs, figs) == []


# -- one named place of a multi-place event --------------------------------------------------------------
MULTI = ("The Velm Monitor says more than 900 people have been detained since Monday. In Dorsk alone, at least "
         "500 people were held at the central police station. Between 100 and 150 were arrested in Parvel, and "
         "nearly 90 in Ostra.")


@pytest.mark.parametrize(("value", "extent", "place"), [
    (900, "total", None), (500, "incident", "Dorsk"), (100, "incident", "Parvel"), (90, "incident", "Ostra")])
def test_a_figure_for_one_named_place_below_the_reports_total_is_an_incident(scoped, value, extent, place):
    fig = only(scoped(MULTI), value)
    assert (fig.extent, fig.place if extent == "incident" else None) == (extent, place)


@pytest.mark.parametrize(("text", "value"), [
    ("At least 30 people were killed in Brask on Friday, officials said.", 30),  # the whole event is in Brask
    ("Police detained 70 people in Ostra on Friday.", 70),
    # a larger figure of other victims does not make a part
    ("About 300 soldiers were detained by the rebels. Nearly 100 civilians were detained in Ostra.", 100),
    # "at least 40" may be all of them: no focus word says the place is one of several
    ("More than 90 people were killed. At least 40 people were killed in Brask.", 40),
])
def test_a_named_place_without_a_larger_figure_of_the_same_victims_stays_a_toll(scoped, text, value):
    assert only(scoped(text), value).extent == "total"


def test_thirty_killed_in_a_town_below_the_reports_total_is_an_incident(scoped):
    figs = scoped("At least 60 people were killed in the shelling, the governor said. Thirty people were "
                  "killed in Brask, he added.")
    assert (only(figs, 30).extent, only(figs, 30).place) == ("incident", "Brask")


# -- the people at one place of refuge ---------------------------------------------------------------------
@pytest.mark.parametrize(("text", "value", "place"), [
    ("The Velm Relief Agency said about 2,600 people had registered at three camps near Dorsk.", 2600,
     "three camps"),
    ("About 1,500 people are sheltering in the Saint Anselm school, the mayor said.", 1500, "Saint Anselm school"),
    ("Hundreds of Kelvani are sheltering in the old seminary with no water.", 100, "old seminary"),
    ("At least 1,200 people have arrived in Tarvel since Thursday, officials said.", 1200, "Tarvel"),
    ("Some 700 people have registered at shelters in the past week.", 700, "shelters"),
])
def test_a_count_of_those_at_a_place_of_refuge_is_an_incident_there(scoped, text, value, place):
    fig = only(scoped(text), value)
    assert (fig.event, fig.extent, fig.place) == ("displaced", "incident", place)


@pytest.mark.parametrize(("text", "value"), [
    ("More than 6,000 people have fled the Ostra valley, the envoy said.", 6000),
    ("Nearly 4,000 people fled to the camps near Dorsk.", 4000),  # a verb of flight: all who fled there
    ("About 2,000 people were displaced by the fighting.", 2000),
])
def test_a_count_of_those_who_fled_stays_a_toll(scoped, text, value):
    assert only(scoped(text), value).extent == "total"


def test_those_registered_at_shelters_do_not_contest_a_total_of_the_displaced():
    docs = [doc("b", "Birch News", "2031-03-12"), doc("c", "Cedar Times", "2031-03-13"),
            doc("d", "Dune Radio", "2031-03-13")]
    envoy = figure("f1", "b", 8000, event="displaced", qualifier="more_than", attributed_to=("the Velm envoy",))
    shelters = figure("f2", "c", 3400, event="displaced", qualifier="about", extent="incident",
                      place="four shelters", attributed_to=("the Lorn Relief Society",))
    assert numeric(docs, [envoy, shelters]) == []
    rival = figure("f3", "d", 3000, event="displaced", qualifier="about", attributed_to=("the Dorn Ministry",))
    (question,) = numeric(docs, [envoy, shelters, rival])  # a rival total still asks how many fled
    assert question.startswith("How many people were displaced:") and "3,400" not in question


# -- the day a toll stands at ----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "value", "start"), [
    ("The death toll from the strikes rose to 41 on Wednesday, the ministry said.", 41, None),
    ("The agency had put the toll at 23 on Monday.", 23, None),
    # negatives: the day of the harm, and a window opened by "since"
    ("Gunmen killed 23 people on Monday.", 23, "2031-03-10"),
    ("The number of displaced people has doubled since Monday to around 4,500.", 4500, "2031-03-10"),
])
def test_a_toll_verbs_day_is_the_day_the_toll_stands_at(scoped, text, value, start):
    assert only(scoped(text), value).time["start"] == start


# -- a civilians toll above a toll of all people ---------------------------------------------------------
def test_civilians_above_a_toll_of_all_people_is_one_question():
    docs = [doc("a", "Alder Post", "2031-03-11"), doc("b", "Birch News", "2031-03-13")]
    figs = [figure("f1", "a", 60, category="civilians", qualifier="more_than", attributed_to=("the Lorn Front",)),
            figure("f2", "b", 41, attributed_to=("the Dorn Ministry",))]
    (question,) = numeric(docs, figs)
    assert question.startswith("How many people were killed: 41 (") and "more than 60 civilians (" in question


@pytest.mark.parametrize(("some", "whole_day"), [
    (figure("f1", "a", 20, category="civilians", attributed_to=("the Lorn Front",)), "2031-03-13"),  # fewer
    (figure("f1", "a", 60, category="civilians", attributed_to=("the Lorn Front",)), "2031-03-10"),  # rose since
    (figure("f1", "a", 60, category="armed_group", attributed_to=("the Dorn Army",)), "2031-03-13"),  # fighters
    (figure("f1", "a", 60, category="civilians"), "2031-03-13"),  # an outlet's own count
])
def test_no_question_when_some_can_be_among_all(some, whole_day):
    docs = [doc("a", "Alder Post", "2031-03-11"), doc("b", "Birch News", whole_day)]
    assert numeric(docs, [some, figure("f2", "b", 41, attributed_to=("the Dorn Ministry",))]) == []


# -- a spokesman named with his rank speaks for his body -------------------------------------------------
def test_a_spokesman_named_after_a_comma_and_a_rank_speaks_for_the_body_his_report_names():
    from rashomon.align.identity import NameUse, build_identity

    text = ("The Dorn Interior Ministry gave a lower figure. A ministry spokesman, Colonel Ivo Marten, said "
            "three people had died.")
    identity = build_identity([NameUse("d1", "the Dorn Interior Ministry", 0), NameUse("d1", "Ivo Marten", 70),
                               NameUse("d2", "Dorn Interior Ministry", 0)], texts={"d1": text})
    marten = identity.attribution("d1", "Ivo Marten", 70)
    assert marten.speaker == "Ivo Marten"
    assert marten.source_id == identity.source_id("d2", "Dorn Interior Ministry")
    # negative: a person merely named after a comma speaks for no one
    alone = build_identity([NameUse("d1", "Ivo Marten", 40)], texts={"d1": "At the scene, Colonel Ivo Marten said "
                                                                           "three people had died."})
    assert alone.attribution("d1", "Ivo Marten", 40).speaker is None


def test_one_sources_clashing_tolls_need_two_origins():
    figs = [figure("f1", "a", 46, event="injured", attributed_to=("the Dorn Ministry",)),
            figure("f2", "b", 52, event="injured", attributed_to=("the Dorn Ministry",))]
    independent = [doc("a", "Alder Post", "2031-03-02"), doc("b", "Birch News", "2031-03-02")]
    assert len(numeric(independent, figs)) == 1  # two outlets report the ministry differently on one day
    copies = [doc("a", "Alder Post", "2031-03-02"), doc("b", "Birch News", "2031-03-02", duplicate_of="a")]
    assert numeric(copies, figs) == []  # one story republished: one voice

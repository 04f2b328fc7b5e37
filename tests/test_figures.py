"""Tests for the figure extractor (issue 3) on sentences written for these tests.

Every sentence here is composed for the test (places, organisations and people are invented), so
that the rules are checked as general English, not as the wording of any one report.
"""

from __future__ import annotations

import pytest

from rashomon.analyze import load_nlp
from rashomon.analyze.figures import CASUALTY, extract_figures
from rashomon.analyze.lexicon import lexicon
from rashomon.analyze.numbers import words_value
from rashomon.analyze.temporal import last_weekday, resolve


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def run(nlp):
    def _run(text: str, published: str | None = None):
        doc = nlp.make_doc(text)
        doc.user_data["rashomon.doc_id"] = "t"
        doc.user_data["rashomon.published"] = published
        doc = nlp(doc)
        figs = doc._.figures
        for f in figs:  # every span points at its words
            assert text[f.span[0] : f.span[1]] == f.text
        return figs

    return _run


def one(figs, value):
    hits = [f for f in figs if f.value == value]
    assert len(hits) == 1, f"expected one figure of {value}, got {[(f.text, f.value, f.event) for f in figs]}"
    return hits[0]


def casualties(figs):
    return [f for f in figs if f.event in CASUALTY]


def check(f, event=None, category=None, qualifier=None):
    got = (f.event, f.category, f.qualifier)
    want = (event or f.event, category or f.category, qualifier or f.qualifier)
    assert got == want, f"{f.text!r}: got {got}, want {want}"


# --- values and qualifiers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, qualifier",
    [
        ("Officials in Marlow said 1,383 people were killed in the fighting.", 1383, "exact"),
        ("Thirteen soldiers were killed near the border.", 13, "exact"),
        ("A dozen villagers were wounded in the raid.", 12, "exact"),
        ("Dozens of people were wounded when the market was shelled.", 12, "plural_of"),
        ("Scores of protesters were arrested outside the parliament.", 20, "plural_of"),
        ("Hundreds of families have fled the valley.", 100, "plural_of"),
        ("Thousands of residents were displaced by the fighting.", 1000, "plural_of"),
        ("Tens of thousands of people have fled the region.", 10000, "plural_of"),
        ("Two hundred and fifty people were killed in the quake zone clashes.", 250, "exact"),
        ("Some 1.5 million people have been displaced since the war began.", 1500000, "about"),
        ("At least 30 people died in the attack.", 30, "at_least"),
        ("More than 40 civilians were killed in the village.", 40, "more_than"),
        ("Over 60 soldiers were wounded in the offensive.", 60, "more_than"),
        ("Nearly 90 people were arrested during the protests.", 90, "at_most"),
        ("Almost 200 families fled the town overnight.", 200, "at_most"),
        ("Up to 50 people may have died in the collapse of the shelter.", 50, "at_most"),
        ("Fewer than 10 people were injured in the blast.", 10, "less_than"),
        ("Around 300 people were killed in the offensive.", 300, "about"),
        ("Approximately 75 fighters died in the clashes.", 75, "about"),
        ("About 20 police officers were hurt in the riot.", 20, "about"),
        ("Some 400 families fled the district.", 400, "about"),
        ("Roughly 500 people were detained by the authorities.", 500, "about"),
        ("An estimated 2,000 people have fled across the river.", 2000, "about"),
        ("Half a dozen guards were captured by the rebels.", 6, "exact"),
        ("Several hundred families were displaced by the floods of fighting.", 100, "plural_of"),
        ("More than a dozen police officers were hurt.", 12, "more_than"),
        ("Twenty-five fighters died in the ambush.", 25, "exact"),
    ],
)
def test_values_and_qualifiers(run, text, value, qualifier):
    f = one(run(text), value)
    assert f.qualifier == qualifier
    assert f.event in CASUALTY


def test_words_value():
    assert words_value(["two", "hundred", "and", "fifty"]) == 250
    assert words_value(["1.5", "million"]) == 1_500_000
    assert words_value(["half", "a", "dozen"]) == 6
    assert words_value(["a", "dozen"]) == 12
    assert words_value(["thirteen"]) == 13
    assert words_value(["banana"]) is None


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("Between 20 and 30 people were killed in the shelling.", 20, 30),
        ("Doctors said 20-30 people were wounded in the blast.", 20, 30),
        ("Medics said 40 to 50 civilians were injured.", 40, 50),
    ],
)
def test_ranges(run, text, low, high):
    figs = casualties(run(text))
    assert len(figs) == 1
    f = figs[0]
    assert (f.low, f.high, f.value) == (low, high, low)


@pytest.mark.parametrize(
    "text, value",
    [
        ("Another 10 people died in hospital on Sunday.", 10),
        ("Officials said 15 more soldiers were killed overnight.", 15),
        ("A further 12 civilians were wounded in the afternoon.", 12),
        ("Later, a second bombing caused the deaths of 9 more police officers.", 9),
    ],
)
def test_increments(run, text, value):
    f = one(run(text), value)
    assert f.addition is True
    assert f.event in CASUALTY


def test_no_increment_for_plain_count(run):
    f = one(run("Nine police officers were killed at the checkpoint."), 9)
    assert f.addition is False


# --- events and categories -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, event, category",
    [
        ("Gunmen opened fire on a bus, killing 13 passengers.", 13, "killed", "civilians"),
        ("Thirteen police officers were killed in the ambush.", 13, "killed", "security_forces"),
        ("The blast caused the deaths of 11 soldiers.", 11, "killed", "security_forces"),
        ("Fourteen civilians died in the shelling of the market.", 14, "killed", "civilians"),
        ("Seven people lost their lives when the bridge was bombed.", 7, "killed", "people"),
        ("The attack left 12 people dead.", 12, "killed", "people"),
        ("Security forces killed 38 militants in the hills.", 38, "killed", "armed_group"),
        ("Government troops ambushed and shot dead 21 rebels.", 21, "killed", "armed_group"),
        ("Thirty-one people were injured when the roof fell.", 31, "injured", "people"),
        ("The clinic treated 230 wounded people on Monday.", 230, "injured", "people"),
        ("Hundreds of residents were seen fleeing their homes.", 100, "displaced", "civilians"),
        ("Dozens of families crossed into Varnia to escape the bombing.", 12, "displaced", "civilians"),
        ("About 2,000 people sought refuge in the mountains.", 2000, "displaced", "people"),
        ("At least 500 people were forced from their homes.", 500, "displaced", "people"),
        ("Hundreds of villagers are seeking safety in the capital.", 100, "displaced", "civilians"),
        ("Police detained 58 protesters after the march.", 58, "detained", "civilians"),
        ("Twelve journalists were arrested at the airport.", 12, "detained", "civilians"),
        ("Gunmen kidnapped 20 students from a school.", 20, "detained", "civilians"),
        ("Five aid workers were taken hostage by the militia.", 5, "detained", "civilians"),
        ("Forty people remain missing after the raid.", 40, "missing", "people"),
        ("Rescuers pulled the bodies of 9 people from the rubble.", 9, "killed", "people"),
        ("Twenty bodies were found in a field outside the town.", 20, "killed", "people"),
        ("The fighting has claimed 30 lives since the weekend.", 30, "killed", "people"),
        ("Twelve soldiers and militants were killed in the clashes.", 12, "killed", "combatants"),
        ("Fifty rebel fighters died in the valley.", 50, "killed", "armed_group"),
        ("Nineteen pro-government gunmen were killed in the raid.", 19, "killed", "armed_group"),
        ("Eight members of the security forces were killed.", 8, "killed", "security_forces"),
        ("Six members of a single family were killed in the strike.", 6, "killed", "civilians"),
        ("Eleven army troops were wounded in the attack.", 11, "injured", "security_forces"),
        ("The strikes killed 17 insurgents and wounded 4 civilians.", 17, "killed", "armed_group"),
        ("The strikes killed 17 insurgents and wounded 4 civilians.", 4, "injured", "civilians"),
    ],
)
def test_events_and_categories(run, text, value, event, category):
    check(one(run(text), value), event=event, category=category)


def test_toll_subject_with_bound_verb(run):
    f = one(run("In the south, the number of dead has exceeded 1,200."), 1200)
    check(f, "killed", "people", "more_than")
    assert f.text == "the number of dead has exceeded 1,200"


def test_toll_rose_to(run):
    check(one(run("The death toll rose to 75 on Sunday."), 75), "killed", "people", "exact")
    check(one(run("The toll stood at 52 by the evening."), 52), "killed", "people")


def test_number_of_people_killed(run):
    check(one(run("The number of people killed has climbed to 210."), 210), "killed", "people")


def test_casualties_may_number_in_the_thousands(run):
    f = one(run("Officials fear the casualties may number in the thousands."), 1000)
    check(f, "killed", "people", "plural_of")
    assert f.hedged


def test_dead_and_wounded_in_one_sentence(run):
    figs = run("The bombing killed 12 people and wounded 40 others.")
    check(one(figs, 12), "killed")
    check(one(figs, 40), "injured")


def test_perpetrator_count_is_not_a_casualty(run):
    figs = run("Police said 20 gunmen attacked the village on Friday.")
    assert casualties(figs) == []


# --- incidents and numbers that are not casualty figures -----------------------------------------------


def test_massacres_are_incidents(run):
    figs = run("The network reported two massacres in the hamlets of Oskar and Belen.")
    f = one(figs, 2)
    assert f.event == "incidents"
    assert casualties(figs) == []


def test_attack_counts_are_incidents(run):
    f = one(run("The monitor documented at least 14 attacks on hospitals."), 14)
    assert (f.event, f.qualifier) == ("incidents", "at_least")


def test_incidents_and_victims_together(run):
    figs = run("Around 300 civilians died in roughly 20 separate incidents.")
    check(one(figs, 300), "killed", "civilians", "about")
    check(one(figs, 20), "incidents", qualifier="about")


@pytest.mark.parametrize(
    "text",
    [
        "The group has been fighting the government since 2011.",
        "About 10% of the population is Druze.",
        "The Ostrani make up 12 percent of the country's population.",
        "The commander, 54, was arrested at his home.",
        "A 67-year-old man was among those detained.",
        "The army seized 40 rifles and six trucks.",
        "Shelling destroyed 30 houses and two schools.",
        "One of the victims was a teacher.",
        "Soldiers of the 25th Brigade were deployed to the coast.",
        "The government pledged $5 million in aid to the region.",
        "The donors gave 3 million euros to the relief effort.",
        "The fighting lasted three days.",
        "The meeting took place at 10:30 on March 3.",
        "He ruled the country for 22 years before he fled.",
        "The first convoy arrived on the 14th.",
        "The ceasefire was signed in 1994 and broke down in 2003.",
        "The road is 40 kilometres long.",
        "Two helicopters and three tanks were destroyed.",
    ],
)
def test_non_casualty_numbers(run, text):
    assert casualties(run(text)) == []


def test_troop_deployment_is_other(run):
    figs = run("The ministry said it would deploy 2,000 troops to the area.")
    assert casualties(figs) == []
    assert all(f.event == "other" for f in figs)


def test_headline_is_skipped(run):
    text = "Militants Killed Hundreds of Villagers in Border Raid\n\nAt least 300 villagers were killed on Monday."
    figs = run(text)
    assert [f.value for f in casualties(figs)] == [300]


# --- groups --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, group, category",
    [
        ("Twelve Kurdish civilians were killed in the strike.", 12, "Kurdish", "civilians"),
        ("Forty Christians were abducted from the church.", 40, "Christian", "people"),
        ("More than 300 Yazidis have fled to the mountain.", 300, "Yazidi", "people"),
        ("The attack killed 9 children and 3 women.", 9, "children", "civilians"),
        ("The attack killed 9 children and 3 women.", 3, "women", "civilians"),
        ("Gunmen killed dozens of civilians from the Druze minority.", 12, "Druze", "civilians"),
        ("Nineteen Ostrani villagers were executed in the square.", 19, "Ostrani", "civilians"),
    ],
)
def test_groups(run, text, value, group, category):
    f = one(run(text), value)
    assert f.group == group
    assert f.category == category


def test_no_group_for_forces(run):
    f = one(run("Twenty Varnian soldiers were killed."), 20)
    assert f.group is None


# --- attribution ---------------------------------------------------------------------------------------


def test_reporting_verb_subject(run):
    f = one(run("The Harbor Monitoring Network said that 45 people had been killed."), 45)
    assert f.attributed_to == ["Harbor Monitoring Network"]


def test_according_to(run):
    f = one(run("According to the Ministry of Health, 60 people were wounded."), 60)
    assert f.attributed_to == ["Ministry of Health"]


def test_trailing_said(run):
    f = one(run("At least 40 people were killed in the raid, the health ministry said."), 40)
    assert f.attributed_to == ["health ministry"]


def test_told(run):
    f = one(run("A local official told the Tribune that 7 people were killed."), 7)
    assert f.attributed_to == ["local official"]


def test_appositive_source(run):
    text = "Fifty people died, according to the Pellam Rights Watch, a monitoring group based in Osta."
    f = one(run(text), 50)
    assert f.attributed_to == ["Pellam Rights Watch"]


def test_reference_back_to_named_source(run):
    text = (
        "The Northern Rights Centre reported heavy fighting on Monday. "
        "The centre estimates that 80 civilians have died."
    )
    f = one(run(text), 80)
    assert f.attributed_to == ["Northern Rights Centre"]


def test_reference_back_by_other_noun(run):
    text = (
        "The Valley Observatory for Civil Rights said shelling continued overnight. "
        "The organisation estimates that at least 120 people have died so far."
    )
    f = one(run(text), 120)
    assert f.attributed_to == ["Valley Observatory for Civil Rights"]


def test_pronoun_refers_back(run):
    text = "The Valley Observatory said it had documented the deaths of 52 people."
    f = one(run(text), 52)
    assert f.attributed_to == ["Valley Observatory"]


def test_acronym_refers_back(run):
    text = (
        "The Coastal Rights Monitor (CRM) opened an office in the port. "
        "The CRM reported that around 90 civilians were killed."
    )
    f = one(run(text), 90)
    assert f.attributed_to == ["Coastal Rights Monitor"]


def test_source_chain(run):
    f = one(run("Reuters reported, citing local activists, that 25 people were killed."), 25)
    assert f.attributed_to == ["Reuters", "local activists"]


def test_according_to_with_citing(run):
    text = "Rescuers recovered 14 bodies, according to local officials citing witnesses."
    f = one(run(text), 14)
    assert f.attributed_to == ["local officials", "witnesses"]


@pytest.mark.parametrize(
    "text, value",
    [
        ("Fifteen people were killed in the village on Monday.", 15),
        ("Reports suggest that 200 people died in the floods of violence.", 200),
        ("Dozens of families have fled to the hills, as reported by local news outlets.", 12),
        ("Dozens of families have fled to the hills, local media sources said.", 12),
    ],
)
def test_no_named_source(run, text, value):
    assert one(run(text), value).attributed_to == []


def test_no_carry_over_without_reference(run):
    text = (
        "The Valley Observatory said 30 people died in the shelling. "
        "Another 10 people were wounded in a separate attack on the market."
    )
    figs = run(text)
    assert one(figs, 30).attributed_to == ["Valley Observatory"]
    assert one(figs, 10).attributed_to == []


def test_later_group_said(run):
    text = (
        "The Red Lantern Society, a relief group, said on Tuesday that 3,400 people had fled. "
        "The group added that 200 were injured."
    )
    figs = run(text)
    assert one(figs, 3400).attributed_to == ["Red Lantern Society"]
    assert one(figs, 200).attributed_to == ["Red Lantern Society"]


# --- hedges and perpetrators ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, hedged",
    [
        ("Army units are alleged to have executed 40 villagers.", 40, True),
        ("Militants reportedly abducted 12 women from the village.", 12, True),
        ("An unverified video purportedly shows 20 bodies in a ditch.", 20, True),
        ("Up to 50 people may have died in the fire.", 50, True),
        ("The army claimed that 30 insurgents were killed.", 30, True),
        ("Dozens of civilians are said to have been killed.", 12, True),
        ("Twenty people were killed, the ministry said.", 20, False),
        ("Eight soldiers died in the ambush.", 8, False),
    ],
)
def test_hedges(run, text, value, hedged):
    assert one(run(text), value).hedged is hedged


@pytest.mark.parametrize(
    "text, value, perpetrator",
    [
        ("Government troops ambushed and shot dead 21 rebels.", 21, "Government troops"),
        ("Twelve civilians were killed by militia fighters.", 12, "militia fighters"),
        ("Army units are alleged to have executed 40 villagers.", 40, "Army units"),
        ("Militants attacked a convoy, killing 13 soldiers.", 13, "Militants"),
        ("An airstrike killed 11 people in the market.", 11, None),
        ("Nine people were killed in the shelling.", 9, None),
    ],
)
def test_perpetrator(run, text, value, perpetrator):
    assert one(run(text), value).perpetrator == perpetrator


# --- time ----------------------------------------------------------------------------------------------

PUB = "2025-03-08"  # a Saturday


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("Since Thursday, 50 people have been killed in the province.", "2025-03-06", "2025-03-08"),
        ("On Friday and Saturday, 30 people were killed in the hills.", "2025-03-07", "2025-03-08"),
        ("Over the past three days, the toll has passed 640.", "2025-03-06", "2025-03-08"),
        ("This morning, two soldiers were killed at a checkpoint.", "2025-03-08", "2025-03-08"),
        ("On Thursday, 12 people died in the floods of fire.", "2025-03-06", "2025-03-06"),
        ("Yesterday, 14 fighters were captured near the river.", "2025-03-07", "2025-03-07"),
        ("On Saturday, 9 people were wounded.", "2025-03-08", "2025-03-08"),
        ("On March 3, 40 people were killed in the city.", "2025-03-03", "2025-03-03"),
    ],
)
def test_time_resolved_against_publication(run, text, start, end):
    casualty = casualties(run(text, PUB))
    assert len(casualty) == 1
    t = casualty[0].time
    assert t is not None and (t["start"], t["end"]) == (start, end), t


def test_time_needs_publication_date(run):
    f = one(run("Since Thursday, 50 people have been killed in the province."), 50)
    assert f.time is None


def test_absolute_date_without_publication(run):
    f = one(run("On 3 March 2024, 40 people were killed in the city."), 40)
    assert f.time is not None and f.time["start"] == "2024-03-03"


def test_reporting_time_is_not_the_window(run):
    f = one(run("The ministry said on Monday that 20 people were killed.", "2025-03-12"), 20)
    assert f.time is None


def test_weekday_resolution():
    from datetime import date

    assert last_weekday(date(2025, 3, 8), "thursday") == date(2025, 3, 6)
    assert last_weekday(date(2025, 3, 6), "thursday") == date(2025, 3, 6)  # on or before
    assert last_weekday(date(2025, 3, 5), "thursday") == date(2025, 2, 27)
    assert resolve("since Thursday", None) is None
    assert resolve("nothing to see", "2025-03-08") is None


# --- places --------------------------------------------------------------------------------------------


def test_place_town_of(run):
    f = one(run("In the town of Harlow, 12 people were killed."), 12)
    assert f.place == "Harlow"


def test_place_entity(run):
    f = one(run("Dozens of families crossed into Turkey to escape the bombing."), 12)
    assert f.place == "Turkey"


def test_no_place(run):
    assert one(run("Nine people were killed in the shelling."), 9).place is None


# --- parts ---------------------------------------------------------------------------------------------


def test_including_part(run):
    figs = run("The monitor said 300 people were killed, including 120 women.")
    whole, part = one(figs, 300), one(figs, 120)
    assert part.part_of == figs.index(whole)
    check(part, "killed", "civilians")
    assert part.group == "women"


def test_this_number_includes(run):
    text = "Over the past week the toll has passed 500. That figure includes dozens of soldiers and rebels."
    figs = run(text)
    whole, part = one(figs, 500), one(figs, 12)
    assert part.part_of == figs.index(whole)
    check(part, "killed", "combatants", "plural_of")


def test_partitive_of_them(run):
    figs = run("At least 80 people died in the fire. Thirteen of them were children.")
    whole, part = one(figs, 80), one(figs, 13)
    assert part.part_of == figs.index(whole)
    assert part.event == "killed"
    assert part.category == "civilians"


def test_among_the_dead(run):
    figs = run("Forty people were killed on Monday. Among the dead were 14 children.")
    part = one(figs, 14)
    check(part, "killed", "civilians")
    assert part.part_of == figs.index(one(figs, 40))


# --- spans, lexicon, document-level behaviour ----------------------------------------------------------


def test_span_is_compact(run):
    f = one(run("Hours later, an attack on a convoy near the river killed 13 officers."), 13)
    assert f.text == "13 officers"
    assert f.sentence is not None


def test_span_for_vague_plural_with_of(run):
    f = one(run("Hundreds of Ostrani civilians were killed, the council said."), 100)
    assert f.text == "Hundreds of Ostrani civilians"


def test_empty_and_numberless(run):
    assert run("") == []
    assert run("Nothing happened in the quiet village today.") == []


def test_lexicon_loads_once():
    assert lexicon() is lexicon()
    assert "kill" in lexicon().transitive


def test_extract_figures_direct_call(nlp):
    doc = nlp("Ten people were killed on Friday.")
    figs = extract_figures(doc, "doc1", "2025-03-08")
    assert [f.doc_id for f in figs] == ["doc1"]
    assert figs[0].to_dict()["value"] == 10


# --- tolls stated by a verb of counting, totals, gapping, participles ----------------------------------


@pytest.mark.parametrize(
    "text, value, event, category",
    [
        ("Officials put the death toll at 40.", 40, "killed", "people"),
        ("The ministry later raised its count of injured officers to 27.", 27, "injured", "security_forces"),
        ("A second strike brought the total number of deaths to 1,200.", 1200, "killed", "people"),
        (
            "The shelling continued overnight, taking the number of people killed since January to 2,650.",
            2650,
            "killed",
            "people",
        ),
        ("A total of 85 people were arrested on Friday.", 85, "detained", "people"),
        ("More than 3,200 people have been killed and over 11,000 wounded.", 11000, "injured", "people"),
        (
            "Thousands have been displaced, with some 80,000 crossing the border into Kestria.",
            80000,
            "displaced",
            "people",
        ),
        ("The Red Cross said it had registered 1,300 people as missing.", 1300, "missing", "people"),
        ("Officials said 23 people remain unaccounted for.", 23, "missing", "people"),
        ("Two soldiers were killed and three others wounded when their truck hit a mine.", 3, "injured", "people"),
        ("The army said it lost five soldiers in the battle.", 5, "killed", "security_forces"),
        ("She said aid must reach the 8,000 people she said had fled the highlands.", 8000, "displaced", "people"),
        ("Hundreds of Ostrani are sheltering in the old monastery.", 100, "displaced", "people"),
        ("Local officials said 74 people were still missing.", 74, "missing", "people"),
        ("Gunmen killed his two sons in front of the house.", 2, "killed", "civilians"),
    ],
)
def test_more_constructions(run, text, value, event, category):
    check(one(run(text), value), event=event, category=category)


def test_released_hostages_are_not_a_new_detention(run):
    figs = run("Gunmen abducted 14 passengers from a bus. Two of the hostages were later released.")
    check(one(figs, 14), "detained", "civilians")
    assert [f.value for f in casualties(figs)] == [14]


def test_among_the_dead_stated_after(run):
    figs = run("There were 40 children among the 130 dead.")
    part, whole = one(figs, 40), one(figs, 130)
    check(part, "killed", "civilians")
    assert part.part_of == figs.index(whole)
    assert whole.part_of is None


def test_among_them_apposition(run):
    figs = run("Seven people were killed, among them two journalists.")
    assert one(figs, 2).part_of == figs.index(one(figs, 7))


def test_rest_of_a_toll(run):
    text = (
        "The monitor said 312 people had been killed since Thursday. "
        "It said the remainder were 64 members of the security forces and 47 loyalist fighters."
    )
    figs = run(text)
    whole = figs.index(one(figs, 312))
    check(one(figs, 64), "killed", "security_forces")
    check(one(figs, 47), "killed", "armed_group")
    assert one(figs, 64).part_of == whole and one(figs, 47).part_of == whole


# --- reports whose first line is a header --------------------------------------------------------------


def test_first_sentence_after_a_date_line(run):
    text = (
        "date 2024-11-14\n\nAt least 27 people, including nine children, were killed on Wednesday, the authority said."
    )
    figs = run(text, "2024-11-14")
    whole, part = one(figs, 27), one(figs, 9)
    check(whole, "killed", "people", "at_least")
    assert whole.attributed_to == ["authority"]
    assert whole.time is not None and whole.time["start"] == "2024-11-13"
    assert part.part_of == figs.index(whole)


def test_first_sentence_after_a_headline(run):
    text = (
        "Border Villages Emptied as Militia Advances\n\nThe militia seized four villages, forcing thousands "
        "of families to flee, aid workers said."
    )
    f = one(run(text), 1000)
    check(f, "displaced", "civilians", "plural_of")
    assert f.attributed_to == ["aid workers"]
    assert f.perpetrator == "militia"


def test_dateline_is_not_a_perpetrator(run):
    text = (
        "GARNOV, March 4 (Wire) - Security forces opened fire on protesters, killing at least 12 people, medics said."
    )
    f = one(run(text), 12)
    assert f.perpetrator == "Security forces"
    assert f.attributed_to == ["medics"]


# --- more attribution ----------------------------------------------------------------------------------


def test_according_to_figures_compiled_by(run):
    text = "More than 3,200 people have been killed, according to figures compiled by the Dalvik Medical Association."
    assert one(run(text), 3200).attributed_to == ["Dalvik Medical Association"]


def test_outlet_own_correspondents_are_not_a_source(run):
    text = "Our correspondents report that militiamen executed 19 young men in the square."
    f = one(run(text), 19)
    assert f.attributed_to == []
    check(f, "killed", "people")


def test_new_institution_is_not_resolved_to_an_earlier_source(run):
    text = (
        "The Harbor Relief Agency said 450,000 people had been displaced. "
        "The army said it lost five soldiers and killed dozens of attackers."
    )
    figs = run(text)
    assert one(figs, 450000).attributed_to == ["Harbor Relief Agency"]
    assert one(figs, 5).attributed_to == ["army"]
    assert one(figs, 12).attributed_to == ["army"]


def test_finding_bodies_is_not_a_report(run):
    f = one(run("Rescuers found 20 bodies in a field on Sunday."), 20)
    assert f.attributed_to == []
    check(f, "killed", "people")


def test_accusation_is_a_hedge(run):
    f = one(run("The militia is accused of killing at least 60 civilians."), 60)
    assert f.hedged


# --- more time -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "expr, published, start, end",
    [
        ("since January", "2024-02-20", "2024-01-01", "2024-02-20"),
        ("in September", "2024-02-20", "2023-09-01", "2023-09-30"),
        ("since March 2023", "2024-02-20", "2023-03-01", "2024-02-20"),
        ("in the past week", "2024-02-20", "2024-02-14", "2024-02-20"),
        ("over the weekend", "2024-02-20", "2024-02-17", "2024-02-18"),
        ("last week", "2024-02-20", "2024-02-12", "2024-02-18"),
        ("yesterday", "2024-02-20", "2024-02-19", "2024-02-19"),
        ("on Friday and Saturday", "2025-03-08", "2025-03-07", "2025-03-08"),
        ("in the past 48 hours", "2025-03-08", "2025-03-06", "2025-03-08"),
        ("7 March 2025", None, "2025-03-07", "2025-03-07"),
    ],
)
def test_resolve_expressions(expr, published, start, end):
    a, b = resolve(expr, published)
    assert (a.isoformat(), b.isoformat()) == (start, end)


@pytest.mark.parametrize("expr", ["since January", "on Friday", "this morning", "in the past three days"])
def test_relative_expressions_need_a_publication_date(expr):
    assert resolve(expr, None) is None


def test_may_the_verb_is_not_a_month(run):
    f = one(run("Officials fear 20 people may have died in the fire.", "2025-03-08"), 20)
    assert f.time is None


# --- the optional line-break component -----------------------------------------------------------------


def test_line_break_component(nlp):
    from rashomon.analyze.linebreaks import line_breaks_component
    from rashomon.analyze.syntax import line_break_starts

    doc = nlp.make_doc("Headline Without Stop\n\nFirst sentence here. Second one.\nA caption line")
    starts = line_break_starts(doc)
    assert [doc[i].text for i in starts] == ["First", "A"]
    line_breaks_component(doc)
    assert doc[starts[0]].is_sent_start


def test_quoted_speaker_is_the_source(run):
    f = one(run('"We counted 17 bodies in the street," said Omar Haddad, a shopkeeper.'), 17)
    assert f.attributed_to == ["Omar Haddad"]


def test_estimates_of_a_named_body(run):
    text = "The war has killed more than 150,000 people and displaced four million, according to UN estimates."
    figs = run(text)
    assert one(figs, 150000).attributed_to == ["UN"]
    check(one(figs, 4000000), "displaced", "people")


def test_losing_men_names_no_perpetrator(run):
    f = one(run("The army lost at least 200 men in the battle for the pass."), 200)
    check(f, "killed", "people", "at_least")
    assert f.perpetrator is None


@pytest.mark.parametrize(
    "text",
    [
        "Police said a 2,000-member militia had been disbanded.",
        "The 3,000-strong force was deployed in 2019.",
        "Nearly 40% of the residents are minors.",
        "The government has offered $1,000 to each family.",
        "F-16 jets and two Su-24 bombers flew over the city.",
        "UN Security Council Resolution 2254 calls for elections.",
        "The talks resumed after a gap of 18 months.",
        "The two sides agreed to a ceasefire at 6 pm.",
    ],
)
def test_more_non_casualty_numbers(run, text):
    assert casualties(run(text)) == []


@pytest.mark.parametrize(
    "text, value, event, category",
    [
        ("Twenty people were reported killed in the raid.", 20, "killed", "people"),
        ("Fifty people were taken into custody.", 50, "detained", "people"),
        ("Twelve people were hospitalized after the blast.", 12, "injured", "people"),
        ("Five Ostrani were killed in the strike.", 5, "killed", "people"),
        ("A woman and her two children were killed.", 2, "killed", "civilians"),
        ("At least 30 people are feared dead.", 30, "killed", "people"),
        ("More than 1,000 people have been rounded up since Monday.", 1000, "detained", "people"),
        ("Twenty people were treated for injuries.", 20, "injured", "people"),
        ("Hundreds were left homeless by the shelling.", 100, "displaced", "people"),
        ("Four fishermen remain missing at sea.", 4, "missing", "civilians"),
    ],
)
def test_predicative_and_phrasal_events(run, text, value, event, category):
    check(one(run(text), value), event=event, category=category)


def test_denied_figure_is_hedged(run):
    f = one(run("The ministry denied that 40 civilians had been killed."), 40)
    check(f, "killed", "civilians")
    assert f.hedged


def test_negated_event_is_not_a_casualty(run):
    assert casualties(run("None of the 40 passengers were hurt.")) == []
    assert casualties(run("The 12 soldiers were not killed, the army said.")) == []


# --- parts, among-objects, members, reporting verbs, humanitarian wording ------------------------------


@pytest.mark.parametrize(
    "text, value, event, category",
    [
        ("The governor said 31 firefighters had been hurt, six of them by falling debris.", 6, "injured", None),
        (
            "Medics said 27 soldiers were wounded in the ambush, nine of them critically.",
            9,
            "injured",
            "security_forces",
        ),
        ("The clinic treated 80 wounded villagers, 12 of whom later died.", 12, "killed", "civilians"),
        (
            "Organisers counted 140 injuries among marchers, 35 of them caused by rubber bullets.",
            35,
            "injured",
            "civilians",
        ),
        ("The monitor documented the deaths of 26 students, 19 of whom were shot.", 19, "killed", "civilians"),
    ],
)
def test_part_inherits_category_of_whole(run, text, value, event, category):
    f = one(run(text), value)
    check(f, event=event, category=category or f.category)
    assert f.part_of is not None


def test_part_inherits_group_and_category(run):
    figs = run("Nineteen Ostrani farmers were killed in the raid, seven of them by sniper fire.")
    f = one(figs, 7)
    check(f, "killed", "civilians")
    assert f.group == "Ostrani"


def test_part_of_the_wounded_keeps_the_event(run):
    figs = run("Paramedics said 70 people were injured. They said 22 of the injured had been hit by shrapnel.")
    check(one(figs, 22), "injured")


def test_released_part_is_not_a_casualty(run):
    figs = run("Gunmen abducted 40 passengers on Monday. Twelve of the hostages were released on Tuesday.")
    check(one(figs, 40), "detained")
    assert not [f for f in figs if f.value == 12 and f.event == "detained"]


@pytest.mark.parametrize(
    "text, value, category",
    [
        ("Volunteers recorded 95 injuries among demonstrators in the capital.", 95, "civilians"),
        ("The agency counted 48 deaths among civilians last month.", 48, "civilians"),
        ("Officials reported 15 casualties among border guards.", 15, "security_forces"),
    ],
)
def test_category_from_among_object(run, text, value, category):
    check(one(run(text), value), category=category)


@pytest.mark.parametrize(
    "text, value, event, category",
    [
        ("Police arrested 25 members of a student union during the march.", 25, "detained", "civilians"),
        ("The farmers' association said 14 of its members had been detained.", 14, "detained", "civilians"),
        ("The militia admitted that nine of its members were killed.", 9, "killed", "armed_group"),
        ("Eleven members of the riot police were injured.", 11, "injured", "security_forces"),
    ],
)
def test_members_take_the_category_of_their_body(run, text, value, event, category):
    check(one(run(text), value), event=event, category=category)


@pytest.mark.parametrize(
    "text, value, source",
    [
        ("The Water Ministry has been forced to admit that 18 residents drowned.", 18, "Water Ministry"),
        ("The Coast Authority acknowledged that 40 migrants were missing.", 40, "Coast Authority"),
        ("The Harbour Board conceded that 12 workers had been injured.", 12, "Harbour Board"),
        ("The Relief Office's count of 75 dead is widely cited.", 75, "Relief Office"),
        ("The Mill Workers' Union's claim that 30 workers were injured could not be checked.", 30, "Union"),
        ("The Village Council, which maintains that only four people died, gave no details.", 4, "Village Council"),
    ],
)
def test_reporting_verbs_and_owners_credit_sources(run, text, value, source):
    f = one(run(text), value)
    assert f.attributed_to and source in f.attributed_to[0], f.attributed_to


@pytest.mark.parametrize(
    "text, value, event, qualifier",
    [
        ("The floods have killed 90 people and displaced about 250,000, officials said.", 250000, "displaced", "about"),
        ("Twelve people were killed and at least 64 injured in the collapse.", 64, "injured", "at_least"),
        ("The Red Dune Society's tally of 58 dead was revised on Friday.", 58, "killed", "exact"),
        ("Roughly 3,000 people have arrived at the transit camp since Sunday.", 3000, "displaced", "about"),
        ("Some 700 families are sheltering in tents near the river.", 700, "displaced", "about"),
        ("About 2,500 of the town's residents have left the area.", 2500, "displaced", "about"),
        ("Around 900 people have registered at three shelters in the valley.", 900, "displaced", "about"),
        ("Thirty patients with serious burns were flown to the capital.", 30, "injured", "exact"),
        ("Seven fishermen are still unaccounted for.", 7, "missing", "exact"),
        ("Fourteen tourists have disappeared in the mountains.", 14, "missing", "exact"),
        ("Her brother and three cousins have not been seen since the raid.", 3, "missing", "exact"),
        ("Elders keep a list of 52 people whose families cannot find them.", 52, "missing", "exact"),
        ("Troops eliminated 20 members of an armed gang, the army said.", 20, "killed", "exact"),
        ("Nearly 400 people were held at a stadium overnight.", 400, "detained", "at_most"),
    ],
)
def test_more_event_wordings(run, text, value, event, qualifier):
    check(one(run(text), value), event=event, qualifier=qualifier)


def test_reference_figure_takes_previous_event(run):
    figs = run("The ministry said 35 people were killed. Its first figure of 20 was later revised.")
    check(one(figs, 20), "killed")
    assert one(figs, 20).part_of is None


def test_main_verb_wins_over_participle(run):
    figs = run("The toll rose after three men injured in the blast died in hospital.")
    check(one(figs, 3), "killed")


def test_among_them_is_a_part(run):
    figs = run("More than 60 people, among them at least 15 children, are reported missing.")
    check(one(figs, 15), "missing", "civilians")


def test_part_of_things_and_restated_whole_are_dropped(run):
    figs = run("Rescuers found 30 bodies. Analysts matched two of the photos to the market.")
    assert [f.value for f in figs] == [30]
    figs = run("The group confirmed 23 deaths. In nine of the 23 deaths, witnesses blamed the police.")
    assert sorted(f.value for f in figs) == [9, 23]


@pytest.mark.parametrize(
    "text, value, event, category",
    [
        ("About 90 people were detained in Harlow, and nearly 40 in Benton.", 40, "detained", "people"),
        ("Gunmen killed 12 guards at the gate and six near the depot.", 6, "killed", "security_forces"),
    ],
)
def test_gapped_conjunct_shares_the_verb(run, text, value, event, category):
    f = one(run(text), value)
    check(f, event=event, category=category)
    assert len(f.text.split()) <= 2  # its own words, not the first conjunct's


def test_people_named_by_community_are_people_of_that_group(run):
    # a community names who they are, not that they are civilians (issue 17)
    f = one(run("At least 14 men from an Ostrani clan were shot dead near the well."), 14)
    check(f, "killed", "people")
    assert f.group == "Ostrani"
    check(one(run("At least 14 men were shot dead near the well."), 14), "killed", "people")


def test_a_reports_text_is_read_once_and_stays_its_text(nlp):
    from rashomon.analyze.syntax import doc_text
    doc = nlp("Twelve people died.\n\nThe toll rose to 14 on Monday, the mayor said.")
    assert doc_text(doc) == doc.text
    doc.user_data["rashomon.text"] = "cached"  # read from the cache from now on, not joined again
    assert doc_text(doc) == "cached"


def test_a_reports_units_are_made_once_and_belong_to_it(nlp):
    from rashomon.analyze.syntax import doc_text, units
    first = nlp("Eleven people died.\n\nThe toll rose to 14 on Monday, the mayor said.")
    other = nlp("Eleven people died.\n\nThe toll rose to 14 on Monday, the mayor said.")
    made = units(first)
    assert [u.span.text for u in made] == ["Eleven people died.", "The toll rose to 14 on Monday, the mayor said."]
    assert units(first) is made and units(first, doc_text(first)) is made  # every reader gets the same units
    assert units(other) is not made and [u.span.text for u in units(other)] == [u.span.text for u in made]
    assert units(first) is not made  # another report came between: made again, the same
    assert units(first, "Eleven people died.\n\nThe toll rose to 14 on Monday, the mayor said.") is not units(first)

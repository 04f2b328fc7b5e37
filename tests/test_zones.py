"""Document zones (``rashomon.zones``) on page texts composed for these tests, with negatives."""

from __future__ import annotations

import pytest

from rashomon.zones import CONTENT, ZoneIndex, dateline, find_zones


def kinds(text: str, title: str | None = None) -> list[tuple[str, str]]:
    return [(z.kind, text[z.start : z.end]) for z in find_zones(text, title)]


@pytest.mark.parametrize(
    "opening, place, date, agency",
    [
        ("BRELL, Sudria (AP) — ", "Brell", None, "AP"),
        ("KARVO, Orsenia (Meridian Wire) - ", "Karvo", None, "Meridian Wire"),
        ("MOSCOW, April 8. /NEWS/. ", "Moscow", None, "NEWS"),
        ("GAZA CITY, 12 May 2024 (Reuters) - ", "Gaza City", "2024-05-12", "Reuters"),
        ("TARN - ", "Tarn", None, None),
        ("(Brell, February 21, 2023) – ", "Brell", "2023-02-21", None),
        ("September 23, 2019 (KARVO) – ", "Karvo", "2019-09-23", None),
        ("Varnek – ", "Varnek", None, None),
    ],
)
def test_datelines(opening, place, date, agency):
    text = opening + "Local officials said 30 people were killed in the strike."
    z = dateline(text)
    assert z is not None and text[z.start : z.end] == opening.rstrip()
    assert (z.place, z.date, z.agency) == (place, date, agency)
    assert kinds(text)[-1] == ("body", "Local officials said 30 people were killed in the strike.")


@pytest.mark.parametrize(
    "text",
    [
        "UN officials said 30 people were killed.",
        "NATO – the alliance said on Monday – will meet.",  # an acronym, not a place
        "The first paragraph is here.\n\nVarnek – Local officials said 30 people died.",  # not the first paragraph
        "Hezbollah said on Friday that - as it put it - nothing happened.",
    ],
)
def test_no_dateline(text):
    assert dateline(text) is None


def test_headline_and_standfirst_without_a_title():
    text = ("Hundreds flee valley raid\n\nThe raid killed at least 50 civilians and overwhelmed clinics\n\n"
            "Rescuers worked through the night. The ministry said the toll would rise.")
    assert [k for k, _ in kinds(text)] == ["headline", "standfirst", "body"]


def test_a_title_from_the_header_makes_the_first_line_a_standfirst():
    text = "The raid killed at least 50 civilians and overwhelmed clinics\n\nRescuers worked through the night."
    assert kinds(text, title="Raid on Brell")[0][0] == "standfirst"
    assert kinds(text, title="The raid killed at least 50 civilians")[0][0] == "headline"


def test_a_closed_first_sentence_is_body():
    text = "Fighting went on in the valley, where hundreds were killed.\nThe monitor said 40 more died."
    assert [k for k, _ in kinds(text)] == ["body", "body"]


@pytest.mark.parametrize(
    "line, kind",
    [
        ("By Lena Ferro and Tom Aske", "byline"),
        ("Reporting by Lena Ferro; Editing by Tom Aske", "credit"),
        ("(Video: Brell Wire)", "credit"),
        ("[Getty]", "credit"),
        ("Rescuers carry a wounded man out of the rubble [Getty]", "caption"),
        ("Mourners at the funeral on Sunday (AP Photo/Ana Kesk)", "caption"),
        ("Photo: rescuers at the station after the strike", "caption"),
        ("Read more: 30 killed in border clashes", "readmore"),
        ("Get the Brell Wire app on your phone", "readmore"),
        ("Updated 8 April 2022, 10:32 GMT", "timestamp"),
        ("April 8, 2022", "timestamp"),
        ("Thirty were killed pic.twitter.com/abc123", "embed"),
        ("— Ana Kesk (@anakesk) March 8, 2025", "embed"),
    ],
)
def test_page_furniture(line, kind):
    text = f"The strike hit the market at noon, officials said.\n\n{line}\n\nThe ministry said the toll would rise."
    assert kinds(text)[1] == (kind, line)


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell sharply after the strike on the port, traders said.",  # not "Share this"
        "By nightfall the army said 12 soldiers had been killed.",  # not a byline
        "Police said the men (all from Brell) were detained.",  # brackets, no credit
        "From the interior ministry's statement:",  # an introduction, not a subheading
        "- 30 people killed in the strike",  # a list item
        "Follow-up talks collapsed on Monday, officials said.",  # not "Follow us"
    ],
)
def test_body_lines_stay_body(line):
    text = f"The strike hit the market at noon, officials said.\n\n{line}\n\nThe ministry said the toll would rise."
    assert kinds(text)[1] == ("body", line)


def test_subheadings():
    text = ("The strike hit the market, officials said.\n\nWhat happened\n\nA rocket struck at noon.\n\n"
            "Who fired the rocket?\n\nNo one has said.")
    assert [k for k, _ in kinds(text)] == ["body", "subheading", "body", "subheading", "body"]


def test_a_timestamp_opening_the_text():
    text = "date 2025-03-06 At least 20 people were killed in the port, the coast guard said."
    assert kinds(text)[:2] == [("timestamp", "date 2025-03-06"),
                               ("body", "At least 20 people were killed in the port, the coast guard said.")]


def test_zone_index_reads_past_a_dateline():
    text = "BRELL, Sudria (AP) — Local officials said 30 people were killed.\n\n[Getty]\n\nMore later."
    index = ZoneIndex(find_zones(text))
    assert index.kind_of(0, text.index("\n")) == "body"
    assert index.content(0, text.index("\n"))
    assert not index.content(text.index("[Getty]"), text.index("[Getty]") + 7)
    assert index.opening_end(2) == text.index(" Local")
    assert "caption" not in CONTENT


def test_ingest_dates_an_undated_report_by_its_dateline(tmp_path):
    from rashomon.config import Settings
    from rashomon.ingest import read_inputs

    report = tmp_path / "a.txt"
    report.write_text("title: Strike\n\n(Brell, February 21, 2023) – Local officials said 30 people died.\n")
    (doc,) = list(read_inputs([str(report)], Settings()))
    assert doc.published == "2023-02-21"
    assert any("dateline" in flag for flag in doc.flags)
    dated = tmp_path / "b.txt"
    dated.write_text("title: Strike\ndate: 2023-02-22\n\n(Brell, February 21, 2023) – Officials said so.\n")
    (doc,) = list(read_inputs([str(dated)], Settings()))
    assert doc.published == "2023-02-22" and not any("dateline" in flag for flag in doc.flags)

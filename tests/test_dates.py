"""Dates (rashomon.dates): publication dates from metadata and time expressions in report text, with the
edges date parsers miss. Sentences are written for these tests; places and bodies are invented."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rashomon.config import Settings
from rashomon.dates import LocaleOrder, find_time_expressions, locale_order, read_date, resolve
from rashomon.errors import RashomonError
from rashomon.ingest.text import document_from_text
from rashomon.model import to_json
from rashomon.workflow import analyse_texts

THURSDAY = "2025-06-05"
MONDAY = "2025-06-02"

# ---------------------------------------------------------------- metadata dates


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("20250605T101500Z", "2025-06-05"),  # ISO 8601 basic, as GDELT's seendate
        ("20250605T1015", "2025-06-05"),
        ("20250605", "2025-06-05"),
        ("20150218230000", "2015-02-18"),  # GDELT GKG's DATE
        ("2025-06-05T23:30:00-05:00", "2025-06-05"),  # the date as the outlet wrote it, not shifted to UTC
        ("2025-06-05 17:03:00", "2025-06-05"),
        ("Sat, 23 Apr 2022 09:30:00 +0000", "2022-04-23"),  # RSS
        ("7 March 2025", "2025-03-07"),
        ("March 7, 2025", "2025-03-07"),
        ("2022/04/08", "2022-04-08"),  # year first: never ambiguous
        ("23/04/2022", "2022-04-23"),  # a day above 12 decides
        ("04/23/2022", "2022-04-23"),
        ("05.05.2022", "2022-05-05"),  # day and month equal
        ("unknown", None),
        ("soon", None),
    ],
)
def test_read_date(value: str, iso: str | None) -> None:
    assert read_date(value).iso == iso


def test_a_compact_date_is_never_read_as_an_old_year() -> None:
    reading = read_date("17490106")
    assert reading.iso is None and "cannot be right" in (reading.note or "")


def test_an_ambiguous_numeric_date_is_left_out_with_a_note() -> None:
    reading = read_date("08/04/2022")
    assert reading.iso is None
    assert reading.note == ("date '08/04/2022' is ambiguous (8 April or 4 August 2022): left undated; "
                            "give --date-order DMY or MDY")


def test_the_date_order_decides_and_the_locale_is_a_flagged_guess() -> None:
    assert read_date("08/04/2022", order="DMY") == read_date("2022-04-08")
    assert read_date("08/04/2022", order="MDY").iso == "2022-08-04"
    uk = read_date("08/04/2022", locale=LocaleOrder("DMY", "the outlet's address ends in .uk"))
    assert uk.iso == "2022-04-08"
    assert uk.note == ("date order guessed: '08/04/2022' read as 8 April 2022 (day-first, the outlet's address "
                       "ends in .uk); give --date-order to decide")
    # an explicit order wins over the locale, and is no guess
    assert read_date("08/04/2022", order="MDY", locale=LocaleOrder("DMY", "x")).note is None


@pytest.mark.parametrize(
    ("language", "url", "order"),
    [
        ("en", "https://www.example.co.uk/news/1", "DMY"),
        ("en", "https://news.example.gov/a", "MDY"),
        ("en", "https://www.example.com/a", None),  # English on a generic address: nobody knows
        ("en", None, None),
        ("en-US", None, "MDY"),
        ("en-GB", None, "DMY"),
        ("fr", None, "DMY"),
        ("ja", None, "YMD"),
        ("en", "https://example.io/x", None),  # .io says nothing of a country
    ],
)
def test_locale_order(language: str, url: str | None, order: str | None) -> None:
    found = locale_order(language, url)
    assert (found.order if found else None) == order


def test_a_text_header_date_in_the_order_of_its_address_is_flagged() -> None:
    doc = document_from_text("url: https://www.kestrel-news.co.uk/a\ndate: 08/04/2022\n\nRoads were shut.", "a.txt")
    assert doc.published == "2022-04-08"
    assert doc.flags[0].startswith("date order guessed: '08/04/2022' read as 8 April 2022 (day-first")
    doc = document_from_text("date: 08/04/2022\n\nRoads were shut in the town.", "b.txt")
    assert doc.published is None and "ambiguous" in doc.flags[0]
    doc = document_from_text("date: 08/04/2022\n\nRoads were shut in the town.", "c.txt", Settings(date_order="MDY"))
    assert doc.published == "2022-08-04" and doc.flags == []


def test_a_date_from_the_texts_first_line_is_flagged() -> None:
    doc = document_from_text("date 2024-04-02\nTwo watchmen died in the fire.", "d.txt")
    assert doc.published == "2024-04-02"
    assert doc.flags == ["publication date read from the text's first line ('date 2024-04-02')"]


def test_a_bad_date_order_setting_is_refused() -> None:
    with pytest.raises(RashomonError, match="DMY, MDY, YMD"):
        Settings.load(date_order="DDMM")
    assert Settings.load(date_order="dmy").date_order == "DMY"


# ---------------------------------------------------------------- time expressions in text


def windows(text: str, published: str | None) -> list[tuple[str, str, str]]:
    return [(t.text, t.first.isoformat(), t.last.isoformat()) for t in find_time_expressions(text, published)]


@pytest.mark.parametrize(
    ("text", "published", "window"),
    [
        ("Two days ago the shelling stopped.", THURSDAY, ("Two days ago", "2025-06-03", "2025-06-03")),
        ("It began a week ago.", THURSDAY, ("a week ago", "2025-05-29", "2025-05-29")),
        ("Three weeks ago the road closed.", THURSDAY, ("Three weeks ago", "2025-05-15", "2025-05-15")),
        ("He left 10 days ago.", THURSDAY, ("10 days ago", "2025-05-26", "2025-05-26")),
        ("The day before yesterday, police came.", THURSDAY,
         ("The day before yesterday", "2025-06-03", "2025-06-03")),
        ("Talks resume next Monday.", THURSDAY, ("next Monday", "2025-06-09", "2025-06-09")),
        ("The market reopened last Monday.", THURSDAY, ("last Monday", "2025-06-02", "2025-06-02")),
        # "last Monday" said on a Monday is the Monday before; "on Monday" said on a Monday is that day
        ("The market reopened last Monday.", MONDAY, ("last Monday", "2025-05-26", "2025-05-26")),
        ("The market reopened on Monday.", MONDAY, ("on Monday", MONDAY, MONDAY)),
        ("Talks resume next Monday.", MONDAY, ("next Monday", "2025-06-09", "2025-06-09")),
        ("No aid since last Thursday.", THURSDAY, ("since last Thursday", "2025-05-29", THURSDAY)),
    ],
)
def test_relative_expressions_with_counts_and_weekdays(text: str, published: str,
                                                       window: tuple[str, str, str]) -> None:
    assert windows(text, published) == [window]


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("Clashes on November 28 and November 29 left the town empty.",
         ("on November 28 and November 29", "2020-11-28", "2020-11-29")),
        ("Roads were shut on 28 and 29 November 2020.",
         ("on 28 and 29 November 2020", "2020-11-28", "2020-11-29")),
        ("Voting ran from 3 to 5 March.", ("from 3 to 5 March", "2021-03-03", "2021-03-05")),
        ("The siege lasted from 30 March to 2 April.", ("from 30 March to 2 April", "2021-03-30", "2021-04-02")),
        ("Curfews held on March 3, 4 and 5.", ("on March 3, 4 and 5", "2021-03-03", "2021-03-05")),
        ("Strikes hit the port 14-16 February.", ("14-16 February", "2021-02-14", "2021-02-16")),
        ("Fighting between 28 December and 2 January killed many.",
         ("between 28 December and 2 January", "2020-12-28", "2021-01-02")),
    ],
)
def test_coordinated_days_and_ranges_are_windows(text: str, window: tuple[str, str, str]) -> None:
    assert windows(text, "2021-04-10") == [window]


@pytest.mark.parametrize(
    "text",
    [
        "On March 3, 40 people were detained.",  # a day and a count, not two days
        "Officials said they may release 3 of them.",  # "may" the verb
        "The 12 and 14 year old boys were hurt.",  # no month
    ],
)
def test_no_range_where_there_is_none(text: str) -> None:
    assert all(start == end for _, start, end in windows(text, "2021-04-10"))


def test_relative_expressions_need_a_publication_date() -> None:
    assert windows("Two days ago and last Monday, 28 and 29 November.", None) == []
    assert windows("It happened on 28 and 29 November 2020.", None) == [
        ("on 28 and 29 November 2020", "2020-11-28", "2020-11-29")]


def test_numeric_dates_in_text_resolve_only_when_unambiguous_or_ordered() -> None:
    assert windows("Filed on 08/04/2022.", None) == []
    assert windows("Filed on 28/04/2022.", None) == [("28/04/2022", "2022-04-28", "2022-04-28")]
    assert [(t.first, t.last) for t in find_time_expressions("Filed on 08/04/2022.", None, order="DMY")] == [
        (date(2022, 4, 8), date(2022, 4, 8))]


def test_resolve_takes_the_first_expression() -> None:
    assert resolve("between 28 and 30 November 2020", None) == (date(2020, 11, 28), date(2020, 11, 30))


# ---------------------------------------------------------------- through the analysis (cases 30 and 32)


@pytest.fixture(scope="module")
def dossier() -> dict[str, Any]:
    texts = {
        "coordinated.txt": "title: Inquiry reports on Varn\noutlet: Test Desk\ndate: 2021-03-24\n\n"
                           "Over the two days of November 28 and November 29, more than 60 villagers were killed "
                           "in Varn, the inquiry said.\n\nThe inquiry found that on 28 and 29 November 2020 about "
                           "25 people were detained in Olt.",
        "compact.txt": "title: Bus toll rises\noutlet: Test Desk\ndate: 20250605T101500Z\n\n"
                       "Officials raised the toll from the Pell valley bus crash to 19 on Thursday, the police said.",
    }
    return to_json(analyse_texts(document_from_text(text, name) for name, text in texts.items()))


def _figure(dossier: dict[str, Any], value: int) -> dict[str, Any]:
    [figure] = [f for f in dossier["figures"] if f["value"] == value]
    return figure


def test_coordinated_days_give_a_figure_a_two_day_window(dossier: dict[str, Any]) -> None:
    killed, detained = _figure(dossier, 60), _figure(dossier, 25)
    assert killed["event"] == "killed" and (killed["time"]["start"], killed["time"]["end"]) == ("2020-11-28",
                                                                                               "2020-11-29")
    assert detained["event"] == "detained"
    assert (detained["time"]["start"], detained["time"]["end"]) == ("2020-11-28", "2020-11-29")
    single = [e for e in dossier["timeline"] if e.get("start") in ("2020-11-28", "2020-11-29")
              and e.get("start") == e.get("end")]
    assert single == []


def test_a_compact_publication_date_and_its_weekday(dossier: dict[str, Any]) -> None:
    [doc] = [d for d in dossier["documents"] if d["source"] == "compact.txt"]
    assert doc["published"] == THURSDAY
    assert all(e["date"] is None or e["date"] >= "1900-01-01" for e in dossier["timeline"])
    toll = _figure(dossier, 19)
    assert toll["event"] == "killed"
    # "raised the toll to 19 on Thursday": the weekday is the report's own day, the day the toll stands at
    assert (toll["time"]["start"], toll["time"]["end"]) == (None, THURSDAY)

"""The timeline: relative dates resolved against each report's publication date, and reports without
one listed as undated, never given a date. Sentences here were written for these tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rashomon.align.timeline import build_timeline, time_expressions
from rashomon.cli import app

DATA = Path(__file__).parent / "data" / "places"
SATURDAY = "2025-03-08"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("The shelling has not stopped since Thursday.", "2025-03-06", SATURDAY),
        ("The convoy was hit on Saturday evening.", SATURDAY, SATURDAY),
        ("Thursday was the worst day, a nurse said.", "2025-03-06", "2025-03-06"),
        ("At least nine died in the past two days.", "2025-03-07", SATURDAY),
        ("Shops reopened this morning.", SATURDAY, SATURDAY),
        ("Two more bodies were found yesterday.", "2025-03-07", "2025-03-07"),
        ("The first clashes came on 6 March 2025.", "2025-03-06", "2025-03-06"),
    ],
)
def test_relative_dates_resolve_against_the_publication_date(text: str, start: str, end: str) -> None:
    (found,) = time_expressions(text, SATURDAY)
    assert (found["start"], found["end"]) == (start, end)
    s, e = found["span"]
    assert text[s:e] == found["text"]


def test_without_a_publication_date_only_dates_with_a_year_resolve() -> None:
    text = "Fighting has gone on since Thursday and flared again this morning."
    assert time_expressions(text, None) == []
    (found,) = time_expressions("The first clashes came on 6 March 2025, since Thursday.", None)
    assert found["start"] == "2025-03-06"


def _docs() -> list[dict[str, Any]]:
    return [
        {"id": "dated", "outlet": "Test Wire", "published": SATURDAY, "title": "Clashes", "source": "a.txt"},
        {"id": "undated", "outlet": None, "published": None, "title": None, "source": "reports/b.txt"},
    ]


def test_build_timeline_orders_entries_and_lists_the_undated() -> None:
    figures = [{"id": "f1", "doc_id": "dated", "span": [10, 20], "text": "12 people", "event": "killed",
                "place": "Jableh", "time": {"text": "since Thursday", "start": "2025-03-06", "end": SATURDAY}}]
    claims = [
        # the same window as the figure inside it: not repeated
        {"id": "c1", "doc_id": "dated", "span": [0, 40], "text": "Since Thursday 12 people have been killed."},
        {"id": "c2", "doc_id": "dated", "span": [41, 80], "text": "Roads were closed on Friday."},
        # an undated report's "Thursday" is nobody's Thursday
        {"id": "c3", "doc_id": "undated", "span": [0, 30], "text": "Gunmen came on Thursday."},
    ]
    timeline = build_timeline(_docs(), figures, claims)
    *dated, last = timeline
    assert [(e["kind"], e["date"]) for e in dated] == [
        ("figure", "2025-03-06"), ("event", "2025-03-07"), ("publication", SATURDAY)]
    figure, event, publication = dated
    assert figure["figure_id"] == "f1" and figure["end"] == SATURDAY and figure["span"] == [10, 20]
    assert figure["label"] == "killed: 12 people (Jableh)" and figure["outlet"] == "Test Wire"
    assert event["claim_id"] == "c2" and event["time_text"] == "on Friday" and event["span"] == [41, 80]
    assert publication["doc_id"] == "dated" and publication["span"] is None
    assert last["kind"] == "undated" and last["undated"] == ["undated"] and last["date"] is None
    assert "b.txt" in last["label"]
    assert len({e["id"] for e in timeline}) == len(timeline)


def test_every_report_dated_means_no_undated_entry() -> None:
    timeline = build_timeline(_docs()[:1], [], [])
    assert [e["kind"] for e in timeline] == ["publication"]


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("timeline") / "out"
    reports = [str(DATA / "coast_wire.txt"), str(DATA / "hill_post.txt")]
    result = CliRunner(env={"COLUMNS": "400"}).invoke(app, ["analyze", *reports, "--out", str(out)],
                                                       prog_name="rashomon")
    assert result.exit_code == 0, result.output
    return json.loads((out / "dossier.json").read_text(encoding="utf-8"))


def test_the_dossier_timeline(dossier: dict[str, Any]) -> None:
    docs = {d["source"].rsplit("/", 1)[-1]: d for d in dossier["documents"]}
    wire, post = docs["coast_wire.txt"], docs["hill_post.txt"]
    timeline = dossier["timeline"]
    dated = [e for e in timeline if e["kind"] != "undated"]
    assert [e["date"] for e in dated] == sorted(e["date"] for e in dated)
    when = {e["time_text"]: e for e in dated if e["time_text"]}
    assert when["on Thursday evening"]["date"] == "2025-03-06"
    assert when["this morning"]["date"] == SATURDAY
    assert (when["in the past two days"]["start"], when["in the past two days"]["end"]) == ("2025-03-07", SATURDAY)
    assert when["in the past two days"]["kind"] == "figure"
    assert any(e["kind"] == "publication" and e["doc_id"] == wire["id"] for e in dated)
    # the undated report: listed, and none of its relative dates placed
    assert timeline[-1]["kind"] == "undated" and timeline[-1]["undated"] == [post["id"]]
    assert all(e["doc_id"] != post["id"] for e in dated)
    for e in dated:
        if e["span"]:
            text = docs["coast_wire.txt"]["text"]
            assert 0 <= e["span"][0] < e["span"][1] <= len(text)

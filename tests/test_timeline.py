"""The timeline: relative dates resolved against each report's publication date, and reports without
one listed as undated, never given a date. Sentences here were written for these tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers import corpus, doc
from rashomon.align.timeline import build_timeline
from rashomon.analyze.claims import claim_times
from rashomon.cli import app
from rashomon.model import Claim, Document, Figure, Span, TimeWindow

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
    (found,) = claim_times(text, 100, SATURDAY)
    assert (found.start, found.end) == (start, end)
    s, e = found.span
    assert text[s - 100:e - 100] == found.text  # spans are offsets in the document (the claim starts at 100)


def test_without_a_publication_date_only_dates_with_a_year_resolve() -> None:
    text = "Fighting has gone on since Thursday and flared again this morning."
    assert claim_times(text, 0, None) == ()
    (found,) = claim_times("The first clashes came on 6 March 2025, since Thursday.", 0, None)
    assert found.start == "2025-03-06"


def test_the_publication_date_line_dates_the_report_not_an_event() -> None:
    assert claim_times("2025-03-08 Roads were closed on Friday.", 0, SATURDAY)[0].text == "on Friday"


def _docs() -> list[Document]:
    return [doc("dated", "Test Wire", SATURDAY, title="Clashes", source="a.txt", text="x" * 100),
            doc("undated", source="reports/b.txt", text="x" * 40)]


def test_build_timeline_orders_entries_and_lists_the_undated() -> None:
    figures = [Figure(Span("dated", 10, 20), "12 people", 12.0, id="f1", event="killed", place="Jableh",
                      time=TimeWindow("since Thursday", "2025-03-06", SATURDAY))]
    texts = [("c1", "dated", 0, "Since Thursday 12 people have been killed."),
             ("c2", "dated", 41, "Roads were closed on Friday."),
             ("c3", "undated", 0, "Gunmen came on Thursday.")]
    published = {"dated": SATURDAY, "undated": None}
    claims = [Claim(Span(d, at, at + len(text)), text, id=cid, times=claim_times(text, at, published[d]))
              for cid, d, at, text in texts]
    # the same window as the figure inside it is not repeated; an undated report's "Thursday" is nobody's
    timeline = build_timeline(corpus(_docs(), figures, claims))
    *dated, last = timeline
    assert [(e.kind, e.date) for e in dated] == [
        ("figure", "2025-03-06"), ("event", "2025-03-07"), ("publication", SATURDAY)]
    figure, event, publication = dated
    assert figure.figure_id == "f1" and figure.end == SATURDAY and figure.span == (10, 20)
    assert figure.label == "killed: 12 people (Jableh)" and figure.outlet == "Test Wire"
    assert event.claim_id == "c2" and event.time_text == "on Friday" and event.span == (41, 69)
    assert publication.doc_id == "dated" and publication.span is None
    assert last.kind == "undated" and last.undated == ("undated",) and last.date is None
    assert "b.txt" in last.label
    assert len({e.id for e in timeline}) == len(timeline)


def test_every_report_dated_means_no_undated_entry() -> None:
    assert [e.kind for e in build_timeline(corpus(_docs()[:1]))] == ["publication"]


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

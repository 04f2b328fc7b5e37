"""Rendering: the views the dossier page shows, the chart, the escaping, and the CSV and ACLED exports."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import rashomon
from rashomon.cli import app
from rashomon.dossier import read_json
from rashomon.model import Dossier, from_json
from rashomon.render import filters, views
from rashomon.render.acled import ACLED_COLUMNS, acled_events
from rashomon.render.charts import Point, toll_chart
from rashomon.render.csv import CLAIM_COLUMNS, DISPUTE_COLUMNS, FIGURE_COLUMNS, write_tables
from rashomon.render.html import FIND_SCRIPT, render_html, report_views
from rashomon.render.views import Highlight, flatten_text, nest_segments

DATA = Path(__file__).parent / "data" / "render"


@pytest.fixture(scope="module")
def halvek(examples_dossier: dict[str, Any]) -> Dossier:
    """The example corpus (the Halvek highlands), as ``rashomon analyze examples/reports`` writes it."""
    return from_json(Dossier, examples_dossier)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Dossier:
    """Reports whose every field holds markup, analysed by the code."""
    summary = rashomon.analyze([str(DATA / "hostile_reports")], tmp_path_factory.mktemp("hostile") / "out")
    return read_json(summary.paths["json"])


@pytest.fixture(scope="module")
def halvek_html(halvek: Dossier) -> str:
    return render_html(halvek)


def by_outlet(dossier: Dossier) -> dict[str, str]:
    return {str(d.outlet): d.id for d in dossier.documents}


# -- the reader view's nesting ----------------------------------------------------------------------


def test_nested_marks_rebuild_the_text_and_keep_evidence_whole() -> None:
    text = "Officials said 12 people were killed in the raid on Monday."
    marks = [Highlight(15, 24, "figure", "f1", "a figure"),           # "12 people"
             Highlight(0, 37, "evidence", "ev-1", "a quote"),          # crosses nothing: holds the figure
             Highlight(30, 50, "actor", "a1", "an actor"),             # crosses the end of the quote
             Highlight(15, 24, "figure", "f1", "a figure")]            # the same item twice is marked once
    tree = nest_segments(text, marks)
    assert flatten_text(tree) == text
    [evidence] = [n for n in tree if "mark" in n and n["mark"].kind == "evidence"]
    assert flatten_text(evidence["children"]) == text[0:37]  # the quote is one element: a link lands on all of it
    inner = [n for n in evidence["children"] if "mark" in n]
    assert [(n["mark"].anchor, n["first"], flatten_text(n["children"])) for n in inner] == \
        [("f1", True, "12 people"), ("a1", True, "killed ")]
    [rest] = [n for n in tree if "mark" in n and n["mark"].kind == "actor"]
    # only the first piece is a link target
    assert (rest["first"], flatten_text(rest["children"])) == (False, "in the raid o")


def test_every_extracted_item_is_highlighted(halvek: Dossier, halvek_html: str) -> None:
    # a near-copy is folded under the report it copies, its text plain: its items are marked in the original,
    # and a link to one of them lands on the copy
    copies = {d.id for d in halvek.documents if d.duplicate_of}
    assert copies, "the example corpus holds a near-copy"
    for fig in halvek.figures:
        if fig.doc_id in copies:
            assert f'href="#{views.html_id("doc", fig.doc_id)}"' in halvek_html
        else:
            assert f'<mark id="{fig.id}" title="figure {fig.id}" tabindex="0">' in halvek_html
    marks = views.highlights(halvek)
    kinds = {m.kind for doc, found in marks.items() if doc not in copies for m in found}
    assert kinds == {"figure", "evidence", "claim", "actor", "timeline", "place"}
    for doc, found in marks.items():
        for m in found if doc not in copies else []:
            assert f'id="{m.anchor}"' in halvek_html, m


def test_each_evidence_anchor_holds_exactly_its_quote(halvek: Dossier) -> None:
    texts = halvek.texts()
    marks = views.highlights(halvek)
    for dispute in views.dispute_views(halvek):
        for position in dispute.positions:
            for e in position.evidence:
                tree = nest_segments(texts[e.doc_id], marks[e.doc_id])
                node = _find(tree, e.anchor)
                assert node is not None and node["first"]
                assert flatten_text(node["children"]) == e.quote


def test_a_quote_links_back_to_the_dispute_and_the_count_that_cite_it(halvek: Dossier, halvek_html: str) -> None:
    marks = {m.anchor: m for found in views.highlights(halvek).values() for m in found}
    copies = {d.id for d in halvek.documents if d.duplicate_of}
    checked = 0
    for dispute in views.dispute_views(halvek):
        for e in (e for p in dispute.positions for e in p.evidence if e.doc_id not in copies):
            assert marks[e.anchor].cited_by == (views.Citation(dispute.anchor, "dispute", dispute.question),)
            # the dispute links to the quote, and the quote's mark back to the dispute
            assert f'href="#{e.anchor}"' in halvek_html
            mark_at = halvek_html.index(f'<mark id="{e.anchor}"')
            assert f'class="cited c-dispute" href="#{dispute.anchor}"' in halvek_html[mark_at:mark_at + 20_000]
            checked += 1
    tables = views.figure_tables(halvek)
    anchors = {t.count_id: t.anchor for t in tables} | {p.count_id: p.anchor for t in tables for p in t.parts}
    in_copy = {f.id for f in halvek.figures if f.doc_id in copies}
    for count in halvek.counts:
        for fig_id in count.figure_ids:
            if fig_id not in in_copy:
                (cited,) = marks[fig_id].cited_by
                assert (cited.anchor, cited.kind) == (anchors[count.id], "count")
                assert f'id="{cited.anchor}"' in halvek_html
                checked += 1
    assert checked > 10
    uncounted = {f.id for f in halvek.figures} - {f for c in halvek.counts for f in c.figure_ids}
    assert all(not marks[f].cited_by for f in uncounted if f in marks)


def _find(nodes: list[dict[str, Any]], anchor: str) -> dict[str, Any] | None:
    for n in nodes:
        if "mark" in n:
            if n["mark"].anchor == anchor and n["first"]:
                return n
            found = _find(n["children"], anchor)
            if found:
                return found
    return None


# -- overview, disputes, figures ----------------------------------------------------------------------


def test_overview(halvek: Dossier) -> None:
    ov = views.overview(halvek)
    assert ov.headline == "7 reports on Brannik, 10–13 May 2031"  # the dossier's neutral title
    assert ov.headline_source is None
    untitled = views.overview(replace(halvek, title=None))  # without one, the first report's headline
    assert untitled.headline == "Hundreds killed as fighting spreads through Orsenia's Halvek highlands"
    assert untitled.headline_source == "Meridian Wire Service"
    assert (ov.first, ov.last, ov.reports, ov.outlets, ov.origins, ov.undated) == \
        ("2031-05-10", "2031-05-13", 7, 7, 6, 1)
    # the operation over or not: the question most voices argue (five outlets one way, three the other)
    assert ov.top_disputes[0].kind == "status"
    assert "polarity" in {d.kind for d in ov.top_disputes}
    assert ov.key_bands[0].event == "killed"
    named = views.overview(halvek, headline="Killings in the Halvek highlands, May 2031")
    assert (named.headline, named.headline_source) == ("Killings in the Halvek highlands, May 2031", None)


def test_dispute_views_list_outlets_and_voices_per_position(halvek: Dossier) -> None:
    d = next(v for v in views.dispute_views(halvek) if v.kind == "polarity")
    assert [p.label for p in d.positions] == ["denies", "affirms"]
    denies, affirms = d.positions
    assert set(denies.outlets) == {"The National Herald", "Meridian Wire Service", "The Harbour Ledger"}
    assert affirms.outlets == ["Civic Watchpost"] and not set(denies.outlets) & set(affirms.outlets)
    assert any("no truth to claims that Sevrani civilians were singled out" in e.quote for e in denies.evidence)
    # only a report stating the denied act affirms it (the survivors: Sevrani men shot); a cited source
    # as its outlet carries it
    assert any("shot them" in e.quote for e in affirms.evidence)
    assert affirms.voices == ["Survivors (in Civic Watchpost)"]


def test_figure_tables_are_the_dossiers_counts(halvek: Dossier) -> None:
    tables = views.figure_tables(halvek)
    by_count = {t.count_id: t for t in tables} | {p.count_id: p for t in tables for p in t.parts}
    assert set(by_count) == {c.id for c in halvek.counts} and tables[0].event == "killed"
    assert [t.extent for t in tables] == sorted((t.extent for t in tables), key=["total", "incident",
                                                                                "background"].index)
    for count in halvek.counts:
        table = by_count[count.id]
        assert (table.low, table.best, table.high) == (count.low.value, count.best.value, count.high.value)
        assert [f.id for f in table.figures] == list(count.figure_ids)
        if count.part_of:  # a part sits under its whole, never beside it
            assert table in by_count[count.part_of].parts and table not in tables
    people = next(t for t in tables if (t.event, t.category, t.extent, t.group) == ("killed", "people", "total", None)
                  and t.high == 480)
    assert people.rows[0].stated == "more than 480" and people.says["best"] == people.says["high"]
    (update,) = people.updates  # the monitor's toll rising from report to report
    assert [s.value for s in update.steps][-1] == 480
    assert all(f.event in views.CASUALTY_EVENTS for t in tables for f in t.figures)


def test_headline_tolls_are_person_event_totals(halvek: Dossier) -> None:
    key = views.overview(halvek).key_bands
    assert key and all(t.extent == "total" and not t.unit and t.event in ("killed", "displaced") for t in key)
    assert all(t.says.get("best") for t in key)


def test_counts_show_origins_and_trajectories(halvek: Dossier, halvek_html: str) -> None:
    people = next(c for c in halvek.counts if (c.event, c.category, c.extent) == ("killed", "people", "total")
                  and c.trajectories)
    assert f"{people.independent_origins} independent origin" in halvek_html
    first = people.trajectories[0].steps[0]
    assert f'Revised by <b>{people.trajectories[0].source}</b>: <a href="#{first.figure_id}">' in halvek_html


def test_toll_series_follow_each_source_over_publication_dates(halvek: Dossier) -> None:
    people = next(t for t in views.figure_tables(halvek) if (t.event, t.category) == ("killed", "people")
                  and t.high == 480)
    series = views.toll_series(people, halvek)
    first, *_, last = series["Dravena Civilian Casualty Monitor"]
    # "at least 312", "more than 480": the ranges their words allow, from the number up, drawn with their words
    assert (first.day, first.value, first.low, first.high, first.label) == ("2031-05-10", 312, 312, None,
                                                                          "at least 312")
    assert (last.value, last.low, last.high, last.label) == (480.0, 480.0, None, "more than 480")
    assert not any(source.startswith("Sevran Dawn") for source in series)  # its report has no date


def test_chart_is_inline_svg_from_matplotlib() -> None:
    series = {"Monitor": [("2031-05-10", 312), ("2031-05-12", 480)], "Ministry": [("2031-05-12", 71)]}
    svg = toll_chart(series, "people killed", "chart-a")
    assert svg.startswith('<svg id="chart-a"') and svg.endswith("</svg>")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg and "<metadata" not in svg
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert ids and all(i == "chart-a" or i.startswith("chart-a-") for i in ids)
    refs = re.findall(r'(?:href="#|url\(#)([^")]+)', svg)
    assert refs and all(r in ids for r in refs)  # every reference points inside this chart
    assert "http://" not in svg.replace("http://www.w3.org/", "")
    assert ">Monitor<" in svg and ">480<" in svg
    assert toll_chart(series, "people killed", "chart-a") == svg  # deterministic


def test_vague_values_are_drawn_as_ranges_never_points() -> None:
    series = {"Monitor": [Point("2031-05-10", 100, 100, None, "more than 100"), Point.exact("2031-05-12", 140)],
              "Ministry": [Point("2031-05-11", 50, 45, 55, "about 50"), Point("2031-05-12", 12, 12, None, "dozens")]}
    svg = toll_chart(series, "people killed", "chart-r")
    assert all(f">{words}<" in svg for words in ("more than 100", "about 50", "dozens", "140"))
    plain = toll_chart({"Monitor": [Point.exact("2031-05-10", 100), Point.exact("2031-05-12", 140)],
                        "Ministry": [Point.exact("2031-05-11", 50), Point.exact("2031-05-12", 12)]},
                       "people killed", "chart-r")
    # the ranges add two capped bars' caps and lines and two arrows to the points: more drawing, not the same
    assert svg.count("<path") >= plain.count("<path") + 4
    assert toll_chart({"Monitor": [("2031-05-10", 100)]}, "k", "c") == toll_chart(
        {"Monitor": [Point.exact("2031-05-10", 100)]}, "k", "c")  # a pair is an exact point


@pytest.mark.parametrize("name", ["Cash $\\evil$ Daily", "$x^$ Post", "$$", "Dollar $ Times \\", "a_b^c{d}%",
                                  "The \x1b[2J Herald\nTwo lines"])
def test_chart_labels_are_words_never_mathtext(name: str) -> None:
    # issue 10: an outlet named like TeX crashed the dossier (matplotlib parsed its legend as mathtext)
    series = {f"{name} (own)": [("2031-05-10", 12), ("2031-05-12", 20)]}
    svg = toll_chart(series, f"{name} killed", "chart-tex")
    shown = name.replace("\x1b", "\\x1b").replace("\n", "\\n")
    escaped = shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert f">{escaped} (own)<" in svg  # the legend, letter for letter
    assert f">{escaped} killed<" in svg  # the axis label
    assert "\x1b" not in svg


def test_a_glyph_the_font_lacks_is_a_warning_not_an_error() -> None:
    series = {"\u2ff0 Daily": [("2031-05-10", 12), ("2031-05-12", 20)]}
    with pytest.warns(UserWarning, match="missing from font"):
        assert ">\u2ff0 Daily<" in toll_chart(series, "people killed", "chart-glyph")


def test_a_tex_like_outlet_renders_its_dossier(tmp_path: Path, runner: CliRunner) -> None:
    for day, toll in (("10", 12), ("12", 20)):
        (tmp_path / f"r{day}.txt").write_text(f"outlet: Cash $\\evil$ Daily\ndate: 2031-05-{day}\n\n"
                                               f"At least {toll} people were killed in Marovo on 8 May.\n",
                                               encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(tmp_path / "r10.txt"), str(tmp_path / "r12.txt"), "--out",
                                 str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "dossier.html").read_text(encoding="utf-8")
    assert ">Cash $\\evil$ Daily (own)<" in page  # the chart's legend


# -- claims, outlets, timeline, places ----------------------------------------------------------------


def test_claims_matrix_marks_silence(halvek: Dossier) -> None:
    matrix = views.claims_matrix(halvek)
    assert matrix.derived_from == "claims" and len(matrix.rows) == len(halvek.claim_groups)
    denial = next(r for r in matrix.rows if "no truth" in r.text)
    stances = {o: [c.stance for c in denial.cells.get(o, [])] for o in matrix.outlets}
    assert stances["The National Herald"] == ["denies"]
    assert stances["Tarn Valley Courier"] == []  # silent
    assert matrix.counts("Tarn Valley Courier")["silent"] == len(matrix.rows)
    assert {m.anchor for r in matrix.rows for c in r.cells.values() for m in c} <= \
        {f"claim-{c.id}" for c in halvek.claims}


def test_the_disputes_matrix_shows_positions(halvek: Dossier) -> None:
    assert views.claims_matrix(replace(halvek, claim_groups=())).rows == []
    matrix = views.claims_matrix(halvek, "disputes")
    assert matrix.derived_from == "disputes" and len(matrix.rows) == len(halvek.disputes)
    status = next(r for r, d in zip(matrix.rows, halvek.disputes, strict=True) if d.kind == "status")
    assert "continuing" in {c.stance for c in status.cells["Sevran Dawn"]}


def test_outlet_profiles_are_the_framing_rows(halvek: Dossier) -> None:
    profiles = {p.name: p for p in views.outlet_profiles(halvek)}
    assert list(profiles) == [f.outlet for f in halvek.framing]
    herald = profiles["The National Herald"]
    assert any("Draskovar" in label for labels in herald.names_for.values() for label in labels)
    dawn = profiles["Sevran Dawn"]
    # "the regime's columns", "the regime's propagandists": a possessor is a mention of the regime too (issue 14)
    assert ("regime", 9, 0) in dawn.loaded_terms
    # its spokesman's words count for the ministry: every sentence of his quote, and "The spokesman described …"
    assert herald.upstream[0] == ("Interior Ministry", 10)
    assert profiles["The Harbour Ledger"].copies_of == ["Meridian Wire Service"]
    tarn = profiles["Tarn Valley Courier"]
    assert tarn.attribution_rate == 1.0 and tarn.hedging_rate == 0.0
    assert dawn.silent_on["claims"][1] == len(halvek.claim_groups)


def test_timeline_and_places(halvek: Dossier) -> None:
    timeline = views.timeline_entries(halvek)
    assert [t.start for t in timeline if t.start] == sorted(t.start for t in timeline if t.start)
    texts = halvek.texts()
    for entry in timeline:
        for e in entry.evidence:
            assert texts[e.doc_id][e.span[0]:e.span[1]] == e.quote
    places = {p.name: p for p in views.place_entries(halvek)}
    assert len(places["Brannik"].outlets) >= 5 and places["Brannik"].kind == "village"


# -- the page -------------------------------------------------------------------------------------------


def test_every_section_is_rendered(halvek: Dossier, halvek_html: str) -> None:
    for section in ("overview", "disputes", "figures", "claims", "outlets", "timeline", "places", "reports"):
        assert f'<section id="{section}">' in halvek_html, section
    assert halvek_html.count('<svg id="chart-') >= 3
    first = halvek.disputes[0]
    copies = {d.id for d in halvek.documents if d.duplicate_of}  # folded, unmarked: a link lands on the report
    anchor = next(views.evidence_anchor(first.id, p, e) for p, pos in enumerate(first.positions)
                  for e, ev in enumerate(pos.evidence) if ev.doc_id not in copies)
    assert f'href="#{anchor}"' in halvek_html and f'id="{anchor}"' in halvek_html
    assert 'id="cited-sources"' in halvek_html and "Dravena Civilian Casualty Monitor" in halvek_html
    # the page's one script is its own search, nothing of the reports'
    assert re.findall(r"<script>(.*?)</script>", halvek_html, flags=re.S) == [FIND_SCRIPT]


def test_sections_without_data_are_left_out(halvek: Dossier) -> None:
    bare = replace(halvek, claims=(), claim_groups=(), framing=(), timeline=(), places=(), disputes=(), actors=())
    html = render_html(bare)
    for section in ("disputes", "claims", "timeline", "places"):
        assert f'<section id="{section}">' not in html
    assert '<section id="figures">' in html and '<section id="outlets">' in html


def test_page_makes_no_request(halvek_html: str) -> None:
    assert "default-src 'none'" in halvek_html
    assert not re.search(r'(?:src|action)="(?:https?:)?//', halvek_html)
    assert not re.search(r"url\((?!#)", halvek_html)
    # the only outside addresses are links to the original articles, followed only on a click
    parser = Tags()
    parser.feed(halvek_html)
    outside = [(tag, attrs) for tag, attrs in parser.tags if re.match(r"(?:https?:)?//", attrs.get("href") or "")]
    for tag, attrs in outside:
        assert tag == "a" and set((attrs.get("rel") or "").split()) >= {"noreferrer", "noopener"}, attrs


class Tags(HTMLParser):
    """Every element and attribute a browser would build from the page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_hostile_dossier_is_escaped_everywhere(hostile: Dossier) -> None:
    assert hostile.figures and hostile.documents  # analysed, not made by hand
    html = render_html(hostile)
    parser = Tags()
    parser.feed(html)
    assert not [t for t, _ in parser.tags if t in {"img", "iframe", "object", "embed"}]
    assert re.findall(r"<script>(.*?)</script>", html, flags=re.S) == [FIND_SCRIPT]  # only the page's search
    attrs = [(t, k, v or "") for t, a in parser.tags for k, v in a.items()]
    assert not [a for a in attrs if a[1].startswith("on")]
    assert not [a for a in attrs if a[2].strip().lower().startswith("javascript:")]
    assert "&lt;script&gt;window.__pwned=&#34;script&#34;&lt;/script&gt;" in html  # shown as text
    assert "&lt;img src=x onerror=&#34;window.__pwned=&#39;img&#39;&#34;&gt;" in html


def test_filters_narrow_the_dossier(halvek: Dossier) -> None:
    dawn_id = by_outlet(halvek)["Sevran Dawn"]
    dawn = filters.narrow(halvek, filters.select(halvek, outlet="Sevran Dawn"))
    assert [d.outlet for d in dawn.documents] == ["Sevran Dawn"]
    assert {f.doc_id for f in dawn.figures} == {dawn_id}
    assert all(e.doc_id == dawn_id for d in dawn.disputes for p in d.positions for e in p.evidence)
    kind = filters.narrow(halvek, filters.select(halvek, kind="polarity"))
    assert {d.kind for d in kind.disputes} == {"polarity"}
    civilians = filters.narrow(halvek, filters.select(halvek, category="civilians"))
    assert {f.category for f in civilians.figures} == {"civilians"}
    assert {b.category for b in civilians.figure_bands} == {"civilians"}
    found = filters.narrow(halvek, filters.select(halvek, query="VIDEO"))
    assert found.claim_groups == () and all("video" in d.question.lower() or any(
        "video" in e.text.lower() for p in d.positions for e in p.evidence) for d in found.disputes)
    hits = views.search_hits(halvek, "no truth")
    assert hits and {h.outlet for h in hits if h.outlet} <= {"The National Herald", "Meridian Wire Service",
                                                             "The Harbour Ledger"}
    assert filters.choices(halvek)["outlet"] == sorted(by_outlet(halvek))


# -- exports --------------------------------------------------------------------------------------------


def test_acled_events(halvek: Dossier) -> None:
    rows = {r["location"]: r for r in acled_events(halvek)}
    assert all(list(r) == [c for c in ACLED_COLUMNS if c in r] for r in rows.values())
    killed = [c for c in halvek.counts if c.event == "killed" and c.extent in ("total", "incident") and not c.unit]
    assert set(rows) == {c.place or "" for c in killed}
    for place, row in rows.items():  # the best value of the widest count there, never a part or background
        here = [c for c in killed if (c.place or "") == place]
        people = [c.best.value for c in here if c.category == "people" and c.best]
        assert int(row["fatalities"]) == int(max(people)) if people else int(row["fatalities"]) > 0
    orsenia = rows["Orsenia"]
    assert orsenia["source"].startswith("Meridian Wire Service")
    assert "at least 312 people killed, according to Dravena Civilian Casualty Monitor" in orsenia["notes"]
    assert all(int(r["fatalities"]) > 0 for r in rows.values())


def test_tables_load_in_pandas_with_their_columns(halvek: Dossier, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    paths = {p.name: p for p in write_tables(halvek, tmp_path)}
    assert sorted(paths) == ["claims.csv", "disputes.csv", "documents.csv", "events_acled.csv", "failures.csv",
                             "figures.csv"]
    figures = pd.read_csv(paths["figures.csv"])
    assert list(figures.columns) == FIGURE_COLUMNS and len(figures) == len(halvek.figures)
    claims = pd.read_csv(paths["claims.csv"])
    assert list(claims.columns) == CLAIM_COLUMNS
    assert set(claims["stance"]) <= {"affirms", "denies", "hedges"} and "denies" in set(claims["stance"])
    disputes = pd.read_csv(paths["disputes.csv"])
    assert list(disputes.columns) == DISPUTE_COLUMNS
    assert disputes["dispute_id"].nunique() == len(halvek.disputes)
    texts = halvek.texts()
    for row in disputes.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.text
    events = pd.read_csv(paths["events_acled.csv"], keep_default_na=False)
    assert list(events.columns) == ACLED_COLUMNS
    assert events["fatalities"].dtype.kind == "i" and (events["fatalities"] > 0).all()
def test_export_formats_on_the_command_line(examples_run: Any, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    db = examples_run.out / "rashomon.db"
    runner = CliRunner(env={"COLUMNS": "400"})
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "acled"], prog_name="rashomon")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == ",".join(ACLED_COLUMNS)
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "all", "--out", str(tmp_path / "all")])
    assert result.exit_code == 0, result.output
    names = sorted(Path(p).name for p in result.stdout.split())
    assert names == ["claims.csv", "disputes.csv", "documents.csv", "dossier.html", "dossier.json",
                     "events_acled.csv", "failures.csv", "figures.csv"]
    assert list(pd.read_csv(tmp_path / "all" / "disputes.csv").columns) == DISPUTE_COLUMNS
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "claims", "--out", str(tmp_path / "c.csv")])
    assert result.exit_code == 0 and list(pd.read_csv(tmp_path / "c.csv").columns) == CLAIM_COLUMNS


def test_report_views_are_made_as_the_page_reaches_them(halvek: Dossier, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[int] = []
    nest = views.nest_segments
    monkeypatch.setattr(views, "nest_segments", lambda text, marks: made.append(len(text)) or nest(text, marks))
    reports = report_views(halvek, halvek.documents, views.highlights(halvek), {})
    assert len(reports) == len(halvek.documents) and made == []  # counted without making any
    read = iter(reports)
    first = next(read)
    assert first.doc.id == halvek.documents[0].id and len(made) == 1  # one report's marked text at a time
    assert [r.doc.id for r in read] == [d.id for d in halvek.documents[1:]]
    assert len(made) == len(halvek.documents)

"""Rendering: the views the dossier page shows, the chart, the escaping, and the CSV and ACLED exports."""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rashomon.cli import app
from rashomon.render import views
from rashomon.render.acled import ACLED_COLUMNS, acled_events
from rashomon.render.charts import toll_chart
from rashomon.render.csv import CLAIM_COLUMNS, DISPUTE_COLUMNS, FIGURE_COLUMNS, write_tables
from rashomon.render.html import render_html
from rashomon.render.views import Highlight, flatten_text, nest_segments

DATA = Path(__file__).parent / "data" / "render"


@pytest.fixture(scope="module")
def halvek() -> dict[str, Any]:
    """The example corpus with every section filled in by hand (see data/render/build_fixtures.py)."""
    return json.loads((DATA / "halvek.dossier.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def hostile() -> dict[str, Any]:
    return json.loads((DATA / "hostile.dossier.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def halvek_html(halvek: dict[str, Any]) -> str:
    return render_html(halvek)


def by_outlet(dossier: dict[str, Any]) -> dict[str, str]:
    return {d["outlet"]: d["id"] for d in dossier["documents"]}


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


def test_every_extracted_item_is_highlighted(halvek: dict[str, Any], halvek_html: str) -> None:
    for fig in halvek["figures"]:
        assert f'<mark id="{fig["id"]}" title="figure {fig["id"]}">' in halvek_html
    marks = views.highlights(halvek)
    kinds = {m.kind for found in marks.values() for m in found}
    assert kinds == {"figure", "evidence", "claim", "actor", "timeline", "place"}
    for found in marks.values():
        for m in found:
            assert f'id="{m.anchor}"' in halvek_html, m


def test_each_evidence_anchor_holds_exactly_its_quote(halvek: dict[str, Any]) -> None:
    texts = {d["id"]: d["text"] for d in halvek["documents"]}
    marks = views.highlights(halvek)
    for dispute in views.dispute_views(halvek):
        for position in dispute["positions"]:
            for e in position["evidence"]:
                tree = nest_segments(texts[e["doc_id"]], marks[e["doc_id"]])
                node = _find(tree, e["anchor"])
                assert node is not None and node["first"]
                assert flatten_text(node["children"]) == e["quote"]


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


def test_overview(halvek: dict[str, Any]) -> None:
    ov = views.overview(halvek)
    assert ov.headline == "Hundreds killed as fighting spreads through Orsenia's Halvek highlands"
    assert ov.headline_source == "Meridian Wire Service"
    assert (ov.first, ov.last, ov.reports, ov.outlets, ov.origins, ov.undated) == \
        ("2031-05-10", "2031-05-13", 7, 7, 6, 1)
    assert ov.top_disputes[0]["id"] == "sevrani-targeted"  # five outlets take a side
    assert ov.key_bands[0]["event"] == "killed"
    named = views.overview({**halvek, "event": {"summary": "Killings in the Halvek highlands, May 2031"}})
    assert (named.headline, named.headline_source) == ("Killings in the Halvek highlands, May 2031", None)


def test_dispute_views_list_outlets_per_position(halvek: dict[str, Any]) -> None:
    d = {v["id"]: v for v in views.dispute_views(halvek)}["sevrani-targeted"]
    assert [p["label"] for p in d["positions"]] == ["denied", "affirmed"]
    assert d["positions"][0]["outlets"] == ["The National Herald", "Meridian Wire Service", "The Harbour Ledger"]
    assert d["positions"][1]["outlets"] == ["Civic Watchpost", "Sevran Dawn"]
    assert d["positions"][0]["evidence"][1]["quote"] == \
        "There is no truth to claims that Sevrani civilians were singled out"
    assert d["extra"] == {"confidence": 0.9}


def test_figure_tables_band_each_event_and_category(halvek: dict[str, Any]) -> None:
    tables = {(t.event, t.category): t for t in views.figure_tables(halvek)}
    assert list(tables)[0][0] == "killed"
    security = tables[("killed", "security_forces")]
    assert (security.low, security.high) == (2, 71)
    sixty_four = next(r for r in security.rows if r.value == 64)
    assert sixty_four.authority == "Dravena Civilian Casualty Monitor"
    assert [(r["outlet"], r["is_copy"]) for r in sixty_four.reports] == \
        [("Meridian Wire Service", False), ("The Harbour Ledger", True)]
    people = tables[("killed", "people")]
    assert people.rows[0].stated == "more than 480"
    assert "since Thursday (2031-05-08 – 2031-05-10)" in next(r for r in people.rows if r.value == 312
                                                              and r.qualifier == "at least").windows
    assert all(f["event"] in views.CASUALTY_EVENTS for t in tables.values() for f in t.figures)


def test_figure_bands_from_the_dossier_are_preferred(halvek: dict[str, Any]) -> None:
    killed = [f for f in halvek["figures"] if f["event"] == "killed" and f["category"] == "people"]
    dccm = [f for f in killed if f["attributed_to"] == ["Dravena Civilian Casualty Monitor"]]
    band = {"event": "killed", "category": "people", "low": 312, "high": 480, "independent_origins": 3,
            "reports": [{"figure_id": f["id"], "doc_id": f["doc_id"], "value": f["value"]} for f in killed],
            "updates": [{"source": "Dravena Civilian Casualty Monitor", "event": "killed", "category": "people",
                         "steps": [{"value": 312, "published": "2031-05-10", "figure_id": dccm[0]["id"]},
                                   {"value": 480, "published": "2031-05-12", "figure_id": dccm[-1]["id"]}]}]}
    [table] = views.figure_tables({**halvek, "figure_bands": [band]})
    assert (table.low, table.high, table.origins) == (312, 480, 3)
    assert [f["id"] for f in table.figures] == [f["id"] for f in killed]
    assert [(st["value"], st["anchor"]) for st in table.updates[0]["steps"]] == \
        [(312, dccm[0]["id"]), (480, dccm[-1]["id"])]
    html = render_html({**halvek, "figure_bands": [band]})
    assert "3 independent origins behind these values" in html
    assert f'Revised by <b>Dravena Civilian Casualty Monitor</b>: <a href="#{dccm[0]["id"]}">312</a>' in html


def test_toll_series_follow_each_source_over_publication_dates(halvek: dict[str, Any]) -> None:
    people = next(t for t in views.figure_tables(halvek) if (t.event, t.category) == ("killed", "people"))
    series = views.toll_series(people, halvek)
    assert series["Dravena Civilian Casualty Monitor"] == [("2031-05-10", 312.0), ("2031-05-12", 480.0)]
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
                                               f"At least {toll} people were killed in Marovo on Monday.\n",
                                               encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(tmp_path / "r10.txt"), str(tmp_path / "r12.txt"), "--out",
                                 str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "dossier.html").read_text(encoding="utf-8")
    assert ">Cash $\\evil$ Daily (own)<" in page  # the chart's legend


# -- claims, outlets, timeline, places ----------------------------------------------------------------


def test_claims_matrix_marks_silence(halvek: dict[str, Any]) -> None:
    matrix = views.claims_matrix(halvek)
    assert matrix.derived_from == "claims"
    row = {r.id: r for r in matrix.rows}["c-video"]
    stances = {o: [c["stance"] for c in row.cells.get(o, [])] for o in matrix.outlets}
    assert stances["Meridian Wire Service"] == ["hedges"]
    assert stances["The National Herald"] == ["denies"]
    assert stances["Civic Watchpost"] == []  # silent
    assert matrix.counts("Tarn Valley Courier")["silent"] == 2
    assert {m["anchor"] for r in matrix.rows for c in r.cells.values() for m in c} <= \
        {f'claim-{c["id"]}' for c in halvek["claims"]}


@pytest.mark.parametrize("shape", ["flat", "grouped"])
def test_claim_groups_read_flat_and_grouped_claims(halvek: dict[str, Any], shape: str) -> None:
    doc = halvek["documents"][1]
    start = doc["text"].index("There is no truth")
    mention = {"doc_id": doc["id"], "span": [start, start + 17]}
    if shape == "flat":
        claims = [{**mention, "id": "k1", "group": "g1", "claim": "targeting", "polarity": "negative"},
                  {**mention, "id": "k2", "group": "g1", "claim": "targeting", "stance": "affirm", "hedged": True}]
    else:
        claims = [{"id": "g1", "text": "targeting", "members": [{**mention, "polarity": "negative"},
                                                                 {**mention, "stance": "affirm", "hedged": True}]}]
    [group] = views.claim_groups({**halvek, "claims": claims, "claim_groups": []})
    assert (group["id"], group["text"]) == ("g1", "targeting")
    assert [(m["stance"], m["quote"]) for m in group["members"]] == \
        [("denies", "There is no truth"), ("hedges", "There is no truth")]


def test_the_disputes_matrix_shows_positions(halvek: dict[str, Any]) -> None:
    assert views.claims_matrix({**halvek, "claims": [], "claim_groups": []}).rows == []
    matrix = views.claims_matrix(halvek, "disputes")
    assert matrix.derived_from == "disputes"
    row = {r.id: r for r in matrix.rows}["operation-over"]
    assert {c["stance"] for c in row.cells["Sevran Dawn"]} == {"killings continue"}


def test_outlet_profiles(halvek: dict[str, Any]) -> None:
    profiles = {p.name: p for p in views.outlet_profiles(halvek)}
    herald = profiles["The National Herald"]
    assert "terrorist remnants of the Draskovar regime" in herald.names_for["insurgents"]
    dawn = profiles["Sevran Dawn"]  # its framing row names the sides: it wins over the actors' labels
    assert dawn.names_for == {"Orsenian government forces": ["Veyrat regime", "regime militias"]}
    assert [(t["term"], t["count"]) for t in dawn.loaded_terms] == [("regime", 6), ("militia", 2)]
    assert herald.upstream[0] == ("Interior Ministry", 4)
    assert herald.extra == {"turnout": "high"}  # a framing key the page does not know is shown as it is
    assert dawn.silent_on == {"claims": (0, 4), "disputes": (2, 6)}  # not on the 312, nor the detainees
    assert profiles["The Harbour Ledger"].copies_of == ["Meridian Wire Service"]
    tarn = profiles["Tarn Valley Courier"]
    assert tarn.attribution_rate == 1.0 and tarn.hedging_rate == 0.0
    assert profiles["Sevran Dawn"].hedging_rate == pytest.approx(2 / 8)
    framed = views.outlet_profiles({**halvek, "framing": {"Sevran Dawn": {"hedging_rate": 0.5,
                                                                          "upstream": {"correspondents": 3}}}})
    dawn = next(p for p in framed if p.name == "Sevran Dawn")
    assert (dawn.hedging_rate, dawn.upstream) == (0.5, [("correspondents", 3)])
    assert "Veyrat regime" in dawn.names_for["government"]  # from the actors, without a framing row


def test_timeline_and_places(halvek: dict[str, Any]) -> None:
    timeline = views.timeline_entries(halvek)
    assert [t["start"] for t in timeline] == sorted(t["start"] for t in timeline)
    assert timeline[0]["evidence"][0]["quote"] == "gunmen attacked checkpoints outside Korvany"
    places = {p["name"]: p for p in views.place_entries(halvek)}
    assert places["Brannik"]["admin1"] == "Dravena" and len(places["Brannik"]["outlets"]) == 7


# -- the page -------------------------------------------------------------------------------------------


def test_every_section_is_rendered(halvek_html: str) -> None:
    for section in ("overview", "disputes", "figures", "claims", "outlets", "timeline", "places", "reports"):
        assert f'<section id="{section}">' in halvek_html, section
    assert halvek_html.count('<svg id="chart-') >= 3
    assert 'href="#ev-sevrani-targeted-1-2"' in halvek_html and 'id="ev-sevrani-targeted-1-2"' in halvek_html
    assert "<script" not in halvek_html


def test_the_analysed_examples_render_every_section_they_hold(examples_dossier: dict[str, Any]) -> None:
    html = render_html(examples_dossier)
    present = {"disputes": "disputes", "claim_groups": "claims", "timeline": "timeline", "places": "places"}
    for key, section in present.items():
        assert (f'<section id="{section}">' in html) == bool(examples_dossier.get(key)), key
    for fig in examples_dossier["figures"]:
        assert f'<mark id="{fig["id"]}" title="figure {fig["id"]}">' in html
    for band in examples_dossier.get("figure_bands") or []:
        assert f'id="{views.html_id("band", band["event"], band["category"])}"' in html
    for mark in (m for found in views.highlights(examples_dossier).values() for m in found):
        assert f'id="{mark.anchor}"' in html


def test_sections_without_data_are_left_out(halvek: dict[str, Any]) -> None:
    bare = {k: v for k, v in halvek.items() if k not in {"claims", "claim_groups", "framing", "timeline", "places"}}
    html = render_html({**bare, "disputes": [], "actors": []})
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


def test_hostile_dossier_is_escaped_everywhere(hostile: dict[str, Any]) -> None:
    html = render_html(hostile)
    parser = Tags()
    parser.feed(html)
    assert not [t for t, _ in parser.tags if t in {"script", "img", "iframe", "object", "embed"}]
    attrs = [(t, k, v or "") for t, a in parser.tags for k, v in a.items()]
    assert not [a for a in attrs if a[1].startswith("on")]
    assert not [a for a in attrs if a[2].strip().lower().startswith("javascript:")]
    assert "&lt;script&gt;window.__pwned=&#34;script&#34;&lt;/script&gt;" in html  # shown as text
    assert "&lt;img src=x onerror=&#34;window.__pwned=&#39;img&#39;&#34;&gt;" in html


def test_filter_dossier(halvek: dict[str, Any]) -> None:
    dawn = views.filter_dossier(halvek, outlet="Sevran Dawn")
    assert [d["outlet"] for d in dawn["documents"]] == ["Sevran Dawn"]
    assert {f["doc_id"] for f in dawn["figures"]} == {by_outlet(halvek)["Sevran Dawn"]}
    assert all(e["doc_id"] == by_outlet(halvek)["Sevran Dawn"]
               for d in dawn["disputes"] for p in d["positions"] for e in p["evidence"])
    assert {d["kind"] for d in views.filter_dossier(halvek, kind="polarity")["disputes"]} == {"polarity"}
    assert {f["category"] for f in views.filter_dossier(halvek, category="civilians")["figures"]} == {"civilians"}
    found = views.filter_dossier(halvek, query="VIDEO")
    assert [g["id"] for g in found["claim_groups"]] == ["c-video"] and found["disputes"] == []
    assert [g["id"] for g in views.claim_groups(found)] == ["c-video"]
    hits = views.search_hits(halvek, "completely false")
    assert [h["outlet"] for h in hits] == ["The National Herald"]
    assert halvek["disputes"] and halvek == json.loads((DATA / "halvek.dossier.json").read_text(encoding="utf-8"))


# -- exports --------------------------------------------------------------------------------------------


def test_acled_events(halvek: dict[str, Any]) -> None:
    rows = {r["location"]: r for r in acled_events(halvek)}
    assert all(list(r) == [c for c in ACLED_COLUMNS if c in r] for r in rows.values())
    placeless = rows[""]
    assert placeless["fatalities"] == 11  # the low end of the band for everyone counted
    orsenia = rows["Orsenia"]
    assert (orsenia["event_date"], orsenia["time_precision"], orsenia["fatalities"]) == ("2031-05-08", 2, 312)
    assert orsenia["source"] == "Meridian Wire Service; The Harbour Ledger"
    assert "at least 312 people killed, according to Dravena Civilian Casualty Monitor" in orsenia["notes"]
    ostrel = rows["Ostrel"]
    assert ostrel["actor1"] == "terrorist remnants of the Draskovar regime"
    assert (ostrel["latitude"], ostrel["admin1"], ostrel["country"]) == (42.70, "Dravena", "Orsenia")


def test_tables_load_in_pandas_with_their_columns(halvek: dict[str, Any], tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    paths = {p.name: p for p in write_tables(halvek, tmp_path)}
    assert sorted(paths) == ["claims.csv", "disputes.csv", "documents.csv", "events_acled.csv", "failures.csv",
                             "figures.csv"]
    figures = pd.read_csv(paths["figures.csv"])
    assert list(figures.columns) == FIGURE_COLUMNS and len(figures) == len(halvek["figures"])
    claims = pd.read_csv(paths["claims.csv"])
    assert list(claims.columns) == CLAIM_COLUMNS
    assert set(claims["stance"]) == {"affirms", "denies", "hedges"}
    disputes = pd.read_csv(paths["disputes.csv"])
    assert list(disputes.columns) == DISPUTE_COLUMNS
    assert disputes["dispute_id"].nunique() == 6
    texts = {d["id"]: d["text"] for d in halvek["documents"]}
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


def test_the_rendered_fixture_is_unchanged_by_rendering(halvek: dict[str, Any]) -> None:
    before = copy.deepcopy(halvek)
    render_html(halvek)
    assert halvek == before

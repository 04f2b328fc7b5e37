"""Finding one's way in a dossier: full-text search (the file's script, the store's FTS5 index, LIKE where
there is none), permalinks, the CSV / JSON of each table, and filters that recount what they keep."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from helpers import doc, figure, text_only_word
from rashomon.model import (
    Alignments,
    Count,
    CountValue,
    Dispute,
    Dossier,
    Estimate,
    Evidence,
    Position,
    Span,
    from_json,
)
from rashomon.render import filters, views
from rashomon.render.csv import FIGURE_COLUMNS, table_data
from rashomon.render.html import FIND_SCRIPT, PAGE_SIZES, render_html
from rashomon.store import Store
from rashomon.web import create_app

LOCAL = "http://127.0.0.1"


@pytest.fixture(scope="module")
def halvek(examples_dossier: dict[str, Any]) -> Dossier:
    return from_json(Dossier, examples_dossier)


@pytest.fixture(scope="module")
def html(halvek: Dossier) -> str:
    return render_html(halvek)


# -- the file ---------------------------------------------------------------------------------------------
def test_the_files_one_script_is_allowed_by_its_hash_and_nothing_else(html: str) -> None:
    [csp] = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    digest = base64.b64encode(hashlib.sha256(FIND_SCRIPT.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp
    assert re.findall(r"<script>(.*?)</script>", html, flags=re.S) == [FIND_SCRIPT]
    assert "fetch(" not in FIND_SCRIPT and "XMLHttpRequest" not in FIND_SCRIPT and "innerHTML" not in FIND_SCRIPT


def test_the_served_page_has_no_script(examples_run: Any) -> None:
    client = TestClient(create_app([str(examples_run.out / "rashomon.db")]), base_url=LOCAL)
    name = re.findall(r'href="/d/([^"/]+)"', client.get("/").text)[0]
    page = client.get(f"/d/{name}").text
    assert "<script" not in page and 'id="brief"' in page


def test_every_item_has_a_visible_permalink(halvek: Dossier, html: str) -> None:
    for anchor in [f"dispute-{d.id}" for d in halvek.disputes] + ["brief"]:
        assert f'href="#{anchor}" title="permalink' in html, anchor
    for item in re.findall(r'<(?:div|li|article|tr) (?:class="[^"]*" )?id="([^"]+)"', html):
        assert f'<a class="permalink" href="#{item}"' in html, item


def test_searchable_items_are_reports_claims_and_disputes(halvek: Dossier, html: str) -> None:
    kinds = re.findall(r'data-find="([^"]+)"', html)
    assert sum(k.startswith("report") for k in kinds) == len(halvek.documents)  # near-copies too
    assert "dispute" in kinds and "claim" in kinds


def unquote(data_url_body: str) -> str:
    """The text of a base64 ``data:`` URL's body."""
    return base64.b64decode(data_url_body).decode("utf-8")


def test_each_table_downloads_as_csv_and_json_from_data_urls(halvek: Dossier, html: str) -> None:
    links = dict(re.findall(r'href="(data:[^"]+)" download="([^"]+)"', html))
    names = set(links.values())
    assert {"reports.csv", "reports.json", "claims.csv", "disputes.csv", "places.csv"} <= names
    by_name = {v: k for k, v in links.items()}
    rows = list(csv.DictReader(io.StringIO(unquote(by_name["reports.csv"].split(",", 1)[1]))))
    assert [r["id"] for r in rows] == [d.id for d in halvek.documents]
    band = next(n for n in names if n.startswith("band-") and n.endswith(".csv"))
    figures = list(csv.DictReader(io.StringIO(unquote(by_name[band].split(",", 1)[1]))))
    assert figures and list(figures[0]) == FIGURE_COLUMNS
    as_json = json.loads(unquote(by_name[band.replace(".csv", ".json")].split(",", 1)[1]))
    assert [f["id"] for f in as_json] == [f["id"] for f in figures]


def test_a_band_table_holds_only_its_figures_in_dossier_order(halvek: Dossier) -> None:
    chosen = [f.id for f in halvek.figures][::3][:4]
    columns, rows = table_data(halvek, "figures", reversed(chosen))
    assert columns == FIGURE_COLUMNS
    assert [r["id"] for r in rows] == chosen
    assert len(table_data(halvek, "figures")[1]) == len(halvek.figures)


# -- the store's search -----------------------------------------------------------------------------------
def _store(tmp_path: Path) -> Store:
    store = Store.open(str(tmp_path / "s.db"))
    store.add_document(doc("a", "Pelto Wire", text="Ferries stopped at the Kessin quay after the blast."))
    store.add_document(doc("b", "Vanner Post", text="The quay was quiet; ferries resumed by noon."))
    return store


def test_store_search_finds_every_word_in_report_text_with_fts5(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        assert sorted(i for i, _ in store.search_reports("ferries quay")) == ["a", "b"]
        [(found, words)] = store.search_reports("Kessin blast")
        assert found == "a" and "Kessin" in words
        assert store.search_reports("noon", doc_ids=["a"]) == []
        assert store.search_reports('"; DROP TABLE documents; --') == []
        store.add_document(doc("c", "Orsk Daily", text="A later report on the Kessin ferries."))  # the trigger
        assert sorted(i for i, _ in store.search_reports("kessin")) == ["a", "c"]


def test_store_search_falls_back_to_like_without_an_index(tmp_path: Path) -> None:
    with _store(tmp_path) as store, store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE documents_fts")
    with Store.open(str(tmp_path / "s.db")) as store:
        [(found, words)] = store.search_reports("resumed by noon")
        assert found == "b" and "resumed by noon" in words
        assert store.search_reports("100%_") == []


def test_in_memory_search_asks_the_same_question() -> None:
    d = Dossier(documents=(doc("a", text="Ferries stopped at the Kessin quay."), doc("b", text="Quiet quay.")))
    assert [i for i, _ in filters.find_reports(d, "QUAY ferries")] == ["a"]


def test_a_value_the_question_leaves_unnamed_is_found_by_its_label(tmp_path: Path) -> None:
    """A count's question names five values at most; search (file, served app, store) also reads the positions'
    labels, so the source of a value the question leaves out is still found."""
    text = "Medics counted the dead at the quay."
    evidence = (Evidence(Span("a", 0, 6), "Medics"),)
    positions = tuple(Position(f"{n} ({source})", evidence) for n, source in
                      ((11, "Alder Clinic"), (13, "Birch Monitor"), (16, "Cedar Aid"), (19, "Lorn Medics"),
                       (23, "Dune Watch"), (31, "Elm Council")))
    dispute = Dispute("d1", "numeric", "How many people were killed: 11 (Alder Clinic), 13 (Birch Monitor), "
                      "16 (Cedar Aid), 2 other values or 31 (Elm Council)?", "Sources differ.", positions)
    d = Dossier(documents=(doc("a", text=text),), disputes=(dispute,))
    assert filters.select(d, query="LORN medics").dispute_ids == {"d1"}
    assert filters.select(d, query="Gorse").dispute_ids == set()
    assert [h.text for h in views.search_hits(d, "lorn medics")] == [dispute.question]
    with Store.open(str(tmp_path / "s.db")) as store:
        store.add_document(doc("a", text=text))
        store.save_alignments(Alignments(disputes=(dispute,)))
        assert store.dispute_ids(query="LORN medics") == ["d1"]
        assert store.dispute_ids(query="cedar aid") == ["d1"] and store.dispute_ids(query="medics") == ["d1"]
        assert store.dispute_ids(query="Gorse") == [] and store.dispute_ids(query="lorn", kind="polarity") == []


# -- the served app ---------------------------------------------------------------------------------------
@pytest.fixture
def client(examples_run: Any, tmp_path: Path) -> TestClient:
    (tmp_path / "halvek").mkdir()
    db = tmp_path / "halvek" / "rashomon.db"
    db.write_bytes((examples_run.out / "rashomon.db").read_bytes())
    json_case = tmp_path / "exported.dossier.json"
    json_case.write_bytes((examples_run.out / "dossier.json").read_bytes())
    return TestClient(create_app([str(db), str(json_case)]), base_url=LOCAL)


def test_a_served_reports_quotes_link_back_to_the_dossier_page(client: TestClient, halvek: Dossier) -> None:
    """On a report's own page a quote links back to its dispute on the page of disputes that holds it, and a
    figure to its count's table on the dossier page."""
    disputes = [d.id for d in halvek.disputes]
    for n, d in enumerate(halvek.disputes):
        e = d.positions[0].evidence[0]
        page = client.get(f"/d/halvek/reports/{e.doc_id}").text
        where = "" if n < PAGE_SIZES["disputes"] else f"?disputes_page={n // PAGE_SIZES['disputes'] + 1}"
        assert f'class="cited c-dispute" href="/d/halvek{where}#dispute-{d.id}"' in page
    assert disputes
    count = halvek.counts[0]
    fig = next(f for f in halvek.figures if f.id == count.figure_ids[0])
    page = client.get(f"/d/halvek/reports/{fig.doc_id}").text
    assert f'class="cited c-count" href="/d/halvek#band-{count.event}-{count.category}-{count.id}"' in page


@pytest.mark.parametrize("name", ["halvek", "exported"])
def test_serve_search_finds_a_word_only_report_text_holds(client: TestClient, halvek: Dossier, name: str) -> None:
    word, doc_id = text_only_word(halvek)
    page = client.get(f"/d/{name}", params={"q": word}).text
    assert f'href="/d/{name}/reports/{doc_id}#doc-{doc_id}"' in page
    assert "None match this filter." in page  # no claim or dispute holds the word


def test_serve_tables_as_csv_and_json_under_the_filters(client: TestClient, halvek: Dossier) -> None:
    every = list(csv.DictReader(io.StringIO(client.get("/d/halvek/tables/figures.csv").text)))
    assert {r["id"] for r in every} == {f.id for f in halvek.figures}
    outlet = halvek.documents[0].display_name
    mine = {d.id for d in halvek.documents if d.display_name == outlet}
    narrowed = client.get("/d/halvek/tables/figures.json", params={"outlet": outlet}).json()
    assert narrowed and {r["doc_id"] for r in narrowed} <= mine
    page = client.get("/d/halvek", params={"outlet": outlet}).text
    assert "/d/halvek/tables/figures.csv?outlet=" in page
    assert client.get("/d/halvek/tables/secrets.csv").status_code == 404


def test_a_filter_reconciles_the_counts_it_keeps() -> None:
    """An outlet's view shows its own values: low, best and high by the rule of align.counts, not the whole
    corpus's (Vanner Post's 90 gone), and a toll in no kept report is gone."""
    values = (CountValue(12, "exact", 12, 12, "Pelto Wire", ("f1",), ("Pelto Wire",)),
              CountValue(90, "exact", 90, 90, "Vanner Post", ("f2",), ("Vanner Post",)),
              CountValue(30, "at_least", 30, None, "Kessin Monitor", ("f3",), ("Pelto Wire",), source_id="s1"))
    whole = Count("n1", "killed", "civilians", "total", values, low=Estimate(12, "exact", "Pelto Wire", "f1"),
                  best=Estimate(90, "exact", "Vanner Post", "f2"), high=Estimate(90, "exact", "Vanner Post", "f2"),
                  independent_origins=3)
    theirs = Count("n2", "killed", "people", "incident", (values[1],), low=whole.best, best=whole.best,
                   high=whole.best)
    figures = (figure("f1", "a", 12, category="civilians"), figure("f2", "b", 90, category="civilians"),
               figure("f3", "a", 30, category="civilians", qualifier="at_least"))
    d = Dossier(documents=(doc("a", "Pelto Wire"), doc("b", "Vanner Post")), figures=figures, counts=(whole, theirs))
    [kept] = filters.narrow(d, filters.select(d, outlet="Pelto Wire")).counts
    assert [v.value for v in kept.values] == [12, 30]
    assert (kept.low.value, kept.high.value) == (12, 30)  # type: ignore[union-attr]
    # the named source before an outlet's own count (align.counts' rule for best)
    assert (kept.best.value, kept.best.source) == (30, "Kessin Monitor")  # type: ignore[union-attr]
    assert kept.independent_origins == 2
    html = render_html(filters.narrow(d, filters.select(d, outlet="Pelto Wire")))
    assert 'id="band-killed-civilians-n1"' in html and "band-killed-people-n2" not in html

"""The dossier: it keeps the JSON contract, keeps each report's own words, and renders them safely."""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest

import rashomon
from rashomon import Store, build_dossier, validate_dossier
from rashomon.ingest.text import document_from_text
from rashomon.model import Dossier, from_json, to_json
from rashomon.models import FigureDraft, InputFailure
from rashomon.render.html import highlight_segments, render_html
from rashomon.workflow import write_outputs

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports"
SHARED = Path(__file__).resolve().parents[2] / "shared"  # the shared/ folder beside the repository


# -- the JSON contract -------------------------------------------------------------------------------


def test_examples_dossier_validates(examples_dossier: dict[str, Any]) -> None:
    validate_dossier(examples_dossier)
    assert examples_dossier["schema"] == "rashomon.dossier/2"
    assert examples_dossier["generator"] == f"rashomon {rashomon.__version__}"
    for key in ("documents", "figures", "disputes", "actors", "failures"):
        assert isinstance(examples_dossier[key], list)


def test_examples_dossier_documents(examples_dossier: dict[str, Any]) -> None:
    docs = {Path(d["source"]).name: d for d in examples_dossier["documents"]}
    assert sorted(docs) == sorted(p.name for p in (DATA.parents[1] / "examples" / "reports").glob("*.txt"))
    assert len({d["id"] for d in docs.values()}) == 7
    wire = docs["01_wire_meridian.txt"]
    assert (wire["outlet"], wire["published"], wire["language"]) == ("Meridian Wire Service", "2031-05-10", "en")
    assert docs["04_partisan_sevran_dawn.txt"]["published"] is None  # "date: unknown"
    assert docs["05_syndicated_harbour_ledger.txt"]["duplicate_of"] == wire["id"]
    assert [n for n, d in docs.items() if d["duplicate_of"]] == ["05_syndicated_harbour_ledger.txt"]
    assert {d["id"]: d["display_name"] for d in docs.values()} == {d["id"]: d["outlet"] for d in docs.values()}
    assert docs["05_syndicated_harbour_ledger.txt"]["origin_id"] == wire["id"]
    stats = examples_dossier["stats"]
    assert (stats["documents"], stats["independent_documents"], stats["outlets"]) == (7, 6, 7)
    assert (stats["first_published"], stats["last_published"]) == ("2031-05-10", "2031-05-13")
    assert stats["words"] == sum(len(d["text"].split()) for d in docs.values())


def test_every_txt_document_text_is_the_files_own_text(examples_dossier: dict[str, Any]) -> None:
    for doc in examples_dossier["documents"]:
        raw = (EXAMPLES / doc["source"]).read_text(encoding="utf-8")  # the dossier shows file names
        assert doc["text"] in raw, doc["source"]
        assert raw.endswith(doc["text"])  # everything after the header, unchanged
        assert not doc["text"].startswith("title:")


def test_figures_point_into_their_documents(examples_dossier: dict[str, Any]) -> None:
    texts = {d["id"]: d["text"] for d in examples_dossier["documents"]}
    for fig in examples_dossier["figures"]:
        start, end = fig["span"]
        assert texts[fig["doc_id"]][start:end] == fig["text"], fig


def test_written_json_is_the_dossier(examples_run) -> None:
    raw = (examples_run.out / "dossier.json").read_text(encoding="utf-8")
    assert "\u2019" in raw  # written as UTF-8, not as \\u escapes (04 has curly quotes)
    assert not list(examples_run.out.glob("*.tmp"))  # atomic writes leave no temporary file


def test_the_json_reads_back_into_the_same_dossier(examples_dossier: dict[str, Any]) -> None:
    dossier = from_json(Dossier, examples_dossier)
    assert to_json(dossier) == examples_dossier  # one codec, both ways, nothing lost
    assert {f.id for f in dossier.figures} == {f["id"] for f in examples_dossier["figures"]}


def test_every_cited_source_is_one_source_with_its_names(examples_dossier: dict[str, Any]) -> None:
    sources = {s["id"]: s for s in examples_dossier["sources"]}
    assert sources and all(s["kind"] and s["aliases"] for s in sources.values())
    texts = {d["id"]: d["text"] for d in examples_dossier["documents"]}
    for s in sources.values():
        for alias in s["aliases"]:
            for where in alias["spans"]:
                assert texts[where["doc_id"]][slice(*where["span"])] == alias["name"]
    for item in examples_dossier["figures"] + examples_dossier["claims"]:
        assert [a["name"] for a in item["attributions"]] == item["attributed_to"]
        assert all(a["source_id"] in sources for a in item["attributions"])


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d.pop("documents"),
        lambda d: d.update(schema="something-else/1"),
        lambda d: d["documents"][0].update(published="10 May 2031"),
        lambda d: d["documents"][0].update(id=""),
        lambda d: d["documents"][0].pop("text"),
        lambda d: d["failures"].append({"source": "x.pdf"}),
        lambda d: d["figures"].append(_figure(d, span=[5, 2])),  # a span that ends before it starts
        lambda d: d["figures"].append(_figure(d, span=[0, 10**6])),  # beyond the end of the text
        lambda d: d["figures"].append(_figure(d, doc_id="no-such-document")),
        lambda d: d["figures"].append(_figure(d, event="exploded")),
        lambda d: d["figures"].append(_figure(d, span=[1, 2, 3])),
    ],
)
def test_broken_dossier_does_not_validate(examples_dossier: dict[str, Any], breakage) -> None:
    broken = copy.deepcopy(examples_dossier)
    breakage(broken)
    with pytest.raises(jsonschema.ValidationError):
        validate_dossier(broken)


def test_a_well_formed_figure_validates(examples_dossier: dict[str, Any]) -> None:
    fixed = copy.deepcopy(examples_dossier)
    fixed["figures"].append(_figure(fixed))
    validate_dossier(fixed)


def _figure(dossier: dict[str, Any], **changes: Any) -> dict[str, Any]:
    doc = dossier["documents"][0]
    start = doc["text"].index("312")
    figure = {"id": "f-test", "doc_id": doc["id"], "span": [start, start + 3], "text": "312", "value": 312,
              "qualifier": "at_least", "event": "killed", "category": "people", "attributed_to": []}
    figure.update(changes)
    return figure


def test_build_dossier_lists_failures(tmp_path: Path) -> None:
    with Store.open("sqlite://") as store:
        path = DATA / "reports" / "header.txt"
        store.add_document(document_from_text(path.read_text(encoding="utf-8"), str(path)))
        store.add_failure(InputFailure("scan.pdf", "unsupported file type '.pdf'"))
        dossier = build_dossier(store)
    validate_dossier(dossier)
    assert dossier.failures == (InputFailure("scan.pdf", "unsupported file type '.pdf'"),)
    assert dossier.stats.failures == 1
    assert dossier.stats.documents == 1


# -- HTML --------------------------------------------------------------------------------------------


def test_html_escapes_article_text(tmp_path: Path) -> None:
    summary = rashomon.analyze([str(DATA / "hostile" / "script.txt")], tmp_path / "out")
    assert summary.exit_code == 0
    html = summary.paths["html"].read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "Lisket <b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Lisket &lt;b&gt;Bold&lt;/b&gt; Post" in html  # the outlet from the header, too
    assert "Two watchmen died in the fire on Tuesday night." in html  # the rest of the text is there


def test_html_escapes_highlighted_spans_and_failures(tmp_path: Path) -> None:
    path = DATA / "hostile" / "script.txt"
    doc = document_from_text(path.read_text(encoding="utf-8"), str(path))
    start = doc.text.index("<script>")
    end = doc.text.index("</script>") + len("</script>")
    with Store.open("sqlite://") as store:
        store.add_document(doc)
        store.save_analysis(doc.id, "test", figures=[FigureDraft(
            doc_id=doc.id, span=(start, end), text=doc.text[start:end], value=1, event="other", category="other",
            attributed_to=["<script>alert('source')</script>"], group="<i>group</i>")])
        store.add_failure(InputFailure("<script>alert('file')</script>.pdf", "unsupported <b>type</b>"))
        summary = write_outputs(store, tmp_path)
    html = summary.paths["html"].read_text(encoding="utf-8")
    for raw in ("<script>alert", "<b>type</b>", "<i>group</i>"):
        assert raw not in html
    assert "&lt;i&gt;group&lt;/i&gt;" in html
    assert "&lt;script&gt;alert(&#39;source&#39;)&lt;/script&gt;" in html
    assert '<mark id="f1" title="figure f1" tabindex="0">&lt;script&gt;alert(1)&lt;/script&gt;</mark>' in html
    assert "&lt;script&gt;alert(&#39;file&#39;)&lt;/script&gt;.pdf" in html


def test_highlight_segments_rebuild_the_text() -> None:
    text = "Two watchmen died and five firefighters were hurt."
    segments = highlight_segments(text, [(22, 26, "f2"), (0, 3, "f1"), (1, 5, "overlap")])
    assert "".join(s["text"] for s in segments) == text
    assert [(s["text"], s["id"]) for s in segments if s["id"]] == [("Two", "f1"), ("five", "f2")]


def test_render_html_lists_every_report(examples_dossier: dict[str, Any]) -> None:
    html = render_html(from_json(Dossier, examples_dossier))
    for doc in examples_dossier["documents"]:
        assert f'id="doc-{doc["id"]}"' in html
    assert "Content-Security-Policy" in html


# -- the seeds and their gold ---------------------------------------------------------------------------


def _load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("rashomon_eval_score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="shared/seeds is not beside this repository")
def test_every_gold_quote_of_the_seeds_is_in_the_dossier(tmp_path: Path) -> None:
    score = _load_scorer()
    gold = json.loads((SHARED / "gold" / "seeds.json").read_text(encoding="utf-8"))
    summary = rashomon.analyze([str(SHARED / "seeds")], tmp_path / "out")
    assert summary.exit_code == 0, summary.failures
    dossier = json.loads(summary.paths["json"].read_text(encoding="utf-8"))
    validate_dossier(dossier)

    texts = {Path(d["source"]).name: d["text"] for d in dossier["documents"]}
    quotes = [(g["doc"], g["quote"]) for g in gold["figures"]]
    quotes += [(e["doc"], e["quote"]) for d in gold["disputes"] for side in d["sides"] for e in side["evidence"]]
    assert quotes
    missing = [(name, quote) for name, quote in quotes if name not in texts or score.locate(texts[name], quote) is None]
    assert missing == []
    # and the scorer itself finds every document and every quote
    notes = score.Scorer(dossier, gold).run()["notes"]
    assert [n for n in notes if "missing" in n or "not found" in n] == []


def test_dossier_json_is_written_a_piece_at_a_time_as_the_whole_would_be(examples_dossier: dict[str, Any],
                                                                         tmp_path: Path) -> None:
    import orjson

    from rashomon.dossier import dossier_chunks, write_json

    dossier = from_json(Dossier, examples_dossier)
    whole = orjson.dumps(to_json(dossier), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    pieces = list(dossier_chunks(dossier))
    assert len(pieces) > len(dossier.claims) and b"".join(pieces) == whole  # one claim at a time, same bytes
    assert json.loads(write_json(dossier, tmp_path / "d.json").read_bytes()) == examples_dossier
    empty = Dossier()
    assert b"".join(dossier_chunks(empty)) == orjson.dumps(to_json(empty), option=orjson.OPT_INDENT_2) + b"\n"


def test_the_page_is_written_in_pieces_as_rendered(examples_dossier: dict[str, Any], tmp_path: Path) -> None:
    from rashomon.render.html import write_html

    dossier = from_json(Dossier, examples_dossier)
    written = write_html(dossier, tmp_path / "d.html").read_text(encoding="utf-8")
    assert written == render_html(dossier) and "<html" in written

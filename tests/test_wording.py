"""A dossier fit to share: a neutral title, file names instead of paths, links to the original articles."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.cli import app
from rashomon.model import Document, Evidence, Place, Span
from rashomon.wording import date_range, display_sources, main_place, neutral_title

ROOT = Path(__file__).resolve().parents[1]
REPORTS = Path(__file__).parent / "data" / "reports"


def invoke(runner: CliRunner, *args: str | Path):
    return runner.invoke(app, [str(a) for a in args], prog_name="rashomon")


def links(page: str) -> dict[str, str]:
    """href -> the whole <a> tag, for every link of the page."""
    return {html.unescape(m.group(1)): m.group(0) for m in re.finditer(r'<a [^>]*href="([^"]+)"[^>]*>', page)}


# -- the example corpus, analysed once for the session ---------------------------------------------------


def test_the_dossier_holds_no_absolute_path(examples_run) -> None:
    page = (examples_run.out / "dossier.html").read_text(encoding="utf-8")
    data = (examples_run.out / "dossier.json").read_text(encoding="utf-8")
    for where in (page, data):
        assert str(ROOT) not in where
        assert str(examples_run.out.parent) not in where
    sources = [d["source"] for d in json.loads(data)["documents"]]
    assert sorted(sources) == sorted(p.name for p in (ROOT / "examples" / "reports").iterdir())


def test_every_document_with_a_url_links_to_it(examples_run) -> None:
    page = (examples_run.out / "dossier.html").read_text(encoding="utf-8")
    found = links(page)
    urls = [d["url"] for d in examples_run.dossier["documents"] if d["url"]]
    assert len(urls) == 7
    for url in urls:
        assert url in found, url
        assert 'rel="noreferrer noopener"' in found[url]


def test_the_title_is_neutral(examples_run) -> None:
    dossier = examples_run.dossier
    assert dossier["title"]["by"] == "rashomon"
    assert dossier["title"]["text"] == "7 reports on Brannik, 10–13 May 2031"  # the village all seven name
    page = (examples_run.out / "dossier.html").read_text(encoding="utf-8")
    assert f"<title>{html.escape(dossier['title']['text'])} · rashomon</title>" in page
    assert "headline of the first report" not in page


# -- options ---------------------------------------------------------------------------------------------


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two reports of one file name in two folders, and a record whose URL is a script."""
    folder = tmp_path / "inbox"
    for sub, outlet in (("north", "Varn Gazette"), ("south", "Tellis Wire")):
        (folder / sub).mkdir(parents=True)
        (folder / sub / "report.txt").write_text(
            f"outlet: {outlet}\nurl: https://{sub}.example.test/a\ndate: 2023-06-0{len(sub)}\n\n"
            f"Floodwater cut the road to Brannik on Monday, {outlet} said. Four people were missing.",
            encoding="utf-8")
    (folder / "records.jsonl").write_text(json.dumps({
        "text": "A ferry sank off Brannik. Two people drowned, the harbour office said.",
        "url": "javascript:alert(1)", "outlet": "Odd Feed"}) + "\n", encoding="utf-8")
    return folder


def test_file_names_tell_same_named_files_apart_and_scripts_are_not_links(runner: CliRunner, corpus: Path,
                                                                          tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke(runner, "analyze", corpus, "--out", out, "-q").exit_code == 0
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert sorted(d["source"] for d in dossier["documents"]) == ["north/report.txt", "records.jsonl:1",
                                                                  "south/report.txt"]
    page = (out / "dossier.html").read_text(encoding="utf-8")
    assert str(tmp_path) not in page
    found = links(page)
    assert "https://north.example.test/a" in found and "https://south.example.test/a" in found
    assert not [href for href in found if href.startswith("javascript")]


def test_keep_paths_and_title(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke(runner, "analyze", corpus, "--out", out, "-q", "--keep-paths", "--title", "Brannik floods")
    assert result.exit_code == 0, result.output
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert str(corpus / "north" / "report.txt") in [d["source"] for d in dossier["documents"]]
    assert dossier["title"] == {"text": "Brannik floods", "by": "user"}
    # export words the dossier as asked too
    result = invoke(runner, "export", "--db", out / "rashomon.db", "--format", "json")
    assert json.loads(result.stdout)["title"]["by"] == "rashomon"
    assert all(not Path(d["source"]).is_absolute() for d in json.loads(result.stdout)["documents"])


# -- the wording itself ------------------------------------------------------------------------------------


def test_display_sources() -> None:
    shown = display_sources(["/a/x/r.txt", "/b/x/r.txt", "/c/r.txt", "<stdin>", "rel/q.html", "https://s.test/r.txt"])
    assert shown == {"/a/x/r.txt": "a/x/r.txt", "/b/x/r.txt": "b/x/r.txt", "/c/r.txt": "c/r.txt",
                     "<stdin>": "<stdin>", "rel/q.html": "q.html", "https://s.test/r.txt": "https://s.test/r.txt"}


@pytest.mark.parametrize(("dates", "said"), [
    (["2024-01-05"], "5 January 2024"),
    (["2024-01-05", "2024-01-05"], "5 January 2024"),
    (["2024-01-31", "2024-02-02"], "31 January – 2 February 2024"),
    (["2023-12-31", "2024-01-02"], "31 December 2023 – 2 January 2024"),
])
def test_date_range(dates: list[str], said: str) -> None:
    assert date_range(dates) == said


def _place(name: str, kind: str, docs: list[str], country: str | None = "Orsenia") -> Place:
    return Place(name.lower(), name, kind, tuple(Evidence(Span(d, 0, 1), name) for d in docs),  # type: ignore[arg-type]
                 country_name=country, resolved=True)


def test_main_place_is_the_local_place_most_reports_name() -> None:
    places = [_place("Orsenia", "country", list("abcdef")), _place("Ostrel", "city", list("abc")),
              _place("Vel Hesk", "village", list("ab") * 5)]
    assert main_place(places, 6) == "Ostrel, Orsenia"


def test_a_local_place_few_reports_name_gives_way_to_the_country() -> None:
    places = [_place("Orsenia", "country", list("abcdef")), _place("Ostrel", "city", ["a"])]
    assert main_place(places, 6) == "Orsenia"
    assert neutral_title([Document("a.txt", "x", id="a")], []) == "1 report"

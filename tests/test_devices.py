"""The dossier file on every device, in a real browser (Debian's Chromium driven by Playwright): at 1400 and
390 px the brief comes first, nothing scrolls sideways, the search finds a report's own words, a
permalink opens its item (its folded section too), a CSV link downloads its table, printing shows every
section expanded, marks are reached by keyboard and tell their words on focus, and dark mode is dark.

Each test runs on the example corpus, and on real reports where they are at hand: the seeds and a dev set
of the shared folder (``$RASHOMON_SHARED``, else ``../shared`` beside the repository). Without that
folder only those cases are skipped, saying why. Each corpus is analysed once per test session.

Screenshots are saved under ``$RASHOMON_ARTIFACTS``, else ``out/artifacts/devices/`` (not committed):
``<corpus>-<device>-<what>.png``."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers import text_only_word
from rashomon.cli import app
from rashomon.dossier import read_json
from rashomon.model import Dossier
from test_browser import browser  # noqa: F401 - the shared Chromium (launched, or the test skipped)
from test_wording import links

ROOT = Path(__file__).resolve().parents[1]
# read when the module loads: the tests' clean environment drops every RASHOMON_* variable
SHARED = Path(os.environ.get("RASHOMON_SHARED") or ROOT.parent / "shared")
ARTIFACTS = Path(os.environ.get("RASHOMON_ARTIFACTS") or ROOT / "out" / "artifacts" / "devices")
CORPORA = {"examples": ROOT / "examples" / "reports", "seeds": SHARED / "seeds",
           "kramatorsk": SHARED / "dev" / "kramatorsk-2022"}
WIDTHS = {"desktop": 1400, "phone": 390}
SECTIONS = ("brief", "overview", "disputes", "figures", "claims", "outlets", "reports")
OVERFLOW = """() => ({
  page: document.documentElement.scrollWidth - window.innerWidth,
  // what sticks out of the page, tables' own scrolling boxes aside
  out: [...document.querySelectorAll('main *, header *, nav *')]
      .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap, .matrix-wrap'))
      .slice(0, 5).map(e => e.tagName + '.' + e.className),
})"""


@dataclass(frozen=True)
class Analysed:
    """One corpus analysed: its name, its dossier and the file URL of its dossier.html."""

    name: str
    dossier: Dossier
    out: Path

    @property
    def url(self) -> str:
        return (self.out / "dossier.html").as_uri()


@pytest.fixture(scope="session", params=list(CORPORA))
def corpus(request: pytest.FixtureRequest, examples_run: Any, tmp_path_factory: pytest.TempPathFactory) -> Analysed:
    name = request.param
    if name == "examples":
        out = examples_run.out
    else:
        reports = CORPORA[name]
        if not reports.is_dir():
            pytest.skip(f"{reports} is not here (real reports are not in the repository): set RASHOMON_SHARED "
                        f"to the folder holding seeds/ and dev/ to run the {name} cases")
        out = tmp_path_factory.mktemp(name) / "out"
        with pytest.MonkeyPatch.context() as mp:
            for var in [v for v in os.environ if v.startswith("RASHOMON_")]:
                mp.delenv(var)
            mp.chdir(out.parent)
            result = CliRunner(env={"COLUMNS": "400"}).invoke(app, ["analyze", str(reports), "--out", str(out),
                                                                    "--quiet"], prog_name="rashomon")
        assert result.exit_code == 0, result.output
    return Analysed(name, read_json(out / "dossier.json"), out)


@pytest.fixture(params=list(WIDTHS))
def device(request: pytest.FixtureRequest, browser: Any, corpus: Analysed  # noqa: F811
           ) -> Iterator[tuple[Any, Any]]:
    """A page at the device's width, recording its requests, and a function saving a screenshot."""
    width = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": width, "height": 860}, accept_downloads=True)
    page = context.new_page()
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def shot(what: str, full: bool = False) -> None:
        # a whole page of 30 real reports is tens of thousands of pixels: only the examples' is saved whole
        page.screenshot(path=str(ARTIFACTS / f"{corpus.name}-{request.param}-{what}.png"),
                        full_page=full and corpus.name == "examples")
    yield page, shot
    context.close()


def test_brief_first_and_nothing_scrolls_sideways(device: tuple[Any, Any], corpus: Analysed) -> None:
    from playwright.sync_api import expect

    page, shot = device
    page.goto(corpus.url)
    first = page.evaluate("document.querySelector('main > section').id")
    assert first == "brief"
    expect(page.locator("#brief")).to_be_in_viewport()
    assert page.locator("#brief li").count() >= 3
    overflow = page.evaluate(OVERFLOW)
    assert overflow == {"page": 0, "out": []}, overflow
    shot("first-screen")
    shot("full", full=True)
    for wrap in page.locator(".matrix-wrap, .table-wrap").all():  # a wide table scrolls inside its own box
        assert wrap.evaluate("e => e.getBoundingClientRect().right <= window.innerWidth + 1")
    for section in page.evaluate("[...document.querySelectorAll('main > section')].map(s => s.id)"):
        page.locator(f"#{section}").scroll_into_view_if_needed()
        shot(f"section-{section}")
    assert {u for u in page.requests} == {corpus.url}


def test_search_finds_words_only_a_reports_text_holds(device: tuple[Any, Any], corpus: Analysed) -> None:
    from playwright.sync_api import expect

    page, shot = device
    word, doc_id = text_only_word(corpus.dossier)
    page.goto(corpus.url)
    page.locator("#find").fill(word.upper())
    results = page.locator("#find-results")
    expect(results).to_be_visible()
    shot("search")
    hits = results.locator("a")
    assert hits.count() == 1, results.inner_text()
    hits.first.click()
    target = page.evaluate("decodeURIComponent(location.hash.slice(1))")
    assert page.evaluate(f"document.getElementById('{target}').closest('[data-find]').id") == f"doc-{doc_id}"
    expect(page.locator(f"[id='{target}']")).to_be_in_viewport()
    page.locator("#find").fill("zqxjzqxj")
    expect(results).to_contain_text("Nothing on this page contains these words.")
    assert {u for u in page.requests} == {corpus.url}


def test_a_permalink_opens_its_item_even_in_a_folded_section(device: tuple[Any, Any], corpus: Analysed) -> None:
    from playwright.sync_api import expect

    page, shot = device
    assert corpus.dossier.disputes, f"no dispute in the {corpus.name} dossier"
    anchor = f"dispute-{corpus.dossier.disputes[-1].id}"
    page.goto(corpus.url)
    link = page.locator(f"#{anchor} a.permalink")
    assert link.get_attribute("href") == f"#{anchor}"
    page.locator("#disputes > details > summary").click()  # fold the section
    expect(page.locator(f"#{anchor}")).to_be_hidden()
    fresh = page.context.new_page()
    fresh.goto(f"{corpus.url}#{anchor}")
    expect(fresh.locator(f"#{anchor}")).to_be_in_viewport()
    page.evaluate(f"location.hash = '#{anchor}'")  # the folded section opens for the link
    expect(page.locator(f"#{anchor}")).to_be_in_viewport()
    shot("permalink")
    fresh.close()


def test_a_csv_link_downloads_its_table(device: tuple[Any, Any], corpus: Analysed) -> None:
    page, _shot = device
    page.goto(corpus.url)
    link = page.locator("#reports .table-links a", has_text="CSV")
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "reports.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == [d.id for d in corpus.dossier.documents]


def test_print_shows_every_section_expanded_without_the_bar(device: tuple[Any, Any], corpus: Analysed) -> None:
    page, shot = device
    page.goto(corpus.url)
    on_screen = page.evaluate("[...document.querySelectorAll('main > section')].map(s => s.id)")
    assert set(SECTIONS) <= set(on_screen), on_screen
    page.locator("#outlets > details > summary").click()  # folded on screen, open on paper
    page.emulate_media(media="print")
    sections = page.evaluate("""[...document.querySelectorAll('main > section')]
        .filter(s => s.getBoundingClientRect().height > 0).map(s => s.id)""")
    assert sections == on_screen
    hidden = page.evaluate("""() => [...document.querySelectorAll('main details')]
        .filter(d => [...d.children].some(c => c.tagName !== 'SUMMARY' && c.getBoundingClientRect().height === 0
                                           && c.textContent.trim() && getComputedStyle(c).display !== 'none'))
        .map(d => (d.closest('[id]') || {}).id)""")
    assert hidden == [], hidden
    assert page.locator("nav.sections").is_hidden() and page.locator(".permalink").first.is_hidden()
    matrix = page.locator("table.matrix").first
    assert matrix.evaluate("t => t.getBoundingClientRect().right <= document.documentElement.clientWidth + 1")
    shot("print", full=True)
    page.locator("#outlets").scroll_into_view_if_needed()
    shot("print-outlets")
    assert len(page.pdf(format="A4")) > 10_000 if page.viewport_size["width"] == WIDTHS["desktop"] else True


def test_marks_are_reached_by_keyboard_and_tell_their_words(browser: Any, corpus: Analysed) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 1400, "height": 860})
    page = context.new_page()
    page.goto(corpus.url)
    mark = page.locator("article.report mark[id]").first
    assert mark.get_attribute("tabindex") == "0"
    mark.focus()
    tip = page.evaluate("getComputedStyle(document.activeElement.nextElementSibling, '::after')")
    assert tip["display"] == "block" and tip["content"] not in ("none", "")
    cell = page.locator("table.matrix .stance[data-tip]").first
    cell.focus()
    assert cell.evaluate("e => getComputedStyle(e, '::after').content") not in ("none", "")
    page.emulate_media(color_scheme="dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert sum(int(v) for v in background[4:-1].split(",")[:3]) < 150, background
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{corpus.name}-desktop-dark.png"))
    context.close()


def test_the_file_holds_no_path_of_the_disk_and_links_every_original(corpus: Analysed) -> None:
    page = (corpus.out / "dossier.html").read_text(encoding="utf-8")
    for folder in {CORPORA[corpus.name].resolve(), CORPORA[corpus.name].absolute(), corpus.out.parent, ROOT}:
        assert str(folder) not in page, folder
    assert "file://" not in page
    found = links(page)
    urls = [d.url for d in corpus.dossier.documents if d.url]
    assert urls or corpus.name == "seeds"  # the seeds are files without a URL; the others have them
    for url in urls:
        assert url in found, url
        assert 'rel="noreferrer noopener"' in found[url] and 'target="_blank"' in found[url]


def test_a_quote_links_back_to_the_dispute_and_the_count_citing_it(device: tuple[Any, Any],
                                                                     corpus: Analysed) -> None:
    from playwright.sync_api import expect

    page, shot = device
    dossier = corpus.dossier
    page.goto(corpus.url)
    dispute = f"dispute-{dossier.disputes[0].id}"
    quote = page.locator(f"#{dispute} a.quote").first
    mark = quote.get_attribute("href").removeprefix("#")
    quote.click()
    expect(page.locator(f"mark[id='{mark}']")).to_be_in_viewport()
    back = page.locator(f"mark[id='{mark}'] + .tip + a.cited.c-dispute[href='#{dispute}']")
    expect(back).to_be_visible()
    shot("quote-back-link")
    back.click()
    expect(page.locator(f"#{dispute}")).to_be_in_viewport()
    originals = {d.id for d in dossier.documents if not d.duplicate_of}
    counted = next(f for c in dossier.counts for f in c.figure_ids
                   if next(x.doc_id for x in dossier.figures if x.id == f) in originals)
    page.goto(f"{corpus.url}#{counted}")
    back = page.locator(f"mark[id='{counted}'] + .tip + a.cited.c-count")
    table = back.get_attribute("href").removeprefix("#")
    back.click()
    expect(page.locator(f"[id='{table}']")).to_be_in_viewport()
    assert page.locator(f"[id='{table}'] a[href='#{counted}']").count() >= 1  # and the count links to the words

"""The dossier file on every device, in a real browser (Debian's Chromium driven by Playwright): at 1400 and
390 px the brief comes first, nothing scrolls sideways, the search finds a report's own words, a
permalink opens its item (its folded section too), a CSV link downloads its table, printing shows every
section expanded, marks are reached by keyboard and tell their words on focus, and dark mode is dark.

Screenshots are saved in each test's temporary folder (``shots/``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import text_only_word
from rashomon.dossier import read_json
from rashomon.model import Dossier
from test_browser import browser  # noqa: F401 - the shared Chromium (launched, or the test skipped)

WIDTHS = {"desktop": 1400, "phone": 390}
OVERFLOW = """() => ({
  page: document.documentElement.scrollWidth - window.innerWidth,
  // what sticks out of the page, tables' own scrolling boxes aside
  out: [...document.querySelectorAll('main *, header *, nav *')]
      .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap, .matrix-wrap'))
      .slice(0, 5).map(e => e.tagName + '.' + e.className),
})"""


@pytest.fixture(scope="module")
def halvek(examples_run: Any) -> tuple[Dossier, str]:
    return read_json(examples_run.out / "dossier.json"), (examples_run.out / "dossier.html").as_uri()


@pytest.fixture(params=list(WIDTHS))
def device(request: pytest.FixtureRequest, browser: Any, tmp_path: Path) -> Iterator[tuple[Any, Path, str]]:  # noqa: F811
    width = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": width, "height": 860}, accept_downloads=True)
    page = context.new_page()
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    shots = tmp_path / "shots"
    shots.mkdir()
    yield page, shots, request.param
    context.close()


def test_brief_first_and_nothing_scrolls_sideways(device: tuple[Any, Path, str], halvek: tuple[Dossier, str]) -> None:
    from playwright.sync_api import expect

    page, shots, name = device
    page.goto(halvek[1])
    first = page.evaluate("document.querySelector('main > section').id")
    assert first == "brief"
    expect(page.locator("#brief")).to_be_in_viewport()
    assert page.locator("#brief li").count() >= 3
    overflow = page.evaluate(OVERFLOW)
    assert overflow == {"page": 0, "out": []}, overflow
    page.screenshot(path=str(shots / f"{name}-first-screen.png"))
    page.screenshot(path=str(shots / f"{name}-full.png"), full_page=True)
    for wrap in page.locator(".matrix-wrap, .table-wrap").all():  # a wide table scrolls inside its own box
        assert wrap.evaluate("e => e.getBoundingClientRect().right <= window.innerWidth + 1")
    assert {u for u in page.requests} == {halvek[1]}


def test_search_finds_words_only_a_reports_text_holds(device: tuple[Any, Path, str],
                                                       halvek: tuple[Dossier, str]) -> None:
    from playwright.sync_api import expect

    page, shots, name = device
    dossier, url = halvek
    word, doc_id = text_only_word(dossier)
    page.goto(url)
    page.locator("#find").fill(word.upper())
    results = page.locator("#find-results")
    expect(results).to_be_visible()
    page.screenshot(path=str(shots / f"{name}-search.png"))
    hits = results.locator("a")
    assert hits.count() == 1, results.inner_text()
    hits.first.click()
    target = page.evaluate("decodeURIComponent(location.hash.slice(1))")
    assert page.evaluate(f"document.getElementById('{target}').closest('[data-find]').id") == f"doc-{doc_id}"
    expect(page.locator(f"[id='{target}']")).to_be_in_viewport()
    page.locator("#find").fill("zqxjzqxj")
    expect(results).to_contain_text("Nothing on this page contains these words.")
    assert {u for u in page.requests} == {url}


def test_a_permalink_opens_its_item_even_in_a_folded_section(device: tuple[Any, Path, str],
                                                             halvek: tuple[Dossier, str]) -> None:
    from playwright.sync_api import expect

    page, shots, name = device
    dossier, url = halvek
    anchor = f"dispute-{dossier.disputes[-1].id}"
    page.goto(url)
    link = page.locator(f"#{anchor} a.permalink")
    assert link.get_attribute("href") == f"#{anchor}"
    page.locator("#disputes > details > summary").click()  # fold the section
    expect(page.locator(f"#{anchor}")).to_be_hidden()
    fresh = page.context.new_page()
    fresh.goto(f"{url}#{anchor}")
    expect(fresh.locator(f"#{anchor}")).to_be_in_viewport()
    page.evaluate(f"location.hash = '#{anchor}'")  # the folded section opens for the link
    expect(page.locator(f"#{anchor}")).to_be_in_viewport()
    page.screenshot(path=str(shots / f"{name}-permalink.png"))
    fresh.close()


def test_a_csv_link_downloads_its_table(device: tuple[Any, Path, str], halvek: tuple[Dossier, str]) -> None:
    page, _shots, _name = device
    dossier, url = halvek
    page.goto(url)
    link = page.locator("#reports .table-links a", has_text="CSV")
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "reports.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == [d.id for d in dossier.documents]


def test_print_shows_every_section_expanded_without_the_bar(device: tuple[Any, Path, str],
                                                            halvek: tuple[Dossier, str]) -> None:
    page, shots, name = device
    page.goto(halvek[1])
    page.locator("#outlets > details > summary").click()  # folded on screen, open on paper
    page.emulate_media(media="print")
    sections = page.evaluate("[...document.querySelectorAll('main > section')].map(s => s.id)")
    assert {"brief", "overview", "disputes", "figures", "claims", "outlets", "reports"} <= set(sections)
    hidden = page.evaluate("""() => [...document.querySelectorAll('main details')]
        .filter(d => [...d.children].some(c => c.tagName !== 'SUMMARY' && c.getBoundingClientRect().height === 0
                                           && c.textContent.trim() && getComputedStyle(c).display !== 'none'))
        .map(d => (d.closest('[id]') || {}).id)""")
    assert hidden == [], hidden
    assert page.locator("nav.sections").is_hidden() and page.locator(".permalink").first.is_hidden()
    matrix = page.locator("table.matrix").first
    assert matrix.evaluate("t => t.getBoundingClientRect().right <= document.documentElement.clientWidth + 1")
    page.screenshot(path=str(shots / f"{name}-print.png"), full_page=True)
    assert len(page.pdf(format="A4")) > 10_000 if name == "desktop" else True


def test_marks_are_reached_by_keyboard_and_tell_their_words(browser: Any, halvek: tuple[Dossier, str],  # noqa: F811
                                                            tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 860})
    page = context.new_page()
    page.goto(halvek[1])
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
    page.screenshot(path=str(tmp_path / "dark.png"))
    context.close()

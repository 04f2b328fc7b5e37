"""In a real browser (Debian's Chromium driven by Playwright): the dossier file and the served app.

Each test follows what a researcher does: open the dossier, click a dispute, follow an evidence
link, and checks that the highlighted words are on screen and are the quote. Screenshots go to
``out/screenshots/``. The hostile reports prove that nothing in an article runs.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import rashomon
from rashomon.dossier import read_json
from rashomon.render.html import FIND_SCRIPT, write_html
from rashomon.web import create_app

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "render"
SHOTS = ROOT / "out" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-dev-shm-usage"]
PWNED = "() => window.__pwned === undefined ? null : String(window.__pwned)"
# what a page must never hold, whatever the reports said
INJECTED = """(own) => {
  const all = [...document.querySelectorAll('*')];
  const link = e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action') || '';
  return {
    scripts: [...document.querySelectorAll('script')].filter(s => s.textContent !== own).length,
    media: document.querySelectorAll('img, iframe, object, embed, body svg:not(.chart) image').length,
    jsLinks: all.filter(e => /^\\s*javascript:/i.test(link(e))).length,
    handlers: all.filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
    styles: [...document.querySelectorAll('style')]
        .filter(s => !s.closest('svg') && s !== document.querySelector('head style')).length,
  };
}"""


def _chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def _unavailable(reason: str) -> None:
    # in CI the browser tests must run: .ci/run installs chromium, so a missing one is a failure there
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must run the browser tests: .ci/run installs chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed: pip install -e '.[dev]'")
    executable = _chromium()
    if executable is None:
        _unavailable("Chromium not found at /usr/bin/chromium: apt-get install chromium (or set CHROMIUM)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records every request it makes and every dialog a script would open."""
    context = browser.new_context(viewport={"width": 1320, "height": 900})
    pg = context.new_page()
    pg.requests = []
    pg.dialogs = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def shot(page: Any, name: str, full: bool = False) -> Path:
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full)
    return path


def follow_dispute_to_evidence(page: Any, name: str) -> str:
    """Click the first dispute of the overview, then its first quote; return the quote's anchor."""
    from playwright.sync_api import expect

    page.locator("ol.top-disputes a").first.click()
    dispute = page.locator(".dispute:target")
    expect(dispute).to_be_in_viewport()
    shot(page, f"{name}-dispute")
    link = dispute.locator(".position").nth(1).locator("a.quote").first
    quote = link.evaluate("a => a.firstChild.textContent").strip("“”")
    anchor = link.get_attribute("href").split("#", 1)[1]  # the served app links to the report's own page
    link.click()
    assert page.evaluate("location.hash") == f"#{anchor}"
    mark = page.locator(f"mark[id='{anchor}']")
    expect(mark).to_be_in_viewport()
    assert mark.text_content() == quote
    assert page.evaluate(f"document.getElementById('{anchor}').matches(':target')")
    shot(page, f"{name}-evidence")
    return anchor


@contextmanager
def served(app: Any) -> Iterator[str]:
    """Run the app with uvicorn in a thread on a free port of 127.0.0.1; stop it on the way out."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


# -- the dossier file -------------------------------------------------------------------------------


def test_demo_dossier_opens_offline_with_every_section(page: Any, examples_run: Any) -> None:
    from playwright.sync_api import expect

    url = (examples_run.out / "dossier.html").as_uri()
    page.context.set_offline(True)
    page.goto(url)
    for section in ("overview", "figures", "outlets", "reports"):
        expect(page.locator(f"section#{section}")).to_be_visible()
    assert page.locator("svg.chart").count() >= 1
    shot(page, "demo-overview")
    shot(page, "demo-full", full=True)
    if page.locator("ol.top-disputes a").count():  # once the disputes component lands
        follow_dispute_to_evidence(page, "demo")
    page.locator("a[href^='#band-killed']").first.click()
    shot(page, "demo-figures")
    first = page.locator("#figures table tbody a").first
    target = first.get_attribute("href").removeprefix("#")
    first.click()
    expect(page.locator(f"mark[id='{target}']")).to_be_in_viewport()
    assert {u for u in page.requests} == {url}  # nothing but the file itself
    assert page.evaluate(PWNED) is None


def test_dispute_click_follows_evidence_to_the_highlighted_words(page: Any, examples_run: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    dossier = read_json(examples_run.out / "dossier.json")
    first = next(f for f in dossier.figures if f.value == 312 and f.qualifier == "at_least")
    url = write_html(dossier, tmp_path / "dossier.html").as_uri()
    page.goto(url)
    shot(page, "halvek-overview")
    follow_dispute_to_evidence(page, "halvek")

    figure = page.locator(f"mark[id='{first.id}']")
    figure.scroll_into_view_if_needed()
    figure.hover()
    tip = page.evaluate(f"getComputedStyle(document.getElementById('{first.id}').nextElementSibling, '::after')"
                        ".getPropertyValue('display')")
    assert tip == "block"  # hovering shows what the mark is
    content = page.evaluate(f"getComputedStyle(document.getElementById('{first.id}').nextElementSibling, "
                            "'::after').content")
    assert "killed: at least 312 people" in content and "Dravena Civilian Casualty Monitor" in content
    shot(page, "halvek-reader-hover")

    for section in ("figures", "claims", "outlets", "timeline", "places"):
        page.locator(f"nav.sections a[href='#{section}']").click()
        expect(page.locator(f"section#{section} h2")).to_be_in_viewport()
        shot(page, f"halvek-{section}")
    silent = page.locator("table.matrix .stance.silent")
    assert silent.count() > 0
    cell = page.locator("table.matrix a.stance.denies").first
    target = cell.get_attribute("href").removeprefix("#")
    cell.click()
    expect(page.locator(f"mark[id='{target}']")).to_be_in_viewport()
    assert {u for u in page.requests} == {url}


# -- untrusted text -----------------------------------------------------------------------------------


def assert_inert(page: Any) -> None:
    found = page.evaluate(INJECTED, FIND_SCRIPT)
    assert found == {"scripts": 0, "media": 0, "jsLinks": 0, "handlers": 0, "styles": 0}, found
    for text in page.get_by_text("read more").all() + page.get_by_text("list of the missing").all():
        text.click()  # plain text: clicking it runs nothing
    page.mouse.move(10, 10)
    page.wait_for_timeout(200)
    assert page.evaluate(PWNED) is None
    assert page.dialogs == []


def test_hostile_reports_run_nothing_in_the_dossier_or_the_app(page: Any, tmp_path: Path) -> None:
    summary = rashomon.analyze([str(DATA / "hostile_reports")], tmp_path / "case")
    assert summary.exit_code == 0 and summary.documents == 3
    url = summary.paths["html"].as_uri()
    page.goto(url)
    assert_inert(page)
    body = page.locator("body").inner_text()
    assert '<script>window.__pwned="script"</script>' in body  # shown, as words
    assert "<img src=x onerror=\"window.__pwned='img'\">" in body
    assert "<a href=\"javascript:window.__pwned='link'\">read more</a>" in body
    page.locator("#figures table tbody a").first.click()
    assert_inert(page)
    shot(page, "hostile-dossier", full=True)
    assert {u for u in page.requests} == {url}

    fixture = tmp_path / "hostile.dossier.json"
    shutil.copy(summary.paths["json"], fixture)  # the same reports, served as an exported dossier
    with served(create_app([str(summary.paths["db"]), str(fixture)])) as base:
        for path in ("/", "/d/case", "/d/case?q=script", "/d/hostile", "/d/hostile?q=pwned"):
            page.goto(base + path)
            assert_inert(page)
        shot(page, "hostile-served", full=True)
    assert all(u.startswith(("http://127.0.0.1:", "file://")) for u in page.requests)


# -- the served app -------------------------------------------------------------------------------------


def test_served_app_views_filters_search_and_upload(page: Any, examples_run: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    case = tmp_path / "halvek-case"
    case.mkdir()
    shutil.copy(examples_run.out / "rashomon.db", case / "rashomon.db")
    shutil.copy(examples_run.out / "dossier.json", tmp_path / "halvek.dossier.json")
    with served(create_app([str(case / "rashomon.db"), str(tmp_path / "halvek.dossier.json")])) as base:
        page.goto(base + "/")
        shot(page, "served-index")
        page.locator("#dossiers a[href='/d/halvek']").click()
        expect(page.locator("section#disputes")).to_be_visible()
        follow_dispute_to_evidence(page, "served")  # lands on the quote's report, a page of its own

        page.goto(base + "/d/halvek")
        page.select_option("select[name=outlet]", "Civic Watchpost")
        page.select_option("select[name=kind]", "polarity")
        page.get_by_role("button", name="Apply").click()
        assert "outlet=Civic+Watchpost" in page.url and "kind=polarity" in page.url
        assert page.locator("#sources tbody tr").count() == 1  # its one report, listed
        assert page.locator(".dispute").count() == 1  # the one polarity dispute it affirms (survivors' account)
        page.evaluate("window.scrollTo(0, 0)")
        shot(page, "served-filtered")

        page.goto(base + "/d/halvek")
        page.fill("input[name=q]", "no truth")
        page.get_by_role("button", name="Apply").click()
        hits = page.locator("#search ul.hits a")
        assert hits.count() >= 2
        shot(page, "served-search")
        target = hits.first.get_attribute("href").split("#", 1)[1]
        hits.first.click()
        expect(page.locator(f"[id='{target}']")).to_be_in_viewport()

        page.goto(base + "/d/halvek-case/add")
        page.set_input_files("input[name=files]", str(DATA / "upload_report.txt"))
        page.get_by_role("button", name="Add and analyse").click()
        expect(page.locator("#result")).to_contain_text("1 report added")
        shot(page, "served-upload")
        page.get_by_role("link", name="Open the dossier").click()
        expect(page.locator("#sources tbody tr")).to_have_count(7)  # 8 reports, one a near-copy folded
        # the reports open on pages of their own, marked
        page.locator("#sources tbody tr", has_text="Shelling of Ostrel market").locator("a").first.click()
        expect(page.locator("article.report")).to_have_count(1)
        assert page.locator("mark[title^=figure]", has_text="At least 14 civilians").count() == 1

        page.goto(base + "/api/docs")
        expect(page.locator("body")).to_contain_text("/api/dossiers/{name}/figures")
        shot(page, "served-api-docs")
    assert all(u.startswith("http://127.0.0.1:") for u in page.requests)


# -- forged posts from other pages ------------------------------------------------------------------------

FORGED_REPORT = "outlet: Forger Gazette\n\nNine people were killed in Ostrel on Monday.\n"
# what another page does to a rashomon server it knows the address of: a no-cors upload and a form post
ATTACK = """<!doctype html><meta charset="utf-8"><title>attack</title><body>
<form id="f" method="post" action="{target}" enctype="multipart/form-data">
<input name="url" value="https://example.org/story.html"><input name="csrf_token" value="forged"></form>
<script>
const data = new FormData();
data.append("files", new Blob([{report}], {{type: "text/plain"}}), "forged.txt");
fetch("{target}", {{method: "POST", mode: "no-cors", body: data}})
  .finally(() => {{ if ({submit}) document.getElementById("f").submit(); }});
</script></body>"""


class PostRecorder:
    """Wraps an ASGI app and records, for every POST, the Origin it came with and the status it got."""

    def __init__(self, app: Any):
        self.app = app
        self.posts: list[tuple[str | None, int]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        origin = dict(scope["headers"]).get(b"origin")

        async def recording(message: Any) -> None:
            if message["type"] == "http.response.start":
                self.posts.append((origin.decode() if origin else None, message["status"]))
            await send(message)

        await self.app(scope, receive, recording)


def attack_page(target: str, submit: bool) -> str:
    return ATTACK.format(target=target, report=json.dumps(FORGED_REPORT), submit="true" if submit else "false")


def pages_app(pages: dict[str, str]) -> Any:
    """Another local web app: serves fixed HTML pages."""

    async def app(scope: Any, receive: Any, send: Any) -> None:
        body = pages.get(scope["path"], "not here").encode()
        await send({"type": "http.response.start", "status": 200 if scope["path"] in pages else 404,
                    "headers": [(b"content-type", b"text/html; charset=utf-8")]})
        await send({"type": "http.response.body", "body": body})

    return app


def wait_for(predicate: Any, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_forged_posts_from_other_pages_are_refused(page: Any, examples_run: Any, tmp_path: Path) -> None:
    # issue 10: a file:// page, a sandboxed frame ("Origin: null") and another local app (another port)
    # could post reports to the served app
    case = tmp_path / "case"
    case.mkdir()
    shutil.copy(examples_run.out / "rashomon.db", case / "rashomon.db")
    recorder = PostRecorder(create_app([str(case / "rashomon.db")]))
    pages: dict[str, str] = {}
    with served(recorder) as base, served(pages_app(pages)) as evil:
        target = f"{base}/d/case/add"
        pages["/"] = attack_page(target, submit=True)
        pages["/framed"] = ('<!doctype html><iframe sandbox="allow-scripts allow-forms" srcdoc="'
                            + attack_page(target, submit=False).replace("&", "&amp;").replace('"', "&quot;")
                            + '"></iframe>')
        local_file = tmp_path / "attack.html"
        local_file.write_text(attack_page(target, submit=True), encoding="utf-8")
        expected = []
        for url, origin, navigates in ((local_file.as_uri(), "null", True), (evil + "/", evil, True),
                                       (evil + "/framed", "null", False)):
            page.goto(url)
            expected += [(origin, 403)] * (2 if navigates else 1)
            assert wait_for(lambda n=len(expected): len(recorder.posts) >= n), (url, recorder.posts)
            if navigates:  # the form post's answer is the page now shown
                page.wait_for_url(target)
                assert "cross-site request refused" in page.locator("body").inner_text()
        assert recorder.posts == expected
        shot(page, "forged-post-refused")
        documents = json.loads(page.context.request.get(f"{base}/api/dossiers/case/documents").text())
        assert len(documents) == 7 and all(d["outlet"] != "Forger Gazette" for d in documents)

        page.goto(f"{base}/d/case/add")  # the app's own form still works, from its own page
        page.set_input_files("input[name=files]", {"name": "own.txt", "mimeType": "text/plain",
                                                   "buffer": FORGED_REPORT.encode()})
        page.get_by_role("button", name="Add and analyse").click()
        page.locator("#result").wait_for()
        assert "1 report added" in page.locator("#result").inner_text()
        assert recorder.posts[-1] == (base, 200)

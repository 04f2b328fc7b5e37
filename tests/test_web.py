"""The web app: pages and filters, the JSON API and its docs, uploads under the ingestion rules, and the guard."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rashomon.config import Settings
from rashomon.web import create_app, find_stores

DATA = Path(__file__).parent / "data"
LOCAL = "http://127.0.0.1"


@pytest.fixture
def case_db(examples_run: Any, tmp_path: Path) -> Path:
    """A copy of the analysed example corpus's store, free to change."""
    folder = tmp_path / "halvek-case"
    folder.mkdir()
    shutil.copy(examples_run.out / "rashomon.db", folder / "rashomon.db")
    return folder / "rashomon.db"


@pytest.fixture
def halvek(examples_run: Any, tmp_path: Path) -> Path:
    """The example corpus's exported dossier, as a case of its own."""
    path = tmp_path / "exported" / "halvek.dossier.json"
    path.parent.mkdir()
    shutil.copy(examples_run.out / "dossier.json", path)
    return path


@pytest.fixture
def client(case_db: Path, halvek: Path) -> TestClient:
    return TestClient(create_app([str(case_db), str(halvek)]), base_url=LOCAL)


def add(client: TestClient, name: str, **post: Any) -> Any:
    """Post the add form as a browser does: open it (the session cookie and its token), then send it."""
    form = client.get(f"/d/{name}/add")
    [token] = re.findall(r'name="csrf_token" value="([0-9a-f]{64})"', form.text)
    if "files" in post and "data" not in post:
        post["data"] = {}
    if "data" in post:
        post["data"] = {**post["data"], "csrf_token": token}
    return client.post(f"/d/{name}/add", **post)


def test_find_stores_names_each_dossier(case_db: Path, halvek: Path, tmp_path: Path) -> None:
    cases = find_stores([str(case_db), str(halvek), str(tmp_path)])
    assert [(c.name, c.read_only) for c in cases] == [("halvek-case", False), ("halvek", True),
                                                       ("halvek-case-2", False)]


def test_index_lists_the_dossiers(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert 'href="/d/halvek-case"' in page.text and 'href="/d/halvek"' in page.text
    assert "7 reports on Brannik, 10–13 May 2031" in page.text


def test_dossier_page_has_every_view_and_filters(client: TestClient) -> None:
    page = client.get("/d/halvek")
    assert page.status_code == 200
    for section in ("overview", "disputes", "figures", "claims", "outlets", "timeline", "places", "reports"):
        assert f'<section id="{section}">' in page.text
    assert '<select name="outlet">' in page.text and "<option>Sevran Dawn</option>" in page.text
    assert '<option value="security_forces">security forces</option>' in page.text
    assert "<option>perpetrator</option>" in page.text


def test_filters_narrow_the_views(client: TestClient) -> None:
    page = client.get("/d/halvek", params={"outlet": "Sevran Dawn"}).text
    # its one report is listed, a link to a page of its own
    [listed] = re.findall(r'<table id="sources">.*?</table>', page, re.S)
    assert listed.count('<td><a href="/d/halvek/reports/') == 1
    assert "<option selected>Sevran Dawn</option>" in page
    page = client.get("/d/halvek", params={"kind": "numeric"}).text
    assert page.count('<div class="dispute"') == 1 and "Dravena Civilian Casualty Monitor&#39;s 312 killed" in page
    # the ministry's 58 given as "suspects" and as "members of the outlaw cells" is asked within who they were
    page = client.get("/d/halvek", params={"kind": "victims"}).text
    assert page.count('<div class="dispute"') == 1 and "Were those detained armed fighters or civilians?" in page
    # the store answers the same filters in SQL
    for params in ({"outlet": "Sevran Dawn"}, {"kind": "numeric"}, {"kind": "victims"}, {"category": "security_forces"},
                   {"q": "truth"}):
        assert client.get("/d/halvek-case", params=params).text.count('<div class="dispute"') == \
            client.get("/d/halvek", params=params).text.count('<div class="dispute"')
    page = client.get("/d/halvek", params={"category": "security_forces"}).text
    assert 'id="band-killed-security_forces-' in page and 'id="band-killed-people-' not in page


def test_search_over_claims(client: TestClient) -> None:
    page = client.get("/d/halvek", params={"q": "no truth"}).text
    assert '<section id="search">' in page
    assert "There is no truth to claims that Sevrani civilians were singled out" in page
    assert client.get("/d/halvek-case", params={"q": "no truth"}).text.count("<li><span class=\"tag\">") == \
        page.count("<li><span class=\"tag\">")
    assert "No report, claim, dispute or quote" in client.get("/d/halvek", params={"q": "zeppelin"}).text


def test_json_api(client: TestClient, halvek: Path) -> None:
    listed = client.get("/api/dossiers").json()
    assert [d["name"] for d in listed] == ["halvek-case", "halvek"]
    whole = client.get("/api/dossiers/halvek").json()
    assert whole == json.loads(halvek.read_text(encoding="utf-8"))
    docs = client.get("/api/dossiers/halvek/documents").json()
    assert len(docs) == 7 and "text" not in docs[0]
    one = client.get(f"/api/dossiers/halvek/documents/{docs[0]['id']}").json()
    assert one["text"].startswith("KORVANY") and all(f["doc_id"] == docs[0]["id"] for f in one["figures"])
    figures = client.get("/api/dossiers/halvek/figures", params={"category": "civilians", "event": "killed"}).json()
    assert figures and {(f["category"], f["event"]) for f in figures} == {("civilians", "killed")}
    assert 312 in [f["value"] for f in figures]
    assert {d["kind"] for d in client.get("/api/dossiers/halvek/disputes", params={"kind": "status"}).json()} == \
        {"status"}
    claims = client.get("/api/dossiers/halvek/claims", params={"q": "no truth"}).json()
    assert len(claims) == 1 and any("no truth" in m["quote"] for m in claims[0]["members"])
    actors = client.get("/api/dossiers/halvek/actors", params={"outlet": "Sevran Dawn"}).json()
    assert "Veyrat regime" in [label["text"] for a in actors for label in a["labels"]]
    bands = {(b["event"], b["category"]): b for b in client.get("/api/dossiers/halvek/bands").json()}
    assert (bands[("killed", "people")]["low"], bands[("killed", "people")]["high"]) == (312, 480)
    assert bands[("killed", "people")]["figures"] == [r["figure_id"] for r in bands[("killed", "people")]["reports"]]
    assert client.get("/api/dossiers/halvek-case/bands").json() == list(bands.values())
    assert client.get("/api/dossiers/nope/figures").status_code == 404
    assert client.get("/api/dossiers/halvek/documents/nope").status_code == 404


def test_openapi_and_its_docs_page(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    for part in ("documents", "figures", "claims", "disputes", "actors"):
        assert f"/api/dossiers/{{name}}/{part}" in spec["paths"]
    docs = client.get("/api/docs").text
    assert "/api/dossiers/{name}/claims" in docs and "Only groups whose words contain this." in docs
    assert "<script" not in docs  # the docs page works offline: no Swagger UI from a CDN


def test_upload_adds_and_analyses_a_report(client: TestClient) -> None:
    report = (DATA / "render" / "upload_report.txt").read_bytes()
    page = add(client, "halvek-case", files=[("files", ("ostrel.txt", report, "text/plain")),
                                             ("files", ("scan.tiff", b"II*\x00", "image/tiff"))])
    assert page.status_code == 200
    assert "1 report added" in page.text and "upload:scan.tiff: unsupported file type" in page.text
    docs = client.get("/api/dossiers/halvek-case/documents").json()
    assert len(docs) == 8 and docs[-1]["source"] == "upload:ostrel.txt"
    [figure] = client.get("/api/dossiers/halvek-case/figures", params={"outlet": "Dravena Daily"}).json()
    assert (figure["value"], figure["event"], figure["category"]) == (14, "killed", "civilians")  # analysed
    again = add(client, "halvek-case", files={"files": ("again.txt", report, "text/plain")})
    assert "0 reports added</b>, 1 already in the dossier" in again.text


def test_url_follows_the_ingestion_rules(client: TestClient) -> None:
    page = add(client, "halvek-case", data={"url": "http://127.0.0.1:9/story.html"})
    assert "refused" in page.text and "private address" in page.text


def test_the_url_field_never_reads_the_servers_files(case_db: Path, tmp_path: Path) -> None:
    # issue 10: the field went through the CLI's reader, so paths, folders, globs and "-" were read
    secret = tmp_path / "server-files"
    secret.mkdir()
    (secret / "notes.md").write_text("outlet: Private Notes\n\nForty-one people were killed in Ostrel.\n",
                                     encoding="utf-8")
    client = TestClient(create_app([str(case_db)], settings=Settings(allow_private=True)), base_url=LOCAL)
    before = len(client.get("/api/dossiers/halvek-case/documents").json())
    for given in (str(secret / "notes.md"), str(secret), f"{secret}/**/*.md", "/**/*.md", "-", "notes.md",
                  (secret / "notes.md").as_uri(), "ftp://127.0.0.1/notes.md", "~/notes.md",
                  "http://[::1", "http:///notes.md"):
        page = add(client, "halvek-case", data={"url": given})
        assert page.status_code == 200, given
        assert "0 reports added" in page.text, given
        assert "only http:// and https:// addresses" in page.text, given
    after = client.get("/api/dossiers/halvek-case/documents").json()
    assert len(after) == before and not any(d["outlet"] == "Private Notes" for d in after)


def test_exported_dossier_takes_no_reports(client: TestClient) -> None:
    page = add(client, "halvek", files={"files": ("x.txt", b"Two people were killed.", "text/plain")})
    assert "an exported dossier: add reports to its store instead" in page.text


def test_request_size_limit(case_db: Path) -> None:
    settings = Settings(max_bytes=2_000)
    client = TestClient(create_app([str(case_db)], settings=settings, max_body=10_000), base_url=LOCAL)
    too_big = client.post("/d/halvek-case/add", files={"files": ("big.txt", b"word " * 4_000, "text/plain")})
    assert too_big.status_code == 413 and "10,000-byte limit" in too_big.text
    over_file_limit = add(client, "halvek-case", files={"files": ("mid.txt", b"word " * 600, "text/plain")})
    assert "over the 2,000-byte limit" in over_file_limit.text


def test_token_is_checked_on_every_request(case_db: Path) -> None:
    app = create_app([str(case_db)], token="s3cret", allowed_hosts=None)
    client = TestClient(app, base_url="http://192.0.2.10:8000", follow_redirects=False)
    for path in ("/", "/d/halvek-case", "/api/dossiers", "/api/openapi.json", "/nope"):
        assert client.get(path).status_code == 401, path
    assert client.get("/api/dossiers", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/api/dossiers", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert client.get("/api/dossiers", headers={"X-Rashomon-Token": "s3cret"}).status_code == 200
    visit = client.get("/d/halvek-case?token=s3cret&outlet=Sevran+Dawn")
    assert visit.status_code == 303 and visit.headers["location"] == "/d/halvek-case?outlet=Sevran+Dawn"
    assert "HttpOnly" in visit.headers["set-cookie"] and "SameSite=Strict" in visit.headers["set-cookie"]
    assert client.get("/d/halvek-case", cookies={"rashomon_token": "s3cret"}).status_code == 200
    client.cookies.clear()
    assert client.post("/d/halvek-case/add", data={"url": "x"}).status_code == 401


def test_loopback_app_refuses_other_hosts_and_cross_site_posts(client: TestClient, case_db: Path) -> None:
    rebound = TestClient(create_app([str(case_db)]), base_url="http://attacker.test")
    assert rebound.get("/").status_code == 421  # a DNS-rebinding page cannot read the dossiers
    post = client.post("/d/halvek-case/add", data={"url": "http://example.org/"},
                       headers={"Origin": "https://attacker.test"})
    assert post.status_code == 403
    page = client.get("/")
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["content-security-policy"].startswith("default-src 'none'")


def _form_token(client: TestClient, name: str = "halvek-case") -> str:
    return re.findall(r'name="csrf_token" value="([0-9a-f]{64})"', client.get(f"/d/{name}/add").text)[0]


def test_posts_from_other_origins_are_refused(client: TestClient) -> None:
    # issue 10: "Origin: null" (sandboxed frames, file:// pages) passed, and the port was not compared
    report = (DATA / "render" / "upload_report.txt").read_bytes()
    upload = {"files": ("ostrel.txt", report, "text/plain")}
    token = _form_token(client)
    for headers in ({"Origin": "null"}, {"Origin": " null "}, {"Origin": "http://127.0.0.1:9999"},
                    {"Origin": "https://127.0.0.1"}, {"Origin": "http://localhost"}, {"Origin": "file://"},
                    {"Origin": "http://127.0.0.1.attacker.test"}, {"Origin": "http://127.0.0.1:x"},
                    {"Referer": "http://127.0.0.1:9999/attack.html"}, {"Referer": "null"},
                    {"Sec-Fetch-Site": "same-site"}, {"Sec-Fetch-Site": "cross-site", "Origin": LOCAL}):
        refused = client.post("/d/halvek-case/add", files=upload, data={"csrf_token": token}, headers=headers)
        assert refused.status_code == 403, headers
        assert "cross-site request refused" in refused.text
    assert len(client.get("/api/dossiers/halvek-case/documents").json()) == 7  # nothing was added
    same = client.post("/d/halvek-case/add", files=upload, data={"csrf_token": token},
                       headers={"Origin": "http://127.0.0.1:80", "Sec-Fetch-Site": "same-origin"})
    assert same.status_code == 200 and "1 report added" in same.text


def test_every_post_needs_the_form_token_of_its_session(client: TestClient, case_db: Path) -> None:
    form = client.get("/d/halvek-case/add")
    cookie = form.headers["set-cookie"]
    assert cookie.startswith("rashomon_form_80=") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    token = _form_token(client)
    assert client.get("/d/halvek-case/add").headers.get("set-cookie") is None  # one session per browser
    post = {"data": {"url": "http://127.0.0.1:9/story.html"}, "headers": {"Origin": LOCAL}}
    assert client.post("/d/halvek-case/add", **post).status_code == 403  # no token
    for forged in ("0" * 64, "é" * 64, token.upper()):
        wrong = {**post, "data": {**post["data"], "csrf_token": forged}}
        assert client.post("/d/halvek-case/add", **wrong).status_code == 403
    other_browser = TestClient(client.app, base_url=LOCAL)
    theirs = {**post, "data": {**post["data"], "csrf_token": _form_token(other_browser)}}
    assert client.post("/d/halvek-case/add", **theirs).status_code == 403  # a token is its session's only
    restarted = TestClient(create_app([str(case_db)]), base_url=LOCAL, cookies=dict(client.cookies))
    mine = {**post, "data": {**post["data"], "csrf_token": token}}
    assert restarted.post("/d/halvek-case/add", **mine).status_code == 403  # another server's session
    fresh = TestClient(client.app, base_url=LOCAL)
    assert fresh.post("/d/halvek-case/add", **mine).status_code == 403  # a token without its cookie
    accepted = client.post("/d/halvek-case/add", **mine)
    assert accepted.status_code == 200 and "private address" in accepted.text
    assert client.post("/d/halvek-case/add", headers={"Origin": LOCAL}, content=b"\xff" * 10,
                       ).status_code == 403  # a body that is no form


def test_serve_refuses_a_public_address_without_a_token(case_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rashomon.errors import RashomonError
    from rashomon.web import serve

    monkeypatch.delenv("RASHOMON_TOKEN", raising=False)
    with pytest.raises(RashomonError, match="give --token"):
        serve([str(case_db)], host="0.0.0.0", port=0)


def test_hostile_dossier_is_escaped_when_served(tmp_path: Path) -> None:
    import rashomon

    summary = rashomon.analyze([str(DATA / "render" / "hostile_reports")], tmp_path / "out")
    hostile = tmp_path / "hostile.dossier.json"
    shutil.copy(summary.paths["json"], hostile)
    client = TestClient(create_app([str(hostile)]), base_url=LOCAL)
    page = client.get("/d/hostile").text
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;window.__pwned" in page
    index = client.get("/").text
    assert "<script" not in index


def test_serve_command_needs_a_token_off_loopback(case_db: Path) -> None:
    from typer.testing import CliRunner

    from rashomon.cli import app

    result = CliRunner(env={"COLUMNS": "400"}).invoke(app, ["serve", str(case_db), "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "give --token TOKEN (or set RASHOMON_TOKEN), or bind 127.0.0.1" in " ".join(result.stderr.split())
    assert "Ctrl-C" not in result.stderr  # it never says it is serving


def test_a_tex_like_outlet_is_served(tmp_path: Path) -> None:
    # issue 10: "Cash $\\evil$ Daily" made matplotlib parse the chart legend as TeX: 500 for good
    import rashomon

    for day, toll in (("10", 12), ("12", 20)):
        (tmp_path / f"r{day}.txt").write_text(f"outlet: Cash $\\evil$ Daily\ndate: 2031-05-{day}\n\n"
                                               f"At least {toll} people were killed in Marovo.\n", encoding="utf-8")
    summary = rashomon.analyze([str(tmp_path / "r10.txt"), str(tmp_path / "r12.txt")], tmp_path / "tex")
    client = TestClient(create_app([str(summary.paths["db"])]), base_url=LOCAL)
    assert client.get("/").status_code == 200
    for path in ("/d/tex", "/d/tex/dossier.html"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "Cash $\\evil$ Daily" in page.text
    assert ">Cash $\\evil$ Daily (own)<" in client.get("/d/tex").text  # in the chart's legend

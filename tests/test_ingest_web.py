"""Fetching URLs and feeds (rashomon.ingest.web) against a local server on 127.0.0.1 only."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from loopback import loopback_server
from rashomon.config import Settings
from rashomon.errors import FetchRefused
from rashomon.ingest import read_inputs
from rashomon.ingest.web import check_url, is_public_address, iter_url
from rashomon.models import Document, InputFailure

ARTICLE = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ferry runs aground off Keldby harbour</title>
<meta property="og:site_name" content="The Harbour Ledger">
<meta property="og:title" content="Ferry runs aground off Keldby harbour">
<meta property="article:published_time" content="2025-03-07T09:30:00Z">
<meta name="date" content="2025-03-07">
</head><body>
<header><nav><a href="/">Home</a> | <a href="/news">News</a></nav></header>
<article>
<h1>Ferry runs aground off Keldby harbour</h1>
<p>A passenger ferry carrying 212 people ran aground on a sandbank outside Keldby harbour on Friday
morning, the coastguard said. All passengers were brought ashore by lifeboats within three hours, and
eleven people were treated for minor injuries at the town's clinic.</p>
<p>The operator, Northsound Lines, said the vessel lost steering shortly after leaving the quay in
heavy fog. A spokesperson for the company told reporters that the crew followed every procedure and
that an inquiry would begin next week. Residents who watched from the sea wall described a slow,
grinding stop rather than a collision.</p>
<p>The harbour master disputed the operator's account, saying the ferry had left before the fog
warning was lifted. Local fishermen said the sandbank had shifted over the winter and that buoys
marking the channel had not been moved. The coastguard expects to refloat the ferry at high tide on
Saturday, weather permitting, and has closed the channel to other traffic until then.</p>
</article>
<footer>Copyright The Harbour Ledger</footer>
</body></html>
"""

REPORT = """title: Keldby ferry passengers recount rescue
outlet: Coastal Radio
date: 2025-03-08

Passengers rescued from the ferry that ran aground near Keldby on Friday said the lifeboats
reached them within the hour. The coastguard put the number of people treated at eleven.
"""

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00" + b"\x00" * 64
BIG = ("<html><head><title>Big</title></head><body><article><p>"
       + "The tide rose and the ferry waited. " * 200 + "</p></article></body></html>").encode()


def _feed(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>The Harbour Ledger</title><link>{base}/</link><description>News</description>
<item><title>Ferry runs aground off Keldby harbour</title><link>{base}/article.html</link>
<pubDate>Fri, 07 Mar 2025 09:30:00 GMT</pubDate></item>
<item><title>A story that has gone</title><link>{base}/missing.html</link>
<pubDate>Sat, 08 Mar 2025 10:00:00 GMT</pubDate></item>
</channel></rss>
"""


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def _send(self, status: int, ctype: str | None, body: bytes, *, length: bool = True, **headers: str) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.server.hits.append(self.path)  # type: ignore[attr-defined]
        self.server.agents.append(self.headers.get("User-Agent", ""))  # type: ignore[attr-defined]
        host, port = self.server.server_address[:2]
        base = f"http://{host}:{port}"
        routes = {
            "/article.html": (200, "text/html; charset=utf-8", ARTICLE.encode()),
            "/report.txt": (200, "text/plain; charset=utf-8", REPORT.encode()),
            "/feed.xml": (200, "application/rss+xml", _feed(base).encode()),
            "/image.png": (200, "image/png", PNG),
            "/big.html": (200, "text/html", BIG),
        }
        if self.path in routes:
            self._send(*routes[self.path])
        elif self.path == "/big-stream.html":  # no Content-Length: the cap must hold while streaming
            self._send(200, "text/html", BIG, length=False)
        elif self.path == "/redirect":
            self._send(302, "text/plain", b"moved", Location="/article.html")
        elif self.path == "/loop":
            self._send(302, "text/plain", b"again", Location="/loop")
        else:
            self._send(404, "text/plain", b"not found")


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadingHTTPServer]:
    with loopback_server(_Handler) as httpd:
        yield httpd


@pytest.fixture
def base(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"


OPEN = Settings(allow_private=True, fetch_timeout=5.0)


def _one(items: list) -> Document | InputFailure:
    assert len(items) == 1, items
    return items[0]


# ---------------------------------------------------------------- address checks


@pytest.mark.parametrize(
    ("ip", "public"),
    [
        ("10.0.0.1", False),
        ("192.168.1.1", False),
        ("172.16.0.1", False),
        ("127.0.0.1", False),
        ("169.254.1.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("100.64.0.1", False),
        ("::ffff:127.0.0.1", False),
        ("2002:7f00:1::", False),  # 6to4 wrapping 127.0.0.1
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
        ("not an ip", False),
    ],
)
def test_is_public_address(ip: str, public: bool) -> None:
    assert is_public_address(ip) is public


def test_check_url_refuses_a_name_resolving_to_loopback() -> None:
    with pytest.raises(FetchRefused) as info:
        check_url("http://localhost:8000/story", allow_private=False)
    assert "localhost resolves to a private address" in info.value.reason
    assert "--allow-private" in info.value.reason
    check_url("http://localhost:8000/story", allow_private=True)  # allowed when asked


@pytest.mark.parametrize("url", ["ftp://example.com/a.txt", "file:///etc/passwd", "http:///nohost"])
def test_check_url_refuses_other_schemes_and_no_host(url: str) -> None:
    with pytest.raises(FetchRefused, match="refused"):
        check_url(url, allow_private=True)


# ---------------------------------------------------------------- fetching


def test_loopback_is_refused_without_allow_private(server: ThreadingHTTPServer, base: str) -> None:
    before = len(server.hits)
    failure = _one(list(iter_url(f"{base}/article.html", Settings())))
    assert isinstance(failure, InputFailure)
    assert failure.source == f"{base}/article.html"
    assert failure.reason == "refused: 127.0.0.1 is a private address; pass --allow-private to fetch it"
    assert len(server.hits) == before  # nothing was requested


def test_html_article_is_fetched_when_private_is_allowed(server: ThreadingHTTPServer, base: str) -> None:
    doc = _one(list(iter_url(f"{base}/article.html", OPEN)))
    assert server.agents[-1].startswith("rashomon/")
    assert isinstance(doc, Document), doc
    assert doc.title == "Ferry runs aground off Keldby harbour"
    assert doc.outlet == "The Harbour Ledger"
    assert doc.published == "2025-03-07"
    assert doc.source == doc.url == f"{base}/article.html"
    assert "ran aground on a sandbank" in doc.text
    assert "harbour master disputed" in doc.text
    assert "Copyright" not in doc.text and "Home" not in doc.text
    assert doc.language == "en"


def test_plain_text_report(base: str) -> None:
    doc = _one(list(iter_url(f"{base}/report.txt", OPEN)))
    assert isinstance(doc, Document), doc
    assert doc.title == "Keldby ferry passengers recount rescue"
    assert doc.outlet == "Coastal Radio"
    assert doc.published == "2025-03-08"
    assert doc.url == f"{base}/report.txt"
    assert doc.text.startswith("Passengers rescued")


def test_redirect_is_followed_and_source_stays_as_given(base: str) -> None:
    doc = _one(list(iter_url(f"{base}/redirect", OPEN)))
    assert isinstance(doc, Document), doc
    assert doc.source == f"{base}/redirect"
    assert doc.url == f"{base}/article.html"


def test_redirect_loop_stops(base: str) -> None:
    failure = _one(list(iter_url(f"{base}/loop", OPEN)))
    assert isinstance(failure, InputFailure)
    assert "too many redirects" in failure.reason


def test_redirect_to_a_private_address_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A public page redirecting to the cloud metadata address must not be followed."""
    real = socket.getaddrinfo

    def fake(host, *args, **kwargs):
        if host == "news.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        failure = _one(list(iter_url("http://news.example/story", Settings(), client=client)))
    assert isinstance(failure, InputFailure)
    assert failure.source == "http://news.example/story"
    assert "refused: 169.254.169.254 is a private address" in failure.reason
    assert "redirected to http://169.254.169.254/latest/meta-data/" in failure.reason
    assert seen == ["http://news.example/story"]


def test_redirect_to_a_loopback_name_is_refused(monkeypatch: pytest.MonkeyPatch, base: str) -> None:
    real = socket.getaddrinfo

    def fake(host, *args, **kwargs):
        if host == "news.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    port = base.rsplit(":", 1)[1]

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(301, headers={"Location": f"http://localhost:{port}/article.html"})

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        failure = _one(list(iter_url("http://news.example/story", Settings(), client=client)))
    assert isinstance(failure, InputFailure)
    assert "localhost resolves to a private address" in failure.reason


def test_dns_rebinding_is_caught_at_connect_time(monkeypatch: pytest.MonkeyPatch,
                                                 server: ThreadingHTTPServer, base: str) -> None:
    """The name checks out as public, then resolves to loopback when httpx connects."""
    real = socket.getaddrinfo
    port = int(base.rsplit(":", 1)[1])
    calls = []

    def fake(host, *args, **kwargs):
        if host == "rebind.example":
            calls.append(host)
            if len(calls) == 1:
                return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]
            return real("127.0.0.1", *args, **kwargs)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    for var in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    failure = _one(list(iter_url(f"http://rebind.example:{port}/article.html", Settings(fetch_timeout=5.0))))
    assert isinstance(failure, InputFailure)
    assert "rebind.example resolves to a private address 127.0.0.1" in failure.reason
    assert len(calls) == 2


def test_feed_yields_a_document_and_a_failure(base: str) -> None:
    items = list(iter_url(f"{base}/feed.xml", OPEN))
    docs = [x for x in items if isinstance(x, Document)]
    failures = [x for x in items if isinstance(x, InputFailure)]
    assert len(docs) == 1 and len(failures) == 1, items
    assert docs[0].source == f"{base}/article.html"
    assert docs[0].published == "2025-03-07"
    assert docs[0].meta["feed"] == f"{base}/feed.xml"
    assert failures[0].source == f"{base}/missing.html"
    assert failures[0].reason == "HTTP 404 Not Found"


def test_not_found_is_a_failure(base: str) -> None:
    failure = _one(list(iter_url(f"{base}/nowhere.html", OPEN)))
    assert isinstance(failure, InputFailure)
    assert "404" in failure.reason


@pytest.mark.parametrize("path", ["/big.html", "/big-stream.html"])
def test_size_cap(base: str, path: str) -> None:
    settings = Settings(allow_private=True, fetch_timeout=5.0, fetch_max_bytes=2000)
    failure = _one(list(iter_url(f"{base}{path}", settings)))
    assert isinstance(failure, InputFailure)
    assert "over the 2,000-byte limit" in failure.reason


def test_unsupported_content_type(base: str) -> None:
    failure = _one(list(iter_url(f"{base}/image.png", OPEN)))
    assert isinstance(failure, InputFailure)
    assert "unsupported content type 'image/png'" in failure.reason


def test_connection_refused_is_a_failure() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    failure = _one(list(iter_url(f"http://127.0.0.1:{port}/", OPEN)))
    assert isinstance(failure, InputFailure)
    assert failure.reason.startswith("could not connect")
    assert "\n" not in failure.reason


def test_through_the_dispatcher(base: str) -> None:
    items = list(read_inputs([f"{base}/article.html", f"{base}/image.png"], Settings(allow_private=True)))
    assert [type(x).__name__ for x in items] == ["Document", "InputFailure"]
    assert items[0].outlet == "The Harbour Ledger"

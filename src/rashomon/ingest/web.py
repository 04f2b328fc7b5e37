"""URLs and feeds: fetch a report (or every entry of an RSS/Atom feed) over http(s), safely.

Every fetch refuses private, loopback, link-local, multicast, reserved and unspecified addresses
(unless ``Settings.allow_private``), follows at most :data:`MAX_REDIRECTS` redirects itself and
re-checks each hop, caps the body at ``Settings.fetch_max_bytes`` and reads only HTML, plain text
and feeds. A bad URL never raises: it becomes an :class:`InputFailure` with a one-line reason.

>>> is_public_address("8.8.8.8"), is_public_address("10.0.0.1"), is_public_address("::1")
(True, False, False)
"""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.request
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

import httpcore
import httpx

from ..config import Settings
from ..errors import FetchRefused, InputError
from ..models import Document, InputFailure
from .encoding import Decoded, declared_charset, decode_report
from .feeds import MAX_FEED_ENTRIES, looks_like_feed, parse_feed, read_feed
from .html import document_from_html
from .paged import DOCX_TYPES, PDF_TYPES, document_from_docx, document_from_pdf
from .text import _domain, document_from_text

__all__ = ["MAX_FEED_ENTRIES", "MAX_REDIRECTS", "USER_AGENT", "check_url", "is_public_address", "iter_url"]

MAX_REDIRECTS = 5
HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml"}
XML_TYPES = {"application/xml", "text/xml"}
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,"
          "application/xml;q=0.9,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.1")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("rashomon")
    except PackageNotFoundError:
        return "0"


USER_AGENT = f"rashomon/{_version()} (news report reader; +https://pypi.org/project/rashomon/)"


# ---------------------------------------------------------------- address checks


def is_public_address(ip: str) -> bool:
    """True when ``ip`` (IPv4 or IPv6) is a public, globally routable unicast address.

    Private, loopback, link-local, multicast, reserved, unspecified, shared (CGNAT) and
    site-local addresses are not public, nor are IPv6 addresses embedding such an IPv4
    address (IPv4-mapped, 6to4, Teredo). A string that is not an address is not public.

    >>> [is_public_address(a) for a in ("1.1.1.1", "127.0.0.1", "169.254.169.254", "::ffff:10.0.0.1", "x")]
    [True, False, False, False, False]
    """
    try:
        addr = ipaddress.ip_address(ip.strip().strip("[]"))
    except ValueError:
        return False
    if isinstance(addr, ipaddress.IPv6Address):
        embedded = [addr.ipv4_mapped, addr.sixtofour, *(addr.teredo or ())]
        if any(v4 is not None and not is_public_address(str(v4)) for v4 in embedded):
            return False
        if addr.is_site_local:
            return False
    return not (
        addr.is_private
        or addr.is_loopback
        or addr.is_link_local
        or addr.is_multicast
        or addr.is_reserved
        or addr.is_unspecified
        or not addr.is_global
    )


def _refusal(host: str, ip: str) -> str:
    if _is_ip_literal(host):
        return f"refused: {host} is a private address; pass --allow-private to fetch it"
    return f"refused: {host} resolves to a private address {ip}; pass --allow-private to fetch it"


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _resolve(host: str, port: int | None) -> list[str]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    if _is_ip_literal(host):
        return [host.strip("[]")]
    infos = socket.getaddrinfo(host, port or 0, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def check_url(url: str, allow_private: bool) -> None:
    """Refuse (raise :class:`FetchRefused`) a URL rashomon must not fetch.

    Only ``http`` and ``https`` URLs with a host are fetched, and, unless ``allow_private``,
    only when EVERY address the host resolves to is public. A host name that does not
    resolve raises :class:`InputError` (the parent of FetchRefused) with the reason.
    """
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchRefused(url, f"refused: not a valid URL ({exc})") from None
    if parsed.scheme not in {"http", "https"}:
        raise FetchRefused(url, f"refused: only http and https URLs are fetched, not '{parsed.scheme or 'none'}'")
    host = parsed.host
    if not host:
        raise FetchRefused(url, "refused: the URL has no host")
    if allow_private:
        return
    ascii_host = parsed.raw_host.decode("ascii", "replace")
    try:
        addresses = _resolve(ascii_host, parsed.port)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise InputError(url, f"cannot resolve the host {host} ({reason})") from None
    if not addresses:
        raise InputError(url, f"cannot resolve the host {host} (no address)")
    for ip in addresses:
        if not is_public_address(ip):
            raise FetchRefused(url, _refusal(host, ip))


# ---------------------------------------------------------------- fetching

# The monotonic time by which the current fetch must be done, headers included.
_deadline: ContextVar[float | None] = ContextVar("rashomon_fetch_deadline", default=None)


def _time_left(timeout: float | None) -> float | None:
    """A socket timeout that never runs past the fetch's total deadline."""
    deadline = _deadline.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the fetch ran out of its total time")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write is bounded by the fetch's total deadline, so a
    server sending its headers a byte a second cannot hold the run (httpx bounds each read only)."""

    def __init__(self, inner: httpcore.NetworkStream):
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _time_left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _time_left(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, _time_left(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend):
        self._inner = inner

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.connect_tcp(host, port, _time_left(timeout), local_address,
                                                       socket_options))

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Any = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.connect_unix_socket(path, _time_left(timeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def bound_by_deadline(client: httpx.Client) -> httpx.Client:
    """Make every connection of ``client`` (direct or through a proxy) obey the fetch deadline.

    httpx builds its connection pools without a hook for this, so the pools' network backend is
    wrapped in place; a test with a server that drips its headers guards it across httpx versions.
    """
    transports = [client._transport, *client._mounts.values()]
    for transport in transports:
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if backend is not None and not isinstance(backend, _DeadlineBackend):
            pool._network_backend = _DeadlineBackend(backend)  # type: ignore[union-attr]
    return client


class _Fetched:
    """A fetched body with what is needed to read it."""

    def __init__(self, final_url: str, media_type: str, charset: str | None, body: bytes):
        self.final_url = final_url
        self.media_type = media_type
        self.charset = charset
        self.body = body


def _proxied(url: httpx.URL) -> bool:
    """Whether the environment routes ``url`` through a proxy (then the peer is the proxy)."""
    proxies = urllib.request.getproxies()
    if not (proxies.get(url.scheme) or proxies.get("all")):
        return False
    try:
        return not urllib.request.proxy_bypass(url.host)
    except (OSError, ValueError):
        return True


def _check_peer(response: httpx.Response, given: str, allow_private: bool) -> None:
    """Refuse when the connection actually went to a private address (DNS rebinding)."""
    if allow_private or _proxied(response.url):
        return
    stream = response.extensions.get("network_stream")
    if stream is None:
        return
    try:
        peer = stream.get_extra_info("server_addr")
    except (OSError, AttributeError, KeyError):
        return
    if peer and isinstance(peer[0], str) and not is_public_address(peer[0]):
        raise FetchRefused(given, _refusal(response.url.host, peer[0]))


def total_seconds(settings: Settings) -> float:
    """The whole time one fetch may take, from the request to the last byte, redirects included."""
    return max(settings.fetch_timeout, 0.001) * 3


def _fetch(client: httpx.Client, given: str, settings: Settings) -> _Fetched:
    """GET ``given``, following redirects by hand; raise InputError with the reason on any failure.

    ``fetch_timeout`` bounds each connect/read/write; the whole fetch (headers, hops and body) is
    also stopped after :func:`total_seconds`, so a server dripping bytes cannot hold the run.
    """
    deadline = time.monotonic() + total_seconds(settings)
    token = _deadline.set(deadline)
    try:
        return _fetch_hops(client, given, settings, deadline)
    except httpx.TimeoutException:
        if time.monotonic() >= deadline - 0.01:
            raise InputError(given, f"took too long (over {total_seconds(settings):g} seconds in all)") from None
        raise
    finally:
        _deadline.reset(token)


def _fetch_hops(client: httpx.Client, given: str, settings: Settings, deadline: float) -> _Fetched:
    limit = settings.fetch_max_bytes
    url = given
    for hop in range(MAX_REDIRECTS + 1):
        try:
            check_url(url, settings.allow_private)
        except InputError as exc:
            if hop == 0:
                raise
            raise type(exc)(given, f"{exc.reason} (redirected to {url})") from None
        request = client.build_request("GET", url)
        response = client.send(request, stream=True, follow_redirects=False)
        try:
            _check_peer(response, given, settings.allow_private)
            if response.is_redirect:
                location = response.headers.get("location", "")
                url = str(response.url.join(location))
                continue
            if not response.is_success:
                raise InputError(given, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
            declared = response.headers.get("content-length", "")
            if declared.strip().isdigit() and int(declared) > limit:
                raise FetchRefused(given, f"response is {int(declared):,} bytes, over the {limit:,}-byte limit "
                                          "(raise fetch_max_bytes)")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise FetchRefused(given, f"response is over the {limit:,}-byte limit (raise fetch_max_bytes)")
                if time.monotonic() > deadline:
                    raise InputError(given, f"took too long (over {total_seconds(settings):g} seconds in all)")
                chunks.append(chunk)
            content_type = response.headers.get("content-type", "")
            media_type = content_type.split(";", 1)[0].strip().lower()
            return _Fetched(str(response.url), media_type, response.charset_encoding, b"".join(chunks))
        finally:
            response.close()
    raise InputError(given, f"too many redirects (more than {MAX_REDIRECTS})")


def _fetch_reason(exc: httpx.HTTPError, settings: Settings) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out after {settings.fetch_timeout:g} seconds ({type(exc).__name__})"
    detail = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect ({detail})"
    if isinstance(exc, httpx.InvalidURL):
        return f"not a valid URL ({detail})"
    return f"fetch failed ({type(exc).__name__}: {detail})"


def _decoded(fetched: _Fetched, source: str) -> Decoded:
    """The body decoded in the charset the HTTP header or the page's ``<meta charset>`` declares, else guessed."""
    declared = fetched.charset or (declared_charset(fetched.body) if fetched.media_type in HTML_TYPES else None)
    return decode_report(fetched.body, source, declared=declared)


def _check_size(doc: Document, settings: Settings) -> Document | InputFailure:
    if len(doc.text) > settings.max_chars:
        return InputFailure(doc.source, f"text is {len(doc.text):,} characters, over the "
                                        f"{settings.max_chars:,}-character limit (raise it with --max-chars)")
    return doc


def _read_one(
    client: httpx.Client, given: str, settings: Settings, *, in_feed: bool
) -> Iterator[Document | InputFailure]:
    """Fetch one URL and yield its document, or every entry of it when it is a feed."""
    try:
        fetched = _fetch(client, given, settings)
    except InputError as exc:
        yield InputFailure(exc.source, exc.reason)
        return
    except httpx.HTTPError as exc:
        yield InputFailure(given, _fetch_reason(exc, settings))
        return
    except Exception as exc:  # noqa: BLE001 -- a malformed redirect, a broken stream: never crash the run
        yield InputFailure(given, f"fetch failed ({type(exc).__name__}: {' '.join(str(exc).split())})")
        return
    try:
        yield from _read_fetched(client, given, fetched, settings, in_feed=in_feed)
    except InputError as exc:
        yield InputFailure(exc.source, exc.reason)
    except Exception as exc:  # noqa: BLE001 -- untrusted input must never crash the run
        yield InputFailure(given, f"could not be read ({type(exc).__name__}: {' '.join(str(exc).split())})")


def _read_fetched(client: httpx.Client, given: str, fetched: _Fetched, settings: Settings, *,
                  in_feed: bool) -> Iterator[Document | InputFailure]:
    """Read a fetched body by what it is: a feed (by its content, whatever its type), a page, text,
    a PDF or a DOCX."""
    kind = fetched.media_type
    if looks_like_feed(fetched.body):
        if in_feed:
            yield InputFailure(given, "a feed entry links to another feed; give that feed's URL itself")
            return
        feed = parse_feed(fetched.body, fetched.final_url, given)
        if feed is None:
            yield InputFailure(given, "an RSS, Atom or JSON feed with no entries")
            return
        yield from read_feed(feed, given, settings,
                             lambda link: _read_one(client, link, settings, in_feed=True))
        return
    if kind in PDF_TYPES or fetched.body.startswith(b"%PDF-"):
        doc = document_from_pdf(fetched.body, given, settings)
    elif kind in DOCX_TYPES:
        doc = document_from_docx(fetched.body, given, settings)
    elif kind in HTML_TYPES or kind in TEXT_TYPES:
        decoded = _decoded(fetched, given)
        if kind in TEXT_TYPES:
            doc = document_from_text(decoded.text, source=given, settings=settings)
            doc.url = fetched.final_url
        else:
            doc = document_from_html(decoded.text, source=given, url=fetched.final_url, settings=settings)
        doc.flags[:0] = decoded.flags
    elif kind in FEED_TYPES or kind in XML_TYPES or kind.endswith("+xml"):
        yield InputFailure(given, f"unsupported content type: '{kind}' that is not an RSS, Atom or JSON feed "
                                  "with entries")
        return
    else:
        yield InputFailure(given, f"unsupported content type '{kind or 'none'}': rashomon reads HTML pages, "
                                  "plain text, RSS/Atom/JSON feeds, PDF and DOCX")
        return
    doc.url = doc.url or fetched.final_url
    doc.outlet = doc.outlet or _domain(fetched.final_url)
    doc.meta.setdefault("fetched_from", fetched.final_url)
    yield _check_size(doc, settings)


def fetch_entry(url: str, settings: Settings) -> Iterator[Document | InputFailure]:
    """Read the page a feed entry (of a saved feed file) links to; a feed there is refused."""
    with _client(settings) as client:
        yield from _read_one(client, url, settings, in_feed=True)


def _client(settings: Settings) -> httpx.Client:
    return bound_by_deadline(httpx.Client(
        timeout=httpx.Timeout(settings.fetch_timeout),
        headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
        follow_redirects=False,
    ))


def iter_url(url: str, settings: Settings, *, client: httpx.Client | None = None) -> Iterator[Document | InputFailure]:
    """Yield the report at ``url`` (or one per entry when it is a feed), or an InputFailure saying why not.

    ``client`` lets a caller share (or, in tests, mock) the HTTP client; without it one is made
    with a rashomon User-Agent and ``settings.fetch_timeout`` and closed at the end.
    """
    if client is not None:
        yield from _read_one(client, url, settings, in_feed=False)
        return
    with _client(settings) as own:
        yield from _read_one(own, url, settings, in_feed=False)

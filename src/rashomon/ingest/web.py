"""URLs and feeds: fetch a report (or every entry of an RSS/Atom feed) over http(s), safely.

Every fetch refuses private, loopback, link-local, multicast, reserved and unspecified addresses
(unless ``Settings.allow_private``), follows at most :data:`MAX_REDIRECTS` redirects itself and
re-checks each hop, caps the body at ``Settings.fetch_max_bytes`` and reads only HTML, plain text
and feeds. A bad URL never raises: it becomes an :class:`InputFailure` with a one-line reason.

>>> is_public_address("8.8.8.8"), is_public_address("10.0.0.1"), is_public_address("::1")
(True, False, False)
"""

from __future__ import annotations

import io
import ipaddress
import socket
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import httpx

from ..config import Settings
from ..errors import FetchRefused, InputError
from ..models import Document, InputFailure
from .html import document_from_html
from .meta import normalize_date
from .text import _domain, decode_bytes, document_from_text

__all__ = ["MAX_FEED_ENTRIES", "MAX_REDIRECTS", "USER_AGENT", "check_url", "is_public_address", "iter_url"]

MAX_REDIRECTS = 5
MAX_FEED_ENTRIES = 200
HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml"}
XML_TYPES = {"application/xml", "text/xml"}
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
          "application/xml;q=0.9,text/plain;q=0.9,*/*;q=0.1")


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


def _fetch(client: httpx.Client, given: str, settings: Settings) -> _Fetched:
    """GET ``given``, following redirects by hand; raise InputError with the reason on any failure.

    ``fetch_timeout`` bounds each connect/read/write; the whole fetch (hops and body) is also
    stopped after three times that, so a server dripping bytes cannot hold the run.
    """
    deadline = time.monotonic() + max(settings.fetch_timeout, 0.001) * 3
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
                    raise InputError(given, f"took too long (over {settings.fetch_timeout * 3:g} seconds)")
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


def _decode(fetched: _Fetched, source: str) -> str:
    if fetched.charset:
        try:
            text = fetched.body.decode(fetched.charset)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if text.strip() and "\x00" not in text[:8192]:
                return text.lstrip("\ufeff")
    return decode_bytes(fetched.body, source)


def _parse_feed(fetched: _Fetched) -> Any | None:
    """The parsed feed when the body is an RSS/Atom feed with entries, else None."""
    import feedparser

    parsed = feedparser.parse(
        io.BytesIO(fetched.body),
        response_headers={"content-location": fetched.final_url, "content-type": fetched.media_type},
    )
    return parsed if parsed.get("entries") else None


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
    kind = fetched.media_type
    try:
        feed = None
        if kind in FEED_TYPES or kind in XML_TYPES or (kind.endswith("+xml") and kind not in HTML_TYPES):
            feed = _parse_feed(fetched)
            if feed is None:
                what = "an RSS or Atom feed with no entries" if kind in FEED_TYPES else f"'{kind}' that is not a feed"
                yield InputFailure(given, f"unsupported content type: {what}")
                return
        if feed is not None:
            if in_feed:
                yield InputFailure(given, "a feed entry links to another feed; give that feed's URL itself")
                return
            yield from _read_feed(client, given, feed, fetched.final_url, settings)
            return
        if kind in HTML_TYPES:
            doc = document_from_html(_decode(fetched, given), source=given, url=fetched.final_url)
        elif kind in TEXT_TYPES:
            doc = document_from_text(_decode(fetched, given), source=given)
            doc.url = fetched.final_url
        else:
            yield InputFailure(given, f"unsupported content type '{kind or 'none'}': rashomon reads HTML pages, "
                                      "plain text and RSS/Atom feeds")
            return
        doc.outlet = doc.outlet or _domain(fetched.final_url)
        doc.meta.setdefault("fetched_from", fetched.final_url)
        yield _check_size(doc, settings)
    except InputError as exc:
        yield InputFailure(exc.source, exc.reason)
    except Exception as exc:  # noqa: BLE001 -- untrusted input must never crash the run
        yield InputFailure(given, f"could not be read ({type(exc).__name__}: {' '.join(str(exc).split())})")


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return time.strftime("%Y-%m-%d", value)
            except (TypeError, ValueError):
                continue
    return normalize_date(entry.get("published") or entry.get("updated"))


def _read_feed(client: httpx.Client, feed_url: str, feed: Any, final_url: str,
               settings: Settings) -> Iterator[Document | InputFailure]:
    entries = list(feed.entries)
    if len(entries) > MAX_FEED_ENTRIES:
        yield InputFailure(feed_url, f"the feed lists {len(entries):,} entries; only the first "
                                     f"{MAX_FEED_ENTRIES} were read")
        entries = entries[:MAX_FEED_ENTRIES]
    feed_title = (feed.feed or {}).get("title")
    for n, entry in enumerate(entries, 1):
        link = (entry.get("link") or "").strip()
        if not link:
            yield InputFailure(f"{feed_url} entry {n}", "the feed entry has no link")
            continue
        try:
            link = str(httpx.URL(final_url).join(link))
        except (httpx.InvalidURL, ValueError) as exc:
            yield InputFailure(f"{feed_url} entry {n}", f"the entry's link is not a valid URL ({exc})")
            continue
        title = (entry.get("title") or "").strip() or None
        published = _entry_date(entry)
        for item in _read_one(client, link, settings, in_feed=True):
            if isinstance(item, Document):
                item.title = item.title or title
                item.published = item.published or published
                item.meta.setdefault("feed", feed_url)
                if feed_title:
                    item.meta.setdefault("feed_title", feed_title)
            yield item


def iter_url(url: str, settings: Settings, *, client: httpx.Client | None = None) -> Iterator[Document | InputFailure]:
    """Yield the report at ``url`` (or one per entry when it is a feed), or an InputFailure saying why not.

    ``client`` lets a caller share (or, in tests, mock) the HTTP client; without it one is made
    with a rashomon User-Agent and ``settings.fetch_timeout`` and closed at the end.
    """
    if client is not None:
        yield from _read_one(client, url, settings, in_feed=False)
        return
    with httpx.Client(
        timeout=httpx.Timeout(settings.fetch_timeout),
        headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
        follow_redirects=False,
    ) as own:
        yield from _read_one(own, url, settings, in_feed=False)

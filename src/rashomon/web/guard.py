"""What stands between the network and the app: the token, the host check, same-origin posts with a form
token, size limits.

Each guard is a small ASGI middleware, so it runs on every request before any route.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.formparsers import MultiPartException
from starlette.requests import Request

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

COOKIE = "rashomon_token"
CSRF_COOKIE = "rashomon_form"  # + "_PORT": two servers on one host keep their own form sessions
CSRF_FIELD = "csrf_token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
DEFAULT_PORTS = {"http": 80, "https": 443}
_SESSION = re.compile(r"[A-Za-z0-9_-]{43}")
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                                 b"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    # not "no-referrer": under it a browser sends "Origin: null" with the app's own form posts, the value
    # sandboxed frames and file:// pages send; "same-origin" still tells no other site a thing
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


async def _reply(send: Send, status: int, text: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *SECURITY_HEADERS, *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}


def _hostname(value: str) -> str:
    return (urlsplit(f"//{value}").hostname or "").lower()


def _cookies(headers: dict[str, str]) -> dict[str, str]:
    cookie = SimpleCookie()
    try:
        cookie.load(headers.get("cookie", ""))
    except Exception:  # noqa: BLE001  (a malformed cookie header carries no cookie)
        return {}
    return {name: morsel.value for name, morsel in cookie.items()}


Origin = tuple[str, str, int]


def _origin(url: str) -> Origin | None:
    """(scheme, host, port) of a URL, the port filled in from the scheme; None when it has none.

    >>> _origin("http://127.0.0.1:8000/d/x"), _origin("HTTPS://Example.org"), _origin("null")
    (('http', '127.0.0.1', 8000), ('https', 'example.org', 443), None)
    """
    try:
        parts = urlsplit(url)
        scheme, host = parts.scheme.lower(), (parts.hostname or "").lower().strip("[]")
        port = parts.port or DEFAULT_PORTS.get(scheme)
    except ValueError:  # a port that is no number, a broken IPv6 literal
        return None
    return (scheme, host, port) if host and port else None


def _app_origin(scope: Scope, headers: dict[str, str]) -> Origin | None:
    """The origin the browser sees this app at: the request's scheme and its Host header."""
    return _origin(f"{scope.get('scheme', 'http')}://{headers.get('host', '')}")


def _cross_site(headers: dict[str, str], ours: Origin | None) -> str | None:
    """Why a state-changing request does not come from this app's own pages, or None when it does."""
    refused = "cross-site request refused: post forms from the rashomon pages themselves"
    if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return refused
    given = headers.get("origin") or headers.get("referer")
    if given is None:
        return None  # not sent by a browser's form (curl, a script): the form token decides
    if given.strip() == "null" or ours is None or _origin(given) != ours:
        return refused
    return None


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole request body, or None once it grows past ``limit`` bytes."""
    chunks: list[bytes] = []
    size, more = 0, True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        more = message.get("more_body", False)
    return b"".join(chunks)


def _replay(body: bytes, then: Receive | None = None) -> Receive:
    """A ``receive`` that hands over the body already read, then passes on what ``then`` receives."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await then() if then else {"type": "http.disconnect"}

    return receive


async def _form_field(scope: Scope, body: bytes, name: str) -> str:
    """The text of one field of a urlencoded or multipart form body ("" when absent or unreadable)."""
    form = None
    try:
        form = await Request(scope, _replay(body)).form()
        value = form.get(name)
    except (MultiPartException, ValueError):  # python-multipart's parse errors are ValueErrors
        return ""
    finally:
        if form is not None:
            await form.close()
    return value if isinstance(value, str) else ""


class Guard:
    """Token, host, origin and form-token checks, a request size limit, and security headers on every response.

    - ``token``: when set, every request must carry it: ``Authorization: Bearer TOKEN``, the
      ``X-Rashomon-Token`` header, the cookie set after a ``?token=`` visit, or ``?token=`` itself.
    - ``allowed_hosts``: the Host header must name one of them (stops DNS rebinding); ``None``
      allows any host (used when a token is required anyway).
    - a request that changes state (any method but GET, HEAD, OPTIONS) is refused unless it comes from
      this app's own pages: its ``Origin`` (else ``Referer``) must equal the app's in scheme, host and
      port (``Origin: null``, sent by sandboxed frames and ``file://`` pages, is refused), and its form
      must carry the CSRF token of the browser's session (:data:`CSRF_FIELD`). Every page gets that
      token as ``request.state.csrf_token``; the session lives in a cookie named after the port.
    - ``max_body``: a request body over this many bytes is refused with 413.
    """

    def __init__(self, app: ASGIApp, *, token: str | None, allowed_hosts: list[str] | None, max_body: int):
        self.app = app
        self.token = token
        self.allowed_hosts = {h.lower().strip("[]") for h in allowed_hosts} if allowed_hosts is not None else None
        self.max_body = max_body
        self.secret = secrets.token_bytes(32)  # per server: a restart ends every form session

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        host = _hostname(headers.get("host", "")).strip("[]")
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            await _reply(send, 421, f"rashomon serves this app at {', '.join(sorted(self.allowed_hosts))} only")
            return
        cookies = _cookies(headers)
        if self.token:
            given, from_query = self._token_given(scope, headers, cookies)
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                await _reply(send, 401, "this rashomon server needs its token: open the address with ?token=TOKEN "
                                        "or send 'Authorization: Bearer TOKEN'",
                             [(b"www-authenticate", b'Bearer realm="rashomon"')])
                return
            if from_query and scope["method"] == "GET":
                await self._redirect_without_token(scope, send)
                return
        declared = headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_body:
            await _reply(send, 413, self._too_large)
            return
        ours = _app_origin(scope, headers)
        cookie_name = f"{CSRF_COOKIE}_{ours[2] if ours else 0}"
        session = cookies.get(cookie_name, "")
        fresh = not _SESSION.fullmatch(session)
        if fresh:
            session = secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf_token"] = self._form_token(session)
        if scope["method"] not in SAFE_METHODS:
            admitted = await self._admit_change(scope, headers, receive, ours, None if fresh else session)
            if isinstance(admitted, tuple):
                await _reply(send, *admitted)
                return
            receive = admitted
        extra = [(b"set-cookie", f"{cookie_name}={session}; Path=/; HttpOnly; SameSite=Strict".encode())] \
            if fresh else []
        await self.app(scope, self._limited(receive), self._secured(send, extra))

    async def _admit_change(self, scope: Scope, headers: dict[str, str], receive: Receive, ours: Origin | None,
                            session: str | None) -> Receive | tuple[int, str]:
        """A request that changes state: a ``receive`` replaying its body when it comes from this app's own
        form, else the (status, reason) to refuse it with."""
        refused = _cross_site(headers, ours)
        if refused:
            return 403, refused
        body = await _read_body(receive, self.max_body)
        if body is None:
            return 413, self._too_large
        given = await _form_field(scope, body, CSRF_FIELD)
        if session is None or not hmac.compare_digest(given.encode(), self._form_token(session).encode()):
            return 403, "the form's token is missing or out of date: reload the rashomon page and send the form again"
        return _replay(body, receive)

    @property
    def _too_large(self) -> str:
        return f"request is over the {self.max_body:,}-byte limit (raise it with --max-bytes)"

    def _form_token(self, session: str) -> str:
        return hmac.new(self.secret, session.encode("ascii"), hashlib.sha256).hexdigest()

    @staticmethod
    def _token_given(scope: Scope, headers: dict[str, str], cookies: dict[str, str]) -> tuple[str, bool]:
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:].strip(), False
        if headers.get("x-rashomon-token"):
            return headers["x-rashomon-token"], False
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if "token" in query:
            return query["token"], True
        return cookies.get(COOKIE, ""), False

    async def _redirect_without_token(self, scope: Scope, send: Send) -> None:
        """Swap ``?token=`` for a same-site cookie, so the token leaves the address bar and history."""
        query = [(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1")) if k != "token"]
        location = scope.get("root_path", "") + scope["path"] + (f"?{urlencode(query)}" if query else "")
        cookie = f"{COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"
        await _reply(send, 303, "", [(b"location", location.encode("latin-1")), (b"set-cookie", cookie.encode())])

    def _limited(self, receive: Receive) -> Receive:
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        return limited

    @staticmethod
    def _secured(send: Send, extra: list[tuple[bytes, bytes]]) -> Send:
        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS, *extra]
            await send(message)

        return secured


class BodyTooLarge(Exception):
    """A request body (sent without a length) grew past the limit."""

    def __init__(self, limit: int):
        super().__init__(f"request is over the {limit:,}-byte limit (raise it with --max-bytes)")
        self.limit = limit

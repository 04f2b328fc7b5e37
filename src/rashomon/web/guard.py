"""What stands between the network and the app: the token, the host check, same-origin posts, size limits.

Each guard is a small ASGI middleware, so it runs on every request before any route.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

COOKIE = "rashomon_token"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                                 b"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
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


class Guard:
    """Token, host and origin checks, a request size limit, and security headers on every response.

    - ``token``: when set, every request must carry it: ``Authorization: Bearer TOKEN``, the
      ``X-Rashomon-Token`` header, the cookie set after a ``?token=`` visit, or ``?token=`` itself.
    - ``allowed_hosts``: the Host header must name one of them (stops DNS rebinding); ``None``
      allows any host (used when a token is required anyway).
    - a POST whose ``Origin`` (or ``Referer``) names another host is refused (no cross-site posts).
    - ``max_body``: a request body over this many bytes is refused with 413.
    """

    def __init__(self, app: ASGIApp, *, token: str | None, allowed_hosts: list[str] | None, max_body: int):
        self.app = app
        self.token = token
        self.allowed_hosts = {h.lower().strip("[]") for h in allowed_hosts} if allowed_hosts is not None else None
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        host = _hostname(headers.get("host", "")).strip("[]")
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            await _reply(send, 421, f"rashomon serves this app at {', '.join(sorted(self.allowed_hosts))} only")
            return
        if self.token:
            given, from_query = self._token_given(scope, headers)
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                await _reply(send, 401, "this rashomon server needs its token: open the address with ?token=TOKEN "
                                        "or send 'Authorization: Bearer TOKEN'",
                             [(b"www-authenticate", b'Bearer realm="rashomon"')])
                return
            if from_query and scope["method"] == "GET":
                await self._redirect_without_token(scope, send)
                return
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            origin = headers.get("origin") or headers.get("referer")
            if origin and origin != "null" and (urlsplit(origin).hostname or "").lower().strip("[]") != host:
                await _reply(send, 403, "cross-site request refused: post forms from the rashomon pages themselves")
                return
        declared = headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_body:
            await _reply(send, 413, f"request is over the {self.max_body:,}-byte limit (raise it with --max-bytes)")
            return
        await self.app(scope, self._limited(receive), self._secured(send))

    def _token_given(self, scope: Scope, headers: dict[str, str]) -> tuple[str, bool]:
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:].strip(), False
        if headers.get("x-rashomon-token"):
            return headers["x-rashomon-token"], False
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if "token" in query:
            return query["token"], True
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # noqa: BLE001  (a malformed cookie header is no token)
            return "", False
        return (cookie[COOKIE].value if COOKIE in cookie else ""), False

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
    def _secured(send: Send) -> Send:
        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        return secured


class BodyTooLarge(Exception):
    """A request body (sent without a length) grew past the limit."""

    def __init__(self, limit: int):
        super().__init__(f"request is over the {limit:,}-byte limit (raise it with --max-bytes)")
        self.limit = limit

"""A test HTTP server on 127.0.0.1 (a free port), stopped when the block ends."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def loopback_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[ThreadingHTTPServer]:
    """Serve ``handler`` on 127.0.0.1; the server records request paths in ``hits`` and agents in ``agents``."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.hits = []  # type: ignore[attr-defined]
    httpd.agents = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)

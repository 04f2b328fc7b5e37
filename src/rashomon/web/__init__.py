"""``rashomon serve``: the dossier views as a local web app, with filters, uploads and a JSON API.

>>> from rashomon.web import create_app
>>> app = create_app(["case.db"])                      # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from ..config import Settings
from ..errors import RashomonError
from .app import WARM_EVERY, Case, Warmer, add_to_store, create_app, find_stores
from .guard import LOOPBACK_NAMES, is_loopback

__all__ = ["Case", "Warmer", "add_to_store", "create_app", "find_stores", "serve"]


def serve(stores: Iterable[str], *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          settings: Settings | None = None, max_body: int | None = None,
          announce: Callable[[str], None] | None = None) -> None:
    """Serve the dossiers of ``stores`` until interrupted.

    Binding anywhere but loopback needs a token (``token`` or ``RASHOMON_TOKEN``): every request must
    then carry it, so the reports are not open to the network. ``announce`` is told the address once
    the settings are checked. Each dossier is built and its first page laid out in the background from
    the start, and again whenever its store changes (:class:`Warmer`): requests are answered from these.
    """
    import uvicorn

    token = token or os.environ.get("RASHOMON_TOKEN") or None
    if not is_loopback(host) and not token:
        raise RashomonError(f"serving on {host} would open the dossiers to the network: give --token TOKEN "
                            "(or set RASHOMON_TOKEN), or bind 127.0.0.1")
    app = create_app(list(stores), settings=settings, token=token,
                     allowed_hosts=list(LOOPBACK_NAMES) if is_loopback(host) else None, max_body=max_body,
                     warm_every=WARM_EVERY)
    if announce:
        announce(f"http://{host}:{port}/")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False)

"""Load on ``rashomon serve``: concurrent clients over a store's pages, with latency percentiles.

    python bench/load.py STORE --clients 10 50 --requests 20
    python bench/load.py STORE --open out/dossier.html     # also: time headless Chromium opening a file

Starts the app on 127.0.0.1 (a free port, in this process), then for each number of clients runs that many
threads, each sending ``--requests`` GET requests in turn over the dossier page, its pages of disputes,
outlets, reports and timeline, and report pages. Every loop is bounded: a fixed number of requests, each with
a timeout. Prints, per number of clients, one line:

    load: 10 clients, 200 requests, 0 errors, p50 0.041 s, p99 0.310 s, max 0.402 s, 48.7 req/s

and with ``--open FILE``: ``open: FILE 3.2 MB in 1.8 s`` (Chromium's ``--dump-dom``, which returns when the
page has loaded). The first request of each page renders it; later ones are served from the page cache
until the store changes, as in use.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from rashomon.web import create_app, find_stores

CHROMIUM = "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(store: str) -> tuple[uvicorn.Server, str, str]:
    """The app over ``store``, serving on a free loopback port in a thread; its server, root URL and case name."""
    [case] = find_stores([store])
    port = free_port()
    config = uvicorn.Config(create_app([case]), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    threading.Thread(target=server.run, daemon=True).start()
    for _ in range(200):  # at most 20 s for the server to come up
        if server.started:
            break
        time.sleep(0.1)
    else:
        raise SystemExit("load: the server did not start in 20 s")
    return server, f"http://127.0.0.1:{port}", case.name


def paths(client: httpx.Client, name: str) -> list[str]:
    """The pages a reader visits: the dossier, the second page of each long section, and a few reports."""
    page = client.get(f"/d/{name}", timeout=120).text
    reports = sorted({part.split('"')[0] for part in page.split(f'href="/d/{name}/reports/')[1:]})[:5]
    sections = [f"/d/{name}?{s}_page=2" for s in ("disputes", "outlets", "reports", "timeline")]
    return [f"/d/{name}", *sections, *(f"/d/{name}/reports/{r.split('#')[0]}" for r in reports)]


def run(root: str, targets: list[str], clients: int, requests: int) -> str:
    """``clients`` threads, ``requests`` requests each over ``targets`` in turn; the summary line."""
    times: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client(k: int) -> None:
        with httpx.Client(base_url=root, timeout=60) as http:
            for n in range(requests):
                path = targets[(k + n) % len(targets)]
                began = time.perf_counter()
                try:
                    status = http.get(path).status_code
                except httpx.HTTPError as exc:
                    status, reason = 0, f"{type(exc).__name__}"
                else:
                    reason = str(status)
                took = time.perf_counter() - began
                with lock:
                    times.append(took)
                    if status != 200:
                        errors.append(f"{path}: {reason}")

    began = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    line = (f"load: {clients} clients, {len(times)} requests, {len(errors)} errors, p50 {cuts[49]:.3f} s, "
            f"p99 {cuts[98]:.3f} s, max {max(times):.3f} s, {len(times) / wall:.1f} req/s")
    return line + "".join(f"\n  error {e}" for e in errors[:5])


def open_time(html: Path) -> str:
    """How long headless Chromium takes to load ``html`` and hand back its DOM (bounded: 120 s)."""
    began = time.perf_counter()
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", html.resolve().as_uri()],
                   check=True, capture_output=True, timeout=120)
    return f"open: {html} {html.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - began:.1f} s"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store", help="a rashomon.db (or a folder holding one)")
    ap.add_argument("--clients", type=int, nargs="+", default=[10, 50])
    ap.add_argument("--requests", type=int, default=20, help="requests per client")
    ap.add_argument("--open", type=Path, help="also time headless Chromium opening this HTML file")
    args = ap.parse_args()
    server, root, name = start(args.store)
    try:
        with httpx.Client(base_url=root) as http:
            began = time.perf_counter()
            targets = paths(http, name)
            print(f"first: /d/{name} built and rendered in {time.perf_counter() - began:.2f} s")
            began = time.perf_counter()
            http.get(f"/d/{name}", timeout=60).raise_for_status()
            print(f"again: /d/{name} in {time.perf_counter() - began:.3f} s")
        for clients in args.clients:
            print(run(root, targets, clients, args.requests), flush=True)
    finally:
        server.should_exit = True
    if args.open:
        print(open_time(args.open))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Load on ``rashomon serve``: concurrent clients over a store's pages, with latency percentiles.

    python bench/load.py STORE --clients 10 50 --requests 20
    python bench/load.py STORE --open out/dossier.html     # also: time headless Chromium opening a file

Starts ``rashomon serve`` on 127.0.0.1 (a free port, a process of its own), renders each page once, then for
each number of clients runs that many threads, each sending ``--requests`` GET requests in turn over the
dossier page, its pages of disputes, outlets, reports and timeline, and report pages. Every loop is bounded:
a fixed number of requests, each with a timeout. Prints, per number of clients, one line:

    load: 10 clients, 200 requests, 0 errors, p50 0.041 s, p99 0.310 s, max 0.402 s, 48.7 req/s

and with ``--open FILE``: ``open: FILE 8.9 MB, load event in 1.8 s, 15000 elements laid out, 21 chunks on
demand`` (headless Chromium through Playwright). ``rashomon serve`` builds the dossier and its first page in
the background from its start; the ``ready:`` line times that (the first request waits for it), the
``page:`` lines each other page's first rendering and a request served from the page cache, as in use.
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

from rashomon.web import find_stores

CHROMIUM = "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(store: str) -> tuple[subprocess.Popen[bytes], str, str]:
    """``rashomon serve STORE`` on a free loopback port, in a process of its own (so the clients here do not
    share its interpreter); the process, its root URL and the dossier's name."""
    [case] = find_stores([store])
    port = free_port()
    rashomon = Path(sys.executable).with_name("rashomon")
    server = subprocess.Popen([str(rashomon), "serve", store, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = f"http://127.0.0.1:{port}"
    for _ in range(600):  # at most 60 s for the server to come up
        try:
            httpx.get(f"{root}/api/openapi.json", timeout=2)
            return server, root, case.name
        except httpx.HTTPError as exc:
            if server.poll() is not None:
                said = server.stderr.read().decode()[-500:] if server.stderr else ""
                raise SystemExit(f"load: the server stopped: {said}") from exc
            time.sleep(0.1)
    server.kill()
    raise SystemExit("load: the server did not start in 60 s")


def paths(client: httpx.Client, name: str) -> list[str]:
    """The pages a reader visits: the dossier, the second page of each long section, and a few reports."""
    page = client.get(f"/d/{name}", timeout=120).text
    linked = page.split(f'href="/d/{name}/reports/')[1:]
    reports = sorted({part.split('"')[0].split("#")[0] for part in linked})[:5]
    sections = [f"/d/{name}?{s}_page=2" for s in ("disputes", "outlets", "reports", "timeline")]
    return [f"/d/{name}", *sections, *(f"/d/{name}/reports/{r}" for r in reports)]


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
    # quantiles need two points; one request (or none) is its own percentile
    cuts = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else (times or [0.0]) * 99
    line = (f"load: {clients} clients, {len(times)} requests, {len(errors)} errors, p50 {cuts[49]:.3f} s, "
            f"p99 {cuts[98]:.3f} s, max {max(times):.3f} s, {len(times) / wall:.1f} req/s")
    return line + "".join(f"\n  error {e}" for e in errors[:5])


def open_time(html: Path) -> str:
    """How long headless Chromium (driven by Playwright) takes to open ``html`` until its load event, and how
    much of the page it laid out (elements in the document; chunks left for later, ``lazy.js``); bounded: 120 s."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 860})
            began = time.perf_counter()
            page.goto(html.resolve().as_uri(), wait_until="load", timeout=120_000)
            took = time.perf_counter() - began
            elements, chunks = page.evaluate("[document.getElementsByTagName('*').length, "
                                             "document.querySelectorAll('template.lazy').length]")
        finally:
            browser.close()
    return (f"open: {html} {html.stat().st_size / 1e6:.1f} MB, load event in {took:.1f} s, {elements} elements "
            f"laid out, {chunks} chunks on demand")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store", help="a rashomon.db (or a folder holding one)")
    ap.add_argument("--clients", type=int, nargs="+", default=[10, 50])
    ap.add_argument("--requests", type=int, default=20, help="requests per client")
    ap.add_argument("--open", type=Path, help="also time headless Chromium opening this HTML file")
    args = ap.parse_args()
    began = time.perf_counter()
    server, root, name = start(args.store)
    try:
        with httpx.Client(base_url=root, timeout=300) as http:
            targets = paths(http, name)  # waits for the dossier the server builds as it starts
            print(f"ready: /d/{name} built and laid out {time.perf_counter() - began:.2f} s after the server started")
            again = time.perf_counter()
            http.get(f"/d/{name}").raise_for_status()
            print(f"first: /d/{name} served in {time.perf_counter() - again:.3f} s (a reader's first request)")
            for path in targets:  # each page rendered once; then served until the store changes
                began = time.perf_counter()
                http.get(path).raise_for_status()
                again = time.perf_counter()
                http.get(path).raise_for_status()
                print(f"page: {path} first {again - began:.3f} s, again {time.perf_counter() - again:.3f} s")
        for clients in args.clients:
            print(run(root, targets, clients, args.requests), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    if args.open:
        print(open_time(args.open))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Load on ``rashomon serve``: concurrent clients over a store's pages, with latency percentiles.

    python bench/load.py STORE --clients 10 50 --requests 20
    python bench/load.py STORE --open out/dossier.html     # also: time headless Chromium opening a file

Starts ``rashomon serve`` on 127.0.0.1 (a free port, a process of its own), renders each page once, then for
each number of clients runs that many threads, each sending ``--requests`` GET requests in turn over the
dossier page, its pages of disputes, outlets, reports and timeline, and report pages. Every loop is bounded:
a fixed number of requests, each with a timeout. Prints, per number of clients, one line:

    load: 10 clients, 200 requests, 0 errors, p50 0.041 s, p99 0.310 s, max 0.402 s, 48.7 req/s

and with ``--open FILE``: ``open: FILE 3.2 MB in 1.8 s`` (Chromium's ``--dump-dom``, which returns when the
page has loaded). The first request of each page renders it (timed apart, on the ``page:`` lines); later
ones are served from the page cache until the store changes, as in use.
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
        with httpx.Client(base_url=root, timeout=300) as http:
            began = time.perf_counter()
            targets = paths(http, name)
            print(f"first: /d/{name} built and rendered in {time.perf_counter() - began:.2f} s")
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

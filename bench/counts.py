"""Benchmark of the counts (issue 12): build the counts of ``target`` figures, the corpus's own casualty
figures replicated into distinct reports (values shifted, dates spread over four weeks), and time it.

    python bench/counts.py --store bench.db --figures 50000

Ends with ``counts: <n> figures in <s>s (<f> figures/s), <c> counts (source identity …)``; the issue's bound
is a minute. The source identity (``rashomon.align.identity``) is built once per run for every section; it
is timed apart.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace

from rashomon import Store
from rashomon.align.corpus import read_corpus
from rashomon.align.counts import build_counts
from rashomon.align.identity import corpus_identity
from rashomon.model import CASUALTY_EVENTS, Span


def bench_counts(store: Store, target: int = 50_000) -> str:
    """Time :func:`build_counts` over ``target`` figures replicated from the store's own."""
    corpus = read_corpus(store)
    base = [f for f in corpus.figures if f.event in CASUALTY_EVENTS]
    if not base:
        return "counts: no casualty figures to count"
    docs, figures = {}, []
    for n in range(target):
        fig = base[n % len(base)]
        copy = n // len(base)
        doc_id = f"{fig.doc_id}-{copy}"
        if doc_id not in docs:
            day = f"{corpus.published(fig.doc_id) or '2031-03-01'}"[:8] + f"{1 + copy % 28:02d}"
            docs[doc_id] = replace(corpus.document(fig.doc_id), id=doc_id, origin_id=doc_id, published=day)
        figures.append(replace(fig, id=f"f{n}", value=fig.value + copy % 7,
                               span=Span(doc_id, fig.span.start, fig.span.end)))
    big = replace(corpus, documents=tuple(docs.values()), figures=tuple(figures), claims=(),
                  vectors=corpus.vectors[:0], mentions={}, places={})
    t0 = time.perf_counter()
    identity = corpus_identity(big)  # built once per run and shared by every section, not only the counts
    t_identity = time.perf_counter() - t0
    t0 = time.perf_counter()
    counts = build_counts(big, identity)
    secs = time.perf_counter() - t0
    return (f"counts: {target} figures in {secs:.1f}s ({target / secs:.0f} figures/s), {len(counts)} counts "
            f"(source identity of {len(docs)} reports: {t_identity:.1f}s more)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", required=True, help="a store analysed by rashomon (e.g. out/rashomon.db)")
    ap.add_argument("--figures", type=int, default=50_000)
    args = ap.parse_args()
    with Store.open(args.store) as store:
        print(bench_counts(store, args.figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

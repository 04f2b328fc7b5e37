"""Benchmark: the whole pipeline on N reports made from the example corpus, against the models' floor.

    python bench/bench.py --sizes 100,1000 --postgres-sizes 100 --ray-workers 1,2   # what `make bench` runs
    python bench/bench.py --sizes 100,1000,5000 --postgres-sizes 100,1000,5000
    python bench/bench.py --measures-on out/rashomon.db --actor-reports 0 --count-figures 0   # alignment alone

Each (size, store) is one child process (so each peak RSS is its own): it writes N reports, none a
copy of another (:func:`make_corpus`), ingests, analyses and writes the dossier into a new store (a
SQLite file, or a new database on a PostgreSQL server: ``BENCH_POSTGRES_URL``, else a private one
started with ``tests/pgserver.py``), and times each stage. The local engine runs as ``rashomon analyze``
does (``--workers``: worker processes, one per core for a corpus large enough); a run with worker processes
counts their peak RSS too (:func:`peak_rss_mib`). The floor is the bare spaCy model parsing the same
texts (one process) plus the bare embedding model encoding their sentences, measured once per size;
``floor ratio`` is the pipeline's time over it.

The largest SQLite run also times the measures in :data:`MEASURES` (alignment of 50,000 claims, ...).
Between the last two sizes the time's growth is given as an exponent (time ∝ N^e). The last line is
``bench: <N> docs, <x> docs/s, <y> words/s, peak RSS <z> MiB, floor ratio <r>`` for the largest SQLite run.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import math
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from counts import bench_counts  # bench/counts.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "reports"


def peak_rss_mib(workers: int = 1) -> float:
    """This process's peak RSS (MiB), plus, when the analysis ran in ``workers`` worker processes, that
    many times the largest worker's peak (an upper bound of their peaks together: they run at once)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if workers <= 1:
        return own
    return own + workers * resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


# -- the corpus ----------------------------------------------------------------------------------------


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])")


def make_corpus(folder: Path, n_docs: int) -> int:
    """Write ``n_docs`` varied reports into ``folder``; returns their words.

    Report ``n`` keeps the header (outlet, date) of example ``n mod 7`` and as many sentences as its
    body has, drawn (seeded by ``n``, kept in corpus order) from the bodies of all the examples, with
    every number raised by ``n // 7``: any two reports share few word 5-grams, so none is taken for a
    copy of another (a copy would be analysed all the same, but aligned as one report).
    """
    sources = sorted(EXAMPLES.glob("*.txt"))
    parts = [src.read_text(encoding="utf-8").partition("\n\n") for src in sources]
    bodies = [[s for s in _SENTENCE_END.split(body.strip()) if s] for _, _, body in parts]
    pool = [sentence for body in bodies for sentence in body]
    words = 0
    for n in range(n_docs):
        k, i = divmod(n, len(sources))
        picked = sorted(random.Random(n).sample(range(len(pool)), min(len(bodies[i]), len(pool))))
        body = re.sub(r"\b\d+\b", lambda m, k=k: str(int(m.group()) + k), " ".join(pool[j] for j in picked))
        text = f"{parts[i][0]}{parts[i][1]}{body}\n"
        (folder / f"{k:05d}_{sources[i].name}").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


# -- measures run once, on the largest SQLite store ------------------------------------------------------


def align_claims(store: object, target: int) -> str:
    """Claim groups and disputes over ``target`` claims: the store's claims replicated into distinct
    independent reports, their vectors slightly jittered."""
    import numpy as np

    from rashomon.align.claims import claim_groups
    from rashomon.align.corpus import Corpus, read_corpus
    from rashomon.align.disputes import Context, find_disputes
    from rashomon.align.identity import corpus_identity

    base = read_corpus(store)  # type: ignore[arg-type]
    if not base.claims:
        return "alignment: no claims to align"
    rng = np.random.default_rng(7)
    copies = math.ceil(target / len(base.claims))
    documents = tuple(replace(d, id=f"{d.id}-{c}", origin_id=f"{d.id}-{c}", duplicate_of=None)
                      for c in range(copies) for d in base.documents)
    claims = tuple(replace(claim, id=f"{claim.id}-{c}", span=replace(claim.span, doc_id=f"{claim.span.doc_id}-{c}"))
                   for c in range(copies) for claim in base.claims)[:target]
    vectors = np.tile(base.vectors, (copies, 1))[:target]
    vectors = vectors + rng.normal(0, 0.02, vectors.shape).astype("float32")
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    corpus = Corpus(documents=documents, claims=claims, vectors=vectors)
    t0, cpu0 = time.perf_counter(), time.process_time()
    identity = corpus_identity(corpus)
    context = Context(corpus, identity)
    disputes = find_disputes(context)
    groups = claim_groups(corpus, identity, neighbours=context.neighbours)  # as align() does: one search
    secs, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    # the CPU time and the load say how much of the wall time was other processes' (a shared machine)
    return (f"alignment: {target} claims in {secs:.1f}s ({target / secs:.0f} claims/s; CPU {cpu:.1f}s, load "
            f"{os.getloadavg()[0]:.1f}), {len(groups)} claim groups, {len(disputes)} disputes, "
            f"peak RSS {peak_rss_mib():.0f} MiB")


def bench_actors(store: object, reports: int) -> str:
    """Time actor and side resolution over ``reports`` reports: the store's reports and their mentions,
    replicated under new report ids (each copy its own report), identity included."""
    from dataclasses import replace

    from rashomon.align.actors import build_actors
    from rashomon.align.corpus import Corpus
    from rashomon.align.identity import corpus_identity
    from rashomon.model import Document, Span

    base = [d for d in store.documents() if store.mentions(d.id)]
    if not base:
        return "actors: no mentions to resolve"
    docs: list[Document] = []
    mentions: dict[str, tuple] = {}
    for n in range(reports):
        d = base[n % len(base)]
        doc_id = f"{d.id}-{n // len(base)}"
        docs.append(replace(d, id=doc_id))
        mentions[doc_id] = tuple(replace(m, span=Span(doc_id, m.span.start, m.span.end)) for m in store.mentions(d.id))
    t0 = time.perf_counter()
    corpus = Corpus(documents=tuple(docs), mentions=mentions)
    actors = build_actors([d.id for d in docs], mentions, corpus_identity(corpus), {d.id: d.text for d in docs})
    secs = time.perf_counter() - t0
    n_mentions = sum(len(v) for v in mentions.values())
    return (f"actors: {reports} reports, {n_mentions} mentions resolved in {secs:.1f}s "
            f"({len([a for a in actors if a.kind == 'side'])} sides, {len(actors)} actors)")


@dataclass(frozen=True)
class Measure:
    """A timing run once, on the largest SQLite store: ``run(store, size)`` returns its report line; the
    size comes from the driver's option of the same name (0 skips it)."""

    name: str
    run: Callable[[object, int], str]


#: the extra measures, in the order they run; a new one is added here and given an option in main()
MEASURES: list[Measure] = [Measure("alignment", align_claims), Measure("actors", bench_actors),
                           Measure("counts", bench_counts)]


# -- one run: a child process ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    store: str  # "sqlite" or "postgresql"
    docs: int
    words: int
    stages: dict[str, float]  # seconds per stage
    seconds: float  # the whole pipeline
    peak_rss: float  # MiB, the child's peak before the floor is measured (with its worker processes')
    floor: float | None  # seconds of the bare models on the same texts (None: not measured in this run)
    near_copies: int
    lines: tuple[str, ...]  # the extra measures' lines
    workers: int = 1  # processes the local engine analysed in (rashomon.engine.local_workers)


def floor_seconds(texts: list[str], batch_size: int) -> tuple[float, str]:
    """The bare spaCy parse of ``texts`` plus the bare embedding of their sentences."""
    import spacy

    from rashomon.analyze.pipeline import _model_candidates
    from rashomon.config import Settings
    from rashomon.embed import encode, load_embedder

    settings = Settings()
    nlp = None
    for name in _model_candidates(settings.spacy_model):
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    assert nlp is not None, "no spaCy model"
    model = load_embedder(settings.embedding_model)
    t0 = time.perf_counter()
    sentences = [s.text for doc in nlp.pipe(texts, batch_size=batch_size) for s in doc.sents]
    t_spacy = time.perf_counter() - t0
    t0 = time.perf_counter()
    encode(sentences, model=model)
    t_embed = time.perf_counter() - t0
    words = sum(len(t.split()) for t in texts)
    return t_spacy + t_embed, (f"floor: spaCy {t_spacy:.2f}s ({words / t_spacy:.0f} words/s), embeddings "
                               f"{t_embed:.2f}s ({len(sentences) / t_embed:.0f} sentences/s, "
                               f"{len(sentences)} sentences)")


def run_one(n_docs: int, db: str, kind: str, batch_size: int, with_floor: bool, measures: dict[str, int],
            ray_workers: int = 0, workers: int = 0) -> Result:
    """One run; with ``ray_workers``, the analysis on that many Ray workers (their models load in the
    ``analyse`` stage, and the peak RSS is the driver's alone); else on the local engine with ``workers``
    processes (0: as ``rashomon analyze`` decides; in worker processes the models load in ``analyse``)."""
    from rashomon import Settings, Store, analyse_store, ingest, write_outputs
    from rashomon.analyze import load_nlp
    from rashomon.embed import embedder_for
    from rashomon.engine import local_workers

    settings = Settings.load(batch_size=batch_size, quiet=True, engine="ray" if ray_workers else "local",
                             ray_workers=ray_workers, workers=workers)
    processes = 1 if ray_workers else local_workers(settings, n_docs)
    with tempfile.TemporaryDirectory(prefix="rashomon-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        make_corpus(corpus, n_docs)
        stages: dict[str, float] = {}
        with Store.open(db or str(Path(tmp) / "bench.db")) as store:
            t0 = time.perf_counter()
            summary = ingest([str(corpus)], store, settings)
            stages["ingest"] = time.perf_counter() - t0
            if not ray_workers and processes == 1:
                t0 = time.perf_counter()  # loaded once per process (cached): shown as a stage of its own
                load_nlp(settings.spacy_model)
                embedder_for(settings)
                stages["models"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            analyse_store(store, settings, summary=summary)
            stages["analyse+align"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            write_outputs(store, Path(tmp) / "out", summary=summary)
            stages["dossier"] = time.perf_counter() - t0
            rss = peak_rss_mib(processes)
            texts = [d.text for d in store.documents()]
            lines = [m.run(store, measures[m.name]) for m in MEASURES if measures.get(m.name)]
        floor, floor_line = floor_seconds(texts, batch_size) if with_floor else (None, "")
    return Result(kind, len(texts), sum(len(t.split()) for t in texts), stages, sum(stages.values()), rss, floor,
                  summary.near_duplicates, tuple(x for x in (floor_line, *lines) if x), processes)


def child(args: argparse.Namespace) -> int:
    result = run_one(args.one, args.db, args.kind, args.batch_size, args.floor, json.loads(args.measures),
                     args.ray_workers_one, args.workers)
    print("RESULT " + json.dumps(asdict(result)))
    return 0


# -- the driver ----------------------------------------------------------------------------------------------


@functools.cache
def _pgserver():  # tests/pgserver.py, by path (it is no package)
    spec = importlib.util.spec_from_file_location("pgserver", ROOT / "tests" / "pgserver.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["pgserver"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@contextmanager
def postgres_server(needed: bool) -> Iterator[str | None]:
    """A server URL to make databases on: ``BENCH_POSTGRES_URL``, else a private server for this run."""
    if not needed:
        yield None
        return
    if os.environ.get("BENCH_POSTGRES_URL"):
        yield os.environ["BENCH_POSTGRES_URL"]
        return
    pgserver = _pgserver()
    server = pgserver.start()
    try:
        yield server.url
    finally:
        pgserver.stop(server.folder)


def spawn(n_docs: int, db: str, kind: str, args: argparse.Namespace, floor: bool, measures: dict[str, int],
          ray_workers: int = 0) -> Result:
    command = [sys.executable, __file__, "--one", str(n_docs), "--kind", kind, "--db", db, "--batch-size",
               str(args.batch_size), "--measures", json.dumps(measures), "--ray-workers-one", str(ray_workers),
               "--workers", str(args.workers),
               *(["--floor"] if floor else [])]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    found = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode != 0 or not found:
        sys.stderr.write(done.stderr[-3000:])
        raise SystemExit(f"bench: the run of {n_docs} docs on {kind} failed (exit {done.returncode})")
    data = json.loads(found[-1].removeprefix("RESULT "))
    return Result(**{**data, "lines": tuple(data["lines"])})


def print_result(r: Result, floor: float | None) -> None:
    ratio = f"{r.seconds / floor:.2f}" if floor else "-"
    stages = ", ".join(f"{name} {secs:.1f}s" for name, secs in r.stages.items())
    processes = f"; {r.workers} worker processes" if r.workers > 1 else ""
    print(f"{r.store:<11}{r.docs:>7}{r.words:>10}{r.seconds:>10.1f}{r.docs / r.seconds:>9.1f}"
          f"{r.words / r.seconds:>10.0f}{r.peak_rss:>10.0f}{ratio:>8}   {stages}; {r.near_copies} near-copies"
          f"{processes}", flush=True)


def driver(args: argparse.Namespace) -> int:
    sizes = sorted({int(s) for s in args.sizes.split(",") if s})
    pg_sizes = sorted({int(s) for s in args.postgres_sizes.split(",") if s})
    measures = measure_sizes(args)
    print(f"corpus: reports made from the sentences of the {len(list(EXAMPLES.glob('*.txt')))} examples "
          f"(no near-copies); one process per run")
    print(f"{'store':<11}{'docs':>7}{'words':>10}{'seconds':>10}{'docs/s':>9}{'words/s':>10}{'RSS MiB':>10}"
          f"{'floor×':>8}   stages", flush=True)
    runs: dict[tuple[str, int], Result] = {}
    floors: dict[int, float] = {}
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="rashomon-bench-") as tmp, postgres_server(bool(pg_sizes)) as server:
        floor_sizes = {int(s) for s in args.floor_sizes.split(",") if s} if args.floor_sizes else set(sizes)
        for n in sizes:
            last = n == sizes[-1]
            r = spawn(n, str(Path(tmp) / f"bench-{n}.db"), "sqlite", args, n in floor_sizes, measures if last else {})
            floors[n] = r.floor or _scaled_floor(floors, runs, r)
            runs["sqlite", n] = r
            print_result(r, floors[n])
            notes.extend(f"  {line}" if line.startswith("floor") else line for line in r.lines)
        for k in sorted({int(w) for w in args.ray_workers.split(",") if w}):
            n = sizes[0]  # the local engine's run of the same size gives the floor
            r = spawn(n, str(Path(tmp) / f"bench-{n}-ray{k}.db"), f"ray×{k}", args, False, {}, ray_workers=k)
            print_result(r, floors[n])
        for n in pg_sizes:
            assert server is not None
            with _pgserver().new_database(server, f"rashomon_bench_{os.getpid()}_{n}") as url:
                r = spawn(n, url, "postgresql", args, n not in floors, {})
            floors.setdefault(n, r.floor or 0.0)
            runs["postgresql", n] = r
            print_result(r, floors[n])
    for line in notes:
        print(line)
    for kind in ("sqlite", "postgresql"):
        done = sorted(n for k, n in runs if k == kind)
        if len(done) >= 2:
            a, b = runs[kind, done[-2]], runs[kind, done[-1]]
            exponent = math.log(b.seconds / a.seconds) / math.log(b.docs / a.docs)
            print(f"scaling on {kind}: {a.docs} -> {b.docs} docs, time ∝ N^{exponent:.2f}, "
                  f"peak RSS ×{b.peak_rss / a.peak_rss:.2f}")
    n = sizes[-1]
    r = runs["sqlite", n]
    ratio = f"{r.seconds / floors[n]:.2f}" if floors[n] else "- (floor not measured)"
    print(f"bench: {r.docs} docs, {r.docs / r.seconds:.1f} docs/s, {r.words / r.seconds:.0f} words/s, "
          f"peak RSS {r.peak_rss:.0f} MiB, floor ratio {ratio}")
    return 0


def _scaled_floor(floors: dict[int, float], runs: dict[tuple[str, int], Result], r: Result) -> float:
    """The floor of a run that did not measure it: the largest measured one's, times the words' ratio
    (the floor is a parse and an encoding of every word: linear in the words). Said on screen."""
    measured = [n for n in floors if floors[n] and ("sqlite", n) in runs]
    if not measured:
        return 0.0
    m = max(measured)
    floor = floors[m] * r.words / runs["sqlite", m].words
    print(f"  floor of {r.docs} docs: not measured; {floor:.1f}s, scaled by words from the {m} docs' "
          f"{floors[m]:.1f}s", flush=True)
    return floor


def measure_sizes(args: argparse.Namespace) -> dict[str, int]:
    """Each measure's size from its option (0 skips it)."""
    return {"alignment": args.align_claims, "actors": args.actor_reports, "counts": args.count_figures}


def measures_on(db: str, measures: dict[str, int]) -> int:
    """Run the measures alone on a store already analysed (e.g. by ``rashomon analyze``), without the pipeline."""
    from rashomon import Store

    with Store.open(db) as store:
        for m in MEASURES:
            if measures.get(m.name):
                print(m.run(store, measures[m.name]), flush=True)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000", help="reports per run on SQLite, comma-separated")
    ap.add_argument("--postgres-sizes", default="100", help="reports per run on PostgreSQL ('' for none)")
    ap.add_argument("--floor-sizes", default="",
                    help="measure the floor only at these sizes (default: every size); another size's floor is "
                         "scaled by words from the largest measured one, and said to be")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--align-claims", type=int, default=50_000,
                    help="time the alignment of this many claims (replicated from the corpus's own; 0: skip)")
    ap.add_argument("--actor-reports", type=int, default=1000,
                    help="also time actor and side resolution over this many reports (replicated)")
    ap.add_argument("--count-figures", type=int, default=50_000,
                    help="also time counts over this many figures (replicated; issue 12's bar: under a minute)")
    ap.add_argument("--measures-on", metavar="STORE", help="only run the measures on this analysed store")
    ap.add_argument("--ray-workers", default="",
                    help="also run the smallest size with --engine ray on this many workers, comma-separated "
                         "(e.g. 1,2; the row's RSS is the driver's alone)")
    ap.add_argument("--workers", type=int, default=0,
                    help="worker processes of the local engine (0, the default: as rashomon analyze decides, "
                         "one per core when there are enough reports; 1: all in one process)")
    ap.add_argument("--ray-workers-one", type=int, default=0, help=argparse.SUPPRESS)  # the child: Ray workers
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child: one run of this many reports
    ap.add_argument("--kind", default="sqlite", help=argparse.SUPPRESS)
    ap.add_argument("--db", default="", help=argparse.SUPPRESS)
    ap.add_argument("--floor", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--measures", default="{}", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measures_on:
        return measures_on(args.measures_on, measure_sizes(args))
    return child(args) if args.one else driver(args)


if __name__ == "__main__":
    sys.exit(main())

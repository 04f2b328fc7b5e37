"""Benchmark: analyse N varied copies of the example corpus, per stage, against the models' floor.

    python bench/bench.py --copies 200

Prints documents/s, words/s and peak RSS per stage; then times the floor (the bare spaCy model
parsing the same texts, and the bare embedding model encoding their sentences) and ends with
``bench: <docs> docs, <x> docs/s, <y> words/s, peak RSS <z> MiB, floor ratio <r>``.
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

from counts import bench_counts  # bench/counts.py, beside this script

from rashomon import Settings, Store, analyse_store, ingest, write_outputs

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports"


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def vary(text: str, k: int) -> str:
    """A copy that differs from the others (body numbers shifted, a copy tag), so it is not deduplicated.
    The header (with the publication date) is kept as it is."""
    header, sep, body = text.partition("\n\n")
    body = re.sub(r"\b\d+\b", lambda m: str(int(m.group()) + k), body)
    return f"{header}{sep}Copy {k}. {body}"


def make_corpus(folder: Path, copies: int) -> int:
    sources = sorted(EXAMPLES.glob("*.txt"))
    words = 0
    for k in range(copies):
        for src in sources:
            text = vary(src.read_text(encoding="utf-8"), k)
            (folder / f"{k:04d}_{src.name}").write_text(text, encoding="utf-8")
            words += len(text.split())
    return words


def bench_alignment(store: Store, target: int) -> str:
    """Time disputes and claim groups over ``target`` claims: the corpus's claims, replicated into
    distinct documents with their vectors slightly jittered."""
    import numpy as np

    from rashomon.align.claims import claim_groups
    from rashomon.align.disputes import DisputeFinder
    from rashomon.align.neighbours import vectors_from_bytes

    base, blobs = [], []
    for claim in store.items("claim", with_vectors=True):
        blobs.append(claim.pop("_vector"))
        base.append(claim)
    if not base:
        return "alignment: no claims to align"
    base_vectors = vectors_from_bytes(blobs)
    rng = np.random.default_rng(7)
    claims, rows = [], []
    for n in range(target):
        k = n % len(base)
        copy = n // len(base)
        claims.append(dict(base[k], id=f"c{n}", doc_id=f"{base[k]['doc_id']}-{copy}"))
        rows.append(k)
    vectors = base_vectors[rows] + rng.normal(0, 0.02, (target, base_vectors.shape[1])).astype("float32")
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    documents = [{"id": d, "outlet": d, "source": d, "duplicate_of": None} for d in {c["doc_id"] for c in claims}]
    t0 = time.perf_counter()
    groups = claim_groups(claims, vectors)
    disputes = DisputeFinder(documents, claims, vectors).find()
    secs = time.perf_counter() - t0
    return (f"alignment: {target} claims in {secs:.1f}s ({target / secs:.0f} claims/s), {len(groups)} claim groups, "
            f"{len(disputes)} disputes, peak RSS {peak_rss_mib():.0f} MiB")


def bench_actors(store: Store, reports: int) -> str:
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=200)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--align-claims", type=int, default=50_000,
                    help="also time the alignment of this many claims (replicated from the corpus's own)")
    ap.add_argument("--actor-reports", type=int, default=1000,
                    help="also time actor and side resolution over this many reports (replicated)")
    args = ap.parse_args()
    settings = Settings.load(batch_size=args.batch_size, quiet=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        make_corpus(corpus, args.copies)
        rows = []
        with Store.open(str(tmp_path / "bench.db")) as store:
            t0 = time.perf_counter()
            summary = ingest([str(corpus)], store, settings)
            t_ingest = time.perf_counter() - t0
            rows.append(("ingest", t_ingest, peak_rss_mib()))
            texts = [d.text for d in store.documents()]
            n_docs, n_words = len(texts), sum(len(t.split()) for t in texts)
            t0 = time.perf_counter()
            analyse_store(store, settings, summary=summary)
            t_analyse = time.perf_counter() - t0
            rows.append(("analyse+align", t_analyse, peak_rss_mib()))
            t0 = time.perf_counter()
            write_outputs(store, tmp_path / "out", summary=summary)
            t_dossier = time.perf_counter() - t0
            rows.append(("dossier", t_dossier, peak_rss_mib()))
            align_line = bench_alignment(store, args.align_claims) if args.align_claims else ""
            counts_line = bench_counts(store, 50_000)  # issue 12: counts for 50,000 figures in under a minute
            actors_line = bench_actors(store, args.actor_reports) if args.actor_reports else ""
        total = t_ingest + t_analyse + t_dossier
        print(f"corpus: {n_docs} docs, {n_words} words ({args.copies} copies of {EXAMPLES})")
        print(f"{'stage':<14}{'seconds':>9}{'docs/s':>10}{'words/s':>11}{'peak RSS MiB':>14}")
        for name, secs, rss in rows:
            print(f"{name:<14}{secs:>9.2f}{n_docs / secs:>10.1f}{n_words / secs:>11.0f}{rss:>14.0f}")
        print(f"{'pipeline':<14}{total:>9.2f}{n_docs / total:>10.1f}{n_words / total:>11.0f}{peak_rss_mib():>14.0f}")

        # The floor: the bare models over the same texts.
        import spacy

        from rashomon.analyze.pipeline import _model_candidates
        from rashomon.embed import encode, load_embedder

        nlp = None
        for name in _model_candidates(settings.spacy_model):
            try:
                nlp = spacy.load(name)
                break
            except OSError:
                continue
        assert nlp is not None
        t0 = time.perf_counter()
        sentences = [s.text for doc in nlp.pipe(texts, batch_size=args.batch_size) for s in doc.sents]
        t_spacy = time.perf_counter() - t0
        model = load_embedder()
        t0 = time.perf_counter()
        encode(sentences, model=model)
        t_embed = time.perf_counter() - t0
        floor = t_spacy + t_embed
        print(f"floor: spaCy {t_spacy:.2f}s ({n_words / t_spacy:.0f} words/s), embeddings {t_embed:.2f}s "
              f"({len(sentences) / t_embed:.0f} sentences/s, {len(sentences)} sentences)")
        if align_line:
            print(align_line)
        print(counts_line)
        if actors_line:
            print(actors_line)
        print(f"bench: {n_docs} docs, {n_docs / total:.1f} docs/s, {n_words / total:.0f} words/s, "
              f"peak RSS {peak_rss_mib():.0f} MiB, floor ratio {total / floor:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

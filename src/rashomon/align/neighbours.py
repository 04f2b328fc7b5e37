"""Exact nearest neighbours over unit-normalised embeddings: faiss's flat inner-product search, run in
blocks of query rows so memory stays bounded, with ties broken by row index so results are reproducible.

Alignment asks each claim for its k most similar claims instead of comparing all pairs. The search is
exact at every size (no approximate index): the same corpus always gives the same neighbours.
"""

from __future__ import annotations

import numpy as np

#: the most memory one block of the search may take for its similarities (bytes); a block is this many
#: bytes of float32 similarities of its query rows against every row, so no all-pairs matrix is built
BLOCK_BYTES = 64 << 20


def vectors_from_bytes(blobs: list[bytes | None], dim: int = 384) -> np.ndarray:
    """Stack stored float16 embeddings into a float32 matrix (a zero row for a missing one)."""
    matrix = np.zeros((len(blobs), dim), dtype=np.float32)
    for i, blob in enumerate(blobs):
        if blob:
            matrix[i] = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
    return matrix


def block_rows(n: int) -> int:
    """Query rows per block for ``n`` vectors: ``BLOCK_BYTES`` of float32 similarities, at least one row."""
    return max(1, BLOCK_BYTES // (4 * max(n, 1)))


def nearest(vectors: np.ndarray, k: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """For every row, the ``k`` most similar rows (inner product; cosine for unit rows) other than itself:
    (similarities float32, indices int64), both ``(n, k)``, most similar first, an equal similarity
    ordered by the lower row index. Missing neighbours (fewer than ``k`` other rows) are -1 in both.

    Exact: faiss's flat search over blocks of ``block_rows(n)`` query rows; a row whose k-th and next
    neighbours tie is recomputed in numpy so the tie goes to the lower index whatever faiss kept.

    >>> v = np.eye(3, dtype=np.float32)
    >>> sims, idx = nearest(v, k=1)
    >>> idx.tolist()
    [[1], [0], [0]]
    """
    import faiss

    n, dim = vectors.shape
    out_s = np.full((n, k), -1.0, dtype=np.float32)
    out_i = np.full((n, k), -1, dtype=np.int64)
    kk = min(k, n - 1)  # neighbours each row can have
    if kk <= 0:
        return out_s, out_i
    x = np.ascontiguousarray(vectors, dtype=np.float32)
    index = faiss.IndexFlatIP(dim)
    index.add(x)
    fetch = min(kk + 2, n)  # itself, kk neighbours, and one more to see a tie at the boundary
    step = block_rows(n)
    for start in range(0, n, step):
        stop = min(n, start + step)
        sims, idx = index.search(x[start:stop], fetch)
        rows = np.arange(start, stop)
        sims, idx = _ordered(sims, idx, rows)
        # a row whose k-th neighbour ties the next, or that faiss gave too few, is settled exactly
        tied = idx[:, kk - 1] < 0
        if fetch > kk + 1:
            tied |= (sims[:, kk] == sims[:, kk - 1]) & (idx[:, kk] >= 0)
        redo = np.flatnonzero(tied)
        if len(redo):
            sims[redo, :kk], idx[redo, :kk] = _exact_rows(x, rows[redo], kk)
        out_s[start:stop, :kk], out_i[start:stop, :kk] = sims[:, :kk], idx[:, :kk]
    return out_s, out_i


def _ordered(sims: np.ndarray, idx: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's found neighbours without itself, by similarity then lower index; a dropped or missing
    one goes last, as -inf with index -1."""
    gone = (idx < 0) | (idx == rows[:, None])
    sims = np.where(gone, -np.inf, sims).astype(np.float32)
    order = np.lexsort((np.where(gone, np.iinfo(np.int64).max, idx), -sims), axis=-1)
    sims, idx = np.take_along_axis(sims, order, -1), np.take_along_axis(idx, order, -1)
    return sims, np.where(np.isneginf(sims), -1, idx)


def _exact_rows(x: np.ndarray, rows: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``rows``, the ``k`` rows most similar to it (itself left out), an equal similarity
    ordered by the lower index: ``(len(rows), k)`` similarities and indices.

    The similarities of a block of rows are one matrix product (float64, rounded to float32, so duplicates
    tie exactly); only the rows at or above each row's k-th similarity are sorted, so a row costs a pass
    over the corpus, not a sort of it.
    """
    n = len(x)
    out_s = np.empty((len(rows), k), dtype=np.float32)
    out_i = np.empty((len(rows), k), dtype=np.int64)
    step = block_rows(n)
    for start in range(0, len(rows), step):
        block = rows[start:start + step]
        sims = _similarities(x, block)
        sims[np.arange(len(block)), block] = -np.inf
        kth = np.partition(sims, n - k, axis=1)[:, n - k]  # each row's k-th largest similarity
        for j, row_sims in enumerate(sims):
            candidates = np.flatnonzero(row_sims >= kth[j])
            order = np.lexsort((candidates, -row_sims[candidates]))[:k]
            out_s[start + j], out_i[start + j] = row_sims[candidates[order]], candidates[order]
    return out_s, out_i


#: corpus rows per float64 product in :func:`_similarities` (bounds its temporary copy)
COLUMN_ROWS = 8192


def _similarities(x: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``x[rows] @ x.T`` as float32, computed in float64 so that identical rows get identical similarities
    whatever the product's tiling (a float32 product can differ in the last bit between two copies)."""
    queries = x[rows].astype(np.float64)
    out = np.empty((len(rows), len(x)), dtype=np.float32)
    for start in range(0, len(x), COLUMN_ROWS):
        out[:, start:start + COLUMN_ROWS] = queries @ x[start:start + COLUMN_ROWS].astype(np.float64).T
    return out

"""A nearest-neighbour index over unit-normalised embeddings (faiss): exact for small sets, HNSW for large.

Alignment asks each claim for its k most similar claims instead of comparing all pairs.
"""

from __future__ import annotations

from typing import Any

import numpy as np

#: above this many vectors the index is approximate (HNSW) instead of exact
EXACT_LIMIT = 20_000


def vectors_from_bytes(blobs: list[bytes | None], dim: int = 384) -> np.ndarray:
    """Stack stored float16 embeddings into a float32 matrix (a zero row for a missing one)."""
    matrix = np.zeros((len(blobs), dim), dtype=np.float32)
    for i, blob in enumerate(blobs):
        if blob:
            matrix[i] = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
    return matrix


def nearest(vectors: np.ndarray, k: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """For every row, the ``k`` most similar rows (cosine) other than itself: (similarities, indices).

    Missing neighbours are marked with index -1.

    >>> v = np.eye(3, dtype=np.float32)
    >>> sims, idx = nearest(v, k=1)
    >>> idx.shape
    (3, 1)
    """
    import faiss

    n, dim = vectors.shape
    if n == 0:
        return np.zeros((0, k), dtype=np.float32), np.zeros((0, k), dtype=np.int64)
    x = np.ascontiguousarray(vectors, dtype=np.float32)
    index: Any
    if n <= EXACT_LIMIT:
        index = faiss.IndexFlatIP(dim)
    else:
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efSearch = max(64, 2 * k)
    index.add(x)
    sims, idx = index.search(x, min(k + 1, n))
    out_s = np.full((n, k), -1.0, dtype=np.float32)
    out_i = np.full((n, k), -1, dtype=np.int64)
    for row in range(n):
        keep = [(s, j) for s, j in zip(sims[row], idx[row], strict=True) if j != row and j >= 0][:k]
        for col, (s, j) in enumerate(keep):
            out_s[row, col], out_i[row, col] = s, j
    return out_s, out_i

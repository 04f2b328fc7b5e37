"""Exact nearest neighbours over unit-normalised embeddings: faiss's flat inner-product search over the
distinct rows, run in blocks of query rows so memory stays bounded, with ties broken by row index so
results are reproducible.

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

    Exact. Identical rows (a claim repeated word for word by copies of a wire story) are searched once:
    faiss's flat search runs over the distinct rows, in blocks of ``block_rows`` query rows, and each
    distinct row's list is then spread over the rows that repeat it. A list whose last place ties a row
    the search left out is settled over all distinct rows in numpy.

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
    members = _repeats(x)  # the rows of each distinct vector, lowest first
    u = np.ascontiguousarray(x[[rows[0] for rows in members]])
    m = len(u)
    need = kk + 1  # rows a distinct vector's list must hold: one of its own, and kk neighbours
    fetch = min(need + 1, m)  # distinct vectors enough for `need` rows, and one more to see a tie
    index = faiss.IndexFlatIP(dim)
    index.add(u)
    step = block_rows(m)
    for start in range(0, m, step):
        sims, idx = index.search(u[start:start + step], fetch)
        for j in range(len(sims)):
            g = start + j
            ranked = _spread(sims[j], idx[j], members, need, complete=fetch == m)
            if ranked is None:  # its last place ties a vector the search left out
                ranked = _settled(u, g, members, need)
            for row in members[g]:
                keep = ranked[1] != row
                out_s[row, :kk], out_i[row, :kk] = ranked[0][keep][:kk], ranked[1][keep][:kk]
    return out_s, out_i


def _repeats(x: np.ndarray) -> list[np.ndarray]:
    """The rows of each distinct vector of ``x`` (equal bytes), in the order of their first row."""
    first: dict[bytes, int] = {}
    group = np.empty(len(x), dtype=np.int64)
    for row in range(len(x)):
        group[row] = first.setdefault(x[row].tobytes(), len(first))
    order = np.argsort(group, kind="stable")
    return np.split(order, np.flatnonzero(np.diff(group[order])) + 1)


def _spread(sims: np.ndarray, idx: np.ndarray, members: list[np.ndarray], need: int,
            complete: bool) -> tuple[np.ndarray, np.ndarray] | None:
    """The rows of the distinct vectors found (``idx``, with their similarities ``sims``), by similarity
    then lower row, at least ``need`` of them; None when the ``need``-th ties a distinct vector the search
    did not return (only possible when not ``complete``, i.e. some were left out)."""
    found = idx >= 0
    sims, idx = sims[found], idx[found]
    rows = np.concatenate([members[i] for i in idx])
    row_sims = np.repeat(sims, [len(members[i]) for i in idx]).astype(np.float32)
    order = np.lexsort((rows, -row_sims))
    rows, row_sims = rows[order], row_sims[order]
    if not complete and (len(rows) < need or sims[-1] >= row_sims[need - 1]):
        return None
    return row_sims, rows


def _settled(u: np.ndarray, g: int, members: list[np.ndarray], need: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct vector ``g``'s rows list computed over every distinct vector (float64, so equal stays equal):
    every row as similar as the ``need``-th or more, by similarity then lower row."""
    sims = _similarities(u, np.array([g]))[0]
    order = np.argsort(-sims, kind="stable")
    counts = np.cumsum([len(members[i]) for i in order])
    last = sims[order[int(np.searchsorted(counts, need))]] if counts[-1] >= need else sims[order[-1]]
    chosen = np.flatnonzero(sims >= last)
    return _spread(sims[chosen], chosen, members, need, complete=True)  # type: ignore[return-value]


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

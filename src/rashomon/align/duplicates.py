"""Near-duplicate reports (syndicated copies, one wire story in two outlets), found with MinHash LSH.

Blocking through locality-sensitive hashing keeps this linear in the number of documents: no
all-pairs comparison.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

from ..models import Document

_WORD = re.compile(r"\w+", re.UNICODE)
NUM_PERM = 128
SHINGLE = 5


def minhash(text: str) -> MinHash:
    """MinHash of a text's word 5-grams (lowercased)."""
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    m = MinHash(num_perm=NUM_PERM)
    m.update_batch(s.encode("utf-8") for s in shingles)
    return m


def link_near_duplicates(docs: Iterable[Document], threshold: float = 0.5) -> dict[str, str | None]:
    """Map each document id to the earliest earlier document it nearly copies (None if independent).

    Documents are taken in the order given (arrival order), so the first copy is the original.

    >>> a = Document(source="a", text="the same wire story " * 20 + "first")
    >>> b = Document(source="b", text="the same wire story " * 20 + "second")
    >>> link_near_duplicates([a, b])[b.id] == a.id
    True
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes: dict[str, MinHash] = {}
    order: dict[str, int] = {}
    links: dict[str, str | None] = {}
    for doc in docs:
        if doc.id in hashes:
            continue
        m = minhash(doc.text)
        candidates = [c for c in lsh.query(m) if m.jaccard(hashes[c]) >= threshold]
        if candidates:
            first = min(candidates, key=order.__getitem__)
            links[doc.id] = links.get(first) or first
        else:
            links[doc.id] = None
        lsh.insert(doc.id, m)
        hashes[doc.id] = m
        order[doc.id] = len(order)
    return links

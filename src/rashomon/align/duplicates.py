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


#: two reports crediting one agency are one wire story when this share of their word 5-grams is shared
WIRE_OVERLAP = 0.2
# a dateline opening the text with an agency credit: "KORVATH, Vessa (AP) —"
_DATELINE_CREDIT = re.compile(r"^\s*(?:[A-Z][\w'’.\- ]{1,40}?(?:,[^\n(—–]{1,40}?)?)?"
                              r"\s*\(([A-Z][\w.&\- ]{0,38})\)\s*(?:—|–|--|-)\s")
# an outlet named with the wire it carries: "Harbour Ledger (Meridian Press wire)", "via Meridian Press"
_OUTLET_CREDIT = re.compile(r"(?:\bvia\s+([A-Z][\w.&\-]*(?:\s+[A-Z][\w.&\-]*){0,3})"
                            r"|\b([A-Z][\w.&\-]*(?:\s+[A-Z][\w.&\-]*){0,3})\s+(?:wire|text|copy)\b)")


def wire_credit(doc: Document) -> str | None:
    """The news agency a report credits for its text, as a key ("ap" for "Associated Press" or "(AP)"), or None.

    Read from a dateline opening the text ("CITY (Agency) —") or from the outlet's description
    ("Outlet (Agency wire)", "Outlet, via Agency").

    >>> wire_credit(Document(source="a", text="KORVATH, Vessa (MP) — Five people were killed."))
    'mp'
    >>> wire_credit(Document(source="b", text="Five were killed.", outlet="Harbour Ledger (Meridian Press wire)"))
    'mp'
    """
    found = _DATELINE_CREDIT.match(doc.text[:400])
    name = found.group(1) if found else None
    if name is None and doc.outlet:
        hit = _OUTLET_CREDIT.search(doc.outlet)
        name = (hit.group(1) or hit.group(2)) if hit else None
    if not name:
        return None
    words = re.findall(r"[A-Za-z]+", name)
    return "".join(w[0] for w in words).lower() if len(words) > 1 else name.lower().replace(".", "")


def wire_stories(docs: list[Document]) -> dict[str, str]:
    """Map each report to the first report (in the order given) of the same wire story: the same agency
    credited and text shared (``WIRE_OVERLAP``). Reports credit-less or alone map to themselves.

    Only reports crediting the same agency are compared (blocking by the credit).
    """
    by_credit: dict[str, list[Document]] = {}
    for doc in docs:
        credit = wire_credit(doc)
        if credit:
            by_credit.setdefault(credit, []).append(doc)
    story = {doc.id: doc.id for doc in docs}
    for block in by_credit.values():
        hashes = [minhash(d.text) for d in block]
        for i, doc in enumerate(block):
            first = next((block[j] for j in range(i) if story[block[j].id] == block[j].id
                          and hashes[i].jaccard(hashes[j]) >= WIRE_OVERLAP), None)
            if first is not None:
                story[doc.id] = first.id
    return story

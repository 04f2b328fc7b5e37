"""Claim groups: claims of different reports that state the same proposition, via nearest neighbours."""

from __future__ import annotations

from typing import Any

import numpy as np

from .neighbours import nearest

GROUP_SIMILARITY = 0.72


def claim_groups(claims: list[dict[str, Any]], vectors: np.ndarray, threshold: float = GROUP_SIMILARITY,
                 k: int = 10) -> list[dict[str, Any]]:
    """Group claims whose embeddings are within ``threshold`` of a claim of another document.

    Union-find over each claim's ``k`` nearest neighbours: linear in the number of claims. Only groups
    spanning two or more documents are returned, each with the stance of every document in it.
    """
    n = len(claims)
    if n == 0:
        return []
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sims, idx = nearest(vectors, k=k)
    for i in range(n):
        for s, j in zip(sims[i], idx[i], strict=True):
            if j >= 0 and s >= threshold and claims[int(j)]["doc_id"] != claims[i]["doc_id"]:
                a, b = find(i), find(int(j))
                if a != b:
                    parent[b] = a
    members: dict[int, list[int]] = {}
    for i in range(n):
        members.setdefault(find(i), []).append(i)
    groups = []
    for indices in members.values():
        docs = {claims[i]["doc_id"] for i in indices}
        if len(docs) < 2:
            continue
        stance: dict[str, str] = {}
        for i in indices:
            c = claims[i]
            value = "denies" if c["polarity"] == "denied" else "hedges" if c.get("hedged") else "affirms"
            # a report that both affirms and denies is shown as denying; hedging never hides a denial
            if stance.get(c["doc_id"]) != "denies":
                stance[c["doc_id"]] = value if stance.get(c["doc_id"]) in (None, "hedges") else stance[c["doc_id"]]
        label = min((claims[i]["text"] for i in indices), key=len)
        groups.append({"id": "", "label": label, "claims": [claims[i]["id"] for i in indices], "stance": stance,
                       "sources": sorted({s for i in indices for s in claims[i].get("attributed_to", [])[:1]})})
    groups.sort(key=lambda g: -len(g["stance"]))
    for n_group, group in enumerate(groups, 1):
        group["id"] = f"g{n_group}"
    return groups

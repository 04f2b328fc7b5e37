"""Claim groups: claims of different reports that state the same proposition, via nearest neighbours."""

from __future__ import annotations

from typing import Any

import numpy as np

from .neighbours import nearest

GROUP_SIMILARITY = 0.65


def claim_groups(claims: list[dict[str, Any]], vectors: np.ndarray, threshold: float = GROUP_SIMILARITY,
                 k: int = 10, origin: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Group claims whose embeddings are within ``threshold`` of a leading claim of another document.

    Star clusters over each claim's ``k`` nearest neighbours: linear in the number of claims. Only groups
    spanning two or more documents are returned, each with the stance of every document in it.
    ``origin`` maps a near-copy to its original: a copy repeating its original makes no group.
    """
    origin = origin or {}
    n = len(claims)
    if n == 0:
        return []
    # star clusters around a leader (no chaining): a claim joins the first leader it is close to
    sims, idx = nearest(vectors, k=k)
    leader_of = [-1] * n
    members: dict[int, list[int]] = {}
    for i in range(n):
        if leader_of[i] >= 0:
            continue
        leader_of[i] = i
        members[i] = [i]
        for s, j in zip(sims[i], idx[i], strict=True):
            j = int(j)
            if j < 0 or s < threshold or leader_of[j] >= 0:
                continue
            leader_of[j] = i
            members[i].append(j)
    groups = []
    for indices in members.values():
        docs = {origin.get(claims[i]["doc_id"], claims[i]["doc_id"]) for i in indices}
        if len(docs) < 2:
            continue
        stance: dict[str, str] = {}
        rank = {"denies": 3, "affirms": 2, "hedges": 1}
        for i in indices:
            c = claims[i]
            value = "denies" if c["polarity"] == "denied" else "hedges" if c.get("hedged") else "affirms"
            # a report that both affirms and denies is shown as denying; hedging never hides an assertion
            if rank[value] > rank.get(stance.get(c["doc_id"], ""), 0):
                stance[c["doc_id"]] = value
        label = min((claims[i]["text"] for i in indices), key=len)
        groups.append({"id": "", "label": label, "claims": [claims[i]["id"] for i in indices], "stance": stance,
                       "sources": sorted({s for i in indices for s in claims[i].get("attributed_to", [])[:1]})})
    groups.sort(key=lambda g: -len(g["stance"]))
    for n_group, group in enumerate(groups, 1):
        group["id"] = f"g{n_group}"
    return groups


def corroborate(groups: list[dict[str, Any]], claims: list[dict[str, Any]],
                documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add to each claim group the outlets carrying it, the sources they cite, and how many independent
    origins that makes (reports citing the same source, or copies of one report, count once)."""
    from .sources import SourceIndex

    by_id = {c["id"]: c for c in claims}
    sources = SourceIndex(n for c in claims for n in c.get("attributed_to", []))
    docs = {d["id"]: d for d in documents}
    for group in groups:
        origins = set()
        outlets = []
        for claim_id in group["claims"]:
            claim = by_id[claim_id]
            doc = docs.get(claim["doc_id"], {})
            outlets.append(doc.get("outlet") or doc.get("source") or claim["doc_id"])
            cited = claim.get("attributed_to") or []
            origin = doc.get("duplicate_of") or claim["doc_id"]
            origins.add("source:" + sources.key(cited[0]) if cited else "doc:" + origin)
        group["outlets"] = list(dict.fromkeys(outlets))
        group["independent_origins"] = len(origins)
        group["single_source"] = len(origins) == 1
    return groups


def rebuttals(disputes: list[dict[str, Any]]) -> dict[str, list[str]]:
    """For each denying claim, the claims of other reports it rebuts (from polarity disputes)."""
    links: dict[str, list[str]] = {}
    for dispute in disputes:
        if dispute["kind"] != "polarity":
            continue
        denies, affirms = dispute["positions"][0], dispute["positions"][1]
        targets = [e["claim_id"] for e in affirms["evidence"] if e.get("claim_id")]
        for e in denies["evidence"]:
            if e.get("claim_id"):
                links.setdefault(e["claim_id"], [])
                links[e["claim_id"]] += [t for t in targets if t not in links[e["claim_id"]]]
    return links

"""Claim groups: claims of different reports that state the same proposition, via nearest neighbours."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..model import Claim, ClaimGroup, Stance
from .corpus import Corpus
from .identity import Identity
from .neighbours import nearest

GROUP_SIMILARITY = 0.65
#: when one report both affirms and denies (or hedges), the stronger stance is shown
_RANK: dict[Stance, int] = {"denies": 3, "affirms": 2, "hedges": 1}


def _stars(sims: np.ndarray, idx: np.ndarray, threshold: float) -> list[list[int]]:
    """Star clusters around a leader (no chaining): a claim joins the first leader it is close to."""
    n = len(idx)
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
    return list(members.values())


def claim_groups(corpus: Corpus, identity: Identity, threshold: float = GROUP_SIMILARITY,
                 k: int = 10, neighbours: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[ClaimGroup, ...]:
    """Group claims whose embeddings are within ``threshold`` of a leading claim of another report.

    Star clusters over each claim's ``k`` nearest neighbours: linear in the number of claims. Only groups
    spanning two or more independent reports are kept (a copy repeating its original makes no group),
    each with the stance of every report in it, the outlets carrying it, the sources they cite and how
    many independent origins that makes (reports citing one source, or copies of one report, count once).
    ``neighbours``: the claims' nearest neighbours already found (``nearest`` with at least ``k``, e.g. the
    dispute finder's ``Context.neighbours``), so alignment searches once; their first ``k`` are used.
    """
    claims = corpus.claims
    if not claims:
        return ()
    groups = []
    sims, idx = neighbours if neighbours is not None else nearest(corpus.vectors, k=k)
    for indices in _stars(sims[:, :k], idx[:, :k], threshold):
        members = [claims[i] for i in indices]
        if len({corpus.origin(c.doc_id) for c in members}) < 2:
            continue
        stance: dict[str, Stance] = {}
        for c in members:
            value, current = c.stance, stance.get(c.doc_id)
            # a report that both affirms and denies is shown as denying; hedging never hides an assertion
            if current is None or _RANK[value] > _RANK[current]:
                stance[c.doc_id] = value
        groups.append(_corroborated(members, stance, corpus, identity))
    groups.sort(key=lambda g: -len(g.stance))
    return tuple(replace(g, id=f"g{n}") for n, g in enumerate(groups, 1))


def _corroborated(members: list[Claim], stance: dict[str, Stance], corpus: Corpus, identity: Identity) -> ClaimGroup:
    origins = set()
    cited: dict[str, str] = {}
    for claim in members:
        if claim.attributed_to:
            source = identity.attribution(claim.doc_id, claim.attributed_to[0], claim.span.start)
            cited.setdefault(claim.attributed_to[0], source.source_id or "")
            origins.add("source:" + (source.source_id or claim.attributed_to[0]))
        else:
            origins.add("doc:" + corpus.origin(claim.doc_id))
    names = sorted(cited)
    return ClaimGroup(id="", label=min((c.text for c in members), key=len), claims=tuple(c.id for c in members),
                      stance=stance, sources=tuple(names), source_ids=tuple(dict.fromkeys(cited[n] for n in names)),
                      outlets=tuple(dict.fromkeys(corpus.outlet(c.doc_id) for c in members)),
                      independent_origins=len(origins), single_source=len(origins) == 1)

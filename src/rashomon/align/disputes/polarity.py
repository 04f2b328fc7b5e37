"""Polarity disputes: a report denies what other reports affirm.

Denials that say the same thing are one stance, whoever makes them; each is matched to the affirming
claims of *other* reports its embedding is closest to and that share its content words. With an NLI
model, an affirming claim is kept only when the model finds the two contradict.
"""

from __future__ import annotations

from collections import defaultdict

from ...model import Claim, Dispute
from ..contradiction import StructuralScorer
from .context import Context, short


def polarity(ctx: Context) -> list[Dispute]:
    disputes = []
    for group in _denial_groups(ctx):
        affirmers = _affirmers(ctx, group)
        if not affirmers:
            continue
        best = sorted(affirmers, key=affirmers.__getitem__, reverse=True)[: ctx.settings.max_evidence]
        words = ctx.wording["polarity"]
        deniers = ", ".join(dict.fromkeys(ctx.voice(ctx.claims[i]).label for i in group))
        disputes.append(Dispute(
            id="", kind="polarity", question=_question(ctx, group, best),
            summary=words["summary"].format(deniers=deniers,
                                            reporters=", ".join(ctx.outlets(ctx.claims[i] for i in best))),
            positions=(ctx.position(words["denies"], group), ctx.position(words["affirms"], best)),
            strength=max(affirmers.values()),
            sources=tuple(dict.fromkeys(v.source_id for i in group + best
                                        if (v := ctx.voice(ctx.claims[i])).source_id))))
    return disputes


def _denial_groups(ctx: Context) -> list[list[int]]:
    """Denials that say the same thing (union over close neighbours)."""
    sims, idx = ctx.neighbours
    denials = [i for i, c in enumerate(ctx.claims) if c.polarity == "denied"]
    parent = {i: i for i in denials}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in denials:
        for s, j in zip(sims[i], idx[i], strict=True):
            if j >= 0 and int(j) in parent and s >= ctx.settings.denials_merge:
                parent[root(int(j))] = root(i)
    merged: dict[int, list[int]] = defaultdict(list)
    for i in denials:
        merged[root(i)].append(i)
    return list(merged.values())


def _affirmers(ctx: Context, group: list[int]) -> dict[int, float]:
    """The affirming claims of other reports close to the denials of ``group``, with their similarity."""
    sims, idx = ctx.neighbours
    origins = {ctx.origin(ctx.claims[i]) for i in group}
    affirmers: dict[int, float] = {}
    for i in group:
        for s, j in zip(sims[i], idx[i], strict=True):
            if j < 0 or s < ctx.settings.polarity_similarity:
                continue
            other = ctx.claims[j]
            if other.polarity != "affirmed" or ctx.origin(other) in origins:
                continue
            if not ctx.shares_content(ctx.claims[i], other):
                continue
            affirmers[int(j)] = max(affirmers.get(int(j), 0.0), float(s))
    if affirmers and not isinstance(ctx.scorer, StructuralScorer):
        candidates = list(affirmers)
        scores = ctx.scorer.contradiction([(ctx.claims[group[0]], ctx.claims[j]) for j in candidates])
        affirmers = {j: affirmers[j] for j, p in zip(candidates, scores, strict=True)
                     if p >= ctx.settings.nli_contradiction}
    return affirmers


def _question(ctx: Context, group: list[int], best: list[int]) -> str:
    words = ctx.wording["polarity"]
    content = next((c.denied_content for c in (ctx.claims[i] for i in group) if c.denied_content), None)
    if content is not None:
        key = "question_clause" if content.clause else "question_phrase"
        return words[key].format(content=short(content.text, 120))
    claim: Claim = ctx.claims[best[0]]
    return words["question_claim"].format(claim=short(claim.text, 120))

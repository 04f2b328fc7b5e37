"""Contradiction disputes (with an NLI model only): close claims of different reports, both affirmed,
that the model says contradict."""

from __future__ import annotations

from ...model import Dispute
from ..contradiction import StructuralScorer
from .context import Context, short


def contradiction(ctx: Context) -> list[Dispute]:
    if isinstance(ctx.scorer, StructuralScorer):
        return []
    sims, idx = ctx.neighbours
    claims = ctx.claims
    pairs: list[tuple[int, int]] = []
    for i, claim in enumerate(claims):
        if claim.polarity != "affirmed":
            continue
        for s, j in zip(sims[i], idx[i], strict=True):
            j = int(j)
            if j > i and s >= ctx.settings.nli_pair_similarity and claims[j].polarity == "affirmed" \
                    and ctx.origin(claims[j]) != ctx.origin(claim):
                pairs.append((i, j))
    scores = ctx.scorer.contradiction([(claims[i], claims[j]) for i, j in pairs])
    words = ctx.wording["contradiction"]
    disputes = []
    for (i, j), p in zip(pairs, scores, strict=True):
        if p < ctx.settings.nli_dispute:
            continue
        disputes.append(Dispute(
            id="", kind="contradiction", strength=p,
            question=words["question"].format(first=short(claims[i].text, 80), second=short(claims[j].text, 80)),
            summary=words["summary"].format(probability=f"{p:.0%}"),
            positions=(ctx.position(words["first"], [i]), ctx.position(words["second"], [j]))))
    return disputes

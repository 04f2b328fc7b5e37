"""Polarity disputes: a source denies what other reports affirm — one question about one proposition.

A denial counts only when it has a voice: the speaker found by ``analyze/voices.py``, or a report that
speaks in its own name (``Context.speaks``). An outlet is never shown denying what it did not deny.
Denials about the same act (``Proposition.same_act``), or close in meaning when either names no act,
are one stance. Each is matched to affirming claims of *other* origins about the same act; when both
name an act they must be the same act, otherwise the two must be close neighbours sharing a content
word. With an NLI model, an affirming claim is kept only when the model finds the two contradict. The
question is built from the proposition (``questions.act_question``), never by quoting a sentence; a pair
with no act and no spelled-out denied clause makes no dispute.
"""

from __future__ import annotations

from collections import defaultdict

from ...model import Claim, Dispute
from ..contradiction import StructuralScorer
from .context import Context, act_keys
from .questions import act_question


def polarity(ctx: Context) -> list[Dispute]:
    disputes = []
    for group in _denial_groups(ctx):
        affirmers = _affirmers(ctx, group)
        if not affirmers:
            continue
        best = sorted(affirmers, key=affirmers.__getitem__, reverse=True)[: ctx.settings.max_evidence]
        question = _question(ctx, group, best)
        if question is None:
            continue
        words = ctx.wording["polarity"]
        deniers = ", ".join(dict.fromkeys(ctx.voice(ctx.claims[i]).label for i in group))
        disputes.append(Dispute(
            id="", kind="polarity", question=question,
            summary=words["summary"].format(deniers=deniers,
                                            reporters=", ".join(ctx.outlets(ctx.claims[i] for i in best))),
            positions=(ctx.position(words["denies"], group), ctx.position(words["affirms"], best)),
            strength=max(affirmers.values()),
            sources=tuple(dict.fromkeys(v.source_id for i in group + best
                                        if (v := ctx.voice(ctx.claims[i])).source_id))))
    return disputes


def _denial_groups(ctx: Context) -> list[list[int]]:
    """Voiced denials that say the same thing: the same act, or close neighbours when either names none."""
    sims, idx = ctx.neighbours
    claims = ctx.claims
    denials = [i for i, c in enumerate(claims) if c.polarity == "denied" and ctx.speaks(c)]
    parent = {i: i for i in denials}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in denials:
        for s, j in zip(sims[i], idx[i], strict=True):
            j = int(j)
            if j >= 0 and j in parent and s >= ctx.settings.denials_merge and _compatible(claims[i], claims[j]):
                parent[root(j)] = root(i)
    merged: dict[int, list[int]] = defaultdict(list)
    for i in denials:
        merged[root(i)].append(i)
    return list(merged.values())


def _compatible(a: Claim, b: Claim) -> bool:
    """Not about two different acts: when both name acts, one act of ``a`` is one of ``b``'s."""
    if not a.propositions or not b.propositions:
        return True
    return any(p.same_act(q) for p in a.propositions for q in b.propositions)


def _affirmers(ctx: Context, group: list[int]) -> dict[int, float]:
    """The affirming claims of other origins about the act the denials of ``group`` deny, with a score:
    the same act scores 1, a close neighbour its similarity."""
    sims, idx = ctx.neighbours
    claims = ctx.claims
    origins = {ctx.origin(claims[i]) for i in group}
    affirmers: dict[int, float] = {}
    for i in group:
        for s, j in zip(sims[i], idx[i], strict=True):
            j = int(j)
            if j < 0 or s < ctx.settings.polarity_similarity or not _affirms(ctx, claims[j], origins):
                continue
            if not _compatible(claims[i], claims[j]) or not ctx.shares_content(claims[i], claims[j]):
                continue
            affirmers[j] = max(affirmers.get(j, 0.0), float(s))
        affirmers.update({j: 1.0 for j in _same_act(ctx, claims[i], origins)})
    if affirmers and not isinstance(ctx.scorer, StructuralScorer):
        candidates = list(affirmers)
        scores = ctx.scorer.contradiction([(claims[group[0]], claims[j]) for j in candidates])
        affirmers = {j: affirmers[j] for j, p in zip(candidates, scores, strict=True)
                     if p >= ctx.settings.nli_contradiction}
    return affirmers


def _affirms(ctx: Context, claim: Claim, origins: set[str]) -> bool:
    """An affirmed claim of another origin that does not negate every act it names."""
    if claim.polarity != "affirmed" or ctx.origin(claim) in origins:
        return False
    return not claim.propositions or not all(p.negated for p in claim.propositions)


def _same_act(ctx: Context, denial: Claim, origins: set[str]) -> list[int]:
    """Affirmed claims of other origins asserting an act the denial denies (blocked by the act's class)."""
    found: dict[int, None] = {}
    limit = ctx.settings.max_evidence * 4  # enough to choose the evidence from; bounds the work per denial
    for prop in denial.propositions:
        for key in act_keys(prop):
            for j in ctx.claims_by_act.get(key, ()):
                other = ctx.claims[j]
                if j not in found and _affirms(ctx, other, origins) and any(
                        prop.same_act(q) and not q.negated for q in other.propositions):
                    found[j] = None
                    if len(found) >= limit:
                        return list(found)
    return list(found)


def _question(ctx: Context, group: list[int], best: list[int]) -> str | None:
    """From the first proposition that makes a question (denials first); None when none does: a
    question never quotes the report's clause (issue 13)."""
    for i in [*group, *best]:
        for prop in ctx.claims[i].propositions[:1]:
            if (question := act_question(prop)) is not None:
                return question
    return None

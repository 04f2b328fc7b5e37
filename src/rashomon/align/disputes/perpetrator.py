"""Perpetrator disputes: the same harm attributed to actors of different sides.

Two kinds of the same question, "who did it?":

- harm to civilians (a harm verb with civilian victims) whose doers are on different sides;
- one act on one target (``Proposition``: the same class of act and the same patient, "struck the
  station" / "fired at the station") whose doers are on different sides.

A side's denial that it did the act ("the ministry denied that its missiles struck the station") backs the
other position ("not A"), which is labelled so. Coordinated doers ("Ethiopian and Eritrean forces") are one
position naming every side they hold; a
position that includes the other's sides is no opposing answer. When one of the coordinated doers cannot
be placed on a side, the position is left out (it might include the other). A dispute needs two
positions with no side in common, from at least two independent origins.
"""

from __future__ import annotations

from collections import defaultdict

from ...model import Claim, Dispute, Harm
from ..names import coordinated
from .context import Context
from .questions import lower_first, participle, pronominal

HARMFUL = frozenset({"attack", "kill", "harm", "destroy", "abduct"})

Sides = frozenset[str]


def perpetrator(ctx: Context) -> list[Dispute]:
    denials = _denials(ctx) if ctx.side_of is not None else {}
    return [_dispute(ctx, target, *found, denials.get(target, {})) for target, found in contests(ctx).items()]


def contests(ctx: Context) -> dict[str, tuple[Sides, Sides, dict[Sides, list[int]]]]:
    """Target ("civilians", or "class:head" of an act) -> the two opposed positions its perpetrator dispute
    sets against each other, and every position by its sides; {} without a side lookup."""
    if ctx.side_of is None:
        return {}
    by_target: dict[str, dict[Sides, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, claim in enumerate(ctx.claims):
        for target, harm in doers(claim):
            sides = sides_of(ctx, claim.doc_id, harm)
            if sides:
                by_target[target][sides].append(i)
    return {target: found for target, positions in by_target.items()
            if (found := _opposed(ctx, positions)) is not None}


def _denials(ctx: Context) -> dict[str, dict[str, list[int]]]:
    """target -> side -> the side's own denials that it did that act ("the ministry denied that its missiles
    struck the station"); a third party's word that a side did not do it is no denial by that side."""
    assert ctx.side_of is not None
    found: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, claim in enumerate(ctx.claims):
        if claim.polarity != "denied" or not claim.attributed_to:
            continue
        speaker = ctx.side_of(claim.doc_id, Harm("", (0, 0), agent=claim.attributed_to[0]))
        for prop in claim.propositions:
            if speaker is None or not prop.agent or not prop.patient_head or prop.predicate not in HARMFUL:
                continue
            doer = speaker if pronominal(prop.agent) else ctx.side_of(claim.doc_id, Harm(
                prop.verb, prop.agent_span or (0, 0), agent=prop.agent, agent_span=prop.agent_span))
            if doer == speaker:
                found[f"{prop.predicate}:{prop.patient_head}"][speaker].append(i)
    return found


def doers(claim: Claim) -> list[tuple[str, Harm]]:
    """(target, harm with its doer) of each asserted act of a claim: civilian harms, and the claim's act."""
    # a denial elsewhere in the sentence ("..., to falsely blame X") leaves its harm asserted
    out = [("civilians", h) for h in claim.harms if h.agent and h.civilian_victims and not h.negated]
    if claim.polarity == "denied":
        return out
    for prop in claim.propositions:
        if prop.agent and prop.patient_head and prop.predicate in HARMFUL and not prop.negated:
            harm = Harm(prop.verb, prop.agent_span or (0, 0), agent=prop.agent, agent_span=prop.agent_span)
            out.append((f"{prop.predicate}:{prop.patient_head}", harm))
    return out


def sides_of(ctx: Context, doc_id: str, harm: Harm) -> Sides:
    """The sides a doer phrase names; empty when it names none, or when a coordinated doer cannot be
    placed whole ("A and B forces" with B unknown)."""
    assert ctx.side_of is not None
    whole = ctx.side_of(doc_id, harm)
    parts = coordinated(harm.agent or "")
    if len(parts) < 2:
        return frozenset({whole}) if whole else frozenset()
    found = set()
    for part in parts:
        side = ctx.side_of(doc_id, Harm(harm.verb, harm.span, agent=part))
        if side is None:
            return frozenset()
        found.add(side)
    return frozenset(found)


def _opposed(ctx: Context, positions: dict[Sides, list[int]]) -> tuple[Sides, Sides, dict[Sides, list[int]]] | None:
    """The two most-voiced positions with no side in common, each contradicting every other position
    that names a side of its own (a position including another is no opposing answer)."""
    ranked = sorted(positions, key=lambda s: (-len({ctx.origin(ctx.claims[i]) for i in positions[s]}), sorted(s)))
    for a_index, a in enumerate(ranked):
        for b in ranked[a_index + 1:]:
            if a & b:
                continue
            origins = {ctx.origin(ctx.claims[i]) for i in positions[a] + positions[b]}
            if len(origins) >= 2:
                return a, b, positions
    return None


def _dispute(ctx: Context, target: str, first: Sides, second: Sides, positions: dict[Sides, list[int]],
             denials: dict[str, list[int]]) -> Dispute:
    """The question, and a position per side; a side's denial that it did the act backs the other side's
    position when that names one side ("Who struck the station: A or B?": A's denial is "not A")."""
    words = ctx.wording["perpetrator"]
    names = [" and ".join(sorted(s)) for s in (first, second)]
    backing = {0: list(positions[first]), 1: list(positions[second])}
    labels = list(names)
    for own, other in ((0, 1), (1, 0)):
        sides = (first, second)[own]
        denied = denials.get(next(iter(sides)), []) if len(sides) == 1 else []
        if denied:
            backing[other] += denied
            labels[other] = words["denied_by"].format(side=names[other], denier=names[own])
    if target == "civilians":
        question = words["question"].format(first=names[0], second=names[1])
    else:
        act = next(p for i in positions[first] for p in ctx.claims[i].propositions
                   if f"{p.predicate}:{p.patient_head}" == target)
        question = words["question_act"].format(participle=participle(act.verb), patient=lower_first(act.patient or ""),
                                                first=names[0], second=names[1])
    return Dispute(id="", kind="perpetrator", question=question, summary=words["summary"],
                   positions=(ctx.position(labels[0], backing[0]), ctx.position(labels[1], backing[1])))

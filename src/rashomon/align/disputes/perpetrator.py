"""Perpetrator disputes: the same harm to civilians attributed to actors of different sides."""

from __future__ import annotations

from collections import defaultdict

from ...model import Dispute
from .context import Context


def perpetrator(ctx: Context) -> list[Dispute]:
    if ctx.side_of is None:
        return []
    by_side: dict[str, list[int]] = defaultdict(list)
    for i, claim in enumerate(ctx.claims):
        for harm in claim.harms:
            # a denial elsewhere in the sentence ("..., to falsely blame X") leaves its harm asserted
            if not harm.agent or not harm.civilian_victims or harm.negated:
                continue
            side = ctx.side_of(claim.doc_id, harm)
            if side:
                by_side[side].append(i)
    if len(by_side) < 2:
        return []
    sides = sorted(by_side, key=lambda s: -len(by_side[s]))[:2]
    origins = [{ctx.origin(ctx.claims[i]) for i in by_side[s]} for s in sides]
    if len(origins[0] | origins[1]) < 2:
        return []
    words = ctx.wording["perpetrator"]
    return [Dispute(id="", kind="perpetrator", question=words["question"].format(first=sides[0], second=sides[1]),
                    summary=words["summary"], positions=tuple(ctx.position(side, by_side[side]) for side in sides))]

"""Launch-site disputes: where the weapon was fired from, when independent voices place it on ground held
by different sides ("launched from territory held by the rebels" against "fired from army-controlled
positions").

Where a strike came from is how reports argue over who fired it, so the dispute is of the perpetrator
kind. A claim takes a side when it states a launch site (``Claim.launch_sites``, read by
``analyze/launch_sites.py``) whose holder is placed on exactly one side by the side lookup; a negated site
("was not fired from rebel-held ground") and a denial take no side, since they say where it did not come
from, not where it did. A claim must have a voice (:meth:`Context.speaks`). A dispute needs two sides,
each stated by an origin the other's evidence does not come from (:func:`.cause.opposed`).
"""

from __future__ import annotations

from collections import defaultdict

from ...model import Dispute, Harm, LaunchSite
from .cause import opposed
from .context import Context


def _holder_side(ctx: Context, doc_id: str, site: LaunchSite) -> str | None:
    """The side of the holder: a labelled phrase, else the one side whose labels use its words ("rebel" of
    "rebel-held" is the side called "the rebels")."""
    assert ctx.side_of is not None
    side = ctx.side_of(doc_id, Harm("launch", site.holder_span, agent=site.holder, agent_span=site.holder_span))
    named_by = getattr(ctx.side_of, "named_by", None)
    return side if side is not None or named_by is None else named_by(site.holder.split())


def launch_site(ctx: Context) -> list[Dispute]:
    """At most one dispute for the corpus: the two most-voiced sides said to hold the launch site."""
    if ctx.side_of is None:
        return []
    by_side: dict[str, list[int]] = defaultdict(list)
    for i, claim in enumerate(ctx.claims):
        if claim.polarity == "denied" or not claim.launch_sites or not ctx.speaks(claim):
            continue
        sides = {_holder_side(ctx, claim.doc_id, site) for site in claim.launch_sites if not site.negated}
        side = sides.pop() if len(sides) == 1 else None  # a claim naming two holders takes no side
        if side is not None:
            by_side[side].append(i)
    pair = opposed(ctx, by_side)
    if pair is None:
        return []
    words = ctx.wording["launch"]
    return [Dispute(id="", kind="perpetrator",
                    question=words["question"].format(first=pair[0], second=pair[1]),
                    summary=words["summary"].format(first=pair[0], second=pair[1]),
                    positions=tuple(ctx.position(words["answer"].format(side=side), by_side[side])
                                    for side in pair))]

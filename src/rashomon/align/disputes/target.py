"""Target disputes: was the place itself attacked, or was the attack aimed at something beside it? One voice
says an act was aimed at a target next to a place ("the raid targeted smugglers in an area adjacent to
the camp", "the jets targeted a depot next to the hospital"), independent voices say the place itself was
attacked, stormed or destroyed ("soldiers stormed the camp", "a missile hit the hospital").

A claim of the first position has a voice (:meth:`Context.speaks`), is not denied, and names an act of
aim (``lang/en/propositions.json`` "aim_verbs") whose target is placed beside another (``Proposition.near``,
read by ``analyze/propositions.py``). A claim of the second has an act of attack, dispersal or destruction
whose target has the same head word as that place, not itself placed beside anything. A dispute needs an
origin on each side that the other's evidence does not come from (:func:`.cause.opposed`).
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from ... import lang
from ...model import Dispute, Proposition
from .cause import opposed
from .context import Context
from .questions import lower_first

_ON_PLACE = ("attack", "disperse", "destroy")  # acts done to a place


@lru_cache(maxsize=1)
def _aim_verbs() -> frozenset[str]:
    return lang.words(lang.read("propositions")["aim_verbs"])


def _aimed_beside(prop: Proposition) -> bool:
    return prop.verb in _aim_verbs() and prop.near_head is not None and not prop.negated


def target(ctx: Context) -> list[Dispute]:
    """One dispute per place that one voice puts beside the target and others say was itself attacked."""
    beside: dict[str, list[int]] = defaultdict(list)
    aims: dict[str, Proposition] = {}
    for i, claim in enumerate(ctx.claims):
        if claim.polarity == "denied" or not ctx.speaks(claim):
            continue
        prop = next((p for p in claim.propositions if _aimed_beside(p)), None)
        if prop is not None:
            assert prop.near_head is not None
            beside[prop.near_head].append(i)
            aims.setdefault(prop.near_head, prop)
    disputes = []
    for place in sorted(beside):
        on_place = [i for i, claim in enumerate(ctx.claims) if claim.polarity == "affirmed" and any(
            p.predicate in _ON_PLACE and p.patient_head == place and p.near_head is None and not p.negated
            and not _aimed_beside(p) for p in claim.propositions)]
        aim = aims[place]
        if not on_place or opposed(ctx, {"itself": on_place, "beside": beside[place]}) is None:
            continue
        words = ctx.wording["target"]
        itself = words["itself"].format(place=lower_first(aim.near or place))
        aside = words["beside"].format(target=lower_first(aim.patient or words["something"]),
                                       place=lower_first(aim.near or place))
        disputes.append(Dispute(
            id="", kind="polarity", question=words["question"].format(itself=itself, beside=aside),
            summary=words["summary"].format(place=lower_first(aim.near or place)),
            # the target put beside the place comes first: like a denial, it rebuts the others (``rebuttals``)
            positions=(ctx.position(aside, beside[place]), ctx.position(itself, on_place))))
    return disputes

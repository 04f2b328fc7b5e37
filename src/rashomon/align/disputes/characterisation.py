"""Characterisation disputes: one report denies a word for what happened ("no systematic massacres",
"not some organised rebellion") that another report uses ("systematic crimes", "a premeditated attack")."""

from __future__ import annotations

from collections import defaultdict

from ...model import Dispute
from .context import Context


def characterisation(ctx: Context) -> list[Dispute]:
    negated: dict[str, list[int]] = defaultdict(list)
    affirmed: dict[str, list[int]] = defaultdict(list)
    for i, claim in enumerate(ctx.claims):
        for ch in claim.characterisations:
            (negated if ch.negated else affirmed)[ch.family].append(i)
    words = ctx.wording["characterisation"]
    disputes = []
    for family, no in negated.items():
        if family == "massacre":
            continue  # denying the massacres themselves is a polarity dispute
        no_origins = {ctx.origin(ctx.claims[i]) for i in no}
        yes = [i for i in affirmed.get(family, []) if i not in no]
        if not yes or not ({ctx.origin(ctx.claims[i]) for i in yes} - no_origins):
            continue
        rejecting = ", ".join(ctx.outlets(ctx.claims[i] for i in no))
        using = ", ".join(ctx.outlets(ctx.claims[i] for i in yes))
        disputes.append(Dispute(
            id="", kind="characterisation",
            question=words["questions"].get(family) or words["question"].format(family=family),
            summary=words["summary"].format(rejecting=rejecting, using=using, family=family),
            positions=(ctx.position("no", no), ctx.position("yes", yes))))
    return disputes

"""Authenticity disputes: footage, images or documents one voice calls fabricated or edited and another
treats as genuine ("the ministry said the video was staged" against "the footage was verified and
geolocated").

A claim takes a side when it names a medium (``lang/en/authenticity.json``: video, footage, images,
documents ...) and a word of one answer (fabricated, staged, doctored / authentic, verified, geolocated);
a denial of the authentic word ("the footage is not genuine") takes the other side, and so does a denial
of the fabricated word that is not itself the denial's cue ("the video was not staged"). A dispute needs
both sides, from at least two independent origins.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ... import lang
from ...model import Claim, Dispute
from .context import Context

_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, frozenset[str]]:
    raw = lang.read("authenticity")
    return {k: lang.words(raw[k]) for k in ("media_nouns", "fabricated", "authentic")}


def answer(claim: Claim) -> str | None:
    """ "fabricated", "authentic" or None: the side a claim takes on a medium's authenticity."""
    words = _lexicon()
    found = set(_WORD.findall(claim.text.lower())) | {t.lower() for t in claim.terms}
    if not found & words["media_nouns"]:
        return None
    fake, real = bool(found & words["fabricated"]), bool(found & words["authentic"])
    if fake == real:
        return None
    cue = set((claim.denial_cue or "").lower().split())
    # the fabricated word is a denial cue itself ("the video is fake"): the claim says fabricated
    flipped = claim.polarity == "denied" and not (fake and cue & words["fabricated"])
    return ("authentic" if fake else "fabricated") if flipped else ("fabricated" if fake else "authentic")


def authenticity(ctx: Context) -> list[Dispute]:
    sides: dict[str, list[int]] = {"fabricated": [], "authentic": []}
    for i, claim in enumerate(ctx.claims):
        side = answer(claim)
        if side is not None and ctx.speaks(claim):
            sides[side].append(i)
    fake, real = sides["fabricated"], sides["authentic"]
    origins = {ctx.origin(ctx.claims[i]) for i in fake + real}
    if not fake or not real or len(origins) < 2:
        return []
    media = _medium(ctx, fake + real)
    words = ctx.wording["authenticity"]
    return [Dispute(
        id="", kind="authenticity", question=words["question"].format(media=media),
        summary=words["summary"].format(fabricated=ctx.named(ctx.outlets(ctx.claims[i] for i in fake)),
                                        authentic=ctx.named(ctx.outlets(ctx.claims[i] for i in real))),
        positions=(ctx.position(words["fabricated"], fake), ctx.position(words["authentic"], real)))]


def _medium(ctx: Context, indices: list[int]) -> str:
    """The medium the claims name most often ("footage")."""
    counts: dict[str, int] = {}
    for i in indices:
        claim = ctx.claims[i]
        for word in (set(_WORD.findall(claim.text.lower())) | set(claim.terms)) & _lexicon()["media_nouns"]:
            counts[word] = counts.get(word, 0) + 1
    return max(sorted(counts), key=counts.__getitem__)

"""Characterisation disputes: the words reports choose for what happened.

- one report denies a word ("no systematic massacres", "not some organised rebellion") that another uses
  ("systematic crimes", "a premeditated attack"), for the words with a question of their own in
  ``lang/en/wording.json``;
- independent voices use words of a pair that cannot both be right ("a massacre" / "security incidents",
  "a deliberate attack" / "a provocation"; the pairs are ``characterisation.opposed`` in
  ``lang/en/wording.json``, the words of each family in ``data/claims.json``). A claim using both words of a
  pair, or denying one, takes neither side, and so does a claim that neither asserts a harm nor calls
  something by the word ("warned against any provocation"); each side needs an origin the other's evidence
  lacks (:func:`opposed_words`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from ...analyze.claims import claim_lexicon
from ...analyze.discourse import discourse
from ...model import Claim, Dispute
from .context import Context

_WORD = re.compile(r"[a-z]+")
_HARMFUL = frozenset({"attack", "kill", "harm", "destroy"})


def characterisation(ctx: Context) -> list[Dispute]:
    negated, affirmed = _uses(ctx)
    words = ctx.wording["characterisation"]
    disputes = []
    for family, no in negated.items():
        if family == "massacre" or family not in words["questions"]:
            continue  # denying the massacres themselves is a polarity dispute; a word with no question of its own
            # ("clashes", "a mistake") is asked about only against its opposite (``opposed_words``)
        no_origins = {ctx.origin(ctx.claims[i]) for i in no}
        yes = [i for i in affirmed.get(family, []) if i not in no]
        if not yes or not ({ctx.origin(ctx.claims[i]) for i in yes} - no_origins):
            continue
        rejecting = ctx.named(ctx.outlets(ctx.claims[i] for i in no))
        using = ctx.named(ctx.outlets(ctx.claims[i] for i in yes))
        disputes.append(Dispute(
            id="", kind="characterisation",
            question=words["questions"].get(family) or words["question"].format(family=family),
            summary=words["summary"].format(rejecting=rejecting, using=using, family=family),
            positions=(ctx.position("no", no), ctx.position("yes", yes))))
    return disputes


def opposed_words(ctx: Context) -> list[Dispute]:
    """One dispute per opposed pair of families that independent voices each use, unnegated. Weaker
    evidence than a denial: run after the other kinds, so that a dispute they found first keeps its spans."""
    negated, affirmed = _uses(ctx)
    words = ctx.wording["characterisation"]
    disputes = []
    for pair in words["opposed"]:
        first, second = pair["families"]
        mixed = set(affirmed.get(first, [])) & set(affirmed.get(second, [])) | set(negated.get(first, [])) | set(
            negated.get(second, []))
        sides = [[i for i in affirmed.get(family, []) if i not in mixed and _of_the_event(ctx.claims[i], family)]
                 for family in (first, second)]
        origins = [{ctx.origin(ctx.claims[i]) for i in ids} for ids in sides]
        if not (origins[0] - origins[1] and origins[1] - origins[0]):
            continue
        labels = pair["labels"]
        disputes.append(Dispute(
            id="", kind="characterisation", question=pair["question"],
            summary=words["opposed_summary"].format(
                first=ctx.named(ctx.outlets(ctx.claims[i] for i in sides[0])), first_label=labels[first],
                second=ctx.named(ctx.outlets(ctx.claims[i] for i in sides[1])), second_label=labels[second]),
            positions=(ctx.position(labels[first], sides[0]), ctx.position(labels[second], sides[1]))))
    return disputes


def _of_the_event(claim: Claim, family: str) -> bool:
    """The claim, not a denial, uses a word that is itself a harm ("the massacre"), says the word of a harm
    ("nine died in security incidents", "deliberately shelled") or calls something by it ("called the
    accusations a provocation"); not "warned against any provocation"."""
    if claim.polarity == "denied":  # a denial is about what it denies, not its words for the event
        return False
    if any(ch.family == family and {ch.term.lower(), ch.term.lower().removesuffix("s")} & _harm_nouns()
           for ch in claim.characterisations):
        return True  # a word that is itself a harm ("the massacre") is said of one
    if any(p.predicate in _HARMFUL and not p.negated for p in claim.propositions) or claim.harms:
        return True
    return bool(set(_WORD.findall(claim.text.lower())) & _calling())


@lru_cache(maxsize=1)
def _harm_nouns() -> frozenset[str]:
    return claim_lexicon().harm_nouns


@lru_cache(maxsize=1)
def _calling() -> frozenset[str]:
    """The forms of the calling verbs ("called", "describes", "branded")."""
    verbs = discourse().calling_verbs
    return frozenset(f"{v}{end}" for v in verbs for end in ("", "s", "d", "ed", "ing")) | frozenset(
        f"{v[:-1]}{end}" for v in verbs if v.endswith("e") for end in ("ed", "ing")) | frozenset(
        f"{v}{v[-1]}ed" for v in verbs)


def _uses(ctx: Context) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """family -> the claims that deny it, and family -> the claims that use it."""
    negated: dict[str, list[int]] = defaultdict(list)
    affirmed: dict[str, list[int]] = defaultdict(list)
    for i, claim in enumerate(ctx.claims):
        for ch in claim.characterisations:
            (negated if ch.negated else affirmed)[ch.family].append(i)
    return negated, affirmed

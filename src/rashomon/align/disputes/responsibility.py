"""Responsibility disputes: one side blamed for an act, and that side denying it took part.

"Witnesses said the militia opened fire on the marchers" against "the council denied the militia was
involved". A claim blames a side when it asserts a harmful act (``perpetrator``'s doers: civilian harms,
an attack, a killing, a destruction ...) whose doer is on that side alone. A claim denies a side's
involvement when it is a denial with a voice (``Context.speaks``) of taking part
(``lang/en/responsibility.json``: "involved", "behind", and discourse's involvement nouns): the side of
the named doer of its act, else the speaker's. A denial of the act itself ("denied that soldiers fired on
the marchers") is a polarity dispute, not this one.

A dispute needs a blame and a denial that share a content word (one event, not any two sentences), from
at least two independent origins, the denial's voice never the blamer's origin.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from ... import lang
from ...analyze.discourse import discourse
from ...model import Claim, Dispute, Harm, JSONObject, Proposition
from .context import Context
from .perpetrator import HARMFUL, doers, sides_of
from .questions import lower_first

_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def _words() -> JSONObject:
    return lang.read("responsibility")


@lru_cache(maxsize=1)
def _involvement() -> frozenset[str]:
    return lang.words(_words()["involvement"]) | discourse().involvement_nouns


def responsibility(ctx: Context) -> list[Dispute]:
    if ctx.side_of is None:
        return []
    blamed: dict[str, list[int]] = defaultdict(list)
    denied: dict[str, list[int]] = defaultdict(list)
    for i, claim in enumerate(ctx.claims):
        if claim.polarity == "denied":
            side = denied_side(ctx, claim) if ctx.speaks(claim) else None
            if side is not None:
                denied[side].append(i)
            continue
        for side in {s for _, harm in doers(claim) for s in [sides_of(ctx, claim.doc_id, harm)] if len(s) == 1}:
            blamed[next(iter(side))].append(i)
    disputes = []
    for side in sorted(denied):
        found = _pair(ctx, blamed.get(side, []), denied[side])
        if found is not None:
            disputes.append(_dispute(ctx, side, *found))
    return disputes


def denied_side(ctx: Context, claim: Claim) -> str | None:
    """The side whose involvement a denial denies: the named doer of its act ("denied that the militia was
    behind the shelling"), else its speaker ("denied any involvement"); None when it denies no involvement
    ("denied that soldiers fired" denies the act: a polarity dispute) or its side is unknown."""
    assert ctx.side_of is not None
    if not set(_WORD.findall(claim.text.lower())) & _involvement():
        return None
    named = next((p for p in claim.propositions if p.predicate in HARMFUL and p.agent and not _pronoun(p.agent)), None)
    if named is not None:
        return ctx.side_of(claim.doc_id, Harm(named.verb, named.agent_span or (0, 0), agent=named.agent,
                                              agent_span=named.agent_span))
    if not claim.attributed_to:
        return None
    return _speaker_side(ctx, claim.doc_id, claim.attributed_to[0])


def _speaker_side(ctx: Context, doc_id: str, speaker: str) -> str | None:
    """The side of a speaker's name: as its own report labels it, else as the other reports do when they all
    agree ("the Transitional Military Council" labelled in one report, credited in another)."""
    assert ctx.side_of is not None
    speaking = Harm("deny", (0, 0), agent=speaker)
    side = ctx.side_of(doc_id, speaking)
    if side is not None:
        return side
    found = {ctx.side_of(d.id, speaking) for d in ctx.corpus.documents} - {None}
    return found.pop() if len(found) == 1 else None


def _pronoun(phrase: str) -> bool:
    pronouns = frozenset(lang.read("propositions")["pronouns"])
    return bool(set(phrase.lower().split()) & pronouns)


def _pair(ctx: Context, blames: list[int], denials: list[int]) -> tuple[list[int], list[int]] | None:
    """The blames of a side and its denials when they are about one event (a denial shares a content word
    with a blame), given by independent voices: no blame from a report that carries the denial."""
    linked_denials = [j for j in denials if any(_shared(ctx, i, j) for i in blames)]
    denying = {ctx.origin(ctx.claims[j]) for j in linked_denials}
    others = [i for i in blames if ctx.origin(ctx.claims[i]) not in denying]
    if not others or not linked_denials:
        return None
    return others, linked_denials


def _shared(ctx: Context, i: int, j: int) -> bool:
    """Two claims share a content word: a corpus's own event words count ("the attack", "the station"),
    since a blame and a denial of one side are about its central event most of all."""
    return bool(set(ctx.claims[i].terms) & set(ctx.claims[j].terms))


def _dispute(ctx: Context, side: str, blames: list[int], denials: list[int]) -> Dispute:
    words = ctx.wording["responsibility"]
    side = side if side[:1].isupper() or side.lower().startswith("the ") else f"the {side}"
    question = words["question"].format(side=side, act=_act(ctx, blames))
    return Dispute(
        id="", kind="responsibility", question=question,
        summary=words["summary"].format(blaming=ctx.named(ctx.outlets(ctx.claims[i] for i in blames)), side=side,
                                        denying=ctx.named(ctx.outlets(ctx.claims[j] for j in denials))),
        positions=(ctx.position(words["blamed"].format(side=side), blames),
                   ctx.position(words["denies"].format(side=side), denials)))


def _act(ctx: Context, blames: list[int]) -> str:
    """The act most blames name, as a noun phrase ("the attack on the depot"); else the harm to civilians."""
    counts: dict[str, int] = defaultdict(int)
    for i in blames:
        for prop in ctx.claims[i].propositions:
            phrase = _act_noun(prop)
            if phrase:
                counts[phrase] += 1
    if not counts:
        return str(_words()["civilian_harm"])
    return max(sorted(counts), key=counts.__getitem__)


def _act_noun(prop: Proposition) -> str | None:
    template = _words()["act_nouns"].get(prop.predicate)
    if template is None or not prop.patient or _pronoun(prop.patient) or prop.negated:
        return None
    first = prop.patient.split()[0].lower()
    if first in ("not", "no", "none", "nobody"):
        return None
    return str(template).format(patient=lower_first(prop.patient))

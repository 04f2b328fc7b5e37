"""Victims' status disputes: were the dead civilians, or fighters posing a threat?

A claim says "combatants" only when it states the victims' status outright (``lang/en/victims.json``):
"the dead were militants", "those killed included fighters", "the men posed a threat", "were armed". A
claim says "civilians" the same way ("the victims were civilians", "posed no threat", "were unarmed"), or
when it asserts a killing or harm whose victims are civilians (a ``Proposition`` whose target's head is a
civilian word). A negation flips a stated status ("the dead were not civilians": combatants). Killing
civilians and killing fighters both happen in a war, so "the strike killed five fighters" takes no side:
only a statement of who the victims were does. A dispute needs both answers, each from an origin the
other's evidence does not come from.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ... import lang
from ...model import Claim, Dispute
from .context import Context

_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")
_STATUS = ("civilians", "combatants")


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    raw = lang.read("victims")
    return {k: lang.words(raw[k]) for k in ("civilian", "combatant", "victims", "threat", "no_threat", "harms")}


@lru_cache(maxsize=1)
def _copular() -> re.Pattern[str]:
    """ "the dead were (not) mostly militants": the victims phrase, the verb, an optional "not", three words."""
    victims = "|".join(sorted((re.escape(v) for v in _words()["victims"]), key=len, reverse=True))
    return re.compile(rf"\b(?:{victims})\s+(?:were|was|are|included|include)\s+(not\s+)?((?:[a-z-]+[ ,]*){{1,3}})")


def stated_status(claim: Claim) -> str | None:
    """ "civilians", "combatants" or None: the status a claim gives the victims.

    >>> from rashomon.model import Claim, Span
    >>> stated_status(Claim(Span("d", 0, 30), "The dead were armed militants."))
    'combatants'
    >>> stated_status(Claim(Span("d", 0, 30), "The dead were not civilians."))
    'combatants'
    """
    words, text = _words(), claim.text.lower()
    found = set()
    for match in _copular().finditer(text):
        negated = bool(match.group(1)) or claim.polarity == "denied"
        said = set(_WORD.findall(match.group(2)))
        for status, key in zip(_STATUS, ("civilian", "combatant"), strict=True):
            if said & words[key]:
                found.add(_STATUS[1 - _STATUS.index(status)] if negated else status)
    found |= {"combatants" for phrase in words["threat"] if phrase in text}
    found |= {"civilians" for phrase in words["no_threat"] if phrase in text}
    if not found and claim.polarity != "denied":
        found |= {"civilians" for p in claim.propositions if p.predicate in words["harms"] and not p.negated
                  and p.patient_head in words["civilian"] and not _none(p.patient)}
    return found.pop() if len(found) == 1 else None


def _none(phrase: str | None) -> bool:
    return (phrase or "").lower().startswith(("no ", "not ", "none", "nobody"))


def victims(ctx: Context) -> list[Dispute]:
    sides: dict[str, list[int]] = {s: [] for s in _STATUS}
    for i, claim in enumerate(ctx.claims):
        status = stated_status(claim)
        if status is not None:
            sides[status].append(i)
    origins = {s: {ctx.origin(ctx.claims[i]) for i in ids} for s, ids in sides.items()}
    civilians, combatants = origins["civilians"], origins["combatants"]
    if not (civilians - combatants) or not (combatants - civilians):
        return []
    words = ctx.wording["victims"]
    return [Dispute(id="", kind="victims", question=words["question"], summary=words["summary"].format(
        combatants=", ".join(ctx.outlets(ctx.claims[i] for i in sides["combatants"])),
        civilians=", ".join(ctx.outlets(ctx.claims[i] for i in sides["civilians"]))),
        positions=(ctx.position(words["civilians"], sides["civilians"]),
                   ctx.position(words["combatants"], sides["combatants"])))]

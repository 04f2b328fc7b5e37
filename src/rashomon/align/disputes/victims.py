"""Victims' status disputes: were the dead civilians, or fighters posing a threat? And was the place that
was hit purely civilian, or used by fighters (a military target)?

A claim says "combatants" only when it states the victims' status outright (``lang/en/victims.json``):
"the dead were militants", "those killed included fighters", "the men posed a threat", "were armed". A
claim says "civilians" the same way ("the victims were civilians", "posed no threat", "were unarmed"), or
when it asserts a killing or harm whose victims are civilians (a ``Proposition`` whose target's head is a
civilian word). A negation flips a stated status ("the dead were not civilians": combatants). Killing
civilians and killing fighters both happen in a war, so "the strike killed five fighters" takes no side:
only a statement of who the victims were does. A dispute needs both answers, each from an origin the
other's evidence does not come from.

The place works the same way (:func:`site_status`), for the place the corpus's attacks hit most: claims
naming it say "a purely civilian camp", "the camp never hosted fighters" against "the camp was a legitimate
military target", "used as a launch pad"; a negator or a denial shortly before a phrase in its clause flips
it ("no evidence that the camp was used for military purposes": civilian; "denies the camp was purely
civilian": military), unless a reporting verb stands between them; "whether" or "if" leaves it open.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ... import lang
from ...model import Claim, Dispute
from ..names import unnamed_words
from .context import Context

_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")
_STATUS = ("civilians", "combatants")


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    raw = lang.read("victims")
    keys = ("civilian", "combatant", "victims", "threat", "no_threat", "harms", "civilian_site", "military_site",
            "site_negators", "site_open", "site_reporting")
    return {k: lang.words(raw[k]) for k in keys}


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


_CLAUSE_END = re.compile(r"[,;:.!?]|\bbut\b")
_NEGATION_REACH = 10  # words before a phrase in which a negator turns it round


@lru_cache(maxsize=1)
def _site_phrases() -> dict[str, re.Pattern[str]]:
    """answer -> one pattern of its phrases ("purely civilian", "launch pad"), longest first."""
    words = _words()
    return {answer: re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words[key]), key=len, reverse=True)) + r")\b")
            for answer, key in (("civilian", "civilian_site"), ("military", "military_site"))}


def stated_site(text: str) -> str | None:
    """ "civilian", "military" or None: what a sentence says of a place that was hit.

    >>> stated_site("The army said the camp was a legitimate military target.")
    'military'
    >>> stated_site("Monitors found no evidence that the camp was used for military purposes.")
    'civilian'
    >>> stated_site("The camp housed 3,000 families.") is None
    True
    """
    words, low = _words(), text.lower()
    found = set()
    for answer, other in (("civilian", "military"), ("military", "civilian")):
        for m in _site_phrases()[answer].finditer(low):
            phrase = m.group(0)
            window = _CLAUSE_END.split(low[:m.start()])[-1].split()[-_NEGATION_REACH:]
            reported = [n for n, w in enumerate(window) if w in words["site_reporting"]]
            before = set(window[reported[-1] + 1:] if reported else window)  # "rejected X and said <phrase>"
            if before & words["site_open"]:
                continue  # "whether the camp was a military target" says neither
            negated = not phrase.startswith(("no ", "never ")) and bool(before & words["site_negators"])
            found.add(other if negated else answer)
    return found.pop() if len(found) == 1 else None


def site_status(ctx: Context) -> list[Dispute]:
    """One dispute when independent voices call the place that was hit civilian and a military target."""
    site = _site(ctx)
    names = _site_names(ctx, site)
    sides: dict[str, list[int]] = {"civilian": [], "military": []}
    for i, claim in enumerate(ctx.claims):
        answer = stated_site(claim.text) if _names(claim, names) else None  # another place is another question
        if answer is not None:
            sides[answer].append(i)
    origins = {s: {ctx.origin(ctx.claims[i]) for i in ids} for s, ids in sides.items()}
    if not (origins["civilian"] - origins["military"]) or not (origins["military"] - origins["civilian"]):
        return []
    words = ctx.wording["victims"]
    question = words["site_question"].format(site=site)
    return [Dispute(id="", kind="victims", question=question, summary=words["site_summary"].format(
        military=", ".join(ctx.outlets(ctx.claims[i] for i in sides["military"])),
        civilian=", ".join(ctx.outlets(ctx.claims[i] for i in sides["civilian"]))),
        positions=(ctx.position(words["site_civilian"], sides["civilian"]),
                   ctx.position(words["site_military"], sides["military"])))]


def _site(ctx: Context) -> str | None:
    """The place the corpus's attacks hit most ("camp"): the target of most attack claims, a noun; None
    when no attack names one."""
    heads = Counter(p.patient_head for c in ctx.claims for p in c.propositions
                    if p.predicate == "attack" and p.patient_head and p.patient_head not in unnamed_words()
                    and not p.negated)
    return heads.most_common(1)[0][0] if heads else None


def _site_names(ctx: Context, site: str | None) -> frozenset[str]:
    """The words that name the site: its head ("camp") and the names in the attacks' targets with that head
    ("Sefari" of "the Sefari camp")."""
    if site is None:
        return frozenset()
    names = {w.strip(".,;:'’\"").lower() for c in ctx.claims for p in c.propositions
             if p.predicate == "attack" and p.patient_head == site
             for w in (p.patient or "").split()[:-1] if w[:1].isupper()}
    return frozenset({site, f"{site}s"} | (names - unnamed_words()))


def _names(claim: Claim, names: frozenset[str]) -> bool:
    """The claim's words name the site."""
    return bool(names & set(_WORD.findall(claim.text.lower())))

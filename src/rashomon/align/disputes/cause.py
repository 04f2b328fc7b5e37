"""Cause disputes: what killed or destroyed one target, when reports give causes that cannot both hold
("a drone strike destroyed the bridge" against "a charge laid by the retreating unit brought the bridge
down").

A claim takes a side when it asserts a harmful act on a target (a ``Proposition`` of a class in
``lang/en/causes.json`` "effects", with a patient) and names words of exactly one class of mechanism
(a bombardment, gunfire, a planted explosive, an accident or misfire, a crush, a fire). A denial
takes no side ("it was not a strike" says what it was not, not what it was). Claims are grouped by the
target's head word; a dispute needs two classes for one target, each stated by an origin the other's
evidence does not come from, so two independent voices give two answers.

The weapon works the same way (:func:`weapon`): claims that an attack hit a target, naming the weapon's
model ("a Vetra-2 missile hit the bridge", "the bridge was struck by a Kessel rocket"), answer "which
weapon?"; a demonym, a side's name or a number is no model ("a Norlandic missile", "two rockets").
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from ... import lang
from ...model import Claim, Dispute, Proposition
from ..names import unnamed_words
from .context import Context
from .questions import lower_first, participle

_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def _classes() -> dict[str, frozenset[str]]:
    return {answer: lang.words(words) for answer, words in lang.read("causes")["classes"].items()}


@lru_cache(maxsize=1)
def _effects() -> frozenset[str]:
    return lang.words(lang.read("causes")["effects"])


def mechanism(text: str) -> str | None:
    """The one class of mechanism a text names ("a bombardment", "gunfire" ...); None for none or two.

    >>> mechanism("Gunmen opened fire on the bus.")
    'gunfire'
    >>> mechanism("A rocket hit the market, then a fire broke out.") is None
    True
    """
    words = _WORD.findall(text.lower())
    grams = set(words) | {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}
    grams |= {f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:], strict=False)}
    found = [answer for answer, cues in _classes().items() if grams & cues]
    return found[0] if len(found) == 1 else None


def _effect(claim: Claim) -> Proposition | None:
    return next((p for p in claim.propositions if p.predicate in _effects() and p.patient_head and not p.negated
                 and not (p.patient or "").lower().startswith(("no ", "not ", "none", "nobody"))), None)


def cause(ctx: Context) -> list[Dispute]:
    by_target: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    acts: dict[str, Proposition] = {}
    for i, claim in enumerate(ctx.claims):
        if claim.polarity == "denied":
            continue
        prop = _effect(claim)
        answer = mechanism(claim.text) if prop is not None else None
        if prop is None or answer is None:
            continue
        assert prop.patient_head is not None
        by_target[prop.patient_head][answer].append(i)
        acts.setdefault(prop.patient_head, prop)
    disputes = []
    for target in sorted(by_target):
        found = opposed(ctx, by_target[target])
        if found is not None:
            disputes.append(_dispute(ctx, acts[target], found, by_target[target]))
    return disputes


def opposed(ctx: Context, answers: dict[str, list[int]]) -> tuple[str, str] | None:
    """The two most-voiced answers, each with an origin the other lacks."""
    origins = {a: {ctx.origin(ctx.claims[i]) for i in ids} for a, ids in answers.items()}
    ranked = sorted(answers, key=lambda a: (-len(origins[a]), a))
    for n, first in enumerate(ranked):
        for second in ranked[n + 1:]:
            if origins[first] - origins[second] and origins[second] - origins[first]:
                return first, second
    return None


def _dispute(ctx: Context, act: Proposition, pair: tuple[str, str], answers: dict[str, list[int]]) -> Dispute:
    words = ctx.wording["cause"]
    question = words["question"].format(participle=participle(act.verb) if act.predicate != "kill" else "killed",
                                        patient=lower_first(act.patient or ""), first=pair[0], second=pair[1])
    return Dispute(id="", kind="cause", question=question,
                   summary=words["summary"].format(first=pair[0], second=pair[1]),
                   positions=tuple(ctx.position(answer, answers[answer]) for answer in pair))


def weapon(ctx: Context) -> list[Dispute]:
    """One dispute per attacked target whose claims name two weapon models from independent origins."""
    by_target: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    named: dict[str, str] = {}
    acts: dict[str, Proposition] = {}
    for i, claim in enumerate(ctx.claims):
        if claim.polarity == "denied":
            continue
        prop = next((p for p in claim.propositions if p.predicate == "attack" and p.patient_head and not p.negated),
                    None)
        models = {_model_key(m): m for m in weapon_models(claim.text) if not _names_side(ctx, m)}
        if prop is None or len(models) != 1:
            continue  # a claim naming two models takes no side
        key, model = next(iter(models.items()))
        assert prop.patient_head is not None
        by_target[prop.patient_head][key].append(i)
        named.setdefault(key, model)
        acts.setdefault(prop.patient_head, prop)
    disputes = []
    words = ctx.wording["cause"]
    for target in sorted(by_target):
        found = opposed(ctx, by_target[target])
        if found is None:
            continue
        act = acts[target]
        first, second = (named[k] for k in found)
        disputes.append(Dispute(
            id="", kind="cause", question=words["weapon_question"].format(
                participle=participle(act.verb) if act.predicate != "kill" else "killed",
                patient=lower_first(act.patient or ""), first=first, second=second),
            summary=words["weapon_summary"].format(first=first, second=second),
            positions=tuple(ctx.position(named[k], by_target[target][k]) for k in found)))
    return disputes


@lru_cache(maxsize=1)
def _model_pattern() -> re.Pattern[str]:
    raw = lang.read("causes")
    nouns = "|".join(sorted(lang.words(raw["weapon_nouns"]), key=len, reverse=True))
    kinds = "|".join(sorted((re.escape(w) for w in raw["weapon_descriptors"]), key=len, reverse=True))
    # a capitalised name (its suffix may stand apart: "Vetra 2", "Kessel M"), up to three words that say what
    # kind of weapon it is ("short-range ballistic"), a weapon noun; never "X said a missile"
    return re.compile(rf"\b([A-Z]\w*(?:-\w+)*(?:\s(?:[A-Z]|\d+)\b)*)((?:\s+(?:{kinds})){{0,3}})\s+(?:{nouns})s?\b")


@lru_cache(maxsize=1)
def _not_models() -> frozenset[str]:
    countries = lang.read("countries")
    return (unnamed_words() | lang.words(lang.read("causes")["not_models"]) | frozenset(countries["demonyms"])
            | frozenset(c.lower() for c in countries["countries"]))


def weapon_models(text: str) -> list[str]:
    """The weapon models a text names: "a Vetra-2 missile" -> ["Vetra-2"]; not "Two rockets", "The missile".

    >>> weapon_models("A Vetra-2 short-range ballistic missile hit the bridge, not a Kessel rocket.")
    ['Vetra-2', 'Kessel']
    >>> weapon_models("Two rockets and an American missile hit the depot.")
    []
    """
    out = []
    for m in _model_pattern().finditer(text):
        name = m.group(1)
        if name.lower() not in _not_models() and not name.lower().endswith("-era"):
            out.append(name)
    return out


def _model_key(model: str) -> str:
    return re.sub(r"[^a-z0-9]", "", model.lower())


def _names_side(ctx: Context, model: str) -> bool:
    lookup = getattr(ctx.side_of, "named_by", None)
    return lookup is not None and lookup([model]) is not None

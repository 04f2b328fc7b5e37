"""Status disputes: were the people harmed, or those detained, civilians or fighters? And was the place
that was hit purely civilian, or used by fighters (a military target)?

Each group of people whose status a claim can state (``groups`` of ``lang/en/victims.json``: the dead, those
detained) has its own question. A claim says "combatants" of a group only when it states the group's status
outright: a phrase naming the group as the subject of "were" ("the dead were militants", "those detained
were all armed men"), or "most of them ..." after an act of the group's class ("detained 150 men, many of them
farmers": the target of the nearest act before it says which group). For the dead, "posed a threat", "were
armed" and their opposites say it too, and so does an assertion of a killing or harm whose victims are
civilians (a ``Proposition`` whose target's head is a civilian word). A negation flips a stated status ("the
dead were not civilians", "none of those detained were fighters": the other answer); a few of the group ("some
of those detained were fighters", "some of them") or a hedge ("were possibly fighters") states no side.
Killing civilians and killing fighters both happen in a war, so "the strike killed five fighters" takes no
side: only a statement of who the victims were does. A dispute needs both answers, each from an origin the
other's evidence does not come from.

One source's number that reports give for different victims ("58 suspects" / "58 members of the outlaw
cells") is the same matter as a contested status of that group: the figures that name civilians or
fighters join the group's positions (``restated``) and no "who does it count?" question is asked apart.

The place works the same way (:func:`site_status`), for the place the corpus's attacks hit most: claims
naming it say "a purely civilian camp", "the camp never hosted fighters" against "the camp was a legitimate
military target", "used as a launch pad"; a negator or a denial shortly before a phrase in its clause flips
it ("no evidence that the camp was used for military purposes": civilian; "denies the camp was purely
civilian": military), unless a reporting verb stands between them; "whether" or "if" leaves it open.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from ... import lang
from ...analyze.discourse import discourse
from ...model import Claim, Dispute, Figure, Position
from ..names import unnamed_words
from .context import Context
from .numeric import Restated

_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")
_STATUS = ("civilians", "combatants")
#: the status a figure's category gives the people it counts, when one report's number is another's
_CATEGORY_STATUS = {"civilians": "civilians", "armed_group": "combatants", "security_forces": "combatants",
                    "combatants": "combatants"}


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    raw = lang.read("victims")
    keys = ("civilian", "combatant", "threat", "no_threat", "harms", "civilian_site", "military_site",
            "site_negators", "site_open", "site_reporting", "most_of_them", "partial")
    return {k: lang.words(raw[k]) for k in keys}


@lru_cache(maxsize=1)
def _groups() -> dict[str, dict[str, frozenset[str]]]:
    """group (the event: "killed", "detained") -> its subject phrases and classes of act."""
    return {group: {k: lang.words(v) for k, v in spec.items()} for group, spec in lang.read("victims")["groups"].items()
            if not group.startswith("_")}


def _alternation(phrases: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(p) for p in phrases), key=len, reverse=True))


@cache
def _copular(group: str) -> re.Pattern[str]:
    """ "the dead were (not) mostly militants": the group's phrase, the verb, an optional "not", three words."""
    return re.compile(rf"\b(?:{_alternation(_groups()[group]['subjects'])})\s+(?:were|was|are|included|include)"
                      rf"\s+(not\s+)?((?:[a-z-]+[ ,]*){{1,3}})")


@lru_cache(maxsize=1)
def _most_of_them() -> re.Pattern[str]:
    """ "many of them farmers", "most of whom were not fighters": the quantifier, an optional "not", three words."""
    return re.compile(rf"\b(?:{_alternation(_words()['most_of_them'])})\s+of\s+(?:them|whom)\s+"
                      rf"(?:(?:were|was|are)\s+)?(not\s+)?((?:[a-z-]+[ ,]*){{1,3}})")


def stated_status(claim: Claim, group: str = "killed") -> str | None:
    """ "civilians", "combatants" or None: the status a claim gives a group ("killed": the victims,
    "detained": those detained).

    >>> from rashomon.model import Claim, Span
    >>> stated_status(Claim(Span("d", 0, 30), "The dead were armed militants."))
    'combatants'
    >>> stated_status(Claim(Span("d", 0, 30), "The dead were not civilians."))
    'combatants'
    >>> stated_status(Claim(Span("d", 0, 40), "Those detained were all farmers."), "detained")
    'civilians'
    """
    words, text = _words(), claim.text.lower()
    found = set()
    for match in _copular(group).finditer(text):
        before = text[:match.start()].split()[-3:]
        if _partial(before):
            continue  # "some of those detained were fighters": a few of them
        none_of = len(before) >= 2 and before[-1] == "of" and before[-2] in discourse().negative_pronouns
        negated = bool(match.group(1)) or claim.polarity == "denied" or none_of  # "none of those detained were"
        found |= _status_of(match.group(2), negated)
    for match in _most_of_them().finditer(text):
        if _act_before(claim, match.start()) == group:
            found |= _status_of(match.group(2), bool(match.group(1)) or claim.polarity == "denied")
    if group == "killed":
        found |= {"combatants" for phrase in words["threat"] if phrase in text}
        found |= {"civilians" for phrase in words["no_threat"] if phrase in text}
        if not found and claim.polarity != "denied":
            found |= {"civilians" for p in claim.propositions if p.predicate in words["harms"] and not p.negated
                      and p.patient_head in words["civilian"] and not _none(p.patient)}
    return found.pop() if len(found) == 1 else None


def _partial(before: list[str]) -> bool:
    """The words before a group's phrase say only a few of it: "some of", "a few of", "not all of"."""
    if not before or before[-1] != "of":
        return False
    head = before[:-1]
    return any(" ".join(head[-n:]) in _words()["partial"] for n in (1, 2) if len(head) >= n)


def _status_of(said: str, negated: bool) -> set[str]:
    """The status a few words give ("all armed men": combatants), flipped when negated; none when a hedge
    qualifies them ("possibly fighters") or they name both."""
    words = set(_WORD.findall(said))
    if words & discourse().hedge_words or words & discourse().hedge_modals:
        return set()
    found = {status for status, key in zip(_STATUS, ("civilian", "combatant"), strict=True) if words & _words()[key]}
    if len(found) != 1:
        return set()
    return {_STATUS[1 - _STATUS.index(found.pop())]} if negated else found


def _act_before(claim: Claim, at: int) -> str | None:
    """The group whose act's target comes last before ``at`` in the claim's text ("detained 150 men, many of
    them ...": "detained"), or None."""
    text, best, group = claim.text.lower(), -1, None
    for p in claim.propositions:
        if p.negated or not p.patient:
            continue
        if p.patient_span is not None:
            end = p.patient_span[0] - claim.span.start if p.patient_span[1] - claim.span.start <= at else -1
        else:  # a proposition given without offsets: the last whole-word occurrence of its target
            end = max((m.start() for m in re.finditer(rf"\b{re.escape(p.patient.lower())}\b", text[:at])), default=-1)
        owner = next((g for g, spec in _groups().items() if p.predicate in spec["acts"]), None)
        if end > best and owner is not None:
            best, group = end, owner
    return group


def _none(phrase: str | None) -> bool:
    return (phrase or "").lower().startswith(("no ", "not ", "none", "nobody"))


@dataclass(frozen=True)
class Contested:
    """A group whose status independent voices contest: the claims (indices) on each side."""

    group: str
    civilians: tuple[int, ...]
    combatants: tuple[int, ...]


def contested_groups(ctx: Context) -> tuple[Contested, ...]:
    """Each group ("killed", "detained") that one origin calls civilians and another fighters, each side
    with an origin the other lacks."""
    found = []
    for group in _groups():
        sides: dict[str, list[int]] = {s: [] for s in _STATUS}
        for i, claim in enumerate(ctx.claims):
            status = stated_status(claim, group)
            if status is not None:
                sides[status].append(i)
        civilians, combatants = ({ctx.origin(ctx.claims[i]) for i in sides[s]} for s in _STATUS)
        if civilians - combatants and combatants - civilians:
            found.append(Contested(group, tuple(sides["civilians"]), tuple(sides["combatants"])))
    return tuple(found)


def victims(ctx: Context, contested: tuple[Contested, ...] | None = None,
            restated: Iterable[Restated] = ()) -> list[Dispute]:
    """One dispute per contested group (``contested_groups``, computed when not given); ``restated`` are one
    source's figures of one number for different victims (``numeric.restated_numbers``), whose categories join
    the positions of their group."""
    disputes = []
    for c in contested_groups(ctx) if contested is None else contested:
        words = ctx.wording["victims"]["groups"][c.group]
        figs = [f for r in restated if r.event == c.group for f in r.figures if f.category in _CATEGORY_STATUS]
        positions = tuple(_with_figures(ctx, ctx.position(words[status], claims),
                                        [f for f in figs if _CATEGORY_STATUS[f.category] == status])
                          for status, claims in (("civilians", c.civilians), ("combatants", c.combatants)))
        disputes.append(Dispute(id="", kind="victims", question=words["question"], summary=words["summary"].format(
            combatants=ctx.named(ctx.outlets(ctx.claims[i] for i in c.combatants)),
            civilians=ctx.named(ctx.outlets(ctx.claims[i] for i in c.civilians))), positions=positions))
    return disputes


def _with_figures(ctx: Context, position: Position, figs: list[Figure]) -> Position:
    """A position of claims with the figures that give the same answer."""
    if not figs:
        return position
    more = ctx.figure_position(position.label, figs)
    return Position(label=position.label, evidence=position.evidence + more.evidence,
                    outlets=tuple(dict.fromkeys(position.outlets + more.outlets)),
                    voices=tuple(dict.fromkeys(position.voices + more.voices)))


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
        military=ctx.named(ctx.outlets(ctx.claims[i] for i in sides["military"])),
        civilian=ctx.named(ctx.outlets(ctx.claims[i] for i in sides["civilian"]))),
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

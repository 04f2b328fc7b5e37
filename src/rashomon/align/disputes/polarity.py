"""Polarity disputes: a source denies what other reports affirm — one question about one proposition.

A denial counts only when it has a voice: the speaker found by ``analyze/voices.py``, or a report that
speaks in its own name (``Context.speaks``). An outlet is never shown denying what it did not deny.
The question is asked about the denied act (a :class:`~rashomon.model.Proposition`,
``questions.act_question``), never by quoting a sentence. A denial whose parse names no act ("all claims
of massacres against the X community are false") may take the act of an affirming claim only when the
denial *covers* it: its words name an act of the same class and a word of that act's target
(:func:`covers`). Denials of the same act are one stance. Each is matched to affirming claims of
*other* origins that assert the act — through the act index, or among the denial's close neighbours —
never through similarity alone: a neighbour stating no act, or another act, is not evidence that the
denied act happened. A doer named by a pronoun ("its forces", "our army") is the denier's side when that
side is known; otherwise nothing is asked: dropping the doer would turn "we did not fire" into "was it
fired at all?". What was fired must agree (``fires_what``: "fired tear gas" answers no denial of live
rounds); a denied manner ("did not clear the square by force") is asked with its manner and answered only
where the manner is shown, or by the denier's own side admitting a wrong (:func:`_admissions`). A side's
own denial of an act that a perpetrator dispute already asks about is left to it (:func:`_folded`). With an NLI model,
an affirming claim is kept only when the model also finds the two contradict.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from functools import lru_cache

from ... import lang
from ...analyze.lexicon import lexicon
from ...model import Claim, Dispute, Harm, Proposition
from ..contradiction import StructuralScorer
from ..names import unnamed_words
from .context import Context, act_keys
from .perpetrator import contests
from .questions import act_question, pronominal

_PUNCT = re.compile(r"[^\w\s-]")


def polarity(ctx: Context) -> list[Dispute]:
    disputes = []
    accused = _accused(ctx)
    for group in _denial_groups(ctx):
        affirmers = _affirmers(ctx, group)
        admissions = _admissions(ctx, group, set(affirmers))
        if not affirmers and not admissions:
            continue
        best = sorted(affirmers, key=affirmers.__getitem__, reverse=True)[: ctx.settings.max_evidence]
        question = _question(ctx, group, best)
        if question is None or _folded(ctx, group, best, accused):
            continue
        words = ctx.wording["polarity"]
        deniers = ctx.named(ctx.voice(ctx.claims[i]).label for i in group)
        answers = best + admissions[: max(1, ctx.settings.max_evidence - len(best))]
        disputes.append(Dispute(
            id="", kind="polarity", question=question,
            summary=words["summary"].format(deniers=deniers,
                                            reporters=ctx.named(ctx.outlets(ctx.claims[i] for i in answers))),
            positions=(ctx.position(words["denies"], group),
                       ctx.position(words["affirms_or_admits" if admissions else "affirms"], answers)),
            strength=max([*affirmers.values(), *([1.0] if admissions else [])]),
            sources=tuple(dict.fromkeys(v.source_id for i in group + answers
                                        if (v := ctx.voice(ctx.claims[i])).source_id))))
    return disputes


def _admissions(ctx: Context, group: list[int], taken: set[int]) -> list[int]:
    """Claims of other origins in which the deniers' own side admits a wrong ("acknowledged that its
    forces committed violations", "we regret that mistakes happened": ``discourse.admission``), when the
    denials deny a manner that such an admission answers ("we did not clear the square by force")."""
    claims = ctx.claims
    if ctx.side_of is None or not any(_manner(p.manner)["admitted"] for i in group
                                      for p in claims[i].propositions[:1] if p.manner):
        return []
    sides = {side for i in group if (side := _speaker_side(ctx, claims[i])) is not None}
    origins = {ctx.origin(claims[i]) for i in group}
    words = lang.read("discourse")["admission"]
    verbs, wrongs = set(words["verbs"]), set(words["wrongs"])
    return [j for j, c in enumerate(claims) if j not in taken and c.polarity == "affirmed" and not c.hedged
            and ctx.origin(c) not in origins and set(c.terms) & verbs and set(c.terms) & wrongs
            and _speaker_side(ctx, c) in sides]


def _speaker_side(ctx: Context, claim: Claim) -> str | None:
    """The side of the claim's speaker, or None."""
    if not claim.attributed_to or ctx.side_of is None:
        return None
    return ctx.side_of(claim.doc_id, Harm("", (claim.span.start, claim.span.end), agent=claim.attributed_to[0]))


def _doer_side(ctx: Context, claim: Claim, prop: Proposition) -> str | None:
    """The side of the act's doer: the speaker's for a pronoun ("its police", :func:`_speaker_as_doer`),
    else the side the doer's name is placed on; None when unknown."""
    if ctx.side_of is None or not prop.agent:
        return None
    asked = _speaker_as_doer(ctx, claim, prop)
    if asked is not prop:
        return asked.agent
    return None if pronominal(prop.agent) else ctx.side_of(claim.doc_id, _doer(prop))


def _accused(ctx: Context) -> dict[str, frozenset[str]]:
    """Class of act -> the sides a perpetrator dispute sets against each other for an act of that class
    (:func:`.perpetrator.contests`; harm to civilians in general is not one act)."""
    accused: dict[str, set[str]] = defaultdict(set)
    for target, (first, second, _) in contests(ctx).items():
        if target != "civilians":
            accused[target.split(":")[0]] |= first | second
    return {cls: frozenset(sides) for cls, sides in accused.items()}


def _folded(ctx: Context, group: list[int], best: list[int], accused: dict[str, frozenset[str]]) -> bool:
    """The question is one a perpetrator dispute already asks: the deniers' side, accused of an act of the
    same class, denies doing it ("Did A strike the station?" beside "Who struck the station: A or B?")."""
    claims = ctx.claims
    acts = [_speaker_as_doer(ctx, claims[i], p) for i in group for p in claims[i].propositions[:1]] or [
        q for j in best for q in claims[j].propositions if any(covers(claims[i], q) for i in group)][:1]
    for act in acts:
        doer = act.agent if act.agent in accused.get(act.predicate, ()) else _doer_side(ctx, claims[group[0]], act)
        if doer in accused.get(act.predicate, ()) and any(_speaker_side(ctx, claims[i]) == doer for i in group):
            return True
    return False


def _denial_groups(ctx: Context) -> list[list[int]]:
    """Voiced denials that say the same thing: close neighbours denying the same act, or naming none; and
    denials that one side fired a kind of ``instrument_kinds`` ("police never fired a live round", "not a
    single bullet was fired by the brigade"), blocked by (class, kind, side): no pairs across."""
    sims, idx = ctx.neighbours
    claims = ctx.claims
    denials = [i for i, c in enumerate(claims) if c.polarity == "denied" and ctx.speaks(c)]
    parent = {i: i for i in denials}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in denials:
        for s, j in zip(sims[i], idx[i], strict=True):
            j = int(j)
            if j >= 0 and j in parent and s >= ctx.settings.denials_merge and _compatible(claims[i], claims[j]):
                parent[root(j)] = root(i)
    firings: dict[tuple[str, str, str], int] = {}
    for i in denials:
        for key in _firing_keys(ctx, claims[i]):
            parent[root(i)] = root(firings.setdefault(key, i))
    merged: dict[int, list[int]] = defaultdict(list)
    for i in denials:
        merged[root(i)].append(i)
    return list(merged.values())


def _firing_keys(ctx: Context, denial: Claim) -> set[tuple[str, str, str]]:
    """(class, kind, side) of the denial's first act when it names a kind fired and a doer placed on a side."""
    keys = set()
    for prop in denial.propositions[:1]:
        side = _doer_side(ctx, denial, prop)
        if side is not None and prop.manner is None:
            keys |= {(prop.predicate, kind, side) for kind in set(prop.instruments) & _listed_kinds()}
    return keys


def _compatible(a: Claim, b: Claim) -> bool:
    """Not about two different acts: when both name acts, one act of ``a`` is one of ``b``'s, in the same
    manner ("did not clear the square" and "not by force" are two questions), firing the same kind."""
    if not a.propositions or not b.propositions:
        return True
    return any(_named(p).same_act(_named(q)) and p.manner == q.manner and _same_kinds(p, q)
               for p in a.propositions for q in b.propositions)


def _same_kinds(p: Proposition, q: Proposition) -> bool:
    first, second = set(p.instruments) & _listed_kinds(), set(q.instruments) & _listed_kinds()
    return not first or not second or bool(first & second)


def _named(prop: Proposition) -> Proposition:
    """``prop`` with its target's head as its group of people names it ("demonstrator" -> "protester",
    ``same_people``), so that two words for the same people are one target."""
    head = _same_people().get(prop.patient_head or "")
    return replace(prop, patient_head=head) if head else prop


@lru_cache(maxsize=1)
def _same_people() -> dict[str, str]:
    return {word: group[0] for group in lang.read("propositions")["same_people"] for word in group}


def _asserts(ctx: Context, denial: Claim, other: Claim) -> bool:
    """``other`` asserts, not negated, an act that ``denial`` names, by no doer of another side ("the
    militia shelled the clinic" affirms nothing the army denied doing), in the manner the denial denies
    (:func:`_shows`). When only one of the two parses
    names an act, the other's words must cover it (:func:`covers`), and a denied act with a doer needs a parse
    of the affirming act (its doer is checked); when neither names an act, nothing is asserted."""
    if denial.propositions and other.propositions:
        for p in denial.propositions:
            acts = [q for q in other.propositions if _answers(ctx, denial, p, other, q)]
            if acts and not any(_other_side(ctx, denial, p, other, q) for q in acts):
                return True
        return False
    if denial.propositions:  # "the massacre in Tarn left forty dead": no parse of an act, no doer to check
        return any(covers(other, p) for p in denial.propositions if not p.agent and not p.manner)
    return any(not q.negated and covers(denial, q) for q in other.propositions)


def _answers(ctx: Context, denial: Claim, denied: Proposition, other: Claim, affirmed: Proposition) -> bool:
    """``affirmed`` answers yes to the question of ``denied``: it establishes the act, or states the same
    firing of the same kind by a doer of the same side ("officers of the brigade fired live rounds" for
    "police never fired a live round"); a denied manner ("not by force") needs the claim to show it."""
    if denied.manner is not None:
        return not affirmed.negated and _shows(denied.manner, other) and (
            establishes(affirmed, denied) or _manner_act(denied, affirmed))
    if establishes(affirmed, denied):
        return not _whose_unsaid(ctx, denial, denied, other, affirmed)
    if affirmed.negated or affirmed.predicate != denied.predicate or not set(denied.instruments) & _listed_kinds():
        return False
    if not fires_what(denied, affirmed) or ctx.side_of is None or not denied.agent or not affirmed.agent:
        return False
    if denied.patient_head and affirmed.patient_head and _named(denied).patient_head != _named(affirmed).patient_head:
        return False
    first = _doer_side(ctx, denial, denied)
    return first is not None and first == ctx.side_of(other.doc_id, _doer(affirmed))


def _whose_unsaid(ctx: Context, denial: Claim, denied: Proposition, other: Claim, affirmed: Proposition) -> bool:
    """The two acts are one only by their doers' head word (a target is missing), and the affirmed doer says
    not whose it is: "the missile hit" does not answer "did a Norlandic missile hit the town?"."""
    if denied.patient_head and affirmed.patient_head or not denied.agent or not affirmed.agent or ctx.side_of is None:
        return False
    return _doer_side(ctx, denial, denied) is not None and ctx.side_of(other.doc_id, _doer(affirmed)) is None


def _manner_act(denied: Proposition, affirmed: Proposition) -> bool:
    """An act that itself shows the manner, on the denied act's target ("stormed the camp" for "did not
    clear the camp by force": ``manners.shown_by``)."""
    return (affirmed.predicate in _manner(denied.manner or "")["shown_by"] and bool(denied.patient_head)
            and _named(denied).patient_head == _named(affirmed).patient_head)


def _shows(manner: str, claim: Claim) -> bool:
    """The claim says an act was done in ``manner``: an act with that manner, an act of a class that shows
    it ("shot dead" shows force), or one of its words anywhere in the claim ("forcibly removing it")."""
    entry = _manner(manner)
    if any(not q.negated and (q.manner == manner or q.predicate in entry["shown_by"]) for q in claim.propositions):
        return True
    text = " " + " ".join(_PUNCT.sub(" ", claim.text.lower()).split()) + " "
    return any(f" {w} " in text for w in entry["words"])


def _manner(kind: str) -> dict:
    return lang.read("propositions")["manners"].get(kind, {"shown_by": [], "words": [], "admitted": False})


def _other_side(ctx: Context, denial: Claim, denied: Proposition, other: Claim, affirmed: Proposition) -> bool:
    """The affirmed act's doer is not the denied act's side: placed on another side, or said to be unknown
    ("unidentified gunmen shelled the camp" says nothing of what the army denied doing; ``unidentified_doers``).
    A pronoun doer of a denial is the denier's side."""
    if ctx.side_of is None or not denied.agent or not affirmed.agent or pronominal(affirmed.agent):
        return False
    asked = _speaker_as_doer(ctx, denial, denied)
    first = asked.agent if asked is not denied else ctx.side_of(denial.doc_id, _doer(denied))
    second = ctx.side_of(other.doc_id, _doer(affirmed))
    if first is None or second == first:
        return False
    return second is not None or bool(set(affirmed.agent.lower().split()) & _unidentified())


def _doer(prop: Proposition) -> Harm:
    return Harm(prop.verb, prop.agent_span or (0, 0), agent=prop.agent, agent_span=prop.agent_span)


def establishes(affirmed: Proposition, denied: Proposition) -> bool:
    """``affirmed`` states, not negated, the act ``denied`` denies: the same act, or one that entails it on
    the same target ("killed the villagers" establishes "attacked the villagers"; ``entailed_by``); a
    distinct act ("raped") only by its own verb or noun (``distinct_acts``). A doer that is anyone at all
    ("anyone found to have harmed civilians") states nothing (``indefinite_doers``)."""
    if affirmed.negated or affirmed.agent_head in _indefinite() or not fires_what(denied, affirmed):
        return False
    names = _distinct().get(denied.verb)
    if names is not None and affirmed.verb not in names:
        return False  # "no one was raped" is not answered by "beat the marchers"
    if affirmed.predicate != denied.predicate and affirmed.predicate in _entailed_by().get(denied.predicate, ()):
        affirmed = replace(affirmed, predicate=denied.predicate)
    return _named(denied).same_act(_named(affirmed)) or (
        affirmed.predicate == denied.predicate and same_people(denied, affirmed))


def fires_what(denied: Proposition, affirmed: Proposition) -> bool:
    """What the denial says was not fired, when it names a kind of ``instrument_kinds``, is what the
    affirmation says was ("never fired live rounds" is answered by "fired tear gas and then live rounds",
    not by "fired tear gas")."""
    wanted = set(denied.instruments) & _listed_kinds()
    return not wanted or bool(wanted & set(affirmed.instruments))


@lru_cache(maxsize=1)
def _listed_kinds() -> frozenset[str]:
    return frozenset(lang.read("propositions")["instrument_kinds"])


def same_people(denied: Proposition, affirmed: Proposition) -> bool:
    """Both targets are people of one named community: "Sevrani civilians" and "men from a Sevrani family"
    (a capitalised modifier of the denied target in the other's words, both heads nouns of people whose
    categories agree or one of which is anyone: "civilians" never matches "soldiers")."""
    marks = {w.strip("'’\"") for w in (denied.patient or "").split()[:-1]
             if w[:1].isupper() and w.lower() not in unnamed_words()}
    if not marks or not affirmed.patient or not marks & set(affirmed.patient.replace("’", "'").split()):
        return False
    categories = lexicon().category_nouns
    kinds = {categories.get(denied.patient_head or ""), categories.get(affirmed.patient_head or "")}
    return None not in kinds and (len(kinds) == 1 or "people" in kinds)


@lru_cache(maxsize=1)
def _unidentified() -> frozenset[str]:
    return lang.words(lang.read("propositions")["unidentified_doers"])


@lru_cache(maxsize=1)
def _distinct() -> dict[str, frozenset[str]]:
    """A distinct act's verb -> the words that state it: the verb and its nouns (``distinct_acts``)."""
    return {verb: frozenset([verb, *nouns]) for verb, nouns in lang.read("propositions")["distinct_acts"].items()}


@lru_cache(maxsize=1)
def _indefinite() -> frozenset[str]:
    return lang.words(lang.read("propositions")["indefinite_doers"])


@lru_cache(maxsize=1)
def _entailed_by() -> dict[str, frozenset[str]]:
    return {cls: frozenset(by) for cls, by in lang.read("propositions")["entailed_by"].items()}


def covers(claim: Claim, act: Proposition) -> bool:
    """The claim's words name ``act``: a word of the act's class ("massacres" for kill, "targeted" for
    attack) and a content word of its target ("the X community" covers "X civilians")."""
    terms = set(claim.terms)
    if not terms & _act_words().get(act.predicate, frozenset()):
        return False
    target = {w.lower().strip(".,;:'’\"") for w in (act.patient or "").split()} | {act.patient_head or ""}
    target |= {w[:-1] for w in target if w.endswith("s")}  # a plural head against a term's lemma
    return bool(terms & target)


@lru_cache(maxsize=1)
def _act_words() -> dict[str, frozenset[str]]:
    raw = lang.read("propositions")
    words: dict[str, set[str]] = defaultdict(set)
    for table in (raw["predicates"], raw["event_nouns"]):
        for cls, lemmas in table.items():
            words[cls] |= set(lemmas)
    return {cls: frozenset(ws) for cls, ws in words.items()}


def _affirmers(ctx: Context, group: list[int]) -> dict[int, float]:
    """The affirming claims about the act the denials of ``group`` deny, each of another origin than the
    denial it answers (a wire story carrying the ministry's denial and witnesses' account holds both
    sides), with a score:
    the same act scores 1, a close neighbour its similarity."""
    sims, idx = ctx.neighbours
    claims = ctx.claims
    affirmers: dict[int, float] = {}
    for i in group:
        origins = {ctx.origin(claims[i])}
        for s, j in zip(sims[i], idx[i], strict=True):
            j = int(j)
            if j < 0 or s < ctx.settings.polarity_similarity or not _affirms(ctx, claims[j], origins):
                continue
            if not _asserts(ctx, claims[i], claims[j]) or not ctx.shares_content(claims[i], claims[j]):
                continue
            affirmers[j] = max(affirmers.get(j, 0.0), float(s))
        affirmers.update({j: 1.0 for j in _same_act(ctx, claims[i], origins)})
    if affirmers and not isinstance(ctx.scorer, StructuralScorer):
        candidates = list(affirmers)
        scores = ctx.scorer.contradiction([(claims[group[0]], claims[j]) for j in candidates])
        affirmers = {j: affirmers[j] for j, p in zip(candidates, scores, strict=True)
                     if p >= ctx.settings.nli_contradiction}
    return affirmers


def _affirms(ctx: Context, claim: Claim, origins: set[str]) -> bool:
    """An affirmed claim of another origin that does not negate every act it names."""
    if claim.polarity != "affirmed" or ctx.origin(claim) in origins:
        return False
    return not claim.propositions or not all(p.negated for p in claim.propositions)


def _same_act(ctx: Context, denial: Claim, origins: set[str]) -> list[int]:
    """Affirmed claims of other origins asserting an act the denial denies (blocked by the act's class)."""
    found: dict[int, None] = {}
    limit = ctx.settings.max_evidence * 4  # enough to choose the evidence from; bounds the work per denial
    for prop in denial.propositions:
        keys = [(cls, role, word) for cls, role, head in act_keys(prop) for word in _words_for(role, head)]
        keys += [(cls, role, head) for cls in _entailed_by().get(prop.predicate, ()) for _, role, head in keys]
        if prop.manner:  # "stormed the camp" answers "was the camp cleared by force?"
            keys += [(cls, role, head) for cls in _manner(prop.manner)["shown_by"] for _, role, head in keys
                     if role == "patient"]
        for key in keys:
            for j in ctx.claims_by_act.get(key, ()):
                other = ctx.claims[j]
                if j not in found and _affirms(ctx, other, origins) and _asserts(ctx, denial, other):
                    found[j] = None
                    if len(found) >= limit:
                        return list(found)
    return list(found)


def _words_for(role: str, head: str) -> list[str]:
    """The head words an act's target may be written with (``same_people``); a doer's head as it is."""
    group = _same_people().get(head) if role == "patient" else None
    return [head] if group is None else [w for w, g in _same_people().items() if g == group]


def _speaker_as_doer(ctx: Context, denial: Claim, prop: Proposition) -> Proposition:
    """ "The ministry denied that its missiles struck the station", "'our forces did not fire', the
    spokesman said": the denier speaks for the doer, so the doer is the side the denier is on. Unchanged
    when the doer is named, or the denier's side is unknown (the question is then not asked)."""
    if not prop.agent or not pronominal(prop.agent):
        return prop
    side = _speaker_side(ctx, denial)
    return replace(prop, agent=side, agent_head=None, agent_span=None) if side else prop


def _question(ctx: Context, group: list[int], best: list[int]) -> str | None:
    """From the first denied act that makes a question, else from an affirmed act the denials cover;
    None when none does: never by quoting the report's clause (issue 13)."""
    named = [(prop, _speaker_as_doer(ctx, ctx.claims[i], prop)) for i in group
             for prop in ctx.claims[i].propositions[:1]]
    if named:
        return next((q for prop, asked in named if (q := act_question(asked, asked is not prop)) is not None), None)
    for j in best:
        for prop in ctx.claims[j].propositions:
            if any(covers(ctx.claims[i], prop) for i in group) and (question := act_question(prop)):
                return question
    return None

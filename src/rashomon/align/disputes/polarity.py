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
fired at all?". With an NLI model,
an affirming claim is kept only when the model also finds the two contradict.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from functools import lru_cache

from ... import lang
from ...analyze.lexicon import lexicon
from ...model import Claim, Dispute, Harm, Proposition
from ..contradiction import StructuralScorer
from ..names import unnamed_words
from .context import Context, act_keys
from .questions import act_question, pronominal


def polarity(ctx: Context) -> list[Dispute]:
    disputes = []
    for group in _denial_groups(ctx):
        affirmers = _affirmers(ctx, group)
        if not affirmers:
            continue
        best = sorted(affirmers, key=affirmers.__getitem__, reverse=True)[: ctx.settings.max_evidence]
        question = _question(ctx, group, best)
        if question is None:
            continue
        words = ctx.wording["polarity"]
        deniers = ", ".join(dict.fromkeys(ctx.voice(ctx.claims[i]).label for i in group))
        disputes.append(Dispute(
            id="", kind="polarity", question=question,
            summary=words["summary"].format(deniers=deniers,
                                            reporters=", ".join(ctx.outlets(ctx.claims[i] for i in best))),
            positions=(ctx.position(words["denies"], group), ctx.position(words["affirms"], best)),
            strength=max(affirmers.values()),
            sources=tuple(dict.fromkeys(v.source_id for i in group + best
                                        if (v := ctx.voice(ctx.claims[i])).source_id))))
    return disputes


def _denial_groups(ctx: Context) -> list[list[int]]:
    """Voiced denials that say the same thing: close neighbours denying the same act, or naming none."""
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
    merged: dict[int, list[int]] = defaultdict(list)
    for i in denials:
        merged[root(i)].append(i)
    return list(merged.values())


def _compatible(a: Claim, b: Claim) -> bool:
    """Not about two different acts: when both name acts, one act of ``a`` is one of ``b``'s."""
    if not a.propositions or not b.propositions:
        return True
    return any(_named(p).same_act(_named(q)) for p in a.propositions for q in b.propositions)


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
    militia shelled the clinic" affirms nothing the army denied doing). When only one of the two parses
    names an act, the other's words must cover it (:func:`covers`), and a denied act with a doer needs a parse
    of the affirming act (its doer is checked); when neither names an act, nothing is asserted."""
    if denial.propositions and other.propositions:
        for p in denial.propositions:
            acts = [q for q in other.propositions if establishes(q, p)]
            if acts and not any(_other_side(ctx, denial, p, other, q) for q in acts):
                return True
        return False
    if denial.propositions:  # "the massacre in Tarn left forty dead": no parse of an act, no doer to check
        return any(covers(other, p) for p in denial.propositions if not p.agent)
    return any(not q.negated and covers(denial, q) for q in other.propositions)


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
    if affirmed.negated or affirmed.agent_head in _indefinite():
        return False
    names = _distinct().get(denied.verb)
    if names is not None and affirmed.verb not in names:
        return False  # "no one was raped" is not answered by "beat the marchers"
    if affirmed.predicate != denied.predicate and affirmed.predicate in _entailed_by().get(denied.predicate, ()):
        affirmed = replace(affirmed, predicate=denied.predicate)
    return _named(denied).same_act(_named(affirmed)) or (
        affirmed.predicate == denied.predicate and same_people(denied, affirmed))


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
    """The affirming claims of other origins about the act the denials of ``group`` deny, with a score:
    the same act scores 1, a close neighbour its similarity."""
    sims, idx = ctx.neighbours
    claims = ctx.claims
    origins = {ctx.origin(claims[i]) for i in group}
    affirmers: dict[int, float] = {}
    for i in group:
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
    if not prop.agent or not pronominal(prop.agent) or not denial.attributed_to or ctx.side_of is None:
        return prop
    side = ctx.side_of(denial.doc_id, Harm("", (denial.span.start, denial.span.end), agent=denial.attributed_to[0]))
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

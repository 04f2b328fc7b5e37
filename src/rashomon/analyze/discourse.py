"""One home for the discourse words every extractor reads: negation, hedges, denial and blame verbs.

The figure, claim and mention extractors ask this module whether a word is negated, what negates it,
whether a clause is hedged; the words themselves are in ``lang/en/discourse.json``. Negation covers the
negator on a verb or noun ("did not kill", "never targeted"), negative quantifiers ("not a single
civilian", "no civilians", "nobody"), contrast ("not random killings but executions": the negation
stays with the first conjunct, the second is asserted) and litotes ("not uncommon": affirmed).

>>> sorted(discourse().denial_verbs)[:3]
['contradict', 'debunk', 'deny']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from .. import lang


@dataclass(frozen=True)
class Discourse:
    """The discourse words of one language (see ``lang/en/discourse.json``)."""

    negators: frozenset[str]
    not_denial_after: frozenset[str]
    quantifier_heads: frozenset[str]
    negative_pronouns: frozenset[str]
    contrast: frozenset[str]
    litotes: frozenset[str]
    norm_modals: frozenset[str]
    scene_preps: frozenset[str]
    hedge_words: frozenset[str]
    hedge_modals: frozenset[str]
    hedge_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    hedge_passive_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    calling_verbs: frozenset[str]
    involvement_nouns: frozenset[str]
    blame_verbs: frozenset[str]
    open_marks: frozenset[str]


@lru_cache(maxsize=1)
def discourse() -> Discourse:
    """The discourse words, read once from ``lang/en/discourse.json``."""
    raw = lang.read("discourse")
    neg, hedge, denial = raw["negation"], raw["hedges"], raw["denial"]
    return Discourse(
        negators=lang.words(neg["negators"]), not_denial_after=lang.words(neg["not_denial_after"]),
        quantifier_heads=lang.words(neg["quantifier_heads"]), negative_pronouns=lang.words(neg["negative_pronouns"]),
        contrast=lang.words(neg["contrast"]), litotes=lang.words(neg["litotes"]),
        norm_modals=lang.words(neg["norm_modals"]), scene_preps=lang.words(neg["scene_preps"]),
        hedge_words=lang.words(hedge["words"]), hedge_modals=lang.words(hedge["modals"]),
        hedge_verbs=lang.words(hedge["verbs"]), claim_verbs=lang.words(hedge["claim_verbs"]),
        hedge_passive_verbs=lang.words(hedge["passive_verbs"]),
        denial_verbs=lang.words(denial["verbs"]), calling_verbs=lang.words(denial["calling_verbs"]),
        involvement_nouns=lang.words(denial["involvement_nouns"]), blame_verbs=lang.words(raw["blame"]["verbs"]),
        open_marks=lang.words(raw["open_marks"]),
    )


def _next(tok: Token) -> Token | None:
    return tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None


def negator(tok: Token) -> Token | None:
    """The word negating ``tok`` ("not", "n't", "never"), or None. "no longer", "not only", "not just"
    negate nothing; a litotes ("not uncommon") is an affirmation, so it is no negator either; nor does a
    rule deny a fact ("forces must not attack civilians", ``norm_modals``)."""
    words = discourse()
    if any(c.dep_ == "aux" and c.lower_ in words.norm_modals for c in tok.children):
        return None
    for child in tok.children:
        if child.dep_ != "neg" and not (child.dep_ == "advmod" and child.lower_ == "never"):
            continue
        nxt = _next(child)
        if nxt is not None and nxt.lower_ in words.not_denial_after:
            continue
        if any(n.lower_ in words.not_denial_after for n in child.rights):
            continue
        if litotes(child):
            continue
        return child
    return None


def is_open(verb: Token, reach: bool = False) -> bool:
    """The verb's clause is opened by "whether" or "if" (``open_marks``: "unclear whether X was behind it")
    and asserts nothing; with ``reach``, also when a clause it hangs in is."""
    marks = discourse().open_marks
    return any(c.dep_ == "mark" and c.lower_ in marks for t in (verb, *(verb.ancestors if reach else ()))
               for c in t.children)


def is_negated(tok: Token) -> bool:
    """``tok`` carries a negator (see :func:`negator`)."""
    return negator(tok) is not None


def litotes(neg: Token) -> bool:
    """A negator right before a negative word ("not uncommon", "not unlikely", "not without"): an affirmation."""
    nxt = _next(neg)
    if nxt is not None and nxt.lower_ in ("so", "entirely", "completely", "altogether"):
        nxt = _next(nxt)
    return nxt is not None and nxt.lower_ in discourse().litotes


def quantifier_negation(noun: Token) -> str | None:
    """The words saying that none of ``noun`` is meant: "not a single civilian", "not one soldier", "no
    civilians", "none of the villagers", "nobody"; None otherwise."""
    words = discourse()
    if noun.lower_ in words.negative_pronouns:
        return noun.text
    for child in noun.children:
        if child.dep_ == "det" and child.lower_ == "no":
            return f"{child.text} {noun.text}"
        if child.dep_ in ("amod", "nummod") and child.lower_ in words.quantifier_heads:
            neg = next((c for c in noun.children if c.dep_ in ("neg", "advmod") and c.lower_ == "not"), None)
            if neg is None and child.i >= 2 and noun.doc[child.i - 1].lower_ in ("a", "an") \
                    and noun.doc[child.i - 2].lower_ == "not":
                neg = noun.doc[child.i - 2]
            if neg is None and child.i >= 1 and noun.doc[child.i - 1].lower_ == "not":
                neg = noun.doc[child.i - 1]
            if neg is not None:
                return noun.doc[neg.i : child.i + 1].text
    if noun.lower_ == "none" or any(c.lower_ == "none" and c.dep_ in ("nsubj", "nsubjpass") for c in noun.children):
        return "none"
    return None


def contrasted(verb: Token) -> Token | None:
    """In "were not random killings but deliberate executions" (the negator on ``verb``), the conjunct
    the contrast asserts ("executions"); None when the negation has no "but"/"rather" contrast."""
    words = discourse()
    for child in verb.children:
        if child.dep_ not in ("attr", "dobj", "acomp", "oprd", "prep", "advmod", "nsubj"):
            continue
        for conj in child.children:
            if conj.dep_ != "conj":
                continue
            if any(c.dep_ in ("cc", "advmod") and c.lower_ in words.contrast for c in conj.children) or \
                    any(c.dep_ == "cc" and c.lower_ in words.contrast for c in child.children):
                return conj
    for child in verb.children:
        # "X is not a protest, but an uprising" parsed with the second noun on the verb
        if child.dep_ == "cc" and child.lower_ in words.contrast:
            return next((c for c in verb.children if c.dep_ == "conj" and c.i > child.i and c.pos_ != "VERB"), None)
    return None


def hedge_cue(tokens: list[Token], content: Token | None) -> str | None:
    """The word that hedges a clause: a hedging adverb or adjective ("reportedly", "alleged"), a verb that
    only puts the clause forward ("claims", "appears"), "is said to", or a modal on the content verb."""
    words = discourse()
    for tok in tokens:
        low = tok.lower_
        if low in words.hedge_words and (tok.pos_ in ("ADV", "ADJ") or tok.dep_ in ("amod", "advmod", "acomp")):
            return tok.text
        if tok.lemma_.lower() in words.claim_verbs and tok.pos_ == "VERB":
            return tok.text
        # "is said to have", "are believed to be"
        if (tok.lemma_.lower() in words.hedge_passive_verbs or low in words.hedge_passive_verbs) \
                and any(c.dep_ == "auxpass" for c in tok.children) and any(c.dep_ == "xcomp" for c in tok.children):
            return f"{low} to"
    if content is not None:
        for child in content.children:
            if child.dep_ == "aux" and child.lower_ in words.hedge_modals:
                return child.text
    return None

"""What every phase of the mention extractor reads: the parsed report with its sentences, entities,
quotes and datelines indexed once, the mentions found so far, and the small word tests they share."""

from __future__ import annotations

import re
from typing import TypedDict

from spacy.tokens import Doc, Span, Token

from ...lang.actors import ActorLexicon, actor_lexicon
from ..syntax import doc_text

#: dependency labels of the left modifiers that belong to a noun phrase
LEFT_DEPS = frozenset({"det", "amod", "compound", "nmod", "poss", "nummod", "quantmod", "npadvmod", "advmod", "punct",
                       "case", "predet", "nn", "dep", "prep", "pobj"})
QUOTE_CHARS = "\"“”„«»"
#: the kinds of mention that are groups, and those that may be allies or opponents
GROUP_KINDS = frozenset({"armed_group", "state_forces", "government"})
ACTING_KINDS = GROUP_KINDS | {"organisation", "state"}


class Cues(TypedDict, total=False):
    """What the words around a group's head say: whom it is tied to ("of", "affiliation" and its
    preposition "relation"), that it is armed, the uniform it wears."""

    of: Token
    affiliation: Token
    relation: str
    armed: str
    uniform: list[Token]


class Anchor(TypedDict, total=False):
    """The name a group is tied to: its tokens, what kind of name, when, and by which word."""

    anchor_tokens: tuple[int, int]
    anchor_type: str
    tense: str | None
    relation: str | None
    anchor_text: str


class Draft(TypedDict, total=False):
    """A mention while the extractor builds it (links are list positions until it is made a
    :class:`rashomon.model.Mention`, ids then); the keys are the mention's, ``stance`` its ``allegiance``."""

    span: list[int]
    text: str
    head: str
    kind: str
    sentence: list[int]
    role_hint: str | None
    anchor: str | None
    anchor_type: str
    anchor_span: list[int]
    anchor_tense: str | None
    relation: str | None
    stance: str | None
    tense: str | None
    determiner: str | None
    modifiers: list[str]
    norp: list[str]
    name: str | None
    title: str | None
    group: str | None
    ent: str | None
    cue: str
    camp: str
    appos_name: str
    quoted: bool
    subject: bool
    plural: bool
    anaphor: bool
    appositive: bool
    coref_only: bool
    acronym: bool
    first_person: bool
    antecedent: int | None
    alias_of: int | None
    same_as: int | None
    allied_with: list[int]
    opposed_to: list[int]
    token: int
    head_i: int
    possessor_token: int


class Parse:
    """One parsed report, indexed for the extractor: sentence of each token, entity of each token, quoted
    stretches, datelines; ``mentions`` found so far and ``by_head`` (head token -> mention position)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)  # spaCy joins the tokens again on every read of doc.text
        self.lex: ActorLexicon = actor_lexicon()
        self.datelines = datelines(self.text[:2000])
        self.sent_of: list[int] = [0] * len(doc)
        self.sents: list[tuple[int, int]] = []
        for k, sent in enumerate(doc.sents):
            self.sents.append((sent.start_char, sent.end_char))
            for i in range(sent.start, sent.end):
                self.sent_of[i] = k
        self.ent_of: dict[int, Span] = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        self.quotes = quote_intervals(self.text)
        self.mentions: list[Draft] = []
        self.by_head: dict[int, int] = {}
        self.lower_words = frozenset(t.text for t in doc if t.text.islower())

    def mention_at(self, i: int) -> Draft | None:
        """The mention headed by token ``i``, if any."""
        k = self.by_head.get(i)
        return self.mentions[k] if k is not None else None


def lemma(t: Token) -> str:
    """The lower-case lemma, the text itself for a proper noun."""
    return t.lemma_.lower() if t.pos_ != "PROPN" else t.text.lower()


def words(t: Token) -> set[str]:
    """The lemma and the lower-case form (spaCy does not always lemmatise 'militiamen' or 'forces')."""
    return {t.lemma_.lower(), t.text.lower()}


def lefts_of(t: Token) -> list[Token]:
    """Every token of the noun-phrase modifiers left of ``t``."""
    return [x for c in t.lefts if c.dep_ in LEFT_DEPS for x in c.subtree]


def modifier_words(tokens: list[Token]) -> set[str]:
    return {x.lemma_.lower() for x in tokens} | {x.lower_ for x in tokens}


def tense_of(mods: set[str], lex: ActorLexicon) -> str | None:
    """ "former" or "current" as the modifiers date a group or a ruler, else None."""
    return "former" if mods & lex.former else "current" if mods & lex.current else None


def determiner(t: Token) -> str | None:
    return next((c.lower_ for c in t.lefts if c.dep_ == "det"), None)


def is_name(p: Parse, t: Token) -> bool:
    """A capitalised word that is part of a name (not a sentence-initial common noun)."""
    lex = p.lex
    if t.tag_ == "PRP$" or t.lower_ in lex.first_person:
        return False
    if t.pos_ == "PROPN":
        if t.ent_type_ in {"", "PERSON"} and t.lower_ in lex.force_mods:
            return False  # "Riot police", "Border Police": the kind of police, not whose
        # "Riot police" opening a sentence: a capitalised common word, not a name
        return not (opens_sentence(t) and t.ent_type_ in {"", "PERSON"} and (
            t.lower_ in p.lower_words or any(t.lower_ in cues for cues in lex.cued_state.values())))
    if not t.text[:1].isupper() or t.is_sent_start:
        return False
    if t.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
        return True
    # "the Vollen regime": a capitalised modifier the tagger took for a common word
    return t.dep_ in {"compound", "nmod", "poss"} and t.lemma_.lower() not in lex.group_heads \
        and t.lemma_.lower() not in lex.titles and t.lemma_.lower() not in lex.state_mod


def opens_sentence(t: Token) -> bool:
    """The first word of its sentence, quotes and brackets aside."""
    i = t.i
    while i > t.sent.start and (t.doc[i - 1].is_punct or t.doc[i - 1].is_quote):
        i -= 1
    return i == t.sent.start


# a dateline opening a paragraph: "CITY (Agency) —", "CITY, Country (Agency) —", "City, 3 May 2024 —"
_DATELINE = re.compile(r"(?m)^[ \t]*([A-Z][\w'’.\- ]{1,40}?(?:,[^\n—–(]{1,40}?)?(?:\s*\([^)\n]{1,40}\))?)"
                       r"\s*(?:—|–|--)\s")


def datelines(text: str) -> list[tuple[int, int]]:
    """Where a report says where and by whom it was filed ("KORVATH (Reuters) —"), as offsets."""
    out = []
    for m in _DATELINE.finditer(text):
        body = m.group(1)
        first = body.split(",")[0].split("(")[0].split()
        if "(" in body or any(ch.isdigit() for ch in body) or (first and all(w.isupper() for w in first)):
            out.append((m.start(1), m.end(1)))
    return out


def quote_intervals(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` between opening and closing quotation marks."""
    spans, opened = [], None
    for m in re.finditer(r"[\"“”„«»]", text):
        ch = m.group()
        if opened is None and ch != "”" and ch != "»":
            opened = m.start()
        elif opened is not None and ch not in "“„«":
            spans.append((opened, m.end()))
            opened = None
    return spans

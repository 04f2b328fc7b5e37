"""Actor mentions in one parsed report: people, organisations, armed groups, state forces, states, communities.

:func:`extract_mentions` walks the parse once. A mention is a noun phrase headed by a name (a person, an
organisation, a country, a community) or by a noun that names an acting group (forces, troops, fighters,
loyalists, remnants, militias, government, regime ...; see ``lang/en/actors.json``). For each it keeps:

- the natural phrase a researcher would quote ("remnants of the Assad regime", "pro-Assad fighters",
  "security forces aligned with the new regime"): left modifiers, plus the right modifiers that say whom
  the group belongs to, never a coordinated second phrase ("X and Y" gives two mentions);
- the *anchor*, the name the group is tied to ("pro-X", "X loyalists", "loyal to X", "remnants of X's
  regime", "X's forces", "forces aligned with X"), and whether it is dated *former* or *current*;
- a *role hint* from the parse: the subject of a harm verb is an agent, its object a patient, the
  subject of a reporting verb a source;
- links inside the report: "these remnants" and "the organisation" to an earlier mention, "X (ABC)" and
  "X, also known as Y" as aliases, "X, a UK-based monitor" and "X are Y" as other names for X.

Mentions are :class:`rashomon.model.Mention` values; :mod:`rashomon.align.actors` resolves them across reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypedDict

from spacy.tokens import Doc, Span, Token

from .. import lang
from ..model import JSONObject, Mention
from ..model import Span as ModelSpan

__all__ = ["Lexicon", "extract_mentions", "lexicon", "load_data"]


def load_data(name: str) -> JSONObject:
    """One JSON file of the language folder (``rashomon/lang/en``), by its file name."""
    return lang.read(name.removesuffix(".json"))


@dataclass(frozen=True)
class Lexicon:
    """The general vocabulary of ``lang/en/actors.json``, as frozensets of lower-case lemmas."""

    state_force: frozenset[str]
    government: frozenset[str]
    unit: frozenset[str]
    nonstate: frozenset[str]
    loyalty: frozenset[str]
    vague: frozenset[str]
    armed_mod: frozenset[str]
    nonstate_mod: frozenset[str]
    state_mod: frozenset[str]
    former: frozenset[str]
    current: frozenset[str]
    former_context: frozenset[str]
    affil_suffix: frozenset[str]
    affil_adj: dict[str, frozenset[str]]
    affil_of: frozenset[str]
    defence_verbs: frozenset[str]
    uniform: frozenset[str]
    uniform_neg: frozenset[str]
    community: frozenset[str]
    civilian: frozenset[str]
    titles: frozenset[str]
    org_anaphors: frozenset[str]
    state_org_roots: frozenset[str]
    partitive: frozenset[str]
    harm_verbs: frozenset[str]
    harm_nouns: frozenset[str]
    patient_nouns: frozenset[str]
    report_verbs: frozenset[str]
    demonstratives: frozenset[str]
    strip: frozenset[str]
    allied_preps: frozenset[str]
    challenger: frozenset[str]
    challenger_mod: frozenset[str]
    challenger_heads: frozenset[str]
    head_of_state: frozenset[str]
    first_person: frozenset[str]
    force_mods: frozenset[str]
    cued_state: dict[str, frozenset[str]]
    fellowship: frozenset[str]
    generic_force: frozenset[str]
    ruling_heads: frozenset[str]
    official_roles: frozenset[str]

    @property
    def group_heads(self) -> frozenset[str]:
        return self.state_force | self.government | self.unit | self.nonstate | self.vague | self.challenger | \
            self.challenger_heads


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The actor lexicon, loaded once."""
    raw = load_data("actors.json")

    def s(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in raw[key])

    return Lexicon(
        state_force=s("state_force_nouns"), government=s("government_nouns"), unit=s("unit_nouns"),
        nonstate=s("nonstate_armed_nouns"), loyalty=s("loyalty_nouns"), vague=s("vague_armed_nouns"),
        armed_mod=s("armed_modifiers"), nonstate_mod=s("nonstate_modifiers"), state_mod=s("state_modifiers"),
        former=s("former_modifiers"), current=s("current_modifiers"), former_context=s("former_contexts"),
        affil_suffix=s("affiliation_suffixes"),
        affil_adj={k.lower(): frozenset(v) for k, v in raw["affiliation_adjectives"].items()},
        affil_of=s("affiliation_of_heads"), defence_verbs=s("defence_verbs"), uniform=s("uniform_nouns"),
        uniform_neg=s("uniform_negators"), community=s("community_nouns"), civilian=s("civilian_nouns"),
        titles=s("official_titles"), org_anaphors=s("org_anaphors"), state_org_roots=s("state_org_roots"),
        partitive=s("partitive_nouns"), harm_verbs=s("harm_verbs"), harm_nouns=s("harm_nouns"),
        patient_nouns=s("patient_nouns"), report_verbs=s("report_verbs"),
        demonstratives=s("anaphoric_determiners"), strip=s("strip_determiners"),
        allied_preps=s("allied_prepositions"), challenger=s("challenger_nouns"),
        challenger_mod=s("challenger_modifiers"), challenger_heads=s("challenger_group_heads"),
        head_of_state=s("head_of_state_titles"), first_person=s("first_person_possessives"),
        force_mods=s("common_force_modifiers"),
        cued_state={k.lower(): frozenset(v) for k, v in raw["cued_state_nouns"].items()},
        fellowship=s("fellowship_nouns"), generic_force=s("generic_force_nouns"), ruling_heads=s("ruling_heads"),
        official_roles=s("official_roles"),
    )


class _Cues(TypedDict, total=False):
    """What the words around a group's head say: whom it is tied to ("of", "affiliation" and its
    preposition "relation"), that it is armed, the uniform it wears."""

    of: Token
    affiliation: Token
    relation: str
    armed: str
    uniform: list[Token]


class _Anchor(TypedDict, total=False):
    """The name a group is tied to: its tokens, what kind of name, when, and by which word."""

    anchor_tokens: tuple[int, int]
    anchor_type: str
    tense: str | None
    relation: str | None
    anchor_text: str


class _Draft(TypedDict, total=False):
    """A mention while the extractor builds it (links are list positions until :func:`_mention` makes
    them ids); the keys are :class:`rashomon.model.Mention`'s, ``stance`` its ``allegiance``."""

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


# dependency labels of the left modifiers that belong to a noun phrase
_LEFT_DEPS = {"det", "amod", "compound", "nmod", "poss", "nummod", "quantmod", "npadvmod", "advmod", "punct",
              "case", "predet", "nn", "dep", "prep", "pobj"}
# nouns that name a group only when something marks them as armed ("armed men", "men defending the villages")
_NEEDS_CUE = {"man", "men", "group", "element", "individual", "people", "volunteer", "unknown", "youth", "alliance",
              "coalition"}
# verbs that give another name to a group: "armed groups referred to as remnants", "known as"
_NAMING_VERBS = {"refer", "describe", "call", "label", "dub", "brand", "know", "term", "identify", "designate"}
_RAISING = {"allege", "say", "report", "believe", "suspect", "think", "claim", "accuse", "appear", "seem", "expect"}
_QUOTE_CHARS = "\"“”„«»"
_ALIAS_PAREN = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9.&\-]{1,11})\s*\)")
_ALSO_KNOWN = re.compile(r"\s*[,(]?\s*(?:also|better|widely)?\s*(?:known as|aka|a\.k\.a\.|alias)\s+", re.I)


@lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    """Country names and demonyms, lower case, one word each ("israel", "sudanese")."""
    raw = load_data("countries.json")
    words = {w.lower() for w in raw["countries"] + list(raw["aliases"]) if " " not in w}
    return frozenset(words | {d for d in raw["demonyms"] if " " not in d})


def _lemma(t: Token) -> str:
    return t.lemma_.lower() if t.pos_ != "PROPN" else t.text.lower()


def _words(t: Token) -> set[str]:
    """The lemma and the lower-case form (spaCy does not always lemmatise 'militiamen' or 'forces')."""
    return {t.lemma_.lower(), t.text.lower()}


def _is_name(t: Token) -> bool:
    """A capitalised word that is part of a name (not a sentence-initial common noun)."""
    if t.tag_ == "PRP$" or t.lower_ in lexicon().first_person:
        return False
    if t.pos_ == "PROPN":
        # "Riot police" opening a sentence: a capitalised common word, not a name
        if t.ent_type_ in {"", "PERSON"} and t.lower_ in lexicon().force_mods:
            return False  # "Riot police", "Border Police": the kind of police, not whose
        return not (_opens_sentence(t) and t.ent_type_ in {"", "PERSON"} and (
            t.lower_ in _lower_words(t.doc) or any(t.lower_ in cues for cues in lexicon().cued_state.values())))
    if not t.text[:1].isupper() or t.is_sent_start:
        return False
    if t.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
        return True
    # "the Vollen regime": a capitalised modifier the tagger took for a common word
    return t.dep_ in {"compound", "nmod", "poss"} and t.lemma_.lower() not in lexicon().group_heads \
        and t.lemma_.lower() not in lexicon().titles and t.lemma_.lower() not in lexicon().state_mod


def _lower_words(doc: Doc) -> frozenset[str]:
    """The words a report writes in lower case somewhere: common words, whatever their case elsewhere."""
    words = doc.user_data.get("_rashomon_lower")
    if words is None:
        words = frozenset(t.text for t in doc if t.text.islower())
        doc.user_data["_rashomon_lower"] = words
    return words


def _opens_sentence(t: Token) -> bool:
    """The first word of its sentence, quotes and brackets aside."""
    i = t.i
    while i > t.sent.start and (t.doc[i - 1].is_punct or t.doc[i - 1].is_quote):
        i -= 1
    return i == t.sent.start


# a dateline opening a paragraph: "CITY (Agency) —", "CITY, Country (Agency) —", "City, 3 May 2024 —"
_DATELINE = re.compile(r"(?m)^[ \t]*([A-Z][\w'’.\- ]{1,40}?(?:,[^\n—–(]{1,40}?)?(?:\s*\([^)\n]{1,40}\))?)"
                       r"\s*(?:—|–|--)\s")


def _datelines(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _DATELINE.finditer(text):
        body = m.group(1)
        first = body.split(",")[0].split("(")[0].split()
        if "(" in body or any(ch.isdigit() for ch in body) or (first and all(w.isupper() for w in first)):
            out.append((m.start(1), m.end(1)))
    return out


def _quote_intervals(text: str) -> list[tuple[int, int]]:
    spans, opened = [], None
    for m in re.finditer(r"[\"“”„«»]", text):
        ch = m.group()
        if opened is None and ch != "”" and ch != "»":
            opened = m.start()
        elif opened is not None and ch not in "“„«":
            spans.append((opened, m.end()))
            opened = None
    return spans


class _Extractor:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.lex = lexicon()
        self.datelines = _datelines(doc.text[:2000])
        self.sent_of: list[int] = [0] * len(doc)
        self.sents: list[tuple[int, int]] = []
        for k, sent in enumerate(doc.sents):
            self.sents.append((sent.start_char, sent.end_char))
            for i in range(sent.start, sent.end):
                self.sent_of[i] = k
        self.ent_of: dict[int, Span] = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_of[i] = ent
        self.quotes = _quote_intervals(doc.text)
        self.mentions: list[_Draft] = []
        self.by_head: dict[int, int] = {}

    # -- noun-phrase extent --------------------------------------------------------------------------
    def _left(self, t: Token, out: set[int]) -> None:
        for c in t.lefts:
            if c.pos_ == "VERB" and c.dep_ in {"amod", "compound", "nmod"}:
                # "Islamist-led", "regime-aligned", "ousted": the verb and its hyphenated modifier only
                out.add(c.i)
                doc = self.doc
                if c.i >= 2 and doc[c.i - 1].text == "-":
                    out |= {c.i - 1, c.i - 2}
                out |= {x.i for x in c.children if x.dep_ == "advmod" and x.i == c.i - 1}
            elif self._split_left(c):
                for conj in c.children:
                    if conj.dep_ == "conj":
                        out |= {x.i for x in conj.subtree}
            elif c.dep_ in _LEFT_DEPS or (c.dep_ in {"cc", "conj"} and c.pos_ == "ADJ"):
                for x in c.subtree:
                    if x.dep_ not in {"relcl", "appos", "acl", "nsubj"} or x is c:
                        out.add(x.i)

    def _split_left(self, c: Token) -> bool:
        """A left modifier that is a coordinated group of its own ("[the national army] and [X units]")."""
        return c.dep_ in {"nmod", "compound"} and bool(_words(c) & self.lex.group_heads) and \
            any(x.dep_ == "cc" for x in c.children) and any(x.dep_ == "conj" for x in c.children)

    def _rights(self, t: Token) -> list[Token]:
        """Right modifiers of ``t``, giving those placed after a coordinated noun to that noun.

        The parser often hangs "loyal to X" on the first of "forces and fighters loyal to X".
        """
        conj_at = min((c.i for c in t.rights if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"}), default=None)
        own = [c for c in t.rights if conj_at is None or c.i < conj_at]
        if t.dep_ == "conj" and t.head.i < t.i:
            nxt = min((c.i for c in t.head.rights if c.dep_ == "conj" and c.i > t.i), default=10 ** 9)
            own += [c for c in t.head.rights if t.i < c.i < nxt and c.dep_ != "conj" and c.dep_ != "cc"
                    and c.dep_ in {"amod", "acl", "prep"}]
        return sorted(own, key=lambda c: c.i)

    def _np(self, t: Token, depth: int = 0) -> set[int]:
        """The tokens of the noun phrase headed by ``t``: left modifiers, an of-phrase, a name in apposition."""
        out = {t.i}
        self._left(t, out)
        if depth < 2:
            for c in t.rights:
                if c.dep_ == "prep" and c.lower_ == "of" and depth < 1:
                    pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                    if pobj is not None:
                        out.add(c.i)
                        out |= self._np(pobj, depth + 1)
                elif c.dep_ == "appos" and c.pos_ == "PROPN" and c.i - t.i <= 3:
                    out |= {x.i for x in c.subtree if x.dep_ not in {"relcl", "acl"}} | set(range(t.i + 1, c.i))
        return out

    def _extent(self, t: Token, cues: _Cues) -> set[int]:
        """The group's noun phrase with the right modifiers that tie it to someone."""
        lex = self.lex
        out = {t.i}
        self._left(t, out)
        if self._split_left(t):
            return out
        lem = _lemma(t)
        for c in self._rights(t):
            words = _words(c)
            if c.dep_ == "prep" and c.lower_ == "of" and (lem in lex.affil_of or t.text.lower() in lex.affil_of):
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if pobj is not None:
                    out.add(c.i)
                    out |= self._np(pobj, 1)
                    cues.setdefault("of", pobj)
            elif c.dep_ in {"amod", "acl", "prep", "advcl", "relcl"} and words & lex.affil_adj.keys() \
                    and c.i > t.i:
                preps = lex.affil_adj[next(iter(words & lex.affil_adj.keys()))]
                for p in c.children:
                    if p.dep_ in {"prep", "agent"} and p.lower_ in preps:
                        pobj = next((x for x in p.children if x.dep_ == "pobj"), None)
                        if pobj is not None:
                            out |= {c.i, p.i} | set(range(c.i, p.i)) | self._np(pobj)
                            if c.head.i != t.i:
                                out |= set(range(t.i, c.i))
                            cues.setdefault("affiliation", pobj)
                            cues.setdefault("relation", c.lower_)
            elif c.dep_ == "acl" and c.lemma_.lower() in lex.defence_verbs and c.tag_ == "VBG":
                obj = next((x for x in c.children if x.dep_ in {"dobj", "prep"}), None)
                out.add(c.i)
                if obj is not None:
                    out |= {x.i for x in obj.subtree if x.dep_ not in {"relcl", "conj", "cc"}}
                cues["armed"] = c.lemma_.lower()
            elif (c.dep_ == "prep" and c.lower_ in {"in", "wearing"}) or (c.dep_ == "acl" and c.lemma_ == "wear"):
                sub = [x for x in c.subtree if x.dep_ not in {"relcl", "conj", "cc"}]
                if any(_lemma(x) in lex.uniform or x.lower_ in lex.uniform for x in sub) and len(sub) <= 12:
                    if any(x.lower_ in lex.uniform_neg or x.lemma_.lower() in lex.uniform_neg for x in sub):
                        continue
                    out |= {x.i for x in sub}
                    cues["uniform"] = sub
            elif c.dep_ == "prep" and c.lower_ == "from":
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if pobj is not None and pobj.ent_type_ in {"ORG", "NORP"}:
                    out |= {c.i} | self._np(pobj)
                    cues.setdefault("affiliation", pobj)
                    cues.setdefault("relation", "from")
        return out

    def _span(self, idx: set[int], head: int) -> tuple[int, int] | None:
        """The contiguous run of ``idx`` around the head, without leading articles, numbers and quotes."""
        lo = hi = head
        while lo - 1 in idx:
            lo -= 1
        while hi + 1 in idx:
            hi += 1
        doc, lex = self.doc, self.lex
        # never two coordinated groups in one label ("X fighters and Y militants"), whatever the parse says
        for i in range(lo, hi + 1):
            tok = doc[i]
            if tok.dep_ == "cc" and tok.head.pos_ in {"NOUN", "PROPN"} and lo <= tok.head.i <= hi:
                if i < head:
                    lo = i + 1
                elif i > head:
                    hi = i - 1
                    break
        while lo < head and doc[lo].text in {"-", "–", "—", ":"}:
            lo += 1
        while lo < head:
            tok = doc[lo]
            nxt = doc[lo + 1]
            if tok.is_punct or tok.lower_ in lex.strip or tok.like_num or tok.pos_ == "NUM" \
                    or tok.dep_ in {"quantmod", "nummod"} or (tok.lower_ in {"of", "than", "least", "about",
                                                                            "around", "nearly", "over", "almost"}) \
                    or (tok.pos_ == "ADV" and (nxt.like_num or nxt.dep_ in {"quantmod", "nummod"})):
                lo += 1
            else:
                break
        while hi > head and (doc[hi].is_punct or doc[hi].lower_ in {"'s", "’s"}):
            hi -= 1
        return lo, hi

    # -- anchors -------------------------------------------------------------------------------------
    def _name_run(self, t: Token) -> tuple[int, int]:
        """The whole name ending or centred at ``t``: its entity, else its proper-noun compounds."""
        ent = self.ent_of.get(t.i)
        if ent is not None and ent.label_ in {"PERSON", "ORG", "NORP", "GPE", "FAC"}:
            lo, hi = ent.start, ent.end - 1
            while lo < hi and self.doc[lo].lower_ in {"the", "a"}:
                lo += 1
            return lo, hi
        lo = t.i
        while lo - 1 >= 0 and self.doc[lo - 1].head.i in range(lo, t.i + 1) and \
                (_is_name(self.doc[lo - 1]) or self.doc[lo - 1].lower_ in {"al", "el", "-", "bin", "ibn", "abu"}):
            lo -= 1
        while lo < t.i and self.doc[lo].text == "-":
            lo += 1
        return lo, t.i

    def _anchor_in(self, p: Token) -> _Anchor | None:
        """What a group is tied to, given the head of the phrase after 'of', 'loyal to', 'aligned with' ..."""
        lex = self.lex
        lem = _lemma(p)
        mods = {x.lemma_.lower() for x in p.lefts} | {x.lower_ for x in p.lefts}
        tense = "former" if mods & lex.former else "current" if mods & lex.current else None
        if p.pos_ == "PROPN" or _is_name(p):
            lo, hi = self._name_run(p)
            typ = self._type_of(p)
            return {"anchor_tokens": (lo, hi), "anchor_type": typ, "tense": tense}
        for c in p.rights:  # "the former president, Ilmar Draskovar"
            if c.dep_ == "appos" and (c.pos_ == "PROPN"):
                lo, hi = self._name_run(c)
                return {"anchor_tokens": (lo, hi), "anchor_type": "name", "tense": tense}
        if lem in lex.government or lem in lex.state_force or lem in lex.unit:
            inner = self._own_anchor(p)
            if inner is not None and inner["anchor_type"] in {"name", "org", "nation"}:
                inner["tense"] = inner.get("tense") or tense
                return inner
            return {"anchor_tokens": (p.i, p.i), "anchor_type": "state", "tense": tense}
        if lem in lex.titles:
            inner = self._own_anchor(p)
            if inner is not None and inner["anchor_type"] == "name":
                inner["tense"] = inner.get("tense") or tense
                return inner
            return {"anchor_tokens": (p.i, p.i), "anchor_type": "title", "tense": tense}
        if p.lower_ in {"it", "them", "him", "her"}:
            return {"anchor_tokens": (p.i, p.i), "anchor_type": "pronoun", "tense": None}
        return None

    def _own_anchor(self, t: Token) -> _Anchor | None:
        """An anchor among the left modifiers of ``t``: a possessor or a name in compound ('Assad militia')."""
        lex = self.lex
        lefts = [x for c in t.lefts if c.dep_ in _LEFT_DEPS for x in c.subtree]
        mods = {x.lemma_.lower() for x in lefts} | {x.lower_ for x in lefts}
        tense = "former" if mods & lex.former else "current" if mods & lex.current else None
        # "pro-X" / "anti-X"
        for k, x in enumerate(lefts):
            low = x.lower_
            if low in {"pro", "anti"} or (low.startswith(("pro-", "anti-")) and len(low) > 5):
                rest = [y for y in lefts[k + 1:] if y.text != "-"] if low in {"pro", "anti"} else []
                rel = "anti" if low.startswith("anti") else "pro"
                if rest:
                    return {"anchor_tokens": (rest[0].i, rest[-1].i), "anchor_type": self._type_of(rest[-1]),
                            "tense": tense, "relation": rel}
                return {"anchor_tokens": (x.i, x.i), "anchor_type": "name", "tense": tense, "relation": rel,
                        "anchor_text": x.text.split("-", 1)[1]}
        # "X-aligned", "X-backed", "Islamist-led"
        for k in range(len(lefts) - 2):
            a, h, b = lefts[k], lefts[k + 1], lefts[k + 2]
            if h.text == "-" and b.lower_ in lex.affil_suffix:
                lo, hi = (self._name_run(a) if _is_name(a) else (a.i, a.i))
                return {"anchor_tokens": (lo, hi), "anchor_type": self._type_of(a), "tense": tense,
                        "relation": b.lower_}
        for c in t.lefts:
            if c.dep_ == "poss":
                if c.lower_ in lex.first_person:
                    continue  # "our police": the speaker's own, not a name
                if c.lower_ in {"its", "their", "his", "her"}:
                    return {"anchor_tokens": (c.i, c.i), "anchor_type": "pronoun", "tense": tense,
                            "relation": "poss"}
                found = self._anchor_in(c)
                if found is not None:
                    found.setdefault("relation", "poss")
                    found["tense"] = found.get("tense") or tense
                    return found
        names = [x for x in lefts if _is_name(x) and x.ent_type_ not in {"NORP", "GPE", "CARDINAL", "DATE"}] or [
            x for x in lefts if _is_name(x) and x.ent_type_ in {"NORP", "GPE"} and x.pos_ == "PROPN"]
        if names:
            lo, hi = self._name_run(names[-1])
            return {"anchor_tokens": (lo, hi), "anchor_type": self._type_of(names[-1]), "tense": tense,
                    "relation": "compound"}
        for x in lefts:
            if x.dep_ in {"compound", "nmod", "amod"} and (_lemma(x) in lex.government or _lemma(x) in
                                                          {"army", "military", "police", "ministry"}):
                return {"anchor_tokens": (x.i, x.i), "anchor_type": "state", "tense": tense, "relation": "compound"}
        return None

    def _type_of(self, t: Token) -> str:
        ent = self.ent_of.get(t.i)
        if ent is not None and ent.label_ == "ORG":
            return "org"
        if ent is not None and ent.label_ in {"NORP", "GPE"}:
            return "nation"
        lem = _lemma(t)
        if lem in self.lex.government or lem in {"army", "military", "police", "ministry", "state"}:
            return "state"
        if lem in self.lex.titles:
            return "title"
        return "name"

    # -- roles ---------------------------------------------------------------------------------------
    def _role(self, t: Token) -> str | None:
        lex = self.lex
        r = t
        for _ in range(4):
            if r.dep_ in {"conj", "appos"} and r.head is not r:
                r = r.head
            elif r.dep_ == "pobj" and r.head.lower_ == "of" and (
                    _lemma(r.head.head) in lex.partitive or r.head.head.like_num or r.head.head.pos_ == "NUM"):
                r = r.head.head
            else:
                break
        dep, h = r.dep_, r.head
        hl = h.lemma_.lower()
        if dep == "nsubj":
            if hl in lex.harm_verbs:
                return "agent"
            if hl in lex.report_verbs:
                return "source"
            if hl in _RAISING or h.pos_ == "AUX":
                x = next((c for c in h.children if c.dep_ in {"xcomp", "ccomp"} and c.lemma_.lower() in
                          lex.harm_verbs), None)
                if x is not None and hl != "be":
                    return "agent"
        if dep == "nsubjpass":
            if hl in lex.harm_verbs:
                return "patient"
            x = next((c for c in h.children if c.dep_ == "xcomp" and c.lemma_.lower() in lex.harm_verbs), None)
            if x is not None:
                passive = any(c.dep_ == "auxpass" for c in x.children)
                return "patient" if passive else "agent"
        if dep == "dobj" and hl in lex.harm_verbs:
            return "patient"
        if dep in {"pobj", "agent"} or (dep == "pobj" and h.dep_ == "agent"):
            prep, gov = h, h.head
            gl = gov.lemma_.lower()
            if prep.lower_ == "by" and (gl in lex.harm_verbs or gl in lex.harm_nouns or gl in lex.patient_nouns):
                return "agent"
            if prep.lower_ in {"against", "on", "at", "targeting"} and (gl in lex.harm_nouns or gl in lex.harm_verbs):
                return "patient"
            if prep.lower_ == "of" and gl in lex.patient_nouns:
                return "patient"
            if prep.lower_ == "to" and gov.lower_ == "according":
                return "source"
        if dep == "poss" and _lemma(h) in lex.harm_nouns:
            return "agent"
        for c in t.rights:
            if c.dep_ == "relcl":
                subj = next((x for x in c.children if x.dep_ in {"nsubj", "nsubjpass"} and x.lower_ in
                             {"who", "that", "which"}), None)
                if subj is not None and c.lemma_.lower() in lex.harm_verbs:
                    return "patient" if subj.dep_ == "nsubjpass" else "agent"
            if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in lex.harm_verbs:
                return "patient"
        return None

    # -- mentions ------------------------------------------------------------------------------------
    def _add(self, t: Token, idx: set[int], kind: str, **extra: Any) -> _Draft | None:
        lo, hi = self._span(idx, t.i)
        span = self.doc[lo:hi + 1]
        text = span.text.strip(_QUOTE_CHARS + " ,")
        if not text or (len(text) < 2):
            return None
        start = span.start_char + span.text.find(text)
        end = start + len(text)
        if kind != "state" and any(a <= start < b for a, b in self.datelines):
            return None  # "KORVATH (Reuters) —": where and by whom a report was filed, not an actor
        sent = self.sents[self.sent_of[t.i]]
        lefts = [x for x in self.doc[lo:t.i]]
        m: _Draft = {
            "span": [start, end], "text": text, "head": _lemma(t) if t.pos_ != "PROPN" else t.text,
            "kind": kind, "anchor": None, "role_hint": self._role(t), "sentence": [sent[0], sent[1]],
            "modifiers": sorted({x.lemma_.lower() for x in lefts if x.pos_ in {"ADJ", "NOUN", "VERB", "PROPN"}}),
            "norp": [x.text for x in lefts if x.ent_type_ in {"NORP", "GPE"} and not x.is_punct]
                    + [x.text.split("'")[0] for x in lefts if x.dep_ == "poss" and x.ent_type_ == "GPE"],
            "quoted": any(a <= start and end <= b for a, b in self.quotes),
            "subject": t.dep_ in {"nsubj", "nsubjpass"} or (t.dep_ == "conj" and t.head.dep_ in {"nsubj",
                                                                                                "nsubjpass"}),
            "plural": t.tag_ in {"NNS", "NNPS"} or t.lower_ in {"militiamen", "gunmen", "men", "police", "personnel"},
            "antecedent": None, "alias_of": None, "same_as": None, "token": t.i, "head_i": t.i,
        }
        m.update(extra)
        self.by_head[t.i] = len(self.mentions)
        self.mentions.append(m)
        return m

    def _cued_state(self, t: Token) -> bool:
        """A noun that names the state's forces only with its modifier: "security services", "law enforcement"."""
        cues = self.lex.cued_state.get(_lemma(t)) or self.lex.cued_state.get(t.lower_)
        if not cues:
            return False
        return any(x.lower_ in cues or x.lemma_.lower() in cues for c in t.lefts for x in c.subtree)

    def _group(self, t: Token) -> bool:
        lex = self.lex
        words = _words(t)
        lem = _lemma(t)
        lefts = [x for c in t.lefts if c.dep_ in _LEFT_DEPS for x in c.subtree]
        lmods = {x.lemma_.lower() for x in lefts} | {x.lower_ for x in lefts}
        det = next((c.lower_ for c in t.lefts if c.dep_ == "det"), None)
        cues: _Cues = {}
        idx = self._extent(t, cues)
        armed_heads = lex.nonstate | lex.state_force | lex.government | lex.unit | lex.vague
        challenger = bool(words & lex.challenger) or bool(
            words & lex.challenger_heads and lmods & lex.challenger_mod and not lmods & lex.armed_mod
            and not words & (lex.nonstate | lex.state_force | lex.government))
        if not challenger and words & lex.challenger_heads and not words & armed_heads:
            return False  # "the party", "a rebel front": no group of its own here
        if words & _NEEDS_CUE and not challenger and not words & (lex.nonstate | lex.state_force | lex.government):
            armed = bool(lmods & lex.armed_mod) or "armed" in cues or "uniform" in cues
            if not armed and det not in lex.demonstratives:
                return False
        if lem in {"force"} and t.text.lower() == "force" and not lmods:
            return False  # "by force"
        if (words & lex.unit) and not (lmods & (lex.state_mod | lex.nonstate_mod)) and not any(
                _is_name(x) for x in lefts) and "of" not in cues and "affiliation" not in cues and \
                not any(c.dep_ == "poss" for c in t.lefts):
            return False  # "a supply convoy": a unit nobody is named for
        if words & lex.partitive and any(c.dep_ == "prep" and c.lower_ == "of" for c in t.rights) \
                and not words & lex.loyalty:
            pobj = next((p for c in t.rights if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                         if p.dep_ == "pobj"), None)
            if pobj is not None and (_words(pobj) & lex.group_heads or pobj.ent_type_ in {"ORG", "NORP"}):
                return False  # "members of the security forces": the group is the object of 'of'

        if challenger:
            stance = "challenger"
        elif words & lex.state_force or self._cued_state(t):
            stance = "state"
        elif words & lex.government:
            stance = "government"
        elif words & lex.unit:
            stance = "unit"
        elif words & lex.nonstate:
            stance = "nonstate"
        else:
            stance = "vague"
        if stance == "state" and lmods & lex.nonstate_mod:
            # "rebel forces" are not the state's; "terrorist forces" may be anyone's, as the speaker sees them
            stance = "nonstate" if lmods & lex.nonstate_mod - {"terrorist", "criminal", "outlaw"} else "vague"
        if stance == "vague" and words & _NEEDS_CUE and (cues.get("armed") or lmods & (lex.armed_mod - {"armed"})):
            stance = "nonstate"  # "local defence volunteers", "men defending the villages"
        kind = {"state": "state_forces", "government": "government", "unit": "state_forces",
                "challenger": "movement"}.get(stance, "armed_group")
        anchor: _Anchor | None = None
        if "affiliation" in cues:
            anchor = self._anchor_in(cues["affiliation"])
            if anchor is not None:
                anchor["relation"] = cues.get("relation")
        if anchor is None and "of" in cues:
            anchor = self._anchor_in(cues["of"])
            if anchor is not None:
                anchor["relation"] = "of"
        if anchor is None:
            anchor = self._own_anchor(t)
        if anchor is None and "uniform" in cues:
            for x in cues["uniform"]:
                if _lemma(x) in lex.state_mod or _lemma(x) in {"army", "military", "police", "government"} \
                        or self.ent_of.get(x.i) is not None and self.ent_of[x.i].label_ == "ORG":
                    anchor = {"anchor_tokens": (x.i, x.i), "anchor_type": "state", "tense": None,
                              "relation": "uniform"}
                    break
        tense = None
        if lmods & lex.former or words & {"remnant", "remains"}:
            tense = "former"
        elif lmods & lex.current:
            tense = "current"
        if t.dep_ == "pobj" and t.head.lower_ == "of" and _lemma(t.head.head) in lex.former_context:
            tense = "former"
        extra: _Draft = {"stance": stance, "tense": tense, "determiner": det}
        if any(c.dep_ == "poss" and c.lower_ in lex.first_person for c in t.lefts):
            extra["first_person"] = True
        if t.dep_ == "appos" and t.head.pos_ == "PROPN" and _is_name(t.head):
            lo, hi = self._name_run(t.head)  # "the Homeland Guard, a militia loyal to ...": what it is called
            extra["appos_name"] = self.doc[lo:hi + 1].text
        if anchor is not None:
            lo, hi = anchor["anchor_tokens"]
            a_text = anchor.get("anchor_text") or self.doc[lo:hi + 1].text
            extra.update(anchor=a_text.strip(_QUOTE_CHARS + "'’ "), anchor_type=anchor["anchor_type"],
                         anchor_span=[self.doc[lo].idx, self.doc[hi].idx + len(self.doc[hi])],
                         relation=anchor.get("relation"), anchor_tense=anchor.get("tense"))
            if anchor["anchor_type"] == "pronoun":
                extra["possessor_token"] = lo
        if cues.get("armed"):
            extra["cue"] = "defends"
        elif "uniform" in cues:
            extra["cue"] = "uniform"
        return self._add(t, idx, kind, **extra) is not None

    def _person(self, t: Token, ent: Span | None) -> None:
        idx = self._np(t)
        idx = {i for i in idx if i <= t.i or (ent is not None and i < ent.end)}
        name = None
        if ent is not None:
            name = ent.text
            for w in ("the ", "The "):
                name = name.removeprefix(w)
        lefts = [x for c in t.lefts for x in c.subtree]
        titles = [x.lemma_.lower() for x in lefts if x.lemma_.lower() in self.lex.titles]
        if ent is None:
            titles.append(_lemma(t))
        mods = {x.lemma_.lower() for x in lefts} | {x.lower_ for x in lefts}
        tense = "former" if mods & self.lex.former else "current" if mods & self.lex.current else None
        self._add(t, idx, "person", name=name, title=titles[-1] if titles else None, tense=tense,
                  ent=ent.label_ if ent is not None else None)

    def _entity(self, t: Token, ent: Span) -> None:
        lex = self.lex
        label = ent.label_
        if label == "PERSON":
            self._person(t, ent)
            return
        idx = self._np(t) | set(range(ent.start, ent.end))
        idx = {i for i in idx if ent.start - 4 <= i < ent.end or i in range(ent.start, ent.end)}
        name = ent.text.removeprefix("the ").removeprefix("The ")
        if label == "ORG":
            root = _lemma(ent.root)
            words = {w.lower() for w in ent.text.split()}
            lefts = [x for c in t.lefts for x in c.subtree]
            mods = {x.lemma_.lower() for x in lefts} | {x.lower_ for x in lefts} | words
            state = self._state_org(ent, root, words)
            tense = "former" if mods & lex.former else None
            extra: _Draft = {"name": name, "ent": label, "tense": tense,
                                     "stance": "state" if state else None}
            if not state and self._challenger_org(t, ent):
                extra["camp"] = "challenger"
            anchor = self._own_anchor(t)
            if anchor is not None and anchor["anchor_type"] in {"pronoun", "nation", "name"}:
                lo, hi = anchor["anchor_tokens"]
                if not (ent.start <= lo and hi < ent.end) or anchor["anchor_type"] == "pronoun":
                    extra.update(anchor=self.doc[lo:hi + 1].text, anchor_type=anchor["anchor_type"],
                                 relation=anchor.get("relation"))
                    if anchor["anchor_type"] == "pronoun":
                        extra["possessor_token"] = lo
            self._add(t, idx, "organisation", **extra)
        elif label == "GPE":
            if t.dep_ in {"compound", "poss", "amod"}:
                return
            self._add(t, idx, "state", name=name, ent=label)
        elif label == "NORP":
            if t.dep_ in {"compound", "amod", "poss", "nmod"}:
                return
            self._add(t, idx, "community", name=name, ent=label, group=name)

    def _challenger_org(self, t: Token, ent: Span) -> bool:
        """An organisation the report places in the opposition: "the opposition X", "X, an opposition
        coalition", "an opposition alliance that includes X and Y"."""
        lex = self.lex
        cue = lex.challenger | (lex.challenger_mod & {"opposition", "anti-government", "antigovernment",
                                                       "pro-democracy", "dissident", "protest"})

        def says(tok: Token) -> bool:
            near = [tok] + [x for c in tok.lefts for x in c.subtree]
            return any(x.lemma_.lower() in cue or x.lower_ in cue for x in near if not ent.start <= x.i < ent.end)

        if any(x.lower_ in cue or x.lemma_.lower() in cue for x in t.lefts if not (ent.start <= x.i < ent.end)):
            return True
        if any(c.dep_ == "appos" and says(c) for c in t.children):
            return True
        if t.dep_ == "appos" and says(t.head):
            return True
        r = t
        while r.dep_ == "conj" and r.head is not r:
            r = r.head
        v = r.head
        if r.dep_ == "dobj" and v.lemma_.lower() in {"include", "comprise", "unite", "gather", "bring"} and \
                v.dep_ == "relcl":
            owner = v.head
            return owner.lemma_.lower() in cue or any(x.lower_ in cue or x.lemma_.lower() in cue for x in owner.lefts)
        return False

    def _state_org(self, ent: Span, root: str, words: set[str]) -> bool:
        """A named organisation that is part of a state: a ministry, a national army, a police force."""
        if root in self.lex.state_org_roots and root not in {"forces", "force", "army", "military", "guard", "navy",
                                                             "command"}:
            return True
        if root in self.lex.state_org_roots or words & {"army", "police", "gendarmerie", "ministry"}:
            # "Rapid Support Forces" is not a state's; "Sudanese Armed Forces", "Presidential Guard" are
            return bool(words & {"national", "presidential", "republican", "royal", "state", "ministry", "police"}) \
                or bool(words & _country_words()) \
                or any(x.ent_type_ in {"GPE", "NORP"} and x.i != ent.root.i for x in ent) \
                or (ent.start > 0 and ent.doc[ent.start - 1].ent_type_ in {"GPE", "NORP"})
        return False

    def _community(self, t: Token) -> None:
        lex = self.lex
        lefts = [x for c in t.lefts if c.dep_ in _LEFT_DEPS for x in c.subtree]
        group = next((x.text for x in reversed(lefts) if x.ent_type_ == "NORP"), None) or next(
            (x.text for x in reversed(lefts) if _is_name(x) and x.ent_type_ not in {"PERSON", "GPE"}
             and not x.is_sent_start), None)
        if group is None:
            pobj = None
            for c in t.rights:
                if c.dep_ == "prep" and c.lower_ == "of":
                    pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None and _words(pobj) & lex.community:
                return  # "members of the Alawite sect": the community is the object
        words = _words(t)
        if group is None and not words & lex.civilian:
            return
        self._add(t, self._np(t), "community" if group else "civilians", group=group)

    def run(self) -> list[_Draft]:
        lex = self.lex
        doc = self.doc
        group_heads = lex.group_heads
        for t in doc:
            pos = t.pos_
            if pos not in {"NOUN", "PROPN", "PRON"}:
                if pos == "ADJ" and t.dep_ in {"nsubj", "dobj", "pobj"} and t.ent_type_ == "NORP":
                    pass
                else:
                    continue
            dep = t.dep_
            ent = self.ent_of.get(t.i)
            if pos == "PRON":
                if t.lower_ in {"he", "she"} and dep in {"nsubj", "nsubjpass"}:
                    self._add(t, {t.i}, "pronoun", coref_only=True)
                continue
            if ent is not None and ent.root.i == t.i and ent.label_ in {"PERSON", "ORG", "GPE", "NORP"}:
                if dep in {"npadvmod", "amod", "advmod"}:
                    continue
                if dep in {"compound"} and ent.label_ in {"PERSON", "ORG"} and t.head.pos_ in {"NOUN", "PROPN"}:
                    continue  # "Assad militia", "Hamas fighters": a modifier, not the actor
                if dep == "poss":
                    continue
                self._entity(t, ent)
                continue
            if ent is not None and ent.label_ in {"PERSON", "ORG", "GPE", "NORP", "CARDINAL", "DATE"} \
                    and ent.root.i != t.i:
                if not (_words(t) & group_heads and ent.label_ in {"CARDINAL"}):
                    continue
            if (dep in {"compound", "poss", "npadvmod", "amod", "advmod"} or (
                    dep == "nmod" and t.head.pos_ in {"NOUN", "PROPN"})) and not self._split_left(t):
                continue
            words = _words(t)
            if words & lex.fellowship and any(c.dep_ == "poss" and c.lower_ in lex.first_person for c in t.lefts):
                # "our comrades", "our movement": the speaker's own camp, whichever it is
                self._add(t, self._np(t), "movement", stance="own", first_person=True)
                continue
            if (words & group_heads or self._cued_state(t)) and self._group(t):
                continue
            if words & lex.titles and pos == "NOUN" and t.tag_ == "NN":
                self._person(t, None)
            elif words & lex.org_anaphors and pos == "NOUN" and t.tag_ == "NN":
                det = next((c.lower_ for c in t.lefts if c.dep_ in {"det", "poss"}), None)
                if det in {"the", "this", "that", "its"} and not any(_is_name(c) for c in t.lefts):
                    self._add(t, self._np(t), "organisation", anaphor=True)
            elif words & lex.community or words & lex.civilian:
                self._community(t)
        self._links()
        for m in self.mentions:
            del m["token"], m["head_i"]
        return self.mentions

    # -- links inside the report ---------------------------------------------------------------------
    def _links(self) -> None:
        doc, lex, ms = self.doc, self.lex, self.mentions
        text = doc.text
        starts = {m["span"][0]: k for k, m in enumerate(ms)}
        last_person: list[int] = []
        last_org: list[int] = []
        groups: list[int] = []
        extra: list[_Draft] = []
        for k, m in enumerate(ms):
            t = doc[m["token"]]
            sent = self.sent_of[t.i]
            # "X (ABC)"
            if m["kind"] in {"organisation", "person", "armed_group", "state_forces", "government"}:
                pm = _ALIAS_PAREN.match(text, m["span"][1])
                if pm:
                    s = pm.start(1)
                    if s in starts:
                        ms[starts[s]]["alias_of"] = k
                    else:
                        extra.append({**{f: m[f] for f in ("kind", "sentence", "quoted")},
                                      "span": [s, pm.end(1)], "text": pm.group(1), "head": pm.group(1),
                                      "anchor": None, "role_hint": m["role_hint"], "alias_of": k,
                                      "name": pm.group(1), "antecedent": None, "same_as": None,
                                      "ent": m.get("ent"), "stance": m.get("stance"), "acronym": True,
                                      "head_i": m["head_i"]})
                ak = _ALSO_KNOWN.match(text, m["span"][1])
                if ak:
                    nxt = next((j for j in range(k + 1, min(k + 3, len(ms))) if ms[j]["span"][0] >= ak.end() - 1
                                and ms[j]["span"][0] - ak.end() <= 2), None)
                    if nxt is not None:
                        ms[nxt]["alias_of"] = k
            # appositives: "Hezbollah, a longtime ally of Assad", "SOHR, a UK-based war monitor"
            for c in t.rights:
                if c.dep_ == "appos" and c.pos_ == "NOUN" and m["kind"] in {"organisation", "person"}:
                    if c.i in self.by_head:
                        ms[self.by_head[c.i]]["alias_of"] = k
                        continue
                    sub = [x for x in c.subtree if x.dep_ not in {"relcl"}]
                    if len(sub) > 14:
                        continue
                    lo, hi = self._span({x.i for x in sub}, c.i)
                    hi = max(x.i for x in sub if x.i >= c.i) if sub else hi
                    span = doc[lo:hi + 1]
                    at = span.text.strip(_QUOTE_CHARS + " ,")
                    s = span.start_char + span.text.find(at)
                    extra.append({"span": [s, s + len(at)], "text": at, "head": c.lemma_.lower(), "kind": m["kind"],
                                  "anchor": None, "role_hint": m["role_hint"], "sentence": m["sentence"],
                                  "alias_of": k, "antecedent": None, "same_as": None, "appositive": True,
                                  "quoted": m["quoted"], "head_i": c.i})
            # "armed groups referred to as 'remnants of the regime'", "X are Y"
            if m["kind"] in {"armed_group", "state_forces", "government"}:
                for c in t.rights:
                    if c.dep_ == "acl" and c.lemma_.lower() in _NAMING_VERBS:
                        for x in c.subtree:
                            if x.i in self.by_head and x.i != t.i and ms[self.by_head[x.i]]["kind"] in {
                                    "armed_group", "state_forces", "government"}:
                                ms[self.by_head[x.i]]["same_as"] = k
                                break
                if t.dep_ == "nsubj" and t.head.lemma_ == "be" and not any(c.dep_ == "neg" for c in t.head.children):
                    attr = next((c for c in t.head.children if c.dep_ == "attr"), None)
                    if attr is not None and attr.i in self.by_head:
                        ms[self.by_head[attr.i]]["same_as"] = k
            # coreference
            kind = m["kind"]
            if kind == "pronoun":
                cand = [j for j in reversed(last_person) if self.sent_of[ms[j]["token"]] >= sent - 2]
                m["antecedent"] = cand[0] if cand else None
            elif kind == "person":
                if m.get("name") is None and m.get("title") is None:
                    pass
                elif m.get("name") is None and m.get("determiner", self._det(t)) == "the":
                    title = m.get("title")
                    cand = [j for j in reversed(last_person) if ms[j].get("name") and (
                        title is None or title in ms[j]["text"].lower() or ms[j].get("title") == title)]
                    m["antecedent"] = cand[0] if cand else None
                last_person.append(k)
            elif kind == "organisation":
                if m.get("anaphor"):
                    head = m["head"]
                    window = [j for j in reversed(last_org) if self.sent_of[ms[j]["token"]] >= sent - 6]
                    named = [j for j in window if ms[j].get("name")]
                    same = [j for j in named if head in ms[j]["name"].lower()]
                    if head == "ministry":
                        cand = same or [j for j in named if ms[j].get("stance") == "state"]
                    else:
                        cand = same or [j for j in named if ms[j].get("stance") != "state"]
                    m["antecedent"] = cand[0] if cand else None
                last_org.append(k)
            elif kind in {"armed_group", "state_forces", "government"}:
                if m.get("determiner") in lex.demonstratives and not m.get("anchor"):
                    window = [j for j in reversed(groups) if sent - 2 <= self.sent_of[ms[j]["token"]] <= sent]
                    best, score = None, -1.0
                    for rank, j in enumerate(window):
                        o = ms[j]
                        if doc[o["token"]].head.i == t.head.i and self.sent_of[o["token"]] == sent:
                            continue  # "the forces have cornered these remnants": not each other
                        sc = 3.0 * (o["head"] == m["head"] or m["head"] in o["text"].lower()) \
                            + 1.0 * bool(o.get("subject")) - 0.1 * rank \
                            - 2.0 * (o["kind"] == "government" and m["kind"] != "government") \
                            - 2.0 * any(p["span"][0] <= o["span"][0] and o["span"][1] <= p["span"][1] and p is not o
                                        for p in (ms[i] for i in window))
                        if self.sent_of[ms[j]["token"]] == sent:
                            sc -= 0.5
                        if sc > score:
                            best, score = j, sc
                    m["antecedent"] = best
                if "possessor_token" in m:
                    m["antecedent"] = self._possessor(m, k)
                groups.append(k)
            elif kind == "state":
                last_org.append(k)
            if kind in {"organisation"} and "possessor_token" in m:
                m["antecedent"] = self._possessor(m, k)
        self._alliances()
        for m in extra:
            m["token"] = m["head_i"]
            m.setdefault("subject", False)
            m.setdefault("modifiers", [])
            m.setdefault("norp", [])
        everything = ms + extra
        order = sorted(range(len(everything)), key=lambda n: (everything[n]["span"][0], everything[n]["span"][1]))
        new_index = {old: new for new, old in enumerate(order)}
        for m in everything:
            for f in ("antecedent", "alias_of", "same_as"):
                if m.get(f) is not None:
                    m[f] = new_index[m[f]]
            for f in ("allied_with", "opposed_to"):
                m[f] = sorted(new_index[j] for j in m.get(f, []))
        self.mentions = [everything[n] for n in order]

    def _alliances(self) -> None:
        """Who fights beside whom and against whom, as the grammar says.

        "X and Y attacked" and "X, alongside Y" make allies; "clashes between X and Y", "X fought Y" make
        opponents. Coordinated victims ("X and Y were killed") say nothing either way.
        """
        ms, lex = self.mentions, self.lex
        kinds = {"armed_group", "state_forces", "government", "organisation", "state"}

        def link(a: int, b: int, field: str) -> None:
            if a != b:
                ms[a].setdefault(field, [])
                ms[b].setdefault(field, [])
                if b not in ms[a][field]:
                    ms[a][field].append(b)
                    ms[b][field].append(a)

        for k, m in enumerate(ms):
            if m["kind"] not in kinds:
                continue
            t = self.doc[m["token"]]
            for c in t.children:
                if c.dep_ == "conj" and c.i in self.by_head and ms[self.by_head[c.i]]["kind"] in kinds:
                    j = self.by_head[c.i]
                    top = t
                    while top.dep_ == "conj":
                        top = top.head
                    if (top.dep_ == "pobj" and top.head.lower_ in {"between", "against"}) or \
                            (top.dep_ == "nsubj" and top.head.lemma_.lower() in {"clash", "fight", "battle"}):
                        link(k, j, "opposed_to")
                    elif m["role_hint"] == "agent" or (top.dep_ == "nsubj" and top.head.lemma_.lower() not in {
                            "meet", "negotiate", "talk", "clash", "fight", "battle", "exchange", "trade", "accuse",
                            "blame"}):
                        link(k, j, "allied_with")
            # "X entered the town alongside Y", "X, backed by Y"
            if t.dep_ in {"nsubj", "nsubjpass"}:
                verb = t.head
                for p in verb.children:
                    together = p.lower_ == "with" and p.i > 0 and self.doc[p.i - 1].lower_ in {"together", "along"}
                    if p.dep_ == "prep" and (p.lower_ in lex.allied_preps or together):
                        for o in p.children:
                            if o.dep_ == "pobj" and o.i in self.by_head and ms[self.by_head[o.i]]["kind"] in kinds:
                                link(k, self.by_head[o.i], "allied_with")
                    if p.dep_ == "dobj" and verb.lemma_.lower() in {"fight", "attack", "ambush", "battle", "clash",
                                                                   "target", "kill", "shell", "bomb", "strike"}:
                        if p.i in self.by_head and ms[self.by_head[p.i]]["kind"] in kinds:
                            link(k, self.by_head[p.i], "opposed_to")

    def _det(self, t: Token) -> str | None:
        return next((c.lower_ for c in t.lefts if c.dep_ == "det"), None)

    def _possessor(self, m: _Draft, k: int) -> int | None:
        """The antecedent of 'its'/'their' before a group: the last organisation, state or group before it."""
        pos = m.pop("possessor_token")
        sent = self.sent_of[pos]
        for j in range(k - 1, -1, -1):
            o = self.mentions[j]
            if self.sent_of[o["token"]] < sent - 1:
                break
            if o["kind"] in {"organisation", "state", "government", "state_forces", "armed_group"} and \
                    o["span"][1] <= self.doc[pos].idx and (
                    o.get("name") or o.get("plural") == (self.doc[pos].lower_ == "their")):
                return j
        return None


def extract_mentions(doc: Doc) -> list[Mention]:
    """Every actor mention in one parsed report, in text order, as :class:`rashomon.model.Mention` values.

    Each mention: ``span`` and ``text`` (the phrase to quote), ``head`` (lemma of its head noun), ``kind``
    (person, organisation, state, state_forces, government, armed_group, community, civilians, pronoun),
    ``anchor`` (the name a group is tied to, or None), ``role_hint`` (agent, patient, source or None),
    ``sentence`` (offsets); the links ``antecedent``, ``alias_of``, ``same_as`` (ids of mentions of this
    report: ``m0``, ``m1`` ... in text order) and the cues :mod:`rashomon.align.actors` needs
    (``tense``, ``allegiance``, ``norp``, ``modifiers``, ``anchor_type``, ``relation``, ``name``, ``title``,
    ``quoted``).

    >>> from rashomon.analyze import load_nlp
    >>> [m.text for m in extract_mentions(load_nlp()("Pro-Kessler fighters shot two soldiers."))]
    ['Pro-Kessler fighters', 'soldiers']
    """
    doc_id = doc.user_data.get("rashomon.doc_id", "")
    return [_mention(m, k, doc_id) for k, m in enumerate(_Extractor(doc).run())]


def mention_id(position: int) -> str:
    """The id of the mention at ``position`` in its report's text order."""
    return f"m{position}"


_FLAGS = ("quoted", "subject", "plural", "anaphor", "appositive", "coref_only", "acronym", "first_person")
_TEXTS = ("anchor", "anchor_type", "anchor_tense", "relation", "tense", "determiner", "name", "title", "group",
          "ent", "cue", "camp", "appos_name", "role_hint")


def _mention(m: _Draft, k: int, doc_id: str) -> Mention:
    """The extractor's working record as a typed mention; list positions become ids."""
    link = {f: mention_id(m[f]) if m.get(f) is not None else None for f in ("antecedent", "alias_of", "same_as")}
    return Mention(
        id=mention_id(k), span=ModelSpan(doc_id, m["span"][0], m["span"][1]), text=m["text"], head=m["head"],
        kind=m["kind"], sentence=(m["sentence"][0], m["sentence"][1]), allegiance=m.get("stance"),
        anchor_span=tuple(m["anchor_span"]) if m.get("anchor_span") else None,  # type: ignore[arg-type]
        modifiers=tuple(m.get("modifiers") or ()), norp=tuple(m.get("norp") or ()),
        allied_with=tuple(mention_id(j) for j in m.get("allied_with") or ()),
        opposed_to=tuple(mention_id(j) for j in m.get("opposed_to") or ()),
        **{f: m.get(f) for f in _TEXTS}, **{f: bool(m.get(f)) for f in _FLAGS}, **link,
    )

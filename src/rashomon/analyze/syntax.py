"""Small helpers over spaCy's dependency parse shared by the figure, attribution and time code."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

#: dependants that end a noun phrase's core: clauses, appositions, coordination, punctuation
_NP_CUT = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis", "ccomp", "xcomp",
                     "dep", "mark", "advmod", "npadvmod"})


class Unit:
    """A sentence as rashomon reads it: spaCy's sentence, cut again at line breaks (a headline or
    caption run into the next sentence is its own unit)."""

    __slots__ = ("doc", "start", "end")

    def __init__(self, doc: Doc, start: int, end: int) -> None:
        self.doc, self.start, self.end = doc, start, end

    def __contains__(self, tok: Token) -> bool:
        return self.start <= tok.i < self.end

    @property
    def span(self) -> Span:
        return self.doc[self.start : self.end]

    @property
    def start_char(self) -> int:
        return self.doc[self.start].idx

    @property
    def end_char(self) -> int:
        last = self.doc[self.end - 1]
        return last.idx + len(last.text)

    def tokens(self) -> Iterator[Token]:
        for i in range(self.start, self.end):
            yield self.doc[i]


def units(doc: Doc) -> list[Unit]:
    """spaCy sentences split at whitespace tokens holding a line break, without empty units."""
    out: list[Unit] = []
    for sent in doc.sents:
        s = sent.start
        for t in sent:
            if t.is_space and "\n" in t.text:
                if any(not doc[k].is_space for k in range(s, t.i)):
                    out.append(Unit(doc, s, t.i))
                s = t.i + 1
            elif "\n" in t.whitespace_ and t.i + 1 < sent.end:
                out.append(Unit(doc, s, t.i + 1))
                s = t.i + 1
        if s < sent.end and any(not doc[k].is_space for k in range(s, sent.end)):
            out.append(Unit(doc, s, sent.end))
    # trim leading/trailing space tokens
    trimmed = []
    for u in out:
        a, b = u.start, u.end
        while a < b and doc[a].is_space:
            a += 1
        while b > a and doc[b - 1].is_space:
            b -= 1
        if a < b:
            trimmed.append(Unit(doc, a, b))
    return trimmed


def head_in(tok: Token, unit: Unit) -> Token | None:
    """The token's head if it is another token of the same unit, else None."""
    h = tok.head
    if h.i == tok.i or h not in unit:
        return None
    return h


def ancestors_in(tok: Token, unit: Unit) -> Iterator[Token]:
    cur = head_in(tok, unit)
    seen = 0
    while cur is not None and seen < 60:
        yield cur
        cur = head_in(cur, unit)
        seen += 1


def children_dep(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def np_bounds(tok: Token, unit: Unit | None = None, keep_preps: frozenset[str] = frozenset({"of"}),
              cut: frozenset[str] = _NP_CUT) -> tuple[int, int]:
    """Token bounds (start, end exclusive) of the noun phrase headed by ``tok``: its determiners,
    modifiers and compounds, and prepositional phrases in ``keep_preps``; not clauses or conjuncts."""
    lo = hi = tok.i
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if unit is not None and c not in unit:
                continue
            if c.dep_ == "punct":
                if c.text not in ("-", "\u2010", "\u2011"):
                    continue
            elif c.dep_ in cut:
                continue
            if c.dep_ == "prep" and c.lower_ not in keep_preps and t.pos_ != "ADJ":
                continue  # ... but "fighters loyal to X" keeps its complement
            lo, hi = min(lo, c.i), max(hi, c.i)
            stack.append(c)
    return lo, hi + 1


def np_text(tok: Token, unit: Unit | None = None, keep_preps: frozenset[str] = frozenset({"of"}),
            strip: frozenset[str] = frozenset({"the", "a", "an"})) -> tuple[str, int, int]:
    """The text of a noun phrase (see :func:`np_bounds`) without a leading determiner."""
    doc = tok.doc
    lo, hi = np_bounds(tok, unit, keep_preps)
    while lo < hi - 1 and (doc[lo].lower_ in strip or doc[lo].is_punct):
        lo += 1
    while hi - 1 > lo and (doc[hi - 1].is_punct and doc[hi - 1].text not in (")",)):
        hi -= 1
    return doc[lo:hi].text, lo, hi


def entity_of(tok: Token) -> Span | None:
    """The named entity the token belongs to, if any."""
    if not tok.ent_type_:
        return None
    doc = tok.doc
    s = tok.i
    while s > 0 and doc[s].ent_iob_ == "I":
        s -= 1
    e = tok.i + 1
    while e < len(doc) and doc[e].ent_iob_ == "I":
        e += 1
    return Span(doc, s, e, label=tok.ent_type_)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)

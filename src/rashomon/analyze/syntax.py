"""Small helpers over spaCy's dependency parse shared by the figure, attribution and time code."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

#: dependants that end a noun phrase's core: clauses, appositions, coordination, punctuation
_NP_CUT = frozenset(
    {
        "relcl",
        "acl",
        "appos",
        "punct",
        "cc",
        "conj",
        "advcl",
        "parataxis",
        "ccomp",
        "xcomp",
        "dep",
        "mark",
        "advmod",
        "npadvmod",
    }
)


class Unit:
    """A sentence as rashomon reads it: spaCy's sentence, cut again at line breaks (a headline,
    dateline or caption run into the next sentence is its own unit).

    When the parser has attached words across such a cut, ``repairs`` re-attaches the orphaned
    noun phrase to the verb of its own unit that lacks a subject ("Headline\n\n27 people were
    killed" parsed with "people" hanging from the headline)."""

    __slots__ = ("doc", "start", "end", "repairs", "virtual")

    def __init__(self, doc: Doc, start: int, end: int) -> None:
        self.doc, self.start, self.end = doc, start, end
        self.repairs: dict[int, tuple[int, str]] = {}
        self.virtual: dict[int, list[tuple[int, str]]] = {}

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

    def repair(self) -> None:
        """Re-attach noun phrases whose head lies outside the unit to a subjectless verb after them."""
        doc = self.doc
        orphans = [
            t for t in self.tokens() if t.head.i != t.i and t.head not in self and not t.is_space and not t.is_punct
        ]
        if not orphans:
            return
        used: set[int] = set()
        for t in orphans:
            # the parse left the unit and came back: hang the token where it re-enters, with the
            # relation of the last word outside ("27 people" -> appos of a header word -> subject of "killed")
            last, cur = t, t.head
            for _ in range(40):
                if cur in self or cur.head.i == cur.i:
                    break
                last, cur = cur, cur.head
            if cur in self and cur.i != t.i and not any(a.i == t.i for a in cur.ancestors):
                dep = last.dep_ if last.i != t.i else t.dep_
                self.repairs[t.i] = (cur.i, dep)
                self.virtual.setdefault(cur.i, []).append((t.i, dep))
                continue
            if t.pos_ not in ("NOUN", "PROPN", "NUM", "PRON"):
                continue
            for k in range(t.i + 1, self.end):
                v = doc[k]
                if v.pos_ not in ("VERB", "AUX") or k in used or v.dep_ in ("aux", "auxpass", "amod", "acl"):
                    continue
                if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") and c in self for c in v.children):
                    continue
                if any(a.i == t.i for a in v.ancestors):
                    continue  # the verb hangs from the orphan: attaching would make a cycle
                dep = "nsubjpass" if any(c.dep_ == "auxpass" for c in v.children) else "nsubj"
                self.repairs[t.i] = (k, dep)
                self.virtual.setdefault(k, []).append((t.i, dep))
                used.add(k)
                break


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per document: spaCy joins the tokens again on every read of ``doc.text``
    (O(tokens)), and the extractors read it once per sentence. Kept in ``doc.user_data``."""
    text = doc.user_data.get("rashomon.text")
    if not isinstance(text, str):
        text = doc.text
        doc.user_data["rashomon.text"] = text
    return text


def line_break_starts(doc: Doc, text: str | None = None) -> list[int]:
    """Token indices that start a new line which is also a new sentence: after a blank line; after a
    line that ends a sentence; or after a short line without closing punctuation (a headline,
    dateline or caption). A hard-wrapped paragraph (many lines of similar length) only breaks at
    blank lines and sentence ends."""
    text = doc_text(doc) if text is None else text
    lines = [ln for ln in text.split("\n") if ln.strip()]
    long_lines = sum(1 for ln in lines if 50 <= len(ln) <= 100)
    wrapped = len(lines) >= 5 and long_lines / len(lines) > 0.6
    starts: list[int] = []
    for t in doc:
        if t.i + 1 >= len(doc):
            break
        nxt = doc[t.i + 1]
        if t.is_space and "\n" in t.text:
            blank = t.text.count("\n") >= 2
            prev = doc[t.i - 1] if t.i > 0 else None
        elif "\n" in t.whitespace_:
            blank = False
            prev = t
        else:
            continue
        if nxt.is_space:
            continue
        ends = prev is None or prev.text[-1:] in ".!?:;\"”’')»"
        if blank or ends or not wrapped:
            starts.append(nxt.i)
    return starts


#: the last document :func:`units` read, and its units: the figure, claim and attribution readers of one
#: report each ask for them, one report after another (one tuple, replaced whole: safe between threads)
_last_units: tuple[Doc | None, list[Unit]] = (None, [])


def units(doc: Doc, text: str | None = None) -> list[Unit]:
    """spaCy sentences split at line breaks (see :func:`line_break_starts`), without empty units; the same
    list for every reader of a document (the units are not changed once made)."""
    global _last_units
    own = text is None or text is doc_text(doc)
    last_doc, last = _last_units
    if own and last_doc is doc:
        return last
    made = _units(doc, text)
    if own:
        _last_units = (doc, made)
    return made


def _units(doc: Doc, text: str | None) -> list[Unit]:
    breaks = set(line_break_starts(doc, text))
    out: list[Unit] = []
    for sent in doc.sents:
        s = sent.start
        for k in range(sent.start + 1, sent.end):
            if k in breaks:
                out.append(Unit(doc, s, k))
                s = k
        out.append(Unit(doc, s, sent.end))
    trimmed = []
    for u in out:
        a, b = u.start, u.end
        while a < b and doc[a].is_space:
            a += 1
        while b > a and doc[b - 1].is_space:
            b -= 1
        if a < b:
            unit = Unit(doc, a, b)
            unit.repair()
            trimmed.append(unit)
    return trimmed


def head_in(tok: Token, unit: Unit) -> Token | None:
    """The token's head if it is another token of the same unit (or its repaired head), else None."""
    r = unit.repairs.get(tok.i)
    if r is not None:
        return tok.doc[r[0]]
    h = tok.head
    if h.i == tok.i or h not in unit:
        return None
    return h


def dep_in(tok: Token, unit: Unit) -> str:
    """The token's dependency label, or the one its repair gives it."""
    r = unit.repairs.get(tok.i)
    return r[1] if r is not None else tok.dep_


def subjects(v: Token, unit: Unit, deps: tuple[str, ...] = ("nsubj", "nsubjpass")) -> list[Token]:
    """The verb's subjects in the unit, repaired ones included."""
    out = [c for c in v.children if c.dep_ in deps and c in unit and c.i not in unit.repairs]
    out += [v.doc[i] for i, d in unit.virtual.get(v.i, []) if d in deps]
    # nearest first: "CITY, May 4 (Agency) - Security forces opened fire" has two subjects
    out.sort(key=lambda t: (t.i > v.i, abs(v.i - t.i)))
    return out


def ancestors_in(tok: Token, unit: Unit) -> Iterator[Token]:
    cur = head_in(tok, unit)
    seen = 0
    while cur is not None and seen < 60:
        yield cur
        cur = head_in(cur, unit)
        seen += 1


def children_dep(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def np_bounds(
    tok: Token, unit: Unit | None = None, keep_preps: frozenset[str] = frozenset({"of"}), cut: frozenset[str] = _NP_CUT
) -> tuple[int, int]:
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


def np_text(
    tok: Token,
    unit: Unit | None = None,
    keep_preps: frozenset[str] = frozenset({"of"}),
    strip: frozenset[str] = frozenset({"the", "a", "an"}),
) -> tuple[str, int, int]:
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

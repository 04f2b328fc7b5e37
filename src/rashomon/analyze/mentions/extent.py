"""How far a mention reaches: the noun phrase a researcher would quote ("remnants of the Assad regime",
"security forces aligned with the new regime"), with the right modifiers that tie a group to someone,
never a coordinated second phrase ("X and Y" gives two mentions)."""

from __future__ import annotations

from spacy.tokens import Token

from .parse import LEFT_DEPS, Cues, Parse, lemma, words

#: modifiers of a number left of a head ("at least 30 soldiers"): not part of the label
_NUMBER_WORDS = frozenset({"of", "than", "least", "about", "around", "nearly", "over", "almost"})


def add_left(p: Parse, t: Token, out: set[int]) -> None:
    """Add the left modifiers of ``t`` to ``out``."""
    for c in t.lefts:
        if c.pos_ == "VERB" and c.dep_ in {"amod", "compound", "nmod"}:
            # "Islamist-led", "regime-aligned", "ousted": the verb and its hyphenated modifier only
            out.add(c.i)
            if c.i >= 2 and p.doc[c.i - 1].text == "-":
                out |= {c.i - 1, c.i - 2}
            out |= {x.i for x in c.children if x.dep_ == "advmod" and x.i == c.i - 1}
        elif split_left(p, c):
            for conj in c.children:
                if conj.dep_ == "conj":
                    out |= {x.i for x in conj.subtree}
        elif c.dep_ in LEFT_DEPS or (c.dep_ in {"cc", "conj"} and c.pos_ == "ADJ"):
            out |= {x.i for x in c.subtree if x.dep_ not in {"relcl", "appos", "acl", "nsubj"} or x is c}


def split_left(p: Parse, c: Token) -> bool:
    """A left modifier that is a coordinated group of its own ("[the national army] and [X units]")."""
    return c.dep_ in {"nmod", "compound"} and bool(words(c) & p.lex.group_heads) and \
        any(x.dep_ == "cc" for x in c.children) and any(x.dep_ == "conj" for x in c.children)


def rights(t: Token) -> list[Token]:
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


def pobj_of(prep: Token) -> Token | None:
    return next((x for x in prep.children if x.dep_ == "pobj"), None)


def noun_phrase(p: Parse, t: Token, depth: int = 0) -> set[int]:
    """The tokens of the noun phrase headed by ``t``: left modifiers, an of-phrase, a name in apposition."""
    out = {t.i}
    add_left(p, t, out)
    if depth < 2:
        for c in t.rights:
            if c.dep_ == "prep" and c.lower_ == "of" and depth < 1:
                pobj = pobj_of(c)
                if pobj is not None:
                    out.add(c.i)
                    out |= noun_phrase(p, pobj, depth + 1)
            elif c.dep_ == "appos" and c.pos_ == "PROPN" and c.i - t.i <= 3:
                out |= {x.i for x in c.subtree if x.dep_ not in {"relcl", "acl"}} | set(range(t.i + 1, c.i))
    return out


def group_extent(p: Parse, t: Token, cues: Cues) -> set[int]:
    """The group's noun phrase with the right modifiers that tie it to someone; ``cues`` gets what they say."""
    out = {t.i}
    add_left(p, t, out)
    if split_left(p, t):
        return out
    for c in rights(t):
        out |= _tie(p, t, c, cues)
    return out


def _tie(p: Parse, t: Token, c: Token, cues: Cues) -> set[int]:
    """The tokens of one right modifier of a group that ties it to someone, or wears something, else none."""
    lex = p.lex
    w = words(c)
    if c.dep_ == "prep" and c.lower_ == "of" and (lemma(t) in lex.affil_of or t.text.lower() in lex.affil_of):
        pobj = pobj_of(c)  # "remnants of the regime"
        if pobj is None:
            return set()
        cues.setdefault("of", pobj)
        return {c.i} | noun_phrase(p, pobj, 1)
    if c.dep_ in {"amod", "acl", "prep", "advcl", "relcl"} and w & lex.affil_adj.keys() and c.i > t.i:
        return _affiliation(p, t, c, cues)  # "loyal to X", "aligned with X"
    if c.dep_ == "acl" and c.lemma_.lower() in lex.defence_verbs and c.tag_ == "VBG":
        obj = next((x for x in c.children if x.dep_ in {"dobj", "prep"}), None)  # "men defending the villages"
        cues["armed"] = c.lemma_.lower()
        return {c.i} | ({x.i for x in obj.subtree if x.dep_ not in {"relcl", "conj", "cc"}} if obj is not None
                        else set())
    if (c.dep_ == "prep" and c.lower_ in {"in", "wearing"}) or (c.dep_ == "acl" and c.lemma_ == "wear"):
        return _uniform(p, c, cues)  # "men in military fatigues"
    if c.dep_ == "prep" and c.lower_ == "from":
        pobj = pobj_of(c)  # "fighters from the X Front"
        if pobj is not None and pobj.ent_type_ in {"ORG", "NORP"}:
            cues.setdefault("affiliation", pobj)
            cues.setdefault("relation", "from")
            return {c.i} | noun_phrase(p, pobj)
    return set()


def _affiliation(p: Parse, t: Token, c: Token, cues: Cues) -> set[int]:
    preps = p.lex.affil_adj[next(iter(words(c) & p.lex.affil_adj.keys()))]
    out: set[int] = set()
    for prep in c.children:
        if prep.dep_ in {"prep", "agent"} and prep.lower_ in preps:
            pobj = pobj_of(prep)
            if pobj is not None:
                out |= {c.i, prep.i} | set(range(c.i, prep.i)) | noun_phrase(p, pobj)
                if c.head.i != t.i:
                    out |= set(range(t.i, c.i))
                cues.setdefault("affiliation", pobj)
                cues.setdefault("relation", c.lower_)
    return out


def _uniform(p: Parse, c: Token, cues: Cues) -> set[int]:
    lex = p.lex
    sub = [x for x in c.subtree if x.dep_ not in {"relcl", "conj", "cc"}]
    if not any(lemma(x) in lex.uniform or x.lower_ in lex.uniform for x in sub) or len(sub) > 12:
        return set()
    if any(x.lower_ in lex.uniform_neg or x.lemma_.lower() in lex.uniform_neg for x in sub):
        return set()  # "in stolen uniforms": says nothing of whose they are
    cues["uniform"] = sub
    return {x.i for x in sub}


def label_bounds(p: Parse, idx: set[int], head: int) -> tuple[int, int]:
    """The contiguous run of ``idx`` around the head, without leading articles, numbers and quotes."""
    lo = hi = head
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx:
        hi += 1
    lo, hi = _one_of_coordinated(p, lo, hi, head)
    doc = p.doc
    while lo < head and doc[lo].text in {"-", "–", "—", ":"}:
        lo += 1
    while lo < head and _leading_filler(p, doc[lo], doc[lo + 1]):
        lo += 1
    while hi > head and (doc[hi].is_punct or doc[hi].lower_ in {"'s", "’s"}):
        hi -= 1
    return lo, hi


def _one_of_coordinated(p: Parse, lo: int, hi: int, head: int) -> tuple[int, int]:
    """Never two coordinated groups in one label ("X fighters and Y militants"), whatever the parse says."""
    for i in range(lo, hi + 1):
        tok = p.doc[i]
        if tok.dep_ == "cc" and tok.head.pos_ in {"NOUN", "PROPN"} and lo <= tok.head.i <= hi:
            if i < head:
                lo = i + 1
            elif i > head:
                return lo, i - 1
    return lo, hi


def _leading_filler(p: Parse, tok: Token, nxt: Token) -> bool:
    """An article, a number or its modifier, a quote mark, a day or a time ("Monday Chile's army"): words a
    label starts without."""
    return tok.ent_type_ in {"DATE", "TIME"} or tok.is_punct or tok.lower_ in p.lex.strip or tok.like_num \
        or tok.pos_ == "NUM" or tok.dep_ in {"quantmod", "nummod"} or tok.lower_ in _NUMBER_WORDS \
        or (tok.pos_ == "ADV" and (nxt.like_num or nxt.dep_ in {"quantmod", "nummod"}))

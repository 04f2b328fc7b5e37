"""Whom a group is tied to: the *anchor* ("pro-X", "X loyalists", "loyal to X", "remnants of X's regime",
"X's forces", "forces aligned with X"), what kind of name it is, and whether it is dated former or current."""

from __future__ import annotations

from spacy.tokens import Token

from .parse import Anchor, Parse, is_name, lefts_of, lemma, modifier_words, tense_of

#: heads that make a compound modifier the state's ("army units", "ministry forces")
STATE_BODIES = frozenset({"army", "military", "police", "ministry"})


def name_run(p: Parse, t: Token) -> tuple[int, int]:
    """The whole name ending or centred at ``t``: its entity, else its proper-noun compounds."""
    ent = p.ent_of.get(t.i)
    if ent is not None and ent.label_ in {"PERSON", "ORG", "NORP", "GPE", "FAC"}:
        lo, hi = ent.start, ent.end - 1
        while lo < hi and p.doc[lo].lower_ in {"the", "a"}:
            lo += 1
        return lo, hi
    lo = t.i
    while lo - 1 >= 0 and p.doc[lo - 1].head.i in range(lo, t.i + 1) and \
            (is_name(p, p.doc[lo - 1]) or p.doc[lo - 1].lower_ in {"al", "el", "-", "bin", "ibn", "abu"}):
        lo -= 1
    while lo < t.i and p.doc[lo].text == "-":
        lo += 1
    return lo, t.i


def type_of(p: Parse, t: Token) -> str:
    """What kind of name a token is: org, nation, state (a state body), title, else name."""
    ent = p.ent_of.get(t.i)
    if ent is not None and ent.label_ == "ORG":
        return "org"
    if ent is not None and ent.label_ in {"NORP", "GPE"}:
        return "nation"
    lem = lemma(t)
    if lem in p.lex.government or lem in STATE_BODIES | {"state"}:
        return "state"
    if lem in p.lex.titles:
        return "title"
    return "name"


def anchor_in(p: Parse, t: Token) -> Anchor | None:
    """What a group is tied to, given the head of the phrase after 'of', 'loyal to', 'aligned with' ..."""
    lex = p.lex
    lem = lemma(t)
    tense = tense_of(modifier_words(list(t.lefts)), lex)
    if t.pos_ == "PROPN" or is_name(p, t):
        return {"anchor_tokens": name_run(p, t), "anchor_type": type_of(p, t), "tense": tense}
    for c in t.rights:  # "the former president, Ilmar Draskovar"
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            return {"anchor_tokens": name_run(p, c), "anchor_type": "name", "tense": tense}
    if lem in lex.government or lem in lex.state_force or lem in lex.unit:
        return _inner(p, t, tense, {"name", "org", "nation"}) or \
            {"anchor_tokens": (t.i, t.i), "anchor_type": "state", "tense": tense}
    if lem in lex.titles:
        return _inner(p, t, tense, {"name"}) or {"anchor_tokens": (t.i, t.i), "anchor_type": "title", "tense": tense}
    if t.lower_ in {"it", "them", "him", "her"}:
        return {"anchor_tokens": (t.i, t.i), "anchor_type": "pronoun", "tense": None}
    return None


def _inner(p: Parse, t: Token, tense: str | None, types: set[str]) -> Anchor | None:
    """The anchor of an anchor ("remnants of [the Vollen regime]" -> Vollen), when of one of ``types``."""
    inner = own_anchor(p, t)
    if inner is None or inner["anchor_type"] not in types:
        return None
    inner["tense"] = inner.get("tense") or tense
    return inner


def own_anchor(p: Parse, t: Token) -> Anchor | None:
    """An anchor among the left modifiers of ``t``: pro-X, X-backed, a possessor, a name in compound
    ("Assad militia"), a state body in compound ("ministry forces")."""
    lefts = lefts_of(t)
    tense = tense_of(modifier_words(lefts), p.lex)
    for find in (_pro_or_anti, _hyphen_affiliation, _possessor):
        found = find(p, t, lefts, tense)
        if found is not None:
            return found
    names = [x for x in lefts if is_name(p, x) and x.ent_type_ not in {"NORP", "GPE", "CARDINAL", "DATE"}] or [
        x for x in lefts if is_name(p, x) and x.ent_type_ in {"NORP", "GPE"} and x.pos_ == "PROPN"]
    if names:
        return {"anchor_tokens": name_run(p, names[-1]), "anchor_type": type_of(p, names[-1]), "tense": tense,
                "relation": "compound"}
    for x in lefts:
        if x.dep_ in {"compound", "nmod", "amod"} and (lemma(x) in p.lex.government or lemma(x) in STATE_BODIES):
            return {"anchor_tokens": (x.i, x.i), "anchor_type": "state", "tense": tense, "relation": "compound"}
    return None


def _pro_or_anti(p: Parse, t: Token, lefts: list[Token], tense: str | None) -> Anchor | None:
    """ "pro-X", "anti-X"."""
    for k, x in enumerate(lefts):
        low = x.lower_
        if low in {"pro", "anti"} or (low.startswith(("pro-", "anti-")) and len(low) > 5):
            rest = [y for y in lefts[k + 1:] if y.text != "-"] if low in {"pro", "anti"} else []
            rel = "anti" if low.startswith("anti") else "pro"
            if rest:
                return {"anchor_tokens": (rest[0].i, rest[-1].i), "anchor_type": type_of(p, rest[-1]),
                        "tense": tense, "relation": rel}
            return {"anchor_tokens": (x.i, x.i), "anchor_type": "name", "tense": tense, "relation": rel,
                    "anchor_text": x.text.split("-", 1)[1]}
    return None


def _hyphen_affiliation(p: Parse, t: Token, lefts: list[Token], tense: str | None) -> Anchor | None:
    """ "X-aligned", "X-backed", "Islamist-led"."""
    for k in range(len(lefts) - 2):
        a, h, b = lefts[k], lefts[k + 1], lefts[k + 2]
        if h.text == "-" and b.lower_ in p.lex.affil_suffix:
            return {"anchor_tokens": name_run(p, a) if is_name(p, a) else (a.i, a.i), "anchor_type": type_of(p, a),
                    "tense": tense, "relation": b.lower_}
    return None


def _possessor(p: Parse, t: Token, lefts: list[Token], tense: str | None) -> Anchor | None:
    """ "X's forces", "its fighters" (never "our police": the speaker's own, not a name)."""
    for c in t.lefts:
        if c.dep_ != "poss" or c.lower_ in p.lex.first_person:
            continue
        if c.lower_ in {"its", "their", "his", "her"}:
            return {"anchor_tokens": (c.i, c.i), "anchor_type": "pronoun", "tense": tense, "relation": "poss"}
        found = anchor_in(p, c)
        if found is not None:
            found.setdefault("relation", "poss")
            found["tense"] = found.get("tense") or tense
            return found
    return None

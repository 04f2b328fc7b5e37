"""Who a figure counts: its category (civilians, security forces, armed group …) and the identity group named
with the victims.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import FigureLexicon, word_set
from ..numbers import is_number_token
from ..syntax import Unit, entity_of
from .base import _Found
from .events import _lemma, _noun_event


def _among_obj(v: Token) -> Token | None:
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ == "among":
            for o in c.children:
                if o.dep_ == "pobj":
                    return o
    return None


def _is_pro_modifier(n: Token, lex: FigureLexicon) -> bool:
    """ "pro-government fighters", "anti-government militants": a faction named by its allegiance."""
    doc = n.doc
    lo = n.left_edge.i
    for i in range(lo, n.i):
        t = doc[i]
        low = t.lower_
        if low in lex.armed_prefixes and i + 1 < n.i and doc[i + 1].text in ("-", "\u2010", "\u2011"):
            return True
        if "-" in low and low.split("-", 1)[0] in lex.armed_prefixes:
            return True
    return False


def _loyal_to(n: Token, lex: FigureLexicon) -> bool:
    for c in n.children:
        if c.dep_ in ("amod", "acl") and (c.lower_ in lex.loyal_words or _lemma(c) in lex.loyal_words) and c.i > n.i:
            return True
    return False


def _category_of(n: Token, lex: FigureLexicon) -> str | None:
    lem, low = _lemma(n), n.lower_
    base = lex.category_nouns.get(lem) or lex.category_nouns.get(low)
    if (
        base is None
        and _identity(n, lex) is not None
        and n.pos_ in ("PROPN", "NOUN")
        and (
            n.tag_ in ("NNS", "NNPS")
            or low in lex.identity_words
            or any(c.dep_ in ("nummod",) for c in n.children)
            or (n.dep_ == "pobj" and n.head.lower_ == "of")
        )
    ):
        base = "people"  # "Kurds", "Christians", "Palestinians": an identity (the group), not a civilian status
    if base is None and n.ent_type_ == "NORP" and n.tag_ in ("NNS", "NNPS"):
        base = "people"
    if base is None and n.dep_ == "pobj" and n.head.lower_ == "of" and _lemma(n.head.head) in lex.member_heads:
        base = _civic(n, lex)  # "members of a youth movement"
    if base is None:
        return None
    # modifiers: "government forces", "rebel fighters", "pro-junta militants", "civilian casualties"
    mods = [c for c in n.children if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < n.i]
    mod_cats = []
    for m in mods:
        for t in m.subtree:
            mc = lex.category_modifiers.get(t.lower_) or lex.category_modifiers.get(_lemma(t))
            if mc:
                mod_cats.append(mc)
    if _is_pro_modifier(n, lex):
        return "armed_group"
    if "civilians" in mod_cats:
        return "civilians"
    sensitive = lem in lex.modifier_sensitive or low in lex.modifier_sensitive
    if sensitive or base in ("people",):
        if "armed_group" in mod_cats:
            return "armed_group"
        if "security_forces" in mod_cats and base in ("security_forces", "armed_group", "people"):
            return "security_forces"
        if _loyal_to(n, lex) and base in ("security_forces",) and lem in ("force", "forces", "man", "unit"):
            return "armed_group"
    return base


def _civic(n: Token, lex: FigureLexicon) -> str | None:
    bodies = lex.raw["categories"].get("civic_bodies", {})
    return bodies.get(_lemma(n)) or bodies.get(n.lower_) if not _lemma(n).startswith("_") else None


def _own_members(n: Token, unit: Unit, lex: FigureLexicon) -> Token | None:
    """ "the party said 12 of its members": the body named before the possessive."""
    if _lemma(n) not in lex.member_heads or not any(
        c.dep_ == "poss" and c.lower_ in ("its", "their") for c in n.children
    ):
        return None
    for k in range(n.i - 1, unit.start - 1, -1):
        t = n.doc[k]
        armed = lex.category_nouns.get(_lemma(t)) in ("security_forces", "armed_group")
        if t.pos_ in ("NOUN", "PROPN") and (_civic(t, lex) or armed):
            return t
    return None


def _conjuncts(n: Token) -> list[Token]:
    out = []
    stack = [c for c in n.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop()
        out.append(c)
        stack.extend(d for d in c.children if d.dep_ == "conj")
    return out


_OWN_QUANTITY = frozenset({"many", "several", "some", "few", "more", "other", "numerous", "countless", "most", "all"})


def _has_number(n: Token, lex: FigureLexicon) -> bool:
    """True when a conjunct states its own quantity ("and 40 others", "and many more people")."""
    return any(
        c.dep_ in ("nummod", "quantmod") or is_number_token(c, lex) or c.lower_ in _OWN_QUANTITY
        for c in n.children
        if c.i < n.i
    )


def _category(f: _Found, lex: FigureLexicon) -> str | None:
    n = f.cat_noun
    if n is None:
        return "people" if f.noun is None else None
    if _noun_event(n, lex) is not None or _lemma(n) in ("death", "casualty", "fatality", "injury"):
        # "236 injuries among protesters", "deaths among civilians": who is counted is the among-object
        o = _among_obj(n)
        if o is not None and _category_of(o, lex) not in (None, "people"):
            n = o
    cat = _category_of(n, lex)
    if cat == "people":
        cat = _all_of_them(n, lex) or cat
    if cat is None:
        if f.noun is not None and f.noun is not n:
            cat = _category_of(f.noun, lex)
        if cat is None:
            return None
    cats = {cat}
    for c in _conjuncts(n):
        if _has_number(c, lex):
            continue
        cc = _category_of(c, lex)
        if cc:
            cats.add(cc)
    if len(cats) == 1:
        return cat
    if cats <= {"security_forces", "armed_group", "combatants"}:
        return "combatants"
    return "people"


def _from_household(n: Token, unit: Unit) -> bool:
    """ "men from a single family", "women of the household": people described as a family's members."""
    for c in n.children:
        if c.dep_ == "prep" and c.lower_ in ("from", "of"):
            if any(o.dep_ == "pobj" and _lemma(o) in word_set("categories", "household_nouns") for o in c.children):
                return True
    return False


def _all_of_them(n: Token, lex: FigureLexicon) -> str | None:
    """ "Seventeen people, all civilians, were killed": an apposition saying who every one of them was."""
    for c in n.children:
        if c.dep_ == "appos" and any(d.lower_ in word_set("categories", "all_words") for d in c.children):
            cat = _category_of(c, lex)
            if cat not in (None, "people"):
                return cat
    return None


def _identity(t: Token, lex: FigureLexicon) -> str | None:
    """The identity a word names ("Druze", "Kurds" -> "Kurdish"), or None."""
    low = t.lower_
    if low in lex.not_identity or not t.text[:1].isalpha():
        return None
    if low in lex.identity_words:
        return lex.identity_words[low]
    if not t.text[:1].isupper():
        return None
    if t.ent_type_ == "NORP":
        return t.text
    if t.ent_type_ in ("GPE", "ORG", "LOC", "FAC") and t.tag_ not in ("JJ",):
        ent = entity_of(t)
        # a lone capitalised word such as "Ostrani villagers" / "hundreds of Ostrani" is often taken for an
        # organisation; a place name ("Syria", "Mali") never names the victims' identity
        counted = t.dep_ in ("compound", "amod") or (t.dep_ == "pobj" and t.head.lower_ == "of")
        if (
            ent is None
            or len(ent) > 1
            or t.ent_type_ in ("GPE", "LOC", "FAC")
            or not counted
            or not low.endswith(lex.identity_suffixes)
        ):
            return None
    if (
        t.pos_ in ("PROPN", "ADJ", "NOUN")
        and len(low) > 3
        and low.endswith(lex.identity_suffixes)
        and t.ent_type_ not in ("PERSON",)
        or (
            t.ent_type_ == "PERSON"
            and t.dep_ in ("compound", "amod")
            and low.endswith(("ite", "ian", "ish", "ese", "i"))
        )
    ):
        return t.text
    return None



def _identity_at(n: Token, lex: FigureLexicon) -> str | None:
    """The identity a noun names itself ("Yazidis", "Kurds") or through a modifier before it
    ("Kurdish men")."""
    if n.tag_ in ("NNS", "NNPS") or n.lower_ in lex.identity_words:
        ident = _identity(n, lex)
        if ident:
            return ident
    for m in n.children:
        if m.dep_ in ("amod", "compound", "nmod") and m.i < n.i:
            ident = _identity(m, lex)
            if ident:
                return ident
    return None

def _group(f: _Found, cat: str | None, unit: Unit, lex: FigureLexicon) -> str | None:
    if cat not in ("civilians", "people"):
        return None
    nouns = [n for n in (f.cat_noun, f.noun) if n is not None]
    demographic = None
    for n in nouns:
        ident = _identity_at(n, lex)
        if ident:
            return ident
        # "civilians from the Druze minority", "men from a Sevrani family", "people of Kurdish origin"
        for c in n.children:
            if c.dep_ == "prep" and c.lower_ in ("from", "of", "among", "belonging"):
                for o in c.children:
                    ident = _identity_at(o, lex) if o.dep_ == "pobj" else None
                    if ident:
                        return ident
        if demographic is None:
            demographic = lex.demographic.get(n.lower_) or lex.demographic.get(_lemma(n))
    # "…killed in raids targeting Yazidi villages": the identity of those targeted in the clause
    if f.pred is not None and demographic is None:
        top = f.pred
        for t in top.subtree:
            if (
                t in unit
                and t.dep_ in ("compound", "amod")
                and t.head.lower_ in lex.community_nouns
                and t.head.i != (f.cat_noun.i if f.cat_noun is not None else -1)
                and (t.ent_type_ == "NORP" or t.lower_ in lex.identity_words)  # "Bahri neighbourhood" is a place
            ):
                ident = _identity(t, lex)
                if ident:
                    return ident
    return demographic

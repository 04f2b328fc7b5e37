"""Groups that act: forces, troops, fighters, loyalists, militias, governments, protesters. Whose forces the
words make them (the *allegiance*: state, government, unit, nonstate, vague, challenger), whom they are tied
to (the anchor), and whether they are dated to the past."""

from __future__ import annotations

from spacy.tokens import Token

from ...lang.actors import country_words
from .anchors import anchor_in, name_run, own_anchor
from .drafts import add
from .extent import group_extent, noun_phrase, split_left
from .parse import Anchor, Cues, Draft, Parse, determiner, is_name, lefts_of, lemma, modifier_words, words

#: nouns that name a group only when something marks them as armed ("armed men", "men defending the villages")
NEEDS_CUE = frozenset({"man", "men", "group", "element", "individual", "people", "volunteer", "unknown", "youth",
                       "alliance", "coalition"})
#: modifiers that make "X forces" anyone's as the speaker sees them, not a rebel group's
_ANYONES = frozenset({"terrorist", "criminal", "outlaw"})
#: left dependents whose words can cue a group's allegiance (not a relative clause or a coordinated phrase)
_CUE_DEPS = frozenset({"amod", "compound", "nmod", "poss", "det", "npadvmod"})
#: what a group's allegiance makes its kind
_KIND = {"state": "state_forces", "government": "government", "unit": "state_forces", "challenger": "movement"}


def cued_state(p: Parse, t: Token) -> bool:
    """A noun that names the state's forces only with its modifier: "security services", "law enforcement",
    or with a nation's word: "Norwegian officials", "the Chilean side", "the country's leaders"."""
    cues = p.lex.cued_state.get(lemma(t)) or p.lex.cued_state.get(t.lower_)
    lefts = [x for c in t.lefts if c.dep_ in _CUE_DEPS for x in c.subtree]
    if cues and any(x.lower_ in cues or x.lemma_.lower() in cues for x in lefts):
        return True
    if lemma(t) in p.lex.nation_cued_not_of and any(c.dep_ == "prep" and c.lower_ == "of" for c in t.rights):
        return False  # "the Chilean side of the border"
    return (lemma(t) in p.lex.nation_cued or t.lower_ in p.lex.nation_cued) and any(_national(x) for x in lefts)


def _national(x: Token) -> bool:
    """A word that names a nation: a country or demonym, or "the country's"."""
    if x.lower_ in country_words() or (x.ent_type_ in {"GPE", "NORP"} and x.pos_ in {"PROPN", "ADJ"}):
        return True
    return x.dep_ == "poss" and x.lemma_.lower() in {"country", "nation"}


def challenger_people(p: Parse, t: Token) -> bool:
    """Leaders and organisers of a movement: "protest leaders", "organisers of the protests"."""
    if not (lemma(t) in p.lex.challenger_people or t.lower_ in p.lex.challenger_people):
        return False
    marks = p.lex.challenger_mod | p.lex.challenger | {"protest", "demonstration", "uprising", "sit-in", "march"}
    near = [x for c in t.lefts if c.dep_ in _CUE_DEPS for x in c.subtree] + [
        x for c in t.rights if c.dep_ == "prep" and c.lower_ == "of" for x in c.subtree]
    return any(x.lemma_.lower() in marks or x.lower_ in marks for x in near if x.pos_ in {"NOUN", "ADJ", "PROPN"})


def group(p: Parse, t: Token) -> bool:
    """Record the group headed by ``t``, if the words make it one; True when recorded."""
    lefts = lefts_of(t)
    lmods = modifier_words(lefts)
    cues: Cues = {}
    idx = group_extent(p, t, cues)
    challenger = _is_challenger(p, t, lmods)
    if not _is_group(p, t, lefts, lmods, cues, challenger):
        return False
    stance = _allegiance(p, t, lmods, cues, challenger)
    extra: Draft = {"stance": stance, "tense": _tense(p, t, lmods), "determiner": determiner(t)}
    if any(c.dep_ == "poss" and c.lower_ in p.lex.first_person for c in t.lefts):
        extra["first_person"] = True
    if t.dep_ == "appos" and t.head.pos_ == "PROPN" and is_name(p, t.head):
        lo, hi = name_run(p, t.head)  # "the Homeland Guard, a militia loyal to ...": what it is called
        extra["appos_name"] = p.doc[lo:hi + 1].text
    anchor = _anchor(p, t, cues)
    if anchor is not None:
        _set_anchor(p, extra, anchor)
    if cues.get("armed"):
        extra["cue"] = "defends"
    elif "uniform" in cues:
        extra["cue"] = "uniform"
    return add(p, t, idx, _KIND.get(stance, "armed_group"), **extra) is not None


def _is_challenger(p: Parse, t: Token, lmods: set[str]) -> bool:
    """Protesters, the opposition, "the protest movement"."""
    lex, w = p.lex, words(t)
    if challenger_people(p, t):
        return True
    return bool(w & lex.challenger) or bool(
        w & lex.challenger_heads and lmods & lex.challenger_mod and not lmods & lex.armed_mod
        and not w & (lex.nonstate | lex.state_force | lex.government))


def _is_group(p: Parse, t: Token, lefts: list[Token], lmods: set[str], cues: Cues, challenger: bool) -> bool:
    """Whether the words name a group here, not "the party", "by force", "a supply convoy", "members of X"."""
    lex, w = p.lex, words(t)
    armed_heads = lex.nonstate | lex.state_force | lex.government | lex.unit | lex.vague
    if not challenger and w & lex.challenger_heads and not w & armed_heads:
        return False  # "the party", "a rebel front": no group of its own here
    if w & NEEDS_CUE and not challenger and not w & (lex.nonstate | lex.state_force | lex.government):
        armed = bool(lmods & lex.armed_mod) or "armed" in cues or "uniform" in cues
        if not armed and determiner(t) not in lex.demonstratives:
            return False
    if lemma(t) == "force" and t.text.lower() == "force" and not lmods:
        return False  # "by force"
    if (w & lex.unit) and not (lmods & (lex.state_mod | lex.nonstate_mod)) and not any(
            is_name(p, x) for x in lefts) and "of" not in cues and "affiliation" not in cues and \
            not any(c.dep_ == "poss" for c in t.lefts):
        return False  # "a supply convoy": a unit nobody is named for
    if w & {"remnant", "remains"} and _of_a_thing(p, t):
        return False  # "remnants of a rocket": debris, not the old regime's men
    if w & lex.partitive and not w & lex.loyalty:
        pobj = next((x for c in t.rights if c.dep_ == "prep" and c.lower_ == "of" for x in c.children
                     if x.dep_ == "pobj"), None)
        if pobj is not None and (words(pobj) & lex.group_heads or pobj.ent_type_ in {"ORG", "NORP"}):
            return False  # "members of the security forces": the group is the object of 'of'
    return True


def _of_a_thing(p: Parse, t: Token) -> bool:
    """ "of" + a common noun that names no group, no person and no name ("of a rocket", "of the building")."""
    for c in t.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "NOUN" and not words(pobj) & p.lex.group_heads and \
                    not words(pobj) & p.lex.titles and pobj.ent_type_ not in {"NORP", "GPE", "ORG", "PERSON"} \
                    and not any(x.lower_ in p.lex.former for x in pobj.lefts):  # "of the old order": people
                return True
    return False


def _allegiance(p: Parse, t: Token, lmods: set[str], cues: Cues, challenger: bool) -> str:
    lex, w = p.lex, words(t)
    if challenger:
        return "challenger"
    if w & lex.state_force or cued_state(p, t):
        stance = "state"
    elif w & lex.government:
        stance = "government"
    elif w & lex.unit:
        stance = "unit"
    elif w & lex.nonstate:
        stance = "nonstate"
    else:
        stance = "vague"
    if stance == "state" and lmods & lex.nonstate_mod:
        # "rebel forces" are not the state's; "terrorist forces" may be anyone's, as the speaker sees them
        stance = "nonstate" if lmods & lex.nonstate_mod - _ANYONES else "vague"
    if stance == "vague" and w & NEEDS_CUE and (cues.get("armed") or lmods & (lex.armed_mod - {"armed"})):
        stance = "nonstate"  # "local defence volunteers", "men defending the villages"
    return stance


def _tense(p: Parse, t: Token, lmods: set[str]) -> str | None:
    lex = p.lex
    tense = None
    if lmods & lex.former or words(t) & {"remnant", "remains"}:
        tense = "former"
    elif lmods & lex.current:
        tense = "current"
    if t.dep_ == "pobj" and t.head.lower_ == "of" and lemma(t.head.head) in lex.former_context:
        tense = "former"  # "the fall of the regime"
    return tense


def _anchor(p: Parse, t: Token, cues: Cues) -> Anchor | None:
    """Whom the group is tied to: "loyal to X", "remnants of X", its own modifiers, the uniform it wears."""
    for cue in ("affiliation", "of"):
        if cue in cues:
            anchor = anchor_in(p, cues[cue])  # type: ignore[literal-required]
            if anchor is not None:
                anchor["relation"] = cues.get("relation") if cue == "affiliation" else "of"
                return anchor
    anchor = own_anchor(p, t)
    if anchor is None and "uniform" in cues:
        for x in cues["uniform"]:
            ent = p.ent_of.get(x.i)
            if lemma(x) in p.lex.state_mod or lemma(x) in {"army", "military", "police", "government"} \
                    or ent is not None and ent.label_ == "ORG":
                return {"anchor_tokens": (x.i, x.i), "anchor_type": "state", "tense": None, "relation": "uniform"}
    return anchor


def _set_anchor(p: Parse, extra: Draft, anchor: Anchor) -> None:
    lo, hi = anchor["anchor_tokens"]
    text = anchor.get("anchor_text") or p.doc[lo:hi + 1].text
    extra.update(anchor=text.strip("\"“”„«»'’ "), anchor_type=anchor["anchor_type"],
                 anchor_span=[p.doc[lo].idx, p.doc[hi].idx + len(p.doc[hi])],
                 relation=anchor.get("relation"), anchor_tense=anchor.get("tense"))
    if anchor["anchor_type"] == "pronoun":
        extra["possessor_token"] = lo


def fellowship(p: Parse, t: Token) -> bool:
    """ "our comrades", "our movement": the speaker's own camp, whichever it is; True when recorded."""
    if words(t) & p.lex.fellowship and any(c.dep_ == "poss" and c.lower_ in p.lex.first_person for c in t.lefts):
        add(p, t, noun_phrase(p, t), "movement", stance="own", first_person=True)
        return True
    return False


__all__ = ["NEEDS_CUE", "challenger_people", "cued_state", "fellowship", "group", "split_left"]

"""Named actors and the people a title names: persons, organisations (which may be a state's institution
or in the opposition), states, communities and civilians."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ...lang.actors import country_words
from .anchors import own_anchor
from .drafts import add
from .extent import noun_phrase
from .parse import Draft, Parse, determiner, is_name, lefts_of, lemma, modifier_words, tense_of, words

#: named state bodies that need a national word to be a state's ("Rapid Support Forces" is not)
_NEEDS_NATION = frozenset({"forces", "force", "army", "military", "guard", "navy", "command", "service"})
#: words of a name that make an armed body a state's ("Presidential Guard", "Sudanese Armed Forces")
_STATE_NAME_WORDS = frozenset({"national", "presidential", "republican", "royal", "state", "ministry", "police"})
#: verbs by which an opposition body includes others ("an opposition alliance that includes X and Y")
_INCLUDES = frozenset({"include", "comprise", "unite", "gather", "bring"})


def person(p: Parse, t: Token, ent: Span | None) -> None:
    """A named person, or a person a title names ("the spokesman")."""
    idx = {i for i in noun_phrase(p, t) if i <= t.i or (ent is not None and i < ent.end)}
    name = ent.text.removeprefix("the ").removeprefix("The ") if ent is not None else None
    lefts = [x for c in t.lefts for x in c.subtree]
    titles = [x.lemma_.lower() for x in lefts if x.lemma_.lower() in p.lex.titles]
    if ent is None:
        titles.append(lemma(t))
    add(p, t, idx, "person", name=name, title=titles[-1] if titles else None,
        tense=tense_of(modifier_words(lefts), p.lex), ent=ent.label_ if ent is not None else None)


def entity(p: Parse, t: Token, ent: Span) -> None:
    """A named entity headed by ``t``: a person, an organisation, a state or a community."""
    label = ent.label_
    if label == "PERSON":
        person(p, t, ent)
        return
    idx = {i for i in noun_phrase(p, t) | set(range(ent.start, ent.end)) if ent.start - 4 <= i < ent.end}
    name = ent.text.removeprefix("the ").removeprefix("The ")
    if label == "ORG":
        organisation(p, t, ent, idx, name)
    elif label == "GPE" and t.dep_ not in {"compound", "poss", "amod"}:
        add(p, t, idx, "state", name=name, ent=label)
    elif label == "NORP" and t.dep_ not in {"compound", "amod", "poss", "nmod"}:
        add(p, t, idx, "community", name=name, ent=label, group=name)


def organisation(p: Parse, t: Token, ent: Span, idx: set[int], name: str) -> None:
    words_ = {w.lower() for w in ent.text.split()}
    lefts = [x for c in t.lefts for x in c.subtree]
    state = state_org(p, ent, lemma(ent.root), words_)
    extra: Draft = {"name": name, "ent": "ORG", "stance": "state" if state else None,
                    "tense": "former" if (modifier_words(lefts) | words_) & p.lex.former else None}
    if not state and challenger_org(p, t, ent):
        extra["camp"] = "challenger"
    anchor = own_anchor(p, t)
    if anchor is not None and anchor["anchor_type"] in {"pronoun", "nation", "name"}:
        lo, hi = anchor["anchor_tokens"]
        if not (ent.start <= lo and hi < ent.end) or anchor["anchor_type"] == "pronoun":
            extra.update(anchor=p.doc[lo:hi + 1].text, anchor_type=anchor["anchor_type"],
                         relation=anchor.get("relation"))
            if anchor["anchor_type"] == "pronoun":
                extra["possessor_token"] = lo
    add(p, t, idx, "organisation", **extra)


def state_org(p: Parse, ent: Span, root: str, name_words: set[str]) -> bool:
    """A named organisation that is part of a state: a ministry, a national army, a police force."""
    if root in p.lex.state_org_roots and root not in _NEEDS_NATION:
        return True
    if root in p.lex.state_org_roots or name_words & {"army", "police", "gendarmerie", "ministry"}:
        return bool(name_words & _STATE_NAME_WORDS) or bool(name_words & country_words()) \
            or any(x.ent_type_ in {"GPE", "NORP"} and x.i != ent.root.i for x in ent) \
            or (ent.start > 0 and ent.doc[ent.start - 1].ent_type_ in {"GPE", "NORP"})
    return False


def challenger_org(p: Parse, t: Token, ent: Span) -> bool:
    """An organisation the report places in the opposition: "the opposition X", "X, an opposition
    coalition", "an opposition alliance that includes X and Y"."""
    lex = p.lex
    cue = lex.challenger | (lex.challenger_mod & {"opposition", "anti-government", "antigovernment",
                                                   "pro-democracy", "dissident", "protest"})

    def says(tok: Token) -> bool:
        near = [tok] + [x for c in tok.lefts for x in c.subtree]
        return any(x.lemma_.lower() in cue or x.lower_ in cue for x in near if not ent.start <= x.i < ent.end)

    if any(x.lower_ in cue or x.lemma_.lower() in cue for x in t.lefts if not (ent.start <= x.i < ent.end)):
        return True
    if any(c.dep_ == "appos" and says(c) for c in t.children) or (t.dep_ == "appos" and says(t.head)):
        return True
    r = t
    while r.dep_ == "conj" and r.head is not r:
        r = r.head
    v = r.head
    if r.dep_ == "dobj" and v.lemma_.lower() in _INCLUDES and v.dep_ == "relcl":
        owner = v.head
        return owner.lemma_.lower() in cue or any(x.lower_ in cue or x.lemma_.lower() in cue for x in owner.lefts)
    return False


def community(p: Parse, t: Token) -> None:
    """A community ("Alawite villagers", "the Druze") or civilians ("residents", "civilians")."""
    lefts = lefts_of(t)
    name = next((x.text for x in reversed(lefts) if x.ent_type_ == "NORP"), None) or next(
        (x.text for x in reversed(lefts) if is_name(p, x) and x.ent_type_ not in {"PERSON", "GPE"}
         and not x.is_sent_start), None)
    if name is None:
        pobj = None
        for c in t.rights:
            if c.dep_ == "prep" and c.lower_ == "of":
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
        if pobj is not None and words(pobj) & p.lex.community:
            return  # "members of the Alawite sect": the community is the object
    if name is None and not words(t) & p.lex.civilian:
        return
    add(p, t, noun_phrase(p, t), "community" if name else "civilians", group=name)


def title_or_anaphor(p: Parse, t: Token) -> None:
    """ "the spokesman" (a person by title), "the organisation" (an earlier organisation), a community."""
    w = words(t)
    if w & p.lex.titles and t.pos_ == "NOUN" and t.tag_ == "NN":
        person(p, t, None)
    elif w & p.lex.org_anaphors and t.pos_ == "NOUN" and t.tag_ == "NN":
        det = next((c.lower_ for c in t.lefts if c.dep_ in {"det", "poss"}), None)
        if det in {"the", "this", "that", "its"} and not any(is_name(p, c) for c in t.lefts):
            add(p, t, noun_phrase(p, t), "organisation", anaphor=True)
    elif w & p.lex.community or w & p.lex.civilian:
        community(p, t)


__all__ = ["challenger_org", "community", "determiner", "entity", "person", "state_org", "title_or_anaphor"]

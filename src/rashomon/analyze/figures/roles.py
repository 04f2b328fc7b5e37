"""The event of a number phrase from its grammatical role: subject of a passive, subject, object, prepositional
object, attribute, a part of another figure ("including", "among").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..lexicon import FigureLexicon
from ..syntax import Unit, ancestors_in, dep_in, head_in, subjects
from .base import _PART_PREPS, _Found
from .categories import _among_obj, _category_of, _identity
from .events import (
    _clause_event_for_noun,
    _climb_conj,
    _complement_event,
    _intransitive_event,
    _is_reference,
    _lemma,
    _lex_set,
    _negated,
    _noun_event,
    _of_object,
    _participle_event,
    _passive_event,
    _subject,
    _toll_event,
    _trailing_participle,
    _transitive_event,
    _victims_of,
)


def _find_event(f: _Found, unit: Unit, lex: FigureLexicon) -> None:
    """The event a phrase counts: from its noun (the count itself, a modifier, a clause), the words after a
    bare number, then the role of the phrase in its clause."""
    n = f.noun
    if f.event is None and n is not None:
        _noun_said_event(f, n, unit, lex)
        if f.event == "incidents":
            return  # "two massacres": a count of attacks, no role to read
    if f.event is None and n is None:
        _bare_number_event(f, unit, lex)
    if f.event is not None and f.via == "clause" and n is not None and f.pred is not None and f.pred.tag_ == "VBN":
        # "two men wounded on Saturday died in hospital": the main verb says what became of them
        x = _climb_conj(f.role, unit)
        v = head_in(x, unit)
        if v is not None and dep_in(x, unit) == "nsubj" and v.pos_ == "VERB":
            ev = lex.intransitive.get(_lemma(v)) if not _negated(v) else None
            if ev:
                f.event, f.pred, f.via = ev, v, "role"
    if f.event is None and n is not None:
        # "20 patients with severe burns": people counted with their injuries
        for c in n.children:
            if c.dep_ == "prep" and c.lower_ == "with":
                if any(o.dep_ == "pobj" and _lemma(o) in _lex_set(lex, "with_injury_nouns") for o in c.children):
                    f.event, f.pred, f.via = "injured", c, "modifier"
    if f.event is not None and f.via in ("noun", "modifier") and n is not None:
        # still look at the role for the perpetrator / qualifier (e.g. "claimed 30 lives")
        _role_event(f, unit, lex, keep_event=True)
        return
    if f.event is None or f.via == "partitive":
        _role_event(f, unit, lex, keep_event=f.event is not None)




def _noun_said_event(f: _Found, n: Token, unit: Unit, lex: FigureLexicon) -> None:
    """The event the counted noun states itself, by a modifier, or by a participle or relative clause."""
    # the noun is itself the count: "10 deaths", "20 bodies", "two massacres", "5 hostages"
    ev = _victims_of(n, unit) or _noun_event(n, lex)
    if ev is None and (_lemma(n) in lex.incident_nouns or n.lower_ in lex.incident_nouns):
        ev = "incidents"
    if ev is not None:
        f.event, f.pred, f.via = ev, n, "noun"
        if ev == "incidents":
            return
    # a modifier: "wounded soldiers", "dead civilians", "massacred villagers", "displaced families"
    if f.event is None:
        for c in n.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.i < n.i:
                ev = lex.event_adjectives.get(c.lower_)
                if ev:
                    f.event, f.pred, f.via = ev, c, "modifier"
                    break
    # a participle or relative clause: "residents fleeing their homes", "people who were killed"
    if f.event is None:
        holders = [n, f.role]
        if n.dep_ == "pobj" and n.head.lower_ == "of" and _lemma(n.head.head) in ("list", "register", "record"):
            holders.append(n.head.head)  # "a list of 40 people whose relatives cannot find them"
        for holder in dict.fromkeys(holders):
            for c in [*holder.children, *_trailing_participle(holder)]:
                if c.dep_ in ("acl", "relcl", "dep") and c in unit:
                    ev = lex.event_adjectives.get(c.lower_) if c.dep_ == "dep" else _clause_event_for_noun(c, lex)
                    if ev:
                        f.event, f.pred, f.via = ev, c, "clause"
                        break
            if f.event:
                break


def _bare_number_event(f: _Found, unit: Unit, lex: FigureLexicon) -> None:
    """ "at least 112 injured", "the count of 41 dead": an event word right after a bare number."""
    # "at least 112 injured", "the count of 41 dead": an event word right after a bare number
    for c in f.role.children:
        if c.dep_ in ("acl", "amod") and c in unit and c.i > f.role.i:
            ev = lex.event_adjectives.get(c.lower_) or _clause_event_for_noun(c, lex)
            if ev:
                f.event, f.pred, f.via = ev, c, "clause"
                break
    nxt = f.role.doc[f.phrase.end] if f.phrase.end < len(f.role.doc) else None
    if (
        f.event is None
        and nxt is not None
        and nxt in unit
        and nxt.lower_ in lex.event_adjectives
        and nxt.tag_ in ("JJ", "VBN")
        and not any(c.dep_ in ("dobj", "nsubjpass") for c in nxt.children)
    ):
        f.event, f.pred, f.via = lex.event_adjectives[nxt.lower_], nxt, "modifier"


def _role_event(f: _Found, unit: Unit, lex: FigureLexicon, keep_event: bool = False) -> None:
    """Event from the role of the counted phrase in its clause: one function per role, then the result
    recorded on ``f`` (``keep_event``: only the predicate, perpetrator verb and part links)."""
    x, g = _above_bound_words(f, _climb_conj(f.role, unit), unit)
    if g is None:
        return
    dep = _role_dep(f, x, g, unit, lex)
    found = _ROLES[dep](f, x, g, unit, lex, keep_event) if dep in _ROLES else _Role(None, g, "role")
    if found is not None:
        _record(f, found, dep, x, g, keep_event)


def _role_dep(f: _Found, x: Token, g: Token, unit: Unit, lex: FigureLexicon) -> str:
    """The dependency that gives the phrase its role, corrected where the parse hangs it elsewhere."""
    dep = dep_in(x, unit)
    if dep == "conj" and g.pos_ == "VERB" and f.noun is None and x.i > g.i:
        # "200 were arrested in X, and nearly 150 in Y": a bare number sharing the verb of the first
        sibs = {c.dep_: c for c in g.children if c.dep_ in ("nsubjpass", "dobj", "nsubj") and c.i < x.i}
        sib = sibs.get("nsubjpass") or sibs.get("dobj") or sibs.get("nsubj")
        if sib is not None:
            dep = sib.dep_
            f.span_start = f.phrase.start  # its words are its own, not the first conjunct's
            if f.cat_noun is None and sib.pos_ == "NOUN" and _category_of(sib, lex) is not None:
                f.cat_noun = sib  # "killed 40 soldiers in the north and 25 in the south"
        elif any(c.dep_ == "auxpass" for c in g.children):
            dep = "nsubjpass"
            f.span_start = f.phrase.start
    if dep in ("prep", "advmod", "npadvmod") and g.pos_ == "VERB" and x.i < f.phrase.num_start:
        dep = "dobj"  # "displaced around 400,000", "killing closer to 600" with the bound parsed as a modifier
    if dep == "nummod" and g.pos_ == "VERB":
        dep = "nsubj"  # "with some 80,000 crossing the border": the number is the participle's subject
    if (
        dep in ("advmod", "npadvmod", "dobj", "nsubj")
        and g.tag_ == "VBN"
        and dep_in(g, unit) == "conj"
        and not [t for t in subjects(g, unit) if t.i != x.i]
        and not any(c.dep_ in ("aux", "auxpass") for c in g.children)
        and any(c.dep_ == "auxpass" for c in g.head.children)
    ):
        dep = "nsubjpass"  # "... have been killed and over 11,000 wounded"
    return dep


@dataclass(frozen=True)
class _Role:
    """What a role says: the event (or None), the word stating it, and how it was found."""

    ev: str | None
    pred: Token | None
    via: str


def _passive_role(f: _Found, x: Token, g: Token, unit: Unit, lex: FigureLexicon, keep: bool) -> _Role | None:
    return _Role(_passive_event(g, lex), g, "role")


def _subject_role(f: _Found, x: Token, g: Token, unit: Unit, lex: FigureLexicon, keep: bool) -> _Role | None:
    e = _intransitive_event(g, lex) or _participle_event(g, lex)
    if e is None and _lemma(g) in lex.transitive and any(c.dep_ == "dobj" for c in g.children):
        return None  # "20 gunmen killed ...": the count of perpetrators
    if e is None and _lemma(g) in ("be",):
        # "Among the dead were 14 children" / "the victims were 20 children"
        among = _among(g, lex) or _among(x, lex)
        if among:
            return _Role(among, g, "among")
    return _Role(e, g, "role")


def _object_role(f: _Found, x: Token, g: Token, unit: Unit, lex: FigureLexicon, keep: bool) -> _Role | None:
    lem = _lemma(g)
    if lem in lex.include_verbs:
        s = _subject(g, unit)
        if s is not None and (_is_reference(s, lex) or _lemma(s) in lex.toll_nouns
                              or _lemma(s) in lex.counted_event_nouns):
            f.parent_anchor = s
            f.span_start = None
            return _Role(_toll_event(s, lex, unit) if not _is_reference(s, lex) else None, g, "include")
        return _Role(None, g, "role")
    ev1 = _transitive_event(g, lex) if not _negated(g) else None
    if ev1 is None:
        ev1 = _complement_event(g, lex)
    found = _Role(None, g, "role")
    if ev1 is None and lem in lex.change_verbs and (f.noun is None or _toll_subject(g, unit, lex)):
        ev1, found = _changed_toll(f, g, unit, lex)
    if ev1 is None and f.noun is None:
        # bare number object of a verb whose own conjunct states the event: "ambushed and killed 16"
        for c in g.children:
            if c.dep_ == "conj" and c.pos_ == "VERB" and not any(d.dep_ == "dobj" for d in c.children):
                ev1 = _transitive_event(c, lex)
                if ev1:
                    g = c
                    break
    if ev1 is None:
        return found
    if lex.transitive.get(_lemma(g)) or _complement_event(g, lex):
        f.perpetrator_verb = g
    if f.noun is None and g.i < f.phrase.start and f.span_start is None:
        f.span_start = g.i
    return _Role(ev1, g, "role")


def _changed_toll(f: _Found, g: Token, unit: Unit, lex: FigureLexicon) -> tuple[str | None, _Role]:
    """ "the toll rose to 57": the event of the subject's toll, and the role when it only refers to one."""
    found = _Role(None, g, "role")
    s = _toll_subject(g, unit, lex) or _subject(g, unit)
    if s is None:
        return None, found
    ev1 = _toll_event(s, lex, unit)
    if ev1 is not None or _is_reference(s, lex):
        f.span_start = s.left_edge.i if s.i < f.phrase.start else None
        if ev1 is None:
            f.parent_anchor = s
            found = _Role(None, g, "include")
    if _lemma(g) in lex.qual_verbs:
        f.qualifier = _verb_bound(g, lex)
    return ev1, found


def _attr_role(f: _Found, x: Token, g: Token, unit: Unit, lex: FigureLexicon, keep: bool) -> _Role | None:
    found = _Role(None, g, "role")
    s = _subject(g, unit)
    if s is not None:
        if _lemma(s) in lex.toll_nouns:
            e = _toll_event(s, lex, unit)
            if e is None:
                f.parent_anchor = s
            f.span_start = s.left_edge.i if s.i < f.phrase.start else None
            found = _Role(e, g, "toll" if e else "include")
        elif _lemma(s) in lex.part_words:
            f.parent_anchor = s
            found = _Role(None, g, "rest")
        elif e := _noun_event(s, lex) or lex.event_nouns.get(_lemma(s)):
            found = _Role(e, g, "role")
    if found.ev is None:
        e = _among(g, lex) or _among(x, lex)  # "there were 40 children among the 130 dead"
        if e:
            found = _Role(e, g, "among")
    return found


def _compound_role(f: _Found, x: Token, g: Token, unit: Unit, lex: FigureLexicon, keep: bool) -> _Role | None:
    e = _noun_event(g, lex)
    return _Role(e, g, "noun") if e else _Role(None, g, "role")


def _pobj_role(f: _Found, x: Token, g: Token, unit: Unit, lex: FigureLexicon, keep: bool) -> _Role | None:
    """The phrase is the object of a preposition: of a toll noun, of a part word, of a change of a toll."""
    prep = g
    x2 = head_in(prep, unit)
    pl = prep.lower_
    if x2 is not None and pl == "to" and x2.lower_ == "from" and head_in(x2, unit) is not None:
        x2 = head_in(x2, unit)  # "climbed from 80 to 112" with "to" hung on "from"
    if x2 is None:
        return None
    if pl == "of" and _lemma(x2) in ("total", "maximum", "minimum") and head_in(x2, unit) is not None:
        # "a total of 85 people were arrested": the phrase takes the role of "a total"
        f.role = x2
        _role_event(f, unit, lex, keep)
        return None
    if pl == "of":
        lem = _lemma(x2)
        e = lex.of_nouns.get(lem) or lex.of_nouns.get(x2.lower_)
        if e:
            return _Role(e, x2, "ofnoun")
        elif lem in lex.toll_nouns:
            e = _toll_event(x2, lex, unit)
            f.span_start = x2.left_edge.i if x2.i < f.phrase.start else None
            return _Role(e, x2, "toll" if e else "ref")
    elif (pl in _PART_PREPS and pl != "among") or (pl == "as" and x2.lower_ == "such"):
        anchor = x2 if pl != "as" else (head_in(x2, unit) or x2)
        f.parent_anchor = anchor
        e = None
        if anchor.pos_ in ("VERB", "AUX"):
            e = (
                _passive_event(anchor, lex)
                if any(c.dep_ == "auxpass" for c in anchor.children)
                else _intransitive_event(anchor, lex) or _transitive_event(anchor, lex)
            )
        else:
            e = _noun_event(anchor, lex) or _toll_event(anchor, lex, unit)
        return _Role(e, anchor, "part")
    elif (
        pl == "among"
        and x2.pos_ in ("VERB", "AUX")
        and any(o.dep_ == "pobj" and o.lower_ in ("them", "whom") and o.i < f.role.i for o in prep.children)
    ):
        # "More than 40 people, among them nine children, are missing": a part of the verb's subject
        s = _subject(x2, unit)
        if s is not None:
            f.parent_anchor = s
            return _Role(None, s, "part")
    elif pl in ("to", "at") and _lemma(x2) not in lex.change_verbs and _toll_above(x2, unit, lex) is not None:
        # "taking the number of people killed since January to 2,650" with "to" hung on "killed"
        toll = _toll_above(x2, unit, lex)
        e = _toll_event(toll, lex, unit)
        if e is not None:
            f.span_start = toll.left_edge.i if toll.i < f.phrase.start else None
            return _Role(e, toll.head, "toll")
    elif pl == "from" and _lemma(x2) in lex.change_verbs and f.noun is None and _earlier_toll(f, x2, unit, lex):
        return _Role(f.event, x2, "toll")  # "rose to 57 from 41": 41 is the earlier toll
    elif pl in lex.change_preps and (_lemma(x2) in lex.change_verbs or _toll_object(x2, lex) is not None):
        changed = _toll_change_role(f, x2, pl, unit, lex)
        if changed is not None:
            return changed
    elif pl in ("into", "from") and f.noun is None:
        return None
    return _Role(None, g, "role")


def _toll_change_role(f: _Found, x2: Token, pl: str, unit: Unit, lex: FigureLexicon) -> _Role | None:
    """ "the toll rose to 57", "put the number of dead at 41": the number a toll changes to or is put at."""
    s = _toll_subject(x2, unit, lex) or _subject(x2, unit)
    obj = next((c for c in x2.children if c.dep_ == "dobj" and _lemma(c) in lex.toll_nouns), None)
    if obj is not None:
        s = obj  # "put the number of dead at 41", "raised its count of injured officers to 27"
    if s is not None and (obj is not None or _lemma(s) in lex.toll_nouns):
        of = _of_object(s, unit)
        if of is not None and _unspecific(f.cat_noun, lex) and _category_of(of, lex) is not None:
            f.cat_noun = of
    if s is None:
        return None
    e = _toll_event(s, lex, unit)
    if e is None and not _is_reference(s, lex):
        return None
    if e is None:
        f.parent_anchor = s
    f.span_start = s.left_edge.i if s.i < f.phrase.start else None
    if f.qualifier is None and pl in ("above", "over", "past", "beyond") and f.phrase.qualifier == "exact":
        f.qualifier = "more_than"
    elif f.qualifier is None and _lemma(x2) in lex.qual_verbs:
        f.qualifier = lex.qual_verbs[_lemma(x2)]
    return _Role(e, x2, "toll" if e else "include")


def _record(f: _Found, found: _Role, dep: str, x: Token, g: Token, keep_event: bool) -> None:
    ev, pred, via = found.ev, found.pred, found.via
    if via == "among":
        o = _among_obj(g) or _among_obj(x)
        if o is not None and any(c.dep_ == "nummod" for c in o.children):
            f.forward = o.i  # "among the 130 dead": the whole has its own figure
    if keep_event:
        if f.pred is None:
            f.pred = pred
        if ev is not None and f.perpetrator_verb is None and via == "role" and dep in ("dobj",):
            f.perpetrator_verb = pred
        if via in ("part", "include", "rest", "among"):
            f.via = via
        return
    if ev is not None or via in ("include", "rest", "part", "among", "ref"):
        if f.via == "partitive" and via == "role":
            via = "partitive"  # "16 of whom died": still a part of the figure before it
        f.event, f.pred, f.via = ev, pred, via


_ROLES = {"nsubjpass": _passive_role, "nsubj": _subject_role, "dobj": _object_role, "oprd": _object_role,
          "pobj": _pobj_role, "attr": _attr_role, "compound": _compound_role}


def _unspecific(n: Token | None, lex: FigureLexicon) -> bool:
    """No counted noun, or one that says only 'people' ("put the number of missing protesters at 21
    people": the toll's noun says who)."""
    if n is None:
        return True
    return _category_of(n, lex) == "people" and _identity(n, lex) is None and n.lower_ not in lex.demographic


def _toll_subject(v: Token, unit: Unit, lex: FigureLexicon) -> Token | None:
    """ "the toll did not exceed 46 people", "the toll since the raid has increased to 60": the verb's
    subject that is a toll noun (the parse may give the verb a second, nearer subject)."""
    return next((s for s in subjects(v, unit) if _lemma(s) in lex.toll_nouns), None)


def _toll_object(v: Token, lex: FigureLexicon) -> Token | None:
    """The toll a verb takes as its object: "confirm the death toll at 100", "put the number of dead at 41"."""
    return next((c for c in v.children if c.dep_ == "dobj" and _lemma(c) in lex.toll_nouns), None)


def _earlier_toll(f: _Found, v: Token, unit: Unit, lex: FigureLexicon) -> bool:
    """ "the toll rose to 57 from 41", "the number of dead grew from 50": the number after "from" is the
    toll's earlier value. Sets the event and marks the figure as earlier."""
    s = _toll_object(v, lex) or _subject(v, unit)
    if s is None or v.lemma_.lower() == "be":
        return False
    e = _toll_event(s, lex, unit)
    if e is None:
        return False
    f.event, f.earlier = e, True
    f.span_start = None
    return True


def _verb_bound(v: Token, lex: FigureLexicon) -> str | None:
    """The bound a change verb puts on its number: "exceeded 100" is more than 100, "did not exceed 46"
    at most 46."""
    if _negated(v):
        return lex.raw["qualifiers"].get("negated_verbs", {}).get(_lemma(v))
    return lex.qual_verbs.get(_lemma(v))


def _above_bound_words(f: _Found, x: Token, unit: Unit) -> tuple[Token, Token | None]:
    """The token whose role the phrase takes when the parse hangs it under its own bound words:
    "over 11,000 wounded" (object of "over"), "closer to 600 people" (object of "to", under "closer")."""
    g = head_in(x, unit)
    for _ in range(4):
        if g is None or not (f.phrase.start <= g.i < f.phrase.num_start):
            break
        x, g = g, head_in(g, unit)
    return x, g


def _toll_above(t: Token, unit: Unit, lex: FigureLexicon) -> Token | None:
    """A toll noun that is the object of a change verb, among the ancestors of ``t`` or as the object of
    one ("raised the toll from the ferry disaster to 33" with "to 33" hung on a mis-tagged "ferry")."""
    for a in list(ancestors_in(t, unit))[:5]:
        if _lemma(a) in lex.toll_nouns and a.dep_ in ("dobj", "nsubj") and _lemma(a.head) in lex.change_verbs:
            return a
        if _lemma(a) in lex.change_verbs:
            obj = next((c for c in a.children if c.dep_ == "dobj" and _lemma(c) in lex.toll_nouns), None)
            if obj is not None and obj.i < t.i:
                return obj
    return None


def _among(v: Token, lex: FigureLexicon) -> str | None:
    o = _among_obj(v)
    if o is None:
        return None
    ev = lex.event_nouns.get(o.lower_) or lex.event_nouns.get(_lemma(o)) or lex.event_adjectives.get(o.lower_)
    if ev is None and o.lower_ in ("those", "the", "people"):
        for c in o.children:  # "among those killed", "among those who died"
            if c.dep_ in ("acl", "relcl", "amod"):
                ev = lex.event_adjectives.get(c.lower_) or _clause_event_for_noun(c, lex)
                if ev:
                    break
    return ev

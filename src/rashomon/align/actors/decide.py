"""The side of one group mention from its own words: its anchor, its allegiance, whether it is dated to
the past; or "pending" when only its report can tell ("the militia", "our forces")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ...lang.actors import actor_lexicon
from ...model import Mention
from .events import Anchor
from .geography import community_key
from .table import MentionKey, is_former
from .world import World

#: the relations that make a named person a group's commander, not its patron ("the army, led by X")
_COMMAND = frozenset({"led", "commanded", "headed", "controlled", "run", "lead", "command", "head", "control"})
_STATE = frozenset({"state", "government", "unit"})


@dataclass(frozen=True)
class Decision:
    """A side (``state:Syria``, ``loyal:person|assad``, ``org:<source>`` ...), or none; ``pending``: the report
    must decide; ``fallback``: the side to take when it cannot."""

    side: str | None = None
    pending: bool = False
    fallback: str | None = None


def decide(world: World, side_of: Mapping[MentionKey, str | None], doc_id: str, m: Mention,
           recent: str | None) -> Decision:
    """The side of a group mention, from its words and the side of the mention it refers back to."""
    lex = actor_lexicon()
    former = is_former(m)
    ante = world.table.get(doc_id, m.antecedent)
    demonstrative = m.determiner in lex.demonstratives and not m.anchor
    if demonstrative and ante is not None and m.allegiance != "vague" and ante.head != m.head and (
            former or m.head in lex.loyalty):
        demonstrative = False  # "these remnants" says on its own whose they are
    if m.anchor_type == "pronoun" or demonstrative:
        if ante is not None and side_of.get((doc_id, ante.id)):
            return Decision(side_of[(doc_id, ante.id)])
        if ante is not None and ante.kind == "state" and ante.name and world.country(ante.name):
            return Decision("state:" + str(world.country(ante.name)))
    if m.first_person and m.head.lower() in lex.generic_force and not m.anchor:
        # "our forces": the forces of the camp the report speaks for
        return Decision(pending=True, fallback=world.state_side(doc_id, m, recent))
    a = world.anchor(m.anchor, m.anchor_type)
    if m.kind == "government" and former and (a is None or a[0] in {"person", "name", "state"}):
        return Decision()  # "the fall of the X regime": the old regime itself, not a side of today's fighting
    if a is not None and a[0] != "pronoun":
        return _anchored(world, doc_id, m, a, recent, former)
    return _unanchored(world, side_of, doc_id, m, recent, former)


def _anchored(world: World, doc_id: str, m: Mention, a: Anchor, recent: str | None, former: bool) -> Decision:
    typ, key = a
    allegiance = m.allegiance
    if typ == "name" and allegiance == "unit" and m.relation == "compound" and not former:
        return Decision()  # "the Kestrel Brigade": a unit's own name, no patron; its members' side is found later
    if typ in {"person", "name"}:
        return Decision(_patron(world, doc_id, m, a, recent, former))
    if typ == "org":
        if key in world.orgs.state:
            if former:
                return Decision(world.former_side(doc_id))
            # "Defence Ministry" is every country's: the one this report names, else the report's own
            named = next((world.country(w) for w in (m.anchor or "").split() if world.country(w)), None)
            return Decision("state:" + (named or world.orgs.state[key] or world.nation(doc_id)))
        if allegiance == "government" and m.relation == "compound" and not former:
            return Decision(world.state_side(doc_id, m, recent))
        return Decision("org:" + key)
    if typ == "country":
        if allegiance in _STATE or m.relation not in {None, "compound"}:
            return Decision("state:" + key)
        return Decision(pending=True, fallback="norp:" + key)
    if typ == "community":
        return Decision(world.state_side(doc_id, m, recent) if allegiance in _STATE else "norp:" + key)
    if former:  # a state or a title ("the president's guard")
        return Decision(world.former_side(doc_id))
    if m.relation == "anti":
        return Decision(pending=True)
    return Decision(world.state_side(doc_id, m, recent))


def _patron(world: World, doc_id: str, m: Mention, a: Anchor, recent: str | None, former: bool) -> str:
    """The side of a group tied to a person or a name: today's state, or that name's loyalists."""
    mods = set(m.modifiers)
    if a in world.rulers.incumbents:
        return world.state_side(doc_id, m, recent)
    if m.allegiance in _STATE and not former and m.relation in _COMMAND:
        return world.state_side(doc_id, m, recent)  # "the army, led by General X": its commander
    if former or a in world.rulers.former:
        return "loyal:" + "|".join(a)
    if m.allegiance in _STATE and mods & actor_lexicon().state_mod:
        return world.state_side(doc_id, m, recent)
    if m.allegiance == "government" and a[0] == "name" and m.relation == "compound":
        return world.state_side(doc_id, m, recent)  # "the Capitalcity regime": today's government
    return "loyal:" + "|".join(a)


def _unanchored(world: World, side_of: Mapping[MentionKey, str | None], doc_id: str, m: Mention,
                recent: str | None, former: bool) -> Decision:
    lex = actor_lexicon()
    mods = set(m.modifiers)
    if former and m.allegiance == "nonstate" and m.head.lower() not in lex.loyalty and mods & lex.former and \
            not mods & (lex.state_mod | lex.loyalty):
        return Decision(world.state_side(doc_id, m, recent))  # "former rebels": the rebels who took power
    if former:
        return Decision(world.former_side(doc_id))
    if m.allegiance in _STATE:
        return Decision(_same_noun_before(world, side_of, doc_id, m) or world.state_side(doc_id, m, recent))
    if m.allegiance != "nonstate":
        return Decision()  # gunmen, armed men: nobody is named
    for w in m.norp:
        if world.geo.is_community(w):
            return Decision("norp:" + community_key(w))
    if m.head in lex.loyalty or set(m.modifiers) & {"loyalist"}:
        return Decision(world.former_side(doc_id))
    fallback = None
    for w in m.norp:
        c = world.country(w)
        if c:
            fallback = "norp:" + c  # "Palestinian militants": the report's armed side, else their own
    return Decision(pending=True, fallback=fallback)


def _same_noun_before(world: World, side_of: Mapping[MentionKey, str | None], doc_id: str, m: Mention) -> str | None:
    """ "The ministry" with nothing else said: the side of the last ministry its report named."""
    if m.determiner != "the" or m.norp or m.anchor or m.modifiers:
        return None
    for prev in world.table.earlier(doc_id, m):
        if prev.head.lower() == m.head.lower() and side_of.get((doc_id, prev.id)):
            return side_of[(doc_id, prev.id)]
    return None

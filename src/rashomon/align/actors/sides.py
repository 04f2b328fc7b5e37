"""Group mentions into sides: who fights for whom, across reports.

Groups tied to the same name ("pro-X fighters", "X loyalists", "remnants of X's regime") form one side;
the state's own forces (army, troops, security forces, ministry forces, the new/current regime) form the
incumbent side of their country; groups tied to a *former* ruler go to that ruler's side. Unnamed hostile
groups ("terrorists", "outlaw cells") join the one armed non-state side a report or the corpus fights,
when there is exactly one; allies share a side, opponents never do.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..names import SMALL_WORDS, tokens
from ..unionfind import UnionFind
from .decide import decide
from .table import GROUP_KINDS, MentionKey, is_former
from .world import World

#: how far (characters) the state a report last named stays the state of its unmarked forces
RECENT_STATE_CHARS = 600


@dataclass
class Sides:
    """The side of every group mention (``side_of``, by mention), the alliances merging sides, and the
    names of groups the reports put on a side (``group_names``: name -> (side, kind))."""

    side_of: dict[MentionKey, str | None] = field(default_factory=dict)
    uf: UnionFind = field(default_factory=UnionFind)
    group_names: dict[str, tuple[str, str]] = field(default_factory=dict)

    def root(self, side: str) -> str:
        """A side after the alliances that merged it with others."""
        return self.uf.find(side) if side in self.uf.parent else side

    def members(self, root: str) -> list[str]:
        return [s for s in self.uf.parent if self.uf.find(s) == root] or [root]


def place_sides(world: World) -> Sides:
    """The side of every group mention of the corpus (see the module docstring)."""
    sides = Sides()
    pending, fallback = _from_own_words(world, sides)
    _named_state_groups(world, sides)
    sides.group_names = _group_names(world, sides)
    _organisation_sides(world, sides)
    _paramilitaries(world, sides)
    _alliances(world, sides)
    _settle(world, sides, pending, fallback)
    _stated_names(world, sides)
    for key, side in list(sides.side_of.items()):
        if side:
            sides.side_of[key] = sides.root(side)
    return sides


def _from_own_words(world: World, sides: Sides) -> tuple[list[MentionKey], dict[MentionKey, str | None]]:
    """Each report's groups in text order, by their own words; what only the report can tell is pending."""
    pending: list[MentionKey] = []
    fallback: dict[MentionKey, str | None] = {}
    for doc_id in world.table.order:
        recent: str | None = None
        recent_at = -1
        for m in world.table.by_doc.get(doc_id, ()):
            key = (doc_id, m.id)
            org = world.table.org_key.get(key)
            if m.kind == "organisation" and org:
                if org in world.orgs.state:
                    ante = world.table.get(doc_id, m.antecedent)  # "its Foreign Ministry": whose 'its' is
                    owner = world.country(ante.name or "") if ante is not None and ante.kind == "state" else None
                    sides.side_of[key] = (world.former_side(doc_id) if m.tense == "former" else "state:" + (
                        owner or world.named_country(m) or world.orgs.state[org] or world.nation(doc_id)))
                continue
            if m.kind not in GROUP_KINDS:
                continue
            if m.kind == "movement":
                # protesters, the opposition and what their opponents call them: one challenger side;
                # "our comrades": the camp the report speaks for, found below
                if m.allegiance == "own":
                    pending.append(key)
                sides.side_of[key] = None if m.allegiance == "own" else "movement:" + world.event_name(doc_id)
                continue
            decision = decide(world, sides.side_of, doc_id, m,
                              recent if m.sentence[0] - recent_at < RECENT_STATE_CHARS else None)
            if decision.pending:
                pending.append(key)
                fallback[key] = decision.fallback
            sides.side_of[key] = decision.side
            if decision.side and decision.side.startswith("state:") and any(world.country(w) for w in m.norp):
                recent, recent_at = decision.side, m.sentence[0]
    return pending, fallback


def _named_state_groups(world: World, sides: Sides) -> None:
    """A name given to a group the report places on the state's side ("the X Guard, a militia loyal to
    President Y") is on that side wherever a group is tied to it."""
    named_state: dict[str, str] = {}
    for doc_id, m in world.table.all():
        side = sides.side_of.get((doc_id, m.id))
        if m.appos_name and side and side.startswith("state:"):
            a = world.anchor(m.appos_name, "name")
            if a is not None and a[0] in {"name", "org"}:
                named_state.setdefault(("loyal:" + "|".join(a)) if a[0] == "name" else "org:" + a[1], side)
    for key, side in list(sides.side_of.items()):
        if side in named_state:
            sides.side_of[key] = named_state[side]


def _group_names(world: World, sides: Sides) -> dict[str, tuple[str, str]]:
    """Names of groups on a side ("the X Guard, a pro-government militia", "the Y youth movement"): every
    report that names them names that side."""
    names: dict[str, tuple[str, str]] = {}
    for doc_id, m in world.table.all():
        side = sides.side_of.get((doc_id, m.id))
        if not side or not side.startswith(("state:", "movement:")):
            continue
        name = m.appos_name
        if not name and m.kind == "movement" and m.relation == "compound" and m.anchor_type in {"name", "org"}:
            name = m.anchor
        if name and len(name) >= 4 and name[:1].isupper() and not world.people.of(name) and \
                not world.country(name) and name.lower() not in world.geo.places:
            names.setdefault(name, (side, "armed_group" if side.startswith("state:") else "movement"))
    return names


def _organisation_sides(world: World, sides: Sides) -> None:
    """A named organisation that heads a side ("Hamas fighters") stands for that side wherever it is named;
    "X terrorist militia", X a word of one such organisation's name ("X Popular Front"), is its side."""
    org_sides = {side[4:] for side in sides.side_of.values() if side and side.startswith("org:")}
    by_word: dict[str, set[str]] = defaultdict(set)
    for root, names in world.orgs.names.items():
        if root in org_sides:
            for w in {t for name in names for t in tokens(name)}:
                if w not in SMALL_WORDS and len(w) >= 4:
                    by_word[w].add(root)
    for key, side in list(sides.side_of.items()):
        if not side or not side.startswith("loyal:"):
            continue
        typ, _, who = side[6:].partition("|")
        if typ in {"person", "name"} and len(who.split()) == 1 and (typ, who) not in world.rulers.former and \
                (typ, who) not in world.rulers.incumbents and len(by_word.get(who, ())) == 1:
            sides.side_of[key] = "org:" + next(iter(by_word[who]))
    for doc_id, m in world.table.all():
        org = world.table.org_key.get((doc_id, m.id))
        if m.kind == "organisation" and org in org_sides:
            sides.side_of[(doc_id, m.id)] = "org:" + org


def _paramilitaries(world: World, sides: Sides) -> None:
    """A named organisation the reports call paramilitary ("the paramilitary X Forces", "X paramilitaries")
    and set against no state force is an auxiliary of its event's state: on the state's side."""
    marked: set[str] = set()
    against_state: set[str] = set()
    for doc_id, m in world.table.all():
        org = world.table.org_key.get((doc_id, m.id)) or (
            world.orgs.of(m.anchor) if m.anchor and m.anchor_type in {"org", "name"} else None)
        if org is None:
            continue
        if "paramilitary" in m.modifiers or m.head.lower() in {"paramilitary", "paramilitaries"}:
            marked.add(org)
        if any((sides.side_of.get((doc_id, j)) or "").startswith("state:") for j in m.opposed_to):
            against_state.add(org)
    for doc_id, m in world.table.all():
        org = world.table.org_key.get((doc_id, m.id))
        key = (doc_id, m.id)
        if org in marked and org not in against_state and not sides.side_of.get(key) and not is_former(m):
            sides.side_of[key] = "state:" + world.nation(doc_id)


def _alliances(world: World, sides: Sides) -> None:
    """Allies share a side: an unplaced group takes its ally's, two named non-state sides merge.

    Two sides a report sets against each other ("clashes between X and Y") are never merged.
    """
    side_of, table = sides.side_of, world.table
    opposed: set[frozenset[str]] = set()
    pairs: list[tuple[str, str, str]] = []
    for doc_id, m in table.all():
        for j in m.opposed_to:
            a, b = side_of.get((doc_id, m.id)), side_of.get((doc_id, j))
            if a and b and a != b:
                opposed.add(frozenset((a, b)))
        here = table.position(doc_id, m.id)
        pairs += [(doc_id, m.id, j) for j in m.allied_with if table.position(doc_id, j) > here]
    for doc_id, k, j in pairs:
        a, b = side_of.get((doc_id, k)), side_of.get((doc_id, j))
        if a and not b and _kind(world, doc_id, j) in GROUP_KINDS:
            side_of[(doc_id, j)] = a
        elif b and not a and _kind(world, doc_id, k) in GROUP_KINDS:
            side_of[(doc_id, k)] = b
        elif a and b and a != b and not a.startswith("state:") and not b.startswith("state:"):
            ra, rb = sides.uf.find(a), sides.uf.find(b)
            if not any(frozenset((x, y)) in opposed for x in sides.members(ra) for y in sides.members(rb)):
                sides.uf.union(a, b)


def _kind(world: World, doc_id: str, mention_id: str) -> str | None:
    m = world.table.get(doc_id, mention_id)
    return m.kind if m is not None else None


def _settle(world: World, sides: Sides, pending: list[MentionKey], fallback: dict[MentionKey, str | None]) -> None:
    """Pending groups: the speaker's camp ("our forces"), the group of that name before it, else the one
    non-state side their report (or else their event) fights, else their fallback."""
    side_of = sides.side_of
    per_doc: dict[str, Counter[str]] = defaultdict(Counter)
    per_event: dict[str, Counter[str]] = defaultdict(Counter)
    own: dict[str, Counter[str]] = defaultdict(Counter)
    for (doc_id, _), side in side_of.items():
        if side and side.startswith(("loyal:", "org:")):
            per_doc[doc_id][sides.root(side)] += 1
            per_event[world.events.of[doc_id]][sides.root(side)] += 1
        if side and side.startswith(("loyal:", "org:", "movement:")):
            own[doc_id][sides.root(side)] += 1
    state_docs = {d for (d, _), side in side_of.items() if side and side.startswith("state:")}
    for key in pending:
        if side_of.get(key):
            continue
        doc_id, m = key[0], world.table.get(*key)
        assert m is not None
        if m.first_person:
            side_of[key] = _dominant(own[doc_id]) or fallback.get(key)  # the one non-state side it names most
            continue
        event = per_event[world.events.of[doc_id]]
        side = _definite_antecedent(world, sides, doc_id, m.id) or _dominant(per_doc[doc_id]) or (
            _dominant(event) if doc_id in state_docs else None)
        if side is None and not event:
            side = fallback.get(key) or "armed:" + world.event_name(doc_id)  # nobody armed is named: one side
        side_of[key] = side or fallback.get(key)
    for doc_id, m in world.table.all():
        # nobody named the attackers: "gunmen" and "assailants" who kill are that unnamed side too
        if not per_event[world.events.of[doc_id]] and m.kind == "armed_group" and m.allegiance == "vague" \
                and m.role_hint == "agent" and not side_of.get((doc_id, m.id)) and m.cue is None:
            side_of[(doc_id, m.id)] = "armed:" + world.event_name(doc_id)


def _definite_antecedent(world: World, sides: Sides, doc_id: str, mention_id: str) -> str | None:
    """ "The militia" with nothing else said: the side of the last group of that name in its report."""
    m = world.table.get(doc_id, mention_id)
    if m is None or m.determiner != "the" or m.anchor or set(m.modifiers) - {"-"}:
        return None
    stem = m.head.lower()[:6]
    for prev in world.table.earlier(doc_id, m):
        side = sides.side_of.get((doc_id, prev.id))
        if side and prev.kind in GROUP_KINDS and prev.head.lower()[:6] == stem and len(stem) >= 4:
            return side
    return None


def _stated_names(world: World, sides: Sides) -> None:
    """Other names stated in a report ("X are Y", "X referred to as Y") share a side."""
    side_of = sides.side_of
    for _ in range(2):
        for doc_id, m in world.table.all():
            if m.same_as is None or m.kind not in GROUP_KINDS:
                continue
            a, b = side_of.get((doc_id, m.id)), side_of.get((doc_id, m.same_as))
            if a and not b:
                side_of[(doc_id, m.same_as)] = a
            elif b and not a:
                side_of[(doc_id, m.id)] = b


def _dominant(counts: Counter[str]) -> str | None:
    """The side named at least twice as often as any other, else None."""
    top = counts.most_common(2)
    if not top:
        return None
    return top[0][0] if len(top) == 1 or top[0][1] >= 2 * top[1][1] else None

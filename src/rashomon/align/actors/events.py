"""Which reports tell of one event, who ruled before and who rules now, and whose state each report's
unmarked "troops" and "government" belong to.

The fallbacks of the side phase (the country of unmarked troops, the former ruler, the one armed side)
are taken within an event, so that reports on two conflicts in one run never lend each other sides.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ...lang.actors import actor_lexicon
from ..names import label_key, strip_possessive, user_aliases
from ..unionfind import UnionFind
from .geography import community_key
from .table import GROUP_KINDS, MentionTable, is_former

#: what a group's anchor names: ("person", root), ("org", source id), ("country", name), ("name", key) ...
Anchor = tuple[str, str]


@dataclass(frozen=True, eq=False)
class Events:
    """Each report's event (the first report of it) and the reports of each event, in order."""

    of: dict[str, str]
    docs: dict[str, list[str]]
    names: dict[str, str] = field(default_factory=dict)

    def name(self, doc_id: str) -> str:
        """A short, stable name for a report's event: its most named place, else its first report's id."""
        return self.names[self.of[doc_id]]


def group_events(table: MentionTable, person_root: dict[str, str]) -> Events:
    """Two reports that name two of the same (rarer) people, places or groups tell of one event."""
    keys: dict[str, set[str]] = defaultdict(set)
    listed = user_aliases()
    for doc_id, m in table.all():
        person = table.person_key.get((doc_id, m.id))
        org = table.org_key.get((doc_id, m.id))
        group = table.group(doc_id, m)
        if person:
            keys[doc_id].add("p:" + person_root[person])
        elif org and not (m.name and label_key(m.name) in listed):
            keys[doc_id].add("o:" + org)
        elif m.kind == "state" and m.name:
            keys[doc_id].add("g:" + label_key(m.name))
        elif table.kind(doc_id, m) == "community" and group:
            keys[doc_id].add("c:" + community_key(group))
        if m.anchor and m.anchor_type in {"name", "org", "nation"}:
            keys[doc_id].add("a:" + label_key(strip_possessive(m.anchor)))
    df: Counter[str] = Counter()
    for doc_id in table.order:
        df.update(keys[doc_id])
    uf = UnionFind()
    first_holder: dict[tuple[str, str], str] = {}
    for doc_id in table.order:
        uf.find(doc_id)
        rare = sorted((key for key in keys[doc_id] if df[key] > 1), key=lambda key: (df[key], key))[:12]
        for i, a in enumerate(rare):
            for b in rare[i + 1:]:
                pair = (a, b) if a < b else (b, a)
                if pair in first_holder:
                    uf.union(first_holder[pair], doc_id)
                else:
                    first_holder[pair] = doc_id
    of = {doc_id: uf.find(doc_id) for doc_id in table.order}
    docs: dict[str, list[str]] = defaultdict(list)
    for doc_id in table.order:
        docs[of[doc_id]].append(doc_id)
    return Events(of, dict(docs), {event: _event_name(table, event, ds) for event, ds in docs.items()})


def _event_name(table: MentionTable, event: str, docs: list[str]) -> str:
    places: Counter[str] = Counter()
    for d in docs:
        places.update(label_key(m.name) for m in table.by_doc.get(d, ()) if m.kind == "state" and m.name)
    return places.most_common(1)[0][0] if places else event


@dataclass(frozen=True, eq=False)
class Rulers:
    """Anchored names that are former rulers (ousted, deposed, their regime's remnants) and that rule now."""

    former: frozenset[Anchor]
    incumbents: frozenset[Anchor]
    anchored: Counter[Anchor]
    doc_people: dict[str, Counter[Anchor]]
    event_former: dict[str, Anchor | None]

    def former_side(self, doc_id: str, events: Events) -> str:
        """The side of a report's loyalists of the old order: its own former ruler, else its event's."""
        here = [a for a in self.doc_people.get(doc_id, {}) if a in self.former]
        if here:
            best = max(here, key=lambda a: (self.doc_people[doc_id][a], self.anchored[a], a))
            return "loyal:" + "|".join(best)
        ruler = self.event_former.get(events.of[doc_id])
        return "loyal:" + "|".join(ruler) if ruler is not None else "loyal:former regime"


def find_rulers(table: MentionTable, person_root: dict[str, str], events: Events,
                anchor_of: Callable[[str | None, str | None], Anchor | None]) -> Rulers:
    """Who is a former ruler and who an incumbent, from how the reports date the names groups are tied to."""
    lex = actor_lexicon()
    former: dict[Anchor, float] = defaultdict(float)
    current: dict[Anchor, float] = defaultdict(float)
    anchored: Counter[Anchor] = Counter()
    doc_people: dict[str, Counter[Anchor]] = defaultdict(Counter)
    for doc_id, m in table.all():
        person = table.person_key.get((doc_id, m.id))
        if m.kind == "person" and person:
            key = ("person", person_root[person])
            doc_people[doc_id][key] += 1
            if m.tense == "former":
                former[key] += 1
            elif m.title in lex.head_of_state:
                current[key] += 0.5  # "President X": rules now unless the reports say he was ousted
            continue
        a = anchor_of(m.anchor, m.anchor_type) if m.kind in GROUP_KINDS else None
        if a is None or a[0] not in {"person", "name"}:
            continue
        anchored[a] += 1
        doc_people[doc_id][a] += 1
        if is_former(m):
            former[a] += 1
        elif m.head in lex.loyalty:
            former[a] += 0.5
        elif m.kind == "government" or m.head in lex.ruling_heads:
            current[a] += 1
    rulers = frozenset(a for a in set(former) | set(current) if former[a] >= 1 and former[a] >= current[a])
    event_former: dict[str, Anchor | None] = {}
    for event, docs in events.docs.items():
        here = {a for d in docs for a in doc_people[d] if a in rulers}
        ranked = sorted(here, key=lambda a: (-anchored[a] - former[a], a))
        event_former[event] = ranked[0] if ranked and (len(ranked) == 1 or anchored[ranked[0]] >= 2 * max(
            1, anchored[ranked[1]])) else None
    return Rulers(rulers, frozenset(a for a in current if current[a] > former[a]), anchored, dict(doc_people),
                  event_former)


@dataclass(frozen=True, eq=False)
class Nations:
    """The country whose state each report's unmarked forces and government belong to."""

    doc: dict[str, str | None]
    event: dict[str, str | None]

    def of(self, doc_id: str, events: Events) -> str:
        """The report's country, else '?' and its event: unnamed states of two events stay two."""
        return self.doc.get(doc_id) or self.event.get(events.of[doc_id]) or "?" + events.name(doc_id)


def find_nations(table: MentionTable, events: Events, country: Callable[[str], str | None]) -> Nations:
    """The nationality a report's forces are given ("Syrian security forces") decides; the places it names
    only when no force is marked, since a report names the battleground more often than the state."""
    doc_nation: dict[str, str | None] = {}
    forces_total: dict[str, Counter[str]] = defaultdict(Counter)
    places_total: dict[str, Counter[str]] = defaultdict(Counter)
    for doc_id in table.order:
        forces, places = _marked_countries(table, doc_id, country)
        best = forces or places
        doc_nation[doc_id] = best.most_common(1)[0][0] if best else None
        forces_total[events.of[doc_id]].update(forces)
        places_total[events.of[doc_id]].update(places)
    event_nation: dict[str, str | None] = {}
    for event in events.docs:
        best_total = forces_total[event] or places_total[event]
        event_nation[event] = best_total.most_common(1)[0][0] if best_total else None
    for doc_id in table.order:
        event = events.of[doc_id]
        if doc_nation[doc_id] is None or (not any(
                country(w) for m in table.by_doc.get(doc_id, ()) for w in m.norp)
                and event_nation[event] in forces_total[event]):
            doc_nation[doc_id] = event_nation[event] if forces_total[event] else \
                doc_nation[doc_id] or event_nation[event]
    return Nations(doc_nation, event_nation)


def _marked_countries(table: MentionTable, doc_id: str,
                      country: Callable[[str], str | None]) -> tuple[Counter[str], Counter[str]]:
    """The countries a report gives its forces, and the countries it names."""
    forces: Counter[str] = Counter()
    places: Counter[str] = Counter()
    for m in table.by_doc.get(doc_id, ()):
        if m.kind == "state" and m.name:
            c = country(m.name)
            if c:
                places[c] += 1
        elif (m.kind in GROUP_KINDS and m.allegiance in {"state", "government", "unit"}) or m.allegiance == "state":
            anchor = [m.anchor] if m.anchor and m.relation == "compound" else []
            for w in list(m.norp) + ([m.name] if m.name else []) + anchor:
                c = country(w)
                if c:
                    forces[c] += 1
    return forces, places

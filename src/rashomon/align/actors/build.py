"""Actors from resolved mentions: every person, organisation, group and side with the labels each
report uses for it, its role in the event, and the side it is on."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ... import lang
from ...lang.actors import actor_lexicon
from ...model import Actor, Label, Mention, Role, Span
from ..names import label_key, seat_of, slug
from .geography import community_key
from .sides import Sides
from .table import GROUP_KINDS, is_former
from .world import World

#: the role a mention's grammar gives it, as an actor's part in the event
ROLE_OF_HINT: dict[str, Role] = {"agent": "perpetrator", "patient": "victim", "source": "source"}


@dataclass
class _Draft:
    """An actor while its mentions are gathered."""

    kind: str
    labels: dict[tuple[str, str], Label] = field(default_factory=dict)
    roles: Counter[str] = field(default_factory=Counter)
    mentions: int = 0
    names: Counter[str] = field(default_factory=Counter)
    titles: Counter[str] = field(default_factory=Counter)
    former: bool = False
    state: bool = False
    side: str | None = None


@dataclass
class _Gathering:
    world: World
    sides: Sides
    drafts: dict[str, _Draft] = field(default_factory=dict)
    members: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    actor_of: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, key: str, kind: str, doc_id: str, text: str, span: tuple[int, int], m: Mention | None = None,
            label: bool = True) -> _Draft:
        """Count one mention (or one written name) towards an actor; a label per report and wording."""
        a = self.drafts.setdefault(key, _Draft(kind))
        a.mentions += 1
        if m is not None and m.role_hint:
            a.roles[ROLE_OF_HINT[m.role_hint]] += 1
        if label and not (m is not None and (m.coref_only or _generic(m))):
            lk = (doc_id, label_key(text))
            if lk[1]:
                old = a.labels.get(lk)
                a.labels[lk] = Label(Span(doc_id, *span), text, 1) if old is None else \
                    Label(old.span, old.text, old.count + 1)
        if m is not None and m.title and kind == "person":
            a.titles[m.title] += 1
            a.former = a.former or m.tense == "former"
        return a

    def add_mention(self, key: str, kind: str, doc_id: str, m: Mention, label: bool = True) -> _Draft:
        return self.add(key, kind, doc_id, m.text, m.span.offsets, m, label)

    def join(self, side: str, key: str) -> None:
        self.members[side].add(key)
        self.drafts[key].side = self.drafts[key].side or "side:" + side


def _generic(m: Mention) -> bool:
    """ "forces", "the ministry" alone, referring back to nothing: a count for its actor, not a label."""
    lex = actor_lexicon()
    words = [w for w in label_key(m.text).split() if w not in lex.strip and w not in lex.generic_label_mod]
    return m.antecedent is None and m.alias_of is None and len(words) == 1 and words[0] in lex.generic_label


def build(world: World, sides: Sides, texts: dict[str, str]) -> tuple[Actor, ...]:
    """Every actor, sides first (see :func:`rashomon.align.actors.build_actors`)."""
    g = _Gathering(world, sides)
    _named(g)
    _others(g)
    _institutions_and_opposition(g)
    _written_group_names(g, texts)
    _affiliates(g, texts)
    for side in list(g.members):
        if side.startswith("org:") and "org:" + side[4:] in g.drafts:  # "Hamas fighters": the org is a member
            g.members[side].add("org:" + side[4:])
            g.drafts["org:" + side[4:]].side = "side:" + side
    return _render(g)


def _named(g: _Gathering) -> None:
    """Named people and organisations first: anaphors and pronouns point at them."""
    table = g.world.table
    for doc_id, m in table.all():
        key = (doc_id, m.id)
        if key in table.dropped:
            continue
        if key in table.person_key:
            root = "person:" + g.world.people.root[table.person_key[key]]
            g.actor_of[key] = root
            g.add_mention(root, "person", doc_id, m).names[m.name or m.text] += 1
        elif key in table.org_key:
            org = table.org_key[key]
            g.actor_of[key] = "org:" + org
            draft = g.add_mention("org:" + org, "organisation", doc_id, m)
            draft.names[m.name or m.text] += 1
            draft.state = draft.state or org in g.world.orgs.state


def _others(g: _Gathering) -> None:
    """Anaphors and pronouns take their antecedent's actor; states, communities, civilians and groups
    are actors of their own, a group on a side a member of it."""
    table = g.world.table
    for doc_id, m in table.all():
        key = (doc_id, m.id)
        if key in table.dropped or key in g.actor_of:
            continue
        link = m.alias_of if m.alias_of is not None else m.antecedent
        if m.kind in {"pronoun", "person", "organisation"} and link is not None:
            target = g.actor_of.get((doc_id, link))
            if target is not None:
                g.actor_of[key] = target
                g.add_mention(target, g.drafts[target].kind, doc_id, m, label=m.kind != "pronoun")
                continue
        if m.kind == "pronoun":
            continue
        found = _actor_key(g, doc_id, m)
        if found is not None:
            g.actor_of[key] = found


def _actor_key(g: _Gathering, doc_id: str, m: Mention) -> str | None:
    world = g.world
    if m.kind == "state":
        c = world.country(m.name or "")
        if c:
            g.add_mention("state:" + c, "state", doc_id, m).names[c] += 1
            return "state:" + c
        if m.name and world.geo.is_community(m.name):
            key = "community:" + community_key(m.name)
            g.add_mention(key, "community", doc_id, m).names[m.name] += 1
            return key
        return None
    if m.kind == "community":
        group = m.group or m.name or ""
        c = world.country(group) if not world.geo.is_community(group) else None
        key = "community:" + (c.lower() if c else community_key(group))
        g.add_mention(key, "community", doc_id, m).names[group] += 1
        return key
    if m.kind == "civilians":
        g.add_mention("civilians", "civilians", doc_id, m)
        return "civilians"
    if m.kind in GROUP_KINDS:
        return _group_key(g, doc_id, m)
    return None


def _group_key(g: _Gathering, doc_id: str, m: Mention) -> str:
    world = g.world
    side = g.sides.side_of.get((doc_id, m.id))
    if side:
        key = "member:" + side + ":" + _member_key(g, doc_id, m)
        g.add_mention(key, m.kind, doc_id, m)
        g.join(side, key)
        return key
    if m.kind == "government" and is_former(m):
        a = world.anchor(m.anchor, m.anchor_type)
        key = "former:" + ("|".join(a) if a and a[0] in {"person", "name"} else world.former_side(doc_id)[6:])
        g.add_mention(key, "government", doc_id, m).former = True
        return key
    key = "group:" + label_key(" ".join([w for w in m.modifiers if w in actor_lexicon().armed_mod] + [m.head]))
    g.add_mention(key, m.kind, doc_id, m)
    return key


def _member_key(g: _Gathering, doc_id: str, m: Mention) -> str:
    head = m.head.lower()
    org = g.world.table.org_key.get((doc_id, m.id))
    if org:
        return "org:" + org
    if head == "ministry":
        return "org:" + label_key(m.text)
    return head.rstrip("s") if len(head) > 4 else head


def _institutions_and_opposition(g: _Gathering) -> None:
    """State institutions named as organisations belong to their side; organisations a report places in
    the opposition join the challengers' side of their event."""
    table = g.world.table
    for doc_id, m in table.all():
        side = g.sides.side_of.get((doc_id, m.id))
        key = g.actor_of.get((doc_id, m.id))
        if side and key and key.startswith("org:"):
            g.members[side].add(key)
            g.drafts[key].side = g.drafts[key].side or "side:" + side
    for doc_id, m in table.all():
        org = table.org_key.get((doc_id, m.id))
        if m.camp == "challenger" and org and "org:" + org in g.drafts and not g.drafts["org:" + org].side:
            g.join("movement:" + g.world.event_name(doc_id), "org:" + org)


def _affiliates(g: _Gathering, texts: dict[str, str]) -> None:
    """A state's own name, its seat ("Moscow", "the Kremlin") and its officials ("Chilean President X",
    "Kremlin spokesman Y") are on that state's side, when the corpus has one: the state's name only where it
    stands for its government (not "in Chile", "eastern Chile"), an official with every label he has."""
    lex = actor_lexicon()
    for doc_id, m in g.world.table.all():
        key = g.actor_of.get((doc_id, m.id))
        if m.kind == "person" and m.title in lex.official_roles and m.tense != "former" and key:
            country = next((c for w in list(m.norp) + list(m.modifiers) if (c := _nation_of(g.world, w))), None)
            if country and "state:" + country in g.members and not g.drafts[key].former and not g.drafts[key].side:
                g.join("state:" + country, key)
            continue
        if m.kind not in {"state", "organisation", "person"} or m.title or not m.name or \
                label_key(m.text.removeprefix("the ").removeprefix("The ")) != label_key(m.name):
            continue  # "eastern Chile", "government-held Chile": a place
        text = texts.get(doc_id, "")
        before = text[max(0, m.span.start - 20):m.span.start].split()
        if before and before[-1].lower() in lex.locative or text[m.span.end:m.span.end + 2] in {"'s", "’s"}:
            continue  # "in Chile", "the capital of Chile"; "Chile's army" is the army's label
        country = key[6:] if key and key.startswith("state:") else seat_of(m.name)
        side = "state:" + (country or "")
        if country and side in g.members:
            g.add_mention("member:" + side + ":state", "state", doc_id, m)
            g.join(side, "member:" + side + ":state")
            if key and key.startswith("state:"):
                g.drafts[key].side = g.drafts[key].side or "side:" + side


def _nation_of(world: World, word: str) -> str | None:
    """The country a demonym, a country's name or its seat stands for."""
    return world.country(word) or seat_of(word)


def _written_group_names(g: _Gathering, texts: dict[str, str]) -> None:
    """A group's name wherever a report writes it: a member of the side that group was placed on."""
    for name, (side, kind) in sorted(g.sides.group_names.items()):
        org = g.world.orgs.of(name)
        key = "org:" + org if org and "org:" + org in g.drafts else "named:" + label_key(name)
        pattern = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")
        for doc_id in g.world.table.order:
            for hit in pattern.finditer(texts.get(doc_id, "")):
                g.add(key, g.drafts[key].kind if key in g.drafts else kind, doc_id, name, hit.span())
        if key in g.drafts and not g.drafts[key].side:
            g.drafts[key].side = "side:" + side
            g.drafts[key].names[name] += 1
            g.members[side].add(key)


# -- actors as the dossier shows them ------------------------------------------------------------------
def side_name(world: World, sides: Sides, side: str) -> str:
    """A side's name: "government of X and its forces", "loyalists of X", an organisation's name ..."""
    words = lang.read("wording")["sides"]
    typ, _, key = side.partition(":")
    if typ == "state":
        if key.startswith("?"):  # an event named after its first report has no place to show
            return words["state_unnamed"] if key[1:] in world.events.docs else \
                words["state_of_event"].format(place=key[1:].title())
        return words["state"].format(country=key) if key else words["state_unnamed"]
    if typ == "loyal":
        kind, _, who = key.partition("|")
        if kind == "person":
            return words["loyalists"].format(name=world.people.name(who))
        if kind == "name":
            return words["loyalists"].format(name=who.title())
        return words["loyalists_of_the"].format(name=key)
    if typ == "org":
        merged = [x for x in sides.uf.parent if sides.root(x) == side and x != side]
        names = [world.orgs.name(key)] + [side_name(world, sides, x) for x in sorted(merged)]
        return words["allied"].join(names)
    if typ == "movement":
        return words["movement"]
    if typ == "armed":
        return words["armed"].format(place=key.title()) if key and key not in world.events.docs else \
            words["armed_unnamed"]
    return words["community"].format(name=key.title())


def _render(g: _Gathering) -> tuple[Actor, ...]:
    ids: dict[str, str] = {}
    used: set[str] = set()

    def ident(key: str) -> str:
        if key not in ids:
            base, n = slug(key, "actor"), 1
            cand = base
            while cand in used:
                n += 1
                cand = f"{base}-{n}"
            used.add(cand)
            ids[key] = cand
        return ids[key]

    rank = {d: n for n, d in enumerate(g.world.table.order)}
    out: list[Actor] = []
    for side in sorted(g.members, key=lambda s: (-sum(len(g.drafts[m].labels) for m in g.members[s]), s)):
        labels: dict[tuple[str, str], Label] = {}
        roles: Counter[str] = Counter()
        for mk in sorted(g.members[side]):
            roles.update(g.drafts[mk].roles)
            for lk, lab in g.drafts[mk].labels.items():
                labels[lk] = Label(labels[lk].span, labels[lk].text, labels[lk].count + lab.count) \
                    if lk in labels else lab
        out.append(Actor(id=ident("side:" + side), name=side_name(g.world, g.sides, side), kind="side",
                         role=_role(roles, "side"), roles=dict(roles), labels=_sorted(labels.values(), rank),
                         members=tuple(ident(m) for m in sorted(g.members[side]))))
    for key, a in sorted(g.drafts.items(), key=lambda kv: (-kv[1].mentions, kv[0])):
        if not a.labels:
            continue
        out.append(Actor(id=ident(key), name=_actor_name(g.world, key, a), kind=a.kind,  # type: ignore[arg-type]
                         role=_role(a.roles, a.kind, a), roles=dict(a.roles), labels=_sorted(a.labels.values(), rank),
                         side=ident(a.side) if a.side else None))
    return tuple(out)


def _sorted(labels: Iterable[Label], rank: dict[str, int]) -> tuple[Label, ...]:
    return tuple(sorted(labels, key=lambda lab: (rank.get(lab.span.doc_id, 10 ** 6), lab.span.start)))


def _actor_name(world: World, key: str, a: _Draft) -> str:
    if key.startswith("person:"):
        return world.people.name(key[7:])
    if key.startswith("org:"):
        return world.orgs.name(key[4:])
    if a.names:
        return a.names.most_common(1)[0][0]
    texts = Counter(lab.text for lab in a.labels.values())
    return max(texts, key=lambda t: (texts[t], -len(t), t))


def _role(roles: Counter[str], kind: str, a: _Draft | None = None) -> Role | None:
    """The actor's part in the event: perpetrator or victim as the grammar shows it most, else official
    (a person holding an office, a state institution) or source."""
    official = kind == "person" and a is not None and any(
        t in actor_lexicon().official_roles for t in a.titles) and not a.former or (a is not None and a.state)
    harm = {r: n for r, n in roles.items() if r in {"perpetrator", "victim"}}
    if harm and (not official or sum(harm.values()) > roles.get("source", 0)):
        return max(harm, key=lambda r: (harm[r], r == "perpetrator"))  # type: ignore[return-value]
    if official:
        return "official"
    return "source" if roles.get("source") else None


__all__ = ["build", "side_name"]

"""People across reports: one person under spelling and transliteration variants ("Ahmed"/"Ahmad al-Sharaa"),
a surname alone ("Assad"), and the other names reports state ("X, also known as Y") or the user lists."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ...lang.actors import actor_lexicon
from ..names import PARTICLES, SURNAME_SIMILARITY, first_names_agree, tokens
from ..unionfind import UnionFind
from .geography import Geography
from .table import MentionTable


def person_tokens(name: str) -> list[str]:
    """A person's name without particles ("al", "bin") and titles ("General")."""
    return [t for t in tokens(name) if t not in PARTICLES and t not in actor_lexicon().titles]


@dataclass(frozen=True, eq=False)
class People:
    """Each person key's cluster (``root``), how often each key is used and how it is written."""

    root: dict[str, str] = field(default_factory=dict)
    freq: Counter[str] = field(default_factory=Counter)
    shown: dict[str, Counter[str]] = field(default_factory=dict)
    by_surname: dict[str, set[str]] = field(default_factory=dict)

    def of(self, name: str) -> str | None:
        """The person cluster a name (or a surname alone) belongs to."""
        key = " ".join(person_tokens(name))
        if not key:
            return None
        if key in self.root:
            return self.root[key]
        roots = self.by_surname.get(key.split()[-1], set())
        if len(roots) == 1:
            return next(iter(roots))
        return max(roots, key=lambda r: (self.freq.get(r, 0), r)) if roots else None

    def name(self, root: str) -> str:
        """The name most reports use: the surname said most often, in its most frequent full spelling."""
        names: Counter[str] = Counter()
        by_surname: Counter[str] = Counter()
        for key, r in self.root.items():
            if r == root:
                names.update(self.shown[key])
                by_surname[key.split()[-1]] += self.freq[key]
        if not names:
            return root.title()
        surname = by_surname.most_common(1)[0][0]
        return max(names, key=lambda n: (person_tokens(n)[-1:] == [surname], len(n.split()) > 1, names[n], -len(n)))


def resolve_people(table: MentionTable, geo: Geography, aliases: dict[str, str]) -> People:
    """Cluster the named people of the corpus; marks in ``table`` which person mentions name no one."""
    uf = UnionFind()
    freq: Counter[str] = Counter()
    shown: dict[str, Counter[str]] = defaultdict(Counter)
    for doc_id, m in table.all():
        if m.kind != "person" or not m.name:
            continue
        key = " ".join(person_tokens(m.name))
        if not key or key in geo.places or geo.is_community(key) or geo.country(key):
            table.dropped.add((doc_id, m.id))
            continue
        table.person_key[(doc_id, m.id)] = key
        freq[key] += 1
        shown[key][m.name] += 1
        uf.find(key)
    by_surname: dict[str, list[str]] = defaultdict(list)
    for key in freq:
        by_surname[key.split()[-1]].append(key)
    _spellings(uf, by_surname)
    _full_names(uf, by_surname, freq)
    _stated_and_listed(uf, table, freq, aliases)
    root = {k: uf.find(k) for k in freq}
    index: dict[str, set[str]] = defaultdict(set)
    for k in freq:
        index[k.split()[-1]].add(root[k])
    return People(root, freq, dict(shown), dict(index))


def _spellings(uf: UnionFind, by_surname: dict[str, list[str]]) -> None:
    """Spelling variants of a surname ("Qaddafi"/"Gadhafi"), compared inside blocks of the first letter."""
    blocks: dict[str, list[str]] = defaultdict(list)
    for s in sorted(by_surname):
        blocks[s[:1]].append(s)
    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1:]:
                if len(a) >= 5 and fuzz.ratio(a, b) >= SURNAME_SIMILARITY:
                    for x in by_surname[a]:
                        for y in by_surname[b]:
                            if first_names_agree(x, y):
                                uf.union(x, y)


def _full_names(uf: UnionFind, by_surname: dict[str, list[str]], freq: Counter[str]) -> None:
    """Full names of one surname with agreeing first names are one; a surname alone goes to the most
    frequent full name carrying it."""
    for keys in by_surname.values():
        full = [k for k in keys if len(k.split()) > 1]
        for i, a in enumerate(full):
            for b in full[i + 1:]:
                if first_names_agree(a, b):
                    uf.union(a, b)
        for k in keys:
            if len(k.split()) == 1 and full:
                uf.union(k, max(full, key=lambda f: (freq[f], f)))


def _stated_and_listed(uf: UnionFind, table: MentionTable, freq: Counter[str], aliases: dict[str, str]) -> None:
    """Aliases stated in the reports ("X, also known as Y") and listed by the user."""
    for doc_id, m in table.all():
        key = table.person_key.get((doc_id, m.id))
        other = table.get(doc_id, m.alias_of)
        if key and other is not None and (doc_id, other.id) in table.person_key:
            uf.union(key, table.person_key[(doc_id, other.id)])
    by_alias: dict[str, list[str]] = defaultdict(list)
    for key in freq:
        if aliases.get(key):
            by_alias[aliases[key]].append(key)
    for keys in by_alias.values():
        for other_key in keys[1:]:
            uf.union(keys[0], other_key)

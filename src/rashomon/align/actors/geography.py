"""What a corpus calls countries, places and communities: the survey every later phase reads."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..names import geography, label_key, tokens
from .table import GROUP_KINDS, MentionTable


def stem_match(adjective: str, place: str) -> bool:
    """A demonym made from a place name ("Orsenian" from "Orsenia")."""
    return len(place) >= 4 and adjective != place and adjective.startswith(place[:-1]) and \
        0 <= len(adjective) - len(place) <= 3


def community_key(word: str) -> str:
    """A community's name as a key, plural or not ("Alawites" -> alawite)."""
    key = label_key(word)
    return key[:-1] if key.endswith("s") and len(key) > 4 and not key.endswith("ss") else key


@dataclass(frozen=True, eq=False)
class Geography:
    """Places and countries the corpus names, and the communities it speaks of.

    ``countries`` adds to the language's country list the places the reports give a demonym
    ("Orsenia" ... "the Orsenian army").
    """

    places: frozenset[str]
    countries: dict[str, str] = field(default_factory=dict)
    community_words: frozenset[str] = frozenset()

    @lru_cache(maxsize=4096)  # noqa: B019  (one survey per corpus)
    def country(self, word: str) -> str | None:
        """The country a name or demonym stands for ("Syrian" -> "Syria"), else None."""
        key = label_key(word)
        if not key:
            return None
        names, demonyms = geography()
        if key in names:
            return names[key]
        if key in demonyms:
            return demonyms[key]
        if key in self.countries:
            return self.countries[key]
        return next((name for place, name in self.countries.items() if stem_match(key, place)), None)

    def is_community(self, word: str) -> bool:
        return community_key(word) in self.community_words


def survey(table: MentionTable) -> Geography:
    """What the corpus calls places, communities and nationalities."""
    gpe: Counter[str] = Counter()
    lone: Counter[str] = Counter()
    adjectives: set[str] = set()
    community: Counter[str] = Counter()
    for _, m in table.all():
        if m.kind == "state" and m.name:
            gpe[label_key(m.name)] += 1
        adjectives.update(label_key(w) for w in m.norp)
        if m.kind in GROUP_KINDS and m.allegiance in {"state", "government"} and m.relation == "compound" \
                and m.anchor_type in {"name", "nation"} and m.anchor:
            adjectives.add(label_key(m.anchor))  # "the Orsenian army": a demonym the tagger missed
        if m.kind == "person" and m.name and len(tokens(m.name)) == 1 and not m.title:
            lone[label_key(m.name)] += 1
        if m.kind == "community" and m.group:
            community[community_key(m.group)] += 1
    names, _ = geography()
    # a place is a country when it is one, or when the reports use a demonym of it ("Orsenian")
    countries: dict[str, str] = {}
    for g in gpe:
        if g in names:
            countries[g] = names[g]
        elif any(stem_match(a, g) for a in adjectives):
            countries[g] = g.title()
    # a one-word "person" whose demonym names an army ("Orsenia" ... "the Orsenian army") is a country
    for g in lone:
        if g not in countries and any(stem_match(a, g) for a in adjectives):
            countries[g] = g.title()
    known = Geography(frozenset(gpe), countries)
    surnames = {tokens(m.name)[-1] for _, m in table.all() if m.kind == "person" and m.name and len(tokens(m.name)) > 1}
    words = frozenset(c for c in community if c and not known.country(c) and c not in surnames)
    return Geography(frozenset(gpe), countries, words)

"""Actors across reports: the same people, organisations and armed sides under their many names.

:func:`build_actors` resolves the mentions :func:`rashomon.analyze.mentions.extract_mentions` found in each
report, in phases that each take the results of the ones before (nothing passes through hidden state):

1. ``geography``: what the corpus calls places, countries and communities;
2. ``people``: one person under spelling and transliteration variants, surnames alone, stated aliases;
3. ``organisations``: each named organisation's source in ``rashomon.align.identity`` (acronyms, short
   forms, stated aliases are the identity's), and which are state institutions;
4. ``events``: which reports tell of one event, former rulers and incumbents, each report's state;
5. ``sides`` (with ``decide``): the side of every group mention;
6. ``build``: actors with their labels per report, sides first.

Work is blocked by normalised keys (surname, name tokens, acronym, anchor), never by comparing every pair
of mentions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping

from ...analyze.propositions import is_instrument
from ...model import Actor, Harm, Mention
from ..identity import Identity
from ..names import alias_index, fold, label_key, strip_possessive, unnamed_words, user_aliases
from .build import build
from .events import find_nations, find_rulers, group_events
from .geography import survey
from .organisations import resolve_organisations
from .people import resolve_people
from .sides import place_sides
from .table import MentionTable
from .world import World, anchor_key

__all__ = ["SideLookup", "build_actors"]


# a capitalised word with a lowercase letter: "Norlandic", not "UN"
_NAME = re.compile(r"\b[A-Z][\w-]*[a-z][\w-]*")


def build_actors(doc_ids: list[str], mentions: Mapping[str, tuple[Mention, ...]], identity: Identity,
                 texts: Mapping[str, str] | None = None, aliases: dict[str, list[str]] | None = None
                 ) -> tuple[Actor, ...]:
    """Resolve every report's mentions into actors, sides first.

    ``doc_ids``: the reports in arrival order; ``mentions``: report id -> its mentions in text order;
    ``identity``: the corpus's sources (organisations resolve to them); ``texts``: the reports' texts
    (where a group's name is looked for); ``aliases`` adds other names to ``lang/en/aliases.json``:
    {"shown name": ["other name", ...]}.

    An actor of kind ``side`` gathers its members' labels; any other kind (person, organisation, state,
    state_forces, government, armed_group, movement, community, civilians) names its side when it is on one.
    ``role`` is the actor's part in the event as the reports' grammar shows it: perpetrator, victim,
    source or official.
    """
    table = MentionTable.of(doc_ids, mentions)
    geo = survey(table)
    people = resolve_people(table, geo, {**user_aliases(), **alias_index(aliases or {})})
    orgs = resolve_organisations(table, geo, identity)
    events = group_events(table, people.root)
    rulers = find_rulers(table, people.root, events, lambda t, typ: anchor_key(t, typ, geo, people, orgs))
    nations = find_nations(table, events, geo.country)
    world = World(table, geo, people, orgs, events, rulers, nations)
    return build(world, place_sides(world), dict(texts or {}))


class SideLookup:
    """Which side an agent phrase of a report belongs to, from the side actors' labels and their spans.

    >>> from rashomon.model import Actor, Harm, Label, Span
    >>> side = Actor("s1", "the army", "side", labels=(Label(Span("d", 10, 27), "government troops"),))
    >>> SideLookup([side])("d", Harm("kill", (30, 36), agent="government troops", agent_span=(10, 27)))
    'the army'
    """

    def __init__(self, actors: tuple[Actor, ...] | list[Actor]):
        self.spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        self.texts: dict[tuple[str, str], str] = {}
        self.names: dict[str, set[str]] = defaultdict(set)  # capitalised words of labels: "Norlandic"
        self.heads: dict[str, set[str]] = defaultdict(set)  # lower-case head nouns of labels: "rebels"
        for actor in actors:
            if actor.kind != "side":
                continue
            for label in actor.labels:
                self.spans[label.span.doc_id].append((label.span.start, label.span.end, actor.name))
                self.texts.setdefault((label.span.doc_id, label_key(label.text)), actor.name)
                for word in {fold(w) for w in _NAME.findall(strip_possessive(label.text))} - unnamed_words():
                    self.names[word].add(actor.name)
                head = label.text.split()[-1] if label.text.split() else ""
                if head.islower() and head not in unnamed_words() and not is_instrument(head):
                    self.heads[head].add(actor.name)  # "the rebels" names "a rebel rocket"
                    self.heads[head.removesuffix("s")].add(actor.name)

    def __call__(self, doc_id: str, harm: Harm) -> str | None:
        span = harm.agent_span
        if span:
            for start, end, name in self.spans.get(doc_id, []):
                if start < span[1] and span[0] < end:
                    return name
        return self.texts.get((doc_id, label_key(harm.agent or ""))) or self._named_in(harm.agent or "")

    def _named_in(self, phrase: str) -> str | None:
        """A doer no report labelled, placed by the words of the sides' labels: the modifiers of a weapon or
        an attack ("two Norlandic rockets", "a misfired rebel rocket"), which names no doer itself, or a
        name alone ("Norland's")."""
        words = [strip_possessive(w).strip(".,;:'’\"") for w in phrase.split()]
        words = [w for w in words if w and fold(w) not in unnamed_words()]
        if not words:
            return None
        if is_instrument(words[-1].lower()):
            return self.named_by(words[:-1])
        if all(_NAME.fullmatch(w) for w in words):  # every word of a name must be a side's ("Tarn City" is not)
            return self.named_by(words, every=True)
        return None

    def named_by(self, words: list[str], every: bool = False) -> str | None:
        """The one side whose labels, in any report, use these words ("Norlandic" in "Norlandic troops",
        "rebel" in "the rebels"); None when the words belong to no side or to two, or, with ``every``, when
        one of them belongs to none.

        >>> from rashomon.model import Actor, Label, Span
        >>> army = Actor("s1", "the army", "side", labels=(Label(Span("d", 0, 16), "Norlandic troops"),))
        >>> lookup = SideLookup([army])
        >>> lookup.named_by(["Norlandic"]), lookup.named_by(["Vetra"])
        ('the army', None)
        """
        found = [self._sides_of(word) for word in words if fold(word) not in unnamed_words()]
        if every and not all(found):
            return None
        sides = set().union(*found) if found else set()
        return next(iter(sides)) if len(sides) == 1 else None

    def _sides_of(self, word: str) -> set[str]:
        """A capitalised word matches the sides' names, a lower-case one their head nouns ("rebel")."""
        key = fold(word)
        return self.names.get(key, set()) if word[:1].isupper() else self.heads.get(key, set())

"""The typed mention table the actor phases read: every report's mentions, in arrival then text order,
looked up by id, with what the phases decide about each kept in typed columns beside it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ...model import Mention

#: a mention's place in the corpus: (report id, mention id)
MentionKey = tuple[str, str]
#: the kinds of mention that are groups of fighters, forces or governments
GROUP_KINDS = frozenset({"armed_group", "state_forces", "government", "movement"})


@dataclass
class MentionTable:
    """The mentions of a corpus, with the columns the phases fill.

    ``person_key``/``org_key``: the name key a named person or organisation is clustered under;
    ``dropped``: mentions that name no actor (a place, a community, a country); ``as_community``: an
    organisation's name that is a community's ("the Alawites"), by mention.
    """

    order: list[str]
    by_doc: Mapping[str, tuple[Mention, ...]]
    person_key: dict[MentionKey, str] = field(default_factory=dict)
    org_key: dict[MentionKey, str] = field(default_factory=dict)
    dropped: set[MentionKey] = field(default_factory=set)
    as_community: dict[MentionKey, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_id = {(d, m.id): m for d, ms in self.by_doc.items() for m in ms}
        self._position = {(d, m.id): k for d, ms in self.by_doc.items() for k, m in enumerate(ms)}

    @classmethod
    def of(cls, doc_ids: list[str], mentions: Mapping[str, tuple[Mention, ...]]) -> MentionTable:
        """The table of ``mentions`` (report id -> its mentions in text order), reports in ``doc_ids`` order first."""
        order = list(doc_ids) + [d for d in mentions if d not in set(doc_ids)]
        return cls(order=order, by_doc={d: tuple(mentions.get(d, ())) for d in order})

    def all(self) -> Iterator[tuple[str, Mention]]:
        """(report id, mention) for every mention, reports in order, mentions in text order."""
        for doc_id in self.order:
            for m in self.by_doc.get(doc_id, ()):
                yield doc_id, m

    def get(self, doc_id: str, mention_id: str | None) -> Mention | None:
        return self._by_id.get((doc_id, mention_id)) if mention_id is not None else None

    def position(self, doc_id: str, mention_id: str) -> int:
        """A mention's place in its report's text order."""
        return self._position[(doc_id, mention_id)]

    def earlier(self, doc_id: str, mention: Mention) -> Iterator[Mention]:
        """The mentions of the same report before ``mention``, nearest first."""
        ms = self.by_doc.get(doc_id, ())
        for j in range(self._position[(doc_id, mention.id)] - 1, -1, -1):
            yield ms[j]

    def kind(self, doc_id: str, m: Mention) -> str:
        """A mention's kind, as the phases have come to read it (an organisation may be a community)."""
        return "community" if (doc_id, m.id) in self.as_community else m.kind

    def group(self, doc_id: str, m: Mention) -> str | None:
        return self.as_community.get((doc_id, m.id), m.group)


def is_former(m: Mention) -> bool:
    """A group or ruler its words date to the past ("remnants of", "the ousted", "former")."""
    return m.tense == "former" or m.anchor_tense == "former"

"""What the side and actor phases look things up in: the mention table and the results of the phases
before them (places, people, organisations, events, rulers, nations), with the lookups they share."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Mention
from ..names import label_key, seat_of, strip_possessive
from .events import Anchor, Events, Nations, Rulers
from .geography import Geography, community_key
from .organisations import Organisations
from .people import People, person_tokens
from .table import MentionTable


@dataclass(frozen=True, eq=False)
class World:
    table: MentionTable
    geo: Geography
    people: People
    orgs: Organisations
    events: Events
    rulers: Rulers
    nations: Nations

    def country(self, word: str) -> str | None:
        return self.geo.country(word)

    def anchor(self, text: str | None, typ: str | None) -> Anchor | None:
        """What a group's anchor names: ('person', root), ('org', source id), ('country', name), ('name', key)."""
        return anchor_key(text, typ, self.geo, self.people, self.orgs)

    def nation(self, doc_id: str) -> str:
        return self.nations.of(doc_id, self.events)

    def former_side(self, doc_id: str) -> str:
        return self.rulers.former_side(doc_id, self.events)

    def event_name(self, doc_id: str) -> str:
        return self.events.name(doc_id)

    def state_side(self, doc_id: str, m: Mention, recent: str | None) -> str:
        """The state a group of the state's forces belongs to: its nationality, its anchor's country, the
        state the report last named, else the report's."""
        for w in m.norp:
            c = self.country(w)
            if c:
                return "state:" + c
        if m.anchor_type == "nation" or m.relation == "poss":
            c = self.country(strip_possessive(m.anchor or ""))
            if c:
                return "state:" + c
        return recent or "state:" + self.nation(doc_id)

    def named_country(self, m: Mention) -> str | None:
        return next((self.country(w) for w in list(m.norp) + (m.name or "").split() if self.country(w)), None)


def anchor_key(text: str | None, typ: str | None, geo: Geography, people: People,
               orgs: Organisations) -> Anchor | None:
    """What an anchor text names, tried in order: state/title/pronoun as written, a country, a community,
    a person, an organisation, else the name itself."""
    if not text:
        return None
    text = strip_possessive(text.strip("[]"))
    if typ in {"state", "title", "pronoun"}:
        return (typ, label_key(text))
    country = geo.country(text) or (seat_of(text) if typ in {"name", "nation", "org"} else None)
    if country:  # "pro-Chile", "the Santiago regime": the country, or the government its seat stands for
        return ("country", country)
    if geo.is_community(text):
        return ("community", community_key(text))
    person = people.of(text) if typ in {"name", "org", "nation"} else None
    if person:
        return ("person", person)
    org = orgs.of(text)
    if org:
        return ("org", org)
    return ("name", " ".join(person_tokens(text)) or label_key(text))

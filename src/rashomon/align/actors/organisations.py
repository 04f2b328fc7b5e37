"""Organisations across reports: which source of ``rashomon.align.identity`` each named organisation is,
and which of them are state institutions (ministries, national armies)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from ...lang.actors import actor_lexicon
from ..identity import Identity
from ..names import acronym_key, initials, is_acronym, label_key, seat_of, strip_possessive, tokens
from .geography import Geography
from .table import MentionTable, is_former


@dataclass(frozen=True, eq=False)
class Organisations:
    """The identity's sources the corpus's organisation mentions resolve to, and the state institutions
    among them (``state``: source id -> its country, "" when unsaid)."""

    identity: Identity
    names: dict[str, Counter[str]] = field(default_factory=dict)
    state: dict[str, str] = field(default_factory=dict)

    def of(self, name: str) -> str | None:
        """The source an organisation's name stands for, when the corpus names it; an acronym written only
        as a modifier ("IDF soldiers") is the one organisation of the corpus whose initials it is."""
        found = self.identity.organisation(name)
        if found is None and is_acronym(name):
            roots = self._initials.get(acronym_key(name), frozenset())
            found = next(iter(roots)) if len(roots) == 1 else None
        return found

    @cached_property
    def _initials(self) -> dict[str, frozenset[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for root, names in self.names.items():
            for name in names:
                for key in initials(name):
                    out[key].add(root)
        return {k: frozenset(v) for k, v in out.items()}

    def name(self, root: str) -> str:
        return self.identity.name(root, fallback=root)


def resolve_organisations(table: MentionTable, geo: Geography, identity: Identity) -> Organisations:
    """Each named organisation mention's source (in ``table.org_key``); names that are places, countries or
    communities name no organisation."""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for doc_id, m in table.all():
        if m.kind != "organisation" or not m.name or m.anaphor:
            continue
        if not label_key(m.name) or label_key(m.name) in geo.places or geo.is_community(m.name) \
                or geo.country(m.name) or not re.search(r"[A-Z]", m.name):
            table.dropped.add((doc_id, m.id))
            if geo.is_community(m.name):
                table.as_community[(doc_id, m.id)] = m.name
            continue
        root = identity.source_id(doc_id, m.name, m.span.start) or identity.organisation(m.name)
        if root is None:
            continue
        table.org_key[(doc_id, m.id)] = root
        names[root][m.name] += 1
    orgs = Organisations(identity, dict(names))
    orgs.state.update(_state_institutions(table, geo, orgs))
    return orgs


def _state_institutions(table: MentionTable, geo: Geography, orgs: Organisations) -> dict[str, str]:
    """Organisations that are state institutions (ministries, armies): their country, or '' if unsaid."""
    state: dict[str, str] = {}
    lex = actor_lexicon()
    for doc_id, m in table.all():
        root = table.org_key.get((doc_id, m.id))
        # "the Orsenian Armed Forces": a national army named by the country's demonym
        if m.kind == "organisation" and root and m.name and m.tense != "former":
            words = tokens(m.name)
            c = next((geo.country(w) for w in words[:-1] if geo.country(w)), None)
            if c and words and words[-1] in lex.state_org_roots:
                state.setdefault(root, c)
        # "officers of the X Brigade", "X police": a body whose members are the state's police or troops
        if m.kind == "state_forces" and m.allegiance == "state" and m.anchor_type == "org" and m.anchor and \
                m.relation in {"of", "compound", "poss"} and not is_former(m):
            body = orgs.of(strip_possessive(m.anchor))
            if body is not None:
                state.setdefault(body, "")
    for doc_id, m in table.all():
        root = table.org_key.get((doc_id, m.id))
        seat = seat_of(m.name or "") if root and m.kind == "organisation" else None
        if seat:  # "the Kremlin", "Oslo" read as an organisation: the government it stands for
            state[root] = seat  # type: ignore[index]
            continue
        if root and m.allegiance == "state":
            c = next((geo.country(w) for w in list(m.norp) + (m.name or "").split() if geo.country(w)), None)
            if c or root not in state:
                state[root] = c or state.get(root, "")
    return state

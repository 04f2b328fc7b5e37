"""The actor vocabulary of a language, typed: the words :mod:`rashomon.analyze.mentions` finds groups,
anchors and roles with, and the ones :mod:`rashomon.align.actors` decides sides with.

The words live in ``lang/<code>/actors.json`` (general vocabulary, never one event's parties) and
``countries.json``; this module only reads them into frozensets of lower-case lemmas, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import read

__all__ = ["ActorLexicon", "actor_lexicon", "country_words"]


@dataclass(frozen=True)
class ActorLexicon:
    """The general vocabulary of ``actors.json``, as frozensets of lower-case lemmas (see its ``_doc``)."""

    state_force: frozenset[str]
    government: frozenset[str]
    unit: frozenset[str]
    nonstate: frozenset[str]
    loyalty: frozenset[str]
    vague: frozenset[str]
    armed_mod: frozenset[str]
    nonstate_mod: frozenset[str]
    state_mod: frozenset[str]
    former: frozenset[str]
    current: frozenset[str]
    former_context: frozenset[str]
    affil_suffix: frozenset[str]
    affil_adj: dict[str, frozenset[str]]
    affil_of: frozenset[str]
    defence_verbs: frozenset[str]
    uniform: frozenset[str]
    uniform_neg: frozenset[str]
    community: frozenset[str]
    civilian: frozenset[str]
    titles: frozenset[str]
    org_anaphors: frozenset[str]
    state_org_roots: frozenset[str]
    partitive: frozenset[str]
    harm_verbs: frozenset[str]
    harm_nouns: frozenset[str]
    patient_nouns: frozenset[str]
    report_verbs: frozenset[str]
    demonstratives: frozenset[str]
    strip: frozenset[str]
    allied_preps: frozenset[str]
    challenger: frozenset[str]
    challenger_mod: frozenset[str]
    challenger_heads: frozenset[str]
    head_of_state: frozenset[str]
    first_person: frozenset[str]
    force_mods: frozenset[str]
    cued_state: dict[str, frozenset[str]]
    fellowship: frozenset[str]
    generic_force: frozenset[str]
    ruling_heads: frozenset[str]
    official_roles: frozenset[str]
    nation_cued: frozenset[str]
    nation_cued_not_of: frozenset[str]
    challenger_people: frozenset[str]
    locative: frozenset[str]
    generic_label: frozenset[str]
    generic_label_mod: frozenset[str]

    @property
    def group_heads(self) -> frozenset[str]:
        return self.state_force | self.government | self.unit | self.nonstate | self.vague | self.challenger | \
            self.challenger_heads


@lru_cache(maxsize=4)
def actor_lexicon(language: str = "en") -> ActorLexicon:
    """The actor lexicon of ``language``, loaded once."""
    raw = read("actors", language)

    def s(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in raw[key])

    def by_word(key: str) -> dict[str, frozenset[str]]:
        return {k.lower(): frozenset(v) for k, v in raw[key].items()}

    return ActorLexicon(
        state_force=s("state_force_nouns"), government=s("government_nouns"), unit=s("unit_nouns"),
        nonstate=s("nonstate_armed_nouns"), loyalty=s("loyalty_nouns"), vague=s("vague_armed_nouns"),
        armed_mod=s("armed_modifiers"), nonstate_mod=s("nonstate_modifiers"), state_mod=s("state_modifiers"),
        former=s("former_modifiers"), current=s("current_modifiers"), former_context=s("former_contexts"),
        affil_suffix=s("affiliation_suffixes"), affil_adj=by_word("affiliation_adjectives"),
        affil_of=s("affiliation_of_heads"), defence_verbs=s("defence_verbs"), uniform=s("uniform_nouns"),
        uniform_neg=s("uniform_negators"), community=s("community_nouns"), civilian=s("civilian_nouns"),
        titles=s("official_titles"), org_anaphors=s("org_anaphors"), state_org_roots=s("state_org_roots"),
        partitive=s("partitive_nouns"), harm_verbs=s("harm_verbs"), harm_nouns=s("harm_nouns"),
        patient_nouns=s("patient_nouns"), report_verbs=s("report_verbs"),
        demonstratives=s("anaphoric_determiners"), strip=s("strip_determiners"),
        allied_preps=s("allied_prepositions"), challenger=s("challenger_nouns"),
        challenger_mod=s("challenger_modifiers"), challenger_heads=s("challenger_group_heads"),
        head_of_state=s("head_of_state_titles"), first_person=s("first_person_possessives"),
        force_mods=s("common_force_modifiers"), cued_state=by_word("cued_state_nouns"),
        fellowship=s("fellowship_nouns"), generic_force=s("generic_force_nouns"), ruling_heads=s("ruling_heads"),
        official_roles=s("official_roles"), nation_cued=s("nation_cued_nouns"),
        nation_cued_not_of=s("nation_cued_not_of"),
        challenger_people=s("challenger_people"), locative=s("locative_prepositions"),
        generic_label=s("generic_label_nouns"), generic_label_mod=s("generic_label_modifiers"),
    )


@lru_cache(maxsize=4)
def country_words(language: str = "en") -> frozenset[str]:
    """Country names and demonyms of one word, lower case ("israel", "sudanese")."""
    raw = read("countries", language)
    words = {w.lower() for w in raw["countries"] + list(raw["aliases"]) if " " not in w}
    return frozenset(words | {d for d in raw["demonyms"] if " " not in d})

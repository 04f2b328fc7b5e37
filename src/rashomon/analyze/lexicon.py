"""The word lists behind the figure extractor, read once from ``rashomon/data/figures.json``.

Everything language-specific that the extractor matches on (verbs of killing and fleeing, nouns that
count people, bound words such as "at least", attribution verbs) lives in that data file (hedges in
``lang/en/discourse.json``, shared with claims), so that rules stay general and the vocabulary can grow
without touching code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .discourse import discourse


def _lower_set(items: Any) -> frozenset[str]:
    return frozenset(str(x).lower() for x in items if not str(x).startswith("_"))


def _lower_map(d: dict[str, Any]) -> dict[str, Any]:
    return {str(k).lower(): v for k, v in d.items() if not str(k).startswith("_")}


@dataclass(frozen=True)
class FigureLexicon:
    raw: dict[str, Any]
    # numbers
    number_words: dict[str, float]
    multipliers: dict[str, float]
    vague_plurals: dict[str, float]
    vague_determiners: frozenset[str]
    approximate_multiples: dict[str, float]
    decimal_points: frozenset[str]
    group_separators: frozenset[str]
    vague_plural_followers: frozenset[str]
    # qualifiers
    qual_before: dict[str, str]
    qual_after: dict[str, str]
    qual_verbs: dict[str, str]
    addition_before: frozenset[str]
    addition_after: frozenset[str]
    # events
    transitive: dict[str, str]
    transitive_need: dict[str, frozenset[str]]
    intransitive: dict[str, str]
    verb_object: dict[str, dict[str, str]]
    verb_prep: dict[str, dict[str, str]]
    verb_complement: dict[str, dict[str, str]]
    event_nouns: dict[str, str]
    counted_event_nouns: dict[str, str]
    of_nouns: dict[str, str]
    event_adjectives: dict[str, str]
    incident_nouns: frozenset[str]
    # tolls
    toll_nouns: frozenset[str]
    toll_default: dict[str, str]
    change_verbs: frozenset[str]
    change_preps: frozenset[str]
    include_verbs: frozenset[str]
    referring_dets: frozenset[str]
    part_words: frozenset[str]
    # categories
    category_nouns: dict[str, str]
    category_modifiers: dict[str, str]
    armed_prefixes: frozenset[str]
    loyal_words: frozenset[str]
    modifier_sensitive: frozenset[str]
    member_heads: frozenset[str]
    # identity
    demographic: dict[str, str]
    community_nouns: frozenset[str]
    identity_words: dict[str, str]
    identity_suffixes: tuple[str, ...]
    not_identity: frozenset[str]
    # attribution
    attribution_verbs: frozenset[str]
    clausal_verbs: frozenset[str]
    citing_verbs: frozenset[str]
    referring_nouns: frozenset[str]
    referring_person_nouns: frozenset[str]
    generic_referring: frozenset[str]
    data_nouns: frozenset[str]
    pronouns: dict[str, str]
    vague_heads: frozenset[str]
    vague_source_modifiers: frozenset[str]
    strip_leading: frozenset[str]
    # hedges
    hedge_words: frozenset[str]
    hedge_verbs: frozenset[str]
    hedge_passive_verbs: frozenset[str]
    # others
    non_agent_heads: frozenset[str]
    not_perpetrator_verbs: frozenset[str]
    place_nouns: frozenset[str]
    non_person_nouns: frozenset[str]


def _read(name: str) -> str:
    return resources.files("rashomon").joinpath("data", name).read_text(encoding="utf-8")


def _identity_words() -> dict[str, str]:
    """lower-case form -> canonical identity name, from ``identity_groups.txt`` ("Kurds = Kurdish")."""
    out: dict[str, str] = {}
    for line in _read("identity_groups.txt").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if "=" in line:
            forms, canon = line.split("=", 1)
            canon = canon.strip()
            for form in forms.split(","):
                if form.strip():
                    out[form.strip().lower()] = canon
        else:
            out[line.lower()] = line
    return out


@lru_cache(maxsize=1)
def lexicon() -> FigureLexicon:
    raw = json.loads(_read("figures.json"))
    num, qual, ev, tol = raw["numbers"], raw["qualifiers"], raw["events"], raw["tolls"]
    cat, ident, att = raw["categories"], raw["identity"], raw["attribution"]
    said = discourse()  # hedges are one list for figures and claims (lang/en/discourse.json)
    return FigureLexicon(
        raw=raw,
        number_words={k: float(v) for k, v in num["words"].items()},
        multipliers={k: float(v) for k, v in num["multipliers"].items()},
        vague_plurals={k: float(v) for k, v in num["vague_plurals"].items()},
        vague_determiners=_lower_set(num["vague_determiners"]),
        approximate_multiples={k: float(v) for k, v in _lower_map(num.get("approximate_multiples", {})).items()},
        decimal_points=_lower_set(num.get("decimal_points", [])),
        group_separators=frozenset(num.get("group_separators", [])),
        vague_plural_followers=_lower_set(num.get("vague_plural_followers", ["of"])),
        qual_before=_lower_map(qual["before"]),
        qual_after=_lower_map(qual["after"]),
        qual_verbs=_lower_map(qual["verbs"]),
        addition_before=_lower_set(qual["addition_before"]),
        addition_after=_lower_set(qual["addition_after"]),
        transitive=_lower_map(ev["transitive_verbs"]),
        transitive_need={k: _lower_set(v) for k, v in _lower_map(ev["transitive_need"]).items()},
        intransitive=_lower_map(ev["intransitive_verbs"]),
        verb_object={k: _lower_map(v) for k, v in _lower_map(ev["verb_with_object"]).items()},
        verb_prep={k: _lower_map(v) for k, v in _lower_map(ev["verb_with_prep"]).items()},
        verb_complement={k: _lower_map(v) for k, v in _lower_map(ev["verb_with_complement"]).items()},
        event_nouns=_lower_map(ev["nouns"]),
        counted_event_nouns=_lower_map(ev["counted_event_nouns"]),
        of_nouns=_lower_map(ev["of_nouns"]),
        event_adjectives=_lower_map(ev["adjectives"]),
        incident_nouns=_lower_set(ev["incident_nouns"]),
        toll_nouns=_lower_set(tol["nouns"]),
        toll_default=_lower_map(tol["default_event"]),
        change_verbs=_lower_set(tol["change_verbs"]),
        change_preps=_lower_set(tol["change_preps"]),
        include_verbs=_lower_set(tol["include_verbs"]),
        referring_dets=_lower_set(tol["referring_determiners"]),
        part_words=_lower_set(tol["part_words"]),
        category_nouns=_lower_map(cat["nouns"]),
        category_modifiers=_lower_map(cat["modifiers"]),
        armed_prefixes=_lower_set(cat["armed_prefixes"]),
        loyal_words=_lower_set(cat["loyal_words"]),
        modifier_sensitive=_lower_set(cat["modifier_sensitive_heads"]),
        member_heads=_lower_set(cat["member_heads"]),
        demographic=_lower_map(ident["demographic"]),
        community_nouns=_lower_set(ident["community_nouns"]),
        identity_words=_identity_words(),
        identity_suffixes=tuple(sorted(ident["suffixes"], key=len, reverse=True)),
        not_identity=_lower_set(ident["not_identity"]),
        attribution_verbs=_lower_set(att["verbs"]) | _lower_set(att["clausal_verbs"]),
        clausal_verbs=_lower_set(att["clausal_verbs"]) - _lower_set(att["verbs"]),
        citing_verbs=_lower_set(att["citing"]),
        referring_nouns=_lower_set(att["referring_nouns"]),
        referring_person_nouns=_lower_set(att["referring_person_nouns"]),
        generic_referring=_lower_set(att["generic_referring"]),
        data_nouns=_lower_set(att["data_nouns"]),
        pronouns=_lower_map(att["pronouns"]),
        vague_heads=_lower_set(att["vague_heads"]),
        vague_source_modifiers=_lower_set(att["vague_source_modifiers"]),
        strip_leading=_lower_set(att["strip_leading"]),
        hedge_words=said.hedge_words | said.hedge_modals,
        hedge_verbs=said.hedge_verbs,
        hedge_passive_verbs=said.hedge_passive_verbs,
        non_agent_heads=_lower_set(raw["perpetrators"]["non_agent_heads"]),
        not_perpetrator_verbs=_lower_set(raw["perpetrators"]["not_perpetrator_verbs"]),
        place_nouns=_lower_set(raw["places"]["place_nouns"]),
        non_person_nouns=_lower_set(raw["non_person_count_nouns"]),
    )


_WORD_SETS: dict[tuple[str, str], frozenset[str]] = {}


def word_set(section: str, key: str) -> frozenset[str]:
    """The lower-case words of list ``key`` in section ``section`` of ``figures.json``, read once.

    >>> "fatally" in word_set("events", "fatal_adverbs")
    True
    """
    found = _WORD_SETS.get((section, key))
    if found is None:
        found = _lower_set(lexicon().raw.get(section, {}).get(key, []))
        _WORD_SETS[(section, key)] = found
    return found

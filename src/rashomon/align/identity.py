"""One identity for every source: which names in a corpus are one real-world source.

Figure bands, claim groups, disputes, actors and the framing table all ask this module, so "SOHR",
"the Syrian Observatory for Human Rights", "the Observatory", "the UK-based war monitor" and "its
director, Rami Haddad" get one source id everywhere. The rules, all general (no source is named in
code; ``lang/en/sources.json`` holds the English words, ``lang/en/aliases.json`` the well-known
other names of organisations):

- **speaker**: "director of X", "X's spokesman", "X director Rami Haddad", "Rami Haddad, head of X"
  name X as the source and keep the person as its speaker; an office ("Mayor Y", "the governor of Z,
  Y") names the person himself. A person cited alone is read in his report, where "Y, director of
  X" may say whom he speaks for;
- **acronyms**: "SOHR" is the one multi-word name of the corpus whose capitals it is, or the name a
  report declares for it ("X (SOHR)"); the user's aliases join other names;
- **short forms**: a name whose words all stand in exactly one longer name of the corpus
  ("Syrian Observatory"), and spellings this close (rapidfuzz) or in another word order;
- **people**: the same surname in another transliteration with agreeing first names ("Pavlo
  Kyrylenko", "Pavel Kirilenko"); a surname alone is the one full name carrying it;
- **descriptions**: a name of common words only ("the Observatory", "the monitor", "the UK-based war
  monitor", "the ministry") is the most recent named source before it in its report whose words (or
  the descriptions the report gave it: "X, a UK-based war monitor") hold its words, or whose kind
  its words say; else the one named source of the corpus that fits; else a source of its own.

Work is blocked by keys (initials, tokens, surnames), never by comparing every pair of names.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from .. import lang
from ..model import Attribution, Mention, Source, SourceAlias, SourceId, SourceKind, Span
from .corpus import Corpus
from .names import (
    SMALL_WORDS,
    acronym_key,
    country_of,
    first_names_agree,
    fold,
    initials,
    is_acronym,
    label_key,
    slug,
    surnames_agree,
    tokens,
    user_aliases,
)
from .unionfind import UnionFind

__all__ = ["Identity", "NameUse", "Reading", "build_identity", "corpus_identity", "read_name"]

#: two multi-word names whose sorted words are this close (rapidfuzz ratio, 0-100) are one name with a typo
TYPO_SIMILARITY = 92
#: how far (characters) around the words citing a source its name is looked for in the report
NAME_WINDOW = 400
_LEADING = re.compile(r"^(?:the|a|an|one|its|their|this|that|these|those)\s+", re.I)
_CAPITALISED = re.compile(r"^[A-Z]")


@dataclass(frozen=True)
class Lexicon:
    speaks_for: frozenset[str]
    offices: frozenset[str]
    descriptors: frozenset[str]
    org_heads: frozenset[str]
    kinds: tuple[tuple[SourceKind, frozenset[str]], ...]
    kind_compatible: frozenset[str]

    @property
    def roles(self) -> frozenset[str]:
        return self.speaks_for | self.offices

    def kind_of(self, words: Iterable[str]) -> SourceKind | None:
        """The first kind (in the lexicon's order) one of ``words`` says, else None."""
        found = set(words)
        return next((kind for kind, cues in self.kinds if found & cues), None)

    def common(self, word: str) -> bool:
        """A word that describes a source without naming it."""
        w = word.lower()
        if w.endswith("s") and len(w) > 4 and self.common(w[:-1]):
            return True
        return (w in self.descriptors or w in self.org_heads or w.endswith("-based")
                or any(w in cues for _, cues in self.kinds) or w in self.roles)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """``lang/en/sources.json``, read once."""
    raw = lang.read("sources")
    return Lexicon(
        speaks_for=lang.words(raw["speaks_for"]), offices=lang.words(raw["offices"]),
        descriptors=lang.words(raw["descriptors"]), org_heads=lang.words(raw["org_heads"]),
        kinds=tuple((kind, lang.words(words)) for kind, words in raw["kinds"].items()),  # type: ignore[misc]
        kind_compatible=frozenset(raw["kind_compatible"]),
    )


# -- one name, read on its own ------------------------------------------------------------------------
@dataclass(frozen=True)
class Reading:
    """A source's name as a report writes it, read: the source it names, who spoke for it, what it is.

    ``source`` is the name of the source itself ("the Syrian Observatory" in "director of the Syrian
    Observatory"); ``speaker`` the person speaking for it; ``person``: the source is a person;
    ``office``: the person holds an office (a mayor, a minister); ``description``: the name is common
    words only ("the monitor") and stands for a source named elsewhere.
    """

    source: str
    speaker: str | None = None
    person: bool = False
    office: bool = False
    description: bool = False


def _role_pattern(roles: frozenset[str] | None = None) -> str:
    ordered = sorted(lexicon().roles if roles is None else roles, key=len, reverse=True)
    return r"(?:" + "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in ordered) + r")"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    role = _role_pattern()
    lead = r"(?:(?:the|a|an|one|its|their)\s+)?(?:[\w-]+\s+)?"
    return {
        # "Rami Haddad, director of the Vessan Observatory"
        "person_role_of": re.compile(rf"^(?P<person>[^,]+),\s+{lead}(?P<role>{role})\s+(?:of|at|for|with|from)\s+"
                                     rf"(?P<org>.+)$", re.I),
        # "director of the Vessan Observatory (Rami Haddad)", "head of the railway company"
        "role_of": re.compile(rf"^{lead}(?P<role>{role})\s+(?:of|at|for|with|from)\s+(?P<org>.+)$", re.I),
        # "the Observatory's director Rami Haddad", "the administration's head"
        "poss_role": re.compile(rf"^(?P<org>.+?)['’]s?\s+(?P<role>{role})(?:\s+(?P<person>.+))?$", re.I),
        # "Observatory director Rami Haddad", "Korvath Mayor Ilan Brod", "Governor Ilan Brod"
        "role_person": re.compile(rf"^(?P<org>.*?)\s*\b(?P<role>{role})\s+(?P<person>[A-Z].+)$", re.I),
    }


def _looks_like_person(text: str, persons: frozenset[str] = frozenset()) -> bool:
    """Capitalised words, none of them a common word of sources: a person's name ("Rami Haddad")."""
    words = text.split()
    if label_key(text) in persons:
        return True
    if not 1 <= len(words) <= 5 or is_acronym(text):
        return False
    lex = lexicon()
    named = [w for w in words if w.lower() not in SMALL_WORDS and w.lower() not in {"abu", "abdel", "abdul", "bin"}]
    return bool(named) and all(_CAPITALISED.match(w) and not lex.common(w.strip(",")) and not country_of(w)
                               for w in named) and (len(named) >= 2 or label_key(text) in persons)


def _trailing_person(org: str) -> tuple[str, str | None]:
    """Split a person's name off the end of an organisation's ("the X Committee Rami Haddad")."""
    words = org.split()
    cut = len(words)
    while cut > 0 and _CAPITALISED.match(words[cut - 1]) and not lexicon().common(words[cut - 1]) \
            and not country_of(words[cut - 1]):
        cut -= 1
    if len(words) - cut >= 3 and cut > 0 and words[cut - 1].lower() in SMALL_WORDS:
        cut += 1  # "region of Orsenia Pavel Kirilenko": the first capitalised word is what "of" names
    if len(words) - cut >= 2 and cut > 0:
        return " ".join(words[:cut]).rstrip(","), " ".join(words[cut:])
    return org, None


def read_name(name: str, persons: frozenset[str] = frozenset()) -> Reading:
    """Read one source name: the source it names, its speaker, whether it is a person or a description.

    ``persons`` are the label keys of the people the corpus names (from the actor mentions).

    >>> read_name("Rami Haddad, director of the Vessan Observatory")
    Reading(source='the Vessan Observatory', speaker='Rami Haddad', person=False, office=False, description=False)
    >>> read_name("Korvath Mayor Ilan Brod")
    Reading(source='Ilan Brod', speaker=None, person=True, office=True, description=False)
    >>> read_name("the UK-based war monitor").description
    True
    """
    text = " ".join(name.split()).strip(" ,.")
    pats = _patterns()
    m = pats["person_role_of"].match(text)
    if m and _looks_like_person(m.group("person"), persons):
        return _with_role(m.group("org"), m.group("role"), m.group("person"), persons)
    m = pats["role_of"].match(text)
    if m:
        org, person = _trailing_person(m.group("org"))
        return _with_role(org, m.group("role"), person, persons)
    m = pats["poss_role"].match(text)
    if m and (m.group("person") is None or _looks_like_person(m.group("person"), persons)):
        return _with_role(m.group("org"), m.group("role"), m.group("person"), persons)
    m = pats["role_person"].match(text)
    if m and _looks_like_person(m.group("person"), persons) and \
            (not m.group("org") or _CAPITALISED.match(m.group("org"))):
        return _with_role(m.group("org") or "", m.group("role"), m.group("person"), persons)
    if _looks_like_person(text, persons):
        return Reading(text, person=True)
    return Reading(text, description=_is_description(text))


def _with_role(org: str, role: str, person: str | None, persons: frozenset[str]) -> Reading:
    role = " ".join(role.lower().split())
    if role in lexicon().offices and role not in lexicon().speaks_for or (person and not org):
        # an office names its holder: "Mayor Ilan Brod"; with no person, the office itself ("the mayor")
        return Reading(person, person=True, office=True) if person else Reading(
            f"{role} of {org}" if org else role, office=True, description=not org)
    org = org.strip(" ,")
    if not org:
        return Reading(person or role, person=person is not None, description=person is None)
    return Reading(org, speaker=person, description=_is_description(org))


def _is_description(name: str) -> bool:
    """Common words only ("the Observatory", "Monitoring groups", "Syria's state-run news agency"): a
    capitalised word other than a country, or than a common first word, makes it a name."""
    text = _LEADING.sub("", name.strip())
    if not text or is_acronym(text):
        return False
    lex = lexicon()
    for i, word in enumerate(re.findall(r"[\w'’-]+", text)):
        bare = re.sub(r"['’]s?$", "", word)
        if country_of(bare) or bare.lower() in SMALL_WORDS or not _CAPITALISED.match(bare):
            continue
        if i > 0 or not lex.common(bare):
            return False
    return True


# -- keys ----------------------------------------------------------------------------------------------
def _singular(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def name_tokens(name: str) -> frozenset[str]:
    """A name's content words, folded, singular, with demonyms as their country ("Sudanese" -> sudan)."""
    out = set()
    name = re.sub(r"[\w.]+-based\b", " ", name)  # where a source is based does not name it
    name = re.sub(r"['’]s\b", "", name)  # "the country's": the country
    # a hyphened compound is one word ("Hezbollah-linked", "Al-Mayadeen")
    for t in re.split(r"[^\w&-]+", fold(re.sub(r"\([^)]*\)", " ", name))):
        t = t.strip("-")
        if not t:
            continue
        if t in SMALL_WORDS or t in {"a", "an", "its", "their"}:
            continue
        country = country_of(t)
        out.add(label_key(country) if country else _singular(t))
    return frozenset(out)


def name_key(name: str, person: bool = False) -> str:
    """The key one spelling of a source is known by: an acronym's letters, a person's words in order,
    else the sorted content words (so word order and "of" do not matter)."""
    if is_acronym(name):
        return "=" + acronym_key(re.sub(r"\s*\([^)]*\)", "", name))
    if person:
        return "@" + " ".join(t for t in tokens(name) if t not in {"the"})
    return " ".join(sorted(name_tokens(name)))


# -- one identity for the corpus -----------------------------------------------------------------------
@dataclass(frozen=True)
class NameUse:
    """One place a report names a source: the name as written, the report, and where.

    ``at`` is where the words citing it start (a figure's, a claim's or a mention's start); ``span`` where
    the name itself stands, when known.
    """

    doc_id: str
    name: str
    at: int
    span: tuple[int, int] | None = None
    cited: bool = True  # a figure or claim credits it (an organisation a report only names is not listed)


@dataclass
class _Names:
    """Every named (not described) spelling of the corpus, by key, with what the reports said of it."""

    shown: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    person: set[str] = field(default_factory=set)
    office: set[str] = field(default_factory=set)
    descriptors: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    speakers: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    listed: dict[str, str] = field(default_factory=dict)  # key -> the name the user's aliases show for it
    uf: UnionFind = field(default_factory=UnionFind)

    def add(self, key: str, name: str) -> None:
        self.shown[key][name] += 1
        self.uf.find(key)


@dataclass(frozen=True)
class Identity:
    """The sources of one corpus and the source every name use resolves to.

    >>> identity = build_identity([NameUse("d1", "the Vessan Observatory for Human Rights", 0),
    ...                            NameUse("d1", "VOHR", 90), NameUse("d2", "the Observatory", 10),
    ...                            NameUse("d2", "Vessan Observatory for Human Rights", 0)])
    >>> len({identity.source_id("d1", "VOHR"), identity.source_id("d2", "the Observatory")})
    1
    """

    sources: tuple[Source, ...]
    _resolved: dict[tuple[str, str, int], Attribution]
    _by_name: dict[tuple[str, str], Attribution]
    _by_key: dict[str, SourceId]
    _names: dict[SourceId, str]  # the canonical name of every source, cited or only named

    def attribution(self, doc_id: str, name: str, at: int | None = None) -> Attribution:
        """The source a report's name for it resolves to (its id None when the name was never seen)."""
        found = self._resolved.get((doc_id, name, at)) if at is not None else None
        found = found or self._by_name.get((doc_id, name))
        if found is not None:
            return found
        reading = read_name(name)
        return Attribution(name, self._by_key.get(name_key(reading.source, reading.person)), reading.speaker)

    def source_id(self, doc_id: str, name: str, at: int | None = None) -> SourceId | None:
        """The id of the source a report's name for it resolves to."""
        return self.attribution(doc_id, name, at).source_id

    def attributions(self, doc_id: str, names: Iterable[str], at: int | None = None) -> tuple[Attribution, ...]:
        return tuple(self.attribution(doc_id, n, at) for n in names)

    def organisation(self, name: str) -> SourceId | None:
        """The source an organisation's name stands for, wherever written (no report needed)."""
        return self._by_key.get(name_key(name))

    def source(self, source_id: SourceId) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def name(self, source_id: SourceId | None, fallback: str = "") -> str:
        """The canonical name of a source (or of an organisation only named), else ``fallback``."""
        return self._names.get(source_id, fallback) if source_id is not None else fallback


def build_identity(uses: Iterable[NameUse], mentions: Iterable[Mention] = (),
                   texts: dict[str, str] | None = None, aliases: dict[str, str] | None = None) -> Identity:
    """Resolve every name use of a corpus into sources.

    ``uses`` are the names reports credit (figures' and claims' ``attributed_to``) and the organisations
    they name; ``mentions`` the actor mentions (for declared acronyms, appositive descriptions and the
    people the corpus names); ``texts`` the reports' texts (to find where a cited name is written and
    whom a cited person speaks for); ``aliases`` extra {label key: shown name} other names.
    """
    uses = sorted(set(uses), key=lambda u: (u.doc_id, u.at, u.name))
    mentions = list(mentions)
    texts = texts or {}
    persons = frozenset(label_key(m.name) for m in mentions if m.kind == "person" and m.name)
    readings = _readings(uses, persons, texts)
    names = _Names()
    for reading in readings.values():
        if not reading.description:
            key = name_key(reading.source, reading.person)
            names.add(key, reading.source)
            if reading.person:
                names.person.add(key)
            if reading.office:
                names.office.add(key)
            if reading.speaker:
                names.speakers[key][reading.speaker] += 1
    _declared(names, mentions)
    _join_typos(names)
    _join_short_forms(names)
    _join_people(names)
    _join_acronyms(names, {**user_aliases(), **(aliases or {})})
    return _resolve(uses, readings, names, texts)


def _readings(uses: list[NameUse], persons: frozenset[str], texts: dict[str, str]) -> dict[NameUse, Reading]:
    """Read every name; a person cited alone speaks for the organisation his report (or, when no report
    says otherwise, the one other report that says it) names him with: "Rami Haddad, director of X"."""
    readings = {u: read_name(u.name, persons) for u in uses}
    spoken: dict[NameUse, str] = {}
    for use, reading in readings.items():
        # a one-word "person" may be anything the tagger took for one (a news agency): never a speaker
        if reading.person and not reading.office and len(reading.source.split()) > 1:
            found = _speaks_for(reading.source, texts.get(use.doc_id, ""))
            if found is not None:
                spoken[use] = found
    by_person: dict[str, set[str]] = defaultdict(set)
    for use, org in spoken.items():
        by_person[label_key(readings[use].source)].add(org)
    for use, reading in readings.items():
        org = spoken.get(use)
        if org is None and reading.person and len(by_person.get(label_key(reading.source), ())) == 1:
            org = next(iter(by_person[label_key(reading.source)]))
        if org is not None:
            readings[use] = Reading(org, speaker=reading.source, description=_is_description(org))
    return readings


def _speaks_for(person: str, text: str) -> str | None:
    """The organisation a report says a person speaks for: "Rami Haddad, director of X", "X director Rami Haddad"
    (an office names no one he speaks for: "the Tarn governor Ilan Brod" is the governor himself)."""
    role = _role_pattern(lexicon().speaks_for - lexicon().offices)
    after = re.compile(rf"{re.escape(person)}, +(?:the +|a +|an +)?(?:[\w-]+ +)?{role} +(?:of|at|for) +"
                       r"((?:the +)?[A-Z][^,.;:\n()]{0,80})")
    # "X spokesman Rami Haddad", "a ministry spokesman, Colonel Rami Haddad" (a title or rank before the name)
    before = re.compile(rf"([^,.;:\n()]{{1,100}}?)['’]?s? +{role},? +(?:[A-Z][\w.’'-]* +){{0,3}}{re.escape(person)}")
    regions = _around(person, text)
    for pattern, words in ((after, _organisation_words), (before, _trailing_body)):
        m = next((found for found in map(pattern.search, regions) if found), None)
        spoken = words(m.group(1)) if m else ""
        if spoken and not _looks_like_person(spoken) and not read_name(spoken).person:
            return spoken
    return None


#: how far from a person's name "X spokesman Rami Haddad" / "Rami Haddad, director of X" can reach (characters;
#: the patterns above take at most about 250 before the name and 150 after it)
_REACH_BEFORE, _REACH_AFTER = 400, 300


def _around(person: str, text: str) -> list[str]:
    """The parts of ``text`` around each mention of ``person``, overlapping ones joined, in order: a pattern's
    first match there is its first match in the whole text (none reaches further), found without running
    the pattern over the whole report."""
    spans: list[list[int]] = []
    start = text.find(person)
    while start >= 0:
        lo, hi = max(0, start - _REACH_BEFORE), start + len(person) + _REACH_AFTER
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = hi
        else:
            spans.append([lo, hi])
        start = text.find(person, start + 1)
    return [text[lo:hi] for lo, hi in spans]


def _trailing_body(text: str) -> str:
    """The organisation's name that ends ``text``, else a body named by its common noun alone ("a ministry
    spokesman": "the ministry"), which resolves as a description to the body its report names; else ""."""
    found = _trailing_organisation(text)
    last = text.split()[-1] if text.split() else ""
    if last.islower() and last in lexicon().org_heads and not found.lower().endswith(last):
        return f"the {last}"  # "A ministry": the capital is the sentence's, not a name's
    return found


def _trailing_organisation(text: str) -> str:
    """The organisation's name that ends ``text``: "... said the Harlow Monitor" -> "the Harlow Monitor"."""
    words = text.split()
    start = len(words)
    while start > 0:
        bare = re.sub(r"[’']s?$", "", words[start - 1])
        if _CAPITALISED.match(bare) or (bare.lower() in SMALL_WORDS and start < len(words)):
            start -= 1
        elif bare.lower() in lexicon().org_heads or (start < len(words) and bare.islower() and any(
                re.search(r"[’']s?$", w) for w in words[max(0, start - 3):start - 1])):
            start -= 1  # "Orsenia's defence ministry": common words after a possessive, closed by a body's noun
        else:
            break
    return _organisation_words(" ".join(words[start:]))


def _organisation_words(text: str) -> str:
    """The words of an organisation's name at the start of ``text``: capitalised words and the small words
    between them, and after a possessive the common words an organisation's noun closes ("Orsenia's defence
    ministry")."""
    words = text.split()
    lex = lexicon()
    kept = 0
    i = 0
    while i < len(words):
        bare = re.sub(r"[’']s?$", "", words[i])
        if _CAPITALISED.match(bare) or (bare.lower() in SMALL_WORDS and (i > 0 or bare.lower() == "the")):
            i += 1
            kept = i if _CAPITALISED.match(bare) or i > 1 else kept
            continue
        possessive = i > 0 and re.search(r"[’']s?$", words[i - 1]) is not None
        head = next((j for j in range(i, min(i + 4, len(words))) if words[j].lower() in lex.org_heads), None)
        if head is None or not possessive:
            break
        i = kept = head + 1
    out = words[:kept]
    while out and out[-1].lower() in SMALL_WORDS:
        out.pop()
    return " ".join(out)


def _declared(names: _Names, mentions: list[Mention]) -> None:
    """What reports state: "X (ABC)" and "X, also known as Y" join names; "X, a UK-based war monitor"
    describes X."""
    by_id = {(m.span.doc_id, m.id): m for m in mentions}
    for m in mentions:
        target = by_id.get((m.span.doc_id, m.alias_of)) if m.alias_of else None
        if target is None or target.kind != "organisation" or not target.name:
            continue
        key = name_key(target.name)
        names.add(key, target.name)
        if m.appositive:
            names.descriptors[key] |= set(name_tokens(m.text))
        elif m.name or m.acronym:
            other = name_key(m.name or m.text)
            names.add(other, m.name or m.text)
            names.uf.union(key, other)


def _join_acronyms(names: _Names, aliases: dict[str, str]) -> None:
    """An acronym is the one multi-word name whose capitals it is; the user's aliases join their names."""
    by_initials: dict[str, set[str]] = defaultdict(set)
    for key, shown in names.shown.items():
        if key.startswith(("=", "@")):
            continue
        for name in shown:
            if "(" in name:  # "Vessan Observatory (VO)": a declared acronym
                inside = re.search(r"\(([^)]*)\)", name)
                if inside and is_acronym(inside.group(1)):
                    declared = "=" + acronym_key(inside.group(1))
                    names.add(declared, inside.group(1))
                    names.uf.union(key, declared)
            for ini in initials(name):
                by_initials[ini].add(key)
    for key in list(names.shown):
        spelled = {names.uf.find(k) for k in by_initials.get(key[1:], ())}
        if key.startswith("=") and len(spelled) == 1:
            names.uf.union(key, spelled.pop())
    shown_by_alias: dict[str, list[str]] = defaultdict(list)
    for key, shown in names.shown.items():
        hit = next((aliases[label_key(n)] for n in shown if label_key(n) in aliases), None)
        if hit:
            shown_by_alias[hit].append(key)
            names.listed[key] = hit
    for keys in shown_by_alias.values():
        for other in keys[1:]:
            names.uf.union(keys[0], other)


def _join_short_forms(names: _Names, among: set[str] | None = None) -> None:
    """A name whose words all stand in exactly one longer name is that name ("Syrian Observatory"; a word of
    a hyphened compound is not one of its words: "Hezbollah" is not "Hezbollah-linked Al-Mayadeen network");
    ``among``: only these keys, short and long."""
    plain = [k for k in (among if among is not None else names.shown) if not k.startswith(("=", "@")) and k
             and not all(country_of(w) for w in k.split())]  # a country alone is not a short form
    index: dict[str, set[str]] = defaultdict(set)
    for key in plain:
        for t in key.split():
            index[t].add(key)
    for key in plain:
        words = key.split()
        holders = set.intersection(*(index[t] for t in words)) - {key}
        holders = {h for h in holders if len(h.split()) > len(words)}
        roots = {names.uf.find(h) for h in holders}
        if len(roots) == 1:
            names.uf.union(key, next(iter(holders)))


def _join_typos(names: _Names) -> None:
    """Two multi-word names this close in spelling are one (compared only when they share a word)."""
    plain = [k for k in names.shown if not k.startswith(("=", "@")) and len(k.split()) >= 2 and len(k) >= 10]
    index: dict[str, list[str]] = defaultdict(list)
    for key in plain:
        for t in key.split():
            index[t].append(key)
    for key in plain:
        for other in {o for t in key.split() for o in index[t] if o > key}:
            if fuzz.ratio(key, other) >= TYPO_SIMILARITY:
                names.uf.union(key, other)


def _join_people(names: _Names) -> None:
    """One person under several spellings: agreeing surnames and first names; a surname alone is the
    one full name carrying it."""
    people = sorted(k for k in names.shown if k.startswith("@"))
    by_surname: dict[str, list[str]] = defaultdict(list)
    for key in people:
        by_surname[key.split()[-1][:1]].append(key)  # blocked by the surname's first letter
    for block in by_surname.values():
        for i, a in enumerate(block):
            for b in block[i + 1:]:
                sa, sb = a.split()[-1], b.split()[-1]
                if surnames_agree(sa, sb) and first_names_agree(a[1:], b[1:]):
                    if len(a.split()) > 1 and len(b.split()) > 1 or _one_full_name(a, b, block):
                        names.uf.union(a, b)


    # a surname written alone, not seen as a person ("Kirilenko said"): the one person carrying it
    for key in [k for k in names.shown if not k.startswith(("=", "@")) and len(k.split()) == 1]:
        carriers = {names.uf.find(p) for p in people if len(p.split()) > 1 and surnames_agree(p.split()[-1], key)}
        if len(carriers) == 1:
            names.uf.union(key, carriers.pop())
            names.person.add(key)


def _one_full_name(a: str, b: str, block: list[str]) -> bool:
    """A surname alone joins a full name only when no other full name of the block carries that surname."""
    lone, full = (a, b) if len(a.split()) == 1 else (b, a)
    carriers = [k for k in block if len(k.split()) > 1 and surnames_agree(k.split()[-1], lone[1:])]
    return len({c for c in carriers}) == 1 and full in carriers


# -- resolving every use -------------------------------------------------------------------------------
def _resolve(uses: list[NameUse], readings: dict[NameUse, Reading], names: _Names,
             texts: dict[str, str]) -> Identity:
    roots = {key: names.uf.find(key) for key in names.shown}
    root_of_use: dict[NameUse, str] = {}
    last_doc, recent = None, []  # the named sources of the current report so far: (at, root)
    for use in uses:
        if use.doc_id != last_doc:
            last_doc, recent = use.doc_id, []
        reading = readings[use]
        if reading.description:
            found = _described(reading.source, recent, names, roots)
            if found is not None:
                root_of_use[use] = found
        else:
            root_of_use[use] = roots[name_key(reading.source, reading.person)]
            recent.append((use.at, root_of_use[use]))
    # descriptions no named source fits: the same words are one source ("the ruling military council",
    # "Sudan's ruling military council"); a country tells two apart ("Orsenian ministry", "Vessan ministry")
    pending = {use: _description_key(readings[use].source) for use in uses if use not in root_of_use}
    for use, key in pending.items():
        names.add(key, readings[use].source)
    _join_short_forms(names, set(pending.values()))
    for use, key in pending.items():
        root_of_use[use] = key
    root_of_use = {use: names.uf.find(root) for use, root in root_of_use.items()}
    by_root: dict[str, list[NameUse]] = defaultdict(list)
    for use in uses:
        by_root[root_of_use[use]].append(use)
    sources, ids, canonical = _sources(by_root, names, texts)
    resolved = {(u.doc_id, u.name, u.at): Attribution(u.name, ids[root_of_use[u]], readings[u].speaker)
                for u in uses}
    by_name: dict[tuple[str, str], Attribution] = {}
    for (doc_id, name, _at), attribution in resolved.items():
        by_name.setdefault((doc_id, name), attribution)
    by_key = {key: ids[names.uf.find(key)] for key in names.shown if names.uf.find(key) in ids}
    return Identity(tuple(sources), resolved, by_name, by_key, canonical)


def _core(description: str) -> set[str]:
    """A description's words that can name something: not its descriptors ("main", "UK-based")."""
    return {w for w in name_tokens(description) if w not in lexicon().descriptors}


def _description_key(description: str) -> str:
    return " ".join(sorted(_core(description))) or name_key(description)


def _described(description: str, recent: list[tuple[int, str]], names: _Names, roots: dict[str, str]) -> str | None:
    """The source a description stands for: the most recent fitting named source of its report, else
    the one fitting named source of the corpus, else None."""
    words = _core(description)
    for _at, root in reversed(recent):
        if _fits(words, root, names, roots):
            return root
    people = {r for k, r in roots.items() if k in names.person}
    fitting = {root for root in set(roots.values()) if root not in people and _fits(words, root, names, roots)}
    return fitting.pop() if len(fitting) == 1 else None


def _fits(words: set[str], root: str, names: _Names, roots: dict[str, str]) -> bool:
    """Whether a description's words fit a source: its names and descriptions hold them, or the words
    say the source's kind; a country the description names must be the source's, when it has one."""
    keys = [k for k, r in roots.items() if r == root]
    held = set().union(*(set(k.lstrip("=@").split()) for k in keys), *(names.descriptors.get(k, set()) for k in keys))
    countries = {w for w in words if country_of(w)}
    their = {w for w in held if country_of(w)}
    if countries and their and not countries <= their:
        return False
    core = words - countries
    if not core:
        return False
    if core <= held:
        return True
    kind = lexicon().kind_of(core)
    return kind in lexicon().kind_compatible and all(lexicon().kind_of([w]) == kind for w in core) and \
        _kind(keys, names) == kind


def _kind(keys: list[str], names: _Names) -> SourceKind:
    """What a source is, from the words of its names (a person holding an office: government)."""
    if any(k in names.office for k in keys):
        return "government"
    if keys and all(k in names.person for k in keys):
        return "person"
    ordered = sorted(keys, key=lambda k: (-sum(names.shown[k].values()), k))
    for key in ordered:
        kind = lexicon().kind_of(w for n in names.shown[key] for w in tokens(n))
        if kind is not None:
            return kind
    return "other"


def _sources(by_root: dict[str, list[NameUse]], names: _Names,
             texts: dict[str, str]) -> tuple[list[Source], dict[str, SourceId], dict[SourceId, str]]:
    keys_of: dict[str, list[str]] = defaultdict(list)
    for key in names.shown:
        keys_of[names.uf.find(key)].append(key)
    ids: dict[str, SourceId] = {}
    canonical_of: dict[SourceId, str] = {}
    taken: set[str] = set()
    sources = []
    ranked = sorted(by_root, key=lambda r: (-sum(u.cited for u in by_root[r]), -len(by_root[r]),
                                            _canonical(keys_of.get(r, [r]), names)))
    for root in ranked:
        keys = keys_of.get(root, [root])
        canonical = _canonical(keys, names)
        base = "s-" + slug(canonical, "source")
        ident, n = base, 1
        while ident in taken:
            n += 1
            ident = f"{base}-{n}"
        taken.add(ident)
        ids[root] = ident
        canonical_of[ident] = canonical
        speakers = sum((names.speakers[k] for k in keys if k in names.speakers), Counter())
        if any(u.cited for u in by_root[root]):  # an organisation only named is an actor, not a source
            sources.append(Source(id=ident, name=canonical, kind=_kind(keys, names),
                                  aliases=_aliases(by_root[root], texts),
                                  speakers=tuple(s for s, _ in speakers.most_common())))
    return sources, ids, canonical_of


def _canonical(keys: list[str], names: _Names) -> str:
    """The name most reports use: a spelled-out name before an acronym, the most frequent, the longest."""
    listed = sorted(names.listed[k] for k in keys if k in names.listed)
    if listed:
        return listed[0]
    shown: Counter[str] = Counter()
    for key in keys:
        shown.update(names.shown.get(key, {}))
    if not shown:
        return keys[0].lstrip("=@")
    best = max(shown, key=lambda n: (len(n.split()) > 1 and not n.isupper(), shown[n], len(n), n))
    return re.sub(r"^(?:the|a|an)\s+", "", best)


def _aliases(uses: list[NameUse], texts: dict[str, str]) -> tuple[SourceAlias, ...]:
    """Every name a source goes by, each with the places reports write it."""
    spans: dict[str, dict[Span, None]] = defaultdict(dict)  # an ordered set: a list's `in` is quadratic
    for use in uses:
        where = use.span or _find(texts.get(use.doc_id, ""), use.name, use.at)
        found = spans[use.name]
        if where is not None:
            found.setdefault(Span(use.doc_id, *where))
    # spans in document order: the order uses arrive in may differ between runs
    return tuple(SourceAlias(name, tuple(sorted(found, key=lambda s: (s.doc_id, s.start, s.end))))
                 for name, found in sorted(spans.items(), key=lambda kv: fold(kv[0])))


def _find(text: str, name: str, at: int) -> tuple[int, int] | None:
    """Where a cited name is written, nearest the words citing it."""
    lo = max(0, at - NAME_WINDOW)
    hit = text.find(name, lo, at + NAME_WINDOW + len(name))
    if hit < 0:
        hit = text.find(name)
    return (hit, hit + len(name)) if hit >= 0 and name else None


def corpus_identity(corpus: Corpus, aliases: dict[str, str] | None = None) -> Identity:
    """The identity of a corpus's sources: every name its figures and claims credit, and every organisation
    its reports name (so an acronym cited in one report finds its expansion written in another)."""
    uses = [NameUse(item.doc_id, name, item.span.start) for item in (*corpus.figures, *corpus.claims)
            for name in item.attributed_to]
    mentions = [m for ms in corpus.mentions.values() for m in ms]
    uses += [NameUse(m.span.doc_id, m.name, m.span.start, span=m.span.offsets, cited=False)
             for m in mentions if m.kind == "organisation" and m.name and not m.anaphor]
    return build_identity(uses, mentions, {d.id: d.text for d in corpus.documents}, aliases)

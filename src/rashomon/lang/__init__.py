"""Everything one language says, apart from the mechanism: word lists and wording, as JSON under
``lang/<code>/``. Only English (``en``) exists; a new language is a new folder with the same files.

Files of ``lang/en``: ``actors.json`` (group heads, titles, allegiance cues), ``countries.json``
(countries, aliases, demonyms), ``aliases.json`` (well-known other names of organisations),
``loaded_terms.json`` (delegitimising and legitimising words), ``sources.json`` (what a source is
and how a report names the person speaking for it), ``wording.json`` (the questions and summaries
of disputes).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from ..model.codec import JSONObject

LANGUAGE = "en"


@lru_cache(maxsize=32)
def read(name: str, language: str = LANGUAGE) -> JSONObject:
    """One JSON file of ``lang/<language>/`` (``name`` without its ``.json``), read once.

    >>> read("wording")["numeric"]["or"]
    ' or '
    """
    path = resources.files("rashomon").joinpath("lang", language, f"{name}.json")
    return json.loads(path.read_text(encoding="utf-8"))


def words(section: Any) -> frozenset[str]:
    """A list of words (or ``{"words": [...]}``) as a frozenset of lower-case strings."""
    items = section["words"] if isinstance(section, dict) else section
    return frozenset(str(w).lower() for w in items)

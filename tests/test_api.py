"""The public API is short, sorted and pinned: changing it is a decision, not an accident."""

from __future__ import annotations

import rashomon

PUBLIC = [
    "Document",
    "Dossier",
    "FetchRefused",
    "Figure",
    "InputError",
    "InputFailure",
    "ModelError",
    "RashomonError",
    "RunSummary",
    "Settings",
    "Store",
    "StoreError",
    "__version__",
    "analyse_store",
    "analyse_texts",
    "analyze",
    "build_dossier",
    "ingest",
    "validate_dossier",
    "write_outputs",
]


def test_all_is_pinned() -> None:
    assert rashomon.__all__ == PUBLIC


def test_all_is_sorted() -> None:
    assert rashomon.__all__ == sorted(rashomon.__all__)


def test_every_public_name_exists() -> None:
    for name in rashomon.__all__:
        assert hasattr(rashomon, name), name


def test_errors_share_one_base() -> None:
    for name in ("FetchRefused", "InputError", "ModelError", "StoreError"):
        assert issubclass(getattr(rashomon, name), rashomon.RashomonError), name
    assert issubclass(rashomon.FetchRefused, rashomon.InputError)


"""Shared fixtures: a clean environment, and one analysed run of the example corpus for the whole session.

Analysing loads spaCy (a second or two), so the example dossier is built once, through the command
line, and every test that only reads it shares it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import pgserver
from rashomon.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "reports"


def _drop_rashomon_env(mp: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("RASHOMON_"):
            mp.delenv(name)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No RASHOMON_* variable or rashomon.toml of the developer's leaks into a test."""
    _drop_rashomon_env(monkeypatch)
    monkeypatch.chdir(tmp_path)


@dataclass
class ExamplesRun:
    result: Any  # the CliRunner's Result
    out: Path

    @property
    def dossier(self) -> dict[str, Any]:
        return json.loads((self.out / "dossier.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def examples_run(tmp_path_factory: pytest.TempPathFactory) -> ExamplesRun:
    """`rashomon analyze examples/reports --out OUT`, run once per session."""
    out = tmp_path_factory.mktemp("examples") / "out"
    with pytest.MonkeyPatch.context() as mp:
        _drop_rashomon_env(mp)
        mp.chdir(out.parent)
        result = cli_runner().invoke(app, ["analyze", str(EXAMPLES), "--out", str(out)], prog_name="rashomon")
    return ExamplesRun(result, out)


@pytest.fixture(scope="session")
def examples_dossier(examples_run: ExamplesRun) -> dict[str, Any]:
    assert examples_run.result.exit_code == 0, examples_run.result.output
    return examples_run.dossier


def cli_runner() -> CliRunner:
    # wide, so that rich does not wrap a long tmp path in the middle of a message we look for
    return CliRunner(env={"COLUMNS": "400"})


@pytest.fixture
def runner() -> CliRunner:
    return cli_runner()


# -- PostgreSQL: the store's tests run on SQLite and on a real server -----------------------------------


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server the tests may create databases on: ``TEST_POSTGRES_URL`` when set
    (``.ci/run`` starts one and sets it), else a throwaway server started here for the session.
    Skips, saying why, only where no server can be started."""
    url = os.environ.get("TEST_POSTGRES_URL")
    if url:
        yield url
        return
    reason = os.environ.get("TEST_POSTGRES_UNAVAILABLE")
    if reason:
        pytest.skip(f"no PostgreSQL server: {reason}")
    try:
        server = pgserver.start()
    except pgserver.ServerUnavailable as exc:
        pytest.skip(f"no PostgreSQL server could be started here: {exc}")
    try:
        yield server.url
    finally:
        pgserver.stop(server.folder)


def _new_database(server: str, tmp_path: Path) -> Iterator[str]:
    """A new, empty database on ``server`` (dropped afterwards), as a SQLAlchemy URL."""
    with pgserver.new_database(server, f"rashomon_test_{os.getpid()}_{tmp_path.name[-24:]}".lower()
                               .replace("-", "_")) as url:
        yield url


@pytest.fixture
def postgres_db(postgres_server: str, tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    yield from _new_database(postgres_server, tmp_path)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a store not yet created is to be: a SQLite file, then a new PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "case.db")
        return
    yield from _new_database(request.getfixturevalue("postgres_server"), tmp_path)

"""Shared fixtures: a clean environment, and one analysed run of the example corpus for the whole session.

Analysing loads spaCy (a second or two), so the example dossier is built once, through the command
line, and every test that only reads it shares it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

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

"""Every command on a PostgreSQL store (``--db postgresql://…``) gives what it gives on SQLite.

The server is the session's (``postgres_server`` in conftest.py: ``TEST_POSTGRES_URL``, or a private
cluster started for the tests); the SQLite side is the session's run of the example corpus.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from conftest import EXAMPLES, ExamplesRun
from rashomon.cli import app
from rashomon.errors import StoreError
from rashomon.store import Store, store_label
from rashomon.web import create_app


def invoke(runner: CliRunner, *args: str | Path):
    return runner.invoke(app, [str(a) for a in args], prog_name="rashomon")


def plain_url(sqlalchemy_url: str) -> str:
    """The URL as a user types it (``postgresql://``), not SQLAlchemy's ``postgresql+psycopg://``."""
    return make_url(sqlalchemy_url).set(drivername="postgresql").render_as_string(hide_password=False)


def without_time(dossier: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in dossier.items() if k != "generated_at"}


def test_every_command_on_postgresql_matches_sqlite(runner: CliRunner, tmp_path: Path, postgres_db: str,
                                                     examples_run: ExamplesRun) -> None:
    assert examples_run.result.exit_code == 0, examples_run.result.output
    url = plain_url(postgres_db)
    out = tmp_path / "pg-out"
    result = invoke(runner, "analyze", EXAMPLES, "--db", url, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"db: {url}"  # the URL, not a path made of it
    assert not (out / "rashomon.db").exists()
    on_pg = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert without_time(on_pg) == without_time(examples_run.dossier)

    # report on an unchanged store analyses nothing and writes the same dossier
    result = invoke(runner, "report", "--db", url, "--out", tmp_path / "again")
    assert result.exit_code == 0, result.output
    assert "0 analysed" in " ".join(result.stderr.split())
    assert without_time(json.loads((tmp_path / "again" / "dossier.json").read_text(encoding="utf-8"))) == \
        without_time(on_pg)

    result = invoke(runner, "export", "--db", url, "--format", "csv", "--out", tmp_path / "tables")
    assert result.exit_code == 0, result.output
    with (tmp_path / "tables" / "figures.csv").open(newline="", encoding="utf-8") as fh:
        pg_figures = list(csv.DictReader(fh))
    result = invoke(runner, "export", "--db", examples_run.out / "rashomon.db", "--format", "csv", "--out",
                    tmp_path / "sqlite-tables")
    with (tmp_path / "sqlite-tables" / "figures.csv").open(newline="", encoding="utf-8") as fh:
        assert pg_figures == list(csv.DictReader(fh)) and pg_figures

    new = tmp_path / "late.txt"
    new.write_text("outlet: Calder Gazette\n\nFour people were killed when a shell hit a depot in Marovo "
                   "on Tuesday, the regional governor said.\n", encoding="utf-8")
    result = invoke(runner, "ingest", new, "--db", url, "--quiet")
    assert result.exit_code == 0, result.output
    with Store.open(url) as store:
        assert [d.outlet for d in store.documents()][-1] == "Calder Gazette"
        assert len(list(store.documents())) == len(on_pg["documents"]) + 1


def test_the_web_app_answers_the_same_from_postgresql(tmp_path: Path, postgres_db: str,
                                                      examples_run: ExamplesRun, runner: CliRunner) -> None:
    url = plain_url(postgres_db)
    result = invoke(runner, "analyze", EXAMPLES, "--db", url, "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 0, result.output
    client = TestClient(create_app([url, str(examples_run.out / "rashomon.db")]), base_url="http://127.0.0.1")
    pg_case, sqlite_case = url.rsplit("/", 1)[-1], "out"
    assert f'href="/d/{pg_case}"' in client.get("/").text
    for params in ({}, {"outlet": "Sevran Dawn"}, {"kind": "numeric"}, {"category": "security_forces"},
                   {"q": "truth"}, {"q": "50%_"}):
        pages = [client.get(f"/d/{case}", params=params) for case in (pg_case, sqlite_case)]
        assert [p.status_code for p in pages] == [200, 200]
        for mark in ('<div class="dispute"', '<article class="report"', "<li><span class=\"tag\">"):
            assert pages[0].text.count(mark) == pages[1].text.count(mark), (params, mark)


def test_a_password_in_a_database_url_is_never_shown() -> None:
    assert store_label("postgresql://analyst:s3cret@db.example:5432/case") == \
        "postgresql://analyst:***@db.example:5432/case"
    assert store_label("cases/halvek.db") == "cases/halvek.db"
    with pytest.raises(StoreError) as refused:  # nothing listens on port 9
        Store.open("postgresql://analyst:s3cret@127.0.0.1:9/case")
    assert "s3cret" not in str(refused.value) and "analyst:***@127.0.0.1:9/case" in str(refused.value)

"""The command line's manners: --version, saying that models load, refusing a second case into one
folder, one-line errors for every path mistake, and counts in the right number."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon import __version__
from rashomon.cli import app
from rashomon.store import Store
from rashomon.wording import plural

DATA = Path(__file__).parent / "data"
REPORTS = DATA / "reports"


def invoke(runner: CliRunner, *args: str | Path):
    return runner.invoke(app, [str(a) for a in args], prog_name="rashomon")


def flat(text: str) -> str:
    return " ".join(text.split())


def one_error_line(result) -> str:
    """The run's only output line, which must be an error and no traceback."""
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error "), lines[0]
    assert "Traceback" not in result.output
    return lines[0]


# -- --version ---------------------------------------------------------------------------------------


def test_version_prints_the_version(runner: CliRunner) -> None:
    result = invoke(runner, "--version")
    assert result.exit_code == 0
    assert result.stdout == f"rashomon {__version__}\n"


def test_version_and_help_do_not_load_spacy() -> None:
    code = "import sys, rashomon.cli; print('spacy' in sys.modules, 'torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


# -- loading models ----------------------------------------------------------------------------------------


def test_loading_models_is_said_after_ingest_and_before_analysis(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "analyze", REPORTS / "header.txt", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    stages = [ln.split("━")[0].strip() for ln in result.stderr.splitlines() if "━" in ln]
    assert stages == ["ingest", "loading models…", "analyse", "align", "dossier"]


def test_nothing_new_loads_no_model_and_says_none(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    invoke(runner, "analyze", REPORTS / "header.txt", "--out", out, "-q")
    result = invoke(runner, "analyze", REPORTS / "header.txt", "--out", out)
    assert result.exit_code == 0, result.output
    assert "loading models" not in result.stderr
    assert "0 analysed" in flat(result.stderr)


# -- one case per folder -------------------------------------------------------------------------------


def _stored(db: Path) -> tuple[int, list[str]]:
    with Store.open(str(db)) as store:
        return store.count_documents(), [f.source for f in store.failures()]


def test_a_second_case_into_the_same_folder_is_refused_without_append(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "case"
    assert invoke(runner, "analyze", REPORTS / "header.txt", "--out", out, "-q").exit_code == 0
    before = _stored(out / "rashomon.db")
    dossier_before = (out / "dossier.json").read_bytes()

    result = invoke(runner, "analyze", REPORTS / "unknown.txt", tmp_path / "missing.txt", "--out", out)
    assert result.exit_code == 2, result.output
    line = one_error_line(result)
    assert f"{out} already holds another case (1 report, none of them among these inputs)" in line
    assert "add --append to add 1 report to it, or give another --out folder" in line
    assert _stored(out / "rashomon.db") == before  # nothing written, not even the failure
    assert (out / "dossier.json").read_bytes() == dossier_before

    result = invoke(runner, "analyze", REPORTS / "unknown.txt", "--out", out, "--append", "-q")
    assert result.exit_code == 0, result.output
    assert _stored(out / "rashomon.db")[0] == 2
    assert len(json.loads((out / "dossier.json").read_text(encoding="utf-8"))["documents"]) == 2


def test_the_same_case_again_or_extended_is_not_a_second_case(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "case"
    assert invoke(runner, "analyze", REPORTS / "header.txt", "--out", out, "-q").exit_code == 0
    assert invoke(runner, "analyze", REPORTS / "header.txt", "--out", out, "-q").exit_code == 0
    # the new report is read before the one already stored: it is held back, then added
    result = invoke(runner, "analyze", REPORTS / "unknown.txt", REPORTS / "header.txt", "--out", out, "-q")
    assert result.exit_code == 0, result.output
    assert _stored(out / "rashomon.db")[0] == 2


def test_ingest_and_report_on_an_existing_store_are_allowed(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "case"
    invoke(runner, "analyze", REPORTS / "header.txt", "--out", out, "-q")
    assert invoke(runner, "ingest", REPORTS / "unknown.txt", "--db", out / "rashomon.db", "-q").exit_code == 0
    assert invoke(runner, "report", "--db", out / "rashomon.db", "--out", out, "-q").exit_code == 0
    assert _stored(out / "rashomon.db")[0] == 2


def test_a_case_whose_inputs_all_fail_adds_nothing_and_is_not_refused(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "case"
    invoke(runner, "analyze", REPORTS / "header.txt", "--out", out, "-q")
    result = invoke(runner, "analyze", tmp_path / "missing.txt", "--out", out)
    assert result.exit_code == 1
    assert f"{tmp_path / 'missing.txt'}: no such file or folder" in flat(result.stderr)


# -- path mistakes -----------------------------------------------------------------------------------------


def test_out_pointing_at_a_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("mine", encoding="utf-8")
    for command in (["analyze", REPORTS / "header.txt"], ["export", "--format", "csv"]):
        if command[0] == "export":
            invoke(runner, "ingest", REPORTS / "header.txt", "--db", tmp_path / "c.db", "-q")
            command += ["--db", tmp_path / "c.db"]
        result = invoke(runner, *command, "--out", target)
        assert result.exit_code == 2, result.output
        assert f"the output folder {target} is a file" in one_error_line(result)
    assert target.read_text(encoding="utf-8") == "mine"


def test_out_below_a_file(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = invoke(runner, "analyze", REPORTS / "header.txt", "--out", tmp_path / "notes.txt" / "case")
    assert result.exit_code == 2
    assert "(a part of its path is a file)" in one_error_line(result)


def test_report_checks_out_before_analysing(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    invoke(runner, "ingest", REPORTS / "header.txt", "--db", db, "-q")
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    result = invoke(runner, "report", "--db", db, "--out", tmp_path / "taken")
    assert result.exit_code == 2
    assert "is a file" in one_error_line(result)
    with Store.open(str(db)) as store:
        assert store.count_documents(pending="anything") == 1  # nothing was analysed


def test_unwritable_out(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    result = invoke(runner, "analyze", REPORTS / "header.txt", "--out", tmp_path / "locked")
    assert result.exit_code == 2
    assert f"cannot write into the output folder {tmp_path / 'locked'} (Permission denied)" in one_error_line(result)


def test_export_of_one_file_into_a_folder(runner: CliRunner, tmp_path: Path) -> None:
    invoke(runner, "ingest", REPORTS / "header.txt", "--db", tmp_path / "c.db", "-q")
    for fmt in ("json", "claims"):
        result = invoke(runner, "export", "--db", tmp_path / "c.db", "--format", fmt, "--out", tmp_path)
        assert result.exit_code == 2
        assert f"--out {tmp_path} is a folder; --format {fmt} writes one file" in one_error_line(result)


def test_missing_input_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "ingest", tmp_path / "gone.txt", "--db", tmp_path / "c.db", "-q")
    assert result.exit_code == 1
    assert one_error_line(result) == f"error {tmp_path / 'gone.txt'}: no such file or folder"


# -- plurals -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "noun", "form", "said"), [
    (0, "report", None, "0 reports"), (1, "report", None, "1 report"), (2, "report", None, "2 reports"),
    (1, "near-copy", "near-copies", "1 near-copy"), (4, "near-copy", "near-copies", "4 near-copies"),
])
def test_plural(count: int, noun: str, form: str | None, said: str) -> None:
    assert plural(count, noun, form) == said


def test_summary_counts_take_their_number(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "ingest", REPORTS / "header.txt", tmp_path / "gone.txt", "--db", tmp_path / "c.db")
    assert "1 document in the store (1 new, 0 already stored, 0 near-copies), 0 analysed, 1 input failed" \
        in flat(result.stderr)

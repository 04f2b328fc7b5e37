"""The command line: exit codes, what is printed where, and that every command and option is documented."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from rashomon.cli import app
from rashomon.render.csv import DOCUMENT_COLUMNS, FIGURE_COLUMNS

DATA = Path(__file__).parent / "data"
REPORTS = DATA / "reports"
BAD = DATA / "bad"


def invoke(runner: CliRunner, *args: str | Path):
    return runner.invoke(app, [str(a) for a in args], prog_name="rashomon")


def flat(text: str) -> str:
    """Whitespace collapsed, so a message wrapped by the terminal still matches."""
    return " ".join(text.split())


# -- analyze -----------------------------------------------------------------------------------------


def test_analyze_examples_writes_the_dossier_and_prints_its_paths(examples_run) -> None:
    result, out = examples_run.result, examples_run.out
    assert result.exit_code == 0, result.output
    for name in ("dossier.json", "dossier.html", "rashomon.db"):
        assert (out / name).is_file()
    assert result.stdout.splitlines() == [
        f"json: {out / 'dossier.json'}",
        f"html: {out / 'dossier.html'}",
        f"db: {out / 'rashomon.db'}",
    ]
    summary = flat(result.stderr)
    assert "7 documents in the store (7 new, 0 already stored, 1 near-copy), 7 analysed, 0 inputs failed" \
        in summary
    assert "error" not in summary
    dossier = examples_run.dossier
    assert len(dossier["documents"]) == 7
    assert dossier["failures"] == []


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """Two good reports beside one bad input of every kind."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("header.txt", "unknown.txt"):
        shutil.copy(REPORTS / name, folder)
    for name in ("empty.txt", "header_only.txt", "scan.pdf", "broken.json", "no_article.html"):
        shutil.copy(BAD / name, folder)
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "huge.txt").write_text("The fire burned all night on the docks. " * 200, encoding="utf-8")
    (folder / "letter.docx").write_bytes(b"PK\x03\x04 not really a word document")
    (folder / "[draft] notes.pdf").write_bytes(b"%PDF-1.4")  # brackets must not be read as markup
    return folder


# the words each bad input's reason must contain
BAD_REASONS = {
    "empty.txt": "empty",
    "header_only.txt": "only a header",
    "scan.pdf": "no text layer",
    "broken.json": "invalid JSON",
    "no_article.html": "no article text",
    "photo.txt": "binary",
    "huge.txt": "limit",
    "letter.docx": "corrupt DOCX",
    "[draft] notes.pdf": "corrupt PDF",
}


def test_analyze_names_every_bad_input_and_keeps_the_good_ones(runner: CliRunner, mixed_folder: Path,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke(runner, "analyze", mixed_folder, "--out", out, "--max-bytes", "4000")
    assert result.exit_code == 1, result.output
    stderr = result.stderr
    for name, word in BAD_REASONS.items():
        [line] = [ln for ln in stderr.splitlines() if f"{mixed_folder / name}: " in ln]
        assert line.startswith("error "), line
        assert word in line, line
    assert "9 inputs failed" in flat(stderr)
    assert (out / "dossier.json").is_file()  # the good reports were still processed

    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert sorted(Path(d["source"]).name for d in dossier["documents"]) == ["header.txt", "unknown.txt"]
    failed = {Path(f["source"]).name: f["reason"] for f in dossier["failures"]}
    assert set(failed) == set(BAD_REASONS)
    for name, word in BAD_REASONS.items():
        assert word in failed[name]
    assert dossier["stats"]["failures"] == 9


def test_analyze_stdin(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", "-", "--out", str(out), "--quiet"],
                           input=(REPORTS / "header.txt").read_bytes())
    assert result.exit_code == 0, result.output
    [doc] = json.loads((out / "dossier.json").read_text(encoding="utf-8"))["documents"]
    assert (doc["source"], doc["outlet"]) == ("<stdin>", "Lisket Evening Post")


def test_quiet_prints_nothing_on_success(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke(runner, "analyze", REPORTS / "header.txt", "--out", out, "--quiet")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == ""
    assert (out / "dossier.json").is_file()


def test_quiet_prints_no_library_warning(runner: CliRunner, tmp_path: Path) -> None:
    # issue 10: matplotlib warned of a glyph its font lacks (an outlet's name) through --quiet
    import logging

    for day, toll in (("10", 12), ("12", 20)):
        (tmp_path / f"r{day}.txt").write_text(f"outlet: \u2ff0 Daily\ndate: 2031-05-{day}\n\n"
                                               f"At least {toll} people were killed in Marovo.\n", encoding="utf-8")
    result = invoke(runner, "analyze", tmp_path / "r10.txt", tmp_path / "r12.txt", "--out", tmp_path / "out", "-q")
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", "")
    assert logging.root.manager.disable == logging.NOTSET  # the library's logging is back on afterwards
    exported = invoke(runner, "export", "--db", tmp_path / "out" / "rashomon.db", "--format", "all", "--out",
                      tmp_path / "all", "--quiet")
    assert (exported.exit_code, exported.stdout, exported.stderr) == (0, "", "")


def test_quiet_still_prints_errors(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "ingest", BAD / "empty.txt", "--db", tmp_path / "case.db", "-q")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert flat(result.stderr) == f"error {BAD / 'empty.txt'}: empty file: it holds no text"


def test_bad_setting_in_the_environment_is_a_usage_error(runner: CliRunner, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASHOMON_BATCH_SIZE", "lots")
    result = invoke(runner, "analyze", REPORTS / "header.txt", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "batch_size='lots' is not a valid" in flat(result.stderr)
    assert not (tmp_path / "out").exists()


# -- ingest, report, export --------------------------------------------------------------------------------


def test_ingest_then_report_then_export(runner: CliRunner, tmp_path: Path) -> None:
    db, out = tmp_path / "case.db", tmp_path / "dossier"
    result = invoke(runner, "ingest", REPORTS, "--db", db)
    assert result.exit_code == 0, result.output
    assert "5 documents in the store (5 new, 0 already stored" in flat(result.stderr)
    assert db.is_file() and not out.exists()  # ingest does not analyse or write a dossier

    again = invoke(runner, "ingest", REPORTS / "header.txt", "--db", db)
    assert "5 documents in the store (0 new, 1 already stored" in flat(again.stderr)

    result = invoke(runner, "report", "--db", db, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"json: {out / 'dossier.json'}", f"html: {out / 'dossier.html'}"]
    assert "5 analysed" in flat(result.stderr)
    reported = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert len(reported["documents"]) == 5

    result = invoke(runner, "export", "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    exported = json.loads(result.stdout)
    assert exported["schema"] == reported["schema"]
    assert [d["id"] for d in exported["documents"]] == [d["id"] for d in reported["documents"]]
    by_name = {Path(d["source"]).name: d for d in exported["documents"]}
    assert by_name["header.txt"]["outlet"] == "Lisket Evening Post"
    assert by_name["article.html"]["published"] == "2024-04-05"

    result = invoke(runner, "export", "--db", db, "--format", "json", "--out", tmp_path / "copy.json")
    assert result.exit_code == 0
    assert result.stdout.strip() == str(tmp_path / "copy.json")
    assert json.loads((tmp_path / "copy.json").read_text(encoding="utf-8"))["documents"] == exported["documents"]

    tables = tmp_path / "tables"
    result = invoke(runner, "export", "--db", db, "--format", "csv", "--out", tables)
    assert result.exit_code == 0, result.output
    assert sorted(Path(p).name for p in result.stdout.split()) == ["documents.csv", "failures.csv", "figures.csv"]
    with (tables / "documents.csv").open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert reader.fieldnames == DOCUMENT_COLUMNS
    assert "text" not in reader.fieldnames  # the tables stay light
    assert [r["id"] for r in rows] == [d["id"] for d in exported["documents"]]
    header_row = next(r for r in rows if r["source"].endswith("header.txt"))
    assert (header_row["outlet"], header_row["published"], header_row["language"]) == \
        ("Lisket Evening Post", "2024-04-02", "en")
    assert int(header_row["words"]) == by_name["header.txt"]["words"]
    with (tables / "figures.csv").open(newline="", encoding="utf-8") as fh:
        assert csv.DictReader(fh).fieldnames == FIGURE_COLUMNS
    with (tables / "failures.csv").open(newline="", encoding="utf-8") as fh:
        assert list(csv.DictReader(fh)) == []


def test_export_lists_failures_in_csv(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "case.db"
    invoke(runner, "ingest", REPORTS / "header.txt", BAD / "scan.pdf", "--db", db)
    result = invoke(runner, "export", "--db", db, "--format", "csv", "--out", tmp_path / "tables", "--quiet")
    assert result.exit_code == 0
    assert result.stdout == ""
    with (tmp_path / "tables" / "failures.csv").open(newline="", encoding="utf-8") as fh:
        [row] = list(csv.DictReader(fh))
    assert row["source"] == "scan.pdf"  # a file name: the layout of the analyst's disk stays out
    assert "no text layer" in row["reason"] and "OCR" in row["reason"]


def test_report_analyses_only_what_is_new(runner: CliRunner, tmp_path: Path) -> None:
    db, out = tmp_path / "case.db", tmp_path / "out"
    invoke(runner, "ingest", REPORTS / "header.txt", "--db", db)
    assert "1 analysed" in flat(invoke(runner, "report", "--db", db, "--out", out).stderr)
    invoke(runner, "ingest", REPORTS / "unknown.txt", "--db", db)
    result = invoke(runner, "report", "--db", db, "--out", out)
    assert "2 documents in the store" in flat(result.stderr)
    assert "1 analysed" in flat(result.stderr)


# -- usage errors --------------------------------------------------------------------------------------


def test_no_arguments_shows_help_and_exits_2(runner: CliRunner) -> None:
    result = invoke(runner)
    assert result.exit_code == 2
    assert "Usage: rashomon" in result.output
    assert "analyze" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bogus"], "No such option: --bogus"),
        (["analyze", "--colour", "red", "x.txt"], "No such option: --colour"),
        (["analyze"], "Missing argument"),
        (["frobnicate"], "No such command"),
        (["analyze", "x.txt", "--max-bytes", "lots"], "Invalid value for '--max-bytes'"),
        (["export", "--db", "{db}", "--format", "xml"], "unknown format 'xml'; use json or csv"),
        (["export", "--db", "{db}", "--format", "csv"], "--format csv needs --out FOLDER"),
        (["report", "--db", "{missing}"], "no store at {missing}; create one with 'rashomon analyze"),
        (["export", "--db", "{missing}"], "no store at {missing}"),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, tmp_path: Path, args: list[str], message: str) -> None:
    db, missing = tmp_path / "case.db", tmp_path / "nowhere.db"
    invoke(runner, "ingest", REPORTS / "header.txt", "--db", db, "-q")
    fill = {"db": db, "missing": missing}
    result = invoke(runner, *[a.format(**fill) for a in args])
    assert result.exit_code == 2, result.output
    assert message.format(**fill) in flat(result.stderr)
    assert result.stdout == ""
    assert not missing.exists()


def test_unusable_store_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    bogus = tmp_path / "[old] notes.db"  # shown as named, brackets and all
    bogus.write_text("these are my notes, not a database " * 50, encoding="utf-8")
    result = invoke(runner, "report", "--db", bogus, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert f"cannot open the store '{bogus}'" in flat(result.stderr)
    assert "Traceback" not in result.output


# -- documentation ---------------------------------------------------------------------------------------


def commands() -> dict[str, Any]:
    """The click commands typer builds (typer vendors its own click, so they are duck-typed here)."""
    return dict(typer.main.get_command(app).commands)


def test_every_command_is_in_the_main_help(runner: CliRunner) -> None:
    result = invoke(runner, "--help")
    assert result.exit_code == 0
    assert set(commands()) >= {"analyze", "ingest", "report", "export"}
    for name, command in commands().items():
        assert name in result.stdout
        assert command.get_short_help_str(limit=200).split()[0] in result.stdout


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_option_is_documented(runner: CliRunner, name: str) -> None:
    command = commands()[name]
    result = invoke(runner, name, "--help")
    assert result.exit_code == 0
    assert command.help and "Example:" in command.help, f"{name}'s docstring needs an Example:"
    assert f"Example: rashomon {name}" in flat(result.stdout)
    for param in command.params:
        if param.param_type_name == "option":
            for opt in param.opts + param.secondary_opts:
                assert opt in result.stdout, f"{name} {opt} is not in its --help"
        assert getattr(param, "help", None), f"{name} {param.name} has no help text"

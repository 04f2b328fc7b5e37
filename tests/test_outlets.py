"""outlets.toml: what the analyst knows about each outlet, read into typed profiles and carried into the
dossier; a mirror never counts as an independent origin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.cli import app
from rashomon.errors import RashomonError
from rashomon.outlets import OutletBook, OutletProfile, origins, read_outlets

BOOK = """
["Meridian Wire"]
type = "wire"
country = "Orsenia"
alignment = "independent"
aliases = ["Meridian", "meridianwire.test"]

["Harbour Ledger"]
type = "mirror"
mirror_of = "Meridian"

["Sevran Dawn"]
type = "partisan"
alignment = "opposition"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "outlets.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_profiles_are_typed_and_found_by_any_spelling(tmp_path: Path) -> None:
    book = read_outlets(write(tmp_path, BOOK))
    assert book.lookup("meridianwire.test") == OutletProfile(
        "Meridian Wire", "wire", "Orsenia", "independent", None, ("Meridian", "meridianwire.test"))
    ledger = book.lookup("  HARBOUR ledger ")
    assert ledger.type == "aggregator" and ledger.is_mirror and ledger.mirror_of == "Meridian"
    assert book.lookup("Tarn Courier") is None


@pytest.mark.parametrize(("text", "words"), [
    ('["X"]\ntype = "blog"\n', "has type 'blog'; use one of wire, state media, NGO, monitor, partisan, aggregator"),
    ('["X"]\ntype = "wire"\nbias = "left"\n', "unknown key(s) bias"),
    ('["X"]\ntype = "wire"\nmirror_of = "Y"\n', "a mirror is an aggregator"),
    ('["X"\ntype = "wire"\n', "cannot read the outlets file"),
    ('X = 3\n', '"X" must be a table'),
])
def test_a_bad_file_is_one_line_naming_it(tmp_path: Path, text: str, words: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(RashomonError) as caught:
        read_outlets(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and words in message and "\n" not in message


def _docs(*outlets: str) -> list[dict]:
    return [{"id": f"d{k}", "outlet": o, "duplicate_of": None} for k, o in enumerate(outlets)]


def test_a_mirror_speaks_with_the_voice_of_the_outlet_it_mirrors(tmp_path: Path) -> None:
    book = read_outlets(write(tmp_path, BOOK))
    found = origins(_docs("Meridian Wire", "Harbour Ledger", "Sevran Dawn"), book)
    assert found == {"d0": "d0", "d1": "d0", "d2": "d2"}
    # without the mirrored outlet's own report, all its mirrors are one origin
    found = origins(_docs("Harbour Ledger", "Harbour Ledger", "Sevran Dawn"), book)
    assert found["d0"] == found["d1"] == "outlet:Meridian Wire" and len(set(found.values())) == 2
    # without a book, every report stands for itself
    assert origins(_docs("Meridian Wire", "Harbour Ledger"), OutletBook()) == {"d0": "d0", "d1": "d1"}


def _report(folder: Path, name: str, outlet: str, body: str) -> None:
    (folder / name).write_text(f"outlet: {outlet}\ndate: 2030-05-02\n\n{body}", encoding="utf-8")


def test_the_dossier_carries_the_profiles_and_counts_mirrors_once(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    _report(reports, "a.txt", "Meridian Wire", "A landslide buried 14 homes in Ostrel on Tuesday, rescuers said.")
    _report(reports, "b.txt", "Harbour Ledger", "Rescuers in Ostrel said the slide on Tuesday left 9 people missing.")
    _report(reports, "c.txt", "Sevran Dawn", "Officials were warned of the risk above Ostrel for years, residents say.")
    (tmp_path / "notes").mkdir()
    book = write(tmp_path / "notes", BOOK)  # not the working folder's outlets.toml: given by --outlets
    runner = CliRunner(env={"COLUMNS": "400"})
    result = runner.invoke(app, ["analyze", str(reports), "--out", str(tmp_path / "out"), "--outlets", str(book),
                                 "-q"])
    assert result.exit_code == 0, result.output
    dossier = json.loads((tmp_path / "out" / "dossier.json").read_text(encoding="utf-8"))
    assert dossier["stats"]["independent_documents"] == 2
    outlets = {o["name"]: o for o in dossier["outlets"]}
    assert outlets["Harbour Ledger"]["independent"] is False
    assert outlets["Harbour Ledger"]["profile"]["mirror_of"] == "Meridian"
    assert outlets["Sevran Dawn"]["profile"] == {"type": "partisan", "country": None, "alignment": "opposition",
                                                 "mirror_of": None}
    # without the file the three reports are three origins
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "out" / "rashomon.db")])
    exported = json.loads(result.stdout)
    assert exported["stats"]["independent_documents"] == 3
    assert all(o["profile"] is None for o in exported["outlets"])


def test_a_bad_outlets_file_stops_the_run_before_any_work(tmp_path: Path) -> None:
    book = write(tmp_path, '["X"]\ntype = "tabloid"\n')
    report = tmp_path / "r.txt"
    report.write_text("Two people were hurt in a fire.", encoding="utf-8")
    result = CliRunner(env={"COLUMNS": "400"}).invoke(app, ["analyze", str(report), "--out", str(tmp_path / "o"),
                                                            "--outlets", str(book)])
    assert result.exit_code == 2
    assert f"error {book}: [\"X\"] has type 'tabloid'" in result.stderr
    assert not (tmp_path / "o" / "rashomon.db").exists()


def test_outlets_toml_in_the_working_folder_is_read(tmp_path: Path) -> None:
    write(tmp_path, BOOK)  # the tests run in tmp_path
    from rashomon.config import Settings

    assert Settings.load().outlet_book().lookup("Meridian").type == "wire"

"""Every choice made for the user while reading a report is a flag on its document: kept by the store
(migration 4), written in the dossier (documents[].flags), shown in the HTML and printed as a note;
and the reading options of the command line (--date-order, --accept-short, --map, --max-pages)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from rashomon.cli import app
from rashomon.dossier import validate_dossier
from rashomon.models import Document
from rashomon.store import Store
from rashomon.store.schema import LATEST

DATA = Path(__file__).parent / "data"


def test_a_store_from_before_flags_is_migrated(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:  # the documents table as schema version 3 had it
        conn.executescript("""
            CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at VARCHAR(32) NOT NULL);
            INSERT INTO schema_version VALUES (1, 'x'), (2, 'x'), (3, 'x');
            CREATE TABLE documents (id VARCHAR(32) PRIMARY KEY, seq INTEGER NOT NULL, source TEXT NOT NULL,
                outlet TEXT, title TEXT, url TEXT, published VARCHAR(10), language VARCHAR(16), text TEXT NOT NULL,
                meta JSON NOT NULL, duplicate_of VARCHAR(32), ingested_at VARCHAR(32) NOT NULL,
                analysis_version VARCHAR(16));
            CREATE TABLE items (id INTEGER PRIMARY KEY, doc_id VARCHAR(32) NOT NULL, kind VARCHAR(32) NOT NULL,
                start INTEGER NOT NULL, "end" INTEGER NOT NULL, data JSON NOT NULL);
            CREATE TABLE failures (id INTEGER PRIMARY KEY, source TEXT NOT NULL, reason TEXT NOT NULL,
                at VARCHAR(32) NOT NULL);
            CREATE TABLE vectors (item_id INTEGER PRIMARY KEY, data BLOB NOT NULL);
            CREATE TABLE alignments (name VARCHAR(64) PRIMARY KEY, data JSON NOT NULL, built_at VARCHAR(32) NOT NULL);
            INSERT INTO documents VALUES ('d1', 1, 'old.txt', 'Old Post', NULL, NULL, NULL, 'en', 'Old text.', '{}',
                NULL, 'x', NULL);
        """)
    with Store.open(str(db)) as store:
        [old] = store.documents()
        assert old.flags == [] and old.pages is None
        new = Document("new.pdf", "Page one.\n\nPage two.", flags=["encoding guessed: cp1252"], pages=[0, 11])
        assert store.add_document(new)
        [_, back] = store.documents()
    assert back.flags == ["encoding guessed: cp1252"] and back.pages == [0, 11] and back.page_at(12) == 2
    with sqlite3.connect(db) as conn:
        assert max(v for (v,) in conn.execute("SELECT version FROM schema_version")) == LATEST


def test_flags_reach_the_dossier_the_html_and_the_terminal(tmp_path: Path, runner) -> None:
    latin = tmp_path / "cafe.txt"
    latin.write_bytes("outlet: Rue Post\ndate: 2024-03-04\n\nThe café owner Zoë Müller said the street was calm."
                      .encode("latin-1"))
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(latin), str(DATA / "records" / "newsapi.json"), "--out", str(out)],
                           prog_name="rashomon")
    assert result.exit_code == 0, result.output
    notes = [ln for ln in result.stderr.splitlines() if ln.startswith("note ")]
    assert any("cafe.txt: encoding guessed: cp1252" in ln for ln in notes)
    assert any("newsapi.json: text truncated by NewsAPI" in ln for ln in notes)
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    validate_dossier(dossier)
    flags = {Path(d["source"]).name: d["flags"] for d in dossier["documents"]}
    assert flags["cafe.txt"][0].startswith("encoding guessed: cp1252")
    assert flags["newsapi.json"][0].startswith("text truncated by NewsAPI")
    html = (out / "dossier.html").read_text(encoding="utf-8")
    assert "encoding guessed: cp1252" in html and "text truncated by NewsAPI" in html

    quiet = runner.invoke(app, ["ingest", str(latin), "--db", str(tmp_path / "q.db"), "--quiet"],
                          prog_name="rashomon")
    assert quiet.exit_code == 0 and "note" not in quiet.stderr


def test_reading_options_on_the_command_line(tmp_path: Path, runner) -> None:
    dated = tmp_path / "dated.txt"
    dated.write_text("outlet: Vale Times\ndate: 08/04/2022\n\nThe bridge reopened to traffic.", encoding="utf-8")
    db = tmp_path / "case.db"
    args = ["ingest", str(dated), str(DATA / "pages" / "paywall.html"), str(DATA / "records" / "custom.jsonl"),
            "--db", str(db), "--date-order", "DMY", "--accept-short",
            "--map", "text=body_copy", "--map", "title=headline_text"]
    result = runner.invoke(app, args, prog_name="rashomon")
    assert result.exit_code == 0, result.output
    with Store.open(str(db)) as store:
        docs = {Path(d.source).name: d for d in store.documents()}
    assert docs["dated.txt"].published == "2022-04-08" and docs["dated.txt"].flags == []
    assert docs["paywall.html"].flags[0].startswith("short page accepted (--accept-short)")
    assert docs["custom.jsonl:1"].title == "Altmoor council meets over depot"

    bad = runner.invoke(app, ["ingest", str(dated), "--db", str(db), "--date-order", "DDMMYY"], prog_name="rashomon")
    assert bad.exit_code == 2 and "DMY, MDY, YMD" in bad.stderr
    bad = runner.invoke(app, ["ingest", str(dated), "--db", str(db), "--map", "body"], prog_name="rashomon")
    assert bad.exit_code == 2 and "FIELD=NAME" in bad.stderr

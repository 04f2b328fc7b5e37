"""The store: migrations, documents in arrival order, atomic analyses, failures, incremental runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, insert, select
from sqlalchemy.exc import SQLAlchemyError

import rashomon.store as store_module
from rashomon import Settings, Store, StoreError
from rashomon.analyze import ANALYSIS_VERSION
from rashomon.ingest.text import document_from_text
from rashomon.model import Claim, Mention, PlaceMention, Span
from rashomon.models import Document, FigureDraft, InputFailure
from rashomon.store.schema import LATEST, claims, documents, figures, schema_version
from rashomon.workflow import analyse_store, ingest

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports"


def report(name: str) -> Document:
    path = DATA / "reports" / name
    return document_from_text(path.read_text(encoding="utf-8"), str(path))


def analysis_version(store: Store, doc_id: str) -> str | None:
    with store.engine.connect() as conn:
        return conn.execute(select(documents.c.analysis_version).where(documents.c.id == doc_id)).scalar_one()


def count_findings(store: Store) -> int:
    with store.engine.connect() as conn:
        return sum(conn.execute(select(func.count()).select_from(t)).scalar_one() for t in (figures, claims))


def draft(doc_id: str, start: int, end: int, text: str, value: float, **extra: object) -> FigureDraft:
    return FigureDraft(doc_id=doc_id, span=(start, end), text=text, value=value, **extra)  # type: ignore[arg-type]


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A new store, on SQLite and then on PostgreSQL."""
    with Store.open(db_url) as s:
        yield s


# -- migrations --------------------------------------------------------------------------------------


def test_a_new_store_records_its_migrations(db_url: str) -> None:
    with Store.open(db_url) as s:
        assert s.migrate() == LATEST
        with s.engine.connect() as conn:
            rows = conn.execute(select(schema_version.c.version, schema_version.c.applied_at)).all()
    assert [r.version for r in rows] == list(range(1, LATEST + 1))
    assert all(r.applied_at for r in rows)


def test_reopening_does_not_rerun_migrations(db_url: str) -> None:
    db = db_url
    with Store.open(db) as s:
        s.add_document(report("header.txt"))
        with s.engine.connect() as conn:
            before = conn.execute(select(schema_version)).all()
    with Store.open(db) as s:
        with s.engine.connect() as conn:
            after = conn.execute(select(schema_version)).all()
        assert s.count_documents() == 1  # the data survived too
    assert after == before


def test_store_from_a_newer_rashomon_is_refused(db_url: str) -> None:
    db = db_url
    with Store.open(db) as s, s.engine.begin() as conn:
        conn.execute(insert(schema_version).values(version=LATEST + 1, applied_at="2099-01-01T00:00:00+00:00"))
    with pytest.raises(StoreError, match="upgrade rashomon"):
        Store.open(db)


def test_store_folder_is_created(tmp_path: Path) -> None:
    db = tmp_path / "nested" / "deeper" / "case.db"
    with Store.open(str(db)) as s:
        s.add_document(report("header.txt"))
    assert db.is_file()


def test_unusable_url_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot open the store"):
        Store.open("nosuchdialect://somewhere/db")


def test_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database " * 50, encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open the store"):
        Store.open(str(bogus))


# -- concurrent writers --------------------------------------------------------------------------------

def _write_reports(db: str, prefix: str, n: int, start: Any, added: Any) -> None:
    """A writer process: opens the store and adds its reports once every writer is ready."""
    start.wait(timeout=60)
    try:
        with Store.open(db) as store:
            added.put((prefix, sum(store.add_document(Document(source=f"{prefix}{i}.txt",
                                                               text=f"Report {prefix}{i}: {i} were killed."))
                                   for i in range(n))))
    except StoreError as exc:
        added.put(("error", str(exc)))


def arrival_numbers(db: str | Path) -> list[int]:
    with Store.open(str(db)) as s, s.engine.connect() as conn:
        return [row.seq for row in conn.execute(select(documents.c.seq).order_by(documents.c.seq))]


def test_writers_racing_on_a_new_store_each_store_once_with_distinct_arrival_numbers(db_url: str) -> None:
    new_store = db_url
    # issue 10: racing writers failed on "UNIQUE constraint failed" and gave two documents one number
    import multiprocessing

    fork = multiprocessing.get_context("fork")  # the children start at once, without importing rashomon again
    start, added = fork.Barrier(4), fork.Queue()
    writers = [fork.Process(target=_write_reports, args=(new_store, prefix, 40, start, added))
               for prefix in ("same", "same", "mine", "yours")]
    for w in writers:
        w.start()
    for w in writers:
        w.join(timeout=120)
    for w in writers:
        w.kill()
    assert [w.exitcode for w in writers] == [0, 0, 0, 0]
    counts: dict[str, Any] = {}
    for _ in writers:
        prefix, n = added.get(timeout=5)
        counts[prefix] = counts.get(prefix, 0) + n
    assert counts == {"same": 40, "mine": 40, "yours": 40}  # each shared report stored once
    assert arrival_numbers(new_store) == list(range(1, 121))


def test_two_ingest_runs_at_once(tmp_path: Path, db_url: str) -> None:
    # issue 10's reproduction: two `rashomon ingest` of the same inputs (and of different ones) at once
    import subprocess
    import sys

    for folder in ("shared", "first", "second"):
        (tmp_path / folder).mkdir()
        for i in range(30):
            (tmp_path / folder / f"r{i}.txt").write_text(f"outlet: {folder.title()} Post\n\n{folder} report {i}: "
                                                         f"{i + 2} people were killed in Marovo.\n", encoding="utf-8")
    db = db_url
    runs = [subprocess.Popen([sys.executable, "-m", "rashomon.cli", "ingest", str(tmp_path / "shared"),
                              str(tmp_path / own), "--db", db, "--quiet"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for own in ("first", "second")]
    try:
        outcomes = [run.communicate(timeout=120) for run in runs]
    finally:
        for run in runs:
            run.kill()
    assert [(run.returncode, err) for run, (_, err) in zip(runs, outcomes, strict=True)] == [(0, ""), (0, "")]
    assert arrival_numbers(db) == list(range(1, 91))


def test_a_store_with_numbers_given_twice_is_renumbered_in_order(db_url: str) -> None:
    from sqlalchemy import delete, text, update

    from rashomon.store.schema import counters

    db = db_url
    with Store.open(db) as s:
        for name in ("header.txt", "unknown.txt", "inline_date.txt"):
            s.add_document(report(name))
        with s.engine.begin() as conn:  # the store as racing writers left it before schema version 5
            conn.execute(text("DROP INDEX ux_documents_seq"))
            conn.execute(counters.delete())
            conn.execute(text(f"DROP TABLE {counters.name}"))
            # migration 5 gave the counter and the unique index: forget it and every later one
            conn.execute(delete(schema_version).where(schema_version.c.version >= 5))
            conn.execute(update(documents).where(documents.c.seq == 2).values(seq=1))
    with Store.open(db) as s:
        assert arrival_numbers(db) == [1, 2, 3]
        assert [d.source for d in s.documents()][2] == str(DATA / "reports" / "inline_date.txt")  # still last
        assert s.add_document(document_from_text("Two people were killed.", "late.txt"))
    assert arrival_numbers(db) == [1, 2, 3, 4]


# -- documents ---------------------------------------------------------------------------------------


def test_add_document_twice(store: Store) -> None:
    doc = report("header.txt")
    assert store.add_document(doc) is True
    assert store.add_document(report("header.txt")) is False
    assert store.count_documents() == 1
    assert store.has_document(doc.id)
    assert not store.has_document("0" * 16)


def test_documents_round_trip_in_arrival_order(store: Store) -> None:
    later, earlier = report("unknown.txt"), report("header.txt")
    store.add_document(later)
    store.add_document(earlier)
    got = list(store.documents())
    assert [d.id for d in got] == [later.id, earlier.id]
    assert got[1].to_dict() == earlier.to_dict()
    assert got[0].published is None and got[0].outlet == "dockside-voice.test"


def test_documents_are_paged(store: Store) -> None:
    docs = [Document(source=f"r{n}.txt", text=f"Report number {n} about the Lisket fire.") for n in range(7)]
    for doc in docs:
        store.add_document(doc)
    assert [d.id for d in store.documents(page=3)] == [d.id for d in docs]


def test_pending_documents_are_those_not_analysed_by_this_version(store: Store) -> None:
    a, b, c = report("header.txt"), report("unknown.txt"), report("inline_date.txt")
    for doc in (a, b, c):
        store.add_document(doc)
    store.save_analysis(a.id, "2")
    store.save_analysis(b.id, "1")
    assert [d.id for d in store.documents(pending="2")] == [b.id, c.id]
    assert store.count_documents(pending="2") == 2
    assert [d.id for d in store.documents(pending="1")] == [a.id, c.id]
    assert store.count_documents() == 3


def test_set_origins(store: Store) -> None:
    a, b = report("header.txt"), report("unknown.txt")
    store.add_document(a)
    store.add_document(b)
    assert [d.origin_id for d in store.documents()] == [a.id, b.id]  # before any run: each its own
    store.set_origins({a.id: (None, a.id), b.id: (a.id, a.id)})
    assert {d.id: (d.duplicate_of, d.origin_id) for d in store.documents()} == {a.id: (None, a.id),
                                                                                b.id: (a.id, a.id)}
    store.set_origins({b.id: (None, b.id)})
    assert [d.duplicate_of for d in store.documents()] == [None, None]


# -- analyses ----------------------------------------------------------------------------------------


def test_save_analysis_replaces_the_findings_and_gives_them_ids(store: Store) -> None:
    doc = report("header.txt")
    store.add_document(doc)
    start = doc.text.index("Two night watchmen")
    whole = draft(doc.id, start, start + 18, "Two night watchmen", 2, event="killed", attributed_to=["the police"])
    part = draft(doc.id, start, start + 3, "Two", 1, event="killed", part_of=0)
    said = Claim(Span(doc.id, 0, 40), doc.text[:40], polarity="denied", denial_cue="denied")
    store.save_analysis(doc.id, "1", figures=[whole, part], claims=[said], claim_vectors=[b"\x00\x3c" * 2],
                        mentions=[Mention("m0", Span(doc.id, 0, 6), doc.text[:6], "lisket", "state", (0, 40))],
                        places=[PlaceMention(Span(doc.id, 0, 6), doc.text[:6], "city", evidence=("noun",))])
    first, second = store.figures()
    assert first.id.startswith("f") and second.part_of == first.id  # a part names its whole by id
    assert (first.event, first.value, first.attributed_to) == ("killed", 2, ("the police",))
    assert first.span.quote(doc.text) == "Two night watchmen"
    ((claim, vector),) = store.claims_with_vectors()
    assert claim.id.startswith("c") and (claim.polarity, claim.denial_cue) == ("denied", "denied")
    assert vector == b"\x00\x3c" * 2
    assert [m.id for m in store.mentions()] == ["m0"] and store.place_mentions()[0].evidence == ("noun",)
    store.save_analysis(doc.id, "1", figures=[draft(doc.id, 0, 6, "LISKET", 5)])
    assert [f.value for f in store.figures()] == [5]
    assert store.claims() == [] and store.mentions() == []
    assert analysis_version(store, doc.id) == "1"


def test_findings_filtered_by_document_and_searched_in_sql(store: Store) -> None:
    a, b = report("header.txt"), report("unknown.txt")
    for doc in (a, b):
        store.add_document(doc)
        store.save_analysis(doc.id, "1", figures=[draft(doc.id, 0, 6, doc.text[:6], 3, category="civilians")],
                            claims=[Claim(Span(doc.id, 0, 20), doc.text[:20])])
    assert [f.text for f in store.figures()] == ["LISKET", "Questi"]
    assert [f.doc_id for f in store.figures(b.id)] == [b.id]
    assert store.claim_ids(query="lisket") == [store.claims(a.id)[0].id]  # case aside
    assert store.figure_ids(category="civilians", doc_ids=[b.id]) == [store.figures(b.id)[0].id]
    assert store.claim_ids(query="100%_") == []  # LIKE wildcards are plain characters


def test_whole_tables_are_read_a_fetch_at_a_time_in_document_order(store: Store, monkeypatch: Any) -> None:
    monkeypatch.setattr(store_module, "_ROWS_PER_FETCH", 2)
    seen: list[object] = []
    event.listen(store.engine, "before_execute", lambda conn, clause, multi, params, options:
                 seen.append(options.get("yield_per")))
    a, b = report("header.txt"), report("unknown.txt")
    for doc in (a, b):
        store.add_document(doc)
    for doc in (b, a):  # analysed out of arrival order: reading follows the reports' order, not the rows'
        store.save_analysis(doc.id, "1", figures=[draft(doc.id, i, i + 3, doc.text[i:i + 3], i + 1) for i in (6, 0, 3)],
                            claims=[Claim(Span(doc.id, i, i + 5), doc.text[i:i + 5]) for i in (0, 5, 10)],
                            claim_vectors=[bytes([i]) * 4 for i in (0, 5, 10)])
    seen.clear()
    assert [(f.doc_id, f.span.start) for f in store.figures()] == [(d.id, i) for d in (a, b) for i in (0, 3, 6)]
    assert [(c.doc_id, c.span.start, v) for c, v in store.claims_with_vectors()] == [
        (d.id, i, bytes([i]) * 4) for d in (a, b) for i in (0, 5, 10)]
    assert seen == [2, 2]  # each table in fetches of _ROWS_PER_FETCH rows, never all at once


def test_save_analysis_is_atomic(store: Store) -> None:
    doc = report("header.txt")
    store.add_document(doc)
    bad = draft(doc.id, 0, 3, "Two", object())  # type: ignore[arg-type]  # cannot be stored
    with pytest.raises((SQLAlchemyError, StoreError, TypeError, ValueError)):
        store.save_analysis(doc.id, "1", figures=[draft(doc.id, 0, 10, "LISKET", 1), bad])
    assert count_findings(store) == 0
    assert analysis_version(store, doc.id) is None
    assert [d.id for d in store.documents(pending="1")] == [doc.id]


def test_failed_reanalysis_keeps_the_previous_findings(store: Store) -> None:
    doc = report("header.txt")
    store.add_document(doc)
    store.save_analysis(doc.id, "1", figures=[draft(doc.id, 0, 3, "LIS", 2)])
    with pytest.raises((SQLAlchemyError, StoreError, TypeError, ValueError)):
        store.save_analysis(doc.id, "2", figures=[draft(doc.id, 0, 3, "LIS", {1, 2})])  # type: ignore[arg-type]
    assert [f.value for f in store.figures()] == [2]
    assert analysis_version(store, doc.id) == "1"


# -- failures ----------------------------------------------------------------------------------------


def test_failures_are_kept_in_order_and_cleared(store: Store) -> None:
    store.add_failure(InputFailure("a.pdf", "unsupported file type '.pdf'"))
    store.add_failure(InputFailure("b.txt", "empty file: it holds no text"))
    assert [str(f) for f in store.failures()] == ["a.pdf: unsupported file type '.pdf'",
                                                 "b.txt: empty file: it holds no text"]
    store.clear_failures()
    assert store.failures() == []


def test_ingest_records_failures_of_the_last_run_only(db_url: str) -> None:
    with Store.open(db_url) as s:
        first = ingest([str(DATA / "bad" / "empty.txt"), str(DATA / "reports" / "header.txt")], s)
        assert (first.added, [f.source for f in first.failures]) == (1, [str(DATA / "bad" / "empty.txt")])
        assert [f.source for f in s.failures()] == [str(DATA / "bad" / "empty.txt")]
        second = ingest([str(DATA / "reports" / "header.txt")], s)
        assert (second.added, second.already_stored, second.exit_code) == (0, 1, 0)
        assert s.failures() == []


# -- incremental analysis ------------------------------------------------------------------------------


def test_incremental_run_analyses_only_the_new_report_and_relinks_copies(db_url: str) -> None:
    settings = Settings()
    with Store.open(db_url) as s:
        ingest([str(EXAMPLES / "01_wire_meridian.txt"), str(EXAMPLES / "02_state_herald.txt")], s, settings)
        first = analyse_store(s, settings)
        assert (first.analysed, first.documents, first.near_duplicates) == (2, 2, 0)
        assert s.count_documents(pending=ANALYSIS_VERSION) == 0
        claims_before = len(s.claims())
        assert claims_before > 0

        added = ingest([str(EXAMPLES / "05_syndicated_harbour_ledger.txt")], s, settings)
        assert added.added == 1
        second = analyse_store(s, settings)
        assert (second.analysed, second.documents, second.near_duplicates) == (1, 3, 1)

        wire, herald, copy = s.documents()
        assert copy.source.endswith("05_syndicated_harbour_ledger.txt")
        assert (wire.duplicate_of, herald.duplicate_of, copy.duplicate_of) == (None, None, wire.id)
        assert {c.doc_id for c in s.claims()} == {wire.id, herald.id, copy.id}
        assert len(s.claims(wire.id)) + len(s.claims(herald.id)) == claims_before
        assert copy.origin_id == wire.id

        third = analyse_store(s, settings)
        assert (third.analysed, third.near_duplicates) == (0, 1)


def test_a_store_of_the_previous_schema_is_migrated_and_analysed_again(db_url: str) -> None:
    from sqlalchemy import create_engine, inspect, update

    from rashomon.store import _url
    from rashomon.store.schema import MIGRATIONS, counters

    db = db_url
    engine = create_engine(_url(db))
    doc = report("header.txt")
    with engine.begin() as conn:  # a store as rashomon wrote it before the typed tables (migration 6)
        schema_version.create(conn)
        for number, migration in enumerate(MIGRATIONS[:5], 1):
            migration(conn)
            conn.execute(insert(schema_version).values(version=number, applied_at="2031-01-01T00:00:00+00:00"))
        conn.exec_driver_sql("ALTER TABLE documents DROP COLUMN origin_id")
        conn.execute(insert(documents).values(id=doc.id, seq=1, source=doc.source, text=doc.text, meta={},
                                              ingested_at="2031-01-01", analysis_version="old"))
        conn.execute(update(counters).where(counters.c.name == "arrival").values(value=1))
    engine.dispose()
    with Store.open(db) as store:
        assert store.migrate() == LATEST
        assert [d.id for d in store.documents(pending=ANALYSIS_VERSION)] == [doc.id]  # analysed again
        assert [d.origin_id for d in store.documents()] == [doc.id]
        assert "figures" in inspect(store.engine).get_table_names()
        assert store.add_document(report("unknown.txt"))  # the arrival counter goes on from the old store
    assert arrival_numbers(db) == [1, 2]

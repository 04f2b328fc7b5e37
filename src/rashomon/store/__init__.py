"""The store: documents and what was found in them, in SQLite (default) or any SQLAlchemy URL.

Every document is written with its analysis in one transaction, so an interrupted run never
leaves half a document behind.

>>> store = Store.open("sqlite://")
>>> store.count_documents()
0
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import import_module
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, delete, event, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..errors import StoreError
from ..models import Document, InputFailure
from .schema import (
    LATEST,
    MIGRATIONS,
    alignments,
    counters,
    current_version,
    documents,
    failures,
    items,
    schema_version,
    vectors,
)

__all__ = ["Store"]

BUSY_TIMEOUT = 60  # seconds a SQLite writer waits for another's lock before giving up
SCHEMA_LOCK = 0x7261_7368  # PostgreSQL advisory lock key held while migrating ("rash")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _url(db: str) -> str:
    if "://" in db:
        return db
    return f"sqlite:///{os.path.abspath(db)}"


class Store:
    """Documents, per-document findings and input failures, behind SQLAlchemy Core."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.migrate()

    @classmethod
    def open(cls, db: str) -> Store:
        """Open (creating and migrating if needed) the store at a path or SQLAlchemy URL."""
        url = _url(db)
        if url.startswith("sqlite:///"):
            folder = os.path.dirname(url.removeprefix("sqlite:///"))
            if folder and not os.path.isdir(folder):
                os.makedirs(folder, exist_ok=True)
        try:
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT} if url.startswith("sqlite") else {})
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot open the store {db!r}: {exc}. Give a file path or a SQLAlchemy URL") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        try:
            return cls(engine)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open the store {db!r}: {exc.__class__.__name__}: {exc}".splitlines()[0]) from exc

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def migrate(self) -> int:
        """Apply the migrations this store lacks; returns the schema version.

        Two programs opening a new store at once do not both migrate it: the second waits for the
        first's lock, then finds the work done.
        """
        with self.engine.connect() as conn:
            have = current_version(conn)
        if have == LATEST:
            return LATEST
        with self.engine.connect() as conn:
            _lock_schema(conn)
            schema_version.create(conn, checkfirst=True)
            have = current_version(conn)
            if have > LATEST:
                raise StoreError(f"the store has schema version {have}, newer than this rashomon ({LATEST}); "
                                 "upgrade rashomon")
            for number in range(have + 1, LATEST + 1):
                MIGRATIONS[number - 1](conn)
                conn.execute(insert(schema_version).values(version=number, applied_at=_now()))
            conn.commit()
        return LATEST

    @contextmanager
    def _writing(self, what: str) -> Iterator[None]:
        """Turn a database failure while writing into one StoreError that says what to do."""
        try:
            yield
        except SQLAlchemyError as exc:
            reason = str(exc.orig if getattr(exc, "orig", None) else exc).splitlines()[0]
            if "locked" in reason:
                raise StoreError(f"could not {what} in the store ({reason}): another program has been writing "
                                 f"to it for over {BUSY_TIMEOUT} s; run again when it is done") from exc
            raise StoreError(f"could not {what} in the store ({reason}); check that the disk has room and "
                             "that no other program holds the store open") from exc

    # -- documents -------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(documents.c.id).where(documents.c.id == doc_id)).first() is not None

    def add_document(self, doc: Document) -> bool:
        """Store a document; returns False (and changes nothing) when its text is already stored.

        Safe with other writers at once: the arrival number comes from the ``arrival`` counter, raised
        in the insert's own transaction (the counter's row lock orders the writers), and a text another
        writer stored first is skipped by the insert itself (``ON CONFLICT DO NOTHING``).
        """
        if self.has_document(doc.id):  # the common case on a rerun, without taking the write lock
            return False
        with self._writing("store a document"), self.engine.connect() as conn:
            seq = conn.execute(update(counters).where(counters.c.name == "arrival")
                               .values(value=counters.c.value + 1).returning(counters.c.value)).scalar_one()
            added = _insert_new(conn, documents, ["id"], dict(
                id=doc.id, seq=seq, source=doc.source, outlet=doc.outlet, title=doc.title, url=doc.url,
                published=doc.published, language=doc.language, text=doc.text, meta=doc.meta,
                duplicate_of=doc.duplicate_of, ingested_at=_now(), analysis_version=None,
                flags=list(doc.flags), pages=list(doc.pages) if doc.pages else None,
            ))
            if added:
                conn.commit()
            else:
                conn.rollback()  # the number goes back to the counter: no gap
        return added

    def documents(self, *, pending: str | None = None, page: int = 200) -> Iterator[Document]:
        """Stream stored documents in arrival order; with ``pending``, only those not analysed by it.

        Documents are read a page at a time on short connections, so the caller may write to the
        store between pages.
        """
        query = select(documents.c.id).order_by(documents.c.seq)
        if pending is not None:
            query = query.where((documents.c.analysis_version.is_(None))
                                | (documents.c.analysis_version != pending))
        with self.engine.connect() as conn:
            ids = [row.id for row in conn.execute(query)]
        for at in range(0, len(ids), page):
            chunk = ids[at : at + page]
            with self.engine.connect() as conn:
                rows = {r.id: r._mapping for r in conn.execute(select(documents).where(documents.c.id.in_(chunk)))}
            for doc_id in chunk:
                if doc_id in rows:
                    yield _document(rows[doc_id])

    def count_documents(self, *, pending: str | None = None) -> int:
        query = select(func.count()).select_from(documents)
        if pending is not None:
            query = query.where((documents.c.analysis_version.is_(None))
                                | (documents.c.analysis_version != pending))
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar() or 0)

    def set_duplicates(self, links: dict[str, str | None]) -> None:
        """Record, per document id, the earlier document it near-duplicates (None: independent)."""
        with self.engine.begin() as conn:
            for doc_id, original in links.items():
                conn.execute(update(documents).where(documents.c.id == doc_id).values(duplicate_of=original))

    # -- per-document findings -------------------------------------------------------------
    def save_analysis(self, doc_id: str, version: str, rows: Iterable[tuple[Any, ...]]) -> None:
        """Replace a document's findings in one transaction.

        Each row is ``(kind, start, end, data)`` or ``(kind, start, end, data, vector)`` where ``vector``
        is the item's embedding as bytes (or None).
        """
        with self._writing("save an analysis"), self.engine.begin() as conn:
            conn.execute(delete(items).where(items.c.doc_id == doc_id))
            for row in rows:
                kind, start, end, data = row[:4]
                vector = row[4] if len(row) > 4 else None
                result = conn.execute(insert(items).values(doc_id=doc_id, kind=kind, start=start, end=end, data=data))
                if vector is not None:
                    conn.execute(insert(vectors).values(item_id=result.inserted_primary_key[0], data=vector))
            conn.execute(update(documents).where(documents.c.id == doc_id).values(analysis_version=version))

    def items(self, kind: str, doc_id: str | None = None, *, with_vectors: bool = False) -> Iterator[dict[str, Any]]:
        """Stream stored findings of one kind, in document order then position.

        With ``with_vectors``, each item carries its embedding bytes under ``"_vector"`` (or None).
        """
        columns = [items.c.id, items.c.doc_id, items.c.start, items.c.end, items.c.data]
        joined = items.join(documents, documents.c.id == items.c.doc_id)
        if with_vectors:
            joined = joined.outerjoin(vectors, vectors.c.item_id == items.c.id)
            columns.append(vectors.c.data.label("vector"))
        query = select(*columns).select_from(joined)
        query = query.where(items.c.kind == kind).order_by(documents.c.seq, items.c.id)
        if doc_id is not None:
            query = query.where(items.c.doc_id == doc_id)
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                data = dict(row.data)
                data.setdefault("doc_id", row.doc_id)
                data.setdefault("span", [row.start, row.end])
                data["item_id"] = row.id
                if with_vectors:
                    data["_vector"] = row.vector
                yield data

    # -- cross-document results ---------------------------------------------------------------
    def save_alignments(self, results: dict[str, Any]) -> None:
        """Replace the cross-document results (one JSON value per name) in one transaction."""
        with self._writing("save the cross-document results"), self.engine.begin() as conn:
            conn.execute(delete(alignments))
            for name, data in results.items():
                conn.execute(insert(alignments).values(name=name, data=data, built_at=_now()))

    def alignments(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            query = select(alignments.c.name, alignments.c.data).order_by(alignments.c.name)
            return {row.name: row.data for row in conn.execute(query)}

    # -- failures --------------------------------------------------------------------------
    def add_failure(self, failure: InputFailure) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(failures).values(source=failure.source, reason=failure.reason, at=_now()))

    def failures(self) -> list[InputFailure]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(failures.c.source, failures.c.reason).order_by(failures.c.id)).all()
        return [InputFailure(r.source, r.reason) for r in rows]

    def clear_failures(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(failures))


def _document(row: Any) -> Document:
    return Document(
        id=row["id"], source=row["source"], text=row["text"], outlet=row["outlet"], title=row["title"],
        url=row["url"], published=row["published"], language=row["language"], meta=dict(row["meta"] or {}),
        duplicate_of=row["duplicate_of"], flags=list(row["flags"] or []),
        pages=list(row["pages"]) if row["pages"] else None,
    )


def _insert_new(conn: Connection, table: Table, key: list[str], values: dict[str, Any]) -> bool:
    """Insert a row unless one with the same ``key`` exists; True when it was inserted.

    SQLite and PostgreSQL skip the row in the statement (``ON CONFLICT DO NOTHING``); elsewhere the
    database's refusal is read as "already there".
    """
    dialect = conn.dialect.name
    if dialect in ("sqlite", "postgresql"):
        module = import_module(f"sqlalchemy.dialects.{dialect}")
        statement = module.insert(table).values(**values).on_conflict_do_nothing(index_elements=key)
        # a skipped row returns nothing (rowcount is not reliable across drivers)
        return conn.execute(statement.returning(*(table.c[k] for k in key))).first() is not None
    try:
        with conn.begin_nested():
            conn.execute(insert(table).values(**values))
    except IntegrityError:
        return False
    return True


def _lock_schema(conn: Connection) -> None:
    """Hold the store's schema for this transaction, so one program at a time migrates it."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock now, waiting up to the busy timeout
    elif conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        _write_ahead_log(cursor)
    finally:
        cursor.close()


def _write_ahead_log(cursor: Any) -> None:
    """Put the database in WAL mode (readers never wait for the writer), once per database file.

    SQLite answers "database is locked" at once, without waiting, when another program opens a new
    store at the same moment: try again for up to :data:`BUSY_TIMEOUT` seconds.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
            if mode.lower() not in ("wal", "memory"):
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)

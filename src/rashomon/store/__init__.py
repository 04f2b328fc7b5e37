"""The store: documents and what was found in them, in SQLite (default) or any SQLAlchemy URL.

Every document is written with its analysis in one transaction, so an interrupted run never
leaves half a document behind.

>>> store = Store.open("sqlite://")
>>> store.count_documents()
0
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..models import Document, InputFailure
from .schema import (
    LATEST,
    MIGRATIONS,
    alignments,
    current_version,
    documents,
    failures,
    items,
    schema_version,
    vectors,
)

__all__ = ["Store"]


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
            engine = create_engine(url)
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
        """Apply the migrations this store lacks; returns the schema version."""
        with self.engine.begin() as conn:
            schema_version.create(conn, checkfirst=True)
            have = current_version(conn)
            if have > LATEST:
                raise StoreError(f"the store has schema version {have}, newer than this rashomon ({LATEST}); "
                                 "upgrade rashomon")
            for number in range(have + 1, LATEST + 1):
                MIGRATIONS[number - 1](conn)
                conn.execute(insert(schema_version).values(version=number, applied_at=_now()))
        return LATEST

    @contextmanager
    def _writing(self, what: str) -> Iterator[None]:
        """Turn a database failure while writing into one StoreError that says what to do."""
        try:
            yield
        except SQLAlchemyError as exc:
            reason = str(exc.orig if getattr(exc, "orig", None) else exc).splitlines()[0]
            raise StoreError(f"could not {what} in the store ({reason}); check that the disk has room and "
                             "that no other program holds the store open") from exc

    # -- documents -------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(documents.c.id).where(documents.c.id == doc_id)).first() is not None

    def add_document(self, doc: Document) -> bool:
        """Store a document; returns False (and changes nothing) when its text is already stored."""
        with self._writing("store a document"), self.engine.begin() as conn:
            if conn.execute(select(documents.c.id).where(documents.c.id == doc.id)).first():
                return False
            seq = (conn.execute(select(func.max(documents.c.seq))).scalar() or 0) + 1
            conn.execute(insert(documents).values(
                id=doc.id, seq=seq, source=doc.source, outlet=doc.outlet, title=doc.title, url=doc.url,
                published=doc.published, language=doc.language, text=doc.text, meta=doc.meta,
                duplicate_of=doc.duplicate_of, ingested_at=_now(), analysis_version=None,
                flags=list(doc.flags), pages=list(doc.pages) if doc.pages else None,
            ))
        return True

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
            return {row.name: row.data for row in conn.execute(select(alignments.c.name, alignments.c.data))}

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


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()

"""The store: documents and what was found in them, in SQLite (default) or any SQLAlchemy URL.

Every document is written with its analysis in one transaction, so an interrupted run never
leaves half a document behind.

>>> store = Store.open("sqlite://")
>>> store.count_documents()
0
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import fields
from datetime import UTC, datetime
from importlib import import_module
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError

from ..errors import StoreError
from ..model import Alignments, Claim, Dispute, Figure, Mention, PlaceMention, from_json, to_json
from ..models import Document, FigureDraft, InputFailure
from . import rows
from .schema import (
    LATEST,
    MIGRATIONS,
    REPORT_INDEX,
    alignments,
    counters,
    current_version,
    dispute_evidence,
    documents,
    failures,
    place_mentions,
    schema_version,
)
from .schema import claims as claims_table
from .schema import disputes as disputes_table
from .schema import figures as figures_table
from .schema import mentions as mentions_table

__all__ = ["Store"]

BUSY_TIMEOUT = 60  # seconds a SQLite writer waits for another's lock before giving up
SCHEMA_LOCK = 0x7261_7368  # PostgreSQL advisory lock key held while migrating ("rash")
_ROWS_PER_FETCH = 1000  # findings rows read per fetch when a whole table is read: memory stays flat as it grows


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _url(db: str) -> str:
    """A SQLAlchemy URL for a path or URL; a plain ``postgresql://`` URL is read with psycopg (version 3), the
    driver the ``postgres`` extra installs (SQLAlchemy's default for it is psycopg2)."""
    if "://" not in db:
        return f"sqlite:///{os.path.abspath(db)}"
    scheme, rest = db.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return db


def store_label(db: str) -> str:
    """How a store is named to the user: a path as given, a URL with its password masked (``***``)."""
    if "://" not in db:
        return db
    try:
        return make_url(db).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "the given database URL"


def _shown(db: str) -> str:
    return repr(store_label(db))


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
        except ImportError as exc:
            raise StoreError(f"cannot open the store {_shown(db)}: its database driver is missing ({exc}); for "
                             "PostgreSQL: pip install 'rashomon[postgres]'") from exc
        except (SQLAlchemyError, ValueError) as exc:
            raise StoreError(f"cannot open the store {_shown(db)}: {exc}. "
                             "Give a file path or a SQLAlchemy URL") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        try:
            return cls(engine)
        except (SQLAlchemyError, StoreError) as exc:
            engine.dispose()  # no pooled connection outlives a refused store
            if isinstance(exc, StoreError):
                raise
            first_line = f"{exc.__class__.__name__}: {exc}".splitlines()[0]
            raise StoreError(f"cannot open the store {_shown(db)}: {first_line}") from exc

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

    def count_documents(self, *, pending: str | None = None, near_copies: bool = False) -> int:
        """How many documents are stored (``pending``: not analysed by that version; ``near_copies``: near-copies
        of an earlier one only), counted by the database without reading their texts."""
        query = select(func.count()).select_from(documents)
        if near_copies:
            query = query.where(documents.c.duplicate_of.is_not(None))
        if pending is not None:
            query = query.where((documents.c.analysis_version.is_(None))
                                | (documents.c.analysis_version != pending))
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar() or 0)

    def set_origins(self, links: Mapping[str, tuple[str | None, str]]) -> None:
        """Record, per document id, the earlier document it near-duplicates (None: independent) and the
        report its story comes from (``rashomon.align.corpus`` decides both)."""
        with self._writing("record the origins of reports"), self.engine.begin() as conn:
            for doc_id, (original, origin) in links.items():
                conn.execute(update(documents).where(documents.c.id == doc_id)
                             .values(duplicate_of=original, origin_id=origin))

    # -- per-document findings -------------------------------------------------------------
    def save_analysis(self, doc_id: str, version: str, *, figures: Sequence[FigureDraft] = (),
                      claims: Sequence[Claim] = (), claim_vectors: Sequence[bytes | None] | None = None,
                      mentions: Sequence[Mention] = (), places: Sequence[PlaceMention] = ()) -> None:
        """Replace a document's findings in one transaction; the store gives figures and claims their ids.

        ``claim_vectors`` are the claims' embeddings (float16 bytes), one per claim, or None. A figure's
        ``part_of`` (the position of another figure of the same report) becomes that figure's id.
        """
        vectors = list(claim_vectors) if claim_vectors is not None else [None] * len(claims)
        with self._writing("save an analysis"), self.engine.begin() as conn:
            for table in (figures_table, claims_table, mentions_table, place_mentions):
                conn.execute(delete(table).where(table.c.doc_id == doc_id))
            # one statement per table (executemany), rows in the order given: ids follow that order
            ids = list(conn.scalars(insert(figures_table).returning(figures_table.c.id, sort_by_parameter_order=True),
                                    [rows.figure_row(doc_id, f) for f in figures])) if figures else []
            for f, row_id in zip(figures, ids, strict=True):
                if f.part_of is not None and 0 <= f.part_of < len(ids):
                    conn.execute(update(figures_table).where(figures_table.c.id == row_id)
                                 .values(part_of=ids[f.part_of]))
            for table, values in ((claims_table, [rows.claim_row(doc_id, c, v) for c, v in zip(claims, vectors,
                                                                                                  strict=True)]),
                                  (mentions_table, [rows.mention_row(doc_id, m) for m in mentions]),
                                  (place_mentions, [rows.place_row(doc_id, p) for p in places])):
                if values:
                    conn.execute(insert(table), values)
            conn.execute(update(documents).where(documents.c.id == doc_id).values(analysis_version=version))

    def _rows(self, table: Table, doc_id: str | None = None, *where: Any) -> Iterator[Any]:
        """A table's rows in document order (arrival), then position in the document, streamed a batch at a
        time (a server-side cursor on PostgreSQL): on thousands of reports every row at once took more memory
        than the findings made from them. The caller reads them all before it writes."""
        query = select(table).join(documents, documents.c.id == table.c.doc_id).order_by(
            documents.c.seq, table.c.start, table.c.id)
        if doc_id is not None:
            query = query.where(table.c.doc_id == doc_id)
        for condition in where:
            query = query.where(condition)
        with self.engine.connect() as conn:
            yield from conn.execution_options(yield_per=_ROWS_PER_FETCH).execute(query)

    def figures(self, doc_id: str | None = None) -> list[Figure]:
        """Every stored figure (of one document, when given), in document order then position."""
        return [rows.figure_of(r) for r in self._rows(figures_table, doc_id)]

    def claims(self, doc_id: str | None = None) -> list[Claim]:
        """Every stored claim, in document order then position."""
        return [rows.claim_of(r) for r in self._rows(claims_table, doc_id)]

    def claims_with_vectors(self) -> list[tuple[Claim, bytes | None]]:
        """Every stored claim with its embedding bytes (None when it has none), in document order."""
        return [(rows.claim_of(r), r.vector) for r in self._rows(claims_table)]

    def mentions(self, doc_id: str | None = None) -> list[Mention]:
        """Every stored actor mention, in document order then position."""
        return [rows.mention_of(r) for r in self._rows(mentions_table, doc_id)]

    def place_mentions(self, doc_id: str | None = None) -> list[PlaceMention]:
        """Every stored place name, in document order then position."""
        return [rows.place_of(r) for r in self._rows(place_mentions, doc_id)]

    # -- cross-document results ---------------------------------------------------------------
    def save_alignments(self, results: Alignments) -> None:
        """Replace the cross-document results in one transaction: disputes in their tables, the rest as
        one JSON value per section (written by the codec)."""
        with self._writing("save the cross-document results"), self.engine.begin() as conn:
            for table in (dispute_evidence, disputes_table, alignments):
                conn.execute(delete(table))
            for f in fields(results):
                if f.name != "disputes":
                    conn.execute(insert(alignments).values(name=f.name, data=to_json(getattr(results, f.name)),
                                                           built_at=_now()))
            for rank, dispute in enumerate(results.disputes):
                conn.execute(insert(disputes_table).values(id=dispute.id, rank=rank, kind=dispute.kind,
                                                           question=dispute.question, summary=dispute.summary,
                                                           data=to_json(dispute)))
                for p, position in enumerate(dispute.positions):
                    for e in position.evidence:
                        conn.execute(insert(dispute_evidence).values(
                            dispute_id=dispute.id, position=p, doc_id=e.span.doc_id, start=e.span.start,
                            end=e.span.end, text=e.text))

    def alignments(self) -> Alignments:
        """The cross-document results of the last run (empty ones before any run)."""
        hints = {f.name: f.type for f in fields(Alignments)}
        types = typing.get_type_hints(Alignments)
        with self.engine.connect() as conn:
            query = select(alignments.c.name, alignments.c.data).order_by(alignments.c.name)
            saved = {row.name: row.data for row in conn.execute(query)}
            found = [row.data for row in conn.execute(select(disputes_table.c.data).order_by(disputes_table.c.rank))]
        values = {name: from_json(types[name], saved[name]) for name in hints if name in saved}
        values["disputes"] = from_json(tuple[Dispute, ...], found)
        return Alignments(**values)

    def dispute_ids(self, *, kind: str | None = None, doc_ids: Iterable[str] | None = None,
                    query: str | None = None) -> list[str]:
        """Ids of the disputes of one kind, with evidence in the given documents, or whose question, position
        labels or quotes contain ``query`` (case aside), in the dossier's order. A label can name a value the
        question leaves unnamed; labels live in the dispute's ``data``, read for the disputes the other
        filters keep (a corpus has tens of disputes, not thousands)."""
        q = select(disputes_table.c.id).order_by(disputes_table.c.rank)
        if kind:
            q = q.where(disputes_table.c.kind == kind)
        if doc_ids is not None:
            q = q.where(disputes_table.c.id.in_(select(dispute_evidence.c.dispute_id)
                                                .where(dispute_evidence.c.doc_id.in_(list(doc_ids)))))
        if not query:
            with self.engine.connect() as conn:
                return [row.id for row in conn.execute(q)]
        like = f"%{_escape_like(query.lower())}%"
        worded = (func.lower(disputes_table.c.question).like(like, escape="\\")
                  | disputes_table.c.id.in_(select(dispute_evidence.c.dispute_id).where(
                      func.lower(dispute_evidence.c.text).like(like, escape="\\"))))
        needle = query.casefold()
        with self.engine.connect() as conn:
            return [row.id for row in conn.execute(q.add_columns(worded.label("worded"), disputes_table.c.data))
                    if row.worded or any(needle in str(p.get("label", "")).casefold()
                                         for p in (row.data or {}).get("positions", ()))]

    def claim_ids(self, *, query: str | None = None, doc_ids: Iterable[str] | None = None) -> list[str]:
        """Ids of the claims whose words contain ``query`` (case aside), of the given documents."""
        q = select(claims_table.c.id).order_by(claims_table.c.id)
        if query:
            q = q.where(func.lower(claims_table.c.text).like(f"%{_escape_like(query.lower())}%", escape="\\"))
        if doc_ids is not None:
            q = q.where(claims_table.c.doc_id.in_(list(doc_ids)))
        with self.engine.connect() as conn:
            return [f"c{row.id}" for row in conn.execute(q)]

    def search_reports(self, query: str, *, doc_ids: Iterable[str] | None = None,
                       limit: int = 50) -> list[tuple[str, str]]:
        """(report id, the words around the match) of the reports whose title or text holds ``query``:
        every word of it (FTS5, best match first) on SQLite, the words as one string (case aside) elsewhere."""
        words = re.findall(r"\w+", query)
        if not words:
            return []
        with self.engine.connect() as conn:
            if conn.dialect.name == "sqlite" and inspect(conn).has_table(REPORT_INDEX):
                found = conn.execute(text(
                    f"SELECT d.id, snippet({REPORT_INDEX}, -1, '', '', '…', 24) FROM {REPORT_INDEX} "
                    f"JOIN documents d ON d.rowid = {REPORT_INDEX}.rowid WHERE {REPORT_INDEX} MATCH :q "
                    "ORDER BY rank"), {"q": " ".join('"' + w.replace('"', '""') + '"' for w in words)})
                hits = [(row[0], row[1]) for row in found]
            else:
                needle = query.strip().lower()
                like = f"%{_escape_like(needle)}%"
                rows_ = conn.execute(select(documents.c.id, documents.c.text).where(
                    func.lower(documents.c.text).like(like, escape="\\")
                    | func.lower(documents.c.title).like(like, escape="\\")).order_by(documents.c.seq))
                hits = [(row.id, words_around(row.text, needle)) for row in rows_]
        keep = set(doc_ids) if doc_ids is not None else None
        return [h for h in hits if keep is None or h[0] in keep][:limit]

    def figure_ids(self, *, category: str | None = None, event: str | None = None,
                   doc_ids: Iterable[str] | None = None) -> list[str]:
        """Ids of the figures of one category and event, of the given documents."""
        q = select(figures_table.c.id).order_by(figures_table.c.id)
        if category:
            q = q.where(figures_table.c.category == category)
        if event:
            q = q.where(figures_table.c.event == event)
        if doc_ids is not None:
            q = q.where(figures_table.c.doc_id.in_(list(doc_ids)))
        with self.engine.connect() as conn:
            return [f"f{row.id}" for row in conn.execute(q)]

    def doc_ids(self, *, outlet: str | None = None) -> list[str]:
        """Ids of the documents shown under the outlet name ``outlet`` (``Document.display_name``)."""
        return [d.id for d in self.documents() if outlet is None or d.display_name == outlet]

    def version(self) -> tuple[int, str | None, int, int | None]:
        """What changes whenever the dossier would, in one query: the number of documents, when results were
        last built, and the number and last id of the inputs not read (the web app asks it at every request)."""
        count = select(func.count()).select_from(documents).scalar_subquery()
        built = select(func.max(alignments.c.built_at)).scalar_subquery()
        failed = select(func.count()).select_from(failures).scalar_subquery()
        last = select(func.max(failures.c.id)).scalar_subquery()
        with self.engine.connect() as conn:
            row = conn.execute(select(count, built, failed, last)).one()
        return int(row[0] or 0), row[1], int(row[2] or 0), row[3]

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
        duplicate_of=row["duplicate_of"], origin_id=row["origin_id"] or "", flags=list(row["flags"] or []),
        pages=list(row["pages"]) if row["pages"] else None,
    )


def words_around(text_: str, needle: str, width: int = 80) -> str:
    """The words of ``text_`` around the first ``needle`` (case aside), or its start."""
    at = max(0, text_.lower().find(needle))
    start = max(0, at - width)
    return ("…" if start else "") + text_[start:at + len(needle) + width].strip() + "…"


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


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

"""The store's tables (SQLAlchemy Core) and its migrations, applied in order and recorded."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", String(32), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("seq", Integer, nullable=False),  # order of arrival
    Column("source", Text, nullable=False),
    Column("outlet", Text),
    Column("title", Text),
    Column("url", Text),
    Column("published", String(10)),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("meta", JSON, nullable=False, default=dict),
    Column("duplicate_of", String(32)),
    Column("ingested_at", String(32), nullable=False),
    Column("analysis_version", String(16)),  # null: not analysed yet
    Column("flags", JSON),  # list of the choices made for the user while reading it (v4)
    Column("pages", JSON),  # character offset where each page starts, for a paged source such as PDF (v4)
)

items = Table(
    "items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(32), nullable=False),  # sentence, entity, figure, ...
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("data", JSON, nullable=False),
    Index("ix_items_doc_kind", "doc_id", "kind"),
)

# one value per name, raised in the same transaction that uses it: the arrival number of the next document
counters = Table(
    "counters",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("value", Integer, nullable=False),
)
# racing writers once gave two documents one arrival number; the database now refuses it
arrival_order = Index("ux_documents_seq", documents.c.seq, unique=True)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", String(32), nullable=False),
)


vectors = Table(
    "vectors",
    metadata,
    Column("item_id", Integer, ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Column("data", LargeBinary, nullable=False),  # float16 sentence embedding of the item's text
)


alignments = Table(
    "alignments",
    metadata,
    Column("name", String(64), primary_key=True),  # cross-document results: disputes, actors, ...
    Column("data", JSON, nullable=False),
    Column("built_at", String(32), nullable=False),
)


def _v1(conn: Connection) -> None:
    metadata.create_all(conn, tables=[documents, items, failures])


def _v2(conn: Connection) -> None:
    metadata.create_all(conn, tables=[vectors])


def _v3(conn: Connection) -> None:
    metadata.create_all(conn, tables=[alignments])


def _v4(conn: Connection) -> None:
    # documents.flags and documents.pages; a store created at v1 by this code already has them
    have = {c["name"] for c in inspect(conn).get_columns("documents")}
    for name in ("flags", "pages"):
        if name not in have:
            column = documents.c[name]
            conn.execute(text(f"ALTER TABLE documents ADD COLUMN {name} {column.type.compile(conn.dialect)}"))


def _v5(conn: Connection) -> None:
    """Arrival numbers from the database: distinct, and drawn from the ``arrival`` counter."""
    twice = select(documents.c.seq).group_by(documents.c.seq).having(func.count() > 1).limit(1)
    if conn.execute(twice).first() is not None:  # given twice by writers racing before v5: renumber in order
        rows = conn.execute(select(documents.c.id).order_by(documents.c.seq, documents.c.ingested_at,
                                                            documents.c.id)).all()
        for n, row in enumerate(rows, 1):
            conn.execute(update(documents).where(documents.c.id == row.id).values(seq=n))
    arrival_order.create(conn, checkfirst=True)  # a store made at v1 by this schema has it already
    metadata.create_all(conn, tables=[counters])
    last = select(func.coalesce(func.max(documents.c.seq), 0)).scalar_subquery()
    conn.execute(insert(counters).values(name="arrival", value=last))


#: migration n brings the schema from version n-1 to n; append, never edit.
MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v2, _v3, _v4, _v5]
LATEST = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    return conn.execute(select(func.max(schema_version.c.version))).scalar() or 0

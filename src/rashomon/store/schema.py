"""The store's tables (SQLAlchemy Core) and its migrations, applied in order and recorded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Float,
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
    Column("origin_id", Text),  # added by migration 6: the report (or outlet:<name>) this one's story comes from
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


# -- version 6: findings in typed tables (search and filters are SQL), origins of reports --------------


def _located() -> list[Column[Any]]:
    """The columns every finding has: its row id, its report, and where its words are."""
    return [Column("id", Integer, primary_key=True, autoincrement=True),
            Column("doc_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
            Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
            Column("text", Text, nullable=False)]


figures = Table(
    "figures",
    metadata,
    *_located(),
    Column("value", Float, nullable=False),
    Column("low", Float),
    Column("high", Float),
    Column("qualifier", String(16), nullable=False),
    Column("event", String(16), nullable=False),
    Column("category", String(24), nullable=False),
    Column("victim_group", Text),
    Column("attributed_to", JSON, nullable=False),  # the sources the report credits, as it names them
    Column("hedged", Boolean, nullable=False),
    Column("perpetrator", Text),
    Column("place", Text),
    Column("addition", Boolean, nullable=False),
    Column("part_of", Integer),  # id of the figure of the same report this one is a part of
    Column("time_text", Text),
    Column("time_start", String(10)),
    Column("time_end", String(10)),
    Column("sentence_start", Integer),
    Column("sentence_end", Integer),
    Column("channel", Text),  # v7: the medium or relay the source spoke through
    Column("voice", String(16)),  # v7: source | outlet | unattributed
    Column("zone", String(16)),  # v7: body | standfirst | caption | headline
    Column("earlier", Boolean),  # v7: an earlier value of a toll ("rose to 57 from 41": 41)
    Column("unit", String(24)),  # v8: a non-person unit counted ("families"), else NULL
    Column("extent", String(16)),  # v8: total | incident | part | background
    Index("ix_figures_doc", "doc_id"),
    Index("ix_figures_event_category", "event", "category"),
)

claims = Table(
    "claims",
    metadata,
    *_located(),
    Column("polarity", String(16), nullable=False),
    Column("hedged", Boolean, nullable=False),
    Column("status", String(16)),
    Column("attributed_to", JSON, nullable=False),
    Column("detail", JSON, nullable=False),  # cues, characterisations, harms, terms, times (model.Claim)
    Column("vector", LargeBinary),  # float16 sentence embedding of the claim's text
    Index("ix_claims_doc", "doc_id"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("mention_id", String(16), nullable=False),  # the id links inside the report use (m3)
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("name", Text),
    Column("detail", JSON, nullable=False),  # the cues and links of model.Mention
    Index("ix_mentions_doc", "doc_id"),
)

place_mentions = Table(
    "place_mentions",
    metadata,
    *_located(),
    Column("kind", String(16), nullable=False),
    Column("detail", JSON, nullable=False),
    Index("ix_place_mentions_doc", "doc_id"),
)

disputes = Table(
    "disputes",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("rank", Integer, nullable=False),
    Column("kind", String(24), nullable=False),
    Column("question", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("data", JSON, nullable=False),  # the whole model.Dispute, through the codec
)

dispute_evidence = Table(
    "dispute_evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dispute_id", String(16), ForeignKey("disputes.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("doc_id", String(32), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_dispute_evidence_doc", "doc_id"),
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


def _v6(conn: Connection) -> None:
    """Typed tables for findings and disputes; reports carry their origin. The old ``items`` and
    ``vectors`` rows are dropped and every report is analysed again on the next run."""
    metadata.create_all(conn, tables=[figures, claims, mentions, place_mentions, disputes, dispute_evidence])
    if "origin_id" not in {c["name"] for c in inspect(conn).get_columns("documents")}:
        conn.execute(text("ALTER TABLE documents ADD COLUMN origin_id TEXT"))  # a store made before v6
    conn.execute(vectors.delete())
    conn.execute(items.delete())
    conn.execute(alignments.delete())
    conn.execute(update(documents).values(analysis_version=None))


def _v7(conn: Connection) -> None:
    """Figures keep their channel, voice, zone and whether they are an earlier toll (issue 17); reports
    are analysed again on the next run to fill them."""
    _add_figure_columns(conn, ("channel", "voice", "zone", "earlier"))


def _v8(conn: Connection) -> None:
    """Figures keep their unit and extent (issue 12); reports are analysed again on the next run."""
    _add_figure_columns(conn, ("unit", "extent"))


def _add_figure_columns(conn: Connection, names: tuple[str, ...]) -> None:
    """Add the figures' columns a store lacks (one created by this code has them already) and have every
    report analysed again to fill them."""
    have = {c["name"] for c in inspect(conn).get_columns("figures")}
    for name in names:
        if name not in have:
            column = figures.c[name]
            conn.execute(text(f"ALTER TABLE figures ADD COLUMN {name} {column.type.compile(conn.dialect)}"))
    conn.execute(update(documents).values(analysis_version=None))


#: migration n brings the schema from version n-1 to n; append, never edit.
MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8]
LATEST = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    return conn.execute(select(func.max(schema_version.c.version))).scalar() or 0

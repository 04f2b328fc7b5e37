"""Findings to table rows and back: typed columns for what search and filters ask, the rest through
the codec (``rashomon.model.codec``) in a JSON ``detail`` column."""

from __future__ import annotations

from typing import Any

from ..model import Claim, Figure, Mention, PlaceMention, Span, TimeWindow, from_json, to_json
from ..models import FigureDraft

#: one row's values by column name, as SQLAlchemy inserts them
Columns = dict[str, Any]
#: the columns of a claim row that are not kept in its detail
_CLAIM_COLUMNS = ("doc_id", "span", "text", "id", "polarity", "hedged", "status", "attributed_to")
_MENTION_COLUMNS = ("doc_id", "span", "text", "id", "kind", "name")
_PLACE_COLUMNS = ("doc_id", "span", "text", "kind")


def figure_row(doc_id: str, fig: FigureDraft) -> Columns:
    """The columns of one figure as the analysis drafted it (``part_of`` is set once ids exist)."""
    time = fig.time or {}
    return {
        "doc_id": doc_id, "start": fig.span[0], "end": fig.span[1], "text": fig.text, "value": float(fig.value),
        "low": fig.low, "high": fig.high, "qualifier": fig.qualifier, "event": fig.event, "category": fig.category,
        "victim_group": fig.group, "attributed_to": list(fig.attributed_to), "hedged": bool(fig.hedged),
        "perpetrator": fig.perpetrator, "place": fig.place, "addition": bool(fig.addition), "part_of": None,
        "time_text": time.get("text"), "time_start": time.get("start"), "time_end": time.get("end"),
        "sentence_start": fig.sentence[0] if fig.sentence else None,
        "sentence_end": fig.sentence[1] if fig.sentence else None,
        "channel": fig.channel, "voice": fig.voice, "zone": fig.zone, "earlier": bool(fig.earlier),
        "unit": fig.unit, "extent": fig.extent,
    }


def figure_of(row: Any) -> Figure:
    time = TimeWindow(row.time_text, row.time_start, row.time_end) if row.time_start or row.time_text else None
    return Figure(
        id=f"f{row.id}", span=Span(row.doc_id, row.start, row.end), text=row.text, value=row.value,
        low=row.low, high=row.high, qualifier=row.qualifier, event=row.event, category=row.category,
        group=row.victim_group, attributed_to=tuple(row.attributed_to or ()), hedged=bool(row.hedged),
        perpetrator=row.perpetrator, place=row.place, addition=bool(row.addition),
        part_of=f"f{row.part_of}" if row.part_of is not None else None, time=time,
        sentence=(row.sentence_start, row.sentence_end) if row.sentence_start is not None else None,
        channel=row.channel, voice=row.voice or "unattributed", zone=row.zone or "body", earlier=bool(row.earlier),
        unit=row.unit, extent=row.extent or "total",
    )


def claim_row(doc_id: str, claim: Claim, vector: bytes | None) -> Columns:
    data = to_json(claim)
    return {"doc_id": doc_id, "start": claim.span.start, "end": claim.span.end, "text": claim.text,
            "polarity": claim.polarity, "hedged": claim.hedged, "status": claim.status,
            "attributed_to": list(claim.attributed_to), "vector": vector,
            "detail": {k: v for k, v in data.items() if k not in _CLAIM_COLUMNS}}


def claim_of(row: Any) -> Claim:
    return from_json(Claim, {**row.detail, "id": f"c{row.id}", "doc_id": row.doc_id, "span": [row.start, row.end],
                             "text": row.text, "polarity": row.polarity, "hedged": bool(row.hedged),
                             "status": row.status, "attributed_to": row.attributed_to or []})


def mention_row(doc_id: str, mention: Mention) -> Columns:
    data = to_json(mention)
    return {"doc_id": doc_id, "mention_id": mention.id, "start": mention.span.start, "end": mention.span.end,
            "text": mention.text, "kind": mention.kind, "name": mention.name,
            "detail": {k: v for k, v in data.items() if k not in _MENTION_COLUMNS}}


def mention_of(row: Any) -> Mention:
    return from_json(Mention, {**row.detail, "id": row.mention_id, "doc_id": row.doc_id,
                               "span": [row.start, row.end], "text": row.text, "kind": row.kind, "name": row.name})


def place_row(doc_id: str, place: PlaceMention) -> Columns:
    data = to_json(place)
    return {"doc_id": doc_id, "start": place.span.start, "end": place.span.end, "text": place.text,
            "kind": place.kind, "detail": {k: v for k, v in data.items() if k not in _PLACE_COLUMNS}}


def place_of(row: Any) -> PlaceMention:
    return from_json(PlaceMention, {**row.detail, "doc_id": row.doc_id, "span": [row.start, row.end],
                                    "text": row.text, "kind": row.kind})

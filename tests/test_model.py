"""The typed model and its one codec: what goes to JSON comes back equal, and bad JSON is named."""

from __future__ import annotations

import dataclasses
import inspect
import json

import pytest

from rashomon.model import (
    CASUALTY_EVENTS,
    Attribution,
    Claim,
    CodecError,
    Dispute,
    Document,
    Dossier,
    Evidence,
    Figure,
    Harm,
    Position,
    Span,
    TimeWindow,
    Voice,
    aligned,
    base,
    findings,
    from_json,
    to_json,
)


def _figure() -> Figure:
    return Figure(span=Span("d1", 10, 30), text="at least 30 civilians", value=30.0, id="f1", qualifier="at_least",
                  event="killed", category="civilians", attributed_to=("the Vessan Monitor",),
                  time=TimeWindow("on Monday", "2031-05-05", "2031-05-05"), part_of="f0", sentence=(0, 40),
                  attributions=(Attribution("the Vessan Monitor", "s1", "Dana Orlik"),))


def test_a_figure_goes_to_the_contract_shape_and_back() -> None:
    fig = _figure()
    data = json.loads(json.dumps(to_json(fig)))
    assert data["doc_id"] == "d1" and data["span"] == [10, 30]  # the contract's flat doc_id + span
    assert data["value"] == 30 and isinstance(data["value"], int)  # a whole number is written as one
    assert data["attributed_to"] == ["the Vessan Monitor"]
    assert from_json(Figure, data) == fig


def test_nested_models_round_trip() -> None:
    claim = Claim(span=Span("d2", 0, 50), text="The army denied killing anyone.", id="c3", polarity="denied",
                  denial_cue="denied", harms=(Harm("kill", (20, 27), agent="The army", agent_span=(0, 8)),),
                  terms=("army", "kill"))
    dispute = Dispute(id="d1", kind="polarity", question="Did the army kill anyone?", summary="...", positions=(
        Position("denies", (Evidence(Span("d2", 0, 50), claim.text, claim_id="c3"),), ("Harbour Ledger",),
                 (Voice("Harbour Ledger", "the army", "s2"),)),), strength=0.7, sources=("s2",))
    for item in (claim, dispute):
        assert from_json(type(item), json.loads(json.dumps(to_json(item)))) == item


def test_a_document_writes_its_display_name_and_origin() -> None:
    doc = Document(source="reports/a.txt", text="Two people were killed.")
    data = to_json(doc)
    assert data["display_name"] == "a.txt" and data["origin_id"] == doc.id and data["words"] == 4
    assert "meta" not in data
    back = from_json(Document, data)
    assert (back.id, back.text, back.display_name) == (doc.id, doc.text, "a.txt")


def test_a_word_outside_its_vocabulary_is_refused_with_its_field() -> None:
    data = to_json(_figure())
    with pytest.raises(CodecError, match=r"Figure\.event: 'slain' is not one of"):
        from_json(Figure, {**data, "event": "slain"})
    with pytest.raises(CodecError, match=r"Figure\.text: missing"):
        from_json(Figure, {k: v for k, v in data.items() if k != "text"})
    with pytest.raises(CodecError, match=r"Figure\.value: expected a number"):
        from_json(Figure, {**data, "value": "thirty"})


def test_missing_optional_fields_take_their_defaults() -> None:
    fig = from_json(Figure, {"doc_id": "d1", "span": [0, 4], "text": "five", "value": 5})
    assert (fig.event, fig.category, fig.qualifier, fig.attributed_to, fig.part_of) == \
        ("other", "people", "exact", (), None)


def test_the_dossier_round_trips_and_keeps_the_contract_keys() -> None:
    doc = Document(source="a.txt", text="At least 30 civilians were killed on Monday, the monitor said.")
    dossier = Dossier(documents=(doc,), figures=(_figure(),))
    data = json.loads(json.dumps(to_json(dossier)))
    assert data["schema"] == "rashomon.dossier/2"
    assert {"schema", "documents", "figures", "disputes", "actors", "sources"} <= set(data)
    back = from_json(Dossier, data)
    assert back.figures == dossier.figures and back.documents[0].id == doc.id


def test_casualty_events_are_defined_once_and_in_the_event_vocabulary() -> None:
    from typing import get_args

    from rashomon.model import Event

    assert set(CASUALTY_EVENTS) < set(get_args(Event))


def test_the_records_held_by_the_thousand_are_slotted() -> None:
    """Findings and cross-document results are held tens of thousands at a time (a corpus, a dossier): each
    is a slotted dataclass, with no per-instance dict (on 5,000 reports the dicts took most of their memory)."""
    records = [cls for module in (base, findings, aligned) for _, cls in inspect.getmembers(module, inspect.isclass)
               if dataclasses.is_dataclass(cls) and cls.__module__ == module.__name__]
    assert len(records) >= 30
    assert [cls.__name__ for cls in records if "__slots__" not in cls.__dict__] == []
    assert not hasattr(base.Span("d1", 0, 4), "__dict__")

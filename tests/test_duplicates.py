"""Near-duplicate linking: a syndicated copy points to the report it copies, and arrival order decides."""

from __future__ import annotations

from pathlib import Path

from rashomon.align.duplicates import link_near_duplicates, minhash
from rashomon.ingest.text import document_from_text
from rashomon.models import Document

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports"
DATA = Path(__file__).parent / "data"


def example(prefix: str) -> Document:
    [path] = EXAMPLES.glob(f"{prefix}_*.txt")
    return document_from_text(path.read_text(encoding="utf-8"), str(path))


def test_lightly_edited_copy_is_linked_to_the_original() -> None:
    wire, herald, copy = example("01"), example("02"), example("05")
    links = link_near_duplicates([wire, herald, copy])
    assert links == {wire.id: None, herald.id: None, copy.id: wire.id}


def test_the_copy_is_near_but_not_identical() -> None:
    wire, copy = example("01"), example("05")
    assert wire.id != copy.id
    similarity = minhash(wire.text).jaccard(minhash(copy.text))
    assert 0.5 <= similarity < 0.9  # the README measures about 0.63


def test_different_reports_are_not_linked() -> None:
    docs = [example(p) for p in ("01", "02", "03", "04", "06", "07")]
    assert link_near_duplicates(docs) == {d.id: None for d in docs}


def test_order_decides_which_is_the_original() -> None:
    wire, copy = example("01"), example("05")
    assert link_near_duplicates([copy, wire]) == {copy.id: None, wire.id: copy.id}


def test_a_copy_of_a_copy_points_to_the_first_original() -> None:
    wire, copy = example("01"), example("05")
    recopy = Document(source="recopy.txt", text=copy.text.replace("The army then sent", "Then the army sent"))
    links = link_near_duplicates([wire, copy, recopy])
    assert links[copy.id] == wire.id
    assert links[recopy.id] == wire.id


def test_threshold_is_respected() -> None:
    wire, copy = example("01"), example("05")
    assert link_near_duplicates([wire, copy], threshold=0.95)[copy.id] is None


def test_the_same_document_twice_is_counted_once() -> None:
    wire = example("01")
    assert link_near_duplicates([wire, example("01")]) == {wire.id: None}


def test_short_reports_on_the_same_event_are_not_copies() -> None:
    texts = [(DATA / "reports" / name).read_text(encoding="utf-8")
             for name in ("header.txt", "unknown.txt", "inline_date.txt")]
    docs = [document_from_text(t, f"r{n}.txt") for n, t in enumerate(texts)]
    assert set(link_near_duplicates(docs).values()) == {None}

"""Ingestion: files, folders, globs and stdin become Documents, and every bad input a named InputFailure."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest

from rashomon.config import Settings
from rashomon.ingest import read_inputs
from rashomon.ingest.text import document_from_text, split_header
from rashomon.models import Document, InputFailure, text_id

DATA = Path(__file__).parent / "data"
REPORTS = DATA / "reports"
RECORDS = DATA / "records"
BAD = DATA / "bad"


def read(*inputs: str | Path, settings: Settings | None = None) -> list[Document | InputFailure]:
    return list(read_inputs([str(i) for i in inputs], settings or Settings()))


def one_document(path: Path) -> Document:
    [doc] = read(path)
    assert isinstance(doc, Document), doc
    return doc


def one_failure(*inputs: str | Path, settings: Settings | None = None) -> InputFailure:
    [failure] = read(*inputs, settings=settings)
    assert isinstance(failure, InputFailure), failure
    return failure


# -- plain text ------------------------------------------------------------------------------------


def test_header_is_parsed_and_left_out_of_the_text() -> None:
    doc = one_document(REPORTS / "header.txt")
    assert doc.title == "Grain warehouse fire on Lisket docks leaves two dead"
    assert doc.outlet == "Lisket Evening Post"
    assert doc.url == "https://www.lisket-post.test/news/2024/04/02/warehouse-fire"
    assert doc.published == "2024-04-02"
    assert doc.language == "en"
    assert doc.source == str(REPORTS / "header.txt")
    # the text starts at the body, and is the file's own characters from there on
    assert doc.text.startswith("LISKET - Two night watchmen died")
    assert "outlet:" not in doc.text and "Lisket Evening Post" not in doc.text
    raw = (REPORTS / "header.txt").read_text(encoding="utf-8")
    assert raw.endswith(doc.text)


def test_spans_index_into_the_text_not_the_file() -> None:
    doc = one_document(REPORTS / "header.txt")
    start = doc.text.index("five firefighters")
    assert start < 100  # an offset into the body, not into the file with its header
    assert doc.text[start : start + len("five firefighters")] == "five firefighters"


def test_unknown_means_absent_and_outlet_falls_back_to_the_url_domain() -> None:
    doc = one_document(REPORTS / "unknown.txt")
    assert doc.published is None
    assert doc.outlet == "dockside-voice.test"  # "outlet: unknown", so the domain of the url, without www.
    assert doc.url == "https://www.dockside-voice.test/2024/warehouse-blaze-questions"
    # no title in the header: the first line of the body
    assert doc.title == "Questions mount over the Lisket warehouse blaze"
    assert doc.language == "en"
    assert doc.text.startswith("Questions mount")


def test_unknown_outlet_without_a_url_is_none() -> None:
    doc = document_from_text("outlet: unknown\ndate: n/a\n\nThe quay stayed closed all week after the fire.", "x.txt")
    assert doc.outlet is None
    assert doc.published is None
    assert doc.text == "The quay stayed closed all week after the fire."


def test_inline_date_at_the_start_sets_published() -> None:
    doc = one_document(REPORTS / "inline_date.txt")
    assert doc.published == "2024-04-02"
    assert doc.outlet is None
    assert doc.language == "en"
    # no header: the whole file is the text, unchanged
    assert doc.text == (REPORTS / "inline_date.txt").read_text(encoding="utf-8")


def test_a_date_later_in_the_text_is_not_taken_as_published() -> None:
    doc = document_from_text("The union met on Tuesday.\ndate 2024-04-02 was when the fire began.", "x.txt")
    assert doc.published is None


def test_markdown_report_with_a_written_date() -> None:
    doc = one_document(REPORTS / "more" / "statement.md")
    assert doc.title == "Statement from Corvel & Sons on the Lisket fire"
    assert doc.outlet == "Corvel & Sons"
    assert doc.published == "2024-04-03"  # "3 April 2024"
    assert doc.text.startswith("# Statement on the fire")
    assert "**fully working**" in doc.text  # markdown is kept as written


def test_header_needs_a_known_key() -> None:
    text = "Note: this is not a header\n\nIt is the first paragraph of a report about the fire."
    assert split_header(text) == ({}, text)


def test_crlf_header_and_body(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"title: Quay closed\r\noutlet: Lisket Evening Post\r\n\r\n"
                     b"The quay stayed closed.\r\nCrews left.\r\n")
    doc = one_document(path)
    assert (doc.title, doc.outlet) == ("Quay closed", "Lisket Evening Post")
    assert doc.text == "The quay stayed closed.\r\nCrews left.\r\n"


def test_utf8_bom_does_not_hide_the_header(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("title: Quay closed\n\nThe quay stayed closed after the fire.".encode("utf-8-sig"))
    doc = one_document(path)
    assert doc.title == "Quay closed"
    assert doc.text == "The quay stayed closed after the fire."


def test_cp1252_text_is_decoded_by_detection() -> None:
    doc = one_document(DATA / "encodings" / "cp1252.txt")
    assert doc.title == "Incendie aux docks de Lisket"
    assert doc.outlet == "Le Courrier du Port"
    assert "l\u2019incendie d\u2019un entrep\u00f4t de grains \u00e0 Lisket" in doc.text
    assert "\u00ab Nous coop\u00e9rons" in doc.text
    assert doc.language == "fr"


def test_the_same_text_is_the_same_document(tmp_path: Path) -> None:
    body = (REPORTS / "header.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    (tmp_path / "copy.txt").write_text("outlet: Another Paper\n\n" + body, encoding="utf-8")
    original = one_document(REPORTS / "header.txt")
    copy = one_document(tmp_path / "copy.txt")
    assert copy.outlet == "Another Paper"
    assert copy.id == original.id == text_id(body)
    assert one_document(REPORTS / "unknown.txt").id != original.id


# -- HTML --------------------------------------------------------------------------------------------


def test_html_article_without_boilerplate() -> None:
    doc = one_document(REPORTS / "article.html")
    assert doc.title == "Lisket fire: inspectors find sprinkler valve closed"
    assert doc.outlet == "Harbourside Herald"
    assert doc.published == "2024-04-05"
    assert doc.url == "https://harbourside-herald.test/port/2024/04/05/sprinkler-valve-closed"
    assert doc.language == "en"
    assert "found the main sprinkler valve in the closed position" in doc.text
    assert "hold a vigil at the harbour gates on Sunday evening" in doc.text
    assert "Corvel & Sons" in doc.text  # entities are unescaped
    for boilerplate in ("Front page", "Subscribe", "Copyright", "Privacy policy", "Cookie", "New cranes"):
        assert boilerplate not in doc.text


# -- records -----------------------------------------------------------------------------------------


def test_jsonl_keeps_good_lines_and_names_bad_ones_by_line() -> None:
    items = read(RECORDS / "wire.jsonl")
    docs = [i for i in items if isinstance(i, Document)]
    failures = {f.source: f.reason for f in items if isinstance(f, InputFailure)}
    [doc] = docs
    assert doc.source == f"{RECORDS / 'wire.jsonl'}:1"
    assert doc.title == "Police question night manager after Lisket fire"
    assert doc.outlet == "Portline Wire"
    assert doc.published == "2024-04-04"
    assert doc.meta == {"desk": "ports"}
    assert doc.text.startswith("Harbour police said on Thursday")
    assert set(failures) == {f"{RECORDS / 'wire.jsonl'} line 2", f"{RECORDS / 'wire.jsonl'} line 3"}
    assert "invalid JSON" in failures[f"{RECORDS / 'wire.jsonl'} line 2"]
    assert "'text'" in failures[f"{RECORDS / 'wire.jsonl'} line 3"]


def test_json_list_of_records() -> None:
    first, second = read(RECORDS / "batch.json")
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.source, second.source) == (f"{RECORDS / 'batch.json'}#1", f"{RECORDS / 'batch.json'}#2")
    assert first.outlet == "quayside-daily.test"  # from the url
    assert first.published == "2024-04-06"  # from "date"
    assert second.outlet == "Grain Trade Weekly"
    assert second.published == "2024-04-08"  # "8 April 2024"
    assert second.url is None
    assert second.text.startswith("Insurers for Corvel & Sons")


def test_json_object_that_is_not_a_record(tmp_path: Path) -> None:
    path = tmp_path / "numbers.json"
    path.write_text("[1, 2]", encoding="utf-8")
    failures = read(path)
    assert [f.source for f in failures] == [f"{path} record 1", f"{path} record 2"]
    assert all(isinstance(f, InputFailure) and "JSON object" in f.reason for f in failures)


def test_empty_json_list_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "none.json"
    path.write_text("[]\n", encoding="utf-8")
    failure = one_failure(path)
    assert failure.source == str(path)
    assert "empty" in failure.reason and "no records" in failure.reason


# -- folders, globs, stdin, missing paths ----------------------------------------------------------------


def test_folder_is_read_recursively_skipping_hidden_files_and_folders(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    shutil.copytree(REPORTS, folder)
    (folder / ".draft.txt").write_text("title: Draft\n\nNot to be read, it is hidden.", encoding="utf-8")
    (folder / ".cache").mkdir()
    (folder / ".cache" / "old.txt").write_text("Not to be read either, its folder is hidden.", encoding="utf-8")
    items = read(folder)
    assert all(isinstance(i, Document) for i in items), items
    names = [Path(i.source).relative_to(folder).as_posix() for i in items]
    assert names == ["article.html", "header.txt", "inline_date.txt", "more/statement.md", "unknown.txt"]


def test_folder_inside_a_hidden_parent_is_still_read(tmp_path: Path) -> None:
    # only what is hidden below the folder given is skipped, not the folder itself
    folder = tmp_path / ".cases" / "lisket"
    folder.mkdir(parents=True)
    shutil.copy(REPORTS / "header.txt", folder)
    assert [d.title for d in read(folder)] == ["Grain warehouse fire on Lisket docks leaves two dead"]


def test_empty_folder_is_a_failure(tmp_path: Path) -> None:
    failure = one_failure(tmp_path)
    assert failure.source == str(tmp_path)
    assert "no files" in failure.reason


def test_glob_pattern() -> None:
    items = read(REPORTS / "*.txt")
    assert [Path(i.source).name for i in items] == ["header.txt", "inline_date.txt", "unknown.txt"]
    assert all(isinstance(i, Document) for i in items)


def test_recursive_glob_pattern() -> None:
    items = read(f"{REPORTS}/**/*.md")
    assert [Path(i.source).name for i in items] == ["statement.md"]


def test_glob_without_matches_is_a_failure() -> None:
    failure = one_failure(REPORTS / "*.rtf")
    assert failure.source == str(REPORTS / "*.rtf")
    assert "no file matches" in failure.reason


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = (REPORTS / "header.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": io.BytesIO(raw)})())
    [doc] = read("-")
    assert isinstance(doc, Document)
    assert doc.source == "<stdin>"
    assert doc.outlet == "Lisket Evening Post"
    assert doc.id == one_document(REPORTS / "header.txt").id


def test_empty_stdin_is_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": io.BytesIO(b"")})())
    failure = one_failure("-")
    assert failure.source == "<stdin>"
    assert "empty" in failure.reason


def test_missing_path_is_a_failure(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-report.txt"
    failure = one_failure(missing)
    assert failure.source == str(missing)
    assert "no such file" in failure.reason


def test_one_bad_input_does_not_stop_the_others(tmp_path: Path) -> None:
    items = read(tmp_path / "missing.txt", REPORTS / "header.txt", BAD / "empty.txt", REPORTS / "unknown.txt")
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["InputFailure", "Document", "InputFailure", "Document"]


# -- bad inputs --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("empty.txt", ["empty"]),
        ("header_only.txt", ["empty", "header"]),
        ("scan.pdf", ["no text layer", "OCR"]),
        ("broken.json", ["invalid JSON", "line 2"]),
        ("no_article.html", ["no article text"]),
    ],
)
def test_bad_sample_files(name: str, words: list[str]) -> None:
    failure = one_failure(BAD / name)
    assert failure.source == str(BAD / name)
    for word in words:
        assert word in failure.reason
    assert str(failure) == f"{BAD / name}: {failure.reason}"


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    failure = one_failure(path)
    assert failure.source == str(path)
    assert "binary" in failure.reason


def test_binary_file_with_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 15, 16]) * 100)
    failure = one_failure(path)
    assert "binary" in failure.reason


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.md"
    path.write_text(" \n\n\t\n", encoding="utf-8")
    assert "empty" in one_failure(path).reason


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("The fire burned all night. " * 40, encoding="utf-8")
    failure = one_failure(path, settings=Settings(max_bytes=500))
    assert failure.source == str(path)
    assert "limit" in failure.reason and "--max-bytes" in failure.reason
    # under the limit, the same file is read
    assert isinstance(one_document(path), Document)


def test_text_over_the_character_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("The fire burned all night. " * 40, encoding="utf-8")
    failure = one_failure(path, settings=Settings(max_chars=100))
    assert "limit" in failure.reason and "--max-chars" in failure.reason


@pytest.mark.parametrize("name", ["report.doc", "report.rtf", "README"])
def test_unsupported_extension(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("Two watchmen died in the Lisket fire.", encoding="utf-8")
    failure = one_failure(path)
    assert failure.source == str(path)
    assert "unsupported" in failure.reason
    assert ".txt" in failure.reason  # it says what would be read

"""Hostile inputs (issue 10, the input side): each test writes the hostile file of the issue's
reproduction and checks that it gets a one-line reason (or is read right, flagged) while the other
inputs go on. Servers listen on 127.0.0.1 only, with bounded loops."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from rashomon.cli import app
from rashomon.config import Settings
from rashomon.ingest import read_inputs
from rashomon.ingest.names import display_name, one_line, without_surrogates
from rashomon.ingest.web import iter_url
from rashomon.models import Document, InputFailure
from rashomon.store import Store

GOOD = "title: Quay closed\noutlet: Lisket Evening Post\ndate: 2024-04-02\n\nTwo watchmen died in the Lisket fire.\n"


def read(*inputs: str | Path, settings: Settings | None = None, within: float = 20.0) -> list:
    """Read inputs in a thread and fail the test (instead of hanging) if it takes longer than ``within``."""
    result: list = []
    worker = threading.Thread(target=lambda: result.extend(read_inputs([str(i) for i in inputs],
                                                                       settings or Settings())), daemon=True)
    worker.start()
    worker.join(within)
    assert not worker.is_alive(), f"reading {inputs} did not finish in {within} s"
    return result


# ---------------------------------------------------------------- 2: surrogates and file names


def test_lone_surrogates_in_a_record_are_replaced_and_flagged(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text('{"text": "Six killed.", "outlet": "S \\udfff", "title": "T \\ud800 x", '
                    '"url": "https://x.test/\\udc00"}\n', encoding="utf-8")
    [doc] = read(path)
    assert isinstance(doc, Document), doc
    assert (doc.outlet, doc.title, doc.url) == ("S \ufffd", "T \ufffd x", "https://x.test/\ufffd")
    assert sorted(doc.flags) == [f"1 invalid character (lone surrogates) replaced by U+FFFD in the {field}"
                                 for field in ("outlet", "title", "url")]
    with Store.open(str(tmp_path / "case.db")) as store:  # the insert that used to raise
        assert store.add_document(doc)
        [back] = store.documents()
    assert back.outlet == "S \ufffd" and back.flags == doc.flags


def test_a_run_with_a_surrogate_record_and_a_non_utf8_file_name_ends_with_a_dossier(tmp_path: Path,
                                                                                    runner) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "wire.jsonl").write_text('{"text": "Six killed in Osk.", "outlet": "S \\udfff"}\n', encoding="utf-8")
    with open(os.fsencode(folder) + b"/caf\xe9-report.txt", "wb") as fh:  # a name that is not UTF-8
        fh.write(GOOD.encode())
    (folder / "good.txt").write_text(GOOD.replace("Two", "Three"), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(folder), "--out", str(out)], prog_name="rashomon")
    assert result.exit_code == 0, result.output
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    sources = sorted(Path(d["source"]).name for d in dossier["documents"])
    assert sources == ["caf\\xe9-report.txt", "good.txt", "wire.jsonl:1"]
    named = next(d for d in dossier["documents"] if d["source"].endswith("caf\\xe9-report.txt"))
    assert named["flags"] == ["file name is not valid UTF-8: its undecodable bytes are shown as \\xNN"]
    assert (out / "dossier.html").is_file()


def test_display_name_and_surrogates() -> None:
    assert display_name("caf\udce9.txt") == "caf\\xe9.txt"
    assert display_name("plain.txt") == "plain.txt"
    assert without_surrogates("a\udfffb\ud800") == ("a\ufffdb\ufffd", 2)


# ---------------------------------------------------------------- 5: one total deadline per fetch


class _Drip:
    """A server on 127.0.0.1 that sends its response headers one byte at a time (bounded)."""

    def __init__(self, gap: float, limit: int = 400):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.sock.settimeout(0.2)
        self.gap, self.limit, self.stop = gap, limit, threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/slow.html"

    def _serve(self) -> None:
        head = b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-Pad-%d: %s\r\n" % (i, b"x" * 20) for i in range(20))
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                for byte in head[: self.limit]:
                    if self.stop.is_set():
                        break
                    try:
                        conn.sendall(bytes([byte]))
                    except OSError:
                        break
                    time.sleep(self.gap)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture
def drip() -> Iterator[_Drip]:
    server = _Drip(gap=0.05)
    try:
        yield server
    finally:
        server.close()


def test_a_server_dripping_its_headers_is_cut_off_at_the_total_deadline(drip: _Drip) -> None:
    # each byte comes well within the 1 s read timeout, so only a total deadline (3 x 1 s) stops it
    started = time.monotonic()
    [failure] = list(iter_url(drip.url, Settings(allow_private=True, fetch_timeout=1.0)))
    took = time.monotonic() - started
    assert isinstance(failure, InputFailure), failure
    assert failure.reason == "took too long (over 3 seconds in all)"
    assert 2.5 < took < 6


# ---------------------------------------------------------------- 6: JSON Lines split on \n only


def test_json_lines_holding_line_separators_inside_strings(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    first = {"text": "Aid reached Osk\u2028on Monday.", "outlet": "A"}
    second = {"text": "Roads\u0085reopened in Brel.", "outlet": "B", "title": "Roads\u2029reopen"}
    path.write_text(json.dumps(first, ensure_ascii=False) + "\n" + json.dumps(second, ensure_ascii=False) + "\r\n",
                    encoding="utf-8")
    docs = read(path)
    assert [type(d).__name__ for d in docs] == ["Document", "Document"], docs
    assert [d.text for d in docs] == [first["text"], second["text"]]
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:2"]


# ---------------------------------------------------------------- 7: encodings


CAFE = "Café owner Zoë Müller said the street was calm on Monday."


@pytest.mark.parametrize(
    ("raw", "flag"),
    [
        (CAFE.encode("latin-1"), "encoding guessed: cp1252 (the usual code page for 'en'"),
        (CAFE.encode("utf-16"), None),
        (CAFE.encode("utf-16-le"), "encoding guessed: UTF-16-LE (no byte-order mark; by its NUL bytes)"),
        (CAFE.encode("utf-16-be"), "encoding guessed: UTF-16-BE (no byte-order mark; by its NUL bytes)"),
        (CAFE.encode("utf-32"), None),
        (CAFE.encode("utf-8-sig"), None),
    ],
)
def test_encodings_never_change_the_words(tmp_path: Path, raw: bytes, flag: str | None) -> None:
    path = tmp_path / "cafe.txt"
    path.write_bytes(raw)
    [doc] = read(path)
    assert isinstance(doc, Document), doc
    assert doc.text == CAFE  # "Cafķ … Zoļ M³ller" is words the report did not contain
    if flag is None:
        assert doc.flags == []
    else:
        [got] = doc.flags
        assert got.startswith(flag)


def test_a_german_latin_1_text_is_read_in_the_code_page_of_its_language(tmp_path: Path) -> None:
    text = "Das Café von Zoë Müller blieb am Montag geschlossen, sagte die Polizei in Lübeck."
    path = tmp_path / "lokal.txt"
    path.write_bytes(text.encode("latin-1"))
    [doc] = read(path)
    assert doc.text == text
    assert doc.flags == ["encoding guessed: cp1252 (the usual code page for 'de', the language of its words)"]


def test_a_file_mixing_utf8_and_latin1_is_decoded_line_by_line(tmp_path: Path) -> None:
    lines = ["Zoë Müller reopened the café on Monday.", "The baker in Brühl said trade was slow.",
             "Plain ASCII closes the report."]
    path = tmp_path / "mixed.txt"
    path.write_bytes(lines[0].encode() + b"\n" + lines[1].encode("latin-1") + b"\n" + lines[2].encode())
    [doc] = read(path)
    assert doc.text == "\n".join(lines)
    [flag] = doc.flags
    assert flag.startswith("mixed encodings: 1 line decoded as UTF-8, 1 as cp1252")


def test_nul_bytes_that_fit_no_utf16_pattern_are_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    [failure] = read(path)
    assert isinstance(failure, InputFailure) and "binary" in failure.reason


# ---------------------------------------------------------------- 8: only regular files, capped


def test_special_files_inside_a_folder_are_skipped_with_a_reason(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    os.symlink("/dev/zero", folder / "zero.txt")
    os.mkfifo(folder / "f.txt")
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    os.symlink("/dev/null", folder / "null.txt")
    locked = folder / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads any folder: make it fail as it does for everyone else
        real = os.scandir

        def scandir(path: object = ".") -> object:
            if os.fspath(path) == str(locked):
                raise PermissionError(13, "Permission denied", str(locked))
            return real(path)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "scandir", scandir)
    try:
        items = read(folder, settings=Settings(max_bytes=10_000))
    finally:
        locked.chmod(0o755)
    reasons = {Path(i.source).name: i.reason for i in items if isinstance(i, InputFailure)}
    assert [Path(d.source).name for d in items if isinstance(d, Document)] == ["good.txt"]
    assert reasons == {
        "dangling.txt": "skipped: a link to gone.txt, which does not exist (a dangling link)",
        "f.txt": "skipped: not a regular file but a FIFO (named pipe)",
        "locked": "skipped: the folder cannot be read (Permission denied)",
        "null.txt": "skipped: not a regular file but a character device (a link to /dev/null)",
        "zero.txt": "skipped: not a regular file but a character device (a link to /dev/zero)",
    }


def test_a_link_to_dev_zero_given_directly_is_refused_at_once(tmp_path: Path) -> None:
    os.symlink("/dev/zero", tmp_path / "z.txt")
    os.mkfifo(tmp_path / "pipe.md")
    zero, pipe = read(tmp_path / "z.txt", tmp_path / "pipe.md", within=5)
    assert "character device" in zero.reason and "FIFO" in pipe.reason


def test_a_file_growing_past_its_size_is_capped_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    path = tmp_path / "long.txt"
    path.write_text("The fire burned all night. " * 100, encoding="utf-8")
    real = os.stat
    # the file grows after the stat: the read itself stops at the cap
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: os.stat_result((*real(p, *a, **k)[:6], 10, 0, 0, 0)))
    [failure] = read(path, settings=Settings(max_bytes=500))
    assert failure.reason == "file is over the 500-byte limit (raise it with --max-bytes)"


# ---------------------------------------------------------------- 10: names printed to the terminal


def test_control_characters_in_names_are_shown_escaped_on_one_line(tmp_path: Path, runner) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "clear\x1b[2J\nscreen.txt").write_bytes(b"")  # an empty file whose name holds ESC and a newline
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "case.db")], prog_name="rashomon")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr
    [line] = [ln for ln in result.stderr.splitlines() if "screen.txt" in ln]
    assert line.startswith("error ") and "clear\\x1b[2J\\nscreen.txt: empty file" in line


def test_one_line() -> None:
    assert one_line("a\x1b[31mb\r\nc\u2028d\x7f") == "a\\x1b[31mb\\r\\nc\\u2028d\\x7f"

"""Real-shaped inputs of every kind rashomon reads (issue 11): web pages of each kind, feeds of each
format (from a URL and from a saved file), records in the shapes crawlers and APIs export, PDF and
DOCX. Pages, feeds and records are files under tests/data/ written for these tests; PDFs and DOCX
files are built here. Every server is on 127.0.0.1 and stops with its test module."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from loopback import loopback_server
from rashomon.config import Settings
from rashomon.ingest import read_inputs
from rashomon.ingest.web import iter_url
from rashomon.models import Document, InputFailure

DATA = Path(__file__).parent / "data"
PAGES, FEEDS, RECORDS = DATA / "pages", DATA / "feeds", DATA / "records"
PLACEHOLDER = "http://127.0.0.1:8765"


def read(*inputs: str | Path, settings: Settings | None = None) -> list[Document | InputFailure]:
    return list(read_inputs([str(i) for i in inputs], settings or Settings()))


def documents(items: list[Document | InputFailure]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def failures(items: list[Document | InputFailure]) -> list[InputFailure]:
    return [i for i in items if isinstance(i, InputFailure)]


# ---------------------------------------------------------------- a local server for pages and feeds


class _Handler(BaseHTTPRequestHandler):
    extra: dict[str, tuple[str, Path]] = {}  # more files a test serves: path -> (content type, file)

    def log_message(self, format, *args):
        pass

    def do_GET(self) -> None:
        self.server.hits.append(self.path)  # type: ignore[attr-defined]
        base = "http://{}:{}".format(*self.server.server_address[:2])
        files = {
            "/ferry.html": ("text/html; charset=utf-8", DATA / "pages" / "tagline.html"),
            "/only_modified.html": ("text/html", PAGES / "only_modified.html"),
            "/fulltext.rss": ("application/rss+xml", FEEDS / "fulltext.rss"),
            "/feed-as-text": ("text/plain", FEEDS / "fulltext.rss"),  # a feed served with the wrong type
            "/summaries.atom": ("application/atom+xml", FEEDS / "summaries.atom"),
            "/entries.json": ("application/json", FEEDS / "entries.json"),
            **self.extra,
        }
        if self.path not in files:
            body, status, ctype = b"not found", 404, "text/plain"
        else:
            ctype, path = files[self.path]
            body, status = path.read_bytes().replace(PLACEHOLDER.encode(), base.encode()), 200
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadingHTTPServer]:
    with loopback_server(_Handler) as httpd:
        yield httpd


@pytest.fixture
def base(server: ThreadingHTTPServer) -> str:
    return "http://{}:{}".format(*server.server_address[:2])


OPEN = Settings(allow_private=True, fetch_timeout=5.0)


def served_copy(path: Path, base: str, folder: Path) -> Path:
    """A copy of a data file whose links point at the test server."""
    copy = folder / path.name
    copy.write_bytes(path.read_bytes().replace(PLACEHOLDER.encode(), base.encode()))
    return copy


# ---------------------------------------------------------------- HTML pages


def test_the_title_loses_the_site_tagline_and_the_outlet_is_the_publisher() -> None:
    [doc] = read(PAGES / "tagline.html")
    assert isinstance(doc, Document), doc
    assert doc.title == "Flood waters cut off three villages in Vessan valley"
    assert doc.outlet == "Northmoor Gazette"
    assert doc.published == "2024-02-11"  # the publication date, not the modification date (the 14th)
    assert doc.meta["authors"] == "Pell Arkwright; Ines Corrow"
    assert doc.flags == []  # nothing was chosen for the user
    assert "around 240 residents" in doc.text.lower() and "Most read" not in doc.text


def test_a_tagline_site_name_without_a_publisher_keeps_its_first_part(tmp_path: Path) -> None:
    page = (PAGES / "tagline.html").read_text(encoding="utf-8")
    start, end = page.index('<script type="application/ld+json">'), page.index("</script>") + len("</script>")
    path = tmp_path / "no-json-ld.html"
    path.write_text(page[:start] + page[end:], encoding="utf-8")
    [doc] = read(path)
    assert doc.outlet == "Northmoor Gazette"
    assert doc.title == "Flood waters cut off three villages in Vessan valley"  # the og:title and <h1>


def test_a_page_rendered_by_javascript_is_read_from_its_json_ld_article_body() -> None:
    [doc] = read(PAGES / "caption_only.html")
    assert isinstance(doc, Document), doc
    assert doc.text.startswith("Police arrested ten dock workers after clashes at Dunmere port")
    assert "Photo:" not in doc.text
    assert doc.title == "Ten arrested after clashes at Dunmere port" and doc.outlet == "Coastline Courier"
    [flag] = doc.flags
    assert "JSON-LD articleBody" in flag and "only 19 words" in flag


def test_a_page_holding_only_a_caption_fails_with_the_reason() -> None:
    [failure] = read(PAGES / "caption_no_body.html")
    assert isinstance(failure, InputFailure)
    assert "caption" in failure.reason and "browser or a login" in failure.reason


@pytest.mark.parametrize(
    ("name", "words"),
    [("cookie_wall.html", ["cookie or consent notice", "--accept-short"]),
     ("paywall.html", ["only 56 words", "paywall", "--accept-short"])],
)
def test_stub_pages_fail_with_the_reason(name: str, words: list[str]) -> None:
    [failure] = read(PAGES / name)
    assert isinstance(failure, InputFailure), failure
    assert failure.source == str(PAGES / name)
    for word in words:
        assert word in failure.reason


def test_accept_short_keeps_a_stub_page_flagged() -> None:
    [doc] = read(PAGES / "paywall.html", settings=Settings(accept_short=True))
    assert isinstance(doc, Document), doc
    assert doc.text.startswith("Council faces questions over bridge repairs")
    [flag] = doc.flags
    assert flag.startswith("short page accepted (--accept-short): only 56 words") and "paywall" in flag


def test_a_short_page_that_is_no_stub_fails_too(tmp_path: Path) -> None:
    path = tmp_path / "brief.html"
    path.write_text("<html><head><title>Brief</title></head><body><article><p>Storm warning issued for the "
                    "coast of Marrow Bay tonight, forecasters said.</p></article></body></html>", encoding="utf-8")
    [failure] = read(path)
    assert isinstance(failure, InputFailure)
    assert failure.reason.startswith("only 12 words of article text: the page may need a browser or a login")


def test_a_brief_with_a_newsletter_prompt_is_no_stub(tmp_path: Path) -> None:
    body = ("<p>Fire crews brought a blaze at a timber yard in Harle under control on Sunday evening after "
            "five hours, the county fire service said. Nobody was hurt, but two warehouses were destroyed and "
            "smoke drifted over the town centre for much of the afternoon.</p><p>Residents near the yard were "
            "asked to keep their windows closed. The cause of the fire is not yet known, and investigators will "
            "visit the site on Monday.</p><p>Subscribe now to our morning newsletter for the day's local news.</p>")
    path = tmp_path / "brief.html"
    path.write_text(f"<html><head><title>Timber yard fire</title></head><body><article>{body}</article></body></html>",
                    encoding="utf-8")
    [doc] = read(path)
    assert isinstance(doc, Document), doc
    assert doc.flags == [] and doc.text.startswith("Fire crews brought a blaze")


def test_a_last_modified_date_alone_is_used_and_flagged() -> None:
    [doc] = read(PAGES / "only_modified.html")
    assert doc.published == "2024-05-10"
    assert doc.flags == ["no publication date in the page: its last-modified date 2024-05-10 is used instead"]


def test_a_day_first_page_date_is_read_by_the_page_language(tmp_path: Path) -> None:
    page = (PAGES / "only_modified.html").read_text(encoding="utf-8")
    page = page.replace('<html lang="en">', '<html lang="en-GB">').replace(
        '<meta property="article:modified_time" content="2024-05-10T08:00:00+00:00">',
        '<meta name="date" content="04/05/2024">')
    path = tmp_path / "gb.html"
    path.write_text(page, encoding="utf-8")
    [doc] = read(path)
    assert doc.published == "2024-05-04"
    assert doc.flags[0].startswith("date order guessed: '04/05/2024' read as 4 May 2024 (day-first")
    [doc] = read(path, settings=Settings(date_order="MDY"))
    assert doc.published == "2024-04-05" and doc.flags == []  # the user decided: nothing guessed


def test_a_page_in_latin_1_declaring_its_charset_is_read_by_its_declaration(tmp_path: Path) -> None:
    page = (PAGES / "only_modified.html").read_text(encoding="utf-8")
    page = page.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">').replace(
        "Shop owners in Harle", "Shop owners in Harlé")
    path = tmp_path / "latin.html"
    path.write_bytes(page.encode("latin-1"))
    [doc] = read(path)
    assert "Shop owners in Harlé" in doc.text
    assert not any(f.startswith("encoding guessed") for f in doc.flags)


# ---------------------------------------------------------------- feeds


def test_a_saved_rss_file_uses_full_entries_and_falls_back_when_a_link_is_refused() -> None:
    # offline and without --allow-private, the second entry's link (127.0.0.1) is refused: its own text is kept
    items = read(FEEDS / "fulltext.rss")
    assert failures(items) == []
    full, fallback = documents(items)
    assert full.title == "Landslide buries homes in Tarsk district"
    assert full.published == "2024-03-12" and full.outlet == "Ridgeline Observer"
    assert full.text.startswith("At least nine people were killed and 14 are missing")
    assert "\n\nRescue teams" in full.text and full.flags == []
    assert full.meta["authors"] == "Mara Velt" and full.meta["feed"] == str(FEEDS / "fulltext.rss")
    assert fallback.title == "Gunmen attack Kolvo checkpoint" and fallback.published == "2024-03-13"
    assert fallback.text == ("Six soldiers were killed and 11 wounded when gunmen attacked a checkpoint outside "
                             "Kolvo on Wednesday evening, an army spokesman said.")
    [flag] = fallback.flags
    assert flag.startswith("text from the feed entry's full content: its page could not be read (refused:")


def test_a_fetched_feed_falls_back_to_the_entry_when_its_page_is_gone(server: ThreadingHTTPServer,
                                                                      base: str) -> None:
    items = list(iter_url(f"{base}/fulltext.rss", OPEN))
    assert failures(items) == []
    full, fallback = documents(items)
    assert "/world/tarsk-landslide.html" not in server.hits  # the entry held the article: no fetch
    assert "/gone/kolvo-checkpoint.html" in server.hits
    assert fallback.source == fallback.url == f"{base}/gone/kolvo-checkpoint.html"
    assert fallback.flags == ["text from the feed entry's full content: its page could not be read "
                              "(HTTP 404 Not Found)"]
    assert full.id == read(FEEDS / "fulltext.rss")[0].id  # the same text from the file and the URL


def test_a_feed_served_as_plain_text_is_read_as_a_feed(base: str) -> None:
    items = list(iter_url(f"{base}/feed-as-text", OPEN))
    assert [d.title for d in documents(items)] == ["Landslide buries homes in Tarsk district",
                                                    "Gunmen attack Kolvo checkpoint"]
    assert not any("<content:encoded>" in d.text or "<item>" in d.text for d in documents(items))


def test_an_atom_feed_of_summaries_fetches_each_page(base: str, tmp_path: Path) -> None:
    for source in (f"{base}/summaries.atom", served_copy(FEEDS / "summaries.atom", base, tmp_path)):
        [doc] = read(source, settings=OPEN)
        assert isinstance(doc, Document), doc
        assert doc.source == f"{base}/only_modified.html"
        assert doc.title == "Harle bridge to reopen next month" and doc.outlet == "Vale Times"
        assert "Harle bridge will reopen to traffic next month" in doc.text
        assert doc.meta["feed_title"] == "Vale Times"
        assert doc.published == "2024-05-09" and doc.flags == []  # the entry's date over the page's modified one


def test_a_json_feed_from_a_url_and_from_a_file(base: str, tmp_path: Path) -> None:
    for source in (f"{base}/entries.json", served_copy(FEEDS / "entries.json", base, tmp_path)):
        items = read(source, settings=OPEN)
        assert failures(items) == [], items
        page, note = documents(items)
        assert page.source == f"{base}/ferry.html" and page.title.startswith("Flood waters")  # the page's own
        assert note.title == "Coastguard closes the Keldby channel" and note.published == "2025-03-08"
        assert note.text.startswith("The coastguard closed the channel") and note.outlet == "Harbour Ledger"
        assert note.flags == ["text from the feed entry: it has no link"]


def test_an_xml_file_that_is_no_feed_fails(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><settings><depth>4</depth></settings>', encoding="utf-8")
    [failure] = read(path)
    assert isinstance(failure, InputFailure) and "not an RSS, Atom or JSON feed" in failure.reason


# ---------------------------------------------------------------- records of crawlers, APIs and datasets


def test_a_news_please_record() -> None:
    [doc] = read(RECORDS / "newsplease.json")
    assert isinstance(doc, Document), doc
    assert doc.title == "Two firefighters hurt in Altmoor depot fire"
    assert doc.text.startswith("Two firefighters were injured")
    assert (doc.published, doc.outlet, doc.language) == ("2024-06-18", "altmoor-echo.test", "en")
    assert doc.url == "https://www.altmoor-echo.test/news/depot-fire/"
    assert doc.meta["authors"] == "Tomas Brenn" and doc.meta["date_download"] == "2024-06-19 06:02:11"
    assert doc.flags == []


def test_a_newsapi_response_is_opened_and_its_truncated_content_flagged() -> None:
    [doc] = read(RECORDS / "newsapi.json")
    assert isinstance(doc, Document), doc
    assert (doc.title, doc.outlet, doc.published) == ("Residents return after Altmoor depot fire", "Altmoor Post",
                                                      "2024-06-20")
    assert doc.text.endswith("The two injured firefighters are recover")  # the marker is not the report's words
    assert "[+1214 chars]" not in doc.text and "…" not in doc.text
    assert doc.flags == ["text truncated by NewsAPI: only the first 199 characters of the article "
                         "(1,214 more at its url)"]


def test_a_media_cloud_story() -> None:
    [doc] = read(RECORDS / "mediacloud.jsonl")
    assert (doc.title, doc.outlet, doc.published) == ("Depot owner questioned over Altmoor fire", "Altmoor Radio",
                                                      "2024-06-19")
    assert doc.text.startswith("Police questioned the owner") and doc.meta["stories_id"] == 2201938475


def test_a_hugging_face_news_row() -> None:
    [doc] = read(RECORDS / "hf_news.jsonl")
    assert (doc.title, doc.outlet, doc.published) == ("Altmoor depot fire: inquiry opened", "altmoor-echo.test",
                                                      "2024-06-21")


def test_a_csv_of_stories() -> None:
    first, second = read(RECORDS / "stories.csv")
    assert first.source == f"{RECORDS / 'stories.csv'}#1" and first.outlet == "Altmoor Radio"
    assert first.text.endswith('prevented "a much worse disaster".')
    assert second.published == "2024-06-23"  # 23/06/2024: day-first, as a day above 12 says


def test_a_gdelt_doc_api_record_is_fetched_with_its_metadata(base: str, tmp_path: Path) -> None:
    [doc] = read(served_copy(RECORDS / "gdelt_doc.json", base, tmp_path), settings=OPEN)
    assert isinstance(doc, Document), doc
    assert doc.title == "Ferry runs aground off Keldby harbour"  # the record's title over the page's
    assert doc.outlet == "harbour-ledger.test" and doc.published == "2025-03-07"  # seendate 20250307T101500Z
    assert doc.text.startswith("Flood waters cut off") or "Vessan valley" in doc.text
    assert doc.flags == ["text fetched from the record's url (the record holds none)"]


def test_a_gdelt_gkg_export_is_read_by_column(base: str, tmp_path: Path) -> None:
    [doc] = read(served_copy(RECORDS / "gkg.csv", base, tmp_path), settings=OPEN)
    assert isinstance(doc, Document), doc
    assert (doc.title, doc.outlet, doc.published) == ("Ferry runs aground off Keldby harbour",
                                                      "harbour-ledger.test", "2025-03-07")


def test_a_record_without_text_or_url_names_the_fields_it_has() -> None:
    [failure] = read(RECORDS / "custom.jsonl")
    assert isinstance(failure, InputFailure)
    assert "'body_copy', 'headline_text', 'meta'" in failure.reason and "--map text=FIELD" in failure.reason


def test_map_reads_any_field_under_rashomons_name() -> None:
    settings = Settings(record_map="text=body_copy,title=headline_text,published=meta.created,outlet=meta.site")
    [doc] = read(RECORDS / "custom.jsonl", settings=settings)
    assert isinstance(doc, Document), doc
    assert (doc.title, doc.outlet, doc.published) == ("Altmoor council meets over depot", "Altmoor Bulletin",
                                                      "2024-06-24")


def test_the_case_records_of_news_please_and_newsapi() -> None:
    cases = Path(__file__).resolve().parents[2] / "shared" / "cases"
    if not cases.is_dir():
        pytest.skip("the shared cases are not beside this checkout")
    docs = documents(read(cases / "39-json-field-aliases.json", cases / "39-json-field-aliases.b.json"))
    got = {(d.title, d.published, d.outlet) for d in docs}
    assert got == {("Ferry capsizes on Lake Orva, at least 27 dead", "2025-06-02", "example-courier.test"),
                   ("Ferry disaster: toll rises to 31", "2025-06-03", "Harbour Times"),
                   ("Ferry operator denies overloading", "2025-06-03", "Orva News")}
    assert all(any("truncated by NewsAPI" in f for f in d.flags) for d in docs if d.outlet != "example-courier.test")


# ---------------------------------------------------------------- PDF and DOCX


def make_pdf(path: Path, pages: list[list[str]], **info: str) -> Path:
    """A PDF with a text layer: one list of paragraphs per page."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for key, value in info.items():
        getattr(pdf, f"set_{key}")(value)
    for paragraphs in pages:
        pdf.add_page()
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph)
            pdf.ln(4)
    pdf.output(str(path))
    return path


PAGE_ONE = ["Situation report: displacement in the Orrin hills",
            "This report covers the humanitarian situation in the Orrin hills between 1 and 21 September 2024. "
            "Access to the upper valleys remained limited because of damaged roads and continued insecurity, "
            "and partners were able to reach only four of the eleven affected communities during the period."]
PAGE_TWO = ["Protection",
            "According to the regional health office, at least 37 civilians were killed in the shelling of "
            "Verat market on 14 September. Partners recorded 5,200 people displaced from the villages around "
            "the market in the following week, most of them women and children."]


def test_a_two_page_pdf_keeps_where_each_page_starts(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "sitrep.pdf", [PAGE_ONE, PAGE_TWO], title="Orrin hills situation report",
                    author="Field Office", creation_date=__import__("datetime").datetime(2024, 9, 23, 9, 0))
    [doc] = read(path)
    assert isinstance(doc, Document), doc
    assert doc.title == "Orrin hills situation report" and doc.meta["authors"] == "Field Office"
    assert doc.published == "2024-09-23"
    assert doc.flags == ["publication date 2024-09-23 taken from the PDF's creation date"]
    assert len(doc.pages or []) == 2 and doc.pages[0] == 0
    at = doc.text.index("at least 37 civilians were killed")  # a wrapped line is joined back into its sentence
    assert doc.page_at(at) == 2 and doc.page_at(doc.text.index("Access to the upper valleys")) == 1
    assert doc.text[doc.pages[1]:].startswith("Protection")


def test_the_dossier_cites_the_page_of_a_figure(tmp_path: Path, runner) -> None:
    import json

    from rashomon.cli import app

    path = make_pdf(tmp_path / "sitrep.pdf", [PAGE_ONE, PAGE_TWO])
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(path), "--out", str(out)], prog_name="rashomon")
    assert result.exit_code == 0, result.output
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    [doc] = dossier["documents"]
    assert doc["pages"] == 2
    killed = [f for f in dossier["figures"] if f["value"] == 37]
    assert killed and killed[0]["event"] == "killed" and killed[0]["page"] == 2
    assert all(f["page"] in (1, 2) for f in dossier["figures"])
    assert all(c["page"] in (1, 2) for c in dossier["claims"])
    html = (out / "dossier.html").read_text(encoding="utf-8")
    assert "p. 2" in html and "2 pages" in html


def test_a_pdf_from_a_url(base: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_pdf(tmp_path / "sitrep.pdf", [PAGE_ONE, PAGE_TWO])
    monkeypatch.setattr(_Handler, "extra", {"/sitrep": ("application/pdf", path)})
    [doc] = list(iter_url(f"{base}/sitrep", OPEN))
    assert isinstance(doc, Document), doc
    assert doc.url == f"{base}/sitrep" and doc.page_at(doc.text.index("at least 37 civilians")) == 2


def test_a_pdf_over_the_page_cap_fails(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "long.pdf", [PAGE_ONE, PAGE_TWO, PAGE_ONE])
    [failure] = read(path, settings=Settings(max_pages=2))
    assert isinstance(failure, InputFailure)
    assert failure.reason == "PDF of 3 pages, over the 2-page limit (raise it with --max-pages)"


def test_an_encrypted_pdf_fails(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    plain = make_pdf(tmp_path / "plain.pdf", [PAGE_ONE])
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="orrin", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as fh:
        writer.write(fh)
    [failure] = read(locked)
    assert isinstance(failure, InputFailure) and failure.reason.startswith("encrypted PDF: it needs a password")


def test_a_corrupt_pdf_and_a_scanned_one_fail_and_the_others_go_on(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(make_pdf(tmp_path / "good.pdf", [PAGE_ONE]).read_bytes()[:300])
    items = read(broken, DATA / "bad" / "scan.pdf", tmp_path / "good.pdf")
    assert [type(i).__name__ for i in items] == ["InputFailure", "InputFailure", "Document"]
    assert items[0].reason.startswith("corrupt PDF")
    assert items[1].reason.startswith("no text layer (0 words on 2 pages)") and "OCR" in items[1].reason


def make_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = "Verat market: witness statements"
    document.core_properties.author = "Orrin Monitoring Group"
    document.add_heading("Verat market: witness statements", level=1)
    document.add_paragraph("Witnesses told the monitoring group that the first shell hit the market at about "
                           "eleven in the morning, when it was most crowded.")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, (("Killed", "37"), ("Injured", "52")), strict=True):
        row.cells[0].text, row.cells[1].text = cells
    document.add_paragraph("The group said it could not verify who fired the shells.")
    document.save(str(path))
    return path


def test_a_docx_gives_its_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    [doc] = read(make_docx(tmp_path / "statements.docx"))
    assert isinstance(doc, Document), doc
    assert doc.title == "Verat market: witness statements"
    assert doc.meta["authors"] == "Orrin Monitoring Group"
    assert doc.text.split("\n\n") == [
        "Verat market: witness statements",
        "Witnesses told the monitoring group that the first shell hit the market at about eleven in the morning, "
        "when it was most crowded.",
        "Killed | 37\nInjured | 52",
        "The group said it could not verify who fired the shells."]
    assert doc.pages is None and doc.published is not None
    assert doc.flags == [f"publication date {doc.published} taken from the DOCX's creation date"]


def test_bad_docx_files_fail_with_a_reason(tmp_path: Path) -> None:
    old = tmp_path / "old.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)  # an OLE file: .doc or encrypted
    notzip = tmp_path / "letter.docx"
    notzip.write_bytes(b"PK\x03\x04 not really a word document")
    bomb = tmp_path / "bomb.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * 3_000_000)
    bomb.write_bytes(buffer.getvalue())
    old_f, notzip_f, bomb_f = read(old, notzip, bomb, settings=Settings(max_bytes=100_000))
    assert "encrypted or old-format Word file" in old_f.reason
    assert notzip_f.reason.startswith("corrupt DOCX")
    assert bomb_f.reason.startswith("DOCX expands to 3,000,000 bytes")

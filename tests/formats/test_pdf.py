"""PDF reports: note calls and notes linked, page furniture left out, pages in findings.

Two real documents: the UN OHCHR compilation A/HRC/WG.6/20/SVN/2 as the UN published it (Word,
Acrobat Distiller: running heads, page numbers, a table, superscript calls, endnotes under
"Notes"), and chapter 2 of the Amnesty International seed report typeset by pdfLaTeX
(``data/make_fixtures.py``: footnotes at each page's foot, a running head, page numbers).
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import provenance
from provenance import cli
from provenance.coverage import coverage
from provenance.errors import InputError
from provenance.formats import document_of, extract, read_report, sniff
from provenance.model import Document
from provenance.reporters.text import GUTTER
from provenance.segment import split_blocks, split_lines

pytest.importorskip("pdfminer")

from provenance.formats import pdf as pdf_reader

DATA = Path(__file__).parent / "data"
UN = DATA / "un-a-hrc-wg6-20-svn-2.pdf"
AMNESTY = DATA / "amnesty-asa240696.pdf"
# The same UN document as pdftotext-style text, in the practice material beside the project.
UN_TEXT = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "practice"
    / "14_un-upr-compilation_slovenia-2014.txt"
)


@pytest.fixture(scope="module")
def un() -> Document:
    return provenance.parse_file(UN)


@pytest.fixture(scope="module")
def amnesty() -> Document:
    return provenance.parse_file(AMNESTY)


def test_every_note_of_the_un_report_is_called_and_written(un: Document) -> None:
    read = coverage(un)
    assert read.notes == 121
    assert read.notes_linked == 121
    assert [note.number for note in un.footnotes] == list(range(1, 122))
    assert all(marker.style == "unicode" for note in un.footnotes for marker in note.markers)


def test_the_pdf_reads_as_well_as_its_text(un: Document) -> None:
    if not UN_TEXT.exists():
        pytest.skip("the practice material is not beside the project")
    text = provenance.parse_file(UN_TEXT)
    assert coverage(un).notes_linked >= coverage(text).notes_linked


def test_running_heads_and_page_numbers_are_not_text(un: Document) -> None:
    # The symbol heads every page of the UN document; page numbers stand alone at the foot.
    assert "A/HRC/WG.6/20/SVN/2" not in un.text
    # Years in the report's tables are text; page numbers (1 to 14) are not.
    numbers = [int(line) for line in un.text.splitlines() if line.isascii() and line.isdigit()]
    assert numbers and all(number > 1000 for number in numbers)


def test_footnotes_at_the_foot_of_pages_are_linked(amnesty: Document) -> None:
    linked = [note.number for note in amnesty.footnotes if note.markers and note.body]
    assert linked == [2, 3, 4, 5, 7, 8, 10, 11]
    # Notes 9 and 12 lost their calls in the report's OCR'd source; their texts are still read.
    assert {note.number for note in amnesty.footnotes if not note.markers} == {9, 12}
    body = next(note.body for note in amnesty.footnotes if note.number == 10)
    assert body is not None
    assert body.text.startswith("Human Rights Watch/Helsinki, ”Crime or simply punishment?")


def test_running_head_is_left_out(amnesty: Document) -> None:
    assert "AI Index: ASA 24/06/96" not in amnesty.text  # "ASA 24/12/95" in a note stays
    assert "International September 1996" not in amnesty.text


def test_calls_are_superscript_digits_glued_to_their_word(
    amnesty: Document,
) -> None:
    assert "in Moscow.¹⁰" in amnesty.text
    assert "refugee situation¹¹" in amnesty.text


def test_hyphenated_words_are_joined(amnesty: Document) -> None:
    # Set as "Novosi-" / "birsk" in note 2 and "situa-" / "tion" in a heading.
    note = next(note.body for note in amnesty.footnotes if note.number == 2)
    assert note is not None and "mines near Novosibirsk. It is not" in note.text
    assert "Novosi-" not in amnesty.text
    assert any(
        h.text == "Introduction to the North Korean refugee situation¹¹" for h in amnesty.headings
    )


def test_a_paragraph_runs_on_over_a_page_break(amnesty: Document) -> None:
    places = amnesty.places
    assert places is not None
    spanning = 0
    for block in split_blocks(split_lines(amnesty.text)):
        first = amnesty.line_index.line_column(block.start)[0]
        last = amnesty.line_index.line_column(block.end)[0]
        pages = {place.page for n in range(first, last + 1) if (place := places.place(n))}
        spanning += len(pages) > 1
    assert spanning >= 2  # the notes of a page wait for the end of the paragraph


def test_headings_are_found_by_their_size(amnesty: Document) -> None:
    titles = [heading.text for heading in amnesty.headings]
    assert "Developments and new concerns" in titles
    assert "2.1Background on logging sites, mines, construction sites" in titles


def test_findings_carry_their_page(amnesty: Document) -> None:
    findings = provenance.check(amnesty)
    uncalled = [f for f in findings if f.rule == "footnote-without-marker"]
    assert [(f.place.page if f.place else None) for f in uncalled] == [5, 6]
    assert all(f.place is not None and f.place.line >= 1 for f in findings)


def test_the_command_line_prints_page_and_line(capsys: pytest.CaptureFixture[str]) -> None:
    status = cli.main(["check", "--select", "footnote-without-marker", str(AMNESTY)])
    out, _ = capsys.readouterr()
    assert status == cli.EXIT_FINDINGS
    # Each finding's line is followed by its context: the note's text and a caret line under it.
    lines = [line for line in out.splitlines() if not line.startswith(GUTTER)]
    assert len(lines) == 2 and len(out.splitlines()) == 6
    assert all(line.startswith(f"{AMNESTY}:p") for line in lines)
    assert lines[0].split(":")[1] == "p5"
    assert out.splitlines()[1].startswith(f"{GUTTER}⁹ This term is used in Russia")


def test_sniffed_by_content_not_name(tmp_path: Path) -> None:
    renamed = tmp_path / "report.txt"
    renamed.write_bytes(AMNESTY.read_bytes())
    assert sniff(renamed.read_bytes(), str(renamed)) == "pdf"
    assert read_report(renamed).kind == "pdf"


def test_places_survive_pickling(amnesty: Document) -> None:
    assert amnesty.places is not None
    copy = pickle.loads(pickle.dumps(amnesty.places))
    assert [copy.place(n) for n in range(1, 50)] == [amnesty.places.place(n) for n in range(1, 50)]


# --------------------------------------------------------------------------- bad input


def _reason(data: bytes) -> str:
    with pytest.raises(InputError) as caught:
        extract(data, "report.pdf")
    assert caught.value.path == "report.pdf"
    return caught.value.reason


def test_encrypted() -> None:
    assert _reason((DATA / "encrypted.pdf").read_bytes()).startswith("encrypted PDF")


def test_damaged() -> None:
    assert _reason(AMNESTY.read_bytes()[:3000]).startswith("damaged PDF")


def _pdf(*pages: bytes) -> bytes:
    """A PDF of pages with these content streams; a page may write in Helvetica (/F1) and
    draw a one-pixel grey image (/Im1), as a scanned page draws its scan."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    image = b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray"
    image += b" /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"
    objects += [font, image]
    for stream in pages:
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        contents = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R"
            b" /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> >>" % contents
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


_SCAN = b"q 500 0 0 700 50 50 cm /Im1 Do Q"
_TEXT = b"BT /F1 12 Tf 72 600 Td (The Committee was concerned at reports of torture.) Tj ET"


def _pdf_without_text() -> bytes:
    return _pdf(_SCAN, _SCAN)


def test_scanned_pages_among_text_pages_are_named() -> None:
    extracted = extract(_pdf(_TEXT, _SCAN, _TEXT), "report.pdf")
    assert extracted.text.count("The Committee was concerned") == 2
    assert extracted.notes == (
        "1 page without a text layer (scanned?) not read: 2; OCR the PDF to check them",
    )
    # The note becomes a finding of the input rules, so a clean result does not hide it.
    findings = provenance.check(document_of(extracted, "report.pdf"))
    assert [f.message for f in findings if f.rule == "input-decoding"] == [
        "not all read: " + extracted.notes[0]
    ]


def test_no_text_layer_suggests_ocr() -> None:
    reason = _reason(_pdf_without_text())
    assert "without a text layer" in reason and "OCR" in reason


def test_too_many_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 3)
    assert _reason(AMNESTY.read_bytes()) == "PDF too long: more than 3 pages"


def test_too_dense_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_CHARS_PER_PAGE", 100)
    assert _reason(AMNESTY.read_bytes()).startswith("PDF page too complex to read")


def test_bad_pdfs_cost_only_themselves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-encrypted.pdf").write_bytes((DATA / "encrypted.pdf").read_bytes())
    (tmp_path / "b-damaged.pdf").write_bytes(AMNESTY.read_bytes()[:3000])
    (tmp_path / "c-scan.pdf").write_bytes(_pdf_without_text())
    (tmp_path / "d-report.pdf").write_bytes(AMNESTY.read_bytes())
    monkeypatch.chdir(tmp_path)
    status = cli.main(["check", "--jobs", "1", "--select", "footnote-without-marker", "."])
    out, err = capsys.readouterr()
    assert status == cli.EXIT_ERROR
    errors = err.splitlines()
    assert errors[0].startswith("./a-encrypted.pdf: error: encrypted PDF")
    assert errors[1].startswith("./b-damaged.pdf: error: damaged PDF")
    assert errors[2].startswith("./c-scan.pdf: error: PDF without a text layer")
    assert out.count("./d-report.pdf:p") == 2


def test_paragraph_numbers_set_apart_stay_on_their_line(un: Document) -> None:
    # The UN sets "1." in the margin, a wide gap before the paragraph's first line.
    lines = un.text.splitlines()
    assert "1. In 2010, the Committee on the Elimination of Racial Discrimination (CERD)" in lines
    assert not any(line.rstrip(".").isdigit() for line in lines if line.endswith("."))
    assert "1. International human rights treaties²" in [h.text for h in un.headings]


def test_without_the_extra_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "pdfminer", None)
    assert (
        _reason(AMNESTY.read_bytes())
        == "PDF input needs the pdf extra: pip install 'provenance[pdf]'"
    )


def test_numbers_opening_list_items_in_many_margins_stay_text() -> None:
    # Notes numbered "3." to "6." that fall at the top of four of eight pages: not a running
    # head, which has words; a head that does ("Ruritania #") is, and a lone "7" is a page
    # number.
    def page(number: int, head: str | None) -> pdf_reader._Page:
        lines = [pdf_reader._Line("Running text of the page.", 400, 412, 72, 11, 2)]
        if head is not None:
            lines.insert(0, pdf_reader._Line(head, 40, 52, 72, 11, 1))
        return pdf_reader._Page(number, 800, lines, 0)

    numbered = [page(n, f"{n}." if n <= 4 else None) for n in range(1, 9)]
    assert pdf_reader._furniture(numbered) == set()
    headed = [page(n, f"Ruritania {n}" if n <= 4 else None) for n in range(1, 9)]
    assert pdf_reader._furniture(headed) == {(n, 1) for n in range(1, 5)}
    assert pdf_reader._furniture([page(1, "7"), page(2, None)]) == {(1, 1)}


def _typeset(pages: list[list[tuple[str, float]]]) -> str:
    """Pages of (text, right edge) lines at the running text's size, as the writer joins them."""
    writer = pdf_reader._Writer()
    for number, rows in enumerate(pages, 1):
        lines = [
            pdf_reader._Line(text, 100 + 14 * i, 112 + 14 * i, 72, 11, i + 1, False, right)
            for i, (text, right) in enumerate(rows)
        ]
        writer.page(number, lines, 11)
    return writer.result()[0]


def test_an_entry_the_page_broke_runs_on_over_the_page_break() -> None:
    wide = "- Gorriti, Gustavo (1999). _The Shining Path_. Trans. Robin Kirk. Chapel Hill:"
    rest = "The University of North Carolina Press."
    after = "- Isbell, Billie Jean (1994). Shining Path."
    ran_on = _typeset(
        [[("Running text of the page.", 520), (wide, 515)], [(rest, 300), (after, 400)]]
    )
    assert f"{wide}\n{rest}\n{after}" in ran_on
    # A line that stopped short of the margin was ended by its writer: a new block follows.
    short = "The following:"
    kept = _typeset([[("Running text of the page.", 520), (short, 180)], [(rest, 300)]])
    assert f"{short}\n\n{rest}" in kept
    # So is one that closes a sentence, and a list item on the new page starts its own.
    closed = _typeset(
        [[("Running text.", 520), ("A full sentence ends here.", 515)], [(rest, 300)]]
    )
    assert "here.\n\nThe University" in closed
    listed = _typeset([[("Running text.", 520), (wide, 515)], [(after, 400)]])
    assert f"{wide}\n\n{after}" in listed


def test_a_page_foot_note_numbered_with_a_full_stop_is_read() -> None:
    assert pdf_reader._note_lead("22. Interview with a lawyer") == 22
    assert pdf_reader._note_lead("¹² Interview") == 12


def test_page_numbers_count_with_the_pages_and_table_figures_stay() -> None:
    def page(number: int, rows: list[tuple[str, float]]) -> pdf_reader._Page:
        lines = [
            pdf_reader._Line(text, top, top + 12, 72, 11, i + 1)
            for i, (text, top) in enumerate(rows)
        ]
        return pdf_reader._Page(number, 800, lines, 0)

    body = ("Running text of the page.", 400.0)
    # Pages 1-6 numbered 3-8 at their foot; page 2 also has a table's figures near its top.
    pages = [page(n, [body, (str(n + 2), 760.0)]) for n in range(1, 7)]
    pages[1] = page(2, [("Table 1", 40.0), ("20", 60.0), ("21", 80.0), body, ("4", 760.0)])
    # Page 7 closes with a lone figure that does not follow the pages: the end of a table.
    pages.append(page(7, [body, ("12", 760.0)]))
    found = pdf_reader._furniture(pages)
    assert found == {(n, 2) for n in (1, 3, 4, 5, 6)} | {(2, 5)}

"""Web pages: main content only, note links and note lists, headings, link addresses.

``data/amnesty-asa240696.html`` is chapter 2 of the Amnesty International seed report in
pandoc's footnote markup, inside site navigation, a breadcrumb and a footer
(``data/make_fixtures.py``); the same text as ``amnesty-asa240696.pdf``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import provenance
from provenance import cli
from provenance.coverage import coverage
from provenance.errors import InputError
from provenance.formats import extract, sniff
from provenance.model import Document
from provenance.reporters.text import GUTTER

pytest.importorskip("lxml")

DATA = Path(__file__).parent / "data"
PAGE = DATA / "amnesty-asa240696.html"


@pytest.fixture(scope="module")
def page() -> Document:
    return provenance.parse_file(PAGE)


def _text(markup: str, name: str = "page.html") -> str:
    return extract(markup.encode("utf-8"), name).text


def test_notes_are_linked_to_their_calls(page: Document) -> None:
    linked = [note.number for note in page.footnotes if note.markers and note.body]
    assert linked == [2, 3, 4, 5, 7, 8, 10, 11]
    # Items of the list of notes that nothing calls are notes all the same.
    assert {note.number for note in page.footnotes if not note.markers} == {9, 12}
    body = next(note.body for note in page.footnotes if note.number == 8)
    assert body is not None
    assert (
        body.text
        == "Apparently, several Afghan families were recognized as refugees in March 1996."
    )


def test_the_page_reads_as_its_pdf(page: Document) -> None:
    pytest.importorskip("pdfminer")
    pdf = provenance.parse_file(DATA / "amnesty-asa240696.pdf")
    assert coverage(page) == coverage(pdf)
    assert [h.text for h in page.headings] == [h.text for h in pdf.headings]


def test_navigation_and_footer_are_left_out(page: Document) -> None:
    for furniture in ("Campaigns", "Research", "Home /", "©", "↩"):
        assert furniture not in page.text


def test_findings_point_at_source_lines(page: Document) -> None:
    findings = provenance.check(page)
    uncalled = [f for f in findings if f.rule == "footnote-without-marker"]
    source = PAGE.read_text(encoding="utf-8").splitlines()
    for finding in uncalled:
        assert finding.place is not None and finding.place.page is None
        number = finding.message.split()[1]
        assert f'<li id="fn{number}"' in source[finding.place.line - 1]


def test_command_line_prints_source_lines(capsys: pytest.CaptureFixture[str]) -> None:
    status = cli.main(["check", "--select", "footnote-without-marker", str(PAGE)])
    out, _ = capsys.readouterr()
    assert status == cli.EXIT_FINDINGS
    # Context lines (the note's text, a caret line) follow each finding's line.
    lines = [line for line in out.splitlines() if not line.startswith(GUTTER)]
    assert [line.split(":")[1].isdigit() for line in lines] == [True, True]


def test_sup_numbers_and_bracketed_note_links_are_calls() -> None:
    text = _text(
        "<html><body><p>Detained in May 1999.<sup>1</sup> Released<a href='#n2'>[2]</a>.</p>"
        "<p id='n2'>Interview, 3 June 1999.</p></body></html>"
    )
    assert "May 1999.¹ Released²." in text
    assert "\n\n² Interview, 3 June 1999.\n" in text


def test_sup_that_is_no_number_stays_text() -> None:
    assert "the 1<sup>st</sup> of May" not in _text("<p>the 1<sup>st</sup> of May</p>")
    assert "the 1st of May" in _text("<html><body><p>the 1<sup>st</sup> of May</p></body></html>")


def test_headings_lists_tables_and_links() -> None:
    text = _text(
        "<!doctype html><html><body><main><h2>Sources</h2><ul><li>One</li><li>Two</li></ul>"
        "<table><tr><td>A</td><td>B</td></tr></table>"
        "<p>See the <a href='https://www.hrw.org/report/1999'>report</a> and "
        "<a href='https://example.org/'>https://example.org/</a>.</p></main></body></html>"
    )
    assert text == (
        "## Sources\n\n- One\n\n- Two\n\nA B\n\n"
        "See the report <https://www.hrw.org/report/1999> and https://example.org/.\n"
    )


def test_main_content_is_preferred_to_the_page() -> None:
    text = _text(
        "<html><body><div class='sidebar'>Most read</div><div>Outside</div>"
        "<main><p>The report.</p></main></body></html>"
    )
    assert text == "The report.\n"


def test_broken_markup_is_read_as_browsers_read_it() -> None:
    text = _text("<html><body><p>Unclosed <b>bold <i>and italic<p>Next</table></div>")
    assert text == "Unclosed bold and italic\n\nNext\n"


def test_declared_charset_is_used() -> None:
    data = (
        b'<html><head><meta charset="windows-1252"></head><body><p>\x93Quoted\x94</p></body></html>'
    )
    assert extract(data, "page.html").text == "“Quoted”\n"


def test_a_page_without_text_is_an_error() -> None:
    with pytest.raises(InputError) as caught:
        extract(b"<html><body><script>var a;</script></body></html>", "page.html")
    assert caught.value.reason == "web page without text (nothing between its tags)"


def test_deep_nesting_is_read_or_refused() -> None:
    def nested(depth: int) -> str:
        return "<html><body>" + "<div>" * depth + "Deep" + "</div>" * depth + "</body></html>"

    assert "Deep" in _text(nested(1500))
    with pytest.raises(InputError, match="nested too deeply"):
        _text(nested(5000))


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (b"<!DOCTYPE html><html><body>x</body></html>", "a.txt", "html"),
        (b"\xef\xbb\xbf  <html lang='en'><body>x", None, "html"),
        (b"<?xml version='1.0'?><!-- c --><html><body>x", None, "html"),
        (b"<div>Report</div>", "report.htm", "html"),
        (b"<div>Report</div>", "report.md", "text"),
        (b"A claim.<sup>1</sup>\n\n<sup>1</sup> A source.\n", "report.md", "text"),
        (b"junk\n%PDF-1.7\n", "report.txt", "pdf"),
        (b"Plain text.\n", None, "text"),
    ],
)
def test_sniffing(data: bytes, name: str | None, kind: str) -> None:
    assert sniff(data, name) == kind


def test_without_the_extra_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "lxml", None)
    with pytest.raises(InputError) as caught:
        extract(PAGE.read_bytes(), "page.html")
    assert caught.value.reason == "HTML input needs the html extra: pip install 'provenance[html]'"


def test_word_footnotes_by_anchor_name() -> None:
    # Word's HTML: calls link to <a name="_ftn1">, whose "[1]" links back to the call.
    text = _text(
        "<html><body><div class=WordSection1><p class=MsoNormal>Workers are threatened."
        '<a href="#_ftn1" name="_ftnref1"><span class=MsoFootnoteReference>[1]</span></a>'
        " Some were returned.</p></div><div style='mso-element:footnote-list'><hr>"
        "<div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText>"
        '<a href="#_ftnref1" name="_ftn1"><span class=MsoFootnoteReference>[1]</span></a>'
        " AI Index: ASA 24/12/95.</p></div></div></body></html>"
    )
    assert text == "Workers are threatened.¹ Some were returned.\n\n¹ AI Index: ASA 24/12/95.\n"


def _title(markup: str) -> str | None:
    from provenance.formats import document_of

    return document_of(extract(markup.encode("utf-8"), "page.html"), "page.html").metadata.title


def test_the_title_comes_from_the_h1_not_the_first_line() -> None:
    markup = (
        "<!DOCTYPE html><html><head><title>Refworld | Korea: Treatment of returnees</title>"
        "</head><body><p>Country of Origin Research Service</p>"
        "<h1>Korea: Treatment of returnees</h1><p>Returnees were questioned on arrival.</p>"
        "</body></html>"
    )
    assert _title(markup) == "Korea: Treatment of returnees"


def test_the_title_element_without_the_site_name_when_there_is_no_h1() -> None:
    markup = (
        "<!DOCTYPE html><html><head><title>Iran: Situation of Tudeh members - ecoi.net</title>"
        "</head><body><div>About Our Group</div><p>Members of the party were arrested in "
        "1983 and many were executed in 1988.</p></body></html>"
    )
    assert _title(markup) == "Iran: Situation of Tudeh members"


def test_navigation_in_the_markup_is_no_title() -> None:
    markup = (
        "<!DOCTYPE html><html><head><title>Home</title></head><body><h1>About Us</h1>"
        "<h2>Sri Lanka: Situation of the EPRLF</h2><p>The party took part in the elections "
        "of 1989.</p></body></html>"
    )
    # Neither the <title> nor the <h1> names the document: the text's evidence decides.
    assert _title(markup) == "Sri Lanka: Situation of the EPRLF"


def test_the_fixture_page_title(page: Document) -> None:
    assert (
        page.metadata.title
        == "Pursuit, Intimidation and Abuse of North Korean Refugees and Workers"
    )

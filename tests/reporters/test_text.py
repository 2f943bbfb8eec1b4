from __future__ import annotations

from provenance.findings import FileResult, Finding, Related, Severity
from provenance.reporters.text import format_finding, render_text
from provenance.span import LineIndex

TEXT = "first line\nsecond line with a fault\n"
INDEX = LineIndex(TEXT)


def _finding(severity: Severity = Severity.ERROR) -> Finding:
    return Finding(
        rule="weekday-mismatch",
        severity=severity,
        message="a\nmessage",
        span=INDEX.span(18, 23),
        excerpt="with ",
        related=(Related(INDEX.span(0, 5), "the year comes from here"),),
    )


def test_compiler_style_line_with_related_note() -> None:
    lines = format_finding(_finding(), "r.txt").splitlines()
    assert lines == [
        "r.txt:2:8: error weekday-mismatch a message",
        "r.txt:1:1: note the year comes from here",
    ]


def test_colour_only_when_asked() -> None:
    assert "\033[" not in format_finding(_finding(), "r.txt")
    assert "\033[31m" in format_finding(_finding(), "r.txt", colour=True)


def test_summary_counts_by_severity() -> None:
    results = [
        FileResult("a.txt", (_finding(), _finding(Severity.WARNING))),
        FileResult("b.txt", ()),
    ]
    text = render_text(results)
    assert text.splitlines()[-1] == "2 findings (1 error, 1 warning) in 1 of 2 files"


def test_nothing_to_say_is_empty() -> None:
    assert render_text([FileResult("a.txt", ())]) == ""


def test_a_file_whose_citations_or_notes_were_not_all_linked_says_so() -> None:
    from provenance.coverage import Coverage

    partial = Coverage(sources=0, citations=2, citations_linked=0, notes=3, notes_linked=3)
    complete = Coverage(sources=2, citations=2, citations_linked=2, notes=0, notes_linked=0)
    out = render_text([FileResult("a.txt", (), partial), FileResult("b.txt", (), complete)])
    assert out == "a.txt: read 0 sources listed, 0 of 2 citations linked, 3 of 3 notes linked\n"

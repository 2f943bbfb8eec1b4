from __future__ import annotations

from provenance.findings import FileResult, Finding, Related, Severity
from provenance.reporters.text import format_finding, printable, render_text
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


# --------------------------------------------------------------------------- control characters


def test_printable_escapes_c0_del_and_c1_and_keeps_the_rest() -> None:
    assert printable("a\x1b[2Jb\x07c\x7fd\x9be\x85f\tg\nh") == (
        "a\\x1b[2Jb\\x07c\\x7fd\\x9be\\x85f\\x09g\\x0ah"
    )
    assert printable("Genève «ok» — ١٢ 漢字 C:\\reports") == "Genève «ok» — ١٢ 漢字 C:\\reports"


def test_escape_sequences_in_a_report_never_reach_the_terminal() -> None:
    hostile = Finding(
        rule="uncorroborated-claim",
        severity=Severity.WARNING,
        message='"could not be corroborated\x1b[2J\x1b[1;1H\x9b2J\x1b]0;title\x07"',
        span=INDEX.span(18, 23),
        excerpt="with ",
        related=(Related(INDEX.span(0, 5), "marked\x1b[8m here"),),
    )
    for colour in (False, True):
        text = format_finding(hostile, "r\x1b[31m.txt", colour)
        assert "\x1b[2J" not in text and "\x9b" not in text and "\x07" not in text
        assert "\x1b]" not in text and "\x1b[8m" not in text and "\x1b[31m." not in text
        assert "could not be corroborated\\x1b[2J\\x1b[1;1H\\x9b2J\\x1b]0;title\\x07" in text
        assert "r\\x1b[31m.txt:2:8:" in text and "note marked\\x1b[8m here" in text
    out = render_text([FileResult("r\x1b[31m.txt", (hostile,))])
    assert "\x1b" not in out and "\x9b" not in out


def test_a_file_name_with_control_characters_is_escaped_in_the_read_line() -> None:
    from provenance.coverage import Coverage

    partial = Coverage(sources=0, citations=2, citations_linked=0, notes=0, notes_linked=0)
    out = render_text([FileResult("a\x1b[2K\rb.txt", (), partial)])
    assert out == "a\\x1b[2K\\x0db.txt: read 0 sources listed, 0 of 2 citations linked\n"


def test_printable_escapes_bidirectional_overrides_and_isolates() -> None:
    # "\u202e" would show the words after it reversed: a finding would read otherwise.
    hidden = "".join(chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
    assert printable(f"a{hidden}b") == "a" + "".join(f"\\u{ord(c):04x}" for c in hidden) + "b"
    assert printable("\u200f\u05e9\u05dc\u05d5\u05dd") == "\u200f\u05e9\u05dc\u05d5\u05dd"

from __future__ import annotations

import attrs

from provenance.findings import FileError, FileResult, Finding, Related, Severity
from provenance.reporters.text import (
    format_finding,
    printable,
    render_text,
    statistics,
    summary_line,
)
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


def test_a_clean_run_says_so_in_one_line() -> None:
    assert render_text([FileResult("a.txt", ()), FileResult("b.txt", ())]) == (
        "0 findings in 2 files\n"
    )
    assert render_text([FileResult("a.txt", ())], quiet=True) == ""


def test_a_file_whose_citations_or_notes_were_not_all_linked_says_so() -> None:
    from provenance.coverage import Coverage

    partial = Coverage(sources=0, citations=2, citations_linked=0, notes=3, notes_linked=3)
    complete = Coverage(sources=2, citations=2, citations_linked=2, notes=0, notes_linked=0)
    out = render_text([FileResult("a.txt", (), partial), FileResult("b.txt", (), complete)])
    assert out.splitlines()[0] == (
        "a.txt: read 0 sources listed, 0 of 2 citations linked, 3 of 3 notes linked"
    )
    assert len(out.splitlines()) == 2


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
    assert (
        out.splitlines()[0] == "a\\x1b[2K\\x0db.txt: read 0 sources listed, 0 of 2 citations linked"
    )


# --------------------------------------------------------------------------- context, summary


def _with_context(text: str, start: int, end: int, severity: Severity = Severity.ERROR) -> Finding:
    from provenance.excerpts import context

    index = LineIndex(text)
    return Finding(
        rule="weekday-mismatch",
        severity=severity,
        message="m",
        span=index.span(start, end),
        excerpt=text[start:end],
        context=context(text, index.span(start, end)),
    )


def test_the_sentence_and_a_caret_line_follow_the_finding() -> None:
    text = "Preface.\nThey left on Thursday, May 29 and came back. Next sentence.\n"
    start = text.index("Thursday")
    finding = _with_context(text, start, start + len("Thursday, May 29"))
    assert format_finding(finding, "r.txt").splitlines() == [
        "r.txt:2:14: error weekday-mismatch m",
        "  | They left on Thursday, May 29 and came back.",
        "  |              ^" + "~" * 15,
    ]
    assert format_finding(finding, "r.txt", context=False).splitlines() == [
        "r.txt:2:14: error weekday-mismatch m"
    ]


def test_the_caret_stays_under_the_span_after_escaped_control_characters() -> None:
    text = "A \x1b[2J tab\there (Smith 1999) ends.\n"
    start = text.index("(Smith")
    lines = format_finding(_with_context(text, start, start + 12), "r.txt").splitlines()
    assert "\x1b" not in "".join(lines)
    context, caret = lines[1], lines[2]
    assert context[caret.index("^") :].startswith("(Smith 1999)")
    assert len(caret) - caret.index("^") == len("(Smith 1999)")


def test_summary_counts_files_that_could_not_be_checked() -> None:
    results = [FileResult("a.txt", (_finding(Severity.WARNING),))]
    errors = [FileError(f"{n}.txt", "missing") for n in "bcd"]
    assert summary_line(results, errors) == (
        "1 finding (1 warning) in 1 of 4 files; 3 could not be checked"
    )


def test_infos_can_be_left_out_and_are_counted() -> None:
    results = [
        FileResult("a.txt", (_finding(), _finding(Severity.INFO), _finding(Severity.INFO))),
        FileResult("b.txt", (_finding(Severity.INFO),), suppressed=2),
    ]
    text = render_text(results, show_infos=False)
    assert " info " not in text
    assert text.splitlines()[-1] == (
        "1 finding (1 error) in 1 of 2 files; 2 suppressed in the reports; "
        "3 infos not shown (--show-infos)"
    )
    assert render_text(results).splitlines()[-1].startswith("4 findings (1 error, 3 infos) in 2")


def test_statistics_count_findings_by_rule() -> None:
    hedged = attrs.evolve(_finding(Severity.INFO), rule="hedged-claim")
    results = [FileResult("a.txt", (_finding(), hedged, hedged)), FileResult("b.txt", (hedged,))]
    assert statistics(results) == "3  hedged-claim      info\n1  weekday-mismatch  error\n"
    assert statistics([FileResult("a.txt", ())]) == ""


def test_printable_escapes_bidirectional_overrides_and_isolates() -> None:
    # "\u202e" would show the words after it reversed: a finding would read otherwise.
    hidden = "".join(chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
    assert printable(f"a{hidden}b") == "a" + "".join(f"\\u{ord(c):04x}" for c in hidden) + "b"
    assert printable("\u200f\u05e9\u05dc\u05d5\u05dd") == "\u200f\u05e9\u05dc\u05d5\u05dd"

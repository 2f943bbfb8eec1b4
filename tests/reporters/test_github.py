from __future__ import annotations

from provenance.findings import FileError, FileResult, Finding, Severity
from provenance.reporters.github import render_github
from provenance.span import LineIndex


def test_annotations_escape_workflow_command_syntax() -> None:
    text = "x\ny"
    finding = Finding(
        "malformed-url",
        Severity.WARNING,
        "100% broken,\nreally: yes",
        LineIndex(text).span(2, 3),
        "y",
    )
    out = render_github([FileResult("dir,a:b.txt", (finding,))], [FileError("c.pdf", "binary")])
    lines = out.splitlines()
    assert lines[0] == (
        "::warning file=dir%2Ca%3Ab.txt,line=2,col=1,endLine=2,endColumn=1,title=malformed-url"
        "::100%25 broken,%0Areally: yes"
    )
    assert lines[1] == "::error file=c.pdf,title=input::binary"


def test_info_is_a_notice() -> None:
    finding = Finding("hedged-claim", Severity.INFO, "m", LineIndex("ab").span(0, 1), "a")
    assert render_github([FileResult("a.txt", (finding,))]).startswith("::notice ")


def test_control_and_bidirectional_characters_are_shown_escaped() -> None:
    # U+202E would show "gnissim" reversed; an escape sequence could recolour or hide the log.
    text = "x\u202egnissim\u2066 \x1b[2K\x07"
    finding = Finding(
        "malformed-url", Severity.WARNING, f"see {text}\r\nnext", LineIndex(text).span(0, 1), "x"
    )
    out = render_github([FileResult("a\u202eb\x1b.txt", (finding,))])
    assert not any(c in out for c in "\u202e\u2066\x1b\x07\r")
    assert "file=a\\u202eb\\x1b.txt," in out
    assert out.endswith("::see x\\u202egnissim\\u2066 \\x1b[2K\\x07%0Anext\n")

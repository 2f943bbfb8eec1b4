from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

import provenance
from provenance.auditing import (
    Audit,
    ClaimRow,
    DocumentAudit,
    FindingRow,
    FootnoteRow,
    Reliance,
    RuleCount,
    SharedCode,
    SourceRow,
    SourceSummary,
    TimelinePoint,
    build_audit,
)
from provenance.findings import FileError
from provenance.reporters.audit_markdown import render_audit_markdown


def test_markdown_escapes_report_text() -> None:
    text = "A | B *report* [link](http://x) <b>\n\nIt is reported that the police beat him.\n"
    document = provenance.parse(text, "r.txt")
    page = render_audit_markdown(build_audit([(document, provenance.check(document))]))
    assert "## A \\| B \\*report\\* \\[link\\]\\(http\\://x\\) \\<b\\>" in page
    assert "](http" not in page


def test_seed_sections(seed_results: list) -> None:
    page = render_audit_markdown(build_audit(seed_results))
    assert page.startswith("# Provenance audit")
    assert "| 19 | 196 | **missing** |" in page
    assert "### Qualified claims" in page and "**uncorroborated**, line 98" in page


def test_summary_comes_first_and_findings_carry_their_sentence(seed_results: list) -> None:
    audit = build_audit(seed_results)
    page = render_audit_markdown(audit)
    lines = page.split("\n")
    summary = lines.index("## What to fix first")
    assert summary < lines.index("## Across the documents")
    assert next(line for line in lines if line.startswith("## ")) == "## What to fix first"
    # Errors first, then warnings, then the qualified claims, most frequent first in each.
    rows = [line for line in lines[summary:] if line.startswith("| error |")]
    assert rows[0] == "| error | `footnote-without-marker` | 6 | 1 |"
    by_document = lines[lines.index("### By document") + 4]
    assert by_document.endswith("/001\\_57fd68c990b575be.txt | 7 | 2 | 39 |")
    # A finding, then its sentence quoted with the span in bold.
    at = next(i for i, line in enumerate(lines) if line.startswith("- **error** `weekday-mism"))
    assert lines[at].startswith("- **error** `weekday-mismatch`, line 68:44: 'Thursday, May 29'")
    assert lines[at + 1] == (
        "  > They were sent to Kunmin on the morning of **Thursday, May 29** and to Changchun "
        "yesterday."
    )
    # Qualified claims are listed once, under their own heading, not again as findings.
    assert not any("`hedged-claim`, line" in line for line in lines)


# --------------------------------------------------------------------------- hostile text

#: Text that would turn into markup, break a table or a line, or start a block if not escaped.
HOSTILE_TEXTS = (
    "1. starts a list\n\n# and a heading\n| a | b |\n|---|---|",
    "- item\n+ other\n* third",
    "`code` ``more`` ```fence",
    "<script>alert(1)</script> <img src=x onerror=alert(1)> <!-- comment",
    "[link](http://evil.example) ![img](x.png) <http://auto.example> www.evil.example a@b.example",
    "*em* **strong** _em_ __strong__ ~~strike~~ \\*already\\*",
    "> quoted\n>> nested\n---\n===\n    indented code",
    "&lt;b&gt; &#60;i&#62; &amp; | pipe \\| escaped pipe\\",
    '[ref]: http://evil.example "title"',
    "2) also a list",
    "#not-a-heading but close",
)

#: File names with the same tricks, and line breaks the Markdown must not keep.
HOSTILE_PATHS = (
    "dir/`x`.txt",
    "evil\n# Injected heading\n\n- injected item.txt",
    "a|b|c\r\n|---|.md",
    "<b>bold</b>_x_*y*.txt",
    "1. list.txt",
    "-dash.txt",
    "trail\\",
)


def _audit(text: Callable[[int], str], path: Callable[[int], str]) -> Audit:
    """An audit with every text field filled by ``text(i)`` and every path by ``path(i)``."""
    docs = []
    for d in range(len(HOSTILE_PATHS)):
        t = lambda k, d=d: text(d * 13 + k)  # noqa: E731
        quote = t(5)
        docs.append(
            DocumentAudit(
                path=path(d),
                title=t(0),
                code=t(1),
                date=t(2),
                sources=(
                    SourceRow(
                        number=1,
                        section=t(3),
                        line=3,
                        author=t(4),
                        title=t(6),
                        date=t(7),
                        accessed=t(8),
                        url=t(9),
                        index_code=t(10),
                        cited_lines=(1, 2),
                        text=t(11),
                    ),
                    SourceRow(2, t(3), 4, None, None, None, None, None, None, (), t(12)),
                ),
                footnotes=(
                    FootnoteRow(1, (2,), 9, t(4), False),
                    FootnoteRow(2, (), None, "", True),
                ),
                claims=(ClaimRow("hedged", "hedged-claim", 5, "x " + quote, quote, t(6)),),
                timeline=(TimelinePoint(6, t(7), "2001-02-03", 0.5, True),),
                findings=(
                    FindingRow(
                        "weekday-mismatch",
                        "error",
                        7,
                        8,
                        t(8),
                        context=" ".join(t(9).split()),
                        context_start=2,
                        context_length=5,
                    ),
                ),
                citations=3,
                unresolved_citations=1,
                claim_sentences=4,
                linked_notes=1,
            )
        )
    return Audit(
        documents=tuple(docs),
        top_sources=(SourceSummary(text(100), 2, 3),),
        reliance=tuple(Reliance(path(i), 1, 1, 0.25) for i in range(len(HOSTILE_PATHS))),
        shared_codes=(SharedCode(text(101), (path(0), path(1), path(2))),),
        errors=tuple(FileError(path(i), text(102 + i)) for i in range(len(HOSTILE_PATHS))),
        by_rule=(RuleCount("weekday-mismatch", "error", len(HOSTILE_PATHS), len(HOSTILE_PATHS)),),
    )


def _hostile_audit() -> Audit:
    return _audit(lambda i: HOSTILE_TEXTS[i % len(HOSTILE_TEXTS)], lambda i: HOSTILE_PATHS[i])


def _plain_audit() -> Audit:
    return _audit(lambda i: f"text{i}", lambda i: f"file{i}.txt")


def test_hostile_text_adds_no_line_and_no_block() -> None:
    plain = render_audit_markdown(_plain_audit()).split("\n")
    hostile = render_audit_markdown(_hostile_audit()).split("\n")
    # Every line of the template is one line whatever the text; each keeps its block marker.
    assert len(hostile) == len(plain)
    for plain_line, hostile_line in zip(plain, hostile, strict=True):
        for marker in ("#", "|", "- ", "  > "):
            if plain_line.startswith(marker):
                marker = plain_line.split(" ")[0] + " " if marker == "#" else marker
                assert hostile_line.startswith(marker), hostile_line
        if plain_line.startswith("|"):
            assert plain_line.count("|") == _unescaped_pipes(hostile_line), hostile_line
        elif plain_line == "":
            assert hostile_line == ""
    # Text taken from reports never starts a list, a heading or a quote.
    assert not any(line.startswith(("1.", "2)", "+", "* ", ">", "-d")) for line in hostile)
    # Nor opens a tag or a link: every ``<`` and ``[`` of theirs is escaped.
    assert not re.search(r"(?<!\\)[<\[]", "\n".join(hostile))


def _unescaped_pipes(line: str) -> int:
    count, index = 0, 0
    while index < len(line):
        if line[index] == "\\":
            index += 2
            continue
        count += line[index] == "|"
        index += 1
    return count


def _tokens(page: str) -> list[Any]:
    markdown_it = pytest.importorskip("markdown_it")
    pytest.importorskip("linkify_it")
    # CommonMark with GitHub's tables, strikethrough and bare links.
    parser = markdown_it.MarkdownIt("commonmark", {"linkify": True})
    return list(parser.enable(["table", "strikethrough", "linkify"]).parse(page))


def _shape(tokens: list[Any]) -> list[str]:
    shape = []
    for token in tokens:
        shape.append(f"{token.type}/{token.tag}")
        for child in getattr(token, "children", None) or ():
            if child.type not in ("text", "text_special", "softbreak"):
                shape.append(f"  {child.type}/{child.tag}")
    return shape


def test_hostile_text_renders_as_the_same_markdown_structure() -> None:
    plain = _tokens(render_audit_markdown(_plain_audit()))
    hostile = _tokens(render_audit_markdown(_hostile_audit()))
    # The same blocks, table cells and inline markup as plain text gives: nothing the reports
    # wrote became a heading, list, link, image, HTML, code or emphasis.
    assert _shape(hostile) == _shape(plain)
    kinds = {child.type for token in hostile for child in (token.children or ())}
    assert not kinds & {"html_inline", "link_open", "image", "s_open"}


def test_hostile_text_is_shown_as_written() -> None:
    tokens = _tokens(render_audit_markdown(_hostile_audit()))
    headings = [
        "".join(child.content for child in tokens[i + 1].children)
        for i, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == "h2"
    ]
    titles = [" ".join(HOSTILE_TEXTS[(d * 13) % len(HOSTILE_TEXTS)].split()) for d in range(7)]
    assert headings == ["What to fix first", "Across the documents", *titles]
    # A file name's line breaks are shown, not kept.
    page = render_audit_markdown(_hostile_audit())
    assert "evil\\\\n\\# Injected heading\\\\n\\\\n- injected item.txt" in page


@pytest.mark.parametrize(
    ("context", "start", "length", "shown"),
    [
        ("the word(s) here", 8, 3, "the word **\\(s\\)** here"),
        ("a *x* b", 2, 3, "a **\\*x\\*** b"),
        ("plain words here", 6, 5, "plain **words** here"),
    ],
)
def test_excerpt_span_is_bold_whatever_its_edges(
    context: str, start: int, length: int, shown: str
) -> None:
    from provenance.reporters.audit_markdown import _excerpt

    finding = FindingRow("r", "error", 1, 1, "m", 0, 1, context, start, length)
    assert _excerpt(finding) == shown
    tokens = _tokens(shown)
    assert "strong_open" in {child.type for token in tokens for child in (token.children or ())}


def test_timeline_marks_the_documents_own_date() -> None:
    text = "A report\n\n12 March 2001\n\nIn May 1999 and in June 2003 it happened.\n"
    document = provenance.parse(text, "r.txt")
    page = render_audit_markdown(build_audit([(document, provenance.check(document))]))
    timeline = page[page.index("### Timeline of cited dates") :].split("\n")[2:6]
    assert [line.split(":")[0] for line in timeline] == [
        "- 1999-05",
        "- 2001-03-12",
        "- **2001-03-12",
        "- 2003-06",
    ], timeline

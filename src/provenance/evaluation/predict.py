"""This project's reading of a document, in the shape of the ground truth, so it can be scored."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from provenance.findings import Finding, Severity
from provenance.model import Document
from provenance.regex_store import lazy_compile
from provenance.sourcenames import leading_name
from provenance.span import Span

#: Maps an offset of the text read to the line it is scored on (a line of another text that
#: holds the same words, when a PDF or web page is scored against the truth of its text).
LineOf = Callable[[int], int]

#: Rules whose findings are the "date issues" of the ground truth.
DATE_RULES = frozenset(
    {
        "impossible-date",
        "weekday-mismatch",
        "reversed-date-range",
        "accessed-before-published",
        "date-after-document",
        "citation-date-mismatch",
        "index-code-year-mismatch",
        "document-code-conflict",
    }
)


def prediction(
    document: Document, findings: Iterable[Finding], line_of: LineOf | None = None
) -> dict[str, Any]:
    """The document model and its findings as a ground-truth dictionary (FORMAT.md); lines are
    the document's own unless ``line_of`` says where each offset stands."""
    findings = list(findings)
    references = document.references

    def at(span: Span) -> int:
        return span.line if line_of is None else line_of(span.start)

    return {
        "document": {
            "index_code": document.metadata.index_code.text
            if document.metadata.index_code
            else None,
            "date": document.metadata.date.value.iso() if document.metadata.date else None,
        },
        "index_codes": [{"text": m.text, "line": at(m.span)} for m in document.index_codes],
        "references": [
            {
                "line": at(r.span),
                "section": r.section,
                # FORMAT.md's author is the name the entry starts with: the periodical before
                # its writer's name, which the model holds as the container.
                "author": leading_name(r),
                "title": r.entry.title,
                "date": r.entry.date.iso() if r.entry.date is not None else None,
                "accessed": r.entry.accessed.iso() if r.entry.accessed is not None else None,
                "url": r.entry.url,
            }
            for r in references
            # A note's body is read as a source too, but the truth counts list entries only.
            if r.section != "footnote"
        ],
        "citations": [
            {
                "line": at(c.span),
                "text": c.text,
                "reference_line": (
                    at(references[c.reference].span) if c.reference is not None else None
                ),
            }
            for c in document.citations
        ],
        "footnotes": [
            {
                "number": note.number,
                "marker_line": min((at(m.span) for m in note.markers), default=None),
                "body_line": at(note.body.span) if note.body is not None else None,
            }
            for note in document.footnotes
        ],
        "uncorroborated": [
            # The finding marks the claim; the truth marks the words that say it is
            # unconfirmed, which the finding's related place points at when they differ.
            {"line": at(f.related[0].span if f.related else f.span), "text": f.excerpt}
            for f in findings
            if f.rule == "uncorroborated-claim"
        ],
        "hedges": [_hedge(document, f, line_of) for f in findings if f.rule == "hedged-claim"],
        "date_issues": [
            {"line": at(f.span), "kind": f.rule, "text": f.excerpt}
            for f in findings
            if f.rule in DATE_RULES and f.severity is Severity.ERROR
        ],
    }


_QUOTED = lazy_compile(r'"([^"]+)"')


def _hedge(document: Document, finding: Finding, line_of: LineOf | None) -> dict[str, Any]:
    """The hedge word of a hedged-claim finding (quoted in its message) and its own line."""
    quoted = _QUOTED.search(finding.message)
    word = quoted.group(1) if quoted else finding.excerpt
    at = document.text.find(word, finding.span.start, finding.span.end)
    if at < 0:
        at = finding.span.start
    line = document.line_index.line_column(at)[0] if line_of is None else line_of(at)
    return {"line": line, "word": word}


def unexplained_errors(
    truth: Mapping[str, Any], findings: Sequence[Finding], line_of: LineOf | None = None
) -> list[Finding]:
    """Error findings on an unchanged document that its truth does not hold: false alarms.

    The truth holds a missing source where a citation resolves to nothing, a note lacks its call
    or its body, and a date issue it lists; every other error is one a reader would not accept.
    """
    held: set[tuple[str, int]] = set()
    for citation in truth.get("citations") or []:
        if citation.get("reference_line") is None:
            held.add(("citation-without-reference", citation["line"]))
            held.add(("ibid-without-antecedent", citation["line"]))
    for note in truth.get("footnotes") or []:
        if note.get("body_line") is None and note.get("marker_line") is not None:
            held.add(("footnote-without-body", note["marker_line"]))
        if note.get("marker_line") is None and note.get("body_line") is not None:
            held.add(("footnote-without-marker", note["body_line"]))
    for issue in truth.get("date_issues") or []:
        held.add((issue.get("kind") or "", issue["line"]))
    return [
        f
        for f in findings
        if f.severity is Severity.ERROR
        and (f.rule, f.span.line if line_of is None else line_of(f.span.start)) not in held
    ]

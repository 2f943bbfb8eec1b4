"""This project's reading of a document, in the shape of the ground truth, so it can be scored."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from provenance.findings import Finding, Severity
from provenance.model import Document

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


def prediction(document: Document, findings: Iterable[Finding]) -> dict[str, Any]:
    """The document model and its findings as a ground-truth dictionary (FORMAT.md)."""
    findings = list(findings)
    references = document.references
    return {
        "document": {
            "index_code": document.metadata.index_code.text
            if document.metadata.index_code
            else None,
            "date": document.metadata.date.value.iso() if document.metadata.date else None,
        },
        "index_codes": [{"text": m.text, "line": m.span.line} for m in document.index_codes],
        "references": [
            {
                "line": r.span.line,
                "section": r.section,
                "author": r.entry.author,
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
                "line": c.span.line,
                "text": c.text,
                "reference_line": (
                    references[c.reference].span.line if c.reference is not None else None
                ),
            }
            for c in document.citations
        ],
        "footnotes": [
            {
                "number": note.number,
                "marker_line": min((m.span.line for m in note.markers), default=None),
                "body_line": note.body.span.line if note.body is not None else None,
            }
            for note in document.footnotes
        ],
        "uncorroborated": [
            # The finding marks the claim; the truth marks the words that say it is
            # unconfirmed, which the finding's related place points at when they differ.
            {"line": (f.related[0].span if f.related else f.span).line, "text": f.excerpt}
            for f in findings
            if f.rule == "uncorroborated-claim"
        ],
        "hedges": [_hedge(document, f) for f in findings if f.rule == "hedged-claim"],
        "date_issues": [
            {"line": f.span.line, "kind": f.rule, "text": f.excerpt}
            for f in findings
            if f.rule in DATE_RULES and f.severity is Severity.ERROR
        ],
    }


_QUOTED = re.compile(r'"([^"]+)"')


def _hedge(document: Document, finding: Finding) -> dict[str, Any]:
    """The hedge word of a hedged-claim finding (quoted in its message) and its own line."""
    quoted = _QUOTED.search(finding.message)
    word = quoted.group(1) if quoted else finding.excerpt
    at = document.text.find(word, finding.span.start, finding.span.end)
    line = document.line_index.line_column(at)[0] if at >= 0 else finding.span.line
    return {"line": line, "word": word}


def unexplained_errors(truth: Mapping[str, Any], findings: Sequence[Finding]) -> list[Finding]:
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
        f for f in findings if f.severity is Severity.ERROR and (f.rule, f.span.line) not in held
    ]

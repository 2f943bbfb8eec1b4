"""The JSON contract of ``provenance check --format json`` (documented in the README)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import attrs

from provenance.excerpts import Context
from provenance.findings import FileError, FileResult, Finding
from provenance.places import Place

#: Bumped when a key is removed or changes meaning; adding keys does not bump it.
VERSION = 1


def finding_to_dict(finding: Finding, path: str) -> dict[str, Any]:
    span = finding.span
    placed = {} if finding.place is None else {"place": _place(finding.place)}
    return {
        "path": path,
        "rule": finding.rule,
        "severity": str(finding.severity),
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "message": finding.message,
        "related": [
            {
                "line": r.span.line,
                "column": r.span.column,
                "message": r.message,
                **({} if r.place is None else {"place": _place(r.place)}),
            }
            for r in finding.related
        ],
        "fingerprint": finding.fingerprint(),
        "context": _context(finding.context),
        **placed,
    }


def _place(place: Place) -> dict[str, int]:
    """Where a finding stands in a PDF (``page``, ``line`` on it) or in a web page's source."""
    if place.page is None:
        return {"source_line": place.line}
    return {"page": place.page, "line": place.line}


def _context(context: Context | None) -> dict[str, Any] | None:
    """The sentence around the span on one line; ``start`` and ``length`` count characters
    (code points) of ``text``, so ``text[start:start + length]`` is the span."""
    if context is None:
        return None
    return {"text": context.text, "start": context.start, "length": context.length}


def render_json(results: Sequence[FileResult], errors: Sequence[FileError] = ()) -> str:
    payload = {
        "version": VERSION,
        "findings": [
            finding_to_dict(finding, result.path)
            for result in results
            for finding in result.findings
        ],
        "errors": [{"path": error.path, "reason": error.reason} for error in errors],
        "documents": [
            {
                "path": result.path,
                **attrs.asdict(result.coverage),
                "suppressed": result.suppressed,
            }
            for result in results
            if result.coverage is not None
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"

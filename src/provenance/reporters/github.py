"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request."""

from __future__ import annotations

from collections.abc import Sequence

from provenance.findings import FileError, FileResult, Severity
from provenance.reporters.text import printable

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    # Line breaks are the workflow command's own escapes (an annotation may have several
    # lines); every other control character, and the bidirectional overrides, are shown as
    # text output shows them, so that a finding reads in the annotation as it is.
    lines = text.replace("%", "%25").replace("\r\n", "\n").split("\n")
    return "%0A".join(printable(line) for line in lines)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(results: Sequence[FileResult], errors: Sequence[FileError] = ()) -> str:
    lines = []
    for result in results:
        for finding in result.findings:
            span = finding.span
            properties = ",".join(
                [
                    f"file={_escape_property(result.path)}",
                    f"line={span.line}",
                    f"col={span.column}",
                    f"endLine={span.end_line}",
                    f"endColumn={span.end_column}",
                    f"title={_escape_property(finding.rule)}",
                ]
            )
            lines.append(
                f"::{_LEVELS[finding.severity]} {properties}::{_escape_data(finding.message)}"
            )
    for error in errors:
        lines.append(
            f"::error file={_escape_property(error.path)},title=input::{_escape_data(error.reason)}"
        )
    return "\n".join(lines) + ("\n" if lines else "")

"""Findings one a line, as compilers print them: ``path:line:col: severity rule-id message``.

A finding in a PDF says its page and the line on the page instead (``report.pdf:p12:8:``), and
one in a web page the line of the page's source (``page.html:120:``).

Report text and file names are shown with their control characters escaped (``\\x1b``, as
ruff and git do): an escape sequence in a report or a file name must not reach the terminal,
where it could move the cursor, erase the findings above it or retitle the window.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from provenance.findings import FileError, FileResult, Finding, Severity
from provenance.places import Place
from provenance.span import Span

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD = "\033[1m"
_RESET = "\033[0m"

# C0 controls (tab and newline included: every field here is printed on one line), DEL, and the
# C1 controls, among them CSI (U+009B), which some terminals obey like ESC [.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with each control character shown as ``\\xNN``, safe to print on one line."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def format_finding(finding: Finding, path: str, colour: bool = False) -> str:
    """One line for one finding (and one indented line per related place)."""
    path = printable(path)
    where = f"{path}:{_location(finding.span, finding.place)}:"
    severity = str(finding.severity)
    message = printable(" ".join(finding.message.split()))
    if colour:
        where = f"{_BOLD}{where}{_RESET}"
        severity = f"{_COLOURS[finding.severity]}{severity}{_RESET}"
    lines = [f"{where} {severity} {printable(finding.rule)} {message}"]
    for related in finding.related:
        note = printable(" ".join(related.message.split()))
        lines.append(f"{path}:{_location(related.span, related.place)}: note {note}")
    return "\n".join(lines)


def _location(span: Span, place: Place | None) -> str:
    """``line:column`` of the text, or the page and line of a PDF (``p12:8``) or the source
    line of a web page, where the finding was read from one."""
    return place.label() if place is not None else f"{span.line}:{span.column}"


def format_coverage(result: FileResult) -> str | None:
    """What a file's result rests on, where something was not linked (None when all was): a
    clean file whose notes or citations were not read is not a clean file."""
    read = result.coverage
    if read is None or read.complete:
        return None
    return f"{printable(result.path)}: read {read.describe()}"


def render_text(
    results: Sequence[FileResult], errors: Sequence[FileError] = (), colour: bool = False
) -> str:
    """Every finding, one a line, then a count. Input errors go to standard error, not here."""
    del errors  # reported on standard error by the command line as they happen
    lines = [
        format_finding(finding, result.path, colour)
        for result in results
        for finding in result.findings
    ]
    lines += [line for result in results if (line := format_coverage(result))]
    total = sum(len(result.findings) for result in results)
    if total:
        by_severity = {
            level: sum(1 for r in results for f in r.findings if f.severity is level)
            for level in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        }
        parts = [
            f"{count} {level}" + ("s" if count != 1 else "")
            for level, count in by_severity.items()
            if count
        ]
        files = sum(1 for result in results if result.findings)
        lines.append(
            f"{total} finding{'s' if total != 1 else ''} ({', '.join(parts)}) "
            f"in {files} of {len(results)} file{'s' if len(results) != 1 else ''}"
        )
    return "\n".join(lines) + ("\n" if lines else "")

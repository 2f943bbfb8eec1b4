"""Findings one a line, as compilers print them: ``path:line:col: severity rule-id message``.

Report text and file names are shown with their control characters escaped (``\\x1b``, as
ruff and git do): an escape sequence in a report or a file name must not reach the terminal,
where it could move the cursor, erase the findings above it or retitle the window; nor may a
bidirectional override (``\\u202e``), which would show a finding's words in another order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from provenance.findings import FileError, FileResult, Finding, Severity

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD = "\033[1m"
_RESET = "\033[0m"

# C0 controls (tab and newline included: every field here is printed on one line), DEL, and the
# C1 controls, among them CSI (U+009B), which some terminals obey like ESC [. Then the
# bidirectional embeddings, overrides and isolates: shown as they are, they reorder the
# characters after them, so a finding could read differently than it is. (The left-to-right
# and right-to-left marks stay: they override nothing, and Arabic and Hebrew reports use them.)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with each control character shown as ``\\xNN`` (``\\uNNNN`` for the
    bidirectional ones), safe to print on one line."""
    return _CONTROL.sub(_escaped, text)


def format_finding(finding: Finding, path: str, colour: bool = False) -> str:
    """One line for one finding (and one indented line per related place)."""
    path = printable(path)
    where = f"{path}:{finding.span.line}:{finding.span.column}:"
    severity = str(finding.severity)
    message = printable(" ".join(finding.message.split()))
    if colour:
        where = f"{_BOLD}{where}{_RESET}"
        severity = f"{_COLOURS[finding.severity]}{severity}{_RESET}"
    lines = [f"{where} {severity} {printable(finding.rule)} {message}"]
    for related in finding.related:
        note = printable(" ".join(related.message.split()))
        lines.append(f"{path}:{related.span.line}:{related.span.column}: note {note}")
    return "\n".join(lines)


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

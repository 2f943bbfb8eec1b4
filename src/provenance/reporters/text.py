"""Findings one a line, as compilers print them: ``path:line:col: severity rule-id message``.

A finding in a PDF says its page and the line on the page instead (``report.pdf:p12:8:``), and
one in a web page the line of the page's source (``page.html:120:``).

Report text and file names are shown with their control characters escaped (``\\x1b``, as
ruff and git do): an escape sequence in a report or a file name must not reach the terminal,
where it could move the cursor, erase the findings above it or retitle the window; nor may a
bidirectional override (``\\u202e``), which would show a finding's words in another order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from provenance.excerpts import Context
from provenance.findings import FileError, FileResult, Finding, Severity
from provenance.places import Place
from provenance.regex_store import lazy_compile
from provenance.span import Span
from provenance.wording import counted

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD = "\033[1m"
_RESET = "\033[0m"

# C0 controls (tab and newline included: every field here is printed on one line), DEL, and the
# C1 controls, among them CSI (U+009B), which some terminals obey like ESC [. Then the
# bidirectional embeddings, overrides and isolates: shown as they are, they reorder the
# characters after them, so a finding could read differently than it is. (The left-to-right
# and right-to-left marks stay: they override nothing, and Arabic and Hebrew reports use them.)
_CONTROL = lazy_compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with each control character shown as ``\\xNN`` (``\\uNNNN`` for the
    bidirectional ones), safe to print on one line."""
    return _CONTROL.sub(_escaped, text)


#: What starts the lines of a finding's context, as rustc and ruff print the source.
GUTTER = "  | "


def format_finding(finding: Finding, path: str, colour: bool = False, context: bool = True) -> str:
    """A finding as compilers print one: a ``path:line:col: severity rule message`` line, the
    sentence around it with a caret line under the span (``context``, when the finding has
    one), and one ``note`` line per related place."""
    path = printable(path)
    where = f"{path}:{_location(finding.span, finding.place)}:"
    severity = str(finding.severity)
    message = printable(" ".join(finding.message.split()))
    if colour:
        where = f"{_BOLD}{where}{_RESET}"
        severity = f"{_COLOURS[finding.severity]}{severity}{_RESET}"
    lines = [f"{where} {severity} {printable(finding.rule)} {message}"]
    # Worked out from the text on each read (``Finding.context``): read once.
    around = finding.context if context else None
    if around is not None:
        lines += _context_lines(finding, around, colour)
    for related in finding.related:
        note = printable(" ".join(related.message.split()))
        lines.append(f"{path}:{_location(related.span, related.place)}: note {note}")
    return "\n".join(lines)


def _location(span: Span, place: Place | None) -> str:
    """``line:column`` of the text, or the page and line of a PDF (``p12:8``) or the source
    line of a web page, where the finding was read from one."""
    return place.label() if place is not None else f"{span.line}:{span.column}"


def _context_lines(finding: Finding, context: Context, colour: bool) -> list[str]:
    """The context line and the caret line, both escaped: the caret is placed by the escaped
    text, so an escaped control character before the span does not shift it."""
    text, start, length = context.text, context.start, context.length
    before = printable(text[:start])
    span = printable(text[start : start + length])
    pointer = "^" + "~" * max(0, len(span) - 1)
    if colour:
        pointer = f"{_COLOURS[finding.severity]}{pointer}{_RESET}"
    return [
        f"{GUTTER}{before}{span}{printable(text[start + length :])}",
        f"{GUTTER}{' ' * len(before)}{pointer}".rstrip(),
    ]


def format_coverage(result: FileResult) -> str | None:
    """What a file's result rests on, where something was not linked (None when all was): a
    clean file whose notes or citations were not read is not a clean file."""
    read = result.coverage
    if read is None or read.complete:
        return None
    return f"{printable(result.path)}: read {read.describe()}"


def is_shown(finding: Finding, show_infos: bool) -> bool:
    """Whether text output lists ``finding``: infos only when asked for."""
    return show_infos or finding.severity > Severity.INFO


def summary_line(
    results: Sequence[FileResult], errors: Sequence[FileError] = (), show_infos: bool = True
) -> str:
    """One line saying what was found, in how many of the files given, and what is not
    listed: infos left out, findings suppressed in the reports, files that could not be checked.
    Printed on clean runs too, so that silence is never mistaken for a check."""
    shown = [f for r in results for f in r.findings if is_shown(f, show_infos)]
    files = len(results) + len(errors)
    if shown:
        by_severity = [
            counted(sum(1 for f in shown if f.severity is level), str(level))
            for level in (Severity.ERROR, Severity.WARNING, Severity.INFO)
            if any(f.severity is level for f in shown)
        ]
        with_findings = sum(1 for r in results if any(is_shown(f, show_infos) for f in r.findings))
        head = (
            f"{counted(len(shown), 'finding')} ({', '.join(by_severity)}) "
            f"in {with_findings} of {counted(files, 'file')}"
        )
    else:
        head = f"0 findings in {counted(files, 'file')}"
    extras = []
    if errors:
        extras.append(f"{len(errors)} could not be checked")
    suppressed = sum(result.suppressed for result in results)
    if suppressed:
        extras.append(f"{suppressed} suppressed in the reports")
    hidden = sum(1 for r in results for f in r.findings if not is_shown(f, show_infos))
    if hidden:
        extras.append(f"{counted(hidden, 'info')} not shown (--show-infos)")
    return "; ".join([head, *extras])


def statistics(results: Sequence[FileResult]) -> str:
    """How many findings each rule made, most first (``--statistics``), as ruff prints them."""
    counts: dict[tuple[str, Severity], int] = {}
    for result in results:
        for finding in result.findings:
            key = (finding.rule, finding.severity)
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return ""
    rows = sorted(counts.items(), key=lambda item: (-item[1], -item[0][1], item[0][0]))
    width = len(str(rows[0][1]))
    rule_width = max(len(rule) for (rule, _), _ in rows)
    return "".join(
        f"{count:>{width}}  {printable(rule):<{rule_width}}  {severity}\n"
        for (rule, severity), count in rows
    )


def render_text(
    results: Sequence[FileResult],
    errors: Sequence[FileError] = (),
    colour: bool = False,
    *,
    show_infos: bool = True,
    context: bool = True,
    quiet: bool = False,
) -> str:
    """Every finding (infos only with ``show_infos``), what was not read of each file, then a
    summary line (not with ``quiet``). Input errors go to standard error, not here."""
    lines = [
        format_finding(finding, result.path, colour, context)
        for result in results
        for finding in result.findings
        if is_shown(finding, show_infos)
    ]
    if not quiet:
        lines += [line for result in results if (line := format_coverage(result))]
        if results or errors:
            lines.append(summary_line(results, errors, show_infos))
    return "\n".join(lines) + ("\n" if lines else "")

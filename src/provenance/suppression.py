"""Inline suppression: an editor marks a finding checked by hand, with the reason, in the report.

The directive is ``provenance: ignore[RULE-ID,...] REASON``; in Markdown it goes in an HTML
comment, so that it does not show when the report is rendered::

    Returnees are questioned (AI 1999). <!-- provenance: ignore[sources] listed by title -->

    <!-- provenance: ignore[hedged-claim] the source is named in the next paragraph -->
    Returnees are reportedly questioned at the airport.

In a plain-text report it is a line of its own or the end of a line, after ``#`` or ``//`` if
the report has such comments. Like ruff's ``noqa``, a directive that shares its line with text
covers the paragraph that holds it (a paragraph of a report is often one line); a directive on
a line of its own covers the paragraph that follows it. ``RULE-ID`` may be a rule id or a
category; several are separated by commas.

A directive without a reason, or naming a rule that does not exist, suppresses nothing: the
``invalid-suppression`` rule reports it (see ``provenance.rules.suppressions``), so that a typo
never hides a finding and no finding is hidden without a word on why.

Suppression is a step between the rules and the reporters (``apply``): rules stay pure
functions of the document and never see the directives; the findings a directive covers are
taken out and counted, so that the summary can say how many were suppressed.

The directive is the tool's own syntax, not a construct of the reports, so it is read here with
a regular expression (as linters read their ``noqa`` comments) rather than by a report grammar.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

from provenance.findings import Finding
from provenance.records import shared_methods
from provenance.regex_store import lazy_compile

#: The rule that reports malformed directives; a directive cannot suppress it.
RULE_ID = "invalid-suppression"

# ``provenance: ignore[ids] reason``, the reason running to the end of the line or to the end
# of the HTML comment around the directive.
_DIRECTIVE = lazy_compile(
    r"(?P<open><!--[ \t]*)?(?P<marker>(?:#|//)[ \t]*)?"
    r"provenance:[ \t]*ignore\[(?P<ids>[^\]\n]*)\](?P<reason>[^\n]*)"
)
_COMMENT_END = "-->"


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Directive:
    """One ``provenance: ignore[...]`` in a text.

    ``start``/``end``: the directive's own offsets (its HTML comment included); ``names``: the
    rule ids or categories it names; ``reason``: what the editor wrote after them (empty when
    nothing); ``covers``: the offsets of the paragraph it applies to.
    """

    start: int
    end: int
    names: tuple[str, ...]
    reason: str
    covers: tuple[int, int]


def find_directives(text: str) -> Iterator[Directive]:
    """Every directive in ``text``, in order. The scan is linear: each line is looked at once
    for the directive and once for its paragraph's edges."""
    if "provenance:" not in text:
        return
    for match in _DIRECTIVE.finditer(text):
        reason = match["reason"]
        end = match.end()
        if match["open"] is not None:
            closing = reason.find(_COMMENT_END)
            if closing != -1:
                end = match.start("reason") + closing + len(_COMMENT_END)
                reason = reason[:closing]
        names = tuple(name.strip() for name in match["ids"].split(",") if name.strip())
        start = match.start()
        yield Directive(start, end, names, reason.strip(), _covered(text, start, end))


def _line_bounds(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end == -1 else end


def _is_blank(text: str, start: int, end: int) -> bool:
    return not text[start:end].strip()


def _covered(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph a directive at ``text[start:end]`` applies to."""
    line_start, line_end = _line_bounds(text, start)
    if _is_blank(text, line_start, start) and _is_blank(text, end, line_end):
        # A directive on a line of its own: the paragraph after it (after any blank lines),
        # from the directive's line on, since a sentence read across it starts there.
        position = line_end + 1
        while position < len(text):
            next_start, next_end = _line_bounds(text, position)
            if not _is_blank(text, next_start, next_end):
                break
            position = next_end + 1
        if position >= len(text):
            return (len(text), len(text))
        return (line_start, _paragraph_end(text, position))
    return (_paragraph_start(text, line_start), _paragraph_end(text, line_end))


def _paragraph_start(text: str, line_start: int) -> int:
    while line_start > 0:
        previous_start, previous_end = _line_bounds(text, line_start - 1)
        if _is_blank(text, previous_start, previous_end):
            break
        line_start = previous_start
    return line_start


def _paragraph_end(text: str, position: int) -> int:
    _, line_end = _line_bounds(text, position)
    while line_end < len(text):
        next_start, next_end = _line_bounds(text, line_end + 1)
        if _is_blank(text, next_start, next_end):
            break
        line_end = next_end
    return line_end


def problems(directive: Directive, known: Iterable[str]) -> list[str]:
    """What makes a directive invalid (empty when it is valid)."""
    found = []
    unknown = [name for name in directive.names if name not in set(known)]
    if not directive.names:
        found.append("names no rule")
    if unknown:
        found.append("names no known rule: " + ", ".join(repr(name) for name in unknown))
    if not directive.reason:
        found.append("gives no reason (write why the finding does not apply after the ']')")
    return found


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Suppressed:
    """The findings kept for the reporters, and those a directive took out (``reasons``: the
    reason of the directive that took out each, in the same order)."""

    kept: tuple[Finding, ...]
    suppressed: tuple[Finding, ...]
    reasons: tuple[str, ...] = ()


def apply(text: str, findings: Sequence[Finding]) -> Suppressed:
    """``findings`` of the document ``text`` without those its valid directives cover."""
    from provenance.rules.registry import all_rules

    if not findings or "provenance:" not in text:
        return Suppressed(tuple(findings), ())
    rules = all_rules()
    category = {rule.id: rule.category for rule in rules}
    known = {*category, *category.values()}
    cover = _Cover(d for d in find_directives(text) if not problems(d, known))
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    reasons: list[str] = []
    for finding in findings:
        covering = cover.names_at(finding.span.start) if finding.rule != RULE_ID else {}
        name = next((n for n in (finding.rule, category.get(finding.rule)) if n in covering), None)
        if name is None:
            kept.append(finding)
        else:
            suppressed.append(finding)
            reasons.append(covering[name])
    return Suppressed(tuple(kept), tuple(suppressed), tuple(reasons))


class _Cover:
    """The names the directives cover at each offset, each with the reason of the directive
    that names it, looked up in logarithmic time whatever the number of directives. Every
    covered range ends where its paragraph ends, so ranges are grouped by that end; within a
    group an offset is covered by every range that starts at or before it, so a running union
    of their names answers (the nearest directive's reason wins)."""

    def __init__(self, directives: Iterable[Directive]) -> None:
        groups: dict[int, dict[int, dict[str, str]]] = {}
        for directive in directives:
            start, end = directive.covers
            if end > start:
                named = groups.setdefault(end, {}).setdefault(start, {})
                named.update(dict.fromkeys(directive.names, directive.reason))
        self._ends = sorted(groups)
        self._starts: list[list[int]] = []
        self._names: list[list[Mapping[str, str]]] = []
        for end in self._ends:
            running: dict[str, str] = {}
            starts: list[int] = []
            unions: list[Mapping[str, str]] = []
            for start, names in sorted(groups[end].items()):
                running = {**running, **names}
                starts.append(start)
                unions.append(running)
            self._starts.append(starts)
            self._names.append(unions)

    def names_at(self, offset: int) -> Mapping[str, str]:
        group = bisect.bisect_left(self._ends, offset)
        if group == len(self._ends):
            return {}
        index = bisect.bisect_right(self._starts[group], offset) - 1
        return self._names[group][index] if index >= 0 else {}


__all__ = ["RULE_ID", "Directive", "Suppressed", "apply", "find_directives", "problems"]

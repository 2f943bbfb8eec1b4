"""The document's timeline drawn in the HTML audit: static HTML and CSS, no script, no image.

One row per dated statement, in the order of the days it means: the text as written (linked to
its place in the marked copy), a bar over the days it resolves to on a shared time axis, and
how it was found (written, year inferred, resolved from an anchor, an age or a span of time set
against its dates). A statement a timeline rule found in conflict is outlined, with the rule
and its message under it. The document's own date is a dashed line through every row.

Rows rather than dots on one line, so that every label is readable whatever the number of
statements; the axis holds the bulk of the dates, and a statement far from them (an 1823 treaty
among 2010s events) is drawn in a gutter beyond a marked break, with its year written, so that
one outlier does not squash the rest.
"""

from __future__ import annotations

import math
from html import escape

from provenance.auditing import DocumentAudit, TimelineEvent
from provenance.render.dates import FULL_MONTHS

#: More rows than this start collapsed, under a line that counts them and their conflicts.
OPEN_ROWS = 40
#: Width of a gutter for the statements beyond a break, in percent of the track.
GUTTER = 10.0

_PROVENANCE_LABELS = {
    "written": "written",
    "inferred": "year inferred",
    "resolved": "resolved",
    "age": "age",
    "duration": "span of time",
}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def bulk_range(positions: list[float]) -> tuple[float, float]:
    """The stretch of the axis that holds the bulk of the statements: an extreme is left
    beyond a break when the gap to its neighbour is wider than the rest of the dates spread
    (and than five years), at most a quarter of the statements on each side; a few dates
    and a long gap (an 1823 founding among 1999-2005 events) are enough to tell."""
    ordered = sorted(positions)
    low, high = 0, len(ordered) - 1
    limit = len(ordered) // 4
    for _ in range(limit):
        if high - low < 2:
            break
        gap = ordered[low + 1] - ordered[low]
        if gap > max(5.0, ordered[high] - ordered[low + 1]):
            low += 1
        else:
            break
    for _ in range(limit):
        if high - low < 2:
            break
        gap = ordered[high] - ordered[high - 1]
        if gap > max(5.0, ordered[high - 1] - ordered[low]):
            high -= 1
        else:
            break
    return ordered[low], ordered[high]


class _Axis:
    """Where a moment falls on the track, in percent: the bulk between the gutters, the
    statements beyond it spread in their gutter in date order."""

    def __init__(self, events: list[TimelineEvent], own: float | None) -> None:
        middles = [_middle(e) for e in events]
        bulk_low, bulk_high = bulk_range(middles + ([own] if own is not None else []))
        if own is not None:
            bulk_low, bulk_high = min(bulk_low, own), max(bulk_high, own)
        self.before = sorted({m for m in middles if m < bulk_low})
        self.after = sorted({m for m in middles if m > bulk_high})
        self.low = float(math.floor(bulk_low))
        self.high = float(math.floor(bulk_high) + 1)
        self.left = GUTTER if self.before else 0.0
        self.right = 100.0 - (GUTTER if self.after else 0.0)
        # Where each far statement goes in its gutter, by rank (looked up once per row).
        self._rank = {m: (i, len(self.before), 0.0) for i, m in enumerate(self.before)}
        self._rank.update({m: (i, len(self.after), self.right) for i, m in enumerate(self.after)})

    def x(self, position: float) -> float:
        clipped = min(max(position, self.low), self.high)
        return self.left + (clipped - self.low) / (self.high - self.low) * (self.right - self.left)

    def outside(self, event: TimelineEvent) -> bool:
        return _middle(event) in self._rank

    def gutter_x(self, event: TimelineEvent) -> float:
        rank, size, start = self._rank[_middle(event)]
        return start + (rank + 1) / (size + 1) * GUTTER

    def ticks(self) -> list[tuple[float, str]]:
        span = self.high - self.low
        if span <= 2:
            months = 3 if span > 1 else 1
            out = []
            for index in range(0, int(span * 12) + 1, months):
                year, month = divmod(int(self.low) * 12 + index, 12)
                label = f"{year}" if month == 0 else _MONTHS[month]
                out.append((self.x(year + month / 12), label))
            return out
        step = (
            1 if span <= 12 else 2 if span <= 25 else 5 if span <= 60 else 10 if span <= 150 else 25
        )
        first = int(self.low) + (-int(self.low)) % step
        return [(self.x(year), str(year)) for year in range(first, int(self.high) + 1, step)]


_MONTHS = ("", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def readable(value: str) -> str:
    """An ISO 8601 value as a reader says it: ``2004-09`` is September 2004, ``2004-06-24/
    2004-08-07`` is 24 June 2004 to 7 August 2004."""
    if "/" in value:
        first, last = value.split("/", 1)
        return f"{readable(first)} to {readable(last)}"
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {FULL_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{FULL_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return value


def _middle(event: TimelineEvent) -> float:
    assert event.first is not None and event.last is not None
    return (event.first + event.last) / 2


def _bar(axis: _Axis, event: TimelineEvent) -> str:
    if event.first is None or event.last is None:
        return '<span class="ev-none">not resolved</span>'
    if axis.outside(event):
        x = axis.gutter_x(event)
        return (
            f'<span class="ev-bar ev-point" style="left:{x:.2f}%"></span>'
            f'<span class="ev-far" style="left:{x:.2f}%">{math.floor(_middle(event))}</span>'
        )
    start, end = axis.x(event.first), axis.x(event.last)
    cut = (" cut-start" if event.first < axis.low else "") + (
        " cut-end" if event.last > axis.high else ""
    )
    return (
        f'<span class="ev-bar{cut}" style="left:{start:.2f}%;width:{max(0.0, end - start):.2f}%">'
        "</span>"
    )


def _how(index: int, event: TimelineEvent) -> str:
    """How the value was found, in words: 'resolved from “August 2003” (line 39)'."""
    parts = [f'<span class="ev-kind">{_e(_PROVENANCE_LABELS[event.provenance])}</span>']
    if event.anchor:
        target = (
            f' (<a href="#doc-{index + 1}-at-{event.anchor_start}">line {event.anchor_line}</a>)'
            if event.anchor_start is not None
            else ""
        )
        counted = "of a person" if event.provenance == "age" else "from"
        parts.append(f"{counted} “{_e(event.anchor)}”{target}")
    if event.stated:
        relation = {
            "age": "on",
            "duration": "against",
        }.get(event.provenance, "written with")
        parts.append(f"{relation} “{_e(event.stated)}”")
    if event.provenance == "resolved" or event.provenance == "inferred":
        parts.append(f"{_e(event.confidence)} confidence")
    if event.agrees is True:
        parts.append("agrees")
    return " · ".join(parts)


def timeline_chart(index: int, doc: DocumentAudit) -> str:
    """The timeline of document ``index`` as rows on a shared axis, or a line saying it has
    none."""
    events = list(doc.events)
    if not events:
        return '<p class="empty">No dated statements in the running text.</p>'
    placed = [e for e in events if e.first is not None]
    own = doc.date_position
    conflicts = sum(1 for e in events if e.conflicts)
    caption = f"{len(events)} dated statements" + (
        f", {conflicts} in conflict" if conflicts else ", none in conflict"
    )
    if not placed:
        axis = None
    else:
        axis = _Axis(placed, own)
        caption += f", {math.floor(min(_middle(e) for e in placed))} to "
        caption += f"{math.floor(max(_middle(e) for e in placed))}"
        if axis.before or axis.after:
            caption += "; axis broken for statements far from the rest"
    out = [f'<figure class="events" id="doc-{index + 1}-events">']
    out.append(f"<figcaption>{_e(caption)}</figcaption>")
    own_line = ""
    if axis is not None and own is not None:
        own_line = f'<span class="ev-own" style="left:{axis.x(own):.2f}%"></span>'
    header = ['<div class="ev-row ev-head"><span>statement</span><span class="ev-track">']
    if axis is not None:
        for x, label in axis.ticks():
            # A label at either end of the track stays inside it.
            edge = " ev-tick-start" if x < 4 else " ev-tick-end" if x > 96 else ""
            header.append(f'<span class="ev-tick{edge}" style="left:{x:.2f}%">{_e(label)}</span>')
        for beyond, x in ((axis.before, axis.left - 4), (axis.after, axis.right + 4)):
            if beyond:
                header.append(f'<span class="ev-break" style="left:{x:.2f}%">//</span>')
        if own is not None:
            header.append(
                f'<span class="ev-own-label" style="left:{axis.x(own):.2f}%">'
                f"document dated {_e(doc.date or '')}</span>"
            )
    header.append("</span><span>resolved to, and how</span></div>")
    out.append("".join(header))
    out.append('<ol class="ev-rows">')
    for event in events:
        classes = f"ev-row ev-{event.provenance}" + (" ev-conflict" if event.conflicts else "")
        track = (_bar(axis, event) if axis is not None else "") + own_line
        if axis is None:
            track = '<span class="ev-none">not resolved</span>'
        row = [
            f'<li class="{classes}">',
            f'<span class="ev-label"><a href="#doc-{index + 1}-at-{event.start}">'
            f"line {event.line}</a> “{_e(event.text)}”</span>",
            f'<span class="ev-track">{track}</span>',
            f'<span class="ev-how"><strong title="{_e(event.value or "")}">'
            f"{_e(readable(event.value) if event.value else 'not resolved')}</strong> "
            f"{_how(index, event)}</span>",
        ]
        for rule, message in zip(event.conflicts, event.messages, strict=True):
            row.append(
                f'<span class="ev-message"><span class="badge error">conflict</span> '
                f"<code>{_e(rule)}</code> {_e(message)}</span>"
            )
        row.append("</li>")
        out.append("".join(row))
    out.append("</ol>")
    out.append(
        '<p class="ev-legend"><span class="ev-key ev-written"></span> date as written '
        '<span class="ev-key ev-inferred"></span> year inferred from context '
        '<span class="ev-key ev-resolved"></span> resolved from an anchor '
        '<span class="ev-key ev-age"></span> age or span of time, at the dates it is checked on '
        '<span class="ev-key ev-conflict"></span> in conflict '
        '<span class="ev-key ev-own-key"></span> the document\'s own date</p>'
    )
    if doc.figure_conflicts:
        out.append('<ul class="ev-figures">')
        for finding in doc.figure_conflicts:
            out.append(
                f'<li><span class="badge error">conflict</span> <code>{_e(finding.rule)}</code> '
                f'<a href="#doc-{index + 1}-at-{finding.start}">line {finding.line}</a> '
                f"{_e(finding.message)}</li>"
            )
        out.append("</ul>")
    out.append("</figure>")
    body = "\n".join(out)
    if len(events) > OPEN_ROWS:
        return f"<details><summary>{_e(caption)}</summary>\n{body}\n</details>"
    return body

"""The audit report as one self-contained HTML page: no network, printable, usable offline.

The page opens with what to fix first (errors and warnings by rule and by document), then each
document: its findings with the sentence around each, its qualified claims, a timeline of the
dates it cites, its sources and notes, and a copy of its text in which every finding, citation,
note call and date is highlighted and can be linked to. Long lists start collapsed.

One small inline script (``FILTER_SCRIPT``, the page's only script, allowed by a
Content-Security-Policy hash and nothing else) filters findings by severity and rule and opens
collapsed sections when a link points into them. Without it the page shows everything.

Everything taken from a report is escaped, in text, attributes and SVG alike: a report is
untrusted input, and a title such as ``"><img src=x onerror=...>`` must show as text.
"""

from __future__ import annotations

import base64
import hashlib
import math
from collections import defaultdict
from html import escape
from importlib import resources

from provenance.auditing import Audit, DocumentAudit, FindingRow, Mark, TimelinePoint
from provenance.reporters.audit_timeline import timeline_chart
from provenance.wording import counted

#: Lists longer than this start collapsed, so that a long report's page stays manageable.
COLLAPSE_AFTER = 15
#: An audit of more documents than this shows each collapsed, under its title and counts.
OPEN_DOCUMENTS = 5

FILTER_SCRIPT = """
(function () {
  "use strict";
  var form = document.getElementById("filter");
  function apply() {
    var wanted = {};
    form.querySelectorAll("input[name=severity]").forEach(function (box) {
      wanted[box.value] = box.checked;
    });
    var rule = form.elements.rule.value;
    var shown = 0, total = 0;
    document.querySelectorAll("[data-severity]").forEach(function (item) {
      var severities = item.getAttribute("data-severity").split(" ");
      var rules = item.getAttribute("data-rule").split(" ");
      var keep = severities.some(function (s) { return wanted[s]; }) &&
        (rule === "" || rules.indexOf(rule) >= 0);
      item.hidden = !keep;
      total += 1;
      if (keep) { shown += 1; }
    });
    form.querySelector("output").textContent = shown + " of " + total + " shown";
  }
  function reveal() {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    if (target) { target.scrollIntoView({block: "center"}); }
  }
  if (form) {
    form.hidden = false;
    form.addEventListener("change", apply);
    apply();
  }
  window.addEventListener("hashchange", reveal);
  // A printed audit shows every section, collapsed or not.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (section) { section.open = true; });
  });
  if (location.hash) { reveal(); }
})();
"""

_SEVERITIES = ("error", "warning", "info")
# Which highlight wins the colour where several overlap.
_MARK_ORDER = ("error", "warning", "info", "citation", "note-call", "note-text", "date", "source")


def _css() -> str:
    return resources.files("provenance.reporters").joinpath("audit.css").read_text("utf-8")


def _script_hash() -> str:
    digest = hashlib.sha256(FILTER_SCRIPT.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _badge(severity: str) -> str:
    return f'<span class="badge {_e(severity)}">{_e(severity)}</span>'


def _anchor(index: int) -> str:
    return f"doc-{index + 1}"


def _at(index: int, offset: int) -> str:
    """The id of the place ``offset`` in the rendered copy of document ``index``."""
    return f"{_anchor(index)}-at-{offset}"


def _details(summary: str, body: str, *, open_: bool, cls: str = "") -> str:
    attributes = (f' class="{cls}"' if cls else "") + (" open" if open_ else "")
    return f"<details{attributes}><summary>{summary}</summary>\n{body}\n</details>"


# --------------------------------------------------------------------------- timeline


def _bulk(positions: list[float]) -> tuple[float, float]:
    """The stretch of the axis that holds the bulk of the dates: from the 5th to the 95th
    percentile, widened to the extremes unless an extreme lies further out than the bulk is
    wide (a 1823 treaty among 2010s sources), which is then drawn beyond a break."""
    ordered = sorted(positions)
    low, high = ordered[0], ordered[-1]
    if len(ordered) < 5:
        return low, high
    q05 = ordered[round(0.05 * (len(ordered) - 1))]
    q95 = ordered[round(0.95 * (len(ordered) - 1))]
    width = max(5.0, q95 - q05)
    if q05 - low > width:
        low = min(p for p in ordered if p >= q05 - width / 2)
    if high - q95 > width:
        high = max(p for p in ordered if p <= q95 + width / 2)
    return low, high


def timeline_svg(
    points: tuple[TimelinePoint, ...],
    label: str,
    *,
    own_date: str | None = None,
    own_position: float | None = None,
    link: str | None = None,
) -> str:
    """An inline SVG timeline: year ticks, one dot per cited date (stacked, with a count where a
    stack overflows), the document's own date as a dashed line, and dates far from the bulk
    drawn beyond a marked break at either end so that one outlier does not squash the axis.

    A linear axis is kept for the bulk because its question is "how old are the sources
    against the report's date": a log or rank axis would distort those distances."""
    if not points:
        return '<p class="empty">No dated statements.</p>'
    width, height, left, right, axis_y = 1000, 136, 40, 30, 86
    positions = [p.position for p in points]
    if own_position is not None:
        positions.append(own_position)
    bulk_low, bulk_high = _bulk(positions)
    if own_position is not None:
        bulk_low, bulk_high = min(bulk_low, own_position), max(bulk_high, own_position)
    before = sorted((p for p in points if p.position < bulk_low), key=lambda p: p.position)
    after = sorted((p for p in points if p.position > bulk_high), key=lambda p: p.position)
    gutter = 110
    axis_left = left + (gutter if before else 0)
    axis_right = width - right - (gutter if after else 0)
    low = math.floor(bulk_low)
    high = math.floor(bulk_high) + 1
    span = max(1, high - low)
    step = 1 if span <= 15 else 2 if span <= 30 else 5 if span <= 75 else 10 if span <= 150 else 25

    def x(position: float) -> float:
        return axis_left + (position - low) / span * (axis_right - axis_left)

    first, last = min(p.position for p in points), max(p.position for p in points)
    caption = (
        f"Timeline of the {len(points)} dates cited, {math.floor(first)} to {math.floor(last)}"
    )
    if before or after:
        caption += "; axis broken for dates far from the rest"
    parts = [
        f'<svg role="img" viewBox="0 0 {width} {height}" width="100%" class="timeline" '
        f'aria-labelledby="{_e(label)}-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{_e(label)}-title">{_e(caption)}</title>',
        f'<line x1="{axis_left}" y1="{axis_y}" x2="{axis_right}" y2="{axis_y}" class="axis" />',
    ]
    first_tick = low + (-low) % step
    for year in range(first_tick, high + 1, step):
        tick = x(year)
        parts.append(
            f'<line x1="{tick:.1f}" y1="{axis_y - 5}" x2="{tick:.1f}" y2="{axis_y + 5}" '
            'class="axis" />'
            f'<text x="{tick:.1f}" y="{axis_y + 20}" text-anchor="middle">{year}</text>'
        )
    placed: list[tuple[float, TimelinePoint]] = [
        (x(p.position), p) for p in points if bulk_low <= p.position <= bulk_high
    ]
    for group, start in ((before, left), (after, width - right - gutter)):
        if not group:
            continue
        end = start + gutter
        edge = start + gutter - 14 if group is before else start + 14
        parts.append(
            f'<line x1="{start + 6}" y1="{axis_y}" x2="{end - 6}" y2="{axis_y}" class="axis" />'
            f'<path d="M{edge - 7} {axis_y + 8} l6 -16 M{edge} {axis_y + 8} l6 -16" '
            'class="break" />'
        )
        inner = (start + 10, end - 28) if group is before else (start + 28, end - 10)
        for rank, point in enumerate(group):
            cx = inner[0] + (rank + 1) / (len(group) + 1) * (inner[1] - inner[0])
            placed.append((cx, point))
        years = sorted({math.floor(p.position) for p in group})
        shown = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        parts.append(
            f'<text x="{(inner[0] + inner[1]) / 2:.1f}" y="{axis_y + 20}" '
            f'text-anchor="middle" class="outlier">{shown}</text>'
        )
    stacks: dict[int, int] = defaultdict(int)
    tops: dict[int, float] = {}
    for cx, point in sorted(placed, key=lambda item: item[0]):
        slot = round(cx / 8)
        level = stacks[slot]
        stacks[slot] += 1
        tops[slot] = cx
        if level >= 6:
            continue
        cy = axis_y - 10 - level * 8
        fill = "none" if point.inferred else "currentColor"
        note = " (year inferred from context)" if point.inferred else ""
        dot = (
            f'<circle cx="{cx:.1f}" cy="{cy}" r="3.5" fill="{fill}" class="dot">'
            f"<title>{_e(point.text)} = {_e(point.iso)}, line {point.line}{_e(note)}</title>"
            "</circle>"
        )
        if link is not None:
            dot = f'<a href="#{_e(link)}-at-{point.start}">{dot}</a>'
        parts.append(dot)
    # Neighbouring overflowing stacks share one count, so that their numbers do not overlap.
    runs: list[list[int]] = []
    for slot in sorted(slot for slot, count in stacks.items() if count > 6):
        if runs and tops[slot] - tops[runs[-1][-1]] < 24:
            runs[-1].append(slot)
        else:
            runs.append([slot])
    for run in runs:
        middle = (tops[run[0]] + tops[run[-1]]) / 2
        parts.append(
            f'<text x="{middle:.1f}" y="{axis_y - 62}" text-anchor="middle" '
            f'class="count">{sum(stacks[slot] for slot in run)}</text>'
        )
    if own_position is not None:
        ox = x(own_position)
        anchor = "end" if ox > width - 150 else "start" if ox < 150 else "middle"
        parts.append(
            f'<line x1="{ox:.1f}" y1="16" x2="{ox:.1f}" y2="{axis_y + 6}" class="own" />'
            f'<text x="{ox:.1f}" y="11" text-anchor="{anchor}" class="own">'
            f"document dated {_e(own_date or '')}</text>"
        )
    parts.append(
        f'<g transform="translate(0 {height - 8})">'
        '<circle cx="48" cy="-4" r="3.5" class="dot" fill="currentColor" />'
        '<text x="56" y="0">date as written</text>'
        '<circle cx="160" cy="-4" r="3.5" class="dot" fill="none" />'
        '<text x="168" y="0">year inferred from context</text>'
        '<line x1="330" y1="-10" x2="330" y2="2" class="own" />'
        '<text x="336" y="0">the document\'s own date</text>'
        '<text x="500" y="0">a number: dates stacked at one place</text></g>'
    )
    parts.append("</svg>")
    return "".join(parts)


def sources_chart_svg(audit: Audit) -> str:
    """Horizontal bars: how often the most relied-on sources are cited across the corpus."""
    rows = [s for s in audit.top_sources if s.citations][:10]
    if not rows:
        return ""
    most = max(s.citations for s in rows)
    bar_left, width, row_height = 330, 900, 22
    height = row_height * len(rows) + 10
    parts = [
        f'<svg role="img" viewBox="0 0 {width} {height}" width="100%" '
        'aria-labelledby="sources-chart-title" xmlns="http://www.w3.org/2000/svg">',
        '<title id="sources-chart-title">Most cited sources across the documents</title>',
    ]
    for index, source in enumerate(rows):
        y = 5 + index * row_height
        length = (width - bar_left - 60) * source.citations / most
        name = source.name if len(source.name) <= 48 else source.name[:47] + "…"
        parts.append(
            f'<text x="{bar_left - 8}" y="{y + 14}" text-anchor="end">{_e(name)}</text>'
            f'<rect x="{bar_left}" y="{y + 3}" width="{length:.1f}" height="14" fill="#0b5cad">'
            f"<title>{_e(source.name)}: {source.citations} citations in "
            f"{source.documents} document(s)</title></rect>"
            f'<text x="{bar_left + length + 6:.1f}" y="{y + 14}">{source.citations}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


# --------------------------------------------------------------------------- pieces


def _highlight(quote: str, marker: str | None) -> str:
    if marker:
        at = quote.casefold().find(marker.casefold())
        if at >= 0:
            end = at + len(marker)
            return f"{_e(quote[:at])}<mark>{_e(quote[at:end])}</mark>{_e(quote[end:])}"
    return _e(quote)


def _excerpt(finding: FindingRow) -> str:
    """The finding's sentence with its span marked."""
    if not finding.context:
        return ""
    text, start = finding.context, finding.context_start
    end = start + finding.context_length
    return (
        f'<div class="excerpt">{_e(text[:start])}<mark>{_e(text[start:end])}</mark>'
        f"{_e(text[end:])}</div>"
    )


def _lines(lines: tuple[int, ...]) -> str:
    return ", ".join(str(line) for line in lines) if lines else "—"


def _linked_lines(index: int, lines: tuple[int, ...], starts: tuple[int, ...]) -> str:
    """Line numbers, each a link to its place in the marked copy where its offset is known."""
    if len(starts) != len(lines):
        return _lines(lines)
    return (
        ", ".join(
            f'<a href="#{_at(index, start)}">{line}</a>'
            for line, start in zip(lines, starts, strict=True)
        )
        or "—"
    )


def rendered_text(index: int, text: str, marks: tuple[Mark, ...]) -> str:
    """The document's text, escaped, with each mark highlighted and an anchor where it starts.

    Marks may overlap (a finding over a citation); the text is cut at every mark boundary and
    each piece carries the classes of the marks over it, so the output stays linear in size."""
    size = len(text)
    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, list[int]] = defaultdict(list)
    for number, mark in enumerate(marks):
        start = min(max(0, mark.start), size)
        end = min(max(start, mark.end), size)
        starts[start].append(number)
        ends[end].append(number)
    bounds = sorted({0, size, *starts, *ends})
    active: dict[int, Mark] = {}
    out: list[str] = []
    for position, following in zip(bounds, [*bounds[1:], None], strict=True):
        for number in ends.get(position, ()):
            active.pop(number, None)
        opening = starts.get(position, ())
        if opening:
            out.append(f'<span class="at" id="{_at(index, position)}"></span>')
        for number in opening:
            mark = marks[number]
            if min(mark.end, size) > position:
                active[number] = mark
            elif mark.kind in _SEVERITIES:
                out.append(f'<mark class="m-{mark.kind} point" title="{_e(mark.label)}">⚑</mark>')
        if following is None:
            break
        piece = _e(text[position:following])
        if active:
            kinds = sorted({m.kind for m in active.values()}, key=_MARK_ORDER.index)
            labels = list(dict.fromkeys(m.label for m in active.values()))
            title = "\n".join(labels[:4]) + (
                f"\n(+{len(labels) - 4} more)" if len(labels) > 4 else ""
            )
            classes = " ".join(f"m-{kind}" for kind in kinds)
            out.append(f'<mark class="{classes}" title="{_e(title)}">{piece}</mark>')
        else:
            out.append(piece)
    return '<div class="text">' + "".join(out) + "</div>"


# --------------------------------------------------------------------------- sections


def _findings_table(index: int, doc: DocumentAudit) -> str:
    rows = [
        '<table class="findings"><thead><tr><th>severity</th><th>rule</th><th>where</th>'
        "<th>finding</th></tr></thead><tbody>"
    ]
    for finding in doc.findings:
        rows.append(
            f'<tr data-severity="{_e(finding.severity)}" data-rule="{_e(finding.rule)}">'
            f"<td>{_badge(finding.severity)}</td><td><code>{_e(finding.rule)}</code></td>"
            f'<td class="num"><a href="#{_at(index, finding.start)}" '
            f'title="show in the text">{_e(finding.where)}</a></td>'
            f"<td>{_e(finding.message)}{_excerpt(finding)}</td></tr>"
        )
    rows.append("</tbody></table>")
    return "\n".join(rows)


def _claims_list(index: int, doc: DocumentAudit) -> str:
    items = ['<ul class="claims">']
    for claim in doc.claims:
        rules = claim.rules or (claim.rule,)
        severities = claim.severities or (claim.severity,)
        kinds = ", ".join(claim.kinds or (claim.kind,))
        items.append(
            f'<li data-severity="{_e(" ".join(dict.fromkeys(severities)))}" '
            f'data-rule="{_e(" ".join(rules))}">'
            f"{_badge(severities[0])} <strong>{_e(kinds)}</strong>, "
            f'<a href="#{_at(index, claim.start)}">line {claim.line}</a>'
            f"<blockquote>{_highlight(claim.quote, claim.marker)}</blockquote></li>"
        )
    items.append("</ul>")
    return "\n".join(items)


def _sources_table(index: int, doc: DocumentAudit) -> str:
    out = [
        "<table><thead><tr><th>#</th><th>section</th><th>source</th><th>date</th>"
        "<th>accessed</th><th>cited (lines)</th><th>line</th></tr></thead><tbody>"
    ]
    for row in doc.sources:
        label = " — ".join(_e(part) for part in (row.author, row.title) if part) or _e(
            row.text[:120]
        )
        if row.index_code:
            label += f" <code>{_e(row.index_code)}</code>"
        if row.url:
            label += f"<br><code>{_e(row.url)}</code>"
        cited = (
            f"{row.times_cited}× ({_linked_lines(index, row.cited_lines, row.cited_at)})"
            if row.times_cited
            else '<span class="unresolved">never cited</span>'
            if row.section == "references"
            else "0"
        )
        out.append(
            f'<tr><td class="num">{row.number}</td><td>{_e(row.section)}</td><td>{label}</td>'
            f"<td>{_e(row.date or '—')}</td><td>{_e(row.accessed or '—')}</td>"
            f'<td>{cited}</td><td class="num">'
            f'<a href="#{_at(index, row.start)}">{row.line}</a></td></tr>'
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def _footnotes_table(index: int, doc: DocumentAudit) -> str:
    out = [
        "<table><thead><tr><th>note</th><th>called on lines</th><th>text (line)</th></tr>"
        "</thead><tbody>"
    ]
    for note in doc.footnotes:
        if note.body_line is None:
            body = '<span class="unresolved">missing</span>'
        else:
            recovered = " <em>(number recovered from OCR damage)</em>" if note.recovered else ""
            line = (
                f'<a href="#{_at(index, note.body_start)}">{note.body_line}</a>'
                if note.body_start is not None
                else str(note.body_line)
            )
            body = f"{_e(note.excerpt)} ({line}){recovered}"
        calls = (
            _linked_lines(index, note.marker_lines, note.marker_starts)
            if note.marker_lines
            else '<span class="unresolved">never called</span>'
        )
        out.append(f'<tr><td class="num">{note.number}</td><td>{calls}</td><td>{body}</td></tr>')
    out.append("</tbody></table>")
    return "\n".join(out)


def _dates_table(index: int, doc: DocumentAudit) -> str:
    out = ["<table><thead><tr><th>date</th><th>as written</th><th>where</th></tr></thead><tbody>"]
    for point in sorted(doc.timeline, key=lambda p: (p.position, p.start)):
        inferred = " <em>(year inferred)</em>" if point.inferred else ""
        out.append(
            f"<tr><td>{_e(point.iso)}{inferred}</td><td>{_e(point.text)}</td>"
            f'<td class="num"><a href="#{_at(index, point.start)}">line {point.line}</a></td></tr>'
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def _document_section(index: int, doc: DocumentAudit, *, open_: bool = True) -> str:
    counts = (
        f'<span class="counts">{counted(doc.count("error"), "error")}, '
        f"{counted(doc.count('warning'), 'warning')}, "
        f"{counted(len(doc.claims), 'qualified claim')}</span>"
    )
    out = [
        f'<section class="document"><details id="{_anchor(index)}"{" open" if open_ else ""}>'
        f"<summary><h2>{_e(doc.title or doc.path)}</h2> {counts}</summary>"
    ]
    facts = [f"<code>{_e(doc.path)}</code>"]
    if doc.code:
        facts.append(f"own code <strong>{_e(doc.code)}</strong>")
    if doc.date:
        facts.append(f"dated <strong>{_e(doc.date)}</strong>")
    out.append(f'<p class="meta">{" · ".join(facts)}</p>')
    out.append(
        '<div class="summary-cards">'
        f'<div class="card"><strong>{doc.count("error")}</strong>errors</div>'
        f'<div class="card"><strong>{doc.count("warning")}</strong>warnings</div>'
        f'<div class="card"><strong>{len(doc.claims)}</strong>qualified claims</div>'
        f'<div class="card"><strong>{len(doc.sources)}</strong>sources</div>'
        f'<div class="card"><strong>{doc.citations}</strong>in-text citations'
        + (f" ({doc.unresolved_citations} unresolved)" if doc.unresolved_citations else "")
        + "</div>"
        f'<div class="card"><strong>{len(doc.footnotes)}</strong>footnotes'
        + (
            f" ({doc.linked_notes} linked to their call)"
            if doc.linked_notes != len(doc.footnotes)
            else ""
        )
        + "</div></div>"
    )
    findings = _findings_table(index, doc) if doc.findings else '<p class="empty">No findings.</p>'
    out.append(
        _details(
            f"<h3>Findings ({len(doc.findings)})</h3>",
            findings,
            open_=0 < len(doc.findings) <= COLLAPSE_AFTER,
        )
    )
    claims = (
        _claims_list(index, doc)
        if doc.claims
        else '<p class="empty">The document marks no claim as uncorroborated, hedged or '
        "anonymously sourced.</p>"
    )
    out.append(
        _details(
            f"<h3>Qualified claims ({len(doc.claims)})</h3>",
            claims,
            open_=0 < len(doc.claims) <= COLLAPSE_AFTER,
        )
    )
    out.append(
        _details(
            f"<h3>Timeline of events ({len(doc.events)})</h3>",
            timeline_chart(index, doc),
            open_=True,
        )
    )
    timeline = timeline_svg(
        doc.timeline,
        _anchor(index) + "-timeline",
        own_date=doc.date,
        own_position=doc.date_position,
        link=_anchor(index),
    )
    if doc.timeline:
        timeline += _details(
            f"Dates cited ({len(doc.timeline)})", _dates_table(index, doc), open_=False
        )
    out.append(_details("<h3>Timeline of cited dates</h3>", timeline, open_=True))
    sources = (
        _sources_table(index, doc)
        if doc.sources
        else '<p class="empty">No reference list or source notes found.</p>'
    )
    out.append(
        _details(
            f"<h3>Sources ({len(doc.sources)})</h3>",
            sources,
            open_=0 < len(doc.sources) <= COLLAPSE_AFTER,
        )
    )
    notes = _footnotes_table(index, doc) if doc.footnotes else '<p class="empty">No footnotes.</p>'
    out.append(
        _details(
            f"<h3>Footnotes ({len(doc.footnotes)})</h3>",
            notes,
            open_=0 < len(doc.footnotes) <= COLLAPSE_AFTER,
        )
    )
    if doc.text:
        legend = (
            '<p class="legend"><mark class="m-error">error</mark> '
            '<mark class="m-warning">warning</mark> <mark class="m-info">qualified claim</mark> '
            '<mark class="m-citation">citation</mark> <mark class="m-note-call">note call</mark> '
            '<mark class="m-note-text">note text</mark> <mark class="m-source">source</mark> '
            '<mark class="m-date">date</mark></p>'
        )
        out.append(
            _details(
                "<h3>The document, marked</h3>",
                legend + rendered_text(index, doc.text, doc.marks),
                open_=False,
                cls="document-text",
            )
        )
    out.append("</details></section>")
    return "\n".join(out)


def _summary(audit: Audit) -> list[str]:
    errors, warnings = audit.count("error"), audit.count("warning")
    claims = sum(len(doc.claims) for doc in audit.documents)
    body = ['<section id="summary"><h2>What to fix first</h2>']
    body.append(
        '<div class="summary-cards">'
        f'<div class="card error-card"><strong>{errors}</strong>errors</div>'
        f'<div class="card warning-card"><strong>{warnings}</strong>warnings</div>'
        f'<div class="card"><strong>{claims}</strong>qualified claims</div>'
        f'<div class="card"><strong>{len(audit.documents)}</strong>documents</div></div>'
    )
    body.append("<h3>By rule</h3>")
    if audit.by_rule:
        body.append(
            '<table class="by-rule"><thead><tr><th>severity</th><th>rule</th><th>findings</th>'
            "<th>documents</th></tr></thead><tbody>"
        )
        for count in audit.by_rule:
            body.append(
                f"<tr><td>{_badge(count.severity)}</td><td><code>{_e(count.rule)}</code></td>"
                f'<td class="num">{count.findings}</td><td class="num">{count.documents}</td></tr>'
            )
        body.append("</tbody></table>")
    else:
        body.append('<p class="empty">No findings.</p>')
    body.append("<h3>By document</h3>")
    if audit.documents:
        order = sorted(
            range(len(audit.documents)),
            key=lambda i: (
                -audit.documents[i].count("error"),
                -audit.documents[i].count("warning"),
                i,
            ),
        )
        body.append(
            '<table class="by-document"><thead><tr><th>document</th><th>errors</th>'
            "<th>warnings</th><th>qualified claims</th></tr></thead><tbody>"
        )
        for i in order:
            doc = audit.documents[i]
            body.append(
                f'<tr><td><a href="#{_anchor(i)}">{_e(doc.title or doc.path)}</a><br>'
                f'<code>{_e(doc.path)}</code></td><td class="num">{doc.count("error")}</td>'
                f'<td class="num">{doc.count("warning")}</td>'
                f'<td class="num">{len(doc.claims)}</td></tr>'
            )
        body.append("</tbody></table>")
    if audit.errors:
        body.append("<h3>Files that could not be read</h3><ul>")
        for error in audit.errors:
            body.append(f"<li><code>{_e(error.path)}</code>: {_e(error.reason)}</li>")
        body.append("</ul>")
    body.append("</section>")
    return body


def _filter(audit: Audit) -> str:
    rules = sorted({count.rule for count in audit.by_rule})
    options = "".join(f'<option value="{_e(rule)}">{_e(rule)}</option>' for rule in rules)
    boxes = "".join(
        f'<label><input type="checkbox" name="severity" value="{severity}" checked> '
        f"{severity}</label> "
        for severity in _SEVERITIES
    )
    return (
        '<form id="filter" class="filter" hidden><strong>Show</strong> '
        f'{boxes}<label>rule <select name="rule"><option value="">all rules</option>'
        f"{options}</select></label> <output></output></form>"
    )


def _across(audit: Audit) -> str:
    body = []
    chart = sources_chart_svg(audit)
    body.append("<h3>Sources most relied on</h3>")
    if chart:
        body.append(chart)
    if audit.top_sources:
        body.append(
            "<table><thead><tr><th>source</th><th>documents</th><th>citations</th></tr></thead><tbody>"
        )
        for source in audit.top_sources:
            body.append(
                f'<tr><td>{_e(source.name)}</td><td class="num">{source.documents}</td>'
                f'<td class="num">{source.citations}</td></tr>'
            )
        body.append("</tbody></table>")
    else:
        body.append('<p class="empty">No sources found.</p>')
    body.append("<h3>Documents leaning on qualified claims</h3>")
    if audit.reliance:
        body.append(
            '<p class="meta">Ranked by the share of sentences that carry a qualified claim, '
            "taken at the low end of its 95% interval, so that a short page with one hedged "
            "sentence does not outrank a long report with dozens.</p>"
        )
        body.append(
            "<table><thead><tr><th>document</th><th>qualified claims</th><th>uncorroborated</th>"
            "<th>per 1,000 words</th><th>share of sentences</th></tr></thead><tbody>"
        )
        for item in audit.reliance:
            body.append(
                f'<tr><td><code>{_e(item.path)}</code></td><td class="num">{item.claims}</td>'
                f'<td class="num">{item.uncorroborated}</td>'
                f'<td class="num">{item.per_thousand_words:.1f}</td>'
                f'<td class="num">{item.share:.1%}</td></tr>'
            )
        body.append("</tbody></table>")
    else:
        body.append('<p class="empty">None.</p>')
    body.append("<h3>Index codes cited by several documents</h3>")
    if audit.shared_codes:
        body.append("<ul>")
        for shared in audit.shared_codes:
            paths = ", ".join(f"<code>{_e(p)}</code>" for p in shared.paths)
            body.append(f"<li><strong>{_e(shared.code)}</strong>: {paths}</li>")
        body.append("</ul>")
    else:
        body.append('<p class="empty">None.</p>')
    return "\n".join(body)


def render_audit_html(audit: Audit) -> str:
    title = "Provenance audit"
    body = [f"<header><h1>{title}</h1>"]
    body.append(
        f'<p class="meta">{len(audit.documents)} document(s)'
        + (f", {len(audit.errors)} could not be read" if audit.errors else "")
        + "</p>"
    )
    if audit.by_rule:
        body.append(_filter(audit))
    body.append("</header>")
    body += _summary(audit)
    body.append(
        '<section id="across">'
        + _details("<h2>Across the documents</h2>", _across(audit), open_=len(audit.documents) > 1)
        + "</section>"
    )
    # Beyond a few documents each starts collapsed: the summary's links open them.
    open_ = len(audit.documents) <= OPEN_DOCUMENTS
    for index, doc in enumerate(audit.documents):
        body.append(_document_section(index, doc, open_=open_))
    policy = (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src '{_script_hash()}'; img-src data:"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{_css()}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + f"\n<script>{FILTER_SCRIPT}</script>\n</body>\n</html>\n"
    )

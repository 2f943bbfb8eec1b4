"""The audit report as one self-contained HTML page: no network, no scripts, printable.

Everything taken from a report is escaped, in text, attributes and SVG alike: a report is
untrusted input, and a title such as ``"><img src=x onerror=...>`` must show as text.
"""

from __future__ import annotations

import math
from html import escape
from importlib import resources

from provenance.auditing import Audit, DocumentAudit, TimelinePoint


def _css() -> str:
    return resources.files("provenance.reporters").joinpath("audit.css").read_text("utf-8")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _badge(severity: str) -> str:
    return f'<span class="badge {_e(severity)}">{_e(severity)}</span>'


def _anchor(index: int) -> str:
    return f"doc-{index + 1}"


def timeline_svg(points: tuple[TimelinePoint, ...], label: str) -> str:
    """An inline SVG timeline: one tick per year (or per 5/10 years), one dot per cited date."""
    if not points:
        return '<p class="empty">No dated statements.</p>'
    width, height, left, right = 1000, 92, 40, 20
    low = math.floor(min(p.position for p in points))
    high = math.floor(max(p.position for p in points)) + 1
    span = max(1, high - low)
    step = 1 if span <= 15 else 5 if span <= 60 else 10

    def x(position: float) -> float:
        return left + (position - low) / span * (width - left - right)

    parts = [
        f'<svg role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{_e(label)}-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{_e(label)}-title">Timeline of the dates cited, {low} to {high}</title>',
        f'<line x1="{left}" y1="50" x2="{width - right}" y2="50" stroke="#8c959f" />',
    ]
    first_tick = low - low % step if low % step else low
    for year in range(first_tick, high + 1, step):
        if year < low:
            continue
        tick = x(year)
        parts.append(f'<line x1="{tick:.1f}" y1="45" x2="{tick:.1f}" y2="55" stroke="#8c959f" />')
        parts.append(f'<text x="{tick:.1f}" y="72" text-anchor="middle">{year}</text>')
    stacks: dict[int, int] = {}
    for point in points:
        cx = x(point.position)
        slot = round(cx / 6)
        level = stacks.get(slot, 0)
        stacks[slot] = level + 1
        cy = 40 - min(level, 5) * 6
        fill = "none" if point.inferred else "#0b5cad"
        note = " (year inferred from context)" if point.inferred else ""
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{cy}" r="4" fill="{fill}" stroke="#0b5cad" '
            'stroke-width="1.5">'
            f"<title>{_e(point.text)} = {_e(point.iso)}, line {point.line}{_e(note)}</title>"
            "</circle>"
        )
    parts.append(
        '<circle cx="48" cy="86" r="4" fill="#0b5cad" /><text x="58" y="90">date as written</text>'
        '<circle cx="170" cy="86" r="4" fill="none" stroke="#0b5cad" stroke-width="1.5" />'
        '<text x="180" y="90">year inferred from context</text>'
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


def _highlight(quote: str, marker: str | None) -> str:
    if marker:
        at = quote.casefold().find(marker.casefold())
        if at >= 0:
            end = at + len(marker)
            return f"{_e(quote[:at])}<mark>{_e(quote[at:end])}</mark>{_e(quote[end:])}"
    return _e(quote)


def _lines(lines: tuple[int, ...]) -> str:
    return ", ".join(str(line) for line in lines) if lines else "—"


def _document_section(index: int, doc: DocumentAudit) -> str:
    out = [f'<section id="{_anchor(index)}"><h2>{_e(doc.title or doc.path)}</h2>']
    facts = [f"<code>{_e(doc.path)}</code>"]
    if doc.code:
        facts.append(f"own code <strong>{_e(doc.code)}</strong>")
    if doc.date:
        facts.append(f"dated <strong>{_e(doc.date)}</strong>")
    out.append(f'<p class="meta">{" · ".join(facts)}</p>')
    out.append(
        '<div class="summary-cards">'
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
        + "</div>"
        f'<div class="card"><strong>{len(doc.claims)}</strong>qualified claims</div>'
        f'<div class="card"><strong>{doc.count("error")}</strong>errors, '
        f"{doc.count('warning')} warnings</div></div>"
    )

    out.append("<h3>Timeline of cited dates</h3>")
    out.append(timeline_svg(doc.timeline, _anchor(index) + "-timeline"))

    out.append("<h3>Sources</h3>")
    if doc.sources:
        out.append(
            "<table><thead><tr><th>#</th><th>section</th><th>source</th><th>date</th>"
            "<th>accessed</th><th>cited (lines)</th><th>line</th></tr></thead><tbody>"
        )
        for row in doc.sources:
            label = " — ".join(_e(part) for part in (row.author, row.title) if part) or _e(
                row.text[:120]
            )
            if row.index_code:
                label += f" <code>{_e(row.index_code)}</code>"
            if row.url:
                label += f"<br><code>{_e(row.url)}</code>"
            cited = (
                f"{row.times_cited}× ({_lines(row.cited_lines)})"
                if row.times_cited
                else '<span class="unresolved">never cited</span>'
                if row.section == "references"
                else "0"
            )
            out.append(
                f'<tr><td class="num">{row.number}</td><td>{_e(row.section)}</td><td>{label}</td>'
                f"<td>{_e(row.date or '—')}</td><td>{_e(row.accessed or '—')}</td>"
                f'<td>{cited}</td><td class="num">{row.line}</td></tr>'
            )
        out.append("</tbody></table>")
    else:
        out.append('<p class="empty">No reference list or source notes found.</p>')

    out.append("<h3>Footnotes</h3>")
    if doc.footnotes:
        out.append(
            "<table><thead><tr><th>note</th><th>called on lines</th><th>text (line)</th></tr>"
            "</thead><tbody>"
        )
        for note in doc.footnotes:
            if note.body_line is None:
                body = '<span class="unresolved">missing</span>'
            else:
                recovered = " <em>(number recovered from OCR damage)</em>" if note.recovered else ""
                body = f"{_e(note.excerpt)} ({note.body_line}){recovered}"
            calls = (
                _lines(note.marker_lines)
                if note.marker_lines
                else '<span class="unresolved">never called</span>'
            )
            out.append(
                f'<tr><td class="num">{note.number}</td><td>{calls}</td><td>{body}</td></tr>'
            )
        out.append("</tbody></table>")
    else:
        out.append('<p class="empty">No footnotes.</p>')

    out.append("<h3>Qualified claims</h3>")
    if doc.claims:
        for claim in doc.claims:
            out.append(
                f"<p><strong>{_e(claim.kind)}</strong>, line {claim.line}</p>"
                f"<blockquote>{_highlight(claim.quote, claim.marker)}</blockquote>"
            )
    else:
        out.append(
            '<p class="empty">The document marks no claim as uncorroborated, hedged or '
            "anonymously sourced.</p>"
        )

    out.append("<h3>Findings</h3>")
    if doc.findings:
        out.append(
            "<table><thead><tr><th>severity</th><th>rule</th><th>where</th><th>message</th>"
            "</tr></thead><tbody>"
        )
        for finding in doc.findings:
            out.append(
                f"<tr><td>{_badge(finding.severity)}</td><td><code>{_e(finding.rule)}</code></td>"
                f'<td class="num">{_e(finding.location)}</td>'
                f"<td>{_e(finding.message)}</td></tr>"
            )
        out.append("</tbody></table>")
    else:
        out.append('<p class="empty">No findings.</p>')
    out.append("</section>")
    return "\n".join(out)


def render_audit_html(audit: Audit) -> str:
    title = "Provenance audit"
    body = [f"<h1>{title}</h1>"]
    body.append(
        f'<p class="meta">{len(audit.documents)} document(s)'
        + (f", {len(audit.errors)} could not be read" if audit.errors else "")
        + "</p>"
    )
    if audit.documents:
        body.append("<nav><h2>Documents</h2><ol>")
        for index, doc in enumerate(audit.documents):
            body.append(f'<li><a href="#{_anchor(index)}">{_e(doc.title or doc.path)}</a></li>')
        body.append("</ol></nav>")

    body.append("<section><h2>Across the documents</h2>")
    body.append("<h3>Sources most relied on</h3>")
    chart = sources_chart_svg(audit)
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
            "<table><thead><tr><th>document</th><th>qualified claims</th><th>uncorroborated</th>"
            "<th>share of sentences</th></tr></thead><tbody>"
        )
        for item in audit.reliance:
            body.append(
                f'<tr><td><code>{_e(item.path)}</code></td><td class="num">{item.claims}</td>'
                f'<td class="num">{item.uncorroborated}</td>'
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
    if audit.errors:
        body.append("<h3>Files that could not be read</h3><ul>")
        for error in audit.errors:
            body.append(f"<li><code>{_e(error.path)}</code>: {_e(error.reason)}</li>")
        body.append("</ul>")
    body.append("</section>")

    for index, doc in enumerate(audit.documents):
        body.append(_document_section(index, doc))

    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{_css()}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )

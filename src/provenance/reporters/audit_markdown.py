"""The audit report as Markdown: the same content as the HTML page, as tables and quotes.

Text from reports is escaped so that it cannot break a table or turn into markup or links.
"""

from __future__ import annotations

import re

from provenance.auditing import Audit, DocumentAudit

_ACTIVE = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def _md(text: object) -> str:
    """Text with Markdown-active characters escaped and line breaks flattened."""
    return _ACTIVE.sub(r"\\\1", " ".join(str(text).split()))


def _lines(lines: tuple[int, ...]) -> str:
    return ", ".join(str(line) for line in lines) if lines else "—"


def _document(doc: DocumentAudit) -> list[str]:
    out = [f"## {_md(doc.title or doc.path)}", ""]
    facts = [f"file `{doc.path.replace('`', '')}`"]
    if doc.code:
        facts.append(f"own code **{_md(doc.code)}**")
    if doc.date:
        facts.append(f"dated **{_md(doc.date)}**")
    out += [" · ".join(facts), ""]
    out += [
        f"{len(doc.sources)} sources, {doc.citations} in-text citations "
        f"({doc.unresolved_citations} unresolved), {len(doc.footnotes)} footnotes "
        f"({doc.linked_notes} linked to their call), "
        f"{len(doc.claims)} qualified claims, {doc.count('error')} errors, "
        f"{doc.count('warning')} warnings.",
        "",
        "### Sources",
        "",
    ]
    if doc.sources:
        out += [
            "| # | section | source | date | accessed | cited (lines) | line |",
            "|---|---|---|---|---|---|---|",
        ]
        for row in doc.sources:
            label = " — ".join(_md(p) for p in (row.author, row.title) if p) or _md(row.text[:120])
            if row.index_code:
                label += f" ({_md(row.index_code)})"
            cited = (
                f"{row.times_cited}× ({_lines(row.cited_lines)})" if row.times_cited else "never"
            )
            out.append(
                f"| {row.number} | {row.section} | {label} | {_md(row.date or '—')} | "
                f"{_md(row.accessed or '—')} | {cited} | {row.line} |"
            )
    else:
        out.append("No reference list or source notes found.")
    out += ["", "### Footnotes", ""]
    if doc.footnotes:
        out += ["| note | called on lines | text (line) |", "|---|---|---|"]
        for note in doc.footnotes:
            body = (
                "**missing**"
                if note.body_line is None
                else f"{_md(note.excerpt)} ({note.body_line})"
            )
            if note.recovered:
                body += " *(number recovered from OCR damage)*"
            calls = _lines(note.marker_lines) if note.marker_lines else "**never called**"
            out.append(f"| {note.number} | {calls} | {body} |")
    else:
        out.append("No footnotes.")
    out += ["", "### Qualified claims", ""]
    if doc.claims:
        for claim in doc.claims:
            quote = _md(claim.quote)
            if claim.marker:
                marker = _md(claim.marker)
                quote = quote.replace(marker, f"**{marker}**", 1)
            out += [f"- **{claim.kind}**, line {claim.line}:", f"  > {quote}"]
    else:
        out.append("None.")
    out += ["", "### Timeline of cited dates", ""]
    if doc.timeline:
        for point in sorted(doc.timeline, key=lambda p: p.position):
            inferred = " *(year inferred)*" if point.inferred else ""
            out.append(f"- {point.iso}: “{_md(point.text)}”, line {point.line}{inferred}")
    else:
        out.append("No dated statements.")
    out += ["", "### Findings", ""]
    if doc.findings:
        out += ["| severity | rule | line:col | message |", "|---|---|---|---|"]
        for finding in doc.findings:
            out.append(
                f"| {finding.severity} | `{finding.rule}` | {finding.line}:{finding.column} | "
                f"{_md(finding.message)} |"
            )
    else:
        out.append("No findings.")
    out.append("")
    return out


def render_audit_markdown(audit: Audit) -> str:
    out = ["# Provenance audit", "", f"{len(audit.documents)} document(s).", ""]
    out += ["## Across the documents", "", "### Sources most relied on", ""]
    if audit.top_sources:
        out += ["| source | documents | citations |", "|---|---|---|"]
        out += [f"| {_md(s.name)} | {s.documents} | {s.citations} |" for s in audit.top_sources]
    else:
        out.append("No sources found.")
    out += ["", "### Documents leaning on qualified claims", ""]
    if audit.reliance:
        out += [
            "| document | qualified claims | uncorroborated | share of sentences |",
            "|---|---|---|---|",
        ]
        out += [
            f"| `{r.path}` | {r.claims} | {r.uncorroborated} | {r.share:.1%} |"
            for r in audit.reliance
        ]
    else:
        out.append("None.")
    out += ["", "### Index codes cited by several documents", ""]
    if audit.shared_codes:
        out += [
            f"- {_md(s.code)}: " + ", ".join(f"`{p}`" for p in s.paths) for s in audit.shared_codes
        ]
    else:
        out.append("None.")
    if audit.errors:
        out += ["", "### Files that could not be read", ""]
        out += [f"- `{e.path}`: {_md(e.reason)}" for e in audit.errors]
    out.append("")
    for doc in audit.documents:
        out += _document(doc)
    return "\n".join(out)

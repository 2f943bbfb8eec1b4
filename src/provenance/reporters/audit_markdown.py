"""The audit report as Markdown: the same content as the HTML page, as tables and quotes.

It opens with what to fix first (findings by rule and by document), then each document with
its findings, each quoted in the sentence around it.

Text from reports, and file names, are escaped so that they cannot break a line or a table or
turn into markup, HTML or links: every rendered line is a line of the template, whatever the
text says.
"""

from __future__ import annotations

import re

from provenance.auditing import Audit, DocumentAudit, FindingRow
from provenance.regex_store import lazy_compile
from provenance.wording import counted

# Characters that open inline markup anywhere in a line (emphasis, code, links, images, HTML,
# entities, strikethrough, table cells, autolinks by e-mail address). Each is ASCII punctuation,
# so a backslash makes it literal in CommonMark and GitHub Markdown alike.
_ACTIVE = lazy_compile(r"([\\`*_{}\[\]<>()#+!|~&@])")
# Bare links GitHub makes of ``http://...`` and ``www....``: escaping their ``:``/``.`` stops it.
_BARE_LINK = lazy_compile(r"(?i)(?<=[a-z])(:)(?=//)|(?<=\bwww)(\.)")
# What starts a block when it opens a line: a list item (``-``, ``+``, ``1.``, ``1)``), a setext
# underline or thematic break (``=``, ``-``). ``#``, ``>``, ``*``, ``+`` and fences are already
# escaped wherever they stand.
_BLOCK_START = lazy_compile(r"^(?:([-=])|(\d{1,9})([.)]))")
# Line and paragraph breaks and other control characters in file names, shown as escapes.
_CONTROL = lazy_compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _md(text: object) -> str:
    """Text with Markdown-active characters escaped and line breaks flattened."""
    return _block_safe(_escape(" ".join(str(text).split())))


def _escape(flat: str) -> str:
    """One line of text with the characters that open inline markup escaped."""
    return _BARE_LINK.sub(r"\\\g<0>", _ACTIVE.sub(r"\\\1", flat))


def _block_safe(escaped: str) -> str:
    """Escaped text that may open a line, kept from starting a list or an underline."""
    return _BLOCK_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], escaped)


def _highlight(quote: str, marker: str | None) -> str:
    """``quote`` escaped, with the first occurrence of ``marker`` in bold."""
    flat = " ".join(quote.split())
    phrase = " ".join(marker.split()) if marker else ""
    start = flat.find(phrase) if phrase else -1
    if start < 0:
        return _block_safe(_escape(flat))
    end = start + len(phrase)
    return _block_safe(f"{_escape(flat[:start])}**{_escape(phrase)}**{_escape(flat[end:])}")


def _excerpt(finding: FindingRow) -> str:
    """The finding's sentence, escaped, with its span in bold."""
    text, start = finding.context, finding.context_start
    end = start + finding.context_length
    span = " ".join(text[start:end].split())
    if not span:
        return _md(text)
    head, tail = " ".join(text[:start].split()), " ".join(text[end:].split())
    if head and text[start - 1 : start].isspace():
        head += " "
    if tail and text[end : end + 1].isspace():
        tail = " " + tail
    before, inside, after = _escape(head), _escape(span), _escape(tail)
    # ``**`` only opens (closes) bold next to punctuation when a space or punctuation stands on
    # its other side: where a word touches a span that starts or ends with punctuation, a space
    # is put between them so that the span still shows in bold.
    if before and not _loose(before[-1]) and _punctuation(inside[0]):
        before += " "
    if after and not _loose(after[0]) and _punctuation(inside[-1]):
        after = " " + after
    return _block_safe(f"{before}**{inside}**{after}")


def _punctuation(char: str) -> bool:
    return not char.isalnum() and not char.isspace()


def _loose(char: str) -> bool:
    return char.isspace() or _punctuation(char)


def _rule(rule: str) -> str:
    """A rule id as code (escapes do not work inside code, so only a plain id is shown so)."""
    return f"`{rule}`" if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rule) else _md(rule)


def _path(path: str) -> str:
    """A file name as text: its control characters (a newline in a name) shown as escapes."""
    return _md(_CONTROL.sub(lambda m: repr(m[0])[1:-1], path))


def _lines(lines: tuple[int, ...]) -> str:
    return ", ".join(str(line) for line in lines) if lines else "—"


def _findings(doc: DocumentAudit) -> list[str]:
    out: list[str] = []
    out += ["", "### Findings", ""]
    if doc.findings:
        for finding in doc.findings:
            out.append(
                f"- **{_md(finding.severity)}** {_rule(finding.rule)}, "
                f"{_md(finding.where)}: {_md(finding.message)}"
            )
            if finding.context:
                out.append(f"  > {_excerpt(finding)}")
    else:
        out.append("No findings.")
    return out


def _document(doc: DocumentAudit) -> list[str]:
    out = [f"## {_md(doc.title) if doc.title else _path(doc.path)}", ""]
    facts = [f"file {_path(doc.path)}"]
    if doc.code:
        facts.append(f"own code **{_md(doc.code)}**")
    if doc.date:
        facts.append(f"dated **{_md(doc.date)}**")
    out += [" · ".join(facts), ""]
    out += [
        f"{len(doc.sources)} sources, {doc.citations} in-text citations "
        f"({doc.unresolved_citations} unresolved), {len(doc.footnotes)} footnotes "
        f"({doc.linked_notes} linked to their call), "
        f"{counted(len(doc.claims), 'qualified claim')}, "
        f"{counted(doc.count('error'), 'error')}, {counted(doc.count('warning'), 'warning')}.",
    ]
    out += _findings(doc)
    out += ["", "### Sources", ""]
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
                f"| {row.number} | {_md(row.section)} | {label} | {_md(row.date or '—')} | "
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
            quote = _highlight(claim.quote, claim.marker)
            out += [f"- **{_md(claim.kind)}**, line {claim.line}:", f"  > {quote}"]
    else:
        out.append("None.")
    out += ["", "### Timeline of events", ""]
    out += _events(doc)
    out += ["", "### Timeline of cited dates", ""]
    if doc.timeline:
        own = doc.date_position if doc.date else None
        for point in sorted(doc.timeline, key=lambda p: p.position):
            if own is not None and point.position > own:
                out.append(f"- **{_md(doc.date)}: the document's own date**")
                own = None
            inferred = " *(year inferred)*" if point.inferred else ""
            out.append(f"- {_md(point.iso)}: “{_md(point.text)}”, line {point.line}{inferred}")
        if own is not None:
            out.append(f"- **{_md(doc.date)}: the document's own date**")
    else:
        out.append("No dated statements.")
    out.append("")
    return out


_HOW = {
    "written": "written",
    "inferred": "year inferred",
    "resolved": "resolved",
    "age": "age",
    "duration": "span of time",
}


def _events(doc: DocumentAudit) -> list[str]:
    """The document's timeline as one compact table, in the order of the days meant."""
    if not doc.events:
        return ["No dated statements in the running text."]
    out = ["| resolved to | statement | line | how | conflict |", "|---|---|---|---|---|"]
    for event in doc.events:
        how = _HOW[event.provenance]
        if event.anchor:
            how += " of a person" if event.provenance == "age" else " from"
            how += f" “{_md(event.anchor)}”"
            if event.anchor_line is not None:
                how += f" (line {event.anchor_line})"
        if event.stated:
            relation = {"age": "on", "duration": "against"}.get(event.provenance, "written with")
            how += f", {relation} “{_md(event.stated)}”"
        conflict = "; ".join(
            f"**{_md(rule)}**: {_md(message)}"
            for rule, message in zip(event.conflicts, event.messages, strict=True)
        )
        out.append(
            f"| {_md(event.value or 'not resolved')} | “{_md(event.text)}” | {event.line} | "
            f"{how} | {conflict or '—'} |"
        )
    for finding in doc.figure_conflicts:
        out.append(
            f"| — | figures | {finding.line} | — | **{_md(finding.rule)}**: "
            f"{_md(finding.message)} |"
        )
    return out


def _summary(audit: Audit) -> list[str]:
    out = ["## What to fix first", "", "### By rule", ""]
    if audit.by_rule:
        out += ["| severity | rule | findings | documents |", "|---|---|---|---|"]
        out += [
            f"| {_md(r.severity)} | {_rule(r.rule)} | {r.findings} | {r.documents} |"
            for r in audit.by_rule
        ]
    else:
        out.append("No findings.")
    out += ["", "### By document", ""]
    if audit.documents:
        order = sorted(audit.documents, key=lambda d: (-d.count("error"), -d.count("warning")))
        out += ["| document | errors | warnings | qualified claims |", "|---|---|---|---|"]
        out += [
            f"| {_path(d.path)} | {d.count('error')} | {d.count('warning')} | {len(d.claims)} |"
            for d in order
        ]
    else:
        out.append("No documents.")
    if audit.errors:
        out += ["", "### Files that could not be read", ""]
        out += [f"- {_path(e.path)}: {_md(e.reason)}" for e in audit.errors]
    out.append("")
    return out


def render_audit_markdown(audit: Audit) -> str:
    out = [
        "# Provenance audit",
        "",
        f"{counted(len(audit.documents), 'document')}: {counted(audit.count('error'), 'error')}, "
        f"{counted(audit.count('warning'), 'warning')}, "
        f"{counted(sum(len(doc.claims) for doc in audit.documents), 'qualified claim')}.",
        "",
    ]
    out += _summary(audit)
    out += ["## Across the documents", "", "### Sources most relied on", ""]
    if audit.top_sources:
        out += ["| source | documents | citations |", "|---|---|---|"]
        out += [f"| {_md(s.name)} | {s.documents} | {s.citations} |" for s in audit.top_sources]
    else:
        out.append("No sources found.")
    out += ["", "### Documents leaning on qualified claims", ""]
    if audit.reliance:
        out += [
            "| document | qualified claims | uncorroborated | per 1,000 words | "
            "share of sentences |",
            "|---|---|---|---|---|",
        ]
        out += [
            f"| {_path(r.path)} | {r.claims} | {r.uncorroborated} | "
            f"{r.per_thousand_words:.1f} | {r.share:.1%} |"
            for r in audit.reliance
        ]
    else:
        out.append("None.")
    out += ["", "### Index codes cited by several documents", ""]
    if audit.shared_codes:
        out += [
            f"- {_md(s.code)}: " + ", ".join(_path(p) for p in s.paths) for s in audit.shared_codes
        ]
    else:
        out.append("None.")
    out.append("")
    for doc in audit.documents:
        out += _document(doc)
    return "\n".join(out)

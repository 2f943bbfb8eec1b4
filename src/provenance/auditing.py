"""The provenance audit: what a reader needs to see where each claim of a report comes from.

``build_audit`` gathers, from parsed documents and their findings, per document: its own code,
date and title; its sources with where and how often each is cited; its footnotes; the claims it
marks as uncorroborated, hedged or anonymously sourced; a timeline of the dates it cites; its
findings by severity. Across documents it adds a summary: the sources most relied on, the
documents that lean on uncorroborated claims, and index codes cited by several documents.
Reporters (``reporters/audit_html.py``, ``reporters/audit_markdown.py``) only render this data.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

import attrs

from provenance.coverage import coverage
from provenance.findings import FileError, Finding, Severity
from provenance.model import Date, DateRange, Document

if TYPE_CHECKING:
    from provenance.config import Config

AuditFormat = Literal["html", "md", "json"]

#: Rules whose findings are claims the document itself qualifies.
CLAIM_RULES = ("uncorroborated-claim", "hedged-claim", "anonymous-source")
_CLAIM_LABELS = {
    "uncorroborated-claim": "uncorroborated",
    "hedged-claim": "hedged",
    "anonymous-source": "anonymous source",
}
_QUOTED = re.compile(r"[\"“]([^\"”]{2,200})[\"”]")
_MAX_QUOTE = 600


@attrs.frozen
class SourceRow:
    number: int
    section: str
    line: int
    author: str | None
    title: str | None
    date: str | None
    accessed: str | None
    url: str | None
    index_code: str | None
    cited_lines: tuple[int, ...]
    text: str

    @property
    def times_cited(self) -> int:
        return len(self.cited_lines)


@attrs.frozen
class FootnoteRow:
    number: int
    marker_lines: tuple[int, ...]
    body_line: int | None
    excerpt: str
    recovered: bool


@attrs.frozen
class ClaimRow:
    kind: str
    rule: str
    line: int
    quote: str
    marker: str | None
    message: str


@attrs.frozen
class TimelinePoint:
    line: int
    text: str
    iso: str
    #: Position on the time axis, in years (2002.41 is late May 2002).
    position: float
    inferred: bool


@attrs.frozen
class FindingRow:
    rule: str
    severity: str
    line: int
    column: int
    message: str
    #: Page and line of a PDF ("p12:8") or source line of a web page, where read from one.
    place: str | None = None

    @property
    def location(self) -> str:
        return self.place if self.place is not None else f"{self.line}:{self.column}"


@attrs.frozen
class DocumentAudit:
    path: str
    title: str | None
    code: str | None
    date: str | None
    sources: tuple[SourceRow, ...]
    footnotes: tuple[FootnoteRow, ...]
    claims: tuple[ClaimRow, ...]
    timeline: tuple[TimelinePoint, ...]
    findings: tuple[FindingRow, ...]
    citations: int
    unresolved_citations: int
    claim_sentences: int
    #: Notes with both their call and their text read.
    linked_notes: int = 0

    @property
    def uncorroborated_share(self) -> float:
        """Share of the document's sentences that carry a qualified claim."""
        return len(self.claims) / self.claim_sentences if self.claim_sentences else 0.0

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)


@attrs.frozen
class SourceSummary:
    name: str
    documents: int
    citations: int


@attrs.frozen
class Reliance:
    path: str
    claims: int
    uncorroborated: int
    share: float


@attrs.frozen
class SharedCode:
    code: str
    paths: tuple[str, ...]


@attrs.frozen
class Audit:
    documents: tuple[DocumentAudit, ...]
    top_sources: tuple[SourceSummary, ...]
    reliance: tuple[Reliance, ...]
    shared_codes: tuple[SharedCode, ...]
    errors: tuple[FileError, ...] = ()


# --------------------------------------------------------------------------- building


def _iso(value: Date | DateRange | None) -> str | None:
    if value is None:
        return None
    from provenance.serialize import iso_text

    return iso_text(value)


def _position(value: Date | DateRange) -> float | None:
    start = value.start if isinstance(value, DateRange) else value
    earliest = start.earliest()
    if earliest is None:
        return None
    year, month, day = earliest
    month_known = start.month is not None
    day_known = start.day is not None
    fraction = ((month - 1) + ((day - 1) / 31 if day_known else 0.5 if month_known else 0)) / 12
    if not month_known:
        fraction = 0.5
    return year + fraction


def _index_code_text(document: Document) -> str | None:
    from provenance.render.index_codes import render_index_code

    code = document.metadata.index_code
    return render_index_code(code.value) if code is not None else None


def _sources(document: Document) -> list[SourceRow]:
    from provenance.render.index_codes import render_index_code

    cited: dict[int, list[int]] = defaultdict(list)
    for citation in document.citations:
        if citation.reference is not None:
            cited[citation.reference].append(citation.span.line)
    markers = {note.number: [m.span.line for m in note.markers] for note in document.footnotes}
    rows = []
    for index, reference in enumerate(document.references):
        entry = reference.entry
        lines = list(cited.get(index, ()))
        if reference.number is not None:
            lines.extend(markers.get(reference.number, ()))
        rows.append(
            SourceRow(
                number=index + 1,
                section=reference.section,
                line=reference.span.line,
                author=entry.author,
                title=entry.title,
                date=_iso(entry.date),
                accessed=_iso(entry.accessed),
                url=entry.url,
                index_code=render_index_code(entry.index_code) if entry.index_code else None,
                cited_lines=tuple(sorted(lines)),
                text=" ".join(reference.text.split()),
            )
        )
    return rows


def _claims(document: Document, findings: Sequence[Finding]) -> list[ClaimRow]:
    rows = []
    for finding in findings:
        if finding.rule not in CLAIM_RULES:
            continue
        quote = " ".join(document.text[finding.span.start : finding.span.end].split())
        if len(quote) > _MAX_QUOTE:
            quote = quote[: _MAX_QUOTE - 1] + "…"
        marker_match = _QUOTED.search(finding.message)
        marker = marker_match.group(1) if marker_match else None
        rows.append(
            ClaimRow(
                kind=_CLAIM_LABELS[finding.rule],
                rule=finding.rule,
                line=finding.span.line,
                quote=quote,
                marker=marker,
                message=finding.message,
            )
        )
    return rows


def _sentence_count(document: Document) -> int:
    from provenance.sentences import iter_sentences, paragraphs

    return sum(
        1
        for region in paragraphs(document)
        for _ in iter_sentences(document.text, region.span.start, region.span.end)
    )


def audit_document(document: Document, findings: Sequence[Finding]) -> DocumentAudit:
    """The audit of one document."""
    timeline = []
    for mention in document.dates:
        position = _position(mention.value)
        iso = _iso(mention.value)
        if position is None or iso is None:
            continue
        timeline.append(
            TimelinePoint(mention.span.line, mention.text, iso, position, mention.inferred_year)
        )
    footnotes = [
        FootnoteRow(
            number=note.number,
            marker_lines=tuple(m.span.line for m in note.markers),
            body_line=note.body.span.line if note.body else None,
            excerpt=(note.body.text[:200] + ("…" if len(note.body.text) > 200 else ""))
            if note.body
            else "",
            recovered=bool(note.body and note.body.recovered),
        )
        for note in document.footnotes
    ]
    meta = document.metadata
    return DocumentAudit(
        path=document.path or "<stdin>",
        title=meta.title,
        code=_index_code_text(document),
        date=_iso(meta.date.value) if meta.date else None,
        sources=tuple(_sources(document)),
        footnotes=tuple(footnotes),
        claims=tuple(_claims(document, findings)),
        timeline=tuple(timeline),
        findings=tuple(
            FindingRow(
                f.rule,
                str(f.severity),
                f.span.line,
                f.span.column,
                f.message,
                f.place.label() if f.place is not None else None,
            )
            for f in sorted(findings, key=lambda f: (-f.severity, f.span.start))
        ),
        citations=len(document.citations),
        unresolved_citations=sum(1 for c in document.citations if c.reference is None),
        claim_sentences=_sentence_count(document),
        linked_notes=coverage(document).notes_linked,
    )


def _source_name(row: SourceRow) -> str | None:
    name = row.author or row.title
    if not name:
        return None
    name = re.sub(r"\s*\[[^\]]*\]", "", name)  # "The Korea Post [Seoul]"
    name = re.sub(r"\s*\([A-Z]{2,}\)$", "", name)  # "International Crisis Group (ICG)"
    return " ".join(name.split()).strip(" .,")


def build_audit(
    results: Sequence[tuple[Document, Sequence[Finding]]], errors: Sequence[FileError] = ()
) -> Audit:
    """The audit of a corpus: each document's, and the summary across them."""
    documents = [audit_document(document, findings) for document, findings in results]
    by_name: dict[str, tuple[set[str], int]] = {}
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    for audit in documents:
        for row in audit.sources:
            name = _source_name(row)
            if name is None:
                continue
            key = name.casefold()
            spelled[key][name] += 1
            paths, count = by_name.get(key, (set(), 0))
            paths.add(audit.path)
            by_name[key] = (paths, count + row.times_cited)
    top = sorted(
        (
            SourceSummary(spelled[key].most_common(1)[0][0], len(paths), count)
            for key, (paths, count) in by_name.items()
        ),
        key=lambda s: (-s.citations, -s.documents, s.name.casefold()),
    )[:15]
    reliance = sorted(
        (
            Reliance(
                audit.path,
                len(audit.claims),
                sum(1 for c in audit.claims if c.rule == "uncorroborated-claim"),
                audit.uncorroborated_share,
            )
            for audit in documents
            if audit.claims
        ),
        key=lambda r: (-r.share, r.path),
    )
    cited_by: dict[str, set[str]] = defaultdict(set)
    for (document, _findings), audit in zip(results, documents, strict=True):
        from provenance.render.index_codes import render_index_code

        for mention in document.index_codes:
            if mention.role == "cited":
                cited_by[render_index_code(mention.value)].add(audit.path)
    shared = sorted(
        (
            SharedCode(code, tuple(sorted(paths)))
            for code, paths in cited_by.items()
            if len(paths) > 1
        ),
        key=lambda s: (-len(s.paths), s.code),
    )
    return Audit(tuple(documents), tuple(top), tuple(reliance), tuple(shared), tuple(errors))


def audit_paths(paths: Sequence[str], config: Config | None = None) -> Audit:
    """Read, parse and check files, and build their audit (unreadable files go to ``errors``)."""
    from provenance.batch import audit_file
    from provenance.config import Config

    settings = Config() if config is None else config
    results: list[tuple[Document, Sequence[Finding]]] = []
    errors: list[FileError] = []
    for path in paths:
        outcome = audit_file(path, settings)
        if isinstance(outcome, FileError):
            errors.append(outcome)
        else:
            results.append(outcome)
    return build_audit(results, errors)


# --------------------------------------------------------------------------- output


def audit_to_dict(audit: Audit) -> dict[str, Any]:
    """The audit as JSON-ready data (keys in a fixed order, lists in document order)."""

    def convert(value: Any) -> Any:
        if attrs.has(type(value)):
            data = {
                field.name: convert(getattr(value, field.name))
                for field in attrs.fields(type(value))
            }
            if isinstance(value, SourceRow):
                data["times_cited"] = value.times_cited
            return data
        if isinstance(value, (list, tuple)):
            return [convert(item) for item in value]
        return value

    payload = convert(audit)
    assert isinstance(payload, dict)
    return {"version": 1, **payload}


def write_audit(
    results: Sequence[tuple[Document, Sequence[Finding]]],
    errors: Sequence[FileError],
    fmt: AuditFormat,
) -> str:
    """The audit report of ``results`` as HTML, Markdown or JSON text."""
    audit = build_audit(results, errors)
    return render_audit(audit, fmt)


def render_audit(audit: Audit, fmt: AuditFormat) -> str:
    if fmt == "json":
        return json.dumps(audit_to_dict(audit), ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        from provenance.reporters.audit_markdown import render_audit_markdown

        return render_audit_markdown(audit)
    if fmt == "html":
        from provenance.reporters.audit_html import render_audit_html

        return render_audit_html(audit)
    raise ValueError(f"unknown audit format {fmt!r}: expected html, md or json")


__all__ = [
    "CLAIM_RULES",
    "Audit",
    "DocumentAudit",
    "Severity",
    "audit_document",
    "audit_paths",
    "audit_to_dict",
    "build_audit",
    "render_audit",
    "write_audit",
]

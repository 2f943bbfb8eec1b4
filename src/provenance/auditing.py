"""The provenance audit: what a reader needs to see where each claim of a report comes from.

``build_audit`` gathers, from parsed documents and their findings, per document: its own code,
date and title; its sources with where and how often each is cited; its footnotes; the claims it
marks as uncorroborated, hedged or anonymously sourced; a timeline of the dates it cites; its
findings by severity. Across documents it adds a summary: the sources most relied on, the
documents that lean on uncorroborated claims, and index codes cited by several documents.
Reporters (``reporters/audit_html.py``, ``reporters/audit_markdown.py``) only render this data.

The audit answers "what do I fix first": ``Audit.by_rule`` counts findings by rule and severity,
each finding keeps its context (the sentence around it) and its offsets, and each document keeps
its text and the spans to highlight in it (``marks``), so that a reporter can show a copy of the
document with every finding, citation and note link marked where the finding points.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, cast

import attrs

from provenance.coverage import coverage
from provenance.excerpts import context as finding_context
from provenance.findings import FileError, Finding, Severity
from provenance.gregorian import is_leap
from provenance.model import Date, DateRange, Document
from provenance.records import shared_methods
from provenance.regex_store import lazy_compile
from provenance.span import Span
from provenance.timeline import Interval, date_interval

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
_QUOTED = lazy_compile(r"[\"“]([^\"”]{2,200})[\"”]")
_MAX_QUOTE = 600


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
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
    #: Offsets of the entry and of each citation of it (in the order of ``cited_lines``).
    start: int = 0
    cited_at: tuple[int, ...] = ()

    @property
    def times_cited(self) -> int:
        return len(self.cited_lines)


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class FootnoteRow:
    number: int
    marker_lines: tuple[int, ...]
    body_line: int | None
    excerpt: str
    recovered: bool
    #: Offsets of the note's calls and of its text, for links into the document.
    marker_starts: tuple[int, ...] = ()
    body_start: int | None = None


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class ClaimRow:
    kind: str
    rule: str
    line: int
    quote: str
    marker: str | None
    message: str
    severity: str = "info"
    start: int = 0
    end: int = 0
    #: Every finding on the same span, most severe first (a sentence both uncorroborated and
    #: anonymously sourced is one claim with two rules, not two entries).
    rules: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class TimelinePoint:
    line: int
    text: str
    iso: str
    #: Position on the time axis, in years (2002.41 is late May 2002).
    position: float
    inferred: bool
    start: int = 0


Derivation = Literal["written", "inferred", "resolved", "age", "duration"]


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class TimelineEvent:
    """One dated statement of the document's timeline (``provenance.timeline``) as the audit
    draws it: what it says, the days it resolves to, how that was found, and any conflict a
    timeline rule reported on it."""

    line: int
    start: int
    text: str
    #: ``written``, ``inferred`` (year from context), ``resolved`` (from an anchor); or
    #: ``age`` / ``duration`` for an age or a span of time drawn at the dates it is checked on.
    provenance: Derivation
    confidence: str
    #: The resolved value (ISO 8601 day, month, year or ``first/last``); None if unresolved.
    value: str | None
    #: The days it means on the time axis, in years (first day's start, last day's end).
    first: float | None
    last: float | None
    #: What a relative expression was counted from, or the birth date of an age.
    anchor: str | None = None
    anchor_line: int | None = None
    anchor_start: int | None = None
    #: A date written in the same statement (``stated``) or the range a span is set against.
    stated: str | None = None
    agrees: bool | None = None
    #: Timeline rules that reported a conflict here, and their messages.
    conflicts: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class FindingRow:
    rule: str
    severity: str
    line: int
    column: int
    message: str
    start: int = 0
    end: int = 0
    #: The sentence around the finding on one line; the span is
    #: ``context[context_start:context_start + context_length]``.
    context: str = ""
    context_start: int = 0
    context_length: int = 0
    #: Page and line of a PDF ("p12:8") or source line of a web page, where read from one.
    place: str | None = None

    @property
    def location(self) -> str:
        """Where a reader finds the finding: the place in the published file, or line:column."""
        return self.place if self.place is not None else f"{self.line}:{self.column}"

    @property
    def where(self) -> str:
        """The location as the audit says it: ``line 12:3`` of a text, ``p12:8`` of a PDF (a
        page is named by its ``p``), ``line 120`` of a web page's source."""
        if self.place is not None and self.place.startswith("p"):
            return self.place
        return f"line {self.location}"


MarkKind = Literal[
    "error", "warning", "info", "citation", "note-call", "note-text", "date", "source"
]


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Mark:
    """A stretch of the document's text to highlight in its rendered copy."""

    start: int
    end: int
    kind: MarkKind
    label: str


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
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
    words: int = 0
    #: Position of the document's own date on the timeline axis (years).
    date_position: float | None = None
    #: The document's timeline: its dated statements in order of the days they mean.
    events: tuple[TimelineEvent, ...] = ()
    #: Figures (totals and stated changes) that a timeline rule found in conflict.
    figure_conflicts: tuple[FindingRow, ...] = ()
    #: The document's text and what to highlight in it: for the rendered copy, not for JSON.
    text: str = attrs.field(default="", metadata={"json": False})
    marks: tuple[Mark, ...] = attrs.field(default=(), metadata={"json": False})

    @property
    def uncorroborated_share(self) -> float:
        """Share of the document's sentences that carry a qualified claim."""
        return len(self.claims) / self.claim_sentences if self.claim_sentences else 0.0

    def count(self, severity: str) -> int:
        """Findings of ``severity``, counting those listed as qualified claims."""
        return sum(1 for finding in self.findings if finding.severity == severity) + sum(
            claim.severities.count(severity) for claim in self.claims
        )


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class SourceSummary:
    name: str
    documents: int
    citations: int


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Reliance:
    path: str
    claims: int
    uncorroborated: int
    share: float
    words: int = 0
    #: Qualified claims per 1,000 words.
    per_thousand_words: float = 0.0
    #: The ranking key: the lower end of the 95% Wilson interval of ``share``, so that one
    #: hedged sentence in a six-sentence page does not outrank forty in a long report.
    lower_bound: float = 0.0


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class RuleCount:
    rule: str
    severity: str
    findings: int
    documents: int


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class SharedCode:
    code: str
    paths: tuple[str, ...]


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Audit:
    documents: tuple[DocumentAudit, ...]
    top_sources: tuple[SourceSummary, ...]
    reliance: tuple[Reliance, ...]
    shared_codes: tuple[SharedCode, ...]
    errors: tuple[FileError, ...] = ()
    #: Findings by rule across the documents, errors first, most frequent first.
    by_rule: tuple[RuleCount, ...] = ()

    def count(self, severity: str) -> int:
        return sum(document.count(severity) for document in self.documents)


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

    cited: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for citation in document.citations:
        if citation.reference is not None:
            cited[citation.reference].append((citation.span.start, citation.span.line))
    markers = {
        note.number: [(m.span.start, m.span.line) for m in note.markers]
        for note in document.footnotes
    }
    rows = []
    for index, reference in enumerate(document.references):
        entry = reference.entry
        places = list(cited.get(index, ()))
        if reference.number is not None:
            places.extend(markers.get(reference.number, ()))
        places.sort()
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
                cited_lines=tuple(line for _, line in places),
                text=" ".join(reference.text.split()),
                start=reference.span.start,
                cited_at=tuple(start for start, _ in places),
            )
        )
    return rows


_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _claims(document: Document, findings: Sequence[Finding]) -> list[ClaimRow]:
    """One row per claimed span, whatever number of claim rules found it."""
    grouped: dict[tuple[int, int], list[Finding]] = {}
    for finding in findings:
        if finding.rule in CLAIM_RULES:
            grouped.setdefault((finding.span.start, finding.span.end), []).append(finding)
    rows = []
    for (start, end), group in sorted(grouped.items()):
        group.sort(key=lambda f: (-f.severity, CLAIM_RULES.index(f.rule)))
        first = group[0]
        quote = " ".join(document.text[start:end].split())
        if len(quote) > _MAX_QUOTE:
            quote = quote[: _MAX_QUOTE - 1] + "…"
        markers = [m.group(1) for f in group if (m := _QUOTED.search(f.message))]
        rows.append(
            ClaimRow(
                kind=_CLAIM_LABELS[first.rule],
                rule=first.rule,
                line=first.span.line,
                quote=quote,
                marker=markers[0] if markers else None,
                message=first.message,
                severity=str(first.severity),
                start=start,
                end=end,
                rules=tuple(f.rule for f in group),
                severities=tuple(str(f.severity) for f in group),
                kinds=tuple(dict.fromkeys(_CLAIM_LABELS[f.rule] for f in group)),
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


def _finding_row(document: Document, finding: Finding) -> FindingRow:
    around = finding.context or finding_context(document.text, finding.span)
    return FindingRow(
        finding.rule,
        str(finding.severity),
        finding.span.line,
        finding.span.column,
        finding.message,
        start=finding.span.start,
        end=finding.span.end,
        context=around.text,
        context_start=around.start,
        context_length=around.length,
        place=finding.place.label() if finding.place is not None else None,
    )


def _marks(document: Document, findings: Sequence[Finding]) -> list[Mark]:
    """What the rendered copy highlights: findings, citations, note calls and texts, dates."""
    marks = [
        Mark(f.span.start, f.span.end, cast(MarkKind, str(f.severity)), f"{f.rule}: {f.message}")
        for f in findings
    ]
    for citation in document.citations:
        target = (
            f"source {citation.reference + 1}" if citation.reference is not None else "unresolved"
        )
        marks.append(
            Mark(citation.span.start, citation.span.end, "citation", f"citation: {target}")
        )
    for note in document.footnotes:
        for marker in note.markers:
            marks.append(
                Mark(marker.span.start, marker.span.end, "note-call", f"call of note {note.number}")
            )
        if note.body is not None:
            body = note.body.span
            marks.append(Mark(body.start, body.end, "note-text", f"text of note {note.number}"))
    for number, reference in enumerate(document.references, 1):
        marks.append(Mark(reference.span.start, reference.span.end, "source", f"source {number}"))
    for mention in document.dates:
        marks.append(Mark(mention.span.start, mention.span.end, "date", f"date {mention.text}"))
    # Relative expressions, ages and spans of time of the timeline, so its rows can link here.
    timeline = document.timeline
    if timeline is not None:
        dated = {mention.span.start for mention in document.dates}
        stated = [(e.span, e.text) for e in timeline.entries if e.span.start not in dated]
        stated += [(a.mention.span, a.mention.text) for a in timeline.ages]
        stated += [(d.mention.span, d.mention.text) for d in timeline.durations]
        for span, text in stated:
            marks.append(Mark(span.start, span.end, "date", f"timeline: {text}"))
    return sorted(marks, key=lambda m: (m.start, -m.end))


def _year_position(day: dt.date, *, end: bool = False) -> float:
    """A day on the time axis in years; ``end`` gives the end of the day (for a last day)."""
    size = 366 if is_leap(day.year) else 365
    return day.year + (day.timetuple().tm_yday - (0 if end else 1)) / size


def timeline_rules() -> frozenset[str]:
    """The ids of the rules that check the timeline."""
    from provenance.rules.registry import all_rules

    return frozenset(r.id for r in all_rules() if r.category == "timeline")


def _events(document: Document, findings: Sequence[Finding]) -> list[TimelineEvent]:
    """The document's timeline as rows to draw, in the order of the days they mean (text
    order among equals), each with the conflicts the timeline rules found on it."""
    timeline = document.timeline
    if timeline is None:
        return []
    checks = timeline_rules()
    conflicts: dict[int, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.rule in checks:
            conflicts[finding.span.start].append(finding)

    def where(span: Span) -> tuple[int, int]:
        return span.line, span.start

    def event(
        span: Span,
        text: str,
        provenance: Derivation,
        confidence: str,
        interval: Interval | None,
        **extra: Any,
    ) -> TimelineEvent:
        found = conflicts.get(span.start, [])
        return TimelineEvent(
            *where(span),
            text,
            provenance,
            confidence,
            None if interval is None else interval.iso(),
            None if interval is None else _year_position(interval.first),
            None if interval is None else _year_position(interval.last, end=True),
            conflicts=tuple(f.rule for f in found),
            messages=tuple(f.message for f in found),
            **extra,
        )

    rows = []
    for entry in timeline.entries:
        rows.append(
            event(
                entry.span,
                entry.text,
                entry.provenance,
                entry.confidence,
                entry.interval,
                anchor=entry.anchor_text,
                anchor_line=entry.anchor.line if entry.anchor is not None else None,
                anchor_start=entry.anchor.start if entry.anchor is not None else None,
                stated=entry.stated.text if entry.stated is not None else None,
                agrees=entry.agrees,
            )
        )
    for age in timeline.ages:
        if age.at_interval is None:
            continue
        rows.append(
            event(
                age.mention.span,
                age.mention.text,
                "age",
                age.confidence,
                age.at_interval,
                anchor=None if age.birth is None else f"born {age.birth.text}",
                anchor_line=None if age.birth is None else age.birth.span.line,
                anchor_start=None if age.birth is None else age.birth.span.start,
                stated=age.at_text,
                agrees=age.agrees,
            )
        )
    for duration in timeline.durations:
        span_of = duration.range
        interval = None if span_of is None else date_interval(span_of.value)
        if span_of is None or interval is None:
            continue
        rows.append(
            event(
                duration.mention.span,
                duration.mention.text,
                "duration",
                "high",
                interval,
                stated=span_of.text,
                agrees=duration.agrees,
            )
        )
    unplaced = [row for row in rows if row.first is None]
    placed = sorted(
        (row for row in rows if row.first is not None),
        key=lambda row: (row.first, row.last, row.start),
    )
    return placed + sorted(unplaced, key=lambda row: row.start)


def _figure_conflicts(document: Document, findings: Sequence[Finding]) -> list[FindingRow]:
    """Conflicts of the timeline rules that are about figures, not dates (no place on an axis)."""
    timeline = document.timeline
    if timeline is None:
        return []
    figures = {b.mention.span.start for b in timeline.breakdowns} | {
        c.mention.span.start for c in timeline.changes
    }
    checks = timeline_rules()
    return [
        _finding_row(document, f)
        for f in sorted(findings, key=lambda f: f.span.start)
        if f.rule in checks and f.span.start in figures
    ]


def audit_document(document: Document, findings: Sequence[Finding]) -> DocumentAudit:
    """The audit of one document."""
    timeline = []
    for mention in document.dates:
        position = _position(mention.value)
        iso = _iso(mention.value)
        if position is None or iso is None:
            continue
        timeline.append(
            TimelinePoint(
                mention.span.line,
                mention.text,
                iso,
                position,
                mention.inferred_year,
                start=mention.span.start,
            )
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
            marker_starts=tuple(m.span.start for m in note.markers),
            body_start=note.body.span.start if note.body else None,
        )
        for note in document.footnotes
    ]
    meta = document.metadata
    listed = [f for f in findings if f.rule not in CLAIM_RULES]
    return DocumentAudit(
        path=document.path or "<stdin>",
        title=meta.title,
        code=_index_code_text(document),
        date=_iso(meta.date.value) if meta.date else None,
        sources=tuple(_sources(document)),
        footnotes=tuple(footnotes),
        claims=tuple(_claims(document, findings)),
        timeline=tuple(timeline),
        # Qualified claims are listed once, under their own heading, not again here.
        findings=tuple(
            _finding_row(document, f)
            for f in sorted(listed, key=lambda f: (-f.severity, f.span.start))
        ),
        citations=len(document.citations),
        unresolved_citations=sum(1 for c in document.citations if c.reference is None),
        claim_sentences=_sentence_count(document),
        linked_notes=coverage(document).notes_linked,
        words=len(document.text.split()),
        date_position=_position(meta.date.value) if meta.date else None,
        events=tuple(_events(document, findings)),
        figure_conflicts=tuple(_figure_conflicts(document, findings)),
        text=document.text,
        marks=tuple(_marks(document, findings)),
    )


def wilson_lower_bound(hits: int, total: int, z: float = 1.96) -> float:
    """The lower end of the Wilson score interval of ``hits / total``: a share that a small
    sample cannot inflate (one of six is not ranked above forty of four hundred)."""
    if total <= 0:
        return 0.0
    share = hits / total
    centre = share + z * z / (2 * total)
    spread = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total))
    return max(0.0, (centre - spread) / (1 + z * z / total))


def _by_rule(documents: Sequence[DocumentAudit]) -> list[RuleCount]:
    counts: Counter[tuple[str, str]] = Counter()
    where: dict[tuple[str, str], set[str]] = defaultdict(set)
    for doc in documents:
        pairs = [(f.rule, f.severity) for f in doc.findings] + [
            pair for claim in doc.claims for pair in zip(claim.rules, claim.severities, strict=True)
        ]
        for pair in pairs:
            counts[pair] += 1
            where[pair].add(doc.path)
    return sorted(
        (
            RuleCount(rule, severity, n, len(where[rule, severity]))
            for (rule, severity), n in counts.items()
        ),
        key=lambda r: (_SEVERITY_ORDER.get(r.severity, 3), -r.findings, r.rule),
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
                sum(1 for c in audit.claims if "uncorroborated-claim" in c.rules),
                audit.uncorroborated_share,
                words=audit.words,
                per_thousand_words=1000 * len(audit.claims) / audit.words if audit.words else 0.0,
                lower_bound=wilson_lower_bound(len(audit.claims), audit.claim_sentences),
            )
            for audit in documents
            if audit.claims
        ),
        key=lambda r: (-r.lower_bound, -r.claims, r.path),
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
    return Audit(
        tuple(documents),
        tuple(top),
        tuple(reliance),
        tuple(shared),
        tuple(errors),
        by_rule=tuple(_by_rule(documents)),
    )


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
                if field.metadata.get("json", True)
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
    "FindingRow",
    "Mark",
    "RuleCount",
    "Severity",
    "TimelineEvent",
    "audit_document",
    "audit_paths",
    "audit_to_dict",
    "build_audit",
    "render_audit",
    "write_audit",
]

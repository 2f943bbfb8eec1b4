"""A builder of hand-made ``Document`` objects, so rules are tested without the assembler.

Each part is located by the text it covers (its first occurrence at or after ``after``), so a
test reads like the report it describes::

    b = DocBuilder(TEXT)
    ref = b.reference("The Korea Post [Seoul]. February 1999.", author="The Korea Post")
    b.citation("(The Korea Post Feb. 1999)", author="The Korea Post", reference=ref)
    doc = b.build()

Regions are made automatically: a one-line block naming a source section ("References") is a
heading, blocks holding a reference or note text are of that kind, and every other block is a
paragraph, as the assembler's segmentation would have it.
"""

from __future__ import annotations

import re
from collections import defaultdict

import attrs

from provenance.model import (
    Citation,
    CitationValue,
    CrossReference,
    CrossRefKind,
    DateValue,
    Document,
    Footnote,
    FootnoteBody,
    FootnoteMarker,
    Heading,
    MarkerStyle,
    Metadata,
    Reference,
    ReferenceEntry,
    Region,
    RegionKind,
    Section,
    Url,
)
from provenance.span import LineIndex, Span

_BLOCK = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")

_SECTION_HEADINGS = frozenset(
    {
        "references",
        "attachment",
        "attachments",
        "additional sources consulted",
        "bibliography",
        "notes",
        "endnotes",
    }
)


def locate(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.find(needle, after)
    if start == -1:
        raise AssertionError(f"{needle!r} not in the test text")
    return start, start + len(needle)


@attrs.define
class DocBuilder:
    """Collects located parts of one text, then builds the ``Document``."""

    text: str
    index: LineIndex = attrs.field(init=False)
    references: list[Reference] = attrs.field(factory=list)
    citations: list[Citation] = attrs.field(factory=list)
    markers: list[FootnoteMarker] = attrs.field(factory=list)
    bodies: list[FootnoteBody] = attrs.field(factory=list)
    cross_references: list[CrossReference] = attrs.field(factory=list)
    headings: list[Heading] = attrs.field(factory=list)
    urls: list[Url] = attrs.field(factory=list)

    def __attrs_post_init__(self) -> None:
        self.index = LineIndex(self.text)

    def span(self, needle: str, after: int = 0) -> Span:
        return self.index.span(*locate(self.text, needle, after))

    # ------------------------------------------------------------------ sources

    def reference(
        self,
        needle: str,
        section: Section = "references",
        *,
        after: int = 0,
        number: int | None = None,
        **fields: object,
    ) -> int:
        """Add a list entry (fields as for ``ReferenceEntry``); returns its index."""
        entry = ReferenceEntry(**fields)  # type: ignore[arg-type]
        self.references.append(
            Reference(entry, section, needle, self.span(needle, after), number=number)
        )
        return len(self.references) - 1

    def citation(
        self,
        needle: str,
        *,
        author: str | None = None,
        date: DateValue | None = None,
        ibid: bool = False,
        reference: int | None = None,
        resolved_author: str | None = None,
        after: int = 0,
    ) -> Citation:
        citation = Citation(
            CitationValue(author=author, date=date, ibid=ibid),
            needle,
            self.span(needle, after),
            reference=reference,
            resolved_author=resolved_author,
        )
        self.citations.append(citation)
        return citation

    def url(self, needle: str, problem: str | None = None, after: int = 0) -> Url:
        url = Url(needle, self.span(needle, after), problem)
        self.urls.append(url)
        return url

    # ------------------------------------------------------------------ notes

    def marker(
        self, number: int, needle: str | None = None, *, after: int = 0, style: MarkerStyle = "sup"
    ) -> FootnoteMarker:
        """A note call; ``needle`` defaults to ``<sup>n</sup>`` (first one after ``after``)."""
        marker = FootnoteMarker(number, self.span(needle or f"<sup>{number}</sup>", after), style)
        self.markers.append(marker)
        return marker

    def body(self, number: int, needle: str, *, after: int = 0) -> FootnoteBody:
        body = FootnoteBody(number, self.span(needle, after), needle)
        self.bodies.append(body)
        return body

    # ------------------------------------------------------------------ structure

    def heading(self, needle: str, number: str | None = None, *, in_toc: bool = False) -> int:
        title = needle.removeprefix(f"{number}.").strip() if number else needle
        self.headings.append(Heading(needle, number, title, self.span(needle), in_toc))
        return len(self.headings) - 1

    def cross_reference(
        self,
        needle: str,
        kind: CrossRefKind,
        label: str,
        target: int | None = None,
        *,
        paragraph: str | None = None,
        checkable: bool = True,
        scheme_read: bool = True,
    ) -> CrossReference:
        reference = CrossReference(
            kind,
            label,
            needle,
            self.span(needle),
            target,
            self.span(paragraph) if paragraph is not None else None,
            checkable,
            scheme_read,
        )
        self.cross_references.append(reference)
        return reference

    # ------------------------------------------------------------------ document

    def footnotes(self) -> list[Footnote]:
        """Markers and bodies paired by number, as the assembler pairs them."""
        by_number: dict[int, list[FootnoteMarker]] = defaultdict(list)
        for marker in sorted(self.markers, key=lambda m: m.span.start):
            by_number[marker.number].append(marker)
        first_body: dict[int, FootnoteBody] = {}
        extra: list[FootnoteBody] = []
        for body in sorted(self.bodies, key=lambda b: b.span.start):
            if body.number in first_body:
                extra.append(body)
            else:
                first_body[body.number] = body
        notes = [
            Footnote(n, tuple(by_number.get(n, ())), first_body.get(n))
            for n in sorted(set(by_number) | set(first_body))
        ]
        notes.extend(Footnote(body.number, (), body) for body in extra)
        notes.sort(key=lambda note: (note.number, note.body.span.start if note.body else -1))
        return notes

    def regions(self) -> list[Region]:
        regions: list[Region] = []
        for match in _BLOCK.finditer(self.text):
            start, end = match.span()
            kind: RegionKind = "paragraph"
            line = match.group().strip().casefold().rstrip(":")
            if line in _SECTION_HEADINGS or any(
                h.span.start >= start and h.span.end <= end for h in self.headings
            ):
                kind = "heading"
            else:
                for reference in self.references:
                    if start <= reference.span.start < end and reference.section != "footnote":
                        kind = reference.section
                        break
                if any(start <= b.span.start < end for b in self.bodies):
                    kind = "footnote"
            regions.append(Region(kind, self.index.span(start, end)))
        return regions

    def build(self, path: str | None = None) -> Document:
        return Document(
            text=self.text,
            path=path,
            metadata=Metadata(),
            regions=tuple(self.regions()),
            headings=tuple(self.headings),
            references=tuple(self.references),
            citations=tuple(sorted(self.citations, key=lambda c: c.span.start)),
            footnotes=tuple(self.footnotes()),
            cross_references=tuple(self.cross_references),
            urls=tuple(self.urls),
            line_index=self.index,
        )

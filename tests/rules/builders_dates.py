"""Hand-built ``Document`` objects for rule tests that must not depend on the assembler.

Each construct is located by the text it covers (its first occurrence at or after ``after``), so
tests read like the report they describe.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from provenance.model import (
    Citation,
    CitationValue,
    DateMention,
    DateValue,
    Document,
    Footnote,
    FootnoteMarker,
    IndexCode,
    IndexCodeMention,
    IndexRole,
    Metadata,
    Reference,
    ReferenceEntry,
    Region,
    RegionKind,
    Section,
    Update,
)
from provenance.span import LineIndex, Span

_BLOCK = re.compile(r"[^\n]+(?:\n[^\n]+)*")


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
    dates: list[DateMention] = attrs.field(factory=list)
    references: list[Reference] = attrs.field(factory=list)
    citations: list[Citation] = attrs.field(factory=list)
    footnotes: list[Footnote] = attrs.field(factory=list)
    index_codes: list[IndexCodeMention] = attrs.field(factory=list)
    own_date: DateMention | None = None
    own_code: IndexCodeMention | None = None
    updates: list[Update] = attrs.field(factory=list)
    region_kinds: dict[int, RegionKind] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        self.index = LineIndex(self.text)

    def span(self, needle: str, after: int = 0) -> Span:
        return self.index.span(*locate(self.text, needle, after))

    def date(
        self, needle: str, value: DateValue, *, inferred: bool = False, after: int = 0
    ) -> DateMention:
        mention = DateMention(value, needle, self.span(needle, after), inferred)
        self.dates.append(mention)
        self.dates.sort(key=lambda m: m.span.start)
        return mention

    def document_date(self, needle: str, value: DateValue) -> DateMention:
        self.own_date = self.date(needle, value)
        return self.own_date

    def code(
        self, needle: str, value: IndexCode, role: IndexRole = "cited", after: int = 0
    ) -> IndexCodeMention:
        mention = IndexCodeMention(value, needle, self.span(needle, after), role)
        self.index_codes.append(mention)
        if role == "own" and self.own_code is None:
            self.own_code = mention
        return mention

    def reference(self, needle: str, entry: ReferenceEntry, section: Section = "references") -> int:
        self.references.append(Reference(entry, section, needle, self.span(needle)))
        return len(self.references) - 1

    def citation(
        self,
        needle: str,
        value: CitationValue,
        reference: int | None = None,
        after: int = 0,
    ) -> Citation:
        citation = Citation(value, needle, self.span(needle, after), reference)
        self.citations.append(citation)
        self.citations.sort(key=lambda c: c.span.start)
        return citation

    def marker(self, needle: str, number: int, after: int = 0) -> None:
        self.footnotes.append(
            Footnote(number, (FootnoteMarker(number, self.span(needle, after), "sup"),), None)
        )

    def kind(self, needle: str, kind: RegionKind) -> None:
        """Give the block containing ``needle`` another region kind than "paragraph"."""
        self.region_kinds[locate(self.text, needle)[0]] = kind

    def regions(self) -> tuple[Region, ...]:
        regions = []
        for match in _BLOCK.finditer(self.text):
            kind: RegionKind = "paragraph"
            for offset, wanted in self.region_kinds.items():
                if match.start() <= offset < match.end():
                    kind = wanted
            regions.append(Region(kind, self.index.span(match.start(), match.end())))
        return tuple(regions)

    def build(self) -> Document:
        return Document(
            text=self.text,
            path="test.txt",
            metadata=Metadata(
                index_code=self.own_code,
                date=self.own_date,
                updates=tuple(self.updates),
            ),
            regions=self.regions(),
            references=tuple(self.references),
            citations=tuple(self.citations),
            footnotes=tuple(self.footnotes),
            index_codes=tuple(self.index_codes),
            dates=tuple(self.dates),
            line_index=self.index,
        )


def prose(text: str) -> Document:
    """A document of paragraphs only (blocks separated by blank lines), nothing else found."""
    return DocBuilder(text).build()


def lines_of(findings: Sequence[object]) -> list[int]:
    return [finding.span.line for finding in findings]  # type: ignore[attr-defined]

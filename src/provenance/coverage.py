"""How much of a document was read and linked: what a clean result rests on.

A report that passes must be one that was really read. These counts say, for each document,
how many sources were listed and how many of its citations and notes were linked to them, so a
reader sees at once a report whose "no findings" means little (nothing linked).
"""

from __future__ import annotations

import attrs

from provenance.model import Document
from provenance.records import shared_methods

__all__ = ["Coverage", "coverage"]


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Coverage:
    """Counts of what a document has and what of it was linked."""

    sources: int
    citations: int
    citations_linked: int
    notes: int
    notes_linked: int

    def describe(self) -> str:
        """One clause for a summary line: "12 of 14 citations and 120 of 124 notes linked"."""
        parts = [f"{self.sources} source{'s' if self.sources != 1 else ''} listed"]
        if self.citations:
            parts.append(f"{self.citations_linked} of {self.citations} citations linked")
        if self.notes:
            parts.append(f"{self.notes_linked} of {self.notes} notes linked")
        return ", ".join(parts)

    @property
    def complete(self) -> bool:
        return self.citations_linked == self.citations and self.notes_linked == self.notes


def coverage(document: Document) -> Coverage:
    """What ``document`` lists and links: a citation is linked when it resolves to an entry
    (an ``ibid.`` through the citation it repeats), a note when it has both a call and a text."""
    return Coverage(
        sources=sum(1 for r in document.references if r.section != "footnote"),
        citations=len(document.citations),
        citations_linked=sum(1 for c in document.citations if c.reference is not None),
        notes=len(document.footnotes),
        notes_linked=sum(1 for n in document.footnotes if n.markers and n.body is not None),
    )

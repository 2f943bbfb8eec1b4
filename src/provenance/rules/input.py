"""How the file was read: a report decoded by guessing its encoding says so."""

from __future__ import annotations

from collections.abc import Iterator

from provenance.findings import Severity
from provenance.model import Document
from provenance.rules.registry import Emit, rule

_CATEGORY = "input"


@rule(
    "input-decoding",
    severity=Severity.WARNING,
    category=_CATEGORY,
    summary="A file that is not valid UTF-8 or UTF-16 and was decoded by a fallback.",
    doc=(
        "Reports are read as UTF-8 (with or without a byte-order mark) or as UTF-16 with a "
        "byte-order mark. A file in another encoding, typically a Word export in Windows-1252, "
        "is decoded as Windows-1252 (or Latin-1), and this rule says so, with the offset of the "
        "first byte that was not UTF-8. Nothing is mangled silently: quotation marks, dashes "
        "and accented names in such a file should be checked once, and the file saved as UTF-8. "
        "(The bad example below is this sentence saved in Windows-1252; the good one, the same "
        "sentence saved in UTF-8.)"
    ),
    bad="Les \u201cr\u00e9fugi\u00e9s\u201d sont arriv\u00e9s le 3 mai 1999.",
    good="Saved as UTF-8: les \u201cr\u00e9fugi\u00e9s\u201d sont arriv\u00e9s le 3 mai 1999.",
)
def input_decoding(doc: Document) -> Iterator[Emit]:
    if not doc.input_notes:
        return
    first_line_end = doc.text.find("\n")
    end = len(doc.text) if first_line_end == -1 else first_line_end
    span = doc.line_index.span(0, end)
    for note in doc.input_notes:
        yield Emit(span, f"the file was not plain UTF-8: {note}", excerpt=note)

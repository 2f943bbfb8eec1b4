"""How the file was read: a report decoded by guessing its encoding says so."""

from __future__ import annotations

from collections.abc import Iterator

from provenance.findings import Severity
from provenance.limits import MAX_CHARS, MAX_MENTIONS, SECONDS, SECONDS_PER_MILLION, Limits
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
        # Notes from reading a PDF or web page say what was not read, not how it was decoded.
        lead = "the file was not plain UTF-8" if note.startswith("decoded") else "not all read"
        yield Emit(span, f"{lead}: {note}", excerpt=note)


_TOO_COMPLEX_EXAMPLE_LIMITS = Limits(mentions=40)


def _dated_report(events: int) -> str:
    lines = ["Detentions of journalists [ABC12345.E]", ""]
    lines += [
        f"On {day} May 1999 a journalist was detained in the capital and released on "
        f"{day + 1} May 1999."
        for day in range(1, events + 1)
    ]
    return "\n".join(lines) + "\n"


@rule(
    "input-too-complex",
    severity=Severity.ERROR,
    category=_CATEGORY,
    summary="A document too large or too dense to check within the per-document limits.",
    doc=(
        "A document that passes one of the per-document limits (`provenance.limits`: "
        f"{MAX_CHARS:,} characters, {MAX_MENTIONS:,} mentions such as dates, citations and "
        "note calls, a number of comparisons proportional to its length, and "
        f"{SECONDS:g} seconds, plus {SECONDS_PER_MILLION:g} for each million characters, each "
        "for reading and for checking) is not checked: it gets this "
        "one finding, which names the limit, and the other files of the batch are checked as "
        "usual. The limits are far above any real report; a document that passes one is a "
        "log, a dump, a concatenation of many reports, or text damaged in conversion (a PDF "
        "converted to one endless paragraph). It is an error, not a warning: nothing in the "
        "document was checked, and a clean result for it would be silence, not a pass. Split "
        "the file into its reports, or repair the conversion. (The bad example below is "
        "checked with the mention limit lowered to 40; the good one under the same limit.)"
    ),
    bad=_dated_report(24),
    good=_dated_report(3),
    example_limits=_TOO_COMPLEX_EXAMPLE_LIMITS,
)
def input_too_complex(doc: Document) -> Iterator[Emit]:
    if doc.too_complex is None:
        return
    first_line_end = doc.text.find("\n")
    end = len(doc.text) if first_line_end == -1 else first_line_end
    yield Emit(
        doc.line_index.span(0, end),
        f"the document was not checked: {doc.too_complex}",
        excerpt=doc.too_complex,
    )

"""Cross-references, heading lines and table-of-contents lines back to text.

The inverse of ``provenance.parsers.crossrefs``: ``parse_cross_reference(render_cross_reference(
kind, label, style))`` gives ``(kind, label)`` back for every style that can write the label.
"""

from __future__ import annotations

from typing import Literal

from provenance.model import CrossRefKind

__all__ = [
    "CROSSREF_STYLES",
    "render_cross_reference",
    "render_heading",
    "render_toc_entry",
]

CrossRefStyle = Literal["see", "see-also", "word", "roman", "of-this-report"]
CROSSREF_STYLES: tuple[CrossRefStyle, ...] = ("see", "see-also", "word", "roman", "of-this-report")

_WORDS = (
    *("One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"),
    *("Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen"),
    *("Eighteen", "Nineteen", "Twenty"),
)
_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_KIND_WORDS: dict[CrossRefKind, str] = {
    "section": "Section",
    "chapter": "Chapter",
    "appendix": "Appendix",
    "annex": "Annex",
    "part": "Part",
    "paragraph": "paragraph",
}


def _roman(number: int) -> str:
    text = ""
    for value, letters in _ROMAN:
        while number >= value:
            text += letters
            number -= value
    return text


def render_cross_reference(kind: CrossRefKind, label: str, style: CrossRefStyle = "see") -> str:
    """A pointer to part ``label`` of kind ``kind``: "see Section 3.3.1", "Chapter Three", ..."""
    word = _KIND_WORDS[kind]
    if style == "word":
        if not label.isdigit() or not 1 <= int(label) <= len(_WORDS):
            raise ValueError(f"label {label!r} has no number word")
        return f"see {word} {_WORDS[int(label) - 1]}"
    if style == "roman":
        if not label.isdigit() or not 1 <= int(label) <= 39:
            raise ValueError(f"label {label!r} has no Roman numeral here")
        return f"see {word} {_roman(int(label))}"
    if style == "see-also":
        return f"see also {word} {label}"
    if style == "of-this-report":
        return f"{word} {label} of this report"
    return f"see {word} {label}"


def render_heading(number: str | None, title: str) -> str:
    """A heading line: "3.3.1 Violations by ...", or the title alone."""
    return f"{number} {title}" if number else title


def render_toc_entry(number: str | None, title: str, page: str) -> str:
    """A table-of-contents line with dot leaders: "3.3 Violations ........ 16"."""
    return f"{render_heading(number, title)} ........ {page}"

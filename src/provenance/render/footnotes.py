"""Note calls and note-body leads back to text: the inverse of ``provenance.parsers.footnotes``."""

from __future__ import annotations

from provenance.model import MarkerStyle

__all__ = ["BODY_STYLES", "MARKER_STYLES", "render_footnote_body_start", "render_footnote_marker"]

MARKER_STYLES: tuple[MarkerStyle, ...] = ("sup", "bracket", "caret-bracket", "caret", "unicode")
BODY_STYLES: tuple[MarkerStyle, ...] = (*MARKER_STYLES, "plain", "glued")

_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def render_footnote_marker(number: int, style: MarkerStyle = "sup") -> str:
    """The call of note ``number`` (1-999) as written in running text."""
    if not 1 <= number <= 999:
        raise ValueError(f"note numbers run from 1 to 999, not {number}")
    if style == "sup":
        return f"<sup>{number}</sup>"
    if style == "bracket":
        return f"[{number}]"
    if style == "caret-bracket":
        return f"[^{number}]"
    if style == "caret":
        return f"^{number}"
    if style == "unicode":
        return str(number).translate(_SUPERSCRIPTS)
    raise ValueError(f"no marker style {style!r}; expected one of {MARKER_STYLES}")


def render_footnote_body_start(number: int, style: MarkerStyle = "sup") -> str:
    """What opens the body of note ``number``: "<sup>2</sup>", "2. ", or "2" glued to the text."""
    if style == "plain":
        return f"{number}. "
    if style == "glued":
        return str(number)
    if style == "caret-bracket":
        return f"[^{number}]: "
    return render_footnote_marker(number, style) + " "

"""Lower-casing long texts in bounded memory, for case-blind scans.

``str.lower()`` on text with any character beyond Latin-1 (a curly quote is enough) first fills
a buffer of three UCS-4 characters per input character: twelve bytes a character, before the
result is built. On a 100 MB report that is over a gigabyte for one call. The scans that need
lower-cased text therefore take it a piece at a time, and ``squeeze_spaces`` joins the words
of a long text without a list of all of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from provenance.regex_store import lazy_compile

#: Characters lower-cased at a time (about 3 MB of transient buffer).
PIECE = 1 << 18


class Piece(NamedTuple):
    """One piece of a scan over ``text[start:end]``.

    A match belongs to this piece when it starts in ``[first, stop)``. ``lowered`` is
    ``text[origin:origin + len(lowered)].lower()``, reaching ``before`` characters before
    ``first`` (for look-behinds) and ``after`` past ``stop`` (for matches that run over the
    piece's end); it is None where lower-casing changed the length (a rare character such as
    "İ"), and offsets in it would not be offsets in ``text``: scan the original case-blind then.
    """

    origin: int
    first: int
    stop: int
    lowered: str | None


def lowered_pieces(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    before: int = 0,
    after: int = 0,
    piece: int | None = None,
) -> Iterator[Piece]:
    """The pieces of ``text[start:end]``, lower-cased, in order; none for an empty range."""
    end = len(text) if end is None else min(end, len(text))
    first = max(0, start)
    size = PIECE if piece is None else max(1, piece)
    while first < end:
        stop = min(end, first + size)
        origin = max(0, first - before)
        limit = min(end, stop + after)
        lowered = text[origin:limit].lower()
        yield Piece(origin, first, stop, lowered if len(lowered) == limit - origin else None)
        first = stop


__all__ = ["PIECE", "Piece", "lowered_pieces"]


#: Characters of text split into words at a time by ``squeeze_spaces``.
_WORDS_PIECE = 1 << 14
_SPACE = lazy_compile(r"\s")


def squeeze_spaces(text: str, joiner: str = " ") -> str:
    """``joiner.join(text.split())``: the words of ``text``, one ``joiner`` between each.

    ``text.split()`` holds a string object (about 50 bytes) for every word at once, ten times
    the text or more; a long text (a paragraph that a PDF conversion left on one line) is split
    a piece at a time instead, each piece ending at whitespace so that no word is cut.
    """
    length = len(text)
    if length <= _WORDS_PIECE:
        return joiner.join(text.split())
    parts: list[str] = []
    position = 0
    while position < length:
        space = (
            _SPACE.search(text, position + _WORDS_PIECE)
            if position + _WORDS_PIECE < length
            else None
        )
        cut = space.start() if space is not None else length
        words = text[position:cut].split()
        if words:
            parts.append(joiner.join(words))
        position = cut
    return joiner.join(parts)

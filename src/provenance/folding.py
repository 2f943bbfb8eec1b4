"""Lower-casing long texts in bounded memory, for case-blind scans.

``str.lower()`` on text with any character beyond Latin-1 (a curly quote is enough) first fills
a buffer of three UCS-4 characters per input character: twelve bytes a character, before the
result is built. On a 100 MB report that is over a gigabyte for one call. The scans that need
lower-cased text therefore take it a piece at a time, and ``squeeze_spaces`` joins the words
of a long text without a list of all of them.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from provenance.regex_store import lazy_compile

#: Characters lower-cased at a time. A piece's copy, its lower case and ``str.lower``'s buffer
#: for it are transient, but at 2**18 characters they were 4.4 MB traced (text beyond Latin-1),
#: a cost the size of a 1 MB report's other peaks; 2**16 takes no measurable longer.
PIECE = 1 << 16


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

    def starts_of(self, literals: Iterable[str]) -> list[int]:
        """The offsets in ``text``, in order, at which one of ``literals`` (lower-case) starts
        within this piece. Only for a piece whose ``lowered`` is not None."""
        assert self.lowered is not None
        lowered, first, stop = self.lowered, self.first - self.origin, self.stop - self.origin
        found: list[int] = []
        for literal in literals:
            position = lowered.find(literal, first)
            while position != -1 and position < stop:
                found.append(self.origin + position)
                position = lowered.find(literal, position + 1)
        found.sort()
        return found


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


#: The characters besides ASCII letters that a case-blind regex takes for an ASCII letter
#: ("\u017f" for "s", the Kelvin sign for "k", dotted and dotless i); a test lists them again.
CASELESS_ASCII_TWINS = "\u0130\u0131\u017f\u212a"


def caseless_starts(
    text: str, literals: Sequence[str], start: int = 0, end: int | None = None
) -> array[int] | None:
    """Offsets, in order, where one of the ASCII ``literals`` lies in ``text[start:end]`` in
    any case (a literal that runs past ``end`` is left out: no regex searched up to ``end``
    matches it there either).

    Every offset where a case-blind regex (``re.IGNORECASE``) matching one of them matches is
    among these, so a regex whose every match begins with one of ``literals`` needs trying only
    there: a ``str.find`` in lower-cased text runs some 40 times faster than a case-blind
    alternation searches. None when that cannot be told without the regex: a literal that is
    not ASCII, or a text holding one of ``CASELESS_ASCII_TWINS``, or a character whose lower
    case is longer (offsets in the lower-cased text would not be offsets in ``text``).
    """
    if not all(literal.isascii() for literal in literals):
        return None
    start, end = max(0, start), len(text) if end is None else min(end, len(text))
    # Within the range only: a scan of one block of a long text must not read all of it.
    if any(text.find(twin, start, end) != -1 for twin in CASELESS_ASCII_TWINS):
        return None
    folded = [literal.lower() for literal in literals]
    # Sorted a piece at a time (the pieces come in order and do not overlap): a list of an int
    # object for every start in the text was several times the text where a literal is common.
    starts = array("q")
    for piece in lowered_pieces(text, start, end, after=max(map(len, folded), default=0)):
        if piece.lowered is None:
            return None
        starts.extend(piece.starts_of(folded))
    return starts


def matches_at(
    pattern: re.Pattern[str], text: str, offsets: Iterable[int], end: int
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` in ``text`` up to ``end`` that begin at one of ``offsets``
    (in order), none overlapping the one before: ``pattern.finditer``'s matches when each of
    them begins at one of ``offsets`` (as ``caseless_starts`` finds them), the regex tried
    nowhere else."""
    searched = 0
    for offset in offsets:
        if offset < searched:
            continue
        match = pattern.match(text, offset, end)
        if match is not None:
            yield match
            searched = match.end()


__all__ = [
    "CASELESS_ASCII_TWINS",
    "PIECE",
    "Piece",
    "caseless_starts",
    "lowered_pieces",
    "matches_at",
]


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


#: A soft hyphen (U+00AD) and the line break a typesetter put after it.
_SOFT_BREAK = lazy_compile(r"\u00ad\s*")


def join_soft_breaks(text: str) -> str:
    """``text`` with each word a soft hyphen broke over a line whole again ("(In\u00ad" /
    "ternal Displacement Monitoring Centre, 2022)" names "Internal ...")."""
    return _SOFT_BREAK.sub("", text) if "\u00ad" in text else text

"""Source locations: character offsets and the 1-based lines and columns people read."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar, overload

import attrs

_set = object.__setattr__


class Span:
    """Where something stands in a document: offsets ``[start, end)`` plus 1-based line/column.

    ``end_line``/``end_column`` point at the last character (inclusive), as editors show it.

    Immutable. A span made by ``LineIndex.span`` keeps only its offsets and the text's shared
    line index, and works out its lines and columns when they are read: every mention, note and
    finding has a span, and four stored numbers each made spans about half of what a document
    of dense mentions holds. ``Span(start, end, line, column, end_line, end_column)`` stores
    them as given.
    """

    # The end is kept as the length: a mention is shorter than 257 characters, and Python
    # shares the int objects of such numbers, where an end offset was an int object of 32 bytes
    # of its own for every span (a quarter of a span with its offsets).
    __slots__ = ("_length", "_where", "start")
    __match_args__ = ("start", "end", "line", "column", "end_line", "end_column")

    start: int
    _length: int
    _where: LineIndex | tuple[int, int, int, int]

    def __init__(
        self, start: int, end: int, line: int, column: int, end_line: int, end_column: int
    ) -> None:
        _set(self, "start", start)
        _set(self, "_length", end - start)
        _set(self, "_where", (line, column, end_line, end_column))

    @classmethod
    def _in(cls, start: int, end: int, index: LineIndex) -> Span:
        span = cls.__new__(cls)
        _set(span, "start", start)
        _set(span, "_length", end - start)
        _set(span, "_where", index)
        return span

    @property
    def end(self) -> int:
        return self.start + self._length

    def _lines(self) -> tuple[int, int, int, int]:
        where = self._where
        if isinstance(where, tuple):
            return where
        return where.lines_of(self.start, self.end)

    @property
    def line(self) -> int:
        where = self._where
        return where[0] if isinstance(where, tuple) else where.line_column(self.start)[0]

    @property
    def column(self) -> int:
        where = self._where
        return where[1] if isinstance(where, tuple) else where.line_column(self.start)[1]

    @property
    def end_line(self) -> int:
        return self._lines()[2]

    @property
    def end_column(self) -> int:
        return self._lines()[3]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def __len__(self) -> int:
        return self._length

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Span:
            return NotImplemented
        assert isinstance(other, Span)
        if self.start != other.start or self._length != other._length:
            return False
        # Offsets in one text have one line and column each.
        return self._where is other._where or self._lines() == other._lines()

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash((self.start, self.end))

    def __repr__(self) -> str:
        line, column, end_line, end_column = self._lines()
        return (
            f"Span(start={self.start!r}, end={self.end!r}, line={line!r}, column={column!r}, "
            f"end_line={end_line!r}, end_column={end_column!r})"
        )

    def __reduce__(self) -> tuple[type[Span], tuple[int, int, int, int, int, int]]:
        # Pickled (to and from worker processes) with its numbers, not the whole line index.
        return Span, (self.start, self.end, *self._lines())

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError()


def blank_before(text: str, position: int) -> bool:
    """Whether only whitespace stands between the start of ``position``'s line and it.

    Walks back over the whitespace alone, never to the line's start: asked for every mention
    of a long line, finding the line's start (or slicing the line) each time was quadratic.
    Whitespace is what ``str.strip`` removes; lines end at "\\n"."""
    while position > 0:
        char = text[position - 1]
        if char == "\n":
            return True
        if not char.isspace():
            return False
        position -= 1
    return True


def blank_after(text: str, position: int) -> bool:
    """Whether only whitespace stands between ``position`` and the end of its line
    (``blank_before``, forwards)."""
    end = len(text)
    while position < end:
        char = text[position]
        if char == "\n":
            return True
        if not char.isspace():
            return False
        position += 1
    return True


def offset_typecode(largest: int) -> str:
    """The typecode of an array that holds offsets up to ``largest`` in the fewest bytes."""
    return "i" if largest < 2**31 - 1 and array("i").itemsize == 4 else "q"


class LineIndex:
    """Maps offsets of one text to lines and columns in O(log n) per lookup."""

    __slots__ = ("_length", "_line_starts")

    def __init__(self, text: str) -> None:
        # An array of machine integers, not a list of int objects: 8 bytes a line instead of 36,
        # which a file of blank lines would make 36 times its size; 4 bytes a line when every
        # offset fits (a file of blank lines: 4 times its size instead of 8).
        starts = array(offset_typecode(len(text)), [0])
        find = text.find
        position = find("\n")
        while position != -1:
            starts.append(position + 1)
            position = find("\n", position + 1)
        self._line_starts = starts
        self._length = len(text)

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column of ``offset`` (clamped into the text)."""
        offset = max(0, min(offset, self._length))
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._line_starts[line - 1]

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    @property
    def length(self) -> int:
        """The length of the text indexed."""
        return self._length

    def start_of_line_at(self, offset: int) -> int:
        """Offset of the first character of the line holding ``offset`` (clamped into the
        text): ``text.rfind("\\n", 0, offset) + 1`` without reading back to the line's start."""
        offset = max(0, min(offset, self._length))
        return self._line_starts[bisect_right(self._line_starts, offset) - 1]

    def lines_of(self, start: int, end: int) -> tuple[int, int, int, int]:
        """Line and column of the first and of the last character of ``[start, end)`` (of
        ``start`` for an empty range)."""
        line, column = self.line_column(start)
        end_line, end_column = self.line_column(max(start, end - 1))
        return line, column, end_line, end_column

    def span(self, start: int, end: int) -> Span:
        """The span of ``[start, end)``; an empty span points at ``start``."""
        return Span._in(start, end, self)


class Intervals:
    """Half-open ``[start, end)`` intervals, merged and sorted, with O(log n) queries.

    Checking each of n mentions against m excluded stretches (page furniture, URLs, codes) by a
    scan would cost n x m, which a long report makes quadratic.
    """

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        # Arrays of machine integers: a list per interval and an int object per offset held
        # about ten times what two arrays do, for as many intervals as a text has mentions.
        given_starts, given_ends = array("q"), array("q")
        in_order = True
        last_start = last_end = -1
        for start, end in spans:
            if start < last_start or (start == last_start and end < last_end):
                in_order = False
            last_start, last_end = start, end
            given_starts.append(start)
            given_ends.append(end)
        # Most callers give their intervals in order (mentions as read): sorting them as a list
        # of pairs held a tuple and two int objects an interval, several times the arrays.
        pairs: Iterable[tuple[int, int]] = (
            zip(given_starts, given_ends, strict=True)
            if in_order
            else sorted(zip(given_starts, given_ends, strict=True))
        )
        starts, ends = array("q"), array("q")
        for start, end in pairs:
            if end <= start:
                continue
            if starts and start < ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        self._starts = starts
        self._ends = ends

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with any interval."""
        index = bisect_right(self._starts, start) - 1
        if index >= 0 and self._ends[index] > start and end > start:
            return True
        following = index + 1
        return following < len(self._starts) and self._starts[following] < end

    def covers(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside one interval."""
        index = bisect_right(self._starts, start) - 1
        return index >= 0 and end <= self._ends[index]

    def containing(self, offset: int) -> tuple[int, int] | None:
        """The interval holding ``offset``, if any."""
        index = bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self._ends[index]:
            return self._starts[index], self._ends[index]
        return None


_Item = TypeVar("_Item")


class IndexedSequence(Sequence[_Item]):
    """A sequence whose items are made on reading from compact storage (arrays of offsets):
    the slice, negative-index and bounds handling of a list, once; a subclass gives ``_item``,
    called with an index already in range, and ``__len__``."""

    __slots__ = ()

    #: What an item is, for the IndexError a list would raise.
    _what = "item"

    def _item(self, index: int) -> _Item:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> _Item: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[_Item]: ...

    def __getitem__(self, index: int | slice) -> _Item | Sequence[_Item]:
        length = len(self)
        if isinstance(index, slice):
            return [self._item(i) for i in range(*index.indices(length))]
        if index < 0:
            index += length
        if not 0 <= index < length:
            raise IndexError(f"{self._what} index out of range")
        return self._item(index)


class TupleLikeSequence(IndexedSequence[_Item]):
    """An ``IndexedSequence`` that stands for the tuple of its items: equal to the same items
    however held (another of its kind, a tuple or a list, as tests and older callers build
    them), hashed and printed as that tuple."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, type(self) | tuple | list):
            return len(self) == len(other) and all(
                mine == theirs for mine, theirs in zip(self, other, strict=True)
            )
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


class OffsetPairs(Sequence[tuple[int, int]]):
    """``(start, end)`` pairs kept in two arrays of machine integers, made as pairs when read.

    For lists of a pair a line (the content lines segmentation hands to the note-chain search):
    a tuple and two int objects were about 120 bytes a line, several times a text of short
    lines; the arrays are 8 bytes a line under 2**31 characters.
    """

    __slots__ = ("_ends", "starts")

    def __init__(self, largest: int) -> None:
        """``largest``: no offset is larger (the text's length)."""
        code = offset_typecode(largest)
        #: The first offsets, in the order given (for bisection when that is sorted).
        self.starts = array(code)
        self._ends = array(code)

    def append(self, start: int, end: int) -> None:
        self.starts.append(start)
        self._ends.append(end)

    @property
    def last_end(self) -> int:
        return self._ends[-1]

    def widen_last(self, end: int) -> None:
        """Moves the last pair's end to ``end`` if that is further."""
        if end > self._ends[-1]:
            self._ends[-1] = end

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[int, int]]: ...

    def __getitem__(self, index: int | slice) -> tuple[int, int] | Sequence[tuple[int, int]]:
        if isinstance(index, slice):
            return list(zip(self.starts[index], self._ends[index], strict=True))
        return self.starts[index], self._ends[index]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.starts, self._ends, strict=True)

    @classmethod
    def of(cls, pairs: Iterable[tuple[int, int]], largest: int) -> OffsetPairs:
        kept = cls(largest)
        for start, end in pairs:
            kept.append(start, end)
        return kept

    def __eq__(self, other: object) -> bool:
        # Equal to the same pairs however held (a tuple or list of them too).
        if isinstance(other, OffsetPairs | tuple | list):
            return len(self) == len(other) and all(
                mine == theirs for mine, theirs in zip(self, other, strict=True)
            )
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"OffsetPairs({list(self)!r})"

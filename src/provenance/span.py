"""Source locations: character offsets and the 1-based lines and columns people read."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable

import attrs


@attrs.frozen(slots=True)
class Span:
    """Where something stands in a document: offsets ``[start, end)`` plus 1-based line/column.

    ``end_line``/``end_column`` point at the last character (inclusive), as editors show it.
    """

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def __len__(self) -> int:
        return self.end - self.start


class LineIndex:
    """Maps offsets of one text to lines and columns in O(log n) per lookup."""

    __slots__ = ("_length", "_line_starts")

    def __init__(self, text: str) -> None:
        # An array of machine integers, not a list of int objects: 8 bytes a line instead of 36,
        # which a file of blank lines would make 36 times its size.
        starts = array("q", [0])
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

    def span(self, start: int, end: int) -> Span:
        """The span of ``[start, end)``; an empty span points at ``start``."""
        line, column = self.line_column(start)
        end_line, end_column = self.line_column(max(start, end - 1))
        if end_line == line:
            end_line = line  # one int object, not two: most spans sit on one line
        return Span(start, end, line, column, end_line, end_column)


class Intervals:
    """Half-open ``[start, end)`` intervals, merged and sorted, with O(log n) queries.

    Checking each of n mentions against m excluded stretches (page furniture, URLs, codes) by a
    scan would cost n x m, which a long report makes quadratic.
    """

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if end <= start:
                continue
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

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

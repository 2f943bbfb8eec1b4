"""Where a line of extracted text stands in the file as published: a PDF page and its line, or a
line of an HTML page's source.

Text read out of a PDF or a web page has lines of its own, which nobody holding the published
file can find. A ``PlaceMap`` remembers, for each line of the extracted text, the place it was
read from, so that a finding can be reported where a reader looks: ``report.pdf:p12:8``.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

import attrs

from provenance.records import shared_methods

__all__ = ["Place", "PlaceMap"]


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Place:
    """A line in the published file: ``line`` on ``page`` (1-based) of a PDF, or ``line`` of
    an HTML source when ``page`` is None."""

    line: int
    page: int | None = None

    def label(self) -> str:
        """``p12:8`` for line 8 of page 12; ``120`` for line 120 of a page's source."""
        return f"p{self.page}:{self.line}" if self.page is not None else str(self.line)


class PlaceMap:
    """The ``Place`` of each line of an extracted text (None for lines the reader added)."""

    __slots__ = ("_lines", "_pages")

    def __init__(self, places: Iterable[Place | None]) -> None:
        # Two arrays of machine integers, not a list of objects: one entry per text line.
        pages = array("i")
        lines = array("i")
        for place in places:
            if place is None:
                pages.append(-1)
                lines.append(0)
            else:
                pages.append(0 if place.page is None else place.page)
                lines.append(place.line)
        self._pages = pages
        self._lines = lines

    def place(self, text_line: int) -> Place | None:
        """The place of 1-based ``text_line`` of the extracted text, if it has one."""
        index = text_line - 1
        if not 0 <= index < len(self._lines) or self._pages[index] < 0:
            return None
        page = self._pages[index]
        return Place(self._lines[index], page if page > 0 else None)

    def __len__(self) -> int:
        return len(self._lines)

    def __getstate__(self) -> tuple[bytes, bytes]:
        return self._pages.tobytes(), self._lines.tobytes()

    def __setstate__(self, state: tuple[bytes, bytes]) -> None:
        self._pages = array("i")
        self._pages.frombytes(state[0])
        self._lines = array("i")
        self._lines.frombytes(state[1])

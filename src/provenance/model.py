"""The typed model: frozen values, and mentions (a value plus where the text says it).

Values compare and round-trip exactly (``parse_x(render(value)) == value``); mentions add the
``Span`` and the raw text. Serialization lives in ``provenance.serialize``, never here.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Literal, Self, TypeVar, get_args

import attrs

from provenance.gregorian import datetime_types as _dt
from provenance.places import PlaceMap
from provenance.records import shared_methods
from provenance.span import LineIndex, Span, TupleLikeSequence, offset_typecode

_Row = TypeVar("_Row")

if TYPE_CHECKING:
    from provenance.timeline import Timeline

# --------------------------------------------------------------------------- dates

Qualifier = Literal["early", "mid", "late"]


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Date:
    """A calendar date of whatever precision the text gives: a year, a month, or a day.

    ``weekday`` is the weekday the text states (0 = Monday), kept even when it is wrong so that
    a checker can compare it with the calendar. ``qualifier`` keeps "early/mid/late 1995".
    """

    year: int | None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    qualifier: Qualifier | None = None

    @property
    def precision(self) -> Literal["year", "month", "day", "none"]:
        if self.year is None and self.month is None:
            return "none"
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def iso(self) -> str:
        """ISO 8601 text of the precision known: ``1999``, ``1999-02``, ``1999-02-15``.

        A date without a year renders as ``--02-15`` (ISO 8601's form for a day of no year).
        """
        if self.year is None:
            # ISO 8601 has no form for a day of no month ("the 5th"); "---05" is its
            # truncated day-of-month form, kept for completeness.
            if self.month is None:
                return f"---{self.day:02d}" if self.day is not None else ""
            if self.day is not None:
                return f"--{self.month:02d}-{self.day:02d}"
            return f"--{self.month:02d}"
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    def is_valid(self) -> bool:
        """Whether the calendar has this day (31 June and 29 February 1997 do not exist)."""
        if self.month is not None and not 1 <= self.month <= 12:
            return False
        if self.day is None:
            return True
        if self.month is None:
            return False
        try:
            _dt.date(self.year if self.year is not None else 2000, self.month, self.day)
        except ValueError:
            return False
        return True

    def to_date(self) -> _dt.date | None:
        """The ``datetime.date`` when the day is fully known and exists."""
        if self.year is None or self.month is None or self.day is None:
            return None
        try:
            return _dt.date(self.year, self.month, self.day)
        except ValueError:
            return None

    def earliest(self) -> tuple[int, int, int] | None:
        """First day this date can mean, as ``(y, m, d)`` for ordering; None without a year."""
        if self.year is None:
            return None
        return (self.year, self.month or 1, self.day or 1)

    def latest(self) -> tuple[int, int, int] | None:
        """Last day this date can mean, as ``(y, m, d)``; None without a year."""
        if self.year is None:
            return None
        return (self.year, self.month or 12, self.day or 31)


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class DateRange:
    """Two dates the text joins: ``May 24~26, 2002``, ``1999-2000``, ``September/October 1999``."""

    start: Date
    end: Date
    #: How the two were joined: "range" (24-26, between...and) or "alternative" (Sept./Oct.).
    joiner: Literal["range", "alternative"] = "range"

    def iso(self) -> str:
        return f"{self.start.iso()}/{self.end.iso()}"

    @property
    def year(self) -> int | None:
        return self.start.year if self.start.year is not None else self.end.year

    def earliest(self) -> tuple[int, int, int] | None:
        return self.start.earliest()

    def latest(self) -> tuple[int, int, int] | None:
        return self.end.latest()


DateValue = Date | DateRange


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class DateMention:
    """A date as written in a document. ``inferred_year`` is set when the year came from context."""

    value: DateValue
    text: str
    span: Span
    inferred_year: bool = False


class _MentionTable(TupleLikeSequence[_Row]):
    """Mentions kept as arrays, built one ``append`` at a time from the document's line index
    and the text's length (``largest``: no offset is larger)."""

    __slots__ = ("_index", "ends", "starts")

    def __init__(self, index: LineIndex, largest: int) -> None:
        code = offset_typecode(largest)
        self._index = index
        #: Each mention's offsets, in the fewest bytes the text's length allows.
        self.starts: array[int] = array(code)
        self.ends: array[int] = array(code)

    def append(self, item: _Row) -> None:
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self.starts)

    @classmethod
    def of(cls, items: Iterable[_Row], index: LineIndex, largest: int) -> Self:
        """``items`` as arrays, in the order given (themselves when they are)."""
        if isinstance(items, cls):
            return items
        table = cls(index, largest)
        table.extend(items)
        return table

    def extend(self, items: Iterable[_Row]) -> None:
        for item in items:
            self.append(item)


class _SlicedTextTable(_MentionTable[_Row]):
    """A table whose mentions' texts are sliced from the document's text when read: without
    ``text``, each mention's text is kept; with it, only the text of a mention that is not the
    stretch of ``text`` at its span (one broken over two lines, told as one), by position."""

    __slots__ = ("_own", "_text", "_texts")

    def __init__(self, index: LineIndex, largest: int, text: str | None = None) -> None:
        super().__init__(index, largest)
        self._text = text
        self._texts: list[str] | None = [] if text is None else None
        self._own: dict[int, str] = {}

    def _keep_text(self, start: int, end: int, text: str) -> None:
        """Keep what ``_text_of`` needs of the next mention's text (before its offsets)."""
        if self._texts is not None:
            self._texts.append(text)
        elif self._text is None or self._text[start:end] != text:
            self._own[len(self.starts)] = text

    def _text_of(self, index: int, start: int, end: int) -> str:
        if self._texts is not None:
            return self._texts[index]
        own = self._own.get(index) if self._own else None
        if own is not None or self._text is None:
            return own if own is not None else ""
        return self._text[start:end]


class DateMentions(_MentionTable[DateMention]):
    """A document's dates in order, each kept as its value, its text and its offsets, and made
    as ``DateMention`` (with a span in the document's line index) when read.

    Held by the document for as long as it lives: a mention, its span and an int object for the
    span's start were about 160 bytes a date, one every 10 to 25 characters of a list of dated
    sources or of citations (each citation's and entry's year is a date); here two pointers to
    values and texts most dates share, and 9 bytes under 2**31 characters. Equal to any
    sequence of the same mentions (a tuple of them, as tests build documents with), and shown
    as that tuple.
    """

    __slots__ = ("inferred", "texts", "values")
    _what = "date"

    def __init__(self, index: LineIndex, largest: int) -> None:
        """``largest``: no offset is larger (the text's length)."""
        super().__init__(index, largest)
        #: Each mention's value and text (equal ones shared by the reader).
        self.values: list[DateValue] = []
        self.texts: list[str] = []
        #: 1 where the year was taken from the context (``DateMention.inferred_year``).
        self.inferred: array[int] = array("B")

    def append(self, mention: DateMention) -> None:
        self.values.append(mention.value)
        self.texts.append(mention.text)
        self.starts.append(mention.span.start)
        self.ends.append(mention.span.end)
        self.inferred.append(mention.inferred_year)

    def _item(self, index: int) -> DateMention:
        return DateMention(
            self.values[index],
            self.texts[index],
            self._index.span(self.starts[index], self.ends[index]),
            bool(self.inferred[index]),
        )

    def __iter__(self) -> Iterator[DateMention]:
        span = self._index.span
        for value, text, start, end, inferred in zip(
            self.values, self.texts, self.starts, self.ends, self.inferred, strict=True
        ):
            yield DateMention(value, text, span(start, end), inferred == 1)


# --------------------------------------------------------------------------- index codes

IndexScheme = Literal["amnesty", "irb", "un"]


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class AmnestyIndex:
    """Amnesty International index: ``ASA 24/06/96`` (old form) or ``ASA 24/1234/2019`` (new).

    ``number`` keeps its leading zeros as written; ``year`` is always four digits.
    """

    region: str
    country: str
    number: str
    year: int

    scheme: IndexScheme = attrs.field(default="amnesty", init=False)


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class IrbCode:
    """IRB Response to Information Request code: ``KKT34458.E`` (country, number, language)."""

    country: str
    number: str
    language: str | None = None

    scheme: IndexScheme = attrs.field(default="irb", init=False)


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class UnSymbol:
    """UN document symbol: ``E/CN.4/2004/9``, ``A/HRC/25/63`` as its slash-separated parts."""

    parts: tuple[str, ...]

    scheme: IndexScheme = attrs.field(default="un", init=False)

    @property
    def year(self) -> int | None:
        for part in self.parts:
            if len(part) == 4 and part.isdigit() and 1946 <= int(part) <= 2100:
                return int(part)
        return None


IndexCode = AmnestyIndex | IrbCode | UnSymbol

IndexRole = Literal["own", "cited", "furniture"]


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class IndexCodeMention:
    """An index code as written. ``role``: the document's own code, a cited one, or furniture."""

    value: IndexCode
    text: str
    span: Span
    role: IndexRole = "cited"


_ROLES: tuple[IndexRole, ...] = get_args(IndexRole)


class IndexCodeMentions(_SlicedTextTable[IndexCodeMention]):
    """A document's index codes in order, each kept as its value, its text, its offsets and the
    number of its role, and made as ``IndexCodeMention`` (with a span in the document's line
    index) when read.

    Held by the document for as long as it lives: a mention, its span and an int object for the
    span's start were about 150 bytes a code, one every 25 characters of a list of codes; here
    a pointer (to a value that codes written alike share) and 9 bytes under 2**31 characters,
    the text being sliced from the document's when read (given ``text``). Equal to any sequence
    of the same mentions (a tuple of them, as tests build documents with), and shown as that
    tuple.
    """

    __slots__ = ("roles", "values")
    _what = "index code"

    def __init__(self, index: LineIndex, largest: int, text: str | None = None) -> None:
        """``largest``: no offset is larger (the text's length). ``text``: the document's text,
        which each code's text is sliced from when it is that stretch of it (a code's own text
        was about 60 bytes a code of a list of codes that each differ)."""
        super().__init__(index, largest, text)
        self.values: list[IndexCode] = []
        #: The number of each mention's role in ``role_names``.
        self.roles: array[int] = array("B")

    #: The roles, by the numbers ``roles`` holds.
    role_names = _ROLES

    def append(self, mention: IndexCodeMention) -> None:
        start, end = mention.span.start, mention.span.end
        self._keep_text(start, end, mention.text)
        self.values.append(mention.value)
        self.starts.append(start)
        self.ends.append(end)
        self.roles.append(_ROLES.index(mention.role))

    def set_role(self, index: int, role: IndexRole) -> None:
        self.roles[index] = _ROLES.index(role)

    def _item(self, index: int) -> IndexCodeMention:
        start, end = self.starts[index], self.ends[index]
        return IndexCodeMention(
            self.values[index],
            self._text_of(index, start, end),
            self._index.span(start, end),
            _ROLES[self.roles[index]],
        )

    def __iter__(self) -> Iterator[IndexCodeMention]:
        span, names = self._index.span, _ROLES
        if self._own or self._text is None:
            for index in range(len(self.values)):
                yield self._item(index)
            return
        text = self._text
        for value, start, end, role in zip(
            self.values, self.starts, self.ends, self.roles, strict=True
        ):
            yield IndexCodeMention(value, text[start:end], span(start, end), names[role])


def index_code_year(code: IndexCode) -> int | None:
    if isinstance(code, AmnestyIndex):
        return code.year
    if isinstance(code, UnSymbol):
        return code.year
    return None


# --------------------------------------------------------------------------- references

#: ``source-list``: a list of sources found by its layout, with no heading to say what it is.
Section = Literal[
    "references", "attachment", "additional-sources", "bibliography", "source-list", "footnote"
]


@shared_methods
# No weak reference slot: one of these is held for each entry (citation) read, and nothing
# refers to one weakly (8 bytes each).
@attrs.frozen(slots=True, repr=False, eq=False, weakref_slot=False)
class ReferenceEntry:
    """The fields of one source entry, whatever style it was written in.

    ``author`` is the person or organisation responsible (for a periodical, its name);
    ``container`` the periodical or collection an item appeared in when that differs.
    """

    author: str | None = None
    place: str | None = None
    date: DateValue | None = None
    title: str | None = None
    container: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    url: str | None = None
    accessed: Date | None = None
    index_code: IndexCode | None = None
    #: Style the entry was recognised as: "irb", "correspondence", "name-only", "footnote", ...
    kind: str = "irb"
    #: Retrieval note such as "(NEXIS)" or description such as "Correspondence sent to ...".
    note: str | None = None
    #: The letter after an author-year entry's year ("2021b"): which of its author's works of
    #: that year it is, as citations name it. Used for linking, not shown in outputs.
    year_suffix: str | None = attrs.field(default=None, metadata={"json": False})
    #: Whether the names the entry starts with edited or compiled the work ("Winter, A.
    #: (Eds.). (2020)."), as a mark after them says, rather than wrote it.
    edited: bool = False


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Reference:
    """A source entry in a reference section, attachment list, or footnote body."""

    entry: ReferenceEntry
    section: Section
    text: str
    span: Span
    #: Footnote number when the entry is a footnote body.
    number: int | None = None


_SECTIONS: tuple[Section, ...] = get_args(Section)


class References(TupleLikeSequence[Reference]):
    """A document's references in order, each kept as its entry, its section's number and the
    offsets of its span and of its text, and made as ``Reference`` when read.

    Held by the document for as long as it lives: a ``Reference``, its own copy of its
    entry's text, its span and an int object for the span's start were about 270 bytes an entry
    of a source list (47 characters in a list of short entries, six times its text); here
    17 bytes and a pointer under 2**31 characters. A reference whose text is not a stretch of
    the document's text (a footnote body joined over lines) keeps that text, and its number,
    beside the arrays. Equal to any sequence of the same references (a tuple of them, as tests
    build documents with), and shown as that tuple.
    """

    __slots__ = (
        "_index",
        "_numbers",
        "_text",
        "_texts",
        "ends",
        "entries",
        "sections",
        "starts",
        "text_ends",
        "text_starts",
    )
    _what = "reference"

    def __init__(self, text: str, index: LineIndex) -> None:
        code = offset_typecode(len(text))
        self._text = text
        self._index = index
        #: Each reference's entry, and the number of its section in ``section_names``.
        self.entries: list[ReferenceEntry] = []
        self.sections: array[int] = array("B")
        #: The offsets of each reference's span, and of its text within the document's text.
        self.starts: array[int] = array(code)
        self.ends: array[int] = array(code)
        self.text_starts: array[int] = array(code)
        self.text_ends: array[int] = array(code)
        #: By position: the text of a reference whose text is its own (not a stretch of the
        #: document's text), and the number of a footnote body's.
        self._texts: dict[int, str] = {}
        self._numbers: dict[int, int] = {}

    #: The sections, by the numbers ``sections`` holds.
    section_names = _SECTIONS

    def append(
        self,
        entry: ReferenceEntry,
        section: Section,
        start: int,
        end: int,
        text_start: int,
        text_end: int,
        number: int | None = None,
    ) -> None:
        """A reference whose span is ``[start, end)`` and whose text is the document's text
        from ``text_start`` to ``text_end``."""
        if number is not None:
            self._numbers[len(self.entries)] = number
        self.entries.append(entry)
        self.sections.append(_SECTIONS.index(section))
        self.starts.append(start)
        self.ends.append(end)
        self.text_starts.append(text_start)
        self.text_ends.append(text_end)

    def append_own(
        self, entry: ReferenceEntry, section: Section, span: Span, text: str, number: int | None
    ) -> None:
        """A reference whose text is ``text`` itself (not sliced from the document's)."""
        self._texts[len(self.entries)] = text
        self.append(entry, section, span.start, span.end, span.start, span.start, number)

    def __len__(self) -> int:
        return len(self.entries)

    def _item(self, index: int) -> Reference:
        text = self._texts.get(index) if self._texts else None
        if text is None:
            text = self._text[self.text_starts[index] : self.text_ends[index]]
        return Reference(
            self.entries[index],
            _SECTIONS[self.sections[index]],
            text,
            self._index.span(self.starts[index], self.ends[index]),
            self._numbers.get(index) if self._numbers else None,
        )

    def __iter__(self) -> Iterator[Reference]:
        if self._texts or self._numbers:
            for index in range(len(self.entries)):
                yield self._item(index)
            return
        span, names, text = self._index.span, _SECTIONS, self._text
        for entry, section, start, end, text_start, text_end in zip(
            self.entries,
            self.sections,
            self.starts,
            self.ends,
            self.text_starts,
            self.text_ends,
            strict=True,
        ):
            yield Reference(entry, names[section], text[text_start:text_end], span(start, end))


# --------------------------------------------------------------------------- citations

CitationKind = Literal["author-date", "date-only", "ibid", "author"]


@shared_methods
# No weak reference slot: one of these is held for each entry (citation) read, and nothing
# refers to one weakly (8 bytes each).
@attrs.frozen(slots=True, repr=False, eq=False, weakref_slot=False)
class CitationValue:
    """One in-text citation: ``The Korea Post Feb. 1999``, ``27 July 1999``, ``ibid.``."""

    author: str | None = None
    date: DateValue | None = None
    ibid: bool = False
    #: Pinpoint after the source: ``p. 5``, ``para. 79``; after a colon only the page: ``45``.
    locator: str | None = None
    #: The letter after the year that tells apart two works of one source and year (``1995a``).
    year_suffix: str | None = None

    @property
    def kind(self) -> CitationKind:
        if self.ibid:
            return "ibid"
        if self.author is None:
            return "date-only"
        return "author-date" if self.date is not None else "author"


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Citation:
    """An in-text citation and, once linked, the index of the reference it resolves to."""

    value: CitationValue
    text: str
    span: Span
    #: Index into ``Document.references``; None when it resolves to nothing.
    reference: int | None = None
    #: The author the citation was resolved through when its text names none (date-only, ibid).
    resolved_author: str | None = None

    @property
    def kind(self) -> CitationKind:
        return self.value.kind


class Citations(_SlicedTextTable[Citation]):
    """A document's citations in order, each kept as its value, its text, its offsets, the
    number of its reference and the author it was resolved through, and made as ``Citation``
    (with a span in the document's line index) when read.

    Held by the document for as long as it lives: a ``Citation``, its span and an int object for
    the span's start were about 170 bytes a citation, one every 30 characters of a text that
    cites on every line; here two pointers (a value that citations of the same text share, and
    an author that is mostly None) and 12 bytes under 2**31 characters, the text being sliced
    from the document's when read. Equal to any
    sequence of the same citations (a tuple of them, as tests build documents with), and shown
    as that tuple.
    """

    __slots__ = ("authors", "references", "values")
    _what = "citation"

    def __init__(self, index: LineIndex, largest: int, text: str | None = None) -> None:
        """``largest``: no offset is larger (the text's length). ``text``: the document's text,
        which each citation's text is sliced from when it is that stretch of it (a citation's
        own copy of its text was about 60 bytes a citation, held as long as the document)."""
        super().__init__(index, largest, text)
        self.values: list[CitationValue] = []
        #: The number of each citation's reference in ``Document.references``, -1 for none.
        self.references: array[int] = array("q")
        #: ``Citation.resolved_author`` of each.
        self.authors: list[str | None] = []

    def append(self, citation: Citation) -> None:
        start, end = citation.span.start, citation.span.end
        self._keep_text(start, end, citation.text)
        self.values.append(citation.value)
        self.starts.append(start)
        self.ends.append(end)
        self.references.append(-1 if citation.reference is None else citation.reference)
        self.authors.append(citation.resolved_author)

    def _item(self, index: int) -> Citation:
        reference = self.references[index]
        start, end = self.starts[index], self.ends[index]
        return Citation(
            self.values[index],
            self._text_of(index, start, end),
            self._index.span(start, end),
            None if reference < 0 else reference,
            self.authors[index],
        )

    def __iter__(self) -> Iterator[Citation]:
        if self._own or self._text is None:
            for index in range(len(self.values)):
                yield self._item(index)
            return
        # Each rule reads every citation: the texts sliced here, not through a call each.
        span, text = self._index.span, self._text
        for value, start, end, reference, author in zip(
            self.values, self.starts, self.ends, self.references, self.authors, strict=True
        ):
            yield Citation(
                value,
                text[start:end],
                span(start, end),
                None if reference < 0 else reference,
                author,
            )


# --------------------------------------------------------------------------- footnotes

MarkerStyle = Literal["sup", "bracket", "caret-bracket", "caret", "unicode", "glued", "plain"]


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class FootnoteMarker:
    """A note call in the text: ``<sup>12</sup>``, ``[12]``, ``[^12]``, ``^12``, ``¹²``."""

    number: int
    span: Span
    style: MarkerStyle


_MARKER_STYLES: tuple[MarkerStyle, ...] = get_args(MarkerStyle)


class NoteCalls:
    """A document's note calls in arrays, grouped by number (each number's calls in the order
    read): an offset, a length and a style number a call, 6 bytes under 2**31 characters.

    Each footnote's ``markers`` is a ``FootnoteMarkers``, its stretch of these arrays: a
    ``FootnoteMarker``, its span and the span's start's int object were about 150 bytes a call,
    held for as long as the document lives, the most of what a text of note calls kept.
    """

    __slots__ = ("_index", "lengths", "starts", "styles")

    def __init__(self, index: LineIndex, starts: array[int], lengths: array[int]) -> None:
        self._index = index
        self.starts = starts
        self.lengths = lengths
        #: Each call's style, by its number in ``style_names``.
        self.styles = array("B", bytes(len(starts)))

    #: The styles, by the numbers ``styles`` holds.
    style_names = _MARKER_STYLES

    @classmethod
    def grouped(
        cls, markers: Iterable[FootnoteMarker], index: LineIndex, largest: int
    ) -> dict[int, FootnoteMarkers]:
        """``markers`` held in one table, as each number's ``FootnoteMarkers`` (by number,
        ascending; each number's calls in the order given). ``largest``: no offset is larger."""
        code = offset_typecode(largest)
        # Read in the order given into arrays first (17 bytes a call), then placed by number: a
        # list of the calls or of their numbers' positions held an object or more a call.
        numbers, starts, ends, styles = array("q"), array(code), array(code), array("B")
        counts: dict[int, int] = {}
        longest = 0
        for marker in markers:
            number, start, end = marker.number, marker.span.start, marker.span.end
            numbers.append(number)
            starts.append(start)
            ends.append(end)
            styles.append(_MARKER_STYLES.index(marker.style))
            counts[number] = counts.get(number, 0) + 1
            longest = max(longest, end - start)
        count = len(numbers)
        # A call is a few characters ("<sup>12</sup>", "[^12]"): a byte holds its length.
        lengths = array("B" if longest < 256 else code)
        lengths.frombytes(bytes(count * lengths.itemsize))
        table = cls(index, array(code, bytes(count * starts.itemsize)), lengths)
        places: dict[int, int] = {}
        firsts: dict[int, int] = {}
        place = 0
        for number in sorted(counts):
            firsts[number] = places[number] = place
            place += counts[number]
        for number, start, end, style in zip(numbers, starts, ends, styles, strict=True):
            place = places[number]
            places[number] = place + 1
            table.starts[place] = start
            table.lengths[place] = end - start
            table.styles[place] = style
        return {
            number: FootnoteMarkers(table, number, first, first + counts[number])
            for number, first in firsts.items()
        }

    def marker(self, number: int, place: int) -> FootnoteMarker:
        start = self.starts[place]
        return FootnoteMarker(
            number,
            self._index.span(start, start + self.lengths[place]),
            _MARKER_STYLES[self.styles[place]],
        )


class FootnoteMarkers(TupleLikeSequence[FootnoteMarker]):
    """One note's calls, in the order read: a stretch of the document's ``NoteCalls``, made as
    ``FootnoteMarker`` when read. Equal to any sequence of the same markers (a tuple of them,
    as tests build footnotes with), and shown and hashed as that tuple."""

    __slots__ = ("_calls", "_first", "_stop", "number")
    _what = "note call"

    def __init__(self, calls: NoteCalls, number: int, first: int, stop: int) -> None:
        self._calls = calls
        #: The number every call of this stretch calls.
        self.number = number
        self._first = first
        self._stop = stop

    def __len__(self) -> int:
        return self._stop - self._first

    def _item(self, index: int) -> FootnoteMarker:
        return self._calls.marker(self.number, self._first + index)

    def starts(self) -> Iterator[int]:
        """Where each call starts, without making the markers."""
        return iter(self._calls.starts[self._first : self._stop])

    def part(self, first: int, stop: int) -> FootnoteMarkers:
        """The calls ``first`` to ``stop`` (not included) of this stretch, a stretch itself."""
        first, stop, _ = slice(first, stop).indices(len(self))
        return FootnoteMarkers(self._calls, self.number, self._first + first, self._first + stop)

    def styles(self) -> Iterator[MarkerStyle]:
        """Each call's style, without making the markers."""
        return (_MARKER_STYLES[style] for style in self._calls.styles[self._first : self._stop])

    def __iter__(self) -> Iterator[FootnoteMarker]:
        calls, number = self._calls, self.number
        span, starts, lengths, styles = calls._index.span, calls.starts, calls.lengths, calls.styles
        for place in range(self._first, self._stop):
            start = starts[place]
            yield FootnoteMarker(
                number, span(start, start + lengths[place]), _MARKER_STYLES[styles[place]]
            )


def marker_starts(markers: Sequence[FootnoteMarker]) -> Iterator[int]:
    """Where each of ``markers`` starts: read from the arrays of a document's ``NoteCalls``
    without making the markers (rules read every call's offset, some more than once)."""
    if isinstance(markers, FootnoteMarkers):
        return markers.starts()
    return (marker.span.start for marker in markers)


def marker_styles(markers: Sequence[FootnoteMarker]) -> Iterator[MarkerStyle]:
    """Each of ``markers``' style (``marker_starts``' way)."""
    if isinstance(markers, FootnoteMarkers):
        return markers.styles()
    return (marker.style for marker in markers)


def first_marker(markers: Sequence[FootnoteMarker]) -> FootnoteMarker | None:
    """The first of the markers that start earliest (the one ``min`` by start gives), the only
    one made; None when there is none."""
    earliest = min(enumerate(marker_starts(markers)), key=lambda pair: pair[1], default=None)
    return None if earliest is None else markers[earliest[0]]


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class FootnoteBody:
    """A note's own text. ``recovered`` when OCR glued the number to the body (``6Another``)."""

    number: int
    span: Span
    text: str
    recovered: bool = False


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Footnote:
    """A footnote number with all its markers and its body, either of which may be missing."""

    number: int
    #: A ``FootnoteMarkers`` in a document read (a tuple where tests build footnotes).
    markers: Sequence[FootnoteMarker]
    body: FootnoteBody | None
    #: Where a call no grammar could confirm may stand, for a written note never called: PDF
    #: text glues a call to the figure before it ("Nos. 169 and 1898": Convention 189, note 8)
    #: or sets it after one ("$2.35 2 billion"). A place for a reader to look, not a call.
    possible_call: Span | None = None


# --------------------------------------------------------------------------- structure

RegionKind = Literal[
    "heading",
    "paragraph",
    "toc",
    "furniture",
    "references",
    "attachment",
    "additional-sources",
    "bibliography",
    "source-list",
    "notes",
    "footnote",
]


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Region:
    """A stretch of the document with one role, as segmentation found it."""

    kind: RegionKind
    span: Span


_REGION_KINDS: tuple[RegionKind, ...] = get_args(RegionKind)


class Regions(TupleLikeSequence[Region]):
    """A document's regions in order, kept as offsets and a kind number each and made as
    ``Region`` (with a span in the document's line index) when read.

    Held by the document for as long as it lives: a region, its span and an int object for its
    start were about 150 bytes a block, seven times the text of short blocks (headings and
    short paragraphs); the arrays are 9 bytes a region under 2**31 characters. Equal to any
    sequence of the same regions (a tuple of them, as tests build documents with).
    """

    __slots__ = ("_index", "ends", "kinds", "starts")
    _what = "region"

    def __init__(self, index: LineIndex, largest: int) -> None:
        """``largest``: no offset is larger (the text's length)."""
        code = offset_typecode(largest)
        self._index = index
        #: The offsets of each region, and the number of its kind in ``kind_names``.
        self.starts: array[int] = array(code)
        self.ends: array[int] = array(code)
        self.kinds: array[int] = array("B")

    #: The kinds, by the numbers ``kinds`` holds.
    kind_names = _REGION_KINDS

    @classmethod
    def of(cls, regions: Sequence[Region], index: LineIndex, largest: int) -> Regions:
        """``regions`` as arrays, in the order given (themselves when they are)."""
        if isinstance(regions, Regions):
            return regions
        table = cls(index, largest)
        for region in regions:
            table.append(region.kind, region.span.start, region.span.end)
        return table

    def append(self, kind: RegionKind, start: int, end: int) -> None:
        self.starts.append(start)
        self.ends.append(end)
        self.kinds.append(_REGION_KINDS.index(kind))

    def kind_codes(self, kinds: Iterable[str]) -> frozenset[int]:
        """The numbers ``kinds`` holds for these kind names."""
        return frozenset(_REGION_KINDS.index(k) for k in kinds if k in _REGION_KINDS)

    def __len__(self) -> int:
        return len(self.starts)

    def _item(self, index: int) -> Region:
        return Region(
            _REGION_KINDS[self.kinds[index]],
            self._index.span(self.starts[index], self.ends[index]),
        )

    def __iter__(self) -> Iterator[Region]:
        span, names = self._index.span, _REGION_KINDS
        for start, end, kind in zip(self.starts, self.ends, self.kinds, strict=True):
            yield Region(names[kind], span(start, end))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Regions):
            return (
                self.starts == other.starts
                and self.ends == other.ends
                and self.kinds == other.kinds
                and (self._index is other._index or list(self) == list(other))
            )
        return super().__eq__(other)

    __hash__ = TupleLikeSequence.__hash__  # defining __eq__ would set it to None


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Heading:
    """A heading, with its number (``3.3.3``) and title; ``in_toc`` for table-of-contents lines."""

    text: str
    number: str | None
    title: str
    span: Span
    in_toc: bool = False


CrossRefKind = Literal["section", "chapter", "appendix", "annex", "paragraph", "part"]


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class CrossReference:
    """``see Section 3.3.3``, ``Chapter Three``, ``Appendix 1``: a pointer into the document."""

    kind: CrossRefKind
    #: The label as normalised: "3.3.3", "3" for "Three", "1".
    label: str
    text: str
    span: Span
    #: Index into ``Document.headings`` of the target; None when no heading matches.
    target: int | None = None
    #: For a pointer no heading carries: the numbered paragraph it points at, or a line that
    #: starts with the label ("2.1 Human movement today" in a contents list without pages,
    #: "ANNEX 5. REPORTS OF" wrapped over two lines), which shows the part is there.
    paragraph: Span | None = None
    #: False when the document numbers no part of this kind at all (no numbered paragraph,
    #: chapter or section): the pointer is into another work, or to parts this copy leaves out,
    #: and cannot be checked against this text.
    checkable: bool = True
    #: False when no target was found and the parts numbered like the label (the sections
    #: 3.1, 3.2 ... for "section 3.4"; the numbered paragraphs for "para. 12") were not read
    #: with confidence: none was read, or their numbers skip or repeat, so the reader missed
    #: some and cannot say the part is missing.
    scheme_read: bool = True


_CROSS_REF_KINDS: tuple[CrossRefKind, ...] = get_args(CrossRefKind)


class CrossReferences(_MentionTable[CrossReference]):
    """A document's cross-references in order, each kept as its kind's number, its label and
    text, its offsets, its target's number and two flags, and made as ``CrossReference`` (with
    a span in the document's line index) when read.

    Held by the document for as long as it lives: a ``CrossReference``, its span and an int
    object for the span's start were about 190 bytes a pointer, one every 25 characters of a
    text of pointers; here two pointers (to a label and a text that pointers written alike
    share) and 14 bytes under 2**31 characters. A numbered paragraph or line found for a
    pointer is kept by its position. Equal to any sequence of the same cross-references (a
    tuple of them, as tests build documents with), and shown as that tuple.
    """

    __slots__ = ("flags", "kinds", "labels", "paragraphs", "targets", "texts")
    _what = "cross-reference"

    #: ``flags`` bits.
    CHECKABLE = 1
    SCHEME_READ = 2

    def __init__(self, index: LineIndex, largest: int) -> None:
        """``largest``: no offset is larger (the text's length)."""
        super().__init__(index, largest)
        self.kinds: array[int] = array("B")
        self.labels: list[str] = []
        self.texts: list[str] = []
        #: The number of each pointer's heading in ``Document.headings``, -1 for none.
        self.targets: array[int] = array("q")
        self.flags: array[int] = array("B")
        #: By position: the paragraph (or line) found for a pointer that has one.
        self.paragraphs: dict[int, Span] = {}

    def append(self, reference: CrossReference) -> None:
        self.kinds.append(_CROSS_REF_KINDS.index(reference.kind))
        self.labels.append(reference.label)
        self.texts.append(reference.text)
        self.starts.append(reference.span.start)
        self.ends.append(reference.span.end)
        self.targets.append(0)
        self.flags.append(0)
        self.link(
            len(self.labels) - 1,
            reference.target,
            reference.paragraph,
            reference.checkable,
            reference.scheme_read,
        )

    def link(
        self,
        index: int,
        target: int | None,
        paragraph: Span | None,
        checkable: bool,
        scheme_read: bool,
    ) -> None:
        """Set what ``self[index]`` was linked to (``CrossReference``'s last four fields)."""
        self.targets[index] = -1 if target is None else target
        if paragraph is not None:
            self.paragraphs[index] = paragraph
        else:
            self.paragraphs.pop(index, None)
        self.flags[index] = (self.CHECKABLE if checkable else 0) | (
            self.SCHEME_READ if scheme_read else 0
        )

    def _item(self, index: int) -> CrossReference:
        target, flags = self.targets[index], self.flags[index]
        return CrossReference(
            _CROSS_REF_KINDS[self.kinds[index]],
            self.labels[index],
            self.texts[index],
            self._index.span(self.starts[index], self.ends[index]),
            None if target < 0 else target,
            self.paragraphs.get(index) if self.paragraphs else None,
            bool(flags & self.CHECKABLE),
            bool(flags & self.SCHEME_READ),
        )

    def __iter__(self) -> Iterator[CrossReference]:
        for index in range(len(self.labels)):
            yield self._item(index)


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Url:
    """A URL or something written to be one; ``problem`` says what is wrong with a malformed one."""

    text: str
    span: Span
    problem: str | None = None


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Update:
    """``Update to KKT25532.E of 20 December 1996``: a document this one updates."""

    code: IndexCode
    text: str
    span: Span
    date: Date | None = None


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Metadata:
    index_code: IndexCodeMention | None = None
    date: DateMention | None = None
    title: str | None = None
    updates: tuple[Update, ...] = ()


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Document:
    """Everything found in one report, each item located by its ``Span``."""

    #: The report's text as read: as given, but for a double-spaced text, whose blank line
    #: after each line is read as a line break (``segment.single_spaced``: the same length and
    #: the same line starts, spaces for the newlines taken out; ``line_index`` numbers the
    #: lines as given).
    text: str
    path: str | None
    metadata: Metadata
    regions: Sequence[Region] = ()
    headings: tuple[Heading, ...] = ()
    references: Sequence[Reference] = ()
    citations: Sequence[Citation] = ()
    footnotes: tuple[Footnote, ...] = ()
    index_codes: Sequence[IndexCodeMention] = ()
    dates: Sequence[DateMention] = ()
    cross_references: Sequence[CrossReference] = ()
    urls: tuple[Url, ...] = ()
    line_index: LineIndex = attrs.field(eq=False, repr=False, factory=lambda: LineIndex(""))
    #: Non-fatal notes from reading the input (e.g. "decoded as cp1252").
    input_notes: tuple[str, ...] = ()
    #: Why the document was not read (it passed a limit of ``provenance.limits``), or None.
    too_complex: str | None = None
    #: Where each line of ``text`` stands in the published PDF or web page it was read from
    #: (``provenance.formats``); None for text files.
    places: PlaceMap | None = attrs.field(default=None, eq=False, repr=False)
    #: Dated statements resolved in order, with the ages, spans and figures checked against
    #: them (``provenance.timeline``); None when the document was not read that far.
    timeline: Timeline | None = None

"""The timeline of a document: its dated statements in order, each resolved to an interval of
days, with how it was found; and the ages, spans of time and figures that can be checked
against them.

Resolution, in the order a reader does it:

* a date written in full is ``written``; one whose year came from the context is ``inferred``;
* a relative expression ("two weeks later", "the next year", "that day") is ``resolved`` from
  an anchor: for the narrative ones, the dated statements before it in the same paragraph (the
  nearest that agrees with a date written in the same statement, else the nearest), or the last
  one of an earlier paragraph (``low`` confidence); for "last year", "three days ago", "earlier
  this month", the document's own date;
* an absolute date written in the same statement as a relative one ("Just one month earlier, in
  September 2004"; "In May 2004, just one year later") is kept as ``stated``, and ``agrees``
  says whether some anchor makes the two agree;
* an age is set against a birth date of the same person (same name, or the same child noun:
  "a 30 months old boy" and "delivered her baby boy") and the date of its own sentence
  (``high``), else the statement before it (``medium``);
* a span of time "for three weeks" is set against a range "from ... to ..." of its clause;
* a total and its parts, and a stated change ("a 1.6-fold increase") against the counts before
  it, are kept with the figures they were compared with.

Every comparison gives the text the benefit of its precision: a month stands for all its days,
an amount for the tolerance of its unit (``TOLERANCE_DAYS``), a hedged amount ("about", "over")
is resolved but never checked. ``agrees`` is None where the text does not give enough to be
sure; checkers report only ``False``.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Literal, overload

import attrs

from provenance.figures import Breakdown, Change, Figure, FigureMention
from provenance.folding import caseless_starts
from provenance.gregorian import datetime_types as dt
from provenance.gregorian import days_in_month
from provenance.model import DateMention, DateMentions, DateRange, DateValue, Region, Regions
from provenance.parsers.figures import iter_figures
from provenance.parsers.relative import iter_relatives
from provenance.records import shared_methods
from provenance.regex_store import lazy_compile
from provenance.sentences import iter_sentences
from provenance.span import Intervals, LineIndex, OffsetPairs, Span
from provenance.temporal import (
    Age,
    AnchorKind,
    Decade,
    Duration,
    Offset,
    RelativeMention,
    RelativeValue,
    Since,
    Step,
    Unit,
)

Provenance = Literal["written", "inferred", "resolved"]
Confidence = Literal["high", "medium", "low"]

#: How far (in days) an exactly stated offset of each unit may miss and still agree: "a month
#: later" is rarely to the day, "a year later" rarely to the week.
TOLERANCE_DAYS: dict[Unit, int] = {"day": 0, "week": 1, "month": 7, "year": 31, "decade": 366}


# --------------------------------------------------------------------------- intervals


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Interval:
    """The days a statement can mean, first and last included."""

    first: dt.date
    last: dt.date

    def overlaps(self, other: Interval) -> bool:
        return self.first <= other.last and other.first <= self.last

    def iso(self) -> str:
        """``2004``, ``2004-09``, ``2004-09-01`` when the interval is that, else ``first/last``."""
        first, last = self.first, self.last
        if first == last:
            return first.isoformat()
        if first.day == 1 and last == _month_end(last.year, last.month):
            if (first.year, first.month) == (last.year, last.month):
                return f"{first.year:04d}-{first.month:02d}"
            if first.month == 1 and last.month == 12 and first.year == last.year:
                return f"{first.year:04d}"
        return f"{first.isoformat()}/{last.isoformat()}"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, days_in_month(year, month))


def _clamp_year(year: int) -> int:
    return max(dt.MINYEAR + 1, min(dt.MAXYEAR - 1, year))


def _day(year: int, month: int, day: int) -> dt.date:
    year = _clamp_year(year)
    month = max(1, min(12, month))
    return dt.date(year, month, max(1, min(day, days_in_month(year, month))))


def date_interval(value: DateValue) -> Interval | None:
    """The days a date or range can mean; None without a year or for an impossible month."""
    first, last = value.earliest(), value.latest()
    if first is None or last is None:
        return None
    try:
        low, high = _day(*first), _day(*last)
    except ValueError:
        return None
    if low > high:
        low, high = high, low
    return Interval(low, high)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return _day(year, month + 1, day.day)


def _shift(day: dt.date, amount: float, unit: Unit) -> dt.date:
    """``day`` moved by ``amount`` units (negative: back)."""
    try:
        if unit == "day":
            return day + dt.timedelta(days=round(amount))
        if unit == "week":
            return day + dt.timedelta(days=round(7 * amount))
        months = amount * (1 if unit == "month" else 12 if unit == "year" else 120)
        whole = int(months)
        moved = add_months(day, whole)
        return moved + dt.timedelta(days=round((months - whole) * 30))
    except OverflowError:
        return day


def completed_months(born: dt.date, at: dt.date) -> int:
    """Whole months from ``born`` to ``at`` (an age in months, as a birthday counts it)."""
    months = (at.year - born.year) * 12 + at.month - born.month
    if at.day < born.day:
        months -= 1
    return months


# --------------------------------------------------------------------------- the timeline


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class TimelineEntry:
    """One dated statement: what it says, the days it resolves to, and how that was found."""

    text: str
    span: Span
    expression: DateValue | RelativeValue
    provenance: Provenance
    interval: Interval | None
    confidence: Confidence
    #: The statement a relative expression was counted from, and what kind of anchor it was.
    anchor: Span | None = None
    anchor_text: str | None = None
    anchor_kind: AnchorKind | None = None
    #: An absolute date written in the same statement as a relative one.
    stated: DateMention | None = None
    #: Whether the relative expression and ``stated`` agree; None when there is nothing to
    #: compare or the text does not say enough.
    agrees: bool | None = None


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class AgeStatement:
    """An age, the birth date of the same person, the date it is stated for, and the age those
    dates give (in whole months, lowest and highest)."""

    mention: RelativeMention
    birth: DateMention | None = None
    at: Span | None = None
    at_text: str | None = None
    at_interval: Interval | None = None
    months: tuple[int, int] | None = None
    confidence: Confidence = "low"
    agrees: bool | None = None


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class DurationStatement:
    """A span of time ("for three weeks") and the range of dates its clause gives it."""

    mention: RelativeMention
    range: DateMention | None = None
    days: tuple[int, int] | None = None
    agrees: bool | None = None


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class BreakdownStatement:
    """A total and its parts; ``parts_total`` is what the parts add up to."""

    mention: FigureMention
    parts_total: int
    agrees: bool | None = None


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class ChangeStatement:
    """A stated change, the count it describes and the earlier count it was compared with."""

    mention: FigureMention
    new: FigureMention | None = None
    base: FigureMention | None = None
    #: The ratio of the two counts as written (``new / base``).
    actual: float | None = None
    agrees: bool | None = None


class TimelineEntries(Sequence[TimelineEntry]):
    """A timeline's entries in text order. A date written whole is kept as its number in
    ``dates`` (arrays) and made an entry when read: an entry each, eleven fields of which five
    are for relative expressions only, was the largest object a document of dates held, and
    the mention kept instead (with its span and start) still about 160 bytes a date."""

    __slots__ = ("_dates", "_entries", "_intervals", "_order")

    def __init__(
        self, entries: Iterable[TimelineEntry] = (), dates: DateMentions | None = None
    ) -> None:
        self._dates = dates
        self._entries: list[TimelineEntry] = list(entries)
        #: Each item in order: a date's number in ``_dates``, or -1 - k for ``_entries[k]``.
        self._order: array[int] = array("q", range(-1, -1 - len(self._entries), -1))
        # Equal dates share their (frozen) interval: a report names the same dates many times.
        self._intervals: dict[DateValue, Interval | None] = {}

    def append(self, entry: TimelineEntry) -> None:
        self._order.append(-1 - len(self._entries))
        self._entries.append(entry)

    def append_date(self, number: int) -> None:
        """The written (or year-inferred) date ``dates[number]`` as its entry."""
        assert self._dates is not None, "a date entry needs the dates it is numbered in"
        value = self._dates.values[number]
        if value not in self._intervals:
            self._intervals[value] = date_interval(value)
        self._order.append(number)

    def _entry(self, number: int) -> TimelineEntry:
        if number < 0:
            return self._entries[-1 - number]
        assert self._dates is not None
        item = self._dates[number]
        return TimelineEntry(
            item.text,
            item.span,
            item.value,
            "inferred" if item.inferred_year else "written",
            self._intervals[item.value],
            "high" if not item.inferred_year else "medium",
        )

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, index: int) -> TimelineEntry: ...
    @overload
    def __getitem__(self, index: slice) -> list[TimelineEntry]: ...
    def __getitem__(self, index: int | slice) -> TimelineEntry | list[TimelineEntry]:
        if isinstance(index, slice):
            return [self._entry(number) for number in self._order[index]]
        return self._entry(self._order[index])

    def __iter__(self) -> Iterator[TimelineEntry]:
        for number in self._order:
            yield self._entry(number)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"TimelineEntries({list(self)!r})"


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Timeline:
    """Everything of a document that has a time or a figure to check, in text order."""

    entries: Sequence[TimelineEntry] = ()
    ages: tuple[AgeStatement, ...] = ()
    durations: tuple[DurationStatement, ...] = ()
    breakdowns: tuple[BreakdownStatement, ...] = ()
    changes: tuple[ChangeStatement, ...] = ()


def build_timeline(
    text: str,
    line_index: LineIndex,
    regions: Sequence[Region],
    dates: Sequence[DateMention],
    own_date: DateMention | None,
    excluded: Iterable[Span] = (),
) -> Timeline:
    """The timeline of the running text (``paragraph`` regions) of one document.

    ``dates`` are the document's date mentions (years already inferred); dates inside
    ``excluded`` spans (citations) are sources' dates, not events, and are left out.
    """
    # Offsets in two arrays: a span (and an int object for its start) a paragraph, made from a
    # document's regions, was held beside them while the timeline was read.
    paragraphs = OffsetPairs(len(text))
    if isinstance(regions, Regions):
        code = regions.kind_codes(("paragraph",))
        for start, end, kind in zip(regions.starts, regions.ends, regions.kinds, strict=True):
            if kind in code:
                paragraphs.append(start, end)
    else:
        for region in regions:
            if region.kind == "paragraph":
                paragraphs.append(region.span.start, region.span.end)
    if not paragraphs:
        return Timeline()
    skip = Intervals((s.start, s.end) for s in excluded)
    reader = _Reader(text, line_index, paragraphs, dates, own_date, skip)
    return reader.read()


# --------------------------------------------------------------------------- reading

# What may stand between a relative expression and the absolute date of the same statement:
# "one month earlier, in September 2004", "In May 2004, just one year later", "November 15 of
# the same year".
_GLUE = lazy_compile(
    r"[ \t\n]*,?[ \t\n]*(?:(?:in|on|of|during|by|that is|i\.e\.)[ \t\n]+)?\Z", re.I
)
_GLUE_AFTER = lazy_compile(r"[ \t\n]*,?[ \t\n]*(?:(?:in|on|of|during|by)[ \t\n]+)?", re.I)
_BIRTH = lazy_compile(r"\b(?:born|birth|delivered|gave\s+birth)\b", re.I)
_CHILD_WORDS = frozenset(
    [
        "boy",
        "girl",
        "baby",
        "child",
        "son",
        "daughter",
        "infant",
        "toddler",
        "newborn",
        "boys",
        "girls",
        "babies",
    ]
)
_NAME = lazy_compile(r"\b[A-Z][a-z]+(?:-[A-Za-z]+)?(?:[ \t]+[A-Z][a-z]+(?:-[A-Za-z]+)?)+")
_WORD = lazy_compile(r"[A-Za-z][A-Za-z-]*(?:['’]s)?")
_FROM_RANGE = lazy_compile(r"\b(?:from|between)[ \t\n]+\Z", re.I)
_SENTENCING = lazy_compile(
    r"\b(?:sentenc\w*|prison|imprisonment|jail|term|fined|ban(?:ned)?|visa|permit)\b", re.I
)
#: Characters either side of an age searched for who it is about.
_AROUND = 300
#: More birth dates than this near an age: a register or a table, not a narrative to link.
_MAX_BIRTHS = 20
_OF = lazy_compile(r"[ \t\n]+of[ \t\n]+\Z", re.I)
_OPENS_CLAUSE = lazy_compile(r"\s*(?:(?:in|on|by|during|from|as[ \t]+of)\s+)?\Z", re.I)
# Words without which a paragraph states no change (and needs no lone counts to compare).
_CHANGE_WORDS = lazy_compile(r"(?i:fold|times|per[ \t]*cent|percent)(?![A-Za-z])|%")
# Words without which a paragraph states no total with parts and no change.
_FIGURE_WORDS = lazy_compile(
    r"(?i:fold|times|per[ \t]*cent|percent|including|comprising|consisting|made[ \t]+up"
    r"|namely|of[ \t]+wh(?:om|ich)|among[ \t]+(?:them|whom))(?![A-Za-z])|%"
    r"|[(:][ \t]*(?:\d|(?i:one|two|three|four|five|six|seven|eight|nine|ten|an?)(?![A-Za-z]))"
)
#: What every match of ``_FIGURE_WORDS`` begins with, in any case (see ``caseless_starts``).
_FIGURE_WORD_STARTS = (
    "fold", "times", "per", "including", "comprising", "consisting", "made", "namely", "of",
    "among", "%", "(", ":",
)  # fmt: skip
_THAT_TIME = lazy_compile(r"[ \t]+(?:at[ \t]+(?:that|the)[ \t]+time|then)\b", re.I)
_THEN = lazy_compile(r"\bthen[ \t]+\Z", re.I)
#: How many statements back an anchor is looked for.
_LOOK_BACK = 50


def _matches_in(
    pattern: re.Pattern[str], text: str, start: int, end: int, starts: Sequence[int] | None
) -> bool:
    """Whether ``pattern`` matches in ``text[start:end]``, tried only at ``starts`` (where
    each of its matches begins, or None to search)."""
    if starts is None:
        return pattern.search(text, start, end) is not None
    position = bisect.bisect_left(starts, start)
    while position < len(starts) and starts[position] < end:
        if pattern.match(text, starts[position], end):
            return True
        position += 1
    return False


class _Reader:
    def __init__(
        self,
        text: str,
        line_index: LineIndex,
        paragraphs: OffsetPairs,
        dates: Sequence[DateMention],
        own_date: DateMention | None,
        skip: Intervals,
    ) -> None:
        self.text = text
        self.line_index = line_index
        self.paragraphs = paragraphs
        self.own = own_date
        self.own_interval = date_interval(own_date.value) if own_date is not None else None
        self.paragraph_starts = paragraphs.starts
        #: The starts and ends of the sentences of each paragraph read so far, as arrays: a
        #: tuple for each sentence held several times the text of a paragraph of short ones.
        self.sentences: dict[int, tuple[array[int], array[int]]] = {}
        self.birth_starts: list[int] = []
        self.entry_starts: list[int] = []
        citations = skip
        # Arrays, which the timeline's entries number dates in: a list of the mentions was held
        # by the timeline for as long as the document (about 160 bytes a date).
        self.dates = DateMentions.of(
            (
                d
                for d in dates
                if self._paragraph(d.span.start) is not None
                and not citations.covers(d.span.start, d.span.end)
            ),
            line_index,
            len(text),
        )
        self.date_starts = self.dates.starts
        self.relatives: list[RelativeMention] = []
        self.figures: list[FigureMention] = []
        for start, end in paragraphs:
            self.relatives.extend(iter_relatives(text, line_index, start, end))
        self.relative_starts = [m.span.start for m in self.relatives]
        # Two streams in text order merged, not one list of a pair for each mention: the list
        # was the peak of reading a text of dates.
        taken = Intervals(
            heapq.merge(
                ((m.span.start, m.span.end) for m in self.relatives),
                zip(self.dates.starts, self.dates.ends, strict=True),
            )
        )
        # The case-blind search ran at about 4 MB/s over paragraphs most of which hold no
        # figure word (15 ms of the 66 KB seed); it is tried only where one may start.
        figure_word_starts = caseless_starts(text, _FIGURE_WORD_STARTS)
        for start, end in paragraphs:
            if not _matches_in(_FIGURE_WORDS, text, start, end, figure_word_starts):
                continue  # no total broken down and no change stated: no figure to check
            # Every change word begins with a figure word ("fold", "times", "per", "%"): the
            # same starts bound it (the search was 1.2 ms of the 66 KB seed's check).
            counts = _matches_in(_CHANGE_WORDS, text, start, end, figure_word_starts)
            for figure in iter_figures(text, line_index, start, end, counts=counts):
                if isinstance(figure.value, Figure) and taken.overlaps(
                    figure.span.start, figure.span.end
                ):
                    continue
                self.figures.append(figure)

    def _paragraph(self, offset: int) -> int | None:
        number = bisect.bisect_right(self.paragraph_starts, offset) - 1
        if number >= 0 and offset < self.paragraphs[number][1]:
            return number
        return None

    def _sentence(self, offset: int) -> tuple[int, int]:
        """The sentence around ``offset``, at most ``_AROUND`` characters either side of it (a
        statement is read within its sentence, and a sentence may be a whole unpunctuated
        page)."""
        start, end = self._whole_sentence(offset)
        return max(start, offset - _AROUND), min(end, offset + _AROUND)

    def _whole_sentence(self, offset: int) -> tuple[int, int]:
        number = self._paragraph(offset)
        if number is None:
            return offset, offset
        paragraph_start, paragraph_end = self.paragraphs[number]
        if number not in self.sentences:
            starts, ends = array("q"), array("q")
            for start, end in iter_sentences(self.text, paragraph_start, paragraph_end):
                starts.append(start)
                ends.append(end)
            self.sentences[number] = (starts, ends)
        starts, ends = self.sentences[number]
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < ends[index]:
            return starts[index], ends[index]
        return paragraph_start, paragraph_end

    def _dates_in(self, start: int, end: int) -> Sequence[DateMention]:
        return self.dates[
            bisect.bisect_left(self.date_starts, start) : bisect.bisect_left(self.date_starts, end)
        ]

    def _relatives_in(self, start: int, end: int) -> list[RelativeMention]:
        starts = self.relative_starts
        return self.relatives[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]

    # ------------------------------------------------------------------ entries

    def read(self) -> Timeline:
        entries = self._entries()
        return Timeline(
            entries=entries,
            ages=tuple(self._ages(entries)),
            durations=tuple(self._durations()),
            breakdowns=tuple(self._breakdowns()),
            changes=tuple(self._changes()),
        )

    def _entries(self) -> TimelineEntries:
        anchored = [m for m in self.relatives if isinstance(m.value, (Offset, Step))]
        written = [m for m in self.relatives if isinstance(m.value, (Since, Decade))]
        attached: dict[int, DateMention] = {}
        for mention in anchored:
            stated = self._attached_date(mention)
            if stated is not None:
                attached[mention.span.start] = stated
        covered = Intervals([(m.span.start, m.span.end) for m in written])
        # The dates (in text order already, by number) merged with the relative expressions
        # sorted by offset, a date first where both start at one offset: the order a stable
        # sort of the dates, then these, by offset gave, without a list of every date.
        relatives = sorted([*anchored, *written], key=lambda item: item.span.start)
        entries = TimelineEntries(dates=self.dates)
        starts, ends = self.dates.starts, self.dates.ends
        taken = 0
        for number in range(len(starts)):
            if covered.overlaps(starts[number], ends[number]):
                continue
            while taken < len(relatives) and relatives[taken].span.start < starts[number]:
                self._add_relative(entries, relatives[taken], attached)
                taken += 1
            entries.append_date(number)
        for item in relatives[taken:]:
            self._add_relative(entries, item, attached)
        return entries

    def _add_relative(
        self, entries: TimelineEntries, item: RelativeMention, attached: dict[int, DateMention]
    ) -> None:
        if isinstance(item.value, (Since, Decade)):
            entries.append(
                TimelineEntry(
                    item.text,
                    item.span,
                    item.value,
                    "written",
                    self._written(item.value),
                    "high",
                )
            )
        elif isinstance(item.value, (Offset, Step)):
            stated = attached.get(item.span.start)
            entries.append(self._resolve(item, item.value, entries, stated))

    def _written(self, value: Since | Decade) -> Interval | None:
        if isinstance(value, Decade):
            return Interval(dt.date(value.first_year, 1, 1), dt.date(value.first_year + 9, 12, 31))
        end = self.own_interval.last if self.own_interval is not None else None
        if end is None or end.year < value.year:
            end = dt.date(value.year, 12, 31)
        return Interval(dt.date(value.year, 1, 1), end)

    def _attached_date(self, mention: RelativeMention) -> DateMention | None:
        """The absolute date written right before or after ``mention`` in its sentence."""
        start, end = self._sentence(mention.span.start)
        for date in self._dates_in(start, end):
            if date.span.end <= mention.span.start:
                between = self.text[date.span.end : mention.span.start]
                if len(between) >= 12 or not _GLUE.match(between):
                    continue
                # "November 15 of the same year"; "In May 2004, just one year later": a date
                # that opens its clause. In "arrested in 1998, two years later he fled" the
                # date is what the expression counts from, not a restatement of it.
                clause = self.text[start : date.span.start]
                clause = clause[max(clause.rfind(c) for c in ",;:(") + 1 :]
                if _OF.match(between) or _OPENS_CLAUSE.match(clause):
                    return date
            elif date.span.start >= mention.span.end:
                glue = _GLUE_AFTER.match(self.text, mention.span.end)
                if glue is not None and glue.end() == date.span.start:
                    return date
        return None

    def _resolve(
        self,
        mention: RelativeMention,
        value: Offset | Step,
        entries: Sequence[TimelineEntry],
        stated: DateMention | None,
    ) -> TimelineEntry:
        stated_interval = date_interval(stated.value) if stated is not None else None
        base = TimelineEntry(
            mention.text, mention.span, value, "resolved", None, "low", stated=stated
        )
        if value.anchor == "present":
            if self.own is None or self.own_interval is None:
                return base
            interval = _apply(value, self.own_interval)
            return attrs.evolve(
                base,
                interval=interval,
                confidence="medium",
                anchor=self.own.span,
                anchor_text=self.own.text,
                anchor_kind="present",
                agrees=_agreement(value, interval, stated, stated_interval),
            )
        candidates = self._candidates(mention, entries, stated)
        if not candidates:
            return base
        same_paragraph = self._paragraph(candidates[0].span.start) == self._paragraph(
            mention.span.start
        )
        results = []
        for candidate in candidates:
            anchor_interval = _anchor_interval(candidate)
            assert anchor_interval is not None
            resolved = _apply(value, anchor_interval)
            results.append(
                (candidate, resolved, _agreement(value, resolved, stated, stated_interval))
            )
        agreeing = [r for r in results if r[2]]
        chosen, interval, agrees = agreeing[0] if agreeing else results[0]
        if not agreeing and any(r[2] is None for r in results):
            agrees = None
        if not same_paragraph and agrees is False:
            agrees = None  # an anchor from another paragraph is not enough to be sure
        confidence: Confidence = "high" if same_paragraph and len(candidates) == 1 else "medium"
        if not same_paragraph:
            confidence = "low"
        return attrs.evolve(
            base,
            interval=interval,
            confidence=confidence,
            anchor=chosen.span,
            anchor_text=chosen.text,
            anchor_kind="narrative",
            agrees=agrees,
        )

    def _candidates(
        self, mention: RelativeMention, entries: Sequence[TimelineEntry], stated: DateMention | None
    ) -> list[TimelineEntry]:
        """The dated statements a narrative expression may count from, nearest first."""
        limit = mention.span.start
        if stated is not None:
            limit = min(limit, stated.span.start)
        paragraph = self._paragraph(mention.span.start)
        here: list[TimelineEntry] = []
        # Read back one entry at a time: the loop mostly ends at the paragraph's start, and a
        # slice would make every entry of the look-back (entries are made when read).
        for e in itertools.islice(reversed(entries), _LOOK_BACK):
            if e.span.end > limit or _anchor_interval(e) is None:
                continue
            if stated is not None and e.span == stated.span:
                continue
            if self._paragraph(e.span.start) != paragraph:
                return here or [e]
            # Every dated statement before it in the paragraph: a relative expression may count
            # from any of them, so a disagreement is sure only when none agrees.
            here.append(e)
        return here

    # ------------------------------------------------------------------ ages

    def _ages(self, entries: Sequence[TimelineEntry]) -> list[AgeStatement]:
        if not any(isinstance(mention.value, Age) for mention in self.relatives):
            # Births are looked for only to tell whose age an age is: a text that states none
            # never needs them (a case-blind search of the sentence of every date).
            return []
        births = self._births()
        self.birth_starts = [date.span.start for date, _ in births]
        self.entry_starts = [entry.span.start for entry in entries]
        statements = []
        for mention in self.relatives:
            if not isinstance(mention.value, Age):
                continue
            statements.append(self._age(mention, mention.value, births, entries))
        return statements

    def _births(self) -> list[tuple[DateMention, set[str]]]:
        births = []
        for date in self.dates:
            start, end = self._sentence(date.span.start)
            sentence = self.text[start:end]
            if not _BIRTH.search(sentence) or date_interval(date.value) is None:
                continue
            births.append((date, _person_keys(sentence)))
        return births

    def _age(
        self,
        mention: RelativeMention,
        age: Age,
        births: list[tuple[DateMention, set[str]]],
        entries: Sequence[TimelineEntry],
    ) -> AgeStatement:
        statement = AgeStatement(mention)
        keys = _person_keys(self._around(mention.span))
        paragraph = self._paragraph(mention.span.start)
        assert paragraph is not None
        nearby = self.paragraphs[max(0, paragraph - 1)][0]
        linked = [
            (date, birth_keys)
            for date, birth_keys in births[
                bisect.bisect_left(self.birth_starts, nearby) : bisect.bisect_left(
                    self.birth_starts, self.paragraphs[paragraph][1]
                )
            ][: _MAX_BIRTHS + 1]
            if keys & birth_keys
            and (self._paragraph(date.span.start) or 0) in (paragraph, paragraph - 1)
        ]
        if len({date.span for date, _ in linked}) != 1 or len(linked) > _MAX_BIRTHS:
            return statement
        birth = linked[0][0]
        birth_interval = date_interval(birth.value)
        assert birth_interval is not None
        start, end = self._sentence(mention.span.start)
        own = [
            d for d in self._dates_in(start, end) if d.span != birth.span and date_interval(d.value)
        ]
        confidence: Confidence
        if len(own) == 1:
            at_span, at_text, at = own[0].span, own[0].text, date_interval(own[0].value)
            confidence = "high"
        else:
            before = [
                e
                for e in entries[
                    bisect.bisect_left(self.entry_starts, nearby) : bisect.bisect_left(
                        self.entry_starts, mention.span.start
                    )
                ]
                if e.span.end <= mention.span.start
                and e.interval is not None
                and e.span != birth.span
                and (self._paragraph(e.span.start) or 0) in (paragraph, paragraph - 1)
            ]
            if len(own) > 1 or not before:
                return attrs.evolve(statement, birth=birth)
            at_span, at_text, at = before[-1].span, before[-1].text, before[-1].interval
            confidence = "medium"
            # "only 12 months old at that time", "who was then 12": the time just told of.
            if (
                _THAT_TIME.match(self.text, mention.span.end)
                or _THEN.search(self.text, max(0, mention.span.start - 8), mention.span.start)
            ) and self._paragraph(at_span.start) == paragraph:
                confidence = "high"
        assert at is not None
        low = max(0, completed_months(birth_interval.last, at.first))
        high = completed_months(birth_interval.first, at.last)
        agrees = None
        if confidence == "high" and age.quantity.hedge in (None, "exact") and high >= 0:
            agrees = _age_agrees(age, low, high)
        return AgeStatement(mention, birth, at_span, at_text, at, (low, high), confidence, agrees)

    def _around(self, span: Span) -> str:
        """The words next to an age: back over one comma, and on over one comma."""
        start, end = self._sentence(span.start)
        before = self.text[start : span.start]
        cut = [m.start() for m in re.finditer(r"[,;:(]", before)]
        if len(cut) >= 2:
            before = before[cut[-2] + 1 :]
        after = self.text[span.end : end]
        commas = [m.start() for m in re.finditer(r"[,;:)]", after)]
        if len(commas) >= 2:
            after = after[: commas[1]]
        return before + " " + after

    # ------------------------------------------------------------------ durations

    def _durations(self) -> list[DurationStatement]:
        statements = []
        for mention in self.relatives:
            value = mention.value
            if not isinstance(value, Duration) or not value.marked:
                continue
            statements.append(self._duration(mention, value))
        return statements

    def _duration(self, mention: RelativeMention, value: Duration) -> DurationStatement:
        statement = DurationStatement(mention)
        start, end = self._sentence(mention.span.start)
        sentence = self.text[start:end]
        others = [
            m
            for m in self._relatives_in(start, end)
            if isinstance(m.value, Duration) and m.value.marked
        ]
        ranges = [
            d
            for d in self._dates_in(start, end)
            if isinstance(d.value, DateRange)
            and d.value.joiner == "range"
            and (
                d.text.lower().startswith("between")
                or _FROM_RANGE.search(self.text, max(start, d.span.start - 9), d.span.start)
            )
        ]
        if len(ranges) != 1 or len(others) != 1 or _SENTENCING.search(sentence):
            return statement
        found = ranges[0]
        assert isinstance(found.value, DateRange)
        first, last = date_interval(found.value.start), date_interval(found.value.end)
        if first is None or last is None:
            return statement
        shortest = max(0, (last.first - first.last).days)
        longest = (last.last - first.first).days
        agrees = None
        quantity = value.quantity
        if quantity.hedge in (None, "exact") and not found.inferred_year:
            unit_days = _unit_days(quantity.unit)
            low_days = (quantity.low - 1) * unit_days[0]
            high_days = (quantity.high + 1) * unit_days[1]
            agrees = not (high_days < shortest or low_days > longest)
        return DurationStatement(mention, found, (shortest, longest), agrees)

    # ------------------------------------------------------------------ figures

    def _breakdowns(self) -> list[BreakdownStatement]:
        statements = []
        for mention in self.figures:
            value = mention.value
            if not isinstance(value, Breakdown):
                continue
            parts_total = sum(part.count for part in value.parts)
            hedged = value.total.hedge is not None or any(p.hedge for p in value.parts)
            agrees: bool | None = None
            if not hedged:
                # Parts of unknown kinds may overlap ("women, men and youth"): only a total
                # said to be made of them, or parts that cannot overlap, must add up.
                disjoint = _disjoint(value.parts)
                if value.complete or _exhaustive(value.parts):
                    agrees = parts_total == value.total.count
                elif parts_total > value.total.count and disjoint:
                    agrees = False
                elif disjoint:
                    agrees = True
            statements.append(BreakdownStatement(mention, parts_total, agrees))
        return statements

    def _changes(self) -> list[ChangeStatement]:
        statements = []
        counted = [f for f in self.figures if isinstance(f.value, Figure)]
        starts = [f.span.start for f in counted]
        for mention in self.figures:
            if isinstance(mention.value, Change):
                statements.append(self._change(mention, mention.value, counted, starts))
        return statements

    def _change(
        self,
        mention: FigureMention,
        change: Change,
        counted: list[FigureMention],
        starts: list[int],
    ) -> ChangeStatement:
        statement = ChangeStatement(mention)
        start, _end = self._sentence(mention.span.start)
        paragraph = self._paragraph(mention.span.start)
        assert paragraph is not None
        here = counted[
            bisect.bisect_left(starts, self.paragraphs[paragraph][0]) : bisect.bisect_left(
                starts, mention.span.start
            )
        ]
        in_sentence = [f for f in here if start <= f.span.start]
        if not in_sentence or change.direction is None:
            return statement
        new = in_sentence[-1]
        assert isinstance(new.value, Figure)
        noun = _noun_key(new.value.noun)
        bases = [
            f
            for f in here
            if f.span.end <= new.span.start
            and isinstance(f.value, Figure)
            and _noun_key(f.value.noun) == noun
            and f.value.count > 0
        ]
        if not bases or new.value.count <= 0 or not noun:
            return statement
        readings = _readings(change)
        results = []
        for base in reversed(bases):
            assert isinstance(base.value, Figure)
            low, high = _ratio_range(new.value, base.value)
            agrees = any(low <= high_r and low_r <= high for low_r, high_r in readings)
            results.append((base, agrees))
        chosen, agrees = next((r for r in results if r[1]), results[0])
        assert isinstance(chosen.value, Figure)
        if new.value.hedge is not None and not agrees:
            return attrs.evolve(statement, new=new, base=chosen)
        actual = new.value.count / chosen.value.count
        return ChangeStatement(mention, new, chosen, actual, agrees)


# --------------------------------------------------------------------------- helpers


def _anchor_interval(entry: TimelineEntry) -> Interval | None:
    """The days later statements count from: a date written with the statement, else its own."""
    if entry.stated is not None:
        stated = date_interval(entry.stated.value)
        if stated is not None:
            return stated
    return entry.interval


def _apply(value: Offset | Step, anchor: Interval) -> Interval:
    """The days ``value`` means, counted from ``anchor``."""
    if isinstance(value, Step):
        return _step(value.unit, value.steps, anchor)
    quantity = value.quantity
    low, high = quantity.low, quantity.high
    if quantity.hedge not in (None, "exact"):
        low, high = low / 2, high * 1.5
    tolerance = dt.timedelta(days=TOLERANCE_DAYS[quantity.unit])
    if value.direction == "later":
        return Interval(
            _shift(anchor.first, low, quantity.unit) - tolerance,
            _shift(anchor.last, high, quantity.unit) + tolerance,
        )
    return Interval(
        _shift(anchor.first, -high, quantity.unit) - tolerance,
        _shift(anchor.last, -low, quantity.unit) + tolerance,
    )


def _step(unit: Unit, steps: int, anchor: Interval) -> Interval:
    first, last = anchor.first, anchor.last
    if unit == "year":
        return Interval(
            dt.date(_clamp_year(first.year + steps), 1, 1),
            dt.date(_clamp_year(last.year + steps), 12, 31),
        )
    if unit == "decade":
        return Interval(
            dt.date(_clamp_year(first.year // 10 * 10 + 10 * steps), 1, 1),
            dt.date(_clamp_year(last.year // 10 * 10 + 9 + 10 * steps), 12, 31),
        )
    if unit == "month":
        start = add_months(first.replace(day=1), steps)
        end = add_months(last.replace(day=1), steps)
        return Interval(start, _month_end(end.year, end.month))
    days = steps * (7 if unit == "week" else 1)
    spread = 6 if unit == "week" else 0
    return Interval(
        first + dt.timedelta(days=days - spread), last + dt.timedelta(days=days + spread)
    )


def _agreement(
    value: Offset | Step,
    resolved: Interval,
    stated: DateMention | None,
    stated_interval: Interval | None,
) -> bool | None:
    if stated is None or stated_interval is None:
        return None
    if isinstance(value, Offset) and value.quantity.hedge not in (None, "exact"):
        return None
    if resolved.overlaps(stated_interval):
        return True
    if stated.inferred_year:
        # The stated date's year was only inferred: any year it could have is taken.
        for years in (-1, 1):
            moved = Interval(
                add_months(stated_interval.first, 12 * years),
                add_months(stated_interval.last, 12 * years),
            )
            if resolved.overlaps(moved):
                return None
    return False


def _age_agrees(age: Age, low: int, high: int) -> bool:
    """Whether an age stated in ``age``'s unit fits ``low``..``high`` whole months, give or take
    one unit of what was written."""
    quantity = age.quantity
    if quantity.unit == "month":
        stated_low, stated_high, slack = quantity.low, quantity.high, 1.0
    elif quantity.unit == "year":
        stated_low, stated_high = quantity.low * 12, quantity.high * 12 + 11
        slack = 12.0 if quantity.low == int(quantity.low) else 6.0
    elif quantity.unit == "week":
        stated_low, stated_high, slack = quantity.low / 4.35, quantity.high / 4.35, 1.0
    elif quantity.unit == "day":
        stated_low, stated_high, slack = quantity.low / 31, quantity.high / 28, 1.0
    else:
        stated_low, stated_high, slack = quantity.low * 120, quantity.high * 120 + 119, 12.0
    return not (stated_high + slack < low or stated_low - slack > high)


def _person_keys(text: str) -> set[str]:
    """Who a piece of text speaks of: child nouns ("boy", "baby") and personal names."""
    keys = {w.lower() for w in _WORD.findall(text) if w.lower() in _CHILD_WORDS}
    keys |= {name.lower() for name in _NAME.findall(text) if "-" in name or " " in name}
    return keys


def _unit_days(unit: Unit) -> tuple[int, int]:
    return {
        "day": (1, 1),
        "week": (7, 7),
        "month": (28, 31),
        "year": (365, 366),
        "decade": (3652, 3653),
    }[unit]


# Sets of parts that, named together, are all of a group of people.
_EXHAUSTIVE = (
    frozenset({"men", "women", "children"}),
    frozenset({"adults", "children"}),
    frozenset({"adults", "minors"}),
    frozenset({"males", "females"}),
    frozenset({"male", "female"}),
)
# Kinds of people no one belongs to two of (a boy is no man), which therefore never overlap.
_DISJOINT = (*_EXHAUSTIVE, frozenset({"men", "women", "boys", "girls"}))


def _kinds(parts: tuple[Figure, ...]) -> frozenset[str]:
    return frozenset(part.noun.split(" ")[0].lower() for part in parts)


def _exhaustive(parts: tuple[Figure, ...]) -> bool:
    return _kinds(parts) in _EXHAUSTIVE


def _disjoint(parts: tuple[Figure, ...]) -> bool:
    """Parts that name different kinds of one partition of people (men, women; boys, girls)."""
    kinds = _kinds(parts)
    return len(kinds) == len(parts) and any(kinds <= group for group in _DISJOINT)


def _noun_key(noun: str) -> str:
    word = noun.split(" ")[0].lower() if noun else ""
    if not word or not word.isalpha() or word[0] != noun[0].lower() or noun[0].isupper():
        return ""
    return word[:-1] if word.endswith("s") else word


def _precision(count: int) -> int:
    """Half the place of a round number's last significant digit: 300 -> 50, 350 -> 5."""
    place = 1
    while count % (place * 10) == 0 and place < count:
        place *= 10
    return place // 2 if place > 1 else 0


def _figure_range(figure: Figure) -> tuple[float, float]:
    count = figure.count
    if figure.hedge == "about":
        spread = max(_precision(count), count * 0.05)
        return count - spread, count + spread
    if figure.hedge == "more":
        return count, count * 2
    if figure.hedge == "less":
        return count / 2, count
    return count, count


def _ratio_range(new: Figure, base: Figure) -> tuple[float, float]:
    new_low, new_high = _figure_range(new)
    base_low, base_high = _figure_range(base)
    return new_low / base_high, new_high / max(base_low, 1e-9)


def _readings(change: Change) -> list[tuple[float, float]]:
    """The ratios new/old the stated change can mean, within the rounding written.

    A figure written with ``d`` decimals stands for anything that rounds to it (half a unit of
    its last decimal either way), or truncates to it; "approximately" and the like allow a whole
    unit either way. "A 1.6-fold increase" is read as new = 1.6 x old, or as an increase of 1.6 x
    old (new = 2.6 x old), the two readings the phrase has in use.
    """
    unit = 10.0**-change.decimals
    if change.kind == "percent":
        unit /= 100
    slack = unit if change.hedge is not None else unit / 2
    ratio = change.ratio / 100 if change.kind == "percent" else change.ratio
    low, high = ratio - slack, ratio + unit  # a truncated figure may be short by a whole unit
    if change.kind == "percent":
        if change.direction == "decrease":
            return [(1 - high, 1 - low)]
        return [(1 + low, 1 + high)]
    if change.direction == "decrease":
        return [(1 / high, 1 / max(low, 1e-9)), (1 - high, 1 - low)]
    return [(low, high), (1 + low, 1 + high)]

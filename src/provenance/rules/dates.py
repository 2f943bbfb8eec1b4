"""Date rules: dates that cannot be right, and sources dated in ways that contradict each other.

Every comparison is conservative: a date of month or year precision stands for every day it
can mean (``Date.earliest()`` .. ``Date.latest()``), and a rule fires only when no reading of
the dates involved could make them agree.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import Generic, Protocol, TypeVar

from provenance.findings import Related, Severity
from provenance.gregorian import DAY_NAMES, MONTH_NAMES, days_in_month, weekday
from provenance.memo import per_document
from provenance.model import (
    AmnestyIndex,
    Citation,
    Date,
    DateMention,
    DateRange,
    DateValue,
    Document,
    IndexCode,
    IndexCodeMention,
    IrbCode,
    Reference,
    Region,
    Regions,
    UnSymbol,
)
from provenance.regex_store import lazy_compile
from provenance.rules.registry import Emit, rule
from provenance.sourcenames import NamedReferences, source_key
from provenance.span import Intervals, Span

_CATEGORY = "dates"


class _Spanned(Protocol):
    @property
    def span(self) -> Span: ...


_Mention = TypeVar("_Mention", bound=_Spanned)

#: Sections whose entries in-text citations resolve to (the assembler links only these).
LISTED_SECTIONS = frozenset(
    {"references", "attachment", "additional-sources", "bibliography", "source-list"}
)


# --------------------------------------------------------------------------- helpers


def human(value: DateValue) -> str:
    """A date as a reader writes it: ``29 May 2002``, ``February 1999``, ``1999-2000``."""
    if isinstance(value, DateRange):
        return f"{human(value.start)} to {human(value.end)}"
    parts: list[str] = []
    if value.qualifier is not None:
        parts.append(value.qualifier)
    if value.weekday is not None:
        parts.append(DAY_NAMES[value.weekday] + ",")
    if value.day is not None:
        parts.append(str(value.day))
    if value.month is not None and 1 <= value.month <= 12:
        parts.append(MONTH_NAMES[value.month])
    elif value.month is not None:
        parts.append(f"month {value.month}")
    if value.year is not None:
        parts.append(str(value.year))
    return " ".join(parts) if parts else "an unknown date"


def _ends(value: DateValue) -> tuple[Date, ...]:
    if isinstance(value, DateRange):
        return (value.start, value.end)
    return (value,)


def _year_note(mention: DateMention) -> str:
    if not mention.inferred_year:
        return ""
    return " (the year is not written there; it was taken from the context)"


def _inferred_from(
    doc: Document, mention: DateMention, year: int, position: int | None = None
) -> tuple[Related, ...]:
    """Where an inferred year was most likely taken from: the nearest earlier date stating it.

    ``position``: where ``mention`` stands in ``doc.dates`` when they are in the order of their
    starts, so that the walk back starts there instead of at the last date of the document
    (once per flagged date, that was quadratic)."""
    dates = doc.dates
    walk = range(len(dates) - 1 if position is None else position - 1, -1, -1)
    for at in walk:
        other = dates[at]
        if other.span.start >= mention.span.start or other.inferred_year:
            continue
        if any(end.year == year for end in _ends(other.value)):
            return (Related(other.span, f"the year {year} comes from this date"),)
    own = doc.metadata.date
    if own is not None and any(end.year == year for end in _ends(own.value)):
        return (Related(own.span, f"the year {year} comes from the document's own date"),)
    return ()


class _Inside(Generic[_Mention]):
    """The mentions that lie inside a span, found by bisection on their starts: a scan of every
    mention for every flagged reference was quadratic (a 16 MB text spent half its check in
    it). Built on first use, so a rule that flags nothing pays nothing. A document's mention
    tables hold their starts in an array, in text order as the parser made them; a sequence
    built otherwise (a Document made by hand) is sorted."""

    def __init__(self, mentions: Sequence[_Mention]) -> None:
        self._mentions = mentions
        self._built = False
        self._starts: Sequence[int] = ()
        #: The positions by start, where the mentions are not in text order.
        self._order: list[int] | None = None

    def _build(self) -> None:
        self._built = True
        mentions = self._mentions
        starts: Sequence[int] | None = getattr(mentions, "starts", None)
        if starts is None:
            starts = [mention.span.start for mention in mentions]
        if all(a <= b for a, b in pairwise(starts)):
            self._starts = starts
        else:
            self._order = sorted(range(len(starts)), key=starts.__getitem__)
            self._starts = [starts[i] for i in self._order]

    @property
    def in_order(self) -> bool:
        """Whether the mentions are in text order (the parser's order)."""
        if not self._built:
            self._build()
        return self._order is None

    def __call__(self, span: Span) -> Iterator[_Mention]:
        """The mentions inside ``span``, in the order of the sequence."""
        if not self._built:
            self._build()
        low = bisect_left(self._starts, span.start)
        high = bisect_right(self._starts, span.end)
        found = range(low, high) if self._order is None else sorted(self._order[low:high])
        for i in found:
            mention = self._mentions[i]
            if mention.span.end <= span.end:
                yield mention


@per_document
def _dates_inside(doc: Document) -> _Inside[DateMention]:
    """One ``_Inside`` of the document's dates for the four rules that ask it."""
    return _Inside(doc.dates)


def _mention_in(
    inside: _Inside[DateMention],
    span: Span,
    value: DateValue | None,
    *,
    exclude: Span | None = None,
) -> DateMention | None:
    """The date mention inside ``span`` whose value is ``value`` (the first if several)."""
    if value is None:
        return None
    for mention in inside(span):
        if exclude is not None and mention.span == exclude:
            continue
        if _same_value(mention.value, value):
            return mention
    return None


def _same_value(a: DateValue, b: DateValue) -> bool:
    # A stated weekday does not make two dates different for locating purposes.
    def key(value: DateValue) -> tuple[tuple[int | None, int | None, int | None], ...]:
        return tuple((end.year, end.month, end.day) for end in _ends(value))

    return key(a) == key(b)


def _code_year(code: IndexCode) -> int | None:
    """The year an index code carries, when it is one (never a resolution number: S/RES/2012,
    nor a series' serial number: the year of a UN symbol comes before the document's number,
    "E/CN.4/2001/64", so a last part is the number, working paper A/AC.109/2013 of 1995)."""
    if isinstance(code, AmnestyIndex):
        return code.year
    if isinstance(code, UnSymbol):
        upper = [part.upper() for part in code.parts]
        for position, part in enumerate(code.parts):
            if len(part) == 4 and part.isdigit() and 1946 <= int(part) <= 2100:
                if position > 0 and upper[position - 1].endswith("RES"):
                    continue
                if position == len(code.parts) - 1:
                    continue
                return int(part)
    return None


def _years(value: DateValue) -> tuple[int, int] | None:
    first, last = value.earliest(), value.latest()
    if first is None or last is None:
        return None
    return first[0], last[0]


def _after(source: DateValue, document: DateValue) -> bool:
    first, last = source.earliest(), document.latest()
    return first is not None and last is not None and first > last


# --------------------------------------------------------------------------- impossible-date


@rule(
    "impossible-date",
    severity=Severity.ERROR,
    category=_CATEGORY,
    summary="A date the calendar does not have (31 June, 29 February of a common year).",
    doc=(
        "A day that does not exist in its month, such as 31 June or 30 February, or 29 February "
        "of a year that is not a leap year. The source it dates cannot be found by that date. "
        "Both ends of a range are checked. A 29 February whose year was only inferred from "
        "context is left alone, since the text may mean another year."
    ),
    bad=(
        "Arrests in the capital\n\n"
        "Police detained the two journalists on 31 June 1999 and released them a week later.\n"
    ),
    good=(
        "Arrests in the capital\n\n"
        "Police detained the two journalists on 30 June 1999 and released them a week later.\n"
    ),
)
def impossible_date(doc: Document) -> Iterator[Emit]:
    for mention in doc.dates:
        for end in _ends(mention.value):
            if end.is_valid():
                continue
            if mention.inferred_year and end.month == 2 and end.day == 29:
                continue
            yield Emit(mention.span, _impossible_message(end, mention))
            break


def _impossible_message(date: Date, mention: DateMention) -> str:
    if date.month is None or not 1 <= date.month <= 12:
        return f"{mention.text!r} is not a date: there is no month {date.month}"
    month = MONTH_NAMES[date.month]
    if date.month == 2 and date.day == 29 and date.year is not None:
        return (
            f"{mention.text!r} is not a date: {date.year} is not a leap year, so February has "
            f"28 days{_year_note(mention)}"
        )
    days = days_in_month(date.year if date.year is not None else 2000, date.month)
    return f"{mention.text!r} is not a date: {month} has {days} days"


# --------------------------------------------------------------------------- weekday-mismatch


@rule(
    "weekday-mismatch",
    severity=Severity.ERROR,
    category=_CATEGORY,
    summary="A stated weekday that the calendar contradicts.",
    doc=(
        "The text names a weekday for a date whose day, month and year are known, and the "
        "calendar puts that date on another weekday: `Thursday, 2 July 2004` (2 July 2004 was a "
        "Friday). One of the weekday, the day or the year is wrong, so the event or source is "
        "misdated. The weekday may also follow the date in brackets (`2 July 2004 (Thursday)`) "
        "or as an apposition (`on 2 July 2004, a Thursday,`), "
        "or precede it in brackets, as wire copy writes it (`on Thursday (2 July 2004)`). "
        "When the year is not written next to the date but taken from the context "
        "(`Thursday, May 29` in a letter about May 2002), the message says so and points at the "
        "date the year was taken from."
    ),
    bad=(
        "Detention of returnees\n\n"
        "The group was arrested on Thursday, 2 July 2004 near the border and taken to a "
        "detention centre.\n"
    ),
    good=(
        "Detention of returnees\n\n"
        "The group was arrested on Friday, 2 July 2004 near the border and taken to a "
        "detention centre.\n"
    ),
)
def weekday_mismatch(doc: Document) -> Iterator[Emit]:
    dates_inside = _dates_inside(doc)
    for position, mention in enumerate(doc.dates):
        for end in _ends(mention.value):
            if end.weekday is None:
                continue
            actual = end.to_date()
            if actual is None or actual.weekday() == end.weekday:
                continue
            related: tuple[Related, ...] = ()
            others = ""
            if mention.inferred_year and end.year is not None:
                # The parser's order; a Document built by hand may differ.
                walk_from = position if dates_inside.in_order else None
                related = _inferred_from(doc, mention, end.year, walk_from)
                if _year_rollover(dates_inside, mention, end, related):
                    continue
                # The inferred year may be the wrong one: a year the context offers that makes
                # the weekday right is taken as what the text meant.
                candidates = _context_years(doc, position) - {end.year}
                if any(_weekday_in(end, year) == end.weekday for year in candidates):
                    continue
                if candidates:
                    years = [str(year) for year in sorted(candidates)]
                    listed = (
                        ", ".join(years[:-1]) + " or " + years[-1] if len(years) > 1 else years[0]
                    )
                    others = (
                        f"; nor was it a {DAY_NAMES[end.weekday]} in {listed}, "
                        "the other years written nearby"
                    )
            stated = DAY_NAMES[end.weekday]
            was = DAY_NAMES[actual.weekday()]
            yield Emit(
                mention.span,
                f"{mention.text!r} says {stated}, but {end.day} "
                f"{MONTH_NAMES[end.month or 1]} {end.year} was a {was}"
                f"{_year_note(mention)}{others}",
                related,
            )
            break


_CONTEXT_DATES = 3


def _context_years(doc: Document, position: int) -> set[int]:
    """Years a yearless date may belong to: the last few years written before it, and the
    document's own year."""
    years: list[int] = []
    dates = doc.dates
    # By index from ``position`` back, not over a copy of every date before it (quadratic: a
    # 16 MB text spent a fifth of its check copying).
    for at in range(min(position, len(dates)) - 1, -1, -1):
        other = dates[at]
        if other.inferred_year:
            continue
        for end in _ends(other.value):
            if end.year is not None and end.year not in years:
                years.append(end.year)
        if len(years) >= _CONTEXT_DATES:
            break
    found = set(years[:_CONTEXT_DATES])
    own = doc.metadata.date
    if own is not None:
        found.update(end.year for end in _ends(own.value) if end.year is not None)
    return found


def _weekday_in(date: Date, year: int) -> int | None:
    try:
        return weekday(year, date.month or 0, date.day or 0)
    except ValueError:
        return None


def _year_rollover(
    dates_inside: _Inside[DateMention],
    mention: DateMention,
    end: Date,
    related: tuple[Related, ...],
) -> bool:
    """An early-in-the-year date after a late-in-the-year anchor means the next year.

    "Thursday, January 3" in a narrative dated 30 December 2001 is 3 January 2002; the weekday
    then fits the year after the inferred one, and the inferred year is what is wrong.
    """
    if not related or end.year is None or end.month is None or end.day is None:
        return False
    anchor = next((m for m in dates_inside(related[0].span) if m.span == related[0].span), None)
    if anchor is None:
        return False
    anchor_month = max((e.month or 0) for e in _ends(anchor.value))
    if not (end.month <= 3 and anchor_month >= 10):
        return False
    try:
        following = weekday(end.year + 1, end.month, end.day)
    except ValueError:
        return False
    return following == end.weekday


# ------------------------------------------------------------------ accessed-before-published


@rule(
    "accessed-before-published",
    severity=Severity.ERROR,
    category=_CATEGORY,
    summary="A source accessed before the date it was published.",
    doc=(
        "A reference entry says its source was accessed (`[Accessed 15 May 1999]`) before the "
        "date the entry gives for the source itself. One of the two dates is wrong. Dates of "
        "month or year precision are compared by every day they can mean, so `February 1999` "
        "accessed on `1 February 1999` is not flagged."
    ),
    bad=(
        "Treatment of returnees [ABC12345.E]\n\n"
        "Returnees were questioned on arrival (The Daily Star 3 March 2000).\n\n"
        "References\n\n"
        'The Daily Star [Dhaka]. 3 March 2000. "Returnees Questioned." '
        "http://www.example.org/news/0303.htm [Accessed 1 March 2000]\n"
    ),
    good=(
        "Treatment of returnees [ABC12345.E]\n\n"
        "Returnees were questioned on arrival (The Daily Star 3 March 2000).\n\n"
        "References\n\n"
        'The Daily Star [Dhaka]. 3 March 2000. "Returnees Questioned." '
        "http://www.example.org/news/0303.htm [Accessed 15 May 2000]\n"
    ),
)
def accessed_before_published(doc: Document) -> Iterator[Emit]:
    dates_inside = _dates_inside(doc)
    for reference in doc.references:
        entry = reference.entry
        if entry.accessed is None or entry.date is None:
            continue
        accessed_last, published_first = entry.accessed.latest(), entry.date.earliest()
        if accessed_last is None or published_first is None or accessed_last >= published_first:
            continue
        accessed = _mention_in(dates_inside, reference.span, entry.accessed)
        published = _mention_in(
            dates_inside, reference.span, entry.date, exclude=accessed.span if accessed else None
        )
        related = (Related(published.span, "the source's own date"),) if published else ()
        yield Emit(
            accessed.span if accessed else reference.span,
            f"the source is dated {human(entry.date)} but was accessed on "
            f"{human(entry.accessed)}, before it was published",
            related,
        )


# --------------------------------------------------------------------------- date-after-document


@rule(
    "date-after-document",
    severity=Severity.ERROR,
    category=_CATEGORY,
    summary="A source dated after the document that cites it.",
    doc=(
        "A reference entry, an in-text citation, a cited index code or an updated document "
        "carries a date later than the document's own date: a report cannot cite what did not "
        "exist yet. Only sources are checked, never events in the prose (a projection such as "
        "`by 2030` is fine), and only when the document has a date of its own. A source dated "
        "`1996` in a report of `September 1996` is not flagged, nor a source or citation dated "
        "by the next year alone (`2025` in a report of `November 2024`): journals date a volume "
        "by the year it is printed, often after its articles appear online."
    ),
    bad=(
        "North Korea: Refugees in Russia\n\n"
        "AI Index: ASA 24/06/96\n\n"
        "September 1996\n\n"
        "Amnesty International has described these camps before (AI Index: ASA 24/02/97).\n"
    ),
    good=(
        "North Korea: Refugees in Russia\n\n"
        "AI Index: ASA 24/06/96\n\n"
        "September 1996\n\n"
        "Amnesty International has described these camps before (AI Index: ASA 24/12/95).\n"
    ),
)
def date_after_document(doc: Document) -> Iterator[Emit]:
    yield from sorted(_late_sources(doc), key=lambda emit: emit.span.start)


def _late_sources(doc: Document) -> Iterator[Emit]:
    own = doc.metadata.date
    if own is None or own.value.latest() is None:
        return
    own_value = own.value
    related = (Related(own.span, f"the document is dated {human(own_value)}"),)

    def late(value: DateValue | None) -> bool:
        return value is not None and _after(value, own_value)

    own_latest = own_value.latest()
    own_year = own_latest[0] if own_latest is not None else 0

    def volume_year(value: DateValue | None) -> bool:
        # A journal dates a volume by the year it is printed, often the year after its articles
        # appear online: a report of November 2024 cites "(2025)". A year alone, the next one.
        return isinstance(value, Date) and value.month is None and value.year == own_year + 1

    dates_inside = _dates_inside(doc)
    for reference in doc.references:
        if late(reference.entry.date) and not volume_year(reference.entry.date):
            assert reference.entry.date is not None
            mention = _mention_in(dates_inside, reference.span, reference.entry.date)
            yield Emit(
                mention.span if mention else reference.span,
                f"source dated {human(reference.entry.date)}, after the document's own date "
                f"{human(own_value)}",
                related,
            )
    for citation in doc.citations:
        if late(citation.value.date) and not volume_year(citation.value.date):
            assert citation.value.date is not None
            yield Emit(
                citation.span,
                f"citation dated {human(citation.value.date)}, after the document's own date "
                f"{human(own_value)}",
                related,
            )
    own_code = doc.metadata.index_code
    for code in doc.index_codes:
        if code.role != "cited":
            continue
        if own_code is not None and _same_code(code.value, own_code.value):
            continue
        year = _code_year(code.value)
        if year is not None and late(Date(year)):
            yield Emit(
                code.span,
                f"cited document {code.text!r} is from {year}, after the document's own date "
                f"{human(own_value)}",
                related,
            )
    for update in doc.metadata.updates:
        if update.date is not None and late(update.date):
            yield Emit(
                update.span,
                f"updated document {update.text!r} is dated {human(update.date)}, after this "
                f"document's own date {human(own_value)}",
                related,
            )


# ------------------------------------------------------------------ index-code-year-mismatch


@rule(
    "index-code-year-mismatch",
    severity=Severity.ERROR,
    category=_CATEGORY,
    summary="An Amnesty index code whose year disagrees with the date given with it.",
    doc=(
        "An Amnesty International index code carries the year of publication (`ASA 24/12/95` "
        "is from 1995). When a source entry or note gives both the code and a date "
        "(`AI Index: ASA 24/12/95, issued in December 1996`), the two years must agree; "
        "otherwise the code or the date is wrong and the document may not be found."
    ),
    bad=(
        "North Korea: Refugees in Russia\n\n"
        "Workers were detained at the sites.<sup>1</sup>\n\n"
        "<sup>1</sup>See Russian Federation: Logging camps (AI Index: EUR 46/12/95), issued in "
        "December 1996.\n"
    ),
    good=(
        "North Korea: Refugees in Russia\n\n"
        "Workers were detained at the sites.<sup>1</sup>\n\n"
        "<sup>1</sup>See Russian Federation: Logging camps (AI Index: EUR 46/12/95), issued in "
        "December 1995.\n"
    ),
)
def index_code_year_mismatch(doc: Document) -> Iterator[Emit]:
    dates_inside, codes_inside = _dates_inside(doc), _Inside(doc.index_codes)
    for reference in doc.references:
        code, date = reference.entry.index_code, reference.entry.date
        if not isinstance(code, AmnestyIndex) or date is None:
            continue
        years = _years(date)
        if years is None or years[0] <= code.year <= years[1]:
            continue
        mention = _code_mention_in(codes_inside, reference.span, code)
        date_mention = _mention_in(dates_inside, reference.span, date)
        related = (Related(date_mention.span, "the date given with it"),) if date_mention else ()
        yield Emit(
            mention.span if mention else reference.span,
            f"index code {mention.text if mention else 'of this source'!s} is from {code.year}, "
            f"but the source is dated {human(date)}",
            related,
        )


def _code_mention_in(
    inside: _Inside[IndexCodeMention], span: Span, code: IndexCode
) -> IndexCodeMention | None:
    for mention in inside(span):
        if _same_code(mention.value, code):
            return mention
    return None


# --------------------------------------------------------------------------- citation-date-mismatch


def _overlap(a: DateValue, b: DateValue) -> bool:
    a_first, a_last, b_first, b_last = a.earliest(), a.latest(), b.earliest(), b.latest()
    if a_first is None or a_last is None or b_first is None or b_last is None:
        return False
    return a_first <= b_last and b_first <= a_last


@rule(
    "citation-date-mismatch",
    severity=Severity.WARNING,
    category=_CATEGORY,
    summary="An in-text citation whose date differs from the reference entry of its author.",
    doc=(
        "An author-date citation such as `(The Korea Post Mar. 1999)`, or a date alone after a "
        "sentence naming its source (`The Korea Post reported ... (Mar. 1999)`) or right after "
        "its name (`Roberts (2019) argues`, `Human Rights Watch (2015, 2018)`), names a source "
        "that the reference list has, but with another date (`The Korea Post [Seoul]. February "
        "1999.`). Citations are resolved by author and date, so this one resolves to nothing, "
        "which `citation-without-reference` reports as an error; this warning adds the entry "
        "it most likely meant. It is a warning because the text cannot say which is wrong: the "
        "date, or the list, which may lack another work of the same source (an interview of "
        "2021 beside the same author's book of 2020). Authors are compared as the assembler "
        "links them (provenance.sourcenames)."
    ),
    bad=(
        "Treatment of ethnic Koreans [KKT34458.E]\n\n"
        "The ambassador praised the Korean community (The Korea Post Mar. 1999).\n\n"
        "References\n\n"
        'The Korea Post [Seoul]. February 1999. Vol. 12, No. 2. "Nazarbayev Win Heralds '
        'Closer Cooperation with Korea."\n'
    ),
    good=(
        "Treatment of ethnic Koreans [KKT34458.E]\n\n"
        "The ambassador praised the Korean community (The Korea Post Feb. 1999).\n\n"
        "References\n\n"
        'The Korea Post [Seoul]. February 1999. Vol. 12, No. 2. "Nazarbayev Win Heralds '
        'Closer Cooperation with Korea."\n'
    ),
)
def citation_date_mismatch(doc: Document) -> Iterator[Emit]:
    for citation in doc.citations:
        found = mismatched_entry(doc, citation)
        if found is None:
            continue
        nearest, others = found
        author, date = citation.value.author or citation.resolved_author, citation.value.date
        assert date is not None and nearest.entry.date is not None
        listed_as = (
            f"only for {human(nearest.entry.date)}"
            if not others
            else f"only for other dates (the nearest is {human(nearest.entry.date)})"
        )
        yield Emit(
            citation.span,
            f"citation dated {human(date)}, but the reference list has {author} {listed_as}",
            (Related(nearest.span, "the entry this citation probably means"),),
        )


def mismatched_entry(doc: Document, citation: Citation) -> tuple[Reference, int] | None:
    """For an unresolved citation whose source is listed only under other dates: the listed
    entry of that source nearest in date, and how many other dated entries it has.

    The source is the citation's author, or for a date alone the source its sentence names
    (``Citation.resolved_author``). None when the citation is resolved, is an ``ibid.``, names
    no source, or its source has no dated entry (that is ``citation-without-reference``'s case)
    or one whose date overlaps.
    """
    author = citation.value.author or citation.resolved_author
    date = citation.value.date
    if citation.reference is not None or citation.value.ibid or author is None or date is None:
        return None
    cited = source_key(author)
    if not cited or date.earliest() is None:
        return None
    dated = [
        (reference, reference.entry.date)
        for reference in map(doc.references.__getitem__, NamedReferences.of(doc).matching(cited))
        if reference.section in LISTED_SECTIONS
        and reference.entry.date is not None
        and reference.entry.date.earliest() is not None
    ]
    if not dated or any(_overlap(date, entry_date) for _reference, entry_date in dated):
        return None
    nearest, _date = min(dated, key=lambda pair: _distance(date, pair[1]))
    return nearest, len(dated) - 1


def _distance(a: DateValue, b: DateValue) -> int:
    first, other = a.earliest(), b.earliest()
    if first is None or other is None:
        return 10**9
    return abs(_ordinal(first) - _ordinal(other))


def _ordinal(day: tuple[int, int, int]) -> int:
    return day[0] * 372 + day[1] * 31 + day[2]


# --------------------------------------------------------------------------- reversed-date-range

_FOUR_DIGITS = lazy_compile(r"(?<!\d)\d{4}(?!\d)")


@rule(
    "reversed-date-range",
    severity=Severity.ERROR,
    category=_CATEGORY,
    summary="A date range that ends before it starts.",
    doc=(
        "A range whose end comes before its start, such as `26~24 May 2002` or `2004-2003`: "
        "one of the ends is mistyped. Alternatives (`September/October 1999`) are not ranges. "
        "A range across the new year with a single written year (`28 December-3 January "
        "2002`) is left alone, since its start belongs to the year before."
    ),
    bad=(
        "Detentions in Yunnan\n\n"
        "Six people were arrested near the border between 26 and 24 May 2002.\n"
    ),
    good=(
        "Detentions in Yunnan\n\n"
        "Six people were arrested near the border between 24 and 26 May 2002.\n"
    ),
)
def reversed_date_range(doc: Document) -> Iterator[Emit]:
    for mention in doc.dates:
        value = mention.value
        if not isinstance(value, DateRange) or value.joiner != "range":
            continue
        start_first, end_last = value.start.earliest(), value.end.latest()
        if start_first is None or end_last is None or end_last >= start_first:
            continue
        if _new_year_wrap(value, mention):
            continue
        yield Emit(
            mention.span,
            f"the range {mention.text!r} ends ({human(value.end)}) before it starts "
            f"({human(value.start)})",
        )


def _new_year_wrap(value: DateRange, mention: DateMention) -> bool:
    start, end = value.start, value.end
    if start.year != end.year or start.month is None or end.month is None:
        return False
    return start.month > end.month and len(_FOUR_DIGITS.findall(mention.text)) < 2


# --------------------------------------------------------------------------- document-code-conflict


def _same_code(a: IndexCode, b: IndexCode) -> bool:
    """Whether two codes name the same document, whatever zeros or suffix OCR kept."""
    if isinstance(a, AmnestyIndex) and isinstance(b, AmnestyIndex):
        return (a.region.upper(), a.country, _int(a.number), a.year) == (
            b.region.upper(),
            b.country,
            _int(b.number),
            b.year,
        )
    if isinstance(a, IrbCode) and isinstance(b, IrbCode):
        same_language = a.language is None or b.language is None or a.language == b.language
        return a.country.upper() == b.country.upper() and a.number == b.number and same_language
    if isinstance(a, UnSymbol) and isinstance(b, UnSymbol):
        return _symbol_key(a) == _symbol_key(b)
    return False


def _symbol_key(symbol: UnSymbol) -> tuple[str, ...]:
    """What two UN symbols that name one document share, whatever their letters' case."""
    return tuple(part.upper() for part in symbol.parts)


def _int(number: str) -> int | str:
    return int(number) if number.isdigit() else number


@rule(
    "document-code-conflict",
    severity=Severity.ERROR,
    category=_CATEGORY,
    summary="The document's own code differs between places, or disagrees with its own date.",
    doc=(
        "A report gives its own index code in several places (the cover, the running page "
        "headers) and they disagree, or the year in its Amnesty code disagrees with the "
        "report's own date (`AI Index: ASA 24/06/96` on a report dated September 1997). "
        "Readers cite the report by that code, so a wrong one sends them to another document."
    ),
    bad=(
        "North Korea: Refugees in Russia\n\n"
        "AI Index: ASA 24/06/96\n\n"
        "September 1997\n\n"
        "Amnesty International is concerned about the fate of refugees in Russia.\n"
    ),
    good=(
        "North Korea: Refugees in Russia\n\n"
        "AI Index: ASA 24/06/96\n\n"
        "September 1996\n\n"
        "Amnesty International is concerned about the fate of refugees in Russia.\n"
    ),
)
def document_code_conflict(doc: Document) -> Iterator[Emit]:
    own = doc.metadata.index_code
    if own is None:
        return
    joint = _joint_symbols(doc, own.value)
    for mention in _own_mentions(doc):
        if isinstance(mention.value, UnSymbol) and _symbol_key(mention.value) in joint:
            continue
        if not _same_code(mention.value, own.value) and type(mention.value) is type(own.value):
            yield Emit(
                mention.span,
                f"the document's own code is given as {mention.text!r} here but as "
                f"{own.text!r} elsewhere",
                (Related(own.span, "the code as given here"),),
            )
    date = doc.metadata.date
    if isinstance(own.value, AmnestyIndex) and date is not None:
        years = _years(date.value)
        if years is not None and not years[0] <= own.value.year <= years[1]:
            yield Emit(
                own.span,
                f"the document's code {own.text!r} is from {own.value.year}, but the document "
                f"is dated {human(date.value)}",
                (Related(date.span, "the document's own date"),),
            )


_JOINERS = frozenset({"-", "\u2010", "\u2011", "\u2013"})


def _joint_symbols(doc: Document, own: IndexCode) -> frozenset[tuple[str, ...]]:
    """The UN symbols a joint symbol gives the document besides its own ("A/79/947-S/2025/372":
    one report to the General Assembly and the Security Council, whose running heads give
    both): those written joined to the own code by a hyphen, and, where the text never gives
    its own code alone (an excerpt's pages, without the joint symbol of the first page), the
    one a running head sets on the line under or over it, each alone on its line ("A/79/797" /
    "S/2025/109" at the top of every page), twice or more. Each by its `_symbol_key`: counted,
    not compared pairwise, since a hostile text can stack thousands of them."""
    if not isinstance(own, UnSymbol):
        return frozenset()
    codes = sorted(doc.index_codes, key=lambda code: code.span.start)
    joint: list[UnSymbol] = []
    stacked: list[UnSymbol] = []
    in_stack: set[int] = set()  # where the own code stands in a stack
    for first, second in pairwise(codes):
        between = doc.text[first.span.end : second.span.start]
        if between in _JOINERS:
            found = joint
        elif _stacked(doc.text, first.span.start, between, second.span.end):
            found = stacked
        else:
            continue
        for one, other in ((first, second), (second, first)):
            if _same_code(one.value, own) and isinstance(other.value, UnSymbol):
                found.append(other.value)
                if found is stacked:
                    in_stack.add(one.span.start)
    alone = any(_same_code(code.value, own) and code.span.start not in in_stack for code in codes)
    keys = {_symbol_key(code) for code in joint}
    if not alone:
        times = Counter(_symbol_key(code) for code in stacked)
        keys.update(key for key, count in times.items() if count > 1)
    return frozenset(keys)


def _stacked(text: str, start: int, between: str, end: int) -> bool:
    """Whether two codes stand alone on two lines in a row: nothing but the line break (and
    spaces or a page's form feed) between them, and nothing else on their lines."""
    if between.count("\n") != 1 or between.strip(" \t\n\f\r"):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return (
        not text[line_start:start].strip()
        and not text[end : len(text) if line_end == -1 else line_end].strip()
    )


# A line that states a report's own code: "AI Index: ASA 24/06/96", "Index number: EUR 44/047/1993"
# (OCR: "Al Index"). A code cited in prose or a note has more before it on its line.
_OWN_CODE_LABEL = lazy_compile(
    r"[\W_]*(?:(?:ai|al|amnesty international)\s+)?index(?:\s+(?:no\.?|number))?\s*:?\s*$",
    re.IGNORECASE,
)


_SOURCE_REGIONS = frozenset(
    {
        "references",
        "attachment",
        "additional-sources",
        "bibliography",
        "source-list",
        "footnote",
        "notes",
    }
)


def _own_mentions(doc: Document) -> Iterator[IndexCodeMention]:
    """Every place the document states its own code: its own and furniture mentions, and codes
    standing after an index label at the start of a line."""
    sources: Intervals | None = None
    text, lines = doc.text, doc.line_index
    # Each code's line start by the document's line index: searched back for in the text, it
    # was quadratic in a long line of codes (most of the time of a text of codes). A document
    # built without its line index (tests) is searched.
    indexed = lines.length == len(text)
    for code in doc.index_codes:
        if code.role in ("own", "furniture"):
            yield code
            continue
        if sources is None:
            sources = source_stretches(doc.regions)
        if sources.containing(code.span.start) is not None:
            continue
        start = code.span.start
        line_start = lines.start_of_line_at(start) if indexed else text.rfind("\n", 0, start) + 1
        if _OWN_CODE_LABEL.fullmatch(text, line_start, start):
            yield code


def source_stretches(regions: Sequence[Region]) -> Intervals:
    """The stretches the source regions cover: a list of each source region's span was made
    for every document with an index code, held beside it (one region per entry of a long
    list), and scanned once per code."""
    if isinstance(regions, Regions):
        codes = regions.kind_codes(_SOURCE_REGIONS)
        return Intervals(
            (start, end)
            for start, end, kind in zip(regions.starts, regions.ends, regions.kinds, strict=True)
            if kind in codes
        )
    return Intervals((r.span.start, r.span.end) for r in regions if r.kind in _SOURCE_REGIONS)


__all__ = [
    "LISTED_SECTIONS",
    "accessed_before_published",
    "citation_date_mismatch",
    "date_after_document",
    "document_code_conflict",
    "human",
    "impossible_date",
    "index_code_year_mismatch",
    "mismatched_entry",
    "reversed_date_range",
    "weekday_mismatch",
]

"""Dates: ``15 May 2000``, ``Feb. 1999``, ``Friday, July 30, 2004``, ``May 24~26, 2002``.

The grammar (``grammars/date.lark``) decides what a date is and where it ends; this module only
finds where one may start and turns the grammar's trees into ``Date`` and ``DateRange`` values.

Public API:

``parse_date(text)``
    One whole string that is a date, a range or an alternative; raises ``GrammarError``
    otherwise.
``iter_dates(text, line_index, start=0, end=None)``
    Every date in ``text[start:end]`` as a ``DateMention`` whose span covers exactly the date's
    text (a weekday, a qualifier and the word "between" included; "on", "in", "since" and "the"
    not). Years are never inferred here: ``Thursday, May 29`` has ``year=None``; the document
    assembler fills it from the context.

How a range's ends share fields: an end that states a day but no month, or a month but no year,
takes them from the other end (``24-26 May 2002``, ``May 24~26, 2002``). When the start took
its year that way and names a later month than the end, it is read as the year before
(``30 December - 2 January 2000`` starts in 1999); a reversed range within one month or one
year stays reversed (``26~24 May 2002``) for a checker to flag.

The verb "may": a lower-case ``may`` is a month only between a day and a year (``17 may 2001``,
a timestamp) or before a day and a year (``may 17, 2001``); "they may 12" is not a date. A
capitalised ``May`` before a day is always taken as the month (``May 31``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import attrs
from lark import Token, v_args
from lark.exceptions import VisitError

from provenance import regex_store
from provenance.errors import GrammarError
from provenance.folding import lowered_pieces
from provenance.grammars import ReusedTransformer, iter_prefix_parses, parse_full
from provenance.model import Date, DateMention, DateRange, DateValue, Qualifier
from provenance.regex_store import lazy_compile
from provenance.span import LineIndex

__all__ = ["iter_dates", "month_number", "parse_date"]

_GRAMMAR = "date"

# The first three letters of a month or weekday name say which it is ("Sept." -> "sep").
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_WEEKDAYS = {
    name: number for number, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
}
_QUALIFIERS: tuple[Qualifier, ...] = ("early", "mid", "late")


# --------------------------------------------------------------------------- transformer


def month_number(name: str) -> int:
    """The number of a month written whole or abbreviated ("Sept.", "September", "sep")."""
    return _MONTHS[str(name)[:3].lower()]


def _fill(date: Date, other: Date, *, is_start: bool) -> Date:
    """``date`` with the coarser fields it leaves out taken from the other end of its range."""
    month, year = date.month, date.year
    if date.day is not None and month is None:
        month = other.month
    if (date.day is not None or month is not None) and year is None and other.year is not None:
        year = other.year
        # "30 December - 2 January 2000": a start in a later month than the end that borrowed
        # the end's year belongs to the year before.
        if (
            is_start
            and date.month is not None
            and other.month is not None
            and date.month > other.month
        ):
            year -= 1
    return attrs.evolve(date, month=month, year=year)


def _join(start: Date, end: Date, joiner: str) -> DateRange:
    return DateRange(
        _fill(start, end, is_start=True),
        _fill(end, start, is_start=False),
        "alternative" if joiner == "alternative" else "range",
    )


@v_args(inline=True)
class _ToValue(ReusedTransformer[Token, DateValue]):
    """Trees of ``date.lark`` to ``Date``/``DateRange``; partial ends are completed in ranges."""

    def start(self, value: DateValue) -> DateValue:
        return value

    # -- parts
    def day_number(self, token: Token) -> int:
        return int(token)

    def ordinal_day(self, token: Token) -> int:
        return int(token[:-2])

    # -- single (possibly partial) dates
    def only_day(self, day: int) -> Date:
        return Date(None, None, day)

    def day_month(self, day: int, month: Token) -> Date:
        return Date(None, month_number(month), day)

    def month_day(self, month: Token, day: int) -> Date:
        return Date(None, month_number(month), day)

    def day_year(self, day: int, year: Token) -> Date:
        return Date(int(year), None, day)

    def only_month(self, month: Token) -> Date:
        return Date(None, month_number(month))

    def month_year(self, month: Token, year: Token) -> Date:
        return Date(int(year), month_number(month))

    def only_year(self, year: Token) -> Date:
        return Date(int(year))

    def with_year(self, date: Date, year: Token) -> Date:
        return attrs.evolve(date, year=int(year))

    def iso_date(self, token: Token) -> Date:
        return Date(int(token[0:4]), int(token[5:7]), int(token[8:10]))

    def weekday_date(self, weekday: Token, date: Date) -> Date:
        return attrs.evolve(date, weekday=_WEEKDAYS[weekday[:3].lower()])

    def date_weekday(self, date: Date, weekday: Token) -> Date:
        return self.weekday_date(weekday, date)

    def qualified(self, qualifier: Token, date: Date) -> Date:
        word = qualifier.lower()
        return attrs.evolve(date, qualifier=next(q for q in _QUALIFIERS if word.startswith(q)))

    def decade(self, token: Token) -> DateRange:
        first = int(token[:4])
        return DateRange(Date(first), Date(first + 9))

    # -- two dates
    def range(self, start: Date, end: Date) -> DateRange:
        return _join(start, end, "range")

    def between(self, start: Date, end: Date) -> DateRange:
        return _join(start, end, "range")

    def alternative(self, first: Date, second: Date) -> DateRange:
        return _join(first, second, "alternative")


_TO_VALUE = _ToValue()


# --------------------------------------------------------------------------- whole strings


def parse_date(text: str) -> DateValue:
    """The date, range or alternative that is all of ``text``; ``GrammarError`` otherwise."""
    tree = parse_full(_GRAMMAR, text)
    try:
        return _TO_VALUE.transform(tree)
    except VisitError as error:  # pragma: no cover - the transformer accepts every tree
        raise GrammarError(_GRAMMAR, text, 0) from error


def is_date(text: str, stops: str = ".") -> bool:
    """Whether ``text``, without the ``stops`` that end it, is a date and nothing else (a
    line or a cell that holds only "12 January 2026." or "March 2019")."""
    try:
        parse_date(text.rstrip(stops))
    except GrammarError:
        return False
    return True


# --------------------------------------------------------------------------- dates in prose

# Where a date may start; the grammar decides the rest. Matched against the lower-cased text
# (see ``_candidates``), as one trie-shaped alternation: Python's ``re`` tries each alternative
# at every position, so shared prefixes, and look-behinds placed after a first digit rather than
# before it, keep the scan near 1-3 ms per 60 KB.
#   digits: not glued to a word, path, code or number before them ("KKT34458", "/1999", "GE.09",
#     "1,994", "14-5", "$2000"); four of them (a year), or one or two (a day) followed by a
#     word (its month, "to") or a dash, perhaps after spaces, or by an ordinal's "st/nd/rd/th";
#     never by ".", ",", ":", "/", markup or another number ("3.3.1", "62, 63", "6:00",
#     "24/06/96", "2</sup>", "1 2 3": lists and tables of numbers cost nothing);
#   month names: only when a number, a dash, a slash or "to" follows;
#   weekdays always; "between", "early", "mid", "late" before a number or a month's letter.
_E = r"(?![a-z])"
_MONTH_NEXT = _E + r"(?=\.?,?\s*(?:\d|[-‐‑‒–—−~〜/]|(?:to|through|thru|until|till)(?![a-z])))"
_WORD_NEXT = _E + r"(?=[ \t]*[-‐‑–]?\s*[\djfmasond])"
_WORD_STARTS = "|".join(
    (
        rf"j(?:an(?:uary)?|une?|uly?){_MONTH_NEXT}",
        rf"f(?:eb(?:ruary)?{_MONTH_NEXT}|ri(?:day)?{_E})",
        rf"m(?:a(?:r(?:ch)?|y){_MONTH_NEXT}|on(?:day)?{_E}|id{_WORD_NEXT})",
        rf"a(?:pr(?:il)?|ug(?:ust)?){_MONTH_NEXT}",
        rf"s(?:ep(?:t(?:ember)?)?{_MONTH_NEXT}|at(?:urday)?{_E}|un(?:day)?{_E})",
        rf"oct(?:ober)?{_MONTH_NEXT}",
        rf"nov(?:ember)?{_MONTH_NEXT}",
        rf"dec(?:ember)?{_MONTH_NEXT}",
        rf"t(?:ue(?:s(?:day)?)?|hu(?:rs(?:day)?)?){_E}",
        rf"wed(?:nesday)?{_E}",
        rf"(?:between|early|late){_WORD_NEXT}",
    )
)
_CANDIDATE_SOURCE = (
    r"\d(?<![\w./:@#$€£¥&=+\\'’]\d)(?<!\d[-‐‑‒–—−~,]\d)"
    r"(?:\d{3}(?!\d)|\d?(?=\s*[a-z\-‐‑‒–—−~〜]|(?:st|nd|rd|th)\b))"
    rf"|(?<![a-z])(?:{_WORD_STARTS})"
)
_CANDIDATE = regex_store.compiled(_CANDIDATE_SOURCE)


@cache
def _candidate_any_case() -> re.Pattern[str]:
    """For the rare text whose lower-casing changes its length ("İ"): the same scan,
    case-blind. Compiled on first need: case-blind, the scan costs 3 ms to compile."""
    return re.compile(_CANDIDATE_SOURCE, re.IGNORECASE)


# How far past a piece of text its candidates' look-aheads may need to see.
_CANDIDATE_REACH = 256

# A number that a label makes a page, paragraph, article, resolution or serial number is not a
# date, even in the years' range: "No. 1998", "para. 20 May", "Resolutions 1325 and 1820".
# Checked only for candidates that start with a digit, on the text just before them.
_LABELLED = lazy_compile(
    r"(?:\b(?i:nos?|nr|numbers?|res|resolutions?|decisions?|paras?|paragraphs?|pp?|pages?"
    r"|arts?|articles?|vols?|volumes?|chapters?|ch|sections?|sec|rules?)|§§?)\.?[ \t]*"
    r"(?:\d+[a-z]?[ \t]*(?:,|and|&|[-–])[ \t]*)*\Z"
)
_LABEL_REACH = 48

# Enough for the longest range with a hard-wrapped, indented line; the window is stretched to the
# next space so that no token is cut (a cut "19991" would otherwise read as the year 1999), but
# never far: a long run without spaces must not be copied once per candidate in it.
_WINDOW = 120


def _candidates(text: str, start: int, end: int) -> Iterator[int]:
    """Offsets in ``text[start:end]`` where a date may start, in order."""
    # Two characters before each piece are kept for the scan's look-behinds, and _CANDIDATE_REACH
    # after it for the look-aheads (a word and the spaces after it; a run of spaces longer than
    # that, at the end of a megabyte piece, separates no date anyway).
    for piece in lowered_pieces(text, start, end, before=2, after=_CANDIDATE_REACH):
        if piece.lowered is None:
            matches = _candidate_any_case().finditer(text, piece.first, end)
            origin = 0
        else:
            matches = _CANDIDATE.finditer(piece.lowered, piece.first - piece.origin)
            origin = piece.origin
        for match in matches:
            position = origin + match.start()
            if position >= piece.stop:
                break
            yield position


def iter_dates(
    text: str,
    line_index: LineIndex,
    start: int = 0,
    end: int | None = None,
    *,
    interned: dict[str, tuple[str, DateValue]] | None = None,
) -> Iterator[DateMention]:
    """Every date in ``text[start:end]``, in order, none overlapping; never raises.

    Mentions with the same text share one text and one (frozen) value when the caller passes
    the same ``interned`` table: a long report names the same dates thousands of times.
    """
    length = len(text)
    end = length if end is None else max(0, min(end, length))
    start = max(0, min(start, end))
    positions = (
        position
        for position in _candidates(text, start, end)
        if not (
            text[position].isdigit()
            and _LABELLED.search(text, max(0, position - _LABEL_REACH), position)
        )
    )
    for position, taken, value in iter_prefix_parses(
        _GRAMMAR, text, positions, end, _WINDOW, _TO_VALUE
    ):
        matched = text[position:taken]
        if interned is not None:
            known = interned.setdefault(matched, (matched, value))
            if known[1] == value:
                matched, value = known
        yield DateMention(value, matched, line_index.span(position, taken))

"""Citation text for ``CitationValue``s: the inverse of ``provenance.parsers.citations``.

``render_citation(value, style)`` gives the text that goes inside the parentheses, so that
``parse_citation_group(render_citation(value, style)) == (value,)`` for every value the grammar can
express. Styles:

- ``irb``: the Canadian IRB's form, abbreviated months, day first: ``The Korea Post Feb. 1999``,
  ``Reuters 3 Jan. 1991``, ``27 July 1999``, ``ibid.``, ``ibid., p. 5``
- ``full``: full month names, day first: ``The Hindu 15 December 1990``, ``Ibid., para. 79``
- ``us``: full month names, month first: ``Reuters January 3, 1991``
- ``apa``: a comma after the source name, month first: ``Reuters, January 3, 1991``

A year letter follows its year (``Tan, 1995a``); a bare page is written after a colon
(``Smith 2010: 45``); a named source without a date is written ``Smith, op. cit.``.

Date ranges are written as the grammar reads them: ``1999-2000``, ``1999/2000``,
``Sept./Oct. 1999``, ``24-26 May 2002`` (``May 24-26, 2002`` month first). Values the grammar
cannot express (a range across years with months, a weekday) raise
``ValueError``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from provenance.model import CitationValue, Date, DateRange, DateValue
from provenance.render.dates import ABBREVIATED_MONTHS, FULL_MONTHS

__all__ = ["CITATION_STYLES", "CitationStyle", "render_citation", "render_citation_group"]

CitationStyle = Literal["irb", "full", "us", "apa"]
CITATION_STYLES: tuple[CitationStyle, ...] = ("irb", "full", "us", "apa")

# The IRB abbreviates months of five letters or more; "Sept." as in its own citations.
_IRB_MONTHS = ABBREVIATED_MONTHS


def _month(month: int | None, style: CitationStyle) -> str:
    if month is None or not 1 <= month <= 12:
        raise ValueError(f"month out of range: {month!r}")
    return (_IRB_MONTHS if style == "irb" else FULL_MONTHS)[month - 1]


def _check(date: Date) -> int:
    if date.year is None or date.weekday is not None or date.qualifier is not None:
        raise ValueError(f"a citation date has a year and no weekday or qualifier: {date!r}")
    if not 1600 <= date.year <= 2099:
        raise ValueError(f"a citation year has four digits, 1600-2099: {date.year}")
    if date.day is not None and not 1 <= date.day <= 31:
        raise ValueError(f"day out of range: {date.day}")
    if date.day is not None and date.month is None:
        raise ValueError(f"a day without a month: {date!r}")
    return date.year


def _day_first(style: CitationStyle) -> bool:
    return style in ("irb", "full")


def render_date(date: DateValue, style: CitationStyle = "irb") -> str:
    """A citation's date as the style writes it (``Feb. 1999``, ``15 December 1990``)."""
    if isinstance(date, DateRange):
        return _render_range(date, style)
    year = _check(date)
    if date.month is None:
        return str(year)
    month = _month(date.month, style)
    if date.day is None:
        return f"{month} {year}"
    if _day_first(style):
        return f"{date.day} {month} {year}"
    return f"{month} {date.day}, {year}"


def _render_range(value: DateRange, style: CitationStyle) -> str:
    start, end = value.start, value.end
    first, last = _check(start), _check(end)
    joiner = "/" if value.joiner == "alternative" else "-"
    if start.month is None and end.month is None:
        return f"{first}{joiner}{last}"
    if first != last:
        raise ValueError(f"a citation range with months stays within one year: {value!r}")
    if start.day is None and end.day is None:
        return f"{_month(start.month, style)}{joiner}{_month(end.month, style)} {first}"
    if start.day is None or end.day is None or start.month != end.month:
        raise ValueError(f"a citation range of days stays within one month: {value!r}")
    if value.joiner != "range":
        raise ValueError(f"days are joined as a range only: {value!r}")
    month = _month(start.month, style)
    if _day_first(style):
        return f"{start.day}-{end.day} {month} {first}"
    return f"{month} {start.day}-{end.day}, {first}"


def _separator(author: str, date: str, style: CitationStyle) -> str:
    """What goes between source name and date so that the grammar reads the same boundary.

    A name ending in a year-like number (``Country Reports 1999``) takes no comma (a comma after a
    year would start a pinpoint); a name ending in a day-sized number (``Resolution 5``) needs one
    before a month, or the number would be read as the day of the date.
    """
    last = author.rsplit(" ", 1)[-1]
    if last.isdigit() and last.isascii():
        if len(last) <= 2 and 1 <= int(last) <= 31:
            return ", " if style == "apa" or date[:1].isalpha() else " "
        return " "
    return ", " if style == "apa" else " "


def render_citation(value: CitationValue, style: CitationStyle = "irb") -> str:
    """The text of one citation inside its parentheses."""
    if style not in CITATION_STYLES:
        raise ValueError(f"unknown citation style {style!r}; expected one of {CITATION_STYLES}")
    locator = _render_locator(value.locator)
    if value.ibid:
        if value.author is not None or value.date is not None or value.year_suffix is not None:
            raise ValueError("an ibid citation names no source and no date")
        return ("ibid." if style == "irb" else "Ibid.") + locator
    if value.date is None:
        if value.author is None and value.year_suffix is None and not value.locator:
            # "Weinstein (n.d.)": the undated citation alone, its source named before it.
            return "n.d."
        if value.author is None or value.year_suffix is not None:
            raise ValueError("a citation that is not ibid has a date or names its source")
        # After a year-like number no comma ("Korea 1999, ..." would make 1999 the date).
        last = value.author.rsplit(" ", 1)[-1]
        year_like = last.isdigit() and last.isascii() and not 1 <= int(last) <= 31
        return f"{value.author}{' ' if year_like else ', '}op. cit.{locator}"
    date = render_date(value.date, style) + _render_suffix(value)
    if value.author is None:
        return date + locator
    return value.author + _separator(value.author, date, style) + date + locator


def _render_locator(locator: str | None) -> str:
    if not locator:
        return ""
    # A bare page is what the grammar reads after a colon ("Smith 2010: 45").
    return f": {locator}" if locator[:1].isdigit() else f", {locator}"


def _render_suffix(value: CitationValue) -> str:
    suffix = value.year_suffix
    if suffix is None:
        return ""
    date = value.date
    if (
        not isinstance(date, Date)
        or date.month is not None
        or len(suffix) != 1
        or not "a" <= suffix <= "z"
    ):
        raise ValueError(f"a year letter follows a year alone and is one letter a-z: {value!r}")
    return suffix


def render_citation_group(values: Iterable[CitationValue], style: CitationStyle = "irb") -> str:
    """Several citations in one pair of parentheses: ``AI 12 Mar. 2003; HRW 2004``."""
    texts = [render_citation(value, style) for value in values]
    if not texts:
        raise ValueError("a citation group has at least one citation")
    return "; ".join(texts)

"""Dates back to text, in the styles reports use: the inverse of ``provenance.parsers.dates``.

``render_date(value, style)`` writes a ``Date`` or ``DateRange`` so that
``parse_date(render_date(value, style)) == value`` for every value the parser can produce:

=========  ===========================  ==================================================
style      a day                        a range
=========  ===========================  ==================================================
dmy        ``15 May 2000``              ``24-26 May 2002``, ``24 May-2 June 2002``
mdy        ``May 15, 2000``             ``May 24-26, 2002``, ``May 24-June 2, 2002``
abbrev     ``15 Feb. 2000``             ``Sept.-Oct. 1999`` (IRB citation style)
iso        ``2000-05-15``               ``2002-05-24 to 2002-05-26``
tilde      ``May 15, 2000``             ``May 24~26, 2002``
dash       ``15 May 2000``              ``20–31 January 2025`` (en dash)
between    ``15 May 2000``              ``between 24 and 26 May 2002``
slash      ``15 May 2000``              ``24-26 May 2002``; alternatives ``September/October 1999``
to         ``15 May 2000``              ``1 February 2001 to 31 December 2003``
=========  ===========================  ==================================================

Every style writes a stated weekday first (``Friday, July 30, 2004``) and a qualifier before
what it qualifies (``mid-1995``, ``late March 1995``). An alternative (``joiner="alternative"``)
is always written with "/", whatever the style, and a range never is. A range's ends share what
they have in common (``24-26 May 2002``) unless sharing would change the reading: a start in a
later month than the end is written with its own year, since ``30 December-2 January 2000``
reads as starting in 1999. ``iso`` writes days of known year in ISO 8601 and anything else as
``dmy`` does (``1999-02`` would read as a range of years).
"""

from __future__ import annotations

from typing import Literal

from provenance.gregorian import DAY_NAMES, MONTH_NAMES
from provenance.model import Date, DateRange, DateValue

__all__ = [
    "ABBREVIATED_MONTHS",
    "DATE_STYLES",
    "FULL_MONTHS",
    "DateStyle",
    "render_date",
]

DateStyle = Literal["dmy", "mdy", "abbrev", "iso", "tilde", "dash", "between", "slash", "to"]

#: Every style ``render_date`` supports, for callers and tests that iterate over them.
DATE_STYLES: tuple[DateStyle, ...] = (
    "dmy",
    "mdy",
    "abbrev",
    "iso",
    "tilde",
    "dash",
    "between",
    "slash",
    "to",
)

#: Months written out, in English whatever the process's locale.
FULL_MONTHS = MONTH_NAMES[1:]
#: Months as reports and legal citations abbreviate them ("Sept." as the IRB writes it).
ABBREVIATED_MONTHS = (
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)

# What joins the two ends of a range in each style ("between" is written around the ends).
_JOINERS: dict[str, str] = {
    "dmy": "-",
    "mdy": "-",
    "abbrev": "-",
    "iso": " to ",
    "tilde": "~",
    "dash": "–",
    "between": " and ",
    "slash": "-",
    "to": " to ",
}


def render_date(value: DateValue, style: DateStyle = "dmy") -> str:
    """``value`` written in ``style`` (one of ``DATE_STYLES``)."""
    if style not in _JOINERS:
        raise ValueError(f"unknown date style {style!r}; expected one of {DATE_STYLES}")
    if isinstance(value, DateRange):
        return _range(value, style)
    return _single(value, style)


# --------------------------------------------------------------------------- one date


def _month_name(month: int, style: str) -> str:
    if not 1 <= month <= 12:
        return str(month)
    return (ABBREVIATED_MONTHS if style == "abbrev" else FULL_MONTHS)[month - 1]


def _month_first(style: str) -> bool:
    return style in ("mdy", "tilde")


def _bare(date: Date, style: str) -> str:
    """The day, month and year of ``date``, without weekday or qualifier."""
    if style == "iso" and date.year is not None and date.month is not None and date.day is not None:
        return date.iso()
    year = "" if date.year is None else str(date.year)
    if date.month is None:
        return year if date.day is None else f"{date.day} {year}".strip()
    month = _month_name(date.month, style)
    if date.day is None:
        return f"{month} {year}".strip()
    if _month_first(style):
        return f"{month} {date.day}, {year}" if year else f"{month} {date.day}"
    return f"{date.day} {month} {year}".strip()


def _single(date: Date, style: str) -> str:
    text = _bare(date, style)
    if date.qualifier is not None:
        text = f"mid-{text}" if date.qualifier == "mid" else f"{date.qualifier} {text}"
    if date.weekday is not None and 0 <= date.weekday <= 6:
        text = f"{DAY_NAMES[date.weekday]}, {text}"
    return text


# --------------------------------------------------------------------------- two dates


def _plain(date: Date) -> bool:
    return date.weekday is None and date.qualifier is None


def _range(value: DateRange, style: str) -> str:
    start, end = value.start, value.end
    alternative = value.joiner == "alternative"
    joiner = "/" if alternative else _JOINERS[style]
    between = style == "between" and not alternative
    first, second = _ends(start, end, style)
    if between:
        return f"between {first} and {second}"
    return f"{first}{joiner}{second}"


def _ends(start: Date, end: Date, style: str) -> tuple[str, str]:
    """The two ends as written, the start shortened by what it shares with the end."""
    full = (_single(start, style), _single(end, style))
    if not (_plain(start) and _plain(end)):
        return full
    if start.precision != end.precision or start.precision == "year":
        return full
    if style == "iso" and start.precision == "day" and start.year is not None:
        return full
    same_year = start.year == end.year
    # A start sharing the end's year must not name a later month (it would read as the year
    # before); a start without a year is only written against an end without one.
    if not same_year or (
        start.year is not None
        and start.month is not None
        and end.month is not None
        and start.month > end.month
    ):
        return full
    if start.precision == "month":
        return _month_name(start.month or 0, style), full[1]
    assert start.day is not None and start.month is not None
    if start.month == end.month:
        if _month_first(style):
            # "May 24~26, 2002": the end keeps only its day (and year).
            tail = f"{end.day}, {end.year}" if end.year is not None else f"{end.day}"
            return f"{_month_name(start.month, style)} {start.day}", tail
        return str(start.day), full[1]
    if _month_first(style):
        return f"{_month_name(start.month, style)} {start.day}", full[1]
    return f"{start.day} {_month_name(start.month, style)}", full[1]

"""What the checks need of the Gregorian calendar: month and weekday names, month lengths,
weekdays, as the standard ``calendar`` module gives them, without importing it.

``calendar`` was about 1 % of a short check's start-up (its module builds locale-aware name
tables and the text and HTML calendars), for four facts. The names are ``calendar``'s in the
"C" locale, the one a Python process runs in unless it calls ``locale.setlocale``, which the
package never does; a test compares every function here with ``calendar``'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime

    datetime_types = datetime
else:
    try:
        # The C module ``datetime`` takes its classes from, the same classes: importing
        # ``datetime`` itself first builds its pure-Python fallback (about 0.7 ms of a check).
        import _datetime as datetime_types
    except ImportError:  # pragma: no cover - CPython has it
        import datetime as datetime_types

_dt = datetime_types

#: ``calendar.month_name``: "" at 0, then "January" to "December".
MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: ``calendar.day_name``: "Monday" (0) to "Sunday" (6).
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_leap(year: int) -> bool:
    """``calendar.isleap``."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    """``calendar.monthrange(year, month)[1]``; ``ValueError`` for a month outside 1-12."""
    if not 1 <= month <= 12:
        raise ValueError(f"bad month number {month}; must be 1-12")
    return _DAYS[month] + (month == 2 and is_leap(year))


def weekday(year: int, month: int, day: int) -> int:
    """``calendar.weekday``: 0 (Monday) to 6 (Sunday); ``ValueError`` for a day that does not
    exist. A year outside 1-9999 is taken as the year of the same 400-year cycle, as there."""
    if not _dt.MINYEAR <= year <= _dt.MAXYEAR:
        year = 2000 + year % 400
    return _dt.date(year, month, day).weekday()


__all__ = ["DAY_NAMES", "MONTH_NAMES", "days_in_month", "is_leap", "weekday"]

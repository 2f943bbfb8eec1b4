import calendar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.gregorian import DAY_NAMES, MONTH_NAMES, days_in_month, is_leap, weekday


def test_names_are_calendars() -> None:
    assert tuple(calendar.month_name) == MONTH_NAMES
    assert tuple(calendar.day_name) == DAY_NAMES


@given(st.integers(-10_000, 20_000))
def test_leap_years_are_calendars(year: int) -> None:
    assert is_leap(year) == calendar.isleap(year)


@given(st.integers(-10_000, 20_000), st.integers(-2, 14))
def test_month_lengths_are_calendars(year: int, month: int) -> None:
    if 1 <= month <= 12:
        assert days_in_month(year, month) == calendar.monthrange(year, month)[1]
    else:
        with pytest.raises(ValueError):
            calendar.monthrange(year, month)
        with pytest.raises(ValueError):
            days_in_month(year, month)


@given(st.integers(-10_000, 20_000), st.integers(-1, 13), st.integers(-1, 32))
def test_weekdays_are_calendars(year: int, month: int, day: int) -> None:
    try:
        expected: int | None = calendar.weekday(year, month, day)
    except ValueError:
        expected = None
    if expected is None:
        with pytest.raises(ValueError):
            weekday(year, month, day)
    else:
        assert weekday(year, month, day) == expected


def test_a_known_weekday() -> None:
    # 2 July 2004 was a Friday.
    assert DAY_NAMES[weekday(2004, 7, 2)] == "Friday"
    assert days_in_month(2000, 2) == 29 and days_in_month(1900, 2) == 28

"""Relative times, spans of time and ages: grammar, transformer, scan of prose, renderer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

from provenance.errors import GrammarError
from provenance.grammars import grammar_parser
from provenance.parsers.relative import _TRIGGER, _triggers, iter_relatives, parse_relative
from provenance.render.relative import RELATIVE_STYLES, render_relative
from provenance.span import LineIndex
from provenance.temporal import (
    UNITS,
    Age,
    Decade,
    Duration,
    Offset,
    Quantity,
    RelativeValue,
    Since,
    Step,
)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
PRACTICE = ROOT.parent / "shared" / "practice"

Q = Quantity

PARSED: list[tuple[str, RelativeValue]] = [
    ("30 months old", Age(Q(30, 30, "month"))),
    ("48 years old", Age(Q(48, 48, "year"))),
    ("aged 17", Age(Q(17, 17, "year"))),
    ("Aged 30 months", Age(Q(30, 30, "month"))),
    ("a 30-year-old", Age(Q(30, 30, "year"))),
    ("at the age of 12", Age(Q(12, 12, "year"))),
    ("17 years of age", Age(Q(17, 17, "year"))),
    ("two and half year old", Age(Q(2.5, 2.5, "year"))),
    ("only 12 months old", Age(Q(12, 12, "month", "exact"))),
    ("twenty-five years old", Age(Q(25, 25, "year"))),
    ("the next year", Step("year", 1)),
    ("The following month", Step("month", 1)),
    ("the previous week", Step("week", -1)),
    ("the same year", Step("year", 0)),
    ("that day", Step("day", 0)),
    ("that same month", Step("month", 0)),
    ("later that year", Step("year", 0, "narrative", "later")),
    ("earlier this month", Step("month", 0, "present", "earlier")),
    ("this year", Step("year", 0, "present")),
    ("last year", Step("year", -1, "present")),
    ("next month", Step("month", 1, "present")),
    ("two weeks later", Offset(Q(2, 2, "week"), "later")),
    ("Just one month earlier", Offset(Q(1, 1, "month", "exact"), "earlier")),
    ("a year later", Offset(Q(1, 1, "year"), "later")),
    ("six months before that", Offset(Q(6, 6, "month"), "earlier")),
    ("three days ago", Offset(Q(3, 3, "day"), "earlier", "present")),
    ("some two years previously", Offset(Q(2, 2, "year", "about"), "earlier")),
    ("for two months", Duration(Q(2, 2, "month"), marked=True)),
    ("for four to six months", Duration(Q(4, 6, "month"), marked=True)),
    ("two to three years", Duration(Q(2, 3, "year"))),
    ("2-3 weeks", Duration(Q(2, 3, "week"))),
    ("for more than a year", Duration(Q(1, 1, "year", "more"), marked=True)),
    ("since 1996", Since(1996)),
    ("the mid-1990s", Decade(1990, "mid")),
    ("early 1980s", Decade(1980, "early")),
    ("the 1970's", Decade(1970)),
]


@pytest.mark.parametrize(("text", "value"), PARSED, ids=[text for text, _ in PARSED])
def test_parse_relative(text: str, value: RelativeValue) -> None:
    assert parse_relative(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "two years after the coup",
        "the day",
        "two of them",
        "years old",
        "since",
        "1996",
        "a",
        "the previous years",
        "past years",
    ],
)
def test_not_relative(text: str) -> None:
    with pytest.raises(GrammarError):
        parse_relative(text)


def found(text: str) -> list[tuple[str, RelativeValue]]:
    return [(m.text, m.value) for m in iter_relatives(text, LineIndex(text))]


def test_in_prose_the_longest_reading_wins() -> None:
    text = (
        "The group includes a 30 months old boy. Just one month earlier, in September 2004, "
        "a 16-year-old was held for three weeks; the next year he left."
    )
    assert [t for t, _ in found(text)] == [
        "30 months old",
        "Just one month earlier",
        "a 16-year-old",
        "for three weeks",
        "the next year",
    ]


def test_in_prose_numbers_that_are_not_amounts() -> None:
    assert found("Resolution 1325 (2000), KKT34458.E, 2,500 years, 1.2.3 days") == []
    assert found("a 1.5-year-old") == [("a 1.5-year-old", Age(Q(1.5, 1.5, "year")))]


def test_spans_cover_the_text() -> None:
    text = "He was\naged 17 when he left, two years later."
    for mention in iter_relatives(text, LineIndex(text)):
        assert text[mention.span.start : mention.span.end] == mention.text


def test_seed_expressions() -> None:
    text = (SEEDS / "004_604fa044de79772a.txt").read_text(encoding="utf-8")
    values = dict(found(text))
    assert values["The next year"] == Step("year", 1)
    assert values["Just one month earlier"] == Offset(Q(1, 1, "month", "exact"), "earlier")
    assert values["just one year later"] == Offset(Q(1, 1, "year", "exact"), "later")


# --------------------------------------------------------------------------- round trips

_AMOUNTS = st.one_of(
    st.integers(1, 99).map(lambda n: (float(n), float(n))),
    st.integers(1, 20).map(lambda n: (n + 0.5, n + 0.5)),
    st.tuples(st.integers(1, 98), st.integers(1, 98)).map(
        lambda pair: (float(min(pair)), float(max(pair) + 1))
    ),
)
_HEDGES = st.sampled_from([None, "exact", "about", "more", "less"])
_UNITS = st.sampled_from(UNITS)
QUANTITIES = st.builds(
    lambda amount, unit, hedge: Quantity(amount[0], amount[1], unit, hedge),
    _AMOUNTS,
    _UNITS,
    _HEDGES,
)

VALUES: st.SearchStrategy[RelativeValue] = st.one_of(
    st.builds(Offset, QUANTITIES, st.sampled_from(["earlier", "later"])),
    st.builds(lambda q: Offset(q, "earlier", "present"), QUANTITIES),
    st.builds(lambda unit, steps: Step(unit, steps), _UNITS, st.sampled_from([-1, 1])),
    st.builds(
        lambda unit, anchor, within: Step(unit, 0, anchor, within),
        _UNITS,
        st.sampled_from(["narrative", "present"]),
        st.sampled_from([None, "earlier", "later"]),
    ),
    st.builds(lambda unit, steps: Step(unit, steps, "present"), _UNITS, st.sampled_from([-1, 1])),
    st.builds(Duration, QUANTITIES, st.booleans()),
    st.builds(Age, QUANTITIES),
    st.builds(Since, st.integers(1600, 2099)),
    st.builds(
        Decade,
        st.integers(160, 209).map(lambda n: n * 10),
        st.sampled_from([None, "early", "mid", "late"]),
    ),
)


@settings(max_examples=300, deadline=None)
@given(value=VALUES, style=st.sampled_from(RELATIVE_STYLES))
def test_render_round_trips(value: RelativeValue, style: str) -> None:
    assert parse_relative(render_relative(value, style)) == value  # type: ignore[arg-type]


@settings(max_examples=100, deadline=None)
@given(value=VALUES, before=st.sampled_from(["He left ", "(", "In 2001, "]))
def test_rendered_values_are_found_in_prose(value: RelativeValue, before: str) -> None:
    written = render_relative(value)
    text = f"{before}{written}, and then nothing."
    assert (written, value) in found(text)


def _padded(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return strategy.map(lambda word: f" {word} ")


EXPLICIT = {
    "COUNT": _padded(
        st.sampled_from(["1", "30", "2.5", "two", "Twenty-five", "twenty five", "eleven"])
    ),
    "ARTICLE": _padded(st.sampled_from(["a", "an", "A"])),
    "HALF": _padded(st.just("half")),
    "UNIT": _padded(st.sampled_from(["year", "Months", "weeks", "day", "decades"])),
    "ONE_UNIT": _padded(st.sampled_from(["year", "Month", "week", "day", "decade"])),
    "HEDGE": _padded(st.sampled_from(["just", "about", "more than", "nearly", "approx."])),
    "LATER": _padded(st.sampled_from(["later", "afterwards", "after that"])),
    "EARLIER": _padded(st.sampled_from(["earlier", "previously", "before that"])),
    "AGO": _padded(st.just("ago")),
    "NEXT": _padded(st.sampled_from(["next", "following"])),
    "PREVIOUS": _padded(st.sampled_from(["previous", "preceding"])),
    "THIS": _padded(st.just("this")),
    "THAT": _padded(st.just("that")),
    "LAST": _padded(st.sampled_from(["last", "past"])),
    "FOR": _padded(st.just("for")),
    "YEAR": _padded(st.integers(1600, 2099).map(str)),
    "DECADE": _padded(st.sampled_from(["1990s", "1980's"])),
    "QUALIFIER": _padded(st.sampled_from(["early", "mid-", "late"])),
    "_THE": _padded(st.just("the")),
    "_SAME": _padded(st.sampled_from(["same", "very same"])),
    "_AND": _padded(st.just("and")),
    "_RANGE_JOIN": _padded(st.sampled_from(["to", "or", "–"])),
    "_HYPHEN": st.just("-"),
    "_OLD": _padded(st.just("old")),
    "_OF": _padded(st.just("of")),
    "_AGE": _padded(st.just("age")),
    "_AGED": _padded(st.just("aged")),
    "_AT": _padded(st.just("at")),
    "_SINCE": _padded(st.sampled_from(["since", "ever since"])),
    "_WS": st.sampled_from([" ", "\t"]),
}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=from_lark(grammar_parser("relative"), explicit=EXPLICIT))
def test_grammar_generated_text_parses(text: str) -> None:
    value = parse_relative(text)
    assert isinstance(value, (Offset, Step, Duration, Age, Since, Decade))


def test_grammar_has_no_lalr_conflicts(
    lalr_conflicts: Callable[[str, str | list[str]], list[str]],
) -> None:
    assert lalr_conflicts("relative", "start") == []


@pytest.mark.skipif(not PRACTICE.is_dir(), reason="the shared practice documents are absent")
def test_practice_spans_cover_their_text() -> None:
    for path in sorted(PRACTICE.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for mention in iter_relatives(text, LineIndex(text)):
            assert text[mention.span.start : mention.span.end] == mention.text


_TRIGGER_PIECES = st.sampled_from(
    ["year", "Years", "MONTH", "weeks", "Day", "decades", "aged", "age", "Since", "1990s",
     "90's", "80\u2019s", "0s", "10S", "2000", " ", "x", "ago", "\n", "\u017f", "\u212a",
     "\u0130", "\u0131", "\u00e9"]
)  # fmt: skip


@settings(max_examples=400)
@given(st.lists(_TRIGGER_PIECES, max_size=25), st.integers(0, 40), st.integers(0, 200))
def test_triggers_are_the_regex_scan(pieces: list[str], start: int, end: int) -> None:
    """The scan that tries the regex only where a match may begin finds what ``finditer``
    does, over any range (the look-behind before ``start`` and the end at ``end`` included)."""
    text = "".join(pieces)
    expected = [m.span() for m in _TRIGGER.finditer(text, start, end)]
    assert [m.span() for m in _triggers(text, start, end)] == expected

"""Counts, totals with their parts, and stated changes: grammar, scan of prose, renderer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

from provenance.errors import GrammarError
from provenance.figures import Breakdown, Change, Figure, FigureValue
from provenance.grammars import grammar_parser
from provenance.parsers.figures import iter_figures, parse_figures
from provenance.render.figures import render_figures
from provenance.span import LineIndex

PARSED: list[tuple[str, FigureValue]] = [
    ("approximately 300 sets", Figure(300, "sets", "about")),
    ("over 400 sets", Figure(400, "sets", "more")),
    ("some 1,200 people", Figure(1200, "people", "about")),
    (
        "29 North Korean refugees, including 11 men, 15 women and 3 children",
        Breakdown(
            Figure(29, "North Korean refugees"),
            (Figure(11, "men"), Figure(15, "women"), Figure(3, "children")),
            complete=False,
        ),
    ),
    (
        "six detainees (two women, three men and a child)",
        Breakdown(
            Figure(6, "detainees"),
            (Figure(2, "women"), Figure(3, "men"), Figure(1, "child")),
            complete=False,
        ),
    ),
    (
        "45 people, comprising 20 men, 15 women, and 10 children",
        Breakdown(
            Figure(45, "people"),
            (Figure(20, "men"), Figure(15, "women"), Figure(10, "children")),
            complete=True,
        ),
    ),
    ("approximately a 1.6-fold increase", Change(1.6, 1, "fold", "increase", "about")),
    ("a 20 per cent rise", Change(20, 0, "percent", "increase")),
    ("20% decrease", Change(20, 0, "percent", "decrease")),
    ("an increase of 12.5 per cent", Change(12.5, 1, "percent", "increase")),
]


@pytest.mark.parametrize(("text", "value"), PARSED, ids=[text for text, _ in PARSED])
def test_parse_figures(text: str, value: FigureValue) -> None:
    assert parse_figures(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "and 3 children",
        "1.6",
        "29 refugees, including 11 men",
        # A number word before "percent" is a share, not a count the brackets break down.
        "eight percent (46 boys and 47 girls)",
        "two per cent (3 men and 4 women)",
    ],
)
def test_not_figures(text: str) -> None:
    with pytest.raises(GrammarError):
        parse_figures(text)


def test_in_prose() -> None:
    text = (
        "In May 2004, just one year later, we provided 500 sets of summer garments, "
        "approximately a 1.6-fold increase over the previous year."
    )
    found = [(m.text, m.value) for m in iter_figures(text, LineIndex(text))]
    assert ("500 sets", Figure(500, "sets")) in found
    assert found[-1] == (
        "approximately a 1.6-fold increase",
        Change(1.6, 1, "fold", "increase", "about"),
    )


_NOUN = st.sampled_from(["people", "refugees", "sets", "men"])
_NOUNS = st.sampled_from(["people", "refugees", "sets", "North Korean refugees", "men"])
_HEDGES = st.sampled_from([None, "exact", "about", "more", "less"])
VALUES: st.SearchStrategy[FigureValue] = st.one_of(
    st.builds(Figure, st.integers(1, 99_999), _NOUN, _HEDGES),
    st.builds(
        Breakdown,
        st.builds(Figure, st.integers(1, 99_999), _NOUNS, _HEDGES),
        st.lists(st.builds(Figure, st.integers(2, 500), _NOUNS), min_size=2, max_size=4).map(tuple),
        st.booleans(),
    ),
    st.builds(
        lambda whole, decimals, kind, direction, hedge: Change(
            round(whole / 10**decimals, decimals), decimals, kind, direction, hedge
        ),
        st.integers(1, 9999),
        st.integers(0, 2),
        st.sampled_from(["fold", "percent"]),
        st.sampled_from(["increase", "decrease"]),
        _HEDGES,
    ),
)


@settings(max_examples=300, deadline=None)
@given(value=VALUES)
def test_render_round_trips(value: FigureValue) -> None:
    assert parse_figures(render_figures(value)) == value


def _padded(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return strategy.map(lambda word: f" {word} ")


EXPLICIT = {
    "NUMBER": _padded(st.sampled_from(["1", "29", "1,200", "two", "Eleven", "hundred"])),
    "RATIO": _padded(st.sampled_from(["1.6", "20", "2.50"])),
    "ARTICLE": _padded(st.sampled_from(["a", "an"])),
    "HEDGE": _padded(st.sampled_from(["approximately", "about", "more than", "nearly"])),
    "LINK": _padded(st.sampled_from(["including", "of whom", "among them"])),
    "PARTITION": _padded(st.sampled_from(["comprising", "consisting of", ":"])),
    "CHANGE": _padded(st.sampled_from(["increase", "rise", "decline", "drop"])),
    "WORD": _padded(st.sampled_from(["men", "women", "Korean", "sets", "asylum-seekers"])),
    "_FOLD": st.sampled_from(["-fold", " times"]),
    "_PERCENT": st.sampled_from(["%", " per cent", " percent"]),
    "_OF": _padded(st.just("of")),
    "_AND": _padded(st.just("and")),
    "_COMMA": st.just(","),
    "_LPAR": _padded(st.just("(")),
    "_RPAR": _padded(st.just(")")),
    "_WS": st.just(" "),
}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=from_lark(grammar_parser("figures"), explicit=EXPLICIT))
def test_grammar_generated_text_parses(text: str) -> None:
    assert isinstance(parse_figures(text), (Figure, Breakdown, Change))


def test_grammar_has_no_lalr_conflicts(
    lalr_conflicts: Callable[[str, str | list[str]], list[str]],
) -> None:
    assert lalr_conflicts("figures", "start") == []

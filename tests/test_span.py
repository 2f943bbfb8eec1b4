"""``span``: offsets to the 1-based lines and columns that people and editors read."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from provenance.span import LineIndex


def test_lines_and_columns_are_one_based() -> None:
    index = LineIndex("ab\ncd\n")
    assert index.line_column(0) == (1, 1)
    assert index.line_column(3) == (2, 1)
    assert index.line_column(4) == (2, 2)
    assert index.line_count == 3


def test_a_span_ends_on_its_last_character() -> None:
    text = "first\nsecond line\n"
    index = LineIndex(text)
    start = text.index("second")
    span = index.span(start, start + len("second line"))
    assert (span.line, span.column, span.end_line, span.end_column) == (2, 1, 2, 11)
    assert len(span) == len("second line")


def test_an_empty_span_points_at_its_start() -> None:
    span = LineIndex("abc\ndef").span(5, 5)
    assert (span.line, span.column, span.end_line, span.end_column) == (2, 2, 2, 2)


def test_offsets_outside_the_text_are_clamped() -> None:
    index = LineIndex("ab")
    assert index.line_column(-5) == (1, 1)
    assert index.line_column(99) == (1, 3)


@given(st.text(alphabet="ab\n", max_size=60), st.data())
def test_agrees_with_counting(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    index = LineIndex(text)
    line, column = index.line_column(offset)
    assert line == text.count("\n", 0, offset) + 1
    assert column == offset - (text.rfind("\n", 0, offset) + 1) + 1
    assert index.line_start(line) == text.rfind("\n", 0, offset) + 1

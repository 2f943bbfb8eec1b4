"""``span``: offsets to the 1-based lines and columns that people and editors read."""

from __future__ import annotations

import pickle
import tracemalloc

from hypothesis import given
from hypothesis import strategies as st

from provenance.span import (
    LineIndex,
    OffsetPairs,
    Span,
    blank_after,
    blank_before,
    offset_typecode,
)


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


def test_a_line_index_holds_four_bytes_a_line() -> None:
    """Offsets of a text under 2**31 characters are 4-byte machine integers: a file of blank
    lines held 8 bytes a character in its line index, the most of all it took."""
    text = "\n" * 200_000
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    index = LineIndex(text)
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert held < 4.5 * len(text)
    assert index.line_count == 200_001
    assert index.line_column(len(text)) == (200_001, 1)
    assert index.line_start(200_001) == len(text)


def test_offsets_past_four_bytes_take_eight() -> None:
    assert offset_typecode(2**31 - 2) == "i"
    assert offset_typecode(2**31) == "q"


@given(st.text(alphabet="ab\n", max_size=60), st.data())
def test_agrees_with_counting(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    index = LineIndex(text)
    line, column = index.line_column(offset)
    assert line == text.count("\n", 0, offset) + 1
    assert column == offset - (text.rfind("\n", 0, offset) + 1) + 1
    assert index.line_start(line) == text.rfind("\n", 0, offset) + 1


@given(st.text(alphabet="ab\n", max_size=60), st.integers(-5, 70))
def test_the_start_of_a_line_is_where_a_search_back_finds_it(text: str, offset: int) -> None:
    index = LineIndex(text)
    clamped = max(0, min(offset, len(text)))
    assert index.start_of_line_at(offset) == text.rfind("\n", 0, clamped) + 1
    assert index.length == len(text)


def test_a_short_span_far_into_a_text_holds_one_offset_object() -> None:
    """A span keeps its length, not its end: a mention's length is a small int Python shares,
    where an end offset past 256 was an int object of 32 bytes for every span (56 for the span
    and 32 for each offset: 120 bytes before, 88 now)."""
    index = LineIndex("x" * 2_000_000)
    starts = list(range(1_000_000, 1_000_000 + 20_000 * 7, 7))  # made before measuring
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    spans = [index.span(start, start + 25) for start in starts]
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    # The list of spans holds 8 bytes each; the starts are the ints made above.
    assert held / len(spans) < 8 + 56 + 16
    assert [(span.start, span.end, len(span)) for span in spans[:2]] == [
        (1_000_000, 1_000_025, 25),
        (1_000_007, 1_000_032, 25),
    ]


@given(st.integers(0, 300), st.integers(0, 300))
def test_a_span_built_whole_equals_one_from_the_line_index(start: int, length: int) -> None:
    text = "ab\ncde\n" * 80
    made = LineIndex(text).span(start, start + length)
    whole = Span(start, start + length, made.line, made.column, made.end_line, made.end_column)
    assert whole == made and hash(whole) == hash(made)
    assert (whole.start, whole.end) == (start, start + length)
    assert pickle.loads(pickle.dumps(made)) == made
    assert made != LineIndex(text).span(start, start + length + 1)


@given(st.lists(st.tuples(st.integers(0, 1000), st.integers(0, 1000)), max_size=20))
def test_offset_pairs_read_as_the_pairs_given(pairs: list[tuple[int, int]]) -> None:
    kept = OffsetPairs(1000)
    for start, end in pairs:
        kept.append(start, end)
    assert list(kept) == pairs and len(kept) == len(pairs)
    assert [kept[i] for i in range(len(pairs))] == pairs
    assert list(kept[1:3]) == pairs[1:3]
    assert list(kept.starts) == [start for start, _end in pairs]
    assert kept == tuple(pairs) and kept == pairs and kept == OffsetPairs.of(pairs, 1000)
    assert hash(kept) == hash(OffsetPairs.of(pairs, 1000))
    assert kept != (*pairs, (0, 1)) and kept != "pairs"


@given(st.text(alphabet=" \t\n\u00a0\u2028ab", max_size=30), st.data())
def test_blank_before_and_after_are_the_line_stripped(text: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(text)))
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line_end = len(text) if line_end == -1 else line_end
    assert blank_before(text, position) == (not text[line_start:position].strip())
    assert blank_after(text, position) == (not text[position:line_end].strip())


def test_blank_before_and_after_read_only_the_whitespace_beside_the_position(
    counting_text: type[str],
) -> None:
    # Asked for every date of a long line, reading back to the line's start each time was
    # quadratic in the line (a 4 MB paragraph of citations took 18 s a MB, against 7 at 1 MB).
    line = "word " * 20_000
    text = counting_text(line + "1999" + "  " + line)
    middle = len(line)
    assert not blank_before(text, middle)
    assert not blank_after(text, middle + 4)
    assert text.read < 10  # type: ignore[attr-defined]

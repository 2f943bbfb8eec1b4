"""``Intervals``: the O(log n) overlap queries that keep long reports linear."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from provenance.span import Intervals

_spans = st.lists(
    st.tuples(st.integers(0, 200), st.integers(0, 40)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=30,
)


@given(_spans, st.integers(0, 260), st.integers(0, 30))
@example([(0, 2)], 1, 0)
def test_queries_agree_with_a_scan(spans: list[tuple[int, int]], start: int, width: int) -> None:
    end = start + width
    intervals = Intervals(spans)
    real = [(s, e) for s, e in spans if e > s]
    # An empty range shares no character with anything, even inside an interval.
    shares = start < end and any(s < end and start < e for s, e in real)
    assert intervals.overlaps(start, end) == shares
    if width:
        # One interval, after merging those that overlap (touching ones stay apart).
        merged: list[list[int]] = []
        for s, e in sorted(real):
            if merged and s < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        assert intervals.covers(start, end) == any(s <= start and end <= e for s, e in merged)
    found = intervals.containing(start)
    inside = any(s <= start < e for s, e in real)
    assert (found is not None) == inside
    if found is not None:
        assert found[0] <= start < found[1]


def test_touching_intervals_stay_apart() -> None:
    intervals = Intervals([(0, 5), (5, 9)])
    assert intervals.containing(6) == (5, 9)
    assert not intervals.covers(3, 7)


@given(_spans)
def test_intervals_given_in_order_are_those_given_out_of_order(
    spans: list[tuple[int, int]],
) -> None:
    # Spans in order are merged as they come, others sorted first: the same intervals either way,
    # from a list or from a generator.
    in_order = Intervals(iter(sorted(spans)))
    as_given = Intervals(spans)
    for offset in range(0, 242):
        assert in_order.containing(offset) == as_given.containing(offset)
        assert in_order.overlaps(offset, offset + 3) == as_given.overlaps(offset, offset + 3)

"""``Regions``: a document's regions kept as arrays, equal to the tuple of regions they stand
for, and made in order from regions found out of order."""

from __future__ import annotations

import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import provenance
from provenance.model import Region, Regions
from provenance.segment import _in_order, _merge, _merged_pairs
from provenance.span import LineIndex, OffsetPairs

TEXT = "Title\n\n1. Heading\n\nSome text.\n\nPage 2\n\nMore text here.\n" * 4
KINDS = Regions.kind_names

regions_given = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.integers(0, 40),
        st.integers(0, 8),
    ),
    max_size=90,
)


def _table(given: list[tuple[str, int, int]], index: LineIndex) -> Regions:
    table = Regions(index, len(TEXT))
    for kind, start, length in given:
        table.append(kind, start, start + length)  # type: ignore[arg-type]
    return table


def test_a_documents_regions_equal_the_tuple_they_stand_for() -> None:
    document = provenance.parse(TEXT)
    regions = document.regions
    assert isinstance(regions, Regions)
    as_tuple = tuple(regions)
    assert len(as_tuple) > 4
    assert regions == as_tuple and as_tuple == tuple(regions[i] for i in range(len(regions)))
    assert regions == list(as_tuple)
    assert regions != as_tuple[:-1]
    assert hash(regions) == hash(as_tuple)
    assert repr(regions) == repr(as_tuple)
    assert regions[-1] == as_tuple[-1] and regions[1:3] == list(as_tuple[1:3])
    assert all(isinstance(r, Region) for r in regions)
    # Spans in the document's own line index: lines and columns as a span made there.
    first = regions[0]
    assert first.span == document.line_index.span(first.span.start, first.span.end)
    assert pickle.loads(pickle.dumps(regions)) == regions
    assert Regions.of(as_tuple, document.line_index, len(TEXT)) == regions
    assert Regions.of(regions, document.line_index, len(TEXT)) is regions


@given(regions_given)
def test_regions_in_order_are_a_stable_sort_by_offsets(given: list[tuple[str, int, int]]) -> None:
    index = LineIndex(TEXT)
    expected = sorted(
        (Region(kind, index.span(start, start + length)) for kind, start, length in given),  # type: ignore[arg-type]
        key=lambda r: (r.span.start, r.span.end),
    )
    ordered = _in_order(_table(given, index), index, len(TEXT))
    assert list(ordered) == expected
    assert [r.kind for r in ordered] == [r.kind for r in expected]


@given(st.lists(st.tuples(st.integers(0, 500), st.integers(0, 9)), max_size=300))
def test_many_stretches_out_of_order_are_sorted_too(given: list[tuple[int, int]]) -> None:
    index = LineIndex(TEXT)
    table = Regions(index, 600)
    for number, (start, length) in enumerate(given):
        table.append(KINDS[number % len(KINDS)], start, start + length)
    expected = sorted(table, key=lambda r: (r.span.start, r.span.end))
    assert list(_in_order(table, index, 600)) == expected


@given(st.lists(st.tuples(st.integers(0, 300), st.integers(0, 30)), max_size=60))
def test_furniture_pairs_merge_as_the_list_did(given: list[tuple[int, int]]) -> None:
    pairs = [(start, start + length) for start, length in given]
    kept = OffsetPairs.of(pairs, 400)
    assert list(_merged_pairs(kept, 400)) == _merge(list(pairs))
    in_order = OffsetPairs.of(sorted(pairs), 400)
    assert list(_merged_pairs(in_order, 400)) == _merge(list(pairs))


_LISTED = (
    "Treatment of returnees\n\nThey were held (Org 1999).[1]\n\n"
    'References\n\n  Org. 1999. "Report." Toronto.  \n\n'
    'Rights Watch. 2001. "Another report."\n   Ottawa.\n\n'
    'Notes\n\n1. Org. 1999. "Report." Toronto.\n'
)


def test_references_are_made_as_they_were_held() -> None:
    """A document's references are arrays and entries, made as ``Reference`` when read: each
    the same as a reference holding its own text, equal to the tuple of them, shown as it."""
    from provenance.document import parse_document
    from provenance.model import Reference, References

    document = parse_document(_LISTED)
    references = document.references
    assert isinstance(references, References)
    made = tuple(references)
    assert len(made) >= 2
    for reference in made:
        # The text is the stripped stretch of its span (or the note's own text).
        if reference.section != "footnote":
            stretch = _LISTED[reference.span.start : reference.span.end]
            assert reference.text == stretch.strip()
    # The first entry's trailing spaces are in its span, not in its text.
    assert made[0].text.startswith("Org. 1999.") and len(made[0].span) > len(made[0].text)
    assert references == made and made == tuple(references) and references == list(made)
    assert references[-1] == made[-1] and references[0:2] == list(made[0:2])
    assert repr(references) == repr(made) and hash(references) == hash(made)
    assert references != made[:-1]
    with pytest.raises(IndexError):
        references[len(made)]
    copy = pickle.loads(pickle.dumps(document))
    assert copy.references == made
    # A document built with a tuple of references is the document read.
    assert attrs.evolve(document, references=made) == document
    own = References(_LISTED, LineIndex(_LISTED))
    entry = made[0].entry
    own.append_own(entry, "footnote", made[0].span, "joined text", 7)
    own.append(entry, "references", 0, 9, 0, 9)
    assert list(own) == [
        Reference(entry, "footnote", "joined text", made[0].span, 7),
        Reference(entry, "references", _LISTED[0:9], LineIndex(_LISTED).span(0, 9)),
    ]


def test_references_hold_offsets_not_objects() -> None:
    """A reference of a long source list is held as its entry (a pointer), a section number and
    four offsets: about 26 bytes traced, where a ``Reference``, its own text, its span and the
    span's start were about 270 (the largest share of a document of a long list)."""
    import tracemalloc

    from provenance.model import ReferenceEntry, References

    text = 'Org. 1999. "Report." Toronto.\n\n' * 10_000
    index = LineIndex(text)
    entry = ReferenceEntry(author="Org")
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    references = References(text, index)
    for number in range(10_000):
        start = number * 31
        references.append(entry, "references", start, start + 29, start, start + 29)
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert references[-1].text == 'Org. 1999. "Report." Toronto.'
    assert held / 10_000 < 40

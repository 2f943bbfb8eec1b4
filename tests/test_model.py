"""``Regions``, ``References``, ``DateMentions`` and ``Citations``: a document's regions,
references, dates and citations kept as arrays, equal to the tuples they stand for; regions made
in order from regions found out of order; the timeline's dates kept by number."""

from __future__ import annotations

import pickle
import re
from collections.abc import Iterator

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


_CITED = (
    "Treatment of returnees [ABC12345.E]\n\nSee ABC10000.E and ABC10001.E. "
    "On 3 May 1999 they were held (Org 1999). On Thursday, "
    "May 6 they left (ibid.). Others stayed (Rights Watch 2001).\n\n"
    'References\n\nOrg. 1999. "Report." Toronto.\n\n'
    'Rights Watch. 2001. "Another report." Ottawa.\n'
)


def test_dates_and_citations_are_made_as_they_were_held() -> None:
    """A document's dates, citations and index codes are arrays, made as mentions when read:
    equal to the tuples of them, shown and hashed as those, pickled whole."""
    from provenance.document import parse_document
    from provenance.model import (
        Citation,
        Citations,
        DateMention,
        DateMentions,
        IndexCodeMention,
        IndexCodeMentions,
    )

    document = parse_document(_CITED)
    for held, kind, mentions in (
        (document.dates, DateMentions, DateMention),
        (document.citations, Citations, Citation),
        (document.index_codes, IndexCodeMentions, IndexCodeMention),
    ):
        assert isinstance(held, kind)
        made = tuple(held)
        assert len(made) >= 3 and all(isinstance(m, mentions) for m in made)
        assert held == made and made == tuple(held) and held == list(made)
        assert held[-1] == made[-1] and held[0:2] == list(made[0:2])
        assert repr(held) == repr(made) and hash(held) == hash(made)
        assert held != made[:-1]
        first = made[0]
        assert first.span == document.line_index.span(first.span.start, first.span.end)
        with pytest.raises(IndexError):
            held[len(made)]
        assert kind.of(made, document.line_index, len(_CITED)) == held  # type: ignore[attr-defined]
        assert kind.of(held, document.line_index, len(_CITED)) is held  # type: ignore[attr-defined]
    # The fields the arrays hold come back as read: an inferred year, a linked reference and a
    # citation that names no reference.
    assert any(m.inferred_year for m in document.dates)
    assert any(not m.inferred_year for m in document.dates)
    assert {c.reference for c in document.citations} >= {0, 1}
    assert [m.role for m in document.index_codes] == ["own", "cited", "cited"]
    copy = pickle.loads(pickle.dumps(document))
    assert copy.dates == document.dates and copy.citations == document.citations
    assert copy.timeline == document.timeline
    # A document built with tuples is the document read.
    rebuilt = attrs.evolve(
        document,
        dates=tuple(document.dates),
        citations=tuple(document.citations),
        index_codes=tuple(document.index_codes),
    )
    assert rebuilt == document
    unlinked = Citations(document.line_index, len(_CITED))
    unlinked.append(attrs.evolve(document.citations[0], reference=None, resolved_author="Org"))
    assert unlinked[0].reference is None and unlinked[0].resolved_author == "Org"


def test_timeline_entries_number_their_dates() -> None:
    """The timeline keeps a written date as its number in arrays, and gives the entry a mention
    made whole gave, in the order of a stable sort of dates and relative expressions."""
    from provenance.model import DateMention, DateMentions
    from provenance.timeline import TimelineEntries, TimelineEntry, date_interval

    document = provenance.parse(
        "Treatment of returnees\n\nIn 1998 they fled. Two years later, in May 2000, they "
        "returned. Since 2001 they have lived in Ottawa. On 3 May 2002 they moved.\n"
    )
    assert document.timeline is not None
    entries = document.timeline.entries
    assert isinstance(entries, TimelineEntries)
    starts = [entry.span.start for entry in entries]
    assert starts == sorted(starts) and len(entries) >= 4
    found = {entry.provenance for entry in entries}
    assert "written" in found and len(found) >= 2  # dates and a relative expression
    index = document.line_index
    dates = DateMentions.of(
        [DateMention(m.value, m.text, m.span) for m in document.dates], index, 200
    )
    table = TimelineEntries(dates=dates)
    table.append_date(1)
    table.append(entries[0])
    table.append_date(0)
    second = dates[1]
    assert list(table) == [
        TimelineEntry(
            second.text, second.span, second.value, "written", date_interval(second.value), "high"
        ),
        entries[0],
        table[2],
    ]
    assert table[2].span == dates[0].span and len(table) == 3 and table[1:] == list(table)[1:]
    assert TimelineEntries([entries[0]]) == [entries[0]]


def test_dates_and_citations_hold_offsets_not_objects() -> None:
    """A date or a citation is held as pointers to a value and a text that equal ones share and
    its offsets: under 50 bytes traced, where a mention, its span and the span's start were
    about 160 (a date) and 170 (a citation)."""
    import tracemalloc

    from provenance.model import Citation, Citations, CitationValue, Date, DateMention, DateMentions

    text = "He was held (Org 1999). " * 10_000
    index = LineIndex(text)
    date, value = Date(1999), CitationValue("Org", Date(1999))
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    dates = DateMentions(index, len(text))
    citations = Citations(index, len(text))
    for number in range(10_000):
        start = number * 24
        dates.append(DateMention(date, "1999", index.span(start + 17, start + 21)))
        citations.append(Citation(value, "Org 1999", index.span(start + 13, start + 21), 0))
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert dates[-1].span.start == 9_999 * 24 + 17 and citations[-1].reference == 0
    assert held / 10_000 < 2 * 50


def test_cross_references_are_made_as_they_were_held() -> None:
    """A document's cross-references are arrays, made as ``CrossReference`` when read, with
    what they were linked to: a heading, a numbered paragraph, or nothing."""
    from provenance.model import CrossReference, CrossReferences

    text = (
        "Treatment of returnees\n\n1. Heading one\n\nSee section 1 above and section 7 below."
        "\n\n2. Heading two\n\n12. A numbered paragraph.\n\nAs in paragraph 12, see annex 3.\n"
    )
    document = provenance.parse(text)
    held = document.cross_references
    assert isinstance(held, CrossReferences)
    made = tuple(held)
    assert len(made) == 3 and all(isinstance(r, CrossReference) for r in made)
    assert held == made and list(made) == list(held) and repr(held) == repr(made)
    assert hash(held) == hash(made) and held[1:] == list(made[1:])
    assert [(r.target, r.scheme_read) for r in made] == [(0, True), (None, False), (None, False)]
    assert CrossReferences.of(made, document.line_index, len(text)) == held
    assert pickle.loads(pickle.dumps(document)).cross_references == made
    table = CrossReferences(document.line_index, len(text))
    table.append(made[0])
    paragraph = document.line_index.span(0, 5)
    table.link(0, None, paragraph, checkable=False, scheme_read=True)
    assert table[0] == attrs.evolve(made[0], target=None, paragraph=paragraph, checkable=False)
    table.link(0, 1, None, checkable=True, scheme_read=False)
    assert table[0] == attrs.evolve(made[0], target=1, scheme_read=False)
    assert attrs.evolve(document, cross_references=made) == document


def test_citations_given_the_text_slice_their_texts_from_it() -> None:
    """With the document's text, a citation's text is sliced from it when read (no copy held);
    a citation whose text is not that stretch keeps its own."""
    from provenance.model import Citation, Citations, CitationValue, Date

    text = "He was held (Org 1999). Again (Org 1999)."
    index = LineIndex(text)
    value = CitationValue("Org", Date(1999))
    table = Citations(index, len(text), text)
    first = Citation(value, "Org 1999", index.span(13, 21), 0)
    other = Citation(value, "not the stretch", index.span(31, 39))
    table.append(first)
    table.append(other)
    assert table == [first, other] and table[1].text == "not the stretch"
    assert table[0].text == "Org 1999" and table[0].text is not first.text


def test_index_codes_given_the_text_slice_their_texts_from_it() -> None:
    """Likewise an index code's text, and a code read over a line break (told as one, with a
    space) keeps its own; equal codes read from a document share one value."""
    from provenance.model import IndexCodeMention, IndexCodeMentions, IrbCode

    text = "See ABC12345.E and ABC12345.E. AI Index: ASA\n24/06/96."
    document = provenance.parse("Treatment of returnees\n\n" + text)
    codes = document.index_codes
    assert isinstance(codes, IndexCodeMentions)
    assert [code.text for code in codes] == ["ABC12345.E", "ABC12345.E", "ASA 24/06/96"]
    assert codes[0].value is codes[1].value
    assert codes[2].text == "ASA 24/06/96" and codes == tuple(codes)
    index = LineIndex(text)
    table = IndexCodeMentions(index, len(text), text)
    first = IndexCodeMention(IrbCode("ABC", "12345", "E"), "ABC12345.E", index.span(4, 14))
    other = attrs.evolve(first, text="not the stretch", span=index.span(19, 29))
    table.extend([first, other])
    assert table == [first, other] and table[1].text == "not the stretch"
    assert table[0].text == "ABC12345.E" and table[0].text is not first.text
    assert list(table) == [first, other]


_CALLED = (
    "Treatment of returnees\n\nThey were held.<sup>2</sup> Some fled.[1] Others stayed.<sup>2"
    "</sup> A few returned.[^3]\n\nNotes\n\n<sup>1</sup> Interview, 1999.\n\n<sup>2</sup> "
    "Interview, 2000.\n\n<sup>4</sup> Interview, 2001.\n"
)


def test_note_calls_are_made_as_they_were_held() -> None:
    """A note's calls are its stretch of the document's ``NoteCalls``, made as markers when read,
    in the order read: equal to the tuple of them, shown and hashed as that, pickled whole; a
    document built with tuples of markers is the document read."""
    from provenance.model import (
        Footnote,
        FootnoteMarker,
        FootnoteMarkers,
        first_marker,
        marker_starts,
        marker_styles,
    )

    document = provenance.parse(_CALLED)
    notes = {note.number: note for note in document.footnotes}
    assert sorted(notes) == [1, 2, 3, 4] and notes[4].markers == ()
    for number in (1, 2, 3):
        held = notes[number].markers
        assert isinstance(held, FootnoteMarkers)
        made = tuple(held)
        assert all(isinstance(m, FootnoteMarker) and m.number == number for m in made)
        assert held == made and made == held and held == list(made) and held[-1] == made[-1]
        assert repr(held) == repr(made) and hash(held) == hash(made) and held[0:1] == [made[0]]
        assert list(marker_starts(held)) == list(marker_starts(made))
        assert list(marker_styles(held)) == list(marker_styles(made))
        assert first_marker(held) == first_marker(made) == made[0]
        with pytest.raises(IndexError):
            held[len(made)]
    twice = notes[2].markers
    first = _CALLED.index("<sup>2")
    assert [m.span.start for m in twice] == [first, _CALLED.index("<sup>2", first + 1)]
    assert [m.style for m in twice] == ["sup", "sup"]
    assert [m.style for n in (1, 3) for m in notes[n].markers] == ["bracket", "caret-bracket"]
    assert _CALLED[twice[0].span.start : twice[0].span.end] == "<sup>2</sup>"
    assert twice[0].span == document.line_index.span(twice[0].span.start, twice[0].span.end)
    copy = pickle.loads(pickle.dumps(document))
    assert copy.footnotes == document.footnotes
    rebuilt = attrs.evolve(
        document,
        footnotes=tuple(
            Footnote(n.number, tuple(n.markers), n.body, n.possible_call)
            for n in document.footnotes
        ),
    )
    assert rebuilt == document and hash(rebuilt.footnotes) == hash(document.footnotes)


def test_note_calls_hold_offsets_not_objects() -> None:
    """A note call is held as its offset, its length and its style's number in arrays: under 10
    bytes traced, where a ``FootnoteMarker``, its span and the span's start were about 150 (the
    most of what a text of note calls held)."""
    import tracemalloc

    from provenance.model import FootnoteMarker, NoteCalls

    unit = "A claim.<sup>12</sup> "
    text = unit * 20_000
    index = LineIndex(text)

    def calls() -> Iterator[FootnoteMarker]:
        for number in range(20_000):
            start = number * len(unit) + 8
            yield FootnoteMarker(number % 99 + 1, index.span(start, start + 13), "sup")

    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    grouped = NoteCalls.grouped(calls(), index, len(text))
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert len(grouped) == 99 and sum(len(markers) for markers in grouped.values()) == 20_000
    assert grouped[1][1] == FootnoteMarker(
        1, index.span(99 * len(unit) + 8, 99 * len(unit) + 21), "sup"
    )
    # The arrays (6 bytes a call) and each number's stretch (about 200 bytes with its place in
    # the dict): 20,000 calls of 99 numbers.
    assert held / 20_000 < 10


def test_a_part_of_a_notes_calls_is_a_stretch_of_the_same_calls() -> None:
    from provenance.model import FootnoteMarker, FootnoteMarkers, NoteCalls

    text = "A.<sup>1</sup> B.<sup>1</sup> C.<sup>1</sup>"
    index = LineIndex(text)
    starts = [m.start() for m in re.finditer("<sup>", text)]
    markers = [FootnoteMarker(1, index.span(s, s + 11), "sup") for s in starts]
    calls = NoteCalls.grouped(iter(markers), index, len(text))[1]
    part = calls.part(1, 3)
    assert isinstance(part, FootnoteMarkers)
    assert list(part) == markers[1:] and list(part.starts()) == starts[1:]
    assert list(calls.part(0, 1)) == markers[:1] and not calls.part(2, 2)

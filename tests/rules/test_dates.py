"""Date rules on hand-built documents, then end to end on the seeds and the hand-written corpus."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import provenance
from provenance.model import (
    AmnestyIndex,
    CitationValue,
    Date,
    DateRange,
    Document,
    IrbCode,
    ReferenceEntry,
    Region,
    Regions,
    UnSymbol,
    Update,
)
from provenance.rules.dates import (
    _inferred_from,
    _Inside,
    accessed_before_published,
    citation_date_mismatch,
    date_after_document,
    document_code_conflict,
    human,
    impossible_date,
    index_code_year_mismatch,
    reversed_date_range,
    source_stretches,
    weekday_mismatch,
)
from provenance.rules.registry import Emit
from provenance.span import LineIndex, Span

from .builders_dates import DocBuilder

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
CORPUS = ROOT / "tests" / "corpus" / "dates"
PRACTICE = ROOT.parent / "shared" / "practice"

RuleFunction = Callable[[Document], Iterable[Emit]]


def texts(function: RuleFunction, doc: Document) -> list[str]:
    return [doc.text[e.span.start : e.span.end] for e in function(doc)]


# --------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Date(2002, 5, 29, weekday=2), "Wednesday, 29 May 2002"),
        (Date(1999, 2), "February 1999"),
        (Date(1995, qualifier="early"), "early 1995"),
        (DateRange(Date(1999), Date(2000)), "1999 to 2000"),
        (Date(None, 5, 29), "29 May"),
        (Date(1999, 13), "month 13 1999"),
    ],
)
def test_human(value: Date | DateRange, expected: str) -> None:
    assert human(value) == expected


# --------------------------------------------------------------------------- impossible-date


def test_impossible_dates() -> None:
    text = "Title\n\nHeld on 31 June 1999, freed 29 February 1997, tried 29 February 1996.\n"
    b = DocBuilder(text)
    b.date("31 June 1999", Date(1999, 6, 31))
    b.date("29 February 1997", Date(1997, 2, 29))
    b.date("29 February 1996", Date(1996, 2, 29))
    doc = b.build()
    emits = list(impossible_date(doc))
    assert texts(impossible_date, doc) == ["31 June 1999", "29 February 1997"]
    assert "June has 30 days" in emits[0].message
    assert "1997 is not a leap year" in emits[1].message
    assert emits[0].span.line == 3


def test_impossible_range_end_and_yearless_day() -> None:
    text = "Title\n\nFrom 28 to 31 April 2001, and on 30 February.\n"
    b = DocBuilder(text)
    b.date("28 to 31 April 2001", DateRange(Date(2001, 4, 28), Date(2001, 4, 31)))
    b.date("30 February", Date(None, 2, 30))
    doc = b.build()
    assert texts(impossible_date, doc) == ["28 to 31 April 2001", "30 February"]


def test_inferred_29_february_is_left_alone() -> None:
    text = "Title\n\nIn 1997 he fled. On 29 February he returned.\n"
    b = DocBuilder(text)
    b.date("1997", Date(1997))
    b.date("29 February", Date(1997, 2, 29), inferred=True)
    assert list(impossible_date(b.build())) == []


# --------------------------------------------------------------------------- weekday-mismatch


def test_weekday_mismatch_with_inferred_year_points_at_its_source() -> None:
    text = (
        "Title\n\n"
        "They were arrested between May 24~26, 2002.\n\n"
        "They were sent to Kunming on the morning of Thursday, May 29 and to Changchun.\n"
    )
    b = DocBuilder(text)
    anchor = b.date("May 24~26, 2002", DateRange(Date(2002, 5, 24), Date(2002, 5, 26)))
    b.date("Thursday, May 29", Date(2002, 5, 29, weekday=3), inferred=True)
    doc = b.build()
    emits = list(weekday_mismatch(doc))
    assert len(emits) == 1
    assert emits[0].span.line == 5
    assert "Thursday" in emits[0].message and "Wednesday" in emits[0].message
    assert "taken from the context" in emits[0].message
    assert emits[0].related[0].span == anchor.span


def test_weekday_mismatch_stated_year() -> None:
    text = "Title\n\nSEOUL, Thursday, July 30, 2004 -- and Friday, 2 July 2004.\n"
    b = DocBuilder(text)
    b.date("Thursday, July 30, 2004", Date(2004, 7, 30, weekday=3))
    b.date("Friday, 2 July 2004", Date(2004, 7, 2, weekday=4))
    doc = b.build()
    emits = list(weekday_mismatch(doc))
    assert texts(weekday_mismatch, doc) == ["Thursday, July 30, 2004"]
    assert "was a Friday" in emits[0].message
    assert "context" not in emits[0].message
    assert emits[0].related == ()


def test_weekday_needs_a_full_date() -> None:
    text = "Title\n\nOn Friday, May 29 and Monday, 31 June 2001.\n"
    b = DocBuilder(text)
    b.date("Friday, May 29", Date(None, 5, 29, weekday=4))
    b.date("Monday, 31 June 2001", Date(2001, 6, 31, weekday=0))
    assert list(weekday_mismatch(b.build())) == []


def test_weekday_range_end_checked() -> None:
    text = "Title\n\nFrom Monday 3 to Friday 8 May 2004.\n"
    b = DocBuilder(text)
    b.date(
        "Monday 3 to Friday 8 May 2004",
        DateRange(Date(2004, 5, 3, weekday=0), Date(2004, 5, 8, weekday=4)),
    )
    emits = list(weekday_mismatch(b.build()))
    assert len(emits) == 1 and "Saturday" in emits[0].message


def test_weekday_after_new_year_is_not_blamed_on_the_inferred_year() -> None:
    # 3 January 2002 was a Thursday; the year 2001 came from a December date.
    text = "Title\n\nOn 30 December 2001 they fled. On Thursday, January 3 they were caught.\n"
    b = DocBuilder(text)
    b.date("30 December 2001", Date(2001, 12, 30))
    b.date("Thursday, January 3", Date(2001, 1, 3, weekday=3), inferred=True)
    assert list(weekday_mismatch(b.build())) == []


def test_weekday_fitting_another_year_nearby_is_not_flagged() -> None:
    # 29 May was a Thursday in 2003: a year the context offers makes the weekday right.
    text = "Title\n\nIn May 2003 and on 1 June 2002 ... on Thursday, May 29 they left.\n"
    b = DocBuilder(text)
    b.date("May 2003", Date(2003, 5))
    b.date("1 June 2002", Date(2002, 6, 1))
    b.date("Thursday, May 29", Date(2002, 5, 29, weekday=3), inferred=True)
    assert list(weekday_mismatch(b.build())) == []


def test_weekday_message_names_the_other_years_tried() -> None:
    text = "Title\n\nIn May 1999 and on 1 June 2002 ... on Thursday, May 29 they left.\n"
    b = DocBuilder(text)
    b.date("May 1999", Date(1999, 5))
    b.date("1 June 2002", Date(2002, 6, 1))
    b.date("Thursday, May 29", Date(2002, 5, 29, weekday=3), inferred=True)
    (emit,) = weekday_mismatch(b.build())
    assert "nor was it a Thursday in 1999" in emit.message


def test_inferred_year_from_document_date() -> None:
    text = "Title\n\n12 March 2004\n\nOn Friday, March 3 talks began.\n"
    b = DocBuilder(text)
    own = b.document_date("12 March 2004", Date(2004, 3, 12))
    b.date("Friday, March 3", Date(2004, 3, 3, weekday=4), inferred=True)
    (emit,) = weekday_mismatch(b.build())
    assert emit.related[0].span == own.span


# ------------------------------------------------------------------ accessed-before-published


def _irb_reference(accessed: Date, published: Date | DateRange, accessed_text: str) -> Document:
    entry_text = (
        f'The Daily Star [Dhaka]. 3 March 2000. "Returnees Questioned." [Accessed {accessed_text}]'
    )
    text = f"Title\n\nReturnees were questioned.\n\nReferences\n\n{entry_text}\n"
    b = DocBuilder(text)
    b.kind("References", "heading")
    b.kind("The Daily Star", "references")
    b.reference(
        entry_text,
        ReferenceEntry(author="The Daily Star", date=published, accessed=accessed),
    )
    b.date("3 March 2000", published, after=text.index("References"))
    b.date(accessed_text, accessed, after=text.index("[Accessed"))
    return b.build()


def test_accessed_before_published() -> None:
    doc = _irb_reference(Date(2000, 3, 1), Date(2000, 3, 3), "1 March 2000")
    emits = list(accessed_before_published(doc))
    assert texts(accessed_before_published, doc) == ["1 March 2000"]
    assert emits[0].span.line == 7
    related = emits[0].related[0].span
    assert doc.text[related.start : related.end] == "3 March 2000"


@pytest.mark.parametrize(
    ("accessed", "published"),
    [
        (Date(2000, 5, 15), Date(2000, 3, 3)),
        (Date(2000, 3, 3), Date(2000, 3, 3)),
        (Date(2000, 3, 1), Date(2000, 3)),
        (Date(2000, 3), Date(2000, 3, 3)),
        (Date(2000, 1, 1), Date(2000)),
        (Date(None, 1, 1), Date(2000, 3, 3)),
    ],
)
def test_accessed_on_or_after_published(accessed: Date, published: Date) -> None:
    doc = _irb_reference(accessed, published, "15 May 2000")
    assert list(accessed_before_published(doc)) == []


# --------------------------------------------------------------------------- date-after-document


def _dated_report(own: Date) -> DocBuilder:
    text = (
        "North Korea: Refugees in Russia\n\n"
        "AI Index: ASA 24/06/96\n\n"
        "September 1996\n\n"
        "Camps were described before (AI Index: ASA 24/02/97) and (Reuters 2 October 1996).\n\n"
        "References\n\n"
        "Reuters. 2 October 1996. Camps in the taiga.\n\n"
        "Reuters. 1996. Logging.\n"
    )
    b = DocBuilder(text)
    b.kind("References", "heading")
    b.kind("Reuters. 2 October", "references")
    b.kind("Reuters. 1996.", "references")
    b.code("ASA 24/06/96", AmnestyIndex("ASA", "24", "06", 1996), role="own")
    b.document_date("September 1996", own)
    b.code("ASA 24/02/97", AmnestyIndex("ASA", "24", "02", 1997))
    b.citation("(Reuters 2 October 1996)", CitationValue("Reuters", Date(1996, 10, 2)), 0)
    b.reference(
        "Reuters. 2 October 1996. Camps in the taiga.",
        ReferenceEntry(author="Reuters", date=Date(1996, 10, 2)),
    )
    b.reference("Reuters. 1996. Logging.", ReferenceEntry(author="Reuters", date=Date(1996)))
    b.date("2 October 1996", Date(1996, 10, 2), after=text.index("References"))
    return b


def test_sources_after_the_document_date() -> None:
    doc = _dated_report(Date(1996, 9)).build()
    emits = list(date_after_document(doc))
    assert texts(date_after_document, doc) == [
        "ASA 24/02/97",
        "(Reuters 2 October 1996)",
        "2 October 1996",
    ]
    assert all(
        doc.text[e.related[0].span.start : e.related[0].span.end] == "September 1996" for e in emits
    )
    assert "1997" in emits[0].message


def test_no_sources_after_a_later_document_date() -> None:
    doc = _dated_report(Date(1997, 3)).build()
    assert list(date_after_document(doc)) == []


def test_year_precision_document_date_is_generous() -> None:
    doc = _dated_report(Date(1996)).build()
    assert texts(date_after_document, doc) == ["ASA 24/02/97"]


def test_a_source_dated_by_the_next_year_alone_is_a_journal_volume_not_a_late_source() -> None:
    # "Reuters. 1996." in a report of March 1995: a year alone, the next one, as a journal
    # dates the volume an article appears in; a day of that year is still late.
    doc = _dated_report(Date(1995, 3)).build()
    assert texts(date_after_document, doc) == [
        "ASA 24/02/97",
        "(Reuters 2 October 1996)",
        "2 October 1996",
    ]
    doc = _dated_report(Date(1994, 3)).build()
    assert "Reuters. 1996. Logging." in texts(date_after_document, doc)  # two years on


def test_no_document_date_no_finding() -> None:
    b = _dated_report(Date(1996, 9))
    b.own_date = None
    assert list(date_after_document(b.build())) == []


def test_event_dates_in_prose_are_not_sources() -> None:
    text = "Title\n\nMarch 2004\n\nThe plan aims to end the practice by 2030.\n"
    b = DocBuilder(text)
    b.document_date("March 2004", Date(2004, 3))
    b.date("2030", Date(2030))
    assert list(date_after_document(b.build())) == []


def test_updated_document_after_this_one() -> None:
    text = "Update to ABC12345.E of 20 December 2001 [ABC23456.E]\n\n1 May 2000\n"
    b = DocBuilder(text)
    b.document_date("1 May 2000", Date(2000, 5, 1))
    b.updates.append(
        Update(IrbCode("ABC", "12345", "E"), "ABC12345.E", b.span("ABC12345.E"), Date(2001, 12, 20))
    )
    assert texts(date_after_document, b.build()) == ["ABC12345.E"]


def test_un_resolution_numbers_are_not_years() -> None:
    text = "Title\n\n1 May 2011\n\nSee S/RES/2012 and E/CN.4/2012/9.\n"
    b = DocBuilder(text)
    b.document_date("1 May 2011", Date(2011, 5, 1))
    b.code("S/RES/2012", UnSymbol(("S", "RES", "2012")))
    b.code("E/CN.4/2012/9", UnSymbol(("E", "CN.4", "2012", "9")))
    assert texts(date_after_document, b.build()) == ["E/CN.4/2012/9"]


def test_a_un_symbol_s_last_number_is_its_serial_not_a_year() -> None:
    # Train 422 (1995): the working papers A/AC.109/2013 ... 2020 of the Special Committee.
    text = "Title\n\n24 November 1995\n\nSee A/AC.109/2013 and E/CN.4/2001/64.\n"
    b = DocBuilder(text)
    b.document_date("24 November 1995", Date(1995, 11, 24))
    b.code("A/AC.109/2013", UnSymbol(("A", "AC.109", "2013")))
    b.code("E/CN.4/2001/64", UnSymbol(("E", "CN.4", "2001", "64")))
    assert texts(date_after_document, b.build()) == ["E/CN.4/2001/64"]


# ------------------------------------------------------------------ index-code-year-mismatch


def _footnote_entry(code_text: str, code: AmnestyIndex, date_text: str, date: Date) -> Document:
    body = f"See Logging camps (AI Index: {code_text}), issued in {date_text}."
    text = f"Title\n\nWorkers were detained.<sup>1</sup>\n\n<sup>1</sup>{body}\n"
    b = DocBuilder(text)
    b.kind(body, "footnote")
    b.reference(body, ReferenceEntry(date=date, index_code=code, kind="footnote"), "footnote")
    b.code(code_text, code)
    b.date(date_text, date)
    return b.build()


def test_index_code_year_mismatch() -> None:
    doc = _footnote_entry(
        "ASA 24/12/95", AmnestyIndex("ASA", "24", "12", 1995), "December 1996", Date(1996, 12)
    )
    emits = list(index_code_year_mismatch(doc))
    assert texts(index_code_year_mismatch, doc) == ["ASA 24/12/95"]
    assert "1995" in emits[0].message and "December 1996" in emits[0].message
    related = emits[0].related[0].span
    assert doc.text[related.start : related.end] == "December 1996"


def test_index_code_year_agrees() -> None:
    doc = _footnote_entry(
        "ASA 24/12/95", AmnestyIndex("ASA", "24", "12", 1995), "December 1995", Date(1995, 12)
    )
    assert list(index_code_year_mismatch(doc)) == []


def test_index_code_year_agrees_with_a_range() -> None:
    doc = _footnote_entry(
        "ASA 24/12/95",
        AmnestyIndex("ASA", "24", "12", 1995),
        "1994-1996",
        DateRange(Date(1994), Date(1996)),  # type: ignore[arg-type]
    )
    assert list(index_code_year_mismatch(doc)) == []


# --------------------------------------------------------------------------- citation-date-mismatch


def _cited(citation_text: str, value: CitationValue, reference: int | None = None) -> Document:
    text = (
        "Title [KKT34458.E]\n\n"
        f"The ambassador praised them {citation_text}.\n\n"
        "References\n\n"
        "The Korea Post [Seoul]. February 1999. Vol. 12, No. 2.\n\n"
        "Korea Post. 3 May 1999. Another issue.\n"
    )
    b = DocBuilder(text)
    b.kind("References", "heading")
    b.kind("The Korea Post [Seoul]", "references")
    b.kind("Korea Post. 3 May", "references")
    b.reference(
        "The Korea Post [Seoul]. February 1999. Vol. 12, No. 2.",
        ReferenceEntry(author="The Korea Post", place="Seoul", date=Date(1999, 2)),
    )
    b.reference(
        "Korea Post. 3 May 1999. Another issue.",
        ReferenceEntry(author="Korea Post", date=Date(1999, 5, 3)),
    )
    b.citation(citation_text, value, reference)
    return b.build()


def test_citation_date_mismatch_points_at_the_nearest_entry() -> None:
    doc = _cited("(The Korea Post Mar. 1999)", CitationValue("The Korea Post", Date(1999, 3)))
    emits = list(citation_date_mismatch(doc))
    assert texts(citation_date_mismatch, doc) == ["(The Korea Post Mar. 1999)"]
    related = emits[0].related[0].span
    assert doc.text[related.start :].startswith("The Korea Post [Seoul]. February 1999.")
    assert "the nearest is February 1999" in emits[0].message
    assert emits[0].span.line == 3


def test_resolved_citation_is_not_a_mismatch() -> None:
    doc = _cited("(The Korea Post Feb. 1999)", CitationValue("The Korea Post", Date(1999, 2)), 0)
    assert list(citation_date_mismatch(doc)) == []


def test_unknown_author_is_left_to_citation_without_reference() -> None:
    doc = _cited("(Reuters Mar. 1999)", CitationValue("Reuters", Date(1999, 3)))
    assert list(citation_date_mismatch(doc)) == []


def test_unresolved_but_overlapping_date_is_not_a_date_mismatch() -> None:
    doc = _cited("(Korea Post 1999)", CitationValue("Korea Post", Date(1999)))
    assert list(citation_date_mismatch(doc)) == []


def test_a_date_alone_is_compared_through_the_source_its_sentence_names() -> None:
    doc = _cited("(Mar. 1999)", CitationValue(None, Date(1999, 3)))
    tied = attrs.evolve(doc.citations[0], resolved_author="The Korea Post")
    doc = attrs.evolve(doc, citations=(tied,))
    emits = list(citation_date_mismatch(doc))
    assert [e.message for e in emits] == [
        "citation dated March 1999, but the reference list has The Korea Post only for other "
        "dates (the nearest is February 1999)"
    ]


def test_a_date_mismatch_is_a_warning_beside_the_missing_source_error() -> None:
    from provenance.findings import Severity
    from provenance.rules.registry import get_rule

    assert get_rule("citation-date-mismatch").severity is Severity.WARNING


def test_author_only_and_date_only_citations_are_ignored() -> None:
    doc = _cited("(The Korea Post)", CitationValue("The Korea Post"))
    assert list(citation_date_mismatch(doc)) == []
    doc = _cited("(Mar. 1999)", CitationValue(None, Date(1999, 3)))
    assert list(citation_date_mismatch(doc)) == []


# --------------------------------------------------------------------------- reversed-date-range


def test_reversed_ranges() -> None:
    text = "Title\n\nBetween 26~24 May 2002 and in 2004-2003, not 1999-2000.\n"
    b = DocBuilder(text)
    b.date("26~24 May 2002", DateRange(Date(2002, 5, 26), Date(2002, 5, 24)))
    b.date("2004-2003", DateRange(Date(2004), Date(2003)))
    b.date("1999-2000", DateRange(Date(1999), Date(2000)))
    doc = b.build()
    emits = list(reversed_date_range(doc))
    assert texts(reversed_date_range, doc) == ["26~24 May 2002", "2004-2003"]
    assert "24 May 2002" in emits[0].message


def test_alternatives_and_new_year_ranges_are_not_reversed() -> None:
    text = "Title\n\nIn October/September 1999, and 28 December-3 January 2002.\n"
    b = DocBuilder(text)
    b.date(
        "October/September 1999",
        DateRange(Date(1999, 10), Date(1999, 9), joiner="alternative"),
    )
    b.date("28 December-3 January 2002", DateRange(Date(2002, 12, 28), Date(2002, 1, 3)))
    assert list(reversed_date_range(b.build())) == []


def test_reversed_range_with_both_years_written() -> None:
    text = "Title\n\nFrom 28 December 2002-3 January 2002.\n"
    b = DocBuilder(text)
    b.date("28 December 2002-3 January 2002", DateRange(Date(2002, 12, 28), Date(2002, 1, 3)))
    assert len(list(reversed_date_range(b.build()))) == 1


# --------------------------------------------------------------------------- document-code-conflict


def _amnesty_report(cover: str, header: str, date: Date) -> Document:
    text = (
        "North Korea: Refugees in Russia\n\n"
        f"AI Index: {cover}\n\n"
        "September 1996\n\n"
        "Refugees are at risk.\n\n"
        f"AI Index: {header}\n\n"
        "More text (AI Index: EUR 46/06/96).\n"
    )
    b = DocBuilder(text)
    parts = header.replace("/", " ").split()
    header_value = AmnestyIndex(parts[0], parts[1], parts[2], 1900 + int(parts[3]))
    parts = cover.replace("/", " ").split()
    cover_value = AmnestyIndex(parts[0], parts[1], parts[2], 1900 + int(parts[3]))
    b.code(cover, cover_value, role="own" if cover == header else "cited")
    b.code(header, header_value, role="furniture", after=text.index("risk"))
    b.code("EUR 46/06/96", AmnestyIndex("EUR", "46", "06", 1996))
    if cover != header:
        b.own_code = b.index_codes[1]
    b.document_date("September 1996", date)
    return b.build()


def test_own_code_given_differently() -> None:
    doc = _amnesty_report("ASA 24/08/96", "ASA 24/06/96", Date(1996, 9))
    emits = list(document_code_conflict(doc))
    assert texts(document_code_conflict, doc) == ["ASA 24/08/96"]
    assert emits[0].span.line == 3


def test_own_code_same_everywhere_with_zeros_differing() -> None:
    doc = _amnesty_report("ASA 24/06/96", "ASA 24/06/96", Date(1996, 9))
    assert list(document_code_conflict(doc)) == []
    doc = _amnesty_report("ASA 24/6/96", "ASA 24/06/96", Date(1996, 9))
    assert list(document_code_conflict(doc)) == []


def test_own_code_year_against_document_date() -> None:
    doc = _amnesty_report("ASA 24/06/96", "ASA 24/06/96", Date(1997, 9))
    emits = list(document_code_conflict(doc))
    assert texts(document_code_conflict, doc) == ["ASA 24/06/96"]
    assert "1996" in emits[0].message and "September 1997" in emits[0].message


def test_irb_codes_with_and_without_language_are_the_same() -> None:
    text = "Title [KKT34458.E]\n\nKKT34458\n\nKKT34458\n"
    b = DocBuilder(text)
    b.code("KKT34458.E", IrbCode("KKT", "34458", "E"), role="own")
    b.code("KKT34458", IrbCode("KKT", "34458"), role="furniture", after=text.index("\n\n"))
    assert list(document_code_conflict(b.build())) == []


def test_own_code_labels_are_read_beside_each_code(counting_text: type[str]) -> None:
    """Whether an index label opens a code's line is read from the line index: searched back
    for every code of a long line of codes, it read the line once a code (quadratic; most of the
    time of a megabyte of codes). A code after a label at a line's start is still the document's
    own code given again."""
    codes = " ".join(f"See ABC{10000 + i}.E here." for i in range(2000))
    doc = provenance.parse(f"Title [ABC12345.E]\n\n{codes}\n\nAI Index: ABC12346.E\n")
    counted = attrs.evolve(doc, text=counting_text(doc.text))
    assert [e.span.line for e in document_code_conflict(counted)] == [5]
    assert counted.text.read < len(doc.text)  # type: ignore[attr-defined]


_SOME_KINDS = ("references", "paragraph", "footnote", "heading", "notes")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_SOME_KINDS), st.integers(0, 60), st.integers(0, 20)),
        max_size=12,
    ),
    st.booleans(),
)
def test_source_stretches_cover_what_the_source_regions_cover(
    parts: list[tuple[str, int, int]], as_arrays: bool
) -> None:
    text = "x\n" * 50
    index = LineIndex(text)
    regions = tuple(
        Region(kind, index.span(start, start + length))  # type: ignore[arg-type]
        for kind, start, length in sorted(parts, key=lambda part: part[1])
    )
    given_regions = Regions.of(regions, index, len(text)) if as_arrays else regions
    stretches = source_stretches(given_regions)
    sources = [r.span for r in regions if r.kind in ("references", "footnote", "notes")]
    for position in range(len(text)):
        covered = stretches.containing(position) is not None
        assert covered == any(span.start <= position < span.end for span in sources)


# --------------------------------------------------------------------------- end to end


@pytest.fixture(scope="module")
def parse():  # type: ignore[no-untyped-def]
    document = pytest.importorskip("provenance.document")
    return document.parse_document


DATE_RULES: dict[str, RuleFunction] = {
    "impossible-date": impossible_date,
    "weekday-mismatch": weekday_mismatch,
    "accessed-before-published": accessed_before_published,
    "date-after-document": date_after_document,
    "index-code-year-mismatch": index_code_year_mismatch,
    "citation-date-mismatch": citation_date_mismatch,
    "reversed-date-range": reversed_date_range,
    "document-code-conflict": document_code_conflict,
}


def all_findings(doc: Document) -> list[tuple[str, int]]:
    return sorted(
        (rule_id, emit.span.line)
        for rule_id, function in DATE_RULES.items()
        for emit in function(doc)
    )


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_seeds(parse, path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = parse(path.read_text(encoding="utf-8"), str(path))
    expected = [("weekday-mismatch", 68)] if path.name.startswith("003_") else []
    assert all_findings(doc) == expected


@pytest.mark.parametrize(
    ("written", "wrong"),
    [
        ("5 March 2018 (Tuesday)", True),
        ("5 March 2018 (Monday)", False),
        ("Tuesday the 5th of March 2018", True),
        ("Monday, the 5th of March 2018", False),
        ("Sunday (5 March 2018)", True),
        ("Monday (5 March 2018)", False),
        ("Sunday 5 to Wednesday 7 March 2018", True),
        ("Monday 5 to Wednesday 7 March 2018", False),
        ("5 March 2018, a Sunday,", True),
        ("5 March 2018, a Monday,", False),
    ],
)
def test_weekday_after_the_date_or_before_the_day_is_checked(  # type: ignore[no-untyped-def]
    parse, written: str, wrong: bool
) -> None:
    text = f"Arrests\n\nThe two journalists were detained on {written} in the capital.\n"
    assert texts(weekday_mismatch, parse(text, "t.txt")) == ([written.rstrip(",")] if wrong else [])


def test_seed_weekday_message(parse) -> None:  # type: ignore[no-untyped-def]
    path = SEEDS / "003_1657d4287ccc633e.txt"
    doc = parse(path.read_text(encoding="utf-8"), str(path))
    (emit,) = weekday_mismatch(doc)
    assert doc.text[emit.span.start : emit.span.end].startswith("Thursday, May 29")
    # The year comes from the context; 29 May fits no year nearby (2002 was a Wednesday).
    assert "Thursday" in emit.message and "context" in emit.message and "2002" in emit.message


def test_digits_in_codes_and_symbols_are_never_dates(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "North Korea: Refugees in Russia\n\n"
        "AI Index: ASA 24/06/96\n\n"
        "September 1996\n\n"
        "See ASA 24/31/96, EUR 46/29/95 and E/CN.4/1996/31, and IRB code KKT31029.E.\n"
    )
    doc = parse(text)
    for mention in doc.dates:
        for code in doc.index_codes:
            assert not (code.span.start < mention.span.end and mention.span.start < code.span.end)
    assert all_findings(doc) == []


def _corpus() -> list[tuple[str, str, list[tuple[str, int]]]]:
    manifest = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))
    return [
        (name, entry["rule"], [(rule, line) for rule, line in entry["findings"]])
        for name, entry in manifest.items()
    ]


@pytest.mark.parametrize(("name", "rule_id", "expected"), _corpus())
def test_corpus(parse, name: str, rule_id: str, expected: list[tuple[str, int]]) -> None:  # type: ignore[no-untyped-def]
    path = CORPUS / name
    doc = parse(path.read_text(encoding="utf-8"), str(path))
    assert all_findings(doc) == sorted(expected)
    assert (not expected) == name.endswith(".good.txt")
    assert all(rule == rule_id for rule, _line in expected)


def test_corpus_files_are_all_listed() -> None:
    assert {name for name, _r, _e in _corpus()} == {p.name for p in CORPUS.glob("*.txt")}


@pytest.mark.skipif(not PRACTICE.is_dir(), reason="practice files not available")
def test_practice_files_have_no_date_errors(parse) -> None:  # type: ignore[no-untyped-def]
    found = {}
    for path in sorted(PRACTICE.glob("*.txt")):
        doc = parse(path.read_text(encoding="utf-8"), str(path))
        findings = all_findings(doc)
        if findings:
            found[path.name] = findings
    assert found == {}


_DATES = st.builds(
    Date,
    st.one_of(st.none(), st.integers(1, 9999)),
    st.one_of(st.none(), st.integers(0, 14)),
    st.one_of(st.none(), st.integers(0, 40)),
    st.one_of(st.none(), st.integers(0, 6)),
)
_VALUES = st.one_of(_DATES, st.builds(DateRange, _DATES, _DATES))


@settings(max_examples=150)
@given(st.lists(st.tuples(_VALUES, st.booleans()), max_size=6), st.one_of(st.none(), _VALUES))
def test_date_rules_never_raise(
    values: list[tuple[Date | DateRange, bool]], own: Date | None
) -> None:
    text = "Title\n\n" + " ".join(f"D{i}" for i in range(len(values))) + " OWN\n"
    b = DocBuilder(text)
    for i, (value, inferred) in enumerate(values):
        b.date(f"D{i}", value, inferred=inferred)
        b.reference(
            f"D{i}",
            ReferenceEntry(author="X", date=value, accessed=own if isinstance(own, Date) else None),
        )
        b.citation(f"D{i}", CitationValue("X", value))
    if own is not None:
        b.document_date("OWN", own)
    doc = b.build()
    for function in DATE_RULES.values():
        for emit in function(doc):
            assert 0 <= emit.span.start <= emit.span.end <= len(text)
            assert emit.message.strip()


# --------------------------------------------------------------------------- helpers, directly


def test_human_writes_dates_as_a_reader_does() -> None:
    from provenance.model import Date, DateRange

    assert human(Date(2002, 1, 29)) == "29 January 2002"
    assert human(Date(2002, 12)) == "December 2002"
    assert human(Date(2002, 13, 1)) == "1 month 13 2002"
    assert human(Date(None)) == "an unknown date"
    assert human(DateRange(Date(1999), Date(2000))) == "1999 to 2000"


def test_impossible_message_says_what_is_wrong() -> None:
    from provenance.model import Date, DateMention
    from provenance.rules.dates import _impossible_message
    from provenance.span import LineIndex

    def message(date: Date, text: str, inferred: bool = False) -> str:
        span = LineIndex(text).span(0, len(text))
        return _impossible_message(date, DateMention(date, text, span, inferred))

    assert (
        message(Date(2002, 13, 1), "1.13.2002") == "'1.13.2002' is not a date: there is no month 13"
    )
    assert message(Date(2002, 0, 1), "1.0.2002") == "'1.0.2002' is not a date: there is no month 0"
    assert (
        message(Date(2002, 1, 32), "32 January")
        == "'32 January' is not a date: January has 31 days"
    )
    assert message(Date(2002, 12, 32), "32 Dec") == "'32 Dec' is not a date: December has 31 days"
    assert message(Date(2001, 2, 29), "29 February 2001") == (
        "'29 February 2001' is not a date: 2001 is not a leap year, so February has 28 days"
    )
    assert message(Date(2001, 2, 29), "29 February", inferred=True) == (
        "'29 February' is not a date: 2001 is not a leap year, so February has 28 days (the "
        "year is not written there; it was taken from the context)"
    )
    assert message(Date(2001, 2, 30), "30 February 2001") == (
        "'30 February 2001' is not a date: February has 28 days"
    )
    # Without a year, February may have its leap day.
    assert message(Date(None, 2, 30), "30 February") == (
        "'30 February' is not a date: February has 29 days"
    )
    assert message(Date(2001, 4, 31), "31 April") == "'31 April' is not a date: April has 30 days"


def test_code_year_is_never_a_resolution_number() -> None:
    from provenance.model import AmnestyIndex, IrbCode, UnSymbol
    from provenance.rules.dates import _code_year

    assert _code_year(AmnestyIndex("ASA", "24", "012", 1995)) == 1995
    assert _code_year(UnSymbol(("E", "CN.4", "1946", "7"))) == 1946
    assert _code_year(UnSymbol(("E", "CN.4", "1945", "7"))) is None
    assert _code_year(UnSymbol(("A", "HRC", "2100", "1"))) == 2100
    assert _code_year(UnSymbol(("A", "HRC", "2101", "1"))) is None
    assert _code_year(UnSymbol(("S", "RES", "2012", "2004", "1"))) == 2004
    assert _code_year(UnSymbol(("2003", "A", "1"))) == 2003
    assert _code_year(UnSymbol(("S", "RES", "2012"))) is None
    assert _code_year(UnSymbol(("RES", "2012"))) is None
    assert _code_year(IrbCode("KKT", "34458", "E")) is None


def test_same_code_whatever_zeros_case_and_language() -> None:
    from provenance.model import AmnestyIndex, IrbCode, UnSymbol
    from provenance.rules.dates import _same_code

    assert _same_code(AmnestyIndex("asa", "24", "012", 1995), AmnestyIndex("ASA", "24", "12", 1995))
    assert not _same_code(
        AmnestyIndex("ASA", "24", "12", 1995), AmnestyIndex("ASA", "24", "12", 1996)
    )
    assert _same_code(IrbCode("kkt", "34458", "E"), IrbCode("KKT", "34458", None))
    assert _same_code(IrbCode("KKT", "34458", None), IrbCode("KKT", "34458", "F"))
    assert not _same_code(IrbCode("KKT", "34458", "E"), IrbCode("KKT", "34458", "F"))
    assert not _same_code(IrbCode("KKT", "34458", "E"), IrbCode("KKT", "34459", "E"))
    assert not _same_code(IrbCode("KKT", "34458", "E"), IrbCode("CHN", "34458", "E"))
    assert _same_code(UnSymbol(("e", "cn.4", "2004")), UnSymbol(("E", "CN.4", "2004")))
    assert not _same_code(UnSymbol(("E", "CN.4", "2004")), IrbCode("CN", "2004", None))


def test_overlap_and_distance_of_dates() -> None:
    from provenance.model import Date, DateRange
    from provenance.rules.dates import _distance, _ordinal, _overlap

    assert _overlap(Date(1999, 2), Date(1999, 2, 3))
    assert _overlap(DateRange(Date(1999, 1), Date(1999, 3)), Date(1999, 3, 31))
    assert _overlap(Date(1999, 3, 31), DateRange(Date(1999, 3, 31), Date(1999, 4)))
    assert not _overlap(Date(1999, 3), Date(1999, 4, 1))
    assert not _overlap(Date(None), Date(1999))
    assert _ordinal((2000, 2, 3)) == 2000 * 372 + 2 * 31 + 3
    assert _distance(Date(2000, 5, 3), Date(2000, 5, 1)) == 2
    assert _distance(Date(2000, 5, 1), Date(2000, 5, 3)) == 2
    assert _distance(Date(2000, 6, 1), Date(2000, 5, 1)) == 31
    assert _distance(Date(2001, 5, 1), Date(2000, 5, 1)) == 372
    assert _distance(Date(None), Date(2000)) == 10**9
    assert _distance(Date(2000), Date(None)) == 10**9
    assert _distance(Date(2000), Date(1999)) < _distance(Date(None), Date(1999))


def test_new_year_wrap_needs_one_written_year() -> None:
    from provenance.model import Date, DateMention, DateRange
    from provenance.rules.dates import _new_year_wrap
    from provenance.span import LineIndex

    def wraps(value: DateRange, text: str) -> bool:
        return _new_year_wrap(value, DateMention(value, text, LineIndex(text).span(0, len(text))))

    december = DateRange(Date(2002, 12, 28), Date(2002, 1, 3))
    assert wraps(december, "28 December-3 January 2002")
    assert not wraps(december, "28 December 2002-3 January 2002")
    assert not wraps(DateRange(Date(2002, None), Date(2002, 1)), "2002-January 2002")
    assert not wraps(DateRange(Date(2002, 12), Date(2002, None)), "December 2002-2002")
    assert not wraps(DateRange(Date(2003, 12, 28), Date(2002, 1, 3)), "28 December-3 January")


def test_a_joint_symbol_gives_the_document_both_its_codes() -> None:
    # One report to the General Assembly and the Security Council: the running heads give both.
    head = "A/79/947\nS/2025/372\n\n"
    pages = "".join(f"{head}Text of page {n}.\n\n" for n in range(2, 6))
    doc = provenance.parse("A/79/947-S/2025/372\n\nReport of the Secretary-General\n\n" + pages)
    assert list(document_code_conflict(doc)) == []
    other = provenance.parse("A/79/947\n\nReport of the Secretary-General\n\n" + pages)
    assert [e.span.line for e in document_code_conflict(other)][:1] == [6]


@attrs.frozen
class _Spanned:
    span: Span


@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=30),
    st.lists(st.tuples(st.integers(0, 70), st.integers(0, 20)), min_size=1, max_size=10),
)
def test_mentions_inside_a_span_by_bisection_are_those_a_scan_finds(
    mentions: list[tuple[int, int]], spans: list[tuple[int, int]]
) -> None:
    # In any order, as a Document built by hand may hold them; several at one start.
    index = LineIndex("x" * 100)
    held = [_Spanned(index.span(start, start + length)) for start, length in mentions]
    inside = _Inside(held)
    for start, length in spans:
        span = index.span(start, start + length)
        scanned = [m for m in held if span.start <= m.span.start and m.span.end <= span.end]
        assert list(inside(span)) == scanned


def test_the_walk_back_from_a_dates_position_finds_what_the_whole_walk_finds() -> None:
    text = (
        "The raid was on 3 May 2001. Police returned on 9 June 2000 and again on Monday,"
        " 12 June. They came back on 1 July 1999 and on Tuesday, 5 July.\n"
    )
    doc = provenance.parse(text)
    inferred = [(at, m) for at, m in enumerate(doc.dates) if m.inferred_year]
    assert inferred
    for at, mention in inferred:
        for year in (1999, 2000, 2001):
            assert _inferred_from(doc, mention, year, at) == _inferred_from(doc, mention, year)


def test_running_heads_that_stack_two_symbols_give_an_excerpt_both_its_codes() -> None:
    # Pages of a joint report without its first page: every running head gives both symbols,
    # one under the other, and the text never gives its own code alone (A/79/797-S/2025/109).
    head = "A/79/797\nS/2025/109\n\n"
    pages = "".join(f"{head}Text of page {n}.\n\n" for n in range(4, 8))
    assert list(document_code_conflict(provenance.parse(pages))) == []

"""Source rules on hand-built documents, then end to end on the hand-written corpus and seeds."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.findings import Finding
from provenance.model import Date, Document
from provenance.rules import sources as sources_module
from provenance.rules.registry import Emit
from provenance.rules.sources import (
    broken_cross_reference,
    citation_without_reference,
    citations_not_linked,
    cited_only_as_attachment,
    cited_only_as_consulted,
    duplicate_reference,
    footnote_numbering,
    footnote_without_body,
    footnote_without_marker,
    ibid_without_antecedent,
    malformed_url,
    missing_access_date,
    note_calls_not_found,
    notes_not_found,
    parts_not_included,
    reference_never_cited,
    unchecked_cross_reference,
    unreadable_source_list,
)
from provenance.sourcenames import NamedReferences, source_key

from .conftest import DocBuilder

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
CORPUS = ROOT / "tests" / "corpus" / "sources"
PRACTICE = ROOT.parent / "shared" / "practice"

RuleFunction = Callable[[Document], Iterable[Emit]]


def flagged(function: RuleFunction, doc: Document) -> list[str]:
    """The text at each emitted span, in emission order."""
    return [doc.text[e.span.start : e.span.end] for e in function(doc)]


def messages(function: RuleFunction, doc: Document) -> list[str]:
    return [e.message for e in function(doc)]


# --------------------------------------------------------------------------- helpers


# --------------------------------------------------------------------------- citations

IRB = """\
Treatment of journalists [ABC12345.E]

Journalists were detained for several days (The Korea Post Feb. 1999). Two were later charged
(Yonhap 3 March 1999). One was released on bail (ibid.).

The Ministry confirmed the arrests in a statement (27 July 1999).

References

The Korea Post [Seoul]. February 1999. "Reporters Held."

Additional Sources Consulted

Amnesty International
"""


def irb_doc(*, yonhap_resolves: bool = False, with_list: bool = True) -> DocBuilder:
    b = DocBuilder(IRB)
    post = None
    if with_list:
        post = b.reference(
            'The Korea Post [Seoul]. February 1999. "Reporters Held."',
            author="The Korea Post",
            date=Date(1999, 2),
            title="Reporters Held.",
        )
        b.reference("Amnesty International", "additional-sources", author="Amnesty International")
    b.citation(
        "(The Korea Post Feb. 1999)", author="The Korea Post", date=Date(1999, 2), reference=post
    )
    yonhap = b.citation(
        "(Yonhap 3 March 1999)",
        author="Yonhap",
        date=Date(1999, 3, 3),
        reference=post if yonhap_resolves else None,
    )
    b.citation("(ibid.)", ibid=True, reference=yonhap.reference, resolved_author="Yonhap")
    b.citation("(27 July 1999)", date=Date(1999, 7, 27))
    return b


def test_citation_without_reference_flags_unresolved_author_date_and_date_only() -> None:
    doc = irb_doc().build()
    assert flagged(citation_without_reference, doc) == ["(Yonhap 3 March 1999)", "(27 July 1999)"]
    assert messages(citation_without_reference, doc)[0] == (
        'citation "(Yonhap 3 March 1999)" matches no entry in the reference list'
    )


def test_citation_without_reference_names_the_source_a_date_was_tied_to() -> None:
    b = irb_doc()
    b.citations[-1] = attrs.evolve(b.citations[-1], resolved_author="The Ministry")
    assert messages(citation_without_reference, b.build())[-1] == (
        'citation "(27 July 1999)" (a date of The Ministry, as its sentence says) matches no '
        "entry in the reference list"
    )


def test_a_date_in_brackets_tied_to_no_source_is_no_citation_and_no_finding() -> None:
    import provenance

    text = (
        "Treatment of journalists [ABC12345.E]\n\n"
        "The clashes resumed (Aug. 2009) and again (4 December 2011). Journalists were "
        "detained (The Korea Post Feb. 1999).\n\n"
        "References\n\n"
        'The Korea Post [Seoul]. February 1999. "Reporters Held."\n'
    )
    doc = provenance.parse(text)
    assert [c.text for c in doc.citations] == ["The Korea Post Feb. 1999"]
    assert [f.rule for f in provenance.check(doc) if f.rule.startswith("citation")] == []


def test_citation_without_reference_leaves_ibid_alone() -> None:
    # The ibid inherits the unresolved antecedent; reporting it too would say the same twice.
    doc = irb_doc().build()
    assert "(ibid.)" not in flagged(citation_without_reference, doc)


def test_citation_without_reference_silent_when_resolved() -> None:
    b = irb_doc(yonhap_resolves=True)
    b.citations[-1] = attrs.evolve(b.citations[-1], reference=0)
    assert flagged(citation_without_reference, b.build()) == []


def test_without_a_list_citations_are_one_unreadable_source_list_not_errors() -> None:
    b = irb_doc(with_list=False)
    # The copy lost its whole source list, not only the heading.
    cut = IRB.index("References")
    b.text = IRB[:cut]
    doc = b.build()
    assert flagged(citation_without_reference, doc) == []
    assert flagged(unreadable_source_list, doc) == ["(The Korea Post Feb. 1999)"]
    assert messages(unreadable_source_list, doc)[0].startswith("2 citations name sources")


UNHEADED = """\
According to The Sri Lanka Monitor, members sided with the military (The Sri
Lanka Monitor November 1990).
The Hindu issue of 15 December 1990 reports the opposite (The Hindu 15 December 1990).
Others disagree (Lanka Guardian 1 January 1991).
The Sri Lanka Monitor. British
Refugee Council. November 1990. "Waiting in the Shadows".
The Hindu. 15 December 1990.
"""


def test_a_list_that_lost_its_heading_is_matched_against() -> None:
    import provenance

    doc = provenance.parse(UNHEADED)
    assert [r.section for r in doc.references] == ["source-list", "source-list"]
    # The parser's citation span is the inside of the brackets. The list writes "Lanka": its
    # entry may be there unread, a warning; of "Island" it writes no word, an error.
    assert flagged(citation_without_reference, doc) == []
    assert flagged(citations_not_linked, doc) == ["Lanka Guardian 1 January 1991"]
    island = provenance.parse(UNHEADED.replace("(Lanka Guardian", "(The Island"))
    assert flagged(citation_without_reference, island) == ["The Island 1 January 1991"]
    assert flagged(unreadable_source_list, doc) == []


def test_citation_without_reference_leaves_consulted_sources_to_their_rule() -> None:
    b = DocBuilder(IRB.replace("(Yonhap 3 March 1999)", "(Amnesty International 3 March 1999)"))
    b.reference("Amnesty International", "additional-sources", author="Amnesty International")
    b.reference('The Korea Post [Seoul]. February 1999. "Reporters Held."', author="The Korea Post")
    b.citation(
        "(Amnesty International 3 March 1999)",
        author="Amnesty International",
        date=Date(1999, 3, 3),
    )
    doc = b.build()
    assert flagged(citation_without_reference, doc) == []
    assert flagged(cited_only_as_consulted, doc) == ["(Amnesty International 3 March 1999)"]


def test_ibid_without_antecedent() -> None:
    text = "Arrests (ibid.). Releases (The Korea Post Feb. 1999). More (ibid.).\n"
    b = DocBuilder(text)
    b.citation("(ibid.)", ibid=True)
    b.citation("(The Korea Post Feb. 1999)", author="The Korea Post", date=Date(1999, 2))
    b.citation("(ibid.)", ibid=True, after=20)
    doc = b.build()
    emits = list(ibid_without_antecedent(doc))
    assert [e.span.start for e in emits] == [text.index("(ibid.)")]
    assert emits[0].message == '"(ibid.)" repeats the previous citation, but none comes before it'


def test_ibid_with_antecedent_is_silent() -> None:
    doc = irb_doc().build()
    assert flagged(ibid_without_antecedent, doc) == []


def test_ibid_twice_at_start_both_reported() -> None:
    text = "Arrests (ibid.). Releases (Ibid.).\n"
    b = DocBuilder(text)
    b.citation("(ibid.)", ibid=True)
    b.citation("(Ibid.)", ibid=True)
    assert flagged(ibid_without_antecedent, b.build()) == ["(ibid.)", "(Ibid.)"]


def test_cited_only_as_consulted_when_resolved_to_consulted_entry() -> None:
    b = DocBuilder(IRB.replace("(Yonhap 3 March 1999)", "(Amnesty International 1999)"))
    consulted = b.reference(
        "Amnesty International", "additional-sources", author="Amnesty International"
    )
    b.citation(
        "(Amnesty International 1999)",
        author="Amnesty International",
        date=Date(1999),
        reference=consulted,
    )
    b.citation("(ibid.)", ibid=True, reference=consulted)
    doc = b.build()
    emits = list(cited_only_as_consulted(doc))
    assert [doc.text[e.span.start : e.span.end] for e in emits] == ["(Amnesty International 1999)"]
    assert emits[0].related[0].span == doc.references[consulted].span
    assert flagged(citation_without_reference, doc) == []


def test_cited_only_as_consulted_not_when_also_in_references() -> None:
    # Listed under References too (with another date): the date is what is wrong, not the list.
    b = DocBuilder(IRB)
    b.reference(
        'The Korea Post [Seoul]. February 1999. "Reporters Held."',
        author="The Korea Post",
        date=Date(1999, 2),
    )
    b.reference("Amnesty International", "additional-sources", author="The Korea Post")
    b.citation("(Yonhap 3 March 1999)", author="Yonhap", date=Date(1999, 3, 3))
    b.citation("(The Korea Post Feb. 1999)", author="The Korea Post", date=Date(1998, 2))
    doc = b.build()
    assert flagged(cited_only_as_consulted, doc) == []
    assert flagged(citation_without_reference, doc) == [
        "(The Korea Post Feb. 1999)",
        "(Yonhap 3 March 1999)",
    ]


CITED_ATTACHED = """\
Protection of police officers [DZA18834.E]

Employees were relocated to Algiers (The Herald 10 Jan. 1994). Guards control access (ibid.).

References

Yonhap [Seoul]. 3 March 1999. "Returnees Questioned."

Attachments

The Herald [Glasgow]. 10 January 1994. "Europe Is Accused of Inaction."
"""


def _attached_doc(*, with_references: bool) -> DocBuilder:
    b = DocBuilder(CITED_ATTACHED)
    if with_references:
        b.reference('Yonhap [Seoul]. 3 March 1999. "Returnees Questioned."', author="Yonhap")
    herald = b.reference(
        'The Herald [Glasgow]. 10 January 1994. "Europe Is Accused of Inaction."',
        "attachment",
        author="The Herald",
        date=Date(1994, 1, 10),
    )
    b.citation(
        "(The Herald 10 Jan. 1994)", author="The Herald", date=Date(1994, 1, 10), reference=herald
    )
    b.citation("(ibid.)", ibid=True, reference=herald, resolved_author="The Herald")
    return b


def test_cited_only_as_attachment_when_references_lack_the_attached_source() -> None:
    doc = _attached_doc(with_references=True).build()
    emits = list(cited_only_as_attachment(doc))
    # Once, at the citation: the ibid. after it repeats it.
    assert [doc.text[e.span.start : e.span.end] for e in emits] == ["(The Herald 10 Jan. 1994)"]
    assert emits[0].related[0].span == doc.references[1].span
    assert flagged(citation_without_reference, doc) == []


def test_cited_only_as_attachment_not_when_the_attachments_are_the_only_list() -> None:
    doc = _attached_doc(with_references=False).build()
    assert flagged(cited_only_as_attachment, doc) == []


def test_cited_only_as_attachment_not_when_also_in_references() -> None:
    b = DocBuilder(CITED_ATTACHED)
    listed = b.reference(
        'Yonhap [Seoul]. 3 March 1999. "Returnees Questioned."', author="The Herald"
    )
    b.reference(
        'The Herald [Glasgow]. 10 January 1994. "Europe Is Accused of Inaction."',
        "attachment",
        author="The Herald",
    )
    b.citation("(The Herald 10 Jan. 1994)", author="The Herald", reference=listed)
    assert flagged(cited_only_as_attachment, b.build()) == []


# --------------------------------------------------------------------------- footnotes

AMNESTY = """\
Russian Federation: North Korean workers

Some workers remained.<sup>1</sup> Many left.<sup>2</sup> Others stayed.<sup>3</sup>

Conditions were harsh.<sup>4</sup> See above.<sup>1</sup>

<sup>1</sup> Interview with a former logger, Seoul, March 1996.

<sup>2</sup> Interview with a refugee, Moscow, May 1996.

<sup>3</sup> AI Index: ASA 24/12/95.

<sup>4</sup> Letter to Amnesty International, June 1996.
"""

BODIES = {
    1: "Interview with a former logger, Seoul, March 1996.",
    2: "Interview with a refugee, Moscow, May 1996.",
    3: "AI Index: ASA 24/12/95.",
    4: "Letter to Amnesty International, June 1996.",
}


def amnesty(
    markers: Iterable[int] = (1, 2, 3, 4),
    bodies: Iterable[int] = (1, 2, 3, 4),
    text: str = AMNESTY,
) -> DocBuilder:
    b = DocBuilder(text)
    for number in markers:
        b.marker(number)
    for number in bodies:
        b.body(number, BODIES[number])
    return b


def test_clean_notes_give_no_findings() -> None:
    b = amnesty()
    b.marker(1, after=AMNESTY.index("See above"))
    doc = b.build()
    for function in (footnote_without_body, footnote_without_marker, footnote_numbering):
        assert flagged(function, doc) == [], function.__name__


def test_footnote_without_body_points_at_first_marker() -> None:
    b = amnesty(bodies=(1, 3, 4))
    b.marker(2, "<sup>2</sup>", after=AMNESTY.index("<sup>4</sup>"))
    doc = b.build()
    emits = list(footnote_without_body(doc))
    assert len(emits) == 1
    assert emits[0].span.start == AMNESTY.index("<sup>2</sup>")
    assert emits[0].span.line == 3
    assert emits[0].message == "note 2 is called here, but the note is missing"
    # The marker placed on the body line is a second call of note 2.
    assert [r.span.line for r in emits[0].related] == [9]


def test_no_note_text_at_all_is_one_notes_not_found_not_errors() -> None:
    doc = amnesty(bodies=()).build()
    assert list(footnote_without_body(doc)) == []
    emits = list(notes_not_found(doc))
    assert len(emits) == 1
    assert emits[0].span.start == AMNESTY.index("<sup>1</sup>")
    assert "notes 1-4 are called" in emits[0].message


def test_an_excerpts_notes_read_in_full_are_not_notes_not_found() -> None:
    # Notes 5 and 6 of a chapter, both read: the notes before them were never in the text.
    text = AMNESTY.replace("<sup>1</sup>", "<sup>5</sup>", 1).replace(
        "<sup>2</sup>", "<sup>6</sup>", 1
    )
    b = DocBuilder(text)
    b.marker(5)
    b.marker(6)
    b.body(5, BODIES[1])
    b.body(6, BODIES[2])
    doc = b.build()
    assert list(notes_not_found(doc)) == []
    # Notes 5 to 9 called with only two texts read are still too few read to name one by one.
    for number, needle in ((7, "<sup>3</sup>"), (8, "<sup>4</sup>"), (9, "<sup>1</sup>")):
        b.marker(number, needle)
    emits = list(notes_not_found(b.build()))
    assert len(emits) == 1 and "notes 5-9 are called" in emits[0].message


def test_footnote_without_marker_points_at_body() -> None:
    doc = amnesty(markers=(1, 2, 4)).build()
    emits = list(footnote_without_marker(doc))
    assert [doc.text[e.span.start : e.span.end] for e in emits] == [BODIES[3]]
    assert emits[0].message == "note 3 is never called in the text"
    assert emits[0].excerpt == BODIES[3]


def test_notes_called_nowhere_are_one_note_calls_not_found_not_errors() -> None:
    doc = amnesty(markers=()).build()
    assert list(footnote_without_marker(doc)) == []
    emits = list(note_calls_not_found(doc))
    assert len(emits) == 1
    assert "notes 1-4" in emits[0].message and "none of them" in emits[0].message


def test_numbering_gap_missing_on_both_sides() -> None:
    # Notes 1, 2 and 4 exist; 3 is neither called nor written: a gap, reported once.
    doc = amnesty(markers=(1, 2, 4), bodies=(1, 2, 4)).build()
    emits = list(footnote_numbering(doc))
    assert len(emits) == 1
    assert emits[0].span.start == AMNESTY.index("<sup>4</sup>")
    assert emits[0].message == (
        "note numbering jumps from 2 to 4: note 3 is missing from the document"
    )
    assert emits[0].related[0].span.start == AMNESTY.index("<sup>2</sup>")
    # Nothing else speaks of note 3.
    assert flagged(footnote_without_body, doc) == []
    assert flagged(footnote_without_marker, doc) == []


def test_numbering_gap_of_several() -> None:
    text = "A.[1] B.[2] C.[6]\n\n[1] One.\n\n[2] Two.\n\n[6] Six.\n"
    b = DocBuilder(text)
    for number, needle in ((1, "[1]"), (2, "[2]"), (6, "[6]")):
        b.marker(number, needle, style="bracket")
        b.body(number, {1: "One.", 2: "Two.", 6: "Six."}[number])
    assert messages(footnote_numbering, b.build()) == [
        "note numbering jumps from 2 to 6: notes 3-5 are missing from the document"
    ]


def test_numbering_only_called_or_only_written_is_not_a_gap() -> None:
    # 3 is called but has no text: footnote-without-body says so, numbering stays silent.
    doc = amnesty(bodies=(1, 2, 4)).build()
    assert flagged(footnote_numbering, doc) == []
    assert flagged(footnote_without_body, doc) == ["<sup>3</sup>"]


def test_repeated_body_is_reported_once_by_numbering_only() -> None:
    text = AMNESTY.replace("<sup>3</sup> AI Index", "<sup>2</sup> AI Index")
    b = DocBuilder(text)
    for number in (1, 2, 4):
        b.marker(number)
    b.marker(3)  # the call of note 3 remains in the prose
    for number in (1, 2, 4):
        b.body(number, BODIES[number])
    b.body(2, BODIES[3])
    doc = b.build()
    emits = list(footnote_numbering(doc))
    assert [doc.text[e.span.start : e.span.end] for e in emits] == [BODIES[3]]
    assert emits[0].message == "a second note 2: two note texts carry the same number"
    assert emits[0].related[0].span.start == text.index(BODIES[2])
    # The second body has no call of its own, but that is the same problem: not reported twice.
    assert flagged(footnote_without_marker, doc) == []
    assert flagged(footnote_without_body, doc) == ["<sup>3</sup>"]


def test_numbering_restarting_at_one_is_not_a_repeat() -> None:
    text = (
        "Chapter one.[1] More.[2]\n\n[1] One.\n\n[2] Two.\n\n"
        "Chapter two.[1] More.[2]\n\n[1] Uno.\n\n[2] Dos.\n"
    )
    b = DocBuilder(text)
    second = text.index("Chapter two")
    for number in (1, 2):
        b.marker(number, f"[{number}]", style="bracket")
        b.marker(number, f"[{number}]", style="bracket", after=second)
    b.body(1, "One.")
    b.body(2, "Two.")
    b.body(1, "Uno.")
    b.body(2, "Dos.")
    assert flagged(footnote_numbering, b.build()) == []


def test_markers_out_of_order_first_occurrence_only() -> None:
    text = "A.[1] B.[3] C.[2] D.[4] E.[1]\n\n[1] a\n\n[2] b\n\n[3] c\n\n[4] d\n"
    b = DocBuilder(text)
    for number in (1, 3, 2, 4):
        b.marker(number, f"[{number}]", style="bracket")
    b.marker(1, "[1]", style="bracket", after=text.index("E."))  # reuse later: normal
    for number, letter in zip((1, 2, 3, 4), "abcd", strict=True):
        b.body(number, letter, after=text.index(f"[{number}] "))
    emits = list(footnote_numbering(b.build()))
    assert len(emits) == 1
    assert emits[0].message.startswith(("note 3 is first called before note 2", "note 2 is first"))
    assert "in the order they are called" in emits[0].message


def test_one_misplaced_marker_is_the_one_reported() -> None:
    # Note 5 is first called after 6-9; only 5 is out of order, not 6.
    order = [1, 2, 3, 4, 6, 7, 8, 9, 5]
    text = (
        " ".join(f"S{n}.[{n}]" for n in order)
        + "\n\n"
        + "\n\n".join(f"[{n}] note {n}" for n in range(1, 10))
        + "\n"
    )
    b = DocBuilder(text)
    for n in order:
        b.marker(n, f"[{n}]", style="bracket")
    for n in range(1, 10):
        b.body(n, f"note {n}", after=text.index(f"[{n}] note"))
    doc = b.build()
    emits = list(footnote_numbering(doc))
    assert [e.message.split(":")[0] for e in emits] == ["note 5 is first called after note 9"]
    assert doc.text[emits[0].span.start : emits[0].span.end] == "[5]"


def plain_digits(called: Iterable[int], written: Iterable[int], count: int = 10) -> Document:
    """A report whose note calls lost their superscripts ("Statement 3.3"): ``count`` notes,
    the ``called`` ones read in the text and the ``written`` ones at the end."""
    text = (
        " ".join(f"Statement {n}.{n}" for n in range(1, count + 1))
        + "\n\n"
        + "\n".join(f"{n} Source number {n}." for n in range(1, count + 1))
        + "\n"
    )
    b = DocBuilder(text)
    for n in called:
        b.marker(n, f".{n}", style="glued", after=text.index(f"Statement {n}.") + 9)
    for n in written:
        b.body(n, f"Source number {n}.")
    return b.build()


ALL = range(1, 11)


def test_one_dropped_call_in_well_linked_plain_notes_is_an_error() -> None:
    doc = plain_digits([n for n in ALL if n != 6], ALL)
    assert messages(footnote_without_marker, doc) == ["note 6 is never called in the text"]
    assert messages(note_calls_not_found, doc) == []


def test_one_dropped_text_in_well_linked_plain_notes_is_an_error() -> None:
    doc = plain_digits(ALL, [n for n in ALL if n != 6])
    assert messages(footnote_without_body, doc) == [
        "note 6 is called here, but the note is missing"
    ]
    assert messages(notes_not_found, doc) == []


def test_plain_calls_lost_together_are_one_warning_not_an_error_each() -> None:
    # Calls of notes 3 and 4 were not read (a table, say): the reading lost a stretch.
    doc = plain_digits([n for n in ALL if n not in (3, 4)], ALL)
    assert messages(footnote_without_marker, doc) == []
    assert messages(note_calls_not_found, doc) == [
        "the document has the text of notes 3-4, but their calls could not be found in its "
        "text; 8 of 10 notes (80%) were read with both call and text: the calls are missing "
        "or written in a way not read"
    ]


def test_plain_notes_mostly_unlinked_are_a_warning_each_with_the_share_linked() -> None:
    # Texts of notes 2, 5 and 8 not found, far apart: 7 of 10 linked is too few to trust
    # the reading, so no error a note, and no numbering finding either; but each note is
    # named, at a warning, so a reader sees which notes to check.
    doc = plain_digits(ALL, [n for n in ALL if n not in (2, 5, 8)])
    assert messages(footnote_without_body, doc) == []
    assert messages(footnote_numbering, doc) == []
    emits = list(notes_not_found(doc))
    assert [doc.text[e.span.start : e.span.end] for e in emits] == [".2", ".5", ".8"]
    assert emits[0].message == (
        "note 2 is called in the text, but its text could not be found; 7 of 10 notes (70%) "
        "were read with both call and text: the notes are missing or laid out in a way not read"
    )


def test_a_note_lost_beside_doubtful_ones_is_one_more_warning() -> None:
    # Calls of notes 2 and 8 were not read: 8 of 10 notes linked, plain digits. Losing the
    # call of note 5 as well puts the reading in doubt, which must not hide which calls are
    # missing: three warnings, not one summary that a fourth loss would leave unchanged.
    two = plain_digits([n for n in ALL if n not in (2, 8)], ALL)
    assert messages(footnote_without_marker, two) == [
        "note 2 is never called in the text",
        "note 8 is never called in the text",
    ]
    three = plain_digits([n for n in ALL if n not in (2, 5, 8)], ALL)
    assert messages(footnote_without_marker, three) == []
    assert [m.split(",")[0] for m in messages(note_calls_not_found, three)] == [
        "the document has the text of note 2",
        "the document has the text of note 5",
        "the document has the text of note 8",
    ]
    four = plain_digits([n for n in ALL if n not in (2, 5, 8, 9)], ALL)
    assert [m.split(",")[0] for m in messages(note_calls_not_found, four)] == [
        "the document has the text of note 2",
        "the document has the text of note 5",
        "the document has the text of notes 8-9",
    ]


def with_possible_call(doc: Document, number: int, needle: str) -> Document:
    """``doc`` where the reading found one figure that may hold note ``number``'s call."""
    start = doc.text.index(needle)
    place = doc.line_index.span(start, start + len(needle))
    notes = tuple(
        attrs.evolve(note, possible_call=place) if note.number == number else note
        for note in doc.footnotes
    )
    return attrs.evolve(doc, footnotes=notes)


def test_a_call_that_may_be_glued_to_a_figure_is_a_warning_pointing_there() -> None:
    # The conversion flattened note 6's call onto a figure ("Convention No. 1896"): the
    # reading cannot tell 189 + 6 from a figure, so no error blames the report.
    plain = plain_digits([n for n in ALL if n != 6], ALL)
    doc = with_possible_call(plain, 6, "6.6")
    assert messages(footnote_without_marker, doc) == []
    emits = list(note_calls_not_found(doc))
    assert [e.message for e in emits] == [
        "the document has the text of note 6, but its call could not be read in its text; "
        "`5.5 Statement 6.6 Statement` at line 1 may hold it, a superscript the conversion "
        "flattened beside a figure: check it by hand"
    ]
    assert [doc.text[r.span.start : r.span.end] for r in emits[0].related] == ["6.6"]


def test_a_possible_call_does_not_excuse_notes_lost_together() -> None:
    doc = with_possible_call(plain_digits([n for n in ALL if n not in (3, 4)], ALL), 3, "3.3")
    assert [m.split(";")[0] for m in messages(note_calls_not_found, doc)] == [
        "the document has the text of notes 3-4, but their calls could not be found in its text"
    ]


def test_marked_calls_missing_together_are_still_errors_each() -> None:
    # <sup> calls are read for what they are: a missing one is missing from the document.
    doc = amnesty(markers=(1, 4)).build()
    assert messages(footnote_without_marker, doc) == [
        "note 2 is never called in the text",
        "note 3 is never called in the text",
    ]
    assert messages(note_calls_not_found, doc) == []


# --------------------------------------------------------------------------- cross-references


def test_broken_cross_reference() -> None:
    text = "1. Introduction\n\nSee Section 3 and Section 2.\n\n2. Sites\n\nText.\n"
    b = DocBuilder(text)
    b.heading("1. Introduction", "1")
    target = b.heading("2. Sites", "2")
    b.cross_reference("Section 3", "section", "3")
    b.cross_reference("Section 2", "section", "2", target=target)
    doc = b.build()
    assert flagged(broken_cross_reference, doc) == ["Section 3"]
    assert messages(broken_cross_reference, doc) == [
        '"Section 3" points to section 3, which no heading of the document carries'
    ]


def test_a_pointer_into_a_numbering_not_read_in_full_is_a_warning_once_per_label() -> None:
    text = "1. Introduction\n\nSee Section 2, Section 2 again and Section 5.\n\n3. Sites\n\nText.\n"
    b = DocBuilder(text)
    b.heading("1. Introduction", "1")
    b.heading("3. Sites", "3")
    b.cross_reference("See Section 2", "section", "2", scheme_read=False)
    b.cross_reference("Section 2 again", "section", "2", scheme_read=False)
    b.cross_reference("Section 5", "section", "5", scheme_read=False)
    doc = b.build()
    assert messages(broken_cross_reference, doc) == []
    findings = list(unchecked_cross_reference(doc))
    assert [(f.message.split(",")[0], len(f.related)) for f in findings] == [
        ('"See Section 2" points to section 2', 1),
        ('"Section 5" points to section 5', 0),
    ]
    assert "not read in full" in findings[0].message


def test_a_pointer_to_a_numbered_paragraph_is_not_broken() -> None:
    text = "26. The State has laws.\n\n27. It has courts (see para. 26; para. 40).\n"
    b = DocBuilder(text)
    b.cross_reference("see para. 26", "paragraph", "26", paragraph="26.")
    b.cross_reference("para. 40", "paragraph", "40")
    doc = b.build()
    assert messages(broken_cross_reference, doc) == [
        '"para. 40" points to paragraph 40, which no numbered paragraph of the document carries'
    ]


def test_a_kind_of_part_the_document_never_numbers_is_said_once_not_an_error() -> None:
    # "Chapter 2" in a text with no chapters points into a book it discusses.
    text = "The movement grew, as Chapter 2 explains and Chapter 3 repeats.\n"
    b = DocBuilder(text)
    b.cross_reference("Chapter 2", "chapter", "2", checkable=False)
    b.cross_reference("Chapter 3", "chapter", "3", checkable=False)
    doc = b.build()
    assert messages(broken_cross_reference, doc) == []
    assert messages(parts_not_included, doc) == [
        'the text points to "Chapter 2", "Chapter 3", but this document numbers no chapter: '
        "they point into another work or to parts this copy leaves out, and were not checked"
    ]


# --------------------------------------------------------------------------- list entries


def test_reference_never_cited() -> None:
    text = IRB.replace(
        '"Reporters Held."\n', '"Reporters Held."\n\nHuman Rights Watch. 1999. World Report.\n'
    )
    b = DocBuilder(text)
    post = b.reference(
        'The Korea Post [Seoul]. February 1999. "Reporters Held."', author="The Korea Post"
    )
    b.reference(
        "Human Rights Watch. 1999. World Report.", author="Human Rights Watch", date=Date(1999)
    )
    b.reference("Amnesty International", "additional-sources", author="Amnesty International")
    b.citation("(The Korea Post Feb. 1999)", author="The Korea Post", reference=post)
    doc = b.build()
    emits = list(reference_never_cited(doc))
    assert [doc.text[e.span.start : e.span.end] for e in emits] == [
        "Human Rights Watch. 1999. World Report."
    ]
    assert emits[0].message == (
        'References entry "Human Rights Watch. 1999. World Report." is never cited in the text'
    )


def test_reference_named_in_prose_counts_as_cited() -> None:
    text = IRB.replace("Two were later", "Human Rights Watch says two were later").replace(
        '"Reporters Held."\n', '"Reporters Held."\n\nHuman Rights Watch. 1999. World Report.\n'
    )
    b = DocBuilder(text)
    post = b.reference('The Korea Post [Seoul]. February 1999. "Reporters Held."', author="x")
    b.reference("Human Rights Watch. 1999. World Report.", author="Human Rights Watch")
    b.citation("(The Korea Post Feb. 1999)", author="The Korea Post", reference=post)
    assert flagged(reference_never_cited, b.build()) == []


def test_reference_never_cited_skips_consulted_and_footnote_sections() -> None:
    b = DocBuilder(IRB)
    b.reference("Amnesty International", "additional-sources", author="Nobody Cites Me")
    b.reference('"Reporters Held."', "footnote", author="Unnamed Paper", number=1)
    b.reference('"Reporters Held."', "bibliography", author="Unnamed Paper")
    b.citation("(Yonhap 3 March 1999)", author="Yonhap")
    assert flagged(reference_never_cited, b.build()) == []


def test_reference_never_cited_needs_citations_in_the_document() -> None:
    b = DocBuilder(IRB)
    b.reference('The Korea Post [Seoul]. February 1999. "Reporters Held."', author="Unnamed Paper")
    assert flagged(reference_never_cited, b.build()) == []


ATTACHED = """\
Information on the Tudeh Party [IRN21575.E]

Sources provide little information (Reuters 11 November 1994).{mention}

References

Reuters. 11 November 1994. "Iran Ayatollah Denounces Writers."

Attachment

The Independent [London]. 25 November 1991. "Rights and Wrongs."
"""


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("", ['The Independent [London]. 25 November 1991. "Rights and Wrongs."']),
        (" Please find the attached article.", []),
        (" An article on the party is attached.", []),
        (" See attachment.", []),
    ],
)
def test_attachment_entries_are_accounted_for_when_the_text_mentions_them(
    mention: str, expected: list[str]
) -> None:
    b = DocBuilder(ATTACHED.format(mention=mention))
    reuters = b.reference(
        'Reuters. 11 November 1994. "Iran Ayatollah Denounces Writers."', author="Reuters"
    )
    b.reference(
        'The Independent [London]. 25 November 1991. "Rights and Wrongs."',
        "attachment",
        author="The Independent",
    )
    b.citation("(Reuters 11 November 1994)", author="Reuters", reference=reuters)
    assert flagged(reference_never_cited, b.build()) == expected


DUPLICATES = """\
Report

References

Reuters. 11 November 1994. "Writers Denounced." http://www.reuters.com/a.htm

Reuters. 11 November 1994. "Other story."

REUTERS. 11 November 1994. "Writers denounced" https://reuters.com/a.htm/

Attachment

Reuters. 11 November 1994. "Writers Denounced." http://www.reuters.com/a.htm

Additional Sources Consulted

Reuters. 11 November 1994. "Writers Denounced." http://www.reuters.com/a.htm

Amnesty International

Amnesty International
"""


def test_duplicate_reference() -> None:
    b = DocBuilder(DUPLICATES)
    fields = {
        "author": "Reuters",
        "date": Date(1994, 11, 11),
        "title": "Writers Denounced.",
        "url": "http://www.reuters.com/a.htm",
    }
    first = b.reference(
        'Reuters. 11 November 1994. "Writers Denounced." http://www.reuters.com/a.htm', **fields
    )
    b.reference(
        'Reuters. 11 November 1994. "Other story."',
        author="Reuters",
        date=Date(1994, 11, 11),
        title="Other story.",
    )
    b.reference(
        'REUTERS. 11 November 1994. "Writers denounced" https://reuters.com/a.htm/',
        author="REUTERS",
        date=Date(1994, 11, 11),
        title="Writers denounced",
        url="https://reuters.com/a.htm/",
    )
    attachment = DUPLICATES.index("Attachment")
    consulted = DUPLICATES.index("Additional Sources")
    b.reference(
        'Reuters. 11 November 1994. "Writers Denounced." http://www.reuters.com/a.htm',
        "attachment",
        after=attachment,
        **fields,
    )
    b.reference(
        'Reuters. 11 November 1994. "Writers Denounced." http://www.reuters.com/a.htm',
        "additional-sources",
        after=consulted,
        **fields,
    )
    b.reference("Amnesty International", "additional-sources", author="Amnesty International")
    b.reference(
        "Amnesty International",
        "additional-sources",
        author="Amnesty International",
        after=DUPLICATES.index("Amnesty International") + 5,
    )
    doc = b.build()
    emits = list(duplicate_reference(doc))
    # The copy under Attachment (line 13) is how a response attaches a source it cites, and the
    # one under Additional Sources was consulted besides: only repeats within one list count.
    assert [e.span.line for e in emits] == [9, 21]
    assert emits[0].related[0].span == doc.references[first].span
    assert "in the same list" in emits[0].message
    assert emits[1].related[0].span.line == 19


def test_duplicate_reference_compares_unparsed_entries_by_text() -> None:
    text = "References\n\n??? garbled entry\n\n??? other garbled entry\n"
    b = DocBuilder(text)
    b.reference("??? garbled entry")
    b.reference("??? other garbled entry")
    assert flagged(duplicate_reference, b.build()) == []


def test_malformed_url() -> None:
    text = "See http//www.northkoreanrefugees.com and http://www.example.org.\n"
    b = DocBuilder(text)
    b.url("http//www.northkoreanrefugees.com", problem="missing ':' after 'http'")
    b.url("http://www.example.org")
    doc = b.build()
    assert flagged(malformed_url, doc) == ["http//www.northkoreanrefugees.com"]
    assert messages(malformed_url, doc) == [
        "URL \"http//www.northkoreanrefugees.com\" is malformed: missing ':' after 'http'"
    ]


ACCESS = """\
References

The Korea Post [Seoul]. February 1999. http://www.koreapost.com/a.htm [Accessed 15 May 2000]

KCNA [Pyongyang]. 27 July 1999. http://www.kcna.co.jp/b.htm

Additional Sources Consulted

Amnesty International. http://www.amnesty.org

Notes

1 Article 7 Report, 28 July 2004, http://www.un.org/disarmament.
"""


def test_missing_access_date() -> None:
    b = DocBuilder(ACCESS)
    b.reference(
        "The Korea Post [Seoul]. February 1999. http://www.koreapost.com/a.htm "
        "[Accessed 15 May 2000]",
        url="http://www.koreapost.com/a.htm",
        accessed=Date(2000, 5, 15),
    )
    b.reference(
        "KCNA [Pyongyang]. 27 July 1999. http://www.kcna.co.jp/b.htm",
        url="http://www.kcna.co.jp/b.htm",
    )
    b.url("http://www.kcna.co.jp/b.htm")
    b.reference(
        "Amnesty International. http://www.amnesty.org",
        "additional-sources",
        url="http://www.amnesty.org",
    )
    b.reference(
        "Article 7 Report, 28 July 2004, http://www.un.org/disarmament.",
        "footnote",
        number=1,
        url="http://www.un.org/disarmament",
    )
    doc = b.build()
    emits = list(missing_access_date(doc))
    assert [doc.text[e.span.start : e.span.end] for e in emits] == [
        "http://www.kcna.co.jp/b.htm",
        "Article 7 Report, 28 July 2004, http://www.un.org/disarmament.",
    ]
    assert emits[0].message == (
        'the References entry gives the address "http://www.kcna.co.jp/b.htm" without the date '
        "it was accessed"
    )
    assert emits[1].message.startswith("note 1 gives the address")
    assert emits[1].excerpt == "http://www.un.org/disarmament"


# --------------------------------------------------------------------------- corpus, end to end


def _expected() -> dict[str, dict[str, object]]:
    with (CORPUS / "expected.toml").open("rb") as handle:
        return tomllib.load(handle)


def _corpus_cases() -> list[object]:
    # A case marked "xfail" in expected.toml is a known gap: it must keep failing (strict), so
    # that closing the gap makes the mark go.
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=str(case["xfail"])))
        if "xfail" in case
        else name
        for name, case in sorted(_expected().items())
    ]


@pytest.mark.parametrize("name", _corpus_cases())
def test_corpus(name: str) -> None:
    document = pytest.importorskip("provenance.document")
    from provenance.rules.registry import all_rules

    expected = _expected()[name]
    path = CORPUS / name
    doc = document.parse_document(path.read_text(encoding="utf-8"), str(path))
    found = sorted(
        [finding.rule, finding.span.line]
        for r in all_rules()
        if r.category == "sources"
        for finding in r.run(doc)
    )
    assert found == sorted(expected["findings"])  # type: ignore[arg-type]


def test_corpus_pairs_complete() -> None:
    from provenance.rules.registry import all_rules

    expected = _expected()
    ids = {r.id for r in all_rules() if r.category == "sources"}
    for rule_id in ids:
        bad = [n for n, e in expected.items() if e["rule"] == rule_id and ".bad" in n]
        good = [n for n, e in expected.items() if e["rule"] == rule_id and ".good" in n]
        assert bad and good, rule_id
        for name in bad:
            findings = expected[name]["findings"]
            assert any(f[0] == rule_id for f in findings), name  # type: ignore[union-attr]
        for name in good:
            findings = expected[name]["findings"]
            assert not any(f[0] == rule_id for f in findings), name  # type: ignore[union-attr]
    for name in expected:
        assert (CORPUS / name).is_file(), name


# --------------------------------------------------------------------------- seeds and practice


def _parse(path: Path) -> Document:
    document = pytest.importorskip("provenance.document")
    return document.parse_document(path.read_text(encoding="utf-8"), str(path))  # type: ignore[no-any-return]


def _source_findings(doc: Document) -> list[tuple[str, int, str]]:
    from provenance.rules.registry import all_rules

    return sorted(
        (finding.rule, finding.span.line, finding.message)
        for r in all_rules()
        if r.category == "sources"
        for finding in r.run(doc)
    )


def test_seed_irb_has_no_source_findings() -> None:
    # Every reference is cited (two through date-only citations resolved by the source named
    # in their sentence), the ibids follow citations, the attachment is said to be attached,
    # and both web entries carry an access date.
    doc = _parse(SEEDS / "000_a612e7f6db11d10b.txt")
    assert _source_findings(doc) == []


def test_seed_amnesty_notes() -> None:
    # OCR lost the calls of notes 1, 9, 12, 15, 16 and 18, and the text of note 19.
    doc = _parse(SEEDS / "001_57fd68c990b575be.txt")
    found = _source_findings(doc)
    unmarked = [m for rule, _, m in found if rule == "footnote-without-marker"]
    assert sorted(unmarked) == sorted(
        f"note {n} is never called in the text" for n in (1, 9, 12, 15, 16, 18)
    )
    bodiless = [(line, m) for rule, line, m in found if rule == "footnote-without-body"]
    assert bodiless == [(196, "note 19 is called here, but the note is missing")]
    assert not [f for f in found if f[0] == "footnote-numbering"]


def test_seed_ngo_page_malformed_url() -> None:
    doc = _parse(SEEDS / "003_1657d4287ccc633e.txt")
    found = [(rule, m) for rule, _, m in _source_findings(doc) if rule == "malformed-url"]
    assert len(found) == 1
    assert "http//www.northkoreanrefugees.com" in found[0][1]


@pytest.mark.parametrize(
    "path",
    sorted(SEEDS.glob("*.txt")) + sorted(PRACTICE.glob("*.txt")),
    ids=lambda p: p.name,
)
def test_rules_run_on_real_reports(path: Path) -> None:
    doc = _parse(path)
    from provenance.rules.registry import all_rules

    for r in all_rules():
        if r.category != "sources":
            continue
        for finding in r.run(doc):
            assert 0 <= finding.span.start <= finding.span.end <= len(doc.text)
            assert finding.message and "\n" not in finding.message


def test_citation_message_puts_parentheses_back() -> None:
    # The assembler's citation text is what stands inside the parentheses.
    text = "Report\n\nArrests (AI 12 Mar. 2003; HRW 2004).\n\nReferences\n\nAI. 12 March 2003.\n"
    b = DocBuilder(text)
    b.reference("AI. 12 March 2003.", author="AI", date=Date(2003, 3, 12))
    b.citation("AI 12 Mar. 2003", author="AI", date=Date(2003, 3, 12), reference=0)
    b.citation("HRW 2004", author="HRW", date=Date(2004))
    assert messages(citation_without_reference, b.build()) == [
        'citation "(HRW 2004)" matches no entry in the reference list'
    ]


# --------------------------------------------------------------------------- note numbering details


def test_number_range_groups_consecutive_numbers() -> None:
    from provenance.rules.sources import _number_range

    assert _number_range([8, 5, 1, 2, 3, 3, 7]) == "1-3, 5, 7-8"
    assert _number_range([4]) == "4"
    assert _number_range([2, 4, 6]) == "2, 4, 6"


def test_quote_shortens_long_text_at_eighty_characters() -> None:
    from provenance.rules.sources import _quote

    assert _quote("a  b\nc") == '"a b c"'
    assert _quote("a" * 80) == '"' + "a" * 80 + '"'
    assert _quote("a" * 81) == '"' + "a" * 79 + '…"'
    assert _quote("a" * 78 + " bc") == '"' + "a" * 78 + '…"'


def bracketed(order: list[int], bodies: list[int] | None = None) -> Document:
    """Calls ``[n]`` in ``order`` in one paragraph, then a note text for each number."""
    numbers = sorted(set(order)) if bodies is None else bodies
    text = (
        " ".join(f"S{i}.[{n}]" for i, n in enumerate(order))
        + "\n\n"
        + "\n\n".join(f"[{n}] note {n}" for n in numbers)
        + "\n"
    )
    b = DocBuilder(text)
    for i, n in enumerate(order):
        b.marker(n, f"[{n}]", style="bracket", after=text.index(f"S{i}."))
    for n in numbers:
        b.body(n, f"note {n}", after=text.index(f"[{n}] note"))
    return b.build()


def out_of_order(doc: Document) -> list[tuple[str, str, str, str]]:
    """(call flagged, message, call related, its message) of each finding."""
    return [
        (
            doc.text[e.span.start : e.span.end],
            e.message,
            doc.text[e.related[0].span.start : e.related[0].span.end],
            e.related[0].message,
        )
        for e in footnote_numbering(doc)
    ]


def test_a_note_called_after_a_higher_one_names_the_highest_called_before_it() -> None:
    doc = bracketed([1, 3, 2, 4])
    assert out_of_order(doc) == [
        (
            "[2]",
            "note 2 is first called after note 3: notes should be numbered in the order they "
            "are called",
            "[3]",
            "note 3 is first called here",
        )
    ]


def test_a_note_called_too_early_names_the_lowest_called_after_it() -> None:
    doc = bracketed([1, 4, 2, 3, 5])
    findings = list(footnote_numbering(doc))
    assert [e.message for e in findings] == [
        "note 4 is first called before note 2: notes should be numbered in the order they "
        "are called"
    ]
    assert findings[0].span.start == doc.text.index("[4]")
    assert findings[0].related[0].span.start == doc.text.index("[2]")
    assert findings[0].related[0].message == "note 2 is first called here"


def test_a_note_never_called_does_not_stop_the_order_check() -> None:
    text = "S0.[3] S1.[2] S2.[4]\n\n[1] note 1\n\n[2] note 2\n\n[3] note 3\n\n[4] note 4\n"
    b = DocBuilder(text)
    for n in (3, 2, 4):
        b.marker(n, f"[{n}]", style="bracket")
    for n in (1, 2, 3, 4):
        b.body(n, f"note {n}", after=text.index(f"[{n}] note"))
    assert [e.message.split(":")[0] for e in footnote_numbering(b.build())] == [
        "note 2 is first called after note 3"
    ]


def per_chapter(chapter_two_calls: list[int]) -> Document:
    """Notes 1-2 in chapter one, then notes numbered again from 1 in chapter two."""
    one = "Chapter one.[1] More.[2]\n\n[1] One.\n\n[2] Two.\n\n"
    two = "Chapter two. " + " ".join(f"T{n}.[{n}]" for n in chapter_two_calls) + "\n\n"
    numbers = sorted(set(chapter_two_calls))
    two += "\n\n".join(f"[{n}] Second {n}." for n in numbers) + "\n"
    text = one + two
    b = DocBuilder(text)
    second = len(one)
    for n in (1, 2):
        b.marker(n, f"[{n}]", style="bracket")
        b.body(n, {1: "One.", 2: "Two."}[n])
    for n in chapter_two_calls:
        b.marker(n, f"[{n}]", style="bracket", after=text.index(f"T{n}.", second))
        b.body(n, f"Second {n}.")
    return b.build()


def test_notes_numbered_again_per_chapter_are_not_checked_for_call_order() -> None:
    # Per chapter, the first call of a number is not the one that matters: order proves nothing.
    assert flagged(footnote_numbering, per_chapter([1, 2, 4, 3])) == []


def test_a_repeated_note_one_is_not_a_new_chapter() -> None:
    text = "S0.[1] S1.[3] S2.[2]\n\n[1] note 1\n\n[1] note one\n\n[2] note 2\n\n[3] note 3\n"
    b = DocBuilder(text)
    for n in (1, 3, 2):
        b.marker(n, f"[{n}]", style="bracket")
    b.body(1, "note 1")
    b.body(1, "note one")
    b.body(2, "note 2")
    b.body(3, "note 3")
    assert messages(footnote_numbering, b.build()) == [
        "a second note 1: two note texts carry the same number",
        "note 2 is first called after note 3: notes should be numbered in the order they are "
        "called",
    ]


def test_gap_names_where_the_note_before_it_is() -> None:
    doc = amnesty(markers=(1, 2, 4), bodies=(1, 2, 4)).build()
    assert [r.message for e in footnote_numbering(doc) for r in e.related] == [
        "note 2 is called here"
    ]
    uncalled = amnesty(markers=(1, 4), bodies=(1, 2, 4)).build()
    emits = list(footnote_numbering(uncalled))
    assert [r.message for e in emits for r in e.related] == ["note 2 is written here"]
    assert emits[0].related[0].span.start == AMNESTY.index(BODIES[2])


def test_repeated_note_texts_are_reported_in_text_order_with_the_first() -> None:
    text = (
        "A.[1] B.[2] C.[3]\n\n[1] First one.\n\n[2] First two.\n\n[3] Three.\n\n"
        "[3] Second three.\n\n[2] Second two.\n"
    )
    b = DocBuilder(text)
    for n in (1, 2, 3):
        b.marker(n, f"[{n}]", style="bracket")
    for n, needle in (
        (1, "First one."),
        (2, "First two."),
        (3, "Three."),
        (3, "Second three."),
        (2, "Second two."),
    ):
        b.body(n, needle)
    emits = list(footnote_numbering(b.build()))
    assert [(e.message, e.excerpt) for e in emits] == [
        ("a second note 3: two note texts carry the same number", "Second three."),
        ("a second note 2: two note texts carry the same number", "Second two."),
    ]
    assert [[(r.span.start, r.message) for r in e.related] for e in emits] == [
        [(text.index("Three."), "the first note 3 is here")],
        [(text.index("First two."), "the first note 2 is here")],
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("the THE[]x \t\n\x1c.,ß")) | st.characters(), max_size=60
    ),
    st.data(),
)
def test_a_long_stretch_is_keyed_a_piece_at_a_time_as_a_whole(
    text: str, data: st.DataObject
) -> None:
    # Pieces of three characters: every cut a paragraph could get, at a word or in brackets.
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sources_module, "_KEY_PIECE", 3)
        assert sources_module._stretch_key(text, start, end) == source_key(text[start:end])


def _source_rules(text: str) -> list[str]:
    import provenance

    return [
        f.message
        for f in provenance.check(provenance.parse(text))
        if f.rule in ("citation-without-reference", "unreadable-source-list")
    ]


def _answers_with_sources(entries: list[list[str]], cited: list[list[str]]) -> str:
    """A form answered in parts, each part's citations followed by its own "Sources:" list."""
    parts = ["Learning plan on disinformation\n"]
    for number, (listed, cited_here) in enumerate(zip(entries, cited, strict=True), start=1):
        said = " ".join(
            f"Finding {number}.{k} was reported ({c})." for k, c in enumerate(cited_here)
        )
        parts.append(f"> {QUESTION}\n\n{said}\n\nSources:\n")
        parts.extend(f"{entry}\n" for entry in listed)
    return "\n".join(parts)


QUESTION = (
    "Background: what is the history of your challenge, what is causing or driving it, who is "
    "involved, how does the current situation look like and what undesired effects does it produce?"
)
SOURCES_LISTS = [
    ["Bunce, M. (2019). Humanitarian communication. Journal of Affairs, 1(1), 49-55."],
    ["Hook, Kristina. (2022). Social media misinformation. Stimson Center."],
    ["Xu, Rachel. (2021, January 15). You can't handle the truth. Policy Blog."],
]
SOURCES_CITED = [["Bunce, 2019"], ["Hook, 2022"], ["Xu, 2021"]]


def test_a_list_heading_repeated_after_each_part_is_read_each_time() -> None:
    # "Sources:" three times is not a running page header: an entry follows it each time.
    assert _source_rules(_answers_with_sources(SOURCES_LISTS, SOURCES_CITED)) == []
    dropped = [SOURCES_LISTS[0], [], SOURCES_LISTS[2]]
    dropped[1] = ["Katz, Eian. (2021, December 1). Liar's war. International Review."]
    assert _source_rules(_answers_with_sources(dropped, SOURCES_CITED)) == [
        'citation "(Hook, 2022)" matches no entry in the reference list'
    ]


def test_an_entry_whose_first_line_has_no_title_is_not_glued_to_the_one_before() -> None:
    # The entry before ends without a full stop; the next one breaks its line after its date.
    text = (
        "Informal transport\n\n"
        "Encyclopaedias describe it (Morales-Miranda, 2021), as do assessments (Moscoso, 2019).\n\n"
        "Bibliography\n\n"
        "Moscoso, M., van Laake, T., Quiñones, L., Eds. (2019). Sustainable Urban Mobility in\n"
        "Latin America. Despacio: Bogotá, Colombia\n\n"
        "Morales - Miranda, N., Quesada - Alluín, C., & Steinvorth - Álvarez, A. (2021).\n"
        "Enciclopedia del Transporte Informal en América Central.\n"
    )
    assert _source_rules(text) == []
    without = text[: text.index("Morales - Miranda")]
    assert _source_rules(without) == [
        'citation "(Morales-Miranda, 2021)" matches no entry in the reference list'
    ]


def test_a_family_name_with_its_particle_cites_a_name_written_given_name_first() -> None:
    text = (
        "Digital risks\n\n"
        "False information hinders a community's response (van Solinge, 2019).\n\n"
        "References\n\n"
        "Delphine van Solinge (2019, June 12). Digital risks for populations. Policy Blog.\n"
    )
    assert _source_rules(text) == []
    # Without its particle the name is not the entry's, but the list writes it: the reader is
    # asked to check, not told the entry is missing.
    without = provenance_findings(text.replace("(van Solinge, 2019)", "(Solinge, 2019)"))
    assert [(f.rule, f.severity.name) for f in without] == [("citations-not-linked", "WARNING")]
    assert without[0].message.startswith(
        'citation "(Solinge, 2019)" matches no entry in the reference list, though the list '
        "writes the name of its source"
    )


def provenance_findings(text: str) -> list[Finding]:
    import provenance

    rules = ("citation-without-reference", "citations-not-linked", "unreadable-source-list")
    return [f for f in provenance.check(provenance.parse(text)) if f.rule in rules]


CUT_LIST = """\
Bombings in Colombo [LKA13607.E]

Bombs exploded in the market (AFP 30 Jan. 1992). A station reported the round-ups (Colombo Sri
Lanka Broadcasting 30 Jan. 1992). Police found a car bomb (AFP 5 Dec. 1991).

References

Hong Kong AFP [in English]. 30 January 1992. "Bombs Explode in Market."

Hong Kong AFP [in English]. 5 December 1991. "Police Find Unexploded Car Bomb."

Colombo Sri Lanka Broadcasting
"""


def test_a_source_the_list_writes_without_an_entry_read_is_a_warning_not_an_error() -> None:
    # The last entry was cut to its name, which is not read as an entry: the citation is not
    # reported as missing from a list that names it.
    findings = provenance_findings(CUT_LIST)
    assert [(f.rule, f.span.line) for f in findings] == [("citations-not-linked", 3)]
    assert "though the list writes the name of its source" in findings[0].message
    # Without that line the source is missing from the list: an error.
    missing = provenance_findings(CUT_LIST.replace("Colombo Sri Lanka Broadcasting\n", ""))
    assert [(f.rule, f.span.line) for f in missing] == [("citation-without-reference", 3)]


def test_a_source_written_but_not_read_is_one_warning_with_its_other_citations() -> None:
    text = CUT_LIST.replace(
        "Police found a car bomb",
        "The station said so again (Colombo Sri Lanka Broadcasting "
        "30 Jan. 1992). Police found a car bomb",
    )
    (finding,) = provenance_findings(text)
    assert (finding.rule, finding.span.line) == ("citations-not-linked", 3)
    assert [r.message for r in finding.related] == ["the same source is cited here"]


def test_a_source_listed_under_another_date_stays_an_error() -> None:
    # An entry of that name was read: the date, not the reading, is what is wrong.
    text = CUT_LIST.replace("(AFP 5 Dec. 1991)", "(AFP 6 Dec. 1991)")
    text = text.replace("Colombo Sri Lanka Broadcasting\n", "")
    assert [(f.rule, f.span.line) for f in provenance_findings(text)] == [
        ("citation-without-reference", 3),
        ("citation-without-reference", 4),
    ]


BAFFI = (
    "Informal transport\n\n"
    "Paratransit was reformed (Baffi and Lannes, 2021a), then understood anew "
    "(Baffi and Lannes, 2021b).\n\n"
    "References\n\n"
    "Baffi, S., & Lannes, J.-P. (2021a). Reforming Paratransit. Working paper.\n\n"
    "Baffi, S., & Lannes, J.-P. (2021b). Understanding Paratransit. Working paper.\n"
)


@pytest.mark.parametrize("letter", ["a", "b"])
def test_a_year_letter_names_the_entry_of_that_letter_not_another_work_of_the_year(
    letter: str,
) -> None:
    assert _source_rules(BAFFI) == []
    lost = next(line for line in BAFFI.split("\n") if f"(2021{letter})." in line)
    assert _source_rules(BAFFI.replace(lost + "\n", "")) == [
        f'citation "(Baffi and Lannes, 2021{letter})" matches no entry in the reference list'
    ]


def test_a_year_letter_counts_the_works_of_the_year_where_the_list_writes_no_letters() -> None:
    unlettered = BAFFI.replace("(2021a).", "(2021).").replace("(2021b).", "(2021).")
    assert _source_rules(unlettered) == []


def test_many_unmatched_citations_are_one_warning_a_few_are_errors() -> None:
    few = irb_doc().build()
    # Two of three citations unmatched: still the report's fault, whatever the share.
    assert len(messages(citation_without_reference, few)) == 2
    assert messages(citations_not_linked, few) == []
    reading = sources_module._CitationReading(citations=10, unmatched=3)
    assert not reading.confident  # 70% matched, three unmatched: the reading's doubt
    assert sources_module._CitationReading(citations=10, unmatched=2).confident
    assert sources_module._CitationReading(citations=15, unmatched=3).confident  # 80%


MANY_UNMATCHED = """\
Informal transport [ABC12345.E]

Drivers earn little (Kumar 2021). Fares are set by the drivers (Raman 2021). Routes are informal
(Raman 2021). Most drivers rent their vehicles (Shekar 2021). Few have licences (Raman 2021).

References

Kumar, A. (2021). Myths and Realities of Informal Public Transport.

Raman, A. (2020). Informal Transport in South Asia.
"""


def _many_unmatched(last: str = "Shekar", kumar_author: str = "Kumar, A.") -> Document:
    b = DocBuilder(MANY_UNMATCHED.replace("(Shekar 2021)", f"({last} 2021)"))
    kumar = b.reference(
        "Kumar, A. (2021). Myths and Realities of Informal Public Transport.",
        author=kumar_author,
        date=Date(2021),
    )
    b.reference(
        "Raman, A. (2020). Informal Transport in South Asia.", author="Raman, A.", date=Date(2020)
    )
    b.citation("(Kumar 2021)", author="Kumar", date=Date(2021), reference=kumar)
    after = 0
    for _ in range(3):
        found = b.citation("(Raman 2021)", author="Raman", date=Date(2021), after=after)
        after = found.span.end
    b.citation(f"({last} 2021)", author=last, date=Date(2021))
    return b.build()


def test_a_citation_of_a_source_the_list_never_names_is_an_error_whatever_the_share() -> None:
    doc = _many_unmatched()
    # One of five matched: the three "Raman 2021" may be a list read wrong (the list names
    # Raman), but no word of the list names Shekar, so that entry is missing however it is read.
    assert flagged(citation_without_reference, doc) == ["(Shekar 2021)"]
    # The three "Raman 2021" are one source and date: one warning, at the first, naming it.
    (warning,) = messages(citations_not_linked, doc)
    assert warning == (
        'citation "(Raman 2021)" matches no entry in the reference list read, but only 1 of 5 '
        "citations (20%) match one: the reading of the list, not the report, may be at fault; "
        "check it by hand"
    )
    assert flagged(citations_not_linked, doc) == ["(Raman 2021)"]


def test_a_list_naming_a_source_by_its_initials_names_it() -> None:
    # "(OECD 2021)" and an entry whose author's name makes those initials: the list names the
    # source, so the citation is among those in doubt, not an error.
    doc = _many_unmatched("OECD", "Organisation for Economic Co-operation and Development")
    assert flagged(citation_without_reference, doc) == []
    assert flagged(citations_not_linked, doc) == ["(Raman 2021)", "(OECD 2021)"]


_NAME_WORDS = st.sampled_from(
    ["Human", "Rights", "Watch", "of", "the", "for", "Korea", "Post", "and", "Smith,", "J.", "UN"]
)
_NAMES = st.lists(_NAME_WORDS, min_size=1, max_size=5).map(" ".join)


@given(st.lists(st.tuples(_NAMES, st.none() | _NAMES), min_size=1, max_size=8), _NAMES)
@settings(max_examples=300)
def test_named_references_are_those_a_scan_of_every_entry_finds(
    names: list[tuple[str, str | None]], cited_name: str
) -> None:
    # The tables built once per document find what comparing the citation with each entry did.
    from provenance.model import Reference, ReferenceEntry
    from provenance.sourcenames import names_match, reference_keys
    from provenance.span import Span

    references = [
        Reference(ReferenceEntry(author=author, container=container), "references", author, span)
        for author, container in names
        for span in [Span(0, 1, 1, 1, 1, 1)]
    ]
    cited = source_key(cited_name)
    scanned = [
        index
        for index, reference in enumerate(references)
        if any(names_match(cited, key) for key in reference_keys(reference))
    ]
    assert NamedReferences(references).matching(cited) == scanned


def test_named_references_find_the_edition_a_name_and_year_cite() -> None:
    from provenance.model import Reference, ReferenceEntry
    from provenance.sourcenames import names_match
    from provenance.span import Span

    title = "Country Reports on Human Rights Practices for 1992"
    references = [
        Reference(ReferenceEntry(author=title), "references", title, Span(0, 1, 1, 1, 1, 1))
    ]
    cited = source_key("Country Reports 1992")
    assert names_match(cited, source_key(title))
    assert NamedReferences(references).matching(cited) == [0]
    assert NamedReferences(references).matching(source_key("Country Reports 1993")) == []


COURT_DECISION = """\
Cite as: Eric Omari Thorpe, A047 924 686 (BIA Sept. 29, 2017)
The respondent was admitted in 2001 (I.J. at 3; Exhs. 1, 3). The court granted his motion.
United States v. Thorpe, 2016 WL 676395, at *2 (E.D.N.Y. Feb. 18, 2016). See Matter of
Flores-Aguirre, 26 I&N Dec. 155, 157 & n.2 (BIA 2013); Conn. Gen. Stat. § 29-38(a) (West 2004).

References

Human Rights Watch. 2005. World Report. New York.
"""


def test_court_parentheticals_raise_no_source_list_findings() -> None:
    # Legal parentheticals are not author-date citations: with a list, none is a citation the
    # list lacks; without one, none makes the decision look as if its list could not be read.
    import provenance

    with_list = provenance.parse(COURT_DECISION)
    assert list(citation_without_reference(with_list)) == []
    without = provenance.parse(COURT_DECISION.split("References")[0])
    assert list(unreadable_source_list(without)) == []


UNCERTAIN_LIST = """\
Informal transport [ABC12345.E]

Drivers earn little (Kumar 2021). Fares are set by the drivers (Raman 2021). Routes are informal
(Raman 2021). Most drivers rent their vehicles (Mehta 2019). Few have licences (Raman 2021).
Police stop them often (Iyer 2018).

References

Iyer, S. (2018). Policing the Streets.

Kumar, A. (2021). Myths and Realities of Informal Public Transport.

Mehta, R. (2019). Renting to Drive.

Raman, A. (2020). Informal Transport in South Asia.
"""


def test_a_list_read_with_doubt_names_each_source_left_without_its_entry() -> None:
    # Three of six citations match: too few to blame the report, so warnings, not errors; but
    # each source in doubt is named, so losing one more entry is one more warning, at the
    # citation that lost it, not the same summary with another count.
    before = provenance_findings(UNCERTAIN_LIST)
    assert [(f.rule, f.severity.name, f.span.line) for f in before] == [
        ("citations-not-linked", "WARNING", 3)
    ]
    assert before[0].message.startswith('citation "(Raman 2021)" matches no entry')
    assert "only 3 of 6 citations (50%) match one" in before[0].message
    assert [r.span.line for r in before[0].related] == [4, 4]
    # The list still writes Mehta (as a co-author): the entry may be there unread, a warning.
    coauthor = UNCERTAIN_LIST.replace("Iyer, S. (2018)", "Iyer, S., & Mehta, R. (2018)")
    lost = coauthor.replace("Mehta, R. (2019). Renting to Drive.\n\n", "")
    after = provenance_findings(lost)
    assert [(f.rule, f.span.line) for f in after] == [
        ("citations-not-linked", 3),
        ("citations-not-linked", 4),
    ]
    assert after[1].message.startswith('citation "(Mehta 2019)" matches no entry')
    # Nothing in the list writes Mehta any more: its entry is missing however it is read.
    gone = UNCERTAIN_LIST.replace("Mehta, R. (2019). Renting to Drive.\n\n", "")
    assert [(f.rule, f.span.line) for f in provenance_findings(gone)] == [
        ("citations-not-linked", 3),
        ("citation-without-reference", 4),
    ]


def test_a_first_author_et_al_whose_entry_was_read_without_its_date_is_a_warning() -> None:
    # The entry lost its year (a conversion cut it), so it is read without one; the list
    # writes the first author's name, and "et al." is no word it needs to write.
    text = (
        "Collective intelligence\n\nThe network learns fast (Berditchevskaia et al., 2021). "
        "Energy is scarce (Cahill, 2021).\n\nReferences\n\n"
        "Berditchevskaia, Aleks, Kathy Peach, Gina Lucarelli, Mirko Ebelshaeuser. "
        "Collective Intelligence for Sustainable Development.\n\n"
        "Cahill, Ben. 2021. Energy Access and Health Outcomes. CSIS.\n"
    )
    findings = provenance_findings(text)
    assert [(f.rule, f.span.line) for f in findings] == [("citations-not-linked", 3)]
    # A first author the list never writes is missing from it.
    missing = provenance_findings(text.replace("(Berditchevskaia", "(Lucarelo"))
    assert [(f.rule, f.span.line) for f in missing] == [("citation-without-reference", 3)]


def test_co_authors_the_list_writes_in_another_order_are_a_warning_not_an_error() -> None:
    # A shape from a research report: the citation names the co-authors in another order than
    # the entry, which a conversion left without its year. The list writes the name, so the
    # entry may be there unread: a warning, though most citations matched.
    text = (
        "AI at work\n\nAI brings benefits to firms (Manyika and Bughin, 2018). "
        "Energy is scarce (Cahill, 2021). Grids fail (Cahill, 2021).\n\nReferences\n\n"
        "Bughin, Jacques and James Manyika. “The promise and challenge of the age of artificial "
        "intelligence.” McKinsey Global Institute.\n\n"
        "Cahill, Ben. 2021. Energy Access and Health Outcomes. CSIS.\n"
    )
    findings = provenance_findings(text)
    assert [(f.rule, f.severity.name, f.span.line) for f in findings] == [
        ("citations-not-linked", "WARNING", 3)
    ]
    assert 'citation "(Manyika and Bughin, 2018)"' in findings[0].message
    # One co-author misspelt ("Silic & Black" for an entry by Silic and Back): the list still
    # writes the name, and its entry may be the one meant.
    misspelt = provenance_findings(text.replace("(Manyika and Bughin", "(Manyika and Bugin"))
    assert [(f.rule, f.severity.name) for f in misspelt] == [("citations-not-linked", "WARNING")]
    # A source of which the list writes no word: its entry is missing, however it was read.
    missing = provenance_findings(text.replace("(Manyika and Bughin", "(Brynjolfsson and McAfee"))
    assert [(f.rule, f.severity.name) for f in missing] == [("citation-without-reference", "ERROR")]
    # An entry of the name read with another year: the report's own disagreement, an error.
    dated = text.replace("Bughin, Jacques and James Manyika.", "Bughin, Jacques. 2017.")
    assert [
        (f.rule, f.severity.name) for f in provenance_findings(dated.replace("(Manyika and ", "("))
    ] == [("citation-without-reference", "ERROR")]


@pytest.mark.parametrize("matched", [1, 2, 12])
def test_how_many_other_citations_matched_does_not_make_a_written_name_an_error(
    matched: int,
) -> None:
    # Below and above the share of matched citations the reading is trusted at, a citation
    # whose source the list writes without a dated entry read is the same warning: the share
    # says how well the other citations were read, not whether this entry was.
    cited = " ".join(f"Energy is scarce (Cahill, 2021) in town {n}." for n in range(matched))
    text = (
        "AI at work\n\nAI brings benefits (Manyika and Bughin, 2018). It costs jobs "
        "(Manyika and Bughin, 2019). It helps (Manyika and Bughin, 2020). "
        f"{cited}\n\nReferences\n\n"
        "Bughin, Jacques and James Manyika. “The promise and challenge of the age of artificial "
        "intelligence.” McKinsey Global Institute.\n\n"
        "Cahill, Ben. 2021. Energy Access and Health Outcomes. CSIS.\n"
    )
    import provenance

    doc = provenance.parse(text, "x.txt")
    reading, _ = sources_module._citations_read(doc)
    assert reading.confident is (matched == 12)
    assert flagged(citation_without_reference, doc) == []
    assert len(flagged(citations_not_linked, doc)) == 3


def test_a_source_cited_by_the_initials_of_an_undated_entry_is_a_warning() -> None:
    # The entry lost its year, and the citation names it by initials the list never writes:
    # its keys say the entry is there, so the reading, not the report, may be at fault.
    text = (
        "Displacement\n\nMost refugees stay near home (UNHCR, 2019). Camps grow "
        "(Cahill, 2021). Funds shrink (Cahill, 2021).\n\nReferences\n\n"
        "United Nations High Commissioner for Refugees. Global Trends: Forced Displacement.\n\n"
        "Cahill, Ben. 2021. Energy Access and Health Outcomes. CSIS.\n"
    )
    findings = provenance_findings(text)
    assert [(f.rule, f.severity.name, f.span.line) for f in findings] == [
        ("citations-not-linked", "WARNING", 3)
    ]
    # Initials of nothing the list holds: the entry is missing.
    missing = provenance_findings(text.replace("(UNHCR, 2019)", "(IDMC, 2019)"))
    assert [(f.rule, f.severity.name) for f in missing] == [("citation-without-reference", "ERROR")]


ILKKARACAN = (
    "Care\n\nCare is work (İlkkaracan & et al, 2015). Invest in it (Ilkkaracan, 2018). "
    "It pays (Cahill, 2021). Grids fail (Cahill, 2021).\n\nReferences\n\n"
    "Investing in Care. İlkkaracan I., Kim K., Kai T. «The impact of public investment in "
    "social care services "
    "on employment, gender equality and poverty: the case of Turkey», 2015. UNDP, UN Women.\n\n"
    "Ilkkaracan, I. (2018) “Promoting Women’s Economic Empowerment: Recognizing and Investing In "
    "The Care Economy,” UN Women, Issue Paper, New York.\n\n"
    "Cahill, Ben. 2021. Energy Access and Health Outcomes. CSIS.\n"
)


def test_another_work_of_the_name_read_without_its_date_is_no_proof_of_a_wrong_date() -> None:
    # Entries of the name were read under other dates, but one the reading left without its
    # author and date writes the name and the cited year: that may be the entry, a warning.
    doc = provenance_parse(ILKKARACAN)
    assert flagged(citation_without_reference, doc) == []
    assert flagged(citations_not_linked, doc) == ["İlkkaracan & et al, 2015"]
    # A year no entry of that name writes: the report and its list disagree, an error.
    wrong = provenance_parse(ILKKARACAN.replace("& et al, 2015)", "& et al, 2016)"))
    assert flagged(citation_without_reference, wrong) == ["İlkkaracan & et al, 2016"]
    # Where the entry starts with its names, they are read and the citation links.
    read = provenance_parse(ILKKARACAN.replace("Investing in Care. ", ""))
    assert flagged(citations_not_linked, read) == []


def provenance_parse(text: str) -> Document:
    import provenance

    return provenance.parse(text, "x.txt")

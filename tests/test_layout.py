"""Notes found by their numbering and their calls, with no heading to lead to them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import provenance
from provenance import layout
from provenance.document import Document
from provenance.layout import (
    ContentLine,
    ContentLines,
    find_note_chain,
    note_start,
    trailing_source_list,
)
from provenance.parsers import references
from provenance.span import LineIndex

# A UN-style page: numbered paragraphs, calls glued to words, a "Notes" line run into the
# first note (no blank line, so no heading block), numbers alone above their bodies.
UN_STYLE = """\
1.     The Ombudsman stated that Slovenia had mistranslated the concepts.1
2.     The Ombudsman also reported “personal help”.2 It recommended changes.3
3.     Another paragraph with no call at all.

Notes
1
  YHD, p.2.
2
  VARUH, p.3.
3
  VARUH, p.7.
"""


def _lines(text: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


def test_the_called_chain_is_the_notes_not_the_numbered_paragraphs() -> None:
    chain = find_note_chain(UN_STYLE, LineIndex(UN_STYLE), _lines(UN_STYLE), [(0, len(UN_STYLE))])
    assert chain is not None
    assert [s.number for s in chain.starts] == [1, 2, 3]
    assert chain.called == 1.0
    assert all(UN_STYLE[s.lead : s.line_end].strip().isdigit() for s in chain.starts)


def test_notes_without_a_heading_block_are_read_and_linked() -> None:
    document = provenance.parse(UN_STYLE)
    assert [(n.number, n.body.span.line if n.body else None) for n in document.footnotes] == [
        (1, 6),
        (2, 8),
        (3, 10),
    ]
    assert [m.span.line for n in document.footnotes for m in n.markers] == [1, 2, 2]
    assert document.footnotes[1].body is not None
    assert document.footnotes[1].body.text == "VARUH, p.3."


def test_numbered_paragraphs_nobody_calls_are_not_notes() -> None:
    text = "1. First paragraph of the report.\n2. Second one.\n3. Third one.\n4. Fourth.\n"
    assert find_note_chain(text, LineIndex(text), _lines(text), [(0, len(text))]) is None
    assert provenance.parse(text).footnotes == ()


def test_note_start_reads_number_alone_and_number_with_text() -> None:
    text = "  12\n118 JS2, paras. 24 and 44.\n2019 was a year.\n"
    alone = note_start(text, 0, 4)
    assert alone is not None and alone.number == 12 and alone.text_start is None
    inline = note_start(text, 5, 31)
    assert inline is not None and inline.number == 118
    assert text[inline.text_start : inline.line_end] == "JS2, paras. 24 and 44."
    assert note_start(text, 32, 48) is None
    assert note_start("²", 0, 1) is None


# An IRB response whose References heading was lost: the entries still end the document.
UNHEADED = """\
Relationship between the EPRLF and the authorities [LKA8201]
The EPRLF "has resolutely kept away from collaborating with the
government" (The Hindu 15 December 1990).
In fact, the EPRLF was not mentioned in a December 1990 FBIS
report (FBIS-NES-90-243 18 December 1990).
The Hindu. 15 December 1990.
"Colombo Arming Non-LTTE Groups to Fight LTTE".
FBIS-NES-90-243. 18 December 1990.
"Minister Gives Briefing on Security Situation", Colombo
International Service [Colombo, 14 December 1990].
"""


def test_an_unheaded_list_at_the_end_is_read_entry_by_entry_and_cited() -> None:
    document = provenance.parse(UNHEADED)
    assert [(r.span.line, r.section, r.entry.author) for r in document.references] == [
        (6, "source-list", "The Hindu"),
        (8, "source-list", "FBIS-NES-90-243"),
    ]
    assert [c.reference for c in document.citations] == [0, 1]
    assert provenance.check(document) == []


def test_prose_that_ends_a_report_is_not_a_list() -> None:
    text = "Report [ABC12345.E]\n\nThe talks resumed on 15 December 1990 in Colombo.\n"
    assert provenance.parse(text).references == ()


def test_a_copyright_notice_that_ends_a_news_item_is_not_an_entry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Read without the reference grammar, which would otherwise load for this line alone.
    monkeypatch.setattr(references, "reference_entry", _no_grammar)
    for notice in [
        "Copyright 2002~2004 Digital Korea Herald. All rights reserved.",
        "(c) 2004 AFP.",
    ]:
        text = f"Report [ABC12345.E]\n\nThe talks resumed.\n\n{notice}\n"
        assert provenance.parse(text).references == ()


def _no_grammar(text: str) -> None:
    raise AssertionError(f"the reference grammar was asked to read {text!r}")


def test_a_line_longer_than_any_entry_ends_no_list() -> None:
    # A dated "entry" of 2,000 characters and more is a paragraph on one line: the grammar is
    # not run over it (it would hold a token for every word); a short one is still an entry.
    entry = "The Hindu. 15 December 1990. " + "Colombo talks resumed. " * 90
    for text, found in [(entry[:1990], 1), (entry, 0)]:
        document = provenance.parse(f"Report [ABC12345.E]\n\nThe talks.\n\n{text}\n")
        assert len(document.references) == found


def test_the_search_for_an_unheaded_list_stops_at_prose() -> None:
    lines = [
        ContentLine(0, 10, True),
        ContentLine(11, 20, False),
    ]
    assert trailing_source_list("0123456789\nabcdefghi\n", lines) == []


def test_a_note_whose_text_was_lost_breaks_neither_the_chain_nor_its_call() -> None:
    text = UN_STYLE.replace("2\n  VARUH, p.3.\n", "")
    document = provenance.parse(text)
    numbers = {n.number: (bool(n.markers), n.body is not None) for n in document.footnotes}
    assert numbers == {1: (True, True), 2: (True, False), 3: (True, True)}
    assert [f.rule for f in provenance.check(document)] == ["footnote-without-body"]


def test_note_start_tells_numbered_paragraphs_from_notes_by_the_full_stop() -> None:
    text = "12.  The Ombudsman stated.\n12 JS2, para. 4.\n  07\n999\n1000\n0\n"
    paragraph = note_start(text, 0, 26)
    note = note_start(text, 27, 43)
    assert paragraph is not None and paragraph.period and not paragraph.style[0]
    assert note is not None and not note.period and note.style == (False, False)
    assert note_start(text, 44, 48) is None  # a leading zero is a figure, not a note
    last = note_start(text, 49, 52)
    assert last is not None and last.number == 999 and last.style == (True, False)
    assert note_start(text, 53, 57) is None  # four digits: a year or a figure
    assert note_start(text, 58, 59) is None


def test_an_abbreviation_is_two_capitals_a_digit_or_a_joiner() -> None:
    from provenance.layout import _abbreviation

    assert all(_abbreviation(s) for s in ("AI", "JS2", "CoE-ECRI", "Ombudsman/HRORS"))
    assert not any(_abbreviation(s) for s in ("Regional", "Treatment", "A"))


def test_a_line_continuing_a_sentence_opens_no_entry() -> None:
    from provenance.layout import _may_start_entry

    text = (
        "It was reported in the\nHindu. 15 December 1990.\n"
        "The Hindu. 15 December 1990.\nreport (FBIS 1990).\n"
    )
    lines = [
        ContentLine(0, 22, True),
        ContentLine(23, 47, False),
        ContentLine(48, 76, False),
        ContentLine(77, 96, False),
    ]
    assert not _may_start_entry(text, lines, 1)  # the line before ends mid-sentence
    assert _may_start_entry(text, lines, 2)  # the line before ends with a full stop
    assert not _may_start_entry(text, lines, 3)  # lower case
    assert _may_start_entry(text, lines, 0)


def test_after_a_line_ending_in_a_comma_only_an_irb_entry_starts() -> None:
    from provenance.layout import _may_start_entry

    text = "Alternatives,\nHong Kong AFP. 30 January 1992.\nEnd.\n"
    lines = [ContentLine(0, 13, True), ContentLine(14, 45, False), ContentLine(46, 50, False)]
    assert _may_start_entry(text, lines, 1) == 2  # only as an IRB entry
    assert _may_start_entry(text, lines, 2) == 1  # after a full stop: any entry


# An IRB response as a web copy serves it (ecoi.net, 1993): hard-wrapped, the list unheaded, an
# entry that lost its end after a comma, and ditto lines whose underscores were lost.
LOST_DITTOS = """Document #1326816
IRB - Immigration and Refugee Board of Canada (Author)
Tamil warriors have been blamed for several bomb blasts in Colombo
(AFP 5 Dec. 1991). There were bombings in Colombo (AFP 30 Jan. 1992),
and arrests were reported (qtd. in DIRB Dec. 1992, 14).
Additional or corroborating information is
currently unavailable to the DIRB in Ottawa.
Documentation, Information and
Research Branch (DIRB), Immigration and Refugee Board, Ottawa.
December 1992. Sri Lanka: Internal Flight Alternatives,
Hong Kong AFP [in English]. 30 January
1992. "Bombs Explode in Market; LTTE Suspected." (FBIS-NES-92-021
31 Jan. 1992, p. 72)
. 5 December 1991. "Police Find
Unexploded Car Bomb to Summit." (FBIS-NES-91-234 5 Dec. 1991, p. 12)
"""


def test_an_unheaded_list_with_lost_dittos_is_read_and_cited() -> None:
    document = provenance.parse(LOST_DITTOS)
    assert [(r.span.line, r.entry.author) for r in document.references] == [
        (
            8,
            "Documentation, Information and Research Branch (DIRB), Immigration and Refugee "
            "Board, Ottawa",
        ),
        (11, "Hong Kong AFP"),
        (14, "Hong Kong AFP"),  # the ditto repeats the source above
    ]
    assert [(c.text, c.reference) for c in document.citations] == [
        ("AFP 5 Dec. 1991", 2),
        ("AFP 30 Jan. 1992", 1),
        ("DIRB Dec. 1992, 14", 0),
    ]
    assert [f.rule for f in provenance.check(document)] == ["uncorroborated-claim"]


def test_an_unheaded_author_year_list_at_the_end_is_read() -> None:
    text = (
        "Report\n\nThe protests grew (Human Rights Watch 2010) and spread (UNHCR 2019).\n\n"
        "Human Rights Watch (2010). Title of a report. New York: HRW.\n"
        "UNHCR. 2019. “Another Title.” Geneva, 4 December. https://www.refworld.org/docid/\n"
        "5c2f5f.html (accessed 5 May 2020)\n"
    )
    document = provenance.parse(text)
    assert [(r.span.line, r.section, r.entry.author) for r in document.references] == [
        (5, "source-list", "Human Rights Watch"),
        (6, "source-list", "UNHCR"),
    ]
    unhcr = document.references[1].entry
    assert unhcr.url == "https://www.refworld.org/docid/5c2f5f.html"
    assert unhcr.date is not None and unhcr.date.iso() == "2019-12-04"
    assert [c.reference for c in document.citations] == [0, 1]


def test_prose_ending_in_a_year_is_not_an_author_year_entry() -> None:
    text = "Report\n\nThe talks resumed.\n\nThe report was issued in 2010. It was read.\n"
    assert provenance.parse(text).references == ()


def test_notes_numbered_above_their_text_with_back_links_and_repeated_sources() -> None:
    # A web page converted to text: "[footnote n]" calls; each note's number alone, a blank
    # line, its text and a back-link. The same source repeated in three notes is not furniture.
    import provenance

    calls = " ".join(f"Claim {n}.[footnote {n}]" for n in range(1, 6))
    notes = "\n\n".join(
        f"{n}.\n\n{'World Factbook, updated 17 January 2024' if n % 2 else f'Source {n}'} ↩"
        for n in range(1, 6)
    )
    doc = provenance.parse(f"Country note\n\n{calls}\n\n{notes}\n")
    assert [(n.number, n.body is not None, len(n.markers)) for n in doc.footnotes] == [
        (n, True, 1) for n in range(1, 6)
    ]
    assert provenance.check(doc) == []


# Notes at the foot of PDF pages: calls glued to words, a page number alone after the notes.
PAGE_FOOT = """\
Introduction

Workers remained in the camps.1 Many left for the cities.2 Others were moved.3 Some
returned home.4 The rest were never traced.5

1 Interview with a former worker, March 2020.
2 Interview with a refugee, May 2020.
3 Report of the mission, 2020.

7

A few were seen again in 1949.

4Wasserman, Herman. Disinformation in the Global South. 2022.
5 Letter from the ministry, June 2020.
"""


def test_a_note_whose_number_is_glued_to_its_text_fills_the_gap_in_the_chain() -> None:
    document = provenance.parse(PAGE_FOOT)
    lines = {n.number: n.body.span.line if n.body else None for n in document.footnotes}
    assert lines == {1: 6, 2: 7, 3: 8, 4: 14, 5: 15}
    assert all(note.markers for note in document.footnotes)


# A PDF's extraction set a note out of order at the end ("10 ...", "5 See ...", "11 ...").
OUT_OF_ORDER = "".join(f"Statement {n}.{n} " for n in range(1, 8)) + (
    "\n\n1 One.\n\n2 Two.\n\n3 Three.\n\n5 Five.\n\n6 Six.\n\n4 See the report,\n\n7 Seven.\n"
)


def test_a_note_set_out_of_order_beside_the_others_is_read() -> None:
    document = provenance.parse(OUT_OF_ORDER)
    bodies = {n.number: n.body.text if n.body else None for n in document.footnotes}
    assert bodies == {
        1: "One.",
        2: "Two.",
        3: "Three.",
        4: "See the report,",
        5: "Five.",
        6: "Six.",
        7: "Seven.",
    }


def test_a_line_that_opens_with_the_next_number_does_not_take_a_note_from_the_chain() -> None:
    # "2 August 1949" below note 3 is not note 2: the chain keeps its notes 2 and 3.
    calls = " ".join(f"Point {n}.{n}" for n in range(1, 5))
    text = (
        f"{calls}\n\n1 One.\n2 Available at the site.\n3 See S/PV.9907.\n\n"
        "The Geneva Conventions of\n2 August 1949 apply.\n\n4 Four.\n"
    )
    chain = find_note_chain(text, LineIndex(text), _lines(text), [(0, len(calls))])
    assert chain is not None
    starts = {s.number: text[s.lead : s.line_end] for s in chain.starts}
    assert starts == {
        1: "1 One.",
        2: "2 Available at the site.",
        3: "3 See S/PV.9907.",
        4: "4 Four.",
    }


# Plain pdftotext of UN pages: the number of note 2 comes after the page's last note, its text
# stands without a number under note 1; job number, page number and running head follow.
def _page_end(page: int) -> str:
    return f"\n25-11710\n\n{page}/25\n\n\fA/80/188\n\n"


DISPLACED = (
    "Health savings equal mitigation costs. 1\n"
    "Access improved for communities (see A/75/181). 2\n"
    "Transformative change is needed. 3 It goes on.\n"
    "__________________\n"
    "1\n\n"
    "Submission by the Global Climate and Health Alliance.\n"
    "See also submission by the Migration Youth and Children Platform.\n"
    "3\n"
    "Karen O’Brien and others, Thematic Assessment Report\n"
    "(Intergovernmental Platform, 2024).\n"
    "2\n" + _page_end(3) + "The next page opens with prose. 4 And a call.\n"
    "__________________\n"
    "4\n"
    "See the report.\n" + _page_end(4) + "The third page.\n" + _page_end(5) + "The last page.\n"
)


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_note_number_moved_to_the_foot_of_its_page_takes_the_text_printed_without_it() -> None:
    document = provenance.parse(DISPLACED)
    notes = {
        n.number: (n.body.span.line, n.body.text) for n in document.footnotes if n.body is not None
    }
    assert notes == {
        1: (
            _line_of(DISPLACED, "1\n\nSubmission"),
            "Submission by the Global Climate and Health Alliance.",
        ),
        2: (
            _line_of(DISPLACED, "2\n\n25-11710"),
            "See also submission by the Migration Youth and Children Platform.",
        ),
        3: (
            _line_of(DISPLACED, "3\nKaren"),
            "Karen O’Brien and others, Thematic Assessment Report "
            "(Intergovernmental Platform, 2024).",
        ),
        4: (_line_of(DISPLACED, "4\nSee the report"), "See the report."),
    }
    four = _line_of(DISPLACED, "prose. 4")
    assert [m.span.line for n in document.footnotes for m in n.markers] == [1, 2, 3, four]
    notes = [
        document.text[r.span.start : r.span.end] for r in document.regions if r.kind == "footnote"
    ]
    assert not any("The next page opens with prose." in note for note in notes)


def test_a_number_alone_with_more_text_after_it_on_its_page_is_not_moved() -> None:
    # "2" is followed by prose on the same page: it is no displaced note number.
    text = DISPLACED.replace("2\n\n25-11710", "2\n\nThe paragraph goes on here.\n\n25-11710")
    starts = [s for start, end in _lines(text) if (s := note_start(text, start, end))]
    assert layout._displaced_numbers(text, starts, [start for start, _ in _lines(text)]) == []


def test_a_page_foot_note_is_taken_before_a_numbered_cell_on_the_next_page() -> None:
    # Plain pdftotext of a report: notes 1-2 at the foot of the page that calls them; the next
    # page opens with a table whose cells are numbered 1-2 too, then calls and has note 3.
    text = (
        "Use has doubled since 2024.1 Patients were refused care.2\n\n"
        "1\n\nJosh Taylor, The Guardian, 28 March 2026.\n\n"
        "2\n\nTom Williams, Australian Computer Society, 12 August 2025.\n\n"
        "\f1\n\nAudio capture layer\n\n2\n\nSpeech recognition layer\n\n"
        "The device records the encounter.3\n\n"
        "3\n\nRoyal Australian College of General Practitioners, fact sheet.\n"
    )
    chain = find_note_chain(text, LineIndex(text), _lines(text), [(0, len(text))])
    assert chain is not None
    lines = [(s.number, text.count("\n", 0, s.lead) + 1) for s in chain.starts]
    assert lines == [(1, 3), (2, 7), (3, 21)]


_AFFILIATIONS_AND_A_LIST = (
    "Reading the hearings\n\n"
    "Ana Ruiz<sup>1</sup> Luis Mora<sup>2</sup>\n\n"
    "> 1 National University\n\n"
    "> 2 External University\n\n"
    "The statements are studied from four main perspectives:\n\n"
    "1. A general study of the whole set of data.\n\n"
    "2. An analysis by the regions the court gave priority to.\n\n"
    "3. A comparison of the accounts of the accused and of the victims.\n\n"
    "4. A study of the testimony of members of the armed forces.\n\n"
    "The analysis of text by networks is a tool for modelling relations.\n"
)


def test_items_a_sentence_announces_with_a_colon_are_not_notes() -> None:
    # The affiliation marks call "1" and "2", half the chain, but a sentence ending in a colon
    # announces the numbered lines below it: they are its items.
    text = _AFFILIATIONS_AND_A_LIST
    assert find_note_chain(text, LineIndex(text), _lines(text), [(0, len(text))]) is None
    findings = provenance.check(provenance.parse(text))
    assert [f.rule for f in findings if f.rule.startswith("footnote")] == []


def test_a_short_heading_with_a_colon_still_leads_to_notes() -> None:
    text = UN_STYLE.replace("Notes\n", "Notes:\n")
    chain = find_note_chain(text, LineIndex(text), _lines(text), [(0, len(text))])
    assert chain is not None and [s.number for s in chain.starts] == [1, 2, 3]


def _linked_lines(document: Document) -> dict[int, tuple[int | None, int]]:
    """Each note with a body: the line of its first call (None if uncalled) and of its body."""
    return {
        note.number: (note.markers[0].span.line if note.markers else None, note.body.span.line)
        for note in document.footnotes
        if note.body is not None
    }


def _chain_numbers(text: str, prose_end: int | None = None) -> list[int] | None:
    prose = [(0, len(text) if prose_end is None else prose_end)]
    chain = find_note_chain(text, LineIndex(text), _lines(text), prose)
    return None if chain is None else [s.number for s in chain.starts]


CALLED_FOUR = "Text.1 More text.2 And more.3 Last.4\n\n"


def test_a_chain_whose_first_note_was_lost_starts_at_its_first_called_note() -> None:
    text = CALLED_FOUR + "2\n  VARUH, p.3.\n3\n  VARUH, p.7.\n4\n  YHD, p.9.\n"
    assert _chain_numbers(text) == [2, 3, 4]


def test_numbered_lines_from_2_that_nothing_calls_are_not_notes() -> None:
    text = "Text with no calls.\n\n2\n  A cell.\n3\n  Another cell.\n4\n  A third.\n"
    assert _chain_numbers(text) is None
    # Nor does a chain of numbers alone on their lines (page numbers' shape) start later
    # than 3, however well called.
    text = CALLED_FOUR + "Text.5\n\n4\n  YHD.\n5\n  VARUH.\n"
    assert _chain_numbers(text) is None


def test_an_excerpts_notes_start_at_any_number_when_all_are_called_in_order() -> None:
    calls = "Text.4 More text.5 And more.6\n\n"
    text = calls + "4 YHD, p.2.\n5 VARUH, p.3.\n6 VARUH, p.7.\n"
    assert _chain_numbers(text, len(calls)) == [4, 5, 6]
    document = provenance.parse(text)
    assert [(n.number, len(n.markers), n.body is not None) for n in document.footnotes] == [
        (4, 1, True),
        (5, 1, True),
        (6, 1, True),
    ]
    assert not {"notes-not-found", "footnote-without-body"} & {
        f.rule for f in provenance.check(document)
    }
    # One note not called, a number skipped or numbered paragraphs: not an excerpt's notes.
    uncalled = "Text.4 More text. And more.6\n\n"
    assert _chain_numbers(uncalled + text[len(calls) :], len(uncalled)) is None
    skipped = calls + "4 YHD, p.2.\n6 VARUH, p.7.\n"
    assert _chain_numbers(skipped, len(calls)) is None
    paragraphs = calls + "4. YHD said.\n5. VARUH said.\n6. VARUH also said.\n"
    assert _chain_numbers(paragraphs, len(calls)) is None
    # Nor is one line that opens with a number the text holds ("8 CFR 1240.21").
    alone = "Under INA 240A, see 8 U.S.C. 1229b.\n8 CFR 1240.21(c)(1), the Court may deny it.\n"
    assert _chain_numbers(alone, alone.index("\n8 CFR")) is None


# An excerpt of a GAO report's PDF text: notes numbered from 33, each number glued to its text
# at a line's start ("33Improving"), one run on inside the note before ("1994). 34See").
GLUED_NUMBERS = (
    "Case Illustration: Army Research Laboratory\n"
    "These reforms can help redirect an organization's culture to a new focus on\n"
    "results.33 Each federal agency needs to meld these reforms into a coherent,\n"
    "unified effort.34 ARL's performance measures gauge the relevance of its\n"
    "current work to the agency's long-term goals. As part of its\n"
    "performance\n"
    "33Improving Government: Actions Needed to Sustain and Enhance\n"
    "Management Reforms\n"
    "(GAO/T-OCG-94-1, Jan. 27, 1994). 34See, for example, Managing IRS: Important\n"
    "Strides Forward Since 1988 (GAO/GGD-91-74, Apr. 29, 1991).\n"
    "measurement efforts, ARL established customer service standards and sent\n"
    "surveys to its customers. We issued reports on six state governments.35\n"
    "We also reviewed the management studies of large federal departments.36\n"
    "35GAO/AIMD-94-115, May 1994; and GAO/GGD-96-35, Dec. 26, 1995.\n"
    "36GAO/GGD-95-22, Dec. 21, 1994; and GAO/GGD-95-120, May 2, 1995.\n"
)


def test_notes_whose_numbers_are_glued_to_their_texts_chain_where_each_is_called() -> None:
    document = provenance.parse(GLUED_NUMBERS)
    linked = _linked_lines(document)
    assert linked == {33: (3, 7), 34: (4, 9), 35: (12, 14), 36: (13, 15)}
    bodies = {note.number: note.body.text for note in document.footnotes if note.body}
    assert bodies[33].endswith("(GAO/T-OCG-94-1, Jan. 27, 1994).")
    assert bodies[34].startswith("See, for example") and "measurement" not in bodies[34]


def test_numbers_glued_to_lines_nothing_calls_strictly_are_no_chain() -> None:
    # The same lines, their calls gone: "35GAO" and "36GAO" are codes' lines, not notes.
    uncalled = GLUED_NUMBERS.replace("governments.35", "governments.").replace(
        "departments.36", "departments."
    )
    document = provenance.parse(uncalled)
    assert not {note.number for note in document.footnotes if note.body} & {35, 36}


# A paper's PDF text that runs a page's notes on inside its lines ("subclasses. 2 These").
RUN_ON_NOTES = (
    "Creating a competitive environment would involve eliminating the rules\n"
    "that were honored.1 It would end the Private Express Statutes2 and the\n"
    "mailbox rule.3 Absent these, some portions of the mail stream would attract\n"
    "1 As discussed below, it required continuation of 5 preferred\n"
    "subclasses. 2 These statutes are laws that comprise the letter mail\n"
    "monopoly. 3 The mailbox rule specifies that no one other than the\n"
    "Postal Service may put mail into the box. The ability to control mail\n"
    "fraud would be\n"
    "the attention of competitors. The Postal Service would suffer losses in\n"
    "2000. 5 members of the board said so.4\n"
    "4 See the annual report of the Postmaster General, 1998.\n"
)


def test_notes_run_on_inside_a_line_after_a_sentence_are_chained_where_called() -> None:
    document = provenance.parse(RUN_ON_NOTES)
    linked = _linked_lines(document)
    assert linked == {1: (2, 4), 2: (2, 5), 3: (3, 6), 4: (10, 11)}
    bodies = {note.number: note.body.text for note in document.footnotes if note.body}
    assert bodies[1] == "As discussed below, it required continuation of 5 preferred subclasses."
    # Cut by its page, the last note of the run ends where the line that finishes the
    # sentence above the run's first note ("would attract" / "the attention") begins.
    assert bodies[3].endswith("to control mail fraud would be")


def test_a_number_after_a_sentence_inside_a_line_opens_a_note_only_before_capitals() -> None:
    def run_on(line: str) -> list[int]:
        return [s.number for s in layout._run_on_starts(line, LineIndex(line), 0, len(line))]

    def run_on_line(text: str, end: int) -> list[tuple[int, int | None]]:
        starts = layout._run_on_starts(text, LineIndex(text), 0, end)
        return [(s.number, s.text_start) for s in starts]

    assert run_on("subclasses. 4 These statutes") == [4]
    assert run_on("(GAO/T-OCG-94-1, Jan. 27, 1994). 34See, for example") == [34]
    assert run_on("General, 1998. 16 Unaddressed mail") == [16]
    # The number ends the line and the note's text is on the next (train 270).
    two_lines = "terms to all recipients. 8\nA regulator might well"
    assert run_on_line(two_lines, two_lines.index("\n")) == [(8, two_lines.index("A "))]
    # A figure, a section's number, a numbered paragraph: no note.
    assert run_on("in 2000. 5 members of the board") == []
    assert run_on("## **2.1. Falsos positivos**") == []
    assert run_on("as follows. 3. The Committee") == []


def test_a_note_run_on_inside_the_note_before_fills_only_a_number_the_chain_lacks() -> None:
    calls = "Called.6 Then.7 After.8\n"
    notes = "6 Six. 7See seven.\n8 Eight.\n7 Seven, set out of order.\n"
    text = calls + notes
    lines = _lines(text)
    found = {
        start.number: start
        for line_start, line_end in lines
        if (start := note_start(text, line_start, line_end)) is not None
    }
    called = layout._Calls(text, [(0, len(calls))], LineIndex(text))
    index = LineIndex(text)
    # 7 lacking: the run-on "7See" fills it.
    filled = layout._with_inside_starts(text, index, (found[6], found[8]), called)
    assert [(s.number, text[s.text_start : s.text_start + 3]) for s in filled] == [
        (6, "Six"),
        (7, "See"),
        (8, "Eig"),
    ]
    # 7 held, set out of order further down: not looked for again.
    members = (found[6], found[8], found[7])
    assert layout._with_inside_starts(text, index, members, called) == members


def test_two_lost_numbers_with_no_number_moved_to_the_page_foot_end_the_chain() -> None:
    # Notes 3 and 4 lost with nothing at the page foot: two numbers in a row are not bridged;
    # the notes after the gap are read only as a run of their own, every one called in order
    # (as an excerpt's later pages keep theirs), and not at all where one is not called.
    calls = "One.1 Two.2 Three.3 Four.4 Five.5 Six.6\n\n"
    text = calls + "1 YHD, p.2.\n2 VARUH, p.3.\n5 VARUH, p.7.\n6 YHD, p.9.\n"
    assert _chain_numbers(text, len(calls)) == [1, 2, 5, 6]
    uncalled = "One.1 Two.2 Three.3 Four.4 Five. Six.6\n\n"
    assert _chain_numbers(uncalled + text[len(calls) :], len(uncalled)) == [1, 2]


def test_two_lost_numbers_are_not_bridged_to_a_line_nothing_calls() -> None:
    calls = "One.1 Two.2 Three.3\n\n"
    text = calls + "1 YHD, p.2.\n2 VARUH, p.3.\n3 VARUH, p.7.\n\n6 August 1949 was a date.\n"
    assert _chain_numbers(text, len(calls)) == [1, 2, 3]
    text = calls + "1 YHD, p.2.\n2 VARUH, p.3.\n\n5 August 1949 was a date.\n"
    assert _chain_numbers(text, len(calls)) == [1, 2]


def test_a_numbered_paragraph_does_not_fill_the_gap_of_a_lost_note() -> None:
    calls = "One.1 Two.2 Three.3\n\n"
    text = calls + "1 YHD, p.2.\n2. A numbered paragraph of the report.\n3 VARUH, p.7.\n"
    assert _chain_numbers(text, len(calls)) == [1, 3]


# Note 3 lost and note 4's number moved below note 5: two numbers are missing in a row.
BRIDGED = (
    "Health savings equal mitigation costs. 1\n"
    "Access improved for communities (see A/75/181). 2\n"
    "Other access improved. 3 And more. 4\n"
    "Transformative change is needed. 5 It goes on.\n"
    "__________________\n"
    "1\n\nSubmission by the Global Climate and Health Alliance.\n"
    "2\n\nSubmission by the Saami Council.\n"
    "See also submission by the Migration Youth and Children Platform.\n"
    "5\nKaren O’Brien and others, Thematic Assessment Report\n"
    "(Intergovernmental Platform, 2024).\n"
    "4\n" + _page_end(3) + "The next page opens with prose. 6 And a call.\n"
    "__________________\n"
    "6\nSee the report.\n" + _page_end(4) + "The third page.\n" + _page_end(5) + "The end.\n"
)


def test_a_lost_note_beside_a_number_moved_to_the_page_foot_leaves_the_later_notes_read() -> None:
    document = provenance.parse(BRIDGED)
    bodies = {n.number: n.body.text if n.body else None for n in document.footnotes}
    assert sorted(bodies) == [1, 2, 3, 4, 5, 6]
    assert bodies[5] is not None and bodies[5].startswith("Karen O’Brien and others, Thematic")
    assert bodies[6] == "See the report."
    assert "notes-not-found" in {f.rule for f in provenance.check(document)}


def test_a_bridge_over_two_numbers_too_little_called_keeps_the_notes_before_it() -> None:
    # Note 6 no longer called: 3 of 4 notes called is too few to trust the bridge from 2 to 5,
    # but notes 1 and 2 are still read.
    text = BRIDGED.replace("prose. 6", "prose.")
    document = provenance.parse(text)
    bodies = {n.number: n.body.text if n.body else None for n in document.footnotes}
    assert bodies[1] == "Submission by the Global Climate and Health Alliance."
    assert bodies[2] is not None and bodies[2].startswith("Submission by the Saami Council.")


# OCR of a decision's page-foot notes: note 1's number alone on its line above its text, the
# others opening their text ("2 In its decision ..."); page numbers and running lines between.
OCR_NOTES = """\
The respondent was removed in 2004 (I.J. at 1-2).' He returned in 2010.
The court held that the conviction did not render him removable. Id.2
The court's analysis is instructive, but we agree with the respondent
1
Although the respondent was also charged, the judge did not sustain that charge.
2 In its decision, the court only discussed one ground.
2
Cite as: Eric Omari Thorpe, A047 924 686 (BIA Sept. 29, 2017)
that he was improperly ordered removed, as the statute of conviction shows.3
More reasoning follows here, at length, on the statute.
3
Cite as: Eric Omari Thorpe, A047 924 686 (BIA Sept. 29, 2017)
3 We held in Matter of Teixeira that a prior version was divisible.
4
Cite as: Eric Omari Thorpe, A047 924 686 (BIA Sept. 29, 2017)
"""


def test_a_first_note_numbered_alone_above_its_text_leads_notes_that_open_their_text() -> None:
    document = provenance.parse(OCR_NOTES)
    found = {
        n.number: ([m.span.line for m in n.markers], n.body.span.line if n.body else None)
        for n in document.footnotes
    }
    assert {number: body for number, (_calls, body) in found.items()} == {1: 4, 2: 6, 3: 13}
    assert found[2][0] == [2]


@given(st.lists(st.tuples(st.integers(0, 500), st.integers(0, 500), st.booleans()), max_size=20))
def test_content_lines_kept_as_offsets_read_as_the_lines_given(
    triples: list[tuple[int, int, bool]],
) -> None:
    kept = ContentLines(500)
    for start, end, opens in triples:
        kept.append(start, end, opens)
    expected = [ContentLine(start, end, opens) for start, end, opens in triples]
    assert list(kept) == expected and len(kept) == len(expected)
    assert list(kept[1:3]) == expected[1:3]


def test_an_unheaded_list_reads_the_same_from_content_lines_kept_as_offsets() -> None:
    text = (
        "Some prose that ends here.\n\n"
        'Amnesty International. 2 May 1999. "Nigeria: Detentions." London.\n\n'
        'Human Rights Watch. 3 June 2001. "Kenya: Arrests." New York.\n'
    )
    lines: list[ContentLine] = []
    position = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append(ContentLine(position, position + len(line), True))
        position += len(line) + 1
    kept = ContentLines(len(text))
    for line in lines:
        kept.append(line.start, line.end, line.opens_block)
    assert trailing_source_list(text, kept) == trailing_source_list(text, lines)
    assert len(trailing_source_list(text, kept)) == 2


# Two numbered headings in an agency's report ("1. Base Estimate", "2. Alternative Estimate")
# whose numbers a note call and a year happen to give before them ("levels.1", "in 2020.2").
NUMBERED_HEADINGS = """\
The act would reduce emissions by approximately 70% from current levels.1 These
reductions would cost $3.7 billion in 2010 and $6.5 billion in 2020.2
Mortality
1. Base Estimate
Over a dozen studies have found significant associations between
long-term exposure and mortality (Dockery et al., 1993).
2. Alternative Estimate
To reflect concerns about the limits of these studies, an estimate
was derived from time-series studies (Schwartz, 2000).
"""


def test_two_numbered_headings_are_not_notes_whatever_calls_their_numbers() -> None:
    text = NUMBERED_HEADINGS
    assert find_note_chain(text, LineIndex(text), _lines(text), [(0, len(text))]) is None
    document = provenance.parse(text)
    assert [n.body for n in document.footnotes if n.body is not None] == []
    # The paragraphs under the headings are running text, their citations read as such.
    assert [c.text for c in document.citations] == ["Dockery et al., 1993", "Schwartz, 2000"]


def test_two_called_notes_with_sentences_are_still_notes() -> None:
    text = (
        "The act would reduce emissions from current levels.1 It would cost more in 2020.2\n"
        "\n"
        "1. The cut is 73 percent for sulfur dioxide.\n"
        "2. Costs are in 1999 dollars.\n"
    )
    chain = find_note_chain(text, LineIndex(text), _lines(text), [(0, text.index("\n\n"))])
    assert chain is not None
    assert [s.number for s in chain.starts] == [1, 2]


# A research paper's text from PDF: page-foot notes set where the page foot fell in the running
# text, notes 1-2 with their numbers alone above their text, note 3 with its text on its line,
# and the running text going on in lower case under the notes that broke it.
PAGE_FOOT_NOTES = """\
1. INTRODUCTION
Delivery costs differ between areas.1 The post serves
every address.2 Rural routes are long and the fixed cost of
1
The conditions for entry depend on other factors.
2
A stop can serve one or more addresses.
delivery is high.3 Kiosks lower it.

2. POSTAL DENSITY
Density matters.
3 See PRC Docket No. R2000-1.
"""


def test_notes_set_two_ways_on_one_page_are_one_chain() -> None:
    document = provenance.parse(PAGE_FOOT_NOTES)
    assert [
        (n.number, [m.span.line for m in n.markers], n.body.span.line if n.body else None)
        for n in document.footnotes
    ] == [(1, [2], 4), (2, [3], 6), (3, [8], 12)]


def test_running_text_in_lower_case_under_a_note_is_not_the_note() -> None:
    document = provenance.parse(PAGE_FOOT_NOTES)
    body = document.footnotes[1].body
    assert body is not None
    assert body.text == "A stop can serve one or more addresses."


def test_numbered_sections_in_capitals_are_no_chain_of_notes() -> None:
    text = (
        "1. INTRODUCTION\nThe post1 changed in 2000.2 It grew.3\n\n"
        "2. GENERAL RULES\nText.\n\n3. IMMEDIATE CHANGES\nMore text.\n\n"
        "4. BASIC PRODUCTS OFFERED\nEnd.\n"
    )
    chain = find_note_chain(text, LineIndex(text), _lines(text), [(0, len(text))])
    assert chain is None


def test_an_excerpt_s_later_runs_of_notes_go_on_after_the_first() -> None:
    # Notes 1-3, then the pages kept further on with notes 8-9: each run called in order.
    text = (
        "Start.1 More.2 Then.3\n\n1 Interview, May 2022.\n2 Ibid.\n3 Ibid.\n\n"
        "Later pages.8 And on.9\n\n8 Interview with a team, April 2022.\n9 Ibid.\n"
    )
    document = provenance.parse(text)
    assert [
        (n.number, [m.span.line for m in n.markers], n.body.span.line if n.body else None)
        for n in document.footnotes
    ] == [(1, [1], 3), (2, [1], 4), (3, [1], 5), (8, [7], 9), (9, [7], 10)]


def test_a_chart_s_axis_of_numbers_alone_is_no_note() -> None:
    # Note 2's number alone above its text, then a chart whose axis a PDF's text sets as
    # numbers alone ("30", "20", "10"): the "2" of the axis is no second note 2.
    text = (
        "Costs fell.1 Margins rose.2\n\n1\nSee Docket No. R2000-1.\n2\n"
        "Profit margin is the ratio of profits to costs.\n\n30\n20\n2\n0\nAverage margin\n"
    )
    chain = find_note_chain(text, LineIndex(text), _lines(text), [(0, len(text))])
    assert chain is not None
    assert [(s.number, text.count("\n", 0, s.line_start) + 1) for s in chain.starts] == [
        (1, 3),
        (2, 5),
    ]
    # A page's number beside a note's number alone is no axis ("2", "9", then the text).
    page = "Costs fell.1 Letters were sent.2\n\n1\nSee A.\n2\n9\nSee the web page.\n"
    chain = find_note_chain(page, LineIndex(page), _lines(page), [(0, len(page))])
    assert chain is not None
    assert [s.number for s in chain.starts] == [1, 2]


# Plain pdftotext of a UN report: the numbers of a page's first notes go below its last note,
# their texts stay at the top of the page's notes without them (S/2025/420, S/2025/239).
PAGE_TOP = (
    "Gangs control most of the capital. 1 Forces lack equipment.2\n"
    "__________________\n\n"
    "See the first source.\n"
    "2\n"
    "See the second source.\n"
    "1\n" + _page_end(2) + "Two officers were killed. 3 Gangs killed four soldiers. 4 Residents\n"
    "protested. 5 The task force used drones. 6 Attacks\n"
    "__________________\n\n"
    "See the third source.\n"
    "This community has suffered repeated attacks since\n"
    "January, with more killed at the end of March.\n"
    "5\n"
    "See the fifth source.\n"
    "6\n"
    "See the sixth source.\n"
    "3\n"
    "4\n" + _page_end(3) + "The next page.\n" + _page_end(4) + "The last page.\n"
)


def test_the_numbers_of_a_pages_first_notes_moved_below_its_last_take_the_texts_at_its_top() -> (
    None
):
    document = provenance.parse(PAGE_TOP)
    notes = {
        n.number: (n.body.span.line, n.body.text) for n in document.footnotes if n.body is not None
    }
    assert notes == {
        1: (_line_of(PAGE_TOP, "1\n\n25-11710"), "See the first source."),
        2: (_line_of(PAGE_TOP, "2\nSee the second"), "See the second source."),
        3: (_line_of(PAGE_TOP, "3\n4\n"), "See the third source."),
        4: (
            _line_of(PAGE_TOP, "4\n\n25-11710"),
            "This community has suffered repeated attacks since January, with more killed at "
            "the end of March.",
        ),
        5: (_line_of(PAGE_TOP, "5\nSee the fifth"), "See the fifth source."),
        6: (_line_of(PAGE_TOP, "6\nSee the sixth"), "See the sixth source."),
    }
    assert all(n.markers for n in document.footnotes)


def test_two_numbers_moved_together_below_a_pages_notes_are_both_displaced() -> None:
    # Content lines: the page's furniture (job number, page number, running head) left out.
    furniture = ("25-11710", "/25", "A/80/188")
    lines = [
        (start, end)
        for start, end in _lines(PAGE_TOP)
        if not PAGE_TOP[start:end].strip("\f").endswith(furniture)
    ]
    starts = [s for start, end in lines if (s := note_start(PAGE_TOP, start, end))]
    line_starts = [start for start, _ in lines]
    moved = layout._displaced_numbers(PAGE_TOP, starts, line_starts)
    assert [s.number for s in moved] == [1, 3, 4]


# An excerpt's pages: notes 97-101, the number of the first moved below the last, and a
# heading whose call closes it ("Four-wheel drive vehicles 99").
LATE_MOVED = (
    "Gold mining (SLA/AW and RSF) 97\n"
    "90. Gold mining has financed SLA/AW. 98\n\n"
    "C.\n\n"
    "Four-wheel drive vehicles 99\n"
    "91. Prices varied with the purity of the gold. 100 The Panel was informed.\n"
    "92. In October, RSF bought vehicles through a broker. 101 He paid in cash.\n"
    "__________________\n\n"
    "This section is based on interviews with former combatants.\n"
    "98\n"
    "See S/2022/48.\n"
    "99\n"
    "Interviews with vehicle owners, October 2024.\n"
    "100\n"
    "According to https://goldpricez.com/.\n"
    "101\n"
    "Interviews with traders, October 2024.\n"
    "97\n" + _page_end(10) + "The next page.\n" + _page_end(11) + "A page.\n" + _page_end(12)
)


def test_an_excerpts_notes_of_numbers_alone_start_late_where_a_moved_number_shows_the_page() -> (
    None
):
    document = provenance.parse(LATE_MOVED)
    found = {
        n.number: (n.body.span.line if n.body else None, [m.span.line for m in n.markers])
        for n in document.footnotes
    }
    assert found == {
        97: (_line_of(LATE_MOVED, "97\n\n25-11710"), [1]),
        98: (_line_of(LATE_MOVED, "98\nSee"), [2]),
        99: (_line_of(LATE_MOVED, "99\nInterviews"), [_line_of(LATE_MOVED, "Four-wheel")]),
        100: (_line_of(LATE_MOVED, "100\nAccording"), [_line_of(LATE_MOVED, "91. Prices")]),
        101: (_line_of(LATE_MOVED, "101\nInterviews"), [_line_of(LATE_MOVED, "92. In")]),
    }


def test_numbers_alone_do_not_start_late_without_a_moved_number() -> None:
    # The same lines without the moved "97": nothing shows these are a page's notes.
    text = LATE_MOVED.replace("97\n" + _page_end(10), _page_end(10))
    text = text.replace("This section is based on interviews with former combatants.\n", "")
    document = provenance.parse(text)
    assert [n.number for n in document.footnotes if n.body is not None] == []


# A number a PDF's text moved into another note's text, below the note after it on its page.
MOVED_INTO = (
    "A truck was seized. 3 Investigations go on. 4 Police acted. 5\n"
    "__________________\n\n"
    "The Prime Minister confirmed the strike.\n"
    "4\n"
    "See the fourth source.\n"
    "5\n"
    "Estimated value: $1 million.\n"
    "3\n\n"
    "Estimated value in Europe: $8 million.\n" + _page_end(2) + "The next page.\n" + _page_end(3)
)


def test_a_number_moved_into_another_notes_text_takes_the_text_at_the_pages_top() -> None:
    text = "Drones were used. 1 Gangs grew. 2\n__________________\n\n1\nSee one.\n2\nSee two.\n"
    text += _page_end(1) + MOVED_INTO
    document = provenance.parse(text)
    notes = {
        n.number: (n.body.span.line, n.body.text) for n in document.footnotes if n.body is not None
    }
    moved = _line_of(text, "3\n\nEstimated")
    assert notes[3] == (moved, "The Prime Minister confirmed the strike.")
    assert notes[5][1] == "Estimated value: $1 million."


def _geneva_page(body: str) -> str:
    return "\fA/HRC/1/1\n\n" + body


# A Human Rights Council document as plain pdftotext gives it: paragraph numbers alone, the
# page's number alone beside the job number "GE.25-00001", and page-foot notes whose numbers
# the extraction split from their texts in every way it does.
GENEVA = (
    "A/HRC/1/1\n\nReport of the Forum\n\nGE.25-00001 (E)\n\n"
    + _geneva_page(
        "1.\nThe Forum met in Geneva.1 It heard States. 2 It heard others.3\n"
        "It closed on time.4\n\n1\n\nSee source one.\nSee source two.\n"
        "3 See source three.\n4 See source four.\n2\n\n2\n\nGE.25-00001\n\n"
    )
    + _geneva_page(
        "2.\nThe second day was longer. 5 Many spoke.6\n\n5\n6\n\nGE.25-00001\n\n"
        "See source five.\nSee source six.\n3\n\n"
    )
    + _geneva_page(
        "3.\nThe third day closed the Forum.7\n\n7\n\nSee source seven.\n\n4\n\nGE.25-00001\n\n"
    )
    + _geneva_page("4.\nThe last page.8\n\nSee source eight.\n8\n\n5\n\nGE.25-00001\n")
)


def test_geneva_page_foot_notes_split_from_their_numbers_are_read_and_linked() -> None:
    document = provenance.parse(GENEVA)
    read = {
        n.number: (n.body.span.line, n.body.text, [m.span.line for m in n.markers])
        for n in document.footnotes
        if n.body is not None
    }
    one = _line_of(GENEVA, "1.\nThe Forum")
    assert read == {
        1: (_line_of(GENEVA, "1\n\nSee source one"), "See source one.", [one + 1]),
        2: (_line_of(GENEVA, "2\n\n2\n"), "See source two.", [one + 1]),
        3: (_line_of(GENEVA, "3 See"), "See source three.", [one + 1]),
        4: (_line_of(GENEVA, "4 See"), "See source four.", [one + 2]),
        5: (_line_of(GENEVA, "5\n6\n"), "See source five.", [_line_of(GENEVA, "second day")]),
        6: (_line_of(GENEVA, "6\n\nGE"), "See source six.", [_line_of(GENEVA, "second day")]),
        7: (_line_of(GENEVA, "7\n\nSee"), "See source seven.", [_line_of(GENEVA, "third day")]),
        8: (_line_of(GENEVA, "8\n\n5"), "See source eight.", [_line_of(GENEVA, "last page")]),
    }


def test_page_numbers_a_page_calls_are_no_evidence_of_page_numbering() -> None:
    # One note a page, each called on its page and standing by the job number: notes, though
    # their numbers go up one a page.
    text = "".join(
        f"Text calling a note.{n}\n\nGE.25-00001\n\n{n}\n\nSee the source.\n\n\f" for n in (1, 2, 3)
    )
    document = provenance.parse(text)
    assert [(n.number, n.body is not None) for n in document.footnotes] == [
        (1, True),
        (2, True),
        (3, True),
    ]


@given(st.text(alphabet="a1_ .;)\"”’'\t\n2(é9x", max_size=30))
def test_the_places_a_note_may_run_on_are_where_the_run_on_pattern_matches(text: str) -> None:
    """Found from the closing marks, the places are those of the pattern's own scan, a match
    never begun inside the one before ("a. 1. 2": one place)."""
    expected = [match.start() for match in layout._RUN_ON.finditer(text)]
    assert layout._run_on_places(text) == expected


def test_a_gap_start_reads_its_line_once_for_all_the_missing_numbers() -> None:
    plain, glued = "12 See the report.\n", "12See the report.\n"
    for line in (plain, glued):
        found = layout._gap_start(line, 0, len(line) - 1, {3, 12})
        assert found is not None and found.number == 12
        assert layout._gap_start(line, 0, len(line) - 1, {11}) is None
        assert layout._gap_start(line, 0, len(line) - 1, set()) is None


def test_two_lost_notes_whose_calls_stand_in_order_are_bridged() -> None:
    # Notes 3 and 4 lost, numbers alone above their texts (a PDF's text of page-foot notes):
    # notes 5 and 6 cannot start a run of their own, but the calls of 3 and 4 stand in order
    # between those of 2 and 5, so the chain goes on over the gap; not where one is missing.
    calls = "One.1 Two.2 Three.3 Four.4 Five.5 Six.6\n\n"
    notes = "1\nYHD, p.2.\n2\nVARUH, p.3.\n5\nVARUH, p.7.\n6\nYHD, p.9.\n"
    assert _chain_numbers(calls + notes, len(calls)) == [1, 2, 5, 6]
    uncalled = calls.replace("Four.4", "Four.")
    assert _chain_numbers(uncalled + notes, len(uncalled)) == [1, 2]


# A report's page-foot notes, numbers alone above their texts, two of three called after a
# space as ``pdftotext -layout`` sets them; then, on a later page, an annex's numbered
# paragraphs that the same figures "call" as often (train 421).
FOOT_THEN_ANNEX = (
    "The evaluation 1 highlighted gains. Staff rose (15 now against\n"
    "4 before). 2 There was more.\n"
    "It is on the website. 3\n"
    "\n"
    "   __________\n"
    "     1\n"
    "       OIOS, evaluation of the system, 2024.\n"
    "     2\n"
    "       See https://example.org/statistics.\n"
    "     3\n"
    "       See https://example.org/website.\n"
    "\f\n"
    "Annex\n"
    "     1.   The tables below show the expenditures of the year.\n"
    "     2.   In the year, most of the budget went to posts.\n"
    "     3.   The remaining part of the budget covered other costs.\n"
)


def test_of_chains_called_as_often_the_one_called_on_its_own_page_is_the_notes() -> None:
    text = FOOT_THEN_ANNEX
    chain = find_note_chain(text, LineIndex(text), _lines(text), [(0, text.index("\n\n"))])
    assert chain is not None
    assert [s.number for s in chain.starts] == [1, 2, 3]
    assert all(s.text_start is None for s in chain.starts)


# A United Nations document of the 1990s (train 422): calls are the number and a slash after a
# space, one note called twice, the bodies at the page's foot with the same slash.
SLASH_NOTES = """\
3.   The Committee considered chapter VI of the report of the Special Committee. 1/

4.   The Committee rejected the amendment by a recorded vote of 55 to 48, with
22 abstentions. 2/ The voting was as follows:

     In favour:    Andorra, Armenia, Australia.

5.   The Committee drew attention to chapter V of that report. 1/ It adopted the draft
resolution as a whole by a recorded vote of 70 to 41. 3/


     1/   See A/50/23 (Part III).

     2/   Statements in explanation of vote were made by Mexico and Oman.

     3/   Subsequently, the Secretariat was informed that Egypt would have voted in favour.
"""


def test_slash_calls_and_slash_bodies_are_read_and_linked() -> None:
    document = provenance.parse(SLASH_NOTES)
    assert [
        (n.number, [m.span.line for m in n.markers][:1], n.body.span.line if n.body else None)
        for n in document.footnotes
    ] == [(1, [1], 12), (2, [4], 14), (3, [9], 16)]


@pytest.mark.parametrize(
    ("line", "number"),
    [
        # A table's cell wrapped under its session (train 423): a date, not note 12.
        ("                     12 January 2026", None),
        ("   6 May 2013", None),
        ("   1 October 2022.", None),
        # A note's text may open with a date and go on.
        ("   6 May 2013 statement of the Minister of the Interior.", 6),
        ("   12 See CMW/C/SR.571.", 12),
    ],
)
def test_a_date_alone_on_its_line_opens_no_note(line: str, number: int | None) -> None:
    start = note_start(line, 0, len(line))
    assert (start.number if start is not None else None) == number


# A report's page-foot notes 1-3, then an annex whose page-foot notes are numbered from 1 again
# (train 421): calls set after a space, the report's note 1 called by nothing the scans read.
RESTARTED = (
    "The evaluation of the system 1 highlighted gains. Staff rose in the year. 2 There\n"
    "was more. It is all on the website. 3\n"
    "\n"
    "   __________\n"
    "     1\n"
    "       OIOS, evaluation of the system, 2024.\n"
    "     2\n"
    "       See https://example.org/statistics.\n"
    "     3\n"
    "       See https://example.org/website.\n"
    "\f\n"
    "Annex\n"
    "     1.   By March, $202.1 million in funding 1 had been recorded against the budget.\n"
    "     2.   There were 130 resident coordinators. 2 There were 41 posts in the region.\n"
    "\n"
    "   __________\n"
    "     1\n"
    "       Including $21.9 million yet to be received.\n"
    "     2\n"
    "       There are 10 positions funded with the missions.\n"
)


def test_notes_numbered_from_1_again_in_an_annex_are_read_and_called_in_their_part() -> None:
    document = provenance.parse(RESTARTED)
    assert sorted(
        (n.body.span.line if n.body else None, n.number, [m.span.line for m in n.markers])
        for n in document.footnotes
    ) == [(5, 1, []), (7, 2, [1]), (9, 3, [2]), (17, 1, [13]), (19, 2, [14])]


def test_page_foot_notes_far_below_a_colon_are_no_list_it_announces() -> None:
    # A/48/653 (1995): the page's last line announces a quotation with a colon; the page's
    # notes stand two blank lines below it, and are notes.
    text = (
        "drew attention to chapter VI of the report. 1/ It was rejected by 55 votes. 2/\n\n"
        "     (a)   The title of the item would be replaced by:\n\n\n"
        "     1/   See A/48/23 (Part III). To be incorporated in Official Records.\n\n"
        "     2/   A statement in explanation of vote was made by Belgium.\n\n"
        "The draft was adopted by a recorded vote of 55 to 48. 3/ The voting was as follows:\n\n"
        "     3/   Subsequently, the delegations of Panama and Kuwait informed the Committee.\n"
    )
    chain = find_note_chain(text, LineIndex(text), _lines(text), [(0, len(text))])
    assert chain is not None
    assert [s.number for s in chain.starts] == [1, 2, 3]
    # The same lines right under the colon are the items it announces.
    close = text.replace("replaced by:\n\n\n", "replaced by:\n")
    assert find_note_chain(close, LineIndex(close), _lines(close), [(0, len(close))]) is None


def test_a_number_and_a_slash_alone_is_a_note_number_not_a_paragraph_s() -> None:
    text = "1/\nSee A/50/23 (Part III).\n12.\n"
    slash = note_start(text, 0, 2)
    assert slash is not None and slash.number == 1 and not slash.period
    assert slash.text_start is None
    paragraph = note_start(text, 27, 30)
    assert paragraph is not None and paragraph.number == 12 and paragraph.period


# A/80/33 (the Special Committee on the Charter, 2025): page-foot notes under a rule, most
# called after the semicolons of a list of documents ("security; 3 a further"), which the
# scans only guess; the rule above each page's notes is the evidence that they are notes.
RULED_NOTES = (
    "9.   General statements were made at the 312th and 313th meetings. 1\n"
    "10. The Committee had before it a revised proposal by Libya on the role of the\n"
    "Organization in the maintenance of peace; 2 a further revised version of the working\n"
    "paper by Belarus; 3 and a revised working paper by Cuba on working methods; 4 a\n"
    "working paper by Mexico; 5 and a proposal by the Islamic Republic of Iran. 6\n"
    "\n"
    "   __________________\n"
    "     1\n"
    "       For the statements made by delegations, see the website of the Committee.\n"
    "     2\n"
    "       See A/53/33, para. 98.\n"
    "     3\n"
    "       See A/69/33, para. 37.\n"
    "     4\n"
    "       See A/74/33, para. 56.\n"
    "     5\n"
    "       See A/75/33, annex III.\n"
    "     6\n"
    "       See A/AC.182/L.167.\n"
)


def test_notes_under_a_rule_may_be_called_by_guesses() -> None:
    text = RULED_NOTES
    prose = [(0, text.index("\n\n"))]
    chain = find_note_chain(text, LineIndex(text), _lines(text), prose)
    assert chain is not None and [s.number for s in chain.starts] == [1, 2, 3, 4, 5, 6]
    # Without the rule, two calls of six read strictly are too few.
    bare = text.replace("   __________________\n", "")
    assert find_note_chain(bare, LineIndex(bare), _lines(bare), prose) is None


# A GAO guide's PDF text: each call moved to the start of the next line, glued to its first
# word, the space it stood after left at the end of the line above; the page-foot notes below
# with their numbers alone above their texts, the last one's number glued to its text.
MOVED_CALLS = (
    "We obtained information on actions that they took and considered effective in\n"
    "reducing improper payments. \n"
    "1The participants were the Department of Health and\n"
    "Human Services' Health Care Financing Administration; \n"
    "2the Social Security Administration; the Department of\n"
    "Veterans Affairs; and three private sector corporations.\n"
    "1\n"
    "For a more detailed discussion of our objectives, see appendix I.\n"
    "2\n"
    "In July 2001, the administration was renamed.\n"
    "\n"
    "Although these components are applicable to the\n"
    "entirety of an organization's operations, \n"
    "3this executive guide focuses on internal controls as\n"
    "they relate to reducing improper payments.\n"
    "3See also Internal Control Management and Evaluation Tool\n"
    "(GAO-01-1008G, August 2001).\n"
)


def test_calls_moved_to_line_starts_link_notes_with_bare_and_glued_numbers() -> None:
    document = provenance.parse(MOVED_CALLS)
    assert _linked_lines(document) == {1: (3, 7), 2: (5, 9), 3: (14, 16)}
    bodies = {note.number: note.body.text for note in document.footnotes if note.body}
    assert bodies[3].startswith("See also Internal Control")


def test_a_glued_line_after_the_notes_that_nothing_calls_after_them_is_no_note() -> None:
    # The call of 3 gone: "3See also" is not read as the next note.
    uncalled = MOVED_CALLS.replace("operations, \n3this", "operations, \nthis")
    document = provenance.parse(uncalled)
    assert 3 not in {note.number for note in document.footnotes if note.body}

"""``segment``: where headings, page furniture, source lists, notes and prose stand."""

from __future__ import annotations

import re
import textwrap

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import provenance
from provenance import segment as segment_module
from provenance.model import Date
from provenance.segment import Segmentation, SourceBlock, heading_key, segment, subtract
from provenance.span import LineIndex

_REPORT = """Country Report

Amnesty International September 1996

1. Introduction

Officials detained returnees.<sup>1</sup> See section 2 below.

Amnesty International September 1996

2. Background

More text here about the events.

Amnesty International September 1996

References

Reuters. 11 November 1994. "Returnees Detained."

Yonhap. 2 March 1999. "Talks Resume."

Notes

1 Interview in Seoul, 1999.

2. Statement of the Ministry, 4 May 1999.
"""


def _segment(text: str) -> Segmentation:
    return segment(text, LineIndex(text))


def test_running_headers_are_furniture_not_prose() -> None:
    seg = _segment(_REPORT)
    header = "Amnesty International September 1996"
    assert [_REPORT[start:end] for start, end in seg.furniture] == [header] * 3
    prose = "".join(_REPORT[start:end] for start, end in seg.prose)
    assert header not in prose
    assert "Officials detained returnees" in prose


def test_headings_carry_their_numbers() -> None:
    seg = _segment(_REPORT)
    assert [(h.number, h.title) for h in seg.headings] == [
        ("1", "Introduction"),
        ("2", "Background"),
        (None, "References"),
        (None, "Notes"),
    ]


def test_reference_entries_are_split_on_blank_lines() -> None:
    seg = _segment(_REPORT)
    entries = [(s.section, _REPORT[s.start : s.end]) for s in seg.sources]
    assert entries == [
        ("references", 'Reuters. 11 November 1994. "Returnees Detained."'),
        ("references", 'Yonhap. 2 March 1999. "Talks Resume."'),
    ]


def test_numbered_lines_under_notes_are_notes_not_headings() -> None:
    seg = _segment(_REPORT)
    assert [(b.number, b.text) for b in seg.bodies] == [
        (1, "Interview in Seoul, 1999."),
        (2, "Statement of the Ministry, 4 May 1999."),
    ]


def test_a_numbered_heading_out_of_sequence_ends_the_notes() -> None:
    text = "Notes\n\n1 Interview in Seoul, 1999.\n\n7. Conclusions\n\nThe text goes on.\n"
    seg = _segment(text)
    assert [b.number for b in seg.bodies] == [1]
    assert [(h.number, h.title) for h in seg.headings] == [(None, "Notes"), ("7", "Conclusions")]


# A UN summary whose note 3 was lost: the notes go on from 4, and the numbered paragraph "3."
# above the notes is not taken for it.
_LOST_NOTE = """\
2.     JS2 recommended a strategy.1 AI agreed.2
3.     APE recommended that Slovenia act.3 It noted more.4 And more.5

Notes
1 JS2, para. 43.
2 AI, p. 1.
4
   ICAN, p. 1.
5 APE, para. 8.
"""


def test_under_notes_a_lost_note_does_not_stop_the_notes_after_it() -> None:
    seg = _segment(_LOST_NOTE)
    assert [(b.number, b.text) for b in seg.bodies] == [
        (1, "JS2, para. 43."),
        (2, "AI, p. 1."),
        (4, "ICAN, p. 1."),
        (5, "APE, para. 8."),
    ]


def test_under_notes_a_marked_number_alone_stands_above_its_text() -> None:
    # An endnote list whose "[1]" link stands on a line of its own above the note's text.
    text = "Notes\n\n[1]\nHuman Rights Watch, 2021.\n\n[2]\nGilbert and Lynch, 2002.\n"
    seg = _segment(text)
    assert [(b.number, b.text) for b in seg.bodies] == [
        (1, "Human Rights Watch, 2021."),
        (2, "Gilbert and Lynch, 2002."),
    ]


@pytest.mark.parametrize(
    "notes",
    ["12. Interview, 2021.\n13. Letter, 2002.\n", "[12]\nInterview, 2021.\n[13]\nLetter, 2002.\n"],
)
def test_notes_under_a_heading_may_start_late_when_the_next_follows(notes: str) -> None:
    # An excerpt's or a chapter's notes: "Notes", then 12, 13.
    seg = _segment("Notes\n\n" + notes)
    assert [(b.number, b.text) for b in seg.bodies] == [
        (12, "Interview, 2021."),
        (13, "Letter, 2002."),
    ]


def test_a_late_first_line_under_notes_not_followed_by_the_next_is_no_start() -> None:
    seg = _segment("Notes\n\n12. Interview, 2021.\n14. Letter, 2002.\n")
    assert [b.number for b in seg.bodies] == []


def test_a_line_opening_with_a_figure_one_past_the_next_note_is_text() -> None:
    # "3 per cent" wraps note 1's text; nothing numbered 4 follows it, so it is no note.
    text = "Notes\n1 Survey of the ministry, with\n3 per cent answering.\n2 Letter, 1999.\n"
    seg = _segment(text)
    assert [(b.number, b.text) for b in seg.bodies] == [
        (1, "Survey of the ministry, with 3 per cent answering."),
        (2, "Letter, 1999."),
    ]


def test_heading_key_ignores_markup_case_and_colon() -> None:
    assert heading_key("## **References:**") == "references"
    assert heading_key("  Sources Consulted ") == "sources consulted"
    # A pandoc attribute block after a Markdown heading is no part of its words.
    assert heading_key("# Bibliography {#Bilbiography}") == "bibliography"
    assert heading_key("## References {.unnumbered}") == "references"
    assert heading_key("# Notes {-}") == "notes"
    # No space after the hashes: a heading only when it names a section.
    assert heading_key("##References") == "references"
    assert heading_key("#5 is the next item") == "#5 is the next item"


def test_a_markdown_heading_without_its_space_heads_a_source_list() -> None:
    text = (
        "Essay\n\nIt was so (Nonaka, 2016).\n\n##References\n"
        "_Djibouti._ (2019). UNHCR. https://reporting.unhcr.org/djibouti\n\n"
        "Nonaka, A. (2016). Title. _Journal, 248,_ 15-1.\n"
    )
    seg = segment(text, LineIndex(text))
    assert [text[b.start : b.end].split(".")[0] for b in seg.sources] == ["_Djibouti", "Nonaka, A"]
    assert heading_key("#hashtag") == "#hashtag"


@given(
    st.integers(0, 50),
    st.integers(0, 50),
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 10)), max_size=8),
)
def test_subtract_keeps_exactly_the_characters_outside_the_holes(
    start: int, width: int, raw_holes: list[tuple[int, int]]
) -> None:
    end = start + width
    merged: list[tuple[int, int]] = []
    for hole_start, hole_end in sorted((s, s + w) for s, w in raw_holes):
        if merged and hole_start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hole_end))
        else:
            merged.append((hole_start, hole_end))
    kept = {i for s, e in subtract(start, end, merged) for i in range(s, e)}
    expected = {i for i in range(start, end) if not any(s <= i < e for s, e in merged)}
    assert kept == expected


def test_a_source_list_entry_broken_over_blocks_by_pdf_text_stays_one_entry() -> None:
    import provenance

    text = (
        "Report\n\nA claim (Abdul-Zahra 2019).\n\nREFERENCES\n\n"
        "Abdul-Zahra, Q. 2019. “Parliament Approves New Election Law.” AP News\n\n"
        "December. https://apnews.com/article/e608aeef.\n\n"
        "Reuters. 2020. “Protests.” www.reuters.com/world/\n\n"
        "75228a8a607a44863b57021ac33264dc.\n\n"
        "LEXIS/NEXIS\n"
    )
    lines = [r.span.line for r in provenance.parse(text).references]
    # "AP News" stops the author-year entry where no entry ends (no full stop), so "December.
    # https://..." carries it on; so does the digest after the address; "LEXIS/NEXIS" is a
    # source of its own.
    assert lines == [7, 11, 15]


def test_an_entry_ending_in_a_wrapped_address_ends_there_and_page_numbers_are_no_entries() -> None:
    import provenance

    text = (
        "Report\n\nReferences\n\n"
        "AN ACT INSTITUTIONALIZING THE REGIONAL DATABASE FOR INFORMAL WORKERS. Accessed via\n"
        "https://parliament.example.gov.ph/uploads/2023/06/Bill-No.-194-Enhanced-MP-Rasol-\n"
        "Y.-Mitmug-Jr.-IE-Database-June-2023.pdf\n\n"
        "AN ACT PROVIDING FOR A MAGNA CARTA FOR WORKERS IN THE INFORMAL ECONOMY. Accessed\n"
        "via https://parliament.example.gov.ph/uploads/2022/05/Bill-No.-190.pdf\n\n"
        "55\n\n"
        "de Castro C (2017). The Art of War. Accessed via https://gridmagazine.ph/story/x\n\n"
        "von Hippel E (2020). Informal innovation. Accessed via https://acclabs.medium.com/\n"
        "informal-innovation-16834176cc7a\n"
    )
    refs = provenance.parse(text).references
    # An address is a whole end: the entry after it is an entry of its own, even one that
    # opens with a name's particle in lower case; "55" is the page number between them.
    assert [r.span.line for r in refs] == [5, 9, 14, 16]
    assert refs[0].entry.url == (
        "https://parliament.example.gov.ph/uploads/2023/06/Bill-No.-194-Enhanced-MP-Rasol-"
        "Y.-Mitmug-Jr.-IE-Database-June-2023.pdf"
    )
    assert (refs[2].entry.author, refs[3].entry.author) == ("de Castro C", "von Hippel E")


_PROSE = (
    "The onset of the pandemic triggered socio-economic impacts that particularly affected "
    "small enterprises and informal workers, and the response measures that targeted the poor "
    "and the formally registered left a gap in the support for those who were not qualified."
)


def test_pdf_text_headings_a_contents_line_a_running_head_and_a_broken_sentence() -> None:
    import provenance

    text = (
        "Contents\n\n1. Context 4\n\nREFERENCES\n\nviii\n\nONE\n\nContextual\nOverview\n\n"
        f"{_PROSE}\n\nemissions from non-renewable\n\nsources\n\ncontributed to as much as\n\n"
        f"{_PROSE}\n\nTHE INFORMAL ECONOMY OF MARAWI\nReferences\n\n"
        "Akinyemi, T. (2022). Digitalizing Informal Business. Accessed via https://www.undp.org/x\n"
    )
    refs = provenance.parse(text).references
    # The contents page's last line and the chapter headings after it are no list; "sources"
    # in a sentence broken up by columns is no heading; "References" under a running head in
    # capitals is.
    assert [(r.span.line, r.entry.author) for r in refs] == [(27, "Akinyemi, T.")]


def test_a_numbered_list_of_sources_is_a_list_and_the_notes_its_numbers_call() -> None:
    import provenance

    text = (
        "Rwanda\n\nThe genocide began in April 1994 [1]. Its causes are disputed [2].\n\n"
        "References\n\n"
        "[1] Des Forges, Alison. Leave None to Tell the Story. New York: HRW, 1999.\n\n"
        "[2] Mamdani, Mahmood. When Victims Become Killers. Princeton, 2001.\n\n"
        "[3] Interview with a teacher in Kigali.\n"
    )
    doc = provenance.parse(text)
    listed = [(r.span.line, r.entry.author) for r in doc.references if r.section != "footnote"]
    assert listed == [(7, "Des Forges, Alison"), (9, "Mamdani, Mahmood")]
    # Each numbered source is also the body of the note its number calls; "[3] Interview ..."
    # is a note after the list, which ends it.
    assert [(n.number, n.body is not None) for n in doc.footnotes] == [
        (1, True), (2, True), (3, True)
    ]  # fmt: skip


def test_a_note_number_over_its_text_after_a_list_is_a_note_not_the_last_entry() -> None:
    import provenance

    text = (
        "Title\n\nThe data grew.1 Others agree.2\n\nReferences\n\n"
        "Teets, Jessica C. 2014. Civil Society Under Authoritarianism. Cambridge.\n\n"
        "Wong, Wendy H. 2012. Internal Affairs. Ithaca: Cornell University Press.\n\n"
        "1.\nData collected from the Yearbook of International Organizations.\n\n"
        "2.\nSurvey respondents were asked how much their work was restricted.\n"
    )
    doc = provenance.parse(text)
    listed = [r.span.line for r in doc.references if r.section != "footnote"]
    assert listed == [7, 9]
    assert [(n.number, n.body.span.line if n.body else None) for n in doc.footnotes] == [
        (1, 11), (2, 14)
    ]  # fmt: skip


def test_a_web_copy_s_lists_end_at_external_links_categories_and_notes() -> None:
    import provenance

    text = (
        "Massacre\n\nThe village was burnt.[1] Many fled (Taylor 1991).\n\n"
        "References\n\n"
        "Taylor, John G. 1991. Indonesia's Forgotten War. London: Zed Books.\n\n"
        "External links\n\n"
        "-   Mass grave in London reveals how volcano caused global catastrophe\n\n"
        "Category:Massacres in Poland Category:Mass murder in 1943\n\n"
        "[1]\n"
    )
    document = provenance.parse(text)
    assert [r.span.line for r in document.references] == [7]
    assert [(n.number, n.body) for n in document.footnotes] == [(1, None)]
    assert [r.kind for r in document.regions if r.span.line == 13] == ["furniture"]


def test_author_year_entries_broken_over_blocks_stay_whole() -> None:
    import provenance

    text = (
        "Report\n\nA claim.\n\nREFERENCES\n\n"
        "Jüde, J. 2017. “Contesting Borders? The Formation of a De Facto State.” International\n\n"
        "Affairs 93(4): 847–863. https://doi.org/10.1093/ia/iix125.\n\n"
        "Hazard, K. 2020b. “Weekly Explosive Hazard\n\n"
        "Incidents Flash News.” 18-24 June.\n\n"
        "Enabling Peace in Iraq Center. 2020. Iraq Security Monitor: May 28-June 4, 2020.\n\n"
        "https://enablingpeace.org/ishm257/.\n\n"
        "Reporters Without Borders. 2020. “Two Journalists Shot Dead.”\n\n"
        "https://rsf.org/en/news/two-journalists-shot-dead.\n\n"
        "https://www.example.org/a-bare-address-of-its-own\n"
    )
    references = provenance.parse(text).references
    assert [r.span.line for r in references] == [7, 11, 15, 19, 23]
    assert references[0].entry.title == "Contesting Borders? The Formation of a De Facto State"
    assert references[0].entry.url == "https://doi.org/10.1093/ia/iix125"
    assert references[3].entry.url == "https://rsf.org/en/news/two-journalists-shot-dead"
    assert references[4].entry.kind == "web"


def test_bulleted_and_numbered_bibliographies_one_entry_per_mark() -> None:
    import provenance

    text = (
        "Shining Path\n\nThe group was founded in 1969 (Gorriti 1999).\n\nBibliography\n\n"
        "* Gorriti, Gustavo (1999). The Shining Path. Chapel Hill: UNC Press. ISBN 0-8078.\n"
        "* Taylor, Lewis (2006). Shining Path: Guerrilla War, 1980-1997. Liverpool:\n"
        "  Liverpool University Press.\n\n"
        "Further reading\n\n"
        "1. Human Rights Watch (2010). Title of a report. New York: HRW.\n"
        "2. UNHCR. 2019. Another title. https://www.refworld.org/docid/\n"
        "   5c2f5f.html (accessed 5 May 2020)\n"
        "- Peru: Shining Path. https://www.bbc.co.uk/news/world-1234 (accessed 5 May 2020)\n"
        "- https://www.refworld.org/country,,,,PER,,4562d8cf2,0.html\n"
    )
    document = provenance.parse(text)
    references = document.references
    assert [r.span.line for r in references] == [7, 8, 13, 14, 16, 17]
    assert [r.entry.kind for r in references] == ["author-year"] * 4 + ["web"] * 2
    assert references[1].entry.title == "Shining Path: Guerrilla War, 1980-1997"
    assert references[3].entry.url == "https://www.refworld.org/docid/5c2f5f.html"
    assert references[4].entry.accessed == Date(2020, 5, 5)
    assert [c.reference for c in document.citations] == [0]


def test_a_bulleted_address_after_an_entry_without_one_is_an_entry_of_its_own() -> None:
    import provenance

    text = (
        "Report\n\nText.\n\nFurther reading\n\n"
        "* Taylor, Lewis (2006). Shining Path. Liverpool: Liverpool University Press\n\n"
        "* https://www.refworld.org/country,,,,PER,,4562d8cf2,0.html\n\n"
        '* "Peru Rebels Kill Soldiers". BBC News. 10 April 2009. Retrieved 12 May 2010.\n'
    )
    references = provenance.parse(text).references
    assert [(r.span.line, r.entry.kind) for r in references] == [
        (7, "author-year"),
        (9, "web"),
        (11, "title-first"),
    ]
    assert references[2].entry.accessed == Date(2010, 5, 12)


def test_a_line_of_superscript_digits_under_notes_is_no_note_number() -> None:
    # str.isdigit() holds for "²⁰¹³", which int() refuses: such a line must not stop parsing.
    document = provenance.parse("Report\n\nA claim.¹\n\nNotes\n\n²⁰¹³\n\n¹ A source, 2001.\n")
    assert [(note.number, note.body is not None) for note in document.footnotes] == [(1, True)]


def test_a_known_heading_heads_the_lines_below_it_without_a_blank_line() -> None:
    # Text from a PDF: "Reference List" and its entries in one block.
    text = (
        "Report\n\nText here.\n\nReference List\n"
        "Garcia, J. N. C. 2008, Philippine Gay Culture, UP Press, Quezon City.\n"
        "Tan, M. L. 2001, 'Survival through pluralism', Journal of Homosexuality.\n"
    )
    seg = segment(text, LineIndex(text))
    assert [heading.text for heading in seg.headings] == ["Reference List"]
    assert [text[s.start : s.end].split(",")[0] for s in seg.sources] == ["Garcia", "Tan"]
    # A paragraph that only begins with such a word is not split.
    text = "Report\n\nReferences to the law\nwere made by the court.\n"
    assert segment(text, LineIndex(text)).headings == ()


def test_sources_consulted_but_not_cited_are_additional_sources() -> None:
    text = (
        "Report\n\nText.\n\nSources cited\n\nAmnesty International, ‘Report’, 24 April 2024.\n\n"
        "Sources consulted but not cited\n\nHuman Rights Watch, ‘World Report’, 11 January 2024.\n"
    )
    seg = segment(text, LineIndex(text))
    assert [source.section for source in seg.sources] == ["references", "additional-sources"]


@given(st.text(alphabet=st.sampled_from(list("ab P1 \t\f\x1c")), max_size=300))
def test_furniture_keys_are_the_short_normalised_lines(line: str) -> None:
    # Long lines are not split into every word: their key is None, as no furniture is so long.
    key = " ".join(line.split())
    assert segment_module._furniture_key(line) == (key if len(key) <= 120 else None)


def test_a_page_number_line_of_any_length_is_furniture() -> None:
    # "Page" and a number: furniture however long the number, as before.
    number = "7" * 200
    text = "Title\n\n" + "\n\n".join(f"Text {i}.\n\nPage {number}" for i in range(3)) + "\n"
    seg = segment_module.segment(text, LineIndex(text))
    assert sum(1 for start, end in seg.furniture if text[start:end].startswith("Page")) == 3


def test_running_text_after_a_list_ends_it_and_its_heading_is_no_entry() -> None:
    prose = (
        "The information in this note has been carefully selected in accordance with the "
        "general principles of research as set out in the common guidelines, and the research "
        "standards of the panel on country information."
    )
    text = (
        "Report\n\nText.\n\nBibliography\n\nAmnesty International, ‘Report’, 24 April 2024.\n\n"
        f"Research methodology\n\n{prose}\n"
    )
    seg = segment(text, LineIndex(text))
    assert [text[s.start : s.end] for s in seg.sources] == [
        "Amnesty International, ‘Report’, 24 April 2024."
    ]


def test_a_numbered_or_lettered_list_heading_is_known() -> None:
    for heading in ("7. Bibliography", "VII. REFERENCES", "Annex B: Bibliography", "A. References"):
        assert heading_key(heading) in ("bibliography", "references"), heading
    # A label alone, or a label before another title, stays what it is.
    assert heading_key("7. Findings") == "7. findings"
    assert heading_key("Annex B") == "annex b"


def test_a_page_break_ends_a_block_and_the_note_at_the_foot_of_the_page() -> None:
    # pdftotext starts each page with a form feed, often with no blank line before it: the
    # notes at the foot of one page are not the text the next page opens with.
    text = (
        "Report on protests\n\n"
        "The government committed to reforms.1 Only a handful were enacted.2\n"
        "Agencies bought access to location data.3\n\n"
        "1\n  Attorney-General, Government Response, 2023.\n"
        "2\n  MinterEllison, First Tranche of Privacy Reforms, 2025.\n"
        "3\n  Tenders Australia, Babel St, 2025.\n"
        "\f“digital fences”.4 Digital fencing tracks every device in\n"
        "a defined area, such as a protest.5\n\n"
        "4\n  Ariel Bogle, The Guardian, 6 Nov. 2023.\n"
        "5\n  Ibid.\n"
    )
    blocks = segment_module.split_blocks(segment_module.split_lines(text))
    assert any(block.lines[0].text.startswith("\f“digital") for block in blocks)
    document = provenance.parse(text)
    linked = {
        note.number: (note.markers[0].span.line if note.markers else None, note.body.span.line)
        for note in document.footnotes
        if note.body is not None
    }
    assert linked == {1: (3, 6), 2: (3, 8), 3: (4, 10), 4: (12, 15), 5: (13, 17)}
    assert "digital" not in document.footnotes[2].body.text  # type: ignore[union-attr]


def test_a_running_head_after_the_page_number_of_the_page_before_is_furniture() -> None:
    # UN documents end a page with its number and start the next with the symbol: the number
    # is not a note's number with the symbol as its text.
    page = "The Committee notes the report and its findings on the matter.\n\n"
    text = "A/HRC/WG.6/48/SVN/3\n\n" + page
    for number in (2, 3, 4):
        text += f"{number}\n\f   A/HRC/WG.6/48/SVN/3\n\n" + page
    seg = segment(text, LineIndex(text))
    heads = [text[start:end].strip("\f ") for start, end in seg.furniture]
    assert heads.count("A/HRC/WG.6/48/SVN/3") >= 3
    assert not [h for h in seg.headings if "A/HRC" in h.text]


def test_page_of_total_lines_are_furniture_when_three_share_the_total() -> None:
    pages = "".join(f"Text of page {page}.\n\n{page}/14\n\n" for page in (2, 3, 4))
    text = "Report\n\n" + pages
    seg = _segment(text)
    assert [text[start:end] for start, end in seg.furniture] == ["2/14", "3/14", "4/14"]


def test_a_fraction_standing_alone_twice_is_not_furniture() -> None:
    text = "Report\n\nShare of the vote.\n\n1/2\n\nAnd later.\n\n1/2\n\nEnd.\n"
    assert _segment(text).furniture == ()


_PDF_PAGES = (
    "Report\n\n"
    "1.\nThe mission released a report on the law. 1 Six months into it, the law stood.\n"
    "2.\nPartners reached 7.6 million people. 2 The team went on.\n"
    "3.\nSome 3.5 million children face malnutrition in 2025. 3 From January, aid fell.\n"
    "__________________\n1\n\n2/14\n\nSee https://example.org/report.\n25-08097\n\n"
    "\fA/79/947\n\nThe text of page three goes on here.\n"
    "__________________\n2\n\n3/14\n\nThis total excludes aviation.\n25-08097\n\n"
    "\fA/79/947\n\nMore text of page four.\n"
    "__________________\n3\n\n25-08097\n\nSee Integrated Food Security Phase Classification.\n"
    "4/14\n\n\fA/79/947\n\nThe last page.\n"
)


def test_a_note_number_alone_takes_its_text_across_the_page_furniture_below_it() -> None:
    seg = _segment(_PDF_PAGES)
    bodies = {body.number: (body.span.line, body.text) for body in seg.bodies}
    assert bodies == {
        1: (10, "See https://example.org/report."),
        2: (21, "This total excludes aviation."),
        3: (32, "See Integrated Food Security Phase Classification."),
    }
    prose = "".join(_PDF_PAGES[start:end] for start, end in seg.prose)
    assert "The text of page three goes on here." in prose


def test_a_note_number_alone_at_the_foot_of_a_page_does_not_take_the_next_page() -> None:
    text = _PDF_PAGES.replace("\nSee Integrated Food Security Phase Classification.\n4/14\n", "\n")
    seg = _segment(text)
    assert 3 not in {body.number for body in seg.bodies}
    prose = "".join(text[start:end] for start, end in seg.prose)
    assert "The last page." in prose


def _furniture_lines(text: str) -> list[str]:
    blocks = segment_module.split_blocks(segment_module.split_lines(text))
    return [text[s:e].strip("\f") for s, e in segment_module.find_furniture(text, blocks)]


def test_numbers_under_a_running_foot_page_after_page_are_page_numbers() -> None:
    pages = [
        f"Text of page {page}, which calls a note.{page}\n\n{page}\n\nA source of page {page}.\n\n"
        f"Digital Rights Watch\n\n{page}\n\n\f"
        for page in (2, 4, 6, 8)
    ]
    furniture = _furniture_lines("".join(pages))
    assert furniture.count("Digital Rights Watch") == 4
    assert furniture.count("6") == 1  # the page number, not note 6 above it


def test_a_long_notice_alone_on_page_after_page_is_furniture() -> None:
    # A publisher's download notice, longer than any running head, on every page.
    notice = (
        "Downloaded from https://www.cambridge.org/core. IP address: 98.115.212.49, on 06 Aug "
        "2021 at 09:53:31, subject to the Cambridge Core terms of use, available at "
        "https://www.cambridge.org/core/terms. https://doi.org/10.1017/S0003055421000848"
    )
    long_paragraph = "A paragraph of the letter on one long line, " * 4
    text = "".join(f"{long_paragraph}page {page}.\n\n{notice}\n\n\f" for page in (1, 2, 3))
    assert _furniture_lines(text) == [notice] * 3
    # Twice is not page after page, nor three times on one page (a form's question).
    assert _furniture_lines(text.replace(notice, "Another line.", 1)) == []
    assert _furniture_lines(text.replace("\f", "")) == []


def test_a_running_foot_opening_with_its_page_inside_paragraphs_is_furniture() -> None:
    # A PDF's text runs "Page 38 GAO/PEMD-91-10.1.9 Case Study Evaluations" into the
    # paragraphs around it, no blank line between, on every page.
    text = "".join(
        f"The evaluators visited {page} sites and wrote their\n"
        f"Page {page} GAO/PEMD-91-10.1.9 Case Study Evaluations\n"
        f"findings in one report.\n\n"
        for page in (38, 39, 40)
    )
    assert _furniture_lines(text) == [
        "Page 38 GAO/PEMD-91-10.1.9 Case Study Evaluations",
        "Page 39 GAO/PEMD-91-10.1.9 Case Study Evaluations",
        "Page 40 GAO/PEMD-91-10.1.9 Case Study Evaluations",
    ]
    # Twice is not a running foot, nor a sentence that opens on a page it names.
    twice = "".join(text.split("\n\n")[i] + "\n\n" for i in (0, 1))
    assert _furniture_lines(twice) == []
    sentences = (
        "Page 3 of the annual report describes the camps.",
        "Page 9 of the annual report lists the costs.",
        "Page 4 of the annual report sets out the rules.",
    )
    prose = "".join(f"As it says,\n{line}\nThe rest follows here.\n\n" for line in sentences)
    assert _furniture_lines(prose) == []


def test_notes_under_a_rule_or_a_document_symbol_are_not_page_numbers() -> None:
    for head in ("__________________", "A/79/947"):
        text = "".join(
            f"Text calling a note.{n}\n\n{head}\n\n{n}\n\nSee the source.\n\n\f" for n in (1, 2, 3)
        )
        assert not {"1", "2", "3"} & set(_furniture_lines(text))


def test_note_numbers_set_in_a_column_apart_from_their_texts_are_paired_with_them() -> None:
    # A PDF's text under an endnotes heading: numbers 1-3 in a column, their three texts under
    # the last; numbers 4-5 alone after the texts the first column took; 6 with its text.
    calls = "".join(f"Claim number {n} is made here.{n}\n" for n in range(1, 7))
    text = (
        f"{calls}\nENDNOTES\n\n1\n2\n\n3\n\n"
        "Research participants spoke broadly.\n"
        "Founded in 2009, the initiative works on data\nfor development.\n"
        "To build the database, names were merged.\n"
        "For more information, see United Nations 2018.\n"
        "Ibid.\n\n4\n5\n6 World Bank 2020a.\n"
    )
    document = provenance.parse(text)
    read = {n.number: (n.body.span.line, n.body.text) for n in document.footnotes if n.body}
    assert read == {
        1: (10, "Research participants spoke broadly."),
        2: (11, "Founded in 2009, the initiative works on data for development."),
        3: (13, "To build the database, names were merged."),
        4: (22, "For more information, see United Nations 2018."),
        5: (23, "Ibid."),
        6: (24, "World Bank 2020a."),
    }


def test_a_column_s_texts_under_its_last_number_are_not_cut_as_running_text() -> None:
    # The texts wrap over full lines after short ones, as running text does under a note: in
    # a column of numbers they are the column's texts, one after the other.
    calls = "".join(
        f"Claim number {n} is made here, in a sentence that fills a whole line.{n}\n"
        for n in range(1, 5)
    )
    wrapped = (
        "Founded in 2009, the initiative of the Secretary-General works on big data and\n"
        "artificial intelligence for development and humanitarian action in all of the\n"
        "countries where it has a presence, with partners in government and in business.\n"
    )
    text = (
        f"{calls}\nENDNOTES\n\n1\n2\n3\n4\n\n"
        "Research participants spoke broadly.\n"
        + wrapped
        + "Ibid.\n"
        + wrapped.replace("Founded in 2009", "Launched in 2016")
        + "See the World Bank database of names, merged with two other sources.\n"
    )
    document = provenance.parse(text)
    read = {n.number: n.body.text[:16] for n in document.footnotes if n.body}
    assert read == {
        1: "Research partici",
        2: "Founded in 2009,",
        3: "Ibid.",
        4: "Launched in 2016",
    }


def test_texts_run_on_under_a_note_go_to_the_numbers_standing_alone_after_it() -> None:
    calls = "".join(f"Claim number {n} is made here.{n}\n" for n in range(1, 8))
    text = (
        f"{calls}\nNotes\n\n1 Mosimann 2020.\n2 About the survey: the sample size ranged\n"
        "between 1,500 and 2,500.\nAl-Arabiya News 2020.\n\nREACH 2020.\n\nFrance 24 2020.\n\n"
        "3\n4 Garda News 2020a.\n5\n6 DW 2020c.\n7\n"
    )
    document = provenance.parse(text)
    read = {n.number: (n.body.span.line, n.body.text) for n in document.footnotes if n.body}
    assert read == {
        1: (11, "Mosimann 2020."),
        2: (12, "About the survey: the sample size ranged between 1,500 and 2,500."),
        3: (20, "Al-Arabiya News 2020."),
        4: (21, "Garda News 2020a."),
        5: (22, "REACH 2020."),
        6: (23, "DW 2020c."),
        7: (24, "France 24 2020."),
    }


def test_a_note_of_several_sentences_keeps_them_when_the_count_does_not_match() -> None:
    calls = "".join(f"Claim number {n} is made here.{n}\n" for n in range(1, 5))
    text = (
        f"{calls}\nNotes\n\n1 See the report.\nSee also the annex.\nIbid.\n"
        "2\n3 Garda News 2020a.\n4\n"
    )
    bodies = {n.number: n.body.text for n in provenance.parse(text).footnotes if n.body}
    assert bodies[1] == "See the report. See also the annex. Ibid."
    assert 2 not in bodies


# OCR of a decision whose pages ran together without a blank line: each page ends with its
# number and the "Cite as:" running line, the page-foot notes above them.
_RUN_TOGETHER = "".join(
    f"The Board held as follows on page {page}, as the decision explains at length.\n"
    f"The reasoning goes on here.{page}\n"
    f"{page} A note on page {page}.\n"
    f"{page}\n"
    "Cite as: J-A-R-, AXXX XXX 246 (BIA July 8, 2019)\n"
    for page in range(1, 5)
)


def test_running_lines_and_page_numbers_of_text_without_blank_lines_are_furniture() -> None:
    furniture = _furniture_lines(_RUN_TOGETHER)
    assert furniture.count("Cite as: J-A-R-, AXXX XXX 246 (BIA July 8, 2019)") == 4
    assert sorted(line for line in furniture if line.isdigit()) == ["1", "2", "3", "4"]
    assert not any(line.startswith(("1 A note", "The Board")) for line in furniture)


# An annual report's pages as its PDF extraction gives them: the page number and the running
# foot inside the paragraphs around them, no blank line between; blank lines elsewhere.
_FEET_IN_PARAGRAPHS = "Title\n\n" + "".join(
    f"Paragraph of page {page} that ends here.\n\n"
    f"Another paragraph of page {page} that runs to the page's end and\n"
    f"{mark}{page}\nAmnesty International Report 2012\n"
    "goes on after it on the next page.\n\n"
    for page, mark in ((144, "\ufffc\ufffc"), (145, ""), (147, ""))
)


def test_a_running_foot_beside_page_numbers_inside_paragraphs_is_furniture() -> None:
    furniture = _furniture_lines(_FEET_IN_PARAGRAPHS)
    assert furniture.count("Amnesty International Report 2012") == 3
    numbers = [line.strip("\ufffc") for line in furniture]
    assert sorted(line for line in numbers if line.isdigit()) == [
        "144",
        "145",
        "147",
    ]
    assert not any(line.startswith(("Another", "goes on")) for line in furniture)


@pytest.mark.parametrize("numbers", [(1, 2, 9), (3, 2, 1), (1, 1, 1)])
def test_a_line_beside_numbers_that_are_no_run_of_pages_is_no_running_foot(
    numbers: tuple[int, ...],
) -> None:
    # Numbers that jump, go down or repeat are not pages (notes, a list's labels).
    text = "Title\n\n" + "".join(
        f"A paragraph that runs on\n{n}\nAmnesty International Report 2012\nand ends.\n\n"
        for n in numbers
    )
    assert "Amnesty International Report 2012" not in _furniture_lines(text)


def test_a_source_cited_in_several_notes_under_their_numbers_is_no_running_foot() -> None:
    # A/80/82 (2025): page-foot notes, numbers alone above their texts, one source cited again
    # and again; its line under each number is a note's text, not a running foot.
    text = "Title\n\n" + "".join(
        f"A paragraph of page {page} that calls its notes. {first} {first + 1}\n\n"
        + "".join(
            f"Paragraph {n} of page {page}, which\nruns over two lines {n * page}.\n\n"
            for n in range(6)
        )
        + "   __________________\n"
        f"     {first}\n"
        f"       See the statistical annex to A/78/80-E/2023/64.\n"
        f"     {first + 1}\n"
        f"       Weighted averages based on modelled estimates for page {page}.\n\f"
        for page, first in ((3, 4), (4, 6), (5, 8))
    )
    furniture = _furniture_lines(text)
    assert not any("statistical annex" in line for line in furniture)
    assert not any(line.strip().isdigit() for line in furniture)


def test_a_source_cited_in_the_notes_of_one_page_is_no_running_foot() -> None:
    # E/2025/8 (2025): three notes of one page open with the same wrapped line (no stop at its
    # end); a running foot stands once a page.
    notes = "".join(
        f"     {n}\n"
        "   See Office of the High Representative for the Least Developed Countries, Landlocked\n"
        f"   Developing Countries and Small Island Developing States, report {n} (2023).\n"
        for n in (4, 5, 6)
    )
    text = (
        "Title\n\nA paragraph that calls its notes. 4 More. 5 And more. 6\n\n"
        + "".join(
            f"Paragraph {n} of the page, which\nruns over two lines {n}.\n\n" for n in range(8)
        )
        + "   __________________\n"
        + notes
        + "\fThe next page.\n"
    )
    furniture = _furniture_lines(text)
    assert not any("High Representative" in line for line in furniture)
    assert not any(line.strip().isdigit() for line in furniture)


# A bibliography's pages as a magazine-like report's PDF extraction gives them: a folio with a
# rule on its outer side ("272 //", "// 273"), then the running head run into the page's first
# entry, no blank line between.
_RULED_FOLIOS = "BIBLIOGRAFÍA\n\n" + "".join(
    f"DGEEC (Dirección General de Estadística) (201{page % 10}), Encuesta {page}, Asunción.\n\n"
    f"{folio}\n\n"
    "Informe Nacional sobre Desarrollo Humano. Paraguay 2020. EnergíaBIBLIOGRAFÍA\n"
    f"ANDE (Administración Nacional de Electricidad) (201{page % 10}), Informe\n"
    "anual, Asunción.\n\n"
    for page, folio in ((272, "272 //"), (273, "// 273"), (274, "274 //"))
)


def test_ruled_folios_and_the_running_head_run_into_the_next_page_are_furniture() -> None:
    furniture = _furniture_lines(_RULED_FOLIOS)
    assert furniture.count("272 //") == furniture.count("// 273") == 1
    head = "Informe Nacional sobre Desarrollo Humano. Paraguay 2020. EnergíaBIBLIOGRAFÍA"
    assert furniture.count(head) == 3
    assert not any(line.startswith(("DGEEC", "ANDE", "anual")) for line in furniture)


@pytest.mark.parametrize("folios", [("272 //", "// 280", "274 //"), ("12", "13", "14")])
def test_a_line_after_folios_that_are_no_run_or_not_ruled_is_no_running_head(
    folios: tuple[str, ...],
) -> None:
    # Folios that jump are no pages; bare numbers may be notes, each above its own text.
    text = "Title\n\n" + "".join(
        f"Paragraph.\n\n{folio}\n\nA line long enough to be a running head\nand text.\nMore.\n\n"
        for folio in folios
    )
    assert "A line long enough to be a running head" not in _furniture_lines(text)


def test_a_running_head_that_opens_each_page_with_no_blank_line_after_it_is_furniture() -> None:
    # A PDF's text: each page opens with its running head, run into the page's first lines
    # (a paragraph, a list's entries), no blank line between.
    head = "INTERNAL, INTERACTIVE, AND INSTITUTIONAL FACTORS"
    text = "Title\n\n" + "".join(
        f"{n}\n\n\f{head}\nDany, Charlotte. 201{n}. Global Governance. London: Routledge.\n"
        "Text of the page.\n\n"
        for n in range(1, 4)
    )
    furniture = _furniture_lines(text)
    assert furniture.count(head) == 3
    assert not any(line.startswith("Dany") for line in furniture)
    # Twice is no running head: a heading may open two pages.
    assert head not in _furniture_lines(text.replace(f"\f{head}", "\fOther", 1))


def test_a_source_repeated_in_notes_of_text_with_blank_lines_is_no_running_line() -> None:
    # A source cited in several notes repeats a line inside the notes' block; with blank
    # lines elsewhere, that block is not a run-together text and the numbers stay notes.
    body = "".join(f"Paragraph {n} of the report cites it.{n}\n\n" for n in range(1, 5))
    notes = "".join(f"{n}\nHuman Rights Watch, World Report 2024, New York.\n" for n in range(1, 5))
    furniture = _furniture_lines(body + "Notes\n\n" + notes + "More text\nafter the notes.\n")
    assert furniture == []


def test_dashes_over_text_that_runs_on_without_a_blank_line_leave_the_text_prose() -> None:
    # OCR of a scanned letter: two dashes, then the whole decision in one block. The dashes
    # are furniture; the decision is not a menu under bullets.
    sentences = "".join(
        f"The Board considered argument {n} and found it could not be corroborated.\n"
        for n in range(1, 13)
    )
    document = provenance.parse("-\n-\nOF\nU.S. Department of Justice\n" + sentences)
    kinds = {r.kind for r in document.regions if r.span.line > 2}
    assert "furniture" not in kinds
    assert "uncorroborated-claim" in {f.rule for f in provenance.check(document)}


def test_a_bullet_alone_over_a_few_lines_of_sentences_leaves_them_prose() -> None:
    # A PDF's bullet on a line of its own above its item (a GAO report converted to text): the
    # item is running text, not a menu of links, however few its lines.
    item = (
        "\u2022\nUsing employee teams to help accomplish agency missions.\n"
        "All five agencies used teams to help accomplish agency missions.\n"
        "This information could not be corroborated.\n"
    )
    document = provenance.parse(f"Title\n\nText of the report.\n\n{item}")
    assert {r.kind for r in document.regions if r.span.line > 5} == {"paragraph"}
    assert "uncorroborated-claim" in {f.rule for f in provenance.check(document)}


def test_a_menu_of_bullets_over_a_few_links_is_still_furniture() -> None:
    document = provenance.parse("Title\n\nText of the page.\n\n-\nHome\nAbout us\nContact\n")
    assert [r.kind for r in document.regions if r.span.line == 5] == ["furniture"]


@pytest.mark.parametrize(
    "line", ["16 A COMPILATION OF THINK PAPERS", "A COMPILATION OF THINK PAPERS 17"]
)
def test_a_running_head_with_its_page_number_on_its_line_is_furniture_all_of_it(
    line: str,
) -> None:
    head = "A COMPILATION OF THINK PAPERS"
    pages = "\n\n".join(f"{head}\n\nParagraph {n} of the running text." for n in range(3))
    text = f"{pages}\n\n{line}\n\nThe last paragraph.\n"
    seg = _segment(text)
    assert line in [text[start:end] for start, end in seg.furniture]
    assert not any(h.title.endswith("PAPERS") for h in seg.headings)


def _blocks_as_lists(text: str) -> list[list[tuple[int, int]]]:
    """Blocks as segmentation defines them, by the plain loop over every line."""
    blocks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for line in segment_module.split_lines(text):
        if line.blank:
            if current:
                blocks.append(current)
                current = []
            continue
        if current and line.text.startswith("\f"):
            blocks.append(current)
            current = []
        current.append((line.start, line.end))
    if current:
        blocks.append(current)
    return blocks


@given(st.text(alphabet="ab \n\f", max_size=80))
def test_blocks_kept_as_offsets_are_the_runs_of_non_blank_lines(text: str) -> None:
    blocks = segment_module.split_blocks(segment_module.split_lines(text))
    expected = _blocks_as_lists(text)
    assert [[(line.start, line.end) for line in block] for block in blocks] == expected
    assert len(blocks) == len(expected)
    for index, block in enumerate(blocks):
        assert blocks[index] == block and blocks[index - len(blocks)] == block
        assert all(line.text == text[line.start : line.end] for line in block)
        assert (block.start, block.end) == (block[0].start, block[-1].end)
    with pytest.raises(IndexError):
        blocks[len(blocks)]


def test_blocks_hold_offsets_not_an_object_a_line() -> None:
    """Segmentation holds every block until its regions are made: an object a line, two int
    objects and a tuple a block were about 190 bytes a line of a text of short blocks."""
    import tracemalloc

    text = "".join(f"{i + 1}. Heading {i}\n\nSome text here.\n\n" for i in range(20_000))
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    blocks = segment_module.split_blocks(segment_module.iter_lines(text))
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert len(blocks) == 40_000
    assert held / 40_000 < 16


def test_source_blocks_give_back_the_blocks_kept() -> None:
    from provenance.parsers.legends import LegendItem
    from provenance.segment import SourceBlock, SourceBlocks

    given = [
        SourceBlock("references", 0, 40),
        SourceBlock("source-list", 42, 90, LegendItem("AI", "Amnesty International")),
        SourceBlock("footnote", 95, 2**31 + 5),
        SourceBlock("additional-sources", 2**31 + 7, 2**31 + 9),
    ]
    kept = SourceBlocks(given, 2**31 + 9)
    assert list(kept) == given
    assert kept[-1] == given[-1] and kept[1:3] == given[1:3]
    assert len(kept) == 4 and not SourceBlocks([], 10)
    with pytest.raises(IndexError):
        kept[4]


_BLOCKS = st.builds(
    lambda section, start, length: SourceBlock(section, start, start + length),
    st.sampled_from(["references", "attachment", "source-list", "footnote"]),
    st.integers(0, 2**31 + 5),
    st.integers(0, 300),
)


@given(
    st.lists(
        st.one_of(
            st.tuples(st.just("append"), _BLOCKS),
            st.tuples(st.just("set"), _BLOCKS),
            st.tuples(st.just("truncate"), st.integers(0, 20)),
            st.tuples(st.just("pop"), st.none()),
        ),
        max_size=40,
    )
)
def test_source_blocks_change_as_a_list_does(steps: list[tuple[str, object]]) -> None:
    """Segmentation builds its entries in ``SourceBlocks`` as it built a list: appended to, the
    last replaced, the tail dropped; the arrays must end as the list would."""
    from provenance.parsers.legends import LegendItem
    from provenance.segment import SourceBlocks

    kept = SourceBlocks([], 2**31 + 400)
    model: list[SourceBlock] = []
    for number, (step, argument) in enumerate(steps):
        if step == "append":
            assert isinstance(argument, SourceBlock)
            if number % 3 == 0:  # some with a legend, kept beside the arrays
                argument = attrs.evolve(argument, legend=LegendItem(f"S{number}", "Source"))
            kept.append(argument)
            model.append(argument)
        elif step == "set" and model:
            assert isinstance(argument, SourceBlock)
            kept[-1] = argument
            model[-1] = argument
        elif step == "truncate":
            assert isinstance(argument, int)
            kept.truncate(argument)
            del model[argument:]
        elif step == "pop" and model:
            assert kept.pop() == model.pop()
        assert list(kept) == model
        assert list(kept.iter_from(len(model) // 2)) == model[len(model) // 2 :]


@pytest.mark.parametrize(
    ("body", "line", "resumes"),
    [
        ('called "neighborhood delivery centralized box units."', "delivery (called route", True),
        ("See PRC Docket No. R2000-1.", "accounted for by the need", True),
        ("It also gives a better view of the parts that are", "actually populated.", False),
        ("See Cohen et al.", "(2002) for the figures", False),
        ("Crew and Kleindorfer, eds., pp.", "the chapter on entry", False),
        ("A stop can serve one or more addresses.", "Another note", False),
    ],
)
def test_running_text_resumes_in_lower_case_after_a_note_s_sentence(
    body: str, line: str, resumes: bool
) -> None:
    assert segment_module._resumes_running_text(body, line) is resumes


# A page of a PDF's text without blank lines (GAO and EPA reports): the page's notes, then
# the next page's running text straight under them.
_NOTES_RUN_INTO_TEXT = (
    "Clear Skies Report\n\n"
    "The Act would reduce emissions of sulfur dioxide and nitrogen oxides from\n"
    "combustion units by approximately 70% from current levels.1 These\n"
    "mandatory emission reductions would be achieved through a cap and\n"
    "trade\n"
    "1 The Act would cut sulfur dioxide emissions by 73 percent, from current\n"
    "emissions of 11 million tons to caps of 4.5 million tons in 2010. It would\n"
    "cut emissions of nitrogen oxides by 67 percent, from current\n"
    "emissions of 5 million tons\n"
    "program, modeled on the current Acid Rain Program for sulfur dioxide.\n"
    "Federally enforceable emissions limits for each pollutant would be\n"
    "established (Smith, 2001). The reanalyses were published later.2\n"
    "2 See the study at www.example.org/revised.pdf for the revised\n"
    "mortality results.\n"
    "Our examination of the original studies used in this analysis finds\n"
    "that the health endpoints affected include hospital admissions (Jones,\n"
    "2002) and reduced lower respiratory symptoms in both estimates.3\n"
)


def test_a_page_foot_note_ends_where_its_paragraph_does_and_the_page_s_text_resumes() -> None:
    # Note 1 is cut by its page: the next line finishes the sentence the notes broke
    # ("a cap and trade" / "program, modeled ..."). Note 2's last line is short (its paragraph
    # ended) and a full line opens a paragraph of running text under it, which calls note 3.
    seg = _segment(_NOTES_RUN_INTO_TEXT)
    bodies = {body.number: body.text for body in seg.bodies}
    assert bodies[1].endswith("emissions of 5 million tons")
    assert bodies[2].endswith("the revised mortality results.")
    prose = "".join(_NOTES_RUN_INTO_TEXT[start:end] for start, end in seg.prose)
    assert "program, modeled on the current" in prose
    assert "Our examination of the original studies" in prose


def test_a_page_foot_note_ends_above_a_list_heading_with_no_blank_line() -> None:
    # Train 351: the last page-foot note, then "REFERENCES" and its entries, no blank line.
    text = _NOTES_RUN_INTO_TEXT + (
        "3 See PRC Docket No. R2000-1.\n"
        "REFERENCES\n"
        'Jones, Robert. 2002. "Delivery Costs." Journal of Postal Studies 4: 1-9.\n'
        'Smith, Helmuth. 2001. "Universal Service." Boston, MA: Kluwer.\n'
    )
    seg = _segment(text)
    bodies = {body.number: body.text for body in seg.bodies}
    assert bodies[3] == "See PRC Docket No. R2000-1."


# ``pdftotext -layout`` of a Human Rights Council report (train 405): a page-foot note's first
# line stands apart from the rest, which is set under the note's text.
_LAYOUT_NOTES = (
    "Report\n\n"
    "       1. The Declaration affirms the right to self-determination.1 Article 20\n"
    "       recognizes the right to maintain economic systems.2\n\n\n"
    "       1 See A/42/427; see also the Declaration, arts. 25\n\n"
    "         and 29.\n"
    "       2 Robin Wall Kimmerer, Braiding Sweetgrass: Indigenous\n\n"
    "         Wisdom and the Teachings of Plants (Milkweed Editions, 2013).\n\n"
    "       2. The next paragraph of the report goes on.\n"
)


def test_a_layout_note_goes_on_under_its_text_after_a_blank_line() -> None:
    bodies = {body.number: body.text for body in _segment(_LAYOUT_NOTES).bodies}
    assert bodies[1] == "See A/42/427; see also the Declaration, arts. 25 and 29."
    assert bodies[2].endswith("Teachings of Plants (Milkweed Editions, 2013).")
    assert provenance.parse(_LAYOUT_NOTES).citations == ()
    # At the margin, as plain text sets every line, the line after the blank is not the note's.
    plain = _LAYOUT_NOTES.replace("\n         ", "\n")
    assert {b.number: b.text for b in _segment(plain).bodies}[1].endswith("arts. 25")


def test_a_paragraph_the_notes_stand_in_is_read_around_them_not_over_them() -> None:
    # No blank line sets the notes apart: the block's paragraph is cut around them, so their
    # sentences are read once, as the notes' ("reportedly" in a note: one finding, not two).
    text = _NOTES_RUN_INTO_TEXT.replace(
        "revised\nmortality results.", "results, reportedly\nrevised."
    )
    seg = _segment(text)
    notes = [r.span for r in seg.regions if r.kind == "footnote"]
    paragraphs = [r.span for r in seg.regions if r.kind == "paragraph"]
    assert len(notes) == 2
    assert not [(p, n) for p in paragraphs for n in notes if p.start < n.end and n.start < p.end]
    hedges = [f for f in provenance.check(provenance.parse(text)) if f.rule == "hedged-claim"]
    assert len(hedges) == 1


def test_text_under_a_note_is_running_text_where_it_calls_the_next_notes_or_runs_on() -> None:
    note = "1 See the study.\n"
    second = "In addition, the survey found that most of the households had\nno access.\n"
    follows = segment_module._running_text_follows
    # A note's second paragraph: short, calling nothing.
    assert not follows(note + second, len(note), len(note + second), 1)
    # The page's text calls the next note, or runs on over a paragraph.
    called = second.replace("access.", "access.2")
    assert follows(note + called, len(note), len(note + called), 1)
    page = "The text of the page goes on over a full line of running text\n" * 8
    assert follows(note + page, len(note), len(note + page), 1)


@pytest.mark.parametrize(
    ("note", "line", "resumes"),
    [
        # A wrapped note fills its lines: its next sentence goes on in the note.
        ("1 GAO/GGD-95-22, Dec. 21, 1994; and GAO/GGD-95-120, May 2, 1995.", "The method", False),
        # A short last line, then a full line that opens a sentence and wraps on.
        ("1 See the study.", "Our examination of the original studies used in this", True),
        # A short last line, then an item that ends a sentence: the notes' column goes on.
        ("1 See the study.", "See the World Telecommunication Database at the ITU.", False),
        # A note broken before a web address or an open word goes on.
        ("1 For further details, see", "http://www.example.org/letter.pdf", False),
        ("1 In addition, see the", "accompanying 21 reports, numbered GAO-01-242", False),
    ],
)
def test_a_note_s_paragraph_ends_at_a_short_line(note: str, line: str, resumes: bool) -> None:
    above = "The text of the page above the notes runs on over full lines of a\nreport.\n"
    text = above + note + "\n"
    start = segment_module.note_start(text, len(above), len(above) + len(note))
    assert start is not None
    got = segment_module._resumes_after_paragraph(text, start, start.line_end, line)
    assert got is resumes


def test_merged_pairs_out_of_order_are_merged_as_pairs_would_be() -> None:
    import random

    from provenance.segment import _merge, _merged_pairs
    from provenance.span import OffsetPairs

    rng = random.Random(7)
    largest = 500
    for _ in range(200):
        pairs = []
        for _ in range(rng.randrange(0, 12)):
            start = rng.randrange(0, largest + 1)
            pairs.append((start, rng.randrange(start, largest + 1)))
        got = list(_merged_pairs(OffsetPairs.of(pairs, largest), largest))
        assert got == _merge(pairs)
    # An end at the text's very end, and equal starts ordered by their ends.
    got = list(_merged_pairs(OffsetPairs.of([(5, 500), (5, 6), (0, 1)], 500), 500))
    assert got == [(0, 1), (5, 500)]


# A report wrapped at 64 columns, blank lines between its paragraphs, list entries and notes:
# what a PDF's text is once its double spacing is read.
_WRAPPED_PARAGRAPH = textwrap.fill(
    "Returnees were questioned at the airport by officers of the security service, who"
    " held some of them for several days without charge and, according to two human"
    " rights organisations, without access to a lawyer or to their families, while"
    " others were released on the same day after paying what the sources call fees"
    " (Amnesty International 1999). The authorities have not answered the requests for"
    " information sent to them in the course of the year, and the practice is said to"
    " continue in the provinces as well as in the capital.",
    64,
)
_WRAPPED_REPORT = (
    "Treatment of returnees\n\n"
    + "\n\n".join([_WRAPPED_PARAGRAPH] * 4)
    + "\n\nReferences\n\n"
    + 'Amnesty International. 1999. "Returnees Questioned at the Airport and Held for\n'
    + 'Several Days Without Charge." London: Amnesty International Publications.\n'
)


def _double_spaced(text: str) -> str:
    return text.replace("\n", "\n\n")


def _paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in re.split(r"\n[ \t]*\n", text) if part.strip()]


def test_a_double_spaced_text_is_read_single_spaced() -> None:
    """A blank line after every line, paragraphs set apart by more: the single blank lines are
    line breaks, and the text read keeps the length and line starts of the text given."""
    given = _double_spaced(_WRAPPED_REPORT)
    read = segment_module.single_spaced(given)
    assert _paragraphs(read) == _paragraphs(_WRAPPED_REPORT)
    assert len(read) == len(given)
    assert all(a == b or (a.isspace() and b.isspace()) for a, b in zip(read, given, strict=True))
    line_starts = [i + 1 for i, c in enumerate(given) if c == "\n" and given[i + 1 : i + 2].strip()]
    assert all(read[start - 1] == "\n" for start in line_starts)


def test_a_text_with_blank_lines_between_paragraphs_is_not_double_spaced() -> None:
    assert segment_module.single_spaced(_WRAPPED_REPORT) is _WRAPPED_REPORT


def test_paragraphs_a_line_each_of_one_length_are_not_double_spaced() -> None:
    """Each line a paragraph, all of a length, a blank line between: their lines end their
    sentences, so the page broke none of them."""
    text = "".join(
        f"{n}. The Committee regrets the lack of data on the measures.\n\n" for n in range(40)
    )
    assert segment_module.single_spaced(text) is text


def test_a_double_spaced_text_whose_paragraphs_show_by_layout_only_is_left_as_it_is() -> None:
    """One blank line after a paragraph's last line as after any other, and a heading's two
    lines with none between: the blank lines alone do not tell paragraphs from lines."""
    heading = "Treatment of\nreturnees\n\n"
    text = _double_spaced(_WRAPPED_PARAGRAPH) + "\n\n"
    given = "".join(heading + text for _ in range(4))
    assert segment_module.single_spaced(given) is given


def test_a_blank_line_after_every_line_and_no_other_is_read_as_none() -> None:
    """A text that had no blank line at all (a court decision's), given one after every line:
    its blank lines tell nothing, and it is read as it was."""
    lines = _WRAPPED_REPORT.replace("\n\n", "\n")
    read = segment_module.single_spaced(_double_spaced(lines))
    assert _paragraphs(read) == [" ".join(lines.split())]


def test_a_page_break_keeps_the_blank_line_before_it() -> None:
    given = _double_spaced(_WRAPPED_REPORT).replace("\n\nReferences", "\n\n\fReferences")
    read = segment_module.single_spaced(given)
    assert read != given
    assert "\n\n\fReferences" in read


def test_a_single_spaced_list_in_a_double_spaced_text_keeps_its_blank_lines() -> None:
    """Entries set apart by one blank line under a double-spaced text: lines with no blank
    line between them near by show the text is single-spaced there."""
    entries = (
        "References\n\n"
        'Amnesty International. 1999. "Returnees Questioned at the Airport and Held for\n'
        'Several Days Without Charge." London: Amnesty International Publications.\n\n'
        'Human Rights Watch. 2000. "Held Without Charge: Returnees in the Provinces and\n'
        'in the Capital." New York: Human Rights Watch.\n'
    )
    body = _double_spaced(_WRAPPED_REPORT.split("References")[0])
    read = segment_module.single_spaced(body + entries)
    assert read != body + entries
    assert read.endswith(entries)


_WORDS = st.lists(
    st.sampled_from(["the", "returnees", "were", "held", "by", "officers,"]),
    min_size=20,
    max_size=60,
)


@given(
    st.one_of(
        st.text(),
        # Double-spaced paragraphs, about half of them long enough to be read so.
        st.lists(_WORDS.map(" ".join), min_size=4, max_size=10).map(
            lambda paragraphs: _double_spaced("\n\n".join(textwrap.fill(p, 40) for p in paragraphs))
        ),
    )
)
def test_the_text_read_keeps_every_offset_and_line_start_of_the_text_given(given_text: str) -> None:
    read = segment_module.single_spaced(given_text)
    assert len(read) == len(given_text)
    for was, now in zip(given_text, read, strict=True):
        assert now == was or (was.isspace() and now == " ")
    assert all(given_text[i] == "\n" for i, c in enumerate(read) if c == "\n")
    starts = [m.start() for m in re.finditer(r"(?<=\n)[^\S\n]*\S", given_text)]
    assert all(read[start - 1] == "\n" for start in starts)


@given(
    st.text(
        alphabet=[*'alegicfpNoVvAZ ?!”"’)\t\nstxé', ".", ".", "\u00a0", "\x1c", "\x85"],
        max_size=14,
    )
)
def test_a_note_ends_its_sentence_where_the_pattern_finds_it_anywhere(text: str) -> None:
    expected = segment_module._NOTE_SENTENCE_END.search(text) is not None
    assert segment_module._ends_sentence(text) is expected


_SPACING_LINES = (
    "the Committee notes with concern that the measures taken by the State party to",
    "The Committee notes with concern that the measures taken by the State party,",
    "of the data.",
    "Short heading",
    "the law on the status of refugees and the law on foreigners of the same year -",
)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(_SPACING_LINES),
            st.sampled_from([1, 1, 1, 1, 1, 1, 0, 2]),
            st.sampled_from(["", "", " "]),
        ),
        max_size=60,
    )
)
def test_a_text_the_spacing_pre_check_leaves_alone_is_one_the_measure_leaves_alone(
    lines: list[tuple[str, int, str]],
) -> None:
    """Whether a text is double-spaced is measured exactly as without the pre-check."""
    text = "".join(line + trailing + "\n" + "\n" * gap for line, gap, trailing in lines)
    read = segment_module.single_spaced(text)
    checked = segment_module._may_be_double_spaced
    segment_module._may_be_double_spaced = lambda text: True
    try:
        assert segment_module.single_spaced(text) == read
    finally:
        segment_module._may_be_double_spaced = checked
    if not checked(text):
        assert read is text

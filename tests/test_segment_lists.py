"""``segment`` on research reports: where a list of sources starts and ends, whatever heads or
follows it."""

from __future__ import annotations

import textwrap

import provenance
from provenance.model import Date
from provenance.segment import Segmentation, segment
from provenance.span import LineIndex


def _segment(text: str) -> Segmentation:
    return segment(text, LineIndex(text))


def _sources(text: str) -> list[str]:
    return [text[s.start : s.end] for s in _segment(text).sources]


_CITING_PARAGRAPH = (
    "Studies of return have long stressed that the decision to go back rests on security and "
    "on property (Black and Koser 1999). Later work showed that the return of minorities "
    "depended on the presence of international forces and on the attitude of local "
    "authorities, and that many who returned left again within a few years (Ghanem 2003)."
)


def test_a_paragraph_citing_sources_by_year_ends_a_list() -> None:
    # "Literature" heads a review of the literature here, not a list: its paragraphs cite
    # years, but they are sentences, and the document's sections after them are no entries.
    text = (
        "Return migration\n\nSummary.\n\nLiterature\n\n"
        f"{_CITING_PARAGRAPH}\n\nMethods\n\nWe interviewed returnees.\n\n"
        "References\n\nBlack, R. and Koser, K. (1999). The End of the Refugee Cycle? "
        "Oxford: Berghahn.\n"
    )
    assert _sources(text) == [
        "Black, R. and Koser, K. (1999). The End of the Refugee Cycle? Oxford: Berghahn."
    ]


def test_an_annotated_entry_stays_in_its_list() -> None:
    # An entry that opens with its author and date, then a paragraph about the source.
    annotated = (
        "Ghanem, T. (2003). When forced migrants return home. Oxford: RSC Working Paper 16. "
        "The paper follows the families who went back to the villages of the region after the "
        "war and shows that most of them had lost their houses. It is the first study of the "
        "kind, and the later ones build on its interviews and on the way it counts returns."
    )
    text = f"Report\n\nText (Ghanem 2003).\n\nBibliography\n\n{annotated}\n"
    assert _sources(text) == [annotated]


def test_a_bibliography_grouped_under_markdown_sub_headings_goes_on() -> None:
    text = (
        "# Report\n\nText (UNHCR 2021; Zetter 2007).\n\n## Bibliography\n\n"
        "### Reports\n\n- UNHCR (2021). *Global Trends*. Geneva: UNHCR.\n\n"
        "### Articles\n\n- Zetter, R. (2007). More Labels, Fewer Refugees. *JRS*, 20(2).\n\n"
        "## About the authors\n\nThe authors work on forced migration.\n"
    )
    seg = _segment(text)
    assert [text[s.start : s.end] for s in seg.sources] == [
        "- UNHCR (2021). *Global Trends*. Geneva: UNHCR.",
        "- Zetter, R. (2007). More Labels, Fewer Refugees. *JRS*, 20(2).",
    ]
    assert {"Reports", "Articles", "About the authors"} <= {h.text for h in seg.headings}


def test_a_markdown_heading_of_the_list_s_level_ends_it() -> None:
    text = (
        "# Report\n\n## References\n\n- UNHCR (2021). *Global Trends*. Geneva: UNHCR.\n\n"
        "## Annex\n\n- Interview guide, 2021.\n"
    )
    assert _sources(text) == ["- UNHCR (2021). *Global Trends*. Geneva: UNHCR."]


def test_a_site_footer_after_a_list_is_no_entry() -> None:
    entries = (
        "Smith, J. (2015). Border Control and Human Rights. London: Routledge.\n"
        "Jones, K. (2018). Detention in the Mediterranean. Oxford: Oxford University Press."
    )
    for footer in (
        "About us | Contact | Privacy policy | Terms of use",
        "© 2021 Migration Research Centre. All rights reserved.",
        "Follow us on Twitter and Facebook",
    ):
        for gap in ("\n", "\n\n"):  # right under the list, or after a blank line
            text = f"Report\n\nText (Smith 2015).\n\nReferences\n\n{entries}{gap}{footer}\n"
            assert _sources(text) == entries.split("\n"), (footer, gap)


def test_a_web_page_s_menu_under_a_list_is_no_entry() -> None:
    # A page copied with its navigation: a note and the site's menu right after the sources.
    entries = (
        "Stanković, V. (2014). Srbija u procesu spoljnih migracija. Beograd: RZS.\n"
        "United Nations (2020). International Migrant Stock 2020. New York: United Nations."
    )
    menu = "BLOG\nREAD MORE\nUnited Nations\nDevelopment Programme\nWHO WE ARE\nAbout us\nOur Team"
    for gap in ("\n", "\n\n"):
        text = f"Report\n\nText (Stanković 2014).\n\nReferences:\n{entries}{gap}{menu}\n"
        assert _sources(text) == entries.split("\n"), gap


def test_a_list_of_names_alone_is_kept_and_a_short_tail_of_names_too() -> None:
    # A list of serials, one name a line, is no menu: no read entry comes before its names;
    # nor are two short lines after read entries (the rule asks for a run of three).
    serials = "Africa Confidential\nAfrica Research Bulletin\nKeesing's Record of World Events"
    text = f"Response\n\nText.\n\nAdditional Sources Consulted\n\n{serials}\n"
    assert _sources(text) == serials.split("\n")
    entries = (
        "Smith, J. (2015). Border Control and Human Rights. London: Routledge.\n"
        "Jones, K. (2018). Detention in the Mediterranean. Oxford: Oxford University Press.\n"
        "Refworld\nLexis Nexis"
    )
    text = f"Report\n\nText (Smith 2015).\n\nReferences\n\n{entries}\n"
    assert _sources(text) == entries.split("\n")


def test_a_line_of_a_table_or_a_list_is_no_footer() -> None:
    from provenance.segment import _is_site_footer

    assert not _is_site_footer("| Age 35-44 | 1.27 | 0.78 | .103 |")
    assert not _is_site_footer("Amnesty International | 2019 | Syria: Returnees | London")
    assert not _is_site_footer("Copyright law in the region protects authors.")


def test_an_entry_opening_with_a_particle_is_its_own_even_when_its_rest_reads_no_style() -> None:
    first = "National Assembly of Vietnam. (2019). *Labor Code* (Law No. 45/2019/QH14)."
    second = (
        "van Buuren, S., & Groothuis-Oudshoorn, K. (2011). mice: Multivariate imputation by "
        "chained equations in R. *Journal of Statistical Software, 45*(3), 1–67."
    )
    text = f"Report\n\nText (van Buuren 2011).\n\nReferences\n\n{first}\n\n{second}\n"
    assert _sources(text) == [first, second]


def test_an_annex_after_a_list_ends_it() -> None:
    entry = "Garcia, J. Neil. 2008. Philippine Gay Culture. Quezon City: UP Press."
    for heading in ("ANNEX 1: LIST OF PARTICIPANTS", "Appendix B", "About the authors"):
        text = (
            f"Report\n\nText (Garcia 2008).\n\nBibliography\n\n{entry}\n\n{heading}\n\n"
            "Name Organization\nAna Cruz Babaylanes Inc.\n"
        )
        seg = _segment(text)
        assert [text[s.start : s.end] for s in seg.sources] == [entry], heading
        assert heading in {h.text for h in seg.headings}


def test_a_list_headed_as_an_annex_is_still_a_list() -> None:
    entry = "Garcia, J. Neil. 2008. Philippine Gay Culture. Quezon City: UP Press."
    text = f"Report\n\nText.\n\nReferences\n\nAnnex B: Bibliography\n\n{entry}\n"
    assert _sources(text) == [entry]


def test_list_headings_of_research_reports_are_known() -> None:
    from provenance.segment import SECTION_HEADINGS, heading_key

    for heading in (
        "R E F E R E N C E S",
        "I. R E F E R E N C E S",
        "References & Bibliography",
        "Bibliography / References",
        "Selected references",
        "Literature cited",
        "Bibliographic references",
        "Bibliography and further reading",
        "Referencias",
        "Références bibliographiques",
        "Bibliografía",
        "Literaturverzeichnis",
    ):
        assert heading_key(heading) in SECTION_HEADINGS, heading
    # Spaced letters in a longer heading, or few of them, are left alone.
    assert heading_key("A B C") == "a b c"


def test_a_markdown_heading_of_a_list_in_spanish_opens_it_across_page_separators() -> None:
    # A paper converted from PDF to Markdown: "# **Referencias**", bullets, and the converter's
    # page separators between the entries.
    text = (
        "Las ejecuciones fueron documentadas (Dejusticia, 2022).\n\n"
        "# **Referencias**\n\n"
        "- Ball, P. (1999). _State Violence in Guatemala_ . AAAS.\n\n"
        "- Dejusticia (2022). Las sanciones propias. Recuperado de `https://www.dejusticia.org/`"
        " .\n\n\n"
        "------------------------- PAGINA 44 --------------------------\n\n"
        "- Tate, W. (2015). _Drugs, Thugs, and Diplomats_ . Stanford University Press.\n"
    )
    document = provenance.parse(text)
    assert [r.section for r in document.references] == ["references"] * 3
    assert [c.reference for c in document.citations] == [1]


def test_a_headed_list_of_lines_no_style_reads_is_not_taken_for_a_list() -> None:
    text = (
        "Returns\n\nReturns remain limited (UNHCR 2021).\n\nReferences\n\n"
        "Interviews with returnees\nVisits to the settlements\nMeetings with local officials\n"
    )
    assert _sources(text) == []


def test_the_checks_say_a_list_they_could_not_read() -> None:
    import provenance

    text = (
        "Returns\n\nReturns remain limited (UNHCR 2021).\n\nReferences\n\n"
        "Interviews with returnees\nVisits to the settlements\nMeetings with local officials\n"
    )
    rules = {finding.rule for finding in provenance.check(provenance.parse(text))}
    assert "unreadable-source-list" in rules
    assert "citation-without-reference" not in rules


def test_a_list_with_one_readable_entry_is_kept_whole() -> None:
    lines = [
        "UNHCR. 2021. Global Trends. Geneva: UNHCR.",
        "Interviews with returnees",
        "Visits to the settlements",
    ]
    body = "\n\n".join(lines)
    text = f"Returns\n\nReturns remain limited (UNHCR 2021).\n\nReferences\n\n{body}\n"
    assert _sources(text) == lines


def test_a_heading_inside_a_block_of_pdf_text_opens_its_list() -> None:
    entry = "Amnesty International. 2013. Ending impunity. London: Amnesty International."
    for before in ("BEING LGBT IN ASIA: COUNTRY REPORT", "52 BEING LGBT IN ASIA"):
        text = f"Report\n\nText (Amnesty International 2013).\n{before}\nREFERENCES\n{entry}\n"
        assert _sources(text) == [entry], before


def test_a_heading_word_inside_a_sentence_or_a_layout_stays_where_it_is() -> None:
    from provenance.segment import _heading_inside_block

    assert not _heading_inside_block("the reports cite their", "sources")
    assert not _heading_inside_block("The report ends.", "    Attachments:")
    assert not _heading_inside_block("COUNCIL OF EUROPE", "    Attachments:")


def test_a_list_heading_repeated_after_each_part_is_no_running_head() -> None:
    parts = [
        f"## Answer {n}\n\nText (Author{n}, 2024).\n\nSources:\n\nAuthor{n}. (2024). Title {n}."
        for n in range(1, 4)
    ]
    text = "\n\n".join(parts) + "\n"
    assert _sources(text) == [f"Author{n}. (2024). Title {n}." for n in range(1, 4)]


def test_an_image_or_a_quotation_after_a_list_ends_it() -> None:
    entry = "Bunce, M. (2019). Humanitarian communication. *JHA*, 1(1), 49–55."
    for after in ("![Missing alt text](https://example.org/chart.png)", "> \n[Quoted](x)"):
        text = f"# Report\n\nText (Bunce, 2019).\n\nSources:\n\n{entry}\n\n{after}\n"
        assert _sources(text) == [entry], after


def test_plain_sub_headings_of_an_author_year_bibliography_are_no_entries() -> None:
    entries = [
        "UNHCR (2021). Global Trends: Forced Displacement in 2020. Geneva: UNHCR.",
        "IOM (2020). World Migration Report 2020. Geneva: IOM.",
        "Zetter, R. (2007). More Labels, Fewer Refugees. Journal of Refugee Studies, 20(2).",
    ]
    text = (
        "Report\n\nText (UNHCR 2021).\n\nBibliography\n\nReports of international organisations"
        f"\n\n{entries[0]}\n\n{entries[1]}\n\nAcademic literature\n\n{entries[2]}\n"
    )
    assert _sources(text) == entries


def test_a_bare_name_in_a_list_of_another_style_stays_an_entry() -> None:
    # IRB lists name databases consulted, one a line, among their entries.
    entries = [
        'Reuters. 11 November 1994. "Returnees Detained."',
        "IRB Databases",
        'Yonhap. 2 March 1999. "Talks Resume."',
    ]
    text = "Response\n\nText (Reuters 11 Nov. 1994).\n\nReferences\n\n" + "\n\n".join(entries)
    assert _sources(text + "\n") == entries


def test_an_address_line_broken_off_an_entry_goes_back_to_it() -> None:
    first = "United Nations Development Programme. Human Development Report 2021/22."
    second = "UNFPA. COVID-19: A Gender Lens. March 2020."
    for lead in ("Available at https://hdr.undp.org/report.", "Retrieved from https://x.org/"):
        text = f"Report\n\nText.\n\nReferences\n\n{first}\n\n{lead}\n\n{second}\n"
        assert _sources(text) == [f"{first}\n\n{lead}", second], lead


def test_a_page_number_atop_the_next_page_of_a_list_is_no_entry_and_the_list_goes_on() -> None:
    # pdftotext sets a page's number after the form feed that opens it, on the line above the
    # list's next entry: the page's number, not a note's, and the list is not over.
    text = (
        "Report\n\nText.\n\nReferences\n"
        "Baruch, Y. & Holtom, B. C. (2008, August). Survey response rate levels and trends.\n"
        "\n\f33\nBaur, D. & Schmitz, H. P. (2012, March). Corporations and NGOs.\n"
        "Bush, S. S. (2015). The taming of democracy assistance. Cambridge.\n"
        "\n\f34\nFoot, K. A. (2015). Developments in anti-trafficking efforts.\n"
    )
    assert [" ".join(s.split()) for s in _sources(text)] == [
        "Baruch, Y. & Holtom, B. C. (2008, August). Survey response rate levels and trends.",
        "Baur, D. & Schmitz, H. P. (2012, March). Corporations and NGOs.",
        "Bush, S. S. (2015). The taming of democracy assistance. Cambridge.",
        "Foot, K. A. (2015). Developments in anti-trafficking efforts.",
    ]


def test_a_running_head_with_its_page_number_is_not_a_list_entry() -> None:
    # PDF text repeats the report's title with the page number on every other page; three
    # different numbers make it a running head, wherever it lands (here inside the list).
    prose = (
        "The Committee notes the information provided by the State party on the measures "
        "taken, and regrets the lack of data on their effect on the people concerned."
    )
    text = "Being Free in Asia\n\n"
    for page in (10, 11):
        text += f"{prose}\n\nBeing Free in Asia: Country Report {page}\n\n"
    text += (
        "References\n\nSmith, J. (2010). Title one. Publisher.\n\n"
        "Being Free in Asia: Country Report 16\n\nDoe, A. (2011). Title two. Publisher.\n"
    )
    assert [r.text for r in provenance.parse(text).references] == [
        "Smith, J. (2010). Title one. Publisher.",
        "Doe, A. (2011). Title two. Publisher.",
    ]


def test_a_running_foot_with_its_page_number_before_it_is_not_a_list_entry() -> None:
    # PDF text may set the page number at the left of the running foot, glued to it:
    # "66.Making the Invisible Visible"; three different numbers make it a running foot.
    prose = (
        "The Committee notes the information provided by the State party on the measures "
        "taken, and regrets the lack of data on their effect on the people concerned."
    )
    foot = "Making the Invisible Visible: Informal Innovation"
    text = "Making the Invisible Visible\n\n"
    for page in (10, 11):
        text += f"{prose}\n\n{page}.{foot}\n\n"
    text += (
        "References\n\nSmith, J. (2010). Title one. Publisher.\n\n"
        f"16.{foot}\n\nDoe, A. (2011). Title two. Publisher.\n"
    )
    assert [r.text for r in provenance.parse(text).references] == [
        "Smith, J. (2010). Title one. Publisher.",
        "Doe, A. (2011). Title two. Publisher.",
    ]


def test_numbered_notes_repeating_a_short_text_are_not_running_feet() -> None:
    text = "".join(f"{n}. Ibid., p. 4.\n\nThe text of page {n}.\n\n" for n in (1, 2, 3))
    assert segment(text, LineIndex(text)).furniture == ()


def test_a_note_about_a_list_above_its_dated_entries_is_no_entry() -> None:
    entries = (
        "Smith, J. 2010. Title one. Publisher.\n\n"
        "Doe, A. 2011. Title two. https://example.org/two.\n\n"
        "Roe, B. 2012. Title three. Publisher.\n"
    )
    notes = (
        "-   This article makes use of material translated from the corresponding article "
        "in the Spanish-language Wikipedia.",
        "NB. Sources directly cited in the Framework and Annexes are listed below. Further "
        "sources, and how they influenced our rationales and recommendations for the\n"
        "Framework, are listed in the Report document.",
        "Note on sources\n\nNB. Sources directly cited in the Framework and Annexes are listed "
        "below. Further sources, and how they influenced our rationales and recommendations "
        "for the\nFramework, are listed in the Report document.",
    )
    for note in notes:
        text = f"Report\n\nText.\n\nReferences\n\n{note}\n\n{entries}"
        assert _sources(text) == entries.rstrip("\n").split("\n\n"), note
    # An undated entry is still one: it names its source and is no paragraph.
    entry = "Human Rights Watch. World report on the situation of women in the country."
    text = f"Report\n\nText.\n\nReferences\n\n{entry}\n\n{entries}"
    assert _sources(text)[0] == entry


def test_page_numbers_of_word_processors_in_a_list_are_no_entries() -> None:
    entries = [
        "Smith, J. (2010). Title one. Publisher.",
        "Doe, A. (2011). Title two. Publisher.",
        "Roe, B. (2012). Title three. Publisher.",
        "Poe, C. (2013). Title four. Publisher.",
    ]
    pages = ["Page 3 of 12", "- 4 -", "page 5 of 12", "– 6 –"]
    text = "Report\n\nText.\n\nReferences\n\n" + "".join(
        f"{entry}\n\n{page}\n\n" for entry, page in zip(entries, pages, strict=True)
    )
    assert _sources(text) == entries
    # Not a page of a total it exceeds, nor a line of words.
    for line in ("Page 13 of 12", "Page 3 of the report"):
        assert segment(line, LineIndex(line)).furniture == ()


def test_short_lines_ending_in_years_or_two_numbers_are_not_running_heads() -> None:
    text = (
        "References\n\n"
        "Amnesty International Annual Report 2019\n\n"
        "Amnesty International Annual Report 2020\n\n"
        "Amnesty International Annual Report 2021\n"
    )
    assert segment(text, LineIndex(text)).furniture == ()
    # Three different page numbers at most three digits long make a running head.
    heads = text.replace(" 2019", " 7").replace(" 2020", " 9").replace(" 2021", " 11")
    assert len(segment(heads, LineIndex(heads)).furniture) == 3


_HOME_OFFICE_BIBLIOGRAPHY = """8.1.1 CPIT found no updated COI (see Bibliography).

Bibliography

Unless otherwise stated, all sources were accessed between 13 and 20 July 2026

Sources cited

Aabbir,

About, no date

Algerian university opens door to ‘homosexuality’, 15 May 2025

Algeria Times,

Contact, no date

Huge increase in the number of homosexuals in Algeria, 18 January 2026

Human Dignity Trust,

Algeria, last updated 26 June 2026

Who we are, no date

Jeune Afrique, TenTen, the Algerian Gay Pride in complete discretion, 9 October 2013

Sources consulted but not cited

76 crimes, Algeria, no date

Version control and feedback

Clearance

Below is information on when this note was cleared:

valid from 19 August 2026

Feedback to the Home Office

We welcome feedback on how to improve our products: please email us.
"""


def test_a_home_office_bibliography_groups_works_under_their_source() -> None:
    # The name with a comma heads its works; the sentence before "Sources cited" prefaces the
    # list; "Version control and feedback" closes it.
    assert [" ".join(s.split()) for s in _sources(_HOME_OFFICE_BIBLIOGRAPHY)] == [
        "About, no date",
        "Algerian university opens door to ‘homosexuality’, 15 May 2025",
        "Contact, no date",
        "Huge increase in the number of homosexuals in Algeria, 18 January 2026",
        "Algeria, last updated 26 June 2026",
        "Who we are, no date",
        "Jeune Afrique, TenTen, the Algerian Gay Pride in complete discretion, 9 October 2013",
        "76 crimes, Algeria, no date",
    ]


def test_sources_consulted_after_the_references_are_the_sources_consulted_besides_them() -> None:
    text = (
        "Clans in 1992 [SOM22477.E]\n\nMany groups claimed control (Oct. 1993, 16).\n\n"
        "Reference\n\nBradbury, Mark. October 1993. The Somali Conflict. Oxford: Oxfam.\n\n"
        "Sources Consulted\n\nAfrica Confidential. 1992.\n\nAfrica Research Bulletin. 1992.\n"
    )
    document = provenance.parse(text)
    assert [r.section for r in document.references] == [
        "references",
        "additional-sources",
        "additional-sources",
    ]
    # What was consulted is not expected to be cited.
    assert [f.rule for f in provenance.check(document)] == []
    # Alone, a list headed "Sources consulted" is the list of references.
    alone = provenance.parse(
        text.replace(
            "Reference\n\nBradbury, Mark. October 1993. The Somali Conflict. Oxford: Oxfam.\n\n", ""
        )
    )
    assert {r.section for r in alone.references} == {"references"}


def test_an_entry_broken_over_blank_lines_by_a_pdf_stays_whole() -> None:
    # A PDF's text with a blank line after every line: a line that stops on a word needing the
    # next ("with", "of the"), on a broken word or on a colon goes on after the blank line.
    first = (
        "Angelino, Cesario Vincenzo, et al. A case study on the detection of illegal dumps with\n\n"
        "GIS and remote sensing images. SPIE Remote Sensing, 2018."
    )
    second = (
        "Selani, Lungile. Mapping illegal dumping using a high resolution remote sensing image:\n\n"
        "Case study: Soweto Township in South Africa. PhD dissertation, University of the\n\n"
        "Witwatersrand, 2017."
    )
    third = (
        "Alpay, Ceyda. Revolutionizing debris tracking. UNDP Türkiye, 22 February 2024. "
        "Available at https://undp.org/turkiye/blog/revolutionizing-\n\n"
        "debris-tracking-using-parafoil-drones."
    )
    text = f"Report\n\nText.\n\nBibliography\n\n{first}\n\n{second}\n\n{third}\n"
    assert _sources(text) == [first, second, third]


def test_an_entry_after_a_line_that_stops_mid_entry_is_its_own_when_it_reads_as_one() -> None:
    # The address after "Available at" was lost: the next line opens an entry with its author
    # and date, and stays one.
    first = "United Nations Development Programme. Improving Resilience to Floods. Available at"
    second = "Aldroubi, M. 2021. “Iraq Passes 1 Million Covid-19 Cases.” The National, 22 April."
    text = f"Report\n\nText.\n\nBibliography\n\n{first}\n\n{second}\n"
    assert _sources(text) == [first, second]


def test_a_publisher_s_name_heading_its_works_is_no_entry() -> None:
    # A UK Home Office bibliography as GOV.UK serves it: a publisher's name as a heading of its
    # own, with no comma, then its works; the name is no entry, the works are.
    works = [
        "Asia-Pacific Overview – September 2024, 4 October 2024. Accessed: 10 October 2024",
        "Regional Overview Asia-Pacific October 2024, 8 November 2024. Accessed: 18 November 2024",
    ]
    other = "BBC World Service, Interim government to be formed, 6 August 2024."
    text = (
        "Note\n\nText.\n\nBibliography\n\nSources cited\n\n"
        "Armed Conflict Location & Event Data Project (ACLED)\n\n"
        + "\n\n".join(works)
        + f"\n\n{other}\n"
    )
    assert _sources(text) == [*works, other]


def test_a_list_of_names_with_few_dates_keeps_its_names() -> None:
    # Serials one name a line, one of them with its years: most entries have no date, so a
    # name before a dated entry is an entry too.
    names = ["Africa Confidential", "Africa Research Bulletin. 1990-1993.", "Le Monde", "Reuters"]
    text = "Response\n\nText.\n\nReferences\n\n" + "\n\n".join(names) + "\n"
    assert _sources(text) == names


def test_an_entry_that_ends_on_a_day_is_whole() -> None:
    # "... 8 November 2024. Accessed: 18 November 2024" stops on no full stop, but on a day:
    # the entry after it, which no style reads whole, is one of its own.
    first = (
        "Regional Overview Asia-Pacific October 2024, 8 November 2024. Accessed: 18 November 2024"
    )
    second = (
        "Associated Press (AP), 19 more die in Bangladesh clashes as student protesters try to "
        "impose a ‘complete shutdown’, 18 July 2024. Accessed: 24 July 2024"
    )
    text = f"Note\n\nText.\n\nBibliography\n\n{first}\n\n{second}\n"
    assert _sources(text) == [first, second]


def test_a_pdf_line_broken_at_the_measure_or_on_a_label_goes_on_after_a_blank_line() -> None:
    first = (
        "Angelino, Cesario Vincenzo, et al. A case study on the detection of illegal dumps in\n\n"
        "GIS and remote sensing images. In Earth Resources and Environmental Remote Sensing\n\n"
        "Sensing/GIS Applications IX, vol. 10790. SPIE Remote Sensing, 2018."
    )
    second = (
        "Zhang, Qiming, et al. ViTAEv2: Vision Transformer Advanced by Exploring Inductive Bias. "
        "International Journal of Computer Vision, vol.\n\n131 (2023)."
    )
    third = (
        "Alpay, Ceyda. Revolutionizing debris tracking: Using parafoil drones in the aftermath. "
        "UNDP Türkiye,\n\n22 February 2024."
    )
    text = f"Report\n\nText.\n\nBibliography\n\n{first}\n\n{second}\n\n{third}\n"
    assert _sources(text) == [first, second, third]


def test_a_full_line_that_ends_an_entry_without_a_date_does_not_take_the_next() -> None:
    # "no date" ends an entry of a Home Office list; a name and a year with the title on the
    # next line is an entry of its own, whatever ends the line above it.
    first = (
        "Collectif Algérien, Pénalisation de l’homosexualité en Algérie et ses conséquences, "
        "no date"
    )
    second = "Ecoi.net, Algeria - LGBT - 01/08/2024 - 05/08/2026, August 2026"
    third = (
        "Despacio (2021). Gender and mobility: recommendations for mobility policies. Despacio: "
        "Bogota Colombia"
    )
    fourth = (
        "Morales - Miranda, N., Quesada - Alluín, C., San Gil - León, A., & Steinvorth, A.\n"
        "(2021). Movilidad urbana y género en Costa Rica. San José: MOPT."
    )
    text = f"Note\n\nText.\n\nBibliography\n\n{first}\n\n{second}\n\n{third}\n\n{fourth}\n"
    assert _sources(text) == [first, second, third, fourth]


def test_a_subtitle_after_a_colon_goes_on_even_when_it_reads_as_an_author_and_a_title() -> None:
    first = (
        "Bayudan-Dacuycuy, C., Orbeta, Jr., A., Serafica, R., & Baje, L. K. (2020). Online Work "
        "in the Philippines:\n\nSome Lessons in the Asian Context. Philippine Institute for "
        "Development Studies."
    )
    second = "Beerepoot, N. (2017). Globalisation and New Patterns of Services. London: Routledge."
    text = f"Report\n\nText.\n\nBibliography\n\n{first}\n\n{second}\n"
    assert _sources(text) == [first, second]


def test_an_entry_after_one_that_lost_its_address_is_its_own() -> None:
    first = (
        "United Nations Development Programme. Climate Promise – North Macedonia. 2022. "
        "Available at"
    )
    second = "United Nations Development Programme. Covid-19 Global Gender Response Tracker."
    text = f"Report\n\nText.\n\nBibliography\n\n{first}\n\n{second}\n"
    assert _sources(text) == [first, second]


def test_a_contents_page_whose_numbers_follow_its_titles_heads_no_list() -> None:
    # PDF text of a contents page sets the titles, then their page numbers: "References" is
    # its last title, and the abbreviations and the list of graphs after the numbers are no
    # list of sources.
    titles = "\n\n".join(
        (
            "CONTENTS",
            "Abbreviations and List of Graphs",
            "Introduction",
            "Labour Market",
            "Pay Gap",
            "Conclusion",
            "References",
        )
    )
    numbers = "\n\n".join(str(n) for n in (1, 2, 3, 15, 17, 21, 23))
    after = (
        "Abbreviations GDP – Gross Domestic Product\nEU – European Union\n"
        "IT – Information technology\nICT – Information and communication technologies\n"
        "UNDP – United Nations Development Programme List of Graphs Graph 1. Number of students "
        "enrolled in ICT-related courses of study in academic year 2021/2022\n\n"
        "Graph 2. Number of students graduating in the academic year 2020/21\n\n"
        "Graph 3. Average length of studies and average grade of students enrolled in the "
        "academic year 2012/2013\n\n"
        "Graph 5. Number of doctoral students enrolled (2018/2019) and those awarded a "
        "doctorate (2021/2022)1"
    )
    text = f"Report\n\n{titles}\n\n{numbers}\n\n{after}\n"
    assert _sources(text) == []


def test_an_annex_under_a_page_number_after_a_list_ends_it() -> None:
    entry = "World Bank. 2023. World Bank Country and Lending Groups. https://datahelpdesk.worldbank.org/"
    annex = "2526\nANNEX 1\nDATA ANALYSIS\nMETHODOLOGY\nAND OVERVIEW"
    columns = "\n\n".join(
        (
            "Under the backdrop of the collaboration between HDC",
            "The relevant data that were collected includes socio-",
            "and UNDP Maldives on enhancing data use for building",
        )
    )
    text = f"Report\n\nText.\n\nReferences\n\n{entry}\n\n{annex}\n\n{columns}\n"
    seg = _segment(text)
    assert [text[s.start : s.end] for s in seg.sources] == [entry]
    assert "ANNEX 1" in {h.text for h in seg.headings}


def test_an_appendix_heading_with_its_title_in_one_block_ends_a_list() -> None:
    entry = (
        "Schröter, D., Polsky, C., & Patt, A. G. (2005). Assessing vulnerabilities. Global Change."
    )
    appendix = "APPENDIX I:\nSURVEY QUESTIONNAIRE"
    questions = (
        "1. Please provide the name of your business or company.\n\n"
        "2. Please provide contact details (name, email address and telephone number)."
    )
    text = f"Report\n\nText.\n\nREFERENCES\n\n{entry}\n\n{appendix}\n\n{questions}\n"
    assert _sources(text) == [entry]


def test_a_contents_page_s_last_titles_before_its_page_numbers_are_no_entries() -> None:
    numbers = "\n\n".join(str(n) for n in (1, 4, 4, 5, 7))
    text = (
        "Report\n\nRecommendation\n\nReferences\n\nVII Annexes\n\n"
        f"{numbers}\n\nlIsT Of TAblE\n\nTable 1:\n\nNumber of survey participants\n\n"
        "Table 2:\n\nRespondent’s age (Completed year)\n"
    )
    assert _sources(text) == []


def test_lines_of_running_text_each_a_block_end_a_list() -> None:
    # A PDF's text with a blank line after every line: the text after the list comes one line
    # a block, too short each for a paragraph, but four of them in a row are running text.
    entry = "Boyer, Robert. (2018). Intermediacy and the diffusion of grassroots innovations."
    prose = "\n\n".join(
        (
            "We conducted the research using the mixed-method approach. First, we carried out a",
            "thorough literature review and preliminary interviews with experts and lecturers in",
            "innovation to help us identify barriers and potential policy solutions. Second, we",
            "a framework that consists of context and policies as a parameter for the interview",
            "survey. Finally, after the data collection process from surveys and interviews, we",
        )
    )
    text = f"Report\n\nText.\n\nReferences\n\n{entry}\n\n{prose}\n"
    assert _sources(text) == [entry]


def test_a_list_of_one_or_two_sentences_with_no_source_is_no_list() -> None:
    # An interview section's thanks under a running head's "References": no entry reads as a
    # source, and the two lines are sentences with no date or address.
    from provenance.segment import SourceBlock, _without_unread_lists

    lines = (
        "Thanks to everyone that took the time to be interviewed for this project.",
        "A huge debt of thanks for your time, generosity and patience.",
    )
    text = "\n\n".join(lines) + "\n"
    second = text.index(lines[1])
    sources = [
        SourceBlock("references", 0, len(lines[0])),
        SourceBlock("references", second, second + len(lines[1])),
    ]
    assert _without_unread_lists(text, sources, [0]) == []
    entry = "Smith, J. (2015). Border Control and Human Rights. London: Routledge."
    kept = [SourceBlock("references", 0, len(entry))]
    assert _without_unread_lists(entry, kept, [0]) == kept


def test_a_first_line_cut_from_a_block_of_lines_is_no_publisher_heading() -> None:
    # One entry whose lines the list's styles cut apart: its first line looks like a
    # publisher's name heading dated works, but it is no block of its own, so it stays.
    block = (
        "Agenda on Transformative Social Protection as a Democratic\n"
        "and Human Rights Response to the Crisis (2009): Manila,\nOctober 12-13."
    )
    rest = "\n\n".join(
        (
            "Brainard, L., A. Jones and N. Purvis (Eds) 2009. Climate Change and Poverty.",
            "Agsaoay Sano, Eunice (2010). Advocacy and Support Work for the DRRM Law.",
        )
    )
    text = f"Report\n\nText.\n\nReferences\n\n{block}\n\n{rest}\n"
    first = _sources(text)[0]
    assert first.startswith("Agenda on Transformative Social Protection")


def test_a_list_of_authors_broken_after_and_goes_on_after_a_blank_line() -> None:
    first = (
        "Adem, Kamil; Demiss Alemu, Maria Puig Arnavat, Ulrik Henriksen, Jesper Ahrenfeldt and\n\n"
        "Tobias Pape Thomsen. 2019. “First Injection of Torrefied Biomass.” Energies 12 (7)."
    )
    second = "Bazilian, M. 2012. “Energy Access Scenarios to 2030.” Environmental Research Letters."
    text = f"Report\n\nText.\n\nReferences\n\n{first}\n\n{second}\n"
    assert _sources(text) == [first, second]


def test_an_author_year_head_ending_on_its_year_goes_on_with_its_title_after_a_blank_line() -> None:
    first = (
        "Jowi, J. O., Obamba, M., Sehoole, C., Barifaijo, M., Oanda, O., & Alabi, G. (2013).\n\n"
        "Governance of higher education, research and innovation in Ghana, Kenya and\n"
        "Uganda. Retrieved May, 12, 2015."
    )
    second = "Smith, A. & Ely, A. (2016).\n\nGrassroots Innovation Movements. 10.4324/97813156."
    third = "Stock, R. M. (2013). Impacts of Hedonic and Utilitarian User Motives. Wiley."
    text = f"Report\n\nText.\n\nReferences\n\n{first}\n\n{second}\n\n{third}\n"
    assert _sources(text) == [first, second, third]


def test_an_address_broken_at_a_hyphen_goes_on_in_lower_case_after_a_blank_line() -> None:
    first = (
        "OECD. 2019. “Systems Thinking for Policy Making.” https://www.oecd.org/naec/averting-\n\n"
        "collapse/SG-NAEC(2019)4_IIASA-OECD_Systems_Thinking_Report.pdf."
    )
    second = "Sheikh, Fayaz Ahmad. 2021. “Policy Space for Informal Sector Grassroots Innovations.”"
    text = f"Report\n\nText.\n\nReferences\n\n{first}\n\n{second}\n"
    assert _sources(text) == [first, second]


def test_a_titles_dash_where_its_line_broke_is_no_bullet() -> None:
    first = (
        "(2023). Women, Business and the Law - Gender Equality, Women Economic Empowerment\n"
        "- World Bank Group. https://wbl.worldbank.org/content/dam/sites/wbl/documents/2023/"
    )
    second = "Smith, J. (2010). Title one. Publisher."
    text = f"Report\n\nText.\n\nReferences\n\n{first}\n\n{second}\n"
    assert _sources(text) == [first, second]
    # A bulleted block, or a dash after a line that ends an entry, opens the next one.
    bulleted = "- Smith, J. (2010). Title one. Publisher.\n- Doe, A. (2011). Title two. Publisher."
    text = f"Report\n\nText.\n\nReferences\n\n{bulleted}\n"
    assert _sources(text) == bulleted.split("\n")


def test_a_lower_case_line_ends_an_entry_that_has_no_year_yet() -> None:
    first = (
        "Abdukhamet, Shynggys. Landfill detection in satellite images using deep learning. PhD\n\n"
        "dissertation, Shanghai Jiao Tong University, 2019."
    )
    second = "Abbott, Jeff. Guatemala’s rivers of garbage. The Progressive, 16 August 2023."
    text = f"Report\n\nText.\n\nBibliography\n\n{first}\n\n{second}\n"
    assert _sources(text) == [first, second]


def test_a_page_listed_under_its_sites_name_is_an_entry_of_its_own() -> None:
    entries = [
        "Acorn, 2020. Acorn Stairlifts, Digital Healthcare, 2020 https://www.acornstairlifts.com/",
        "akorda.kz, 2023, https://www.akorda.kz/ru/official_documents/strategies_and_programs",
        "Henau & et al, 2016. Investing in the Care Economy. International Trade Union.",
        "homecare.co.uk, (accessed 2023.",
        "Le Grand, J. (2007) The politics of choice and competition in public services.",
    ]
    text = "Report\n\nText.\n\nReferences\n\n" + "\n\n".join(entries) + "\n"
    assert _sources(text) == entries


def test_an_entry_ending_with_a_doi_is_whole() -> None:
    first = (
        "Le Grand, J. (2007) The politics of choice and competition in public services, The "
        "Political\nQuarterly, 78(2): 207–13. doi: 10.1111/j.1467-923X.2007.00848.x"
    )
    second = (
        "Long-term care homes in Canada: How many and who owns them? (2021). Canadian Institute"
        "\nfor Health Information | CIHI. https://www.cihi.ca/en/long-term-care-homes"
    )
    text = f"Report\n\nText.\n\nReferences\n\n{first}\n\n{second}\n"
    assert _sources(text) == [first, second]


def test_the_rest_of_a_quoted_title_and_its_address_go_on_after_blank_lines() -> None:
    # A PDF's text with a blank line after every line: the block that closes the quoted title
    # the entry above opened, then the address of a Chicago-style entry.
    first = (
        'Njiru, Christine W. and Sammy C. Letema. 2018. "Energy Poverty and Its Implication on\n\n'
        'Standard of Living in Kirinyaga, Kenya." Journal of Energy. Volume 2018.\n\n'
        "https://doi.org/10.1155/2018/3196567."
    )
    second = "Numminen, Sini and Peter D. Lund. 2016. “Frugal Energy Innovations.” Energy 4."
    text = f"Report\n\nText.\n\nReferences\n\n{first}\n\n{second}\n"
    assert _sources(text) == [first, second]


def test_a_quoted_title_opened_below_is_no_rest_of_the_entry_above() -> None:
    first = "Smith, John Adam and Jane Roe. 2018. “A Title that the copy never closes for the"
    second = "Jones, Alan. 2019. “Another Title.” Journal of Energy. Volume 2019."
    text = f"Report\n\nText.\n\nReferences\n\n{first}\n\n{second}\n"
    assert _sources(text) == [first, second]


def test_a_title_with_its_subtitle_and_year_after_an_address_is_an_entry() -> None:
    first = (
        "Peralta, A. (2008, November). Gender and Climate Change Finance. Also available at "
        "http://\nwww.wedo.org /prototype/wp-content/uploads/\ngenderandclimatechangefinance.pdf"
    )
    second = (
        "People’s Social Protection Agenda: Towards Social Protection\nfor All (2010). Quezon "
        "City, Philippines: CLJ/ACIW and\nHomenet Southeast Asia."
    )
    text = f"Report\n\nText.\n\nReferences\n\n{first}\n\n{second}\n"
    assert _sources(text) == [first, second]


def test_the_rest_of_an_address_after_a_site_name_is_no_entry() -> None:
    # A lower-case block that opens with a site's name but reads as no dated or addressed
    # entry goes on with the entry above.
    first = "Smith, J. (2020). Title. Available at https://www.example.org/\n\nexample.org, two"
    text = f"Report\n\nText.\n\nReferences\n\n{first}\n"
    assert _sources(text) == [first]


_PAGE_HEAD = "A COMPILATION OF THINK PAPERS"


def test_a_list_goes_on_after_a_note_at_the_foot_of_its_page() -> None:
    # A PDF's text: the page's foot note and its running head (with the page number at its
    # start on an even page) stand between two entries of one list.
    text = "\n\n".join(
        [
            "Report",
            *(f"{_PAGE_HEAD}\n\nParagraph {n} of the running text." for n in range(3)),
            "References",
            "Casis, R.J. (2008). Addressing Climate Change in the Philippines.",
            "24 This is not an easy task, according to the Undersecretary during the March 29"
            " meeting of the\nSubcommittee on Social Protection. There are instances when safe"
            " relocation areas in disaster-prone\nlocalities are difficult to find, thus"
            " delaying the resettlement of vulnerable communities.",
            f"16 {_PAGE_HEAD}",
            "Ebi, Kristie L. (2009): Public Health Adaptation to Climate\n"
            "Change in Low-Income Countries. Washington D.C.: Brookings Institution\nPress.",
        ]
    )
    sources = _sources(text)
    assert sources[0].startswith("Casis")
    assert sources[1].startswith("Ebi") and sources[1].endswith("Press.")
    assert len(sources) == 2


def test_a_hard_wrapped_entry_is_one_entry_whatever_its_lines_read_as() -> None:
    block = (
        "Climate Change Commission. Office of the President of the\n"
        "Philippines (2010): National Framework Strategy on\n"
        "Climate Change 2010-2022."
    )
    wrapped = (
        "Development Academy of the Philippines (2009): Review\n"
        "and Strengthening of the National Social Protection\n"
        "and Welfare Program (2009). Prepared for the Cluster"
    )
    text = f"References\n\n{block}\n\n{wrapped}\n"
    assert _sources(text) == [block, wrapped]


def test_an_entry_whose_author_and_date_fill_a_line_starts_inside_a_block() -> None:
    text = (
        "References\n\n"
        "Spooner, D. (2011). Transport Workers in the Urban Informal Economy. Global Labor"
        " Institute:\nUK\n"
        "Tun, T., Welle, B., Hidalgo, D., Albuquerque, C., & Escalante, D. (2020).\n"
        "Informal and Semiformal Services in Latin America.\n"
    )
    sources = _sources(text)
    assert [s.split(",")[0] for s in sources] == ["Spooner", "Tun"]


def test_entries_split_after_their_first_line_are_joined_once_the_list_shows_it() -> None:
    entries = [
        (
            "Albert, J. R. G., Quimba, F. M., Rosellon, M. A. D., & Munoz, M. S. (2021). Promoting"
            " a more innovative and",
            "inclusive society through ICT development. Philippine Institute Policy Notes.",
        ),
        (
            "Bayudan-Dacuycuy, C., & Baje, L. K. (2021). Decent Work in Crowdwork: Gendered"
            " Takeaways from an",
            "Online Survey in the Philippines. Philippine Institute for Development Studies.",
        ),
        (
            "Hunt, A., & Samman, E. (2019). Gender and the gig economy: Critical steps for"
            " evidence-based policy.",
            "Overseas Development Institute.",
        ),
    ]
    undated = "Ansell, A. and J. Gingrich, “The End of Human Capital Solidarity?” In Rosenbluth"
    body = "\n\n".join(f"{first}\n\n{rest}" for first, rest in entries)
    text = f"Paper\n\nText (Hunt and Samman 2019).\n\nBibliography\n\n{body}\n\n{undated}\n"
    sources = _sources(text)
    assert [s.split(",")[0] for s in sources] == ["Albert", "Bayudan-Dacuycuy", "Hunt", "Ansell"]
    assert sources[2].endswith("Overseas Development Institute.")


def test_an_entry_that_so_far_lists_only_names_or_stops_in_a_bracket_goes_on() -> None:
    # A blank line after every line: the first line lists names only (no year yet) and stops on
    # a name, or stops inside a bracket, so the next line is its rest even when it reads as an
    # entry of its own ("Mekonnen, and Ferdinand Vieider. 2015. ...").
    first = (
        "Beyene, Abebe D.; Randall Bluffstone, Zenebe Gebreegziabher, Peter Martinsson, Alemu\n\n"
        "Mekonnen, and Ferdinand Vieider. 2015. The Improved Biomass Stove. World Bank."
    )
    second = (
        "GIZ-ECO (Deutsche Gesellschaft für Internationale Zusammenarbeit — Energy\n\n"
        "Coordination Office). 2011. In Mirt Stove. Eschborn, Germany."
    )
    text = f"Report\n\nText.\n\nReferences\n\n{first}\n\n{second}\n"
    assert _sources(text) == [first, second]
    # A place and publisher (names and commas too) end an entry: the one after them is its own.
    third = (
        "Sovacool, B. K. and Drupady, I. M. 2012. Energy Access.\n\nFarnum, Surrey, UK: Ashgate."
    )
    fourth = "Sovacool, Benjamin K.; Morgan Bazilian and Michael Toman. 2016. Paradigms. ERL."
    text = f"Report\n\nText.\n\nReferences\n\n{third}\n\n{fourth}\n"
    assert _sources(text)[-1] == fourth


def test_a_heading_word_opening_a_title_broken_over_short_lines_heads_no_list() -> None:
    # The boxes of a figure: "Literature" / "Review and" / ... is a title, not a list's heading;
    # the text after it stays running text and its citations stay citations.
    figure = "Literature\nReview and\nPreliminary\nInterviews"
    prose = (
        "This study relies heavily on the literature of innovation, which it summarises and "
        "evaluates (Onwuegbuzie et al., 2010)."
    )
    text = (
        f"Report\n\nFigure 1 - Study design\n\n{figure}\n\n{prose}\n\n"
        "References\n\nOnwuegbuzie, A. J. (2010). Innovative data collection strategies. "
        "Quality & Quantity.\n"
    )
    assert [c.text for c in provenance.parse(text).citations] == ["Onwuegbuzie et al., 2010"]
    # Under a real heading the first entry is its own line, whatever it ends with.
    listed = "Literature\nAcaroglu, Leyla. 2017. Tools for Systems Thinkers: The 6 Concepts of"
    assert _sources(f"Report\n\nText.\n\n{listed}\n") == [listed.split("\n", 1)[1]]


def test_a_heading_in_capitals_after_a_paragraphs_full_stop_opens_its_list() -> None:
    entry = "Crew, Michael A. 1995. Pricing and Regulatory Innovations. Boston: Kluwer."
    text = f"Report\n\nCosts would rise (Crew 1995).\nThis ends the paper.\nREFERENCES\n{entry}\n"
    assert _sources(text) == [entry]


def test_a_heading_word_in_title_case_after_a_full_stop_stays_in_its_block() -> None:
    from provenance.segment import _heading_inside_block

    assert _heading_inside_block("This ends the paper.", "REFERENCES")
    assert not _heading_inside_block("This ends the paper.", "References")
    assert not _heading_inside_block("the reports cite their", "SOURCES")


def test_references_in_title_case_before_an_entry_in_springer_s_style_stands_on_its_own() -> None:
    from provenance.segment import _heading_inside_block

    # A journal article from PDF: no blank line around the heading, and the first entry's year
    # closes it on its second line.
    first = "Boyatzis, R.E.: Transforming Qualitative Information: Thematic Analysis. Sage"
    assert _heading_inside_block(
        "in the coding process.", "References", first, "Publications, Thousand Oaks (1998)"
    )
    # Any line that does not go on with the sentence would do (``_heads_what_follows``); one that
    # does, in lower case, would not.
    assert _heading_inside_block("in the coding process.", "References", first, "and more")
    assert not _heading_inside_block("in the coding process.", "References", "and more", None)


def test_a_springer_list_without_blank_lines_reads_one_entry_each() -> None:
    text = (
        "Report title\n\nThe method is flexible (Burr 1995; Braun and Clarke 2014).\n"
        "References\n"
        "Braun, V., Clarke, V.: Successful Qualitative Research: A Practical Guide for "
        "Beginners. Sage Publications,\n"
        "Thousand Oaks (2013)\n"
        "Braun, V., Clarke, V.: Thematic analysis. In: Teo, T. (ed.) Encyclopedia of Critical "
        "Psychology, pp. 1947–\n"
        "1952. Springer, New York (2014)\n"
        "Burr, V.: An Introduction to Social Constructionism. Routledge, London, UK (1995)\n"
    )
    document = provenance.parse(text)
    assert [(r.span.line, r.entry.date) for r in document.references] == [
        (5, Date(2013)),
        (7, Date(2014)),
        (9, Date(1995)),
    ]
    assert [c.reference for c in document.citations] == [2, 1]


def test_a_list_heading_after_a_running_head_in_mixed_case_stands_on_its_own() -> None:
    from provenance.segment import _heading_inside_block

    head = (
        "Informe Nacional sobre Desarrollo Humano. Paraguay 2020. Energía y desarrollo CAPÍTULO 8"
    )
    assert _heading_inside_block(head, "Bibliografía")
    assert _heading_inside_block(
        head, "Bibliografía", "ABC (2013), “Llegada de la ANDE”, Asunción."
    )
    # A title that ends on "Policy" / "Notes." (a heading has no full stop), or a sentence that
    # goes on, keeps the word in its block.
    assert not _heading_inside_block("Development Studies Policy", "Notes.")
    assert not _heading_inside_block(head, "Bibliografía", "the survey of that year shows")


def test_a_bibliography_whose_entries_break_words_over_blank_lines_reads_each_entry() -> None:
    text = (
        "The survey (DGEEC, 2017c) and the yearbook (DGEEC, 2017a) agree.\n\n"
        "Informe Nacional sobre Desarrollo Humano. Paraguay 2020. Energía CAPÍTULO 8\n"
        "Bibliografía\n\n"
        "DGEEC (Dirección General de Estadística) (2017a), Anuario estadístico del Paraguay "
        "2015, Fernando de la Mora, Paraguay, mayo.\n\n"
        "DGEEC (Dirección General de Estadística) (2017c), Encues-\n\n"
        "ta Permanente de Hogares 2017, Asunción.\n\n"
        "DGEEC (Dirección General de Estadística) (2016a), Aprovechar ahora la juventud, "
        "Fernando de la Mora.\n"
    )
    doc = provenance.parse(text)
    assert [r.entry.year_suffix for r in doc.references] == ["a", "c", "a"]
    assert [doc.references[c.reference].entry.year_suffix for c in doc.citations] == ["c", "a"]


def test_a_body_named_after_its_country_initials_alone_opens_each_entry() -> None:
    # PDF text of a GAO bibliography: "U.S." alone, then the body's name and the title, the
    # date after a blank line ("Washington, D.C.: March 24, 1982.").
    text = (
        "Case study\n\nBibliography\n\n"
        "U.S.\nGeneral Accounting Office. Housing Block Grant Activity in\n"
        "Pittsburgh: A Case Study, CED-82-52.\n\n"
        "Washington, D.C.: March 24, 1982.\n\n\n"
        "U.S.\nGeneral Accounting Office. Housing Block Grant Activity in\n"
        "Seattle: A Case Study, CED-82-60. Washington, D.C.: March 30,\n1982.\n"
    )
    entries = [" ".join(source.split()) for source in _sources(text)]
    assert entries == [
        "U.S. General Accounting Office. Housing Block Grant Activity in Pittsburgh: A Case "
        "Study, CED-82-52. Washington, D.C.: March 24, 1982.",
        "U.S. General Accounting Office. Housing Block Grant Activity in Seattle: A Case Study, "
        "CED-82-60. Washington, D.C.: March 30, 1982.",
    ]
    document = provenance.parse(text)
    assert [
        (r.entry.author, r.entry.date.iso() if r.entry.date else None) for r in document.references
    ] == [
        ("U.S. General Accounting Office", "1982-03-24"),
        ("U.S. General Accounting Office", "1982-03-30"),
    ]


def test_the_rest_of_an_address_opening_with_a_figure_or_an_escape_goes_on() -> None:
    # A Home Office bibliography converted from PDF: the address breaks after "/" or inside a
    # percent escape, and its rest, with the day the page was read, is a paragraph of its own.
    un = (
        "Report of the Working Group on the Universal Periodic Review, Albania, 3 July 2019, "
        "https://documents-dds-ny.un.org/doc/UNDOC/GEN/G19/"
    )
    un_rest = "198/52/PDF/G1919852.pdf?OpenElement, last accessed: 22 January 2020"
    easo = (
        "European Asylum Support Office (EASO), ‘Albania Country Focus,’ November 2016, "
        "https://www.easo.europa.eu/sites/default/files/EASO%20COI%20Albania%20country"
    )
    easo_rest = "%20focus%20final%20final%2015%20Nov.pdf, last accessed: 29 January 2020"
    bbc = (
        "BBC, ‘The children trapped by Albania’s blood feuds,’ 12 November 2017, "
        "https://www.bbc.co.uk/news/world-europe-41901300, last accessed: 24 January 2020"
    )
    text = f"Note\n\nText.\n\nBibliography\n\n{un}\n\n{un_rest}\n\n{easo}\n\n{easo_rest}\n\n{bbc}\n"
    assert _sources(text) == [f"{un}\n\n{un_rest}", f"{easo}\n\n{easo_rest}", bbc]
    # After an entry that ends its address with a full stop, or without an address, and before
    # words after a space, a line opening with a figure is an entry of its own.
    for first in (
        "Amnesty International, Annual report, 2019, https://www.amnesty.org/report.",
        "Amnesty International, Annual report, 2019",
        "Amnesty International, Annual report, 2019, https://www.amnesty.org/report",
    ):
        second = "2019/20 Annual Report of the Ombudsman, Tirana, 2020"
        text = f"Note\n\nText.\n\nBibliography\n\n{first}\n\n{second}\n"
        assert _sources(text) == [first, second], first


# A dated list from a PDF whose text puts a blank line after an entry's first line.
_DATED_ENTRIES = (
    "Kramer, Steven, 1996. Geotechnical Earthquake Engineering. Prentice Hall, Upper\n\n"
    "Saddle River, New Jersey, pp. 2-3.\n\n"
    "Keefer, D.K. 1984. Landslides Caused by Earthquakes. Geologic Society of America\n\n"
    "Bulletin, Vol. 95, No. 2, pp. 406-421.\n\n"
)


def test_an_entry_of_a_dated_list_broken_before_its_date_goes_on() -> None:
    head = "Department of Public Works and Highways, Mt. Pinatubo Emergency-Project"
    rest = "Management Office, 2007. Pinatubo Hazard Urgent Mitigation Project, Phase\n3."
    text = f"Report.\n\nReferences\n\n{_DATED_ENTRIES}{head}\n\n{rest}\n"
    assert [" ".join(s.split()) for s in _sources(text)][-1] == " ".join(f"{head} {rest}".split())
    # Not in a list of names, which have no dates to come.
    names = "Amnesty International\n\nHuman Rights Watch\n\nInternational Crisis Group\n"
    text = f"Report.\n\nAdditional Sources Consulted\n\n{names}"
    assert len(_sources(text)) == 3


def test_an_entry_so_far_its_authors_and_year_goes_on_in_its_block() -> None:
    head = "National Economic Development Authority and Asian Development Bank, 2007."
    rest = "Provincial Development and Physical Framework Plan, Volume 2, PLPEM\nGuidelines."
    text = f"Report.\n\nReferences\n\n{_DATED_ENTRIES}{head}\n{rest}\n"
    assert _sources(text)[-1] == f"{head}\n{rest}"


def test_an_undated_entry_goes_on_to_its_date_and_the_entries_after_it_stand() -> None:
    # A GAO bibliography from PDF: the title runs over lines that read as names, and over a
    # blank line, the date comes last; the block that ends the entry holds the next ones.
    entry = (
        "U.S.\nGeneral Accounting Office. Cleaning Up theEnvironment:\n"
        "Progress Achieved but Major\n\n\n"
        "Unresolved Issues Remain, vols. 1 and 2, CED-82-72. Washington,\n"
        "D.C.: July 21, 1982."
    )
    after = (
        'Voss, Harwin L. "Pitfalls in Social Research: A Case Study."\n'
        "American Sociologist, 1 (1966), 136-40."
    )
    dated = "".join(
        f"U.S.\nGeneral Accounting Office. Housing Block Grant Activity in\n{city}: A Case "
        f"Study, CED-82-52. Washington, D.C.: March {day},\n1982.\n\n\n"
        for city, day in (("Pittsburgh", 24), ("Seattle", 30))
    )
    text = f"Report.\n\nBibliography\n\n{dated}{entry}\n{after}\n"
    assert _sources(text)[-2:] == [entry, after]


def test_a_body_heading_each_of_its_works_is_no_running_head() -> None:
    # The same authors' line above each work, a few lines apart: entries' heads, not a page's
    # running head (which repeats a page apart).
    body = "Philippine Atmospheric, Geophysical and Astronomical Services Administration,"
    works = ["2008. Storm Surge Hazard Map Information.", "2008. Flood Hazard Map Information."]
    year = "National Economic Development Authority and Asian Development Bank, 2007."
    titles = ["Investment Programming, Volume 3.", "Project Evaluation, Volume 5."]
    text = (
        f"Report.\n\nReferences\n\n{_DATED_ENTRIES}"
        + "".join(f"{body}\n\n{work}\n\n" for work in [*works, works[0]])
        + "".join(f"{year}\n\n{title}\n\n" for title in [*titles, titles[0]])
    )
    sources = [" ".join(s.split()) for s in _sources(text)]
    assert sources[2:] == [
        *(f"{body} {work}" for work in [*works, works[0]]),
        *(f"{year} {title}" for title in [*titles, titles[0]]),
    ]


def test_bulleted_entries_under_a_short_sub_heading_are_each_an_entry() -> None:
    # An Amnesty annual report's entry ends with its own reports, under a heading and a
    # sub-heading, each report a bullet: a bullet opens an entry even after a bare word.
    first = (
        "• Europe and Central Asia: Summary of Amnesty International's concerns in the region, "
        "January-June 2005: Slovakia (AI Index: EUR 01/012/2005)"
    )
    second = "• Slovakia: Still separate, still unequal (AI Index: EUR 72/001/2007)"
    text = (
        f"Slovakia\n\nText of the entry.\n\nAI country reports/visits\nReport\n{first}\n{second}\n"
    )
    assert _sources(text) == [first, second]


def test_the_own_reports_heading_after_the_last_paragraph_opens_the_list() -> None:
    # From PDF, no blank line around the heading: the entry's last paragraph, the heading,
    # a one-word sub-heading, then the bulleted reports. The heading and sub-heading are
    # no entries.
    first = "• Eritrea: Independence Day call for improvements (AI Index: AFR 64/004/2006)"
    second = "• Eritrea: Five years on, still in secret detention (AI Index: AFR 64/009/2006)"
    paragraph = "Many were held in metal shipping containers which were overcrowded."
    text = f"Eritrea\n\n{paragraph}\nAI country reports/visits\nStatements\n{first}\n{second}\n"
    assert _sources(text) == [first, second]


def test_a_symbol_font_bullet_opens_entries_under_a_heading_after_a_running_head() -> None:
    # A PDF's text gives a symbol font's bullet as a private use character; the heading
    # follows the page's running head with no blank line.
    first = "\U0010fc01 Gambia: Two journalists receive death threats (AFR 27/012/2012)"
    second = "\U0010fc01 Gambia: Government must stop intimidation of critics (AFR 27/015/2012)"
    text = (
        "Gambia\n\nThe charges were dropped in August.\n102\n"
        "Amnesty International Report 2013\nAmnesty International visits/reports\n"
        f"{first}\n{second}\n"
    )
    assert _sources(text) == [first, second]


def test_a_known_heading_in_title_case_after_a_paragraph_stays_in_it_without_bullets() -> None:
    # A paragraph's last line, then "References" and more text: a word of the text there.
    text = (
        "Report\n\nThe office consulted the sources listed below.\nReferences\n"
        "were checked against the originals before the response was written.\n"
    )
    assert _sources(text) == []


def test_in_a_text_wrapped_by_its_page_an_entry_s_last_words_stay_with_it() -> None:
    # The whole response is wrapped at 76 columns, so its one entry is too; the words the page
    # put on the next line ("Correspondence.") are no entry of their own.
    paragraph = (
        "On 8 May 2001 an official at the Embassy of the Federal Democratic Republic of "
        "Ethiopia in Ottawa stated that an Ethiopian must present a valid passport or at least "
        "a laissez-passer at the port of entry, and that a person without any documentation "
        "must ask the embassy or consulate where he resides for a travel document. "
    ) * 4
    entry = (
        "Embassy of the Federal Democratic Republic of Ethiopia, Ottawa. 8 May 2001.\n"
        "Correspondence."
    )
    text = f"Returnees\n\n{textwrap.fill(paragraph, 76)}\n\nReference\n\n{entry}\n"
    assert _sources(text) == [entry]


def test_in_a_text_with_no_blank_lines_known_headings_open_their_lists() -> None:
    # A PDF's or a web page's copied text with no blank line anywhere: the headings stand
    # between a paragraph's end (or a page number) and their lists' first lines.
    entry = "Embassy of the Republic, Ottawa. 8 May 2001. Correspondence."
    text = (
        "Returnees\nAn official stated that a passport is required.\nThis Response was "
        "prepared after researching publicly accessible information.\nReference\n"
        f"{entry}\nAdditional Sources Consulted\nIRB databases\nLEXIS/NEXIS\n"
    )
    assert _sources(text) == [entry, "IRB databases", "LEXIS/NEXIS"]
    first = "Abbott, Jeff. Guatemala's rivers of garbage. The Progressive, 16 August 2023."
    second = "Abbott, Jeff. Waste and the state. The Progressive, 2 May 2022."
    paged = f"Waste\nThe rivers carry the city's waste.\n24\nBibliography\n{first}\n{second}\n"
    assert _sources(paged) == [first, second]


def test_a_heading_after_a_roman_page_number_a_running_foot_or_twice_over_heads_its_list() -> None:
    from provenance.segment import _heading_inside_block

    entry = "Anderson, Mary B., 1993. Lessons Learned in Rehabilitation. Geneva: UNHCR."
    # After a page's number in Roman numerals.
    assert _heading_inside_block("vii", "References", "AN ACT ESTABLISHING A DATABASE, 2019.")
    # Twice, the second time in lower case (small capitals).
    assert _heading_inside_block("Humanitarian aid | UNDP", "References", "references", entry)
    # After a running foot that ends on a word, before an entry with its author and date.
    assert _heading_inside_block("65.Making the Invisible Visible", "References", entry)
    # Not so in a sentence's words ("... listed in the" / "Sources" / "below ...").
    assert not _heading_inside_block("as listed in the", "Sources", "below, with the dates.")


def test_a_known_heading_inside_a_sentence_or_over_a_page_number_heads_nothing() -> None:
    from provenance.segment import _heading_inside_block

    # A sentence broken around the word: the line after it goes on in lower case.
    assert not _heading_inside_block("See the list of sources.", "Bibliography", "below it.")
    # A list's running head on each of its pages, then the page's number.
    assert not _heading_inside_block("Research.", "References", "57")
    # An everyday word of running text needs more than that.
    assert not _heading_inside_block("This ends it.", "Sources", "Amnesty International")
    # A number under a heading of notes is its first note's.
    assert _heading_inside_block("This ends the paper.", "Endnotes", "1")


def test_a_numbered_list_takes_unnumbered_blocks_and_drops_section_numbers() -> None:
    # A numbered list from PDF: an entry's rest after a blank line has no number of its own,
    # and the number of the chapter the entries below serve stands alone between them.
    entries = [
        "14 Kuznetsov N.T. (1980). Current Problems of Research on the Aral Sea Problems.",
        "15 Rubanov I.V. Lake-soil salt accumulation in Uzbekistan (continental halogenesis)."
        "\n\nTashkent, Publishing House “FAN”, USSR, 1977.",
        "16 Chalov P.I. Dating by nonequilibrium uranium. Frunze, Publishing House “Ilim”, 1968.",
        "17 Brodskaya N.G. Bottom sediments and sedimentation processes in the Aral Sea."
        "\n\nProceedings of the Institute of Geological Sciences, vol.\n115, Geology Series, 1952.",
    ]
    text = (
        "Report.\n\nReferences\n\n"
        "12 Spectorman T.Yu. Dynamics of aridity indicators of Uzbekistan, 2002.\n\n"
        "13 Gorodetskaya M.E. (1986). Topography of the Aral Sea borderlands.\n\n2.3\n\n"
        + "\n\n".join(entries)
        + "\n"
    )
    assert _sources(text)[2:] == entries


def test_pieces_of_a_date_scattered_over_blocks_are_no_entries() -> None:
    # A justified list whose PDF text scattered each entry's words over blocks of their own.
    first = "GSO. (2021). Retrieved from GENERAL STATISTICS: https://www.gso.gov.vn/px-web/"
    second = "Dan Viet. (2020, Nov 19). Retrieved Aug 19, 2022, from https://danviet.vn/a.htm"
    pieces = ["(2018).", "Aug", "22,", "(2019, Jul 11). Retrieved", "2022,"]
    text = "Report.\n\nReferences\n\n" + "\n\n".join([first, *pieces, second]) + "\n"
    assert _sources(text) == [first, second]
    # After an entry that stops on "p.", a figure alone is its page.
    entry = "Torres, Rocio. Learning to identify landfills. Remote Sensing, vol. 13 (2021), p."
    text = f"Report.\n\nBibliography\n\n{first}\n\n{entry}\n\n4520.\n\n{second}\n"
    assert _sources(text) == [first, f"{entry}\n\n4520.", second]


def test_a_page_listed_undated_under_each_source_is_no_running_head() -> None:
    # A Home Office bibliography: each source's name, then its pages ("About, no date").
    groups = [
        ("Aabbir,", "Algerian university opens door to ‘homosexuality’, 15 May 2025"),
        ("Algeria Times,", "Huge increase in the number of cases, 18 January 2026"),
        ("EuroMed Rights,", "A Member of Parliament calls for capital punishment, 7 May 2025"),
    ]
    text = "Note.\n\nSources cited\n\n" + "".join(
        f"{name}\n\nAbout, no date\n\n{work}\n\n" for name, work in groups
    )
    assert _sources(text) == [line for _, work in groups for line in ("About, no date", work)]


def test_a_title_case_heading_after_a_full_stop_opens_an_author_year_list() -> None:
    from provenance.segment import _heading_inside_block

    first = "Abel, G. J., & Muttarak, R. (2019). Climate, conflict and forced migration."
    # A journal article's "References" from PDF, no blank line before it: the list starts.
    text = f"Report\n\nA claim (Abel, 2019).\nThe paper ends here.\nReferences\n{first}\n"
    assert _sources(text) == [first]
    assert _heading_inside_block("The paper ends here.", "References", first)
    # Before an IRB entry too (any line that does not go on with a sentence), not mid-sentence.
    assert _heading_inside_block("The paper ends here.", "References", "AFP. 12 Jan. 1999.")
    assert not _heading_inside_block("the reports cite their", "References", first)


_CREDIT = (
    "CRediT authorship contribution statement\n"
    "Ana Ruiz: Conceptualization, Methodology, Software, Formal analysis, Data curation,\n"
    "Validation, Visualization, Writing - original draft, Writing - review & editing. Ben Ode:\n"
    "Methodology, Software, Formal analysis, Writing - original draft, Writing - review and\n"
    "editing of the manuscript and of the figures before its submission to the journal.\n"
    "Declaration of Competing Interest\n"
    "The authors declare that they have no known competing financial interests or personal\n"
    "relationships that could have appeared to influence the work reported in this paper.\n8"
)


def test_an_author_year_list_goes_on_after_the_other_columns_paragraphs_and_a_page_break() -> None:
    # A two-column journal page: the list's left column, the right column's CRediT statement,
    # then the next page's running head and the list going on.
    before = (
        "Funk, C., Harrison, L., Shukla, S., 2016. Assessing the Contributions of Local and\n"
        "East Pacific Warming to the 2015 Droughts. Bull. Am. Meteorol. Soc. 97, S75-S80."
    )
    after = (
        "Guldberg, O.H., Jacob, D., Taylor, M., Bindi, M., Brown, S., Camilloni, I., Zou, R.,\n"
        "2018. Chapter 3: Impacts of 1.5 C Global Warming on Natural and Human Systems.\n"
        "Koubi, V., 2019. Climate Change and Conflict. Annu. Rev. Polit. Sci. 22, 343-360."
    )
    journal = "Global Change Letters 9 (2023) 1021"
    head = f"A. Ruiz et al.\n\n{journal}"
    text = (
        f"{journal}\n\nReport\n\nDrought drives displacement (Funk et al., 2016).\n7\n\n"
        f"{head}\n\nIt is a cause of conflict too (Koubi, 2019).\n\n"
        f"References\n{before}\n\n{_CREDIT}\n\n{head}\n\n{after}\n"
    )
    found = _sources(text)
    assert found[0] == before
    assert found[-1].startswith("Koubi, V., 2019.")
    assert any(s.startswith("Guldberg, O.H.") for s in found)
    assert not any("CRediT" in s or "Ruiz et al." in s for s in found)


def test_a_journals_running_head_with_et_al_is_no_lettered_heading() -> None:
    text = "Report\n\nText.\n\nL. Thalheimer et al.\n\nMore text.\n"
    assert not any("Thalheimer" in h.text for h in _segment(text).headings)
    assert any(h.text == "A. Methods" for h in _segment("Report\n\nA. Methods\n\nText.\n").headings)


def test_an_access_note_after_a_blank_line_ends_the_entry_above() -> None:
    # "Accessed August 2, 2017." opens no entry, wherever the copy broke the entry: after a
    # blank line it is the day the entry above was read, with its address.
    shieh = "Shieh, Shawn. 2017. \u201cThe Origins of a New Law.\u201d ChinaFile, January 31."
    access = "Accessed August 2, 2017. http://www.chinafile.com/reporting-opinion/viewpoint/x."
    stacher = "Stacher, Joshua. 2012. Adaptable Autocrats. Stanford: Stanford University Press."
    text = (
        "Report\n\nText (Shieh 2017; Stacher 2012).\n\nReferences\n\n"
        f"{shieh}\n\n{access}\n\n{stacher}\n"
    )
    assert _sources(text) == [f"{shieh}\n\n{access}", stacher]


def test_an_address_broken_inside_a_word_ends_its_entry_before_the_next_one() -> None:
    # APA from a PDF, each "Retrieved from" line after a blank line below its entry: an address
    # the page broke between two letters ends on its last piece; the block after it is the
    # next entry, though the entry above has no year. In this dated list, an undated body and
    # title on two lines are one entry, not two.
    first = (
        "UNDP Bangkok Regional Hub.\nDigital Maturity Model (DDRRMM).\n\n"
        "Retrieved from https://drive.google.com/file/d/1hmmFQetvcy1\n"
        "F1tm3mKxu2yRWOTuKiCn/view?usp=sharing"
    )
    second = (
        "United Nations Development Programme (UNDP) Philippines. Mapping and Analysis\n"
        "of Vulnerable Groups in Support of the Digital Readiness Strategy.\n\n"
        "Retrieved from https://www.undp.org/content/rbap/blog-mavg-philippines.html"
    )
    dated = (
        "National Privacy Commission. (2018). NPC Privacy Toolkit.\n\n"
        "Retrieved from https://www.privacy.gov.ph/3rdToolkit_0618.pdf"
    )
    other = (
        "Office of Civil Defense. (2020). National Plan 2020-2030. Quezon City.\n\n"
        "Retrieved from https://ndrrmc.gov.ph/attachments/article/4147/NDRRMP.pdf"
    )
    entries = [dated, other, first, second]
    text = "Report.\n\nReferences\n\n" + "\n\n".join(entries) + "\n"
    assert _sources(text) == entries


def test_two_undated_lines_of_an_undated_list_stay_two_entries() -> None:
    # Only a dated list makes two undated lines of one block one entry lacking its date.
    text = "Report.\n\nSources\n\nAmnesty International.\nHuman Rights Watch.\n"
    assert _sources(text) == ["Amnesty International.", "Human Rights Watch."]

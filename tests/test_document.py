"""The assembled document: what the pipeline keeps and drops when it links the pieces."""

from __future__ import annotations

import provenance
from provenance.document import _offset_after_lines


def test_the_court_and_year_of_a_reported_case_is_not_an_author_date_citation() -> None:
    text = (
        "The Board so held in Matter of A-B-, 27 I&N Dec. 316, 320 (BIA 2018), as did the "
        "court in 395 F.3d 1125, 1130 (9th Cir. 2005). Others agree (Human Rights Watch 2005). "
        "In 1999 (Reuters 3 May 1999) it happened again.\n"
    )
    cited = [c.text for c in provenance.parse(text).citations]
    assert cited == ["Human Rights Watch 2005", "Reuters 3 May 1999"]


def test_a_report_citing_sources_with_no_list_is_one_warning_not_errors() -> None:
    document = provenance.parse(
        "Treatment of journalists [ABC12345.E]\n\n"
        "Two reporters were detained (The Korea Post Feb. 1999) and charged (Yonhap 1999).\n"
    )
    findings = provenance.check(document)
    assert [(f.rule, str(f.severity)) for f in findings] == [("unreadable-source-list", "warning")]


# --------------------------------------------------------------------------- the own index code


def _codes(text: str) -> tuple[list[tuple[str, str]], str | None]:
    document = provenance.parse(text)
    own = document.metadata.index_code
    return [(m.text, m.role) for m in document.index_codes], own.text if own else None


def test_the_code_closing_an_irb_title_line_in_brackets_is_the_own_code() -> None:
    codes, own = _codes("Treatment of journalists [ABC12345.E]\n\nBody text.\n")
    assert codes == [("ABC12345.E", "own")]
    assert own == "ABC12345.E"


def test_an_irb_code_opening_the_title_line_unbracketed_is_cited_not_own() -> None:
    codes, own = _codes("KKT34458.E Treatment of journalists\n\nBody text.\n")
    assert codes == [("KKT34458.E", "cited")]
    assert own is None


def test_an_unbracketed_irb_code_in_the_title_does_not_stop_the_search_for_the_own_one() -> None:
    codes, own = _codes("Follow-up of ABC12345.E on journalists [ABC23456.E]\n\nBody.\n")
    assert codes == [("ABC12345.E", "cited"), ("ABC23456.E", "own")]
    assert own == "ABC23456.E"


def test_the_report_an_update_names_is_not_the_updates_own_code() -> None:
    text = "Update to A/HRC/7/3 on torture\n\nBody text here.\n\nA/HRC/WG.6/7/SVN/3\n"
    codes, own = _codes(text)
    assert codes == [("A/HRC/7/3", "cited"), ("A/HRC/WG.6/7/SVN/3", "own")]
    assert own == "A/HRC/WG.6/7/SVN/3"


def test_a_un_symbol_closing_the_title_line_is_the_own_code() -> None:
    text = "Report of the Working Group A/HRC/7/3\n\nBody.\n"
    assert _codes(text) == ([("A/HRC/7/3", "own")], "A/HRC/7/3")
    # "Submission to" is not "Update to": the symbol after it is still the document's.
    assert _codes("Submission to A/HRC/7/3\n\nBody.\n") == ([("A/HRC/7/3", "own")], "A/HRC/7/3")


def test_a_symbol_alone_on_a_line_at_the_top_is_the_own_code() -> None:
    _, own = _codes("Report title here\nGeneva, office\nA/HRC/WG.6/7/SVN/3\n\nBody.\n")
    assert own == "A/HRC/WG.6/7/SVN/3"
    _, own = _codes("Report title here\n\n   A/HRC/WG.6/7/SVN/3\n\nBody.\n")
    assert own == "A/HRC/WG.6/7/SVN/3"


def test_a_code_after_an_index_label_at_the_top_is_the_own_code() -> None:
    assert _codes("Report title here\n\nIndex: AMR 51/001/2000\n\nBody.\n")[1] == "AMR 51/001/2000"
    text = "Report title here\n\nAI Index: AMR 51/001/2000\n\nBody.\n"
    assert _codes(text)[1] == "AMR 51/001/2000"


def test_a_code_cited_in_a_sentence_or_bracket_at_the_top_is_not_the_own_code() -> None:
    assert _codes("Report title here\n\nSee also A/HRC/7/3 for more.\n") == (
        [("A/HRC/7/3", "cited")],
        None,
    )
    text = "Report title here\n\nSee the report (AI Index: AMR 51/001/2000).\n"
    assert _codes(text) == ([("AMR 51/001/2000", "cited")], None)


def test_only_the_first_twelve_lines_may_state_the_own_code() -> None:
    at_line = {n: "Report title\n" + "line\n" * (n - 2) + "A/HRC/7/3\n" for n in (12, 13)}
    assert _codes(at_line[12]) == ([("A/HRC/7/3", "own")], "A/HRC/7/3")
    assert _codes(at_line[13]) == ([("A/HRC/7/3", "cited")], None)


def test_the_code_of_the_running_headers_is_own_wherever_else_it_stands() -> None:
    page = "Amnesty International 5 May 2000\n\nText of page {n}.\n\nAI Index: AMR 51/001/2000\n\n"
    text = "".join(page.format(n=n) for n in range(3)) + "The code AMR 51/001/2000 again.\n"
    codes, own = _codes(text)
    assert [role for _, role in codes] == ["furniture"] * 3 + ["own"]
    assert own == "AMR 51/001/2000"


def test_offset_after_lines_counts_line_ends() -> None:
    assert _offset_after_lines("a\nb\nc\n", 2) == 4
    assert _offset_after_lines("a\nb", 5) == 3
    assert _offset_after_lines("\nx\ny", 1) == 1
    assert _offset_after_lines("ab\n\ncd\n", 3) == 7


# --------------------------------------------------------------------------- the own date


def _own_date(text: str) -> str | None:
    found = provenance.parse(text).metadata.date
    return found.text if found else None


def test_the_date_of_the_running_headers_is_the_reports_date() -> None:
    pages = "".join(f"Amnesty International 5 May 2000\n\nPage text {n}.\n\n" for n in range(3))
    # Body dates after the headers are not header dates, however often they are repeated.
    text = pages + "On 1 January 1999, 1 January 1999 and 1 January 1999 things.\n"
    found = provenance.parse(text).metadata.date
    assert found is not None
    assert (found.text, found.span.start) == ("5 May 2000", text.index("5 May 2000"))


def test_the_date_repeated_most_in_the_running_headers_is_the_reports_date() -> None:
    pages = "".join(
        f"Report printed 1 May 2000\n\nPage text {n}.\n\nUpdated 2 June 2001\n\nMore text.\n\n"
        for n in range(3)
    )
    assert _own_date(pages + "Updated 2 June 2001\n") == "2 June 2001"


def test_a_yearless_date_in_the_running_headers_is_not_the_reports_date() -> None:
    pages = "".join(f"Monday 5 May\n\nPage text {n}.\n\n" for n in range(3))
    assert _own_date("Report title\n\n7 June 2001\n\n" + pages) == "7 June 2001"


def test_a_full_date_alone_on_a_top_line_is_the_reports_date() -> None:
    assert _own_date("Report title\n\n5 May 2000\n\nBody text.\n") == "5 May 2000"
    # Neither a yearless date nor a period is a report's date.
    assert _own_date("Report title\n\n5 May\n\nBody text.\n") is None
    assert _own_date("Report title\n\n1-5 May 2000\n\nBody text.\n") is None


def test_only_the_first_fifteen_lines_may_state_the_date() -> None:
    def at_line(n: int) -> str:
        return "Report title\n" + "line\n" * (n - 2) + "5 May 2000\n" + "words\n" * 50

    assert _own_date(at_line(15)) == "5 May 2000"
    assert _own_date(at_line(16)) is None


def test_a_dateline_closing_the_page_is_the_reports_date() -> None:
    text = "Report title\n\nBody text.\n\nMore text.\n\n17 May 2001 21:45:00\n"
    assert _own_date(text) == "17 May 2001"


def test_a_date_in_the_body_does_not_hide_the_closing_dateline() -> None:
    text = "Report title\n" + "line\n" * 20 + "5 May 2000\n\nMore text.\n\n17 May 2001 21:45:00\n"
    assert _own_date(text) == "17 May 2001"


def test_only_the_last_three_dates_are_read_as_a_closing_dateline() -> None:
    tail = "17 May 2001 report\nsaw 1 May 2000, 2 May 2000 and 3 May 2000.\n"
    assert _own_date("Report title\n\nBody text.\n\n" + tail) is None
    tail = "17 May 2001 report\nsaw 1 May 2000 and 2 May 2000.\n"
    assert _own_date("Report title\n\nBody text.\n\n" + tail) == "17 May 2001"


def test_a_closing_dateline_is_looked_for_in_the_last_200_characters() -> None:
    def ending(after: int) -> str:
        return "Report title\n" + "body words\n" * 40 + "17 May 2001 x" + "y" * (after - 13)

    assert _own_date(ending(200)) == "17 May 2001"
    assert _own_date(ending(201)) is None

"""The assembled document: what the pipeline keeps and drops when it links the pieces."""

from __future__ import annotations

import provenance


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

"""Titles chosen by evidence: not a site's menu, an archive's record, a UN masthead or prose."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import provenance
from provenance.titles import _Head, _words, clean_title

ROOT = Path(__file__).resolve().parents[1]
PRACTICE = ROOT.parent / "shared" / "practice"


def _title(text: str) -> str | None:
    return provenance.parse(text).metadata.title


SEED_TITLES = {
    "000_a612e7f6db11d10b.txt": "Update to KKT25532.E of 20 December 1996 on the treatment of "
    "ethnic Koreans and available state protection",
    # An upper-case country line over its subtitle, as Amnesty sets its titles.
    "001_57fd68c990b575be.txt": "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA / RUSSIAN FEDERATION: "
    "Pursuit, Intimidation and Abuse of North Korean Refugees and Workers",
    "002_43ecc7cc96973852.txt": "NK Defectors in China Remain Concern",
    # Two pages of one site: its menu ("About Our Group", "Contact Us") is not their title.
    "003_1657d4287ccc633e.txt": "Amnesty International Steps In",
    "004_604fa044de79772a.txt": "Our Activities in FY2003-2004",
}


@pytest.mark.parametrize(("name", "title"), SEED_TITLES.items())
def test_seed_titles(name: str, title: str) -> None:
    assert provenance.parse_file(ROOT / "seeds" / name).metadata.title == title


PRACTICE_TITLES = {
    # An archive's record number and author line, then the text: no title is written.
    "01_irb-rir_lka8201-eprlf-authorities.txt": None,
    "02_irb-rir_lka8043-eprlf-status.txt": "The current status of the EPRLF.",
    "05_amnesty_eur44-047-1993.txt": "Further information on EXTRA 44/93 (EUR 44/44/93, 7 May) - "
    "Turkey: fear of torture: Arrested and sent to prison: Teslim Tore, Murat Toprak, Huseyin "
    "Bakir, Muazzez Yucel (note corrected name), and new names: Kenan Kalyon, Mustafa Cubuk, "
    "Ergun Adakli, Fatma",
    "09_ngo-report_lm2004-nauru.txt": "Nauru, Landmine Monitor Report 2004",
    "10_ngo-report_lm2000-nauru.txt": "NAURU, Landmine Monitor Report 2000",
    "11_news_pana-burundi-returnees.txt": "Some 10,000 Burundian refugees return home",
    # A wire story without a headline: its lead paragraph is not a title.
    "12_news_hina-mostar-returns.txt": None,
    # A UN title page: the masthead skipped, the indented title block joined, and its country.
    "13_un-upr-stakeholders_slovenia-2009.txt": "SUMMARY PREPARED BY THE OFFICE OF THE HIGH "
    "COMMISSIONER FOR HUMAN RIGHTS, IN ACCORDANCE WITH PARAGRAPH 15 (C) OF THE ANNEX TO HUMAN "
    "RIGHTS COUNCIL RESOLUTION 5/1: Slovenia",
    "15_un-upr-national-report_slovenia-2019.txt": "National report submitted in accordance "
    "with paragraph 5 of the annex to Human Rights Council resolution 16/21: Slovenia",
    "16_un-upr-stakeholders_slovenia-2024.txt": "Summary of stakeholders’ submissions on Slovenia",
    "17_us-dos-country-report_burma-2017.txt": "2017 Country Reports on Human Rights Practices: "
    "Burma",
}


@pytest.mark.skipif(not PRACTICE.is_dir(), reason="practice reports not present")
@pytest.mark.parametrize(("name", "title"), PRACTICE_TITLES.items())
def test_practice_titles(name: str, title: str | None) -> None:
    assert provenance.parse_file(PRACTICE / name).metadata.title == title


def test_a_menu_is_not_a_title() -> None:
    menu = "Home\n\nAbout Us\n\nOur Work\n\nContact Us\n\n\n\n"
    assert _title(menu + "The Real Title\n\nSome text of the page follows here.\n") == (
        "The Real Title"
    )
    # A label set among the menu's lines, with a comma or a number, is the page's title.
    text = "About Us\nThe Issues\nPress Room\nCountry Reports\nChad, Annual Report 2004\n\nText.\n"
    assert _title(text) == "Chad, Annual Report 2004"
    # Short lines that are no menu stay candidates.
    assert _title("Annual Report\n\nText of it.\n") == "Annual Report"


def test_a_link_bar_and_a_stray_fragment_are_not_titles() -> None:
    assert _title("• Menu\n\n<CHAD | CHILE>\n\nReport on Chad\n\nText.\n") == "Report on Chad"
    text = "• Campaigns\n\n, Index number: EUR 44/047/1993\n\nFear of torture\n\nText.\n"
    assert _title(text) == "Fear of torture"


def test_an_archive_record_is_not_a_title() -> None:
    text = "Document #123\nSome Office (Author)\n\nThe Title Itself\n\nText.\n"
    assert _title(text) == "The Title Itself"


def test_a_masthead_is_skipped_and_a_title_block_joined() -> None:
    text = (
        "   United Nations                                  A/HRC/1/X/1\n"
        "   General Assembly                                Distr.: General\n"
        "                                                   6 August 2019\n\n"
        "Human Rights Council\nFirst session\n\n"
        "        Report on the situation of human rights in\n"
        "        the country concerned\n\n"
        "        Chad*\n\n"
        "    1. The present report was prepared pursuant to resolution 5/1.\n"
    )
    assert _title(text) == "Report on the situation of human rights in the country concerned: Chad"


def test_prose_is_not_a_title() -> None:
    assert _title("Document #1\n\nAccording to the Monitor,\nmost members fled.\n") is None
    lead = "CITY, May 1 (Agency) - " + "Some words here " * 8 + "said on Monday."
    assert _title(lead + "\nMore of the story.\n") is None


@pytest.mark.parametrize(
    ("title", "headings", "expected"),
    [
        # An <h1> the <title> repeats beside the site's name.
        ("Refworld | Korea: Returnees", ["Menu", "Korea: Returnees"], "Korea: Returnees"),
        # The first <h1> that can be a title, over a <title> that differs.
        ("Country reports", ["About Us", "Burma: Freedom denied"], "Burma: Freedom denied"),
        # No usable <h1>: the <title> without the site's name.
        (
            "Freedom in the World 2020 - Burma | Freedom House",
            [],
            "Freedom in the World 2020 - Burma",
        ),
        ("Amnesty International - Burma: Freedom denied", [], "Burma: Freedom denied"),
        (
            "Iran: Tudeh members (2000-2005) - ecoi.net",
            ["References"],
            "Iran: Tudeh members (2000-2005)",
        ),
        # A name beside a name is the title whole.
        ("Sri Lanka - EPRLF", [], "Sri Lanka - EPRLF"),
        # Furniture only: nothing, and the text decides.
        ("Home", ["About Us"], None),
        (None, [], None),
    ],
)
def test_page_title_by_evidence(
    title: str | None, headings: list[str], expected: str | None
) -> None:
    from provenance.titles import page_title

    assert page_title(title, headings) == expected


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("# **Sri Lanka: Treatment of Tamils** [LKA8043.E]", "Sri Lanka: Treatment of Tamils"),
        ("Korea: Military service[KOR34458]", "Korea: Military service"),
        ("Sources cited [1]", "Sources cited [1]"),  # a note call, not an IRB code
        ("Annex [KOR12.E]", "Annex [KOR12.E]"),  # too few digits for an IRB code
    ],
)
def test_clean_title_drops_only_the_bracketed_irb_code_the_grammar_reads(
    line: str, title: str
) -> None:
    assert clean_title(line) == title


_PIECE = st.sampled_from(["a", "#", "*", "**", " ", "  ", "\t", "[", "]", "[LKA8043.E]", "b."])
_PIECES = st.lists(_PIECE | st.just("\u00a0"), max_size=30)


@settings(max_examples=400)
@given(before=_PIECES, line=_PIECES)
def test_long_in_place_only_where_the_cleaned_line_is(before: list[str], line: list[str]) -> None:
    """A line is called long in place (without its slice: the line may be the rest of the text)
    only where ``clean_title`` leaves it more words than the bound."""
    text = "".join(before).replace("\n", "") + "\n" + "".join(line)
    head = _Head(text, 0)
    for index in range(len(head.lines)):
        for most in (0, 1, 3, 6):
            if head._surely_long(index, most):
                assert _words(clean_title(head.raw(index))) > most


def test_a_long_line_after_the_title_is_not_copied_to_be_counted() -> None:
    head = _Head("Title of the report\n\n" + "See Response ABC10000.E now. " * 10, 0)
    assert [head._surely_long(index, 6) for index in range(3)] == [False, False, True]

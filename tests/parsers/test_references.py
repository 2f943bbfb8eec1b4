"""Reference entries: every style on real shapes, the prose boundary, list splitting, round trip."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

from provenance.errors import GrammarError
from provenance.grammars import grammar_parser
from provenance.model import AmnestyIndex, Date, DateRange, ReferenceEntry, UnSymbol
from provenance.parsers import references as refs
from provenance.parsers.references import (
    DITTO_MARK,
    address_run_on,
    entry_starts,
    iter_references,
    list_number,
    opens_with_access_note,
    opens_with_ditto,
    parse_reference,
    parse_reference_date,
    reference_entry,
)
from provenance.render.index_codes import render_index_code
from provenance.render.references import render_reference, render_reference_date, section_for
from provenance.span import LineIndex

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
PRACTICE = ROOT.parent / "shared" / "practice"


# --------------------------------------------------------------------------- IRB reference lists


def test_irb_periodical_with_place_volume_url_accessed() -> None:
    entry = parse_reference(
        'The Korea Post [Seoul]. February 1999. Vol. 12, No. 2. "Nazarbayev Win Heralds Closer '
        'Cooperation with Korea." http://www.koreapost.com/1999_02/dip&fo_03.htm '
        "[Accessed 15 May 2000]"
    )
    assert entry == ReferenceEntry(
        author="The Korea Post",
        place="Seoul",
        date=Date(1999, 2),
        volume="12",
        issue="2",
        title="Nazarbayev Win Heralds Closer Cooperation with Korea",
        url="http://www.koreapost.com/1999_02/dip&fo_03.htm",
        accessed=Date(2000, 5, 15),
        kind="irb",
    )


def test_irb_news_agency_day_date() -> None:
    entry = parse_reference(
        "News from the Korean Central News Agency of the DPRK [Pyongyang]. 27 July 1999. "
        '"S. Korean Authorities\' Hit for Separatist Moves." '
        "http://www.kcna.co.jp/item/1999/9907/news07/27.htm [Accessed 15 May 2000]"
    )
    assert entry.author == "News from the Korean Central News Agency of the DPRK"
    assert entry.place == "Pyongyang"
    assert entry.date == Date(1999, 7, 27)
    assert entry.title == "S. Korean Authorities' Hit for Separatist Moves"
    assert entry.url == "http://www.kcna.co.jp/item/1999/9907/news07/27.htm"
    assert entry.accessed == Date(2000, 5, 15)


def test_irb_attachment_item_author_moves_periodical_to_container() -> None:
    entry = parse_reference(
        "Analysis of Current Events [New York]. September/October 1999. Vol. 11, No. 7-8. Natsuko "
        "Oka. \"Organizing Kazakhstan's Korean Minority: The Association of Koreans in "
        'Kazakhstan," '
        "pp.14-15.",
        "attachment",
    )
    assert entry.kind == "irb"
    assert entry.author == "Natsuko Oka"
    assert entry.container == "Analysis of Current Events"
    assert entry.place == "New York"
    assert entry.date == DateRange(Date(1999, 9), Date(1999, 10), "alternative")
    assert entry.date.iso() == "1999-09/1999-10"
    assert (entry.volume, entry.issue, entry.pages) == ("11", "7-8", "14-15")
    assert entry.title == (
        "Organizing Kazakhstan's Korean Minority: The Association of Koreans in Kazakhstan"
    )


def test_irb_nexis_note_and_item_author() -> None:
    entry = parse_reference(
        'The Independent [London]. 25 November 1991. Caroline Moorehead. "Rights and Wrongs: Iran '
        "Gives Warning to Rights Monitors Following 'Reforms'.\" (NEXIS)",
        "attachment",
    )
    assert entry.author == "Caroline Moorehead"
    assert entry.container == "The Independent"
    assert entry.place == "London"
    assert entry.date == Date(1991, 11, 25)
    assert entry.note == "NEXIS"
    assert (
        entry.title
        == "Rights and Wrongs: Iran Gives Warning to Rights Monitors Following 'Reforms'"
    )


def test_irb_wire_cycle_is_the_issue_not_the_author() -> None:
    entry = parse_reference(
        'Reuters. 11 November 1994. BC Cycle. "Iran Ayatollah Denounces Anti-Censorship Writers." '
        "(NEXIS)"
    )
    assert entry.author == "Reuters"
    assert entry.container is None
    assert entry.issue == "BC Cycle"
    assert entry.date == Date(1994, 11, 11)
    assert entry.title == "Iran Ayatollah Denounces Anti-Censorship Writers"
    assert entry.note == "NEXIS"


def test_irb_ditto_author_is_kept_for_the_caller_to_resolve() -> None:
    entry = parse_reference(
        '_____. 11 August 1993. BC Cycle. "Iran Police Rescue Russian Diplomat." (NEXIS)'
    )
    assert entry.kind == "irb"
    assert entry.author == "_____"
    assert entry.date == Date(1993, 8, 11)
    assert entry.title == "Iran Police Rescue Russian Diplomat"


@pytest.mark.parametrize("mark", ["_____", "——", "—", "–––", "-----"])
def test_every_spelling_of_a_ditto_reads_as_the_one_mark(mark: str) -> None:
    # The caller tells a ditto by the mark alone, so the grammar's DITTO is the one definition.
    irb = parse_reference(f'{mark}. 11 August 1993. BC Cycle. "Iran Police Rescue Diplomat."')
    author_year = parse_reference(f"{mark}. 2019. Another Title. London: Press.")
    assert irb.author == DITTO_MARK and author_year.author == DITTO_MARK
    assert opens_with_ditto(f"  {mark}. 11 August 1993.")


@pytest.mark.parametrize("text", ["--. 1993. Title.", "_____ and others. 1993.", "Smith. 1993."])
def test_text_that_the_grammar_does_not_read_as_a_ditto(text: str) -> None:
    assert not opens_with_ditto(text)


def test_an_irb_entry_whose_ditto_lost_its_underscores_is_a_ditto() -> None:
    # Web copies of old responses kept the full stop after "_____" and dropped the rest.
    entry = parse_reference(
        '. 30 January 1992. "Army Confrontation with LTTE Detailed." (FBIS-NES-92-021 31 Jan. '
        "1992, p. 72)"
    )
    assert (entry.kind, entry.author, entry.date) == ("irb", DITTO_MARK, Date(1992, 1, 30))
    assert entry.title == "Army Confrontation with LTTE Detailed"


def test_an_author_year_entry_whose_ditto_lost_its_dashes_is_a_ditto() -> None:
    # A PDF conversion of a Chicago list kept the full stop after "———" and dropped the rest:
    # the next work of the same body that year.
    entry = parse_reference(
        ". 2021b. \u201cThe Civic Space Initiative.\u201d https://www.icnl.org/our-work/."
    )
    assert (entry.kind, entry.author, entry.date) == ("author-year", DITTO_MARK, Date(2021))
    assert (entry.year_suffix, entry.title) == ("b", "The Civic Space Initiative")


@pytest.mark.parametrize(
    ("text", "title", "note"),
    [
        (
            "Amnesty International (AI). January 1993. India: Torture, Rape and Deaths in "
            "Custody. (AI Index: ASA 20/06/93). London: Amnesty International.",
            "India: Torture, Rape and Deaths in Custody",
            "London: Amnesty International",
        ),
        (
            "Bradbury, Mark. October 1993. The Somali Conflict: Prospects for Peace. Oxford: "
            "Oxfam UK and Ireland.",
            "The Somali Conflict: Prospects for Peace",
            "Oxford: Oxfam UK and Ireland",
        ),
        (
            'El Rescate. 19 July 1991. "Caselist Search on Key Word: Deserter." Los Angeles: '
            "El Rescate.",
            "Caselist Search on Key Word: Deserter",
            "Los Angeles: El Rescate",
        ),
    ],
)
def test_an_irb_entry_may_end_with_its_imprint(text: str, title: str, note: str) -> None:
    entry = parse_reference(text)
    assert (entry.kind, entry.title, entry.note) == ("irb", title, note)
    assert entry.date is not None


def test_right_after_the_date_an_unquoted_segment_is_the_title_not_the_imprint() -> None:
    entry = parse_reference("Reuters. 1993. The Somali Conflict: Prospects for Peace.")
    assert (entry.title, entry.note) == ("The Somali Conflict: Prospects for Peace", None)


def test_a_newspaper_entry_with_its_edition_and_section_page() -> None:
    entry = parse_reference(
        'The Ottawa Citizen. 3 March 1993. Final Edition. "Refugee Claims Rise." p. A12.'
    )
    assert (entry.kind, entry.author, entry.issue) == ("irb", "The Ottawa Citizen", "Final Edition")
    assert (entry.title, entry.pages) == ("Refugee Claims Rise", "A12")
    writer = parse_reference(
        'The Globe and Mail [Toronto]. 2 March 1993. John Smith. "Refugees Flee." pp. A8-A9.'
    )
    assert (writer.author, writer.container, writer.title, writer.pages) == (
        "John Smith",
        "The Globe and Mail",
        "Refugees Flee",
        "A8-A9",
    )


def test_a_date_is_no_irb_source() -> None:
    # The wrapped date line of an entry above, then the next entry: no entry names a date as its
    # source ("December 1992" as a periodical, "Sri Lanka: ..., Hong Kong AFP" as its publisher).
    entry = reference_entry(
        "December 1992. Sri Lanka: Internal Flight Alternatives, Hong Kong AFP [in English]. "
        '30 January 1992. "Bombs Explode in Market; LTTE Suspected."',
        "references",
    )
    assert entry.kind != "irb"
    assert parse_reference("Country Reports for Human Rights Practices for 1999. 2000.").author


def test_irb_title_only_sources_with_year_dates() -> None:
    country_file = parse_reference("Amnesty International Country File: Kazakhstan. 1999-2000.")
    assert country_file.author == "Amnesty International Country File: Kazakhstan"
    assert country_file.date == DateRange(Date(1999), Date(2000))
    reports = parse_reference("Country Reports for Human Rights Practices for 1999. 2000.")
    # The number inside the name is a word: only a whole date where a date may stand is one.
    assert reports.author == "Country Reports for Human Rights Practices for 1999"
    assert reports.date == Date(2000)


def test_irb_hard_wrapped_entries_of_the_sri_lanka_rir() -> None:
    monitor = parse_reference(
        'The Sri Lanka Monitor. British\nRefugee Council. November 1990. "Waiting in the Shadows".'
    )
    assert monitor.author == "British Refugee Council"
    assert monitor.container == "The Sri Lanka Monitor"
    assert monitor.date == Date(1990, 11)
    assert monitor.title == "Waiting in the Shadows"
    hindu = parse_reference(
        'The Hindu. 15 December 1990.\n"Colombo Arming Non-LTTE Groups to Fight LTTE".'
    )
    assert (hindu.author, hindu.date) == ("The Hindu", Date(1990, 12, 15))
    assert hindu.title == "Colombo Arming Non-LTTE Groups to Fight LTTE"
    fbis = parse_reference(
        'FBIS-NES-90-243. 18 December 1990.\n"Minister Gives Briefing on Security Situation", '
        "Colombo\nInternational Service [Colombo, 14 December 1990]."
    )
    assert fbis.author == "FBIS-NES-90-243"
    assert fbis.date == Date(1990, 12, 18)
    assert fbis.title == "Minister Gives Briefing on Security Situation"
    assert fbis.note == "Colombo International Service [Colombo, 14 December 1990]"


def test_irb_amnesty_code_after_title() -> None:
    entry = parse_reference(
        'Amnesty International (AI). 5 September 2006. "Iran: Defending Women\'s Rights." '
        "(AI Index: MDE 13/101/2006) http://web.amnesty.org/library/index [Accessed 4 Oct. 2006]"
    )
    assert entry.author == "Amnesty International (AI)"
    assert entry.index_code == AmnestyIndex("MDE", "13", "101", 2006)
    assert entry.accessed == Date(2006, 10, 4)


def test_irb_loose_keeps_source_and_date_and_the_rest_as_note() -> None:
    entry = parse_reference(
        "United States Department of State. 25 February 2000. Country Reports on Human Rights "
        "Practices for 1999, Washington, DC"
    )
    assert entry.kind == "irb"
    assert entry.author == "United States Department of State"
    assert entry.date == Date(2000, 2, 25)
    assert entry.note == "Country Reports on Human Rights Practices for 1999, Washington, DC"


def test_an_irb_book_has_its_title_and_its_imprint() -> None:
    entry = parse_reference(
        "United States Department of State. 25 February 2000. Country Reports on Human Rights "
        "Practices for 1999. Washington, DC."
    )
    assert (entry.kind, entry.author, entry.date) == (
        "irb",
        "United States Department of State",
        Date(2000, 2, 25),
    )
    assert (entry.title, entry.note) == (
        "Country Reports on Human Rights Practices for 1999",
        "Washington, DC",
    )
    # A bibliography's book of the same shape stays the research styles' reading.
    book = parse_reference("Smith, John. 2000. A Book on Things. London: Press.")
    assert (book.kind, book.title) == ("author-year", "A Book on Things")


# --------------------------------------------------------------------------- author-year, web


@pytest.mark.parametrize(
    ("text", "author", "date", "title", "container"),
    [
        (
            "Taylor, John G. (1991). Title of the book. Publisher.",
            "Taylor, John G.", Date(1991), "Title of the book", "Publisher",
        ),
        (
            'Smith, J. and Doe, A. (2003) "Article", Journal 4(2): 1-20.',
            "Smith, J. and Doe, A.", Date(2003), "Article", "Journal 4(2): 1-20",
        ),
        (
            "Human Rights Watch (2010). Title. New York: HRW.",
            "Human Rights Watch", Date(2010), "Title", "New York: HRW",
        ),
        (
            "Bakra, M. J. 2021. “The War at Home.” The Middle East Institute.",
            "Bakra, M. J.", Date(2021), "The War at Home", "The Middle East Institute",
        ),
        (
            "* Gorriti, Gustavo (1999). The Shining Path. Chapel Hill: UNC Press. ISBN 0-8078.",
            "Gorriti, Gustavo", Date(1999), "The Shining Path", "Chapel Hill: UNC Press",
        ),
        (
            "[3] Palani, K., J. Khidir, M. Dechesne et al. 2019. “Strategies.” Ethnopolitics.",
            "Palani, K., J. Khidir, M. Dechesne et al.", Date(2019), "Strategies", "Ethnopolitics",
        ),
        (
            "Smith, J. (2010, 4 May). Title. Publisher.",
            "Smith, J.", Date(2010, 5, 4), "Title", "Publisher",
        ),
        ("UNHCR (n.d.). Title. Geneva.", "UNHCR", None, "Title", "Geneva"),
        # A work not yet out where the year stands (Chicago capitalises it; APA brackets it).
        (
            "Blair, Christopher W., and Jeremy M. Weinstein. Forthcoming. \u201cForced"
            " Displacement.\u201d International Organization.",
            "Blair, Christopher W., and Jeremy M. Weinstein", None, "Forced Displacement",
            "International Organization",
        ),
        ("Smith, J. (in press). Title. Journal.", "Smith, J.", None, "Title", "Journal"),
        ("Smith, J., 2003. Title. Publisher.", "Smith, J.", Date(2003), "Title", "Publisher"),
        ("UNHCR [UN Refugee Agency] (2003/04). Title. Geneva.",
         "UNHCR [UN Refugee Agency]", Date(2003), "Title", "Geneva"),
        ("UNHCR, 2019. Title. Geneva.", "UNHCR", Date(2019), "Title", "Geneva"),
        (
            "Starn, Orin; Kirk, Robin, eds. (1995). The Peru Reader. Durham: Duke.",
            # The editors' mark says what they did, not who they are.
            "Starn, Orin; Kirk, Robin", Date(1995), "The Peru Reader", "Durham: Duke",
        ),
        (
            '• BBC News (6 March 2006). "Rebels Kill Soldiers". Retrieved 5 May 2011.',
            "BBC News", Date(2006, 3, 6), "Rebels Kill Soldiers", None,
        ),
        # Initials written without spaces ("J.I.", "R.V.").
        (
            "Rivest, R.L. and Schiller, J.I. (2024). Bugs in our pockets. Cybersecurity.",
            "Rivest, R.L. and Schiller, J.I.", Date(2024), "Bugs in our pockets", "Cybersecurity",
        ),
        ("Clarke, R.V., 1980. Situational crime prevention. Criminology.",
         "Clarke, R.V.", Date(1980), "Situational crime prevention", "Criminology"),
        # A generational suffix stands in the list where an initial does, commas and all.
        (
            "Lipfert F.W., H.M. Perry, Jr., J.P. Miller. 2000. Cohort Study. Toxicology.",
            "Lipfert F.W., H.M. Perry, Jr., J.P. Miller", Date(2000), "Cohort Study",
            "Toxicology",
        ),
        (
            "Speizer, F.E., and Ferris, Jr., B.G. 1994. Acute Effects. Medicine.",
            "Speizer, F.E., and Ferris, Jr., B.G.", Date(1994), "Acute Effects", "Medicine",
        ),
        ("Tandoc Jr., E.C. (2009). Climate change. Manila.",
         "Tandoc Jr., E.C.", Date(2009), "Climate change", "Manila"),
        # "et al." with a stray full stop after "et".
        ("Buckle, P., et. al., 2000. Title of it. Publisher.",
         "Buckle, P., et. al.", Date(2000), "Title of it", "Publisher"),
        # Names parted by semicolons, one ending in an initial.
        (
            "Beyene, Abebe D.; Randall Bluffstone and Alemu Mekonnen. 2015. Stoves. World Bank.",
            "Beyene, Abebe D.; Randall Bluffstone and Alemu Mekonnen", Date(2015), "Stoves",
            "World Bank",
        ),
    ],
)  # fmt: skip
def test_author_year_shapes(
    text: str, author: str, date: Date | None, title: str, container: str | None
) -> None:
    entry = parse_reference(text, "bibliography")
    assert entry.kind == "author-year"
    assert (entry.author, entry.date, entry.title, entry.container) == (
        author, date, title, container
    )  # fmt: skip


@pytest.mark.parametrize(
    ("style", "example"),
    [(style, example) for style in refs.ENTRY_STYLES for example in style.examples],
    ids=lambda x: x.start if isinstance(x, refs.EntryStyle) else x.text[:30],
)
def test_entry_style_examples(style: refs.EntryStyle, example: refs.StyleExample) -> None:
    read_as, entry = refs.classify_reference(example.text, "bibliography")
    assert (read_as, entry.kind) == (style.start, style.kind)
    found = {
        name: (value.iso() if isinstance(value, (Date, DateRange)) else value)
        for name in ("author", "date", "title", "container", "url", "accessed")
        if (value := getattr(entry, name)) is not None
    }
    assert found == dict(example.fields)


def test_author_title_needs_an_author_not_a_sentence_and_a_title_not_a_date() -> None:
    # A sentence that ends before an entry is no author.
    with pytest.raises(GrammarError):
        refs._parse_as(
            "Others disagree (Lanka Guardian 1 January 1991). The Sri Lanka Monitor. British "
            "Refugee Council. November 1990.",
            "author_title",
        )
    # A date after the source makes an IRB entry.
    entry = parse_reference(
        "United States Department of State. 25 February 2000. Country Reports on Human Rights "
        "Practices for 1999. Washington, DC."
    )
    assert entry.kind == "irb"
    # An access note after the year.
    entry = parse_reference(
        "Amnesty International. Annual Report. London, 2005. http://www.amnesty.org/a "
        "(accessed 5 May 2006)."
    )
    assert (entry.kind, entry.date, entry.accessed) == (
        "author-title", Date(2005), Date(2006, 5, 5)
    )  # fmt: skip


def test_a_harvard_author_and_year_without_a_full_stop() -> None:
    entry = parse_reference("Human Rights Watch 2013, World Report 2013. New York: HRW.")
    assert (entry.kind, entry.author, entry.date) == (
        "author-year", "Human Rights Watch", Date(2013)
    )  # fmt: skip
    entry = parse_reference("Amnesty International. Report. <http://www.amnesty.org/report>")
    assert entry.url == "http://www.amnesty.org/report"


def test_entry_starts_joins_a_wrapped_name_to_the_line_that_stopped_mid_entry() -> None:
    lines = [
        "Abad, R. G. (2005). Social Well-Being of Filipinos: Preliminary Findings. Quezon City: "
        "Ateneo de",
        "Manila University Press.",
        "ADB (Asian Development Bank) (2012). Philippines: Country Poverty Analysis. Manila: Asian",
        "Development Bank.",
        "Human Rights Watch (2013). World Report 2013: Philippines. New York: HRW.",
    ]
    assert entry_starts(lines) == [0, 2, 4]


def test_author_year_day_month_completes_the_year_and_wrapped_url_is_joined() -> None:
    entry = parse_reference(
        "Abdul-Zahra, Q. 2020. “Protesters Attack US Embassy.” AP News, 1 January. https://\n"
        "apnews.com/article/us-news-ap-top-news-north-carolina-\n75228a8a607a44863b57021ac33264dc."
    )
    assert entry.date == Date(2020, 1, 1)
    assert entry.container == "AP News"
    assert entry.url == (
        "https://apnews.com/article/us-news-ap-top-news-north-carolina-"
        "75228a8a607a44863b57021ac33264dc"
    )


def test_an_address_wrapped_after_an_escape_is_joined() -> None:
    lines = [
        "UNHCR. 2021. “Iraq: September 2021.” Fact sheet.",
        "https://reporting-legacy.unhcr.org/sites/default/files/Iraq%20Factsheet%20-%20September%20",
        "2021.pdf.",
    ]
    assert entry_starts(lines) == [0]
    assert parse_reference(" ".join(lines)).url == (
        "https://reporting-legacy.unhcr.org/sites/default/files/Iraq%20Factsheet%20-%20September"
        "%202021.pdf"
    )


@pytest.mark.parametrize(
    ("tail", "url"),
    [
        # Wrapped anywhere inside its angle brackets, after a "/", a "." or the scheme.
        ("<https://www.rand.org/ pubs/reports/RRA388-1.html>.", "https://www.rand.org/pubs/reports/RRA388-1.html"),
        ("<https://apnews.com/article/ f084b4f094f44>.", "https://apnews.com/article/f084b4f094f44"),
        ("<https://www.esd.whs.mil/dodi/300017p. pdf>.", "https://www.esd.whs.mil/dodi/300017p.pdf"),
        ("<https:// www.washingtonpost.com/world/story.html>.", "https://www.washingtonpost.com/world/story.html"),
        # A domain and a path without the scheme.
        ("<osf.io/c8tys_v1>.", "osf.io/c8tys_v1"),
    ],
)  # fmt: skip
def test_an_address_in_angle_brackets_is_read_whole(tail: str, url: str) -> None:
    entry = parse_reference(f"Wasser, Becca. 2021. The Air War. RAND. Available at {tail}")
    assert (entry.kind, entry.title, entry.url) == ("author-year", "The Air War", url)


def test_a_day_and_month_closing_an_author_year_title_complete_its_year() -> None:
    # A transcript or a directive with no periodical named: the date follows the title.
    entry = parse_reference(
        "US Department of Defense. 2017a. Briefing by Gen. Townsend via Telephone from "
        "Baghdad, Iraq, 28 March. Available at <https://www.defense.gov/News/1133033/>."
    )
    assert (entry.title, entry.date, entry.year_suffix) == (
        "Briefing by Gen. Townsend via Telephone from Baghdad, Iraq", Date(2017, 3, 28), "a"
    )  # fmt: skip
    # A day and month inside the title, or after a date of its own, stay where they are.
    entry = parse_reference("Smith, J. 2017. The Events of 5 May in Kabul. Publisher.")
    assert (entry.title, entry.date) == ("The Events of 5 May in Kabul", Date(2017))


def test_author_year_keeps_the_fields_it_found_whatever_the_tail() -> None:
    entry = parse_reference(
        "Costantini, I.. 2020. „The Iraqi Protest Movement.“ British Journal: 1-18. [[odd *tail( "
        "Retrieved 5 May 2021 from https://x.org/a"
    )
    assert (entry.author, entry.date, entry.title) == (
        "Costantini, I.",
        Date(2020),
        "The Iraqi Protest Movement",
    )
    assert entry.accessed == Date(2021, 5, 5)
    assert entry.url == "https://x.org/a"


@pytest.mark.parametrize(
    ("text", "author"),
    [
        (
            "Nye, Joseph S., Jr., and Robert O. Keohane. 1971. \u201cTransnational Relations and "
            "World Politics.\u201d International Organization 25 (Summer): 329\u201349.",
            "Nye, Joseph S., Jr., and Robert O. Keohane",
        ),
        (
            "Smith, John, Sr., and Ann Lee. 2001. Title. London: Verso.",
            "Smith, John, Sr., and Ann Lee",
        ),
        # A suffix that ends the names keeps its full stop, as an initial there does.
        (
            "King, Martin Luther, Jr. 1963. Why We Can\u2019t Wait. New York: Harper.",
            "King, Martin Luther, Jr.",
        ),
    ],
)
def test_author_year_names_with_a_generational_suffix_before_a_comma(
    text: str, author: str
) -> None:
    entry = parse_reference(text)
    assert entry.kind == "author-year"
    assert entry.author == author
    assert entry.date is not None and entry.title is not None


def test_author_year_retrieved_from_an_address_on_a_date() -> None:
    entry = parse_reference(
        "UNDP (2014). Being LGBT in Asia. Bangkok: UNDP. Retrieved from "
        "https://www.undp.org/x/being-lgbt.html on 5 May 2020."
    )
    assert entry.kind == "author-year"
    assert entry.url == "https://www.undp.org/x/being-lgbt.html"
    assert entry.accessed == Date(2020, 5, 5)
    assert entry.container == "Bangkok: UNDP"


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        ("Poverty Sta-\ntistics", "Poverty Statistics"),
        ("Micro-\nSized Firms", "Micro-Sized Firms"),
        ("Strategija 2022-\n2042", "Strategija 2022-2042"),
        ("https://www.iri.org/wp-\ncontent/x.pdf", "https://www.iri.org/wp- content/x.pdf"),
        ("Ac-\ncessed  via\n https://x.org", "Accessed via https://x.org"),
        # An address broken between two letters or digits, its last piece alone on the last
        # line: one address; not a host after "www." (the grammar joins that) nor a name.
        (
            "from https://x.org/d/1hmm\nF1tm3m/view?usp=x",
            "from https://x.org/d/1hmmF1tm3m/view?usp=x",
        ),
        ("https://www.\n\nnews.com/iraq/a-1.12.", "https://www. news.com/iraq/a-1.12."),
        ("from https://x.org/report\nUnited Nations.", "from https://x.org/report United Nations."),
    ],
)
def test_join_entry_lines_mends_words_broken_at_a_line_end(lines: str, joined: str) -> None:
    assert refs.join_entry_lines(lines) == joined


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("Title. Accessed via https://x.org/Bill-No.-194-Rasol- Y.-Mitmug-Jr.pdf", True),
        ("Title. https://mfbm.example.ph/news/", True),
        ("Title. Available at https://", False),
        ("Title. https://x.org/a-", False),
        ("Title. AP News, 4", False),
        ("Quarterly, 78(2): 207–13. doi: 10.1111/j.1467-923X.2007.00848.x", True),
        ("Caring, 7(1): 33-49, DOI: 10.1332/239788221X16394003673637", True),
        ("Caring, 7(1): 33-49, DOI: 10.1332/", False),
        ("DOI:10.5089/9781455227068.001", True),
        ("10.5089/9781455227068.001", False),
        ("(Online) (doi:10.1177/1757913913475756)", True),
        ("Criminology, 52(1), 33-59. https://doi:10.1111/1745-9125.12028", True),
        ("Title. Endoi:10.1111/x", False),
        ("Volume 10.5 of the", False),
        # An address broken between two letters or digits: its last piece alone on the last
        # line ends the entry; a name or words on that line do not.
        ("Retrieved from https://drive.google.com/file/d/1hmm\nF1tm3m/view?usp=sharing", True),
        ("Retrieved from https://drive.google.com/file/d/1hmm\nF1tm3m/view?usp=sharing\n", True),
        ("Retrieved from https://x.org/report\nUnited Nations Development", False),
        ("Retrieved from https://x.org/report\nPhilippines.", False),
        ("Title. Page\nF1tm3m/view?usp=sharing", False),
    ],
)
def test_ends_with_address(text: str, ends: bool) -> None:
    assert refs.ends_with_address(text) is ends


def test_entry_starts_ends_an_address_with_spaced_hyphens_where_the_next_entry_starts() -> None:
    # APA from a PDF: the address broken after its host goes on with spaces after its hyphens
    # and ends on a slash; the next line opens its own entry with its names and year.
    lines = [
        "Roth, K. (2016). The great civil society choke-out [magazine]. Foreign Policy. "
        "https://foreignpolicy.com/",
        "2016/01/27/the- great- civil- society- choke- out- human- rights- democracy- india- "
        "russia- chinakenya/",
        "Sargeant, A., & Hudson, J. (2008). Donor retention: An exploratory study of door-to-door "
        "recruits. International Journal of Nonprofit and Voluntary Sector Marketing, 13(1), "
        "89\u2013101. https://doi.org/10.1002/",
        "nvsm.301",
        "Saxton, G. D., & Wang, L. (2014). The social network effect. Nonprofit and Voluntary "
        "Sector Quarterly, 43(5), 850\u2013868.",
    ]
    assert entry_starts(lines) == [0, 2, 4]


def test_entry_starts_ends_an_address_at_its_full_stop_before_a_name_with_a_particle() -> None:
    # Elsevier Harvard from a PDF: "mnaa029." ends the entry; "von Uexkull" opens the next,
    # though an address's path could go on in lower case.
    lines = [
        "Vinke, K., Bergmann, J., Blocher, J., Upadhyay, H., Hoffmann, R., 2020. Migration as",
        "Adaptation? Migr. Stud. 8, 626\u2013634. https://doi.org/10.1093/migration/mnaa029.",
        "von Uexkull, N., Buhaug, H., 2021. Security implications of climate change: A decade of",
        "scientific progress. J. Peace Res. 58, 3\u201317. https://doi.org/10.1177/",
        "0022343320984210.",
    ]
    assert entry_starts(lines) == [0, 2]


def test_entry_starts_ends_a_path_on_a_slash_before_a_name_that_opens_an_entry() -> None:
    # APA from a LaTeX PDF: the address is spaced out ("https : / / devinit . org /"), its path
    # goes on in the next line and ends there on a slash; a capitalised name after it is the
    # next entry, not more of the path. A path's next part would go on ("news/2021/").
    lines = [
        "Development Initiatives. (2020). Global humanitarian assistance report 2020. "
        "https : / / devinit . org /",
        "resources/global-humanitarian-assistance-report-2020/international-humanitarian-"
        "assistance/",
        "Dietrich, S. (2013). Bypass or engage? Explaining donor delivery tactics in foreign aid "
        "allocation.",
        "International Studies Quarterly, 57(4), 698\u2013712. https://doi.org/10.1111/isqu.12041",
    ]
    assert entry_starts(lines) == [0, 2]


@pytest.mark.parametrize(
    "address",
    [
        "https : / / pomed . org / under - threat - egypts - systematic - campaign - against ngos/",
        "https : / / www . nytimes . com / 2020 / 02 / 05 / us / tucson - border - activists - "
        "conviction reversed.html",
    ],
)
def test_entry_starts_ends_a_spaced_address_on_its_last_piece(address: str) -> None:
    # A LaTeX PDF spaces an address's scheme and parts out; its last piece (a part on a slash,
    # a file's name) ends the entry when a capitalised name follows.
    lines = [
        "Ruffner, T. (2015). Under threat: Egypt\u2019s systematic campaign against NGOs (Report). "
        "Project on Middle East",
        f"Democracy (POMED). {address}",
        "Sikkink, K. (2011). The justice cascade: How human rights prosecutions are changing "
        "world politics. W. W. Norton &",
        "Company.",
    ]
    assert entry_starts(lines) == [0, 2]


def test_entry_starts_keeps_an_access_note_that_starts_a_line_with_its_entry() -> None:
    # Chicago author-date from a PDF: the access note and address of a web entry wrapped onto
    # their own line read as a title and a year, but they are the rest of the entry above.
    lines = [
        "Shieh, Shawn. 2017. \u201cThe Origins of China\u2019s New Law on Foreign NGOs.\u201d"
        " ChinaFile, January 31.",
        "Accessed August 2, 2017. http://www.chinafile.com/reporting-opinion/viewpoint/x.",
        "Slaughter, Anne-Marie. 2004. A New World Order. Princeton: Princeton University Press.",
    ]
    assert entry_starts(lines) == [0, 2]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Accessed August 2, 2017. http://www.chinafile.com/x.", True),
        ("Retrieved February 18, 2016, from http://www.state.gov/x", True),
        ("Retrieved from https://x.org/a on 5 May 2020", True),
        ("Accessed: 5 May 2020", True),
        # A verb with no date or address after it is no access note: a title may open so.
        ("Viewed from Above: Aerial Photography. 2019. London: Verso.", False),
        ("Accessible Justice. 2019. Title.", False),
        ("Shieh, Shawn. 2017. Title.", False),
    ],
)
def test_opens_with_access_note_reads_the_grammar_s_access_note(line: str, expected: bool) -> None:
    assert opens_with_access_note(line) is expected


def test_entry_starts_keeps_a_journal_and_its_volume_with_the_article_above() -> None:
    # Chicago entries hard-wrapped by a PDF: "Journal, 24 (1979), 650-59." on a line of its
    # own reads as names and a year, but no one's name ends in a volume number.
    lines = [
        'Voss, Harwin L. "Pitfalls in Social Research: A Case Study."',
        "American Sociologist, 1 (1966), 136-40.",
        'Webb, Eugene, and Karl E. Weick. "Unobtrusive Measures in',
        'Organizational Theory: A Reminder." Administrative Science',
        "Quarterly, 24 (1979), 650-59.",
        'Weiss, Robert S., and M. Rein. "The Evaluation of Broad Aim',
        "Programs: Experimental Design, Its Difficulties and an",
        'Alternative." Administration Science Quarterly, 15 (1980),',
        "97-109.",
    ]
    assert entry_starts(lines) == [0, 2, 5]


def test_entry_starts_opens_an_entry_whose_names_take_three_lines() -> None:
    # A Vancouver-style list of names wrapped over three lines, its year ending the third and
    # its title on the fourth: the first line opens the entry, not the second.
    lines = [
        'Whittemore, A.S. and E.L. Korn. 1980. "Asthma and Air Pollution',
        'in the Los Angeles Area" Am J Public Health. Vol. 70:687-696.',
        "Zanobetti A, Schwartz J, Samoli E, Gryparis A, Touloumi G,",
        "Atkinson R, Le Tertre A, Bobros J, Celko M, Goren A, Forsberg B,",
        "Michelozzi P, Rabczenko D, Aranguez Ruiz E, Katsouyanni K. 2002.",
        "The temporal pattern of mortality responses to air pollution: a",
        "multicity assessment of mortality displacement. Epidemiology.",
    ]
    assert entry_starts(lines) == [0, 2]


def test_entry_starts_keeps_the_pieces_a_pdf_broke_off_an_apa_entry_with_it() -> None:
    # From an APA list converted from PDF: an access note and its address, a page range and
    # a DOI broken after the range's dash or inside the DOI, an address broken after "http:"
    # with spaces after its hyphens: each the rest of the entry above.
    lines = [
        "Dupuy, K. E., Ron, J., & Prakash, A. (2014, November 23). Stop meddling in my country!",
        "Retrieved February 18, 2016, from http://ssrn.com/abstract=2529620",
        "Edwards, P. J., Roberts, I., Clarke, M. J., DiGuiseppi, C., Wentz, R., ... Pratap,",
        "S. (2009). Methods to increase response to postal and electronic questionnaires.",
        "Cochrane Database of Systematic Reviews, (3). doi:10.1002/14651858.MR000008.",
        "pub4",
        "Foot, K. A., Toft, A., & Cesare, N. (2015). Developments in anti-trafficking efforts:",
        "2008-2011. Journal of Human Trafficking, 1(2), 136-55. doi:10.1080/23322705.",
        "2014.980663",
        "Gallagher, A. T. (2014a, November 28). The global slavery index is based on flawed",
        "data. The Guardian. Retrieved May 24, 2016, from http:",
        "//www.theguardian.com/global- development/poverty- matters/2014/nov/28/",
        "global-slavery-index-walk-free-human-trafficking-anne-gallagher",
        "Kelley, J. G. & Simmons, B. A. (2015, January). Politics by number: Indicators as social",
        "pressure in international relations. American Journal of Political Science, 59(1), 55-",
        "70. doi:10.1111/ajps.12119",
        "Kelly, A. (2015, October 21). Uzbekistan accused of brutal crackdown. The Guardian.",
    ]
    assert entry_starts(lines) == [0, 2, 6, 9, 13, 16]
    spaced_doi = [
        "Chuang, J. A. (2014, October). Exploitation creep and the unmaking of human trafficking",
        "law. The American Jounal of International Law, 108(4), 609-49. doi:10 .",
        "5305/amerjintelaw.108.4.0609",
        "DeStefano, A. (2007). The war on human trafficking: US policy assessed. Rutgers.",
    ]
    assert entry_starts(spaced_doi) == [0, 3]


@pytest.mark.parametrize("text", ["Kelly, A. (2015). Title. Journal, 1(2), 5-9. 2014.980663"])
def test_a_year_before_a_stop_and_more_digits_is_no_date_but_a_doi_s_rest(text: str) -> None:
    assert parse_reference(text).date == Date(2015)


def test_entry_starts_reads_a_body_after_its_country_initials_as_one_entry() -> None:
    # "U.S." alone, then the body's name and a title in title case broken at a capital word
    # (the rest of the entry follows a blank line: another block).
    lines = [
        "U.S.",
        "General Accounting Office. Lands in the LakeChelan",
        "National Recreation Area Should Be Returned",
    ]
    assert entry_starts(lines) == [0]
    lines = [
        "Stone, Deborah. 1988. Policy Paradox and Political Reason.",
        "U.S.",
        "General Accounting Office. Housing Block GrantActivity in",
        "Seattle: A Case Study, CED-82-60. Washington, D.C.: March 30,",
        "1982.",
    ]
    assert entry_starts(lines) == [0, 1]


def test_entry_starts_keeps_a_line_that_stops_on_a_word_with_the_next() -> None:
    lines = [
        "Reaktor, 2020a. Platena i Neplatena Rabota, Rodovo-Bazirana Diskriminacija I",
        "Rabotnicki Prava vo Vreme na Kovid-19. 2020. Available at https://reactor.org.mk/",
        "Stojkov, Aleksandar & Rustemi, Agron. Impact Assessment of the Ukraine Crisis on the",
        "Municipalities in North Macedonia. UNDP: August 2022.",
        "Freedom House. Nations in Transit – North Macedonia. 2017.",
        "Available at https://freedomhouse.org/country/north-macedonia/freedom-world/2017.",
    ]
    assert entry_starts(lines) == [0, 2, 4]


def test_a_bibliography_prefers_the_author_and_title_to_an_irb_periodical() -> None:
    text = (
        "Freedom House. Nations in Transit – North Macedonia. 2017. Available at https://"
        "freedomhouse.org/country/north-macedonia/freedom-world/2017."
    )
    entry = parse_reference(text, "bibliography")
    assert (entry.author, entry.title, entry.url) == (
        "Freedom House",
        "Nations in Transit – North Macedonia",
        "https://freedomhouse.org/country/north-macedonia/freedom-world/2017",
    )
    # An IRB list keeps its periodical-and-publisher reading of the same shape.
    assert parse_reference(text).kind == "irb"


def test_a_list_entry_keeps_what_its_start_says_when_its_rest_fits_no_style() -> None:
    text = "Human Rights Watch. World Report 2005. *"
    assert reference_entry(text).kind == "unstructured"
    entry = refs.read_list_entry(text)
    assert (entry.author, entry.title) == ("Human Rights Watch", "World Report 2005")
    # A footnote body is never read so, nor is prose.
    assert refs.read_list_entry(text, "footnote").kind == "unstructured"
    assert refs.read_list_entry("just some prose, nothing (((").kind == "unstructured"


def test_author_title_names_with_accents_and_et_al() -> None:
    entry = parse_reference(
        "Brandlë, Max et al. Democracy and the State of Emergency. Berlin: FES, 2020.",
        "bibliography",
    )
    assert (entry.author, entry.title, entry.date) == (
        "Brandlë, Max et al.", "Democracy and the State of Emergency", Date(2020)
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "date", "letter"),
    [
        ("U.S. General Accounting Office. Water Quality. Washington, D.C.: December 17, 1986a.",
         Date(1986, 12, 17), "a"),
        ("U.S. General Accounting Office. Water Quality. Washington, D.C.: 1986b.",
         Date(1986), "b"),
        ("U.S. General Accounting Office. Water Quality. Washington, D.C.: December 17, 1986.",
         Date(1986, 12, 17), None),
    ],
)  # fmt: skip
def test_author_title_keeps_the_letter_after_its_year(
    text: str, date: Date, letter: str | None
) -> None:
    # Two works of one source and date are told apart by the letter, which a citation gives
    # ("U.S. General Accounting Office, December 17, 1986a").
    entry = parse_reference(text, "bibliography")
    assert (entry.kind, entry.date, entry.year_suffix) == ("author-title", date, letter)


def test_undated_author_title_refuses_prose_and_dated_irb_entries() -> None:
    with pytest.raises(GrammarError):
        refs._parse_as("Reuters. 11 November 1994. Title.", "author_dateless")
    with pytest.raises(GrammarError):
        refs._parse_as("The report. It was published late.", "author_dateless")
    with pytest.raises(GrammarError):
        refs._parse_as("UNHCR. (2019). Title.", "author_dateless")


def test_irb_entries_keep_their_irb_reading() -> None:
    # The author-year style reads these too, with no more fields: the IRB reading stays.
    for text in (
        'Reuters. 1994. BC Cycle. "Iran Ayatollah Denounces Writers." (NEXIS)',
        "Oka, Natsuko. 2000. Correspondence sent to the Research Directorate.",
    ):
        assert parse_reference(text).kind in ("irb", "correspondence"), text


@pytest.mark.parametrize(
    ("text", "author", "title", "url", "accessed"),
    [
        ("https://www.bbc.co.uk/news/world (accessed 5 May 2020)",
         None, None, "https://www.bbc.co.uk/news/world", Date(2020, 5, 5)),
        ("- Peru: Shining Path. https://www.bbc.co.uk/news/x. Retrieved May 5, 2011.",
         None, "Peru: Shining Path", "https://www.bbc.co.uk/news/x", Date(2011, 5, 5)),
        ("Peru. www.bbc.co.uk/news/x. Retrieved 2011-05-05.",
         None, "Peru", "www.bbc.co.uk/news/x", Date(2011, 5, 5)),
        ("Peru country profile. Available at: https://x.org/peru (Accessed: 5 May 2020).",
         None, "Peru country profile", "https://x.org/peru", Date(2020, 5, 5)),
        ("* Peru country profile (https://x.org/peru)",
         None, "Peru country profile", "https://x.org/peru", None),
        ("BBC News. Peru's Shining Path. http://news.bbc.co.uk/2/hi/americas/1.stm",
         "BBC News", "Peru's Shining Path", "http://news.bbc.co.uk/2/hi/americas/1.stm", None),
    ],
)  # fmt: skip
def test_web_entries(
    text: str, author: str | None, title: str | None, url: str, accessed: Date | None
) -> None:
    entry = parse_reference(text, "bibliography")
    assert entry.kind == "web"
    assert (entry.author, entry.title, entry.url, entry.accessed) == (author, title, url, accessed)


# --------------------------------------------------------------------------- correspondence


def test_correspondence_irb_form() -> None:
    entry = parse_reference(
        "Oka, Natsuko, Research Fellow, Institute of Developing Economies (IDE) of Japan, Almaty, "
        "Kazakhstan. 15 May 2000. Correspondence sent to the Research Directorate."
    )
    assert entry == ReferenceEntry(
        kind="correspondence",
        author="Oka, Natsuko",
        container=(
            "Research Fellow, Institute of Developing Economies (IDE) of Japan, Almaty, Kazakhstan"
        ),
        date=Date(2000, 5, 15),
        note="Correspondence sent to the Research Directorate.",
    )


def test_correspondence_telephone_interview() -> None:
    entry = parse_reference(
        "Professor of Political Science, University of Toronto. 12 May 2000. Telephone interview."
    )
    assert entry.kind == "correspondence"
    assert entry.author == "Professor of Political Science"
    assert entry.container == "University of Toronto"
    assert entry.note == "Telephone interview."
    interview = parse_reference(
        "Telephone interview with a representative of the Embassy of Kazakhstan in Ottawa. "
        "3 June 2000."
    )
    assert interview.kind == "correspondence"
    assert interview.title == "Telephone interview"
    assert interview.author == "a representative of the Embassy of Kazakhstan in Ottawa"
    assert interview.date == Date(2000, 6, 3)


def test_correspondence_fax_between_two_officials() -> None:
    entry = parse_reference(
        "Fax from Chitra Jeremiah, Assistant Director, Department of Foreign Affairs, Republic of "
        "Nauru to Neil Mander, New Zealand Campaign Against Landmines, 11 May 2000.",
        "footnote",
    )
    assert entry == ReferenceEntry(
        kind="correspondence",
        title="Fax",
        author="Chitra Jeremiah",
        container="Assistant Director, Department of Foreign Affairs, Republic of Nauru",
        note="to Neil Mander, New Zealand Campaign Against Landmines",
        date=Date(2000, 5, 11),
    )


def test_correspondence_letter_with_pinpoint_and_url() -> None:
    entry = parse_reference(
        "Letter from CEDAW to the Permanent Mission of Slovenia to the United Nations Office and "
        "other international organizations in Geneva, dated 8 February 2011, p. 2(b) available "
        "from http://tbinternet.ohchr.org/Treaties/CEDAW/SVN/INT_CEDAW_FUL_SVN_11944_E.pdf. See "
        "also CEDAW/C/SVN/CO/4/Add.1, para. 12.",
        "footnote",
    )
    assert entry.title == "Letter"
    assert entry.author == "CEDAW"
    assert entry.note is not None and entry.note.startswith("to the Permanent Mission of Slovenia")
    assert entry.date == Date(2011, 2, 8)
    assert entry.pages == "2(b)"
    assert (
        entry.url == "http://tbinternet.ohchr.org/Treaties/CEDAW/SVN/INT_CEDAW_FUL_SVN_11944_E.pdf"
    )


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    "name",
    [
        "LEXIS/NEXIS",
        "IRB Databases",
        "World News Connection (WNC)",
        "Human Rights Watch",
        "Organization for Cooperation and Security in Europe (OCSE)",
        "U.S. Department of State",
    ],
)
def test_name_only(name: str) -> None:
    assert parse_reference(name, "additional-sources") == ReferenceEntry(
        kind="name-only", author=name
    )


def test_list_heading_is_a_label_without_author() -> None:
    entry = parse_reference("Internet sites including:", "additional-sources")
    assert entry == ReferenceEntry(kind="label", note="Internet sites including:")


@pytest.mark.parametrize(
    "text",
    [
        "sent to the Research Directorate.",  # lower-case: the tail of a wrapped entry
        "Oka, Natsuko, Research Fellow, Institute of Developing Economies (IDE) of Japan, Almaty,",
        "This Response was prepared after researching publicly accessible information. It is not "
        "conclusive.",
        "International Service [Colombo, 14 December 1990].",
        # one sentence, no comma: too long for a name
        "This Response was prepared after researching publicly accessible information currently "
        "available to the DIRB within time constraints.",
    ],
)
def test_not_a_name(text: str) -> None:
    assert reference_entry(text, "additional-sources").kind == "unstructured"


# --------------------------------------------------------------------------- footnote bodies


def test_footnote_index_code_with_date() -> None:
    entry = parse_reference(
        "AI Index: ASA 24/12/95, which was published in December 1995.", "footnote"
    )
    assert entry == ReferenceEntry(
        kind="footnote", index_code=AmnestyIndex("ASA", "24", "12", 1995), date=Date(1995, 12)
    )
    unstopped = parse_reference("AI Index: ASA 24/12/95, issued in December 1995", "footnote")
    assert unstopped == entry


def test_footnote_italic_title_and_index_code_after_prose() -> None:
    entry = parse_reference(
        "Amnesty International documented and criticized this policy of the North Korean "
        "authorities in detail in its report *North Korea: Human Rights Violations behind Closed "
        "Doors* (AI Index: ASA 24/12/95), issued in December 1995.",
        "footnote",
    )
    assert entry.kind == "footnote"
    assert entry.title == "North Korea: Human Rights Violations behind Closed Doors"
    assert entry.index_code == AmnestyIndex("ASA", "24", "12", 1995)
    assert entry.date == Date(1995, 12)
    assert entry.author is None  # the prose names Amnesty, but nothing is guessed from prose
    assert entry.note == (
        "Amnesty International documented and criticized this policy of the North Korean "
        "authorities in detail in its report"
    )


def test_footnote_see_also_and_issues_typo() -> None:
    entry = parse_reference(
        "For further information on this case, see also: *Refoulement of Lee Yen Sen/ Fear for "
        "Safety in North Korea* (AI Index: EUR 46/06/96), issued in February 1996.",
        "footnote",
    )
    assert entry.title == "Refoulement of Lee Yen Sen/ Fear for Safety in North Korea"
    assert entry.index_code == AmnestyIndex("EUR", "46", "06", 1996)
    assert entry.date == Date(1996, 2)
    typo = parse_reference(
        "For further details on the fate of forcibly returned North Koreans, see also "
        "*North Korea: "
        "Human Rights Violations behind Closed Doors* (AI Index: ASA 24/12/95), issues in December "
        "1995.",
        "footnote",
    )
    assert typo.date == Date(1995, 12)


def test_footnote_quoted_title_with_author_and_date() -> None:
    entry = parse_reference(
        'Human Rights Watch/Helsinki, "Crime or simply punishment?: Racist attacks by Moscow law '
        'enforcement", published in September 1995.',
        "footnote",
    )
    assert entry == ReferenceEntry(
        kind="footnote",
        author="Human Rights Watch/Helsinki",
        title="Crime or simply punishment?: Racist attacks by Moscow law enforcement",
        date=Date(1995, 9),
    )


@pytest.mark.parametrize(
    "body",
    [
        "See art. 14-5 of the new agreement. It is not clear if the old agreement had exactly the "
        "same provision but it is expected to have done so.",
        "Apparently, several Afghan families were recognized as refugees in March 1996.",
        "See also Section 3.3.2.",
        "See also at 3.3.1",
        "The *propiska* system was used as a way of controlling and guiding places of residence of "
        "citizens in the USSR. The system was officially abolished by the 1993 Constitution.",
        "See for these provisions Article 14(5)/(12) of the Agreement on the logging sites, signed "
        'on 24 February 1995. Article 14 (5) states: "...These identity cards...are only valid at '
        'the place of work...".',
        "The report covers the period 1 February 2001 to 31 December 2003.",
        "More information is provided in the Voluntary UPR Mid-term Report (recommendation 64).",
        "Article 3 of the 1995 Agreement on the logging sites provides for a minimum work term of "
        "three years for North Korean loggers in the Russian Federation.",
        'According to the minister, "we will act", he said in May 1995.',
        # A running page header glued to the end of a note is not a citation of the report.
        "He was granted asylum in Russia in 1992. Amnesty International September 1996Al Index: "
        "ASA 24/06/96",
        "He was granted asylum in Russia in 1992. Al Index: ASA 24/06/96",
        "The decree was adopted by parliament, 12 May 1996.",
    ],
)
def test_explanatory_footnotes_are_unstructured(body: str) -> None:
    with pytest.raises(GrammarError):
        parse_reference(body, "footnote")
    assert reference_entry(body, "footnote") == ReferenceEntry(kind="unstructured")


# --------------------------------------------------------------------------- older attachment order


def test_attachment_periodical_date_title_page() -> None:
    entry = parse_reference(
        "The Hindu: International Edition, December 15 1990, Colombo Arming Non-LTTE to Fight "
        "LTTE, p. 5.",
        "attachment",
    )
    assert entry == ReferenceEntry(
        kind="irb-attachment",
        author="The Hindu: International Edition",
        date=Date(1990, 12, 15),
        title="Colombo Arming Non-LTTE to Fight LTTE",
        pages="5",
    )


def test_attachment_person_title_publisher_date() -> None:
    entry = parse_reference(
        "Sebastian, Rita, Sri Lanka: Tamil Rebels Call Off Ceasefire, Inter-Press Service, 25 "
        "January 1991.",
        "attachment",
    )
    assert entry == ReferenceEntry(
        kind="irb-attachment",
        author="Sebastian, Rita",
        title="Sri Lanka: Tamil Rebels Call Off Ceasefire",
        container="Inter-Press Service",
        date=Date(1991, 1, 25),
    )
    particle = parse_reference(
        "De Silva, Dalton, Tamil Rebels Fighting With Indian Weapons, Reuters, 19 July 1990.",
        "attachment",
    )
    assert (particle.author, particle.container) == ("De Silva, Dalton", "Reuters")


def test_attachment_title_with_comma_last_item_is_publisher() -> None:
    entry = parse_reference(
        "Tamils, Muslims Reach Consensus on Sri Lanka`s North-East Merger, The Xinhua General "
        "Overseas News Service, 18 November 1990.",
        "attachment",
    )
    assert entry.author == "The Xinhua General Overseas News Service"
    assert entry.title == "Tamils, Muslims Reach Consensus on Sri Lanka`s North-East Merger"
    assert entry.container is None
    reuters = parse_reference(
        "Sri Lankan Tamil Groups Want Homeguard Units to be Disbanded, Reuters, 24 September 1990.",
        "attachment",
    )
    assert reuters.author == "Reuters"
    assert reuters.title == "Sri Lankan Tamil Groups Want Homeguard Units to be Disbanded"
    assert reuters.date == Date(1990, 9, 24)


# --------------------------------------------------------------------------- UN short forms


@pytest.mark.parametrize(
    ("body", "author", "pages", "note"),
    [
        ("YHD, p.2.", "YHD", "2", None),
        ("COE-Commissioner, pp.8-9.", "COE-Commissioner", "8-9", None),
        ("COE-ECRI, p.11", "COE-ECRI", "11", None),
        (
            "CoE-GREVIO, para. 400 and CoE-CoP, para. 13.",
            "CoE-GREVIO",
            "para. 400",
            "and CoE-CoP, para. 13.",
        ),
        ("JS2, paras. 24 and 44.", "JS2", "paras. 24 and 44", None),
        ("CoE-ACFC, p. 4, para. 4.", "CoE-ACFC", "p. 4, para. 4", None),
        ("PTPR/JS3, paras. 2.3 and 3.1-3.11.", "PTPR/JS3", "paras. 2.3 and 3.1-3.11", None),
        (
            "OSCE/ODIHR, para. 12. See also JS2, para. 45.",
            "OSCE/ODIHR",
            "para. 12",
            "See also JS2, para. 45.",
        ),
    ],
)
def test_un_short_forms(body: str, author: str, pages: str, note: str | None) -> None:
    entry = parse_reference(body, "footnote")
    assert entry == ReferenceEntry(kind="un-short", author=author, pages=pages, note=note)


def test_un_ibid() -> None:
    assert parse_reference("Ibid., para. 79.", "footnote") == ReferenceEntry(
        kind="ibid", pages="para. 79"
    )
    assert parse_reference("Ibid.", "footnote") == ReferenceEntry(kind="ibid")
    entry = parse_reference("Ibid., paras. 44(b) (c) and (e), and 74 (c).", "footnote")
    assert entry.pages == "paras. 44(b) (c) and (e), and 74 (c)"


def test_un_symbol_with_pinpoints_and_see_also() -> None:
    entry = parse_reference("CAT/C/SVN/CO/3/Add.1, paras. 7, 9 and 17.", "footnote")
    assert entry == ReferenceEntry(
        kind="un-short",
        index_code=UnSymbol(("CAT", "C", "SVN", "CO", "3", "Add.1")),
        pages="paras. 7, 9 and 17",
    )
    see_also = parse_reference(
        "CERD/C/SVN/CO/6-7, para. 16. See also CAT/C/SVN/CO/3, para. 23; and CRC/C/SVN/CO/3-4, "
        "para. 79.",
        "footnote",
    )
    assert see_also.index_code == UnSymbol(("CERD", "C", "SVN", "CO", "6-7"))
    assert see_also.note == "See also CAT/C/SVN/CO/3, para. 23; and CRC/C/SVN/CO/3-4, para. 79."


def test_landmine_article_7_report_is_a_title_with_form_and_date() -> None:
    entry = parse_reference("Article 7 Report, Form A, 28 July 2004.", "footnote")
    assert entry == ReferenceEntry(
        kind="un-short", title="Article 7 Report", pages="Form A", date=Date(2004, 7, 28)
    )
    forms = parse_reference("Article 7 Report, Form B and Form C, 28 July 2004.", "footnote")
    assert forms.pages == "Form B and Form C"


def test_short_forms_are_not_read_in_reference_lists() -> None:
    # "YHD, p.2." is an endnote shape: in a reference list it is not taken as one.
    assert reference_entry("YHD, p.2.", "references").kind == "unstructured"
    # and bare names are list entries, never footnote sources
    assert reference_entry("Human Rights Watch", "footnote").kind == "unstructured"


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("15 May 2000", Date(2000, 5, 15)),
        ("Feb. 1999", Date(1999, 2)),
        ("December 15 1990", Date(1990, 12, 15)),
        ("15 December, 1990", Date(1990, 12, 15)),
        ("September/October 1999", DateRange(Date(1999, 9), Date(1999, 10), "alternative")),
        ("1999-2000", DateRange(Date(1999), Date(2000))),
        ("24-26 May 2002", DateRange(Date(2002, 5, 24), Date(2002, 5, 26))),
        ("SEPTEMBER 1996", Date(1996, 9)),
    ],
)
def test_reference_dates(text: str, value: object) -> None:
    assert parse_reference_date(text) == value
    assert parse_reference_date(render_reference_date(value)) == value  # type: ignore[arg-type]


# --------------------------------------------------------------------------- splitting lists


def test_entry_starts_a_line_opening_with_a_bracket_goes_on_with_the_entry_above() -> None:
    # An IRB entry typeset on a page: its index code wrapped onto a line of its own.
    lines = [
        "Amnesty International. June 1992. Pakistan: Arrests of Political Opponents in Sindh "
        "Province, August 1990-Early 1992.",
        "(AI Index: ASA 33/03/92). London: Amnesty International.",
        'The Economist [New York]. 21 December 1992. "Rough Justice," p.5.',
    ]
    assert entry_starts(lines) == [0, 2]
    # A list numbered in brackets still starts an entry at each number.
    numbered = [
        "(1) Amnesty International. 1992. Pakistan.",
        "(2) Human Rights Watch. 1993. India.",
    ]
    assert entry_starts(numbered) == [0, 1]


def test_entry_starts_hard_wrapped_irb_list() -> None:
    lines = [
        "The Sri Lanka Monitor. British",
        'Refugee Council. November 1990. "Waiting in the Shadows".',
        "The Hindu. 15 December 1990.",
        '"Colombo Arming Non-LTTE Groups to Fight LTTE".',
        "FBIS-NES-90-243. 18 December 1990.",
        '"Minister Gives Briefing on Security Situation", Colombo',
        "International Service [Colombo, 14 December 1990].",
    ]
    assert entry_starts(lines) == [0, 2, 4]


def test_entry_starts_one_name_per_line() -> None:
    lines = [
        "Amnesty International Country File: Kazakhstan. 1999-2000.",
        "IRB Databases",
        "LEXIS/NEXIS",
        "Internet sites including:",
        "Human Rights Watch",
    ]
    assert entry_starts(lines) == [0, 1, 2, 3, 4]


def test_entry_starts_keeps_wrapped_entries_whole() -> None:
    assert entry_starts(
        [
            "Oka, Natsuko, Research Fellow, Institute of Developing Economies (IDE) of Japan,",
            "Almaty, Kazakhstan. 15 May 2000. Correspondence",
            "sent to the Research Directorate.",
        ]
    ) == [0]
    assert entry_starts(
        [
            "Sebastian, Rita, Sri Lanka: Tamil Rebels Call Off Ceasefire, Inter-Press",
            "Service, 25 January 1991.",
            "Samath, Feizal, Clashes MAR Ceasefire in Sri Lanka But Truce Holds, Reuters, "
            "3 January 1991.",
        ]
    ) == [0, 2]
    assert entry_starts(["Reuters. 11 November 1994.", "Human Rights Watch."]) == [0, 1]
    assert entry_starts([]) == []


def test_iter_references_spans_and_sections() -> None:
    text = (
        "References\n\n"
        "The Hindu. 15 December 1990.\n"
        '"Colombo Arming Non-LTTE Groups to Fight LTTE".\n'
        "FBIS-NES-90-243. 18 December 1990.\n\n"
        "  IRB Databases  \n"
    )
    start = text.index("The Hindu")
    found = list(iter_references(text, LineIndex(text), start, None, "references"))
    assert [ref.entry.author for ref in found] == ["The Hindu", "FBIS-NES-90-243", "IRB Databases"]
    assert [ref.span.line for ref in found] == [3, 5, 7]
    for ref in found:
        assert text[ref.span.start : ref.span.end] == ref.text
        assert ref.section == "references"
    assert found[0].text.endswith('LTTE".')


# --------------------------------------------------------------------------- the real documents


def _seed_blocks(name: str) -> list[str]:
    text = (SEEDS / name).read_text(encoding="utf-8")
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


def test_irb_seed_reference_sections() -> None:
    blocks = _seed_blocks("000_a612e7f6db11d10b.txt")
    first = blocks.index("References") + 1
    kinds = [reference_entry(block, "references").kind for block in blocks[first:]]
    # References (3), Attachment heading, 1 entry, Additional Sources heading, its 11 lines.
    assert kinds[:3] == ["irb", "correspondence", "irb"]
    assert kinds.count("name-only") >= 6
    assert "label" in kinds


def test_amnesty_seed_footnote_sources() -> None:
    text = (SEEDS / "001_57fd68c990b575be.txt").read_text(encoding="utf-8")
    bodies: dict[int, str] = {}
    for line in text.splitlines():
        if line.startswith("<sup>"):
            number, _, body = line[len("<sup>") :].partition("</sup>")
            bodies[int(number)] = " ".join(body.split())
    sources = {
        n for n, body in bodies.items() if reference_entry(body, "footnote").kind == "footnote"
    }
    assert sources == {1, 7, 10, 23, 28}
    assert reference_entry(bodies[28], "footnote").date == Date(1996, 2)


@pytest.mark.skipif(not PRACTICE.is_dir(), reason="practice corpus not present")
def test_practice_attachment_list_all_entries_structured() -> None:
    path = next(PRACTICE.glob("02_*.txt"))
    tail = path.read_text(encoding="utf-8").split("articles:")[1]
    entries = [" ".join(b.split()) for b in tail.split("\n\n") if b.strip()]
    parsed = [reference_entry(entry, "attachment") for entry in entries]
    assert len(parsed) == 12
    assert all(entry.kind == "irb-attachment" and entry.date is not None for entry in parsed)
    assert all(entry.author for entry in parsed)


@pytest.mark.skipif(not PRACTICE.is_dir(), reason="practice corpus not present")
def test_practice_explanatory_endnotes_are_not_sources() -> None:
    path = next(PRACTICE.glob("15_*.txt"))
    notes = path.read_text(encoding="utf-8").split("\nNotes\n", 1)[1]
    lines = [line.strip() for line in notes.splitlines() if line.strip()]
    bodies = [
        line.split(None, 1)[1] for line in lines if line.split(None, 1)[0].isdigit() and " " in line
    ]
    assert len(bodies) > 20
    assert all(reference_entry(body, "footnote").kind == "unstructured" for body in bodies)


# --------------------------------------------------------------------------- grammar health


def test_grammar_has_no_lalr_conflicts(
    lalr_conflicts: Callable[[str, str | list[str]], list[str]],
) -> None:
    assert lalr_conflicts("reference", list(refs._STARTS)) == []


# --------------------------------------------------------------------------- round trips

WORDS = (
    "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "Juliet", "Kilo",
    "Lima", "Oscar", "Papa", "Quebec", "Romeo", "Sierra", "Tango", "Uniform", "Victor", "Whiskey",
    "Yankee", "Zulu",
)  # fmt: skip
LOWER = ("the", "and", "in", "on", "for", "a", "against", "after")

word = st.sampled_from(WORDS)
lower = st.sampled_from(LOWER)


def _join(parts: list[str]) -> str:
    return " ".join(parts)


name = st.lists(word, min_size=1, max_size=4).map(_join)
long_name = st.lists(word, min_size=2, max_size=4).map(_join)  # never an inverted name
person = st.tuples(word, word).map(lambda p: f"{p[0]}, {p[1]}")
title = st.tuples(
    word, st.lists(st.one_of(word, lower), max_size=6), st.sampled_from(["", "?"])
).map(lambda t: _join([t[0], *t[1]]) + t[2])
# An attachment title of one word before a two-word publisher would read as "Family, Given".
long_title = st.tuples(word, st.lists(st.one_of(word, lower), min_size=1, max_size=6)).map(
    lambda t: _join([t[0], *t[1]])
)
sentence = st.lists(st.one_of(word, lower), min_size=1, max_size=6).map(_join)
year = st.integers(1900, 2099)
month = st.integers(1, 12)
day = st.integers(1, 28)
single_date = st.one_of(
    st.builds(Date, year),
    st.builds(Date, year, month),
    st.builds(Date, year, month, day),
)
day_date = st.builds(Date, year, month, day)


@st.composite
def date_ranges(draw: st.DrawFn) -> DateRange:
    y = draw(year)
    kind = draw(st.sampled_from(["years", "months", "days"]))
    if kind == "years":
        return DateRange(Date(y), Date(draw(year)), draw(st.sampled_from(["range", "alternative"])))
    if kind == "months":
        return DateRange(
            Date(y, draw(month)),
            Date(y, draw(month)),
            draw(st.sampled_from(["range", "alternative"])),
        )
    m = draw(month)
    return DateRange(Date(y, m, draw(day)), Date(y, m, draw(day)), "range")


dates = st.one_of(single_date, date_ranges())
urls = st.tuples(word, word).map(
    lambda p: f"http://www.{p[0].lower()}.org/{p[1].lower()}/page_1.htm"
)
amnesty = st.one_of(
    st.builds(
        AmnestyIndex,
        st.sampled_from(["ASA", "EUR", "MDE", "AFR", "AMR"]),
        st.integers(10, 99).map(str),
        st.integers(0, 99).map(lambda n: f"{n:02d}"),
        st.integers(1961, 1999),
    ),
    st.builds(
        AmnestyIndex,
        st.sampled_from(["ASA", "EUR", "MDE", "AFR", "AMR"]),
        st.integers(10, 99).map(str),
        st.integers(0, 999).map(lambda n: f"{n:03d}"),
        st.integers(2000, 2030),
    ),
)
un_symbols = st.builds(
    lambda series, body, n: UnSymbol((series, body, "SVN", "CO", str(n))),
    st.sampled_from(["CAT", "CRC", "CERD", "CEDAW"]),
    st.sampled_from(["C"]),
    st.integers(1, 9),
)
page_numbers = st.one_of(
    st.integers(1, 400).map(str),
    st.tuples(st.integers(1, 200), st.integers(1, 200)).map(lambda p: f"{p[0]}-{p[1]}"),
)
locators = st.one_of(page_numbers, st.integers(1, 400).map(lambda n: f"para. {n}"))


def opt(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(st.none(), strategy)


@st.composite
def irb_entries(draw: st.DrawFn) -> ReferenceEntry:
    has_title = draw(st.booleans())
    container = draw(opt(long_name))
    volume = draw(opt(st.integers(1, 60).map(str)))
    issue = draw(opt(st.integers(1, 12).map(str))) if volume else draw(opt(st.just("BC Cycle")))
    return ReferenceEntry(
        kind="irb",
        author=draw(long_name),
        place=draw(opt(name)),
        date=draw(dates),
        title=draw(title) if has_title else None,
        container=container,
        volume=volume,
        issue=issue,
        pages=draw(opt(page_numbers)) if has_title else None,
        url=draw(opt(urls)),
        accessed=draw(opt(day_date)),
        index_code=draw(opt(amnesty)) if has_title else None,
        note=draw(opt(st.sampled_from(["NEXIS", "LEXIS-NEXIS", "Dialog"]))),
    )


@st.composite
def correspondence_entries(draw: st.DrawFn) -> ReferenceEntry:
    if draw(st.booleans()):
        return ReferenceEntry(
            kind="correspondence",
            author=draw(st.one_of(person, long_name)),
            container=draw(opt(st.lists(long_name, min_size=1, max_size=3).map(", ".join))),
            place=draw(opt(name)),
            date=draw(dates),
            note=draw(st.sampled_from(["Correspondence", "Telephone interview", "Fax", "E-mail"]))
            + draw(st.sampled_from(["", " sent to the Research Directorate"]))
            + draw(st.sampled_from(["", "."])),
        )
    author = draw(opt(long_name))
    return ReferenceEntry(
        kind="correspondence",
        title=draw(st.sampled_from(["Fax", "Letter", "Telephone interview", "E-mail"])),
        author=author,
        container=draw(opt(st.lists(long_name, min_size=1, max_size=3).map(", ".join)))
        if author
        else None,
        note=(
            draw(
                opt(
                    st.lists(long_name, min_size=1, max_size=2).map(
                        lambda xs: "to " + ", ".join(xs)
                    )
                )
            )
            if author
            else None
        ),
        date=draw(dates),
        pages=draw(opt(page_numbers)),
        url=draw(opt(urls)),
    )


@st.composite
def attachment_entries(draw: st.DrawFn) -> ReferenceEntry:
    if draw(st.booleans()):
        container = draw(opt(long_name))
        return ReferenceEntry(
            kind="irb-attachment",
            author=draw(person),
            title=draw(title) if container else None,
            container=container,
            date=draw(dates),
            pages=draw(opt(page_numbers)),
        )
    return ReferenceEntry(
        kind="irb-attachment",
        author=draw(long_name),
        title=draw(opt(long_title)),
        date=draw(dates),
        pages=draw(opt(page_numbers)),
    )


@st.composite
def footnote_entries(draw: st.DrawFn) -> ReferenceEntry:
    shape = draw(st.sampled_from(["indexed", "quoted", "italic"]))
    if shape == "indexed":
        by_author = draw(st.booleans())
        return ReferenceEntry(
            kind="footnote",
            index_code=draw(amnesty),
            title=draw(opt(title)),
            date=draw(opt(dates)),
            author=draw(long_name) if by_author else None,
            note=None if by_author else draw(opt(sentence)),
        )
    if shape == "quoted":
        return ReferenceEntry(
            kind="footnote", author=draw(long_name), title=draw(title), date=draw(dates)
        )
    return ReferenceEntry(
        kind="footnote", title=draw(title), date=draw(dates), note=draw(opt(sentence))
    )


notes = st.lists(st.one_of(word, lower), min_size=1, max_size=5).map(
    lambda ws: "See also " + _join(ws) + "."
)


@st.composite
def short_entries(draw: st.DrawFn) -> ReferenceEntry:
    shape = draw(st.sampled_from(["named", "document", "symbol", "ibid"]))
    if shape == "ibid":
        return ReferenceEntry(kind="ibid", pages=draw(opt(locators)), note=draw(opt(notes)))
    if shape == "symbol":
        return ReferenceEntry(
            kind="un-short",
            index_code=draw(un_symbols),
            pages=draw(opt(locators)),
            note=draw(opt(notes)),
        )
    if shape == "document":
        return ReferenceEntry(
            kind="un-short",
            title=draw(name) + " Report",
            pages=draw(locators),
            date=draw(opt(dates)),
            note=draw(opt(notes)),
        )
    return ReferenceEntry(
        kind="un-short",
        author=draw(st.lists(word, min_size=1, max_size=3).map(_join)),
        title=draw(opt(name)),
        pages=draw(locators),
        date=draw(opt(dates)),
        note=draw(opt(notes)),
    )


name_entries = st.one_of(
    st.builds(ReferenceEntry, kind=st.just("name-only"), author=name),
    st.builds(
        ReferenceEntry,
        kind=st.just("name-only"),
        author=st.tuples(name, st.sampled_from(["(WNC)", "(OSCE)"])).map(_join),
    ),
    st.builds(ReferenceEntry, kind=st.just("label"), note=name.map(lambda n: n + " including:")),
)


@st.composite
def author_year_entries(draw: st.DrawFn) -> ReferenceEntry:
    url = draw(opt(urls))
    return ReferenceEntry(
        kind="author-year",
        author=draw(st.one_of(person, long_name)),
        date=draw(opt(single_date)),
        title=draw(title),
        container=draw(opt(long_name)),
        url=url,
        accessed=draw(opt(day_date)) if url else None,
        edited=draw(st.booleans()),
    )


@st.composite
def author_title_entries(draw: st.DrawFn) -> ReferenceEntry:
    url = draw(opt(urls))
    return ReferenceEntry(
        kind="author-title",
        author=draw(st.one_of(person, long_name)),
        date=draw(st.integers(1950, 2030).map(Date)),
        title=draw(title),
        container=draw(opt(long_name)),
        url=url,
        accessed=draw(opt(day_date)) if url else None,
    )


@st.composite
def undated_author_title_entries(draw: st.DrawFn) -> ReferenceEntry:
    url = draw(opt(urls))
    return ReferenceEntry(
        kind="author-title",
        author=draw(st.one_of(person, long_name)),
        title=draw(title),
        container=draw(long_name) if url else draw(opt(long_name)),
        url=url,
        accessed=draw(opt(day_date)) if url else None,
    )


@st.composite
def comma_note_entries(draw: st.DrawFn) -> ReferenceEntry:
    url = draw(opt(urls))
    return ReferenceEntry(
        kind="comma-note",
        author=draw(long_name),
        date=draw(opt(single_date)),
        title=draw(title),
        url=url,
        accessed=draw(opt(day_date)) if url else None,
    )


@st.composite
def comma_plain_entries(draw: st.DrawFn) -> ReferenceEntry:
    author = draw(opt(long_name))
    # With its author first, a title may hold commas of its own.
    titles = title if author is None else st.lists(title, min_size=1, max_size=3).map(", ".join)
    return ReferenceEntry(
        kind="comma-note",
        author=author,
        title=draw(titles),
        date=draw(opt(single_date)),
        url=draw(opt(urls)),
        accessed=draw(opt(day_date)),
    )


@settings(max_examples=200, deadline=None)
@given(comma_plain_entries())
def test_unquoted_comma_note_round_trip(entry: ReferenceEntry) -> None:
    text = render_reference(entry, "comma-plain")
    assert parse_reference(text, "references") == entry, text
    assert refs.classify_reference(text, "references")[0] == "comma_plain"


def test_unquoted_comma_note_refuses_what_it_cannot_say() -> None:
    with pytest.raises(ValueError):  # the comma would end the author
        render_reference(ReferenceEntry(kind="comma-note", title="A, B"), "comma-plain")
    with pytest.raises(ValueError):
        render_reference(ReferenceEntry(kind="comma-note", author="X", title='"Q"'), "comma-plain")


def test_unquoted_comma_note_leaves_attachment_lists_their_order() -> None:
    # An older IRB attachment list writes the title first and the publisher last.
    text = "Sri Lanka: Tamil Rebels Call Off Ceasefire, Inter Press Service, 25 January 1991."
    attached = parse_reference(text, "attachment")
    assert (attached.kind, attached.author) == ("irb-attachment", "Inter Press Service")
    listed = parse_reference(text, "references")
    assert (listed.kind, listed.author) == (
        "comma-note",
        "Sri Lanka: Tamil Rebels Call Off Ceasefire",
    )


def test_unquoted_comma_note_needs_a_capital_author_and_no_words_after_the_date() -> None:
    with pytest.raises(GrammarError):  # prose ending in a date
        refs._parse_as("and in the north, fighting resumed, 5 May 2020.", "comma_plain")
    with pytest.raises(GrammarError):  # an author-year entry's title after the year
        refs._parse_as("UNHCR, 2019. Title. Geneva.", "comma_plain")
    assert reference_entry("UNHCR, 2019. Title. Geneva.").kind == "author-year"
    # A quoted title is the comma note's.
    assert refs.classify_reference("BTI, ‘Who we are’, no date")[0] == "comma_note"


@st.composite
def web_entries(draw: st.DrawFn) -> ReferenceEntry:
    entry_title = draw(opt(long_title))
    return ReferenceEntry(
        kind="web",
        author=draw(opt(long_name)) if entry_title else None,
        title=entry_title,
        url=draw(urls),
        accessed=draw(opt(day_date)),
    )


@st.composite
def title_first_entries(draw: st.DrawFn) -> ReferenceEntry:
    url = draw(opt(urls))
    return ReferenceEntry(
        kind="title-first",
        title=draw(title),
        container=draw(long_name),
        date=draw(opt(single_date)),
        url=url,
        accessed=draw(opt(day_date)) if url else None,
    )


all_entries = st.one_of(
    author_year_entries(),
    author_title_entries(),
    undated_author_title_entries(),
    comma_note_entries(),
    title_first_entries(),
    web_entries(),
    irb_entries(),
    correspondence_entries(),
    attachment_entries(),
    footnote_entries(),
    short_entries(),
    name_entries,
)


@settings(max_examples=200, deadline=None)
@given(all_entries)
def test_render_then_parse_is_identity(entry: ReferenceEntry) -> None:
    text = render_reference(entry)
    assert parse_reference(text, section_for(entry.kind)) == entry, text


@settings(max_examples=50, deadline=None)
@given(irb_entries())
def test_irb_round_trip_over_wrapped_lines(entry: ReferenceEntry) -> None:
    text = render_reference(entry).replace(". ", ".\n", 2)
    assert parse_reference(text) == entry


def test_render_refuses_what_a_style_cannot_say() -> None:
    with pytest.raises(ValueError):
        render_reference(ReferenceEntry(kind="irb", author="Reuters"))  # no date
    with pytest.raises(ValueError):
        render_reference(ReferenceEntry(kind="un-short", author="YHD"))  # no locator
    with pytest.raises(ValueError):
        render_reference_date(DateRange(Date(1999, 9), Date(2000, 1), "alternative"))
    with pytest.raises(ValueError):
        render_reference(ReferenceEntry(kind="name-only"))
    with pytest.raises(ValueError):
        render_reference(ReferenceEntry(kind="unstructured"))


def test_render_examples() -> None:
    assert render_reference(
        ReferenceEntry(kind="irb", author="Reuters", date=Date(1994, 11, 11), issue="BC Cycle",
                       title="Iran Ayatollah Denounces Anti-Censorship Writers", note="NEXIS")
    ) == (
        'Reuters. 11 November 1994. BC Cycle. "Iran Ayatollah Denounces Anti-Censorship Writers." '
        "(NEXIS)"
    )  # fmt: skip
    code = AmnestyIndex("ASA", "24", "12", 1995)
    assert (
        render_reference(ReferenceEntry(kind="footnote", index_code=code, date=Date(1995, 12)))
        == f"(AI Index: {render_index_code(code)}), issued in December 1995."
    )
    assert (
        render_reference(ReferenceEntry(kind="un-short", author="YHD", pages="2")) == "YHD, p. 2."
    )


# --------------------------------------------------------------------------- fuzz

# Each terminal with a trailing space, so that generated tokens never run together into other
# tokens; WORD and the free-text terminals use words no keyword terminal matches.
_PLAIN = st.sampled_from(WORDS)
_EXPLICIT: dict[str, st.SearchStrategy[str]] = {
    "WORD": _PLAIN,
    "ACC_THEN": st.sampled_from(["from", "from:", "FROM"]),
    "NAME_START": _PLAIN,
    "REST": st.lists(_PLAIN, min_size=1, max_size=3).map(_join),
    "DATE": st.sampled_from(
        ["15 May 2000", "February 1999", "1999-2000", "September/October 1999", "2000"]
    ),
    "ABBREV": st.sampled_from(["U.S.", "S.", "Dr."]),
    "NAME_INVERTED": st.sampled_from(["Oka, Natsuko", "De Silva, Dalton"]),
    "VOL_LABEL": st.just("Vol."),
    "NO_LABEL": st.just("No."),
    "VOL_NUMBER": st.sampled_from(["12", "7-8"]),
    "CYCLE": st.sampled_from(["BC Cycle", "Final Edition"]),
    "DITTO": st.just("_____"),
    "IBID": st.sampled_from(["Ibid.", "ibid"]),
    "CORR_KIND": st.sampled_from(["Fax", "Letter", "Correspondence", "Telephone interview"]),
    "FROM_WITH": st.sampled_from(["from", "with"]),
    "TO": st.just("to"),
    "DATED": st.just("dated"),
    "AVAILABLE": st.just("available from"),
    "PUB_VERB": st.sampled_from(["issued in", "which was published in"]),
    "DOC_NOUN": st.just("Report"),
    "LABEL_END": st.just(":"),
    "INDEX_LABEL": st.just("AI Index:"),
    "LPAR_INDEX": st.just("(AI Index:"),
    "AMNESTY_CODE": st.sampled_from(["ASA 24/12/95", "EUR 44/047/1993"]),
    "UN_SYMBOL": st.sampled_from(["CAT/C/SVN/CO/3", "A/HRC/43/15/Add.1"]),
    "URL": st.just("http://www.example.org/a_1.htm"),
    "ACC_OPEN": st.just("[Accessed"),
    "PAGES_LABEL": st.sampled_from(["p.", "pp."]),
    "PAGE_VALUE": st.sampled_from(["5", "14-15", "A8", "A12-A13"]),
    "LOCATOR": st.sampled_from(["para. 79", "Form A", "paras. 7, 9 and 17"]),
    "PAREN": st.sampled_from(["(WNC)", "(NEXIS)"]),
    "PLACE": st.sampled_from(["[Seoul]", "[New York]"]),
    "QUOTED": st.sampled_from(['"Waiting in the Shadows"', "“A Title?”"]),
    "ITALIC": st.just("*North Korea: Behind Closed Doors*"),
    "QUOTE_CHAR": st.just("”"),  # a straight quote before a quoted title would pair with it
    "STAR": st.just("*"),
    "DOT": st.just("."),
    "COMMA": st.just(","),
    "SEMI": st.just(";"),
    "COLON": st.just(":"),
    "LPAR": st.just("("),
    "RPAR": st.just(")"),
    "RSQB": st.just("]"),
    "AY_YEAR": st.sampled_from(["2019", "2020b", "n.d", "2003/04"]),
    "PAREN_URL": st.just("(https://www.example.org/a_1.htm)"),
    "PAREN_YEAR": st.sampled_from(["(2019)", "(n.d.)", "(2010, 4 May)"]),
    "COMMA_YEAR": st.sampled_from([", 2003", ",2019b"]),
    "EDS_YEAR": st.sampled_from(["(Eds) 2010", "(ed.) 2009b", "(Editors)2011"]),
    "PAREN_DATE": st.sampled_from(["(March 2006)", "(6 March 2006)", "(May 3, 2006)"]),
    "DAY_MONTH": st.sampled_from(["4 December", "March 22"]),
    "INITIAL": st.sampled_from(["Q.", "J.", "J.I."]),
    "ET_AL": st.just("et al."),
    "LIST_MARK": st.sampled_from(["*", "-", "•", "1.", "[2]", "(3)"]),
    "WEB_URL": st.sampled_from(
        ["https://www.example.org/a_1.htm", "https:// apnews.com/article/x- 75228a8a", "www.x.org"]
    ),
    "ACC_WORD": st.sampled_from(["(accessed", "Retrieved", "[Consulted on:"]),
    "ACC_DATE": st.sampled_from(["5 May 2011", "May 5, 2011"]),
    "ACC_ON": st.just("on"),
    "TAIL_DATE": st.sampled_from(["10 April 2009", "2011-05-05", "May 2010"]),
    "ACC_FROM": st.sampled_from(["Retrieved from", "accessed from:"]),
    "BRACKET": st.sampled_from(["(", "]"]),
    "QUOTED_SINGLE": st.sampled_from(["‘Chad’s borders’", "‘Who we are’"]),
    "NO_DATE": st.sampled_from(["no date", "n.d."]),
    "UPDATED": st.sampled_from(["last updated", "Updated on:"]),
    "BACK_LINK": st.just("↩"),
    "VC_NAMES": st.sampled_from(["Smith J, Doe AB.", "Alpha B, Bravo C, et al."]),
}


def _spaced(
    strategies: dict[str, st.SearchStrategy[str]], names: set[str]
) -> dict[str, st.SearchStrategy[str]]:
    return {
        name: strategy.map(lambda s: s + " ")
        for name, strategy in strategies.items()
        if name in names
    }


_PARSER = grammar_parser("reference", refs._STARTS)


def _terminals_of(style: str) -> set[str]:
    terminals, rules, _ignore = _PARSER.grammar.compile([style], ())
    names = {t.name for t in terminals}
    for rule in rules:
        names |= {s.name for s in rule.expansion if s.is_term}
    return names


_GENERATED = {
    style: from_lark(_PARSER, start=style, explicit=_spaced(_EXPLICIT, _terminals_of(style)))
    for style in refs._STARTS
    if style not in ("date", "doi_tail")  # pieces of entries, not entries
}


@pytest.mark.parametrize("style", sorted(_GENERATED))
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_entries_parse(style: str, data: st.DataObject) -> None:
    text = data.draw(_GENERATED[style])
    refs._parse_as(text.strip(), style)


@settings(max_examples=100, deadline=None)
@given(
    doi=from_lark(
        _PARSER,
        start="doi_tail",
        explicit={"DOI_LABEL": st.sampled_from(["doi: ", "DOI ", "doi:"])},
    ).filter(lambda doi: not doi.rstrip().endswith((".", ",", ";"))),  # an entry's own stop
    cut=st.sampled_from(["/", "-", "_", "="]),
)
def test_generated_doi_tails_end_an_entry_and_a_cut_one_does_not(doi: str, cut: str) -> None:
    entry = f"Quarterly, 78(2): 207-13. {doi.strip()}"
    assert refs.ends_with_address(entry)
    assert not refs.ends_with_address(entry + cut)


@settings(max_examples=100, deadline=None)
@given(
    from_lark(
        _PARSER,
        start="date",
        explicit={
            "_DATE_COMMA": st.just(", "),
            "_DATE_DASH": st.just("-"),
            "_DATE_SLASH": st.just("/"),
            "MONTH_NAME": st.sampled_from(["May ", "Feb. ", "SEPTEMBER ", "june "]),
            "MONTH_NUMBER": st.integers(1, 12).map(lambda n: f"{n:02d} "),
            "DAY_NUMBER": st.integers(1, 31).map(lambda n: f"{n} "),
            "YEAR4": st.integers(1600, 2099).map(lambda n: f"{n} "),
        },
    )
)
def test_generated_dates_parse(text: str) -> None:
    parse_reference_date(text.strip())


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.binary().map(lambda b: b.decode("utf-8", "replace")),
        st.lists(
            st.sampled_from(
                [*WORDS, ".", ",", "15 May 2000", '"', "*", "(AI Index:", "p. 5", "Ibid."]
            )
        ).map(_join),
    ),
    st.sampled_from(["references", "attachment", "additional-sources", "footnote"]),
)
def test_arbitrary_text_never_raises_anything_but_grammar_error(text: str, section: str) -> None:
    with contextlib.suppress(GrammarError):
        parse_reference(text, section)
    assert isinstance(reference_entry(text, section), ReferenceEntry)
    lines = text.split("\n")
    starts = entry_starts(lines)
    assert starts == sorted(set(starts))
    assert not lines or starts[0] == 0
    found = list(iter_references(text, LineIndex(text)))
    for ref in found:
        assert 0 <= ref.span.start <= ref.span.end <= len(text)
        assert text[ref.span.start : ref.span.end] == ref.text


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Oka, Natsuko", ("Oka", "Natsuko")),
        ("De Silva, Dalton", ("De Silva", "Dalton")),
        ("Smith, J.", ("Smith", "J.")),
        ("Office 2, Geneva", None),
        ("Jane Smith", None),
        ("Amnesty International, London", None),
    ],
)
def test_inverted_name_is_the_grammars_name_token(name: str, parts: tuple[str, str] | None) -> None:
    assert refs.inverted_name(name) == parts


def test_a_dated_irb_entry_with_an_address_is_not_a_web_entry() -> None:
    entry = parse_reference(
        "University Teachers for Human Rights (Jaffna). 15 May 2006. Special Report No. 21. "
        "http://www.uthr.org/SpecialReports/spreport21.htm [Accessed 10 Aug. 2006]"
    )
    assert entry.kind == "irb"
    assert entry.date == Date(2006, 5, 15)


def test_comma_note_needs_a_name_before_the_quoted_title() -> None:
    # A quotation in an explanatory note is no source.
    with pytest.raises(GrammarError):
        refs._parse_as(
            'According to the minister, "we will act", he said in May 1995.', "comma_note"
        )
    entry = parse_reference(
        "Jones and Grove, EB, ‘Chad’s borders’ (land), last updated 12 October 2023 ↩", "footnote"
    )
    assert (entry.kind, entry.author, entry.title, entry.date) == (
        "comma-note", "Jones and Grove, EB", "Chad’s borders", Date(2023, 10, 12)
    )  # fmt: skip
    assert parse_reference("BTI, ‘Who we are’, no date ↩", "footnote").date is None


@pytest.mark.parametrize(
    ("text", "letter"),
    [
        ("Baffi, S., & Lannes, J.-P. (2021b). Understanding Paratransit. Working paper.", "b"),
        ("Smith, J. 2003a. A Title. Publisher.", "a"),
        ("Smith, J., 2003c. A Title. Publisher.", "c"),
        ("Smith, J. (2003). A Title. Publisher.", None),
    ],
)
def test_author_year_keeps_the_letter_of_its_year(text: str, letter: str | None) -> None:
    entry = reference_entry(text)
    assert entry.kind == "author-year"
    assert entry.date == Date(2003 if "2003" in text else 2021)
    assert entry.year_suffix == letter


@pytest.mark.parametrize(
    "text",
    [
        'Alpha Q. J. "Waiting in the Shadows" 2019',
        "Alpha S. Alpha Q. *North Korea: Behind Closed Doors* 2019",
        "Smith JA. Human rights in Kenya. Lancet. 2019;3:1-10.",
    ],
)
def test_a_name_with_initials_that_goes_on_is_not_a_vancouver_list(text: str) -> None:
    # Found by the generated entries: "Alpha Q." alone reads as a Vancouver name, which left
    # the initial or name after it nowhere to go.
    refs._parse_as(text, "author_title")


def test_a_page_number_after_a_line_that_stops_at_a_comma_is_no_list_number() -> None:
    # "Informatics, 9(3)," / "54. https://...": the article's page, then its address.
    lines = [
        "Hirschprung, R., Klein, M., & Maimon, O. (2022). Harnessing soft logic to represent "
        "the privacy paradox. Informatics, 9(3),",
        "54. https://doi.org/10.3390/informatics9030054",
    ]
    assert entry_starts(lines) == [0]
    numbered = ["1. Smith, J. (2001). Title. Press,", "2. Doe, A. (2002). Other. Press."]
    assert entry_starts(numbered) == [0, 1]


def test_entries_of_one_document_share_the_values_they_repeat() -> None:
    refs.forget_readings()
    first = refs.read_list_entry('Org1 [Toronto]. 1995. "Report one."')
    second = refs.read_list_entry('Org2 [Toronto]. 1995. "Report two."')
    assert first.place == second.place == "Toronto"
    assert first.date == second.date == Date(1995)
    # One object each for the document: a long list held a copy in every entry.
    assert first.place is second.place
    assert first.date is second.date
    assert first.title == "Report one" and second.author == "Org2"


def test_a_year_glued_to_the_stop_after_the_names_is_read_as_the_year() -> None:
    text = (
        "Berditchevskaia, Aleks, Kathy Peach, Gina Lucarelli, Mirko Ebelshaeuser.2021. "
        '"Collective Intelligence for Sustainable Development." UNDP.'
    )
    assert refs.join_entry_lines(text).startswith(
        "Berditchevskaia, Aleks, Kathy Peach, Gina Lucarelli, Mirko Ebelshaeuser. 2021. "
    )
    entry = reference_entry(refs.join_entry_lines(text))
    assert entry.date == parse_reference_date("2021")
    # A version or a number after a stop is no year: "No.2021. " is left as written.
    assert refs.join_entry_lines("Decree No.2021. Tashkent.") == "Decree No.2021. Tashkent."


@pytest.mark.parametrize(
    ("text", "author", "year"),
    [
        ("Ferrer, E., and S. Dalisay (Eds) 2010. Workshop on Women in Fisheries.", "Ferrer, E., "
         "and S. Dalisay", 2010),
        ("Polotan-dela Cruz L., E. Ferrer, and M. Pagaduan (Eds) 2010. Building Disaster-Resilient "
         "Communities. Quezon City: CSWCD-UP.", "Polotan-dela Cruz L., E. Ferrer, and M. Pagaduan",
         2010),
        ("Brainard, L. (ed.) 2009b. Climate Change and Global Poverty.", "Brainard, L.", 2009),
    ],
)  # fmt: skip
def test_author_year_reads_the_editors_mark_before_a_bare_year(
    text: str, author: str, year: int
) -> None:
    entry = parse_reference(text, "bibliography")
    assert (entry.kind, entry.author, entry.date, entry.edited) == (
        "author-year",
        author,
        Date(year),
        True,
    )


def test_author_year_tail_reads_an_edited_volume_with_its_year() -> None:
    entry = parse_reference(
        "Ebi, Kristie L. (2009): “Public Health Adaptation to Climate Change,” in Brainard, L., "
        "A. Jones and N. Purvis (Eds) 2009. Climate Change and Global Poverty. Washington D.C.: "
        "Brookings Institution Press."
    )
    assert (entry.kind, entry.author, entry.date) == ("author-year", "Ebi, Kristie L.", Date(2009))
    assert not entry.edited  # the editors are the volume's, in the tail


def test_a_bracketed_word_before_a_bare_year_is_no_editors_mark() -> None:
    # Only an editors' mark makes the bare year after a name the entry's year.
    with pytest.raises(GrammarError):
        refs._parse_as("Smith, J. (WHO) 2010. Title.", "author_year")


def test_entry_starts_keeps_a_name_that_stops_on_and_the_with_the_next_line() -> None:
    lines = [
        "Special National Public Reconstruction Commission and the",
        "World Bank (2009). Philippines Typhoons Ondoy and",
        "Pepeng: Post Disaster Needs Assessment (Main Report).",
        "Tanner, T. (2010). Shifting the narrative.",
    ]
    assert entry_starts(lines) == [0, 3]


def test_entry_starts_keeps_a_line_that_stops_on_an_initial_with_the_next() -> None:
    lines = [
        "Ebi, Kristie L. (2009): “Public Health Adaptation to Climate",
        "Change in Low-Income Countries,” in Brainard, L., A.",
        "Jones and N. Purvis (Eds) 2009. Climate Change and",
        "Global Poverty. Washington D.C.: Brookings Institution Press.",
    ]
    assert entry_starts(lines) == [0]


def test_title_first_reads_a_title_with_its_subtitle_then_the_year_in_brackets() -> None:
    entry = parse_reference(
        "Long-term care homes in Canada: How many and who owns them? (2021). Canadian Institute "
        "for Health Information | CIHI. https://www.cihi.ca/en/long-term-care-homes"
    )
    assert (entry.kind, entry.author, entry.title, entry.date, entry.url) == (
        "title-first",
        None,
        "Long-term care homes in Canada: How many and who owns them?",
        Date(2021),
        "https://www.cihi.ca/en/long-term-care-homes",
    )


def test_a_name_before_the_year_in_brackets_is_an_author_not_a_title() -> None:
    # Without a subtitle's colon the words before the year are the author's name.
    entry = parse_reference("Human Rights Watch (2010). World Report. New York: HRW.")
    assert (entry.kind, entry.author) == ("author-year", "Human Rights Watch")
    with pytest.raises(GrammarError):
        refs._parse_as("Human Rights Watch (2010). World Report.", "title_first")


def test_entry_starts_a_wrapped_line_opening_with_a_word_and_full_stop_goes_on() -> None:
    # "Pollutants." and "April 15." read as entries of their own (a name, an undated title)
    # and tied with the entry that takes them; the author-year grammar reads no names and year
    # there, a few lines after it read them, so they are that entry's rest.
    lines = [
        'Ostro B.D. and S. Rothschild. 1989. "Air Pollution and Acute',
        "Respiratory Morbidity: An Observational Study of Multiple",
        'Pollutants." Environmental Research 50:238-247.',
        "Ozkaynak, H. And G.D. Thurston. 1987. Associations between 1980",
        "U.S. mortality rates and alternative measures of airborne particle",
        "concentration. Risk Anal. 7: 449-461.",
        "Chestnut, L.G. 1997. Draft Memorandum: Methodology for",
        "Estimating Values for Changes in Visibility at National Parks.",
        "April 15.",
        "Chestnut, L.G. and R.L. Dennis. 1997. Economic Benefits of",
        "Improvements in Visibility. Journal of Air and Waste Management 47:395-402.",
    ]
    assert entry_starts(lines) == [0, 3, 6, 9]


def test_entry_starts_names_and_year_wrapped_over_lines_open_one_entry() -> None:
    # The heads of these entries take two and three lines: none of their first lines reads as
    # an entry alone, and the line after a name list's initial or "and" is not a new entry.
    lines = [
        "Pope, C.A., III, R.T. Burnett, M.J. Thun, E.E. Calle, D.",
        'Krewski, K. Ito, and G.D. Thurston. 2002. "Lung Cancer',
        "Cardiopulmonary Mortality, and Long-term Exposure to Fine",
        'Particulate Air Pollution." Journal of the American Medical',
        "Association. 287(9):1132-41.",
        "Pope, C.A., III, M.J. Thun, M.M. Namboodiri, D.W. Dockery, J.S.",
        "Evans, F.E. Speizer, and",
        'C.W. Heath, Jr. 1995. "Particulate Air Pollution as a Predictor',
        'of Mortality in a Prospective Study." Am. J. Respir. Crit. Care Med. 151: 669-674.',
        "Jones-Lee, M.W., G. Loomes, D. O'Reilly, and P.R. Phillips.",
        "1993. The Value of Preventing Non-fatal Road Injuries: Findings of",
        "a Willingness-to-pay National Sample Survey. TRY Working Paper.",
    ]
    assert entry_starts(lines) == [0, 5, 9]


def test_entry_starts_a_page_number_between_lines_names_no_one() -> None:
    lines = [
        "Ostro, B.D. 1987. Air Pollution and Morbidity Revisited: a",
        "Specification Test. Journal of Environmental Economics Management.",
        "14: 87-98.",
        "67",
        'Ostro B.D. and S. Rothschild. 1989. "Air Pollution and Acute',
        'Respiratory Morbidity." Environmental Research 50:238-247.',
    ]
    assert entry_starts(lines) == [0, 4]


def test_entry_starts_a_run_over_two_heads_costs_two_entries() -> None:
    # Reading "Health Symptoms ..." on to the end of the next entry's head takes that entry and
    # the names of the one after it: each head it reads over is an entry it swallows.
    lines = [
        "Tolley, G.S. et al. 1986. Valuation of Reductions in Human",
        "Health Symptoms and Risks. University of Chicago. Final Report for",
        "the US Environmental Protection Agency. January.",
        "69",
        "Thurston, G.D., and K. Ito. 2001. Epidemiological Studies of",
        "Acute Ozone Exposures and Mortality. Journal of Exposure Analysis",
        "and Environmental Epidemiology. 11:286-294.",
        "US Department of Commerce, Economics and Statistics",
        "Administration. 1992. Statistical Abstract of the United States,",
        "1992: The National Data Book. 112th Edition. Washington, DC.",
    ]
    assert entry_starts(lines) == [0, 4, 7]


# --------------------------------------------------------------------------- numbered lists, years


def test_a_bare_list_number_before_a_name_is_the_entry_s_label_not_its_author() -> None:
    # A list numbered without full stops ("12 Spectorman T.Yu. ..."): the number would make
    # every author "12 Campbell", which no citation names.
    entry = refs.read_list_entry(
        "23 Campbell J.B., 1996. Introduction to Remote Sensing. The Guilford Press, New York."
    )
    assert (entry.author, entry.date) == ("Campbell J.B.", Date(1996))
    assert refs.opens_with_list_mark("28 EROS, 2015. Landsat 8 (L8) data user's handbook.")
    # A day and month on a wrapped line is a date, not a list number.
    assert not refs.opens_with_list_mark("5 December 2001. Retrieved from the archive.")
    assert not refs.opens_with_list_mark("4 Mar. 2001. Retrieved from the archive.")
    # A name that starts as a month does is no month: the month is the whole word.
    assert refs.opens_with_list_mark("12 Martinez, J. 2001. Title of the work.")
    assert refs.opens_with_list_mark("7 Mayer T. Title of the work, 1977.")


def test_a_private_use_character_before_a_space_is_a_bullet() -> None:
    # A PDF's text gives a symbol font's bullet glyph as a private use character.
    assert refs.opens_with_list_mark("\U0010fc01 Gambia: Two journalists threatened (2012)")
    assert refs.opens_with_list_mark("\uf0b7 Smith, J. 2001. Title of the work.")
    assert not refs.opens_with_list_mark("\uf0b7Smith, J. 2001. Title of the work.")
    assert refs.list_number("\uf0b7 Smith, J. 2001. Title of the work.") is None


def test_a_line_the_page_broke_goes_on_with_its_entry() -> None:
    # Wrapped at 80 columns: "Correspondence." would not have fitted on the line above, so
    # the page broke the entry there; alone, it would read as an entry of its own.
    wrapped = [
        "Embassy of the Federal Democratic Republic of Ethiopia, Ottawa. 8 May 2001.",
        "Correspondence.",
    ]
    assert refs.entry_starts(wrapped) == [0, 1]
    assert refs.entry_starts(wrapped, width=80) == [0]
    # Lines that end short of the measure end their entries, whatever the width.
    listed = [
        "Somalia: No Mercy in Mogadishu. March 1992. Africa Watch.",
        "USAID Situation Reports: Somalia. 1992.",
    ]
    assert refs.entry_starts(listed, width=80) == [0, 1]


def test_the_wrap_width_is_read_only_from_a_wrapped_text() -> None:
    assert refs.wrap_width([78, 80, 79, 40, 0, 77, 80, 12, 79, 80] * 3 + [150]) == 80
    # Paragraphs written on one line each: no page broke them.
    assert refs.wrap_width([600, 450, 30, 820, 700, 15] * 5) is None
    # Too few lines to tell.
    assert refs.wrap_width([80, 79, 78]) is None


def test_a_year_after_the_words_of_a_name_in_the_tail_is_one_of_them() -> None:
    # "Encuesta sobre Uso del Tiempo 2016": the survey's year, not a second date of the entry.
    entry = refs.read_list_entry(
        "DGEEC (Dirección General de Estadística) (2017d), Principales resultados. Encuesta "
        "sobre Uso del Tiempo 2016, Fernando de la Mora, Paraguay, octubre."
    )
    assert entry.kind == "author-year"
    assert (entry.author, entry.date, entry.year_suffix) == (
        "DGEEC (Dirección General de Estadística)",
        Date(2017),
        "d",
    )


def test_entry_starts_never_starts_an_entry_inside_a_word_broken_over_lines() -> None:
    lines = [
        "DGEEC (Dirección General de Estadística) (2017c), Encues-",
        "ta Permanente de Hogares 2017, Asunción.",
        "DGEEC (Dirección General de Estadística) (2017d), Principales resultados, Asunción.",
    ]
    assert entry_starts(lines) == [0, 2]


def test_ma_of_maria_before_a_given_name_does_not_end_the_author() -> None:
    entry = refs.read_list_entry(
        "Ma. Leonila P. Bautista, 2008. Understanding Multi-Hazard Maps. PHIVOLCS READY Project."
    )
    assert (entry.author, entry.date) == ("Ma. Leonila P. Bautista", Date(2008))


@pytest.mark.parametrize(
    ("text", "author", "year"),
    [
        (
            "15 Rubanov I.V. Lake-soil salt accumulation in Uzbekistan. Tashkent, Publishing "
            "House “FAN”, USSR, 1977.",
            "Rubanov I.V.",
            1977,
        ),
        (
            "19 Sektemenko V.E., Tairov T.M., Naumov A.N. Soil cover of the dried bottom of the "
            "Aral Sea. Tashkent: Fan. - 1991. 15с.",
            "Sektemenko V.E., Tairov T.M., Naumov A.N.",
            1991,
        ),
        (
            "46 Koksharova N.E. et al. On forest reclamation of the dried bottom of the Aral Sea. "
            "Problems of Desert Development, No. 5, 1985.",
            "Koksharova N.E. et al.",
            1985,
        ),
    ],
)
def test_family_names_before_initials_with_full_stops_then_the_title(
    text: str, author: str, year: int
) -> None:
    # The Russian manner of the region's lists: the year comes last, after the title.
    entry = refs.read_list_entry(text)
    assert (entry.author, entry.date) == (author, Date(year))


def test_no_terminal_is_named_like_an_attribute_of_the_entry_transformer() -> None:
    # The transformer does not visit tokens: a visited token whose type named one of its
    # attributes would have been handed to that attribute, not kept as it is.
    from provenance.grammars import multi_start_parser

    parser = multi_start_parser("reference", refs._STARTS)
    names = {terminal.name for terminal in parser.terminals}
    assert "DATE" in names
    transformer = refs._EntryTransformer("")
    assert not transformer.__visit_tokens__
    assert not {name for name in names if hasattr(transformer, name)}


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_match_of_a_required_terminal_holds_one_of_its_words(data: st.DataObject) -> None:
    # The anchor skips the pattern's search in an ASCII text with none of the words: sound
    # only if every match holds one of them, in some case.
    anchor = refs._required_terminal("CORR_KIND")
    assert isinstance(anchor, refs._WordsFirst)
    text = data.draw(st.from_regex(anchor.pattern, alphabet=st.characters(max_codepoint=127)))
    match = anchor.pattern.search(text)
    assert match is not None
    assert any(word in match.group().lower() for word in anchor.words)
    assert anchor.search(text) is not None


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), style=st.sampled_from(sorted(refs._SCREENS)))
def test_every_match_of_a_screened_anchor_holds_a_match_of_its_screen(
    data: st.DataObject, style: str
) -> None:
    # The screen stands in for the anchor where it is not found: sound only if every text the
    # anchor is found in holds a match of the screen.
    pattern = re.compile(refs._ANCHORS[style].pattern, refs._ANCHORS[style].flags)
    text = data.draw(st.from_regex(pattern))
    assert pattern.search(text) is not None
    assert refs._SCREENS[style].search(text) is not None
    assert all(anchor.search(text) is not None for anchor in refs._style_anchors(style))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), style=st.sampled_from(sorted(refs._SCREEN_WORDS)))
def test_every_match_of_an_anchor_screened_by_words_holds_one(
    data: st.DataObject, style: str
) -> None:
    pattern = re.compile(refs._ANCHORS[style].pattern, refs._ANCHORS[style].flags)
    text = data.draw(st.from_regex(pattern))
    (anchor,) = refs._style_anchors(style)
    assert isinstance(anchor, refs._WordsFirst)
    match = pattern.search(text)
    assert match is not None
    assert any(word in match.group().casefold() for word in anchor.words)
    assert anchor.search(text) is not None


def test_no_other_character_folds_to_a_mark_an_anchor_is_screened_by() -> None:
    # The words of ``_SCREEN_WORDS`` that are marks are looked for in the case-folded text: a
    # mark found there must be in the text itself (no letter folds to a quotation mark).
    marks = {word for words in refs._SCREEN_WORDS.values() for word in words if len(word) == 1}
    assert marks
    for code in range(0x110000):
        char = chr(code)
        if char not in marks:
            assert not marks & set(char.casefold()), char


def test_screened_anchors_answer_as_their_patterns_on_train_texts() -> None:
    folder = Path(__file__).resolve().parents[2] / "benchmarks" / "accuracy" / "train"
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))[:40]]
    styles = sorted({*refs._SCREENS, *refs._SCREEN_WORDS})
    runs = 0
    for text in texts:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        for index in range(len(lines)):
            joined = " ".join(lines[index : index + 3])
            for style in styles:
                expected = refs._ANCHORS[style].search(joined) is not None
                found: dict[object, bool] = {}
                assert refs._has_anchors(joined, style, found) is expected, (style, joined)
                runs += 1
    assert runs > 1000


def test_every_character_a_case_blind_ascii_character_matches_folds_to_it() -> None:
    # What ``_WordsFirst`` rests on: a character that a case-blind pattern's ASCII character
    # matches case-folds to that character alone, but for those of ``FOLDS_APART``.
    import re

    ascii_chars = [chr(code) for code in range(128)]
    any_ascii = re.compile(r"(?i)[\x00-\x7f]")
    matched = ascii_chars + [
        chr(code) for code in range(128, 0x110000) if any_ascii.fullmatch(chr(code))
    ]
    for char in matched:
        for pattern_char in ascii_chars:
            if re.fullmatch("(?i)" + re.escape(pattern_char), char):
                assert char.casefold() == pattern_char.casefold() or char in refs.FOLDS_APART, (
                    char,
                    pattern_char,
                )
    assert set(refs.FOLDS_APART) <= set(matched)


# ------------------------------------------------------------ fields read piece by piece


def test_an_address_cut_before_a_full_stop_or_inside_a_doi_is_joined() -> None:
    # A chunk that opens with "." and a letter or digit, or a lower-case or digit chunk with a
    # "/" inside, goes on with the address wherever the page cut it.
    entry = parse_reference(
        "Friend, O. W., & Lyon, T. D. (2024). The utility of direct questions. Psychology, "
        "Public Policy, and Law, 30(2), 121–131. https://doi.org/10 .1037/law0000426"
    )
    assert entry.url == "https://doi.org/10.1037/law0000426"
    entry = parse_reference(
        "Benbow, D. I. (2024). An analysis of a website. Information & Communications "
        "Technology Law, 1–23. https://doi.org/10.1\n080/13600834.2024.2404283"
    )
    assert entry.url == "https://doi.org/10.1080/13600834.2024.2404283"


def test_an_address_cut_after_a_slash_before_a_capitalised_file_name_is_joined() -> None:
    entry = parse_reference(
        "Jurisdicción Especial para la Paz (JEP) (2017). Jurisdicción especial para la paz. "
        "Recuperado de `https://www.jep.gov.co/JEP/Paginas/ "
        "Jurisdiccion-Especial-para-la-Paz.aspx` ."
    )
    assert entry.url == "https://www.jep.gov.co/JEP/Paginas/Jurisdiccion-Especial-para-la-Paz.aspx"


def test_an_address_after_prose_words_stays_apart_from_them() -> None:
    entry = parse_reference(
        "UNHCR. 2021. Fact sheet. https://www.unhcr.org/iraq Accessed via the website."
    )
    assert entry.url == "https://www.unhcr.org/iraq"


def test_hyphenated_initials_are_one_initial() -> None:
    entry = parse_reference(
        "- Brown, D. A., Lamb, M. E., Pipe, M.-E., & Wolfman, M. (2013). The NICHD "
        "investigative interview protocol: An analogue study. Journal of Experimental "
        "Psychology: Applied, 19(4), 367–382."
    )
    assert entry.author == "Brown, D. A., Lamb, M. E., Pipe, M.-E., & Wolfman, M."
    assert entry.title == "The NICHD investigative interview protocol: An analogue study"


def test_markdown_italics_and_code_marks_are_no_part_of_a_field() -> None:
    entry = parse_reference(
        "- Amnistía Internacional (2002). _Los derechos, en peligro. Leyes de seguridad_ . "
        "Amnistía Internacional, Londres."
    )
    assert entry.title == "Los derechos, en peligro. Leyes de seguridad"
    entry = parse_reference(
        "- Yu, D. (2015). Relations between adjacency and modularity graph partitioning. "
        "_https://arxiv.org/abs/1505.03481v3_ ."
    )
    assert entry.url == "https://arxiv.org/abs/1505.03481v3"
    entry = parse_reference(
        "- AS/COA (2018). Explainer: Colombia’s special jurisdiction for peace. Recuperado de "
        "`https://www.as-coa.org/articles/ explainer-colombias-special-jurisdiction-peace-jep` ."
    )
    assert entry.url == (
        "https://www.as-coa.org/articles/explainer-colombias-special-jurisdiction-peace-jep"
    )


@pytest.mark.parametrize(
    ("text", "title", "container"),
    [
        (
            "Yi, M., & Lamb, M. E. (2018). How accurately do officers identify questions? "
            "Korean Journal of Forensic Psychology, 9(3), 117–135.",
            "How accurately do officers identify questions?",
            "Korean Journal of Forensic Psychology, 9(3), 117–135",
        ),
        (
            "Graham, M. (2019). The global gig economy: Towards a planetary labour market? "
            "First Monday.",
            "The global gig economy: Towards a planetary labour market?",
            "First Monday",
        ),
        # A subtitle after the question: an article, a colon, or a longer capitalised run.
        (
            "Lin, J. (2009). Should Policy Defy it? A Debate Between Lin and Chang. Journal.",
            "Should Policy Defy it? A Debate Between Lin and Chang",
            "Journal",
        ),
        (
            "Gold, A. (2020). Safety for Whom? Investigating How Platforms Frame Safety and "
            "Harm. Journal.",
            "Safety for Whom? Investigating How Platforms Frame Safety and Harm",
            "Journal",
        ),
        (
            "Ray, A. (2016). Does a Spouse Slow You down?: Marriage and Outcomes. Journal.",
            "Does a Spouse Slow You down?: Marriage and Outcomes",
            "Journal",
        ),
    ],
)
def test_a_question_ends_an_unquoted_title_before_its_work(
    text: str, title: str, container: str
) -> None:
    entry = parse_reference(text)
    assert (entry.title, entry.container) == (title, container)


def test_a_list_entry_keeps_the_better_start_over_a_looser_whole_reading() -> None:
    # The author-year style stops inside the address's tail (";2017;02"); the undated style
    # reads the whole as "Burrows, K." and a title of co-authors and the year. The author-year
    # start, up to where it stopped, names all the authors, the year, title and address: it
    # finds more and wins.
    text = (
        "Burrows, K. S., Bearman, M., & Powell, M. B. (2017). Children’s use of terms. "
        "Child Abuse & Neglect. https://doi.org/10.1016/j.chiabu ;2017;02"
    )
    assert refs.classify_reference(text)[0] == "author_dateless"
    entry = refs.read_list_entry(text)
    assert entry.author == "Burrows, K. S., Bearman, M., & Powell, M. B."
    assert entry.date == Date(2017)
    assert entry.title == "Children’s use of terms"
    assert entry.url == "https://doi.org/10.1016/j.chiabu"
    # A footnote body is never read so: an explanatory note is no partial source.
    assert refs.read_list_entry(text, "footnote").kind == "unstructured"


def test_a_year_after_the_author_is_no_irb_source_nor_a_title() -> None:
    # "EPA-..., 2001." and "Greenbaum, D. 2002a." open author-year entries: the IRB style, whose
    # source never ends with a year, does not read them.
    with pytest.raises(GrammarError):
        refs._parse_as(
            "EPA-SAB-COUNCIL-ADV-01-004, 2001. Review of the Plan. September 2001.", "irb"
        )
    entry = refs.read_list_entry(
        "EPA-SAB-COUNCIL-ADV-01-004, 2001. Review of the Draft Plan: Advisory by a Panel. "
        "September 2001."
    )
    assert (entry.author, entry.date, entry.title) == (
        "EPA-SAB-COUNCIL-ADV-01-004",
        Date(2001),
        "Review of the Draft Plan: Advisory by a Panel",
    )
    # Read whole, "2002a" would be the title: the author-year start, which reads it as the
    # year and its letter, finds more.
    entry = refs.read_list_entry(
        "Greenbaum, D. 2002a. Memorandum. May 30, 2002. Health Effects Institute, Cambridge, MA."
    )
    assert (entry.author, entry.title, entry.year_suffix) == ("Greenbaum, D.", "Memorandum", "a")
    assert entry.date is not None and entry.date.year == 2002


def test_a_comma_before_et_al_keeps_the_inverted_name_whole() -> None:
    entry = parse_reference(
        "Cha, Keumgang, et al. A billion-scale foundation model for remote sensing images. "
        "arXiv:2304.05215 [cs.CV], 11 April 2023."
    )
    assert entry.author == "Cha, Keumgang, et al."
    assert entry.title == "A billion-scale foundation model for remote sensing images"
    assert entry.date == Date(2023, 4, 11)


@pytest.mark.parametrize(
    ("text", "author"),
    [
        (
            "Ashe, S. D., & Winter, A. (Eds.). (2020). Researching the far right. Routledge.",
            "Ashe, S. D., & Winter, A.",
        ),
        ("Casis, R.J. (Ed) (2010). Climate change. Quezon City.", "Casis, R.J."),
        (
            "Ohnsorge F and Shu Y, eds. 2022. The Long Shadow of Informality. World Bank.",
            "Ohnsorge F and Shu Y",
        ),
    ],
)
def test_the_editors_mark_is_no_part_of_the_author(text: str, author: str) -> None:
    entry = parse_reference(text)
    assert entry.author == author
    assert entry.edited


@pytest.mark.parametrize(
    "text",
    [
        "Casis, R.J. (2008). Addressing Climate Change. Experts Dialogue, 3, 1-85.",
        # The editors of the volume a chapter is in are not the chapter's authors.
        "Freilich, J. D., & Newman, G. R. (2017). Situational crime prevention. In H. Pontell "
        "(Ed.), Oxford research encyclopedia of criminology. Oxford University Press.",
    ],
)
def test_names_without_an_editors_mark_after_them_wrote_the_work(text: str) -> None:
    assert not parse_reference(text).edited


def test_a_page_range_alone_on_its_line_ends_the_entry_above() -> None:
    lines = [
        'Van Maanen, John. "The Fact of Fiction in Organizational',
        'Ethnography." Administrative Science Quarterly, 24 (1979),',
        "539-50.",
        "Van Maanen, John. Qualitative Methodology. Beverly",
        "Hills, Calif.: Sage, 1983.",
        'Vidich, Arthur J., and Gilbert Shapiro. "A Comparison of',
        'Participant Observation and Survey Data." American Sociological',
        "Review, 20 (1955), 28-33.",
    ]
    assert entry_starts(lines) == [0, 3, 5]


@pytest.mark.parametrize(
    ("address", "rest"),
    [
        ("https://www.hrw.org/", "news/2021/06/07/bangladesh-rohingya-refugees-fear-monsoon"),
        ("https://doi.", "org/10.1016/j.gloenvcha.2015.03.005"),
        ("https://", "thediplomat.com/2020/12/bhasan-char-a-new-home-for-rohingya-refugees/"),
    ],
)
def test_entry_starts_keeps_a_web_address_broken_over_lines_in_its_entry(
    address: str, rest: str
) -> None:
    # Author-year entries of a PDF's list, one of them with its address cut at the line's end:
    # the rest of the address is no entry, and the entry after it starts on its own line.
    lines = [
        "Ahmed, K. (2019). Refugees and floods in the camps of Cox's Bazar. The New Humanitarian.",
        "Human Rights Watch. (2021b) Bangladesh: Rohingya refugees on island fear monsoon. "
        + address,
        rest,
        "Huntjens, P., & Nachbar, K. (2015) Climate change as a threat multiplier for human",
        "disaster and conflict. The Hague Institute for Global Justice.",
    ]
    assert entry_starts(lines) == [0, 1, 3]
    assert address_run_on(lines[1], lines[2]) == len(rest)
    assert address_run_on(lines[2], lines[3]) is None


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("12 Spectorman T.Yu. Soils of the region", 12),
        ("3. Smith, J. 2001. Title.", 3),
        ("[4] UNHCR. 2019. Report.", 4),
        ("(5) Amnesty International. 2020.", 5),
        ("• Human Rights Watch. 2021.", None),
        ("Tashkent, Publishing House, 1977.", None),
        ("2019 annual report of the ministry", None),
    ],
)
def test_list_number_is_the_number_of_the_grammar_s_list_mark(
    line: str, number: int | None
) -> None:
    assert list_number(line) == number


def test_a_place_s_initials_before_a_colon_are_no_springer_names() -> None:
    # "D.C.:" ends a place in the rest of an entry; only a name list's last initial before the
    # colon opens an entry in Springer's style.
    from provenance.parsers.references import join_entry_lines, read_list_entry

    entry = refs.read_list_entry(
        "U.S. General Accounting Office. Projects Funded in Texas, GAO/HRD-85-42. Washington, "
        "D.C.: March 26, 1985."
    )
    assert (entry.author, entry.date) == ("U.S. General Accounting Office", Date(1985, 3, 26))
    springer = read_list_entry(
        join_entry_lines(
            "Vaismoradi, M., Turunen, H.: Content analysis. Nurs. Health Sci. 15(3), 398–405 "
            "(2013). https://\u200bdoi.\u200borg/\u200b10.\u200b1111/\u200b\nnhs.\u200b12048"
        )
    )
    assert (springer.author, springer.date, springer.url) == (
        "Vaismoradi, M., Turunen, H.",
        Date(2013),
        "https://doi.org/10.1111/nhs.12048",
    )


def test_a_title_in_italics_is_no_author_and_opens_an_entry_of_its_own() -> None:
    # APA lists a work without an author by its title in italics (Markdown's or HTML's),
    # which author-year read as an author before.
    entry = refs.read_list_entry("_Figures at a glance._ (2020, June 18). UNHCR. https://x.org/f")
    assert (entry.kind, entry.author, entry.title) == ("title-first", None, "Figures at a glance")
    assert entry.date == Date(2020, 6, 18)
    entry = refs.read_list_entry(
        "WHO. (n.d.). <em>Health.</em> Retrieved November 4, 2015, from http://www.who.int/h/"
    )
    assert (entry.author, entry.title, entry.accessed) == ("WHO", "Health.", Date(2015, 11, 4))
    # One entry a line, with no blank line between them: the italic title opens its own.
    lines = [
        "Teshigawara, K. (2012). Chiiki no iryouakusesu. Journal of Glocal, 11, 1-14.",
        "<em>The cost of medical care.</em> (n.d.). Retrieved October 31, 2015, from "
        "http://www.moneymonster.ph/cost/",
    ]
    assert entry_starts(lines) == [0, 1]


def test_an_italic_title_with_a_quoted_one_after_its_year_is_read_by_its_opening() -> None:
    # A quoted title after the year (a chapter of the work) does not make the entry one that
    # opens with a quoted title (Hypothesis found it raising while the entry was read).
    entry = refs.parse_reference(
        '*North Korea: Behind Closed Doors* (2019) "Waiting in the Shadows"'
    )
    assert (entry.kind, entry.title) == ("title-first", "North Korea: Behind Closed Doors")
    assert entry.date == Date(2019)


def test_an_italic_title_and_its_date_after_an_address_ending_in_a_slash_opens_an_entry() -> None:
    lines = [
        "GOVPH. (n.d.). <em>About the Philippines.</em> Retrieved November 23, 2015, from "
        "http://www.gov.ph/",
        "<em>Health and population.</em> (n.d.). Retrieved November 16, 2015, from "
        "http://www.investphilippines.info/health/",
    ]
    assert entry_starts(lines) == [0, 1]


@pytest.mark.parametrize(
    ("text", "url", "accessed"),
    [
        (
            "MARD. (2020). https://www.mard.gov.vn/Pages/day-manh.aspx",
            "https://www.mard.gov.vn/Pages/day-manh.aspx",
            None,
        ),
        ("GSO. (2021). Retrieved from https://www.gso.gov.vn/x", "https://www.gso.gov.vn/x", None),
        (
            "MONRE. (2019). Retrieved Aug 15, 2022, from http://dwrm.gov.vn/x.pdf",
            "http://dwrm.gov.vn/x.pdf",
            Date(2022, 8, 15),
        ),
    ],
)
def test_an_author_year_entry_without_a_title_keeps_its_address(
    text: str, url: str, accessed: Date | None
) -> None:
    # Neither the address nor the access note after the date is the entry's title.
    entry = refs.read_list_entry(text)
    assert (entry.kind, entry.title, entry.url, entry.accessed) == (
        "author-year",
        None,
        url,
        accessed,
    )


def test_an_access_note_after_a_bare_year_is_no_title() -> None:
    entry = refs.read_list_entry("Facebook. 2021. Accessed 3 May 2021. https://facebook.com/x")
    assert (entry.author, entry.title, entry.date) == ("Facebook", None, Date(2021))
    assert (entry.accessed, entry.url) == (Date(2021, 5, 3), "https://facebook.com/x")


@pytest.mark.parametrize(
    ("text", "title", "accessed"),
    [
        ("Org Name. Retrieved from https://x.org/a", "Org Name", None),
        ("Title words here. Retrieved from: https://x.org/a", "Title words here", None),
        (
            "Title words here. Retrieved November 23, 2015, from https://x.org/a",
            "Title words here",
            Date(2015, 11, 23),
        ),
        # An underscore glues the verb into a word of the title: no access note.
        (
            "ec.europa.eu,accessed_August_2023. https://x.org/a",
            "ec.europa.eu,accessed_August_2023",
            None,
        ),
    ],
)
def test_a_web_entry_keeps_its_address_after_an_access_note(
    text: str, title: str, accessed: Date | None
) -> None:
    entry = refs.read_list_entry(text)
    assert (entry.kind, entry.title, entry.url, entry.accessed) == (
        "web",
        title,
        "https://x.org/a",
        accessed,
    )


def test_a_date_in_brackets_is_no_title_nor_a_web_segment() -> None:
    entry = refs.read_list_entry(
        "UNDP. (n.d.). Reduced Inequalities. Retrieved from: http://www.undp.org/x.html"
    )
    assert (entry.author, entry.title, entry.url) == (
        "UNDP",
        "Reduced Inequalities",
        "http://www.undp.org/x.html",
    )
    # A title with its subtitle, then "(n.d.)" after its full stop: APA's entry without an
    # author, not a web entry whose author is the title.
    entry = refs.read_list_entry(
        "Goal 10: Reduced Inequalities. (n.d.) United Nations Development Programme. "
        "Retrieved from http://www.undp.org/goal-10.html"
    )
    assert (entry.kind, entry.author, entry.title, entry.url) == (
        "title-first",
        None,
        "Goal 10: Reduced Inequalities",
        "http://www.undp.org/goal-10.html",
    )


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "Almec Corporation. (2014 March). Roadmap for Transport. Retrieved from: https://x.org/a",
            Date(2014, 3),
        ),
        (
            "Fintechnews. (2015 July 1). Filipino Startup PaidUp. Retrieved from: https://x.org/a",
            Date(2015, 7, 1),
        ),
        (
            "Aldaba, F. (2016, April 28). How secure are we? Retrieved from https://x.org/a",
            Date(2016, 4, 28),
        ),
    ],
)
def test_a_month_after_the_bracketed_year_with_or_without_a_comma_dates_the_entry(
    text: str, date: Date
) -> None:
    entry = refs.read_list_entry(text)
    assert (entry.kind, entry.date, entry.url) == ("author-year", date, "https://x.org/a")
    assert entry.title is not None and not entry.title.startswith("(")
    # A word that is no month after the year leaves the bracket alone.
    assert refs.read_list_entry("Smith, J. (2011 Census). Title. Publisher.").date is None

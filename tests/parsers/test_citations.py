"""In-text citations: grammar, transformer, iterator and renderer (grammars/citation.lark)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark
from lark import Token, Tree

from provenance.errors import GrammarError
from provenance.grammars import grammar_parser, grammar_path, parse_full
from provenance.model import CitationValue, Date, DateRange
from provenance.parsers.citations import MAX_AUTHOR_WORDS, iter_citations, parse_citation_group
from provenance.render.citations import (
    CITATION_STYLES,
    render_citation,
    render_citation_group,
    render_date,
)
from provenance.span import LineIndex

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
PRACTICE = ROOT.parent / "shared" / "practice"


def cite(text: str) -> list[tuple[str, int, int, int, int]]:
    """(text, line, column, end_line, end_column) of every citation found in ``text``."""
    index = LineIndex(text)
    return [
        (c.text, c.span.line, c.span.column, c.span.end_line, c.span.end_column)
        for c in iter_citations(text, index)
    ]


def iso(value: CitationValue) -> str | None:
    return value.date.iso() if value.date is not None else None


# --------------------------------------------------------------------------- real shapes


@pytest.mark.parametrize(
    ("text", "author", "date", "locator"),
    [
        ("The Korea Post Feb. 1999", "The Korea Post", "1999-02", None),
        ("The Korea Post [Seoul] Feb. 1999", "The Korea Post", "1999-02", None),
        ("The Sri\nLanka Monitor November 1990", "The Sri Lanka Monitor", "1990-11", None),
        ("The Sri\n   Lanka   Monitor November 1990", "The Sri Lanka Monitor", "1990-11", None),
        ("The Hindu 15 December 1990", "The Hindu", "1990-12-15", None),
        ("FBIS-NES-90-243 18 December 1990", "FBIS-NES-90-243", "1990-12-18", None),
        ("Reuters 3 Jan. 1991", "Reuters", "1991-01-03", None),
        ("Country Reports 1999 2000", "Country Reports 1999", "2000", None),
        ("Country Reports 1999 Feb. 2000", "Country Reports 1999", "2000-02", None),
        ("Resolution 5, Feb. 1999", "Resolution 5", "1999-02", None),
        ("UN 2004, para. 5", "UN", "2004", "para. 5"),
        ("UN 2004 para. 5", "UN", "2004", "para. 5"),
        ("UN 2004, paras. 5, 7 and 9", "UN", "2004", "paras. 5, 7 and 9"),
        ("PTPR/JS3 2009, paras. 2.3 and 3.1-3.11", "PTPR/JS3", "2009", "paras. 2.3 and 3.1-3.11"),
        (
            "The Hindu: International Edition 15 December 1990",
            "The Hindu: International Edition",
            "1990-12-15",
            None,
        ),
        (
            "Office of the High Commissioner for Human Rights 2004",
            "Office of the High Commissioner for Human Rights",
            "2004",
            None,
        ),
        ("Amnesty International, 2004", "Amnesty International", "2004", None),
        ("Smith et al. 2004", "Smith et al.", "2004", None),
        # "et al." after an ampersand, as some authors key their works.
        ("Henau & et al, 2016", "Henau & et al", "2016", None),
        # "in" inside a name joins its words; only after a date does it name a quoting work.
        ("Centre for Human Rights in Iran 2019", "Centre for Human Rights in Iran", "2019", None),
        # A name in Cyrillic, as a report cites its Russian sources.
        ("Селезнева & et al, 2022", "Селезнева & et al", "2022", None),
        ("Johnson & et\nal, 2018", "Johnson & et al", "2018", None),
        ("LEXIS/NEXIS 2000", "LEXIS/NEXIS", "2000", None),
        ("CoE-ECRI 2009", "CoE-ECRI", "2009", None),
        ("U.S. Department of State 1999", "U.S. Department of State", "1999", None),
        ("Médecins Sans Frontières 2003", "Médecins Sans Frontières", "2003", None),
        ("Human Rights Watch December 15, 1990", "Human Rights Watch", "1990-12-15", None),
        ("AI 24-26 May 2002", "AI", "2002-05-24/2002-05-26", None),
        ("AI May 24-26, 2002", "AI", "2002-05-24/2002-05-26", None),
        (
            "Analysis of Current Events September/October 1999",
            "Analysis of Current Events",
            "1999-09/1999-10",
            None,
        ),
        ("HRW 1999-2000", "HRW", "1999/2000", None),
        # Several authors of one work, a lower-case particle, an escaped ampersand.
        ("Raman, Tandong, Shekar 2021", "Raman, Tandong, Shekar", "2021", None),
        # The last of several authors after ", and", as Chicago and APA without "&" list them.
        ("Barry, Clay, and Flynn 2013", "Barry, Clay, and Flynn", "2013", None),
        (
            "Büthe, Major, and de Mello e Souza 2012",
            "Büthe, Major, and de Mello e Souza",
            "2012",
            None,
        ),
        ("Graehler, Mucci and Erhardt,\n2018", "Graehler, Mucci and Erhardt", "2018", None),
        ("Smith , Jones 2003", "Smith, Jones", "2003", None),
        ("van Solinge, 2019", "van Solinge", "2019", None),
        # A family name written in lower case, after an ampersand.
        ("Angel & boyd 2024", "Angel & boyd", "2024", None),
        ("Smith & van Dijk, 2001", "Smith & van Dijk", "2001", None),
        ("de la Cruz 2001, p. 4", "de la Cruz", "2001", "p. 4"),
        ("Smith, van Dijk 2001", "Smith, van Dijk", "2001", None),
        ("Sługocki &amp; Sowa, 2021", "Sługocki &amp; Sowa", "2021", None),
        ("Country Reports 2004, Sec. 2", "Country Reports", "2004", "Sec. 2"),
        (
            "Country Reports 2004 28 Feb. 2005, Sec. 1.c",
            "Country Reports 2004",
            "2005-02-28",
            "Sec. 1.c",
        ),
        ("Doe and Roe 2020, 12", "Doe and Roe", "2020", "12"),
        # A reprint: the first edition's year in brackets, then the edition cited (Chicago).
        ("Arendt [1951] 1973, 12", "Arendt", "1973", "12"),
        # A table, figure or box of a report, and a note on a page, pinpointed as a page is.
        ("World Bank 2019, table 3", "World Bank", "2019", "table 3"),
        ("HRW 2019, Box 2", "HRW", "2019", "Box 2"),
        ("UNHCR 2020, 12, fig. 3", "UNHCR", "2020", "12 fig. 3"),
        ("Smith 2010, 5, n. 4", "Smith", "2010", "5 n. 4"),
        ("HRW 2005, 12-14", "HRW", "2005", "12-14"),
        # Several pages, or a labelled one, after a colon; a note on a labelled page; a page
        # and those after it.
        ("IOM 2019: 25, 30", "IOM", "2019", "25, 30"),
        ("Smith 2010: ch. 2", "Smith", "2010", "ch. 2"),
        ("Smith 2010, p. 5, note 4", "Smith", "2010", "p. 5 note 4"),
        ("Smith 2010, pp. 5 ff.", "Smith", "2010", "pp. 5 ff."),
    ],
)
def test_author_date(text: str, author: str, date: str, locator: str | None) -> None:
    (value,) = parse_citation_group(text)
    assert value.kind == "author-date"
    assert (value.author, iso(value), value.locator) == (author, date, locator)


@pytest.mark.parametrize(
    ("text", "locator"),
    [
        ("Hawkins 1997, 407–8, numbers added", "407–8"),
        ("Smith 2010, emphasis added", None),
        ("Smith 2010, p. 5, italics in original", "p. 5"),
        ("Doe 2001: 12, my translation", "12"),
        ("Johnson et al., 2025, p. 7, author's translation", "p. 7"),
        ("Smith 2010, 5; italics mine", "5"),
        ("Smith 2010, emphasis original", None),
    ],
)
def test_a_remark_on_the_quotation_is_in_the_span_not_the_pinpoint(
    text: str, locator: str | None
) -> None:
    (value,) = parse_citation_group(text)
    assert value.locator == locator
    prose = f"as quoted ({text})."
    assert [c.text for c in iter_citations(prose, LineIndex(prose))] == [text]


def test_several_years_of_one_source_are_several_citations() -> None:
    values = parse_citation_group("HRW 2018, 2019a; Doe 2020, 12")
    assert [(v.author, iso(v), v.year_suffix, v.locator) for v in values] == [
        ("HRW", "2018", None, None),
        ("HRW", "2019", "a", None),
        ("Doe", "2020", None, "12"),
    ]
    prose = "They agree (HRW 2018, 2019)."
    assert [c.text for c in iter_citations(prose, LineIndex(prose))] == ["HRW 2018", "2019"]


@pytest.mark.parametrize(
    ("inside", "expected"),
    [
        ("World Bank 2019a, b", [("World Bank 2019a", "2019", "a"), ("b", "2019", "b")]),
        (
            "UNDP, 2020a, b, c",
            [("UNDP, 2020a", "2020", "a"), ("b", "2020", "b"), ("c", "2020", "c")],
        ),
        (
            "HRW 2018, 2019a, b",
            [("HRW 2018", "2018", None), ("2019a", "2019", "a"), ("b", "2019", "b")],
        ),
        # A body's reports cited by their whole date, two of one day told apart by letters.
        (
            "U.S. General Accounting Office, December 17, 1986a, b; September 19, 1986",
            [
                ("U.S. General Accounting Office, December 17, 1986a", "1986-12-17", "a"),
                ("b", "1986-12-17", "b"),
                ("September 19, 1986", "1986-09-19", None),
            ],
        ),
        (
            "17 December 1986a, b",
            [("17 December 1986a", "1986-12-17", "a"), ("b", "1986-12-17", "b")],
        ),
        ("Smith 2019a, b, p. 5", [("Smith 2019a", "2019", "a"), ("b, p. 5", "2019", "b")]),
    ],
)  # fmt: skip
def test_letters_after_a_year_with_a_letter_are_more_works_of_that_year(
    inside: str, expected: list[tuple[str, str, str | None]]
) -> None:
    prose = f"As found ({inside})."
    found = list(iter_citations(prose, LineIndex(prose)))
    assert [(c.text, iso(c.value), c.value.year_suffix) for c in found] == expected
    # A later work is the first one's source.
    assert found[1].value.author == found[0].value.author


@pytest.mark.parametrize("inside", ["Smith 2010, c", "Tan 1995a, ix", "UNDP 2019a, e.g. 5"])
def test_a_lone_letter_is_a_later_work_only_after_a_year_with_a_letter(inside: str) -> None:
    # "c" after a plain year stays a (roman) page, "ix" is no letter, "e.g." no work.
    values = [(v.year_suffix, v.locator) for v in _parsed_or_none(inside)]
    assert all(suffix in (None, "a") for suffix, _ in values)


def _parsed_or_none(inside: str) -> tuple[CitationValue, ...]:
    try:
        return parse_citation_group(inside)
    except GrammarError:
        return ()


def test_a_group_whose_last_member_brackets_its_year_and_never_closes_keeps_its_members() -> None:
    prose = "conflict (Hakim, 2011; Welzer, 2012; De Juan (2015). However, others (Selby, 2014)."
    found = list(iter_citations(prose, LineIndex(prose)))
    assert [c.text for c in found] == [
        "Hakim, 2011",
        "Welzer, 2012",
        "De Juan (2015",
        "Selby, 2014",
    ]
    assert found[2].value.author == "De Juan"
    # A bracket inside a group that closes is read as before: an acronym after a name.
    closed = "(Jurisdicción Especial para la Paz (JEP), 2018; Doe, 2019)"
    assert [c.text for c in iter_citations(closed, LineIndex(closed))][-1] == "Doe, 2019"
    # Without a ";" it is no group: a narrative year in a bracket the text never closes.
    narrative = "as argued (see De Juan (2015). However"
    assert [c.text for c in iter_citations(narrative, LineIndex(narrative))] == ["2015"]


def test_a_name_a_soft_hyphen_breaks_over_a_line_is_one_name() -> None:
    # A typesetter's soft hyphen (U+00AD) and the line break after it, inside "Cattaneo".
    (value,) = parse_citation_group("Catta\u00ad\nneo et al., 2019")
    assert value.author == "Cattaneo et al."
    assert iso(value) == "2019"
    # A soft hyphen with no letter after it joins nothing.
    assert _parsed_or_none("Catta\u00ad, 2019") == ()


def test_a_name_written_with_combining_accents_is_a_name() -> None:
    # A page in decomposed Unicode (NFD) writes "Montréal" as "e" and U+0301.
    decomposed = "Montre\u0301al Declaration, 2018"
    (value,) = parse_citation_group(decomposed)
    assert value.author == "Montre\u0301al Declaration"
    assert iso(value) == "2018"
    (value,) = parse_citation_group("Fe\u0301lix Guattari 1989")
    assert value.author == "Fe\u0301lix Guattari"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("27 July 1999", "1999-07-27"),
        ("15 May 2000", "2000-05-15"),
        ("15 December, 1990", "1990-12-15"),
        ("February 1993", "1993-02"),
        ("1995", "1995"),
        ("2010–\n            2015", "2010/2015"),
        ("8 March 2010", "2010-03-08"),
        ("Sept. 1999", "1999-09"),
    ],
)
def test_date_only(text: str, date: str) -> None:
    (value,) = parse_citation_group(text)
    assert value.kind == "date-only"
    assert value.author is None and iso(value) == date


@pytest.mark.parametrize(
    ("text", "locator"),
    [
        ("ibid.", None),
        ("Ibid.", None),
        ("ibid", None),
        ("IBID.", None),
        ("ibid., p. 5", "p. 5"),
        ("Ibid., para. 79", "para. 79"),
        ("Ibid., paras. 64 and 65", "paras. 64 and 65"),
        ("ibidem, pp. 8-9", "pp. 8-9"),
    ],
)
def test_ibid(text: str, locator: str | None) -> None:
    (value,) = parse_citation_group(text)
    assert value == CitationValue(ibid=True, locator=locator)
    assert value.kind == "ibid"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Author-date as research reports write it.
        ("Tan, 1995a", [CitationValue("Tan", Date(1995), year_suffix="a")]),
        ("Smith 2010: 45", [CitationValue("Smith", Date(2010), locator="45")]),
        ("see Smith 2010", [CitationValue("Smith", Date(2010))]),
        ("See also UNDP, 2013, p. 4", [CitationValue("UNDP", Date(2013), locator="p. 4")]),
        ("cf. Jones 2011", [CitationValue("Jones", Date(2011))]),
        ("e.g., ILGA 2012", [CitationValue("ILGA", Date(2012))]),
        ("cited in Smith 2010", [CitationValue("Smith", Date(2010))]),
        (
            "The Globe and Mail 2 Mar. 1993, A8",
            [CitationValue("The Globe and Mail", Date(1993, 3, 2), locator="A8")],
        ),
        (
            "Pakistan Times 1 Feb. 1993, 1, 7",
            [CitationValue("Pakistan Times", Date(1993, 2, 1), locator="1, 7")],
        ),
        ("Doe 2020, 12 and 14", [CitationValue("Doe", Date(2020), locator="12 and 14")]),
        (
            "qtd. in DIRB Dec. 1992, 14",
            [CitationValue("DIRB", Date(1992, 12), locator="14")],
        ),
        ("Qtd in Smith 2010", [CitationValue("Smith", Date(2010))]),
        (
            "Smith 2010 and Jones 2011",
            [CitationValue("Smith", Date(2010)), CitationValue("Jones", Date(2011))],
        ),
        (
            "see Smith 2010; cf. Jones 2011",
            [CitationValue("Smith", Date(2010)), CitationValue("Jones", Date(2011))],
        ),
        # "and" inside a source name or a pinpoint is not a separator.
        ("Smith and Jones 2010", [CitationValue("Smith and Jones", Date(2010))]),
        (
            "UN 2004, paras. 64 and 65",
            [CitationValue("UN", Date(2004), locator="paras. 64 and 65")],
        ),
        # A named source without a date.
        ("Smith, op. cit., p. 4", [CitationValue("Smith", locator="p. 4")]),
        ("Smith, n.d.", [CitationValue("Smith")]),
        ("Id.", [CitationValue(ibid=True)]),
        # A name in camel case; lead-ins as a desk review writes them.
        ("eSafety 2024", [CitationValue("eSafety", Date(2024))]),
        ("see for e.g. Smith et al. 2024", [CitationValue("Smith et al.", Date(2024))]),
        # A page label glued to its number after its full stop.
        ("UNHCR 2019, p.4", [CitationValue("UNHCR", Date(2019), locator="p.4")]),
        (
            "Amnesty International, 2021, pg. 5",
            [CitationValue("Amnesty International", Date(2021), locator="pg. 5")],
        ),
        # What the reader will find there, after the source.
        (
            "see Smith et al. 2018 for a review",
            [CitationValue("Smith et al.", Date(2018))],
        ),
        ("Jones 2017, 12 for further details", [CitationValue("Jones", Date(2017), locator="12")]),
        # A work not yet out.
        ("Smith, in press", [CitationValue("Smith")]),
        ("Smith and Jones, forthcoming", [CitationValue("Smith and Jones")]),
        # ... as Chicago writes it, capitalised, for the year.
        (
            "Blair, Grossman, and Weinstein Forthcoming",
            [CitationValue("Blair, Grossman, and Weinstein")],
        ),
        ("Smith, In press", [CitationValue("Smith")]),
        # A narrative citation of an undated work: the name stands before the bracket.
        ("Forthcoming", [CitationValue()]),
        ("in press", [CitationValue()]),
        ("n.d.", [CitationValue()]),
        # A family name that opens with an elided particle, in a group a comma parts.
        (
            "d’Errico, Mariani, Pietrelli, & Rosati, 2022",
            [CitationValue("d’Errico, Mariani, Pietrelli, & Rosati", Date(2022))],
        ),
        (
            "Smith, 2019, d'Errico et al., 2022",
            [CitationValue("Smith", Date(2019)), CitationValue("d'Errico et al.", Date(2022))],
        ),
        (
            "see, for example, Braun and Clarke 2012, 2013",
            [
                CitationValue("Braun and Clarke", Date(2012)),
                CitationValue("Braun and Clarke", Date(2013)),
            ],
        ),
        # What the reader will find there, then "see": not part of the source's name.
        (
            "for a detailed discussion, see von Hippel, 2005; 2017",
            [CitationValue("von Hippel", Date(2005)), CitationValue(date=Date(2017))],
        ),
        ("For an overview see also HRW 2019", [CitationValue("HRW", Date(2019))]),
        (
            "e.g Silic & Black, 2017; Anderson et al., 2016",
            [
                CitationValue("Silic & Black", Date(2017)),
                CitationValue("Anderson et al.", Date(2016)),
            ],
        ),
    ],
)
def test_author_date_shapes_of_research_reports(text: str, expected: list[CitationValue]) -> None:
    assert list(parse_citation_group(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A group whose members only a comma separates, before each source's name.
        (
            "Human Rights Watch, 2015, Corte Penal Internacional (CPI), 2012, El Espectador, 2021",
            [
                CitationValue("Human Rights Watch", Date(2015)),
                CitationValue("Corte Penal Internacional (CPI)", Date(2012)),
                CitationValue("El Espectador", Date(2021)),
            ],
        ),
        (
            "Ball, 1999, Guzmán, 2015",
            [CitationValue("Ball", Date(1999)), CitationValue("Guzmán", Date(2015))],
        ),
        (
            "Smith 2010, van Solinge 2019",
            [CitationValue("Smith", Date(2010)), CitationValue("van Solinge", Date(2019))],
        ),
        # Filipino particles: "dela" and "delos" start a name after the comma too.
        (
            "Ball, 1999, dela Cruz, 2015",
            [CitationValue("Ball", Date(1999)), CitationValue("dela Cruz", Date(2015))],
        ),
        # A comma before a pinpoint or a year still reads as before.
        ("Smith 2010, Chapter 3", [CitationValue("Smith", Date(2010), locator="Chapter 3")]),
        ("HRW 2018, 2019", [CitationValue("HRW", Date(2018)), CitationValue("HRW", Date(2019))]),
        # An organisation's acronym in brackets after its name, connectors of other languages,
        # undated works as other languages mark them.
        (
            "Jurisdicción Especial para la Paz (JEP), nd",
            [CitationValue("Jurisdicción Especial para la Paz (JEP)")],
        ),
        ("Ministère des Affaires étrangères, s.d.", None),
        ("Amnistía Internacional, s.f.", [CitationValue("Amnistía Internacional")]),
        # A web site named by its domain; the day it was read dates no work.
        ("unicef.org 2020", [CitationValue("unicef.org", Date(2020))]),
        (
            "enpf.kz, 2023; Henau & et al, 2016",
            [CitationValue("enpf.kz", Date(2023)), CitationValue("Henau & et al", Date(2016))],
        ),
        ("ec.europa.eu, accessed August 2023", [CitationValue("ec.europa.eu")]),
        ("homecare.co.uk, accessed 2023", [CitationValue("homecare.co.uk")]),
        ("UNICEF, last accessed on 5 May 2023", [CitationValue("UNICEF")]),
        ("www.who.int, 2021, p. 4", [CitationValue("www.who.int", Date(2021), locator="p. 4")]),
        ("i.e. 2020", None),  # a one-letter label is no domain
        ("see www.who.int/news 2021", None),  # an address, not a name
    ],
)
def test_author_date_shapes_of_other_styles(
    text: str, expected: list[CitationValue] | None
) -> None:
    if expected is None:  # "étrangères" is lower case: not a source name
        with pytest.raises(GrammarError):
            parse_citation_group(text)
    else:
        assert list(parse_citation_group(text)) == expected


def test_a_bracket_inside_a_citation_is_part_of_it() -> None:
    text = "(Jurisdicción Especial para la Paz (JEP), 2018) and (see (AI 1999) here)"
    assert [c[0] for c in cite(text)] == [
        "Jurisdicción Especial para la Paz (JEP), 2018",
        "AI 1999",
    ]


def test_a_group_with_a_member_the_grammar_cannot_read_keeps_the_others() -> None:
    text = "x (Froomkin & Colangelo 2020; DRW submissions 2023; 2024) and (ECPAT 2019; a b)"
    assert [c[0] for c in cite(text)] == ["Froomkin & Colangelo 2020", "2024", "ECPAT 2019"]
    # The grammar refuses a group ending in ";", and its member is still read.
    with pytest.raises(GrammarError):
        parse_citation_group("AI 2004;")
    assert [c[0] for c in cite("Some text (AI 2004;) here.")] == ["AI 2004"]
    # The ";" of an escaped ampersand separates nothing.
    text = "(Sługocki &amp; Sowa, 2021; see page two)"
    assert [c[0] for c in cite(text)] == ["Sługocki &amp; Sowa, 2021"]


@pytest.mark.parametrize(
    ("text", "author"), [("may.org 2020", "may.org"), ("aug.example.com n.d.", "aug.example.com")]
)
def test_a_domain_that_starts_with_a_month_is_a_source_name(text: str, author: str) -> None:
    (value,) = parse_citation_group(text)
    assert value.author == author


@pytest.mark.parametrize(
    ("text", "author"),
    [
        (
            "\u201cInternational Covenant on Civil and\nPolitical Rights\u201d 1976",
            "\u201cInternational Covenant on Civil and Political Rights\u201d",
        ),
        ('"Guidelines on Screening" 2019, 5', '"Guidelines on Screening"'),
    ],
)
def test_a_work_without_an_author_is_cited_by_its_quoted_title(text: str, author: str) -> None:
    (value,) = parse_citation_group(text)
    assert value.author == author and value.date is not None


def test_a_section_sign_glued_to_its_number_is_a_pinpoint() -> None:
    (value,) = parse_citation_group("United States Government, 2000,\n\u00a7108")
    assert (value.author, value.locator) == ("United States Government", "\u00a7108")


def test_undated_citation_span_ends_at_its_keyword() -> None:
    text = "as argued (Smith, op. cit.) before"
    (found,) = list(iter_citations(text, LineIndex(text)))
    assert found.text == "Smith, op. cit." and found.kind == "author"


def test_an_access_date_is_in_the_span_but_not_the_value() -> None:
    text = "KELA pays (ec.europa.eu, accessed August 2023). Then"
    (found,) = list(iter_citations(text, LineIndex(text)))
    assert found.text == "ec.europa.eu, accessed August 2023"
    assert found.value == CitationValue("ec.europa.eu")


def test_a_caption_s_source_label_leads_into_its_citation() -> None:
    text = "Figure 9: Mirt stove (Source: Dresen et al., 2014) and (Sources: IEA, 2019a; UN 2015)"
    found = iter_citations(text, LineIndex(text))
    assert [(c.text, c.value.author) for c in found] == [
        ("Dresen et al., 2014", "Dresen et al."),
        ("IEA, 2019a", "IEA"),
        ("UN 2015", "UN"),
    ]


def test_a_member_broken_at_the_measure_closes_on_the_next_line() -> None:
    line = "income generation, technology adaptation, education, health and development (Sovacool"
    text = f"{line}\n\nand Drupady, 2012). More text (Cyr,\n\n2022) here."
    cut = text.index("\n\n")
    found = list(iter_citations(text, LineIndex(text), 0, cut, close_by=len(text)))
    assert [c.text for c in found] == ["Sovacool\n\nand Drupady, 2012"]
    # A short line ending inside a member is a break in the text, not at the measure.
    short = "Training helps (Cyr,\n\n2022) here."
    cut = short.index("\n\n")
    assert list(iter_citations(short, LineIndex(short), 0, cut, close_by=len(short))) == []
    # Nor does a member broken at the measure run on past the line after the break.
    late = f"{line}\n\nand Drupady\nagain, 2012)."
    cut = late.index("\n\n")
    assert list(iter_citations(late, LineIndex(late), 0, cut, close_by=len(late))) == []


@pytest.mark.parametrize(
    "text",
    [
        "see Section 3.3.3",
        "see below",
        "e.g. the police",
        "and 2010",
        "iPhone users 2019",
        "Source: field survey",
    ],
)
def test_lead_in_words_alone_are_not_citations(text: str) -> None:
    with pytest.raises(GrammarError):
        parse_citation_group(text)


def test_group_of_two() -> None:
    values = parse_citation_group("AI 12 Mar. 2003; HRW 2004")
    assert values == (
        CitationValue("AI", Date(2003, 3, 12)),
        CitationValue("HRW", Date(2004)),
    )


def test_group_mixing_kinds() -> None:
    values = parse_citation_group("ibid.; Reuters 3 Jan. 1991; 1995")
    assert [value.kind for value in values] == ["ibid", "author-date", "date-only"]


@pytest.mark.parametrize(
    "text",
    [
        "North Korea",
        "PSS",
        "IDE",
        "see Section 3.3.3",
        "see also Chapter Two",
        "emphasis added by Amnesty International",
        "a copy of which is enclosed",
        "1",
        "a",
        "c",
        "5",
        "25",
        "100",
        "southern Bosnia-Herzegovina",
        "Primorsky Kray",
        "AI Index: ASA 24/12/95",
        "AI Index: EUR 46/06/96",
        "Ratification: 1992",
        "signature, 2012",
        "Declaration, art. 17, 2007",
        "and, after its collapse in 1991, Russia",
        "amended in 1999",
        "after 18 June 2014",
        "SIST ISO 21542:2012",
        "Kosovo in 1999",
        "The Korea Post Feb.",
        "15 May",
        "",
        " ",
        ";",
        # More than MAX_AUTHOR_WORDS words before the date: prose, not a source name.
        " ".join(f"Word{n}" for n in range(MAX_AUTHOR_WORDS + 1)) + " 1999",
    ],
)
def test_not_a_citation(text: str) -> None:
    with pytest.raises(GrammarError):
        parse_citation_group(text)
    assert cite(f"Some text ({text}) here.") == []


def test_longest_source_name_allowed() -> None:
    # Connectors do not count towards the cap.
    name = " of the ".join(f"Word{n}" for n in range(MAX_AUTHOR_WORDS))
    assert parse_citation_group(f"{name} 1999") == (CitationValue(name, Date(1999)),)


# --------------------------------------------------------------------------- spans


def test_span_covers_the_inside_of_the_parentheses() -> None:
    text = 'feelings" (The Korea Post Feb. 1999). Later (ibid.).'
    found = list(iter_citations(text, LineIndex(text)))
    assert [c.text for c in found] == ["The Korea Post Feb. 1999", "ibid."]
    first = found[0]
    assert text[first.span.start - 1] == "(" and text[first.span.end] == ")"
    assert (first.span.line, first.span.column) == (1, 12)


def test_each_citation_of_a_group_has_its_own_span() -> None:
    text = "x\nReported (AI 12 Mar. 2003; HRW 2004) today"
    assert cite(text) == [
        ("AI 12 Mar. 2003", 2, 11, 2, 25),
        ("HRW 2004", 2, 28, 2, 35),
    ]


def test_span_across_a_line_break() -> None:
    text = 'as "Talayati" in November 1990 (The Sri\nLanka Monitor November 1990).\n'
    ((found, line, column, end_line, end_column),) = cite(text)
    assert found == "The Sri\nLanka Monitor November 1990"
    assert (line, column, end_line, end_column) == (1, 33, 2, 27)


def test_span_of_ibid_with_locator_and_place() -> None:
    text = "(ibid., p. 5) (The Korea Post [Seoul] Feb. 1999)"
    assert [c[0] for c in cite(text)] == ["ibid., p. 5", "The Korea Post [Seoul] Feb. 1999"]


def test_start_and_end_limit_the_search() -> None:
    text = "(1999) middle (2000) end (2001)"
    index = LineIndex(text)
    start = text.index("middle")
    found = list(iter_citations(text, index, start, text.index("end")))
    assert [(c.text, c.span.start) for c in found] == [("2000", text.index("2000"))]


def test_nested_and_unclosed_parentheses() -> None:
    assert cite("(see (AI 1999) and") == [("AI 1999", 1, 7, 1, 13)]
    assert cite("(AI 1999") == []
    assert cite("((((") == []


# --------------------------------------------------------------------------- seeds and practice


def test_seed_irb_five_citations() -> None:
    text = (SEEDS / "000_a612e7f6db11d10b.txt").read_text(encoding="utf-8")
    found = list(iter_citations(text, LineIndex(text)))
    assert [(c.text, c.span.line, c.kind) for c in found] == [
        ("The Korea Post Feb. 1999", 5, "author-date"),
        ("ibid.", 5, "ibid"),
        ("27 July 1999", 7, "date-only"),
        ("ibid.", 7, "ibid"),
        ("15 May 2000", 9, "date-only"),
    ]
    assert found[0].value == CitationValue("The Korea Post", Date(1999, 2))
    assert found[2].value.date == Date(1999, 7, 27)
    for citation in found:
        assert text[citation.span.start : citation.span.end] == citation.text
        assert text[citation.span.start - 1] == "(" and text[citation.span.end] == ")"


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seeds_have_no_false_author_date_citations(name: str) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    authors = [c.value.author for c in iter_citations(text, LineIndex(text)) if c.value.author]
    expected = ["The Korea Post"] if name.startswith("000_") else []
    assert authors == expected


def test_seed_amnesty_only_a_date_in_parentheses() -> None:
    text = (SEEDS / "001_57fd68c990b575be.txt").read_text(encoding="utf-8")
    found = list(iter_citations(text, LineIndex(text)))
    assert [(c.text, c.kind) for c in found] == [("February 1993", "date-only")]


def practice(name: str) -> str:
    path = PRACTICE / name
    if not path.is_file():
        pytest.skip("practice corpus not available")
    return path.read_text(encoding="utf-8")


def test_practice_sri_lanka_three_author_date() -> None:
    text = practice("01_irb-rir_lka8201-eprlf-authorities.txt")
    found = list(iter_citations(text, LineIndex(text)))
    assert [(c.value.author, iso(c.value), c.span.line, c.span.end_line) for c in found] == [
        ("The Sri Lanka Monitor", "1990-11", 8, 9),
        ("The Hindu", "1990-12-15", 12, 12),
        ("FBIS-NES-90-243", "1990-12-18", 15, 15),
    ]


def test_practice_date_only_and_capital_ibid() -> None:
    text = practice("02_irb-rir_lka8043-eprlf-status.txt")
    found = list(iter_citations(text, LineIndex(text)))
    assert [(c.text, c.kind) for c in found] == [
        ("15 December, 1990", "date-only"),
        ("Ibid.", "ibid"),
    ]


def test_practice_corpus_has_no_author_date_false_positives() -> None:
    if not PRACTICE.is_dir():
        pytest.skip("practice corpus not available")
    authors = []
    for path in sorted(PRACTICE.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        authors += [
            (path.name[:2], c.value.author)
            for c in iter_citations(text, LineIndex(text))
            if c.value.author
        ]
    assert authors == [
        ("01", "The Sri Lanka Monitor"),
        ("01", "The Hindu"),
        ("01", "FBIS-NES-90-243"),
    ]


# --------------------------------------------------------------------------- renderer


@pytest.mark.parametrize(
    ("value", "style", "text"),
    [
        (CitationValue("The Korea Post", Date(1999, 2)), "irb", "The Korea Post Feb. 1999"),
        (CitationValue("The Korea Post", Date(1999, 2)), "full", "The Korea Post February 1999"),
        (CitationValue("Reuters", Date(1991, 1, 3)), "irb", "Reuters 3 Jan. 1991"),
        (CitationValue("Reuters", Date(1991, 1, 3)), "us", "Reuters January 3, 1991"),
        (CitationValue("Reuters", Date(1991, 1, 3)), "apa", "Reuters, January 3, 1991"),
        (CitationValue(None, Date(1999, 7, 27)), "irb", "27 July 1999"),
        (CitationValue(None, Date(1999, 9, 1)), "irb", "1 Sept. 1999"),
        (CitationValue(ibid=True), "irb", "ibid."),
        (CitationValue(ibid=True, locator="p. 5"), "full", "Ibid., p. 5"),
        (CitationValue("UN", Date(2004), locator="para. 5"), "irb", "UN 2004, para. 5"),
        (CitationValue("Country Reports 1999", Date(2000)), "apa", "Country Reports 1999 2000"),
        (CitationValue("Resolution 5", Date(1999, 2)), "irb", "Resolution 5, Feb. 1999"),
        (CitationValue("Resolution 5", Date(1999, 2, 3)), "irb", "Resolution 5 3 Feb. 1999"),
        (
            CitationValue("X", DateRange(Date(1999, 9), Date(1999, 10), "alternative")),
            "irb",
            "X Sept./Oct. 1999",
        ),
        (CitationValue("X", DateRange(Date(1999), Date(2000))), "full", "X 1999-2000"),
    ],
)
def test_render_examples(value: CitationValue, style: str, text: str) -> None:
    assert render_citation(value, style) == text  # type: ignore[arg-type]
    assert parse_citation_group(text) == (value,)


def test_render_group() -> None:
    values = (CitationValue("AI", Date(2003, 3, 12)), CitationValue("HRW", Date(2004)))
    assert render_citation_group(values) == "AI 12 Mar. 2003; HRW 2004"
    with pytest.raises(ValueError):
        render_citation_group(())


@pytest.mark.parametrize(
    "value",
    [
        CitationValue("AI", year_suffix="a"),  # a year letter without a year
        CitationValue("AI", Date(2004, 5), year_suffix="a"),  # a letter after a month
        CitationValue("AI", Date(2004), year_suffix="ab"),
        CitationValue(year_suffix="a"),
        CitationValue(locator="p. 5"),  # a page of nothing named
        CitationValue("AI", Date(2004), ibid=True),
        CitationValue("AI", Date(None, 5)),
        CitationValue("AI", Date(2004, 13)),
        CitationValue("AI", Date(2004, 5, 1, weekday=2)),
        CitationValue("AI", Date(99)),
        CitationValue("AI", DateRange(Date(1999, 5), Date(2000, 6))),
        CitationValue("AI", DateRange(Date(1999, 5, 1), Date(1999, 6, 2))),
        CitationValue("AI", DateRange(Date(1999, 5, 1), Date(1999, 5, 2), "alternative")),
    ],
)
def test_render_refuses_what_the_grammar_cannot_say(value: CitationValue) -> None:
    with pytest.raises(ValueError):
        render_citation(value)


def test_render_unknown_style() -> None:
    with pytest.raises(ValueError):
        render_citation(CitationValue(ibid=True), "chicago")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- the grammar itself


def test_grammar_has_no_lalr_conflicts(
    lalr_conflicts: Callable[[str, str | list[str]], list[str]],
) -> None:
    assert lalr_conflicts("citation", "group") == []


_GROUP_PARSER = grammar_parser("citation", ("group",))
_MONTH = re.compile(_GROUP_PARSER.get_terminal("MONTH").pattern.to_regexp())
_IBID = re.compile(_GROUP_PARSER.get_terminal("IBID").pattern.to_regexp())
_NAME = re.compile(_GROUP_PARSER.get_terminal("NAME").pattern.to_regexp())
_LOC_LABEL = re.compile(_GROUP_PARSER.get_terminal("LOC_LABEL").pattern.to_regexp())


def _is_plain_name(word: str) -> bool:
    """A word the grammar reads as one NAME (not a month, not ibid, not a pinpoint's label,
    which a comma before it makes the pinpoint of the citation before)."""
    return (
        _NAME.fullmatch(word) is not None
        and _MONTH.match(word) is None
        and _IBID.match(word) is None
        and _LOC_LABEL.fullmatch(word) is None
    )


_NAMES = st.one_of(
    st.sampled_from(
        [
            "Korea",
            "Post",
            "Hindu",
            "HRW",
            "AI",
            "FBIS-NES-90-243",
            "eSafety",
            "CoE-ECRI",
            "JS2",
            "U.S.",
            "People's",
            "Médecins",
            "Inc.",
            "Łódź",
            "Reuters",
            "Watch",
        ]
    ),
    st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True),
    st.from_regex(r"[A-Z]{2,6}", fullmatch=True),
).filter(_is_plain_name)

_LINKS = st.sampled_from(
    [" ", " of ", " of the ", " for ", " and ", " de ", "/", ": ", " & ", " &amp; ", " - ", ", "]
)
# Lower-case particles a personal name may start with: "van Solinge", "de la Cruz".
_PARTICLES = st.sampled_from(["", "van ", "de la ", "von ", "ter "])


@st.composite
def authors(draw: st.DrawFn) -> str:
    words = [draw(_PARTICLES) + draw(_NAMES)]
    for _ in range(draw(st.integers(0, 5))):
        if draw(st.booleans()) and words[-1][-1:].isalpha():
            words.append(" " + str(draw(st.sampled_from([1999, 5, 243, 31, 2000]))) + " ")
            words.append(draw(_NAMES))
        else:
            words.append(draw(_LINKS) + draw(_NAMES))
    if draw(st.booleans()):
        words.append(" " + str(draw(st.sampled_from([1999, 5, 243, 12, 1600]))))
    return "".join(words).replace("  ", " ")


_YEARS = st.integers(1600, 2099)
_MONTHS = st.integers(1, 12)
_DAYS = st.integers(1, 31)


@st.composite
def dates(draw: st.DrawFn) -> Date | DateRange:
    year = draw(_YEARS)
    shape = draw(st.sampled_from(["y", "m", "d", "yy", "mm", "dd"]))
    if shape == "y":
        return Date(year)
    if shape == "m":
        return Date(year, draw(_MONTHS))
    if shape == "d":
        return Date(year, draw(_MONTHS), draw(_DAYS))
    joiner: Literal["range", "alternative"] = draw(st.sampled_from(["range", "alternative"]))
    if shape == "yy":
        return DateRange(Date(year), Date(draw(_YEARS)), joiner)
    if shape == "mm":
        return DateRange(Date(year, draw(_MONTHS)), Date(year, draw(_MONTHS)), joiner)
    month = draw(_MONTHS)
    return DateRange(Date(year, month, draw(_DAYS)), Date(year, month, draw(_DAYS)))


_LOCATORS = st.one_of(
    st.none(),
    st.builds(
        lambda label, value: f"{label} {value}",
        st.sampled_from(["p.", "pp.", "para.", "paras.", "page", "art.", "note", "s.", "§"]),
        st.sampled_from(
            ["5", "8-9", "3.11", "64 and 65", "2.3, 3.1-3.11", "iv", "12a", "1 & 2", "1.c"]
        ),
    ),
)


_LOCATORS_OR_PAGES = st.one_of(_LOCATORS, st.sampled_from(["45", "8-9", "12a"]))

# Web sites named by their domain: a whole source name.
_DOMAINS = st.from_regex(
    r"(?:www\.)?[a-z][a-z0-9-]{0,8}[a-z0-9](?:\.[a-z]{2,3})?\.[a-z]{2,6}", fullmatch=True
)

citation_values = st.one_of(
    st.builds(CitationValue, author=authors(), date=dates(), locator=_LOCATORS_OR_PAGES),
    st.builds(CitationValue, author=_DOMAINS, date=dates(), locator=_LOCATORS_OR_PAGES),
    st.builds(CitationValue, date=dates(), locator=_LOCATORS),
    st.builds(CitationValue, ibid=st.just(True), locator=_LOCATORS),
    st.builds(
        CitationValue,
        author=authors(),
        date=_YEARS.map(Date),
        year_suffix=st.sampled_from("abz"),
        locator=_LOCATORS,
    ),
    st.builds(CitationValue, author=authors(), locator=_LOCATORS),
)


@settings(max_examples=200)
@given(citation_values, st.sampled_from(CITATION_STYLES))
def test_round_trip_every_style(value: CitationValue, style: str) -> None:
    text = render_citation(value, style)  # type: ignore[arg-type]
    assert parse_citation_group(text) == (value,)
    # And in running text, with the span on the citation's own text.
    prose = f"It was said ({text}). Then"
    (found,) = list(iter_citations(prose, LineIndex(prose)))
    assert found.value == value and found.text == text


@settings(max_examples=100)
@given(st.lists(citation_values, min_size=1, max_size=4), st.sampled_from(CITATION_STYLES))
def test_round_trip_groups(values: list[CitationValue], style: str) -> None:
    text = render_citation_group(values, style)  # type: ignore[arg-type]
    assert parse_citation_group(text) == tuple(values)
    prose = f"x ({text}) y"
    found = list(iter_citations(prose, LineIndex(prose)))
    assert [c.value for c in found] == values
    for citation in found:
        assert prose[citation.span.start : citation.span.end] == citation.text


@settings(max_examples=100)
@given(dates(), st.sampled_from(CITATION_STYLES))
def test_date_alone_round_trips(date: Date | DateRange, style: str) -> None:
    assert parse_citation_group(render_date(date, style)) == (CitationValue(date=date),)  # type: ignore[arg-type]


# Every particle the grammar lets a name start with, read from the grammar itself, so that a
# particle added there is tested here too.
_GRAMMAR_PARTICLES = re.search(
    r"^_PARTICLE_WORD: /\(\?:([a-z|]+)\)/$", grammar_path("citation").read_text(), re.M
)
assert _GRAMMAR_PARTICLES is not None
PARTICLE_WORDS = _GRAMMAR_PARTICLES.group(1).split("|")


@settings(max_examples=100)
@given(
    st.lists(
        st.tuples(st.lists(st.sampled_from(PARTICLE_WORDS), max_size=2), _NAMES, _YEARS),
        min_size=2,
        max_size=4,
    ),
    st.sampled_from([", ", " "]),
)
def test_a_comma_before_a_name_with_any_particle_starts_the_next_citation(
    members: list[tuple[list[str], str, int]], before_year: str
) -> None:
    # "(Ball, 1999, dela Cruz, 2015)": a comma joins two citations before a source's name,
    # whichever of the grammar's particles that name starts with.
    cited = [(" ".join([*particles, name]), year) for particles, name, year in members]
    text = ", ".join(f"{author}{before_year}{year}" for author, year in cited)
    expected = [CitationValue(author, Date(year)) for author, year in cited]
    assert list(parse_citation_group(text)) == expected


def _spaced(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    # Tokens are followed by a space so that two generated tokens never run into one.
    return strategy.map(lambda token: token + " ")


_EXPLICIT = {
    "NAME": _spaced(_NAMES),
    "CONN": _spaced(st.sampled_from(["of", "the", "for", "and", "de", "la", "y"])),
    "PARTICLE": _spaced(st.sampled_from(["van", "de", "la", "von", "ter"])),
    "LOWER_NAME": _spaced(st.sampled_from(["boyd", "hooks"])),
    "MONTH": _spaced(st.sampled_from(["Feb.", "February", "Sept.", "May", "dec", "JUNE"])),
    "YEAR": _spaced(_YEARS.map(str)),
    "DAY": _spaced(_DAYS.map(str)),
    "NUMERIC_DATE": _spaced(
        st.tuples(_DAYS, st.integers(1, 12), _YEARS).map(lambda d: f"{d[0]}.{d[1]:02d}.{d[2]}")
    ),
    "NUMBER": _spaced(st.one_of(st.integers(32, 1599), st.integers(2100, 99999)).map(str)),
    "IBID": _spaced(st.sampled_from(["ibid.", "Ibid.", "IBID", "ibidem"])),
    "ETAL": _spaced(st.sampled_from(["et al.", "et al"])),
    "LOC_LABEL": _spaced(st.sampled_from(["p.", "pp.", "para.", "paras", "§", "note", "n."])),
    "LOC_VALUE": _spaced(
        st.sampled_from(["5", "8-9", "3.11", "iv", "12a", "3 - 4", "1.c", "A8", "B1-B2"])
    ),
    "LOC_AND": _spaced(st.sampled_from(["and", "&"])),
    "YEAR_LETTER": _spaced(
        st.tuples(_YEARS, st.sampled_from("abcz")).map(lambda p: f"{p[0]}{p[1]}")
    ),
    "LATER_LETTER": _spaced(st.sampled_from([", b", ",c", ", z"])),
    "_LEADIN": _spaced(
        st.sampled_from(
            [
                "see",
                "See also",
                "cf.",
                "e.g.",
                "e.g.,",
                "e.g",
                "see for e.g.",
                "cited in",
                "qtd. in",
                "for a detailed discussion, see",
                "Source:",
                "Sources:",
            ]
        )
    ),
    "UNDATED": _spaced(st.sampled_from(["op. cit.", "op.cit.", "n.d.", "Op. cit", "Forthcoming"])),
    "_SECONDARY": _spaced(
        st.sampled_from(
            [
                ", cited in",
                "cited in",
                ", quoted in",
                "as cited in",
                ", qtd. in",
                ", as well as in",
                "in",
            ]
        )
    ),
    "DOMAIN": _spaced(
        st.from_regex(r"[a-z]{1,6}(?:\.[a-z0-9]{1,5}){0,2}\.[a-z]{2,6}", fullmatch=True)
    ),
    "ACCESSED": _spaced(
        st.sampled_from(["accessed", "Accessed on", "last accessed", "retrieved", "viewed"])
    ),
    "_AND": _spaced(st.just("and")),
    "LIST_AND": _spaced(st.just("and")),
    "_ORIGINAL_YEAR": _spaced(_YEARS.map(lambda year: f"[{year}]")),
    "REMARK": _spaced(
        st.sampled_from(
            [", emphasis added", ", numbers added", ", italics in original", ", my translation"]
        )
    ),
    "_NEXT": _spaced(st.just(",")),
    "COLON": _spaced(st.just(":")),
    "WHITESPACE": st.sampled_from([" ", "\n", "\t", "\xa0", "\n   "]),
}


_WORDS = {"NAME", "DOMAIN", "YEAR", "DAY", "NUMBER", "ETAL"}


def _words(node: Tree[Token] | Token) -> int:
    """Words of a source name, a bracketed place left out (it is not part of the name)."""
    if isinstance(node, Token):
        return int(node.type in _WORDS)
    if node.data == "place":
        return 0
    return sum(_words(child) for child in node.children)


def _cited_works(citation: Tree[Token] | Token) -> int:
    """Citations one member of a group gives: "HRW 2018, 2019" gives two ("ANDE 2019a y
    2019d, 5" two as well: the pinpoint after the last year is no work), and each letter after
    a year with a letter one more ("World Bank 2019a, b": two; not after the day a page was
    read, which dates no work)."""
    if not isinstance(citation, Tree):
        return 1
    letters = _later_letters(citation)
    if citation.data == "years":
        return letters + sum(
            1
            for child in citation.children
            if not (
                isinstance(child, Tree)
                and child.data in ("locator", "page_after_colon", "page_after_comma")
            )
            and not (isinstance(child, Token) and child.type == "LATER_LETTER")
        )
    return 1 + letters


def _later_letters(node: Tree[Token] | Token) -> int:
    """LATER_LETTER tokens under ``node``, none under the day a page was read."""
    if isinstance(node, Token):
        return int(node.type == "LATER_LETTER")
    if node.data == "author_accessed":
        return 0
    return sum(_later_letters(child) for child in node.children)


def _longest_author(tree: Tree[Token]) -> int:
    """Words in the longest source name of a ``group`` tree."""
    longest = 0
    for citation in tree.children:
        assert isinstance(citation, Tree)
        if citation.data in ("pinned", "years", "remarked"):
            citation = citation.children[0]
            assert isinstance(citation, Tree)
        author = citation.children[0]
        if isinstance(author, Tree) and author.data in (
            "author_w",
            "author_n",
            "author_d",
            "author_listed",
        ):
            longest = max(longest, _words(author))
    return longest


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(from_lark(_GROUP_PARSER, explicit=_EXPLICIT))
@example("aug.aa op. cit.")  # a domain that starts with a month's abbreviation
def test_grammar_generated_text_parses(text: str) -> None:
    tree = parse_full("citation", text, "group")  # the grammar accepts its own sentences
    from provenance.parsers.citations import _may_be_group

    assert _may_be_group(text)  # the candidate scan hands it to the grammar
    try:
        values = parse_citation_group(text)
    except GrammarError:
        # Only the length cap on source names turns a grammatical text down.
        assert _longest_author(tree) > MAX_AUTHOR_WORDS
    else:
        assert _longest_author(tree) <= MAX_AUTHOR_WORDS
        assert len(values) == sum(_cited_works(child) for child in tree.children)


_ARBITRARY = st.one_of(
    st.text(),
    st.binary().map(lambda b: b.decode("utf-8", "replace")),
    st.text(alphabet="()[];,.:/- \nAIbidFeb1990257Jul yofThe", max_size=60),
)


@settings(max_examples=200)
@given(_ARBITRARY)
def test_arbitrary_text_never_breaks_parse(text: str) -> None:
    try:
        values = parse_citation_group(text)
    except GrammarError:
        return
    assert values and all(isinstance(value, CitationValue) for value in values)
    from provenance.parsers.citations import _may_be_group

    assert _may_be_group(text)


@settings(max_examples=200)
@given(_ARBITRARY, st.integers(0, 80), st.one_of(st.none(), st.integers(-5, 80)))
def test_arbitrary_text_never_breaks_iteration(text: str, start: int, end: int | None) -> None:
    for candidate in (text, f"({text})", f"x ({text}; AI 1999) y"):
        index = LineIndex(candidate)
        for citation in iter_citations(candidate, index, start, end):
            assert 0 <= citation.span.start <= citation.span.end <= len(candidate)
            assert candidate[citation.span.start : citation.span.end] == citation.text
            assert index.span(citation.span.start, citation.span.end) == citation.span


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PCARRD, 2001, cited in Rincon et al, 2008", [("PCARRD", 2001), ("Rincon et al", 2008)]),
        ("Rellin et al, 1999 as cited in Perez, 2002", [("Rellin et al", 1999), ("Perez", 2002)]),
        # One more work that quotes it.
        (
            "Rellin et al, 1999 as cited in Perez, 2002, as well as in Rincon et al, 2008",
            [("Rellin et al", 1999), ("Perez", 2002), ("Rincon et al", 2008)],
        ),
        (
            "NDCC, 2009, quoted in\nPolotan dela Cruz et al, 2010:1",
            [
                ("NDCC", 2009),
                ("Polotan dela Cruz et al", 2010),
            ],
        ),
        ("Villarin et\nal, 2008:29", [("Villarin et al", 2008)]),
        # "in" alone before the work that quotes it.
        ("Bornia et al., 2011 in ISSA, 2022", [("Bornia et al.", 2011), ("ISSA", 2022)]),
        ("Bornia et al., 2011 in МАСО, 2022", [("Bornia et al.", 2011), ("МАСО", 2022)]),
    ],
)
def test_a_source_quoted_from_another_is_two_citations(
    text: str, expected: list[tuple[str, int]]
) -> None:
    values = parse_citation_group(text)
    assert [(v.author, v.date.year if isinstance(v.date, Date) else None) for v in values] == (
        expected
    )


def test_a_page_label_glued_to_its_number_is_a_pinpoint() -> None:
    (value,) = parse_citation_group("Ibid, p5")
    assert value.ibid and value.locator == "p5"
    assert parse_citation_group("Smith 2010, pp12-14")[0].locator == "pp12-14"


def test_an_unwrapped_paragraph_is_no_line_broken_at_the_measure() -> None:
    # A line longer than a printed line can be is a paragraph left unwrapped: its last bracket
    # is not followed over the blank line, and only a few measures of text are looked back at.
    words = "development " * 2000
    text = f"{words}(Sovacool\n\nand Drupady, 2012). Then"
    cut = text.index("\n\n")
    assert list(iter_citations(text, LineIndex(text), len(words), cut, close_by=len(text))) == []
    short = text[len(words) - 120 :]
    cut = short.index("\n\n")
    found = list(iter_citations(short, LineIndex(short), 100, cut, close_by=len(short)))
    assert [c.text for c in found] == ["Sovacool\n\nand Drupady, 2012"]


@settings(max_examples=100)
@given(_DOMAINS, dates(), st.sampled_from(["accessed", "last accessed on", "retrieved"]))
def test_a_site_read_on_a_day_is_cited_without_a_date(
    domain: str, date: Date | DateRange, word: str
) -> None:
    text = f"{domain}, {word} {render_date(date, 'irb')}"
    assert parse_citation_group(text) == (CitationValue(domain),)


def test_a_later_year_of_the_same_source_may_follow_the_spanish_y() -> None:
    values = parse_citation_group("ANDE, 2019a y 2019d; Centro Mario Molina, 2011 y 2014")
    assert [(v.author, iso(v), v.year_suffix) for v in values] == [
        ("ANDE", "2019", "a"),
        ("ANDE", "2019", "d"),
        ("Centro Mario Molina", "2011", None),
        ("Centro Mario Molina", "2014", None),
    ]
    # The connector "y" of a name stays in the name.
    (value,) = parse_citation_group("Ferreira y Vázquez, 2015")
    assert value.author == "Ferreira y Vázquez"
    prose = "Los cortes aumentaron (ANDE, 2019a y 2019d)."
    assert [c.text for c in iter_citations(prose, LineIndex(prose))] == ["ANDE, 2019a", "2019d"]


@pytest.mark.parametrize(
    ("text", "author", "date", "locator"),
    [
        ("CAPECO, s/f", "CAPECO", None, None),  # "sin fecha", as "s.f."
        ("Buckle, et. al., 2000", "Buckle et. al.", "2000", None),
        ("Provention, CRED, & UNDA, 2006", "Provention, CRED, & UNDA", "2006", None),
        (
            "Stulina G., Verkhovtseva N., & Gorbacheva M., 2019",
            "Stulina G., Verkhovtseva N., & Gorbacheva M.",
            "2019",
            None,
        ),
        ("OIT y DGEEC, 2013, pág. xiv", "OIT y DGEEC", "2013", "pág. xiv"),
    ],
)
def test_author_shapes_of_bibliographies_in_other_languages_and_hands(
    text: str, author: str, date: str | None, locator: str | None
) -> None:
    (value,) = parse_citation_group(text)
    assert (value.author, iso(value) if value.date else None, value.locator) == (
        author,
        date,
        locator,
    )


def _derivable_without(parser: object, missing: frozenset[str], start: str) -> bool:
    """Whether rule ``start`` derives some text with no token of the terminals ``missing``:
    the nonterminals that do, to a fixed point, from the grammar's rules."""
    rules = parser.rules  # type: ignore[attr-defined]
    productive: set[str] = set()
    changed = True
    while changed:
        changed = False
        for rule in rules:
            name = rule.origin.name
            if name in productive:
                continue
            if all(
                symbol.name not in missing if symbol.is_term else symbol.name in productive
                for symbol in rule.expansion
            ):
                productive.add(name)
                changed = True
    return start in productive


def test_every_group_holds_a_required_terminal() -> None:
    # The candidate scan skips a bracket where none of these terminals matches: sound only if
    # the grammar derives no group without one of their tokens.
    from provenance.parsers.citations import REQUIRED_TERMINALS

    assert _derivable_without(_GROUP_PARSER, frozenset(), "group")
    assert not _derivable_without(_GROUP_PARSER, frozenset(REQUIRED_TERMINALS), "group")
    for name in REQUIRED_TERMINALS:  # each is needed: none can be left out of the list
        others = frozenset(REQUIRED_TERMINALS) - {name}
        assert _derivable_without(_GROUP_PARSER, others, "group"), name


@pytest.mark.parametrize(
    "inside",
    ["North Korea", "see Section 3", "PSS", "op. cit.", "s/f", "ibid", "Id.", "HRW n.d.",
     "2003", "AI 12 Mar. 2003; HRW 2004", "North Korea; 1999a", "o. J.", "Smith 1999; see 3"],
)  # fmt: skip
def test_brackets_without_required_terminals_are_skipped_as_the_grammar_would(
    inside: str,
) -> None:
    from provenance.parsers import citations

    # What the scan reads is what parsing every candidate would have read.
    text = f"Before ({inside}) after."
    found = cite(text)
    if not citations._may_be_group(inside):
        assert found == []
        with pytest.raises(GrammarError):
            parse_citation_group(inside)


@pytest.mark.parametrize(
    ("text", "author", "date"),
    [
        # Newspapers cited by a report a Home Office note quotes, dated day.month.year.
        ("Panorama, 19.11.2012", "Panorama", "2012-11-19"),
        ("Panorama, Shqip, 4.10.2013", "Panorama, Shqip", "2013-10-04"),
        ("Gazeta Shqiptare, Panorama, 13.08.2015", "Gazeta Shqiptare, Panorama", "2015-08-13"),
        # The Austrian style, without a comma.
        ("AA 3.2.2020", "AA", "2020-02-03"),
    ],
)
def test_a_date_in_figures_parted_by_full_stops_is_day_month_year(
    text: str, author: str, date: str
) -> None:
    (value,) = parse_citation_group(text)
    assert (value.author, iso(value)) == (author, date)


@pytest.mark.parametrize(
    "text",
    ["3.3.1", "see 3.4.12", "version 1.2.2020.3", "Panorama, 19.13.2012", "Panorama, 1.2.20"],
)
def test_section_numbers_and_dates_no_calendar_has_are_no_citations(text: str) -> None:
    with pytest.raises(GrammarError):
        parse_citation_group(text)


def test_citations_dated_in_figures_are_found_in_prose() -> None:
    text = "a 100 euro debt (Panorama, 15.08.2015). Work (Panorama, Shqip, 4.10.2013).\n"
    assert [c[0] for c in cite(text)] == ["Panorama, 15.08.2015", "Panorama, Shqip, 4.10.2013"]


@pytest.mark.parametrize(
    ("text", "author", "date"),
    [
        # APA's date of a dated work: the year, then the month and day after a comma.
        ("Krishnan, 2017, July 27", "Krishnan", "2017-07-27"),
        (
            "Philippine Statistics Authority, 2013, December 26",
            "Philippine Statistics Authority",
            "2013-12-26",
        ),
        ("Ishida & Nakajima, 1985, March", "Ishida & Nakajima", "1985-03"),
        ('"Djibouti," 2017, October', '"Djibouti,"', "2017-10"),
        (
            '"Yemen crisis: Why is there a war?" 2020, June 19',
            '"Yemen crisis: Why is there a war?"',
            "2020-06-19",
        ),
        ("Smith, 2019, September 13, p. 4", "Smith", "2019-09-13"),
    ],
)
def test_a_year_then_its_month_and_day_after_a_comma_is_one_date(
    text: str, author: str, date: str
) -> None:
    (value,) = parse_citation_group(text)
    assert (value.author, iso(value)) == (author, date)


def test_a_year_then_two_months_is_a_range_and_a_later_source_still_follows() -> None:
    (value,) = parse_citation_group('"Djibouti inter-agency update," 2017, January-February')
    assert isinstance(value.date, DateRange)
    assert (value.date.start.month, value.date.end.month) == (1, 2)
    # A name after the comma is the next citation's, "Mayer" no month.
    assert [v.author for v in parse_citation_group("Mayer, 2019, Mayer, 2020")] == ["Mayer"] * 2


@pytest.mark.parametrize(
    "text", ['"About us / who we are," n.d.', "\u201cHealth and Population,\u201d n.d"]
)
def test_a_work_without_author_or_date_is_cited_by_its_title(text: str) -> None:
    (value,) = parse_citation_group(text)
    assert value.author is not None and value.author[0] in '"\u201c'
    assert value.date is None


def test_a_title_in_guillemets_is_cited_as_one_in_quotation_marks() -> None:
    text = "«Long-term\ncare homes in Canada: How many and who owns them?» 2021"
    (value,) = parse_citation_group(text)
    assert value.author == "«Long-term care homes in Canada: How many and who owns them?»"
    assert iso(value) == "2021"

"""Legal parentheticals: grammar, reader and renderer (grammars/legal.lark)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

from provenance.errors import GrammarError
from provenance.grammars import grammar_parser
from provenance.model import Date
from provenance.parsers.legal import (
    LegalParenthetical,
    is_legal_parenthetical,
    parse_legal_parenthetical,
)
from provenance.render.legal import render_legal_parenthetical

# --------------------------------------------------------------------------- real shapes


@pytest.mark.parametrize(
    ("text", "authority", "dates"),
    [
        ("9th Cir. 2011", "9th Cir.", ["2011"]),
        ("2d Cir, 2008", "2d Cir", ["2008"]),  # OCR read the full stop as a comma
        ("9th Cir.\n2013", "9th Cir.", ["2013"]),
        ("BIA 2007", "BIA", ["2007"]),
        ("BIA\n2008", "BIA", ["2008"]),
        ("A.G. 2018", "A.G.", ["2018"]),
        ("BIA 1990, 1991", "BIA", ["1990", "1991"]),
        ("Cal. Ct. App. 1993", "Cal. Ct. App.", ["1993"]),
        ("App. Ct. Conn. 1987", "App. Ct. Conn.", ["1987"]),
        ("D.C. Cir. 2010", "D.C. Cir.", ["2010"]),
        ("E.D.N.Y. Feb. 18, 2016", "E.D.N.Y.", ["2016-02-18"]),
        ("C.D. III. June 23, 2011", "C.D. III.", ["2011-06-23"]),
        ("U.S. May 30, 2017", "U.S.", ["2017-05-30"]),
        ("BIA Sept. 29, 2017", "BIA", ["2017-09-29"]),  # a "Cite as:" line
        ("Conn.", "Conn.", []),
        ("1st Cir.2005", "1st Cir.", ["2005"]),  # an abbreviation's full stop ends it
        ("Md. Ct. Spec. App. 2011", "Md. Ct. Spec. App.", ["2011"]),
        ("Ct. Int'l Trade 2010", "Ct. Int'l Trade", ["2010"]),
        ("AG 2018", "AG", ["2018"]),
    ],
)
def test_a_court_and_the_date_of_its_decision(text: str, authority: str, dates: list[str]) -> None:
    value = parse_legal_parenthetical(text)
    assert (value.kind, value.authority) == ("court", authority)
    assert [d.iso() for d in value.dates] == dates


@pytest.mark.parametrize(
    ("text", "authority", "year"),
    [("West 2004", "West", 2004), ("West Supp. 2010", "West Supp.", 2010)],
)
def test_the_publisher_and_year_of_a_code(text: str, authority: str, year: int) -> None:
    assert parse_legal_parenthetical(text) == LegalParenthetical("code", authority, (Date(year),))


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("IJ at 4-7", "IJ at 4-7"),
        ("I.J. at 2; Exh. 1", "I.J. at 2; Exh. 1"),
        ("I.J.\nat 3; Exhs. 1, 3", "I.J. at 3; Exhs. 1, 3"),
        ("Exh. 15 at 49-52", "Exh. 15 at 49-52"),
        # A comma before "at" after a bare exhibit number was a shift/reduce conflict that
        # Lark resolved against the "at".
        ("Exh. 15, at 49-52", "Exh. 15 at 49-52"),
        ("Exhs. 1, 3, at 4", "Exhs. 1, 3 at 4"),
        ("Exhs. 1-1A", "Exhs. 1-1A"),
        ("Ex. 8", "Ex. 8"),
        ("Tr. at 45", "Tr. at 45"),
        ("Tr. at 127:6-7", "Tr. at 127:6-7"),
        ("see\nTr. at 11", "Tr. at 11"),
        ("Respondent's Br. at 3", "Respondent's Br. at 3"),
        ("Respondent's Motion at 2-4", "Respondent's Motion at 2-4"),
        ("Applicant's Mot. at Ex. 3", "Applicant's Mot. at Ex. 3"),
        ("Exh. 3 at Tab D", "Exh. 3 at Tab D"),
        ("DHS\nOpp. to Motion to Remand, at 2", "DHS Opp. to Motion to Remand at 2"),
        ("Resp’t Mot. to Reopen at Tab D, 32-34", "Resp’t Mot. to Reopen at Tab D, 32-34"),
        ("Respondent's Br.", "Respondent's Br."),
        ("IJ Dec. at 5", "IJ Dec. at 5"),
        ("Hr'g Tr. at 12", "Hr'g Tr. at 12"),
    ],
)
def test_places_in_the_record(text: str, places: str) -> None:
    assert parse_legal_parenthetical(text) == LegalParenthetical("record", places)


@pytest.mark.parametrize(
    "text",
    [
        "Human Rights Watch 2004",  # no court
        "The Korea Post Feb. 1999",
        "AI 12 Mar. 2003",
        "U.N. 2004",  # dotted initials that are no court
        "UNHCR 2019",
        "U.S. Department of State 2020",  # a court word, then a source's name
        "9th 2011",  # an ordinal alone is no court
        "Smith 2010",
        "D. Smith 2010",  # an initial is no district court when a name follows
        "Cirque 2010",  # a word is no court abbreviation
        "INA",
        "CIMT",
        "Motion",  # a short name for a motion the sentence describes
        "Respondent",
        "citations omitted",
        "",
    ],
)
def test_what_is_not_a_legal_parenthetical(text: str) -> None:
    assert not is_legal_parenthetical(text)
    with pytest.raises(GrammarError):
        parse_legal_parenthetical(text)


# --------------------------------------------------------------------------- properties


def _spaced(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(st.sampled_from([" ", "\n", "  "]), strategy).map("".join)


_PARSER = grammar_parser("legal", ("start",))
_EXPLICIT = {
    "COURT": _spaced(st.sampled_from(["BIA", "A.G.", "Cir.", "Ct.", "App.", "E.D.N.Y.", "Cal."])),
    "ORDINAL": _spaced(st.sampled_from(["9th", "2d", "1st", "3rd"])),
    "PUBLISHER": _spaced(st.sampled_from(["West", "Supp.", "McKinney"])),
    "PARTY": _spaced(st.sampled_from(["Respondent's", "DHS", "Resp’t", "Applicant"])),
    "RECORD": _spaced(st.sampled_from(["IJ", "I.J.", "Tr.", "Exh.", "Exhs.", "Br.", "Motion"])),
    "LINK": _spaced(st.sampled_from(["to", "for"])),
    "WORD": _spaced(st.sampled_from(["Remand", "Reopen"])),
    "AT": _spaced(st.just("at")),
    "AND": _spaced(st.sampled_from(["and", "&"])),
    "TAB": _spaced(st.sampled_from(["Tab", "Tabs"])),
    "TAB_ID": _spaced(st.sampled_from(["D", "C-D", "A - B"])),
    "PIN": _spaced(st.sampled_from(["3", "4-7", "1A", "1-1A", "127:6-7", "49 - 52"])),
    "MONTH": _spaced(st.sampled_from(["Feb.", "Sept.", "May", "June", "December"])),
    "YEAR": _spaced(st.integers(1800, 2099).map(str)),
    "DAY": _spaced(st.integers(1, 28).map(str)),
    "_LEADIN": _spaced(st.sampled_from(["see", "see also", "cf."])),
    "_SEMI": _spaced(st.just(";")),
    "_COMMA": _spaced(st.just(",")),
}


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(from_lark(_PARSER, start="start", explicit=_EXPLICIT))
def test_grammar_generated_text_parses_and_renders_back(text: str) -> None:
    try:
        value = parse_legal_parenthetical(text)
    except GrammarError:
        # The grammar admits a court made of ordinals alone; the reader wants a court word.
        assert not any(word in text for word in ("BIA", "A.G.", "Cir.", "Ct.", "App.", "Cal."))
        return
    assert parse_legal_parenthetical(render_legal_parenthetical(value)) == value


_DATES = st.builds(
    lambda year, month, day: Date(year, month, day if month else None),
    st.integers(1800, 2099),
    st.one_of(st.none(), st.integers(1, 12)),
    st.integers(1, 28),
)
_COURTS = st.sampled_from(["9th Cir.", "BIA", "A.G.", "Cal. Ct. App.", "E.D.N.Y.", "U.S."])


@given(_COURTS, _DATES, st.lists(st.integers(1800, 2099), max_size=2))
def test_court_values_render_to_text_that_reads_back(
    court: str, date: Date, years: list[int]
) -> None:
    value = LegalParenthetical("court", court, (date, *(Date(y) for y in years)))
    assert parse_legal_parenthetical(render_legal_parenthetical(value)) == value


@given(st.sampled_from(["West", "West Supp.", "McKinney"]), st.integers(1800, 2099))
def test_code_values_render_to_text_that_reads_back(publisher: str, year: int) -> None:
    value = LegalParenthetical("code", publisher, (Date(year),))
    assert parse_legal_parenthetical(render_legal_parenthetical(value)) == value

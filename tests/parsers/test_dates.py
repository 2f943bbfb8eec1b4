"""Dates: grammar, transformer, scan of prose, and the renderer as the parser's inverse."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

from provenance.errors import GrammarError
from provenance.grammars import grammar_parser
from provenance.model import Date, DateMention, DateRange, DateValue
from provenance.parsers.dates import is_date, iter_dates, parse_date
from provenance.render.dates import DATE_STYLES, render_date
from provenance.span import LineIndex

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
PRACTICE = ROOT.parent / "shared" / "practice"


def found(text: str) -> list[tuple[str, str]]:
    """(text, ISO) of every date found in ``text``."""
    return [(m.text, m.value.iso()) for m in iter_dates(text, LineIndex(text))]


def mentions(name: str) -> list[DateMention]:
    text = (SEEDS / name).read_text(encoding="utf-8")
    return list(iter_dates(text, LineIndex(text)))


# --------------------------------------------------------------------------- whole strings

R = DateRange

PARSED: list[tuple[str, DateValue]] = [
    ("15 May 2000", Date(2000, 5, 15)),
    ("30 December 1994", Date(1994, 12, 30)),
    ("17 may 2001", Date(2001, 5, 17)),
    ("may 17, 2001", Date(2001, 5, 17)),
    ("Feb. 1999", Date(1999, 2)),
    ("February 1999", Date(1999, 2)),
    ("SEPTEMBER 1996", Date(1996, 9)),
    ("May, 1999", Date(1999, 5)),
    ("15 December, 1990", Date(1990, 12, 15)),
    ("December 15 1990", Date(1990, 12, 15)),
    ("July 30, 2004", Date(2004, 7, 30)),
    ("Friday, July 30, 2004", Date(2004, 7, 30, weekday=4)),
    ("Thursday, May 29", Date(None, 5, 29, weekday=3)),
    ("Wednesday 13 June 2002", Date(2002, 6, 13, weekday=2)),
    ("Wed. 13 June", Date(None, 6, 13, weekday=2)),
    ("Fri., 2004-07-30", Date(2004, 7, 30, weekday=4)),
    ("Monday the 5th of March 2018", Date(2018, 3, 5, weekday=0)),
    ("Monday, the 5th of March", Date(None, 3, 5, weekday=0)),
    ("5 March 2018 (Monday)", Date(2018, 3, 5, weekday=0)),
    ("March 5, 2018 (Mon.)", Date(2018, 3, 5, weekday=0)),
    ("5 March (Monday)", Date(None, 3, 5, weekday=0)),
    ("Sunday (21 August)", Date(None, 8, 21, weekday=6)),
    ("Tuesday (March 5, 2019)", Date(2019, 3, 5, weekday=1)),
    ("3 July 2004, a Saturday", Date(2004, 7, 3, weekday=5)),
    ("May 5, a Monday", Date(None, 5, 5, weekday=0)),
    (
        "Monday 5 to Wednesday 7 March 2018",
        R(Date(2018, 3, 5, weekday=0), Date(2018, 3, 7, weekday=2)),
    ),
    (
        "Monday, 5 March to Friday, 9 March 2018",
        R(Date(2018, 3, 5, weekday=0), Date(2018, 3, 9, weekday=4)),
    ),
    (
        "Monday, March 5 - Friday, March 9, 2018",
        R(Date(2018, 3, 5, weekday=0), Date(2018, 3, 9, weekday=4)),
    ),
    ("May 31", Date(None, 5, 31)),
    ("June 21", Date(None, 6, 21)),
    ("13 June", Date(None, 6, 13)),
    ("Oct 21", Date(None, 10, 21)),
    ("21st of June 2002", Date(2002, 6, 21)),
    ("May 5th, 2001", Date(2001, 5, 5)),
    ("2004-07-30", Date(2004, 7, 30)),
    ("1948", Date(1948)),
    ("mid-1995", Date(1995, qualifier="mid")),
    ("mid - 1995", Date(1995, qualifier="mid")),
    ("late March 1995", Date(1995, 3, qualifier="late")),
    ("early 1996", Date(1996, qualifier="early")),
    ("early May", Date(None, 5, qualifier="early")),
    ("24\n     May 2017", Date(2017, 5, 24)),
    # Impossible days parse: the impossible-date checker flags them with Date.is_valid().
    ("31 June 1999", Date(1999, 6, 31)),
    ("29 February 1997", Date(1997, 2, 29)),
    ("2004-02-30", Date(2004, 2, 30)),
    # Ranges carry what their ends share into both ends.
    ("May 24~26, 2002", R(Date(2002, 5, 24), Date(2002, 5, 26))),
    ("between 24 and 26 May 2002", R(Date(2002, 5, 24), Date(2002, 5, 26))),
    ("Between 24 May and 2 June 2002", R(Date(2002, 5, 24), Date(2002, 6, 2))),
    ("24-26 May 2002", R(Date(2002, 5, 24), Date(2002, 5, 26))),
    ("8-19 February 2010", R(Date(2010, 2, 8), Date(2010, 2, 19))),
    ("20–31 January 2025", R(Date(2025, 1, 20), Date(2025, 1, 31))),
    ("27 October–7 November 2014", R(Date(2014, 10, 27), Date(2014, 11, 7))),
    ("May 24 - June 2, 2002", R(Date(2002, 5, 24), Date(2002, 6, 2))),
    ("1 February 2001 to 31 December 2003", R(Date(2001, 2, 1), Date(2003, 12, 31))),
    ("30 December 1999-2 January 2000", R(Date(1999, 12, 30), Date(2000, 1, 2))),
    ("December 1999 - January 2000", R(Date(1999, 12), Date(2000, 1))),
    ("January-March 2000", R(Date(2000, 1), Date(2000, 3))),
    ("August to December", R(Date(None, 8), Date(None, 12))),
    ("1999-2000", R(Date(1999), Date(2000))),
    ("2003-2004", R(Date(2003), Date(2004))),
    ("2018−2028", R(Date(2018), Date(2028))),
    ("1991 to 1995", R(Date(1991), Date(1995))),
    ("between 1996 and 2000", R(Date(1996), Date(2000))),
    ("2010–\n            2015", R(Date(2010), Date(2015))),
    ("1990s", R(Date(1990), Date(1999))),
    ("1980's", R(Date(1980), Date(1989))),
    # Alternatives: either of the two.
    ("September/October 1999", R(Date(1999, 9), Date(1999, 10), "alternative")),
    ("Sept./Oct. 1999", R(Date(1999, 9), Date(1999, 10), "alternative")),
    ("2018/2019", R(Date(2018), Date(2019), "alternative")),
    # A start written in a later month than the end belongs to the year before.
    ("30 December - 2 January 2000", R(Date(1999, 12, 30), Date(2000, 1, 2))),
    ("November-February 2001", R(Date(2000, 11), Date(2001, 2))),
    # Reversed ranges parse as written: the reversed-date-range checker flags them.
    ("26~24 May 2002", R(Date(2002, 5, 26), Date(2002, 5, 24))),
    ("2004-2003", R(Date(2004), Date(2003))),
]


@pytest.mark.parametrize(("text", "expected"), PARSED, ids=[text for text, _ in PARSED])
def test_parse_date(text: str, expected: DateValue) -> None:
    assert parse_date(text) == expected


NOT_DATES = [
    "",
    "May",
    "may 12",
    "may 2000",
    "on Wednesday",
    "Wednesday",
    "14",
    "14-5",
    "24/06/96",
    "1,994",
    "1599",
    "2100",
    "2016/800",
    "2003-04",
    "2000%",
    "1990s 1980s",
    "15 May 2000 and",
    "between 24 and 26",
    "32 May 2000",
    "15 May\n\n2000",
    "Monday the March 2018",
    "5 March 2018 (Monday",
    "5 March 2018 (2018)",
    "Sunday (21 August",
    "Sunday (2018)",
    "Monday 5 to 7 March 2018",
    "5 March 2018, a major",
    "5 March 2018, Monday",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_parse_date_refuses(text: str) -> None:
    with pytest.raises(GrammarError):
        parse_date(text)


def test_impossible_dates_are_kept_for_the_checker() -> None:
    assert not parse_date("31 June 1999").is_valid()  # type: ignore[union-attr]
    assert not parse_date("29 February 1997").is_valid()  # type: ignore[union-attr]
    assert parse_date("29 February 1996").is_valid()  # type: ignore[union-attr]


# --------------------------------------------------------------------------- dates in prose


def test_spans_cover_exactly_the_date() -> None:
    text = "They were sent to Kunmin on the morning of Thursday, May 29 and to Changchun."
    (mention,) = iter_dates(text, LineIndex(text))
    assert mention.text == "Thursday, May 29"
    assert text[mention.span.start : mention.span.end] == mention.text
    assert mention.value == Date(None, 5, 29, weekday=3)
    assert not mention.inferred_year
    text = "detained in Yunnan, between 24 and 26 May 2002, and whose"
    (mention,) = iter_dates(text, LineIndex(text))
    assert mention.text == "between 24 and 26 May 2002"


def test_a_bracket_after_a_date_is_taken_only_for_a_weekday() -> None:
    assert found("adopted on 5 March 2018 (A/HRC/37/1) and on 6 March 2018 (Tuesday).") == [
        ("5 March 2018", "2018-03-05"),
        ("6 March 2018 (Tuesday)", "2018-03-06"),
    ]


def test_between_without_and_leaves_the_range_itself() -> None:
    assert found("in Yunnan Province sometime between May 24~26, 2002 while attempting") == [
        ("May 24~26, 2002", "2002-05-24/2002-05-26")
    ]


IN_PROSE = [
    ("Kazakhstan, for the Institute since 1994.", [("1994", "1994")]),
    ("the establishment of the latter state in 1948. Although", [("1948", "1948")]),
    ("A government spokesman stated on 13 June that", [("13 June", "--06-13")]),
    ("MOSTAR, Oct 21 (Hina) - Five hundred", [("Oct 21", "--10-21")]),
    ("ABP said.\n\n17 may 2001 21:45:00\n", [("17 may 2001", "2001-05-17")]),
    ("Seo Hyun-jin\nFriday, July 30, 2004\n\nThough", [("Friday, July 30, 2004", "2004-07-30")]),
    ("published in mid-1995 in the local", [("mid-1995", "1995")]),
    ("the early 1990s when", [("1990s", "1990/1999")]),
    ("Family Violence Prevention (2009–2014).67", [("2009–2014", "2009/2014")]),
    ("Men 2015-2020.25 Measures", [("2015-2020", "2015/2020")]),
    ("Amnesty International September 1996Al Index:", [("September 1996", "1996-09")]),
    ("(EUR 44/44/93, 7 May) - Turkey", [("7 May", "--05-07")]),
    ("approved by the Government on 24\n     May 2017. In", [("24\n     May 2017", "2017-05-24")]),
    ("At 6:00AM this morning, May 31, we received", [("May 31", "--05-31")]),
    ("Some 10,000 refugees, 1,680 of them, in 292 houses", []),
    ("Geneva, 20–31 January 2025\n", [("20–31 January 2025", "2025-01-20/2025-01-31")]),
    ("the period 1991 to 1995.", [("1991 to 1995", "1991/1995")]),
    ("between 1996 and 2000.", [("between 1996 and 2000", "1996/2000")]),
    ("(The Korea Post Feb. 1999). Zhukeyev", [("Feb. 1999", "1999-02")]),
    # A blank line ends a date: "15 June" and "2023" are two findings.
    ("on 15 June\n\n2023 was", [("15 June", "--06-15"), ("2023", "2023")]),
]


@pytest.mark.parametrize(("text", "expected"), IN_PROSE, ids=[t for t, _ in IN_PROSE])
def test_dates_in_prose(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


NEVER_DATES = [
    "AI Index: ASA 24/06/96",
    "Index number: EUR 44/047/1993",
    "E/CN.4/2004/9",
    "A/HRC/WG.6/7/SVN/3",
    "GE.09-17008",
    "GE.19-13424(E)",
    "[KKT34458.E]",
    "http://www.koreapost.com/1999_02/dip&fo_03.htm",
    "http://www.kcna.co.jp/item/1999/9907/news07/27.htm",
    "1,994 people",
    "2,500 and 6,000",
    "10,000 refugees",
    "the 292 Chinese Army Hospital",
    "At 6:00AM",
    "21:45:00",
    "pp.14-15.",
    "pp. 14-15.",
    "Vol. 12, No. 2.",
    "art. 14-5",
    "Article 14(5)",
    "Resolution 58/53",
    "Resolution 54/54B",
    "decision 5/1",
    "Beijingshi 100 032",
    "200 houses",
    "300g",
    "they may face execution",
    "the government may 12 times refuse",
    "said in Mostar on Wednesday.",
    "No. 1998",
    "Council Resolutions 1325 and 1820 on Women",
    "Directive 2016/800",
    "the 2003-04 season",
    "FY2003-2004",
    "a 2000% rise",
    "between 50,000 and 300,000 North Koreans",
    "between 2 and 3 million",
    "1.     In the",
    "3.3.1 Amnesty",
    "<sup>2</sup>One refugee",
    "Clashes MAR Ceasefire",
    "the 20th century",
    "tel. 2000-1234",
]


@pytest.mark.parametrize("text", NEVER_DATES)
def test_not_dates_in_prose(text: str) -> None:
    assert found(text) == []


def test_lower_case_may_needs_a_day_and_a_year() -> None:
    # Documented choice: a lower-case "may" is a month only between a day and a year or before
    # a day and a year; "in may 1999" keeps only its year, and "may 12" is the verb.
    assert found("17 may 2001") == [("17 may 2001", "2001-05-17")]
    assert found("report of may 17, 2001 said") == [("may 17, 2001", "2001-05-17")]
    assert found("in may 1999") == [("1999", "1999")]
    assert found("they may 12") == []
    assert found("the refugees may march 20 km") == []
    assert found("since March 20") == [("March 20", "--03-20")]


def test_bounds_and_offsets_are_absolute() -> None:
    text = "On 15 May 2000 and on 27 July 1999 too."
    index = LineIndex(text)
    later = list(iter_dates(text, index, start=15))
    assert [m.text for m in later] == ["27 July 1999"]
    assert later[0].span.start == text.index("27 July")
    # A region that ends inside a date cuts it where it ends.
    cut = list(iter_dates(text, index, 0, text.index("2000")))
    assert [m.text for m in cut] == ["15 May"]
    assert list(iter_dates(text, index, 10, 5)) == []
    assert next(iter_dates(text, index, -5, 10**6)).text == "15 May 2000"


def test_lines_and_columns() -> None:
    text = "Title\n\nOn 24\n  May 2017 it was approved."
    (mention,) = iter_dates(text, LineIndex(text))
    assert (mention.span.line, mention.span.column) == (3, 4)
    assert (mention.span.end_line, mention.span.end_column) == (4, 10)


# --------------------------------------------------------------------------- seeds


def test_seed_ngo_page() -> None:
    got = {(m.span.line, m.text): m.value for m in mentions("003_1657d4287ccc633e.txt")}
    assert got[(60, "May 24~26, 2002")] == R(Date(2002, 5, 24), Date(2002, 5, 26))
    assert got[(68, "Thursday, May 29")] == Date(None, 5, 29, weekday=3)
    assert got[(78, "21 June 2002")] == Date(2002, 6, 21)
    assert got[(115, "between 24 and 26 May 2002")] == R(Date(2002, 5, 24), Date(2002, 5, 26))
    assert got[(62, "May, 1999")] == Date(1999, 5)
    assert got[(117, "late 2000")] == Date(2000, qualifier="late")
    # "292 Chinese Army Hospital", "6:00AM", "Beijingshi 100 032": not dates.
    assert not any(text.startswith(("292", "6", "100")) for _, text in got)


def test_seed_news_article() -> None:
    got = [(m.span.line, m.text, m.value) for m in mentions("002_43ecc7cc96973852.txt")]
    assert (9, "Friday, July 30, 2004", Date(2004, 7, 30, weekday=4)) in got


def test_seed_irb_response() -> None:
    got = [(m.text, m.value) for m in mentions("000_a612e7f6db11d10b.txt")]
    texts = [text for text, _ in got]
    for expected in ("20 December 1996", "Feb. 1999", "27 July 1999", "15 May 2000"):
        assert expected in texts
    assert ("September/October 1999", R(Date(1999, 9), Date(1999, 10), "alternative")) in got
    assert ("1999-2000", R(Date(1999), Date(2000))) in got
    # Nothing from "KKT34458.E", "over 4,000 Koreans", "Vol. 12, No. 2", "Vol. 11, No. 7-8",
    # "pp.14-15" or the URLs' paths ("1999_02", "1999/9907/news07/27.htm").
    assert texts == [
        "20 December 1996",
        "Feb. 1999",
        "1997",
        "July 1999",
        "27 July 1999",
        "15 May 2000",
        "1994",
        "September/October 1999",
        "February 1999",
        "15 May 2000",
        "15 May 2000",
        "27 July 1999",
        "15 May 2000",
        "September/October 1999",
        "1999-2000",
        "1999",
        "2000",
    ]


def test_seed_amnesty_report() -> None:
    got = mentions("001_57fd68c990b575be.txt")
    texts = [m.text for m in got]
    assert texts.count("September 1996") >= 10  # the running page headers
    assert "mid-1995" in texts and "late March 1995" in texts and "early 1996" in texts
    assert "30 December 1994" in texts
    # The index codes ASA 24/06/96, ASA 24/12/95 and EUR 46/06/96 give no dates.
    assert not any("/" in text for text in texts)


# --------------------------------------------------------------------------- practice documents


@pytest.mark.skipif(not PRACTICE.is_dir(), reason="practice files not available")
def test_practice_documents() -> None:
    found_in: dict[str, list[DateMention]] = {}
    for path in sorted(PRACTICE.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found_in[path.name[:2]] = list(iter_dates(text, LineIndex(text)))
        for mention in found_in[path.name[:2]]:
            assert text[mention.span.start : mention.span.end] == mention.text
    texts = {key: [m.text for m in value] for key, value in found_in.items()}
    assert "17 may 2001" in texts["11"] and "between 1996 and 2000" in texts["11"]
    assert texts["12"] == ["Oct 21", "Oct 21"]
    assert "15 December, 1990" in texts["02"] and "December 15 1990" in texts["02"]
    assert "1 February 2001 to 31 December 2003" in texts["09"]
    assert "8-19 February 2010" in texts["13"]
    assert "20–31 January 2025" in texts["16"]
    assert texts["04"] == [] and texts["07"] == []
    # No year from a resolution number, an index code or a UN symbol.
    assert "1820" not in texts["15"]
    assert not any(t in ("1993", "2005") for t in texts["05"] + texts["07"])


# --------------------------------------------------------------------------- rendering


RENDERED = [
    (Date(2000, 5, 15), "dmy", "15 May 2000"),
    (Date(2000, 5, 15), "mdy", "May 15, 2000"),
    (Date(2000, 5, 15), "iso", "2000-05-15"),
    (Date(1999, 2), "abbrev", "Feb. 1999"),
    (Date(1999, 9, 3), "abbrev", "3 Sept. 1999"),
    (Date(1999, 2), "iso", "February 1999"),
    (Date(2004, 7, 30, weekday=4), "mdy", "Friday, July 30, 2004"),
    (Date(None, 5, 29, weekday=3), "mdy", "Thursday, May 29"),
    (Date(1995, qualifier="mid"), "dmy", "mid-1995"),
    (Date(1995, 3, qualifier="late"), "dmy", "late March 1995"),
    (R(Date(2002, 5, 24), Date(2002, 5, 26)), "tilde", "May 24~26, 2002"),
    (R(Date(2002, 5, 24), Date(2002, 5, 26)), "between", "between 24 and 26 May 2002"),
    (R(Date(2002, 5, 24), Date(2002, 5, 26)), "dmy", "24-26 May 2002"),
    (R(Date(2025, 1, 20), Date(2025, 1, 31)), "dash", "20–31 January 2025"),
    (R(Date(2002, 5, 24), Date(2002, 6, 2)), "mdy", "May 24-June 2, 2002"),
    (R(Date(2001, 2, 1), Date(2003, 12, 31)), "to", "1 February 2001 to 31 December 2003"),
    (R(Date(1999, 9), Date(1999, 10), "alternative"), "slash", "September/October 1999"),
    (R(Date(1999, 9), Date(1999, 10), "alternative"), "dmy", "September/October 1999"),
    (R(Date(1999, 9), Date(1999, 10)), "slash", "September-October 1999"),
    (R(Date(1999), Date(2000)), "dash", "1999–2000"),
    (R(Date(1996), Date(2000)), "between", "between 1996 and 2000"),
    (R(Date(1999, 12, 30), Date(2000, 1, 2)), "dmy", "30 December 1999-2 January 2000"),
    # Sharing the year would make the start read as the year before: both years are written.
    (R(Date(2000, 12, 30), Date(2000, 1, 2)), "dmy", "30 December 2000-2 January 2000"),
]


@pytest.mark.parametrize(("value", "style", "expected"), RENDERED)
def test_render_date(value: DateValue, style: str, expected: str) -> None:
    assert render_date(value, style) == expected  # type: ignore[arg-type]
    assert parse_date(expected) == value


def test_render_styles_constant() -> None:
    assert set(DATE_STYLES) >= {"dmy", "mdy", "abbrev", "iso", "tilde", "between", "dash", "slash"}
    with pytest.raises(ValueError):
        render_date(Date(2000), "roman")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- Hypothesis

YEARS = st.integers(1600, 2099)
MONTHS = st.integers(1, 12)
DAYS = st.integers(1, 31)
QUALIFIERS = st.sampled_from(["early", "mid", "late"])

DAY_DATES = st.builds(
    Date, year=st.none() | YEARS, month=MONTHS, day=DAYS, weekday=st.none() | st.integers(0, 6)
)
MONTH_DATES = st.builds(Date, year=YEARS, month=MONTHS, qualifier=st.none() | QUALIFIERS) | (
    st.builds(Date, year=st.none(), month=MONTHS, qualifier=QUALIFIERS)
)
YEAR_DATES = st.builds(Date, year=YEARS, qualifier=st.none() | QUALIFIERS)


@st.composite
def ranges(draw: st.DrawFn) -> DateRange:
    """Every shape of two dates the parser produces: years, months or days, shared or not."""
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        joiner = draw(st.sampled_from(["range", "alternative"]))
        return DateRange(Date(draw(YEARS)), Date(draw(YEARS)), joiner)
    sharing = draw(st.sampled_from(["same", "none", "different"]))
    if sharing == "same":
        first = second = draw(YEARS)
    elif sharing == "none":
        first = second = None
    else:
        first, second = draw(YEARS), draw(YEARS)
    if precision == "month":
        joiner = draw(st.sampled_from(["range", "alternative"]))
        return DateRange(Date(first, draw(MONTHS)), Date(second, draw(MONTHS)), joiner)
    return DateRange(Date(first, draw(MONTHS), draw(DAYS)), Date(second, draw(MONTHS), draw(DAYS)))


VALUES = DAY_DATES | MONTH_DATES | YEAR_DATES | ranges()


@settings(max_examples=200, deadline=None)
@given(value=VALUES, style=st.sampled_from(DATE_STYLES))
def test_round_trip_value_render_parse(value: DateValue, style: str) -> None:
    text = render_date(value, style)  # type: ignore[arg-type]
    assert parse_date(text) == value, text
    # The same text inside prose is found whole.
    prose = f"It happened ({text}) there."
    (mention,) = iter_dates(prose, LineIndex(prose))
    assert mention.text == text and mention.value == value


@settings(max_examples=150, deadline=None)
@given(value=VALUES)
def test_round_trip_text_parse_render(value: DateValue) -> None:
    for style in DATE_STYLES:
        text = render_date(value, style)
        assert render_date(parse_date(text), style) == text


def _padded(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    # Terminals are written with spaces around them, as the grammar's ignored whitespace allows;
    # without them "15" "May" would be drawn as "15May".
    return strategy.map(lambda token: f" {token} ")


MONTH_WORDS = ["January", "Feb.", "Feb", "MARCH", "Apr.", "May", "June", "Jul", "Sept.", "oct"]
EXPLICIT = {
    "MONTH": _padded(st.sampled_from(MONTH_WORDS)),
    "LOWER_MONTH": _padded(st.sampled_from(["may", "march", "mar."])),
    "WEEKDAY": _padded(st.sampled_from(["Friday", "thursday", "Wed.", "SUNDAY", "Thurs."])),
    "DAY": _padded(DAYS.map(str) | st.sampled_from(["01", "09"])),
    "ORD_DAY": _padded(st.sampled_from(["1st", "2nd", "3rd", "21st", "30th"])),
    "YEAR": _padded(YEARS.map(str)),
    "ISO_DATE": _padded(st.dates().map(lambda day: f"{1600 + day.year % 500}{day:-%m-%d}")),
    "DECADE": _padded(st.sampled_from(["1990s", "1980's", "2000s", "1960’s"])),
    "QUALIFIER": _padded(st.sampled_from(["early", "mid-", "Late", "mid -"])),
    "_BETWEEN": _padded(st.sampled_from(["between", "Between"])),
    "_AND": _padded(st.sampled_from(["and", "&"])),
    "_OF": _padded(st.just("of")),
    "_JOIN": _padded(st.sampled_from(["-", "–", "~", "to", "through", "until", "−"])),
    # No line breaks: two drawn side by side would make a blank line, which ends a date.
    "_WS": st.sampled_from([" ", "\t", "\u00a0"]),
}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=from_lark(grammar_parser("date"), explicit=EXPLICIT))
def test_grammar_generated_text_parses(text: str) -> None:
    value = parse_date(text)
    assert isinstance(value, (Date, DateRange))


def test_grammar_has_no_lalr_conflicts(
    lalr_conflicts: Callable[[str, str | list[str]], list[str]],
) -> None:
    assert lalr_conflicts("date", "start") == []


def _check_mentions(text: str) -> None:
    for mention in iter_dates(text, LineIndex(text)):
        assert 0 <= mention.span.start <= mention.span.end <= len(text)
        assert text[mention.span.start : mention.span.end] == mention.text
        assert isinstance(mention.value, (Date, DateRange))


@settings(max_examples=200, deadline=None)
@given(text=st.text())
def test_arbitrary_text_never_breaks(text: str) -> None:
    with contextlib.suppress(GrammarError):
        parse_date(text)
    _check_mentions(text)


@settings(max_examples=150, deadline=None)
@given(text=st.binary().map(lambda raw: raw.decode("utf-8", "replace")))
def test_arbitrary_bytes_never_break(text: str) -> None:
    with contextlib.suppress(GrammarError):
        parse_date(text)
    _check_mentions(text)


# Pieces of dates and of what surrounds them, joined at random.
NOISE_WORDS = (
    ", . - – ~ / May may June Sept. 12 31 2002 1999 1990s between and to mid- late Friday "
    "Thursday, İ x 1,994 No. 24/06/96 2004-07-30 of 21st"
)
NOISE = [" ", "\n", "\n\n", *NOISE_WORDS.split()]
DATEISH = st.lists(st.sampled_from(NOISE), max_size=14).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=DATEISH)
def test_date_like_noise_never_breaks(text: str) -> None:
    with contextlib.suppress(GrammarError):
        parse_date(text)
    _check_mentions(text)
    # Every mention found is itself a whole date.
    for mention in iter_dates(text, LineIndex(text)):
        assert parse_date(mention.text) == mention.value


@pytest.mark.parametrize(
    ("text", "stops", "expected"),
    [
        ("12 January 2026", ".", True),
        ("12 January 2026.", ".", True),
        ("March 2019;", ".,;", True),
        ("March 2019;", ".", False),
        ("12 January 2026 was a Monday", ".", False),
        ("Annex", ".", False),
    ],
)
def test_is_date_is_a_date_and_nothing_else(text: str, stops: str, expected: bool) -> None:
    assert is_date(text, stops) is expected

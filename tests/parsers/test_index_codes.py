"""Index codes: Amnesty indexes, IRB request codes, UN symbols; parsing, finding and rendering."""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

import provenance
from provenance.errors import GrammarError
from provenance.grammars import grammar_parser, parse_full, parser
from provenance.model import AmnestyIndex, IndexCode, IrbCode, UnSymbol
from provenance.parsers import index_codes
from provenance.parsers.index_codes import (
    expand_year,
    index_code_label,
    iter_index_code_matches,
    iter_index_codes,
    labelled_before,
    parse_index_code,
)
from provenance.render.index_codes import render_index_code, styles_for
from provenance.span import LineIndex

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
PRACTICE = ROOT.parent / "shared" / "practice"


def find(text: str) -> list[tuple[str, IndexCode]]:
    return [(m.text, m.value) for m in iter_index_codes(text, LineIndex(text))]


def _alternatives(terminal: str) -> list[str]:
    """The literal alternatives of a grammar terminal such as AMNESTY_REGION or UN_SERIES."""
    pattern = parser("index_code", "index_code").get_terminal(terminal).pattern.value
    return re.findall(r"[A-Z]+", pattern.split("(?=")[0].split("(?!")[0])


REGIONS = _alternatives("AMNESTY_REGION")
SERIES = _alternatives("UN_SERIES")


def test_grammar_lists() -> None:
    assert {"AFR", "AMR", "ASA", "EUR", "MDE", "ACT", "IOR", "POL", "ORG", "NWS"} <= set(REGIONS)
    assert {"A", "E", "S", "ST", "CAT", "CCPR", "CRC", "CEDAW", "CERD", "HRI"} <= set(SERIES)


# --------------------------------------------------------------------------- whole strings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ASA 24/06/96", AmnestyIndex("ASA", "24", "06", 1996)),
        ("AI Index: ASA 24/06/96", AmnestyIndex("ASA", "24", "06", 1996)),
        ("Al Index: ASA 24/06/96", AmnestyIndex("ASA", "24", "06", 1996)),
        ("AI INDEX: EUR 46/06/96", AmnestyIndex("EUR", "46", "06", 1996)),
        ("EUR 44/44/93", AmnestyIndex("EUR", "44", "44", 1993)),
        ("EUR 44/047/1993", AmnestyIndex("EUR", "44", "047", 1993)),
        ("ASA 24/1234/2019", AmnestyIndex("ASA", "24", "1234", 2019)),
        ("Index number: EUR 44/047/1993", AmnestyIndex("EUR", "44", "047", 1993)),
        ("Index Number: MDE 13/017/1988", AmnestyIndex("MDE", "13", "017", 1988)),
        ("N° d'index: ASA 21/049/1999", AmnestyIndex("ASA", "21", "049", 1999)),
        ("Index AI : AMR 51/094/2005", AmnestyIndex("AMR", "51", "094", 2005)),
        ("Índice AI: AMR 41/001/2004", AmnestyIndex("AMR", "41", "001", 2004)),
        ("Index: ORG 10/6718/2023", AmnestyIndex("ORG", "10", "6718", 2023)),
        ("AMR 51/01/05", AmnestyIndex("AMR", "51", "01", 2005)),
        ("ASA24/06/96", AmnestyIndex("ASA", "24", "06", 1996)),
        ("KKT34458.E", IrbCode("KKT", "34458", "E")),
        ("[KKT34458.E]", IrbCode("KKT", "34458", "E")),
        ("[IRN21575.E]", IrbCode("IRN", "21575", "E")),
        ("CHN106253.F", IrbCode("CHN", "106253", "F")),
        ("[LKA8043]", IrbCode("LKA", "8043", None)),
        ("AFG10382", IrbCode("AFG", "10382", None)),
        ("E/CN.4/2004/9", UnSymbol(("E", "CN.4", "2004", "9"))),
        ("A/HRC/25/63", UnSymbol(("A", "HRC", "25", "63"))),
        ("A/HRC/WG.6/7/SVN/3", UnSymbol(("A", "HRC", "WG.6", "7", "SVN", "3"))),
        ("A/HRC/43/15/Add.1", UnSymbol(("A", "HRC", "43", "15", "Add.1"))),
        ("CAT/C/SVN/CO/3/Add.1", UnSymbol(("CAT", "C", "SVN", "CO", "3", "Add.1"))),
        ("CRC/C/SVN/CO/3-4", UnSymbol(("CRC", "C", "SVN", "CO", "3-4"))),
        ("CCPR/C/SVN/CO/3", UnSymbol(("CCPR", "C", "SVN", "CO", "3"))),
        ("E/C.12/SVN/CO/2", UnSymbol(("E", "C.12", "SVN", "CO", "2"))),
        ("CEDAW/C/SVN/CO/5-6", UnSymbol(("CEDAW", "C", "SVN", "CO", "5-6"))),
        ("A/RES/58/53", UnSymbol(("A", "RES", "58", "53"))),
        ("A/RES/54/54B", UnSymbol(("A", "RES", "54", "54B"))),
        ("UN Doc. A/RES/58/53", UnSymbol(("A", "RES", "58", "53"))),
        ("E/CN.4/Sub.2/2005/10/Rev.1", UnSymbol(("E", "CN.4", "Sub.2", "2005", "10", "Rev.1"))),
    ],
)
def test_parse_index_code(text: str, expected: IndexCode) -> None:
    assert parse_index_code(text) == expected


def test_label_letters_glued_to_digits_are_a_code() -> None:
    # Hypothesis found it: "RIR" is also the label of a response, but with digits glued to it
    # it is the country of a code, as "KKT" is.
    assert parse_index_code("RIR0000") == IrbCode("RIR", "0000", None)
    assert parse_index_code("RIR12345.E") == IrbCode("RIR", "12345", "E")


def test_fields() -> None:
    code = parse_index_code("AI Index: ASA 24/06/96")
    assert isinstance(code, AmnestyIndex)
    assert (code.region, code.country, code.number, code.year) == ("ASA", "24", "06", 1996)
    assert code.scheme == "amnesty"
    irb = parse_index_code("KKT34458.E")
    assert isinstance(irb, IrbCode)
    assert (irb.country, irb.number, irb.language, irb.scheme) == ("KKT", "34458", "E", "irb")
    un = parse_index_code("E/CN.4/2004/9")
    assert isinstance(un, UnSymbol)
    assert un.year == 2004 and un.scheme == "un"


@pytest.mark.parametrize(
    ("two", "full"), [(96, 1996), (60, 1960), (59, 2059), (0, 2000), (5, 2005)]
)
def test_expand_year(two: int, full: int) -> None:
    assert expand_year(two) == full


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ASA 24/06/96 ",
        " ASA 24/06/96",
        "XYZ 24/06/96",
        "ASA 24/06/996",
        "ASA 2/06/96",
        "ASA 24/06",
        "asa 24/06/96",
        "KKT34458.Eng",
        "KKT34458.e",
        "KK34458.E",
        "GE.09-17008",
        "UA 235/88",
        "EXTRA 44/93",
        "58/53",
        "54/54B",
        "5/1",
        "24/7",
        "FBIS-NES-90-243",
        "and/or",
        "12/05/2000",
        "A/B",
        "A/HRC",
        "A/HRC/",
        "A/HRC/25/63.",
        "HIV/AIDS/2",
        "Index: ",
        "AI Index:",
    ],
)
def test_parse_rejects(text: str) -> None:
    with pytest.raises(GrammarError):
        parse_index_code(text)


# --------------------------------------------------------------------------- in prose


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # Running header glued to the next words, and glued after a year.
        ("Al Index: ASA 24/06/96Amnesty International September 1996", ["ASA 24/06/96"]),
        ("Amnesty International September 1996Al Index: ASA 24/06/96\n", ["ASA 24/06/96"]),
        # A footnote number glued in front of the label.
        ("the cities. 27AI Index: ASA 24/12/95, issued in December 1995", ["ASA 24/12/95"]),
        ("(AI Index: EUR 46/06/96), issued in February 1996.", ["EUR 46/06/96"]),
        ("Further information on EXTRA 44/93 (EUR 44/44/93, 7 May) - Turkey", ["EUR 44/44/93"]),
        ("• Campaigns\n\n, Index number: AMR 51/094/2005\n", ["AMR 51/094/2005"]),
        (
            "Further Information on UA 235/88 – Iran\n\nIndex Number: MDE 13/017/1988",
            ["MDE 13/017/1988"],
        ),
        ("AI INDEX:\nASA 24/06/96", ["ASA 24/06/96"]),
        (
            "Update to KKT25532.E of 20 December 1996 on the treatment [KKT34458.E]\n",
            ["KKT25532.E", "KKT34458.E"],
        ),
        ("The current status of the EPRLF. [LKA8043]\n", ["LKA8043"]),
        ("the members of Itehade Islami [AFG10382]", ["AFG10382"]),
        # An old code without its language, named as a response's by the words before it.
        (
            "the attached Response\nto Information Request LKA13607 contains",
            ["LKA13607"],
        ),
        ("Information Requests\nPAK3114 and RIR IND15402.E", ["PAK3114", "IND15402.E"]),
        (
            "CAT/C/SVN/CO/3/Add.1, paras. 7, 9 and 17. See also CRC/C/SVN/CO/3-4, para. 5.",
            ["CAT/C/SVN/CO/3/Add.1", "CRC/C/SVN/CO/3-4"],
        ),
        (
            "A/HRC/43/15 and the addendum A/HRC/43/15/Add.1, and A/HRC/43/2.",
            ["A/HRC/43/15", "A/HRC/43/15/Add.1", "A/HRC/43/2"],
        ),
        ("(see the previous cycle (A/HRC/WG.6/7/SVN/2).", ["A/HRC/WG.6/7/SVN/2"]),
        ("CAT/C/SVN/CO/3para. 10.", ["CAT/C/SVN/CO/3"]),
        (
            "CERD/C/SVN/CO/6-7/Add.1; and E/CN.4/2004/9)",
            ["CERD/C/SVN/CO/6-7/Add.1", "E/CN.4/2004/9"],
        ),
        ("GE.09-17008\n\x0cA/HRC/WG.6/7/SVN/3\nPage 2", ["A/HRC/WG.6/7/SVN/3"]),
        ("UN Doc. A/RES/58/53, adopted", ["A/RES/58/53"]),
        ("A/79/947-S/2025/372\n", ["A/79/947", "S/2025/372"]),
        ("(A/79/797-S/2025/109).", ["A/79/797", "S/2025/109"]),
    ],
)
def test_found_in_prose(text: str, found: list[str]) -> None:
    assert [code_text for code_text, _ in find(text)] == found


@pytest.mark.parametrize(
    "text",
    [
        "GE.09-17008",
        "Further Information on UA 235/88 – Iran",
        "Further information on EXTRA 44/93",
        "UN General Assembly Resolution 58/53",
        "UNGA Resolution 54/54B",
        "Human Rights Council resolution 5/1",
        "(FBIS-NES-90-243 18 December 1990)",
        "open 24/7 and/or on 12/05/2000",
        "A/B testing",
        "http://www.kcna.co.jp/item/1999/9907/news07/27.htm",
        "http://tbinternet.ohchr.org/Treaties/CERD/Shared%20Documents/SVN/INT_CERD_FUL_SVN_157",
        "http://www.ohchr.org/EN/HRBodies/SP/Pages/Themes.aspx",
        "https://www.amnesty.org/en/documents/EUR44/047/1993/en/",
        "https://www.amnesty.org/en/documents/asa21/049/1999/en/",
        "http://www.irb.gc.ca/rir?id=KKT34458.E",
        "the request ABC1234 in prose",
        "request LKA8043 was answered",
        "Information Request No. 4047",
        "Information RequestLKA8043",
        "PIRIR LKA8043",
        "KKT34458.Eng",
        "HIV/AIDS, OSCE/ODIHR, N/A, LEXIS/NEXIS, S/he",
        "Resolution CM/ResCMN (2022)9 and CM/RecChL(2020)2",
        "Index: none given. AI Index: to follow",
        "EUROPE 24/06/96",
        "xASA 24/06/96",
        "FBIS-NES-90-243 and 1990-S/2",
    ],
)
def test_not_found(text: str) -> None:
    assert find(text) == []


def test_spans_and_labels() -> None:
    text = "Update to KKT25532.E [KKT34458.E]\n27AI Index: ASA 24/12/95, and (EUR 44/44/93)"
    index = LineIndex(text)
    matches = list(iter_index_code_matches(text, index))
    assert [m.mention.text for m in matches] == [
        "KKT25532.E",
        "KKT34458.E",
        "ASA 24/12/95",
        "EUR 44/44/93",
    ]
    for match in matches:
        span = match.mention.span
        assert text[span.start : span.end] == match.mention.text
        assert match.mention.role == "cited"
        assert match.span.contains(span)
    assert [m.bracketed for m in matches] == [False, True, False, False]
    assert [m.label for m in matches] == [None, None, "AI Index:", None]
    labelled = matches[2]
    assert labelled.label_span is not None
    assert text[labelled.label_span.start : labelled.label_span.end] == "AI Index:"
    assert text[labelled.span.start : labelled.span.end] == "AI Index: ASA 24/12/95"
    assert labelled.mention.span.line == 2 and labelled.mention.span.column == 13
    assert text[matches[1].span.start : matches[1].span.end] == "[KKT34458.E]"


def test_irb_label_covers_the_words_that_name_a_response() -> None:
    text = "the attached Response to Information Request LKA13607 contains"
    (match,) = iter_index_code_matches(text, LineIndex(text))
    assert match.mention.text == "LKA13607"
    assert match.label == "Information Request"
    assert text[match.span.start : match.span.end] == "Information Request LKA13607"


@pytest.mark.parametrize("label", ["RIR", "rir", "RIRs", "information request"])
def test_irb_label_in_any_case(label: str) -> None:
    # The grammar's label is case-insensitive; the scan for where one may start must be too.
    text = f"see {label} LKA8043.E here"
    (match,) = iter_index_code_matches(text, LineIndex(text))
    assert match.label == label
    assert text[match.span.start : match.span.end] == f"{label} LKA8043.E"


def test_label_helpers() -> None:
    text = ", Index number: EUR 44/047/1993 and (EUR 44/44/93, 7 May) UN Doc.\nA/HRC/25/63"
    mentions = list(iter_index_codes(text, LineIndex(text)))
    assert [index_code_label(text, m) for m in mentions] == ["Index number:", None, "UN Doc."]
    assert [labelled_before(text, m) for m in mentions] == [True, False, True]


def test_range_limits() -> None:
    text = "AI Index: ASA 24/06/96 and ASA 24/1234/2019 here"
    index = LineIndex(text)
    inside = list(iter_index_codes(text, index, text.index("and")))
    assert [m.text for m in inside] == ["ASA 24/1234/2019"]
    # A range that cuts a code does not yield a shortened one ("...20" is not the year 2020).
    cut = text.index("19 here")
    assert list(iter_index_codes(text, index, 0, cut)) == list(iter_index_codes(text, index, 0, 22))
    assert [m.text for m in iter_index_codes(text, index, 0, cut)] == ["ASA 24/06/96"]
    # A label outside the range: the code is still found, unlabelled.
    matches = list(iter_index_code_matches(text, index, text.index("ASA")))
    assert matches[0].label is None and matches[0].mention.text == "ASA 24/06/96"


# --------------------------------------------------------------------------- real documents


def _seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def test_seed_amnesty_report() -> None:
    text = _seed("001_57fd68c990b575be.txt")
    index = LineIndex(text)
    matches = list(iter_index_code_matches(text, index))
    counts = Counter(render_index_code(m.mention.value) for m in matches)
    assert counts == {"ASA 24/06/96": 14, "ASA 24/12/95": 4, "EUR 46/06/96": 1}
    lines = {
        code: sorted(m.mention.span.line for m in matches if m.mention.text == code)
        for code in ("ASA 24/12/95", "EUR 46/06/96")
    }
    assert lines == {"ASA 24/12/95": [54, 130, 256, 290], "EUR 46/06/96": [306]}
    assert all(m.label in ("AI Index:", "Al Index:") for m in matches)
    assert all(
        m.mention.value == AmnestyIndex("ASA", "24", "06", 1996)
        for m in matches
        if m.label == "Al Index:"
    )


def test_seed_irb_response() -> None:
    text = _seed("000_a612e7f6db11d10b.txt")
    matches = list(iter_index_code_matches(text, LineIndex(text)))
    assert [(m.mention.text, m.bracketed) for m in matches] == [
        ("KKT25532.E", False),
        ("KKT34458.E", True),
    ]
    assert matches[1].mention.value == IrbCode("KKT", "34458", "E")


@pytest.mark.parametrize(
    "name", ["002_43ecc7cc96973852.txt", "003_1657d4287ccc633e.txt", "004_604fa044de79772a.txt"]
)
def test_seeds_without_codes(name: str) -> None:
    assert find(_seed(name)) == []


def _practice(prefix: str) -> str:
    paths = sorted(PRACTICE.glob(f"{prefix}_*.txt")) if PRACTICE.is_dir() else []
    if not paths:
        pytest.skip("practice corpus not available")
    return paths[0].read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("01", []),
        ("02", ["LKA8043"]),
        ("03", ["IRN21575.E"]),
        ("04", ["AFG10382"]),
        ("05", ["EUR 44/44/93", "EUR 44/047/1993"]),
        ("06", ["MDE 13/017/1988"]),
        ("07", ["AMR 51/094/2005"]),
        ("08", ["ASA 21/049/1999"]),
        ("09", []),
        ("10", []),
        ("11", []),
        ("12", []),
        ("17", []),
        ("18", []),
    ],
)
def test_practice_small(prefix: str, expected: list[str]) -> None:
    assert [code_text for code_text, _ in find(_practice(prefix))] == expected


def test_practice_un_compilation() -> None:
    text = _practice("14")
    found = find(text)
    assert len(found) >= 100
    assert all(isinstance(value, UnSymbol) and len(value.parts) >= 3 for _, value in found)
    texts = {code_text for code_text, _ in found}
    assert {"CAT/C/SVN/CO/3/Add.1", "CRC/C/SVN/CO/3-4", "CCPR/CO/84/SVN", "A/HRC/23/28"} <= texts
    # Nothing from the URLs in the notes, nor punctuation or glued words at the end.
    assert not any("Shared" in t or "Pages" in t or t.endswith((".", ",")) for t in texts)
    assert "CAT/C/SVN/CO/3" in texts


@pytest.mark.parametrize(
    ("prefix", "own"), [("13", "A/HRC/WG.6/7/SVN/3"), ("15", "A/HRC/WG.6/34/SVN/1")]
)
def test_practice_un_headers(prefix: str, own: str) -> None:
    found = Counter(code_text for code_text, _ in find(_practice(prefix)))
    assert found.most_common(1)[0][0] == own
    assert found[own] >= 13


def test_practice_un_stakeholders_2024() -> None:
    found = [code_text for code_text, _ in find(_practice("16"))]
    assert {"A/HRC/43/15", "A/HRC/43/15/Add.1", "A/HRC/43/2"} <= set(found)
    # OSCE/ODIHR, PTPR/JS3, CM/ResCMN... are not UN symbols.
    assert all(t.startswith("A/HRC/") for t in found)


# --------------------------------------------------------------------------- rendering


@pytest.mark.parametrize(
    ("value", "style", "label", "text"),
    [
        (AmnestyIndex("ASA", "24", "06", 1996), "canonical", False, "ASA 24/06/96"),
        (AmnestyIndex("ASA", "24", "06", 1996), "new", False, "ASA 24/06/1996"),
        (AmnestyIndex("ASA", "24", "06", 1996), "canonical", True, "AI Index: ASA 24/06/96"),
        (AmnestyIndex("EUR", "44", "047", 1993), "canonical", False, "EUR 44/047/1993"),
        (AmnestyIndex("EUR", "44", "047", 1993), "old", False, "EUR 44/047/93"),
        (AmnestyIndex("ASA", "24", "06", 2061), "canonical", False, "ASA 24/06/2061"),
        (IrbCode("KKT", "34458", "E"), "canonical", False, "KKT34458.E"),
        (IrbCode("KKT", "34458", "E"), "bracketed", False, "[KKT34458.E]"),
        (IrbCode("LKA", "8043"), "bracketed", False, "[LKA8043]"),
        (UnSymbol(("A", "HRC", "WG.6", "7", "SVN", "3")), "canonical", False, "A/HRC/WG.6/7/SVN/3"),
        (UnSymbol(("A", "RES", "58", "53")), "canonical", True, "UN Doc. A/RES/58/53"),
    ],
)
def test_render(value: IndexCode, style: str, label: bool, text: str) -> None:
    assert render_index_code(value, style, label=label) == text  # type: ignore[arg-type]
    assert parse_index_code(text) == value


@pytest.mark.parametrize(
    ("value", "style", "label"),
    [
        (AmnestyIndex("ASA", "24", "06", 1996), "bracketed", False),
        (AmnestyIndex("ASA", "24", "06", 2060), "old", False),
        (IrbCode("KKT", "34458", "E"), "old", False),
        (IrbCode("KKT", "34458", "E"), "canonical", True),
        (UnSymbol(("A", "HRC", "25", "63")), "bracketed", False),
    ],
)
def test_render_rejects(value: IndexCode, style: str, label: bool) -> None:
    with pytest.raises(ValueError):
        render_index_code(value, style, label=label)  # type: ignore[arg-type]


def _digits(low: int, high: int) -> st.SearchStrategy[str]:
    return st.from_regex(rf"[0-9]{{{low},{high}}}", fullmatch=True)


amnesty_values = st.builds(
    AmnestyIndex,
    region=st.sampled_from(REGIONS),
    country=_digits(2, 2),
    number=_digits(2, 4),
    year=st.integers(1000, 9999),
)
irb_values = st.builds(
    IrbCode,
    country=st.from_regex(r"[A-Z]{3}", fullmatch=True),
    number=_digits(4, 6),
    language=st.sampled_from([None, "E", "F"]),
)
un_parts = st.one_of(
    st.from_regex(r"[0-9]{1,4}(-[0-9]{1,2})?[A-Z]?", fullmatch=True),
    st.from_regex(r"[A-Z]{1,5}(\.[0-9]{1,3})?", fullmatch=True),
    st.from_regex(r"[A-Z][a-z]{1,5}\.[0-9]{1,2}", fullmatch=True),
)
un_values = st.builds(
    lambda series, rest: UnSymbol((series, *rest)),
    st.sampled_from(SERIES),
    st.lists(un_parts, min_size=2, max_size=6),
)
code_values = st.one_of(amnesty_values, irb_values, un_values)


@settings(max_examples=200)
@given(code_values, st.data())
def test_round_trip(value: IndexCode, data: st.DataObject) -> None:
    for style in styles_for(value):
        text = render_index_code(value, style)
        assert parse_index_code(text) == value
        if not isinstance(value, IrbCode):
            assert parse_index_code(render_index_code(value, style, label=True)) == value
    # In prose, between words, the same code is found with exactly its text.
    style = data.draw(st.sampled_from(styles_for(value)))
    if isinstance(value, IrbCode) and value.language is None:
        style = "bracketed"
    code_text = render_index_code(value, style)
    prose = f"See {code_text}, p. 2."
    found = find(prose)
    assert [v for _, v in found] == [value]
    assert found[0][0] == code_text.strip("[]")


# --------------------------------------------------------------------------- grammar fuzzing

_LABELS = st.sampled_from(
    [
        "AI Index:",
        "Al Index:",
        "AI INDEX:",
        "Index:",
        "Index number:",
        "Index Number:",
        "AI Index",
        "AI Index No.",
        "N° d'index:",
        "Index AI :",
        "Índice AI:",
        "índice:",
    ]
)
_EXPLICIT = {
    "AMNESTY_REGION": st.sampled_from(REGIONS),
    "AMNESTY_COUNTRY": _digits(2, 2),
    "AMNESTY_NUMBER": _digits(2, 4),
    "AMNESTY_YEAR": st.one_of(_digits(2, 2), _digits(4, 4)),
    "AMNESTY_LABEL": _LABELS,
    "IRB_ID": st.from_regex(r"[A-Z]{3}[0-9]{4,6}", fullmatch=True),
    "IRB_LANGUAGE": st.sampled_from([".E", ".F"]),
    "IRB_LABEL": st.sampled_from(
        ["Information Request", "Information Requests", "information\nrequest", "RIR", "RIRs"]
    ),
    "UN_SERIES": st.sampled_from(SERIES),
    "UN_NUMBER": st.from_regex(r"[0-9]{1,4}(-[0-9]{1,2})?[A-Z]?", fullmatch=True),
    "UN_WORD": st.from_regex(r"[A-Z]{1,5}(\.[0-9]{1,3})?", fullmatch=True),
    "UN_LABEL": st.sampled_from(["UN Doc.", "U.N. Doc.", "UN document", "UN Doc:"]),
}


@settings(max_examples=150)
@given(
    from_lark(grammar_parser("index_code", ("index_code",)), start="index_code", explicit=_EXPLICIT)
)
def test_generated_codes_parse(text: str) -> None:
    parse_index_code(text)


@settings(max_examples=150)
@given(from_lark(grammar_parser("index_code", ("mention",)), start="mention", explicit=_EXPLICIT))
# Longer than any fixed window: a UN symbol has no limit on its parts, a label none on its gap.
@example(
    "UN Doc.\xa0\xa0\xa0\n" + "\xa0" * 10 + "ST/0000/Aa.00000000/Aa.00000000000/Aa.000/"
    "Aa.00000000000000000000000/0000-0/Aa.00000000000000/Aa.00000000000000/0000A/0000/Aa.0000/"
    "Aa.0000/0"
)
@example("AI Index:" + " " * 300 + "ASA 24/06/96")
def test_generated_mentions_are_found_whole(text: str) -> None:
    parse_full("index_code", text, "mention")
    matches = list(iter_index_code_matches(text, LineIndex(text)))
    assert len(matches) == 1
    assert (matches[0].span.start, matches[0].span.end) == (0, len(text))
    assert parse_index_code(text) == matches[0].mention.value


# --------------------------------------------------------------------------- arbitrary input

_ANY_TEXT = st.one_of(
    st.text(),
    st.binary().map(lambda b: b.decode("utf-8", "replace")),
    st.lists(
        st.sampled_from(
            [
                "AI Index: ",
                "ASA 24/",
                "06/96",
                "[",
                "]",
                "KKT1234",
                ".E",
                "A/",
                "HRC/",
                "25",
                "/",
                "Add.1",
                " ",
                "\n",
                "x",
                "7",
                "UN Doc. ",
                "http://",
            ]
        )
    ).map("".join),
)


@settings(max_examples=200)
@given(_ANY_TEXT)
def test_parse_never_raises_anything_else(text: str) -> None:
    with contextlib.suppress(GrammarError):
        parse_index_code(text)


@settings(max_examples=200)
@given(_ANY_TEXT, st.integers(-3, 80), st.one_of(st.none(), st.integers(-3, 80)))
@example("A/0/0A1INDEX:ASA00/00/00", 0, None)
def test_iter_never_raises(text: str, start: int, end: int | None) -> None:
    for match in iter_index_code_matches(text, LineIndex(text), start, end):
        mention = match.mention
        assert 0 <= mention.span.start < mention.span.end <= len(text)
        assert text[mention.span.start : mention.span.end] == mention.text
        limit = len(text) if end is None else end
        assert max(0, start) <= match.span.start and match.span.end <= limit
        assert parse_index_code(mention.text) == mention.value
        if match.label is not None:
            # Looking back from the code may find a longer label that the scan, having read
            # something else there first, did not ("A/0/0A1INDEX:ASA00/00/00").
            label = index_code_label(text, mention)
            assert label is not None and label.endswith(match.label)


def test_an_amnesty_code_broken_over_two_lines_is_one_code() -> None:
    text = "follow-ups ASA 21/19/92, ASA\n21/20/92, 26 November.\nASA\n\n21/22/92 stays apart.\n"
    document = provenance.parse(text)
    assert [(m.text, m.span.line) for m in document.index_codes] == [
        ("ASA 21/19/92", 1),
        ("ASA 21/20/92", 1),
    ]


def test_two_un_symbols_joined_by_a_hyphen_are_two_codes() -> None:
    # A UN document given under both its symbols ("E/2003/22-E/C.12/2002/13"); a word joined to
    # a symbol by a hyphen is still no code.
    text = "See E/2003/22-E/C.12/2002/13, annex VI, and the X-E/C.12/1 draft."
    found = [m.text for m in iter_index_codes(text, LineIndex(text))]
    assert found == ["E/2003/22", "E/C.12/2002/13"]


_CANDIDATE_PARTS = [
    *"ASE/20-aix \n[_%Í9",
    "ASA ",
    "24/",
    "AI Index: ",
    "E/C.12/",
    "-E/",
    "UN Doc. ",
    "KKT1234",
    ".E",
    "rir",
    "índice",
]


@given(st.lists(st.sampled_from(_CANDIDATE_PARTS), max_size=10), st.integers(0, 60), st.booleans())
def test_a_candidate_is_found_where_the_candidate_pattern_matches(
    parts: list[str], position: int, cut: bool
) -> None:
    """Scanned from the character before it, a code's candidate is the pattern's own match."""
    text = "".join(parts)
    end = max(0, len(text) - 3) if cut else len(text)
    found = index_codes._CANDIDATE.search(text, position, end)
    assert index_codes._candidate_at(text, position, end) == (found and found.start())

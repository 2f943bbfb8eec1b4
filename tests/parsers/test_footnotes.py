"""Note calls and note-body leads: ``grammars/footnote.lark`` and its reader."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

from provenance.errors import GrammarError
from provenance.folding import matches_at
from provenance.grammars import grammar_parser, parse_full
from provenance.parsers import footnotes
from provenance.parsers.footnotes import (
    iter_call_candidates,
    iter_footnote_markers,
    iter_glued_bodies,
    iter_possible_calls,
    parse_footnote_body_start,
    parse_footnote_marker,
    split_call_run,
)
from provenance.render.footnotes import (
    BODY_STYLES,
    MARKER_STYLES,
    render_footnote_body_start,
    render_footnote_marker,
)
from provenance.span import LineIndex

SEED = Path(__file__).resolve().parents[2] / "seeds" / "001_57fd68c990b575be.txt"


@pytest.mark.parametrize(
    ("text", "number", "style"),
    [
        ("<sup>12</sup>", 12, "sup"),
        ("<SUP>3</SUP>", 3, "sup"),
        ("[7]", 7, "bracket"),
        ("[^7]", 7, "caret-bracket"),
        ("^12", 12, "caret"),
        ("¹²", 12, "unicode"),
    ],
)
def test_marker_styles(text: str, number: int, style: str) -> None:
    assert parse_footnote_marker(text) == (number, style)


@pytest.mark.parametrize("text", ["[1999]", "[05]", "<sup>th</sup>", "^0", "[1000]"])
def test_not_markers(text: str) -> None:
    with pytest.raises(GrammarError):
        parse_footnote_marker(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<sup>2</sup>One refugee estimated", (2, "sup", 12, False)),
        ("6Another result of the above", (6, "glued", 1, True)),
        ("27AI Index: ASA 24/12/95", (27, "glued", 2, True)),
        ("[^3]: See art. 14-5", (3, "caret-bracket", 6, False)),
        ("[1] The report covers", (1, "bracket", 4, False)),
        ("2. Article 7 Report", (2, "plain", 3, False)),
        (" $<sup>24</sup>All\\ names", (24, "sup", 15, False)),
        # A number ending its line, the note's text on the next (PDF text, train 270).
        ("8\nA regulator might", (8, "plain", 2, False)),
        ("8 \n   A regulator might", (8, "plain", 6, False)),
        # A United Nations document of the 1990s: the number and a slash (train 422).
        ("     1/   See A/50/23 (Part III).", (1, "plain", 10, False)),
    ],
)
def test_body_starts(text: str, expected: tuple[int, str, int, bool]) -> None:
    assert parse_footnote_body_start(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "5 000 people", "1999 was a year", "12", "<sup>3</sup>", "x1 y", "[footnote 63].",
        "8\n\nA new paragraph", "8\n1999 was a year", "24/7 service", "12/ 2019 was",
    ],
)  # fmt: skip
def test_not_body_starts(text: str) -> None:
    assert parse_footnote_body_start(text) is None


def test_markers_in_prose_skip_units_and_years() -> None:
    text = "Russia.<sup>2</sup> and [3] and ^4 and 12 km² and x¹² [1999] <sup>th</sup>"
    found = [
        (m.number, m.style, m.span.start) for m in iter_footnote_markers(text, LineIndex(text))
    ]
    assert found == [
        (2, "sup", 7),
        (3, "bracket", 24),
        (4, "caret", 32),
        (12, "unicode", text.index("¹²")),
    ]


def test_a_unit_glued_to_its_figure_keeps_its_exponent() -> None:
    # "9m²" (no space between figure and unit, as UN reports write a cell's living space) is
    # an area like "12 km²"; "item²" after a word that merely ends in "m" is a call.
    text = "7m² per prisoner and 9m² in a cell, a 4 km² camp, an item² here"
    found = [m.number for m in iter_footnote_markers(text, LineIndex(text))]
    assert found == [2]


def test_glued_next_note_and_one_note_a_line() -> None:
    text = "the cities Moscow and St. Petersburg. 27AI Index: ASA 24/12/95, issued"
    assert list(iter_glued_bodies(text, LineIndex(text), 0, len(text))) == [(27, 38, 40)]
    lines = "[1] First note.\n[2] Second note.\n"
    starts = list(iter_glued_bodies(lines, LineIndex(lines), 0, len(lines)))
    assert starts == [(2, 16, 20)]


def test_seed_markers_and_recovered_bodies() -> None:
    text = SEED.read_text(encoding="utf-8")
    # Over the whole text: the calls, and the leads of the notes that kept their <sup>. OCR
    # lost the calls of notes 15 and 16 and glued their numbers to their text.
    numbers = sorted({m.number for m in iter_footnote_markers(text, LineIndex(text))})
    assert numbers == [n for n in range(1, 32) if n not in (15, 16)]


@settings(max_examples=150, deadline=None)
@given(number=st.integers(1, 999), style=st.sampled_from(MARKER_STYLES))
def test_marker_round_trip(number: int, style: str) -> None:
    assert parse_footnote_marker(render_footnote_marker(number, style)) == (number, style)  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(number=st.integers(1, 999), style=st.sampled_from(BODY_STYLES))
def test_body_start_round_trip(number: int, style: str) -> None:
    lead = render_footnote_body_start(number, style)  # type: ignore[arg-type]
    parsed = parse_footnote_body_start(lead + "The note's text.")
    assert parsed is not None
    assert parsed[:2] == (number, style) and parsed[2] == len(lead)
    assert parsed[3] is (style == "glued")


_EXPLICIT = {
    "NOTE_NUMBER": st.integers(1, 999).map(str),
    "SUPERSCRIPT_NUMBER": st.integers(1, 999).map(
        lambda n: str(n).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    ),
}


@settings(max_examples=150, deadline=None)
@given(from_lark(grammar_parser("footnote", ("marker",)), start="marker", explicit=_EXPLICIT))
def test_generated_markers_parse(text: str) -> None:
    parse_full("footnote", text, "marker")


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.binary().map(lambda b: b.decode("utf-8", "replace"))))
def test_arbitrary_text(text: str) -> None:
    with contextlib.suppress(GrammarError):
        parse_footnote_marker(text)
    parse_footnote_body_start(text)
    index = LineIndex(text)
    for marker in iter_footnote_markers(text, index):
        assert 0 <= marker.span.start < marker.span.end <= len(text)
    for _number, lead, start in iter_glued_bodies(text, index, 0, len(text)):
        assert 0 < lead <= start <= len(text)


def test_a_named_bracket_call_as_web_pages_converted_to_text_write_it() -> None:
    assert parse_footnote_marker("[footnote 12]") == (12, "bracket")
    assert parse_footnote_marker("[Note 3]") == (3, "bracket")
    with pytest.raises(GrammarError):
        parse_footnote_marker("[footnote]")


def test_a_named_call_broken_over_two_lines_is_one_call() -> None:
    # A typeset page breaks the line between the label and the number.
    text = "protected by law [footnote\n31] [footnote 32].\n[note\n\n5] stays apart.\n"
    found = [(m.number, m.span.line) for m in iter_footnote_markers(text, LineIndex(text))]
    assert found == [(31, 1), (32, 2)]
    assert parse_footnote_marker("[footnote\n31]") == (31, "bracket")


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("UNDP mobilised US$24.5 million by July.", []),
        ("a 2.6 percent increase", []),
        ("owned by 83.07 percent of people", []),
        ("1.7. 300 beds equipped", []),
        ("2.1 The scope of social media use", []),
        ("Contents\n  3.2.4 The economy", []),
        ("adopted in\n  2022.6 The Committee", [6]),
        ("a camp of 40 km2 and 300 m3 of water", []),
        ("the programme2 and the farm3 were", [2, 3]),
        ("used the Internet in 2022.6 Additionally, phones", [6]),
        ("General Assembly resolution 68/237.6 The Committee", [6]),
        ("coordination structure (April 2020),5 with the", [5]),
        ("Global Integrated Response1 and the WHO", [1]),
        ("normative principles (H3) + operational flexibility (H4)", []),
        ("in Q4 2020 and Annex A1, the", []),
        # An appendix's table, section or figure by its letter and number.
        ("results hold (Table A.12) and in section A.4. Our", []),
        ("as Figures S.3 and Appendix B.2, show", []),
        ("the U.S.12 and the E.U.13 said", [12, 13]),
        ("or the Fragile States Index12\u2014and build", [12]),
        ("as a share of GDP7\u2013an estimate", [7]),
        # A table's cells (train 421): a column after its run of spaces, thousands parted by a
        # space, and a quoted paragraph's number (train 422).
        ("  Total         281 826.4     214 926.3     66 900.1\n", []),
        ("  Variance        4 663.6     237.6\n", []),
        ("  Country coordination     242 834.4     (3 542.0)", []),
        (' would be inserted:\n          "2. Affirms the value', []),
    ],
)
def test_decimals_and_list_labels_are_not_glued_calls(text: str, numbers: list[int]) -> None:
    # After "digit." a number is a call only before a new sentence or the end of a line.
    found = [number for _s, _e, number, _g in iter_call_candidates(text, 0, len(text))]
    assert found == numbers


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("strict warrant protocols to prevent abuse.1314 However, because", [13, 14]),
        ("or a named persons warrant,1516\napproved by", [15, 16]),
        ("the stress of being falsely accused of a crime.363738\n", [36, 37, 38]),
        ("until the OAIC began their investigation into Clearview. 4647 Originally", [46, 47]),
        ("a record low in 2019. 2020 was worse", []),  # a year after a sentence end
        ("the figure rose to 1,234.5678 units", []),
    ],
)
def test_calls_run_together_are_read_as_consecutive_numbers(text: str, numbers: list[int]) -> None:
    # PDF text loses the superscripts of calls in a row and the space between them.
    found = [
        number for _s, _e, number, guessed in iter_call_candidates(text, 0, len(text)) if guessed
    ]
    assert found == numbers


@given(st.integers(min_value=1, max_value=990), st.integers(min_value=2, max_value=4))
def test_a_run_of_consecutive_numbers_splits_back_into_them(first: int, count: int) -> None:
    numbers = list(range(first, first + count))
    digits = "".join(str(n) for n in numbers)
    split = split_call_run(digits)
    if len(digits) == 4 and (digits.startswith(("18", "19", "20"))):
        assert split is None  # may be a year: read as one
    else:
        assert split is not None
        # The shortest first number that makes a run wins; either way it is a run.
        assert split[-1] - split[0] == len(split) - 1
        assert "".join(str(n) for n in split) == digits


def test_the_digits_of_a_code_are_no_run_of_calls() -> None:
    text = "Treatment of returnees [ABC12345.E] and JS1234 were"
    assert [n for _s, _e, n, _g in iter_call_candidates(text, 0, len(text))] == []


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("energy transition minerals 5 or reliance on plastics", [5]),
        ("unsafe disposal of toxic waste, 22\nwhile benefits accrue", [22]),
        ("tackling conflicts of interest 41 in considering", [41]),
        ("improve energy access, 34\nespecially in remote areas", [34]),
        ("At least 6 socioeconomic projects", []),
        ("On 5 May, 12 people were arrested", []),
        ("prices fell by 5 per cent and rose", []),
        ("at least 3 in 10 plants closed", []),
        ("the target 12 governorates.6 They", []),
        ("principles of intergenerational equity, 17\n   common but differentiated", [17]),
        ("and precaution 19\n   should also guide interpretation", [19]),
        ("the overall budget of 12\n   Million was", []),
        ("the principles of equity, 17 common to all", []),
        ("since 7 October 2023, 29 stoking a trend of attacks", [29]),
        ("there were 3 remaining cases and 5 working days", []),
        ("In 2023, 29 people were killed", []),
        # S/2025/239: before a name's apposition, and before a pointer in brackets.
        ("Abdallah Tijani Chaghab, 105 a former SLM-MM colonel", [105]),
        ("neighbourhoods such as Masani 112 (see sect. V)", [112]),
        ("in May, 12 people were killed, a third of them", []),
        ("the total was 12 (including six children)", []),
        # A/80/36: between two items of a list of names (the United Nations' note on Kosovo).
        ("the Congo, Haiti, Iraq, Kosovo, 4 Libya, Mali and Somalia", [4]),
        ("in Haiti, Kosovo, 4 the Sudan and Yemen", [4]),
        ("in Haiti, Kosovo, 4 Libya and Yemen", [4]),
        ("In May, 12 States, including Chad", []),
        ("visits to Haiti, 12 Member States and others", []),
        # E/2025/61 (train 421): before an auxiliary verb, not before "would".
        ("$202.1 million in funding 1 had been recorded against", [1]),
        ("operative paragraph 2 would be replaced by", []),
        ("the list of dangerous goods 2 to the Governments of Member States", [2]),
        ("rose from 2 to 3 per cent", []),
        ("In annex 1 to its report for the year", []),
        ("a comprehensive statistical annex 4 and supplemented by", [4]),
        ("to circulate the amendments 6 to the tenth revised edition", [6]),
        ("the resident coordinator system in complex settings 1 highlighted that", [1]),
        ("Of these, 12 reported that they were", []),
        # A/80/33: calls after the semicolons and quotation marks that end a list's items.
        ("of international peace and security; 3 a further revised version", [3]),
        ("except in the exercise of the right to self-defence; 4 and a revised", [4]),
        ("the Organization\u201d; 12 and a working paper", [12]),
        ("of the Charter\u201d 7 and the Declaration", [7]),
        ("two reports; 3 of them were adopted", []),
        # A/80/39: the call closing a decision's preambular paragraph.
        ("of 21 December 2009, 2\n      Reaffirming further the", [2]),
        ("among Developing Countries, 1\n      Reaffirming also", [1]),
        ("among Developing Countries, 1\n      and also", [1]),
        ("the total rose to 12\n   In 2024", []),
    ],
)
def test_weak_calls_are_numbers_set_apart_before_a_joining_word(
    text: str, numbers: list[int]
) -> None:
    found = [number for _s, _e, number, _g in iter_call_candidates(text, 0, len(text), weak=True)]
    assert found == numbers


@pytest.mark.parametrize(
    "text",
    ["change. (Heltberg et al, 2008:4). An individual", "well-being.” (Ibid, p5). One way"],
)
def test_a_citation_s_page_is_no_glued_note_call(text: str) -> None:
    assert list(iter_call_candidates(text, 0, len(text))) == []


def test_a_number_glued_to_a_sentence_end_is_still_a_call_candidate() -> None:
    text = "coral bleaching, etc.4 The destruction"
    assert [c[2] for c in iter_call_candidates(text, 0, len(text))] == [4]


@pytest.mark.parametrize(
    ("text", "number", "found"),
    [
        ("Conventions Nos. 169 and 1898\n", 8, ["8"]),  # Convention 189, note 8
        ("of the overall $2.35 2 billion is required", 2, ["2"]),
        ("ratified in 2018.", 8, ["8"]),  # as likely a year: a place to look, no more
        ("ratified in 2018 by", 8, []),  # a call ends a phrase
        ("52 per cent of households", 2, []),
        ("  52. In March, the mission", 2, []),  # a paragraph's number
        ("from 52 per cent", 52, []),  # the figure itself is no call
        ("in 2.35 billion", 5, []),  # inside a decimal
        ("in 1898, 1998 and 2008", 8, ["8", "8"]),  # "1998 and" ends no phrase
        # The number itself after a name, a call that kept its space: a place to look.
        ("HRORS103 and CoE-Commissioner 104 made similar", 104, ["104"]),
        ("the Commissioner and 104 others", 104, []),  # after no name: a count
        # After a noun, before a word (train 421): "summary 2 of 33 independent evaluations".
        ("Evaluation Office summary 2 of 33 independent", 2, ["2"]),
        ("the rate rose 2 per cent", 2, []),
        ("households 2 years ago", 2, []),
    ],
)
def test_possible_calls(text: str, number: int, found: list[str]) -> None:
    places = list(iter_possible_calls(text, 0, len(text), number))
    assert [text[start:end] for start, end in places] == found


_SPACED_PIECES = st.sampled_from(
    [" ", "  ", "\t", "\n", ".", ";", ":", "\u201d", '"', "\u2019", ")", "a", "z", ",", "A",
     "\u201c", "1", "12", "123", "1234", "and", "or", "running the", "x"]
)  # fmt: skip


@settings(max_examples=400)
@given(st.lists(_SPACED_PIECES, max_size=25), st.integers(0, 20), st.integers(0, 120))
def test_scans_that_start_with_a_space_match_as_their_look_behind_first_forms(
    pieces: list[str], start: int, end: int
) -> None:
    """The space is matched before the look-behind reads back over it; the forms with the
    look-behind first (the way the patterns were written before) find the same matches."""
    text = "".join(pieces)
    for scan, before in (
        (footnotes._SPACED_CALL, r"(?<=[.;:\u201d\"\u2019)]) (\d{1,3})"),
        (footnotes._INNER_CALL, r"(?<=[a-z,;\u201d]) (\d{1,3})"),
    ):
        rest = scan.pattern[scan.pattern.index(")(") + 1 + len(r"(\d{1,3})") :]
        first = re.compile(before + rest)
        expected = [(m.span(), m.span(1)) for m in first.finditer(text, start, end)]
        assert [(m.span(), m.span(1)) for m in scan.finditer(text, start, end)] == expected


_DIGIT_PIECES = st.sampled_from(
    ["1", "12", "123", "0", "07", "1999", "2013", "201332", "19", "20", "363738", "1314",
     "\u0663", "\u00b2", "a", "Z", "p", "pp.", ".", ",", ";", ":", ")", "]", "\u201d", "\u2019",
     " ", "\t", "\n", "-", "$", "word"]
)  # fmt: skip


@settings(max_examples=500)
@given(st.lists(_DIGIT_PIECES, max_size=25), st.integers(0, 30), st.integers(0, 150))
def test_scans_tried_at_digit_runs_find_what_finditer_finds(
    pieces: list[str], start: int, end: int
) -> None:
    """The glued-call, call-run and year-glued scans, matched only where a run of digits
    starts (or four digits after), find what the same patterns' ``finditer`` finds; the one
    scan of digit runs finds the offsets two scans (from ``start``, and from four characters
    back for the years) found."""
    text = "".join(pieces)
    runs, years = footnotes._digit_runs(text, start, end)
    digits = re.compile(r"\d+")
    assert runs == [run.start() for run in digits.finditer(text, start, end)]
    assert years == [
        run.start() + 4
        for run in digits.finditer(text, max(0, start - 4), end)
        if start <= run.start() + 4 < run.end()
    ]

    def spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
        return [match.span() for match in matches]

    for pattern in (footnotes._GLUED_CALL, footnotes._CALL_RUN):
        expected = spans(pattern.finditer(text, start, end))
        assert spans(matches_at(pattern, text, runs, end)) == expected
    expected = spans(footnotes._YEAR_GLUED_CALL.finditer(text, start, end))
    assert spans(matches_at(footnotes._YEAR_GLUED_CALL, text, years, end)) == expected


_CALL_START_PIECES = st.sampled_from(
    ["<", "<sup>", "<SUP>", "<Sup>", "[", "[^", "^", "[1", "[^2", "^3", "[note ", "[Footnote\n",
     "[fn\t", "[endnote", "[NOTE ", "\u00b9", "\u00b2", "\u2074", "\u2079", "\u2070", "1", "0",
     "9", "a", "s", "u", "p", ">", " ", "\n", "]", "note", "x"]
)  # fmt: skip


@settings(max_examples=500)
@given(st.lists(_CALL_START_PIECES, max_size=25), st.integers(0, 30), st.integers(0, 150))
def test_note_call_candidates_are_the_alternation_s_matches(
    pieces: list[str], start: int, end: int
) -> None:
    """The candidate scan that matches a call's first character by one set finds what the
    plain alternation of the call openings finds, in any range."""
    text = "".join(pieces)
    alternation = re.compile(
        r"<(?i:sup)>|\[\^?[1-9]|\[(?i:footnote|endnote|note|fn)[ \t\r\n]|\^[1-9]"
        "|[\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079]"
    )
    expected = [m.span() for m in alternation.finditer(text, start, end)]
    assert [m.span() for m in footnotes._MARKER_CANDIDATE.finditer(text, start, end)] == expected


def test_body_start_first_characters_are_the_grammars() -> None:
    # ``_body_start`` reads no line that opens with another character: every terminal the rule
    # can open with begins with one of them, and no ignored terminal comes before it.
    from provenance.first_chars import first_chars
    from provenance.grammars import multi_start_parser
    from provenance.lalr import driver

    built = multi_start_parser("footnote", ("body_start",))
    drive = driver(built)
    assert drive is not None
    assert not built.lexer_conf.ignore
    opening = [name for name in drive.states[drive.start_states["body_start"]] if name.isupper()]
    assert opening
    for name in opening:
        chars = first_chars(built.get_terminal(name).pattern.to_regexp())
        assert chars is not None and set(chars) <= footnotes.BODY_START_FIRST, name


@settings(max_examples=300)
@given(st.text(alphabet=' \t1234567890¹²⁰<sup>[]^$:.AbZ"(', max_size=24))
def test_body_start_skips_only_what_the_grammar_refuses(text: str) -> None:
    lead = len(text) - len(text.lstrip())
    if text[lead : lead + 1] not in footnotes.BODY_START_FIRST:
        assert footnotes.parse_prefix(footnotes._GRAMMAR, text, "body_start", lead) is None


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        # S/2025/239: a heading's call after its last word, the heading a block of its own.
        ("para.\n\nFour-wheel drive vehicles 100\n92. In October", [100]),
        ("A.\n\nExternal support to RSF 101\n95. As part", [101]),
        ("\nNyala airlift: alternative supply 107\n100. Between", [107]),
        # A/HRC/WG.6/34/SVN/3: a UN heading may run to a whole line.
        (
            "prisoners. 49\n\n           Fundamental freedoms and the right to participate in "
            "public and political life 50\n           26.    OSCE/ODIHR stated",
            [49, 50],
        ),
        # A label, not a heading with a call; a sentence going on; a line inside a paragraph.
        ("shown.\n\nMap 1\nExpansion of criminal groups", []),
        ("\n\nThe attack killed at least 25\nPalestinians in the camp", []),
        ("\n\nThe Resistance Front claimed to have carried out 53\nand 21 attacks", []),
        ("\n\nSection B of the report, 12\n13. Next", []),
        ("the period.\nRSF logistics 103\n96. In June", []),
    ],
)
def test_a_number_closing_a_short_heading_block_is_a_call(text: str, numbers: list[int]) -> None:
    found = [number for _s, _e, number, _g in iter_call_candidates(text, 0, len(text))]
    assert found == numbers


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        # A/HRC/EMRIP/2025/3 in ``pdftotext -layout``: two superscripts spaced out.
        ("environmental sustainability. 11 , 12 The 2030 Agenda", [11, 12]),
        ("as the seminar heard. 4, 5\n   In its general comment", [4, 5]),
        ("adopted in 2015. 3, 2 The", []),  # counting down: figures, not calls
        ("paid 11, 12 The", []),  # not after a sentence's end
    ],
)
def test_two_spaced_calls_with_a_comma_between_them_are_guesses(
    text: str, numbers: list[int]
) -> None:
    found = [
        number for _s, _e, number, guessed in iter_call_candidates(text, 0, len(text)) if guessed
    ]
    assert found == numbers


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        # United Nations documents of the 1990s (train 422): the number and a slash after a space.
        ("with 22 abstentions. 2/ The voting was as follows:", [2]),
        ("relating to item 89, 1/ as well as the", [1]),
        ("The voting was as follows: 3/\n     In favour:", [3]),
        ("(see para. 12). 4/ The voting was as follows: 5/", [4, 5]),
        ('administration", 8/ and recalling', [8]),
        # A symbol's or a resolution's number is no call, nor a fraction or a date.
        ("see A/50/23 (Part III) and A/AC.109/2013", []),
        ("its resolution 46/\n181 of 19 December", []),
        ("some 1/ 2 of the votes on 12/10/1995", []),
    ],
)
def test_a_number_and_a_slash_after_a_space_is_a_call(text: str, numbers: list[int]) -> None:
    found = [number for _s, _e, number, _g in iter_call_candidates(text, 0, len(text))]
    assert found == numbers


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        # PDF text moved the superscript to the next line's start; the space stayed above.
        ("in reducing improper payments. \n1The participants were", [1]),
        ("Financing Administration; \n2the Social Security", [2]),
        ("actions taken by the study participants \n4to reduce improper", [4]),
        # A glued note body opens its line after a line that ends without that space.
        ("in their programs.\n6See also Internal Control", []),
        # Ordinals, labels, decades and years are no calls.
        ("Office of Borders and Immigration \n15th Floor North Tower", []),
        ("the next frontier of \n21st-century collective", []),
        ("a printer that sets \n3D models", []),
        ("in their late 40s and early \n50s, and the new guard", []),
        ("the figures for \n2019The year", []),
        ("a code \n0The", []),
    ],
)
def test_a_call_moved_to_the_next_line_start_is_a_guessed_candidate(
    text: str, numbers: list[int]
) -> None:
    found = [
        (number, guessed) for _s, _e, number, guessed in iter_call_candidates(text, 0, len(text))
    ]
    assert found == [(number, True) for number in numbers]

"""The one-loop LALR parse gives what Lark's own parse gives: the same tree, token for token, and
the same error (offset and expected terminals) where Lark fails."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput
from lark.lexer import LexerState, LineCounter
from lark.utils import TextSlice

from provenance import grammars
from provenance.errors import GrammarError
from provenance.lalr import driver, longest_prefix, parse_whole
from provenance.parsers import references


def _shape(node: Any) -> list[Any]:
    """Everything Lark puts in a tree: rule names, and every field of every token."""
    if isinstance(node, Token):
        return [
            (
                node.type,
                node.value,
                node.start_pos,
                node.line,
                node.column,
                node.end_line,
                node.end_column,
                node.end_pos,
            )
        ]
    assert isinstance(node, Tree)
    shape: list[Any] = [("tree", node.data, len(node.children))]
    for child in node.children:
        shape.extend(_shape(child))
    return shape


def _lark_reading(built: Lark, name: str, text: str, start: str) -> Any:
    try:
        return _shape(built.parse(text, start=start))
    except UnexpectedInput as error:
        # Where Lark stopped, and what it expected there (its contextual lexer names the
        # terminals it tried as ``allowed``, its parser the ones the state takes as ``expected``).
        expected = getattr(error, "expected", None) or getattr(error, "allowed", None) or ()
        return ("error", error.pos_in_stream or 0, frozenset(expected))


def _our_reading(built: Lark, name: str, text: str, start: str) -> Any:
    try:
        return _shape(parse_whole(built, name, text, start))
    except GrammarError as error:
        return ("error", error.position, error.expected)


_REFERENCE_TEXTS = [example.text for style in references.ENTRY_STYLES for example in style.examples]


def _variants(text: str) -> list[str]:
    """The text, cut short at a few places (most cuts fail, at the end or before), and on lines."""
    cuts = {len(text) // 3, len(text) // 2, len(text) - 1, len(text) - 5}
    return [
        text,
        text.replace(". ", ".\n", 2),
        "",
        *(text[:cut] for cut in sorted(cuts) if cut > 0),
    ]


@pytest.mark.parametrize("text", _REFERENCE_TEXTS)
def test_reference_styles_read_as_lark_reads_them(text: str) -> None:
    built = grammars.multi_start_parser("reference", references._STARTS)
    assert driver(built) is not None
    for variant in _variants(text):
        for start in references._STARTS:
            assert _our_reading(built, "reference", variant, start) == _lark_reading(
                built, "reference", variant, start
            ), (variant, start)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="19 Jan.,()Smith2003-:/\n\"'abc", max_size=40))
def test_dates_read_as_lark_reads_them(text: str) -> None:
    built = grammars.parser("date")
    assert _our_reading(built, "date", text, "start") == _lark_reading(built, "date", text, "start")


_TOY = r"""
start: item+
item: WORD NUMBER? ";" | "to" WORD ";"
WORD: /[a-z]+/
NUMBER: /[0-9]+/
%import common.WS
%ignore WS
"""


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab to 12;\n\t", max_size=30))
def test_ignored_text_newlines_and_retyped_words(text: str) -> None:
    """Whitespace and line breaks are skipped but counted, and "to" (a string that the WORD
    pattern also matches whole) is retyped as Lark retypes it."""
    built = Lark(_TOY, parser="lalr", lexer="contextual", maybe_placeholders=False)
    assert driver(built) is not None
    assert _our_reading(built, "toy", text, "start") == _lark_reading(built, "toy", text, "start")


_SPACED = r"""
start: item+
item: WORD AND? ";" | NUMBER ";"
WORD: /[a-z]+/
AND: /\s+and(?![a-z])/
NUMBER: /[^\sa-z;]+/
%import common.WS
%ignore WS
"""


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab and 12;\n\t", max_size=30))
def test_spaces_stepped_over_only_where_nothing_else_begins_with_one(text: str) -> None:
    """A space is stepped over without the lexer in a state where only the ignored white
    space can begin at one (before a word or a number), never where a terminal may begin with
    one (``AND`` after a word): the readings are Lark's either way."""
    built = grammars._without_error_scanner(
        Lark(_SPACED, parser="lalr", lexer="contextual", maybe_placeholders=False)
    )
    drive = driver(built)
    assert drive is not None
    assert _our_reading(built, "spaced", text, "start") == _lark_reading(
        built, "spaced", text, "start"
    )
    parse_whole(built, "spaced", "ab and; cd ;\n12 ;", "start")
    stepped = set()
    for state, found in drive.lexers.items():
        spaces = found[-1]
        fits = {name for name, _ in found[0]._fits(" ")}
        assert spaces is None if "AND" in fits else spaces == frozenset(" \t\f\r\n"), state
        stepped.add(spaces is not None)
    assert stepped == {True, False}


def test_a_parser_it_cannot_drive_is_parsed_by_lark() -> None:
    built = Lark(_TOY, parser="lalr", lexer="basic", maybe_placeholders=False)
    assert driver(built) is None
    assert _shape(parse_whole(built, "toy", "to x;", "start")) == _shape(built.parse("to x;"))
    with pytest.raises(GrammarError) as raised:
        parse_whole(built, "toy", "to ;", "start")
    assert raised.value.position == 3


# Pieces of constructs and of the prose around them, so that a window often starts one, often
# almost does, and often does not.
_PIECES = [
    "12", "1.", "<sup>3</sup>", "[4]", "^6", " ", "\n", "May", "15 May 2000", "2004-07-30",
    "the 1990s", "mid-", "Section 4", "para. 12", "see", "http://www.example.org/a",
    "AI Index: ASA 24/06/96", "A", "(", ")", ".", ",", "between 24 and 26 May 2002", "Annex 3",
]  # fmt: skip
_PREFIX_GRAMMARS = [
    ("footnote", "body_start"),
    ("footnote", "marker"),
    ("date", "start"),
    ("crossref", "crossref"),
    ("url", "url"),
    ("index_code", "mention"),
]


def _lark_prefix(lark_longest_prefix: Any, name: str, start: str, text: str, pos: int) -> Any:
    """Lark's interactive parser fed token by token from ``pos`` (a line counter at ``pos``)."""
    interactive = grammars.parser(name, start).parse_interactive("")
    counter = LineCounter("\n")
    counter.char_pos = pos
    interactive.lexer_thread.state = LexerState(TextSlice(text, pos, len(text)), counter)
    found = lark_longest_prefix(interactive)
    return None if found is None else (_shape(found[0]), found[1])


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(_PREFIX_GRAMMARS),
    st.lists(st.sampled_from(_PIECES), max_size=6).map("".join),
    st.integers(min_value=0, max_value=4),
)
def test_longest_prefixes_read_as_lark_reads_them(
    lark_longest_prefix: Any, grammar: tuple[str, str], text: str, pos: int
) -> None:
    name, start = grammar
    pos = min(pos, len(text))
    found = longest_prefix(grammars.parser(name, start), start, text, pos, len(text))
    ours = None if found is None else (_shape(found[0]), found[1])
    assert ours == _lark_prefix(lark_longest_prefix, name, start, text, pos)


def test_states_matched_by_lark_alternation_read_the_same(
    monkeypatch: pytest.MonkeyPatch, lark_longest_prefix: Any
) -> None:
    """Once a state is busy, its scanner's alternations of the terminals that can begin with
    each character are called directly: with every state switched at once, the reference
    examples and a few dates read as Lark reads them."""
    monkeypatch.setattr(grammars, "_MATCHES_BEFORE_ALTERNATION", 0)
    built = grammars.multi_start_parser("reference", references._STARTS)
    for text in _REFERENCE_TEXTS:
        for variant in _variants(text):
            for start in references._STARTS:
                assert _our_reading(built, "reference", variant, start) == _lark_reading(
                    built, "reference", variant, start
                ), (variant, start)
    dates = grammars.parser("date")
    for text in ["15 May 2000", "May 2000", "2004-07-30", "mid-1990s", "19 Jan. 2003, 12"]:
        for cut in range(len(text) + 1):
            window = text[:cut]
            assert _our_reading(dates, "date", window, "start") == _lark_reading(
                dates, "date", window, "start"
            )
            found = longest_prefix(dates, "start", text, cut, len(text))
            ours = None if found is None else (_shape(found[0]), found[1])
            assert ours == _lark_prefix(lark_longest_prefix, "date", "start", text, cut)
    switched = [
        lexer.scanner
        for lexer in built.parser.lexer.lexers.values()
        if getattr(lexer.scanner, "by_char", None)
    ]
    assert switched  # the direct path was taken

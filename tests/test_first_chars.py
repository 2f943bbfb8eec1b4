from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import grammars
from provenance.first_chars import can_begin_with, case_blind, first_chars, required_words

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

#: Characters without case that ``can_begin_with`` is asked about over the terminals.
_UNCASED = " \t\n.,;:()[]-/0\u00a0"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("abc", "a"),
        ("[a-c]x|d", "abcd"),
        ("(?:x)?y", "xy"),
        ("x{0}y", "y"),
        (r"\bfoo\b", "f"),
        (r"(?<![\w'])(?=a)b", "b"),  # assertions read nothing: the answer may be wider
        (r"(?i:\.)x", "."),  # a case-blind character without case is itself
        (r"[\d]", "".join(sorted(c for c in map(chr, range(0x110000)) if c.isdecimal()))),
        (r"(?a:\d)", "0123456789"),
        (r"(?>ab)|c", "ac"),
        ("(?i:ab)", "Aa"),  # a case-blind ASCII letter: both cases
        ("(?i)ab", "Aa"),
        ("(?i:s|k)", "KSks\u017f\u212a"),  # and the long s and the Kelvin sign
        ("(?i:[h-j])", "HIJhij\u0130\u0131"),  # and the dotted and dotless i
        ("(?i:jan|feb|1)", "1FJfj"),
    ],
)
def test_first_chars_of_patterns(pattern: str, expected: str) -> None:
    assert first_chars(pattern) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        "(?i:éa)",  # a case-blind letter outside ASCII: not worked out
        "(?i:[a-é])",
        "[^a]",
        ".",
        r"\w",
        r"\S",
        "a*",  # can match empty: any character
        "(a)?(?(1)b|c)",  # a conditional: not worked out
        "(?:",  # not a pattern
    ],
)
def test_first_chars_unknown(pattern: str) -> None:
    assert first_chars(pattern) is None


@pytest.mark.parametrize(
    ("pattern", "char", "expected"),
    [
        (r"[^\s.,;]+(?:\.[^\s.,;]+)*", " ", False),  # a negated set that holds the space
        (r"[^\s.,;]+", ".", False),
        (r"[^\s.,;]+", "-", True),
        (r"\S[\s\S]*", " ", False),  # a negated category
        (r"\S[\s\S]*", "\t", False),
        (r"\w+", " ", False),
        (r"\W", " ", True),
        (r"[^\S]", " ", True),  # negated twice
        (r"(?a:\D)", " ", True),
        (r"[(\[]?\s*(?i:accessed)", " ", True),  # optional items before a space
        (r"[(\[]?\s*(?i:accessed)", "(", True),
        (r"[(\[]?\s*(?i:accessed)", ".", False),
        (r"(?i: )", " ", True),
        (r"(?=\s)x", " ", False),  # assertions read nothing: the answer may be wider
        (r"x|(?:y| )", " ", True),
        (r"x{0} ", " ", True),
        ("a*", " ", True),  # can match empty
        ("(a)?(?(1)b|c)", " ", True),  # a conditional: not worked out
        ("[^a]", "A", True),  # a character with case: not worked out
        ("(?:", " ", True),  # not a pattern
    ],
)
def test_can_begin_with(pattern: str, char: str, expected: bool) -> None:
    assert can_begin_with(pattern, char) is expected


_ASKED = [
    r"[^\s.,;:\[\]()]+", r"\S[\s\S]*", r"\w+(?:\s\w+)?", r"[^\S\n]+x", r"(?:\d|\W)\w",
    r"[(\[]?\s*(?i:on)", r"\D", r"(?a:\w)", r"[\t-\r]", r"[^\d\s]",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(_ASKED),
    st.sampled_from([*_UNCASED, "\u2003", "\u0663", "_", "\x0b", "\x1c", "\u00b2"]),
    st.text(alphabet=" \t\nxyon1٣_.(", max_size=4),
)
def test_can_begin_with_as_the_regex_engine_matches(pattern: str, char: str, rest: str) -> None:
    """A pattern said not to begin with a character never matches at it, whatever follows."""
    if not can_begin_with(pattern, char):
        assert re.match(pattern, char + rest) is None


def test_case_blind_flag_passed_in() -> None:
    assert first_chars("ab", re.IGNORECASE) == "Aa"
    assert first_chars("éb", re.IGNORECASE) is None
    assert first_chars("1b", re.IGNORECASE) == "1"


def test_case_blind_letters_are_every_character_the_regex_engine_matches_to_them() -> None:
    """Over every code point: a character a case-blind ASCII letter matches is one of that
    letter's ``case_blind`` characters, and each of those matches it."""
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    any_letter = re.compile("[a-zA-Z]", re.IGNORECASE)
    matched = [chr(code) for code in range(0x110000) if any_letter.fullmatch(chr(code))]
    for letter in letters:
        folds = case_blind(letter)
        assert folds is not None
        regex = re.compile(re.escape(letter), re.IGNORECASE)
        assert {char for char in matched if regex.fullmatch(char)} == set(folds), letter
    assert set(matched) == {char for letter in letters for char in case_blind(letter) or ""}
    assert case_blind("é") is None
    assert case_blind("1") is None


@cache
def _terminal_patterns() -> tuple[tuple[str, list[int] | None, re.Pattern[str]], ...]:
    """Every terminal a check of the seeds tries: its pattern, the bounds of its first
    characters as the parser cache keeps them, and a scan of where it matches (a lookahead, so
    that overlapping matches are all found)."""
    from provenance.checking import check
    from provenance.document import parse_document

    for path in sorted(SEEDS.glob("*.txt")):
        check(parse_document(path.read_text(encoding="utf-8")))
    patterns = {pattern for pattern, flags in grammars._TERMINAL_REGEXES if not flags}
    assert patterns
    return tuple(
        (pattern, grammars._first_bounds(first_chars(pattern)), re.compile(f"(?=(?:{pattern}))"))
        for pattern in sorted(patterns)
    )


def _assert_matches_begin_with_first_chars(text: str) -> None:
    for pattern, bounds, scan in _terminal_patterns():
        ruled_out = [char for char in _UNCASED if not can_begin_with(pattern, char)]
        for found in scan.finditer(text):
            start = found.start()
            assert start < len(text), pattern  # no terminal matches empty
            at = (pattern, text[start : start + 30])
            assert bounds is None or bisect_right(bounds, ord(text[start])) & 1, at
            assert text[start] not in ruled_out, at


def test_every_terminal_known_to_begin_with_some_characters() -> None:
    known = [bounds for _, bounds, _ in _terminal_patterns() if bounds is not None]
    assert len(known) > len(_terminal_patterns()) / 2
    for pattern, bounds, _ in _terminal_patterns():
        if bounds is not None:
            chars = first_chars(pattern)
            assert chars is not None
            assert all(bisect_right(bounds, ord(char)) & 1 for char in chars)
            assert len(bounds) == len(set(bounds)) and bounds == sorted(bounds)


@pytest.mark.parametrize("seed", ["001", "002", "004"])
def test_terminal_matches_in_seeds_begin_with_their_first_characters(seed: str) -> None:
    (path,) = SEEDS.glob(f"{seed}_*.txt")
    _assert_matches_begin_with_first_chars(path.read_text(encoding="utf-8"))


_PIECES = st.sampled_from(
    [*"aAzZ09 .,;:()[]-–/\n\t'’\"§&", "٣", "١٢", "ſ", "K", "İ", "ı", "No.", "vol.", "p. 12",
     "May", "1995", "ASA 24/12/95", "ibid.", "See section 3.3", "UN Doc.", "[Accessed"]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_terminal_matches_in_any_text_begin_with_their_first_characters(text: str) -> None:
    _assert_matches_begin_with_first_chars(text)


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("abc", ("abc",)),
        ("ab+c(?:de|fgh)", ("de", "fgh")),
        ("(?i:X?Yz)", ("yz",)),
        ("e-?mails?|fax", ("mail", "fax")),
        ("[ab]c*", None),
        ("a|[bc]", None),
        ("(?=abc)d", ("d",)),
        ("é", None),
    ],
)
def test_required_words_are_taken_from_the_patterns_syntax(
    pattern: str, words: tuple[str, ...] | None
) -> None:
    assert required_words(pattern) == words

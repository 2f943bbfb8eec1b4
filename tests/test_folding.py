"""``folding``: lower-cased pieces of a long text, scanned as if it were lower-cased whole."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import folding
from provenance.folding import caseless_starts, join_soft_breaks, lowered_pieces
from provenance.parsers.dates import _candidates
from provenance.rules.corroboration import _trigger_offsets, compile_triggers

_ALPHABET = st.sampled_from(list("ab Ab\n\u2019İ1 May 19ä"))


def _find_all(text: str, stems: list[str], piece: int) -> list[int]:
    found = []
    for part in lowered_pieces(text, after=max(map(len, stems)), piece=piece):
        if part.lowered is None:
            pattern = re.compile("|".join(map(re.escape, stems)), re.IGNORECASE)
            found += [m.start() for m in pattern.finditer(text, part.first, part.stop)]
            continue
        for stem in stems:
            position = part.lowered.find(stem, part.first - part.origin)
            while position != -1 and part.origin + position < part.stop:
                found.append(part.origin + position)
                position = part.lowered.find(stem, position + 1)
    return sorted(found)


def test_pieces_cover_the_range_once_in_order() -> None:
    pieces = list(lowered_pieces("ABCDEFGHIJ", 1, 9, before=2, after=3, piece=3))
    assert [(p.first, p.stop) for p in pieces] == [(1, 4), (4, 7), (7, 9)]
    assert pieces[1].origin == 2 and pieces[1].lowered == "cdefghi"
    assert pieces[2].lowered == "fghi"  # never past the end of the range


def test_an_empty_range_has_no_pieces() -> None:
    assert list(lowered_pieces("", 0)) == []
    assert list(lowered_pieces("abc", 2, 2)) == []


def test_a_piece_whose_length_changes_when_lowered_is_left_to_a_case_blind_scan() -> None:
    (piece,) = lowered_pieces("İstanbul", piece=64)
    assert piece.lowered is None


@given(st.text(_ALPHABET, max_size=200), st.integers(1, 40))
def test_stems_across_piece_boundaries_are_found_once(text: str, piece: int) -> None:
    stems = ["ab", "may 19"]
    whole = text.lower()
    if len(whole) == len(text):
        expected = sorted(
            i for stem in stems for i in range(len(whole)) if whole.startswith(stem, i)
        )
        assert _find_all(text, stems, piece) == expected


@given(st.text(_ALPHABET, max_size=300))
def test_trigger_offsets_match_a_whole_text_search(text: str) -> None:
    triggers = compile_triggers(["ab", "May"])
    lowered = text.lower()
    if len(lowered) == len(text):
        expected = sorted(
            i for stem in ("ab", "may") for i in range(len(text)) if lowered.startswith(stem, i)
        )
        assert _trigger_offsets(text, triggers) == expected


def test_date_candidates_straddling_a_piece_boundary_are_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = ("x " * 50 + "on 1 May 1999 and 2 June 2000. ") * 3
    whole = list(_candidates(text, 0, len(text)))
    assert len(whole) >= 12
    for size in (7, 13, 64):
        monkeypatch.setattr(folding, "PIECE", size)
        assert list(_candidates(text, 0, len(text))) == whole


@given(
    st.text(alphabet=st.sampled_from(list("ab \t\f\n\x1c\u2028\u3000")), max_size=80),
    st.sampled_from([" ", ""]),
)
def test_squeeze_spaces_a_piece_at_a_time_is_split_and_join(text: str, joiner: str) -> None:
    # Pieces of three characters: every place a piece can end, inside runs of spaces or not.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(folding, "_WORDS_PIECE", 3)
        assert folding.squeeze_spaces(text, joiner) == joiner.join(text.split())


# ------------------------------------------------------------------------- caseless_starts


def test_caseless_ascii_twins_are_all_a_case_blind_regex_takes_for_a_letter() -> None:
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    letters = re.compile("[a-z]", re.IGNORECASE)
    twins = {match.group() for match in letters.finditer(everything)} - set(string.ascii_letters)
    assert twins == set(folding.CASELESS_ASCII_TWINS)


_LITERALS = ("information", "data", "of", "per", "%", "(")
_CASELESS_PIECES = st.sampled_from(
    ["information", "INFORMATION", "Data", "daTa", "OF", "of", "Per", "%", "(", "in", "forma",
     "da", " ", ".", "\u00e9", "\u0130", "\u017f", "\u212a", "\u0131", "\u00df", "\n"]
)  # fmt: skip


@settings(max_examples=300)
@given(st.lists(_CASELESS_PIECES, max_size=30))
def test_caseless_starts_hold_every_start_a_case_blind_regex_matches(pieces: list[str]) -> None:
    text = "".join(pieces)
    starts = caseless_starts(text, _LITERALS)
    if starts is None:
        twins = any(c in text for c in folding.CASELESS_ASCII_TWINS)
        assert twins or len(text.lower()) != len(text)
        return
    regex = re.compile("|".join(map(re.escape, _LITERALS)), re.IGNORECASE)
    matched = {p for p in range(len(text)) if regex.match(text, p)}
    assert matched <= set(starts)
    assert list(starts) == sorted(starts)


@settings(max_examples=300)
@given(st.lists(_CASELESS_PIECES, max_size=30), st.integers(0, 60), st.integers(0, 200))
def test_caseless_starts_in_a_range(pieces: list[str], start: int, end: int) -> None:
    """Within ``text[start:end]``: every start of a case-blind match searched up to ``end``."""
    text = "".join(pieces)
    starts = caseless_starts(text, _LITERALS, start, end)
    if starts is None:
        twins = any(c in text[start:end] for c in folding.CASELESS_ASCII_TWINS)
        assert twins or len(text[start:end].lower()) != len(text[start:end])
        return
    regex = re.compile("|".join(map(re.escape, _LITERALS)), re.IGNORECASE)
    matched = {p for p in range(start, end) if regex.match(text, p, end)}
    assert matched <= set(starts)
    assert all(start <= p < end for p in starts)
    assert list(starts) == sorted(starts)


def test_caseless_starts_across_pieces() -> None:
    """A literal that runs over the end of a lower-cased piece is still found, once."""
    text = "x" * (folding.PIECE - 4) + "No Information here. data"
    found = caseless_starts(text, ("information", "data"))
    assert found is not None and list(found) == [folding.PIECE - 1, folding.PIECE + 17]
    assert caseless_starts("\u017fome data", ("data",)) is None
    assert caseless_starts("some data", ("dat\u00e4",)) is None


def test_matches_at_finds_what_finditer_finds_from_the_given_starts() -> None:
    import re

    from provenance.folding import matches_at

    pattern = re.compile(r"ab+|b")
    text = "xabbb b ab"
    starts = [i for i in range(len(text)) if text[i] in "ab"]
    found = [(m.start(), m.end()) for m in matches_at(pattern, text, starts, len(text))]
    assert found == [(m.start(), m.end()) for m in pattern.finditer(text)]
    # The "b"s inside "abbb" are offsets too, but a match never overlaps the one before.
    assert found == [(1, 5), (6, 7), (8, 10)]
    # Nor runs past ``end``: "ab" cut to "a" matches nothing.
    assert [m.start() for m in matches_at(pattern, text, starts, 9)] == [1, 6]


def test_join_soft_breaks_makes_a_word_broken_over_a_line_whole() -> None:
    assert join_soft_breaks("(In\u00ad\nternal Displacement") == "(Internal Displacement"
    assert join_soft_breaks("Catta\u00adneo") == "Cattaneo"
    assert join_soft_breaks("no break - here") == "no break - here"

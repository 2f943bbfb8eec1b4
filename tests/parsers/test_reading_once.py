"""Constructs are not parsed twice, and a candidate that cannot start one costs no parse.

``grammars.parse_prefix`` stops at the first character no terminal of the first parser state
matches, having made no interactive parser; ``references._parse_as`` keeps its latest answers;
``parse_footnote_body_start`` keeps its answer for a line. None of that may change what is read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance import grammars
from provenance.errors import GrammarError
from provenance.parsers import footnotes, references
from provenance.parsers.footnotes import parse_footnote_body_start

# Pieces of the constructs and of the prose around them, so that generated windows often start
# a construct, often almost do, and often do not.
_PIECES = [
    "12", "1.", "27", "<sup>3</sup>", "[4]", "[^5]", "^6", "²", "$", " ", "\t", "\n", "May",
    "15 May 2000", "2004-07-30", "the 1990s", "mid-", "Section 4", "para. 12", "see",
    "http://www.example.org/a", "AI Index: ASA 24/06/96", "A", "Another", "(", ")", ".", ",",
    "between 24 and 26 May 2002", "note", "Chapter II", "Annex 3",
]  # fmt: skip
_GRAMMARS = [
    ("footnote", "body_start"),
    ("footnote", "marker"),
    ("date", "start"),
    ("crossref", "crossref"),
    ("url", "url"),
    ("index_code", "mention"),
]


def _without_quick_reject(
    lark_longest_prefix: Callable[[Any], object], name: str, start: str, window: str
) -> object:
    return lark_longest_prefix(grammars.parser(name, start).parse_interactive(window))


def _reading(found: object) -> object:
    return None if found is None else (found[1], found[0])  # type: ignore[index]


@given(
    st.sampled_from(_GRAMMARS),
    st.lists(st.sampled_from(_PIECES), max_size=6).map("".join),
    st.integers(min_value=0, max_value=4),
)
def test_the_quick_reject_never_changes_a_reading(
    lark_longest_prefix: Callable[[Any], object], grammar: tuple[str, str], text: str, pos: int
) -> None:
    name, start = grammar
    pos = min(pos, len(text))
    window = text[pos:]
    assert _reading(grammars.parse_prefix(name, text, start, pos)) == _reading(
        _without_quick_reject(lark_longest_prefix, name, start, window)
    )


def test_a_candidate_no_first_terminal_matches_makes_no_interactive_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built = grammars.parser("footnote", "body_start")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an interactive parser was made")

    monkeypatch.setattr(built, "parse_interactive", refuse)
    assert grammars.parse_prefix("footnote", "The report says", "body_start") is None
    assert grammars.parse_prefix("footnote", "", "body_start") is None


def test_a_line_is_read_as_a_note_start_once() -> None:
    footnotes._cached_body_start.cache_clear()
    first = parse_footnote_body_start("12 See the report of 1999.")
    again = parse_footnote_body_start("12 See the report of 1999.")
    assert first == again == (12, "plain", 3, False)
    assert footnotes._cached_body_start.cache_info().hits == 1
    assert footnotes._body_start("12 See the report of 1999.") == first


def test_a_text_longer_than_a_line_is_read_but_not_kept() -> None:
    footnotes._cached_body_start.cache_clear()
    long = "12 See the report of 1999. " + "More of the paragraph. " * 100
    assert parse_footnote_body_start(long) == (12, "plain", 3, False)
    assert footnotes._cached_body_start.cache_info().currsize == 0


def test_an_entry_read_in_a_style_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    references.forget_readings()
    text = 'Reuters. 11 November 1994. "Returnees Questioned."'
    entry = references._parse_as(text, "irb")
    with pytest.raises(GrammarError) as refused:
        references._parse_as(text, "web")

    def refuse(*args: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(references, "_reading", refuse)
    assert references._parse_as(text, "irb") is entry
    with pytest.raises(GrammarError) as again:
        references._parse_as(text, "web")
    # The same error, raised anew (one raised again would keep every frame it passed).
    assert again.value is not refused.value
    assert (again.value.position, again.value.expected) == (
        refused.value.position,
        refused.value.expected,
    )
    # Kept as what the error holds, and handed so to the readers that try many styles.
    assert tuple(references._kept_reading(text, "web")) == (
        refused.value.position,
        refused.value.expected,
    )
    references.forget_readings()
    with pytest.raises(AssertionError, match="parsed again"):
        references._parse_as(text, "irb")


def test_the_entries_kept_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    references.forget_readings()
    monkeypatch.setattr(references, "_KEPT_PARSES", 3)
    for number in range(10):
        references._parse_as(f"Reuters. {number + 1} November 1994.", "irb")
    assert len(references._PARSES) == 3
    references.forget_readings()


def test_after_read_each_once_a_kept_reading_is_handed_out_once() -> None:
    references.forget_readings()
    text = 'Reuters. 11 November 1994. "Returnees Questioned."'
    kept = references.classify_reference(text)
    assert references.classify_reference(text) is kept  # kept while segmentation reads
    references.read_each_once()
    assert references.classify_reference(text) is kept  # handed out, and dropped
    assert not references._READINGS["references"]
    again = references.classify_reference(text)
    assert again == kept and again is not kept  # read anew, and not kept
    assert not references._READINGS["references"]
    references.forget_readings()
    first = references.classify_reference(text)
    assert references.classify_reference(text) is first  # kept again for the next document
    references.forget_readings()


def test_an_entry_read_in_part_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Kept until the document has read the entry once after segmentation, as readings are.
    references.forget_readings()
    text = "Bangsamoro Women's Commission. 2019. Memorandum Circular No. 007. Unread tail ;2017;02"
    reads: list[str] = []
    partial_reading = references._partial_reading

    def counted(read: str) -> Any:
        reads.append(read)
        return partial_reading(read)

    monkeypatch.setattr(references, "_partial_reading", counted)
    first = references._kept_partial_reading(text)
    assert first is not None
    assert references._kept_partial_reading(text) is first
    assert reads == [text]
    references.read_each_once()
    assert references._kept_partial_reading(text) is first  # handed out, and dropped
    assert references._kept_partial_reading(text) == first
    assert reads == [text, text]
    references.forget_readings()
    assert references._PARTIAL_READINGS == {}


def test_a_reference_date_is_read_once() -> None:
    # Kept by its text, read or refused: the same value, and the same refusal raised anew.
    references._DATE_READINGS.clear()
    first = references.parse_reference_date("15 May 2000")
    assert references.parse_reference_date("15 May 2000") is first
    errors = []
    for _ in range(2):
        with pytest.raises(GrammarError) as refused:
            references.parse_reference_date("Fifteenth of Maytime")
        errors.append(refused.value)
    assert errors[0] is not errors[1]
    assert (errors[0].position, errors[0].expected, errors[0].text) == (
        errors[1].position,
        errors[1].expected,
        errors[1].text,
    )
    assert set(references._DATE_READINGS) == {"15 May 2000", "Fifteenth of Maytime"}

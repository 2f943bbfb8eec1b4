"""Cross-references, heading numbers and table-of-contents lines: ``grammars/crossref.lark``."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

from provenance.errors import GrammarError
from provenance.grammars import grammar_parser, parse_full
from provenance.parsers.crossrefs import (
    _CANDIDATE,
    _candidates,
    iter_cross_references,
    normalise_label,
    parse_cross_reference,
    parse_heading_number,
    parse_toc_entry,
)
from provenance.render.crossrefs import (
    CROSSREF_STYLES,
    render_cross_reference,
    render_heading,
    render_toc_entry,
)
from provenance.span import LineIndex

PROSE = (
    "See for a further explanation Section 3.3.1. (see also Chapter Two). see also at 3.3.3 "
    "under 'x'. Article 14(5) and section 15 (C) of the annex, Chapter 7 of the UN Charter, "
    "Section 66(d) of the law, Sections 17(1) and 66(d), (see section 1.g.), (see section 6, "
    "Children). Appendix 1, Section 3.3.1 of this report, under section 5 the police, "
    "paragraph 12 above, Chapter Three of this report, LEGEBITRA, para. 3.2. Chapters 27 and "
    "29 of the Code, A/68/40, chapter VI, ibid., section 3.2, (see sections 2.2 to 2.4 below)."
)


def test_internal_references_found_and_external_ones_not() -> None:
    found = [(r.kind, r.label, r.text) for r in iter_cross_references(PROSE, LineIndex(PROSE))]
    assert found == [
        ("section", "3.3.1", "Section 3.3.1."),
        ("chapter", "2", "see also Chapter Two"),
        ("section", "3.3.3", "see also at 3.3.3"),
        ("section", "1.g", "see section 1.g."),
        ("section", "6", "see section 6"),
        ("appendix", "1", "Appendix 1"),
        ("section", "3.3.1", "Section 3.3.1 of this report"),
        ("paragraph", "12", "paragraph 12 above"),
        ("chapter", "3", "Chapter Three of this report"),
        ("section", "2.2", "see sections 2.2 to 2.4 below"),
    ]


def test_a_pinpoint_after_a_comma_is_internal_only_by_its_tail() -> None:
    text = "As the Committee said, A/68/40, chapter VI, and, as noted, section 3.2 above."
    found = [(r.kind, r.label, r.text) for r in iter_cross_references(text, LineIndex(text))]
    assert found == [("section", "3.2", "section 3.2 above")]
    assert text[text.index("section 3.2") :].startswith(found[0][2])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3.3.3 Violations by the North", ("3.3.3", "Violations by the North")),
        ("2.1Background on logging", ("2.1", "Background on logging")),
        ("1.INTRODUCTION", ("1", "INTRODUCTION")),
        ("Section 1.", ("1", "")),
        ("Chapter Two: Background", ("2", "Background")),
        ("II. Context", ("2", "Context")),
        ("a. Arbitrary Deprivation of Life", ("a", "Arbitrary Deprivation of Life")),
        ("Introduction", (None, "Introduction")),
        ("A Report on Nauru", (None, "A Report on Nauru")),
    ],
)
def test_heading_numbers(text: str, expected: tuple[str | None, str]) -> None:
    assert parse_heading_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "3.3 Violations of the rights of North Korean refugees 16",
            ("3.3", "Violations of the rights of North Korean refugees", "16"),
        ),
        (
            "2.1Background on logging sites, mines, construction sites3",
            ("2.1", "Background on logging sites, mines, construction sites", "3"),
        ),
        ("Introduction ........ 3", (None, "Introduction", "3")),
        ("Preface  iv", (None, "Preface", "iv")),
        ("Public", None),
        ("The year 2004 was bad", None),
    ],
)
def test_toc_entries(text: str, expected: tuple[str | None, str, str] | None) -> None:
    assert parse_toc_entry(text) == expected


def test_labels_normalise() -> None:
    assert [normalise_label(x) for x in ("Three", "IV", "1.g.", "3.3.1")] == [
        "3",
        "4",
        "1.g",
        "3.3.1",
    ]


def test_external_reference_parses_but_is_not_internal() -> None:
    assert parse_cross_reference("Chapter 7 of the Charter") is None
    assert parse_cross_reference("Chapter I of this series") is None
    assert parse_cross_reference("Chapter I of this report") == ("chapter", "1")
    with pytest.raises(GrammarError):
        parse_cross_reference("Article 14(5)")


_KINDS = st.sampled_from(["section", "chapter", "appendix", "annex", "part", "paragraph"])


@settings(max_examples=150, deadline=None)
@given(
    kind=_KINDS,
    label=st.one_of(
        st.integers(1, 20).map(str),
        st.lists(st.integers(1, 20), min_size=2, max_size=4).map(lambda p: ".".join(map(str, p))),
    ),
    style=st.sampled_from(CROSSREF_STYLES),
)
def test_cross_reference_round_trip(kind: str, label: str, style: str) -> None:
    try:
        text = render_cross_reference(kind, label, style)  # type: ignore[arg-type]
    except ValueError:
        return  # no number word or Roman numeral for this label
    assert parse_cross_reference(text) == (kind, label)


_TITLE = st.from_regex(r"[A-Z][a-z]{2,9}( [a-z]{2,9}){0,4}", fullmatch=True)


@settings(max_examples=100, deadline=None)
@given(
    number=st.lists(st.integers(1, 20), min_size=1, max_size=3).map(
        lambda p: ".".join(map(str, p))
    ),
    title=_TITLE,
    page=st.integers(1, 999).map(str),
)
def test_heading_and_toc_round_trip(number: str, title: str, page: str) -> None:
    assert parse_heading_number(render_heading(number, title)) == (number, title)
    assert parse_toc_entry(render_toc_entry(number, title, page)) == (number, title, page)


# Whitespace is %ignored, so generated tokens would run together: each one carries a space.
_CROSSREF_TOKENS = {
    "DOTTED_LABEL": st.just("3.3.1 "),
    "ALPHA_LABEL": st.sampled_from(["A ", "IV "]),
    "WORD_NUMBER": st.sampled_from(["Two ", "three "]),
    "KIND": st.sampled_from(["Section ", "chapter ", "Appendix ", "annex ", "Part "]),
    "OTHER_WORD": st.just("Charter "),
    "SUBDIVISION": st.just("5"),
    "DOC_WORD": st.just("report "),
    "THIS": st.just("this "),
    "SERIES": st.just("series "),
    "SEE": st.sampled_from(["see ", "cf. "]),
    "PINPOINT": st.just(", "),
    "JOIN": st.sampled_from([", ", "and ", "to ", "- "]),
    "ALSO": st.just("also "),
    "AT": st.just("at "),
    "ABOVE": st.just("above "),
    "BELOW": st.just("below "),
    "OF": st.just("of "),
    "THE": st.just("the "),
}


@settings(max_examples=100, deadline=None)
@given(
    from_lark(
        grammar_parser("crossref", ("crossref",)), start="crossref", explicit=_CROSSREF_TOKENS
    )
)
def test_generated_cross_references_parse(text: str) -> None:
    parse_full("crossref", text, "crossref")


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.binary().map(lambda b: b.decode("utf-8", "replace"))))
def test_arbitrary_text(text: str) -> None:
    with contextlib.suppress(GrammarError):
        parse_cross_reference(text)
    parse_heading_number(text)
    parse_toc_entry(text)
    for ref in iter_cross_references(text, LineIndex(text)):
        assert text[ref.span.start : ref.span.end] == ref.text


_CANDIDATE_PIECES = st.sampled_from(
    ["See ", "see also ", "SEE\n", "cf. ", "Compare ", "refer to ", "Refer  To ", ", ", ",\t",
     "section", "Sections", "chapter ", "Appendix", "appendices", "ANNEX", "annexes", "part",
     "Parts", "para. ", "Paras.", "paragraph", "at ", "3.1", " ", "x", "\u017f", "\u212a",
     "\u0130", "\u0131", "\u00e9"]
)  # fmt: skip


@settings(max_examples=400)
@given(st.lists(_CANDIDATE_PIECES, max_size=25), st.integers(0, 40), st.integers(0, 200))
def test_candidates_are_the_regex_scan(pieces: list[str], start: int, stop: int) -> None:
    """The scan that tries the regex only where a literal starts finds what ``finditer`` does,
    over any range (the look-behind before ``start`` and the end at ``stop`` included)."""
    text = "".join(pieces)
    expected = [m.span() for m in _CANDIDATE.finditer(text, start, stop)]
    assert [m.span() for m in _candidates(text, start, stop)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "entitlements under 5 U.S.C. chapters 55 and 61 and 29 U.S.C. 201 et seq.",
        "entitlements under 5 U.S.C.\nchapters 55 and 61",
        "exempt under 29 C.F.R. part 541",
    ],
)
def test_the_parts_of_a_code_of_law_are_no_cross_references(text: str) -> None:
    assert list(iter_cross_references(text, LineIndex(text))) == []
    assert parse_cross_reference("U.S.C. chapters 55 and 61") is None


def test_a_part_named_after_a_code_of_law_elsewhere_is_still_read() -> None:
    text = "under 5 U.S.C. 6120. See chapter 3 above."
    assert [ref.label for ref in iter_cross_references(text, LineIndex(text))] == ["3"]

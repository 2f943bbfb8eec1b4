"""Sentence segmentation: abbreviations, initials, citations, quotes, OCR's missing spaces."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.model import Document, Metadata, Region
from provenance.sentences import iter_sentences, paragraph_of, paragraphs, sentence_at
from provenance.span import LineIndex

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def split(text: str) -> list[str]:
    return [text[start:end] for start, end in iter_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Kim arrived. Ms. Park left.",
            ["Mr. Kim arrived.", "Ms. Park left."],
        ),
        (
            "Dr. Lee met St. John. The meeting ended.",
            ["Dr. Lee met St. John.", "The meeting ended."],
        ),
        (
            "See Vol. 12, No. 2, pp. 14-15 and p. 3, para. 79. It is short.",
            ["See Vol. 12, No. 2, pp. 14-15 and p. 3, para. 79.", "It is short."],
        ),
        (
            "Some groups, e.g. Koreans, i.e. a minority, were held. Others were not.",
            ["Some groups, e.g. Koreans, i.e. a minority, were held.", "Others were not."],
        ),
        (
            "The U.S. Embassy and the U.N. Office replied. Nothing changed.",
            ["The U.S. Embassy and the U.N. Office replied.", "Nothing changed."],
        ),
        (
            "It was published in Feb. 1999 and Sept. 2000. Then Jan. 5 came.",
            ["It was published in Feb. 1999 and Sept. 2000.", "Then Jan. 5 came."],
        ),
        (
            "Ambassador Tulegen T. Zhukeyev spoke. The S. Korean Embassy replied.",
            ["Ambassador Tulegen T. Zhukeyev spoke.", "The S. Korean Embassy replied."],
        ),
        (
            "He praised Kim Jong Il. The crowd cheered.",
            ["He praised Kim Jong Il.", "The crowd cheered."],
        ),
    ],
)
def test_abbreviations_and_initials(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_citations_in_brackets_stay_with_their_sentence() -> None:
    text = (
        'He had "very warm feelings" (The Korea Post Feb. 1999). Koreans met in 1997 (ibid.). '
        "The letter accused the embassy (27 July 1999). It was signed by Kim Hong II (ibid.)."
    )
    assert split(text) == [
        'He had "very warm feelings" (The Korea Post Feb. 1999).',
        "Koreans met in 1997 (ibid.).",
        "The letter accused the embassy (27 July 1999).",
        "It was signed by Kim Hong II (ibid.).",
    ]


def test_a_sentence_inside_brackets_does_not_end_the_outer_one() -> None:
    text = "The law was passed (it took effect in May. Nobody objected.) and enforced. Next."
    assert split(text) == [
        "The law was passed (it took effect in May. Nobody objected.) and enforced.",
        "Next.",
    ]


def test_unclosed_bracket_does_not_swallow_the_paragraph() -> None:
    text = "The figure (OCR lost the bracket is high. " + "Filler words here. " * 30
    sentences = split(text)
    assert len(sentences) > 20


def test_quotes_and_brackets_after_the_full_stop() -> None:
    text = 'He said "we will go." Then he left. (This was in May.) The end.'
    assert split(text) == [
        'He said "we will go."',
        "Then he left.",
        "(This was in May.)",
        "The end.",
    ]


def test_curly_quotes_and_markdown_emphasis() -> None:
    text = "They called it “a crime.” **The end.** Next one."
    assert split(text) == ["They called it “a crime.”", "**The end.**", "Next one."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It was signed in 2001.[1] It entered force.",
            ["It was signed in 2001.[1]", "It entered force."],
        ),
        (
            "It concerns terrorism.”[2] Nauru confirmed it.",
            ["It concerns terrorism.”[2]", "Nauru confirmed it."],
        ),
        (
            "Refugees fled.<sup>5</sup> Others stayed.",
            ["Refugees fled.<sup>5</sup>", "Others stayed."],
        ),
        (
            "It raised the issues.10 The State replied.",
            ["It raised the issues.10", "The State replied."],
        ),
        (
            "It raised the issues.10 62. The State replied.",
            ["It raised the issues.10", "62. The State replied."],
        ),
        ("A note.¹² Next.", ["A note.¹²", "Next."]),
    ],
)
def test_note_markers_after_the_full_stop_stay_with_the_sentence(
    text: str, expected: list[str]
) -> None:
    assert split(text) == expected


def test_missing_space_after_full_stop() -> None:
    text = "The trial ended in May 1999.Amnesty International called it unfair."
    assert split(text) == [
        "The trial ended in May 1999.",
        "Amnesty International called it unfair.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "See www.State.Gov for details.",
        "Visit http://example.org/A.Html now.",
        "Section 3.3.3 describes it.",
        "It cost 4.5 million.",
        "Mail john.Smith@example.org today.",
        "The U.S.Embassy replied.",
    ],
)
def test_glued_stops_that_are_not_sentence_ends(text: str) -> None:
    assert split(text) == [text]


def test_question_and_exclamation_marks() -> None:
    assert split("Why? Because! It is so.") == ["Why?", "Because!", "It is so."]


def test_lower_case_after_a_stop_continues_the_sentence() -> None:
    assert split("They left approx. five days later etc. and came back.") == [
        "They left approx. five days later etc. and came back."
    ]


def test_list_labels_stay_with_their_item() -> None:
    text = "1. The report was issued. 2. It was withdrawn.\n- 3. It was reissued."
    assert split(text) == [
        "1. The report was issued.",
        "2. It was withdrawn.",
        "- 3. It was reissued.",
    ]


def test_blank_lines_bullets_and_headings_end_sentences() -> None:
    text = (
        "A heading without a stop\n\nA paragraph\nwrapped over lines.\n- a bullet\n# Title\nText."
    )
    assert split(text) == [
        "A heading without a stop",
        "A paragraph\nwrapped over lines.",
        "- a bullet",
        "# Title\nText.",
    ]


def test_range_arguments_and_offsets_are_absolute() -> None:
    text = "Ignore this. First one. Second one. Ignore that."
    start = text.index("First")
    end = text.index(" Ignore that")
    spans = list(iter_sentences(text, start, end))
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one."]


def test_seed_irb_paragraph() -> None:
    text = (SEEDS / "000_a612e7f6db11d10b.txt").read_text(encoding="utf-8")
    start = text.index("Ethnic Koreans in Kazakhstan, as a collective")
    end = text.index("\n", start)
    sentences = [text[s:e] for s, e in iter_sentences(text, start, end)]
    assert len(sentences) == 4
    assert (
        sentences[-1] == "No corroborating information could be found among the sources consulted."
    )


def test_seed_irb_citations_paragraph() -> None:
    text = (SEEDS / "000_a612e7f6db11d10b.txt").read_text(encoding="utf-8")
    start = text.index("Kazakh Ambassador to Seoul")
    end = text.index("\n", start)
    sentences = [text[s:e] for s, e in iter_sentences(text, start, end)]
    assert len(sentences) == 2
    assert sentences[0].endswith("(The Korea Post Feb. 1999).")
    assert sentences[1].endswith("(ibid.).")


def _doc(text: str) -> Document:
    index = LineIndex(text)
    regions = []
    position = 0
    for block in text.split("\n\n"):
        start = text.index(block, position)
        kind = "heading" if block.startswith("#") else "paragraph"
        regions.append(Region(kind, index.span(start, start + len(block))))  # type: ignore[arg-type]
        position = start + len(block)
    return Document(
        text=text, path=None, metadata=Metadata(), regions=tuple(regions), line_index=index
    )


def test_document_helpers() -> None:
    text = "# Title\n\nFirst one. Second one.\n\nThird one."
    doc = _doc(text)
    assert [doc.text[r.span.start : r.span.end] for r in paragraphs(doc)] == [
        "First one. Second one.",
        "Third one.",
    ]
    region = paragraph_of(doc, text.index("Second"))
    assert region is not None and region.kind == "paragraph"
    assert paragraph_of(doc, text.index("Title")) is None
    found = sentence_at(doc, text.index("Second") + 3)
    assert found is not None and text[found[0] : found[1]] == "Second one."
    assert sentence_at(doc, 1) is None


_PIECES = st.sampled_from(
    [
        " ",
        "\n",
        "\n\n",
        ".",
        ". ",
        "?",
        "!",
        "(",
        ")",
        '"',
        "”",
        "[1]",
        "<sup>2</sup>",
        "Mr.",
        "No.",
        "e.g.",
        "U.S.",
        "T.",
        "word",
        "Word",
        "1999",
        "3.3",
        "http://x.org/A.B",
        "(ibid.)",
    ]
)


@settings(max_examples=200)
@given(st.one_of(st.text(), st.lists(_PIECES, max_size=40).map("".join)))
def test_sentences_partition_the_text(text: str) -> None:
    spans = list(iter_sentences(text))
    position = 0
    for start, end in spans:
        assert position <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert not text[position:start].strip()
        position = end
    assert not text[position:].strip()


@settings(max_examples=100)
@given(
    st.binary().map(lambda b: b.decode("utf-8", "replace")),
    st.integers(-5, 50),
    st.integers(-5, 80),
)
def test_any_range_never_raises(text: str, start: int, end: int) -> None:
    for s, e in iter_sentences(text, start, end):
        assert max(0, start) <= s < e <= min(max(end, 0), len(text))

"""The scorer: a perfect reading scores 1.0, and known misses cost exactly what they should."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from provenance.evaluation.scoring import KINDS, Counts, normal_citation, score_document, total

TRUTH: dict[str, Any] = {
    "index_codes": [{"text": "KKT34458.E", "line": 1}],
    "references": [
        {
            "line": 9,
            "section": "references",
            "author": "The Korea Post",
            "title": "Reporters Held",
            "date": "1999-02",
            "accessed": None,
            "url": None,
        },
        {
            "line": 10,
            "section": "references",
            "author": "Reuters",
            "title": None,
            "date": "1999-07-27",
            "accessed": None,
            "url": "http://example.org/a",
        },
    ],
    "citations": [
        {"line": 3, "text": "(The Korea Post Feb. 1999)", "reference_line": 9},
        {"line": 3, "text": "(ibid.)", "reference_line": 9},
        {"line": 5, "text": "(Nobody 2001)", "reference_line": None},
    ],
    "footnotes": [
        {"number": 1, "marker_line": 4, "body_line": 20},
        {"number": 2, "marker_line": 5, "body_line": 21},
        {"number": 3, "marker_line": None, "body_line": 22},
    ],
    "uncorroborated": [{"line": 6, "text": "could not be corroborated"}],
    "information_gaps": [{"line": 7, "text": "no information was available"}],
    "attributed_unconfirmed": [],
    "hedges": [{"line": 4, "word": "reportedly"}],
    "date_issues": [{"line": 8, "kind": "weekday-mismatch", "text": "Thursday, 29 May 2002"}],
}


def test_a_perfect_reading_scores_one_on_every_kind_it_has() -> None:
    scores = score_document(TRUTH, copy.deepcopy(TRUTH))
    assert set(scores) == set(KINDS)
    for kind, counts in scores.items():
        assert counts.fp == 0 and counts.fn == 0, kind
        if counts.support:
            assert counts.precision == counts.recall == counts.f1 == 1.0, kind


def test_citation_brackets_do_not_matter() -> None:
    predicted = copy.deepcopy(TRUTH)
    predicted["citations"][0]["text"] = "The Korea Post Feb. 1999"
    assert score_document(TRUTH, predicted)["citations"] == Counts(tp=3)


@pytest.mark.parametrize(
    ("annotated", "read", "same"),
    [
        ("(qtd. in DIRB Dec. 1992, 14)", "DIRB Dec. 1992, 14", True),
        ("(see also AI 2003;", "AI 2003", True),
        ("(cf. Jones 2011)", "Jones 2011", True),
        ("(Seeley 2010)", "ley 2010", False),  # "See" only as a word of its own
        ("(Smith see 2010)", "Smith 2010", False),  # only before the citation
    ],
)
def test_a_signal_phrase_before_a_citation_does_not_matter(
    annotated: str, read: str, same: bool
) -> None:
    assert (normal_citation(annotated) == normal_citation(read)) is same


def test_a_place_in_brackets_is_not_part_of_an_author() -> None:
    truth = {"references": [{"line": 9, "author": "The Herald [Glasgow]"}]}
    predicted = {"references": [{"line": 9, "author": "The Herald"}]}
    assert score_document(truth, predicted)["reference.author"] == Counts(tp=1)
    predicted["references"][0]["author"] = "Roy Towers"
    assert score_document(truth, predicted)["reference.author"] == Counts(fp=1, fn=1)


def test_a_missed_reference_costs_its_entry_its_fields_and_the_links_to_it() -> None:
    predicted = copy.deepcopy(TRUTH)
    del predicted["references"][0]
    for citation in predicted["citations"][:2]:
        citation["reference_line"] = None
    scores = score_document(TRUTH, predicted)
    assert scores["references"] == Counts(tp=1, fp=0, fn=1)
    assert scores["references"].recall == 0.5
    assert scores["reference.date"] == Counts(tp=1, fp=0, fn=1)
    assert scores["reference.url"] == Counts(tp=1)
    assert scores["citations"] == Counts(tp=3)
    assert scores["citations.resolved"] == Counts(tp=1, fp=2, fn=2)


def test_a_wrong_field_is_both_a_false_positive_and_a_false_negative() -> None:
    predicted = copy.deepcopy(TRUTH)
    predicted["references"][0]["date"] = "1998-02"
    assert score_document(TRUTH, predicted)["reference.date"] == Counts(tp=1, fp=1, fn=1)


def test_notes_are_linked_only_when_call_and_body_are_both_right() -> None:
    predicted = copy.deepcopy(TRUTH)
    predicted["footnotes"][1]["marker_line"] = 6
    predicted["footnotes"].append({"number": 4, "marker_line": 9, "body_line": 23})
    scores = score_document(TRUTH, predicted)
    assert scores["notes.body"] == Counts(tp=3, fp=1, fn=0)
    assert scores["notes.call"] == Counts(tp=1, fp=2, fn=1)
    assert scores["notes.linked"] == Counts(tp=1, fp=2, fn=1)


def test_flagging_an_information_gap_is_neutral_but_a_stray_statement_is_not() -> None:
    predicted = copy.deepcopy(TRUTH)
    predicted["uncorroborated"] = [{"line": 7, "text": "gap"}, {"line": 30, "text": "stray"}]
    assert score_document(TRUTH, predicted)["uncorroborated"] == Counts(tp=1, fp=1, fn=0)
    predicted["uncorroborated"] = [{"line": 7, "text": "gap"}]
    # The gap on line 7 is within two lines of the uncorroborated statement on line 6.
    assert score_document(TRUTH, predicted)["uncorroborated"] == Counts(tp=1)
    predicted["uncorroborated"] = []
    assert score_document(TRUTH, predicted)["uncorroborated"] == Counts(fn=1)


def test_an_empty_reading_finds_nothing() -> None:
    scores = score_document(TRUTH, {})
    assert scores["references"] == Counts(fn=2)
    assert scores["references"].precision is None
    assert scores["references"].recall == 0.0
    assert scores["references"].f1 is None


def test_counts_add_up_over_documents() -> None:
    one = score_document(TRUTH, TRUTH)
    two = score_document(TRUTH, {})
    summed = total([one, two])
    assert summed["references"] == Counts(tp=2, fp=0, fn=2)
    assert summed["references"].recall == pytest.approx(0.5)
    assert summed["references"].f1 == pytest.approx(2 / 3)

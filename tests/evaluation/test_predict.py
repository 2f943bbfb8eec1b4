"""The project's reading in the shape of the ground truth, and false alarms on clean text."""

from __future__ import annotations

import provenance
from provenance.evaluation.predict import prediction, unexplained_errors
from provenance.evaluation.scoring import score_document

TEXT = (
    "Treatment of journalists [ABC12345.E]\n\n"
    "Two reporters were detained (The Korea Post Feb. 1999). They were released (ibid.).\n\n"
    "References\n\n"
    'The Korea Post [Seoul]. February 1999. Vol. 12, No. 2. "Reporters Held."\n'
)


def test_prediction_has_the_truth_shape_and_scores_against_it() -> None:
    document = provenance.parse(TEXT)
    predicted = prediction(document, provenance.check(document))
    assert predicted["index_codes"] == [{"text": "ABC12345.E", "line": 1}]
    assert [r["line"] for r in predicted["references"]] == [7]
    assert [c["reference_line"] for c in predicted["citations"]] == [7, 7]
    truth = {
        "references": [{"line": 7, "author": "The Korea Post", "date": "1999-02"}],
        "citations": [
            {"line": 3, "text": "(The Korea Post Feb. 1999)", "reference_line": 7},
            {"line": 3, "text": "(ibid.)", "reference_line": 7},
        ],
    }
    scores = score_document(truth, predicted)
    assert scores["citations.resolved"].recall == 1.0
    assert scores["reference.author"].tp == 1


def test_errors_the_truth_holds_are_not_false_alarms() -> None:
    document = provenance.parse("A claim (Nobody 2001).\n\nReferences\n\nSomebody. 2000. Title.\n")
    findings = provenance.check(document)
    assert any(f.rule == "citation-without-reference" for f in findings)
    truth = {"citations": [{"line": 1, "text": "(Nobody 2001)", "reference_line": None}]}
    assert [f.rule for f in unexplained_errors(truth, findings)] == []
    assert "citation-without-reference" in [f.rule for f in unexplained_errors({}, findings)]


def test_lines_can_be_mapped_to_another_text() -> None:
    # The same document read from elsewhere (a page, a PDF) with two lines more at its top:
    # every line the prediction names is the original's once offsets are mapped back.
    shifted = "Running head\n\n" + TEXT
    document = provenance.parse(shifted)
    offset = len("Running head\n\n")

    def line_of(at: int) -> int:
        return TEXT.count("\n", 0, max(at - offset, 0)) + 1

    predicted = prediction(document, provenance.check(document), line_of)
    assert predicted["index_codes"] == [{"text": "ABC12345.E", "line": 1}]
    assert [r["line"] for r in predicted["references"]] == [7]
    assert [(c["line"], c["reference_line"]) for c in predicted["citations"]] == [(3, 7), (3, 7)]
    unmapped = prediction(document, provenance.check(document))
    assert [r["line"] for r in unmapped["references"]] == [9]


def test_false_alarms_are_told_on_mapped_lines() -> None:
    text = "A claim (Nobody 2001).\n\nReferences\n\nSomebody. 2000. Title.\n"
    document = provenance.parse("Head\n\n" + text)
    findings = provenance.check(document)
    truth = {"citations": [{"line": 1, "text": "(Nobody 2001)", "reference_line": None}]}
    assert [f.rule for f in unexplained_errors(truth, findings)] == ["citation-without-reference"]
    head = len("Head\n\n")
    mapped = unexplained_errors(truth, findings, lambda at: text.count("\n", 0, at - head) + 1)
    assert mapped == []

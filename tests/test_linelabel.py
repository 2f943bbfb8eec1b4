"""The line labeller: its features, its training labels, its packaged model and its loading."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from provenance import linelabel

pycrfsuite = pytest.importorskip("pycrfsuite")

LIST = """Report on the situation

The committee met in Geneva and heard the delegation. It noted that the law was amended
in 2019 and that reports of detention continued.

References

Amnesty International. 2019. Annual Report. London: Amnesty International.

Human Rights Watch. 2020. World Report 2020. New York: HRW.
    Available at https://www.hrw.org/world-report/2020 (accessed 3 May 2021).
"""

NOTES = """The minister denied it.1 Others confirmed it.2

1 Interview with a lawyer, Colombo, 3 May 1999.
2 The Hindu, 4 May 1999, continued on
a second line.
"""


def test_content_lines_skip_blanks_and_know_their_neighbours() -> None:
    lines = linelabel.content_lines("a\nb\n\n  \nc")
    assert [(line.number, line.blank_before, line.blank_after) for line in lines] == [
        (1, True, False),
        (2, False, True),
        (5, True, True),
    ]


def test_features_of_a_reference_list() -> None:
    lines, features = linelabel.line_features(LIST)
    by_text = {
        LIST[line.start : line.end].strip(): f for line, f in zip(lines, features, strict=True)
    }
    assert "heads=references" in by_text["References"]
    entry = by_text["Human Rights Watch. 2020. World Report 2020. New York: HRW."]
    assert "under=references" in entry
    assert "years=2" in entry
    assert "hanging" in entry  # the next line is indented under it
    assert any(f.startswith("reads=") for f in entry)  # the reference grammar read it
    address = by_text["Available at https://www.hrw.org/world-report/2020 (accessed 3 May 2021)."]
    assert {"address", "access_note", "indent=2"} <= set(address)
    prose = by_text[
        "The committee met in Geneva and heard the delegation. It noted that the law was amended"
    ]
    assert "under=none" in prose
    assert "sentences=1" in prose
    assert "blank_before" in prose and "blank_after" not in prose
    # Each line sees its neighbours' layout.
    assert {"-1:edge", "-2:edge", "+1:blank_before"} <= set(by_text["Report on the situation"])


def test_features_of_numbered_notes_know_their_sequence() -> None:
    lines, features = linelabel.line_features(NOTES, grammar=False)
    by_text = {
        NOTES[line.start : line.end].strip()[:8]: f for line, f in zip(lines, features, strict=True)
    }
    assert "note_number" in by_text["1 Interv"]
    assert "note_in_sequence" not in by_text["1 Interv"]
    assert {"note_number", "note_in_sequence"} <= set(by_text["2 The Hi"])
    assert "note_number" not in by_text["a second"]
    assert not any(f.startswith("reads=") for f in by_text["1 Interv"])  # grammar=False


def test_truth_labels_run_to_the_next_first_line_or_blank() -> None:
    lines = linelabel.content_lines(NOTES)
    # Note bodies open on lines 3 and 4; line 5 continues note 2.
    assert linelabel.truth_labels(lines, [], [3, 4]) == ["other", "note", "note", "note-cont"]
    # A line that is both an entry and a note (a numbered list of sources) is an entry.
    assert linelabel.truth_labels(lines, [4], [3, 4]) == ["other", "note", "ref", "ref-cont"]


def test_rule_labels_from_spans() -> None:
    lines = linelabel.content_lines(NOTES)
    start = NOTES.index("2 The Hindu")
    spans = [("note", start, len(NOTES) - 1)]
    assert linelabel.rule_labels(lines, spans) == ["other", "other", "note", "note-cont"]


def test_packaged_model_labels_a_small_fixture() -> None:
    labelled = linelabel.label_lines(LIST)
    by_text = {LIST[line.start : line.end].strip()[:18]: line for line in labelled}
    assert by_text["Amnesty Internatio"].label == "ref"
    assert by_text["Human Rights Watch"].label == "ref"
    # The address line under the entry is in the list (the model is not sure it continues it).
    assert by_text["Available at https"].label in ("ref", "ref-cont")
    assert by_text["References"].label == "other"
    assert by_text["The committee met "].label == "other"
    for line in labelled:
        assert set(line.marginals) == set(linelabel.LABELS)
        assert sum(line.marginals.values()) == pytest.approx(1.0, abs=1e-6)
        assert line.marginals[line.label] == max(line.marginals.values())


def test_model_loads_lazily_and_once() -> None:
    code = (
        "import provenance, provenance.linelabel as l\n"
        "provenance.check(provenance.parse('A short text with no list.\\n'))\n"
        "assert not l.model_loaded() and 'pycrfsuite' not in __import__('sys').modules\n"
        "l.label_lines('References\\n\\nSmith, J. 2001. A Title. Oxford.\\n')\n"
        "l.label_lines('Another text.\\n')\n"
        "assert l.model_loaded() and l.loads == 1, l.loads\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_training_on_a_tiny_fixture_is_reproducible(tmp_path: Path) -> None:
    examples = []
    for text, entries, notes in ((LIST, [8, 10], []), (NOTES, [], [3, 4])):
        lines, features = linelabel.line_features(text)
        examples.append((features, linelabel.truth_labels(lines, entries, notes)))
    first, second = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    linelabel.train(examples, str(first))
    linelabel.train(examples, str(second))
    assert first.read_bytes() == second.read_bytes()
    tagger = pycrfsuite.Tagger()
    tagger.open(str(first))
    labels, _ = linelabel.tag(examples[0][0], tagger)
    assert labels == examples[0][1]  # it learnt its own training document

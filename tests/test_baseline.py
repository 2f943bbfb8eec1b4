"""``baseline``: recorded findings are excused by fingerprint, once each, across line moves."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from provenance.baseline import baseline_of, load_baseline, write_baseline
from provenance.errors import ConfigError
from provenance.findings import FileResult, Finding, Severity
from provenance.span import LineIndex


def _finding(text: str, excerpt: str, rule: str = "footnote-without-body") -> Finding:
    start = text.index(excerpt)
    span = LineIndex(text).span(start, start + len(excerpt))
    return Finding(rule, Severity.ERROR, f"about {excerpt}", span, excerpt)


def test_a_recorded_finding_is_excused_after_lines_move(tmp_path: Path) -> None:
    before = "Claim.<sup>19</sup>\n"
    after = "New paragraph.\n\n" + before
    recorded = [FileResult("a/report.txt", (_finding(before, "<sup>19</sup>"),))]
    path = tmp_path / "baseline.json"
    write_baseline(str(path), recorded)
    baseline = load_baseline(str(path))
    moved = _finding(after, "<sup>19</sup>")
    assert moved.span.line != recorded[0].findings[0].span.line
    assert baseline.new_findings([FileResult("a/report.txt", (moved,))]) == [
        FileResult("a/report.txt", ())
    ]


def test_each_record_excuses_one_finding_only() -> None:
    text = "One.<sup>19</sup> Two.<sup>19</sup>"
    first = _finding(text, "<sup>19</sup>")
    baseline = baseline_of([FileResult("r.txt", (first,))])
    result = baseline.new_findings([FileResult("r.txt", (first, first))])
    assert result == [FileResult("r.txt", (first,))]


def test_another_file_or_rule_is_not_excused() -> None:
    text = "Claim.<sup>19</sup>"
    finding = _finding(text, "<sup>19</sup>")
    baseline = baseline_of([FileResult("r.txt", (finding,))])
    other_rule = _finding(text, "<sup>19</sup>", rule="footnote-without-marker")
    results = [FileResult("s.txt", (finding,)), FileResult("r.txt", (other_rule,))]
    assert baseline.new_findings(results) == results


def test_the_file_is_sorted_json(tmp_path: Path) -> None:
    text = "A.<sup>1</sup> B.<sup>2</sup>"
    findings = (_finding(text, "<sup>2</sup>"), _finding(text, "<sup>1</sup>"))
    path = tmp_path / "baseline.json"
    write_baseline(str(path), [FileResult("r.txt", findings)])
    payload = json.loads(path.read_text(encoding="utf-8"))
    assert payload["version"] == 1
    keys = [(item["path"], item["rule"], item["fingerprint"]) for item in payload["findings"]]
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read baseline"),
        ("not json", "is not JSON"),
        ('{"version": 99, "findings": []}', "is not a version 1"),
        ('{"version": 1, "findings": [{"path": "r.txt"}]}', "malformed entry"),
    ],
)
def test_bad_baselines_are_config_errors(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_baseline(str(path))


_LOAD_FIFO = """
import sys
from provenance.errors import ConfigError
try:
    {call}
except ConfigError as error:
    print(error)
"""


@pytest.mark.skipif(os.name != "posix", reason="named pipes")
@pytest.mark.parametrize(
    "call",
    [
        "from provenance.baseline import load_baseline; load_baseline(sys.argv[1])",
        "from provenance.config import load_config_file; load_config_file(sys.argv[1])",
    ],
)
def test_a_named_pipe_as_baseline_or_configuration_is_refused(tmp_path: Path, call: str) -> None:
    # In a child process with a timeout: a regression (waiting for a writer) cannot hang the suite.
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-c", _LOAD_FIFO.format(call=call), str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "is a named pipe (FIFO), not a regular file" in result.stdout, result

"""SARIF output validates against the official 2.1.0 schema and keeps stable fingerprints."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import provenance
from provenance.findings import FileError, FileResult, Finding, Severity
from provenance.reporters.sarif import render_sarif, sarif_log
from provenance.rules import all_rules
from provenance.span import LineIndex


@pytest.fixture(scope="module")
def validator(schemas: Path) -> jsonschema.protocols.Validator:
    schema = json.loads((schemas / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def test_seeds_validate(
    validator: jsonschema.protocols.Validator, seed_file_results: list[FileResult]
) -> None:
    log = json.loads(render_sarif(seed_file_results))
    validator.validate(log)
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "provenance"
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert ids == [rule.id for rule in all_rules()]
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["partialFingerprints"]["provenance/v1"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["endColumn"] >= 1
    weekday = [r for r in run["results"] if r["ruleId"] == "weekday-mismatch"]
    (result,) = weekday
    assert result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "seeds/003_1657d4287ccc633e.txt",
        "uriBaseId": "%SRCROOT%",
    }
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 68


def test_errors_and_empty_runs_validate(validator: jsonschema.protocols.Validator) -> None:
    log = sarif_log([], [FileError("scan.pdf", "binary file")])
    validator.validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "scan.pdf" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    validator.validate(sarif_log([]))


def test_end_column_is_exclusive() -> None:
    text = "abc fault def"
    finding = Finding("r", Severity.INFO, "m", LineIndex(text).span(4, 9), "fault")
    region = sarif_log([FileResult("a.txt", (finding,))])["runs"][0]["results"][0]["locations"][0][
        "physicalLocation"
    ]["region"]
    assert (region["startColumn"], region["endColumn"]) == (5, 10)


def test_fingerprint_survives_lines_inserted_above() -> None:
    text = "On Thursday, 30 July 2004 the talks resumed.\n"
    before = provenance.check(provenance.parse(text))
    after = provenance.check(provenance.parse("A new first paragraph.\n\n" + text))
    assert before[0].span.line != after[0].span.line
    assert before[0].fingerprint() == after[0].fingerprint()


@settings(max_examples=60, deadline=None)
@given(message=st.text(), path=st.text(min_size=1).filter(lambda p: "\x00" not in p))
def test_any_message_and_path_stay_valid(
    validator: jsonschema.protocols.Validator, message: str, path: str
) -> None:
    finding = Finding("weekday-mismatch", Severity.ERROR, message, LineIndex("x").span(0, 1), "x")
    validator.validate(json.loads(render_sarif([FileResult(path, (finding,))])))

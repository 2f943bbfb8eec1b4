"""SARIF 2.1.0, the format code-scanning services (GitHub among them) ingest.

One run; the driver lists every rule with its documentation, so a viewer can show why a finding
matters. Regions use SARIF's conventions: 1-based lines and columns, ``endColumn`` one past the
last character. ``partialFingerprints`` carry the finding's line-independent fingerprint, so a
finding keeps its identity across edits above it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from provenance.findings import FileError, FileResult, Finding, Severity
from provenance.rules.registry import Rule, all_rules
from provenance.span import Span

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_SRCROOT = "%SRCROOT%"


def _artifact(path: str) -> dict[str, str]:
    normalised = path.replace(os.sep, "/")
    if os.path.isabs(path):
        return {
            "uri": "file://" + quote(normalised if normalised.startswith("/") else "/" + normalised)
        }
    return {"uri": quote(normalised), "uriBaseId": _SRCROOT}


def _region(span: Span) -> dict[str, int]:
    end_column = span.end_column + 1 if span.end > span.start else span.column
    if span.end_line == span.line:
        end_column = max(end_column, span.column)
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": max(span.end_line, span.line),
        "endColumn": end_column,
    }


def _location(path: str, span: Span) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": _artifact(path), "region": _region(span)}}


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    markdown = (
        f"{rule.doc}\n\n**Bad**\n\n```\n{rule.bad}\n```\n\n**Good**\n\n```\n{rule.good}\n```\n"
    )
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc},
        "help": {
            "text": f"{rule.doc}\n\nBad:\n{rule.bad}\n\nGood:\n{rule.good}",
            "markdown": markdown,
        },
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {"tags": [rule.category]},
    }


def _result(finding: Finding, path: str, rule_index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(path, finding.span)],
        "partialFingerprints": {"provenance/v1": finding.fingerprint()},
    }
    if finding.rule in rule_index:
        result["ruleIndex"] = rule_index[finding.rule]
    if finding.related:
        result["relatedLocations"] = [
            {"id": number, **_location(path, related.span), "message": {"text": related.message}}
            for number, related in enumerate(finding.related, start=1)
        ]
    return result


def sarif_log(results: Sequence[FileResult], errors: Sequence[FileError] = ()) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict."""
    from provenance import __version__

    rules = all_rules()
    rule_index = {rule.id: index for index, rule in enumerate(rules)}
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{error.path}: {error.reason}"},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact(error.path)}}],
        }
        for error in errors
    ]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "provenance",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule_descriptor(rule) for rule in rules],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not errors,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "columnKind": "unicodeCodePoints",
                "results": [
                    _result(finding, result.path, rule_index)
                    for result in results
                    for finding in result.findings
                ],
            }
        ],
    }


def render_sarif(results: Sequence[FileResult], errors: Sequence[FileError] = ()) -> str:
    return json.dumps(sarif_log(results, errors), ensure_ascii=False, indent=2) + "\n"

"""SARIF 2.1.0, the format code-scanning services (GitHub among them) ingest.

One run. The driver lists every registered rule with its documentation and its bad and good
examples, so that a viewer can show why a finding matters; results point into that list by
``ruleIndex``. Conventions, from the SARIF 2.1.0 specification:

* Regions are text regions in lines and columns, both 1-based; ``endColumn`` is one past the
  last character (``Span.end_column`` is the last character itself, hence the ``+ 1``); an
  empty span is an insertion point (``startColumn == endColumn``). Columns count Unicode code
  points (``columnKind``), as Python strings do. Character offsets are not written: they count
  the newline-normalised text, which differs from a file with CRLF line ends.
* A relative path becomes a relative URI reference under the base id ``%SRCROOT%`` (GitHub
  resolves it against the repository root); an absolute path becomes a ``file:`` URI.
  ``originalUriBaseIds`` describes ``%SRCROOT%`` without giving its absolute URI, so that the
  log is the same on every machine and reveals no local paths.
* Message strings escape ``{`` and ``}`` as ``{{`` and ``}}`` (SARIF reserves single braces
  for placeholders). Related locations are linked from the message with SARIF's embedded-link
  syntax ``[text](id)``: GitHub only shows related locations that the message links to.
* ``partialFingerprints["provenance/v1"]`` is ``Finding.fingerprint()``: rule, excerpt and
  message, no line number, so a finding keeps its identity when lines above it change. (GitHub
  code scanning computes its own ``primaryLocationLineHash`` when the upload action is used.)
* Files that could not be checked are ``toolExecutionNotifications`` of the one invocation,
  whose ``executionSuccessful`` is then false.

Output is deterministic: the same results give the same bytes.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from provenance.findings import FileError, FileResult, Finding, Severity
from provenance.places import Place
from provenance.rules.registry import Rule, all_rules
from provenance.span import Span

__all__ = ["FINGERPRINT_KEY", "SCHEMA_URI", "SOURCE_ROOT", "render_sarif", "sarif_log"]

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
#: URI base id of relative paths: the directory the paths were given relative to.
SOURCE_ROOT = "%SRCROOT%"
#: Key of the line-independent fingerprint in ``partialFingerprints``.
FINGERPRINT_KEY = "provenance/v1"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# GitHub's own rule property: how it ranks non-security results.
_PROBLEM_SEVERITY = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "recommendation",
}
# GitHub truncates or rejects longer rule descriptions and names.
_MAX_DESCRIPTION = 1024
_MAX_NAME = 255
_INPUT_ERROR = "input-error"
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_BACKTICKS = re.compile(r"`+")


# --------------------------------------------------------------------------- text


def _clean(text: str) -> str:
    """``text`` as a string every JSON reader accepts: lone surrogates become U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text


def _message_string(text: str) -> str:
    """A SARIF message string: braces doubled, since single ones mark placeholders."""
    return _clean(text).replace("{", "{{").replace("}", "}}")


def _link_text(text: str) -> str:
    """Text inside an embedded link ``[...](n)``: backslash and square brackets escaped."""
    return re.sub(r"([\\\[\]])", r"\\\1", " ".join(text.split()))


def _plain(markdown: str) -> str:
    """Rule documentation without Markdown code spans (plain-text strings carry no markup)."""
    return _CODE_SPAN.sub(r'"\1"', markdown)


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


def _fence(example: str) -> str:
    """A Markdown code fence longer than any backtick run in ``example``."""
    longest = max((len(run) for run in _BACKTICKS.findall(example)), default=0)
    return "`" * max(3, longest + 1)


# --------------------------------------------------------------------------- locations


def _path_bytes(path: str) -> bytes:
    # Undecodable file names arrive as surrogate escapes: their original bytes are the name.
    try:
        return path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogatepass")


def _artifact(path: str) -> dict[str, str]:
    """The artifactLocation of ``path``: a relative URI under ``%SRCROOT%``, or a file URI."""
    if os.path.isabs(path):
        try:
            return {"uri": Path(path).as_uri()}
        except (ValueError, UnicodeEncodeError):
            slashed = path.replace(os.sep, "/")
            return {"uri": "file://" + quote(_path_bytes("/" + slashed.lstrip("/")))}
    relative = posixpath.normpath(path.replace(os.sep, "/")) if path else "."
    # A relative reference must not start with "/" (RFC 3986 would read an absolute path);
    # ``quote`` keeps "/" and percent-encodes the rest, ":" included, so that a first
    # segment such as "c:notes" cannot be read as a scheme.
    return {"uri": quote(_path_bytes(relative.lstrip("/") or ".")), "uriBaseId": SOURCE_ROOT}


def _region(span: Span) -> dict[str, int]:
    line = max(1, span.line)
    column = max(1, span.column)
    end_line = max(line, span.end_line)
    if span.end <= span.start:
        # An insertion point: SARIF's empty region has endColumn == startColumn.
        return {"startLine": line, "startColumn": column, "endLine": line, "endColumn": column}
    end_column = max(1, span.end_column) + 1
    if end_line == line:
        end_column = max(end_column, column + 1)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _location(
    artifact: dict[str, str], span: Span, place: Place | None = None, snippet: str | None = None
) -> dict[str, Any]:
    region: dict[str, Any] = dict(_region(span))
    if place is not None:
        # A PDF or web page: the lines and columns count its extracted text, so the region
        # also carries the text itself and where it stands in the published file.
        if snippet:
            region["snippet"] = {"text": _clean(snippet)}
        where = {"sourceLine": place.line} if place.page is None else {"page": place.page}
        if place.page is not None:
            where["lineOnPage"] = place.line
        region["properties"] = where
    return {"physicalLocation": {"artifactLocation": dict(artifact), "region": region}}


# --------------------------------------------------------------------------- rules


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    bad_fence, good_fence = _fence(rule.bad), _fence(rule.good)
    markdown = (
        f"{rule.doc}\n\n"
        f"**Flagged:**\n\n{bad_fence}text\n{rule.bad.rstrip()}\n{bad_fence}\n\n"
        f"**Not flagged:**\n\n{good_fence}text\n{rule.good.rstrip()}\n{good_fence}\n"
    )
    plain = _plain(rule.doc)
    return {
        "id": rule.id,
        "name": _shorten("".join(part.capitalize() for part in rule.id.split("-")), _MAX_NAME),
        "shortDescription": {"text": _shorten(_plain(rule.summary), _MAX_DESCRIPTION)},
        "fullDescription": {"text": _shorten(plain, _MAX_DESCRIPTION), "markdown": rule.doc},
        "help": {
            "text": (
                f"{plain}\n\nFlagged:\n{rule.bad.rstrip()}\n\nNot flagged:\n{rule.good.rstrip()}"
            ),
            "markdown": markdown,
        },
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {
            "tags": [rule.category],
            "problem.severity": _PROBLEM_SEVERITY[rule.severity],
        },
    }


def _input_error_descriptor() -> dict[str, Any]:
    return {
        "id": _INPUT_ERROR,
        "name": "InputError",
        "shortDescription": {"text": "A file could not be read as a text report."},
        "fullDescription": {
            "text": (
                "The file is missing, unreadable, empty, binary (a PDF or image saved under a "
                "text name) or too large, so it was not checked."
            )
        },
        "defaultConfiguration": {"level": "error"},
    }


# --------------------------------------------------------------------------- results


def _message(finding: Finding, rules: dict[str, Rule]) -> str:
    text = finding.message
    if not text.strip():
        # GitHub rejects an empty message; the rule's summary says what was found.
        rule = rules.get(finding.rule)
        text = rule.summary if rule is not None else finding.rule
    text = _message_string(text)
    if finding.related:
        links = "; ".join(
            f"[{_link_text(_message_string(related.message)) or 'related'}]({number})"
            for number, related in enumerate(finding.related, start=1)
        )
        text = f"{text} (see {links})"
    return text


def _result(
    finding: Finding, artifact: dict[str, str], rules: dict[str, Rule], index: dict[str, int]
) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.rule}
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    result["level"] = _LEVELS[finding.severity]
    result["message"] = {"text": _message(finding, rules)}
    result["locations"] = [_location(artifact, finding.span, finding.place, finding.excerpt)]
    if finding.related:
        result["relatedLocations"] = [
            {
                "id": number,
                **_location(artifact, related.span, related.place),
                "message": {"text": _message_string(related.message) or "related"},
            }
            for number, related in enumerate(finding.related, start=1)
        ]
    result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint()}
    return result


def _notification(error: FileError) -> dict[str, Any]:
    notification: dict[str, Any] = {
        "descriptor": {"id": _INPUT_ERROR, "index": 0},
        "level": "error",
        "message": {"text": _message_string(f"{error.path}: {error.reason}")},
    }
    # "<stdin>" and the like name no file, so there is no artifact to point at.
    if not (error.path.startswith("<") and error.path.endswith(">")):
        artifact = _artifact(error.path)
        notification["locations"] = [{"physicalLocation": {"artifactLocation": artifact}}]
    return notification


def sarif_log(results: Sequence[FileResult], errors: Sequence[FileError] = ()) -> dict[str, Any]:
    """The SARIF log of ``results`` (and of the files in ``errors``) as JSON-ready data."""
    from provenance import __version__

    rules = all_rules()
    index = {rule.id: position for position, rule in enumerate(rules)}
    by_id = {rule.id: rule for rule in rules}
    run_results: list[dict[str, Any]] = []
    for file_result in results:
        artifact = _artifact(file_result.path)
        run_results.extend(
            _result(finding, artifact, by_id, index) for finding in file_result.findings
        )
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
                        "notifications": [_input_error_descriptor()],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not errors,
                        "toolExecutionNotifications": [_notification(e) for e in errors],
                    }
                ],
                "originalUriBaseIds": {
                    SOURCE_ROOT: {
                        "description": {"text": "The directory the checked paths are relative to."}
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": run_results,
            }
        ],
    }


def render_sarif(results: Sequence[FileResult], errors: Sequence[FileError] = ()) -> str:
    """``sarif_log`` as JSON text (UTF-8 friendly, indented), ending in a newline."""
    return json.dumps(sarif_log(results, errors), ensure_ascii=False, indent=2) + "\n"

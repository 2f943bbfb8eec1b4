"""SARIF 2.1.0, the format code-scanning services (GitHub among them) ingest.

One run. The driver lists every registered rule with its documentation and its bad and good
examples, so that a viewer can show why a finding matters; results point into that list by
``ruleIndex``. Conventions, from the SARIF 2.1.0 specification:

* Regions are text regions in lines and columns, both 1-based; ``endColumn`` is one past the
  last character (``Span.end_column`` is the last character itself, hence the ``+ 1``); an
  empty span is an insertion point (``startColumn == endColumn``). Columns count Unicode code
  points (``columnKind``), as Python strings do. Character offsets are not written: they count
  the newline-normalised text, which differs from a file with CRLF line ends.
* Files are named relative to a source root: the repository that holds the working directory
  (the nearest folder with ``.git``), else the working directory itself. A file under that root,
  however its path was typed (``seeds/x``, ``./seeds/x``, absolute), becomes a relative URI
  reference under the base id ``%SRCROOT%``, which GitHub code scanning resolves against the
  repository root. ``originalUriBaseIds`` describes ``%SRCROOT%`` without giving its absolute
  URI, so that the log is the same on every machine and reveals no local paths. A file outside
  the root keeps an absolute ``file:`` URI: it is not part of the repository, so code scanning
  cannot show it in the code (it still lists the alert, without a place in a file).
* ``region.snippet`` is the text at the region (the finding's excerpt, where it is that text);
  ``contextRegion`` covers the region's lines and its snippet is the sentence around the
  finding, on one line, shortened with "…" where cut (paragraphs are often one long line).
* Message strings escape ``{`` and ``}`` as ``{{`` and ``}}`` (SARIF reserves single braces
  for placeholders). Related locations are linked from the message with SARIF's embedded-link
  syntax ``[text](id)``: GitHub only shows related locations that the message links to.
  Related locations repeat neither each other nor the result's own location, and at most
  ``MAX_RELATED`` are written (GitHub shows no more); the message says how many were left out.
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
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import quote

from provenance.findings import (
    FileError,
    FileResult,
    Finding,
    Related,
    Severity,
    SuppressedFinding,
)
from provenance.places import Place
from provenance.regex_store import lazy_compile
from provenance.rules.registry import Rule, all_rules
from provenance.span import Span

__all__ = [
    "FINGERPRINT_KEY",
    "MAX_RELATED",
    "SCHEMA_URI",
    "SOURCE_ROOT",
    "information_uri",
    "render_sarif",
    "sarif_log",
    "source_root",
]

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
#: URI base id of relative paths: the directory the paths were given relative to.
SOURCE_ROOT = "%SRCROOT%"
#: Key of the line-independent fingerprint in ``partialFingerprints``.
FINGERPRINT_KEY = "provenance/v1"
#: Related locations written per result: GitHub code scanning shows no more than 100.
MAX_RELATED = 100
# Project-URL labels of the package metadata, in the order the tool's home page is taken from.
_HOME_LABELS = ("homepage", "home", "documentation", "repository", "source")

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
_CODE_SPAN = lazy_compile(r"`([^`\n]+)`")
_BACKTICKS = lazy_compile(r"`+")


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


def source_root(start: str | os.PathLike[str] | None = None) -> Path:
    """The folder relative URIs are written against: the repository holding ``start`` (the
    working directory by default), found by its ``.git``, else ``start`` itself."""
    folder = Path(os.path.abspath(start if start is not None else os.getcwd()))
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def _file_uri(path: str) -> str:
    try:
        return Path(path).as_uri()
    except (ValueError, UnicodeEncodeError):
        slashed = path.replace(os.sep, "/")
        return "file://" + quote(_path_bytes("/" + slashed.lstrip("/")))


def _under(path: str, root: str) -> str | None:
    """``path`` relative to ``root`` with "/" separators, or None where it is not under it."""
    try:
        relative = os.path.relpath(path, root)
    except ValueError:  # another drive
        return None
    if relative == os.pardir or relative.startswith(os.pardir + os.sep) or os.path.isabs(relative):
        return None
    return relative.replace(os.sep, "/")


def _artifact(path: str, root: Path) -> dict[str, str]:
    """The artifactLocation of ``path``: a relative URI under ``%SRCROOT%`` where the file is
    under ``root``, else an absolute file URI."""
    absolute = os.path.abspath(path) if path else os.path.abspath(".")
    relative = _under(absolute, str(root))
    if relative is None:
        # Through a symbolic link (/tmp and /private/tmp, say) a file may still be inside.
        try:
            relative = _under(os.path.realpath(absolute), os.path.realpath(root))
        except (OSError, ValueError):
            relative = None
    if relative is None:
        return {"uri": _file_uri(absolute)}
    relative = posixpath.normpath(relative)
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


def _location(artifact: dict[str, str], span: Span, place: Place | None = None) -> dict[str, Any]:
    region: dict[str, Any] = dict(_region(span))
    if place is not None:
        # A PDF or web page: the lines and columns count its extracted text, so the region
        # also says where it stands in the published file.
        where = {"sourceLine": place.line} if place.page is None else {"page": place.page}
        if place.page is not None:
            where["lineOnPage"] = place.line
        region["properties"] = where
    return {"physicalLocation": {"artifactLocation": dict(artifact), "region": region}}


def _primary_location(artifact: dict[str, str], finding: Finding) -> dict[str, Any]:
    location = _location(artifact, finding.span, finding.place)
    physical = location["physicalLocation"]
    region = physical["region"]
    # The excerpt is the region's own text unless the rule chose another (a note's body).
    if finding.excerpt and len(finding.excerpt) == len(finding.span):
        region["snippet"] = {"text": _clean(finding.excerpt)}
    context = finding.context
    # Only where the context adds words around the span: the context never reaches past the
    # lines of the span, so the region then leaves words of its lines out, and the lines are
    # a proper superset of it, as SARIF requires of a contextRegion.
    if context is not None and (
        context.start > 0 or context.start + context.length < len(context.text)
    ):
        physical["contextRegion"] = {
            "startLine": region["startLine"],
            "endLine": region["endLine"],
            "snippet": {"text": _clean(context.text)},
        }
    return location


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
        "help": {
            "text": (
                "The notification says why the file could not be read. Give the report as "
                "plain text or Markdown (UTF-8 is best; other encodings are detected), or "
                "leave the file out of the paths checked."
            ),
            "markdown": (
                "The notification says why the file could not be read. Give the report as "
                "plain text or Markdown (UTF-8 is best; other encodings are detected), or "
                "leave the file out of the paths checked."
            ),
        },
        "defaultConfiguration": {"level": "error"},
    }


# --------------------------------------------------------------------------- results


def _related(finding: Finding) -> list[Related]:
    """The finding's related places worth showing: no repeats, not its own place, at most
    ``MAX_RELATED``."""
    seen = {(finding.span.start, finding.span.end)}
    kept: list[Related] = []
    for related in finding.related:
        key = (related.span.start, related.span.end)
        if key not in seen:
            seen.add(key)
            kept.append(related)
    return kept


def _message(finding: Finding, related: Sequence[Related], rules: dict[str, Rule]) -> str:
    text = finding.message
    if not text.strip():
        # GitHub rejects an empty message; the rule's summary says what was found.
        rule = rules.get(finding.rule)
        text = rule.summary if rule is not None else finding.rule
    text = _message_string(text)
    if related:
        shown = related[:MAX_RELATED]
        # Places that share a message ("note 4 is also called here") are linked by number.
        groups: dict[str, list[int]] = {}
        for number, place in enumerate(shown, start=1):
            groups.setdefault(_link_text(_message_string(place.message)), []).append(number)
        parts = []
        for label, numbers in groups.items():
            if len(numbers) == 1:
                parts.append(f"[{label or 'related'}]({numbers[0]})")
            else:
                links = ", ".join(f"[{n}]({n})" for n in numbers)
                parts.append(f"{label or 'related'}: {links}" if label else links)
        links = "; ".join(parts)
        left_out = len(related) - len(shown)
        if left_out:
            links += f"; and {left_out} more not shown"
        text = f"{text} (see {links})"
    return text


def _result(
    finding: Finding, artifact: dict[str, str], rules: dict[str, Rule], index: dict[str, int]
) -> dict[str, Any]:
    related = _related(finding)
    result: dict[str, Any] = {"ruleId": finding.rule}
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    result["level"] = _LEVELS[finding.severity]
    result["message"] = {"text": _message(finding, related, rules)}
    result["locations"] = [_primary_location(artifact, finding)]
    if related:
        result["relatedLocations"] = [
            {
                "id": number,
                **_location(artifact, place.span, place.place),
                "message": {"text": _message_string(place.message) or "related"},
            }
            for number, place in enumerate(related[:MAX_RELATED], start=1)
        ]
    result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint()}
    return result


def _suppressed_result(
    taken_out: SuppressedFinding,
    artifact: dict[str, str],
    rules: dict[str, Rule],
    index: dict[str, int],
) -> dict[str, Any]:
    """A finding a directive in the report took out: a result with an ``inSource``
    suppression, which viewers such as GitHub's code scanning show as dismissed."""
    result = _result(taken_out.finding, artifact, rules, index)
    suppression: dict[str, Any] = {"kind": "inSource", "status": "accepted"}
    if taken_out.reason:
        suppression["justification"] = _message_string(taken_out.reason)
    result["suppressions"] = [suppression]
    return result


def _notification(error: FileError, root: Path) -> dict[str, Any]:
    notification: dict[str, Any] = {
        "descriptor": {"id": _INPUT_ERROR, "index": 0},
        "level": "error",
        "message": {"text": _message_string(f"{error.path}: {error.reason}")},
    }
    # "<stdin>" and the like name no file, so there is no artifact to point at.
    if not (error.path.startswith("<") and error.path.endswith(">")):
        artifact = _artifact(error.path, root)
        notification["locations"] = [{"physicalLocation": {"artifactLocation": artifact}}]
    return notification


@cache
def information_uri() -> str | None:
    """The tool's home page, from the installed package's metadata (``[project.urls]``), or
    None: only an absolute http(s) address is a page a SARIF viewer can link to."""
    try:
        entries = metadata.metadata("provenance").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    urls: dict[str, str] = {}
    for entry in entries:
        label, _, url = entry.partition(",")
        urls.setdefault(label.strip().lower(), url.strip())
    return next(
        (
            urls[label]
            for label in _HOME_LABELS
            if urls.get(label, "").startswith(("https://", "http://"))
        ),
        None,
    )


def sarif_log(
    results: Sequence[FileResult],
    errors: Sequence[FileError] = (),
    *,
    root: str | os.PathLike[str] | None = None,
    suppressed: bool = False,
) -> dict[str, Any]:
    """The SARIF log of ``results`` (and of the files in ``errors``) as JSON-ready data.

    ``root``: the folder URIs are relative to (default: ``source_root()``, the repository that
    holds the working directory); relative paths in ``results`` are relative to the working
    directory, as the command line takes them. ``suppressed``: also give the findings that
    directives in the reports took out, each with a ``suppressions`` entry of kind
    ``inSource`` and the directive's reason as its justification.
    """
    from provenance import __version__

    base = Path(os.path.abspath(root)) if root is not None else source_root()
    rules = all_rules()
    index = {rule.id: position for position, rule in enumerate(rules)}
    by_id = {rule.id: rule for rule in rules}
    run_results: list[dict[str, Any]] = []
    for file_result in results:
        artifact = _artifact(file_result.path, base)
        run_results.extend(
            _result(finding, artifact, by_id, index) for finding in file_result.findings
        )
        if suppressed:
            run_results.extend(
                _suppressed_result(taken_out, artifact, by_id, index)
                for taken_out in file_result.suppressed_findings
            )
    driver: dict[str, Any] = {"name": "provenance"}
    home = information_uri()
    if home:
        driver["informationUri"] = home
    driver.update(
        version=__version__,
        semanticVersion=__version__,
        rules=[_rule_descriptor(rule) for rule in rules],
        notifications=[_input_error_descriptor()],
    )
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [
                    {
                        "executionSuccessful": not errors,
                        "toolExecutionNotifications": [_notification(e, base) for e in errors],
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


def render_sarif(
    results: Sequence[FileResult],
    errors: Sequence[FileError] = (),
    *,
    root: str | os.PathLike[str] | None = None,
    suppressed: bool = False,
) -> str:
    """``sarif_log`` as JSON text (UTF-8 friendly, indented), ending in a newline."""
    log = sarif_log(results, errors, root=root, suppressed=suppressed)
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"

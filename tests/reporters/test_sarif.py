"""SARIF output validates against the official 2.1.0 schema and follows the spec's conventions."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import provenance
from provenance.excerpts import context
from provenance.findings import FileError, FileResult, Finding, Related, Severity
from provenance.reporters.sarif import (
    FINGERPRINT_KEY,
    MAX_RELATED,
    information_uri,
    render_sarif,
    sarif_log,
    source_root,
)
from provenance.rules import all_rules, get_rule
from provenance.span import LineIndex, Span

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
WEEKDAY_SEED = "003_1657d4287ccc633e.txt"


@pytest.fixture(scope="module")
def validator(schemas: Path) -> jsonschema.protocols.Validator:
    schema = json.loads((schemas / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def _finding(
    text: str,
    start: int,
    end: int,
    message: str = "m",
    severity: Severity = Severity.WARNING,
    related: tuple[Related, ...] = (),
    rule: str = "weekday-mismatch",
) -> Finding:
    return Finding(
        rule, severity, message, LineIndex(text).span(start, end), text[start:end], related
    )


def _only_result(log: dict[str, Any]) -> dict[str, Any]:
    results: list[dict[str, Any]] = log["runs"][0]["results"]
    (result,) = results
    return result


def _region(result: dict[str, Any]) -> dict[str, int]:
    """The bounds of the result's region (its snippet left out)."""
    region: dict[str, Any] = result["locations"][0]["physicalLocation"]["region"]
    return {key: value for key, value in region.items() if key != "snippet"}


# --------------------------------------------------------------------------- whole logs


def test_seeds_validate_and_point_at_their_findings(
    validator: jsonschema.protocols.Validator, seed_file_results: list[FileResult]
) -> None:
    text = render_sarif(seed_file_results)
    log = json.loads(text)
    validator.validate(log)
    assert text == render_sarif(seed_file_results)  # deterministic, byte for byte
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("provenance", provenance.__version__)
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids == [rule.id for rule in all_rules()]
    assert run["invocations"][0]["executionSuccessful"] is True
    findings = [(r.path, f) for r in seed_file_results for f in r.findings]
    assert len(run["results"]) == len(findings) > 0
    for result, (path, finding) in zip(run["results"], findings, strict=True):
        assert ids[result["ruleIndex"]] == result["ruleId"] == finding.rule
        assert result["partialFingerprints"] == {FINGERPRINT_KEY: finding.fingerprint()}
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": path, "uriBaseId": "%SRCROOT%"}
        assert location["region"]["startLine"] == finding.span.line
        assert location["region"]["startColumn"] == finding.span.column
        assert location["region"]["endLine"] == finding.span.end_line
        assert location["region"]["endColumn"] == finding.span.end_column + 1
    (weekday,) = [r for r in run["results"] if r["ruleId"] == "weekday-mismatch"]
    assert weekday["level"] == "error"
    assert weekday["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        f"seeds/{WEEKDAY_SEED}"
    )
    assert _region(weekday)["startLine"] == 68
    # The related location (where the year came from) is linked from the message.
    (related,) = weekday["relatedLocations"]
    assert related["id"] == 1 and related["physicalLocation"]["region"]["startLine"] == 60
    assert weekday["message"]["text"].endswith(f"[{related['message']['text']}](1))")


def test_empty_run_still_lists_every_rule(validator: jsonschema.protocols.Validator) -> None:
    log = json.loads(render_sarif([]))
    validator.validate(log)
    run = log["runs"][0]
    assert run["results"] == []
    assert len(run["tool"]["driver"]["rules"]) == len(all_rules())
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]
    # A file with no findings adds nothing either.
    assert sarif_log([FileResult("clean.txt", ())])["runs"][0]["results"] == []


def test_unreadable_files_are_notifications(validator: jsonschema.protocols.Validator) -> None:
    errors = [
        FileError("scan.pdf", "binary file (looks like PDF)"),
        FileError("/srv/reports/a b.txt", "empty file"),
        FileError("<stdin>", "empty file"),
    ]
    text = "x"
    log = json.loads(render_sarif([FileResult("ok.txt", (_finding(text, 0, 1),))], errors))
    validator.validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    first, second, stdin = invocation["toolExecutionNotifications"]
    assert first["level"] == "error"
    assert first["message"]["text"] == "scan.pdf: binary file (looks like PDF)"
    assert first["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "scan.pdf",
        "uriBaseId": "%SRCROOT%",
    }
    assert second["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "file:///srv/reports/a%20b.txt"
    }
    assert "locations" not in stdin  # no file to point at
    descriptors = log["runs"][0]["tool"]["driver"]["notifications"]
    assert descriptors[first["descriptor"]["index"]]["id"] == first["descriptor"]["id"]
    # The findings of the files that could be read are still reported.
    assert len(log["runs"][0]["results"]) == 1


# --------------------------------------------------------------------------- rules


def test_rule_descriptors_carry_the_documentation() -> None:
    driver = sarif_log([])["runs"][0]["tool"]["driver"]
    for rule, descriptor in zip(all_rules(), driver["rules"], strict=True):
        assert descriptor["shortDescription"]["text"]
        assert descriptor["fullDescription"]["markdown"] == rule.doc
        # GitHub shows at most 1024 characters of a description; plain text has no markup.
        assert 0 < len(descriptor["fullDescription"]["text"]) <= 1024
        assert "`" not in descriptor["fullDescription"]["text"]
        markdown = descriptor["help"]["markdown"]
        assert rule.doc in markdown
        assert rule.bad.strip() in markdown and rule.good.strip() in markdown
        assert rule.bad.strip() in descriptor["help"]["text"]
        assert rule.good.strip() in descriptor["help"]["text"]
        assert descriptor["properties"]["tags"] == [rule.category]
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", descriptor["name"])


@pytest.mark.parametrize(
    ("severity", "level"),
    [(Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "note")],
)
def test_levels_map_severities(severity: Severity, level: str) -> None:
    text = "abc"
    log = sarif_log([FileResult("a.txt", (_finding(text, 0, 3, severity=severity),))])
    assert _only_result(log)["level"] == level
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    for rule, descriptor in zip(all_rules(), rules, strict=True):
        if rule.severity == severity:
            assert descriptor["defaultConfiguration"]["level"] == level


def test_a_finding_of_an_unknown_rule_has_no_rule_index(
    validator: jsonschema.protocols.Validator,
) -> None:
    finding = _finding("abc", 0, 1, rule="retired-rule")
    log = sarif_log([FileResult("a.txt", (finding,))])
    validator.validate(log)
    result = _only_result(log)
    assert result["ruleId"] == "retired-rule" and "ruleIndex" not in result


# --------------------------------------------------------------------------- regions


def test_end_column_is_one_past_the_last_character() -> None:
    text = "abc fault def"
    region = _region(_only_result(sarif_log([FileResult("a.txt", (_finding(text, 4, 9),))])))
    assert region == {"startLine": 1, "startColumn": 5, "endLine": 1, "endColumn": 10}


def test_multi_line_region() -> None:
    text = "first line\nsecond line\nthird"
    region = _region(_only_result(sarif_log([FileResult("a.txt", (_finding(text, 6, 17),))])))
    # "line\nsecond": from column 7 of line 1 to the "d" at column 6 of line 2.
    assert region == {"startLine": 1, "startColumn": 7, "endLine": 2, "endColumn": 7}


def test_empty_span_is_an_insertion_point() -> None:
    text = "ab\ncd"
    region = _region(_only_result(sarif_log([FileResult("a.txt", (_finding(text, 4, 4),))])))
    assert region == {"startLine": 2, "startColumn": 2, "endLine": 2, "endColumn": 2}


def test_columns_count_code_points() -> None:
    text = "ü😀 fault"
    region = _region(_only_result(sarif_log([FileResult("a.txt", (_finding(text, 3, 8),))])))
    assert (region["startColumn"], region["endColumn"]) == (4, 9)
    assert sarif_log([])["runs"][0]["columnKind"] == "unicodeCodePoints"


# --------------------------------------------------------------------------- paths


def _uri_of(path: str, root: Path | None = None) -> dict[str, str]:
    result = _only_result(sarif_log([FileResult(path, (_finding("x", 0, 1),))], root=root))
    location: dict[str, str] = result["locations"][0]["physicalLocation"]["artifactLocation"]
    return location


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("seeds/a.txt", "seeds/a.txt"),
        ("./seeds//a.txt", "seeds/a.txt"),
        ("seeds/../seeds/a b.txt", "seeds/a%20b.txt"),
        ("rapport é.txt", "rapport%20%C3%A9.txt"),
        ("c:notes.txt", "c%3Anotes.txt"),  # not a URI scheme
        ("100%.txt", "100%25.txt"),
    ],
)
def test_relative_paths_are_relative_uri_references(
    path: str, uri: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _uri_of(path, tmp_path) == {"uri": uri, "uriBaseId": "%SRCROOT%"}


def test_a_file_has_one_uri_however_its_path_is_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "reports").mkdir()
    monkeypatch.chdir(tmp_path)
    expected = {"uri": "reports/r%201.txt", "uriBaseId": "%SRCROOT%"}
    for typed in ("reports/r 1.txt", "./reports/r 1.txt", str(tmp_path / "reports" / "r 1.txt")):
        # The root is the repository that holds the working directory.
        assert _uri_of(typed) == expected, typed
    # From a folder inside the repository, paths are still named from its root.
    monkeypatch.chdir(tmp_path / "reports")
    assert _uri_of("r 1.txt") == expected
    assert _uri_of("../reports/r 1.txt") == expected


def test_the_source_root_is_the_repository_else_the_working_directory(tmp_path: Path) -> None:
    inner = tmp_path / "repo" / "a" / "b"
    inner.mkdir(parents=True)
    assert source_root(inner) == inner
    (tmp_path / "repo" / ".git").write_text("gitdir: elsewhere\n")  # a worktree's .git file
    assert source_root(inner) == tmp_path / "repo"


def test_files_outside_the_root_keep_absolute_file_uris(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    monkeypatch.chdir(root)
    assert _uri_of("/data/r 1.txt", root) == {"uri": "file:///data/r%201.txt"}
    outside = tmp_path / "elsewhere.txt"
    assert _uri_of("../elsewhere.txt", root) == {"uri": outside.as_uri()}


def test_a_link_into_the_root_is_still_inside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "repo"
    (root / "reports").mkdir(parents=True)
    link = tmp_path / "link"
    link.symlink_to(root, target_is_directory=True)
    monkeypatch.chdir(root)
    expected = {"uri": "reports/r.txt", "uriBaseId": "%SRCROOT%"}
    assert _uri_of(str(link / "reports" / "r.txt"), root) == expected


# --------------------------------------------------------------------------- messages


def test_braces_are_escaped_and_related_locations_linked(
    validator: jsonschema.protocols.Validator,
) -> None:
    text = "Thursday, 29 May 2002\nIn 2002 [sic] things happened."
    related = (Related(LineIndex(text).span(25, 29), "year [from] here"),)
    finding = _finding(text, 0, 8, message="{0} is not a weekday", related=related)
    log = sarif_log([FileResult("a.txt", (finding,))])
    validator.validate(log)
    result = _only_result(log)
    assert result["message"]["text"] == r"{{0}} is not a weekday (see [year \[from\] here](1))"
    (location,) = result["relatedLocations"]
    assert location["id"] == 1
    assert location["message"]["text"] == "year [from] here"
    assert location["physicalLocation"]["region"] == {
        "startLine": 2,
        "startColumn": 4,
        "endLine": 2,
        "endColumn": 8,
    }


def test_empty_message_falls_back_to_the_rule_summary() -> None:
    result = _only_result(sarif_log([FileResult("a.txt", (_finding("x", 0, 1, message=" "),))]))
    assert result["message"]["text"] == get_rule("weekday-mismatch").summary.replace("{", "{{")


def test_related_locations_are_neither_repeated_nor_the_result_itself(
    validator: jsonschema.protocols.Validator,
) -> None:
    text = "note 4 here, again 4, and 4 once more."
    index = LineIndex(text)
    related = (
        Related(index.span(0, 6), "the note itself"),  # the result's own place
        Related(index.span(19, 20), "note 4 is also called here"),
        Related(index.span(19, 20), "note 4 is also called here"),  # a repeat
        Related(index.span(26, 27), "note 4 is also called here"),
    )
    log = sarif_log([FileResult("a.txt", (_finding(text, 0, 6, message="m", related=related),))])
    validator.validate(log)
    result = _only_result(log)
    places = result["relatedLocations"]
    assert [p["id"] for p in places] == [1, 2]
    assert [p["physicalLocation"]["region"]["startColumn"] for p in places] == [20, 27]
    # Places that share a message are linked by number, not by the same words twice.
    assert result["message"]["text"] == "m (see note 4 is also called here: [1](1), [2](2))"


def test_related_locations_stop_where_github_stops_showing_them() -> None:
    text = "x" * (MAX_RELATED + 20)
    index = LineIndex(text)
    related = tuple(Related(index.span(i, i + 1), f"place {i}") for i in range(1, MAX_RELATED + 11))
    result = _only_result(
        sarif_log([FileResult("a.txt", (_finding(text, 0, 1, related=related),))])
    )
    assert len(result["relatedLocations"]) == MAX_RELATED
    assert result["message"]["text"].endswith(
        f"[place {MAX_RELATED}]({MAX_RELATED}); and 10 more not shown)"
    )


# --------------------------------------------------------------------------- snippets


def test_the_region_carries_its_text_and_the_context_its_sentence(
    validator: jsonschema.protocols.Validator,
) -> None:
    text = "Intro line.\nPolice beat him (Smith 2001) in May. The next sentence is another."
    start = text.index("(Smith 2001)")
    span = LineIndex(text).span(start, start + len("(Smith 2001)"))
    finding = Finding(
        "citation-without-source",
        Severity.ERROR,
        "m",
        span,
        text[start : span.end],
        context=context(text, span),
    )
    log = sarif_log([FileResult("a.txt", (finding,))])
    validator.validate(log)
    physical = _only_result(log)["locations"][0]["physicalLocation"]
    assert physical["region"]["snippet"] == {"text": "(Smith 2001)"}
    assert physical["contextRegion"] == {
        "startLine": 2,
        "endLine": 2,
        "snippet": {"text": "Police beat him (Smith 2001) in May."},
    }


def test_no_context_region_where_the_context_is_the_span_alone() -> None:
    text = "Intro.\nA whole line\nmore"
    span = LineIndex(text).span(7, 19)
    finding = Finding("weekday-mismatch", Severity.ERROR, "m", span, text[7:19])
    finding = attrs.evolve(finding, context=context(text, span))
    physical = _only_result(sarif_log([FileResult("a.txt", (finding,))]))["locations"][0][
        "physicalLocation"
    ]
    assert physical["region"]["snippet"] == {"text": "A whole line"}
    assert "contextRegion" not in physical  # it would be the region itself


def test_no_snippet_where_the_excerpt_is_not_the_region_text() -> None:
    text = "1 Body of a note that is quoted whole."
    span = LineIndex(text).span(0, 1)
    finding = Finding("footnote-without-marker", Severity.ERROR, "m", span, text[2:])
    physical = _only_result(sarif_log([FileResult("a.txt", (finding,))]))["locations"][0][
        "physicalLocation"
    ]
    assert "snippet" not in physical["region"]
    assert "contextRegion" not in physical  # a finding read back from a baseline has none


def test_seed_findings_carry_snippets(seed_file_results: list[FileResult]) -> None:
    results = sarif_log(seed_file_results)["runs"][0]["results"]
    findings = [f for r in seed_file_results for f in r.findings]
    for result, finding in zip(results, findings, strict=True):
        physical = result["locations"][0]["physicalLocation"]
        if len(finding.excerpt) == len(finding.span) and finding.excerpt:
            assert physical["region"]["snippet"]["text"] == finding.excerpt
        found = finding.context
        if found is not None and (found.start > 0 or found.start + found.length < len(found.text)):
            assert physical["contextRegion"]["snippet"]["text"] == found.text
        else:
            assert "contextRegion" not in physical


# --------------------------------------------------------------------------- the tool


def test_the_home_page_is_real_or_absent_and_every_descriptor_has_help() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    driver = sarif_log([])["runs"][0]["tool"]["driver"]
    # The home page named in pyproject.toml, or none: never a placeholder address.
    home = pyproject["project"].get("urls", {}).get("Homepage")
    assert driver.get("informationUri") == information_uri() == home
    assert home is None or (home.startswith("https://") and "example." not in home)
    # GitHub requires help on every reportingDescriptor, notification descriptors included.
    for descriptor in driver["rules"] + driver["notifications"]:
        assert descriptor["help"]["text"] and descriptor["help"]["markdown"]


# --------------------------------------------------------------------------- fingerprints


def test_fingerprints_survive_lines_inserted_above() -> None:
    text = (SEEDS / WEEKDAY_SEED).read_text(encoding="utf-8")
    path = f"seeds/{WEEKDAY_SEED}"
    before = provenance.check(provenance.parse(text, path))
    assert before
    # A new paragraph at the paragraph break above the first finding.
    first = min(f.span.start for f in before)
    cut = text.rfind("\n\n", 0, first) + 2
    edited = text[:cut] + "A paragraph added by an editor.\n\n" + text[cut:]
    after = provenance.check(provenance.parse(edited, path))

    def index(findings: list[Finding]) -> dict[str, int]:
        results = sarif_log([FileResult(path, tuple(findings))])["runs"][0]["results"]
        return {r["partialFingerprints"][FINGERPRINT_KEY]: _region(r)["startLine"] for r in results}

    old, new = index(before), index(after)
    assert old.keys() == new.keys()
    assert all(new[key] == line + 2 for key, line in old.items())


def test_fingerprints_differ_between_findings() -> None:
    text = "Monday, 1 May 2002 and Tuesday, 1 May 2002"
    one = _finding(text, 0, 18, message="a")
    two = _finding(text, 23, 42, message="b")
    results = sarif_log([FileResult("a.txt", (one, two))])["runs"][0]["results"]
    assert len({r["partialFingerprints"][FINGERPRINT_KEY] for r in results}) == 2


# --------------------------------------------------------------------------- properties


@st.composite
def _findings(draw: st.DrawFn) -> Finding:
    text = draw(st.text(min_size=1, max_size=60))
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    index = LineIndex(text)
    related = draw(
        st.lists(
            st.builds(
                Related,
                span=st.just(index.span(start, end)),
                message=st.text(max_size=30),
            ),
            max_size=2,
        )
    )
    return Finding(
        rule=draw(st.sampled_from([r.id for r in all_rules()] + ["not-a-rule"])),
        severity=draw(st.sampled_from(list(Severity))),
        message=draw(st.text(max_size=80)),
        span=index.span(start, end),
        excerpt=text[start:end],
        related=tuple(related),
    )


_paths = st.one_of(
    st.text(min_size=1, max_size=40),
    st.text(min_size=1, max_size=40).map(lambda p: "/" + p),
    st.builds(lambda d, f: f"{d}/{f}.txt", st.text(max_size=10), st.text(max_size=10)),
)


@settings(max_examples=120, deadline=None)
@given(
    files=st.lists(st.tuples(_paths, st.lists(_findings(), max_size=3)), max_size=3),
    errors=st.lists(st.builds(FileError, path=_paths, reason=st.text(max_size=40)), max_size=2),
)
def test_any_findings_and_paths_give_valid_sarif(
    validator: jsonschema.protocols.Validator,
    files: list[tuple[str, list[Finding]]],
    errors: list[FileError],
) -> None:
    results = [FileResult(path, tuple(findings)) for path, findings in files]
    text = render_sarif(results, errors)
    log = json.loads(text)
    validator.validate(log)
    text.encode("utf-8")  # no lone surrogates
    flat = [finding for _, findings in files for finding in findings]
    run = log["runs"][0]
    assert len(run["results"]) == len(flat)
    for result, finding in zip(run["results"], flat, strict=True):
        message = result["message"]["text"]
        if finding.message.strip() and not finding.related:
            # Undoing the brace escape gives the finding's own message back.
            assert message.replace("{{", "{").replace("}}", "}") == finding.message
        # Every brace is doubled: runs of braces have even lengths.
        assert all(len(run) % 2 == 0 for run in re.findall(r"\{+|\}+", message))
        region = _region(result)
        assert region["startLine"] == finding.span.line
        assert region["endColumn"] >= 1 and region["endLine"] >= region["startLine"]
        if region["endLine"] == region["startLine"]:
            assert region["endColumn"] >= region["startColumn"]
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri and not uri.startswith("//") and " " not in uri


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=80), start=st.integers(0, 80), length=st.integers(0, 20))
def test_region_covers_exactly_the_span(text: str, start: int, length: int) -> None:
    start = min(start, len(text))
    end = min(start + length, len(text))
    span: Span = LineIndex(text).span(start, end)
    finding = Finding("weekday-mismatch", Severity.ERROR, "m", span, text[start:end])
    region = _region(_only_result(sarif_log([FileResult("a.txt", (finding,))])))
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    first = starts[region["startLine"] - 1] + region["startColumn"] - 1
    last = starts[region["endLine"] - 1] + region["endColumn"] - 1
    assert (first, last) == (start, end)


# --------------------------------------------------------------------------- suppressed findings

_SUPPRESSED = (
    "Returnees\n\n"
    "Returnees are reportedly questioned at the airport. "
    "<!-- provenance: ignore[hedged-claim] the ministry is named in the next paragraph -->\n\n"
    "Others were reportedly beaten.\n"
)


def _checked(tmp_path: Path, text: str) -> FileResult:
    from provenance.batch import check_file
    from provenance.config import Config

    report = tmp_path / "report.md"
    report.write_text(text, encoding="utf-8")
    result = check_file(str(report), Config())
    assert isinstance(result, FileResult)
    return result


def test_findings_suppressed_in_the_source_are_given_when_asked(
    validator: jsonschema.protocols.Validator, tmp_path: Path
) -> None:
    result = _checked(tmp_path, _SUPPRESSED)
    assert result.suppressed == 1 and len(result.findings) == 1
    plain = sarif_log([result], root=tmp_path)
    assert [r.get("suppressions") for r in plain["runs"][0]["results"]] == [None]
    log = sarif_log([result], root=tmp_path, suppressed=True)
    validator.validate(log)
    results = log["runs"][0]["results"]
    assert [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results
    ] == [
        ("hedged-claim", 5),
        ("hedged-claim", 3),
    ]
    assert "suppressions" not in results[0]
    assert results[1]["suppressions"] == [
        {
            "kind": "inSource",
            "status": "accepted",
            "justification": "the ministry is named in the next paragraph",
        }
    ]


def test_show_suppressed_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from provenance import cli

    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.md").write_text(_SUPPRESSED, encoding="utf-8")
    cli.main(["check", "--format", "sarif", "report.md"])
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    assert [r.get("suppressions") for r in results] == [None]
    cli.main(["check", "--format", "sarif", "--show-suppressed", "report.md"])
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    assert [s["kind"] for r in results for s in r.get("suppressions", [])] == ["inSource"]

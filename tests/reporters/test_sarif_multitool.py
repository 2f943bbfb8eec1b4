"""SARIF output passes Microsoft's SARIF validator with GitHub's rules: no errors, no warnings.

The validator is ``@microsoft/sarif-multitool`` from the npm registry (``.ci/run`` installs it
and sets ``SARIF_MULTITOOL`` to its program). Where it is missing the test skips and says why.
Its ``Ghas`` rules are the ones GitHub code scanning applies on upload (GH1001...GH2012).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from provenance.batch import check_file
from provenance.config import Config
from provenance.findings import FileError, FileResult
from provenance.reporters.sarif import render_sarif

ROOT = Path(__file__).resolve().parents[2]
PRACTICE = ROOT.parent / "shared" / "practice"
PACKAGE = "@microsoft/sarif-multitool"
# The rule kinds: SARIF's own best practices and GitHub Advanced Security's requirements.
RULE_KINDS = "Sarif;Ghas"


def _multitool() -> str:
    """The validator's program, or a skip that says what is missing."""
    configured = os.environ.get("SARIF_MULTITOOL")
    if configured:
        if not os.access(configured, os.X_OK):
            pytest.fail(f"SARIF_MULTITOOL={configured} is not an executable program")
        return configured
    node, wrapper = shutil.which("node"), shutil.which("sarif-multitool")
    if node is None or shutil.which("npm") is None:
        pytest.skip(f"node and npm are not installed, so {PACKAGE} cannot be run")
    if wrapper is None:
        pytest.skip(
            f"{PACKAGE} is not installed (npm install -g {PACKAGE}, or set SARIF_MULTITOOL)"
        )
    # The npm command is a wrapper that passes its arguments through a shell, where the ";" of
    # the rule kinds would end the command: run the program the package points at instead.
    package = Path(wrapper).resolve().parent
    found = subprocess.run(
        [node, "-p", "require(process.argv[1])", str(package)],
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode != 0:
        pytest.skip(f"{PACKAGE} has no program for this platform: {found.stderr.strip()}")
    return found.stdout.strip()


def _validate(tmp_path: Path, logs: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """The validator's results for each of ``logs`` (name -> SARIF text), by name."""
    program = _multitool()
    for name, text in logs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    output = tmp_path / "validation.sarif"
    run = subprocess.run(
        [
            program,
            "validate",
            "--rule-kind",
            RULE_KINDS,
            "--level",
            "Error;Warning;Note",
            "--output",
            str(output),
            *(str(tmp_path / name) for name in logs),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        # The validator is a .NET program: without ICU it must be told to run without it.
        env={**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1"},
    )
    assert output.exists(), f"the validator wrote nothing:\n{run.stdout}\n{run.stderr}"
    validation = json.loads(output.read_text(encoding="utf-8-sig"))
    (validator_run,) = validation["runs"]
    by_log: dict[str, list[dict[str, Any]]] = {name: [] for name in logs}
    for result in validator_run.get("results", []):
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        (name,) = [name for name in logs if uri.endswith("/" + name)]
        by_log[name].append(result)
    return by_log


def _problems(results: list[dict[str, Any]]) -> list[str]:
    """Errors and warnings (a result without a level is a warning), as readable lines."""
    lines = []
    for result in results:
        level = result.get("level", "warning")
        if level in ("error", "warning"):
            arguments = result["message"].get("arguments", [])
            lines.append(f"{level} {result['ruleId']}: {'; '.join(arguments)}")
    return lines


def test_sarif_passes_the_validator_under_github_rules(
    tmp_path: Path, seed_file_results: list[FileResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    results = list(seed_file_results)
    # An absolute path inside the repository, and one outside it (a file URI).
    first = seed_file_results[0]
    results.append(FileResult(str(ROOT / first.path), first.findings))
    if PRACTICE.is_dir():
        import provenance

        for path in sorted(PRACTICE.glob("*.txt"))[:6]:
            findings = provenance.check(provenance.parse_file(path))
            results.append(FileResult(str(path), tuple(findings)))
    # A finding suppressed in the report, given with its inSource suppression.
    report = tmp_path / "suppressed.md"
    report.write_text(
        "Returnees\n\nReturnees are reportedly questioned at the airport. "
        "<!-- provenance: ignore[hedged-claim] the ministry is named below -->\n",
        encoding="utf-8",
    )
    suppressed = check_file(str(report), Config())
    assert isinstance(suppressed, FileResult) and suppressed.suppressed_findings
    results.append(suppressed)
    errors = [FileError("scan.pdf", "binary file (looks like PDF)"), FileError("<stdin>", "empty")]
    ours = render_sarif(results, errors, suppressed=True)
    assert '"kind": "inSource"' in ours
    # A control: the same log without the tool's home page must draw a warning, so that a
    # validator that checks nothing cannot pass this test.
    control = json.loads(ours)
    home = control["runs"][0]["tool"]["driver"].pop("informationUri", None)
    found = _validate(tmp_path, {"ours.sarif": ours, "control.sarif": json.dumps(control)})

    # Without a public home page (none is named in pyproject.toml) the validator's advice to
    # name one (SARIF2005) is the one warning left: a placeholder address would be worse.
    expected = [] if home else [p for p in _problems(found["ours.sarif"]) if "SARIF2005" in p]
    assert _problems(found["ours.sarif"]) == expected
    assert "warning SARIF2005" in "\n".join(_problems(found["control.sarif"]))
    # The notes left are advice that does not fit this tool, counted so that a change shows:
    # SARIF2002 asks for message ids (GitHub needs text), SARIF2009 for ids like "PV1001"
    # (users write the kebab-case ids in their configuration), SARIF2012 for a help page per
    # rule, SARIF2003 for version-control details, SARIF2016 for relative URIs (the files
    # outside the repository), SARIF2006 for a reachable $schema (checked offline).
    notes = Counter(r["ruleId"] for r in found["ours.sarif"] if r.get("level") == "note")
    assert set(notes) <= {
        "SARIF2002",
        "SARIF2003",
        "SARIF2006",
        "SARIF2009",
        "SARIF2010",
        "SARIF2011",
        "SARIF2012",
        "SARIF2016",
    }, notes

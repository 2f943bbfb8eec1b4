"""``batch``: many files checked in input order, in this process or in a pool."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.batch import MIN_FILES_FOR_POOL, check_file, default_jobs, run_in_order
from provenance.config import Config
from provenance.findings import FileError, FileResult

_REPORT = """Treatment of returnees

Officials detained returnees (The Korea Post Feb. 1999).<sup>1</sup>

References

Reuters. 11 November 1994. "Returnees Detained."
"""


def _tag(path: str, config: Config) -> str:
    # Module level, so that worker processes can unpickle it.
    return Path(path).name


@pytest.fixture
def reports(tmp_path: Path) -> list[str]:
    paths = []
    for number in range(7):
        path = tmp_path / f"report-{number}.txt"
        path.write_text(_REPORT.replace("returnees", f"returnees {number}"), encoding="utf-8")
        paths.append(str(path))
    return paths


def test_default_jobs_uses_one_process_for_a_handful_of_files() -> None:
    assert default_jobs(1) == 1
    assert default_jobs(MIN_FILES_FOR_POOL - 1) == 1
    assert default_jobs(MIN_FILES_FOR_POOL) >= 1
    assert default_jobs(10_000) >= 1


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_come_back_in_input_order(reports: list[str], jobs: int) -> None:
    shuffled = reports[3:] + reports[:3]
    names = list(run_in_order(_tag, shuffled, Config(), jobs))
    assert names == [Path(path).name for path in shuffled]


def test_a_pool_finds_what_one_process_finds(reports: list[str]) -> None:
    alone = list(run_in_order(check_file, reports, Config(), 1))
    pooled = list(run_in_order(check_file, reports, Config(), 2))
    assert alone == pooled
    assert all(isinstance(result, FileResult) for result in alone)
    rules = {
        finding.rule
        for result in alone
        if isinstance(result, FileResult)
        for finding in result.findings
    }
    assert "citation-without-reference" in rules


def test_an_unreadable_file_becomes_an_error_not_an_exception(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    result = check_file(missing, Config())
    assert isinstance(result, FileError)
    assert result.path == missing
    assert result.reason

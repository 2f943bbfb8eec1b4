"""``batch``: many files checked in input order, in this process or in a pool."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from provenance.batch import (
    DEFAULT_TIMEOUT,
    MIN_FILES_FOR_POOL,
    check_file,
    default_jobs,
    run_in_order,
)
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


# --------------------------------------------------------------------------- faults cost one file
# The functions below run in worker processes, so they live at module level.


def _dies_on_two(path: str, config: Config) -> str:
    if Path(path).name == "report-2.txt":
        os._exit(3)  # a worker that dies outright: no exception, no result
    return Path(path).name


def _killed_on_two(path: str, config: Config) -> str:
    if Path(path).name == "report-2.txt":
        os.kill(os.getpid(), signal.SIGKILL)  # what the kernel's out-of-memory killer does
    return Path(path).name


def _hangs_on_two(path: str, config: Config) -> str:
    if Path(path).name == "report-2.txt":
        time.sleep(60)
    return Path(path).name


def _exhausts_memory_on_two(path: str, config: Config) -> str:
    if Path(path).name == "report-2.txt":
        bytearray(1 << 62)  # a real allocation failure: MemoryError
    return Path(path).name


def _raises_on_two(path: str, config: Config) -> str:
    if Path(path).name == "report-2.txt":
        raise ValueError("a fault in a rule")
    return Path(path).name


def _outcomes(
    function: Callable[[str, Config], str], paths: list[str], **options: Any
) -> list[str]:
    outcomes = []
    for outcome in run_in_order(function, paths, Config(), **options):
        if isinstance(outcome, FileError):
            outcomes.append(f"error {Path(outcome.path).name}: {outcome.reason}")
        else:
            assert isinstance(outcome, str)
            outcomes.append(outcome)
    return outcomes


def _expect_one_error(outcomes: list[str], reason: str) -> None:
    assert len(outcomes) == 7
    assert outcomes[2].startswith("error report-2.txt: ") and reason in outcomes[2], outcomes[2]
    others = outcomes[:2] + outcomes[3:]
    assert others == [f"report-{n}.txt" for n in (0, 1, 3, 4, 5, 6)]


@pytest.mark.parametrize(
    ("function", "reason"),
    [
        (_dies_on_two, "worker process checking it died (exit status 3)"),
        (_killed_on_two, "killed by SIGKILL"),
        (_exhausts_memory_on_two, "ran out of memory"),
        (_raises_on_two, "internal error (ValueError: a fault in a rule)"),
    ],
)
def test_a_failing_worker_costs_one_file_not_the_batch(
    reports: list[str], function: Callable[[str, Config], str], reason: str
) -> None:
    _expect_one_error(_outcomes(function, reports, jobs=2), reason)


def test_a_file_that_hangs_a_worker_times_out_alone(reports: list[str]) -> None:
    start = time.monotonic()
    outcomes = _outcomes(_hangs_on_two, reports, jobs=2, timeout=0.5)
    assert time.monotonic() - start < 10
    _expect_one_error(outcomes, "took longer than 0.5 seconds")


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timer")
def test_the_timeout_holds_in_one_process_too(reports: list[str]) -> None:
    start = time.monotonic()
    outcomes = _outcomes(_hangs_on_two, reports, jobs=1, timeout=0.3)
    assert time.monotonic() - start < 10
    _expect_one_error(outcomes, "took longer than 0.3 seconds")
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL  # the timer is put back


@pytest.mark.parametrize(
    ("function", "reason"),
    [(_exhausts_memory_on_two, "ran out of memory"), (_raises_on_two, "ValueError")],
)
def test_a_fault_in_one_process_costs_one_file(
    reports: list[str], function: Callable[[str, Config], str], reason: str
) -> None:
    _expect_one_error(_outcomes(function, reports, jobs=1), reason)


def test_no_timeout_means_no_limit(reports: list[str]) -> None:
    assert _outcomes(_tag, reports, jobs=2, timeout=0) == [Path(p).name for p in reports]
    assert _outcomes(_tag, reports, jobs=2, timeout=None) == [Path(p).name for p in reports]


def test_workers_are_ended_when_the_batch_ends(reports: list[str]) -> None:
    list(run_in_order(_tag, reports, Config(), 2))
    assert multiprocessing.active_children() == []


def test_workers_are_ended_when_the_caller_stops_early(reports: list[str]) -> None:
    results = run_in_order(_hangs_on_two, reports, Config(), 2)
    assert next(results) == "report-0.txt"
    assert multiprocessing.active_children() != []
    results.close()  # what an exception or SIGTERM in the caller does
    assert multiprocessing.active_children() == []


def test_the_timeout_is_a_backstop_above_the_per_document_limits() -> None:
    from provenance import limits

    # Parsing and checking each have the per-document time limit; the worker timeout must
    # not cut off a document those limits would have reported as too complex.
    assert DEFAULT_TIMEOUT > 2 * limits.SECONDS

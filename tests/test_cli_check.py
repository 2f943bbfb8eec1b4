"""``provenance check``, ``rules``, ``audit`` and ``export`` end to end, through ``cli.main``."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from provenance import batch, cli
from provenance.config import Config

BAD = (
    "Returnees [ABC12345.E]\n\n"
    "Returnees are questioned at the airport (Amnesty International 1999).\n\n"
    "References\n\n"
    'Yonhap [Seoul]. 3 March 1999. "Returnees Questioned."\n'
)
GOOD = (
    "Returnees [ABC12345.E]\n\n"
    "Returnees are questioned at the airport (Yonhap 3 March 1999).\n\n"
    "References\n\n"
    'Yonhap [Seoul]. 3 March 1999. "Returnees Questioned."\n'
)
WARNING_ONLY = "A page\n\nSee http//www.example.org for more.\n"


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "ignored.csv").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_folder_text_output_and_exit_status(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", "--jobs", "1", "."]) == cli.EXIT_FINDINGS
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines == [
        "./bad.txt:3:42: error citation-without-reference citation "
        '"(Amnesty International 1999)" matches no entry in the reference list',
        "  | Returnees are questioned at the airport (Amnesty International 1999).",
        "  |                                          ^" + "~" * 25,
        "./bad.txt:7:1: warning reference-never-cited References entry "
        '"Yonhap [Seoul]. 3 March 1999. "Returnees Questioned."" is never cited in the text',
        '  | Yonhap [Seoul]. 3 March 1999. "Returnees Questioned."',
        "  | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
    ]
    assert "ignored.csv" not in out and "good.md" not in out
    assert "1 error" in err


def test_clean_file_exits_zero(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", "good.md"]) == cli.EXIT_OK
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    ("fail_on", "status"),
    [("error", 0), ("warning", 1), ("info", 1), ("never", 0)],
)
def test_fail_on(reports: Path, fail_on: str, status: int) -> None:
    (reports / "w.txt").write_text(WARNING_ONLY, encoding="utf-8")
    assert cli.main(["check", "--fail-on", fail_on, "w.txt"]) == status


def test_select_and_ignore(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["check", "--format", "json", "--select", "reference-never-cited", "bad.txt"])
    rules = {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert rules <= {"reference-never-cited"}
    cli.main(["check", "--format", "json", "--ignore", "citation-without-reference", "bad.txt"])
    rules = {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert "citation-without-reference" not in rules
    assert cli.main(["check", "--select", "no-such-rule", "bad.txt"]) == cli.EXIT_ERROR
    assert "no-such-rule" in capsys.readouterr().err


def test_json_sarif_github_outputs(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["check", "--format", "json", "bad.txt"])
    payload = json.loads(capsys.readouterr().out)
    assert payload["findings"][0]["path"] == "bad.txt"
    cli.main(["check", "--format", "sarif", "bad.txt"])
    assert json.loads(capsys.readouterr().out)["version"] == "2.1.0"
    cli.main(["check", "--format", "github", "bad.txt"])
    assert capsys.readouterr().out.startswith("::error file=bad.txt,line=3")


def test_output_file_is_written(reports: Path) -> None:
    assert cli.main(["check", "--format", "json", "-o", "out.json", "bad.txt"]) == 1
    assert json.loads((reports / "out.json").read_text(encoding="utf-8"))["findings"]


def test_baseline_reports_only_new_findings(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", "--write-baseline", "baseline.json", "bad.txt"]) == cli.EXIT_OK
    capsys.readouterr()
    # Edits above the recorded findings move them down: they stay recorded.
    (reports / "bad.txt").write_text("Preface.\n\n" + BAD, encoding="utf-8")
    assert cli.main(["check", "--baseline", "baseline.json", "bad.txt"]) == cli.EXIT_OK
    assert capsys.readouterr().out == ""
    # A new fault is reported.
    (reports / "bad.txt").write_text(
        BAD.replace("airport (", "airport (Human Rights Watch 2001) and (", 1), encoding="utf-8"
    )
    assert cli.main(["check", "--baseline", "baseline.json", "bad.txt"]) == cli.EXIT_FINDINGS
    assert "Human Rights Watch 2001" in capsys.readouterr().out


def test_bad_baseline_is_a_usage_error(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (reports / "baseline.json").write_text("[1, 2", encoding="utf-8")
    assert cli.main(["check", "--baseline", "baseline.json", "bad.txt"]) == cli.EXIT_ERROR
    assert "baseline.json" in capsys.readouterr().err


def test_jobs_give_the_same_output_in_order(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for index in range(6):
        (reports / f"r{index}.txt").write_text(BAD if index % 2 else GOOD, encoding="utf-8")
    cli.main(["check", "--format", "json", "--jobs", "1", "."])
    serial = capsys.readouterr().out
    cli.main(["check", "--format", "json", "--jobs", "2", "."])
    assert capsys.readouterr().out == serial


def test_stdin(
    reports: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(BAD.encode("utf-8"))))
    assert cli.main(["check", "-"]) == cli.EXIT_FINDINGS
    assert capsys.readouterr().out.startswith("<stdin>:3:")


def test_rules_catalogue_and_one_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["rules"]) == cli.EXIT_OK
    assert "weekday-mismatch" in capsys.readouterr().out
    assert cli.main(["rules", "weekday-mismatch"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("weekday-mismatch (error, dates)") and "Bad:" in out and "Good:" in out
    assert cli.main(["rules", "nope"]) == cli.EXIT_ERROR


def test_audit_formats(reports: Path) -> None:
    for name in ("a.html", "a.md", "a.json"):
        assert cli.main(["audit", "bad.txt", "good.md", "-o", name]) == cli.EXIT_OK
        assert (reports / name).stat().st_size > 200
    assert json.loads((reports / "a.json").read_text(encoding="utf-8"))["documents"]
    assert cli.main(["audit", "bad.txt", "-o", "a.pdf"]) == cli.EXIT_ERROR


def test_export_csl_json(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["export", "--format", "csl-json", "good.md"]) == cli.EXIT_OK
    items = json.loads(capsys.readouterr().out)
    assert items[0]["author"] == [{"literal": "Yonhap"}]


def test_colour_respects_no_color(reports: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli._use_colour("auto", "-") is False
    assert cli._use_colour("always", "-") is True
    assert os.environ["NO_COLOR"] == "1"


# --------------------------------------------------------------------------- outputs


def _one_line_error(err: str, *words: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("provenance: error: "), err
    assert "Traceback" not in err and all(word in lines[0] for word in words), err


@pytest.mark.skipif(os.name != "posix", reason="POSIX special files")
def test_output_onto_a_fifo_or_a_device_is_refused(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo("pipe")
    targets = {"pipe": stat.S_ISFIFO}
    try:  # a device like /dev/null, made here: the real one must never be at risk in a test
        os.mknod("null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        targets["null"] = stat.S_ISCHR
    except PermissionError:
        pass
    for target, is_kind in targets.items():
        for option in ("-o", "--write-baseline"):
            assert cli.main(["check", "bad.txt", option, target]) == cli.EXIT_ERROR
            _one_line_error(capsys.readouterr().err, target, "regular files only")
            assert is_kind(os.stat(target).st_mode)  # still the FIFO or the device


def test_output_onto_the_report_being_checked_is_refused(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (reports / "bad.txt").read_bytes()
    for option in ("-o", "--write-baseline"):
        assert cli.main(["check", "bad.txt", option, "bad.txt"]) == cli.EXIT_ERROR
        _one_line_error(capsys.readouterr().err, "bad.txt", "input")
        # Found by a folder search, and under another name.
        assert cli.main(["check", ".", option, "./bad.txt"]) == cli.EXIT_ERROR
        _one_line_error(capsys.readouterr().err, "bad.txt", "input")
    assert cli.main(["audit", "bad.txt", "--format", "md", "-o", "bad.txt"]) == cli.EXIT_ERROR
    assert cli.main(["parse", "bad.txt", "-o", "bad.txt"]) == cli.EXIT_ERROR
    assert cli.main(["export", "bad.txt", "-o", "bad.txt"]) == cli.EXIT_ERROR
    capsys.readouterr()
    assert (reports / "bad.txt").read_bytes() == before


def test_output_over_the_baseline_being_read_is_refused(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", "--write-baseline", "b.json", "bad.txt"]) == cli.EXIT_OK
    before = (reports / "b.json").read_text()
    args = ["check", "--baseline", "b.json", "-o", "b.json", "bad.txt"]
    assert cli.main(args) == cli.EXIT_ERROR
    assert (reports / "b.json").read_text() == before


def test_dash_and_dev_stdout_mean_standard_output(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", "--format", "json", "-o", "-", "bad.txt"]) == cli.EXIT_FINDINGS
    assert json.loads(capsys.readouterr().out)["findings"]
    assert cli.main(["check", "-o", "-", "bad.txt"]) == cli.EXIT_FINDINGS
    assert "bad.txt:3:42: error" in capsys.readouterr().out


def test_dev_stdout_does_not_crash(reports: Path) -> None:
    command = ["check", "--format", "json", "-o", "/dev/stdout", "bad.txt"]
    result = subprocess.run(
        [sys.executable, "-m", "provenance", *command],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == cli.EXIT_FINDINGS, result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["findings"]


def test_an_output_folder_that_does_not_exist_is_one_line_and_exit_2(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for option in ("-o", "--write-baseline"):
        assert cli.main(["check", "bad.txt", option, "absent/out.json"]) == cli.EXIT_ERROR
        _one_line_error(capsys.readouterr().err, "absent/out.json", "no such folder")
    assert cli.main(["audit", "bad.txt", "-o", "absent/a.html"]) == cli.EXIT_ERROR
    _one_line_error(capsys.readouterr().err, "absent/a.html")


def test_an_unwritable_output_folder_is_one_line_and_exit_2(
    reports: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        # What a folder without write permission does (root is never refused).
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    for option in ("-o", "--write-baseline"):
        assert cli.main(["check", "bad.txt", option, "out.json"]) == cli.EXIT_ERROR
        _one_line_error(capsys.readouterr().err, "cannot write out.json: permission denied")
    assert sorted(p.name for p in reports.iterdir()) == ["bad.txt", "good.md", "ignored.csv"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_output_folder_really_locked(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (reports / "locked").mkdir()
    (reports / "locked").chmod(0o500)
    try:
        assert cli.main(["check", "bad.txt", "-o", "locked/out.json"]) == cli.EXIT_ERROR
    finally:
        (reports / "locked").chmod(0o700)
    _one_line_error(capsys.readouterr().err, "locked/out.json", "permission denied")


# --------------------------------------------------------------------------- workers


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_jobs_must_be_at_least_one(
    reports: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["check", "--jobs", value, "bad.txt"])
    assert stopped.value.code == cli.EXIT_ERROR
    assert "--jobs" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["-1", "nan", "soon"])
def test_timeout_must_be_a_number_of_seconds(
    reports: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    with pytest.raises(SystemExit):
        cli.main(["check", "--timeout", value, "bad.txt"])
    assert "--timeout" in capsys.readouterr().err


def test_timeout_default_is_documented_and_matches_the_batch_default(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.DEFAULT_TIMEOUT == batch.DEFAULT_TIMEOUT
    with pytest.raises(SystemExit):
        cli.main(["check", "--help"])
    check_help = " ".join(capsys.readouterr().out.split())
    assert "--timeout SECONDS" in check_help
    assert f"(default: {batch.DEFAULT_TIMEOUT:g}; 0: no limit)" in check_help


@pytest.fixture
def batch_of_reports(reports: Path) -> Path:
    for index in range(6):
        (reports / f"r{index}.txt").write_text(BAD, encoding="utf-8")
    return reports


def _check_file_failing_on_r2(failure: str) -> Callable[[str, Config], Any]:
    real = batch.check_file

    def check_file(path: str, config: Config) -> Any:
        if os.path.basename(path) == "r2.txt":
            if failure == "die":
                os._exit(9)
            if failure == "hang":
                time.sleep(60)
            if failure == "memory":
                bytearray(1 << 62)
        return real(path, config)

    return check_file


@pytest.mark.parametrize(
    ("failure", "options", "reason"),
    [
        ("die", [], "the worker process checking it died (exit status 9)"),
        ("hang", ["--timeout", "0.5"], "took longer than 0.5 seconds"),
        ("memory", [], "ran out of memory"),
    ],
)
def test_a_worker_that_fails_costs_one_file_not_the_batch(
    batch_of_reports: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    failure: str,
    options: list[str],
    reason: str,
) -> None:
    # The workers are forked from this process, so they run the patched function too.
    monkeypatch.setattr(batch, "check_file", _check_file_failing_on_r2(failure))
    status = cli.main(["check", "--jobs", "2", *options, "."])
    out, err = capsys.readouterr()
    assert status == cli.EXIT_ERROR
    assert f"./r2.txt: error: not checked: {reason}" in err
    assert "Traceback" not in err
    for index in (0, 1, 3, 4, 5):
        assert f"./r{index}.txt:3:42: error citation-without-reference" in out
    assert "./r2.txt:3" not in out
    assert multiprocessing.active_children() == []  # ended with the run


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            found |= {int(child) for child in (task / "children").read_text().split()}
    return found


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state in ("Z", "X")  # dead, only waiting to be reaped


def _default_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.skipif(
    not Path("/proc/self/task").is_dir(), reason="needs /proc to see the worker processes"
)
@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_to_the_parent_ends_its_workers(
    reports: Path, signum: signal.Signals, status: int
) -> None:
    seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
    for copy in range(30):  # far more work than the test waits for
        for seed in seeds:
            (reports / f"{copy}-{seed.name}").write_bytes(seed.read_bytes())
    parent = subprocess.Popen(
        [sys.executable, "-m", "provenance", "check", "--jobs", "2", "."],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        # A process started with Ctrl-C ignored keeps ignoring it, and a test run started as a
        # background job of a non-interactive shell (CI scripts do) has it ignored, as POSIX
        # shells do for such jobs: start the command from the default.
        preexec_fn=_default_interrupt,
    )
    try:
        deadline = time.monotonic() + 30
        workers: set[int] = set()
        while len(workers) < 2 and time.monotonic() < deadline and parent.poll() is None:
            time.sleep(0.05)
            workers = _children(parent.pid)
        assert len(workers) == 2, "the workers never started"
        parent.send_signal(signum)
        _, err = parent.communicate(timeout=30)
    finally:
        parent.kill()
        parent.wait()
    assert parent.returncode == status, err.decode()[-3000:]
    assert b"Traceback" not in err
    deadline = time.monotonic() + 5
    while not all(_gone(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(_gone(pid) for pid in workers), "a worker outlived its parent"


# --------------------------------------------------------------------------- which files, settings


def test_folder_search_skips_project_files(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("README.md", "SOURCES.md", "CHANGELOG.md", "LICENSE.txt", "CONTRIBUTING.md"):
        (reports / name).write_text(BAD, encoding="utf-8")
    cli.main(["check", "--format", "json", "."])
    paths = {f["path"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert paths == {"./bad.txt"}


def test_include_and_exclude_options(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (reports / "drafts").mkdir()
    (reports / "drafts" / "d.txt").write_text(BAD, encoding="utf-8")
    cli.main(["check", "--format", "json", "--exclude", "drafts", "."])
    paths = {f["path"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert paths == {"./bad.txt"}
    cli.main(["check", "--format", "json", "--include", "*.csv", "."])
    paths = {f["path"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert paths == {"./ignored.csv"}


def test_force_exclude_applies_to_named_files(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (reports / "README.md").write_text(BAD, encoding="utf-8")
    assert cli.main(["check", "--force-exclude", "README.md", "good.md"]) == cli.EXIT_OK
    assert capsys.readouterr().err.splitlines() == [
        "README.md: note: skipped: excluded (--force-exclude)",
        "0 findings in 1 file",
    ]
    assert cli.main(["check", "-q", "--force-exclude", "README.md", "good.md"]) == cli.EXIT_OK
    assert capsys.readouterr() == ("", "")
    assert cli.main(["check", "README.md"]) == cli.EXIT_FINDINGS


def test_a_command_line_typo_is_blamed_on_the_command_line(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (reports / "pyproject.toml").write_text(
        '[tool.provenance]\nignore = ["hedged-claim"]\n', encoding="utf-8"
    )
    assert cli.main(["check", "--select", "nosuch", "bad.txt"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert "command line" in err and "nosuch" in err
    assert "pyproject.toml" not in err


@pytest.mark.parametrize("command", ["parse", "export"])
def test_parse_and_export_follow_the_configuration(
    reports: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    other = GOOD.replace("Yonhap", "Hankyoreh").replace("Returnees Questioned", "Other Title")
    (reports / "other.txt").write_text(other, encoding="utf-8")
    assert cli.main([command, "-o", "out.json", "."]) == cli.EXIT_OK
    assert "Other Title" in (reports / "out.json").read_text(encoding="utf-8")
    (reports / "provenance.toml").write_text('extend-exclude = ["other.txt"]\n', encoding="utf-8")
    assert cli.main([command, "-o", "out.json", "."]) == cli.EXIT_OK
    written = (reports / "out.json").read_text(encoding="utf-8")
    assert "Other Title" not in written and "Returnees Questioned" in written


def test_rules_of_a_category(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["rules", "dates"]) == cli.EXIT_OK
    ids = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert "weekday-mismatch" in ids and "hedged-claim" not in ids
    assert cli.main(["rules", "date"]) == cli.EXIT_ERROR
    assert "did you mean 'dates'" in capsys.readouterr().err


def test_audit_of_standard_input(reports: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(BAD.encode("utf-8"))))
    assert cli.main(["audit", "-", "bad.txt", "-o", "audit.json"]) == cli.EXIT_OK
    audit = json.loads((reports / "audit.json").read_text(encoding="utf-8"))
    assert [d["path"] for d in audit["documents"]] == ["<stdin>", "bad.txt"]
    assert audit["documents"][0]["sources"]


def test_audit_of_empty_standard_input_is_an_error(
    reports: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert cli.main(["audit", "-", "-o", "audit.json"]) == cli.EXIT_ERROR
    assert "<stdin>: error: empty" in capsys.readouterr().err


# --------------------------------------------------------------------------- text output

HEDGED = "Returnees [ABC12345.E]\n\nReturnees are reportedly questioned at the airport.\n"


def test_a_clean_run_says_how_many_files_were_read(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (reports / "good2.md").write_text(GOOD, encoding="utf-8")
    assert cli.main(["check", "good.md", "good2.md"]) == cli.EXIT_OK
    out, err = capsys.readouterr()
    assert (out, err) == ("", "0 findings in 2 files\n")
    assert cli.main(["check", "-q", "good.md"]) == cli.EXIT_OK
    assert capsys.readouterr() == ("", "")


def test_summary_counts_every_path_given(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (reports / "w.txt").write_text(WARNING_ONLY, encoding="utf-8")
    status = cli.main(["check", "--format", "concise", "w.txt", "x.txt", "y.txt", "z.txt"])
    assert status == cli.EXIT_ERROR
    out, err = capsys.readouterr()
    assert out.startswith("w.txt:3:5: warning malformed-url")
    assert len(out.splitlines()) == 1  # concise: no context lines
    assert err.splitlines()[-1] == ("1 finding (1 warning) in 1 of 4 files; 3 could not be checked")


def test_infos_are_shown_on_request(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (reports / "h.txt").write_text(HEDGED, encoding="utf-8")
    assert cli.main(["check", "h.txt"]) == cli.EXIT_OK
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "0 findings in 1 file; 1 info not shown (--show-infos)\n"
    for flags in (["--show-infos"], ["--fail-on", "info"]):
        cli.main(["check", *flags, "h.txt"])
        out, err = capsys.readouterr()
        assert out.startswith("h.txt:3:1: info hedged-claim")
        assert err == "1 finding (1 info) in 1 of 1 file\n"
    # Machine formats carry every finding with its level.
    cli.main(["check", "--format", "json", "h.txt"])
    assert [f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]] == ["hedged-claim"]


def test_statistics(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (reports / "h.txt").write_text(HEDGED, encoding="utf-8")
    assert cli.main(["check", "--statistics", "bad.txt", "h.txt"]) == cli.EXIT_FINDINGS
    assert capsys.readouterr().out.splitlines() == [
        "1  citation-without-reference  error",
        "1  reference-never-cited       warning",
        "1  hedged-claim                info",
        "3 findings (1 error, 1 warning, 1 info) in 2 of 2 files",
    ]
    assert cli.main(["check", "--statistics", "--format", "json", "bad.txt"]) == cli.EXIT_ERROR


def test_json_findings_carry_their_context(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli.main(["check", "--format", "json", "bad.txt"])
    finding = json.loads(capsys.readouterr().out)["findings"][0]
    context = finding["context"]
    assert (
        context["text"] == "Returnees are questioned at the airport (Amnesty International 1999)."
    )
    start = context["start"]
    assert context["text"][start : start + context["length"]] == "Amnesty International 1999"


def test_suppressed_findings_are_counted(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    suppressed = BAD.replace(
        "1999).\n", "1999). <!-- provenance: ignore[citation-without-reference] in the annex -->\n"
    )
    (reports / "s.md").write_text(suppressed, encoding="utf-8")
    assert cli.main(["check", "s.md"]) == cli.EXIT_OK
    out, err = capsys.readouterr()
    assert "citation-without-reference" not in out
    assert err.splitlines()[-1] == (
        "1 finding (1 warning) in 1 of 1 file; 1 suppressed in the reports"
    )
    cli.main(["check", "--format", "json", "s.md"])
    assert json.loads(capsys.readouterr().out)["documents"][0]["suppressed"] == 1
    (reports / "s.md").write_text(suppressed.replace(" in the annex", ""), encoding="utf-8")
    assert cli.main(["check", "s.md"]) == cli.EXIT_FINDINGS
    out = capsys.readouterr().out
    assert "citation-without-reference" in out and "invalid-suppression" in out

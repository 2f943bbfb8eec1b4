"""The command as a process: ``provenance.entry.run``."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from provenance import entry

SEED = Path(__file__).resolve().parent.parent / "seeds" / "002_43ecc7cc96973852.txt"


def test_run_exits_with_the_status_of_the_command_and_freezes_what_is_left(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["provenance", "check", "--fail-on", "never", str(SEED)])
    try:
        with pytest.raises(SystemExit) as exited:
            entry.run()
        assert exited.value.code == 0
        # The interpreter's last collection at exit leaves frozen objects alone.
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    captured = capsys.readouterr()
    assert "0 findings" in captured.out + captured.err


def test_python_dash_m_gives_the_command_its_output_and_status(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = subprocess.run(
        [sys.executable, "-m", "provenance", "check", str(SEED), str(missing)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "missing.txt" in result.stdout + result.stderr
    assert "1 could not be checked" in result.stdout + result.stderr


def _run_reading(command: str, probe: str, at_start: str = "") -> str:
    """The standard error of ``entry.run()`` on the 5 KB seed, with ``probe`` (a line of code)
    run as each document is read and ``at_start`` before anything else."""
    code = (
        "import gc, sys\n"
        "import provenance.formats as formats\n"
        "from provenance import entry\n"
        "original = formats.document_of\n"
        "def document_of(*args, **kwargs):\n"
        f"    {probe}\n"
        "    return original(*args, **kwargs)\n"
        "formats.document_of = document_of\n"
        f"{at_start}\n"
        f"sys.argv = ['provenance', {command!r}, {str(SEED)!r}]\n"
        "entry.run()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode in (0, 1), result.stderr
    return result.stderr


@pytest.mark.parametrize("command", ["check", "parse"])
def test_documents_are_read_with_the_collector_on_and_start_up_frozen(command: str) -> None:
    # ``run`` keeps the collector off only while the process starts; a document read with it
    # off could hold its garbage cycles until exit.
    stderr = _run_reading(
        command,
        "print('on', gc.isenabled(), 'frozen', gc.get_freeze_count() > 0, file=sys.stderr)",
        "print('at start', gc.isenabled(), file=sys.stderr)",
    )
    assert "at start True" in stderr
    assert "on True frozen True" in stderr
    assert "on False" not in stderr


def test_start_collecting_leaves_a_process_run_did_not_start_alone() -> None:
    assert gc.isenabled()
    entry.start_collecting()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_documents_are_read_with_a_young_collection_every_twenty_thousand_objects() -> None:
    stderr = _run_reading("check", "print('young', gc.get_threshold()[0], file=sys.stderr)")
    assert f"young {entry._YOUNG_COLLECTION}" in stderr


BIG_SEED = SEED.parent / "001_57fd68c990b575be.txt"


def _process(code: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *arguments] if not code else [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_process_ending_without_teardown_gives_the_same_output_and_status() -> None:
    arguments = ["check", "--format", "json", "--show-infos", str(BIG_SEED)]
    quick = _process("", "-m", "provenance", *arguments)
    whole = _process(
        "import sys\nfrom provenance import entry\n"
        f"sys.argv = ['provenance', *{arguments!r}]\nentry.run()\n"
    )
    assert quick.returncode == whole.returncode == 1
    assert quick.stdout == whole.stdout and len(quick.stdout) > 10_000
    assert quick.stderr == whole.stderr


_ENDED = (
    "import atexit, os, sys, threading\n"
    "from provenance import entry\n"
    "real_exit = os._exit\n"
    "def _exit(status):\n"
    "    os.write(2, b'ended early\\n')\n"
    "    real_exit(status)\n"
    "os._exit = _exit\n"
    "atexit.register(lambda: print('handlers ran', file=sys.stderr))\n"
    "{before}\n"
    f"sys.argv = ['provenance', 'check', {str(SEED)!r}]\n"
    "entry.run_process()\n"
)


def test_run_process_runs_the_exit_handlers_and_skips_the_teardown() -> None:
    ended = _process(_ENDED.format(before=""))
    assert ended.returncode == 0, ended.stderr
    assert "0 findings" in ended.stdout + ended.stderr
    assert "handlers ran" in ended.stderr
    assert "ended early" in ended.stderr


@pytest.mark.parametrize(
    "before",
    [
        # Another thread still running: the interpreter waits for it at exit. It waits for the
        # main thread to end, so it is alive however long the check takes on a loaded machine
        # (a thread sleeping half a second had ended before a slow check did).
        "threading.Thread(target=threading.main_thread().join).start()",
        # A process pool's clean-up runs at thread shutdown, not with the exit handlers.
        "import concurrent.futures",
        # A tracer (coverage, a debugger) reports at exit.
        "sys.settrace(lambda *args: None)",
    ],
)
def test_run_process_exits_as_usual_where_the_teardown_is_owed(before: str) -> None:
    ended = _process(_ENDED.format(before=before))
    assert ended.returncode == 0, ended.stderr
    assert "handlers ran" in ended.stderr
    assert "ended early" not in ended.stderr


def test_a_profiled_run_still_prints_its_profile() -> None:
    profiled = _process("", "-m", "cProfile", "-m", "provenance", "check", str(SEED))
    assert profiled.returncode == 0, profiled.stderr
    assert "function calls" in profiled.stdout

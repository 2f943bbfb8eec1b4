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

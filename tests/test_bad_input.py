"""Bad input through ``provenance check``: one clear message each, exit 2, the rest checked."""

from __future__ import annotations

import codecs
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from provenance import cli

GOOD_WITH_FAULT = "A page\n\nOn Thursday, 30 July 2004 the talks resumed.\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "ok.txt").write_text(GOOD_WITH_FAULT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *paths: str) -> tuple[int, str, str]:
    status = cli.main(["check", "--jobs", "1", *paths, "ok.txt"])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        # Read as the PDF it is, whatever its name, and found damaged.
        ("scan.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x00<< >>", "damaged PDF"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("archive.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "binary"),
        ("empty.txt", b"", "empty"),
    ],
)
def test_unreadable_inputs(
    folder: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, reason: str
) -> None:
    (folder / name).write_bytes(data)
    status, out, err = _run(capsys, name)
    assert status == cli.EXIT_ERROR
    assert err.startswith(f"{name}: error: ") and reason in err.splitlines()[0]
    assert "ok.txt:3:4: error weekday-mismatch" in out  # the other file was still checked


def test_missing_path(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, "nowhere.txt")
    assert status == cli.EXIT_ERROR
    assert err.startswith("nowhere.txt: error: ") and "no such file" in err.casefold()
    assert "weekday-mismatch" in out


def test_folder_without_reports(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "sub").mkdir()
    status, out, err = _run(capsys, "sub")
    assert status == cli.EXIT_ERROR and "sub: error:" in err and "weekday-mismatch" in out


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = folder / "locked.txt"
    locked.write_text("text", encoding="utf-8")
    locked.chmod(0)
    try:
        status, out, err = _run(capsys, "locked.txt")
    finally:
        locked.chmod(0o600)
    assert status == cli.EXIT_ERROR and "locked.txt: error:" in err and "weekday-mismatch" in out


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bom8.txt", codecs.BOM_UTF8 + GOOD_WITH_FAULT.encode("utf-8")),
        ("utf16.txt", codecs.BOM_UTF16_LE + GOOD_WITH_FAULT.encode("utf-16-le")),
        ("utf16be.txt", codecs.BOM_UTF16_BE + GOOD_WITH_FAULT.encode("utf-16-be")),
    ],
)
def test_unicode_encodings_are_read(
    folder: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes
) -> None:
    (folder / name).write_bytes(data)
    status = cli.main(["check", "--format", "json", name])
    out = capsys.readouterr().out
    assert status == cli.EXIT_FINDINGS
    assert '"line": 3' in out and "input-decoding" not in out


def test_cp1252_is_decoded_with_a_warning(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Les \u201cr\u00e9fugi\u00e9s\u201d\n\nOn Thursday, 30 July 2004 the talks resumed.\n"
    (folder / "word.txt").write_bytes(text.encode("cp1252"))
    status = cli.main(["check", "--fail-on", "warning", "word.txt"])
    out = capsys.readouterr().out
    assert status == cli.EXIT_FINDINGS
    assert "word.txt:1:1: warning input-decoding" in out and "cp1252" in out
    assert "word.txt:3:4: error weekday-mismatch" in out


def test_reports_are_never_modified(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (folder / "ok.txt").read_bytes(), (folder / "ok.txt").stat().st_mtime_ns
    cli.main(["check", "ok.txt"])
    cli.main(["audit", "ok.txt", "-o", "audit.html"])
    assert ((folder / "ok.txt").read_bytes(), (folder / "ok.txt").stat().st_mtime_ns) == before


# --------------------------------------------------------------------------- special files
# Run in a child process with a timeout: a regression that waits on a FIFO cannot hang the suite.

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX special files")


def _provenance(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "provenance", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@posix_only
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_fifo_named_on_the_command_line_is_refused(folder: Path, jobs: str) -> None:
    os.mkfifo(folder / "pipe.txt")
    for number in range(4):  # a batch big enough for worker processes
        (folder / f"more-{number}.txt").write_text(GOOD_WITH_FAULT, encoding="utf-8")
    result = _provenance(folder, "check", "--jobs", jobs, "pipe.txt", "ok.txt", "more-0.txt")
    assert result.returncode == cli.EXIT_ERROR
    assert "pipe.txt: error: is a named pipe (FIFO), not a regular file" in result.stderr
    assert "ok.txt:3:4: error weekday-mismatch" in result.stdout
    assert "more-0.txt:3:4: error weekday-mismatch" in result.stdout
    assert "Traceback" not in result.stderr


@posix_only
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_folder_search_skips_a_fifo_with_a_note(folder: Path, jobs: str) -> None:
    os.mkfifo(folder / "pipe.txt")
    for number in range(4):
        (folder / f"more-{number}.txt").write_text(GOOD_WITH_FAULT, encoding="utf-8")
    result = _provenance(folder, "check", "--jobs", jobs, ".")
    assert result.returncode == cli.EXIT_FINDINGS  # the findings, not a read error
    assert "pipe.txt: note: skipped: a named pipe (FIFO), not a regular file" in result.stderr
    assert result.stdout.count("error weekday-mismatch") == 5


@posix_only
def test_sockets_and_devices_on_the_command_line_are_refused(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    server = socket.socket(socket.AF_UNIX)
    server.bind("sock.txt")
    server.close()
    try:
        os.mknod("null.txt", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        named = ["sock.txt", "null.txt"]
    except PermissionError:
        named = ["sock.txt"]
    status, out, err = _run(capsys, *named)
    assert status == cli.EXIT_ERROR and "ok.txt:3:4: error weekday-mismatch" in out
    assert "sock.txt: error: is a socket, not a regular file" in err
    if "null.txt" in named:
        assert "null.txt: error: is a character device, not a regular file" in err


def test_an_unreadable_subfolder_is_reported_not_skipped(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "sub" / "locked").mkdir(parents=True)
    (folder / "sub" / "locked" / "hidden.txt").write_text(GOOD_WITH_FAULT, encoding="utf-8")
    (folder / "sub" / "open.txt").write_text(GOOD_WITH_FAULT, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        # What listing a folder without read permission does (root is never refused).
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    status = cli.main(["check", "--jobs", "1", "sub"])
    out, err = capsys.readouterr()
    assert status == cli.EXIT_ERROR
    assert f"{os.path.join('sub', 'locked')}: error: folder not searched: permission denied" in err
    assert "open.txt:3:4: error weekday-mismatch" in out  # the rest is still checked


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_subfolder_really_locked(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = folder / "sub" / "locked"
    locked.mkdir(parents=True)
    (locked / "hidden.txt").write_text(GOOD_WITH_FAULT, encoding="utf-8")
    locked.chmod(0)
    try:
        status = cli.main(["check", "--jobs", "1", "sub", "ok.txt"])
    finally:
        locked.chmod(0o700)
    out, err = capsys.readouterr()
    assert status == cli.EXIT_ERROR and "locked: error: folder not searched" in err
    assert "ok.txt:3:4: error weekday-mismatch" in out


_PARSE_FILE = """
import sys, threading
import provenance
from provenance.errors import InputError
path, special = sys.argv[1], sys.argv[2] == "yes"
if special:
    def write():
        with open(path, "w", encoding="utf-8") as pipe:
            pipe.write("A page\\n\\nOn Thursday, 30 July 2004 the talks resumed.\\n")
    threading.Thread(target=write).start()
try:
    document = provenance.parse_file(path, special_files=special)
except InputError as error:
    print("refused:", error)
else:
    print("read:", [f.rule for f in provenance.check(document)])
"""


@posix_only
def test_parse_file_refuses_a_fifo_unless_asked(tmp_path: Path) -> None:
    # In a child process with a timeout: a regression (waiting for a writer) cannot hang the suite.
    os.mkfifo(tmp_path / "pipe.txt")

    def parse_file(special: str) -> str:
        result = subprocess.run(
            [sys.executable, "-c", _PARSE_FILE, str(tmp_path / "pipe.txt"), special],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert "refused:" in parse_file("no") and "is a named pipe (FIFO)" in parse_file("no")
    assert "read: ['weekday-mismatch']" in parse_file("yes")


# --------------------------------------------------------------------------- terminal escapes

ESC = "\x1b"


@pytest.mark.skipif(os.name != "posix", reason="control characters in file names")
def test_escape_sequences_in_names_and_reports_are_shown_escaped(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = f"a{ESC}[2J{ESC}[1;1Hb.txt"  # clear the screen, cursor home: hides what came before
    text = f"A page\n\nIt could not be corroborated{ESC}[2K{ESC}]0;owned\x07.\n"
    (folder / name).write_text(GOOD_WITH_FAULT + text, encoding="utf-8")
    (folder / f"bin{ESC}[8m.txt").write_bytes(b"%PDF-1.4\n\x00")
    status = cli.main(["check", "--jobs", "1", "--color", "never", "."])
    out, err = capsys.readouterr()
    assert status == cli.EXIT_ERROR  # the PDF
    assert ESC not in out and ESC not in err and "\x07" not in out
    assert "a\\x1b[2J\\x1b[1;1Hb.txt:3:4: error weekday-mismatch" in out
    assert "bin\\x1b[8m.txt: error: damaged PDF" in err
    if "uncorroborated-claim" in out:
        assert "corroborated\\x1b[2K\\x1b]0" in out


def test_a_file_name_with_escapes_is_escaped_in_the_read_line(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A citation and no source list: the "read" line on standard error says what was linked.
    name = f"n{ESC}[2Kotes.txt"
    (folder / name).write_text(
        "A page\n\nOfficials detained returnees (The Korea Post Feb. 1999).\n", encoding="utf-8"
    )
    cli.main(["check", "--jobs", "1", "--fail-on", "never", name])
    out, err = capsys.readouterr()
    assert ESC not in out and ESC not in err
    assert "n\\x1b[2Kotes.txt: read 0 sources listed, 0 of 1 citations linked" in err

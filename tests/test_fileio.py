"""Atomic writes: the target is replaced whole or left alone, and no temporary file remains."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from provenance import fileio
from provenance.errors import InputError
from provenance.fileio import (
    OutputError,
    check_output_target,
    is_standard_output,
    read_regular_file,
    write_atomic,
)


def test_writes_text_as_utf8(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_atomic(target, "Genève “ok”\n")
    assert target.read_bytes() == "Genève “ok”\n".encode()


def test_writes_bytes_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    write_atomic(str(target), b"\x00\x01\r\n")
    assert target.read_bytes() == b"\x00\x01\r\n"


def test_replaces_an_existing_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    target.write_text("old, longer content")
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.sarif"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_keeps_the_permissions_of_an_existing_target(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_new_file_gets_umask_permissions_not_owner_only(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        target = tmp_path / "new.txt"
        write_atomic(target, "x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges")
def test_a_symlink_target_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_failure_leaves_target_and_removes_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("precious")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "new")
    assert target.read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_failure_while_writing_removes_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(fileio.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="Input/output"):
        write_atomic(tmp_path / "out.txt", "new")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_raises_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "absent" / "out.txt", "x")
    assert list(tmp_path.iterdir()) == []


def test_dash_writes_text_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    write_atomic("-", "héllo\n")
    assert capsys.readouterr().out == "héllo\n"


def test_dash_writes_bytes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    write_atomic("-", '{"a": "é"}\n'.encode())
    assert capsys.readouterr().out == '{"a": "é"}\n'


def test_dash_with_a_text_only_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    class TextOnly:
        def __init__(self) -> None:
            self.parts: list[str] = []

        def write(self, text: str) -> int:
            self.parts.append(text)
            return len(text)

        def flush(self) -> None:
            pass

    stream = TextOnly()
    monkeypatch.setattr(sys, "stdout", stream)
    write_atomic("-", "é".encode())
    assert stream.parts == ["é"]


def test_a_file_named_dash_in_a_folder_is_a_file(tmp_path: Path) -> None:
    write_atomic(tmp_path / "-", "x")
    assert (tmp_path / "-").read_text() == "x"


# --------------------------------------------------------------------------- special files

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX special files")


def _character_device(path: Path) -> Path:
    """A character device like /dev/null, made in ``path`` (needs the right to make one)."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        pytest.skip("cannot make a device node here")
    return path


def _socket_file(path: Path) -> Path:
    import socket

    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()
    return path


@posix_only
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    # In a child process with a timeout: a regression (waiting for a writer) cannot hang the suite.
    code = (
        "import sys\nfrom provenance.errors import InputError\n"
        "from provenance.fileio import read_regular_file\n"
        "try:\n    read_regular_file(sys.argv[1], 100)\n"
        "except InputError as error:\n    print(error.reason)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(fifo)], capture_output=True, text=True, timeout=20
    )
    assert result.stdout.startswith("is a named pipe (FIFO), not a regular file"), result


@posix_only
@pytest.mark.parametrize(
    ("make", "kind"), [(_socket_file, "a socket"), (_character_device, "a character device")]
)
def test_sockets_and_devices_are_refused(
    tmp_path: Path, make: Callable[[Path], Path], kind: str
) -> None:
    special = make(tmp_path / "special.txt")
    with pytest.raises(InputError, match=f"is {kind}, not a regular file"):
        read_regular_file(str(special), 100)


def test_a_regular_file_is_read_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(b"x" * 3000)
    assert read_regular_file(str(path), 2001) == b"x" * 2001
    assert read_regular_file(str(path), 10_000) == b"x" * 3000


@posix_only
def test_output_onto_a_fifo_or_device_is_refused_and_left_alone(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    device = _character_device(tmp_path / "null")
    for special, kind in ((fifo, "named pipe"), (device, "character device")):
        with pytest.raises(OutputError, match=kind):
            check_output_target(str(special))
        with pytest.raises(OutputError, match=kind):
            write_atomic(special, "x")
    assert stat.S_ISFIFO(fifo.stat().st_mode) and stat.S_ISCHR(device.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "pipe"]


def test_output_onto_an_input_is_refused_under_any_name(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("report")
    alias = tmp_path / "alias.txt"
    os.link(report, alias)
    for name in (str(report), str(alias), str(tmp_path / "." / "r.txt")):
        with pytest.raises(OutputError, match="is an input being read"):
            check_output_target(name, [str(report)])
    check_output_target(str(tmp_path / "out.json"), [str(report)])  # a new file is fine
    check_output_target(str(report), [str(tmp_path / "other.txt")])


def test_output_into_a_missing_folder_or_onto_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="no such folder"):
        check_output_target(str(tmp_path / "absent" / "out.json"))
    with pytest.raises(OutputError, match="directory"):
        check_output_target(str(tmp_path))


@pytest.mark.parametrize("name", ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_standard_output_names_write_to_stdout(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert is_standard_output(name)
    check_output_target(name)
    write_atomic(name, "out\n")
    assert capsys.readouterr().out == "out\n"


def test_an_interrupted_write_leaves_target_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("precious")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt  # Ctrl-C, or the exception the command line makes of SIGTERM

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    assert target.read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]

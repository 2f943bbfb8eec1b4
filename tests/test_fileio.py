"""Atomic writes: the target is replaced whole or left alone, and no temporary file remains."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from provenance import fileio
from provenance.fileio import write_atomic


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

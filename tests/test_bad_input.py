"""Bad input through ``provenance check``: one clear message each, exit 2, the rest checked."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

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
        ("scan.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x00<< >>", "binary"),
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

"""Every command reads PDFs and web pages: parse, export, audit and check, from standard input
too."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from provenance import cli

pytest.importorskip("pdfminer")
pytest.importorskip("lxml")

DATA = Path(__file__).parent / "data"
PDF = DATA / "amnesty-asa240696.pdf"
PAGE = DATA / "amnesty-asa240696.html"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_parse(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "parse", str(PDF), str(PAGE))
    assert status == cli.EXIT_OK
    documents = json.loads(out)["documents"]
    assert [len(d["footnotes"]) for d in documents] == [10, 10]


def test_export(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "export", str(DATA / "un-a-hrc-wg6-20-svn-2.pdf"))
    assert status == cli.EXIT_OK
    # A UN symbol without a title is the item's title, as citation styles print it.
    assert any(item.get("title") == "UN Doc. CERD/C/SVN/CO/6-7" for item in json.loads(out))


def test_audit_gives_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("audit.md", "audit.html", "audit.json"):
        report = tmp_path / name
        status, _, _ = _run(capsys, "audit", "-o", str(report), str(PDF), str(PAGE))
        assert status == cli.EXIT_OK
        text = report.read_text(encoding="utf-8")
        assert "p5:40" in text  # note 9, never called, on line 40 of page 5


def test_check_from_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(PDF.read_bytes()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    status, out, _ = _run(capsys, "check", "--select", "footnote-without-marker", "-")
    assert status == cli.EXIT_FINDINGS
    assert out.splitlines()[0].startswith("<stdin>:p5:40: error footnote-without-marker")

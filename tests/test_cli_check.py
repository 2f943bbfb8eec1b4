"""``provenance check``, ``rules``, ``audit`` and ``export`` end to end, through ``cli.main``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from provenance import cli

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
        "./bad.txt:7:1: warning reference-never-cited References entry "
        '"Yonhap [Seoul]. 3 March 1999. "Returnees Questioned."" is never cited in the text',
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

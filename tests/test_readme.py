"""The README's promises: its examples run, its rule table is current, its commands exist."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

from provenance.rules import all_rules

README = Path(__file__).resolve().parents[1] / "README.md"
TABLE = re.compile(r"<!-- rules-table:[^>]*-->\n(.*?)<!-- end rules-table -->", re.S)


def rules_table() -> str:
    lines = ["| rule | severity | checks |", "|---|---|---|"]
    for rule in sorted(all_rules(), key=lambda rule: (rule.category, rule.id)):
        lines.append(f"| `{rule.id}` | {rule.severity} | {rule.summary} |")
    return "\n".join(lines) + "\n"


def test_library_examples_run() -> None:
    result = doctest.testfile(
        str(README),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert result.attempted >= 5
    assert result.failed == 0


def test_rules_table_lists_every_rule() -> None:
    match = TABLE.search(README.read_text(encoding="utf-8"))
    assert match is not None
    assert match.group(1) == rules_table(), "regenerate with:\n" + rules_table()


def test_starts_with_install_and_test_commands() -> None:
    text = README.read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.*?)\n```", text, re.S)[:2]
    assert "provenance check seeds/" in commands[0]
    assert "python -m pytest" in commands[1]
    assert text.index(commands[0]) < text.index("## ")


def _console_output(command: str) -> tuple[list[str], str]:
    """The lines the README's quick start shows after ``$ command``, and the exit status it
    shows for it (the line after ``$ echo $?``)."""
    text = README.read_text(encoding="utf-8")
    block = text[text.index("## Quick start") :]
    block = block[block.index("```console\n") + len("```console\n") :]
    lines = block[: block.index("```")].splitlines()
    start = lines.index(f"$ {command}") + 1
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("$ "))
    assert lines[end] == "$ echo $?"
    return lines[start:end], lines[end + 1]


def _matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` is ``expected`` line for line, a line ``...`` standing for any lines."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(_matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and actual[0] == expected[0] and _matches(expected[1:], actual[1:])


def test_quick_start_check_prints_what_the_readme_shows(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from provenance import cli

    expected, status = _console_output("provenance check seeds/")
    monkeypatch.chdir(README.parent)
    code = cli.main(["check", "--jobs", "1", "seeds/"])
    out, err = capsys.readouterr()
    # A terminal shows the findings (standard output), then the notes and summary (standard error).
    actual = out.splitlines() + err.splitlines()
    assert _matches(expected, actual), "\n".join(actual)
    assert str(code) == status

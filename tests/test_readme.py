"""The README's promises: its examples run, its rule table is current, its commands exist."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

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

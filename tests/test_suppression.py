"""Inline suppression: which findings a directive covers, and which directives are invalid."""

from __future__ import annotations

import pytest

from provenance import check, parse
from provenance.config import known_names
from provenance.suppression import apply, find_directives, problems

HEDGED = "Returnees are reportedly questioned at the airport."


def _rules_left(text: str) -> list[tuple[str, int]]:
    document = parse(text)
    result = apply(document.text, check(document, apply_suppressions=False))
    return [(f.rule, f.span.line) for f in result.kept]


def test_a_directive_on_the_line_covers_its_paragraph() -> None:
    text = f"Title [ABC12345.E]\n\n{HEDGED} <!-- provenance: ignore[hedged-claim] named below -->\n"
    assert _rules_left(text) == []
    assert _rules_left(text.replace(" <!--", "\n\n<!--").replace("-->\n", "-->\n\nEnd.\n")) == [
        ("hedged-claim", 3)
    ]


def test_a_directive_on_its_own_line_covers_the_next_paragraph_only() -> None:
    text = (
        "Title [ABC12345.E]\n\n"
        "<!-- provenance: ignore[hedged-claim] the ministry is named in the annex -->\n"
        f"{HEDGED}\n\n{HEDGED}\n"
    )
    assert _rules_left(text) == [("hedged-claim", 6)]


def test_plain_text_line_comments_and_categories() -> None:
    text = f"Title [ABC12345.E]\n\n# provenance: ignore[corroboration] checked by hand\n{HEDGED}\n"
    assert _rules_left(text) == []
    text = f"Title [ABC12345.E]\n\n{HEDGED} provenance: ignore[hedged-claim] checked by hand\n"
    assert _rules_left(text) == []


def test_a_directive_for_another_rule_suppresses_nothing() -> None:
    text = f"Title\n\n{HEDGED} <!-- provenance: ignore[malformed-url] the address is quoted -->\n"
    assert _rules_left(text) == [("hedged-claim", 3)]


@pytest.mark.parametrize(
    ("directive", "problem"),
    [
        ("<!-- provenance: ignore[hedged-claim] -->", "gives no reason"),
        ("<!-- provenance: ignore[hedged-clam] reason -->", "names no known rule: 'hedged-clam'"),
        ("provenance: ignore[] reason", "names no rule"),
    ],
)
def test_an_invalid_directive_suppresses_nothing_and_is_reported(
    directive: str, problem: str
) -> None:
    text = f"Title\n\n{HEDGED} {directive}\n"
    (found,) = find_directives(text)
    assert any(problem in p for p in problems(found, known_names()))
    assert sorted(_rules_left(text)) == [("hedged-claim", 3), ("invalid-suppression", 3)]
    document = parse(text)
    (invalid,) = [f for f in check(document) if f.rule == "invalid-suppression"]
    assert problem in invalid.message
    assert document.text[invalid.span.start : invalid.span.end] == directive


def test_invalid_suppression_cannot_be_suppressed() -> None:
    text = "Title\n\nText. <!-- provenance: ignore[invalid-suppression, input] -->\n"
    assert _rules_left(text) == [("invalid-suppression", 3)]


def test_each_paragraph_keeps_its_own_directives() -> None:
    paragraphs = []
    for n in range(100):
        rule = "hedged-claim" if n % 2 else "anonymous-source"
        paragraphs.append(
            f"In town {n} returnees are reportedly questioned by police officers on arrival. "
            f"<!-- provenance: ignore[{rule}] checked against the {n} sources -->"
        )
    document = parse("Title\n\n" + "\n\n".join(paragraphs) + "\n")
    findings = check(document, apply_suppressions=False)
    result = apply(document.text, findings)
    assert len([f for f in findings if f.rule == "hedged-claim"]) == 100
    assert len(result.suppressed) == 50
    assert {f.span.line for f in result.kept} == {3 + 2 * n for n in range(0, 100, 2)}


def test_each_suppressed_finding_keeps_the_reason_of_its_directive() -> None:
    text = (
        "Title [ABC12345.E]\n\n"
        "<!-- provenance: ignore[corroboration] checked against the annex -->\n"
        f"{HEDGED}\n\n"
        f"{HEDGED} # provenance: ignore[hedged-claim] seen in the 2004 report\n"
    )
    document = parse(text)
    result = apply(document.text, check(document, apply_suppressions=False))
    assert [
        (f.span.line, reason) for f, reason in zip(result.suppressed, result.reasons, strict=True)
    ] == [
        (3, "checked against the annex"),
        (6, "seen in the 2004 report"),
    ]
    assert result.kept == ()


def test_the_library_check_applies_directives_as_the_command_line_does() -> None:
    text = f"Title [ABC12345.E]\n\n{HEDGED} <!-- provenance: ignore[hedged-claim] named below -->\n"
    document = parse(text)
    assert check(document) == []
    assert [f.rule for f in check(document, apply_suppressions=False)] == ["hedged-claim"]
    # A directive that suppresses nothing is reported by the library too.
    broken = parse(text.replace(" named below", ""))
    assert [f.rule for f in check(broken)] == ["hedged-claim", "invalid-suppression"]

"""Meta-tests over every registered rule: ids, documentation, and the executable examples."""

from __future__ import annotations

import re

import pytest

from provenance.findings import Severity
from provenance.model import Document, Metadata
from provenance.rules import Rule, all_rules, get_rule, rule
from provenance.rules.registry import Emit

RULES = all_rules()
KEBAB = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")


def test_rules_are_registered() -> None:
    categories = {r.category for r in RULES}
    assert {"sources", "dates", "corroboration"} <= categories
    sources = {r.id for r in RULES if r.category == "sources"}
    assert sources == {
        "citation-without-reference",
        "citations-not-linked",
        "ibid-without-antecedent",
        "footnote-without-body",
        "footnote-without-marker",
        "footnote-numbering",
        "broken-cross-reference",
        "reference-never-cited",
        "malformed-url",
        "duplicate-reference",
        "cited-only-as-consulted",
        "cited-only-as-attachment",
        "missing-access-date",
        "unreadable-source-list",
        "notes-not-found",
        "note-calls-not-found",
        "parts-not-included",
        "unchecked-cross-reference",
    }


def test_ids_unique_and_ordered() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert list(RULES) == sorted(RULES, key=lambda r: (r.category, r.id))


def test_ids_and_categories_do_not_collide() -> None:
    # Config accepts both in one namespace ("select = ['sources', 'impossible-date']").
    assert not {r.id for r in RULES} & {r.category for r in RULES}


def test_get_rule() -> None:
    for r in RULES:
        assert get_rule(r.id) is r
    with pytest.raises(KeyError):
        get_rule("no-such-rule")


def test_decorator_rejects_bad_and_repeated_ids() -> None:
    kwargs = {
        "severity": Severity.INFO,
        "category": "sources",
        "summary": "s",
        "doc": "d",
        "bad": "b",
        "good": "g",
    }
    with pytest.raises(ValueError, match="kebab-case"):
        rule("Not_Kebab", **kwargs)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="twice"):
        rule(RULES[0].id, **kwargs)(lambda doc: ())  # type: ignore[arg-type]


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.id)
def test_rule_metadata(r: Rule) -> None:
    assert KEBAB.match(r.id), r.id
    assert isinstance(r.severity, Severity)
    assert r.category and r.category == r.category.casefold()
    assert r.summary.strip() and len(r.summary) <= 120
    assert r.doc.strip() and len(r.doc.split()) >= 15, "doc should say what and why"
    assert r.bad.strip() and r.good.strip()
    assert r.bad != r.good
    assert callable(r.function)


def _example(r: Rule, text: str, path: str | None) -> Document:
    """The example as a document; an ``input`` rule's example is a file saved in Windows-1252."""
    from provenance.document import parse_document
    from provenance.source import read_bytes_as_text

    if r.category == "input":
        encoding = "cp1252" if text == r.bad else "utf-8"
        decoded = read_bytes_as_text(text.encode(encoding), path or "<example>")
        return parse_document(decoded.text, path, decoded.notes, limits=r.example_limits)
    return parse_document(text, path, limits=r.example_limits)


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.id)
def test_rule_fires_on_bad_example(r: Rule) -> None:
    doc = _example(r, r.bad, "bad.txt")
    findings = list(r.run(doc))
    assert findings, f"{r.id} does not fire on its bad example"
    for finding in findings:
        assert finding.rule == r.id
        assert finding.severity == r.severity
        assert finding.path == "bad.txt"
        assert 0 <= finding.span.start <= finding.span.end <= len(r.bad)
        assert finding.message.strip()


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.id)
def test_rule_silent_on_good_example(r: Rule) -> None:
    doc = _example(r, r.good, "good.txt")
    assert [f.message for f in r.run(doc)] == []


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.id)
def test_rule_severity_override(r: Rule) -> None:
    doc = _example(r, r.bad, None)
    assert {f.severity for f in r.run(doc, Severity.INFO)} == {Severity.INFO}


def test_decorator_registers_the_rule_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    from provenance.limits import Limits
    from provenance.rules import registry

    monkeypatch.setattr(registry, "_REGISTRY", {})

    def function(doc: Document) -> list[Emit]:
        return []

    limits = Limits()
    returned = rule(
        "dummy-rule",
        severity=Severity.WARNING,
        category="dummies",
        summary="summary",
        doc="documentation",
        bad="bad example",
        good="good example",
        example_limits=limits,
    )(function)
    assert returned is function
    registered = registry._REGISTRY["dummy-rule"]
    assert (
        registered.id,
        registered.severity,
        registered.category,
        registered.summary,
        registered.doc,
        registered.bad,
        registered.good,
    ) == (
        "dummy-rule",
        Severity.WARNING,
        "dummies",
        "summary",
        "documentation",
        "bad example",
        "good example",
    )
    assert registered.function is function
    assert registered.example_limits is limits


def test_run_turns_emits_into_findings() -> None:
    from provenance.findings import Related
    from provenance.span import LineIndex

    text = "First line.\nSecond line.\n"
    index = LineIndex(text)
    doc = Document(text=text, path="report.txt", metadata=Metadata(), line_index=index)
    first, second = index.span(0, 11), index.span(12, 24)
    related = (Related(first, "see here"),)

    def function(doc: Document) -> list[Emit]:
        return [Emit(first, "plain"), Emit(second, "with excerpt", related, excerpt="other")]

    dummy = Rule("dummy-rule", Severity.ERROR, "dummies", "s", "d", "b", "g", function)
    findings = list(dummy.run(doc))
    assert [(f.rule, f.severity, f.message, f.excerpt, f.path) for f in findings] == [
        ("dummy-rule", Severity.ERROR, "plain", "First line.", "report.txt"),
        ("dummy-rule", Severity.ERROR, "with excerpt", "other", "report.txt"),
    ]
    assert [f.span for f in findings] == [first, second]
    assert [f.related for f in findings] == [(), related]
    assert {f.severity for f in dummy.run(doc, Severity.INFO)} == {Severity.INFO}

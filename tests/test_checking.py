"""``check``: selected rules, severity overrides, findings in reading order."""

from __future__ import annotations

from pathlib import Path

import pytest

import provenance
from provenance.checking import check
from provenance.config import Config
from provenance.findings import Severity
from provenance.model import (
    Citation,
    CitationValue,
    Document,
    Footnote,
    FootnoteBody,
    FootnoteMarker,
    Metadata,
    Region,
    Url,
)
from provenance.span import LineIndex, Span

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

TEXT = """\
Report on returnees

Returnees were questioned (ibid.). See http//www.example.org for the text.<sup>2</sup>

Returnees were released on 31 June 1999.

<sup>1</sup> Interview, Seoul, 1999.
"""


def build() -> Document:
    index = LineIndex(TEXT)

    def span(needle: str) -> Span:
        start = TEXT.index(needle)
        return index.span(start, start + len(needle))

    body_text = "Interview, Seoul, 1999."
    return Document(
        text=TEXT,
        path="report.txt",
        metadata=Metadata(),
        regions=(
            Region("paragraph", span("Returnees were questioned")),
            Region("paragraph", span("Returnees were released")),
        ),
        citations=(Citation(CitationValue(ibid=True), "(ibid.)", span("(ibid.)")),),
        footnotes=(
            Footnote(1, (), FootnoteBody(1, span(body_text), body_text)),
            Footnote(2, (FootnoteMarker(2, span("<sup>2</sup>"), "sup"),), None),
        ),
        urls=(Url("http//www.example.org", span("http//www.example.org"), "missing ':'"),),
        line_index=index,
    )


def test_check_runs_every_rule_sorted_by_position() -> None:
    findings = check(build())
    rules = [f.rule for f in findings]
    assert {"ibid-without-antecedent", "malformed-url", "footnote-without-body"} <= set(rules)
    assert "footnote-without-marker" in rules
    assert findings == sorted(findings, key=lambda f: f.sort_key())
    assert [f.span.line for f in findings] == sorted(f.span.line for f in findings)
    assert all(f.path == "report.txt" for f in findings)


def test_check_select_and_ignore() -> None:
    doc = build()
    only = check(doc, Config(select=frozenset({"malformed-url"})))
    assert [f.rule for f in only] == ["malformed-url"]
    assert only[0].excerpt == "http//www.example.org"
    rest = check(doc, Config(ignore=frozenset({"sources"})))
    assert not any(f.rule in {"malformed-url", "ibid-without-antecedent"} for f in rest)


def test_check_severity_override() -> None:
    doc = build()
    config = Config(
        select=frozenset({"sources"}),
        severity={"sources": Severity.INFO, "malformed-url": Severity.ERROR},
    )
    by_rule = {f.rule: f.severity for f in check(doc, config)}
    assert by_rule["malformed-url"] == Severity.ERROR
    assert by_rule["ibid-without-antecedent"] == Severity.INFO
    assert by_rule["footnote-without-body"] == Severity.INFO


def test_check_default_severities() -> None:
    by_rule = {f.rule: f.severity for f in check(build())}
    assert by_rule["malformed-url"] == Severity.WARNING
    assert by_rule["ibid-without-antecedent"] == Severity.ERROR


def test_check_empty_document() -> None:
    doc = Document(text="", path=None, metadata=Metadata())
    assert check(doc) == []


def test_check_same_position_ordered_by_rule() -> None:
    findings = check(build())
    keys = [f.sort_key() for f in findings]
    assert keys == sorted(keys)


def test_public_check_is_this_check() -> None:
    doc = build()
    assert provenance.check(doc) == check(doc)


def test_check_is_pure() -> None:
    doc = build()
    assert check(doc) == check(doc)


# --------------------------------------------------------------------------- end to end


def test_check_seed_irb_report_end_to_end() -> None:
    document = pytest.importorskip("provenance.document")
    path = SEEDS / "000_a612e7f6db11d10b.txt"
    doc = document.parse_document(path.read_text(encoding="utf-8"), str(path))
    findings = check(doc, Config(select=frozenset({"sources"})))
    # The seed cites all its references (one through "ibid.", two through date-only citations
    # resolved by the sentence naming the source) and mentions its attachment.
    assert [f.rule for f in findings] == []


def test_check_text_report_with_planted_faults_end_to_end() -> None:
    document = pytest.importorskip("provenance.document")
    text = (
        "Treatment of journalists [ABC12345.E]\n\n"
        "Two journalists were detained (ibid.). They were charged later "
        "(Yonhap 3 March 1999).\n\n"
        "References\n\n"
        'The Korea Post [Seoul]. February 1999. "Reporters Held."\n'
    )
    doc = document.parse_document(text, "planted.txt")
    found = {(f.rule, f.span.line) for f in check(doc, Config(select=frozenset({"sources"})))}
    assert ("ibid-without-antecedent", 3) in found
    assert ("citation-without-reference", 3) in found
    assert ("reference-never-cited", 7) in found


# --------------------------------------------------------------------------- memory


def test_in_order_sees_ties_and_disorder() -> None:
    from provenance.checking import _in_order
    from provenance.findings import Finding

    def at(start: int, rule: str) -> Finding:
        return Finding(rule, Severity.INFO, "m", Span(start, start + 1, 1, 1, 1, 1), "x")

    assert _in_order([])
    assert _in_order([at(0, "a"), at(0, "a"), at(0, "b"), at(3, "a")])
    assert not _in_order([at(0, "b"), at(0, "a")])
    assert not _in_order([at(3, "a"), at(0, "a")])


def test_check_does_not_copy_sorted_findings() -> None:
    # One finding a sentence, already in order: no key for every finding at once (the sort's
    # keys were about 100 bytes a finding here, the peak of such a text; 20 without).
    import gc
    import tracemalloc

    from provenance.document import parse_document

    text = "Head [ABC12345.E]\n\n" + " ".join(["Detainees were reportedly beaten."] * 10000)
    document = parse_document(text, "hedges.txt")
    check(document)  # loads the rules and their tables
    gc.collect()
    tracemalloc.start()
    try:
        findings = check(document)
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(findings) >= 9900
    assert (peak - held) / len(findings) < 50, (peak - held) / len(findings)

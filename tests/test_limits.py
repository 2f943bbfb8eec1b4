"""Per-document limits: a document past one gets one input-too-complex error; others go on."""

from __future__ import annotations

from provenance.checking import check
from provenance.config import Config
from provenance.document import parse_document
from provenance.findings import Finding, Severity
from provenance.limits import Limits

REPORT = (
    "Treatment of returnees [ABC12345.E]\n\n"
    "On 3 May 1999 officials detained returnees (Amnesty International 1999). They were "
    "released on 10 May 1999 (ibid.).\n\n"
    "References\n\n"
    'Amnesty International. 1999. "Returnees." Toronto.\n'
)


def _too_complex(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule == "input-too-complex"]


def test_default_limits_leave_a_report_alone() -> None:
    document = parse_document(REPORT)
    assert document.too_complex is None
    assert document.citations and document.dates
    assert not _too_complex(check(document))


def test_a_text_over_the_size_limit_gets_one_error_on_its_first_line() -> None:
    document = parse_document(REPORT, "big.txt", limits=Limits(chars=100))
    assert document.too_complex is not None and "characters" in document.too_complex
    assert not document.citations and not document.dates and not document.regions
    findings = check(document)
    assert [f.rule for f in findings] == ["input-too-complex"]
    [finding] = findings
    assert finding.severity is Severity.ERROR
    assert finding.span.line == 1 and finding.path == "big.txt"
    assert "was not checked" in finding.message and "100" in finding.message


def test_too_many_mentions() -> None:
    document = parse_document(REPORT, limits=Limits(mentions=5))
    assert document.too_complex is not None and "mentions" in document.too_complex
    assert len(_too_complex(check(document))) == 1


def test_too_much_linking_work() -> None:
    text = (
        "Title line\n\n"
        + " ".join(f"He was held (Org {1990 + i % 9})." for i in range(50))
        + "\n\nReferences\n\n"
        + "\n\n".join(f'Org. {1990 + i}. "Report {i}." Toronto.' for i in range(9))
        + "\n"
    )
    assert parse_document(text).too_complex is None
    document = parse_document(text, limits=Limits(work_per_char=0, work_constant=20))
    assert document.too_complex is not None and "comparisons" in document.too_complex


def test_time_limit_while_parsing() -> None:
    document = parse_document(REPORT * 20, limits=Limits(seconds=0, seconds_per_million=0))
    assert document.too_complex is not None and "time limit" in document.too_complex


def test_time_limit_while_checking_names_the_rules_not_finished() -> None:
    document = parse_document(REPORT)
    findings = check(document, limits=Limits(seconds=0, seconds_per_million=0))
    [finding] = _too_complex(findings)
    assert "not finished" in finding.message and "weekday-mismatch" in finding.message


def test_the_rule_can_be_ignored() -> None:
    document = parse_document(REPORT, limits=Limits(chars=10))
    config = Config(ignore=frozenset({"input-too-complex"}))
    assert check(document, config) == []


def test_one_document_too_complex_does_not_stop_the_next() -> None:
    documents = [
        parse_document(REPORT, "a.txt", limits=Limits(mentions=3)),
        parse_document(REPORT, "b.txt"),
    ]
    results = [check(document) for document in documents]
    assert [f.rule for f in results[0]] == ["input-too-complex"]
    assert not _too_complex(results[1])


def test_the_time_limit_grows_with_the_text() -> None:
    # Every stage is linear: a text ten times as long is given about ten times the time.
    limits = Limits(seconds=300, seconds_per_million=10)
    assert limits.seconds_for(0) == 300
    assert limits.seconds_for(100_000_000) == 1300
    document = parse_document(REPORT * 20, limits=Limits(seconds=0, seconds_per_million=1e9))
    assert document.too_complex is None
    findings = check(document, limits=Limits(seconds=0, seconds_per_million=1e9))
    assert not _too_complex(findings)

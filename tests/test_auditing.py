"""The audit data: sources and their citations, footnotes, qualified claims, corpus summary."""

from __future__ import annotations

import json

import attrs

import provenance
from provenance.auditing import (
    FindingRow,
    audit_document,
    audit_to_dict,
    build_audit,
    render_audit,
    wilson_lower_bound,
)
from provenance.findings import FileError


def _audit(seed_results: list, name: str):  # type: ignore[no-untyped-def]
    for document, findings in seed_results:
        if document.path.endswith(name):
            return audit_document(document, findings)
    raise AssertionError(name)


def test_amnesty_claims_and_footnotes(seed_results: list) -> None:
    audit = _audit(seed_results, "001_57fd68c990b575be.txt")
    assert audit.code == "ASA 24/06/96" and audit.date == "1996-09"
    uncorroborated = [c.line for c in audit.claims if c.rule == "uncorroborated-claim"]
    assert uncorroborated == [98, 346]
    note19 = next(n for n in audit.footnotes if n.number == 19)
    assert note19.body_line is None and note19.marker_lines == (196,)
    assert {n.number for n in audit.footnotes if n.recovered} == {6, 15, 16, 20, 27}
    assert any(point.inferred is False and point.iso == "1995-12" for point in audit.timeline)


def test_irb_sources_with_citation_counts(seed_results: list) -> None:
    audit = _audit(seed_results, "000_a612e7f6db11d10b.txt")
    references = [s for s in audit.sources if s.section == "references"]
    assert [(s.author, s.times_cited) for s in references] == [
        ("The Korea Post", 2),
        ("Oka, Natsuko", 1),
        ("News from the Korean Central News Agency of the DPRK", 2),
    ]
    assert references[0].accessed == "2000-05-15"


def test_corpus_summary() -> None:
    one = provenance.parse(
        "A report\n\nThe police detained him (AI Index: ASA 24/12/95). It is reported that he "
        "was beaten.\n",
        "one.txt",
    )
    two = provenance.parse(
        "Another report\n\nHe had been detained before (AI Index: ASA 24/12/95).\n", "two.txt"
    )
    audit = build_audit(
        [(one, provenance.check(one)), (two, provenance.check(two))],
        [FileError("bad.pdf", "binary file")],
    )
    shared = [(s.code, s.paths) for s in audit.shared_codes]
    assert shared == [("ASA 24/12/95", ("one.txt", "two.txt"))]
    assert audit.errors[0].path == "bad.pdf"


def test_json_is_deterministic(seed_results: list) -> None:
    audit = build_audit(seed_results)
    first = render_audit(audit, "json")
    assert first == render_audit(build_audit(seed_results), "json")
    payload = json.loads(first)
    assert payload["version"] == 1
    assert [d["path"] for d in payload["documents"]] == sorted(
        d["path"] for d in payload["documents"]
    )
    assert payload == json.loads(json.dumps(audit_to_dict(audit)))


def test_findings_by_rule_errors_first(seed_results: list) -> None:
    audit = build_audit(seed_results)
    pairs = [(r.severity, r.rule, r.findings) for r in audit.by_rule]
    assert pairs[:2] == [
        ("error", "footnote-without-marker", 6),
        ("error", "footnote-without-body", 1),
    ]
    total = sum(r.findings for r in audit.by_rule)
    assert total == sum(len(findings) for _, findings in seed_results)
    assert audit.count("error") == sum(r.findings for r in audit.by_rule if r.severity == "error")


def test_findings_keep_offsets_and_context(seed_results: list) -> None:
    audit = _audit(seed_results, "003_1657d4287ccc633e.txt")
    finding = next(f for f in audit.findings if f.rule == "weekday-mismatch")
    span = audit.text[finding.start : finding.end]
    shown = finding.context[finding.context_start : finding.context_start + finding.context_length]
    assert span == shown == "Thursday, May 29"


def test_marks_cover_findings_citations_notes_and_dates(seed_results: list) -> None:
    audit = _audit(seed_results, "000_a612e7f6db11d10b.txt")
    kinds = {mark.kind for mark in audit.marks}
    assert {"warning", "citation", "date"} <= kinds
    assert all(0 <= m.start <= m.end <= len(audit.text) for m in audit.marks)
    notes = _audit(seed_results, "001_57fd68c990b575be.txt")
    assert {"note-call", "note-text", "error", "info"} <= {m.kind for m in notes.marks}


def test_json_leaves_out_the_text_and_its_marks(seed_results: list) -> None:
    payload = audit_to_dict(build_audit(seed_results))
    document = payload["documents"][0]
    assert "text" not in document and "marks" not in document
    assert {"by_rule", "documents"} <= set(payload)


def test_wilson_lower_bound() -> None:
    assert wilson_lower_bound(0, 0) == 0.0
    assert wilson_lower_bound(1, 6) < wilson_lower_bound(46, 802) < 46 / 802
    assert 0.0 < wilson_lower_bound(5, 10) < 0.5 < wilson_lower_bound(500, 600)


def test_a_finding_row_says_where_in_the_published_file() -> None:
    row = FindingRow("r", "error", 3, 4, "m")
    assert (row.location, row.where) == ("3:4", "line 3:4")
    pdf = attrs.evolve(row, place="p12:8")
    assert (pdf.location, pdf.where) == ("p12:8", "p12:8")
    page = attrs.evolve(row, place="120")
    assert (page.location, page.where) == ("120", "line 120")


# --------------------------------------------------------------------------- the timeline

_CONFLICTING = (
    "Raids on the office\n\n"
    "Police raided the office of the association in August 2004. Just one month earlier, "
    "in September 2004, its staff had received threats by telephone. The next year the "
    "office closed. The association was founded in 1823.\n\n"
    "Her son Kim Chol-ho was born on 15 November 1999. When she reached Seoul on 22 November "
    "2000 she had to leave Kim Chol-ho, only 20 months old at that time, in China.\n\n"
    "In 2005, 29 refugees arrived, including 11 men, 15 women and 4 children.\n"
)


def _one(text: str):  # type: ignore[no-untyped-def]
    document = provenance.parse(text, "report.txt")
    return audit_document(document, provenance.check(document))


def test_timeline_events_in_order_of_the_days_they_mean() -> None:
    events = _one(_CONFLICTING).events
    assert [e.text for e in events][:3] == ["1823", "15 November 1999", "22 November 2000"]
    firsts = [e.first for e in events if e.first is not None]
    assert firsts == sorted(firsts)
    earlier = next(e for e in events if e.text == "Just one month earlier")
    assert earlier.provenance == "resolved" and earlier.value == "2004-06-24/2004-08-07"
    assert earlier.anchor == "August 2004" and earlier.stated == "September 2004"
    assert earlier.conflicts == ("relative-date-conflict",) and earlier.agrees is False
    age = next(e for e in events if e.text == "only 20 months old")
    assert age.provenance == "age" and age.value == "2000-11-22"
    assert age.anchor == "born 15 November 1999" and age.conflicts == ("age-date-conflict",)
    following = next(e for e in events if e.text == "The next year")
    assert following.provenance == "resolved" and following.conflicts == ()


def test_figure_conflicts_are_kept_beside_the_timeline() -> None:
    audit = _one(_CONFLICTING)
    assert [f.rule for f in audit.figure_conflicts] == ["sum-mismatch"]


def test_timeline_events_of_a_seed_with_their_provenance(seed_results: list) -> None:
    events = _audit(seed_results, "003_1657d4287ccc633e.txt").events
    same_year = next(e for e in events if e.text == "the same year")
    assert (same_year.value, same_year.provenance, same_year.anchor) == (
        "1999",
        "resolved",
        "May, 1999",
    )
    assert same_year.agrees is True and not same_year.conflicts
    assert {e.provenance for e in events} >= {"written", "inferred", "resolved", "age"}
    assert not any(e.conflicts for e in events)


def test_timeline_events_in_the_json_audit() -> None:
    document = provenance.parse(_CONFLICTING, "report.txt")
    data = audit_to_dict(build_audit([(document, provenance.check(document))]))
    rows = data["documents"][0]["events"]
    assert any(row["conflicts"] == ["relative-date-conflict"] for row in rows)

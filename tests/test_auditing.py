"""The audit data: sources and their citations, footnotes, qualified claims, corpus summary."""

from __future__ import annotations

import json

import provenance
from provenance.auditing import audit_document, audit_to_dict, build_audit, render_audit
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

"""The JSON contract of ``check --format json``, as the README documents it."""

from __future__ import annotations

import json

from provenance.findings import FileError, FileResult
from provenance.reporters.json import render_json

FINDING_KEYS = {
    "path", "rule", "severity", "line", "column", "end_line", "end_column", "message",
    "related", "fingerprint",
}  # fmt: skip


def test_contract_on_the_seeds(seed_file_results: list[FileResult]) -> None:
    payload = json.loads(render_json(seed_file_results, [FileError("x.pdf", "binary file")]))
    assert payload["version"] == 1
    assert payload["errors"] == [{"path": "x.pdf", "reason": "binary file"}]
    findings = payload["findings"]
    assert findings
    for item in findings:
        assert set(item) >= FINDING_KEYS
        assert item["severity"] in ("error", "warning", "info")
        assert item["line"] >= 1 and item["column"] >= 1
        assert (item["end_line"], item["end_column"]) >= (item["line"], item["column"])
        for related in item["related"]:
            assert set(related) == {"line", "column", "message"}
    weekday = [f for f in findings if f["rule"] == "weekday-mismatch"]
    assert [(f["path"], f["line"]) for f in weekday] == [("seeds/003_1657d4287ccc633e.txt", 68)]


def test_empty_run() -> None:
    assert json.loads(render_json([])) == {
        "version": 1,
        "findings": [],
        "errors": [],
        "documents": [],
    }


def test_each_document_says_what_was_read_and_linked() -> None:
    from provenance.coverage import Coverage
    from provenance.findings import FileResult

    read = Coverage(sources=3, citations=4, citations_linked=3, notes=2, notes_linked=2)
    payload = json.loads(render_json([FileResult("r.txt", (), read)]))
    assert payload["documents"] == [
        {
            "path": "r.txt",
            "sources": 3,
            "citations": 4,
            "citations_linked": 3,
            "notes": 2,
            "notes_linked": 2,
            "suppressed": 0,
        }
    ]

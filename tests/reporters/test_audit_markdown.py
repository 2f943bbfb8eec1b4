from __future__ import annotations

import provenance
from provenance.auditing import build_audit
from provenance.reporters.audit_markdown import render_audit_markdown


def test_markdown_escapes_report_text() -> None:
    text = "A | B *report* [link](http://x) <b>\n\nIt is reported that the police beat him.\n"
    document = provenance.parse(text, "r.txt")
    page = render_audit_markdown(build_audit([(document, provenance.check(document))]))
    assert "## A \\| B \\*report\\* \\[link\\]\\(http://x\\) \\<b\\>" in page
    assert "](http" not in page


def test_seed_sections(seed_results: list) -> None:
    page = render_audit_markdown(build_audit(seed_results))
    assert page.startswith("# Provenance audit")
    assert "| 19 | 196 | **missing** |" in page
    assert "### Qualified claims" in page and "**uncorroborated**, line 98" in page

from __future__ import annotations

from pathlib import Path

import provenance
from provenance.auditing import render_audit
from provenance.wording import counted


def test_one_is_singular() -> None:
    assert counted(1, "warning") == "1 warning"
    assert counted(0, "warning") == "0 warnings"
    assert counted(2, "qualified claim") == "2 qualified claims"


def test_the_markdown_audit_says_one_error_not_one_errors(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("Report\n\nOn Thursday, 30 July 2004 the talks resumed.\n", encoding="utf-8")
    text = render_audit(provenance.audit([str(report)]), "md")
    assert "1 error," in text and "1 errors" not in text
    assert "1 document:" in text

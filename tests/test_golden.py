"""Golden findings: every finding (line, column, rule, severity) on the seeds and the practice
documents, so that any change in how reports are read shows up as a diff to read before committing.

Regenerate after a deliberate change with ``PROVENANCE_UPDATE_GOLDEN=1 python -m pytest
tests/test_golden.py`` and read ``git diff tests/golden`` before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import provenance

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
PRACTICE = ROOT.parent / "shared" / "practice"
UPDATE = os.environ.get("PROVENANCE_UPDATE_GOLDEN") == "1"

DOCUMENTS = sorted((ROOT / "seeds").glob("*.txt")) + sorted(PRACTICE.glob("*.txt"))


def render_findings(path: Path) -> str:
    document = provenance.parse_file(path)
    lines = [
        f"# {len(document.references)} references, {len(document.citations)} citations, "
        f"{len(document.footnotes)} notes, {len(document.index_codes)} index codes"
    ]
    lines += [
        f"{f.span.line}:{f.span.column} {f.severity} {f.rule}" for f in provenance.check(document)
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.skipif(
    not PRACTICE.is_dir(), reason="the shared practice documents are not beside the checkout"
)
def test_every_practice_document_has_a_golden_file() -> None:
    assert len(list(PRACTICE.glob("*.txt"))) == 18


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_golden_findings(path: Path) -> None:
    golden = GOLDEN / f"{path.stem}.findings"
    actual = render_findings(path)
    if UPDATE:
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file for {path.name}: run with PROVENANCE_UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8")

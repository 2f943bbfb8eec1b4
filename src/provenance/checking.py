"""Run the selected rules over one parsed document.

Every rule is a pure function of the ``Document``; ``check`` only chooses which rules run, at
what severity, and puts their findings in reading order. A rule that raises is a bug, and the
exception is left to surface rather than turned into a silent gap in the findings.
"""

from __future__ import annotations

from provenance.config import Config
from provenance.findings import Finding
from provenance.model import Document


def check(document: Document, config: Config | None = None) -> list[Finding]:
    """The findings of every rule ``config`` selects (all rules by default), sorted by position."""
    settings = Config() if config is None else config
    findings: list[Finding] = []
    for rule in settings.selected_rules():
        findings.extend(rule.run(document, settings.severity_for(rule)))
    findings.sort(key=Finding.sort_key)
    return findings


__all__ = ["check"]

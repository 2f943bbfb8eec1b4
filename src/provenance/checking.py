"""Run the selected rules over one parsed document.

Every rule is a pure function of the ``Document``; ``check`` only chooses which rules run, at
what severity, and puts their findings in reading order. A rule that raises is a bug, and the
exception is left to surface rather than turned into a silent gap in the findings.

A document that passed a limit while it was read (``Document.too_complex``) gets only the
``input`` rules, among them the ``input-too-complex`` finding. Checking has its own time limit
(``provenance.limits``): when it runs out, the rules not finished are named in one
``input-too-complex`` finding, beside the findings made so far.
"""

from __future__ import annotations

import time

import attrs

from provenance.config import Config
from provenance.findings import Finding
from provenance.limits import Limits
from provenance.model import Document
from provenance.places import PlaceMap

_TOO_COMPLEX = "input-too-complex"


def check(
    document: Document, config: Config | None = None, limits: Limits | None = None
) -> list[Finding]:
    """The findings of every rule ``config`` selects (all rules by default), sorted by position."""
    settings = Config() if config is None else config
    seconds = (Limits() if limits is None else limits).seconds_for(len(document.text))
    deadline = time.monotonic() + seconds
    rules = settings.selected_rules()
    if document.too_complex is not None:
        rules = tuple(rule for rule in rules if rule.category == "input")
    findings: list[Finding] = []
    unfinished: list[str] = []
    for rule in rules:
        if unfinished or time.monotonic() > deadline:
            unfinished.append(rule.id)
            continue
        for finding in rule.run(document, settings.severity_for(rule)):
            findings.append(finding)
            if not len(findings) & 0x3FF and time.monotonic() > deadline:
                unfinished.append(rule.id)
                break
    if unfinished:
        reason = (
            f"checking was still running after the time limit of {seconds:g} s; "
            f"not finished: {', '.join(unfinished)}"
        )
        too_complex = next((rule for rule in rules if rule.id == _TOO_COMPLEX), None)
        if too_complex is not None:
            evolved = attrs.evolve(document, too_complex=reason)
            findings.extend(too_complex.run(evolved, settings.severity_for(too_complex)))
    if not _in_order(findings):
        findings.sort(key=Finding.sort_key)
    if document.places is not None:
        findings = [_placed(finding, document.places) for finding in findings]
    return findings


def _in_order(findings: list[Finding]) -> bool:
    """Whether ``findings`` are already sorted by position (as one rule's usually are). Sorting
    makes a key tuple for every finding at once, about 110 bytes a finding on top of the
    findings, the peak of checking a text with a finding in every sentence; this makes one key
    at a time."""
    keys = map(Finding.sort_key, findings)
    previous = next(keys, None)
    if previous is None:
        return True
    for key in keys:
        if key < previous:
            return False
        previous = key
    return True


def _placed(finding: Finding, places: PlaceMap) -> Finding:
    """``finding`` with the page and line of the published file its spans stand on."""
    related = tuple(
        attrs.evolve(other, place=places.place(other.span.line)) for other in finding.related
    )
    return attrs.evolve(finding, place=places.place(finding.span.line), related=related)


__all__ = ["check"]

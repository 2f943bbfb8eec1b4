"""Suppression directives that suppress nothing because they are malformed."""

from __future__ import annotations

from collections.abc import Iterator

from provenance.findings import Severity
from provenance.model import Document
from provenance.rules.registry import Emit, all_rules, rule
from provenance.suppression import RULE_ID, find_directives, problems


@rule(
    RULE_ID,
    severity=Severity.WARNING,
    category="input",
    summary="A `provenance: ignore[...]` with no reason, or naming a rule that does not exist.",
    doc=(
        "An editor who has checked a finding by hand can mark it in the report with "
        "'provenance: ignore[RULE-ID] REASON' (in Markdown, inside an HTML comment), on the "
        "paragraph's line or on a line of its own before the paragraph. The reason is required: "
        "the next reader must be able to see why the finding does not apply. A directive "
        "without a reason, or naming no rule or an unknown one, suppresses nothing and is "
        "reported by this rule, so that a typo never hides a finding."
    ),
    bad=(
        "Returnees [ABC12345.E]\n\n"
        "Returnees are reportedly questioned at the airport. "
        "<!-- provenance: ignore[hedged-claim] -->\n"
    ),
    good=(
        "Returnees [ABC12345.E]\n\n"
        "Returnees are reportedly questioned at the airport. "
        "<!-- provenance: ignore[hedged-claim] the next paragraph names the source -->\n"
    ),
)
def invalid_suppression(doc: Document) -> Iterator[Emit]:
    rules = all_rules()
    known = {*(r.id for r in rules), *(r.category for r in rules)}
    for directive in find_directives(doc.text):
        found = problems(directive, known)
        if found:
            span = doc.line_index.span(directive.start, directive.end)
            yield Emit(span, "this suppression suppresses nothing: it " + "; it ".join(found))

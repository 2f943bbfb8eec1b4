"""The rule registry: every rule is data (id, severity, doc, examples) plus one pure function.

One registry feeds ``check``, the CLI's ``rules`` command, the README table and SARIF's rule list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import attrs

from provenance.excerpts import Around
from provenance.findings import Finding, Related, Severity
from provenance.limits import Limits
from provenance.model import Document
from provenance.records import shared_methods
from provenance.regex_store import lazy_compile
from provenance.span import Span

_RULE_ID = lazy_compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Emit:
    """What a rule function yields: the registry adds rule id, severity and path."""

    span: Span
    message: str
    related: tuple[Related, ...] = ()
    #: Text the finding is about when it differs from the text at ``span`` (for fingerprints).
    excerpt: str | None = None


RuleFunction = Callable[[Document], Iterable[Emit]]


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Rule:
    """A rule: stable kebab-case id, default severity, documentation with a bad and a good example.

    ``bad`` and ``good`` are whole small reports: the registry's meta-tests parse them and check
    that the rule fires on ``bad`` and stays silent on ``good``.
    """

    id: str
    severity: Severity
    category: str
    summary: str
    doc: str
    bad: str
    good: str
    function: RuleFunction = attrs.field(repr=False, eq=False)
    #: Limits the examples are parsed under, for a rule about the limits themselves.
    example_limits: Limits | None = attrs.field(default=None, repr=False, eq=False)

    def run(self, document: Document, severity: Severity | None = None) -> Iterator[Finding]:
        level = self.severity if severity is None else severity
        around = Around(document.text)
        # A rule repeats its messages and excerpts on a repetitive text: one string each.
        shared: dict[str, str] = {}
        for emit in self.function(document):
            excerpt = emit.excerpt
            if excerpt is None:
                excerpt = document.text[emit.span.start : emit.span.end]
            yield Finding(
                rule=self.id,
                severity=level,
                message=shared.setdefault(emit.message, emit.message),
                span=emit.span,
                excerpt=shared.setdefault(excerpt, excerpt),
                related=emit.related,
                path=document.path,
                context=around,
            )


_REGISTRY: dict[str, Rule] = {}


def rule(
    id: str,
    *,
    severity: Severity,
    category: str,
    summary: str,
    doc: str,
    bad: str,
    good: str,
    example_limits: Limits | None = None,
) -> Callable[[RuleFunction], RuleFunction]:
    """Register the decorated function as rule ``id``."""
    if not _RULE_ID.match(id):
        raise ValueError(f"rule id {id!r} is not kebab-case")

    def register(function: RuleFunction) -> RuleFunction:
        if id in _REGISTRY:
            raise ValueError(f"rule {id!r} registered twice")
        _REGISTRY[id] = Rule(
            id, severity, category, summary, doc, bad, good, function, example_limits
        )
        return function

    return register


def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, by category then id (imports the rule modules on first use)."""
    _load_rule_modules()
    return tuple(sorted(_REGISTRY.values(), key=lambda r: (r.category, r.id)))


def get_rule(rule_id: str) -> Rule:
    _load_rule_modules()
    return _REGISTRY[rule_id]


def _load_rule_modules() -> None:
    # Importing the modules registers their rules; done lazily so that `provenance parse`
    # never pays for the checkers.
    from provenance.rules import (  # noqa: F401
        corroboration,
        dates,
        input,
        sources,
        suppressions,
        timeline,
    )

"""Findings: what a rule reports, and the per-file results the reporters render."""

from __future__ import annotations

import enum
import hashlib

import attrs

from provenance.coverage import Coverage
from provenance.excerpts import Around, Context
from provenance.places import Place
from provenance.records import shared_methods
from provenance.span import Span


class Severity(enum.IntEnum):
    """How bad a finding is. Ordered, so ``--fail-on warning`` means ``>= WARNING``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {name!r}: expected error, warning or info"
            ) from None

    def __str__(self) -> str:
        return self.name.lower()


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Related:
    """A second place that explains a finding: the marker of a note, the entry a citation meant."""

    span: Span
    message: str
    #: Where the span stands in the published PDF or web page (None for text files).
    place: Place | None = None


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Finding:
    """One problem a rule found in one document.

    ``excerpt`` is the text the finding is about (normally the text at ``span``); it feeds the
    fingerprint, so that a finding keeps its identity when lines above it are edited.
    ``context`` is the sentence around the span, on one line, for a reader (None where the
    document's text is not at hand, as for findings read back from a baseline). It may be
    given as the ``Around`` text it is taken from, and is then worked out when read.
    """

    rule: str
    severity: Severity
    message: str
    span: Span
    excerpt: str
    related: tuple[Related, ...] = ()
    path: str | None = None
    _context: Context | Around | None = attrs.field(
        default=None, eq=False, repr=False, alias="context"
    )
    #: Where the span stands in the published PDF or web page (None for text files).
    place: Place | None = attrs.field(default=None, eq=False)

    @property
    def context(self) -> Context | None:
        held = self._context
        return held.of(self.span) if isinstance(held, Around) else held

    def __reduce__(self) -> tuple[type[Finding], tuple[object, ...]]:
        # Sent to and from worker processes with its context worked out, not the whole text.
        return Finding, (
            self.rule,
            self.severity,
            self.message,
            self.span,
            self.excerpt,
            self.related,
            self.path,
            self.context,
            self.place,
        )

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.span.start, self.span.end, self.rule, self.message)

    def fingerprint(self) -> str:
        """Stable id of the finding: rule + normalised excerpt + message, not its line number."""
        normalised = " ".join(self.excerpt.split())
        digest = hashlib.sha256(f"{self.rule}\0{normalised}\0{self.message}".encode())
        return digest.hexdigest()[:32]


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class FileError:
    """A file that could not be checked, and why (reported with exit status 2)."""

    path: str
    reason: str


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class SuppressedFinding:
    """A finding an inline directive of the report took out, with the reason the directive
    gives (``provenance.suppression``)."""

    finding: Finding
    reason: str


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class FileResult:
    """The findings of one checked file, and what of it was read (``coverage``; None for results
    built from a baseline); ``suppressed``: how many findings its inline directives took out,
    and ``suppressed_findings`` those findings, for reporters asked to show them."""

    path: str
    findings: tuple[Finding, ...]
    coverage: Coverage | None = None
    suppressed: int = 0
    suppressed_findings: tuple[SuppressedFinding, ...] = ()

"""provenance: check the citations and provenance of human-rights and COI reports.

>>> import provenance
>>> doc = provenance.parse("Update to ABC12345.E of 1 May 1999 [ABC23456.E]\\n")
>>> doc.metadata.index_code.text
'ABC23456.E'
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from typing import TYPE_CHECKING

from provenance.errors import ConfigError, GrammarError, InputError, ProvenanceError

if TYPE_CHECKING:
    from provenance.auditing import Audit
    from provenance.config import Config
    from provenance.findings import Finding
    from provenance.model import Document

__version__ = "0.2.0"

__all__ = [
    "ConfigError",
    "GrammarError",
    "InputError",
    "ProvenanceError",
    "__version__",
    "audit",
    "check",
    "parse",
    "parse_file",
]


def parse(text: str, path: str | None = None) -> Document:
    """Parse the text of one report into a typed, located ``Document``."""
    from provenance.document import parse_document

    return parse_document(text, path)


def parse_file(path: str | PathLike[str], *, special_files: bool = False) -> Document:
    """Read a report file and parse it: a text file (decoded as ``provenance.source``
    documents), a PDF or a web page (read as ``provenance.formats`` documents, whatever the
    file's name). A PDF's or web page's document knows where each line was read from
    (``Document.places``).

    Raises ``InputError`` for files that cannot be read as reports (binary, empty, missing,
    encrypted or scanned PDFs...), and for a named pipe, socket or device, which would make the
    read wait without end or have effects: ``special_files=True`` reads those too (a pipe a
    program writes a report into).
    """
    from provenance.formats import document_of, read_report

    return document_of(read_report(path, regular_only=not special_files), str(path))


def check(
    document: Document, config: Config | None = None, *, apply_suppressions: bool = True
) -> list[Finding]:
    """The findings of every rule ``config`` selects (all by default), in reading order.

    As on the command line, findings that the document's own ``provenance: ignore[RULE-ID]
    reason`` directives cover are left out (``provenance.suppression``);
    ``apply_suppressions=False`` gives them too.
    """
    from provenance.checking import check as check_document

    findings = check_document(document, config)
    if not apply_suppressions:
        return findings
    from provenance.suppression import apply

    return list(apply(document.text, findings).kept)


def audit(paths: Sequence[str | PathLike[str]], config: Config | None = None) -> Audit:
    """Parse and check report files and gather what a provenance audit report shows.

    Files that cannot be read are listed in the audit's ``errors``; see
    ``provenance.auditing.write_audit`` to render it as HTML, Markdown or JSON.
    """
    from provenance.auditing import audit_paths

    return audit_paths([str(path) for path in paths], config)

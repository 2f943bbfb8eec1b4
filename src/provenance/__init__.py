"""provenance: check the citations and provenance of human-rights and COI reports.

>>> import provenance
>>> doc = provenance.parse("Update to ABC12345.E of 1 May 1999 [ABC23456.E]\\n")
>>> doc.metadata.index_code.text
'ABC23456.E'
"""

from __future__ import annotations

from os import PathLike
from typing import TYPE_CHECKING

# Imported eagerly: importing the submodule ``provenance.check`` binds the package attribute
# ``check`` to the module, which would shadow a function of that name defined here. The rule
# modules themselves still load lazily, on the first ``check``.
from provenance.check import check
from provenance.errors import ConfigError, GrammarError, InputError, ProvenanceError

if TYPE_CHECKING:
    from provenance.model import Document

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "GrammarError",
    "InputError",
    "ProvenanceError",
    "__version__",
    "check",
    "parse",
    "parse_file",
]


def parse(text: str, path: str | None = None) -> Document:
    """Parse the text of one report into a typed, located ``Document``."""
    from provenance.document import parse_document

    return parse_document(text, path)


def parse_file(path: str | PathLike[str]) -> Document:
    """Read a report file (decoding it as ``provenance.source`` documents) and parse it.

    Raises ``InputError`` for files that are not readable text (binary, empty, missing...).
    """
    from provenance.document import parse_document
    from provenance.source import read_file

    decoded = read_file(path)
    return parse_document(decoded.text, str(path), decoded.notes)

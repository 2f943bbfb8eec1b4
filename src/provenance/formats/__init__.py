"""Reports as they are published: PDF and HTML read into text the parser understands.

What a file is, is told by its first bytes, not by its name (a PDF saved as ``.txt`` is still
a PDF): ``%PDF`` makes a PDF, a leading ``<!DOCTYPE html>``, ``<html>``, ``<head>`` or
``<body>`` a web page (or any markup at the start of a file named ``.html``/``.htm``), and
everything else is text, decoded as ``provenance.source`` documents.

The readers turn what the layout tells into the text forms the rest of the library already
reads, so that a published report goes through the same segmentation as a text file:

* a superscript note call (raised and smaller in a PDF; ``<sup>`` or a link to a note in
  HTML) becomes Unicode superscript digits (``torture.¹²``), which the footnote grammar reads
  as a call;
* a note's own text (the foot of a PDF page, an HTML list of notes) becomes a block that opens
  with its number in the same form (``¹² Interview with ...``), after the running text;
* running headers, footers and page numbers are left out; headings become their own blocks.

Each line of the text keeps the place it was read from (``provenance.places``), so findings
can say ``report.pdf:p12:8``. PDF reading needs ``pip install 'provenance[pdf]'`` and HTML
reading ``pip install 'provenance[html]'``; without them such a file gets an ``InputError``
that says which extra to install.
"""

from __future__ import annotations

import os
import re
from functools import cache
from typing import TYPE_CHECKING, Final, Literal

import attrs

from provenance.errors import InputError
from provenance.places import PlaceMap
from provenance.records import shared_methods

if TYPE_CHECKING:
    from provenance.model import Document

__all__ = ["Extracted", "FileKind", "document_of", "extract", "read_report", "sniff"]

FileKind = Literal["text", "pdf", "html"]


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Extracted:
    """The text of one report, however it was published.

    ``notes`` say what was guessed, repaired or left out while reading, in words a reader
    understands; ``places`` maps each line of ``text`` to where it stands in the published file
    (None for text files, whose lines are their own).
    """

    text: str
    kind: FileKind
    notes: tuple[str, ...] = ()
    places: PlaceMap | None = attrs.field(default=None, eq=False, repr=False)
    #: The title the file's own structure gives (a web page's ``<h1>`` or ``<title>``); None
    #: where it gives none and the title is chosen from the text.
    title: str | None = None


# A PDF header may follow some junk bytes; readers look within the first kilobyte.
_PDF_WINDOW: Final = 1024
_SNIFF: Final = 4096
_BYTE_ORDER_MARK: Final = b"\xef\xbb\xbf"
#: What ``\s`` matches in a bytes pattern.
_BYTES_SPACE: Final = b" \t\n\r\f\v"


@cache
def _html_start() -> re.Pattern[bytes]:
    return re.compile(
        rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
        rb"<(?:!doctype\s+html|html|head|body)[\s>]",
        re.IGNORECASE | re.DOTALL,
    )


def _starts_as_html(head: bytes) -> bool:
    """Whether ``head`` begins as a web page does (a doctype or an ``html``, ``head`` or ``body``
    tag, after any XML declaration and comments)."""
    # The pattern matches only where "<" is the first byte after a byte order mark and white
    # space: a text report is told apart without compiling it (about 0.3 ms of a check).
    if not head.removeprefix(_BYTE_ORDER_MARK).lstrip(_BYTES_SPACE).startswith(b"<"):
        return False
    return _html_start().match(head) is not None


_HTML_SUFFIXES: Final = (".html", ".htm", ".xhtml")


def sniff(data: bytes, name: str | None = None) -> FileKind:
    """What ``data`` is, by its first bytes; ``name`` (a file name) only helps tell markup
    that starts without a doctype from text."""
    if b"%PDF-" in data[:_PDF_WINDOW]:
        return "pdf"
    head = data[:_SNIFF]
    if _starts_as_html(head):
        return "html"
    markup = head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
    if markup and name is not None and name.casefold().endswith(_HTML_SUFFIXES):
        return "html"
    return "text"


def extract(data: bytes, path: str | None = None) -> Extracted:
    """The text of a report given as bytes; ``path`` names it in errors and helps sniffing.

    Raises ``InputError`` when the bytes are empty, too many, or cannot be read as a report.
    """
    from provenance import source

    if not data:
        raise InputError("empty file", path)
    if len(data) > source.MAX_BYTES:
        raise InputError(source._too_large(len(data)), path)
    kind = sniff(data, path)
    if kind == "pdf":
        from provenance.formats.pdf import read_pdf

        return read_pdf(data, path)
    if kind == "html":
        from provenance.formats.html import read_html

        return read_html(data, path)
    decoded = source.read_bytes_as_text(data, path)
    return Extracted(decoded.text, "text", decoded.notes)


def read_report(path: str | os.PathLike[str], *, regular_only: bool = False) -> Extracted:
    """Read the report at ``path``: text, PDF or HTML, whatever its name says.

    Raises ``InputError`` naming ``path`` as ``provenance.source.read_file`` does, and when a
    PDF or web page cannot be read (encrypted, scanned, damaged, too large...).
    """
    from provenance.source import read_raw

    name = os.fspath(path)
    return extract(read_raw(name, regular_only=regular_only), name)


def document_of(extracted: Extracted, path: str | None) -> Document:
    """Parse extracted text into a ``Document`` that knows where its lines were read from."""
    from provenance.document import parse_document

    document = parse_document(extracted.text, path, extracted.notes)
    if extracted.title is not None:
        metadata = attrs.evolve(document.metadata, title=extracted.title)
        document = attrs.evolve(document, metadata=metadata)
    if extracted.places is None:
        return document
    return attrs.evolve(document, places=extracted.places)

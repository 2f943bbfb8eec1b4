"""A ``Document`` as plain JSON data: the stable output of ``provenance parse --format json``.

The contract (``schemas/document.schema.json`` is its machine-checkable form):

* Output is ``{"version": 1, "documents": [...], "errors": [...]}`` whatever the number of
  inputs, so that one reader handles one file or a folder alike. ``errors`` lists the inputs
  that could not be read (``{"path", "reason"}``).
* Lines and columns are 1-based and count characters of the decoded text after newline
  normalisation (see ``provenance.source``); ``end_line``/``end_column`` point at the last
  character, inclusive.
* Dates are ISO 8601 strings of the precision the text gives: ``1999``, ``1999-02``,
  ``1999-02-15``; a day of unknown year ``--02-15``, a bare day of the month ``---15``; a
  range ``start/end``.
* Index codes are written in their canonical form (``ASA 24/06/96``, ``KKT34458.E``,
  ``A/HRC/25/63``) under ``text``; ``written`` keeps the document's own spelling.
* A value the document does not give is ``null``, never left out: every key listed in the
  schema is always present. New keys may be added in later versions of the same ``version``;
  keys are never removed or renamed without raising ``version``.

Key order is fixed by this module (insertion order), so output is byte-for-byte stable for a
given document.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from provenance.gregorian import DAY_NAMES
from provenance.model import (
    AmnestyIndex,
    Citation,
    CrossReference,
    Date,
    DateMention,
    DateRange,
    DateValue,
    Document,
    Footnote,
    Heading,
    IndexCode,
    IndexCodeMention,
    IrbCode,
    Reference,
    Update,
    Url,
    index_code_year,
)
from provenance.render.index_codes import render_index_code
from provenance.serialize_timeline import timeline_to_dict
from provenance.span import Span

__all__ = [
    "SCHEMA_VERSION",
    "document_to_dict",
    "document_to_json",
    "documents_to_dict",
    "documents_to_json",
    "iso_text",
    "load_schema",
]

#: Version of the output contract; raised only by an incompatible change.
SCHEMA_VERSION = 1

JsonObject = dict[str, Any]


def documents_to_dict(
    documents: Iterable[Document], errors: Iterable[tuple[str | None, str]] = ()
) -> JsonObject:
    """The wrapper object for any number of documents and the inputs that failed to read."""
    return {
        "version": SCHEMA_VERSION,
        "documents": [document_to_dict(document) for document in documents],
        "errors": [{"path": path, "reason": reason} for path, reason in errors],
    }


def documents_to_json(
    documents: Iterable[Document], errors: Iterable[tuple[str | None, str]] = ()
) -> str:
    """``documents_to_dict`` as JSON text, ending in a newline."""
    return _dumps(documents_to_dict(documents, errors))


def document_to_json(document: Document) -> str:
    """One document's object (not wrapped) as JSON text, ending in a newline."""
    return _dumps(document_to_dict(document))


def document_to_dict(document: Document) -> JsonObject:
    """Everything found in ``document`` as JSON-ready data (see the module doc)."""
    references = document.references
    headings = document.headings
    return {
        "path": document.path,
        "input_notes": list(document.input_notes),
        "metadata": _metadata(document),
        "index_codes": [_index_code(mention) for mention in document.index_codes],
        "references": [_reference(reference) for reference in references],
        "citations": [_citation(citation, references) for citation in document.citations],
        "footnotes": [_footnote(footnote) for footnote in document.footnotes],
        "dates": [_date(mention) for mention in document.dates],
        "cross_references": [
            _cross_reference(xref, headings) for xref in document.cross_references
        ],
        "headings": [_heading(heading) for heading in headings],
        "urls": [_url(url) for url in document.urls],
        "timeline": timeline_to_dict(document.timeline),
    }


def load_schema() -> JsonObject:
    """The JSON Schema (draft 2020-12) of ``documents_to_dict``'s output, as shipped."""
    from importlib.resources import files

    text = files("provenance").joinpath("schemas", "document.schema.json").read_text("utf-8")
    schema: JsonObject = json.loads(text)
    return schema


# --------------------------------------------------------------------------- parts


def _dumps(data: JsonObject) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _location(span: Span) -> JsonObject:
    return {
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
    }


def _metadata(document: Document) -> JsonObject:
    metadata = document.metadata
    return {
        "index_code": _code_text(metadata.index_code.value) if metadata.index_code else None,
        "date": iso_text(metadata.date.value) if metadata.date else None,
        "title": metadata.title,
        "updates": [_update(update) for update in metadata.updates],
    }


def _update(update: Update) -> JsonObject:
    return {
        "code": _code_text(update.code),
        "date": iso_text(update.date),
        "text": update.text,
        "line": update.span.line,
        "column": update.span.column,
    }


def _index_code(mention: IndexCodeMention) -> JsonObject:
    value = mention.value
    return {
        "text": _code_text(value),
        "written": mention.text,
        "scheme": value.scheme,
        **_location(mention.span),
        "year": index_code_year(value),
        "role": mention.role,
        "parts": _code_parts(value),
    }


def _code_text(value: IndexCode) -> str:
    return render_index_code(value)


def _code_parts(value: IndexCode) -> JsonObject:
    if isinstance(value, AmnestyIndex):
        return {
            "region": value.region,
            "country": value.country,
            "number": value.number,
            "year": value.year,
        }
    if isinstance(value, IrbCode):
        return {"country": value.country, "number": value.number, "language": value.language}
    return {"parts": list(value.parts)}


def _reference(reference: Reference) -> JsonObject:
    entry = reference.entry
    return {
        **_location(reference.span),
        "section": reference.section,
        "author": entry.author,
        "title": entry.title,
        "date": iso_text(entry.date),
        "accessed": iso_text(entry.accessed),
        "url": entry.url,
        "index_code": _code_text(entry.index_code) if entry.index_code is not None else None,
        "text": reference.text,
        "kind": entry.kind,
        "place": entry.place,
        "container": entry.container,
        "volume": entry.volume,
        "issue": entry.issue,
        "pages": entry.pages,
        "note": entry.note,
        "number": reference.number,
    }


def _citation(citation: Citation, references: Sequence[Reference]) -> JsonObject:
    index = citation.reference
    resolved = index is not None and 0 <= index < len(references)
    return {
        **_location(citation.span),
        "text": citation.text,
        "kind": citation.kind,
        "author": citation.value.author,
        "date": iso_text(citation.value.date),
        "locator": citation.value.locator,
        "resolved_author": citation.resolved_author,
        "reference_index": index if resolved else None,
        "reference_line": references[index].span.line if resolved and index is not None else None,
    }


def _footnote(footnote: Footnote) -> JsonObject:
    body = footnote.body
    return {
        "number": footnote.number,
        "marker_lines": [marker.span.line for marker in footnote.markers],
        "markers": [
            {"line": m.span.line, "column": m.span.column, "style": m.style}
            for m in footnote.markers
        ],
        "body_line": body.span.line if body is not None else None,
        "text": body.text if body is not None else None,
        "recovered": body.recovered if body is not None else False,
    }


def _date(mention: DateMention) -> JsonObject:
    value = mention.value
    return {
        **_location(mention.span),
        "text": mention.text,
        "value": iso_text(value),
        "weekday": _weekday(value),
        "inferred_year": mention.inferred_year,
        "precision": _precision(value),
        "qualifier": value.qualifier if isinstance(value, Date) else value.start.qualifier,
    }


def _weekday(value: DateValue) -> str | None:
    """The weekday the text states (of a range: of its start, else of its end)."""
    if isinstance(value, DateRange):
        stated = value.start.weekday if value.start.weekday is not None else value.end.weekday
    else:
        stated = value.weekday
    return DAY_NAMES[stated] if stated is not None and 0 <= stated < 7 else None


def _precision(value: DateValue) -> str:
    if isinstance(value, DateRange):
        return "range"
    return value.precision


def _cross_reference(xref: CrossReference, headings: Sequence[Heading]) -> JsonObject:
    target = xref.target
    found = target is not None and 0 <= target < len(headings)
    return {
        **_location(xref.span),
        "text": xref.text,
        "kind": xref.kind,
        "label": xref.label,
        "target_line": (
            headings[target].span.line
            if found and target is not None
            else xref.paragraph.line
            if xref.paragraph is not None
            else None
        ),
        "checkable": xref.checkable,
        "scheme_read": xref.scheme_read,
    }


def _heading(heading: Heading) -> JsonObject:
    return {
        **_location(heading.span),
        "text": heading.text,
        "number": heading.number,
        "title": heading.title,
        "in_toc": heading.in_toc,
    }


def _url(url: Url) -> JsonObject:
    return {**_location(url.span), "text": url.text, "problem": url.problem}


def iso_text(value: DateValue | None) -> str | None:
    """ISO text of a date or range; None for no date (or one that states no day, month or year)."""
    if value is None:
        return None
    if isinstance(value, DateRange):
        start, end = _date_iso(value.start), _date_iso(value.end)
        return f"{start}/{end}" if start is not None and end is not None else start or end
    return _date_iso(value)


def _date_iso(value: Date) -> str | None:
    # ``Date.iso`` covers every date with a year or a month; a bare day of the month is ISO
    # 8601's "---DD", and a date with none of the three has no ISO form.
    if value.year is None and value.month is None:
        return f"---{value.day:02d}" if value.day is not None else None
    return value.iso()

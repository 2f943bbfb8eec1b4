"""Export a report's sources as CSL-JSON, the citation data Zotero, pandoc and citeproc read.

Each parsed reference becomes one CSL item. Organisations are written as literal names (CSL's
``{"literal": ...}``), since splitting "Human Rights Watch" into family and given names would be
wrong; dates carry only the parts the report gives.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from typing import Any

from provenance.model import Date, DateRange, Document, Reference, ReferenceEntry

_NEWS_WORDS = re.compile(
    r"\b(?:news|times|post|herald|daily|gazette|tribune|journal|press|agence|agency|reuters|"
    r"afp|associated press|xinhua|bbc|radio|television|monitor|yonhap|itar-tass|hindu)\b",
    re.IGNORECASE,
)


def _date_parts(date: Date) -> list[int] | None:
    if date.year is None:
        return None
    parts = [date.year]
    if date.month is not None:
        parts.append(date.month)
        if date.day is not None:
            parts.append(date.day)
    return parts


def _csl_date(value: Date | DateRange | None) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, DateRange):
        start, end = _date_parts(value.start), _date_parts(value.end)
        if start is None and end is None:
            return None
        if start is None or end is None:
            return {"date-parts": [start or end]}
        return {"date-parts": [start, end]}
    parts = _date_parts(value)
    return None if parts is None else {"date-parts": [parts]}


def _type(entry: ReferenceEntry) -> str:
    if entry.kind == "correspondence":
        return "personal_communication"
    if entry.index_code is not None or entry.kind in ("un-short", "irb-attachment"):
        return "report"
    if entry.author and _NEWS_WORDS.search(entry.author) and entry.title:
        return "article-newspaper"
    if entry.url and not entry.container:
        return "webpage"
    return "document"


def _item_id(document: Document, position: int) -> str:
    seed = f"{document.path or ''}\0{document.metadata.title or ''}"
    stem = hashlib.sha256(seed.encode("utf-8")).hexdigest()[:8]
    return f"provenance-{stem}-{position + 1}"


def reference_to_csl(reference: Reference, item_id: str) -> dict[str, Any]:
    """One CSL-JSON item for one reference."""
    entry = reference.entry
    item: dict[str, Any] = {"id": item_id, "type": _type(entry)}
    if entry.author:
        item["author"] = [{"literal": entry.author}]
    if entry.title:
        item["title"] = entry.title
    elif entry.author and entry.kind == "name-only":
        item["title"] = entry.author
    issued = _csl_date(entry.date)
    if issued is not None:
        item["issued"] = issued
    accessed = _csl_date(entry.accessed)
    if accessed is not None:
        item["accessed"] = accessed
    for key, value in (
        ("URL", entry.url),
        ("container-title", entry.container),
        ("volume", entry.volume),
        ("issue", entry.issue),
        ("page", entry.pages),
        ("publisher-place", entry.place),
    ):
        if value:
            item[key] = value
    if entry.index_code is not None:
        from provenance.render.index_codes import render_index_code

        item["number"] = render_index_code(entry.index_code)
    notes = [note for note in (entry.note,) if note]
    if reference.number is not None:
        notes.append(f"footnote {reference.number}")
    notes.append(f"line {reference.span.line}; listed under {reference.section}")
    item["note"] = "; ".join(notes)
    item["source"] = " ".join(reference.text.split())[:2000]
    return item


def document_to_csl(document: Document) -> list[dict[str, Any]]:
    """The document's references as CSL-JSON items, in document order, with stable ids."""
    return [
        reference_to_csl(reference, _item_id(document, position))
        for position, reference in enumerate(document.references)
    ]


def documents_to_csl_json(documents: Sequence[Document]) -> str:
    items = [item for document in documents for item in document_to_csl(document)]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"

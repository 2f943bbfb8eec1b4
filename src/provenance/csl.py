"""Export a report's sources as CSL-JSON, the citation data Zotero, pandoc and citeproc read.

Every source the parser structured becomes one CSL item, in document order: entries of the
reference, attachment and additional-source lists, and footnote bodies that cite a source.
Footnotes that only say ``Ibid.`` (their source is the item before) and list headings such as
"Internet sites including:" are not sources and are left out. Nothing is guessed beyond what
the parsed ``ReferenceEntry`` says; the mapping:

``id``
    ``<slug>-<hash>-<n>``: the document's file name as a slug, eight hex digits of a hash of
    its path (else its title, else its text), and the 1-based position of the reference in
    ``Document.references``. The same document always gives the same ids, and documents with
    the same file name in different folders do not collide.
``type``
    ``personal_communication`` for correspondence (letters, faxes, e-mails, interviews);
    ``report`` for an entry with an Amnesty, IRB or UN index code, and for UN short-form
    citations; ``article-newspaper`` for a dated article of a newspaper, broadcaster or news
    agency (its name says so, or it is dated to the day and paged); ``article-journal`` for an
    article with a volume or issue; ``webpage`` for an item located only by a URL;
    ``document`` otherwise.
``author``
    ``{"literal": name}``, so that "Human Rights Watch" is never split into names; an inverted
    personal name ("Oka, Natsuko", in the styles whose grammar reads one) becomes
    ``{"family", "given"}``.
``title``, ``genre``
    The title; for correspondence the entry's "title" is its kind ("Fax", "Letter"), which is
    CSL's ``genre``.
``issued``, ``accessed``
    ``date-parts`` with only the parts the report gives (``[[1999, 2]]``); a range gives two.
``number``, ``publisher``
    The index code in canonical form; the body that issues that numbering scheme.
``page``
    An item's own page range (in a source list, or inside a named periodical). A footnote's
    pinpoint ("para. 16", "p. 5" of a cited report) describes the citation, not the item, and
    goes to ``note``.
``container-title``, ``volume``, ``issue``, ``publisher-place``, ``URL``
    As parsed (for correspondence, the "container" is the writer's affiliation: ``note``).
``note``
    What the entry says that no CSL field holds: retrieval notes, lead-in prose, "See also ...".
``custom``
    ``{"provenance": {...}}``: where the entry stands in the report (path, line, section,
    footnote number), the style it was read as, and its text, so that an item can be traced.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from provenance.model import (
    AmnestyIndex,
    Date,
    DateRange,
    DateValue,
    Document,
    IndexCode,
    IrbCode,
    Reference,
    ReferenceEntry,
)
from provenance.parsers.references import inverted_name
from provenance.render.index_codes import render_index_code

__all__ = ["document_to_csl", "documents_to_csl_json", "reference_to_csl"]

CslItem = dict[str, Any]

#: Entry kinds that are not sources of their own: skipped by ``document_to_csl``.
NOT_SOURCES = frozenset({"ibid", "label", "unstructured", "prose"})

# Words that name a newspaper, broadcaster or news agency. This classifies a name the grammar
# has already read as the author or periodical; it finds nothing in the text itself.
_NEWS_NAME = re.compile(
    r"\b(?:news|newspapers?|times|post(?!-)|herald|daily|gazette|tribune|chronicle|telegraph|"
    r"courier|dispatch|(?<!university )press|agence|newswire|wire service|broadcasting|"
    r"radio|television|tv|bbc|reuters|afp|xinhua|kyodo|yonhap|interfax|tass|irna|efe|dpa|"
    r"ips)\b",
    re.IGNORECASE,
)
# Kinds whose grammar puts a comma in the author only for an inverted personal name.
_INVERTED_NAME_KINDS = frozenset({"correspondence", "irb-attachment"})
# Page numbers as an item's page range: "5", "14-15", "xii", "3, 7-9", "2(b)".
_PAGE = r"(?:[0-9]+[a-z]?(?:\([a-z0-9]+\))?|[ivxlcdm]+)"
_PAGES = re.compile(rf"{_PAGE}(?:\s*[-–]\s*{_PAGE})?(?:\s*,\s*{_PAGE}(?:\s*[-–]\s*{_PAGE})?)*")
_SLUG_BREAK = re.compile(r"[^a-z0-9_]+")

# --------------------------------------------------------------------------- dates


def _date_parts(date: Date) -> list[int] | None:
    """``[y]``, ``[y, m]`` or ``[y, m, d]``: the parts the text gives that the calendar has."""
    if date.year is None:
        return None
    parts = [date.year]
    if date.month is not None and 1 <= date.month <= 12:
        parts.append(date.month)
        if date.day is not None and date.is_valid():
            parts.append(date.day)
    return parts


def _csl_date(value: DateValue | None) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, DateRange):
        ends = [parts for parts in map(_date_parts, (value.start, value.end)) if parts]
        if not ends:
            return None
        if len(ends) == 2 and ends[0] == ends[1]:
            ends = ends[:1]
        return {"date-parts": ends}
    parts = _date_parts(value)
    return None if parts is None else {"date-parts": [parts]}


# --------------------------------------------------------------------------- fields


def _is_news(entry: ReferenceEntry) -> bool:
    if not entry.title:
        return False
    names = " ".join(name for name in (entry.author, entry.container) if name)
    if names and _NEWS_NAME.search(names):
        return True
    # A titled piece of a named publication, dated to the day and paged, is a newspaper's.
    dated_to_the_day = isinstance(entry.date, Date) and entry.date.precision == "day"
    return bool(names) and dated_to_the_day and _is_page_range(entry.pages)


def _csl_type(entry: ReferenceEntry) -> str:
    if entry.kind == "correspondence":
        return "personal_communication"
    if entry.index_code is not None or entry.kind == "un-short":
        return "report"
    if _is_news(entry):
        return "article-newspaper"
    if entry.title and (entry.volume or entry.issue):
        return "article-journal"
    if entry.url and not entry.container:
        return "webpage"
    return "document"


def _is_page_range(pages: str | None) -> bool:
    return pages is not None and _PAGES.fullmatch(pages.strip().lower()) is not None


def _author(entry: ReferenceEntry) -> list[dict[str, str]] | None:
    name = " ".join(entry.author.split()) if entry.author else ""
    # "_____" stands for the author of the entry above; it is no name.
    if not name.strip("_ "):
        return None
    if entry.kind in _INVERTED_NAME_KINDS:
        person = inverted_name(name)
        if person is not None:
            return [{"family": person[0], "given": person[1]}]
    return [{"literal": name}]


def _pinpoint(pages: str) -> str:
    # "p."/"pp." locators keep only their numbers in the model; other labels are kept.
    if _is_page_range(pages):
        return f"pp. {pages}" if re.search(r"[-–,]", pages) else f"p. {pages}"
    return pages


def _join(parts: list[str]) -> str:
    """Note parts as one text: "; " between them unless a part already ends a sentence."""
    text = parts[0]
    for part in parts[1:]:
        text += (" " if text.endswith((".", ";", ":", "!", "?")) else "; ") + part
    return text


def _issuer(code: IndexCode) -> str:
    if isinstance(code, AmnestyIndex):
        return "Amnesty International"
    if isinstance(code, IrbCode):
        return "Immigration and Refugee Board of Canada"
    return "United Nations"


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    collapsed = " ".join(value.split())
    return collapsed or None


def reference_to_csl(reference: Reference, item_id: str, path: str | None = None) -> CslItem:
    """The CSL-JSON item of one reference (``path``: the document's, for ``custom``)."""
    entry = reference.entry
    item_type = _csl_type(entry)
    item: CslItem = {"id": item_id, "type": item_type}
    notes: list[str] = []

    author = _author(entry)
    if author is not None:
        item["author"] = author
    title = _text(entry.title)
    if title is not None:
        item["genre" if item_type == "personal_communication" else "title"] = title
    issued = _csl_date(entry.date)
    if issued is not None:
        item["issued"] = issued
    accessed = _csl_date(entry.accessed)
    if accessed is not None:
        item["accessed"] = accessed

    container = _text(entry.container)
    if container is not None:
        if item_type == "personal_communication":
            notes.append(container)
        else:
            item["container-title"] = container
    for key, value in (
        ("volume", entry.volume),
        ("issue", entry.issue),
        ("publisher-place", entry.place),
    ):
        text = _text(value)
        if text is not None:
            item[key] = text
    if entry.index_code is not None:
        number = _text(render_index_code(entry.index_code))
        if number is not None:
            item["number"] = number
        item["publisher"] = _issuer(entry.index_code)

    pages = _text(entry.pages)
    if pages is not None:
        own_pages = reference.section != "footnote" or container is not None
        if own_pages and _is_page_range(pages) and item_type != "personal_communication":
            item["page"] = pages
        else:
            notes.append(f"cited at {_pinpoint(pages)}")
    url = _text(entry.url)
    if url is not None:
        item["URL"] = url
    note = _text(entry.note)
    if note is not None:
        notes.insert(1 if item_type == "personal_communication" and container else 0, note)
    if notes:
        item["note"] = _join(notes)

    where: dict[str, Any] = {
        "path": path,
        "line": reference.span.line,
        "section": reference.section,
    }
    if reference.number is not None:
        where["footnote"] = reference.number
    where["style"] = entry.kind
    where["text"] = " ".join(reference.text.split())
    item["custom"] = {"provenance": where}
    return item


# --------------------------------------------------------------------------- documents


def _id_stem(document: Document) -> str:
    name = PurePath(document.path).stem if document.path else document.metadata.title or ""
    slug = _SLUG_BREAK.sub("-", name.lower()).strip("-")[:40].strip("-") or "document"
    if document.path:
        seed = f"path\0{document.path}"
    elif document.metadata.title:
        seed = f"title\0{document.metadata.title}"
    else:
        seed = f"text\0{document.text}"
    digest = hashlib.sha256(seed.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{slug}-{digest}"


def document_to_csl(document: Document) -> list[CslItem]:
    """The document's sources as CSL-JSON items, in document order, with stable ids."""
    stem = _id_stem(document)
    return [
        reference_to_csl(reference, f"{stem}-{position}", document.path)
        for position, reference in enumerate(document.references, start=1)
        if reference.entry.kind not in NOT_SOURCES
    ]


def documents_to_csl_json(documents: Sequence[Document]) -> str:
    """One JSON array of the items of all ``documents``, ending in a newline.

    Ids are unique across the array: two documents with the same path (or, without one, the
    same title or text) would repeat theirs, so a repeat gets a ``~2``, ``~3``... suffix.
    """
    items: list[CslItem] = []
    seen: dict[str, int] = {}
    for document in documents:
        for item in document_to_csl(document):
            base = item["id"]
            count = seen.get(base, 0) + 1
            seen[base] = count
            if count > 1:
                item["id"] = f"{base}~{count}"
            items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"

"""Export a report's sources as CSL-JSON, the citation data Zotero, pandoc and citeproc read.

Every source the parser structured becomes one CSL item, in document order: entries of the
reference, attachment and additional-source lists, and footnote bodies that cite a source.
Footnotes that only say ``Ibid.`` (their source is the item before) and list headings such as
"Internet sites including:" are not sources and are left out. Nothing is guessed beyond what
the parsed ``ReferenceEntry`` says; the mapping:

``id``
    A readable key made from the item itself, as reference managers make citation keys: up to
    three words of the author (else the issuing body), the year (``nd`` without one) and the
    first word of the title (else the whole index code), as a slug without accents or words
    such as "the" and "of": ``amnesty-international-2005-annual``,
    ``committee-against-torture-nd-cat-c-lka-co-2``.
    Nothing of the file's path goes in, so ``[@key]`` citations keep working however the path
    was typed (``seeds/x``, ``./seeds/x``, absolute). Items that would share a key get ``-2``,
    ``-3``... in document order.
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
    ``{"family", "given"}``. An entry with an index code and no author is by the body that
    issued it: Amnesty International, the IRB, or the UN organ its symbol names ("CAT/..." the
    Committee against Torture), since that is how such documents are cited.
``title``, ``genre``
    The title; for correspondence the entry's "title" is its kind ("Fax", "Letter"), which is
    CSL's ``genre``. An untitled entry whose "author" reads as a title (it holds a year, a
    colon or words such as "Report"; "Country Reports for Human Rights Practices for 1999")
    has it as its title. An untitled entry with an index code is titled by the code with its
    label (``UN Doc. CAT/C/SVN/CO/3``), as citation styles print no number without a title.
``issued``, ``accessed``
    ``date-parts`` with only the parts the report gives (``[[1999, 2]]``); a range gives two.
    An entry without a date whose index code carries a year (``E/CN.4/2004/9``,
    ``ASA 24/12/95``) is issued in that year.
``number``, ``publisher``
    The index code in canonical form (left out where it is the title); the body that issues
    that numbering scheme.
``page``
    An item's own page range (in a source list, or inside a named periodical). A footnote's
    pinpoint ("para. 16", "p. 5" of a cited report) describes the citation, not the item, and
    goes to ``note``.
``container-title``, ``volume``, ``issue``, ``publisher-place``
    As parsed (for correspondence, the "container" is the writer's affiliation: ``note``).
``URL``
    As parsed; where the document's web-address reading (``Document.urls``, which joins an
    address hard-wrapped onto the next line) found a longer address at the same place, that.
``note``
    What the entry says that no CSL field holds: retrieval notes, lead-in prose, "See also ...".
``custom``
    ``{"provenance": {...}}``: where the entry stands in the report (path, line, section,
    footnote number), the index code as read, the style it was read as, and its text, so that
    an item can be traced.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

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
    UnSymbol,
    Url,
)
from provenance.parsers.references import DITTO_MARK, inverted_name
from provenance.regex_store import lazy_compile
from provenance.render.index_codes import render_index_code

__all__ = ["document_to_csl", "documents_to_csl_json", "item_key", "reference_to_csl"]

CslItem = dict[str, Any]

#: Entry kinds that are not sources of their own: skipped by ``document_to_csl``.
NOT_SOURCES = frozenset({"ibid", "label", "unstructured", "prose"})

# Words that name a newspaper, broadcaster or news agency. This classifies a name the grammar
# has already read as the author or periodical; it finds nothing in the text itself.
_NEWS_NAME = lazy_compile(
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
_PAGES = lazy_compile(rf"{_PAGE}(?:\s*[-–]\s*{_PAGE})?(?:\s*,\s*{_PAGE}(?:\s*[-–]\s*{_PAGE})?)*")
_SLUG_BREAK = lazy_compile(r"[\W_]+")
# An "author" that is a title: a colon before a subtitle, a year, or a word that names a kind of
# publication rather than a body ("Reporters Without Borders" is a body: whole words only).
_TITLE_LIKE = lazy_compile(
    r":\s|\b(?:1[89]|20)[0-9]{2}\b|\b(?:reports?|yearbook|country file|handbook|survey)\b",
    re.IGNORECASE,
)
# Entry kinds whose author is a body or person by definition, never a title.
_BODY_KINDS = frozenset({"correspondence", "legend"})
# Words a key skips at the start of a title.
_KEY_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "on",
        "in",
        "and",
        "to",
        "for",
        "at",
        "by",
        "from",
        "with",
        "la",
        "le",
        "les",
        "el",
        "los",
        "las",
        "der",
        "die",
        "das",
    ]
)
# Organs of the United Nations by the first parts of their document symbols, most specific
# first (the UN's own series symbols: "CAT/" the Committee against Torture, "E/CN.4/" the
# Commission on Human Rights).
_UN_ORGANS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("A", "HRC"), "Human Rights Council"),
    (("E", "CN.4"), "Commission on Human Rights"),
    (("E", "C.12"), "Committee on Economic, Social and Cultural Rights"),
    (("CAT", "OP"), "Subcommittee on Prevention of Torture"),
    (("CAT",), "Committee against Torture"),
    (("CCPR",), "Human Rights Committee"),
    (("CERD",), "Committee on the Elimination of Racial Discrimination"),
    (("CEDAW",), "Committee on the Elimination of Discrimination against Women"),
    (("CRC",), "Committee on the Rights of the Child"),
    (("CRPD",), "Committee on the Rights of Persons with Disabilities"),
    (("CMW",), "Committee on Migrant Workers"),
    (("CED",), "Committee on Enforced Disappearances"),
    (("A",), "General Assembly"),
    (("S",), "Security Council"),
    (("E",), "Economic and Social Council"),
)

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
    # A ditto stands for the author of the entry above; it is no name.
    if not name or name == DITTO_MARK:
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


def _code_body(code: IndexCode) -> str:
    """The body that wrote a document with ``code``: for the UN, the organ its symbol names."""
    if isinstance(code, UnSymbol):
        parts = tuple(part.upper() for part in code.parts)
        for prefix, organ in _UN_ORGANS:
            if parts[: len(prefix)] == prefix and len(parts) > len(prefix):
                return organ
    return _issuer(code)


def _code_year(code: IndexCode) -> int | None:
    """The year an index code carries (never a resolution number: S/RES/2012 is no year)."""
    if isinstance(code, AmnestyIndex):
        return code.year
    if isinstance(code, UnSymbol):
        for position, part in enumerate(code.parts):
            if len(part) == 4 and part.isdigit() and 1946 <= int(part) <= 2100:
                if position > 0 and code.parts[position - 1].upper().endswith("RES"):
                    continue
                return int(part)
    return None


def _code_title(code: IndexCode) -> str | None:
    try:
        return _text(render_index_code(code, label=not isinstance(code, IrbCode)))
    except ValueError:
        return _text(render_index_code(code))


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
    title = _text(entry.title)
    code = entry.index_code
    # A legend entry ("JS1 Joint submission 1 submitted by: ...") names a body by definition.
    if title is None and author is not None and entry.kind not in _BODY_KINDS:
        name = author[0].get("literal", "")
        if len(author) == 1 and _TITLE_LIKE.search(name):
            title, author = name, None
    code_title = None
    if code is not None and item_type == "report":
        if author is None:
            author = [{"literal": _code_body(code)}]
        if title is None:
            title = code_title = _code_title(code)
    if author is not None:
        # Names an editors' mark follows edited the work ("Winter, A. (Eds.). (2020).").
        item["editor" if entry.edited else "author"] = author
    if title is not None:
        item["genre" if item_type == "personal_communication" else "title"] = title
    issued = _csl_date(entry.date)
    if issued is None and code is not None:
        year = _code_year(code)
        if year is not None:
            issued = {"date-parts": [[year]]}
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
    if code is not None:
        number = _text(render_index_code(code))
        if number is not None and code_title is None:
            item["number"] = number
        item["publisher"] = _issuer(code)

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
    if code is not None:
        where["code"] = render_index_code(code)
    where["style"] = entry.kind
    where["text"] = " ".join(reference.text.split())
    item["custom"] = {"provenance": where}
    return item


# --------------------------------------------------------------------------- documents


def _slug(text: str, words: int, skip: frozenset[str] = frozenset()) -> str:
    """``text`` as at most ``words`` lower-case words joined by "-", accents dropped, words in
    ``skip`` left out."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    kept = [word for word in _SLUG_BREAK.split(plain) if word and word not in skip]
    return "-".join(kept[:words])


def _key_name(item: CslItem) -> str:
    for name in item.get("author") or item.get("editor", ()):
        slug = _slug(name.get("family") or name.get("literal", ""), 3, _KEY_STOP_WORDS)
        if slug:
            return slug
    for field in ("publisher", "container-title"):
        slug = _slug(item.get(field, ""), 3, _KEY_STOP_WORDS)
        if slug:
            return slug
    return ""


def _key_word(item: CslItem) -> str:
    code = item.get("custom", {}).get("provenance", {}).get("code")
    title = item.get("title") or item.get("genre") or ""
    if code and (not title or title.endswith(code)):
        # A document known by its code ("UN Doc. CAT/C/SVN/CO/3") is keyed by the whole code.
        return _slug(code, 8)
    # Initials ("S. Korean Authorities") say little: the first longer word.
    words = _slug(title, 12, _KEY_STOP_WORDS).split("-")
    word = next((w for w in words if len(w) > 1 or w.isdigit()), words[0])
    if word:
        return word
    # An item known only by its address: its host ("hrw-org").
    host = re.sub(r"^(?:[a-z][a-z0-9+.-]*:)?/*(?:www\.)?", "", item.get("URL", ""), flags=re.I)
    return _slug(host.split("/")[0], 4)


def item_key(item: CslItem) -> str:
    """The readable key of a CSL item: author or body, year, first significant title word."""
    issued = item.get("issued", {}).get("date-parts", [])
    year = str(issued[0][0]) if issued and issued[0] else "nd"
    return "-".join(part for part in (_key_name(item), year, _key_word(item)) if part)


def _assign_ids(items: Iterable[CslItem]) -> None:
    """Give each item its key, with "-2", "-3"... where an earlier item has it."""
    taken: set[str] = set()
    next_suffix: dict[str, int] = {}
    for item in items:
        base = item_key(item)
        suffix = next_suffix.get(base, 1)
        key = base if suffix == 1 else f"{base}-{suffix}"
        while key in taken:  # "x-2" may be another item's own key
            suffix += 1
            key = f"{base}-{suffix}"
        next_suffix[base] = suffix + 1
        taken.add(key)
        item["id"] = key


def _joined_url(reference: Reference, urls: Sequence[Url], starts: Sequence[int]) -> str | None:
    """The address of a wrapped URL in the entry, where the document's reading of it is longer
    than the entry's (the entry's grammar stops at a line break the URL grammar joins)."""
    url = reference.entry.url
    if not url:
        return None
    span = reference.span
    position = bisect_left(starts, span.start)
    while position < len(urls) and urls[position].span.start < span.end:
        mention = urls[position]
        position += 1
        if mention.problem is not None or mention.span.end > span.end:
            continue
        joined = "".join(mention.text.split())
        if joined != url and joined.startswith(url):
            return joined
    return None


def document_to_csl(document: Document) -> list[CslItem]:
    """The document's sources as CSL-JSON items, in document order, with readable ids."""
    urls = document.urls
    starts = [url.span.start for url in urls]
    items = []
    for reference in document.references:
        if reference.entry.kind in NOT_SOURCES:
            continue
        joined = _joined_url(reference, urls, starts)
        if joined is not None:
            reference = attrs.evolve(reference, entry=attrs.evolve(reference.entry, url=joined))
        items.append(reference_to_csl(reference, "", document.path))
    _assign_ids(items)
    return items


def documents_to_csl_json(documents: Sequence[Document]) -> str:
    """One JSON array of the items of all ``documents``, ending in a newline.

    Ids are unique across the array: an item whose key an earlier item (of this document or an
    earlier one) has gets a ``-2``, ``-3``... suffix.
    """
    items = [item for document in documents for item in document_to_csl(document)]
    _assign_ids(items)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"

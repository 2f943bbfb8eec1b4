"""Reference entries back to text: the inverse of ``provenance.parsers.references``.

``render_reference(entry, style)`` writes an entry in one of the styles the reference grammar
reads, so that ``parse_reference(render_reference(entry, style), section_for(style)) == entry``
for every entry the style can express. The style defaults to the entry's ``kind``:

``irb``
    ``Source [Place]. Date. Vol. V, No. N. Item author. "Title." (AI Index: ...) URL [Accessed
    date] (Note)``. With a container the container is written first (the periodical) and the
    author after it: between the date and the quoted title when there is a title, else between
    the container and the date. A non-numeric issue is a wire cycle, written alone ("BC Cycle.").
``correspondence``
    Without a title: ``Author, Container [Place]. Date. Note`` (the note starts with the kind of
    correspondence: "Correspondence sent to ..."). With a title (the kind: "Fax", "Letter"):
    ``Title from Author, Container to ..., Date, p. N, available from URL.`` where a note
    beginning with "to " names the recipient.
``irb-attachment``
    ``Title, Publisher, Date, p. N.``; with a personal author (``Family, Given``) first:
    ``Family, Given, Title, Container, Date.``
``footnote``
    ``Lead-in *Title* (AI Index: code), issued in Date.``, or ``Author, "Title", published in
    Date.`` when there is an author and no index code.
``un-short`` / ``ibid``
    ``Name, Title, locator, Date. Note`` / ``SYMBOL, locator. Note`` / ``Ibid., locator. Note``.
``author-year``
    ``Author (Year). "Title." Container. URL (accessed Date)``; a date with a month is written
    in the brackets (``(2019, 4 December)``). The bracketed year keeps the entry from reading as
    IRB style (``Author. 2019. "Title."`` reads so, with the same fields).
``author-title``
    ``Author. "Title." Container, Year. URL (accessed Date)``: the year at the end (Chicago,
    MLA), the container optional.
``comma-note``
    ``Author, "Title", Date. URL (accessed Date)``: comma-separated, as UK government and NGO
    notes write sources; the date may be ``no date``.
``comma-plain``
    ``[Author, ]Title, Date. [URL.] [Accessed: Date]``: a comma note with its title unquoted, as
    UK Home Office notes list sources (read back as kind ``comma-note``); the author may be left
    out (an entry under its author's heading), the date may be ``no date``. A style only, not
    a kind: ``REFERENCE_STYLES`` lists the kinds.
``web``
    ``Author. Title. URL (accessed Date)``, the author and title optional.
``title-first``
    ``"Title". Work. Date. URL (accessed Date)``, the date and address optional.
``name-only`` / ``label``
    The author / the note, as written.

What a style cannot express raises ``ValueError`` (a field it has no place for, a date range the
reference grammar does not read, text that would read back as structure).
"""

from __future__ import annotations

from provenance.model import AmnestyIndex, Date, DateValue, ReferenceEntry
from provenance.render.dates import FULL_MONTHS
from provenance.render.index_codes import render_index_code

__all__ = [
    "REFERENCE_STYLES",
    "render_reference",
    "render_reference_date",
    "section_for",
]

REFERENCE_STYLES: tuple[str, ...] = (
    "irb",
    "correspondence",
    "irb-attachment",
    "footnote",
    "un-short",
    "ibid",
    "author-year",
    "author-title",
    "comma-note",
    "web",
    "title-first",
    "name-only",
    "label",
)


def section_for(style: str) -> str:
    """The section whose style order reads ``style`` back: footnote styles, an attachment list
    (where "Title, Publisher, Date." is read title first), or a list."""
    if style in ("footnote", "un-short", "ibid"):
        return "footnote"
    return "attachment" if style == "irb-attachment" else "references"


# --------------------------------------------------------------------------- dates


def _check(date: Date, precision: str | None = None) -> None:
    if date.year is None or date.weekday is not None or date.qualifier is not None:
        raise ValueError(f"a reference date needs a year and no weekday or qualifier: {date!r}")
    if date.month is not None and not 1 <= date.month <= 12:
        raise ValueError(f"no such month: {date!r}")
    if date.day is not None and (date.month is None or not 1 <= date.day <= 31):
        raise ValueError(f"no such day: {date!r}")
    if not 1600 <= date.year <= 2099:
        raise ValueError(f"year outside 1600-2099: {date!r}")
    if precision is not None and date.precision != precision:
        raise ValueError(f"both ends of a range need the same precision: {date!r}")


def _single(date: Date) -> str:
    _check(date)
    if date.month is None:
        return f"{date.year}"
    month = FULL_MONTHS[date.month - 1]
    if date.day is None:
        return f"{month} {date.year}"
    return f"{date.day} {month} {date.year}"


def render_reference_date(value: DateValue) -> str:
    """A date as the reference grammar reads it: ``15 May 2000``, ``February 1999``, ``2000``,
    ``1999-2000``, ``1999/2000``, ``September/October 1999``, ``24-26 May 2002``."""
    if isinstance(value, Date):
        return _single(value)
    start, end = value.start, value.end
    _check(start)
    _check(end, start.precision)
    sign = "/" if value.joiner == "alternative" else "-"
    if start.precision == "year":
        return f"{start.year}{sign}{end.year}"
    if start.year != end.year:
        raise ValueError(f"a range of months or days must stay within one year: {value!r}")
    assert start.month is not None and end.month is not None
    if start.precision == "month":
        return f"{FULL_MONTHS[start.month - 1]}{sign}{FULL_MONTHS[end.month - 1]} {start.year}"
    if start.month != end.month or value.joiner != "range":
        raise ValueError(f"a range of days must stay within one month: {value!r}")
    return f"{start.day}-{end.day} {FULL_MONTHS[start.month - 1]} {start.year}"


# --------------------------------------------------------------------------- pieces


def _pages(pages: str) -> str:
    """``14-15`` -> ``pp. 14-15``, ``5`` -> ``p. 5``; a labelled locator stays as it is."""
    if pages[:1].isdigit() or pages[:1] == "(":
        plural = any(mark in pages for mark in ("-", "–", ",", " and ", "&"))
        return f"{'pp.' if plural else 'p.'} {pages}"
    return pages


def _quoted(title: str) -> str:
    """IRB/US style: the full stop inside the quotes, unless the title ends in ? or !."""
    return f'"{title}"' if title[-1:] in "?!" else f'"{title}."'


def _code(entry: ReferenceEntry) -> str:
    assert entry.index_code is not None
    return render_index_code(entry.index_code)


def _unused(entry: ReferenceEntry, style: str, *names: str) -> None:
    for name in names:
        if getattr(entry, name) is not None:
            raise ValueError(f"style {style!r} has no place for {name}: {entry!r}")


def _need(entry: ReferenceEntry, style: str, *names: str) -> None:
    for name in names:
        if getattr(entry, name) is None:
            raise ValueError(f"style {style!r} needs {name}: {entry!r}")


# --------------------------------------------------------------------------- styles


def _irb(entry: ReferenceEntry) -> str:
    _need(entry, "irb", "author", "date")
    assert entry.author is not None and entry.date is not None
    if entry.index_code is not None and not isinstance(entry.index_code, AmnestyIndex):
        raise ValueError("an IRB entry cites only Amnesty index codes in brackets")
    if entry.pages is not None and entry.title is None:
        raise ValueError("pages follow a quoted title")
    place = f" [{entry.place}]" if entry.place else ""
    parts: list[str] = []
    item: str | None = None
    if entry.container is not None:
        first, _, second = entry.container.partition(". ")
        if entry.title is not None:
            parts.append(f"{entry.container}{place}.")
            item = entry.author
        elif second:
            raise ValueError("a two-part container needs a title after the author")
        else:
            parts.append(f"{first}{place}. {entry.author}.")
    else:
        parts.append(f"{entry.author}{place}.")
    parts.append(f"{render_reference_date(entry.date)}.")
    numeric_issue = entry.issue is not None and entry.issue[:1].isdigit()
    if entry.volume is not None:
        parts.append(
            f"Vol. {entry.volume}, No. {entry.issue}." if numeric_issue else f"Vol. {entry.volume}."
        )
    elif numeric_issue:
        parts.append(f"No. {entry.issue}.")
    if entry.issue is not None and not numeric_issue:
        if entry.volume is not None:
            raise ValueError("a wire cycle has no volume")
        parts.append(f"{entry.issue}.")
    if item is not None:
        parts.append(f"{item}.")
    if entry.title is not None:
        if entry.pages is not None:
            parts.append(f'"{entry.title}," {_pages(entry.pages)}.')
        else:
            parts.append(_quoted(entry.title))
    if entry.index_code is not None:
        parts.append(f"(AI Index: {_code(entry)})")
    if entry.url is not None:
        parts.append(entry.url)
    if entry.accessed is not None:
        parts.append(f"[Accessed {render_reference_date(entry.accessed)}]")
    if entry.note is not None:
        parts.append(f"({entry.note})")
    return " ".join(parts)


def _correspondence(entry: ReferenceEntry) -> str:
    _need(entry, "correspondence", "date")
    assert entry.date is not None
    date = render_reference_date(entry.date)
    if entry.title is None:
        _need(entry, "correspondence", "author", "note")
        _unused(
            entry, "correspondence", "pages", "url", "volume", "issue", "accessed", "index_code"
        )
        who = entry.author if entry.container is None else f"{entry.author}, {entry.container}"
        place = f" [{entry.place}]" if entry.place else ""
        return f"{who}{place}. {date}. {entry.note}"
    _unused(entry, "correspondence", "place", "volume", "issue", "accessed", "index_code")
    text = entry.title
    if entry.author is not None:
        verb = (
            "with"
            if any(w in entry.title.lower() for w in ("interview", "conversation", "meeting"))
            else "from"
        )
        text += f" {verb} {entry.author}"
        if entry.container is not None:
            text += f", {entry.container}"
    elif entry.container is not None:
        raise ValueError("a container needs an author")
    recipient = entry.note is not None and entry.note.startswith("to ")
    if recipient:
        if entry.author is None:
            raise ValueError("a recipient needs a sender")
        text += f" {entry.note}"
    text += f", {date}"
    if entry.pages is not None:
        text += f", {_pages(entry.pages)}"
    if entry.url is not None:
        text += f", available from {entry.url}"
    text += "."
    if entry.note is not None and not recipient:
        text += f" {entry.note}"
    return text


def _attachment(entry: ReferenceEntry) -> str:
    _need(entry, "irb-attachment", "date")
    _unused(
        entry, "irb-attachment", "place", "volume", "issue", "url", "accessed", "index_code", "note"
    )
    assert entry.date is not None
    items: list[str] = []
    if entry.container is not None:
        _need(entry, "irb-attachment", "author")
        assert entry.author is not None
        items.append(entry.author)
        if entry.title is not None:
            items.append(entry.title)
        items.append(entry.container)
    else:
        if entry.author is not None and "," in entry.author and entry.title is not None:
            raise ValueError("a personal author with a title needs a container (the publisher)")
        if entry.title is not None:
            items.append(entry.title)
        if entry.author is not None:
            items.append(entry.author)
    if not items:
        raise ValueError("an attachment entry names a publisher or an author")
    items.append(render_reference_date(entry.date))
    if entry.pages is not None:
        items.append(_pages(entry.pages))
    return ", ".join(items) + "."


def _footnote(entry: ReferenceEntry) -> str:
    _unused(entry, "footnote", "place", "container", "volume", "issue", "pages", "url", "accessed")
    when = f", issued in {render_reference_date(entry.date)}" if entry.date is not None else ""
    if entry.index_code is not None:
        if not isinstance(entry.index_code, AmnestyIndex):
            raise ValueError("footnote style cites Amnesty index codes")
        if entry.author is not None and entry.note is not None:
            raise ValueError("a footnote lead-in is either an author or a note")
        lead = f"{entry.author}," if entry.author is not None else entry.note
        title = f"*{entry.title}* " if entry.title is not None else ""
        body = f"{title}(AI Index: {_code(entry)}){when}."
        return f"{lead} {body}" if lead else body
    _need(entry, "footnote", "title", "date")
    assert entry.date is not None
    if entry.author is not None:
        _unused(entry, "footnote", "note")
        return f'{entry.author}, "{entry.title}", published in {render_reference_date(entry.date)}.'
    lead = f"{entry.note} " if entry.note is not None else ""
    return f"{lead}*{entry.title}*{when}."


def _short(entry: ReferenceEntry, style: str) -> str:
    _unused(entry, style, "place", "container", "volume", "issue", "url", "accessed")
    if style == "ibid":
        _unused(entry, style, "author", "title", "index_code", "date")
        head = "Ibid."
        text = head if entry.pages is None else f"Ibid., {_pages(entry.pages)}"
    elif entry.index_code is not None:
        _unused(entry, style, "author", "title", "date")
        text = _code(entry)
        if entry.pages is not None:
            text += f", {_pages(entry.pages)}"
    else:
        _need(entry, style, "pages")
        assert entry.pages is not None
        names = [name for name in (entry.author, entry.title) if name is not None]
        if not names:
            raise ValueError("a short form names its source")
        text = ", ".join([*names, _pages(entry.pages)])
        if entry.date is not None:
            text += f", {render_reference_date(entry.date)}"
    text = text if text.endswith(".") else text + "."
    if entry.note is not None:
        text += f" {entry.note}"
    return text


def _accessed(entry: ReferenceEntry) -> str:
    if entry.accessed is None:
        return ""
    _check(entry.accessed)
    return f" (accessed {render_reference_date(entry.accessed)})"


def _address(entry: ReferenceEntry) -> str:
    """The entry's web address and access note, where it has one, after a space."""
    return "" if entry.url is None else f" {entry.url}{_accessed(entry)}"


def _with_full_stop(author: str) -> str:
    return author if author.endswith(".") else f"{author}."


def _author_year(entry: ReferenceEntry) -> str:
    _need(entry, "author-year", "author", "title")
    _unused(entry, "author-year", "place", "volume", "issue", "pages", "index_code", "note")
    assert entry.author is not None and entry.title is not None
    if entry.accessed is not None and entry.url is None:
        raise ValueError("an access date follows the address")
    if entry.date is None:
        when = "n.d."
    elif isinstance(entry.date, Date):
        _check(entry.date)
        when = f"{entry.date.year}"
        if entry.date.month is not None:
            day = f"{entry.date.day} " if entry.date.day is not None else ""
            when += f", {day}{FULL_MONTHS[entry.date.month - 1]}"
    else:
        raise ValueError("an author-year entry has one year")
    names = f"{entry.author} (Eds.)" if entry.edited else entry.author
    text = f"{names} ({when}). {_quoted(entry.title)}"
    if entry.container is not None:
        text += f" {entry.container}."
    return text + _address(entry)


def _author_title(entry: ReferenceEntry) -> str:
    _need(entry, "author-title", "author", "title")
    _unused(entry, "author-title", "place", "volume", "issue", "pages", "index_code", "note")
    assert entry.author is not None and entry.title is not None
    if entry.accessed is not None and entry.url is None:
        raise ValueError("an access date follows the address")
    if entry.date is None:
        return _author_title_undated(entry)
    if not isinstance(entry.date, Date) or entry.date.month is not None:
        raise ValueError("an author-title entry has a year")
    _check(entry.date)
    author = _with_full_stop(entry.author)
    text = f"{author} {_quoted(entry.title)}"
    if entry.container is not None:
        text += f" {entry.container},"
    text += f" {entry.date.year}."
    return text + _address(entry)


def _author_title_undated(entry: ReferenceEntry) -> str:
    """``Author. "Title." [Container.] [URL (accessed ...)]``: an entry with no date."""
    assert entry.author is not None and entry.title is not None
    if entry.url is not None and entry.container is None:
        # "Author. Title. URL" is how a web entry is written: it reads back as one.
        raise ValueError("an undated author-title entry with an address names its publisher")
    author = _with_full_stop(entry.author)
    text = f"{author} {_quoted(entry.title)}"
    if entry.container is not None:
        text += f" {entry.container}."
    return text + _address(entry)


def _comma_note(entry: ReferenceEntry) -> str:
    _need(entry, "comma-note", "author", "title")
    _unused(
        entry, "comma-note", "place", "container", "volume", "issue", "pages", "index_code", "note"
    )
    assert entry.author is not None and entry.title is not None
    if entry.accessed is not None and entry.url is None:
        raise ValueError("an access date follows the address")
    if isinstance(entry.date, Date):
        _check(entry.date)
    when = "no date" if entry.date is None else render_reference_date(entry.date)
    text = f'{entry.author}, "{entry.title}", {when}.'
    return text + _address(entry)


def _comma_plain(entry: ReferenceEntry) -> str:
    _need(entry, "comma-plain", "title")
    _unused(
        entry, "comma-plain", "place", "container", "volume", "issue", "pages", "index_code", "note"
    )
    assert entry.title is not None
    if entry.author is None and "," in entry.title:
        raise ValueError("a title with a comma in it needs its author before it")
    if entry.author is not None and "," in entry.author:
        raise ValueError("the author of an unquoted comma note ends at its first comma")
    if any(mark in f"{entry.author}{entry.title}" for mark in '"“”„‘*'):
        raise ValueError("an unquoted comma note holds no quotation mark")
    if isinstance(entry.date, Date):
        _check(entry.date)
    when = "no date" if entry.date is None else render_reference_date(entry.date)
    items = [entry.title] if entry.author is None else [entry.author, entry.title]
    text = ", ".join([*items, when]) + "."
    if entry.url is not None:
        text += f" {entry.url}."
    if entry.accessed is not None:
        _check(entry.accessed)
        text += f" Accessed: {render_reference_date(entry.accessed)}"
    return text


def _web(entry: ReferenceEntry) -> str:
    _need(entry, "web", "url")
    _unused(
        entry,
        "web",
        "place",
        "date",
        "container",
        "volume",
        "issue",
        "pages",
        "index_code",
        "note",
    )
    assert entry.url is not None
    if entry.author is not None and entry.title is None:
        raise ValueError("a web entry's first segment is its title")
    parts = [f"{part}." for part in (entry.author, entry.title) if part is not None]
    return " ".join([*parts, entry.url]) + _accessed(entry)


def _title_first(entry: ReferenceEntry) -> str:
    _need(entry, "title-first", "title", "container")
    _unused(
        entry, "title-first", "author", "place", "volume", "issue", "pages", "index_code", "note"
    )
    assert entry.title is not None and entry.container is not None
    if entry.accessed is not None and entry.url is None:
        raise ValueError("an access date follows the address")
    text = f'"{entry.title}". {entry.container}.'
    if entry.date is not None:
        text += f" {render_reference_date(entry.date)}."
    return text + _address(entry)


def render_reference(entry: ReferenceEntry, style: str | None = None) -> str:
    """``entry`` written in ``style`` (default: its kind); ``ValueError`` if it cannot be."""
    style = entry.kind if style is None else style
    if entry.edited and style != "author-year":
        # Only the author-year grammar reads an editors' mark after the names.
        raise ValueError(f"style {style!r} has no place for an editors' mark: {entry!r}")
    if style == "irb":
        return _irb(entry)
    if style == "correspondence":
        return _correspondence(entry)
    if style == "irb-attachment":
        return _attachment(entry)
    if style == "footnote":
        return _footnote(entry)
    if style in ("un-short", "ibid"):
        return _short(entry, style)
    if style == "author-year":
        return _author_year(entry)
    if style == "author-title":
        return _author_title(entry)
    if style == "comma-note":
        return _comma_note(entry)
    if style == "comma-plain":
        return _comma_plain(entry)
    if style == "web":
        return _web(entry)
    if style == "title-first":
        return _title_first(entry)
    if style == "name-only":
        _need(entry, style, "author")
        assert entry.author is not None
        return entry.author
    if style == "label":
        _need(entry, style, "note")
        assert entry.note is not None
        return entry.note
    raise ValueError(f"unknown reference style {style!r}")

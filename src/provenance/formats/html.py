"""Web pages read for their report: the main text, its note calls and notes, headings, links.

lxml (BSD) parses the page as browsers do, recovering from broken markup, and says on which
line of the source each element starts. From the tree:

* **Main content**: ``<main>`` (or ``role="main"``), else the ``<article>`` with the most text,
  else ``<body>``; navigation, headers, footers, sidebars, forms, scripts and hidden elements
  are left out (by element, by ARIA role, and by class or id words such as ``nav``, ``menu``,
  ``breadcrumb``, ``sidebar``, ``cookie``, ``share``), unless they hold the page's notes.
* **Note calls**: a link to an anchor in the page whose text is a number (``<a href="#fn3">3
  </a>``, ``[3]``, GOV.UK's ``[footnote 3]``), and a ``<sup>`` holding only a number, become
  Unicode superscript digits.
* **Notes**: each element a note call points at (``<li id="fn3">``) becomes a block opening
  with its number in the same form; links back to the call (``↩``) are dropped.
* **Structure**: headings become Markdown headings (``## Title``), paragraphs and list items
  blocks of their own, table rows lines; a link to a web address keeps the address after its
  text (``report <https://...>``) unless the text is the address.

Each line of the text keeps the line of the page's source it was read from. The page's title is
taken from its markup where that says it (``<h1>`` of the main content, ``<title>`` without the
site's name: ``provenance.titles.page_title``), not from whatever text comes first.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from provenance.errors import InputError
from provenance.formats import Extracted
from provenance.places import Place, PlaceMap
from provenance.regex_store import lazy_compile

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["read_html"]

_EXTRA = "pip install 'provenance[html]'"
_SUPERSCRIPT: Final = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# The text of a note call: "3", "[3]", "(3)", "3)", and with the word GOV.UK prints for
# screen readers, "[footnote 3]" (also "note 3", "endnote 3"); notes run from 1 to 999.
_CALL_TEXT: Final = lazy_compile(
    r"[\[(]?(?:(?:foot|end)?note[ \t\u00a0]+)?([1-9]\d{0,2})[\])]?", re.IGNORECASE
)
_CHARSET: Final = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECLARATION: Final = lazy_compile(r"\A\s*<\?xml[^>]*\?>")
_DROPPED: Final = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "math", "form", "button", "select",
        "input", "textarea", "iframe", "object", "embed", "canvas", "nav", "aside", "dialog",
        "head", "title", "meta", "link",
    }
)  # fmt: skip
_FURNITURE_ROLES: Final = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"}
)
_FURNITURE_WORDS: Final = frozenset(
    {
        "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "sidebar", "footer",
        "header", "masthead", "cookie", "cookies", "share", "sharing", "social", "skip",
        "toolbar", "pagination", "advert", "advertisement", "ads", "newsletter", "subscribe",
        "related", "banner", "sr-only", "visually-hidden",
    }
)  # fmt: skip
_WORD_SPLIT: Final = lazy_compile(r"[\s_-]+")
_BLOCKS: Final = frozenset(
    {
        "p", "div", "section", "article", "main", "blockquote", "pre", "table", "ul", "ol",
        "dl", "dt", "dd", "figure", "figcaption", "address", "hr", "header", "footer",
        "details", "summary", "fieldset", "center", "body", "html",
    }
)  # fmt: skip
_HEADINGS: Final = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BACKLINKS: Final = frozenset({"↩", "↩︎", "^", "↑", "⤴", "back"})


def read_html(data: bytes, path: str | None = None) -> Extracted:
    """The text of a web page (see the module doc), with the source line of each text line.

    Raises ``InputError`` when the page holds no text, cannot be parsed at all, or lxml is not
    installed.
    """
    try:
        from lxml import etree
        from lxml import html as lxml_html
    except ImportError:
        raise InputError(f"HTML input needs the html extra: {_EXTRA}", path) from None

    text, notes = _decode(data, path)
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        # huge_tree lifts libxml2's limit of 256 nested elements (to 2048) and on text sizes.
        parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
        root = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as error:
        raise InputError(f"broken HTML: {' '.join(str(error).split())[:120]}", path) from None
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        # libxml2 stops reading what lies deeper: better no answer than one on half a page.
        raise InputError("web page nested too deeply to read (over 2048 levels)", path)
    head_title = root.find(".//title")
    page = head_title.text_content() if head_title is not None else None
    writer = _Writer()
    main = _read_page(root, writer)
    body, places = writer.result()
    if not body.strip():
        raise InputError("web page without text (nothing between its tags)", path)
    from provenance.titles import page_title

    headings = [element.text_content() for element in main.iter("h1")]
    title = page_title(page, headings)
    return Extracted(body, "html", notes, PlaceMap(places), title=title)


def _decode(data: bytes, path: str | None) -> tuple[str, tuple[str, ...]]:
    """The page as text: by its byte-order mark, else the charset it declares, else as a
    text file is decoded."""
    import codecs

    from provenance.source import read_bytes_as_text

    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = _CHARSET.search(data[:4096])
        if declared is not None:
            name = declared.group(1).decode("ascii", "replace")
            try:
                codec = codecs.lookup(name).name
            except LookupError:
                codec = None
            if codec is not None and codec not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
                # As browsers do: pages that say ISO-8859-1 are read as windows-1252.
                if codec in ("latin-1", "iso8859-1", "ascii"):
                    codec = "cp1252"
                text = data.decode(codec, "replace").replace("\r\n", "\n").replace("\r", "\n")
                return text, ()
    decoded = read_bytes_as_text(data, path)
    return decoded.text, decoded.notes


# --------------------------------------------------------------------------- the tree


def _words(element: HtmlElement) -> set[str]:
    names = f"{element.get('class', '')} {element.get('id', '')}".casefold()
    return {word for word in _WORD_SPLIT.split(names) if word}


def _is_furniture(element: HtmlElement) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _DROPPED or (tag in ("header", "footer") and not _inside_article(element)):
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style", "").replace(" ", "").casefold()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if element.get("role", "").casefold() in _FURNITURE_ROLES:
        return True
    return bool(_words(element) & _FURNITURE_WORDS)


def _inside_article(element: HtmlElement) -> bool:
    return any(ancestor.tag in ("article", "main") for ancestor in element.iterancestors())


def _note_calls(root: HtmlElement) -> dict[str, int]:
    """Anchor id -> note number, for each link to an anchor of the page that reads as a note
    call."""
    calls: dict[str, int] = {}
    for link in root.iter("a"):
        href = link.get("href", "")
        if not href.startswith("#") or len(href) < 2:
            continue
        # Word writes a note's number as a link back to its call ("[1]" pointing at
        # "_ftnref1"); the call came first, so a link that a call points at is no call.
        if _anchor(link) in calls:
            continue
        match = _CALL_TEXT.fullmatch(link.text_content().strip())
        if match is not None:
            calls.setdefault(href[1:], int(match.group(1)))
    return calls


def _anchor(element: HtmlElement) -> str | None:
    """The name a link to ``element`` uses: its id, or an ``<a name>`` as Word writes."""
    anchor: str | None = element.get("id")
    if anchor is None and element.tag == "a":
        anchor = element.get("name")
    return anchor


_NOTE_CONTAINERS: Final = frozenset({"p", "li", "div", "dd", "td", "section", "aside"})


def _note_of(target: HtmlElement) -> HtmlElement:
    """The element holding a note, given what a call points at: the element itself, or for an
    anchor (Word's ``<a name="_ftn1">[1]</a>``) the paragraph it opens."""
    if target.tag != "a":
        return target
    for ancestor in target.iterancestors():
        if ancestor.tag in _NOTE_CONTAINERS:
            return ancestor
    return target


def _main_content(root: HtmlElement) -> HtmlElement:
    for candidate in root.iter("main"):
        return candidate
    for candidate in root.iter():
        if isinstance(candidate.tag, str) and candidate.get("role", "").casefold() == "main":
            return candidate
    articles = list(root.iter("article"))
    if articles:
        return max(articles, key=lambda article: len(article.text_content()))
    body = root.find("body")
    return body if body is not None else root


def _note_items(root: HtmlElement, calls: dict[str, int]) -> dict[HtmlElement, int]:
    """Each note of the page and its number: the elements note calls point at, and every other
    item of a list that holds such notes (a note whose call was lost is still a note), numbered
    by its place in the list."""
    notes: dict[HtmlElement, int] = {}
    lists: set[HtmlElement] = set()
    for target in root.iter():
        anchor = _anchor(target) if isinstance(target.tag, str) else None
        if anchor in calls:
            element = _note_of(target)
            notes.setdefault(element, calls[anchor or ""])
            parent = element.getparent()
            if element.tag == "li" and parent is not None and parent.tag in ("ol", "ul"):
                lists.add(parent)
    for listing in lists:
        try:
            start = int(listing.get("start", "1"))
        except ValueError:
            start = 1
        number = start
        for item in (child for child in listing if child.tag == "li"):
            # An item may set its own number (<li value="9">); the next ones count on from it.
            value = item.get("value", "")
            number = int(value) if value.isdigit() else number
            notes.setdefault(item, number)
            number += 1
    return notes


def _read_page(root: HtmlElement, writer: _Writer) -> HtmlElement:
    """Write the page's text; return its main content (furniture already left out)."""
    calls = _note_calls(root)
    notes = _note_items(root, calls)
    # Elements holding a note are kept, however they are classed ("footer", "related").
    holding: set[HtmlElement] = set()
    for element in notes:
        holding.add(element)
        holding.update(element.iterancestors())
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element in holding:
            continue
        if element.getparent() is not None and _is_furniture(element):
            element.drop_tree()
    main = _main_content(root)
    _Reader(writer, calls, notes).read(main)
    # Notes the main content does not hold (a list of notes after the article).
    for element in notes:
        if element is not main and main not in element.iterancestors():
            _Reader(writer, calls, notes).note(element)
    return main


class _Reader:
    """Walks a subtree and writes its text, in document order, without recursion limits."""

    def __init__(
        self,
        writer: _Writer,
        calls: dict[str, int],
        notes: dict[HtmlElement, int],
        inline: bool = False,
    ) -> None:
        self.writer = writer
        self.calls = calls
        self.notes = notes
        #: Inside a note, whose text is one block: paragraphs and lines run on.
        self.inline = inline

    def _block(self) -> None:
        if self.inline:
            self.writer.text(" ", None)
        else:
            self.writer.block()

    def _newline(self) -> None:
        if self.inline:
            self.writer.text(" ", None)
        else:
            self.writer.newline()

    def read(self, top: HtmlElement) -> None:
        from lxml import etree

        writer = self.writer
        walker = etree.iterwalk(top, events=("start", "end"))
        # Elements whose content was written at their start (note calls, headings, notes).
        whole: set[HtmlElement] = set()
        for event, element in walker:
            if not isinstance(element.tag, str):
                if event == "end" and element is not top:
                    writer.text(element.tail, element.sourceline)
                continue
            tag = element.tag
            if event == "start":
                number = self._call_number(element)
                if number is not None:
                    writer.text(str(number).translate(_SUPERSCRIPT), element.sourceline, glue=True)
                    whole.add(element)
                    walker.skip_subtree()
                    continue
                if element in self.notes and element is not top:
                    self.note(element)
                    whole.add(element)
                    walker.skip_subtree()
                    continue
                if tag in _HEADINGS:
                    # A Markdown heading, read as a heading line; its note calls stay calls.
                    self._block()
                    if not self.inline:
                        writer.text(f"{'#' * _HEADINGS[tag]} ", element.sourceline)
                if tag == "br":
                    self._newline()
                elif tag == "li":
                    self._block()
                    writer.text(self._bullet(element), element.sourceline)
                elif tag == "tr":
                    self._newline()
                elif tag in ("td", "th"):
                    writer.text(" ", element.sourceline)
                elif tag in _BLOCKS:
                    self._block()
                writer.text(element.text, element.sourceline)
            else:
                if tag in _BLOCKS or tag == "li" or tag in _HEADINGS:
                    self._block()
                elif tag == "a" and element not in whole:
                    self._address(element)
                elif tag in ("td", "th"):
                    writer.text(" ", element.sourceline)
                if element is not top:
                    writer.text(element.tail, element.sourceline)

    def note(self, element: HtmlElement) -> None:
        """A note: a block opening with its number, without the link back to its call."""
        number = self.notes[element]
        for link in list(element.iter("a")):
            label = link.text_content().strip()
            if link.get("href", "").startswith("#") and (
                label in _BACKLINKS
                or _CALL_TEXT.fullmatch(label)  # the note's own number, linking back
                or "backref" in link.get("class", "")
                or "back" in _words(link)
            ):
                link.drop_tree()
        self.writer.block()
        self.writer.text(f"{str(number).translate(_SUPERSCRIPT)} ", element.sourceline)
        inner = _Reader(self.writer, self.calls, {}, inline=True)
        element.tail, tail = None, element.tail
        try:
            if element.tag == "li" or element.tag in _BLOCKS:
                # The element's own text and children, without opening another block.
                self.writer.text(element.text, element.sourceline)
                for child in element:
                    inner.read(child)
                    self.writer.text(child.tail, child.sourceline)
            else:
                inner.read(element)
        finally:
            element.tail = tail
        self.writer.block()

    def _call_number(self, element: HtmlElement) -> int | None:
        tag = element.tag
        if tag == "a":
            href = element.get("href", "")
            if href.startswith("#") and href[1:] in self.calls:
                return self.calls[href[1:]]
            return None
        if tag == "sup":
            match = _CALL_TEXT.fullmatch(element.text_content().strip())
            return int(match.group(1)) if match is not None else None
        return None

    def _bullet(self, item: HtmlElement) -> str:
        parent = item.getparent()
        if parent is None or parent.tag != "ol":
            return "- "
        try:
            start = int(parent.get("start", "1"))
        except ValueError:
            start = 1
        position = [child for child in parent if child.tag == "li"].index(item)
        return f"{start + position}. "

    def _address(self, link: HtmlElement) -> None:
        href = (link.get("href") or "").strip()
        if not href.casefold().startswith(("http://", "https://")):
            return
        label = " ".join(link.text_content().split())
        if not label or _bare(label) == _bare(href) or label.casefold().startswith(_SCHEMES):
            return
        self.writer.text(f" <{href}>", link.sourceline)


_SCHEMES: Final = ("http://", "https://", "www.")


def _bare(address: str) -> str:
    """An address as compared with a link's text: no scheme, ``www.`` or final slash."""
    folded = address.casefold()
    for prefix in _SCHEMES:
        folded = folded.removeprefix(prefix)
    return folded.rstrip("/")


class _Writer:
    """Text with HTML's white space rules: runs of spaces collapse, blocks are separated by a
    blank line; each line remembers the source line of its first text."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.places: list[Place | None] = []
        self._current: list[str] = []
        self._place: int | None = None
        self._space = False

    def text(self, text: str | None, sourceline: int | None, glue: bool = False) -> None:
        if not text:
            return
        if not glue and text[:1].isspace():
            self._space = True
        words = text.split()
        if not words:
            return
        if self._current and self._space and not glue:
            self._current.append(" ")
        if self._place is None:
            self._place = sourceline
        self._current.append(" ".join(words))
        self._space = text[-1:].isspace()

    def newline(self) -> None:
        if self._current:
            self.lines.append("".join(self._current).strip())
            self.places.append(Place(self._place) if self._place else None)
        self._current, self._place, self._space = [], None, False

    def block(self) -> None:
        self.newline()
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
            self.places.append(None)

    def result(self) -> tuple[str, list[Place | None]]:
        self.newline()
        lines, places = self.lines, self.places
        while lines and lines[-1] == "":
            lines.pop()
            places.pop()
        return "\n".join(lines) + "\n", places

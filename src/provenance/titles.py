"""A report's title, chosen by evidence rather than by position.

Reports reach the tool as text saved from web pages, PDFs and archives, so their first line is
often not their title: a site's menu ("Home", "About Us", "Contact Us"), an archive's record
("Dokument #1317630", "IRB – ... (Autor)"), a UN masthead ("United Nations", "Distr.:
General", the symbol and date), a table of contents, or a link bar ("<MONGOLIA | NEPAL>").
The title is the first line that none of this evidence rules out, in this order of trust: the
first line, the first unnumbered heading of the body, the first short line that reads like a
title, then the first longer line that does not read as prose.

Where the evidence says a title is set over several lines (an indented block of a PDF's title
page, an upper-case country line over its subtitle), the lines are joined.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from provenance.errors import GrammarError
from provenance.model import Heading
from provenance.parsers.index_codes import parse_index_code
from provenance.regex_store import lazy_compile
from provenance.segment import SECTION_HEADINGS, Segmentation, heading_key

#: How far into the text a title is looked for.
HEAD_CHARS = 8000

# First lines that name a page's furniture or a list, not the document.
_NOT_TITLES = lazy_compile(
    r"^(?:table of contents|contents|search(?: website)?|home|menu|skip to (?:main )?content|"
    r"navigation|print|share|back|top)$",
    re.IGNORECASE,
)
# Labels of a site's navigation: a menu holding two of these (or a third of its lines) is a menu.
_NAVIGATION = lazy_compile(
    r"^(?:home(?: ?page)?|archives? home ?page|menu|search(?: (?:website|this site))?|"
    r"about(?: us| our \w+| the \w+)?|contact(?: us)?|press(?: room| releases)?|"
    r"order publications|publications|multimedia|resources(?: for .*)?|faq|"
    r"frequently asked questions|site ?map|log ?in|sign in|subscribe|donate|campaigns|news|"
    r"table of contents|contents|country reports|print|share|back|top|"
    r"skip to (?:main )?content|navigation|view (?:this )?(?:report|document|page)(?: in \w+)?|"
    r"our \w+ website|español|français|english)$",
    re.IGNORECASE,
)
# An archive's record of the document, not the document: its number and its author line.
_ARCHIVE = lazy_compile(r"^(?:dokument|document|record)\s*#\s*\d+$|\((?:autor|author)\)$", re.I)
# A UN masthead: each cell of the line is one of these (cells are set apart by wide spaces).
_MASTHEAD_CELL = lazy_compile(
    r"^(?:united|nations|united nations|general assembly|general|distr\.?(?:: ?general)?|"
    r"original: ?\w+|[A-Z]|human rights council|economic and social council|security council|"
    r"working group on the universal periodic review|[\w-]+ session|"
    r"[A-Z]+(?:/[\w.]+)+|GE\.[\d-]+\(E\)|\*\d+\*)$",
    re.IGNORECASE,
)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DATE_CELL = lazy_compile(rf"(?i)^(?:[\w ]+, )?[\d–-]+ (?:{_MONTHS})[\w–\- ]* \d{{4}}$")
# A sentence ending inside the line ("Monitor. British"): prose, not a title.
_SENTENCE_INSIDE = lazy_compile(r"[a-z]{2}[.!?] +[A-Z]")
_CELL_GAP = lazy_compile(r"\s{3,}")


def clean_title(line: str) -> str:
    """A title line without Markdown marks and without the bracketed IRB code an IRB response's
    title ends with ("Sri Lanka: Treatment of Tamils [LKA8043.E]")."""
    line = line.strip().lstrip("#").strip().replace("**", "")
    if line.endswith("]"):
        opening = line.rfind("[")
        try:
            parse_index_code(line[opening:])  # the grammar's bracketed form is an IRB code's only
        except GrammarError:
            return line
        return line[:opening].rstrip()
    return line


_NON_SPACE = lazy_compile(r"\S+")
_NOT_MARK = lazy_compile(r"[^*#]")


def could_be_title(line: str) -> bool:
    # Words are taken one at a time: the line may be a whole paragraph, and a string for each
    # of its words would hold many times its text.
    words = (word for word in _NON_SPACE.finditer(line) if any(c.isalpha() for c in word.group()))
    return (
        next(words, None) is not None
        and next(words, None) is not None
        and not line.startswith(("•", "-", "*", "+"))
        and not _NOT_TITLES.match(line)
    )


def _words(line: str, most: int = 50) -> int:
    """How many words ``line`` has, counted up to ``most + 1`` (every comparison here is with
    fewer): the line may be a whole paragraph, and a string for each word would hold many times
    its text; and split's last part, the rest of the line, was a copy of it: a regex counts them
    in place (the regex's spaces are those of ``str.isspace``, as split's are)."""
    return sum(1 for _ in itertools.islice(_NON_SPACE.finditer(line), most + 1))


def _masthead(line: str) -> bool:
    cells = [cell for cell in _CELL_GAP.split(line.strip()) if cell]
    return bool(cells) and all(
        _MASTHEAD_CELL.match(cell) or _DATE_CELL.match(cell) for cell in cells
    )


class _Head:
    """The lines of the head of a text, and what the evidence says about each."""

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.lines: list[tuple[int, int]] = []
        position = start
        limit = min(len(text), start + HEAD_CHARS)
        while position < limit:
            end = text.find("\n", position)
            end = len(text) if end == -1 else end
            self.lines.append((position, end))
            position = end + 1
        self.navigation = self._menus()

    def raw(self, index: int) -> str:
        start, end = self.lines[index]
        return self.text[start:end]

    def _surely_long(self, index: int, most: int) -> bool:
        """Whether line ``index`` keeps more than ``most`` words once ``clean_title`` has read
        it, told in place: the line may be the rest of the text (1 MB of index codes on one
        line), and its slice would be a copy of it. Counted are the words before the line's
        last "[" (its IRB code may go) with a character other than "*" and "#": taking out
        "**", the first word's leading "#"s and the ends' spaces leaves such a word a word."""
        start, end = self.lines[index]
        bracket = self.text.rfind("[", start, end)
        if bracket != -1:
            end = bracket
        kept = (
            word
            for word in _NON_SPACE.finditer(self.text, start, end)
            if _NOT_MARK.search(self.text, word.start(), word.end())
        )
        return sum(1 for _ in itertools.islice(kept, most + 1)) > most

    def blank(self, index: int) -> bool:
        return not self.raw(index).strip()

    def _menus(self) -> set[int]:
        """Lines of menus: runs of three or more short labels, at most two blank lines apart,
        with two navigation labels among them (or a third of them). A label with a comma or a
        number ("Nauru, Landmine Monitor Report 2004") is a title set among them, not a menu
        entry."""
        runs: list[list[int]] = []
        gap = 99
        for index in range(len(self.lines)):
            if self._surely_long(index, 6):
                runs.append([-1])  # a long line ends any run
                gap = 0
                continue
            line = clean_title(self.raw(index))
            if not line:
                gap += 1
                continue
            short = _words(line) <= 6 and not line.endswith((".", ",", ";"))
            if short and runs and gap <= 2 and runs[-1] and runs[-1][-1] >= 0:
                runs[-1].append(index)
            elif short:
                runs.append([index])
            else:
                runs.append([-1])  # a long line ends any run
            gap = 0
        menu: set[int] = set()
        for run in runs:
            if len(run) < 3 or run[0] < 0:
                continue
            labels = sum(1 for i in run if _NAVIGATION.match(clean_title(self.raw(i))))
            if labels >= 2 or labels * 3 >= len(run):
                menu.update(i for i in run if not re.search(r"[,\d]", clean_title(self.raw(i))))
        return menu

    def ruled_out(self, index: int) -> bool:
        """Whether the evidence says line ``index`` is not a title."""
        raw = self.raw(index)
        line = clean_title(raw)
        return (
            index in self.navigation
            or not could_be_title(line)
            or bool(_NAVIGATION.match(line))
            or bool(_ARCHIVE.search(line))
            or _masthead(raw)
            or line.startswith(("<", ",", ";", ":", ".", ")", "]", "|", ">"))
            or line.endswith((",", ";", "-", "–"))
            or self.prose(index)
        )

    def prose(self, index: int) -> bool:
        """Whether line ``index`` is running text: the body has begun."""
        line = clean_title(self.raw(index))
        return bool(line) and (
            # A paragraph's wrapped line goes on in lower case.
            (line[0].islower() and index > 0 and not self.blank(index - 1))
            or bool(_SENTENCE_INSIDE.search(line))
            or (_words(line) > 25 and bool(re.search(r"[.!?][+\"”']?$", line)))
            or self._wrapped_prose(index)
        )

    def _wrapped_prose(self, index: int) -> bool:
        """A line of a paragraph wrapped at a fixed width: the next line goes on in lower case
        (an indented block is a title page's, whose lines may go on in lower case too)."""
        raw = self.raw(index)
        if index + 1 >= len(self.lines) or len(raw) - len(raw.lstrip(" ")) >= 4:
            return False
        following = self.raw(index + 1).strip()
        return bool(following) and following[0].islower()

    def joined(self, index: int) -> str:
        """The title at line ``index``, with the rest of its lines where it is set over several:
        an indented block of a title page, or an upper-case country line over its subtitle."""
        raw = self.raw(index)
        title = clean_title(raw)
        indent = len(raw) - len(raw.lstrip(" "))
        if indent >= 4:
            parts, last = [title.rstrip("*")], index
            for following in range(index + 1, min(index + 6, len(self.lines))):
                line = self.raw(following)
                if not line.strip() or len(line) - len(line.lstrip(" ")) < 4 or _masthead(line):
                    break
                parts.append(clean_title(line).rstrip("*"))
                last = following
            if _words(" ".join(parts)) <= 45:
                title = " ".join(parts)
                subject = self._next_line(last)
                if subject is not None:
                    label = clean_title(self.raw(subject)).rstrip("*")
                    if 1 <= _words(label) <= 3 and re.fullmatch(r"[^\W\d_][\w' -]*", label):
                        title = f"{title}: {label}"
        elif raw.lstrip().startswith("#") and not re.search(r"[a-z]", title):
            below = self._next_line(index)
            if below is not None and self.raw(below).lstrip().startswith("#"):
                subtitle = clean_title(self.raw(below))
                if re.search(r"[a-z]", subtitle) and could_be_title(subtitle):
                    title = f"{title}: {subtitle}"
        return title.rstrip("*").strip()

    def _next_line(self, index: int) -> int | None:
        """The next non-blank line, if at most two blank lines away."""
        for following in range(index + 1, min(index + 4, len(self.lines))):
            if not self.blank(following):
                return following
        return None

    def index_of(self, offset: int) -> int | None:
        for index, (start, end) in enumerate(self.lines):
            if start <= offset <= end:
                return index
        return None


def choose_title(text: str, seg: Segmentation) -> str | None:
    """The document's title, or None where nothing in its head can be one."""
    first = seg.first_line
    if first is None:
        return None
    head = _Head(text, first[0])
    if head.lines and not head.ruled_out(0):
        return head.joined(0)
    # A table of contents or a web page's navigation came first: the title is the first
    # unnumbered heading of the body, else the first short line that reads like one.
    found = _from_headings(head, seg.headings, first[1])
    if found is not None:
        return found
    for most_words in (15, 45):
        for index in range(len(head.lines)):
            if head.prose(index):
                break  # a title comes before the text
            line = clean_title(head.raw(index))
            if (
                line
                and _words(line) <= most_words
                and not head.ruled_out(index)
                and not (most_words > 15 and line.endswith((".", "!", "?")))
            ):
                return head.joined(index)
    # Nothing better: the first line stands, unless it is a record, a masthead or the text.
    line = clean_title(text[first[0] : first[1]])
    if not line or _ARCHIVE.search(line) or _masthead(head.raw(0)) or head.prose(0):
        return None
    return line


def _from_headings(head: _Head, headings: Sequence[Heading], after: int) -> str | None:
    for heading in headings:
        if heading.number is not None or heading.in_toc or heading.span.start < after:
            continue
        candidate = clean_title(heading.text)
        if not could_be_title(candidate) or heading_key(candidate) in SECTION_HEADINGS:
            continue
        index = head.index_of(heading.span.start)
        if index is None:
            return candidate
        if not head.ruled_out(index):
            return head.joined(index)
    return None


# A page's <title> names the site beside the document: "Refworld | Korea: ...", "... - ecoi.net".
_STRONG_SEPARATOR = lazy_compile(r"\s+\|\s+|\s+::\s+|\s*»\s*")
_DASH_SEPARATOR = lazy_compile(r"\s+[–—-]\s+")
# A site's name: a domain, or a few words without the digits or colon a document's title has.
_SITE = lazy_compile(r"^(?:\S+\.(?:[a-z]{2,4})|[^\d:]+)$", re.IGNORECASE)


def _usable(candidate: str) -> bool:
    return (
        could_be_title(candidate)
        and not _NAVIGATION.match(candidate)
        and not _ARCHIVE.search(candidate)
        and heading_key(candidate) not in SECTION_HEADINGS
    )


def _site_like(part: str) -> bool:
    return bool(_SITE.match(part)) and (_words(part) <= 4 or "." in part.split()[-1])


def _without_site(title: str) -> str | None:
    """A page's ``<title>`` without the site's name set beside the document's."""
    parts = [part.strip() for part in _STRONG_SEPARATOR.split(title) if part.strip()]
    if len(parts) > 1:
        # "Freedom in the World 2020 - Burma | Freedom House": the document has the most words.
        usable = [part for part in parts if _usable(part)]
        return max(usable, key=_words) if usable else None
    parts = [part.strip() for part in _DASH_SEPARATOR.split(title) if part.strip()]
    if len(parts) > 1:
        # A name beside a name ("Sri Lanka - EPRLF") is the title whole; a domain never is.
        def cut(side: str, rest: list[str]) -> bool:
            return _site_like(side) and ("." in side or not _site_like(" - ".join(rest)))

        if cut(parts[-1], parts[:-1]):
            parts = parts[:-1]
        elif cut(parts[0], parts[1:]):
            parts = parts[1:]
    rest = " - ".join(parts)
    return rest if rest and _usable(rest) else None


def page_title(title: str | None, headings: Sequence[str]) -> str | None:
    """A web page's title from its markup: ``title`` is the text of its ``<title>``,
    ``headings`` those of the ``<h1>`` elements of its main content, in page order.

    By evidence, in this order: an ``<h1>`` that the ``<title>`` repeats (the site's name set
    beside it there); the first ``<h1>`` that can be a title (not a menu label or a section
    heading such as "References"); the ``<title>`` without the site's name (cut at ``|`` or
    ``»``, or a dash beside a name of a few words or a domain). None where the markup says
    nothing usable, and the text's own evidence (``choose_title``) decides."""
    page = " ".join(title.split()) if title else ""
    cleaned = [" ".join(heading.split()) for heading in headings]
    usable = [heading for heading in cleaned if heading and _usable(heading)]
    folded = page.casefold()
    for heading in usable:
        if folded and heading.casefold() in folded:
            return heading
    if usable:
        return usable[0]
    return _without_site(page) if page else None

"""Text -> regions: headings, table of contents, page furniture, reference sections, notes, prose.

Segmentation decides *where* things are; what they are is left to the grammars (``parse/``).
It works on lines and blocks (runs of non-blank lines), because real reports mark structure
with line breaks: OCR keeps each page header on its own line, reference entries are separated by
blank lines, and UN endnotes start each note on a line of its own.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import re
import sys
import unicodedata
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence

import attrs

from provenance.errors import GrammarError
from provenance.layout import (
    LEGEND_NOTES,
    OPEN_WORDS,
    PAGE_BREAK,
    WORD_BROKEN_AT_END,
    ContentLines,
    NoteChain,
    NoteStart,
    find_note_chain,
    note_start,
    source_legend,
    trailing_source_list,
)
from provenance.model import (
    Date,
    FootnoteBody,
    Heading,
    MarkerStyle,
    ReferenceEntry,
    Region,
    RegionKind,
    Regions,
    Section,
)
from provenance.parsers.crossrefs import parse_heading_number, parse_toc_entry
from provenance.parsers.dates import is_date, iter_dates
from provenance.parsers.footnotes import (
    forget_body_starts,
    iter_call_candidates,
    iter_glued_bodies,
    parse_footnote_body_start,
    parse_footnote_marker,
)
from provenance.parsers.legends import LegendItem
from provenance.records import shared_methods
from provenance.regex_store import lazy_compile
from provenance.span import (
    IndexedSequence,
    Intervals,
    LineIndex,
    OffsetPairs,
    TupleLikeSequence,
    offset_typecode,
)

# Headings that open a list of sources or notes, by what the list is. Matched on the whole
# heading line, case-insensitively, so prose that merely mentions "references" never matches.
SECTION_HEADINGS: dict[str, RegionKind] = {
    "references": "references",
    "reference": "references",
    "sources": "references",
    "sources consulted": "references",
    "works cited": "references",
    "works consulted": "references",
    "sources cited": "references",
    "reference list": "references",
    "references cited": "references",
    "references and further reading": "references",
    "references and bibliography": "references",
    "bibliography and references": "references",
    "list of references": "references",
    "sources and references": "references",
    "references and sources": "references",
    "works cited and consulted": "references",
    "list of sources": "references",
    "selected references": "references",
    "select references": "references",
    "key references": "references",
    "references used": "references",
    "references cited in the text": "references",
    "works referenced": "references",
    "list of works cited": "references",
    "literature cited": "references",
    "cited literature": "references",
    "literature references": "references",
    "bibliographic references": "references",
    "bibliographical references": "references",
    "references and notes": "references",
    "sources and further reading": "references",
    "literature and sources": "references",
    "references and literature": "references",
    # The same headings in the other languages of COI and human-rights reporting (French,
    # Spanish, Portuguese, German): a report in those languages cites in the same styles.
    "références": "references",
    "références bibliographiques": "references",
    "sources consultées": "references",
    "referencias": "references",
    "referencias bibliográficas": "references",
    "fuentes": "references",
    "fuentes consultadas": "references",
    "referências": "references",
    "referências bibliográficas": "references",
    "fontes": "references",
    "quellen": "references",
    "literaturverzeichnis": "bibliography",
    "bibliographie": "bibliography",
    "bibliografía": "bibliography",
    "bibliografia": "bibliography",
    "attachment": "attachment",
    "attachments": "attachment",
    "attached": "attachment",
    "enclosure": "attachment",
    "enclosures": "attachment",
    "additional sources consulted": "additional-sources",
    "additional sources": "additional-sources",
    "other sources consulted": "additional-sources",
    "further sources consulted": "additional-sources",
    "sources consulted but not cited": "additional-sources",
    "sources consulted and not cited": "additional-sources",
    "consulted but not cited": "additional-sources",
    "bibliography": "bibliography",
    "select bibliography": "bibliography",
    "selected bibliography": "bibliography",
    "literature": "bibliography",
    "bibliography and further reading": "bibliography",
    "bibliography and sources": "bibliography",
    "further reading": "bibliography",
    # An Amnesty International annual report's entry ends with the organisation's own reports
    # and statements on the country, listed under one of these.
    "ai country reports/visits": "bibliography",
    "ai country reports": "bibliography",
    "amnesty international visits/reports": "bibliography",
    "amnesty international reports": "bibliography",
    "notes": "notes",
    "endnotes": "notes",
    "footnotes": "notes",
    "end notes": "notes",
}

#: Headings of a list of the sources consulted: the references when they are the only list,
#: the sources consulted besides the references when a references list came before.
_CONSULTED_HEADINGS = frozenset({"sources consulted", "works consulted"})

#: The keys as a heading may end: only such a heading is read for a label before its key.
_SECTION_ENDINGS = tuple(SECTION_HEADINGS)

_TOC_HEADINGS = frozenset({"table of contents", "contents", "content"})

# Headings that end a list of sources without starting another: what follows them is links or
# pointers, not the sources the text cites ("External links" after an article's References).
_LIST_ENDING_HEADINGS = frozenset({"external links", "see also", "links", "related articles"})

# Lines a web copy adds after its lists: page categories, empty bullets.
_SITE_FURNITURE = lazy_compile(r"^\s*(?:Category:|(?:[-*•]\s*)+$)")
#: Lines under such marks, in one block, that are text running on, not a menu.
_RUN_ON_LINES = 10
#: How many lines under such marks are looked at for a line of running text.
_PROSE_AFTER_MARK = 3

# A web page's footer, as a copy keeps it after the text: a copyright line, links to the site's
# policies, an invitation to follow or subscribe, a bar of links ("About us | Contact | Privacy").
_SITE_FOOTER = lazy_compile(
    r"^\s*(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4})|all rights reserved"
    r"|follow us\b|subscribe to (?:our|the) newsletter|back to top\b"
    r"|(?:privacy|cookie)s? (?:policy|notice|settings)\b|terms (?:of use|and conditions)\b)",
    re.IGNORECASE,
)
# Markdown that no entry of a list starts with: an image, a block quotation.
_LIST_ENDING_MARKUP = lazy_compile(r"\s{0,3}(?:!\[|>(?:\s|$))")
_LINK_BAR_SEPARATOR = lazy_compile(r"\s[|•·]\s")
_LINK_BAR_WORDS = 4


#: Lines whose answers to ``_is_site_footer`` and ``_is_known_heading`` are kept (each, the
#: least recently used dropped first): segmentation reads its blocks again after its first pass
#: (to find the notes by their numbering, and a source list that lost its heading), each time
#: asking these of every line, about a twentieth of a pass over the real reports. Both are
#: asked only of short lines, so the lines kept are a few hundred kilobytes at most.
_KEPT_LINE_ANSWERS = 4096


def _is_site_footer(line: str) -> bool:
    """Whether a line is a web page's footer (``_SITE_FOOTER``, or a bar of three or more short
    links with no year), which ends any list above it."""
    if len(line) > _FURNITURE_LENGTH:
        return False
    return _is_short_site_footer(line)


@functools.lru_cache(maxsize=_KEPT_LINE_ANSWERS)
def _is_short_site_footer(line: str) -> bool:
    if _SITE_FOOTER.match(line):
        return True
    stripped = line.strip()
    parts = _LINK_BAR_SEPARATOR.split(stripped)
    return (
        not stripped.startswith("|")  # a row of a Markdown table
        and len(parts) >= 3
        and all(0 < len(part.split()) <= _LINK_BAR_WORDS for part in parts)
        and _YEAR_OR_ADDRESS.search(line) is None
    )


# Markdown heading (OCR output to Markdown) or a bullet before a TOC line. A pandoc attribute
# block after it ("# Bibliography {#refs}", "## Notes {.unnumbered}", "{-}") is no part of it.
_MARKDOWN_HEADING = lazy_compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*(?:\{[#.-][^{}]*\})?\s*#*\s*$")
# The same with no space after the hashes ("##References"), as writers whose renderer takes it
# put it: only a section's name ("#5" or "#hashtag" open lines of prose).
_GLUED_MARKDOWN_HEADING = lazy_compile(r"^\s{0,3}(#{1,6})([^\s#].*?)\s*(?:\{[#.-][^{}]*\})?\s*$")
_BULLET = lazy_compile(r"^\s*[-*•]\s+")
_EMPHASIS = lazy_compile(r"\*\*|__")
_FORM_FEED = "\f"


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Line:
    """``text[start:end]``, one line of the document's ``text`` (without its newline).

    The line's text is sliced from the document when read, not kept: every line of a document is
    held at once while it is segmented, and a copy each was another copy of the document plus a
    string object a line (a file of short lines made that several times its size).
    """

    start: int
    end: int
    _document: str = attrs.field(eq=False, repr=False)

    @property
    def text(self) -> str:
        return self._document[self.start : self.end]

    @property
    def blank(self) -> bool:
        return not self.text.strip()


#: ``Line(start, end, document)`` without attrs' ``__init__``, which sets each field of a frozen
#: class through ``object.__setattr__``: blocks make their lines again at each walk over them
#: (656 K lines a pass over the real reports), at about two thirds of the cost so.
_new_object = object.__new__
_set_start = Line.__dict__["start"].__set__
_set_end = Line.__dict__["end"].__set__
_set_document = Line.__dict__["_document"].__set__


def _made_line(start: int, end: int, document: str) -> Line:
    """``Line(start, end, document)``, made as its slots are filled."""
    line = _new_object(Line)
    _set_start(line, start)
    _set_end(line, end)
    _set_document(line, document)
    return line


class Block(tuple[Line, ...]):
    """Consecutive non-blank lines: ``Block(lines)``, the tuple of them itself.

    A tuple and not an object holding one: every block of a document is held at once while it
    is segmented, and a text of one-line blocks (headings and short paragraphs) had an object
    and a tuple for each line.
    """

    __slots__ = ()

    @property
    def lines(self) -> tuple[Line, ...]:
        return self

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class SourceBlock:
    """One reference-list entry (possibly hard-wrapped over several lines)."""

    section: Section
    start: int
    end: int
    #: For an item of a source legend: what the legend grammar read.
    legend: LegendItem | None = None


_SECTIONS: tuple[Section, ...] = (
    "references",
    "attachment",
    "additional-sources",
    "bibliography",
    "source-list",
    "footnote",
)


class SourceBlocks(TupleLikeSequence[SourceBlock]):
    """The entries of a document's source lists, kept as offsets and a section number each and
    made as ``SourceBlock`` when read.

    Held from segmentation until the document is read, and built as a list would be while
    segmentation reads the lists (appended to, its last entry replaced or widened, its tail
    dropped when a list turns out to be none): an object and int objects for its offsets were
    about 140 bytes an entry, three times the text of a list of short entries, and the peak of
    reading one; the arrays are 9 bytes an entry under 2**31 characters (legends, rare, are kept
    by their entry's number).
    """

    __slots__ = ("_ends", "_legends", "_readings", "_sections", "_settled", "_starts", "_unlike")
    _what = "source block"

    def __init__(self, blocks: Iterable[SourceBlock], largest: int) -> None:
        """``largest``: no offset is larger (the text's length)."""
        code = offset_typecode(largest)
        self._starts, self._ends, self._sections = array(code), array(code), array("B")
        self._legends: dict[int, LegendItem] = {}
        #: Each entry's reading once settled (``settle``), None before or when not kept.
        self._readings: list[ReferenceEntry | None] = []
        #: The entries before this one were offered to ``settle``.
        self._settled = 0
        #: The settled entries whose text as read is not their words joined by single spaces
        #: (a word broken over lines, a year glued to a name): few.
        self._unlike: set[int] = set()
        self.extend(blocks)

    def append(self, block: SourceBlock) -> None:
        if block.legend is not None:
            self._legends[len(self._starts)] = block.legend
        self._starts.append(block.start)
        self._ends.append(block.end)
        self._sections.append(_SECTIONS.index(block.section))
        self._readings.append(None)

    def extend(self, blocks: Iterable[SourceBlock]) -> None:
        for block in blocks:
            self.append(block)

    def __setitem__(self, index: int, block: SourceBlock) -> None:
        if index < 0:
            index += len(self._starts)
        self._starts[index] = block.start
        self._ends[index] = block.end
        self._sections[index] = _SECTIONS.index(block.section)
        if block.legend is not None:
            self._legends[index] = block.legend
        else:
            self._legends.pop(index, None)
        # Its reading, if settled, was of its text before.
        self._readings[index] = None
        self._unlike.discard(index)
        self._settled = min(self._settled, index)

    def truncate(self, length: int) -> None:
        """Drops every entry from number ``length`` on (``del blocks[length:]``)."""
        del self._starts[length:], self._ends[length:], self._sections[length:]
        del self._readings[length:]
        self._settled = min(self._settled, length)
        self._unlike = {index for index in self._unlike if index < length}
        for index in [i for i in self._legends if i >= length]:
            del self._legends[index]

    def settle(
        self, read: Callable[[SourceBlock], tuple[ReferenceEntry, bool] | None], upto: int
    ) -> None:
        """Gives each entry before number ``upto`` not offered yet (and no legend's) the reading
        ``read`` finds for it, and whether that is the reading of its words joined by single
        spaces: called for the entries that no later block can change."""
        for index in range(self._settled, upto):
            if self._readings[index] is None and index not in self._legends:
                found = read(self._item(index))
                if found is not None:
                    self._readings[index] = found[0]
                    if not found[1]:
                        self._unlike.add(index)
        self._settled = max(self._settled, upto)

    def reading(self, index: int, plain: bool = False) -> ReferenceEntry | None:
        """The reading ``settle`` gave entry ``index``, if any; with ``plain``, only if it is the
        reading of the entry's words joined by single spaces."""
        if plain and index in self._unlike:
            return None
        return self._readings[index]

    def without(self, dropped: set[int], largest: int) -> SourceBlocks:
        """These entries, with their readings, but those numbered in ``dropped``."""
        kept = SourceBlocks((), largest)
        for index in range(len(self._starts)):
            if index not in dropped:
                kept.append(self._item(index))
                kept._readings[-1] = self._readings[index]
                if index in self._unlike:
                    kept._unlike.add(len(kept) - 1)
        kept._settled = len(kept)
        return kept

    def forget_readings(self) -> None:
        """Drops the readings (the document's references hold them once read)."""
        self._readings = [None] * len(self._starts)
        self._unlike.clear()

    def pop(self) -> SourceBlock:
        last = self[-1]
        self.truncate(len(self._starts) - 1)
        return last

    def iter_from(self, first: int) -> Iterator[SourceBlock]:
        """The entries from number ``first`` on, made one at a time (a slice makes them all)."""
        for index in range(first, len(self._starts)):
            yield self._item(index)

    def __len__(self) -> int:
        return len(self._starts)

    def _item(self, index: int) -> SourceBlock:
        return SourceBlock(
            _SECTIONS[self._sections[index]],
            self._starts[index],
            self._ends[index],
            self._legends.get(index),
        )


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Segmentation:
    regions: Sequence[Region]
    headings: tuple[Heading, ...]
    #: Lines and pieces of lines of page furniture, in order (two arrays: a pair each was held
    #: while the whole document was read, as many as the lines in a text of running heads).
    furniture: Sequence[tuple[int, int]]
    sources: Sequence[SourceBlock]
    bodies: tuple[FootnoteBody, ...]
    #: Stretches of running text: where citations, note markers and cross-references live
    #: (two arrays: a pair each was held while the whole document was read, one a paragraph).
    prose: Sequence[tuple[int, int]]
    #: The first line that is not furniture or navigation: the title line of most reports.
    first_line: tuple[int, int] | None


def split_lines(text: str) -> list[Line]:
    return list(iter_lines(text))


def iter_lines(text: str) -> Iterator[Line]:
    position = 0
    length = len(text)
    while position <= length:
        newline = text.find("\n", position)
        end = length if newline == -1 else newline
        yield _made_line(position, end, text)
        if newline == -1:
            break
        position = newline + 1


class Blocks(IndexedSequence[Block]):
    """The blocks of one text, kept as offsets: ``Blocks(text, lines)``.

    Segmentation holds every block of a document until its regions are made, and reads them
    several times over. An object a line, two int objects for its offsets and a tuple a block
    were about 190 bytes a line, ten times the text in a text of short blocks (headings and
    short paragraphs); the offsets in arrays are 12 bytes a line (8 under 2**31 characters, plus
    4 a block), and the lines and blocks are made again each time they are read.
    """

    __slots__ = ("_ends", "_firsts", "_starts", "_text")

    def __init__(self, text: str, lines: Iterable[Line]) -> None:
        code = offset_typecode(len(text))
        # The first line of each block, then the number of lines: block i is lines
        # firsts[i] to firsts[i + 1].
        starts, ends, firsts = array(code), array(code), array(code)
        count = 0
        in_block = False
        for line in lines:
            if line.blank:
                in_block = False
                continue
            if not in_block or line.text.startswith(_FORM_FEED):
                # A page break (PDF text starts each page with a form feed) begins a block too:
                # what the page before ended with (its notes, its running head) is not what the
                # next page opens with, though no blank line stands between them.
                firsts.append(count)
                in_block = True
            starts.append(line.start)
            ends.append(line.end)
            count += 1
        firsts.append(count)
        self._text = text
        self._starts = starts
        self._ends = ends
        self._firsts = firsts

    def _block(self, first: int, after: int) -> Block:
        text, starts, ends = self._text, self._starts, self._ends
        lines = []
        for index in range(first, after):
            line = _new_object(Line)
            _set_start(line, starts[index])
            _set_end(line, ends[index])
            _set_document(line, text)
            lines.append(line)
        return Block(lines)

    def __len__(self) -> int:
        return len(self._firsts) - 1

    _what = "block"

    def _item(self, index: int) -> Block:
        return self._block(self._firsts[index], self._firsts[index + 1])

    def __iter__(self) -> Iterator[Block]:
        firsts = self._firsts
        for index in range(len(firsts) - 1):
            yield self._block(firsts[index], firsts[index + 1])

    def clear(self) -> None:
        """Drops the offsets (segmentation is done with its lines)."""
        code = self._starts.typecode
        self._starts, self._ends, self._firsts = array(code), array(code), array(code, [0])


def split_blocks(lines: Iterable[Line]) -> Blocks:
    """The blocks of the text the lines are of (runs of non-blank lines; a form feed at the
    start of a line begins a block too)."""
    lines = iter(lines)
    first = next(lines, None)
    if first is None:
        return Blocks("", ())
    return Blocks(first._document, itertools.chain((first,), lines))


#: The first character that is not blank on a line (one match a line at most: linear).
_LINE_WITH_TEXT = lazy_compile(r"^[^\S\n]*\S", re.MULTILINE)
#: A line is full when the next line's first word would not have fitted after it within so
#: much of the text's wrap width (a PDF's ragged right margin stops lines short of the width).
_FULL_MEASURE = 0.8
#: How a line ends whose sentence goes on.
_GOES_ON = (",", "-", "–")
#: Fewest lines the page broke that a text's spacing is judged from.
_SPACING_EVIDENCE = 20
#: Share of those lines followed by exactly one blank line that makes a text double-spaced.
_DOUBLE_SPACED = 0.75
#: Share of the blank lines after lines that are not full (where a paragraph may end) that
#: come two or more at a time, and the fewest such runs, for a double-spaced text to show its
#: paragraphs by blank lines.
_PARAGRAPHS_BY_BLANKS = 0.05
_PARAGRAPH_BREAKS = 3
#: Share of its lines followed by exactly one blank line for a text to show nothing by them.
_UNIFORM = 0.98
#: How many lines before and after a blank line show whether the text is single-spaced there.
_NEIGHBOURS = 3


def single_spaced(text: str) -> str:
    """``text`` with the single blank lines of double spacing made line breaks, or ``text``.

    A PDF's text often comes with a blank line after every line: each line of a wrapped
    paragraph, reference entry or note list is then a block of its own, read as a heading or
    a paragraph. Whether a text is double-spaced is measured, not guessed from its name: of
    its lines the page broke (full lines, the next line's first word would not have fitted
    after them within ``_FULL_MEASURE`` of the wrap width, whose sentence goes on), nearly all
    (``_DOUBLE_SPACED``) are followed by exactly one blank line. A text that puts blank lines
    between paragraphs has none after such a line; a text of one paragraph a line has no wrap
    width, or lines that end their sentences.

    Its single blank lines are line breaks when the blank lines still tell paragraphs apart
    (two or more of them after a paragraph's last line, ``_PARAGRAPHS_BY_BLANKS``), or tell
    nothing at all (one after every line, ``_UNIFORM``: a court decision's text that had no
    blank lines). A double-spaced text whose paragraphs show only by their layout (a short
    last line) is left as it is: read a line a block, as those texts are now read well, it
    read worse with its lines joined at full lines (the ends of entries and paragraphs that
    fill their last line are not told apart from line breaks). A blank line around a page
    break is kept, and so is one near lines with no blank line between them: the text is
    single-spaced there (a source list whose entries blank lines set apart, its heading).

    The result has the same length: the newline ending the line and the blank line after it
    become spaces, so every offset read from it is an offset of ``text`` and every line after
    it starts where it did.
    """
    if not _may_be_double_spaced(text):
        return text
    code = offset_typecode(len(text))
    starts, ends = array(code), array(code)
    for match in _LINE_WITH_TEXT.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        starts.append(start)
        ends.append(len(text) if end == -1 else end)
    if len(starts) < _SPACING_EVIDENCE:
        return text
    from provenance.parsers.references import wrap_width

    width = wrap_width(len(text[s:e].rstrip()) for s, e in zip(starts, ends, strict=True))
    if width is None:
        return text
    # How many blank lines follow each line but the last, and the counts the choice takes.
    blanks = array(code)
    broken = broken_single = short_gaps = wide = 0
    for index in range(len(starts) - 1):
        line = text[starts[index] : ends[index]].rstrip()
        first_word = (text[starts[index + 1] : ends[index + 1]].split(None, 1) or [""])[0]
        gap = text.count("\n", ends[index], starts[index + 1]) - 1
        blanks.append(gap)
        if len(line) + 1 + len(first_word) <= width * _FULL_MEASURE:
            short_gaps += gap > 0
            wide += gap >= 2
        elif first_word[:1].islower() or line.endswith(_GOES_ON):
            # Full, and the sentence goes on: the page broke it (a paragraph a line, the same
            # length as the others, ends its sentence).
            broken += 1
            broken_single += gap == 1
    if broken < _SPACING_EVIDENCE or broken_single < _DOUBLE_SPACED * broken:
        return text
    by_blanks = wide >= _PARAGRAPH_BREAKS and wide >= _PARAGRAPHS_BY_BLANKS * short_gaps
    if not by_blanks and blanks.count(1) < _UNIFORM * len(blanks):
        return text
    pieces: list[str] = []
    kept = 0
    for index, gap in enumerate(blanks):
        after = starts[index + 1]
        if gap != 1 or _FORM_FEED in text[ends[index] : after + 1]:
            continue
        if 0 in blanks[max(0, index - _NEIGHBOURS) : index + _NEIGHBOURS + 1]:
            # Lines with no blank line between them near by: single-spaced there (a list
            # whose entries a blank line sets apart, a heading over them), where one blank
            # line ends a paragraph or an entry.
            continue
        end = starts[index] + len(text[starts[index] : ends[index]].rstrip())
        pieces.append(text[kept:end])
        pieces.append(" " * (after - 1 - end))
        kept = after - 1
    if not pieces:
        return text
    pieces.append(text[kept:])
    return "".join(pieces)


#: One blank line, and the first character of the line after it.
_ONE_BLANK_LINE = lazy_compile(r"\n[^\S\n]*\n(?=[^\S\n]*(\S))")


def _may_be_double_spaced(text: str) -> bool:
    """Whether ``text`` has enough single blank lines where the page may have broken a
    sentence for ``single_spaced`` to measure it: its count of such lines is never below this
    one's (a line before the blank one that ends in white space or a mark of ``_GOES_ON``, or
    a line after it that opens in lower case), so a text with too few is left as it is
    without the pass over all its lines."""
    found = 0
    for match in _ONE_BLANK_LINE.finditer(text):
        before = text[match.start() - 1 : match.start()]
        if before.isspace() or before in _GOES_ON or match.group(1).islower():
            found += 1
            if found >= _DOUBLE_SPACED * _SPACING_EVIDENCE:
                return True
    return False


def _normalise(text: str) -> str:
    return " ".join(text.replace(_FORM_FEED, " ").split())


#: Longest line (once normalised) that can be page furniture.
_FURNITURE_LENGTH = 120


def _furniture_key(text: str) -> str | None:
    """``_normalise(text)`` when that is short enough to be furniture, else None; a long line is
    not split into all its words (a paragraph on one line would hold a string for each)."""
    most = _FURNITURE_LENGTH // 2 + 1  # that many words and a space after each are too long
    words = text.replace(_FORM_FEED, " ").split(None, most)
    if len(words) > most:
        return None
    # What a PDF's text leaves of a picture before a running head is no part of it.
    key = " ".join(words).lstrip(_PICTURE_MARKS)
    return key if len(key) <= _FURNITURE_LENGTH else None


# A heading set in spaced capitals, as a PDF's text gives it: "R E F E R E N C E S".
_LETTER_SPACED = lazy_compile(r"(?<!\S)\w(?: \w){3,}(?!\S)")
_JOINED_NAMES = lazy_compile(r"\s*(?:&|/)\s*")


def _unspace(match: re.Match[str]) -> str:
    return match.group(0).replace(" ", "")


def _markdown_heading(text: str) -> re.Match[str] | None:
    """A Markdown heading's match: its hashes (group 1) and its title (group 2); a heading
    without the space after its hashes only when its title names a section."""
    match = _MARKDOWN_HEADING.match(text)
    if match is None:
        glued = _GLUED_MARKDOWN_HEADING.match(text)
        if glued is not None and heading_key(glued.group(2)) in SECTION_HEADINGS:
            return glued
    return match


def heading_key(text: str) -> str:
    """A heading line as compared with SECTION_HEADINGS: no markup, case or trailing colon."""
    text = _EMPHASIS.sub("", text)
    match = _markdown_heading(text)
    if match:
        text = match.group(2)
    # Without what a PDF's text leaves of a picture before it ("\ufffcAI country reports").
    key = _normalise(text).strip(" :." + _PICTURE_MARKS).casefold()
    if key not in SECTION_HEADINGS:
        key = _LETTER_SPACED.sub(_unspace, key)
        # "References & bibliography", "Bibliography / References": one list by two names.
        key = _JOINED_NAMES.sub(" and ", key)
    if key not in SECTION_HEADINGS and key.endswith(_SECTION_ENDINGS):
        # "7. Bibliography", "VII. REFERENCES", "Annex B: Bibliography": the section's label
        # (the heading grammar reads it) does not change what the section is.
        number, title = parse_heading_number(_normalise(text))
        bare = _JOINED_NAMES.sub(
            " and ", _LETTER_SPACED.sub(_unspace, title.strip(" :.").casefold())
        )
        if number is not None and bare in SECTION_HEADINGS:
            return bare
    return key


# --------------------------------------------------------------------------- furniture


_LONE_NOTE_NUMBER = lazy_compile(r"[1-9][0-9]{0,2}\.?")
#: Marks a web page puts after a note's text to lead back to its call.
_BACK_LINKS = ("↩", "↩︎", "^")


def find_furniture(text: str, blocks: Sequence[Block]) -> OffsetPairs:
    """Running page headers and footers: short lines that repeat on page after page.

    A line counts when it stands in a block of its own (or with one other furniture-like line,
    as UN "symbol / Page n" pairs do) at least three times. Copies glued by OCR onto the end or
    start of a text line (``It is not Amnesty International September 1996Al Index: ...``) are
    found too, for repeated lines long enough not to occur by chance.
    """
    counts: Counter[str] = Counter()
    # The pages (form feeds passed) of lines too long for ``_furniture_key`` alone in their
    # block, by their ``_long_line_key``.
    long_pages: dict[int, set[int]] = defaultdict(set)
    # Where the copies of a line that reads as an entry's authors and year stand (offsets).
    entry_heads: dict[str, list[int]] = {}
    # Lines alone under a number, by the pages (form feeds passed) they stand on.
    pages_under_number: dict[str, set[int]] = defaultdict(set)
    page = 0
    previous = ""
    for block in blocks:
        # The text of a note under its number ("8." alone, then "US CIA World Factbook ... ↩")
        # may repeat, as sources do; it is not furniture.
        # A page's first line is not under a number, though the page before may end with its
        # page number ("10", then the next page's running head).
        page_start = block.lines[0].text.startswith(_FORM_FEED)
        page += text.count(_FORM_FEED, block.lines[0].start, block.lines[-1].end)
        under_number = not page_start and _LONE_NOTE_NUMBER.fullmatch(previous) is not None
        previous = block.lines[-1].text.strip() if len(block.lines) == 1 else ""
        if len(block.lines) == 1 and under_number:
            key = _furniture_key(block.lines[0].text)
            if key is not None and not key.endswith((".", *_BACK_LINKS)):
                pages_under_number[key].add(page)
        if len(block.lines) <= 2 and not under_number:
            for line in block.lines:
                key = _furniture_key(line.text)
                if key is not None and len(key) >= 2 and not key.endswith(_BACK_LINKS):
                    counts[key] += 1
                    if _reads_as_entry_head(key):
                        entry_heads.setdefault(key, []).append(line.start)
                elif key is None and len(block.lines) == 1:
                    long_pages[_long_line_key(line.text)].add(page)
    repeated = {
        key
        for key, count in counts.items()
        if count >= 3
        and not key.isdigit()
        and not _heads_source_list(key)
        and not _entry_heads_close(text, entry_heads.get(key, ()))
    }
    # Under a page's number the page's job number ("2", then "GE.25-06162"): a line alone that
    # repeats, under a number, on three pages of a text that marks its pages, is furniture; a
    # note's text under its number ends with a stop.
    repeated |= {
        key
        for key, pages in pages_under_number.items()
        if len(pages) >= 2 and len(pages) + counts[key] >= 3 and not key.isdigit()
    }
    in_long_blocks = (
        _repeated_in_long_blocks(blocks)
        | _running_lines_beside_page_numbers(blocks)
        | _heads_after_ruled_page_numbers(blocks)
        | _page_opening_heads(blocks)
    )
    repeated |= in_long_blocks
    # A long line alone in its block, the same on page after page of a text that marks its
    # pages: a download notice that a publisher stamps on every page ("Downloaded from
    # https://www.cambridge.org/core. IP address: ..., subject to the Cambridge Core terms of
    # use, ..."). Not a paragraph said again on one page, as a form repeats its question.
    long_repeated = {key for key, pages in long_pages.items() if len(pages) >= _LONG_LINE_PAGES}
    paged = _paged_running_lines(blocks)
    numbered_heads = _numbered_running_heads(counts)
    page_totals = _page_of_totals(counts)
    # In two arrays, not a pair each: as many as the lines of a text of running heads.
    spans = OffsetPairs(len(text))
    for block in blocks:
        for line in block.lines:
            short = _furniture_key(line.text)
            # Longer than any repeated line; still "Page" and a (very long) number, maybe.
            key = short or " ".join(line.text.replace(_FORM_FEED, " ").split(None, 2))
            if (
                key in repeated
                or _is_page_number_line(key, len(block.lines))
                or _PAGE_SEPARATOR.fullmatch(line.text.strip()) is not None
                or (len(block.lines) <= 2 and _page_of_total(key) in page_totals)
                or (
                    short is not None
                    and len(block.lines) <= 2
                    and _without_page_number(short)[0] in numbered_heads
                )
                or (paged and short is not None and _paged_head(short) in paged)
                or (
                    long_repeated
                    and short is None
                    and len(block.lines) == 1
                    and _long_line_key(line.text) in long_repeated
                )
            ):
                spans.append(line.start, line.end)
    for start, end in _numbers_under_running_feet(blocks, repeated):
        spans.append(start, end)
    for start, end in _numbers_beside_running_lines(blocks, in_long_blocks):
        spans.append(start, end)
    for start, end in _page_numbers_beside_furniture(text, blocks, spans):
        spans.append(start, end)
    # Glued copies: search each long repeated line inside other lines.
    for key in repeated:
        if len(key) < _MIN_RUNNING_LINE:
            continue
        position = text.find(key)
        while position != -1:
            end = position + len(key)
            spans.append(*_with_page_number(text, position, end))
            position = text.find(key, end)
    return _merged_pairs(spans, len(text))


#: Pages a long line alone in its block stands on that make it page furniture.
_LONG_LINE_PAGES = 3


def _long_line_key(text: str) -> int:
    """A long line's normalised text by its hash: the text itself is not kept for each such
    line (a text of one-line paragraphs has one for each)."""
    return hash(_normalise(text))


def _merged_pairs(spans: OffsetPairs, largest: int) -> OffsetPairs:
    """``_merge`` for pairs kept in arrays: sorted only when they are out of order, and then as
    one int a pair (``start * (largest + 1) + end``, ordered as the pairs are since no end is
    past ``largest``): a sorted list of pairs was a tuple and two int objects a pair, about
    130 bytes, the peak of segmenting a text whose lines all repeat (a list of notes citing
    the same sources is all running lines to this)."""
    in_order = all(a <= b for a, b in itertools.pairwise(spans))
    width = largest + 1
    pairs: Iterable[tuple[int, int]] = (
        spans
        if in_order
        else (divmod(code, width) for code in sorted(start * width + end for start, end in spans))
    )
    merged = OffsetPairs(largest)
    for start, end in pairs:
        if merged and start <= merged.last_end:
            merged.widen_last(end)
        else:
            merged.append(start, end)
    return merged


# What may stand beside a running head on its line: the page's number ("16 REPORT TITLE").
_BESIDE_HEAD = lazy_compile(r"[ \t\f]*(?:[1-9][0-9]{0,2}|[ivxlc]{1,6})[ \t\f]*")


def _with_page_number(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a running head found inside a line, widened to the whole line when the rest
    of the line is its page number: "16 REPORT TITLE" on an even page is furniture, all of it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end == -1:
        line_end = len(text)
    before, after = text[line_start:start], text[end:line_end]
    if before.strip() and _BESIDE_HEAD.fullmatch(before) and not after.strip():
        return line_start, line_end
    if after.strip() and _BESIDE_HEAD.fullmatch(after) and not before.strip():
        return line_start, line_end
    return start, end


#: Pages apart between two numbered copies of a running foot (odd and even pages differ, and
#: a page may lose its number to a picture).
_MAX_PAGE_STEP = 4
#: Copies of a running foot, each with its page number under it, that make the numbers pages.
_MIN_NUMBERED_FEET = 3


def _numbers_under_running_feet(
    blocks: Sequence[Block], repeated: set[str]
) -> list[tuple[int, int]]:
    """Page numbers that stand alone under a running foot ("Digital Rights Watch", then "6"):
    a bare number is no furniture by itself (notes are numbered so too), but numbers that follow
    the same running line of words on page after page, going up a few pages at a time, are the
    pages. A rule of underscores above page-foot notes has no words, nor has a document symbol
    ("A/79/947"), so the notes under them are never taken for pages."""
    under: dict[str, list[tuple[int, Line]]] = defaultdict(list)
    for block, following in itertools.pairwise(blocks):
        key = _furniture_key(block.lines[-1].text)
        if key not in repeated or " " not in key or len(following.lines) != 1:
            continue
        number = following.lines[0].text.replace(_FORM_FEED, "").strip()
        if number.isascii() and number.isdigit() and len(number) <= 4 and number[0] != "0":
            under[key].append((int(number), following.lines[0]))
    spans: list[tuple[int, int]] = []
    for numbered in under.values():
        steps = [b[0] - a[0] for a, b in itertools.pairwise(numbered)]
        if len(numbered) >= _MIN_NUMBERED_FEET and all(0 < s <= _MAX_PAGE_STEP for s in steps):
            spans.extend((line.start, line.end) for _number, line in numbered)
    return spans


#: Shortest running line found inside a block of text: long enough not to repeat by chance.
_MIN_RUNNING_LINE = 20
#: Copies a line needs inside blocks of text to be a running line.
_MIN_RUNNING_COPIES = 3


#: Share of a document's lines one block must hold for the text to count as run together.
_RUN_TOGETHER = 0.8


def _repeated_in_long_blocks(blocks: Sequence[Block]) -> set[str]:
    """Running heads and feet of text that has lost its blank lines (OCR of a PDF runs page
    after page into one block): lines of their own, long enough not to repeat by chance, that
    repeat three times or more ("Cite as: J-A-R-, AXXX XXX 246 (BIA July 8, 2019)"). Only in
    such text: elsewhere a line repeated inside a block is a source cited in several notes,
    each under its number."""
    total = sum(len(block.lines) for block in blocks)
    # Short blocks are counted by find_furniture itself.
    return _running_keys(
        line
        for block in blocks
        if len(block.lines) > 2 and len(block.lines) >= _RUN_TOGETHER * total
        for line in block.lines
    )


def _running_keys(lines: Iterable[Line]) -> set[str]:
    """The keys of ``lines`` long enough not to repeat by chance that repeat three times or
    more, but for a source list's heading."""
    counts: Counter[str] = Counter()
    for line in lines:
        key = _furniture_key(line.text)
        if key is not None and len(key) >= _MIN_RUNNING_LINE:
            counts[key] += 1
    return {
        key
        for key, count in counts.items()
        if count >= _MIN_RUNNING_COPIES and not _heads_source_list(key)
    }


def _numbers_beside_running_lines(
    blocks: Sequence[Block], running: set[str]
) -> list[tuple[int, int]]:
    """Page numbers alone on a line right before or after a running line found inside blocks
    of text ("2", then "Cite as: ..."), when they go up a few pages at a time over at least
    three pages: a bare number is no furniture by itself, notes are numbered so too."""
    if not running:
        return []
    found: list[tuple[int, Line]] = []
    for block in blocks:
        lines = block.lines
        for index, line in enumerate(lines):
            number = _bare_page_number(line.text)
            if number is None:
                continue
            beside = [lines[i].text for i in (index - 1, index + 1) if 0 <= i < len(lines)]
            if any(_furniture_key(other) in running for other in beside):
                found.append((number, line))
    # Runs of numbers going up a few at a time; a run of three pages or more is the pages.
    runs: list[list[tuple[int, Line]]] = []
    for page in found:
        if runs and 0 < page[0] - runs[-1][-1][0] <= _MAX_PAGE_STEP:
            runs[-1].append(page)
        else:
            runs.append([page])
    return [
        (line.start, line.end)
        for run in runs
        if len(run) >= _MIN_NUMBERED_FEET
        for _number, line in run
    ]


#: Content lines apart, at most, between a page's number and the page's running line or job
#: number: a PDF's text may set one of the page's notes between them ("7", "4", "See ...",
#: "GE.25-09438").
_PAGE_NUMBER_REACH = 2


def _page_numbers_beside_furniture(
    text: str, blocks: Sequence[Block], furniture: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Page numbers standing alone near a page's running line or job number, as a PDF's text
    of a United Nations document gives them between the page's notes ("2", "A/74/277 ...",
    then "2" and "GE.25-06162"): each number equals its page's place in the text plus one
    offset, on three pages or more. A bare number is no furniture by itself (notes are
    numbered so too, and a page's moved note number stands there as well), but only the pages
    go up by exactly one a page; of the numbers on one page that fit, the one nearest the
    running line is the page's."""
    breaks = [match.start() for match in PAGE_BREAK.finditer(text)]
    if len(breaks) < _MIN_NUMBERED_FEET:
        return []
    starts = {start for start, _end in furniture}
    lines = [line for block in blocks for line in block.lines]
    # Pages whose furniture already gives their number ("2/14", "Page 3", "16 REPORT TITLE"):
    # a number alone there is a note's.
    numbered = {
        bisect_right(breaks, line.start)
        for line in lines
        if line.start in starts and _shows_page_number(_furniture_key(line.text) or "")
    }
    # (page, number) -> (distance to the running line, line) of the nearest such line.
    nearest: dict[tuple[int, int], tuple[int, Line]] = {}
    for index, line in enumerate(lines):
        number = _bare_page_number(line.text)
        if number is None or line.start in starts:
            continue
        page = bisect_right(breaks, line.start)
        if page in numbered:
            continue
        distance = next(
            (
                step
                for step in range(1, _PAGE_NUMBER_REACH + 1)
                for other in (index - step, index + step)
                if 0 <= other < len(lines)
                and lines[other].start in starts
                and bisect_right(breaks, lines[other].start) == page
            ),
            None,
        )
        if distance is None and any(
            not 0 <= other < len(lines) or bisect_right(breaks, lines[other].start) != page
            for other in (index - 1, index + 1)
        ):
            # The page's first or last line ("3" after the page's notes, then the page
            # break), second to a number beside the running line ("1", "GE.25-09438", a
            # note's text, then the note's number "1").
            distance = _PAGE_NUMBER_REACH + 1
        if distance is None:
            continue
        key = (page, number)
        if key not in nearest or distance < nearest[key][0]:
            nearest[key] = (distance, line)
    # Only a number its page does not call before it votes: a note's number alone is called
    # on its page, as notes one a page under a document symbol are; a page's number rarely.
    offsets = Counter(
        number - page
        for (page, number), (_distance, line) in nearest.items()
        if not any(
            called == number
            for _first, _end, called, _guessed in iter_call_candidates(
                text, breaks[page - 1] if page else 0, line.start
            )
        )
    )
    if not offsets:
        return []
    offset, pages = offsets.most_common(1)[0]
    if pages < _MIN_NUMBERED_FEET:
        return []
    return [
        (line.start, line.end)
        for (page, number), (_distance, line) in nearest.items()
        if number - page == offset
    ]


#: What a PDF extraction leaves of a picture on a page number's line ("\ufffc\ufffc144").
_PICTURE_MARKS = "\ufffc"


def _page_opening_heads(blocks: Sequence[Block]) -> set[str]:
    """Running heads that open their page and run into its first paragraph, no blank line
    between (a PDF's text: "\\fINTERNAL, INTERACTIVE, AND INSTITUTIONAL FACTORS", then "Dany,
    Charlotte. 2013. ..."): a line long enough not to repeat by chance that opens a page (right
    after its form feed) three times or more. A heading that opens a page once is none."""
    return _running_keys(
        line for block in blocks for line in block.lines if line.text.startswith(_FORM_FEED)
    )


def _heads_after_ruled_page_numbers(blocks: Sequence[Block]) -> set[str]:
    """Running heads run into the page's first paragraph, no blank line between, under a ruled
    folio ("272 //", then "Informe Nacional ... Energía y desarrollo humanoBIBLIOGRAFÍA" opening
    the block of the next entry): a line long enough not to repeat by chance that opens the
    block after such a folio three times or more, the folios going up a few pages at a time. A
    ruled folio is no note number, so the notes of a text are never taken for pages here."""
    numbered: dict[str, list[int]] = defaultdict(list)
    for block, following in itertools.pairwise(blocks):
        if len(block.lines) != 1 or len(following.lines) <= 2:
            continue  # a head in a short block is counted by find_furniture itself
        match = _RULED_PAGE_NUMBER.fullmatch(block.lines[0].text.replace(_FORM_FEED, "").strip())
        if match is None:
            continue
        key = _furniture_key(following.lines[0].text)
        if key is not None and len(key) >= _MIN_RUNNING_LINE:
            numbered[key].append(int(match.group(1) or match.group(2)))
    return _kept_numbered_lines(numbered)


def _kept_numbered_lines(numbered: dict[str, list[int]]) -> set[str]:
    """The lines seen beside page numbers often enough, the numbers going up a few pages at a
    time, that are not a source list's heading."""
    return {
        key
        for key, numbers in numbered.items()
        if len(numbers) >= _MIN_NUMBERED_FEET
        and all(0 < b - a <= _MAX_PAGE_STEP for a, b in itertools.pairwise(numbers))
        and not _heads_source_list(key)
    }


def _bare_page_number(text: str) -> int | None:
    """The number a line holds alone (1 to 999, no leading zero), else None."""
    number = text.replace(_FORM_FEED, "").strip().strip(_PICTURE_MARKS).strip()
    if number.isascii() and number.isdigit() and len(number) <= 3 and number[0] != "0":
        return int(number)
    return None


def _running_lines_beside_page_numbers(blocks: Sequence[Block]) -> set[str]:
    """Running heads and feet run into the paragraphs around them, no blank line between (as
    extractions of annual reports give them): a line long enough not to repeat by chance that
    stands right before or after a bare page number, three times or more, the numbers going up
    a few pages at a time ("145", then "Amnesty International Report 2012"). A line repeated
    inside blocks without such numbers (a source cited in several notes) is not taken, nor one
    that ends with a stop (a note's text beside the numbers of notes)."""
    numbered: dict[str, list[int]] = defaultdict(list)
    # The pages (form feeds passed) each line stands beside a number on: a running foot stands
    # once a page, a source cited in the notes of one page's foot more often.
    pages: dict[str, list[int]] = defaultdict(list)
    page = 0
    for block in blocks:
        lines = block.lines
        if len(lines) <= 2:
            page += sum(line.text.count(_FORM_FEED) for line in lines)
            continue  # short blocks are counted by find_furniture itself
        for index, line in enumerate(lines):
            page += line.text.count(_FORM_FEED)
            number = _bare_page_number(line.text)
            if number is None:
                continue
            for other in (index - 1, index + 1):
                if not 0 <= other < len(lines):
                    continue
                key = _furniture_key(lines[other].text)
                if key is not None and key.endswith("."):
                    # A note's text under its number (or above the next note's) ends with a
                    # stop; a source cited in several notes repeats so ("6" / "See the
                    # statistical annex to ..."). A running head or foot is no sentence.
                    continue
                if key is not None and len(key) >= _MIN_RUNNING_LINE:
                    numbered[key].append(number)
                    pages[key].append(page)
    if page:
        numbered = {
            key: numbers
            for key, numbers in numbered.items()
            if len(set(pages[key])) == len(pages[key])
        }
    return _kept_numbered_lines(numbered)


#: A running foot that gives its page's number first, after the word "Page", as US government
#: reports set it on every page: "Page 38 GAO/PEMD-91-10.1.9 Case Study Evaluations".
_PAGE_WORD_HEAD = lazy_compile(r"(?:Page|PAGE)\s+[1-9][0-9]{0,3}\s+(\S.*)")
#: Shortest text after "Page N" taken for a running foot's: a report's code at least.
_MIN_PAGED_HEAD = 10


def _paged_head(key: str) -> str | None:
    """The running text of a "Page N <text>" line (the text without the page), or None."""
    if not key.startswith(("Page", "PAGE")):
        return None
    match = _PAGE_WORD_HEAD.fullmatch(key)
    return match.group(1) if match and len(match.group(1)) >= _MIN_PAGED_HEAD else None


def _paged_running_lines(blocks: Sequence[Block]) -> set[str]:
    """Running feet that open with their page's number after "Page" ("Page 38 GAO/PEMD-91-10.1.9
    Case Study Evaluations", "Page 39 ..."), wherever they stand: a PDF's text runs them into
    the paragraphs around them, no blank line between. The text after the number must repeat
    on three pages at least, each with a number of its own; a sentence that starts "Page 12"
    does not repeat so."""
    pages: dict[str, set[str]] = defaultdict(set)
    for block in blocks:
        for line in block.lines:
            if not line.text.lstrip().startswith(("Page", "PAGE")):
                continue
            key = _furniture_key(line.text)
            head = _paged_head(key) if key is not None else None
            if head is not None:
                pages[head].add(key or "")
    return {head for head, lines in pages.items() if len(lines) >= _MIN_NUMBERED_FEET}


#: Lines apart that copies of a running line stand at least (a page holds more lines).
_PAGE_LINES = 15


def _reads_as_entry_head(key: str) -> bool:
    """Whether a line reads as the head of an entry by its authors: names and a year ("National
    Economic Development Authority and Asian Development Bank, 2007."), or names that a comma
    ends ("Philippine Atmospheric, Geophysical and Astronomical Services Administration,"); or
    as an undated entry whole ("About, no date", under each source's name in a Home Office
    bibliography)."""
    if key.lower().endswith((", no date", ", n.d.", ", undated")):
        return True  # a page of a source's site listed with no date: "About, no date"
    if key.endswith("."):
        return _names_then_year(key)
    words = re.findall(r"[^\s,;&.()]+", key)
    return (
        key.endswith(",")
        and len(words) > 1
        and all(word[0].isupper() or word in _AUTHOR_LIST_WORDS for word in words)
    )


def _entry_heads_close(text: str, starts: Sequence[int]) -> bool:
    """Whether copies of a line that reads as an entry's head by its authors
    (``_reads_as_entry_head``) stand, most of them, within a page's lines of the one before:
    the heads of a body's works, one above each title, in a list a PDF's text split after each
    first line; a running line repeats a page apart."""
    close = sum(text.count("\n", a, b) < _PAGE_LINES for a, b in itertools.pairwise(starts))
    return len(starts) > 1 and close * 2 > len(starts) - 1


def _heads_source_list(key: str) -> bool:
    """Whether a line is the heading of a list of sources ("Sources:", "References"): a report
    with a list after each chapter or answer repeats it, and it is still no running head."""
    return SECTION_HEADINGS.get(heading_key(key), "notes") != "notes"


# A running head with its page number at the end, as PDF text gives it on every other page:
# "Being Free in Asia: Country Report 61". Three words at least before the number, which has at
# most three digits (a year is not a page number).
_HEAD_WITH_PAGE = lazy_compile(r"^(\S+(?:\s+\S+){2,})\s+(\d{1,3})$")
# The page number before the head instead, as PDF text gives a running foot whose number stands
# at the left margin, often glued to it: "66.Making the Invisible Visible: Informal Innovation".
_PAGE_WITH_HEAD = lazy_compile(r"^(\d{1,3})\.?\s*([^\W\d_]\S*(?:\s+\S+){2,})$")


def _without_page_number(key: str) -> tuple[str, int | None]:
    match = _HEAD_WITH_PAGE.match(key)
    if match:
        return match.group(1), int(match.group(2))
    match = _PAGE_WITH_HEAD.match(key)
    if match and len(match.group(2)) >= _MIN_RUNNING_LINE:
        # Only a head long enough not to repeat by chance: "3. Ibid., p. 4." is a note.
        return match.group(2), int(match.group(1))
    return key, None


def _numbered_running_heads(counts: Counter[str]) -> set[str]:
    """Heads that repeat with a page number that changes ("Report 61", "Report 63", ...): three
    different numbers at least. Counted lines stand alone in their block, so a sentence that
    ends in a number is not among them."""
    pages: dict[str, set[int]] = {}
    for key in counts:
        head, page = _without_page_number(key)
        if page is not None and head[:1].isupper() and not _heads_source_list(head):
            pages.setdefault(head, set()).add(page)
    return {head for head, numbers in pages.items() if len(numbers) >= 3}


# "2/14": page 2 of 14, as UN documents number their pages.
_PAGE_OF_TOTAL = lazy_compile(r"([1-9][0-9]{0,3})/([1-9][0-9]{0,3})")


def _page_of_total(key: str | None) -> int | None:
    """The total of a "page/total" line, if it is one and the page is within the total."""
    match = _PAGE_OF_TOTAL.fullmatch(key or "")
    if match is None or int(match.group(1)) > int(match.group(2)):
        return None
    return int(match.group(2))


def _page_of_totals(counts: Counter[str]) -> set[int]:
    """Totals that three "page/total" lines standing alone share, each with its own page: a
    fraction or a date ("1/2", "12/2020") standing alone does not repeat so."""
    pages: dict[int, set[str]] = defaultdict(set)
    for key in counts:
        total = _page_of_total(key)
        if total is not None:
            pages[total].add(key)
    return {total for total, keys in pages.items() if len(keys) >= 3}


# A page separator a PDF-to-text converter writes between pages: a rule around the page's word and
# number ("------ PAGINA 44 ------", "=== Page 3 ===").
_PAGE_SEPARATOR = lazy_compile(
    r"[-=*_~]{3,}\s*(?i:page|pagina|página|seite|p\.)\s*\d{1,4}\s*[-=*_~]{3,}"
)


# A page's number between dashes, as word processors set it: "- 5 -", "– 12 –".
_DASHED_PAGE_NUMBER = lazy_compile(r"[-–—]\s*[1-9][0-9]{0,3}\s*[-–—]")
# A folio with a rule on its outer side, as magazine-like reports set it ("272 //" on even
# pages, "// 273" on odd ones; "12 |", "| 13").
_RULED_PAGE_NUMBER = lazy_compile(r"(?://|\|)\s*([1-9][0-9]{0,3})|([1-9][0-9]{0,3})\s*(?://|\|)")


def _shows_page_number(key: str) -> bool:
    """Whether a furniture line gives its page's number: "2/14", "Page 3", "- 5 -", a running
    head with its number ("Report 61"), or the number alone."""
    return (
        _bare_page_number(key) is not None
        or _page_of_total(key) is not None
        or _is_page_number_line(key, 1)
        or _without_page_number(key)[1] is not None
    )


def _is_page_number_line(key: str, block_size: int) -> bool:
    # "Page 12", "Page 3 of 12", "- 5 -" standing alone; bare numbers are not furniture (UN
    # endnote numbers look alike).
    if block_size > 2:
        return False
    words = key.split(None, 4)  # four words or more than four: not all the words of a long line
    if len(words) == 2 and words[0] == "Page" and words[1].isdigit():
        return True
    if (
        len(words) == 4
        and words[0] in ("Page", "page", "PAGE")
        and words[2] in ("of", "OF")
        and words[1].isdigit()
        and words[3].isdigit()
    ):
        return 0 < int(words[1]) <= int(words[3])
    return len(words) <= 3 and (
        _DASHED_PAGE_NUMBER.fullmatch(key) is not None
        or _RULED_PAGE_NUMBER.fullmatch(key) is not None
    )


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def subtract(start: int, end: int, holes: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """``[start, end)`` minus the sorted, merged ``holes``."""
    position = start
    # Skip the holes that end before ``start`` by bisection: a long report has many running
    # headers, and scanning them from the first for every block would be quadratic.
    first = bisect_right(holes, start, key=lambda hole: hole[1])
    for index in range(first, len(holes)):  # not holes[first:], a copy of the rest each call
        hole_start, hole_end = holes[index]
        if hole_end <= position:
            continue
        if hole_start >= end:
            break
        if hole_start > position:
            yield position, hole_start
        position = max(position, hole_end)
    if position < end:
        yield position, end


# --------------------------------------------------------------------------- headings


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class _HeadingLine:
    line: Line
    title_text: str
    markdown: bool


#: Words, at least, of a known heading in title case that heads a list after a paragraph.
_TITLED_HEADING_WORDS = 2

#: Headings that are also everyday words of running text.
_PROSE_WORD_HEADINGS = frozenset({"sources", "literature", "notes", "reference", "attached"})

#: Longer lines are text, not a list's heading (a cheap test before the heading is read).
_KNOWN_HEADING_LENGTH = 80


def _is_known_heading(line: str) -> bool:
    """Whether a line is, whole, the heading of a section the reading knows ("References",
    "## Notes", "BIBLIOGRAPHY"), so that it heads what follows even without a blank line."""
    if len(line) > _KNOWN_HEADING_LENGTH:
        return False
    return _is_known_heading_key(line)


@functools.lru_cache(maxsize=_KEPT_LINE_ANSWERS)
def _is_known_heading_key(line: str) -> bool:
    key = heading_key(line)  # without markup, as for any heading
    return key in SECTION_HEADINGS or key in _LIST_ENDING_HEADINGS


# Headings of what follows a report's sources: annexes and appendices, notes on the authors,
# acknowledgements, glossaries, lists of other things than sources, and the version control and
# terms of reference that close a UK Home Office note.
_BACK_MATTER = lazy_compile(
    r"(?:annex(?:es|e)?|appendix|appendices|chapter|part)\b(?:\s+[0-9ivxlcA-Z]{1,5}\b)?"
    r"|(?:about the authors?|notes on (?:the )?contributors|acknowledge?ments?|glossary|index"
    r"|version control(?: and feedback)?|terms of reference"
    r"|acronyms|abbreviations|list of (?:participants|figures|tables|acronyms|abbreviations"
    r"|interviews|interviewees|organi[sz]ations))\s*$",
    re.IGNORECASE,
)
_BACK_MATTER_LENGTH = 80


def _is_back_matter_heading(line: str) -> bool:
    """Whether a line alone heads the back matter of a report (``_BACK_MATTER``), not a source:
    short, no date, and no list heading (``heading_key`` reads "Annex B: Bibliography" as one)."""
    stripped = line.strip()
    if len(stripped) > _BACK_MATTER_LENGTH or _YEAR_OR_ADDRESS.search(stripped):
        return False
    key = heading_key(stripped)
    if key in SECTION_HEADINGS or key in _LIST_ENDING_HEADINGS:
        return False
    return _BACK_MATTER.match(key) is not None


#: What a line that ends a sentence or a clause ends with: a heading word after it may be a
#: word of the text.
_ENDS_CLAUSE = (".", "?", "!", ":", ";", ",")

#: A heading inside a block starts at the margin (an indented line is part of a layout).
_HEADING_INDENT = 3


#: Words of a line, at most, that may carry a title over from a heading word above it.
_TITLE_LINE_WORDS = 3


def _title_goes_on(line: str) -> bool:
    """Whether a line under a heading word carries on a title broken over short lines, as the
    boxes of a figure give them ("Literature" / "Review and" / "Preliminary" / "Interviews"): a
    few words ending on one that needs the next. A list's first entry under its heading is
    longer, or ends otherwise."""
    words = line.split()
    return 0 < len(words) <= _TITLE_LINE_WORDS and words[-1].lower() in OPEN_WORDS


def _heads_what_follows(key: str, following: str) -> bool:
    """Whether a known heading (``key``, its ``heading_key``) that is no everyday word of
    running text ("References", "Bibliography", "Sources cited", not "Sources" or "Notes")
    heads the line after it: that
    line does not go on with a sentence in lower case. A text with no blank lines at all (a
    PDF's or a web page's copied text) has its lists' headings between such lines. Not before
    a page number alone: a list's running head on each of its pages ("References", "57");
    a number under a heading of notes is its first note's."""
    head = following.strip()
    return (
        key not in _PROSE_WORD_HEADINGS
        and not head[:1].islower()
        and not (head.isdigit() and SECTION_HEADINGS.get(key) != "notes")
    )


#: A page's number alone on its line in lower-case Roman numerals.
_ROMAN_PAGE_NUMBER = lazy_compile(r"[ivxlc]{1,7}")


def _heading_inside_block(
    previous: str, line: str, following: str | None = None, after: str | None = None
) -> bool:
    """Whether ``line``, inside a block after ``previous``, is the heading of a list (or of
    what ends one) that a PDF's text put with no blank line around it: a known heading, not
    written in lower case (a word of a sentence broken over lines), after a line in capitals
    (a running head), or after a line that ends on no word in lower case and no stop (a
    running head in mixed case, "... Energía y desarrollo humanoCAPÍTULO 8") when it ends the
    block (``following`` is None) or the line following it opens a dated entry ("5días (2019),
    “Corredor ...”"). After a paragraph's end, a page number or a running head, a known heading
    that is no everyday word heads the lines after it unless they go on with a sentence
    (``_heads_what_follows``); an everyday word ("Sources", "Notes") needs an entry's evidence
    after it."""
    if not _is_known_heading(line) or len(line) - len(line.lstrip()) > _HEADING_INDENT:
        return False
    plain = _EMPHASIS.sub("", line).strip()
    key = heading_key(plain)
    kind = SECTION_HEADINGS.get(key)
    if plain.islower() or kind == "attachment":
        # Nor "Attachments:" in a list of a letter's parts (what it attaches follows it).
        return False
    if following is not None and heading_key(following) == key:
        # "References" / "references": a heading in small capitals that the text gives twice.
        following, after = after, None
    if _ROMAN_PAGE_NUMBER.fullmatch(previous.strip()):
        # A page's number in Roman numerals ("vii") ends the page above, as one in figures
        # (no letter in lower case) does below.
        previous = "."
    if not any(c.islower() for c in previous):
        return True
    last_words = previous.rsplit(None, 1)[-1:]
    if (
        following is not None
        and key not in _PROSE_WORD_HEADINGS
        and not (last_words and last_words[0][:1].islower())
        and _opens_dated_entry_strictly(following)
    ):
        # "References" before an entry with its own author and date heads it, after a line
        # that ends on no word in lower case (a running foot: "65.Making the Invisible
        # Visible: Informal Innovation in South Africa"), not after "the reports cite their".
        return True
    end = previous.rstrip()[-1:]
    if (
        end
        and not end.islower()
        and end not in _ENDS_CLAUSE
        and not plain.endswith(".")
        and (
            following is None
            or _opens_dated_entry_strictly(following)
            or _opens_with_bullet(following)
            or _heads_what_follows(key, following)
        )
    ):
        # Not "the reports cite their" / "SOURCES" (a sentence goes on after a word in lower
        # case), nor "... Development Studies Policy" / "Notes." (a heading has no full stop).
        return True
    # A heading in capitals after the full stop of a paragraph: a PDF's text keeps no blank
    # line around "REFERENCES".
    letters = [c for c in plain if c.isalpha()]
    if not previous.rstrip().endswith((".", "?", "!")):
        return False
    if len(letters) >= 5 and plain.isupper():
        return True
    if following is not None and _heads_what_follows(key, following):
        return True
    # In title case after a paragraph's full stop, when an author-year entry in a style of its
    # own follows (a journal article's "References" from PDF, "Abel, G. J., ... (2019). ...");
    # the loose IRB form ("AFP. 12 Jan. 1999.") reads in nearly any line, so it is not enough.
    # Or when bulleted works follow, at once or under a one-word sub-heading: an Amnesty annual
    # report's entry ends its last paragraph with "AI country reports/visits", "Reports", then
    # "• Eritrea: ... (AI Index: AFR 64/004/2006)".
    if following is None:
        return False
    words = plain.rstrip(":").split()
    if (
        len(words) >= _TITLED_HEADING_WORDS
        and words[0][:1].isupper()
        and words[-1][:1].isupper()
        and not _is_sentence(following)
    ):
        # A heading of several capitalised words ("Additional Sources Consulted", "Further
        # Reading") is no run of a sentence's words; its list may be of names alone ("IRB
        # databases"), with no date for the test below.
        return True
    if kind not in ("references", "bibliography"):
        return False
    if _opens_with_bullet(following):
        return True
    return (
        after is not None
        and _opens_with_bullet(after)
        and len(following.split()) == 1
        and following.strip().isalpha()
        and following.strip()[:1].isupper()
    ) or (
        # An entry in a research style of its own, with its author and year, on the line after
        # the heading or over the next two (Springer's "Burr, V.: Title." / "Routledge, London
        # (1995)").
        _opens_dated_entry_strictly(following)
        or _opens_dated_research_entry(following)
        or (after is not None and _opens_dated_research_entry(f"{following} {after}"))
    )


def _opens_with_author_year_entry(text: str, block: Block, section: Section) -> bool:
    """Whether a block's first entry, as the list's splitting finds it, reads in author-year
    style: a long list of authors fills its first lines before the year ("Guldberg, O.H., ...,
    Zougmore, R.," / "2018. Chapter 3: ...")."""
    first = next(_entries_of_block(block, section), None)
    return first is not None and _opens_author_year_entry(text[first.start : first.end])


def _opens_author_year_entry(line: str) -> bool:
    """Whether a line opens an entry read, in a style of its own, with its author and year."""
    from provenance.parsers.references import read_list_entry

    entry = read_list_entry(" ".join(line.split()))
    return entry.kind == "author-year" and entry.author is not None and entry.date is not None


def _opens_dated_research_entry(text: str) -> bool:
    """Whether ``text`` opens an entry read, in a research style of its own, with its author
    and year: author-year, or the author and title before the year (Chicago, Springer)."""
    from provenance.parsers.references import read_list_entry

    entry = read_list_entry(" ".join(text.split()))
    return (
        entry.kind in ("author-year", "author-title")
        and entry.author is not None
        and entry.date is not None
    )


#: A name list cut short, as an article's running head ends: no heading ends so.
_ET_AL_END = lazy_compile(r"\bet al\.?\s*$")
#: Words, at most, of a journal's running head naming its first author ("L. Thalheimer et al.").
_AUTHOR_HEAD_WORDS = 5


def _is_author_running_head(line: str) -> bool:
    """Whether a line alone is a journal's running head: a first author and "et al."."""
    stripped = line.strip()
    return (
        stripped[:1].isupper()
        and len(stripped.split()) <= _AUTHOR_HEAD_WORDS
        and _ET_AL_END.search(stripped) is not None
    )


def _heading_candidate(block: Block, text_of: str) -> _HeadingLine | None:
    if len(block.lines) != 1:
        return None
    line = block.lines[0]
    stripped = line.text.strip()
    match = _markdown_heading(line.text)
    if match:
        return _HeadingLine(line, _EMPHASIS.sub("", match.group(2)).strip(), True)
    if len(stripped) > 100 or len(stripped) < 2:
        return None
    plain = _EMPHASIS.sub("", stripped)
    key = heading_key(plain)
    if key in SECTION_HEADINGS or key in _TOC_HEADINGS or key in _LIST_ENDING_HEADINGS:
        if plain.islower() and key in _PROSE_WORD_HEADINGS:
            # "sources" alone on a line is a word of a sentence a two-column page broke up
            # (a heading in small capitals, "endnotes", "reFerences", comes out in lower case
            # too, but is no everyday word).
            return None
        return _HeadingLine(line, plain, False)
    if plain.endswith((",", ";")) or (plain[-1:] == ":" and not plain[:1].isdigit()):
        return None
    number, title = parse_heading_number(plain)
    if number is not None and is_date(plain):
        return None  # "30 December 1994" is a date line, not section 30
    if number is not None and (not title or title[:1].isupper() or title[:1] in "\"'“"):
        if not title and not plain.casefold().startswith(("section", "chapter", "part", "annex")):
            return None
        if _is_author_running_head(plain):
            # "L. Thalheimer et al.": a journal's running head (initial, first author), not
            # section L.
            return None
        # A numbered sentence ("1. The report was ...") is a list item, not a heading.
        if title.endswith(".") and len(title.split()) > 12:
            return None
        return _HeadingLine(line, plain, False)
    letters = [c for c in plain if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters) and not plain.endswith("."):
        return _HeadingLine(line, plain, False)
    return None


# --------------------------------------------------------------------------- main entry


def forget_reference_readings() -> None:
    """Drop the readings of entries the reference reader keeps (for one document at a time),
    if it was loaded at all: a document with no source list and no notes never loads it."""
    references = sys.modules.get("provenance.parsers.references")
    if references is not None:
        references.forget_readings()


def _paragraphs_without(
    text: str, regions: Regions, holes: Sequence[tuple[int, int]], line_index: LineIndex
) -> Regions:
    """``regions`` with their paragraphs cut around ``holes`` (sorted, merged: notes found by
    layout inside them), each piece without its surrounding white space."""
    paragraph = Regions.kind_names.index("paragraph")
    in_holes = Intervals(holes)
    starts, ends, kinds = regions.starts, regions.ends, regions.kinds
    if not any(
        kinds[i] == paragraph and in_holes.overlaps(starts[i], ends[i]) for i in range(len(starts))
    ):
        return regions
    cut = Regions(line_index, len(text))
    names = Regions.kind_names
    for start, end, kind in zip(starts, ends, kinds, strict=True):
        if kind != paragraph or not in_holes.overlaps(start, end):
            cut.append(names[kind], start, end)
            continue
        for piece_start, piece_end in subtract(start, end, holes):
            piece = text[piece_start:piece_end]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                cut.append("paragraph", piece_start + lead, piece_start + len(piece.rstrip()))
    return cut


def _in_order(regions: Regions, line_index: LineIndex, largest: int) -> Regions:
    """The regions by their (start, end), those with the same offsets as they came."""
    starts, ends, kinds = regions.starts, regions.ends, regions.kinds
    if all(
        starts[i] < starts[i + 1] or (starts[i] == starts[i + 1] and ends[i] <= ends[i + 1])
        for i in range(len(starts) - 1)
    ):
        return regions  # most texts: only furniture and notes found by layout come after
    # By end, then (stable) by start: the order of (start, end) pairs without a pair each.
    count = len(starts)
    runs = [0]  # where each stretch in order begins
    for i in range(1, count):
        if starts[i] < starts[i - 1] or (starts[i] == starts[i - 1] and ends[i] < ends[i - 1]):
            runs.append(i)
    ordered = Regions(line_index, largest)
    names = Regions.kind_names
    order: Iterable[int]
    if len(runs) <= _MERGED_RUNS:
        # A few stretches in order (the blocks, then the furniture, then the notes found by
        # layout) merged: no list of every region's number. Equal pairs keep their order by
        # the number, as a stable sort does.
        runs.append(count)
        order = (
            i
            for _start, _end, i in heapq.merge(
                *(
                    zip(starts[a:b], ends[a:b], range(a, b), strict=True)
                    for a, b in itertools.pairwise(runs)
                )
            )
        )
    else:
        # By end, then (stable) by start: the order of (start, end) pairs without a pair each.
        numbers = list(range(count))
        numbers.sort(key=ends.__getitem__)
        numbers.sort(key=starts.__getitem__)
        order = numbers
    for i in order:
        ordered.append(names[kinds[i]], starts[i], ends[i])
    return ordered


#: Stretches in order merged rather than all regions sorted, up to so many.
_MERGED_RUNS = 64


def segment(text: str, line_index: LineIndex) -> Segmentation:
    forget_reference_readings()  # readings of entries are kept for one document at a time
    # Lines are streamed into blocks: a list of every line would hold an object for each blank
    # line too, about 100 bytes a character in a file of blank lines.
    blocks = split_blocks(iter_lines(text))
    furniture = find_furniture(text, blocks)
    furniture_spans = Intervals(furniture)
    # By their first offsets (lines do not overlap), in order as the blocks are: an array, as a
    # set and a sorted list of int objects were about 120 bytes a line of furniture, as many as
    # the lines in a text of running heads.
    furniture_starts = array(offset_typecode(len(text)))
    for block in blocks:
        for line in block.lines:
            if line.text.strip() and furniture_spans.covers(line.start, line.end):
                furniture_starts.append(line.start)

    def is_furniture_line(start: int) -> bool:
        at = bisect_right(furniture_starts, start) - 1
        return at >= 0 and furniture_starts[at] == start

    def furniture_between(start: int, end: int) -> bool:
        """Whether a line of furniture starts between the two offsets (both excluded)."""
        after = bisect_right(furniture_starts, start)
        return after < len(furniture_starts) and furniture_starts[after] < end

    @functools.cache
    def text_width() -> int | None:
        """The width a page wrapped the text at, if it did (read once, when a list needs it)."""
        from provenance.parsers.references import wrap_width

        return wrap_width(len(line.text.rstrip()) for block in blocks for line in block.lines)

    regions = Regions(line_index, len(text))
    headings: list[Heading] = []
    sources = SourceBlocks((), len(text))
    bodies: list[FootnoteBody] = []
    prose = OffsetPairs(len(text))

    def region(kind: RegionKind, start: int, end: int) -> None:
        regions.append(kind, start, end)

    def settled_reading(block: SourceBlock) -> tuple[ReferenceEntry, bool] | None:
        # The reading the document takes (``document._read_references``), if segmentation read
        # that text: kept by its text until the document read it, every entry's reading was
        # held with a copy of its text to the end of segmentation.
        from provenance.parsers.references import join_entry_lines, take_reading

        raw = text[block.start : block.end]
        joined = join_entry_lines(raw)
        entry = take_reading(joined, block.section)
        return None if entry is None else (entry, joined.strip() == " ".join(raw.split()))

    def content_blocks() -> Iterator[Block]:
        # Blocks with their furniture lines removed (a header line inside a block splits nothing).
        for block in blocks:
            kept = tuple(line for line in block.lines if not is_furniture_line(line.start))
            if not kept:
                continue
            footer = next(
                (index for index, line in enumerate(kept) if index and _is_site_footer(line.text)),
                None,
            )
            if footer is not None:
                # A footer right under the last entry, with no blank line: a block of its own.
                yield Block(kept[:footer])
                yield Block(kept[footer:])
                continue
            lead = 0
            while lead < len(kept) and _SITE_FURNITURE.match(kept[lead].text):
                lead += 1
            if lead and (
                len(kept) - lead >= _RUN_ON_LINES
                or any(_is_prose_line(line.text) for line in kept[lead : lead + _PROSE_AFTER_MARK])
            ):
                # Dashes or bullets over text that runs on without a blank line (OCR of a
                # scanned page: "-", "-", then the letter; a PDF's bullet on a line of its own
                # above its item's sentences): the marks are furniture, the text is not, as a
                # site's menu of short link names under its bullets is.
                yield Block(kept[:lead])
                kept = kept[lead:]
            while True:
                if (
                    len(kept) > 1
                    and _is_known_heading(kept[0].text)
                    and not _title_goes_on(kept[1].text)
                ):
                    # Text from a PDF often has no blank line after a heading: "References"
                    # and the first entries in one block. The heading stands on its own.
                    yield Block(kept[:1])
                    kept = kept[1:]
                    continue
                inner = next(
                    (
                        index
                        for index in range(1, len(kept))
                        if _heading_inside_block(
                            kept[index - 1].text,
                            kept[index].text,
                            kept[index + 1].text if index + 1 < len(kept) else None,
                            kept[index + 2].text if index + 2 < len(kept) else None,
                        )
                    ),
                    None,
                )
                if inner is None:
                    yield Block(kept)
                    break
                # Nor before it: a page's running head in capitals, then "References"
                # (and, next time round, its entries).
                yield Block(kept[:inner])
                kept = kept[inner:]

    section: RegionKind | None = None
    in_toc = False
    first_line: tuple[int, int] | None = None
    last_body_number = 0
    have_marked_bodies = False
    notes_lines: list[Line] = []
    notes_next = 1  # the number the next note under a Notes heading would carry
    after_attachment_intro = False
    list_first = 0  # where the entries of the list being read start in ``sources``
    list_starts: list[int] = []  # where each headed list's entries start in ``sources``
    list_level = 0  # the Markdown level of the list's heading (0: not a Markdown heading)
    numbers_before_entries = 0  # page numbers under the list's heading, before its entries
    prose_lines = 0  # lines of running text in a row in a list, each a block of its own
    prose_mark: tuple[int, SourceBlock | None] = (0, None)  # the entries before the first

    # A list that a page's foot notes interrupted ("24 This is not ...", then the next page's
    # running head, then the list goes on): its section, while the notes last.
    paused: RegionKind | None = None
    # Entries of the list being read that a blank line split after their first line.
    first_lines_split = 0
    previous_end = 0

    # A block may be asked up to three times whether it opens with a note number (a list paused
    # by page-foot notes, a list ended by prose, a note body wherever OCR put it): read once.
    @functools.lru_cache(maxsize=1)
    def body_start(start: int, end: int) -> tuple[int, MarkerStyle, int, bool] | None:
        return parse_footnote_body_start(text[start:end])

    for block in content_blocks():
        if (
            section in _LIST_SECTIONS
            and len(block.lines) > 1
            and block.lines[0].text.startswith(_FORM_FEED)
            and _PAGE_NUMBER.fullmatch(block.lines[0].text) is not None
        ):
            # "\f34" atop a PDF's next page, then the list's entries: the page's number, as
            # a number alone after a form feed is (a note's number stands at a page's foot).
            region("furniture", block.lines[0].start, block.lines[0].end)
            block = Block(block.lines[1:])
        candidate = _heading_candidate(block, text)
        if paused is not None and section is None:
            if body_start(block.start, block.end) is not None:
                pass  # the next note at the page's foot
            elif len(block.lines) == 1 and _is_author_running_head(block.lines[0].text):
                pass  # the next page's running head, where too few pages made it furniture
            elif (
                candidate is None
                and furniture_between(previous_end, block.start)
                and (
                    _opens_dated_entry_strictly(block.lines[0].text)
                    or _opens_with_author_year_entry(text, block, _LIST_SECTIONS[paused])
                )
            ):
                # Over the page break the entries go on: the notes were the page's, not a
                # sign that the list had ended.
                section = paused
                paused = None
            else:
                paused = None
        previous_end = block.end
        if (
            candidate is not None
            and section == "notes"
            and _note_start(block.lines[0].text, notes_next) is not None
        ):
            # "1 Interview in Seoul, 1999." under Notes is the next note, not a numbered heading.
            candidate = None
        if (
            section in _LIST_SECTIONS
            and len(block.lines) == 1
            and _is_back_matter_heading(block.lines[0].text)
        ):
            # "ANNEX 1: LIST OF PARTICIPANTS", "About the authors" after a list: the back
            # matter that follows the sources, not an entry (a source list under such a
            # heading, "Annex B: Bibliography", is a list heading, read above as one).
            line = block.lines[0]
            if candidate is None:
                candidate = _HeadingLine(line, _EMPHASIS.sub("", line.text.strip()), False)
            section = None
            headings.append(_make_heading(candidate, line_index))
            region("heading", block.start, block.end)
            continue
        if section in _LIST_SECTIONS and len(block.lines) > 1:
            # "APPENDIX I:" and its title ("SURVEY QUESTIONNAIRE") in one block, perhaps under a
            # PDF's page number: the back matter after the list starts there.
            opening = next(
                (line for line in block.lines if not _PAGE_NUMBER.fullmatch(line.text)), None
            )
            if opening is not None and _is_back_matter_heading(opening.text):
                section = None
                headings.append(
                    _make_heading(
                        _HeadingLine(opening, _EMPHASIS.sub("", opening.text.strip()), False),
                        line_index,
                    )
                )
                region("heading", block.start, block.end)
                continue
        if candidate is not None:
            key = heading_key(candidate.title_text)
            if first_line is None:
                first_line = (block.start, block.end)
            if key in _TOC_HEADINGS:
                in_toc = True
                section = None
                headings.append(_make_heading(candidate, line_index, in_toc=True))
                region("heading", block.start, block.end)
                continue
            if in_toc:
                toc = parse_toc_entry(_BULLET.sub("", candidate.title_text))
                if toc is not None and toc[2] is not None:
                    headings.append(_make_heading(candidate, line_index, in_toc=True))
                    region("toc", block.start, block.end)
                    continue
                in_toc = False
            if key in SECTION_HEADINGS:
                section = SECTION_HEADINGS[key]
                if key in _CONSULTED_HEADINGS and any(s.section == "references" for s in sources):
                    # "Reference", then "Sources Consulted" (an IRB response of the 1990s): what
                    # was consulted beside what is cited, the role of "Additional Sources
                    # Consulted", not a second list of references.
                    section = "additional-sources"
                list_first = len(sources)
                first_lines_split = 0
                list_starts.append(list_first)
                numbers_before_entries = 0
                list_level = _markdown_level(candidate)
                region("heading", block.start, block.end)
                headings.append(_make_heading(candidate, line_index))
                continue
            if key in _LIST_ENDING_HEADINGS:
                section = None
                region("heading", block.start, block.end)
                headings.append(_make_heading(candidate, line_index))
                continue
            if section in _LIST_SECTIONS and list_level and _markdown_level(candidate) > list_level:
                # "## Bibliography", then "### NGO reports" and its entries: a bibliography
                # grouped under sub-headings goes on under each of them.
                headings.append(_make_heading(candidate, line_index))
                region("heading", block.start, block.end)
                continue
            if section is not None and not candidate.markdown and section != "notes":
                # Inside a source list a short capitalised line ("IRB Databases") is an entry.
                pass
            else:
                section = None
                headings.append(_make_heading(candidate, line_index))
                region("heading", block.start, block.end)
                continue
        if in_toc:
            toc_entry = parse_toc_entry(_BULLET.sub("", block.lines[0].text.strip()))
            if len(block.lines) == 1 and toc_entry is not None and toc_entry[2] is not None:
                headings.append(
                    Heading(
                        text=block.lines[0].text.strip(),
                        number=toc_entry[0],
                        title=toc_entry[1],
                        span=line_index.span(block.start, block.end),
                        in_toc=True,
                    )
                )
                region("toc", block.start, block.end)
                continue
            in_toc = False
        if first_line is None:
            first_line = (block.lines[0].start, block.lines[0].end)

        if section == "notes":
            notes_lines.extend(block.lines)
            notes_next = _next_note_number(block.lines, notes_next)
            region("notes", block.start, block.end)
            continue
        if section in _LIST_SECTIONS and _LIST_ENDING_MARKUP.match(block.lines[0].text):
            # An image or a quotation after a list in Markdown: the text goes on, the list
            # is over (no entry of a list is a picture or a quoted passage).
            section = None
        if section in _LIST_SECTIONS and _is_site_footer(block.lines[0].text):
            # The page's footer after its list of sources: the list is over.
            section = None
            region("furniture", block.start, block.end)
            continue
        if _SITE_FURNITURE.match(block.lines[0].text):
            region("furniture", block.start, block.end)
            continue
        list_section = _LIST_SECTIONS.get(section) if section is not None else None
        numbered_entry = False
        if list_section is not None and (
            _opens_note(block.lines[0].text) or _number_over_text(block)
        ):
            if _is_numbered_entry(text[block.start : block.end], list_section):
                # "[1] Des Forges, Alison. Leave None to Tell the Story. ... 1999.": a numbered
                # list of sources, which the text calls by number: an entry of the list, and
                # the body of note 1 too (read below).
                numbered_entry = True
            else:
                # Notes after the list ("[3] Interview ...", or "[3]" whose text the copy
                # lost): the list has ended, unless entries follow on the next page.
                paused = section
                section = list_section = None
        if list_section is not None and _is_prose(text[block.start : block.end]):
            # "Research methodology" and its paragraphs after a bibliography: the list is over,
            # and the short line before the prose was its heading, not an entry.
            if len(sources) > list_first and all(
                _is_bare_name_line(text[b.start : b.end]) for b in sources.iter_from(list_first)
            ):
                # Nothing but short capitalised lines since the list's heading: that heading
                # was a contents page's last line ("REFERENCES"), and the lines the headings of
                # the chapter it led to ("ONE", "Contextual" / "Overview").
                sources.truncate(list_first)
            elif sources and _is_bare_name_line(text[sources[-1].start : sources[-1].end]):
                sources.pop()
            if body_start(block.start, block.end) is not None or (
                sources and _opens_author_year_entry(text[sources[-1].start : sources[-1].end])
            ):
                # A note at the page's foot ("24 This is not ..."), or the other column's
                # paragraphs beside an author-year list (a journal's CRediT statement between
                # "Funk, C., ..., 2016." and the next page's "Guldberg, O.H., ..., 2018."):
                # the list may go on over the page break.
                paused = section
            section = list_section = None
        if list_section is not None and _SECTION_NUMBER.fullmatch(text[block.start : block.end]):
            # A section's number alone in a list ("2.3", "6.5."): a PDF's margin note of the
            # chapter the entries below serve; no entry is a bare number.
            region("furniture", block.start, block.end)
            continue
        if list_section is not None and _PAGE_NUMBER.fullmatch(text[block.start : block.end]):
            # A page number between a PDF's pages ("55", "viii"): no entry is a bare number.
            region("furniture", block.start, block.end)
            if len(sources) - list_first <= _TOC_TITLES_AFTER and all(
                _is_bare_name_line(text[b.start : b.end]) for b in sources.iter_from(list_first)
            ):
                numbers_before_entries += 1
                if numbers_before_entries >= _TOC_PAGE_NUMBERS:
                    # "References" (perhaps a title or two, "VII Annexes") then "1", "2", "3",
                    # ...: the last titles of a contents page whose page numbers a PDF's text
                    # sets after its titles, not a list.
                    sources.truncate(list_first)
                    section = None
            continue
        if (
            list_section is not None
            and _DATE_PIECES.fullmatch(text[block.start : block.end])
            and not (sources and _stops_mid_entry(text[sources[-1].start : sources[-1].end]))
        ):
            # A PDF's text that scattered a justified entry's words over blocks ("22,", "Nov",
            # "(2019, Jul 11). Retrieved", "29). Retrieved Aug 18, 2022,"): pieces of a date and
            # the words of an access note, no entry; left out, which entry's they were unknown.
            # Not after an entry that stops on "p." or a comma: its page number or year.
            region("furniture", block.start, block.end)
            continue
        if list_section is not None:
            if len(block.lines) == 1 and _is_prose_line(block.lines[0].text):
                if not prose_lines:
                    prose_mark = (len(sources), sources[-1] if sources else None)
                prose_lines += 1
                if prose_lines >= _PROSE_LINES:
                    # Lines of running text, each a block of its own (a PDF's text with a blank
                    # line after every line): the list ended before the first of them, which
                    # were taken for entries or their lines; they are not.
                    kept, last = prose_mark
                    sources.truncate(kept)
                    if last is not None:
                        sources[kept - 1] = last
                    section = list_section = None
                    prose_lines = 0
            else:
                prose_lines = 0
        if list_section is not None:
            region(list_section, block.start, block.end)
            entry_so_far = text[sources[-1].start : sources[-1].end] if sources else ""
            if (
                sources
                and sources[-1].section == list_section
                and sources[-1].legend is None
                and (
                    _continues_entry(block, entry_so_far)
                    or (first_lines_split >= _SPLIT_EVIDENCE and _second_half(block, entry_so_far))
                )
            ):
                # PDF text breaks an entry's URL or title onto a block of its own.
                if "\n" not in entry_so_far:
                    first_lines_split += 1
                sources[-1] = attrs.evolve(sources[-1], end=block.end)
                continue
            dated_list = _dated_list(text, sources, list_first, 0)
            block_entries = list(_entries_of_block(block, list_section, dated_list, text_width()))
            if (
                sources
                and sources[-1].section == list_section
                and sources[-1].legend is None
                and not _opens_list_mark(block.lines[0].text)
                and (
                    (
                        not _INVERTED_NAME.match(block.lines[0].text.strip())
                        and _undated_so_far(entry_so_far)
                        and _dated_list(text, sources, list_first)
                    )
                    or _numbered_entry_goes_on(text, sources, list_first, block.lines[0].text)
                )
            ):
                # A PDF's text broke an entry of a dated list before its date, with a blank
                # line ("... Mt. Pinatubo Emergency-Project" / "Management Office, 2007.
                # Pinatubo Hazard ..."): the block's first entry is the rest of it, whatever it
                # reads as alone (unless it opens with a person's name inverted, "Yen, B., &
                # Duc, N. (2022, 06 04)."); the entries after it in the block are their own.
                # So too in a list numbered entry by entry, for a block with no number.
                sources[-1] = attrs.evolve(sources[-1], end=block_entries[0].end)
                block_entries = block_entries[1:]
            sources.extend(block_entries)
            # The entries before the last are settled: their readings go to them.
            sources.settle(settled_reading, len(sources) - 1)
            if not numbered_entry:
                continue

        # A note body wherever OCR put it: a block that starts with a note number.
        body = body_start(block.start, block.end)
        if body is None and numbered_entry:
            continue
        if body is not None:
            number, style, offset, recovered = body
            # A bare number ("6Another", "2 The") may start a list item or a figure; it only
            # starts a note when it continues the numbering of notes with proper markers.
            guessed = recovered or style == "plain"
            accept = not guessed or (
                have_marked_bodies and last_body_number < number <= last_body_number + 3
            )
            if accept:
                have_marked_bodies = have_marked_bodies or not guessed
                found = _bodies_in_block(
                    text, line_index, block, number, offset, recovered, furniture
                )
                bodies.extend(found)
                last_body_number = found[-1].number
                if not numbered_entry:
                    region("footnote", block.start, block.end)
                continue
            if numbered_entry:
                continue

        if after_attachment_intro and _looks_like_entry(text[block.start : block.end]):
            region("attachment", block.start, block.end)
            sources.append(SourceBlock("attachment", block.start, block.end))
            sources.settle(settled_reading, len(sources) - 1)
            continue
        after_attachment_intro = _introduces_attachments(text[block.start : block.end])

        region("paragraph", block.start, block.end)
        for start, end in subtract(block.start, block.end, furniture):
            prose.append(start, end)

    headed: list[FootnoteBody] = []
    if notes_lines:
        headed = _numbered_notes(text, line_index, notes_lines)
        bodies.extend(headed)
    # Under a Notes heading the notes are there: a note it lacks is lost, not somewhere above
    # (where the numbering would take a numbered paragraph, "24.    APE recommended", for it).
    # Where the heading's notes begin: the first line under it, since a note whose number stands
    # in a column apart from its text has no body in the heading's reading.
    notes_from = min((body.span.start for body in headed), default=0)
    if headed:
        notes_from = min(notes_from, notes_lines[0].start)

    # Notes the headings did not lead to: found by their numbering and their calls.
    in_sources = Intervals((block.start, block.end) for block in sources)
    # In arrays, not a list of pairs: a tuple and two int objects a line.
    content_lines = OffsetPairs(len(text))
    for block in content_blocks():
        for line in block.lines:
            if not in_sources.overlaps(line.start, line.end):
                content_lines.append(line.start, line.end)
    chain = find_note_chain(text, line_index, content_lines, prose)
    del content_lines  # not held while the rest is made
    if chain is not None:
        chained = list(_chain_bodies(text, line_index, chain, furniture))
        in_chain = Intervals((body.span.start, body.span.end) for body in chained)
        overlapped = [b for b in bodies if in_chain.overlaps(b.span.start, b.span.end)]
        if len(chained) > len(overlapped):
            # The numbering read more notes where the heading-led reading ran notes together
            # (a lost note stops it): the numbering's reading wins there.
            bodies = [b for b in bodies if not in_chain.overlaps(b.span.start, b.span.end)]
        known = {body.number for body in bodies}
        taken = Intervals((body.span.start, body.span.end) for body in bodies)
        by_layout = [
            body
            for body in chained
            if body.number not in known
            and not taken.overlaps(body.span.start, body.span.end)
            and body.span.start >= notes_from
        ]
        if by_layout:
            bodies.extend(by_layout)
            holes = _merge([(body.span.start, body.span.end) for body in by_layout])
            prose = OffsetPairs.of(
                (piece for start, end in prose for piece in subtract(start, end, holes)),
                len(text),
            )
            # A paragraph block the notes stand in (no blank line around them) is read as
            # running text around them only: its sentences are not read twice, as the note's.
            regions = _paragraphs_without(text, regions, holes, line_index)
            for note in by_layout:
                region("footnote", note.span.start, note.span.end)

    sources.settle(settled_reading, len(sources))
    sources = _without_unread_lists(text, sources, list_starts)
    if not sources:
        # A list of sources that lost its heading still ends the document, entry by entry.
        in_notes = Intervals((body.span.start, body.span.end) for body in bodies)
        tail = ContentLines(len(text))
        for block in content_blocks():
            for index, line in enumerate(block.lines):
                if not in_notes.overlaps(line.start, line.end):
                    tail.append(line.start, line.end, index == 0)
        entries = trailing_source_list(text, tail)
        del tail
        if entries:
            sources.extend(SourceBlock("source-list", start, end) for start, end in entries)
            list_start, list_end = entries[0][0], entries[-1][1]
            region("source-list", list_start, list_end)
            prose = OffsetPairs.of(
                (
                    piece
                    for start, end in prose
                    for piece in subtract(start, end, [(list_start, list_end)])
                ),
                len(text),
            )

    # The lines are read: an object a line (and a tuple a block) is not held while the regions
    # of the furniture are made, as many as the lines in a text of running heads.
    blocks.clear()

    # A source legend in the first notes: short forms the other notes cite sources by.
    ordered = sorted(bodies, key=lambda b: b.span.start)
    citing = [note.text for note in ordered if note.number > LEGEND_NOTES]
    for index, note in enumerate(ordered):
        if note.number > LEGEND_NOTES:
            continue
        stretch_end = ordered[index + 1].span.start if index + 1 < len(ordered) else note.span.end
        for entry in source_legend(text, note.span.start, stretch_end, citing):
            sources.append(SourceBlock("source-list", entry.start, entry.end, entry.item))

    for start, end in furniture:
        region("furniture", start, end)
    forget_body_starts()
    return Segmentation(
        regions=_in_order(regions, line_index, len(text)),
        headings=tuple(headings),
        furniture=furniture,
        sources=sources,
        bodies=tuple(sorted(bodies, key=lambda b: b.span.start)),
        prose=prose,
        first_line=first_line,
    )


#: A headed list whose entries no style reads, this many or more, is not taken for a list.
_UNREAD_LIST_ENTRIES = 3


def _without_unread_lists(text: str, sources: SourceBlocks, list_starts: list[int]) -> SourceBlocks:
    """``sources`` without the headed lists of which no entry reads as a source (a heading's
    word in a table, a list of names or of figures, a list laid out in a way not read). Kept,
    such lines would stand as entries that match no citation, each a false finding, and the
    document would pass as one whose list was read; dropped, the checks say that no list could
    be read (``unreadable-source-list``) and the reading of the other lists stands."""
    if not sources:
        return sources  # no list: the reference reader is not loaded for nothing
    from provenance.parsers.references import read_list_entry

    if not isinstance(sources, SourceBlocks):
        sources = SourceBlocks(sources, len(text))  # given as a list (in tests)

    def kind_of(index: int) -> str:
        source = sources[index]
        raw = text[source.start : source.end]
        settled = sources.reading(index, plain=True)
        if settled is not None:
            return settled.kind  # the same text read: its reading was handed to the entry
        return read_list_entry(" ".join(raw.split()), source.section).kind

    bounds = [*list_starts, len(sources)]
    unread: set[int] = set()
    for first, after in itertools.pairwise(bounds):
        entries = range(first, after)
        kinds = [kind_of(index) for index in entries]
        # A year or an address, whether or not a style reads the entry whole ("Title, 5 June
        # 2024. Accessed: 24 July 2024" is read by none).
        # A byte each, not a list's pointer (the peak of reading a long list was here).
        dated = bytearray(
            _YEAR_OR_ADDRESS.search(text[sources[index].start : sources[index].end]) is not None
            for index in entries
        )
        if sum(dated) * 2 > len(dated) and "irb" not in kinds:
            # A list of dated sources that groups a publisher's works under its name, as a
            # heading of its own ("The Daily Star", then "Cancellation of 30pc quota ..., 5 June
            # 2024"; a UK Home Office note as GOV.UK serves it): the name alone on its line, with
            # a dated work after it, is no entry. Not in an IRB list ("Reuters. 11 November
            # 1994. ..."), which names the databases it consulted one a line among its entries.
            unread.update(
                first + offset
                for offset in range(len(kinds) - 1)
                if kinds[offset] == "name-only"
                and dated[offset + 1]
                and sources[first + offset].legend is None
                and _is_publisher_line(
                    text[sources[first + offset].start : sources[first + offset].end]
                )
                and _stands_alone(text, sources[first + offset])
            )
        if kinds.count("author-year") * 2 > len(kinds):
            # A list in the author-year style ("Zetter, R. (2007). ...") grouped under short
            # sub-headings ("Reports of international organisations", "Academic literature"):
            # a line that is a sub-heading's look, with an entry after it, is no entry.
            unread.update(
                first + offset
                for offset, kind in enumerate(itertools.islice(kinds, max(0, len(kinds) - 1)))
                if kind in ("name-only", "unstructured")
                and sources[first + offset].legend is None
                and _is_bare_name_line(
                    _EMPHASIS.sub(
                        "", text[sources[first + offset].start : sources[first + offset].end]
                    )
                )
                and "\n" not in text[sources[first + offset].start : sources[first + offset].end]
            )
        # A short sub-heading of a list of bulleted entries ("AI country reports/visits",
        # "Report", then "• Europe and Central Asia: Summary of ..."): no entry itself.
        unread.update(
            first + offset
            for offset, kind in enumerate(itertools.islice(kinds, max(0, len(kinds) - 1)))
            if kind in ("name-only", "unstructured")
            and sources[first + offset].legend is None
            and "\n" not in text[sources[first + offset].start : sources[first + offset].end]
            and _is_bare_name_line(
                text[sources[first + offset].start : sources[first + offset].end]
            )
            and text[sources[first + offset + 1].start :].lstrip().startswith(_BULLETS)
        )
        # A source's name alone with a comma ("Human Dignity Trust,"), then its works
        # ("Algeria, last updated 26 June 2026", "Who we are, no date"): a bibliography that
        # groups the works of one source so (UK Home Office notes) heads them with the name,
        # which is no entry itself.
        unread.update(
            first + offset
            for offset in range(len(kinds) - 1)
            if sources[first + offset].legend is None
            and _is_group_name_line(
                text[sources[first + offset].start : sources[first + offset].end]
            )
        )
        unread.update(first + offset for offset in _list_notes(text, sources, first, kinds, dated))
        if (
            after < len(sources)
            and len(entries) <= _LIST_PREFACE_ENTRIES
            and all(
                kind in ("unstructured", "label", "prose")
                and sources[index].section in ("references", "bibliography")
                and _is_sentence(text[sources[index].start : sources[index].end])
                for index, kind in zip(entries, kinds, strict=True)
            )
        ):
            # "Bibliography", "Unless otherwise stated, all sources were accessed between 13 and
            # 20 July 2026", "Sources cited": a sentence between a list's heading and the heading
            # of its first part prefaces the list.
            unread.update(entries)
        if (
            len(entries) >= _UNREAD_LIST_ENTRIES
            or all(
                _is_sentence(text[sources[index].start : sources[index].end])
                and _YEAR_OR_ADDRESS.search(text[sources[index].start : sources[index].end]) is None
                for index in entries
            )
        ) and all(
            sources[index].legend is None
            and kind in ("unstructured", "name-only")
            and sources[index].section in ("references", "bibliography")
            for index, kind in zip(entries, kinds, strict=True)
        ):
            # Three or more entries no style reads, or fewer that are sentences with no date or
            # address ("Thanks to everyone that took the time to be interviewed."): no list.
            unread.update(entries)
        else:
            unread.update(_trailing_menu(text, sources, first, kinds))
    if not unread:
        return sources
    return sources.without(unread, len(text))


#: Share of a list's other entries that have a year or an address for an undated paragraph
#: before them to be the list's note, not an entry.
_DATED_SHARE = 0.75


def _list_notes(
    text: str, sources: Sequence[SourceBlock], first: int, kinds: Sequence[str], dated: bytearray
) -> list[int]:
    """Offsets in one list of the entries before its first dated one that are a note about the
    list, not sources: sentences with no year or address ("This article makes use of material
    translated from ...", "NB. Sources directly cited in the Framework are listed below. ...")
    above entries that are nearly all dated. A sentence counts when no style reads a source in
    it, or when it is a paragraph (two sentences, as many words as running text has), longer
    than an undated entry ("Human Rights Watch. World report on ..."); the short capitalised
    lines right above such a note are its heading ("Note on sources")."""
    lead = 0
    while lead < len(dated) and not dated[lead]:
        lead += 1
    rest = dated[lead:]
    if not lead or not rest or sum(rest) < _DATED_SHARE * len(rest):
        return []
    notes: list[int] = []
    for offset in range(lead):
        source = sources[first + offset]
        entry = text[source.start : source.end]
        words = entry.split()
        if source.legend is not None or not _is_sentence(entry):
            continue
        if kinds[offset] in ("unstructured", "name-only", "label", "prose") or (
            len(words) >= _PROSE_WORDS and len(_SENTENCE_END.findall(entry)) >= 2
        ):
            above = offset
            while above and _is_bare_name_line(
                text[sources[first + above - 1].start : sources[first + above - 1].end]
            ):
                above -= 1
            notes.extend(range(above, offset + 1))
    return notes


def _trailing_menu(
    text: str, sources: Sequence[SourceBlock], first: int, kinds: Sequence[str]
) -> range:
    """The entries that end a read list but are a web page's menu after it: a run of three or
    more lines no style reads, most of them short capitalised names with no date ("READ MORE",
    "WHO WE ARE", "About us", "Our Team"), up to the list's end. A page copied with its
    navigation keeps the menu right under the last source; a list of serials written one name
    a line ("Africa Confidential") is a list of its own, which no read entry comes before."""
    run = len(kinds)
    while (
        run
        and kinds[run - 1] in ("unstructured", "name-only", "prose", "label")
        and sources[first + run - 1].legend is None
        and sources[first + run - 1].section in ("references", "bibliography")
    ):
        run -= 1
    trailing = range(first + run, first + len(kinds))
    if not run or len(trailing) < _UNREAD_LIST_ENTRIES:
        return range(0)
    names = sum(
        _is_bare_name_line(_EMPHASIS.sub("", text[sources[index].start : sources[index].end]))
        for index in trailing
    )
    return trailing if names * 2 > len(trailing) else range(0)


#: A list's preface before the heading of its first part has at most this many paragraphs.
_LIST_PREFACE_ENTRIES = 2
#: Words a sentence of prose has at least (a title may be shorter).
_SENTENCE_WORDS = 6


def _is_group_name_line(text: str) -> bool:
    """A source's name alone on a line, ending in a comma: the heading of its works below."""
    stripped = text.strip()
    return (
        "\n" not in stripped
        and stripped.endswith(",")
        and stripped[:1].isupper()
        and len(stripped.split()) <= _GROUP_NAME_WORDS
        and _YEAR_OR_ADDRESS.search(stripped) is None
    )


#: Words of a source's name heading its works (longer lines are entries or prose).
_GROUP_NAME_WORDS = 8


_BLANK_BEFORE = lazy_compile(r"\n[ \t]*\n[ \t]*$")
_BLANK_AFTER = lazy_compile(r"[ \t]*(?:\n[ \t]*\n|\n?[ \t]*$)")


def _stands_alone(text: str, source: SourceBlock) -> bool:
    """Whether an entry is a block of its own, blank lines around it: a heading's layout, not the
    first line of a block of lines that the list's styles cut into entries."""
    before = text[max(0, source.start - 20) : source.start]
    return (source.start == 0 or _BLANK_BEFORE.search(before) is not None) and (
        _BLANK_AFTER.match(text, source.end) is not None
    )


def _is_publisher_line(text: str) -> bool:
    """A source's name alone on a line, as a heading of its works: capitalised, no longer than
    a name heading its works, no full stop or comma at its end, no year or address."""
    stripped = _EMPHASIS.sub("", text).strip()
    return (
        "\n" not in stripped
        and stripped[:1].isupper()
        and len(stripped.split()) <= _GROUP_NAME_WORDS
        and not stripped.endswith((".", ",", ":"))
        and _YEAR_OR_ADDRESS.search(stripped) is None
    )


def _is_sentence(text: str) -> bool:
    """Prose more than a title: enough words, and most of them in lower case."""
    words = text.split()
    return len(words) >= _SENTENCE_WORDS and sum(w[:1].islower() for w in words) * 2 >= len(words)


def _markdown_level(candidate: _HeadingLine) -> int:
    """The level of a Markdown heading ("### Books": 3), 0 for a heading of another kind."""
    match = _markdown_heading(candidate.line.text) if candidate.markdown else None
    return len(match.group(1)) if match else 0


def _make_heading(candidate: _HeadingLine, line_index: LineIndex, in_toc: bool = False) -> Heading:
    title_text = _BULLET.sub("", candidate.title_text)
    if in_toc:
        toc = parse_toc_entry(title_text)
        if toc is not None:
            number, title, _page = toc
            return Heading(
                title_text,
                number,
                title,
                line_index.span(candidate.line.start, candidate.line.end),
                True,
            )
    number, title = parse_heading_number(title_text)
    return Heading(
        text=title_text,
        number=number,
        title=title,
        span=line_index.span(candidate.line.start, candidate.line.end),
        in_toc=in_toc,
    )


#: A section's number alone: "2.3", "6.5.".
_SECTION_NUMBER = lazy_compile(r"\s*[1-9][0-9]?(?:\.[0-9]{1,2})+\.?\s*")
#: Entries numbered one after the other that make a list a numbered one.
_NUMBERED_RUN = 3


def _numbered_entry_goes_on(
    text: str, sources: Sequence[SourceBlock], list_first: int, first: str
) -> bool:
    """Whether a block's first line (``first``), with no number of its own, goes on with the
    last entry of a list whose last ``_NUMBERED_RUN`` entries open with numbers one after the
    other ("15 Rubanov I.V. Lake-soil salt accumulation ...", a blank line, "Tashkent,
    Publishing House “FAN”, USSR, 1977."): in such a list every entry opens with its number."""
    from provenance.parsers.references import list_number

    if list_number(first) is not None or len(sources) - list_first < _NUMBERED_RUN:
        return False
    numbers = []
    for source in sources[len(sources) - _NUMBERED_RUN :]:
        number = list_number(text[source.start : source.end].partition("\n")[0])
        if number is None:
            return False
        numbers.append(number)
    return all(b == a + 1 for a, b in itertools.pairwise(numbers))


def _dated_list(
    text: str, sources: Sequence[SourceBlock], list_first: int, reading: int = 1
) -> bool:
    """Whether the entries of the list being read (from ``list_first`` on) are dated: at least
    two of its last ``_DATED_LOOKBACK`` entries before the ``reading`` last ones (the entry
    being read), and most of them, hold a year or an address."""
    last = len(sources) - reading
    recent = range(max(list_first, last - _DATED_LOOKBACK), last)
    dated = sum(
        _YEAR_OR_ADDRESS.search(text[sources[i].start : sources[i].end]) is not None for i in recent
    )
    return dated >= 2 and dated * 2 > len(recent)


def _entries_of_block(
    block: Block, section: Section, dated_list: bool = False, width: int | None = None
) -> Iterator[SourceBlock]:
    # Entries are separated by blank lines; a block whose lines each look complete is a list
    # written one entry a line (no blank lines), which the reference grammar splits (``width``:
    # the text's wrap width, if a page wrapped it).
    from provenance.parsers.references import entry_starts

    texts = [line.text for line in block.lines]
    starts = entry_starts(texts, width) if len(texts) > 1 else [0]
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    if len(starts) > 1:
        dated = _opens_dated_entry_strictly(texts[0])
        longest = max(len(t.strip()) for t in texts)
        kept = [0]
        for index in starts[1:]:
            so_far = " ".join(texts[kept[-1] : index])
            if _starts_next_entry(texts, index, dated, longest) and not _date_to_come(
                texts, index, so_far, dated_list
            ):
                kept.append(index)
        starts = kept
    bounds = [*starts, len(block.lines)]
    for first, after in itertools.pairwise(bounds):
        if after <= first:
            continue
        yield SourceBlock(section, block.lines[first].start, block.lines[after - 1].end)


def _starts_next_entry(texts: Sequence[str], index: int, dated: bool, longest: int) -> bool:
    """Whether line ``index`` of a block of a source list starts the next entry. Not when the
    text before it stops mid-entry ("... Office of the President of the") or the line goes on
    with a small word ("and Welfare Program (2009)"); in a block that opens with an author and
    a date, after a line broken at the measure of the page (long, and ending on a word with no
    closing mark, or on an initial) only a line that opens with its own author and date: a
    PDF's hard-wrapped entry ("Ebi, Kristie L. (2009): Public Health Adaptation to Climate" /
    "Change in Low-Income Countries," ...) is one entry, whatever its later lines would read
    as alone. ``longest`` is the length of the block's longest line."""
    line = texts[index]
    if _opens_list_mark(line):
        # A bullet or list number opens the next entry; not a dash after a line that stops on a
        # word, in a block that opens with no mark ("(2023). Women, Business and the Law -
        # Gender Equality, Women Economic Empowerment" / "- World Bank Group. https://..."):
        # there it is a title's dash where the line broke.
        return (
            _opens_list_mark(texts[0])
            or _ENDS_ENTRY.search(texts[index - 1]) is not None
            or line.lstrip().startswith(_BULLETS)
        )
    words = line.split(None, 1)
    if _stops_mid_entry(_text_before(texts, index)) or (words and words[0] in OPEN_WORDS):
        return False
    previous = texts[index - 1].strip()
    wrapped = len(previous) >= _WRAPPED_SHARE * longest and (
        not _ENDS_ENTRY.search(previous) or _ENDS_ON_INITIAL.search(previous)
    )
    if not dated or not wrapped or _opens_dated_entry_strictly(line):
        return True
    # Its author and date may fill the line, with the title on the next ("Tun, T., Welle, B.,
    # ... & Escalante, D. (2020)." / "Informal and Semiformal Services ...").
    return index + 1 < len(texts) and _opens_dated_entry_strictly(f"{line} {texts[index + 1]}")


def _date_to_come(texts: Sequence[str], index: int, so_far: str, dated_list: bool) -> bool:
    """Whether line ``index`` of a block goes on with the entry before it (``so_far``, its
    text from its first line) because that entry's date is still to come: so far only its
    authors and year ("National Economic Development Authority and Asian Development Bank,
    2007." / "Provincial Development and Physical Framework Plan, ..."), or more than a name
    with no year or address, stopping where no entry ends, in a block whose later lines give
    a year or an address ("... Cleaning Up the Environment:" / "Progress Achieved but Major"
    / ... "Washington, D.C.: July 21, 1982."), or in a list whose entries are dated
    (``dated_list``: the date may come after a blank line). A line opening with a list mark,
    or with its own author and date, starts an entry all the same."""
    line = texts[index]
    if _opens_list_mark(line) or _opens_dated_entry_strictly(line):
        return False
    if _names_then_year(" ".join(so_far.split())):
        return True
    if (
        dated_list
        and len(texts) == _UNDATED_PAIR
        and _YEAR_OR_ADDRESS.search(" ".join(texts)) is None
        and not _INVERTED_NAME.match(line.strip())
    ):
        # "UNDP Bangkok Regional Hub." / "Digital Maturity Model (DDRRMM).", then its address
        # after a blank line: in a list whose entries are dated, a block of two lines with no
        # year or address is one entry that lacks its date (a body and its title), not two.
        return True
    return _undated_so_far(so_far) and (
        dated_list or _YEAR_OR_ADDRESS.search(" ".join(texts[index:])) is not None
    )


#: Lines of a block read as one undated entry in a dated list.
_UNDATED_PAIR = 2

#: Bullets that no title or number carries where a line broke (unlike a dash, "Women, Business
#: and the Law" / "- Gender Equality", or a number, "Pliego de Tarifas Nº" / "21. Aprobado").
_BULLETS = ("•", "●", "▪", "◦")


def _opens_with_bullet(line: str) -> bool:
    """Whether a line opens with a bullet: one of ``_BULLETS``, or a character of a private use
    area, which is what a PDF's text makes of a symbol font's bullet glyph."""
    first = line.lstrip()[:1]
    return first != "" and (first in _BULLETS or unicodedata.category(first) == "Co")


def _text_before(texts: Sequence[str], index: int) -> str:
    """The lines before ``index`` that ``_stops_mid_entry`` reads: the last ones that hold
    ``_STOPPED_ENTRY_WORDS`` words, or all of them when they hold fewer (joining every line
    before each candidate start made a long list's reading quadratic)."""
    first, words = index, 0
    while first > 0 and words < _STOPPED_ENTRY_WORDS:
        first -= 1
        words += len(texts[first].split())
    return " ".join(texts[first:index])


#: A line at least this share of the block's longest was broken at the measure of the page.
_WRAPPED_SHARE = 0.75
# A line that ends on an initial ("... Undersecretary Alicia R.") goes on with the name.
_ENDS_ON_INITIAL = lazy_compile(r"(?:^|\s)[A-Z]\.$")
# How a line may end an entry: a full stop, a closing bracket or quote, a number, an address.
_ENDS_ENTRY = lazy_compile(r"(?:[.)\]\"”’'\d]|https?://\S+|\.\w{2,4}/?)\s*$")


# An entry of its own without a date opens with an inverted name: "Ansell, A. and J. Gingrich,".
_INVERTED_NAME = lazy_compile(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?, (?:[A-Z]\.|[A-Z][a-z]+ )")
#: Entries split after their first line that show a list's text splits them so.
_SPLIT_EVIDENCE = 2


def _second_half(block: Block, entry: str) -> bool:
    """Whether a block is the rest of an entry whose first line alone stands above it, in a
    list whose text splits its entries so (a PDF's extraction: "Hunt, A., & Samman, E. (2019).
    Gender and the gig economy: Critical steps for evidence-based policy.", a blank line, then
    "Overseas Development Institute."): the line above is a whole line of the page that opens
    with an author and a date, and the block opens with none of its own, nor with an inverted
    personal name (an undated entry)."""
    if "\n" in entry or len(entry.strip()) < _FULL_LINE or not _opens_dated_entry_strictly(entry):
        return False
    first = block.lines[0].text
    if (
        _opens_list_mark(first)
        or _opens_dated_entry_strictly(first)
        or _INVERTED_NAME.match(first.strip())
    ):
        return False
    return len(block.lines) < 2 or not _opens_dated_entry_strictly(f"{first} {block.lines[1].text}")


#: Regions that are lists of sources, and the section their entries get.
_LIST_SECTIONS: dict[RegionKind, Section] = {
    "references": "references",
    "attachment": "attachment",
    "additional-sources": "additional-sources",
    "bibliography": "bibliography",
}


def _opens_note(line: str) -> bool:
    """Whether a line opens a note, with its text or with its text lost (``[3]`` alone)."""
    stripped = line.strip()
    parsed = parse_footnote_body_start(stripped)
    if parsed is not None and not parsed[3] and parsed[1] != "plain":
        return True
    try:
        parse_footnote_marker(stripped)
    except GrammarError:
        return False
    return True


def _number_over_text(block: Block) -> bool:
    """Whether a block opens with a note number alone on its line and goes on under it ("1."
    then "Data collected from ..."): an endnote as a web page converted to text sets it, which
    under a list of sources is the first note after the list, not a part of its last entry."""
    return (
        len(block.lines) > 1
        and _LONE_NOTE_NUMBER.fullmatch(block.lines[0].text.strip()) is not None
    )


def _undated_so_far(text: str) -> bool:
    """Whether an entry's text, as far as read, is more than a source's name (a name heading
    its works is at most ``_GROUP_NAME_WORDS`` words), has no year or address yet and stops
    where no entry ends (no full stop, bracket, quote or figure): "Department of Public Works
    and Highways, Mt. Pinatubo Emergency-Project", "U.S. General Accounting Office. Content
    Analysis: A Methodology for Structuring and Analyzing Written". In a list whose entries are
    dated, such an entry has its date still to come."""
    joined = " ".join(text.split())
    words = len(joined.split())
    return (
        (words > _GROUP_NAME_WORDS or (words >= _TITLED_WORDS and _has_title(joined)))
        and _YEAR_OR_ADDRESS.search(joined) is None
        and _ENDS_ENTRY.search(joined) is None
        and not joined.lower().endswith(("no date", "undated"))
    )


#: Words an entry's text has at least for a source and a title read in it to count as more
#: than a name ("U.S. General Accounting Office. How Well Do the Military").
_TITLED_WORDS = 5

#: Entries of a list, up to the last, looked at for whether the list's entries are dated.
_DATED_LOOKBACK = 6


def _continues_entry(block: Block, previous: str = "") -> bool:
    """Whether a block in a source list carries on the entry before it (``previous``, its text):
    it starts in lower case ("com/news/world-50595212.") or its first line is one unbroken chunk
    ending an entry that is not a whole web address ("75228a8a607a44863b57021ac33264dc.",
    "www.bbc.com/news/x."): no entry starts so, while "LEXIS/NEXIS" or a bare "https://..." can
    be one of its own. After an author-year or web entry (as the grammar reads it) the block also
    carries on when that entry stops where no entry ends ("AP News, 4" / "December. https://"),
    or when the block is a bare web address and the entry has none."""
    first = block.lines[0].text.strip()
    if not first:
        return False
    from provenance.parsers.references import address_run_on, opens_with_access_note

    if _ADDRESS_LEAD.match(first) or opens_with_access_note(first):
        # "Available at", "Retrieved from", "Accessed 3 May 2021", "Accessed August 2, 2017.":
        # how an entry gives its address or the day it was read, never how one starts.
        return True
    if (
        len(block.lines) <= 2
        and _PLACE_AND_DATE.fullmatch(" ".join(line.text.strip() for line in block.lines))
        and _YEAR_OR_ADDRESS.search(previous) is None
    ):
        # "Washington, D.C.: March 24, 1982." after a blank line, under an entry with no date
        # yet: where and when it was published, the end of that entry; no entry is only that.
        return True
    if address_run_on(previous.rstrip(), first) is not None:
        # ".../UNDOC/GEN/G19/" / "198/52/PDF/G1919852.pdf?OpenElement, last accessed: ...",
        # "...Albania%20country" / "%20focus%20final.pdf, ...": the rest of a web address the
        # page broke, as the URL grammar reads it across the break; no entry opens with a path.
        return True
    if first[0].islower() and not first.startswith(("http://", "https://")):
        if WORD_BROKEN_AT_END.search(previous.rstrip()):
            # "DGEEC (...) (2017c), Encues-" / "ta Permanente de Hogares 2017, Asunción.": the
            # rest of a word the page broke, whatever it reads as on its own.
            return True
        if _SITE_NAME.match(first) and _opens_sited_entry(first):
            # "akorda.kz, 2023, https://...", "homecare.co.uk, (accessed 2023.": a page listed
            # under its site's name, which no entry's rest opens with.
            return False
        if _BROKEN_AT_HYPHEN.search(previous.rstrip()):
            # "... https://www.oecd.org/naec/averting-systemic-" / "collapse/SG-NAEC(2019)4_...":
            # a word or address broken at its hyphen goes on in lower case, whatever the rest
            # reads as.
            return True
        # Unless it is an entry of its own that opens with a name's particle ("von Hippel E
        # (2020). Title.", "de Castro C (2017).").
        if _YEAR_OR_ADDRESS.search(previous) is None and not _opens_entry(first):
            # The entry above has no year yet: "dissertation, Shanghai Jiao Tong University,
            # 2019." ends it (read as a name and a year by the loose IRB form only).
            return True
        return not _opens_dated_entry(first)
    joined = " ".join(previous.split())
    if _ADDRESS_ENDING.search(joined):
        # "... Available at", then the address; not an entry, when the copy lost the address.
        if first.startswith(("http://", "https://", "www.")):
            return True
    elif _stops_mid_entry(joined) and not _opens_list_mark(first):
        # A line that stops on a word needing the next goes on, unless the block opens an entry
        # with its author and date ("Smith, J. (2019)."): a title's next line may read as an
        # author and a title ("Some Lessons in the Asian Context. Philippine Institute ...").
        whole = " ".join(line.text for line in block.lines)
        if _NAMES_GO_ON.search(joined) and _YEAR_OR_ADDRESS.search(joined) is None:
            # "Adem, Kamil; Demiss Alemu, ..., Jesper Ahrenfeldt and" / "Tobias Thomsen. 2014.":
            # a list of authors that goes on, whatever the next line reads as.
            return True
        if not (_opens_dated_entry_strictly(first) or _opens_dated_entry_strictly(whole)):
            return True
        if _closes_quotation(joined, first):
            # '... 2018. "Energy Poverty and Its Implication on' / 'Standard of Living in
            # Kirinyaga, Kenya." Journal of Energy. Volume 2018.': the rest of a quoted title,
            # however its words and year read.
            return True
    if (
        len(block.lines) <= _CONTINUATION_LINES
        and _YEAR_OR_ADDRESS.search(joined) is None
        and _ENDS_ON_A_WORD.search(joined)
        and not _opens_list_mark(first)
        and not _opens_entry(first)
        and _has_title(joined)
    ):
        # "U.S. General Accounting Office. Review of the Operations of the Sea Island
        # Comprehensive Health" / "Care Corporation and the Franklin C. Fetter Family": a title
        # with no date yet that stops on a bare word, then, after a blank line (a PDF's text),
        # a line that opens no entry of its own: the rest of that title. A list of bare names
        # ("Amnesty International" / "Human Rights Watch") has no titles to go on. Only a few
        # lines: a longer block holds entries of its own after that rest, and is read as one.
        return True
    if _YEAR_OR_ADDRESS.search(joined) is None and (
        _names_so_far(joined) or joined.count("(") > joined.count(")")
    ):
        # "Beyene, Abebe D.; Randall Bluffstone, ..., Peter Martinsson, Alemu" / "Mekonnen, and
        # Ferdinand Vieider. 2015. ...", "GIZ-ECO (Deutsche Gesellschaft ... — Energy" /
        # "Coordination Office). 2011.": an entry that so far lists only names, or stops inside
        # a bracket, before its year: the rest of it, whatever the next line reads as.
        return True
    if (
        _names_then_year(joined)
        and not _opens_list_mark(first)
        and not _opens_dated_entry_strictly(first)
    ):
        # "Jowi, J. O., Obamba, M., ... & Alabi, G. (2013)." / "Governance of higher education
        # ...": an author-year entry so far its authors and year, then, after a blank line, its
        # title; no entry ends on its year in brackets.
        return True
    if (
        _fills_its_line(previous)
        and not _opens_list_mark(first)
        and not _opens_entry(first)
        and not (len(block.lines) > 1 and _opens_entry(" ".join(li.text for li in block.lines)))
    ):
        # "... detection of illegal dumps with" / "... University of the" / "... revolutionizing-"
        # / "... vol." / a full line ending on a word, then, after a blank line (a PDF's text
        # with a blank line after every line), the rest: no entry ends so. Unless the block
        # reads as an entry of its own (its first line, or all its lines: a name and a year
        # with the title on the next line).
        return True
    if (
        " " not in first
        and first.endswith((".", "/"))
        and not first.startswith(("http://", "https://", "[", "*", "-"))
        and _INITIALISM.fullmatch(first) is None
    ):
        # Unless the chunk is a country's initials ("U.S." alone on its line, then "General
        # Accounting Office. Title ..."): how a body's name opens an entry, not how one ends.
        return True
    return _author_year_goes_on(previous, block)


#: Nothing but pieces of a date and the words around an access date ("22,", "Nov", "(2019,",
#: "29). Retrieved", "Aug 18, 2022, from"): at least one figure or month.
_DATE_PIECES = lazy_compile(
    r"(?=.*(?:\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)))"
    r"(?:[\s(),.;:]|\d{1,4}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    r"|Retrieved|retrieved|from|Accessed|accessed|on)+"
)

#: Capital initials with their full stops: "U.S.", "U.K.", "U.N.".
_INITIALISM = lazy_compile(r"(?:[A-Z]\.){2,4}")


#: An entry's text that ends on its year, in brackets or after a comma, as an author-year head
#: does before its title: "Smith, Adrian & Ely, Adrian. (2016).", "National Economic
#: Development Authority and Asian Development Bank, 2007."
_ENDS_ON_BRACKETED_YEAR = lazy_compile(
    r"(?:\((?:1[6-9]|20)\d\d[a-z]?\)[.:]?|(?<=,\s)(?:1[6-9]|20)\d\d[a-z]?\.)$"
)
#: Lower-case words that a list of authors holds: "and", "et al.", a name's particles.
_AUTHOR_LIST_WORDS = frozenset({"and", "et", "al", "de", "van", "von", "der", "den", "du", "da"})


def _names_then_year(text: str) -> bool:
    """Whether an entry's text is so far its authors and its year in brackets and nothing
    else: capitalised words and initials (no digit, colon or other lower-case word) before
    the year, as in "Smith, Adrian & Ely, Adrian. (2016)."; not "Journal, vol. 131 (2023)."."""
    match = _ENDS_ON_BRACKETED_YEAR.search(text)
    if match is None:
        return False
    head = text[: match.start()]
    words = re.findall(r"[^\s,;&.()]+", head)
    return (
        bool(words)
        and ":" not in head
        and not any(char.isdigit() for char in head)
        and all(word[0].isupper() or word in _AUTHOR_LIST_WORDS for word in words)
    )


def _closes_quotation(previous: str, first: str) -> bool:
    """Whether ``previous`` stops inside a quotation (a title) that ``first`` closes before it
    opens any: a closing mark after a word (“Title ... Kenya.” or "Kenya.")."""
    if previous.rfind("“") > previous.rfind("”"):
        close = first.find("”")
        return close > 0 and "“" not in first[:close]
    if previous.count('"') % 2 == 1:
        close = first.find('"')
        return close > 0 and not first[close - 1].isspace()
    return False


#: Words an entry's text has at least before a line of it may be taken to stop mid-entry (a
#: sub-heading "Reports:" or a publisher's name "Aabbir," heading its works is shorter).
_STOPPED_ENTRY_WORDS = 8


def _opens_entry(line: str) -> bool:
    """Whether a line reads on its own as an entry of a list, or opens as one: its author and
    its date or title in a style of its own. The loose IRB form reads a name and a year in
    nearly any line that ends a wrapped entry ("Witwatersrand, 2017.", "on Computer Vision and
    Pattern Recognition (CVPR), 2017."), so its reading does not count."""
    from provenance.parsers.references import read_list_entry

    entry = read_list_entry(" ".join(line.split()))
    return (
        entry.author is not None
        and entry.kind not in ("irb-attachment", "unstructured", "name-only", "label", "prose")
        and (entry.date is not None or entry.title is not None)
    )


def _has_title(text: str) -> bool:
    """Whether an entry's text so far reads as a source and a title, not a bare name."""
    from provenance.parsers.references import read_list_entry

    entry = read_list_entry(text)
    return entry.title is not None and entry.kind not in ("name-only", "unstructured", "prose")


#: Most lines of a block taken whole for the rest of the entry above it.
_CONTINUATION_LINES = 3

#: Text that ends on a capitalised word, no stop, bracket or quote after it (a title's word in
#: title case: "... Comprehensive Health").
_ENDS_ON_A_WORD = lazy_compile(r"(?<![^\s(])[A-Z][^\W\d_]*$")


def _names_so_far(text: str) -> bool:
    """Whether an entry's text is so far a list of several people's names and nothing else:
    names of capitalised words (initials too) parted by ";", "," or "and"/"&", with a ";" or at
    least two commas ("Mentis, Dimitrios; Magnus Andersson; ...; Oliver")."""
    text = text.strip()
    if (";" not in text and text.count(",") < 2) or ":" in text or _ENDS_NAME.search(text):
        return False  # a place and publisher ("Farnum, Surrey, UK England: Ashgate.") ends one
    names = re.split(r"\s*[,;&]\s*|\s+and\s+", text.rstrip(",;&"))
    return (
        all(name and all(word[:1].isupper() for word in name.split()) for name in names)
        and len(names) >= 3
    )


#: A full stop after a word, not after an initial: where a list of names ends.
_ENDS_NAME = lazy_compile(r"[^\W\d_]{2,}\.$")

# An entry that stops inside its list of authors: on "and", "&", a comma or a semicolon.
_NAMES_GO_ON = lazy_compile(r"(?:\band|&|[,;])$")

# An entry that stops where its address should follow ("Available at", "Retrieved from").
_ADDRESS_ENDING = lazy_compile(r"(?i)\b(?:at|from|via)\s*:?$")


def _opens_dated_entry_strictly(line: str) -> bool:
    """``_opens_entry`` with a date: an author and a date in a style of its own."""
    from provenance.parsers.references import read_list_entry

    entry = read_list_entry(" ".join(line.split()))
    return (
        entry.author is not None
        and entry.date is not None
        and entry.kind not in ("irb-attachment", "unstructured", "name-only", "label", "prose")
    )


def _stops_mid_entry(previous: str) -> bool:
    """Whether an entry's text, as far as read, stops where no entry ends: on a word that needs
    the next ("with", "of the", "and"), on a label that needs its number ("vol."), on a hyphen
    that broke a word or an address, on a colon before the subtitle or the address ("Available
    at:"), or on a comma."""
    words = previous.split()
    if len(words) < _STOPPED_ENTRY_WORDS:
        return False
    last = words[-1]
    return (
        last.lower() in OPEN_WORDS
        or last.lower() in _NUMBER_LABELS
        or (last.endswith(("-", ":", ",")) and last not in ("-", ":", ","))
    )


#: Labels that need the number after them: an entry does not end on one ("vol." / "131 (2023).").
_NUMBER_LABELS = frozenset({"vol.", "no.", "p.", "pp.", "nos.", "vols."})


#: A line of a PDF's text this long, stopping on a word with no closing mark, was broken at the
#: measure of the page.
_FULL_LINE = 75


def _fills_its_line(previous: str) -> bool:
    """Whether an entry's text stops on a line a PDF broke at the measure: a long line ending on
    a word ("... In Earth Resources and Environmental Remote"), not on "no date" (how an entry
    without a date ends) nor inside a web address."""
    last = previous.rstrip().rsplit("\n", 1)[-1].strip()
    return (
        len(last) >= _FULL_LINE
        and last[-1:].isalpha()
        and not last.lower().endswith(("no date", "undated"))
        and re.search(r"https?:|www\.", last) is None
    )


def _opens_list_mark(line: str) -> bool:
    from provenance.parsers.references import opens_with_list_mark

    return opens_with_list_mark(line)


_ADDRESS_LEAD = lazy_compile(
    r"(?:available(?:\s+(?:at|from|online)\b|\s*:|$)|retrieved\s+(?:from|on)\b"
    r"|accessed\s*(?:on\b|:|\d)|url\s*:)",
    re.IGNORECASE,
)


def _author_year_goes_on(written: str, block: Block) -> bool:
    from provenance.parsers.references import (
        ends_with_address,
        opens_with_list_mark,
        reference_entry,
    )

    # The entry's lines as written (where its address was broken), and joined.
    previous = " ".join(written.split())
    if not previous or opens_with_list_mark(block.lines[0].text):
        return False  # a bullet or list number starts an entry
    kind = reference_entry(previous).kind
    first = reference_entry(" ".join(block.lines[0].text.split()))
    if first.date is None and len(block.lines) > 1:
        # "Morales - Miranda, N., ... (2021)." with its title on the next line: the first line
        # alone is no entry, the block is one of its own.
        text = " ".join(" ".join(line.text for line in block.lines).split())
        whole = reference_entry(text)
        if whole.date is not None and (
            (whole.kind == "author-year" and whole.author is not None)
            or (whole.kind == "title-first" and text[:1] not in _OPENING_QUOTES)
        ):
            # Nor is "People's Social Protection Agenda: Towards Social Protection" / "for All
            # (2010). Quezon City: ...", a title with its subtitle and the year in brackets.
            return False
    if first.date is None and kind in ("author-year", "web", "title-first", "irb"):
        # An open quotation; for the new styles also no full stop, bracket or quote where the
        # text stops.
        if previous.rfind("“") > previous.rfind("”"):
            return True
        if (
            kind != "irb"
            and previous[-1] not in '.)]”"'
            and not ends_with_address(written)
            and not _ends_with_day(previous)
        ):
            return True
    if kind not in _ADDRESSED_KINDS or len(block.lines) != 1:
        return False
    if "http" in previous or "www." in previous:
        return False
    return first.kind == "web" and first.title is None


#: Entries that may end with an address on a block of its own: the author-year and web styles,
#: the IRB entries and the Chicago and MLA ones ("... Journal of Energy. Volume 2018." /
#: "https://doi.org/10.1155/2018/3196567.").
_ADDRESSED_KINDS = frozenset(
    {"author-year", "web", "title-first", "irb", "author-title", "author-dateless"}
)


#: The quotation marks a quoted title opens with.
_OPENING_QUOTES = frozenset('"“„')


# An entry that stops on a whole day ("..., 8 November 2024. Accessed: 18 November 2024") is
# complete: the day a source was published or read ends an entry, whatever its style.
def _ends_with_day(text: str) -> bool:
    """Whether ``text`` ends on a date of day, month and year, as the date grammar reads one."""
    tail = text[-_DAY_DATE_CHARS:]
    last = next(reversed(list(iter_dates(tail, LineIndex(tail)))), None)
    return (
        last is not None
        and last.span.end == len(tail)
        and isinstance(last.value, Date)
        and None not in (last.value.year, last.value.month, last.value.day)
    )


#: More than the longest whole-day date ends an entry with ("Wednesday, 30 September 2024").
_DAY_DATE_CHARS = 40


#: A site's name and the comma after it, as an entry of a page names its source: "akorda.kz,".
#: The end of a line broken at a hyphen, a word's or an address's ("averting-systemic-").
_BROKEN_AT_HYPHEN = lazy_compile(r"\w-$")
_SITE_NAME = lazy_compile(r"[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,}\s*,")


def _opens_sited_entry(line: str) -> bool:
    """Whether a line reads on its own as an entry with its date, access date or address (in
    any style but the loose IRB form, which reads a name and a year in nearly any line)."""
    from provenance.parsers.references import read_list_entry

    entry = read_list_entry(" ".join(line.split()))
    return entry.kind not in ("irb", "unstructured", "name-only", "label", "prose") and (
        entry.date is not None or entry.accessed is not None or entry.url is not None
    )


def _opens_dated_entry(line: str) -> bool:
    """Whether a line reads on its own as an entry with its author and date, or opens as one
    ("van Buuren, S. (2011). mice: ..." whose rest no style reads whole)."""
    from provenance.parsers.references import read_list_entry

    entry = read_list_entry(" ".join(line.split()))
    return entry.author is not None and entry.date is not None


_PAGE_NUMBER = lazy_compile(r"\s*(?:[0-9]{1,4}|[ivxlc]{1,7})\s*")
#: Page numbers in a row right under a list's heading that make it a contents page's line,
#: and the titles that may stand between them (the contents' last lines).
_TOC_PAGE_NUMBERS = 3
_TOC_TITLES_AFTER = 2

#: Running text after a list: this many words at least, most of them in lower case.
_PROSE_WORDS = 25
#: A place and a date alone, as an entry's publication facts end it: "Washington, D.C.: March
#: 24, 1982.", "London: 2001.", "New York: June 1982.".
_PLACE_AND_DATE = lazy_compile(
    r"[A-Z][\w.'’-]*(?:,?\s+[A-Z][\w.'’-]*){0,4}:\s+(?:[A-Z][a-z]{2,8}\.?\s+(?:\d{1,2},?\s+)?)?"
    r"(?:1[6-9]|20)\d\d[a-z]?\."
)
_YEAR_OR_ADDRESS = lazy_compile(r"\b(?:1[6-9]|20)\d\d\b|https?:|www\.")
#: Running text that cites sources by year: this many words at least, in two sentences or more.
_CITING_PROSE_WORDS = 40
_SENTENCE_END = lazy_compile(r"[a-z0-9)][.!?](?:\s+[A-Z]|\s*$)")


def _is_prose(text: str) -> bool:
    """Whether a block in a source list is running text, which ends the list: long, mostly
    lower-case words, no year or address, and no reference style reads it. A paragraph that
    cites sources by year ("... (Black and Koser 1999).") is running text too when it is long,
    made of sentences and mostly lower case, and does not open as an entry with its author and
    date (an annotated entry does)."""
    from provenance.parsers.references import read_list_entry, reference_entry

    words = text.split()
    if len(words) < _PROSE_WORDS:
        return False
    lower = sum(word[:1].islower() for word in words)
    if _YEAR_OR_ADDRESS.search(text):
        if (
            len(words) < _CITING_PROSE_WORDS
            or lower * 10 < len(words) * 7
            or len(_SENTENCE_END.findall(text)) < 2
            or re.search(r"https?:|www\.", text)
        ):
            return False
        entry = read_list_entry(" ".join(words))
        return entry.kind in ("unstructured", "name-only") or entry.date is None
    if lower * 2 < len(words):
        return False
    return reference_entry(" ".join(words)).kind in ("unstructured", "name-only")


#: Lines of running text in a row, each a block of its own, that end a list.
_PROSE_LINES = 4
#: Words a line of running text has at least.
_PROSE_LINE_WORDS = 8


def _is_prose_line(line: str) -> bool:
    """A line of running text: eight words or more, most of them in lower case (seven in ten), no
    year or address, and no reference style reads it beyond its words."""
    from provenance.parsers.references import read_list_entry

    words = line.split()
    if len(words) < _PROSE_LINE_WORDS or _YEAR_OR_ADDRESS.search(line):
        return False
    lower = sum(word[:1].islower() for word in words)
    if lower * 10 < len(words) * 7:
        return False
    return read_list_entry(" ".join(words)).kind in ("unstructured", "name-only", "prose")


def _is_numbered_entry(text: str, section: Section) -> bool:
    """Whether a block that opens with a note number ("[1] ...") in a source list is an entry
    of a numbered list of sources: its text reads as a source with its author and a date or
    title, not as a note's prose ("[3] Interview with a lawyer in Colombo.")."""
    from provenance.parsers.references import reference_entry

    entry = reference_entry(" ".join(text.split()), section)
    return (
        entry.kind not in ("unstructured", "name-only", "label", "correspondence")
        and entry.author is not None
        and (entry.date is not None or entry.title is not None)
    )


def _is_bare_name_line(text: str) -> bool:
    """A short line of capitalised words with no date: in a list, a sub-heading's look (a page
    may break it over two lines: "Contextual" / "Overview")."""
    stripped = text.strip()
    return (
        stripped.count("\n") <= 1
        and len(stripped.split()) <= 6
        and stripped[:1].isupper()
        and not stripped.endswith((".", ","))
        and _YEAR_OR_ADDRESS.search(stripped) is None
    )


def _looks_like_entry(text: str) -> bool:
    from provenance.parsers.references import reference_entry

    entry = reference_entry(" ".join(text.split()), "attachment")
    return entry.kind not in ("unstructured", "prose") and entry.date is not None


_ATTACHMENT_INTRO = (
    "attached",
    "attachment",
    "enclosed",
    "following articles",
    "following sources",
)


def _introduces_attachments(text: str) -> bool:
    folded = text.rstrip().casefold()
    return folded.endswith(":") and any(word in folded for word in _ATTACHMENT_INTRO)


def _bodies_in_block(
    text: str,
    line_index: LineIndex,
    block: Block,
    number: int,
    offset: int,
    recovered: bool,
    furniture: Sequence[tuple[int, int]],
) -> list[FootnoteBody]:
    """The note body starting this block, and any next note OCR glued onto its end."""
    # (number, where its lead starts, where its text starts, recovered)
    starts: list[tuple[int, int, int, bool]] = [
        (number, block.start, block.start + offset, recovered)
    ]
    expected = number + 1
    for glued in iter_glued_bodies(text, line_index, block.start, block.end):
        glued_number, lead, glued_offset = glued
        if glued_number == expected and lead > starts[-1][2]:
            starts.append((glued_number, lead, glued_offset, True))
            expected += 1
    bodies = []
    for index, (note, _lead, start, was_recovered) in enumerate(starts):
        end = starts[index + 1][1] if index + 1 < len(starts) else block.end
        pieces = list(subtract(start, end, furniture))
        if not pieces:
            continue
        body_start, body_end = pieces[0][0], pieces[-1][1]
        body_text = " ".join(" ".join(text[s:e].split()) for s, e in pieces).strip()
        body_text = body_text.strip(" $")
        bodies.append(
            FootnoteBody(note, line_index.span(body_start, body_end), body_text, was_recovered)
        )
    return bodies


def _chain_bodies(
    text: str, line_index: LineIndex, chain: NoteChain, furniture: Sequence[tuple[int, int]]
) -> Iterator[FootnoteBody]:
    """The bodies of notes found by layout: from the number to the next note, or to a blank line
    after the note's text has begun (the foot of a page ends there). Page furniture between a
    number standing alone and its text ("3", "25-08097", "See ...", as a PDF's text puts them)
    is passed over, but not the end of the page: a number alone at the foot of a page does not
    take the next page's text. A chain whose numbering starts again at 1 (an annex's notes,
    a chapter's) is read part by part, each part's notes up to the next part's first."""
    parts: list[list[NoteStart]] = []
    for start in chain.starts:
        # A second note 1 (not the first one's number a PDF moved below note 2's text).
        if not parts or (start.number == 1 and any(s.number == 1 for s in parts[-1])):
            parts.append([])
        parts[-1].append(start)
    for index, part in enumerate(parts):
        stop = parts[index + 1][0].line_start if index + 1 < len(parts) else len(text)
        yield from _part_bodies(text, line_index, tuple(part), furniture, stop)


def _part_bodies(
    text: str,
    line_index: LineIndex,
    starts: tuple[NoteStart, ...],
    furniture: Sequence[tuple[int, int]],
    stop: int,
) -> Iterator[FootnoteBody]:
    """The bodies of one run of a chain's notes numbered in order (``_chain_bodies``), the last
    ending by ``stop``."""
    in_furniture = Intervals(furniture)
    bodies: dict[int, FootnoteBody] = {}
    # Where the first number a PDF's text moved stands after each start (the text's end if none).
    moved_after = [len(text)] * len(starts)
    for index in range(len(starts) - 2, -1, -1):
        after = starts[index + 1]
        moved_after[index] = after.line_start if after.displaced else moved_after[index + 1]
    notes_from: int | None = None  # where the run of notes the next note goes on begins
    for index, start in enumerate(starts):
        if start.displaced:
            continue
        limit = starts[index + 1].line_start if index + 1 < len(starts) else stop
        end = start.line_end
        began = start.text_start is not None
        if notes_from is None:
            notes_from = start.line_start
        # Numbers a PDF's text moved below this note on its page: the lines under its text
        # are texts printed without their numbers, not running text (``_page_top_bodies``).
        moved_at = moved_after[index]
        moved_below = moved_at < len(text) and text.find(_FORM_FEED, start.line_end, moved_at) == -1
        # The last of a column of numbers standing alone holds the column's texts one after
        # the other (``_column_bodies`` pairs them): a short line among them ends one text.
        column = index > 0 and _in_column(text, starts[index - 1], start)
        position = start.line_end + 1
        while position < limit:
            newline = text.find("\n", position, limit)
            line_end = limit if newline == -1 else newline
            line = text[position:line_end]
            if line.startswith(_FORM_FEED) or (not began and _FORM_FEED in line):
                break  # the next page: a note at the foot of a page ends with it
            following = note_start(text, position, line_end)
            if following is not None and following.number == start.number + 1:
                break  # the next note, set another way than the chain's ("6 World Bank")
            if not line.strip():
                if began and not _goes_on_after_blank(text, start, end, line_end, limit):
                    break
            elif began and _resumes_running_text(text[start.lead : end], line):
                break  # the page's running text goes on under its notes
            elif began and _heads_list_under_note(text, end, line, line_end, limit):
                break  # a list's heading with no blank line above it ("REFERENCES")
            elif (
                began
                and not moved_below
                and not column
                and _resumes_after_paragraph(text, start, end, line, notes_from)
                and (
                    line.lstrip()[:1].islower()
                    or _running_text_follows(text, position, limit, start.number)
                )
            ):
                break  # the note's paragraph ended and a paragraph of running text follows
            elif began or not in_furniture.covers(position, line_end):
                began = True
                end = line_end
            position = line_end + 1
        # The next note goes on the run of notes this one is in where nothing stands between.
        blank = _BLANK.match(text, end, limit)
        run_goes_on = index + 1 < len(starts) and blank is not None and blank.end() == limit
        notes_from = notes_from if run_goes_on else None
        pieces = list(subtract(start.lead, end, furniture))
        if not pieces:
            continue
        text_start = start.text_start if start.text_start is not None else start.line_end
        body_text = " ".join(
            " ".join(text[max(s, text_start) : e].split()) for s, e in pieces if e > text_start
        ).strip()
        if body_text:
            bodies[start.number] = FootnoteBody(
                start.number, line_index.span(pieces[0][0], pieces[-1][1]), body_text
            )
    for start in starts:
        before = bodies.get(start.number - 1)
        if not start.displaced or before is None:
            continue
        split = _last_entry_start(text, before.span.start, before.span.end)
        moved = " ".join(text[split : before.span.end].split()) if split is not None else ""
        if not moved or not before.text.endswith(moved) or before.text == moved:
            continue
        # The moved note stands at its number; its text is the last one printed without a
        # number in the note before, which keeps the rest.
        kept = before.text[: -len(moved)].rstrip()
        bodies[before.number] = attrs.evolve(before, text=kept)
        bodies[start.number] = FootnoteBody(
            start.number, line_index.span(start.lead, start.line_end), moved
        )
    bodies.update(_page_top_bodies(text, line_index, starts, bodies))
    bodies.update(_column_bodies(text, line_index, starts, bodies, furniture))
    bodies.update(_texts_above_numbers(text, line_index, starts, bodies, in_furniture))
    for number in sorted(bodies, key=lambda n: bodies[n].span.start):
        yield bodies[number]


# The end of a sentence at the end of a note's text so far, not an abbreviation's full stop
# ("et al.", "e.g.", "pp.") after which a note may go on in lower case.
_NOTE_SENTENCE_END = lazy_compile(
    r"(?<!\bal)(?<!\be\.g)(?<!\bi\.e)(?<!\bcf)(?<!\betc)(?<!\bvs)(?<!\bpp)(?<!\bp)"
    r"(?<!\b[Nn]o)(?<!\b[Vv]ol)(?<!\b[A-Z])[.?!][”\"’)]*\s*$"
)
#: What may follow the stop that ``_NOTE_SENTENCE_END`` matches.
_AFTER_SENTENCE_END = '”"’)'


def _ends_sentence(text: str) -> bool:
    """``_NOTE_SENTENCE_END.search(text) is not None``, tried only at the one place it can
    match, the last character before the closing marks and white space that end ``text``: a
    search tries its lookbehinds at every position of the line."""
    at = len(text.rstrip().rstrip(_AFTER_SENTENCE_END)) - 1
    return at >= 0 and _NOTE_SENTENCE_END.match(text, at) is not None


def _goes_on_after_blank(text: str, start: NoteStart, end: int, blank_end: int, limit: int) -> bool:
    """Whether a note's text goes on after the blank line that ends at ``blank_end``: in a
    layout-preserving text (``pdftotext -layout``) a page-foot note's first line may stand
    apart from the rest ("15 See A/42/427; ... arts. 25", "", "   and 29."), the next line
    set exactly under the note's text (not at the margin, as plain text sets every line),
    where the note so far ends no sentence and the line opens no note."""
    if start.text_start is None:
        return False
    column = start.text_start - start.line_start
    if column <= start.lead - start.line_start + 1:
        return False  # the note's text is not indented past its number: no layout to read
    last = text[text.rfind("\n", 0, end) + 1 : end]
    if _ends_sentence(last):
        return False
    following_start = blank_end + 1
    if following_start >= limit:
        return False
    following_end = text.find("\n", following_start, limit)
    following = text[following_start : limit if following_end == -1 else following_end]
    indent = len(following) - len(following.lstrip(" "))
    return (
        indent == column
        and bool(following.strip())
        and _FORM_FEED not in following
        and note_start(text, following_start, following_start + len(following)) is None
    )


def _heads_list_under_note(text: str, end: int, line: str, line_end: int, limit: int) -> bool:
    """Whether ``line``, under a note's text that ends at ``end``, is the heading of a list
    (``_heading_inside_block``), as a PDF's text sets "REFERENCES" right under the last
    page-foot note with no blank line: the note ends above it, not in the list's entries."""
    if len(line) > _KNOWN_HEADING_LENGTH or not _is_known_heading(line):
        return False
    previous = text[text.rfind("\n", 0, end) + 1 : end]
    next_end = text.find("\n", line_end + 1, limit)
    following = text[line_end + 1 : limit if next_end == -1 else next_end] or None
    return _heading_inside_block(previous, line, following)


def _resumes_running_text(body: str, line: str) -> bool:
    """Whether ``line``, under a note's text that ends a sentence, opens in lower case: the
    page's running text, which a PDF's text sets on under the page-foot notes that broke it
    ("... box units.\"" then "delivery (called route time ...),5 is"), since no note's next
    sentence opens in lower case."""
    return line.lstrip()[:1].islower() and _ends_sentence(body)


_BLANK = lazy_compile(r"\s*")
_WEB = lazy_compile(r"https?://|www\.")

#: Share of the lines' width under which a line ends its paragraph (a wrapped line fills it).
_SHORT_LINE = 0.7
#: Lines above a note whose widths, with its own lines', give the page's width.
_WIDTH_LINES = 8


def _line_width(line: str) -> int:
    return len(line.expandtabs().rstrip())


def _resumes_after_paragraph(
    text: str, start: NoteStart, end: int, line: str, notes_from: int | None = None
) -> bool:
    """Whether ``line``, under a note's text whose last line is short (it ended its paragraph:
    a wrapped line fills the width), is a paragraph of the page's running text that a PDF's text
    sets on under the page-foot notes without a blank line: a full line (a paragraph's first,
    wrapped) that opens a sentence after the note's ended one, or that opens in lower case and
    finishes the sentence the notes broke (the line above the page's first note is unfinished).
    A page-foot note is one paragraph; a wrapped note fills its lines up to its last.
    ``notes_from``: where the run of notes this one ends begins (the note's own start if
    None), the text above which the notes broke."""
    stripped = line.strip()
    if not stripped or stripped.startswith(("http", "www.")):
        return False
    # From its line's start: a note a PDF's text ran on inside a line fills the line with the
    # text before it.
    body_lines = text[text.rfind("\n", 0, start.line_start) + 1 : end].split("\n")
    above = _lines_above(text, start.line_start, _WIDTH_LINES)
    # A web address is not wrapped: its line may run past the width.
    width = max(
        (_line_width(other) for other in (*body_lines, *above) if not _WEB.search(other)),
        default=0,
    )
    if _line_width(body_lines[-1]) >= _SHORT_LINE * width:
        return False
    last = body_lines[-1].rstrip()
    if stripped[0].isupper():
        # A paragraph's first line wraps on: a line that ends a sentence is a note's item
        # ("Ibid.", "See the ... Database at: https://www.itu.int/.").
        return (
            _ends_sentence(last)
            and _line_width(line) >= _SHORT_LINE * width
            and not _ends_sentence(line)
        )
    if not stripped[0].islower():
        return False
    # A note cut short by its page ("... of 5 million tons"), not one that goes on: "see the",
    # a comma, a web address broken at a hyphen or a slash.
    words = last.split()
    if not words or words[-1].casefold() in OPEN_WORDS or last.endswith((",", "-", "/")):
        return False
    if notes_from is not None and notes_from != start.line_start:
        above = _lines_above(text, notes_from, _WIDTH_LINES)
    before = next((other for other in above if other.strip()), "")
    return bool(before) and not before.rstrip().endswith((".", "?", "!", ":", ";"))


def _in_column(text: str, before: NoteStart, start: NoteStart) -> bool:
    """Whether ``start``'s number stands alone right under ``before``'s, also alone."""
    if before.text_start is not None or start.text_start is not None:
        return False
    blank = _BLANK.match(text, before.line_end, start.line_start)
    return blank is not None and blank.end() == start.line_start


#: Lines without a blank one that make a page's paragraph, longer than a note's second one.
_RUNNING_LINES = 8
#: How far a later note's call is looked for in the text under a note.
_CALL_REACH = 4000
#: How many notes past a note a call in the text under it may be for (a page's next notes).
_NEXT_CALLS = 3


def _running_text_follows(text: str, position: int, limit: int, number: int) -> bool:
    """Whether the text from ``position`` (up to ``limit``, the next note) is the page's
    running text rather than a note's next paragraph: it calls one of the next notes, or it
    runs on over a page's paragraph without a blank line."""
    stop = min(limit, position + _CALL_REACH)
    if any(
        number < called <= number + _NEXT_CALLS
        for _first, _end, called, _guessed in iter_call_candidates(text, position, stop)
    ):
        return True
    lines = 0
    while position < limit and lines < _RUNNING_LINES:
        newline = text.find("\n", position, limit)
        line_end = limit if newline == -1 else newline
        line = text[position:line_end]
        if not line.strip() or _FORM_FEED in line:
            return False
        lines += 1
        position = line_end + 1
    return lines >= _RUNNING_LINES


def _lines_above(text: str, position: int, count: int) -> list[str]:
    """Up to ``count`` lines above ``position``, nearest first; the first is the text of
    ``position``'s line before it where the line does not start there."""
    above: list[str] = []
    above_end = position - 1 if position > 0 and text[position - 1] == "\n" else position
    while above_end > 0 and len(above) < count:
        above_start = text.rfind("\n", 0, above_end) + 1
        above.append(text[above_start:above_end])
        above_end = above_start - 1
    return above


# A line that opens a sentence after a line that ended one, blank lines between or not.
_SENTENCE_OPENS_LINE = lazy_compile(r"[.”)][ \t]*\n(?:[ \t]*\n)*[ \t]*(?=[A-Z“\"‘])")


def _sentence_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut where a line opens a sentence after one ended, each piece
    without its surrounding white space."""
    cuts = [match.end() for match in _SENTENCE_OPENS_LINE.finditer(text, start, end)]
    pieces = []
    for first, last in itertools.pairwise([start, *cuts, end]):
        chunk = text[first:last]
        if chunk.strip():
            pieces.append((first + len(chunk) - len(chunk.lstrip()), first + len(chunk.rstrip())))
    return pieces


# A rule of underscores a PDF's text sets above a page's notes.
_NOTES_RULE = lazy_compile(r"[ \t]*_{3,}[ \t]*")


def _page_top_bodies(
    text: str, line_index: LineIndex, starts: Sequence[NoteStart], bodies: dict[int, FootnoteBody]
) -> dict[int, FootnoteBody]:
    """Notes whose numbers a PDF's text moved below the page's last note while it printed their
    texts, without the numbers, at the top of the page's notes, above its first numbered note
    (under the rule: "See https://...", "2", its text, then "1"). The numbers that moved from one
    page, in order, take the texts above the page's first numbered note, one per sentence that
    opens a line; the first takes what is left over. Nothing is taken when there are fewer texts
    than numbers."""
    found: dict[int, FootnoteBody] = {}
    moved = [s for s in starts if s.displaced and s.number not in bodies]
    runs: list[list[NoteStart]] = []
    for start in moved:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and last.number + 1 == start.number
            and _FORM_FEED not in text[last.line_start : start.line_start]
        ):
            runs[-1].append(start)
        else:
            runs.append([start])
    for run in runs:
        first = run[0]
        page_start = text.rfind(_FORM_FEED, 0, first.line_start) + 1
        # The page's first numbered note: above the moved numbers, on their page.
        above = [
            s for s in starts if not s.displaced and page_start <= s.line_start < first.line_start
        ]
        if not above:
            continue
        top = min(above, key=lambda s: s.line_start)
        # Its texts: the lines right above it, up to a blank line or the rule.
        block_start = top.line_start
        position = top.line_start
        while position > page_start:
            line_start = text.rfind("\n", page_start, position - 1) + 1
            line = text[line_start : position - 1]
            if not line.strip() or _NOTES_RULE.fullmatch(line) or line_start < page_start:
                break
            block_start = line_start
            position = line_start
        if block_start == top.line_start:
            continue
        pieces = _sentence_pieces(text, block_start, top.line_start)
        if len(pieces) < len(run):
            continue
        spare = len(pieces) - len(run)
        texts = [(pieces[0][0], pieces[spare][1]), *pieces[spare + 1 :]]
        for start, (begin, end) in zip(run, texts, strict=True):
            body_text = " ".join(text[begin:end].split())
            if body_text:
                found[start.number] = FootnoteBody(
                    start.number, line_index.span(start.lead, start.line_end), body_text
                )
    return found


#: Most lines of a page-foot note's text set above its number.
_MAX_TEXT_ABOVE = 3


def _texts_above_numbers(
    text: str,
    line_index: LineIndex,
    starts: Sequence[NoteStart],
    bodies: dict[int, FootnoteBody],
    furniture: Intervals,
) -> dict[int, FootnoteBody]:
    """Notes whose number a PDF's text set below their text as the last line of the page
    ("See http://treaties.un.org.", "1", then only the page's furniture): a number alone with no
    text of its own under it takes the lines right above it, up to a blank line, when no other
    note holds them."""
    found: dict[int, FootnoteBody] = {}
    held = Intervals((body.span.start, body.span.end) for body in bodies.values())
    start_lines = {start.line_start for start in starts}
    for start in starts:
        if start.displaced or start.text_start is not None or start.number in bodies:
            continue
        page_end = text.find(_FORM_FEED, start.line_end)
        if page_end == -1:
            page_end = len(text)
        rest = start.line_end + 1
        only_furniture = True
        while rest < page_end:
            newline = text.find("\n", rest, page_end)
            line_end = page_end if newline == -1 else newline
            if text[rest:line_end].strip() and not furniture.covers(rest, line_end):
                only_furniture = False
                break
            rest = line_end + 1
        if not only_furniture:
            continue
        # The lines right above the number, a short block after a blank line: not a rule, a
        # furniture line, a note or the page's running text.
        block_start = start.line_start
        lines_above = 0
        while block_start > 0:
            line_start = text.rfind("\n", 0, block_start - 1) + 1
            line = text[line_start : block_start - 1]
            if not line.strip():
                break
            if (
                _FORM_FEED in line
                or _NOTES_RULE.fullmatch(line)
                or furniture.covers(line_start, block_start - 1)
                or line_start in start_lines
                or lines_above == _MAX_TEXT_ABOVE
            ):
                block_start = start.line_start  # not a note's text alone above its number
                break
            block_start = line_start
            lines_above += 1
        if block_start == start.line_start or held.overlaps(block_start, start.line_start - 1):
            continue
        body_text = " ".join(text[block_start : start.line_start].split())
        if body_text:
            found[start.number] = FootnoteBody(
                start.number, line_index.span(start.lead, start.line_end), body_text
            )
    return found


def _column_bodies(
    text: str,
    line_index: LineIndex,
    starts: Sequence[NoteStart],
    bodies: dict[int, FootnoteBody],
    furniture: Sequence[tuple[int, int]],
) -> dict[int, FootnoteBody]:
    """Notes whose numbers a PDF's text set in a column apart from their texts ("1", "2", "3",
    then the three texts, one after the other, under the last number; then "4" to "9" alone, after
    the texts the column before took). Numbers standing alone with no text before the next number
    are paired, in order, with the texts: those under the column's last number, one per sentence
    that opens a line, when there are at least as many as numbers; the texts left over, with the
    next column of numbers alone when they are exactly as many. Nothing is paired otherwise."""
    ordered = [start for start in starts if not start.displaced]
    textless = {s.number for s in ordered if s.text_start is None and s.number not in bodies}
    paired: dict[int, FootnoteBody] = {}
    left: list[tuple[int, int]] = []  # texts taken from a note that held those of a column

    def pair(column: Sequence[NoteStart], texts: Sequence[tuple[int, int]]) -> None:
        for start, (first, last) in zip(column, texts, strict=True):
            # Without the page's job number the PDF's text set between numbers and texts.
            words = " ".join(text[a:b] for a, b in subtract(first, last, furniture)).split()
            paired[start.number] = FootnoteBody(
                start.number, line_index.span(start.lead, start.line_end), " ".join(words)
            )

    index = 0
    while index < len(ordered):
        column = [ordered[index]]
        if column[0].number not in textless:
            index += 1
            continue
        following = index + 1
        while (
            following < len(ordered)
            and ordered[following].number in textless
            and ordered[following].number == column[-1].number + 1
        ):
            column.append(ordered[following])
            following += 1
        last = ordered[following] if following < len(ordered) else None
        if (
            last is not None
            and last.number == column[-1].number + 1
            and last.text_start is None
            and last.number in bodies
        ):
            pieces = _sentence_pieces(text, last.line_end, bodies[last.number].span.end)
            if len(pieces) >= len(column) + 1:
                pair([*column, last], pieces[: len(column) + 1])
                left = pieces[len(column) + 1 :]
                index = following + 1
                continue
        above = [piece for piece in left if piece[1] <= column[0].line_start]
        if above and len(above) == len(column):
            pair(column, above)
            left = [piece for piece in left if piece not in above]
        index = following
    return paired


# A line that opens a note's text: a capital or an opening quotation mark after a line that
# ends a sentence ("Submission by Namati." / "Submission by Susan Park, ...").
_ENTRY_AFTER_SENTENCE = lazy_compile(r"[.”)][ \t]*\n[ \t]*(?=[A-Z“\"‘])")


def _last_entry_start(text: str, start: int, end: int) -> int | None:
    """Where the last line of ``text[start:end]`` that opens a sentence after one ended starts:
    the text a PDF printed without its number at the end of the note before; None if none."""
    last = None
    for match in _ENTRY_AFTER_SENTENCE.finditer(text, start, end):
        last = match.end()
    return last


def _note_start(line_text: str, expected: int) -> tuple[int, int | None] | None:
    """The note a line under a Notes heading starts, if it is the next one: its number, and
    where its text starts in the stripped line (None when the number stands alone).

    Only the next number in sequence starts a note, so wrapped lines that begin with a figure
    and page numbers between notes do not; a marked lead ("[6]") may skip a lost note.
    """
    stripped = line_text.strip()
    parsed = parse_footnote_body_start(stripped)
    if parsed is not None and not parsed[3]:
        number, style, body_offset = parsed[0], parsed[1], parsed[2]
        if number == expected or (style != "plain" and expected < number <= expected + 3):
            return number, body_offset
    if stripped.isascii() and stripped.isdigit() and int(stripped) == expected:
        return expected, None
    # A marked number alone ("[3]" of an endnote list whose link stands above its text).
    marked = _marked_number(stripped)
    if marked is not None and expected <= marked <= expected + 3:
        return marked, None
    return None


#: Lines within which the note after a lost one must be followed by the next (see below).
LOST_NOTE_REACH = 8


def _after_lost_note(
    lines: Sequence[Line], index: int, expected: int
) -> tuple[int, int | None] | None:
    """The note after a lost one ("23 ...", then "25", "ICAN, p. 1.", "26 ..."): a plain number
    one past the next starts a note only when the numbering goes on from it within a few lines,
    which a wrapped line that happens to begin with that figure does not do."""
    start = _note_start(lines[index].text, expected + 1)
    if start is None:
        return None
    following = lines[index + 1 : index + 1 + LOST_NOTE_REACH]
    for line in following:
        if _note_start(line.text, expected) is not None:
            return None  # the note is not lost: it comes later
        if _note_start(line.text, expected + 2) is not None:
            return start
    return None


def _next_note_number(lines: Sequence[Line], expected: int) -> int:
    for index, line in enumerate(lines):
        start = _note_start(line.text, expected) or _after_lost_note(lines, index, expected)
        if start is not None:
            expected = start[0] + 1
    return expected


def _first_note_number(lines: Sequence[Line]) -> int:
    """The number the notes under a heading start from: 1, or, where the first line under it
    opens a later note and the next line that opens a note has the number after it, that
    number (an excerpt's or a chapter's notes, "Notes" / "12. ..." / "13. ...")."""
    numbers = (_opening_number(line.text.strip()) for line in lines if line.text.strip())
    first = next(numbers, None)
    if first is None or first == 1:
        return 1
    following = next((number for number in numbers if number is not None), None)
    return first if following == first + 1 else 1


def _opening_number(stripped: str) -> int | None:
    """The number a line under a Notes heading opens a note with, whatever it is: a note's
    lead ("12. Text", "[12] Text"), or a number alone, bare or marked ("12", "[12]")."""
    parsed = parse_footnote_body_start(stripped)
    if parsed is not None:
        return None if parsed[3] else parsed[0]
    if stripped.isascii() and stripped.isdigit():
        return int(stripped) if stripped[0] != "0" else None
    return _marked_number(stripped)


#: What a marked note number alone on its line opens with: a bracket, a tag, a caret or a
#: superscript digit (the footnote grammar's marker forms).
_NUMBER_MARKS = "[<^¹²³⁴⁵⁶⁷⁸⁹"


def _marked_number(stripped: str) -> int | None:
    """The number of a line that is a marked note number alone ("[3]", "^3", "³"), as the
    footnote grammar reads it; None for any other line."""
    if stripped[:1] not in _NUMBER_MARKS:
        return None
    try:
        return parse_footnote_marker(stripped)[0]
    except GrammarError:
        return None


def _numbered_notes(text: str, line_index: LineIndex, lines: list[Line]) -> list[FootnoteBody]:
    """Notes under a Notes heading, UN style: each note starts a line with the next number
    (see ``_note_start``), which may stand alone with the body on the following lines."""
    bodies: list[FootnoteBody] = []
    # Numbers standing alone with the next number on the line below: (number, lead, line end).
    textless: list[tuple[int, int, int]] = []
    # Where the text of each note read starts, to cut it into sentences (see below).
    text_starts: dict[int, int] = {}
    expected = _first_note_number(lines)
    # number, where the note starts (its number), where its text starts, where it ends
    current: tuple[int, int, int, int] | None = None

    def close() -> None:
        if current is None:
            return
        number, lead, start, end = current
        body_text = " ".join(text[start:end].split())
        if end > start:
            bodies.append(FootnoteBody(number, line_index.span(lead, end), body_text, False))
            text_starts[number] = start
        else:
            line_end = text.find("\n", lead)
            textless.append((number, lead, len(text) if line_end == -1 else line_end))

    for index, line in enumerate(lines):
        note_start = _note_start(line.text, expected) or _after_lost_note(lines, index, expected)
        if note_start is not None:
            close()
            number, body_offset = note_start
            lead = line.start + len(line.text) - len(line.text.lstrip())
            if body_offset is None:
                # The number stands alone: the note starts there, its text on the next line.
                current = (number, lead, line.end, line.end)
            else:
                current = (number, lead, lead + body_offset, line.end)
            expected = number + 1
            continue
        if current is not None:
            number, lead, start, _end = current
            if start == _end and start <= line.start:
                start = line.start + len(line.text) - len(line.text.lstrip())
            current = (number, lead, start, line.end)
    close()
    return _with_run_on_texts(text, line_index, bodies, textless, text_starts)


#: Numbers alone that a note's run-on texts are paired with: fewer is as likely chance.
MIN_RUN_ON_NOTES = 3


def _with_run_on_texts(
    text: str,
    line_index: LineIndex,
    bodies: list[FootnoteBody],
    textless: list[tuple[int, int, int]],
    text_starts: dict[int, int],
) -> list[FootnoteBody]:
    """Notes whose numbers stand alone (the next number on the line below) take the texts that a
    PDF's text ran on under an earlier note ("10 About the survey ... school.", "Al-Arabiya News
    2020.", "REACH 2020.", ..., then "11", "12 Mosimann 2020.", "13", ...): when a note holds,
    after its own first sentence, exactly as many sentences opening a line as there are numbers
    alone after it (up to the next note that holds more than one), they are paired in order."""
    if len(textless) < MIN_RUN_ON_NOTES:
        return bodies
    pieces = {
        body.number: _sentence_pieces(text, text_starts[body.number], body.span.end)
        for body in bodies
    }
    holders = [body for body in bodies if len(pieces[body.number]) >= 2]
    replaced: dict[int, FootnoteBody] = {}
    paired: list[FootnoteBody] = []
    for index, holder in enumerate(holders):
        bound = holders[index + 1].number if index + 1 < len(holders) else None
        after = [t for t in textless if t[0] > holder.number and (bound is None or t[0] < bound)]
        run_on = pieces[holder.number][1:]
        if len(after) < MIN_RUN_ON_NOTES or len(after) != len(run_on):
            continue
        own_end = pieces[holder.number][0][1]
        replaced[holder.number] = FootnoteBody(
            holder.number,
            line_index.span(holder.span.start, own_end),
            " ".join(text[text_starts[holder.number] : own_end].split()),
            holder.recovered,
        )
        paired.extend(
            FootnoteBody(number, line_index.span(lead, line_end), " ".join(text[a:b].split()))
            for (number, lead, line_end), (a, b) in zip(after, run_on, strict=True)
        )
    if not paired:
        return bodies
    kept = [replaced.get(body.number, body) for body in bodies]
    return sorted([*kept, *paired], key=lambda body: body.span.start)

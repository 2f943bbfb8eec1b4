"""PDF reports read with their layout: note calls, notes, running heads, pages.

pdfminer.six (MIT) reads each page's characters with their font size and position and groups
them into lines in reading order (columns included). From what the geometry shows:

* **Note calls**: a run of digits set smaller than its line and raised above its baseline is a
  note call; it is written as Unicode superscript digits (``torture.¹²``).
* **Running heads and page numbers**: lines in a page's top or bottom margin whose text, with
  digits set aside, comes back on other pages ("A/HRC/WG.6/20/SVN/2", "Page 3 of 14"), and
  lines there that are only a page number, are left out of the text.
* **Footnotes**: the lines at a page's foot set smaller than the running text, the first of
  them opening with a number, are that page's notes. They are written after the running text,
  each note a block that opens with its number in superscript digits, so that a paragraph
  broken by a page's notes reads on.
* **Paragraphs, headings and hyphens**: a wider gap between lines, or a change of size,
  starts a new block; a block set larger than the running text is a heading, written on one
  line as a Markdown heading (``## 2.1 Background``); a word hyphenated at a line's end is
  joined, its second half moved up to the first.

Every line of the text keeps its page and its line on the page (counting from the top,
running heads included, as a reader counts them).

Bad files get one ``InputError`` each: encrypted, damaged, without a text layer (scanned:
OCR it first), with more than ``MAX_PAGES`` pages or a page of more than
``MAX_CHARS_PER_PAGE`` characters.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from provenance.errors import InputError
from provenance.formats import Extracted
from provenance.places import Place, PlaceMap
from provenance.records import shared_methods
from provenance.regex_store import lazy_compile
from provenance.wording import counted

if TYPE_CHECKING:
    from pdfminer.layout import LTPage

__all__ = ["MAX_CHARS_PER_PAGE", "MAX_PAGES", "read_pdf"]

#: Most pages read from one PDF: reports run to a few hundred; more is a book or a mistake.
MAX_PAGES: int = 3000
#: Most characters on one page: a dense page holds about 6,000; far more is a drawing or an
#: attack on the layout analysis, whose cost grows faster than the number of characters.
MAX_CHARS_PER_PAGE: int = 60_000

_EXTRA = "pip install 'provenance[pdf]'"
_SUPERSCRIPT: Final = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_LIGATURES: Final = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st", "\xa0": " "}
)
# A run of raised digits that reads as note calls: "12", "3,4", "5-7".
_CALL_DIGITS: Final = lazy_compile(r"[1-9]\d{0,2}(?:[,\-–][1-9]\d{0,2})*")
# A page number standing alone: "12", "- 12 -", "Page 12", "Page 12 of 40", "12/40", "xii".
_PAGE_NUMBER: Final = lazy_compile(
    r"(?:page\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?",
    re.IGNORECASE,
)
# What a note at a page's foot opens with: its number (already turned superscript, or plain).
_NOTE_LEAD: Final = lazy_compile(
    r"([¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]{0,2}(?![⁰¹²³⁴⁵⁶⁷⁸⁹])|[1-9]\d{0,2}(?:\.?(?=\s)|$))"
)
_FROM_SUPERSCRIPT: Final = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_LONE_CALL: Final = lazy_compile(r"[¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]{0,2}")
_BOLD: Final = lazy_compile(r"Bold|Black|Heavy|Semibold|Demi|,B\b", re.IGNORECASE)
_CID: Final = lazy_compile(r"\(cid:\d+\)")
# A bullet or a list number opening a line: an item of its own, not the rest of the last one.
_LIST_MARK: Final = lazy_compile(r"\s*(?:[-•*▪◦–]\s|\(?[0-9a-zA-Z]{1,3}[.)]\s)")
# Share of a page's height, at its top and its foot, where running heads and page numbers sit.
_MARGIN: Final = 0.15
# A footnote is set at most this share of the running text's size.
_SMALLER: Final = 0.92


class _PageTooDense(Exception):
    def __init__(self, count: int) -> None:
        self.count = count


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class _Line:
    """One line of a page, as read: its text (note calls already marked) and its geometry."""

    text: str
    top: float
    bottom: float
    left: float
    size: float
    #: The line's place on its page, counting from the top.
    number: int
    #: Set mostly in a bold face: UN and Word headings are bold at the running text's size.
    bold: bool = False
    #: Where the line ends on the right, in points.
    right: float = 0.0


@attrs.define(slots=True)
class _Page:
    number: int
    height: float
    lines: list[_Line]
    #: Images and figures drawn: a page with these and no text is a scan.
    images: int


def read_pdf(data: bytes, path: str | None = None) -> Extracted:
    """The text of a PDF report, with its places (see the module doc).

    Raises ``InputError`` for PDFs that cannot be read as reports, and when pdfminer.six is
    not installed.
    """
    try:
        import pdfminer  # noqa: F401  (only whether the extra is installed)
    except ImportError:
        raise InputError(f"PDF input needs the pdf extra: {_EXTRA}", path) from None
    # pdfminer logs what it repairs in a damaged file; that is not for a report's reader, and
    # what cannot be repaired is an error below.
    logger = logging.getLogger("pdfminer")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.ERROR)

    try:
        pages = list(_read_pages(data, path))
    except InputError:
        raise
    except _PageTooDense as error:
        raise InputError(
            f"PDF page too complex to read ({error.count} characters on one page; "
            f"the limit is {MAX_CHARS_PER_PAGE})",
            path,
        ) from None
    except RecursionError:
        raise InputError("damaged PDF: its objects nest too deeply", path) from None
    except MemoryError:
        raise InputError("PDF too large to read in memory", path) from None
    except Exception as error:  # pdfminer raises many types, all meaning a damaged file
        raise InputError(f"damaged PDF ({_describe(error)})", path) from None
    return _assemble(pages, path)


def _describe(error: Exception) -> str:
    text = " ".join(str(error).split())[:120]
    return text[:1].lower() + text[1:] if text else type(error).__name__


def _read_pages(data: bytes, path: str | None) -> Iterator[_Page]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    class Aggregator(PDFPageAggregator):
        # The layout analysis runs when a page ends; a page far denser than text is refused
        # before it, since the analysis would take longer than any timeout allows.
        def end_page(self, page: Any) -> None:
            count = len(self.cur_item._objs)
            if count > MAX_CHARS_PER_PAGE:
                raise _PageTooDense(count)
            super().end_page(page)

    from pdfminer.pdfdocument import PDFDocument

    parser = PDFParser(io.BytesIO(data))
    try:
        document = PDFDocument(parser, password="")
    except PDFPasswordIncorrect:
        raise InputError(
            "encrypted PDF: it needs a password to open; check an unencrypted copy", path
        ) from None
    except PDFEncryptionError as error:
        raise InputError(f"encrypted PDF that cannot be opened ({error})", path) from None
    manager = PDFResourceManager(caching=True)
    device = Aggregator(manager, laparams=LAParams(line_margin=0.5, boxes_flow=0.5))
    interpreter = PDFPageInterpreter(manager, device)
    for count, page in enumerate(PDFPage.create_pages(document), start=1):
        if count > MAX_PAGES:
            raise InputError(f"PDF too long: more than {MAX_PAGES} pages", path)
        interpreter.process_page(page)
        yield _page_of(device.get_result(), count)


def _page_of(layout: LTPage, number: int) -> _Page:
    from pdfminer.layout import LTFigure, LTImage, LTTextBox, LTTextLine

    raw: list[_Raw] = []
    images = 0
    for item in layout:
        if isinstance(item, LTTextBox):
            for line in item:
                if isinstance(line, LTTextLine):
                    text, size, _count, bold = _line_text(line)
                    if text.strip():
                        top, bottom = layout.height - line.y1, layout.height - line.y0
                        raw.append(_Raw(top, bottom, line.x0, line.x1, size, text, bold))
        elif isinstance(item, (LTFigure, LTImage)):
            images += 1
    raw = _join_hanging(raw)
    # Numbered top to bottom, as a reader counts the lines of a page; the list keeps the
    # reading order of the layout analysis (columns one after the other).
    by_position = sorted(range(len(raw)), key=lambda i: (round(raw[i].top), raw[i].left))
    numbers = {index: position + 1 for position, index in enumerate(by_position)}
    lines = [
        _Line(r.text, r.top, r.bottom, r.left, r.size, numbers[index], r.bold, r.right)
        for index, r in enumerate(raw)
    ]
    return _Page(number, layout.height, lines, images)


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class _Raw:
    top: float
    bottom: float
    left: float
    right: float
    size: float
    text: str
    bold: bool


#: Longest text set apart before its line: a paragraph number ("63."), a list mark ("(a)"), a
#: short form in a legend ("CoE-ACFC").
_HANGING_CHARS: Final = 12
#: Widest gap between such a text and its line, in points (about two inches).
_HANGING_GAP: Final = 150.0


def _join_hanging(raw: list[_Raw]) -> list[_Raw]:
    """Short texts set apart on the left of a line, on its baseline, joined to that line.

    The layout analysis puts a paragraph number ("63.") or a legend's short form ("AI") in a
    box of its own when a wide gap follows it, so the number would stand alone on a line and
    the legend's columns would be read one after the other. Only short texts are joined: the
    lines of a two-column page are long and stay apart.
    """
    hanging = [i for i, r in enumerate(raw) if len(r.text) <= _HANGING_CHARS]
    if not hanging:
        return raw
    joined: dict[int, list[int]] = {}
    taken: set[int] = set()
    for i in hanging:
        left = raw[i]
        height = max(left.bottom - left.top, 1.0)
        best: int | None = None
        for j, right in enumerate(raw):
            if j == i or j in taken or i in joined.get(j, ()):
                continue
            gap = right.left - left.right
            if not 0 <= gap <= _HANGING_GAP:
                continue
            if abs(right.bottom - left.bottom) > height / 2 or abs(right.top - left.top) > height:
                continue
            if best is None or right.left < raw[best].left:
                best = j
        if best is not None and best not in taken and i not in joined:
            joined.setdefault(best, []).append(i)
            taken.add(i)
    if not joined:
        return raw
    result: list[_Raw] = []
    for j, line in enumerate(raw):
        if j in taken:
            continue
        for i in sorted(joined.get(j, ()), key=lambda k: raw[k].left):
            lead = raw[i]
            line = attrs.evolve(
                line,
                text=f"{lead.text} {line.text}",
                left=lead.left,
                top=min(lead.top, line.top),
                bottom=max(lead.bottom, line.bottom),
            )
        result.append(line)
    return result


def _line_text(line: Any) -> tuple[str, float, int, bool]:
    """A line's text with its note calls in superscript digits, its font size, how many
    characters it holds, and whether most of them are bold."""
    from pdfminer.layout import LTChar

    items = list(line)
    glyphs = [item for item in items if isinstance(item, LTChar)]
    if not glyphs:
        return "", 0.0, 0, False
    size = _dominant_size(glyphs)
    base = [g.y0 for g in glyphs if g.size >= 0.9 * size]
    baseline = statistics.median(base) if base else min(g.y0 for g in glyphs)
    pieces: list[str] = []
    raised: list[str] = []

    def flush() -> None:
        if raised:
            run = "".join(raised)
            if _CALL_DIGITS.fullmatch(run.strip()):
                # Glued to the word it follows, as set: a raised space before it is no gap.
                while pieces and pieces[-1].isspace():
                    pieces.pop()
                pieces.append(run.strip().translate(_SUPERSCRIPT) + run[len(run.rstrip()) :])
            else:
                pieces.append(run)
            raised.clear()

    for item in items:
        text = item.get_text()
        if (
            isinstance(item, LTChar)
            and item.size < 0.85 * size
            and item.y0 > baseline + 0.15 * size
        ):
            raised.append(text)
            continue
        flush()
        pieces.append(text)
    flush()
    text = "".join(pieces).replace("\n", " ").translate(_LIGATURES)
    bold = sum(1 for g in glyphs if _BOLD.search(g.fontname)) * 2 > len(glyphs)
    return " ".join(text.split()), size, len(glyphs), bold


def _dominant_size(glyphs: Sequence[Any]) -> float:
    sizes = Counter(round(g.size * 2) / 2 for g in glyphs)
    return float(sizes.most_common(1)[0][0])


# --------------------------------------------------------------------------- the whole file


def _assemble(pages: list[_Page], path: str | None) -> Extracted:
    if not pages:
        raise InputError("PDF without pages", path)
    if not any(page.lines for page in pages):
        raise InputError(
            "PDF without a text layer (a scan?): nothing to read; run it through OCR "
            "(for example ocrmypdf) and check the OCR'd copy",
            path,
        )
    notes: list[str] = []
    cid = sum(len(_CID.findall(line.text)) for page in pages for line in page.lines)
    total = sum(len(line.text) for page in pages for line in page.lines)
    if cid * 6 > total:  # each "(cid:NN)" stands for one glyph of about 8 characters
        raise InputError(
            "PDF whose fonts do not say which letters they draw: its text cannot be read; "
            "run it through OCR (for example ocrmypdf) and check the OCR'd copy",
            path,
        )
    blank = [page.number for page in pages if not page.lines and page.images]
    if blank:
        notes.append(
            f"{counted(len(blank), 'page')} without a text layer (scanned?) not read: "
            f"{_page_list(blank)}; OCR the PDF to check them"
        )
    body_size = _body_size(pages)
    furniture = _furniture(pages)
    writer = _Writer()
    in_endnotes = False
    for page in pages:
        lines = [line for line in page.lines if (page.number, line.number) not in furniture]
        # Under a Notes heading the notes are the running text: nothing is moved from there on.
        in_endnotes = in_endnotes or any(_is_notes_heading(line.text) for line in lines)
        body, feet = (lines, []) if in_endnotes else _split_foot(lines, body_size)
        writer.page(page.number, body, body_size)
        writer.defer_notes(page.number, feet)
    writer.flush_notes()
    text, places = writer.result()
    return Extracted(text, "pdf", tuple(notes), PlaceMap(places))


def _page_list(numbers: Sequence[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")


def _body_size(pages: Sequence[_Page]) -> float:
    """The size of the running text: the size most of the document's characters are set in."""
    weights: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


_NOTES_HEADINGS: Final = frozenset({"notes", "endnotes", "end notes", "footnotes"})


def _is_notes_heading(text: str) -> bool:
    return " ".join(text.split()).strip(" :.").casefold() in _NOTES_HEADINGS


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.casefold().split()))


def _furniture(pages: Sequence[_Page]) -> set[tuple[int, int]]:
    """(page, line) of each running head, footer and page number: margin lines whose text,
    digits aside, comes back on other pages, and margin lines that are only a page number."""
    candidates: list[tuple[int, _Line, str]] = []
    # Lone numbers that open or close their page, and what each adds to the page's index.
    numbered: list[tuple[int, _Line, int | None]] = []
    for page in pages:
        top_limit = page.height * _MARGIN
        foot_limit = page.height * (1 - _MARGIN)
        first = min(page.lines, key=lambda line: line.top, default=None)
        last = max(page.lines, key=lambda line: line.bottom, default=None)
        for line in page.lines:
            if line.bottom <= top_limit or line.top >= foot_limit:
                candidates.append((page.number, line, _furniture_key(line.text)))
                if (line is first or line is last) and _PAGE_NUMBER.fullmatch(line.text.strip()):
                    digits = re.search(r"\d+", line.text)
                    offset = int(digits.group()) - page.number if digits else None
                    numbered.append((page.number, line, offset))
    pages_with: dict[str, set[int]] = {}
    for number, _line, key in candidates:
        pages_with.setdefault(key, set()).add(number)
    needed = 2 if len(pages) <= 4 else max(3, len(pages) // 4)
    found: set[tuple[int, int]] = set()
    for number, line, key in candidates:
        # A running head has words: a bare "3." or "(iv)" in many margins is a list's or a
        # notes list's numbering that happens to open or close pages, and stays text.
        if len(pages_with[key]) >= needed and any(c.isalpha() for c in key):
            found.add((number, line.number))
    # A page number opens or closes its page and counts with the pages: the same offset from
    # the page's index comes back on another page (a figure alone at the top of a table's
    # column does not), or the document is too short to tell; roman numbers go by place.
    offsets = Counter(offset for _, _, offset in numbered if offset is not None)
    for number, line, offset in numbered:
        if offset is None or offsets[offset] >= 2 or len(pages) <= 2:
            found.add((number, line.number))
    return found


def _note_lead(text: str) -> int | None:
    match = _NOTE_LEAD.match(text)
    if match is None:
        return None
    return int(match.group(1).rstrip(".").translate(_FROM_SUPERSCRIPT))


def _split_foot(lines: list[_Line], body_size: float) -> tuple[list[_Line], list[_Line]]:
    """A page's running text and its footnotes: the run of lines at the page's foot set
    smaller than the running text, the first of them opening with a note number."""
    if not lines or body_size <= 0:
        return lines, []
    by_height = sorted(lines, key=lambda line: (line.top, line.left))
    foot: list[_Line] = []
    for line in reversed(by_height):
        if line.size > body_size * _SMALLER:
            break
        foot.append(line)
    foot.reverse()
    # The notes start at the first line that opens with a number; smaller lines above it
    # (a table's last rows, a caption) stay with the running text.
    start = next((i for i, line in enumerate(foot) if _note_lead(line.text) is not None), None)
    if start is None or len(foot) == len(by_height):
        return lines, []
    notes = foot[start:]
    kept = {id(line) for line in notes}
    return [line for line in lines if id(line) not in kept], notes


class _Writer:
    """Lines of text and their places; blank lines between blocks, hyphenated words joined.

    A page's footnotes wait for the end of the block that runs over the page break, so that
    a paragraph is not cut in two by the notes of the page it started on.
    """

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.places: list[Place | None] = []
        self._pending: list[tuple[int, Sequence[_Line]]] = []
        #: Whether the last line written ran to the right margin of its page.
        self._ran_to_margin = False

    def _blank(self) -> None:
        if self._pending:
            pending, self._pending = self._pending, []
            for number, lines in pending:
                self._notes(number, lines)
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
            self.places.append(None)

    def _add(self, text: str, place: Place) -> None:
        if self.lines and _LONE_CALL.fullmatch(self.lines[-1]):
            # A note number alone on its line leads the note's text on the next one.
            self.lines[-1] = f"{self.lines[-1]} {text}"
            return
        if self.lines and self.lines[-1] and _hyphenated(self.lines[-1], text):
            head, _, rest = text.partition(" ")
            self.lines[-1] = self.lines[-1][:-1] + head
            text = rest
            if not text:
                return
        self.lines.append(text)
        self.places.append(place)

    def page(self, number: int, lines: Sequence[_Line], body_size: float) -> None:
        previous: _Line | None = None
        margin = max((line.right for line in lines), default=0.0)
        measure = margin - min((line.left for line in lines), default=0.0)
        for line in lines:
            if previous is None:
                # A paragraph carries on over a page break when its last line did not end a
                # sentence and the new page does not start one; or when that line ran to the
                # margin, so the typesetter broke it, and stopped where no sentence ends
                # ("... Chapel Hill:" / "The University of North Carolina Press.").
                ended = not self.lines or self.lines[-1] == "" or _ends_block(self.lines[-1])
                broken = (
                    self._ran_to_margin
                    and bool(self.lines and self.lines[-1])
                    and not _ends_sentence(self.lines[-1])
                    and not _is_heading(line, body_size)
                    and _note_lead(line.text) is None
                    and not _LIST_MARK.match(line.text)
                )
                if not broken and (ended or not line.text[:1].islower()):
                    self._blank()
            elif _new_block(previous, line, body_size):
                self._blank()
            elif _is_heading(previous, body_size) and _is_heading(line, body_size):
                # A heading set over two lines is one heading line.
                before = self.lines[-1]
                if _hyphenated(before, line.text):
                    self.lines[-1] = before[:-1] + line.text
                else:
                    self.lines[-1] = f"{before} {line.text}"
                previous = line
                continue
            text = line.text
            if _is_heading(line, body_size) and (self.lines[-1:] == [""] or not self.lines):
                # Set larger than the running text and opening a block: a heading, written as
                # Markdown marks one, so that segmentation reads it as one.
                text = f"## {text}"
            self._add(text, Place(line.number, number))
            previous = line
        if previous is not None:
            # Within a tenth of the measure: a ragged right margin leaves up to a word's room.
            self._ran_to_margin = previous.right >= margin - 0.1 * measure

    def defer_notes(self, number: int, lines: Sequence[_Line]) -> None:
        if lines:
            self._pending.append((number, lines))

    def flush_notes(self) -> None:
        self._blank()

    def _notes(self, number: int, lines: Sequence[_Line]) -> None:
        """A page's footnotes, each a block opening with its number in superscript digits."""
        for line in lines:
            lead = _NOTE_LEAD.match(line.text)
            if lead is not None:
                if self.lines and self.lines[-1] != "":
                    self.lines.append("")
                    self.places.append(None)
                digits = lead.group(1).translate(_FROM_SUPERSCRIPT).translate(_SUPERSCRIPT)
                rest = line.text[lead.end() :].strip()
                self._add(f"{digits} {rest}".rstrip(), Place(line.number, number))
            else:
                self._add(line.text, Place(line.number, number))

    def result(self) -> tuple[str, list[Place | None]]:
        self.flush_notes()
        lines, places = list(self.lines), list(self.places)
        while lines and lines[-1] == "":
            lines.pop()
            places.pop()
        return "\n".join(lines) + "\n", places


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", '"', "”", ")", "]"))


def _ends_block(text: str) -> bool:
    return text.rstrip().endswith((".", ":", "!", "?", '"', "”", ")", "]")) or text.isupper()


def _new_block(previous: _Line, line: _Line, body_size: float) -> bool:
    height = max(previous.bottom - previous.top, 1.0)
    if line.top < previous.top - height / 2:
        return True  # back up the page: the next column, or a box placed out of order
    if line.top - previous.bottom > 0.6 * height or line.bold != previous.bold:
        return True
    return abs(line.size - previous.size) > 0.1 * max(body_size, 1.0)


def _is_heading(line: _Line, body_size: float) -> bool:
    return line.size > body_size * 1.1 and not _PAGE_NUMBER.fullmatch(line.text)


def _hyphenated(before: str, after: str) -> bool:
    """Whether a word was broken at the end of ``before`` with a hyphen ("inter-" / "national")."""
    return (
        len(before) >= 3
        and before[-1] in "-\xad"
        and before[-2].isalpha()
        and before[-3] != " "
        and after[:1].islower()
    )

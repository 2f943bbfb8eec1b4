"""In-text citations: ``(The Korea Post Feb. 1999)``, ``(27 July 1999)``, ``(ibid.)``.

``grammars/citation.lark`` decides what a citation is; this module cuts the text between a "(" and
the next ")" and hands it to the grammar, then reads the tree into ``CitationValue``s.

Spans: each ``Citation`` covers the text of that one citation INSIDE the parentheses, from its first
to its last token: ``(The Korea Post Feb. 1999)`` gives ``The Korea Post Feb. 1999``, and
``(AI 12 Mar. 2003; HRW 2004)`` gives ``AI 12 Mar. 2003`` and ``HRW 2004``, each located on its
own; ``(HRW 2018, 2019)`` gives ``HRW 2018`` and ``2019``, the second with the author ``HRW``.
A citation hard-wrapped over two lines keeps the line break in its ``text``; its ``author`` is
normalised to single spaces.

Values: the author is the source name with whitespace runs collapsed to one space (spacing at
``/``, ``:`` and ``-`` is kept as written, a comma between listed authors is followed by one
space: ``Raman, Tandong``); a bracketed place (``The Korea Post [Seoul]``) is not
part of the author, since the reference list records it as the place. When a source name ends in
a number (``Country Reports 1999 2000``) the last date is the citation's date.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import attrs
from lark import Token, v_args
from lark.exceptions import VisitError

from provenance.errors import GrammarError
from provenance.folding import join_soft_breaks
from provenance.grammars import ReusedTransformer, parse_full, terminal_pattern
from provenance.model import Citation, CitationValue, Date, DateRange
from provenance.records import shared_methods
from provenance.regex_store import lazy_compile
from provenance.span import LineIndex

__all__ = ["MAX_AUTHOR_WORDS", "iter_citations", "parse_citation_group"]

_GRAMMAR = "citation"
_START = "group"

#: A source name longer than this many words (connectors such as "of" not counted) is prose in
#: parentheses, not a citation.
MAX_AUTHOR_WORDS = 12

#: Longest text between "(" and ")" handed to the grammar: twelve words, a date and a pinpoint,
#: with room for hard-wrap indentation.
_MAX_INSIDE = 320
#: A group's inside up to the first ")" when that closes a bracket opened inside it around a
#: year and nothing closes the group: members parted by ";", the last "Name (Year".
_UNCLOSED_LAST_MEMBER = lazy_compile(
    r"[^()]*;[^();]*\S\s*\(\s*(?:1[6-9]|20)\d\d[a-z]?(?:,\s*[^()]{1,20})?\s*"
)

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

# Tokens that count as words of a source name (connectors and joiners do not).
_WORD_TYPES = frozenset({"NAME", "DOMAIN", "YEAR", "DAY", "NUMBER", "ETAL"})


def _month(token: Token) -> int:
    return _MONTHS[str(token)[:3].lower()]


def _joined(tokens: list[Token]) -> str:
    """Token texts with one space wherever the text had any whitespace, none where it had none
    (nor inside a word a soft hyphen broke over a line: "Catta\u00ad" / "neo" is "Cattaneo")."""
    parts: list[str] = []
    previous_end: int | None = None
    for token in tokens:
        if previous_end is not None and int(token.start_pos or 0) > previous_end:
            parts.append(" ")
        parts.append(" ".join(join_soft_breaks(str(token)).split()))
        previous_end = int(token.end_pos or 0)
    return "".join(parts)


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class _Located:
    """A transformed piece and the offsets of its first and last token in the parsed text."""

    value: Any
    start: int
    end: int


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class _Author:
    tokens: tuple[Token, ...]
    start: int


class _Place:
    """A bracketed place after a source name ("[Seoul]"): dropped from the author."""


_PLACE = _Place()


def _span_of(tokens: tuple[Token, ...] | list[Token]) -> tuple[int, int]:
    first, last = tokens[0], tokens[-1]
    return int(first.start_pos or 0), int(last.end_pos or 0)


@lru_cache(maxsize=1024)
def _year(year: int) -> Date:
    """``Date(year)``, one object for each year: citations of many different sources cite few
    years, and a date and an int object of its own for each was held by every citation."""
    return Date(year)


@v_args(inline=True)
class _CitationTransformer(ReusedTransformer[Token, list[_Located]]):
    """Reads a ``group`` tree into ``CitationValue``s located in the parsed text."""

    # ---------------------------------------------------------------- dates
    def year(self, year: Token) -> _Located:
        return _Located(_year(int(year)), *_span_of([year]))

    def year_letter(self, year: Token, *later: Token) -> _Located:
        # The letter rides on the date until ``author_date`` moves it into the value.
        return _lettered(_year(int(year[:4])), year, later, year)

    def month_year_letter(self, month: Token, year: Token, *later: Token) -> _Located:
        return _lettered(Date(int(year[:4]), _month(month)), year, later, month)

    def month_day_year_letter(
        self, month: Token, day: Token, year: Token, *later: Token
    ) -> _Located:
        return _lettered(Date(int(year[:4]), _month(month), int(day)), year, later, month)

    def day_month_year_letter(
        self, day: Token, month: Token, year: Token, *later: Token
    ) -> _Located:
        return _lettered(Date(int(year[:4]), _month(month), int(day)), year, later, day)

    def year_range(self, first: Token, _dash: Token, last: Token) -> _Located:
        return _Located(DateRange(Date(int(first)), Date(int(last))), *_span_of([first, last]))

    def year_alternative(self, first: Token, _slash: Token, last: Token) -> _Located:
        value = DateRange(Date(int(first)), Date(int(last)), joiner="alternative")
        return _Located(value, *_span_of([first, last]))

    def day_month_year(self, day: Token, month: Token, year: Token) -> _Located:
        return _Located(Date(int(year), _month(month), int(day)), *_span_of([day, year]))

    def day_range(
        self, first: Token, _dash: Token, last: Token, month: Token, year: Token
    ) -> _Located:
        y, m = int(year), _month(month)
        value = DateRange(Date(y, m, int(first)), Date(y, m, int(last)))
        return _Located(value, *_span_of([first, year]))

    def numeric_date(self, date: Token) -> _Located:
        day, month, year = (int(part) for part in str(date).split("."))
        return _Located(Date(year, month, day), *_span_of([date]))

    def month_year(self, month: Token, year: Token) -> _Located:
        return _Located(Date(int(year), _month(month)), *_span_of([month, year]))

    def month_day_year(self, month: Token, day: Token, year: Token) -> _Located:
        return _Located(Date(int(year), _month(month), int(day)), *_span_of([month, year]))

    def month_day_range(
        self, month: Token, first: Token, _dash: Token, last: Token, year: Token
    ) -> _Located:
        y, m = int(year), _month(month)
        value = DateRange(Date(y, m, int(first)), Date(y, m, int(last)))
        return _Located(value, *_span_of([month, year]))

    def month_range(self, first: Token, _dash: Token, last: Token, year: Token) -> _Located:
        y = int(year)
        value = DateRange(Date(y, _month(first)), Date(y, _month(last)))
        return _Located(value, *_span_of([first, year]))

    def year_month(self, year: Token, month: Token) -> _Located:
        return _Located(Date(int(year), _month(month)), *_span_of([year, month]))

    def year_month_day(self, year: Token, month: Token, day: Token) -> _Located:
        return _Located(Date(int(year), _month(month), int(day)), *_span_of([year, day]))

    def year_month_range(self, year: Token, first: Token, _dash: Token, last: Token) -> _Located:
        y = int(year)
        value = DateRange(Date(y, _month(first)), Date(y, _month(last)))
        return _Located(value, *_span_of([year, last]))

    def month_alternative(self, first: Token, _slash: Token, last: Token, year: Token) -> _Located:
        y = int(year)
        value = DateRange(Date(y, _month(first)), Date(y, _month(last)), joiner="alternative")
        return _Located(value, *_span_of([first, year]))

    # ---------------------------------------------------------------- source name
    def _author(self, *children: Any) -> _Author:
        tokens: list[Token] = []
        for child in children:
            if isinstance(child, _Author):
                tokens.extend(child.tokens)
            elif isinstance(child, Token):
                tokens.append(child)
            # anything else is a [Place]: inside the citation's span, but not part of the name
        return _Author(tuple(tokens), int(tokens[0].start_pos or 0))

    author_w = author_n = author_d = titled = _author

    def author_listed(self, author: _Author, *rest: Token) -> _Author:
        """``Raman, Tandong``: the authors of one work in a list; the comma is kept in the name."""
        last = author.tokens[-1]
        at = int(last.end_pos or 0)
        comma = Token("LIST_COMMA", ",", start_pos=at, end_pos=at + 1)
        return _Author((*author.tokens, comma, *rest), author.start)

    def place(self, *_names: Token) -> _Place:
        return _PLACE

    def abbreviation(self, *tokens: Token) -> _Author:
        # "(JEP)" after the name it abbreviates: part of the name, brackets and all.
        return _Author(tokens, int(tokens[0].start_pos or 0))

    # ---------------------------------------------------------------- pinpoint
    def locator(self, *tokens: Token) -> _Located:
        return _Located(_joined_locator(list(tokens)), *_span_of(tokens))

    def page_after_colon(self, colon: Token, *pages: Token) -> _Located:
        return _Located(_joined_locator(list(pages)), *_span_of([colon, *pages]))

    def page_after_comma(self, *pages: Token) -> _Located:
        # The pages alone, as after a colon: "Doe 2020, 12" and "Doe 2020: 12" cite one page,
        # "Pakistan Times 1 Feb. 1993, 1, 7" two.
        return _Located(_joined_locator(list(pages)), *_span_of(pages))

    # ---------------------------------------------------------------- citations
    def author_date(self, author: _Author, date: _Located) -> _Located | list[_Located]:
        _check_length(author)
        day, suffix = _suffixed(date.value)
        value = CitationValue(author=_joined(list(author.tokens)), date=day, year_suffix=suffix)
        return _with_later_letters(_Located(value, author.start, date.end), date)

    def author_only(self, author: _Author, undated: Token) -> _Located:
        # "Smith, op. cit." / "Smith, n.d.": the keyword is in the span, not in the value.
        _check_length(author)
        value = CitationValue(author=_joined(list(author.tokens)))
        return _Located(value, author.start, _span_of([undated])[1])

    def author_accessed(self, author: _Author, _accessed: Token, date: _Located) -> _Located:
        # "ec.europa.eu, accessed August 2023": the day the page was read is in the span, but
        # it is no date of the work (an entry's date is compared with a citation's).
        _check_length(author)
        return _Located(CitationValue(author=_joined(list(author.tokens))), author.start, date.end)

    def date_only(self, date: _Located) -> _Located | list[_Located]:
        day, suffix = _suffixed(date.value)
        value = CitationValue(date=day, year_suffix=suffix)
        return _with_later_letters(_Located(value, date.start, date.end), date)

    def undated_only(self, undated: Token) -> _Located:
        # "Weinstein (Forthcoming)", "UNHCR (n.d.)": neither source nor date in the bracket;
        # the document assembler takes the source from the name right before it.
        return _Located(CitationValue(), *_span_of([undated]))

    def ibid(self, ibid: Token) -> _Located:
        return _Located(CitationValue(ibid=True), *_span_of([ibid]))

    def pinned(
        self, citation: _Located | list[_Located], locator: _Located
    ) -> _Located | list[_Located]:
        if isinstance(citation, list):
            # "Smith 2019a, b, p. 5": the pinpoint after the last letter is the last work's.
            return [*citation[:-1], self._pinned(citation[-1], locator)]
        return self._pinned(citation, locator)

    @staticmethod
    def _pinned(citation: _Located, locator: _Located) -> _Located:
        value = attrs.evolve(citation.value, locator=locator.value)
        return _Located(value, citation.start, locator.end)

    def remarked(
        self, citation: _Located | list[_Located], *rest: _Located | Token
    ) -> _Located | list[_Located]:
        """``Hawkins 1997, 407-8, numbers added``: the writer's remark on the quotation is in
        the citation's span, not in its value."""
        *located, remark = rest
        if located and isinstance(located[0], _Located):
            citation = self.pinned(citation, located[0])
        assert isinstance(remark, Token)
        *before, last = citation if isinstance(citation, list) else [citation]
        remarked = _Located(last.value, last.start, int(remark.end_pos or 0))
        return [*before, remarked] if before else remarked

    def years(
        self, citation: _Located | list[_Located], *years: Token | _Located
    ) -> list[_Located]:
        """``HRW 2018, 2019a``: the first citation, then one of the same source per year; a
        pinpoint after the last year is the last work's (``Smith 2010 and 2011, 5``); letters
        after a year with a letter are more works of that year (``HRW 2018, 2019a, b``)."""
        found = list(citation) if isinstance(citation, list) else [citation]
        author = found[0].value.author
        for year in years:
            if isinstance(year, _Located):
                found[-1] = self._pinned(found[-1], year)
                continue
            if year.type == "LATER_LETTER":
                value = attrs.evolve(found[-1].value, year_suffix=str(year)[-1], locator=None)
                found.append(_Located(value, *_letter_span(year)))
                continue
            date = Date(int(year[:4]))
            suffix = str(year[4:]) or None
            value = CitationValue(author=author, date=date, year_suffix=suffix)
            found.append(_Located(value, *_span_of([year])))
        return found

    def group(self, *citations: _Located | list[_Located]) -> list[_Located]:
        flat: list[_Located] = []
        for citation in citations:
            flat.extend(citation if isinstance(citation, list) else [citation])
        return flat


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class _Lettered:
    """A date whose year has a letter, and the letters of more works of that year written after
    it alone (``2019a, b``: the date, "a", and the token ", b")."""

    date: Date
    suffix: str
    later: tuple[Token, ...]


def _lettered(date: Date, year: Token, later: tuple[Token, ...], first: Token) -> _Located:
    """A date of a year with a letter (``1995a``), from its ``first`` token to its year; the
    letters after it ride along until the citation takes them (``_with_later_letters``)."""
    value = _Lettered(date, str(year)[4:], later) if later else (date, str(year)[4:])
    return _Located(value, *_span_of([first, year]))


def _letter_span(token: Token) -> tuple[int, int]:
    """Where the letter of a ``LATER_LETTER`` token (", b") stands: its last character."""
    end = int(token.end_pos or 0)
    return end - 1, end


def _with_later_letters(citation: _Located, date: _Located) -> _Located | list[_Located]:
    """The citation, then one of the same source and date for each letter written after its
    year's (``World Bank 2019a, b``, ``December 17, 1986a, b``)."""
    if not isinstance(date.value, _Lettered):
        return citation
    found = [citation]
    for token in date.value.later:
        value = attrs.evolve(citation.value, year_suffix=str(token)[-1])
        found.append(_Located(value, *_letter_span(token)))
    return found


def _check_length(author: _Author) -> None:
    words = sum(1 for token in author.tokens if token.type in _WORD_TYPES)
    if words > MAX_AUTHOR_WORDS:
        raise _TooLong(author.start)


def _suffixed(date: Any) -> tuple[Date | DateRange, str | None]:
    """A date and the letter after its year (``1995a``), or None."""
    if isinstance(date, _Lettered):
        return date.date, date.suffix
    if isinstance(date, tuple):
        return date[0], date[1]
    return date, None


def _joined_locator(tokens: list[Token]) -> str:
    """``p. 5``, ``paras. 64 and 65``, ``paras. 2.3, 3.1-3.11``: commas re-inserted after values."""
    parts: list[str] = []
    previous: Token | None = None
    for token in tokens:
        if previous is not None:
            if previous.type == "LOC_VALUE" and token.type == "LOC_VALUE":
                parts.append(", ")  # the grammar drops the "," between two values
            elif token.start_pos is not None and previous.end_pos is not None:
                parts.append(" " if token.start_pos > previous.end_pos else "")
        parts.append(" ".join(str(token).split()))
        previous = token
    return "".join(parts)


# A ";" that ends an HTML character reference ("&amp;", "&#38;"), not a group's separator.
_ENTITY_END = lazy_compile(r"&(?:[A-Za-z]{2,8}|#\d{1,6})$")


def _readable_parts(inside: str) -> list[tuple[int, _Located]]:
    """The citations of a bracket's inside, each with the offset its positions count from.

    A group the grammar refuses whole is read member by member (between its semicolons): one
    member it cannot read ("DRW submissions 2023", "Angel & boyd 2024") does not lose the
    others ("(Froomkin & Colangelo 2020; DRW submissions 2023; 2024)")."""
    if _may_be_group(inside):
        try:
            return [(0, part) for part in _located(inside)]
        except GrammarError:
            pass
    found: list[tuple[int, _Located]] = []
    start = 0
    separators = [i for i, char in enumerate(inside) if char == ";"]
    if not separators:
        return found
    for end in [*separators, len(inside)]:
        if end < len(inside) and _ENTITY_END.search(inside, max(0, end - 9), end):
            continue  # "&amp;" inside a name
        member = inside[start:end]
        if _may_be_group(member):
            with contextlib.suppress(GrammarError):
                found.extend((start, part) for part in _located(member))
        start = end + 1
    return found


#: Terminals of which every citation group the grammar accepts holds one: each citation is
#: dated (a year), marked undated ("n.d.") or a repeat ("ibid."). ``tests/parsers/
#: test_citations.py`` proves it from the grammar's rules.
REQUIRED_TERMINALS = ("YEAR", "YEAR_LETTER", "NUMERIC_DATE", "UNDATED", "IBID")


def _may_be_group(inside: str) -> bool:
    """Whether the grammar may accept ``inside``: where no pattern of ``REQUIRED_TERMINALS``
    matches, no token of theirs can be read, and the whole parse would fail. Most brackets of
    prose hold none ("(North Korea)", "(see Section 3)"), and a report whose brackets all lack
    one never loads the grammar."""
    return any(pattern.search(inside) for pattern in _required_patterns())


@lru_cache(maxsize=1)
def _required_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(terminal_pattern(_GRAMMAR, (_START,), name) for name in REQUIRED_TERMINALS)


def _matching_close(text: str, inside: int, limit: int) -> int:
    """The ")" that closes the bracket opened right before ``inside``, with brackets one level
    deep inside it, or -1 (none before ``limit``, or brackets nested deeper)."""
    depth = 1
    for position in range(inside, limit):
        char = text[position]
        if char == "(":
            depth += 1
            if depth > 2:
                return -1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return position
    return -1


class _TooLong(Exception):
    """A source name longer than ``MAX_AUTHOR_WORDS``: prose, not a citation."""

    def __init__(self, position: int) -> None:
        super().__init__(position)
        self.position = position


_TRANSFORMER = _CitationTransformer()


#: Shortest line taken for one a conversion broke at the measure, not where its text ends.
_MEASURE = 70


def _broken_at_measure(text: str, inside: int, stop: int) -> bool:
    """Whether the bracket opened right before ``inside`` breaks off at ``stop`` as a line broken
    at the measure: a long line ending inside a sentence, which a PDF conversion with a blank
    line after every line gives ("... and development (Sovacool" then "and Drupady, 2012)").
    A break inside a member after a short line ("(Tan," then "1995)") is too often a break in
    the text the bracket does not belong to."""
    # Back to the line's start, but no further than a printed line can be: a longer one is a
    # paragraph left unwrapped, not a line broken at the measure (and the look-back stays
    # linear whatever the text).
    lowest = max(0, inside - 4 * _MEASURE)
    newline = text.rfind("\n", lowest, inside)
    if newline == -1 and lowest > 0:
        return False
    line = text[newline + 1 : stop].rstrip()
    return "\n" not in line and len(line) >= _MEASURE and line[-1] not in ".!?:"


def _located(text: str) -> list[_Located]:
    """Parse the inside of one pair of parentheses; GrammarError when it is not a citation group."""
    tree = parse_full(_GRAMMAR, text, _START)
    try:
        return _TRANSFORMER.transform(tree)
    except VisitError as error:  # lark wraps exceptions raised in a transformer
        if isinstance(error.orig_exc, _TooLong):
            raise GrammarError(_GRAMMAR, text, error.orig_exc.position) from None
        raise


def parse_citation_group(text: str) -> tuple[CitationValue, ...]:
    """The citations in ``text``, the inside of one pair of parentheses (without them).

    ``parse_citation_group("AI 12 Mar. 2003; HRW 2004")`` gives two values. Raises
    ``GrammarError`` when the text is not a citation group (``North Korea``, ``see Section 3``).
    """
    return tuple(part.value for part in _located(text))


#: At most this many texts are kept for sharing (``iter_citations``'s ``interned``).
_INTERNED = 4096


def iter_citations(
    text: str,
    line_index: LineIndex,
    start: int = 0,
    end: int | None = None,
    *,
    interned: dict[str, tuple[str, CitationValue]] | None = None,
    close_by: int | None = None,
) -> Iterator[Citation]:
    """Every citation in parentheses opening in ``text[start:end]``, one per citation of a group.

    A bracket may close after ``end``, up to ``close_by`` (default ``end``), when ``end`` falls
    right after a group's ";": a conversion may break a paragraph, and a group with it ("(...,
    2012; Cyr, 2022;" then a blank line, then "Poole & Dickinson, 2024)"), and the caller
    knows when the next paragraph goes on; or when ``end`` breaks a long line inside a member, as
    a conversion with a blank line after every line of the page does ("... and development
    (Sovacool" then "and Drupady, 2012)"), the member then closing on the next line.

    Each "(" whose ")" follows within a short window is a candidate, brackets one level deep
    inside it included ("(Jurisdicción Especial para la Paz (JEP), 2018)"); the grammar
    decides. Spans are absolute offsets into ``text`` (see the module docstring). Date-only
    citations are found too: whether a date in parentheses counts as a citation in a given
    document is for the document assembler to decide.

    Citations with the same text share one text and one (frozen) value, within one call or
    across the calls given the same ``interned`` table: a report cites the same sources
    thousands of times.
    """
    if interned is None:
        interned = {}
    stop = len(text) if end is None else max(0, min(end, len(text)))
    close_stop = stop if close_by is None else max(stop, min(close_by, len(text)))
    position = text.find("(", max(0, start), stop)
    while position != -1:
        inside = position + 1
        limit = min(stop, inside + _MAX_INSIDE)
        close = text.find(")", inside, limit)
        if close == -1 and close_stop > stop:
            after_separator = text[inside:stop].rstrip().endswith(";")
            if after_separator or _broken_at_measure(text, inside, stop):
                limit = min(close_stop, inside + _MAX_INSIDE)
                close = text.find(")", inside, limit)
                if close != -1 and not after_separator and "\n" in text[stop:close].strip():
                    close = -1  # a member broken at the measure closes on the next line
        inner = text.find("(", inside, close) if close != -1 else -1
        unclosed = False
        if inner != -1:
            # Brackets inside: an acronym after a name, "(Jurisdicción Especial para la Paz
            # (JEP), 2018)". Should the grammar refuse the whole, each inner bracket is still
            # tried on its own, as the search goes on from the next "(".
            first_close = close
            close = _matching_close(text, inside, limit)
            if close == -1 and _UNCLOSED_LAST_MEMBER.fullmatch(text, inside, first_close):
                # A group whose last member writes its year in a bracket of its own, which
                # the group never closes: "(Hakim, 2011; Welzer, 2012; De Juan (2015).". The
                # inner bracket is read as a space; its year is that member's, not another
                # citation's.
                close, unclosed = first_close, True
        if close != -1:
            inside_text = text[inside:close]
            if unclosed:
                inside_text = inside_text.replace("(", " ")
            for offset, part in _readable_parts(inside_text):
                first, last = inside + offset + part.start, inside + offset + part.end
                matched, value = text[first:last], part.value
                if len(interned) >= _INTERNED:
                    # A text of citations each of its own: the table held each beside the
                    # document's. A text cited again is shared again from its next citation.
                    interned.clear()
                known = interned.setdefault(matched, (matched, value))
                if known[1] == value:
                    matched, value = known
                yield Citation(value, matched, line_index.span(first, last))
        # Past an unclosed group's inner bracket, which was read as a part of it.
        position = text.find("(", close + 1 if unclosed else inside, stop)

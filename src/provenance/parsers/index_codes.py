"""Document codes: Amnesty International indexes, IRB request codes and UN document symbols.

The grammar (``grammars/index_code.lark``) decides what a code is and where it ends; this module
only finds where one may start and turns the grammar's trees into ``AmnestyIndex``, ``IrbCode``
and ``UnSymbol`` values.

Public API:

``parse_index_code(text)``
    One whole string that is a code, optionally labelled (``AI Index: ASA 24/06/96``) or
    bracketed (``[LKA8043]``); raises ``GrammarError`` otherwise.
``iter_index_codes(text, line_index, start=0, end=None)``
    Every code in ``text[start:end]`` as an ``IndexCodeMention`` (role ``"cited"``; the document
    assembler decides which one is the document's own and which are page furniture). The
    mention's text and span cover the code alone: ``ASA 24/06/96``, never the ``AI Index:`` label
    or the brackets around ``[KKT34458.E]``.
``iter_index_code_matches(text, line_index, start=0, end=None)``
    The same codes as ``IndexCodeMatch`` records that also say what stood around the code in the
    same parse: the label (text and span) and whether it was bracketed. Use this when both are
    needed, to avoid parsing twice.
``index_code_label(text, mention)`` / ``labelled_before(text, mention)``
    For a mention already in hand: the label that introduces it (``"Al Index:"``,
    ``"Index number:"``, ``"UN Doc."``), decided by the grammar's labelled rules, or ``None``.

A code in prose needs evidence of its scheme: an Amnesty region and the ``NN/NNN/YYYY`` shape, a
UN organ series and at least three parts, or for IRB codes the language suffix (``KKT34458.E``)
or brackets (``[LKA8043]``). A bare ``ABC1234`` is not taken; neither are urgent-action numbers
(``UA 235/88``), resolution numbers without their symbol (``58/53``) or anything inside a URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from sys import intern

import attrs
from lark import Token, Tree

from provenance.grammars import ReusedTransformer, parse_full, parse_prefix, parse_prefix_in
from provenance.model import (
    AmnestyIndex,
    IndexCode,
    IndexCodeMention,
    IrbCode,
    UnSymbol,
)
from provenance.records import shared_methods
from provenance.regex_store import lazy_compile
from provenance.span import LineIndex, Span

__all__ = [
    "YEAR_PIVOT",
    "IndexCodeMatch",
    "expand_year",
    "index_code_label",
    "iter_index_code_matches",
    "iter_index_codes",
    "labelled_before",
    "parse_index_code",
]

_GRAMMAR = "index_code"

#: Two-digit Amnesty years from 60 onward are 19xx, below 60 are 20xx (Amnesty was founded in
#: 1961; the old form was given up in the early 2000s).
YEAR_PIVOT = 60


def expand_year(two_digits: int) -> int:
    """``96`` -> 1996, ``05`` -> 2005: the century of a two-digit Amnesty year."""
    return (1900 if two_digits >= YEAR_PIVOT else 2000) + two_digits


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class IndexCodeMatch:
    """A located code and what the grammar found around it.

    ``mention.span`` covers the code alone; ``span`` covers everything the grammar read: the
    label, the gap after it and the brackets, when present.
    """

    mention: IndexCodeMention
    span: Span
    #: The label as written ("AI Index:", "Al Index:", "Index number:", "UN Doc."), or None.
    label: str | None = None
    label_span: Span | None = None
    bracketed: bool = False


# --------------------------------------------------------------------------- transformer


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class _Parsed:
    """A code with token offsets relative to where parsing started."""

    value: IndexCode
    start: int
    end: int
    label: Token | None = None
    bracketed: bool = False


def _offset(token: Token) -> int:
    assert token.start_pos is not None
    return token.start_pos


def _bounds(tokens: list[Token]) -> tuple[int, int]:
    # From start positions and lengths: the parse trees ``parse_prefix`` returns are copies whose
    # tokens keep ``start_pos`` but not ``end_pos``.
    last = tokens[-1]
    return _offset(tokens[0]), _offset(last) + len(last)


class _ToValues(ReusedTransformer[Token, _Parsed]):
    """Trees of ``index_code.lark`` to ``_Parsed`` records (values plus code offsets)."""

    # The short parts (region, country, language, an old index's number) are few and repeat
    # in every code of a report: one interned string each, not a string each code.

    def amnesty(self, tokens: list[Token]) -> _Parsed:
        region, country, number, year = (intern(str(token)) for token in tokens)
        full_year = int(year) if len(year) == 4 else expand_year(int(year))
        return _Parsed(AmnestyIndex(region, country, number, full_year), *_bounds(tokens))

    def irb(self, tokens: list[Token]) -> _Parsed:
        identifier, language = tokens
        return _Parsed(
            IrbCode(intern(str(identifier[:3])), str(identifier[3:]), intern(str(language[1:]))),
            *_bounds(tokens),
        )

    def irb_bare(self, tokens: list[Token]) -> _Parsed:
        (identifier,) = tokens
        return _Parsed(IrbCode(intern(str(identifier[:3])), str(identifier[3:])), *_bounds(tokens))

    def un(self, tokens: list[Token]) -> _Parsed:
        return _Parsed(UnSymbol(tuple(str(token) for token in tokens)), *_bounds(tokens))

    def labelled_amnesty(self, children: list[Token | _Parsed]) -> _Parsed:
        return self._labelled(children)

    def labelled_un(self, children: list[Token | _Parsed]) -> _Parsed:
        return self._labelled(children)

    def labelled_irb(self, children: list[Token | _Parsed]) -> _Parsed:
        return self._labelled(children)

    @staticmethod
    def _labelled(children: list[Token | _Parsed]) -> _Parsed:
        label, code = children
        assert isinstance(label, Token) and isinstance(code, _Parsed)
        return attrs.evolve(code, label=label)

    def bracketed(self, children: list[_Parsed]) -> _Parsed:
        return attrs.evolve(children[0], bracketed=True)

    def index_code(self, children: list[_Parsed]) -> _Parsed:
        return children[0]

    def mention(self, children: list[_Parsed]) -> _Parsed:
        return children[0]


_TO_VALUES = _ToValues()


def _transform(tree: Tree[Token]) -> _Parsed:
    result = _TO_VALUES.transform(tree)
    assert isinstance(result, _Parsed)
    return result


# --------------------------------------------------------------------------- whole strings


def parse_index_code(text: str) -> IndexCode:
    """The code ``text`` is, as a whole: ``ASA 24/06/96``, ``AI Index: EUR 44/047/1993``,
    ``KKT34458.E``, ``[LKA8043]``, ``LKA8043``, ``A/HRC/25/63``, ``UN Doc. A/RES/58/53``.

    Raises ``GrammarError`` when ``text`` is anything else (surrounding spaces included).
    """
    return _transform(parse_full(_GRAMMAR, text, "index_code")).value


# --------------------------------------------------------------------------- in prose

# Where a code or its label may start. The grammar decides whether one does; this only has to
# miss nothing the grammar accepts and to stay off the inside of words, numbers and URLs. A
# digit may precede a label or code: OCR glues footnote numbers on ("27AI Index:"). The leading
# one-character lookahead lets the regex engine skip most positions at once (2-3x faster).
_FIRST = r"(?=[A-Z\[ainruÍí])"
# A hyphen joins a word to a code ("X-E/..."), but after a number it joins two UN symbols given
# for one document: "E/2003/22-E/C.12/2002/13".
_BOUNDARY = r"(?<![A-Za-z/_%=&?#@~+\\])(?<![^0-9]-)"
_CANDIDATE_SOURCE = (
    _FIRST
    + r"(?:"
    # A joint symbol names one document issued in two series: "A/79/947-S/2025/372".
    + r"(?<=[0-9]-)(?=[AES]/[A-Z0-9])|"
    + _BOUNDARY
    + r")"
    + r"""(?:
        (?i:a[il1|][ \t\u00a0]*index|index|n[°ºo˚][ \t\u00a0]*d|índice)   # Amnesty labels
      | (?i:u\.?[ \t\u00a0]?n\.?[ \t\u00a0]+doc)                            # UN labels
      | [A-Z]{3}[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)?[0-9]{2}/                   # Amnesty code
      | \[?[A-Z]{3}[0-9]{4}                                             # IRB code
      | [A-Z]{1,5}/[A-Z0-9]                                             # UN symbol
      | (?i:information\s+request|rir)                                   # IRB labels
    )"""
)
_CANDIDATE = lazy_compile(_CANDIDATE_SOURCE, re.VERBOSE)
#: ``_CANDIDATE`` after the character before it, which its boundary asks to be no letter (nor
#: one of ``/_%=&?#@~+\``; a joint symbol's hyphen is none): a pattern that opens with a
#: lookahead gives the regex engine nothing to skip to, so it was tried at every position of
#: the text, where this one skips letters in C.
_AFTER_BOUNDARY = lazy_compile(r"[^A-Za-z/_%=&?#@~+\\]" + _CANDIDATE_SOURCE, re.VERBOSE)


def _candidate_at(text: str, position: int, end: int) -> int | None:
    """Where ``_CANDIDATE.search(text, position, end)`` matches, or None."""
    if position <= 0:
        if _CANDIDATE.match(text, 0, end) is not None:
            return 0
        position = 1
    found = _AFTER_BOUNDARY.search(text, position - 1, end)
    return None if found is None else found.start() + 1


def _parse_at(text: str, position: int, end: int) -> tuple[_Parsed, int] | None:
    """The code starting at ``position``, if it ends by ``end``; offsets are absolute.

    The grammar reads to the end of the text so that its lookaheads see the real text: a range
    that cuts ``ASA 24/1234/2019`` after ``20`` must not yield a code of the year 2020. Nothing
    caps a code's length (a UN symbol may have any number of parts, a label any indentation),
    so the text is read in place rather than through a window.
    """
    found = parse_prefix_in(_GRAMMAR, text, "mention", position)
    if found is None or found[1] > end:
        return None
    tree, stop = found
    return _transform(tree), stop


def iter_index_code_matches(
    text: str, line_index: LineIndex, start: int = 0, end: int | None = None
) -> Iterator[IndexCodeMatch]:
    """Every code in ``text[start:end]``, with its label and brackets; see the module docs.

    A code counts when all the grammar read (label and brackets included) lies inside the
    range; it is read in the context of the whole text. Spans are absolute offsets in ``text``.
    Never raises on any input.
    """
    length = len(text)
    end = length if end is None else max(0, min(end, length))
    position = max(0, start)
    # Equal codes share one (frozen) value: a report repeats its own code and the codes it
    # cites. Kept by value, not by text: the document slices each code's text from its own when
    # read, and a text a code held here was most of the peak of reading a list of codes.
    interned: dict[IndexCode, IndexCode] = {}
    labels: dict[str, str] = {}
    while position < end:
        at = _candidate_at(text, position, end)
        if at is None:
            return
        parsed = _parse_at(text, at, end)
        if parsed is None:
            position = at + 1
            continue
        code, stop = parsed
        code_start, code_end = code.start, code.end
        matched, value = text[code_start:code_end], code.value
        if "\n" in matched:
            # Broken over two lines by a page ("ASA" / "21/20/92"): told as one code.
            matched = " ".join(matched.split())
        value = interned.setdefault(value, value)
        mention = IndexCodeMention(value, matched, line_index.span(code_start, code_end))
        label_text = label_span = None
        if code.label is not None:
            label_text = str(code.label)
            label_text = labels.setdefault(label_text, label_text)
            label_start = _offset(code.label)
            label_span = line_index.span(label_start, label_start + len(label_text))
        yield IndexCodeMatch(
            mention, line_index.span(at, stop), label_text, label_span, code.bracketed
        )
        position = stop


def iter_index_codes(
    text: str, line_index: LineIndex, start: int = 0, end: int | None = None
) -> Iterator[IndexCodeMention]:
    """Every code in ``text[start:end]`` as a mention whose span covers the code alone.

    Spans are absolute offsets in ``text``; every role is ``"cited"``. Never raises.
    """
    for match in iter_index_code_matches(text, line_index, start, end):
        yield match.mention


# How far before a code its label can start: the longest label, a line break and indentation.
_LABEL_REACH = 80


def index_code_label(text: str, mention: IndexCodeMention) -> str | None:
    """The label introducing ``mention`` (``"AI Index:"``, ``"Index number:"``, ``"UN Doc."``).

    ``None`` when no label precedes it. The grammar decides: a parse that starts at a label
    candidate shortly before the code must end exactly where the mention ends.
    """
    code_start, code_end = mention.span.start, mention.span.end
    if not 0 <= code_start <= code_end <= len(text):
        return None
    position = max(0, code_start - _LABEL_REACH)
    while position < code_start:
        at = _candidate_at(text, position, code_start)
        if at is None:
            return None
        found = parse_prefix(_GRAMMAR, text, "mention", at, code_end)
        if found is not None and at + found[1] == code_end:
            parsed = _transform(found[0])
            if parsed.label is not None and at + parsed.start == code_start:
                return str(parsed.label)
        position = at + 1
    return None


def labelled_before(text: str, mention: IndexCodeMention) -> bool:
    """Whether a label such as ``AI Index:`` or ``Index number:`` introduces ``mention``."""
    return index_code_label(text, mention) is not None

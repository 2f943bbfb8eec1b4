"""Counts, the parts of a total, and stated changes: ``500 sets``, ``29 refugees, including 11
men, 15 women and 3 children``, ``approximately a 1.6-fold increase``.

The grammar (``grammars/figures.lark``) decides what a statement is and where it ends; this
module finds where one may start and turns trees into ``provenance.figures`` values.

Public API: ``parse_figures(text)`` (one whole statement, else ``GrammarError``) and
``iter_figures(text, line_index, start=0, end=None)`` (every statement in order, none
overlapping, as ``FigureMention``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lark import Token
from lark.exceptions import VisitError

from provenance import regex_store
from provenance.errors import GrammarError
from provenance.figures import Breakdown, Change, Figure, FigureMention, FigureValue
from provenance.grammars import ReusedTransformer, iter_prefix_parses, parse_full
from provenance.parsers.relative import NUMBER_WORDS, hedge_of
from provenance.span import LineIndex

__all__ = ["iter_figures", "parse_figures"]

_GRAMMAR = "figures"

_NUMBERS = {**NUMBER_WORDS, "hundred": 100}
_DECREASES = ("decrease", "decline", "drop", "fall", "reduction")


def _number(token: Token) -> int:
    word = token.lower()
    if word[0].isdigit():
        return int(word.replace(",", ""))
    return _NUMBERS[word]


def _direction(token: Token | None) -> Literal["increase", "decrease"] | None:
    if token is None:
        return None
    return "decrease" if token.lower().startswith(_DECREASES) else "increase"


def _figure(children: list[Token]) -> Figure:
    hedge = None
    count = 0
    words: list[str] = []
    for child in children:
        if child.type == "HEDGE":
            hedge = hedge_of(child)
        elif child.type == "NUMBER":
            count = _number(child)
        elif child.type == "ARTICLE":
            count = 1
        elif child.type == "WORD":
            words.append(str(child))
    return Figure(count, " ".join(words), hedge)


def _change(children: list[Token], kind: Literal["fold", "percent"]) -> Change:
    hedge = None
    ratio = "0"
    change: Token | None = None
    for child in children:
        if child.type == "HEDGE":
            hedge = hedge_of(child)
        elif child.type == "RATIO":
            ratio = str(child)
        elif child.type == "CHANGE":
            change = child
    decimals = len(ratio.partition(".")[2])
    return Change(float(ratio), decimals, kind, _direction(change), hedge)


class _ToValue(ReusedTransformer[Token, FigureValue]):
    """Trees of ``figures.lark`` to ``Figure``, ``Breakdown`` and ``Change`` values."""

    def start(self, children: list[FigureValue]) -> FigureValue:
        return children[0]

    def counted(self, children: list[Token]) -> Figure:
        return _figure(children)

    def part(self, children: list[Token]) -> Figure:
        return _figure(children)

    def _breakdown(self, children: list[Token | Figure], complete: bool) -> Breakdown:
        tokens = [c for c in children if isinstance(c, Token) and c.type != "LINK"]
        parts = tuple(c for c in children if isinstance(c, Figure))
        return Breakdown(_figure([t for t in tokens if t.type != "PARTITION"]), parts, complete)

    def included(self, children: list[Token | Figure]) -> Breakdown:
        return self._breakdown(children, complete=False)

    def partitioned(self, children: list[Token | Figure]) -> Breakdown:
        return self._breakdown(children, complete=True)

    def fold(self, children: list[Token]) -> Change:
        return _change(children, "fold")

    def percent(self, children: list[Token]) -> Change:
        return _change(children, "percent")

    def percent_of(self, children: list[Token]) -> Change:
        return _change(children, "percent")


_TO_VALUE = _ToValue()


def parse_figures(text: str) -> FigureValue:
    """The statement that is all of ``text``; ``GrammarError`` otherwise."""
    tree = parse_full(_GRAMMAR, text)
    try:
        return _TO_VALUE.transform(tree)
    except VisitError as error:  # pragma: no cover - the transformer accepts every tree
        raise GrammarError(_GRAMMAR, text, 0) from error


# Where a statement may start: a hedge, an article or "an increase" before a number, or a
# number not glued to a code, path or longer number. Years and numbers after labels ("No. 12")
# are left to the grammar and the caller: a year counts nothing here.
_NUMBER_WORD = "|".join(sorted(_NUMBERS, key=len, reverse=True))
_CANDIDATE = regex_store.compiled(
    r"(?<![\w.,/:#$€£¥&=+\\-])"
    r"(?:(?i:approximately|approx\.|about|around|roughly|some|nearly|almost|over|more|less"
    r"|just|only|exactly|at|up|circa|an?)(?=[ \t]*\n?[ \t]*(?:an?\s+)?\d)"
    r"|(?i:an?[ \t]+)?(?i:increase|rise|growth|jump|decrease|decline|drop|fall|reduction)"
    r"(?=[ \t]+of[ \t]+)"
    rf"|\d|(?i:{_NUMBER_WORD})(?![A-Za-z-]))"
)
# The same starts, kept only where a total's parts or a change follow within a few words: what
# a reader needs when no lone count is wanted.
_STATEMENT_CANDIDATE = regex_store.compiled(
    rf"(?:{_CANDIDATE.pattern})"
    r"(?=[^;]{0,120}?(?:(?i:including|comprising|consisting|made[ \t]+up|namely"
    r"|of[ \t]+wh(?:om|ich)|among[ \t]+(?:them|whom)|fold|times|per[ \t]*cent|percent)"
    r"(?![A-Za-z])|[(%:]))"
)
_WINDOW = 200


def iter_figures(
    text: str,
    line_index: LineIndex,
    start: int = 0,
    end: int | None = None,
    *,
    counts: bool = True,
) -> Iterator[FigureMention]:
    """Every figure statement in ``text[start:end]``, in order; never raises.

    With ``counts=False`` only totals with their parts and stated changes are looked for (a
    lone count, "500 sets", is read only where it opens one of them).
    """
    length = len(text)
    end = length if end is None else max(0, min(end, length))
    start = max(0, min(start, end))
    candidates = _CANDIDATE if counts else _STATEMENT_CANDIDATE
    positions = (match.start() for match in candidates.finditer(text, start, end))
    for first, after, value in iter_prefix_parses(
        _GRAMMAR, text, positions, end, _WINDOW, _TO_VALUE
    ):
        yield FigureMention(value, text[first:after], line_index.span(first, after))

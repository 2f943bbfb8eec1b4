"""Stated figures as typed frozen values: counts, the parts of a total, and stated changes.

``grammars/figures.lark`` decides what these statements are; ``provenance.parsers.figures`` turns
its trees into the values below and ``provenance.render.figures`` writes them back, so that
``parse_figures(render_figures(value)) == value``.
"""

from __future__ import annotations

from typing import Literal

import attrs

from provenance.records import shared_methods
from provenance.span import Span
from provenance.temporal import Hedge


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Figure:
    """A counted number: ``approximately 300 sets``, ``29 North Korean refugees``, ``a child``.

    ``noun`` is the words after the number as written, joined by single spaces.
    """

    count: int
    noun: str
    hedge: Hedge | None = None


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Breakdown:
    """A total and its parts: ``29 refugees, including 11 men, 15 women and 3 children``.

    ``complete`` when the text says the parts are all of the total ("comprising", "namely",
    a colon); "including", "of whom" and parts in brackets may list only some of it.
    """

    total: Figure
    parts: tuple[Figure, ...]
    complete: bool


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Change:
    """A stated change: ``approximately a 1.6-fold increase``, ``a 20 per cent rise``.

    ``ratio`` is the number as written and ``decimals`` how many decimals it was written with
    (the precision the text claims). ``kind``: "fold" (a multiple) or "percent".
    """

    ratio: float
    decimals: int
    kind: Literal["fold", "percent"]
    direction: Literal["increase", "decrease"] | None = None
    hedge: Hedge | None = None


FigureValue = Figure | Breakdown | Change


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class FigureMention:
    """A figure statement as written in a document."""

    value: FigureValue
    text: str
    span: Span

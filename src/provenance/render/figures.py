"""Figure statements back to text: the inverse of ``provenance.parsers.figures``.

``render_figures(value)`` writes a ``Figure`` ("approximately 300 sets"), a ``Breakdown``
("29 refugees, including 11 men, 15 women and 3 children", or with "comprising" when the parts
are all of the total) or a ``Change`` ("approximately a 1.6-fold increase", "a 20% rise") so that
``parse_figures(render_figures(value)) == value``.
"""

from __future__ import annotations

from provenance.figures import Breakdown, Change, Figure, FigureValue
from provenance.temporal import Hedge

__all__ = ["render_figures"]

_HEDGE_WORDS: dict[Hedge, str] = {
    "exact": "exactly",
    "about": "approximately",
    "more": "more than",
    "less": "less than",
}


def _figure(figure: Figure) -> str:
    text = f"{figure.count:,} {figure.noun}"
    if figure.hedge is not None:
        text = f"{_HEDGE_WORDS[figure.hedge]} {text}"
    return text


def render_figures(value: FigureValue) -> str:
    """``value`` as a report writes it."""
    if isinstance(value, Figure):
        return _figure(value)
    if isinstance(value, Breakdown):
        parts = [_figure(part) for part in value.parts]
        listed = ", ".join(parts[:-1]) + " and " + parts[-1]
        link = "comprising" if value.complete else "including"
        return f"{_figure(value.total)}, {link} {listed}"
    return _change(value)


def _change(value: Change) -> str:
    ratio = f"{value.ratio:.{value.decimals}f}"
    amount = f"{ratio}-fold" if value.kind == "fold" else f"{ratio}%"
    direction = f" {value.direction}" if value.direction is not None else ""
    hedge = f"{_HEDGE_WORDS[value.hedge]} " if value.hedge is not None else ""
    return f"{hedge}a {amount}{direction}"

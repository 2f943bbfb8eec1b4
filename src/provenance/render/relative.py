"""Relative times, spans of time and ages back to text: the inverse of
``provenance.parsers.relative``.

``render_relative(value, style)`` writes a value so that
``parse_relative(render_relative(value, style)) == value`` for every value the parser gives:
``style="words"`` spells amounts below a hundred ("two and a half years", "four to six
months"), ``style="digits"`` writes figures ("2.5 years", "4-6 months"). An age is written
"N units old"; an age in years of a whole number as "a N-year-old" in ``adjective`` style.
"""

from __future__ import annotations

from typing import Literal

from provenance.parsers.relative import NUMBER_WORDS
from provenance.temporal import (
    Age,
    Duration,
    Hedge,
    Offset,
    Quantity,
    RelativeValue,
    Since,
    Step,
)

__all__ = ["RELATIVE_STYLES", "RelativeStyle", "render_relative"]

RelativeStyle = Literal["words", "digits", "adjective"]
RELATIVE_STYLES: tuple[RelativeStyle, ...] = ("words", "digits", "adjective")

_WORDS = {number: word for word, number in NUMBER_WORDS.items()}
_HEDGE_WORDS: dict[Hedge, str] = {
    "exact": "just",
    "about": "about",
    "more": "more than",
    "less": "less than",
}


def _number(value: float, style: RelativeStyle) -> str:
    whole = int(value)
    if style != "digits" and value == whole and 1 <= whole <= 99:
        if whole in _WORDS:
            return _WORDS[whole]
        tens, ones = divmod(whole, 10)
        return f"{_WORDS[tens * 10]}-{_WORDS[ones]}"
    if style != "digits" and value - whole == 0.5 and 1 <= whole <= 99:
        return f"{_number(whole, style)} and a half"
    return str(whole) if value == whole else f"{value:g}"


def _quantity(quantity: Quantity, style: RelativeStyle) -> str:
    if quantity.low == quantity.high:
        amount = _number(quantity.low, style)
    elif style == "digits":
        amount = f"{_number(quantity.low, style)}-{_number(quantity.high, style)}"
    else:
        amount = f"{_number(quantity.low, style)} to {_number(quantity.high, style)}"
    plural = "" if quantity.low == quantity.high == 1 else "s"
    text = f"{amount} {quantity.unit}{plural}"
    if quantity.hedge is not None:
        text = f"{_HEDGE_WORDS[quantity.hedge]} {text}"
    return text


def render_relative(value: RelativeValue, style: RelativeStyle = "words") -> str:
    """``value`` as text in ``style`` (one of ``RELATIVE_STYLES``)."""
    if style not in RELATIVE_STYLES:
        raise ValueError(f"unknown style {style!r}; expected one of {RELATIVE_STYLES}")
    if isinstance(value, Offset):
        direction = "ago" if value.anchor == "present" else value.direction
        return f"{_quantity(value.quantity, style)} {direction}"
    if isinstance(value, Step):
        return _step(value)
    if isinstance(value, Duration):
        text = _quantity(value.quantity, style)
        return f"for {text}" if value.marked else text
    if isinstance(value, Age):
        return _age(value, style)
    if isinstance(value, Since):
        return f"since {value.year}"
    prefix = ""
    if value.qualifier is not None:
        prefix = "mid-" if value.qualifier == "mid" else f"{value.qualifier} "
    return f"the {prefix}{value.first_year}s"


def _step(value: Step) -> str:
    within = f"{value.within} " if value.within is not None else ""
    if value.anchor == "present":
        word = {-1: "last", 0: f"{within}this", 1: "next"}[value.steps]
        return f"{word} {value.unit}"
    if value.steps == 0:
        return f"{within}the same {value.unit}"
    return f"the {'next' if value.steps > 0 else 'previous'} {value.unit}"


def _age(value: Age, style: RelativeStyle) -> str:
    quantity = value.quantity
    if (
        style == "adjective"
        and quantity.hedge is None
        and quantity.low == quantity.high == int(quantity.low)
    ):
        number = int(quantity.low)
        article = "an" if str(number).startswith("8") or number in (11, 18) else "a"
        return f"{article} {number}-{quantity.unit}-old"
    return f"{_quantity(quantity, style)} old"

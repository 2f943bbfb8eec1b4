"""Index codes back to text: the inverse of ``provenance.parsers.index_codes``.

``render_index_code(value, style, label=...)`` writes a code so that
``parse_index_code(render_index_code(value, style, label=label)) == value`` for every valid value
and every style that applies to it (``styles_for(value)``).

Styles:

``"canonical"``
    Amnesty: the form Amnesty used for that number width: a two-digit number goes with a
    two-digit year (``ASA 24/06/96``, the pre-2000s form), a longer one with four
    (``EUR 44/047/1993``, ``ASA 24/1234/2019``). A two-digit number whose year falls outside the
    two-digit window (1960-2059) gets four. IRB: ``KKT34458.E`` (``LKA8043`` without a language).
    UN: the parts joined by ``/``.
``"old"`` / ``"new"``
    Amnesty only: a two-digit / four-digit year. The number is always written as stored, never
    re-padded: ``AmnestyIndex("ASA", "24", "06", 1996)`` in the new style is ``ASA 24/06/1996``,
    not ``ASA 24/006/1996`` (that would be another value, whose number is ``"006"``), so the
    round trip stays exact. ``"old"`` needs a year in 1960-2059.
``"bracketed"``
    IRB only: ``[KKT34458.E]``, ``[LKA8043]``, as IRB title lines write a request's own code.

``label=True`` puts the scheme's usual label in front: ``AI Index: ASA 24/06/96``,
``UN Doc. A/HRC/25/63``. IRB codes have no label.

A style or label that does not apply to the value's scheme raises ``ValueError``.
"""

from __future__ import annotations

from typing import Literal

from provenance.model import AmnestyIndex, IndexCode, IrbCode, UnSymbol
from provenance.parsers.index_codes import YEAR_PIVOT

__all__ = ["AMNESTY_LABEL", "UN_LABEL", "IndexCodeStyle", "render_index_code", "styles_for"]

IndexCodeStyle = Literal["canonical", "old", "new", "bracketed"]

AMNESTY_LABEL = "AI Index:"
UN_LABEL = "UN Doc."

# The years a two-digit Amnesty year can stand for (see ``parse.index_codes.expand_year``).
_FIRST_TWO_DIGIT_YEAR = 1900 + YEAR_PIVOT
_LAST_TWO_DIGIT_YEAR = 2000 + YEAR_PIVOT - 1


def styles_for(value: IndexCode) -> tuple[IndexCodeStyle, ...]:
    """The styles ``render_index_code`` accepts for ``value``."""
    if isinstance(value, AmnestyIndex):
        if _FIRST_TWO_DIGIT_YEAR <= value.year <= _LAST_TWO_DIGIT_YEAR:
            return ("canonical", "old", "new")
        return ("canonical", "new")
    if isinstance(value, IrbCode):
        return ("canonical", "bracketed")
    return ("canonical",)


def render_index_code(
    value: IndexCode, style: IndexCodeStyle = "canonical", *, label: bool = False
) -> str:
    """The text of ``value`` in ``style``, optionally preceded by its scheme's label."""
    if style not in styles_for(value):
        raise ValueError(f"style {style!r} does not apply to {value!r}")
    if isinstance(value, AmnestyIndex):
        text = _amnesty(value, style)
        return f"{AMNESTY_LABEL} {text}" if label else text
    if isinstance(value, IrbCode):
        if label:
            raise ValueError("IRB codes are not written with a label")
        text = value.country + value.number
        if value.language is not None:
            text += "." + value.language
        return f"[{text}]" if style == "bracketed" else text
    text = _un(value)
    return f"{UN_LABEL} {text}" if label else text


def _amnesty(value: AmnestyIndex, style: IndexCodeStyle) -> str:
    two_digit = style == "old" or (
        style == "canonical"
        and len(value.number) == 2
        and _FIRST_TWO_DIGIT_YEAR <= value.year <= _LAST_TWO_DIGIT_YEAR
    )
    year = f"{value.year % 100:02d}" if two_digit else f"{value.year:04d}"
    return f"{value.region} {value.country}/{value.number}/{year}"


def _un(value: UnSymbol) -> str:
    return "/".join(value.parts)

"""Legal parentheticals as text: the inverse of
``provenance.parsers.legal.parse_legal_parenthetical``."""

from __future__ import annotations

from provenance.model import Date
from provenance.parsers.legal import LegalParenthetical
from provenance.render.dates import ABBREVIATED_MONTHS

__all__ = ["render_legal_parenthetical"]


def _date(date: Date) -> str:
    if date.month is None:
        return str(date.year)
    month = ABBREVIATED_MONTHS[date.month - 1]
    if date.day is None:
        return f"{month} {date.year}"
    return f"{month} {date.day}, {date.year}"


def render_legal_parenthetical(value: LegalParenthetical) -> str:
    """The inside of a bracket (without the brackets) that reads back as ``value``: a court's
    dates after the court, the first as the legal citation writes it ("Feb. 18, 2016"), the
    others as years; a code's year after its publisher; the places of the record as they are."""
    if value.kind == "record" or not value.dates:
        return value.authority
    first, *more = value.dates
    return " ".join([value.authority, ", ".join([_date(first), *(str(d.year) for d in more)])])

"""Legal parentheticals: ``(9th Cir. 2011)``, ``(BIA 2007)``, ``(West 2004)``, ``(IJ at 12)``.

Court decisions and briefs write, in brackets beside a citation of a case, a statute or the record,
the court and year of the decision, the publisher and year of a code, or a place in the record.
Some of them look like author-date citations (``BIA 2007``, ``E.D.N.Y. Feb. 18, 2016``) but cite
nothing a source list could hold. ``grammars/legal.lark`` decides what such a bracket is; the
document assembler asks it about a bracket that no listed source answered.
"""

from __future__ import annotations

from typing import Literal

import attrs
from lark import Token, Tree

from provenance.errors import GrammarError
from provenance.grammars import parse_full
from provenance.model import Date
from provenance.parsers.dates import month_number
from provenance.records import shared_methods

__all__ = ["LegalKind", "LegalParenthetical", "is_legal_parenthetical", "parse_legal_parenthetical"]

_GRAMMAR = "legal"
_START = "start"

LegalKind = Literal["court", "code", "record"]


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class LegalParenthetical:
    """What a legal bracket says: its ``kind``, who it names (the court, the code's publisher, or
    the places in the record, as written with spaces normalised) and the dates it gives (a court's
    decision, a code's edition; none for the record)."""

    kind: LegalKind
    authority: str
    dates: tuple[Date, ...] = ()


def _words(tokens: list[Token]) -> str:
    return " ".join(" ".join(str(token).split()) for token in tokens)


def _date(tree: Tree[Token]) -> Date:
    parts = {token.type: str(token) for token in tree.children if isinstance(token, Token)}
    month = month_number(parts["MONTH"]) if "MONTH" in parts else None
    day = int(parts["DAY"]) if "DAY" in parts else None
    return Date(int(parts["YEAR"]), month, day)


def _court(tree: Tree[Token], text: str) -> LegalParenthetical:
    court, *rest = tree.children
    assert isinstance(court, Tree)
    tokens = [t for t in court.children if isinstance(t, Token)]
    if not any(token.type == "COURT" for token in tokens):
        # "9th 2011": a number with a suffix is no court by itself.
        raise GrammarError(_GRAMMAR, text, int(tokens[0].start_pos or 0))
    dates: list[Date] = []
    for child in rest:
        if isinstance(child, Tree):
            dates.append(_date(child))
        elif child.type == "YEAR":
            dates.append(Date(int(child)))
    return LegalParenthetical("court", _words(tokens), tuple(dates))


def _record_text(tree: Tree[Token]) -> str:
    """The places of the record, each its tokens with single spaces and a comma between two
    pins ("I.J. at 3; Exhs. 1, 3"); a comma before "at" is not kept."""
    places = []
    for record in tree.children:
        assert isinstance(record, Tree)
        text = ""
        previous: Token | None = None
        for token in record.children:
            assert isinstance(token, Token)
            if previous is not None:
                between_pins = previous.type in ("PIN", "TAB_ID") and token.type in (
                    "PIN",
                    "TAB",
                    "RECORD",
                )
                text += ", " if between_pins else " "
            text += " ".join(str(token).split())
            previous = token
        places.append(text)
    return "; ".join(places)


def parse_legal_parenthetical(text: str) -> LegalParenthetical:
    """What the inside of one pair of parentheses (``text``, without them) is, as a legal
    parenthetical; ``GrammarError`` when it is not one (``Human Rights Watch 2004``)."""
    tree: Tree[Token] = parse_full(_GRAMMAR, text, _START)
    (inside,) = [child for child in tree.children if isinstance(child, Tree)]
    if inside.data == "court_date":
        return _court(inside, text)
    if inside.data == "code_year":
        tokens = [t for t in inside.children if isinstance(t, Token)]
        return LegalParenthetical("code", _words(tokens[:-1]), (Date(int(tokens[-1])),))
    return LegalParenthetical("record", _record_text(inside))


def is_legal_parenthetical(text: str) -> bool:
    """Whether ``text`` (the inside of a bracket) is a legal parenthetical."""
    try:
        parse_legal_parenthetical(text)
    except GrammarError:
        return False
    return True

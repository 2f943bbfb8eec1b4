"""Source legends: short forms and the bodies they stand for, as ``grammars/legend.lark`` reads.

UN summaries of stakeholders' submissions list, in their first endnotes, every submitter with the
short form the other notes cite it by (``JS2  Joint submission 2 submitted by: ...``). This
module reads one item line; ``provenance.layout`` finds where a legend is.
"""

from __future__ import annotations

import attrs
from lark import Token, Tree

from provenance.errors import GrammarError
from provenance.grammars import parse_full
from provenance.model import ReferenceEntry
from provenance.records import shared_methods
from provenance.regex_store import lazy_compile

__all__ = ["LegendItem", "legend_body", "legend_entry", "parse_legend_item"]

_GRAMMAR = "legend"


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class LegendItem:
    """One legend item: the short form, the body's name as written, and whether the item is an
    attached document listed under a body (its short form in brackets)."""

    short_form: str
    name: str
    attached: bool = False

    @property
    def body(self) -> str:
        """The name of the body alone, without its place or trailing punctuation
        ("Amnesty International, London, United Kingdom*;" -> "Amnesty International")."""
        head = self.name.split(",", 1)[0]
        return head.rstrip(" ;.*").strip()


def parse_legend_item(line: str) -> LegendItem:
    """The legend item ``line`` is (leading whitespace allowed); ``GrammarError`` otherwise."""
    stripped = line.strip()
    tree: Tree[Token] = parse_full(_GRAMMAR, stripped, "legend_item")
    tokens = {t.type: str(t) for t in tree.children if isinstance(t, Token)}
    short_form = tokens.get("SHORT_FORM") or tokens["BRACKETED_FORM"]
    name = tokens["NAME"].strip()
    if tree.data == "short_item" and len(tokens["GAP"]) == 1 and not short_form.isupper():
        # One space after a word with lower case is prose or a label ("Regional Organizations").
        raise GrammarError(_GRAMMAR, stripped, len(short_form))
    return LegendItem(short_form, name, attached=tree.data == "bracketed_item")


#: Where a body's name ends in an item's text: its place after a comma, the end of the item, the
#: members of a joint submission, a note in brackets ("Sexual Rights Initiative (Joint
#: submission)", "Association for the Theory and Culture of Handicap (YHD), Ljubljana").
_BODY_END = lazy_compile(r",|;|\s+submitted by\b|\s+\(|\*")


def legend_body(text: str, item: LegendItem) -> str:
    """The body an item names, read from its whole text (the name wrapped over lines joined):
    the text after the short form up to where the name ends (``_BODY_END``)."""
    stripped = text.strip()
    rest = stripped[len(item.short_form) :] if stripped.startswith(item.short_form) else item.name
    name = _BODY_END.split(rest.strip(), maxsplit=1)[0].rstrip(" .").strip()
    return name or item.body


def legend_entry(item: LegendItem, text: str) -> ReferenceEntry:
    """The reference entry of a legend item whose whole text (its name wrapped over lines
    joined) is ``text``: the body as author and the short form as its note; an attached
    document is read by the reference grammar, its short form kept as the note."""
    if item.attached:
        # The reference reader is loaded only by a legend that attaches a document.
        from provenance.parsers.references import reference_entry

        # The name after the bracket, without a dash set before it ("(CoE-GRETA) - Group of").
        name = text.split(")", 1)[1].strip(" -–—") if ")" in text else item.name
        entry = reference_entry(name)
        if entry.kind not in ("unstructured", "prose"):
            return attrs.evolve(entry, note=item.short_form)
        return ReferenceEntry(kind="legend", title=name, note=item.short_form)
    return ReferenceEntry(kind="legend", author=legend_body(text, item), note=item.short_form)

"""Cross-references, heading numbers and table-of-contents lines: ``grammars/crossref.lark``.

A cross-reference counts only when it points into the document itself. The grammar reads what
surrounds the label; this module rules out what points elsewhere (``Chapter 7 of the UN
Charter``, ``Section 66(d)``) and keeps a bare ``Section 3`` only with a cue that it is internal:
a "see" before it, "above"/"below"/"of this report" after it, or a label shape that laws and
treaties do not use (``3.3.1``, ``1.g``, ``Chapter Two``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lark import Token, Tree

from provenance.errors import GrammarError
from provenance.folding import caseless_starts, matches_at
from provenance.grammars import parse_full, parse_prefix
from provenance.model import CrossReference, CrossRefKind
from provenance.number_words import NUMBER_WORDS
from provenance.regex_store import lazy_compile
from provenance.span import LineIndex

__all__ = [
    "iter_cross_references",
    "normalise_label",
    "parse_cross_reference",
    "parse_heading_number",
    "parse_toc_entry",
]

_GRAMMAR = "crossref"

_ROMAN = {"I": 1, "V": 5, "X": 10}
_ROMAN_SHAPE = lazy_compile(r"^[IVX]+$")

_KINDS: dict[str, CrossRefKind] = {
    "section": "section",
    "chapter": "chapter",
    "appendix": "appendix",
    "appendice": "appendix",
    "annex": "annex",
    "part": "part",
    "paragraph": "paragraph",
    "para": "paragraph",
}

# Where a cross-reference may start: a kind word, "see ... at", or the comma of a pinpoint
# ("Ibid., chapter 4"). The grammar decides.
_KIND_AHEAD = r"sections?|chapters?|appendi|annex|parts?\b|para"
_CANDIDATE = lazy_compile(
    r"(?i:\b(?:see|cf\.|compare|refer to)\s+(?:also\s+)?(?=at\b|" + _KIND_AHEAD + r")"
    r"|,[ \t]*(?=" + _KIND_AHEAD + r")"
    r"|\b(?:U\.S\.C\.|C\.F\.R\.)[ \t]*\n?[ \t]*(?=" + _KIND_AHEAD + r")"
    r"|\b(?:sections?\b|chapters?\b|appendix\b|appendices\b|annex(?:es)?\b|parts?\b"
    r"|paragraphs?\b|paras?\.))"
)
#: What every match of ``_CANDIDATE`` begins with, in any case (see ``caseless_starts``).
_CANDIDATE_STARTS = (
    "see", "cf.", "compare", "refer to", ",", "section", "chapter", "appendi", "annex", "part",
    "para", "u.s.c.", "c.f.r.",
)  # fmt: skip
_MAX_REFERENCE = 80
_LABEL_TYPES = ("DOTTED_LABEL", "HEADING_NUMBER", "WORD_NUMBER", "ALPHA_LABEL", "LETTER_ITEM")


def _roman(text: str) -> int:
    total = 0
    for index, char in enumerate(text):
        value = _ROMAN[char]
        following = _ROMAN[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total


def normalise_label(label: str) -> str:
    """The label references and headings match on: "Three" -> "3", "IV" -> "4", "1.g." -> "1.g"."""
    label = label.strip().rstrip(".")
    word = NUMBER_WORDS.get(label.casefold())
    if word is not None:
        return str(word)
    if _ROMAN_SHAPE.match(label):
        return str(_roman(label))
    return label


def _kind(token: Token) -> CrossRefKind:
    word = str(token).casefold().rstrip(".")
    for prefix, kind in _KINDS.items():
        if word.startswith(prefix):
            return kind
    raise ValueError(f"unknown cross-reference kind {word!r}")  # the grammar's KIND allows none


def _tokens(tree: Tree[Token]) -> list[Token]:
    return [token for token in tree.scan_values(lambda value: isinstance(value, Token))]


def _read_crossref(tree: Tree[Token]) -> tuple[CrossRefKind, str, bool] | None:
    """(kind, label, internal) for a crossref tree; None when it points outside the document."""
    has_see = any(isinstance(c, Tree) and c.data == "see_lead" for c in tree.children)
    tails = [c for c in tree.children if isinstance(c, Tree) and c.data not in _NOT_TAILS]
    if any(tail.data in ("foreign_tail", "subdivision") for tail in tails):
        return None
    if any(isinstance(c, Tree) and c.data == "code_lead" for c in tree.children):
        return None  # "5 U.S.C. chapters 55 and 61": a code of law's parts
    local = any(tail.data == "local_tail" for tail in tails)
    if not local and any(isinstance(c, Tree) and c.data == "pinpoint_lead" for c in tree.children):
        return None
    if tree.data == "at_target":
        label_token = next(
            t for t in tree.children if isinstance(t, Token) and t.type == "DOTTED_LABEL"
        )
        return "section", normalise_label(label_token), True
    target = next(c for c in tree.children if isinstance(c, Tree) and c.data == "kind_target")
    # The first label of a list ("sections 2.2 and 2.4") is the one checked.
    kind_token, label_token = [t for t in target.children if isinstance(t, Token)][:2]
    kind = _kind(kind_token)
    label = normalise_label(label_token)
    shaped = label_token.type == "WORD_NUMBER" or "." in str(label_token).rstrip(".")
    if kind == "paragraph":
        # "LEGEBITRA, para. 3.2" in a note points into the cited document, not this one.
        return kind, label, (has_see and _bare_see(tree)) or local
    internal = has_see or local or shaped or kind in ("chapter", "appendix", "annex")
    return kind, label, internal


_NOT_TAILS = ("see_lead", "pinpoint_lead", "code_lead", "kind_target")


def _bare_see(tree: Tree[Token]) -> bool:
    """Whether "see" leads straight to the reference ("see para. 12", not "see JS2, para. 12")."""
    return any(isinstance(c, Tree) and c.data == "see_lead" for c in tree.children)


def parse_cross_reference(text: str) -> tuple[CrossRefKind, str] | None:
    """``(kind, label)`` of ``text`` that is one cross-reference in full.

    None when it is well-formed but points outside the document ("Chapter 7 of the UN
    Charter"); ``GrammarError`` when it is not a cross-reference at all.
    """
    read = _read_crossref(parse_full(_GRAMMAR, text, "crossref"))
    if read is None or not read[2]:
        return None
    return read[0], read[1]


def iter_cross_references(
    text: str, line_index: LineIndex, start: int = 0, end: int | None = None
) -> Iterator[CrossReference]:
    """Every internal cross-reference in ``text[start:end]`` (absolute spans, no target yet)."""
    stop = len(text) if end is None else max(0, min(end, len(text)))
    position = max(0, start)
    # One string for each text and label written, not one for each reference: a long report
    # says "see section 2" many times.
    shared: dict[str, str] = {}
    for match in _candidates(text, position, stop):
        first = match.start()
        if first < position:
            continue
        found = parse_prefix(_GRAMMAR, text, "crossref", first, min(stop, first + _MAX_REFERENCE))
        if found is None:
            continue
        tree, length = found
        read = _read_crossref(tree)
        position = first + length
        if read is None or not read[2]:
            continue
        kind, label, _internal = read
        written = text[first : first + length].rstrip()
        if isinstance(tree.children[0], Tree) and tree.children[0].data == "pinpoint_lead":
            # ", section 3 above" (internal by its tail): the reference starts after the comma.
            lead = len(written) - len(written.lstrip(", \t"))
            first, written = first + lead, written[lead:]
        span = line_index.span(first, first + len(written))
        written = shared.setdefault(written, written)
        yield CrossReference(kind, shared.setdefault(label, label), written, span)


def _candidates(text: str, start: int, stop: int) -> Iterator[re.Match[str]]:
    """``_CANDIDATE.finditer(text, start, stop)``, the regex tried only where a match may begin.

    The case-blind alternation scanned every character of a block (about 5 ms over the 66 KB
    seed); its matches all begin with one of ``_CANDIDATE_STARTS``, which ``str.find`` finds in
    the lower-cased block far faster. The same matches follow, none overlapping the one before.
    """
    starts = caseless_starts(text, _CANDIDATE_STARTS, start, stop)
    if starts is None:
        return _CANDIDATE.finditer(text, start, stop)
    return matches_at(_CANDIDATE, text, starts, stop)


def parse_heading_number(text: str) -> tuple[str | None, str]:
    """``(number, title)`` of a heading line; number None when the heading has none.

    "3.3.3 Violations by ..." -> ("3.3.3", "Violations by ..."); "Chapter Two: Background" ->
    ("2", "Background"); "Section 1." -> ("1", ""); "Introduction" -> (None, "Introduction").
    """
    stripped = text.strip()
    try:
        tree = parse_full(_GRAMMAR, stripped, "heading")
    except GrammarError:
        return None, stripped
    label = next(t for t in tree.children if isinstance(t, Token) and t.type in _LABEL_TYPES)
    title = next((str(t) for t in tree.children if isinstance(t, Token) and t.type == "TITLE"), "")
    return normalise_label(label), title.strip()


def parse_toc_entry(text: str) -> tuple[str | None, str, str | None] | None:
    """``(number, title, page)`` of a table-of-contents line, or None when it is not one."""
    try:
        tree = parse_full(_GRAMMAR, text.strip(), "toc_entry")
    except GrammarError:
        return None
    number: str | None = None
    title = page = ""
    for child in tree.children:
        if isinstance(child, Tree):
            label = next(
                t
                for t in child.children
                if isinstance(t, Token) and t.type != "KIND" and t.type != "SEP"
            )
            number = normalise_label(label)
        elif child.type == "TOC_TITLE":
            title = str(child)
        elif child.type == "PAGE":
            page = str(child)
    return number, title, page or None

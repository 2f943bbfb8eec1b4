"""Sentence segmentation of running text, robust to the abbreviations and citations of reports.

A full stop ends a sentence only when what follows can start one. It does not end one after an
abbreviation (``Mr.``, ``No.``, ``pp.``, ``Feb.``, ``e.g.``, ``U.S.``), after an initial
(``Tulegen T. Zhukeyev``, ``S. Korean``), or inside brackets (``(ibid.)``). A sentence keeps the
closing quotes, brackets and note markers that follow its full stop (``2001.[1]``,
``terrorism."[2]``, ``review.<sup>3</sup>``), and OCR's missing space (``May 1999.Amnesty``) still
ends one. A blank line always does.

Sentences are only spans: callers look up what lies inside them in the ``Document``.
"""

from __future__ import annotations

from collections.abc import Iterator

from provenance.model import Document, Region
from provenance.regex_store import lazy_compile

# Words that take a full stop without ending a sentence (compared case-insensitively, without
# their final stop). Month abbreviations stay here: a date or citation follows them.
_ABBREVIATION_WORDS = """
    mr mrs ms messrs mme mlle dr prof rev fr sr jr st ste mt ft gen col lt maj capt cpt sgt cpl
    pvt adm cmdr gov sen rep hon pres amb
    no nos vol vols pp p para paras art arts ch chap sec sect fig figs ed eds op cit ibid id
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    approx ca cf vs viz al inc ltd co corp dept univ assn est nr tel ref
"""
ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())

# Dotted abbreviations: "e.g.", "i.e.", "U.S.", "U.N.", "a.m.", "p.m." (a token with inner stops).
_DOTTED = lazy_compile(r"(?:[A-Za-z]\.){1,}[A-Za-z]$")

# Candidate ends: a run of terminal punctuation. What comes after is checked in Python, since
# it depends on the word before and on brackets still open.
_TERMINAL = lazy_compile(r"[.!?…]+")

# What a sentence keeps after its full stop: closing quotes and brackets, then note markers.
_CLOSERS = lazy_compile(
    r"""(?:["'”’»)\]]|\*\*)*"""
    r"""(?:<sup>\s*\d{1,3}\s*</sup>|\[\^?\d{1,3}\]|[¹²³⁰⁴-⁹]+|\d{1,3}(?=\s+(?:["“‘(\[]?[A-Z]|\d{1,3}\.\s)))?"""
    r"""(?:["'”’»)\]])*"""
)

# A sentence can start with a capital, a digit, an opening quote or bracket, or markup.
_STARTER = lazy_compile(r"""["“‘'(\[*#<]*[A-Z0-9À-ÖØ-Þ]""")

# A list label before a full stop: "1.", "3.3.3.", "b.", "IV.", "- 2.".
_LABEL = lazy_compile(
    r"\s*(?:[-*•]\s*)?[(\[]?(?:\d{1,3}(?:\.\d{1,3})*|[A-Za-z]|[ivxlIVXL]{1,5})[)\]]?\s*$"
)
# A blank line, or a line break before a bullet or Markdown heading, always ends a sentence.
_BLANK_LINE = lazy_compile(r"\n[ \t\f\r]*\n|\n(?=[ \t]*(?:[-*•][ \t]|#{1,6}[ \t]))")
# Characters of the word before a full stop besides letters and digits ("U.S", "e.g", "al-").
_TOKEN_CHARS = frozenset("._'’-")

# Brackets further apart than this are taken as OCR debris, not as a parenthesis to skip.
_MAX_PARENTHESIS = 400


def iter_sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each sentence in ``text[start:end]``, without outer whitespace."""
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    for block_start, block_end in _blocks(text, start, end):
        yield from _sentences_of_block(text, block_start, block_end)


def _blocks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    position = start
    for match in _BLANK_LINE.finditer(text, start, end):
        yield position, match.start()
        position = match.end()
    yield position, end


def _sentences_of_block(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    sentence_start = start
    position = start
    while position < end:
        match = _TERMINAL.search(text, position, end)
        if match is None:
            break
        stop = match.start()
        position = match.end()
        opening = _open_parenthesis(text, sentence_start, stop)
        if opening is not None and text[sentence_start:opening].strip():
            # A full stop inside brackets ("(ibid.)") ends nothing, unless the brackets hold
            # the whole sentence: "(This was in May.) The end."
            closing = text.find(")", stop, min(end, opening + _MAX_PARENTHESIS))
            if closing != -1:
                position = closing
                continue
        closers = _CLOSERS.match(text, match.end(), end)
        after = closers.end() if closers else match.end()
        if _is_boundary(text, sentence_start, stop, match.group(), after, end):
            trimmed = _trim(text, sentence_start, after)
            if trimmed is not None:
                yield trimmed
            sentence_start = after
            position = after
    trimmed = _trim(text, sentence_start, end)
    if trimmed is not None:
        yield trimmed


def _open_parenthesis(text: str, start: int, stop: int) -> int | None:
    """Offset of a "(" opened before ``stop`` in this sentence and not closed yet."""
    # A bracket opened further back than _MAX_PARENTHESIS does not count, so only that window
    # is looked at: the cost per full stop stays constant however long the "sentence" runs.
    window = max(start, stop - _MAX_PARENTHESIS)
    if "(" not in text[window:stop]:
        return None  # the common case, decided without a scan
    depth = 0
    for offset in range(stop - 1, window - 1, -1):
        char = text[offset]
        if char == ")":
            depth += 1
        elif char == "(":
            if depth == 0:
                return offset if stop - offset < _MAX_PARENTHESIS else None
            depth -= 1
    return None


_NON_SPACE = lazy_compile(r"\S")


def _is_boundary(
    text: str, sentence_start: int, stop: int, marks: str, after: int, end: int
) -> bool:
    if after >= end:
        return True
    spaced = text[after].isspace()
    # Where the next sentence would start; found without copying the rest of the block, which
    # would make long blocks of short "sentences" quadratic.
    following = _NON_SPACE.search(text, after, end)
    if following is None:
        return True
    if not _STARTER.match(text, following.start(), end):
        return False
    if marks[0] in "!?…":
        return spaced or text[following.start()].isupper()
    if _LABEL.match(text, sentence_start, stop):
        # "1. The report ...", "b. Arrest": a list label, not a sentence of its own.
        return False
    token_start = stop
    while token_start > sentence_start and (
        text[token_start - 1].isalnum() or text[token_start - 1] in _TOKEN_CHARS
    ):
        token_start -= 1
    token = text[token_start:stop]
    if not spaced:
        # "May 1999.Amnesty": only a word (not a URL, number or acronym) glued to a capitalised one.
        return _glued_boundary(text, sentence_start, stop, after, end)
    return not _is_abbreviation(token)


def _is_abbreviation(token: str) -> bool:
    bare = token.rstrip(".").lstrip("'’-")
    if not bare:
        return False
    if bare.casefold() in ABBREVIATIONS:
        # "No. 2", "Feb. 1999", "Mr. Kim": never an end; "etc." is not listed, so it can end one.
        return True
    if len(bare) == 1 and bare.isalpha():
        # An initial: "Tulegen T. Zhukeyev", "S. Korean". A lone lower-case letter is a list item.
        return bare.isupper()
    # "U.S. Embassy", "e.g. the": a dotted abbreviation is taken never to end a sentence (two
    # sentences read as one cost less than a sentence cut after "U.S.").
    return bool(_DOTTED.search(bare))


def _glued_boundary(text: str, sentence_start: int, stop: int, after: int, end: int) -> bool:
    token_start = stop
    while token_start > sentence_start and not text[token_start - 1].isspace():
        token_start -= 1
    token_end = after
    while token_end < end and not text[token_end].isspace():
        token_end += 1
    whole = text[token_start:token_end]
    if "/" in whole or "@" in whole or whole.casefold().startswith(("http", "www")):
        return False
    token = text[token_start:stop]
    if not (token[-1:].islower() or token[-1:].isdigit()):
        return False
    if _DOTTED.search(token) or token.rstrip(".").casefold() in ABBREVIATIONS:
        return False
    nxt = text[after : min(end, after + 2)]
    return len(nxt) == 2 and nxt[0].isupper() and nxt[1].islower()


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


# --------------------------------------------------------------------------- document helpers

#: Region kinds holding running text in which sentences make claims.
PROSE_KINDS = frozenset({"paragraph", "footnote", "notes"})


def paragraphs(doc: Document) -> list[Region]:
    """The regions of running text (paragraphs and note bodies), in document order."""
    return [region for region in doc.regions if region.kind in PROSE_KINDS]


def paragraph_of(doc: Document, offset: int) -> Region | None:
    """The prose region (paragraph or note) containing ``offset``, if any."""
    for region in doc.regions:
        if region.kind in PROSE_KINDS and region.span.start <= offset < region.span.end:
            return region
    return None


def sentence_at(doc: Document, offset: int) -> tuple[int, int] | None:
    """``(start, end)`` of the sentence around ``offset``, within its prose region."""
    region = paragraph_of(doc, offset)
    if region is None:
        return None
    for start, end in iter_sentences(doc.text, region.span.start, region.span.end):
        if start <= offset < end:
            return start, end
    return None


__all__ = ["ABBREVIATIONS", "iter_sentences", "paragraph_of", "paragraphs", "sentence_at"]

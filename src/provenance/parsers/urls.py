"""URLs in running text, well-formed or malformed: ``grammars/url.lark`` decides both.

A cheap scan finds where a URL may start (a scheme-like word, ``www.``, or a lower-case dotted
host before ``/``); the grammar takes the longest URL from there and says what, if anything, is
wrong with it. ``Url.text`` is the text exactly as written (a hard-wrapped URL keeps its line
break); ``parse_url`` gives the URL with spaces and line breaks taken out.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator

from lark import Token, Tree
from lark.exceptions import VisitError

from provenance.grammars import ReusedTransformer, parse_full, parse_prefix
from provenance.model import Url
from provenance.regex_store import lazy_compile
from provenance.span import LineIndex

__all__ = [
    "PROBLEM_BACKSLASHES",
    "PROBLEM_EXTRA_SLASH",
    "PROBLEM_MISSING_COLON",
    "PROBLEM_MISSING_SLASH",
    "PROBLEM_MISSING_SLASHES",
    "PROBLEM_NO_TLD",
    "PROBLEM_SCHEME_MISSPELT",
    "PROBLEM_SPACE",
    "PROBLEM_WRONG_COLON",
    "iter_urls",
    "parse_url",
]

_GRAMMAR = "url"
_START = "url"

PROBLEM_MISSING_COLON = "missing ':' after scheme"
PROBLEM_MISSING_SLASH = "missing '/' after scheme"
PROBLEM_MISSING_SLASHES = "missing '//' after scheme"
PROBLEM_EXTRA_SLASH = "extra '/' after scheme"
PROBLEM_WRONG_COLON = "wrong character instead of ':' after scheme"
PROBLEM_BACKSLASHES = "backslashes instead of '//' after scheme"
PROBLEM_SCHEME_MISSPELT = "scheme misspelt"
PROBLEM_SPACE = "space inside URL"
PROBLEM_NO_TLD = "missing top-level domain"

# What each malformed token says is wrong; tokens not listed are well-formed.
_TOKEN_PROBLEMS = {
    "SCHEME_MISSPELT": PROBLEM_SCHEME_MISSPELT,
    "SEP_EXTRA_SLASH": PROBLEM_EXTRA_SLASH,
    "SEP_ONE_SLASH": PROBLEM_MISSING_SLASH,
    "SEP_NO_COLON": PROBLEM_MISSING_COLON,
    "SEP_NO_SLASH": PROBLEM_MISSING_SLASHES,
    "SEP_WRONG_COLON": PROBLEM_WRONG_COLON,
    "SEP_BACKSLASH": PROBLEM_BACKSLASHES,
    "GAP": PROBLEM_SPACE,
}
# Whitespace tokens: part of the text as written, not of the URL itself.
_LAYOUT = frozenset({"GAP", "WRAP"})

# Where a URL may start: not inside a word, a path or an e-mail address. The grammar decides
# whether one does. (Scheme-like words are the http/ftp family and their misspellings.)
_CANDIDATE = lazy_compile(
    r"(?<![\w@.\-/\\:])"
    r"(?:(?i:h{0,2}t{1,3}p{1,2}s?|ftps?)(?=[:;.,/\\])"
    r"|(?i:www\d{0,3})\."
    r"|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+(?:/|:\d))"
)
# Every candidate holds one of these close to its start ("http:", "//", "x.org/", "www."):
# searching for them first is many times faster than running _CANDIDATE over all the text.
_ANCHOR = lazy_compile(r"[/\\:]")
_WWW = ("www", "WWW", "Www")
# How far before an anchor a candidate may start (a host without scheme before its "/").
_LOOK_BACK = 80

# Longest stretch of text handed to the grammar from one candidate.
_MAX_URL = 2048


class _UrlTransformer(ReusedTransformer[Token, tuple[str, str | None]]):
    """Reads a ``url`` tree into (URL without layout whitespace, problem or None)."""

    def _url(self, children: list[Token | list[Token]]) -> tuple[str, str | None]:
        tokens: list[Token] = []
        for child in children:
            tokens.extend(child if isinstance(child, list) else [child])
        problems: list[str] = []
        for token in tokens:
            problem = _TOKEN_PROBLEMS.get(token.type)
            if problem is not None and problem not in problems:
                problems.append(problem)
        types = {token.type for token in tokens}
        if "WWW_SHORT" in types and "CONT_DOMAIN" not in types:
            problems.append(PROBLEM_NO_TLD)
        text = "".join(str(token) for token in tokens if token.type not in _LAYOUT)
        return text, "; ".join(problems) if problems else None

    scheme_url = www_url = bare_url = _url

    def _parts(self, children: list[Token]) -> list[Token]:
        return children

    scheme = separator = host_part = _parts


_TRANSFORMER = _UrlTransformer()


def _read(tree: Tree[Token]) -> tuple[str, str | None]:
    try:
        return _TRANSFORMER.transform(tree)
    except VisitError as error:  # pragma: no cover - the transformer raises nothing itself
        raise error.orig_exc from None


def parse_url(text: str) -> tuple[str, str | None]:
    """``(url, problem)`` for ``text`` that is one URL in full; ``GrammarError`` otherwise.

    ``url`` is the text with any space or line break inside it taken out (nothing else is
    changed: a misspelt scheme stays misspelt); ``problem`` is None for a well-formed URL, else
    what is wrong (``missing ':' after scheme``; several joined by ``; ``).
    """
    return _read(parse_full(_GRAMMAR, text, _START))


def iter_urls(
    text: str, line_index: LineIndex, start: int = 0, end: int | None = None
) -> Iterator[Url]:
    """Every URL in ``text[start:end]``, with its span as written (absolute offsets)."""
    stop = len(text) if end is None else max(0, min(end, len(text)))
    begin = max(0, start)
    position = begin  # everything before this is inside a URL already found
    scanned = begin  # candidates starting before this have been tried
    for anchor in _anchors(text, begin, stop):
        if anchor < position:
            continue
        low = max(scanned, anchor - _LOOK_BACK)
        high = min(stop, anchor + 8)  # room for "www123." after a "www" anchor
        while low < high:
            match = _CANDIDATE.search(text, low, high)
            if match is None:
                break
            first = match.start()
            found = parse_prefix(_GRAMMAR, text, _START, first, min(stop, first + _MAX_URL))
            if found is None:
                low = first + 1
                continue
            tree, length = found
            _, problem = _read(tree)
            last = first + length
            yield Url(text[first:last], line_index.span(first, last), problem)
            position = low = last
        # Only what was really tried counts as scanned: a host without a scheme whose "/" lies
        # past this anchor's window (after "www" in "0www.example.org/") is tried again at it.
        scanned = max(scanned, low)


def _anchors(text: str, start: int, stop: int) -> Iterator[int]:
    """Offsets of "/", "\\", ":" and "www" (three casings) in ``text[start:stop]``, in order.

    Merged from the four searches as they go, not gathered and sorted: a list of an int object
    each was the peak of reading a text dense with codes or addresses (a slash or colon in each).
    No two searches find the same offset (each starts with a character of its own).
    """
    return heapq.merge(
        (match.start() for match in _ANCHOR.finditer(text, start, stop)),
        *(_finds(text, www, start, stop) for www in _WWW),
    )


def _finds(text: str, word: str, start: int, stop: int) -> Iterator[int]:
    at = text.find(word, start, stop)
    while at != -1:
        yield at
        at = text.find(word, at + 1, stop)

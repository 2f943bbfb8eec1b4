"""The context of a finding: the sentence or entry around its span, shortened, on one line.

A finding's ``excerpt`` is the text at its span; a reader also needs the words around it, as a
compiler prints the source line under an error with a caret under the column. Paragraphs of
reports are often one long line, so the line itself is no use: the context is the sentence
that holds the span (bounded on each side), with whitespace collapsed so it prints on one line.
"""

from __future__ import annotations

import attrs

from provenance.records import shared_methods
from provenance.span import Span

#: How far the context reaches before the span and after it, in characters of the text.
BEFORE = 80
AFTER = 100
#: Longest piece of the span itself that is shown.
SPAN_SHOWN = 120
ELLIPSIS = "…"

_SENTENCE_ENDS = ".?!"


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Context:
    """``text`` is one line; the finding's span is ``text[start:start + length]``."""

    text: str
    start: int
    length: int

    def pointer(self) -> str:
        """A caret line under ``text``: spaces up to the span, then ``^~~~``."""
        return " " * self.start + "^" + "~" * max(0, self.length - 1)


def _sentence_start(text: str, start: int) -> tuple[int, bool]:
    """Where the context begins, and whether text before it was cut."""
    low = max(0, start - BEFORE)
    line_start = text.rfind("\n", low, start)
    if line_start != -1:
        low = line_start + 1
    for i in range(start - 1, low, -1):
        if text[i].isspace() and text[i - 1] in _SENTENCE_ENDS:
            return i + 1, False
    if low == 0 or text[low - 1] == "\n":
        return low, False
    # Cut mid-sentence: begin at a word.
    space = text.find(" ", low, start)
    return (space + 1 if space != -1 else low), True


def _sentence_end(text: str, end: int) -> tuple[int, bool]:
    """Where the context ends, and whether text after it was cut."""
    high = min(len(text), end + AFTER)
    line_end = text.find("\n", end, high)
    if line_end != -1:
        high = line_end
    for i in range(max(end, 1), high):
        if text[i - 1] in _SENTENCE_ENDS and text[i].isspace() and i > end:
            return i, False
    if high == len(text) or text[high] == "\n":
        return high, False
    space = text.rfind(" ", end, high)
    return (space if space != -1 else high), True


def _one_line(piece: str) -> str:
    return " ".join(piece.split())


def context(text: str, span: Span) -> Context:
    """The sentence around ``span`` of ``text``, at most about ``BEFORE + SPAN_SHOWN + AFTER``
    characters, on one line, with an ellipsis where it was cut."""
    start = min(max(0, span.start), len(text))
    end = min(max(start, span.end), len(text))
    begin, cut_before = _sentence_start(text, start)
    finish, cut_after = _sentence_end(text, end)
    head = _one_line(text[begin:start])
    body = _one_line(text[start:end])
    if len(body) > SPAN_SHOWN:
        body = body[: SPAN_SHOWN - 1] + ELLIPSIS
    tail = _one_line(text[end:finish])
    # Keep the single spaces that separated the pieces.
    if head and text[start - 1 : start].isspace():
        head += " "
    if tail and text[end : end + 1].isspace():
        tail = " " + tail
    if cut_before:
        head = ELLIPSIS + head
    if cut_after:
        tail += ELLIPSIS
    return Context(text=head + body + tail, start=len(head), length=max(1, len(body)))


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Around:
    """The text a finding's context is taken from, held in its place until it is read.

    A context is a copied line of up to about 300 characters; a file of dense findings has
    tens of thousands of them, several times its own size. One ``Around`` is shared by all
    the findings of a document, and each works out its context from its span when asked.
    """

    text: str = attrs.field(repr=False)

    def of(self, span: Span) -> Context:
        return context(self.text, span)

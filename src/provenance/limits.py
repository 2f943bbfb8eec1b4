"""What one document may cost: size, mentions, work and time, beyond which it is too complex.

Every stage is linear in its input, but a constant can still be large: a hostile or broken file
(a log, a dump, a PDF converted with no line breaks) could keep a batch busy for hours and
exhaust memory. A document over one of these limits is not checked; it gets one
``input-too-complex`` finding that says which limit it passed, and the rest of the batch goes on.

The limits sit far above any real report: the longest real reports are a few megabytes with a
mention (date, citation, note call ...) every 70 characters or more, and take seconds.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

import attrs

from provenance.records import shared_methods

T = TypeVar("T")

#: Largest document checked, in characters (the file reader refuses files over 200 MB anyway).
MAX_CHARS = 128 * 1024 * 1024
#: Most mentions (dates, citations, references, note calls and texts, URLs, cross-references,
#: index codes, headings) one document may have: about 40 times the longest real report.
MAX_MENTIONS = 2_000_000
#: Candidate comparisons allowed while linking, per character of text, plus a constant.
WORK_PER_CHAR = 64
WORK_CONSTANT = 1_000_000
#: Wall-clock seconds for parsing one document, and again for checking it, plus
#: ``SECONDS_PER_MILLION`` for each million characters: every stage is linear, so a long document
#: is given time in proportion (a report of real text takes one to a few seconds a million
#: characters; the most hostile constructs up to about ten times that).
SECONDS = 300.0
SECONDS_PER_MILLION = 10.0


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Limits:
    """The limits one document is parsed and checked under (defaults: the module constants)."""

    chars: int = attrs.field(factory=lambda: MAX_CHARS)
    mentions: int = attrs.field(factory=lambda: MAX_MENTIONS)
    work_per_char: int = attrs.field(factory=lambda: WORK_PER_CHAR)
    work_constant: int = attrs.field(factory=lambda: WORK_CONSTANT)
    seconds: float = attrs.field(factory=lambda: SECONDS)
    seconds_per_million: float = attrs.field(factory=lambda: SECONDS_PER_MILLION)

    def seconds_for(self, length: int) -> float:
        """The time limit for parsing (and again for checking) a text of ``length`` characters."""
        return self.seconds + self.seconds_per_million * length / 1_000_000


class TooComplex(Exception):
    """Raised inside parsing or checking when a document passes a limit; never escapes them."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Budget:
    """What is left of one document's limits while it is parsed (or checked)."""

    __slots__ = ("_deadline", "_limits", "_max_work", "_mentions", "_seconds", "_work")

    def __init__(self, limits: Limits, length: int) -> None:
        self._limits = limits
        self._seconds = limits.seconds_for(length)
        self._deadline = time.monotonic() + self._seconds
        self._max_work = limits.work_per_char * length + limits.work_constant
        self._mentions = 0
        self._work = 0
        if length > limits.chars:
            raise TooComplex(
                f"the text has {length:,} characters, more than the limit of {limits.chars:,}"
            )

    def counted(self, items: Iterable[T], kind: str) -> Iterator[T]:
        """``items``, counted against the mention limit as they come (so that memory stays
        bounded even while a list of them is being built)."""
        for item in items:
            self._mentions += 1
            if self._mentions > self._limits.mentions:
                raise TooComplex(
                    f"more than {self._limits.mentions:,} mentions (dates, citations, notes, "
                    f"sources ...); the limit was passed while reading {kind}"
                )
            if not self._mentions & 0x3FFF:
                self.check_time(kind)
            yield item

    def add(self, count: int, kind: str) -> None:
        """Count ``count`` mentions already read (by a stage that does not count as it goes)."""
        self._mentions += count
        if self._mentions > self._limits.mentions:
            raise TooComplex(
                f"more than {self._limits.mentions:,} mentions (dates, citations, notes, "
                f"sources ...); the limit was passed while reading {kind}"
            )
        self.check_time(kind)

    def spend(self, work: int, stage: str) -> None:
        """Count ``work`` comparisons against the work limit."""
        before = self._work
        self._work += work
        if self._work > self._max_work:
            raise TooComplex(
                f"{stage} needed more than {self._max_work:,} comparisons "
                f"({self._limits.work_per_char} a character)"
            )
        if before >> 14 != self._work >> 14:
            self.check_time(stage)

    def check_time(self, stage: str) -> None:
        if time.monotonic() > self._deadline:
            raise TooComplex(
                f"{stage} was still running after the time limit of {self._seconds:g} s"
            )


__all__ = [
    "MAX_CHARS",
    "MAX_MENTIONS",
    "SECONDS",
    "SECONDS_PER_MILLION",
    "Budget",
    "Limits",
    "TooComplex",
]

"""Corroboration rules: claims the document itself marks as unconfirmed, hedged or unsourced.

The wordings are data (``phrases.toml``, in a small pattern syntax documented there); this module
compiles them once and decides, sentence by sentence, which claim a marker is about.
"""

from __future__ import annotations

import heapq
import re
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from itertools import chain, islice, pairwise
from typing import Any, Literal

import attrs

from provenance import regex_store
from provenance.findings import Related, Severity
from provenance.folding import caseless_starts, lowered_pieces
from provenance.memo import per_document
from provenance.model import Document, Regions, marker_starts
from provenance.records import shared_methods
from provenance.regex_store import lazy_compile
from provenance.rules import phrase_file
from provenance.rules.registry import Emit, rule
from provenance.rules.statements import (
    AGENTLESS,
    Statement,
    broken_across,
    broken_triggers,
    in_holes,
    iter_triggers,
    lexicon,
    ligature_triggers,
    read_at,
    word_class,
)
from provenance.sentences import PROSE_KINDS, iter_sentences
from provenance.sourcenames import initials_key
from provenance.span import IndexedSequence, Intervals

_CATEGORY = "corroboration"

# --------------------------------------------------------------------------- phrase patterns

_TOKEN = lazy_compile(r"\[|\]|\||\.\.\.|<[\w-]+>|[^\s\[\]|<>]+")
_GAP = r"\S+(?:\s+\S+){0,5}?"
_WORD_EDGE_BEFORE = r"(?<![\w'’])"
#: Letters a PDF's text may write as one typographic ligature ("unconﬁrmed"): a phrase's word
#: matches either way. Longest first, so "ffi" is one ligature and not "ff" then "i".
_LIGATURES = {
    "ffi": "(?:ffi|\ufb03)",
    "ffl": "(?:ffl|\ufb04)",
    "ff": "(?:ff|\ufb00)",
    "fi": "(?:fi|\ufb01)",
    "fl": "(?:fl|\ufb02)",
}
_LIGATURE_LETTERS = lazy_compile("ffi|ffl|ff|fi|fl")
# A phrase's last word may carry a note's call glued to it, as a PDF's text sets a superscript
# ("allegedly12 beat him"): up to three digits, then the word's end.
_WORD_EDGE_AFTER = r"(?=\d{1,3}(?![\w'’])|(?![\w'’]))"


class PatternError(ValueError):
    """A phrase pattern in ``phrases.toml`` that does not follow the documented syntax."""


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class _Element:
    regex: str
    optional: bool
    punctuation: bool = False
    #: Whether every text the element matches contains one of the compiler's trigger words.
    trigger: bool = False


class _PatternCompiler:
    """Compiles the phrase syntax of ``phrases.toml`` to regular expressions.

    With ``triggers`` (word stems), it also checks that every pattern needs one of them: rules
    search a sentence for their phrases only when it contains a trigger, which keeps the large
    alternations of phrases off most sentences.
    """

    def __init__(self, lists: Mapping[str, Sequence[str]], triggers: Sequence[str] = ()) -> None:
        self._lists = lists
        self._triggers = tuple(stem.casefold() for stem in triggers)
        self._compiled_lists: dict[str, _Element] = {}
        self._compiling: set[str] = set()

    def compile(self, pattern: str) -> tuple[str, str]:
        """The regex of ``pattern`` in two parts: its word-edge test ("" when it starts with
        punctuation) and the rest."""
        tokens = _TOKEN.findall(pattern)
        if not tokens:
            raise PatternError(f"empty phrase pattern {pattern!r}")
        elements, position = self._sequence(tokens, 0, pattern)
        if position != len(tokens):
            raise PatternError(f"unbalanced ']' in phrase pattern {pattern!r}")
        body = self._join(elements, pattern)
        if self._triggers and not body.trigger:
            raise PatternError(
                f"phrase pattern {pattern!r} can match without any of the trigger words "
                f"{list(self._triggers)}"
            )
        stripped = pattern.strip()
        before = _WORD_EDGE_BEFORE if stripped[0].isalnum() or stripped[0] in "[<" else ""
        after = _WORD_EDGE_AFTER if stripped[-1].isalnum() or stripped[-1] in "]>*" else ""
        return before, f"(?:{body.regex}){after}"

    def _sequence(
        self, tokens: list[str], position: int, pattern: str
    ) -> tuple[list[_Element], int]:
        elements: list[_Element] = []
        while position < len(tokens) and tokens[position] not in ("]", "|"):
            token = tokens[position]
            if token == "[":
                element, position = self._group(tokens, position + 1, pattern)
                elements.append(element)
                continue
            if token == "...":
                elements.append(_Element(_GAP, optional=True))
            elif token.startswith("<") and token.endswith(">"):
                elements.append(self._list(token[1:-1]))
            else:
                elements.append(self._word(token))
            position += 1
        return elements, position

    def _group(self, tokens: list[str], position: int, pattern: str) -> tuple[_Element, int]:
        alternatives: list[_Element] = []
        optional = False
        while True:
            elements, position = self._sequence(tokens, position, pattern)
            if elements:
                alternatives.append(self._join(elements, pattern))
            else:
                optional = True
            if position >= len(tokens):
                raise PatternError(f"unclosed '[' in phrase pattern {pattern!r}")
            if tokens[position] == "]":
                break
            position += 1  # "|"
        if not alternatives:
            raise PatternError(f"empty group in phrase pattern {pattern!r}")
        regex = "(?:" + "|".join(alternative.regex for alternative in alternatives) + ")"
        trigger = not optional and all(alternative.trigger for alternative in alternatives)
        return _Element(regex, optional, trigger=trigger), position + 1

    def _word(self, token: str) -> _Element:
        star = token.endswith("*") and len(token) > 1
        text = token[:-1] if star else token
        regex = "".join("['’]" if char in "'’" else re.escape(char) for char in text)
        trigger = any(stem in text.casefold() for stem in self._triggers)
        if trigger:
            # A trigger word is found by the trigger scan when a ligature writes it too, so it
            # matches either way; other words keep the plain literal the regex engine searches
            # for fastest.
            regex = _LIGATURE_LETTERS.sub(lambda m: _LIGATURES[m.group()], regex)
        if star:
            regex += r"\w*"
        punctuation = not any(char.isalnum() for char in text)
        return _Element(regex, optional=False, punctuation=punctuation, trigger=trigger)

    def _list(self, name: str) -> _Element:
        if name in self._compiled_lists:
            return self._compiled_lists[name]
        if name not in self._lists:
            raise PatternError(f"unknown phrase list <{name}>")
        if name in self._compiling:
            raise PatternError(f"phrase list <{name}> refers to itself")
        self._compiling.add(name)
        alternatives = []
        for pattern in self._lists[name]:
            tokens = _TOKEN.findall(pattern)
            elements, position = self._sequence(tokens, 0, pattern)
            if position != len(tokens) or not elements:
                raise PatternError(f"bad pattern {pattern!r} in list <{name}>")
            alternatives.append(self._join(elements, pattern))
        self._compiling.discard(name)
        element = _Element(
            "(?:" + "|".join(alternative.regex for alternative in alternatives) + ")",
            optional=False,
            trigger=bool(alternatives) and all(alternative.trigger for alternative in alternatives),
        )
        self._compiled_lists[name] = element
        return element

    @staticmethod
    def _join(elements: list[_Element], pattern: str) -> _Element:
        # Words are separated by whitespace; an optional element carries its separator with it,
        # so "[a|] b" matches "b" and "a b" but not " b".
        first = next((i for i, element in enumerate(elements) if not element.optional), None)
        if first is None:
            raise PatternError(f"phrase pattern {pattern!r} matches nothing but optional words")
        parts = [f"(?:{element.regex}\\s+)?" for element in elements[:first]]
        parts.append(elements[first].regex)
        for element in elements[first + 1 :]:
            separator = r"\s*" if element.punctuation else r"\s+"
            part = f"(?:{separator}{element.regex})"
            parts.append(part + "?" if element.optional else part)
        trigger = any(element.trigger for element in elements if not element.optional)
        return _Element("".join(parts), optional=False, trigger=trigger)


def compile_phrases(
    patterns: Sequence[str], lists: Mapping[str, Sequence[str]], triggers: Sequence[str] = ()
) -> re.Pattern[str]:
    """One case-insensitive regex matching any of ``patterns`` (phrase syntax of phrases.toml).

    With ``triggers``, raise ``PatternError`` for a pattern that can match without one of them.
    """
    return re.compile(_phrase_regex(patterns, lists, triggers), re.IGNORECASE)


def _phrase_regex(
    patterns: Sequence[str], lists: Mapping[str, Sequence[str]], triggers: Sequence[str] = ()
) -> str:
    compiler = _PatternCompiler(lists, triggers)
    # Patterns in a row that start at a word edge share one test of it, "edge(?:a|b)" for
    # "edge(?:a)|edge(?:b)": the same matches (the test reads no text, and the alternatives are
    # tried in the same order), but the regex engine gives up at once inside a word instead of
    # testing the edge again for each pattern. The attribution verbs' list searched 6.6 times
    # faster so (43 -> 6.5 ms over the 66 KB seed's sentences), the hedges' 4.5 times.
    runs: list[tuple[str, list[str]]] = []
    for pattern in patterns:
        before, rest = compiler.compile(pattern)
        if runs and before and runs[-1][0] == before:
            runs[-1][1].append(rest)
        else:
            runs.append((before, [rest]))
    return "|".join(
        before + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
        for before, rests in runs
    )


class LazyPattern:
    """A case-insensitive regex compiled when first used.

    The phrase lists compile to a few dozen large alternations (about 30 ms in all), and a
    section's patterns are only searched in sentences holding one of its trigger words, which
    most reports have for few sections or none. The phrase syntax is still checked at once.
    """

    __slots__ = ("_compiled", "name", "source")

    def __init__(self, source: str, name: str = "") -> None:
        self.source = source
        #: The phrase list it was translated from (``section.key``), if any.
        self.name = name
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = regex_store.compiled(self.source, re.IGNORECASE)
        return self._compiled

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(text, pos, endpos)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, pos, endpos)


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Triggers:
    """Word stems, one of which every phrase of a section contains."""

    stems: tuple[str, ...]
    pattern: re.Pattern[str]

    @property
    def longest(self) -> int:
        """Length of the longest stem: how far a match may run past where it starts."""
        return max(map(len, self.stems))


def compile_triggers(triggers: Sequence[str]) -> Triggers:
    if not triggers:
        raise PatternError("a phrase section needs at least one trigger")
    stems = tuple(stem.lower() for stem in triggers)
    return Triggers(stems, regex_store.compiled("|".join(map(re.escape, stems)), re.IGNORECASE))


def _trigger_offsets(text: str, triggers: Triggers) -> list[int]:
    """Sorted offsets of the trigger stems in ``text``, in any case."""
    return list(_trigger_array(text, triggers))


def _trigger_array(text: str, triggers: Triggers) -> array[int]:
    """``_trigger_offsets`` in an array: sorted a piece at a time (the pieces do not overlap and
    come in order): a list of an int object for each trigger of the whole text, and its sorted
    copy, were about 80 bytes a trigger held while checking (a text citing "(Source12 1991)" on
    every line has a trigger of ``anonymous-source`` in each citation)."""
    offsets = array("q")
    for piece in lowered_pieces(text, after=triggers.longest):
        if piece.lowered is not None:
            offsets.extend(piece.starts_of(triggers.stems))
            continue
        for match in triggers.pattern.finditer(text, piece.first):
            if match.start() >= piece.stop:
                break
            offsets.append(match.start())
    return offsets


def _spelt_out(text: str, triggers: Triggers, line_broken: bool = False) -> array[int]:
    """``_trigger_array`` with the words that hold a stem only once spelt out: written with a
    ligature ("unconﬁrmed"), and with ``line_broken`` broken by a page at a line's end ("cor-"
    / "roborated"); merged in order (such words are few)."""
    found = _trigger_array(text, triggers)
    extra = list(broken_triggers(text, triggers.stems)) if line_broken else []
    extra.extend(ligature_triggers(text, triggers.stems))
    if not extra:
        return found
    return array("q", sorted({*found, *extra}))


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Phrases:
    """The phrase lists of ``phrases.toml``, compiled."""

    uncorroborated_trigger: Triggers
    claim_follows: LazyPattern
    joins_claim: LazyPattern
    remark: LazyPattern
    view_verbs: LazyPattern
    refers_back: LazyPattern
    uncorroborated_ignore: LazyPattern
    #: None for a phrase file of an older layout, without the list.
    uncorroborated_ignore_unless_own: LazyPattern | None
    hedge_trigger: Triggers
    hedges: LazyPattern
    hedge_ignore: LazyPattern
    according_to: LazyPattern
    attribution_verbs: LazyPattern
    not_after: frozenset[str]
    adverbs: frozenset[str]
    anonymous_trigger: Triggers
    anonymous: LazyPattern
    anonymous_ignore: LazyPattern

    @classmethod
    def from_toml(cls, text: str) -> Phrases:
        import tomllib  # runs take the parsed file from ``phrase_file``'s stored copy

        return cls.from_data(tomllib.loads(text))

    @classmethod
    def from_data(
        cls, data: Mapping[str, Any], translated: Mapping[str, str] | None = None
    ) -> Phrases:
        """The phrase lists of a parsed phrase file. ``translated`` gives the regex of a list
        (by ``section.key``) that an earlier run translated from this same file."""
        lists = data.get("lists", {})
        unc, hedged, anonymous = data["uncorroborated"], data["hedged"], data["anonymous"]
        known = translated or {}

        def build(section: str, key: str, triggers: Sequence[str] = ()) -> LazyPattern:
            name = f"{section}.{key}"
            source = known.get(name)
            if source is None:
                source = _phrase_regex(data[section][key], lists, triggers)
            return LazyPattern(source, name)

        def words(items: Sequence[str]) -> frozenset[str]:
            return frozenset(word.casefold() for word in items)

        return cls(
            uncorroborated_trigger=compile_triggers(unc["triggers"]),
            claim_follows=build("uncorroborated", "claim_follows"),
            joins_claim=build("uncorroborated", "joins_claim"),
            remark=build("uncorroborated", "remark"),
            view_verbs=build("uncorroborated", "view_verbs"),
            refers_back=build("uncorroborated", "refers_back"),
            uncorroborated_ignore=build("uncorroborated", "ignore"),
            uncorroborated_ignore_unless_own=(
                build("uncorroborated", "ignore_unless_own") if "ignore_unless_own" in unc else None
            ),
            hedge_trigger=compile_triggers(hedged["triggers"]),
            hedges=build("hedged", "hedges", hedged["triggers"]),
            hedge_ignore=build("hedged", "ignore"),
            according_to=build("hedged", "according_to"),
            attribution_verbs=build("hedged", "attribution_verbs"),
            not_after=words(hedged["not_after"]),
            adverbs=words(hedged["adverbs"]),
            anonymous_trigger=compile_triggers(anonymous["triggers"]),
            anonymous=build("anonymous", "phrases", anonymous["triggers"]),
            anonymous_ignore=build("anonymous", "ignore"),
        )

    def translations(self) -> dict[str, str]:
        """The regex of each phrase list, by ``section.key`` (what ``from_data`` takes back)."""
        patterns = (getattr(self, field.name) for field in attrs.fields(type(self)))
        return {p.name: p.source for p in patterns if isinstance(p, LazyPattern) and p.name}


@cache
def phrases() -> Phrases:
    """The packaged phrase lists, compiled once per process; their translation to regexes is
    kept between runs (``phrase_file``)."""
    translated = phrase_file.translations()
    loaded = Phrases.from_data(phrase_file.data(), translated)
    if not translated:
        phrase_file.store_translations(loaded.translations())
    return loaded


# --------------------------------------------------------------------------- document helpers


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class _Sentence:
    start: int
    end: int
    region: int  # index into the prose regions


class _Sentences(IndexedSequence[_Sentence]):
    """The sentences of one prose region: a view of its stretch of ``_SentenceTable``'s arrays,
    made when it is asked for."""

    __slots__ = ("_ends", "_first", "_region", "_starts", "_stop")

    def __init__(
        self, starts: array[int], ends: array[int], first: int, stop: int, region: int
    ) -> None:
        self._starts = starts
        self._ends = ends
        self._first = first
        self._stop = stop
        self._region = region

    def __len__(self) -> int:
        return self._stop - self._first

    _what = "sentence"

    def _item(self, index: int) -> _Sentence:
        at = self._first + index
        return _Sentence(self._starts[at], self._ends[at], self._region)

    def __iter__(self) -> Iterator[_Sentence]:
        region = self._region
        for at in range(self._first, self._stop):
            yield _Sentence(self._starts[at], self._ends[at], region)

    def position(self, start: int) -> int:
        """Where a sentence starting at ``start`` stands (``bisect_left`` on the starts)."""
        return bisect_left(self._starts, start, self._first, self._stop) - self._first


def _offsets(length: int) -> array[int]:
    """An array of offsets into a text of ``length`` characters (or of counts up to it): four
    bytes an item where they fit, not eight. A text of note calls is a sentence and a mark for
    each call, and its sentences' and marks' four arrays were 0.7 MB a MB of text held."""
    return array("i" if length <= _INT_MAX else "q")


_INT_MAX = 2**31 - 1


class _SentenceTable(IndexedSequence[_Sentences]):
    """The sentences of every prose region, in three arrays: their offsets, and where each
    region's sentences begin. Two arrays and an object for each region were about 300 bytes
    for a paragraph of one short sentence, the peak of checking a text of short paragraphs."""

    __slots__ = ("_ends", "_firsts", "_starts")

    def __init__(self, regions: Iterable[Iterable[tuple[int, int]]], length: int) -> None:
        self._starts = _offsets(length)
        self._ends = _offsets(length)
        self._firsts = _offsets(length)
        self._firsts.append(0)
        for bounds in regions:
            for start, end in bounds:
                self._starts.append(start)
                self._ends.append(end)
            self._firsts.append(len(self._starts))

    def __len__(self) -> int:
        return len(self._firsts) - 1

    _what = "region"

    def _item(self, index: int) -> _Sentences:
        firsts = self._firsts
        return _Sentences(self._starts, self._ends, firsts[index], firsts[index + 1], index)


class _MarkKeys(IndexedSequence[str]):
    """The key of each citation and note call, in order: a reference's ("reference:12") made
    from its number when read, any other key ("ibid", "note:3", "cited:...") one string for
    all its marks. A string for each citation of a text citing as many sources as it cites was
    about 70 bytes a citation, held while the rules of this module ran."""

    __slots__ = ("_codes", "_others")
    _what = "mark"

    def __init__(self, codes: array[int], others: Sequence[str]) -> None:
        #: A reference's number, or ``-1 - i`` for the key ``others[i]``.
        self._codes = codes
        self._others = others

    def __len__(self) -> int:
        return len(self._codes)

    def _item(self, index: int) -> str:
        return _mark_key(self._codes[index], self._others)


def _mark_key(code: int, others: Sequence[str]) -> str:
    return f"reference:{code}" if code >= 0 else others[-1 - code]


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class _Prose:
    """The prose regions of a document, their sentences, and where sources are named in them."""

    text: str
    sentences: _SentenceTable
    #: Offsets of every citation and note marker, in order, and the key of each (which names
    #: its source), in the same order: two flat sequences, not a pair object for each mark.
    mark_offsets: Sequence[int]
    mark_keys: Sequence[str]
    #: Offsets of the trigger words of each phrase section, by section.
    triggers: Mapping[str, Sequence[int]]
    #: For each prose region, the index of the prose region it continues from (-1: none).
    previous: Sequence[int] = ()
    #: Where each stretch of page furniture starts and ends, in order (a block without blank
    #: lines keeps a running foot inside a paragraph, and so inside its sentences).
    furniture_starts: Sequence[int] = ()
    furniture_ends: Sequence[int] = ()
    #: What ``_marker_in`` found in each sentence already looked at, by sentence start.
    markers: dict[int, tuple[Marker, Scope] | None] = attrs.field(factory=dict)
    #: The names the document's copyright lines give its publisher (``_publishers``).
    publishers: tuple[tuple[str, ...], ...] = ()

    @staticmethod
    def of(doc: Document) -> _Prose:
        """The prose of ``doc``; the three rules share one analysis of the last document."""
        return _prose_of(doc)

    @classmethod
    def _analyse(cls, doc: Document) -> _Prose:
        # The regions' offsets, not a region and a span each (made again from a document's
        # arrays of them), held while the sentences are read.
        regions = Regions.of(doc.regions, doc.line_index, len(doc.text))
        prose_codes = regions.kind_codes(PROSE_KINDS)
        starts, ends, kinds = regions.starts, regions.ends, regions.kinds
        sentences = _SentenceTable(
            (
                iter_sentences(doc.text, starts[i], ends[i])
                for i in range(len(kinds))
                if kinds[i] in prose_codes
            ),
            len(doc.text),
        )
        # Each mark's key as a code (``_MarkKeys``): a reference's number, or a negative number
        # for each other key, in the order first met.
        others: dict[str, int] = {}
        keys: list[str] = []  # by code: -1 is keys[0]

        def code_of(key: str) -> int:
            code = others.get(key)
            if code is None:
                code = others[key] = -1 - len(keys)
                keys.append(key)
            return code

        def cited() -> Iterator[tuple[int, int]]:
            for citation in doc.citations:
                if citation.value.ibid:
                    code = code_of("ibid")
                elif citation.reference is not None:
                    code = citation.reference
                else:
                    code = code_of("cited:" + " ".join(citation.text.casefold().split()))
                yield citation.span.start, code

        # The note calls by offset, then key: each call one int (its offset times the number of
        # keys, plus its key's rank among them) sorted, not an (offset, key) pair, which was
        # about half the peak of checking a text of note calls.
        note_keys: list[str] = []
        for note in doc.footnotes:
            if note.markers:
                note_keys.append(f"note:{note.number}")
        ranked = sorted(set(note_keys))
        rank = {key: index for index, key in enumerate(ranked)}
        width = len(ranked) or 1
        calls = _ascending(
            start * width + rank[key]
            for note, key in zip((n for n in doc.footnotes if n.markers), note_keys, strict=True)
            for start in marker_starts(note.markers)
        )
        del note_keys
        noted = ((call // width, code_of(ranked[call % width])) for call in calls)

        def ordered(mark: tuple[int, int]) -> tuple[int, str]:
            # Marks at one offset in the order of their keys, as when the keys were strings.
            return mark[0], _mark_key(mark[1], keys)

        # Citations come in text order: merged with the markers as they come instead of sorted
        # as a list of pairs, a pair each for a text of citations (read again where they are
        # not in order, then sorted as before).
        in_order = all(ordered(a) <= ordered(b) for a, b in pairwise(cited()))
        mark_offsets = _offsets(len(doc.text))
        # A code is a reference's number or minus a key's rank: fewer than the text's characters.
        mark_codes = _offsets(len(doc.text))
        for offset, code in heapq.merge(
            cited() if in_order else sorted(cited(), key=ordered), noted, key=ordered
        ):
            mark_offsets.append(offset)
            mark_codes.append(code)
        mark_keys = _MarkKeys(mark_codes, keys)
        p = phrases()
        triggers = {
            "uncorroborated": _spelt_out(doc.text, p.uncorroborated_trigger, line_broken=True),
            "hedged": _spelt_out(doc.text, p.hedge_trigger),
            "anonymous": _spelt_out(doc.text, p.anonymous_trigger),
        }
        furniture = Regions.kind_names.index("furniture")
        furniture_starts = array("q")
        furniture_ends = array("q")
        for start, end in sorted(
            (starts[i], ends[i]) for i in range(len(kinds)) if kinds[i] == furniture
        ):
            furniture_starts.append(start)
            furniture_ends.append(end)
        return cls(
            doc.text,
            sentences,
            mark_offsets,
            mark_keys,
            triggers,
            _previous_regions(regions, prose_codes),
            furniture_starts,
            furniture_ends,
            publishers=_publishers(doc.text),
        )

    def triggered(self, section: str, sentence: _Sentence) -> bool:
        """Whether ``sentence`` holds a trigger word of the phrase ``section``."""
        offsets = self.triggers[section]
        position = bisect_left(offsets, sentence.start)
        return position < len(offsets) and offsets[position] < sentence.end

    def furniture_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The stretches of page furniture that start inside ``[start, end)``, in order."""
        found = []
        position = bisect_left(self.furniture_starts, start)
        while position < len(self.furniture_starts) and self.furniture_starts[position] < end:
            found.append((self.furniture_starts[position], self.furniture_ends[position]))
            position += 1
        return found

    def sources_in(self, start: int, end: int) -> list[str]:
        offsets = self.mark_offsets
        position = bisect_left(offsets, start)
        found = []
        while position < len(offsets) and offsets[position] < end:
            found.append(self.mark_keys[position])
            position += 1
        return found

    def all_sentences(self) -> Iterator[_Sentence]:
        for sentences in self.sentences:
            yield from sentences

    def previous_region(self, index: int) -> int | None:
        """The prose region the one at ``index`` continues from (see ``_previous_regions``)."""
        previous = self.previous[index]
        return None if previous < 0 else previous


#: How many ints ``_ascending`` sorts as a list at a time.
_RUN = 4096


def _ascending(values: Iterable[int]) -> Iterator[int]:
    """``values`` in ascending order, held as sorted runs of ``_RUN`` in arrays (8 bytes each)
    merged as they are read: a list of every note call as an int object (about 40 bytes each)
    was the peak of checking a text of note calls."""
    runs: list[array[int]] = []
    values = iter(values)
    while run := sorted(islice(values, _RUN)):
        runs.append(array("q", run))
    return heapq.merge(*runs)


def _previous_regions(regions: Regions, prose_codes: frozenset[int]) -> array[int]:
    """For each prose region, the prose region it continues from: the paragraph before it, past
    page furniture and the note bodies OCR put between; -1 after a heading or list.

    Computed for all regions in one pass (the last region of each kind seen so far, looked up by
    bisection), so a document of many paragraphs costs its number of regions, not its square.
    Kept in arrays of region numbers: a table keyed by the regions and a list of them twice
    over held several objects a region, the peak of checking a text of short blocks.
    """
    starts, ends, kinds = regions.starts, regions.ends, regions.kinds
    count = len(starts)
    furniture = Regions.kind_names.index("furniture")
    footnote = Regions.kind_names.index("footnote")
    # The regions by start (stable): as given when they are so, as segmentation gives them.
    order: Sequence[int] = range(count)
    if any(starts[i] > starts[i + 1] for i in range(count - 1)):
        order = sorted(range(count), key=starts.__getitem__)
    # Each region's number among the prose regions (-1: not prose); a region equal to one
    # before it (same kind and offsets) takes that one's number, as a table keyed by the
    # regions gave. Equal regions have the same start, so the lookup is within one start.
    # Region numbers in arrays of 4 bytes (a document has fewer than 2**31 regions): five
    # arrays of 8 bytes a region were the peak of checking a list of 20,000 short entries.
    first_equal = array("i", [-1]) * count
    number = 0
    for i in range(count):
        if kinds[i] in prose_codes:
            first_equal[i] = number
            number += 1
    run_start = -1
    seen: dict[tuple[int, int], int] = {}
    for i in order:
        if starts[i] != run_start:
            run_start = starts[i]
            seen.clear()
        if first_equal[i] >= 0:
            # Its own number still: each region's is replaced only here, when it is reached.
            first_equal[i] = seen.setdefault((ends[i], kinds[i]), first_equal[i])
    # last_any[k] / last_other[k]: among the first k regions by start, the last that is not
    # furniture / neither furniture nor a note body (a region's number; -1: none).
    ordered_starts = array(starts.typecode, (starts[i] for i in order))
    last_any = array("i", [-1])
    last_other = array("i", [-1])
    for i in order:
        seen_here = kinds[i] != furniture
        last_any.append(i if seen_here else last_any[-1])
        last_other.append(i if seen_here and kinds[i] != footnote else last_other[-1])
    result = array("q")
    for i in range(count):
        kind = kinds[i]
        if kind not in prose_codes:
            continue
        k = bisect_left(ordered_starts, starts[i])
        before = last_any[k] if kind == footnote else last_other[k]
        result.append(-1 if before < 0 or kinds[before] != kind else first_equal[before])
    return result


@per_document
def _prose_of(doc: Document) -> _Prose:
    return _Prose._analyse(doc)


def _quote(text: str, limit: int = 90) -> str:
    quoted = " ".join(text.split())
    if len(quoted) <= limit:
        return quoted
    cut = quoted.rfind(" ", 0, limit)
    return quoted[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


def _marker_quote(text: str, marker: Marker | re.Match[str], end: int) -> str:
    """What the message quotes: the marker with the rest of its clause when that is short."""
    stops = [text.find(char, marker.end(), end) for char in ";:,"]
    stop = min([position for position in stops if position != -1], default=end)
    clause = " ".join(text[marker.start() : stop].rstrip(" .,;:").split())
    return clause if len(clause) <= 80 else _quote(marker.group())


# --------------------------------------------------------------------------- uncorroborated-claim

Scope = Literal["sentence", "preceding"]

_WORD = lazy_compile(r"[\w'’-]+")


#: Quotation marks and code quotes that may set off a phrase that is named, not used.
_MENTION_OPENS = "\"'`“‘«"
_MENTION_CLOSES = "\"'`”’»"
#: An ellipsis that may end a phrase quoted as an example ("We could not confirm…").
_ELLIPSIS = lazy_compile(r"…|\.\.\.")
#: How far after a quoted phrase a verb of saying makes it a quotation of someone's words.
_MENTION_SPEAKER_REACH = 80


def _mentioned(text: str, subject: int, start: int, end: int, sentence_end: int) -> bool:
    """Whether the statement (its subject from ``subject``, its negation from ``start``, to
    ``end``) ends a phrase inside a pair of quotation marks that opens in its subject or right
    before its negation, with no verb of saying after them: a phrase named ("`unable to
    substantiate` and `insufficient evidence` are not interchangeable", 'the "Reuters could
    not independently verify" attribution', 'the label "could not be verified"'), not said;
    '"We could not confirm it," he said' holds more than the statement, and '"We cannot
    confirm", the spokesman said' has its speaker."""
    after = end
    ellipsis = _ELLIPSIS.match(text, after)
    if ellipsis is not None:
        after = ellipsis.end()
    if after >= len(text) or text[after] not in _MENTION_CLOSES:
        return False
    before = start
    while before > subject and text[before - 1] not in _MENTION_OPENS:
        before -= 1
    if before > subject:
        pass  # the quotation opens inside the subject: 'The phrase "we could not verify"'
    else:
        while before > 0 and text[before - 1] in " \t":
            before -= 1
        if before == 0 or text[before - 1] not in _MENTION_OPENS:
            return False
    reach = min(sentence_end, after + _MENTION_SPEAKER_REACH)
    return not any(
        not _after_determiner(text, after + 1, said)  # "the cited page": no speaker
        for said in phrases().attribution_verbs.finditer(text, after + 1, reach)
    )


def _marker_in(prose: _Prose, sentence: _Sentence) -> tuple[Marker, Scope] | None:
    """The marker of an unconfirmed claim in ``sentence`` and where its claim is."""
    if not prose.triggered("uncorroborated", sentence) and not _page_broken(prose, sentence):
        return None  # cheaper than a look-up, and most sentences: not kept
    try:
        # One look-up: uncorroborated-claim drops entries as it goes, in whatever thread.
        return prose.markers[sentence.start]
    except KeyError:
        pass
    found = _find_marker(prose, sentence)
    prose.markers[sentence.start] = found
    return found


def _page_broken(prose: _Prose, sentence: _Sentence) -> bool:
    """Whether ``sentence`` opens a paragraph with the rest of a trigger word that a page
    break split with a hyphen from the paragraph it continues ("These figures could not be
    ver-" / a page number or running head / "ified by the team."): the scan for the stems sees
    neither half."""
    text = prose.text
    if not text[sentence.start : sentence.start + 1].islower():
        return False  # most sentences: no look-up of the paragraph before
    lead = _broken_from(prose, sentence)
    if lead is None:
        return False
    hyphen = lead[1]
    while hyphen > lead[0] and text[hyphen - 1].isspace():
        hyphen -= 1
    whole = broken_across(text, hyphen - 1, lead[1], sentence.start)
    return whole is not None and any(
        stem in whole for stem in phrases().uncorroborated_trigger.stems
    )


def _find_marker(prose: _Prose, sentence: _Sentence) -> tuple[Marker, Scope] | None:
    broken = _page_broken(prose, sentence)
    if not prose.triggered("uncorroborated", sentence) and not broken:
        return None
    p = phrases()
    text, start, end = prose.text, sentence.start, sentence.end
    # Checking in another sense ("confirm the sentence", "verify his identity") and boilerplate
    # set aside the statements they overlap, not the whole sentence: "Information on X is
    # limited, and the Research Directorate could not corroborate Y" still says Y is unchecked.
    # Searched for when a statement is read, not for every sentence holding a trigger word.
    ignored: Intervals | None = None
    ignored_unless_own = Intervals(())  # read with ``ignored``
    lead = _broken_from(prose, sentence)
    holes = prose.furniture_in(start, end)
    third: Marker | None = None
    triggers = iter_triggers(text, start, end, p.uncorroborated_trigger.stems)
    if broken:
        # The sentence opens with the rest of a trigger word a page break split ("ver-" / 12
        # / "ified"): read at its first word, which ``read_at`` joins to the lead's last.
        triggers = chain((start,), triggers)
    for trigger in triggers:
        if holes and in_holes(holes, trigger):
            continue  # a word of a running head is not the sentence's
        found = read_at(text, start, end, trigger, lead=lead, holes=holes)
        if found is None:
            continue
        if found.form in _VERBLESS and _is_title(text, start, end):
            continue  # "PesaCheck: Lack of Validation": a slide's or section's title, no clause
        if ignored is None:
            ignored = Intervals(
                (m.start(), m.end()) for m in p.uncorroborated_ignore.finditer(text, start, end)
            )
            unless_own = p.uncorroborated_ignore_unless_own
            if unless_own is not None:
                ignored_unless_own = Intervals(
                    (m.start(), m.end()) for m in unless_own.finditer(text, start, end)
                )
        if ignored.overlaps(found.subject_start, found.end):
            continue
        if _mentioned(text, found.subject_start, found.start, found.end, end):
            continue
        if found.voice != "own" and ignored_unless_own.overlaps(found.subject_start, found.end):
            continue
        marker = Marker(text, found)
        if found.voice == "third":
            # "Saudi authorities did not confirm either claim, which could not be
            # independently verified": the report's own statement after a party's silence is
            # the one to report; the party's stands only when the sentence has no other.
            third = third or marker
            continue
        return marker, _scope(text, start, end, marker)
    if third is not None:
        return third, _scope(text, start, end, third)
    return None


#: Forms without a verb of their own: a noun of checking ("lack of corroboration", "no
#: confirmation"), which a title holds as well as a clause does.
_VERBLESS = frozenset({"lack", "no_corroboration", "no_corroborating"})
#: Longest title a verbless form is set aside in.
_TITLE_LENGTH = 80
_TITLE_WORD = lazy_compile(r"[^\W\d_]{4,}")


def _is_title(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` reads as a heading: one short line, no stop at its end, every
    word of four letters or more capitalised ("Mixed Self Perceptions on Accuracy")."""
    line = text[start:end].strip()
    if not line or "\n" in line or len(line) > _TITLE_LENGTH or line[-1] in ".!?;:,":
        return False
    words = _TITLE_WORD.findall(line)
    return bool(words) and all(word[0].isupper() for word in words)


#: How a sentence ends: a stop, a question or exclamation mark, a colon or semicolon, and any
#: closing quote or bracket after it.
_ENDED = lazy_compile(r"[.!?:;][\"'”’)\]]*\s*\Z")


def _broken_from(prose: _Prose, sentence: _Sentence) -> tuple[int, int] | None:
    """Where ``sentence`` began, when a page break split it from the paragraph before: the
    last sentence of that paragraph, when the sentence opens its paragraph in lower case and the
    paragraph before (past page furniture only, ``_previous_regions``) ends without a stop
    ("... could not be" / 12 / "independently verified ..."). None otherwise."""
    first = prose.text[sentence.start : sentence.start + 1]
    if not first.islower():
        return None
    sentences = prose.sentences[sentence.region]
    if sentences.position(sentence.start) != 0:
        return None
    previous = prose.previous_region(sentence.region)
    if previous is None:
        return None
    before = prose.sentences[previous]
    if not before:
        return None
    last = before[-1]
    if _ENDED.search(prose.text, max(last.start, last.end - 8), last.end):
        return None
    return last.start, last.end


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Marker:
    """Where a statement says a claim could not be corroborated: the words from its negation
    (or its noun of checking) to its verb, with the reading of its clause. Reads like a regex
    match (``start()``, ``end()``, ``group()``) for the helpers shared with the gap rule."""

    text: str = attrs.field(repr=False)
    statement: Statement

    def start(self) -> int:
        return self.statement.start

    def end(self) -> int:
        return self.statement.end

    def group(self) -> str:
        return self.text[self.statement.start : self.statement.end]


def _scope(text: str, start: int, end: int, marker: Marker) -> Scope:
    p = phrases()
    after = marker.end()
    while after < end and text[after].isspace():
        after += 1
    if p.claim_follows.match(text, after, end):
        return "sentence"
    if p.joins_claim.search(text, start, marker.start()):
        return "sentence"
    lead = start
    while lead < end and not text[lead].isalnum():
        lead += 1
    if p.refers_back.match(text, lead, end) or p.refers_back.match(text, after, end):
        return "preceding"
    words_before = len(_WORD.findall(text, start, marker.start()))
    if words_before <= 2:
        return "preceding"
    return "sentence" if words_before > 6 else "preceding"


#: How far a claim reaches back from its marker. The statements of one source before "this could
#: not be corroborated" are a few sentences; the bound keeps each finding's span, and the work of
#: finding it, constant however long a paragraph runs.
MAX_CLAIM_SENTENCES = 20
MAX_CLAIM_CHARS = 4000


def _claim_before(prose: _Prose, sentence: _Sentence) -> tuple[int, int] | None:
    """The statements before a closing marker that come from one source.

    Walking back from the marker, the claim takes the sentence before it and then each earlier
    one until a sentence cites another source than the claim does (in author-date styles a
    citation closes the statements of its source), an earlier marker closes the claim before, the
    claim would exceed ``MAX_CLAIM_SENTENCES`` or ``MAX_CLAIM_CHARS``, or the paragraph starts. A
    marker opening its paragraph is about the paragraph before.
    """
    sentences = prose.sentences[sentence.region]
    position = sentences.position(sentence.start)
    if position == 0:
        previous = prose.previous_region(sentence.region)
        if previous is None:
            return None
        sentences = prose.sentences[previous]
        position = len(sentences)
        if not position:
            return None
    claim: list[_Sentence] = []
    source: str | None = None  # what the claim's statements cite: a key, "ibid" or None
    for offset in range(position - 1, max(-1, position - 1 - MAX_CLAIM_SENTENCES), -1):
        candidate = sentences[offset]
        if claim and (
            claim[0].end - candidate.start > MAX_CLAIM_CHARS or _own_marker(prose, candidate)
        ):
            # An earlier "could not be corroborated" closes the statements it is about.
            break
        marks = prose.sources_in(candidate.start, candidate.end)
        keys = [key for key in marks if key != "ibid"]
        cites = keys[-1] if keys else ("ibid" if marks else None)
        if not claim:
            source = cites
        elif cites is None or cites == source:
            # Uncited statements before a citation are that citation's.
            pass
        elif source == "ibid":
            # "(ibid.)" after this sentence continues the source cited here.
            source = cites
        else:
            break
        claim.append(candidate)
        if len(claim) == 1 and _own_marker(prose, candidate):
            # A marker right before this one: the claim is that sentence, nothing before it.
            break
    return claim[-1].start, claim[0].end


def _own_marker(prose: _Prose, sentence: _Sentence) -> bool:
    """Whether ``sentence`` says, in the report's own voice, that something is unconfirmed."""
    found = _marker_in(prose, sentence)
    return found is not None and not _attributed(prose.text, sentence, found[0], prose.publishers)


@rule(
    "uncorroborated-claim",
    severity=Severity.WARNING,
    category=_CATEGORY,
    summary="A claim the document itself says could not be corroborated or confirmed.",
    doc=(
        "The report states that a claim could not be corroborated, confirmed or verified "
        "(`No corroborating information could be found among the sources consulted`, `has "
        "not been able to confirm these reports`, `unconfirmed reports that ...`). The finding "
        "marks the claim itself: the sentence carrying the marker when the claim is in it, "
        "otherwise the statements before the marker that come from the same source (or the "
        "paragraph before, when the marker stands alone). A decision resting on that claim "
        "rests on a single, unconfirmed source. Disclaimers and information gaps (`Information "
        "on X is limited among the sources consulted`) are not flagged."
    ),
    bad=(
        "Treatment of ethnic Koreans [KKT34458.E]\n\n"
        "A researcher at the institute stated that members of the Korean community are "
        "regularly refused residence permits. No corroborating information could be found "
        "among the sources consulted.\n"
    ),
    good=(
        "Treatment of ethnic Koreans [KKT34458.E]\n\n"
        "Information on the treatment of ethnic Koreans is limited among the sources consulted "
        "by the Research Directorate.\n\n"
        "This Response was prepared after researching publicly accessible information "
        "currently available to the Research Directorate within time constraints. This "
        "Response is not, and does not purport to be, conclusive as to the merit of any "
        "particular claim to refugee status or asylum.\n"
    ),
)
def uncorroborated_claim(doc: Document) -> Iterator[Emit]:
    prose = _Prose.of(doc)
    text = doc.text
    # The last of the rules that share the markers found (they run in the registry's order):
    # it lets go of those behind it, so that they and its findings are not held at once.
    for sentence, marker, scope, attributed in _unconfirmed(prose, release=True):
        if attributed:
            continue  # a third party's word: attributed-unconfirmed
        quoted = _marker_quote(text, marker, sentence.end)
        message = f'the document says this could not be corroborated: "{quoted}"'
        marked = doc.line_index.span(marker.start(), marker.end())
        to_marker = (Related(marked, "marked as not corroborated here"),)
        if scope == "preceding":
            claim = _claim_before(prose, sentence)
            if claim is not None:
                yield Emit(doc.line_index.span(*claim), message, to_marker)
                continue
        own = doc.line_index.span(sentence.start, sentence.end)
        # A long sentence wraps: point at the words that say it is unconfirmed when they stand
        # on another line than the claim's start.
        yield Emit(own, message, to_marker if marked.line != own.line else ())


def _unconfirmed(
    prose: _Prose, release: bool = False
) -> Iterator[tuple[_Sentence, Marker, Scope, bool]]:
    """Each sentence saying something could not be confirmed: its marker, where its claim is,
    and whether the statement is a third party's (``_attributed``).

    With ``release``, what ``_marker_in`` keeps of a sentence is dropped once the walk is more
    than ``MAX_CLAIM_SENTENCES`` sentences past it (``_claim_before`` looks back no further; a
    later look-up reads the sentence again and finds the same). Kept for the whole document, a
    marker, its statement and their offsets were about 260 bytes a sentence, held beside the
    findings: the peak of checking a text of such statements."""
    # A sentence read across page furniture (a page-foot note, a running foot) is also read as
    # its parts; a statement found again from another part is the same statement: one finding.
    seen: set[int] = set()
    behind: deque[int] = deque()
    for sentence in prose.all_sentences():
        if release:
            behind.append(sentence.start)
            if len(behind) > MAX_CLAIM_SENTENCES + 1:
                prose.markers.pop(behind.popleft(), None)
        found = _marker_in(prose, sentence)
        if found is not None:
            marker, scope = found
            if marker.start() in seen:
                continue
            seen.add(marker.start())
            yield (
                sentence,
                marker,
                scope,
                _attributed(prose.text, sentence, marker, prose.publishers),
            )


_CLAUSE_WORDS = frozenset({"but", "and", "although", "though", "while", "whereas", "yet"})
_OPENING_QUOTES = "“«"
_CLOSING_QUOTES = "”»"


def _quoted(text: str, start: int, at: int) -> bool:
    """Whether offset ``at`` stands inside a quotation opened after ``start``: someone else's
    words ('"We have no independent confirmation from our end," Dujarric said')."""
    opened = sum(text.count(char, start, at) for char in _OPENING_QUOTES)
    closed = sum(text.count(char, start, at) for char in _CLOSING_QUOTES)
    straight = text.count('"', start, at)
    return opened > closed or straight % 2 == 1


def _said_after(text: str, marker: Marker, start: int, end: int) -> bool:
    """Whether a comma and a verb of saying follow the statement in its sentence ("Russia is
    unable to confirm his death, the director of the intelligence service said")."""
    comma = text.find(",", marker.end(), end)
    if comma == -1 or text.find(".", marker.end(), comma) != -1:
        # A full stop before the comma ends the statement's sentence there (the sentence
        # reader ran on past it, as it does into page furniture).
        return False
    first = _WORD.search(text, start, marker.start())
    if (
        first is not None
        and first.group().casefold() in _CONCESSIVE
        and "," not in text[first.end() : marker.start()]
    ):
        # "Although the identity of the attackers remained unconfirmed, witnesses stated ...":
        # the statement opens the sentence in a clause of concession, and whoever speaks in
        # the main clause after its comma says something else.
        return False
    # A speaker's name and title rarely run past a hundred characters.
    said = phrases().attribution_verbs.search(text, comma, min(end, comma + 100))
    if said is None:
        return False
    if _compound_tail(text, said.start()):
        return False  # "..., so treat it as self-reported": a word of its own, not a verb
    if _own_remark(text, comma, said) or _passive_no_agent(text, comma, said):
        # "Where information could not be verified, this is indicated in the text", "...,
        # that is stated next to the figure", "..., it has not been confirmed": the writer's
        # passive remark (no one named says it), not a speaker after the statement.
        return False
    # "..., but organizers say that ...": a new clause with a claim of its own, not a speaker.
    between = {word.casefold() for word in _WORD.findall(text, comma, said.start())}
    after = _WORD.findall(text, said.end(), min(end, said.end() + 20))
    return not between & _CLAUSE_WORDS and not (after and after[0].casefold() == "that")


def _attributed(
    text: str,
    sentence: _Sentence,
    marker: Marker,
    publishers: Sequence[tuple[str, ...]] = (),
) -> bool:
    """Whether the statement is someone else's: a verb of saying or "according to" comes
    before it in its sentence, with no "but" between ("The Ministry said it could not
    confirm the report"), or its clause names a third party as the one who could not check
    ("police could not confirm", "the ministry declined to confirm").

    Where the document's copyright line names its publisher (``publishers``), a name is the
    report's own only when it is the publisher's: "UNHCR could not confirm" in a report
    (c) Human Rights Watch is UNHCR's, "Human Rights Watch said ... but could not verify" the
    report's."""
    if marker.statement.voice == "third":
        return True
    if publishers and _names_another(text, marker, publishers):
        return True
    if _quoted(text, sentence.start, marker.start()):
        return True
    if _remark(text, sentence, marker):
        return False
    if _said_after(text, marker, sentence.start, sentence.end):
        return True
    head = marker.statement.head
    if (
        head is not None
        and word_class(head) == "CAP"
        and not (publishers and _is_publisher(_subject_names(text, marker), publishers))
        and _named_as_reporter(text, sentence, marker)
    ):
        return True
    if head is not None and word_class(head) == "WE":
        # "According to the descriptions, which we cannot independently verify, ...": the
        # writer says it could not check what a source said; the verb of saying is the source's.
        return False
    p = phrases()
    last_end = None
    for pattern in (p.attribution_verbs, p.according_to, p.view_verbs):
        for found in pattern.finditer(text, sentence.start, marker.start()):
            if _compound_tail(text, found.start()):
                continue  # "self-reported", "above-mentioned": a word of its own, not a verb
            if _after_determiner(text, sentence.start, found):
                continue  # "The reported figures": an adjective of the claim, not a verb
            if _own_remark(text, sentence.start, found) or _reduced_relative(text, found):
                continue
            if _in_opening_concession(text, sentence.start, found, marker.start()):
                continue
            if publishers and _is_publisher(
                _names_before(text, sentence.start, found.start()), publishers
            ):
                continue  # "Human Rights Watch said ...": the publisher says it of itself
            last_end = max(last_end or 0, found.end())
    if last_end is None:
        return False
    joins = list(p.joins_claim.finditer(text, last_end, marker.start()))
    # A join ends the attribution unless it is the only one and the statement after it has no
    # subject of its own.
    return not joins or (len(joins) == 1 and _continues_reported(text, joins[0], marker))


#: Where a copyright line starts: "©", "(c)", "Copyright".
_COPYRIGHT = lazy_compile(r"©|\(c\)|\bCopyright\b")
#: Words of a copyright line that name no one ("© The Author(s) 2023", "All rights reserved").
_NOT_NAMES = frozenset(
    {"the", "author", "authors", "copyright", "by", "published", "publications", "ltd",
     "inc", "llc", "and", "of", "for", "on", "s"}
)  # fmt: skip
#: Words that may stand inside a publisher's name without a capital ("Bank of England").
_NAME_JOINS = frozenset({"of", "for", "and", "on", "the", "&"})
#: How many copyright lines are read: a report has one or two, a compilation one per item.
_MAX_COPYRIGHTS = 8


def _publishers(text: str) -> tuple[tuple[str, ...], ...]:
    """The publishers' names of a document, as the significant words of each: what follows a
    copyright sign on its line, its year and "by" skipped, the capitalised words up to the
    first other word ("© 2019 Human Rights Watch", "Copyright © UNDP 2025 All rights
    reserved", "© Thomson Reuters 2018"). A name is the publisher itself, not a source it
    cites; "© The Author(s)" names none."""
    found: list[tuple[str, ...]] = []
    for sign in islice(_COPYRIGHT.finditer(text), _MAX_COPYRIGHTS):
        line_end = text.find("\n", sign.end())
        line_end = len(text) if line_end == -1 else line_end
        stop = text.find(". ", sign.end(), line_end)  # "© 2019 X. All rights reserved."
        words = _WORD.findall(text, sign.end(), line_end if stop == -1 else stop)
        name: list[str] = []
        for word in words:
            if word.isdigit() or (not name and word.casefold() in ("by", "the")):
                if name:
                    break
                continue
            if word == "All":
                break  # "Copyright © UNDP 2025 All rights reserved"
            if word[:1].isupper() or (name and word.casefold() in _NAME_JOINS):
                name.append(word)
                continue
            break
        significant = tuple(w for w in name if w.casefold() not in _NOT_NAMES and len(w) > 1)
        if significant and significant not in found:
            found.append(significant)
    return tuple(found)


def _is_publisher(names: Sequence[str], publishers: Sequence[tuple[str, ...]]) -> bool:
    """Whether the capitalised words ``names`` (of a subject) name one of ``publishers``: all
    their significant words are among one publisher's ("Reuters" of "Thomson Reuters"), or one
    of them is its initials ("HRW" of "Human Rights Watch")."""
    significant = [n for n in names if n.casefold() not in _NOT_NAMES]
    if not significant:
        return False
    for publisher in publishers:
        if all(word in publisher for word in significant):
            return True
        acronym = initials_key(" ".join(publisher))
        if acronym is not None and any(word.casefold() == acronym for word in significant):
            return True
    return False


def _subject_names(text: str, marker: Marker) -> list[str]:
    """The capitalised words of the statement's subject."""
    statement = marker.statement
    words = _WORD.findall(text, statement.subject_start, statement.start)
    return [word for word in words if word[:1].isupper()]


#: How far before a verb of saying its subject's name is read.
_SPEAKER_REACH = 60


def _names_before(text: str, start: int, at: int) -> list[str]:
    """The capitalised words right before offset ``at`` (a verb of saying): who says it."""
    words = _WORD.findall(text, max(start, at - _SPEAKER_REACH), at)
    names: list[str] = []
    for word in reversed(words):
        if not word[:1].isupper():
            break
        names.append(word)
    return names[::-1]


def _names_another(text: str, marker: Marker, publishers: Sequence[tuple[str, ...]]) -> bool:
    """Whether the statement's subject is a name (its head capitalised, not a word of the
    lexicon) that is not the publisher's: a party the report names."""
    statement = marker.statement
    if statement.form in AGENTLESS:
        return False  # "Kazakhstan's figures could not be verified": the subject is what is checked
    if statement.head is None or word_class(statement.head) != "CAP":
        return False
    names = _subject_names(text, marker)
    return bool(names) and not _is_publisher(names, publishers)


#: How far before a statement's sentence a name is looked for as the one who reported what
#: it relays (about the sentence before), within its paragraph.
_REPORTER_REACH = 400
_DETERMINERS = frozenset({"the", "a", "an"})
#: Words after a name that make it the one who reported what the writer relays.
_REPORTED = frozenset({"reported", "reports", "reporting"})
#: Words before a name that do so ("according to Reuters", "as reported by the BBC").
_REPORTED_BY = (("according", "to"), ("reported", "by"))


def _named_as_reporter(text: str, sentence: _Sentence, marker: Marker) -> bool:
    """Whether the name that could not check ("Reuters could not independently verify the
    claims") is the one the writer relays, named as reporting in the sentence before or earlier
    in this one ("Separately, Reuters reported that ...", "according to Reuters"): then it is a
    source the writer cites, not the writer. A publisher names itself as the one who could not
    check, never as the one who reported what it relays."""
    statement = marker.statement
    words = _WORD.findall(text, statement.subject_start, statement.start)
    while words and words[0].casefold() in _DETERMINERS:
        words = words[1:]
    if not words or not all(word[:1].isupper() for word in words):
        return False  # only a name: "the team", "our researchers" are no one relayed
    name = " ".join(words)
    floor = max(0, sentence.start - _REPORTER_REACH)
    paragraph = text.rfind("\n\n", floor, sentence.start)
    window_start = floor if paragraph == -1 else paragraph
    window = " ".join(text[window_start : statement.subject_start].split())
    at = window.find(name)
    while at != -1:
        after = _WORD.findall(window, at + len(name), at + len(name) + 25)
        before = [w.casefold() for w in _WORD.findall(window, max(0, at - 30), at)]
        before = [w for w in before if w not in _DETERMINERS][-2:]
        if (after and after[0].casefold() in _REPORTED) or tuple(before) in _REPORTED_BY:
            return True
        at = window.find(name, at + len(name))
    return False


#: Words that open a clause of concession before the main clause ("While witnesses reported 32
#: killed, the number could not be verified"): its verb of saying governs that clause only.
_CONCESSIVE = frozenset({"while", "although", "though", "whereas"})


def _in_opening_concession(text: str, start: int, said: re.Match[str], marker: int) -> bool:
    """Whether a verb of saying stands in a clause of concession that opens the sentence and
    ends at a comma before the statement: the main clause after it is the writer's."""
    first = _WORD.search(text, start, said.start())
    if first is None or first.group().casefold() not in _CONCESSIVE:
        return False
    return "," in text[said.end() : marker]


def _continues_reported(text: str, join: re.Match[str], marker: Marker) -> bool:
    """Whether the statement after "but" (or another joining word) has no subject of its own,
    so that it goes on with the clause before it: "The inspectorate stated the number was
    likely higher but could not be confirmed", "The report concluded there were problems but
    did not confirm abuses" say what the one who stated or concluded did; "X said Y, but this
    could not be confirmed" is the writer's, its subject "this"."""
    if join.group() == ";":
        return False
    statement = marker.statement
    if statement.subject_start < statement.start:
        return False
    between = _WORD.findall(text, join.end(), marker.start())
    return all(word.casefold() in phrases().adverbs for word in between)


#: How far before a statement the relative pronoun of a remark may start (", a figure that").
_REMARK_REACH = 40


def _remark(text: str, sentence: _Sentence, marker: Marker) -> bool:
    """Whether an agentless statement opens a relative clause after a comma ("The ministry
    claimed that 300 had died, which could not be verified"; "The reports, which could not be
    independently verified, came as the army said ..."): the writer's remark on what is
    reported, whatever verb of saying stands around it."""
    statement = marker.statement
    if statement.form in AGENTLESS:
        opens = marker.start()
    elif statement.voice == "own" and statement.subject_start < marker.start():
        # ", which the team was not able to confirm", ", which Reuters could not verify": the
        # report (or its publisher) as the subject of the relative clause.
        opens = statement.subject_start
    else:
        return False
    start = max(sentence.start, statement.subject_start - _REMARK_REACH)
    # Up to the marker's end: in ", none of which we were able to verify" the marker starts
    # at "none", inside the remark's opening.
    for found in phrases().remark.finditer(text, start, marker.end()):
        if found.start() < opens and not text[found.end() : opens].strip():
            return True
    return False


#: Verbs of saying that, in the passive ("It should be noted that", "it is mentioned"), are the
#: writer's own remark, not a source's word.
_REMARKS = frozenset({"noted", "mentioned", "indicated"})
_BE = frozenset({"be", "is", "are", "was", "were", "been"})
_WORD_BEFORE = lazy_compile(r"([\w'’]+)\W*\Z")


def _own_remark(text: str, start: int, said: re.Match[str]) -> bool:
    """Whether a verb of saying is the writer's passive remark ("It should be noted that the
    map could not be validated"): the report's own voice, not an attribution."""
    if said.group().casefold() not in _REMARKS:
        return False
    before = _WORD_BEFORE.search(text, max(start, said.start() - 30), said.start())
    return before is not None and before.group(1).casefold() in _BE


def _passive_no_agent(text: str, start: int, said: re.Match[str]) -> bool:
    """Whether a verb of saying is a passive participle ("is stated", "has not been
    confirmed") with no "by" naming who said it."""
    before = _WORD_BEFORE.search(text, max(start, said.start() - 30), said.start())
    if before is None or before.group(1).casefold() not in _BE:
        return False
    after = _WORD_AFTER.match(text, said.end(), said.end() + 40)
    return after is None or after.group(1).casefold() != "by"


#: A hyphen glued to the word before it, then at most a line break and its indent: the word
#: after is the second part of a compound, even where a PDF's lines broke after the hyphen.
_COMPOUND_HEAD = lazy_compile(r"\w-(?:[ \t]*\r?\n)?[ \t]*\Z")


def _compound_tail(text: str, start: int) -> bool:
    """Whether the word at ``start`` ends a hyphenated compound ("self-reported", and "self-" /
    "reported" or "self- reported" as PDF text sets it broken at the hyphen): a word of its own,
    not a verb of saying. A dash with a space before it ("the data - reported by ...") is none."""
    return _COMPOUND_HEAD.search(text, max(0, start - 40), start) is not None


def _after_determiner(text: str, start: int, said: re.Match[str]) -> bool:
    """Whether a verb of saying comes right after a determiner ("the reported figures",
    "their stated aims"): a participle qualifying a noun, which names no speaker."""
    before = _WORD_BEFORE.search(text, max(start, said.start() - 30), said.start())
    return before is not None and word_class(before.group(1).casefold()) == "REF"


_WORD_AFTER = lazy_compile(r"\W*([\w'’]+)")
#: Words after a participle that make it part of a noun phrase ("the figures reported are",
#: "the numbers cited by respondents"), not a verb of saying with its own subject.
_AFTER_PARTICIPLE = frozenset(
    {"by", "are", "is", "was", "were", "have", "has", "had", "could", "can", "cannot", "remain"}
)
_BEFORE_VERB = frozenset({*_BE, "it", "has", "have", "had", "who", "which", "that"})


def _reduced_relative(text: str, said: re.Match[str]) -> bool:
    """Whether a verb of saying is a participle inside a noun phrase ("The figures reported are
    unverified", "numbers cited by respondents could not be verified"): those who reported are
    the claim's source, and the statement that it is unverified is the report's own. Not after
    "be" or a relative pronoun ("it was reported by the ministry that ...")."""
    after = _WORD_AFTER.match(text, said.end(), said.end() + 40)
    if after is None or after.group(1).casefold() not in _AFTER_PARTICIPLE:
        return False
    before = _WORD_BEFORE.search(text, max(0, said.start() - 30), said.start())
    return before is not None and before.group(1).casefold() not in _BEFORE_VERB


@rule(
    "attributed-unconfirmed",
    severity=Severity.INFO,
    category=_CATEGORY,
    summary="A source the report cites says it could not confirm something.",
    doc=(
        "A third party, not the report itself, says it could not corroborate, confirm or "
        "verify something (`The Ministry said it could not confirm the report`, `according to "
        "the UN, the figures could not be verified`). Worth knowing when weighing that "
        "party's other statements; the report's own word is `uncorroborated-claim`."
    ),
    bad=(
        "Treatment of ethnic Koreans [KKT34458.E]\n\n"
        "The Ministry of Internal Affairs said it could not confirm reports of refused "
        "residence permits.\n"
    ),
    good=(
        "Treatment of ethnic Koreans [KKT34458.E]\n\n"
        "The Ministry of Internal Affairs confirmed reports of refused residence permits.\n"
    ),
)
def attributed_unconfirmed(doc: Document) -> Iterator[Emit]:
    prose = _Prose.of(doc)
    text = doc.text
    for sentence, marker, _scope, attributed in _unconfirmed(prose):
        if not attributed:
            continue
        quoted = _marker_quote(text, marker, sentence.end)
        yield Emit(
            doc.line_index.span(marker.start(), marker.end()),
            f'a cited party says it could not confirm this: "{quoted}"',
        )


# --------------------------------------------------------------------------- information-gap


@cache
def _gap_trigger() -> re.Pattern[str]:
    stems = lexicon().gap_triggers
    return regex_store.compiled("|".join(re.escape(stem) for stem in stems), re.IGNORECASE)


@rule(
    "information-gap",
    severity=Severity.INFO,
    category=_CATEGORY,
    summary="The report says it found no information on something.",
    doc=(
        "The report says that information on a subject could not be found or is scarce among "
        "its sources (`No information on the party could be found among the sources "
        "consulted`, `Information on X is limited`, `Sources consulted provide little current "
        "information on ...`). Nothing is claimed, so nothing is left unconfirmed; a reader "
        "weighing the report should still know where it is silent. A statement that a claim "
        "could not be corroborated is `uncorroborated-claim`."
    ),
    bad=(
        "Tudeh Party [IRN21575.E]\n\n"
        "No information on the activities of the Tudeh Party in 1995 could be found among the "
        "sources consulted by the Research Directorate.\n"
    ),
    good=(
        "Tudeh Party [IRN21575.E]\n\n"
        "The Tudeh Party held a congress in Berlin in 1995 (Reuters 3 May 1995).\n"
    ),
)
def information_gap(doc: Document) -> Iterator[Emit]:
    prose = _Prose.of(doc)
    text = doc.text
    trigger = _gap_trigger()
    stems = lexicon().gap_triggers
    # The case-blind alternation searched every sentence at about 10 MB/s (7 ms of the 66 KB
    # seed's check); where no stem starts in a sentence (str.find in the lower-cased text, 40
    # times faster) the regex cannot match, and it still decides for the other sentences.
    starts = caseless_starts(text, stems)
    # Words written with a ligature ("ﬁnd") hold their stems only when spelt out.
    spelt_out = list(ligature_triggers(text, stems))
    for sentence in prose.all_sentences():
        position = bisect_left(spelt_out, sentence.start)
        ligatured = position < len(spelt_out) and spelt_out[position] < sentence.end
        if starts is not None and not ligatured:
            position = bisect_left(starts, sentence.start)
            if position == len(starts) or starts[position] >= sentence.end:
                continue  # no stem starts in the sentence: the regex would find none
        if not ligatured and trigger.search(text, sentence.start, sentence.end) is None:
            continue
        if _marker_in(prose, sentence) is not None:
            continue  # "No information could be found to corroborate ...": a statement
        for offset in iter_triggers(text, sentence.start, sentence.end, stems):
            found = read_at(text, sentence.start, sentence.end, offset, gap=True)
            if found is None:
                continue
            quoted = _quote(text[found.subject_start : found.end])
            yield Emit(
                doc.line_index.span(found.start, found.end),
                f'the report found no information here: "{quoted}"',
            )
            break


# --------------------------------------------------------------------------- hedged-claim


def _hedge_in(prose: _Prose, sentence: _Sentence) -> re.Match[str] | None:
    if not prose.triggered("hedged", sentence):
        return None
    p = phrases()
    return _first_kept(p.hedges, p.hedge_ignore, prose.text, sentence.start, sentence.end)


def _anonymous_in(prose: _Prose, sentence: _Sentence) -> re.Match[str] | None:
    if not prose.triggered("anonymous", sentence):
        return None
    p = phrases()
    return _first_kept(p.anonymous, p.anonymous_ignore, prose.text, sentence.start, sentence.end)


def _first_kept(
    phrase: LazyPattern, ignore: LazyPattern, text: str, start: int, end: int
) -> re.Match[str] | None:
    """The first match of ``phrase`` in ``text[start:end]`` that no match of ``ignore``
    overlaps; ``ignore`` is searched for once a phrase is found, not before."""
    ignored: Intervals | None = None
    for match in phrase.finditer(text, start, end):
        if ignored is None:
            ignored = Intervals((m.start(), m.end()) for m in ignore.finditer(text, start, end))
        if not ignored.overlaps(match.start(), match.end()):
            return match
    return None


#: Words that, right after "according to", say the account is nobody's in particular.
_UNNAMED_ACCOUNTS = frozenset(
    {"unconfirmed", "unverified", "uncorroborated", "reports", "rumours", "rumors", "some"}
)
_PROPER_WINDOW = lazy_compile(r"[^,;:.()\n]{0,80}")


def _names_source(text: str, prose: _Prose, start: int, end: int) -> bool:
    """Whether the sentence says where its claim comes from.

    A citation or note marker, "according to" a proper noun, or someone who "said", "told",
    "reported" ... (not in the passive, and not itself hedged: "reportedly told").
    """
    if prose.sources_in(start, end):
        return True
    p = phrases()
    for match in p.according_to.finditer(text, start, end):
        window = _PROPER_WINDOW.match(text, match.end(), end)
        words = _WORD.findall(window.group() if window else "")[:5]
        if words and words[0].casefold() in _UNNAMED_ACCOUNTS:
            # "according to unconfirmed reports received in October": no one is named.
            continue
        if any(word[:1].isupper() for word in words):
            return True
    # The words of the sentence, found once: each verb looks at those before it.
    sentence_words: list[re.Match[str]] | None = None
    for match in p.attribution_verbs.finditer(text, start, end):
        if sentence_words is None:
            sentence_words = list(_WORD.finditer(text, start, end))
        count = bisect_right(sentence_words, match.start(), key=lambda word: word.end())
        if _has_subject(_words_before(sentence_words, count, match.start()), p):
            return True
        # "said Kim Jong-il": a proper noun right after the verb names the speaker.
        following = _WORD.findall(text, match.end(), min(end, match.end() + 40))
        words_before = bool(sentence_words) and sentence_words[0].start() < match.start()
        if not words_before and following and following[0][:1].isupper():
            return True
    return False


def _words_before(words: list[re.Match[str]], count: int, stop: int) -> Iterator[str]:
    """The words of ``words[:count]`` (all ending by ``stop``), last first, case-folded; a word
    running past ``stop`` is cut there, as a search ending at ``stop`` would read it."""
    if count < len(words) and words[count].start() < stop:
        cut = _WORD.match(words[count].string, words[count].start(), stop)
        if cut is not None:
            yield cut.group().casefold()
    for index in range(count - 1, -1, -1):
        yield words[index].group().casefold()


def _has_subject(before: Iterable[str], p: Phrases) -> bool:
    """Whether the words before an attribution verb, last first, end in someone who says it."""
    for word in before:
        if word in p.not_after:
            return False
        if word in p.adverbs or word.endswith("ly"):
            continue
        return True
    return False


@rule(
    "hedged-claim",
    severity=Severity.INFO,
    category=_CATEGORY,
    summary="A claim resting on 'reportedly', 'allegedly', 'is said to' ... with no source named.",
    doc=(
        "A sentence hedges its claim (`reportedly`, `allegedly`, `is said to`, `it is "
        "believed`, `apparently`, `rumoured`) and names no source for it: no citation, no note "
        "marker, no `according to` a named source, no one who `said` or `told`. The reader "
        "cannot tell whose account it is. Sentences already flagged by `uncorroborated-claim` "
        "or `anonymous-source` are left to those rules."
    ),
    bad=(
        "Prison conditions\n\n"
        "Detainees were reportedly beaten during interrogation at the border post.\n"
    ),
    good=(
        "Prison conditions\n\n"
        "According to Human Rights Watch, detainees were reportedly beaten during "
        "interrogation at the border post.\n"
    ),
)
def hedged_claim(doc: Document) -> Iterator[Emit]:
    prose = _Prose.of(doc)
    text = doc.text
    for sentence in prose.all_sentences():
        hedge = _hedge_in(prose, sentence)
        if hedge is None:
            continue
        if _marker_in(prose, sentence) is not None:
            continue
        if _anonymous_in(prose, sentence) is not None:
            continue
        if _names_source(text, prose, sentence.start, sentence.end):
            continue
        yield Emit(
            doc.line_index.span(sentence.start, sentence.end),
            f'the claim rests on "{_quote(hedge.group(), 40)}" and the sentence names no source',
        )


# --------------------------------------------------------------------------- anonymous-source


@rule(
    "anonymous-source",
    severity=Severity.INFO,
    category=_CATEGORY,
    summary="A claim attributed to an unnamed source ('government sources said').",
    doc=(
        "A sentence attributes its claim to a source it does not name: `government sources "
        "said`, `a reliable source`, `several sources have told`, `sources close to`, `an "
        "official source`, `a source who asked not to be named`. The claim cannot be traced "
        "or weighed. Phrases such as `a reliable source of information` are not sources of "
        "a claim and are not flagged."
    ),
    bad=(
        "Transfers of refugees\n\n"
        "The refugees will be flown to Seoul next week, government sources said.\n"
    ),
    good=(
        "Transfers of refugees\n\n"
        "The refugees will be flown to Seoul next week, Unification Ministry spokesman Kim "
        "Hong-jae said.\n"
    ),
)
def anonymous_source(doc: Document) -> Iterator[Emit]:
    prose = _Prose.of(doc)
    for sentence in prose.all_sentences():
        match = _anonymous_in(prose, sentence)
        if match is None:
            continue
        yield Emit(
            doc.line_index.span(sentence.start, sentence.end),
            f'the claim is attributed to an unnamed source: "{_quote(match.group(), 60)}"',
        )


__all__ = [
    "PatternError",
    "Phrases",
    "anonymous_source",
    "attributed_unconfirmed",
    "compile_phrases",
    "hedged_claim",
    "information_gap",
    "phrases",
    "uncorroborated_claim",
]

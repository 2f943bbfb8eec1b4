"""Finds the ``.lark`` grammars and builds each parser once per process.

The grammars ship inside the wheel as ``provenance/grammars``; in a source checkout (or an editable
install) they are read from the top-level ``grammars/`` folder.

Building the LALR tables of every grammar takes about half a second, which a pre-commit hook would
pay on every run, so built parsers are kept in the private per-user cache (``provenance.cache``:
how the folder and its files are opened and checked). The cache never holds a pickle (which runs
code when loaded, and is what ``Lark.save`` writes): a file is Lark's own serialisation of the
parser (``memo_serialize``; rules and the parse table written as lists, one line of JSON text
each after a marshalled header of plain data holding the rest), with the compiled regex code of
each terminal, which can only describe a parser. Each file is
named by a digest of every grammar file, the start rules, the Lark, Python and regex engine
versions and the file layout, so an edited grammar can never load a stale parser.

A cached parser is loaded lazily: a rule, its tree builder, a parser state's row of the table and
its lexer are made when first used (each rule and row is a line of JSON of its own), and
each lexer state tries its terminals one by one, each regex compiled once per process, until it
has been used often enough to pay for Lark's single alternation.
"""

from __future__ import annotations

import binascii
import hashlib
import marshal
import os
import re
import sys
from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator, Sequence
from copy import copy
from functools import cache, partial
from typing import TYPE_CHECKING, Any, TypeVar, cast

import lark
from lark import Discard, Lark, Token, Transformer, Tree
from lark.exceptions import (
    GrammarError as LarkGrammarError,
)
from lark.exceptions import (
    UnexpectedCharacters,
    VisitError,
)
from lark.grammar import NonTerminal, Rule, RuleOptions, Terminal
from lark.lexer import (
    BasicLexer,
    ContextualLexer,
    LexerState,
    PatternRE,
    PatternStr,
    TerminalDef,
    UnlessCallback,
    _regexp_has_newline,
)
from lark.parse_tree_builder import ParseTreeBuilder
from lark.parser_frontends import _get_lexer_callbacks
from lark.parsers.lalr_analysis import IntParseTable, Reduce, Shift
from lark.parsers.lalr_parser import LALR_Parser, _Parser
from lark.utils import TextSlice

from provenance import json_read
from provenance.cache import CacheFolder as _CacheFolder
from provenance.cache import cache_folder as _cache_folder
from provenance.lalr import (
    Refusal,
    longest_prefix,
    longest_prefix_of_words,
    parse_whole,
    parse_whole_or_refusal,
)
from provenance.regex_store import lazy_compile, regex_code, regex_from_code

if TYPE_CHECKING:
    import mmap
    from pathlib import Path

    #: A cache file's contents: mapped into memory (``CacheFolder.mapped``) or read.
    _Data = bytes | mmap.mmap

# Folders as strings (``os.path``): a check reads the grammars' folder on every run, and
# ``pathlib`` (with ``urllib.parse`` and ``ipaddress``, which it imports) was about 2 % of a short
# check's start-up; ``grammar_dir`` and ``grammar_path`` still give ``Path``s.
_PACKAGE_DIR = os.path.dirname(os.path.realpath(__file__))


@cache
def _grammar_folder() -> str:
    """``grammar_dir`` as a string."""
    for candidate in (
        os.path.join(_PACKAGE_DIR, "grammars"),
        os.path.join(os.path.dirname(os.path.dirname(_PACKAGE_DIR)), "grammars"),
    ):
        if os.path.isfile(os.path.join(candidate, "common.lark")):
            return candidate
    raise FileNotFoundError(
        "provenance grammars not found: expected provenance/grammars/*.lark in the installed "
        "package or grammars/*.lark in the source checkout"
    )


def grammar_dir() -> Path:
    """The folder holding the ``.lark`` files: installed package data first, else the checkout."""
    from pathlib import Path

    return Path(_grammar_folder())


def grammar_path(name: str) -> Path:
    """Path of ``grammars/<name>.lark``."""
    return grammar_dir() / f"{name}.lark"


def _grammar_file(name: str) -> str:
    """``grammar_path`` as a string."""
    return os.path.join(_grammar_folder(), f"{name}.lark")


@cache
def parser(name: str, start: str = "start") -> Lark:
    """The LALR parser of ``grammars/<name>.lark`` for rule ``start``, built once per process
    (the one ``multi_start_parser`` gives for that rule alone, so that a terminal taken from it
    loads nothing more)."""
    return multi_start_parser(name, (start,))


def _load_or_build(name: str, starts: tuple[str, ...]) -> Lark:
    folder = _cache_folder()
    cached: str | None = None
    if folder is not None:
        key = hashlib.sha256(f"{_grammars_digest()}\0{name}\0{starts!r}".encode()).hexdigest()
        cached = f"{name}-{key[:32]}.json"
        loaded = _load(folder, cached)
        if loaded is not None:
            return _without_error_scanner(loaded)
    built = Lark.open(
        _grammar_file(name),
        parser="lalr",
        lexer="contextual",
        start=list(starts) if len(starts) > 1 else starts[0],
        maybe_placeholders=False,
    )
    codes = _terminal_codes(built)
    _remember_terminal_codes(codes, with_code=False)
    if folder is not None and cached is not None:
        _save(folder, cached, built, codes)
    return _without_error_scanner(built)


class _NoMatch(UnexpectedCharacters):
    """Raised by ``_NoRootLexer``; Lark's contextual lexer then re-raises its own error."""

    def __init__(self) -> None:  # the error Lark re-raises carries the details
        pass


class _NoRootLexer:
    """Stands in for the root lexer of Lark's contextual lexer.

    When no terminal the parser expects matches, Lark tries every terminal of the grammar to
    word a better error; that first builds a scanner of all of them, one large regex, which is
    the costliest compile of a grammar (about 25 ms for the reference grammar). Candidates in
    prose end that way all the time, and the error's wording is never read: the original error
    (same position, same expected terminals) is raised instead.
    """

    def next_token(self, lexer_state: LexerState, parser_state: Any = None) -> Token:
        raise _NoMatch


def _without_error_scanner(built: Lark) -> Lark:
    lexer = getattr(built.parser, "lexer", None)
    if hasattr(lexer, "root_lexer"):
        lexer.root_lexer = _NoRootLexer()  # type: ignore[union-attr]
    for state_lexer in getattr(lexer, "lexers", {}).values():
        if isinstance(state_lexer, BasicLexer):
            state_lexer._build_scanner = partial(_build_shared_scanner, state_lexer)  # type: ignore[method-assign]
    return built


# ------------------------------------------------------------------- scanners of lexer states

#: Each terminal's regex compiled once per process, shared by every lexer state of every grammar.
_TERMINAL_REGEXES: dict[tuple[str, int], re.Pattern[str]] = {}
#: Matches a state's scanner serves one terminal at a time before it compiles alternations.
#: Compiling a busy state's alternation takes about 1 ms; matched by the alternation, the 66 KB
#: seed reads no faster (84 against 83-95 ms, warm), so it pays only in a long run. No state of
#: that report is used 400 times: a one-report check compiles none (it compiled 13, 13 ms, when
#: this was 64).
_MATCHES_BEFORE_ALTERNATION = 1024


class _SharedScanner:
    """Stands in for Lark's ``Scanner`` of one lexer state: the same terminals in the same order.

    Lark compiles, for every parser state it meets, one alternation of the terminals that state
    accepts; a terminal accepted in many states (a 2 KB date pattern in five of them) is compiled
    again in each. This scanner first tries the terminals one by one, in Lark's order, each
    compiled once per process; the first that matches wins, which is exactly what the
    alternation's first matching branch gives. A state used often then matches with
    alternations as Lark's, but each of only the terminals that can begin with the character
    at hand (``char_match``): a terminal left out could not have matched there, so the first
    branch that matches is the one Lark's alternation of them all finds. Lark's alternation
    went through every branch at every token (the date patterns, a kilobyte each, tried at
    every letter of every word: about a third of a reference entry's parse).
    """

    def __init__(self, terminals: list[TerminalDef], flags: int, re_module: Any) -> None:
        self.terminals = terminals
        self.allowed_types = {terminal.name for terminal in terminals}
        self._flags = flags
        self._re = re_module
        #: Once the state is busy, the match method of each character's alternation (its
        #: match gives the text and, as its last group, the terminal, as ``match`` does), by
        #: the character: ``provenance.lalr`` calls it directly (``char_match`` for one not
        #: met yet).
        self.by_char: dict[str, Any] | None = None
        self._uses = 0
        patterns = [terminal.pattern.to_regexp() for terminal in terminals]
        #: Each terminal's name and pattern, in Lark's order; its regex is restored or compiled
        #: only when a character it can begin with is first met (a state's terminals are mostly
        #: never tried: about 90 of the 230 a 66 KB check restored were).
        self._patterns = [
            (str(terminal.name), pattern)  # a plain string, as ``lalr._Rows``' keys
            for terminal, pattern in zip(terminals, patterns, strict=True)
        ]
        self._all: list[tuple[str, re.Pattern[str]]] | None = None
        #: The characters each terminal's match can begin with (None: any, or not known).
        self._firsts = [_FIRST_BOUNDS.get((pattern, flags)) for pattern in patterns]
        #: The terminals worth trying at a character, in Lark's order, by that character.
        self._by_char: dict[str, list[tuple[str, re.Pattern[str]]]] = {}

    def _fits(self, char: str) -> list[tuple[str, str]]:
        """The names and patterns of the terminals whose match can begin with ``char``, in
        Lark's order: a terminal left out could not have matched there."""
        code = ord(char)
        return [
            named
            for named, bounds in zip(self._patterns, self._firsts, strict=True)
            if bounds is None or bisect_right(bounds, code) & 1
        ]

    def _regexes(self, char: str | None) -> list[tuple[str, re.Pattern[str]]]:
        """The terminals whose match can begin with ``char`` (every terminal for None), in
        Lark's order, with their regexes: a terminal left out could not have matched there."""
        if char is None:
            if self._all is None:
                flags, re_module = self._flags, self._re
                self._all = [
                    (name, _terminal_regex(pattern, flags, re_module))
                    for name, pattern in self._patterns
                ]
            return self._all
        known = self._by_char.get(char)
        if known is None:
            flags, re_module = self._flags, self._re
            known = self._by_char[char] = [
                (name, _terminal_regex(pattern, flags, re_module))
                for name, pattern in self._fits(char)
            ]
        return known

    def char_match(self, char: str) -> Any:
        """The match method of the alternation, as Lark builds one, of the terminals whose
        match can begin with ``char``, in Lark's order (kept in ``by_char``)."""
        assert self.by_char is not None
        fits = tuple(self._fits(char))
        key = (fits, self._flags, self._re)
        known = _ALTERNATIONS.get(key)
        if known is None:
            if fits:
                pattern = "|".join(f"(?P<{name}>{pattern})" for name, pattern in fits)
                known = self._re.compile(pattern, self._flags).match
            else:
                known = _nothing
            _ALTERNATIONS[key] = known
        self.by_char[char] = known
        return known

    def match(self, text: TextSlice[str], pos: int) -> tuple[str, str] | None:
        source, end = text.text, text.end
        by_char = self.by_char
        if by_char is not None and pos < end:
            char = source[pos]
            regex_match = by_char.get(char)
            if regex_match is None:
                regex_match = self.char_match(char)
            hit = regex_match(source, pos, end)
            return None if hit is None else (hit.group(0), hit.lastgroup)
        self._uses += 1
        if self._uses > _MATCHES_BEFORE_ALTERNATION and by_char is None:
            self.by_char = {}
        # Only the terminals whose match can begin with this character: a terminal left out
        # would not have matched, so the first that matches is the same.
        regexes = self._by_char.get(source[pos]) if pos < end else None
        if regexes is None:
            regexes = self._regexes(source[pos] if pos < end else None)
        for name, regex in regexes:
            found = regex.match(source, pos, end)
            if found:
                return found.group(0), name
        return None

    def fullmatch(self, text: str) -> str | None:
        for name, regex in self._regexes(text[0] if text else None):
            if regex.fullmatch(text):
                return name
        return None


#: The alternations of ``_SharedScanner.char_match`` by their terminals (names and patterns, in
#: order), flags and regex module: states share terminals, and characters share the terminals
#: that can begin with them (every capital letter, every digit).
_ALTERNATIONS: dict[tuple[Any, ...], Any] = {}


def _nothing(text: str, pos: int, end: int) -> None:
    """The match of an alternation of no terminal: none."""
    return None


def _terminal_regex(pattern: str, flags: int, re_module: Any) -> re.Pattern[str]:
    key = (pattern, flags)
    regex = _TERMINAL_REGEXES.get(key)
    if regex is None:
        regex = None if re_module is not re else _regex_from_code(pattern, flags)
        if regex is None:
            regex = re_module.compile(pattern, flags)
        _TERMINAL_REGEXES[key] = regex
    return regex


# Compiling a terminal's regex is most of the cost of its first use (the reference grammar's
# terminals take about 30 ms to compile, the date and locator patterns most of it); what Python's
# regex compiler produces is a list of integers, which ``_sre.compile`` turns back into the same
# pattern object in microseconds (checking it first). The parser cache keeps that list for each
# terminal of its grammar, made when the parser was built, and keyed by the regex engine's
# version (``_grammars_digest``); a pattern with no stored code is compiled as usual.

#: The compiled code of terminal regexes read from the parser cache, by (pattern, flags); still
#: in its file's line until first used (``_StoredLine``), None once found damaged.
_REGEX_CODES: dict[tuple[str, int], Any] = {}
#: The characters a terminal's match can begin with (``first_chars``), by (pattern, flags), as
#: the parser cache keeps them: code point bounds ``[first, end, first, end, ...]`` of ranges
#: (``end`` excluded), so that a character is among them when ``bisect_right`` of its code is
#: odd. A terminal not here is tried at every character.
_FIRST_BOUNDS: dict[tuple[str, int], list[int]] = {}


def _regex_code(pattern: str, flags: int) -> list[Any] | None:
    return regex_code(pattern, flags)


def _regex_from_code(pattern: str, flags: int) -> re.Pattern[str] | None:
    stored = _REGEX_CODES.get((pattern, flags))
    if isinstance(stored, _StoredLine):
        try:
            stored = _REGEX_CODES[(pattern, flags)] = stored.decoded()
        except ValueError:  # a damaged line: the pattern is compiled instead
            stored = _REGEX_CODES[(pattern, flags)] = None
    return None if stored is None else regex_from_code(pattern, stored)


def _terminal_codes(built: Lark) -> list[list[Any]]:
    """``[pattern, flags, code..., first]`` of every terminal of ``built``: its regex code (see
    ``_regex_code``) and the characters its match can begin with (``_first_bounds``)."""
    from provenance.first_chars import first_chars

    flags = built.options.g_regex_flags
    codes = []
    for terminal in built.terminals:
        pattern = terminal.pattern.to_regexp()
        code = _regex_code(pattern, flags)
        if code is not None:
            codes.append([pattern, flags, *code, _first_bounds(first_chars(pattern, flags))])
    return codes


def _first_bounds(chars: str | None) -> list[int] | None:
    """``chars`` (sorted) as the bounds of code point ranges, ``[first, end, ...]`` (``end``
    excluded): the characters ``\\d`` matches come to 64 ranges where they are 660 characters."""
    if chars is None:
        return None
    bounds: list[int] = []
    for code in map(ord, chars):
        if bounds and bounds[-1] == code:
            bounds[-1] = code + 1
        else:
            bounds += [code, code + 1]
    return bounds


def _remember_terminal_codes(codes: Any, with_code: bool = True) -> None:
    """Keep the regex code and first characters of each terminal in ``codes`` (from
    ``_terminal_codes``); only the first characters unless ``with_code``."""
    if not isinstance(codes, list):
        return
    for entry in codes:
        if (
            isinstance(entry, list)
            and len(entry) == 7
            and isinstance(entry[0], str)
            and isinstance(entry[1], int)
        ):
            key = (entry[0], entry[1])
            if with_code:
                _REGEX_CODES.setdefault(key, entry[2:6])
            if isinstance(entry[6], list):
                _FIRST_BOUNDS.setdefault(key, entry[6])


def _build_shared_scanner(lexer: BasicLexer) -> Any:
    """Lark's ``BasicLexer._build_scanner`` with a ``_SharedScanner`` in place of its scanner."""
    if lexer.use_bytes or lexer.user_callbacks:  # pragma: no cover - no grammar here has them
        return BasicLexer._build_scanner(lexer)
    terminals, lexer.callback = _create_unless_shared(
        lexer.terminals, lexer.g_regex_flags, lexer.re
    )
    return _SharedScanner(terminals, lexer.g_regex_flags, lexer.re)


def _create_unless_shared(
    terminals: Collection[TerminalDef], flags: int, re_module: Any
) -> tuple[list[TerminalDef], dict[str, Any]]:
    """Lark's ``_create_unless`` with the terminals' shared regexes.

    A string terminal that a regex terminal of the same priority also matches whole ("to" and
    a word) is taken out of the scanner, and a token of the regex terminal is retyped when its
    text is that string. Lark finds those strings by compiling each regex terminal again.
    """
    strings = [terminal for terminal in terminals if isinstance(terminal.pattern, PatternStr)]
    embedded: set[TerminalDef] = set()
    callback: dict[str, Any] = {}
    for regex_terminal in terminals:
        if not isinstance(regex_terminal.pattern, PatternRE):
            continue
        pattern = regex_terminal.pattern.to_regexp()
        # A string the regex matches whole begins with a character the regex's match can begin
        # with: when no string of its priority does, the regex need not be restored to know.
        bounds = _FIRST_BOUNDS.get((pattern, flags))
        candidates = [
            string_terminal
            for string_terminal in strings
            if string_terminal.priority == regex_terminal.priority
            and (
                bounds is None
                or not string_terminal.pattern.value
                or bisect_right(bounds, ord(string_terminal.pattern.value[0])) & 1
            )
        ]
        if not candidates:
            continue
        regex = _terminal_regex(pattern, flags, re_module)
        unless = []
        for string_terminal in candidates:
            text = string_terminal.pattern.value
            found = regex.match(text)
            if found and found.group(0) == text:
                unless.append(string_terminal)
                # Lark's own test, kept as it is (the flags may be lists once loaded).
                if string_terminal.pattern.flags <= regex_terminal.pattern.flags:  # type: ignore[operator]
                    embedded.add(string_terminal)
        if unless:
            callback[regex_terminal.name] = UnlessCallback(
                _SharedScanner(unless, flags, re_module)  # type: ignore[arg-type]
            )
    return [terminal for terminal in terminals if terminal not in embedded], callback


@cache
def grammar_parser(name: str, starts: tuple[str, ...] = ("start",)) -> Lark:
    """A parser built from the grammar file, never from the cache, so that it keeps its
    ``grammar`` (which tools such as Hypothesis's ``from_lark`` read). For tests and tools."""
    return Lark.open(
        _grammar_file(name),
        parser="lalr",
        lexer="contextual",
        start=list(starts),
        maybe_placeholders=False,
    )


# ------------------------------------------------------------------------- the parser cache

#: Changes when the layout of a cache file does (see ``_save``).
_CACHE_FORMAT = 7
#: Changes when ``provenance.first_chars`` answers otherwise: a cache file keeps its answers
#: for the terminals (2: case-blind ASCII letters known).
_FIRST_CHARS_READING = 2
#: The keys of the JSON objects that stand for a tuple, and a dict with keys other than strings.
_TUPLE = "\x00t"
_DICT = "\x00d"


def _load(folder: _CacheFolder, name: str) -> Lark | None:
    """The parser cached as ``name``, or None when there is none or it cannot be read."""
    data = folder.mapped(name)
    if data is None:
        return None
    try:
        serialised = _split(data)
        loaded = _fast_load(serialised)
        _remember_stored_codes(serialised, loaded)
    except Exception:  # a damaged or foreign cache file is rebuilt, never fatal
        return None
    return loaded


# ------------------------------------------------------------------- loading a cached parser
#
# ``Lark.load`` rebuilds every part of a parser before its first use: each rule through Lark's
# generic deserialiser, the tree-building callback of every rule, and a lexer for every parser
# state (about 40 ms for the reference grammar's 700 rules and 960 states). Most documents meet
# a few dozen states and rules. The loader below reads the same serialisation into the same
# objects, but builds a rule, its callback, a state's row of the table and its lexer when first
# used. Rules and rows are each kept as JSON text of their own, so that reading the file is little
# more than reading its strings (reference grammar: about 24 ms to 5 ms).
#
# The file (format 7) is a header (Lark's serialisation less its rules, table and terminals; the
# terminals as lists; the characters each terminal's match can begin with; where each later line
# begins), marshalled behind its length and crc32 (``_header``; format 6 wrote it as a line of
# JSON, whose tuples and integer-keyed dicts cost a Python hook call each to read), followed by
# one line for each rule, one for each row of the table and one for each terminal's compiled
# regex code. The later lines are found by their offsets when
# first used, never split apart or decoded as a whole: a 66 KB check reads 15 cached parsers
# (1.9 MB) and uses a few hundred of their 10,000 lines. Format 5 split every line and decoded
# every terminal's regex code and Lark's form of every terminal with the header, about half of
# the time it spent loading parsers (the header's regex code alone was 413 KB of JSON for 136
# codes used of 418).


def _split(data: _Data) -> dict[str, Any]:
    """A cache file's header, with ``rules`` (memo key -> JSON text) and ``rows`` (state ->
    JSON text) standing for the lines after it, each cut out and decoded when first used."""
    serialised, head = _header(data)
    # A file cut short (a writer that died half way) is refused here, not midway through a parse.
    if serialised["length"] != len(data):
        raise ValueError("not a whole cache file")
    rule_keys, states = _keys(serialised["rule_lines"]), _keys(serialised["row_lines"])
    lines = _Lines(data, head + 1, serialised["offsets"])
    # Rules, rows, the terminals' regex code, then the order of the grammar's rules.
    if len(lines) != len(rule_keys) + len(states) + len(serialised["regexes"]) + 1:
        raise ValueError("not a whole cache file")
    serialised["rules"] = _LineMap(lines, rule_keys, 0)
    serialised["rows"] = _LineMap(lines, states, len(rule_keys))
    serialised["rule_keys"] = _StoredLine(lines, len(lines) - 1)
    serialised["lines"] = lines
    return serialised


#: A cache file begins with the length and crc32 of its marshalled header, 8 hex digits each.
_PREFIX = 16


def _header(data: _Data) -> tuple[dict[str, Any], int]:
    """The header of a cache file (format 7) and where it ends (the newline before the lines).

    The header is marshalled, as Python's own ``__pycache__`` is: the same values the JSON of
    format 6 gave back (tuples, dicts with integer keys), read in C with no hook called for each
    object (the 15 headers of a 66 KB check: 2.0 to 0.7 ms). Its crc32 is checked first, so a
    damaged file is never unmarshalled; the folder is this user's own (``provenance.cache``).
    """
    length, crc = int(data[:8], 16), int(data[8:_PREFIX], 16)
    head = _PREFIX + length
    blob = data[_PREFIX:head]
    if len(blob) != length or binascii.crc32(blob) != crc or data[head : head + 1] != b"\n":
        raise ValueError("not a cached parser")
    serialised = marshal.loads(blob)
    if not isinstance(serialised, dict):
        raise ValueError("not a cached parser")
    return serialised, head


def _write_header(header: dict[str, Any]) -> bytes:
    """``header`` as ``_header`` reads it."""
    blob = marshal.dumps(header)
    return b"%08x%08x" % (len(blob), binascii.crc32(blob)) + blob


def _keys(written: Any) -> range | dict[int, int]:
    """The keys of a run of lines, as ``_key_runs`` wrote them (``{"first": f, "count": n}``
    for the keys ``f, f + 1, ..., f + n - 1``, as every grammar's rules and states are so far,
    else a list of them), with each key's place in the run."""
    if isinstance(written, dict):
        first, count = written["first"], written["count"]
        if not (isinstance(first, int) and isinstance(count, int) and count >= 0):
            raise ValueError("not a cached parser")
        return range(first, first + count)
    return {key: index for index, key in enumerate(written)}


def _key_runs(keys: list[int]) -> Any:
    """``keys`` as ``_keys`` reads them back."""
    if keys and keys == list(range(keys[0], keys[0] + len(keys))):
        return {"first": keys[0], "count": len(keys)}
    return keys


class _Lines:
    """The lines after a cache file's header, each cut out of the file when asked for.

    ``offsets`` is a string of hexadecimal numbers of one width (its first character gives the
    width): where each line begins, counted from the first line after the header, then where
    the last one would end."""

    __slots__ = ("_base", "_count", "_data", "_offsets", "_width")

    def __init__(self, data: _Data, base: int, offsets: str) -> None:
        width = int(offsets[:1], 16)
        count, rest = divmod(len(offsets) - 1, width or 1)
        if not width or rest or not count or int(offsets[-width:], 16) + base != len(data) + 1:
            raise ValueError("not a whole cache file")
        self._data, self._base, self._offsets, self._width = data, base, offsets, width
        self._count = count - 1

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: int) -> bytes:
        if not 0 <= index < self._count:
            raise IndexError(index)
        width, offsets, base = self._width, self._offsets, self._base
        at = 1 + index * width
        start = int(offsets[at : at + width], 16)
        end = int(offsets[at + width : at + 2 * width], 16)
        return self._data[base + start : base + end - 1]  # less the line's newline


class _LineMap:
    """Lines of a cache file by key (a rule's memo key, a state), as a read-only mapping: the
    line of the key at place ``i`` of ``positions`` (see ``_keys``) is ``lines[first + i]``.
    A few hundred are read in a check: looking one up is kept to a few operations."""

    __slots__ = ("_count", "_first", "_lines", "_positions", "_start")

    def __init__(self, lines: _Lines, positions: range | dict[int, int], first: int) -> None:
        self._lines, self._positions, self._first = lines, positions, first
        self._start = positions.start if isinstance(positions, range) else None
        self._count = len(positions)

    def __getitem__(self, key: int) -> bytes:
        start = self._start
        index = self._positions[key] if start is None else key - start
        if not 0 <= index < self._count:
            raise KeyError(key)
        lines = self._lines
        width, offsets, base = lines._width, lines._offsets, lines._base
        at = 1 + (self._first + index) * width
        begin = int(offsets[at : at + width], 16)
        return lines._data[base + begin : base + int(offsets[at + width : at + 2 * width], 16) - 1]

    def __contains__(self, key: object) -> bool:
        return key in self._positions

    def __iter__(self) -> Iterator[int]:
        return iter(self._positions)

    def __len__(self) -> int:
        return self._count


def _offsets(lines: Sequence[bytes]) -> str:
    """``_Lines``' offsets of ``lines`` written one after another, each with its newline."""
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    width = max(1, len(f"{starts[-1]:x}"))
    if width > 15:  # pragma: no cover - a file of a million terabytes
        raise ValueError("too long")
    return f"{width:x}" + "".join(f"{start:0{width}x}" for start in starts)


def _remember_stored_codes(serialised: dict[str, Any], loaded: Lark) -> None:
    """Keep the first characters of each terminal of ``loaded`` that the file gives, and where
    its regex code lies, decoded if ever the regex is compiled (``_regex_from_code``)."""
    entries = serialised["regexes"]
    lines = serialised["lines"]
    flags = loaded.options.g_regex_flags
    by_name = {terminal.name: terminal for terminal in loaded.terminals}
    first_code = len(lines) - 1 - len(entries)
    # Every entry is read before any is kept: a file refused half way leaves nothing behind.
    keys = [(by_name[name].pattern.to_regexp(), flags) for name, _bounds in entries]
    if not all(bounds is None or isinstance(bounds, list) for _name, bounds in entries):
        raise ValueError("not a cached parser")
    for index, (key, (_name, bounds)) in enumerate(zip(keys, entries, strict=True)):
        if key not in _REGEX_CODES:
            _REGEX_CODES[key] = _StoredLine(lines, first_code + index)
        if bounds is not None:
            _FIRST_BOUNDS.setdefault(key, bounds)


class _StoredLine:
    """A line of a cache file (a terminal's regex code, the order of the rules), decoded when
    first used."""

    __slots__ = ("_index", "_lines")

    def __init__(self, lines: _Lines, index: int) -> None:
        self._lines, self._index = lines, index

    def decoded(self) -> Any:
        return _decoded(self._lines[self._index])


class _LazyCallbacks(dict[Any, Any]):
    """Lark's rule callbacks (the tree builders), each made when its rule is first reduced."""

    def __init__(self, builder: ParseTreeBuilder, transformer: Any) -> None:
        super().__init__()
        self._builder = builder
        self._transformer = transformer

    def __bool__(self) -> bool:  # Lark builds no tree when its callbacks are empty
        return True

    def __missing__(self, rule: Rule) -> Any:
        # Lark's own code, for one rule: the same wrappers as a parser built in one go. A builder
        # of its own, so that threads sharing the parser never see each other's rule.
        shared = self._builder
        builder = ParseTreeBuilder(  # type: ignore[no-untyped-call]
            [rule],
            shared.tree_class,
            shared.propagate_positions,
            shared.ambiguous,
            shared.maybe_placeholders,
        )
        callback = self[rule] = builder.create_callback(self._transformer)[rule]  # type: ignore[no-untyped-call]
        return callback


class _LoadedLark(Lark):
    """A ``Lark`` loaded from the cache, whose rule callbacks are made when first needed."""

    _rule_memo: _LazyRules
    _rule_keys: _StoredLine

    @property
    def rules(self) -> list[Rule]:
        """Every rule of the grammar; parsing never needs the list, so it is built when asked."""
        return [self._rule_memo[key] for key in self._rule_keys.decoded()]

    @rules.setter
    def rules(self, value: list[Rule]) -> None:
        # Lark's loader assigns the list it builds from the serialisation; ``_fast_load`` hands
        # it none (see there) and keeps the rules' keys instead.
        pass

    def _prepare_callbacks(self) -> None:
        builder = ParseTreeBuilder(  # type: ignore[no-untyped-call]
            [],
            self.options.tree_class or Tree,
            self.options.propagate_positions,
            False,  # ambiguous: never with LALR
            self.options.maybe_placeholders,
        )
        self._parse_tree_builder = builder
        self._callbacks = _LazyCallbacks(builder, self.options.transformer)
        lexer_callbacks = _get_lexer_callbacks(self.options.transformer, self.terminals)  # type: ignore[no-untyped-call]
        self._callbacks.update(lexer_callbacks)


class _LazyStateLexers(dict[int, Any]):
    """The lexer of each parser state, made when the parser first reaches the state."""

    def __init__(self, conf: Any, accepts: dict[int, Any], always_accept: Any) -> None:
        super().__init__()
        self._conf = conf
        self._accepts = accepts
        self._by_terminals: dict[frozenset[str], BasicLexer] = {}
        #: Per terminal name, what ``BasicLexer.__init__`` works out for it in every lexer it
        #: is in: its sort key and whether its regex can match a newline.
        self._facts: dict[str, tuple[tuple[int, int, int, str], bool]] = {}
        self._also = set(conf.ignore) | set(always_accept)

    def __missing__(self, state: int) -> BasicLexer:
        accepts = self._accepts[state]
        key = frozenset(accepts)
        lexer = self._by_terminals.get(key)
        if lexer is None:
            lexer = self._by_terminals[key] = self._lexer(key | self._also)
        self[state] = lexer
        return lexer

    def _lexer(self, names: frozenset[str]) -> BasicLexer:
        """``BasicLexer`` of a copy of the configuration with the terminals ``names`` (those
        that are terminals), as Lark's contextual lexer makes it, less the work that is the same
        for a terminal in every state (its sort key, its newline test): 132 lexers of a 66 KB
        check took about 16 us each, a copy of the configuration and a pass over every terminal."""
        conf = self._conf
        by_name, facts = conf.terminals_by_name, self._facts
        terminals = []
        newline_types = []
        for name in names:
            terminal = by_name.get(name)
            if terminal is None:
                continue
            fact = facts.get(name)
            if fact is None:
                pattern = terminal.pattern
                fact = facts[name] = (
                    (-terminal.priority, -pattern.max_width, -len(pattern.value), name),
                    _regexp_has_newline(pattern.to_regexp()),
                )
            terminals.append((fact[0], terminal))
            if fact[1]:
                newline_types.append(name)
        terminals.sort()  # the keys differ by name: never a tie to compare terminals on
        lexer: BasicLexer = BasicLexer.__new__(BasicLexer)
        lexer.re = conf.re_module
        lexer.newline_types = frozenset(newline_types)
        lexer.ignore_types = frozenset(conf.ignore)
        lexer.terminals = [terminal for _key, terminal in terminals]
        lexer.user_callbacks = conf.callbacks
        lexer.g_regex_flags = conf.g_regex_flags
        lexer.use_bytes = conf.use_bytes
        lexer.terminals_by_name = by_name
        lexer._scanner = None
        lexer._build_scanner = partial(_build_shared_scanner, lexer)  # type: ignore[method-assign]
        return lexer


class _LazyContextualLexer(ContextualLexer):
    """Lark's contextual lexer with its state lexers made on demand (see ``_LazyStateLexers``),
    and no root lexer: ``_NoRootLexer`` stands in for it, as for every parser here."""

    def __init__(self, conf: Any, states: dict[int, Any], always_accept: Any = ()) -> None:
        trad_conf = copy(conf)
        trad_conf.terminals = list(conf.terminals)
        trad_conf.skip_validation = True
        self.lexers = _LazyStateLexers(trad_conf, states, always_accept)
        self.root_lexer = _NoRootLexer()  # type: ignore[assignment]


class _LoadedLALRParser(LALR_Parser):
    """Lark's LALR parser with an empty table: ``_fast_load`` puts the lazy one in its place."""

    @classmethod
    def deserialize(  # type: ignore[override]
        cls, data: Any, memo: Any, callbacks: Any, debug: bool = False
    ) -> _LoadedLALRParser:
        parser = cls.__new__(cls)
        table = IntParseTable({}, data["start_states"], data["end_states"])  # type: ignore[no-untyped-call]
        parser._parse_table = table  # type: ignore[assignment]
        parser.parser = _Parser(parser._parse_table, callbacks, debug)
        return parser


_LOADING_PLUGINS = {"ContextualLexer": _LazyContextualLexer, "LALR_Parser": _LoadedLALRParser}


# Reading a cached parser needs no ``json`` import (``provenance.json_read``); writing one does.
_RAW_DECODE = json_read.scanner()


def _decoded(line: bytes) -> Any:
    """One rule's or row's JSON: ``json.loads`` less its checks of the text's encoding (the file
    is this module's own UTF-8), about a microsecond of each of the few hundred a check reads."""
    text = line.decode()
    value, end = _RAW_DECODE(text, 0)
    if end != len(text):
        raise ValueError("not one JSON value")
    return value


class _LazyRules(dict[int, Rule]):
    """The grammar's rules by memo key, each read from its JSON text when first looked up."""

    def __init__(self, texts: dict[int, bytes]) -> None:
        super().__init__()
        self._texts = texts

    def __missing__(self, key: int) -> Rule:
        rule = self[key] = _compact_rule(_decoded(self._texts[key]))
        return rule


class _LazyTable(dict[int, dict[str, tuple[Any, Any]]]):
    """The LALR parse table, each state's row read from its JSON text when the parser first
    reaches the state (a document meets a few dozen of the reference grammar's 960 states).

    Looking a state up is a plain dict lookup once its row is made; iterating or measuring the
    table makes every row first, so it reads as the whole table.
    """

    def __init__(self, rows: dict[int, bytes], tokens: dict[int, str], rules: _LazyRules) -> None:
        super().__init__()
        self._rows = rows
        self._tokens = tokens
        self._rules = rules

    def __missing__(self, state: int) -> dict[str, tuple[Any, Any]]:
        flat = _decoded(self._rows[state])
        tokens, rules = self._tokens, self._rules
        row = {}
        for index in range(0, len(flat), 3):
            action, argument = flat[index + 1], flat[index + 2]
            row[tokens[flat[index]]] = (Reduce, rules[argument]) if action else (Shift, argument)
        self[state] = row
        return row

    def _complete(self) -> None:
        for state in self._rows:
            if not super().__contains__(state):
                self.__missing__(state)

    def __contains__(self, state: object) -> bool:
        return state in self._rows

    def __iter__(self) -> Iterator[int]:
        self._complete()
        return super().__iter__()

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, state: int, default: Any = None) -> Any:
        return self[state] if state in self._rows else default

    def keys(self) -> Any:
        self._complete()
        return super().keys()

    def values(self) -> Any:
        self._complete()
        return super().values()

    def items(self) -> Any:
        self._complete()
        return super().items()


def _fast_load(serialised: dict[str, Any]) -> Lark:
    """``Lark.load`` of a cached LALR parser with a contextual lexer, lazily (see above)."""
    # Rules (see ``_compact_rules``) are read when first used; terminals are made at once.
    memo: dict[int, Any] = {entry[0]: _compact_terminal(entry) for entry in serialised["terminals"]}
    rules = _LazyRules(serialised["rules"])
    data = serialised["data"]
    # Lark's loader would build every rule (its rule list and the parser's configuration name
    # them all) and every row of the table (its contextual lexer reads each state's terminals);
    # the file gives it none of them, and the lazy ones are put in place once it is done.
    rule_keys = serialised["rule_keys"]
    if data["rules"] or data["parser"]["parser_conf"]["rules"]:
        raise ValueError("not a cached parser")
    table = data["parser"]["parser"]
    rows = serialised["rows"]
    loaded = _LoadedLark.__new__(_LoadedLark)
    # Lark's loader takes objects already built where it expects their serialisation.
    loaded._load({"data": data, "memo": memo}, _plugins=_LOADING_PLUGINS)
    states = _LazyTable(rows, table["tokens"], rules)
    loaded.parser.parser._parse_table.states = states
    loaded.parser.lexer.lexers._accepts = states
    loaded._rule_memo, loaded._rule_keys = rules, rule_keys
    return loaded


def _compact_terminal(entry: list[Any]) -> TerminalDef:
    """What Lark's ``TerminalDef.deserialize`` makes of a terminal, from its compact form
    ``[memo key, name, priority, pattern type, value, flags, raw, width]`` (see
    ``_compact_terminals``): the same classes, with the same attributes."""
    _key, name, priority, kind, value, flags, raw, width = entry
    pattern: PatternRE | PatternStr
    if kind == "PatternRE":
        pattern = PatternRE.__new__(PatternRE)
    elif kind == "PatternStr":
        pattern = PatternStr.__new__(PatternStr)
    else:
        raise ValueError("a terminal of another form")
    pattern.value, pattern.flags, pattern.raw = value, flags, raw
    if isinstance(pattern, PatternRE):
        pattern._width = width
    terminal = TerminalDef.__new__(TerminalDef)
    terminal.name, terminal.pattern, terminal.priority = name, pattern, priority
    return terminal


def _compact_terminals(memo: dict[int, Any]) -> list[list[Any]]:
    """The memo's terminals (Lark's serialisation, as JSON) as ``_compact_terminal`` reads
    them; raises ``ValueError`` for a field that form would not give back."""
    compact = []
    for key, value in memo.items():
        pattern = value["pattern"]
        kind = pattern["__type__"]
        fields = {"name", "pattern", "priority", "__type__"}
        pattern_fields = {"value", "flags", "raw", "__type__"} | (
            {"_width"} if kind == "PatternRE" else set()
        )
        if (
            value["__type__"] != "TerminalDef"
            or set(value) != fields
            or kind not in ("PatternRE", "PatternStr")
            or set(pattern) != pattern_fields
        ):
            raise ValueError("a terminal of another form")
        compact.append(
            [
                key,
                value["name"],
                value["priority"],
                kind,
                pattern["value"],
                pattern["flags"],
                pattern["raw"],
                pattern.get("_width"),
            ]
        )
    return compact


def _compact_rule(value: list[Any]) -> Rule:
    """A ``Rule`` from its compact form (see ``_compact_rules``)."""
    origin, symbols, order, alias, keep_all, expand1, priority, template, empty = value
    expansion = [
        Terminal(name, filter_out) if is_terminal else NonTerminal(name)
        for name, is_terminal, filter_out in symbols
    ]
    options = RuleOptions(keep_all, expand1, priority, template, tuple(empty))
    return Rule(NonTerminal(origin), expansion, order, alias, options)


def _save(folder: _CacheFolder, name: str, built: Lark, codes: list[list[Any]]) -> None:
    import json

    try:
        data, memo = built.memo_serialize([TerminalDef, Rule])
        compact = _compact_rules(memo)
        rules = {key: text for key, text in compact.items() if isinstance(text, str)}
        header_data = _to_json(data)
        header_data["rules"] = []
        header_data["parser"]["parser_conf"]["rules"] = []
        header_data["parser"]["parser"]["states"] = []
        rows = _compact_table(data["parser"]["parser"]["states"])
        flags = built.options.g_regex_flags
        if any(entry[1] != flags for entry in codes):  # pragma: no cover - the grammar's flags
            return
        # Each terminal's regex code on a line of its own (``_StoredLine``), named by a terminal
        # of that regex.
        names = {terminal.pattern.to_regexp(): terminal.name for terminal in built.terminals}
        regexes = [[names[entry[0]], entry[6]] for entry in codes]
        code_lines = [json.dumps(entry[2:6], separators=(",", ":")) for entry in codes]
        rule_keys = [reference["@"] for reference in _to_json(data["rules"])]
        lines = [
            line.encode()
            for line in (
                *rules.values(),
                *(row for _, row in rows),
                *code_lines,
                json.dumps(rule_keys, separators=(",", ":")),
            )
        ]
        header: dict[str, Any] = {
            "data": header_data,
            "terminals": _to_json(
                _compact_terminals({k: v for k, v in memo.items() if k not in rules})
            ),
            "rule_lines": _key_runs(list(rules)),
            "row_lines": _key_runs([state for state, _ in rows]),
            "regexes": regexes,
            "offsets": _offsets(lines),
            "length": 0,
        }
        if any(b"\n" in line for line in lines):  # pragma: no cover - json.dumps escapes them
            return
        body = b"".join(b"\n" + line for line in lines)
        # What the JSON of format 6 read back as (tuples, dicts with keys other than strings),
        # with no lark ``Token`` (a ``str`` of its own class, which ``marshal`` refuses).
        header = json.loads(json.dumps(header), object_hook=_from_json)
        # The header states the file's length, its own digits included.
        for _ in range(3):
            head = _write_header(header)
            if header["length"] == len(head) + len(body):
                break
            header["length"] = len(head) + len(body)
        else:  # pragma: no cover - the length settles at the second try
            return
    except Exception:  # a parser that cannot be written as JSON is simply not cached
        return
    folder.write(name, head + body)


# Lark's serialisation spells out every rule's symbols and every table entry as JSON objects;
# the reference grammar's came to 600 KB, and reading them took longer than building the parser
# from them. Rules and the table are written as lists instead (the rest is Lark's own form).


def _compact_rules(memo: dict[int, Any]) -> dict[int, Any]:
    """The memo with each rule as ``[origin, [[symbol, is_terminal, filter_out], ...], order,
    alias, keep_all_tokens, expand1, priority, template_source, empty_indices]``."""
    import json

    compact: dict[int, Any] = {}
    for key, value in memo.items():
        if isinstance(value, dict) and value.get("__type__") == "Rule":
            options = value["options"]
            symbols = [
                [str(symbol["name"]), symbol["__type__"] == "Terminal", symbol.get("filter_out")]
                for symbol in value["expansion"]
            ]
            rule = [
                str(value["origin"]["name"]),
                symbols,
                value["order"],
                value["alias"],
                options["keep_all_tokens"],
                options["expand1"],
                options["priority"],
                options["template_source"],
                list(options["empty_indices"]),
            ]
            compact[key] = json.dumps(rule, separators=(",", ":"))
        else:
            compact[key] = value
    return compact


def _compact_table(states: dict[int, dict[int, tuple[int, Any]]]) -> list[Any]:
    """``[[state, "[token, action, argument, ...]"], ...]``: the argument of a reduction is its
    rule's memo key; each row is JSON text of its own, read when the parser reaches the state."""
    import json

    return [
        [
            state,
            json.dumps(
                [
                    item
                    for token, (action, argument) in actions.items()
                    for item in (token, action, argument["@"] if action == 1 else argument)
                ],
                separators=(",", ":"),
            ),
        ]
        for state, actions in states.items()
    ]


def _to_json(value: Any) -> Any:
    """Lark's serialisation as JSON. A tuple becomes ``{"\\u0000t": [...]}`` and a dict with
    keys other than strings ``{"\\u0000d": [[key, value], ...]}``, so that loading gives back
    exactly what was saved."""
    if isinstance(value, dict):
        if all(type(key) is str and not key.startswith("\x00") for key in value):
            return {key: _to_json(item) for key, item in value.items()}
        return {_DICT: [[_to_json(k), _to_json(v)] for k, v in value.items()]}
    if isinstance(value, tuple):
        return {_TUPLE: [_to_json(item) for item in value]}
    if isinstance(value, list):
        return [_to_json(item) for item in value]
    if isinstance(value, str):
        return str(value)  # a lark Token is a str; its name is all the parse table keeps
    if value is None or isinstance(value, (bool, int, float)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _from_json(value: dict[str, Any]) -> Any:
    if len(value) == 1:
        if _TUPLE in value:
            return tuple(value[_TUPLE])
        if _DICT in value:
            return dict(value[_DICT])
    return value


@cache
def _grammars_digest() -> str:
    """Digest of every grammar file and the versions that shape a built parser."""
    digest = hashlib.sha256()
    # The regex engine's version: the cache keeps compiled regex code (see ``_regex_code``).
    engine = getattr(getattr(re, "_constants", None), "MAGIC", None)
    version = f"lark {lark.__version__} python {sys.version_info} re {engine}"
    digest.update(f"{version} cache format {_CACHE_FORMAT}".encode())
    digest.update(f" first characters {_FIRST_CHARS_READING}".encode())
    folder = _grammar_folder()
    # ``Path.glob("*.lark")`` in name order, as before: the same digest, the same cache files.
    for name in sorted(entry for entry in os.listdir(folder) if entry.endswith(".lark")):
        with open(os.path.join(folder, name), "rb") as stream:
            digest.update(name.encode() + b"\0" + stream.read() + b"\0")
    return digest.hexdigest()


def parse_full(name: str, text: str, start: str = "start") -> Tree[Token]:
    """Parse all of ``text``; raise ``GrammarError`` (never a Lark exception) if it is not valid."""
    return parse_whole(parser(name, start), name, text, start)


@cache
def multi_start_parser(name: str, starts: tuple[str, ...]) -> Lark:
    """One LALR parser for several start rules of ``grammars/<name>.lark``, built once per process.

    Loading a grammar file costs far more than its LALR tables; a grammar tried under many start
    rules (one per style) loads once this way instead of once per rule.
    """
    return _load_or_build(name, starts)


@cache
def terminal_pattern(name: str, starts: tuple[str, ...], terminal: str) -> re.Pattern[str]:
    """``terminal`` of ``grammars/<name>.lark`` as a regex, to read one token where no parse runs.

    The grammar stays the one definition of the token; ``starts`` names the parser to take it
    from (the one already built for that grammar).
    """
    pattern = multi_start_parser(name, starts).get_terminal(terminal).pattern.to_regexp()
    # The lexers' own compiled terminal (from its code in the parser cache), flags as before.
    return _terminal_regex(pattern, 0, re)


def parse_full_start(name: str, starts: tuple[str, ...], text: str, start: str) -> Tree[Token]:
    """``parse_full`` for rule ``start`` of the ``multi_start_parser(name, starts)``."""
    return parse_whole(multi_start_parser(name, starts), name, text, start)


def parse_full_start_or_refusal(
    name: str, starts: tuple[str, ...], text: str, start: str
) -> Tree[Token] | Refusal:
    """``parse_full_start``, with a refusal returned (``provenance.lalr.Refusal``: what its
    ``GrammarError`` would hold), not raised."""
    return parse_whole_or_refusal(multi_start_parser(name, starts), text, start)


def parse_prefix(
    name: str, text: str, start: str = "start", pos: int = 0, endpos: int | None = None
) -> tuple[Tree[Token], int] | None:
    """The longest prefix of ``text[pos:endpos]`` that the grammar accepts, with its end offset.

    Finding a construct inside prose needs the grammar to say where the construct ends: the
    LALR parser is fed one token at a time, and after each token its stack of states is asked
    whether it would accept the end of input (``provenance.lalr.longest_prefix``). Lexing stops
    at the first character no expected terminal matches, so the cost is proportional to the
    construct, not to the text after it. Returns ``None`` when no prefix parses. Offsets in the
    tree's tokens are relative to ``pos``.

    ``text[pos:endpos]`` is copied: keep the range short (see ``parse_prefix_in``).
    """
    window = text[pos:endpos] if (pos or endpos is not None) else text
    # Most candidates a cheap scan finds are not the construct, and most of those fail on their
    # first character: the parse stops there, having made no parser object and no error.
    return longest_prefix(parser(name, start), start, window, 0, len(window))


def parse_prefix_words(
    name: str, words: Sequence[str], start: str = "start"
) -> tuple[Tree[Token], int] | None:
    """``parse_prefix(name, " ".join(words), start)``, without lexing the words when the
    grammar's terminals are each one word standing for itself (``NAME: /NAME\\b/``, spaces
    ignored), as the statements' grammar of word classes is: each word is then the token of the
    terminal it names, or, naming none, a word no terminal matches. Any other grammar, or a
    word that is not one word, is lexed as ``parse_prefix`` lexes it."""
    built = parser(name, start)
    names = _word_terminals(built)
    if names is None or not all(_ONE_WORD.fullmatch(word) for word in words):
        return parse_prefix(name, " ".join(words), start)
    cut = next((i for i, word in enumerate(words) if word not in names), len(words))
    return longest_prefix_of_words(built, start, words[:cut])


_ONE_WORD = lazy_compile(r"\w+")


def _word_terminals(built: Lark) -> frozenset[str] | None:
    """The names of ``built``'s terminals when each is one word that matches itself alone
    (``/NAME\\b/``, no flags) and what is ignored is a space; None otherwise."""
    known = getattr(built, "_provenance_word_terminals", False)
    if known is not False:
        return cast("frozenset[str] | None", known)
    ignored = set(built.lexer_conf.ignore)
    names: frozenset[str] | None = frozenset(
        terminal.name for terminal in built.terminals if terminal.name not in ignored
    )
    for terminal in built.terminals:
        pattern = terminal.pattern
        if terminal.name in ignored:
            fits = isinstance(pattern, PatternStr) and pattern.value == " " and not pattern.flags
        else:
            fits = (
                isinstance(pattern, PatternRE)
                and not pattern.flags
                and _ONE_WORD.fullmatch(terminal.name) is not None
                and pattern.value == terminal.name + "\\b"
            )
        if not fits:
            names = None
            break
    if built.options.g_regex_flags or built.options.lexer_callbacks or built.options.postlex:
        names = None
    built._provenance_word_terminals = names  # type: ignore[attr-defined]
    return names


def parse_prefix_in(
    name: str, text: str, start: str = "start", pos: int = 0, endpos: int | None = None
) -> tuple[Tree[Token], int] | None:
    """``parse_prefix`` without copying the range: offsets are absolute offsets in ``text``.

    For constructs with no useful length cap: the lexer reads ``text`` in place from ``pos``,
    so the cost stays proportional to the construct even when the range runs to the end of a
    long text. Regex lookaheads see up to ``endpos``, as they would in a copy.
    """
    length = len(text)
    endpos = length if endpos is None else max(0, min(endpos, length))
    pos = max(0, min(pos, endpos))
    # Lark would count the lines before ``pos`` (a scan of the whole prefix) to report line
    # numbers, which nothing here reads: the counter starts at ``pos`` instead.
    return longest_prefix(parser(name, start), start, text, pos, endpos)


_LeafT = TypeVar("_LeafT")
_ReturnT = TypeVar("_ReturnT")
#: What ``getattr`` gives for a name no method of a transformer has.
_NO_METHOD: Any = object()


class ListTransformer(Transformer[_LeafT, _ReturnT]):
    """A ``Transformer`` that gathers a tree's transformed children in a list, not through a
    generator made for every node (Lark's ``_transform_children``): the same children, in the
    same order, each method called at the same point."""

    def _transform_tree(self, tree: Tree[_LeafT]) -> Any:
        children: list[Any] = []
        visit_tokens = self.__visit_tokens__
        for child in tree.children:
            if isinstance(child, Tree):
                result = self._transform_tree(child)
            elif visit_tokens and isinstance(child, Token):
                result = self._call_userfunc_token(child)  # type: ignore[no-untyped-call]
            else:
                result = child
            if result is not Discard:
                children.append(result)
        return self._call_userfunc(tree, children)  # type: ignore[no-untyped-call]


class ReusedTransformer(ListTransformer[_LeafT, _ReturnT]):
    """A ``Transformer`` made once and used for every tree: its method for each rule and
    terminal name is looked up once, not at every node.

    Lark looks the method up with ``getattr`` on the instance at every node, which for a class
    under ``v_args`` makes a new wrapper each time (``functools.update_wrapper`` included), and
    for every token no method takes raises and catches ``AttributeError``: about a tenth of a
    pass over the generated reports of ``benchmarks/run.py``. A transformer's methods do not
    change once it is made, so the answer is the same each time; what is done with it is
    Lark's ``_call_userfunc`` and ``_call_userfunc_token``, step for step. Only for instances
    kept for the process: each holds its bound methods, a cycle through itself.
    """

    def __init__(self, visit_tokens: bool = True) -> None:
        super().__init__(visit_tokens)
        self._reused_methods: dict[str, tuple[Any, Any]] = {}

    def _reused_method(self, name: str) -> tuple[Any, Any]:
        """``(method, its visit_wrapper or None)``, or ``(_NO_METHOD, None)``."""
        known = self._reused_methods.get(name)
        if known is None:
            method = getattr(self, name, _NO_METHOD)
            known = self._reused_methods[name] = (
                method,
                None if method is _NO_METHOD else getattr(method, "visit_wrapper", None),
            )
        return known

    def _call_userfunc(self, tree: Tree[_LeafT], new_children: list[Any] | None = None) -> Any:
        children = new_children if new_children is not None else tree.children
        method, wrapper = self._reused_method(tree.data)
        if method is _NO_METHOD:
            return self.__default__(tree.data, children, tree.meta)  # type: ignore[no-untyped-call]
        try:
            if wrapper is not None:
                return wrapper(method, tree.data, children, tree.meta)
            return method(children)
        except LarkGrammarError:
            raise
        except Exception as error:
            # Chained as Lark chains it (its context, no cause).
            raise VisitError(tree.data, tree, error)  # type: ignore[no-untyped-call]  # noqa: B904

    def _call_userfunc_token(self, token: Token) -> Any:
        method, _wrapper = self._reused_method(token.type)
        if method is _NO_METHOD:
            return self.__default_token__(token)  # type: ignore[no-untyped-call]
        try:
            return method(token)
        except LarkGrammarError:
            raise
        except Exception as error:
            raise VisitError(token.type, token, error)  # type: ignore[no-untyped-call]  # noqa: B904


_SPACE = lazy_compile(r"\s")


def iter_prefix_parses(
    name: str,
    text: str,
    positions: Iterable[int],
    end: int,
    window: int,
    transformer: Transformer[Token, Any],
    start: str = "start",
) -> Iterator[tuple[int, int, Any]]:
    """``(start, end, value)`` of each construct found in prose at ``positions`` (in order, where
    a cheap scan says one may start), none overlapping: the longest prefix the grammar accepts
    within ``window`` characters (stretched to the next space, so a word is never cut),
    transformed into its value. Positions inside a construct already found are skipped."""
    taken = 0
    for position in positions:
        if position < taken:
            continue
        stop = min(end, position + window)
        if stop < end:
            space = _SPACE.search(text, stop, min(end, stop + window))
            if space:
                stop = space.start()
        found = parse_prefix(name, text, start, position, stop)
        if found is None:
            continue
        tree, size = found
        try:
            value = transformer.transform(tree)
        except VisitError:  # pragma: no cover - the transformers accept every tree
            continue
        taken = position + size
        yield position, taken, value


def token_text(node: Any) -> str:
    """Text of a token, or of all tokens under a tree, joined as they stood (single spaces)."""
    if isinstance(node, Token):
        return str(node)
    tokens = node.scan_values(lambda value: isinstance(value, Token))
    return " ".join(str(token) for token in tokens)

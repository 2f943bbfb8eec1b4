"""Finds the ``.lark`` grammars and builds each parser once per process.

The grammars ship inside the wheel as ``provenance/grammars``; in a source checkout (or an editable
install) they are read from the top-level ``grammars/`` folder.

Building the LALR tables of every grammar takes about half a second, which a pre-commit hook would
pay on every run, so built parsers are kept in a per-user cache: ``$XDG_CACHE_HOME/provenance``
(else ``~/.cache/provenance``). The cache never holds a pickle (which runs code when loaded, and
is what ``Lark.save`` writes): a file is the JSON of Lark's own serialisation of the parser
(``memo_serialize``, loaded back with ``Lark.load``), which can only describe a parser. Nor does
the cache trust a path: the folder is opened once, without following a symlink, and checked on
its descriptor (owned by the current user, writable by no one else); every file is then opened
relative to that descriptor, without following symlinks, and used only if it is a regular file
the user owns and no one else can write. Whoever can write the folder's parent can rename it
away, but cannot make this process read anything but the folder it checked. Each file is named
by a digest of every grammar file, the start rules, the Lark and Python versions, so an edited
grammar can never load a stale parser, and is written to a new temporary file (``O_EXCL``) and
renamed into place, so a concurrent process never reads half a file. ``PROVENANCE_NO_CACHE=1``
turns the cache off; so does a platform without ``dir_fd`` support.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import stat
import sys
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import lark
from lark import Lark, Token, Transformer, Tree
from lark.exceptions import (
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
    VisitError,
)
from lark.grammar import Rule
from lark.lexer import LexerState, LineCounter, TerminalDef
from lark.parsers.lalr_interactive_parser import InteractiveParser
from lark.utils import TextSlice

from provenance.errors import GrammarError

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def grammar_dir() -> Path:
    """The folder holding the ``.lark`` files: installed package data first, else the checkout."""
    for candidate in (_PACKAGE_DIR / "grammars", _PACKAGE_DIR.parent.parent / "grammars"):
        if (candidate / "common.lark").is_file():
            return candidate
    raise FileNotFoundError(
        "provenance grammars not found: expected provenance/grammars/*.lark in the installed "
        "package or grammars/*.lark in the source checkout"
    )


def grammar_path(name: str) -> Path:
    """Path of ``grammars/<name>.lark``."""
    return grammar_dir() / f"{name}.lark"


@cache
def parser(name: str, start: str = "start") -> Lark:
    """The LALR parser of ``grammars/<name>.lark`` for rule ``start``, built once per process."""
    return _load_or_build(name, (start,))


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
        str(grammar_path(name)),
        parser="lalr",
        lexer="contextual",
        start=list(starts) if len(starts) > 1 else starts[0],
        maybe_placeholders=False,
    )
    if folder is not None and cached is not None:
        _save(folder, cached, built)
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
    return built


@cache
def grammar_parser(name: str, starts: tuple[str, ...] = ("start",)) -> Lark:
    """A parser built from the grammar file, never from the cache, so that it keeps its
    ``grammar`` (which tools such as Hypothesis's ``from_lark`` read). For tests and tools."""
    return Lark.open(
        str(grammar_path(name)),
        parser="lalr",
        lexer="contextual",
        start=list(starts),
        maybe_placeholders=False,
    )


# ------------------------------------------------------------------------- the parser cache

#: A cache file larger than this is not read (the largest parser takes about 200 KB).
_MAX_CACHE_BYTES = 16 * 1024 * 1024
#: The keys of the JSON objects that stand for a tuple, and a dict with keys other than strings.
_TUPLE = "\x00t"
_DICT = "\x00d"


class _CacheFolder:
    """The parser cache folder, held open: files are opened relative to it, never by path."""

    def __init__(self, descriptor: int) -> None:
        self.descriptor = descriptor

    def read(self, name: str) -> bytes | None:
        """The bytes of ``name``, or None unless it is a private regular file of this user."""
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
        try:
            descriptor = os.open(name, flags, dir_fd=self.descriptor)
        except OSError:
            return None
        with open(descriptor, "rb", closefd=True) as stream:
            status = os.fstat(descriptor)
            if not (stat.S_ISREG(status.st_mode) and _private(status)):
                return None
            if status.st_size > _MAX_CACHE_BYTES:
                return None
            return stream.read(_MAX_CACHE_BYTES + 1)

    def write(self, name: str, data: bytes) -> None:
        """Write ``name`` atomically: a new private file, renamed over the old one."""
        temporary = f".tmp-{secrets.token_hex(8)}-{name}"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        try:
            descriptor = os.open(temporary, flags, 0o600, dir_fd=self.descriptor)
        except OSError:
            return
        try:
            with open(descriptor, "wb", closefd=True) as stream:
                stream.write(data)
            os.replace(temporary, name, src_dir_fd=self.descriptor, dst_dir_fd=self.descriptor)
        except OSError:  # caching is an optimisation: failing to cache is not an error
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=self.descriptor)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.descriptor)


def _private(status: os.stat_result) -> bool:
    """Owned by this process's user, and no one else may write to it."""
    return status.st_uid == os.geteuid() and not status.st_mode & 0o022


def _secure_open_supported() -> bool:
    return (
        hasattr(os, "O_NOFOLLOW")
        and hasattr(os, "O_DIRECTORY")
        and hasattr(os, "geteuid")
        # os.replace takes the same dir_fd arguments as os.rename, which is the one listed.
        and {os.open, os.mkdir, os.rename, os.unlink} <= os.supports_dir_fd
        and os.stat in os.supports_fd
    )


@cache
def _cache_folder() -> _CacheFolder | None:
    """The per-user parser cache folder, or None when it is off or not private to this user."""
    if os.environ.get("PROVENANCE_NO_CACHE") or not _secure_open_supported():
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    try:
        os.makedirs(base, mode=0o700, exist_ok=True)
        parent = os.open(base, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        with contextlib.suppress(FileExistsError):
            os.mkdir("provenance", 0o700, dir_fd=parent)
        # O_NOFOLLOW: a symlink in place of the folder is refused, not followed.
        flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
        descriptor = os.open("provenance", flags, dir_fd=parent)
    except OSError:
        return None
    finally:
        os.close(parent)
    folder = _CacheFolder(descriptor)
    try:
        status = os.fstat(descriptor)
    except OSError:
        folder.close()
        return None
    if not (stat.S_ISDIR(status.st_mode) and _private(status)):
        folder.close()
        return None
    return folder


def _load(folder: _CacheFolder, name: str) -> Lark | None:
    """The parser cached as ``name``, or None when there is none or it cannot be read."""
    data = folder.read(name)
    if data is None:
        return None
    try:
        serialised = json.loads(data, object_hook=_from_json)
        return Lark.load(serialised)  # Lark.load takes the dict Lark.save would pickle
    except Exception:  # a damaged or foreign cache file is rebuilt, never fatal
        return None


def _save(folder: _CacheFolder, name: str, built: Lark) -> None:
    try:
        data, memo = built.memo_serialize([TerminalDef, Rule])
        text = json.dumps({"data": _to_json(data), "memo": _to_json(memo)}, separators=(",", ":"))
    except Exception:  # a parser that cannot be written as JSON is simply not cached
        return
    folder.write(name, text.encode())


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
    digest.update(f"lark {lark.__version__} python {sys.version_info[:2]}".encode())
    for path in sorted(grammar_dir().glob("*.lark")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def parse_full(name: str, text: str, start: str = "start") -> Tree[Token]:
    """Parse all of ``text``; raise ``GrammarError`` (never a Lark exception) if it is not valid."""
    try:
        return parser(name, start).parse(text)
    except UnexpectedInput as error:
        raise _grammar_error(name, text, error) from None


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
    return re.compile(multi_start_parser(name, starts).get_terminal(terminal).pattern.to_regexp())


def parse_full_start(name: str, starts: tuple[str, ...], text: str, start: str) -> Tree[Token]:
    """``parse_full`` for rule ``start`` of the ``multi_start_parser(name, starts)``."""
    try:
        return multi_start_parser(name, starts).parse(text, start=start)
    except UnexpectedInput as error:
        raise _grammar_error(name, text, error) from None


def parse_prefix(
    name: str, text: str, start: str = "start", pos: int = 0, endpos: int | None = None
) -> tuple[Tree[Token], int] | None:
    """The longest prefix of ``text[pos:endpos]`` that the grammar accepts, with its end offset.

    Finding a construct inside prose needs the grammar to say where the construct ends: the
    interactive LALR parser is fed one token at a time, and after each token a copy is asked to
    accept the end of input. Lexing stops at the first character no expected terminal matches, so
    the cost is proportional to the construct, not to the text after it. Returns ``None`` when no
    prefix parses. Offsets in the tree's tokens are relative to ``pos``.

    ``text[pos:endpos]`` is copied: keep the range short (see ``parse_prefix_in``).
    """
    window = text[pos:endpos] if (pos or endpos is not None) else text
    return _longest_prefix(parser(name, start).parse_interactive(window))


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
    interactive = parser(name, start).parse_interactive("")
    # Lark would count the lines before ``pos`` (a scan of the whole prefix) to report line
    # numbers, which nothing here reads: start the counter at ``pos`` instead.
    counter = LineCounter("\n")  # type: ignore[no-untyped-call]
    counter.char_pos = pos
    interactive.lexer_thread.state = LexerState(TextSlice(text, pos, endpos), counter)
    return _longest_prefix(interactive)


_SPACE = re.compile(r"\s")


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


def _longest_prefix(interactive: InteractiveParser) -> tuple[Tree[Token], int] | None:
    best: tuple[Tree[Token], int] | None = None
    state = interactive.parser_state
    states = state.parse_conf.states
    try:
        for token in interactive.lexer_thread.lex(state):  # type: ignore[no-untyped-call]
            interactive.feed_token(token)
            if "$END" not in states[state.position]:
                # No action on end of input here, so feed_eof would fail: skip the costly copy.
                continue
            try:
                # A deep copy: Lark's tree builder extends a left-recursive child's list in
                # place, so reducing on a shallow copy would corrupt the trees on the stack.
                tree = interactive.copy().feed_eof(token)  # type: ignore[no-untyped-call]
            except UnexpectedInput:
                continue
            assert token.end_pos is not None
            best = (tree, token.end_pos)
    except UnexpectedInput:
        pass
    return best


def _grammar_error(name: str, text: str, error: UnexpectedInput) -> GrammarError:
    expected: frozenset[str] = frozenset()
    if isinstance(error, (UnexpectedToken, UnexpectedCharacters)):
        # Lark's contextual lexer reports a character no expected terminal matches with the
        # terminals it expected as ``allowed``, a token the parser did not expect as ``expected``.
        expected = frozenset(
            getattr(error, "expected", None) or getattr(error, "allowed", None) or ()
        )
    position = error.pos_in_stream if getattr(error, "pos_in_stream", None) is not None else 0
    if isinstance(error, UnexpectedEOF):
        position = len(text)
    return GrammarError(name, text, int(position or 0), expected)


def token_text(node: Any) -> str:
    """Text of a token, or of all tokens under a tree, joined as they stood (single spaces)."""
    if isinstance(node, Token):
        return str(node)
    tokens = node.scan_values(lambda value: isinstance(value, Token))
    return " ".join(str(token) for token in tokens)

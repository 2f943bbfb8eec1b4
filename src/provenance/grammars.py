"""Finds the ``.lark`` grammars and builds each parser once per process.

The grammars ship inside the wheel as ``provenance/grammars``; in a source checkout (or an editable
install) they are read from the top-level ``grammars/`` folder. No parser cache is written or read:
building the LALR tables takes milliseconds, and a cache in a shared temporary folder would be a
pickle anyone could plant.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

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
    return Lark.open(
        str(grammar_path(name)),
        parser="lalr",
        lexer="contextual",
        start=start,
        maybe_placeholders=False,
    )


def parse_full(name: str, text: str, start: str = "start") -> Tree[Token]:
    """Parse all of ``text``; raise ``GrammarError`` (never a Lark exception) when it is not valid."""
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
    return Lark.open(
        str(grammar_path(name)),
        parser="lalr",
        lexer="contextual",
        start=list(starts),
        maybe_placeholders=False,
    )


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
    """
    window = text[pos:endpos] if (pos or endpos is not None) else text
    interactive = parser(name, start).parse_interactive(window)
    best: tuple[Tree[Token], int] | None = None
    state = interactive.parser_state
    states = state.parse_conf.states
    try:
        for token in interactive.lexer_thread.lex(state):
            interactive.feed_token(token)
            if "$END" not in states[state.position]:
                # No action on end of input here, so feed_eof would fail: skip the costly copy.
                continue
            try:
                tree = interactive.copy().feed_eof(token)
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
        expected = frozenset(error.expected or ()) if hasattr(error, "expected") else frozenset()
    position = error.pos_in_stream if getattr(error, "pos_in_stream", None) is not None else 0
    if isinstance(error, UnexpectedEOF):
        position = len(text)
    return GrammarError(name, text, int(position or 0), expected)


def token_text(node: Any) -> str:
    """Text of a token, or of all tokens under a tree, joined as they stood (single spaces)."""
    if isinstance(node, Token):
        return str(node)
    return " ".join(str(token) for token in node.scan_values(lambda value: isinstance(value, Token)))

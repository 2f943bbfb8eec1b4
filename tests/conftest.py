"""Shared test helpers: the seed reports, parsed and checked once per session."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from lark import Lark, Token, Tree
from lark import logger as lark_logger
from lark.exceptions import UnexpectedInput
from lark.parsers.lalr_interactive_parser import InteractiveParser

import provenance
from provenance.errors import release
from provenance.findings import FileResult, Finding
from provenance.grammars import grammar_path
from provenance.lalr import accepts_end
from provenance.model import Document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SCHEMAS = Path(__file__).resolve().parent / "schemas"

# Property tests explore new random inputs on every local run; the "ci" profile replays a fixed
# sequence, so a clean checkout passes or fails reproducibly (HYPOTHESIS_PROFILE=ci). Neither has
# Hypothesis's per-example deadline: it is a timed assertion, and the first example of a test
# builds a parser the cache does not hold yet (after a grammar change, on a clean machine), which
# on a loaded machine took longer than the deadline and failed as "flaky" on the replay.
settings.register_profile("default", deadline=None)
settings.register_profile("ci", derandomize=True, print_blob=True, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def seed_results() -> list[tuple[Document, list[Finding]]]:
    results = []
    for path in sorted(SEEDS.glob("*.txt")):
        document = provenance.parse_file(path)
        results.append((document, provenance.check(document)))
    return results


@pytest.fixture(scope="session")
def seed_file_results(seed_results: list[tuple[Document, list[Finding]]]) -> list[FileResult]:
    return [
        FileResult(str(Path(d.path or "").relative_to(ROOT)), tuple(f)) for d, f in seed_results
    ]


@pytest.fixture(scope="session")
def schemas() -> Path:
    """Folder of the official schemas the output is validated against (see its README)."""
    return SCHEMAS


def _lark_longest_prefix(interactive: InteractiveParser) -> tuple[Tree[Token], int] | None:
    """``grammars.parse_prefix`` done with Lark's interactive parser, token by token: what
    ``provenance.lalr.longest_prefix`` does in one loop, the reference the tests compare it with."""
    state = interactive.parser_state
    conf = state.parse_conf
    # The parser as it stood before the first token: the longest accepted prefix is fed to it
    # once at the end. Asking a deep copy of the running parser to accept the end of input after
    # every token that may end the construct made the search quadratic in the construct's tokens
    # (the copy holds every tree built so far); whether the end is accepted is a question of the
    # state stack alone.
    fresh = state.copy()
    tokens: list[Token] = []
    accepted = 0
    try:
        for token in interactive.lexer_thread.lex(state):  # type: ignore[no-untyped-call]
            interactive.feed_token(token)
            tokens.append(token)
            if accepts_end(conf.states, conf.end_state, state.state_stack):
                accepted = len(tokens)
    except UnexpectedInput as error:
        release(error)
    if not accepted:
        return None
    for token in tokens[:accepted]:
        fresh.feed_token(token)
    last = tokens[accepted - 1]
    tree = fresh.feed_token(Token.new_borrow_pos("$END", "", last), True)
    assert last.end_pos is not None
    return tree, last.end_pos


@pytest.fixture(scope="session")
def lark_longest_prefix() -> Callable[[InteractiveParser], tuple[Tree[Token], int] | None]:
    """The longest prefix Lark's own interactive parser accepts (session-scoped, so that
    property tests may take it)."""
    return _lark_longest_prefix


def _lalr_conflicts(grammar: str, start: str | list[str]) -> list[str]:
    """What Lark logs about LALR conflicts while building ``grammars/<grammar>.lark`` for
    ``start`` as the project builds it: it resolves shift/reduce conflicts silently as shift,
    and says so only in debug mode."""
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    handler = Collect()
    level = lark_logger.level
    lark_logger.addHandler(handler)
    lark_logger.setLevel(logging.DEBUG)
    try:
        Lark.open(
            str(grammar_path(grammar)),
            parser="lalr",
            lexer="contextual",
            start=start,
            maybe_placeholders=False,
            debug=True,
        )
    finally:
        lark_logger.removeHandler(handler)
        lark_logger.setLevel(level)
    return [message for message in records if "conflict" in message.lower()]


@pytest.fixture(scope="session")
def lalr_conflicts() -> Callable[[str, str | list[str]], list[str]]:
    """The conflict messages of a grammar built for some start rules (see ``_lalr_conflicts``)."""
    return _lalr_conflicts


class _CountingText(str):
    """A text that counts the characters read from it, by index, slice or search."""

    read = 0

    def __getitem__(self, key):  # type: ignore[no-untyped-def, override]
        found = str.__getitem__(self, key)
        self.read += len(found)
        return found

    def rfind(self, sub, start=None, end=None):  # type: ignore[no-untyped-def, override]
        self.read += (len(self) if end is None else end) - (start or 0)
        return str.rfind(self, sub, start, end)

    def find(self, sub, start=None, end=None):  # type: ignore[no-untyped-def, override]
        self.read += (len(self) if end is None else end) - (start or 0)
        return str.find(self, sub, start, end)


@pytest.fixture
def counting_text() -> type[str]:
    """A ``str`` subclass whose instances count in ``read`` the characters looked at: a look
    around one position of a long line must not read the whole line."""
    return _CountingText

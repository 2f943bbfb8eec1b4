"""Lark's LALR parse of a whole text in one loop: the same tables, lexers, tokens, trees and errors.

A reference entry is parsed in up to fifteen styles, and each parse is short (about 35 tokens), so
most of its cost is the machinery around each token rather than matching it: Lark's contextual
lexer is a generator calling a state's lexer, its matcher and ``Token``'s constructor, and the
parser state's ``feed_token`` looks up its table and callbacks again for every token. This module
runs the same steps for the same parser objects in one function (each state's lexer, its scanner
and its terminal callbacks, the rows of the parse table and the rule callbacks that build the
tree), so a parse gives the tree Lark gives, token for token (types, values, offsets, lines and
columns), and fails where Lark fails: at the same offset, with the same expected terminals.

Only a parser as ``grammars`` builds them is driven so (LALR, contextual lexer, no post-lexer,
no lexer callbacks of a user); any other is parsed by Lark itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, cast

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput
from lark.lexer import BasicLexer, ContextualLexer
from lark.parsers.lalr_analysis import Shift
from lark.utils import TextSlice

from provenance.errors import GrammarError, release
from provenance.first_chars import can_begin_with

_new_token = Token._future_new
#: ``str.__new__``, typed as it is called here: a ``Token`` not yet given its fields.
_bare_token: Callable[[type[Token], str], Token] = str.__new__


class _NoRegex:
    """Stands for a scanner that has no regexes to call directly."""

    by_char = None


_NO_REGEX = _NoRegex()
_END = "$END"
#: A reduction's tree callback not looked up yet (``_Rows``).
_UNSET: Any = object()


class _Driver:
    """What a parse of one Lark parser reads, gathered once (states' lexers as they are met)."""

    def __init__(self, built: Lark) -> None:
        frontend = built.parser
        table = frontend.parser.parser.parse_table
        self.frontend = frontend
        self.states: Any = table.states
        #: The same table with each action made ready for ``_parse``: a shift (or a goto) as the
        #: state it goes to, a reduction as ``[rule, its length, its origin's name, its callback]``.
        self.rows: _Rows = _Rows(table.states)
        self.start_states: dict[str, int] = table.start_states
        self.end_states: dict[str, int] = table.end_states
        self.callbacks: Any = frontend.parser.parser.callbacks
        #: The rule callbacks, or None where Lark builds no tree (its callbacks are empty): asked
        #: once, not at every reduction (the lazy callbacks answer ``bool`` in Python, a call each
        #: of the two hundred thousand reductions of a pass over the real reports).
        self.tree_callbacks: Any = self.callbacks if self.callbacks else None
        #: ``(rule, its length, its tree callback)`` by the rule's id, for building trees: a
        #: ``Rule`` hashes in Python, a call at every reduction when callbacks were looked up by
        #: rule. The rule is kept beside them, so an id is never taken for another rule's.
        self.reductions: dict[int, tuple[Any, int, Any]] = {}
        # Terminal callbacks of the parser (a transformer's), keyed by terminal name.
        self.token_callbacks = {
            key: value for key, value in dict.items(self.callbacks) if isinstance(key, str)
        }
        self.state_lexers: Any = frontend.lexer.lexers
        self.lexers: dict[int, tuple[Any, Any, Any, Any, Any, Any, frozenset[str] | None]] = {}
        self._expected: dict[int, frozenset[str]] = {}
        self._allowed: dict[int, frozenset[str]] = {}

    def expected(self, state: int) -> frozenset[str]:
        """The terminals the parser expects in ``state`` (what Lark's ``UnexpectedToken`` says):
        most parses tried fail, and a state's answer is the same each time."""
        known = self._expected.get(state)
        if known is None:
            known = self._expected[state] = frozenset(s for s in self.states[state] if s.isupper())
        return known

    def allowed(self, state: int) -> frozenset[str]:
        """The terminals the lexer of ``state`` tries (what Lark's ``UnexpectedCharacters``
        says when none matches), one set a state."""
        known = self._allowed.get(state)
        if known is None:
            lexer = self.state_lexers[state]
            allowed = lexer.scanner.allowed_types - lexer.ignore_types or {"<END-OF-FILE>"}
            known = self._allowed[state] = frozenset(allowed)
        return known

    def lexer(self, state: int) -> tuple[Any, Any, Any, Any, Any, Any, frozenset[str] | None]:
        """``(scanner, match, ignore_types, newline_types, terminal callbacks, lexer, spaces)``
        of a state. The scanner's ``by_char``, once it has them, are the match methods of the
        state's alternations by the character at hand, called directly
        (``grammars._SharedScanner``). ``spaces`` (``_lone_space``): the characters of the
        ignored terminal that alone can match at a space, when its match is a run of them."""
        lexer: BasicLexer = self.state_lexers[state]
        scanner = lexer.scanner  # built first: building it sets the lexer's callbacks
        direct = scanner if hasattr(scanner, "by_char") else _NO_REGEX
        # Names as plain strings (``_Rows``).
        found = (
            direct,
            scanner.match,
            frozenset(map(str, lexer.ignore_types)),
            frozenset(map(str, lexer.newline_types)),
            {str(name): callback for name, callback in lexer.callback.items()},
            lexer,
            _lone_space(scanner, lexer.ignore_types, lexer.callback),
        )
        self.lexers[state] = found
        return found


def _run_of_class(pattern: str) -> str | None:
    """The characters of a terminal that is a run of the characters of one class, as Lark
    writes its regex (``WS: /[ \\t\\f\\r\\n]/+`` is ``(?:[ \\t\\f\\r\\n])+``), when the class
    holds the characters themselves (no escape, range or negation); None for any other."""
    if pattern.startswith("(?:[") and pattern.endswith("])+"):
        chars = pattern[4:-3]
    elif pattern.startswith("[") and pattern.endswith("]+"):
        chars = pattern[1:-2]
    else:
        return None
    if not chars or any(mark in chars for mark in "\\]^-["):
        return None
    return chars


def _lone_space(scanner: Any, ignore_types: Any, callbacks: Any) -> frozenset[str] | None:
    """The characters of the terminal a state's lexer matches at a space, when no other
    terminal's match can begin with one, it is ignored with no callback, and it is a run of
    white space characters (``_run_of_class``); None otherwise. Its match at a space followed
    by none of them is that space alone, so ``_parse`` steps over it without a regex call: the
    spaces between words are about two tokens in five."""
    fits = getattr(scanner, "_fits", None)
    if fits is None:
        return None
    spaces: frozenset[str] | None = None
    for name, pattern in fits(" "):
        chars = _run_of_class(pattern)
        # White space has no case, so the lexer's flags cannot make the class match more.
        if (
            chars is not None
            and name in ignore_types
            and name not in callbacks
            and spaces is None
            and " " in chars
            and all(char.isspace() for char in chars)
        ):
            spaces = frozenset(chars)
            continue
        if can_begin_with(pattern, " ", scanner._flags):
            return None
    return spaces


class _Rows(dict[int, dict[str, Any]]):
    """The rows of a parse table as ``_parse`` reads them (``_Driver.rows``), each made when its
    state is first met: about a tenth of the reference grammar's states are met in a pass. Each
    shift of Lark's row read its action's kind, and each reduction its rule's length and the
    name of its origin, through attributes, a million and a half times a pass.

    Symbols are keys as plain strings: a parser Lark has just built from its grammar (not
    loaded from the cache) names them with ``Token`` objects, whose ``__eq__``, in Python, a
    look-up by a terminal's name (a ``str``) called at every step (378 K calls in a third of
    a pass over the real reports)."""

    def __init__(self, states: Any) -> None:
        super().__init__()
        self._states = states

    def __missing__(self, state: int) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for symbol, (operation, argument) in self._states[state].items():
            if operation is Shift:
                row[str(symbol)] = argument
            else:
                # A list, told from a token's fields (a tuple) among a parse's moves; its last
                # item is the rule's tree callback, filled when a tree first needs it.
                origin = str(argument.origin.name)
                row[str(symbol)] = [argument, len(argument.expansion), origin, _UNSET]
        self[state] = row
        return row


def driver(built: Lark) -> _Driver | None:
    """The driver of ``built``, or None when it is not a parser this module can drive."""
    known = getattr(built, "_provenance_driver", False)
    if known is not False:
        return cast("_Driver | None", known)
    made: _Driver | None = None
    options = built.options
    if (
        options.parser == "lalr"
        and options.postlex is None
        and not options.lexer_callbacks
        and isinstance(getattr(built.parser, "lexer", None), ContextualLexer)
    ):
        made = _Driver(built)
    built._provenance_driver = made  # type: ignore[attr-defined]
    return made


class Refusal(NamedTuple):
    """Where a parse of a whole text stopped, and the terminals expected there: the fields of
    the ``GrammarError`` that ``parse_whole`` raises for it."""

    position: int
    expected: frozenset[str]


def parse_whole(built: Lark, name: str, text: str, start: str) -> Tree[Token]:
    """``built.parse(text, start=start)``; ``GrammarError`` where Lark raises ``UnexpectedInput``
    (``name`` is the grammar's, for the error)."""
    tree = parse_whole_or_refusal(built, text, start)
    if type(tree) is Refusal:
        raise GrammarError(name, text, tree.position, tree.expected)
    return cast("Tree[Token]", tree)


def parse_whole_or_refusal(built: Lark, text: str, start: str) -> Tree[Token] | Refusal:
    """``parse_whole``, with the refusal returned, not raised: a text is tried in up to fifteen
    reference styles and refused by most, and each refusal raised, caught, released and raised
    again as an error of its caller's (a message formatted each time) cost more than many a
    parse."""
    drive = driver(built)
    if drive is None or start not in drive.start_states:
        try:
            return built.parse(text, start=start)
        except UnexpectedInput as error:
            position = getattr(error, "pos_in_stream", None) or 0
            expected = getattr(error, "expected", None) or getattr(error, "allowed", None) or ()
            release(error)
        return Refusal(int(position), frozenset(expected))
    return _parse(drive, text, start)


def _parse(drive: _Driver, text: str, start: str) -> Tree[Token] | Refusal:
    # Most texts parsed are tried in a style they are not in (the parse fails), so the parser's
    # moves are made on the stack of states alone and kept in order (a token shifted, a rule
    # reduced); the tree is built from them, by the same callbacks in the same order, only
    # once the text is accepted.
    rows = drive.rows
    lexers = drive.lexers
    end_state = drive.end_states[start]
    state_stack = [drive.start_states[start]]
    moves: list[Any] = []
    window = TextSlice(text, 0, len(text))
    end = len(text)
    pos = 0
    line = 1
    line_start = 0
    token: Any = None
    last_start: int | None = None
    # A text without a line break (most entries: their lines are joined) needs no line count.
    lines = "\n" in text
    while pos < end:
        # The lexer of the state the parser is in (Lark's ``ContextualLexer.lex``).
        state = state_stack[-1]
        found = lexers.get(state)
        if found is None:
            found = drive.lexer(state)
        scanner, match, ignore_types, newline_types, lexer_callbacks, _lexer, spaces = found
        if spaces and text[pos] == " " and pos + 1 < end and text[pos + 1] not in spaces:
            # A space between words: the ignored terminal's match, one character long.
            pos += 1
        # A token the lexer ignores (the spaces between words: about half of all) leaves the
        # parser in its state, so the next is lexed here, the state's lexer not looked up again.
        while True:
            by_char = scanner.by_char
            if by_char is not None:
                regex_match = by_char.get(text[pos])
                if regex_match is None:
                    regex_match = scanner.char_match(text[pos])
                hit = regex_match(text, pos, end)
                if hit is None:
                    return Refusal(pos, drive.allowed(state))
                value = hit.group()
                kind = hit.lastgroup
            else:
                matched = match(window, pos)
                if not matched:
                    return Refusal(pos, drive.allowed(state))
                value, kind = matched
            if kind in ignore_types and kind not in lexer_callbacks:
                if lines and kind in newline_types:
                    newlines = value.count("\n")
                    if newlines:
                        line += newlines
                        line_start = pos + value.rindex("\n") + 1
                pos += len(value)
                if pos < end:
                    continue
                kind = None  # the text ends with ignored tokens
            break
        if kind is None:
            break
        ignored = kind in ignore_types
        called = kind in lexer_callbacks
        first, first_line, first_column = pos, line, pos - line_start + 1
        if lines and kind in newline_types:
            newlines = value.count("\n")
            if newlines:
                line += newlines
                line_start = pos + value.rindex("\n") + 1
        pos += len(value)
        # The token's fields, in ``Token``'s order; the token itself is made only for a
        # terminal callback here, and for the others when the tree is built (most parses fail).
        fields = (kind, value, first, first_line, first_column, line, pos - line_start + 1, pos)
        if called:
            made = lexer_callbacks[kind](_new_token(*fields))  # type: ignore[no-untyped-call]
            if ignored:
                continue
            token = made
            kind = made.type
            first = made.start_pos
        else:
            token = fields
        last_start = first
        # Lark's ``ParserState.feed_token``: reduce as long as the table says, then shift.
        while True:
            action = rows[state_stack[-1]].get(kind)
            if action is None:
                expected = drive.expected(state_stack[-1])
                return Refusal(int(first or 0), expected)
            if type(action) is int:  # a shift
                state_stack.append(action)
                moves.append(token)
                break
            _rule, size, origin, _callback = action
            if size:
                del state_stack[-size:]
            state_stack.append(rows[state_stack[-1]][origin])
            moves.append(action)
    # The end of input: reduce until the start rule is accepted.
    while True:
        action = rows[state_stack[-1]].get(_END)
        if action is None:
            expected = drive.expected(state_stack[-1])
            return Refusal(int(last_start or 0), expected)
        _rule, size, origin, _callback = action
        if size:
            del state_stack[-size:]
        state_stack.append(rows[state_stack[-1]][origin])
        moves.append(action)
        if state_stack[-1] == end_state:
            return _built(drive, moves)


def _built(drive: _Driver, moves: list[Any]) -> Tree[Token]:
    """The tree of an accepted parse, from its moves: Lark's value stack, with its callbacks."""
    token_callbacks = drive.token_callbacks
    value_stack: list[Any] = []
    for move in moves:
        kind_of = type(move)
        if kind_of is list:  # a reduction: ``_Rows``' ``[rule, length, origin, callback]``
            size = move[1]
            callback = move[3]
            if callback is _UNSET:
                callbacks = drive.tree_callbacks
                callback = move[3] = None if callbacks is None else callbacks[move[0]]
            if size:
                children = value_stack[-size:]
                del value_stack[-size:]
            else:
                children = []
            value_stack.append(callback(children) if callback is not None else children)
        elif kind_of is tuple:  # a token's fields (``_parse``): its type first
            # ``Token._future_new``'s steps without its call and ``super()`` (a token each
            # of about 800 K leaves a pass over the real reports).
            kind, value, start, line, column, end_line, end_column, end = move
            token = _bare_token(Token, value)
            token.type = kind
            token.start_pos = start
            token.value = value
            token.line = line
            token.column = column
            token.end_line = end_line
            token.end_column = end_column
            token.end_pos = end
            value_stack.append(
                token if kind not in token_callbacks else token_callbacks[kind](token)
            )
        else:  # a token made by a terminal callback
            kind = move.type
            value_stack.append(move if kind not in token_callbacks else token_callbacks[kind](move))
    return value_stack[-1]  # type: ignore[no-any-return]


def _reduction(drive: _Driver, rule: Any) -> tuple[Any, int, Any]:
    """``(rule, its length, its tree callback or None)``, kept by the rule's id."""
    callbacks = drive.tree_callbacks
    known = drive.reductions[id(rule)] = (
        rule,
        len(rule.expansion),
        None if callbacks is None else callbacks[rule],
    )
    return known


def _reduce(
    drive: _Driver, states: Any, state_stack: list[int], value_stack: list[Any], rule: Any
) -> None:
    known = drive.reductions.get(id(rule))
    if known is None or known[0] is not rule:
        known = _reduction(drive, rule)
    _rule, size, callback = known
    if size:
        children = value_stack[-size:]
        del state_stack[-size:]
        del value_stack[-size:]
    else:
        children = []
    value = callback(children) if callback is not None else children
    state_stack.append(states[state_stack[-1]][rule.origin.name][1])
    value_stack.append(value)


def longest_prefix(
    built: Lark, start: str, text: str, pos: int, end: int
) -> tuple[Tree[Token], int] | None:
    """The longest prefix of ``text[pos:end]`` the parser accepts as ``start``, as a tree and
    the offset where it ends; None when no prefix is accepted. Token offsets count from the
    start of ``text`` (a line counter starting at ``pos`` on line 1, column 1, as ``grammars``
    set Lark's). Lark's interactive parser is fed token by token and, after each, asked whether
    it accepts the end of input: the same questions, asked of the stack of states alone, and
    the tree built once, from the tokens of the longest accepted prefix.
    """
    drive = driver(built)
    if drive is None:  # pragma: no cover - every parser ``grammars`` builds is driven
        raise TypeError("not a contextual LALR parser")
    rows = drive.rows
    lexers = drive.lexers
    end_state = drive.end_states[start]
    state_stack = [drive.start_states[start]]
    window = TextSlice(text, pos, end)
    line = 1
    line_start = 0
    column = 1  # Lark's counter starts at column 1 wherever it starts, until its first token
    tokens: list[Token] = []
    accepted = accepted_end = 0
    while pos < end:
        state = state_stack[-1]
        found = lexers.get(state)
        if found is None:
            found = drive.lexer(state)
        scanner, match, ignore_types, newline_types, lexer_callbacks, _lexer, spaces = found
        if spaces and text[pos] == " " and pos + 1 < end and text[pos + 1] not in spaces:
            # A space between words (``_parse``): the ignored terminal's match, one long.
            pos += 1
            column = pos - line_start + 1
        by_char = scanner.by_char
        if by_char is not None:
            regex_match = by_char.get(text[pos])
            if regex_match is None:
                regex_match = scanner.char_match(text[pos])
            hit = regex_match(text, pos, end)
            matched = None if hit is None else (hit.group(0), hit.lastgroup)
        else:
            matched = match(window, pos)
        if not matched:
            break
        value, kind = matched
        ignored = kind in ignore_types
        made: Token | None = None
        if not ignored or kind in lexer_callbacks:
            made = _new_token(kind, value, pos, line, column)  # type: ignore[no-untyped-call]
        if kind in newline_types:
            newlines = value.count("\n")
            if newlines:
                line += newlines
                line_start = pos + value.rindex("\n") + 1
        pos += len(value)
        column = pos - line_start + 1
        if made is None:
            continue
        made.end_line = line
        made.end_column = column
        made.end_pos = pos
        if kind in lexer_callbacks:
            made = lexer_callbacks[kind](made)
        if ignored:
            continue
        if not _shift_state(rows, state_stack, made.type):
            break
        tokens.append(made)
        # Most states have no move on the end of input: asked here, before copying the stack.
        if _END in rows[state_stack[-1]] and _accepts_end(rows, end_state, state_stack):
            accepted, accepted_end = len(tokens), pos
    if not accepted:
        return None
    return _tree_of(drive, start, tokens[:accepted]), accepted_end


def longest_prefix_of_words(
    built: Lark, start: str, words: Sequence[str]
) -> tuple[Tree[Token], int] | None:
    """``longest_prefix`` of ``" ".join(words)``, for a grammar whose terminals are each one
    word standing for itself (``NAME: /NAME\\b/``, a space ignored: see
    ``grammars.parse_prefix_words``), where each word is the token the lexer would read: the
    terminal it names, when the parser's state expects that terminal; else the lexer finds no
    terminal there, and the prefix ends. The tokens are the lexer's (same offsets, lines and
    columns), so the tree is the one ``longest_prefix`` gives; nothing is matched.
    """
    drive = driver(built)
    if drive is None:  # pragma: no cover - every parser ``grammars`` builds is driven
        raise TypeError("not a contextual LALR parser")
    rows = drive.rows
    end_state = drive.end_states[start]
    state_stack = [drive.start_states[start]]
    tokens: list[Token] = []
    accepted = accepted_end = 0
    pos = 0
    for word in words:
        end = pos + len(word)
        if not _shift_state(rows, state_stack, word):
            break
        tokens.append(_new_token(word, word, pos, 1, pos + 1, 1, end + 1, end))  # type: ignore[no-untyped-call]
        if _END in rows[state_stack[-1]] and _accepts_end(rows, end_state, state_stack):
            accepted, accepted_end = len(tokens), end
        pos = end + 1
    if not accepted:
        return None
    return _tree_of(drive, start, tokens[:accepted]), accepted_end


def _shift_state(rows: Any, state_stack: list[int], kind: str) -> bool:
    """The parser's moves on a token of type ``kind``, on the stack of states alone (``rows``:
    ``_Driver.rows``): False (the stack unchanged since the last reduction) when the token is
    not expected there."""
    while True:
        action = rows[state_stack[-1]].get(kind)
        if action is None:
            return False
        if type(action) is int:  # a shift
            state_stack.append(action)
            return True
        _rule, size, origin, _callback = action
        if size:
            del state_stack[-size:]
        state_stack.append(rows[state_stack[-1]][origin])


def accepts_end(states: Any, end_state: int, state_stack: list[int]) -> bool:
    """Whether the parser with this stack of states accepts the end of input now: its
    reductions on ``$END`` replayed on a copy of the stack."""
    stack = list(state_stack)
    while True:
        action = states[stack[-1]].get(_END)
        if action is None:
            return False
        operation, rule = action
        if operation is Shift:  # pragma: no cover - Lark never shifts $END; it reduces
            return False
        size = len(rule.expansion)
        if size:
            del stack[-size:]
        stack.append(states[stack[-1]][rule.origin.name][1])
        if stack[-1] == end_state:
            return True


def _accepts_end(rows: Any, end_state: int, state_stack: list[int]) -> bool:
    """``accepts_end`` on ``_Driver.rows``."""
    stack = list(state_stack)
    while True:
        action = rows[stack[-1]].get(_END)
        if action is None:
            return False
        if type(action) is int:  # pragma: no cover - Lark never shifts $END; it reduces
            return False
        _rule, size, origin, _callback = action
        if size:
            del stack[-size:]
        stack.append(rows[stack[-1]][origin])
        if stack[-1] == end_state:
            return True


def _tree_of(drive: _Driver, start: str, tokens: list[Token]) -> Tree[Token]:
    """The tree of ``tokens``, which the parser accepts whole as ``start``."""
    states = drive.states
    token_callbacks = drive.token_callbacks
    end_state = drive.end_states[start]
    state_stack = [drive.start_states[start]]
    value_stack: list[Any] = []
    for token in tokens:
        kind = token.type
        while True:
            operation, argument = states[state_stack[-1]][kind]
            if operation is Shift:
                state_stack.append(argument)
                value_stack.append(
                    token if kind not in token_callbacks else token_callbacks[kind](token)
                )
                break
            _reduce(drive, states, state_stack, value_stack, argument)
    while True:
        _reduce(drive, states, state_stack, value_stack, states[state_stack[-1]][_END][1])
        if state_stack[-1] == end_state:
            return value_stack[-1]  # type: ignore[no-any-return]

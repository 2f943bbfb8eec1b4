"""The documented error types: all the library raises on purpose derives from ProvenanceError."""

from __future__ import annotations


class ProvenanceError(Exception):
    """Base of every error the library raises on purpose."""


class InputError(ProvenanceError):
    """A file or byte string that cannot be read as a report (binary, undecodable, empty...).

    ``path`` names the input when there is one; ``reason`` says what is wrong in a few words.
    """

    def __init__(self, reason: str, path: str | None = None) -> None:
        self.reason = reason
        self.path = path
        super().__init__(f"{path}: {reason}" if path else reason)


class GrammarError(ProvenanceError):
    """Text handed to a ``parse_*`` function is not an instance of that grammar.

    ``text`` is the input; ``position`` the offset where parsing stopped; ``expected`` the
    terminals the grammar would have accepted there.
    """

    def __init__(
        self, grammar: str, text: str, position: int, expected: frozenset[str] = frozenset()
    ) -> None:
        self.grammar = grammar
        self.text = text
        self.position = position
        self.expected = expected
        snippet = text[max(0, position - 10) : position + 10]
        super().__init__(f"not a valid {grammar} at offset {position}: {snippet!r}")

    def renewed(self) -> GrammarError:
        """The same refusal as a new error: raising it gives it a traceback from where it is
        raised only, so an error kept in a cache holds no frame of the code that raised it."""
        return GrammarError(self.grammar, self.text, self.position, self.expected)


class ConfigError(ProvenanceError):
    """Invalid configuration: unknown rule ids, bad severities, unreadable config files."""


def release(error: BaseException) -> None:
    """Drop the frames ``error`` and the exceptions it was raised during hold.

    Lark binds the error it re-raises in a frame of its parser (``except ... as e: raise``), so
    the error, its traceback and that frame are a cycle holding the parser's stacks of tokens
    and trees: garbage only a full collection frees. Text that is not a construct is refused by
    the grammar thousands of times in a document (every line tried as a reference entry), and
    a long-lived cache of readings makes each such cycle old before it is dropped: half of the
    memory reading a long reference list was such garbage. Called where an error is handled.
    """
    seen: BaseException | None = error
    while seen is not None:
        seen.__traceback__ = None
        following = seen.__context__
        seen.__context__ = seen.__cause__ = None
        seen = following

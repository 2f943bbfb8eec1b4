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


class ConfigError(ProvenanceError):
    """Invalid configuration: unknown rule ids, bad severities, unreadable config files."""

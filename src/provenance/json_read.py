"""``json.loads`` for the cache's own files, without importing the ``json`` package.

A check reads JSON (the cached parsers, regex code, phrase lists, a configuration's parse) but
writes none unless a cache file is missing; importing ``json`` imports its encoder as well and
compiles six regexes, about 1 ms of a one-report check. The values are read here by the same C
scanner ``json.loads`` uses (``_json.make_scanner``), set up as ``json.JSONDecoder()`` sets it
up; a Python without that module gets ``json.loads`` itself. Errors are ``ValueError`` as
``json.loads`` raises them (``JSONDecodeError`` is one).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_WHITESPACE = " \t\n\r"
_CONSTANTS = {"-Infinity": float("-inf"), "Infinity": float("inf"), "NaN": float("nan")}


class _Context:
    """What ``_json.make_scanner`` reads from a ``json.JSONDecoder``: its default settings."""

    strict = True
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = _CONSTANTS.__getitem__

    def __init__(self, object_hook: Callable[[dict[str, Any]], Any] | None) -> None:
        self.object_hook = object_hook


Scan = Callable[[str, int], tuple[Any, int]]


def scanner(object_hook: Callable[[dict[str, Any]], Any] | None = None) -> Scan:
    """``json.JSONDecoder(object_hook=object_hook).raw_decode``: the value that starts at an
    index of a string, and the index after it."""
    try:
        from _json import make_scanner
    except ImportError:  # pragma: no cover - CPython has it
        import json

        return json.JSONDecoder(object_hook=object_hook).raw_decode

    context: Any = _Context(object_hook)  # read as a JSONDecoder is
    scan_once = make_scanner(context)

    def raw_decode(text: str, index: int = 0) -> tuple[Any, int]:
        try:
            return scan_once(text, index)
        except StopIteration as error:
            raise ValueError(f"Expecting value: char {error.value}") from None

    return raw_decode


_PLAIN: Scan | None = None


def loads(data: bytes | str, object_hook: Callable[[dict[str, Any]], Any] | None = None) -> Any:
    """``json.loads(data, object_hook=object_hook)`` for UTF-8 bytes or a string."""
    global _PLAIN
    if object_hook is None:
        if _PLAIN is None:
            _PLAIN = scanner()
        scan = _PLAIN
    else:
        scan = scanner(object_hook)
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    start = len(text) - len(text.lstrip(_WHITESPACE))
    value, end = scan(text, start)
    if text[end:].strip(_WHITESPACE):
        raise ValueError(f"Extra data: char {end}")
    return value

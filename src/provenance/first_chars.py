"""The characters a regex's match can begin with, read from the regex itself.

A lexer state of Lark's contextual lexer tries its terminals one by one (``grammars``), and most
tries fail on the first character: a state of the statements' grammar tries up to 30 tag words
for each token. Knowing, for each terminal, which characters its match can begin with lets a
state try only those that can match at the character before it (in Lark's order, so the first
that matches is the same). The sets are worked out when a parser is built, from the pattern as
Python's regex parser reads it, and kept in the parser cache beside the terminals' code: reading
patterns is far too slow for every run.

The answer is a superset, never a subset: anything this module cannot be sure of (a case-blind
letter outside ASCII, ``\\w``, a negated set, a back-reference, a match that can be empty) is
"any character". A case-blind ASCII letter is every character the regex engine matches to it
(``case_blind``): the month names and labels of the reference grammar's dates, access notes and
locators are case-blind, and were tried at every letter.

``required_words`` reads the same syntax for another answer: the words one of which every match
holds, so that a search can be skipped where none is in the text.
"""

from __future__ import annotations

import sys
from functools import cache
from typing import Any

#: A set larger than this is kept as "any character": it would filter little and cost room.
_MAX_CHARS = 2048


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """Every character a match of ``pattern`` (with ``flags``) can begin with, sorted, as one
    string; None when that is not known (any character may begin one)."""
    try:
        from re import _constants, _parser

        parsed = _parser.parse(pattern, flags)
        found, nullable = _sequence(list(parsed), parsed.state.flags | flags, _constants)
    except Exception:  # a pattern or a regex module this reading does not know: no filter
        return None
    if found is None or nullable or len(found) > _MAX_CHARS:
        return None
    return "".join(sorted(found))


_Firsts = tuple[set[str] | None, bool]


def _sequence(items: list[Any], flags: int, c: Any) -> _Firsts:
    """First characters of a sequence of parsed items, and whether it can match empty."""
    found: set[str] = set()
    for item in items:
        chars, nullable = _item(item, flags, c)
        if chars is None:
            return None, True
        found |= chars
        if not nullable:
            return found, False
    return found, True


def _item(item: tuple[Any, Any], flags: int, c: Any) -> _Firsts:
    op, av = item
    ignorecase = bool(flags & c.SRE_FLAG_IGNORECASE)
    if op is c.LITERAL:
        char = chr(av)
        if ignorecase and _cased(char):
            folds = case_blind(char)
            return (None, True) if folds is None else (set(folds), False)
        return {char}, False
    if op is c.IN:
        return _charset(av, flags, c)
    if op is c.BRANCH:
        found: set[str] = set()
        any_nullable = False
        for branch in av[1]:
            chars, nullable = _sequence(list(branch), flags, c)
            if chars is None:
                return None, True
            found |= chars
            any_nullable = any_nullable or nullable
        return found, any_nullable
    if op is c.SUBPATTERN:
        _group, add_flags, del_flags, inner = av
        return _sequence(list(inner), (flags | add_flags) & ~del_flags, c)
    if op is c.ATOMIC_GROUP:
        return _sequence(list(av), flags, c)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, inner = av
        if high == 0:
            return set(), True
        chars, nullable = _sequence(list(inner), flags, c)
        return chars, nullable or low == 0
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        # Zero-width: the character at the start is the next item's (the assertion may narrow
        # it; ignoring it only widens the answer).
        return set(), True
    return None, True  # ANY, NOT_LITERAL, back-references, conditionals: any character


def _charset(items: list[tuple[Any, Any]], flags: int, c: Any) -> _Firsts:
    found: set[str] = set()
    ignorecase = bool(flags & c.SRE_FLAG_IGNORECASE)
    for op, av in items:
        if op is c.LITERAL:
            chars = {chr(av)}
        elif op is c.RANGE:
            low, high = av
            if high - low > _MAX_CHARS:
                return None, True
            chars = {chr(code) for code in range(low, high + 1)}
        elif op is c.CATEGORY and av is c.CATEGORY_DIGIT:
            chars = set("0123456789") if flags & c.SRE_FLAG_ASCII else set(_unicode_digits())
        elif op is c.CATEGORY and av is c.CATEGORY_SPACE:
            chars = set(" \t\n\r\f\v") if flags & c.SRE_FLAG_ASCII else set(_unicode_spaces())
        else:  # a negated set, ``\w``, ``\S`` ...: any character
            return None, True
        if ignorecase and any(_cased(char) for char in chars):
            folded: set[str] = set()
            for char in chars:
                folds = case_blind(char) if _cased(char) else char
                if folds is None:
                    return None, True
                folded.update(folds)
            chars = folded
        found |= chars
    return found, False


#: The characters besides an ASCII letter's two cases that a case-blind regex matches to it
#: (Python's ``re`` documents these four: "İ" and "ı" for i, "ſ" for s, the Kelvin sign for k).
_OTHER_FOLDS = {"i": "İı", "s": "ſ", "k": "\u212a"}


def case_blind(char: str) -> str | None:
    """Every character a case-blind ``str`` regex matches to ``char`` when it is an ASCII letter
    (``tests/test_first_chars.py`` checks them against the regex engine over every code point);
    None for any other cased character."""
    if not ("a" <= char <= "z" or "A" <= char <= "Z"):
        return None
    lower = char.lower()
    return lower + lower.upper() + _OTHER_FOLDS.get(lower, "")


def _cased(char: str) -> bool:
    """Whether the regex engine may match ``char`` case-blind with another character."""
    return char.lower() != char or char.upper() != char or char.casefold() != char


@cache
def _unicode_digits() -> str:
    """What ``\\d`` matches in a ``str`` pattern (Unicode decimal digits)."""
    return "".join(chr(code) for code in range(sys.maxunicode + 1) if chr(code).isdecimal())


@cache
def _unicode_spaces() -> str:
    """What ``\\s`` matches in a ``str`` pattern."""
    return "".join(chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace())


def required_words(pattern: str) -> tuple[str, ...] | None:
    """Lower-case ASCII strings one of which every match of ``pattern`` holds as it is or in
    another case (from the pattern's syntax: literal runs, alternatives, repeats of at least
    one), the longest such choice; None where the pattern gives none, or where this reading
    does not know the pattern or the regex module (no words: nothing is skipped)."""
    try:
        from re import _constants, _parser

        return _needed(_parser.parse(pattern).data, _constants)
    except Exception:
        return None


def _needed(items: Any, c: Any) -> tuple[str, ...] | None:
    best: tuple[str, ...] | None = None
    run = ""

    def offer(found: tuple[str, ...] | None) -> None:
        nonlocal best
        if found and all(found) and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    for op, value in items:
        if op is c.LITERAL and value < 128:
            run += chr(value).lower()
            continue
        offer((run,) if run else None)
        run = ""
        if op is c.SUBPATTERN:
            offer(_needed(value[-1], c))
        elif op is c.BRANCH:
            options = [_needed(branch, c) for branch in value[1]]
            if all(options):
                offer(tuple(dict.fromkeys(word for words in options for word in words or ())))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and value[0] >= 1:
            offer(_needed(value[2], c))
    offer((run,) if run else None)
    return best


def can_begin_with(pattern: str, char: str, flags: int = 0) -> bool:
    """Whether a match of ``pattern`` (with ``flags``) can begin with ``char``, a character
    without case (a space); True whenever that is not known, and for a pattern that can match
    empty. Unlike ``first_chars`` it also reads what no set of characters can hold: a negated
    set or category (``WORD: /[^\\s.,;]+/``, ``REST: /\\S[\\s\\S]*/`` cannot begin with a space)."""
    return _answer(pattern, char, flags)


@cache
def _answer(pattern: str, char: str, flags: int) -> bool:
    if _cased(char):
        return True  # what a case-blind pattern matches to a cased character is not worked out
    try:
        from re import _constants, _parser

        parsed = _parser.parse(pattern, flags)
        may, nullable = _sequence_has(list(parsed), char, parsed.state.flags | flags, _constants)
    except Exception:  # a pattern or a regex module this reading does not know
        return True
    return may or nullable


def _sequence_has(items: list[Any], char: str, flags: int, c: Any) -> tuple[bool, bool]:
    """Whether a match of a sequence of parsed items can begin with ``char``, and whether it
    can match empty."""
    for item in items:
        may, nullable = _item_has(item, char, flags, c)
        if may:
            return True, nullable
        if not nullable:
            return False, False
    return False, True


def _item_has(item: tuple[Any, Any], char: str, flags: int, c: Any) -> tuple[bool, bool]:
    op, av = item
    if op is c.LITERAL:
        # ``char`` has no case, so only itself matches it, case-blind or not.
        return chr(av) == char, False
    if op is c.NOT_LITERAL:
        return chr(av) != char, False
    if op is c.IN:
        return _in_set(av, char, flags, c), False
    if op is c.BRANCH:
        any_may = any_nullable = False
        for branch in av[1]:
            may, nullable = _sequence_has(list(branch), char, flags, c)
            any_may = any_may or may
            any_nullable = any_nullable or nullable
        return any_may, any_nullable
    if op is c.SUBPATTERN:
        _group, add_flags, del_flags, inner = av
        return _sequence_has(list(inner), char, (flags | add_flags) & ~del_flags, c)
    if op is c.ATOMIC_GROUP:
        return _sequence_has(list(av), char, flags, c)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, inner = av
        if high == 0:
            return False, True
        may, nullable = _sequence_has(list(inner), char, flags, c)
        return may, nullable or low == 0
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return False, True  # zero-width: ignoring it only widens the answer
    return True, True  # ANY, back-references, conditionals: not worked out


#: A category of a set as a regex of its own, which the engine answers for one character.
_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}


def _in_set(items: list[tuple[Any, Any]], char: str, flags: int, c: Any) -> bool:
    """Whether a set (``[...]``, as parsed) matches ``char``, a character without case; True
    when a part of it is not worked out."""
    negated = bool(items) and items[0][0] is c.NEGATE
    code = ord(char)
    found = False
    for op, av in items[1:] if negated else items:
        if op is c.LITERAL:
            found = av == code
        elif op is c.RANGE:
            found = av[0] <= code <= av[1]
        elif op is c.CATEGORY and getattr(av, "name", None) in _CATEGORIES:
            import re

            category = _CATEGORIES[av.name]
            found = re.match(category, char, flags & (re.ASCII | re.UNICODE)) is not None
        else:
            return True
        if found:
            break
    return found != negated

"""Small pieces of wording every output shares."""

from __future__ import annotations


def counted(number: int, noun: str) -> str:
    """``"1 warning"``, ``"2 warnings"``: a count and its noun, singular for one."""
    return f"{number} {noun}{'' if number == 1 else 's'}"

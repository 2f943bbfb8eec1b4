"""English number words below a hundred, as reports write counts, spans and chapter numbers."""

from __future__ import annotations

ONES = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
#: Each word and its value ("twenty-five" is read from its two words).
NUMBER_WORDS: dict[str, int] = {
    **{word: number for number, word in enumerate(ONES, 1)},
    **{word: 10 * number for number, word in enumerate(TENS, 2)},
}

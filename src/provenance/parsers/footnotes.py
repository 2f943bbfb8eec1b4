"""Note calls and the starts of note bodies: ``grammars/footnote.lark`` decides both.

A cheap scan finds where a note call may start (``<sup>``, ``[``, ``^`` or a superscript digit);
the grammar says whether one does and what its number is. Note bodies are found by segmentation,
which asks ``parse_footnote_body_start`` whether a block opens with a note number, and
``iter_glued_bodies`` whether OCR glued the next note onto the end of a block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from lark import Token, Tree

from provenance.folding import matches_at
from provenance.grammars import parse_full, parse_prefix
from provenance.model import FootnoteMarker, MarkerStyle
from provenance.regex_store import lazy_compile
from provenance.span import LineIndex, blank_before

__all__ = [
    "forget_body_starts",
    "iter_call_candidates",
    "iter_footnote_markers",
    "iter_glued_bodies",
    "iter_possible_calls",
    "parse_footnote_body_start",
    "parse_footnote_marker",
    "split_call_run",
]

_GRAMMAR = "footnote"

_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")

_MARKER_STYLES: dict[str, MarkerStyle] = {
    "sup_marker": "sup",
    "bracket_marker": "bracket",
    "caret_bracket_marker": "caret-bracket",
    "caret_marker": "caret",
    "unicode_marker": "unicode",
}

# Where a note call may start. The grammar decides whether one does. The first character is
# matched by one set and each alternative then reads back over it: written as an alternation of
# "<(?i:sup)>", "\[\^?[1-9]", ... (the same matches), the last alternative, a set, kept the
# regex engine from knowing which characters a match starts with, so it tried every alternative
# at every position (2.9 times slower over the seeds and practice documents).
_MARKER_CANDIDATE = lazy_compile(
    r"[<\[\^¹²³⁴⁵⁶⁷⁸⁹](?:(?<=<)(?i:sup)>|(?<=\[)\^?[1-9]|(?<=\[)(?i:footnote|endnote|note|fn)"
    r"[ \t\r\n]|(?<=\^)[1-9]|(?<=[¹²³⁴⁵⁶⁷⁸⁹]))"
)
# A superscript digit after a unit is an exponent ("km²"), not a note call.
_UNIT_BEFORE = lazy_compile(r"(?<![A-Za-z])(?:k?m|cm|mm|ft|in|mi|sq|m/s)$")
# Longest text a note call or a body lead can take ("<sup>999</sup>: " is 15 characters).
_MAX_LEAD = 24

# Where a next note may start inside a block: at a line start, or after the end of a sentence
# (or of a quotation or a parenthesis) where OCR ran it on ("...Petersburg. 27AI Index"), or
# a number that ends the line, the note's text on the next ("... recipients. 8" / "A ...").
_NEXT_NOTE_CANDIDATE = lazy_compile(
    r"(?:(?<=\n)|(?<=[.;)\"”’'])[ \t]*)"
    r"(?=[<\[\^$¹²³⁴⁵⁶⁷⁸⁹]|[1-9]\d{0,2}(?:[A-Z\"“]|\.?(?:[ \t\n]|$)))"
)


# Calls that lost their superscript in conversion, found by a cheap scan only where a note
# with that number is known to exist (callers check numbers and order):
# a number glued to the end of a word or sentence (UN: "submissions1", "review.1 It"), followed
# by a space, a line end or punctuation. After a full stop that follows a digit it is as likely
# the decimals of a figure ("US$24.5 million", "2.6 percent") or a list label ("1.7. 300
# beds"), so there it is a call only before a new sentence or the end of the line ("access in
# 2022.6 Additionally", "resolution 68/237.6 The"), and never in a figure that opens its line
# (section numbers "2.1 The scope", "3.2.4 The economy"). A note number never starts with 0.
# Every match starts at a digit: the leading ``(?=\d)`` (here and in the scans below that start
# with a look-behind) lets the regex engine pass any other character before it tries the
# look-behinds, about four times faster on report text.
# Not a page after a year and a colon ("(Heltberg et al, 2008:4)") nor after a page label
# glued to it ("(Ibid, p5)", "p.12"): pinpoints of a citation. Not a number glued to a
# single letter ("(H3)", "Q4", "Annex A1"): a label of a hypothesis, a quarter or an annex
# (a call ends a word of two letters or more). A dash may follow a call ("Index12—and").
# Not a number after an opening straight quote ('"2. Affirms', a quoted paragraph's number): a
# call follows the closing one.
_GLUED_CALL = lazy_compile(
    r"(?=\d)(?:(?<![0-9]:)(?<![\s(,;]p)(?<![\s(,;]pp)(?<![\s(,;]p\.)(?<![\s(,;]pp\.)"
    r"(?<![^A-Za-z][A-Za-z])(?<!^[A-Za-z])(?<!\s\")(?<!^\")"
    r"(?:(?<=[A-Za-z\)\]”\"’,;:])|(?<![0-9]\.)(?<=\.))(?!0)(\d{1,3})(?=[\s,;:.)—–]|$)"
    r"|(?<=[0-9]\.)(?!0)(\d{1,3})(?=[ \t]*(?:\n|$)|[ \t]+[A-Z“\"‘(]))"
)
# a number between a sentence end and the next sentence ("... Act. 2 The Advocate"), which is
# as likely a figure ("in 2019. 3 In"), so a guess;
# (The space is matched first and the look-behind reads back over it: a pattern that starts
# with a literal lets the regex engine search for that character, about 3.5 times faster than
# trying the look-behind at every position, and the matches are the same.)
_SPACED_CALL = lazy_compile(r" (?<=[.;:”\"’)] )(\d{1,3})(?=[ \t]+[A-Z“\"]|[ \t]*(?:\n|$))")
# two such calls with a comma between them ("sustainability. 11 , 12 The", as
# ``pdftotext -layout`` spaces a pair of superscripts), a guess each, the second after the
# first (a list of figures after a sentence's end counts up as often, so numbering decides);
_SPACED_PAIR = lazy_compile(
    r" (?<=[.;:”\"’)] )([1-9]\d{0,2})[ \t]*,[ \t]*([1-9]\d{0,2})(?=[ \t]+[A-Z“\"]|[ \t]*(?:\n|$))"
)
# the call of a United Nations document of the 1990s, the number and a slash after a space
# ("abstentions. 2/ The voting", "relating to item 89, 1/ as well", "as follows: 3/"), not a
# symbol's or a resolution's part ("A/50/23", "resolution 46/" / "181" over a line's end);
_SLASH_CALL = lazy_compile(
    r"(?<=[ \t])(?!0)(\d{1,3})/(?=[ \t]+[^\d\s]|[ \t]*\n[ \t]*[^\d\s]|[ \t]*\Z)"
)
# the call a PDF's text moved to the start of the next line, glued to that line's first word
# ("reducing improper payments. " / "1The participants were", "Administration; " / "2the
# Social"): ``pdftotext`` sets a superscript that stands higher than its line as a line of its
# own and runs it into the next, and the space before it stays at the end of the line above.
# A glued note body opens its line so too ("6See also ..."), after a line that ends without
# that space, and so do ordinals and labels ("15th Floor", "3D", "50s"): only a word of two
# letters or more, no ordinal's ending, after a line that ends in a space, and a guess.
_LINE_START_CALL = lazy_compile(
    r"\n(?<=\S[ \t]\n)(?!0)(\d{1,3})(?=[A-Za-z][a-z])(?!(?:st|nd|rd|th)\b)"
)
# in tables, a number glued to a year ("Submitted in 201332": 2013, note 32), also a guess;
_YEAR_GLUED_CALL = lazy_compile(r"(?=\d)(?<=\b(?:19|20)\d\d)(\d{1,3})(?=[ \t]|$|\n)")
# and, weakest, a number set apart inside a sentence, as plain PDF text gives a superscript
# ("transition minerals 5 or reliance", "toxic waste, 22" / "while"). A figure stands so as
# often, before what it counts ("at least 6 socioeconomic", "in May, 12 people", "5 per cent",
# "3 in 10"), so only a number before a word that joins clauses or phrases (and no figure after
# it) is taken, and only as the very next call (see ``weak``). So is a number before a clause
# that a participle opens ("since 7 October 2023, 29 stoking a trend"), where a figure would
# count the participle ("3 remaining cases", "5 working days") and no article would follow it.
# So is a number that ends a line inside a sentence, the next line going on in lower case ("the
# principles of intergenerational equity, 17" / "common but differentiated ...", as
# ``pdftotext -layout`` sets a superscript). So is a number after a name's comma before the
# apposition that describes it ("Abdallah Tijani Chaghab, 105 a former SLM-MM colonel"), where
# a figure would count what follows ("in May, 12 people"), and a number before a pointer in
# brackets ("neighbourhoods such as Masani 112 (see sect. V)"). So is a number after a noun
# before an auxiliary verb ("$202.1 million in funding 1 had been recorded"), as likely a
# figure ("of whom 12 were children") or a label ("paragraph 2 was amended"): the numbering
# decides, as for the rest (not "will"/"would", which follow labels in proposals most), and
# before "to the" ("to transmit the list of dangerous goods 2 to the Governments"). So is
# a number after a word (not a comma) before a verb of reporting and "that" ("the evaluation of
# the system in complex settings 1 highlighted that"), where a figure stands after a comma or a
# preposition's object ("of these, 12 reported that"). The same shapes after a semicolon or a
# closing quotation mark, which end the items of a list of documents each with its call
# ("... peace and security; 3 a further revised version ...; 4 and a revised working paper",
# "entitled “Privileges ...”; 12 and a working paper"). So is a number after a comma that ends
# its line, the next line opening with a capitalised word: the call that closes a resolution's
# preambular paragraph ("... resolution 64/222 of 21 December 2009, 2" / "Reaffirming
# further ..."), as a list of figures rarely breaks its line so.
_INNER_CALL = lazy_compile(
    r" (?<=[a-z,;”] )(\d{1,3})(?=[ \t]*\n?[ \t]*(?:and|or|but|while|whereas|which|who|where|thus"
    r"|hence|especially|including|notably|as|in|with|among|such"
    r"|had|has|have|was|were|is|are|to[ \t]+(?:the|a|an|its|their|all)"
    r"|[a-z]{2,}ing[ \t]+(?:a|an|the|its|their|his|her|this|these|those))\b(?![ \t]+\d)"
    r"|[ \t]*\n[ \t]*[a-z]"
    r"|(?:(?<=[,;] \d)|(?<=[,;] \d\d)|(?<=[,;] \d\d\d))[ \t]+(?:a|an|the)[ \t]*\n?[ \t]"
    r"|(?:(?<=, \d)|(?<=, \d\d)|(?<=, \d\d\d))[ \t]*\n[ \t]*[A-Z][a-z]"
    r"|(?:(?<=[a-z] \d)|(?<=[a-z] \d\d)|(?<=[a-z] \d\d\d))[ \t]+(?:noted|highlighted|found"
    r"|showed|concluded|stated|reported|indicated|revealed|suggested|confirmed|emphasized"
    r"|stressed|observed|recommended|estimated|warned|underscored|documented)[ \t]+that\b"
    r"|[ \t]+\((?:see|cf\.)[ \t])"
)


# A word that labels the number after it ("annex 1 to its report", "paragraph 2 to the"), before
# which a number set apart before "to" is the label's, not a call (before "and" it may be one:
# "a comprehensive statistical annex 4 and supplemented by").
_LABEL_BEFORE = lazy_compile(
    r"(?<![\w-])(?i:annex(?:es)?|paragraphs?|articles?|chapters?|sections?|tables?|figures?"
    r"|resolutions?|decisions?|items?|rules?|goals?|targets?|phases?|steps?|levels?|parts?|box"
    r"|volumes?|vol\.|no\.|nos\.|para\.|paras\.|art\.|arts\.|sect\.|chap\.) $"
)
#: Characters read back from a number for ``_LABEL_BEFORE``: its longest word ("resolutions"),
#: the space and the character its look-behind reads, with room to spare.
_LABEL_BEFORE_CHARS = 16


_TO_AFTER = lazy_compile(r"[ \t]*\n?[ \t]*to\b")


# Also weakest: a number between two items of a list of names, after the comma that ends an
# item and before the next item ("Haiti, Iraq, Kosovo, 4 Libya, Mali", the United Nations'
# note on Kosovo), where a figure would count a word in lower case ("in May, 12 people").
# The item before is a name after a comma too (so a list), the item after a name followed
# by a comma or "and" (before "the Sudan" the scan above finds it).
_LIST_ITEM_CALL = lazy_compile(
    r", (?=[A-Z])(?:[A-Z][\w’'-]*[ \t]+)*[A-Z][\w’'-]*,[ \t]+(\d{1,3})"
    r"(?=[ \t]+[A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*)*(?:,|[ \t]+and[ \t]))"
)


# a number that ends a short heading standing as a block of its own, after a word, above a
# numbered paragraph ("B." / "" / "External support to RSF 101" / "95. As part of ..."): a
# PDF's text sets a heading's note call so. A guess, and only where the heading has two words
# or more before it and no sentence's punctuation ("Map 1" is a label; "... killed at least
# 25" / "Palestinians ..." is a sentence going on, with no numbered paragraph under it).
_HEADING_CALL = lazy_compile(
    r" (?<=[A-Za-z\]] )([1-9]\d{0,2})(?=[ \t]*\n[ \t]*[1-9]\d{0,2}\.[ \t])"
)
#: Longest heading whose closing number may be a call.
_HEADING_CHARS = 100
_HEADING_STOPS = frozenset(".,;!?")


def _heading_call(text: str, match: re.Match[str]) -> bool:
    """Whether the number ``match`` found closes a short heading that is a block of its own."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    heading = text[line_start : match.start()].strip()
    if not heading or len(heading) > _HEADING_CHARS or not heading[0].isupper():
        return False
    if len(heading.split()) < 2 or any(c in _HEADING_STOPS for c in heading):
        return False
    if line_start == 0:
        return True
    previous_start = text.rfind("\n", 0, line_start - 1) + 1
    return not text[previous_start : line_start - 1].strip()


# several calls in a row that lost their superscripts and the space between them ("abuse.1314",
# "warrant,1516", "crime.363738", "Clearview. 4647": notes 13 and 14, ...), a guess each: a run
# of digits glued to a word or standing after a sentence end, read as consecutive numbers (not
# after a capital: "ABC12345" is a code);
_CALL_RUN = lazy_compile(
    r"(?=\d)(?:(?<=[a-z\)\]”\"’,;:])|(?<![0-9]\.)(?<=\.)|(?<=[.;:”\"’)] ))(?!0)(\d{4,9})"
    r"(?=[\s,;:.)]|$)"
)
# a run of four digits that may be a year is read as one ("in 2019. 2020 was").
_RUN_YEAR = lazy_compile(r"1[89]\d\d|20\d\d")


def split_call_run(digits: str) -> list[int] | None:
    """The consecutive note numbers a run of digits is made of ("1314": 13, 14; "363738": 36,
    37, 38), or None when it is no such run (or, at four digits, may be a year)."""
    if len(digits) == 4 and _RUN_YEAR.fullmatch(digits):
        return None
    for width in (1, 2, 3):
        first = digits[:width]
        if first.startswith("0"):
            return None
        numbers = [int(first)]
        rest = digits[width:]
        while rest:
            following = str(numbers[-1] + 1)
            if not rest.startswith(following):
                break
            numbers.append(numbers[-1] + 1)
            rest = rest[len(following) :]
        if not rest and len(numbers) >= 2:
            return numbers
    return None


# "40 km2", "10 m3": an area or a volume whose exponent lost its superscript, not a call.
_UNIT_EXPONENT = lazy_compile(r"(?<![A-Za-z])(?:k?m|cm|mm|ft|mi)[23]$")
# "Table A.12", "section A.1", "Figures S.3": the number of a table, section or figure of an
# appendix after its letter and full stop, read back from the number, not a call.
_APPENDIX_LABEL = lazy_compile(
    r"(?<![A-Za-z])(?i:tables?|figures?|figs?\.|sections?|sects?\.|secs?\.|appendix|annex)"
    r"[ \t\n]+[A-Z]\.$"
)
#: Characters read back from a glued number for ``_APPENDIX_LABEL``.
_APPENDIX_LABEL_CHARS = 14


def _opens_line(text: str, position: int) -> bool:
    """Whether the figure that ends at ``position`` ("3.2." before "4") opens its line as a
    section number does; a year wrapped to the start of a line ("2022.6 The") does not."""
    first = position
    while first > 0 and (text[first - 1].isdigit() or text[first - 1] == "."):
        first -= 1
    if not blank_before(text, first):
        return False
    return not _YEAR_DOT.fullmatch(text, first, position)


_YEAR_DOT = lazy_compile(r"(?:1[89]|20)\d\d\.")


def _in_figure_column(text: str, position: int) -> bool:
    """Whether the figure that ends at ``position`` ("900." before "1") is a table's cell: set
    after a column's run of spaces or a tab, or the last group of a figure whose thousands a
    space parts ("66 900.1", "242 834.4"). A call glued to a sentence's figure follows a word
    and one space ("in 2022.6 Additionally")."""
    first = position
    while first > 0 and (text[first - 1].isdigit() or text[first - 1] == "."):
        first -= 1
    if blank_before(text, first):
        return False  # the start of a line: ``_opens_line`` decides
    before = text[max(0, first - 2) : first]
    return before.endswith("\t") or (
        len(before) == 2 and before[1] == " " and (before[0] in " \t" or before[0].isdigit())
    )


# The scans of glued calls, call runs and calls glued to a year begin with ``(?=\d)`` and a
# look-behind, tried at every position of a block. A glued call and a call run start where a
# run of digits does (what stands before them is never a digit), and a call glued to a year
# four digits after (a word edge stands before the year): each scan is matched only there, and
# finds what its ``finditer`` finds (a Hypothesis test compares them), about 1.6 times faster.
_DIGIT_RUN = lazy_compile(r"\d+")


def _digit_runs(text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """Where each run of digits in ``text[start:end]`` starts (``start`` for a run across it),
    and the offsets four digits into each run where a call glued to a year may start.

    One scan for both (from four characters back: the year of a call just after ``start``
    starts before it); two scans of the same digits were about 1 % of a long check."""
    starts: list[int] = []
    years: list[int] = []
    for run in _DIGIT_RUN.finditer(text, max(0, start - 4), end):
        first, stop = run.span()
        if stop <= start:
            continue
        starts.append(max(first, start))
        if start <= first + 4 < stop:
            years.append(first + 4)
    return starts, years


def iter_call_candidates(
    text: str, start: int, end: int, weak: bool = False
) -> Iterator[tuple[int, int, int, bool]]:
    """``(start, end, number, guessed)`` of each place in ``text[start:end]`` where a plain-digit
    note call may stand; ``guessed`` marks the weaker shapes (spaced, glued to a year). With
    ``weak``, only the weakest shape, a number set apart inside a sentence, which a caller may
    take only where the numbering expects exactly that call."""
    runs, years = ([], []) if weak else _digit_runs(text, start, end)
    # Each scan with whether its shape is a guess (all but a call glued to a word).
    scans: tuple[tuple[Iterator[re.Match[str]], bool], ...] = (
        (
            (_INNER_CALL.finditer(text, start, end), True),
            (_LIST_ITEM_CALL.finditer(text, start, end), True),
        )
        if weak
        else (
            (matches_at(_GLUED_CALL, text, runs, end), False),
            (_SLASH_CALL.finditer(text, start, end), False),
            (_SPACED_CALL.finditer(text, start, end), True),
            (
                (m for m in _HEADING_CALL.finditer(text, start, end) if _heading_call(text, m)),
                True,
            ),
            (matches_at(_YEAR_GLUED_CALL, text, years, end), True),
            (_LINE_START_CALL.finditer(text, max(0, start - 1), end), True),
        )
    )
    for scan, guessed in scans:
        for match in scan:
            group = match.lastindex or 1
            if (
                weak
                and _TO_AFTER.match(text, match.end(group))
                and _LABEL_BEFORE.search(
                    text, max(0, match.start(group) - _LABEL_BEFORE_CHARS), match.start(group)
                )
            ):
                continue  # "in annex 1 to its report": a label's number, not a call
            if group == 2 and (
                _opens_line(text, match.start(2)) or _in_figure_column(text, match.start(2))
            ):
                continue
            if group == 1 and _UNIT_EXPONENT.search(text, max(0, match.start(1) - 4), match.end(1)):
                continue
            if (
                not guessed
                and text[match.start(group) - 1 : match.start(group)] == "."
                and _APPENDIX_LABEL.search(
                    text, max(0, match.start(group) - _APPENDIX_LABEL_CHARS), match.start(group)
                )
            ):
                continue
            yield (
                match.start(group),
                match.end(group),
                int(match.group(group)),
                guessed,
            )
    if weak:
        return  # a run of calls is a guess of its own kind, found by the strong scan
    for match in _SPACED_PAIR.finditer(text, start, end):
        first, second = int(match.group(1)), int(match.group(2))
        if second <= first:
            continue
        yield match.start(1), match.end(1), first, True
        yield match.start(2), match.end(2), second, True
    for match in matches_at(_CALL_RUN, text, runs, end):
        numbers = split_call_run(match.group(1))
        if numbers is None:
            continue
        position = match.start(1)
        for number in numbers:
            width = len(str(number))
            yield position, position + width, number, True
            position += width


def _number(token: Token) -> int:
    return _shared_number(int(str(token).translate(_SUPERSCRIPT_DIGITS)))


@lru_cache(maxsize=2048)
def _shared_number(number: int) -> int:
    """One int object for each note number: a number past 256 was an object of its own (32
    bytes) for every call of a note, and a text calls its notes again and again."""
    return number


def _read_marker(tree: Tree[Token]) -> tuple[int, MarkerStyle]:
    style = _MARKER_STYLES[str(tree.data)]
    number = next(
        token
        for token in tree.children
        if isinstance(token, Token) and token.type in ("NOTE_NUMBER", "SUPERSCRIPT_NUMBER")
    )
    return _number(number), style


def parse_footnote_marker(text: str) -> tuple[int, MarkerStyle]:
    """``(number, style)`` of ``text`` that is one note call in full; ``GrammarError`` otherwise."""
    return _read_marker(parse_full(_GRAMMAR, text, "marker"))


def _read_body_start(tree: Tree[Token]) -> tuple[int, MarkerStyle, bool]:
    lead = next(child for child in tree.children if isinstance(child, Tree))
    kind = str(lead.data)
    if kind == "marker_lead":
        marker = next(child for child in lead.children if isinstance(child, Tree))
        number, style = _read_marker(marker)
        return number, style, False
    number_token = next(child for child in lead.children if isinstance(child, Token))
    if kind == "plain_lead":
        return _number(number_token), "plain", False
    return _number(number_token), "glued", True


def parse_footnote_body_start(text: str) -> tuple[int, MarkerStyle, int, bool] | None:
    """Whether ``text`` opens with a note number: ``(number, style, offset, recovered)`` or None.

    ``offset`` is where the note's own text starts in ``text`` (after the number, its marker
    and any space). ``recovered`` is True when OCR glued the number to the text (``6Another``):
    such a start is only a guess, which the caller confirms from the numbering around it.
    Leading whitespace is skipped.
    """
    if len(text) > _CACHED_LINE:
        # Read, not kept: the cache held a copy of each such text, a paragraph left on one
        # line as long as the document.
        return _body_start(text)
    return _cached_body_start(text)


#: The longest text whose reading is kept (real lines are shorter; see ``_cached_body_start``).
_CACHED_LINE = 2000


# Layout reads each content line as a possible note start, and again while filling the gaps of
# a chain (about three readings per line): the answer depends on the line alone. The lines read
# again are read again soon after: 1,024 kept read the seeds, practice and train texts with 78
# more readings than 4,096 (27,404 against 27,326; 512 kept, 32,667), and a full cache was about
# 0.8 MB of the peak of segmenting a long list.
@lru_cache(maxsize=1024)
def _cached_body_start(text: str) -> tuple[int, MarkerStyle, int, bool] | None:
    return _body_start(text)


def forget_body_starts() -> None:
    """Drop the kept readings of lines (segmentation calls this when it is done): a full cache
    (its lines, their readings and its links, about 1 MB) was held beside the document while
    its sources were read, when the peak of reading a long list is reached."""
    _cached_body_start.cache_clear()


#: The characters a note's body can open with, as the grammar's ``body_start`` reads one: a
#: number, a superscript digit, "<sup>", "[", "^" or "$" (``tests/parsers/test_footnotes.py``
#: checks them against the first terminals of the rule). Most lines tried open with a word,
#: and are no note's start without a parse.
BODY_START_FIRST = frozenset("123456789¹²³⁴⁵⁶⁷⁸⁹<[^$")

_HAS_WORD = lazy_compile(r"\w")


def _body_start(text: str) -> tuple[int, MarkerStyle, int, bool] | None:
    lead = len(text) - len(text.lstrip())
    if text[lead : lead + 1] not in BODY_START_FIRST:
        return None
    found = parse_prefix(_GRAMMAR, text, "body_start", lead, min(len(text), lead + _MAX_LEAD))
    if found is None:
        return None
    tree, length = found
    offset = lead + length
    if not _HAS_WORD.search(text, offset):
        # A bare number is not a note body, nor a call standing alone after a figure with only
        # the sentence's full stop after it ("[footnote 63]." on a GOV.UK page): a note has words.
        return None
    number, style, recovered = _read_body_start(tree)
    return number, style, offset, recovered


# A figure, and a number of up to three digits set after it before a word ("$2.35 2 billion"):
# PDF text gives a superscript after a figure either glued to it or so.
_FIGURE = lazy_compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)(?:[ \t](\d{1,3})(?=[ \t]+[a-z]))?(?!\w)")


def _starts_line(text: str, position: int) -> bool:
    """Whether only spaces stand before ``position`` on its line (each figure walks back over
    its own run of spaces only, so a scan stays linear)."""
    while position > 0 and text[position - 1] in " \t":
        position -= 1
    return position == 0 or text[position - 1] == "\n"


_AFTER_GLUED_CALL = frozenset(["", "\n", ".", ",", ";", ":", ")"])


# A capitalised name or short form right before a number, one space between ("CoE-Commissioner ").
_NAME_BEFORE = lazy_compile(r"(?<![\w/-])[A-Z][\w/-]*[A-Za-z] $")


# Or a word in lower case that is no function word (a noun: "Evaluation Office summary 2 of
# 33 evaluations", as ``pdftotext -layout`` sets a superscript), a word in lower case after the
# number and no unit: "and 104 others", "from 52 per cent" count.
_NOUN_BEFORE = lazy_compile(
    r"(?<![\w/-])(?!(?:and|or|of|the|to|in|by|for|with|from|at|on|than|about|some|over|under"
    r"|all|only|least|most|nearly|almost|around|approximately|another|other|every|each"
    r"|these|those|were|was|are|is|be|been|had|has|have)\b)[a-z]{3,} $"
)
_WORD_AFTER = lazy_compile(
    r"[ \t]+(?!(?:per|percent|million|billion|thousand|hundred|times|years?|months?|weeks?"
    r"|days?|hours?|km|kg|tons?|tonnes?)\b)[a-z]"
)


def iter_possible_calls(text: str, start: int, end: int, number: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each place in ``text[start:end]`` where a call of note ``number``
    may have been lost to the figure before it: glued to its end (``1898`` for ``189`` and note
    8) or set after it (``$2.35 2 billion``), or the note's own number set apart after a name
    ("HRORS103 and CoE-Commissioner 104 made similar observations", a call that lost its
    superscript and kept its space). A figure ends so as often ("2018", "3 2 1"), and a number
    stands so as often, so these are never calls, only places to point a reader to."""
    digits = str(number)
    for match in _FIGURE.finditer(text, start, end):
        figure, after = match.group(1), match.group(2)
        if after is not None:
            if after == digits:
                yield match.start(2), match.end(2)
        elif figure == digits and (
            _NAME_BEFORE.search(text, max(0, match.start(1) - 40), match.start(1))
            or (
                _NOUN_BEFORE.search(text, max(0, match.start(1) - 40), match.start(1))
                and _WORD_AFTER.match(text, match.end(1))
            )
        ):
            # After a name, the source the call is for; "from 52 per cent" is a figure.
            yield match.start(1), match.end(1)
        elif (
            figure.isdigit()
            and len(figure) > len(digits)
            and figure.endswith(digits)
            and text[match.end(1) : match.end(1) + 1] in _AFTER_GLUED_CALL
            and not _starts_line(text, match.start(1))
        ):
            # A call ends a phrase: a figure before a unit ("52 per cent") or opening a line
            # (a paragraph's number) has none glued to it.
            yield match.end(1) - len(digits), match.end(1)


def iter_glued_bodies(
    text: str, line_index: LineIndex, start: int, end: int, plain: bool = False
) -> Iterator[tuple[int, int, int]]:
    """``(number, lead, offset)`` of each note that may start inside ``text[start:end]``.

    A block of notes may hold one note per line, and OCR often runs the next note on after the
    end of the previous one ("...St. Petersburg. 27AI Index: ..."). Every candidate at a line
    start or after a sentence end is yielded; the caller keeps those that continue the
    numbering. ``lead`` is where the glued note's number starts (so where the
    note before it ends) and ``offset`` where its own text starts. With ``plain``, a plain
    number after a sentence's end inside a line too ("... subclasses. 4 These statutes"), as
    some PDF texts run a page's notes on: a guess the caller confirms by the numbering and
    the calls.
    """
    del line_index  # offsets are absolute already; kept for the iter_* signature
    for match in _NEXT_NOTE_CANDIDATE.finditer(text, start, end):
        position = match.end()
        if position == start:
            continue
        limit = end
        if plain and text[end : end + 1] == "\n":
            # A number that ends the line may open a note whose text is on the next line.
            next_end = text.find("\n", end + 1)
            limit = len(text) if next_end == -1 else next_end
        parsed = parse_footnote_body_start(text[position : min(limit, position + _MAX_LEAD * 4)])
        if parsed is None:
            continue
        number, style, offset, _recovered = parsed
        at_line_start = text[position - 1] == "\n"
        if style == "plain" and not at_line_start and not plain:
            continue  # "in 2000. 5 members": a bare number mid-line is not a note
        yield number, position, position + offset


def iter_footnote_markers(
    text: str, line_index: LineIndex, start: int = 0, end: int | None = None
) -> Iterator[FootnoteMarker]:
    """Every note call in ``text[start:end]``, with its span (absolute offsets)."""
    stop = len(text) if end is None else max(0, min(end, len(text)))
    for match in _MARKER_CANDIDATE.finditer(text, max(0, start), stop):
        first = match.start()
        if text[first] in "¹²³⁴⁵⁶⁷⁸⁹" and _UNIT_BEFORE.search(text, max(0, first - 6), first):
            continue
        if text[first] in "[¹²³⁴⁵⁶⁷⁸⁹" and first > 0 and text[first - 1] in "¹²³⁴⁵⁶⁷⁸⁹⁰":
            continue
        found = parse_prefix(_GRAMMAR, text, "marker", first, min(stop, first + _MAX_LEAD))
        if found is None:
            continue
        tree, length = found
        number, style = _read_marker(tree)
        yield FootnoteMarker(number, line_index.span(first, first + length), style)

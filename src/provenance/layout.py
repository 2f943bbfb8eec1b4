"""Structure found by layout, not by headings: notes by their numbering, source lists by shape.

Headings are strong evidence of a notes zone or a reference list, but real reports lose them
(web copies of IRB responses), run them into the next line (UN "Notes" above "1") or never had
them (notes at the foot of each page of a PDF). This module finds both from what the lines
themselves show:

- **Notes**: lines that open with a note number (a grammar decides, ``footnote.lark``) form
  chains 1, 2, 3 ... in reading order; the chain whose numbers are also *called* in the text
  before their bodies, in order, is the notes. Numbered paragraphs form chains too, but nothing
  calls them.
- **Source legends**: items "short form, then the body it stands for" in a report's first
  notes (``source_legend``; ``legend.lark`` reads each item).
- **Source lists**: a list that ends the document without a heading, entry by entry as the
  reference grammar reads them (``trailing_source_list``).

Each result carries a confidence (the share of its notes that are called), which rules read.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from itertools import pairwise

import attrs

from provenance.errors import GrammarError
from provenance.folding import squeeze_spaces
from provenance.parsers.dates import is_date
from provenance.parsers.footnotes import (
    iter_call_candidates,
    iter_footnote_markers,
    iter_glued_bodies,
    parse_footnote_body_start,
)
from provenance.parsers.legends import LegendItem, parse_legend_item
from provenance.records import shared_methods
from provenance.regex_store import lazy_compile
from provenance.span import IndexedSequence, LineIndex, offset_typecode

#: The end of a line that broke a word with a hyphen ("Encues-", "poli-"), not a number's.
WORD_BROKEN_AT_END = lazy_compile(r"[^\W\d_]-$")


#: Words no entry of a source list (nor a name) ends with: a line that stops on one goes on in
#: the next.
OPEN_WORDS = frozenset(
    {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "the", "to", "with", "&"}
)

#: A chain shorter than this is not taken as notes without a heading (two numbered lines are
#: too common by chance), unless every one of its notes is called.
MIN_CHAIN = 3
#: Share of a chain's notes that must be called before their bodies.
MIN_CALLED = 0.5
#: Longest note number taken (UN reports run to about 150; four digits are years).
MAX_NOTE = 999
#: Highest number a chain may start from, when the numbers before it were lost (note 1's text
#: dropped, or its number moved away by a PDF's text): such a chain must be called throughout.
#: A later start is an excerpt's or a chapter's notes, taken only as ``_late_start`` allows.
LATEST_FIRST_NOTE = 3
#: Share of the notes called in a chain that does not start at 1 or skips two numbers.
MIN_CALLED_LOOSE = 0.8
#: Where a PDF's text breaks the page.
_FORM_FEED = "\f"
#: A page break (a form feed), as a PDF's text marks one; segmentation counts pages by it too.
PAGE_BREAK = lazy_compile(_FORM_FEED)


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class NoteStart:
    """A line that may open a note: its number, where the line's text starts, where the
    note's own text starts (None when the number stands alone on its line)."""

    number: int
    line_start: int
    line_end: int
    lead: int
    text_start: int | None
    #: Numbered paragraphs ("12.  The ...") are written one way and notes another ("12" alone,
    #: "12 JS2, para. 4"): a chain keeps to one way.
    period: bool = False
    #: A number a PDF's text moved to the end of its page's notes, away from its text, which
    #: stands without a number among the notes above (see ``_displaced_numbers``).
    displaced: bool = False

    @property
    def style(self) -> tuple[bool, bool]:
        return self.text_start is None, self.period


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class NoteChain:
    """Notes found by layout: their starts in order and the share of them called in the text."""

    starts: tuple[NoteStart, ...]
    called: float


def note_start(text: str, line_start: int, line_end: int) -> NoteStart | None:
    """The note a line opens, if any (the footnote grammar decides the number and its lead)."""
    line = text[line_start:line_end]
    stripped = line.strip()
    if not stripped:
        return None
    lead = line_start + len(line) - len(line.lstrip())
    # "12" or "12." alone: the note's text follows on the next lines (UN endnotes; web pages
    # converted to text, whose list numbers stand above their items); "12/" alone, a 1990s
    # UN document's note in plain PDF text, is set as a note is, not as a numbered paragraph.
    alone = stripped[:-1] if stripped.endswith((".", "/")) else stripped
    if alone.isascii() and alone.isdigit():  # "²" is a digit to str.isdigit
        number = int(alone)
        if 1 <= number <= MAX_NOTE and alone[0] != "0":
            period = stripped.endswith(".")
            return NoteStart(number, line_start, line_end, lead, None, period)
        return None
    parsed = parse_footnote_body_start(line)
    if parsed is None:
        return None
    number, _style, offset, recovered = parsed
    if recovered:
        return None  # "6Another": only a guess; the heading-driven pass confirms those
    if len(stripped) <= _LONGEST_DATE and is_date(stripped, ".,;"):
        return None  # "12 January 2026" alone on its line: a table's cell, not a note
    digits = len(str(number))
    period = text[lead + digits : lead + digits + 1] == "."
    return NoteStart(number, line_start, line_end, lead, line_start + offset, period)


#: Longest line read as a date alone ("12 September 2026" and a stop).
_LONGEST_DATE = 24


#: Most characters between a note and the next when the two are set different ways (a number
#: alone above its text, a number opening its text): a page-foot note's text or two.
_SWITCH_REACH = 800


def _among_figures(
    text: str, lines: Sequence[tuple[int, int]], line_starts: Sequence[int], start: NoteStart
) -> bool:
    """Whether a number alone on its line stands beside another number alone that is not the
    note before or after it ("40", "30", "20", "10", "0": a chart's axis as a PDF's text sets
    it, three or more in a row): a note's number alone has its text under it, or the number
    of the note next to it ("3", "4", then their texts; "3" then the page's number "2")."""
    if start.text_start is not None:
        return False
    position = bisect_right(line_starts, start.line_start) - 1

    def bare(index: int) -> int | None:
        if not 0 <= index < len(lines):
            return None
        first, last = lines[index]
        # A chart's axis stands on one page: the next page's first paragraph number ("14.")
        # is no figure beside a page's last note number.
        low, high = sorted((first, start.line_start))
        if _FORM_FEED in text[low:high]:
            return None
        other = text[first:last].strip().rstrip(".")
        return int(other) if other.isascii() and other.isdigit() else None

    beside = (start.number - 1, start.number + 1)
    if not any(
        (other := bare(index)) is not None and other not in beside
        for index in (position - 1, position + 1)
    ):
        return False
    # A run of three numbers or more: an axis, not a note's number beside the page's ("7",
    # "4", then note 7's text).
    run = 1
    for step in (-1, 1):
        index = position + step
        while bare(index) is not None:
            run += 1
            index += step
    return run >= _FIGURE_RUN


#: Fewest numbers alone in a row that make a chart's axis or a table's column.
_FIGURE_RUN = 3


def _chains(
    starts: Sequence[NoteStart],
    on_call_page: Callable[[NoteStart], bool] | None = None,
    called: Callable[[NoteStart], bool] | None = None,
    bridged: Callable[[NoteStart, NoteStart], bool] | None = None,
    may_start_late: Callable[[NoteStart], bool] | None = None,
    switched: Callable[[NoteStart, NoteStart], bool] | None = None,
) -> list[list[int]]:
    """Maximal chains 1, 2, 3 ... (indices into ``starts``, in reading order), longest first;
    a chain may skip one number (a note whose text was lost).

    Where ``called`` tells which starts are called in the text before them, a chain may also
    start at 2 or 3 (note 1's number lost) from a called start, or later from a called start
    that opens its text on its line (an excerpt's notes), and skip two numbers between
    two called starts where ``bridged`` accepts the gap (a lost note beside one whose number a
    PDF moved to the page foot): ``find_note_chain`` asks more of the calls of such a chain.
    A chain goes on from a note set the other way (its number alone above its text, or opening
    its text) where ``switched`` accepts the pair (the note's call stands between the two, on
    the note's page), up to two numbers further where ``bridged`` accepts the gap.

    For each number the best chain ending there so far is kept, so the search is linear: the
    one with most notes called before them (numbers nothing calls, a contents page's, chain
    too), then the longest. Of two such chains ending at the same number, the one whose last
    note stands on the page where that note is called is kept (a page-foot note, not a table's
    numbered cell or a page number on the next page), then the later one.
    """
    # (style, number) -> (chain length, on the page of its call, index of its last start)
    best: dict[tuple[tuple[bool, bool], int], tuple[int, bool, int]] = {}
    parent: dict[int, int] = {}
    is_called = [called is not None and called(start) for start in starts]
    # Index of a chain's last start -> how many of the chain's starts are called: of two chains,
    # the one with more called notes is the notes (a contents page's numbers alone chain too).
    weight: dict[int, int] = {}
    for index, start in enumerate(starts):
        number, style = start.number, start.style
        # The note before, or the one before that when a note's text was lost; of the two, the
        # one with the longer run behind it, then the nearer one (a run of notes is not
        # continued from a numbered paragraph far above, nor past its own note 13 from a line
        # below it that opens with "12 August 1949").
        before = [best[key] for key in ((style, number - 1), (style, number - 2)) if key in best]
        for gap in (1, 2, 3):
            other = best.get(((not style[0], style[1]), number - gap))
            if other is None:
                continue
            earlier = starts[other[2]]
            if gap == 3 and (bridged is None or not bridged(earlier, start)):
                continue
            # The note before set the other way: its number alone on its line above its text
            # where this one opens its text on its line ("1" then "Although ...", then "2 In
            # its decision ..."; "9" then its text, then "10 Part of ..."), as a PDF's text
            # splits some page-foot notes' first lines and not others, or one whose number a
            # PDF moved to the page foot between them. Past note 1 only right under it, among
            # the same page's notes: a table's cells and numbered lines set the other way
            # elsewhere are no continuation of the notes. The reverse (a number alone after a
            # note, as often the page's number) and a later page only where the note is
            # called on its page after the note before (``switched``).
            near = not style[0] and (
                (number == 2 and gap == 1) or start.line_start - earlier.line_end <= _SWITCH_REACH
            )
            if near or (switched is not None and switched(earlier, start)):
                before.append(other)
        if is_called[index] and (style, number - 3) in best:
            far = best[style, number - 3]
            if is_called[far[2]] and bridged is not None and bridged(starts[far[2]], start):
                before.append(far)
        if number == 1:
            length = 1
            parent[index] = -1
        elif before:
            # The one with most called notes; then the longest; then the one that skips fewest
            # numbers (a note, not a table's cell two numbers back); then the later.
            previous_length, _on_page, previous = max(
                before, key=lambda b: (weight[b[2]], b[0], starts[b[2]].number, b[2])
            )
            length = previous_length + 1
            parent[index] = previous
        elif is_called[index] and (
            number <= LATEST_FIRST_NOTE or (may_start_late or _may_start_late)(start)
        ):
            length = 1
            parent[index] = -1
        else:
            continue
        weight[index] = is_called[index] + (weight[parent[index]] if parent[index] != -1 else 0)
        on_page = on_call_page is None or on_call_page(start)
        held = best.get((style, number))
        if held is None or (weight[index], length, on_page) >= (weight[held[2]], *held[:2]):
            best[style, number] = (length, on_page, index)
    ends = sorted(
        ((weight[index], length, index) for length, _on_page, index in best.values()),
        reverse=True,
    )
    chains: list[list[int]] = []
    used: set[int] = set()
    for _weight, _length, index in ends:
        if index in used:
            continue
        chain = []
        cursor = index
        while cursor != -1:
            chain.append(cursor)
            cursor = parent[cursor]
        chain.reverse()
        # A chain that is the head of a longer one already taken is not a chain of its own.
        if chain[-1] in used or any(i in used for i in chain):
            continue
        used.update(chain)
        chains.append(chain)
    return chains


class _Calls:
    """Where each number may be called: grammar-read calls and plain-digit candidates."""

    def __init__(self, text: str, spans: Iterable[tuple[int, int]], index: LineIndex) -> None:
        positions: dict[int, list[int]] = defaultdict(list)
        weak: dict[int, list[int]] = defaultdict(list)
        for start, end in spans:
            for marker in iter_footnote_markers(text, index, start, end):
                positions[marker.number].append(marker.span.start)
            for first, _end, number, _guessed in iter_call_candidates(text, start, end):
                positions[number].append(first)
            for first, _end, number, _guessed in iter_call_candidates(text, start, end, True):
                weak[number].append(first)
        self._positions = {n: sorted(p) for n, p in positions.items()}
        for number, places in positions.items():
            weak[number].extend(places)
        self._weak = {n: sorted(p) for n, p in weak.items()}

    def first_between(self, number: int, after: int, before: int, weak: bool = False) -> int | None:
        """The first place ``number`` may be called between two offsets; with ``weak``, the
        weakest candidates count too (for a note the layout already shows)."""
        positions = (self._weak if weak else self._positions).get(number)
        if not positions:
            return None
        i = bisect_right(positions, after)
        if i < len(positions) and positions[i] < before:
            return positions[i]
        return None


def _called_through(calls: _Calls, before: NoteStart, after: NoteStart) -> bool:
    """Whether ``before``, every number a chain skips after it and ``after`` are called in
    that order, each strictly (not the weakest shape) and before ``after``'s line."""
    position = calls.first_between(before.number, -1, before.line_start)
    for number in range(before.number + 1, after.number + 1):
        if position is None:
            return False
        position = calls.first_between(number, position, after.line_start)
    return position is not None


def _called_share(chain: Sequence[NoteStart], calls: _Calls, weak: bool = False) -> float:
    """Share of the chain's notes called, in order, before their own bodies (with ``weak``, by
    the weakest candidates too)."""
    position = -1
    called = 0
    for start in chain:
        found = calls.first_between(start.number, position, start.line_start, weak)
        if found is not None:
            called += 1
            position = found
    return called / len(chain)


def find_note_chain(
    text: str,
    line_index: LineIndex,
    lines: Sequence[tuple[int, int]],
    prose: Sequence[tuple[int, int]],
) -> NoteChain | None:
    """The best-evidenced chain of notes among ``lines`` (content lines: no furniture), whose
    calls are looked for in ``prose``; None when no chain is called often enough."""
    starts: list[NoteStart] = []
    guessed: list[NoteStart] = []
    # Where a note may run on after a sentence: one scan of the text, not a search a line
    # (a match never crosses a line's end); the lines, in order, are met in step with them.
    run_on = _run_on_places(text)
    next_run_on = 0
    for start, end in lines:
        if (found := note_start(text, start, end)) is not None:
            starts.append(found)
        elif (found := _glued_start(text, start, end)) is not None:
            guessed.append(found)
        while next_run_on < len(run_on) and run_on[next_run_on] < start:
            next_run_on += 1
        if next_run_on < len(run_on) and run_on[next_run_on] < end:
            guessed.extend(_run_on_starts(text, line_index, start, end))
    if not starts and len(guessed) < _MIN_GUESSED:
        return None
    # An array: a list of the lines' first offsets held an int object each.
    line_starts = array(offset_typecode(len(text)), (start for start, _end in lines))
    starts = [s for s in starts if not _among_figures(text, lines, line_starts, s)]
    if not starts and len(guessed) < _MIN_GUESSED:
        return None
    displaced = _displaced_numbers(text, starts, line_starts)
    if displaced:
        # By line, one start a line: a search of the list for every start was quadratic on a
        # long text (100 MB of reports: 598 s against 27 s for 16 MB).
        moved_lines = {start.line_start for start in displaced}
        starts = [start for start in starts if start.line_start not in moved_lines]
    # A note's own number is never before its own line, so it cannot pass for its call.
    calls = _Calls(text, prose, line_index)
    page_breaks = [match.start() for match in PAGE_BREAK.finditer(text)]

    def on_call_page(start: NoteStart) -> bool:
        call = calls.first_between(start.number, -1, start.line_start)
        return call is not None and bisect_right(page_breaks, call) == bisect_right(
            page_breaks, start.line_start
        )

    def called(start: NoteStart) -> bool:
        # Weak candidates count ("planning, 19" at a line's end): the chain's share of calls,
        # read strictly, still decides.
        return calls.first_between(start.number, -1, start.line_start, weak=True) is not None

    displaced_at = {start.number: start.line_start for start in displaced}
    moved_numbers = sorted(displaced_at)  # searched for every chain that starts late

    def moved_below(before: NoteStart, number: int) -> bool:
        # The number stands moved below its page's notes, after ``before``'s line.
        return displaced_at.get(number, -1) > before.line_start

    def bridged(before: NoteStart, after: NoteStart) -> bool:
        # Two numbers missing in a row are one lost note and one whose number a PDF moved to
        # the foot of the page below, or notes whose texts were lost but whose calls stand in
        # order between the calls of the notes either side: any other such gap is the end of
        # the notes.
        return any(
            moved_below(before, n) for n in range(before.number + 1, after.number)
        ) or _called_through(calls, before, after)

    def may_start_late(start: NoteStart) -> bool:
        # A number alone may open an excerpt's notes where the number of the note before it
        # stands below it on its page: a PDF's text moved it there from the page's first note
        # ("98", its text, ..., "101", its text, then "97"), which no page number does.
        if _may_start_late(start):
            return True
        moved = displaced_at.get(start.number - 1, -1)
        return (
            start.text_start is None
            and not start.period
            and moved > start.line_start
            and _FORM_FEED not in text[start.line_start : moved]
        )

    def switched(before: NoteStart, after: NoteStart) -> bool:
        # A page's notes set another way than the page's before: the note is called after the
        # note before it, on its own page, as a page-foot note is, and the note before is
        # called too (not a contents page's numbers alone).
        call = calls.first_between(after.number, before.line_end, after.line_start)
        return (
            call is not None
            and bisect_right(page_breaks, call) == bisect_right(page_breaks, after.line_start)
            and called(before)
        )

    def moved_between(before: NoteStart, after: NoteStart) -> bool:
        # The numbers a chain skips are there, moved below their pages' notes.
        return all(moved_below(before, n) for n in range(before.number + 1, after.number))

    def glued_inside(before: NoteStart, after: NoteStart) -> bool:
        # The numbers a chain skips open notes run on inside the text of the note before.
        return all(
            _inside_start(text, line_index, before, after.line_start, n, calls) is not None
            for n in range(before.number + 1, after.number)
        )

    def filled_between(before: NoteStart, after: NoteStart) -> bool:
        return moved_between(before, after) or glued_inside(before, after)

    def search(starts: list[NoteStart]) -> NoteChain | None:
        best: NoteChain | None = None
        best_rank = (0, 0)
        # A chain that starts late is taken only where no chain from the first notes is: past two
        # lost numbers the later notes are not the notes in place of those before the gap.
        late: NoteChain | None = None
        lates: list[tuple[NoteStart, ...]] = []  # every chain that may start late, for excerpts
        for chain in _chains(starts, on_call_page, called, bridged, may_start_late, switched):
            members = tuple(starts[i] for i in chain)
            if _follows_list_lead(text, lines, line_starts, members[0]):
                continue
            share = _called_share(members, calls)
            if _loose(members) and share < MIN_CALLED_LOOSE:
                # Not called enough to bridge two lost numbers: what comes before the gap is read
                # as it was without the bridge.
                members = _before_wide_gap(members)
                if not members:
                    continue
                share = _called_share(members, calls)
            if 2 * sum(_capitals_heading(text, start) for start in members) > len(members):
                # "1. INTRODUCTION", "2. GENERAL GUIDE LINES", ...: a paper's numbered sections,
                # whose numbers its text holds glued to words by chance, not its notes.
                continue
            if members[0].number > LATEST_FIRST_NOTE:
                # The first moved number from the one before the chain's first: is it in the chain?
                at = bisect_left(moved_numbers, members[0].number - 1)
                moved = at < len(moved_numbers) and moved_numbers[at] <= members[-1].number
                if _late_start(members, share, filled_between, moved):
                    lates.append(members)
                    if late is None or len(members) > len(late.starts):
                        late = NoteChain(members, share)
                continue
            if len(members) < MIN_CHAIN and (
                share < 1.0 or all(_numbered_heading(text, start) for start in members)
            ):
                continue
            if share < MIN_CALLED and not (
                _under_rules(text, members) and _called_share(members, calls, True) >= MIN_CALLED
            ):
                # Under the rules that open a PDF's page feet, calls the scans only guess (a
                # number set apart after a semicolon, "security; 3 a further") count too.
                continue
            # Of two chains with as many notes called, the one more of whose notes are called on
            # their own page: page-foot notes, not an annex's numbered paragraphs that figures
            # of the pages before happen to "call" ("1.  The tables below", "3.  The remaining").
            rank = (round(share * len(members)), sum(map(on_call_page, members)))
            if best is None or rank > best_rank:
                best, best_rank = NoteChain(members, share), rank
        best = best or late
        if best is None:
            return None
        # Displaced numbers first: a gap they fill is not searched for elsewhere.
        filled = _with_displaced(text, best.starts, displaced, calls)
        filled = _fill_gaps(text, lines, filled, calls)
        filled = _with_glued_next(text, lines, filled, calls)
        filled = _with_inside_starts(text, line_index, filled, calls)
        filled = _with_later_runs(filled, lates)
        filled = _with_restarts(starts, filled, calls)
        return attrs.evolve(best, starts=filled) if filled != best.starts else best

    chain = search(starts)
    if not guessed:
        return chain
    # Numbers glued to their notes' texts at a line's start ("11Most of the studies", as the
    # PDF texts of GAO and EPA reports set them) and notes run on inside a line after a
    # sentence ("... subclasses. 4 These statutes") are only guesses: a chain that takes them
    # is read where two of them or more are called, each strictly and before its line, and
    # the chain has more notes called than the one without them.
    strictly = {
        start.line_start
        for start in guessed
        if calls.first_between(start.number, -1, start.line_start) is not None
    }
    # A guess can be taken only if strictly called, and only for a number the chain lacks
    # (the chain keeps all its notes, one for each number): too few such guesses, no search.
    held = set() if chain is None else {start.number for start in chain.starts}
    if (
        sum(1 for start in guessed if start.line_start in strictly and start.number not in held)
        < _MIN_GUESSED
    ):
        return chain
    with_guessed = search(sorted((*starts, *guessed), key=lambda start: start.line_start))
    if with_guessed is None:
        return chain
    guessed_at = {start.line_start for start in guessed}
    taken = [start for start in with_guessed.starts if start.line_start in guessed_at]
    if len(taken) < _MIN_GUESSED or any(start.line_start not in strictly for start in taken):
        return chain
    # Guesses add notes; they never displace one read without guessing.
    kept = {start.line_start for start in with_guessed.starts}
    if chain is not None and any(start.line_start not in kept for start in chain.starts):
        return chain
    if chain is not None and _called_count(with_guessed.starts, calls) <= _called_count(
        chain.starts, calls
    ):
        return chain
    return with_guessed


def _inside_start(
    text: str, line_index: LineIndex, before: NoteStart, limit: int, number: int, calls: _Calls
) -> NoteStart | None:
    """Note ``number`` where a PDF's text ran it on inside the text of the note ``before``
    (up to ``limit``), after a sentence's end and glued to its own text ("... 1994). 34See, for
    example"), called strictly before it and after the note before is called."""
    first = before.text_start if before.text_start is not None else before.line_end
    for found, lead, offset in iter_glued_bodies(text, line_index, first, limit):
        if found != number or text[lead - 1] == "\n":
            continue
        called_before = calls.first_between(before.number, -1, before.line_start)
        after = -1 if called_before is None else called_before
        if calls.first_between(number, after, lead) is None:
            continue
        line_end = text.find("\n", lead)
        return NoteStart(number, lead, len(text) if line_end == -1 else line_end, lead, offset)
    return None


def _with_inside_starts(
    text: str, line_index: LineIndex, members: tuple[NoteStart, ...], calls: _Calls
) -> tuple[NoteStart, ...]:
    """The chain with the notes it skips that run on inside the text of the note before
    (``_inside_start``): the numbering expects them there, and nothing else starts a line."""
    added: list[NoteStart] = []
    # By position, not number: a displaced number or a note set out of order stands among
    # the others, and a number the chain holds is never looked for again.
    present = {start.number for start in members}
    for before, after in pairwise(members):
        if before.displaced or after.displaced:
            continue
        for number in range(before.number + 1, after.number):
            if number in present:
                break
            found = _inside_start(text, line_index, before, after.line_start, number, calls)
            if found is None:
                break
            added.append(found)
            before = found
    return _joined(members, added)


def _joined(members: tuple[NoteStart, ...], added: list[NoteStart]) -> tuple[NoteStart, ...]:
    """A chain's notes with those found for it added, in the order of their lines."""
    if not added:
        return members
    return tuple(sorted((*members, *added), key=lambda start: start.line_start))


#: Fewest guessed notes (numbers glued to their texts, notes run on inside a line) that a
#: chain must take to be read with them.
_MIN_GUESSED = 2


def _glued_start(text: str, line_start: int, line_end: int) -> NoteStart | None:
    """The note a line opens with its number glued to its text ("11Most of the studies"),
    which ``note_start`` leaves to the numbering around it."""
    line = text[line_start:line_end]
    parsed = parse_footnote_body_start(line)
    if parsed is None or not parsed[3]:
        return None
    lead = line_start + len(line) - len(line.lstrip())
    return NoteStart(parsed[0], line_start, line_end, lead, line_start + parsed[2])


def _run_on_starts(
    text: str, line_index: LineIndex, line_start: int, line_end: int
) -> Iterator[NoteStart]:
    """Notes a PDF's text ran on inside a line after a sentence's end, their numbers plain
    or glued ("... subclasses. 4 These statutes are", "... 1994). 34See"): each a guess, with
    the text opening in capitals, as a note's text does ("in 2000. 5 members" does not).
    ``find_note_chain`` asks only of lines where ``_RUN_ON`` matches."""
    first = line_start + len(text[line_start:line_end]) - len(text[line_start:line_end].lstrip())
    for number, lead, offset in iter_glued_bodies(text, line_index, first, line_end, plain=True):
        # Set apart from the sentence before, with no full stop of its own (a numbered
        # paragraph's).
        if (
            lead > first
            and _RUN_ON.match(text, _run_on_from(text, lead))
            and text[lead + len(str(number))] != "."
            and text[offset : offset + 1].isupper()
        ):
            yield NoteStart(number, lead, line_end, lead, offset)


def _run_on_from(text: str, lead: int) -> int:
    """Where the sentence end before a run-on note's number stands (its closing marks)."""
    position = lead
    while position > 0 and text[position - 1] in " \t":
        position -= 1
    while position > 0 and text[position - 1] in _CLOSERS:
        position -= 1
    return max(0, position - 1)


_CLOSERS = ".;)\"”’'"
#: Where a note may run on inside a line: a sentence's end after a word or a figure, white
#: space, then a number ("2.1. Falsos" is a section's number, "1998. 16 Unaddressed" a note).
_RUN_ON = lazy_compile(r"[^\W_][.;)\"”’']+[ \t]+[1-9]")
#: ``_RUN_ON`` after its word character: a scan that opens with the closing marks skips to
#: them in C, where one that opens with a word character is tried at every letter.
_RUN_ON_TAIL = lazy_compile(r"[.;)\"”’']+[ \t]+[1-9]")


def _run_on_places(text: str) -> list[int]:
    """Where ``_RUN_ON`` matches in ``text``: ``[m.start() for m in _RUN_ON.finditer(text)]``,
    found from its closing marks (a word character before them, not inside the match before)."""
    places: list[int] = []
    taken = 0  # where the last match ended: the next may not begin before it
    for match in _RUN_ON_TAIL.finditer(text, 1):
        before = match.start() - 1
        if before >= taken and text[before].isalnum():  # ``[^\W_]``
            places.append(before)
            taken = match.end()
    return places


def _called_count(chain: Sequence[NoteStart], calls: _Calls) -> int:
    """How many of the chain's notes are called, in order, before their own bodies."""
    return round(_called_share(chain, calls) * len(chain))


def _with_later_runs(
    members: tuple[NoteStart, ...], runs: Sequence[tuple[NoteStart, ...]]
) -> tuple[NoteStart, ...]:
    """The chain with the runs of notes an excerpt keeps after it: notes 1-4, then 8-9 and
    14-16 of the pages kept further on, each run called throughout and in order (``_late_start``)
    and going on past the chain's last number, below its last note."""
    for run in sorted(runs, key=lambda run: run[0].line_start):
        last = members[-1]
        if run[0].number > last.number and run[0].line_start > last.line_start:
            members = (*members, *run)
    return members


#: Fewest notes of a part that numbers its notes from 1 again (one "1" is any figure's).
_MIN_RESTART = 2


def _with_restarts(
    starts: Sequence[NoteStart], members: tuple[NoteStart, ...], calls: _Calls
) -> tuple[NoteStart, ...]:
    """The chain with the notes of the parts after it that number their notes from 1 again (an
    annex's page-foot notes after the report's, a chapter's endnotes after the chapter before):
    notes set as the chain's are (a number alone above its text, or opening it; never "1." as
    a numbered paragraph is), from 1 in order, below the chain's last note, each called after
    the note before it (the first after the previous part's last note) and before its own
    text, one of them at least strictly. Figures "call" numbered lines at random: a run of
    two or more called in order is the evidence."""
    style = members[-1].style
    if style[1] or any(start.period for start in members):
        return members
    added: list[NoteStart] = []
    last = members[-1]
    while True:
        run: list[NoteStart] = []
        strict = False
        position = last.line_end
        for start in starts:
            if start.line_start <= last.line_start or start.style != style:
                continue
            if start.number != len(run) + 1:
                if start.number <= len(run):
                    break  # the numbering starts again: this part's run ends here
                continue
            call = calls.first_between(start.number, position, start.line_start, weak=True)
            if call is None:
                if run:
                    break
                continue  # a "1" nothing calls: a later one may open the part
            strict = strict or calls.first_between(start.number, position, start.line_start) == call
            run.append(start)
            position = call
        if len(run) < _MIN_RESTART or not strict:
            break
        added.extend(run)
        last = run[-1]
    return (*members, *added) if added else members


def _capitals_heading(text: str, start: NoteStart) -> bool:
    """Whether a line read as a note start is a section heading in capitals ("3. IMMEDIATE
    CHANGES"): a note's text is a sentence or a source, never a title in capitals."""
    if not start.period or start.text_start is None:
        return False
    title = text[start.text_start : start.line_end].strip()
    letters = [c for c in title if c.isalpha()]
    return (
        len(letters) >= _CAPITAL_LETTERS
        and all(c.isupper() for c in letters)
        and len(title.split()) <= _HEADING_WORDS
    )


#: Fewest letters of a title in capitals (not an abbreviation such as "UN" or "ILO").
_CAPITAL_LETTERS = 4


#: Most words of a numbered heading's title ("1. Base Estimate", "2. Alternative Estimate").
_HEADING_WORDS = 6


def _numbered_heading(text: str, start: NoteStart) -> bool:
    """Whether a line read as a note start is a numbered heading: "1." and a few capitalised
    words with no stop or other closing mark after them, where a note's text is a sentence or a
    source. Two such headings are called by chance wherever the text holds a "1" and a "2"
    ("levels.1", "in 2020.2"); a short chain of them is no evidence of notes."""
    if not start.period or start.text_start is None:
        return False
    title = text[start.text_start : start.line_end].strip()
    words = title.split()
    return 0 < len(words) <= _HEADING_WORDS and words[0][:1].isupper() and title[-1].isalnum()


#: Fewest words of a sentence that announces a list ("The analysis takes four perspectives:"):
#: a heading such as "Notes:" or "Endnotes and sources:" is shorter.
_LIST_LEAD_WORDS = 4


def _follows_list_lead(
    text: str, lines: Sequence[tuple[int, int]], line_starts: Sequence[int], first: NoteStart
) -> bool:
    """Whether the line before a chain's first note is a sentence ending in a colon: then the
    numbered lines are the items it announces ("... four perspectives:" / "1. A general study"),
    not notes, whatever marks elsewhere bear their numbers (authors' affiliations). Not across
    two blank lines or more: a page's foot stands so far below its last sentence ("... would be
    replaced by:", then the page's first note "1/   See A/48/23")."""
    position = bisect_right(line_starts, first.line_start) - 1
    if position <= 0:
        return False
    start, end = lines[position - 1]
    if text.count("\n", end, first.line_start) > _LIST_LEAD_GAP:
        return False
    previous = text[start:end].rstrip()
    # The words of its end only: the line may be a whole paragraph.
    return previous.endswith(":") and len(previous[-200:].split()) >= _LIST_LEAD_WORDS


#: A line of underscores alone: the rule above a PDF page's notes ("__________________").
_NOTES_RULE = lazy_compile(r"[ \t]*_{6,}[ \t]*\n(?:[ \t]*\n)*[ \t]*\Z")


def _under_rules(text: str, members: Sequence[NoteStart]) -> bool:
    """Whether the chain's notes stand at page feet under rules: its first note and at least
    half of its notes that open a page's run (the first after a page break) come right under a
    line of underscores, blank lines between at most."""
    heads = [
        start
        for index, start in enumerate(members)
        if index == 0 or _FORM_FEED in text[members[index - 1].line_end : start.line_start]
    ]
    ruled = [
        start
        for start in heads
        if _NOTES_RULE.search(text, max(0, start.line_start - _RULE_REACH), start.line_start)
    ]
    return bool(ruled) and ruled[0] is members[0] and 2 * len(ruled) >= len(heads)


#: How far above a page's first note its rule may stand (the rule and blank lines).
_RULE_REACH = 200


#: Most line breaks between a list's lead and its first item (one blank line).
_LIST_LEAD_GAP = 2


#: Fewest notes of a chain that starts late: one line that opens with a number the text also
#: holds ("8 CFR 1240.21(c)(1), the Court may ...") is no evidence of notes.
_LATE_CHAIN = 2


def _may_start_late(start: NoteStart) -> bool:
    """Whether a start may open a chain later than ``LATEST_FIRST_NOTE``: only a note that opens
    its text on its line, as notes do, not a number standing alone (a page number's shape) nor
    one with a full stop (a numbered paragraph's)."""
    return start.text_start is not None and not start.period


def _late_start(
    members: Sequence[NoteStart],
    share: float,
    filled: Callable[[NoteStart, NoteStart], bool] | None = None,
    moved: bool = False,
) -> bool:
    """Whether a chain that starts later than ``LATEST_FIRST_NOTE`` is an excerpt's or a
    chapter's notes: every note called in order before its text and no number skipped (but for
    numbers ``filled`` says stand elsewhere: moved below their page's notes), since nothing
    else (a first note, a heading) says these lines are notes and not a numbered list that
    happens to echo numbers in the text. Where numbers of the chain's notes were ``moved``
    below their pages' notes, as a PDF's text moves page-foot notes' numbers and nothing moves
    a list's, most notes called (``MIN_CALLED_LOOSE``) is enough: a call set inside a sentence
    ("Chaghab, 105 a former") is no sure call."""
    return (
        len(members) >= _LATE_CHAIN
        and (share == 1.0 or (moved and share >= MIN_CALLED_LOOSE))
        and all(
            b.number == a.number + 1 or (filled is not None and filled(a, b))
            for a, b in pairwise(members)
        )
    )


def _loose(members: Sequence[NoteStart]) -> bool:
    """Whether a chain lacks its first note or two notes in a row: numbered paragraphs and
    table cells chain that way by chance, so such a chain must be called more."""
    return members[0].number != 1 or any(b.number - a.number > 2 for a, b in pairwise(members))


def _before_wide_gap(members: Sequence[NoteStart]) -> tuple[NoteStart, ...]:
    """The notes of a chain from 1 up to where it skips two numbers (none if it starts later)."""
    if members[0].number != 1:
        return ()
    for index, (a, b) in enumerate(pairwise(members)):
        if b.number - a.number > 2:
            return tuple(members[: index + 1])
    return tuple(members)


def _displaced_numbers(
    text: str, starts: Sequence[NoteStart], line_starts: Sequence[int]
) -> list[NoteStart]:
    """Numbers standing alone as the last lines of a page, after a note with a higher number on
    the same page ("3", its text, then "2", then the page break): a PDF's text puts there the
    numbers of notes whose texts it printed, without the numbers, among the notes above. The
    numbers of the page's first two notes may go there together ("5", "6", their texts, then
    "3", "4"): a run of consecutive numbers alone on consecutive lines. Taken into a chain where
    they stand, they would break it (1, 2 read before 3)."""
    found: list[NoteStart] = []
    # The last start before the run set as its numbers are (no full stop): a numbered paragraph
    # ("9.") between a page's notes and the number moved below them is no note above it.
    last_of: dict[bool, NoteStart] = {starts[0].period: starts[0]} if starts else {}
    index = 1
    while index < len(starts):
        previous = last_of.get(starts[index].period, starts[index - 1])
        run = [starts[index]]
        # The run: the next numbers alone, each on the content line right after the one before.
        while index + len(run) < len(starts):
            following = starts[index + len(run)]
            last = run[-1]
            line_after = bisect_right(line_starts, last.line_start)
            if (
                following.text_start is not None
                or following.number != last.number + 1
                or line_after >= len(line_starts)
                or line_starts[line_after] != following.line_start
            ):
                break
            run.append(following)
        first, last = run[0], run[-1]
        index += len(run)
        for start in run:
            last_of[start.period] = start
        if first.text_start is not None or last.number >= previous.number:
            continue
        if _FORM_FEED in text[previous.line_start : first.line_start]:
            continue  # not the same page
        if _FORM_FEED in text[first.line_start : last.line_end]:
            continue
        page_end = text.find(_FORM_FEED, last.line_end)
        if page_end == -1:
            page_end = len(text)
        following_line = bisect_right(line_starts, last.line_start)
        if following_line < len(line_starts) and line_starts[following_line] < page_end:
            continue  # more than furniture follows it on the page
        found.extend(run)
    return found


def _with_displaced(
    text: str, members: tuple[NoteStart, ...], displaced: Sequence[NoteStart], calls: _Calls
) -> tuple[NoteStart, ...]:
    """The chain with the displaced numbers it lacks whose notes are called in the text before
    them, and whose note before in the numbering stands above them on the page."""
    if not displaced:
        return members
    by_number = {start.number: start for start in members}
    added = []
    for start in displaced:
        # The note before, or the one before that when the text of the note before was lost;
        # for the chain's first note, the note after it, above it on its page (the page's
        # first note, whose number went below the page's last).
        before = by_number.get(start.number - 1) or by_number.get(start.number - 2)
        after = by_number.get(start.number + 1)
        placed = (before is not None and before.line_start < start.line_start) or (
            before is None
            and after is not None
            and after is members[0]
            and after.line_start < start.line_start
            and _FORM_FEED not in text[after.line_start : start.line_start]
        )
        if (
            start.number not in by_number
            and placed
            and calls.first_between(start.number, -1, start.line_start, weak=True) is not None
        ):
            added.append(attrs.evolve(start, displaced=True))
            by_number[start.number] = start
    return _joined(members, added)


def _gap_start(
    text: str, line_start: int, line_end: int, numbers: AbstractSet[int]
) -> NoteStart | None:
    """The start of a note of ``numbers`` on a line, read as in a chain or with its number
    glued to its text ("28Wasserman, Herman"), which is only taken where the numbering expects
    it. The line is read once, not once for each number."""
    if not numbers:
        return None
    start = note_start(text, line_start, line_end) or _glued_start(text, line_start, line_end)
    return start if start is not None and start.number in numbers else None


def _fill_gaps(
    text: str, lines: Sequence[tuple[int, int]], members: tuple[NoteStart, ...], calls: _Calls
) -> tuple[NoteStart, ...]:
    """The chain with the notes it skipped, where the layout shows them: a chain may skip a
    number whose line it could not take (its number glued to its text, or the note set out of
    order by a PDF's extraction, "10 ...", "5 See ...", "11 ..."). A skipped note is taken from
    a line that opens with its number, is called in the text before it, and stands either
    between its neighbours in the numbering or right beside another note of the chain."""
    numbers = {start.number for start in members}
    # An excerpt's notes lack the numbers before their first: those were never in the text.
    lowest = 1 if members[0].number <= LATEST_FIRST_NOTE else members[0].number
    missing = set(range(lowest, max(numbers))) - numbers
    if not missing:
        return members
    positions = [start.line_start for start in members]
    periods = {start.period for start in members}
    by_line = {start.line_start: start for start in members}
    added: list[NoteStart] = []
    previous_content: int | None = None  # line start of the content line before
    for index, (line_start, line_end) in enumerate(lines):
        if line_start in by_line or not text[line_start:line_end].strip():
            previous_content = line_start
            continue
        found = _gap_start(text, line_start, line_end, missing)
        if found is not None and found.period not in periods:
            found = None  # a numbered paragraph ("38. It is necessary") among page-foot notes
        if found is None:
            previous_content = line_start
            continue
        number = found.number
        lower = [s.line_start for s in members if s.number < number]
        higher = [s.line_start for s in members if s.number > number]
        in_order = (not lower or max(lower) < line_start) and (
            not higher or line_start < min(higher)
        )
        following = lines[index + 1][0] if index + 1 < len(lines) else None
        beside = previous_content in by_line or following in by_line
        called = calls.first_between(number, -1, line_start) is not None
        # A number alone below the note after it on its page, where a PDF's text moved it
        # (into another note's text: "... $1 million.", "7", "Estimated ..."); its text is the
        # page's first, printed without it (``_page_top_bodies``).
        next_note = next((s for s in members if s.number == number + 1), None)
        moved = (
            found.text_start is None
            and not found.period
            and next_note is not None
            and next_note.line_start < line_start
            and _FORM_FEED not in text[next_note.line_start : line_start]
        )
        if called and (in_order or beside or moved) and positions[0] < line_start:
            added.append(attrs.evolve(found, displaced=True) if moved and not in_order else found)
            missing.discard(number)
        previous_content = line_start
    return _joined(members, added)


def _with_glued_next(
    text: str, lines: Sequence[tuple[int, int]], members: tuple[NoteStart, ...], calls: _Calls
) -> tuple[NoteStart, ...]:
    """The chain with the notes after its last whose numbers are glued to their texts ("5" /
    "The Federal ...", then "6See also ..."): a guess ``find_note_chain`` takes only two at a
    time, here taken one by one where it is the next number and its call stands between the
    note before and it (a page-foot note after its call, as each note of the chain is)."""
    last = max(members, key=lambda start: start.line_start)
    if last.number != max(start.number for start in members):
        return members
    added: list[NoteStart] = []
    at = bisect_right([line_start for line_start, _end in lines], last.line_start)
    for line_start, line_end in lines[at:]:
        found = _glued_start(text, line_start, line_end)
        if found is None or found.number != last.number + 1:
            continue
        if calls.first_between(found.number, last.line_end, line_start) is None:
            continue
        added.append(found)
        last = found
    return _joined(members, added)


# --------------------------------------------------------------------------- source lists

#: An unheaded entry runs over at most this many lines (IRB entries wrap over two or three).
MAX_UNHEADED_ENTRY_LINES = 4


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class ContentLine:
    """A line of text that is not furniture: where it is, and whether a blank line precedes it."""

    start: int
    end: int
    opens_block: bool


class ContentLines(IndexedSequence[ContentLine]):
    """Content lines kept as offsets, each made a ``ContentLine`` when read: every content line
    of a document is handed to ``trailing_source_list``, and an object and two int objects a
    line (about 130 bytes) were the peak of segmenting a text of short blocks."""

    __slots__ = ("_ends", "_opens", "_starts")

    def __init__(self, largest: int) -> None:
        """``largest``: no offset is larger (the text's length)."""
        code = offset_typecode(largest)
        self._starts = array(code)
        self._ends = array(code)
        self._opens = bytearray()

    def append(self, start: int, end: int, opens_block: bool) -> None:
        self._starts.append(start)
        self._ends.append(end)
        self._opens.append(opens_block)

    def __len__(self) -> int:
        return len(self._starts)

    def _item(self, index: int) -> ContentLine:
        return ContentLine(self._starts[index], self._ends[index], bool(self._opens[index]))


# A dated entry writes a year; text without one is not parsed at all.
_YEAR = lazy_compile(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)")
#: A copyright notice, the last line of most news items copied into a report: it names an
#: owner and a year but never a source, and is common enough that reading it with the reference
#: grammar would load that grammar (about 20 ms) for documents that have no source list.
_COPYRIGHT_NOTICE = lazy_compile(r"(?:copyright\b|\(c\)|©)", re.IGNORECASE)

#: Words an unheaded entry's first field may have: more is a sentence of prose that the
#: grammar's loose forms would take for a container ("In fact, the EPRLF was not ... (FBIS
#: 18 December 1990). The Hindu. 15 December 1990.").
MAX_FIRST_FIELD_WORDS = 12

#: Characters an unheaded entry may have (the longest entries of real lists have about 500): a
#: longer line is prose, which the grammar would otherwise read whole, holding a token for each
#: of its words (a PDF converted to one endless paragraph ends in such a line).
MAX_UNHEADED_ENTRY_CHARS = 2000


def _is_dated_entry(text: str, styles: frozenset[str] | None = None) -> bool:
    """Whether the reference grammar reads ``text`` as one dated entry (``_____.`` ditto lines
    included: they repeat the author above). A name alone, a web address or a title-first entry
    is not enough without a heading; ``styles``, when given, are the only kinds accepted."""
    if len(text) > MAX_UNHEADED_ENTRY_CHARS:
        return False
    first_field = text.partition(". ")[0]
    # Cheap checks first (the reference grammar is slow to load): an entry names its source and
    # writes a year, after the source ("The Hindu. 15 December 1990.") or with it ("Human Rights
    # Watch (2010). Title."); the grammar tells "Copyright 2004 Herald. All rights" from those.
    if len(first_field.split()) > MAX_FIRST_FIELD_WORDS or not _YEAR.search(text):
        return False
    if _COPYRIGHT_NOTICE.match(text):
        return False
    from provenance.parsers.references import reference_entry  # loaded for a likely entry only

    entry = reference_entry(text)
    # Without a heading the source must lead: an entry that opens with its quoted title is as
    # likely the wrapped title line of an IRB entry above ("Colombo Arming ...". FBIS. 1990.).
    if entry.kind in ("unstructured", "prose", "name-only", "title-first", "web"):
        return False
    if styles is not None and entry.kind not in styles:
        return False
    return entry.date is not None


#: What a line may start, by how the line before it ends.
_NO_ENTRY, _ANY_ENTRY, _IRB_ENTRY = 0, 1, 2
#: Entries that may start after a line ending in a comma: only the IRB form, whose source and
#: full stop before the date ("Hong Kong AFP [in English]. 30 January 1992.") no wrapped line
#: of a comma-separated entry has.
_AFTER_COMMA = frozenset({"irb"})


def _may_start_entry(text: str, lines: Sequence[ContentLine], i: int) -> int:
    """Whether a line can open an entry: when it does not continue a sentence (it opens a block,
    or the line before ends one) and does not start in lower case ("report (FBIS ...)"). After a
    line ending in a comma (an entry whose end a web copy lost: "Sri Lanka: Internal Flight
    Alternatives,") only an entry in the IRB form can start."""
    line = text[lines[i].start : lines[i].end].strip()
    if not line or line[0].islower():
        return _NO_ENTRY
    if lines[i].opens_block or i == 0:
        return _ANY_ENTRY
    before = text[lines[i - 1].start : lines[i - 1].end].rstrip()
    if before.endswith((".", ";", ":", '"', "”", ")", "]")):
        return _ANY_ENTRY
    return _IRB_ENTRY if before.endswith(",") else _NO_ENTRY


def trailing_source_list(text: str, lines: Sequence[ContentLine]) -> list[tuple[int, int]]:
    """The entries of a source list that ends the document without a heading, as spans.

    Copies of IRB responses served online lose their References and Attachment headings; the
    entries still stand at the end, each read by the reference grammar as a dated entry. From the
    last line backwards, a line starts an entry when the grammar reads it (joined with at most
    three following lines of its block) and what follows is entries too; the list starts at the
    first such line before a run of lines that no entry can start. Bounded: the search stops
    after ``MAX_UNHEADED_ENTRY_LINES`` lines that start nothing.
    """
    n = len(lines)
    following: list[int | None] = [None] * (n + 1)
    readable = bytearray(n + 1)  # a byte a line: whether an entry can start there
    readable[n] = True
    first = n
    misses = 0
    for i in range(n - 1, -1, -1):
        may_start = _may_start_entry(text, lines, i)
        styles = _AFTER_COMMA if may_start == _IRB_ENTRY else None
        if may_start == _NO_ENTRY:
            readable[i] = False
            misses += 1
            if misses >= MAX_UNHEADED_ENTRY_LINES:
                break
            continue
        parts: list[str] = []
        for j in range(i + 1, min(n, i + MAX_UNHEADED_ENTRY_LINES) + 1):
            if j - 1 > i and lines[j - 1].opens_block:
                break  # an entry never runs over a blank line
            parts.append(squeeze_spaces(text[lines[j - 1].start : lines[j - 1].end]))
            if readable[j] and _is_dated_entry(" ".join(parts), styles):
                readable[i], following[i] = True, j
                break
        if readable[i]:
            first, misses = i, 0
            continue
        misses += 1
        if misses >= MAX_UNHEADED_ENTRY_LINES:
            break
    entries: list[tuple[int, int]] = []
    i = first
    while i < n:
        after = following[i]
        assert after is not None
        entries.append((lines[i].start, lines[after - 1].end))
        i = after
    return entries


# --------------------------------------------------------------------------- source legends

#: A legend has at least this many items (two abbreviations in a note are a sentence).
MIN_LEGEND_ITEMS = 3
#: The notes a legend may stand in: UN summaries put it in their first or second note.
LEGEND_NOTES = 2


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class LegendEntry:
    """One legend item found in the text: its span (first line and the lines its name wraps
    onto) and what the grammar read."""

    start: int
    end: int
    item: LegendItem


def _abbreviation(short_form: str) -> bool:
    """A short form, not a word: two capitals, a digit or a joiner (AI, JS2, CoE-ECRI)."""
    capitals = sum(1 for c in short_form if c.isupper())
    return capitals >= 2 or any(c.isdigit() or c in "-/" for c in short_form)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


#: Share of a legend's short forms the other notes must cite ("JS2, para. 4"): a list of
#: abbreviations of treaties explains names and is cited by articles, not as sources.
MIN_LEGEND_CITED = 0.3


def _wraps_onto(item_text: str, line: str, indent: int) -> bool:
    """Whether ``line`` (no item itself) goes on with the item read so far: indented deeper than
    the item's first line, or as deep while the item is unfinished (UN legends end each item
    with ";" or "."; an attached document wraps under its own bracket, and a name may wrap back
    to the item's column: "CoE-CPT  ... Inhuman or Degrading" / "Treatment or Punishment").
    A line ending in ":" is a group label ("Joint submissions:"), not a wrapped name."""
    depth = _indent(line)
    if depth > indent:
        return True
    finished = item_text.rstrip().endswith((";", "."))
    return depth == indent and not finished and not line.rstrip().endswith(":")


def source_legend(text: str, start: int, end: int, citing: Sequence[str] = ()) -> list[LegendEntry]:
    """The legend items in ``text[start:end]`` (a note's stretch), or none when fewer than
    ``MIN_LEGEND_ITEMS`` lines read as items or too few of them are cited as sources by the
    notes ``citing`` ("YHD, p.2."). An item's name runs on over the following lines that wrap
    onto it (``_wraps_onto``), up to the next item or a blank line."""
    entries: list[LegendEntry] = []
    current: tuple[int, int, int, LegendItem] | None = None  # start, end, indent, item
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        line_end = end if newline == -1 else newline
        line = text[position:line_end]
        item: LegendItem | None = None
        if line.strip():
            try:
                item = parse_legend_item(line)
            except GrammarError:
                item = None
            if item is not None and not _abbreviation(item.short_form):
                item = None
        if item is not None:
            if current is not None:
                entries.append(LegendEntry(current[0], current[1], current[3]))
            lead = position + _indent(line)
            current = (lead, line_end, _indent(line), item)
        elif current is not None:
            if line.strip() and _wraps_onto(text[current[0] : current[1]], line, current[2]):
                current = (current[0], line_end, current[2], current[3])
            else:
                entries.append(LegendEntry(current[0], current[1], current[3]))
                current = None
        position = line_end + 1
    if current is not None:
        entries.append(LegendEntry(current[0], current[1], current[3]))
    if len(entries) < MIN_LEGEND_ITEMS:
        return []
    cited_text = " ".join(" ".join(note.split()) for note in citing).casefold()
    # Cited as a source is cited with a page or paragraph ("JS2, paras. 24"); a treaty's short
    # form is cited with an article ("ICERD, art. 14").
    cited = sum(1 for e in entries if f"{e.item.short_form.casefold()}, p" in cited_text)
    return entries if cited >= MIN_LEGEND_CITED * len(entries) else []

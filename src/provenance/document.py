"""Assemble a ``Document``: segment the text, run each grammar over its regions, link the parts.

This is the only module that knows how the parts relate: which citation resolves to which
reference, which heading a cross-reference targets, which footnote marker goes with which body,
which index code is the document's own, and which year a yearless date belongs to.
"""

from __future__ import annotations

import heapq
import itertools
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice, pairwise

import attrs

from provenance.errors import GrammarError
from provenance.layout import LATEST_FIRST_NOTE, PAGE_BREAK
from provenance.limits import Budget, Limits, TooComplex
from provenance.model import (
    Citation,
    Citations,
    CitationValue,
    CrossReference,
    CrossReferences,
    Date,
    DateMention,
    DateMentions,
    DateRange,
    DateValue,
    Document,
    Footnote,
    FootnoteBody,
    FootnoteMarker,
    FootnoteMarkers,
    Heading,
    IndexCodeMention,
    IndexCodeMentions,
    IndexRole,
    IrbCode,
    Metadata,
    NoteCalls,
    Reference,
    ReferenceEntry,
    References,
    Region,
    Regions,
    Update,
)
from provenance.parsers.citations import iter_citations, parse_citation_group
from provenance.parsers.crossrefs import iter_cross_references, parse_heading_number
from provenance.parsers.dates import iter_dates
from provenance.parsers.footnotes import (
    iter_call_candidates,
    iter_footnote_markers,
    iter_possible_calls,
)
from provenance.parsers.index_codes import iter_index_codes
from provenance.parsers.urls import iter_urls
from provenance.records import shared_methods
from provenance.regex_store import lazy_compile
from provenance.segment import (
    Segmentation,
    SourceBlocks,
    forget_reference_readings,
    segment,
    single_spaced,
    subtract,
)
from provenance.sentences import iter_sentences
from provenance.sourcenames import (
    abbreviations_key,
    bare_key,
    compound_family,
    container_only_keys,
    edition_stem,
    first_author_key,
    initials_key,
    joined_alike,
    key_words,
    leading_name,
    names_by_body_and_title,
    names_by_title,
    names_match,
    natural_family_keys,
    near_spelling,
    reference_keys,
    source_key,
    title_pairs,
)
from provenance.span import Intervals, LineIndex, OffsetPairs, Span, blank_after, blank_before
from provenance.timeline import build_timeline

_SOURCE_SECTIONS = (
    "references",
    "attachment",
    "additional-sources",
    "bibliography",
    "source-list",
)


def parse_document(
    text: str,
    path: str | None = None,
    input_notes: tuple[str, ...] = (),
    limits: Limits | None = None,
) -> Document:
    """Parse the text of one report into a ``Document``. Never raises on any ``str``.

    A text that passes one of ``limits`` (``provenance.limits``: size, mentions, work, time)
    gives a document with nothing read but ``too_complex``, which says which limit it passed.
    """
    try:
        budget = Budget(Limits() if limits is None else limits, len(text))
        return _parse(text, path, input_notes, budget)
    except TooComplex as error:
        first_line_end = text.find("\n")
        # The finding points at the first line: index only that much of a text too big to read.
        line_index = LineIndex(text if first_line_end == -1 else text[:first_line_end])
        return Document(
            text=text,
            path=path,
            metadata=Metadata(),
            line_index=line_index,
            input_notes=input_notes,
            too_complex=error.reason,
        )


def _parse(given: str, path: str | None, input_notes: tuple[str, ...], budget: Budget) -> Document:
    # A double-spaced text is read single-spaced: the blank line after each line breaks no
    # paragraph, entry or sentence. Same length, so every offset is the given text's; lines
    # are numbered as given.
    line_index = LineIndex(given)
    text = single_spaced(given)
    seg = segment(text, line_index)
    budget.add(len(seg.regions) + len(seg.headings) + len(seg.sources), "the layout")

    def readable() -> Iterator[tuple[int, int]]:
        # The text between the furniture, found again for each use: a list of the pieces was a
        # pair and an int object a line of furniture, held while the whole document was read.
        return subtract(0, len(text), seg.furniture)

    # Each kind of mention is made a tuple as soon as it is read, and the list it was read into
    # dropped: the list and the document's tuple were two arrays of pointers held together.
    index_codes = _index_codes(text, line_index, seg, budget)
    urls = tuple(
        url
        for start, end in readable()
        for url in budget.counted(iter_urls(text, line_index, start, end), "URLs")
    )
    # Two streams in text order merged into one, not two lists of pairs: a pair for each code
    # was the peak of reading a text of codes.
    occupied = Intervals(
        heapq.merge(
            zip(index_codes.starts, index_codes.ends, strict=True),
            ((u.span.start, u.span.end) for u in urls),
        )
    )
    interned: dict[str, tuple[str, DateValue]] = {}
    # Read into arrays and made a mention again when used: a mention, its span and its start
    # were about 160 bytes a date, held while the rest of the document was read.
    raw_dates = DateMentions.of(
        (
            mention
            for start, end in readable()
            for mention in budget.counted(
                iter_dates(text, line_index, start, end, interned=interned), "dates"
            )
            if not occupied.overlaps(mention.span.start, mention.span.end)
        ),
        line_index,
        len(text),
    )
    own_date = _own_date(text, line_index, seg, raw_dates)
    dates = DateMentions.of(
        _infer_years(text, raw_dates, own_date.value if own_date else None), line_index, len(text)
    )
    del raw_dates

    references = _references(text, line_index, seg, budget)
    forget_reference_readings()  # every entry is read: the readings kept for it are not needed
    # A number inside a document's code is part of it ("A/HRC/58/70/Add.1"), never a call.
    markers = _markers(
        text,
        line_index,
        seg,
        budget,
        Intervals(zip(index_codes.starts, index_codes.ends, strict=True)),
    )
    budget.add(len(seg.bodies), "notes")
    footnotes = _footnotes(text, line_index, seg.bodies, markers, seg)
    # Arrays, made a citation again when read (about 170 bytes a citation held otherwise).
    citations = _citations(text, line_index, seg, references, dates, budget)
    headings = seg.headings
    cross_references = _cross_references(text, line_index, seg, headings, budget, citations)

    metadata = Metadata(
        index_code=_own_code(index_codes),
        date=own_date,
        title=_title(text, seg),
        updates=tuple(_updates(text, line_index, seg)),
    )
    return Document(
        text=text,
        path=path,
        metadata=metadata,
        regions=seg.regions,
        headings=headings,
        references=references,
        citations=citations,
        footnotes=tuple(footnotes),
        index_codes=index_codes,
        dates=dates,
        cross_references=cross_references,
        urls=urls,
        line_index=line_index,
        input_notes=input_notes,
        timeline=build_timeline(
            text, line_index, seg.regions, dates, own_date, (c.span for c in citations)
        ),
    )


# --------------------------------------------------------------------------- index codes


def _index_codes(
    text: str, line_index: LineIndex, seg: Segmentation, budget: Budget
) -> IndexCodeMentions:
    # Read into arrays and made a mention again when used: a mention, its span and its start
    # were about 150 bytes a code, held while the rest of the document was read.
    # Each code's text sliced from the document's when read (about 60 bytes a code held else).
    mentions = IndexCodeMentions(line_index, len(text), text)
    mentions.extend(budget.counted(iter_index_codes(text, line_index), "index codes"))
    furniture = Intervals(seg.furniture)
    in_furniture = [
        furniture.covers(start, end)
        for start, end in zip(mentions.starts, mentions.ends, strict=True)
    ]
    own = _choose_own_code(text, mentions, in_furniture, seg)
    for index, (value, role_read, furn) in enumerate(
        zip(mentions.values, mentions.roles, in_furniture, strict=True)
    ):
        role: IndexRole
        if furn:
            role = "furniture"
        elif own is not None and value == own:
            role = "own"
        else:
            role = "cited"
        if role != IndexCodeMentions.role_names[role_read]:
            mentions.set_role(index, role)
    return mentions


def _choose_own_code(
    text: str,
    mentions: Sequence[IndexCodeMention],
    in_furniture: list[bool],
    seg: Segmentation,
) -> object | None:
    """The document's own code: what its running headers repeat, else what its top lines state."""
    furniture_codes = Counter(m.value for m, f in zip(mentions, in_furniture, strict=True) if f)
    if furniture_codes:
        return furniture_codes.most_common(1)[0][0]
    if not mentions:
        return None
    top_end = _offset_after_lines(text, 12)
    first_line = seg.first_line
    for mention in mentions:
        if mention.span.start >= top_end:
            break
        if first_line and first_line[0] <= mention.span.start < first_line[1]:
            # IRB: "... [KKT34458.E]" closes the title line; "Update to X" names another one.
            before = text[first_line[0] : mention.span.start].casefold()
            if "update to" in before and before.rstrip().endswith(("update to", "to")):
                continue
            if (
                isinstance(mention.value, IrbCode)
                and text[mention.span.start - 1 : mention.span.start] != "["
            ):
                continue
            return mention.value
        line_start = text.rfind("\n", 0, mention.span.start) + 1
        label = text[line_start : mention.span.start].casefold()
        if "index" in label and "(" not in label:
            return mention.value
        if line_start == mention.span.start or not text[line_start : mention.span.start].strip():
            # A symbol alone on a line at the top (UN "A/HRC/WG.6/7/SVN/3").
            return mention.value
    return None


def _offset_after_lines(text: str, count: int) -> int:
    position = 0
    for _ in range(count):
        position = text.find("\n", position)
        if position == -1:
            return len(text)
        position += 1
    return position


def _own_code(index_codes: Sequence[IndexCodeMention]) -> IndexCodeMention | None:
    for role in ("own", "furniture"):
        for mention in index_codes:
            if mention.role == role:
                return mention
    return None


# --------------------------------------------------------------------------- dates


def _own_date(
    text: str, line_index: LineIndex, seg: Segmentation, dates: Sequence[DateMention]
) -> DateMention | None:
    """The report's own date: from its running headers, else a date line at its top or end."""
    furniture_dates: Counter[DateValue] = Counter()
    first: dict[DateValue, DateMention] = {}
    for start, end in seg.furniture:
        for mention in iter_dates(text, line_index, start, end):
            if isinstance(mention.value, Date) and mention.value.year is not None:
                furniture_dates[mention.value] += 1
                first.setdefault(mention.value, mention)
    if furniture_dates:
        return first[furniture_dates.most_common(1)[0][0]]
    top_end = _offset_after_lines(text, 15)
    for mention in dates:
        if mention.span.start >= top_end:
            break
        if _alone_on_line(text, mention) and _has_year(mention.value):
            return mention
    # A dateline or timestamp closing a page ("17 may 2001 21:45:00"), not a line of a source
    # list that ends the page and wraps before a date ("(FBIS-NES-92-021" / "31 Jan. 1992").
    for mention in reversed(dates[-3:]):
        if (
            mention.span.start >= len(text) - 200
            and _starts_line(text, mention)
            and _has_year(mention.value)
            and not any(b.start <= mention.span.start < b.end for b in seg.sources)
        ):
            return mention
    return None


def _has_year(value: DateValue) -> bool:
    return isinstance(value, Date) and value.year is not None and value.month is not None


def _alone_on_line(text: str, mention: DateMention) -> bool:
    return blank_before(text, mention.span.start) and blank_after(text, mention.span.end)


def _starts_line(text: str, mention: DateMention) -> bool:
    return blank_before(text, mention.span.start)


def _infer_years(
    text: str, dates: Iterable[DateMention], own: DateValue | None
) -> Iterator[DateMention]:
    """Give yearless dates (``Thursday, May 29``) the year of their context, marked as inferred.

    In order: "November 15 of the same year" takes the year last mentioned; a date stated to the
    day earlier in the same paragraph anchors the narrative around it; else the document's own
    date; else the latest year stated before the mention. Reports name the year of past events
    and leave it out for the year they are written in, so the latest year is the text's present,
    where the nearest one may belong to a biography ("fled in May, 1999").
    """
    own_year = own.year if own is not None else None
    anchor: tuple[int, int] | None = None  # (year, end offset) of the last day-precision date
    last_year: int | None = None
    latest_year: int | None = None
    for mention in dates:
        value = mention.value
        if _needs_year(value):
            year = _context_year(text, mention, anchor, own_year, last_year, latest_year)
            if year is not None:
                yield attrs.evolve(mention, value=_with_year(value, year), inferred_year=True)
                continue
        else:
            start = value.start if isinstance(value, DateRange) else value
            end = value.end if isinstance(value, DateRange) else value
            year = end.year or start.year
            if year is not None:
                last_year = year
                latest_year = year if latest_year is None else max(latest_year, year)
                if start.day is not None or end.day is not None:
                    anchor = (year, mention.span.end)
        yield mention


_SAME_YEAR = lazy_compile(
    r"\s*,?\s*(?:of the same year|of that year|that year|the same year)\b", re.I
)
_PARAGRAPH_BREAK = lazy_compile(r"\n[ \t]*\n")


def _context_year(
    text: str,
    mention: DateMention,
    anchor: tuple[int, int] | None,
    own_year: int | None,
    last_year: int | None,
    latest_year: int | None,
) -> int | None:
    if last_year is not None and _SAME_YEAR.match(text, mention.span.end):
        return last_year
    if anchor is not None and not _PARAGRAPH_BREAK.search(text, anchor[1], mention.span.start):
        return anchor[0]
    if own_year is not None:
        return own_year
    return latest_year


def _needs_year(value: DateValue) -> bool:
    if isinstance(value, DateRange):
        return value.start.year is None and value.end.year is None and value.start.month is not None
    return value.year is None and value.month is not None


def _with_year(value: DateValue, year: int) -> DateValue:
    if isinstance(value, DateRange):
        return attrs.evolve(
            value,
            start=attrs.evolve(value.start, year=year),
            end=attrs.evolve(value.end, year=year),
        )
    return attrs.evolve(value, year=year)


# --------------------------------------------------------------------------- references


def _references(
    text: str, index: LineIndex, seg: Segmentation, budget: Budget | None = None
) -> References:
    """The source entries and the note bodies that read as sources, each counted against
    ``budget`` as it is read. An entry's text is kept as its offsets in ``text``, not a copy."""
    references = References(text, index)
    steps = _read_references(text, seg, references)
    for _ in steps if budget is None else budget.counted(steps, "sources"):
        pass
    return references


def _read_references(text: str, seg: Segmentation, references: References) -> Iterator[None]:
    """Reads each source entry and note body into ``references``, one a step."""
    if not seg.sources and not seg.bodies:
        return  # nothing to read: the reference reader is not even loaded
    from provenance.parsers.legends import legend_entry
    from provenance.parsers.references import (
        DITTO_MARK,
        join_entry_lines,
        read_each_once,
        read_list_entry,
        reference_entry,
    )

    # Each entry's reading, kept from segmentation, is dropped as its reference is made.
    read_each_once()

    # The readings segmentation handed to the entries it read whole (``SourceBlocks.settle``).
    settled = seg.sources.reading if isinstance(seg.sources, SourceBlocks) else None
    previous_source: str | None = None
    for number, block in enumerate(seg.sources):
        raw = text[block.start : block.end]
        # The offsets of ``raw.strip()``, the reference's text.
        stripped = raw.lstrip()
        text_start = block.start + len(raw) - len(stripped)
        text_end = max(text_start, block.start + len(raw.rstrip()))
        del stripped
        if block.legend is not None:
            entry = legend_entry(block.legend, " ".join(raw.split()))
            references.append(entry, block.section, block.start, block.end, text_start, text_end)
            yield None
            continue
        handed = settled(number) if settled is not None else None
        entry = read_list_entry(join_entry_lines(raw), block.section) if handed is None else handed
        # "_____." repeats the source the entry above starts with (its periodical, when it
        # names an article's writer too): as the author, or as the container of a writer named
        # after the date ("_____. 5 May 1999. Jane Roe. "Title."").
        ditto = True
        # The reading gives every ditto this one mark.
        if entry.author == DITTO_MARK:
            entry = attrs.evolve(entry, author=previous_source)
        elif entry.container == DITTO_MARK:
            entry = attrs.evolve(entry, container=previous_source)
        else:
            ditto = False
        references.append(entry, block.section, block.start, block.end, text_start, text_end)
        if not ditto:
            previous_source = leading_name(references[-1])
        yield None
    if isinstance(seg.sources, SourceBlocks):
        seg.sources.forget_readings()  # each is held by its reference now
    for body in seg.bodies:
        entry = reference_entry(body.text, "footnote")
        if entry.kind in ("unstructured", "prose"):
            continue
        start, end = body.span.start, body.span.end
        if text[start:end] == body.text:
            references.append(entry, "footnote", start, end, start, end, body.number)
        else:
            references.append_own(entry, "footnote", body.span, body.text, body.number)
        yield None


# --------------------------------------------------------------------------- footnotes


def _marker_regions(seg: Segmentation, text: str) -> Iterable[tuple[int, int]]:
    """The prose and the headings (not those of a contents list), in order: merged as they
    come when each is in order, as segmentation gives them, rather than a list of a pair for
    each paragraph and heading sorted (the peak of reading a text of short blocks)."""
    headings = OffsetPairs.of(
        ((h.span.start, h.span.end) for h in seg.headings if not h.in_toc), len(text)
    )
    return _sorted_pairs(seg.prose, headings)


def _sorted_pairs(*given: Sequence[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    """The pairs of all ``given``, sorted: merged as they come when each is in order (the
    prose, the headings and the notes as segmentation gives them), sorted as one list else."""
    if all(all(a <= b for a, b in pairwise(pairs)) for pairs in given):
        return heapq.merge(*given)
    return sorted(itertools.chain(*given))


def _markers(
    text: str, line_index: LineIndex, seg: Segmentation, budget: Budget, symbols: Intervals
) -> dict[int, FootnoteMarkers]:
    """The note calls, by number: read into the arrays of one ``NoteCalls`` as they are found,
    never held as a list of them."""
    calls = NoteCalls.grouped(
        (
            marker
            for start, end in _marker_regions(seg, text)
            for marker in budget.counted(
                iter_footnote_markers(text, line_index, start, end), "note calls"
            )
        ),
        line_index,
        len(text),
    )
    if not calls and seg.bodies:
        calls = NoteCalls.grouped(
            budget.counted(_glued_markers(text, line_index, seg, symbols), "note calls"),
            line_index,
            len(text),
        )
    return calls


#: How many notes past the last whose text was read may still be called (their texts lost).
_LOST_AFTER_LAST = 3


def _glued_markers(
    text: str, line_index: LineIndex, seg: Segmentation, symbols: Intervals
) -> Iterator[FootnoteMarker]:
    wanted = {body.number for body in seg.bodies}
    if not wanted:
        return
    # A note whose text is lost is still called: look for the numbers the notes skip too, and
    # for those just past the last text read (the last notes' texts lost with the page's end).
    highest = max(wanted)
    # An excerpt's or a chapter's notes start late ("97", "98", ...): its calls run from there.
    lowest = min(wanted)
    first = lowest if lowest > LATEST_FIRST_NOTE else 1
    wanted |= set(range(first, highest + _LOST_AFTER_LAST + 1))
    regions = list(_marker_regions(seg, text))  # read twice
    candidates = sorted(
        (*candidate, False)
        for start, end in regions
        for candidate in iter_call_candidates(text, start, end)
    )
    # A number set apart inside a sentence is a call only where it is the very next one, and
    # only if no stronger candidate for that call comes before the next call's.
    weak = sorted(
        (*candidate, True)
        for start, end in regions
        for candidate in iter_call_candidates(text, start, end, weak=True)
    )
    candidates = sorted([*candidates, *weak, *_calls_after_codes(text, regions, seg)])
    # Where each number may be called (not the weakest shape), for calls out of order below.
    places: dict[int, list[int]] = defaultdict(list)
    for start, _end, number, _guessed, weakest in candidates:
        if not weakest:
            places[number].append(start)
    position = 0
    last = first - 1
    seen: set[int] = set()
    # The lowest number not yet called.
    uncalled = first
    codes: dict[str, bool] = {}
    # Where a part that numbers its notes from 1 again begins: past the text of the note before
    # its first (an annex's page-foot notes after the report's), the calls count from 1 again.
    restarts = _restarts(seg.bodies)
    on_body_page = _page_foot_reader(text, seg.bodies)
    for start, end, number, guessed, weakest in candidates:
        while restarts and start >= restarts[0]:
            restarts.pop(0)
            last, seen = 0, set()
        if start < position or number not in wanted or symbols.overlaps(start, end):
            continue
        if number > last + 1 and _called_again_in_order(places, start, last + 1, number):
            # Calls run in order: a number that skips the next call, which is made further on
            # with this number again after it, is a name or a figure ("Article19" between
            # calls 17 and 18, then "...two years.19").
            continue
        # A number glued to capitals ("APP5", "JS1") is more often part of a code than a call:
        # it is taken only as the very next call, as are the weakest shapes.
        glued_to = text[max(0, start - 2) : start]
        coded = len(glued_to) == 2 and glued_to.isalpha() and glued_to.isupper()
        if coded and _written_again(text, start, end, codes):
            # The same code written elsewhere ("SO2", "PM10", "JS1" three times) is a name:
            # a note is called once, and never twice glued to the same word.
            continue
        # Past the last note read, where no text confirms the number, likewise.
        beyond = number > highest
        # A guess further on than the numbering expects is still taken where the text of its
        # note stands at the foot of the same page, after it (a PDF's page-foot note), as the
        # calls before it were lost ("members 9 continued", "Committee, 10 led by").
        paged = number > last and number not in seen and on_body_page(start, number)
        if (
            (weakest or coded or beyond)
            and (number in seen or number != last + 1)
            and not (weakest and not coded and paged)
        ):
            continue
        if guessed and (number in seen or not last - 3 < number <= last + 3) and not paged:
            continue
        # Calls run in order: a number far behind the last call is an abbreviation ("JS1") or
        # a figure, unless it repeats the call just made, or is the first call still to come
        # after a run of calls the text gave ahead of it (a PDF's text that reads a page's
        # second column first gives "...communities.8", "...logging.9", then "...items.5").
        if (
            not guessed
            and number != last
            and (number in seen or number <= last - 3)
            and not (number == uncalled and number not in seen)
        ):
            continue
        yield FootnoteMarker(number, line_index.span(start, end), "glued")
        position = end
        last = max(last, number)
        seen.add(number)
        while uncalled in seen:
            uncalled += 1


def _page_foot_reader(text: str, bodies: Sequence[FootnoteBody]) -> Callable[[int, int], bool]:
    """Whether a call of note ``number`` at ``start`` stands on the page (between form feeds,
    as a PDF's text breaks them) where a text of that note stands after it."""
    breaks = [match.start() for match in PAGE_BREAK.finditer(text)]
    texts: dict[int, list[int]] = defaultdict(list)
    for body in bodies:
        texts[body.number].append(body.span.start)

    def on_body_page(start: int, number: int) -> bool:
        if not breaks:
            return False
        page = bisect_right(breaks, start)
        return any(
            body > start and bisect_right(breaks, body) == page for body in texts.get(number, ())
        )

    return on_body_page


def _restarts(bodies: Sequence[FootnoteBody]) -> list[int]:
    """Where each part that numbers its notes from 1 again begins to call them: the end of the
    text before each note 1 after the first (a text before the first note 1, as a PDF moves
    note 1's number below note 2's, starts no part)."""
    ordered = sorted(bodies, key=lambda body: body.span.start)
    ones = [index for index, body in enumerate(ordered) if body.number == 1]
    return [ordered[index - 1].span.end for index in ones[1:]]


#: A short form with a number of its own and the digits glued after it ("JS384", "JS1219"):
#: where a call may stand glued to a source's code (``_calls_after_codes`` splits it).
_CODE_WITH_DIGITS = lazy_compile(r"(?<![\w/-])[A-Z][\w/-]*?\d+(?=[\s,;:.)]|$)")


#: A short form, a space and a number of up to three digits before a word in lower case or
#: punctuation: a call after a source's short form that kept its space.
_CODE_THEN_NUMBER = lazy_compile(
    r"(?<![\w/-])([A-Z][\w/-]*) ([1-9]\d{0,2})(?=[ \t]+[a-z]|[ \t]*[.,;:)]|[ \t]*$)"
)


def _calls_after_codes(
    text: str, regions: Sequence[tuple[int, int]], seg: Segmentation
) -> Iterator[tuple[int, int, int, bool, bool]]:
    """Calls after a source's short form in a UN stakeholder summary: glued to one that ends
    in a number ("JS3" then call 84: "JS384 and OSCE/ODIHR85 made similar observations"), the
    digits after each such short form of the document's source legend, or set after one with
    a space ("CoE-Commissioner 104 made"); a guess each (which split is the call the numbering
    decides)."""
    codes = {block.legend.short_form for block in seg.sources if block.legend is not None}
    if not codes:
        return
    numbered = {code for code in codes if code[-1:].isdigit()}
    for start, end in regions:
        if numbered:
            for match in _CODE_WITH_DIGITS.finditer(text, start, end):
                run = match.group()
                for cut in range(1, len(run)):
                    digits = run[cut:]
                    if len(digits) > 3 or not digits.isdigit() or digits[0] == "0":
                        continue
                    if run[:cut] in numbered:
                        yield match.start() + cut, match.end(), int(digits), True, False
        # The call set after the short form with a space, as it kept its space when it lost
        # its superscript ("HRORS103 and CoE-Commissioner 104 made similar observations").
        for match in _CODE_THEN_NUMBER.finditer(text, start, end):
            if match.group(1) in codes:
                yield match.start(2), match.end(2), int(match.group(2)), True, False


#: The capitals a code glues its number to ("SO2", "PM10", "JS1"), read back from the number.
_CODE_LETTERS = lazy_compile(r"[A-Z]+$")


def _written_again(text: str, start: int, end: int, codes: dict[str, bool]) -> bool:
    """Whether the code whose number is ``text[start:end]`` (glued to capitals) stands more
    than once in the text as a word of its own; ``codes`` keeps the answers by code."""
    letters = _CODE_LETTERS.search(text, max(0, start - 12), start)
    if letters is None:
        return False
    code = letters.group() + text[start:end]
    if code not in codes:
        codes[code] = _stands_twice(text, code)
    return codes[code]


def _stands_twice(text: str, word: str) -> bool:
    """Whether ``word`` (word characters only) stands twice or more in ``text`` with no word
    character on either side: what a pattern compiled for each code found, by ``str.find``."""
    count = 0
    at = text.find(word)
    while at != -1:
        end = at + len(word)
        if not (at and _is_word_char(text[at - 1])) and not (
            end < len(text) and _is_word_char(text[end])
        ):
            count += 1
            if count > 1:
                return True
        at = text.find(word, at + 1)
    return False


def _is_word_char(char: str) -> bool:
    """Whether ``char`` is one ``\\w`` matches."""
    return char.isalnum() or char == "_"


def _called_again_in_order(
    places: Mapping[int, Sequence[int]], start: int, following: int, number: int
) -> bool:
    """Whether call ``following`` may stand after ``start`` and call ``number`` after that."""
    after = places.get(following, ())
    at = bisect_right(after, start)
    if at == len(after):
        return False
    again = places.get(number, ())
    return bisect_right(again, after[at]) < len(again)


#: How far a lost call is looked for: around the calls of the note's neighbours (the
#: paragraphs that hold them) and before its text (the page it stands at the foot of).
_POSSIBLE_CALL_REACH = 3000


def _with_possible_call(
    text: str,
    line_index: LineIndex,
    prose: Sequence[tuple[int, int]],
    note: Footnote,
    calls: Mapping[int, Sequence[FootnoteMarker]],
) -> Footnote:
    """``note`` with the one place its lost call may stand, where it is written, never called,
    and the notes beside it are called as plain digits that lost their superscripts: in the
    running text between the paragraph of the call before and that of the call after (a
    table's cells stand out of order), or over the note's text (a page-foot note is called on
    its page), the only figure ending in its number or followed by it."""
    body = note.body
    if note.markers or body is None:
        return note
    before, after = calls.get(note.number - 1, ()), calls.get(note.number + 1, ())
    if any(m.style != "glued" for m in (*before, *after)):
        return note
    # The calls of the note before that stand before this note's text (where the numbering
    # starts again, a later part's call of that number is not the one before it).
    before = [m for m in before if m.span.start < body.span.start]
    if not before:
        return note
    reach = _POSSIBLE_CALL_REACH
    windows = [(max(before[-1].span.start, body.span.start - reach), body.span.start)]
    if after and 0 <= after[0].span.end - before[0].span.start <= reach:
        first, last = before[0].span.start, after[0].span.end
        start = text.rfind("\n\n", max(0, first - reach), first)
        stop = text.find("\n\n", last, last + reach)
        windows.append(
            (
                max(0, first - reach) if start < 0 else start,
                min(len(text), last + reach) if stop < 0 else stop,
            )
        )
    places = {
        place
        for window_start, window_end in windows
        for start, end in _overlapping(prose, window_start, window_end)
        for place in islice(iter_possible_calls(text, start, end, note.number), 2)
    }
    if len(places) != 1:
        return note
    return attrs.evolve(note, possible_call=line_index.span(*places.pop()))


def _overlapping(
    runs: Sequence[tuple[int, int]], start: int, end: int
) -> Iterator[tuple[int, int]]:
    """The parts of sorted, disjoint ``runs`` inside ``start:end``."""
    index = max(0, bisect_left(runs, (start, start)) - 1)
    while index < len(runs) and runs[index][0] < end:
        run_start, run_end = runs[index]
        if run_end > start:
            yield max(run_start, start), min(run_end, end)
        index += 1


def _footnotes(
    text: str,
    line_index: LineIndex,
    bodies: Sequence[FootnoteBody],
    by_number: Mapping[int, FootnoteMarkers],
    seg: Segmentation,
) -> list[Footnote]:
    body_by_number: dict[int, FootnoteBody] = {}
    extra_bodies: list[FootnoteBody] = []
    for body in bodies:
        if body.number in body_by_number:
            extra_bodies.append(body)
        else:
            body_by_number[body.number] = body
    numbers = sorted(set(by_number) | set(body_by_number))
    # Notes numbered from 1 again in each part (a web page's endnotes under each answer, a
    # chapter's notes): each text takes the calls made since the text of that number before.
    restarted = {
        number: shares
        for number in {body.number for body in extra_bodies}
        if (shares := _calls_per_text(by_number.get(number), bodies, number)) is not None
    }
    notes = [
        Footnote(number, _calls_of(number, body_by_number.get(number), by_number, restarted), body)
        for number in numbers
        for body in (body_by_number.get(number),)
    ]
    notes = [_with_possible_call(text, line_index, seg.prose, note, by_number) for note in notes]
    # A repeated body number is kept as its own footnote so numbering checks can see it.
    notes.extend(
        Footnote(body.number, restarted[body.number][body.span.start], body)
        if body.number in restarted
        else Footnote(body.number, (), body)
        for body in extra_bodies
    )
    notes.sort(key=lambda note: (note.number, note.body.span.start if note.body else -1))
    return notes


def _calls_of(
    number: int,
    body: FootnoteBody | None,
    by_number: Mapping[int, FootnoteMarkers],
    restarted: Mapping[int, Mapping[int, FootnoteMarkers]],
) -> Sequence[FootnoteMarker]:
    """The calls of the note ``number`` whose text is ``body``: all calls of that number, or,
    where the numbering starts again, those of its own part."""
    if body is not None and number in restarted:
        return restarted[number][body.span.start]
    return by_number.get(number, ())


def _calls_per_text(
    calls: FootnoteMarkers | None, bodies: Sequence[FootnoteBody], number: int
) -> dict[int, FootnoteMarkers] | None:
    """The calls of each text numbered ``number`` (by where the text starts) where the notes
    are numbered from 1 again in each part: each text takes the calls after the text before it
    up to itself (the last one those after it too). A text no call stands before is uncalled
    (its call lost, or a list's item read as a note), not given the calls of the text after
    it."""
    if not calls:
        return None
    texts = sorted(body.span.start for body in bodies if body.number == number)
    starts = list(calls.starts())
    if any(b < a for a, b in pairwise(starts)):
        return None
    cuts = [0, *(bisect_left(starts, start) for start in texts[:-1]), len(starts)]
    return {
        text_start: calls.part(first, stop)
        for text_start, (first, stop) in zip(texts, pairwise(cuts), strict=True)
    }


# --------------------------------------------------------------------------- citations


def _nth_of_year(
    matches: list[int], year_suffix: str, references: Sequence[Reference]
) -> int | None:
    """The entry a year letter picks: the one whose year carries that letter ("Baffi 2021b"),
    where the list writes letters, else the nth of them ("b": the second), or None past the
    last. Where the list writes letters, a letter none has picks nothing: the entry it named
    is not there, whatever other work of that author and year is."""
    lettered = [i for i in matches if references[i].entry.year_suffix is not None]
    if lettered:
        same = [i for i in lettered if references[i].entry.year_suffix == year_suffix]
        return same[0] if same else None
    position = ord(year_suffix) - ord("a")
    if len(matches) < 2 and position == 0:
        return matches[0] if matches else None
    return matches[position] if 0 <= position < len(matches) else None


def _one_word_misspelt(cited: str, key: str) -> bool:
    """Whether ``cited`` and ``key`` have the same words but one, which differs by a letter
    (``near_spelling``)."""
    a, b = cited.split(" "), key.split(" ")
    if len(a) != len(b):
        return False
    differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(differ) == 1 and near_spelling(*differ[0])


def _holds_words(words: Sequence[str], run: Sequence[str]) -> bool:
    """Whether ``run`` stands in ``words``, whole words in a row."""
    width = len(run)
    return any(words[i : i + width] == run for i, word in enumerate(words) if word == run[0])


def _dates_overlap(a: DateValue | None, b: DateValue | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    a_first, a_last, b_first, b_last = a.earliest(), a.latest(), b.earliest(), b.latest()
    if None in (a_first, a_last, b_first, b_last):
        return False
    assert a_first and a_last and b_first and b_last
    return a_first <= b_last and b_first <= a_last


#: How far before a date-only citation ("(15 May 2003)") its source may be named: the sentence
#: or two before it, not the whole paragraph (which would make each citation read again all
#: the text before it).
_CONTEXT_CHARS = 1000


def _citations(
    text: str,
    line_index: LineIndex,
    seg: Segmentation,
    references: Sequence[Reference],
    dates: Sequence[DateMention],
    budget: Budget,
) -> Citations:
    interned: dict[str, tuple[str, CitationValue]] = {}
    # A note's text cites as the running text does: "(PCARRD, 2001, cited in Rincon et al,
    # 2008)" at a page's foot is a citation of the list's entry too.
    runs = _merge_spans(len(text), seg.prose, [(b.span.start, b.span.end) for b in seg.bodies])
    # Read as they are linked, and the linked kept as arrays: a list of every citation read,
    # and one of every citation linked, each an object and a span, were held beside the index
    # of source names (about 150 bytes a citation), the peak of reading a text that cites.
    raw: Iterator[Citation] = (
        c
        for start, end, close_by in _prose_runs(text, runs)
        for c in budget.counted(
            iter_citations(text, line_index, start, end, interned=interned, close_by=close_by),
            "citations",
        )
    )
    result = Citations(line_index, len(text), text)
    first_read = next(raw, None)
    if first_read is None:
        # The index of source names is built only for citations to resolve: a long source list
        # cited by nothing (or cited only in notes the list is not read for) held the index of
        # every entry's keys beside the whole document, the peak of reading it.
        return result
    raw = itertools.chain((first_read,), raw)
    del first_read
    listed = _SourceIndex(references)
    if not listed.indices:
        # Without a source list a dated parenthesis is a date, not a citation, and a document
        # number with its date ("(GAO-01-821, July 9, 2001)" after a report's title) is the
        # number the work was issued under, not a source's name pointing to a list.
        raw = (
            c
            for c in raw
            if c.kind != "date-only"
            and not (c.value.author is not None and _names_a_document_number(c.value.author))
        )
    previous: Citation | None = None
    previous_end_in_paragraph: dict[int, int] = {}
    # The last date in brackets that was set aside as tied to no source: an "ibid." after it
    # in the same paragraph shows the writer cited with it after all.
    set_aside: Citation | None = None
    regions = _region_intervals(seg.regions)
    # The end of the last citation read against its context, and where that context started.
    last_end, last_context_start = -1, 0
    # Years in brackets that no source named, with where their context starts: after an
    # author's name that no entry has ("Barbosa and Ciro (2020)") they may be citations.
    unlisted: list[tuple[Citation, int]] = []
    # Where a citation named several entries alike, which, and which its sentence told
    # (``_SourceIndex.last_tie``): read again once all are linked (``_ties_told``).
    ties: list[tuple[int, tuple[int, ...], tuple[int, ...]]] = []
    for citation in raw:
        if _after_reporter_page(text, citation.span.start):
            continue
        value = citation.value
        if value.author is not None and (
            _short_name_of_source(text, citation.span.end)
            or _names_the_source_before(text, citation.span.start, value.author, citation.text)
        ):
            continue
        paragraph_start = _paragraph_start(regions, citation.span.start)
        if value.ibid:
            if (
                previous is None
                and set_aside is not None
                and _paragraph_start(regions, set_aside.span.start) == paragraph_start
            ):
                result.append(set_aside)
                previous = set_aside
            if previous is not None:
                citation = attrs.evolve(
                    citation,
                    reference=previous.reference,
                    resolved_author=previous.resolved_author or previous.value.author,
                )
            result.append(citation)
            previous = citation
            continue
        # The citation before in the same bracket, whose source a year after it shares.
        same_bracket = _same_bracket(text, last_end, citation.span.start)
        partner = (
            previous
            if previous is not None and previous.span.end == last_end and same_bracket
            else None
        )
        if same_bracket:
            # "Centro Nacional de Memoria Histórica (2015, 2018)": the second year is read with
            # the same words before the bracket as the first.
            context_start = last_context_start
        else:
            context_start = max(
                _sentence_start_before(text, regions, paragraph_start),
                previous_end_in_paragraph.get(paragraph_start, 0),
                citation.span.start - _CONTEXT_CHARS,
            )
        last_end, last_context_start = citation.span.end, context_start
        if value.author is None and value.date is None:
            # "Blair, Grossman, and Weinstein (Forthcoming)", "UNHCR (n.d.)": a work without
            # a date, cited only where a listed source's name runs up to the bracket ("a
            # book (forthcoming)" cites nothing); resolved as that name without a date is.
            named = _narrated_source(listed, text, context_start, citation.span.start)
            budget.spend(listed.last_work, "linking citations to sources")
            if named is None:
                continue
            found = listed.resolve(named, None, text, context_start, citation.span.start)
            budget.spend(listed.last_work, "linking citations to sources")
            citation = attrs.evolve(citation, reference=found, resolved_author=named)
            result.append(citation)
            previous = citation
            set_aside = None
            previous_end_in_paragraph[paragraph_start] = citation.span.end
            continue
        found = listed.resolve(
            value.author, value.date, text, context_start, citation.span.start, value.year_suffix
        )
        budget.spend(listed.last_work, "linking citations to sources")
        if listed.last_tie:
            ties.append((citation.span.start, listed.last_tie, listed.last_told))
        if found is not None:
            author = references[found].entry.author
            if author is not None and value.author == author and value.author is not author:
                # One string for the name that a citation and its entry both give: a text
                # citing as many sources as it lists held each name twice (about 60 bytes a
                # citation). The citations of the same text share the value made here.
                value = CitationValue(
                    author=author,
                    date=value.date,
                    ibid=value.ibid,
                    locator=value.locator,
                    year_suffix=value.year_suffix,
                )
                known = interned.get(citation.text)
                if known is not None and known[1] == value:
                    interned[citation.text] = (known[0], value)
            citation = attrs.evolve(
                citation, value=value, reference=found, resolved_author=value.author or author
            )
        elif value.author is not None and _names_an_instrument(value.author):
            # "(Sexual Offenders Registry Act 2021)", "(see Doha Peace Accord, August 2022)":
            # a law or an agreement and its year, not a source the list should have.
            continue
        elif value.author is not None and value.author[:1] in _QUOTES:
            # '("A Bullet for the King", March 2009)' after a film in a list: a work named by
            # its title and date, which cites a work of the list only where the list has it.
            continue
        elif value.author is not None and _names_a_period(value.author):
            # "(FY 1999)", "(Q3 2020)": a year's fiscal or calendar part, not a source's name.
            continue
        elif value.author is not None and _describes_listed_work(text, citation.span):
            # "-   _The Jackal_ (Michael Caton-Jones, 1997)": a list of works gives each one's
            # maker and year after its title; the bracket describes the work, it cites nothing.
            # Asked only when no listed source answered.
            continue
        elif value.author is not None and _in_legal_parenthetical(text, citation.span):
            # "(9th Cir. 2011)", "(BIA 2007)", "(West 2004)": the court and year of a case cited
            # before it, or a code's publisher; legal.lark says so. Asked only when no listed
            # source answered, so a list that does hold a "West 2004" keeps its citation.
            continue
        elif value.author is None:
            if _year_only(value.date):
                # "(2002-2003)", "(1999)": a period more often than a citation; only a source
                # the context names makes it one: one of that year above, or a listed source
                # whose name the bracket follows ("Human Rights Watch (2015, 2018)"), which
                # cites it even where the list has it under other years only.
                if partner is not None:
                    named = partner.resolved_author or partner.value.author
                else:
                    named = _narrated_source(listed, text, context_start, citation.span.start)
                    budget.spend(listed.last_work, "linking citations to sources")
                if named is None:
                    set_aside = citation
                    unlisted.append((citation, context_start))
                    continue
            else:
                named = listed.named_in(text, context_start, citation.span.start)
                budget.spend(listed.last_work, "linking citations to sources")
                if named is None:
                    named = _reported_by(text, context_start, citation.span.start)
                if named is None:
                    # "(4 December 2011)", "(Aug. 2009)" with no source named before it: a date
                    # in brackets, not a citation a reader could follow or a checker could
                    # fault. The text before it named no source, so the next bracket's search
                    # starts after it (which also keeps a run of such dates from reading the
                    # same text again).
                    set_aside = citation
                    previous_end_in_paragraph[paragraph_start] = citation.span.end
                    continue
            citation = attrs.evolve(citation, resolved_author=named)
        result.append(citation)
        previous = citation
        set_aside = None
        previous_end_in_paragraph[paragraph_start] = citation.span.end
    narrated = sum(
        1
        for c in result
        if c.value.author is None and c.reference is not None and _year_only(c.value.date)
    )
    if unlisted and (narrated or references):
        # A report that cites "Tate (2015)" style: a year after an author's name is one more
        # such citation. The names are read only here, for the reports that may cite so (a
        # year after a listed name, or a list to look names up in), not for every year in
        # brackets of every report. The name is then looked up as the same name in brackets
        # would be ("(Sefang & Smith, 2007)"): the words of the sentence missed an entry whose
        # name it misspells or gives in another form ("Sefang and Smith (2007)" for "Seyfang,
        # Gill, & Smith, Adrian. (2007)"), and else the list lacks the work.
        named_after = []
        named_ties = []
        for citation, context_start in unlisted:
            if _label_alone(text, regions, citation):
                continue
            author = _author_before(text, context_start, citation)
            if author is None:
                continue
            value = citation.value
            found = listed.resolve(
                author, value.date, text, context_start, citation.span.start, value.year_suffix
            )
            budget.spend(listed.last_work, "linking citations to sources")
            if listed.last_tie:
                named_ties.append((citation.span.start, listed.last_tie, listed.last_told))
            named_after.append(attrs.evolve(citation, reference=found, resolved_author=author))
        # The style is told by the years after names that link to entries, whichever way they
        # were linked: where a list lacks one of three works so cited ("Kwet (2019) and Birhane
        # (2020)" with Birhane's entry gone), the citation stays, and says the work is missing.
        linked = narrated + sum(1 for c in named_after if c.reference is not None)
        if named_after and linked >= _NARRATIVE_STYLE:
            ties.extend(named_ties)
            merged = Citations(line_index, len(text), text)
            merged.extend(sorted([*result, *named_after], key=lambda c: c.span.start))
            result = merged
    if ties:
        _ties_told(result, ties, listed)
    return _cited_in_notes(text, line_index, result, listed, seg.bodies)


def _ties_told(
    citations: Citations,
    ties: Sequence[tuple[int, tuple[int, ...], tuple[int, ...]]],
    listed: _SourceIndex,
) -> None:
    """Link each citation that named several entries alike, and whose own sentence told
    nothing, to the one its other citations' sentences told, if they all told the same: a
    writer who cites "Schwartz (2000)" without a letter, where the list has three works of
    Schwartz of 2000, cites one of them throughout, and where a sentence speaks of "the
    distributed lag model" it says which. The ``ibid.`` after such a citation follows it."""
    told: dict[tuple[int, ...], set[tuple[int, ...]]] = {}
    for _, tie, kept in ties:
        if kept != tie:
            told.setdefault(tie, set()).add(kept)
    if not told:
        return
    at = {start: index for index, start in enumerate(citations.starts)}
    for start, tie, kept in ties:
        answers = told.get(tie)
        index = at.get(start)
        if kept != tie or answers is None or len(answers) != 1 or index is None:
            continue
        before = citations.references[index]
        chosen = listed._prefer_cited_sections(list(next(iter(answers))), start)
        if chosen is None or before == chosen:
            continue
        citations.references[index] = chosen
        following = index + 1
        while (
            following < len(citations.values)
            and citations.values[following].ibid
            and citations.references[following] == before
        ):
            citations.references[following] = chosen
            following += 1


def _cited_in_notes(
    text: str,
    line_index: LineIndex,
    citations: Citations,
    listed_sources: _SourceIndex,
    bodies: Sequence[FootnoteBody],
) -> Citations:
    """The citations, those in a note's text only when they cite an entry of the source list
    (or stand in one bracket with one that does): a note also gives a work's publisher, place
    and year in brackets ("Title (Copenhagen, Danish Institute for Human Rights, 2023)"),
    which reads as an author and a date but is the work itself, not a pointer to the list."""
    if not bodies:
        return citations
    references = listed_sources.references
    in_notes = Intervals((b.span.start, b.span.end) for b in bodies)

    def listed(citation: Citation) -> bool:
        index = citation.reference
        if index is None:
            return False
        entry = references[index]
        if citation.value.author is None and not citation.value.ibid:
            # A year in brackets in a note dates what the note says, unless it follows the
            # name of the entry it resolved to: "See Cohen, et al., (2002).", "[Cohen et al.
            # (2000), Cremer et al., (2000)]" cite as the running text's "Tate (2015)" does.
            note = in_notes.containing(citation.span.start)
            start = note[0] if note is not None else citation.span.start
            run = _name_run(text, start, citation.span.start)
            if run is None or not listed_sources.names_entry(text, *run, index):
                return False
            if not (
                _WORD.search(_NOTE_LEAD.sub("", text[start : run[0]], count=1))
                or _SIGNAL_WORD.match(text, run[0])
                or _SENTENCE_GOES_ON.match(text, citation.span.end)
            ):
                # A note that opens with the name and the year is the work's entry or its
                # short form ("1. ^ Smith, John (2005). \"Title\". Oxford.", "^ Smith (2005),
                # p. 40" in an encyclopaedia's notes), not a citation made in a sentence,
                # unless a sentence goes on after the bracket ("Bradley and Colvin (2000)
                # estimated the entry pricing cost ...").
                return False
        # Not the note itself, which is read as a source too (an endnote that is a legend).
        return entry.section != "footnote" and not (
            entry.span.start <= citation.span.start < entry.span.end
        )

    # A bracket holding a citation of the list keeps its other members ("PCARRD, 2001, cited
    # in Rincon et al, 2008"): brackets are told apart by the text between two members.
    kept: list[Citation] = []
    group: list[Citation] = []

    def close() -> None:
        if any(listed(c) for c in group):
            kept.extend(group)
        group.clear()

    for citation in citations:
        if not in_notes.covers(citation.span.start, citation.span.end):
            close()
            kept.append(citation)
            continue
        if group and ")" in text[group[-1].span.end : citation.span.start]:
            close()
        group.append(citation)
    close()
    kept.sort(key=lambda c: c.span.start)
    table = Citations(line_index, len(text), text)
    table.extend(kept)
    return table


#: A note's number and marks before its text: "13 ", "1. ^ ", "[4] ", "^ a b ".
_NOTE_LEAD = lazy_compile(r"\s*(?:\[?\d+[.)\]]?|\^|\b[a-z]\b|[*\s])*")
#: A word of a sentence before a name.
_WORD = lazy_compile(r"[^\W\d_]{2,}")
#: A capitalised word that leads into a citation and which a name run takes in: "See Cohen".
_SIGNAL_WORD = lazy_compile(r"(?:See|Cf\.|Compare|Also)\b")
#: After a year in brackets, the sentence the name opened going on in lower case (a verb),
#: where an entry or its short form goes on with a full stop, a comma or a title.
_SENTENCE_GOES_ON = lazy_compile(r"\)?[ \t]*\n?[ \t]*(?!pp\b)[a-z]{2,}\b")

#: The quotation marks a title cited without its author opens with (citation.lark's
#: QUOTED_TITLE): straight, curly or a guillemet.
_QUOTES = '"\u201c\u00ab'

#: Years in brackets after a listed source's name, resolved to its entry, that show a report
#: cites in the running text ("Tate (2015) examines"), so that a year after a name no entry has
#: is a citation too.
_NARRATIVE_STYLE = 3


#: What joins the names of several authors: "Smith and Doe", "Smith & Doe", "Smith et al.", a
#: listed name after an initial ("Brown, O., Smith, L."); a citation's "Raman, Tandong" too.
_SEVERAL_AUTHORS = lazy_compile(
    r"\s(?:and|&|&amp;|et\.? al)(?!\w)|[A-Z]\.,\s+[A-Z]|^[^,]+,\s*[A-Z][a-z]+,\s"
)


#: An author that names several people: names parted by ";", by "and" or "&", or inverted
#: names parted by commas ("Berditchevskaia, Aleks, Kathy Peach").
_SEVERAL_NAMES = lazy_compile(r";|\s(?:and|&)\s|,[^,]+,")


def _merge_spans(largest: int, *given: Sequence[tuple[int, int]]) -> OffsetPairs:
    """The spans of all ``given`` in order, those that overlap joined; in two arrays, not a
    pair a paragraph. Sequences already in order (the prose, the notes) are merged as they
    come instead of sorted as one list."""
    merged = OffsetPairs(largest)
    for start, end in _sorted_pairs(*given):
        if merged and start < merged.last_end:
            merged.widen_last(end)
        else:
            merged.append(start, end)
    return merged


def _prose_runs(text: str, prose: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int, int]]:
    """Each prose span with where a bracket opened in it may close: the end of the last of the
    prose spans after it that only blank lines part (a paragraph broken by a conversion may
    break a bracket), else its own end; a heading or a running head between them ends the
    bracket's chance."""
    # From the last span back, so that a chain of spans parted by blank lines only (a group
    # of citations over three lines of a text with a blank line after every line) is followed
    # to its end in one pass; the scan bounds a bracket's length anyway. Only where each may
    # close is kept (an array): a triple each was held while every citation was read.
    closes = array("q", bytes(8 * len(prose)))
    close_by = len(text)
    for index in range(len(prose) - 1, -1, -1):
        start, end = prose[index]
        joined = index + 1 < len(prose) and not text[end : prose[index + 1][0]].strip()
        if not joined:
            close_by = end  # else where the span after it may close
        closes[index] = close_by
    for index, (start, end) in enumerate(prose):
        yield start, end, closes[index]


def _same_bracket(text: str, previous_end: int, start: int) -> bool:
    """Whether a citation follows the one ending at ``previous_end`` in the same bracket, with
    only a separator between them ("2015, 2018", "Ball, 1999, Guzmán, 2015")."""
    return 0 <= previous_end <= start and not text[previous_end:start].strip(" \t\n,;")


# A law report's abbreviation (it has a full stop: "Dec.", "F.3d", "U.S.") and a page, with
# an optional pinpoint page, right before the bracket.
_REPORTER_PAGE = lazy_compile(r"[A-Za-z][\w.&]*\.\w*\s+\d+(?:,\s*\d+(?:[-–]\d+)?)?\s*$")


def _after_reporter_page(text: str, start: int) -> bool:
    """Whether a bracket follows a page number: the court and year of a case cited in a law
    report ("27 I&N Dec. 1, 5 (BIA 2017)", "395 F.3d 1125, 1130 (9th Cir. 2005)"), which is
    part of that citation, not an author-date citation of a listed source."""
    bracket = text.rfind("(", max(0, start - 2), start + 1)
    if bracket == -1:
        return False
    return _REPORTER_PAGE.search(text, max(0, bracket - 40), bracket) is not None


# A reporting verb right after the closing bracket: "The BTI's country report, released in
# February 2022 (BTI report 2022) stated: ...". The bracket names the source the sentence
# describes, as a short name for later use; a citation closes its clause instead. An adverb may
# stand between ("(HRC 2024 report) also noted"), and a Home Office note may put a comma after
# the bracket ("the Assistant Secretary General ... (Brands-Kenris 2025) , stated:"): after a
# comma only a past tense counts, as "(HRW 2020), reports show" starts a clause of its own, or
# words that go on describing the work named ("... published 27 September 2023 (Musah 2023),
# based primarily on fieldwork ...", "(BTI report 2024), dated 19 March 2024, ... stated").
_PAST_REPORTING = (
    r"stated|noted|reported|said|observed|found|explained|estimated|indicated|added|recorded|"
    r"described|wrote|commented|concluded|highlighted"
)
_REPORTING_VERB = lazy_compile(
    r"\)?[ \t]*(?:(?:also|further|similarly|additionally|likewise)[ \t]+)?"
    rf"(?:(?:{_PAST_REPORTING}|states|notes|reports|says|observes|finds|explains|estimates|"
    r"indicates|adds|records|describes|writes|comments|concludes|highlights)\b"
    rf"|,[ \t]*(?:(?:also|further|similarly|additionally|likewise)[ \t]+)?"
    rf"(?:{_PAST_REPORTING})\b"
    r"|,[ \t]*(?:dated|published|released|issued|based|covering|updated|compiled)\b)"
)


def _short_name_of_source(text: str, end: int) -> bool:
    """Whether the bracket a citation stands in is the short name of a source the sentence is
    describing ("(BTI report 2022) stated"), not a citation of a listed one."""
    return _REPORTING_VERB.match(text, end, end + 50) is not None


#: Words of a source's name, at least, that a bracket repeating it in full must have to be a
#: citation without a comma before its date: a short name is shorter than the name it labels.
_WHOLE_NAME_WORDS = 3
#: Words between a source's name and the bracket that gives its short name: "the US CIA World
#: Factbook (US CIA Factbook 2024)" has one ("World") inside the name.
_SHORT_NAME_SLACK = 3
# The end of a sentence or clause: a stop, colon or semicolon (and any closing quote) and a space.
_CLAUSE_END = lazy_compile(r"[.!?;:][\"”’')\]]*(?:\s|$)")


def _comma_after_name(cited_text: str, author: str) -> bool:
    """Whether a citation's text writes a comma right after its source's name ("Name, 2018")."""
    squashed = " ".join(cited_text.split())
    return squashed.startswith(author) and squashed[len(author) :].lstrip().startswith(",")


def _names_the_source_before(text: str, start: int, author: str, cited_text: str = "") -> bool:
    """Whether the words right before the bracket are the source the citation names, so the
    bracket gives that source a short name ("According to the US CIA World Factbook (US CIA
    Factbook 2024)", "the Bertelsmann Transformation Index (BTI 2024)") instead of citing it.

    Only the last few words count: a citation naming a source the sentence named earlier ("The
    Hindu reports that ... (The Hindu 15 December 1990)") is a citation. So is one that repeats
    the very name before it with a comma before its date, as author-date styles cite a work
    the sentence names ("the Montréal Declaration (Montréal Declaration, 2018)"): a short name
    is a label shorter than the name, never the same words again in a citation's form."""
    cited = source_key(author).split()
    if not cited:
        return False
    bracket = text.rfind("(", max(0, start - 2), start + 1)
    if bracket == -1:
        return False
    window = text[max(0, bracket - 200) : bracket]
    # Only the clause the bracket closes: '..." says Shekar. (Shekar, 2021)' cites.
    clause_starts = [found.end() for found in _CLAUSE_END.finditer(window)]
    if clause_starts:
        window = window[clause_starts[-1] :]
    words = key_words(window)[-(len(cited) + _SHORT_NAME_SLACK) :]
    if len(cited) == 1 and len(words) >= 2 and not _comma_after_name(cited_text, author):
        # An acronym: the initials of the capitalised words before it. With a comma before the
        # date it is the citation author-date styles write where a body is first named, giving
        # it the acronym the text goes on with ("the Internal Displacement Monitoring Centre
        # (IDMC, 2021)", as APA writes it).
        initials = initials_key(" ".join(window.split()[-8:]))
        if initials is not None and initials.endswith(cited[0]) and len(cited[0]) >= 2:
            return True
    if not words or words[-1] != cited[-1]:
        return False  # the name must end where the bracket opens: "HRW agreed (HRW 2005)" cites
    if words[-len(cited) :] == cited and (
        _comma_after_name(cited_text, author) or len(cited) >= _WHOLE_NAME_WORDS
    ):
        # The very name again in a citation's form is no short name: "(Montréal Declaration,
        # 2018)" after "the Montréal Declaration", or a long body's name written out in full
        # without a comma, as Chicago cites ("as advised by the United Nations Office of the High
        # Commissioner of Human Rights (United Nations Office of the High Commissioner of Human
        # Rights 2020)"), which nobody would take for a label.
        return False
    position = 0
    for word in cited:
        try:
            position = words.index(word, position) + 1
        except ValueError:
            return False
    return True


# A source named as the subject of a report in the sentence before a date in brackets:
# "According to The Hindu, ...", "The Korea Post reported that ...".
_NAME_WORD = r"[A-Z][\w'’.&-]*"
_SOURCE_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:of|the|for|and|de|on)\s+)*{_NAME_WORD}){{0,7}}"
_REPORTED_BY = lazy_compile(
    rf"\b[Aa]ccording to (?:the )?(?P<after>{_SOURCE_NAME})"
    rf"|(?P<before>{_SOURCE_NAME})(?:'s?|’s?)?\s+(?:\w+\s+)?"
    r"(?:reported|reports|stated|states|said|says|noted|notes|indicated|indicates|wrote|"
    r"writes|added|adds|explained|explains|observed|observes|announced|announces|quoted|"
    r"quotes|cited|cites|claimed|claims|told)\b"
    # A document the sentence says is the source's own, dated in the bracket after its title:
    # "the IRBDC's recent Question and Answer Series paper, CIS, ... (July 1992)".
    rf"|(?P<owner>{_SOURCE_NAME})(?:'s|’s)\s+(?:[\w-]+\s+){{0,6}}?"
    r"(?:report|paper|article|study|survey|document|publication|bulletin|statement|"
    r"press release|news release|letter|memorandum)s?\b"
)


#: Capitalised words that start a sentence without naming anyone: "It was reported".
_NOT_A_SOURCE = frozenset(
    {
        *("it", "this", "that", "these", "those", "they", "he", "she", "we", "i", "there"),
        *("which", "who", "one", "some", "others", "another", "officials", "sources"),
        *("reports", "witnesses", "residents"),
    }
)


def _reported_by(text: str, start: int, end: int) -> str | None:
    """The last source the text between ``start`` and ``end`` names as reporting something,
    or None: what ties a date in brackets to a source the list may lack."""
    named: str | None = None
    for match in _REPORTED_BY.finditer(text, start, end):
        name = match.group("after") or match.group("before") or match.group("owner")
        key = source_key(name)
        if key and key not in _NOT_A_SOURCE:
            named = " ".join(name.split())
    return named


#: Lower-case words inside a name that runs up to a bracket: "Ministry of the Interior",
#: "Ambos and Aboueldahab", "Luque et al.", "Comisión de la Verdad".
_NAME_CONNECTORS = frozenset(
    {
        *("of", "the", "and", "for", "on", "in", "&", "et", "al", "al.", "de", "del", "la"),
        *("las", "los", "y", "e", "du", "des", "le", "van", "von", "der", "da", "do", "dos"),
    }
)
#: Words of a name looked at before a bracket, at most.
_NAME_RUN_WORDS = 16


def _name_run(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the words that run up to the bracket a citation at ``end`` opens as one name
    start, and where the bracket is: capitalised words and the small words inside names ("the
    United Nations Department of Economic and Social Affairs, Population Division (2020)", "De
    acuerdo con Barbosa and Ciro (2020)"); None when a lower-case word stands right before it."""
    bracket = text.rfind("(", max(start, end - 2), end + 1)
    if bracket == -1:
        return None
    offset = max(start, bracket - 300)
    words = list(re.finditer(r"\S+", text[offset:bracket]))[-_NAME_RUN_WORDS:]
    run: list[re.Match[str]] = []
    for word in reversed(words):
        # "[Cohen et al. (2000)": a bracket opened before the name is not part of it.
        token = word.group().strip(",").lstrip("[")
        if not token or not (_capitalised(token) or token.casefold() in _NAME_CONNECTORS):
            break
        run.insert(0, word)
    while run and not _capitalised(run[0].group().lstrip("[")):
        run.pop(0)  # "of the United Nations": the name starts at its first capital
    return (offset + run[0].start(), bracket) if run else None


def _capitalised(word: str) -> bool:
    """Whether a word opens a name: a capital, or an elided particle glued to a capitalised
    family name by an apostrophe ("d’Errico et al. (2022)", "l'Estrange")."""
    return word[:1].isupper() or (
        len(word) > 2 and word[0] in "dl" and word[1] in "'’" and word[2].isupper()
    )


def _narrated_source(listed: _SourceIndex, text: str, start: int, end: int) -> str | None:
    """The listed source the name running up to a bracket names (``_name_run``), or None. A
    narrative citation names its source right there; a year in brackets after any other words
    is a period, and a source named earlier in the sentence does not make it a citation."""
    run = _name_run(text, start, end)
    return None if run is None else listed.named_in(text, *run)


#: Articles, which name things, not the authors a year in brackets may follow.
_ARTICLES = frozenset(
    {"the", "a", "an", "la", "el", "los", "las", "le", "les", "l'", "der", "die", "das", "o", "os"}
)
#: Words of an author's name, at most, before a year in brackets that no entry's name explains.
_AUTHOR_RUN_WORDS = 6


#: A journal's volume and pages, or volume and issue, right after a year in brackets.
_VOLUME_AFTER = lazy_compile(
    r"\)?[ \t]*\d{1,4}(?:(?:\(\d{1,3}\)[ \t]*[:,]?|[ \t]*:)[ \t]*\d"
    # Or its pages alone, closing the line: "American Political Science Review (2021) 1–8".
    r"|[ \t]*[–-][ \t]*\d{1,4}[ \t]*(?:\n|$))"
)


def _author_before(text: str, start: int, citation: Citation) -> str | None:
    """The author a year in brackets follows when no listed source is named there: a name the
    citation grammar reads as a source's ("Barbosa and Ciro", "Powell et al."), of a few words
    and not a law's ("the Act (1983)"), before a single year (a range after a name is a term
    of office or a life: "Álvaro Uribe Vélez (2002-2010)"), or None."""
    if not isinstance(citation.value.date, Date):
        return None
    if _VOLUME_AFTER.match(text, citation.span.end, citation.span.end + 20):
        # "Quality & Quantity (2022) 56:1391–1412": a journal's year, volume and pages, as an
        # article's first line gives them; no author.
        return None
    run = _name_run(text, start, citation.span.start)
    if run is None:
        return None
    name = " ".join(text[run[0] : run[1]].split())
    before = text[max(start, run[0] - 20) : run[0]].split()
    if len(name.split()) > _AUTHOR_RUN_WORDS or any(
        word.casefold() in _ARTICLES for word in [*before[-1:], name.split()[0]]
    ):
        # "la Ley (1991)", "the Constitution (1996)": a thing the article names, not a person.
        return None
    try:
        values = parse_citation_group(f"{name} {citation.text}")
    except GrammarError:
        return None
    if len(values) != 1 or values[0].author is None or values[0].date is None:
        return None
    author = values[0].author
    return None if _names_an_instrument(author) else author


#: The last word of the name of a law, a treaty or an agreement, which brackets give with its
#: year ("Refugee Act 1998", "Doha Peace Accord, August 2022") as they give a source's.
_INSTRUMENTS = frozenset(
    {
        *("act", "acts", "law", "laws", "code", "constitution", "convention", "covenant"),
        *("charter", "treaty", "protocol", "accord", "accords", "agreement", "decree"),
        *("ordinance", "regulation", "regulations", "bill", "amendment", "declaration"),
        *("proclamation", "directive", "statute"),
    }
)


#: How far a bracket's opening and closing may stand from a citation inside it.
_BRACKET_REACH = 320


def _in_legal_parenthetical(text: str, span: Span) -> bool:
    """Whether the bracket a citation stands in is, whole, a legal parenthetical: a court and a
    year, a code's publisher and year, or a place in the record (``grammars/legal.lark``)."""
    opening = text.rfind("(", max(0, span.start - _BRACKET_REACH), span.start)
    closing = text.find(")", span.end, span.end + _BRACKET_REACH)
    if opening == -1 or closing == -1 or ")" in text[opening + 1 : span.start]:
        return False
    # Loaded for the first citation in brackets: most reports have none (its reader and its
    # class are about 1 ms of start-up).
    from provenance.parsers.legal import is_legal_parenthetical

    return is_legal_parenthetical(text[opening + 1 : closing])


#: Marks that set a work's title off: Markdown emphasis, each with the mark that closes it. Not
#: quotation marks: a quotation opening a line is followed by its citation ('“Reefs ... warming.”
#: (Capili et al, 2005)').
_TITLE_MARKS = {"_": "_", "*": "*"}
#: Bullets that open a list item ("-   ", "* ", "• ").
_BULLETS = "-*•"
#: Most plain words between a title and the bracket after it ("in Spanish").
_AFTER_TITLE_WORDS = 3
#: Longest list item read back from a bracket: a longer line is a paragraph.
_ITEM_REACH = 300


def _describes_listed_work(text: str, span: Span) -> bool:
    """Whether the bracket a citation stands in follows, in an item of a list of works, the
    work's title set off by emphasis ("-   _The Spanish Game_ (Charles Cumming,
    2006)", "_Fatherland_ _(Patria)_ in Spanish (Fernando Aramburu, 2016)"): the bracket gives
    the work's maker and year, as a filmography or a list of novels does, not a source."""
    opening = text.rfind("(", max(0, span.start - _BRACKET_REACH), span.start)
    closing = text.find(")", span.end, span.end + _BRACKET_REACH)
    if opening == -1 or closing == -1:
        return False
    line_end = text.find("\n", closing)
    line_end = len(text) if line_end == -1 else line_end
    # An item that goes on after the bracket ("_Operación Ogro_ (Operation Ogre, 1979),
    # Gillo Pontecorvo's film about ...") describes its work only where the bracket follows the
    # title at once.
    goes_on = bool(text[closing + 1 : line_end].strip(" \t.,;"))
    line_start = text.rfind("\n", max(0, opening - _ITEM_REACH), opening)
    if line_start == -1 and opening > _ITEM_REACH:
        return False
    item = text[line_start + 1 : opening].strip()
    if item[:1] in _BULLETS and item[1:2].isspace():
        item = item[1:].lstrip()
    closer = _TITLE_MARKS.get(item[:1])
    if closer is None:
        return False
    end = item.find(closer, 1)
    if end <= 1:
        return False
    # What stands between the title and the bracket: more titles set off the same way (the
    # original's, "_(Patria)_") and a few plain words.
    rest = item[end + 1 :]
    plain: list[str] = []
    while rest:
        rest = rest.lstrip()
        if rest[:1] == item[0] and (stop := rest.find(closer, 1)) > 0:
            rest = rest[stop + 1 :]
            continue
        word, _, rest = rest.partition(" ")
        if word:
            plain.append(word)
    return not plain if goes_on else len(plain) <= _AFTER_TITLE_WORDS


def _names_a_document_number(author: str) -> bool:
    """Whether a cited name is a document's number: a word of letters and digits joined by
    hyphens or slashes ("GAO-01-821", "GAO/T-OCG-94-1", "FBIS-NES-90-243")."""
    return any(
        any(char.isdigit() for char in word)
        and any(char.isalpha() for char in word)
        and any(char in "-/" for char in word)
        for word in author.split()
    )


def _names_an_instrument(author: str) -> bool:
    words = source_key(author).split()
    return bool(words) and words[-1] in _INSTRUMENTS


#: Names of a part of a year, or of an accounting year, that a year follows as a citation's
#: source would: "FY 1999" (fiscal year; "SFY" a state's, "FFY" the federal one), "Q3 2020".
_PERIODS = frozenset(
    {
        *("fy", "sfy", "ffy", "fiscal year", "financial year", "calendar year"),
        *("q1", "q2", "q3", "q4", "h1", "h2"),
    }
)


def _names_a_period(author: str) -> bool:
    """Whether a cited name is only a part of a year or an accounting year: "FY" of "(FY
    1999)", "Fiscal Year" of "(Fiscal Year 2021)"; a listed source of that name (none known)
    would have resolved before this is asked."""
    return source_key(author) in _PERIODS


def _year_only(value: DateValue | None) -> bool:
    if value is None:
        return False
    if isinstance(value, DateRange):
        return value.start.month is None and value.end.month is None
    return value.month is None


def _region_intervals(regions: Sequence[Region]) -> Intervals:
    """The regions' stretches, from their offsets without making each region."""
    if isinstance(regions, Regions):
        return Intervals(zip(regions.starts, regions.ends, strict=True))
    return Intervals((r.span.start, r.span.end) for r in regions)


def _label_alone(text: str, regions: Intervals, citation: Citation) -> bool:
    """Whether a year in brackets closes a one-line paragraph of its own: a chart's or a
    panel's label ("Secondary School Access (2001)", "Road Density (2011)" among a figure's
    axis values), not a sentence that names its source."""
    found = regions.containing(citation.span.start)
    if found is None:
        return False
    start, end = found
    close = text.find(")", citation.span.end, end)
    return close != -1 and not text[close + 1 : end].strip() and "\n" not in text[start:end].strip()


def _paragraph_start(regions: Intervals, offset: int) -> int:
    found = regions.containing(offset)
    return found[0] if found is not None else 0


def _sentence_start_before(text: str, regions: Intervals, start: int) -> int:
    """Where the words before a citation may name its source: the start of its paragraph, or of
    the paragraph before when that one breaks off inside the sentence that this one goes on
    with (a conversion with a blank line after every line: "According to Beyene" then "et
    al. (2015), the stove ..."): no stop ends it and this one starts in lower case, or with the
    bracket whose source that line names ("Anil Gupta" then "(2011) notes that ..."); the stop
    of "et al." ends no sentence ("Smith et al." then "(2012), however, ...")."""
    if start >= len(text) or not (text[start].islower() or text[start] == "("):
        return start
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == 0 or "\n\n" not in text[end:start]:
        return start
    if text[end - 1] in ".!?:" and not text.endswith(" et al.", max(0, end - 7), end):
        return start
    found = regions.containing(end - 1)
    return found[0] if found is not None else start


#: Source names are indexed by their first words up to this many (longer citations are rare
#: and are checked against the entries sharing those words).
_PREFIX_WORDS = 16
#: Dates spanning more years than this are kept apart and compared with every dated citation.
_YEAR_SPAN = 16


class _KeyTable:
    """Names to the entries that have them, in order: the names sorted, each beside one entry's
    number, and found by bisection.

    Built once for each list of sources a text cites and held while its citations are linked.
    A dict of names to a number or a list of numbers, and an int object for each number, were
    about 70 bytes a name, and two such dicts and the tuples of each entry's names were the
    peak of linking a long list; here 12 bytes a name (its string is that of ``keys``).
    """

    __slots__ = ("_entries", "_names")

    def __init__(self) -> None:
        self._names: list[str] = []
        self._entries = array("i")

    def add(self, name: str, entry: int) -> None:
        """Give ``entry`` the name ``name``: entries in order, each name once an entry."""
        self._names.append(name)
        self._entries.append(entry)

    def seal(self) -> _KeyTable:
        """Sort the names for ``get``, each name's entries kept in the order added."""
        names, entries = self._names, self._entries
        order = sorted(range(len(names)), key=names.__getitem__)  # stable: entries in order
        self._names = [names[i] for i in order]
        self._entries = array("i", map(entries.__getitem__, order))
        return self

    def get(self, name: str) -> Sequence[int]:
        """The entries named ``name``, in order."""
        names = self._names
        low = bisect_left(names, name)
        if low == len(names) or names[low] != name:
            return ()
        return self._entries[low : bisect_right(names, name, low)]


class _Ragged:
    """Each entry's names, all in one list, with where each entry's names start: a tuple of one
    name an entry was 48 bytes and its pointer 8 more; here 12 bytes a name."""

    __slots__ = ("_names", "_starts")

    def __init__(self) -> None:
        self._names: list[str] = []
        self._starts = array("i", [0])

    def append(self, names: Iterable[str]) -> None:
        """The next entry's names."""
        self._names.extend(names)
        self._starts.append(len(self._names))

    def __getitem__(self, index: int) -> list[str]:
        return self._names[self._starts[index] : self._starts[index + 1]]

    def __len__(self) -> int:
        return len(self._starts) - 1


class _SourceIndex:
    """The entries of the source lists, indexed for resolving citations by name and by date.

    Resolving each of n citations by comparing it with each of m entries costs n x m, which a
    long report makes quadratic; the indexes give each citation the few entries it may mean.
    ``last_work`` is the number of entries the last ``resolve`` compared.

    Held while the citations are read, beside the whole document: a list of tens of thousands
    of entries made it the peak of parsing. Equal keys are one string, the names are held in
    sorted lists and arrays (``_KeyTable``, ``_Ragged``), entry numbers in arrays (not as int
    objects), and what only a date-only citation asks (the context keys, the entries by the
    first word of each) is made on first use.
    """

    def __init__(self, references: Sequence[Reference]) -> None:
        self.references = references
        #: Each reference's entry, looked up far more often than the rest of it (a document's
        #: references are made when read).
        self.entries: Sequence[ReferenceEntry] = (
            references.entries
            if isinstance(references, References)
            else [reference.entry for reference in references]
        )
        self.indices = array(
            "i", (i for i, ref in enumerate(references) if ref.section in _SOURCE_SECTIONS)
        )
        strings: dict[str, str] = {}
        intern = strings.setdefault
        #: Each entry's keys (by its position in ``references``; none outside the source lists).
        self.keys = _Ragged()
        listed = iter(self.indices)
        following = next(listed, None)
        for i, reference in enumerate(references):
            if i != following:
                self.keys.append(())
                continue
            following = next(listed, None)
            self.keys.append(intern(key, key) for key in reference_keys(reference))
        #: Each key, and each of its proper word-prefixes (to _PREFIX_WORDS words), to the
        #: entries that have it, in order.
        self.by_key = _KeyTable()
        self.by_prefix = _KeyTable()
        #: The dated entries by each year their date may fall in.
        self.by_year: dict[int, array[int]] = {}
        self.wide = array("i")  # dated entries spanning many years, or reversed
        self.undated = array("i")
        for i in self.indices:
            # A periodical's or a book's name is cited whole: "(UN 2023)" is no citation of a
            # brief in the series "UN Unite Research Policy Brief" (its words are not indexed as
            # the start of a longer name).
            whole_only = container_only_keys(references[i])
            keys = self.keys[i]
            prefixes: dict[str, None] = {}
            # Each key also without its connecting words, which citations may give differently.
            for key in dict.fromkeys([*keys, *map(bare_key, keys)]):
                self.by_key.add(intern(key, key), i)
                if key in whole_only:
                    continue
                words = key.split(" ")
                for count in range(1, min(len(words), _PREFIX_WORDS + 1)):
                    if count < len(words):
                        prefixes[" ".join(words[:count])] = None
            for prefix in prefixes:
                self.by_prefix.add(intern(prefix, prefix), i)
            date = self.entries[i].date
            if date is None:
                self.undated.append(i)
                continue
            first, last = date.earliest(), date.latest()
            if first is None or last is None:
                continue  # overlaps no date
            if first > last or last[0] - first[0] > _YEAR_SPAN:
                self.wide.append(i)
            else:
                for year in range(first[0], last[0] + 1):
                    self.by_year.setdefault(year, array("i")).append(i)
        del strings
        self.by_key.seal()
        self.by_prefix.seal()
        self.last_work = 0
        #: The entries the last ``resolve`` could not tell apart by name and date (same source,
        #: same year, no letter), and those of them the words of its sentence told it (the
        #: same when they told nothing): empty when one entry or none was found.
        self.last_tie: tuple[int, ...] = ()
        self.last_told: tuple[int, ...] = ()
        #: ``title_pairs`` of the titles asked, by entry (``_title_pairs``).
        self._titles: dict[int, frozenset[tuple[str, str]]] = {}
        #: The keys searched for in the sentence before a date-only citation, and the entries
        #: by the first word of each: made on first use (``_context``).
        self._context_keys: _Ragged | None = None
        self._context_first: _KeyTable | None = None
        #: The entries by the family-name keys of people listed given name first, made on
        #: first use (``_family_of_given_name_first``).
        self._by_given_first: dict[str, int | list[int]] | None = None

    def _context(self) -> tuple[_Ragged, _KeyTable]:
        """Each entry's keys as searched for in the sentence before a date-only citation (made
        initials, "in", "it", are common words there), and the entries with a context key of
        each first word, for finding names in running text; made at the first citation that
        asks (a text citing by name only never does)."""
        if self._context_keys is None or self._context_first is None:
            strings: dict[str, str] = {}
            intern = strings.setdefault
            context_keys = _Ragged()
            first = _KeyTable()
            listed = iter(self.indices)
            following = next(listed, None)
            for i, reference in enumerate(self.references):
                if i != following:
                    context_keys.append(())
                    continue
                following = next(listed, None)
                keys = self.keys[i]
                context = [intern(key, key) for key in reference_keys(reference, initials=False)]
                context_keys.append(keys if context == keys else context)
                for word in dict.fromkeys(key.split(" ", 1)[0] for key in context_keys[i]):
                    first.add(intern(word, word), i)
            self._context_keys, self._context_first = context_keys, first.seal()
        return self._context_keys, self._context_first

    def resolve(
        self,
        author: str | None,
        date: DateValue | None,
        text: str,
        context_start: int,
        context_end: int,
        year_suffix: str | None = None,
    ) -> int | None:
        """The entry a citation of ``author`` and ``date`` means, comparing it only with the
        entries the indexes give. ``year_suffix`` ("b" of "1995b") picks among the entries of
        one source and year in their order in the list, as bibliographies order them."""
        self.last_tie = self.last_told = ()
        if author is not None:
            candidates = self._named(source_key(author))
            if not candidates and (joined := abbreviations_key(author)) is not None:
                # "(U.S. EPA, 2000b)" for "US Environmental Protection Agency, 2000b.": a
                # country's abbreviation and an agency's acronym, cited by the initials of the
                # entry's name.
                candidates = self._named(joined)
            if not candidates and len(made := initials_key(author) or "") >= _MADE_ACRONYM:
                # "(Human Rights Watch 2020)" for "HRW. 2020.": the list gives the acronym the
                # citation spells out.
                candidates = self._named(made)
            if not candidates and date is not None:
                candidates = self._other_forms(author, date)
            self.last_work = len(candidates)
            matches = [
                i for i in candidates if date is None or _dates_overlap(date, self.entries[i].date)
            ]
            if not matches and candidates and date is not None:
                # "(Bautista, 2008)" where the name matches "Bautista, B.C. and Bautista, L.P.,
                # 1999." only: the work of 2008 may be listed under another form of the name
                # ("Ma. Leonila P. Bautista, 2008.").
                found = self._other_forms(author, date)
                self.last_work += len(found)
                matches = [i for i in found if _dates_overlap(date, self.entries[i].date)]
            if not matches and date is not None:
                # "(Country Reports 2004)" cites "Country Reports on Human Rights Practices for
                # 2004", published in 2005: the year names the edition, not the publication.
                matches = [i for i in candidates if self._year_names_edition(date, i)]
            if not matches and date is not None:
                # "(Aklin et al., 2018)" for "Aklin, Michaël; Patrick Bayer; S.P. Harish and
                # Johannes Urpelainen. 2018.": a list whose names no key spells out (the
                # name may still match another work of the first author's, of another year).
                found = self._first_of_several(source_key(author), date)
                self.last_work += len(found)
                matches = [i for i in found if _dates_overlap(date, self.entries[i].date)]
            if not matches and not candidates and date is not None and ":" not in author:
                # "(Tebtebba Foundation, 2009)" for "Guide on Climate Change and Indigenous
                # People (2009). Baguio City: Tebtebba Foundation.": a work listed by its
                # title, cited by the body that published it. A note's "Boulder, CO: Westview
                # Press, 2004" gives a book's place and publisher, no source of the list. Not
                # for a name the list has under other years: that is a date to check.
                matches = self._publisher(source_key(author), date)
            if not matches and date is not None:
                # '“Post-2015 Development Agenda: Guidelines for National Consultations” (UNDP
                # 2012)' for "UNDG. 2012. “Post-2015 Development Agenda: ...”": the name is
                # not the list's, the title its sentence gives is.
                matches = self._title_said(date, text, context_start, context_end)
            if year_suffix is not None and matches:
                return _nth_of_year(matches, year_suffix, self.references)
            if date is None:
                # "(Jurisdicción Especial para la Paz (JEP), nd)": of a source with dated and
                # undated works, a citation without a date means an undated one.
                matches = [i for i in matches if self.entries[i].date is None] or matches
            if len(matches) > 1 and isinstance(date, Date) and date.month is not None:
                # "(U.S. General Accounting Office, December 31, 1986)" where the list has that
                # source's works of "December 1986" and of "December 31, 1986": the one of that
                # very date, which the other only overlaps.
                matches = [i for i in matches if self._same_day(date, i)] or matches
            if len(matches) > 1:
                matches = self._as_named(source_key(author), matches)
            if len(matches) > 1:
                matches = self._covering(source_key(author), matches)
            if len(matches) > 1 and self._other_bodies(source_key(author), matches):
                # "(United Nations 2023)" where the list has that year's works of "United
                # Nations Conference on Trade and Development" and "United Nations Development
                # Programme" only: the name starts two other sources' names; none is the one.
                return None
            if len(matches) > 1:
                matches = self._by_author_count(author, matches)
            if len(matches) > 1:
                matches = self._authored(matches)
            if len(matches) > 1:
                matches = self._told_by_title(matches, text, context_start, context_end)
            return self._prefer_cited_sections(matches, context_end)
        # Date-only: the source named in the same sentence, else the one entry of that date.
        dated = self._dated(date)
        self.last_work = len(dated)
        same_date = [i for i in dated if _dates_overlap(date, self.entries[i].date)]
        if not same_date:
            return None
        context = " " + source_key(text[context_start:context_end]) + " "
        self.last_work += context_end - context_start
        # Where each entry's name last stands before the bracket: "Velásquez-Ruiz (2022)" after
        # a sentence naming the JEP cites Velásquez-Ruiz 2022, not the JEP's 2022 entry.
        context_keys = self._context()[0]
        last_named = {
            # An entry with no author ("Title, 5 June 2024.") has no name to stand there.
            i: max((context.rfind(f" {key} ") for key in context_keys[i]), default=-1)
            for i in same_date
        }
        named = [i for i in same_date if last_named[i] >= 0]
        if year_suffix is not None and named:
            # "Roe (2001b) disagreed": the name before the bracket, then the letter.
            return _nth_of_year(named, year_suffix, self.references)
        if named:
            nearest = max(last_named[i] for i in named)
            named = [i for i in named if last_named[i] == nearest]
            if len(named) > 1:
                named = self._told_by_title(named, text, context_start, context_end)
            return self._prefer_cited_sections(named, context_end)
        if _name_run(text, context_start, context_end) is not None:
            # "UNDP (2018)", "Manyika and Bughin (2018)": the year is a work of the name right
            # before it, which no entry of that date is; the one entry of the date is another's.
            return None
        exact = [i for i in same_date if self._same_day(date, i)]
        if len(exact) == 1:
            return exact[0]
        return None

    def _title_pairs(self, index: int) -> frozenset[tuple[str, str]]:
        """``title_pairs`` of an entry's title, made once: the entries of a year are asked
        again for each citation of that year no name found."""
        known = self._titles.get(index)
        if known is None:
            known = self._titles[index] = title_pairs(self.entries[index].title or "")
        return known

    def _title_said(self, date: DateValue, text: str, start: int, end: int) -> list[int]:
        """The one entry of ``date`` whose title's words the citation's sentence gives, three
        or more in a row (two of ``title_pairs`` or more); none when several are."""
        start = _own_sentence_start(text, start, end)
        # A pair with a number ("covid 19", "19 pandemic") is a common term more often than
        # words of one title.
        said = {pair for pair in title_pairs(text[start:end]) if not any(map(str.isdigit, pair))}
        if len(said) < _TITLE_PAIRS_SAID:
            return []
        dated = self._dated(date)
        self.last_work += len(dated) + end - start
        found = [
            i
            for i in dated
            if self.keys[i]
            and _dates_overlap(date, self.entries[i].date)
            and len(said & self._title_pairs(i)) >= _TITLE_PAIRS_SAID
        ]
        return found if len(found) == 1 else []

    def _told_by_title(self, matches: list[int], text: str, start: int, end: int) -> list[int]:
        """Of entries a citation names alike ("Schwartz, 2000" where the list has three works
        of Schwartz of 2000), those whose title the sentence before it speaks of: it holds a
        pair of the title's words (``title_pairs``) that no other title of them has ("the
        distributed lag model ... reported in Schwartz (2000)" for "The Distributed Lag Between
        Air Pollution and Daily Deaths"). All of them when no one title is so; ``last_tie``
        and ``last_told`` say which were asked and which kept."""
        titles = {i: self._title_pairs(i) for i in matches}
        # The citation's own sentence: the context may reach sentences back, which speak of
        # other works ("long-term studies ... More recently, ... (Schwartz, 2000)").
        start = _own_sentence_start(text, start, end)
        said = title_pairs(text[start:end])
        self.last_work += end - start
        told = [
            i
            for i in matches
            if said & titles[i].difference(*(titles[j] for j in matches if titles[j] != titles[i]))
        ]
        kept = told if len({titles[i] for i in told}) == 1 else matches
        self.last_tie, self.last_told = tuple(matches), tuple(kept)
        return kept

    def _other_forms(self, author: str, date: DateValue) -> list[int]:
        """The entries of ``date`` that ``author`` names in a form no key spells out, tried in
        turn, the first form that finds any winning (each finds one entry or none)."""
        found: list[int] = []
        bare = " ".join(_CITED_INITIALS.sub(" ", author).split())
        if bare and bare != author:
            # "(V.V. Rubanov, 1977)" for "Rubanov I.V. Lake-soil ... 1977.": initials the list
            # writes on the other side of the family name, or not at all.
            found = [
                i
                for i in self._named(source_key(bare))
                if _dates_overlap(date, self.entries[i].date)
            ]
        if not found:
            # "(Zubhoff 2019)" for "Zuboff, S. (2019)": a name misspelt by one letter, taken
            # only for the one entry of that year it can mean.
            found = self._misspelt(source_key(bare or author), date)
        if not found:
            # "(Hein Tun et al., 2020)" for "Tun, T., Welle, B. ... (2020)": a person cited by
            # given and family name, or two authors in another order.
            found = self._given_name_first(author, date)
        if not found:
            # "(Rincon et al 2008)" for "Garcia Rincón, M.F. and F.K. Virtucio, Jr. (2008)": a
            # person cited by the second word of a family name of two.
            found = self._second_family_word(source_key(author), date)
        if not found:
            # "(Dimitrijevic, 2023)" for "Una Dimitrijevic. 2023.": people listed given name
            # first, cited by family name.
            found = self._family_of_given_name_first(source_key(author), date)
        if not found:
            # "(Crisis Group, 2019)" for "International Crisis Group. 2019.": an organisation
            # cited by the last words of its name, as its short name drops the first.
            found = self._name_ending(source_key(author), date)
        if not found:
            # "(AI Advisory Body Interim Report 2023)" for "AI Advisory Body Secretariat. 2023.
            # “Interim Report: ...”": a body's publication named by the body and the title's
            # first words.
            found = self._body_and_title(source_key(author), date)
        if not found:
            # "(Montréal Declaration, 2018)" for "University of Montréal. (2018). Montréal
            # Declaration for a Responsible Development of ...": a work cited by the first
            # words of its title, the one entry of that date whose title starts so.
            found = self._title_start(source_key(author), date)
        return found

    def named_in(self, text: str, start: int, end: int) -> str | None:
        """The listed author of the last entry ``text[start:end]`` names (by a key searched
        for in running text), whatever its date, or None; ``last_work`` counts the words read.

        A date in brackets after a sentence naming a listed source cites that source, even when
        the list has it under another date (which is a finding of its own)."""
        words = key_words(text[start:end])
        self.last_work = len(words)
        found: str | None = None
        if not words:
            return found
        context_keys, context_first = self._context()
        for position, word in enumerate(words):
            for i in context_first.get(word):
                for key in context_keys[i]:
                    if key.split(" ", 1)[0] != word:
                        continue
                    if words[position : position + key.count(" ") + 1] == key.split(" "):
                        entry = self.entries[i]
                        found = entry.author or entry.container  # the later name wins
        return found

    def names_entry(self, text: str, start: int, end: int, index: int) -> bool:
        """Whether ``text[start:end]`` names entry ``index`` (by a key searched for in running
        text, as ``named_in`` looks)."""
        words = key_words(text[start:end])
        return any(
            words[i : i + key.count(" ") + 1] == key.split(" ")
            for key in self._context()[0][index]
            for i in range(len(words))
        )

    def _named(self, cited: str) -> list[int]:
        """The entries whose name matches ``cited`` (``names_match``), in order."""
        if not cited:
            return []
        found = self._named_as(cited)
        if bare_key(cited) != cited:
            found |= self._named_as(bare_key(cited))
        stem = edition_stem(cited)
        if stem is not None:
            # "Country Reports 1992": the 1992 edition of a title starting "Country Reports".
            found |= {
                i
                for i in self._named_as(stem)
                if any(names_match(cited, key) for key in self.keys[i])
            }
        return sorted(found)

    def _named_as(self, cited: str) -> set[int]:
        words = cited.split(" ")
        found = set(self.by_key.get(cited))
        if len(words) <= _PREFIX_WORDS:
            found.update(self.by_prefix.get(cited))
        else:
            prefix = " ".join(words[:_PREFIX_WORDS])
            found.update(
                i
                for i in self.by_prefix.get(prefix)
                if any(names_match(cited, key) for key in self.keys[i])
            )
        for count in range(1, len(words)):
            found.update(self.by_key.get(" ".join(words[:count])))
        return found

    def _misspelt(self, cited: str, date: DateValue) -> list[int]:
        """The one entry of ``date`` whose name is ``cited`` but for one letter of its first
        word (``near_spelling``), the rest of the words as cited, or of another of its words,
        the others as written ("Widdicombe and Wooffiitt" for "Widdicombe, S., Wooffitt,
        R."), or but for a hyphen lost between two words (``joined_alike``: "BenNer" for
        "Ben-Ner"); none when several are."""
        first, _, rest = cited.partition(" ")
        found = [
            i
            for i in self._dated(date)
            if any(
                (
                    near_spelling(first, key.partition(" ")[0])
                    and (not rest or names_match(rest, key.partition(" ")[2]))
                )
                or _one_word_misspelt(cited, key)
                or joined_alike(cited, key)
                for key in self.keys[i]
            )
        ]
        return found if len(found) == 1 else []

    def _given_name_first(self, author: str, date: DateValue) -> list[int]:
        """The one entry of ``date`` that ``author`` names without its first word: a person
        cited by given and family name ("Hein Tun et al." for "Tun, T., Welle, B."), or two
        authors cited in another order than listed ("Winter & Mondon" for "Mondon, A., &
        Winter, A."). Only for two capitalised words, so an organisation's name ("South China
        Morning Post") is never cut."""
        words = source_key(author).split(" ")
        if len(words) < 2 or sum(1 for word in author.split() if word[:1].isupper()) != 2:
            return []
        found = [
            i
            for i in self._named(" ".join(words[1:]))
            if _dates_overlap(date, self.entries[i].date)
        ]
        return found if len(found) == 1 else []

    def _second_family_word(self, cited: str, date: DateValue) -> list[int]:
        """The one entry of ``date`` whose first author's family name is two words
        (``compound_family``), the second of them the cited name's first word (or that word
        misspelt by a letter, ``near_spelling``: "Ricon et al" for "Garcia Rincón"), and whose
        other authors are as cited ("Dacuycuy and Baje" for "Bayudan-Dacuycuy, C., & Baje,
        L. K.", or "et al."); none when several are."""
        first, _, rest = cited.partition(" ")
        found = []
        for i in self._dated(date):
            author = self.entries[i].author
            family = compound_family(author) if author else None
            if family is None or not (family[1] == first or near_spelling(family[1], first)):
                continue
            if (
                not rest
                or rest == "et al"
                or any(
                    names_match(cited, key.partition(" ")[2])
                    for key in self.keys[i]
                    if key.startswith(family[0] + " ")
                )
            ):
                found.append(i)
        return found if len(found) == 1 else []

    def _family_of_given_name_first(self, cited: str, date: DateValue) -> list[int]:
        """The one entry of ``date`` whose author lists people given name first
        (``natural_family_keys``) as ``cited`` names them; none when several are. Only for a
        name no entry's key matched: an organisation's name has the same shape ("World Bank"
        would be "Bank"), and the date and the lack of any other match are the evidence."""
        if self._by_given_first is None:
            # Made at the first citation that needs it: most reports never ask.
            self._by_given_first = {}
            for i in self.indices:
                author = self.entries[i].author
                if self.keys[i] and author:
                    for key in natural_family_keys(author):
                        _add(self._by_given_first, key, i)
        found = [
            i
            for i in _entries(self._by_given_first, cited)
            if _dates_overlap(date, self.entries[i].date)
        ]
        return found if len(found) == 1 else []

    def _name_ending(self, cited: str, date: DateValue) -> list[int]:
        """The one entry of ``date`` whose author's name ends with the two or more words
        ``cited`` gives (a name of one word, "Bank", ends too many); none when several do."""
        if cited.count(" ") < 1:
            return []
        found = [
            i
            for i in self._dated(date)
            if self.keys[i]
            and self.entries[i].author
            and source_key(self.entries[i].author or "").endswith(" " + cited)
            and _dates_overlap(date, self.entries[i].date)
        ]
        return found if len(found) == 1 else []

    def _body_and_title(self, cited: str, date: DateValue) -> list[int]:
        """The one entry of ``date`` that ``cited`` names by its author and the start of its
        title (``names_by_body_and_title``); none when several are."""
        found = [
            i
            for i in self._dated(date)
            if self.keys[i] and names_by_body_and_title(cited, self.entries[i])
        ]
        return found if len(found) == 1 else []

    def _title_start(self, cited: str, date: DateValue) -> list[int]:
        """The one entry of ``date`` that ``cited`` names by the start of its title
        (``names_by_title``); none when several are."""
        found = [i for i in self._dated(date) if names_by_title(cited, self.entries[i])]
        return found if len(found) == 1 else []

    def _publisher(self, cited: str, date: DateValue) -> list[int]:
        """The one entry of ``date`` whose text holds ``cited``, a name of two words or more,
        as whole words in a row (a publisher's name after the title); none when several do.
        Asked only when no entry's name is ``cited`` in any form."""
        if " " not in cited:
            return []
        words = cited.split(" ")
        dated = self._dated(date)
        self.last_work += len(dated)
        found = [
            i
            for i in dated
            if self.keys[i]
            # The text's words are made only for an entry that may hold the name.
            and words[-1] in self.references[i].text.casefold()
            and _dates_overlap(date, self.entries[i].date)
            and _holds_words(key_words(self.references[i].text), words)
        ]
        return found if len(found) == 1 else []

    def _dated(self, date: DateValue | None) -> Sequence[int]:
        """The entries whose date may overlap ``date``, in order."""
        if date is None:
            return self.undated
        first, last = date.earliest(), date.latest()
        if first is None or last is None:
            return []
        low, high = min(first[0], last[0]), max(first[0], last[0])
        if high - low > _YEAR_SPAN:
            return [i for i in self.indices if self.entries[i].date is not None]
        found = set(self.wide)
        for year in range(low, high + 1):
            found.update(self.by_year.get(year, ()))
        return sorted(found)

    def _year_names_edition(self, date: DateValue, index: int) -> bool:
        """Whether a year-only ``date`` is a word of the entry's name or title, as the year of
        an annual report's edition is ("... Practices for 2004", "World Report 2005"), or of
        the text of an entry whose date was not read."""
        if isinstance(date, DateRange) or date.month is not None or date.year is None:
            return False
        entry = self.entries[index]
        year = str(date.year)
        names = [*self.keys[index], source_key(entry.title or "")]
        written = [entry.author, entry.container, entry.title]
        if entry.date is None:
            # An entry whose date the grammar could not read: the years its text gives.
            names.append(source_key(self.references[index].text))
            written.append(self.references[index].text)
        # A year that only ends a span ("Período 2000-2025", "2012–2016") is no edition's.
        alone = " ".join(_YEAR_SPAN_TEXT.sub(" ", part) for part in written if part)
        if year not in key_words(alone):
            return False
        return any(year in key.split(" ") for key in names)

    def _same_day(self, date: DateValue | None, index: int) -> bool:
        entry_date = self.entries[index].date
        return date is not None and entry_date is not None and date.iso() == entry_date.iso()

    def _as_named(self, cited: str, matches: list[int]) -> list[int]:
        """Of the entries a name matches, those with a key that is the name itself: "(UN DESA,
        2021)" is the entry of "United Nations Department of Economic and Social Affairs (UN
        DESA)", not one of "United Nations (UN)" of that year, which it only starts with. All
        the matches when none or all are so."""
        bare = bare_key(cited)
        kept = [
            i for i in matches if any(key == cited or bare_key(key) == bare for key in self.keys[i])
        ]
        return kept or matches

    def _covering(self, cited: str, matches: list[int]) -> list[int]:
        """Of the entries a name matches, those with a key that holds the whole name (and maybe
        more words after it): "(Valencia and Serrano, 2025)" is "Valencia, Inge Helena, and
        Camilo Serrano Corredor. 2025.", not "Valencia, Germán. 2025.", whose name the
        citation only starts with. All the matches when none or all are so."""
        bare = bare_key(cited)
        kept = [
            i
            for i in matches
            if any(
                key == cited
                or key.startswith(cited + " ")
                or bare_key(key) == bare
                or bare_key(key).startswith(bare + " ")
                for key in self.keys[i]
            )
        ]
        return kept or matches

    def _first_of_several(self, cited: str, date: DateValue) -> list[int]:
        """The one entry of ``date`` that a citation of its first author "et al." (or of its
        first two authors) names, when its list of several authors gives no key of that form
        (names parted by ";", given names before family names): the name it starts with
        (``leading_name``) starts with the cited family name, holds the second one cited, and
        names several people. None when several entries are so."""
        family, others = first_author_key(cited), ""
        if family is None:
            # "(Bresnahan and Trajtenberg 1995)" for "Bresnahan, Timothy, and M. Trajtenberg,
            # M.": the second author's family name is among the entry's words too.
            family, joined, others = cited.partition(" and ")
            if not joined or not family or not others or " " in others:
                return []
        found = []
        for i in self._dated(date):
            if not self.keys[i]:
                continue  # not in a source list
            first = leading_name(self.references[i]) or ""
            listed = source_key(first)
            if (
                listed.startswith(family + " ")
                and (not others or others in listed.split(" "))
                and _SEVERAL_NAMES.search(first)
            ):
                found.append(i)
        return found if len(found) == 1 else []

    def _other_bodies(self, cited: str, matches: list[int]) -> bool:
        """Whether the entries a name matched are by two or more sources whose names only
        start with it: no key of any of them is the name itself (``_as_named`` kept those),
        and their authors' names differ."""
        bare = bare_key(cited)
        if any(key == cited or bare_key(key) == bare for i in matches for key in self.keys[i]):
            return False
        authors = {source_key(self.entries[i].author or "") for i in matches}
        return len(authors) > 1 and "" not in authors

    def _by_author_count(self, cited: str, matches: list[int]) -> list[int]:
        """Of the entries a name matches, those by one author when the citation names one, by
        several when it names several: in author-date styles "(Brown 2023)" is Brown's own
        work, not one Brown wrote with others ("Brown, O., Smith, L. G. E., & Joinson, A."),
        and "(Garcia et al., 2022)" the other way round. All the matches when none or all are
        so."""
        several = _SEVERAL_AUTHORS.search(cited) is not None
        kept = [
            i
            for i in matches
            if (_SEVERAL_AUTHORS.search(self.entries[i].author or "") is not None) == several
        ]
        return kept or matches

    def _authored(self, matches: list[int]) -> list[int]:
        """Of the entries a name matches, those its people wrote rather than edited: "(Casis,
        2008)" cites "Casis, R.J. (2008). Addressing Climate Change ...", not the volume
        "Casis, R.J. (Ed). (2008). Experts Dialogue ..." it stands in, whose chapters others
        wrote. All the matches when none or all are so."""
        kept = [i for i in matches if not self.entries[i].edited]
        return kept or matches

    def _prefer_cited_sections(self, matches: list[int], at: int | None = None) -> int | None:
        """The first match in the first section of ``_SOURCE_SECTIONS`` that has one; within
        it, the first listed after offset ``at`` if any is: a report with a list of sources
        after each chapter or answer cites the list that follows the citation."""
        if not matches:
            return None
        return min(
            matches,
            key=lambda i: (
                _SOURCE_SECTIONS.index(self.references[i].section),
                at is not None and self.references[i].span.start < at,
                i,
            ),
        )


#: A person's initial in a cited name ("V.V. Rubanov", "Brodskaya N.G.", "Stulina G."): a
#: capital and a full stop, maybe a second letter ("T.Yu.").
_CITED_INITIALS = lazy_compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-ÞЀ-Я][a-zа-я]?\.")

#: Shortest acronym a cited organisation's name is looked up by (two letters name too much).
_MADE_ACRONYM = 3

#: How many of a title's pairs of words (``title_pairs``) a sentence gives to name the work
#: without its source's name: four words of the title in a row, or so many in two places.
_TITLE_PAIRS_SAID = 3


def _own_sentence_start(text: str, start: int, end: int) -> int:
    """Where the last sentence of ``text[start:end]`` (a citation's context) starts."""
    last = start
    for last, _ in iter_sentences(text, start, end):  # noqa: B007 (the last one is wanted)
        pass
    return last


#: Two years joined by a dash or a slash: a span of years, not one year.
_YEAR_SPAN_TEXT = lazy_compile(r"\b(?:1[6-9]|20)\d\d\s*[-–—/]\s*(?:1[6-9]|20)?\d\d\b")


def _add(table: dict[str, int | list[int]], key: str, index: int) -> None:
    """Add entry ``index`` to ``key``'s entries: a number for the first, a list from the second
    (most keys name one entry)."""
    known = table.get(key)
    if known is None:
        table[key] = index
    elif isinstance(known, int):
        if known != index:
            table[key] = [known, index]
    elif known[-1] != index:
        known.append(index)


def _entries(table: dict[str, int | list[int]], key: str) -> Sequence[int]:
    """The entries ``_add`` gave ``key``, in order."""
    known = table.get(key)
    if known is None:
        return ()
    return (known,) if isinstance(known, int) else known


# --------------------------------------------------------------------------- cross-references


def heading_labels(headings: Sequence[Heading]) -> list[set[tuple[str, str]]]:
    """The (kind, label) pairs each heading answers to: ("section", "3.3.3"), ("appendix", "1")."""
    labels: list[set[tuple[str, str]]] = []
    parent: str | None = None
    for heading in headings:
        found: set[tuple[str, str]] = set()
        number = (heading.number or "").rstrip(".")
        lowered = heading.text.casefold().lstrip("#* ")
        if number:
            kind_word = lowered.split()[0] if lowered.split() else ""
            if kind_word.startswith(("appendix", "annex")):
                found.add(("appendix", number))
                found.add(("annex", number))
            else:
                found.add(("section", number))
                found.add(("part", number))
                # Some reports call every numbered part a chapter ("see Chapter 6.7.4.1").
                found.add(("chapter", number))
                if number.isdigit() and not heading.in_toc:
                    parent = number
                elif parent and len(number) == 1 and number.isalpha():
                    found.add(("section", f"{parent}.{number}"))
        labels.append(found)
    return labels


def _cross_references(
    text: str,
    line_index: LineIndex,
    seg: Segmentation,
    headings: Sequence[Heading],
    budget: Budget,
    citations: Sequence[Citation] = (),
) -> CrossReferences:
    bodies = OffsetPairs.of(((b.span.start, b.span.end) for b in seg.bodies), len(text))
    # "(UNHCR 2019, section 3.2)", "(ibid., chapter 4)": a pinpoint into the work cited, not a
    # pointer to a part of this document.
    cited = Intervals((c.span.start, c.span.end) for c in citations)
    # Read into arrays and made a pointer again when used: a pointer, its span and its start
    # were about 190 bytes each, held while the rest of the document was read.
    found = CrossReferences.of(
        (
            ref
            for start, end in _sorted_pairs(seg.prose, bodies)
            for ref in iter_cross_references(text, line_index, start, end)
            if not cited.overlaps(ref.span.start, ref.span.end)
        ),
        line_index,
        len(text),
    )
    if not found:
        return found
    numbered_lines = _numbered_lines(text, line_index)
    # "ANNEX 5. REPORTS OF NATIONAL ..." wrapped over two lines is a heading the segmenter did
    # not see, not a pointer.
    if any(start in numbered_lines.starts for start in found.starts):
        found = CrossReferences.of(
            (ref for ref in found if ref.span.start not in numbered_lines.starts),
            line_index,
            len(text),
        )
    labels = heading_labels(headings)
    # Prefer a heading in the body over its table-of-contents line; the first of each label
    # in that order is its target, looked up rather than searched for each reference.
    order = sorted(range(len(headings)), key=lambda i: headings[i].in_toc)
    targets: dict[tuple[str, str], int] = {}
    for i in order:
        for label in labels[i]:
            targets.setdefault(label, i)
    numbered_kinds = {kind for kind, _ in targets}
    read = _schemes_read(headings)
    paragraphs: dict[str, Span] = {}
    if any(ref.kind == "paragraph" for ref in found):
        paragraphs, in_order = _numbered_paragraphs(text, line_index, seg.prose)
        if paragraphs:
            numbered_kinds.add("paragraph")
        if in_order:
            read.add(("paragraph", "", "number"))
    # Linked in place: a second list would hold every reference twice at the peak.
    for index, ref in enumerate(budget.counted(iter(found), "cross-references")):
        number = ref.label.rstrip(".")
        target = targets.get((ref.kind, number))
        paragraph = paragraphs.get(number) if target is None and ref.kind == "paragraph" else None
        if target is None and paragraph is None:
            paragraph = numbered_lines.labels.get((ref.kind, number))
        checkable = ref.kind in numbered_kinds or ref.kind in ("annex", "appendix")
        scheme_read = target is not None or paragraph is not None or _scheme(ref) in read
        if target is not None or paragraph is not None or not checkable or not scheme_read:
            found.link(index, target, paragraph, checkable, scheme_read)
    return found


def _family(kind: str) -> str:
    """Sections, chapters and parts share one numbering; annexes and appendices another."""
    if kind in ("annex", "appendix"):
        return "annex"
    return "paragraph" if kind == "paragraph" else "section"


def _ordinal(label: str) -> int | None:
    """The place a label's last part gives in its run: "3" -> 3, "B" -> 2; None for others."""
    if label.isdigit():
        return int(label)
    if len(label) == 1 and label.isalpha():
        return ord(label.casefold()) - ord("a") + 1
    return None


def _style(own: str) -> str:
    """Letters and numbers are two numberings: "appendix A" is not looked for among 1, 2, 3."""
    return "letter" if own.isalpha() else "number"


def _scheme(ref: CrossReference) -> tuple[str, str, str]:
    """The run of parts a reference's label belongs to: ("section", "3.3", "number") for
    "3.3.3"."""
    if ref.kind == "paragraph":
        return "paragraph", "", "number"
    parent, _, own = ref.label.rstrip(".").rpartition(".")
    return _family(ref.kind), parent, _style(own)


def _schemes_read(headings: Sequence[Heading]) -> set[tuple[str, str, str]]:
    """The runs of numbered headings read with confidence: each time the run appears (in the
    body, or in the table of contents) its numbers go 1, 2, 3 ... without a skip or a repeat.
    A report and its annex may each number from 1, so a run may start again at 1; a run that
    skips ("2.1, 2.3") or goes back ("1, 2, 17, 3") lost headings to the reader, or has
    numbered lines read as headings that are not."""
    confident: set[tuple[str, str, str]] = set()
    for in_toc in (False, True):
        last: dict[tuple[str, str, str], int] = {}
        broken: set[tuple[str, str, str]] = set()
        parent = ""
        for heading in headings:
            number = (heading.number or "").rstrip(".")
            if heading.in_toc != in_toc or not number:
                continue
            words = heading.text.casefold().lstrip("#* ").split()
            family = "annex" if words and words[0].startswith(("appendix", "annex")) else "section"
            if family == "section" and number.isdigit():
                parent = number
            elif family == "section" and parent and len(number) == 1 and number.isalpha():
                number = f"{parent}.{number}"
            up, _, own = number.rpartition(".")
            key = (family, up, _style(own))
            place = _ordinal(own)
            if place is None or place not in (1, last.get(key, 0) + 1):
                broken.add(key)
            last[key] = place or 0
        confident |= set(last) - broken
    return confident


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class _NumberedLines:
    #: (kind, label) -> the line that starts with it.
    labels: dict[tuple[str, str], Span]
    #: Where those labels start.
    starts: set[int]


# Where a line may start with a part's number: "2.1 Human movement", "ANNEX 5. REPORTS",
# "CHAPTER 2". The heading grammar reads it.
_NUMBERED_LINE = lazy_compile(
    r"^[ \t]*(?=\d{1,2}\.\d|(?i:section|chapter|part|annex|appendix)\b)", re.MULTILINE
)
# The same after each line break, for the lines after the first: led by a literal newline,
# the engine skips to each break at once, where ``^`` was tried at every character (0.7 ms of
# the 66 KB seed's check, 0.15 ms this way). Only where a match ends is used.
_NUMBERED_LINE_AFTER_BREAK = lazy_compile(
    r"\n[ \t]*(?=\d{1,2}\.\d|(?i:section|chapter|part|annex|appendix)\b)"
)


def _numbered_line_ends(text: str) -> Iterator[int]:
    """Where each match of ``_NUMBERED_LINE`` in ``text`` ends (where its number starts)."""
    first = _NUMBERED_LINE.match(text)
    if first is not None:
        yield first.end()
    for match in _NUMBERED_LINE_AFTER_BREAK.finditer(text):
        yield match.end()


_LINE_PARSE_LIMIT = 200


def _numbered_lines(text: str, line_index: LineIndex) -> _NumberedLines:
    """Lines that start with a dotted number or a kind of part and its number, followed by a
    title that starts as a title does (not "3.5 million people", "Annex 7 lists"): each shows
    a part the document has, though the segmenter did not take the line for a heading (a
    contents list without pages, a heading run into its paragraph or wrapped over two lines,
    a numbered paragraph "2.2.3. Within the framework ...")."""
    labels: dict[tuple[str, str], Span] = {}
    starts: set[int] = set()
    for start in _numbered_line_ends(text):
        newline = text.find("\n", start, start + _LINE_PARSE_LIMIT)
        line = text[start : start + _LINE_PARSE_LIMIT if newline == -1 else newline]
        number, title = parse_heading_number(line)
        if number is None or (title and title[0].islower()):
            continue
        word = line.split(None, 1)[0].casefold()
        kinds: tuple[str, ...] = ("section", "part", "chapter")
        if word[0].isdigit():
            if "." not in number:
                continue
        else:
            starts.add(start)
            if word.startswith(("annex", "appendix")):
                kinds = ("annex", "appendix")
        span = line_index.span(start, start + len(line.rstrip()))
        for kind in kinds:
            labels.setdefault((kind, number), span)
    return _NumberedLines(labels, starts)


def _numbered_paragraphs(
    text: str, line_index: LineIndex, prose: Sequence[tuple[int, int]]
) -> tuple[dict[str, Span], bool]:
    """Paragraphs of running text that start with their number ("27. The Committee notes"), as
    UN documents and court decisions number theirs, by number; and whether their numbers run
    1, 2, 3 ... without a skip (starting again at 1 in an annex), so that a number the reader
    did not find is one the document lacks. The number is read by the heading grammar from
    the paragraph's first words."""
    found: dict[str, Span] = {}
    last = 0
    in_order = True
    for start, end in prose:
        if not text[start : start + 1].isdigit():
            continue
        head = text[start : min(end, start + 12)]
        head = head.split("\n", 1)[0].rsplit(" ", 1)[0] if " " in head else head
        number, _ = parse_heading_number(head)
        if number and number.isdigit() and text.startswith(number + ".", start):
            found.setdefault(number, line_index.span(start, start + len(head)))
            place = int(number)
            in_order = in_order and place in (1, last + 1)
            last = place
    return found, in_order and bool(found)


# --------------------------------------------------------------------------- metadata


# The title is chosen by evidence (navigation, archive records, mastheads): see titles.py.
from provenance.titles import choose_title as _title  # noqa: E402
from provenance.titles import clean_title as _clean_title  # noqa: E402, F401
from provenance.titles import could_be_title as _could_be_title  # noqa: E402, F401


def _updates(text: str, line_index: LineIndex, seg: Segmentation) -> Iterable[Update]:
    first = seg.first_line
    if first is None:
        return []
    line = text[first[0] : first[1]]
    lowered = line.casefold()
    at = lowered.find("update to")
    if at == -1:
        return []
    updates = []
    codes = list(iter_index_codes(text, line_index, first[0] + at, first[1]))
    for position, code in enumerate(codes):
        limit = codes[position + 1].span.start if position + 1 < len(codes) else first[1]
        after = text[code.span.end : limit]
        if after.lstrip().startswith("]"):
            continue
        date = None
        if after.lstrip().casefold().startswith("of "):
            for mention in iter_dates(text, line_index, code.span.end, limit):
                if isinstance(mention.value, Date):
                    date = mention.value
                break
        updates.append(Update(code.value, code.text, code.span, date))
    return updates


def parse(text: str, path: str | None = None) -> Document:
    """Alias of ``parse_document`` for ``provenance.parse``."""
    return parse_document(text, path)


__all__ = ["DateRange", "parse", "parse_document"]

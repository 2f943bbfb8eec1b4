"""Planted faults: one change to a copy of a document, made from its truth, for a checker to find.

Each fault kind names the change (FORMAT.md's list) and the rules any one of which counts as
finding it. A fault counts as found when a run on the changed copy gives more findings of those
rules, at warning level or above, than the run on the unchanged document: a checker that already
complains there gets no credit for complaining again in the same way.
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from provenance.parsers.footnotes import iter_call_candidates, iter_footnote_markers
from provenance.records import shared_methods
from provenance.regex_store import lazy_compile
from provenance.segment import SECTION_HEADINGS, heading_key
from provenance.span import LineIndex

#: Fault kind -> the rules any one of which detects it.
FAULT_RULES: Mapping[str, frozenset[str]] = {
    # A source also listed as consulted (or attached) is cited only as consulted (or as an
    # attachment) once its entry is lost; where too few citations matched to trust the reading,
    # a citation left without its entry is a citations-not-linked warning.
    "drop-cited-reference": frozenset(
        {
            "citation-without-reference",
            "unreadable-source-list",
            "cited-only-as-consulted",
            "cited-only-as-attachment",
            "citations-not-linked",
        }
    ),
    # A note whose call was not read either is missing from the numbering once its text goes;
    # calls and texts that the reading could not link are said once a note (or a stretch lost
    # together), both ways.
    "drop-note-body": frozenset({"footnote-without-body", "notes-not-found", "footnote-numbering"}),
    "drop-note-call": frozenset(
        {"footnote-without-marker", "footnote-numbering", "note-calls-not-found"}
    ),
    "change-weekday": frozenset({"weekday-mismatch"}),
    "impossible-date": frozenset({"impossible-date"}),
    "change-citation-date": frozenset(
        {"citation-date-mismatch", "citation-without-reference", "citations-not-linked"}
    ),
    "insert-uncorroborated": frozenset({"uncorroborated-claim"}),
}

#: Sentences inserted for ``insert-uncorroborated``: several wordings, so no single phrase is
#: what gets measured.
UNCORROBORATED_SENTENCES = (
    "This information could not be corroborated.",
    "The Research Directorate was unable to verify these reports.",
    "We have not been able to independently confirm this account.",
    "No corroborating information could be found among the sources consulted.",
    "These allegations could not be independently verified.",
    "Amnesty International has been unable to substantiate this claim.",
)


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Fault:
    """A changed copy of a document and what the change was."""

    kind: str
    text: str
    line: int
    description: str


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _join(lines: Sequence[str]) -> str:
    return "\n".join(lines)


def _block_end(lines: Sequence[str], start: int, stops: set[int]) -> int:
    """Index after the block starting at 0-based ``start``: up to a blank line or the next item."""
    end = start + 1
    while end < len(lines) and lines[end].strip() and end not in stops:
        end += 1
    return end


def drop_cited_reference(text: str, truth: Mapping[str, Any]) -> Iterator[Fault]:
    """Remove a reference entry that a citation resolves to."""
    lines = _lines(text)
    starts = {r["line"] - 1 for r in truth.get("references") or []}
    cited = sorted(
        {c["reference_line"] for c in truth.get("citations") or [] if c.get("reference_line")}
    )
    for ref_line in cited:
        start = ref_line - 1
        end = _block_end(lines, start, starts)
        changed = lines[:start] + lines[end:]
        yield Fault(
            "drop-cited-reference",
            _join(changed),
            ref_line,
            f"reference entry at line {ref_line} removed ({end - start} line(s))",
        )


def drop_note_body(text: str, truth: Mapping[str, Any]) -> Iterator[Fault]:
    """Remove the body of a note that is called in the text."""
    lines = _lines(text)
    notes = truth.get("footnotes") or []
    starts = {n["body_line"] - 1 for n in notes if n.get("body_line")}
    for note in notes:
        body, marker = note.get("body_line"), note.get("marker_line")
        if not body or not marker or body == marker:
            continue
        start = body - 1
        end = _block_end(lines, start, starts)
        if lines[start].strip() == str(note["number"]) and end == start + 1 and end < len(lines):
            # The number stands alone on its line and the body follows after a blank line.
            end = _block_end(lines, end + 1, starts) if not lines[end].strip() else end
        changed = lines[:start] + lines[end:]
        yield Fault(
            "drop-note-body",
            _join(changed),
            marker,
            f"body of note {note['number']} (line {body}) removed",
        )


def _calls_on_line(text: str, start: int, end: int, number: int) -> list[tuple[int, int]]:
    """Where note ``number`` is called in ``text[start:end]``, as the footnote parser reads
    calls: marked ones (``<sup>``, ``[n]``, ``[^n]``) first, then plain digits glued on."""
    index = LineIndex(text)
    marked = [
        (m.span.start, m.span.end)
        for m in iter_footnote_markers(text, index, start, end)
        if m.number == number
    ]
    glued = [
        (first, last)
        for first, last, found, _guessed in iter_call_candidates(text, start, end)
        if found == number
    ]
    # A glued digit is taken from the end of the line: earlier ones are more often figures.
    return marked + glued[::-1]


def drop_note_call(text: str, truth: Mapping[str, Any]) -> Iterator[Fault]:
    """Remove the first call of a note whose call and body are on different lines."""
    lines = _lines(text)
    for note in truth.get("footnotes") or []:
        marker, body = note.get("marker_line"), note.get("body_line")
        if not marker or not body or marker == body:
            continue
        line_start = sum(len(line) + 1 for line in lines[: marker - 1])
        hits = _calls_on_line(text, line_start, line_start + len(lines[marker - 1]), note["number"])
        if not hits:
            continue
        first, last = hits[0]
        changed = list(lines)
        line = lines[marker - 1]
        changed[marker - 1] = line[: first - line_start] + line[last - line_start :]
        yield Fault(
            "drop-note-call",
            _join(changed),
            body,
            f"call of note {note['number']} on line {marker} removed",
        )


_WEEKDAYS = list(calendar.day_name)
_MONTHS = [m for m in calendar.month_name if m]
_MONTH = "|".join(_MONTHS)
_WEEKDAY = "|".join(_WEEKDAYS)
_DAY_FIRST = lazy_compile(rf"\b({_WEEKDAY}),? (\d{{1,2}}) ({_MONTH}),? (\d{{4}})\b")
_MONTH_FIRST = lazy_compile(rf"\b({_WEEKDAY}),? ({_MONTH}) (\d{{1,2}}),? (\d{{4}})\b")
_FULL_DATE = lazy_compile(
    rf"\b(\d{{1,2}}) ({_MONTH}) (\d{{4}})\b|\b({_MONTH}) (\d{{1,2}}), (\d{{4}})\b"
)


def change_weekday(text: str, truth: Mapping[str, Any]) -> Iterator[Fault]:
    """Change the weekday of a full date written with its weekday, where the weekday was right."""
    del truth
    for pattern, day_group, month_group in ((_DAY_FIRST, 2, 3), (_MONTH_FIRST, 3, 2)):
        for match in pattern.finditer(text):
            weekday = _WEEKDAYS.index(match.group(1))
            month = _MONTHS.index(match.group(month_group)) + 1
            try:
                actual = calendar.weekday(int(match.group(4)), month, int(match.group(day_group)))
            except ValueError:
                continue
            if actual != weekday:
                continue
            wrong = _WEEKDAYS[(weekday + 2) % 7]
            changed = text[: match.start(1)] + wrong + text[match.end(1) :]
            yield Fault(
                "change-weekday",
                changed,
                text.count("\n", 0, match.start()) + 1,
                f"{match.group(0)!r}: weekday changed to {wrong}",
            )


_THIRTY_DAYS = ("April", "June", "September", "November")


def impossible_date(text: str, truth: Mapping[str, Any]) -> Iterator[Fault]:
    """Turn a full date into one the calendar does not have (the 31st of a 30-day month)."""
    del truth
    for match in _FULL_DATE.finditer(text):
        month = match.group(2) or match.group(4)
        if month not in _THIRTY_DAYS:
            month = _THIRTY_DAYS[len(month) % 4]
        new = f"31 {month} {match.group(3)}" if match.group(1) else f"{month} 31, {match.group(6)}"
        changed = text[: match.start()] + new + text[match.end() :]
        yield Fault(
            "impossible-date",
            changed,
            text.count("\n", 0, match.start()) + 1,
            f"{match.group(0)!r} changed to {new!r}",
        )


_YEAR = lazy_compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def change_citation_date(text: str, truth: Mapping[str, Any]) -> Iterator[Fault]:
    """Change the year of a citation that resolves to an entry."""
    lines = _lines(text)
    for citation in truth.get("citations") or []:
        if not citation.get("reference_line"):
            continue
        line_index = citation["line"] - 1
        line = lines[line_index]
        where = line.find(citation["text"])
        if where < 0:
            continue
        year = _YEAR.search(citation["text"])
        if year is None:
            continue
        new_year = str(int(year.group()) - 3)
        new = citation["text"][: year.start()] + new_year + citation["text"][year.end() :]
        changed = list(lines)
        changed[line_index] = line[:where] + new + line[where + len(citation["text"]) :]
        yield Fault(
            "change-citation-date",
            _join(changed),
            citation["line"],
            f"citation {citation['text']!r} changed to {new!r}",
        )


def _entry_and_note_lines(lines: Sequence[str], truth: Mapping[str, Any]) -> set[int]:
    """0-based lines of the reference entries and note texts, each from its first line up to a
    blank line, the next entry or note, or a section heading: a report speaks in its own voice
    in its running text, never on a wrapped line of a bibliography entry or of a note.

    A list written with a blank line after each line (a double-spaced PDF's text) is one
    list all the same: an entry followed closely by the next runs up to it."""
    entries = sorted({r["line"] - 1 for r in truth.get("references") or []})
    notes = {n["body_line"] - 1 for n in truth.get("footnotes") or [] if n.get("body_line")}
    headings = {
        i for i, line in enumerate(lines) if line.lstrip().startswith("#") or _is_heading(line)
    }
    stops = set(entries) | notes | headings
    inside: set[int] = set()
    for start in notes:
        inside.update(range(start, _block_end(lines, start, stops)))
    # The lines an entry of a double-spaced list took up to the next, at most; 0 where the
    # entry before was written without blank lines.
    spaced_length = 0
    for index, start in enumerate(entries):
        following = entries[index + 1] if index + 1 < len(entries) else None
        end = _block_end(lines, start, stops)
        if (
            following is not None
            and following - start <= _SPACED_ENTRY_LINES
            and not headings.intersection(range(start, following))
        ):
            end = following
            if any(not line.strip() for line in lines[start:following]):
                spaced_length = max(spaced_length, following - start)
        elif spaced_length:
            # The last entry of a double-spaced list: as long as the longest before it.
            end = start + 1
            while end < min(len(lines), start + spaced_length) and end not in stops:
                end += 1
            spaced_length = 0
        inside.update(range(start, end))
    return inside


#: The most lines an entry of a double-spaced list takes up to the next (blank lines included).
_SPACED_ENTRY_LINES = 12


def _is_heading(line: str) -> bool:
    """Whether a line is, whole, the heading of a section a report's lists live in."""
    return len(line) <= 80 and heading_key(line) in SECTION_HEADINGS


def insert_uncorroborated(text: str, truth: Mapping[str, Any], seed: int = 0) -> Iterator[Fault]:
    """Add, after a sentence of running text, one saying the information could not be confirmed."""
    lines = _lines(text)
    excluded = _entry_and_note_lines(lines, truth)
    prose = [
        i
        for i, line in enumerate(lines)
        if len(line) > 60 and line.rstrip().endswith((".", '."', ".”")) and i not in excluded
    ]
    rng = random.Random(seed)
    for k, i in enumerate(sorted(rng.sample(prose, min(2, len(prose))))):
        sentence = UNCORROBORATED_SENTENCES[(seed + k) % len(UNCORROBORATED_SENTENCES)]
        changed = list(lines)
        changed[i] = lines[i].rstrip() + " " + sentence
        yield Fault(
            "insert-uncorroborated", _join(changed), i + 1, f"{sentence!r} added to line {i + 1}"
        )


PLANTERS = {
    "drop-cited-reference": drop_cited_reference,
    "drop-note-body": drop_note_body,
    "drop-note-call": drop_note_call,
    "change-weekday": change_weekday,
    "impossible-date": impossible_date,
    "change-citation-date": change_citation_date,
    "insert-uncorroborated": insert_uncorroborated,
}


def plant(text: str, truth: Mapping[str, Any], per_kind: int = 3, seed: int = 0) -> list[Fault]:
    """Up to ``per_kind`` faults of each kind, chosen reproducibly from all the places possible."""
    faults: list[Fault] = []
    for kind, planter in PLANTERS.items():
        candidates = list(planter(text, truth))
        rng = random.Random(f"{seed}:{kind}")
        chosen = rng.sample(candidates, min(per_kind, len(candidates)))
        faults.extend(sorted(chosen, key=lambda fault: fault.line))
    return faults

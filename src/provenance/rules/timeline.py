"""Timeline rules: relative dates, ages, spans of time and stated figures that the text itself
contradicts.

They read ``Document.timeline`` (``provenance.timeline``), which resolves each statement against
its anchor and says whether the two agree. A rule reports only what the timeline marks as a
disagreement (``agrees is False``): the timeline leaves ``agrees`` unset wherever the text does
not say enough to be sure (an anchor in another paragraph, a hedged amount, a year only inferred,
a person not clearly the same), so an ambiguous statement gives no finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from provenance.figures import Breakdown, Change, Figure
from provenance.findings import Related, Severity
from provenance.model import Document
from provenance.rules.registry import Emit, rule
from provenance.temporal import Age, Duration
from provenance.timeline import Interval, Timeline

_CATEGORY = "timeline"


def _timeline(doc: Document) -> Timeline:
    return doc.timeline if doc.timeline is not None else Timeline()


def _days(interval: Interval) -> str:
    """An interval as a reader says it: ``September 2004``, ``2004``, ``3 to 5 May 2002``."""
    first, last = interval.first, interval.last
    if first == last:
        return f"{first.day} {first:%B} {first.year}"
    iso = interval.iso()
    if len(iso) == 4:
        return iso
    if len(iso) == 7:
        return f"{first:%B} {first.year}"
    return f"{first.day} {first:%B} {first.year} to {last.day} {last:%B} {last.year}"


def _months(low: int, high: int, unit: str) -> str:
    def one(months: int) -> str:
        if unit != "year":
            return f"{months} months" if months != 1 else "1 month"
        years, rest = divmod(months, 12)
        if years and rest:
            return f"{years} years and {rest} months" if years > 1 else f"1 year and {rest} months"
        if years:
            return f"{years} years" if years > 1 else "1 year"
        return f"{rest} months" if rest != 1 else "1 month"

    return one(low) if low == high else f"between {one(low)} and {one(high)}"


# --------------------------------------------------------------------------- relative dates


@rule(
    "relative-date-conflict",
    severity=Severity.ERROR,
    category=_CATEGORY,
    summary="A relative date ('one month earlier') that the date written with it contradicts.",
    doc=(
        "A relative expression and an absolute date in the same statement disagree: `Just one "
        "month earlier, in September 2004` right after an event in August 2004, or `two years "
        "later, in 2001` after 1998. The relative expression is counted from the dated "
        "statements before it in the same paragraph; the finding is given only when none of "
        "them makes the two agree. An amount of months or years may miss by a "
        "week or a month (`a year later` is rarely to the day); hedged amounts (`about two "
        "years later`), anchors in another paragraph and years only inferred give no finding."
    ),
    bad=(
        "Raids on the office\n\n"
        "Police raided the office of the association in August 2004. Just one month earlier, "
        "in September 2004, its staff had received threats by telephone.\n"
    ),
    good=(
        "Raids on the office\n\n"
        "Police raided the office of the association in August 2004. Just one month earlier, "
        "in July 2004, its staff had received threats by telephone.\n"
    ),
)
def relative_date_conflict(doc: Document) -> Iterator[Emit]:
    for entry in _timeline(doc).entries:
        if entry.agrees is not False or entry.stated is None or entry.interval is None:
            continue
        related = [Related(entry.stated.span, "the date written with it")]
        if entry.anchor is not None:
            related.append(Related(entry.anchor, "the date it counts from"))
        counted = f" counted from {entry.anchor_text!r}" if entry.anchor_text else ""
        yield Emit(
            entry.span,
            f"{entry.text!r}{counted} means {_days(entry.interval)}, but the same statement "
            f"dates it {entry.stated.text!r}",
            tuple(related),
        )


# --------------------------------------------------------------------------- ages


@rule(
    "age-date-conflict",
    severity=Severity.WARNING,
    category=_CATEGORY,
    summary="An age that the stated birth date and the date of the event contradict.",
    doc=(
        "An age (`30 months old`, `aged 17`, `a 30-year-old`) stated for a date written in the "
        "same sentence, for a person whose birth date the text gives nearby (same paragraph or "
        "the one before), and the two dates give another age. The person is taken to be the "
        "same only when the age and the birth share a name (`Lee Song-yong`) or a child noun "
        "(`boy`, `baby`); an age is allowed to be off by one unit of what it states (a month "
        "for an age in months, a year for one in years), since ages are rounded and birthdays "
        "unknown. Hedged ages (`about 30`) are not checked."
    ),
    bad=(
        "The family\n\n"
        "Her son Kim Chol-ho was born on 15 November 1999. When she reached Seoul on 22 "
        "November 2000 she had to leave Kim Chol-ho, only 20 months old at that time, in "
        "China.\n"
    ),
    good=(
        "The family\n\n"
        "Her son Kim Chol-ho was born on 15 November 1999. When she reached Seoul on 22 "
        "November 2000 she had to leave Kim Chol-ho, only 12 months old at that time, in "
        "China.\n"
    ),
)
def age_date_conflict(doc: Document) -> Iterator[Emit]:
    for age in _timeline(doc).ages:
        if age.agrees is not False or age.birth is None or age.months is None:
            continue
        assert isinstance(age.mention.value, Age)
        related = [Related(age.birth.span, "the birth date")]
        if age.at is not None:
            related.append(Related(age.at, "the date the age is stated for"))
        yield Emit(
            age.mention.span,
            f"{age.mention.text!r}, but born {age.birth.text!r} the person was "
            f"{_months(*age.months, age.mention.value.quantity.unit)} old on {age.at_text!r}",
            tuple(related),
        )


# --------------------------------------------------------------------------- durations


@rule(
    "duration-conflict",
    severity=Severity.WARNING,
    category=_CATEGORY,
    summary="A span of time ('for three weeks') that the dates of the same clause contradict.",
    doc=(
        "A span introduced by `for` and a range of dates introduced by `from` or `between` in "
        "the same sentence, the only ones there, that cannot be the same length: `held for "
        "three weeks, from 1 March to 30 April 2001`. A span of N units is allowed anything "
        "from N-1 to N+1 units, and a range of months or years stands for every length its "
        "ends allow. Sentences about sentences and terms (`sentenced`, `prison`, `visa`) are "
        "left alone: the span there is not the range's."
    ),
    bad=(
        "Detention\n\n"
        "He was held incommunicado for three weeks, from 1 March to 30 April 2001, in a "
        "police station in the capital.\n"
    ),
    good=(
        "Detention\n\n"
        "He was held incommunicado for three weeks, from 1 March to 22 March 2001, in a "
        "police station in the capital.\n"
    ),
)
def duration_conflict(doc: Document) -> Iterator[Emit]:
    for duration in _timeline(doc).durations:
        if duration.agrees is not False or duration.range is None or duration.days is None:
            continue
        assert isinstance(duration.mention.value, Duration)
        low, high = duration.days
        length = f"{low} days" if low == high else f"{low} to {high} days"
        yield Emit(
            duration.mention.span,
            f"{duration.mention.text!r}, but {duration.range.text!r} lasts {length}",
            (Related(duration.range.span, "the range of dates"),),
        )


# --------------------------------------------------------------------------- figures


@rule(
    "sum-mismatch",
    severity=Severity.ERROR,
    category=_CATEGORY,
    summary="Parts that do not add up to the total they are given for.",
    doc=(
        "A total broken into parts that do not add up: `29 refugees, including 11 men, 15 women "
        "and 2 children`. The parts must add up to the total exactly when the text says they "
        "are all of it (`comprising`, `consisting of`, `namely`, a colon) or when they name "
        "every kind of person (men, women and children; adults and children). Parts after "
        "`including`, `of whom` or in brackets may be only some of the total, and may overlap "
        "when their kinds do (`women, men and youth`): they are checked only when they cannot "
        "overlap (men, women; boys, girls), and then must not exceed it. Hedged figures "
        "(`about 30`, `over 20`) are not added."
    ),
    bad=(
        "Arrivals\n\n"
        "On 1 September 2004 a group of 29 North Korean refugees, including 11 men, 15 women "
        "and 2 children, entered a foreign school in Beijing.\n"
    ),
    good=(
        "Arrivals\n\n"
        "On 1 September 2004 a group of 29 North Korean refugees, including 11 men, 15 women "
        "and 3 children, entered a foreign school in Beijing.\n"
    ),
)
def sum_mismatch(doc: Document) -> Iterator[Emit]:
    for breakdown in _timeline(doc).breakdowns:
        if breakdown.agrees is not False:
            continue
        value = breakdown.mention.value
        assert isinstance(value, Breakdown)
        parts = " + ".join(str(part.count) for part in value.parts)
        relation = "more than" if breakdown.parts_total > value.total.count else "not"
        yield Emit(
            breakdown.mention.span,
            f"the parts add up to {parts} = {breakdown.parts_total}, {relation} the "
            f"{value.total.count} they are given for",
        )


@rule(
    "ratio-mismatch",
    severity=Severity.WARNING,
    category=_CATEGORY,
    summary="A stated change ('a 1.6-fold increase', 'a 20% rise') that the figures contradict.",
    doc=(
        "A change stated as a multiple or a percentage, and the counts it describes, written "
        "before it in the same paragraph with the same noun (`300 sets` ... `500 sets, a "
        "1.6-fold increase`), do not agree. Tolerance: the stated figure stands for anything "
        "that rounds or truncates to it at the decimals written (`1.6` covers 1.55 to 1.7); "
        "`approximately`, `about` and the like widen that by a unit of the last decimal; a "
        "hedged count (`approximately 300`) stands for anything that rounds to it (300: 250 to "
        "350); `an N-fold increase` may mean N times as many or N times more. The finding is "
        "given only when no earlier count of the same thing makes the change agree."
    ),
    bad=(
        "Aid distributed\n\n"
        "In May 2003 the shelters distributed 300 sets of summer clothing. In May 2004 they "
        "distributed 500 sets, a 2.5-fold increase over the previous year.\n"
    ),
    good=(
        "Aid distributed\n\n"
        "In May 2003 the shelters distributed 300 sets of summer clothing. In May 2004 they "
        "distributed 500 sets, a 1.7-fold increase over the previous year.\n"
    ),
)
def ratio_mismatch(doc: Document) -> Iterator[Emit]:
    for change in _timeline(doc).changes:
        if change.agrees is not False or change.new is None or change.base is None:
            continue
        if change.actual is None:
            continue
        value = change.mention.value
        assert isinstance(value, Change)
        new, base = change.new.value, change.base.value
        assert isinstance(new, Figure) and isinstance(base, Figure)
        if value.kind == "percent":
            actual = f"a change of {(change.actual - 1) * 100:+.1f}%"
        else:
            actual = f"{change.actual:.2f} times as many"
        yield Emit(
            change.mention.span,
            f"{change.mention.text!r}, but {change.new.text!r} against "
            f"{change.base.text!r} is {actual}",
            (
                Related(change.new.span, "the count after the change"),
                Related(change.base.span, "the count before it"),
            ),
        )

"""The ``timeline`` object of ``provenance parse --format json`` (see ``provenance.timeline``).

Each dated statement gives its text, where it is, what it resolved to (``value``: ISO 8601, a
day, a month, a year, or ``first/last``), how (``provenance``: written, inferred, resolved), how
sure (``confidence``), and for a relative expression the anchor counted from and the date written
with it. Ages, spans of time, totals and changes give the figures they were compared with and
``agrees`` (null where the text does not say enough to check).
"""

from __future__ import annotations

from typing import Any

import attrs

from provenance.span import Span
from provenance.temporal import Age, Decade, Duration, Offset, RelativeValue, Since, Step
from provenance.timeline import (
    AgeStatement,
    BreakdownStatement,
    ChangeStatement,
    DurationStatement,
    Interval,
    Timeline,
    TimelineEntry,
)

JsonObject = dict[str, Any]

__all__ = ["timeline_to_dict"]


def timeline_to_dict(timeline: Timeline | None) -> JsonObject:
    """``timeline`` as JSON-ready data; empty lists when the document has none."""
    timeline = Timeline() if timeline is None else timeline
    return {
        "entries": [_entry(entry) for entry in timeline.entries],
        "ages": [_age(age) for age in timeline.ages],
        "durations": [_duration(duration) for duration in timeline.durations],
        "totals": [_breakdown(breakdown) for breakdown in timeline.breakdowns],
        "changes": [_change(change) for change in timeline.changes],
    }


def _at(span: Span) -> JsonObject:
    return {"line": span.line, "column": span.column}


def _interval(interval: Interval | None) -> str | None:
    return None if interval is None else interval.iso()


def _kind(value: object) -> str:
    if isinstance(value, (Offset, Step, Duration, Age, Since, Decade)):
        return {
            Offset: "offset",
            Step: "step",
            Duration: "duration",
            Age: "age",
            Since: "since",
            Decade: "decade",
        }[type(value)]
    return "date"


def _expression(value: object) -> JsonObject | None:
    if not isinstance(value, (Offset, Step, Duration, Age, Since, Decade)):
        return None
    relative: RelativeValue = value
    return attrs.asdict(relative)


def _entry(entry: TimelineEntry) -> JsonObject:
    return {
        **_at(entry.span),
        "text": entry.text,
        "kind": _kind(entry.expression),
        "expression": _expression(entry.expression),
        "value": _interval(entry.interval),
        "provenance": entry.provenance,
        "confidence": entry.confidence,
        "anchor": (
            None
            if entry.anchor is None
            else {**_at(entry.anchor), "text": entry.anchor_text, "kind": entry.anchor_kind}
        ),
        "stated": None
        if entry.stated is None
        else {**_at(entry.stated.span), "text": entry.stated.text},
        "agrees": entry.agrees,
    }


def _age(age: AgeStatement) -> JsonObject:
    return {
        **_at(age.mention.span),
        "text": age.mention.text,
        "age": attrs.asdict(age.mention.value),
        "birth": None
        if age.birth is None
        else {**_at(age.birth.span), "text": age.birth.text, "value": age.birth.value.iso()},
        "at": None
        if age.at is None
        else {**_at(age.at), "text": age.at_text, "value": _interval(age.at_interval)},
        "months": None if age.months is None else list(age.months),
        "confidence": age.confidence,
        "agrees": age.agrees,
    }


def _duration(duration: DurationStatement) -> JsonObject:
    return {
        **_at(duration.mention.span),
        "text": duration.mention.text,
        "duration": attrs.asdict(duration.mention.value),
        "range": None
        if duration.range is None
        else {**_at(duration.range.span), "text": duration.range.text},
        "days": None if duration.days is None else list(duration.days),
        "agrees": duration.agrees,
    }


def _breakdown(breakdown: BreakdownStatement) -> JsonObject:
    return {
        **_at(breakdown.mention.span),
        "text": breakdown.mention.text,
        "statement": attrs.asdict(breakdown.mention.value),
        "parts_total": breakdown.parts_total,
        "agrees": breakdown.agrees,
    }


def _change(change: ChangeStatement) -> JsonObject:
    return {
        **_at(change.mention.span),
        "text": change.mention.text,
        "change": attrs.asdict(change.mention.value),
        "new": None if change.new is None else {**_at(change.new.span), "text": change.new.text},
        "base": None
        if change.base is None
        else {**_at(change.base.span), "text": change.base.text},
        "actual": None if change.actual is None else round(change.actual, 4),
        "agrees": change.agrees,
    }

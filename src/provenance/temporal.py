"""Times written against other times, spans of time and ages, as typed frozen values.

``grammars/relative.lark`` decides what these expressions are; ``provenance.parsers.relative``
turns its trees into the values below, and ``provenance.render.relative`` writes them back.
What they resolve to in a document is ``provenance.timeline``'s business.

Values compare and round-trip exactly (``parse_relative(render_relative(value)) == value``):
they keep what the text means (an amount, a unit, a direction, how sure the amount is), never
how it was spelled ("two" or "2").
"""

from __future__ import annotations

from typing import Literal

import attrs

from provenance.model import Qualifier
from provenance.records import shared_methods
from provenance.span import Span

Unit = Literal["day", "week", "month", "year", "decade"]

#: How sure a stated amount is: ``exact`` ("just", "only", "exactly"), ``about`` ("about",
#: "some", "approximately"), ``more`` ("over", "more than", "at least"), ``less`` ("nearly",
#: "almost", "less than", "under", "up to"); None when no word qualifies it.
Hedge = Literal["exact", "about", "more", "less"]

#: What a relative expression counts from: ``narrative`` (the time the text was just speaking
#: of: "two weeks later", "the next year", "that day") or ``present`` (the time of writing:
#: "three days ago", "last year", "earlier this month").
AnchorKind = Literal["narrative", "present"]

UNITS: tuple[Unit, ...] = ("day", "week", "month", "year", "decade")


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Quantity:
    """An amount of a unit: ``30 months``, ``two and a half years``, ``four to six months``.

    ``low`` and ``high`` are equal unless the text gives a range.
    """

    low: float
    high: float
    unit: Unit
    hedge: Hedge | None = None

    @property
    def exact(self) -> bool:
        """Stated as a single amount that nothing makes approximate."""
        return self.low == self.high and self.hedge in (None, "exact")


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Offset:
    """``two weeks later``, ``just one month earlier``, ``three days ago``."""

    quantity: Quantity
    direction: Literal["earlier", "later"]
    anchor: AnchorKind = "narrative"


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Step:
    """A step of the calendar: ``the next year`` (+1), ``the same month``/``that day`` (0),
    ``last year`` (-1, from the present). ``within`` keeps "earlier"/"later" of ``earlier this
    month``, ``later that year``."""

    unit: Unit
    steps: int
    anchor: AnchorKind = "narrative"
    within: Literal["earlier", "later"] | None = None


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Duration:
    """A span of time: ``for two months`` (``marked``: after "for"), ``two to three years``."""

    quantity: Quantity
    marked: bool = False


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Age:
    """An age: ``30 months old``, ``aged 17``, ``a 30-year-old``, ``at the age of 12``."""

    quantity: Quantity


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Since:
    """``since 1996``: from that year to the time of writing."""

    year: int


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Decade:
    """``the 1990s``, ``the mid-1990s``."""

    first_year: int
    qualifier: Qualifier | None = None


RelativeValue = Offset | Step | Duration | Age | Since | Decade


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class RelativeMention:
    """A relative expression, span of time or age as written in a document."""

    value: RelativeValue
    text: str
    span: Span

"""Legend items as text: the inverse of ``provenance.parsers.legends.parse_legend_item``."""

from __future__ import annotations

from provenance.parsers.legends import LegendItem

__all__ = ["render_legend_item"]

#: Column the name starts at in a rendered item, as in the UN layout.
NAME_COLUMN = 24


def render_legend_item(item: LegendItem) -> str:
    """One line that ``parse_legend_item`` reads back as ``item``."""
    if item.attached:
        return f"({item.short_form}) {item.name}"
    gap = max(2, NAME_COLUMN - len(item.short_form))
    return f"{item.short_form}{' ' * gap}{item.name}"

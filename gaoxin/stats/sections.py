"""Sections that apps above this one add to the statistics, under the main table.

The statistics count the cases of this zone (``gaoxin.stats.queries``). Some figures belong to
an app the statistics must not import — what this zone received for partner zones, for one
(跨区通办, ``gaoxin.exchange.figures``). Such an app registers a ``Section`` in its
AppConfig.ready(); the page, the API and the Excel export then show it with the same filters:

- the page includes ``template`` under the main table, with ``section`` in its context (a
  ``Shown``: ``section.data`` is what ``compute`` returned);
- the API (``/api/v1/stats/``) returns the data under ``sections.<key>``, through the
  section's ``serializer`` (or as plain JSON without one), ``null`` when not shown;
- the Excel export adds the sheet ``sheet`` makes of it, when the section has one.

``compute(filters, today)`` returns None when the section has nothing to say for this zone
(it is then left out); it must cost a fixed number of queries, whatever the rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rest_framework.serializers import BaseSerializer

    from gaoxin.stats.queries import Filters


# A sheet of the export: its title and its rows (the first of them its heading).
Sheet = tuple[str, list[list[Any]]]


@dataclass(frozen=True)
class Section:
    key: str  # the API's key, e.g. "cross_zone"
    template: str  # included under the main table, with ``section`` (a Shown)
    compute: Callable[[Filters, dt.date], Any]  # the data, or None: not shown
    serializer: type[BaseSerializer[Any]] | None = None  # the API's shape of the data
    sheet: Callable[[Any], Sheet] | None = None  # the export's sheet of the data
    order: int = 100  # the page shows the sections by this, then by key


@dataclass(frozen=True)
class Shown:
    """A section with what it computed for one reading."""

    section: Section
    data: Any

    @property
    def key(self) -> str:
        return self.section.key

    @property
    def template(self) -> str:
        return self.section.template


SECTIONS: dict[str, Section] = {}


def register(section: Section) -> None:
    """Add a section (registering the same key again replaces it)."""
    SECTIONS[section.key] = section


def unregister(key: str) -> None:
    SECTIONS.pop(key, None)


def registered() -> list[Section]:
    return sorted(SECTIONS.values(), key=lambda s: (s.order, s.key))


def compute(filters: Filters, today: dt.date) -> list[Shown]:
    """Every registered section's data for these filters, leaving out those with nothing."""
    shown = []
    for section in registered():
        data = section.compute(filters, today)
        if data is not None:
            shown.append(Shown(section, data))
    return shown

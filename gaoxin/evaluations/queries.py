"""Reads of ratings shared by pages and the API: the figures of 好差评.

Every figure is counted from the rating rows themselves, so a recount always agrees. The
ratings counted are ``counted()``: today all of them; once appeals exist, a rating the
supervisor excluded will leave the figures here and only here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypedDict, Unpack

from django.db.models import Count, QuerySet
from django.utils import timezone

from gaoxin.catalog.models import ServiceItem
from gaoxin.core.models import Department, User, Window
from gaoxin.evaluations.models import BAD_UP_TO, SATISFIED_FROM, Level, Rating


class Slice(TypedDict, total=False):
    """Which ratings a figure is of: any of these, together."""

    start: dt.date | None
    end: dt.date | None
    department: Department | None
    window: Window | None
    clerk: User | None
    item: ServiceItem | None
    encounter: str | None


def counted() -> QuerySet[Rating]:
    return Rating.objects.all()


def ratings(
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    department: Department | None = None,
    window: Window | None = None,
    clerk: User | None = None,
    item: ServiceItem | None = None,
    encounter: str | None = None,
) -> QuerySet[Rating]:
    """Counted ratings given from ``start`` to ``end`` (local dates, both included)."""
    qs = counted()
    tz = timezone.get_current_timezone()
    if start is not None:
        qs = qs.filter(rated_at__gte=dt.datetime.combine(start, dt.time.min, tzinfo=tz))
    if end is not None:
        after = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        qs = qs.filter(rated_at__lt=after)
    if department is not None:
        qs = qs.filter(department=department)
    if window is not None:
        qs = qs.filter(window=window)
    if clerk is not None:
        qs = qs.filter(clerk=clerk)
    if item is not None:
        qs = qs.filter(item=item)
    if encounter is not None:
        qs = qs.filter(encounter=encounter)
    return qs


@dataclass
class Figures:
    by_level: dict[int, int] = field(default_factory=dict)  # every level, 0 when none

    @property
    def total(self) -> int:
        return sum(self.by_level.values())

    @property
    def satisfied(self) -> int:
        """满意 or better."""
        return sum(n for level, n in self.by_level.items() if level >= SATISFIED_FROM)

    @property
    def bad(self) -> int:
        return sum(n for level, n in self.by_level.items() if level <= BAD_UP_TO)

    @property
    def good(self) -> int:
        """Not bad: 基本满意 or better (好评)."""
        return self.total - self.bad

    @property
    def satisfaction_rate(self) -> float | None:
        """Ratings of 满意 or better / all ratings; None when there are none."""
        return self.satisfied / self.total if self.total else None

    @property
    def good_rate(self) -> float | None:
        """Ratings that are not bad / all ratings (好评率); None when there are none."""
        return self.good / self.total if self.total else None


def figures(qs: QuerySet[Rating] | None = None, /, **filters: Unpack[Slice]) -> Figures:
    """The figures of the ratings in ``qs``, or of ``ratings(**filters)``."""
    if qs is None:
        qs = ratings(**filters)
    by_level = dict.fromkeys(Level.values, 0)
    for row in qs.order_by().values("level").annotate(n=Count("id")):
        by_level[row["level"]] = row["n"]
    return Figures(by_level=by_level)


def counts_by_level(**filters: Unpack[Slice]) -> dict[int, int]:
    return figures(**filters).by_level


def satisfaction_rate(**filters: Unpack[Slice]) -> float | None:
    return figures(**filters).satisfaction_rate


def good_rate(**filters: Unpack[Slice]) -> float | None:
    return figures(**filters).good_rate

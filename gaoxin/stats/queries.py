"""The figures a zone publishes about its cases, for a period and a scope; shared by the
statistics page, its Excel export and the API.

Definitions. Every figure can be recounted from the cases and their history (the tests do so
after random sequences of actions), and a published figure can be reproduced later:

Period and scope
  A period is a range of local dates (Asia/Shanghai), first and last day included. The
  scope is the whole zone, or a department (the case's owning department), an item (its
  code: every version of it) or a window (the window the case names, ``Case.window``: where
  a corrected application came back to another window, the later one), or several of them.

Flows: things that happened on a day within the period
  received (收件)           applications received, by ``received_at``.
  accepted (受理)           cases accepted (acceptance with deficiency included), by
                            ``accepted_at``.
  refused (不予受理)        applications refused, by the day of the refusal.
  corrected (一次性告知)    one-time notices issued, by their day; an application sent home
                            twice counts twice.
  completed (办结)          cases whose result was handed over (picked up or posted), by
                            ``completed_at``: granted and denied alike (``denied`` of them).
  terminated (终止)         cases ended without a decision, by ``completed_at``.
  completion rate (办结率)  completed ÷ accepted, both in the period. A ratio of flows: a
                            case accepted before the period and completed in it counts above
                            the line, so a short period can pass 100 %; over a year it is the
                            share of the year's intake the zone got done. Blank when nothing
                            was accepted.
  on-time rate (按时办结率) completed cases whose result was ready (local date of
                            ``ready_at``) on or before the case's deadline ÷ completed. The
                            deadline is the case's own: promised limit, plus any extension,
                            pushed on by special procedures. Blank when nothing completed.
  average working days used  over the completed cases: the working days from acceptance to
                            the result being ready (counted as the calendar counts, from the
                            day after acceptance to the ready day) less the working days
                            suspended; beside it the average promised limit of their items.
  immediate share (即办件占比)  accepted cases of an immediate item (即办件) ÷ accepted.

State: now, whatever the period (the scope applies)
  in progress (在办)        accepted and not finished: accepted, in review, suspended,
                            decided or waiting at the delivery window.
  overdue (超期)            cases whose clock runs (accepted, in review, decided) and whose
                            deadline has passed: the red cases of the supervision page.

Catalog: the current version of every item (the department and item filters apply)
  compression (时限压缩)    1 − Σ promised limits ÷ Σ statutory limits; beside it the two
                            sums and the share of immediate items among the items.

Cross-zone cases (跨区通办, between this deployment and partner zones)
  A case counts in the figures above at the zone that handles (decides) it, and only there.
  An application a partner zone's window received for us becomes, when our clerk accepts
  it, a case of ours like a local one, counted here (received and accepted on the day our
  clerk accepted it). An application our window received for a partner zone is the
  partner's case: it is in none of our figures. So the zones' figures added up count every
  case once. (An application a partner received for us that we refused or sent back for
  correction makes no case here: it is in neither zone's figures; the receiving zone sees it
  as refused, or in progress, in its own section below.)

  Beside the figures, without being added to them, the exchange app's section
  (``gaoxin.exchange.figures``, registered through ``gaoxin.stats.sections``) shows each
  role, by partner:
  handled for partners (代办)  of the figures above, the cases accepted from a partner's
                            application: accepted and completed in the period, in progress
                            now; same definitions, same scope (department, item, window).
  received for partners (代收)  applications our window received for a partner zone, by the
                            day received (``received_at``), and what has become of them as
                            things stand now: refused by the partner; in progress (waiting
                            for the partner, a correction asked for, handled there, or the
                            result waiting here); result handed out (已出件); ended by the
                            partner (terminated or withdrawn there). The four add up to the
                            received. Scope: the zone, or a window (the one that received
                            them); with a department or an item they do not apply (the
                            department is the partner's) and the page says so.

Rates are shown in per cent, rounded half up to one decimal; averages in working days,
rounded half up to one decimal.

Where the figures come from: flows from the summary tables (``gaoxin.stats.counters``),
which the case services keep in the same transaction; the zone and a department read the
per-department table (a few thousand rows a year), an item or a window the detailed one
through its index. The state figures are counted from the cases table at each reading:
open cases are a small share of all (a few weeks of intake), and a reading must say "now",
which a counter kept by events cannot, since a case becomes overdue by the calendar
passing, not by an event. ``Case``'s index on (status, received_at) finds them: at 1,000,000
cases a year, some 20,000 open, the count takes about 20 ms on PostgreSQL (``bench/stats.py``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.cases.models import Case
from gaoxin.cases.workflow import CLOCK_RUNNING, Status
from gaoxin.catalog.models import HandlingKind, ServiceItem
from gaoxin.core.errors import NotAllowed
from gaoxin.core.models import Department, Window
from gaoxin.core.periods import (  # noqa: F401  (read by pages and the API)
    DEFAULT_PERIOD,
    PERIODS,
    FilterError,
    period_range,
    read_department,
    read_period,
)
from gaoxin.core.permissions import can
from gaoxin.core.roles import Capability
from gaoxin.core.rounding import average as _average
from gaoxin.core.rounding import percent as _percent
from gaoxin.stats.models import COUNTERS, DailyCount, DepartmentDailyCount

IN_PROGRESS = frozenset(
    {
        Status.ACCEPTED,
        Status.IN_REVIEW,
        Status.SUSPENDED,
        Status.DECIDED,
        Status.AWAITING_DELIVERY,
    }
)
# Up to this many days a period's chart shows days; longer, months.
DAILY_UP_TO = 62


# --- Who sees what, and the filters -------------------------------------------------------


def own_scope(user: Any) -> Department | None:
    """The department a user's statistics are limited to (None: the whole zone). Supervisors,
    leaders and administrators see the zone; a department head sees their department."""
    if can(user, Capability.VIEW_ALL_DEPARTMENTS):
        return None
    if can(user, Capability.HEAD_DEPARTMENT) and user.department_id:
        return user.department
    raise NotAllowed(_("Your role does not allow this."))


@dataclass(frozen=True)
class Filters:
    start: dt.date
    end: dt.date
    period: str = DEFAULT_PERIOD
    department: Department | None = None
    item_code: str = ""
    window: Window | None = None
    locked_department: bool = False  # a department head cannot choose another

    def params(self) -> dict[str, str]:
        """The query string that gives these filters back (for links and the export)."""
        values = {"period": self.period}
        if self.period == "custom":
            values |= {"start": self.start.isoformat(), "end": self.end.isoformat()}
        if self.department is not None and not self.locked_department:
            values["department"] = self.department.code
        if self.item_code:
            values["item"] = self.item_code
        if self.window is not None:
            values["window"] = str(self.window.number)
        return values


def parse_filters(user: Any, params: Any, today: dt.date) -> Filters:
    """The filters of a request, within what the user may see. Raises ``NotAllowed`` for a
    user without statistics and ``FilterError`` for values that make no sense."""
    scope = own_scope(user)
    errors: dict[str, list[str]] = {}
    period, start, end = read_period(params, errors, today)
    department = read_department(params, scope, errors)
    item_code = (params.get("item") or "").strip()
    if item_code:
        items = ServiceItem.objects.filter(code=item_code)
        if department is not None:
            items = items.filter(department=department)
        if not items.exists():
            errors["item"] = [_("No such item in this department.")]
    window = None
    number = (params.get("window") or "").strip()
    if number:
        window = Window.objects.filter(number=number).first() if number.isdigit() else None
        if window is None:
            errors["window"] = [_("No such window.")]
    if errors:
        raise FilterError(errors)
    return Filters(
        start=start,
        end=end,
        period=period,
        department=department,
        item_code=item_code,
        window=window,
        locked_department=scope is not None,
    )


# --- The figures ------------------------------------------------------------------------------


@dataclass
class Figures:
    received: int = 0
    corrections: int = 0
    accepted: int = 0
    accepted_immediate: int = 0
    refused: int = 0
    completed: int = 0
    completed_denied: int = 0
    completed_on_time: int = 0
    used_days: int = 0
    promised_days: int = 0
    terminated: int = 0
    withdrawn: int = 0
    in_progress: int = 0
    overdue: int = 0

    def add(self, other: dict[str, Any] | Figures) -> None:
        values = other if isinstance(other, dict) else other.counts()
        for name in (*COUNTERS, "in_progress", "overdue"):
            if name in values:
                setattr(self, name, getattr(self, name) + (values[name] or 0))

    def counts(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @property
    def completed_granted(self) -> int:
        return self.completed - self.completed_denied

    @property
    def completed_late(self) -> int:
        return self.completed - self.completed_on_time

    @property
    def completion_rate(self) -> Decimal | None:
        return _percent(self.completed, self.accepted)

    @property
    def on_time_rate(self) -> Decimal | None:
        return _percent(self.completed_on_time, self.completed)

    @property
    def average_used_days(self) -> Decimal | None:
        return _average(self.used_days, self.completed)

    @property
    def average_promised_days(self) -> Decimal | None:
        return _average(self.promised_days, self.completed)

    @property
    def immediate_share(self) -> Decimal | None:
        return _percent(self.accepted_immediate, self.accepted)

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.counts(),
            "completed_granted": self.completed_granted,
            "completed_late": self.completed_late,
            "completion_rate": self.completion_rate,
            "on_time_rate": self.on_time_rate,
            "average_used_days": self.average_used_days,
            "average_promised_days": self.average_promised_days,
            "immediate_share": self.immediate_share,
        }


@dataclass
class Compression:
    items: int = 0
    immediate_items: int = 0
    promised_days: int = 0
    statutory_days: int = 0

    def add(self, row: dict[str, Any]) -> None:
        self.items += row["items"] or 0
        self.immediate_items += row["immediate_items"] or 0
        self.promised_days += row["promised_days"] or 0
        self.statutory_days += row["statutory_days"] or 0

    @property
    def ratio(self) -> Decimal | None:
        """Σ promised ÷ Σ statutory, in per cent."""
        return _percent(self.promised_days, self.statutory_days)

    @property
    def compression(self) -> Decimal | None:
        """1 − Σ promised ÷ Σ statutory, in per cent (rounded once, from the exact ratio)."""
        return _percent(self.statutory_days - self.promised_days, self.statutory_days)

    @property
    def immediate_share(self) -> Decimal | None:
        return _percent(self.immediate_items, self.items)

    def as_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "immediate_items": self.immediate_items,
            "promised_days": self.promised_days,
            "statutory_days": self.statutory_days,
            "promised_to_statutory": self.ratio,
            "compression": self.compression,
            "immediate_share": self.immediate_share,
        }


@dataclass
class DepartmentRow:
    department: Department
    figures: Figures
    compression: Compression


@dataclass
class Bucket:
    start: dt.date
    label: str
    figures: Figures


@dataclass
class Dashboard:
    filters: Filters
    figures: Figures
    compression: Compression
    departments: list[DepartmentRow]
    series: list[Bucket]
    by_month: bool
    today: dt.date


def summary_rows(filters: Filters) -> QuerySet[Any]:
    """The summary rows of the period and scope: the per-department table unless an item or
    a window is asked for."""
    model: Any = DailyCount if filters.item_code or filters.window else DepartmentDailyCount
    rows = model.objects.filter(day__gte=filters.start, day__lte=filters.end)
    if filters.department is not None:
        rows = rows.filter(department=filters.department)
    if filters.item_code:
        rows = rows.filter(item_code=filters.item_code)
    if filters.window is not None:
        rows = rows.filter(window_pk=filters.window.pk)
    return rows.order_by()


def figures(filters: Filters, today: dt.date) -> Figures:
    """The figures of one scope and period (the top of the dashboard)."""
    total = Figures()
    total.add(summary_rows(filters).aggregate(**{n: Sum(n) for n in COUNTERS}))
    total.add(state(filters, today).aggregate(**_state_counts(today)))
    return total


def state(filters: Filters, today: dt.date) -> QuerySet[Case]:
    cases = Case.objects.filter(status__in=IN_PROGRESS)
    if filters.department is not None:
        cases = cases.filter(department=filters.department)
    if filters.item_code:
        cases = cases.filter(item__code=filters.item_code)
    if filters.window is not None:
        cases = cases.filter(window=filters.window)
    return cases.order_by()


def state_by_department(filters: Filters, today: dt.date) -> QuerySet[Any]:
    return state(filters, today).values("department_id").annotate(**_state_counts(today))


def catalog_by_department(filters: Filters) -> QuerySet[Any]:
    return (
        catalog(filters)
        .values("department_id")
        .annotate(
            items=Count("id"),
            immediate_items=Count("id", filter=Q(handling=HandlingKind.IMMEDIATE)),
            promised_days=Sum("promised_days"),
            statutory_days=Sum("statutory_days"),
        )
    )


def _state_counts(today: dt.date) -> dict[str, Any]:
    return {
        "in_progress": Count("id"),
        "overdue": Count("id", filter=Q(status__in=CLOCK_RUNNING, deadline__lt=today)),
    }


def catalog(filters: Filters) -> QuerySet[ServiceItem]:
    items = ServiceItem.objects.filter(is_current=True)
    if filters.department is not None:
        items = items.filter(department=filters.department)
    if filters.item_code:
        items = items.filter(code=filters.item_code)
    return items.order_by()


def dashboard(filters: Filters, today: dt.date) -> Dashboard:
    """Everything the statistics page shows, in four queries: the flows by department and
    month (or day), the state by department, the catalog by department, the departments."""
    by_month = (filters.end - filters.start).days >= DAILY_UP_TO
    bucket: Any = TruncMonth("day") if by_month else F("day")
    flows = (
        summary_rows(filters)
        .values("department_id", bucket=bucket)
        .annotate(**{n: Sum(n) for n in COUNTERS})
    )
    per_department: dict[int, Figures] = defaultdict(Figures)
    per_bucket: dict[dt.date, Figures] = defaultdict(Figures)
    total = Figures()
    for row in flows:
        per_department[row["department_id"]].add(row)
        when = row["bucket"]
        per_bucket[when.date() if isinstance(when, dt.datetime) else when].add(row)
        total.add(row)
    for row in state_by_department(filters, today):
        per_department[row["department_id"]].add(row)
        total.add(row)
    per_catalog: dict[int, Compression] = defaultdict(Compression)
    compression = Compression()
    for row in catalog_by_department(filters):
        per_catalog[row["department_id"]].add(row)
        compression.add(row)
    shown = set(per_department) | set(per_catalog)
    departments = [
        DepartmentRow(
            d, per_department.get(d.pk) or Figures(), per_catalog.get(d.pk) or Compression()
        )
        for d in Department.objects.filter(pk__in=shown)
    ]
    return Dashboard(
        filters=filters,
        figures=total,
        compression=compression,
        departments=departments,
        series=_series(filters, per_bucket, by_month),
        by_month=by_month,
        today=today,
    )


def _series(filters: Filters, found: dict[dt.date, Figures], by_month: bool) -> list[Bucket]:
    """Every month (or day) of the period, the empty ones too."""
    buckets = []
    day = filters.start.replace(day=1) if by_month else filters.start
    while day <= filters.end:
        label = f"{day:%Y-%m}" if by_month else f"{day:%m-%d}"
        buckets.append(Bucket(day, label, found.get(day) or Figures()))
        if by_month:
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        else:
            day += dt.timedelta(days=1)
    return buckets


# --- The table by department (page, export and API show the same columns) ----------------------

# key, heading, kind ("n" a count, "%" a rate in per cent, "d" working days)
TABLE_COLUMNS: list[tuple[str, Any, str]] = [
    ("received", gettext_lazy("Received"), "n"),
    ("accepted", gettext_lazy("Accepted"), "n"),
    ("refused", gettext_lazy("Refused"), "n"),
    ("corrections", gettext_lazy("One-time notices"), "n"),
    ("completed", gettext_lazy("Completed"), "n"),
    ("completed_denied", gettext_lazy("of them denied"), "n"),
    ("terminated", gettext_lazy("Terminated"), "n"),
    ("in_progress", gettext_lazy("In progress now"), "n"),
    ("overdue", gettext_lazy("Overdue now"), "n"),
    ("completion_rate", gettext_lazy("Completion rate (%)"), "%"),
    ("on_time_rate", gettext_lazy("On-time rate (%)"), "%"),
    ("average_used_days", gettext_lazy("Working days used (average)"), "d"),
    ("average_promised_days", gettext_lazy("Working days promised (average)"), "d"),
    ("immediate_share", gettext_lazy("Immediate items among accepted (%)"), "%"),
    ("catalog_compression", gettext_lazy("Time limits compressed (%)"), "%"),
]


def table_row(figures_: Figures, compression: Compression) -> dict[str, Any]:
    return {**figures_.as_dict(), "catalog_compression": compression.compression}


def table(board: Dashboard) -> list[tuple[str, dict[str, Any]]]:
    """(name, values) per department, then the total."""
    rows = [(r.department.name, table_row(r.figures, r.compression)) for r in board.departments]
    rows.append((str(_("Total")), table_row(board.figures, board.compression)))
    return rows

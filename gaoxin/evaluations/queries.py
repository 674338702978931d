"""Reads of ratings shared by pages, the Excel export and the API: the figures of 好差评.

Every figure is counted from the rows themselves (ratings, rectifications, cases and their
deliveries), so a recount always agrees. The ratings counted are ``counted()``: all but those
the supervisor excluded on appeal, which leave the figures here and only here (the rows and
their audit entries stay).

Definitions

Period and scope
  A period is a range of local dates (Asia/Shanghai), first and last day included. The scope
  is the whole zone or one department (the department that served, copied onto the rating),
  and every encounter or one of them: intake, delivery, the whole case.

Ratings: the counted ratings given on a day of the period (``rated_at``)
  satisfaction rate (满意率)   ratings of 满意 or 非常满意 ÷ all ratings.
  good-rating rate (好评率)    ratings that are not bad (基本满意 or better) ÷ all ratings.
  bad (差评)                  ratings of 不满意 or 非常不满意.

Coverage (评价覆盖率): rated encounters ÷ encounters, both of the period
  An encounter is a service a rating can follow, on the day it ended:
  intake       a case's intake at the window, ended by acceptance (with deficiency too) on
               ``accepted_at``, or, for a case never accepted, by its last refusal or one-time
               notice (the day of that history row). A case has one intake encounter.
  delivery     the result handed over (collected or posted), on ``Delivery.delivered_at``.
  whole case   a case completed, on ``completed_at``.
  An encounter is rated when a counted rating of that case and encounter exists, whenever it
  was given. By department and item: the case's; by window and clerk (intake and delivery
  only): the case's window and the clerk who accepted it (else received it), the delivery's
  window (else the delivering clerk's) and the delivering clerk.

Rectification (差评整改): the rectifications of the counted bad ratings of the period
  opened                      one per bad rating.
  rectified on time / late    answered to the applicant on or before the fix-by date (the
                              local date of ``answered_at``), or after it.
  open, overdue / in time     not answered yet, and the fix-by date has passed / has not,
                              counted today.
  called back on time / late  the call-back on or before its due date, or after it.

By window and by clerk, the whole-case encounter is left out: it is no one window's. Rates
are shown in per cent, rounded half up to one decimal; blank when there is nothing to divide.

Where the figures come from: the ratings through their (attribute, ``rated_at``) indexes, the
rectifications through their ratings, the encounters from the cases and deliveries of the
period; each breakdown is five grouped queries whatever its number of rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.db.models import (
    Count,
    DateField,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.cases.models import Case, CaseEvent, Delivery
from gaoxin.cases.workflow import Status
from gaoxin.catalog.models import ServiceItem
from gaoxin.core.errors import NotAllowed
from gaoxin.core.models import Department, User, Window
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
from gaoxin.core.rounding import percent as _percent
from gaoxin.evaluations.models import (
    BAD_UP_TO,
    SATISFIED_FROM,
    Encounter,
    Level,
    Rating,
    Rectification,
)


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
    return Rating.objects.filter(excluded_at__isnull=True)


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def _within(name: str, start: dt.date | None, end: dt.date | None) -> Q:
    """``name`` (a moment) falls on a local day from ``start`` to ``end``."""
    q = Q()
    if start is not None:
        q &= Q(**{f"{name}__gte": _day_start(start)})
    if end is not None:
        q &= Q(**{f"{name}__lt": _day_start(end + dt.timedelta(days=1))})
    return q


def _rating_q(prefix: str = "", **filters: Unpack[Slice]) -> Q:
    """The conditions of ``ratings(**filters)`` on a rating reached by ``prefix``."""
    q = Q(**{f"{prefix}excluded_at__isnull": True})
    q &= _within(f"{prefix}rated_at", filters.get("start"), filters.get("end"))
    for name in ("department", "window", "clerk", "item", "encounter"):
        value = filters.get(name)
        if value is not None:
            q &= Q(**{f"{prefix}{name}": value})
    return q


def ratings(**filters: Unpack[Slice]) -> QuerySet[Rating]:
    """Counted ratings given from ``start`` to ``end`` (local dates, both included)."""
    return Rating.objects.filter(_rating_q(**filters))


# The counts a figure adds up, besides the ratings by level.
COUNTS = (
    "encounters",
    "rated_encounters",
    "opened",
    "rectified_on_time",
    "rectified_late",
    "open_overdue",
    "open_in_time",
    "called_back_on_time",
    "called_back_late",
)


@dataclass
class Figures:
    by_level: dict[int, int] = field(default_factory=lambda: dict.fromkeys(Level.values, 0))
    # Coverage: encounters of the period, and those of them rated.
    encounters: int = 0
    rated_encounters: int = 0
    # The rectifications of the bad ratings.
    opened: int = 0
    rectified_on_time: int = 0
    rectified_late: int = 0
    open_overdue: int = 0
    open_in_time: int = 0
    called_back_on_time: int = 0
    called_back_late: int = 0

    def add(self, other: Figures) -> None:
        for level, n in other.by_level.items():
            self.by_level[level] = self.by_level.get(level, 0) + n
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

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

    @property
    def coverage(self) -> float | None:
        """Rated encounters / encounters; None when there are none."""
        return self.rated_encounters / self.encounters if self.encounters else None

    @property
    def satisfaction_percent(self) -> Decimal | None:
        return _percent(self.satisfied, self.total)

    @property
    def good_percent(self) -> Decimal | None:
        return _percent(self.good, self.total)

    @property
    def coverage_percent(self) -> Decimal | None:
        return _percent(self.rated_encounters, self.encounters)

    def as_dict(self) -> dict[str, Any]:
        """The columns of the table (``TABLE_COLUMNS``) and the levels, rates in per cent."""
        return {
            "total": self.total,
            "satisfied": self.satisfied,
            "good": self.good,
            "bad": self.bad,
            "satisfaction_rate": self.satisfaction_percent,
            "good_rate": self.good_percent,
            "coverage": self.coverage_percent,
            **{name: getattr(self, name) for name in COUNTS},
            **{f"level_{level}": n for level, n in sorted(self.by_level.items())},
        }


def figures(qs: QuerySet[Rating] | None = None, /, **filters: Unpack[Slice]) -> Figures:
    """The rating figures (levels and rates) of the ratings in ``qs``, or of
    ``ratings(**filters)``."""
    if qs is None:
        qs = ratings(**filters)
    result = Figures()
    for row in qs.order_by().values("level").annotate(n=Count("id")):
        result.by_level[row["level"]] = row["n"]
    return result


def counts_by_level(**filters: Unpack[Slice]) -> dict[int, int]:
    return figures(**filters).by_level


def satisfaction_rate(**filters: Unpack[Slice]) -> float | None:
    return figures(**filters).satisfaction_rate


def good_rate(**filters: Unpack[Slice]) -> float | None:
    return figures(**filters).good_rate


# --- Who sees what, and the filters -------------------------------------------------------

# Up to this many days the trend shows days; longer, months.
DAILY_UP_TO = 62

# What a breakdown's rows can be (the page's "group by"); ``day`` serves the trend and the API.
GROUPS = {
    "department": gettext_lazy("Department"),
    "window": gettext_lazy("Window"),
    "clerk": gettext_lazy("Clerk"),
    "item": gettext_lazy("Item"),
    "month": gettext_lazy("Month"),
    "day": gettext_lazy("Day"),
}
# The title of a table of rows grouped so (page, export sheets).
GROUP_TITLES = {
    "department": gettext_lazy("By department"),
    "window": gettext_lazy("By window"),
    "clerk": gettext_lazy("By clerk"),
    "item": gettext_lazy("By item"),
    "month": gettext_lazy("By month"),
    "day": gettext_lazy("By day"),
}
DEFAULT_GROUP = "department"
# The breakdowns at a window's or a clerk's: the whole case is no one window's.
AT_THE_WINDOW = frozenset({"window", "clerk"})


def own_scope(user: Any) -> Department | None:
    """The department a user's rating figures are limited to (None: the whole zone).
    Supervisors, leaders and whoever sees every department read the zone; a department head
    reads their department."""
    if any(
        can(user, c)
        for c in (Capability.VIEW_ALL_DEPARTMENTS, Capability.SUPERVISE, Capability.LEAD_ZONE)
    ):
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
    encounter: str = ""  # "" every encounter
    group_by: str = DEFAULT_GROUP
    locked_department: bool = False  # a department head cannot choose another

    def params(self) -> dict[str, str]:
        """The query string that gives these filters back (for links and the export)."""
        values = {"period": self.period}
        if self.period == "custom":
            values |= {"start": self.start.isoformat(), "end": self.end.isoformat()}
        if self.department is not None and not self.locked_department:
            values["department"] = self.department.code
        if self.encounter:
            values["encounter"] = self.encounter
        if self.group_by != DEFAULT_GROUP:
            values["group_by"] = self.group_by
        return values

    @property
    def trend_by(self) -> str:
        return "day" if (self.end - self.start).days < DAILY_UP_TO else "month"


def parse_filters(user: Any, params: Any, today: dt.date) -> Filters:
    """The filters of a request, within what the user may see. Raises ``NotAllowed`` for a
    user without rating figures and ``FilterError`` for values that make no sense."""
    scope = own_scope(user)
    errors: dict[str, list[str]] = {}
    period, start, end = read_period(params, errors, today)
    department = read_department(params, scope, errors)
    encounter = (params.get("encounter") or "").strip()
    if encounter and encounter not in Encounter.values:
        errors["encounter"] = [_("Choose intake, delivery or the whole case.")]
    group_by = (params.get("group_by") or "").strip() or DEFAULT_GROUP
    if group_by not in GROUPS:
        errors["group_by"] = [_("Choose how the rows are grouped.")]
    if errors:
        raise FilterError(errors)
    return Filters(
        start=start,
        end=end,
        period=period,
        department=department,
        encounter=encounter,
        group_by=group_by,
        locked_department=scope is not None,
    )


# --- Breakdowns -------------------------------------------------------------------------------


@dataclass
class Row:
    key: str  # department code, window number, clerk's username, item code, 2026-03, 2026-03-05
    label: str
    figures: Figures
    short: str = ""  # a department's short name, for the charts


def _month(name: str) -> TruncMonth:
    return TruncMonth(name, output_field=DateField())


def _rating_key(by: str, prefix: str = "") -> Any:
    """What a rating (reached by ``prefix``) is grouped by."""
    if by == "item":
        return F(f"{prefix}item__code")
    if by == "month":
        return _month(f"{prefix}rated_at")
    if by == "day":
        return TruncDate(f"{prefix}rated_at")
    return F(f"{prefix}{by}_id")


def _encounter_kinds(filters: Filters, by: str) -> list[str]:
    kinds = [filters.encounter] if filters.encounter else list(Encounter.values)
    if by in AT_THE_WINDOW:
        kinds = [k for k in kinds if k != Encounter.CASE]
    return kinds


def _slice_q(filters: Filters, by: str, prefix: str = "") -> Q:
    q = _rating_q(
        prefix,
        start=filters.start,
        end=filters.end,
        department=filters.department,
        encounter=filters.encounter or None,
    )
    if by in AT_THE_WINDOW:
        q &= ~Q(**{f"{prefix}encounter": Encounter.CASE})
    return q


def _rated(encounter: str, case: str) -> Exists:
    return Exists(counted().filter(case=OuterRef(case), encounter=encounter))


# How an intake ended, when the case was never accepted.
INTAKE_ENDINGS = ("refuse", "request_correction")


def _intake_ended() -> Coalesce:
    last_ending = (
        CaseEvent.objects.filter(case=OuterRef("pk"), action__in=INTAKE_ENDINGS)
        .order_by("-at", "-id")
        .values("at")[:1]
    )
    return Coalesce("accepted_at", Subquery(last_ending), output_field=DateTimeField())


def encounters(kind: str, filters: Filters) -> tuple[QuerySet[Any], dict[str, Any]]:
    """The encounters of one kind in the period and scope, annotated ``rated``, and what each
    grouping reads from them."""
    start, end = filters.start, filters.end
    qs: QuerySet[Any]
    if kind == Encounter.INTAKE:
        qs = (
            Case.objects.exclude(status=Status.RECEIVED)
            .filter(receipt_number__isnull=False)
            .annotate(ended_at=_intake_ended())
            .filter(_within("ended_at", start, end))
        )
        keys: dict[str, Any] = {
            "department": F("department_id"),
            "item": F("item__code"),
            "window": F("window_id"),
            "clerk": Coalesce("accepted_by_id", "received_by_id"),
        }
        moment, case = "ended_at", "pk"
    elif kind == Encounter.DELIVERY:
        qs = Delivery.objects.filter(_within("delivered_at", start, end))
        keys = {
            "department": F("case__department_id"),
            "item": F("case__item__code"),
            "window": Coalesce("window_id", "delivered_by__window_id"),
            "clerk": F("delivered_by_id"),
        }
        moment, case = "delivered_at", "case_id"
    else:
        qs = Case.objects.filter(status=Status.COMPLETED).filter(
            _within("completed_at", start, end)
        )
        keys = {"department": F("department_id"), "item": F("item__code")}
        moment, case = "completed_at", "pk"
    if filters.department is not None:
        department = "department" if case == "pk" else "case__department"
        qs = qs.filter(**{department: filters.department})
    keys |= {"month": _month(moment), "day": TruncDate(moment)}
    return qs.annotate(rated=_rated(kind, case)).order_by(), keys


def breakdown(filters: Filters, by: str, today: dt.date) -> list[Row]:
    """The figures of the period and scope grouped by ``by`` (one of ``GROUPS``): rows in
    the grouping's order, months and days every one of the period, empty ones included.
    Five grouped queries, and one for the names of the rows."""
    found: dict[Any, Figures] = defaultdict(Figures)
    rows = (
        Rating.objects.filter(_slice_q(filters, by))
        .values("level", key=_rating_key(by))
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        found[row["key"]].by_level[row["level"]] += row["n"]
    for row in _rectifications(filters, by, today):
        group = found[row.pop("key")]
        for name, n in row.items():
            setattr(group, name, getattr(group, name) + n)
    for kind in _encounter_kinds(filters, by):
        qs, keys = encounters(kind, filters)
        for row in qs.values(key=keys[by]).annotate(
            n=Count("pk"), rated_n=Count("pk", filter=Q(rated=True))
        ):
            group = found[row["key"]]
            group.encounters += row["n"]
            group.rated_encounters += row["rated_n"]
    return _rows(filters, by, found)


def _rectifications(filters: Filters, by: str, today: dt.date) -> QuerySet[Any]:
    answered = Q(answered_at__isnull=False)
    called = Q(called_back_at__isnull=False)
    waiting = Q(answered_at__isnull=True)
    return (
        Rectification.objects.filter(_slice_q(filters, by, "rating__"))
        .values(key=_rating_key(by, "rating__"))
        .annotate(
            opened=Count("id"),
            rectified_on_time=Count("id", filter=answered & Q(answered_at__date__lte=F("fix_due"))),
            rectified_late=Count("id", filter=answered & Q(answered_at__date__gt=F("fix_due"))),
            open_overdue=Count("id", filter=waiting & Q(fix_due__lt=today)),
            open_in_time=Count("id", filter=waiting & Q(fix_due__gte=today)),
            called_back_on_time=Count(
                "id", filter=called & Q(called_back_at__date__lte=F("callback_due"))
            ),
            called_back_late=Count(
                "id", filter=called & Q(called_back_at__date__gt=F("callback_due"))
            ),
        )
        .order_by()
    )


def _rows(filters: Filters, by: str, found: dict[Any, Figures]) -> list[Row]:
    """Name and order the groups found."""
    keys = [k for k in found if k is not None]
    named: list[tuple[Any, str, str]] = []  # (group, key, label)
    short: dict[str, str] = {}
    if by == "department":
        departments = Department.objects.filter(pk__in=keys)
        named = [(d.pk, d.code, d.name) for d in departments]
        short = {d.code: d.short_name for d in departments}
    elif by == "window":
        named = [(w.pk, str(w.number), str(w)) for w in Window.objects.filter(pk__in=keys)]
    elif by == "clerk":
        people = User.objects.filter(pk__in=keys).order_by("full_name", "username")
        named = [(u.pk, u.username, str(u)) for u in people]
    elif by == "item":
        names: dict[str, str] = {}
        # The current version's name, else the latest.
        for code, name in (
            ServiceItem.objects.filter(code__in=keys)
            .order_by("code", "is_current", "version")
            .values_list("code", "name")
        ):
            names[code] = name
        named = [(code, code, names.get(code, code)) for code in sorted(keys)]
    else:
        return [
            Row(key, key, found.get(day) or Figures())
            for day, key in buckets(filters.start, filters.end, by)
        ]
    rows = [Row(key, label, found[group], short.get(key, "")) for group, key, label in named]
    if None in found:
        label = _("No window") if by == "window" else _("No clerk")
        rows.append(Row("", str(label), found[None]))
    return rows


def buckets(start: dt.date, end: dt.date, by: str) -> list[tuple[dt.date, str]]:
    """Every month (or day) from ``start`` to ``end``: its first day and its label."""
    result = []
    day = start.replace(day=1) if by == "month" else start
    while day <= end:
        if by == "month":
            result.append((day, f"{day:%Y-%m}"))
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        else:
            result.append((day, day.isoformat()))
            day += dt.timedelta(days=1)
    return result


def total(rows: Iterable[Row]) -> Figures:
    result = Figures()
    for row in rows:
        result.add(row.figures)
    return result


@dataclass
class Report:
    """Everything the page shows: the figures of the period and scope, the trend by month (or
    day), the departments, and the rows grouped as asked."""

    filters: Filters
    today: dt.date
    figures: Figures
    trend: list[Row]
    departments: list[Row]
    rows: list[Row]


def report(filters: Filters, today: dt.date) -> Report:
    """The trend holds every rating, encounter and rectification of the period once, so the
    figures are its sum; the departments and the asked grouping are read once each."""
    cache: dict[str, list[Row]] = {}

    def rows_by(by: str) -> list[Row]:
        if by not in cache:
            cache[by] = breakdown(filters, by, today)
        return cache[by]

    trend = rows_by(filters.trend_by)
    return Report(
        filters=filters,
        today=today,
        figures=total(trend),
        trend=trend,
        departments=rows_by("department"),
        rows=rows_by(filters.group_by),
    )


def bad_ratings(filters: Filters) -> QuerySet[Rating]:
    """The counted bad ratings of the period and scope, with their rectifications (for the
    export: who served, never who rated)."""
    return (
        Rating.objects.filter(_slice_q(filters, ""), level__lte=BAD_UP_TO)
        .select_related("case", "department", "window", "clerk", "item", "rectification")
        .order_by("rated_at", "id")
    )


# --- The table (page, export and API show the same columns) ----------------------------------

# key, heading, kind ("n" a count, "%" a rate in per cent)
TABLE_COLUMNS: list[tuple[str, Any, str]] = [
    ("total", gettext_lazy("Number of ratings"), "n"),
    ("satisfied", gettext_lazy("Satisfied or better"), "n"),
    ("bad", gettext_lazy("Bad"), "n"),
    ("satisfaction_rate", gettext_lazy("Satisfaction rate (%)"), "%"),
    ("good_rate", gettext_lazy("Good-rating rate (%)"), "%"),
    ("encounters", gettext_lazy("Services to rate"), "n"),
    ("rated_encounters", gettext_lazy("Rated"), "n"),
    ("coverage", gettext_lazy("Coverage (%)"), "%"),
    ("opened", gettext_lazy("Rectifications opened"), "n"),
    ("rectified_on_time", gettext_lazy("Rectified on time"), "n"),
    ("rectified_late", gettext_lazy("Rectified late"), "n"),
    ("open_overdue", gettext_lazy("Open, overdue"), "n"),
    ("open_in_time", gettext_lazy("Open, within time"), "n"),
    ("called_back_on_time", gettext_lazy("Called back on time"), "n"),
    ("called_back_late", gettext_lazy("Called back late"), "n"),
]


def table(rows: list[Row], with_total: bool = True) -> list[tuple[str, dict[str, Any]]]:
    """(name, values) per row, then the total."""
    result = [(row.label, row.figures.as_dict()) for row in rows]
    if with_total:
        result.append((str(_("Total")), total(rows).as_dict()))
    return result

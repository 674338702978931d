"""The figures of site inspections (远程踏勘), shared by the figures page (/inspections/figures/)
and the API (/api/v1/inspections/figures/). Every figure is counted from the rows themselves
(inspections, appointments, recordings), so a recount always agrees.

Definitions

Period and scope
  A period is a range of local dates (Asia/Shanghai), first and last day included. The scope
  is the whole zone or one department: the department of the inspected case (the department
  that requested the inspection; departments joining it do not count it again).

Flows: things that happened on a day of the period
  requested    inspections requested (``requested_at``).
  booked       inspections booked, each once, on the day its first appointment was booked
               (``booked_at``); booking again (another time, after a cancellation or a missed
               appointment) does not count again.
  held         appointments held, by the day of the slot: the applicant connected to the live
               video or uploaded from the phone page, or the inspector signed the record while
               the appointment was booked (on site, or from what the applicant sent). An
               inspection held a second time (booked again after a dropped session) counts
               twice; a re-inspection after "rectify and re-inspect" is an inspection of its own.
  remote share held by video (the inspection is remote) ÷ held.
  missed       appointments of a remote inspection whose slot ended with the applicant never
               connected (marked by the worker's loop, ``reminders.mark_missed``), by the day
               of the slot.
  concluded    inspections whose record (勘验记录) was signed (``concluded_at``): passed,
               rectify and re-inspect, failed.

Time
  working days, request to conclusion   over the concluded inspections: the working days from
               the day of the request to the day the record was signed, as the working-day
               calendar counts (``gaoxin.core.workdays``: the days after the request's day up to
               and including the conclusion's day; concluded the day it was requested is 0,
               requested on a Friday and concluded on the Monday after is 1). The zone's claim
               is at most 5; "within 5 working days" is the share of the concluded that kept it.
               A re-inspection counts from its own request (the time the applicant takes to
               put things right is not the inspection's).
  session length   a held appointment of a remote inspection is a session; its length is the
               sum of the lengths of its finished recordings (the room records the live video;
               a recording stopped and started again counts both parts). The average is over
               the sessions of the period with at least one recording; sessions held without a
               recording (the inspector decided from the applicant's files, or did not record)
               are counted beside it and left out of the average.

Averages are shown rounded half up to one decimal (working days; minutes), shares in per
cent to one decimal; blank where there is nothing to divide.

Where the figures come from: five grouped queries by department (requested, first bookings,
held and missed appointments, concluded inspections, recorded sessions), one for the
departments' names and the working-day calendar (cached between requests): the same number of
queries whatever the rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core.errors import NotAllowed
from gaoxin.core.models import Department
from gaoxin.core.periods import (  # noqa: F401  (read by the page and the API)
    DEFAULT_PERIOD,
    PERIODS,
    FilterError,
    read_department,
    read_period,
)
from gaoxin.core.permissions import can
from gaoxin.core.roles import Capability
from gaoxin.core.rounding import average as _average
from gaoxin.core.rounding import percent as _percent
from gaoxin.core.workdays import WorkCalendar
from gaoxin.inspections.models import Appointment, Inspection, Recording

# The zone's claim: an inspection concluded within this many working days of its request.
CLAIM_DAYS = 5
DEPARTMENT = "case__department_id"


# --- Who reads which figures, and for what ---------------------------------------------------


def own_scope(user: Any) -> Department | None:
    """The department a user's inspection figures are limited to (None: the whole zone).
    Supervisors, leaders and whoever sees every department read the zone; a department head
    reads their department; nobody else reads them."""
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
    locked_department: bool = False  # a department head cannot choose another

    def params(self) -> dict[str, str]:
        values = {"period": self.period}
        if self.period == "custom":
            values |= {"start": self.start.isoformat(), "end": self.end.isoformat()}
        if self.department is not None and not self.locked_department:
            values["department"] = self.department.code
        return values


def parse_filters(user: Any, params: Any, today: dt.date) -> Filters:
    """The filters of a request, within what the user may see. Raises ``NotAllowed`` for a
    user without inspection figures and ``FilterError`` for values that make no sense."""
    scope = own_scope(user)
    errors: dict[str, list[str]] = {}
    period, start, end = read_period(params, errors, today)
    department = read_department(params, scope, errors)
    if errors:
        raise FilterError(errors)
    return Filters(
        start=start,
        end=end,
        period=period,
        department=department,
        locked_department=scope is not None,
    )


# --- The figures ------------------------------------------------------------------------------


COUNTS = (
    "requested",
    "booked",
    "held",
    "held_remote",
    "missed",
    "concluded",
    "passed",
    "rectify",
    "failed",
    "working_days",
    "within_claim",
    "sessions",
    "sessions_unrecorded",
)


@dataclass
class Figures:
    requested: int = 0
    booked: int = 0
    held: int = 0
    held_remote: int = 0
    missed: int = 0
    concluded: int = 0
    passed: int = 0
    rectify: int = 0
    failed: int = 0
    # Summed over the concluded: working days from request to conclusion; those within the claim.
    working_days: int = 0
    within_claim: int = 0
    # Remote held appointments with a recording, and the seconds recorded in them.
    sessions: int = 0
    session_seconds: float = 0.0
    sessions_unrecorded: int = 0

    def add(self, other: Figures) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.session_seconds += other.session_seconds

    @property
    def remote_share(self) -> Decimal | None:
        """Held by video ÷ held, per cent."""
        return _percent(self.held_remote, self.held)

    @property
    def average_working_days(self) -> Decimal | None:
        return _average(self.working_days, self.concluded)

    @property
    def within_claim_share(self) -> Decimal | None:
        return _percent(self.within_claim, self.concluded)

    @property
    def average_session_seconds(self) -> Decimal | None:
        return _average(self.session_seconds, self.sessions)

    @property
    def average_session_minutes(self) -> Decimal | None:
        return _average(self.session_seconds / 60, self.sessions)

    def as_dict(self) -> dict[str, Any]:
        return {
            **{name: getattr(self, name) for name in COUNTS},
            "remote_share": self.remote_share,
            "average_working_days": self.average_working_days,
            "within_claim_share": self.within_claim_share,
            "average_session_minutes": self.average_session_minutes,
        }


@dataclass
class Row:
    key: str  # the department's code
    label: str
    short: str = ""
    figures: Figures = field(default_factory=Figures)


@dataclass
class Report:
    filters: Filters
    rows: list[Row]
    total: Figures
    claim_days: int = CLAIM_DAYS


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def _within(name: str, filters: Filters, prefix: str = "") -> Q:
    """``name`` (a moment) on a local day of the period, in the scope."""
    q = Q(
        **{
            f"{name}__gte": _day_start(filters.start),
            f"{name}__lt": _day_start(filters.end + dt.timedelta(days=1)),
        }
    )
    if filters.department is not None:
        q &= Q(**{f"{prefix}{DEPARTMENT}": filters.department.pk})
    return q


def report(filters: Filters) -> Report:
    """The figures of the period and scope, by department (the departments with anything to
    count, in their order) and in total."""
    found: dict[int, Figures] = defaultdict(Figures)
    held_status, missed_status = Appointment.Status.HELD, Appointment.Status.MISSED
    department = f"inspection__{DEPARTMENT}"

    # 1. Requested.
    for dept, n in (
        Inspection.objects.filter(_within("requested_at", filters))
        .values_list(DEPARTMENT)
        .annotate(n=Count("pk"))
        .order_by()
    ):
        found[dept].requested = n

    # 2. Booked: first bookings of the period.
    earlier = Appointment.objects.filter(
        inspection_id=OuterRef("inspection_id"), booked_at__lt=OuterRef("booked_at")
    )
    for dept, n in (
        Appointment.objects.filter(_within("booked_at", filters, "inspection__"))
        .filter(~Exists(earlier))
        .values_list(department)
        .annotate(n=Count("inspection_id", distinct=True))
        .order_by()
    ):
        found[dept].booked = n

    # 3. Held (by video, or not) and missed, by the slot's day.
    for dept, held, remote, missed in (
        Appointment.objects.filter(_within("start", filters, "inspection__"))
        .filter(status__in=[held_status, missed_status])
        .values_list(department)
        .annotate(
            held=Count("pk", filter=Q(status=held_status)),
            remote=Count("pk", filter=Q(status=held_status, inspection__remote=True)),
            missed=Count("pk", filter=Q(status=missed_status)),
        )
        .order_by()
    ):
        figures = found[dept]
        figures.held, figures.held_remote, figures.missed = held, remote, missed

    # 4. Concluded: their conclusions, and the working days each took.
    calendar = WorkCalendar.load()
    for dept, requested, concluded, conclusion in (
        Inspection.objects.filter(
            _within("concluded_at", filters), status=Inspection.Status.CONCLUDED
        )
        .values_list(DEPARTMENT, "requested_at", "concluded_at", "conclusion")
        .iterator()
    ):
        figures = found[dept]
        days = calendar.working_days_between(
            timezone.localdate(requested), timezone.localdate(concluded)
        )
        figures.concluded += 1
        figures.working_days += days
        figures.within_claim += days <= CLAIM_DAYS
        figures.passed += conclusion == Inspection.Conclusion.PASS
        figures.rectify += conclusion == Inspection.Conclusion.RECTIFY
        figures.failed += conclusion == Inspection.Conclusion.FAIL

    # 5. Sessions: the recorded length of each remote held appointment of the period.
    for dept, _appointment, seconds in (
        Recording.objects.filter(
            _within("appointment__start", filters, "inspection__"),
            status=Recording.Status.FINISHED,
            appointment__status=held_status,
            inspection__remote=True,
        )
        .values_list(department, "appointment_id")
        .annotate(seconds=Sum("length_seconds"))
        .order_by()
        .iterator()
    ):
        figures = found[dept]
        figures.sessions += 1
        figures.session_seconds += seconds or 0.0
    for figures in found.values():
        figures.sessions_unrecorded = max(figures.held_remote - figures.sessions, 0)

    departments = Department.objects.filter(pk__in=list(found)).order_by("sort_order", "code")
    rows = [Row(d.code, d.name, d.short_name, found[d.pk]) for d in departments]
    total = Figures()
    for row in rows:
        total.add(row.figures)
    return Report(filters=filters, rows=rows, total=total)

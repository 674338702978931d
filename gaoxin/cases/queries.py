"""Reads shared by the desk pages and the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case as DbCase
from django.db.models import CharField, Count, F, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext

from gaoxin.cases.clock import Level
from gaoxin.cases.models import Case, CaseStep
from gaoxin.cases.workflow import CLOCK_RUNNING, OPEN_AT_WINDOW, Status
from gaoxin.catalog.steps import plan
from gaoxin.core.errors import NotAllowed
from gaoxin.core.identity import normalise_credit_code, normalise_resident_id
from gaoxin.core.models import Department
from gaoxin.core.permissions import can
from gaoxin.core.roles import Capability


def open_at_window(search: str = "") -> QuerySet[Case]:
    """Applications waiting at the window: received, or sent home for a correction. Found by
    receipt number, ID number, credit code, name or phone when the applicant returns."""
    cases = Case.objects.filter(status__in=OPEN_AT_WINDOW).select_related("item", "window")
    term = search.strip()
    if term:
        cases = cases.filter(
            Q(receipt_number__iexact=term)
            | Q(id_number=normalise_resident_id(term))
            | Q(credit_code=normalise_credit_code(term))
            | Q(applicant_name__contains=term)
            | Q(phone=term)
        )
    return cases.order_by("-received_at")


def running(department_id: int | None = None) -> QuerySet[Case]:
    """Accepted cases whose clock runs, soonest deadline first."""
    cases = Case.objects.filter(status__in=CLOCK_RUNNING).select_related("item", "department")
    if department_id is not None:
        cases = cases.filter(department_id=department_id)
    return cases.order_by("deadline", "accepted_at")


def with_level(cases: QuerySet[Case], today: dt.date) -> Any:  # QuerySet with a "level" column
    """The supervision colour as a column, so lists filter and count by it in the database."""
    return cases.annotate(
        level=DbCase(
            When(deadline__lt=today, then=Value(Level.RED)),
            When(warning_date__lte=today, then=Value(Level.YELLOW)),
            default=Value(Level.GREEN),
            output_field=CharField(),
        )
    )


def warnings(today: dt.date, *, department: str = "", level: str = "") -> Any:
    cases = with_level(running(), today).filter(level__in=[Level.YELLOW, Level.RED])
    if department:
        cases = cases.filter(department__code=department)
    if level in (Level.YELLOW, Level.RED):
        cases = cases.filter(level=level)
    return cases


def level_counts(cases: QuerySet[Case], today: dt.date) -> dict[str, int]:
    # order_by() first: an ordering would otherwise join the GROUP BY and split the counts.
    counted = with_level(cases.order_by(), today).values("level").annotate(n=Count("id"))
    figures = {Level.GREEN: 0, Level.YELLOW: 0, Level.RED: 0}
    figures.update({row["level"]: row["n"] for row in counted})
    return figures


def warnings_by_department(today: dt.date) -> list[dict[str, Any]]:
    rows = (
        with_level(running(), today)
        .values("department__code", "department__name", "department__sort_order")
        .annotate(
            yellow=Count("id", filter=Q(level=Level.YELLOW)),
            red=Count("id", filter=Q(level=Level.RED)),
            total=Count("id"),
        )
        .order_by("department__sort_order")
    )
    return list(rows)


def awaiting_delivery(search: str = "") -> QuerySet[Case]:
    """Results waiting at the delivery windows (待出件), longest waiting first. Found, when the
    applicant or their agent comes, by case or receipt number, the applicant's or agent's ID
    number, credit code, name or phone."""
    cases = Case.objects.filter(status=Status.AWAITING_DELIVERY).select_related(
        "item", "department"
    )
    term = search.strip()
    if term:
        id_number = normalise_resident_id(term)
        cases = cases.filter(
            Q(number__iexact=term)
            | Q(receipt_number__iexact=term)
            | Q(id_number=id_number)
            | Q(agent_id_number=id_number)
            | Q(credit_code=normalise_credit_code(term))
            | Q(applicant_name__contains=term)
            | Q(agent_name=term)
            | Q(phone=term)
            | Q(agent_phone=term)
        )
    return cases.order_by("ready_at", "pk")


# --- The back office's queue (后台分类审批) ------------------------------------------------
# An open step (CaseStep with finished_at null) is the unit of back-office work: it sits in one
# department, at most one colleague holds it, and it has its own due date besides the case's.

QUEUE_HOLDERS = ("mine", "unclaimed", "all")
# The colour filter: the case's colour (as ``with_level``), or the step's own with "step_".
QUEUE_LEVELS = (
    Level.GREEN,
    Level.YELLOW,
    Level.RED,
    f"step_{Level.GREEN}",
    f"step_{Level.YELLOW}",
    f"step_{Level.RED}",
)


def level_expression(deadline: str, warning_date: str, today: dt.date) -> DbCase:
    """The supervision colour of any pair of (deadline, warning date) columns, for today."""
    return DbCase(
        When(**{f"{deadline}__lt": today}, then=Value(Level.RED)),
        When(**{f"{warning_date}__lte": today}, then=Value(Level.YELLOW)),
        default=Value(Level.GREEN),
        output_field=CharField(),
    )


def with_step_level(steps: QuerySet[CaseStep], today: dt.date) -> Any:
    """Two colours as columns of a step list: ``case_level`` (the case's clock, as
    ``with_level``) and ``step_level`` (the step's own limit: its due date and warning date)."""
    return steps.annotate(
        case_level=level_expression("case__deadline", "case__warning_date", today),
        step_level=level_expression("due", "warning_date", today),
    )


def queue_scope(user: Any, department: Department | int | None = None) -> QuerySet[CaseStep]:
    """The open steps a person may see in the queue: those of their own department, or, for
    roles that see every department, of the department chosen (every department when none
    is). Asking for a department one may not see is refused."""
    steps = CaseStep.objects.filter(finished_at__isnull=True)
    sees_all = can(user, Capability.VIEW_ALL_DEPARTMENTS)
    own = user.department_id if can(user, Capability.VIEW_OWN_DEPARTMENT) else None
    if department is not None:
        chosen = department.pk if isinstance(department, Department) else int(department)
        if not sees_all and chosen != own:
            raise NotAllowed(gettext("This page belongs to another department."))
        return steps.filter(department_id=chosen)
    if own is not None:
        return steps.filter(department_id=own)
    if sees_all:
        return steps
    return steps.none()


def queue(
    user: Any,
    *,
    item: Any = None,
    kind: str = "",
    status: str = "",
    level: str = "",
    holder: str = "",
    department: Department | int | None = None,
    today: dt.date | None = None,
) -> Any:  # QuerySet[CaseStep] with "case_level" and "step_level" columns
    """The back-office queue: open steps, soonest case deadline first, then the step's own due
    date. ``item`` is an item code (or an item: every version of it counts); ``kind`` a step
    kind; ``status`` the case's status; ``level`` a colour of the case ("yellow") or of the
    step ("step_yellow"); ``holder`` "mine", "unclaimed" or "all"."""
    today = today or timezone.localdate()
    steps = with_step_level(queue_scope(user, department), today).select_related(
        "case", "case__item", "department", "claimed_by"
    )
    if item:
        steps = steps.filter(case__item__code=getattr(item, "code", item))
    if kind:
        steps = steps.filter(kind=kind)
    if status:
        steps = steps.filter(case__status=status)
    if level.startswith("step_"):
        steps = steps.filter(step_level=level.removeprefix("step_"))
    elif level:
        steps = steps.filter(case_level=level)
    if holder == "mine":
        steps = steps.filter(claimed_by=user)
    elif holder == "unclaimed":
        steps = steps.filter(claimed_by__isnull=True)
    return steps.order_by("case__deadline", "due", "started_at", "pk")


def queue_items(user: Any, department: Department | int | None = None) -> list[tuple[str, str]]:
    """(code, name) of the items with open steps in the queue's scope, for its item filter."""
    rows = (
        queue_scope(user, department)
        .order_by("case__item__code", "case__item__version")
        .values_list("case__item__code", "case__item__name")
    )
    return list(dict(rows).items())


def desk_counts(user: Any, today: dt.date | None = None) -> dict[str, int]:
    """The start page's "my desk": steps one holds, steps nobody holds in one's department,
    and how many of one's own are yellow or red, by the step's limit and by the case's."""
    today = today or timezone.localdate()
    mine = Q(claimed_by=user)
    scope = Q(claimed_by=user) | Q(claimed_by__isnull=True, department_id=user.department_id)
    steps = with_step_level(CaseStep.objects.filter(finished_at__isnull=True), today)
    return steps.filter(scope).aggregate(
        mine=Count("id", filter=mine),
        unclaimed=Count("id", filter=Q(claimed_by__isnull=True)),
        step_yellow=Count("id", filter=mine & Q(step_level=Level.YELLOW)),
        step_red=Count("id", filter=mine & Q(step_level=Level.RED)),
        case_yellow=Count("id", filter=mine & Q(case_level=Level.YELLOW)),
        case_red=Count("id", filter=mine & Q(case_level=Level.RED)),
    )


@dataclass(frozen=True)
class RouteStop:
    """One planned step of a case's route with every pass the case made through it."""

    position: int
    kind: str
    label: str
    days: int
    state: str  # "done", "current", "next" or "skipped" (the case ended before it)
    passes: list[CaseStep]


def route_progress(case: Case) -> list[RouteStop]:
    """The case's route (from the item version it was received under) and where it stands."""
    planned = plan(case.item)
    passes = list(
        case.steps.select_related("claimed_by", "finished_by", "department").order_by(
            "started_at", "id"
        )
    )
    current = next((p for p in passes if p.finished_at is None), None)
    stops = []
    for position, step in enumerate(planned):
        here = [p for p in passes if p.position == position]
        if current is not None and current.position == position:
            state = "current"
        elif current is not None and position > current.position:
            state = "next"
        elif here:
            state = "done"
        else:
            state = "next" if current is not None else "skipped"
        stops.append(RouteStop(position, step.kind, step.label, step.days, state, here))
    return stops


def finished_late(*, department: str = "") -> QuerySet[Case]:
    """The history of overdue cases (超期办件): results made ready after the deadline, and
    cases still waiting whose deadline has passed are in ``warnings``. Latest first."""
    cases = (
        Case.objects.filter(ready_at__isnull=False, deadline__isnull=False)
        .filter(ready_at__date__gt=F("deadline"))
        .select_related("item", "department")
    )
    if department:
        cases = cases.filter(department__code=department)
    return cases.order_by("-ready_at")

"""Reads shared by the desk pages and the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Case as DbCase
from django.db.models import CharField, Count, Q, QuerySet, Value, When

from gaoxin.cases.clock import Level
from gaoxin.cases.models import Case
from gaoxin.cases.workflow import CLOCK_RUNNING, OPEN_AT_WINDOW
from gaoxin.core.identity import normalise_credit_code, normalise_resident_id


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

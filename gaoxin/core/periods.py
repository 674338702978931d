"""The period and department a figures page is asked for (statistics, 好差评): this month,
this quarter, this year or custom dates, read from a request's parameters with a message for
each value that makes no sense. One reading for every figures page and its API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core.models import Department

PERIODS = {
    "month": gettext_lazy("This month"),
    "quarter": gettext_lazy("This quarter"),
    "year": gettext_lazy("This year"),
    "custom": gettext_lazy("Custom"),
}
DEFAULT_PERIOD = "year"
LONGEST_PERIOD = dt.timedelta(days=366 * 5)

Errors = dict[str, list[str]]


class FilterError(Exception):
    def __init__(self, errors: Errors) -> None:
        super().__init__("; ".join(m for ms in errors.values() for m in ms))
        self.errors = errors


def period_range(period: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """This month, quarter or year: from its first day to today."""
    if period == "month":
        return today.replace(day=1), today
    if period == "quarter":
        return today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1), today
    return today.replace(month=1, day=1), today


def read_period(params: Any, errors: Errors, today: dt.date) -> tuple[str, dt.date, dt.date]:
    """The period asked for, as (period, first day, last day); the default year where the
    dates cannot be read (with the reason in ``errors``)."""
    period = params.get("period") or DEFAULT_PERIOD
    if period not in PERIODS:
        errors["period"] = [_("Choose this month, this quarter, this year or custom dates.")]
        period = DEFAULT_PERIOD
    if period != "custom":
        return (period, *period_range(period, today))
    start, end = _date(params, "start", errors), _date(params, "end", errors)
    if start and end and start > end:
        errors["end"] = [_("The last day comes before the first.")]
    elif start and end and end - start > LONGEST_PERIOD:
        errors["end"] = [_("A period is at most five years.")]
    if not (start and end):
        return (period, *period_range(DEFAULT_PERIOD, today))
    return period, start, end


def read_department(params: Any, scope: Department | None, errors: Errors) -> Department | None:
    """The department asked for, within ``scope`` (a department head's own: never another)."""
    code = (params.get("department") or "").strip()
    if scope is not None or not code:
        return scope
    department = Department.objects.filter(code=code).first()
    if department is None:
        errors["department"] = [_("No such department.")]
    return department


def _date(params: Any, name: str, errors: Errors) -> dt.date | None:
    value = (params.get(name) or "").strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        errors[name] = [_("Enter a date such as 2026-01-31.")]
        return None

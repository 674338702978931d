"""对账 across zones (/stats/cross-zone/): the cross-zone applications between this zone and
each partner in a period, counted once, our records checked against each partner's. Our side
shows at once; the partners are asked only when the page is asked to ("fetch=1"), one after
the other. For supervisors, leaders and administrators (who see the whole zone's figures)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone

from gaoxin.core.http import StaffRequest
from gaoxin.core.periods import DEFAULT_PERIOD, PERIODS, Errors, period_range, read_period
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.exchange import reconcile as reconciliation


def _period(params: QueryDict, today: dt.date) -> tuple[str, dt.date, dt.date, Errors]:
    """The period asked for; this year, with the reasons, where it cannot be used."""
    errors: Errors = {}
    period, start, end = read_period(params, errors, today)
    if not errors:
        problem = reconciliation.period_error(start, end)
        if problem:
            errors["end"] = [problem]
    if errors:
        return (DEFAULT_PERIOD, *period_range(DEFAULT_PERIOD, today), errors)
    return period, start, end, errors


@login_required
def cross_zone(request: StaffRequest) -> HttpResponse:
    require(request.user, Capability.VIEW_ALL_DEPARTMENTS)
    period, start, end, errors = _period(request.GET, timezone.localdate())
    fetch = request.GET.get("fetch") == "1" and not errors
    result = reconciliation.reconcile(start, end, fetch_partners=fetch)
    query = QueryDict(mutable=True)
    query["period"] = period
    if period == "custom":
        query.update({"start": start.isoformat(), "end": end.isoformat()})
    return render(
        request,
        "exchange/reconcile.html",
        {
            "result": result,
            "period": period,
            "periods": PERIODS,
            "errors": errors,
            "typed": request.GET,
            "query": query.urlencode(),
            "listed": reconciliation.LISTED,
            "max_days": reconciliation.MAX_DAYS,
            "max_refs": reconciliation.MAX_REFS,
        },
    )

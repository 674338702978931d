"""Background work of the statistics, run by the database-backed worker (django-tasks)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from gaoxin.stats import counters


@task()
def rebuild_task(since: str) -> int:
    """Recount the summary tables from ``since`` (an ISO date): minutes at a million cases a
    year, so never in the request that caused it."""
    return counters.rebuild(dt.date.fromisoformat(since))

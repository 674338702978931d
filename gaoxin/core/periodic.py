"""Jobs the background worker runs every day (or every hour), once per period in the zone.

An app registers its jobs in its AppConfig.ready() with :func:`register`, so core runs them
without knowing the apps above it. Each worker's scheduler thread calls :func:`run_due` every
minute; for each job it tries to insert the ``PeriodicRun`` row of the current period, and the
unique constraint lets exactly one worker win, however many share the database. A run that
failed, or whose worker died, is taken over again later by a conditional update that, too,
only one worker wins. Jobs should still be idempotent: ``manage.py run_periodic --force`` runs
one again by hand.

A job is a function of the day it runs for (the zone's local date) and returns a short
summary (a count, a sentence) kept in the run's row.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from gaoxin.core.models import PeriodicRun

logger = logging.getLogger("gaoxin.periodic")

DAILY, HOURLY = "daily", "hourly"
# How often each worker's scheduler looks for a job whose period has come.
CHECK_SECONDS = 60
# A failed run is tried again after this long; a run whose worker died (no finish recorded)
# after STALE, which must be longer than any job takes.
RETRY_AFTER = dt.timedelta(minutes=15)
STALE_AFTER = dt.timedelta(hours=2)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    run: Callable[[dt.date], Any]
    every: str = DAILY

    def period(self, now: dt.datetime, day: dt.date | None = None) -> str:
        local = timezone.localtime(now)
        day = day or local.date()
        if self.every == HOURLY:
            return f"{day.isoformat()}T{local.hour:02d}"
        return day.isoformat()


JOBS: dict[str, PeriodicJob] = {}


def register(*jobs: PeriodicJob) -> None:
    for job in jobs:
        if job.every not in (DAILY, HOURLY):
            raise ValueError(f"{job.name}: unknown period {job.every!r}")
        JOBS[job.name] = job


@dataclass(frozen=True)
class Outcome:
    job: str
    period: str
    ran: bool
    failed: bool = False
    summary: str = ""


def claim(job: PeriodicJob, period: str, worker: str, now: dt.datetime) -> PeriodicRun | None:
    """Win the run of ``job`` for ``period``, or None when another worker has it (or had it)."""
    try:
        with transaction.atomic():
            return PeriodicRun.objects.create(
                name=job.name, period=period, worker=worker, started_at=now
            )
    except IntegrityError:
        pass
    # The row exists: take it over only if its run failed a while ago or its worker died.
    # The update is one statement, so of two workers trying, one changes the row.
    retake = Q(failed=True, finished_at__lt=now - RETRY_AFTER) | Q(
        finished_at__isnull=True, started_at__lt=now - STALE_AFTER
    )
    taken = PeriodicRun.objects.filter(retake, name=job.name, period=period).update(
        worker=worker,
        started_at=now,
        finished_at=None,
        failed=False,
        outcome="",
        attempts=F("attempts") + 1,
    )
    if not taken:
        return None
    return PeriodicRun.objects.get(name=job.name, period=period)


def execute(job: PeriodicJob, day: dt.date, run: PeriodicRun | None) -> Outcome:
    """Run the job for ``day`` and record how it went in ``run`` (if any)."""
    period = run.period if run else day.isoformat()
    try:
        result = job.run(day)
    except Exception:
        logger.exception("periodic job %s failed for %s", job.name, period)
        summary, failed = traceback.format_exc()[-4000:], True
    else:
        summary, failed = ("" if result is None else str(result))[:4000], False
        logger.info("periodic job %s for %s: %s", job.name, period, summary)
    if run is not None:
        run.finished_at = timezone.now()
        run.failed = failed
        run.outcome = summary
        run.save(update_fields=["finished_at", "failed", "outcome"])
    return Outcome(job.name, period, ran=True, failed=failed, summary=summary)


def run_job(
    job: PeriodicJob,
    *,
    worker: str = "",
    now: dt.datetime | None = None,
    day: dt.date | None = None,
    force: bool = False,
) -> Outcome:
    """Run one job for its current period (or for ``day``) unless that period has run.
    ``force`` runs it regardless and records the run again."""
    now = now or timezone.now()
    day = day or timezone.localdate(now)
    period = job.period(now, day)
    run: PeriodicRun | None
    if force:
        run, _ = PeriodicRun.objects.update_or_create(
            name=job.name,
            period=period,
            defaults={"worker": worker, "started_at": now, "finished_at": None, "failed": False},
        )
    else:
        run = claim(job, period, worker, now)
        if run is None:
            return Outcome(job.name, period, ran=False)
    return execute(job, day, run)


def run_due(*, worker: str = "", now: dt.datetime | None = None) -> list[Outcome]:
    """Run every registered job whose current period has not run yet (what each worker's
    scheduler thread does every minute)."""
    outcomes = []
    for job in sorted(JOBS.values(), key=lambda j: j.name):
        try:
            outcomes.append(run_job(job, worker=worker, now=now))
        except Exception:
            logger.exception("periodic job %s could not be started", job.name)
    return outcomes

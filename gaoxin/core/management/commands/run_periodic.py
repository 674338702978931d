"""Run the periodic jobs by hand: those not yet run for their period, or one named job.

manage.py run_periodic                       # what a worker would run now
manage.py run_periodic --job cases.warnings  # one job
manage.py run_periodic --date 2026-11-23     # as on that day
manage.py run_periodic --list                # the registered jobs and their last runs
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gaoxin.core import periodic
from gaoxin.core.models import PeriodicRun


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--date must be YYYY-MM-DD, not {value!r}") from error


class Command(BaseCommand):
    help = "Run the periodic jobs (each once per period unless --force)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--job", action="append", help="Run only this job (repeatable).")
        parser.add_argument("--date", type=_day, help="Run as on this day (YYYY-MM-DD).")
        parser.add_argument(
            "--force", action="store_true", help="Run even if the period has run already."
        )
        parser.add_argument("--list", action="store_true", help="List the jobs and stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for name, job in sorted(periodic.JOBS.items()):
                last = PeriodicRun.objects.filter(name=name).order_by("-started_at").first()
                state = "never run"
                if last is not None:
                    state = f"last {last.period}: " + (
                        "failed" if last.failed else (last.outcome or "ok")
                    )
                self.stdout.write(f"{name} ({job.every}) — {state}")
            return
        names = options["job"] or sorted(periodic.JOBS)
        unknown = [name for name in names if name not in periodic.JOBS]
        if unknown:
            raise CommandError(
                f"No such job: {', '.join(unknown)}. Jobs: {', '.join(sorted(periodic.JOBS))}"
            )
        failed = False
        for name in names:
            outcome = periodic.run_job(
                periodic.JOBS[name],
                worker="run_periodic",
                day=options["date"],
                force=options["force"],
            )
            if not outcome.ran:
                self.stdout.write(f"{name} {outcome.period}: already run (use --force)")
            elif outcome.failed:
                failed = True
                self.stderr.write(f"{name} {outcome.period}: failed\n{outcome.summary}")
            else:
                self.stdout.write(f"{name} {outcome.period}: {outcome.summary or 'done'}")
        if failed:
            raise CommandError("A job failed.")

"""Recompute the statistics' summary tables from the cases: a repair after a bulk load or a
correction of past calendar days."""

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gaoxin.stats import counters


class Command(BaseCommand):
    help = "Recompute the statistics' summary tables from the cases and their history."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--since", help="Only the days from this date on (YYYY-MM-DD); all days by default."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        since = None
        if options["since"]:
            try:
                since = dt.date.fromisoformat(options["since"])
            except ValueError as error:
                raise CommandError("--since takes a date such as 2026-01-01.") from error
        began = time.monotonic()
        rows = counters.rebuild(since)
        self.stdout.write(
            self.style.SUCCESS(
                f"Statistics rebuilt: {rows} daily rows in {time.monotonic() - began:.1f} s."
            )
        )

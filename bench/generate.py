#!/usr/bin/env python
"""The synthetic data generator: N cases over a year at the demo zone, then the statistics.

What it writes:
- the demo zone's organisation, calendar, accounts and catalog (``manage.py seed_demo``
  without its dozen demo cases and its past year): 16 departments, 26 windows, 364 current items;
- ``--cases`` cases received on the working days of the 365 days up to today, in one long
  pass of bulk inserts (PostgreSQL ``COPY``; ``executemany`` on SQLite), in chunks, with the
  history rows the statistics and the case page read (receive, one-time notice, accept or
  refuse, special procedure, decision, result, delivery or termination). No submissions,
  steps or notices: nothing here reads them;
- then ``gaoxin.stats.counters.rebuild()``, which fills the summary tables from the cases.

How the cases are made: see ``gaoxin.stats.synthetic`` (the demo zone's past year uses it too).

    DATABASE_URL=postgres://…/somedb .venv/bin/python bench/generate.py --cases 100000

The database must be migrated and hold no cases (the script refuses otherwise).
``bench/stats.py`` creates its own database and calls ``generate()``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHUNK = 20_000


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def seed_zone() -> int:
    """The demo zone without its demo cases; returns the clerk's id."""
    from django.core.management import call_command

    from gaoxin.cases.demo import seed_cases
    from gaoxin.core.demo.organisation import SEEDERS
    from gaoxin.core.models import User
    from gaoxin.stats.demo import seed_history

    kept = list(SEEDERS)
    SEEDERS[:] = [s for s in SEEDERS if s not in (seed_cases, seed_history)]
    try:
        call_command("seed_demo", quiet_logins=True, verbosity=0)
    finally:
        SEEDERS[:] = kept
    return User.objects.get(username="clerk").pk


def generate(
    n: int,
    *,
    seed: int = 20261123,
    today: dt.date | None = None,
    progress: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Write ``n`` cases over the year up to ``today`` and rebuild the statistics. Returns
    what it did and how long each part took."""
    from django.db import connection, transaction
    from django.db.models import Max
    from django.utils import timezone

    from gaoxin.cases.models import Case, CaseEvent
    from gaoxin.stats import counters
    from gaoxin.stats.synthetic import CASE_COLUMNS, EVENT_COLUMNS, Generator, case_tuple, insert

    if Case.objects.exists():
        raise SystemExit("The database already holds cases; use an empty one.")
    began = time.monotonic()
    clerk = seed_zone()
    today = today or timezone.localdate()
    generator = Generator(seed=seed, first=today - dt.timedelta(days=364), today=today, clerk=clerk)
    first_id = (Case.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    written_events = 0
    now = dt.datetime.now(dt.UTC)
    for offset in range(0, n, CHUNK):
        lives = [generator.life(first_id + i) for i in range(offset, min(n, offset + CHUNK))]
        with transaction.atomic():
            insert(Case._meta.db_table, CASE_COLUMNS, [case_tuple(x.row, now) for x in lives])
            events = [e for x in lives for e in x.events]
            insert(CaseEvent._meta.db_table, EVENT_COLUMNS, events)
        written_events += len(events)
        progress(f"  {offset + len(lives):>9,} cases, {written_events:>10,} events")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (Case, CaseEvent):
                table = model._meta.db_table
                top = f"SELECT MAX(id) FROM {connection.ops.quote_name(table)}"  # noqa: S608
                cursor.execute(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), ({top}))", [table])
            cursor.execute("ANALYZE")
    inserted = time.monotonic()
    rows = counters.rebuild()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    done = time.monotonic()
    return {
        "cases": n,
        "events": written_events,
        "summary_rows": rows,
        "insert_seconds": inserted - began,
        "rebuild_seconds": done - inserted,
        "first_day": generator.receiving_days[0],
        "today": today,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20261123)
    args = parser.parse_args()
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    result = generate(args.cases, seed=args.seed)
    print(
        f"{result['cases']:,} cases and {result['events']:,} events in "
        f"{result['insert_seconds']:.1f} s; statistics rebuilt ({result['summary_rows']:,} "
        f"daily rows) in {result['rebuild_seconds']:.1f} s."
    )


if __name__ == "__main__":
    main()

#!/usr/bin/env python
"""The statistics dashboard at scale: a year of the zone with ``--cases`` cases (1,000,000 by
default) on PostgreSQL.

What it does, in one run:
1. creates its own database (``gaoxin_bench_stats`` on the server of ``DATABASE_URL``),
   migrates it and fills it with ``bench/generate.py`` (bulk inserts, then the statistics'
   ``rebuild()``), timing both;
2. measures, ``--runs`` times each after a warm-up, the zone's dashboard for the year:
   - ``gaoxin.stats.queries.dashboard()`` (what the page and the API call),
   - the page itself (``GET /stats/``) through Django's test client, signed in as the
     supervisor, template and all,
   - the baseline: the same figures (flows by department and month from the cases and their
     history, the working days from the calendar; the state and catalog queries as the
     dashboard runs them) by plain SQL aggregates over the cases, with no summary table;
3. checks that the baseline and the dashboard agree, figure by figure;
4. prints median and p95 of each, the ratio of the baseline to the dashboard, and drops the
   database (``--keep`` keeps it).

Never a verdict on speed: it exits non-zero only when it could not measure or the figures
disagree (see README.md).

    .venv/bin/python bench/stats.py                    # 1,000,000 cases
    .venv/bin/python bench/stats.py --cases 100000 --runs 30
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test"
BENCH_DATABASE = "gaoxin_bench_stats"
TARGET_MS = 300  # the p95 for the zone's dashboard of a year; reported, never asserted


def admin_url(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(scheme="postgresql", path="/postgres"))


def bench_url(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{BENCH_DATABASE}"))


def create_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_url(url), autocommit=True) as conn:
        name = sql.Identifier(BENCH_DATABASE)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def drop_database(url: str) -> None:
    import psycopg
    from django.db import connections
    from psycopg import sql

    connections.close_all()
    with psycopg.connect(admin_url(url), autocommit=True) as conn:
        name = sql.Identifier(BENCH_DATABASE)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


# --- Timing ----------------------------------------------------------------------------------


def measure(run: Callable[[], Any], runs: int, warm_up: int = 3) -> list[float]:
    for _ in range(warm_up):
        run()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        run()
        times.append((time.perf_counter() - began) * 1000)
    return times


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


# --- The baseline: the same figures by plain SQL over the cases -------------------------------

FLOWS_SQL = """
WITH wd AS (
    SELECT d::date AS day,
           SUM(CASE WHEN COALESCE(cd.is_working_day, EXTRACT(ISODOW FROM d) < 6)
                    THEN 1 ELSE 0 END) OVER (ORDER BY d) AS n
    FROM generate_series(%(wd_from)s::date, %(wd_to)s::date, INTERVAL '1 day') AS d
    LEFT JOIN core_calendarday cd ON cd.date = d::date
),
c AS (
    SELECT c.department_id, i.handling, i.promised_days, c.status, c.decision, c.deadline,
           c.suspended_days,
           (c.received_at AT TIME ZONE 'Asia/Shanghai')::date AS received,
           (c.accepted_at AT TIME ZONE 'Asia/Shanghai')::date AS accepted,
           (c.ready_at AT TIME ZONE 'Asia/Shanghai')::date AS ready,
           (c.completed_at AT TIME ZONE 'Asia/Shanghai')::date AS done
    FROM cases_case c JOIN catalog_serviceitem i ON i.id = c.item_id
),
flows AS (
    SELECT department_id, received AS day, 1 AS received, 0 AS corrections, 0 AS accepted,
           0 AS accepted_immediate, 0 AS refused, 0 AS completed, 0 AS completed_denied,
           0 AS completed_on_time, 0 AS used_days, 0 AS promised_days, 0 AS terminated,
           0 AS withdrawn
    FROM c WHERE received BETWEEN %(start)s AND %(end)s
    UNION ALL
    SELECT department_id, accepted, 0, 0, 1, (handling = 'immediate')::int, 0, 0, 0, 0, 0, 0,
           0, 0
    FROM c WHERE accepted BETWEEN %(start)s AND %(end)s
    UNION ALL
    SELECT c.department_id, c.done, 0, 0, 0, 0, 0, 1, (c.decision = 'denied')::int,
           (c.ready <= c.deadline)::int, wr.n - wa.n - c.suspended_days, c.promised_days, 0, 0
    FROM c JOIN wd wa ON wa.day = c.accepted JOIN wd wr ON wr.day = c.ready
    WHERE c.status = 'completed' AND c.done BETWEEN %(start)s AND %(end)s
    UNION ALL
    SELECT department_id, done, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0
    FROM c WHERE status = 'terminated' AND done BETWEEN %(start)s AND %(end)s
    UNION ALL
    SELECT k.department_id, (e.at AT TIME ZONE 'Asia/Shanghai')::date, 0,
           (e.to_status = 'correction')::int, 0, 0, (e.to_status = 'refused')::int,
           0, 0, 0, 0, 0, 0, (e.to_status = 'withdrawn')::int
    FROM cases_caseevent e JOIN cases_case k ON k.id = e.case_id
    WHERE e.to_status IN ('correction', 'refused', 'withdrawn')
      AND (e.to_status = 'correction' OR e.from_status <> e.to_status)
      AND (e.at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN %(start)s AND %(end)s
)
SELECT department_id, date_trunc('month', day)::date AS month,
       SUM(received), SUM(corrections), SUM(accepted), SUM(accepted_immediate), SUM(refused),
       SUM(completed), SUM(completed_denied), SUM(completed_on_time), SUM(used_days),
       SUM(promised_days), SUM(terminated), SUM(withdrawn)
FROM flows GROUP BY 1, 2
"""


def baseline(filters: Any, today: dt.date) -> Any:
    """The figures by plain SQL over the cases: flows by department and month, and the
    state and catalog as the dashboard reads them."""
    from collections import defaultdict

    from django.db import connection

    from gaoxin.stats import queries
    from gaoxin.stats.models import COUNTERS

    params = {
        "start": filters.start,
        "end": filters.end,
        "wd_from": filters.start - dt.timedelta(days=400),
        "wd_to": filters.end + dt.timedelta(days=1),
    }
    total = queries.Figures()
    by_department: dict[int, queries.Figures] = defaultdict(queries.Figures)
    by_month: dict[dt.date, queries.Figures] = defaultdict(queries.Figures)
    with connection.cursor() as cursor:
        cursor.execute(FLOWS_SQL, params)
        for department, month, *values in cursor.fetchall():
            row = dict(zip(COUNTERS, (int(v or 0) for v in values), strict=True))
            total.add(row)
            by_department[department].add(row)
            by_month[month].add(row)
    for row in queries.state_by_department(filters, today):
        total.add(row)
        by_department[row["department_id"]].add(row)
    list(queries.catalog_by_department(filters))
    return total, dict(by_department), dict(by_month)


# --- The run ---------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--baseline-runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="Keep the bench database.")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    if not urlsplit(url).scheme.startswith("postgres"):
        print("bench/stats.py measures PostgreSQL: set DATABASE_URL=postgres://…", file=sys.stderr)
        return 2
    create_database(url)
    os.environ["DATABASE_URL"] = bench_url(url)
    os.environ["DEBUG"] = "false"  # no query log in memory, as in production
    os.environ["DB_POOL"] = "false"
    import generate

    generate.setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from gaoxin.core.models import User
    from gaoxin.stats import queries

    try:
        call_command("migrate", interactive=False, verbosity=0)
        print(f"Generating {args.cases:,} cases …")
        made = generate.generate(args.cases, progress=lambda line: None)
        print(
            f"  {made['cases']:,} cases, {made['events']:,} events inserted in "
            f"{made['insert_seconds']:.0f} s; rebuild() wrote {made['summary_rows']:,} daily "
            f"rows in {made['rebuild_seconds']:.0f} s"
        )
        today = timezone.localdate()
        filters = queries.Filters(start=made["first_day"], end=today, period="custom")
        params = {
            "period": "custom",
            "start": filters.start.isoformat(),
            "end": filters.end.isoformat(),
        }

        board = queries.dashboard(filters, today)
        base_total, base_departments, base_months = baseline(filters, today)
        agree = board.figures == base_total and all(
            row.figures == base_departments.get(row.department.pk, queries.Figures())
            for row in board.departments
        )
        months = {b.start: b.figures for b in board.series if b.figures != queries.Figures()}
        agree = agree and months == base_months
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM stats_departmentdailycount")
            (department_rows,) = cursor.fetchone()
        print(
            f"The year {filters.start} – {filters.end}: {board.figures.received:,} received, "
            f"{board.figures.completed:,} completed, {board.figures.in_progress:,} in progress; "
            f"summary rows: {made['summary_rows']:,} detailed, {department_rows:,} by department"
        )
        print(f"Baseline and dashboard agree figure by figure: {'yes' if agree else 'NO'}")

        client = Client()
        client.force_login(User.objects.get(username="supervisor"))

        def page() -> None:
            response = client.get("/stats/", params)
            assert response.status_code == 200

        from dataclasses import replace

        from django.db.models import Count

        from gaoxin.cases.models import Case
        from gaoxin.core.models import Department, Window

        busiest = Case.objects.values("item__code").annotate(n=Count("id")).order_by("-n")[0]
        scoped = {
            "  … one department (xzsp)": replace(
                filters, department=Department.objects.get(code="xzsp")
            ),
            "  … the busiest item": replace(filters, item_code=busiest["item__code"]),
            "  … intake window 01": replace(filters, window=Window.objects.get(number=1)),
        }
        results = {
            "dashboard()": measure(lambda: queries.dashboard(filters, today), args.runs),
            **{
                name: measure(partial(queries.dashboard, f, today), args.runs)
                for name, f in scoped.items()
            },
            "GET /stats/ (test client)": measure(page, args.runs),
            "baseline: plain SQL over cases": measure(
                lambda: baseline(filters, today), args.baseline_runs, warm_up=1
            ),
        }
        print(
            f"\nPostgreSQL {getattr(connection, 'pg_version', 0) // 10000}, {os.cpu_count()} CPUs, "
            f"{args.cases:,} cases; the zone's year, {args.runs} runs "
            f"({args.baseline_runs} for the baseline), milliseconds:"
        )
        print(f"  {'':34} {'median':>9} {'p95':>9}")
        for name, times in results.items():
            print(f"  {name:34} {statistics.median(times):9.1f} {p95(times):9.1f}")
        base = statistics.median(results["baseline: plain SQL over cases"])
        for name in ("dashboard()", "GET /stats/ (test client)"):
            ratio = base / statistics.median(results[name])
            print(f"  baseline ÷ {name}: {ratio:,.0f}×")
        page_p95 = p95(results["GET /stats/ (test client)"])
        print(f"  target: the page under {TARGET_MS} ms at p95 — measured {page_p95:.0f} ms")
        return 0 if agree else 1
    finally:
        if not args.keep:
            drop_database(url)


if __name__ == "__main__":
    sys.exit(main())

"""Periodic jobs: each runs once per period however many workers share the database; a
failed run is tried again later; ``run_periodic`` runs them by hand."""

import datetime as dt
import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from gaoxin.core import periodic
from gaoxin.core.models import PeriodicRun

NOW = dt.datetime(2026, 11, 23, 1, 30, tzinfo=dt.UTC)  # 09:30 in Shanghai


@pytest.fixture
def calls(monkeypatch):
    """A registry holding only a counting job (the apps' own jobs are tested with the apps)."""
    seen: list[dt.date] = []

    def count(day):
        seen.append(day)
        return f"{len(seen)} call(s)"

    monkeypatch.setattr(periodic, "JOBS", {})
    periodic.register(periodic.PeriodicJob("test.count", count))
    return seen


@pytest.mark.django_db
def test_a_daily_job_runs_once_a_day(calls):
    first = periodic.run_due(worker="w1", now=NOW)
    again = periodic.run_due(worker="w2", now=NOW + dt.timedelta(hours=3))
    tomorrow = periodic.run_due(worker="w2", now=NOW + dt.timedelta(days=1))
    assert [o.ran for o in first + again + tomorrow] == [True, False, True]
    assert calls == [dt.date(2026, 11, 23), dt.date(2026, 11, 24)]
    run = PeriodicRun.objects.get(name="test.count", period="2026-11-23")
    assert (run.worker, run.failed, run.outcome) == ("w1", False, "1 call(s)")
    assert run.finished_at is not None


@pytest.mark.django_db
def test_the_period_is_the_zones_local_day():
    job = periodic.PeriodicJob("x", lambda day: None)
    # 23:30 UTC on the 22nd is already the 23rd in Shanghai.
    assert job.period(dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.UTC)) == "2026-11-23"
    hourly = periodic.PeriodicJob("y", lambda day: None, every=periodic.HOURLY)
    assert hourly.period(NOW) == "2026-11-23T09"
    with pytest.raises(ValueError, match="period"):
        periodic.register(periodic.PeriodicJob("z", lambda day: None, every="weekly"))


@pytest.mark.django_db
def test_a_failed_run_is_recorded_and_tried_again_later(monkeypatch):
    attempts = []

    def flaky(day):
        attempts.append(day)
        if len(attempts) == 1:
            raise RuntimeError("database away")
        return "ok"

    monkeypatch.setattr(periodic, "JOBS", {})
    periodic.register(periodic.PeriodicJob("test.flaky", flaky))
    [failed] = periodic.run_due(worker="w1", now=NOW)
    assert failed.failed and "database away" in failed.summary
    run = PeriodicRun.objects.get()
    assert run.failed and "RuntimeError" in run.outcome
    PeriodicRun.objects.update(finished_at=NOW)
    # Not at once (every worker checks each minute), but after a while.
    assert not periodic.run_due(now=NOW + dt.timedelta(minutes=1))[0].ran
    later = NOW + periodic.RETRY_AFTER + dt.timedelta(minutes=1)
    [retried] = periodic.run_due(worker="w2", now=later)
    assert retried.ran and not retried.failed
    run.refresh_from_db()
    assert (run.attempts, run.failed, run.outcome, run.worker) == (2, False, "ok", "w2")


@pytest.mark.django_db
def test_a_run_whose_worker_died_is_taken_over(calls):
    PeriodicRun.objects.create(
        name="test.count",
        period="2026-11-23",
        worker="dead",
        started_at=NOW - periodic.STALE_AFTER - dt.timedelta(minutes=1),
    )
    assert periodic.run_due(worker="w2", now=NOW)[0].ran
    assert PeriodicRun.objects.get().worker == "w2"


@pytest.mark.django_db
def test_run_periodic_by_hand(calls, capsys):
    call_command("run_periodic", "--job", "test.count", "--date", "2026-11-20")
    assert calls == [dt.date(2026, 11, 20)]
    call_command("run_periodic", "--date", "2026-11-20")
    assert "already run" in capsys.readouterr().out
    call_command("run_periodic", "--date", "2026-11-20", "--force")
    assert len(calls) == 2
    call_command("run_periodic", "--list")
    assert "test.count (daily)" in capsys.readouterr().out
    with pytest.raises(CommandError, match="No such job"):
        call_command("run_periodic", "--job", "nope")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("run_periodic", "--date", "23.11.2026")


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_for_one_period_run_the_job_once(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent writers need PostgreSQL; SQLite serialises them anyway")
    workers = 6
    runs: list[str] = []
    lock = threading.Lock()

    def slow(day):
        with lock:
            runs.append(threading.current_thread().name)
        time.sleep(0.2)  # the others arrive while the winner is still running
        return "ok"

    monkeypatch.setattr(periodic, "JOBS", {})
    periodic.register(periodic.PeriodicJob("test.slow", slow))
    start = threading.Barrier(workers)
    outcomes: list[periodic.Outcome] = []
    failures: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            start.wait()
            result = periodic.run_due(worker=f"w{n}", now=NOW)
            with lock:
                outcomes.extend(result)
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,), name=f"w{n}") for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert len(runs) == 1
    assert sorted(o.ran for o in outcomes) == [False] * (workers - 1) + [True]
    run = PeriodicRun.objects.get(name="test.slow")
    assert run.worker == runs[0] and run.finished_at is not None


@pytest.mark.django_db(transaction=True)
def test_the_workers_scheduler_thread_runs_the_due_jobs(calls):
    from gaoxin.core.management.commands import worker

    stop = threading.Event()
    stop.set()  # one pass, then stop
    thread = threading.Thread(target=worker._keep_scheduling, args=("w9", stop))
    thread.start()
    thread.join(timeout=30)
    assert len(calls) == 1
    assert PeriodicRun.objects.get(name="test.count").worker == "w9"

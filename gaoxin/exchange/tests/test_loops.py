"""The worker's loops: each registered loop runs every few seconds in a thread of its own, a
loop that raises keeps running, and the exchange delivers its outbox and switches to a new
key from loops."""

import threading
import time

import pytest
from django.conf import settings
from django.core.management import call_command
from django_tasks import task

from gaoxin.core import loops
from gaoxin.exchange import keys, outbox


def wait_for(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


@pytest.fixture
def registry(monkeypatch):
    """A registry of the test's own loops (the apps' loops are tested with the apps)."""
    monkeypatch.setattr(loops, "LOOPS", {})
    return loops.LOOPS


def test_a_registered_loop_runs_again_and_again_until_stopped(registry):
    turns = []
    loops.register("test.count", lambda: turns.append(1), every_seconds=0.01)
    stop = threading.Event()
    [thread] = loops.start(stop)
    assert thread.name == "loop:test.count"
    assert wait_for(lambda: len(turns) >= 3)
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive()
    after = len(turns)
    time.sleep(0.05)
    assert len(turns) == after


def test_a_loop_that_raises_keeps_running_and_does_not_stop_the_others(registry, caplog):
    failures, turns = [], []

    def broken():
        failures.append(1)
        raise RuntimeError("partner database away")

    loops.register("test.broken", broken, every_seconds=0.01)
    loops.register("test.count", lambda: turns.append(1), every_seconds=0.01)
    stop = threading.Event()
    threads = loops.start(stop)
    assert wait_for(lambda: len(failures) >= 3 and len(turns) >= 3)
    assert all(thread.is_alive() for thread in threads)
    stop.set()
    for thread in threads:
        thread.join(timeout=5)
    assert "loop test.broken failed" in caplog.text
    assert "partner database away" in caplog.text


def test_a_loop_needs_a_positive_period(registry):
    with pytest.raises(ValueError, match="positive"):
        loops.register("test.busy", lambda: None, every_seconds=0)


def test_the_exchange_delivers_its_outbox_from_a_loop():
    loop = loops.LOOPS["exchange.deliver"]
    assert loop.run is outbox.deliver_pending
    assert loop.every_seconds == settings.GAOXIN_EXCHANGE_POLL_SECONDS == 2


def test_the_exchange_switches_to_a_new_key_from_a_loop():
    # The keys page only reads: the worker activates a key every partner has acknowledged.
    loop = loops.LOOPS["exchange.keys"]
    assert loop.run is keys.activate_if_ready
    assert loop.every_seconds == settings.GAOXIN_EXCHANGE_POLL_SECONDS


ran = threading.Event()


@task()
def wait_for_the_loop() -> bool:
    return ran.wait(timeout=10)


def test_the_worker_runs_the_loops_while_it_works(transactional_db, registry, settings):
    settings.WORKER_HEARTBEAT_SECONDS = 60
    ran.clear()
    loops.register("test.mark", ran.set, every_seconds=60)
    result = wait_for_the_loop.enqueue()
    call_command(
        "worker",
        "--max-tasks",
        "1",
        "--no-periodic",
        "--interval",
        "0",
        "--no-startup-delay",
        verbosity=0,
    )
    result.refresh()
    assert result.return_value is True


def test_a_batch_worker_runs_no_loops(transactional_db, registry, settings):
    settings.WORKER_HEARTBEAT_SECONDS = 60
    turns = []
    loops.register("test.count", lambda: turns.append(1), every_seconds=60)
    call_command("worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)
    assert turns == []

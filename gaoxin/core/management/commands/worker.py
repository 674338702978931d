"""Runs the background worker (django-tasks-db's ``db_worker``), reports its heartbeat, which
/healthz reads to tell whether background work is being done, runs the periodic jobs
(``gaoxin.core.periodic``: each once per period across all workers) from a scheduler thread,
and the registered loops (``gaoxin.core.loops``: every few seconds, e.g. the exchange's outbox
delivery) each from a thread of its own."""

import os
import socket
import threading
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from gaoxin.core import loops, periodic
from gaoxin.core.models import WorkerHeartbeat


def _beat_once(worker_id: str, started_at: Any) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:100],
            "pid": os.getpid(),
            "started_at": started_at,
            "seen_at": timezone.now(),
        },
    )


def _keep_beating(worker_id: str, started_at: Any, stop: threading.Event) -> None:
    while not stop.wait(settings.WORKER_HEARTBEAT_SECONDS):
        try:
            _beat_once(worker_id, started_at)
        except Exception:  # noqa: BLE001 - a missed beat only makes /healthz say "down"
            close_old_connections()
    connection.close()


def _keep_scheduling(worker_id: str, stop: threading.Event) -> None:
    """Run the periodic jobs whose period has come: at once, then every minute."""
    while True:
        # A connection broken or expired since the last check is replaced before the jobs run.
        close_old_connections()
        periodic.run_due(worker=worker_id)
        if stop.wait(periodic.CHECK_SECONDS):
            break
    connection.close()


class Command(DBWorkerCommand):
    help = (
        "Run the background worker, report its heartbeat to /healthz and run the periodic jobs"
        " and the loops."
    )

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--no-periodic",
            action="store_true",
            help="Do not run the periodic jobs from this worker (others still do).",
        )
        parser.add_argument(
            "--no-loops",
            action="store_true",
            help="Do not run the loops (e.g. the exchange's delivery) from this worker.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("reload") and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            # The reloader's parent process only watches files; its child does the work and
            # beats.
            super().handle(*args, **options)
            return
        worker_id = options.get("worker_id") or get_random_string(32)
        options["worker_id"] = worker_id
        started_at = timezone.now()
        # Rows of workers that were killed rather than stopped would otherwise stay forever.
        WorkerHeartbeat.objects.filter(seen_at__lt=started_at - timedelta(days=1)).delete()
        # The first beat before any task runs, so /healthz sees the worker at once.
        _beat_once(worker_id, started_at)
        stop = threading.Event()
        beat = threading.Thread(
            target=_keep_beating, args=(worker_id, started_at, stop), daemon=True, name="heartbeat"
        )
        beat.start()
        threads = [beat]
        # A --batch worker only empties the queue and stops; the periodic jobs are for workers
        # that keep running.
        if not options.pop("no_periodic", False) and not options.get("batch"):
            scheduler = threading.Thread(
                target=_keep_scheduling, args=(worker_id, stop), daemon=True, name="periodic"
            )
            scheduler.start()
            threads.append(scheduler)
        if not options.pop("no_loops", False) and not options.get("batch"):
            threads.extend(loops.start(stop))
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=5)
            WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()

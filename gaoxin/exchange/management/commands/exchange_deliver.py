"""Deliver the outbox to the partner zones in a loop, on its own — what each worker's
delivery loop does (``manage.py worker``), with the pace in the caller's hands.

``--backoff-first`` shortens the first wait after a failure (2 s in production; it doubles
from there up to 10 minutes): bench/exchange_faults.py compresses time with it so that
hundreds of injected faults fit in a few minutes. ``--give-up-after`` breaks delivery on
purpose (bench/exchange_faults.py --broken). Leave both unset anywhere else."""

import datetime as dt
import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from gaoxin.exchange import outbox


class Command(BaseCommand):
    help = "Deliver the outbox to the partner zones every few tenths of a second, until stopped."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--every", type=float, default=0.2, help="Seconds between rounds (default 0.2)."
        )
        parser.add_argument(
            "--backoff-first",
            type=float,
            default=None,
            help="First wait after a failure, in seconds (tests and benches only).",
        )
        parser.add_argument(
            "--give-up-after",
            type=int,
            default=None,
            help="Sabotage: drop a message after this many failed attempts (bench --broken).",
        )
        parser.add_argument("--once", action="store_true", help="One round, then stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["backoff_first"] is not None:
            outbox.BACKOFF_FIRST = dt.timedelta(seconds=options["backoff_first"])
        outbox.GIVE_UP_AFTER = options["give_up_after"]
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        while True:
            close_old_connections()
            outbox.deliver_pending()
            if options["once"] or stop.wait(options["every"]):
                break

"""Work the background worker repeats every few seconds, each loop in a thread of its own.

Unlike the periodic jobs (``gaoxin.core.periodic``: once per day or hour across all workers),
a loop runs in every worker, again and again, and must be safe to run concurrently (e.g. the
exchange's outbox delivery). An app registers its loops in its AppConfig.ready() with
:func:`register`, so core runs them without knowing the apps above it.

A loop that raises is logged and run again at its next turn: one failure never stops it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import close_old_connections, connection

logger = logging.getLogger("gaoxin.loops")


@dataclass(frozen=True)
class Loop:
    name: str
    run: Callable[[], Any]
    every_seconds: float


LOOPS: dict[str, Loop] = {}


def register(name: str, run: Callable[[], Any], every_seconds: float) -> None:
    if every_seconds <= 0:
        raise ValueError(f"{name}: every_seconds must be positive, not {every_seconds!r}")
    LOOPS[name] = Loop(name, run, float(every_seconds))


def run_once(loop: Loop) -> bool:
    """One turn of ``loop``; False (and logged) when it raised."""
    # A connection broken or expired since the last turn is replaced before the loop runs.
    close_old_connections()
    try:
        loop.run()
    except Exception:
        logger.exception("loop %s failed", loop.name)
        # The failure may have left the connection unusable (e.g. the database restarted).
        close_old_connections()
        return False
    return True


def keep_running(loop: Loop, stop: threading.Event) -> None:
    """Run ``loop`` at once, then every ``every_seconds`` until ``stop`` is set."""
    try:
        while True:
            run_once(loop)
            if stop.wait(loop.every_seconds):
                break
    finally:
        connection.close()


def start(stop: threading.Event, loops: list[Loop] | None = None) -> list[threading.Thread]:
    """Start a daemon thread for each registered loop (or each of ``loops``)."""
    threads = []
    for loop in LOOPS.values() if loops is None else loops:
        thread = threading.Thread(
            target=keep_running, args=(loop, stop), daemon=True, name=f"loop:{loop.name}"
        )
        thread.start()
        threads.append(thread)
    return threads

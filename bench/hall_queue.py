#!/usr/bin/env python
"""The hall's queue under a day's load: 26 windows calling, 2,000 tickets taken over a
compressed day, and the hall screens' update latency.

What it does, in one run:
1. prepares its own database (a throw-away SQLite file, or ``<name>_bench_queue`` on the
   PostgreSQL server of ``DATABASE_URL``), migrates it and sets up the hall through the
   services: 26 windows (as the demo zone numbers them), the demo's eight business types over
   them, and a clerk signed in at each window;
2. starts the platform under uvicorn (``config.asgi:application``, one process: the in-memory
   channel layer carries the screens' push), its clock set to a working Tuesday at 09:00 and
   ticking;
3. runs the day in ``--day-seconds``: a kiosk thread takes ``--tickets`` tickets at the times
   of the hall's hours compressed into that span (morning and afternoon peaks), through the
   kiosk page's own form (``POST /hall/kiosk/take/<business>/``, then the printed ticket);
   26 clerk threads sign in and work their window bar as the page does (htmx posts to
   ``/hall/window/<n>/next/``, ``begin``, now and then ``again`` and ``skip``), each serving a
   ticket for a compressed service time; ``--screens`` hall screens hold the websocket
   (``/ws/hall/screen/``, a wsproto client) and fetch ``/hall/screen/data/`` at each push, as
   screen.js does; one more screen only polls every second (the fallback);
4. reports, for each call, the delay from the clerk's answer to the moment a screen has the
   number (p50 / p95), the calls per second, and the baseline measured in the same run: the
   screen's data endpoint's own latency (median) and the polling screen's delay.

Never a verdict on speed: it exits non-zero only when it could not measure.

    .venv/bin/python bench/hall_queue.py            # 2,000 tickets over a 4-minute day
    .venv/bin/python bench/hall_queue.py --quick    # 200 tickets over 20 s (under a minute)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/hall_queue.py
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from benchdb import ROOT, bench_database_url, free_port, postgres_database, setup_django

PASSWORD = "bench-queue-2026"  # noqa: S105 - the bench's own throw-away accounts
# The server's clock: a working Tuesday, the hall opening (zone time), ticking from there.
SERVER_NOW = "2026-11-24T09:00:00+08:00"
# The hall's hours (09–12, 13–17) and how busy each hour is: the arrivals' profile.
HOURS = [(9, 1.0), (10, 1.4), (11, 1.2), (13, 0.8), (14, 1.3), (15, 1.2), (16, 0.7)]
DAY_SECONDS_REAL = 7 * 3600
SERVICE_MINUTES = 5.5  # mean service time at a window: 2,000 tickets fill 26 windows' day
NO_SHOW_SHARE = 0.03
# Windows as the demo zone numbers them: 1–10 intake, 11–14 delivery, 15–26 specialist.
BUSINESSES = [
    ("A", "企业开办", [15, 16]),
    ("B", "工程建设", [17, 18, 25]),
    ("C", "不动产登记", [19, 20]),
    ("D", "社保医保", [23]),
    ("E", "税务办理", [21, 22]),
    ("F", "公安户政", [24]),
    ("G", "综合受理", list(range(1, 11))),
    ("H", "综合出件", list(range(11, 15))),
]
WINDOWS = 26


# --- The database ------------------------------------------------------------------------


def seed() -> dict[str, int]:
    """The zone, its calendar, 26 windows, the eight business types and a clerk at each window,
    through the services. Returns the business types' ids by letter."""
    from django.core.management import call_command

    from gaoxin.core import services as core
    from gaoxin.core.models import Window
    from gaoxin.hall import services as hall

    call_command("migrate", interactive=False, verbosity=0)
    core.update_zone(
        actor=None,
        name="基准测试高新区",
        short_name="基准高新区",
        code="BENCH",
        region_code="610402",
    )
    core.seed_calendar_from_package(actor=None)
    department = core.create_department(actor=None, code="bench", name="基准部门")
    windows = {}
    for number in range(1, WINDOWS + 1):
        kind = (
            Window.Kind.INTAKE
            if number <= 10
            else Window.Kind.DELIVERY
            if number <= 14
            else Window.Kind.SPECIALIST
        )
        windows[number] = core.create_window(
            actor=None,
            number=number,
            name=f"{number}号窗口",
            kind=kind,
            departments=[department] if kind == Window.Kind.SPECIALIST else [],
        )
        core.create_user(
            actor=None,
            username=f"bench{number:02d}",
            full_name=f"窗口{number}",
            role="clerk",
            password=PASSWORD,
            window=windows[number],
        )
    ids = {}
    for order, (code, name, numbers) in enumerate(BUSINESSES, start=1):
        business = hall.create_business_type(
            actor=None,
            code=code,
            name=name,
            windows=[windows[n] for n in numbers],
            sort_order=order,
        )
        ids[code] = business.pk
    return ids


# --- The server ----------------------------------------------------------------------------


SERVE = """
import datetime as dt, sys, time_machine, uvicorn
time_machine.travel(dt.datetime.fromisoformat(sys.argv[1]), tick=True).start()
uvicorn.run("config.asgi:application", host="127.0.0.1", port=int(sys.argv[2]),
            ws="wsproto", log_level="warning", access_log=False)
"""


@contextlib.contextmanager
def server(url: str, log: Path) -> Iterator[int]:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "0"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [sys.executable, "-c", SERVE, SERVER_NOW, str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise SystemExit(f"uvicorn stopped (exit {process.returncode}): see {log}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/hall/screen/data/")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("uvicorn did not answer within 60 s")
            time.sleep(0.2)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# --- A browser, roughly: cookies, CSRF, keep-alive ----------------------------------------


class Browser:
    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None, htmx: bool = False
    ) -> tuple[int, str, str]:
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urlencode(form or {})
        if htmx:
            headers["HX-Request"] = "true"
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode(errors="replace")
                break
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.getheader("Location") or "", text

    def sign_in(self, username: str) -> None:
        self.request("GET", "/login/")
        status, _location, _text = self.request(
            "POST", "/login/", {"username": username, "password": PASSWORD}
        )
        if status != 302:
            raise SystemExit(f"{username} could not sign in ({status})")


# --- The hall screens: websocket (wsproto) and fetch at each push -------------------------


class Screen(threading.Thread):
    """A hall screen as screen.js works: a push through the websocket makes it fetch the data
    (pushes arriving during a fetch make one more fetch); without a socket it polls every
    second. It notes when each call (number, window) first appears."""

    def __init__(self, port: int, stop: threading.Event, *, socket_mode: bool) -> None:
        super().__init__(daemon=True)
        self.port, self.stop, self.socket_mode = port, stop, socket_mode
        self.seen: dict[tuple[str, int], float] = {}
        self.fetches: list[float] = []
        self.pushes = 0
        self.changed = threading.Event()
        self.connected = threading.Event()

    def listen(self) -> None:
        from wsproto import ConnectionType, WSConnection
        from wsproto.events import (
            AcceptConnection,
            CloseConnection,
            Ping,
            RejectConnection,
            Request,
            TextMessage,
        )

        sock = socket.create_connection(("127.0.0.1", self.port))
        ws = WSConnection(ConnectionType.CLIENT)
        origin = f"http://127.0.0.1:{self.port}".encode()
        sock.sendall(
            ws.send(
                Request(
                    host=f"127.0.0.1:{self.port}",
                    target="/ws/hall/screen/",
                    extra_headers=[(b"origin", origin)],
                )
            )
        )
        sock.settimeout(0.5)
        while not self.stop.is_set():
            try:
                data = sock.recv(65536)
            except TimeoutError:
                continue
            if not data:
                break
            ws.receive_data(data)
            for event in ws.events():
                if isinstance(event, AcceptConnection):
                    self.connected.set()
                    self.changed.set()
                elif isinstance(event, RejectConnection):
                    raise SystemExit("the hall screen's websocket was refused")
                elif isinstance(event, TextMessage):
                    self.pushes += 1
                    self.changed.set()
                elif isinstance(event, Ping):
                    sock.sendall(ws.send(event.response()))
                elif isinstance(event, CloseConnection):
                    return
        with contextlib.suppress(Exception):
            sock.sendall(ws.send(CloseConnection(code=1000)))
        sock.close()

    def run(self) -> None:
        import json

        if self.socket_mode:
            threading.Thread(target=self.listen, daemon=True).start()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        last = 0.0
        while not self.stop.is_set():
            if self.socket_mode:
                # The socket's push, or the 5-second check screen.js keeps with the socket open.
                pushed = self.changed.wait(timeout=0.2)
                if not pushed and time.perf_counter() - last < 5:
                    continue
                self.changed.clear()
            else:
                wait = last + 1.0 - time.perf_counter()
                if wait > 0:
                    time.sleep(wait)
            began = time.perf_counter()
            last = began
            try:
                conn.request("GET", "/hall/screen/data/", headers={"Accept": "application/json"})
                data = json.loads(conn.getresponse().read())
            except (OSError, http.client.HTTPException, ValueError):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                continue
            now = time.perf_counter()
            self.fetches.append(now - began)
            for call in data["calls"]:
                self.seen.setdefault((call["number"], int(call["window"])), now)


# --- The kiosk and the clerks ---------------------------------------------------------------


def arrival_times(count: int, day_seconds: float, rng: random.Random) -> list[float]:
    """Seconds into the compressed day at which each ticket is taken: hours weighted by how
    busy they are, uniform within an hour."""
    weights = [w for _hour, w in HOURS]
    span = day_seconds / len(HOURS)
    times = []
    for _ in range(count):
        slot = rng.choices(range(len(HOURS)), weights)[0]
        times.append((slot + rng.random()) * span)
    return sorted(times)


@dataclass
class Run:
    tickets_taken: int = 0
    kiosk_lag: list[float] = field(default_factory=list)
    kiosk_latency: list[float] = field(default_factory=list)
    calls: dict[tuple[str, int], tuple[float, float]] = field(default_factory=dict)
    call_latency: list[float] = field(default_factory=list)
    served: int = 0
    no_shows: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)


def kiosk(
    port: int, ids: dict[str, int], count: int, day_seconds: float, start: float, run: Run
) -> None:
    rng = random.Random(2026)
    weights = {code: len(numbers) for code, _name, numbers in BUSINESSES}
    letters = list(weights)
    browser = Browser(port)
    browser.request("GET", "/hall/kiosk/")
    for at in arrival_times(count, day_seconds, rng):
        wait = start + at - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        run.kiosk_lag.append(max(0.0, -wait))
        letter = rng.choices(letters, [weights[c] for c in letters])[0]
        began = time.perf_counter()
        status, location, _text = browser.request("POST", f"/hall/kiosk/take/{ids[letter]}/")
        if status == 302:
            browser.request("GET", location)  # the printed ticket, as the kiosk shows it
            run.tickets_taken += 1
        run.kiosk_latency.append(time.perf_counter() - began)
        run.statuses[f"take {status}"] += 1


NUMBER = re.compile(r'data-testid="current-number">([A-Z]\d{3}|—)<')


def clerk(
    port: int,
    window: int,
    stop: threading.Event,
    done: threading.Event,
    scale: float,
    run: Run,
) -> None:
    rng = random.Random(window)
    browser = Browser(port)
    browser.sign_in(f"bench{window:02d}")
    base = f"/hall/window/{window}"
    while not stop.is_set():
        began = time.perf_counter()
        status, _location, text = browser.request("POST", f"{base}/next/", htmx=True)
        answered = time.perf_counter()
        run.statuses[f"next {status}"] += 1
        found = NUMBER.search(text)
        if status != 200 or found is None or found.group(1) == "—":
            if done.is_set():
                break
            # Nobody waits: the clerk looks up at the screen a little later (the bar does not
            # poll by itself).
            time.sleep(rng.uniform(1.0, 2.0))
            continue
        number = found.group(1)
        with run.lock:
            run.calls[(number, window)] = (began, answered)
            run.call_latency.append(answered - began)
        time.sleep(rng.uniform(0.05, 0.25))  # the person walks up (or does not)
        if rng.random() < NO_SHOW_SHARE:
            browser.request("POST", f"{base}/again/", htmx=True)
            browser.request("POST", f"{base}/skip/", htmx=True)
            run.no_shows += 1
            continue
        browser.request("POST", f"{base}/begin/", htmx=True)
        time.sleep(rng.expovariate(1 / (SERVICE_MINUTES * 60 * scale)))
        run.served += 1
    browser.request("POST", f"{base}/finish/", htmx=True)


# --- Figures ----------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def ms(value: float) -> str:
    return f"{value * 1000:8.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, default=2000)
    parser.add_argument("--day-seconds", type=float, default=240.0)
    parser.add_argument("--screens", type=int, default=2, help="websocket screens")
    parser.add_argument("--quick", action="store_true", help="200 tickets over 20 s")
    parser.add_argument("--keep", type=Path, help="keep the database and the server log here")
    args = parser.parse_args()
    if args.quick:
        args.tickets, args.day_seconds = 200, 20.0

    url = os.environ.get("DATABASE_URL", "sqlite://")
    tmp = Path(tempfile.mkdtemp(prefix="gaoxin-queue-"))
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        tmp = args.keep
    own = f"{urlsplit(url).path.lstrip('/') or 'postgres'}_bench_queue"
    database = bench_database_url(url, tmp / "queue.sqlite3", own)
    vendor = "SQLite" if database.startswith("sqlite") else "PostgreSQL"
    if vendor == "PostgreSQL":
        postgres_database(database, create=True)
    try:
        setup_django(database)
        began = time.perf_counter()
        ids = seed()
        from django.db import connections

        connections.close_all()
        print(
            f"{vendor}, {os.cpu_count()} CPUs; {WINDOWS} windows, {len(ids)} businesses; "
            f"set up in {time.perf_counter() - began:.1f} s",
            flush=True,
        )
        scale = args.day_seconds / DAY_SECONDS_REAL
        with server(database, tmp / "server.log") as port:
            run = Run()
            stop, done = threading.Event(), threading.Event()
            screens = [Screen(port, stop, socket_mode=True) for _ in range(args.screens)]
            polling = Screen(port, stop, socket_mode=False)
            for screen in [*screens, polling]:
                screen.start()
            for screen in screens:
                if not screen.connected.wait(timeout=10):
                    raise SystemExit("a hall screen could not open its websocket")
            clerks = [
                threading.Thread(target=clerk, args=(port, n, stop, done, scale, run), daemon=True)
                for n in range(1, WINDOWS + 1)
            ]
            for thread in clerks:
                thread.start()
            start = time.perf_counter()
            kiosk(port, ids, args.tickets, args.day_seconds, start, run)
            taken_in = time.perf_counter() - start
            done.set()  # the clerks stop once nobody waits
            drain_until = time.perf_counter() + max(60.0, args.day_seconds)
            for thread in clerks:
                thread.join(timeout=max(0.0, drain_until - time.perf_counter()))
            wall = time.perf_counter() - start
            time.sleep(1.5)  # the last pushes and polls
            stop.set()
    finally:
        from django.db import connections

        connections.close_all()
        if vendor == "PostgreSQL" and not args.keep:
            postgres_database(database, create=False)
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    calls = len(run.calls)
    if not calls:
        print("no call was made: nothing measured", run.statuses)
        return 1
    delays: list[float] = []
    pressed: list[float] = []
    missed = 0
    for screen in screens:
        for key, (sent, answered) in run.calls.items():
            at = screen.seen.get(key)
            if at is None:
                missed += 1
                continue
            delays.append(max(0.0, at - answered))
            pressed.append(at - sent)
    early = sum(
        1
        for screen in screens
        for key, (_sent, answered) in run.calls.items()
        if key in screen.seen and screen.seen[key] < answered
    )
    polled = [
        polling.seen[key] - answered
        for key, (_sent, answered) in run.calls.items()
        if key in polling.seen
    ]
    fetches = [f for screen in screens for f in screen.fetches]
    print(
        f"tickets taken: {run.tickets_taken} in {taken_in:.1f} s "
        f"(kiosk behind schedule p95 {pct(run.kiosk_lag, 0.95):.2f} s); "
        f"calls: {calls}, served {run.served}, not come {run.no_shows}; "
        f"whole day {wall:.1f} s"
    )
    print(f"calls per second: {calls / wall:.2f}; answers: {dict(sorted(run.statuses.items()))}")
    rows = [
        ("clerk: POST next (the bar redrawn)", run.call_latency),
        ("kiosk: take a ticket + the printed ticket", run.kiosk_latency),
        ("screen (websocket) after the clerk answer", delays),
        ("screen (websocket) after the clerk pressed", pressed),
        ("baseline: GET /hall/screen/data/", fetches),
        ("baseline: polling screen (1 s) after answer", polled),
    ]
    print(f"{'':44} {'p50':>11} {'p95':>11}")
    for label, values in rows:
        print(f"{label:44} {ms(pct(values, 0.5))} {ms(pct(values, 0.95))}")
    print(
        f"screens: {len(screens)} on the websocket ({sum(s.pushes for s in screens)} pushes, "
        f"{len(fetches)} fetches), 1 polling; calls a screen never showed: {missed}; "
        f"shown before the clerk's answer arrived: {early}"
    )
    base = statistics.median(fetches) if fetches else float("nan")
    print(
        f"update latency p95 {pct(delays, 0.95) * 1000:.0f} ms, median "
        f"{statistics.median(delays) * 1000:.0f} ms = {statistics.median(delays) / base:.1f}× "
        f"the data endpoint's median ({base * 1000:.0f} ms); polling screen median "
        f"{statistics.median(polled) * 1000 if polled else float('nan'):.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

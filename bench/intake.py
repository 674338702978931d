#!/usr/bin/env python
"""Intake throughput: accepted cases per second through ``POST /api/v1/cases/``.

What it does, in one run:
1. prepares its own database (``gaoxin_bench`` on the server of ``DATABASE_URL``; a throw-away
   file when ``DATABASE_URL`` is SQLite), migrates it and loads a small synthetic catalog, one
   zone, one intake window, one clerk and the clerk's API token (``manage.py issue_token``);
2. starts the application under uvicorn (``config.asgi:application``) on a free loopback port;
3. fires ``--cases`` complete applications (outcome ``accept``) from ``--concurrency`` client
   threads over keep-alive connections, and the same number of bare authenticated calls
   (``GET /api/v1/me/``) as the baseline, alternating, ``--rounds`` times;
4. prints the median over the rounds of requests per second and of the p50 / p95 latency, and
   the ratio of the baseline to the intake.

With ``--profile`` it then looks inside one accept, in process: the SQL statements it runs
(by kind and by table), where the time goes (cProfile), and what the notice's enqueue costs.

Never a verdict on speed: it exits non-zero only when it could not measure (see README.md).

    .venv/bin/python bench/intake.py                 # 2000 cases, PostgreSQL
    .venv/bin/python bench/intake.py --short         # 100 cases: a smoke run
    .venv/bin/python bench/intake.py --profile
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import io
import itertools
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchdb import ROOT, bench_database_url, free_port, postgres_database, setup_django

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test"
BENCH_DATABASE = "gaoxin_bench"
TARGET = 200  # accepted cases per second, as the issue names it; reported, never asserted
CLERK = "bench_clerk"

Request = tuple[str, str, bytes | None]


# --- The database ------------------------------------------------------------------------


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


# --- The data ------------------------------------------------------------------------------


@dataclass
class Fixture:
    token: str
    window: int
    items: list[dict[str, Any]]  # {"id": …, "checks": [{"material": …, "state": …}, …]}


MATERIALS = [
    {"name": "申请书", "kind": "original", "need": "required", "standard": "填写完整，签字盖章"},
    {"name": "营业执照", "kind": "copy", "need": "required"},
    {"name": "授权委托书", "kind": "original", "need": "conditional", "condition": "委托办理的"},
    {"name": "场所证明", "kind": "copy", "need": "required", "secondary": True},
    {"name": "管理制度文本", "kind": "original", "need": "required"},
]
ITEM_NAMES = [
    "食品经营许可",
    "建设工程规划许可",
    "公共场所卫生许可",
    "排污许可",
    "施工许可",
    "药品经营许可",
    "道路运输经营许可",
    "人力资源服务许可",
]


def seed(items: int = 40) -> Fixture:
    """A small synthetic zone, written through the services (idempotent)."""
    from django.core.management import call_command
    from django.utils.crypto import get_random_string

    from gaoxin.catalog import services as catalog
    from gaoxin.catalog.models import Material, ServiceItem
    from gaoxin.core import services as core
    from gaoxin.core.models import CalendarYear, Department, User, Window, Zone

    if Zone.current() is None:
        core.update_zone(
            actor=None,
            name="基准测试高新区",
            short_name="基准高新区",
            code="BENCH",
            region_code="610402",
        )
    if not CalendarYear.objects.exists():
        core.seed_calendar_from_package(actor=None)
    departments = list(Department.objects.filter(code__startswith="bench"))
    if not departments:
        departments = [
            core.create_department(actor=None, code=f"bench{n}", name=f"基准部门{n}", sort_order=n)
            for n in range(1, 5)
        ]
    window = Window.objects.filter(number=1).first() or core.create_window(
        actor=None, number=1, name="综合受理窗口", kind=Window.Kind.INTAKE
    )
    if not User.objects.filter(username=CLERK).exists():
        core.create_user(
            actor=None,
            username=CLERK,
            full_name="基准窗口",
            role="clerk",
            password=get_random_string(24),
            window=window,
        )
    if not ServiceItem.objects.filter(code__startswith="BENCH-").exists():
        catalog.create_items(
            actor=None,
            items=[
                {
                    "code": f"BENCH-XK-{n:04d}",
                    "name": f"{ITEM_NAMES[n % len(ITEM_NAMES)]}（{n}）",
                    "kind": "licensing",
                    "department": departments[n % len(departments)],
                    "handling": "commitment",
                    "statutory_days": 20,
                    "promised_days": 5 + n % 10,
                    "allows_deficiency": True,
                    "result_name": "许可证",
                    "result_type": "certificate",
                    "materials": MATERIALS,
                }
                for n in range(items)
            ],
        )
    out = io.StringIO()
    call_command("issue_token", CLERK, stdout=out)
    fixture_items = []
    for item in ServiceItem.objects.filter(code__startswith="BENCH-", is_current=True):
        checks = [
            {
                "material": m.pk,
                "state": "not_applicable" if m.need == Material.Need.CONDITIONAL else "received",
                "copies": m.copies,
            }
            for m in item.materials.all()
        ]
        fixture_items.append({"id": item.pk, "checks": checks})
    return Fixture(token=out.getvalue().strip(), window=window.pk, items=fixture_items)


def resident_ids(count: int) -> list[str]:
    from gaoxin.core.identity import resident_id_check_character

    ids = []
    for n in range(count):
        born = dt.date(1960, 1, 1) + dt.timedelta(days=(n * 37) % 15000)
        first17 = f"610402{born:%Y%m%d}{n % 1000:03d}"
        ids.append(first17 + resident_id_check_character(first17))
    return ids


def intake_requests(fixture: Fixture) -> Callable[[int], Request]:
    ids = resident_ids(997)

    def make(n: int) -> Request:
        item = fixture.items[n % len(fixture.items)]
        body = {
            "item": item["id"],
            "window": fixture.window,
            "outcome": "accept",
            "kind": "person",
            "name": "基准申请人",
            "id_number": ids[n % len(ids)],
            "phone": f"138{n % 100000000:08d}",
            "checks": item["checks"],
        }
        return "POST", "/api/v1/cases/", json.dumps(body).encode()

    return make


def _shifted(make: Callable[[int], Request], base: int) -> Callable[[int], Request]:
    """Each round's applicants differ from the last round's."""
    return lambda n: make(base + n)


def me_requests(_n: int) -> Request:
    return "GET", "/api/v1/me/", None


# --- The server ----------------------------------------------------------------------------


@contextlib.contextmanager
def server(url: str, workers: int, mode: str, log: Path, token: str) -> Iterator[list[int]]:
    """The application under uvicorn; yields the ports to call.

    ``processes`` (the default) starts one single-process uvicorn per worker, each on its own
    port. ``workers`` starts one ``uvicorn --workers N``: uvicorn 0.38 then serves from a socket
    bound without ``IPPROTO_TCP``, asyncio leaves Nagle's algorithm on, and every keep-alive
    response waits ~40 ms for the client's delayed ACK (Kludex/uvicorn#3149) — that mode
    measures the stall, the other one the application.
    """
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings"),
        # As in production: no query log kept in memory, no debug pages.
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        # Under ASGI every request runs in a thread of its own, so persistent connections
        # (the settings' default of 60 s) are never reused and pile up until PostgreSQL
        # refuses more ("too many clients"): Django's advice is 0 under ASGI.
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "0"),
    }
    if mode == "workers":
        layout = [(free_port(), workers)]
    else:
        layout = [(free_port(), 1) for _ in range(workers)]
    processes = []
    with log.open("wb") as out:
        for port, count in layout:
            command = [
                sys.executable,
                "-m",
                "uvicorn",
                "config.asgi:application",
                "--host=127.0.0.1",
                f"--port={port}",
                f"--workers={count}",
                "--no-access-log",
                "--log-level=warning",
            ]
            processes.append(
                subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                    command,
                    cwd=ROOT,
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
    try:
        for (port, _count), process in zip(layout, processes, strict=True):
            wait_until_ready(port, token, process)
        yield [port for port, _count in layout]
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def wait_until_ready(port: int, token: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"uvicorn stopped (exit {process.returncode}): see its log")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/v1/me/", headers={"Authorization": f"Token {token}"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("uvicorn did not answer within 60 s")


# --- The load ------------------------------------------------------------------------------


@dataclass
class Result:
    name: str
    expected: int
    wall: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    samples: dict[int, str] = field(default_factory=dict)  # one answer body per bad status
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds by part, see cpu_seconds

    def cpu_ms_per_request(self, part: str) -> float:
        done = sum(self.statuses.values())
        return self.cpu[part] / done * 1000 if done and part in self.cpu else float("nan")

    @property
    def ok(self) -> int:
        return self.statuses[self.expected]

    @property
    def per_second(self) -> float:
        return self.ok / self.wall if self.wall else 0.0

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


PARTS = ("server", "postgres", "client")


def cpu_seconds(ports: list[int]) -> dict[str, float]:
    """CPU time used so far (user + system, from /proc) by the uvicorn processes serving
    ``ports`` and their children, by every PostgreSQL process of the machine, and by this
    process (the client threads). Empty where there is no /proc."""
    proc = Path("/proc")
    if not (proc / "self" / "stat").exists():
        return {}
    ticks = os.sysconf("SC_CLK_TCK")
    flags = {f"--port={port}" for port in ports}
    stats: dict[int, tuple[int, str, float]] = {}  # pid: parent, what, seconds
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        name = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        seconds = (int(fields[11]) + int(fields[12])) / ticks
        what = (
            "postgres" if name == "postgres" else "server" if flags & set(command.split()) else ""
        )
        stats[int(entry.name)] = (int(fields[1]), what, seconds)
    totals = dict.fromkeys(PARTS, 0.0)
    for _pid, (parent, what, seconds) in stats.items():
        if not what and parent in stats and stats[parent][1] == "server":
            what = "server"  # a worker of ``uvicorn --workers``
        if what:
            totals[what] += seconds
    totals["client"] = time.process_time()
    return totals


def fire(
    name: str,
    ports: list[int],
    token: str,
    make: Callable[[int], Request],
    count: int,
    concurrency: int,
    expected: int,
) -> Result:
    result = Result(name, expected)
    numbers = iter(range(count))
    lock = threading.Lock()
    start = threading.Barrier(concurrency + 1)
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}

    def client(port: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        latencies: list[float] = []
        statuses: Counter[int] = Counter()
        samples: dict[int, str] = {}
        start.wait()
        while True:
            with lock:
                n = next(numbers, None)
            if n is None:
                break
            method, path, body = make(n)
            began = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                status, data = 0, repr(error).encode()
            latencies.append(time.perf_counter() - began)
            statuses[status] += 1
            if status != expected:
                samples.setdefault(status, data[:500].decode(errors="replace"))
        conn.close()
        with lock:
            result.latencies.extend(latencies)
            result.statuses.update(statuses)
            for status, sample in samples.items():
                result.samples.setdefault(status, sample)

    threads = [
        threading.Thread(target=client, args=(ports[n % len(ports)],), daemon=True)
        for n in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    before = cpu_seconds(ports)
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    result.wall = time.perf_counter() - began
    after = cpu_seconds(ports)
    result.cpu = {part: after[part] - before[part] for part in after}
    return result


# --- Looking inside one accept -------------------------------------------------------------


def profile(fixture: Fixture, repeat: int = 30) -> None:
    """Inside one accept, in process: its SQL statements, how long the day's number counter
    stays locked (every accept in the zone waits for that row), and where the time goes."""
    import cProfile
    import json as json_module
    import pstats

    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    from gaoxin.cases import intake, numbering
    from gaoxin.cases.serializers import CaseSerializer, NewCaseSerializer
    from gaoxin.cases.tasks import render_notice_task
    from gaoxin.core.models import User

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {fixture.token}")
    make = intake_requests(fixture)
    serial = itertools.count(1_000_000)

    def post() -> Any:
        _method, path, body = make(next(serial))
        response = client.post(path, data=body, content_type="application/json")
        assert response.status_code == 201, response.content[:300]
        return response

    def median_ms(action: Callable[[], Any]) -> float:
        times = []
        for _ in range(repeat):
            began = time.perf_counter()
            action()
            times.append(time.perf_counter() - began)
        return statistics.median(times) * 1000

    post()  # warm
    with CaptureQueriesContext(connection) as captured:
        post()
    statements = [q["sql"].strip() for q in captured.captured_queries]
    kinds: Counter[str] = Counter()
    tables: Counter[str] = Counter()
    for text in statements:
        verb = text.split(None, 1)[0].upper()
        kinds[verb] += 1
        table = _table(text, verb)
        if table:
            tables[f"{verb} {table}"] += 1
    first_lock = next(i for i, text in enumerate(statements) if "cases_numbercounter" in text)
    commit = next(i for i, text in enumerate(statements) if text.upper().startswith("COMMIT"))
    print(f"\nSQL statements per accept (POST /api/v1/cases/): {len(statements)}")
    print(f"  of which while the day's receipt counter is locked: {commit - first_lock + 1}")
    print("  by kind:  " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    print("  by table:")
    for name, count in tables.most_common():
        print(f"    {count:3d}  {name}")

    # How long the counter row stays locked: from the first number to the commit.
    held: list[float] = []
    original = numbering.next_in_sequences

    def timed_next(scopes: list[str], day: dt.date) -> dict[str, int]:
        if "receipt" in scopes:
            began = time.perf_counter()
            transaction.on_commit(lambda: held.append(time.perf_counter() - began))
        return original(scopes, day)

    numbering.next_in_sequences = timed_next
    try:
        full = median_ms(post)
    finally:
        numbering.next_in_sequences = original
    lock_ms = statistics.median(held) * 1000

    actor = User.objects.get(username=CLERK)

    def service_only() -> Any:
        serializer = NewCaseSerializer(data=json_module.loads(make(next(serial))[2] or b"{}"))
        serializer.is_valid(raise_exception=True)
        data = serializer.to_intake(serializer.validated_data["item"], actor)
        return intake.accept(actor=actor, intake=data)

    service = median_ms(service_only)
    fresh = service_only()
    shaping = median_ms(lambda: CaseSerializer(fresh).data)
    enqueue = median_ms(lambda: render_notice_task.enqueue("00000000-0000-0000-0000-000000000000"))
    print(f"\nIn process (medians of {repeat}, no HTTP server):")
    print(f"  POST /api/v1/cases/ through the test client   {full:7.1f} ms")
    print(f"  request checked, then intake.accept (service)  {service:7.1f} ms")
    print(f"  the 201 answer, shaped from what accept holds  {shaping:7.1f} ms")
    print(f"  render_notice_task.enqueue after commit       {enqueue:7.1f} ms (INSERT, own commit)")
    print(f"  receipt counter row locked per accept         {lock_ms:7.1f} ms")
    print(
        f"  → ceiling while one counter row serialises every accept: "
        f"~{1000 / lock_ms:.0f} accepted cases per second, whatever the cores"
    )

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        post()
    profiler.disable()
    print("\nWhere the time goes (cumulative; the project's functions):")
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream).sort_stats("cumulative")
    stats.print_stats(r"gaoxin/", 25)
    print("\n".join(line for line in stream.getvalue().splitlines()[6:] if line.strip()))


def _table(sql_text: str, verb: str) -> str:
    words = sql_text.replace('"', "").split()
    upper = [w.upper() for w in words]
    keyword = {"SELECT": "FROM", "DELETE": "FROM", "INSERT": "INTO", "UPDATE": "UPDATE"}.get(verb)
    if keyword is None or keyword not in upper:
        return ""
    index = upper.index(keyword) + 1
    return words[index] if index < len(words) else ""


# --- The report ----------------------------------------------------------------------------


def report(rounds: list[tuple[Result, Result]], args: argparse.Namespace, vendor: str) -> None:
    def med(values: list[float]) -> float:
        return statistics.median(values)

    rows = []
    for index, label in ((0, "accept  POST /api/v1/cases/"), (1, "baseline  GET /api/v1/me/")):
        results = [pair[index] for pair in rounds]
        rows.append(
            (
                label,
                sum(r.ok for r in results),
                sum(sum(r.statuses.values()) - r.ok for r in results),
                med([r.per_second for r in results]),
                med([r.percentile(0.50) for r in results]) * 1000,
                med([r.percentile(0.95) for r in results]) * 1000,
            )
        )
    print()
    print(
        f"Intake benchmark — {vendor}, {os.cpu_count()} CPUs, {args.workers} uvicorn "
        f"{'processes' if args.server == 'processes' else 'workers (--workers)'}, "
        f"{args.concurrency} client threads, {args.cases} requests × {len(rounds)} rounds "
        f"(medians over the rounds)"
    )
    header = f"{'':30} {'ok':>7} {'errors':>7} {'per s':>9} {'p50 ms':>9} {'p95 ms':>9}"
    print(header)
    print("-" * len(header))
    for label, ok, errors, per_second, p50, p95 in rows:
        print(f"{label:30} {ok:7d} {errors:7d} {per_second:9.1f} {p50:9.1f} {p95:9.1f}")
    if all(pair[0].cpu for pair in rounds):
        print(
            "CPU per request (ms, medians over the rounds; from /proc, every PostgreSQL "
            "process of the machine counted):"
        )
        for index, label in ((0, "accept"), (1, "baseline")):
            spent = {
                part: med([pair[index].cpu_ms_per_request(part) for pair in rounds])
                for part in PARTS
            }
            parts = "  ".join(f"{part} {value:5.1f}" for part, value in spent.items())
            print(f"  {label:9} {parts}  total {sum(spent.values()):5.1f}")
        cores = os.cpu_count() or 1
        total = sum(med([pair[0].cpu_ms_per_request(part) for pair in rounds]) for part in PARTS)
        print(
            f"  → with every core busy, {cores} CPUs give at most ~{cores * 1000 / total:.0f} "
            f"accepts per second at this cost"
        )
    accept, baseline = rows
    if accept[3]:
        print(
            f"baseline / accept: {baseline[3] / accept[3]:.1f}× the calls per second, "
            f"p50 {accept[4] / baseline[4]:.1f}× longer per accept"
        )
    print(f"target named by the issue: ≥ {TARGET} accepted cases per second (not a pass/fail)")
    for index, name in ((0, "accept"), (1, "baseline")):
        for pair in rounds:
            for status, sample in pair[index].samples.items():
                print(f"  {name}: status {status} e.g. {sample}")
                break


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000, help="requests per round (2000)")
    parser.add_argument("--short", action="store_true", help="a smoke run: 100 requests")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads (8)")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="uvicorn workers (CPUs)"
    )
    parser.add_argument(
        "--server",
        choices=["processes", "workers"],
        default="processes",
        help="one uvicorn per worker on its own port (default), or one uvicorn --workers N",
    )
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each kind (3)")
    parser.add_argument("--items", type=int, default=40, help="catalog items (40)")
    parser.add_argument("--reuse", action="store_true", help="keep last run's bench database")
    parser.add_argument("--profile", action="store_true", help="look inside one accept")
    args = parser.parse_args()
    if args.short:
        args.cases = 100

    tmp = Path(tempfile.mkdtemp(prefix="gaoxin-bench-"))
    given = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    url = bench_database_url(given, tmp / "bench.sqlite3", BENCH_DATABASE)
    if not url.startswith("sqlite"):
        postgres_database(url, create=True, reuse=args.reuse)
    os.environ["MEDIA_ROOT"] = str(tmp / "media")  # notices' files, if a worker ran
    os.environ["DEBUG"] = "false"  # no query log slowing the in-process measurements
    setup_django(url)
    from django.db import connection

    began = time.perf_counter()
    migrate()
    fixture = seed(args.items)
    vendor = connection.vendor
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            vendor = f"PostgreSQL {cursor.fetchone()[0]}"
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            vendor = f"SQLite {cursor.fetchone()[0]} (WAL)"
    connection.close()
    print(
        f"Prepared {vendor} database and {len(fixture.items)} items in "
        f"{time.perf_counter() - began:.1f} s"
    )

    log = tmp / "uvicorn.log"
    make_intake = intake_requests(fixture)
    rounds: list[tuple[Result, Result]] = []
    offset = itertools.count(start=0, step=args.cases)
    with server(url, args.workers, args.server, log, fixture.token) as ports:
        warm = min(args.cases, 20 * args.concurrency)
        warm_intake = _shifted(make_intake, next(offset))
        fire("warm", ports, fixture.token, warm_intake, warm, args.concurrency, 201)
        fire("warm", ports, fixture.token, me_requests, warm, args.concurrency, 200)
        for number in range(args.rounds):
            accept = fire(
                "accept",
                ports,
                fixture.token,
                _shifted(make_intake, next(offset)),
                args.cases,
                args.concurrency,
                201,
            )
            baseline = fire(
                "baseline", ports, fixture.token, me_requests, args.cases, args.concurrency, 200
            )
            print(
                f"round {number + 1}: accept {accept.per_second:.1f}/s "
                f"(ok {accept.ok}/{args.cases}), baseline {baseline.per_second:.1f}/s"
            )
            rounds.append((accept, baseline))

    report(rounds, args, vendor)
    from gaoxin.cases.models import Case

    accepted = Case.objects.filter(status="accepted").count()
    print(f"cases accepted in the database: {accepted} (warm-up included)")
    if args.profile:
        profile(fixture)
    if not any(pair[0].ok for pair in rounds):
        print(f"No accept succeeded: nothing was measured. Server log: {log}", file=sys.stderr)
        return 1
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

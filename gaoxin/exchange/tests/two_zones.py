"""Two real deployments on 127.0.0.1, each with its own SQLite database, exchanging cases:
zone A (咸阳高新区, XYGX) receives applications for zone B (西安高新区, XAGX), which handles
them. For the end-to-end test (test_two_zones.py) and bench/exchange_faults.py.

Each zone is migrated, named and seeded with the demo organisation and catalog
(``exchange_setup_zone``), registered at the other with the other's public key
(``exchange_partner``), and A imports B's catalog of agreed items. Each runs its web server
(uvicorn) and a delivery loop for its outbox (``exchange_deliver``), as separate processes;
B's server can be stopped and restarted while the rest goes on.

Nothing here touches the test database: everything happens in the zones' own processes, and
the harness reads their databases directly (read-only) to check what arrived where.

    with running(tmp_path) as (a, b):
        ref = a.python("...")          # Django code run in zone A (manage.py shell)
        b.stop_server(); b.start_server()
        a.query("select ... from exchange_forwardedapplication")
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gaoxin.core.testing.browser import PYTHON, ROOT, UVICORN, free_port, server_env

ASGI = "gaoxin.exchange.tests.two_zones_asgi:application"
# What the demo zone's accounts sign in with (gaoxin.core.demo.organisation.DEMO_PASSWORD).
DEMO_CLERK = "clerk"


class ZoneFailed(RuntimeError):
    pass


@dataclass
class Deployment:
    code: str
    name: str
    short_name: str
    region_code: str
    folder: Path
    # Test-only faults and pace (see gaoxin.exchange.views and exchange_deliver).
    drop_responses: float = 0.0
    backoff_first: float | None = None
    deliver_every: float = 0.2
    give_up_after: int | None = None  # sabotage: bench --broken
    port: int = field(default_factory=free_port)
    key: dict[str, str] = field(default_factory=dict)
    server: subprocess.Popen[bytes] | None = None
    deliverer: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database(self) -> Path:
        return self.folder / f"{self.code}.sqlite3"

    def env(self) -> dict[str, str]:
        media = self.folder / f"{self.code}-media"
        env = server_env(self.database, media, self.url, GAOXIN_DEMO_HISTORY="False")
        if self.drop_responses:
            env["GAOXIN_EXCHANGE_DROP_RESPONSES"] = str(self.drop_responses)
        return env

    def _spawn(self, args: list[str], log: str) -> subprocess.Popen[bytes]:
        """A process of this zone's, its output appended to <code>-<log>.log."""
        with open(self.folder / f"{self.code}-{log}.log", "ab") as out:
            return subprocess.Popen(args, cwd=ROOT, env=self.env(), stdout=out, stderr=out)

    # --- Commands in the zone -----------------------------------------------------------

    def manage(self, *args: str, timeout: float = 300) -> str:
        done = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode:
            raise ZoneFailed(f"{self.code}: manage.py {' '.join(args)}:\n{done.stderr[-4000:]}")
        return done.stdout

    def python(self, code: str, timeout: float = 300) -> Any:
        """Run Django code in this zone; it prints its result as JSON on its last line."""
        out = self.manage("shell", "--no-imports", "-v", "0", "-c", code, timeout=timeout)
        lines = [line for line in out.splitlines() if line.strip()]
        return json.loads(lines[-1]) if lines else None

    def query(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        """Read this zone's database directly (read-only)."""
        with contextlib.closing(
            sqlite3.connect(f"file:{self.database}?mode=ro", uri=True, timeout=30)
        ) as db:
            return db.execute(sql, params).fetchall()

    # --- Its processes ------------------------------------------------------------------

    def start_server(self, wait: float = 60) -> None:
        self.launch_server()
        self.wait_for_server(wait)

    def launch_server(self) -> None:
        assert self.server is None, "already running"
        address = ["--host", "127.0.0.1", "--port", str(self.port)]
        quiet = ["--log-level", "warning", "--no-access-log"]
        self.server = self._spawn([UVICORN, ASGI, *address, *quiet], "server")

    def wait_for_server(self, wait: float = 60) -> None:
        assert self.server is not None, "not launched"
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise ZoneFailed(f"{self.code}: the server stopped; see its log in {self.folder}")
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5),
            ):
                return
            time.sleep(0.1)
        raise ZoneFailed(f"{self.code}: the server did not answer within {wait} s")

    def stop_server(self) -> None:
        _stop(self.server)
        self.server = None

    def restart_server(self) -> None:
        self.stop_server()
        self.start_server()

    def start_deliverer(self) -> None:
        assert self.deliverer is None, "already running"
        args = ["manage.py", "exchange_deliver", "--every", str(self.deliver_every)]
        if self.backoff_first is not None:
            args += ["--backoff-first", str(self.backoff_first)]
        if self.give_up_after is not None:
            args += ["--give-up-after", str(self.give_up_after)]
        self.deliverer = self._spawn([PYTHON, *args], "deliver")

    def stop_deliverer(self) -> None:
        _stop(self.deliverer)
        self.deliverer = None

    def stop(self) -> None:
        self.stop_deliverer()
        self.stop_server()


def _stop(process: subprocess.Popen[bytes] | None) -> None:
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def zones(folder: Path, **faults: Any) -> tuple[Deployment, Deployment]:
    a = Deployment("XYGX", "咸阳高新技术产业开发区", "咸阳高新区", "610402", folder, **faults)
    b = Deployment("XAGX", "西安高新技术产业开发区", "西安高新区", "610131", folder, **faults)
    return a, b


def set_up(a: Deployment, b: Deployment) -> None:
    """Both databases, named and seeded, each other's partner; A's agreed items from B.
    Leaves both servers running (A's import of B's catalog needs B's)."""
    a.folder.mkdir(parents=True, exist_ok=True)
    a.manage("migrate", "-v", "0")
    a.manage("seed_demo", "--quiet-logins")
    # The same organisation and catalog at B: a copy is quicker than seeding again. Each zone
    # then gets its own name and code, and its own key (made only now, after the copy).
    for suffix in ("", "-wal"):
        if Path(f"{a.database}{suffix}").exists():
            shutil.copyfile(f"{a.database}{suffix}", f"{b.database}{suffix}")
    media = a.folder / f"{a.code}-media"
    if media.exists():
        shutil.copytree(media, b.folder / f"{b.code}-media")
    seeding = [
        subprocess.Popen(
            [
                PYTHON,
                "manage.py",
                "exchange_setup_zone",
                "--no-demo",
                "--code",
                z.code,
                "--name",
                z.name,
                "--short-name",
                z.short_name,
                "--region-code",
                z.region_code,
            ],
            cwd=ROOT,
            env=z.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for z in (a, b)
    ]
    for z, process in zip((a, b), seeding, strict=True):
        out, err = process.communicate(timeout=300)
        if process.returncode:
            raise ZoneFailed(f"{z.code}: exchange_setup_zone:\n{err[-4000:]}")
        z.key = json.loads(out.strip().splitlines()[-1])
    b.manage(
        "exchange_partner", "--code", a.code, "--name", a.short_name, "--url", a.url,
        "--key-id", a.key["key_id"], "--public-key", a.key["public_key"],
    )  # fmt: skip
    b.launch_server()
    a.launch_server()
    b.wait_for_server()
    a.manage(
        "exchange_partner", "--code", b.code, "--name", b.short_name, "--url", b.url,
        "--key-id", b.key["key_id"], "--public-key", b.key["public_key"], "--refresh",
    )  # fmt: skip


@contextlib.contextmanager
def running(folder: Path, **faults: Any) -> Iterator[tuple[Deployment, Deployment]]:
    """Both zones set up and running (servers and delivery loops); all stopped at the end."""
    a, b = zones(folder, **faults)
    try:
        set_up(a, b)
        a.wait_for_server()
        a.start_deliverer()
        b.start_deliverer()
        yield a, b
    finally:
        for z in (a, b):
            z.stop()


def wait_for(check: Any, *, timeout: float = 60, every: float = 0.2) -> Any:
    """Call ``check`` until it returns something true; that, or TimeoutError."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"still not so after {timeout} s: {check}")
        time.sleep(every)


# --- Django code run in a zone (Deployment.python) -------------------------------------------

# Forward ``count`` applications at A for B's item ``code`` as the demo clerk at window 01,
# every required material received, the first with a small scan; prints the refs.
FORWARD = """
import io, json, time
from django.core.files.uploadedfile import SimpleUploadedFile
from gaoxin.cases import intake
from gaoxin.core.models import User
from gaoxin.core.tests.factories import resident_id
from gaoxin.exchange import forwarding
from gaoxin.exchange.models import AgreedItem
clerk = User.objects.get(username={clerk!r})
item = AgreedItem.objects.get(partner__code={partner!r}, code={code!r})
refs = []
for n in range({count}):
    scan = forwarding.hold_scan(actor=clerk, file=SimpleUploadedFile(
        f"申请书{{n}}.pdf", b"%PDF-1.4\\n% scan\\n" + str(n).encode() * 200))
    receipts = [
        forwarding.MaterialReceipt(
            received=m.get("requirement") == "required",
            copies=1 if m.get("requirement") == "required" else 0,
            upload_ids=[scan.pk] if i == 0 else [])
        for i, m in enumerate(item.materials)
    ]
    applicant = intake.Applicant(kind="person", name=f"申请人{{n}}", phone="13891234567",
        id_number=resident_id(order=n % 1000))
    forwarded = forwarding.forward(actor=clerk, item=item, applicant=applicant,
        materials=receipts, window=clerk.window)
    refs.append(str(forwarded.ref))
    if {pause}:
        time.sleep({pause})
print(json.dumps(refs))
"""


def forward_code(code: str, count: int, *, partner: str = "XAGX", pause: float = 0.0) -> str:
    return FORWARD.format(clerk=DEMO_CLERK, partner=partner, code=code, count=count, pause=pause)


# Accept at B, as its demo clerk at window 01, the application with ``ref``; prints the
# case's number.
ACCEPT = """
import json
from gaoxin.core.models import User
from gaoxin.exchange import incoming
from gaoxin.exchange.models import IncomingApplication
clerk = User.objects.get(username={clerk!r})
application = IncomingApplication.objects.get(ref={ref!r})
case = incoming.accept(actor=clerk, incoming=application, window=clerk.window)
print(json.dumps(case.number))
"""


def accept_code(ref: str) -> str:
    return ACCEPT.format(clerk=DEMO_CLERK, ref=ref)


def hex_ref(ref: str) -> str:
    """A UUID as Django keeps it in SQLite (32 hex digits, no dashes)."""
    return ref.replace("-", "")


# Walk the case with ``number`` at B to its result, as B's demo approver: every step taken up
# and passed, the decision a grant; then render its notices now (no task worker runs in the
# harness). Prints the case's status.
DECIDE = """
import json
from gaoxin.cases import backoffice, notices
from gaoxin.cases.models import Case, Notice
from gaoxin.core.models import User
approver = User.objects.get(username="approver")
case = Case.objects.get(number={number!r})
for _ in range(10):
    case.refresh_from_db()
    if case.status == "awaiting_delivery":
        break
    step = case.steps.get(finished_at__isnull=True)
    backoffice.claim(actor=approver, case=case)
    if step.kind == "decision":
        backoffice.decide(actor=approver, case=case, grant=True, opinion="同意。")
    else:
        backoffice.pass_step(actor=approver, case=case, opinion="材料齐全，符合法定条件。")
for notice in Notice.objects.filter(case=case, rendered_at__isnull=True):
    notices.render(notice)
case.refresh_from_db()
print(json.dumps(case.status))
"""


def decide_code(number: str) -> str:
    return DECIDE.format(number=number)


# At A: fetch the documents of the results ready here now (the worker's loop does it in
# production). Prints how many documents A holds for ``ref``.
FETCH = """
import json
from gaoxin.exchange import documents
from gaoxin.exchange.models import ForwardedApplication
documents.forget_pauses()
documents.fetch_due()
print(json.dumps(len(documents.documents(ForwardedApplication.objects.get(ref={ref!r})))))
"""


def fetch_code(ref: str) -> str:
    return FETCH.format(ref=ref)

"""The demo zone's past year: about four thousand finished cases received over the twelve
months before the demo's hand-made cases, so that the statistics and the supervisor's list of
cases finished after the deadline show a zone at work on first meeting.

Made by ``gaoxin.stats.synthetic`` (bulk inserts, no services) and kept only when the case's
life has ended (completed, refused, terminated or withdrawn): a running case would need its
back-office steps, notices and owed materials, and would sit in the queues. Each case gets its
materials as received at the window and, when collected, its delivery; numbers are the real
ones (receipt and case numbers carry their day, result numbers count per department and year),
taken from ``NumberCounter`` like the intake's, and the counters are moved past them, so a
later intake never repeats one. Then the summary tables are rebuilt.

Registered after the cases app's seeder; like every seeder it does nothing the second time.
``GAOXIN_DEMO_HISTORY = False`` (a setting) leaves the history out, e.g. in tests that load
the demo zone only for its accounts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from gaoxin.cases.models import Case, CaseEvent, Delivery, NumberCounter, Submission
from gaoxin.cases.workflow import FINISHED
from gaoxin.catalog.models import Material, ServiceItem
from gaoxin.core.models import Department, User, Window, Zone
from gaoxin.stats import counters
from gaoxin.stats.synthetic import (
    CASE_COLUMNS,
    EVENT_COLUMNS,
    Generator,
    Item,
    Life,
    case_tuple,
    insert,
    timezone_date,
)

CASES = 4000
SEED = 20251123
# A demo should show some cases finished after their deadline: a little more than the
# generator's usual share.
LATE = 0.05
INTAKE = frozenset({"receive", "request_correction", "accept", "refuse"})
SUBMISSION_COLUMNS = (
    *("case_id", "material_id", "state", "problem", "copies"),
    *("file", "file_kind", "file_name", "received_at"),
)
DELIVERY_COLUMNS = (
    *("case_id", "method", "recipient_name", "recipient_id_number", "by_agent"),
    *("authorisation", "receipt", "address", "carrier", "tracking_number"),
    *("window_id", "delivered_at", "delivered_by_id"),
)


def seed_history(cases: int = CASES) -> str:
    if not getattr(settings, "GAOXIN_DEMO_HISTORY", True):
        return ""
    staff = dict(
        User.objects.filter(username__in=["clerk", "clerk2", "approver", "head"]).values_list(
            "username", "pk"
        )
    )
    if "clerk" not in staff or not ServiceItem.objects.filter(is_current=True).exists():
        return ""
    now = timezone.now()
    # The hand-made cases are the running ones (the earliest of them); the history ends the
    # day before. Any case received before that day is the history, already there.
    first_running = Case.objects.exclude(status__in=FINISHED).order_by("received_at").first()
    anchor = timezone.localdate(first_running.received_at if first_running else now)
    start_of_anchor = dt.datetime.combine(anchor, dt.time.min, timezone.get_current_timezone())
    if Case.objects.filter(received_at__lt=start_of_anchor).exists():
        return ""
    with transaction.atomic():
        written = _write(cases, staff, anchor, now)
        counters.rebuild()
    return f"History: {written:,} finished cases over the year before {anchor:%Y-%m-%d}."


def _write(n: int, staff: dict[str, int], anchor: dt.date, now: dt.datetime) -> int:
    home = User.objects.filter(username="approver").values_list("department_id", flat=True).first()

    def actor(action: str, item: Item) -> int | None:
        if action in INTAKE:
            return staff["clerk"]
        if action == "deliver":
            return staff.get("clerk2", staff["clerk"])
        if item.department_id != home:
            return None  # another department's staff, not among the demo accounts
        return staff.get("head") if action == "terminate" else staff.get("approver")

    generator = Generator(
        seed=SEED,
        first=anchor - dt.timedelta(days=365),
        last=anchor - dt.timedelta(days=1),
        today=timezone.localdate(now),
        now=now,
        clerk=staff["clerk"],
        actor=actor,
        late=LATE,
    )
    next_id = (Case.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    lives: list[Life] = []
    for _attempt in range(n * 3):
        life = generator.life(next_id)
        if life.row["status"] in FINISHED:
            lives.append(life)
            next_id += 1
            if len(lives) == n:
                break
    _number(lives)
    insert(Case._meta.db_table, CASE_COLUMNS, [case_tuple(x.row, now) for x in lives])
    insert(CaseEvent._meta.db_table, EVENT_COLUMNS, [e for x in lives for e in x.events])
    insert(Submission._meta.db_table, SUBMISSION_COLUMNS, _submissions(lives))
    insert(Delivery._meta.db_table, DELIVERY_COLUMNS, _deliveries(lives, staff, generator))
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(
            no_style(), [Case, CaseEvent, Submission, Delivery]
        ):
            cursor.execute(statement)
    return len(lives)


def _number(lives: list[Life]) -> None:
    """Real numbers, taken from the counters as the intake and the back office take them."""
    zone = Zone.current()
    code = zone.code if zone else "GX"
    departments = dict(Department.objects.values_list("pk", "code"))
    last = {(c.scope, c.day): c.last for c in NumberCounter.objects.all()}
    used: dict[tuple[str, dt.date], int] = defaultdict(int)

    def take(scope: str, day: dt.date) -> int:
        key = (scope, day)
        if key not in used:
            used[key] = last.get(key, 0)
        used[key] += 1
        return used[key]

    rows = [x.row for x in lives]
    for row in sorted(rows, key=lambda r: r["received_at"]):
        day = timezone_date(row["received_at"])
        row["receipt_number"] = f"SJ{day:%Y%m%d}{take('receipt', day):06d}"
    accepted = [r for r in rows if r.get("accepted_at")]
    for row in sorted(accepted, key=lambda r: r["accepted_at"]):
        day = timezone_date(row["accepted_at"])
        row["number"] = f"{code}{day:%Y%m%d}{take('case', day):06d}"
    results = [r for r in rows if r.get("result_number")]
    for row in sorted(results, key=lambda r: r["ready_at"]):
        year = timezone_date(row["ready_at"]).year
        department = row["department_id"]
        sequence = take(f"R{department}", dt.date(year, 1, 1))
        row["result_number"] = f"{code}-{departments[department].upper()}〔{year}〕{sequence:05d}号"
    NumberCounter.objects.bulk_create(
        [NumberCounter(scope=scope, day=day, last=n) for (scope, day), n in used.items()],
        update_conflicts=True,
        unique_fields=["scope", "day"],
        update_fields=["last"],
    )


def _submissions(lives: list[Life]) -> list[tuple[Any, ...]]:
    """Every material as received at the window (the ones that apply)."""
    checklist: dict[int, list[tuple[int, bool, int]]] = defaultdict(list)
    for material in Material.objects.filter(item_id__in={x.row["item_id"] for x in lives}).only(
        "pk", "item_id", "need", "copies"
    ):
        required = material.need == Material.Need.REQUIRED
        checklist[material.item_id].append((material.pk, required, material.copies))
    rows = []
    for life in lives:
        row = life.row
        handed = row.get("accepted_at") or row["received_at"]
        for pk, required, copies in checklist[row["item_id"]]:
            state = Submission.State.RECEIVED if required else Submission.State.NOT_APPLICABLE
            rows.append((row["id"], pk, state, "", copies if required else 0, "", "", "", handed))
    return rows


def _deliveries(
    lives: list[Life], staff: dict[str, int], generator: Generator
) -> list[tuple[Any, ...]]:
    """How each collected result left: at a delivery window mostly, by post for a fifth."""
    windows: list[int | None] = [
        *Window.objects.filter(kind=Window.Kind.DELIVERY).values_list("pk", flat=True)
    ] or [None]
    clerk = staff.get("clerk2", staff["clerk"])
    rng = generator.rng
    rows = []
    for life in lives:
        row = life.row
        if row["status"] != "completed":
            continue
        person = row.get("applicant_kind") == "person"
        if rng.random() < 0.2:
            method, recipient, id_number = "post", "", ""
            address, carrier = "陕西省咸阳市高新区", "中国邮政EMS"
            tracking = f"11{row['id']:011d}"
        else:
            method, address, carrier, tracking = "pickup", "", "", ""
            recipient = row["applicant_name"] if person else row.get("legal_representative", "")
            id_number = row.get("id_number", "") if person else ""
        rows.append(
            (
                row["id"],
                method,
                recipient[:50],
                id_number,
                False,
                "",
                "",
                address,
                carrier,
                tracking,
                rng.choice(windows),
                row["completed_at"],
                clerk,
            )
        )
    return rows

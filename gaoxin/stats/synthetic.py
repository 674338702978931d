"""Synthetic cases: a year of a zone's applications, written by bulk insert.

Used by the demo zone (a past year of finished cases, ``gaoxin.stats.demo``) and by the
benchmarks (``bench/generate.py``, ``bench/stats.py``). It writes straight into the tables,
without the services: cases and the history rows the statistics and the case page read
(receive, one-time notice, accept or refuse, special procedure, decision, result, delivery or
termination); then ``gaoxin.stats.counters.rebuild()`` fills the summary tables.

How the cases are made (fixed seed, so a run is repeatable):
- items by popularity (a Zipf-like weight, shuffled once), windows as the hall works: an
  intake window (1–10) for most, a specialist window of the item's department for a sixth,
  none (online) for one in twenty;
- at intake: 86 % accepted at once, 6 % sent home with a one-time notice and back within 1–10
  days (a third of them to another window) to be accepted, 1 % sent home for good, 5 % refused,
  and a few in two rounds of notices;
- immediate items (即办件) are decided on the spot and usually collected the same day;
- a commitment case takes a share of its promised working days (``late``, 3 % by default, run
  late), 6 % go through a special procedure of 1–10 working days, 2 % are extended within the
  statutory limit, 4 % are denied, 1.5 % are terminated; the result is collected 0–10 working
  days after it is ready. Whatever lies after ``now`` has not happened yet: the case stays in
  review, suspended, or waiting at the window.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")

# Case columns written (the rest take their defaults in SQL below).
CASE_COLUMNS = (
    "id",
    "receipt_number",
    "number",
    "item_id",
    "department_id",
    "status",
    "applicant_kind",
    "applicant_name",
    "id_number",
    "credit_code",
    "legal_representative",
    "contact_name",
    "phone",
    "address",
    "agent_name",
    "agent_id_number",
    "agent_phone",
    "window_id",
    "received_at",
    "received_by_id",
    "accepted_at",
    "accepted_by_id",
    "deadline",
    "warning_date",
    "deadline_provisional",
    "deficiency_due",
    "deficiency_promise",
    "refusal_reason",
    "refusal_basis",
    "competent_authority",
    "suspended_days",
    "extended_days",
    "extension_reason",
    "decision",
    "decided_at",
    "result_number",
    "decision_reason",
    "decision_basis",
    "ready_at",
    "completed_at",
    "termination_reason",
    "updated_at",
)
EVENT_COLUMNS = ("case_id", "at", "actor_id", "action", "from_status", "to_status", "note", "data")


# --- Working days, fast ---------------------------------------------------------------------


class Workdays:
    """The calendar's working days as a sorted list: adding and counting by bisection."""

    def __init__(self, first: dt.date, last: dt.date) -> None:
        from gaoxin.core import workdays

        calendar = workdays.WorkCalendar.load()
        self.scheduled = calendar.scheduled_years
        self.days: list[dt.date] = []
        day = first
        while day <= last:
            if calendar.is_working_day(day):
                self.days.append(day)
            day += dt.timedelta(days=1)

    def count_to(self, day: dt.date) -> int:
        """Working days up to and including ``day``."""
        return bisect.bisect_right(self.days, day)

    def add(self, start: dt.date, n: int) -> dt.date:
        """The calendar's ``add_working_days``: counted from the day after ``start``."""
        return start if n == 0 else self.days[self.count_to(start) + n - 1]

    def between(self, start: dt.date, end: dt.date) -> int:
        return self.count_to(end) - self.count_to(start)

    def provisional(self, start: dt.date, end: dt.date) -> bool:
        return any(year not in self.scheduled for year in range(start.year, end.year + 1))


# --- One case's life --------------------------------------------------------------------------


@dataclass
class Item:
    id: int
    code: str
    department_id: int
    immediate: bool
    promised: int
    statutory: int
    windows: list[int]  # specialist windows serving its department


@dataclass
class Life:
    """A case as it stands today, and its history rows up to today."""

    row: dict[str, Any]
    events: list[tuple[Any, ...]] = field(default_factory=list)


SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀华平刚桂英文辉建国玉兰志红霞鹏飞晓雪梅宇浩然欣怡"
TRADES = (
    "科技",
    "商贸",
    "餐饮管理",
    "建设工程",
    "物流",
    "医药",
    "文化传媒",
    "环保科技",
    "机械制造",
)


def moment(day: dt.date, rng: random.Random, start: int = 9, end: int = 17) -> dt.datetime:
    minutes = rng.randrange(start * 60, end * 60 + 30)
    return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), SHANGHAI).astimezone(
        dt.UTC
    )


class Generator:
    """Makes one case's life at a time (``life``), the same lives for the same seed.

    Cases are received on the working days from ``first`` to ``last`` (``today`` unless
    given); nothing happens after ``now`` (this moment unless given). ``actor`` names who did
    an action on an item's case (None: nobody named; the ``clerk`` when not given); ``late``
    is the share of commitment cases whose result is ready after the deadline."""

    def __init__(
        self,
        *,
        seed: int,
        first: dt.date,
        today: dt.date,
        clerk: int,
        last: dt.date | None = None,
        now: dt.datetime | None = None,
        actor: Callable[[str, Item], int | None] | None = None,
        late: float = 0.03,
    ) -> None:
        from gaoxin.catalog.models import HandlingKind, ServiceItem
        from gaoxin.core.models import Window

        self.rng = random.Random(seed)  # noqa: S311  (made-up data, repeatable)
        self.today = today
        self.now = now or dt.datetime.now(dt.UTC)
        self.clerk = clerk
        self.actor = actor
        self.late = late
        last = last or today
        self.calendar = Workdays(first - dt.timedelta(days=30), today + dt.timedelta(days=400))
        self.receiving_days = [d for d in self.calendar.days if first <= d <= last]
        windows = Window.objects.all()
        self.intake_windows = [w.pk for w in windows if w.kind == Window.Kind.INTAKE]
        serving: dict[int, list[int]] = {}
        for window in windows.filter(kind=Window.Kind.SPECIALIST).prefetch_related("departments"):
            for department in window.departments.all():
                serving.setdefault(department.pk, []).append(window.pk)
        self.items = [
            Item(
                i.pk,
                i.code,
                i.department_id,
                i.handling == HandlingKind.IMMEDIATE,
                i.promised_days,
                i.statutory_days,
                serving.get(i.department_id, []),
            )
            for i in ServiceItem.objects.filter(is_current=True).order_by("code")
        ]
        if not self.items or not self.intake_windows:
            raise SystemExit("The demo catalog and windows are missing (seed_demo).")
        weights = [1 / (rank + 1) ** 0.9 for rank in range(len(self.items))]
        self.rng.shuffle(weights)
        self.cumulative = list(_accumulate(weights))

    def applicant(self, case_id: int) -> dict[str, Any]:
        """A person (two in three) or an enterprise, with a made-up name and number."""
        rng = self.rng
        if rng.random() < 0.67:
            given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
            return {
                "applicant_kind": "person",
                "applicant_name": rng.choice(SURNAMES) + given,
                "id_number": _resident_id(case_id, rng),
            }
        name = f"咸阳{rng.choice(GIVEN)}{rng.choice(GIVEN)}{rng.choice(TRADES)}有限公司"
        return {
            "applicant_kind": "enterprise",
            "applicant_name": name,
            "credit_code": _credit_code(case_id),
            "legal_representative": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
        }

    def window_for(self, item: Item) -> int | None:
        draw = self.rng.random()
        if draw < 0.05:
            return None
        if draw < 0.22 and item.windows:
            return self.rng.choice(item.windows)
        return self.rng.choice(self.intake_windows)

    def life(self, case_id: int) -> Life:
        rng, cal = self.rng, self.calendar
        item = self.items[bisect.bisect_left(self.cumulative, rng.random() * self.cumulative[-1])]
        received = moment(rng.choice(self.receiving_days), rng)
        while received > self.now:  # later today: not yet
            received = moment(rng.choice(self.receiving_days), rng)
        window = self.window_for(item)
        row: dict[str, Any] = {
            "id": case_id,
            "receipt_number": f"SJ{case_id:012d}",
            "number": None,
            "item_id": item.id,
            "department_id": item.department_id,
            "status": "received",
            **self.applicant(case_id),
            "phone": f"139{case_id % 100000000:08d}",
            "window_id": window,
            "received_at": received,
            "received_by_id": self.clerk,
        }
        life = Life(row)
        events = life.events

        def event(at: dt.datetime, action: str, before: str, after: str) -> bool:
            """Record the event when it has happened by now; tell whether it has."""
            if at > self.now:
                return False
            by = self.actor(action, item) if self.actor else self.clerk
            events.append((case_id, at, by, action, before, after, "", "{}"))
            row["status"] = after
            return True

        event(received, "receive", "", "received")
        draw = rng.random()
        at, status = received, "received"
        if draw < 0.05:
            event(received, "refuse", "received", "refused")
            row["refusal_reason"], row["refusal_basis"] = (
                "不属于受理范围",
                "《行政许可法》第三十二条",
            )
            return life
        if draw < 0.12:
            rounds = 2 if draw < 0.055 else 1
            for _round in range(rounds):
                if not event(at, "request_correction", status, "correction"):
                    return life
                status = "correction"
                at = moment(cal.add(timezone_date(at), rng.randint(1, 10)), rng)
                if rng.random() < 0.33:
                    row["window_id"] = self.window_for(item)
            if draw < 0.06:
                return life  # never came back
            if at > self.now:
                return life
        accepted = at
        if not event(accepted, "accept", status, "accepted"):
            return life
        accepted_day = timezone_date(accepted)
        row["accepted_at"], row["accepted_by_id"] = accepted, self.clerk
        row["number"] = f"XYGX{case_id:012d}"
        suspended = extended = 0
        self._limits(row, item, accepted_day, 0, 0)
        if item.immediate:
            # Decided on the spot; the applicant usually takes the result away at once.
            event(accepted, "claim", "accepted", "in_review")
            event(accepted, "grant", "in_review", "decided")
            row["decision"], row["decided_at"] = "granted", accepted
            event(accepted, "issue_result", "decided", "awaiting_delivery")
            row["ready_at"] = accepted
            row["result_number"] = f"R{case_id:012d}"
            later = rng.random() < 0.15
            handed = (
                accepted if not later else moment(cal.add(accepted_day, rng.randint(1, 5)), rng)
            )
            if event(max(handed, accepted), "deliver", "awaiting_delivery", "completed"):
                row["completed_at"] = max(handed, accepted)
            return life
        fate = rng.random()
        promised = item.promised
        if rng.random() < self.late:
            used = promised + rng.randint(1, 5)  # late
        else:
            used = max(0, min(promised, round(promised * rng.betavariate(2.2, 2.5))))
        claim = moment(cal.add(accepted_day, 0 if rng.random() < 0.6 else 1), rng)
        if not event(max(claim, accepted), "claim", "accepted", "in_review"):
            return life
        if fate < 0.015:
            ended = moment(cal.add(accepted_day, max(1, used // 2)), rng)
            if event(max(ended, claim), "terminate", "in_review", "terminated"):
                row["completed_at"] = max(ended, claim)
                row["termination_reason"] = "申请人申请终止办理"
            return life
        if rng.random() < 0.06:
            start_day = cal.add(accepted_day, rng.randint(0, max(0, used - 1)))
            days = rng.randint(1, 10)
            begun = max(moment(start_day, rng, 9, 12), claim)
            if not event(begun, "suspend", "in_review", "suspended"):
                return life
            resumed = moment(cal.add(timezone_date(begun), days), rng, 12, 17)
            if not event(resumed, "resume", "suspended", "in_review"):
                return life
            suspended = cal.between(timezone_date(begun), timezone_date(resumed))
            row["suspended_days"] = suspended
        room = item.statutory - promised
        if room and rng.random() < 0.02:
            extended = rng.randint(1, room)
            row["extended_days"], row["extension_reason"] = extended, "情况复杂，需延长办理期限"
            used = min(used + rng.randint(0, extended), promised + extended)
        self._limits(row, item, accepted_day, suspended, extended)
        ready_day = cal.add(accepted_day, used + suspended)
        ready = max(moment(ready_day, rng, 10, 17), claim)
        deny = fate < 0.055
        if deny:
            if not event(ready, "deny", "in_review", "awaiting_delivery"):
                return life
            row["decision"], row["decided_at"] = "denied", ready
            row["decision_reason"], row["decision_basis"] = "不符合法定条件", "相关法规"
        else:
            decided = ready - dt.timedelta(minutes=30)
            if not event(decided, "grant", "in_review", "decided"):
                return life
            row["decision"], row["decided_at"] = "granted", decided
            if not event(ready, "issue_result", "decided", "awaiting_delivery"):
                return life
            row["result_number"] = f"R{case_id:012d}"
        row["ready_at"] = ready
        wait = rng.choice((0, 0, 0, 1, 1, 2, 3)) if rng.random() < 0.85 else rng.randint(4, 10)
        handed = max(moment(cal.add(ready_day, wait), rng), ready)
        if event(handed, "deliver", "awaiting_delivery", "completed"):
            row["completed_at"] = handed
        return life

    def _limits(
        self, row: dict[str, Any], item: Item, accepted: dt.date, suspended: int, extended: int
    ) -> None:
        days = item.promised + extended
        deadline = self.calendar.add(accepted, days + suspended)
        row["deadline"] = deadline
        row["warning_date"] = self.calendar.add(accepted, math.ceil(days * 0.8) + suspended)
        row["deadline_provisional"] = self.calendar.provisional(accepted, deadline)


def timezone_date(moment_: dt.datetime) -> dt.date:
    return moment_.astimezone(SHANGHAI).date()


def _accumulate(values: Iterable[float]) -> Iterable[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


# --- Writing ----------------------------------------------------------------------------------


def case_tuple(row: dict[str, Any], now: dt.datetime) -> tuple[Any, ...]:
    defaults = {
        "id_number": "",
        "credit_code": "",
        "legal_representative": "",
        "contact_name": "",
        "address": "",
        "agent_name": "",
        "agent_id_number": "",
        "agent_phone": "",
        "accepted_at": None,
        "accepted_by_id": None,
        "deadline": None,
        "warning_date": None,
        "deadline_provisional": False,
        "deficiency_due": None,
        "deficiency_promise": "",
        "refusal_reason": "",
        "refusal_basis": "",
        "competent_authority": "",
        "suspended_days": 0,
        "extended_days": 0,
        "extension_reason": "",
        "decision": "",
        "decided_at": None,
        "result_number": "",
        "decision_reason": "",
        "decision_basis": "",
        "ready_at": None,
        "completed_at": None,
        "termination_reason": "",
        "updated_at": now,
    }
    values = {**defaults, **row}
    return tuple(values[name] for name in CASE_COLUMNS)


def insert(table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """Bulk insert: COPY on PostgreSQL, executemany elsewhere."""
    from django.db import connection

    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    name = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg's own cursor: COPY is not in the DB-API
            with raw.copy(f"COPY {name} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {name} ({quoted}) VALUES ({marks})", rows)  # noqa: S608


def _resident_id(case_id: int, rng: random.Random) -> str:
    """A well-formed resident ID (valid date and check character), as a real one looks."""
    from gaoxin.core.identity import resident_id_check_character

    born = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(365 * 45))
    first17 = f"610402{born:%Y%m%d}{case_id % 1000:03d}"
    return first17 + resident_id_check_character(first17)


def _credit_code(case_id: int) -> str:
    from gaoxin.core.identity import credit_code_check_character

    body = f"91610402MA{case_id % 10_000_000:07d}"
    return body + credit_code_check_character(body)

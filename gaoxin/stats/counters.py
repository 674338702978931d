"""Keeping the summary tables (``gaoxin.stats.models``) in step with the cases.

Every history row of a case goes through ``gaoxin.cases.history.log_all``, which calls
``count_all`` in the same transaction: the counts commit with the case's change or not at
all. An event that changes a figure adds to one row of ``DailyCount`` (day × department ×
item code × window) and one row of ``DepartmentDailyCount`` (day × department): one ``UPDATE
… SET n = n + 1`` each, an insert first only for the first count of a row; rows written
together (an intake's receipt and its end) add up into one update per row. Events that
change no figure (claims, steps, suspensions …) write nothing.

What is counted, on which day (the local date, Asia/Shanghai), and under which keys:

=====================  =========================================  ==========================
event (status move)    counters                                   day
=====================  =========================================  ==========================
→ received (new case)  received                                   the case's ``received_at``
→ correction           corrections (one per one-time notice)      the event's time
received/correction →  accepted; accepted_immediate when the      the case's ``accepted_at``
accepted               item version is immediate (即办件)
→ refused              refused                                    the event's time
→ completed            completed; completed_denied (a denial);    the case's ``completed_at``
                       completed_on_time (local date of
                       ``ready_at`` ≤ ``deadline``); used_days;
                       promised_days
→ terminated           terminated                                 the case's ``completed_at``
→ withdrawn            withdrawn                                  the event's time
=====================  =========================================  ==========================

``used_days`` of a completed case is the working days from acceptance to the result being
ready (``working_days_between(accepted, ready)``, the calendar's convention) less the
working days suspended (``suspended_days``); ``promised_days`` is its item version's promised
limit. The keys are the case's department, its item's code (every version together) and its
window (``Case.window``; 0 for none).

A case's window can change while it is open at the window: an application sent home for
correction may come back to another window (a case is never left "received" between
transactions: every intake ends in the transaction that received it). ``PendingIntake``
remembers, while the case waits, the window its counts were filed under; when the case comes
back elsewhere, its received and one-time-notice counts move to the new window. So every count
of a case is filed under the window the case names, and the tables equal a recount from the
cases at every commit.

``rebuild`` recomputes the tables from the cases and their history (the generator of the
benchmark uses it; ``manage.py rebuild_stats`` repairs with it). Two things change a figure
without an event, and are followed by a rebuild: confirming a year's official holidays
recounts provisional deadlines and working days (on the signal, a rebuild from the year
before is queued for the worker); correcting a past day of the calendar by hand (run
``manage.py rebuild_stats --since`` that day). A window deleted from the list leaves its
cases without a window, and their counts under the old one until a rebuild.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from gaoxin.cases.models import Case, CaseEvent, Decision
from gaoxin.cases.workflow import OPEN_AT_WINDOW, Status
from gaoxin.catalog.models import HandlingKind
from gaoxin.core import workdays
from gaoxin.stats.models import COUNTERS, DailyCount, DepartmentDailyCount, PendingIntake

Key = tuple[dt.date, int, str, int]  # day, department, item code, window


# --- Counting one event ---------------------------------------------------------------------


def count(event: CaseEvent, case: Case) -> None:
    """Add the event to the counts."""
    count_all([event], case)


def count_all(events: list[CaseEvent], case: Case) -> None:
    """Add the events of one case, written together, to the counts (a batch listener of
    ``cases.history``, in the case's transaction): what they add to the same row is added in
    one update (an intake's receipt and acceptance: received and accepted at once)."""
    changes: dict[Key, dict[str, int]] = {}
    for event in events:
        _count(event, case, changes)
    for key, values in changes.items():
        add(key, values, rollup=True)


def _count(event: CaseEvent, case: Case, changes: dict[Key, dict[str, int]]) -> None:
    before, after = event.from_status, event.to_status
    if before == Status.CORRECTION:
        _refile(event, case)
    change = increments(event, case)
    if change is not None:
        day, values = change
        row = changes.setdefault((day, case.department_id, case.item.code, case.window_id or 0), {})
        for name, n in values.items():
            row[name] = row.get(name, 0) + n
    if after == Status.CORRECTION:
        PendingIntake.objects.update_or_create(
            case_id=case.pk, defaults={"window_pk": case.window_id or 0}
        )
    elif before == Status.CORRECTION:
        PendingIntake.objects.filter(case_id=case.pk).delete()


def increments(event: CaseEvent, case: Case) -> tuple[dt.date, dict[str, int]] | None:
    """The day and the counters an event adds to, or None for an event that counts nothing."""
    before, after = event.from_status, event.to_status
    if after == Status.RECEIVED and not before:
        return _day(case.received_at), {"received": 1}
    if after == Status.CORRECTION:
        return _day(event.at), {"corrections": 1}
    if after == Status.ACCEPTED and before in OPEN_AT_WINDOW:
        assert case.accepted_at is not None
        immediate = case.item.handling == HandlingKind.IMMEDIATE
        return _day(case.accepted_at), _nonzero(accepted=1, accepted_immediate=int(immediate))
    if before == after:
        return None
    if after == Status.REFUSED:
        return _day(event.at), {"refused": 1}
    if after == Status.COMPLETED:
        assert case.completed_at is not None
        return _day(case.completed_at), completion(case, workdays.WorkCalendar.load())
    if after == Status.TERMINATED:
        assert case.completed_at is not None
        return _day(case.completed_at), {"terminated": 1}
    if after == Status.WITHDRAWN:
        return _day(event.at), {"withdrawn": 1}
    return None


def completion(case: Case, calendar: workdays.WorkCalendar) -> dict[str, int]:
    """The counters of one completed case."""
    assert case.accepted_at is not None and case.ready_at is not None
    ready = _day(case.ready_at)
    used = calendar.working_days_between(_day(case.accepted_at), ready) - case.suspended_days
    on_time = case.deadline is not None and ready <= case.deadline
    return _nonzero(
        completed=1,
        completed_denied=int(case.decision == Decision.DENIED),
        completed_on_time=int(on_time),
        used_days=used,
        promised_days=case.item.promised_days,
    )


def add(key: Key, values: dict[str, int], *, rollup: bool) -> None:
    """Add ``values`` to the row of ``key`` (and of its department, with ``rollup``)."""
    day, department, item_code, window = key
    _upsert(
        DailyCount,
        {"day": day, "department_id": department, "item_code": item_code, "window_pk": window},
        values,
    )
    if rollup:
        _upsert(DepartmentDailyCount, {"day": day, "department_id": department}, values)


def _upsert(model: Any, key: dict[str, Any], values: dict[str, int]) -> None:
    # One UPDATE when the row exists (nearly always); the first count of a row inserts it
    # (a concurrent insert of the same row is ignored) and updates again.
    updates = {name: F(name) + n for name, n in values.items()}
    if model.objects.filter(**key).update(**updates):
        return
    model.objects.bulk_create([model(**key)], ignore_conflicts=True)
    model.objects.filter(**key).update(**updates)


def _refile(event: CaseEvent, case: Case) -> None:
    """The applicant came back after a correction, perhaps to another window: the case's
    earlier counts follow it there."""
    filed = PendingIntake.objects.filter(case_id=case.pk).values_list("window_pk", flat=True)
    old = filed.first()
    new = case.window_id or 0
    if old is None or old == new:
        return
    base = (case.department_id, case.item.code)
    moves: list[tuple[dt.date, dict[str, int]]] = [(_day(case.received_at), {"received": 1})]
    earlier = CaseEvent.objects.filter(case_id=case.pk, to_status=Status.CORRECTION).exclude(
        pk=event.pk
    )
    moves += [(_day(at), {"corrections": 1}) for at in earlier.values_list("at", flat=True)]
    for day, values in moves:
        add((day, *base, old), {k: -v for k, v in values.items()}, rollup=False)
        add((day, *base, new), values, rollup=False)


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment)


def _nonzero(**values: int) -> dict[str, int]:
    return {name: n for name, n in values.items() if n}


# --- Rebuilding from the cases ----------------------------------------------------------------


@transaction.atomic
def rebuild(since: dt.date | None = None) -> int:
    """Recompute the summary tables from the cases and their history, for every day from
    ``since`` (all days when None). Returns the number of ``DailyCount`` rows written.

    Writers wait while it runs (the tables are locked), so no event is lost or counted twice.
    """
    _lock()
    counts = recount_rows(since)
    fine = DailyCount.objects.all()
    rolled = DepartmentDailyCount.objects.all()
    if since is not None:
        fine, rolled = fine.filter(day__gte=since), rolled.filter(day__gte=since)
    fine.delete()
    rolled.delete()
    DailyCount.objects.bulk_create(
        (
            DailyCount(day=day, department_id=dep, item_code=code, window_pk=window, **dict(values))
            for (day, dep, code, window), values in counts.items()
        ),
        batch_size=2000,
    )
    departments: dict[tuple[dt.date, int], dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(COUNTERS, 0)
    )
    for (day, dep, _code, _window), values in counts.items():
        row = departments[(day, dep)]
        for name, n in values.items():
            row[name] += n
    DepartmentDailyCount.objects.bulk_create(
        (
            DepartmentDailyCount(day=day, department_id=dep, **values)
            for (day, dep), values in departments.items()
        ),
        batch_size=2000,
    )
    PendingIntake.objects.all().delete()
    PendingIntake.objects.bulk_create(
        PendingIntake(case_id=pk, window_pk=window or 0)
        for pk, window in Case.objects.filter(status=Status.CORRECTION).values_list(
            "pk", "window_id"
        )
    )
    return len(counts)


def _lock() -> None:
    if connection.vendor == "postgresql":
        tables = ", ".join(
            connection.ops.quote_name(m._meta.db_table)
            for m in (DailyCount, DepartmentDailyCount, PendingIntake)
        )
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
    # SQLite: the transaction already holds the database's write lock (transaction_mode
    # IMMEDIATE), so no writer runs meanwhile.


def recount_rows(since: dt.date | None = None) -> dict[Key, dict[str, int]]:
    """Every counter of every key, counted from the cases and their history."""
    start = (
        timezone.make_aware(dt.datetime.combine(since, dt.time.min)) if since is not None else None
    )
    rows: dict[Key, dict[str, int]] = defaultdict(dict)

    def put(found: Iterable[Any], names: tuple[str, ...]) -> None:
        for row in found:
            key = (row["day"], row["k_dep"], row["k_code"], row["k_win"] or 0)
            for name in names:
                if row[name]:
                    rows[key][name] = rows[key].get(name, 0) + row[name]

    keys = {"k_dep": F("department_id"), "k_code": F("item__code"), "k_win": F("window_id")}
    cases = Case.objects.order_by()

    def since_filter(field: str) -> Q:
        return Q(**{f"{field}__gte": start}) if start is not None else Q()

    put(
        cases.filter(since_filter("received_at"))
        .values(day=TruncDate("received_at"), **keys)
        .annotate(received=Count("id")),
        ("received",),
    )
    put(
        cases.filter(since_filter("accepted_at"), accepted_at__isnull=False)
        .values(day=TruncDate("accepted_at"), **keys)
        .annotate(
            accepted=Count("id"),
            accepted_immediate=Count("id", filter=Q(item__handling=HandlingKind.IMMEDIATE)),
        ),
        ("accepted", "accepted_immediate"),
    )
    put(
        cases.filter(since_filter("completed_at"), status=Status.TERMINATED)
        .values(day=TruncDate("completed_at"), **keys)
        .annotate(terminated=Count("id")),
        ("terminated",),
    )
    event_keys = {
        "k_dep": F("case__department_id"),
        "k_code": F("case__item__code"),
        "k_win": F("case__window_id"),
    }
    events = CaseEvent.objects.order_by()
    for status, name in (
        (Status.REFUSED, "refused"),
        (Status.CORRECTION, "corrections"),
        (Status.WITHDRAWN, "withdrawn"),
    ):
        found = events.filter(since_filter("at"), to_status=status)
        if status != Status.CORRECTION:
            found = found.exclude(from_status=status)
        put(
            found.values(day=TruncDate("at"), **event_keys).annotate(**{name: Count("id")}),
            (name,),
        )
    _completions(cases.filter(since_filter("completed_at"), status=Status.COMPLETED), rows)
    return rows


def _completions(cases: Any, rows: dict[Key, dict[str, int]]) -> None:
    """The completion counters, case by case: working days need the calendar."""
    found = cases.values_list(
        TruncDate("completed_at"),
        TruncDate("accepted_at"),
        TruncDate("ready_at"),
        "deadline",
        "suspended_days",
        "decision",
        "item__promised_days",
        "department_id",
        "item__code",
        "window_id",
    )
    index = _WorkdayIndex(workdays.WorkCalendar.load())
    for (
        done,
        accepted,
        ready,
        deadline,
        suspended,
        decision,
        promised,
        dep,
        code,
        window,
    ) in found.iterator(chunk_size=5000):
        row = rows[(done, dep, code, window or 0)]
        used = index.between(accepted, ready) - suspended
        for name, n in (
            ("completed", 1),
            ("completed_denied", int(decision == Decision.DENIED)),
            ("completed_on_time", int(deadline is not None and ready <= deadline)),
            ("used_days", used),
            ("promised_days", promised),
        ):
            if n:
                row[name] = row.get(name, 0) + n


class _WorkdayIndex:
    """Working days between two dates by two look-ups in a running count of working days,
    which covers whatever range is asked for."""

    MARGIN = dt.timedelta(days=62)

    def __init__(self, calendar: workdays.WorkCalendar) -> None:
        self.calendar = calendar
        self.first = dt.date.min
        self.counts: list[int] = []

    def between(self, start: dt.date, end: dt.date) -> int:
        return self._at(end) - self._at(start)

    def _at(self, day: dt.date) -> int:
        offset = (day - self.first).days if self.counts else -1
        if not 0 <= offset < len(self.counts):
            self._cover(day)
            offset = (day - self.first).days
        return self.counts[offset]

    def _cover(self, day: dt.date) -> None:
        first, last = day - self.MARGIN, day + self.MARGIN
        if self.counts:
            first = min(first, self.first)
            last = max(last, self.first + dt.timedelta(days=len(self.counts) - 1))
        counts, n, step = [0], 0, first
        while step < last:
            step += workdays.ONE_DAY
            n += self.calendar.is_working_day(step)
            counts.append(n)
        self.first, self.counts = first, counts


def rebuild_after_calendar_confirmed(*, year: int, **_: Any) -> None:
    """A confirmed year recounts provisional deadlines and working days reaching into it: the
    completions of that year and the one before are counted again, by the worker."""
    from gaoxin.stats.tasks import rebuild_task

    rebuild_task.enqueue(dt.date(year - 1, 1, 1).isoformat())

"""Readable numbers that never repeat, even when two clerks press "accept" together.

Case number: ``<zone code><yyyymmdd><6-digit sequence>`` (e.g. XYGX20261123000042), printed on
every notice. Receipt number: ``SJ<yyyymmdd><6-digit sequence>``, given to every application
the moment it is received, accepted or not.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction

from gaoxin.cases.models import NumberCounter
from gaoxin.core.models import Zone


def next_in_sequence(scope: str, day: dt.date) -> int:
    """The next number of ``scope`` for ``day``. Must run inside the caller's transaction: the
    counter row stays locked until it commits, so concurrent callers wait in turn; callers
    take their numbers as late as they can, to hold the lock briefly."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_in_sequence must run inside a transaction")
    table = NumberCounter._meta.db_table
    increment = f"UPDATE {table} SET last = last + 1 WHERE scope = %s AND day = %s RETURNING last"  # noqa: S608 - the table name is ours
    with connection.cursor() as cursor:
        cursor.execute(increment, [scope, day])
        row = cursor.fetchone()
        if row is None:
            # The day's first number: create the row (another clerk may win the race, hence
            # ignore_conflicts) and increment again.
            NumberCounter.objects.bulk_create(
                [NumberCounter(scope=scope, day=day, last=0)], ignore_conflicts=True
            )
            cursor.execute(increment, [scope, day])
            row = cursor.fetchone()
    return int(row[0])


def next_in_sequences(scopes: list[str], day: dt.date) -> dict[str, int]:
    """``next_in_sequence`` of several scopes at once, in one round trip. The rows are locked
    in the order of their scopes, so two callers asking for the same scopes never deadlock."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_in_sequences must run inside a transaction")
    table = NumberCounter._meta.db_table
    wanted = sorted(set(scopes))
    marks = ", ".join(["%s"] * len(wanted))
    if connection.vendor == "postgresql":
        increment = (
            f"WITH locked AS (SELECT id FROM {table} WHERE day = %s AND scope IN ({marks}) "  # noqa: S608 - our table
            f"ORDER BY scope FOR UPDATE) UPDATE {table} AS counter SET last = counter.last + 1 "
            f"FROM locked WHERE counter.id = locked.id RETURNING counter.scope, counter.last"
        )
    else:  # SQLite has one writer at a time: no order to keep
        increment = (
            f"UPDATE {table} SET last = last + 1 WHERE day = %s AND scope IN ({marks}) "  # noqa: S608 - our table
            f"RETURNING scope, last"
        )
    with connection.cursor() as cursor:
        cursor.execute(increment, [day, *wanted])
        taken = {scope: int(last) for scope, last in cursor.fetchall()}
    for scope in wanted:
        if scope not in taken:  # the day's first number of this scope
            taken[scope] = next_in_sequence(scope, day)
    return taken


def numbers(day: dt.date, scopes: list[str]) -> dict[str, str]:
    """The next receipt and/or case number of ``day``, as ``scopes`` asks, formatted."""
    taken = next_in_sequences(scopes, day) if scopes else {}
    formatted = {}
    if "receipt" in taken:
        formatted["receipt"] = f"SJ{day:%Y%m%d}{taken['receipt']:06d}"
    if "case" in taken:
        formatted["case"] = f"{_zone_code()}{day:%Y%m%d}{taken['case']:06d}"
    return formatted


def case_number(day: dt.date) -> str:
    return numbers(day, ["case"])["case"]


def receipt_number(day: dt.date) -> str:
    return numbers(day, ["receipt"])["receipt"]


def _zone_code() -> str:
    zone = Zone.current()
    return zone.code if zone else "GX"


def result_number(department_id: int, department_code: str, day: dt.date) -> str:
    """The number of a result document (准予许可决定书, 证照), counted per department and year:
    e.g. ``XYGX-SCJG〔2026〕00042号``."""
    sequence = next_in_sequence(f"R{department_id}", dt.date(day.year, 1, 1))
    return f"{_zone_code()}-{department_code}〔{day.year}〕{sequence:05d}号"

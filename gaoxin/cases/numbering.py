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


def case_number(day: dt.date) -> str:
    zone = Zone.current()
    code = zone.code if zone else "GX"
    return f"{code}{day:%Y%m%d}{next_in_sequence('case', day):06d}"


def receipt_number(day: dt.date) -> str:
    return f"SJ{day:%Y%m%d}{next_in_sequence('receipt', day):06d}"


def result_number(department_id: int, department_code: str, day: dt.date) -> str:
    """The number of a result document (准予许可决定书, 证照), counted per department and year:
    e.g. ``XYGX-SCJG〔2026〕00042号``."""
    zone = Zone.current()
    code = zone.code if zone else "GX"
    sequence = next_in_sequence(f"R{department_id}", dt.date(day.year, 1, 1))
    return f"{code}-{department_code}〔{day.year}〕{sequence:05d}号"

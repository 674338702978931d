"""Readable numbers that never repeat, even when two clerks press "accept" together.

Case number: ``<zone code><yyyymmdd><6-digit sequence>`` (e.g. XYGX20261123000042), printed on
every notice. Receipt number: ``SJ<yyyymmdd><6-digit sequence>``, given to every application
the moment it is received, accepted or not.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gaoxin.cases.models import NumberCounter
from gaoxin.core.models import Zone


def next_in_sequence(scope: str, day: dt.date) -> int:
    """The next number of ``scope`` for ``day``. Must run inside the caller's transaction: the
    counter row stays locked until it commits, so numbers are gap-free per committed case
    and concurrent callers wait in turn."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_in_sequence must run inside a transaction")
    # The day's row may not exist yet; creating it may race with another clerk, so insert
    # and ignore a conflict, then lock whichever row won.
    NumberCounter.objects.bulk_create(
        [NumberCounter(scope=scope, day=day, last=0)], ignore_conflicts=True
    )
    counter = NumberCounter.objects.select_for_update().get(scope=scope, day=day)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def case_number(day: dt.date) -> str:
    zone = Zone.current()
    code = zone.code if zone else "GX"
    return f"{code}{day:%Y%m%d}{next_in_sequence('case', day):06d}"


def receipt_number(day: dt.date) -> str:
    return f"SJ{day:%Y%m%d}{next_in_sequence('receipt', day):06d}"

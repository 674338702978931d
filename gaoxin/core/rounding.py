"""How every figures page rounds: per cent and averages to one decimal, half up (the way a
report printed by hand rounds), blank (None) when there is nothing to divide."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

TENTH = Decimal("0.1")


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100 * part) / Decimal(whole)).quantize(TENTH, ROUND_HALF_UP)


def average(total: float, count: int) -> Decimal | None:
    if not count:
        return None
    # str(): a float's shortest decimal form, so 2.675 rounds as written, not as stored.
    return (Decimal(str(total)) / Decimal(count)).quantize(TENTH, ROUND_HALF_UP)

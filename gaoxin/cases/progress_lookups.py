"""Other records the public progress page (办件进度查询) can find by their number: an
application received here for a partner zone (跨区通办), for one, is not a case of ours but its
applicant looks it up here with the receipt number on their slip.

The apps above this one register a look-up in their AppConfig.ready(): a function of the
number and the four check characters, as typed, that gives the template and context drawing
what it found, or None. The page asks them only when no case of ours matches, and counts a
wrong try only when none of them matches either.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

LookUp = Callable[[str, str], dict[str, Any] | None]

LOOKUPS: list[LookUp] = []


def register(look_up: LookUp) -> None:
    if look_up not in LOOKUPS:
        LOOKUPS.append(look_up)


def find(number: str, check: str) -> dict[str, Any] | None:
    number, check = number.strip().upper(), check.strip().upper()
    for look_up in LOOKUPS:
        found = look_up(number, check)
        if found is not None:
            return found
    return None

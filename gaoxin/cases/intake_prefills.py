"""What other apps know of the applicant before the clerk types: the intake page's initial
values for a new intake at a window (the hall's ticket being served there, when it came with a
booked visit's name, ID number and phone).

Like ``done_actions``: the apps above this one register a function in their
AppConfig.ready(); it is given the clerk and the window the desk works for (its ``window``
query parameter, else the clerk's own) and returns initial values of the applicant form, or
None when it knows nothing. The first answer wins; the clerk can change every value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gaoxin.core.models import Window

Prefill = Callable[[Any, Window | None], dict[str, Any] | None]

PREFILLS: list[Prefill] = []


def register(prefill: Prefill) -> None:
    if prefill not in PREFILLS:
        PREFILLS.append(prefill)


def initial_for(user: Any, window: Window | None) -> dict[str, Any]:
    for prefill in PREFILLS:
        found = prefill(user, window)
        if found:
            return found
    return {}

"""Marks other apps put on a case's staff pages (the case page and the work page): "received
for us by a partner zone", for one.

Like ``done_actions``: the apps above this one register a function in their
AppConfig.ready() that gives the mark's text for the case, or None when it has none.
"""

from __future__ import annotations

from collections.abc import Callable

from gaoxin.cases.models import Case

Badge = Callable[[Case], str | None]

BADGES: list[Badge] = []


def register(badge: Badge) -> None:
    if badge not in BADGES:
        BADGES.append(badge)


def badges_for(case: Case) -> list[str]:
    return [text for text in (badge(case) for badge in BADGES) if text]

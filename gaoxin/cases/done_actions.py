"""Buttons other apps add to the window's "done" pages, after an intake and after a delivery.

The cases app sits below the apps that follow a service up (the 好差评 ratings), so it cannot
name them: they register here in their AppConfig.ready(), with the moment they belong to, a
template that draws the button, and a function that gives its context for the clerk and the
case — or None when there is nothing to offer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gaoxin.cases.models import Case

AFTER_INTAKE, AFTER_DELIVERY = "intake", "delivery"


@dataclass(frozen=True)
class DoneAction:
    moment: str
    template: str
    context: Callable[[Any, Case], dict[str, Any] | None]


ACTIONS: list[DoneAction] = []


def register(action: DoneAction) -> None:
    if action not in ACTIONS:
        ACTIONS.append(action)


def actions_for(moment: str, user: Any, case: Case) -> list[dict[str, Any]]:
    shown = []
    for action in ACTIONS:
        if action.moment != moment:
            continue
        context = action.context(user, case)
        if context is not None:
            shown.append({"template": action.template, **context})
    return shown

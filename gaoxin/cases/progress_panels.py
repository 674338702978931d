"""Panels other apps add to the public progress page (办件进度查询) once the applicant has
looked their case up: the buttons to rate the service (好差评), for one.

Like ``done_actions``: the apps above this one register a panel in their AppConfig.ready(),
with a template that draws it and a function that gives its context for the case — or None
when there is nothing to show. The page gives each panel the look-up as the applicant typed
it (``lookup``: number and check), so a form in the panel can prove it again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gaoxin.cases.models import Case


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable[[Case], dict[str, Any] | None]


PANELS: list[Panel] = []


def register(panel: Panel) -> None:
    if panel not in PANELS:
        PANELS.append(panel)


def panels_for(case: Case) -> list[dict[str, Any]]:
    shown = []
    for panel in PANELS:
        context = panel.context(case)
        if context is not None:
            shown.append({"template": panel.template, **context})
    return shown

"""Panels other apps add to the back office's work page of a case (``cases/<pk>/work/``): the
site inspection's request and booking (gaoxin.inspections), for one.

Like ``progress_panels``: the apps above this one register a panel in their
AppConfig.ready(), with a template that draws it and a function that gives its context for the
signed-in user, the case and its open step — or None when there is nothing to show. The work
page draws the panels in its column of actions, below its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gaoxin.cases.models import Case, CaseStep


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable[[Any, Case, CaseStep], dict[str, Any] | None]


PANELS: list[Panel] = []


def register(panel: Panel) -> None:
    if panel not in PANELS:
        PANELS.append(panel)


def panels_for(user: Any, case: Case, step: CaseStep) -> list[dict[str, Any]]:
    shown = []
    for panel in PANELS:
        context = panel.context(user, case, step)
        if context is not None:
            shown.append({"template": panel.template, **context})
    return shown

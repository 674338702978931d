"""Panels other apps add to the top of the window desks — the intake desk (``/desk/``) and the
delivery desk (``/desk/delivery/``): the hall's window bar (gaoxin.hall), for one.

Like ``work_panels``: the apps above this one register a panel in their AppConfig.ready(),
with a template that draws it and a function that gives its context for the request and the
window the desk works for (its ``window`` query parameter, else the clerk's own; None when
there is none) — or None when there is nothing to show. ``desk`` tells which desk asks:
``"intake"`` or ``"delivery"``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gaoxin.core.models import Window

INTAKE_DESK = "intake"
DELIVERY_DESK = "delivery"


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable[[Any, Window | None, str], dict[str, Any] | None]


PANELS: list[Panel] = []


def register(panel: Panel) -> None:
    if panel not in PANELS:
        PANELS.append(panel)


def panels_for(request: Any, window: Window | None, desk: str) -> list[dict[str, Any]]:
    shown = []
    for panel in PANELS:
        context = panel.context(request, window, desk)
        if context is not None:
            shown.append({"template": panel.template, **context})
    return shown

"""Panels on a person's start page, contributed by the apps above core.

An app registers a panel in its AppConfig.ready(): the capability that sees it, the template
that draws it, and a function that gives the template its context for the signed-in user.
Core draws them without knowing the apps (they sit above it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gaoxin.core.permissions import can
from gaoxin.core.roles import Capability


@dataclass(frozen=True)
class StartPanel:
    capability: Capability
    template: str
    context: Callable[[Any], dict[str, Any]]
    order: int = 100


PANELS: list[StartPanel] = []


def register(panel: StartPanel) -> None:
    if panel not in PANELS:
        PANELS.append(panel)


def panels_for(user: Any) -> list[dict[str, Any]]:
    return [
        {"template": panel.template, **panel.context(user)}
        for panel in sorted(PANELS, key=lambda p: p.order)
        if can(user, panel.capability)
    ]

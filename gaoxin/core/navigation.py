"""The left navigation, by role. An entry shows only when the user's role has its capability;
the pages behind them check again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gaoxin.core.permissions import can
from gaoxin.core.roles import Capability


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    icon: str
    capability: Capability | None = None
    section: str | Promise = ""
    order: int = 100


# Core's entries; each app adds its own with ``register`` in its AppConfig.ready(), so core
# does not need to know the apps above it.
NAVIGATION: list[NavItem] = [
    NavItem(_("Start"), "start", "house", order=10),
    NavItem(
        _("My department"), "own_department", "building", Capability.VIEW_OWN_DEPARTMENT, order=30
    ),
    NavItem(
        _("Departments"), "department_list", "diagram-3", Capability.VIEW_ALL_DEPARTMENTS, order=40
    ),
    NavItem(_("Audit log"), "audit_log", "journal-text", Capability.VIEW_AUDIT_LOG, order=90),
    NavItem(
        _("Staff accounts"),
        "manage_users",
        "people",
        Capability.MANAGE_ORGANISATION,
        _("Administration"),
    ),
    NavItem(
        _("Departments"),
        "manage_departments",
        "diagram-3",
        Capability.MANAGE_ORGANISATION,
        _("Administration"),
    ),
    NavItem(
        _("Windows"),
        "manage_windows",
        "grid-3x3",
        Capability.MANAGE_ORGANISATION,
        _("Administration"),
    ),
    NavItem(
        _("Working-day calendar"),
        "manage_calendar",
        "calendar3",
        Capability.MANAGE_CALENDAR,
        _("Administration"),
    ),
    NavItem(
        _("Zone"), "manage_zone", "geo-alt", Capability.MANAGE_ORGANISATION, _("Administration")
    ),
]


def register(*items: NavItem) -> None:
    NAVIGATION.extend(item for item in items if item not in NAVIGATION)


def navigation_for(user: Any, current_path: str) -> list[dict[str, Any]]:
    items = []
    for item in sorted(NAVIGATION, key=lambda i: (bool(i.section), i.order)):
        if item.capability is not None and not can(user, item.capability):
            continue
        url = reverse(item.url_name)
        matches = current_path == url if url == "/" else current_path.startswith(url)
        items.append(
            {
                "label": item.label,
                "url": url,
                "icon": item.icon,
                "section": item.section,
                "active": matches,
            }
        )
    # One entry is current: the longest address the path starts with (/desk/delivery/ is the
    # delivery window, not also the intake desk at /desk/).
    matching: list[str] = [str(i["url"]) for i in items if i["active"]]
    best = max(matching, key=len, default=None)
    for entry in items:
        entry["active"] = entry["url"] == best
    return items

"""The rating pad offered on the window's done pages (一次一评): after an intake, and after a
delivery, while that encounter is not rated yet and only at the window where it took place."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from gaoxin.cases.models import Case
from gaoxin.core.errors import DomainError
from gaoxin.core.permissions import can
from gaoxin.core.roles import Capability
from gaoxin.evaluations.models import Encounter
from gaoxin.evaluations.services import check_pad

TEMPLATE = "evaluations/partials/pad_button.html"


def _pad(encounter: str, user: Any, case: Case) -> dict[str, Any] | None:
    """The pad's button, where the pad could take the rating: the encounter happened, is not
    rated yet, and took place at this clerk's window."""
    if not can(user, Capability.SERVE_AT_WINDOW):
        return None
    try:
        check_pad(user, case, encounter)
    except DomainError:
        return None
    return {"url": reverse("rate_pad", args=[case.pk, encounter])}


def after_intake(user: Any, case: Case) -> dict[str, Any] | None:
    return _pad(Encounter.INTAKE, user, case)


def after_delivery(user: Any, case: Case) -> dict[str, Any] | None:
    return _pad(Encounter.DELIVERY, user, case)

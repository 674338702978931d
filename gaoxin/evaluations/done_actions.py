"""The rating pad offered on the window's done pages (一次一评): after an intake, and after a
delivery, while that encounter is not rated yet."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from gaoxin.cases.models import Case
from gaoxin.core.permissions import can
from gaoxin.core.roles import Capability
from gaoxin.evaluations.models import Encounter, Rating
from gaoxin.evaluations.services import encounter_happened

TEMPLATE = "evaluations/partials/pad_button.html"


def _pad(encounter: str, user: Any, case: Case) -> dict[str, Any] | None:
    if not can(user, Capability.SERVE_AT_WINDOW) or not encounter_happened(case, encounter):
        return None
    if Rating.objects.filter(case=case, encounter=encounter).exists():
        return None
    return {"url": reverse("rate_pad", args=[case.pk, encounter])}


def after_intake(user: Any, case: Case) -> dict[str, Any] | None:
    return _pad(Encounter.INTAKE, user, case)


def after_delivery(user: Any, case: Case) -> dict[str, Any] | None:
    return _pad(Encounter.DELIVERY, user, case)

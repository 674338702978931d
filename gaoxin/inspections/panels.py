"""The site inspection's panel on the case's work page (registered with
``gaoxin.cases.work_panels``): at the inspection step, the request form, or the inspection
under way with its appointment."""

from __future__ import annotations

from typing import Any

from gaoxin.cases.models import Case, CaseStep
from gaoxin.catalog.steps import StepKind
from gaoxin.inspections import services
from gaoxin.inspections.forms import RequestForm
from gaoxin.inspections.models import OPEN, Appointment

TEMPLATE = "inspections/partials/work_panel.html"


def work_panel(user: Any, case: Case, step: CaseStep) -> dict[str, Any] | None:
    if step.kind != StepKind.INSPECTION or not services.may_request(user, case):
        return None
    inspection = case.inspections.filter(status__in=list(OPEN)).first()
    if inspection is not None:
        appointment = (
            inspection.appointments.filter(
                status__in=[Appointment.Status.BOOKED, Appointment.Status.HELD]
            )
            .order_by("-start")
            .select_related("room")
            .first()
        )
        return {"inspection": inspection, "appointment": appointment}
    return {"inspection": None, "request_form": RequestForm(case=case)}


# --- The public progress page (registered with ``gaoxin.cases.progress_panels``) -------------

PROGRESS_TEMPLATE = "inspections/partials/progress_panel.html"


def progress_panel(case: Case) -> dict[str, Any] | None:
    """The applicant's site inspection on the progress page: its booking while it waits, its
    result once concluded."""
    from gaoxin.inspections.models import Inspection

    inspection = (
        case.inspections.exclude(status=Inspection.Status.CANCELLED)
        .order_by("-requested_at")
        .first()
    )
    if inspection is None:
        return None
    appointment = (
        inspection.appointments.filter(
            status__in=[Appointment.Status.BOOKED, Appointment.Status.HELD]
        )
        .order_by("-start")
        .first()
    )
    return {"inspection": inspection, "appointment": appointment}

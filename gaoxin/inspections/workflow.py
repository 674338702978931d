"""An inspection's and an appointment's life, as tables of allowed moves."""

from __future__ import annotations

from django.utils.translation import gettext as _

from gaoxin.core.errors import DomainError
from gaoxin.inspections.models import Appointment, Inspection

S = Inspection.Status
ALLOWED: dict[str, frozenset[str]] = {
    # Booked, or cancelled before any booking (the case ended, or requested by mistake).
    S.REQUESTED: frozenset({S.BOOKED, S.CANCELLED}),
    # A rebooking stays BOOKED; cancelling the appointment goes back to waiting for one.
    S.BOOKED: frozenset({S.BOOKED, S.REQUESTED, S.HELD, S.CANCELLED}),
    # Held; the record concludes it (the next part), or a new appointment is needed.
    S.HELD: frozenset({S.CONCLUDED, S.BOOKED, S.REQUESTED}),
    S.CONCLUDED: frozenset(),
    S.CANCELLED: frozenset(),
}

A = Appointment.Status
APPOINTMENT_ALLOWED: dict[str, frozenset[str]] = {
    A.BOOKED: frozenset({A.CANCELLED, A.HELD, A.MISSED}),
    A.CANCELLED: frozenset(),
    A.HELD: frozenset(),
    A.MISSED: frozenset(),
}


def check_move(current: str, target: str) -> None:
    if target not in ALLOWED.get(current, frozenset()):
        raise DomainError(
            _("An inspection that is %(current)s cannot become %(target)s.")
            % {"current": S(current).label, "target": S(target).label}
        )


def check_appointment_move(current: str, target: str) -> None:
    if target not in APPOINTMENT_ALLOWED.get(current, frozenset()):
        raise DomainError(
            _("An appointment that is %(current)s cannot become %(target)s.")
            % {"current": A(current).label, "target": A(target).label}
        )

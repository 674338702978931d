"""The applicant's links, signed with ``django.core.signing`` (each with a salt of its own, so a
token of one kind never opens the other), carrying only the id they are bound to.

- The booking link (``/inspect/book/<token>/``), bound to the inspection: it books while the
  inspection waits for a booking; once booked it shows the booking; once the inspection is
  concluded or cancelled it is refused as expired.
- The session link (``/inspect/live/<token>/``), bound to one appointment: it opens from
  ``hours.OPENS_BEFORE`` (15 minutes) before the slot to the slot's end, and not for an
  appointment cancelled (a rebooking makes a new appointment with a new link).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.cases.notices import public_url
from gaoxin.core.errors import DomainError
from gaoxin.inspections import hours
from gaoxin.inspections.models import Appointment, Inspection

BOOKING_SALT = "gaoxin.inspections.booking"
SESSION_SALT = "gaoxin.inspections.session"
# A backstop: no booking link lives longer than this, whatever the inspection's state.
BOOKING_MAX_AGE = dt.timedelta(days=30)

UNKNOWN, EARLY, EXPIRED, BOOKED = "unknown", "early", "expired", "booked"


class LinkRefused(DomainError):
    """The link cannot be used (now): ``why`` says which way, for the page's answer."""

    def __init__(self, why: str, message: str, **facts: Any) -> None:
        super().__init__(message)
        self.why = why
        self.facts = facts


# --- Booking ----------------------------------------------------------------------------------


def booking_token(inspection: Inspection) -> str:
    return signing.dumps({"i": inspection.pk}, salt=BOOKING_SALT, compress=True)


def booking_url(inspection: Inspection) -> str:
    """The absolute link sent to the applicant's phone."""
    return public_url(reverse("inspection_book", args=[booking_token(inspection)]))


def open_booking(token: str) -> Inspection:
    """The inspection the booking link is for, while it may be booked. An inspection booked
    already is refused as ``BOOKED`` (the page shows the booking instead)."""
    try:
        data = signing.loads(token, salt=BOOKING_SALT, max_age=BOOKING_MAX_AGE)
        pk = int(data["i"])
    except signing.SignatureExpired as error:
        raise LinkRefused(EXPIRED, _("This booking link has expired.")) from error
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise LinkRefused(UNKNOWN, _("This link is not valid.")) from error
    inspection = (
        Inspection.objects.select_related("case__item", "case__department", "requested_by")
        .filter(pk=pk)
        .first()
    )
    if inspection is None:
        raise LinkRefused(UNKNOWN, _("This link is not valid."))
    if inspection.status in (Inspection.Status.CONCLUDED, Inspection.Status.CANCELLED):
        raise LinkRefused(
            EXPIRED,
            _("This booking link has expired: the inspection is %(status)s.")
            % {"status": inspection.get_status_display()},
        )
    if inspection.status != Inspection.Status.REQUESTED:
        raise LinkRefused(BOOKED, _("The inspection is booked."), inspection=inspection)
    return inspection


def inspection_of_booking(token: str) -> Inspection | None:
    """The inspection a valid signature names, whatever its state (for the confirmation)."""
    try:
        data = signing.loads(token, salt=BOOKING_SALT, max_age=BOOKING_MAX_AGE)
        return Inspection.objects.select_related("case__item").filter(pk=int(data["i"])).first()
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


# --- The live session -------------------------------------------------------------------------


def session_token(appointment: Appointment) -> str:
    return signing.dumps({"a": appointment.pk}, salt=SESSION_SALT, compress=True)


def session_url(appointment: Appointment) -> str:
    return public_url(reverse("inspection_live", args=[session_token(appointment)]))


def opens_at(appointment: Appointment) -> dt.datetime:
    return appointment.start - hours.OPENS_BEFORE


def open_session(token: str, now: dt.datetime | None = None) -> Appointment:
    """The appointment the session link is for, within its window; refused outside it."""
    now = now or timezone.now()
    try:
        pk = int(signing.loads(token, salt=SESSION_SALT)["a"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise LinkRefused(UNKNOWN, _("This link is not valid.")) from error
    appointment = (
        Appointment.objects.select_related("inspection__case__item", "room", "inspector")
        .filter(pk=pk)
        .first()
    )
    if appointment is None:
        raise LinkRefused(UNKNOWN, _("This link is not valid."))
    if appointment.status in (Appointment.Status.CANCELLED, Appointment.Status.MISSED):
        raise LinkRefused(
            EXPIRED,
            _("This appointment was %(status)s; the link no longer opens.")
            % {"status": appointment.get_status_display()},
        )
    if now < opens_at(appointment):
        local = timezone.localtime(opens_at(appointment))
        raise LinkRefused(
            EARLY,
            _("The link opens at %(time)s on %(date)s, 15 minutes before the inspection.")
            % {"time": f"{local:%H:%M}", "date": f"{local:%Y-%m-%d}"},
            opens_at=opens_at(appointment),
        )
    if now >= appointment.end:
        raise LinkRefused(EXPIRED, _("This link has expired: the inspection's time is over."))
    return appointment

"""The ticket's link (``/hall/t/<token>/``), printed as a QR code on the ticket: the person
follows the queue on their phone. Signed (``django.core.signing``, a salt of its own) and bound
to the ticket's id; it lives for the day and a little more."""

from __future__ import annotations

import datetime as dt

from django.core import signing
from django.urls import reverse

from gaoxin.cases.notices import public_url
from gaoxin.hall.models import Ticket

SALT = "gaoxin.hall.ticket"
MAX_AGE = dt.timedelta(hours=24)


def ticket_token(ticket: Ticket) -> str:
    return signing.dumps({"t": ticket.pk}, salt=SALT, compress=True)


def follow_url(ticket: Ticket) -> str:
    return public_url(reverse("hall_follow", args=[ticket_token(ticket)]))


def ticket_of(token: str) -> Ticket | None:
    try:
        pk = int(signing.loads(token, salt=SALT, max_age=MAX_AGE)["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return Ticket.objects.select_related("business", "window").filter(pk=pk).first()

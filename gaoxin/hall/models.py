"""The hall (政务服务大厅): business types, appointments, queue tickets and the windows calling.

- :class:`BusinessType`: a group of catalog items served at the same kind of window (企业开办,
  工程建设, 社保医保 …), with its ticket letter ("A") and the windows set up to serve it.
- :class:`Appointment` (预约): a half-hour slot of a working day booked on the phone, with the
  person's name, ID number and phone, and a booking code to change, cancel or check in with.
- :class:`Ticket` (取号): a number of the day's queue of one business (A001, A002 …), taken at
  the kiosk or given when an appointment is checked in. A transfer ends the ticket as
  *transferred* and puts a new ticket with the same number in the other queue (first in it).
- :class:`WindowSession`: the state of one window in the hall: who sits there, the businesses
  it calls for today, paused or not, the rating pad on its second screen. Its row is also what
  a window's own actions lock.

A ticket served is linked to the case the clerk dealt with meanwhile (``listeners``: the cases
app's history) and to the rating given for that case on the window's pad (the 好差评 app's
listeners); the hall imports those apps, never the reverse.

The rules (capacity, booking days, no-show block, calling order) live in ``services`` and are
described there.
"""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gaoxin.cases.models import Case
from gaoxin.catalog.models import ServiceItem
from gaoxin.core.identity import validate_resident_id
from gaoxin.core.models import User, Window
from gaoxin.evaluations.models import Rating


class BusinessType(models.Model):
    """A queue of the hall: the items it covers and the windows serving it."""

    code = models.CharField(
        _("ticket letter"),
        max_length=1,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]\Z", _("One capital letter, A to Z."))],
        help_text=_("Tickets of this business are numbered A001, A002 … with this letter."),
    )
    name = models.CharField(_("name"), max_length=40, unique=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    items = models.ManyToManyField(
        ServiceItem,
        verbose_name=_("service items covered"),
        blank=True,
        related_name="hall_businesses",
    )
    windows = models.ManyToManyField(
        Window,
        verbose_name=_("windows serving it"),
        blank=True,
        related_name="hall_businesses",
    )
    # Capacity of a half-hour slot = active windows serving the business × this figure.
    appointments_per_window = models.PositiveSmallIntegerField(
        _("appointments per window and half hour"), default=2
    )
    bookable = models.BooleanField(_("can be booked"), default=True)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("business type")
        verbose_name_plural = _("business types")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Appointment(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CHECKED_IN = "checked_in", _("Checked in")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("Did not come")

    business = models.ForeignKey(
        BusinessType,
        verbose_name=_("business"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    date = models.DateField(_("date"))
    slot = models.TimeField(_("time"), help_text=_("Start of the half-hour slot, zone time."))
    name = models.CharField(_("name"), max_length=50)
    id_number = models.CharField(
        _("resident ID number"), max_length=18, validators=[validate_resident_id]
    )
    phone = models.CharField(_("phone"), max_length=20)
    code = models.CharField(_("booking code"), max_length=8, unique=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.BOOKED
    )
    booked_at = models.DateTimeField(_("booked at"))
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # Where the booking came from (an IPv6 address as its /64 network): one address books at
    # most a few an hour (services.book).
    client_address = models.GenericIPAddressField(_("booked from"), null=True, blank=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["date", "slot", "id"]
        indexes = [
            models.Index(fields=["business", "date", "slot", "status"]),
            models.Index(fields=["id_number", "status", "date"]),
            models.Index(fields=["client_address", "booked_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.date:%Y-%m-%d} {self.slot:%H:%M}"


class Ticket(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        CALLED = "called", _("Called")
        SERVING = "serving", _("Being served")
        DONE = "done", _("Served")
        NO_SHOW = "no_show", _("Did not come")
        TRANSFERRED = "transferred", _("Transferred")

    business = models.ForeignKey(
        BusinessType, verbose_name=_("business"), on_delete=models.PROTECT, related_name="tickets"
    )
    day = models.DateField(_("day"))
    seq = models.PositiveIntegerField(_("sequence"))
    number = models.CharField(_("number"), max_length=8)  # A012
    taken_at = models.DateTimeField(_("taken at"))
    # The queue's order: when the ticket joined this queue (taken, or transferred here).
    queued_at = models.DateTimeField(_("queued at"))
    # From this moment the ticket goes before the plain tickets: an appointment's slot start,
    # or the moment of a transfer. Null for a ticket taken at the kiosk.
    priority_from = models.DateTimeField(_("priority from"), null=True, blank=True)
    appointment = models.OneToOneField(
        Appointment,
        verbose_name=_("appointment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ticket",
    )
    # The ticket of the first queue when this one was transferred here (same number).
    transferred_from = models.OneToOneField(
        "self",
        verbose_name=_("transferred from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transferred_to",
    )
    # Transferred to one window: only that window calls it.
    for_window = models.ForeignKey(
        Window,
        verbose_name=_("for window"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.WAITING
    )
    window = models.ForeignKey(
        Window,
        verbose_name=_("window"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hall_tickets",
    )
    called_at = models.DateTimeField(_("called at"), null=True, blank=True)
    call_count = models.PositiveSmallIntegerField(_("calls"), default=0)
    served_by = models.ForeignKey(
        User,
        verbose_name=_("served by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hall_tickets",
    )
    started_at = models.DateTimeField(_("service started"), null=True, blank=True)
    ended_at = models.DateTimeField(_("service ended"), null=True, blank=True)
    # Optional: who the ticket is for, when known (a checked-in appointment).
    name = models.CharField(_("name"), max_length=50, blank=True)
    id_number = models.CharField(_("resident ID number"), max_length=18, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    # The case the clerk dealt with while serving the ticket (the first intake or hand-over
    # the clerk ended then), and the rating the person gave for it on the window's pad.
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rating = models.ForeignKey(
        Rating,
        verbose_name=_("rating"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["day", "queued_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["business", "day", "seq"],
                condition=Q(transferred_from__isnull=True),
                name="hall_ticket_number_once_a_day",
            )
        ]
        indexes = [
            models.Index(fields=["day", "status", "business"]),
            models.Index(fields=["window", "status"]),
            models.Index(fields=["day", "called_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.number}"


class WindowSession(models.Model):
    """One window's state in the hall: the clerk calling there, the businesses it calls, paused.
    One row per window, opened by the first clerk who calls there and kept."""

    window = models.OneToOneField(
        Window, verbose_name=_("window"), on_delete=models.CASCADE, related_name="hall_session"
    )
    clerk = models.ForeignKey(
        User,
        verbose_name=_("clerk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    businesses = models.ManyToManyField(
        BusinessType, verbose_name=_("businesses called"), blank=True, related_name="+"
    )
    paused = models.BooleanField(_("paused"), default=False)
    # The rating pad on the window's second screen: the case and encounter it rates while the
    # clerk has turned it on (null: the second screen shows the clerk).
    pad_case = models.ForeignKey(
        Case,
        verbose_name=_("case on the rating pad"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pad_encounter = models.CharField(_("service on the rating pad"), max_length=10, blank=True)
    opened_at = models.DateTimeField(_("opened at"))
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("window session")
        verbose_name_plural = _("window sessions")

    def __str__(self) -> str:
        return str(self.window)

"""The zone's identity, organisation, accounts, working-day calendar and audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoxin.core.roles import ROLE_CAPABILITIES, Capability, Role


class Zone(models.Model):
    """This deployment's identity. One deployment serves one zone, so there is one row."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=30)
    code = models.CharField(
        _("zone code"),
        max_length=20,
        help_text=_("Identifies this zone to partner zones, e.g. XYGX."),
    )
    region_code = models.CharField(
        _("region code"),
        max_length=6,
        help_text=_("Six-digit administrative division code (GB/T 2260)."),
    )
    address = models.CharField(_("service center address"), max_length=200, blank=True)
    phone = models.CharField(_("service center phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("zone")
        verbose_name_plural = _("zone")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="zone_is_singleton")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> Zone | None:
        from gaoxin.core.request_memo import remembered

        return remembered("zone", lambda: cls.objects.filter(id=1).first())


class Department(models.Model):
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Window(models.Model):
    class Kind(models.TextChoices):
        INTAKE = "intake", _("Intake")
        DELIVERY = "delivery", _("Delivery")
        SPECIALIST = "specialist", _("Specialist")

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    departments = models.ManyToManyField(
        Department,
        verbose_name=_("departments served"),
        blank=True,
        related_name="windows",
        help_text=_("For a specialist window: the departments whose items it handles."),
    )
    location = models.CharField(_("location"), max_length=60, blank=True)
    is_active = models.BooleanField(_("open"), default=True)

    class Meta:
        verbose_name = _("window")
        verbose_name_plural = _("windows")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number:02d} {self.name}"


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=50)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    window = models.ForeignKey(
        Window,
        verbose_name=_("window"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
        help_text=_("The window a clerk usually sits at."),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    decides_on_the_spot = models.BooleanField(
        _("decides immediate items on the spot"),
        default=False,
        help_text=_("即办件: a clerk authorised by the departments to decide at the window."),
    )
    # Shown to the person served, on the window's second screen (窗口人员公示). JPEG or PNG,
    # checked by content when set (services.set_staff_photo).
    photo = models.FileField(_("photo"), upload_to="staff/", blank=True)

    REQUIRED_FIELDS = ["full_name", "role"]

    class Meta:
        verbose_name = _("staff account")
        verbose_name_plural = _("staff accounts")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def capabilities(self) -> frozenset[Capability]:
        if not self.is_active:
            return frozenset()
        granted = ROLE_CAPABILITIES.get(self.role, frozenset())
        if self.decides_on_the_spot and Capability.SERVE_AT_WINDOW in granted:
            granted = granted | {Capability.DECIDE_ON_THE_SPOT}
        return granted

    def can(self, capability: Capability) -> bool:
        return capability in self.capabilities


class CalendarYear(models.Model):
    """A year whose official schedule of holidays and make-up days is known.

    A year without a row is counted by the Monday–Friday rule and every deadline that reaches
    into it is provisional until an administrator enters and confirms its schedule.
    """

    class Source(models.TextChoices):
        PACKAGE = "package", _("chinesecalendar package")
        ADMINISTRATOR = "administrator", _("entered by an administrator")

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    source = models.CharField(_("source"), max_length=15, choices=Source.choices)
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """A day that differs from the Monday–Friday rule: a holiday on a weekday, or a 调休 weekend
    day worked to make up for one."""

    date = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(_("working day"))
    name = models.CharField(_("holiday"), max_length=40, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=15, choices=CalendarYear.Source.choices)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class AuditEntry(models.Model):
    """One thing somebody did. Append-only: the database refuses updates (a trigger installed
    by migration 0002) and the application offers no way to change or delete an entry."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    # No database constraint: an entry outlives anything it points at and is never rewritten.
    actor = models.ForeignKey(
        User,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_username = models.CharField(_("username"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("changed fields"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["actor", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("Audit entries are append-only.")


class WorkerHeartbeat(models.Model):
    """Each running background worker touches its row every few seconds; /healthz reads them."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=100)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.worker_id


class Notification(models.Model):
    """A message to one staff member, listed under the bell in the top bar.

    Written by ``gaoxin.core.notifications`` (mostly from the background worker). The title and
    body are composed in the zone's language when the message is written. A message that must
    reach each person only once (a case turning yellow) carries a ``dedupe_key``: the database
    refuses a second row with the same key for the same person, so a job may safely run again.
    """

    user = models.ForeignKey(
        User, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notifications"
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    dedupe_key = models.CharField(max_length=120, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["user", "-created_at"]),
            models.Index(fields=["dedupe_key"], condition=~Q(dedupe_key=""), name="notif_dedupe"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="notification_once_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.title}"


class PeriodicRun(models.Model):
    """One run of a periodic job (``gaoxin.core.periodic``) for one period, e.g. a day.

    The row is the guard: every worker tries to insert it and the unique constraint lets one
    win, so a job runs once per period however many workers share the database. A failed run
    (or one whose worker died) may be taken over again later by a conditional update.
    """

    name = models.CharField(_("job"), max_length=80)
    period = models.CharField(_("period"), max_length=20)
    worker = models.CharField(_("worker"), max_length=64, blank=True)
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    failed = models.BooleanField(_("failed"), default=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("periodic run")
        verbose_name_plural = _("periodic runs")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["name", "period"], name="periodic_run_once_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.period}"

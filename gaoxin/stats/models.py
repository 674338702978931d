"""The summary tables behind the statistics (see ``gaoxin.stats.counters`` for how they are
kept and ``gaoxin.stats.queries`` for what each figure means).

Two levels of the same daily counters: per day × department × item code × window (any filter
can be answered from it) and per day × department (the zone and department dashboards read
this one: a few thousand rows a year, however many cases there are).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import Department

# The counters, in the order the tables and exports show them.
COUNTERS = (
    "received",  # applications received (收件)
    "corrections",  # one-time notices issued (一次性告知)
    "accepted",  # cases accepted (受理)
    "accepted_immediate",  # … of them for an immediate item (即办件)
    "refused",  # applications refused (不予受理)
    "completed",  # cases completed (办结): the result delivered
    "completed_denied",  # … of them with a denial (不予许可)
    "completed_on_time",  # … of them whose result was ready by the deadline
    "used_days",  # sum over completed cases of the working days used
    "promised_days",  # sum over completed cases of their item's promised limit
    "terminated",  # cases terminated (终止)
    "withdrawn",  # applications withdrawn (撤回)
)


class Counters(models.Model):
    day = models.DateField(_("day"))
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    received = models.PositiveIntegerField(default=0)
    corrections = models.PositiveIntegerField(default=0)
    accepted = models.PositiveIntegerField(default=0)
    accepted_immediate = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    completed_denied = models.PositiveIntegerField(default=0)
    completed_on_time = models.PositiveIntegerField(default=0)
    used_days = models.IntegerField(default=0)
    promised_days = models.PositiveIntegerField(default=0)
    terminated = models.PositiveIntegerField(default=0)
    withdrawn = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class DailyCount(Counters):
    """One day's counters of one item (all its versions) received at one window."""

    item_code = models.CharField(_("item code"), max_length=40)
    # The case's window (Case.window), 0 for none. Not a foreign key: a count outlives a
    # window taken out of the list, and 0 keeps the unique key free of NULLs (which would
    # never conflict, so an upsert could not find its row).
    window_pk = models.PositiveIntegerField(_("window"), default=0)

    class Meta:
        verbose_name = _("daily count")
        verbose_name_plural = _("daily counts")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "department", "item_code", "window_pk"],
                name="stats_daily_count_key",
            )
        ]
        indexes = [
            models.Index(fields=["item_code", "day"], name="stats_daily_item_day"),
            models.Index(fields=["window_pk", "day"], name="stats_daily_window_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.department_id} {self.item_code} {self.window_pk}"


class DepartmentDailyCount(Counters):
    """One day's counters of one department: the sums of its ``DailyCount`` rows."""

    class Meta:
        verbose_name = _("daily count of a department")
        verbose_name_plural = _("daily counts of departments")
        constraints = [
            models.UniqueConstraint(fields=["day", "department"], name="stats_department_day_key")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.department_id}"


class PendingIntake(models.Model):
    """A case sent home for correction, and the window its intake counts are filed under.

    The applicant may come back to another window; the case then carries the new window, and
    its earlier counts (received, one-time notices) move with it, so that every count of a
    case is filed under the window the case names. Rows live only while the case waits.
    """

    case_id = models.BigIntegerField(primary_key=True)
    window_pk = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.case_id} {self.window_pk}"

"""Ratings of the service (好差评): one per service encounter of a case.

一次一评: the applicant rates the intake at the window and, later, the delivery of the result;
一事一评: once the case is completed, the case as a whole. Who served is copied onto the rating
when it is given (window, clerk, department, item), so later changes to the case or to staff
accounts never move a rating to someone else. A bad rating (2 or 1) will be followed up by a
rectification (差评整改) that points at the rating; the rating itself never changes.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoxin.cases.models import Case
from gaoxin.catalog.models import ServiceItem
from gaoxin.core.models import Department, User, Window

# A link sent to the applicant works for this long.
INVITATION_DAYS = 30


class Encounter(models.TextChoices):
    INTAKE = "intake", _("Intake at the window")  # 一次一评: 受理
    DELIVERY = "delivery", _("Delivery of the result")  # 一次一评: 出件
    CASE = "case", _("The whole case")  # 一事一评


class Level(models.IntegerChoices):
    VERY_DISSATISFIED = 1, _("Very dissatisfied")  # 非常不满意
    DISSATISFIED = 2, _("Dissatisfied")  # 不满意
    FAIRLY_SATISFIED = 3, _("Fairly satisfied")  # 基本满意
    SATISFIED = 4, _("Satisfied")  # 满意
    VERY_SATISFIED = 5, _("Very satisfied")  # 非常满意


# A rating at or below this level is bad (差评): it needs reasons and, later, a rectification.
BAD_UP_TO = Level.DISSATISFIED
# At or above this level a rating counts as satisfied (满意 or better).
SATISFIED_FROM = Level.SATISFIED


class Reason(models.TextChoices):
    OVERDUE = "overdue", _("Took too long")  # 超时办理
    ATTITUDE = "attitude", _("Unfriendly attitude")  # 态度不好
    MANY_VISITS = "many_visits", _("Had to come several times")  # 多次跑动
    UNCLEAR_MATERIALS = "unclear_materials", _("Unclear what materials were needed")  # 材料要求不清
    OTHER = "other", _("Other")  # 其他


class Channel(models.TextChoices):
    PAD = "pad", _("Rating pad at the window")  # 窗口评价器
    QR = "qr", _("Phone, by the link on a notice")  # 二维码
    PROGRESS = "progress", _("Public progress page")  # 办件进度查询


class Rating(models.Model):
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="ratings"
    )
    encounter = models.CharField(_("rated service"), max_length=10, choices=Encounter.choices)
    level = models.PositiveSmallIntegerField(_("rating"), choices=Level.choices)
    # Codes of ``Reason``, for a bad rating.
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)

    # Who served, copied when the rating is given.
    window = models.ForeignKey(
        Window,
        verbose_name=_("window"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    clerk = models.ForeignKey(
        User,
        verbose_name=_("clerk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    item = models.ForeignKey(
        ServiceItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="+"
    )
    rated_at = models.DateTimeField(_("rated at"), default=timezone.now)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-rated_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "encounter"], name="rating_once_per_encounter"),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5), name="rating_level_1_to_5"
            ),
        ]
        indexes = [
            models.Index(fields=["rated_at"]),
            models.Index(fields=["department", "rated_at"]),
            models.Index(fields=["window", "rated_at"]),
            models.Index(fields=["clerk", "rated_at"]),
            models.Index(fields=["item", "rated_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.encounter} {self.level}"

    @property
    def is_bad(self) -> bool:
        return self.level <= BAD_UP_TO

    def reason_labels(self) -> list[str]:
        return [str(Reason(code).label) for code in self.reasons if code in Reason.values]


def default_expiry() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=INVITATION_DAYS)


class RatingInvitation(models.Model):
    """The link an applicant rates by on their phone (the QR code on a notice): bound to one
    case and one encounter, good once, for ``INVITATION_DAYS`` days. The token is random and
    long, so a link cannot be guessed from another."""

    token = models.CharField(primary_key=True, max_length=43, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="rating_invitations")
    encounter = models.CharField(max_length=10, choices=Encounter.choices)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=default_expiry)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("rating link")
        verbose_name_plural = _("rating links")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["case", "encounter"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.encounter}"

    def expired(self, now: dt.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.expires_at

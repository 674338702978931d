"""Ratings of the service (好差评): one per service encounter of a case.

一次一评: the applicant rates the intake at the window and, later, the delivery of the result;
一事一评: once the case is completed, the case as a whole. Who served is copied onto the rating
when it is given (window, clerk, department, item), so later changes to the case or to staff
accounts never move a rating to someone else. A bad rating (2 or 1) opens a rectification
(差评整改) that points at the rating; the rating itself never changes. The one thing that can
happen to a rating later is its exclusion from the figures, when the supervisor upholds an
appeal (申诉) against it: the row stays, with who excluded it, when and why.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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

    # Set when the supervisor upholds an appeal: the rating leaves the figures, nothing else.
    excluded_at = models.DateTimeField(_("excluded at"), null=True, blank=True)
    excluded_by = models.ForeignKey(
        User,
        verbose_name=_("excluded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    excluded_reason = models.TextField(_("reason for the exclusion"), blank=True)

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

    @property
    def is_excluded(self) -> bool:
        return self.excluded_at is not None

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
    # Where the link was given: the QR code on a notice, or the public progress page.
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.QR)
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


# --- 差评整改: following a bad rating up -----------------------------------------------------

# Working days, counted from the day of the rating.
CALLBACK_DAYS = 1  # verify and call the applicant back
FIX_DAYS = 5  # fix and answer
FIX_DAYS_COMPLEX = 15  # when the supervisor marks the rectification complex
# The applicant's link to confirm the answer or rate again lasts as long as a rating link.
RESPONSE_DAYS = INVITATION_DAYS


class Rectification(models.Model):
    """The follow-up of one bad rating by the department that served.

    OPEN → (call back) CALLED_BACK → (answer) ANSWERED → (the applicant confirms or rates
    again) CLOSED. An appeal (``Appeal``) may be lodged while it is not closed; upheld, the
    rating is excluded and the rectification ends as EXCLUDED. The due dates are working days
    from the rating's day; marking it complex moves the fix due date to 15 working days.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting call-back")  # 待回访
        CALLED_BACK = "called_back", _("Being rectified")  # 整改中
        ANSWERED = "answered", _("Answered, awaiting the applicant")  # 待确认
        CLOSED = "closed", pgettext_lazy("rectification", "Closed")  # 已办结
        EXCLUDED = "excluded", _("Rating excluded on appeal")  # 申诉成立

    class Response(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed the rectification")  # 确认
        RERATED = "rerated", _("Rated again")  # 重新评价
        NONE = "none", _("No answer from the applicant")  # 未反馈

    rating = models.OneToOneField(
        Rating, verbose_name=_("rating"), on_delete=models.PROTECT, related_name="rectification"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    callback_due = models.DateField(_("call back by"))
    complex = models.BooleanField(_("complex"), default=False)
    fix_due = models.DateField(_("rectify by"))

    called_back_at = models.DateTimeField(_("called back at"), null=True, blank=True)
    called_back_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What the department found when it verified the rating and spoke to the applicant.
    callback_note = models.TextField(_("call-back record"), blank=True)

    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What was done, as told to the applicant.
    answer = models.TextField(_("rectification and answer"), blank=True)

    # The applicant's one-time link to confirm or rate again.
    response_token = models.CharField(max_length=43, unique=True, null=True, blank=True)
    response_expires_at = models.DateTimeField(null=True, blank=True)
    response = models.CharField(
        _("applicant's response"), max_length=10, choices=Response.choices, blank=True
    )
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    rerated_level = models.PositiveSmallIntegerField(
        _("new rating"), choices=Level.choices, null=True, blank=True
    )
    response_comment = models.TextField(_("applicant's comment"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("rectification")
        verbose_name_plural = _("rectifications")
        ordering = ["-opened_at", "-id"]
        indexes = [
            models.Index(fields=["department", "status"]),
            models.Index(fields=["status", "fix_due"]),
            models.Index(fields=["opened_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.rating_id} {self.status}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.CLOSED, self.Status.EXCLUDED)

    def answered_on_time(self) -> bool | None:
        """None while unanswered."""
        if self.answered_at is None:
            return None
        return timezone.localdate(self.answered_at) <= self.fix_due


class Appeal(models.Model):
    """申诉: the department asks the supervisor to exclude a rating it holds malicious or
    mistaken. One per rectification; the supervisor's decision and reason are kept, and an
    upheld appeal excludes the rating from every figure (``Rating.excluded_at``)."""

    class Decision(models.TextChoices):
        UPHELD = "upheld", _("Upheld: the rating is excluded")  # 申诉成立
        REJECTED = "rejected", _("Rejected: the rating stands")  # 申诉不成立

    rectification = models.OneToOneField(
        Rectification,
        verbose_name=_("rectification"),
        on_delete=models.PROTECT,
        related_name="appeal",
    )
    reason = models.TextField(_("grounds of the appeal"))
    lodged_at = models.DateTimeField(_("lodged at"), default=timezone.now)
    lodged_by = models.ForeignKey(
        User, verbose_name=_("lodged by"), on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-lodged_at", "-id"]

    def __str__(self) -> str:
        return f"{self.rectification_id} {self.decision or 'pending'}"

    @property
    def is_pending(self) -> bool:
        return not self.decision

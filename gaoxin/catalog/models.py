"""The catalog of government service items (政务服务事项目录 / 实施清单) and their materials.

An item is versioned: every edit writes a new ``ServiceItem`` row with the next ``version`` and
the same ``code``, and marks it current. A case keeps pointing at the row that was current
when it was received, so a later edit never changes the rules of a case already under way.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import Department, User


class ItemKind(models.TextChoices):
    LICENSING = "licensing", _("Administrative licensing")  # 行政许可
    CONFIRMATION = "confirmation", _("Administrative confirmation")  # 行政确认
    ADJUDICATION = "adjudication", _("Administrative adjudication")  # 行政裁决
    BENEFIT = "benefit", _("Administrative payment")  # 行政给付
    REWARD = "reward", _("Administrative reward")  # 行政奖励
    FILING = "filing", _("Administrative filing")  # 行政备案
    OTHER_POWER = "other_power", _("Other administrative power")  # 其他行政权力
    PUBLIC_SERVICE = "public_service", _("Public service")  # 公共服务


class HandlingKind(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediate (decided on the spot)")  # 即办件
    COMMITMENT = "commitment", _("Commitment (decided within the promised limit)")  # 承诺件


class SpecialProcedure(models.TextChoices):
    INSPECTION = "inspection", _("Site inspection")
    EXPERT_REVIEW = "expert_review", _("Expert review")
    HEARING = "hearing", _("Hearing")
    TESTING = "testing", _("Testing and inspection")
    PUBLIC_NOTICE = "public_notice", _("Public notice")
    SOLICITING_OPINIONS = "soliciting_opinions", _("Soliciting opinions")


class ResultType(models.TextChoices):
    CERTIFICATE = "certificate", _("Certificate or licence")  # 证照
    APPROVAL = "approval", _("Approval document")  # 批文
    FILING = "filing", _("Filing receipt")  # 备案回执
    OTHER = "other", _("Other")


class ServiceItem(models.Model):
    code = models.CharField(_("item code"), max_length=40, db_index=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("current version"), default=True)

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("owning department"),
        on_delete=models.PROTECT,
        related_name="items",
    )
    handling = models.CharField(_("handling"), max_length=12, choices=HandlingKind.choices)
    statutory_days = models.PositiveSmallIntegerField(_("statutory limit (working days)"))
    promised_days = models.PositiveSmallIntegerField(_("promised limit (working days)"))
    special_procedures = models.JSONField(_("special procedures allowed"), default=list, blank=True)
    conditions = models.TextField(_("conditions of acceptance"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    fee = models.DecimalField(_("fee (yuan)"), max_digits=12, decimal_places=2, default=Decimal(0))
    fee_basis = models.CharField(_("basis of the fee"), max_length=300, blank=True)
    location = models.CharField(_("where it is handled"), max_length=200, blank=True)
    hours = models.CharField(_("when it is handled"), max_length=200, blank=True)
    visits = models.PositiveSmallIntegerField(_("visits needed"), default=1)
    online = models.BooleanField(_("can be applied for online"), default=True)
    cross_zone = models.BooleanField(
        _("may be received on behalf of another zone"),
        default=False,
        help_text=_("通办: a partner zone may receive applications for this item."),
    )
    allows_deficiency = models.BooleanField(
        _("accepts with deficiency"),
        default=False,
        help_text=_("容缺受理: may be accepted while a secondary material is still owed."),
    )
    needs_inspection = models.BooleanField(_("needs a site inspection"), default=False)
    remote_inspection = models.BooleanField(_("inspection may be remote"), default=False)
    # The back-office route (see gaoxin.catalog.steps): review → decision → certificate, with
    # these optional steps, and per-step limits where the default split does not fit.
    head_approval = models.BooleanField(_("approval by the department head"), default=False)
    joint_department = models.ForeignKey(
        Department,
        verbose_name=_("joint review by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="joint_items",
        help_text=_("联合审批: a second department reviews the case before the decision."),
    )
    step_days = models.JSONField(
        _("limits of the steps (working days)"),
        default=dict,
        blank=True,
        help_text=_("Left empty, the promised limit is split over the steps."),
    )
    result_name = models.CharField(_("result"), max_length=200)
    result_type = models.CharField(_("result type"), max_length=12, choices=ResultType.choices)

    # Search keys: the name's pinyin and its initials ("gsdj" finds 工商登记).
    name_pinyin = models.CharField(max_length=800, blank=True, editable=False)
    name_initials = models.CharField(max_length=200, blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("service item")
        verbose_name_plural = _("service items")
        ordering = ["department__sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="item_code_version_unique"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(is_current=True), name="item_one_current_version"
            ),
            models.CheckConstraint(
                condition=Q(promised_days__lte=F("statutory_days")),
                name="item_promised_within_statutory",
            ),
            models.CheckConstraint(
                condition=Q(remote_inspection=False) | Q(needs_inspection=True),
                name="item_remote_only_with_inspection",
            ),
        ]
        indexes = [models.Index(fields=["is_current", "department", "kind"])]

    def __str__(self) -> str:
        return f"{self.name}"

    @property
    def is_free(self) -> bool:
        return self.fee == 0

    def special_procedure_labels(self) -> list[str]:
        labels = dict(SpecialProcedure.choices)
        return [str(labels.get(code, code)) for code in self.special_procedures]


class Material(models.Model):
    class Kind(models.TextChoices):
        ORIGINAL = "original", _("Original")  # 原件
        COPY = "copy", _("Copy")  # 复印件
        ELECTRONIC = "electronic", _("Electronic")  # 电子件

    class Need(models.TextChoices):
        REQUIRED = "required", _("Required")  # 必要
        CONDITIONAL = "conditional", _("Conditional")  # 容缺/情形
        OPTIONAL = "optional", _("Optional")  # 非必要

    item = models.ForeignKey(ServiceItem, on_delete=models.CASCADE, related_name="materials")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("form"), max_length=12, choices=Kind.choices, default=Kind.ORIGINAL)
    need = models.CharField(_("needed"), max_length=12, choices=Need.choices, default=Need.REQUIRED)
    condition = models.CharField(_("condition"), max_length=300, blank=True)
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    source = models.CharField(_("where it comes from"), max_length=200, blank=True)
    standard = models.CharField(_("acceptance standard"), max_length=400, blank=True)
    secondary = models.BooleanField(
        _("secondary"),
        default=False,
        help_text=_("A secondary material may be owed under 容缺受理."),
    )
    blank_form = models.FileField(_("blank form"), upload_to="catalog/forms/", blank=True)
    sample = models.FileField(_("filled-in sample"), upload_to="catalog/samples/", blank=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["item", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(need="conditional") | ~Q(condition=""),
                name="material_condition_in_words",
            )
        ]

    def __str__(self) -> str:
        return self.name

"""Applications (办件) from intake at the window to delivery of the result.

A case points at the catalog item *version* it was received under, so a later edit of the
catalog never changes its rules. Status changes are rows in ``CaseEvent``; the case row only
holds the current state.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gaoxin.cases.workflow import ACTION_LABELS, Status
from gaoxin.catalog.models import Material, ServiceItem
from gaoxin.catalog.steps import StepKind
from gaoxin.core.models import Department, User, Window


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("Person")
    ENTERPRISE = "enterprise", _("Enterprise or organisation")


class Decision(models.TextChoices):
    GRANTED = "granted", _("Granted")  # 准予
    DENIED = "denied", _("Denied")  # 不予许可


class Case(models.Model):
    # Given as the intake ends, in the same transaction (numbers are taken as late as possible
    # to hold the counter's lock briefly), so a committed case always has one.
    receipt_number = models.CharField(
        _("receipt number"), max_length=32, unique=True, null=True, blank=True
    )
    number = models.CharField(_("case number"), max_length=32, unique=True, null=True, blank=True)
    item = models.ForeignKey(
        ServiceItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="cases"
    )
    # The owning department, copied from the item: every back-office list filters on it.
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="cases"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)

    applicant_kind = models.CharField(_("applicant"), max_length=12, choices=ApplicantKind.choices)
    applicant_name = models.CharField(_("applicant name"), max_length=200)
    id_number = models.CharField(_("resident ID number"), max_length=18, blank=True)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    legal_representative = models.CharField(_("legal representative"), max_length=50, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=20)
    address = models.CharField(_("address"), max_length=200, blank=True)
    agent_name = models.CharField(_("agent"), max_length=50, blank=True)
    agent_id_number = models.CharField(_("agent's resident ID number"), max_length=18, blank=True)
    agent_phone = models.CharField(_("agent's phone"), max_length=20, blank=True)

    window = models.ForeignKey(
        Window, verbose_name=_("window"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(_("received at"))
    received_by = models.ForeignKey(
        User, verbose_name=_("received by"), on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    # The day 80% of the promised limit is used: from then on the case shows yellow, after the
    # deadline red. Both dates come from the clock at acceptance (and move with it), so the
    # warning level is a comparison with today, never the result of a nightly job.
    warning_date = models.DateField(_("warning from"), null=True, blank=True)
    deadline_provisional = models.BooleanField(
        _("provisional deadline"),
        default=False,
        help_text=_("Counted into a year whose official holidays are not entered yet."),
    )

    # 容缺受理: materials owed, and the date the applicant promised to bring them.
    deficiency_due = models.DateField(_("materials owed by"), null=True, blank=True)
    deficiency_promise = models.TextField(_("applicant's promise"), blank=True)
    # 不予受理
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    refusal_basis = models.TextField(_("legal basis of the refusal"), blank=True)
    competent_authority = models.CharField(
        _("authority responsible instead"), max_length=200, blank=True
    )

    # The back office (后台分类审批) and the clock's corrections.
    suspended_days = models.PositiveSmallIntegerField(
        _("working days suspended"),
        default=0,
        help_text=_("Ended special procedures; the deadline has moved by as many days."),
    )
    extended_days = models.PositiveSmallIntegerField(_("working days extended"), default=0)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    decision = models.CharField(
        _("decision"), max_length=8, choices=Decision.choices, blank=True, default=""
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    result_number = models.CharField(_("result document number"), max_length=60, blank=True)
    decision_reason = models.TextField(_("reason for the denial"), blank=True)
    decision_basis = models.TextField(_("legal basis of the denial"), blank=True)
    # The department's promise is kept when the result is ready at the window by the deadline;
    # when the applicant collects it is theirs to choose.
    ready_at = models.DateTimeField(_("result ready at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    termination_reason = models.TextField(_("reason for termination"), blank=True)

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["department", "status", "deadline"]),
            models.Index(fields=["status", "received_at"]),
            models.Index(fields=["status", "warning_date"]),
            models.Index(fields=["id_number"]),
            models.Index(fields=["credit_code"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(accepted_at__isnull=False),
                name="case_number_only_when_accepted",
            ),
            models.CheckConstraint(
                condition=~Q(applicant_kind="person") | ~Q(id_number=""),
                name="case_person_has_id_number",
            ),
            models.CheckConstraint(
                condition=~Q(applicant_kind="enterprise") | ~Q(credit_code=""),
                name="case_enterprise_has_credit_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number or self.receipt_number} {self.item.name}"

    @property
    def display_number(self) -> str:
        return self.number or self.receipt_number or ""

    # True on the instance an intake has just created, until that intake has written all it
    # writes: no other row refers to the case yet (no notice, rating, link or partner's
    # application), so what listens to its events need not look for one. Never stored.
    being_received = False

    def remember(self, related: str, rows: list[Any]) -> None:
        """Keep ``rows`` as this instance's ``related`` rows, as ``prefetch_related`` would, for
        a service that has just written them all: what it goes on to show (the notice's
        content, the API's answer) reads them without asking the database again."""
        manager = getattr(self, related)
        rows_query = manager.all()
        rows_query._result_cache = list(rows)
        rows_query._prefetch_done = True
        cache = self.__dict__.setdefault("_prefetched_objects_cache", {})
        cache[manager.field.remote_field.cache_name] = rows_query


class Submission(models.Model):
    """One material of the item's checklist, as handed in (or not) at the window."""

    class State(models.TextChoices):
        RECEIVED = "received", _("Received")
        MISSING = "missing", _("Missing")
        FAULTY = "faulty", _("Needs correction")
        OWED = "owed", _("Owed (acceptance with deficiency)")
        NOT_APPLICABLE = "not_applicable", _("Does not apply")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="submissions")
    material = models.ForeignKey(Material, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("state"), max_length=16, choices=State.choices)
    problem = models.CharField(_("what is wrong"), max_length=300, blank=True)
    copies = models.PositiveSmallIntegerField(_("copies received"), default=0)
    file = models.FileField(_("scan"), upload_to="cases/%Y/%m/", blank=True)
    file_kind = models.CharField(max_length=8, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("submitted material")
        verbose_name_plural = _("submitted materials")
        ordering = ["material__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "material"], name="submission_once_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.material.name}: {self.get_state_display()}"


class CaseEvent(models.Model):
    """The case's history: every action, who did it, the status before and after."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action}"

    @property
    def label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))

    @property
    def to_status_label(self) -> str:
        return str(Status(self.to_status).label) if self.to_status else ""


class Notice(models.Model):
    """A document handed to the applicant: rendered to PDF by the background worker."""

    class Kind(models.TextChoices):
        ACCEPTANCE = "acceptance", _("Notice of acceptance")  # 受理通知书
        DEFICIENCY = "deficiency", _("Notice of acceptance with deficiency")  # 容缺受理通知书
        CORRECTION = "correction", _("Notice of materials to complete")  # 一次性告知书
        REFUSAL = "refusal", _("Notice of refusal")  # 不予受理通知书
        RESULT = "result", _("Result document")  # 准予许可决定书 / 证照
        DENIAL = "denial", _("Decision to deny")  # 不予许可决定书
        SUSPENSION = "suspension", _("Notice of special procedure")  # 特别程序告知书
        RESUMPTION = "resumption", _("Notice of special procedure ended")  # 特别程序结果告知书
        EXTENSION = "extension", _("Notice of extension")  # 延长办理期限告知书
        TERMINATION = "termination", _("Notice of termination")  # 终止办理通知书
        COMPLETION = "completion", _("Notice of completion")  # 办结通知书

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    number = models.CharField(_("notice number"), max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    # What the notice says, frozen when it is issued: a later change to the case or the
    # catalog never rewrites a document already handed out.
    content = models.JSONField(default=dict)
    pdf = models.FileField(upload_to="notices/%Y/%m/", blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class NumberCounter(models.Model):
    """The last number given out per scope and day; locked row by row so two clerks accepting
    at the same moment never get the same number."""

    scope = models.CharField(max_length=12)
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "day"], name="number_counter_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.day}: {self.last}"


class PendingUpload(models.Model):
    """A scan uploaded at the desk before the intake is finished, so that nothing uploaded is
    lost when the form comes back with a message. Attached to a submission on save."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to="uploads/%Y/%m/")
    kind = models.CharField(max_length=8)
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class CaseStep(models.Model):
    """One pass of a case through one back-office step. A return to the previous step opens a
    new row for it, so the history keeps every pass with its opinion."""

    class Outcome(models.TextChoices):
        PASSED = "passed", _("Passed on")
        RETURNED = "returned", _("Returned")
        GRANTED = "granted", _("Granted")
        DENIED = "denied", _("Denied")
        CLOSED = "closed", _("Closed")  # the case ended otherwise (terminated, withdrawn)

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position in the route"))
    kind = models.CharField(_("step"), max_length=16, choices=StepKind.choices)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    limit_days = models.PositiveSmallIntegerField(_("limit (working days)"))
    started_at = models.DateTimeField(_("started at"))
    due = models.DateField(_("step due"))
    warning_date = models.DateField(_("step warning from"))
    claimed_by = models.ForeignKey(
        User,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    finished_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    opinion = models.TextField(_("opinion"), blank=True)

    class Meta:
        verbose_name = _("case step")
        verbose_name_plural = _("case steps")
        ordering = ["started_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(finished_at__isnull=True),
                name="case_one_open_step",
            )
        ]
        indexes = [models.Index(fields=["department", "finished_at", "due"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


class Suspension(models.Model):
    """A special procedure (特别程序): the case's clock stops from start to end, and the deadline
    moves by the working days in between."""

    class Kind(models.TextChoices):
        INSPECTION = "inspection", _("Site inspection")
        EXPERT_REVIEW = "expert_review", _("Expert review")
        HEARING = "hearing", _("Hearing")
        TESTING = "testing", _("Testing and inspection")
        PUBLIC_NOTICE = "public_notice", _("Public notice")
        SOLICITING_OPINIONS = "soliciting_opinions", _("Soliciting opinions")
        DEFICIENCY = "deficiency", _("Waiting for owed materials")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="suspensions")
    kind = models.CharField(_("special procedure"), max_length=20, choices=Kind.choices)
    reason = models.TextField(_("reason"))
    started_at = models.DateTimeField(_("started at"))
    started_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    result = models.TextField(_("result"), blank=True)
    working_days = models.PositiveSmallIntegerField(_("working days suspended"), default=0)

    class Meta:
        verbose_name = _("special procedure")
        verbose_name_plural = _("special procedures")
        ordering = ["started_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(ended_at__isnull=True),
                name="case_one_open_suspension",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


class Delivery(models.Model):
    """How the result reached the applicant (综合窗口出件): collected at a window or posted."""

    class Method(models.TextChoices):
        PICKUP = "pickup", _("Collected at the window")
        POST = "post", _("Sent by post")
        # 跨区通办: the partner zone that received the application handed the result out at
        # its own window (gaoxin.exchange), and told us so.
        PARTNER = "partner", _("Handed out at the partner zone")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="delivery")
    method = models.CharField(_("delivery"), max_length=8, choices=Method.choices)
    recipient_name = models.CharField(_("received by"), max_length=50, blank=True)
    recipient_id_number = models.CharField(_("recipient's ID number"), max_length=18, blank=True)
    by_agent = models.BooleanField(_("collected by an agent"), default=False)
    authorisation = models.FileField(
        _("letter of authorisation"), upload_to="deliveries/%Y/%m/", blank=True
    )
    receipt = models.FileField(
        _("signed receipt or photo"), upload_to="deliveries/%Y/%m/", blank=True
    )
    address = models.CharField(_("postal address"), max_length=200, blank=True)
    carrier = models.CharField(_("carrier"), max_length=50, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=40, blank=True)
    window = models.ForeignKey(
        Window, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    delivered_at = models.DateTimeField(_("delivered at"))
    delivered_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return f"{self.case_id} {self.method}"

"""The intake and the back-office actions as the API receives them, and the case as the API
shows it.

These serializers only parse and shape. Whether an intake may end the way it asks — materials
complete, ID numbers valid, a refusal with its reason — is decided by the intake services, and
whether a step may move (an opinion written, a denial with its basis, a hand-over complete) by
the back-office and delivery services; both report problems field by field under the same
names as the request's fields.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from gaoxin.cases import clock, intake
from gaoxin.cases.models import (
    ApplicantKind,
    Case,
    CaseEvent,
    CaseStep,
    Delivery,
    Notice,
    Submission,
    Suspension,
)
from gaoxin.cases.workflow import Status
from gaoxin.catalog.models import ServiceItem
from gaoxin.catalog.steps import StepKind
from gaoxin.core import workdays
from gaoxin.core.identity import mask_phone, mask_resident_id
from gaoxin.core.models import Department, User, Window
from gaoxin.core.serializers import FieldsBuiltOnce

OUTCOMES = ("accept", "accept_with_deficiency", "request_correction", "refuse")
LEVELS = [(level, level) for level in (clock.Level.GREEN, clock.Level.YELLOW, clock.Level.RED)]


# --- Requests ------------------------------------------------------------------------------


class MaterialCheckSerializer(serializers.Serializer[intake.MaterialCheck]):
    material = serializers.IntegerField(help_text="Material id, from the item's checklist.")
    state = serializers.ChoiceField(choices=Submission.State.choices)
    problem = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    copies = serializers.IntegerField(required=False, default=0, min_value=0, max_value=99)


class IntakeSerializer(serializers.Serializer[intake.Intake]):
    """The applicant and the checklist as the clerk entered them. A material left out of
    ``checks`` counts as missing."""

    window = serializers.PrimaryKeyRelatedField(
        queryset=Window.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text="Window id; the clerk's own window when left out.",
    )
    kind = serializers.ChoiceField(choices=ApplicantKind.choices)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    id_number = serializers.CharField(max_length=18, required=False, allow_blank=True, default="")
    credit_code = serializers.CharField(max_length=18, required=False, allow_blank=True, default="")
    legal_representative = serializers.CharField(
        max_length=50, required=False, allow_blank=True, default=""
    )
    contact_name = serializers.CharField(
        max_length=50, required=False, allow_blank=True, default=""
    )
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    agent_name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    agent_id_number = serializers.CharField(
        max_length=18, required=False, allow_blank=True, default=""
    )
    agent_phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    checks = MaterialCheckSerializer(many=True)

    APPLICANT_FIELDS = (
        "kind",
        "name",
        "id_number",
        "credit_code",
        "legal_representative",
        "contact_name",
        "phone",
        "address",
        "agent_name",
        "agent_id_number",
        "agent_phone",
    )

    def to_intake(
        self, item: ServiceItem, actor: User, fallback: Window | None = None
    ) -> intake.Intake:
        """The validated request as the services take it: at the window the request names,
        else the clerk's own, else ``fallback``."""
        data = self.validated_data
        return intake.Intake(
            item=item,
            applicant=intake.Applicant(**{name: data[name] for name in self.APPLICANT_FIELDS}),
            checks=[
                intake.MaterialCheck(
                    material_id=check["material"],
                    state=check["state"],
                    problem=check["problem"],
                    copies=check["copies"],
                )
                for check in data["checks"]
            ],
            window=data.get("window") or actor.window or fallback,
        )


class DeficiencyFieldsMixin(serializers.Serializer[Any]):
    due = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Owed materials due by."
    )
    promise = serializers.CharField(required=False, allow_blank=True, default="")


class RefusalFieldsMixin(serializers.Serializer[Any]):
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    basis = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Legal basis of the refusal."
    )
    authority = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=200,
        help_text="The authority responsible instead, where there is one.",
    )


class AcceptWithDeficiencySerializer(DeficiencyFieldsMixin, IntakeSerializer):
    """The intake, the date the owed materials are due by and the applicant's promise."""


class RefuseSerializer(RefusalFieldsMixin, IntakeSerializer):
    """The intake, the reason for refusing, its legal basis and any competent authority."""


class NewCaseSerializer(RefusalFieldsMixin, DeficiencyFieldsMixin, IntakeSerializer):
    """A new application: the item, the intake and how it ends (``outcome``), with the
    fields of that outcome (``due`` and ``promise``; ``reason``, ``basis`` and
    ``authority``)."""

    item = serializers.PrimaryKeyRelatedField(
        queryset=ServiceItem.objects.select_related("department"),
        help_text="Item id (a current version, from the catalog API).",
    )
    outcome = serializers.ChoiceField(choices=[(o, o) for o in OUTCOMES])


# --- Responses -----------------------------------------------------------------------------


class NoticeSerializer(FieldsBuiltOnce):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    rendered = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = Notice
        fields = ["id", "kind", "kind_label", "number", "created_at", "rendered", "pdf_url"]
        read_only_fields = fields

    def get_rendered(self, notice: Notice) -> bool:
        return notice.rendered_at is not None

    def get_pdf_url(self, notice: Notice) -> str:
        return reverse("api_notice_pdf", args=[notice.pk])


class SubmissionSerializer(FieldsBuiltOnce):
    material_name = serializers.CharField(source="material.name", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = Submission
        fields = ["material", "material_name", "state", "state_label", "problem", "copies"]
        read_only_fields = fields


class CaseItemSerializer(FieldsBuiltOnce):
    class Meta:
        model = ServiceItem
        fields = ["id", "code", "version", "name"]
        read_only_fields = fields


class CaseSerializer(FieldsBuiltOnce):
    """A case as the window sees it. ID and phone numbers are masked, as in every list."""

    status_label = serializers.CharField(source="get_status_display", read_only=True)
    item = CaseItemSerializer(read_only=True)
    department = serializers.CharField(source="department.code", read_only=True)
    id_number = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()
    submissions = SubmissionSerializer(many=True, read_only=True)
    notices = NoticeSerializer(many=True, read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "receipt_number",
            "number",
            "status",
            "status_label",
            "item",
            "department",
            "window",
            "applicant_kind",
            "applicant_name",
            "id_number",
            "credit_code",
            "phone",
            "received_at",
            "accepted_at",
            "deadline",
            "deadline_provisional",
            "deficiency_due",
            "submissions",
            "notices",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_id_number(self, case: Case) -> str:
        return mask_resident_id(case.id_number) if case.id_number else ""

    @extend_schema_field(serializers.CharField())
    def get_phone(self, case: Case) -> str:
        return mask_phone(case.phone)


class ErrorSerializer(serializers.Serializer[None]):
    detail = serializers.CharField()


# The 400 answer of the intake: ``detail`` and ``errors`` (a field named ``errors`` cannot be
# declared on a serializer class, whose ``errors`` is its own validation result).
IntakeErrorSerializer = inline_serializer(
    "IntakeError",
    fields={
        "detail": serializers.CharField(),
        "errors": serializers.DictField(
            help_text=(
                "Messages by request field, each a list of strings: the applicant's fields under "
                "their names, each material under material-<material id>, the outcome's fields "
                "(due, promise, reason, basis) under theirs. For a request that could not be "
                "read (a wrong type, an unknown item), DRF's messages, with checks as a list of "
                "one object per check."
            )
        ),
    },
)


# --- The back office and delivery: requests -------------------------------------------------
#
# Free text defaults to "" rather than being required, so that a missing opinion or reason is
# refused by the service with its own message, the same one the pages show.


class OpinionSerializer(serializers.Serializer[Any]):
    opinion = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="The step's opinion (审查意见); required except at the certificate step.",
    )


class ReasonSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class DecideSerializer(serializers.Serializer[Any]):
    grant = serializers.BooleanField(help_text="true: 准予许可; false: 不予许可.")
    opinion = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Reason for a denial."
    )
    basis = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Legal basis of a denial."
    )


class SuspendSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(
        choices=Suspension.Kind.choices,
        help_text=(
            "One of the special procedures the item provides for, or `deficiency` while "
            "materials are owed. A site inspection is a step of the route, not started here."
        ),
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ResumeSerializer(serializers.Serializer[Any]):
    result = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="The result of the special procedure.",
    )


class ExtendSerializer(serializers.Serializer[Any]):
    days = serializers.IntegerField(
        help_text="Working days; at most the statutory limit less the promised one."
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class CatchUpSerializer(serializers.Serializer[Any]):
    material_ids = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        default=list,
        help_text="Ids of the owed materials (容缺材料) the applicant brought.",
    )


@extend_schema_field(OpenApiTypes.BINARY)
class UploadField(serializers.FileField):
    """An uploaded file (multipart form data); documented as binary content, not a URL."""


class DeliverSerializer(serializers.Serializer[Any]):
    """The hand-over at the delivery window. At pick-up: the recipient's name and ID number,
    the signed receipt (or a photo of it) and, for someone other than the applicant or the
    agent on record, ``by_agent`` with the letter of authorisation. By post: the address and
    the tracking number. Files as multipart form data (PDF, JPEG or PNG)."""

    method = serializers.ChoiceField(choices=Delivery.Method.choices)
    recipient_name = serializers.CharField(
        max_length=50, required=False, allow_blank=True, default=""
    )
    recipient_id_number = serializers.CharField(
        max_length=18, required=False, allow_blank=True, default=""
    )
    by_agent = serializers.BooleanField(required=False, default=False)
    authorisation = UploadField(required=False, allow_null=True, default=None)
    receipt = UploadField(required=False, allow_null=True, default=None)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    carrier = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    tracking_number = serializers.CharField(
        max_length=40, required=False, allow_blank=True, default=""
    )


class QueueFilterSerializer(serializers.Serializer[Any]):
    """The queue's filters, as query parameters; each left out (or empty) does not filter."""

    item = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Item code (every version)."
    )
    kind = serializers.ChoiceField(
        choices=StepKind.choices, required=False, allow_blank=True, default=""
    )
    status = serializers.ChoiceField(
        choices=Status.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="The case's status.",
    )
    level = serializers.ChoiceField(
        choices=[*LEVELS, *((f"step_{v}", f"step_{v}") for v, _label in LEVELS)],
        required=False,
        allow_blank=True,
        default="",
        help_text="The case's colour (`yellow`), or the step's own (`step_yellow`).",
    )
    holder = serializers.ChoiceField(
        choices=[("mine", "mine"), ("unclaimed", "unclaimed"), ("all", "all")],
        required=False,
        allow_blank=True,
        default="",
        help_text="`mine`: steps on the caller's desk; `unclaimed`: steps nobody has taken up.",
    )
    department = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Department.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text=(
            "Department code: for roles that see every department (all of them when left "
            "out); others see their own department's queue only."
        ),
    )


class ProgressQuerySerializer(serializers.Serializer[Any]):
    number = serializers.CharField(max_length=32, help_text="Case number or receipt number.")
    check = serializers.CharField(
        min_length=4,
        max_length=4,
        help_text="The last 4 characters of the applicant's phone or ID number.",
    )


# --- The back office and delivery: responses ------------------------------------------------
#
# A step's and a procedure's ``kind`` are plain strings with their label beside them: the
# enum names of several "kind" fields would collide in the OpenAPI document.

STEP_KINDS = "One of: " + ", ".join(f"`{value}`" for value in StepKind.values) + "."


def _name(user: User | None) -> str | None:
    return str(user) if user is not None else None


class CaseStepSerializer(serializers.ModelSerializer[CaseStep]):
    """One pass of the case through a step. A return opens a new pass of the earlier step."""

    kind = serializers.CharField(read_only=True, help_text=STEP_KINDS)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    department = serializers.CharField(source="department.code", read_only=True)
    outcome = serializers.CharField(
        read_only=True, help_text="Empty while open; passed, returned, granted, denied, closed."
    )
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    claimed_by = serializers.SerializerMethodField(help_text="Who has the step on their desk.")

    class Meta:
        model = CaseStep
        fields = [
            "id",
            "position",
            "kind",
            "kind_label",
            "department",
            "limit_days",
            "started_at",
            "due",
            "claimed_by",
            "claimed_at",
            "finished_at",
            "outcome",
            "outcome_label",
            "opinion",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_claimed_by(self, step: CaseStep) -> str | None:
        return _name(step.claimed_by)


class SuspensionSerializer(serializers.ModelSerializer[Suspension]):
    kind = serializers.CharField(
        read_only=True,
        help_text="One of: " + ", ".join(f"`{v}`" for v in Suspension.Kind.values) + ".",
    )
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Suspension
        fields = [
            "kind",
            "kind_label",
            "reason",
            "started_at",
            "ended_at",
            "result",
            "working_days",
        ]
        read_only_fields = fields


class ClockSerializer(serializers.Serializer[clock.Reading]):
    """What the case's clock says today, in working days."""

    deadline = serializers.DateField(read_only=True)
    used = serializers.IntegerField(read_only=True)
    suspended = serializers.IntegerField(
        read_only=True, help_text="Working days the clock stood still (特别程序)."
    )
    left = serializers.IntegerField(read_only=True, help_text="Until the deadline.")
    level = serializers.ChoiceField(choices=LEVELS, read_only=True)


class DeliverySerializer(serializers.ModelSerializer[Delivery]):
    method_label = serializers.CharField(source="get_method_display", read_only=True)
    recipient_id_number = serializers.SerializerMethodField()
    has_authorisation = serializers.SerializerMethodField()
    has_receipt = serializers.SerializerMethodField()
    delivered_by = serializers.SerializerMethodField()

    class Meta:
        model = Delivery
        fields = [
            "method",
            "method_label",
            "recipient_name",
            "recipient_id_number",
            "by_agent",
            "has_authorisation",
            "has_receipt",
            "address",
            "carrier",
            "tracking_number",
            "window",
            "delivered_at",
            "delivered_by",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_recipient_id_number(self, delivery: Delivery) -> str:
        number = delivery.recipient_id_number
        return mask_resident_id(number) if number else ""

    def get_has_authorisation(self, delivery: Delivery) -> bool:
        return bool(delivery.authorisation)

    def get_has_receipt(self, delivery: Delivery) -> bool:
        return bool(delivery.receipt)

    @extend_schema_field(serializers.CharField())
    def get_delivered_by(self, delivery: Delivery) -> str:
        return str(delivery.delivered_by)


class CaseDetailSerializer(CaseSerializer):
    """The case with its back-office life: every pass through a step (with the opinions and
    who handled it: staff only), the special procedures, the clock, the decision and the
    delivery."""

    decision_label = serializers.CharField(source="get_decision_display", read_only=True)
    steps = CaseStepSerializer(many=True, read_only=True)
    suspensions = SuspensionSerializer(many=True, read_only=True)
    clock = serializers.SerializerMethodField()
    delivery = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = [
            *CaseSerializer.Meta.fields,
            "suspended_days",
            "extended_days",
            "extension_reason",
            "decision",
            "decision_label",
            "decided_at",
            "decision_reason",
            "decision_basis",
            "result_number",
            "ready_at",
            "completed_at",
            "termination_reason",
            "clock",
            "steps",
            "suspensions",
            "delivery",
        ]
        read_only_fields = fields

    @extend_schema_field(ClockSerializer(allow_null=True))
    def get_clock(self, case: Case) -> dict[str, Any] | None:
        """None until the case is accepted (the clock has not started)."""
        reading = clock.reading(case, timezone.localdate(), workdays.WorkCalendar.load())
        return ClockSerializer(reading).data if reading is not None else None

    @extend_schema_field(DeliverySerializer(allow_null=True))
    def get_delivery(self, case: Case) -> dict[str, Any] | None:
        try:
            handed_over = case.delivery
        except Delivery.DoesNotExist:
            return None
        return DeliverySerializer(handed_over).data


class QueueCaseSerializer(serializers.ModelSerializer[Case]):
    item = serializers.CharField(source="item.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "item",
            "applicant_name",
            "status",
            "status_label",
            "deadline",
        ]
        read_only_fields = fields


LEVEL_HELP = "green, yellow or red"


class QueueEntrySerializer(serializers.ModelSerializer[CaseStep]):
    """An open step in the queue, with its case."""

    kind = serializers.CharField(read_only=True, help_text=STEP_KINDS)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    department = serializers.CharField(source="department.code", read_only=True)
    step_level = serializers.CharField(
        read_only=True, help_text=f"The step's colour by its own limit: {LEVEL_HELP}."
    )
    case_level = serializers.CharField(
        read_only=True, help_text=f"The case's colour by its deadline: {LEVEL_HELP}."
    )
    claimed_by = serializers.SerializerMethodField()
    case = QueueCaseSerializer(read_only=True)

    class Meta:
        model = CaseStep
        fields = [
            "id",
            "kind",
            "kind_label",
            "department",
            "started_at",
            "due",
            "step_level",
            "case_level",
            "claimed_by",
            "claimed_at",
            "case",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_claimed_by(self, step: CaseStep) -> str | None:
        return _name(step.claimed_by)


# --- Public progress ---------------------------------------------------------------------
#
# For anyone with the number and four characters: times and labels only, never a member of
# staff's name or opinion.


class ProgressStepSerializer(serializers.ModelSerializer[CaseStep]):
    kind = serializers.CharField(read_only=True, help_text=STEP_KINDS)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = CaseStep
        fields = ["kind", "kind_label", "started_at", "due", "finished_at"]
        read_only_fields = fields


class ProgressEventSerializer(serializers.ModelSerializer[CaseEvent]):
    class Meta:
        model = CaseEvent
        fields = ["at", "label"]
        read_only_fields = fields


class ProgressSerializer(serializers.ModelSerializer[Case]):
    item = serializers.CharField(source="item.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    steps = ProgressStepSerializer(many=True, read_only=True)
    history = ProgressEventSerializer(source="events", many=True, read_only=True)

    class Meta:
        model = Case
        fields = [
            "receipt_number",
            "number",
            "item",
            "status",
            "status_label",
            "received_at",
            "accepted_at",
            "deadline",
            "deadline_provisional",
            "ready_at",
            "completed_at",
            "steps",
            "history",
        ]
        read_only_fields = fields


# The 400 answer of a back-office or delivery action: the same shape as the intake's.
StepErrorSerializer = inline_serializer(
    "StepError",
    fields={
        "detail": serializers.CharField(),
        "errors": serializers.DictField(
            help_text=(
                "Messages by request field, each a list of strings (e.g. opinion, reason, "
                "basis, days, kind, material_ids; at delivery recipient_id_number, receipt, "
                "authorisation, address, tracking_number). For a request that could not be "
                "read, DRF's messages."
            )
        ),
    },
)

"""The intake as the API receives it, and the case as the API shows it.

These serializers only parse and shape. Whether an intake may end the way it asks — materials
complete, ID numbers valid, a refusal with its reason — is decided by the intake services,
which report problems field by field under the same names as the request's fields.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from gaoxin.cases import intake
from gaoxin.cases.models import ApplicantKind, Case, Notice, Submission
from gaoxin.catalog.models import ServiceItem
from gaoxin.core.identity import mask_phone, mask_resident_id
from gaoxin.core.models import Window

OUTCOMES = ("accept", "accept_with_deficiency", "request_correction", "refuse")


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

    def to_intake(self, item: ServiceItem, default_window: Window | None) -> intake.Intake:
        """The validated request as the services take it."""
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
            window=data.get("window") or default_window,
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


class NoticeSerializer(serializers.ModelSerializer[Notice]):
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


class SubmissionSerializer(serializers.ModelSerializer[Submission]):
    material_name = serializers.CharField(source="material.name", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = Submission
        fields = ["material", "material_name", "state", "state_label", "problem", "copies"]
        read_only_fields = fields


class CaseItemSerializer(serializers.ModelSerializer[ServiceItem]):
    class Meta:
        model = ServiceItem
        fields = ["id", "code", "version", "name"]
        read_only_fields = fields


class CaseSerializer(serializers.ModelSerializer[Case]):
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

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.cases.models import ApplicantKind, Delivery


class ApplicantForm(forms.Form):
    """The applicant as the clerk types them. Rules that need the domain (ID check digits,
    credit codes) are checked by the intake service, which reports them field by field."""

    kind = forms.ChoiceField(
        label=_("Applicant"),
        choices=ApplicantKind.choices,
        initial=ApplicantKind.PERSON,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=_("Name of the applicant"), max_length=200, required=False)
    id_number = forms.CharField(label=_("Resident ID number"), max_length=18, required=False)
    credit_code = forms.CharField(
        label=_("Unified social credit code"), max_length=18, required=False
    )
    legal_representative = forms.CharField(
        label=_("Legal representative"), max_length=50, required=False
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=50, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    agent_name = forms.CharField(label=_("Agent"), max_length=50, required=False)
    agent_id_number = forms.CharField(
        label=_("Agent's resident ID number"), max_length=18, required=False
    )
    agent_phone = forms.CharField(label=_("Agent's phone"), max_length=20, required=False)


class OutcomeForm(forms.Form):
    due = forms.DateField(
        label=_("Owed materials due by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    promise = forms.CharField(
        label=_("Applicant's promise"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        initial="本人承诺在上述期限内补齐所缺材料，逾期未补齐的，同意终止办理，并承担相应责任。",
    )
    reason = forms.CharField(
        label=_("Reason for refusal"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    basis = forms.CharField(
        label=_("Legal basis"),
        required=False,
        initial="《中华人民共和国行政许可法》第三十二条第一款",
    )
    authority = forms.CharField(
        label=_("Authority responsible instead"), max_length=200, required=False
    )

    def add_errors(self, errors: dict[str, Any]) -> None:
        for name, messages in errors.items():
            if name in self.fields:
                self.add_error(name, messages)


class UploadForm(forms.Form):
    file = forms.FileField()


class DeliveryForm(forms.Form):
    """The hand-over at the delivery window, as the clerk types it. The rules (whose ID
    number, which uploads) are the delivery service's, reported field by field. Uploads are
    held at once (like the intake desk's scans): the form carries their ids."""

    method = forms.ChoiceField(
        label=_("Delivery"),
        # Handed out at a partner zone is recorded by the exchange, never chosen here.
        choices=[c for c in Delivery.Method.choices if c[0] != Delivery.Method.PARTNER],
        initial=Delivery.Method.PICKUP,
        widget=forms.RadioSelect,
    )
    recipient_name = forms.CharField(
        label=_("Name of the person collecting"), max_length=50, required=False
    )
    recipient_id_number = forms.CharField(
        label=_("Their resident ID number"), max_length=18, required=False
    )
    by_agent = forms.BooleanField(label=_("Collected by an agent"), required=False)
    authorisation_upload = forms.UUIDField(required=False, widget=forms.HiddenInput)
    receipt_upload = forms.UUIDField(required=False, widget=forms.HiddenInput)
    address = forms.CharField(label=_("Postal address"), max_length=200, required=False)
    carrier = forms.CharField(label=_("Carrier"), max_length=50, required=False)
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=40, required=False)

    def add_errors(self, errors: dict[str, Any]) -> None:
        for name, messages in errors.items():
            if name in ("authorisation", "receipt"):
                name = f"{name}_upload"
            self.add_error(name if name in self.fields else None, messages)

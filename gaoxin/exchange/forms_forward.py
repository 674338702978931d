"""Forms of the window's pages for applications received on a partner zone's behalf. The
applicant is typed in the intake desk's form (gaoxin.cases.forms.ApplicantForm)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.exchange.models import ForwardedApplication, Partner


class ForwardedFilter(forms.Form):
    q = forms.CharField(label=_("Find"), max_length=50, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *ForwardedApplication.Status.choices],
        required=False,
    )
    partner = forms.ModelChoiceField(
        label=_("Partner zone"),
        queryset=Partner.objects.order_by("code"),
        to_field_name="code",
        empty_label=_("All partners"),
        required=False,
    )
    mine = forms.BooleanField(label=_("Received by me"), required=False)

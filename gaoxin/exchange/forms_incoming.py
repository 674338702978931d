"""The outcome fields at the desk of applications received for us by partner zones. The
rules (what each outcome needs) are the services'; their refusals come back per field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class OutcomeForm(forms.Form):
    note = forms.CharField(
        label=_("What is missing or wrong"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(
        label=_("Reason for refusal"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    basis = forms.CharField(
        label=_("Legal basis"),
        required=False,
        max_length=500,
        initial="《中华人民共和国行政许可法》第三十二条第一款",
    )

    def add_errors(self, errors: dict[str, Any]) -> None:
        for name, messages in errors.items():
            if name in self.fields:
                self.add_error(name, messages)

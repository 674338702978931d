from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.core.errors import DomainError
from gaoxin.exchange import services
from gaoxin.exchange.models import Partner


def _formfield(field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"  # an address typed without its scheme
    return field.formfield(**kwargs)


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["code", "name", "base_url", "is_active"]
        formfield_callback = _formfield
        help_texts = {
            "base_url": _(
                "Where the partner's platform answers, e.g. https://zwfw.xagx.example.cn "
                "(HTTPS in production)."
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {"autofocus": True, "autocomplete": "off", "style": "text-transform: uppercase"}
        )
        self.fields["base_url"].widget.attrs.update({"placeholder": "https://"})

    def clean_code(self) -> str:
        try:
            return services.normalise_code(self.cleaned_data["code"])
        except DomainError as error:
            raise forms.ValidationError(error.message) from None


class PartnerKeyForm(forms.Form):
    key_id = forms.CharField(
        label=_("Key id"),
        max_length=40,
        help_text=_("As the partner's key page shows it, e.g. XAGX-20261201-1."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )
    public_key = forms.CharField(
        label=_("Public key"),
        max_length=200,
        help_text=_("The base64 text from the partner's key page (44 characters)."),
        widget=forms.Textarea(attrs={"rows": 2, "spellcheck": "false", "autocomplete": "off"}),
    )

    def clean_public_key(self) -> str:
        try:
            return services.parse_public_key(self.cleaned_data["public_key"])
        except DomainError as error:
            raise forms.ValidationError(error.message) from None

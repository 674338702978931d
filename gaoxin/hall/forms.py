from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gaoxin.core.identity import normalise_resident_id, validate_resident_id
from gaoxin.core.models import Window
from gaoxin.hall.models import BusinessType
from gaoxin.hall.queries import Slot


def parse_when(value: str) -> tuple[dt.date, dt.time]:
    day, time = value.split("T")
    return dt.date.fromisoformat(day), dt.time.fromisoformat(time)


class WhenForm(forms.Form):
    """A slot among those offered (``2026-11-24T09:30``), full ones refused."""

    when = forms.ChoiceField(label=_("Time"))

    def __init__(self, *args: Any, slots: list[Slot], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["when"]).choices = [
            (s.value, s.value) for s in slots if s.free > 0
        ]
        self.fields["when"].error_messages["invalid_choice"] = _(
            "This time is not free any more; please choose another."
        )

    def add_service_errors(self, errors: dict[str, list[str]], message: str) -> None:
        for field, texts in errors.items():
            for text in texts:
                self.add_error(field if field in self.fields else None, text)
        if not errors:
            self.add_error(None, message)

    @property
    def day_and_slot(self) -> tuple[dt.date, dt.time]:
        return parse_when(self.cleaned_data["when"])


class BookForm(WhenForm):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=50)
    id_number = forms.CharField(
        label=_("Resident ID number"),
        max_length=18,
        min_length=18,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )

    def clean_id_number(self) -> str:
        number = normalise_resident_id(self.cleaned_data["id_number"])
        validate_resident_id(number)
        return number


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Booking code"),
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Booking code or ID number"),
        max_length=18,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def lookup(self) -> tuple[str, str]:
        """(booking code, ID number): an 18-character value is an ID number."""
        value = self.cleaned_data["code"].strip()
        return ("", value) if len(value) == 18 else (value, "")


class TransferForm(forms.Form):
    business = forms.ModelChoiceField(
        label=_("To business"), queryset=BusinessType.objects.filter(is_active=True), required=False
    )
    to_window = forms.ModelChoiceField(
        label=_("To window"), queryset=Window.objects.filter(is_active=True), required=False
    )


class BusinessesForm(forms.Form):
    businesses = forms.ModelMultipleChoiceField(
        label=_("Businesses called"),
        queryset=BusinessType.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

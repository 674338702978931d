from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, cast

from django import forms
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gaoxin.catalog.models import ServiceItem
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


# --- 管理 › 大厅业务 ------------------------------------------------------------------------


class ItemsByDepartment(ModelChoiceIterator):
    """The catalog's items grouped under their owning department, for the picker's headings."""

    def __iter__(self) -> Iterator[Any]:
        groups: dict[str, list[Any]] = {}
        for item in self.queryset:
            groups.setdefault(str(item.department), []).append(self.choice(item))
        yield from groups.items()


class ItemChoice(forms.ModelMultipleChoiceField):
    iterator = ItemsByDepartment

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class ItemPicker(forms.CheckboxSelectMultiple):
    """Hundreds of items as ticks under their departments, with a search box (name, code,
    pinyin or initials) and "chosen only" above them (``hall/manage.js``; without scripts
    the whole list shows)."""

    template_name = "hall/widgets/item_picker.html"
    option_template_name = "hall/widgets/item_picker_option.html"

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        item = getattr(option["value"], "instance", None)
        if item is not None:
            option["item"] = item
            option["search"] = " ".join(
                [item.code, item.name, item.name_pinyin, item.name_initials, str(item.department)]
            ).lower()
        return option


class BusinessForm(forms.ModelForm):
    class Meta:
        model = BusinessType
        fields = [
            "code",
            "name",
            "description",
            "windows",
            "appointments_per_window",
            "bookable",
            "is_active",
            "sort_order",
            "items",
        ]
        field_classes = {"items": ItemChoice}
        widgets = {
            "code": forms.TextInput(attrs={"autocomplete": "off"}),
            "windows": forms.CheckboxSelectMultiple,
            "items": ItemPicker,
        }
        help_texts = {"description": _("Shown under the name on the kiosk's button.")}
        error_messages = {
            "code": {"unique": _("Another business already has this letter.")},
            "name": {"unique": _("Another business already has this name.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pk = self.instance.pk
        if not pk:
            self.fields["code"].widget.attrs["autofocus"] = True
        # Open windows and the current catalog; what the business has already stays on offer
        # (ticked), so saving does not drop a closed window or an item since superseded.
        windows = Q(is_active=True) | Q(hall_businesses=pk) if pk else Q(is_active=True)
        items = Q(is_current=True) | Q(hall_businesses=pk) if pk else Q(is_current=True)
        cast(forms.ModelMultipleChoiceField, self.fields["windows"]).queryset = (
            Window.objects.filter(windows).distinct().order_by("number")
        )
        cast(forms.ModelMultipleChoiceField, self.fields["items"]).queryset = (
            ServiceItem.objects.filter(items)
            .distinct()
            .select_related("department")
            .order_by("department__sort_order", "department__name", "name_pinyin", "code")
        )

    def clean_code(self) -> str:
        return str(self.cleaned_data["code"]).strip().upper()

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.catalog.models import Material, ServiceItem, SpecialProcedure
from gaoxin.catalog.services import ITEM_FIELDS
from gaoxin.core.models import Department
from gaoxin.core.uploads import OFD, PDF, XLSX, UploadValidator


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Catalog workbook (.xlsx)"),
        help_text=_("Exported from here, edited in Excel or WPS. Checked before anything changes."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        validators=[UploadValidator(kinds=[XLSX])],
    )


class ItemForm(forms.ModelForm):
    """One catalog item, as the catalog administrator edits it; saved as a new version."""

    code = forms.CharField(label=_("Item code"), max_length=40)
    special_procedures = forms.MultipleChoiceField(
        label=_("Special procedures allowed"),
        choices=SpecialProcedure.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ServiceItem
        fields = list(ITEM_FIELDS)
        widgets = {
            "conditions": forms.Textarea(attrs={"rows": 2}),
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["code", "name"])
        if editing:
            # The code is the item's identity across versions.
            self.fields["code"].disabled = True
        department = cast(forms.ModelChoiceField, self.fields["department"])
        department.queryset = Department.objects.filter(is_active=True)

    def _post_clean(self) -> None:
        # The service validates and writes a new version; the form must not touch the row.
        pass


class MaterialForm(forms.Form):
    name = forms.CharField(label=_("Material"), max_length=200)
    kind = forms.ChoiceField(label=_("Form"), choices=Material.Kind.choices)
    need = forms.ChoiceField(label=_("Needed"), choices=Material.Need.choices)
    condition = forms.CharField(label=_("Condition"), max_length=300, required=False)
    copies = forms.IntegerField(label=_("Copies"), min_value=0, max_value=99, initial=1)
    source = forms.CharField(label=_("Where it comes from"), max_length=200, required=False)
    standard = forms.CharField(label=_("Acceptance standard"), max_length=400, required=False)
    secondary = forms.BooleanField(label=_("May be owed"), required=False)
    blank_form = forms.FileField(
        label=_("Blank form"), required=False, validators=[UploadValidator(kinds=[PDF, OFD])]
    )
    sample = forms.FileField(
        label=_("Filled-in sample"),
        required=False,
        validators=[UploadValidator(kinds=[PDF, OFD])],
    )


MaterialFormSet = forms.formset_factory(MaterialForm, extra=2, can_delete=True)

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.core.uploads import XLSX, UploadValidator


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Catalog workbook (.xlsx)"),
        help_text=_("Exported from here, edited in Excel or WPS. Checked before anything changes."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        validators=[UploadValidator(kinds=[XLSX])],
    )

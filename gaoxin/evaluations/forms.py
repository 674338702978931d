from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.evaluations.models import Level, Reason
from gaoxin.evaluations.services import COMMENT_MAX


class RatingForm(forms.Form):
    # Highest first, as the pad shows them.
    level = forms.TypedChoiceField(
        label=_("How satisfied are you with the service?"),
        choices=sorted(Level.choices, reverse=True),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the five ratings.")},
    )
    reasons = forms.MultipleChoiceField(
        label=_("What went wrong?"),
        choices=Reason.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def add_errors(self, errors: dict[str, list[str]]) -> None:
        for name, messages in errors.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from gaoxin.core import audit
from gaoxin.core.models import AuditEntry, Department, User, Window, Zone
from gaoxin.core.roles import Role


class SignInForm(AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autofocus": True, "autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class ZoneForm(forms.ModelForm):
    class Meta:
        model = Zone
        fields = ["name", "short_name", "code", "region_code", "address", "phone"]


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["code", "name", "short_name", "phone", "sort_order", "is_active"]


class WindowForm(forms.ModelForm):
    class Meta:
        model = Window
        fields = ["number", "name", "kind", "departments", "location", "is_active"]
        widgets = {"departments": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelMultipleChoiceField, self.fields["departments"]
        ).queryset = Department.objects.filter(is_active=True)


class UserForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["username", "full_name", "role", "department", "window", "phone", "email"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["department"]
        ).queryset = Department.objects.filter(is_active=True)
        cast(forms.ModelChoiceField, self.fields["window"]).queryset = Window.objects.filter(
            is_active=True
        )
        cast(forms.ChoiceField, self.fields["role"]).choices = Role.choices


class NewUserForm(UserForm):
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not only digits, not a common password."),
    )


class EditUserForm(UserForm):
    is_active = forms.BooleanField(label=_("Active"), required=False)

    class Meta(UserForm.Meta):
        fields = [
            "full_name",
            "role",
            "department",
            "window",
            "decides_on_the_spot",
            "phone",
            "email",
            "is_active",
        ]


class PasswordForm(forms.Form):
    password = forms.CharField(
        label=_("New password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class OwnPasswordForm(forms.Form):
    current = forms.CharField(
        label=_("Current password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("New password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not only digits, not a common password."),
    )
    repeat = forms.CharField(
        label=_("New password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_current(self) -> str:
        current: str = self.cleaned_data["current"]
        if not self.user.check_password(current):
            raise forms.ValidationError(_("The current password is not right."))
        return current

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("repeat"):
            self.add_error("repeat", _("The two new passwords differ."))
        return data


class CalendarDayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    is_working_day = forms.TypedChoiceField(
        label=_("The day is"),
        choices=[("0", _("a day off (holiday)")), ("1", _("a working day (make-up day)"))],
        coerce=lambda v: v == "1",
    )
    name = forms.CharField(label=_("Holiday"), max_length=40, required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("User"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    object_type = forms.CharField(label=_("Object type"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actions = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
        choices = [("", _("All actions")), *((a, audit.action_label(a)) for a in actions)]
        cast(forms.ChoiceField, self.fields["action"]).choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since: dt.date | None = data.get("since")
        until: dt.date | None = data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date is before the start date."))
        return data

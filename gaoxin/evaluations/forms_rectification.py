"""Forms of the rectification pages (差评整改): the list's filters, one small form per step
on the work page, and the applicant's answer on the phone.

The forms only parse what was typed; ``rectification`` decides whether it is enough and says
so field by field (``RectificationRefused.errors``), which ``add_service_errors`` puts next to
the fields, keeping what was typed.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.evaluations.models import Level, Rectification
from gaoxin.evaluations.rectification import NOTE_MAX
from gaoxin.evaluations.rectification_queries import UNFINISHED

STATUS_CHOICES = [
    ("", _("Any status")),
    (UNFINISHED, _("Not closed")),
    *Rectification.Status.choices,
]
OVERDUE_CHOICES = [
    ("", _("Overdue or not")),
    ("any", _("Overdue")),
    ("callback", _("Call-back overdue")),
    ("fix", _("Answer overdue")),
]


class RectificationFilterForm(forms.Form):
    department = forms.ChoiceField(label=_("Department"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    overdue = forms.ChoiceField(label=_("Overdue"), required=False, choices=OVERDUE_CHOICES)

    def __init__(self, data: Any = None, *, departments: list[tuple[int, str]] | None) -> None:
        super().__init__(data)
        if departments is None:
            del self.fields["department"]
        else:
            cast(forms.ChoiceField, self.fields["department"]).choices = [
                ("", _("All departments")),
                *[(str(pk), name) for pk, name in departments],
            ]

    def filters(self) -> dict[str, Any]:
        """What the list is filtered by; a value that is not a choice counts as none."""
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        department = data.get("department") or ""
        return {
            "department": int(department) if department else None,
            "status": data.get("status", ""),
            "overdue": data.get("overdue", ""),
        }


class StepForm(forms.Form):
    """One step of the work page. Several share a page, so each form's ids carry its name."""

    id_prefix = "step"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)

    def add_service_errors(self, message: str, errors: dict[str, list[str]] | None = None) -> None:
        errors = errors or {}
        if not any(name in self.fields for name in errors):
            self.add_error(None, message)
        for name, messages in errors.items():
            self.add_error(name if name in self.fields else None, messages)


def _text(label: Any, rows: int = 3) -> forms.CharField:
    # Required by the service, with its own message; the length limit is the service's too.
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": NOTE_MAX}),
    )


class CallBackForm(StepForm):
    id_prefix = "call-back"
    note = _text(_("What you verified and what the applicant said"), rows=4)


class AnswerForm(StepForm):
    id_prefix = "answer"
    answer = _text(_("What was rectified (the applicant reads this)"), rows=5)


class AppealForm(StepForm):
    id_prefix = "appeal"
    reason = _text(_("Grounds: why the rating is malicious or mistaken"))


class ComplexForm(StepForm):
    id_prefix = "complex"
    reason = _text(_("Why the matter needs more time"), rows=2)


class DecideAppealForm(StepForm):
    id_prefix = "decide"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("uphold", _("Uphold: exclude the rating")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Uphold or reject the appeal.")},
    )
    reason = _text(_("Reason for the decision"))


class ResponseForm(forms.Form):
    """The applicant's answer: confirm the rectification, or rate the service again."""

    choice = forms.ChoiceField(
        choices=[("confirm", _("Confirm")), ("rerate", _("Rate again"))],
        error_messages={"required": _("Confirm the rectification or rate again.")},
    )
    level = forms.TypedChoiceField(
        label=_("How satisfied are you now?"),
        choices=sorted(Level.choices, reverse=True),
        coerce=int,
        required=False,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def add_errors(self, errors: dict[str, list[str]]) -> None:
        for name, messages in errors.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)

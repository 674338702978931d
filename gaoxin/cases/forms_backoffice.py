"""The back office's forms: the queue's filters and one small form per action on a case.

The forms only parse what was typed; the services decide whether it is enough (a denial's
legal basis, an extension's days) and say so field by field (``StepRefused.errors``), which
``add_service_errors`` puts next to the fields, keeping what was typed.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.cases.models import Suspension
from gaoxin.cases.workflow import Status
from gaoxin.catalog.steps import StepKind

HOLDER_CHOICES = [
    ("", _("Everyone's")),
    ("mine", _("On my desk")),
    ("unclaimed", _("Not taken up")),
]
LEVEL_CHOICES = [
    ("", _("Any colour")),
    ("red", _("Case overdue")),
    ("yellow", _("Case due soon")),
    ("green", _("Case on time")),
    ("step_red", _("Step overdue")),
    ("step_yellow", _("Step due soon")),
]
# The statuses a case with an open back-office step can be in.
QUEUE_STATUSES = (Status.ACCEPTED, Status.IN_REVIEW, Status.SUSPENDED, Status.DECIDED)


class ActionForm(forms.Form):
    """One action of the work page. Several share a page, so each form's ids carry its name;
    a service's refusal goes next to the fields it names, its message above them."""

    id_prefix = "action"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)

    def add_service_errors(self, message: str, errors: dict[str, list[str]] | None = None) -> None:
        self.add_error(None, message)
        for name, messages in (errors or {}).items():
            self.add_error(name if name in self.fields else None, messages)


class QueueFilterForm(forms.Form):
    item = forms.ChoiceField(label=_("Item"), required=False)
    kind = forms.ChoiceField(
        label=_("Step"), required=False, choices=[("", _("Every step")), *StepKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status"))] + [(s.value, s.label) for s in QUEUE_STATUSES],
    )
    level = forms.ChoiceField(label=_("Clock"), required=False, choices=LEVEL_CHOICES)
    holder = forms.ChoiceField(label=_("Held by"), required=False, choices=HOLDER_CHOICES)
    department = forms.ChoiceField(label=_("Department"), required=False)

    def __init__(
        self,
        data: Any = None,
        *,
        items: list[tuple[str, str]],
        departments: list[tuple[int, str]] | None = None,
    ) -> None:
        super().__init__(data)
        cast(forms.ChoiceField, self.fields["item"]).choices = [("", _("Every item")), *items]
        if departments is None:
            del self.fields["department"]
        else:
            cast(forms.ChoiceField, self.fields["department"]).choices = [
                ("", _("All departments")),
                *[(str(pk), name) for pk, name in departments],
            ]

    def filters(self) -> dict[str, Any]:
        """The query's keyword arguments; a value that is not a choice counts as none."""
        if not self.is_valid():
            # Keep whatever is valid: drop the rest.
            data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        else:
            data = dict(self.cleaned_data)
        department = data.pop("department", "") or None
        return {
            "item": data.get("item") or None,
            "kind": data.get("kind", ""),
            "status": data.get("status", ""),
            "level": data.get("level", ""),
            "holder": data.get("holder", ""),
            "department": int(department) if department else None,
        }


class StepForm(ActionForm):
    """Every action on the open step names it, so a page left open while the case moved on
    never acts on a step the person did not see."""

    step = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ClaimForm(StepForm):
    id_prefix = "claim"


class PassForm(StepForm):
    id_prefix = "pass"
    opinion = forms.CharField(
        label=_("Your opinion"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReturnForm(StepForm):
    id_prefix = "return"
    reason = forms.CharField(
        label=_("Reason for returning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class GrantForm(StepForm):
    id_prefix = "grant"
    opinion = forms.CharField(
        label=_("Opinion"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DenyForm(StepForm):
    id_prefix = "deny"
    reason = forms.CharField(
        label=_("Reason for the denial"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    basis = forms.CharField(
        label=_("Legal basis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The article of the law or regulation the denial rests on."),
    )


class SuspendForm(StepForm):
    id_prefix = "suspend"
    kind = forms.ChoiceField(label=_("Special procedure"), required=False)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, kinds: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            (k, Suspension.Kind(k).label) for k in kinds
        ]


class ResumeForm(StepForm):
    id_prefix = "resume"
    result = forms.CharField(
        label=_("Result of the special procedure"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ExtendForm(ActionForm):
    id_prefix = "extend"
    days = forms.IntegerField(label=_("Working days"), min_value=1, max_value=365)
    reason = forms.CharField(
        label=_("Reason for the extension"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CatchUpForm(ActionForm):
    id_prefix = "catch-up"
    materials = forms.TypedMultipleChoiceField(
        label=_("Owed materials brought"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, owed: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["materials"]).choices = owed


class TerminateForm(ActionForm):
    id_prefix = "terminate"
    reason = forms.CharField(
        label=_("Reason for ending the case"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

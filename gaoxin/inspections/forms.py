"""The forms of the inspection pages: parse and check the shape; the services decide."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gaoxin.cases.models import Case
from gaoxin.core.models import User
from gaoxin.core.roles import ROLE_CAPABILITIES, Capability
from gaoxin.inspections.checklists import clean_checklist, default_checklist
from gaoxin.inspections.models import InspectionRoom
from gaoxin.inspections.services import Slot


class ServiceForm(forms.Form):
    def add_service_errors(self, message: str, errors: dict[str, list[str]] | None = None) -> None:
        self.add_error(None, message)
        for name, messages in (errors or {}).items():
            self.add_error(name if name in self.fields else None, messages)


def other_inspectors(case: Case) -> QuerySet[User]:
    """Inspectors of the other departments, who may join an inspection of ``case``."""
    roles = [r for r, caps in ROLE_CAPABILITIES.items() if Capability.INSPECT in caps]
    return (
        User.objects.filter(is_active=True, role__in=roles)
        .exclude(department_id=case.department_id)
        .select_related("department")
        .order_by("department__sort_order", "full_name")
    )


class InspectorChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} · {obj.department}" if obj.department_id else str(obj)


class RequestForm(ServiceForm):
    remote = forms.BooleanField(
        label=_("Remote, by video from the applicant's phone"), required=False
    )
    checklist = forms.CharField(
        label=_("Points to inspect"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One point per line; the record's findings follow them."),
        error_messages={"required": _("List at least one point to inspect.")},
    )
    participants = InspectorChoice(
        label=_("Inspectors of other departments joining"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )

    def __init__(self, data: Any = None, *, case: Case) -> None:
        item = case.item
        super().__init__(
            data,
            auto_id="inspection-%s",
            initial={
                "remote": item.remote_inspection,
                "checklist": "\n".join(default_checklist(item)),
            },
        )
        if not item.remote_inspection:
            self.fields["remote"].disabled = True
            self.fields["remote"].help_text = _("This item's inspection is held on site.")
        field = cast(InspectorChoice, self.fields["participants"])
        field.queryset = other_inspectors(case)
        if not field.queryset.exists():
            del self.fields["participants"]

    def clean_checklist(self) -> list[str]:
        points = clean_checklist(self.cleaned_data["checklist"])
        if not points:
            raise forms.ValidationError(_("List at least one point to inspect."))
        return points


class BookForm(ServiceForm):
    """A slot picked from those offered; the value is its start in ISO form."""

    start = forms.ChoiceField(label=_("Time"), widget=forms.RadioSelect)

    def __init__(self, data: Any = None, *, slots: list[Slot]) -> None:
        super().__init__(data, auto_id="book-%s")
        cast(forms.ChoiceField, self.fields["start"]).choices = [
            (slot.start.isoformat(), f"{slot.local_start:%Y-%m-%d %H:%M}") for slot in slots
        ]
        self.fields["start"].error_messages["invalid_choice"] = _(
            "This time is no longer free; please choose another."
        )
        self.fields["start"].error_messages["required"] = _("Choose a time.")

    def clean_start(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.cleaned_data["start"])


class CancelForm(ServiceForm):
    reason = forms.CharField(label=_("Reason"), max_length=200)

    def __init__(self, data: Any = None, *, prefix: str = "cancel") -> None:
        super().__init__(data, auto_id=f"{prefix}-%s")


class RecordForm(ServiceForm):
    """The inspection record (勘验记录): a finding per checklist point, then the conclusion."""

    site = forms.CharField(label=_("Site"), max_length=300)
    record_date = forms.DateField(label=_("Date of the inspection"))
    participants = forms.CharField(
        label=_("Participants"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The inspectors with their departments, and the applicant or their agent."),
    )
    conclusion = forms.ChoiceField(
        label=_("Conclusion"),
        widget=forms.RadioSelect,
        choices=[],
        error_messages={"required": _("Choose the conclusion.")},
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, data: Any = None, *, checklist: list[str], initial: Any = None) -> None:
        super().__init__(data, initial=initial)
        from gaoxin.inspections.models import Inspection

        cast(forms.ChoiceField, self.fields["conclusion"]).choices = Inspection.Conclusion.choices
        self.points = list(checklist)
        for index, point in enumerate(self.points):
            self.fields[f"finding_{index}"] = forms.CharField(
                label=point,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"required": _("Write what you found.")},
            )

    def finding_fields(self) -> list[tuple[int, Any]]:
        return [(i, self[f"finding_{i}"]) for i in range(len(self.points))]

    def findings(self) -> dict[int, str]:
        return {i: self.cleaned_data.get(f"finding_{i}", "") for i in range(len(self.points))}


class ApplicantUploadForm(ServiceForm):
    file = forms.FileField(label=_("Video or photo"))
    note = forms.CharField(label=_("What it shows"), max_length=200, required=False)


class RoomForm(forms.ModelForm):
    """An inspection room's name, place and order (its use is switched on the list)."""

    class Meta:
        model = InspectionRoom
        fields = ["name", "location", "sort_order"]

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.catalog.models import Material, ServiceItem, SpecialProcedure
from gaoxin.catalog.services import ITEM_FIELDS
from gaoxin.catalog.steps import PAUSES_CLOCK, ROUTE, StepKind, default_days, kinds_of
from gaoxin.core.models import Department
from gaoxin.core.uploads import OFD, PDF, XLSX, UploadValidator


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Catalog workbook (.xlsx)"),
        help_text=_("Exported from here, edited in Excel or WPS. Checked before anything changes."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        validators=[UploadValidator(kinds=[XLSX])],
    )


MAX_STEP_DAYS = 999


class StepDaysWidget(forms.MultiWidget):
    """One small number box per step of the route; steps the item does not go through are
    rendered hidden, so that what was typed comes back when the step is switched on again."""

    template_name = "catalog/widgets/step_days.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        box = {
            "min": 0,
            "max": MAX_STEP_DAYS,
            "step": 1,
            "inputmode": "numeric",
            "class": "form-control form-control-sm text-end",
            "style": "width: 5.5rem",
        }
        super().__init__({str(kind): forms.NumberInput(attrs=box) for kind in ROUTE}, attrs)
        self.route = Route()

    def decompress(self, value: Any) -> list[Any]:
        value = value or {}
        return [value.get(str(kind)) for kind in ROUTE]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        route = self.route
        typed: dict[str, int | None] = {}
        for kind, sub in zip(ROUTE, context["widget"]["subwidgets"], strict=True):
            default = route.defaults.get(kind)
            sub["kind"] = str(kind)
            sub["label"] = StepKind(kind).label
            sub["shown"] = kind in route.kinds
            sub["pauses"] = kind in PAUSES_CLOCK
            sub["default"] = default
            if default is not None:
                sub["attrs"]["placeholder"] = default
            typed[str(kind)] = _whole(sub["value"])
        counted = 0
        for k in route.kinds:
            if k not in PAUSES_CLOCK:
                days = typed.get(k)
                counted += days if days is not None else route.defaults.get(k, 0)
        context["widget"]["counted"] = counted
        context["widget"]["promised"] = route.promised
        return context


class Route:
    """The steps an item being edited goes through, and the default split of its promised
    limit over them (what a blank box means)."""

    def __init__(self, values: dict[str, Any] | None = None) -> None:
        values = values or {}
        self.kinds = kinds_of(values)
        self.promised: int | None = values.get("promised_days")
        self.defaults = default_days(self.kinds, self.promised) if self.promised is not None else {}


def _whole(value: Any) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


class StepDaysField(forms.MultiValueField):
    """The limits of the steps as the service takes them: {"review": 3, …}, only the steps
    given a number; a blank box leaves the step to the default split."""

    widget = StepDaysWidget

    def __init__(self, **kwargs: Any) -> None:
        fields = [
            forms.IntegerField(min_value=0, max_value=MAX_STEP_DAYS, required=False)
            for _kind in ROUTE
        ]
        super().__init__(fields=fields, require_all_fields=False, required=False, **kwargs)

    def compress(self, data_list: list[Any]) -> dict[str, int]:
        return {
            str(kind): days
            for kind, days in zip(ROUTE, data_list or [None] * len(ROUTE), strict=True)
            if days is not None
        }


class ItemForm(forms.ModelForm):
    """One catalog item, as the catalog administrator edits it; saved as a new version."""

    code = forms.CharField(label=_("Item code"), max_length=40)
    special_procedures = forms.MultipleChoiceField(
        label=_("Special procedures allowed"),
        choices=SpecialProcedure.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    step_days = StepDaysField(
        label=_("Limits of the steps (working days)"),
        help_text=_(
            "A blank box takes its share of the promised limit, as shown in grey. A site "
            "inspection is not counted in the promised limit."
        ),
    )

    # The back-office route comes last, under its own heading.
    ROUTE_FIELDS = ("head_approval", "joint_department", "step_days")

    class Meta:
        model = ServiceItem
        fields = list(ITEM_FIELDS)
        widgets = {
            "conditions": forms.Textarea(attrs={"rows": 2}),
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        others = [name for name in self.fields if name not in self.ROUTE_FIELDS]
        self.order_fields(["code", "name", *others, *self.ROUTE_FIELDS])
        if editing:
            # The code is the item's identity across versions.
            self.fields["code"].disabled = True
        active = Department.objects.filter(is_active=True)
        department = cast(forms.ModelChoiceField, self.fields["department"])
        department.queryset = active
        joint = cast(forms.ModelChoiceField, self.fields["joint_department"])
        joint.queryset = active
        joint.empty_label = _("None: no joint review")
        values = self.route_values()
        owner, chosen = str(values["department"] or ""), str(values["joint_department"] or "")
        # The owning department is no choice for a joint review, unless it is what was sent
        # (then the service says why it is refused, and the choice is kept on the page).
        joint.widget.choices = [
            (value, label)
            for value, label in cast(Iterable[tuple[Any, str]], joint.choices)
            if not owner or str(value) != owner or str(value) == chosen
        ]
        cast(StepDaysWidget, self.fields["step_days"].widget).route = Route(values)

    def route_values(self) -> dict[str, Any]:
        """What the route depends on, as the page shows it now: the data sent, or the item."""
        if not self.is_bound:
            item = self.instance
            return {
                "department": item.department_id,
                "promised_days": item.promised_days,
                "needs_inspection": item.needs_inspection,
                "head_approval": item.head_approval,
                "joint_department": item.joint_department_id,
            }
        values: dict[str, Any] = {}
        for name in (
            "department",
            "promised_days",
            "needs_inspection",
            "head_approval",
            "joint_department",
        ):
            widget = self.fields[name].widget
            values[name] = widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
        values["promised_days"] = _whole(values["promised_days"])
        values["department"] = values["department"] or None
        values["joint_department"] = values["joint_department"] or None
        return values

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if isinstance(cleaned.get("step_days"), dict):
            # A box left filled in for a step switched off (and so hidden) is not a limit.
            kinds = kinds_of(cleaned)
            cleaned["step_days"] = {k: v for k, v in cleaned["step_days"].items() if k in kinds}
        return cleaned

    def _post_clean(self) -> None:
        # The service validates and writes a new version; the form must not touch the row.
        pass


class MaterialForm(forms.Form):
    name = forms.CharField(label=_("Material"), max_length=200)
    # With the select's first choice as initial, an untouched blank row has not changed and
    # is left out, instead of asking for a name.
    kind = forms.ChoiceField(
        label=_("Form"), choices=Material.Kind.choices, initial=Material.Kind.ORIGINAL
    )
    need = forms.ChoiceField(
        label=_("Needed"), choices=Material.Need.choices, initial=Material.Need.REQUIRED
    )
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

"""The back-office steps an item's cases go through (后台分类审批), and their limits.

Every item has the default route review (审查) → decision (决定) → certificate (制证); an item
may add a site inspection, a joint review by a second department (联合审批) and approval by
the department head. Each step has a limit in working days; the limits of the steps the clock
counts add up to at most the promised limit. A site inspection is a special procedure: its
time pauses the case's clock, so its own limit (5 working days unless the item says otherwise:
the zone promises at most 5) is outside that sum.

The plan is computed from the item *version* a case was received under, so a later edit of
the catalog never changes the route of a case already running.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from gaoxin.catalog.models import ServiceItem


class StepKind(models.TextChoices):
    REVIEW = "review", gettext_lazy("Review")  # 审查
    INSPECTION = "inspection", gettext_lazy("Site inspection")  # 现场踏勘
    JOINT_REVIEW = "joint_review", gettext_lazy("Joint review")  # 联合审批
    HEAD_APPROVAL = "head_approval", gettext_lazy("Approval by the head")  # 负责人审批
    DECISION = "decision", gettext_lazy("Decision")  # 决定
    CERTIFICATE = "certificate", gettext_lazy("Certificate")  # 制证


# The order steps take when an item has them; the decision and certificate always close.
ROUTE = (
    StepKind.REVIEW,
    StepKind.INSPECTION,
    StepKind.JOINT_REVIEW,
    StepKind.HEAD_APPROVAL,
    StepKind.DECISION,
    StepKind.CERTIFICATE,
)
# Steps whose time the case clock does not count (特别程序).
PAUSES_CLOCK = frozenset({StepKind.INSPECTION})
INSPECTION_DAYS = 5


@dataclass(frozen=True)
class PlannedStep:
    kind: str
    department_id: int
    days: int

    @property
    def label(self) -> str:
        return str(StepKind(self.kind).label)


def kinds_of(values: dict[str, Any]) -> list[str]:
    """The steps an item with these catalog values goes through, in order."""
    present = {
        StepKind.REVIEW: True,
        StepKind.INSPECTION: bool(values.get("needs_inspection")),
        StepKind.JOINT_REVIEW: bool(
            values.get("joint_department") or values.get("joint_department_id")
        ),
        StepKind.HEAD_APPROVAL: bool(values.get("head_approval")),
        StepKind.DECISION: True,
        StepKind.CERTIFICATE: True,
    }
    return [str(kind) for kind in ROUTE if present[kind]]


def default_days(kinds: list[str], promised: int) -> dict[str, int]:
    """Split the promised limit over the counted steps: one day each for the decision and the
    certificate when there is room, the rest to the review and the other steps."""
    counted = [k for k in kinds if k not in PAUSES_CLOCK]
    days = dict.fromkeys(counted, 0)
    left = promised
    for kind in (StepKind.DECISION, StepKind.CERTIFICATE, StepKind.HEAD_APPROVAL):
        if kind in days and left > 1:
            days[kind] = 1
            left -= 1
    middle = [k for k in counted if k in (StepKind.REVIEW, StepKind.JOINT_REVIEW)]
    for index, name in enumerate(middle):
        share = left // (len(middle) - index)
        days[name] += share
        left -= share
    if StepKind.INSPECTION in kinds:
        days[StepKind.INSPECTION] = INSPECTION_DAYS
    return days


def check_step_days(values: dict[str, Any]) -> dict[str, list[str]]:
    """The editor's messages for step limits that do not fit the item; empty when they do."""
    given: dict[str, int] = values.get("step_days") or {}
    kinds = kinds_of(values)
    errors: list[str] = []
    unknown = set(given) - set(kinds)
    if unknown:
        errors.append(
            _("Limits given for steps this item does not have: %(names)s.")
            % {
                "names": ", ".join(
                    str(StepKind(k).label) if k in StepKind.values else k for k in sorted(unknown)
                )
            }
        )
    if any(not isinstance(v, int) or v < 0 for v in given.values()):
        errors.append(_("A step's limit is a whole number of working days, 0 or more."))
    else:
        merged = {**default_days(kinds, int(values.get("promised_days") or 0)), **given}
        counted = sum(v for k, v in merged.items() if k not in PAUSES_CLOCK)
        promised = int(values.get("promised_days") or 0)
        if counted > promised:
            errors.append(
                _(
                    "The steps' limits add up to %(sum)s working days, more than the promised "
                    "%(promised)s."
                )
                % {"sum": counted, "promised": promised}
            )
    return {"step_days": errors} if errors else {}


def plan(item: ServiceItem) -> list[PlannedStep]:
    values = {
        "needs_inspection": item.needs_inspection,
        "joint_department_id": item.joint_department_id,
        "head_approval": item.head_approval,
    }
    kinds = kinds_of(values)
    days = {**default_days(kinds, item.promised_days), **(item.step_days or {})}
    return [
        PlannedStep(
            kind,
            (
                item.joint_department_id
                if kind == StepKind.JOINT_REVIEW and item.joint_department_id
                else item.department_id
            ),
            int(days.get(kind, 0)),
        )
        for kind in kinds
    ]

"""Who may read a case and its notices. Shared by the pages and the API."""

from __future__ import annotations

from typing import Any

from gaoxin.cases.models import Case
from gaoxin.core.permissions import can
from gaoxin.core.roles import Capability


def may_read_case(user: Any, case: Case) -> bool:
    """The windows, supervisors, the owning department's staff, and the staff of a second
    department the case's route passes through (联合审批)."""
    if can(user, Capability.SERVE_AT_WINDOW) or can(user, Capability.SUPERVISE):
        return True
    if not can(user, Capability.VIEW_OWN_DEPARTMENT):
        return False
    return user.department_id == case.department_id or (
        case.item.joint_department_id is not None
        and user.department_id == case.item.joint_department_id
    )

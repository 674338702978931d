"""Who may read a case and its notices: the windows, the supervisors, and the owning
department's own staff. Shared by the pages and the API."""

from __future__ import annotations

from typing import Any

from gaoxin.cases.models import Case
from gaoxin.core.permissions import can
from gaoxin.core.roles import Capability


def may_read_case(user: Any, case: Case) -> bool:
    return (
        can(user, Capability.SERVE_AT_WINDOW)
        or can(user, Capability.SUPERVISE)
        or (can(user, Capability.VIEW_OWN_DEPARTMENT) and user.department_id == case.department_id)
    )

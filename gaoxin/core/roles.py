"""Roles and what each may do.

A staff account has one role. Code asks for a *capability*, never for a role by name, so a new
role is one line in ``ROLE_CAPABILITIES`` and nothing else changes.
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CLERK = "clerk", _("Window clerk")
    APPROVER = "approver", _("Department approver")
    DEPARTMENT_HEAD = "department_head", _("Department head")
    INSPECTOR = "inspector", _("Inspector")
    SUPERVISOR = "supervisor", _("Center supervisor")
    ENTERPRISE_OFFICER = "enterprise_officer", _("Enterprise-service officer")
    PROJECT_OFFICER = "project_officer", _("Project officer")
    LEADER = "leader", _("Zone leader")
    ADMINISTRATOR = "administrator", _("System administrator")


class Capability(StrEnum):
    MANAGE_ORGANISATION = "manage_organisation"  # users, departments, windows, zone identity
    MANAGE_CALENDAR = "manage_calendar"
    VIEW_AUDIT_LOG = "view_audit_log"
    VIEW_ALL_DEPARTMENTS = "view_all_departments"
    VIEW_OWN_DEPARTMENT = "view_own_department"
    SERVE_AT_WINDOW = "serve_at_window"
    APPROVE = "approve"
    HEAD_DEPARTMENT = "head_department"
    INSPECT = "inspect"
    SUPERVISE = "supervise"
    SERVE_ENTERPRISES = "serve_enterprises"
    MANAGE_PROJECTS = "manage_projects"
    LEAD_ZONE = "lead_zone"
    MANAGE_CATALOG = "manage_catalog"
    # Follows up bad ratings (差评整改) and so may see who gave them.
    RECTIFY = "rectify"
    # Granted per account (User.decides_on_the_spot), not by role: only some clerks are
    # authorised to decide immediate items (即办件) at the window.
    DECIDE_ON_THE_SPOT = "decide_on_the_spot"


ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.CLERK: frozenset({Capability.SERVE_AT_WINDOW}),
    Role.APPROVER: frozenset({Capability.VIEW_OWN_DEPARTMENT, Capability.APPROVE}),
    Role.DEPARTMENT_HEAD: frozenset(
        {
            Capability.VIEW_OWN_DEPARTMENT,
            Capability.APPROVE,
            Capability.HEAD_DEPARTMENT,
            Capability.RECTIFY,
        }
    ),
    Role.INSPECTOR: frozenset({Capability.VIEW_OWN_DEPARTMENT, Capability.INSPECT}),
    Role.SUPERVISOR: frozenset(
        {
            Capability.SUPERVISE,
            Capability.VIEW_AUDIT_LOG,
            Capability.VIEW_ALL_DEPARTMENTS,
            Capability.RECTIFY,
        }
    ),
    Role.ENTERPRISE_OFFICER: frozenset({Capability.SERVE_ENTERPRISES}),
    Role.PROJECT_OFFICER: frozenset({Capability.MANAGE_PROJECTS}),
    Role.LEADER: frozenset({Capability.LEAD_ZONE, Capability.VIEW_ALL_DEPARTMENTS}),
    Role.ADMINISTRATOR: frozenset(
        {
            Capability.MANAGE_ORGANISATION,
            Capability.MANAGE_CALENDAR,
            Capability.MANAGE_CATALOG,
            Capability.VIEW_AUDIT_LOG,
            Capability.VIEW_ALL_DEPARTMENTS,
        }
    ),
}

# Roles whose work belongs to one department: the account must name it.
DEPARTMENT_ROLES = frozenset({Role.APPROVER, Role.DEPARTMENT_HEAD, Role.INSPECTOR})

"""Permission checks that services and views share. Templates may hide what a user cannot do,
but the check that counts is made here, before anything is read or written."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from gaoxin.core.errors import NotAllowed
from gaoxin.core.models import Department
from gaoxin.core.roles import Capability


def can(user: Any, capability: Capability) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.can(capability)


def require(user: Any, capability: Capability) -> None:
    if not can(user, capability):
        raise NotAllowed(_("Your role does not allow this."))


def visible_departments(user: Any) -> QuerySet[Department]:
    if can(user, Capability.VIEW_ALL_DEPARTMENTS) or can(user, Capability.MANAGE_ORGANISATION):
        return Department.objects.all()
    if can(user, Capability.VIEW_OWN_DEPARTMENT) and user.department_id:
        return Department.objects.filter(pk=user.department_id)
    return Department.objects.none()


def require_department(user: Any, department: Department) -> None:
    """A department's own work is seen by its staff and by roles that see every department."""
    if not visible_departments(user).filter(pk=department.pk).exists():
        raise NotAllowed(_("This page belongs to another department."))

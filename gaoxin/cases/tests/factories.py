"""Intakes as a clerk enters them."""

from __future__ import annotations

from gaoxin.cases.intake import Applicant, Intake, MaterialCheck
from gaoxin.cases.models import Submission
from gaoxin.catalog.models import Material, ServiceItem
from gaoxin.core.models import Window
from gaoxin.core.tests.factories import credit_code, resident_id


def person(**overrides: str) -> Applicant:
    values = {
        "kind": "person",
        "name": "李娜",
        "id_number": resident_id(order=321),
        "phone": "13891234567",
    }
    values.update(overrides)
    return Applicant(**values)


def enterprise(**overrides: str) -> Applicant:
    values = {
        "kind": "enterprise",
        "name": "咸阳华星电子科技有限公司",
        "credit_code": credit_code(),
        "legal_representative": "王建华",
        "contact_name": "刘敏",
        "phone": "029-33261234",
    }
    values.update(overrides)
    return Applicant(**values)


def all_received(item: ServiceItem) -> list[MaterialCheck]:
    checks = []
    for material in item.materials.all():
        state = (
            Submission.State.NOT_APPLICABLE
            if material.need == Material.Need.CONDITIONAL
            else Submission.State.RECEIVED
        )
        checks.append(MaterialCheck(material.pk, state, copies=material.copies))
    return checks


def with_state(checks: list[MaterialCheck], name: str, state: str, problem: str = ""):
    from gaoxin.catalog.models import Material as M

    target = M.objects.get(pk__in=[c.material_id for c in checks], name=name).pk
    return [
        MaterialCheck(c.material_id, state, problem) if c.material_id == target else c
        for c in checks
    ]


def intake(
    item: ServiceItem, window: Window | None, applicant: Applicant | None = None, checks=None
):
    return Intake(
        item=item,
        applicant=applicant or person(),
        checks=checks if checks is not None else all_received(item),
        window=window,
    )

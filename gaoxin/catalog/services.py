"""Every change to the catalog: create an item, revise it (a new version), withdraw it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from gaoxin.catalog.models import Material, ServiceItem, SpecialProcedure
from gaoxin.catalog.search import pinyin_keys
from gaoxin.catalog.steps import check_step_days
from gaoxin.core import audit
from gaoxin.core.errors import DomainError
from gaoxin.core.models import User
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.core.uploads import OFD, PDF, check_upload

# Fields a revision may change; code and version are the identity.
ITEM_FIELDS = (
    "name",
    "kind",
    "department",
    "handling",
    "statutory_days",
    "promised_days",
    "special_procedures",
    "conditions",
    "legal_basis",
    "fee",
    "fee_basis",
    "location",
    "hours",
    "visits",
    "online",
    "cross_zone",
    "allows_deficiency",
    "needs_inspection",
    "remote_inspection",
    "head_approval",
    "joint_department",
    "step_days",
    "result_name",
    "result_type",
)
MATERIAL_FIELDS = ("name", "kind", "need", "condition", "copies", "source", "standard", "secondary")
# A blank form and a filled-in sample an applicant can download; given as uploaded files.
MATERIAL_FILES = ("blank_form", "sample")


def check_item_rules(values: dict[str, Any]) -> None:
    """The rules an item must keep, with messages a catalog editor can act on. The database
    enforces the same rules as constraints; this says why in the editor's language."""
    errors: dict[str, list[str]] = {}
    if values["promised_days"] > values["statutory_days"]:
        errors.setdefault("promised_days", []).append(
            _("The promised limit may not exceed the statutory limit.")
        )
    if values.get("remote_inspection") and not values.get("needs_inspection"):
        errors.setdefault("remote_inspection", []).append(
            _("Only an item that needs a site inspection can allow a remote one.")
        )
    unknown = set(values.get("special_procedures") or []) - set(SpecialProcedure.values)
    if unknown:
        errors.setdefault("special_procedures", []).append(
            _("Unknown special procedures: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    joint = values.get("joint_department")
    if joint is not None and joint == values.get("department"):
        errors.setdefault("joint_department", []).append(
            _("A joint review is by a second department, not the owning one.")
        )
    errors.update(check_step_days(values))
    if Decimal(values.get("fee") or 0) < 0:
        errors.setdefault("fee", []).append(_("A fee cannot be negative."))
    if errors:
        raise ValidationError(errors)


def _check_materials(materials: list[dict[str, Any]]) -> None:
    if not any(m.get("need", Material.Need.REQUIRED) == Material.Need.REQUIRED for m in materials):
        raise DomainError(_("An item needs at least one required material."))
    for material in materials:
        if material.get("need") == Material.Need.CONDITIONAL and not material.get("condition"):
            raise DomainError(
                _("Say in words when the material %(name)s is needed.")
                % {"name": material.get("name", "")}
            )


def _write(item: ServiceItem, values: dict[str, Any], materials: list[dict[str, Any]]) -> None:
    check_item_rules(values)
    _check_materials(materials)
    for name, value in values.items():
        setattr(item, name, value)
    item.name_pinyin, item.name_initials = pinyin_keys(item.name)
    item.full_clean()
    item.save()
    rows = []
    for order, material in enumerate(materials, start=1):
        row = Material(
            item=item, order=order, **{k: material[k] for k in material if k in MATERIAL_FIELDS}
        )
        row.full_clean(exclude=["item", *MATERIAL_FILES])
        rows.append(row)
    Material.objects.bulk_create(rows)
    for row, material in zip(rows, materials, strict=True):
        for name in MATERIAL_FILES:
            upload = material.get(name)
            if upload:
                kind = check_upload(upload, kinds=(PDF, OFD))
                getattr(row, name).save(f"{item.code}-{row.order}-{name}.{kind}", upload)


@transaction.atomic
def create_item(
    *, actor: User | None, code: str, materials: list[dict[str, Any]], **values: Any
) -> ServiceItem:
    if actor is not None:
        require(actor, Capability.MANAGE_CATALOG)
    if ServiceItem.objects.filter(code=code).exists():
        raise DomainError(_("An item with the code %(code)s exists already.") % {"code": code})
    item = ServiceItem(code=code, version=1, is_current=True, created_by=actor)
    _write(item, values, materials)
    audit.record(
        "catalog.create_item",
        actor=actor,
        obj=item,
        changes={"code": code, "name": item.name, "materials": len(materials)},
    )
    return item


@transaction.atomic
def create_items(*, actor: User | None, items: list[dict[str, Any]]) -> list[ServiceItem]:
    """Many new items at once (the demo catalog, a first import): the same rules as
    ``create_item``, written in a few statements instead of a few per item."""
    if actor is not None:
        require(actor, Capability.MANAGE_CATALOG)
    codes = [entry["code"] for entry in items]
    taken = set(ServiceItem.objects.filter(code__in=codes).values_list("code", flat=True))
    if taken or len(set(codes)) != len(codes):
        raise DomainError(
            _("An item with the code %(code)s exists already.")
            % {"code": ", ".join(sorted(taken)) or "?"}
        )
    rows = []
    for entry in items:
        values = {k: v for k, v in entry.items() if k in ITEM_FIELDS}
        check_item_rules(values)
        _check_materials(entry["materials"])
        row = ServiceItem(
            code=entry["code"], version=1, is_current=True, created_by=actor, **values
        )
        row.name_pinyin, row.name_initials = pinyin_keys(row.name)
        row.full_clean(exclude=["department"], validate_unique=False, validate_constraints=False)
        rows.append(row)
    created = ServiceItem.objects.bulk_create(rows)
    materials = [
        Material(
            item=item,
            order=order,
            **{k: material[k] for k in material if k in MATERIAL_FIELDS},
        )
        for item, entry in zip(created, items, strict=True)
        for order, material in enumerate(entry["materials"], start=1)
    ]
    Material.objects.bulk_create(materials)
    audit.record(
        "catalog.create_items",
        actor=actor,
        changes={"items": len(created), "materials": len(materials)},
    )
    return created


def material_values(item: ServiceItem) -> list[dict[str, Any]]:
    return [{f: getattr(m, f) for f in MATERIAL_FIELDS} for m in item.materials.all()]


def item_values(item: ServiceItem) -> dict[str, Any]:
    return {f: getattr(item, f) for f in ITEM_FIELDS}


@transaction.atomic
def revise_item(
    *,
    actor: User | None,
    item: ServiceItem,
    materials: list[dict[str, Any]] | None = None,
    **changes: Any,
) -> ServiceItem:
    """Write a new version of ``item`` with ``changes``; the old version stays for the cases
    that were received under it. Returns the new version (or ``item`` if nothing changed)."""
    if actor is not None:
        require(actor, Capability.MANAGE_CATALOG)
    current = (
        ServiceItem.objects.select_for_update().filter(code=item.code, is_current=True).first()
    )
    if current is None:
        raise DomainError(_("This item has been withdrawn from the catalog."))
    if current.pk != item.pk:
        raise DomainError(
            _(
                "Someone revised this item meanwhile (now version %(version)s): "
                "reload and try again."
            )
            % {"version": current.version}
        )
    old_values = item_values(current)
    old_materials = material_values(current)
    values = {**old_values, **{k: v for k, v in changes.items() if k in ITEM_FIELDS}}
    new_materials = old_materials if materials is None else materials
    changed = audit.diff(current, {k: values[k] for k in ITEM_FIELDS})
    if new_materials != old_materials:
        changed["materials"] = [len(old_materials), len(new_materials)]
    if not changed:
        return current
    latest = ServiceItem.objects.filter(code=item.code).aggregate(v=Max("version"))["v"] or 0
    ServiceItem.objects.filter(pk=current.pk).update(is_current=False)
    revised = ServiceItem(code=current.code, version=latest + 1, is_current=True, created_by=actor)
    _write(revised, values, new_materials)
    _carry_files(current, revised)
    audit.record("catalog.revise_item", actor=actor, obj=revised, changes=changed)
    return revised


def _carry_files(old: ServiceItem, new: ServiceItem) -> None:
    """Blank forms and samples stay with a material of the same name in the new version."""
    files = {m.name: m for m in old.materials.all() if m.blank_form or m.sample}
    for material in new.materials.all():
        source = files.get(material.name)
        if source is not None:
            material.blank_form.name = material.blank_form.name or source.blank_form.name
            material.sample.name = material.sample.name or source.sample.name
            material.save(update_fields=["blank_form", "sample"])


@transaction.atomic
def withdraw_item(*, actor: User | None, item: ServiceItem, reason: str) -> None:
    """Take an item out of the catalog (事项取消). Its versions stay for the cases that used
    them."""
    if actor is not None:
        require(actor, Capability.MANAGE_CATALOG)
    if not reason.strip():
        raise DomainError(_("Give the reason the item is withdrawn."))
    updated = ServiceItem.objects.filter(code=item.code, is_current=True).update(is_current=False)
    if not updated:
        raise DomainError(_("This item has been withdrawn from the catalog."))
    audit.record("catalog.withdraw_item", actor=actor, obj=item, changes={"reason": reason})

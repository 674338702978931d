"""The demo zone's catalog: 咸阳高新区's service items, loaded once."""

from __future__ import annotations

from decimal import Decimal

from gaoxin.catalog import services
from gaoxin.catalog.models import ServiceItem
from gaoxin.core.models import Department


def seed_catalog() -> str:
    from gaoxin.catalog.demo.items import ITEMS

    existing = set(ServiceItem.objects.values_list("code", flat=True))
    departments = {d.code: d for d in Department.objects.all()}
    new = []
    for entry in ITEMS:
        joint = entry.get("joint_department")
        if (
            entry["code"] in existing
            or entry["department"] not in departments
            or (joint and joint not in departments)
        ):
            continue
        new.append(
            {
                **entry,
                "department": departments[entry["department"]],
                "joint_department": departments[joint] if joint else None,
                "fee": Decimal(str(entry.get("fee") or "0")),
            }
        )
    if not new:
        return ""
    services.create_items(actor=None, items=new)
    return f"Catalog: {len(new)} service items loaded."

"""What this zone publishes to its partners: the items they may receive on its behalf
(current versions open to cross-zone handling), with each item's materials in order."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from gaoxin.catalog.models import Material, ServiceItem


def catalog() -> list[dict[str, Any]]:
    items = (
        ServiceItem.objects.filter(is_current=True, cross_zone=True)
        .select_related("department")
        .prefetch_related(Prefetch("materials", queryset=Material.objects.order_by("order", "id")))
        .order_by("code")
    )
    return [
        {
            "code": item.code,
            "version": item.version,
            "name": item.name,
            "department": item.department.name,
            "kind": item.kind,
            "promised_days": item.promised_days,
            "materials": [
                {
                    "name": material.name,
                    "kind": material.kind,
                    "requirement": material.need,
                    "copies": material.copies,
                    "condition": material.condition,
                    "order": material.order,
                }
                for material in item.materials.all()
            ],
        }
        for item in items
    ]

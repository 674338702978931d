"""Catalog items for tests, written through the service as the application writes them."""

from __future__ import annotations

import itertools
from typing import Any

from gaoxin.catalog import services
from gaoxin.catalog.models import ServiceItem
from gaoxin.core.models import Department

_codes = itertools.count(1)

FOOD_MATERIALS = [
    {
        "name": "食品经营许可申请书",
        "kind": "original",
        "need": "required",
        "standard": "填写完整，加盖公章",
    },
    {"name": "营业执照", "kind": "copy", "need": "required"},
    {
        "name": "授权委托书",
        "kind": "original",
        "need": "conditional",
        "condition": "委托他人办理的",
    },
    {"name": "食品安全管理制度文本", "kind": "original", "need": "required", "secondary": True},
]


def make_item(department: Department, **overrides: Any) -> ServiceItem:
    number = next(_codes)
    values: dict[str, Any] = {
        "code": f"610402-XK-9{number:03d}",
        "name": "食品经营许可",
        "kind": "licensing",
        "department": department,
        "handling": "commitment",
        "statutory_days": 20,
        "promised_days": 5,
        "special_procedures": ["inspection"],
        "conditions": "具有与经营的食品品种、数量相适应的经营场所。",
        "legal_basis": "《中华人民共和国食品安全法》第三十五条",
        "location": "咸阳高新区政务服务中心一楼综合受理窗口",
        "hours": "工作日 9:00—17:30",
        "visits": 1,
        "online": True,
        "cross_zone": True,
        "allows_deficiency": True,
        "needs_inspection": True,
        "remote_inspection": True,
        "result_name": "食品经营许可证",
        "result_type": "certificate",
        "materials": FOOD_MATERIALS,
    }
    values.update(overrides)
    return services.create_item(actor=None, **values)

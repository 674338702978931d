"""Fixtures of the window that receives applications for partner zones (异地代收): 西安高新区
as a partner with an agreed item and its list of materials, a clerk at our intake window, and
scans the clerk has uploaded and that are held until the application is forwarded."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gaoxin.core.models import Window
from gaoxin.core.tests.factories import WindowFactory
from gaoxin.exchange import forwarding
from gaoxin.exchange.models import AgreedItem, Partner

# The fixtures, for ``from gaoxin.exchange.tests.partner_items import *`` in a test module.
__all__ = ["food_licence", "window", "window_clerk", "xian"]

XIAN = "XAGX"

FOOD_MATERIALS = [
    {"name": "食品经营许可申请书", "kind": "original", "requirement": "required", "copies": 1},
    {"name": "营业执照复印件", "kind": "copy", "requirement": "required", "copies": 1},
    {
        "name": "授权委托书",
        "kind": "original",
        "requirement": "conditional",
        "copies": 1,
        "condition": "委托代理人办理的",
    },
]


def pdf_bytes(size: int = 0) -> bytes:
    head = b"%PDF-1.4\n% scan\n"
    return head + b"0" * max(size - len(head), 0)


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def xian(db) -> Partner:
    return Partner.objects.create(
        code=XIAN, name="西安高新区", base_url="https://zwfw.xagx.example.cn"
    )


def agree(partner: Partner, **values: Any) -> AgreedItem:
    defaults: dict[str, Any] = {
        "code": "XA-SPJY-001",
        "version": 3,
        "name": "食品经营许可",
        "department": "西安高新区行政审批服务局",
        "kind": "licence",
        "promised_days": 10,
        "materials": FOOD_MATERIALS,
    }
    defaults.update(values)
    return AgreedItem.objects.create(partner=partner, **defaults)


@pytest.fixture
def food_licence(xian) -> AgreedItem:
    return agree(xian)


@pytest.fixture
def window(db) -> Window:
    return WindowFactory(number=1, name="综合受理窗口", kind=Window.Kind.INTAKE)


@pytest.fixture
def window_clerk(clerk, window):
    clerk.window = window
    clerk.save()
    return clerk


def hold(clerk: Any, name: str = "申请书.pdf", data: bytes | None = None) -> Any:
    """A scan the clerk uploaded at the desk, held until the application is forwarded."""
    upload = SimpleUploadedFile(name, data if data is not None else pdf_bytes(2000))
    return forwarding.hold_scan(actor=clerk, file=upload)


def receipts(*received: bool, uploads: dict[int, list[Any]] | None = None) -> list[Any]:
    """The clerk's ticks on the partner's list, in its order."""
    uploads = uploads or {}
    return [
        forwarding.MaterialReceipt(
            received=flag, copies=1 if flag else 0, upload_ids=[u.pk for u in uploads.get(i, [])]
        )
        for i, flag in enumerate(received)
    ]

"""The hall of the zone on Monday 23 November 2026 at 08:00 (the clock frozen there, moved by
the tests): two 企业开办 windows (15, 16) serving business A, one 综合受理 window (1) serving
business G, and a clerk at each of 15 and 16."""

import datetime as dt

import pytest
import time_machine
from django.utils import translation

from gaoxin.cases.tests.conftest import zone  # noqa: F401  (the zone's identity)
from gaoxin.core.models import Window
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory, WindowFactory, resident_id
from gaoxin.hall import services

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
MONDAY = dt.date(2026, 11, 23)


def local(day: int, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    """A moment of November 2026 in the zone's time."""
    return dt.datetime(2026, 11, day, hour, minute, second, tzinfo=SHANGHAI)


def person(order: int = 123) -> dict[str, str]:
    return {"name": "李娜", "id_number": resident_id(order=order), "phone": "13991230011"}


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def clock():
    """Monday 23 November 2026, 08:00 in the zone; ``clock.move_to(local(...))`` moves it."""
    with time_machine.travel(local(23, 8), tick=False) as traveller:
        yield traveller


@pytest.fixture
def window_15(db):
    return WindowFactory(number=15, name="企业开办专窗", kind=Window.Kind.SPECIALIST)


@pytest.fixture
def window_16(db):
    return WindowFactory(number=16, name="企业开办专窗", kind=Window.Kind.SPECIALIST)


@pytest.fixture
def window_1(db):
    return WindowFactory(number=1, name="综合受理窗口", kind=Window.Kind.INTAKE)


@pytest.fixture
def opening(window_15, window_16):
    """企业开办 (A): windows 15 and 16, two appointments per window and half hour."""
    return services.create_business_type(
        actor=None, code="A", name="企业开办", windows=[window_15, window_16], sort_order=1
    )


@pytest.fixture
def general(window_1):
    """综合受理 (G): window 1."""
    return services.create_business_type(
        actor=None, code="G", name="综合受理", windows=[window_1], sort_order=2
    )


@pytest.fixture
def clerk_15(window_15):
    return UserFactory(username="clerk15", full_name="王丽", role=Role.CLERK, window=window_15)


@pytest.fixture
def clerk_16(window_16):
    return UserFactory(username="clerk16", full_name="杨帆", role=Role.CLERK, window=window_16)


@pytest.fixture
def clerk_1(window_1):
    return UserFactory(username="clerk1", full_name="周敏", role=Role.CLERK, window=window_1)

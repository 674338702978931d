"""A case of an item that needs a site inspection, brought to its inspection step on Monday 23
November 2026 at 08:00 in the zone (the clock frozen there, moved by the tests), the zone's two
inspection rooms, and a second inspector of the same department."""

import datetime as dt

import pytest
import time_machine
from django.utils import translation

from gaoxin.cases import backoffice, intake
from gaoxin.cases.models import Case
from gaoxin.cases.tests.conftest import *  # noqa: F403  (zone, intake window, desk clerk, items)
from gaoxin.cases.tests.factories import intake as make_intake
from gaoxin.cases.tests.factories import person
from gaoxin.core.roles import Role
from gaoxin.core.sending import ConsoleSender
from gaoxin.core.tests.factories import UserFactory, resident_id
from gaoxin.inspections.models import InspectionRoom

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def local(day: int, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    """A moment of November 2026 in the zone's time."""
    return dt.datetime(2026, 11, day, hour, minute, second, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def english(client, settings):
    """The messages are matched in their English source text: the services' in English, and
    the pages' too (the test client has chosen English with the language switch's cookie)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def clock():
    """Monday 23 November 2026, 08:00 in the zone; ``clock.move_to(local(...))`` moves it."""
    with time_machine.travel(local(23, 8), tick=False) as traveller:
        yield traveller


@pytest.fixture
def texts(settings):
    """The text messages sent, as (phone, text): the tasks run at once once a transaction
    commits (wrap the action in ``django_capture_on_commit_callbacks(execute=True)``)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    ConsoleSender.sent.clear()
    yield ConsoleSender.sent
    ConsoleSender.sent.clear()


@pytest.fixture
def room_one(db):
    return InspectionRoom.objects.create(
        name="远程踏勘室一", location="政务服务中心三楼", sort_order=1
    )


@pytest.fixture
def room_two(db):
    return InspectionRoom.objects.create(
        name="远程踏勘室二", location="政务服务中心三楼", sort_order=2
    )


@pytest.fixture
def second_inspector(approval_bureau):
    return UserFactory(
        username="inspector2", full_name="钱磊", role=Role.INSPECTOR, department=approval_bureau
    )


@pytest.fixture
def market_inspector(market_bureau):
    return UserFactory(
        username="inspector_scjg",
        full_name="郑华",
        role=Role.INSPECTOR,
        department=market_bureau,
    )


def at_inspection_step(item, window, clerk, approver, order: int = 321) -> Case:
    """Accepted at the window and reviewed: the case waits at its inspection step, its clock
    paused by the special procedure the step opened."""
    applicant = person(
        id_number=resident_id(order=order), address="咸阳市高新区世纪大道55号", phone="13891234567"
    )
    case = intake.accept(actor=clerk, intake=make_intake(item, window, applicant))
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case, opinion="需现场核查经营场所")
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def case(clock, zone, food_item, intake_window, desk_clerk, approver) -> Case:
    return at_inspection_step(food_item, intake_window, desk_clerk, approver)


@pytest.fixture
def another_case(clock, zone, food_item, intake_window, desk_clerk, approver) -> Case:
    return at_inspection_step(food_item, intake_window, desk_clerk, approver, order=322)

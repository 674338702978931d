"""The stage of the live-session browser test, built in the server's own database (a file,
served by uvicorn in a process of its own: websockets need an ASGI server, and an in-memory test
database cannot be shared with another process).

``stage()`` runs in that database (``manage.py shell``) on Monday 23 November 2026 at 08:00:
the zone, the approval bureau with its approver and inspector, a window clerk, an item needing a
remote inspection, a case brought to its inspection step, the inspection requested with three
points and booked for Tuesday 24 November at 10:00 in the inspection room. It prints what the
test needs as JSON on its last line. The server then runs from Tuesday 10:05 with the clock
ticking (:data:`SERVER_NOW`, given to ``gaoxin.core.testing.browser.Platform``), so the
session link is inside its window.
"""

from __future__ import annotations

import datetime as dt
import json

import time_machine

from gaoxin.cases import backoffice, intake
from gaoxin.cases.models import Case
from gaoxin.cases.tests.factories import intake as make_intake
from gaoxin.cases.tests.factories import person
from gaoxin.catalog.tests.factories import make_item
from gaoxin.core import services as core_services
from gaoxin.core.models import Window
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import (
    DepartmentFactory,
    UserFactory,
    WindowFactory,
    resident_id,
)
from gaoxin.inspections import links, services
from gaoxin.inspections.models import InspectionRoom

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
STAGED_AT = dt.datetime(2026, 11, 23, 8, 0, tzinfo=SHANGHAI)
SLOT = dt.datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI)
SERVER_NOW = dt.datetime(2026, 11, 24, 10, 5, tzinfo=SHANGHAI)
CHECKLIST = ["门头照片", "消防通道", "经营面积"]


def stage() -> None:
    with time_machine.travel(STAGED_AT, tick=False):
        core_services.update_zone(
            actor=None,
            name="咸阳高新技术产业开发区",
            short_name="咸阳高新区",
            code="XYGX",
            region_code="610402",
            phone="029-33331234",
        )
        bureau = DepartmentFactory(code="xzsp", name="行政审批服务局", short_name="审批局")
        window = WindowFactory(number=1, name="综合受理窗口", kind=Window.Kind.INTAKE)
        clerk = UserFactory(username="clerk", full_name="王丽", role=Role.CLERK, window=window)
        approver = UserFactory(
            username="approver", full_name="张伟", role=Role.APPROVER, department=bureau
        )
        inspector = UserFactory(
            username="inspector", full_name="孙涛", role=Role.INSPECTOR, department=bureau
        )
        item = make_item(bureau, name="食品经营许可")
        InspectionRoom.objects.create(name="远程踏勘室一", location="政务服务中心三楼")
        applicant = person(
            id_number=resident_id(order=321),
            address="咸阳市高新区世纪大道55号",
            phone="13891234567",
        )
        case = intake.accept(actor=clerk, intake=make_intake(item, window, applicant))
        backoffice.claim(actor=approver, case=case)
        backoffice.pass_step(actor=approver, case=case, opinion="需现场核查经营场所")
        case = Case.objects.get(pk=case.pk)
        inspection = services.request_inspection(
            actor=inspector, case=case, remote=True, checklist=CHECKLIST
        )
        appointment = services.book(inspection=inspection, start=SLOT, by=services.APPLICANT)
        print(
            json.dumps(
                {
                    "case": case.pk,
                    "number": case.display_number,
                    "inspection": inspection.pk,
                    "appointment": appointment.pk,
                    "token": links.session_token(appointment),
                }
            )
        )

"""One March at the service center, rated through the services as applicants and staff would,
whose rating figures the tests work out by hand (the page, the export, the API, the browser).

Seven applications of 李娜's neighbours — every applicant is called 欧阳明月 here, so a test can
look for the name and find it nowhere on the figures:

A  drug licence (审批局), accepted 2 Mar at window 1 by 王丽; the intake rated 5 on the pad.
B  drug licence, accepted 2 Mar at window 1; the intake rated 1 by the link (took too long).
   The head calls back on 3 Mar (due 3 Mar) and answers on 4 Mar (due 9 Mar): on time.
C  market licence (市场监管分局), accepted 2 Mar at window 2 by 刘洋; never rated.
D  drug licence, refused 3 Mar at window 1; the intake rated 4 by the link.
E  drug licence, accepted 2 Mar at window 1, granted, collected 9 Mar at window 11 from 杨帆:
   the delivery rated 5 on the pad, the whole case 3 by the link.
F  market licence, accepted 2 Mar at window 2 by 刘洋; the intake rated 2 by the link (an
   unfriendly attitude). Nobody calls back: by 13 Mar the call-back (due 3 Mar) and the
   rectification (due 9 Mar) are overdue.
G  drug licence, accepted 2 Mar at window 1; the intake rated 1 by the link. The head appeals
   (the applicant rated the wrong office); the supervisor upholds it on 5 Mar: excluded.

On 13 March, for March: 6 counted ratings (5, 1, 4, 5, 3, 2): 3 satisfied (50.0%), 4 good
(66.7%), 2 bad. 9 encounters (7 intakes, 1 delivery, 1 whole case), 6 of them rated (66.7%):
G's intake is no longer rated. 2 rectifications: 1 rectified on time, 1 open and overdue.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from gaoxin.cases import backoffice, delivery, intake
from gaoxin.cases.models import Case
from gaoxin.cases.tests.factories import all_received, person
from gaoxin.catalog.tests.factories import make_item
from gaoxin.core.models import Window
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory, WindowFactory, resident_id
from gaoxin.evaluations import rectification, services
from gaoxin.evaluations.models import Encounter
from gaoxin.evaluations.tests.conftest import PNG

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
APPLICANT = "欧阳明月"


def at(day: int, hour: int = 10):
    """A moment of March 2026, Shanghai time, the clock standing still."""
    return time_machine.travel(dt.datetime(2026, 3, day, hour, tzinfo=SHANGHAI), tick=False)


def by_link(case: Case, encounter: str, level: int, reasons: list[str] | None = None):
    token = services.invitation_for(case, encounter).token
    return services.rate(token, level=level, reasons=reasons or [])


@pytest.fixture
def march(
    zone,
    approval_bureau,
    market_bureau,
    plain_item,
    desk_clerk,
    approver,
    head,
    supervisor,
    delivery_clerk,
    delivery_window,
):
    window_two = WindowFactory(number=2, name="综合受理窗口", kind=Window.Kind.INTAKE)
    second_clerk = UserFactory(
        username="clerk_b", full_name="刘洋", role=Role.CLERK, window=window_two
    )
    market_item = make_item(
        market_bureau,
        name="医疗器械经营许可",
        needs_inspection=False,
        remote_inspection=False,
        special_procedures=[],
    )
    people = iter(range(400, 500))

    def application(item, window):
        applicant = person(name=APPLICANT, id_number=resident_id(order=next(people)))
        return intake.Intake(
            item=item, applicant=applicant, checks=all_received(item), window=window
        )

    def accept(item, clerk):
        return intake.accept(actor=clerk, intake=application(item, clerk.window))

    with at(2):
        a = accept(plain_item, desk_clerk)
        services.rate_at_pad(actor=desk_clerk, case=a, encounter=Encounter.INTAKE, level=5)
        b = accept(plain_item, desk_clerk)
        bad_b = by_link(b, Encounter.INTAKE, 1, ["overdue"])
        c = accept(market_item, second_clerk)
        e = accept(plain_item, desk_clerk)
        f = accept(market_item, second_clerk)
        by_link(f, Encounter.INTAKE, 2, ["attitude"])
        g = accept(plain_item, desk_clerk)
        bad_g = by_link(g, Encounter.INTAKE, 1, ["other"])
    with at(3):
        d = intake.refuse(
            actor=desk_clerk,
            intake=application(plain_item, desk_clerk.window),
            reason="不属于本机关职权范围",
            basis="《中华人民共和国行政许可法》第三十二条",
        )
        by_link(d, Encounter.INTAKE, 4)
        rectification.call_back(
            actor=head, rectification=bad_b.rectification, note="已核实，电话联系申请人说明情况"
        )
        appeal = rectification.lodge_appeal(
            actor=head, rectification=bad_g.rectification, reason="申请人评价的是其他单位的窗口"
        )
    with at(4):
        rectification.answer(
            actor=head, rectification=bad_b.rectification, text="已优化审查流程，提前办结"
        )
        backoffice.claim(actor=approver, case=e)
        backoffice.pass_step(actor=approver, case=e, opinion="材料齐全，符合法定条件。")
        backoffice.claim(actor=approver, case=e)
        backoffice.decide(actor=approver, case=e, grant=True, opinion="同意许可。")
        backoffice.claim(actor=approver, case=e)
        backoffice.pass_step(actor=approver, case=e)
    with at(5):
        rectification.decide_appeal(
            actor=supervisor, appeal=appeal, uphold=True, reason="经核实，评价对象错误"
        )
    with at(9):
        e = Case.objects.get(pk=e.pk)
        delivery.deliver(
            actor=delivery_clerk,
            case=e,
            handover=delivery.Handover(
                method="pickup",
                recipient_name=e.applicant_name,
                recipient_id_number=e.id_number,
                receipt=SimpleUploadedFile("receipt.png", PNG, content_type="image/png"),
                window=delivery_window,
            ),
        )
        e = Case.objects.get(pk=e.pk)
        services.rate_at_pad(actor=delivery_clerk, case=e, encounter=Encounter.DELIVERY, level=5)
        by_link(e, Encounter.CASE, 3)
    return SimpleNamespace(
        cases=SimpleNamespace(a=a, b=b, c=c, d=d, e=e, f=f, g=g),
        items=SimpleNamespace(drugs=plain_item, market=market_item),
        windows=SimpleNamespace(two=window_two),
        clerks=SimpleNamespace(first=desk_clerk, second=second_clerk, delivery=delivery_clerk),
        excluded=bad_g,
        today=dt.date(2026, 3, 13),
    )

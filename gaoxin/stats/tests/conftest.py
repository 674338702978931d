"""The cases app's cast for the statistics, and one March at the demo zone told through the
services, whose figures the tests work out by hand."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine

from gaoxin.cases import backoffice, delivery, intake
from gaoxin.cases.models import Submission
from gaoxin.cases.tests.conftest import *  # noqa: F403  (zone, intake window, desk clerk)
from gaoxin.cases.tests.factories import all_received, person, with_state
from gaoxin.catalog.tests.factories import make_item
from gaoxin.core.models import Window
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory, WindowFactory, resident_id

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
POST = {"method": "post", "address": "陕西省咸阳市高新区世纪大道1号", "tracking_number": "SF1"}


def at(day: int, hour: int = 10):
    """A moment of March 2026, Shanghai time, the clock standing still."""
    return time_machine.travel(dt.datetime(2026, 3, day, hour, tzinfo=SHANGHAI), tick=False)


@pytest.fixture
def march(zone, approval_bureau, market_bureau, approver, other_approver, head, desk_clerk):
    """Six applications in March 2026 (no holidays; the 2nd is a Monday):

    A  food licence (5 days promised), accepted 2 Mar at window 1, granted, ready 4 Mar,
       posted 5 Mar: 2 working days used, on time.
    B  food licence, one-time notice 2 Mar at window 1, back 3 Mar at window 2 and accepted;
       expert review 4–6 Mar (2 working days), denied 12 Mar (deadline 10 + 2 = 12 Mar),
       posted 13 Mar: 7 − 2 = 5 working days used, on time.
    C  food licence, refused 2 Mar at window 1.
    D  immediate item (1 day promised), accepted and decided on the spot 2 Mar, posted 3 Mar:
       0 working days used, on time.
    E  market bureau's licence, accepted 2 Mar at window 1, never taken up: overdue after its
       deadline, 9 Mar.
    F  food licence, accepted 2 Mar, terminated 3 Mar.
    """
    window_two = WindowFactory(number=2, name="综合受理窗口", kind=Window.Kind.INTAKE)
    desk_clerk.decides_on_the_spot = True
    desk_clerk.save()
    plain = {"needs_inspection": False, "remote_inspection": False}
    food = make_item(
        approval_bureau, name="食品经营许可", special_procedures=["expert_review"], **plain
    )
    quick = make_item(
        approval_bureau,
        name="个体工商户登记",
        handling="immediate",
        promised_days=1,
        statutory_days=3,
        **plain,
    )
    drugs = make_item(market_bureau, name="药品零售许可", **plain)
    market_head = UserFactory(
        username="head_scjg", role=Role.DEPARTMENT_HEAD, department=market_bureau
    )
    people = iter(range(200, 300))

    def application(item, window, checks=None):
        applicant = person(id_number=resident_id(order=next(people)))
        return intake.Intake(
            item=item, applicant=applicant, checks=checks or all_received(item), window=window
        )

    def accept(item, window=None):
        return intake.accept(
            actor=desk_clerk, intake=application(item, window or desk_clerk.window)
        )

    def through(case, grant=True, reason=""):
        """Review, decision (and, for a grant, the certificate)."""
        backoffice.claim(actor=approver, case=case)
        backoffice.pass_step(actor=approver, case=case, opinion="材料齐全")
        backoffice.claim(actor=approver, case=case)
        backoffice.decide(actor=approver, case=case, grant=grant, reason=reason, basis="第十二条")
        if grant:
            backoffice.claim(actor=approver, case=case)
            backoffice.pass_step(actor=approver, case=case)

    def post(case):
        delivery.deliver(actor=desk_clerk, case=case, handover=delivery.Handover(**POST))

    window_one = desk_clerk.window
    with at(2):
        a = accept(food)
        missing = with_state(all_received(food), "营业执照", Submission.State.MISSING)
        b = intake.request_correction(
            actor=desk_clerk, intake=application(food, window_one, missing)
        )
        c = intake.refuse(
            actor=desk_clerk,
            intake=application(food, window_one),
            reason="不属于本机关职权范围",
            basis="《中华人民共和国行政许可法》第三十二条",
        )
        d = accept(quick)
        backoffice.decide_on_the_spot(actor=desk_clerk, case=d)
        e = accept(drugs)
        f = accept(food)
    with at(3):
        b = intake.accept(actor=desk_clerk, intake=application(food, window_two), case=b)
        post(d)
        backoffice.terminate(actor=head, case=f, reason="申请人申请撤回")
    with at(4):
        through(a)
        backoffice.claim(actor=approver, case=b)
        backoffice.suspend(actor=approver, case=b, kind="expert_review", reason="专家评审")
    with at(5):
        post(a)
    with at(6):
        backoffice.resume(actor=approver, case=b, result="专家评审通过")
    with at(12):
        through(b, grant=False, reason="经营场所不符合要求")
    with at(13):
        post(b)
    return SimpleNamespace(
        cases=SimpleNamespace(a=a, b=b, c=c, d=d, e=e, f=f),
        items=SimpleNamespace(food=food, quick=quick, drugs=drugs),
        windows=SimpleNamespace(one=window_one, two=window_two),
        market_head=market_head,
        today=dt.date(2026, 3, 13),
    )

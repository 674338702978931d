"""Anyone with the number and four characters of their phone or ID number sees the progress."""

import pytest
from django.urls import reverse

from gaoxin.cases import intake
from gaoxin.cases.tests.factories import intake as make_intake

pytestmark = pytest.mark.usefixtures("zone")


@pytest.fixture
def case(desk_clerk, intake_window, food_item):
    return intake.accept(actor=desk_clerk, intake=make_intake(food_item, intake_window))


def test_the_applicant_sees_the_status_with_the_last_digits_of_the_phone(client, case):
    page = client.get(reverse("progress"), {"number": case.number, "check": case.phone[-4:]})
    assert 'data-testid="progress-result"' in page.text
    assert case.item.name in page.text


def test_the_receipt_number_and_the_id_number_work_too(client, case):
    page = client.get(
        reverse("progress"), {"number": case.receipt_number, "check": case.id_number[-4:]}
    )
    assert 'data-testid="progress-result"' in page.text


def test_wrong_digits_reveal_nothing(client, case):
    page = client.get(reverse("progress"), {"number": case.number, "check": "0000"})
    assert 'data-testid="progress-not-found"' in page.text
    assert case.item.name not in page.text


def test_the_qr_link_fills_in_the_number(client, case):
    page = client.get(reverse("progress"), {"number": case.number})
    assert f'value="{case.number}"' in page.text
    assert 'data-testid="progress-result"' not in page.text


def test_ten_wrong_tries_block_the_address_for_ten_minutes(client, case):
    from django.core.cache import cache

    cache.clear()
    for _ in range(10):
        client.get(reverse("progress"), {"number": case.number, "check": "0000"})
    right = {"number": case.number, "check": case.phone[-4:]}
    blocked = client.get(reverse("progress"), right)
    assert blocked.status_code == 429
    assert 'data-testid="progress-blocked"' in blocked.text
    other = client.get(reverse("progress"), right, REMOTE_ADDR="10.9.9.9")
    assert 'data-testid="progress-result"' in other.text
    cache.clear()


# --- Each stage with its times; never who did it, never what they wrote --------------------

OPINIONS = [
    "材料齐全，符合法定条件，建议准予许可。",
    "需组织专家对经营条件进行评审",
    "专家评审通过",
]


@pytest.fixture
def walked(desk_clerk, intake_window, approval_bureau, approver):
    """A case walked from the window through review, an expert review, the decision and the
    certificate, and sent by post: each step a few days apart."""
    import datetime as dt

    import time_machine

    from gaoxin.cases import backoffice, delivery
    from gaoxin.catalog.tests.factories import make_item

    item = make_item(
        approval_bureau,
        name="药品零售企业经营许可",
        special_procedures=["expert_review"],
        needs_inspection=False,
        remote_inspection=False,
    )

    def at(day, hour):  # Shanghai time
        return time_machine.travel(dt.datetime(2026, 3, day, hour - 8, tzinfo=dt.UTC), tick=False)

    with at(2, 9):
        case = intake.accept(actor=desk_clerk, intake=make_intake(item, intake_window))
    with at(3, 10):
        backoffice.claim(actor=approver, case=case)
        backoffice.suspend(actor=approver, case=case, kind="expert_review", reason=OPINIONS[1])
    with at(5, 15):
        backoffice.resume(actor=approver, case=case, result=OPINIONS[2])
        backoffice.pass_step(actor=approver, case=case, opinion=OPINIONS[0])
    with at(6, 11):
        backoffice.claim(actor=approver, case=case)
        backoffice.decide(actor=approver, case=case, grant=True, opinion="同意")
        backoffice.claim(actor=approver, case=case)
        backoffice.pass_step(actor=approver, case=case)
    with at(9, 16):
        delivery.deliver(
            actor=desk_clerk,
            case=case,
            handover=delivery.Handover(
                method="post",
                address="咸阳市世纪大道1号",
                carrier="顺丰速运",
                tracking_number="SF1234567",
            ),
        )
    case.refresh_from_db()
    return case


def look_up(client, case):
    return client.get(reverse("progress"), {"number": case.number, "check": case.phone[-4:]})


def test_each_stage_shows_when_it_started_and_ended(client, walked):
    from gaoxin.cases.models import Delivery, Suspension
    from gaoxin.catalog.steps import StepKind

    page = look_up(client, walked).text
    stages = page.split('data-testid="progress-stages"')[1].split("</ol>")[0]
    for label in (
        StepKind.REVIEW.label,
        StepKind.DECISION.label,
        StepKind.CERTIFICATE.label,
        Suspension.Kind.EXPERT_REVIEW.label,
        Delivery.Method.POST.label,
    ):
        assert str(label) in stages
    assert "2026-03-03 10:00 → 2026-03-05 15:00" in stages  # the expert review
    assert "2026-03-02 09:00 → 2026-03-05 15:00" in stages  # the review
    assert "SF1234567" in stages
    assert str(walked.get_status_display()) in page
    assert (
        'data-testid="progress-suspended"' in page
        and "2" in page.split('data-testid="progress-suspended"')[1].split("</dd>")[0]
    )
    assert 'data-testid="progress-deadline"' in page


def test_no_staff_name_and_no_opinion_reaches_the_public(client, walked, desk_clerk, approver):
    page = look_up(client, walked).text
    for name in (desk_clerk.full_name, approver.full_name, desk_clerk.username, approver.username):
        assert name not in page
    for text in [*OPINIONS, "同意", "咸阳市世纪大道1号"]:
        assert text not in page


def test_a_running_step_shows_as_in_progress(client, case):
    page = look_up(client, case).text
    stages = page.split('data-testid="progress-stages"')[1].split("</ol>")[0]
    assert stages.count("<li") == 3  # received, accepted, the review under way
    assert "text-primary" in stages

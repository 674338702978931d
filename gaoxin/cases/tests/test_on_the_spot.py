"""An immediate item (即办件) decided at the intake desk by a clerk authorised to: accepted and
granted in one go, then straight to the hand-over. The authorisation is a switch on the staff
account, set by the administrator."""

import pytest
from django.urls import reverse

from gaoxin.cases.models import Case, Notice
from gaoxin.cases.tests.test_desk_pages import post_data
from gaoxin.cases.workflow import Status
from gaoxin.core.roles import Capability

pytestmark = pytest.mark.usefixtures("zone")


@pytest.fixture
def deciding_clerk(desk_clerk):
    desk_clerk.decides_on_the_spot = True
    desk_clerk.save()
    return desk_clerk


def test_only_an_authorised_clerk_is_offered_to_decide_an_immediate_item(
    client, desk_clerk, immediate_item, food_item
):
    client.force_login(desk_clerk)
    page = client.get(reverse("desk_new", args=[immediate_item.pk])).text
    assert 'data-testid="outcome-decide-now"' not in page
    desk_clerk.decides_on_the_spot = True
    desk_clerk.save()
    page = client.get(reverse("desk_new", args=[immediate_item.pk])).text
    assert 'data-testid="outcome-decide-now"' in page
    commitment = client.get(reverse("desk_new", args=[food_item.pk])).text
    assert 'data-testid="outcome-decide-now"' not in commitment


def test_accept_and_decide_now_leads_to_the_hand_over(client, deciding_clerk, immediate_item):
    client.force_login(deciding_clerk)
    response = client.post(
        reverse("desk_new", args=[immediate_item.pk]),
        post_data(immediate_item, "accept_and_decide"),
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("delivery_case", args=[case.pk]))
    assert (case.status, case.decision) == (Status.AWAITING_DELIVERY, "granted")
    assert case.result_number
    kinds = set(case.notices.values_list("kind", flat=True))
    assert {Notice.Kind.ACCEPTANCE, Notice.Kind.RESULT} <= kinds
    page = client.get(response["Location"]).text
    assert case.result_number in page


def test_without_the_authorisation_the_decision_is_refused_and_nothing_is_accepted(
    client, desk_clerk, immediate_item
):
    client.force_login(desk_clerk)
    data = post_data(immediate_item, "accept_and_decide")
    response = client.post(reverse("desk_new", args=[immediate_item.pk]), data)
    assert response.status_code == 403
    assert not Case.objects.exists()  # the acceptance is rolled back with the decision


def test_a_missing_material_keeps_the_case_from_being_decided(
    client, deciding_clerk, immediate_item
):
    client.force_login(deciding_clerk)
    first = immediate_item.materials.first()
    data = post_data(immediate_item, "accept_and_decide", **{f"state-{first.pk}": "missing"})
    page = client.post(reverse("desk_new", args=[immediate_item.pk]), data)
    assert page.status_code == 200
    assert not Case.objects.exists()


def test_the_administrator_authorises_a_clerk_on_the_account_page(client, admin_user, clerk):
    client.force_login(admin_user)
    page = client.get(reverse("manage_user", args=[clerk.pk])).text
    assert 'name="account-decides_on_the_spot"' in page
    client.post(
        reverse("manage_user", args=[clerk.pk]),
        {
            "account-full_name": clerk.full_name,
            "account-role": "clerk",
            "account-is_active": "on",
            "account-decides_on_the_spot": "on",
        },
    )
    clerk.refresh_from_db()
    assert clerk.decides_on_the_spot
    assert clerk.can(Capability.DECIDE_ON_THE_SPOT)

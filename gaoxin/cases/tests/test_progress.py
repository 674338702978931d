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

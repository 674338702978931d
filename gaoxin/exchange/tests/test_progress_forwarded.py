"""The public progress page at the zone that received an application for a partner: the
applicant finds it by the receipt number on their slip and four characters of their phone,
and sees where it is — at the partner, with the partner's number once accepted — and the
shared history. A wrong check finds nothing and counts as a wrong try."""

import pytest
from django.core.cache import cache

from gaoxin.cases.tests.conftest import *  # noqa: F403  (desk clerk, approver, items)
from gaoxin.exchange import incoming
from gaoxin.exchange.models import ForwardedApplication, IncomingApplication
from gaoxin.exchange.tests.result_flow import (  # noqa: F401  (partner: a fixture)
    APPLICANT,
    agree_to,
    forward,
    partner,
    settle,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fresh_tries():
    cache.clear()  # the wrong-try counter lives in the cache


def look_up(client, number: str, check: str):
    return client.get("/progress/", {"number": number, "check": check})


def test_the_applicant_follows_an_application_received_for_a_partner(
    client,
    partner,  # noqa: F811  (the fixture)
    plain_item,
    desk_clerk,
):
    forwarded = forward(desk_clerk, agree_to(partner, plain_item))
    check = APPLICANT.phone[-4:]

    page = look_up(client, forwarded.receipt_number, check).content.decode()
    assert 'data-testid="progress-forwarded"' in page
    assert 'data-status="forwarded"' in page
    assert plain_item.name in page

    # It arrives at the partner, which accepts it: the partner's number shows here.
    settle(partner)
    arrived = IncomingApplication.objects.get(ref=forwarded.ref)
    case = incoming.accept(actor=desk_clerk, incoming=arrived)
    settle(partner)
    forwarded = ForwardedApplication.objects.get(ref=forwarded.ref)
    assert forwarded.status == ForwardedApplication.Status.ACCEPTED

    page = look_up(client, forwarded.receipt_number.lower(), check).content.decode()
    assert 'data-status="accepted"' in page
    assert case.number in page
    assert page.count('<li class="mb-1">') >= 3  # forwarded, arrived, accepted
    assert desk_clerk.full_name not in page  # never who


def test_a_wrong_check_finds_nothing_and_counts(
    client,
    partner,  # noqa: F811  (the fixture)
    plain_item,
    desk_clerk,
):
    forwarded = forward(desk_clerk, agree_to(partner, plain_item))
    response = look_up(client, forwarded.receipt_number, "0000")
    page = response.content.decode()
    assert 'data-testid="progress-not-found"' in page
    assert 'data-testid="progress-forwarded"' not in page
    for _ in range(10):
        look_up(client, forwarded.receipt_number, "0000")
    assert look_up(client, forwarded.receipt_number, APPLICANT.phone[-4:]).status_code == 429

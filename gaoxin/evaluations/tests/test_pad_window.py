"""The rating pad only at the window that served: the intake at the case's window, the delivery
(and the whole case, which ends with it) at the window that handed the result over."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from gaoxin.cases import backoffice, delivery
from gaoxin.cases.models import Case
from gaoxin.core.errors import DomainError
from gaoxin.core.models import Window
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory, WindowFactory
from gaoxin.evaluations import services
from gaoxin.evaluations.models import Encounter, Rating


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def neighbour(db):
    """The clerk of the next intake window."""
    window = WindowFactory(number=2, name="综合受理窗口", kind=Window.Kind.INTAKE)
    return UserFactory(username="clerk3", full_name="周静", role=Role.CLERK, window=window)


def test_the_intake_is_rated_only_at_the_case_window(accepted, desk_clerk, neighbour):
    with pytest.raises(DomainError, match="This rating belongs to window 01") as refused:
        services.rate_at_pad(actor=neighbour, case=accepted, encounter=Encounter.INTAKE, level=5)
    assert "only the pad at that window can take it" in refused.value.message
    assert not Rating.objects.exists()
    rating = services.rate_at_pad(
        actor=desk_clerk, case=accepted, encounter=Encounter.INTAKE, level=5
    )
    assert rating.window == accepted.window


def test_the_delivery_and_the_whole_case_at_the_delivery_window(
    completed, desk_clerk, delivery_clerk
):
    for encounter in (Encounter.DELIVERY, Encounter.CASE):
        with pytest.raises(DomainError, match="belongs to window 11"):
            services.rate_at_pad(actor=desk_clerk, case=completed, encounter=encounter, level=5)
    with pytest.raises(DomainError, match="belongs to window 01"):
        services.rate_at_pad(
            actor=delivery_clerk, case=completed, encounter=Encounter.INTAKE, level=5
        )
    services.rate_at_pad(actor=delivery_clerk, case=completed, encounter="delivery", level=4)
    services.rate_at_pad(actor=delivery_clerk, case=completed, encounter="case", level=5)
    assert Rating.objects.count() == 2


def test_a_delivery_without_a_window_is_the_delivering_clerk_s(
    accepted, approver, delivery_clerk, desk_clerk
):
    """Sent by post: no window on the delivery, the clerk who sent it sits at window 11."""
    case = accepted
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case, opinion="材料齐全，符合法定条件。")
    backoffice.claim(actor=approver, case=case)
    backoffice.decide(actor=approver, case=case, grant=True, opinion="同意许可。")
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case)
    delivery.deliver(
        actor=delivery_clerk,
        case=Case.objects.get(pk=case.pk),
        handover=delivery.Handover(
            method="post",
            address="陕西省咸阳市秦都区高新一路9号",
            carrier="中国邮政EMS",
            tracking_number="1187654321098",
        ),
    )
    case = Case.objects.get(pk=case.pk)
    assert services.served_at(case, Encounter.DELIVERY) == delivery_clerk.window
    with pytest.raises(DomainError, match="belongs to window 11"):
        services.rate_at_pad(actor=desk_clerk, case=case, encounter="delivery", level=5)
    services.rate_at_pad(actor=delivery_clerk, case=case, encounter="delivery", level=5)


def test_a_clerk_without_a_window_has_no_pad(accepted, clerk):
    clerk.window = None
    clerk.save()
    with pytest.raises(DomainError, match="belongs to window 01"):
        services.rate_at_pad(actor=clerk, case=accepted, encounter="intake", level=5)


# --- The pages ------------------------------------------------------------------------------


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_done_page_offers_the_pad_only_at_the_window_that_served(client, accepted, neighbour):
    client.force_login(neighbour)
    page = client.get(reverse("desk_done", args=[accepted.pk])).text
    assert 'data-testid="rating-pad-link"' not in page
    # Opened by hand, the pad says why it cannot take the rating, and takes none.
    pad = reverse("rate_pad", args=[accepted.pk, "intake"])
    page = client.get(pad).text
    assert "This rating belongs to window 01" in page
    assert 'data-testid="rate-form"' not in page
    answer = client.post(pad, {"level": "5"})
    assert answer.status_code == 400 and "belongs to window 01" in answer.text
    assert not Rating.objects.exists()


def test_the_delivery_done_page_offers_the_pad_to_the_delivering_window_only(
    client, completed, desk_clerk, delivery_clerk
):
    done = reverse("delivery_done", args=[completed.pk])
    client.force_login(delivery_clerk)
    assert 'data-testid="rating-pad-link"' in client.get(done).text
    client.force_login(desk_clerk)
    assert 'data-testid="rating-pad-link"' not in client.get(done).text

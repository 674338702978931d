"""The window bar at the top of the intake and delivery desks: the clerk calls the next person
without leaving the desk, and the intake page knows who was called."""

import datetime as dt

import pytest
from django.urls import reverse

from gaoxin.catalog.tests.factories import make_item
from gaoxin.hall import services
from gaoxin.hall.tests.conftest import MONDAY, local, person


@pytest.fixture
def item(approval_bureau, opening, window_15):
    """An item of the bureau window 15 serves."""
    item = make_item(approval_bureau, name="食品经营许可")
    window_15.departments.add(approval_bureau)
    opening.items.add(item)
    return item


def test_both_desks_show_the_bar_of_a_window_the_hall_calls_to(
    client, clock, zone, opening, clerk_15, window_15
):
    clock.move_to(local(23, 9))
    services.take_ticket(business=opening)
    client.force_login(clerk_15)

    for desk in ("desk", "delivery"):
        page = client.get(reverse(desk), {"window": window_15.pk})
        assert 'data-testid="desk-window-bar"' in page.text, desk
        assert 'data-testid="waiting-count">1<' in page.text
        # Alt+ keys only: the desk's fields take plain letters.
        assert 'data-shortcut="n"' in page.text and "data-hall-key" not in page.text


def test_no_bar_where_the_hall_is_not_set_up(client, clock, zone, clerk_1, window_1):
    # Window 1 serves no business of the hall (nor is there any).
    client.force_login(clerk_1)
    for desk in ("desk", "delivery"):
        page = client.get(reverse(desk), {"window": window_1.pk})
        assert page.status_code == 200
        assert "desk-window-bar" not in page.text, desk


def test_next_on_the_desk_redraws_the_bar_and_the_intake_is_prefilled(
    client, clock, zone, opening, clerk_15, window_15, item
):
    appointment = services.book(business=opening, day=MONDAY, slot=dt.time(9, 0), **person())
    clock.move_to(local(23, 9, 2))
    services.check_in(code=appointment.code)
    client.force_login(clerk_15)

    called = client.post(
        reverse("hall_window_act", args=[15, "next"]) + "?on=intake", HTTP_HX_REQUEST="true"
    )
    assert 'id="hall-desk-bar"' in called.text
    assert 'data-testid="current-number">A001<' in called.text
    assert "李娜" in called.text and 'data-testid="prefill-hint"' in called.text

    intake = client.get(reverse("desk_new", args=[item.pk]), {"window": window_15.pk})
    assert intake.context["applicant_form"].initial["name"] == "李娜"
    assert intake.context["applicant_form"].initial["id_number"] == person()["id_number"]


def test_without_htmx_the_button_goes_back_to_the_desk(
    client, clock, zone, opening, clerk_15, window_15
):
    clock.move_to(local(23, 9))
    client.force_login(clerk_15)
    response = client.post(reverse("hall_window_act", args=[15, "next"]) + "?on=delivery")
    assert response.url == f"{reverse('delivery')}?window={window_15.pk}"
    page = client.get(response.url)
    assert "Nobody is waiting for this window." in page.text

"""The applicant's links: the session link opens 15 minutes before its slot and closes at its
end, with a clear page outside that window; the booking link books while the inspection waits
for a booking; a link of one kind never opens the other, and a tampered one opens nothing."""

import pytest
from django.urls import reverse

from gaoxin.inspections import links, services
from gaoxin.inspections.tests.conftest import local


@pytest.fixture
def appointment(case, inspector, room_one):
    inspection = services.request_inspection(actor=inspector, case=case, remote=True)
    return services.book(inspection=inspection, start=local(24, 10), by=services.APPLICANT)


def test_the_session_link_opens_15_minutes_before_and_closes_at_the_end(appointment, clock):
    token = links.session_token(appointment)
    for early in (local(23, 8), local(24, 9, 44, 59)):
        clock.move_to(early)
        with pytest.raises(links.LinkRefused) as refused:
            links.open_session(token)
        assert refused.value.why == links.EARLY
        assert refused.value.facts["opens_at"] == local(24, 9, 45)
        assert "09:45" in refused.value.message
    for inside in (local(24, 9, 45), local(24, 10, 29, 59)):
        clock.move_to(inside)
        assert links.open_session(token) == appointment
    clock.move_to(local(24, 10, 30))
    with pytest.raises(links.LinkRefused) as refused:
        links.open_session(token)
    assert refused.value.why == links.EXPIRED


def test_outside_its_window_the_session_page_says_when_it_opens_or_that_it_expired(
    client, appointment, clock
):
    url = reverse("inspection_live", args=[links.session_token(appointment)])
    response = client.get(url)
    assert response.status_code == 403
    assert "opens at 09:45 on 2026-11-24" in response.content.decode()
    clock.move_to(local(24, 9, 45))
    assert client.get(url).status_code == 200  # the live video itself comes with the next part
    clock.move_to(local(24, 11))
    response = client.get(url)
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_a_cancelled_appointment_s_link_no_longer_opens(appointment, inspector, clock):
    token = links.session_token(appointment)
    services.book(
        inspection=appointment.inspection, start=local(24, 11), by=services.STAFF, actor=inspector
    )
    clock.move_to(local(24, 9, 50))
    with pytest.raises(links.LinkRefused) as refused:
        links.open_session(token)
    assert refused.value.why == links.EXPIRED


def test_tampered_links_and_links_of_the_other_kind_open_nothing(client, appointment):
    inspection = appointment.inspection
    booking, session = links.booking_token(inspection), links.session_token(appointment)
    for bad in (booking[:-2] + "xx", session):
        with pytest.raises(links.LinkRefused) as refused:
            links.open_booking(bad)
        assert refused.value.why == links.UNKNOWN
    with pytest.raises(links.LinkRefused):
        links.open_session(booking)
    response = client.get(reverse("inspection_book", args=[booking[:-2] + "xx"]))
    assert response.status_code == 404


def test_the_booking_link_expires_with_its_inspection(client, case, inspector, room_one):
    inspection = services.request_inspection(actor=inspector, case=case, remote=True)
    token = links.booking_token(inspection)
    services.cancel_inspection(actor=inspector, inspection=inspection, reason="申请人撤回申请")
    response = client.get(reverse("inspection_book", args=[token]))
    assert response.status_code == 410
    assert "expired" in response.content.decode()

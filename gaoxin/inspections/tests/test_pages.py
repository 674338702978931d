"""The pages: the request from the case's work page, the inspection page where staff book by
phone, the room calendar's week, and the applicant's phone pages behind the booking link."""

import pytest
from django.urls import reverse

from gaoxin.inspections import links, services
from gaoxin.inspections.models import Appointment, Inspection
from gaoxin.inspections.tests.conftest import local


def test_the_inspector_requests_from_the_work_page_and_books_by_phone(
    client, case, inspector, room_one
):
    client.force_login(inspector)
    work = client.get(reverse("case_work", args=[case.pk])).content.decode()
    assert 'data-testid="inspection-request-form"' in work
    assert "门头照片" in work  # the default checklist, ready to edit

    response = client.post(
        reverse("inspection_request", args=[case.pk]),
        {"remote": "on", "checklist": "门头照片\n消防通道"},
    )
    inspection = Inspection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("inspection_detail", args=[inspection.pk])
    assert inspection.checklist == ["门头照片", "消防通道"]
    work = client.get(reverse("case_work", args=[case.pk])).content.decode()
    assert 'data-testid="inspection-status"' in work and "Waiting for a booking" in work

    page = client.get(reverse("inspection_detail", args=[inspection.pk])).content.decode()
    assert page.count('data-testid="staff-slot"') == 65
    response = client.post(
        reverse("inspection_staff_book", args=[inspection.pk]),
        {"start": local(24, 10).isoformat()},
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert (appointment.booked_by, appointment.room) == (inspector, room_one)
    page = client.get(reverse("inspection_detail", args=[inspection.pk])).content.decode()
    assert 'data-testid="current-appointment"' in page

    week = client.get(reverse("inspections"), {"week": "2026-11-25"}).content.decode()
    assert case.display_number in week and "远程踏勘室一" in week


def test_a_request_refused_comes_back_with_what_was_typed(client, case, inspector):
    client.force_login(inspector)
    response = client.post(
        reverse("inspection_request", args=[case.pk]), {"checklist": " \n ", "remote": ""}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "List at least one point to inspect." in page
    assert 'name="remote"' in page and "checked" not in page.split('name="remote"')[1][:80]


def test_the_clerk_sees_who_waits_for_a_booking(client, case, inspector, clerk, other_approver):
    inspection = services.request_inspection(actor=inspector, case=case, remote=False)
    client.force_login(clerk)
    page = client.get(reverse("inspections")).content.decode()
    assert case.display_number in page
    assert reverse("inspection_detail", args=[inspection.pk]) in page
    client.force_login(other_approver)
    assert client.get(reverse("inspections")).status_code == 403


def test_the_applicant_picks_a_time_on_the_phone(client, case, inspector, room_one):
    inspection = services.request_inspection(actor=inspector, case=case, remote=True)
    url = reverse("inspection_book", args=[links.booking_token(inspection)])
    page = client.get(url).content.decode()
    assert case.display_number in page and "食品经营许可" in page
    assert "咸阳市高新区世纪大道55号" in page  # the address on record
    assert page.count('data-testid="slot-day"') == 5
    assert page.count('data-testid="slot"') == 65

    response = client.post(url, {"start": local(24, 10).isoformat()})
    done = reverse("inspection_booked", args=[links.booking_token(inspection)])
    assert response.status_code == 302 and response["Location"] == done
    page = client.get(done).content.decode()
    assert "10:00" in page and "15 minutes before" in page
    assert client.get(url)["Location"] == done  # the link shows the booking from now on


def test_a_time_taken_meanwhile_is_said_plainly_and_the_rest_offered(
    client, case, another_case, inspector, second_inspector, room_one
):
    inspection = services.request_inspection(actor=inspector, case=case, remote=True)
    url = reverse("inspection_book", args=[links.booking_token(inspection)])
    client.get(url)
    other = services.request_inspection(actor=second_inspector, case=another_case, remote=True)
    services.book(inspection=other, start=local(24, 10), by=services.APPLICANT)
    response = client.post(url, {"start": local(24, 10).isoformat()})
    assert response.status_code == 400  # no longer among the choices
    assert "no longer free" in response.content.decode()
    assert response.content.decode().count('data-testid="slot"') == 64


@pytest.mark.parametrize("remote", [True, False])
def test_the_confirmation_says_what_happens_next(client, case, inspector, room_one, remote):
    inspection = services.request_inspection(actor=inspector, case=case, remote=remote)
    services.book(inspection=inspection, start=local(24, 15), by=services.APPLICANT)
    page = client.get(
        reverse("inspection_booked", args=[links.booking_token(inspection)])
    ).content.decode()
    assert "15:00" in page
    assert ("text message 15 minutes before" in page) is remote

"""One address books at most five appointments an hour (GAOXIN_HALL_BOOKINGS_PER_ADDRESS_HOUR):
nobody fills the slots with invented ID numbers. Counted from the appointments themselves,
which record the address they came from; over the limit the form says why and keeps what was
typed, and nothing is written."""

import datetime as dt

import pytest
from django.urls import reverse

from gaoxin.core.models import AuditEntry
from gaoxin.core.tests.factories import resident_id
from gaoxin.hall import services
from gaoxin.hall.models import Appointment
from gaoxin.hall.tests.conftest import local, person

pytestmark = pytest.mark.django_db

TUESDAY = dt.date(2026, 11, 24)
HOME = "203.0.113.7"


def book(business, order, address=HOME, slot=dt.time(9, 0)):
    return services.book(
        business=business, day=TUESDAY, slot=slot, address=address, **person(order)
    )


def five_from_home(business, first=200):
    """Five people booked from one address (four places per half hour: two half hours)."""
    return [
        book(business, first + n, slot=dt.time(9, 0) if n < 3 else dt.time(9, 30)) for n in range(5)
    ]


def test_the_sixth_booking_of_an_hour_from_one_address_is_refused(clock, opening):
    five_from_home(opening)
    assert set(Appointment.objects.values_list("client_address", flat=True)) == {HOME}
    entries = AuditEntry.objects.filter(action="hall.book").count()
    with pytest.raises(services.TooManyBookings, match="possible again from 09:00"):
        book(opening, 300, slot=dt.time(10, 0))
    assert Appointment.objects.count() == 5
    assert AuditEntry.objects.filter(action="hall.book").count() == entries
    # Another address is not concerned.
    assert book(opening, 301, address="198.51.100.20", slot=dt.time(10, 0))


def test_the_hour_slides_and_cancelled_bookings_count(clock, opening):
    for n in range(5):
        clock.move_to(local(23, 8, 10 * n))  # 08:00, 08:10 … 08:40
        booked = book(opening, 200 + n, slot=dt.time(9, 0) if n < 3 else dt.time(9, 30))
    services.cancel(code=booked.code)  # made, then cancelled: still made from here
    clock.move_to(local(23, 8, 59))
    with pytest.raises(services.TooManyBookings, match="09:00"):
        book(opening, 300, slot=dt.time(10, 0))
    clock.move_to(local(23, 9, 0, 1))  # 08:00's booking is an hour old: one more
    assert book(opening, 300, slot=dt.time(10, 0))
    with pytest.raises(services.TooManyBookings, match="09:10"):
        book(opening, 301, slot=dt.time(10, 0))


def test_the_limit_is_a_setting_and_zero_turns_it_off(clock, opening, settings):
    settings.GAOXIN_HALL_BOOKINGS_PER_ADDRESS_HOUR = 2
    book(opening, 200)
    book(opening, 201)
    with pytest.raises(services.TooManyBookings):
        book(opening, 202)
    settings.GAOXIN_HALL_BOOKINGS_PER_ADDRESS_HOUR = 0
    assert book(opening, 202)


def test_bookings_not_from_the_web_are_not_limited(clock, opening):
    for n in range(6):
        book(opening, 200 + n, address=None, slot=dt.time(9, 0) if n < 4 else dt.time(9, 30))
    assert Appointment.objects.filter(client_address__isnull=True).count() == 6


def test_an_ipv6_subscriber_counts_with_its_whole_slash_64(clock, opening, settings):
    settings.GAOXIN_HALL_BOOKINGS_PER_ADDRESS_HOUR = 2
    book(opening, 200, address="2408:8456:1234:5678::1")
    book(opening, 201, address="2408:8456:1234:5678:aaaa:bbbb:cccc:dddd")
    assert set(Appointment.objects.values_list("client_address", flat=True)) == {
        "2408:8456:1234:5678::"
    }
    with pytest.raises(services.TooManyBookings):
        book(opening, 202, address="2408:8456:1234:5678::99")
    assert book(opening, 203, address="2408:8456:1234:5679::1")  # another subscriber
    assert services.booking_address("::ffff:203.0.113.7") == HOME
    assert services.booking_address("not an address") is None


def test_over_the_limit_the_form_says_why_and_keeps_what_was_typed(client, clock, zone, opening):
    for n in range(5):
        response = client.post(
            reverse("hall_book_business", args=["A"]),
            {"when": "2026-11-24T09:00" if n < 3 else "2026-11-24T09:30", **person(200 + n)},
            REMOTE_ADDR=HOME,
        )
        assert response.status_code == 302
    typed = {"when": "2026-11-24T10:00", "name": "赵敏", "id_number": resident_id(order=300)}
    response = client.post(
        reverse("hall_book_business", args=["A"]),
        {**typed, "phone": "13991230099"},
        REMOTE_ADDR=HOME,
    )
    assert response.status_code == 429
    error = response.text.split('data-testid="book-error"')[1].split("</div></div>")[0]
    assert "Too many appointments were booked from this network within an hour." in error
    assert "09:00" in error and "take a ticket at the hall" in error
    assert 'value="赵敏"' in response.text and f'value="{typed["id_number"]}"' in response.text
    assert 'value="13991230099"' in response.text
    assert 'value="2026-11-24T10:00" checked' in response.text
    assert Appointment.objects.count() == 5
    assert not Appointment.objects.filter(name="赵敏").exists()
    # From another address the same person books.
    response = client.post(
        reverse("hall_book_business", args=["A"]),
        {**typed, "phone": "13991230099"},
        REMOTE_ADDR="198.51.100.20",
    )
    assert response.status_code == 302
    assert Appointment.objects.get(name="赵敏").client_address == "198.51.100.20"

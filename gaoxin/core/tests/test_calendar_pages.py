"""Administrators keep the working-day calendar on a page of its own."""

import datetime as dt

from django.urls import reverse

from gaoxin.core import services
from gaoxin.core.models import CalendarDay, CalendarYear
from gaoxin.core.signals import calendar_year_confirmed


def sign_in(client, user):
    client.force_login(user)


def test_the_start_page_warns_administrators_of_a_year_without_schedule(client, admin_user):
    services.seed_calendar_from_package()
    sign_in(client, admin_user)
    page = client.get(reverse("start")).text
    assert 'data-testid="calendar-warning"' in page


def test_other_roles_are_not_warned(client, clerk):
    sign_in(client, clerk)
    assert 'data-testid="calendar-warning"' not in client.get(reverse("start")).text


def test_an_administrator_enters_a_holiday_and_confirms_the_year(
    client, admin_user, django_capture_on_commit_callbacks
):
    sign_in(client, admin_user)
    response = client.post(
        reverse("manage_calendar") + "?year=2027",
        {"date": "2027-01-01", "is_working_day": "0", "name": "元旦", "note": ""},
    )
    assert response.status_code == 302
    assert CalendarDay.objects.get(date=dt.date(2027, 1, 1)).is_working_day is False

    heard = []

    def listener(sender, year, **kwargs):
        heard.append(year)

    calendar_year_confirmed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("manage_calendar") + "?year=2027", {"confirm_year": "1"})
    finally:
        calendar_year_confirmed.disconnect(listener)
    assert response.status_code == 302
    assert CalendarYear.objects.filter(year=2027).exists()
    assert heard == [2027]


def test_a_bad_date_is_explained_and_the_note_kept(client, admin_user):
    sign_in(client, admin_user)
    response = client.post(
        reverse("manage_calendar"),
        {"date": "2027-02-30", "is_working_day": "0", "name": "春节", "note": "国办发明电"},
    )
    assert response.status_code == 200
    assert 'value="国办发明电"' in response.text
    assert not CalendarDay.objects.exists()

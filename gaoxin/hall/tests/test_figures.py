"""The hall's figures: a morning at windows 15 and 16 counted by hand and by the page, the
API and the definitions; who may see them."""

import datetime as dt

import pytest
from django.urls import reverse

from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory
from gaoxin.hall import figures, services
from gaoxin.hall.models import Ticket
from gaoxin.hall.tests.conftest import MONDAY, local, person


@pytest.fixture
def morning(clock, zone, opening, clerk_15, clerk_16, window_15, window_16):
    """Four tickets at 09:00, 09:01, 09:02, 10:10; 15 serves A001 (wait 2 min, 10 min), 16
    serves A002 (wait 4 min, 6 min) and A003 (wait 9 min, 4 min); A004 not come. One
    appointment booked at 10:00."""
    services.book(business=opening, day=MONDAY, slot=dt.time(10, 0), **person())
    for minute in (0, 1, 2):
        clock.move_to(local(23, 9, minute))
        services.take_ticket(business=opening)
    clock.move_to(local(23, 9, 2))
    services.call_next(actor=clerk_15, window=window_15)  # A001 waits 2 min
    clock.move_to(local(23, 9, 5))
    services.call_next(actor=clerk_16, window=window_16)  # A002 waits 4 min
    services.begin(actor=clerk_16, window=window_16)
    clock.move_to(local(23, 9, 11))
    services.call_next(actor=clerk_16, window=window_16)  # A002 served 6 min; A003 waits 9
    clock.move_to(local(23, 9, 12))
    services.finish(actor=clerk_15, window=window_15)  # A001 served 10 min
    clock.move_to(local(23, 9, 15))
    services.finish(actor=clerk_16, window=window_16)  # A003 served 4 min
    clock.move_to(local(23, 10, 10))
    services.take_ticket(business=opening)
    services.call_next(actor=clerk_15, window=window_15)
    services.call_again(actor=clerk_15, window=window_15)
    services.skip(actor=clerk_15, window=window_15)  # A004 not come


def test_the_morning_counted(morning):
    report = figures.report(figures.Period(MONDAY, MONDAY))
    totals = report["totals"]
    assert totals["tickets"] == 4
    assert totals["appointments"] == 1
    assert totals["no_show_tickets"] == 1
    assert totals["served"] == 3
    assert totals["wait_p50"] == 4.0  # waits 2, 4, 9 minutes
    assert totals["wait_p90"] == 9.0
    assert totals["service_p50"] == 6.0  # services 10, 6, 4 minutes
    assert report["days"] == [{"day": "2026-11-23", "tickets": 4, "appointments": 1}]
    assert {h["hour"]: h["tickets"] for h in report["hours"]} == {9: 3, 10: 1}
    assert report["busiest_hours"][0] == 9
    (business,) = report["businesses"]
    assert (business["tickets"], business["served"], business["no_shows"]) == (4, 3, 1)
    windows = {w["number"]: w for w in report["windows"]}
    assert windows[15]["served"] == 1 and windows[15]["service_p50"] == 10.0
    assert windows[16]["served"] == 2 and windows[16]["wait_p90"] == 9.0
    clerks = {c["clerk"]: c["served"] for c in report["clerks"]}
    assert clerks == {"杨帆": 2, "王丽": 1}


def test_a_transferred_ticket_counts_once(clock, zone, opening, general, clerk_15, window_15):
    clock.move_to(local(23, 9))
    services.take_ticket(business=opening)
    services.call_next(actor=clerk_15, window=window_15)
    services.transfer(actor=clerk_15, window=window_15, business=general)
    assert Ticket.objects.count() == 2
    assert figures.report(figures.Period(MONDAY, MONDAY))["totals"]["tickets"] == 1


def test_the_page_for_the_supervisor_with_its_definitions(client, morning, supervisor):
    client.force_login(supervisor)
    page = client.get(reverse("hall_figures"), {"start": "2026-11-23", "end": "2026-11-23"})
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-figure="tickets">4<' in text
    assert "Waiting time: from taking the ticket" in text
    assert 'id="chart-hours"' in text and "echarts" in text


def test_a_bad_date_is_said_and_the_last_four_weeks_shown(client, morning, supervisor):
    client.force_login(supervisor)
    page = client.get(reverse("hall_figures"), {"start": "23.11.2026"})
    assert page.status_code == 400
    assert "Enter a date as YYYY-MM-DD." in page.content.decode()


def test_a_clerk_sees_no_figures(client, morning, clerk_15):
    client.force_login(clerk_15)
    assert client.get(reverse("hall_figures")).status_code == 403


def test_the_api_gives_the_same_figures(client, morning, supervisor):
    client.force_login(supervisor)
    answer = client.get("/api/v1/hall/figures/", {"start": "2026-11-23", "end": "2026-11-23"})
    assert answer.status_code == 200
    data = answer.json()
    assert data == {
        **figures.report(figures.Period(MONDAY, MONDAY)),
        "definitions": [str(d) for d in figures.DEFINITIONS],
    }
    assert client.get("/api/v1/hall/figures/", {"end": "x"}).status_code == 400


def test_the_api_refuses_a_clerk(client, morning):
    client.force_login(UserFactory(role=Role.CLERK))
    assert client.get("/api/v1/hall/figures/").status_code == 403


def test_percentiles_are_nearest_rank():
    assert figures.percentile([], 0.5) is None
    assert figures.percentile([3.0], 0.9) == 3.0
    assert figures.percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.0
    assert figures.percentile(list(map(float, range(1, 11))), 0.9) == 9.0

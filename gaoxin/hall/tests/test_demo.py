"""The demo hall's past: the working days before today filled with tickets served, the same
every time, so the figures page has something to show."""

import datetime as dt

from gaoxin.core.workdays import WorkCalendar
from gaoxin.hall import demo, figures
from gaoxin.hall.models import Appointment, Ticket
from gaoxin.hall.tests.conftest import MONDAY, local


def test_three_weeks_of_tickets_for_the_figures(clock, zone, opening, general, clerk_15):
    written = demo._history(local(23, 8), WorkCalendar.load())
    assert written == Ticket.objects.count() > 0
    days = sorted(set(Ticket.objects.values_list("day", flat=True)))
    assert len(days) == demo.HISTORY_DAYS
    assert days[-1] == MONDAY - dt.timedelta(days=3)  # the Friday before
    assert all(WorkCalendar.load().is_working_day(d) for d in days)

    report = figures.report(figures.Period(days[0], days[-1]))
    totals = report["totals"]
    assert totals["tickets"] == written
    assert totals["served"] > 0.9 * written
    assert totals["no_show_tickets"] > 0 and totals["appointments"] > 0
    assert 0 < totals["wait_p50"] <= totals["wait_p90"]
    assert {w["number"] for w in report["windows"]} == {1, 15, 16}
    assert report["clerks"][0]["clerk"] == "王丽"  # the only clerk among the windows


def test_the_same_history_every_time(clock, zone, opening, general):
    first = demo._history(local(23, 8), WorkCalendar.load())
    rows = list(Ticket.objects.order_by("id").values_list("number", "taken_at", "ended_at"))
    Ticket.objects.all().delete()
    Appointment.objects.all().delete()
    assert demo._history(local(23, 8), WorkCalendar.load()) == first
    assert list(Ticket.objects.order_by("id").values_list("number", "taken_at", "ended_at")) == rows

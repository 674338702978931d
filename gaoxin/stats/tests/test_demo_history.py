"""The demo zone's past year: finished cases only, real numbers, figures equal to a recount.
One test, because loading the demo zone takes a few seconds."""

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from gaoxin.cases import queries as case_queries
from gaoxin.cases.models import Case, CaseEvent, CaseStep, NumberCounter, Submission
from gaoxin.cases.workflow import FINISHED, Status
from gaoxin.core import workdays
from gaoxin.core.models import User
from gaoxin.stats import queries
from gaoxin.stats.queries import Filters
from gaoxin.stats.tests.recount import every_case, recount


def _load_twice():
    call_command("seed_demo", "--quiet-logins", verbosity=0)
    counts = (Case.objects.count(), CaseEvent.objects.count(), NumberCounter.objects.count())
    call_command("seed_demo", "--quiet-logins", verbosity=0)
    assert (Case.objects.count(), CaseEvent.objects.count(), NumberCounter.objects.count()) == (
        counts
    )


def test_the_demo_zone_has_a_year_of_finished_cases_behind_it(db, client):
    _load_twice()
    today = timezone.localdate()
    start = dt.datetime.combine(today, dt.time.min, timezone.get_current_timezone())
    history = Case.objects.filter(received_at__lt=start)
    assert history.count() >= 3000
    assert not history.exclude(status__in=FINISHED).exists()
    assert history.filter(received_at__lt=start - dt.timedelta(days=300)).exists()
    assert Submission.objects.filter(case__in=history).count() > history.count()
    # Some were finished after the deadline, for the supervisor's list.
    assert case_queries.finished_late().count() >= 30
    # Every running case has its one open step (the history adds none).
    running = [Status.ACCEPTED, Status.IN_REVIEW, Status.SUSPENDED, Status.DECIDED]
    for case in Case.objects.filter(status__in=running):
        assert CaseStep.objects.filter(case=case, finished_at__isnull=True).count() == 1, case

    # Real numbers, and the counters past them: a later intake never repeats one.
    numbers = Case.objects.exclude(number=None).values_list("number", flat=True)
    assert all(len(n) == 18 and n.startswith("XYGX") for n in numbers)
    for counter in NumberCounter.objects.filter(scope="receipt"):
        taken = Case.objects.filter(receipt_number__startswith=f"SJ{counter.day:%Y%m%d}")
        assert taken.count() == counter.last, counter

    # The published figures equal a recount from the cases.
    calendar = workdays.WorkCalendar.load()
    cases = every_case()
    for days in (365, 30):
        filters = Filters(start=today - dt.timedelta(days=days), end=today)
        assert queries.figures(filters, today) == recount(filters, today, cases, calendar)
    assert (
        queries.figures(Filters(start=today - dt.timedelta(days=365), end=today), today).completed
        >= 3000
    )

    # The pages the history shows on.
    client.force_login(User.objects.get(username="supervisor"))
    case = history.filter(status=Status.COMPLETED).first()
    response = client.get(f"/cases/{case.pk}/")
    assert response.status_code == 200
    assert case.number in response.content.decode()
    assert client.get("/cases/supervision/").status_code == 200
    assert client.get("/stats/").status_code == 200

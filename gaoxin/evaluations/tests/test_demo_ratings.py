"""The demo zone's ratings: a past year near the zone's reported 99.3%, every bad rating with
its rectification, one excluded on appeal, and live ones waiting for the department head and
the supervisor. One test, because loading the demo zone takes a few seconds."""

from django.core.management import call_command

from gaoxin.core.models import User
from gaoxin.evaluations import queries
from gaoxin.evaluations.models import Appeal, Rating, Rectification


def test_the_demo_zone_has_a_year_of_ratings_and_live_bad_ones(db, client):
    call_command("seed_demo", "--quiet-logins", verbosity=0)
    given = Rating.objects.count()
    call_command("seed_demo", "--quiet-logins", verbosity=0)
    assert Rating.objects.count() == given  # a second load adds nothing
    assert given >= 5000

    figures = queries.figures()
    assert 0.985 <= figures.satisfaction_rate <= 0.998
    assert figures.total == Rating.objects.filter(excluded_at__isnull=True).count()

    # Every bad rating is followed up; the past ones are finished.
    bad = Rating.objects.filter(level__lte=2)
    assert bad.count() == Rectification.objects.count()
    excluded = Rating.objects.exclude(excluded_at=None).get()
    assert excluded.rectification.status == Rectification.Status.EXCLUDED
    assert excluded.rectification.appeal.decision == Appeal.Decision.UPHELD

    # Live: one awaiting the call-back, one being rectified, one under appeal, all in the
    # department of the demo's head.
    head = User.objects.get(username="head")
    live = Rectification.objects.exclude(
        status__in=[Rectification.Status.CLOSED, Rectification.Status.EXCLUDED]
    )
    assert live.count() == 3
    assert set(live.values_list("department", flat=True)) == {head.department_id}
    assert live.filter(status=Rectification.Status.OPEN).count() == 1
    assert Appeal.objects.filter(decision="").count() == 1

    client.force_login(head)
    assert client.get("/ratings/rectifications/").status_code == 200

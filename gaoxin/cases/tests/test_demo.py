"""The demo zone, as `make run` loads it: the catalog and a morning's applications."""

from django.core.management import call_command

from gaoxin.cases.models import Case
from gaoxin.cases.workflow import Status
from gaoxin.catalog.queries import catalog_counts


def test_the_demo_zone_has_its_catalog_and_a_mornings_applications(db):
    call_command("seed_demo", "--quiet-logins", verbosity=0)
    counts = catalog_counts()
    assert counts["approval"] >= 275 and counts["public"] >= 55
    assert Case.objects.filter(status=Status.ACCEPTED).count() >= 5
    assert Case.objects.filter(status=Status.CORRECTION).exists()
    assert Case.objects.filter(status=Status.REFUSED).exists()
    assert all(case.notices.exists() for case in Case.objects.all())

"""Deadlines counted into a year without official holidays are recounted once it has them."""

import datetime as dt

import pytest

from gaoxin.cases.clock import recompute_provisional_deadlines
from gaoxin.cases.models import Case
from gaoxin.core import services as core_services
from gaoxin.core import workdays

pytestmark = pytest.mark.usefixtures("zone")


def test_confirming_2027_recounts_a_deadline_over_new_year(
    desk_clerk, intake_window, food_item, admin_user, django_capture_on_commit_callbacks
):
    from gaoxin.cases import intake
    from gaoxin.cases.tests.factories import intake as make_intake

    core_services.seed_calendar_from_package()
    case = intake.accept(actor=desk_clerk, intake=make_intake(food_item, intake_window))
    # As if accepted on Monday 28 December 2026: 5 working days reach into 2027.
    accepted = dt.datetime(2026, 12, 28, 10, 0, tzinfo=dt.UTC)
    provisional = workdays.add_working_days(dt.date(2026, 12, 28), 5)
    assert provisional == (dt.date(2027, 1, 4), True)  # Mon–Fri rule: 29,30,31, 1, 4
    Case.objects.filter(pk=case.pk).update(
        accepted_at=accepted, deadline=provisional.date, deadline_provisional=True
    )
    # The State Council's schedule: 1 January 2027 (a Friday) is a holiday.
    core_services.set_calendar_day(
        actor=admin_user, date=dt.date(2027, 1, 1), is_working_day=False, name="元旦"
    )
    with django_capture_on_commit_callbacks(execute=True):
        core_services.confirm_calendar_year(actor=admin_user, year=2027)
    case.refresh_from_db()
    assert (case.deadline, case.deadline_provisional) == (dt.date(2027, 1, 5), False)
    assert case.events.filter(action="recompute_deadline").exists()


def test_nothing_to_recount_changes_nothing(db):
    assert recompute_provisional_deadlines(year=2027) == 0

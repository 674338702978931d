"""The clock's colours: derived from the dates the clock set, compared with today; and who
sees which cases."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gaoxin.cases import clock, intake
from gaoxin.cases.models import Case
from gaoxin.cases.tests.factories import intake as make_intake
from gaoxin.core import services as core_services
from gaoxin.core import workdays

pytestmark = pytest.mark.usefixtures("zone")
D = dt.date


def test_a_case_accepted_before_national_day_2026_is_due_on_12_october(db):
    core_services.seed_calendar_from_package()
    counted = clock.limits(workdays.WorkCalendar.load(), D(2026, 9, 29), 5)
    # 30 Sep (1); 1–7 Oct holiday; 8 Oct (2), 9 Oct (3), Saturday 10 Oct worked (4), 12 Oct (5).
    assert counted.deadline == D(2026, 10, 12)
    # 80% of 5 days is 4: yellow from the make-up Saturday.
    assert counted.warning_date == D(2026, 10, 10)


@pytest.mark.parametrize(
    ("today", "level"),
    [
        (D(2026, 10, 9), clock.Level.GREEN),
        (D(2026, 10, 10), clock.Level.YELLOW),
        (D(2026, 10, 12), clock.Level.YELLOW),
        (D(2026, 10, 13), clock.Level.RED),
    ],
)
def test_green_then_yellow_then_red(today, level):
    assert clock.level_on(today, D(2026, 10, 12), D(2026, 10, 10)) == level


@pytest.fixture
def three_cases(desk_clerk, intake_window, food_item, market_bureau):
    """One case on time, one due soon, one overdue, as if accepted on different days."""
    from gaoxin.catalog.tests.factories import make_item

    other_item = make_item(market_bureau, name="有限责任公司设立登记", kind="confirmation")
    today = timezone.localdate()
    cases = {
        "green": intake.accept(actor=desk_clerk, intake=make_intake(food_item, intake_window)),
        "yellow": intake.accept(actor=desk_clerk, intake=make_intake(food_item, intake_window)),
        "red": intake.accept(actor=desk_clerk, intake=make_intake(other_item, intake_window)),
    }
    Case.objects.filter(pk=cases["yellow"].pk).update(
        warning_date=today, deadline=today + dt.timedelta(days=2)
    )
    Case.objects.filter(pk=cases["red"].pk).update(
        warning_date=today - dt.timedelta(days=5), deadline=today - dt.timedelta(days=1)
    )
    return cases


def test_the_supervisor_sees_yellow_and_red_across_departments(client, supervisor, three_cases):
    client.force_login(supervisor)
    page = client.get(reverse("supervision")).text
    assert three_cases["yellow"].number in page
    assert three_cases["red"].number in page
    assert three_cases["green"].number not in page
    only_red = client.get(reverse("supervision"), {"level": "red"}).text
    assert three_cases["yellow"].number not in only_red


def test_supervision_is_for_supervisors(client, approver, three_cases):
    client.force_login(approver)
    assert client.get(reverse("supervision")).status_code == 403


def test_an_approver_sees_the_own_departments_cases_only(client, approver, three_cases):
    client.force_login(approver)
    page = client.get(reverse("department_cases")).text
    assert three_cases["green"].number in page and three_cases["yellow"].number in page
    assert three_cases["red"].number not in page  # another department's case
    assert client.get(reverse("case_detail", args=[three_cases["red"].pk])).status_code == 404
    detail = client.get(reverse("case_detail", args=[three_cases["yellow"].pk])).text
    assert 'data-testid="case-clock"' in detail


def test_the_start_pages_show_the_colours(client, approver, supervisor, three_cases):
    client.force_login(approver)
    assert 'data-testid="start-clock"' in client.get(reverse("start")).text
    client.force_login(supervisor)
    page = client.get(reverse("start")).text
    assert 'data-testid="start-clock"' in page


def test_the_lists_run_the_same_queries_for_more_cases(
    client,
    supervisor,
    three_cases,
    desk_clerk,
    intake_window,
    food_item,
    django_assert_max_num_queries,
):
    for _ in range(10):
        intake.accept(actor=desk_clerk, intake=make_intake(food_item, intake_window))
    client.force_login(supervisor)
    with django_assert_max_num_queries(14):
        client.get(reverse("supervision"), {"level": ""})


def test_the_counts_add_up_whatever_the_order_of_the_list(three_cases):
    from gaoxin.cases import queries

    today = timezone.localdate()
    counts = queries.level_counts(queries.running(), today)
    assert counts == {"green": 1, "yellow": 1, "red": 1}

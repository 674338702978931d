"""The inspection figures, recounted on a November of five inspections in two departments:
each figure as the definitions say (``gaoxin.inspections.figures``), the same on the page (in
both languages) and in the API, within what each role may see, in a fixed number of queries."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from drf_spectacular.drainage import GENERATOR_STATS
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gaoxin.catalog.tests.factories import make_item
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory
from gaoxin.core.workdays import working_days_between
from gaoxin.inspections import figures
from gaoxin.inspections.models import (
    Appointment,
    Attendance,
    Inspection,
    Recording,
)
from gaoxin.inspections.tests.conftest import SHANGHAI, at_inspection_step

API = "/api/v1/inspections/figures/"
NOVEMBER = {"period": "custom", "start": "2026-11-01", "end": "2026-11-30"}


def at(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


def inspection(case, inspector, requested, *, remote=True, status="concluded", **record):
    return Inspection.objects.create(
        case=case,
        requested_by=inspector,
        requested_at=requested,
        remote=remote,
        checklist=["门头照片"],
        status=status,
        **record,
    )


def appointment(of, room, booked, start, status, **extra):
    made = Appointment.objects.create(
        inspection=of,
        room=room if of.remote else None,
        inspector=of.requested_by,
        start=start,
        end=start + dt.timedelta(minutes=30),
        status=status,
        booked_via="applicant",
        booked_at=booked,
        **extra,
    )
    Attendance.objects.create(
        appointment=made, person=of.requested_by, start=start, active=status == "held"
    )
    return made


def recorded(held, seconds):
    return Recording.objects.create(
        inspection=held.inspection,
        appointment=held,
        started_by=held.inspector,
        started_at=held.start,
        ended_at=held.start + dt.timedelta(seconds=seconds),
        length_seconds=seconds,
        status="finished",
        keep_until=dt.date(2029, 11, 1),
    )


@pytest.fixture
def market_inspector_user(market_bureau):
    return UserFactory(username="insp_scjg", role=Role.INSPECTOR, department=market_bureau)


@pytest.fixture
def november(
    case,
    another_case,
    inspector,
    market_bureau,
    market_inspector_user,
    other_approver,
    intake_window,
    desk_clerk,
    room_one,
):
    """Five inspections around November 2026 (two departments):

    I1  审批局, video: requested Mon 2 Nov, held Wed 4 Nov (recorded 300 s + 90 s), passed
        the same day: 2 working days.
    I2  审批局, on site: requested Thu 5 Nov, booked, cancelled, booked again, held Mon 9 Nov,
        rectify and re-inspect: 2 working days (Fri, Mon).
    I3  市场监管, video: requested Tue 10 Nov, missed Wed 11 Nov, held Thu 12 Nov without a
        recording, failed Fri 20 Nov: 8 working days, past the claim.
    I4  审批局, video: requested Sat 31 Oct (before the period), held and passed Mon 2 Nov
        (recorded 480 s): 1 working day.
    I5  审批局: requested Mon 30 Nov 23:30, waiting for a booking.
    """
    market_item = make_item(market_bureau, name="小餐饮经营许可")
    market_case = at_inspection_step(market_item, intake_window, desk_clerk, other_approver, 323)

    i1 = inspection(case, inspector, at(11, 2, 10), concluded_at=at(11, 4, 11), conclusion="pass")
    a1 = appointment(i1, room_one, at(11, 2, 11), at(11, 4, 10), "held")
    recorded(a1, 300)
    recorded(a1, 90)

    i2 = inspection(
        another_case,
        inspector,
        at(11, 5, 9, 30),
        remote=False,
        concluded_at=at(11, 9, 16),
        conclusion="rectify",
    )
    appointment(i2, None, at(11, 5, 10), at(11, 6, 14), "cancelled")
    appointment(i2, None, at(11, 6, 9), at(11, 9, 14), "held")

    i3 = inspection(
        market_case,
        market_inspector_user,
        at(11, 10, 9),
        concluded_at=at(11, 20, 10),
        conclusion="fail",
    )
    appointment(i3, room_one, at(11, 10, 9, 30), at(11, 11, 10), "missed")
    appointment(i3, room_one, at(11, 11, 11), at(11, 12, 10), "held")

    i4 = inspection(case, inspector, at(10, 31, 11), concluded_at=at(11, 2, 12), conclusion="pass")
    a6 = appointment(i4, room_one, at(10, 31, 12), at(11, 2, 10), "held")
    recorded(a6, 480)

    # Outside the period: requested on the first minutes of December.
    inspection(case, inspector, at(12, 1, 0, 10), status="requested")
    # Inside: requested at the end of its last day.
    inspection(another_case, inspector, at(11, 30, 23, 30), status="requested")
    return {"I1": i1, "I2": i2, "I3": i3, "I4": i4}


def test_each_figure_is_counted_as_its_definition_says(november, supervisor):
    filters = figures.parse_filters(supervisor, NOVEMBER, dt.date(2026, 12, 2))
    report = figures.report(filters)
    t = report.total
    assert (t.requested, t.booked) == (4, 3)  # I1 I2 I3 I5; first bookings of I1 I2 I3
    assert (t.held, t.held_remote, t.missed) == (4, 3, 1)
    assert t.remote_share == 75
    assert (t.concluded, t.passed, t.rectify, t.failed) == (4, 2, 1, 1)
    assert (t.working_days, t.within_claim) == (2 + 2 + 8 + 1, 3)
    assert str(t.average_working_days) == "3.3"  # 3.25, half up
    assert t.within_claim_share == 75
    assert (t.sessions, t.session_seconds, t.sessions_unrecorded) == (2, 870, 1)
    assert str(t.average_session_minutes) == "7.3"  # 435 s = 7.25 min, half up
    assert [
        (r.key, r.figures.requested, r.figures.held, r.figures.missed) for r in report.rows
    ] == [
        ("scjg", 1, 1, 1),  # in the departments' order (here: by code)
        ("xzsp", 3, 3, 0),
    ]


def test_the_figures_agree_with_a_recount_from_the_rows(november, supervisor):
    """The working days and the sessions counted again, the plain way, from every row."""
    filters = figures.parse_filters(supervisor, NOVEMBER, dt.date(2026, 12, 2))
    t = figures.report(filters).total
    first, last = at(11, 1, 0), at(12, 1, 0)
    concluded = [
        i for i in Inspection.objects.all() if i.concluded_at and first <= i.concluded_at < last
    ]
    days = [
        working_days_between(
            i.requested_at.astimezone(SHANGHAI).date(), i.concluded_at.astimezone(SHANGHAI).date()
        )
        for i in concluded
    ]
    assert t.working_days == sum(days) and t.concluded == len(concluded)
    held = [a for a in Appointment.objects.filter(status="held") if first <= a.start < last]
    lengths = {
        a.pk: sum(r.length_seconds for r in a.recordings.all())
        for a in held
        if a.inspection.remote and a.recordings.exists()
    }
    assert t.sessions == len(lengths) and t.session_seconds == sum(lengths.values())


def test_a_department_reads_its_own_figures(november, supervisor, market_bureau, approval_bureau):
    head = UserFactory(username="head_scjg", role=Role.DEPARTMENT_HEAD, department=market_bureau)
    # A head asking for another department still reads their own.
    filters = figures.parse_filters(head, {**NOVEMBER, "department": "xzsp"}, dt.date(2026, 12, 2))
    assert filters.department == market_bureau and filters.locked_department
    report = figures.report(filters)
    assert [r.key for r in report.rows] == ["scjg"]
    assert (report.total.concluded, report.total.working_days) == (1, 8)
    chosen = figures.parse_filters(
        supervisor, {**NOVEMBER, "department": "xzsp"}, dt.date(2026, 12, 2)
    )
    assert figures.report(chosen).total.requested == 3


def test_the_number_of_queries_does_not_grow_with_the_rows(
    november, supervisor, inspector, case, room_one
):
    filters = figures.parse_filters(supervisor, NOVEMBER, dt.date(2026, 12, 2))
    figures.report(filters)  # the calendar read once (it is kept between requests)
    with CaptureQueriesContext(connection) as few:
        figures.report(filters)
    for n in range(6):
        more = inspection(
            case,
            inspector,
            at(11, 16, 9),
            concluded_at=at(11, 18, 9) + dt.timedelta(minutes=n),
            conclusion="pass",
        )
        start = at(11, 17, 9) + dt.timedelta(minutes=30 * n)
        recorded(appointment(more, room_one, at(11, 16, 9), start, "held"), 200)
    with CaptureQueriesContext(connection) as many:
        report = figures.report(filters)
    assert report.total.concluded == 10
    assert len(many) == len(few) <= 8


# --- The page ---------------------------------------------------------------------------------


def test_the_page_shows_the_figures_and_their_definitions_in_both_languages(
    november, supervisor, client, settings
):
    client.force_login(supervisor)
    page = client.get("/inspections/figures/", NOVEMBER)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Inspection figures" in html and "How the figures are counted" in html
    assert 'data-testid="headline-days">3.3</div>' in html
    assert "75.0%" in html and "7.3 min" in html
    assert 'data-row="xzsp"' in html and 'data-row="scjg"' in html and 'data-row="total"' in html

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    chinese = client.get("/inspections/figures/", NOVEMBER).content.decode()
    assert 'lang="zh-hans"' in chinese
    assert 'data-row="total"' in chinese and "7.3" in chinese


def test_who_may_read_the_page(november, client, inspector, head, approver, supervisor):
    for user, status in ((supervisor, 200), (head, 200), (inspector, 403), (approver, 403)):
        client.force_login(user)
        assert client.get("/inspections/figures/", NOVEMBER).status_code == status, user
    client.force_login(head)
    html = client.get("/inspections/figures/", NOVEMBER).content.decode()
    assert 'name="department"' not in html  # a head's own department, no choice
    assert 'data-row="scjg"' not in html


def test_a_filter_that_makes_no_sense_is_answered_beside_the_field(november, client, supervisor):
    client.force_login(supervisor)
    page = client.get(
        "/inspections/figures/", {"period": "custom", "start": "2026-11-30", "end": "x"}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Enter a date such as 2026-01-31." in html and 'value="x"' in html


# --- The API ----------------------------------------------------------------------------------


def token_client(user):
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_the_api_gives_the_figures_of_the_page(november, supervisor, head, inspector):
    body = token_client(supervisor).get(API, NOVEMBER).json()
    assert body["filters"] == {
        "period": "custom",
        "start": "2026-11-01",
        "end": "2026-11-30",
        "department": None,
    }
    total = body["total"]
    assert (total["requested"], total["booked"], total["held"], total["missed"]) == (4, 3, 4, 1)
    assert (total["remote_share"], total["average_working_days"]) == (75.0, 3.3)
    assert (total["average_session_seconds"], total["average_session_minutes"]) == (435.0, 7.3)
    assert body["claim_days"] == 5
    assert [r["key"] for r in body["rows"]] == ["scjg", "xzsp"]

    own = token_client(head).get(API, NOVEMBER).json()
    assert own["filters"]["department"] == "xzsp" and own["total"]["requested"] == 3
    assert token_client(inspector).get(API, NOVEMBER).status_code == 403
    assert APIClient().get(API).status_code in (401, 403)
    bad = token_client(supervisor).get(API, {"period": "week"})  # the same token again
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"period"}


@pytest.mark.django_db
def test_the_schema_documents_the_figures_without_warnings(tmp_path):
    GENERATOR_STATS.reset()
    call_command("spectacular", "--validate", "--file", str(tmp_path / "schema.yaml"))
    ours = re.compile(r"inspections[/.]api|Inspection")
    noted = [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
    assert not [m for m in noted if ours.search(m)], noted
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()
    get = schema["paths"][API]["get"]
    assert {p["name"] for p in get["parameters"]} == {"period", "start", "end", "department"}
    fields = schema["components"]["schemas"]["InspectionFigures"]["properties"]
    assert {"remote_share", "average_working_days", "average_session_minutes"} <= set(fields)

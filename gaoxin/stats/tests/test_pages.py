"""The statistics page, its export and its API: who sees what, with which filters."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory
from gaoxin.stats.tests.conftest import at

PAGE = "/stats/"
API = "/api/v1/stats/"


@pytest.fixture
def leader(db):
    return UserFactory(username="leader", role=Role.LEADER)


def page(client, user, **params):
    client.force_login(user)
    with at(13):
        return client.get(PAGE, params)


def test_a_supervisor_sees_the_zone_this_year(client, march, supervisor):
    response = page(client, supervisor)
    assert response.status_code == 200
    board = response.context["board"]
    assert (board.filters.start.isoformat(), board.filters.end.isoformat()) == (
        "2026-01-01",
        "2026-03-13",
    )
    assert (board.figures.received, board.figures.completed) == (6, 3)
    html = response.content.decode()
    assert 'data-figure="completion_rate">60.0%' in html
    assert "vendor/echarts/echarts.min.js" in html and 'id="stats-chart"' in html
    assert "/stats/" in [item["url"] for item in response.context["navigation"]]


@pytest.mark.parametrize("role", ["leader", "admin_user"])
def test_leaders_and_administrators_see_the_zone(client, march, role, request):
    user = request.getfixturevalue(role)
    response = page(client, user, period="month")
    assert response.status_code == 200
    assert response.context["board"].figures.accepted == 5
    assert response.context["filters"].department is None


@pytest.mark.parametrize("role", ["clerk", "approver", "inspector"])
def test_others_have_no_statistics(client, march, role, request):
    user = request.getfixturevalue(role)
    assert page(client, user).status_code == 403
    client.force_login(user)
    with at(13):
        start = client.get(reverse("start"))
    assert "/stats/" not in [item["url"] for item in start.context["navigation"]]


def test_a_department_head_sees_only_their_department(client, march):
    response = page(client, march.market_head, department="xzsp")
    assert response.status_code == 200
    filters = response.context["filters"]
    assert filters.department.code == "scjg" and filters.locked_department
    figures = response.context["board"].figures
    assert (figures.received, figures.overdue) == (1, 1)
    assert [row.department.code for row in response.context["board"].departments] == ["scjg"]
    assert 'name="department"' not in response.content.decode()
    # Another department's item is not theirs to see.
    response = page(client, march.market_head, item=march.items.food.code)
    assert "item" in response.context["errors"]
    assert response.context["board"].figures.received == 1


def test_filters_by_item_window_and_custom_dates(client, march, supervisor):
    response = page(
        client,
        supervisor,
        period="custom",
        start="2026-03-03",
        end="2026-03-03",
        window="2",
    )
    figures = response.context["board"].figures
    assert (figures.received, figures.accepted, figures.completed) == (0, 1, 0)
    response = page(client, supervisor, item=march.items.quick.code, period="month")
    assert response.context["board"].figures.accepted_immediate == 1


def test_impossible_dates_get_a_message_and_keep_what_was_typed(client, march, supervisor):
    response = page(client, supervisor, period="custom", start="2026-03-31", end="2026-03-01")
    assert response.status_code == 200
    assert "end" in response.context["errors"]
    html = response.content.decode()
    assert 'value="2026-03-31"' in html and "is-invalid" in html
    response = page(client, supervisor, period="custom", start="yesterday", end="2026-03-01")
    assert "start" in response.context["errors"]


def test_the_export_is_the_table_of_the_page(client, march, supervisor, settings):
    client.force_login(supervisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # headings in the source language
    with at(13):
        response = client.get(reverse("stats_export"), {"period": "month"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="stats-20260301-20260313.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = next(r for r in rows if r and r[0] == "Department")
    total = next(r for r in rows if r and r[0] == "Total")
    values = dict(zip(header, total, strict=True))
    assert values["Received"] == 6 and values["Completed"] == 3
    assert values["Completion rate (%)"] == 60.0
    assert values["On-time rate (%)"] == 100.0 and values["Overdue now"] == 1
    names = [r[0] for r in rows[rows.index(header) + 1 : rows.index(total)]]
    assert names == ["市场监督管理分局", "行政审批服务局"]  # the departments' order


def test_the_export_follows_the_heads_scope(client, march):
    client.force_login(march.market_head)
    with at(13):
        response = client.get(reverse("stats_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "市场监督管理分局" in [row[0] for row in sheet.iter_rows(values_only=True)]
    assert "行政审批服务局" not in [row[0] for row in sheet.iter_rows(values_only=True)]


def token_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_the_api_gives_the_figures_of_the_page(march, supervisor):
    with at(13):
        response = token_client(supervisor).get(API, {"period": "month", "department": "xzsp"})
    assert response.status_code == 200
    body = response.json()
    assert body["filters"] == {
        "period": "month",
        "start": "2026-03-01",
        "end": "2026-03-13",
        "department": "xzsp",
        "item": "",
        "window": None,
    }
    figures = body["figures"]
    assert (figures["received"], figures["accepted"], figures["completed"]) == (5, 4, 3)
    assert figures["completion_rate"] == 75.0 and figures["on_time_rate"] == 100.0
    assert body["compression"]["compression"] == 73.9  # 1 − (5 + 1) ÷ (20 + 3)
    assert [d["code"] for d in body["departments"]] == ["xzsp"]
    assert len(body["series"]) == 13 and body["by_month"] is False


def test_the_api_refuses_bad_filters_and_other_roles(march, supervisor, clerk):
    with at(13):
        bad = token_client(supervisor).get(API, {"period": "week", "window": "x"})
        assert bad.status_code == 400
        assert set(bad.json()["errors"]) == {"period", "window"}
        assert token_client(clerk).get(API).status_code == 403
        assert APIClient().get(API).status_code in (401, 403)


def test_the_api_is_in_the_openapi_document(client, supervisor):
    client.force_login(supervisor)
    schema = client.get(reverse("schema"), {"format": "json"}).json()
    assert "/api/v1/stats/" in schema["paths"]

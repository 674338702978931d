"""The rating figures page (/ratings/) and its Excel export: who sees what, with which
filters, and the March story's figures worked out by hand (``figures_story``)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory
from gaoxin.evaluations.tests.figures_story import *  # noqa: F403  (the March story)
from gaoxin.evaluations.tests.figures_story import APPLICANT, at
from gaoxin.evaluations.views import figures as figures_view

PAGE = "/ratings/"


@pytest.fixture
def leader(db):
    return UserFactory(username="leader", role=Role.LEADER)


@pytest.fixture
def market_head(market_bureau):
    return UserFactory(username="head_scjg", role=Role.DEPARTMENT_HEAD, department=market_bureau)


def page(client, user, **params):
    client.force_login(user)
    with at(13):
        return client.get(PAGE, params)


def table_of(response) -> dict[str, dict]:
    """The table's rows on this page, and its total, by name."""
    rows = dict(response.context["page"].object_list)
    return rows | {"合计": response.context["total_row"]}


def cards(response) -> dict[str, str]:
    html = response.content.decode()
    return {
        name: html.split(f'data-figure="{name}">', 1)[1].split("<", 1)[0]
        for name in ("satisfaction_rate", "good_rate", "coverage", "total", "opened")
    }


def test_a_supervisor_reads_march(client, march, supervisor):
    response = page(client, supervisor, period="month")
    assert response.status_code == 200
    report = response.context["report"]
    f = report.figures
    assert (f.total, f.satisfied, f.good, f.bad) == (6, 3, 4, 2)
    assert (f.encounters, f.rated_encounters) == (9, 6)
    assert (f.opened, f.rectified_on_time, f.rectified_late) == (2, 1, 0)
    assert (f.open_overdue, f.open_in_time) == (1, 0)
    assert (f.called_back_on_time, f.called_back_late) == (1, 0)
    assert cards(response) == {
        "satisfaction_rate": "50.0%",
        "good_rate": "66.7%",
        "coverage": "66.7%",
        "total": "6",
        "opened": "2",
    }
    # The trend is by day in a short period, and every day of it is there.
    assert [row.label for row in report.trend][:2] == ["2026-03-01", "2026-03-02"]
    assert len(report.trend) == 13
    html = response.content.decode()
    assert "vendor/echarts/echarts.min.js" in html and 'id="figures-chart"' in html
    assert "/ratings/" in [item["url"] for item in response.context["navigation"]]


def test_the_table_by_department_and_its_total(client, march, supervisor):
    response = page(client, supervisor, period="month")
    rows = table_of(response)
    assert list(rows) == ["市场监督管理分局", "行政审批服务局", "合计"]  # the departments' order
    approval, market = rows["行政审批服务局"], rows["市场监督管理分局"]
    assert (approval["total"], approval["satisfaction_rate"], approval["coverage"]) == (
        5,
        Decimal("60.0"),
        Decimal("71.4"),
    )
    assert (market["total"], market["bad"], market["open_overdue"], market["coverage"]) == (
        1,
        1,
        1,
        50,
    )
    assert rows["合计"]["encounters"] == 9


def test_a_long_table_is_paginated_and_keeps_its_total(client, march, supervisor, monkeypatch):
    monkeypatch.setattr(figures_view, "ROWS_PER_PAGE", 1)  # a zone has hundreds of items
    response = page(client, supervisor, period="month", page="2")
    assert list(table_of(response)) == ["行政审批服务局", "合计"]
    assert table_of(response)["合计"]["total"] == 6
    html = response.content.decode()
    assert "?period=month&amp;page=1" in html  # back to the first page, the filters kept


def test_rows_by_window_and_clerk_leave_the_whole_case_out(client, march, supervisor):
    response = page(client, supervisor, period="month", group_by="window")
    rows = table_of(response)
    assert list(rows) == ["01 综合受理窗口", "02 综合受理窗口", "11 综合出件窗口", "合计"]
    # Window 1: intakes of A, B, D, E, G (G excluded): four rated, three ratings counted... A 5,
    # B 1, D 4; window 2: C and F, F rated 2; window 11: E's delivery, rated 5.
    assert [rows[n]["total"] for n in rows] == [3, 1, 1, 5]
    assert [rows[n]["encounters"] for n in rows] == [5, 2, 1, 8]
    assert [rows[n]["rated_encounters"] for n in rows] == [3, 1, 1, 5]
    response = page(client, supervisor, period="month", group_by="clerk")
    rows = table_of(response)
    assert list(rows) == ["刘洋", "杨帆", "王丽", "合计"]
    assert 'data-testid="window-note"' in response.content.decode()
    response = page(client, supervisor, period="month")
    assert 'data-testid="window-note"' not in response.content.decode()


def test_filters_by_encounter_and_department(client, march, supervisor):
    response = page(client, supervisor, period="month", encounter="case")
    f = response.context["report"].figures
    assert (f.total, f.encounters, f.rated_encounters) == (1, 1, 1)
    response = page(client, supervisor, period="month", department="scjg", group_by="item")
    f = response.context["report"].figures
    assert (f.total, f.encounters, f.opened) == (1, 2, 1)
    assert list(table_of(response)) == ["医疗器械经营许可", "合计"]


@pytest.mark.parametrize("role", ["leader", "admin_user"])
def test_leaders_and_administrators_see_the_zone(client, march, role, request):
    user = request.getfixturevalue(role)
    response = page(client, user, period="month")
    assert response.status_code == 200
    assert response.context["report"].figures.total == 6
    assert response.context["filters"].department is None


@pytest.mark.parametrize("role", ["clerk", "approver", "inspector"])
def test_others_have_no_rating_figures(client, march, role, request):
    user = request.getfixturevalue(role)
    assert page(client, user).status_code == 403
    client.force_login(user)
    assert client.get(reverse("rating_figures_export")).status_code == 403
    with at(13):
        start = client.get(reverse("start"))
    assert "/ratings/" not in [item["url"] for item in start.context["navigation"]]


def test_a_department_head_sees_only_their_department(client, march, market_head):
    response = page(client, market_head, period="month", department="xzsp")
    assert response.status_code == 200
    filters = response.context["filters"]
    assert filters.department.code == "scjg" and filters.locked_department
    f = response.context["report"].figures
    assert (f.total, f.bad, f.encounters) == (1, 1, 2)
    assert [row.key for row in response.context["report"].departments] == ["scjg"]
    assert 'name="department"' not in response.content.decode()
    assert "/ratings/" in [item["url"] for item in response.context["navigation"]]


def test_no_rater_is_named(client, march, supervisor):
    for group_by in ("department", "window", "clerk", "item", "month"):
        html = page(client, supervisor, period="month", group_by=group_by).content.decode()
        assert APPLICANT not in html
        assert march.cases.b.phone not in html


def test_impossible_filters_get_a_message_and_keep_what_was_typed(client, march, supervisor):
    response = page(client, supervisor, period="custom", start="2026-03-31", end="2026-03-01")
    assert response.status_code == 200
    assert "end" in response.context["errors"]
    html = response.content.decode()
    assert 'value="2026-03-31"' in html and "is-invalid" in html
    response = page(client, supervisor, encounter="lunch", group_by="weather")
    assert set(response.context["errors"]) == {"encounter", "group_by"}
    assert response.context["report"].figures.total == 6  # this year's, meanwhile


def test_custom_dates(client, march, supervisor):
    response = page(client, supervisor, period="custom", start="2026-03-03", end="2026-03-09")
    f = response.context["report"].figures
    # D's intake (3 Mar), E's delivery and whole case (9 Mar).
    assert (f.total, f.encounters, f.rated_encounters) == (3, 3, 3)


def test_the_page_reads_in_a_fixed_number_of_queries(
    client, march, supervisor, django_assert_max_num_queries
):
    # Session and user; three breakdowns (the trend, the departments, the clerks) of five
    # grouped queries each and the names of their rows; the department filter; the page
    # shell (zone, notifications, menu).
    client.force_login(supervisor)
    with at(13), django_assert_max_num_queries(24):
        client.get(PAGE, {"period": "year", "group_by": "clerk"})


def workbook(client, user, **params):
    client.force_login(user)
    client.cookies["django_language"] = "en"  # headings in the source language
    with at(13):
        response = client.get(reverse("rating_figures_export"), params)
    assert response.status_code == 200
    return response, load_workbook(io.BytesIO(response.content))


def values_of(sheet) -> tuple[list, dict[str, dict]]:
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = next(r for r in rows if r and r[1] == "Number of ratings")
    table = {}
    for row in rows[rows.index(header) + 1 :]:
        if not row or row[0] is None:
            break
        table[row[0]] = dict(zip(header, row, strict=True))
    return rows, table


def test_the_export_has_a_sheet_per_grouping_and_the_bad_ratings(client, march, supervisor):
    response, book = workbook(client, supervisor, period="month")
    assert response["Content-Disposition"] == (
        'attachment; filename="ratings-20260301-20260313.xlsx"'
    )
    assert book.sheetnames == [
        "By department",
        "By window",
        "By clerk",
        "By item",
        "By month",
        "Bad ratings",
    ]
    _rows, departments = values_of(book["By department"])
    assert list(departments) == ["市场监督管理分局", "行政审批服务局", "Total"]
    total = departments["Total"]
    assert (total["Number of ratings"], total["Satisfaction rate (%)"], total["Coverage (%)"]) == (
        6,
        50.0,
        66.7,
    )
    assert (total["Rectified on time"], total["Open, overdue"]) == (1, 1)
    _rows, months = values_of(book["By month"])
    assert list(months) == ["2026-03", "Total"]
    _rows, clerks = values_of(book["By clerk"])
    assert list(clerks) == ["刘洋", "杨帆", "王丽", "Total"]

    bad = [list(r) for r in book["Bad ratings"].iter_rows(values_only=True)]
    header = next(r for r in bad if r and r[0] == "Case number")
    lines = [dict(zip(header, r, strict=True)) for r in bad[bad.index(header) + 1 :]]
    # G's rating was excluded on appeal: it is not a bad rating of the figures any more.
    assert [line["Case number"] for line in lines] == [
        march.cases.b.number,
        march.cases.f.number,
    ]
    assert [line["Rectified"] for line in lines] == ["On time", "Overdue"]
    assert [line["Call-back"] for line in lines] == ["On time", None]
    assert lines[1]["Window"] == "02 综合受理窗口" and lines[1]["Clerk"] == "刘洋"
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            assert not any(APPLICANT in str(v) for v in row if v)


def test_the_export_follows_the_heads_scope(client, march, market_head):
    _response, book = workbook(client, market_head, period="month", department="xzsp")
    _rows, departments = values_of(book["By department"])
    assert list(departments) == ["市场监督管理分局", "Total"]
    bad = [r[0] for r in book["Bad ratings"].iter_rows(values_only=True)]
    assert march.cases.f.number in bad and march.cases.b.number not in bad

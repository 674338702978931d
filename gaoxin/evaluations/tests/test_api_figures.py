"""The rating figures API (GET /api/v1/ratings/figures/): the page's figures for other systems,
with the same filters and scopes, documented in the OpenAPI schema without warnings."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory
from gaoxin.evaluations.tests.figures_story import *  # noqa: F403  (the March story)
from gaoxin.evaluations.tests.figures_story import at

API = "/api/v1/ratings/figures/"


def token_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_the_api_gives_the_figures_of_the_page(march, supervisor):
    with at(13):
        response = token_client(supervisor).get(API, {"period": "month"})
    assert response.status_code == 200
    body = response.json()
    assert body["filters"] == {
        "period": "month",
        "start": "2026-03-01",
        "end": "2026-03-13",
        "department": None,
        "encounter": "",
        "group_by": "department",
    }
    assert body["today"] == "2026-03-13"
    figures = body["figures"]
    assert (figures["total"], figures["satisfied"], figures["good"], figures["bad"]) == (6, 3, 4, 2)
    assert figures["by_level"] == {
        "very_satisfied": 2,
        "satisfied": 1,
        "fairly_satisfied": 1,
        "dissatisfied": 1,
        "very_dissatisfied": 1,
    }
    assert (figures["satisfaction_rate"], figures["good_rate"], figures["coverage"]) == (
        50.0,
        66.7,
        66.7,
    )
    assert (figures["encounters"], figures["rated_encounters"]) == (9, 6)
    assert (figures["opened"], figures["rectified_on_time"], figures["open_overdue"]) == (2, 1, 1)
    assert [(r["key"], r["figures"]["total"]) for r in body["rows"]] == [("scjg", 1), ("xzsp", 5)]


def test_rows_by_clerk_and_by_month(march, supervisor):
    client = token_client(supervisor)
    with at(13):
        clerks = client.get(API, {"period": "month", "group_by": "clerk"}).json()
        months = client.get(API, {"period": "year", "group_by": "month"}).json()
    assert [(r["key"], r["label"]) for r in clerks["rows"]] == [
        ("clerk_b", "刘洋"),
        ("clerk2", "杨帆"),
        ("clerk", "王丽"),
    ]
    # The whole zone's figures, not the sum of the windows' (the whole case is no window's).
    assert clerks["figures"]["total"] == 6
    assert sum(r["figures"]["total"] for r in clerks["rows"]) == 5
    assert [r["key"] for r in months["rows"]] == ["2026-01", "2026-02", "2026-03"]
    assert months["rows"][2]["figures"]["total"] == 6
    assert months["rows"][0]["figures"]["satisfaction_rate"] is None


def test_a_head_reads_their_department_only(march, market_bureau):
    head = UserFactory(username="head_scjg", role=Role.DEPARTMENT_HEAD, department=market_bureau)
    with at(13):
        body = token_client(head).get(API, {"period": "month", "department": "xzsp"}).json()
    assert body["filters"]["department"] == "scjg"
    assert body["figures"]["total"] == 1
    assert [r["key"] for r in body["rows"]] == ["scjg"]


def test_the_api_refuses_bad_filters_and_other_roles(march, supervisor, clerk, approver):
    with at(13):
        bad = token_client(supervisor).get(API, {"period": "week", "group_by": "x"})
        assert bad.status_code == 400
        assert set(bad.json()["errors"]) == {"period", "group_by"}
        assert token_client(clerk).get(API).status_code == 403
        assert token_client(approver).get(API).status_code == 403
        assert APIClient().get(API).status_code in (401, 403)


@pytest.mark.django_db
def test_the_schema_documents_the_figures_without_warnings(tmp_path):
    GENERATOR_STATS.reset()
    call_command("spectacular", "--validate", "--file", str(tmp_path / "schema.yaml"))
    ours = re.compile(r"evaluations[/.](api|serializers)|Rating|enum naming|multiple names")
    noted = [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
    assert not [m for m in noted if ours.search(m)], noted
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()
    get = schema["paths"][API]["get"]
    assert {p["name"] for p in get["parameters"]} == {
        "period",
        "start",
        "end",
        "department",
        "encounter",
        "group_by",
    }
    figures = schema["components"]["schemas"]["RatingFigures"]["properties"]
    assert {"satisfaction_rate", "good_rate", "coverage", "opened", "by_level"} <= set(figures)

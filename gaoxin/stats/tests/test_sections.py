"""Sections an app above the statistics adds under the table (gaoxin.stats.sections): the page
includes its template, the API gives its data under its key, the export adds its sheet; a
section with nothing to say is left out everywhere."""

from __future__ import annotations

import copy
import datetime as dt
import io
from typing import Any

import pytest
from openpyxl import load_workbook
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gaoxin.stats import sections
from gaoxin.stats.queries import Filters
from gaoxin.stats.tests.conftest import at

TEMPLATE = "tests/parking.html"
SOURCE = '<p data-testid="parking">{{ section.key }}: {{ section.data.spaces }} spaces</p>'


def parking(filters: Any, today: Any) -> dict[str, Any] | None:
    """A section of a made-up app: the spaces of the service center's car park, shown only
    for the whole zone."""
    if filters.department is not None:
        return None
    return {"spaces": 120, "period": [filters.start.isoformat(), filters.end.isoformat()]}


def sheet(data: dict[str, Any]) -> sections.Sheet:
    return "Car park", [["Spaces"], [data["spaces"]]]


@pytest.fixture
def section(settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["APP_DIRS"] = False
    templates[0]["OPTIONS"]["loaders"] = [
        ("django.template.loaders.locmem.Loader", {TEMPLATE: SOURCE}),
        "django.template.loaders.app_directories.Loader",
    ]
    settings.TEMPLATES = templates
    registered = sections.Section("parking", TEMPLATE, parking, sheet=sheet, order=1)
    sections.register(registered)
    yield registered
    sections.unregister("parking")


def test_sections_are_computed_in_order_and_left_out_without_data(db, section):
    later = sections.Section("later", TEMPLATE, parking, order=200)
    empty = sections.Section("empty", TEMPLATE, lambda filters, today: None, order=0)
    sections.register(later)
    sections.register(empty)
    try:
        keys = [s.key for s in sections.registered()]
        assert keys.index("empty") < keys.index("parking") < keys.index("later")
        filters = Filters(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31), period="month")
        shown = [s.key for s in sections.compute(filters, dt.date(2026, 3, 31))]
        assert "empty" not in shown
        assert shown.index("parking") < shown.index("later")
    finally:
        sections.unregister("later")
        sections.unregister("empty")


def test_the_page_includes_the_section_under_the_table(client, march, supervisor, section):
    client.force_login(supervisor)
    with at(13):
        html = client.get("/stats/").content.decode()
        by_department = client.get("/stats/", {"department": "xzsp"}).content.decode()
    assert '<p data-testid="parking">parking: 120 spaces</p>' in html
    assert html.index('data-testid="stats-table"') < html.index('data-testid="parking"')
    assert 'data-testid="parking"' not in by_department


def test_the_api_gives_each_section_under_its_key(march, supervisor, section):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=supervisor).key}")
    with at(13):
        body = client.get("/api/v1/stats/", {"period": "month"}).json()
        by_department = client.get("/api/v1/stats/", {"department": "xzsp"}).json()
    # Without a serializer of its own, the data as plain JSON.
    assert body["sections"]["parking"] == {"spaces": 120, "period": ["2026-03-01", "2026-03-13"]}
    assert by_department["sections"]["parking"] is None


def test_the_export_adds_the_sections_sheet(client, march, supervisor, section):
    client.force_login(supervisor)
    with at(13):
        response = client.get("/stats/export.xlsx", {"period": "month"})
    book = load_workbook(io.BytesIO(response.content))
    assert "Car park" in book.sheetnames
    rows = [list(r) for r in book["Car park"].iter_rows(values_only=True)]
    assert rows[0] == ["Car park", None]
    assert ["Spaces", None] in rows and [120, None] in rows

"""A supervisor reads March's figures in a real browser: cards, both charts drawn by the
local ECharts, the table, a department chosen, and the Excel export downloaded."""

import pytest
from playwright.sync_api import Page, expect

from gaoxin.core.tests.browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_supervisor_reads_the_figures_of_march(
    live_server, page: Page, march, supervisor, tmp_path
):
    outside = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    sign_in(page, live_server.url, "supervisor")
    page.get_by_test_id("navigation").locator('a[href="/stats/"]').click()
    expect(page.get_by_test_id("stats-cards")).to_be_visible()

    filters = page.get_by_test_id("stats-filters")
    expect(filters.locator("#id_start")).to_be_hidden()
    filters.locator("#id_period").select_option("custom")
    filters.locator("#id_start").fill("2026-03-01")
    filters.locator("#id_end").fill("2026-03-31")
    filters.get_by_role("button").click()

    cards = page.get_by_test_id("stats-cards")
    expect(cards.locator('[data-figure="received"]')).to_have_text("6")
    expect(cards.locator('[data-figure="completed"]')).to_have_text("3")
    expect(cards.locator('[data-figure="completion_rate"]')).to_have_text("60.0%")
    expect(cards.locator('[data-figure="overdue"]')).to_have_text("1")
    expect(page.locator("body[data-charts-ready=true]")).to_have_count(1)
    for chart in ("chart-outcomes", "chart-rates"):
        expect(page.get_by_test_id(chart).locator("canvas")).to_have_count(1)
    table = page.get_by_test_id("stats-table")
    expect(table.locator("tbody tr")).to_have_count(3)  # two departments and the total
    page.screenshot(path=tmp_path / "stats.png", full_page=True)

    filters.locator("#id_department").select_option("scjg")
    filters.get_by_role("button").click()
    expect(page.get_by_test_id("stats-scope")).to_contain_text("市场监督管理分局")
    expect(cards.locator('[data-figure="received"]')).to_have_text("1")
    expect(page.locator("#id_start")).to_have_value("2026-03-01")  # the filters stay

    with page.expect_download() as download:
        page.get_by_test_id("stats-export").click()
    assert download.value.suggested_filename == "stats-20260301-20260331.xlsx"
    assert outside == []  # nothing from the internet

"""The supervisor reads March's rating figures in a real browser: the cards, the three charts
drawn by the local ECharts, the table by department and then by clerk, in Chinese and in
English, and the Excel export downloaded; nothing comes from the internet."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from gaoxin.core.tests.browser import sign_in
from gaoxin.evaluations.tests.figures_story import *  # noqa: F403  (the March story)
from gaoxin.evaluations.tests.figures_story import APPLICANT

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def shots(tmp_path) -> Path:
    # GAOXIN_SHOTS keeps the screenshots somewhere to look at; by default they go with the test.
    folder = Path(os.environ.get("GAOXIN_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_a_supervisor_reads_the_rating_figures_of_march(live_server, page: Page, march, tmp_path):
    outside = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    sign_in(page, live_server.url, "supervisor")
    page.get_by_test_id("navigation").locator('a[href="/ratings/"]').click()
    expect(page.get_by_test_id("figures-cards")).to_be_visible()

    filters = page.get_by_test_id("figures-filters")
    expect(filters.locator("#id_start")).to_be_hidden()
    filters.locator("#id_period").select_option("custom")
    filters.locator("#id_start").fill("2026-03-01")
    filters.locator("#id_end").fill("2026-03-31")
    filters.get_by_role("button").click()

    cards = page.get_by_test_id("figures-cards")
    expect(cards.locator('[data-figure="satisfaction_rate"]')).to_have_text("50.0%")
    expect(cards.locator('[data-figure="good_rate"]')).to_have_text("66.7%")
    expect(cards.locator('[data-figure="coverage"]')).to_have_text("66.7%")
    expect(cards.locator('[data-figure="opened"]')).to_have_text("2")
    expect(cards.locator('[data-figure="rectified_on_time"]')).to_have_text("1")
    expect(page.locator("body[data-charts-ready=true]")).to_have_count(1)
    for chart in ("chart-trend", "chart-levels", "chart-departments"):
        expect(page.get_by_test_id(chart).locator("canvas")).to_have_count(1)
    table = page.get_by_test_id("figures-table")
    expect(table.locator("tbody tr")).to_have_count(3)  # two departments and the total
    expect(table.locator("tbody tr").first).to_contain_text("市场监督管理分局")
    assert APPLICANT not in page.content()
    page.screenshot(path=shots(tmp_path) / "rating-figures-zh.png", full_page=True)

    filters.locator("#id_group_by").select_option("clerk")
    filters.get_by_role("button").click()
    expect(table.locator("tbody tr")).to_have_count(4)  # three clerks and the total
    expect(page.get_by_test_id("window-note")).to_be_visible()
    expect(page.locator("#id_start")).to_have_value("2026-03-01")  # the filters stay

    page.get_by_test_id("language-switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_test_id("figures-definitions")).to_contain_text("Coverage")
    expect(page.locator("body[data-charts-ready=true]")).to_have_count(1)
    expect(table.locator("thead")).to_contain_text("Satisfaction rate (%)")
    page.screenshot(path=shots(tmp_path) / "rating-figures-en.png", full_page=True)

    with page.expect_download() as download:
        page.get_by_test_id("figures-export").click()
    assert download.value.suggested_filename == "ratings-20260301-20260331.xlsx"
    assert outside == []  # nothing from the internet

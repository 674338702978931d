"""The hall screen under the ASGI server, as in production: it opens its websocket, and the
clerk's "next" reaches it through the push, within a second, while its fallback polling has
slowed to every 5 seconds. (The polling alone is shown in test_browser_hall.)"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from gaoxin.core.testing.browser import Platform, launch_chromium
from gaoxin.core.tests.browser import sign_in
from gaoxin.hall.tests.live_stage import SERVER_NOW

pytestmark = pytest.mark.e2e


@pytest.fixture
def platform(tmp_path) -> Iterator[tuple[Platform, dict[str, Any]]]:
    server = Platform(tmp_path, now=SERVER_NOW)
    server.manage("migrate", "-v", "0")
    out = server.manage(
        "shell",
        "--no-imports",
        "-v",
        "0",
        "-c",
        "from gaoxin.hall.tests.live_stage import stage; stage()",
    )
    scene = json.loads([line for line in out.splitlines() if line.strip()][-1])
    server.start()
    try:
        yield server, scene
    finally:
        server.stop()


@pytest.fixture
def chromium(playwright):
    browser = launch_chromium(playwright)
    yield browser
    browser.close()


def test_the_screen_hears_the_call_through_its_websocket(platform, chromium):
    server, scene = platform
    screen: Page = chromium.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    clerk: Page = chromium.new_context(viewport={"width": 1366, "height": 768}).new_page()
    screen.goto(f"{server.url}/hall/screen/")
    expect(screen.locator("body")).to_have_attribute("data-live", "socket", timeout=10_000)
    expect(screen.get_by_test_id("waiting")).to_contain_text("2")

    sign_in(clerk, server.url, "clerk15")
    clerk.goto(f"{server.url}/hall/window/")
    expect(clerk.get_by_test_id("waiting-count")).to_have_text("2")
    screen.wait_for_timeout(1200)  # the screen's last poll is behind it: the push must do it
    clerk.locator("body").press("n")
    pressed = time.monotonic()
    expect(clerk.get_by_test_id("current-number")).to_have_text(scene["tickets"][0])
    expect(screen.get_by_test_id("call").first).to_contain_text(scene["tickets"][0], timeout=1500)
    assert time.monotonic() - pressed < 1.5

"""The acceptance story of the live site inspection (远程踏勘), in two real browsers.

The applicant opens the session link on the phone (a headless Chromium with a fake camera), the
inspector opens the session in the inspection room (another browser context, signed in); they
connect through the platform's signalling (websockets under uvicorn) and the video flows peer to
peer. The inspector sends an instruction, which the phone shows; records a few seconds; takes
stills of two checklist points; stops. The recording and the stills are in the case with a
non-zero size and the SHA-256 of their files. The inspector signs the record: its PDF is made,
the inspection step ends and the case's clock resumes.

The platform runs as in production, under uvicorn, in a process of its own with a database
file (``live_stage`` builds the scene there); this test reads that database and its files to
check what arrived. Screenshots of both pages go to ``GAOXIN_SHOTS`` (default: the test's
temporary folder) as ``live_phone.png`` and ``live_room.png``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from gaoxin.core.testing.browser import Platform, launch_chromium
from gaoxin.core.tests.browser import sign_in
from gaoxin.inspections.tests.live_stage import SERVER_NOW

pytestmark = pytest.mark.e2e


def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("GAOXIN_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


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
        "from gaoxin.inspections.tests.live_stage import stage; stage()",
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


def test_the_room_and_the_phone_hold_a_recorded_inspection_and_sign_its_record(
    platform, chromium, tmp_path
):
    server, scene = platform
    phone_context = chromium.new_context(
        viewport={"width": 360, "height": 780}, locale="zh-CN", is_mobile=True, has_touch=True
    )
    room_context = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="en-US")
    phone: Page = phone_context.new_page()
    room: Page = room_context.new_page()

    # The inspector opens the session in the room; the applicant opens the link on the phone.
    sign_in(room, server.url, "inspector")
    room.goto(f"{server.url}/inspections/live/{scene['appointment']}/")
    expect(room.get_by_test_id("live-checklist").locator("li")).to_have_count(3)
    phone.goto(f"{server.url}/inspect/live/{scene['token']}/")
    expect(phone.get_by_test_id("live-preview")).to_be_visible()

    # They connect through the platform's signalling; the phone's camera reaches the room.
    expect(room.locator("body")).to_have_attribute("data-live-state", "ok", timeout=30_000)
    expect(phone.locator("body")).to_have_attribute("data-live-state", "ok", timeout=30_000)
    room.wait_for_function(
        "document.querySelector('[data-live-video]').videoWidth > 0", timeout=30_000
    )
    expect(room.get_by_test_id("live-quality")).to_contain_text("×", timeout=10_000)

    # An instruction from the room appears on the phone.
    room.locator("#live-instruction").fill("请对准门头，拍摄店招")
    room.locator("#live-instruction").press("Enter")
    expect(phone.get_by_test_id("live-instruction")).to_have_text("请对准门头，拍摄店招")

    # A few seconds recorded, two stills taken meanwhile, and the notes kept.
    room.get_by_test_id("record-start").click()
    expect(phone.locator("[data-live-rec]")).to_be_visible()
    room.wait_for_timeout(1500)
    room.get_by_test_id("take-still").nth(0).click()
    room.get_by_test_id("take-still").nth(1).click()
    expect(room.get_by_test_id("still")).to_have_count(2, timeout=15_000)
    room.get_by_test_id("live-notes").fill("现场与申请材料一致。")
    room.wait_for_timeout(4500)
    phone.screenshot(path=shots(tmp_path) / "live_phone.png")
    room.screenshot(path=shots(tmp_path) / "live_room.png")
    room.get_by_test_id("record-stop").click()
    expect(room.get_by_test_id("recording-saved")).to_be_visible(timeout=30_000)
    expect(phone.locator("[data-live-rec]")).to_be_hidden()

    # The recording is in the case: its chunks assembled in order into a WebM with a hash.
    (recording,) = server.query("select * from inspections_recording")
    assert recording["status"] == "finished"
    assert recording["size"] > 10_000
    assert recording["chunk_count"] >= 3
    assert json.loads(recording["missing"]) == []
    assert 4 <= recording["length_seconds"] <= 30
    assert (server.media / recording["file"]).read_bytes()[:4] == b"\x1a\x45\xdf\xa3"
    assert server.sha256_of(recording["file"]) == recording["sha256"]
    assert not server.query("select * from inspections_recordingchunk")  # the parts are gone
    stills = server.query("select * from inspections_still order by point")
    assert [s["point_label"] for s in stills] == ["门头照片", "消防通道"]
    for still in stills:
        assert still["size"] > 1000
        assert (server.media / still["file"]).read_bytes()[:3] == b"\xff\xd8\xff"
        assert server.sha256_of(still["file"]) == still["sha256"]
    (session,) = server.query("select * from inspections_livesession")
    assert session["started_at"] is not None and session["phone_joins"] >= 1

    # The inspector signs the record: the PDF joins the case and the clock resumes.
    room.get_by_test_id("write-record").click()
    for index, finding in enumerate(["门头与营业执照一致", "消防通道畅通", "经营面积约60平方米"]):
        room.locator(f"#id_finding_{index}").fill(finding)
    expect(room.locator("#id_notes")).to_have_value("现场与申请材料一致。")
    room.locator("input[name=conclusion][value=pass]").check()
    room.get_by_test_id("record-sign").click()
    expect(room.get_by_test_id("inspection-conclusion")).to_be_visible()
    expect(room.get_by_test_id("record-pdf")).to_be_visible()
    room.screenshot(path=shots(tmp_path) / "live_concluded.png", full_page=True)

    (inspection,) = server.query("select * from inspections_inspection")
    assert inspection["status"] == "concluded" and inspection["conclusion"] == "pass"
    assert len(inspection["signature"]) == 64
    pdf = server.media / inspection["record_pdf"]
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "现场勘验记录" in text and "消防通道畅通" in text and "通过" in text
        assert recording["sha256"] in text.replace("\n", "")
    (suspension,) = server.query("select * from cases_suspension where case_id = ?", scene["case"])
    assert suspension["ended_at"] is not None  # the special procedure ended: the clock runs
    (case,) = server.query("select status from cases_case where id = ?", scene["case"])
    assert case["status"] == "in_review"
    phone_context.close()
    room_context.close()

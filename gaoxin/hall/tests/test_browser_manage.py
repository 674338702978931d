"""管理 › 大厅业务 in the browser, from the keyboard: the administrator opens a new business
with Alt+N, types its letter and name, ticks a window with Space, finds two items by their
pinyin initials (Enter ticks the only one found), saves and sees it in the list."""

import pytest
from playwright.sync_api import Page, expect

from gaoxin.catalog.tests.factories import make_item
from gaoxin.core.tests.browser import sign_in
from gaoxin.hall.models import BusinessType
from gaoxin.hall.tests.test_browser_hall import shots

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAMES = [
    "食品经营许可",
    "药品零售许可",
    "公共场所卫生许可",
    "建筑工程施工许可",
    "建设工程规划许可",
    "企业设立登记",
    "企业变更登记",
    "企业注销登记",
    "个体工商户登记",
    "排污许可",
    "道路货物运输经营许可",
    "人力资源服务许可",
    "城镇污水排入排水管网许可",
    "户外广告设置许可",
    "特种设备使用登记",
    "医疗器械经营备案",
]


def test_an_administrator_sets_up_a_business_with_the_keyboard(
    live_server, page: Page, admin_user, approval_bureau, market_bureau, opening, general, tmp_path
):
    folder = shots(tmp_path)  # GAOXIN_SHOTS=/tmp/w keeps them to look at
    for n, name in enumerate(NAMES):
        make_item(approval_bureau if n % 2 else market_bureau, name=name)
    sign_in(page, live_server.url, "admin")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/hall/manage/businesses/")
    expect(page.get_by_test_id("business")).to_have_count(2)
    page.screenshot(path=folder / "hall_manage_list_before.png", full_page=True)

    page.keyboard.press("Alt+n")
    expect(page.locator("#id_code")).to_be_focused()
    page.keyboard.type("h")
    page.keyboard.press("Tab")
    page.keyboard.type("不动产登记")
    page.keyboard.press("Tab")
    page.keyboard.type("不动产登记、抵押")
    page.keyboard.press("Tab")  # the first window: 01
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # and 16
    page.keyboard.press("Tab")
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("3")
    for _ in range(4):  # bookable, active, order, to the item search
        page.keyboard.press("Tab")
    search = page.get_by_placeholder("名称、编码、拼音或部门")
    expect(search).to_be_focused()
    status = page.locator("[data-picker-status]")
    expect(status).to_contain_text(f"已选 0 项 · 显示 {len(NAMES)}/{len(NAMES)} 项")
    page.keyboard.type("spjy")  # 食品经营许可
    expect(page.locator("[data-option]:visible")).to_have_count(1)
    page.keyboard.press("Enter")
    expect(search).to_have_value("")
    page.keyboard.type("qy dj")  # the 企业…登记 items: three
    expect(page.locator("[data-option]:visible")).to_have_count(3)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")  # the second one shown
    second = page.evaluate("document.activeElement.labels[0].firstChild.textContent").strip()
    expect(status).to_contain_text("已选 2 项 · 显示 3/")
    page.screenshot(path=folder / "hall_manage_form.png", full_page=True)
    page.keyboard.press("Tab")  # out of the list: one stop
    expect(page.get_by_test_id("save")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_test_id("business")).to_have_count(3)
    row = page.get_by_test_id("business").filter(has_text="不动产登记")
    expect(row).to_contain_text("H")
    expect(row).to_contain_text("01、16")
    expect(row.locator("td.text-end")).to_have_text(["2", "6"])  # 2 items; 2 windows × 3
    page.screenshot(path=folder / "hall_manage_list.png", full_page=True)
    business = BusinessType.objects.get(code="H")
    assert business.appointments_per_window == 3 and business.bookable
    assert {i.name for i in business.items.all()} == {"食品经营许可", second}

    # The form again: a taken letter is said next to it, with everything typed kept.
    page.keyboard.press("Alt+n")
    expect(page.locator("#id_code")).to_be_focused()
    page.keyboard.type("A")
    page.keyboard.press("Tab")
    page.keyboard.type("办税服务")
    page.keyboard.press("Enter")
    expect(page.locator("#id_code ~ .invalid-feedback")).to_be_visible()
    expect(page.locator("#id_code")).to_have_value("A")
    expect(page.locator("#id_name")).to_have_value("办税服务")
    page.screenshot(path=folder / "hall_manage_form_error.png", full_page=True)

"""The menu marks the page one is on, and only that one."""

from gaoxin.core.navigation import navigation_for


def test_the_delivery_window_is_current_on_its_page_not_the_intake_desk_too(clerk):
    current = [i["url"] for i in navigation_for(clerk, "/desk/delivery/12/") if i["active"]]
    assert current == ["/desk/delivery/"]


def test_the_intake_desk_is_current_on_its_own_pages(clerk):
    current = [i["url"] for i in navigation_for(clerk, "/desk/new/3/") if i["active"]]
    assert current == ["/desk/"]


def test_the_start_page_is_current_only_on_itself(clerk):
    assert [i["url"] for i in navigation_for(clerk, "/") if i["active"]] == ["/"]
    assert "/" not in [i["url"] for i in navigation_for(clerk, "/catalog/") if i["active"]]

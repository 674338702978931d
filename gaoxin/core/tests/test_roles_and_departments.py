"""Who may see which department's work: a department's own staff, and roles that see all."""

import pytest
from django.urls import reverse


def sign_in(client, user):
    client.force_login(user)


def test_an_approver_sees_their_own_department(client, approver):
    sign_in(client, approver)
    response = client.get(reverse("department_detail", args=["xzsp"]))
    assert response.status_code == 200
    assert "行政审批服务局" in response.text


def test_an_approver_is_refused_another_departments_page(client, approver, market_bureau):
    sign_in(client, approver)
    response = client.get(reverse("department_detail", args=[market_bureau.code]))
    assert response.status_code == 403


def test_my_department_leads_an_approver_to_their_own(client, other_approver):
    sign_in(client, other_approver)
    response = client.get(reverse("own_department"))
    assert response.status_code == 200
    assert "市场监督管理分局" in response.text


def test_a_clerk_has_no_department_pages(client, clerk, approval_bureau):
    sign_in(client, clerk)
    assert client.get(reverse("own_department")).status_code == 403
    assert client.get(reverse("department_list")).status_code == 403
    assert client.get(reverse("department_detail", args=["xzsp"])).status_code == 403


def test_a_supervisor_sees_every_department(client, supervisor, approval_bureau, market_bureau):
    sign_in(client, supervisor)
    listing = client.get(reverse("department_list"))
    assert listing.status_code == 200
    assert "行政审批服务局" in listing.text and "市场监督管理分局" in listing.text
    assert client.get(reverse("department_detail", args=["scjg"])).status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in(client, approval_bureau):
    response = client.get(reverse("department_detail", args=["xzsp"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "url_name",
    [
        "manage_users",
        "manage_user_new",
        "manage_departments",
        "manage_windows",
        "manage_calendar",
        "manage_zone",
    ],
)
def test_administration_pages_refuse_everyone_but_administrators(client, approver, url_name):
    sign_in(client, approver)
    assert client.get(reverse(url_name)).status_code == 403


def test_the_audit_log_is_for_supervisors_and_administrators(client, clerk, supervisor):
    sign_in(client, clerk)
    assert client.get(reverse("audit_log")).status_code == 403
    sign_in(client, supervisor)
    assert client.get(reverse("audit_log")).status_code == 200


def test_navigation_differs_by_role(client, clerk, admin_user):
    sign_in(client, clerk)
    clerk_page = client.get(reverse("start")).text
    assert reverse("manage_users") not in clerk_page
    assert reverse("audit_log") not in clerk_page
    sign_in(client, admin_user)
    admin_page = client.get(reverse("start")).text
    assert reverse("manage_users") in admin_page
    assert reverse("manage_calendar") in admin_page

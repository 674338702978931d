"""Our window's desk for applications partner zones received for us: the waiting list, one
application with its materials and scans, and the three outcomes; what the clerk typed
comes back when something is missing. The case made from one carries the partner's mark on
the case page and the approver's work page."""

import pytest
from django.urls import reverse

from gaoxin.cases import backoffice
from gaoxin.cases.models import Case
from gaoxin.cases.tests.conftest import *  # noqa: F403  (desk clerk, intake window, items)
from gaoxin.exchange.models import ExchangeFile, IncomingApplication
from gaoxin.exchange.tests.arrivals import PARTNER_RECEIPT, PDF, arrive

Status = IncomingApplication.Status


@pytest.fixture
def arrived(ourselves, plain_item, desk_clerk) -> IncomingApplication:
    return arrive(ourselves, plain_item)


@pytest.mark.django_db
def test_the_list_shows_what_waits_with_the_applicant_masked(client, arrived, desk_clerk):
    client.force_login(desk_clerk)
    page = client.get(reverse("incoming_list")).text
    assert PARTNER_RECEIPT in page
    assert reverse("incoming_detail", args=[arrived.pk]) in page
    assert "咸阳高新区（本区）" in page and "药品零售企业经营许可" in page
    assert "李娜" in page
    assert arrived.applicant["id_number"] not in page  # masked in a list


@pytest.mark.django_db
def test_only_the_window_sees_the_desk(client, arrived, approver):
    client.force_login(approver)
    assert client.get(reverse("incoming_list")).status_code == 403
    assert client.get(reverse("incoming_detail", args=[arrived.pk])).status_code == 403
    scan = ExchangeFile.objects.get()
    assert client.get(reverse("incoming_scan", args=[arrived.pk, scan.pk])).status_code == 403


@pytest.mark.django_db
def test_the_detail_shows_materials_and_opens_the_scan(client, arrived, desk_clerk, ourselves):
    client.force_login(desk_clerk)
    page = client.get(reverse("incoming_detail", args=[arrived.pk])).text
    scan = ExchangeFile.objects.get()
    link = reverse("incoming_scan", args=[arrived.pk, scan.pk])
    assert link in page
    assert "食品安全管理制度文本" in page
    answer = client.get(link)
    assert answer["Content-Type"] == "application/pdf"
    assert b"".join(answer.streaming_content) == PDF
    # A scan of another application is not served through this one.
    other = arrive(ourselves, arrived.item)
    assert client.get(reverse("incoming_scan", args=[other.pk, scan.pk])).status_code == 404


@pytest.mark.django_db
def test_accepted_from_the_page_it_lands_on_the_case_with_the_partners_mark(
    client, arrived, desk_clerk, approver
):
    client.force_login(desk_clerk)
    answer = client.post(reverse("incoming_detail", args=[arrived.pk]), {"outcome": "accept"})
    case = Case.objects.get()
    assert answer["Location"] == reverse("case_detail", args=[case.pk])
    page = client.get(answer["Location"]).text
    assert 'data-testid="case-badge"' in page
    assert "咸阳高新区（本区）" in page and PARTNER_RECEIPT in page
    # The approver's work page carries the mark too.
    client.force_login(approver)
    backoffice.claim(actor=approver, case=case)
    work = client.get(reverse("case_work", args=[case.pk])).text
    assert 'data-testid="case-badge"' in work and PARTNER_RECEIPT in work


@pytest.mark.django_db
def test_a_case_of_our_own_has_no_partners_mark(client, desk_clerk, plain_item, intake_window):
    from gaoxin.cases import intake
    from gaoxin.cases.tests.factories import intake as make_intake

    case = intake.accept(actor=desk_clerk, intake=make_intake(plain_item, intake_window))
    client.force_login(desk_clerk)
    assert 'data-testid="case-badge"' not in client.get(reverse("case_detail", args=[case.pk])).text


@pytest.mark.django_db
def test_a_refusal_without_its_basis_comes_back_with_the_reason_typed(client, arrived, desk_clerk):
    client.force_login(desk_clerk)
    url = reverse("incoming_detail", args=[arrived.pk])
    page = client.post(url, {"outcome": "refuse", "reason": "经营场所不在本区", "basis": ""})
    assert page.status_code == 200
    assert "经营场所不在本区" in page.text
    assert 'class="invalid-feedback d-block"' in page.text
    arrived.refresh_from_db()
    assert arrived.status == Status.WAITING

    answer = client.post(
        url, {"outcome": "refuse", "reason": "经营场所不在本区", "basis": "行政许可法第三十二条"}
    )
    assert answer["Location"] == reverse("incoming_list")
    arrived.refresh_from_db()
    assert arrived.status == Status.REFUSED
    # Ended: the page shows it, without the outcome buttons.
    page = client.get(url).text
    assert 'data-testid="incoming-outcome"' not in page
    assert "经营场所不在本区" in page


@pytest.mark.django_db
def test_a_correction_starts_from_the_missing_list_and_needs_a_note(
    client, ourselves, plain_item, desk_clerk
):
    application = arrive(ourselves, plain_item, leave_out=("食品安全管理制度文本",))
    client.force_login(desk_clerk)
    url = reverse("incoming_detail", args=[application.pk])
    page = client.get(url).text
    assert "食品安全管理制度文本" in page.split('name="note"')[1].split("</textarea>")[0]
    # Accepting it is refused with the intake's own message; nothing is made.
    page = client.post(url, {"outcome": "accept"})
    assert page.status_code == 200 and not Case.objects.exists()
    page = client.post(url, {"outcome": "request_correction", "note": ""})
    assert page.status_code == 200
    application.refresh_from_db()
    assert application.status == Status.WAITING
    answer = client.post(url, {"outcome": "request_correction", "note": "缺食品安全管理制度文本"})
    assert answer["Location"] == reverse("incoming_list")
    application.refresh_from_db()
    assert (application.status, application.note) == (Status.CORRECTION, "缺食品安全管理制度文本")

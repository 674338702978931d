"""Intake through the API: the same four outcomes as the desk, decided by the same services,
with their refusals as 400 (field by field), 409 and 403."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gaoxin.cases.models import Case, Notice, Submission
from gaoxin.cases.tests.factories import all_received
from gaoxin.cases.workflow import Status
from gaoxin.core.models import AuditEntry
from gaoxin.core.tests.factories import resident_id

pytestmark = pytest.mark.usefixtures("zone")

CASES = "/api/v1/cases/"


def token_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def api(desk_clerk):
    return token_client(desk_clerk)


def checks(item, **states):
    """Every material received (a conditional one not applicable), except those named in
    ``states`` (material name → state or (state, problem))."""
    result = []
    by_name = {m.pk: m.name for m in item.materials.all()}
    for check in all_received(item):
        entry = {"material": check.material_id, "state": check.state, "copies": 1}
        wanted = states.get(by_name[check.material_id])
        if isinstance(wanted, tuple):
            entry["state"], entry["problem"] = wanted
        elif wanted:
            entry["state"] = wanted
        result.append(entry)
    return result


def body(item, outcome="accept", **overrides):
    data = {
        "item": item.pk,
        "outcome": outcome,
        "kind": "person",
        "name": "李娜",
        "id_number": resident_id(order=321),
        "phone": "13891234567",
        "checks": checks(item),
    }
    data.update(overrides)
    return data


def material_key(item, name):
    return f"material-{item.materials.get(name=name).pk}"


def test_a_complete_application_is_accepted_with_a_number(api, food_item, intake_window):
    response = api.post(CASES, body(food_item), format="json")
    assert response.status_code == 201, response.data
    case = Case.objects.get()
    today = timezone.localdate()
    assert response.data["id"] == case.pk
    assert response.data["status"] == Status.ACCEPTED
    assert response.data["number"] == case.number == f"XYGX{today:%Y%m%d}000001"
    assert response.data["receipt_number"] == case.receipt_number
    assert response.data["deadline"] == case.deadline.isoformat()
    assert response.data["deadline_provisional"] == case.deadline_provisional
    # The clerk's own window, as at the desk.
    assert response.data["window"] == intake_window.pk
    # Personal data is masked in what the API shows.
    assert response.data["id_number"] == "610402********3218"
    [notice] = response.data["notices"]
    stored = case.notices.get()
    assert notice["kind"] == Notice.Kind.ACCEPTANCE
    assert notice["number"] == stored.number
    assert notice["pdf_url"] == reverse("api_notice_pdf", args=[stored.pk])
    pdf = api.get(notice["pdf_url"])
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert [s["state"] for s in response.data["submissions"]] == [
        c["state"] for c in checks(food_item)
    ]
    assert AuditEntry.objects.filter(action="cases.accept", actor__username="clerk").exists()


def test_a_missing_material_is_named_by_its_key(api, food_item):
    data = body(food_item, checks=checks(food_item, 营业执照=Submission.State.MISSING))
    response = api.post(CASES, data, format="json")
    assert response.status_code == 400
    assert response.data["detail"]
    assert list(response.data["errors"]) == [material_key(food_item, "营业执照")]
    assert not Case.objects.exists()


def test_a_material_left_out_of_the_checklist_counts_as_missing(api, food_item):
    data = body(food_item)
    licence = food_item.materials.get(name="营业执照").pk
    data["checks"] = [c for c in data["checks"] if c["material"] != licence]
    response = api.post(CASES, data, format="json")
    assert response.status_code == 400
    assert material_key(food_item, "营业执照") in response.data["errors"]


def test_a_bad_id_number_is_refused_next_to_its_field(api, food_item):
    response = api.post(CASES, body(food_item, id_number="610402199005171234"), format="json")
    assert response.status_code == 400
    assert list(response.data["errors"]) == ["id_number"]
    assert not Case.objects.exists()


def test_a_malformed_request_says_which_field(api, food_item):
    data = body(food_item, outcome="approve")
    data["checks"][0]["state"] = "lost"
    del data["kind"]
    response = api.post(CASES, data, format="json")
    assert response.status_code == 400
    assert response.data["detail"]
    assert {"outcome", "kind", "checks"} <= set(response.data["errors"])
    assert "state" in response.data["errors"]["checks"][0]


def test_a_correction_then_the_same_case_is_accepted(api, food_item):
    faulty = checks(food_item, 营业执照=(Submission.State.FAULTY, "复印件不清晰"))
    first = api.post(CASES, body(food_item, "request_correction", checks=faulty), format="json")
    assert first.status_code == 201, first.data
    assert (first.data["status"], first.data["number"]) == (Status.CORRECTION, None)
    assert first.data["notices"][0]["kind"] == Notice.Kind.CORRECTION

    resumed = body(food_item)
    del resumed["item"], resumed["outcome"]
    second = api.post(f"{CASES}{first.data['id']}/accept/", resumed, format="json")
    assert second.status_code == 200, second.data
    assert second.data["id"] == first.data["id"]
    assert second.data["status"] == Status.ACCEPTED
    assert second.data["number"]
    assert second.data["receipt_number"] == first.data["receipt_number"]
    assert [n["kind"] for n in second.data["notices"]] == [
        Notice.Kind.CORRECTION,
        Notice.Kind.ACCEPTANCE,
    ]
    assert Case.objects.count() == 1


def test_a_case_no_longer_at_the_window_cannot_be_resumed(api, food_item):
    accepted = api.post(CASES, body(food_item), format="json").data
    again = body(food_item)
    del again["item"], again["outcome"]
    response = api.post(f"{CASES}{accepted['id']}/refuse/", again, format="json")
    assert response.status_code == 400  # no reason given: the service asks for it first
    again.update(reason="不属于本机关职权范围", basis="《中华人民共和国行政许可法》第三十二条")
    response = api.post(f"{CASES}{accepted['id']}/refuse/", again, format="json")
    assert response.status_code == 409
    assert response.data["detail"]
    assert Case.objects.get().status == Status.ACCEPTED


def test_a_refusal_needs_a_reason(api, food_item):
    response = api.post(CASES, body(food_item, "refuse", basis="第三十二条"), format="json")
    assert response.status_code == 400
    assert list(response.data["errors"]) == ["reason"]
    assert not Case.objects.exists()


def test_a_refusal_with_reason_and_basis_is_recorded(api, food_item):
    data = body(
        food_item,
        "refuse",
        reason="申请事项依法不需要取得行政许可",
        basis="《中华人民共和国行政许可法》第三十二条第一款第一项",
    )
    response = api.post(CASES, data, format="json")
    assert response.status_code == 201, response.data
    assert response.data["status"] == Status.REFUSED
    assert response.data["notices"][0]["kind"] == Notice.Kind.REFUSAL


def test_acceptance_with_deficiency_takes_its_date_and_promise(api, food_item):
    owed = checks(food_item, 食品安全管理制度文本=Submission.State.OWED)
    data = body(food_item, "accept_with_deficiency", checks=owed)
    missing = api.post(CASES, data, format="json")
    assert missing.status_code == 400
    assert {"due", "promise"} <= set(missing.data["errors"])

    due = timezone.localdate() + dt.timedelta(days=1)
    data.update(due=due.isoformat(), promise="本人承诺按期补齐。")
    response = api.post(CASES, data, format="json")
    assert response.status_code == 201, response.data
    assert response.data["status"] == Status.ACCEPTED
    assert response.data["deficiency_due"] == due.isoformat()
    assert response.data["notices"][0]["kind"] == Notice.Kind.DEFICIENCY


def test_an_approver_does_not_take_applications(approver, food_item):
    response = token_client(approver).post(CASES, body(food_item), format="json")
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_an_approver_cannot_resume_one_either(api, approver, food_item):
    case = api.post(CASES, body(food_item, "request_correction", checks=[]), format="json").data
    resumed = body(food_item)
    response = token_client(approver).post(f"{CASES}{case['id']}/accept/", resumed, format="json")
    assert response.status_code == 403
    assert Case.objects.get().status == Status.CORRECTION


def test_without_a_token_there_is_no_intake(food_item):
    client = APIClient()
    assert client.post(CASES, body(food_item), format="json").status_code == 401
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.post(CASES, body(food_item), format="json").status_code == 401
    assert not Case.objects.exists()


def test_a_case_is_read_by_the_window_and_its_department_only(
    api, approver, other_approver, food_item
):
    case = api.post(CASES, body(food_item), format="json").data
    url = f"{CASES}{case['id']}/"
    read = api.get(url)
    assert read.status_code == 200
    assert read.data["number"] == case["number"]
    assert read.data["item"]["code"] == food_item.code
    assert token_client(approver).get(url).status_code == 200
    assert token_client(other_approver).get(url).status_code == 404
    assert api.get(f"{CASES}999999/").status_code == 404


def test_the_case_is_shown_in_a_fixed_number_of_queries(
    api, food_item, django_assert_max_num_queries
):
    case = api.post(CASES, body(food_item), format="json").data
    # Token and user, the case with item and department, submissions with materials, notices;
    # since the back office, its steps and special procedures, and the calendar's version (2)
    # for the clock.
    with django_assert_max_num_queries(8):
        assert api.get(f"{CASES}{case['id']}/").status_code == 200

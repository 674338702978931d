"""The back office, delivery and progress through the API: the same services as the pages,
with their refusals as 400 (field by field), 409 and 403 in the user's language."""

import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.drainage import GENERATOR_STATS
from rest_framework.test import APIClient

from gaoxin.cases import intake
from gaoxin.cases.models import Case, CaseStep, Delivery, Notice, Submission
from gaoxin.cases.tests.factories import intake as make_intake
from gaoxin.cases.tests.factories import with_state
from gaoxin.cases.tests.test_api import body, token_client
from gaoxin.cases.views.progress import MAX_WRONG_TRIES
from gaoxin.cases.workflow import Status
from gaoxin.catalog.steps import StepKind
from gaoxin.core.tests.factories import resident_id

pytestmark = pytest.mark.usefixtures("zone")

CASES = "/api/v1/cases/"
QUEUE = f"{CASES}queue/"
PROGRESS = f"{CASES}progress/"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
REVIEW_OPINION = "材料齐全，符合法定条件。"


def english(client):
    """The user chose English with the language switch (the pages' cookie)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def window_api(desk_clerk):
    return english(token_client(desk_clerk))


@pytest.fixture
def approver_api(approver):
    return english(token_client(approver))


@pytest.fixture
def accepted(desk_clerk, intake_window, plain_item):
    return intake.accept(actor=desk_clerk, intake=make_intake(plain_item, intake_window))


def act(client, case, action, data=None, **kwargs):
    pk = case["id"] if isinstance(case, dict) else case.pk
    return client.post(f"{CASES}{pk}/{action}/", data or {}, format="json", **kwargs)


def to_the_window(client, case):
    act(client, case, "claim")
    act(client, case, "pass", {"opinion": REVIEW_OPINION})
    act(client, case, "claim")
    act(client, case, "decide", {"grant": True})
    act(client, case, "claim")
    answer = act(client, case, "pass")
    assert answer.data["status"] == Status.AWAITING_DELIVERY, answer.data
    return answer


def test_the_whole_life_of_a_case_through_the_api(
    window_api, approver_api, plain_item, intake_window
):
    # The window accepts.
    created = window_api.post(CASES, body(plain_item), format="json")
    assert created.status_code == 201, created.data
    case = created.data

    # The review step waits in the department's queue, nobody's yet.
    queue = approver_api.get(QUEUE).data
    assert queue["count"] == 1
    [entry] = queue["results"]
    assert (entry["case"]["id"], entry["kind"], entry["claimed_by"]) == (
        case["id"],
        StepKind.REVIEW,
        None,
    )
    assert entry["case"]["number"] == case["number"]
    assert approver_api.get(QUEUE, {"holder": "mine"}).data["count"] == 0

    # The approver takes it up, writes an opinion and passes it on.
    claimed = act(approver_api, case, "claim")
    assert claimed.status_code == 200, claimed.data
    assert claimed.data["status"] == Status.IN_REVIEW
    assert approver_api.get(QUEUE, {"holder": "mine"}).data["count"] == 1
    passed = act(approver_api, case, "pass", {"opinion": REVIEW_OPINION})
    assert passed.status_code == 200, passed.data
    review, decision = passed.data["steps"]
    assert (review["kind"], review["outcome"], review["opinion"]) == (
        StepKind.REVIEW,
        CaseStep.Outcome.PASSED,
        REVIEW_OPINION,
    )
    assert review["claimed_by"] == "张伟"
    assert review["finished_at"] and review["department"] == plain_item.department.code
    assert (decision["kind"], decision["finished_at"], decision["claimed_by"]) == (
        StepKind.DECISION,
        None,
        None,
    )

    # The decision, then the certificate (制证).
    act(approver_api, case, "claim")
    decided = act(approver_api, case, "decide", {"grant": True, "opinion": "同意许可。"})
    assert decided.status_code == 200, decided.data
    assert (decided.data["status"], decided.data["decision"]) == (Status.DECIDED, "granted")
    assert decided.data["decided_at"]
    act(approver_api, case, "claim")
    issued = act(approver_api, case, "pass")
    assert issued.status_code == 200, issued.data
    assert issued.data["status"] == Status.AWAITING_DELIVERY
    assert issued.data["result_number"].startswith("XYGX-")
    assert issued.data["ready_at"]
    assert Notice.Kind.RESULT in [n["kind"] for n in issued.data["notices"]]
    assert approver_api.get(QUEUE).data["count"] == 0

    # The window posts the result.
    posted = act(
        window_api,
        case,
        "deliver",
        {
            "method": "post",
            "address": "陕西省咸阳市秦都区高新一路12号",
            "carrier": "中国邮政EMS",
            "tracking_number": "1169876543210",
        },
    )
    assert posted.status_code == 200, posted.data
    assert posted.data["status"] == Status.COMPLETED
    assert posted.data["completed_at"]
    handed = posted.data["delivery"]
    assert (handed["method"], handed["tracking_number"], handed["window"]) == (
        Delivery.Method.POST,
        "1169876543210",
        intake_window.pk,
    )
    assert handed["delivered_by"] == "王丽"
    assert Notice.Kind.COMPLETION in [n["kind"] for n in posted.data["notices"]]
    # The clock stopped when the result was ready, on time.
    assert posted.data["clock"]["level"] == "green"
    assert posted.data["clock"]["deadline"] == posted.data["deadline"]

    events = list(Case.objects.get(pk=case["id"]).events.values_list("action", flat=True))
    assert events == [
        "receive",
        "accept",
        "claim",
        "pass",
        "claim",
        "grant",
        "claim",
        "issue_result",
        "deliver",
    ]


def test_a_pickup_sends_the_signed_receipt_as_a_file(window_api, approver_api, accepted):
    to_the_window(approver_api, accepted)
    url = f"{CASES}{accepted.pk}/deliver/"
    handover = {
        "method": "pickup",
        "recipient_name": "周杰",
        "recipient_id_number": resident_id(order=777),
    }
    refused = window_api.post(url, handover, format="multipart")
    assert refused.status_code == 400
    assert refused.data["detail"] == "The hand-over is not complete."
    assert set(refused.data["errors"]) == {"recipient_id_number", "receipt"}

    handover.update(
        by_agent="true",
        authorisation=SimpleUploadedFile("letter.png", PNG, content_type="image/png"),
        receipt=SimpleUploadedFile("receipt.png", PNG, content_type="image/png"),
    )
    collected = window_api.post(url, handover, format="multipart")
    assert collected.status_code == 200, collected.data
    handed = collected.data["delivery"]
    assert handed["by_agent"] and handed["has_authorisation"] and handed["has_receipt"]
    # The recipient's ID number is masked, as every ID number the API shows.
    assert handed["recipient_id_number"].count("*") == 8
    stored = Case.objects.get(pk=accepted.pk).delivery
    assert stored.receipt and stored.authorisation


def test_delivering_before_the_decision_is_refused_with_the_message(window_api, accepted):
    response = act(
        window_api,
        accepted,
        "deliver",
        {"method": "post", "address": "咸阳", "tracking_number": "1"},
    )
    assert response.status_code == 409
    assert response.data == {"detail": "A case that is Accepted has no result to hand out."}
    assert Case.objects.get(pk=accepted.pk).status == Status.ACCEPTED


def test_a_suspended_case_cannot_be_decided(approver_api, accepted):
    act(approver_api, accepted, "claim")
    act(approver_api, accepted, "pass", {"opinion": REVIEW_OPINION})
    act(approver_api, accepted, "claim")
    suspended = act(
        approver_api, accepted, "suspend", {"kind": "expert_review", "reason": "需组织专家评审"}
    )
    assert suspended.status_code == 200, suspended.data
    assert suspended.data["status"] == Status.SUSPENDED
    [procedure] = suspended.data["suspensions"]
    assert (procedure["kind"], procedure["ended_at"]) == ("expert_review", None)

    response = act(approver_api, accepted, "decide", {"grant": True})
    assert response.status_code == 409
    assert "special procedure" in response.data["detail"]
    assert Case.objects.get(pk=accepted.pk).decision == ""

    resumed = act(approver_api, accepted, "resume", {"result": "专家评审通过"})
    assert resumed.status_code == 200, resumed.data
    assert resumed.data["status"] == Status.IN_REVIEW
    assert resumed.data["suspensions"][0]["result"] == "专家评审通过"
    assert act(approver_api, accepted, "decide", {"grant": True}).status_code == 200


def test_another_departments_case_is_refused_with_the_message(other_approver, accepted):
    client = english(token_client(other_approver))
    response = act(client, accepted, "claim")
    assert response.status_code == 403
    assert response.data == {"detail": "This case's current step belongs to another department."}
    assert not CaseStep.objects.filter(case=accepted, claimed_by__isnull=False).exists()
    # Nor is the case shown to them, in the queue or on its own.
    assert client.get(QUEUE).data["count"] == 0
    assert client.get(f"{CASES}{accepted.pk}/").status_code == 404


def test_messages_are_in_the_language_the_user_chose(approver, accepted):
    client = token_client(approver)  # no choice made: Chinese, the zone's language
    client.post(f"{CASES}{accepted.pk}/claim/")
    response = client.post(f"{CASES}{accepted.pk}/pass/", {"opinion": ""}, format="json")
    assert response.status_code == 400
    assert response["Content-Language"] == "zh-hans"
    english(client)
    response = client.post(f"{CASES}{accepted.pk}/pass/", {"opinion": ""}, format="json")
    assert response["Content-Language"] == "en"
    assert response.data == {
        "detail": "Write your opinion before passing the case on.",
        "errors": {"opinion": ["Write your opinion."]},
    }


def test_a_denial_without_reason_and_basis_names_both_fields(approver_api, accepted):
    act(approver_api, accepted, "claim")
    act(approver_api, accepted, "pass", {"opinion": "经营场所不符合要求"})
    act(approver_api, accepted, "claim")
    refused = act(approver_api, accepted, "decide", {"grant": False})
    assert refused.status_code == 400
    assert set(refused.data["errors"]) == {"reason", "basis"}
    malformed = act(approver_api, accepted, "decide", {})
    assert malformed.status_code == 400
    assert list(malformed.data["errors"]) == ["grant"]
    denied = act(
        approver_api,
        accepted,
        "decide",
        {
            "grant": False,
            "reason": "经营场所与药品储存条件不符",
            "basis": "《药品经营和使用质量监督管理办法》第十二条",
        },
    )
    assert denied.status_code == 200, denied.data
    assert (denied.data["status"], denied.data["decision"]) == (
        Status.AWAITING_DELIVERY,
        "denied",
    )
    assert denied.data["decision_basis"] == "《药品经营和使用质量监督管理办法》第十二条"


def test_a_return_goes_back_with_its_reason(approver_api, accepted):
    act(approver_api, accepted, "claim")
    act(approver_api, accepted, "pass", {"opinion": REVIEW_OPINION})
    act(approver_api, accepted, "claim")
    assert list(act(approver_api, accepted, "return").data["errors"]) == ["reason"]
    back = act(approver_api, accepted, "return", {"reason": "经营场所面积需核实"})
    assert back.status_code == 200, back.data
    assert [(s["kind"], s["outcome"]) for s in back.data["steps"]] == [
        (StepKind.REVIEW, CaseStep.Outcome.PASSED),
        (StepKind.DECISION, CaseStep.Outcome.RETURNED),
        (StepKind.REVIEW, ""),
    ]
    assert back.data["steps"][-1]["claimed_by"] == "张伟"


def test_the_head_extends_and_terminates(head, approver_api, accepted):
    head_api = english(token_client(head))
    assert act(approver_api, accepted, "extend", {"days": 5, "reason": "情况复杂"}).status_code == (
        403
    )
    too_long = act(head_api, accepted, "extend", {"days": 16, "reason": "情况复杂"})
    assert too_long.status_code == 400
    assert list(too_long.data["errors"]) == ["days"]
    extended = act(head_api, accepted, "extend", {"days": 10, "reason": "需征求相关部门意见"})
    assert extended.status_code == 200, extended.data
    assert extended.data["extended_days"] == 10
    assert extended.data["deadline"] > accepted.deadline.isoformat()
    again = act(head_api, accepted, "extend", {"days": 1, "reason": "再次延期"})
    assert (again.status_code, again.data["detail"]) == (
        409,
        "The limit of this case has been extended once already.",
    )

    assert act(approver_api, accepted, "terminate", {"reason": "x"}).status_code == 403
    assert list(act(head_api, accepted, "terminate").data["errors"]) == ["reason"]
    ended = act(head_api, accepted, "terminate", {"reason": "申请人申请撤回"})
    assert ended.status_code == 200, ended.data
    assert ended.data["status"] == Status.TERMINATED
    assert ended.data["termination_reason"] == "申请人申请撤回"
    assert ended.data["steps"][-1]["outcome"] == CaseStep.Outcome.CLOSED


def test_a_procedure_the_item_does_not_provide_for_is_named(approver_api, accepted):
    act(approver_api, accepted, "claim")
    refused = act(approver_api, accepted, "suspend", {"kind": "hearing", "reason": "听证"})
    assert refused.status_code == 400
    assert list(refused.data["errors"]) == ["kind"]
    unknown = act(approver_api, accepted, "suspend", {"kind": "holiday", "reason": "休假"})
    assert unknown.status_code == 400
    assert list(unknown.data["errors"]) == ["kind"]


def test_owed_materials_are_caught_up_by_their_ids(
    window_api, approver_api, desk_clerk, intake_window, plain_item
):
    checks = with_state(
        make_intake(plain_item, intake_window).checks, "食品安全管理制度文本", "owed"
    )
    case = intake.accept_with_deficiency(
        actor=desk_clerk,
        intake=make_intake(plain_item, intake_window, checks=checks),
        due=timezone.localdate(),
        promise="承诺三个工作日内补齐",
    )
    act(approver_api, case, "claim")
    waiting = act(approver_api, case, "suspend", {"kind": "deficiency", "reason": "等待补齐"})
    assert waiting.data["status"] == Status.SUSPENDED
    # A suspended case's clock reports the days it has stood still.
    assert waiting.data["clock"]["suspended"] == 0

    empty = act(window_api, case, "catch-up", {"material_ids": []})
    assert empty.status_code == 400
    assert list(empty.data["errors"]) == ["material_ids"]
    owed = case.submissions.get(state=Submission.State.OWED)
    brought = act(window_api, case, "catch-up", {"material_ids": [owed.material_id]})
    assert brought.status_code == 200, brought.data
    assert brought.data["status"] == Status.IN_REVIEW
    assert brought.data["suspensions"][0]["ended_at"]


def test_an_authorised_clerk_decides_on_the_spot(
    window_api, desk_clerk, intake_window, immediate_item
):
    item = immediate_item
    case = intake.accept(actor=desk_clerk, intake=make_intake(item, intake_window))
    assert act(window_api, case, "decide-on-the-spot").status_code == 403
    desk_clerk.decides_on_the_spot = True
    desk_clerk.save()
    decided = act(window_api, case, "decide-on-the-spot")
    assert decided.status_code == 200, decided.data
    assert (decided.data["status"], decided.data["decision"]) == (
        Status.AWAITING_DELIVERY,
        "granted",
    )


def test_the_queue_filters_and_sorts_by_deadline(
    approver_api, desk_clerk, intake_window, plain_item, food_item, supervisor, market_bureau
):
    first = intake.accept(actor=desk_clerk, intake=make_intake(plain_item, intake_window))
    second = intake.accept(actor=desk_clerk, intake=make_intake(food_item, intake_window))
    act(approver_api, second, "claim")
    rows = approver_api.get(QUEUE).data["results"]
    # Soonest deadline first (both are due the same day here; then by the step's due date).
    assert {r["case"]["id"] for r in rows} == {first.pk, second.pk}
    deadlines = [r["case"]["deadline"] for r in rows]
    assert deadlines == sorted(deadlines)

    def ids(**filters):
        return [r["case"]["id"] for r in approver_api.get(QUEUE, filters).data["results"]]

    assert ids(holder="mine") == [second.pk]
    assert ids(holder="unclaimed") == [first.pk]
    assert ids(item=food_item.code) == [second.pk]
    assert ids(status=Status.IN_REVIEW) == [second.pk]
    assert ids(kind=StepKind.DECISION) == []
    assert sorted(ids(level="green")) == sorted([first.pk, second.pk])
    assert ids(level="step_red") == []
    assert sorted(ids(holder="", kind="")) == sorted([first.pk, second.pk])

    bad = approver_api.get(QUEUE, {"holder": "theirs", "level": "blue"})
    assert bad.status_code == 400
    assert set(bad.data["errors"]) == {"holder", "level"}
    # Another department's queue is not theirs to see; a supervisor sees any.
    assert approver_api.get(QUEUE, {"department": market_bureau.code}).status_code == 403
    watching = token_client(supervisor)
    assert watching.get(QUEUE).data["count"] == 2
    assert watching.get(QUEUE, {"department": market_bureau.code}).data["count"] == 0


def test_the_public_progress_shows_times_but_no_staff(approver_api, accepted):
    act(approver_api, accepted, "claim")
    act(approver_api, accepted, "pass", {"opinion": REVIEW_OPINION})
    client = APIClient()  # no token, no session
    response = client.get(PROGRESS, {"number": accepted.number, "check": accepted.phone[-4:]})
    assert response.status_code == 200, response.data
    data = response.data
    assert (data["number"], data["status"]) == (accepted.number, Status.IN_REVIEW)
    assert data["deadline"] == accepted.deadline.isoformat()
    assert [(s["kind"], bool(s["finished_at"])) for s in data["steps"]] == [
        (StepKind.REVIEW, True),
        (StepKind.DECISION, False),
    ]
    assert all(s["started_at"] and s["due"] for s in data["steps"])
    assert data["history"] and all(e["at"] and e["label"] for e in data["history"])
    text = response.content.decode()
    for secret in ("张伟", "王丽", REVIEW_OPINION, "approver", "clerk", accepted.id_number):
        assert secret not in text
    assert set(data) >= {"status_label", "received_at", "accepted_at"}
    # The receipt number and the ID number work too.
    other = client.get(
        PROGRESS, {"number": accepted.receipt_number, "check": accepted.id_number[-4:]}
    )
    assert other.status_code == 200


def test_wrong_tries_are_counted_with_the_pages(client, accepted):
    api = APIClient()
    assert api.get(PROGRESS, {"number": accepted.number}).status_code == 400
    wrong = {"number": accepted.number, "check": "0000"}
    missed = api.get(PROGRESS, wrong)
    assert missed.status_code == 404
    assert "number" not in missed.data
    # The page and the API share the count of wrong tries from an address.
    for _ in range(MAX_WRONG_TRIES - 1):
        client.get(reverse("progress"), wrong)
    right = {"number": accepted.number, "check": accepted.phone[-4:]}
    blocked = api.get(PROGRESS, right)
    assert blocked.status_code == 429
    assert blocked.data["detail"]
    assert api.get(PROGRESS, right, REMOTE_ADDR="10.9.9.9").status_code == 200


def test_the_case_with_its_steps_is_shown_in_a_fixed_number_of_queries(approver_api, accepted):
    url = f"{CASES}{accepted.pk}/"
    with CaptureQueriesContext(connection) as fresh:
        assert len(approver_api.get(url).data["steps"]) == 1
    to_the_window(approver_api, accepted)
    with CaptureQueriesContext(connection) as later:
        assert len(approver_api.get(url).data["steps"]) == 3
    # Token and user; the case with item, department and delivery; submissions, notices,
    # steps (with their department and holder), procedures; the calendar's version (2).
    assert len(later) == len(fresh) <= 8


def test_the_queue_is_read_in_a_fixed_number_of_queries(
    approver_api, desk_clerk, intake_window, plain_item, django_assert_max_num_queries
):
    for _ in range(3):
        case = intake.accept(actor=desk_clerk, intake=make_intake(plain_item, intake_window))
        act(approver_api, case, "claim")
    # Token and user, the count, the page of steps with their cases, items and holders.
    with django_assert_max_num_queries(3):
        assert approver_api.get(QUEUE).data["count"] == 3


def test_the_schema_documents_the_new_endpoints_without_warnings(db, tmp_path):
    GENERATOR_STATS.reset()
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--file", str(out))
    ours = re.compile(r"cases[/.](api|serializers)|enum naming|multiple names", re.IGNORECASE)
    noted = [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
    assert not [m for m in noted if ours.search(m)], noted
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()
    actions = (
        "claim",
        "pass",
        "return",
        "decide",
        "decide-on-the-spot",
        "suspend",
        "resume",
        "extend",
        "catch-up",
        "terminate",
        "deliver",
    )
    expected = {f"/api/v1/cases/{{id}}/{a}/" for a in actions} | {QUEUE, PROGRESS}
    assert set(schema["paths"]) >= expected
    deliver = schema["paths"]["/api/v1/cases/{id}/deliver/"]["post"]
    assert "multipart/form-data" in deliver["requestBody"]["content"]
    assert schema["paths"][PROGRESS]["get"].get("security", [{}]) in ([{}], [])
    detail = schema["components"]["schemas"]["CaseDetail"]["properties"]
    assert {"steps", "suspensions", "clock", "decision", "delivery"} <= set(detail)

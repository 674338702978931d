"""The result's way back: the partner's documents are fetched once rendered (and tried
again while they are not), handed over at our window to the right person only, and the
partner completes its case when told — its completion coming back into our history."""

import pytest
from django.urls import reverse
from django.utils import translation

from gaoxin.cases import backoffice, notices
from gaoxin.cases import delivery as cases_delivery
from gaoxin.cases.backoffice import StepRefused
from gaoxin.cases.models import Delivery, Notice
from gaoxin.cases.tests.conftest import *  # noqa: F403  (desk clerk, approver, items)
from gaoxin.cases.workflow import Status as CaseStatus
from gaoxin.core.errors import DomainError
from gaoxin.exchange import delivery, documents, incoming
from gaoxin.exchange.models import (
    ApplicationEvent,
    ExchangeFile,
    ForwardedApplication,
    RejectedMessage,
)
from gaoxin.exchange.tests.arrivals import arrive, told
from gaoxin.exchange.tests.result_flow import (
    APPLICANT,
    fetched,
    held_receipt,
    partner,  # noqa: F401 - fixture
    ready_here,
    settle,
)

pytestmark = pytest.mark.django_db(transaction=True)

Status = ForwardedApplication.Status
OTHER_PERSON = "11010519491231002X"


@pytest.fixture
def ready(partner, plain_item, desk_clerk, approver):  # noqa: F811
    return ready_here(partner, plain_item, desk_clerk, approver)


def test_the_result_documents_are_listed_and_fetched_once_rendered(ready):
    forwarded, case = ready["forwarded"], ready["case"]
    notice = case.notices.get(kind=Notice.Kind.RESULT)
    # The status report of the step that issued it named it, by its number and title.
    [listed] = documents.documents(forwarded)
    assert (listed.number, listed.title) == (notice.number, notices.title_for(notice.kind, case))

    # Not rendered yet: the partner answers 404, nothing is kept, and it is tried again.
    [waiting] = fetched(forwarded)
    assert not waiting.received
    assert documents.fetch_due() == 1  # paused: still missing, not asked again at once

    notices.render(notice)
    [document] = fetched(forwarded)
    assert document.received
    with notice.pdf.open("rb") as original, document.file.file.open("rb") as copy:
        assert copy.read() == original.read()
    # Kept once, however often the loop comes round.
    assert fetched(forwarded)[0].file == document.file
    assert ExchangeFile.objects.filter(ref=forwarded.ref, kind="pdf").count() == 1


def test_a_document_is_served_only_to_its_partner_and_only_once_rendered(
    ready, live_server, client
):
    forwarded, case = ready["forwarded"], ready["case"]
    notice = case.notices.get(kind=Notice.Kind.RESULT)
    path = f"/exchange/v1/applications/{forwarded.ref}/documents/{notice.number}.pdf"
    # Unsigned: refused like any exchange request.
    assert client.get(path).status_code == 401
    notices.render(notice)
    # Another application's ref, or another notice of the case: not found.
    assert client.get(path.replace(str(forwarded.ref)[:8], "00000000")).status_code in (401, 404)
    assert documents.document_for(forwarded.partner, forwarded.ref, "XX-01") is None
    assert documents.document_for(forwarded.partner, forwarded.ref, notice.number) == notice


def test_the_result_is_not_handed_over_before_its_documents_arrived(ready, desk_clerk):
    with translation.override("en"), pytest.raises(DomainError, match="not all arrived"):
        delivery.hand_over(
            actor=desk_clerk,
            forwarded=ready["forwarded"],
            handover=cases_delivery.Handover(
                method="pickup",
                recipient_name=APPLICANT.name,
                recipient_id_number=APPLICANT.id_number,
                receipt=held_receipt(desk_clerk),
            ),
        )


def test_someone_else_is_refused_and_what_the_clerk_typed_stays(ready, desk_clerk, client):
    forwarded, case = ready["forwarded"], ready["case"]
    notices.render(case.notices.get(kind=Notice.Kind.RESULT))
    fetched(forwarded)
    receipt = held_receipt(desk_clerk)
    client.force_login(desk_clerk)

    page = client.post(
        reverse("forwarded_deliver", args=[forwarded.ref]),
        {
            "method": "pickup",
            "recipient_name": "赵强",
            "recipient_id_number": OTHER_PERSON,
            "receipt_upload": str(receipt.pk),
        },
    )

    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="赵强"' in html and f'value="{OTHER_PERSON}"' in html
    assert f'value="{receipt.pk}"' in html  # the receipt stays held
    assert 'data-testid="recipient-id-error"' in html
    forwarded.refresh_from_db()
    assert forwarded.status == Status.READY
    with translation.override("en"), pytest.raises(StepRefused) as refused:
        delivery.hand_over(
            actor=desk_clerk,
            forwarded=forwarded,
            handover=cases_delivery.Handover(
                method="pickup",
                recipient_name="赵强",
                recipient_id_number=OTHER_PERSON,
                receipt=receipt,
            ),
        )
    assert (
        "neither the applicant's nor the agent's" in refused.value.errors["recipient_id_number"][0]
    )


def test_handed_over_here_the_partner_completes_its_case_and_tells_us(
    ready,
    desk_clerk,
    partner,  # noqa: F811
):
    forwarded, case = ready["forwarded"], ready["case"]
    notices.render(case.notices.get(kind=Notice.Kind.RESULT))
    fetched(forwarded)

    delivery.hand_over(
        actor=desk_clerk,
        forwarded=forwarded,
        handover=cases_delivery.Handover(
            method="pickup",
            recipient_name=APPLICANT.name,
            recipient_id_number=APPLICANT.id_number,
            receipt=held_receipt(desk_clerk),
            window=desk_clerk.window,
        ),
    )
    forwarded.refresh_from_db()
    assert forwarded.status == Status.DELIVERED
    assert ExchangeFile.objects.filter(pk=delivery.slot_file_id(forwarded.ref, "receipt")).exists()

    settle(partner)

    # At the partner: completed (办结) as handed out at our window, its completion notice issued.
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
    handed = Delivery.objects.get(case=case)
    assert (handed.method, handed.recipient_name) == (Delivery.Method.PARTNER, APPLICANT.name)
    assert case.notices.filter(kind=Notice.Kind.COMPLETION).exists()
    # Here: the hand-over and the partner's completion, in the shared history.
    lines = list(ApplicationEvent.objects.filter(ref=forwarded.ref).values_list("action", "status"))
    assert ("hand_over", "") in lines
    assert lines[-1] == ("deliver", CaseStatus.COMPLETED)
    forwarded.refresh_from_db()
    assert (forwarded.status, forwarded.remote_status) == (Status.DELIVERED, "completed")


def test_a_hand_over_the_partner_cannot_apply_does_not_hold_up_its_queue(
    ready,
    desk_clerk,
    partner,  # noqa: F811
):
    forwarded, case = ready["forwarded"], ready["case"]
    notices.render(case.notices.get(kind=Notice.Kind.RESULT))
    fetched(forwarded)
    # The applicant went to the partner's own window meanwhile and collected it there.
    cases_delivery.deliver(
        actor=desk_clerk,
        case=case,
        handover=cases_delivery.Handover(
            method="post", address="西安市高新区锦业路1号", tracking_number="EMS0001"
        ),
    )
    delivery.hand_over(
        actor=desk_clerk,
        forwarded=forwarded,
        handover=cases_delivery.Handover(
            method="post",
            address="咸阳市高新区世纪大道1号",
            carrier="顺丰速运",
            tracking_number="SF1234567890",
        ),
    )

    settle(partner)  # nothing left undelivered behind the refused message

    assert RejectedMessage.objects.filter(reason=RejectedMessage.Reason.INVALID).exists()
    assert Delivery.objects.get(case=case).method == Delivery.Method.POST
    forwarded.refresh_from_db()
    assert forwarded.status == Status.DELIVERED


def test_a_denial_lists_its_decision_as_the_document_to_fetch(
    ourselves, plain_item, desk_clerk, approver
):
    application = arrive(ourselves, plain_item)
    case = incoming.accept(actor=desk_clerk, incoming=application)
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case, opinion="材料齐全。")
    backoffice.claim(actor=approver, case=case)
    backoffice.decide(
        actor=approver,
        case=case,
        grant=False,
        reason="场地不符合要求。",
        basis="《药品管理法》第五十二条",
    )

    denial = case.notices.get(kind=Notice.Kind.DENIAL)
    reports = told(ourselves, application.ref)
    assert [r["action"] for r in reports if "documents" in r] == ["deny"]
    [report] = [r for r in reports if "documents" in r]
    assert report["documents"] == [
        {"number": denial.number, "title": notices.title_for(Notice.Kind.DENIAL, case)}
    ]

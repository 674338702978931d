"""Once accepted, a case from a partner is decided here like any other; every step of it is
told to the partner as it happens — in order, once each, with the case's status, number
and deadline — and written in the shared history. A local case tells nobody."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gaoxin.cases import backoffice, delivery, intake
from gaoxin.cases.models import Case
from gaoxin.cases.tests.conftest import *  # noqa: F403  (desk clerk, intake window, items)
from gaoxin.cases.tests.factories import intake as make_intake
from gaoxin.core.models import Window
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory, WindowFactory
from gaoxin.exchange import incoming
from gaoxin.exchange.models import ApplicationEvent, OutboxMessage
from gaoxin.exchange.tests.arrivals import PNG, arrive, told


@pytest.fixture
def delivery_clerk(db):
    window = WindowFactory(number=11, name="综合出件窗口", kind=Window.Kind.DELIVERY)
    return UserFactory(username="clerk2", full_name="杨帆", role=Role.CLERK, window=window)


def decide_and_deliver(case: Case, approver, delivery_clerk) -> Case:
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case, opinion="材料齐全，符合法定条件。")
    backoffice.claim(actor=approver, case=case)
    backoffice.decide(actor=approver, case=case, grant=True, opinion="同意许可。")
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case)
    case = Case.objects.get(pk=case.pk)
    delivery.deliver(
        actor=delivery_clerk,
        case=case,
        handover=delivery.Handover(
            method="pickup",
            recipient_name=case.applicant_name,
            recipient_id_number=case.id_number,
            receipt=SimpleUploadedFile("receipt.png", PNG, content_type="image/png"),
            window=delivery_clerk.window,
        ),
    )
    return Case.objects.get(pk=case.pk)


@pytest.mark.django_db
def test_each_step_of_the_case_is_told_to_the_partner_in_order(
    ourselves, plain_item, desk_clerk, approver, delivery_clerk
):
    application = arrive(ourselves, plain_item)
    case = incoming.accept(actor=desk_clerk, incoming=application)
    accepted_event = case.events.get(action="accept")

    case = decide_and_deliver(case, approver, delivery_clerk)

    steps = list(case.events.filter(pk__gt=accepted_event.pk).order_by("at", "pk"))
    assert [e.action for e in steps][:4] == ["claim", "pass", "claim", "grant"]
    assert steps[-1].action == "deliver"
    sent = told(ourselves, application.ref)
    assert [m["action"] for m in sent] == ["arrived", "accept", *[e.action for e in steps]]
    for message, event in zip(sent[2:], steps, strict=True):
        assert message["at"] == event.at.isoformat()
        assert message["number"] == case.number
        assert message["deadline"] == case.deadline.isoformat()
        assert message["status"] == event.to_status
        assert message["note"] == event.note
    assert sent[3]["note"] == "材料齐全，符合法定条件。"
    assert sent[-1]["status"] == "completed"
    # Sent in the order they happened: one after the other in the partner's sequence.
    numbers = list(
        OutboxMessage.objects.filter(partner=ourselves, kind=incoming.STATUS)
        .order_by("sequence")
        .values_list("payload__action", flat=True)
    )
    assert numbers == [m["action"] for m in sent]
    # Our lines of the shared history, one per step.
    ours = ApplicationEvent.objects.filter(ref=application.ref).exclude(action="forward")
    assert [line.action for line in ours.order_by("at", "id")] == [m["action"] for m in sent]


@pytest.mark.django_db
def test_a_local_case_tells_no_partner(ourselves, plain_item, desk_clerk, intake_window, approver):
    case = intake.accept(actor=desk_clerk, intake=make_intake(plain_item, intake_window))
    backoffice.claim(actor=approver, case=case)
    assert not OutboxMessage.objects.exists()
    assert not ApplicationEvent.objects.exists()

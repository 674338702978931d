"""One application the whole way, with this deployment as both zones (the ``ourselves``
fixture behind ``live_server``): received at our window for the partner, accepted and
decided by the partner, its result documents fetched back, handed over here."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gaoxin.cases import backoffice, intake
from gaoxin.cases.delivery import DELIVERY_KINDS
from gaoxin.cases.models import Case
from gaoxin.cases.tests.factories import person
from gaoxin.catalog.models import ServiceItem
from gaoxin.core.models import User
from gaoxin.exchange import documents, forwarding, incoming, outbox, published
from gaoxin.exchange.models import (
    AgreedItem,
    ForwardedApplication,
    IncomingApplication,
    OutboxMessage,
    Partner,
)
from gaoxin.exchange.tests.arrivals import PNG

APPLICANT = person(name="李娜")


def agree_to(partner: Partner, item: ServiceItem) -> AgreedItem:
    """The partner's item as its catalog publishes it."""
    entry = next(e for e in published.catalog() if e["code"] == item.code)
    return AgreedItem.objects.create(partner=partner, **entry)


def settle(partner: Partner) -> None:
    """Deliver the outbox until every message (and every reply to one) has arrived."""
    for _turn in range(20):
        outbox.deliver_pending(partner=partner)
        if not OutboxMessage.objects.filter(partner=partner, delivered_at__isnull=True).exists():
            return
    left = OutboxMessage.objects.filter(partner=partner, delivered_at__isnull=True)
    raise AssertionError(
        "the outbox did not settle: "
        + "; ".join(f"{m.kind} {m.last_error}" for m in left.order_by("sequence"))
    )


def forward(clerk: User, agreed: AgreedItem) -> ForwardedApplication:
    return forwarding.forward(
        actor=clerk,
        item=agreed,
        applicant=APPLICANT,
        materials=[forwarding.MaterialReceipt(received=True, copies=1) for _ in agreed.materials],
        window=clerk.window,
    )


def decide(case: Case, approver: User) -> Case:
    """Reviewed, granted, the certificate made: the result waits for its applicant."""
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case, opinion="材料齐全，符合法定条件。")
    backoffice.claim(actor=approver, case=case)
    backoffice.decide(actor=approver, case=case, grant=True, opinion="同意许可。")
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case)
    return Case.objects.get(pk=case.pk)


def ready_here(partner: Partner, item: ServiceItem, clerk: User, approver: User) -> dict[str, Any]:
    """Forwarded, accepted and decided by the partner, reported ready here."""
    forwarded = forward(clerk, agree_to(partner, item))
    settle(partner)
    received = IncomingApplication.objects.get(partner=partner, ref=forwarded.ref)
    case = incoming.accept(actor=clerk, incoming=received)
    case = decide(case, approver)
    settle(partner)
    forwarded.refresh_from_db()
    assert forwarded.status == ForwardedApplication.Status.READY
    return {"forwarded": forwarded, "case": case}


def fetched(forwarded: ForwardedApplication) -> list[documents.Document]:
    documents.forget_pauses()
    documents.fetch_due()
    return documents.documents(forwarded)


def held_receipt(clerk: User) -> Any:
    return intake.hold_upload(
        actor=clerk,
        file=SimpleUploadedFile("receipt.png", PNG, content_type="image/png"),
        kinds=DELIVERY_KINDS,
    )


@pytest.fixture
def partner(ourselves, live_server) -> Partner:
    ourselves.base_url = live_server.url
    ourselves.save()
    return ourselves

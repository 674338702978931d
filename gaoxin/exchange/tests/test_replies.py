"""西安高新区 reports what it does with the application our window received for it: each
report becomes a line of the shared history and moves our record along (arrived, accepted
with its case number and deadline, in progress, ready to hand over here...); the clerk who
received it is told when there is something to do at our window."""

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

import pytest

from gaoxin.cases.tests.factories import person
from gaoxin.core.models import Notification
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory
from gaoxin.exchange import forwarding, inbox
from gaoxin.exchange.models import (
    ApplicationEvent,
    ForwardedApplication,
    InboxMessage,
    RejectedMessage,
)
from gaoxin.exchange.replies import target_status
from gaoxin.exchange.signing import Rejected
from gaoxin.exchange.tests.partner_items import *  # noqa: F403 - fixtures
from gaoxin.exchange.tests.partner_items import receipts
from gaoxin.exchange.tests.peers import zone  # noqa: F401 - fixture

pytestmark = pytest.mark.usefixtures("zone")

Status = ForwardedApplication.Status
XIAN_TIME = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def forwarded(window_clerk, food_licence, time_machine):
    # Received at 9:00; 西安's reports come in the minutes after.
    time_machine.move_to(dt.datetime(2026, 12, 1, 9, 0, tzinfo=XIAN_TIME), tick=False)
    return forwarding.forward(
        actor=window_clerk,
        item=food_licence,
        applicant=person(name="李娜"),
        materials=receipts(True, True, False),
        window=window_clerk.window,
    )


class Xian:
    """西安高新区's side of the exchange: its messages to us, numbered as its outbox does."""

    def __init__(self, partner):
        self.partner = partner
        self.sequence = 0

    def says(self, ref, action, status, *, minute, number="", deadline=None, note=""):
        self.sequence += 1
        message = {
            "id": str(uuid.uuid4()),
            "sequence": self.sequence,
            "kind": "application.status",
            "payload": {
                "ref": str(ref),
                "action": action,
                "status": status,
                "number": number,
                "deadline": deadline,
                "at": dt.datetime(2026, 12, 1, 9, minute, tzinfo=XIAN_TIME).isoformat(),
                "note": note,
            },
        }
        return inbox.receive(self.partner, message)


@pytest.fixture
def partner(xian):
    return Xian(xian)


def fresh(forwarded):
    return ForwardedApplication.objects.get(pk=forwarded.pk)


def history(forwarded):
    return list(
        ApplicationEvent.objects.filter(ref=forwarded.ref)
        .order_by("at", "id")
        .values_list("zone", "action", "status")
    )


def test_the_partners_reports_move_the_application_along(forwarded, partner, window_clerk):
    assert partner.says(forwarded.ref, "arrived", "waiting", minute=1) == "applied"
    assert fresh(forwarded).status == Status.FORWARDED
    assert fresh(forwarded).remote_status == "waiting"

    partner.says(
        forwarded.ref,
        "accept",
        "accepted",
        minute=2,
        number="XAGX20261201000007",
        deadline="2026-12-15",
    )
    accepted = fresh(forwarded)
    assert accepted.status == Status.ACCEPTED
    assert accepted.remote_number == "XAGX20261201000007"
    assert accepted.remote_deadline == dt.date(2026, 12, 15)
    assert accepted.remote_status == "accepted"

    partner.says(forwarded.ref, "claim", "in_review", minute=3, number="XAGX20261201000007")
    assert fresh(forwarded).status == Status.IN_PROGRESS
    partner.says(forwarded.ref, "suspend", "suspended", minute=4, note="专家评审")
    assert fresh(forwarded).status == Status.IN_PROGRESS
    partner.says(forwarded.ref, "extend", "in_review", minute=5, deadline="2026-12-29")
    assert fresh(forwarded).remote_deadline == dt.date(2026, 12, 29)
    # A report without a number keeps the number we know.
    assert fresh(forwarded).remote_number == "XAGX20261201000007"
    assert not Notification.objects.exists()

    partner.says(forwarded.ref, "issue", "awaiting_delivery", minute=6)
    ready = fresh(forwarded)
    assert ready.status == Status.READY
    told = Notification.objects.get()
    assert told.user == window_clerk
    assert forwarded.receipt_number in told.title
    assert told.url == f"/desk/partner/forwarded/{forwarded.ref}/"

    assert history(forwarded) == [
        ("XYGX", "forward", "forwarded"),
        ("XAGX", "arrived", "waiting"),
        ("XAGX", "accept", "accepted"),
        ("XAGX", "claim", "in_review"),
        ("XAGX", "suspend", "suspended"),
        ("XAGX", "extend", "in_review"),
        ("XAGX", "issue", "awaiting_delivery"),
    ]
    assert ApplicationEvent.objects.get(action="suspend").note == "专家评审"


def test_a_correction_or_a_refusal_is_told_to_the_clerk_who_received_it(
    forwarded, partner, window_clerk
):
    other_clerk = UserFactory(username="clerk2", full_name="李华", role=Role.CLERK)
    partner.says(forwarded.ref, "arrived", "waiting", minute=1)
    partner.says(
        forwarded.ref, "request_correction", "correction", minute=2, note="营业执照复印件不清晰"
    )
    assert fresh(forwarded).status == Status.CORRECTION
    partner.says(forwarded.ref, "refuse", "refused", minute=3, note="不属于受理范围")
    assert fresh(forwarded).status == Status.REFUSED

    told = Notification.objects.filter(user=window_clerk).order_by("pk")
    assert told.count() == 2
    assert "西安高新区" in told[0].title
    assert not Notification.objects.filter(user=other_clerk).exists()


def test_a_status_line_reported_twice_is_written_once(forwarded, partner):
    partner.says(forwarded.ref, "accept", "accepted", minute=2, number="XAGX1")
    # The same report in a new message (the partner sent it again after a restart).
    assert partner.says(forwarded.ref, "accept", "accepted", minute=2, number="XAGX1") == (
        "applied"
    )
    assert ApplicationEvent.objects.filter(ref=forwarded.ref, action="accept").count() == 1
    assert fresh(forwarded).status == Status.ACCEPTED


def test_a_report_on_an_unknown_application_is_taken_and_logged(forwarded, partner, xian):
    assert partner.says(uuid.uuid4(), "arrived", "waiting", minute=1) == "refused"
    assert InboxMessage.objects.filter(partner=xian).count() == 1
    assert RejectedMessage.objects.get().reason == RejectedMessage.Reason.INVALID
    # The partner's next message goes through.
    assert partner.says(forwarded.ref, "arrived", "waiting", minute=2) == "applied"


def test_another_partners_application_is_unknown_to_it(forwarded, xian):
    from gaoxin.exchange.models import Partner

    other = Xian(Partner.objects.create(code="BJHD", name="北京海淀", base_url="https://x"))
    assert other.says(forwarded.ref, "accept", "accepted", minute=1) == "refused"
    assert fresh(forwarded).status == Status.FORWARDED


def test_a_report_without_its_time_is_rejected_and_sent_again_later(forwarded, xian):
    message = {
        "id": str(uuid.uuid4()),
        "sequence": 1,
        "kind": "application.status",
        "payload": {"ref": str(forwarded.ref), "action": "accept", "status": "accepted"},
    }
    with pytest.raises(Rejected):
        inbox.receive(xian, message)
    assert not InboxMessage.objects.exists()


@pytest.mark.parametrize(
    ("action", "status", "expected"),
    [
        ("arrived", "waiting", None),
        ("accept", "accepted", Status.ACCEPTED),
        ("request_correction", "correction", Status.CORRECTION),
        ("refuse", "refused", Status.REFUSED),
        ("not_agreed", "refused", Status.REFUSED),
        ("claim", "in_review", Status.IN_PROGRESS),
        ("resume", "accepted", Status.IN_PROGRESS),
        ("suspend", "suspended", Status.IN_PROGRESS),
        ("grant", "decided", Status.IN_PROGRESS),
        ("issue", "awaiting_delivery", Status.READY),
        ("deliver", "completed", Status.DELIVERED),
        ("terminate", "terminated", Status.ENDED),
        ("withdraw", "withdrawn", Status.ENDED),
        ("something_new", "unknown", None),
    ],
)
def test_what_each_report_means_here(action, status, expected):
    assert target_status(action, status) == expected

"""对账: each zone answers a partner, for that partner only, which applications between them
it holds in a period; put together with ours by their shared ref, each application counts
once, and what one side lacks is explained (still in an outbox, refused on arrival) or shown
in red. The partner is this very deployment behind ``live_server`` (the ``ourselves``
fixture): an application it receives for "the partner" is both forwarded and incoming here,
as it would be at the two zones."""

from __future__ import annotations

import datetime as dt
import socket
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from gaoxin.cases.tests.conftest import *  # noqa: F403  (desk clerk, approver, items)
from gaoxin.catalog.models import ServiceItem
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory
from gaoxin.exchange import client, inbox, incoming, keys, outbox, reconcile, signing
from gaoxin.exchange.models import (
    ForwardedApplication,
    IncomingApplication,
    Partner,
    PartnerKey,
    RejectedMessage,
)
from gaoxin.exchange.tests import arrivals
from gaoxin.exchange.tests.partner_items import agree
from gaoxin.exchange.tests.result_flow import (
    agree_to,
    forward,
    partner,  # noqa: F401 - fixture
    settle,
)

pytestmark = pytest.mark.django_db(transaction=True)

FIGURES = "/exchange/v1/figures/"
Reason = RejectedMessage.Reason


def figures(asked: Partner, start: dt.date | str, end: dt.date | str) -> client.Response:
    return client.request(asked, "GET", f"{FIGURES}?from={start}&to={end}")


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def another_partner(code: str, name: str, base_url: str) -> Partner:
    """A partner that knows our key (so it could be asked), at ``base_url``."""
    other = Partner.objects.create(code=code, name=name, base_url=base_url)
    own = keys.current_key()
    PartnerKey.objects.create(partner=other, key_id=own.key_id, public_key=own.public_key)
    return other


def arrive_at(sender: Partner, item: ServiceItem, received_at: dt.datetime) -> uuid.UUID:
    """An application ``sender`` received for us at ``received_at``."""
    ref = uuid.uuid4()
    payload = arrivals.forward(ref, item) | {"received_at": received_at.isoformat()}
    message = arrivals.message(sender, incoming.FORWARD, payload)
    assert inbox.receive(sender, message) == "applied"
    return ref


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def leader(db):
    return UserFactory(username="leader", full_name="刘洋", role=Role.LEADER)


# --- The endpoint -----------------------------------------------------------------------------


def test_a_partner_sees_the_same_application_on_both_sides_with_its_status_here(
    partner,  # noqa: F811
    plain_item,
    desk_clerk,
    today,
):
    forwarded = forward(desk_clerk, agree_to(partner, plain_item))
    ref = str(forwarded.ref)

    # Not delivered yet: we hold it as forwarded, still in our outbox; not as incoming.
    answer = figures(partner, today, today)
    assert answer.status == 200
    assert answer.data["forwarded"] == {ref: "forwarded"}
    assert answer.data["incoming"] == {}
    assert answer.data["in_outbox"] == [ref]

    settle(partner)
    answer = figures(partner, today, today).data
    assert answer["zone"] == partner.code
    assert (answer["from"], answer["to"]) == (today.isoformat(), today.isoformat())
    assert answer["forwarded"] == {ref: "forwarded"}
    assert answer["incoming"] == {ref: "waiting"}
    assert answer["in_outbox"] == []
    assert answer["totals"] == {"forwarded": 1, "incoming": 1}
    assert (answer["truncated"], answer["limit"]) == (False, reconcile.MAX_REFS)

    # Accepted here: the incoming application has its case's status.
    received = IncomingApplication.objects.get(ref=forwarded.ref)
    incoming.accept(actor=desk_clerk, incoming=received)
    assert figures(partner, today, today).data["incoming"] == {ref: "accepted"}


def test_an_unsigned_or_tampered_request_is_refused_and_logged(partner, client, today):  # noqa: F811
    path = f"{FIGURES}?from={today}&to={today}"
    unsigned = client.get(path)
    assert unsigned.status_code == 401
    assert unsigned.json()["error"] == "malformed"
    assert "forwarded" not in unsigned.json()

    # Signed for one period, sent for another: the signature covers the query string.
    headers = signing.sign("GET", path, b"")
    tampered = client.get(f"{FIGURES}?from=2026-01-01&to={today}", headers=headers)
    assert tampered.status_code == 401
    assert tampered.json()["error"] == "bad_signature"

    logged = RejectedMessage.objects.order_by("received_at", "id")
    assert [r.reason for r in logged] == [Reason.MALFORMED, Reason.BAD_SIGNATURE]
    assert logged.last().partner_code == partner.code


def test_a_partner_is_told_only_about_its_own_applications(
    partner,  # noqa: F811
    plain_item,
    desk_clerk,
    today,
):
    xian = another_partner("XAGX", "西安高新区", closed_port_url())
    for_xian = forward(desk_clerk, agree(xian))
    from_xian = arrivals.arrive(xian, plain_item)
    ours = forward(desk_clerk, agree_to(partner, plain_item))

    answer = figures(partner, "2026-01-01", today).data
    assert answer["forwarded"] == {str(ours.ref): "forwarded"}
    assert answer["incoming"] == {}
    assert str(for_xian.ref) not in str(answer) and str(from_xian.ref) not in str(answer)
    # What the partner holds for XAGX is XAGX's to ask.
    assert reconcile.answer(xian, dt.date(2026, 1, 1), today)["incoming"] == {
        str(from_xian.ref): "waiting"
    }


def test_the_period_is_by_local_dates_at_the_moment_of_receipt(partner, plain_item):  # noqa: F811
    # 2026-11-30 16:30 UTC is 2026-12-01 00:30 in Beijing: the first of December there.
    after_midnight = arrive_at(
        partner, plain_item, dt.datetime(2026, 11, 30, 16, 30, tzinfo=dt.UTC)
    )
    # 2026-12-01 15:59 UTC is 23:59 the same day in Beijing.
    before_midnight = arrive_at(
        partner, plain_item, dt.datetime(2026, 12, 1, 15, 59, tzinfo=dt.UTC)
    )
    # 16:00 UTC is midnight: the second of December.
    next_day = arrive_at(partner, plain_item, dt.datetime(2026, 12, 1, 16, 0, tzinfo=dt.UTC))

    def refs(start, end):
        return set(figures(partner, start, end).data["incoming"])

    assert refs("2026-11-30", "2026-11-30") == set()
    assert refs("2026-12-01", "2026-12-01") == {str(after_midnight), str(before_midnight)}
    assert refs("2026-12-02", "2026-12-02") == {str(next_day)}
    # A year of 366 days (2024 was a leap year) is the longest period.
    assert figures(partner, "2024-01-01", "2024-12-31").status == 200


@pytest.mark.parametrize(
    ("query", "detail"),
    [
        ("from=2026-12-02&to=2026-12-01", "The last day comes before the first."),
        ("from=2025-12-01&to=2026-12-02", "A period to reconcile is at most 366 days."),
        ("from=2026-12-01", "Give the period as from=YYYY-MM-DD&to=YYYY-MM-DD (to is —)."),
        ("from=1.12.2026&to=2026-12-02", "(from is 1.12.2026)"),
    ],
)
def test_a_period_that_makes_no_sense_is_refused_with_the_reason(
    partner,  # noqa: F811
    query,
    detail,
):
    with translation.override("en"):
        answer = client.request(partner, "GET", f"{FIGURES}?{query}")
    assert answer.status == 400
    assert answer.data["error"] == "malformed"
    # The partner's server speaks its zone's language; the log keeps the same words.
    refused = RejectedMessage.objects.get()
    assert refused.reason == Reason.MALFORMED
    assert refused.detail == answer.data["detail"]
    with translation.override("en"):
        try:
            reconcile.requested_period(dict(pair.split("=") for pair in query.split("&")))
        except signing.Rejected as rejected:
            assert detail in rejected.detail
        else:
            raise AssertionError("the period was taken")


def test_a_long_list_is_cut_and_says_so(partner, plain_item, monkeypatch, today):  # noqa: F811
    monkeypatch.setattr(reconcile, "MAX_REFS", 2)
    for _n in range(3):
        arrive_at(partner, plain_item, timezone.now())
    answer = reconcile.answer(partner, today, today)
    assert len(answer["incoming"]) == 2
    assert answer["truncated"] is True
    assert answer["totals"] == {"forwarded": 0, "incoming": 3}


# --- Reconciliation ---------------------------------------------------------------------------


def test_an_application_on_both_sides_is_counted_once(
    partner,  # noqa: F811
    plain_item,
    desk_clerk,
    today,
):
    forwarded = forward(desk_clerk, agree_to(partner, plain_item))
    settle(partner)

    mine = reconcile.reconcile(today, today)
    [row] = mine.partners
    assert row.state == "waiting"  # our side only, until the partner is asked
    assert (len(row.for_them.here), row.for_them.there) == (1, None)

    result = reconcile.reconcile(today, today, fetch_partners=True)
    [row] = result.partners
    assert (row.partner, row.state, row.error) == (partner, "compared", "")
    for direction in row.directions:
        assert set(direction.here) == set(direction.there) == {forwarded.ref}
        assert (direction.counted_once, direction.matched) == (1, 1)
        assert direction.only_here == direction.only_there == []
    totals = result.totals
    # Forwarded and incoming here (we are our own partner), one application all the same.
    assert (totals.for_them, totals.for_us, totals.all) == (1, 1, 1)
    assert (totals.here, totals.matched, totals.only_here, totals.only_there) == (1, 1, 0, 0)
    assert (totals.unexpected, totals.partial) == (0, False)


def test_an_application_still_in_our_outbox_is_only_here_and_says_why(
    partner,  # noqa: F811
    plain_item,
    desk_clerk,
    today,
    live_server,
):
    forwarded = forward(desk_clerk, agree_to(partner, plain_item))
    with translation.override("en"):
        [row] = reconcile.reconcile(today, today, fetch_partners=True).partners
    assert row.state == "compared"
    [waiting] = row.for_them.only_here
    assert (waiting.ref, waiting.receipt_number) == (forwarded.ref, forwarded.receipt_number)
    assert waiting.reason == "In our outbox, waiting to be sent."
    assert waiting.expected and waiting.status == "Forwarded, awaiting the partner"
    # Seen from the partner's side: it is in our outbox, which the answer said.
    [coming] = row.for_us.only_there
    assert coming.ref == forwarded.ref and coming.expected
    assert coming.reason == "In the partner's outbox, not delivered to us yet."
    assert (row.for_them.counted_once, row.for_them.matched) == (1, 0)

    # A failed attempt: the error is given.
    partner.base_url = f"{live_server.url}/nowhere"
    partner.save()
    assert outbox.deliver_pending(partner=partner).failed == 1
    partner.base_url = live_server.url
    partner.save()
    with translation.override("en"):
        [row] = reconcile.reconcile(today, today, fetch_partners=True).partners
    [waiting] = row.for_them.only_here
    assert waiting.reason.startswith("In our outbox, not delivered yet (1 attempts; last: HTTP 404")

    # Once delivered (its next attempt due), the two sides agree.
    later = timezone.now() + dt.timedelta(minutes=15)
    assert outbox.deliver_pending(partner=partner, now=later).delivered == 1
    settle(partner)
    result = reconcile.reconcile(today, today, fetch_partners=True)
    assert (result.totals.matched, result.totals.only_here, result.totals.only_there) == (1, 0, 0)


def test_an_application_refused_on_arrival_is_explained_on_both_sides(
    partner,  # noqa: F811
    plain_item,
    desk_clerk,
    today,
):
    agreed = agree_to(partner, plain_item)
    # The handling zone no longer handles the item for partners when the application comes.
    ServiceItem.objects.filter(pk=plain_item.pk).update(cross_zone=False)
    forwarded = forward(desk_clerk, agreed)
    settle(partner)
    forwarded.refresh_from_db()
    assert forwarded.status == ForwardedApplication.Status.REFUSED
    assert not IncomingApplication.objects.exists()

    with translation.override("en"):
        result = reconcile.reconcile(today, today, fetch_partners=True)
    [row] = result.partners
    [here] = row.for_them.only_here
    assert here.reason == "Refused on arrival: the partner does not handle this item."
    [there] = row.for_us.only_there
    assert there.reason == "Refused on arrival here: not an item we handle for partners."
    assert here.expected and there.expected and result.totals.unexpected == 0
    assert result.totals.all == 1


def test_a_record_missing_on_one_side_is_flagged(
    partner,  # noqa: F811
    plain_item,
    desk_clerk,
    today,
):
    forwarded = forward(desk_clerk, agree_to(partner, plain_item))
    settle(partner)
    # As if the handling zone's database had lost it (restored from an older backup, say).
    IncomingApplication.objects.filter(ref=forwarded.ref).delete()

    with translation.override("en"):
        result = reconcile.reconcile(today, today, fetch_partners=True)
    [row] = result.partners
    [here] = row.for_them.only_here
    assert (here.expected, here.reason) == (
        False,
        "Delivered, but the partner has no record of it.",
    )
    [there] = row.for_us.only_there
    assert (there.expected, there.reason) == (
        False,
        "Delivered by the partner, but not on record here.",
    )
    assert (result.totals.unexpected, result.totals.all) == (1, 1)


def test_a_partner_that_does_not_answer_is_shown_and_the_others_still_compared(
    partner,  # noqa: F811
    plain_item,
    desk_clerk,
    today,
    live_server,
):
    forward(desk_clerk, agree_to(partner, plain_item))
    settle(partner)
    away = another_partner("XAGX", "西安高新区", closed_port_url())
    for_away = forward(desk_clerk, agree(away))
    lost = another_partner("BJGX", "北京中关村", f"{live_server.url}/nowhere")
    Partner.objects.create(code="SHGX", name="上海张江", base_url=live_server.url)  # no key

    result = reconcile.reconcile(today, today, fetch_partners=True)
    rows = {row.partner.code: row for row in result.partners}
    assert list(rows) == ["BJGX", "SHGX", "XAGX", partner.code]
    assert rows[partner.code].state == "compared"
    assert rows["XAGX"].state == "unreachable"
    assert "127.0.0.1" in rows["XAGX"].error
    # Counted from our records only.
    assert set(rows["XAGX"].for_them.here) == {for_away.ref}
    assert rows["XAGX"].for_them.counted_once == 1 and rows["XAGX"].for_them.there is None
    assert (rows["BJGX"].state, rows["BJGX"].error[:8]) == ("unreachable", "HTTP 404")
    assert rows["SHGX"].state == "not_asked"
    assert result.totals.all == 2 and result.totals.partial
    assert result.totals.matched == 1
    assert lost.code in rows


def test_the_queries_do_not_grow_with_the_applications(
    partner,  # noqa: F811
    plain_item,
    desk_clerk,
    today,
):
    agreed = agree_to(partner, plain_item)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            reconcile.reconcile(today, today, fetch_partners=True)
        return len(captured)

    forward(desk_clerk, agreed)
    settle(partner)
    forward(desk_clerk, agreed)  # one only here
    few = queries()
    for _n in range(4):
        forward(desk_clerk, agreed)
    settle(partner)
    for _n in range(3):
        forward(desk_clerk, agreed)
    assert queries() == few


# --- The page ---------------------------------------------------------------------------------


def test_the_page_shows_our_side_then_the_partners_in_both_languages(
    client,
    partner,  # noqa: F811
    plain_item,
    desk_clerk,
    supervisor,
    today,
):
    agreed = agree_to(partner, plain_item)
    forward(desk_clerk, agreed)
    settle(partner)
    pending = forward(desk_clerk, agreed)  # not delivered yet
    client.force_login(supervisor)
    url = reverse("exchange_reconcile")
    assert url == "/stats/cross-zone/"

    page = client.get(url).text  # Chinese by default
    assert '<html lang="zh-hans">' in page
    assert f"{today.year}年{today.month}月{today.day}日" in page
    assert 'data-state="waiting"' in page and "咸阳高新区（本区）" in page
    assert 'data-figure="matched">—' in page

    client.cookies["django_language"] = "en"
    page = client.get(url, {"period": "month", "fetch": "1"}).text
    assert '<html lang="en">' in page
    assert "Cross-zone applications, counted once" in page
    assert "How an application is counted once" in page
    assert 'data-state="compared"' in page
    assert 'data-figure="all">2<' in page
    assert 'data-figure="matched">1<' in page
    assert f'data-ref="{pending.ref}"' in page
    assert "In our outbox, waiting to be sent." in page
    assert pending.receipt_number in page


def test_a_period_too_long_to_reconcile_falls_back_to_this_year(client, leader, today):
    client.force_login(leader)
    client.cookies["django_language"] = "en"
    answer = client.get(
        reverse("exchange_reconcile"),
        {"period": "custom", "start": "2024-01-01", "end": "2026-01-01", "fetch": "1"},
    )
    assert answer.status_code == 200
    page = answer.text
    assert "A period to reconcile is at most 366 days." in page
    assert "The period could not be used; the figures below are for this year." in page
    assert 'value="2024-01-01"' in page  # what was typed stays
    assert answer.context["result"].start == today.replace(month=1, day=1)
    assert answer.context["result"].fetched is False


def test_only_those_who_see_the_whole_zone_open_the_page(
    client, desk_clerk, approver, head, admin_user, leader, supervisor
):
    url = reverse("exchange_reconcile")
    for person in (desk_clerk, approver, head):
        client.force_login(person)
        assert client.get(url).status_code == 403
    for person in (supervisor, leader, admin_user):
        client.force_login(person)
        assert client.get(url).status_code == 200
    # The administrator finds it from the partners page.
    page = client.get(reverse("manage_partners")).text
    assert f'href="{url}"' in page

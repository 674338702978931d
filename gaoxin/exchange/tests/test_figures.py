"""跨区通办 in the statistics: each zone counts a cross-zone case in its role.

咸阳高新区 (this zone) works with 西安高新区 and 宝鸡高新区 in both directions. In March 2026 its
window received five applications for them (代收), and it handled applications their windows
received for it (代办). The handling zone counts the case in its main figures, once; beside
them the section shows, by partner, what was handled for partners (part of the main figures)
and what was received for partners (the partners' cases, not added to ours).
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from types import SimpleNamespace
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gaoxin.cases import delivery as cases_delivery
from gaoxin.cases import intake, notices
from gaoxin.cases.models import Case, Notice
from gaoxin.cases.tests.conftest import *  # noqa: F403  (zone, intake window, desk clerk, items)
from gaoxin.cases.tests.factories import all_received, person
from gaoxin.core.models import Window
from gaoxin.core.tests.factories import WindowFactory, resident_id
from gaoxin.exchange import delivery, forwarding, inbox, incoming
from gaoxin.exchange.figures import KEY, cross_zone
from gaoxin.exchange.models import ForwardedApplication, IncomingApplication, Partner
from gaoxin.exchange.tests import arrivals
from gaoxin.exchange.tests.partner_items import agree, receipts
from gaoxin.exchange.tests.result_flow import (
    APPLICANT,
    decide,
    fetched,
    held_receipt,
    partner,  # noqa: F401 - fixture
    ready_here,
    settle,
)
from gaoxin.stats import queries, sections

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
Forwarded = ForwardedApplication.Status
MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def at(month: int, day: int, hour: int = 10) -> Any:
    """A moment of 2026, Shanghai time, the clock standing still."""
    return time_machine.travel(dt.datetime(2026, month, day, hour, tzinfo=SHANGHAI), tick=False)


def march(**scope: Any) -> queries.Filters:
    return queries.Filters(start=MARCH[0], end=MARCH[1], period="custom", **scope)


# --- The partners' side, as their messages reach us ------------------------------------------


def says(sender: Partner, forwarded: ForwardedApplication, action: str, status: str) -> None:
    """The partner reports a step of its case on an application we received for it."""
    payload = {
        "ref": str(forwarded.ref),
        "action": action,
        "status": status,
        "number": "",
        "deadline": None,
        "at": timezone.now().isoformat(),
        "note": "",
    }
    message = arrivals.message(sender, "application.status", payload)
    assert inbox.receive(sender, message) == "applied"


def arrives(sender: Partner, item: Any) -> IncomingApplication:
    """The partner's window received an application for our item, now."""
    ref = uuid.uuid4()
    payload = arrivals.forward(ref, item)
    payload["received_at"] = timezone.now().isoformat()
    assert inbox.receive(sender, arrivals.message(sender, incoming.FORWARD, payload)) == "applied"
    return IncomingApplication.objects.get(partner=sender, ref=ref)


def handed_out_there(sender: Partner, received: IncomingApplication) -> None:
    """The partner handed our result to the applicant at its window."""
    payload = {
        "ref": str(received.ref),
        "method": "pickup",
        "at": timezone.now().isoformat(),
        "recipient_name": "李娜",
        "by_agent": False,
    }
    message = arrivals.message(sender, delivery.DELIVERED_KIND, payload)
    assert inbox.receive(sender, message) == "applied"


# --- The story ----------------------------------------------------------------------------------


@pytest.fixture
def partners(db) -> SimpleNamespace:
    xian = Partner.objects.create(code="XAGX", name="西安高新区", base_url="https://xa.example.cn")
    baoji = Partner.objects.create(code="BJGX", name="宝鸡高新区", base_url="https://bj.example.cn")
    return SimpleNamespace(xian=xian, baoji=baoji)


@pytest.fixture
def both_ways(zone, partners, plain_item, desk_clerk, approver):
    """March 2026 (the 2nd is a Monday), this zone in both roles.

    Handled for partners (代办), our item 药品零售企业经营许可:
      h1  from 西安, accepted 2 Mar, decided, handed out at 西安's window 5 Mar: completed.
      h2  from 西安, accepted 3 Mar at window 2: in progress.
      h3  from 宝鸡, accepted 27 Feb: in progress (not accepted in March).
      h4  from 宝鸡, refused by our clerk 4 Mar: no case, in nobody's main figures.
      and a local case, accepted 2 Mar: our main figures only.
    Received for partners (代收), at our window 1 unless said:
      r0  西安, 27 Feb: not in March.
      r1  西安, 2 Mar: accepted there, in progress.
      r2  西安, 3 Mar: refused by 西安.
      r3  西安, 4 Mar at window 2: completed there, result handed out.
      r4  宝鸡, 5 Mar: terminated there.
      r5  宝鸡, 6 Mar: a correction asked for (still in progress).
    """
    window_two = WindowFactory(number=2, name="综合受理窗口", kind=Window.Kind.INTAKE)
    xian_food = agree(partners.xian)
    baoji_food = agree(partners.baoji, code="BJ-SPJY-001", name="食品经营许可")

    def received_here(agreed, window=None):
        return forwarding.forward(
            actor=desk_clerk,
            item=agreed,
            applicant=person(),
            materials=receipts(True, True, False),
            window=window or desk_clerk.window,
        )

    def accepted(sender, window=None):
        return incoming.accept(
            actor=desk_clerk,
            incoming=arrives(sender, plain_item),
            window=window or desk_clerk.window,
        )

    with at(2, 27):
        r0 = received_here(xian_food)
        h3 = accepted(partners.baoji)
    with at(3, 2):
        h1 = accepted(partners.xian)
        local = intake.accept(
            actor=desk_clerk,
            intake=intake.Intake(
                item=plain_item,
                applicant=person(id_number=resident_id(order=401)),
                checks=all_received(plain_item),
                window=desk_clerk.window,
            ),
        )
        r1 = received_here(xian_food)
        says(partners.xian, r1, "accept", "accepted")
    with at(3, 3):
        h2 = accepted(partners.xian, window_two)
        r2 = received_here(xian_food)
        says(partners.xian, r2, "refuse", "refused")
        decide(h1, approver)
    with at(3, 4):
        h4 = incoming.refuse(
            actor=desk_clerk,
            incoming=arrives(partners.baoji, plain_item),
            reason="不属于本区事项",
            basis="《行政许可法》第三十二条",
        )
        r3 = received_here(xian_food, window_two)
        says(partners.xian, r3, "accept", "accepted")
        says(partners.xian, r3, "deliver", "completed")
    with at(3, 5):
        handed_out_there(partners.xian, IncomingApplication.objects.get(case=h1))
        r4 = received_here(baoji_food)
        says(partners.baoji, r4, "terminate", "terminated")
    with at(3, 6):
        r5 = received_here(baoji_food)
        says(partners.baoji, r5, "request_correction", "correction")
    statuses = dict(ForwardedApplication.objects.values_list("pk", "status"))
    assert [statuses[r.pk] for r in (r0, r1, r2, r3, r4, r5)] == [
        Forwarded.FORWARDED,
        Forwarded.ACCEPTED,
        Forwarded.REFUSED,
        Forwarded.DELIVERED,
        Forwarded.ENDED,
        Forwarded.CORRECTION,
    ]
    assert Case.objects.get(pk=h1.pk).status == "completed"
    return SimpleNamespace(
        handled=SimpleNamespace(h1=h1, h2=h2, h3=h3, h4=h4, local=local),
        windows=SimpleNamespace(one=desk_clerk.window, two=window_two),
        today=dt.date(2026, 3, 31),
    )


def by_partner(board) -> dict[str, Any]:
    return {row.partner.code: row for row in board.partners}


# --- Each role's counts -----------------------------------------------------------------------


def test_the_handling_zone_shows_what_it_handled_for_each_partner(both_ways, partners):
    board = cross_zone(march(), both_ways.today)
    rows = by_partner(board)
    assert list(rows) == ["BJGX", "XAGX"]  # by code
    assert vars(rows["XAGX"].handled) == {"accepted": 2, "completed": 1, "in_progress": 1}
    # 宝鸡's case was accepted in February; its refused application made no case.
    assert vars(rows["BJGX"].handled) == {"accepted": 0, "completed": 0, "in_progress": 1}
    assert vars(board.handled) == {"accepted": 2, "completed": 1, "in_progress": 2}


def test_handled_for_partners_is_part_of_the_main_figures(both_ways):
    main = queries.figures(march(), both_ways.today)
    board = cross_zone(march(), both_ways.today)
    # h1, h2 and the local case accepted in March; h1 completed; h2, h3 and the local case
    # in progress. The applications received here for partners are in none of them.
    assert (main.received, main.accepted, main.completed, main.in_progress) == (3, 3, 1, 3)
    assert board.handled.accepted <= main.accepted
    assert (board.handled.accepted, board.handled.completed) == (2, 1)
    assert main.in_progress - board.handled.in_progress == 1  # the local case
    assert main.refused == 0  # our refusal of 宝鸡's application is no case


def test_the_receiving_zone_shows_what_became_of_what_it_received(both_ways):
    board = cross_zone(march(), both_ways.today)
    rows = by_partner(board)
    assert vars(rows["XAGX"].received) == {
        "received": 3,
        "refused": 1,
        "in_progress": 1,
        "delivered": 1,
        "ended": 0,
    }
    # A correction asked for is still in progress; a case terminated there has ended.
    assert vars(rows["BJGX"].received) == {
        "received": 2,
        "refused": 0,
        "in_progress": 1,
        "delivered": 0,
        "ended": 1,
    }
    total = board.received
    assert total.received == 5  # not the one of February
    assert total.refused + total.in_progress + total.delivered + total.ended == total.received


def test_a_window_counts_what_it_received_and_the_cases_it_accepted(both_ways):
    board = cross_zone(march(window=both_ways.windows.two), both_ways.today)
    rows = by_partner(board)
    assert list(rows) == ["XAGX"]
    assert vars(rows["XAGX"].handled) == {"accepted": 1, "completed": 0, "in_progress": 1}
    assert (board.received.received, board.received.delivered) == (1, 1)  # r3

    board = cross_zone(march(window=both_ways.windows.one), both_ways.today)
    assert board.received.received == 4
    assert vars(board.handled) == {"accepted": 1, "completed": 1, "in_progress": 1}


def test_a_department_or_item_sees_what_it_handled_but_not_what_was_received(
    both_ways, approval_bureau, market_bureau, plain_item
):
    for filters in (march(department=approval_bureau), march(item_code=plain_item.code)):
        board = cross_zone(filters, both_ways.today)
        assert board.received is None and not board.received_applies
        assert vars(board.handled) == {"accepted": 2, "completed": 1, "in_progress": 2}
        assert all(row.received is None for row in board.partners)

    # Another department handled nothing for partners: no rows, and still no received.
    board = cross_zone(march(department=market_bureau), both_ways.today)
    assert board.partners == [] and board.received is None


def test_the_period_is_the_pages(both_ways):
    february = queries.Filters(start=dt.date(2026, 2, 1), end=dt.date(2026, 2, 28))
    board = cross_zone(february, both_ways.today)
    assert board.received.received == 1  # r0, still waiting for 西安
    assert board.received.in_progress == 1
    assert board.handled.accepted == 1  # h3
    # The last day of the period counts to its end, local time.
    last_day = queries.Filters(start=dt.date(2026, 3, 6), end=dt.date(2026, 3, 6))
    assert cross_zone(last_day, both_ways.today).received.received == 1  # r5


def test_the_figures_cost_three_queries_however_many_partners(both_ways, django_assert_num_queries):
    with django_assert_num_queries(3):
        cross_zone(march(), both_ways.today)
    for code in ("HZGX", "AKGX", "QDQ"):
        Partner.objects.create(code=code, name=code, base_url=f"https://{code}.example.cn")
    with django_assert_num_queries(3):
        cross_zone(march(), both_ways.today)
    with django_assert_num_queries(2):  # no received for a department
        cross_zone(march(department=both_ways.handled.h1.department), both_ways.today)


def test_a_zone_without_partners_shows_no_section(zone, db):
    assert cross_zone(march(), dt.date(2026, 3, 31)) is None
    assert [s.key for s in sections.compute(march(), dt.date(2026, 3, 31))] == []


def test_a_partner_with_nothing_in_the_period_has_no_row(zone, partners):
    board = cross_zone(march(), dt.date(2026, 3, 31))
    assert board is not None and board.partners == []
    assert vars(board.received)["received"] == 0


# --- Both zones at once: the same case in both roles -------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_added_up_the_zones_count_a_cross_zone_case_once(
    partner,  # noqa: F811  (this deployment as its own partner, behind the live server)
    plain_item,
    desk_clerk,
    approver,
):
    """Received here for the partner, accepted, decided and completed there, handed out
    here: this deployment is both zones, so its one database holds the application as the
    receiving zone's ``ForwardedApplication`` and as the handling zone's case."""
    ready = ready_here(partner, plain_item, desk_clerk, approver)
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
    settle(partner)
    case.refresh_from_db()
    assert case.status == "completed"

    today = timezone.localdate()
    year = queries.Filters(start=today.replace(month=1, day=1), end=today)
    # The main figures: the receiving zone's (nothing: the case is the partner's) and the
    # handling zone's (the case), added up — here, the one database — count it once.
    main = queries.figures(year, today)
    assert (main.received, main.accepted, main.completed) == (1, 1, 1)
    assert Case.objects.count() == 1
    # Each role counts it once.
    board = cross_zone(year, today)
    [row] = board.partners
    assert vars(row.handled) == {"accepted": 1, "completed": 1, "in_progress": 0}
    assert vars(row.received) == {
        "received": 1,
        "refused": 0,
        "in_progress": 0,
        "delivered": 1,
        "ended": 0,
    }


# --- The page, the export and the API ---------------------------------------------------------


def page(client, user, language: str, settings, **params: Any):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with at(3, 31):
        return client.get("/stats/", {"period": "month", **params})


@pytest.mark.parametrize(
    ("language", "heading", "total"),
    [("zh-hans", "跨区通办", "合计"), ("en", "Cross-zone handling", "Total")],
)
def test_the_section_renders_under_the_table(
    client, both_ways, supervisor, settings, language, heading, total
):
    response = page(client, supervisor, language, settings)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="stats-cross-zone"' in html
    section = html[html.index('data-testid="stats-cross-zone"') :]
    assert heading in section and total in section
    assert "西安高新区" in section and "宝鸡高新区" in section
    assert 'data-figure="handled-accepted">2<' in section
    assert 'data-figure="received-received">5<' in section
    assert 'data-testid="cross-zone-received-note"' in section
    assert 'data-testid="cross-zone-scope-note"' not in section
    # Under the main table, before the definitions.
    assert html.index('data-testid="stats-table"') < html.index('data-testid="stats-cross-zone"')
    assert html.index('data-testid="stats-cross-zone"') < html.index("stats-definitions")


def test_with_a_department_the_page_says_why_received_is_left_out(
    client, both_ways, supervisor, settings
):
    with translation.override("en"):
        response = page(client, supervisor, "en", settings, department="xzsp")
    section = response.content.decode().split('data-testid="stats-cross-zone"')[1]
    assert 'data-testid="cross-zone-scope-note"' in section
    assert "the department that handles them is the partner's" in section
    assert "received-received" not in section
    assert 'data-figure="handled-accepted">2<' in section


def test_a_zone_without_partners_has_no_section_on_the_page(client, zone, supervisor, settings):
    response = page(client, supervisor, "en", settings)
    assert response.status_code == 200
    assert "stats-cross-zone" not in response.content.decode()


def test_the_export_has_a_sheet_of_the_section(client, both_ways, supervisor, settings):
    client.force_login(supervisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with at(3, 31):
        response = client.get(reverse("stats_export"), {"period": "month"})
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[1] == "Cross-zone handling"
    rows = [list(r) for r in book["Cross-zone handling"].iter_rows(values_only=True)]
    header = next(r for r in rows if r and r[0] == "Partner zone")
    total = dict(zip(header, next(r for r in rows if r and r[0] == "Total"), strict=True))
    assert total["Handled for partner zones: accepted"] == 2
    assert total["Received for partner zones"] == 5
    assert total["of them result handed out"] == 1


def test_the_api_gives_the_section_under_its_key(both_ways, supervisor):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=supervisor).key}")
    with at(3, 31):
        body = client.get("/api/v1/stats/", {"period": "month"}).json()
        by_department = client.get("/api/v1/stats/", {"period": "month", "department": "xzsp"})
    section = body["sections"][KEY]
    assert section["handled"] == {"accepted": 2, "completed": 1, "in_progress": 2}
    assert section["received"] == {
        "received": 5,
        "refused": 1,
        "in_progress": 2,
        "delivered": 1,
        "ended": 1,
    }
    assert [p["code"] for p in section["partners"]] == ["BJGX", "XAGX"]
    assert section["partners"][1]["name"] == "西安高新区"
    assert body["figures"]["accepted"] == 3  # the main figures, without what was received
    assert by_department.json()["sections"][KEY]["received"] is None


def test_the_api_gives_null_for_a_zone_without_partners(zone, supervisor):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=supervisor).key}")
    with at(3, 31):
        body = client.get("/api/v1/stats/").json()
    assert body["sections"] == {KEY: None}


def test_the_section_is_in_the_openapi_document(client, supervisor):
    client.force_login(supervisor)
    schema = client.get(reverse("schema"), {"format": "json"}).json()
    components = schema["components"]["schemas"]
    assert KEY in components["Sections"]["properties"]
    assert set(components["CrossZone"]["properties"]) == {"handled", "received", "partners"}

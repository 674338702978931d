"""The catalog pages: anyone may search and read a guide; only administrators import."""

import re

from django.urls import reverse
from django.utils.translation import ngettext

from gaoxin.catalog import services
from gaoxin.catalog.steps import StepKind
from gaoxin.catalog.tests.factories import make_item


def test_anyone_can_search_the_catalog_without_signing_in(client, approval_bureau):
    make_item(approval_bureau, name="食品经营许可")
    page = client.get(reverse("catalog"), {"q": "spjy"})
    assert page.status_code == 200
    assert "食品经营许可" in page.text


def test_the_search_answers_htmx_with_the_results_only(client, approval_bureau):
    make_item(approval_bureau, name="食品经营许可")
    response = client.get(reverse("catalog"), {"q": "食品"}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.text
    assert "食品经营许可" in response.text


def test_the_guide_shows_what_an_applicant_needs(client, approval_bureau):
    item = make_item(approval_bureau)
    page = client.get(reverse("catalog_item", args=[item.code])).text
    for text in ["食品经营许可", "食品经营许可申请书", "委托他人办理的", "20", "食品经营许可证"]:
        assert text in page


def test_an_old_version_is_still_readable_and_says_so(client, approval_bureau, admin_user):
    first = make_item(approval_bureau)
    services.revise_item(actor=admin_user, item=first, promised_days=3)
    page = client.get(reverse("catalog_item_version", args=[first.code, 1])).text
    assert 'data-testid="guide-title"' in page
    assert reverse("catalog_item", args=[first.code]) in page


def test_an_unknown_item_is_not_found(client, db):
    assert client.get(reverse("catalog_item", args=["610402-XK-0000"])).status_code == 404


def test_the_catalog_page_runs_few_queries_whatever_its_length(
    client, approval_bureau, django_assert_max_num_queries
):
    for n in range(30):
        make_item(approval_bureau, name=f"食品经营许可{n}")
    with django_assert_max_num_queries(8):
        client.get(reverse("catalog"))


def test_import_and_export_are_for_catalog_administrators(client, clerk, admin_user):
    client.force_login(clerk)
    assert client.get(reverse("catalog_import")).status_code == 403
    assert client.get(reverse("catalog_export")).status_code == 403
    client.force_login(admin_user)
    assert client.get(reverse("catalog_import")).status_code == 200


def route_text(page: str) -> str:
    match = re.search(r'data-testid="guide-route">(.*?)</td>', page, re.S)
    assert match
    return re.sub(r"<[^>]+>", "", match.group(1))


def test_the_guide_shows_the_route_with_the_limit_of_each_step(
    client, approval_bureau, market_bureau
):
    item = make_item(
        approval_bureau,
        promised_days=10,
        head_approval=True,
        joint_department=market_bureau,
        step_days={"review": 4, "joint_review": 3},
    )
    route = route_text(client.get(reverse("catalog_item", args=[item.code])).text)
    steps = route.split(" → ")

    def counted(kind: StepKind, days: int) -> str:
        return ngettext(
            "%(label)s (%(days)s working day)", "%(label)s (%(days)s working days)", days
        ) % {"label": kind.label, "days": days}

    assert steps == [
        counted(StepKind.REVIEW, 4),
        # The inspection pauses the clock: it is marked as outside the limit.
        ngettext(
            "%(label)s (up to %(days)s working day, not counted in the time limit)",
            "%(label)s (up to %(days)s working days, not counted in the time limit)",
            5,
        )
        % {"label": StepKind.INSPECTION.label, "days": 5},
        # Who reviews jointly.
        ngettext(
            "%(label)s (%(department)s, %(days)s working day)",
            "%(label)s (%(department)s, %(days)s working days)",
            3,
        )
        % {"label": StepKind.JOINT_REVIEW.label, "department": "市场监督管理分局", "days": 3},
        counted(StepKind.HEAD_APPROVAL, 1),
        counted(StepKind.DECISION, 1),
        counted(StepKind.CERTIFICATE, 1),
    ]


def test_an_item_decided_on_the_spot_shows_its_steps_without_limits(client, approval_bureau):
    item = make_item(
        approval_bureau,
        handling="immediate",
        statutory_days=1,
        promised_days=0,
        special_procedures=[],
        needs_inspection=False,
        remote_inspection=False,
    )
    route = route_text(client.get(reverse("catalog_item", args=[item.code])).text)
    assert route == " → ".join(
        str(kind.label) for kind in (StepKind.REVIEW, StepKind.DECISION, StepKind.CERTIFICATE)
    )

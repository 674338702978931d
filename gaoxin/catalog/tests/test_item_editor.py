"""Editing one item on its page: a new version, with blank forms that applicants download."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gaoxin.catalog import services
from gaoxin.catalog.models import ServiceItem
from gaoxin.catalog.steps import ROUTE
from gaoxin.catalog.tests.factories import make_item

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def form_data(item, **changes):
    data = {
        "name": item.name,
        "kind": item.kind,
        "department": item.department_id,
        "handling": item.handling,
        "statutory_days": item.statutory_days,
        "promised_days": item.promised_days,
        "special_procedures": item.special_procedures,
        "conditions": item.conditions,
        "legal_basis": item.legal_basis,
        "fee": item.fee,
        "fee_basis": item.fee_basis,
        "location": item.location,
        "hours": item.hours,
        "visits": item.visits,
        "result_name": item.result_name,
        "result_type": item.result_type,
        "joint_department": item.joint_department_id or "",
    }
    for flag in (
        "online",
        "cross_zone",
        "allows_deficiency",
        "needs_inspection",
        "remote_inspection",
        "head_approval",
    ):
        if getattr(item, flag):
            data[flag] = "on"
    for kind in ROUTE:  # one box per step; blank takes the default share
        data[f"step_days_{kind}"] = item.step_days.get(kind, "")
    materials = services.material_values(item)
    data.update({"m-TOTAL_FORMS": len(materials), "m-INITIAL_FORMS": len(materials)})
    for index, material in enumerate(materials):
        for name, value in material.items():
            if name == "secondary":
                if value:
                    data[f"m-{index}-{name}"] = "on"
            else:
                data[f"m-{index}-{name}"] = value
    data.update(changes)
    return data


def test_an_administrator_revises_an_item_on_its_page(client, admin_user, approval_bureau):
    item = make_item(approval_bureau)
    client.force_login(admin_user)
    response = client.post(
        reverse("catalog_item_edit", args=[item.code]), form_data(item, promised_days=3)
    )
    assert response.status_code == 302
    current = ServiceItem.objects.get(code=item.code, is_current=True)
    assert (current.version, current.promised_days) == (2, 3)


def test_saving_without_a_change_keeps_the_version(client, admin_user, approval_bureau):
    item = make_item(approval_bureau)
    client.force_login(admin_user)
    client.post(reverse("catalog_item_edit", args=[item.code]), form_data(item))
    assert ServiceItem.objects.filter(code=item.code).count() == 1


def test_a_broken_rule_is_shown_and_the_input_kept(client, admin_user, approval_bureau):
    item = make_item(approval_bureau)
    client.force_login(admin_user)
    response = client.post(
        reverse("catalog_item_edit", args=[item.code]),
        form_data(item, promised_days=30, hours="工作日 8:30—17:00"),
    )
    assert response.status_code == 200
    assert 'value="工作日 8:30—17:00"' in response.text
    assert ServiceItem.objects.filter(code=item.code).count() == 1


def test_a_blank_form_is_attached_and_downloadable_by_anyone(client, admin_user, approval_bureau):
    item = make_item(approval_bureau)
    client.force_login(admin_user)
    data = form_data(item)
    data["m-0-blank_form"] = SimpleUploadedFile("申请书.pdf", PDF, content_type="application/pdf")
    client.post(reverse("catalog_item_edit", args=[item.code]), data)
    current = ServiceItem.objects.get(code=item.code, is_current=True)
    material = current.materials.first()
    assert material.blank_form
    client.logout()
    guide = client.get(reverse("catalog_item", args=[item.code])).text
    url = reverse("catalog_material_file", args=[material.pk, "blank_form"])
    assert url in guide
    response = client.get(url)
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # A later revision keeps the file for the same material.
    client.force_login(admin_user)
    client.post(reverse("catalog_item_edit", args=[item.code]), form_data(current, promised_days=4))
    newest = ServiceItem.objects.get(code=item.code, is_current=True)
    assert newest.version == 3 and newest.materials.first().blank_form


def test_a_text_file_is_not_accepted_as_a_blank_form(client, admin_user, approval_bureau):
    item = make_item(approval_bureau)
    client.force_login(admin_user)
    data = form_data(item)
    data["m-0-blank_form"] = SimpleUploadedFile(
        "申请书.pdf", b"hello", content_type="application/pdf"
    )
    response = client.post(reverse("catalog_item_edit", args=[item.code]), data)
    assert response.status_code == 200
    assert ServiceItem.objects.filter(code=item.code).count() == 1


def test_an_administrator_creates_a_new_item(client, admin_user, approval_bureau):
    client.force_login(admin_user)
    template = make_item(approval_bureau)
    data = form_data(template, code="610402-XK-0999", name="人力资源服务许可")
    response = client.post(reverse("catalog_item_new"), data)
    assert response.status_code == 302
    assert ServiceItem.objects.get(code="610402-XK-0999").name == "人力资源服务许可"


def test_the_editor_is_for_catalog_administrators(client, clerk, approval_bureau):
    item = make_item(approval_bureau)
    client.force_login(clerk)
    assert client.get(reverse("catalog_item_edit", args=[item.code])).status_code == 403


# --- the back-office route -----------------------------------------------------------------


def steps_shown(html: str) -> dict[str, bool]:
    """Each step box on the page, and whether it is shown (a step the route lacks is hidden)."""
    return {
        kind: not hidden
        for hidden, kind in re.findall(
            r'<div class="gx-step[^"]*"( hidden)? data-step="(\w+)"', html
        )
    }


def box(html: str, kind: str) -> str:
    match = re.search(rf'<input [^>]*name="step_days_{kind}"[^>]*>', html)
    assert match, kind
    return match.group(0)


def test_the_editor_shows_a_box_per_step_with_the_default_share(
    client, admin_user, approval_bureau, market_bureau
):
    item = make_item(approval_bureau, promised_days=5, step_days={"review": 2})
    client.force_login(admin_user)
    html = client.get(reverse("catalog_item_edit", args=[item.code])).text
    assert steps_shown(html) == {
        "review": True,
        "inspection": True,
        "joint_review": False,
        "head_approval": False,
        "decision": True,
        "certificate": True,
    }
    assert 'value="2"' in box(html, "review")
    assert 'placeholder="1"' in box(html, "decision")  # blank: the default share
    assert 'placeholder="5"' in box(html, "inspection")  # not counted in the limit
    # The owning department is no choice for a joint review.
    joint = re.search(r'<select name="joint_department".*?</select>', html, re.S).group(0)
    assert f'value="{market_bureau.pk}"' in joint
    assert f'value="{approval_bureau.pk}"' not in joint


def test_an_administrator_sets_the_route(client, admin_user, approval_bureau, market_bureau):
    item = make_item(approval_bureau, promised_days=5)
    client.force_login(admin_user)
    response = client.post(
        reverse("catalog_item_edit", args=[item.code]),
        form_data(
            item,
            head_approval="on",
            joint_department=market_bureau.pk,
            step_days_review="1",
            step_days_joint_review="1",
            step_days_head_approval="1",
            step_days_inspection="3",
        ),
    )
    assert response.status_code == 302
    current = ServiceItem.objects.get(code=item.code, is_current=True)
    assert (current.version, current.head_approval, current.joint_department) == (
        2,
        True,
        market_bureau,
    )
    assert current.step_days == {
        "review": 1,
        "inspection": 3,
        "joint_review": 1,
        "head_approval": 1,
    }


def test_steps_over_the_promised_limit_are_shown_by_the_boxes_and_kept(
    client, admin_user, approval_bureau
):
    item = make_item(approval_bureau, promised_days=5)
    client.force_login(admin_user)
    response = client.post(
        reverse("catalog_item_edit", args=[item.code]),
        form_data(item, step_days_review="4", step_days_decision="2", hours="工作日 8:30—17:00"),
    )
    assert response.status_code == 200
    html = response.text
    assert 'data-testid="step-days-error"' in html
    # 4 + 2 + the certificate's default day = 7, more than the promised 5.
    error = re.search(r'data-testid="step-days-error">([^<]*)<', html).group(1)
    assert "7" in error and "5" in error
    assert 'value="4"' in box(html, "review") and 'value="2"' in box(html, "decision")
    assert 'value="工作日 8:30—17:00"' in html
    assert ServiceItem.objects.filter(code=item.code).count() == 1


def test_a_negative_limit_is_refused_by_its_box(client, admin_user, approval_bureau):
    item = make_item(approval_bureau)
    client.force_login(admin_user)
    response = client.post(
        reverse("catalog_item_edit", args=[item.code]), form_data(item, step_days_review="-1")
    )
    assert response.status_code == 200
    assert 'data-testid="step-days-error"' in response.text
    assert 'value="-1"' in box(response.text, "review")
    assert ServiceItem.objects.filter(code=item.code).count() == 1


def test_a_joint_review_by_the_owning_department_is_refused_by_the_select(
    client, admin_user, approval_bureau
):
    item = make_item(approval_bureau)
    client.force_login(admin_user)
    response = client.post(
        reverse("catalog_item_edit", args=[item.code]),
        form_data(item, joint_department=approval_bureau.pk),
    )
    assert response.status_code == 200
    joint = re.search(
        r'<select name="joint_department".*?</select>\s*(<div[^>]*>[^<]*)', response.text, re.S
    )
    assert "invalid-feedback" in joint.group(1)
    # What was chosen is still chosen.
    assert f'<option value="{approval_bureau.pk}" selected>' in joint.group(0)
    assert ServiceItem.objects.filter(code=item.code).count() == 1


def test_a_box_left_filled_for_a_step_switched_off_is_not_a_limit(
    client, admin_user, approval_bureau
):
    item = make_item(approval_bureau, step_days={"inspection": 3})
    client.force_login(admin_user)
    data = form_data(item, step_days_inspection="3")
    del data["needs_inspection"], data["remote_inspection"]
    data["special_procedures"] = []
    response = client.post(reverse("catalog_item_edit", args=[item.code]), data)
    assert response.status_code == 302
    current = ServiceItem.objects.get(code=item.code, is_current=True)
    assert (current.needs_inspection, current.step_days) == (False, {})


def test_the_step_boxes_follow_the_route_as_it_is_edited(
    client, admin_user, approval_bureau, market_bureau
):
    client.force_login(admin_user)
    response = client.get(
        reverse("catalog_item_route"),
        {
            "department": approval_bureau.pk,
            "promised_days": "6",
            "head_approval": "on",
            "joint_department": market_bureau.pk,
            "step_days_review": "2",
            "step_days_inspection": "4",  # kept, hidden: no inspection now
        },
    )
    html = response.text
    assert steps_shown(html) == {
        "review": True,
        "inspection": False,
        "joint_review": True,
        "head_approval": True,
        "decision": True,
        "certificate": True,
    }
    assert 'value="2"' in box(html, "review") and 'value="4"' in box(html, "inspection")
    # 6 days: one each to certificate, decision and head, the rest shared by the reviews.
    assert 'placeholder="1"' in box(html, "head_approval")
    assert 'placeholder="2"' in box(html, "joint_review")
    total = re.search(r'data-testid="step-days-total"[^>]*>([^<]*)<', html).group(1)
    assert "6" in total and "7" in total  # 2 typed + 2 + 1 + 1 + 1 = 7 of 6


def test_the_route_fragment_is_for_catalog_administrators(client, clerk):
    client.force_login(clerk)
    assert client.get(reverse("catalog_item_route")).status_code == 403


def test_untouched_blank_material_rows_are_left_out(client, admin_user, approval_bureau):
    """The page offers two blank rows for new materials; saved as the browser sends them
    (each select on its first choice, one copy), they are not materials missing a name."""
    item = make_item(approval_bureau)
    client.force_login(admin_user)
    data = form_data(item, promised_days=4)
    count = data["m-TOTAL_FORMS"]
    data["m-TOTAL_FORMS"] = count + 2
    for index in (count, count + 1):
        data |= {f"m-{index}-kind": "original", f"m-{index}-need": "required"}
        data[f"m-{index}-copies"] = "1"
    response = client.post(reverse("catalog_item_edit", args=[item.code]), data)
    assert response.status_code == 302
    current = ServiceItem.objects.get(code=item.code, is_current=True)
    assert current.materials.count() == count

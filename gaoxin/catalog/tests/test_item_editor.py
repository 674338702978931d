"""Editing one item on its page: a new version, with blank forms that applicants download."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gaoxin.catalog import services
from gaoxin.catalog.models import ServiceItem
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
    }
    for flag in (
        "online",
        "cross_zone",
        "allows_deficiency",
        "needs_inspection",
        "remote_inspection",
    ):
        if getattr(item, flag):
            data[flag] = "on"
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

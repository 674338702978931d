"""Catalog items: the rules they keep, and versions that protect cases already received."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gaoxin.catalog import services
from gaoxin.catalog.models import ServiceItem
from gaoxin.catalog.tests.factories import FOOD_MATERIALS, make_item
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.models import AuditEntry


def test_an_item_is_created_with_its_materials_in_order(approval_bureau):
    item = make_item(approval_bureau)
    assert [m.name for m in item.materials.all()] == [m["name"] for m in FOOD_MATERIALS]
    assert item.name_initials == "spjyxk"
    assert item.name_pinyin == "shipinjingyingxuke"


def test_the_promised_limit_may_not_exceed_the_statutory_one(approval_bureau):
    with pytest.raises(ValidationError) as refused:
        make_item(approval_bureau, statutory_days=5, promised_days=10)
    assert "promised_days" in refused.value.message_dict


def test_the_database_keeps_the_same_rule(approval_bureau):
    item = make_item(approval_bureau)
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceItem.objects.filter(pk=item.pk).update(promised_days=30)


def test_remote_inspection_needs_an_inspection(approval_bureau):
    with pytest.raises(ValidationError):
        make_item(approval_bureau, needs_inspection=False, remote_inspection=True)


def test_an_item_needs_a_required_material(approval_bureau):
    with pytest.raises(DomainError):
        make_item(approval_bureau, materials=[{"name": "营业执照", "need": "optional"}])


def test_a_conditional_material_says_when(approval_bureau):
    with pytest.raises(DomainError):
        make_item(
            approval_bureau,
            materials=[
                {"name": "申请书", "need": "required"},
                {"name": "授权委托书", "need": "conditional"},
            ],
        )


def test_only_catalog_administrators_edit_the_catalog(approval_bureau, clerk):
    item = make_item(approval_bureau)
    with pytest.raises(NotAllowed):
        services.revise_item(actor=clerk, item=item, promised_days=3)


def test_a_revision_is_a_new_version_and_the_old_one_stays(approval_bureau, admin_user):
    first = make_item(approval_bureau)
    second = services.revise_item(actor=admin_user, item=first, promised_days=3)
    first.refresh_from_db()
    assert (first.version, first.is_current, first.promised_days) == (1, False, 5)
    assert (second.version, second.is_current, second.promised_days) == (2, True, 3)
    assert second.code == first.code
    # The old version keeps its own materials for the cases received under it.
    assert first.materials.count() == second.materials.count() == len(FOOD_MATERIALS)
    entry = AuditEntry.objects.get(action="catalog.revise_item")
    assert entry.changes == {"promised_days": [5, 3]}


def test_a_revision_that_changes_nothing_keeps_the_version(approval_bureau, admin_user):
    item = make_item(approval_bureau)
    same = services.revise_item(actor=admin_user, item=item, promised_days=5)
    assert same.pk == item.pk
    assert ServiceItem.objects.filter(code=item.code).count() == 1


def test_revising_a_stale_version_is_refused(approval_bureau, admin_user):
    first = make_item(approval_bureau)
    services.revise_item(actor=admin_user, item=first, promised_days=3)
    with pytest.raises(DomainError):
        services.revise_item(actor=admin_user, item=first, promised_days=4)


def test_materials_can_be_revised(approval_bureau, admin_user):
    item = make_item(approval_bureau)
    materials = [*FOOD_MATERIALS, {"name": "从业人员健康证明", "kind": "copy", "need": "required"}]
    revised = services.revise_item(actor=admin_user, item=item, materials=materials)
    assert revised.version == 2
    assert revised.materials.last().name == "从业人员健康证明"
    assert item.materials.count() == len(FOOD_MATERIALS)


def test_only_one_version_is_current(approval_bureau):
    item = make_item(approval_bureau)
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceItem.objects.create(
            code=item.code,
            version=2,
            is_current=True,
            name=item.name,
            kind=item.kind,
            department=approval_bureau,
            handling=item.handling,
            statutory_days=20,
            promised_days=5,
            result_name="x",
            result_type="other",
        )


def test_a_withdrawn_item_leaves_the_catalog_but_keeps_its_versions(approval_bureau, admin_user):
    item = make_item(approval_bureau)
    services.withdraw_item(actor=admin_user, item=item, reason="国务院取消该行政许可事项")
    assert not ServiceItem.objects.filter(code=item.code, is_current=True).exists()
    assert ServiceItem.objects.filter(code=item.code).count() == 1


def test_many_items_are_created_at_once_with_the_same_rules(approval_bureau, admin_user):
    entries = [
        {
            "code": f"610402-GG-{n:04d}",
            "name": name,
            "kind": "public_service",
            "department": approval_bureau,
            "handling": "immediate",
            "statutory_days": 1,
            "promised_days": 0,
            "result_name": "办理结果",
            "result_type": "other",
            "materials": [{"name": "居民身份证", "kind": "original", "need": "required"}],
        }
        for n, name in enumerate(["社会保障卡申领", "居住证签注"], start=1)
    ]
    created = services.create_items(actor=admin_user, items=entries)
    assert [item.name_initials for item in created] == ["shbzksl", "jzzqz"]
    assert sum(item.materials.count() for item in created) == 2
    with pytest.raises(DomainError):
        services.create_items(actor=admin_user, items=entries)

"""The demo zone's catalog (gaoxin/catalog/demo/items.py) keeps the rules the catalog enforces,
and is big and varied enough to show the software as a real zone would use it. No database."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal, InvalidOperation

import pytest

from gaoxin.catalog.demo.items import (
    DEFICIENCY,
    HEAD_APPROVAL,
    ITEMS,
    JOINT_REVIEW,
    KINDS,
    REGION,
    STEP_DAYS,
)
from gaoxin.catalog.models import (
    HandlingKind,
    ItemKind,
    Material,
    ResultType,
    ServiceItem,
    SpecialProcedure,
)
from gaoxin.catalog.steps import PAUSES_CLOCK, StepKind, check_step_days, default_days, kinds_of
from gaoxin.core.demo.organisation import DEPARTMENTS

APPROVALS = [item for item in ITEMS if item["kind"] != ItemKind.PUBLIC_SERVICE]
PUBLIC_SERVICES = [item for item in ITEMS if item["kind"] == ItemKind.PUBLIC_SERVICE]
MATERIALS = [(item, material) for item in ITEMS for material in item["materials"]]


def test_volume_meets_the_acceptance_criterion():
    assert len(APPROVALS) >= 275
    assert len(PUBLIC_SERVICES) >= 55


def test_every_kind_of_item_is_present():
    assert {item["kind"] for item in ITEMS} == set(ItemKind.values)


def test_codes_are_unique_and_well_formed():
    codes = [item["code"] for item in ITEMS]
    assert len(codes) == len(set(codes))
    abbrev_of = {kind: abbrev for abbrev, kind in KINDS.items()}
    pattern = re.compile(rf"^{REGION}-([A-Z]{{2}})-(\d{{4}})$")
    for item in ITEMS:
        match = pattern.match(item["code"])
        assert match, item["code"]
        assert match.group(1) == abbrev_of[item["kind"]], item["code"]


def test_names_are_unique_and_never_placeholders():
    names = [item["name"] for item in ITEMS]
    assert [name for name, n in Counter(names).items() if n > 1] == []
    for name in names:
        assert not re.search(r"测试|示例|样例|TODO|xxx|事项\d", name, re.IGNORECASE), name


def test_choices_are_the_models():
    for item in ITEMS:
        assert item["kind"] in ItemKind.values, item["code"]
        assert item["handling"] in HandlingKind.values, item["code"]
        assert item["result_type"] in ResultType.values, item["code"]
        procedures = item["special_procedures"]
        assert set(procedures) <= set(SpecialProcedure.values), item["code"]
        assert len(procedures) == len(set(procedures)), item["code"]
    for item, material in MATERIALS:
        assert material["kind"] in Material.Kind.values, (item["code"], material["name"])
        assert material["need"] in Material.Need.values, (item["code"], material["name"])


def test_departments_exist_in_the_demo_organisation():
    codes = {code for code, *_ in DEPARTMENTS}
    assert {item["department"] for item in ITEMS} <= codes


def test_the_approval_bureau_holds_the_largest_share():
    by_department = Counter(item["department"] for item in ITEMS)
    (largest, count), (_, runner_up) = by_department.most_common(2)
    assert largest == "xzsp"
    assert count >= 100
    assert count > runner_up


def test_promised_limit_within_statutory_limit():
    for item in ITEMS:
        assert 0 <= item["promised_days"] <= item["statutory_days"], item["code"]


def test_immediate_items_are_decided_on_the_day_or_the_next():
    immediate = [item for item in ITEMS if item["handling"] == HandlingKind.IMMEDIATE]
    assert immediate
    for item in immediate:
        assert item["promised_days"] in (0, 1), item["code"]


def test_inspection_flags_agree_with_the_procedures():
    for item in ITEMS:
        assert item["needs_inspection"] == ("inspection" in item["special_procedures"]), item[
            "code"
        ]
        if item["remote_inspection"]:
            assert item["needs_inspection"], item["code"]
    assert any(item["remote_inspection"] for item in ITEMS)


def test_every_item_has_two_to_eight_materials_and_one_required():
    for item in ITEMS:
        assert 2 <= len(item["materials"]) <= 8, item["code"]
        assert any(
            m["need"] == Material.Need.REQUIRED and not m["secondary"] for m in item["materials"]
        ), item["code"]
        names = [m["name"] for m in item["materials"]]
        assert len(names) == len(set(names)), item["code"]


def test_conditional_materials_say_when_they_are_needed():
    for item, material in MATERIALS:
        if material["need"] == Material.Need.CONDITIONAL:
            assert material["condition"].strip(), (item["code"], material["name"])
        else:
            assert material["condition"] == "", (item["code"], material["name"])
        assert material["copies"] >= 1
        assert material["source"].strip(), (item["code"], material["name"])


def test_secondary_materials_only_where_deficiency_is_allowed():
    for item in ITEMS:
        secondary = [m for m in item["materials"] if m["secondary"]]
        if item["allows_deficiency"]:
            assert 1 <= len(secondary) <= 2, item["code"]
            assert all(m["need"] != Material.Need.OPTIONAL for m in secondary), item["code"]
            # The application form itself is never owed.
            assert not item["materials"][0]["secondary"], item["code"]
        else:
            assert secondary == [], item["code"]
    assert {item["name"] for item in ITEMS if item["allows_deficiency"]} == set(DEFICIENCY)


def test_deficiency_and_cross_zone_shares_are_realistic():
    deficiency = sum(item["allows_deficiency"] for item in APPROVALS) / len(APPROVALS)
    cross_zone = sum(item["cross_zone"] for item in APPROVALS) / len(APPROVALS)
    assert 0.25 <= deficiency <= 0.4
    assert 0.5 <= cross_zone <= 0.7


def test_visits_and_online():
    for item in ITEMS:
        assert item["visits"] in (0, 1), item["code"]
        if item["visits"] == 0:
            assert item["online"], item["code"]


def test_fees_are_amounts_with_their_basis():
    for item in ITEMS:
        try:
            fee = Decimal(item["fee"])
        except InvalidOperation:  # pragma: no cover - the assertion says which
            pytest.fail(f"{item['code']}: fee {item['fee']!r} is not an amount")
        assert fee >= 0, item["code"]
        assert fee == fee.quantize(Decimal("0.01")), item["code"]
        if fee:
            assert item["fee_basis"], item["code"]
    assert any(Decimal(item["fee"]) for item in ITEMS)


def test_texts_are_filled_in_and_fit_their_fields():
    for item in ITEMS:
        for field in ("name", "conditions", "legal_basis", "location", "hours", "result_name"):
            assert item[field].strip(), (item["code"], field)
        assert "《" in item["legal_basis"], item["code"]
        for field in ("name", "fee_basis", "location", "hours", "result_name"):
            limit = ServiceItem._meta.get_field(field).max_length
            assert len(item[field]) <= limit, (item["code"], field)
    for item, material in MATERIALS:
        for field in ("name", "condition", "source", "standard"):
            limit = Material._meta.get_field(field).max_length
            assert len(material[field]) <= limit, (item["code"], material["name"], field)


def test_every_route_fits_its_promised_limit():
    for item in ITEMS:
        assert check_step_days(item) == {}, item["code"]


def test_head_approval_and_joint_review_are_a_realistic_few():
    routed = {item["name"]: item for item in ITEMS}
    assert {name for name, item in routed.items() if item["head_approval"]} == set(HEAD_APPROVAL)
    joint = {
        name: item["joint_department"] for name, item in routed.items() if item["joint_department"]
    }
    assert joint == JOINT_REVIEW
    assert {name for name, item in routed.items() if item["step_days"]} == set(STEP_DAYS)
    assert 8 <= len(HEAD_APPROVAL) <= 20
    assert 4 <= len(JOINT_REVIEW) <= 10
    assert "建设工程规划许可证核发" in HEAD_APPROVAL
    codes = {code for code, *_ in DEPARTMENTS}
    for name, department in JOINT_REVIEW.items():
        assert department in codes, name
        assert department != routed[name]["department"], name


def test_a_step_of_its_own_gets_at_least_a_working_day():
    """The head and the second department are never given 0 days; nor are the review and
    the decision of an item with an extra step (only the certificate may be made the same
    day)."""
    for item in ITEMS:
        if not (item["head_approval"] or item["joint_department"]):
            continue
        kinds = kinds_of(item)
        assert item["handling"] == HandlingKind.COMMITMENT, item["code"]
        days = {**default_days(kinds, item["promised_days"]), **item["step_days"]}
        for kind in kinds:
            if kind not in PAUSES_CLOCK and kind != StepKind.CERTIFICATE:
                assert days[kind] >= 1, (item["code"], kind)

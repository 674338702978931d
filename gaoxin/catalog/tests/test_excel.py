"""The catalog out to Excel and back in: a clean file changes only what it changes, a broken file
is refused row by row and changes nothing."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from gaoxin.catalog import services
from gaoxin.catalog.excel import (
    ITEMS_SHEET,
    MATERIALS_SHEET,
    ImportReport,
    RowError,
    export_catalog,
    import_catalog,
)
from gaoxin.catalog.models import ServiceItem
from gaoxin.catalog.steps import StepKind
from gaoxin.core.errors import NotAllowed
from gaoxin.core.models import AuditEntry

MATERIALS = [
    {"name": "食品经营许可申请书", "kind": "original", "need": "required", "standard": "填写完整"},
    {"name": "营业执照", "kind": "copy", "need": "required"},
    {
        "name": "授权委托书",
        "kind": "original",
        "need": "conditional",
        "condition": "委托他人办理的",
    },
    {"name": "食品安全管理制度文本", "need": "required", "secondary": True},
]


def make_item(actor, department, code: str, **overrides: Any) -> ServiceItem:
    values: dict[str, Any] = {
        "name": "食品经营许可",
        "kind": "licensing",
        "department": department,
        "handling": "commitment",
        "statutory_days": 20,
        "promised_days": 5,
        "special_procedures": ["inspection", "expert_review"],
        "conditions": "具有与经营的食品品种、数量相适应的经营场所。\n有食品安全管理人员。",
        "legal_basis": "《中华人民共和国食品安全法》第三十五条",
        "fee": Decimal("0"),
        "location": "政务服务中心一楼综合受理窗口",
        "hours": "工作日 9:00—17:30",
        "visits": 1,
        "online": True,
        "cross_zone": True,
        "allows_deficiency": True,
        "needs_inspection": True,
        "remote_inspection": True,
        "result_name": "食品经营许可证",
        "result_type": "certificate",
        "materials": MATERIALS,
    }
    values.update(overrides)
    return services.create_item(actor=actor, code=code, **values)


@pytest.fixture
def catalog(admin_user, approval_bureau, market_bureau) -> dict[str, ServiceItem]:
    return {
        "XK-001": make_item(admin_user, market_bureau, "XK-001"),
        "QR-002": make_item(
            admin_user,
            approval_bureau,
            "QR-002",
            name="建设工程消防验收备案",
            kind="filing",
            handling="immediate",
            statutory_days=1,
            promised_days=0,
            special_procedures=[],
            fee=Decimal("120.50"),
            fee_basis="陕价费发〔2020〕1号",
            online=False,
            cross_zone=False,
            allows_deficiency=False,
            needs_inspection=False,
            remote_inspection=False,
            result_name="备案回执",
            result_type="filing",
            materials=[{"name": "备案申请表", "kind": "electronic", "need": "required"}],
        ),
        "GG-003": make_item(
            admin_user,
            approval_bureau,
            "GG-003",
            name='=HYPERLINK("http://example.com")',
            kind="public_service",
            special_procedures=["hearing"],
        ),
    }


# --- helpers ------------------------------------------------------------------------------


def open_book(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def column(sheet, header: str) -> int:
    for cell in sheet[1]:
        if cell.value == header:
            return cell.column
    raise AssertionError(f"no column {header}")


def row_of(sheet, code: str) -> int:
    for (cell,) in sheet.iter_rows(min_row=2, max_col=1):
        if cell.value == code:
            return cell.row
    raise AssertionError(f"no row {code}")


def put(sheet, row: int, header: str, value: Any) -> None:
    sheet.cell(row=row, column=column(sheet, header)).value = value  # None empties the cell


def read(actor, data: bytes, *, dry_run: bool) -> ImportReport:
    return import_catalog(actor=actor, file=io.BytesIO(data), dry_run=dry_run)


def where(report: ImportReport) -> list[tuple[str, int, str]]:
    return [(e.sheet, e.row, e.column) for e in report.errors]


def snapshot() -> tuple[list[tuple[str, int, bool]], int]:
    items = sorted(ServiceItem.objects.values_list("code", "version", "is_current"))
    return items, AuditEntry.objects.count()


# --- export -------------------------------------------------------------------------------


def test_the_export_speaks_the_words_of_an_excel_user(catalog):
    book = open_book(export_catalog())
    assert book.sheetnames == [ITEMS_SHEET, MATERIALS_SHEET]
    items = book[ITEMS_SHEET]
    assert items.freeze_panes == "B2"
    assert all(cell.font.bold for cell in items[1])
    headers = [cell.value for cell in items[1]]
    assert headers[:6] == [
        "事项编码",
        "事项名称",
        "事项类型",
        "实施部门编码",
        "实施部门名称",
        "办件类型",
    ]
    assert items.column_dimensions["B"].width >= 30

    rows = {r[0]: dict(zip(headers, r, strict=True)) for r in items.iter_rows(2, values_only=True)}
    food = rows["XK-001"]
    assert food["事项类型"] == "行政许可"
    assert food["实施部门编码"] == "scjg"
    assert food["实施部门名称"] == "市场监督管理分局"
    assert food["办件类型"] == "承诺件"
    assert food["法定时限(工作日)"] == 20
    assert food["承诺时限(工作日)"] == 5
    assert food["特别程序"] == "现场踏勘、专家评审"
    assert food["网上可办"] == "是"
    assert food["可远程踏勘"] == "是"
    assert food["结果类型"] == "证照"
    filing = rows["QR-002"]
    assert (filing["事项类型"], filing["办件类型"], filing["结果类型"]) == (
        "行政备案",
        "即办件",
        "备案回执",
    )
    assert filing["收费标准(元)"] == 120.5
    assert filing["特别程序"] is None
    assert filing["网上可办"] == "否"
    assert rows["GG-003"]["事项类型"] == "公共服务"
    # A name that looks like a formula is written as text, never run as a formula.
    assert rows["GG-003"]["事项名称"] == '=HYPERLINK("http://example.com")'
    assert items.cell(row_of(items, "GG-003"), 2).data_type == "s"

    materials = book[MATERIALS_SHEET]
    assert [c.value for c in materials[1]] == [
        "事项编码", "序号", "材料名称", "材料形式", "必要性", "情形说明", "份数", "来源渠道",
        "受理标准", "可容缺",
    ]  # fmt: skip
    food_materials = [r for r in materials.iter_rows(2, values_only=True) if r[0] == "XK-001"]
    assert [r[1:6] for r in food_materials] == [
        (1, "食品经营许可申请书", "原件", "必要", None),
        (2, "营业执照", "复印件", "必要", None),
        (3, "授权委托书", "原件", "情形必要", "委托他人办理的"),
        (4, "食品安全管理制度文本", "原件", "必要", None),
    ]
    assert food_materials[3][9] == "是"
    assert [r[3] for r in materials.iter_rows(2, values_only=True) if r[0] == "QR-002"] == [
        "电子件"
    ]


def test_the_export_reads_the_catalog_in_two_queries(catalog, django_assert_num_queries):
    with django_assert_num_queries(2):
        export_catalog()


def test_an_old_version_is_not_exported(catalog, admin_user):
    services.revise_item(actor=admin_user, item=catalog["XK-001"], promised_days=3)
    items = open_book(export_catalog())[ITEMS_SHEET]
    codes = [r[0] for r in items.iter_rows(2, values_only=True)]
    assert sorted(codes) == ["GG-003", "QR-002", "XK-001"]
    assert items.cell(row_of(items, "XK-001"), column(items, "承诺时限(工作日)")).value == 3


# --- import: clean files ------------------------------------------------------------------


def test_an_exported_catalog_imports_back_unchanged(catalog, admin_user):
    data = export_catalog()
    before = snapshot()

    report = read(admin_user, data, dry_run=True)
    assert report == ImportReport(unchanged=3, applied=False)
    assert snapshot() == before

    report = read(admin_user, data, dry_run=False)
    assert report.applied
    assert (report.errors, report.to_create, report.to_revise) == ([], [], [])
    # Unchanged items keep their version; the import itself is on the record.
    assert sorted(ServiceItem.objects.values_list("code", "version")) == [
        ("GG-003", 1),
        ("QR-002", 1),
        ("XK-001", 1),
    ]
    entry = AuditEntry.objects.get(action="catalog.import")
    assert entry.actor == admin_user
    assert entry.changes == {"created": 0, "revised": 0}


def test_a_changed_promised_limit_is_reported_and_a_dry_run_writes_nothing(catalog, admin_user):
    book = open_book(export_catalog())
    items = book[ITEMS_SHEET]
    put(items, row_of(items, "XK-001"), "承诺时限(工作日)", 3)
    before = snapshot()

    report = read(admin_user, save(book), dry_run=True)

    assert report.errors == []
    assert report.to_revise == [("XK-001", ["promised_days"])]
    assert report.to_create == []
    assert report.unchanged == 2
    assert not report.applied
    assert snapshot() == before


def test_the_import_writes_version_2_and_keeps_version_1(catalog, admin_user):
    book = open_book(export_catalog())
    items = book[ITEMS_SHEET]
    put(items, row_of(items, "XK-001"), "承诺时限(工作日)", 3)

    report = read(admin_user, save(book), dry_run=False)

    assert report.applied
    versions = ServiceItem.objects.filter(code="XK-001").order_by("version")
    assert [(v.version, v.is_current, v.promised_days) for v in versions] == [
        (1, False, 5),
        (2, True, 3),
    ]
    current = versions.get(version=2)
    assert [m.name for m in current.materials.all()] == [m["name"] for m in MATERIALS]
    assert current.materials.get(name="授权委托书").condition == "委托他人办理的"
    assert current.special_procedures == ["inspection", "expert_review"]
    assert current.created_by == admin_user
    assert ServiceItem.objects.get(code="QR-002").version == 1
    assert AuditEntry.objects.get(action="catalog.import").changes == {"created": 0, "revised": 1}
    assert AuditEntry.objects.filter(action="catalog.revise_item").count() == 1


def test_a_new_row_creates_an_item(catalog, admin_user):
    book = open_book(export_catalog())
    items, materials = book[ITEMS_SHEET], book[MATERIALS_SHEET]
    row = items.max_row + 1
    for header, value in {
        "事项编码": "XK-104",
        "事项名称": "药品零售企业许可",
        "事项类型": "行政许可",
        "实施部门编码": "scjg",
        "办件类型": "承诺件",
        "法定时限(工作日)": 15,
        "承诺时限(工作日)": 7,
        "特别程序": "现场踏勘，公示",
        "收费标准(元)": "免费",
        "到现场次数": 0,
        "网上可办": "是",
        "需现场踏勘": "是",
        "办理结果": "药品经营许可证",
        "结果类型": "证照",
    }.items():
        put(items, row, header, value)
    materials.append(["XK-104", 2, "质量管理文件", "复印件", "非必要", None, 2, None, None, "否"])
    materials.append(["XK-104", 1, "申请书", None, None, None, None, "申请人自备", None, None])

    report = read(admin_user, save(book), dry_run=False)

    assert report.errors == []
    assert report.to_create == ["XK-104"]
    assert report.unchanged == 3
    item = ServiceItem.objects.get(code="XK-104")
    assert (item.version, item.kind, item.handling, item.department.code) == (
        1,
        "licensing",
        "commitment",
        "scjg",
    )
    assert (item.statutory_days, item.promised_days, item.visits, item.fee) == (15, 7, 0, 0)
    assert item.special_procedures == ["inspection", "public_notice"]
    assert (item.online, item.needs_inspection, item.remote_inspection, item.cross_zone) == (
        True,
        True,
        False,
        False,
    )
    assert item.result_type == "certificate"
    assert [(m.name, m.kind, m.need, m.copies, m.source) for m in item.materials.all()] == [
        ("申请书", "original", "required", 1, "申请人自备"),
        ("质量管理文件", "copy", "optional", 2, ""),
    ]
    assert AuditEntry.objects.get(action="catalog.import").changes == {"created": 1, "revised": 0}


def test_a_changed_material_revises_its_item(catalog, admin_user):
    book = open_book(export_catalog())
    materials = book[MATERIALS_SHEET]
    for row in materials.iter_rows(min_row=2):
        if row[0].value == "QR-002":
            row[2].value = "消防验收备案申请表"

    report = read(admin_user, save(book), dry_run=False)

    assert report.to_revise == [("QR-002", ["materials"])]
    current = ServiceItem.objects.get(code="QR-002", is_current=True)
    assert current.version == 2
    assert [m.name for m in current.materials.all()] == ["消防验收备案申请表"]


def test_cells_are_read_as_people_type_them(catalog, admin_user):
    book = open_book(export_catalog())
    items = book[ITEMS_SHEET]
    row = row_of(items, "XK-001")
    put(items, row, "法定时限(工作日)", 20.0)
    put(items, row, "承诺时限(工作日)", " 5 ")
    put(items, row, "网上可办", True)
    put(items, row, "可跨区通办", " 是 ")
    put(items, row, "可容缺受理", "TRUE")
    put(items, row, "特别程序", "专家评审、 现场踏勘")  # another order, a stray space
    put(items, row, "事项类型", " 行政许可 ")
    put(items, row, "实施部门编码", " scjg ")
    put(items, row_of(items, "QR-002"), "收费标准(元)", "120.5")
    put(items, row_of(items, "QR-002"), "可远程踏勘", "FALSE")
    items.cell(1, column(items, "法定时限(工作日)"), "法定时限（工作日）")  # full-width brackets
    items.insert_rows(3)  # an empty row in the middle is skipped

    report = read(admin_user, save(book), dry_run=True)

    assert report.errors == []
    assert report.unchanged == 3


def test_a_changed_fee_is_read_to_the_fen(catalog, admin_user):
    book = open_book(export_catalog())
    items = book[ITEMS_SHEET]
    put(items, row_of(items, "QR-002"), "收费标准(元)", "88.8")

    report = read(admin_user, save(book), dry_run=False)

    assert report.to_revise == [("QR-002", ["fee"])]
    assert ServiceItem.objects.get(code="QR-002", is_current=True).fee == Decimal("88.80")


def test_items_absent_from_the_file_are_listed_and_left_alone(catalog, admin_user):
    book = open_book(export_catalog())
    items, materials = book[ITEMS_SHEET], book[MATERIALS_SHEET]
    items.delete_rows(row_of(items, "QR-002"))
    materials.delete_rows(row_of(materials, "QR-002"))

    report = read(admin_user, save(book), dry_run=False)

    assert report.applied
    assert report.absent == ["QR-002"]
    assert report.unchanged == 2
    assert ServiceItem.objects.get(code="QR-002").is_current


# --- import: refused files ----------------------------------------------------------------


def test_a_broken_file_is_refused_with_one_error_per_problem(catalog, admin_user):
    book = open_book(export_catalog())
    items, materials = book[ITEMS_SHEET], book[MATERIALS_SHEET]
    food, filing, public = (row_of(items, c) for c in ("XK-001", "QR-002", "GG-003"))
    put(items, food, "承诺时限(工作日)", 30)  # more than the statutory 20
    put(items, filing, "实施部门编码", "nosuch")
    put(items, public, "事项类型", "行政许可证")
    put(items, public, "法定时限(工作日)", "二十")
    put(items, public, "收费标准(元)", -5)
    materials.append(["XX-999", 1, "申请书", "原件", "必要", None, 1, None, None, "否"])
    first_material = 2
    put(materials, first_material, "份数", 1.5)
    before = snapshot()

    report = read(admin_user, save(book), dry_run=False)

    assert sorted(where(report)) == sorted(
        [
            (ITEMS_SHEET, food, "承诺时限(工作日)"),
            (ITEMS_SHEET, filing, "实施部门编码"),
            (ITEMS_SHEET, public, "事项类型"),
            (ITEMS_SHEET, public, "法定时限(工作日)"),
            (ITEMS_SHEET, public, "收费标准(元)"),
            (MATERIALS_SHEET, first_material, "份数"),
            (MATERIALS_SHEET, materials.max_row, "事项编码"),
        ]
    )
    # Listed as a reader goes through the workbook: the items sheet first, row by row.
    assert [e.sheet for e in report.errors] == [ITEMS_SHEET] * 5 + [MATERIALS_SHEET] * 2
    assert [e.row for e in report.errors[:5]] == sorted(e.row for e in report.errors[:5])
    assert all(isinstance(e, RowError) and e.reason for e in report.errors)
    assert (
        "nosuch" in report.errors[where(report).index((ITEMS_SHEET, filing, "实施部门编码"))].reason
    )
    assert not report.applied
    assert snapshot() == before


def test_codes_twice_items_without_a_required_material_and_unexplained_conditions(
    catalog, admin_user
):
    book = open_book(export_catalog())
    items, materials = book[ITEMS_SHEET], book[MATERIALS_SHEET]
    copy = [cell.value for cell in items[row_of(items, "XK-001")]]
    items.append(copy)
    twice = items.max_row
    for row in materials.iter_rows(min_row=2):
        if row[0].value == "QR-002":
            row[4].value = "非必要"
        if row[0].value == "XK-001" and row[2].value == "授权委托书":
            row[5].value = None
            unexplained = row[0].row

    report = read(admin_user, save(book), dry_run=True)

    assert sorted(where(report)) == sorted(
        [
            (ITEMS_SHEET, row_of(items, "QR-002"), "事项编码"),
            (ITEMS_SHEET, twice, "事项编码"),
            (MATERIALS_SHEET, unexplained, "情形说明"),
        ]
    )
    duplicate = next(e for e in report.errors if e.row == twice)
    assert str(row_of(items, "XK-001")) in duplicate.reason


def test_a_withdrawn_item_cannot_come_back_by_import(catalog, admin_user):
    data = export_catalog()
    services.withdraw_item(actor=admin_user, item=catalog["GG-003"], reason="事项取消")

    report = read(admin_user, data, dry_run=True)

    assert where(report) == [
        (ITEMS_SHEET, row_of(open_book(data)[ITEMS_SHEET], "GG-003"), "事项编码")
    ]
    assert not report.applied


def test_a_clerk_is_refused_even_a_dry_run(catalog, clerk):
    with pytest.raises(NotAllowed):
        read(clerk, export_catalog(), dry_run=True)


def test_a_file_that_is_not_excel_gives_one_clear_error(catalog, admin_user):
    before = snapshot()
    for data in (b"%PDF-1.7\n...", b"PK\x03\x04 not really a zip", b""):
        report = read(admin_user, data, dry_run=False)
        assert len(report.errors) == 1
        assert (report.errors[0].sheet, report.errors[0].row) == ("", 0)
        assert "Excel" in report.errors[0].reason
        assert not report.applied
    assert snapshot() == before


def test_a_missing_sheet_or_column_gives_one_error(catalog, admin_user):
    book = open_book(export_catalog())
    del book[MATERIALS_SHEET]
    report = read(admin_user, save(book), dry_run=True)
    assert where(report) == [(MATERIALS_SHEET, 0, "")]

    book = open_book(export_catalog())
    book[ITEMS_SHEET].cell(1, column(book[ITEMS_SHEET], "办件类型"), "办件")
    report = read(admin_user, save(book), dry_run=True)
    assert where(report) == [(ITEMS_SHEET, 1, "办件类型")]

    report = read(admin_user, save(Workbook()), dry_run=True)
    assert where(report) == [(ITEMS_SHEET, 0, ""), (MATERIALS_SHEET, 0, "")]


def test_a_file_over_the_size_limit_is_refused_unread(catalog, admin_user, settings):
    data = export_catalog()
    settings.UPLOAD_MAX_BYTES = len(data) - 1
    report = read(admin_user, data, dry_run=True)
    assert where(report) == [("", 0, "")]
    assert not report.applied


def test_a_fee_below_the_fen_and_a_huge_number_are_refused(catalog, admin_user):
    book = open_book(export_catalog())
    items = book[ITEMS_SHEET]
    row = row_of(items, "QR-002")
    put(items, row, "收费标准(元)", "12.345")
    put(items, row, "到现场次数", 100000)

    report = read(admin_user, save(book), dry_run=True)

    assert where(report) == [
        (ITEMS_SHEET, row, "收费标准(元)"),
        (ITEMS_SHEET, row, "到现场次数"),
    ]


def test_line_breaks_typed_in_a_web_form_survive_the_round_trip(catalog, admin_user):
    services.revise_item(
        actor=admin_user, item=catalog["XK-001"], conditions="有经营场所；\r\n有管理人员。"
    )
    report = read(admin_user, export_catalog(), dry_run=True)
    assert (report.errors, report.to_revise, report.unchanged) == ([], [], 3)


def test_the_import_reads_the_catalog_in_the_same_few_queries_whatever_its_size(
    catalog, admin_user, approval_bureau
):
    def queries() -> int:
        data = export_catalog()
        with CaptureQueriesContext(connection) as captured:
            report = read(admin_user, data, dry_run=True)
        assert report.errors == []
        return len(captured)

    few = queries()
    for n in range(10):
        make_item(admin_user, approval_bureau, f"XK-2{n:02d}")
    assert queries() == few <= 5


# --- the back-office route: head approval, joint review, limits of the steps ---------------

HEAD, JOINT, STEPS = "负责人审批", "联合审批部门", "环节时限(工作日)"


@pytest.fixture
def routed(catalog, admin_user, approval_bureau) -> dict[str, ServiceItem]:
    """XK-001 (市场监管) with a joint review by the approval bureau and the head's approval,
    the promised limit split by default; GG-003 with its own limits for the steps."""
    return {
        **catalog,
        "XK-001": services.revise_item(
            actor=admin_user,
            item=catalog["XK-001"],
            head_approval=True,
            joint_department=approval_bureau,
        ),
        "GG-003": services.revise_item(
            actor=admin_user,
            item=catalog["GG-003"],
            step_days={"review": 2, "inspection": 3, "decision": 2, "certificate": 1},
        ),
    }


def test_the_route_is_exported_in_words(routed):
    items = open_book(export_catalog())[ITEMS_SHEET]
    headers = [cell.value for cell in items[1]]
    assert headers.index(HEAD) < headers.index(JOINT) < headers.index(STEPS)
    rows = {r[0]: dict(zip(headers, r, strict=True)) for r in items.iter_rows(2, values_only=True)}
    assert (rows["XK-001"][HEAD], rows["XK-001"][JOINT], rows["XK-001"][STEPS]) == (
        "是",
        "行政审批服务局",
        None,  # blank: the promised limit is split by default
    )
    # In the order of the route, whatever the order of the stored limits.
    assert rows["GG-003"][STEPS] == "审查2;现场踏勘3;决定2;制证1"
    assert (rows["GG-003"][HEAD], rows["GG-003"][JOINT]) == ("否", None)
    # The header says how to write the limits.
    assert "审查3;决定1;制证1" in items.cell(1, column(items, STEPS)).comment.text


def test_the_route_comes_back_unchanged(routed, admin_user):
    report = read(admin_user, export_catalog(), dry_run=True)
    assert (report.errors, report.to_revise, report.unchanged) == ([], [], 3)


def test_route_cells_are_read_as_people_type_them(routed, admin_user):
    book = open_book(export_catalog())
    items = book[ITEMS_SHEET]
    put(items, row_of(items, "XK-001"), JOINT, " 审批局 ")  # the short name
    put(items, row_of(items, "XK-001"), HEAD, "yes")
    put(
        items,
        row_of(items, "GG-003"),
        STEPS,
        "审查：2；现场踏勘 3个工作日、决定（2个工作日）→制证1天",
    )
    items.cell(1, column(items, STEPS), "环节时限（工作日）")

    report = read(admin_user, save(book), dry_run=True)

    assert (report.errors, report.to_revise, report.unchanged) == ([], [], 3)


def test_a_route_is_changed_through_the_file(routed, admin_user, market_bureau):
    book = open_book(export_catalog())
    items = book[ITEMS_SHEET]
    row = row_of(items, "GG-003")
    put(items, row, HEAD, "是")
    put(items, row, JOINT, "scjg")  # the code
    put(items, row, STEPS, "审查1;联合审批1;负责人审批1;决定1;制证1")
    put(items, row_of(items, "XK-001"), JOINT, None)

    report = read(admin_user, save(book), dry_run=False)

    assert report.errors == []
    assert sorted(report.to_revise) == [
        ("GG-003", ["head_approval", "joint_department", "step_days"]),
        ("XK-001", ["joint_department"]),
    ]
    public = ServiceItem.objects.get(code="GG-003", is_current=True)
    assert (public.head_approval, public.joint_department, public.step_days) == (
        True,
        market_bureau,
        {"review": 1, "joint_review": 1, "head_approval": 1, "decision": 1, "certificate": 1},
    )
    food = ServiceItem.objects.get(code="XK-001", is_current=True)
    assert (food.head_approval, food.joint_department) == (True, None)


def test_a_bad_route_is_refused_cell_by_cell(routed, admin_user):
    book = open_book(export_catalog())
    items, materials = book[ITEMS_SHEET], book[MATERIALS_SHEET]
    food, public, filing = (row_of(items, c) for c in ("XK-001", "GG-003", "QR-002"))
    put(items, food, JOINT, "消防救援大队")  # no such department
    put(items, food, HEAD, "需要")
    put(items, public, STEPS, "审查3;决定2;制证1")  # 6 working days, promised 5
    put(items, filing, JOINT, "行政审批服务局")  # its own department
    new_rows = []
    for code, steps in (
        ("XK-004", "审核3;制证1"),  # a step that does not exist
        ("XK-005", "审查三天"),  # no number
        ("XK-006", "审查1;审查1"),  # twice
    ):
        items.append([code, *[cell.value for cell in items[food]][1:]])
        new_rows.append(items.max_row)
        put(items, items.max_row, JOINT, None)
        put(items, items.max_row, HEAD, "否")
        put(items, items.max_row, STEPS, steps)
        materials.append([code, 1, "申请书", "原件", "必要", None, 1, None, None, "否"])
    before = snapshot()

    report = read(admin_user, save(book), dry_run=False)

    assert where(report) == [
        (ITEMS_SHEET, food, HEAD),
        (ITEMS_SHEET, food, JOINT),
        (ITEMS_SHEET, public, STEPS),
        (ITEMS_SHEET, filing, JOINT),
        *[(ITEMS_SHEET, row, STEPS) for row in new_rows],
    ]
    reasons = [e.reason for e in report.errors]
    assert "消防救援大队" in reasons[1]
    assert reasons[3] == _("A joint review is by a second department, not the owning one.")
    assert "6" in reasons[2] and "5" in reasons[2]
    assert "审核" in reasons[4] and "负责人审批" in reasons[4]
    assert "审查三天" in reasons[5] and "审查3;决定1;制证1" in reasons[5]
    assert "审查" in reasons[6]
    assert not report.applied
    assert snapshot() == before


def test_steps_the_item_does_not_have_are_refused(routed, admin_user):
    book = open_book(export_catalog())
    items = book[ITEMS_SHEET]
    row = row_of(items, "QR-002")  # no inspection, no joint review: 审查 → 决定 → 制证
    put(items, row, STEPS, "审查0;联合审批0")

    report = read(admin_user, save(book), dry_run=True)

    assert where(report) == [(ITEMS_SHEET, row, STEPS)]
    assert str(StepKind.JOINT_REVIEW.label) in report.errors[0].reason


def test_a_shorter_promised_limit_must_still_hold_the_steps(routed, admin_user):
    book = open_book(export_catalog())
    items = book[ITEMS_SHEET]
    row = row_of(items, "GG-003")  # its steps take 5 working days
    put(items, row, "承诺时限(工作日)", 4)

    report = read(admin_user, save(book), dry_run=True)

    assert where(report) == [(ITEMS_SHEET, row, STEPS)]


def test_a_file_made_before_the_route_columns_keeps_the_route(routed, admin_user):
    book = open_book(export_catalog())
    items = book[ITEMS_SHEET]
    for header in (STEPS, JOINT, HEAD):
        items.delete_cols(column(items, header))
    put(items, row_of(items, "XK-001"), "承诺时限(工作日)", 4)
    put(items, row_of(items, "GG-003"), "承诺时限(工作日)", 4)  # too short for its steps
    copy = [cell.value for cell in items[row_of(items, "QR-002")]]
    copy[0] = "QR-007"
    items.append(copy)
    book[MATERIALS_SHEET].append(["QR-007", 1, "备案表", "原件", "必要", None, 1, None, None, "否"])

    report = read(admin_user, save(book), dry_run=True)
    assert where(report) == [(ITEMS_SHEET, row_of(items, "GG-003"), STEPS)]

    put(items, row_of(items, "GG-003"), "承诺时限(工作日)", 5)
    report = read(admin_user, save(book), dry_run=False)

    assert report.errors == []
    assert (report.to_create, report.to_revise) == (["QR-007"], [("XK-001", ["promised_days"])])
    food = ServiceItem.objects.get(code="XK-001", is_current=True)
    assert (food.promised_days, food.head_approval, food.joint_department.code) == (4, True, "xzsp")
    new = ServiceItem.objects.get(code="QR-007")
    assert (new.head_approval, new.joint_department, new.step_days) == (False, None, {})

"""The whole catalog as an Excel workbook, out and back in, for the catalog administrator.

The workbook is a data-exchange format, like the provincial templates it imitates: its sheet
names, column headers and the words in enumeration cells (行政许可, 即办件, 是/否 …) are fixed
Chinese text, not translated, so a file written in one language reads back in any other. What
the import *says* about a file (the reasons in :class:`RowError`) goes through gettext.

Import never deletes: an item in the catalog but not in the file is listed in
:attr:`ImportReport.absent` and left alone. The columns of the back-office route (负责人审批,
联合审批部门, 环节时限) may be missing from a file made before they existed: an item then keeps
its route as the catalog has it. It writes only through :mod:`gaoxin.catalog.services`,
all in one transaction, and only when the whole file is clean.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from gaoxin.catalog import services
from gaoxin.catalog.models import (
    HandlingKind,
    ItemKind,
    Material,
    ResultType,
    ServiceItem,
    SpecialProcedure,
)
from gaoxin.catalog.steps import ROUTE, StepKind
from gaoxin.core import audit
from gaoxin.core.errors import DomainError
from gaoxin.core.models import Department, User
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability

ITEMS_SHEET = "事项"
MATERIALS_SHEET = "材料"

# What an Excel user reads and types for each stored value.
KIND_LABELS: dict[str, str] = {
    ItemKind.LICENSING: "行政许可",
    ItemKind.CONFIRMATION: "行政确认",
    ItemKind.ADJUDICATION: "行政裁决",
    ItemKind.BENEFIT: "行政给付",
    ItemKind.REWARD: "行政奖励",
    ItemKind.FILING: "行政备案",
    ItemKind.OTHER_POWER: "其他行政权力",
    ItemKind.PUBLIC_SERVICE: "公共服务",
}
HANDLING_LABELS: dict[str, str] = {
    HandlingKind.IMMEDIATE: "即办件",
    HandlingKind.COMMITMENT: "承诺件",
}
PROCEDURE_LABELS: dict[str, str] = {
    SpecialProcedure.INSPECTION: "现场踏勘",
    SpecialProcedure.EXPERT_REVIEW: "专家评审",
    SpecialProcedure.HEARING: "听证",
    SpecialProcedure.TESTING: "检验检测",
    SpecialProcedure.PUBLIC_NOTICE: "公示",
    SpecialProcedure.SOLICITING_OPINIONS: "征求意见",
}
RESULT_TYPE_LABELS: dict[str, str] = {
    ResultType.CERTIFICATE: "证照",
    ResultType.APPROVAL: "批文",
    ResultType.FILING: "备案回执",
    ResultType.OTHER: "其他",
}
MATERIAL_KIND_LABELS: dict[str, str] = {
    Material.Kind.ORIGINAL: "原件",
    Material.Kind.COPY: "复印件",
    Material.Kind.ELECTRONIC: "电子件",
}
NEED_LABELS: dict[str, str] = {
    Material.Need.REQUIRED: "必要",
    Material.Need.CONDITIONAL: "情形必要",
    Material.Need.OPTIONAL: "非必要",
}
STEP_LABELS: dict[str, str] = {
    StepKind.REVIEW: "审查",
    StepKind.INSPECTION: "现场踏勘",
    StepKind.JOINT_REVIEW: "联合审批",
    StepKind.HEAD_APPROVAL: "负责人审批",
    StepKind.DECISION: "决定",
    StepKind.CERTIFICATE: "制证",
}
YES, NO = "是", "否"
PROCEDURE_SEPARATOR = "、"
STEP_SEPARATOR = ";"  # 审查3;决定1;制证1

# Headers. The import finds columns by header, so their order in a file does not matter.
CODE = "事项编码"
DEPARTMENT_NAME = "实施部门名称"  # for people; the import reads the code
ITEM_HEADERS: dict[str, str] = {  # model field → header, in the order of the sheet
    "code": CODE,
    "name": "事项名称",
    "kind": "事项类型",
    "department": "实施部门编码",
    "handling": "办件类型",
    "statutory_days": "法定时限(工作日)",
    "promised_days": "承诺时限(工作日)",
    "special_procedures": "特别程序",
    "conditions": "受理条件",
    "legal_basis": "设定依据",
    "fee": "收费标准(元)",
    "fee_basis": "收费依据",
    "location": "办理地点",
    "hours": "办理时间",
    "visits": "到现场次数",
    "online": "网上可办",
    "cross_zone": "可跨区通办",
    "allows_deficiency": "可容缺受理",
    "needs_inspection": "需现场踏勘",
    "remote_inspection": "可远程踏勘",
    "head_approval": "负责人审批",
    "joint_department": "联合审批部门",  # its name (or code)
    "step_days": "环节时限(工作日)",  # 审查3;决定1;制证1, or blank for the default split
    "result_name": "办理结果",
    "result_type": "结果类型",
}
MATERIAL_HEADERS: dict[str, str] = {
    "item": CODE,
    "order": "序号",
    "name": "材料名称",
    "kind": "材料形式",
    "need": "必要性",
    "condition": "情形说明",
    "copies": "份数",
    "source": "来源渠道",
    "standard": "受理标准",
    "secondary": "可容缺",
}
# Columns a file may lack (made before they existed): the item then keeps what it has.
ROUTE_FIELDS = ("head_approval", "joint_department", "step_days")
OPTIONAL_ITEM_HEADERS = frozenset(ITEM_HEADERS[name] for name in ROUTE_FIELDS)
STEP_DAYS_NOTE = (
    "各环节的办理时限（工作日），如：审查3;决定1;制证1。\n"
    "环节：{steps}。\n"
    "留空则按承诺时限自动分配；现场踏勘不计入承诺时限。"
).format(steps="、".join(STEP_LABELS.values()))
# What ImportReport.to_revise names, as a page may show it.
FIELD_HEADERS: dict[str, str] = {**ITEM_HEADERS, "materials": MATERIALS_SHEET}

ITEM_WIDTHS = {
    "name": 32,
    "conditions": 40,
    "legal_basis": 40,
    "fee_basis": 24,
    "location": 24,
    "hours": 24,
    "result_name": 20,
    "special_procedures": 18,
    "joint_department": 18,
    "step_days": 26,
}
MATERIAL_WIDTHS = {"name": 32, "condition": 28, "source": 20, "standard": 36}

MAX_ROWS = 50_000  # per sheet: far above a zone's catalog, well below a zip bomb
SMALL_INT_MAX = 32767  # PositiveSmallIntegerField
FEE_MAX = Decimal("9999999999.99")  # max_digits=12, decimal_places=2
CENT = Decimal("0.01")
FREE = {"免费", "不收费"}  # what people write in a fee cell for 0


# --- Export ---------------------------------------------------------------------------------


def export_catalog() -> bytes:
    """Every current item and its materials as an .xlsx workbook. Two queries, whatever the
    size of the catalog."""
    items = list(
        ServiceItem.objects.filter(is_current=True)
        .select_related("department", "joint_department")
        .order_by("department__sort_order", "department__code", "code")
    )
    materials: dict[int, list[Material]] = {}
    for material in Material.objects.filter(item__is_current=True).order_by(
        "item_id", "order", "id"
    ):
        materials.setdefault(material.item_id, []).append(material)

    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = ITEMS_SHEET
    item_headers = list(ITEM_HEADERS.values())
    item_headers.insert(item_headers.index(ITEM_HEADERS["department"]) + 1, DEPARTMENT_NAME)
    _write_header(sheet, item_headers)
    for item in items:
        sheet.append([_text_cell(sheet, v) for v in _item_row(item, item_headers)])
    _format(
        sheet,
        item_headers,
        {ITEM_HEADERS[f]: w for f, w in ITEM_WIDTHS.items()} | {DEPARTMENT_NAME: 20},
    )
    fee_column = get_column_letter(item_headers.index(ITEM_HEADERS["fee"]) + 1)
    for cell in sheet[fee_column][1:]:
        cell.number_format = "0.00"
    _choices(sheet, item_headers, ITEM_HEADERS["kind"], KIND_LABELS.values())
    _choices(sheet, item_headers, ITEM_HEADERS["handling"], HANDLING_LABELS.values())
    _choices(sheet, item_headers, ITEM_HEADERS["result_type"], RESULT_TYPE_LABELS.values())
    for name in (
        "online",
        "cross_zone",
        "allows_deficiency",
        "needs_inspection",
        "remote_inspection",
        "head_approval",
    ):
        _choices(sheet, item_headers, ITEM_HEADERS[name], (YES, NO))
    step_header = sheet.cell(1, item_headers.index(ITEM_HEADERS["step_days"]) + 1)
    step_header.comment = Comment(STEP_DAYS_NOTE, "gaoxin", width=320, height=110)

    sheet = workbook.create_sheet(MATERIALS_SHEET)
    material_headers = list(MATERIAL_HEADERS.values())
    _write_header(sheet, material_headers)
    for item in items:
        for material in materials.get(item.pk, []):
            sheet.append([_text_cell(sheet, v) for v in _material_row(item, material)])
    _format(sheet, material_headers, {MATERIAL_HEADERS[f]: w for f, w in MATERIAL_WIDTHS.items()})
    _choices(sheet, material_headers, MATERIAL_HEADERS["kind"], MATERIAL_KIND_LABELS.values())
    _choices(sheet, material_headers, MATERIAL_HEADERS["need"], NEED_LABELS.values())
    _choices(sheet, material_headers, MATERIAL_HEADERS["secondary"], (YES, NO))

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _item_row(item: ServiceItem, headers: list[str]) -> list[Any]:
    values = services.item_values(item)
    values |= {
        "code": item.code,
        "kind": KIND_LABELS.get(item.kind, item.kind),
        "department": item.department.code,
        "handling": HANDLING_LABELS.get(item.handling, item.handling),
        "special_procedures": PROCEDURE_SEPARATOR.join(
            PROCEDURE_LABELS.get(p, p) for p in item.special_procedures
        ),
        "result_type": RESULT_TYPE_LABELS.get(item.result_type, item.result_type),
        "joint_department": item.joint_department.name if item.joint_department else "",
        "step_days": step_days_text(item.step_days),
    }
    cells = {header: _shown_value(values[name]) for name, header in ITEM_HEADERS.items()}
    cells[DEPARTMENT_NAME] = item.department.name
    return [cells[header] for header in headers]


def step_days_text(step_days: dict[str, int] | None) -> str:
    """The limits an item gives its steps as an Excel user reads them: 审查3;决定1;制证1, in the
    order the steps come; "" when the promised limit is split by default."""
    given = step_days or {}
    order = [str(kind) for kind in ROUTE] + sorted(k for k in given if k not in ROUTE)
    return STEP_SEPARATOR.join(
        f"{STEP_LABELS.get(kind, kind)}{given[kind]}" for kind in order if kind in given
    )


def _material_row(item: ServiceItem, material: Material) -> list[Any]:
    values = {name: getattr(material, name) for name in services.MATERIAL_FIELDS}
    values |= {
        "item": item.code,
        "order": material.order,
        "kind": MATERIAL_KIND_LABELS.get(material.kind, material.kind),
        "need": NEED_LABELS.get(material.need, material.need),
    }
    return [_shown_value(values[name]) for name in MATERIAL_HEADERS]


def _shown_value(value: Any) -> Any:
    return _yes_no(value) if isinstance(value, bool) else value


def _yes_no(value: bool) -> str:
    return YES if value else NO


def _text_cell(sheet: Worksheet, value: Any) -> Any:
    """A string as a text cell: never a formula (a name starting with "=" stays a name), and
    without the control characters the xlsx format cannot hold."""
    if not isinstance(value, str):
        return value
    cell = Cell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"
    return cell


def _write_header(sheet: Worksheet, headers: list[str]) -> None:
    sheet.append(headers)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(vertical="center")
    sheet.freeze_panes = "B2"


def _format(sheet: Worksheet, headers: list[str], widths: dict[str, int]) -> None:
    for index, header in enumerate(headers, start=1):
        # A CJK character is about two columns wide.
        width = widths.get(header, max(10, 2 * len(header) + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.auto_filter.ref = sheet.dimensions


def _choices(sheet: Worksheet, headers: list[str], header: str, labels: Any) -> None:
    """A drop-down of the words the import understands (a hint: the import still checks)."""
    letter = get_column_letter(headers.index(header) + 1)
    validation = DataValidation(type="list", formula1='"{}"'.format(",".join(labels)))
    validation.allow_blank = True
    validation.showErrorMessage = False
    validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
    sheet.add_data_validation(validation)


# --- Import ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    """One problem in the file. ``row`` is the row number Excel shows (the header is row 1; 0
    when the problem is the file itself); ``column`` is the header, or "" for a whole row."""

    sheet: str
    row: int
    column: str
    reason: str


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    to_create: list[str] = field(default_factory=list)
    to_revise: list[tuple[str, list[str]]] = field(default_factory=list)  # code, fields
    unchanged: int = 0
    absent: list[str] = field(default_factory=list)  # in the catalog, not in the file
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


class Upload(Protocol):
    """What import_catalog reads: an UploadedFile, an open file, a BytesIO."""

    def read(self, size: int = ..., /) -> bytes: ...


class _BadCell(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class _ItemRow:
    row: int
    code: str
    values: dict[str, Any]
    materials: list[tuple[int, int, dict[str, Any]]] = field(default_factory=list)
    has_errors: bool = False


def import_catalog(*, actor: User, file: Upload, dry_run: bool) -> ImportReport:
    """Read a workbook made like :func:`export_catalog`'s, check every row, and (unless
    ``dry_run`` or anything is wrong) create and revise items to match it."""
    require(actor, Capability.MANAGE_CATALOG)
    report = ImportReport()
    sheets = _open(file, report)
    if sheets is None:
        return report
    item_rows, material_rows = sheets

    current = {
        item.code: item
        for item in ServiceItem.objects.filter(is_current=True)
        .select_related("department", "joint_department")
        .prefetch_related("materials")
    }
    departments = _Departments(list(Department.objects.all()))
    items = _read_items(item_rows, departments, current, report)
    _read_materials(material_rows, items, report)
    for entry in items.values():
        _check_required_material(entry, report)

    new_codes = [code for code in items if code not in current]
    withdrawn = set(
        ServiceItem.objects.filter(code__in=new_codes).values_list("code", flat=True).distinct()
    )
    for code in new_codes:
        if code in withdrawn:
            _error(
                report,
                ITEMS_SHEET,
                items[code].row,
                CODE,
                _(
                    "The item %(code)s was withdrawn from the catalog; an import cannot bring "
                    "it back."
                )
                % {"code": code},
            )
            items[code].has_errors = True

    plan: list[tuple[_ItemRow, ServiceItem | None]] = []
    for code, entry in items.items():
        if entry.has_errors:
            continue
        old = current.get(code)
        if old is None:
            report.to_create.append(code)
            plan.append((entry, None))
            continue
        changed = _changes(old, entry)
        if changed:
            report.to_revise.append((code, changed))
            plan.append((entry, old))
        else:
            report.unchanged += 1
    report.absent = sorted(code for code in current if code not in items)
    report.errors.sort(key=_error_order)

    if report.errors or dry_run:
        return report
    try:
        with transaction.atomic():
            for entry, old in plan:
                materials = _materials_of(entry)
                if old is None:
                    services.create_item(
                        actor=actor, code=entry.code, materials=materials, **entry.values
                    )
                else:
                    services.revise_item(actor=actor, item=old, materials=materials, **entry.values)
            audit.record(
                "catalog.import",
                actor=actor,
                changes={"created": len(report.to_create), "revised": len(report.to_revise)},
            )
    except DomainError as error:
        # The catalog changed while the file was checked (someone else revised an item).
        report.errors.append(RowError("", 0, "", error.message))
        return report
    except ValidationError as error:
        report.errors.append(RowError("", 0, "", " ".join(error.messages)))
        return report
    report.applied = True
    return report


# --- Reading the workbook -------------------------------------------------------------------

_Rows = list[tuple[int, dict[str, Any]]]  # (Excel row number, header → raw value)


def _open(file: Upload, report: ImportReport) -> tuple[_Rows, _Rows] | None:
    limit: int = settings.UPLOAD_MAX_BYTES
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(limit + 1)
    if len(data) > limit:
        size = getattr(file, "size", None) or len(data)
        report.errors.append(
            RowError(
                "",
                0,
                "",
                _("The file is %(size)s; files may be at most %(limit)s.")
                % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            )
        )
        return None
    not_excel = _("This file is not an Excel workbook (.xlsx). Export the catalog to get one.")
    if not data.startswith(b"PK\x03\x04"):
        report.errors.append(RowError("", 0, "", not_excel))
        return None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    # A damaged or foreign archive fails in many ways inside openpyxl (BadZipFile, KeyError,
    # XML parse errors, ValueError, …); each is a refused file, never a server error.
    except Exception:  # noqa: BLE001
        report.errors.append(RowError("", 0, "", not_excel))
        return None
    try:
        result: list[_Rows] = []
        for name, headers, optional in (
            (ITEMS_SHEET, list(ITEM_HEADERS.values()), OPTIONAL_ITEM_HEADERS),
            (MATERIALS_SHEET, list(MATERIAL_HEADERS.values()), frozenset()),
        ):
            if name not in workbook.sheetnames:
                report.errors.append(
                    RowError(
                        name,
                        0,
                        "",
                        _("The workbook has no sheet named %(sheet)s.") % {"sheet": name},
                    )
                )
                continue
            rows = _sheet_rows(workbook[name], name, headers, report, optional=optional)
            if rows is not None:
                result.append(rows)
    except Exception:  # noqa: BLE001 (see above: a damaged sheet fails while it is read)
        report.errors.append(RowError("", 0, "", not_excel))
        return None
    finally:
        workbook.close()
    if report.errors:
        return None
    return result[0], result[1]


def _sheet_rows(
    sheet: Any,
    name: str,
    headers: list[str],
    report: ImportReport,
    *,
    optional: frozenset[str] = frozenset(),
) -> _Rows | None:
    """The sheet's rows as header → value. A header in ``optional`` may be missing: its key is
    then missing from every row."""
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # files from other programs often state wrong dimensions
    rows: Iterator[Sequence[Any]] = sheet.iter_rows(values_only=True)
    first = next(rows, None) or ()
    found: dict[str, int] = {}
    for index, value in enumerate(first):
        header = _header(value)
        if header and header not in found:
            found[header] = index
    missing = [h for h in headers if _header(h) not in found and h not in optional]
    for header in missing:
        report.errors.append(
            RowError(name, 1, header, _("The column %(column)s is missing.") % {"column": header})
        )
    if missing:
        return None
    positions = {h: found[_header(h)] for h in headers if _header(h) in found}
    result: _Rows = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            report.errors.append(
                RowError(
                    name,
                    number,
                    "",
                    _("The sheet has more than %(count)s rows.") % {"count": MAX_ROWS},
                )
            )
            return None
        cells = {h: values[i] if i < len(values) else None for h, i in positions.items()}
        if all(_blank(v) for v in cells.values()):
            continue
        result.append((number, cells))
    return result


def _header(value: Any) -> str:
    """Headers as people retype them: full-width brackets, stray spaces."""
    if value is None:
        return ""
    text = str(value).replace("（", "(").replace("）", ")")
    return re.sub(r"\s+", "", text)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- Cells ----------------------------------------------------------------------------------

_Parse = Callable[[Any], Any]


def _text(*, required: bool = False, max_length: int | None = None) -> _Parse:
    def parse(value: Any) -> str:
        if _blank(value):
            if required:
                raise _BadCell(_("This cell is required."))
            return ""
        if isinstance(value, bool):
            text = YES if value else NO
        elif isinstance(value, float) and value.is_integer():
            text = str(int(value))
        else:
            text = str(value)
        text = text.replace("\r\n", "\n").strip()
        if max_length is not None and len(text) > max_length:
            raise _BadCell(
                _("This text is %(length)s characters long; at most %(max)s are allowed.")
                % {"length": len(text), "max": max_length}
            )
        return text

    return parse


def _number(*, required: bool = True, default: int = 0, maximum: int = SMALL_INT_MAX) -> _Parse:
    def parse(value: Any) -> int:
        if _blank(value):
            if required:
                raise _BadCell(_("This cell is required."))
            return default
        number: int | None = None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        elif isinstance(value, str):
            text = value.strip()
            if re.fullmatch(r"[+]?\d+(\.0*)?", text):
                number = int(Decimal(text))
        if number is None or number < 0:
            raise _BadCell(
                _("%(value)s is not a whole number of 0 or more.") % {"value": _shown(value)}
            )
        if number > maximum:
            raise _BadCell(
                _("%(value)s is too large; at most %(max)s.") % {"value": number, "max": maximum}
            )
        return number

    return parse


def _fee(value: Any) -> Decimal:
    if _blank(value):
        return Decimal("0.00")
    amount: Decimal | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        # Excel keeps 15 significant digits; round away a float's binary noise first.
        amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        amount = round(amount, 6)
    elif isinstance(value, str):
        text = re.sub(r"[\s,，]", "", value).removesuffix("元")
        if text in FREE:
            return Decimal("0.00")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = None
    if amount is None or not amount.is_finite() or amount < 0:
        raise _BadCell(_("%(value)s is not an amount of money in yuan.") % {"value": _shown(value)})
    if amount > FEE_MAX:
        raise _BadCell(_("%(value)s is too large an amount.") % {"value": _shown(value)})
    if amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise _BadCell(_("An amount in yuan has at most two decimals (fen)."))
    return amount.quantize(CENT)


_TRUE = {"是", "true", "yes", "y", "1", "√", "✓"}
_FALSE = {"否", "false", "no", "n", "0", "×", "✗"}


def _boolean(*, default: bool) -> _Parse:
    def parse(value: Any) -> bool:
        if _blank(value):
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float) and value in (0, 1):
            return bool(value)
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise _BadCell(
            _("%(value)s is neither %(yes)s nor %(no)s.")
            % {"value": _shown(value), "yes": YES, "no": NO}
        )

    return parse


def _choice(labels: dict[str, str], unknown: str, *, default: str | None = None) -> _Parse:
    """Accepts the Chinese label, or the stored value itself. ``unknown`` is a translated
    message with %(value)s and %(choices)s."""
    by_label = {label: str(value) for value, label in labels.items()}

    def parse(value: Any) -> str:
        if _blank(value):
            if default is None:
                raise _BadCell(_("This cell is required."))
            return default
        text = re.sub(r"\s+", "", str(value))
        if text in by_label:
            return by_label[text]
        if text.lower() in labels:
            return str(text.lower())
        raise _BadCell(unknown % {"value": _shown(value), "choices": "、".join(labels.values())})

    return parse


def _procedures(value: Any) -> list[str]:
    if _blank(value):
        return []
    by_label = {label: code for code, label in PROCEDURE_LABELS.items()}
    chosen: set[str] = set()
    unknown: list[str] = []
    for part in re.split(r"[、,，;；/\s]+", str(value).strip()):
        if not part:
            continue
        code = by_label.get(part) or (part.lower() if part.lower() in PROCEDURE_LABELS else None)
        if code is None:
            unknown.append(part)
        else:
            chosen.add(code)
    if unknown:
        raise _BadCell(
            _("Unknown special procedure %(value)s; use some of: %(choices)s.")
            % {"value": "、".join(unknown), "choices": "、".join(PROCEDURE_LABELS.values())}
        )
    return [str(code) for code in PROCEDURE_LABELS if code in chosen]  # in a fixed order


_STEP_PART = re.compile(
    r"(?P<label>[^\d:：=(（]+?)\s*[:：=(（]?\s*(?P<days>\d+)\s*(?:个?工作日|日|天)?\s*[)）]?"
)


def _step_days(value: Any) -> dict[str, int]:
    """审查3;决定1;制证1, blank for the default split. Steps may be parted by ; ； , ， 、 → or a
    line break, and a step written 审查：3, 审查 3个工作日 or 审查（3个工作日）."""
    if _blank(value):
        return {}
    by_label = {label: str(kind) for kind, label in STEP_LABELS.items()}
    days: dict[str, int] = {}
    unreadable: list[str] = []
    unknown: list[str] = []
    twice: list[str] = []
    for part in re.split(r"[;；,，、\n→]+|->", str(value)):
        part = part.strip()
        if not part:
            continue
        match = _STEP_PART.fullmatch(part)
        if match is None:
            unreadable.append(part)
            continue
        label = re.sub(r"\s+", "", match["label"])
        kind = by_label.get(label) or (label.lower() if label.lower() in STEP_LABELS else None)
        if kind is None:
            unknown.append(label)
        elif kind in days:
            twice.append(label)
        else:
            days[kind] = int(match["days"])
    if unreadable:
        raise _BadCell(
            _("%(value)s is not a step with its limit in working days, as in %(example)s.")
            % {"value": _shown("、".join(unreadable)), "example": "审查3;决定1;制证1"}
        )
    if unknown:
        raise _BadCell(
            _("Unknown step %(value)s; use some of: %(choices)s.")
            % {"value": _shown("、".join(unknown)), "choices": "、".join(STEP_LABELS.values())}
        )
    if twice:
        raise _BadCell(
            _("The step %(value)s is given twice.") % {"value": _shown("、".join(twice))}
        )
    if any(number > SMALL_INT_MAX for number in days.values()):
        raise _BadCell(
            _("%(value)s is too large; at most %(max)s.")
            % {"value": max(days.values()), "max": SMALL_INT_MAX}
        )
    return days


class _Departments:
    """A department as people write it in a cell: its code, its name or its short name."""

    def __init__(self, departments: list[Department]) -> None:
        self.by_code = {d.code: d for d in departments}
        self.by_name = {re.sub(r"\s+", "", d.name): d for d in departments}
        short: dict[str, list[Department]] = {}
        for d in departments:
            if d.short_name:
                short.setdefault(re.sub(r"\s+", "", d.short_name), []).append(d)
        self.by_short_name = {name: ds[0] for name, ds in short.items() if len(ds) == 1}

    def named(self, text: str) -> Department | None:
        key = re.sub(r"\s+", "", text)
        return (
            self.by_code.get(key)
            or self.by_code.get(key.lower())
            or self.by_name.get(key)
            or self.by_short_name.get(key)
        )


def _shown(value: Any) -> str:
    return f"“{str(value).strip()}”"


def _max_length(model: Any, name: str) -> int | None:
    length = model._meta.get_field(name).max_length
    return int(length) if length else None


def _item_parsers() -> dict[str, _Parse]:
    def text(name: str, *, required: bool = False) -> _Parse:
        return _text(required=required, max_length=_max_length(ServiceItem, name))

    return {
        "code": text("code", required=True),
        "name": text("name", required=True),
        "kind": _choice(KIND_LABELS, _("Unknown item kind %(value)s; use one of: %(choices)s.")),
        "handling": _choice(
            HANDLING_LABELS, _("Unknown handling %(value)s; use one of: %(choices)s.")
        ),
        "statutory_days": _number(),
        "promised_days": _number(),
        "special_procedures": _procedures,
        "conditions": text("conditions"),
        "legal_basis": text("legal_basis"),
        "fee": _fee,
        "fee_basis": text("fee_basis"),
        "location": text("location"),
        "hours": text("hours"),
        "visits": _number(required=False, default=1),
        "online": _boolean(default=True),
        "cross_zone": _boolean(default=False),
        "allows_deficiency": _boolean(default=False),
        "needs_inspection": _boolean(default=False),
        "remote_inspection": _boolean(default=False),
        "head_approval": _boolean(default=False),
        "step_days": _step_days,
        "result_name": text("result_name", required=True),
        "result_type": _choice(
            RESULT_TYPE_LABELS, _("Unknown result type %(value)s; use one of: %(choices)s.")
        ),
    }


def _material_parsers() -> dict[str, _Parse]:
    def text(name: str, *, required: bool = False) -> _Parse:
        return _text(required=required, max_length=_max_length(Material, name))

    return {
        "item": _text(required=True, max_length=_max_length(ServiceItem, "code")),
        "order": _number(required=False, default=SMALL_INT_MAX),
        "name": text("name", required=True),
        "kind": _choice(
            MATERIAL_KIND_LABELS,
            _("Unknown form of material %(value)s; use one of: %(choices)s."),
            default=Material.Kind.ORIGINAL,
        ),
        "need": _choice(
            NEED_LABELS,
            _("Unknown necessity %(value)s; use one of: %(choices)s."),
            default=Material.Need.REQUIRED,
        ),
        "condition": text("condition"),
        "copies": _number(required=False, default=1),
        "source": text("source"),
        "standard": text("standard"),
        "secondary": _boolean(default=False),
    }


def _error(report: ImportReport, sheet: str, row: int, column: str, reason: str) -> None:
    report.errors.append(RowError(sheet, row, column, reason))


def _parse_row(
    sheet: str,
    number: int,
    cells: dict[str, Any],
    headers: dict[str, str],
    parsers: dict[str, _Parse],
    report: ImportReport,
) -> tuple[dict[str, Any], bool]:
    values: dict[str, Any] = {}
    bad = False
    for name, parse in parsers.items():
        header = headers[name]
        if header not in cells:
            continue  # an optional column the file does not have
        try:
            values[name] = parse(cells[header])
        except _BadCell as error:
            _error(report, sheet, number, header, error.reason)
            bad = True
    return values, bad


def _read_items(
    rows: _Rows,
    departments: _Departments,
    current: dict[str, ServiceItem],
    report: ImportReport,
) -> dict[str, _ItemRow]:
    parsers = _item_parsers()
    department_header = ITEM_HEADERS["department"]
    joint_header = ITEM_HEADERS["joint_department"]
    items: dict[str, _ItemRow] = {}
    for number, cells in rows:
        values, bad = _parse_row(ITEMS_SHEET, number, cells, ITEM_HEADERS, parsers, report)
        department = _text()(cells[department_header])
        if not department:
            _error(report, ITEMS_SHEET, number, department_header, _("This cell is required."))
            bad = True
        elif department not in departments.by_code:
            _error(
                report,
                ITEMS_SHEET,
                number,
                department_header,
                _("There is no department with the code %(value)s.") % {"value": department},
            )
            bad = True
        else:
            values["department"] = departments.by_code[department]
        if joint_header in cells:
            joint = _text()(cells[joint_header])
            if not joint:
                values["joint_department"] = None
            elif (found := departments.named(joint)) is None:
                _error(
                    report,
                    ITEMS_SHEET,
                    number,
                    joint_header,
                    _("There is no department %(value)s; give its name or its code.")
                    % {"value": _shown(joint)},
                )
                bad = True
            else:
                values["joint_department"] = found
        code = values.get("code", "")
        _keep_route(values, cells, current.get(code))
        bad = _check_rules(number, values, report) or bad

        code = values.pop("code", "")
        if not code:
            continue  # already reported; nothing can refer to it
        if code in items:
            _error(
                report,
                ITEMS_SHEET,
                number,
                CODE,
                _("The code %(code)s appears already on row %(row)s.")
                % {"code": code, "row": items[code].row},
            )
            items[code].has_errors = True
            continue
        items[code] = _ItemRow(row=number, code=code, values=values, has_errors=bad)
    return items


def _keep_route(values: dict[str, Any], cells: dict[str, Any], old: ServiceItem | None) -> None:
    """Where the file has no column for a part of the route, the item keeps the catalog's (a new
    item gets the default: no head approval, no joint review, the promised limit split)."""
    defaults: dict[str, Any] = {"head_approval": False, "joint_department": None, "step_days": {}}
    for name in ROUTE_FIELDS:
        if ITEM_HEADERS[name] not in cells:
            values[name] = getattr(old, name) if old is not None else defaults[name]


# The cells each rule reads: a rule is checked only once all of them are valid, so that a bad
# cell is reported once, as itself.
_RULE_INPUTS: dict[str, tuple[str, ...]] = {
    "promised_days": ("statutory_days", "promised_days"),
    "remote_inspection": ("needs_inspection", "remote_inspection"),
    "joint_department": ("department", "joint_department"),
    "step_days": (
        "promised_days",
        "needs_inspection",
        "head_approval",
        "joint_department",
        "step_days",
    ),
}


def _check_rules(number: int, values: dict[str, Any], report: ImportReport) -> bool:
    """The item's own rules (promised within statutory, remote only with inspection, a joint
    review by a second department, steps within the promised limit), as the services state
    them; each only once the cells it reads are themselves valid."""
    names = {name for inputs in _RULE_INPUTS.values() for name in inputs}
    given = {name: values[name] for name in names if name in values}
    try:
        services.check_item_rules({"statutory_days": 0, "promised_days": 0, **given})
    except ValidationError as error:
        found = False
        for name, messages in error.message_dict.items():
            if not all(field in values for field in _RULE_INPUTS.get(name, (name,))):
                continue
            column = ITEM_HEADERS.get(name, "")
            for message in messages:
                _error(report, ITEMS_SHEET, number, column, message)
                found = True
        return found
    return False


def _read_materials(rows: _Rows, items: dict[str, _ItemRow], report: ImportReport) -> None:
    parsers = _material_parsers()
    for number, cells in rows:
        values, bad = _parse_row(MATERIALS_SHEET, number, cells, MATERIAL_HEADERS, parsers, report)
        if (
            values.get("need") == Material.Need.CONDITIONAL
            and "condition" in values
            and not values["condition"]
        ):
            _error(
                report,
                MATERIALS_SHEET,
                number,
                MATERIAL_HEADERS["condition"],
                _("Say in words when this conditional material is needed."),
            )
            bad = True
        code = values.pop("item", "")
        if not code:
            continue
        entry = items.get(code)
        if entry is None:
            _error(
                report,
                MATERIALS_SHEET,
                number,
                CODE,
                _("There is no item with the code %(code)s on the sheet %(sheet)s.")
                % {"code": code, "sheet": ITEMS_SHEET},
            )
            continue
        if bad:
            entry.has_errors = True
            entry.materials.append((SMALL_INT_MAX + 1, number, {}))  # a placeholder
        else:
            entry.materials.append((values.pop("order"), number, values))


def _check_required_material(entry: _ItemRow, report: ImportReport) -> None:
    if any(not values for _order, _row, values in entry.materials):
        return  # a material row is broken; its own error says more than this one would
    if not any(values["need"] == Material.Need.REQUIRED for _o, _r, values in entry.materials):
        _error(
            report,
            ITEMS_SHEET,
            entry.row,
            CODE,
            _("The item %(code)s has no required material on the sheet %(sheet)s.")
            % {"code": entry.code, "sheet": MATERIALS_SHEET},
        )
        entry.has_errors = True


def _materials_of(entry: _ItemRow) -> list[dict[str, Any]]:
    ordered = sorted(entry.materials, key=lambda m: (m[0], m[1]))
    return [{name: values[name] for name in services.MATERIAL_FIELDS} for _o, _r, values in ordered]


# --- Comparing with the catalog -------------------------------------------------------------


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        return old.replace("\r\n", "\n").strip() == new
    return bool(old == new)


def _changes(old: ServiceItem, entry: _ItemRow) -> list[str]:
    """The fields the file changes, in the order of ITEM_FIELDS, then "materials". Text is
    compared as the file can hold it (trimmed, with Excel's line breaks)."""
    current = services.item_values(old)
    changed = []
    for name in services.ITEM_FIELDS:
        new = entry.values[name]
        if name == "department":
            same = old.department_id == new.pk
        elif name == "joint_department":
            same = old.joint_department_id == (new.pk if new is not None else None)
        elif name == "special_procedures":
            same = set(current[name] or []) == set(new)
            if same:
                entry.values[name] = current[name]  # keep the stored order
        else:
            same = _same(current[name], new)
        if not same:
            changed.append(name)
    old_materials = services.material_values(old)
    new_materials = _materials_of(entry)
    if len(old_materials) != len(new_materials) or not all(
        all(_same(a[f], b[f]) for f in services.MATERIAL_FIELDS)
        for a, b in zip(old_materials, new_materials, strict=True)
    ):
        changed.append("materials")
    return changed


def _error_order(error: RowError) -> tuple[int, int, int]:
    sheet = (ITEMS_SHEET, MATERIALS_SHEET).index(error.sheet) if error.sheet else -1
    headers = list(
        ITEM_HEADERS.values() if error.sheet == ITEMS_SHEET else MATERIAL_HEADERS.values()
    )
    column = headers.index(error.column) if error.column in headers else len(headers)
    return sheet, error.row, column

"""A morning at the demo zone's intake windows: a dozen applications, received the way a
clerk receives them (through the intake services), so the desk, the start page and the
progress page have something true to show."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from gaoxin.cases import intake
from gaoxin.cases.models import Case, Submission
from gaoxin.catalog.models import Material, ServiceItem
from gaoxin.core import workdays
from gaoxin.core.identity import credit_code_check_character, resident_id_check_character
from gaoxin.core.models import User


def _person_id(birth: dt.date, order: int) -> str:
    first17 = f"610402{birth:%Y%m%d}{order:03d}"
    return first17 + resident_id_check_character(first17)


def _credit_code(serial: str) -> str:
    first17 = f"91610402{serial}"
    return first17 + credit_code_check_character(first17)


def _enterprise(name: str, serial: str, boss: str, contact: str, phone: str) -> intake.Applicant:
    return intake.Applicant(
        kind="enterprise",
        name=name,
        credit_code=_credit_code(serial),
        legal_representative=boss,
        contact_name=contact,
        phone=phone,
        address="陕西省咸阳市高新区",
    )


def _person(name: str, birth: dt.date, order: int, phone: str) -> intake.Applicant:
    return intake.Applicant(
        kind="person", name=name, id_number=_person_id(birth, order), phone=phone
    )


# item name, applicant, how the intake ends, that ending's fields
APPLICATIONS: list[tuple[str, intake.Applicant, str, dict[str, Any]]] = [
    (
        "有限责任公司设立登记",
        _enterprise("陕西秦川智造科技有限公司", "MAB2K3L4Q", "赵立新", "孙悦", "13992001234"),
        "accept",
        {},
    ),
    (
        "食品经营许可（新办）",
        _enterprise("咸阳禾润餐饮管理有限公司", "MA6T8R2P1", "周海燕", "周海燕", "13709105566"),
        "accept_with_deficiency",
        {"promise": "本单位承诺在上述期限内补齐所缺材料，逾期未补齐的，同意终止办理。"},
    ),
    (
        "药品零售企业经营许可（新办）",
        _enterprise("咸阳康达大药房连锁有限公司", "MA7H3J9K2", "马志远", "李婷", "029-33218876"),
        "request_correction",
        {},
    ),
    (
        "排污许可证核发（简化管理）",
        _enterprise("陕西彩晶新材料有限公司", "MA6Y1W4E8", "韩东", "许可", "13891007788"),
        "accept",
        {},
    ),
    (
        "建筑工程施工许可证核发",
        _enterprise("咸阳高新城建开发有限公司", "MA6R5T7U3", "杜建平", "王刚", "029-33196600"),
        "accept",
        {},
    ),
    (
        "公共场所卫生许可（新办）",
        _enterprise("咸阳悦来酒店管理有限公司", "MAB9C8D7F", "吴倩", "吴倩", "13572061199"),
        "accept",
        {},
    ),
    (
        "设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批",
        _enterprise("咸阳丽景广告传媒有限公司", "MA6P4Q3R2", "郑宇", "郑宇", "13186012233"),
        "refuse",
        {
            "reason": "申请设置地点位于世纪大道主干道两侧禁止设置大型户外广告的区域。",
            "basis": "《中华人民共和国行政许可法》第三十二条第一款；"
            "《咸阳市城市市容和环境卫生管理条例》",
        },
    ),
    (
        "个体工商户设立登记",
        _person("王建军", dt.date(1982, 3, 14), 135, "13991034567"),
        "accept",
        {},
    ),
    ("居住证申领", _person("刘芳", dt.date(1995, 11, 2), 246, "15129087654"), "accept", {}),
    (
        "城乡居民基本养老保险参保登记",
        _person("张磊", dt.date(1976, 7, 28), 313, "13619102345"),
        "accept",
        {},
    ),
    (
        "个人住房公积金账户设立",
        _person("陈晓燕", dt.date(1998, 1, 9), 428, "18700912345"),
        "request_correction",
        {},
    ),
]


def _checks(item: ServiceItem, outcome: str) -> list[intake.MaterialCheck]:
    materials = list(item.materials.all())
    checks = []
    owed_one = outcome == "accept_with_deficiency"
    faulty_one = outcome == "request_correction"
    for material in materials:
        if material.need != Material.Need.REQUIRED:
            checks.append(intake.MaterialCheck(material.pk, Submission.State.NOT_APPLICABLE))
        elif owed_one and material.secondary:
            checks.append(intake.MaterialCheck(material.pk, Submission.State.OWED))
            owed_one = False
        elif faulty_one and material.order > 1:
            checks.append(
                intake.MaterialCheck(
                    material.pk,
                    Submission.State.FAULTY,
                    "复印件不清晰，且未加盖单位公章或本人签字确认",
                )
            )
            faulty_one = False
        else:
            checks.append(
                intake.MaterialCheck(material.pk, Submission.State.RECEIVED, copies=material.copies)
            )
    return checks


def seed_cases() -> str:
    if Case.objects.exists():
        return ""
    clerk = User.objects.filter(username="clerk", is_active=True).select_related("window").first()
    if clerk is None or clerk.window is None:
        return ""

    received = 0
    for name, applicant, outcome, fields in APPLICATIONS:
        item = ServiceItem.objects.filter(name=name, is_current=True).first()
        if item is None:
            continue
        if outcome == "accept_with_deficiency":
            if not item.allows_deficiency or not item.materials.filter(secondary=True).exists():
                outcome = "accept"
            else:
                fields = {**fields, "due": workdays.add_working_days(timezone.localdate(), 2).date}
        data = intake.Intake(
            item=item, applicant=applicant, checks=_checks(item, outcome), window=clerk.window
        )
        intake.end(outcome, actor=clerk, intake=data, **fields)
        received += 1
    return f"Cases: {received} applications received at window {clerk.window.number:02d}."

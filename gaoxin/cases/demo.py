"""A morning at the demo zone's service center: applications received the way a clerk
receives them (through the intake services), then walked on through the back office and the
delivery window by the demo accounts (through their services too), so that every state of a
case's life has an example: waiting for review (taken up or not), in a special procedure,
decided and waiting for the certificate, ready at the window, collected, posted, denied and
terminated. Whatever the demo shows, a person could have done with the same accounts."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from gaoxin.cases import backoffice, delivery, intake
from gaoxin.cases.models import Case, Submission
from gaoxin.catalog.models import Material, ServiceItem
from gaoxin.core import services as core_services
from gaoxin.core import workdays
from gaoxin.core.identity import credit_code_check_character, resident_id_check_character
from gaoxin.core.models import User
from gaoxin.core.roles import Capability


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


# item name, applicant, how the intake ends, that ending's fields, and what happens next: a
# story of ``STORIES`` ("" leaves the case where the intake left it).
APPLICATIONS: list[tuple[str, intake.Applicant, str, dict[str, Any], str]] = [
    (
        "有限责任公司设立登记",
        _enterprise("陕西秦川智造科技有限公司", "MAB2K3L4Q", "赵立新", "孙悦", "13992001234"),
        "accept",
        {},
        "decided",
    ),
    (
        "食品经营许可（新办）",
        _enterprise("咸阳禾润餐饮管理有限公司", "MA6T8R2P1", "周海燕", "周海燕", "13709105566"),
        "accept_with_deficiency",
        {"promise": "本单位承诺在上述期限内补齐所缺材料，逾期未补齐的，同意终止办理。"},
        "inspection",
    ),
    (
        "药品零售企业经营许可（新办）",
        _enterprise("咸阳康达大药房连锁有限公司", "MA7H3J9K2", "马志远", "李婷", "029-33218876"),
        "request_correction",
        {},
        "",
    ),
    (
        "排污许可证核发（简化管理）",
        _enterprise("陕西彩晶新材料有限公司", "MA6Y1W4E8", "韩东", "许可", "13891007788"),
        "accept",
        {},
        "",
    ),
    (
        "建筑工程施工许可证核发",
        _enterprise("咸阳高新城建开发有限公司", "MA6R5T7U3", "杜建平", "王刚", "029-33196600"),
        "accept",
        {},
        "claimed",
    ),
    (
        "公共场所卫生许可（新办）",
        _enterprise("咸阳悦来酒店管理有限公司", "MAB9C8D7F", "吴倩", "吴倩", "13572061199"),
        "accept",
        {},
        "",
    ),
    (
        "公共场所卫生许可（新办）",
        _enterprise("咸阳云栖健身服务有限公司", "MAC3D5E7G", "侯志强", "梁晓", "13991062288"),
        "accept",
        {},
        "inspection",
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
        "",
    ),
    (
        "个体工商户设立登记",
        _person("王建军", dt.date(1982, 3, 14), 135, "13991034567"),
        "accept",
        {},
        "on_the_spot",
    ),
    ("居住证申领", _person("刘芳", dt.date(1995, 11, 2), 246, "15129087654"), "accept", {}, ""),
    (
        "城乡居民基本养老保险参保登记",
        _person("张磊", dt.date(1976, 7, 28), 313, "13619102345"),
        "accept",
        {},
        "",
    ),
    (
        "个人住房公积金账户设立",
        _person("陈晓燕", dt.date(1998, 1, 9), 428, "18700912345"),
        "request_correction",
        {},
        "",
    ),
    (
        "特殊建设工程消防设计审查",
        _enterprise("咸阳华宇商业综合体置业有限公司", "MA6K2M8N5", "孟庆华", "白雪", "13572098811"),
        "accept",
        {},
        "expert_review",
    ),
    (
        "护士执业注册",
        _person("李梦瑶", dt.date(2001, 6, 18), 524, "15991027788"),
        "accept",
        {},
        "decision_waiting",
    ),
    (
        "人力资源服务许可",
        intake.Applicant(
            kind="enterprise",
            name="陕西英才人力资源服务有限公司",
            credit_code=_credit_code("MA6H7J2K9"),
            legal_representative="高志明",
            contact_name="高志明",
            phone="13992087766",
            address="陕西省咸阳市高新区创业路16号",
            agent_name="田甜",
            agent_id_number=_person_id(dt.date(1993, 9, 21), 642),
            agent_phone="18992015566",
        ),
        "accept",
        {},
        "ready",
    ),
    (
        "出版物零售业务经营许可",
        _enterprise("咸阳墨香书店有限公司", "MA6E3R7T1", "苏文博", "苏文博", "13709118899"),
        "accept",
        {},
        "denied",
    ),
    (
        "医师执业注册",
        _person("赵明远", dt.date(1988, 4, 5), 317, "13891026655"),
        "accept",
        {},
        "picked_up",
    ),
    (
        "道路货物运输经营许可",
        _enterprise("咸阳通达物流有限公司", "MA6W9Q2E4", "钱卫东", "钱卫东", "029-33157788"),
        "accept",
        {},
        "posted",
    ),
    (
        "劳务派遣经营许可（新办）",
        _enterprise("咸阳众联劳务派遣有限公司", "MA6B5N8M3", "冯建设", "冯丽", "13186075544"),
        "accept",
        {},
        "terminated",
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


@dataclass
class Cast:
    """The demo accounts who walk the cases: the intake clerk (window 01, allowed to decide
    immediate items on the spot), the delivery clerk (window 11), the 行政审批服务局's
    approver and head."""

    clerk: User
    delivery_clerk: User | None
    approver: User | None
    head: User | None

    @property
    def decider(self) -> User | None:
        return self.clerk if self.clerk.can(Capability.DECIDE_ON_THE_SPOT) else None


def _cast() -> Cast | None:
    accounts = {
        u.username: u
        for u in User.objects.filter(
            username__in=["clerk", "clerk2", "approver", "head", "admin"], is_active=True
        ).select_related("window")
    }
    clerk = accounts.get("clerk")
    if clerk is None or clerk.window is None:
        return None
    admin = accounts.get("admin")
    if admin is not None and not clerk.decides_on_the_spot:
        # The demo's intake clerk is authorised to decide immediate items (即办件).
        clerk = core_services.update_user(actor=admin, user=clerk, decides_on_the_spot=True)
    return Cast(clerk, accounts.get("clerk2"), accounts.get("approver"), accounts.get("head"))


REVIEWED = "申请材料齐全，符合法定形式，经审查符合法定条件，建议准予许可。"


def _to_decision(cast: Cast, case: Case) -> None:
    assert cast.approver is not None
    backoffice.claim(actor=cast.approver, case=case)
    backoffice.pass_step(actor=cast.approver, case=case, opinion=REVIEWED)
    backoffice.claim(actor=cast.approver, case=case)


def _granted(cast: Cast, case: Case) -> None:
    assert cast.approver is not None
    _to_decision(cast, case)
    backoffice.decide(actor=cast.approver, case=case, grant=True, opinion="同意准予许可。")


def _ready(cast: Cast, case: Case) -> None:
    assert cast.approver is not None
    _granted(cast, case)
    backoffice.claim(actor=cast.approver, case=case)
    backoffice.pass_step(actor=cast.approver, case=case)  # 制证: the result is numbered


def _claimed(cast: Cast, case: Case) -> None:
    assert cast.approver is not None
    backoffice.claim(actor=cast.approver, case=case)


def _decision_waiting(cast: Cast, case: Case) -> None:
    assert cast.approver is not None
    backoffice.claim(actor=cast.approver, case=case)
    backoffice.pass_step(actor=cast.approver, case=case, opinion=REVIEWED)


def _expert_review(cast: Cast, case: Case) -> None:
    assert cast.approver is not None
    backoffice.claim(actor=cast.approver, case=case)
    backoffice.suspend(
        actor=cast.approver,
        case=case,
        kind="expert_review",
        reason="该项目属于大型商业综合体，消防设计需组织专家评审。",
    )


def _inspection(cast: Cast, case: Case) -> None:
    assert cast.approver is not None
    backoffice.claim(actor=cast.approver, case=case)
    backoffice.pass_step(
        actor=cast.approver, case=case, opinion="书面材料符合要求，需现场核查经营场所布局。"
    )


def _denied(cast: Cast, case: Case) -> None:
    assert cast.approver is not None
    backoffice.claim(actor=cast.approver, case=case)
    backoffice.pass_step(
        actor=cast.approver, case=case, opinion="经营场所为住宅用房，不符合出版物零售场所要求。"
    )
    backoffice.claim(actor=cast.approver, case=case)
    backoffice.decide(
        actor=cast.approver,
        case=case,
        grant=False,
        reason="申请人提供的经营场所为住宅用房，不符合出版物零售业务经营场所的条件。",
        basis="《出版物市场管理规定》第十条",
    )


def _terminated(cast: Cast, case: Case) -> None:
    assert cast.approver is not None and cast.head is not None
    backoffice.claim(actor=cast.approver, case=case)
    backoffice.terminate(
        actor=cast.head,
        case=case,
        reason="审查期间申请人营业执照被依法吊销，已不具备申请主体资格。",
    )


def _on_the_spot(cast: Cast, case: Case) -> None:
    assert cast.decider is not None
    backoffice.decide_on_the_spot(actor=cast.decider, case=case)


def _picked_up(cast: Cast, case: Case) -> None:
    assert cast.delivery_clerk is not None
    _ready(cast, case)
    case.refresh_from_db()
    delivery.deliver(
        actor=cast.delivery_clerk,
        case=case,
        handover=delivery.Handover(
            method="pickup",
            recipient_name=case.applicant_name,
            recipient_id_number=case.id_number,
            receipt=_receipt(case),
            window=cast.delivery_clerk.window,
        ),
    )


def _posted(cast: Cast, case: Case) -> None:
    assert cast.delivery_clerk is not None
    _ready(cast, case)
    case.refresh_from_db()
    delivery.deliver(
        actor=cast.delivery_clerk,
        case=case,
        handover=delivery.Handover(
            method="post",
            address=case.address,
            carrier="中国邮政EMS",
            tracking_number="1151368820426",
            window=cast.delivery_clerk.window,
        ),
    )


STORIES: dict[str, Callable[[Cast, Case], None]] = {
    "claimed": _claimed,
    "decision_waiting": _decision_waiting,
    "expert_review": _expert_review,
    "inspection": _inspection,
    "decided": _granted,
    "ready": _ready,
    "denied": _denied,
    "terminated": _terminated,
    "on_the_spot": _on_the_spot,
    "picked_up": _picked_up,
    "posted": _posted,
}
# What each story needs besides the intake clerk.
NEEDS: dict[str, tuple[str, ...]] = {
    "terminated": ("approver", "head"),
    "picked_up": ("approver", "delivery_clerk"),
    "posted": ("approver", "delivery_clerk"),
    "on_the_spot": ("decider",),
}


def _receipt(case: Case) -> ContentFile[bytes]:
    """A photo of the signed receipt (领取签收单), drawn for the demo."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (640, 400), "white")
    draw = ImageDraw.Draw(image)
    try:
        font: Any = ImageFont.truetype(RECEIPT_FONT, 26)
        small: Any = ImageFont.truetype(RECEIPT_FONT, 20)
    except OSError:
        font = small = ImageFont.load_default()
    draw.rectangle((10, 10, 630, 390), outline="black", width=2)
    draw.text((230, 30), "领取签收单", fill="black", font=font)
    lines = [
        f"办件编号：{case.number}",
        f"事项名称：{case.item.name}",
        f"领取人：{case.applicant_name}",
        f"领取日期：{timezone.localdate():%Y年%m月%d日}",
        "领取人签名：",
    ]
    for row, line in enumerate(lines):
        draw.text((40, 100 + row * 45), line, fill="black", font=small)
    draw.line([(190, 300), (230, 280), (260, 310), (300, 285), (340, 305)], fill="navy", width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="receipt.png")


RECEIPT_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def seed_cases() -> str:
    if Case.objects.exists():
        return ""
    cast = _cast()
    if cast is None:
        return ""
    clerk = cast.clerk
    assert clerk.window is not None

    received = walked = 0
    for name, applicant, outcome, fields, story in APPLICATIONS:
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
        case = intake.end(outcome, actor=clerk, intake=data, **fields)
        received += 1
        needs = NEEDS.get(story, ("approver",))
        if story and all(getattr(cast, who) is not None for who in needs):
            STORIES[story](cast, case)
            walked += 1
    return (
        f"Cases: {received} applications received at window {clerk.window.number:02d}, "
        f"{walked} of them taken on through the back office and the delivery window."
    )

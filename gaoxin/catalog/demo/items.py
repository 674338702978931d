"""The demo zone's catalog of government service items: 咸阳高新区政务服务事项实施清单.

Each entry of ``ITEMS`` is a plain dict shaped like ``gaoxin.catalog.models.ServiceItem``, with
its ``materials`` shaped like ``Material``. ``_add`` builds the dicts; the materials come from
the small templates below (申请书, 营业执照, 授权委托书 …) so that each item's list reads short
while still fitting the item.

Codes read ``610402-<kind>-<number>``. Numbers are given out per department and kind, each
department counting from its own block (``_CODE_BASE``), so that adding an item to one
department never renumbers another's. Within a department, add new items at the end of its
section: the demo loader adds the codes it does not have yet.

Items follow what a 高新区管委会 handles in Shaanxi: its 行政审批服务局 holds the licences moved
to it under 相对集中行政许可权改革; the branch offices stationed in the service centre (税务,
公安, 自然资源, 生态环境, 市场监管) handle their own; items that belong to a province or a city
only (婚姻登记, 驾驶证, 建筑业企业资质 …) are left out.
"""

from __future__ import annotations

REGION = "610402"

KINDS = {
    "XK": "licensing",  # 行政许可
    "QR": "confirmation",  # 行政确认
    "CJ": "adjudication",  # 行政裁决
    "JF": "benefit",  # 行政给付
    "JL": "reward",  # 行政奖励
    "BA": "filing",  # 行政备案
    "QT": "other_power",  # 其他行政权力
    "GG": "public_service",  # 公共服务
}

# Each department numbers its items from its own block (the 行政审批服务局 needs the most room).
_CODE_BASE = {
    "xzsp": 0,
    "scjg": 300,
    "ghjs": 400,
    "zrzy": 500,
    "sthj": 600,
    "shsw": 700,
    "yjgl": 800,
    "swfj": 900,
    "gafj": 1000,
    "gjj": 1100,
    "kjcx": 1200,
    "jjfz": 1300,
    "czj": 1400,
    "zsj": 1500,
    "yshj": 1600,
    "dzb": 1700,
}

HALL = "咸阳高新区政务服务中心"
GENERAL = HALL + "一楼综合受理窗口"
STARTUP = HALL + "一楼B区企业开办专窗"
PROJECT = HALL + "二楼A区工程建设项目审批专窗"
REALTY = HALL + "二楼B区不动产登记窗口"
TAX = HALL + "一楼C区税务综合窗口"
SOCIAL = HALL + "一楼C区社保医保窗口"
POLICE = HALL + "一楼C区公安户政窗口"
UTILITY = HALL + "二楼A区水电气暖联办窗口"
HELPDESK = HALL + "一楼大厅帮办代办窗口"

_WHERE = {
    "ghjs": PROJECT,
    "zrzy": REALTY,
    "swfj": TAX,
    "shsw": SOCIAL,
    "gafj": POLICE,
    "yshj": HELPDESK,
}

HOURS = "工作日 上午9:00—12:00，下午13:30—17:30（夏季14:00—18:00）"
HOURS_SATURDAY = HOURS + "；周六上午9:00—12:00延时服务"
_HOURS = {"swfj": HOURS_SATURDAY, "shsw": HOURS_SATURDAY, "gafj": HOURS_SATURDAY}

# Fees, where the law sets one.
REALTY_FEE = (
    "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）"
)
ID_CARD_FEE = (
    "《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）"
)
EXIT_ENTRY_FEE = (
    "《国家发展改革委 财政部关于降低电信网码号资源占用费等部分行政事业性收费标准的通知》"
    "（发改价格〔2019〕914号）"
)

ITEMS: list[dict] = []
_numbers: dict[tuple[str, str], int] = {}

_CERTIFICATE_ENDINGS = ("证", "证书", "执照", "登记证明", "护照", "签注", "社会保障卡")
_APPROVAL_ENDINGS = ("批复", "决定书", "意见书", "批准书", "审批意见", "核准文件", "批准文件")


def _result_type(abbrev: str, result: str) -> str:
    if abbrev == "BA" or result.endswith(("备案凭证", "备案回执", "备案证明", "备案表")):
        return "filing"
    if result.endswith(_APPROVAL_ENDINGS):
        return "approval"
    if result.endswith(_CERTIFICATE_ENDINGS) and not result.endswith("凭证"):
        return "certificate"
    return "other"


def _add(
    abbrev: str,
    name: str,
    department: str,
    days: tuple[int, int],
    *,
    cond: str,
    basis: str,
    result: str,
    mats: list[dict],
    now: bool = False,
    sp: tuple[str, ...] = (),
    remote: bool = False,
    fee: str = "0",
    fee_basis: str = "",
    where: str = "",
    visits: int = 1,
    online: bool = True,
    tb: bool = False,
    rtype: str = "",
) -> None:
    """Add one item. ``days`` is (statutory, promised) in working days; ``now`` makes it an
    即办件; ``sp`` lists its special procedures (an ``inspection`` makes it need a site
    inspection, ``remote`` lets that be done by video); ``tb`` marks it 通办. Which items allow
    容缺受理, and with which materials owed, is listed in ``DEFICIENCY`` at the end; which go
    through the department head or a second department, in ``HEAD_APPROVAL`` and
    ``JOINT_REVIEW``."""
    statutory, promised = days
    number = _numbers.get((department, abbrev), 0) + 1
    _numbers[(department, abbrev)] = number
    ITEMS.append(
        {
            "code": f"{REGION}-{abbrev}-{_CODE_BASE[department] + number:04d}",
            "name": name,
            "kind": KINDS[abbrev],
            "department": department,
            "handling": "immediate" if now else "commitment",
            "statutory_days": statutory,
            "promised_days": promised,
            "special_procedures": list(sp),
            "conditions": cond,
            "legal_basis": basis,
            "fee": fee,
            "fee_basis": fee_basis,
            "location": where or _WHERE.get(department, GENERAL),
            "hours": _HOURS.get(department, HOURS),
            "visits": visits,
            "online": online,
            "cross_zone": tb,
            "allows_deficiency": False,
            "needs_inspection": "inspection" in sp,
            "remote_inspection": remote,
            "head_approval": False,
            "joint_department": None,
            "step_days": {},
            "result_name": result,
            "result_type": rtype or _result_type(abbrev, result),
            "materials": mats,
        }
    )


# ---------------------------------------------------------------------------------------------
# Material templates

SELF = "申请人自备"
FORM = "政务服务中心窗口领取或陕西政务服务网下载"
SIGNED = "内容填写完整、真实，申请人签字或加盖公章"
VALID = "在有效期内，复印件与原件一致"


def m(
    name: str,
    kind: str = "original",
    *,
    cond: str = "",
    opt: bool = False,
    copies: int = 1,
    src: str = SELF,
    std: str = "",
) -> dict:
    """One material: ``cond`` makes it conditional (needed only in that case), ``opt`` optional."""
    need = "conditional" if cond else "optional" if opt else "required"
    return {
        "name": name,
        "kind": kind,
        "need": need,
        "condition": cond,
        "copies": copies,
        "source": src,
        "standard": std,
        "secondary": False,
    }


def form(name: str, kind: str = "original", **kw) -> dict:
    return m(name, kind, **{"src": FORM, "std": SIGNED, **kw})


def copy(name: str, **kw) -> dict:
    return m(name, "copy", **{"std": VALID, **kw})


def licence(**kw) -> dict:
    return copy(
        "营业执照",
        **{
            "src": "市场监管部门核发，可通过电子证照库共享调取",
            "std": "在有效期内，复印件加盖公章；共享调取成功的免于提交",
            **kw,
        },
    )


def rep_id(who: str = "法定代表人（负责人）", **kw) -> dict:
    return copy(
        f"{who}身份证件", **{"src": "公安机关核发", "std": "在有效期内，正反面复印在同一页", **kw}
    )


def id_card(who: str = "申请人", **kw) -> dict:
    return m(f"{who}居民身份证", **{"src": "公安机关核发", "std": "在有效期内，窗口核验原件", **kw})


def agent() -> dict:
    return m(
        "授权委托书及受托人身份证件",
        cond="委托他人代为办理的",
        std="委托书载明委托事项和权限，由委托人签字或盖章；受托人身份证件核验原件",
    )


def site(what: str = "经营场所", **kw) -> dict:
    return copy(
        f"{what}使用证明",
        **{
            "src": "不动产权证书、房屋租赁合同或产权单位出具的证明",
            "std": "地址与申请地址一致；租赁的须在有效期内",
            **kw,
        },
    )


def layout(what: str = "经营场所平面布局图", **kw) -> dict:
    return m(what, **{"std": "标明各功能区布局、主要设施设备位置及面积，申请人签字或盖章", **kw})


def rules(what: str, **kw) -> dict:
    return m(what, **{"std": "制度完整、切合实际，加盖公章", **kw})


def pledge(what: str = "告知承诺书", **kw) -> dict:
    return m(what, **{"src": FORM, "std": "申请人签字或盖章，承诺内容真实、可核查", **kw})


def report(what: str, **kw) -> dict:
    return m(
        what,
        **{
            "src": "申请人自行编制或委托有能力的技术单位编制",
            "std": "内容符合技术规范要求，编制单位盖章",
            **kw,
        },
    )


def drawings(what: str, **kw) -> dict:
    return m(
        what,
        "electronic",
        **{
            "src": "具有相应资质的设计单位出具",
            "std": "经设计单位盖章，PDF格式，比例、标注清晰",
            **kw,
        },
    )


def ss_card(who: str = "本人", **kw) -> dict:
    return m(
        f"{who}社会保障卡或居民身份证",
        **{
            "src": "人社部门或公安机关核发",
            "std": "在有效期内，窗口核验原件，可使用电子社保卡",
            **kw,
        },
    )


def bank_card(**kw) -> dict:
    return copy(
        "本人银行账户信息",
        **{"src": "开户银行", "std": "本人名下一类银行账户，户名、账号清晰", **kw},
    )


# =============================================================================================
# 行政审批服务局 (xzsp): 相对集中的行政许可
# =============================================================================================

# --- 市场主体登记 (企业开办专窗) -----------------------------------------------------------

MARKET_LAW = (
    "《中华人民共和国市场主体登记管理条例》；《中华人民共和国市场主体登记管理条例实施细则》"
)


ONE_THING = (
    "《国务院关于进一步优化政务服务提升行政效能推动“高效办成一件事”的指导意见》（国发〔2024〕3号）"
)


def prior_approval() -> dict:
    return copy(
        "前置审批文件或许可证件",
        cond="经营范围涉及法律、行政法规或者国务院决定规定须在登记前批准的项目的",
    )


def _market_entity(
    label: str,
    law: str,
    *,
    setup_cond: str,
    setup_mats: list[dict],
    decision: str,
    charter: str,
    liquidation: str,
    quick: bool = False,
) -> None:
    """设立、变更、注销登记 of one kind of market entity."""
    basis = f"{law}；{MARKET_LAW}"
    _add(
        "XK",
        f"{label}设立登记",
        "xzsp",
        (3, 0 if quick else 1),
        now=quick,
        cond=setup_cond,
        basis=basis,
        result="营业执照",
        mats=setup_mats,
        where=STARTUP,
        visits=0,
        tb=True,
    )
    change_mats = [
        form(f"{label}变更登记申请书"),
        m(decision, std="依照章程或协议规定的程序作出，相关人员签字或盖章"),
    ]
    if charter:
        change_mats.append(m(charter, cond="变更事项涉及章程（协议）修改的", std=SIGNED))
    change_mats += [
        site("新住所（经营场所）", cond="变更住所或经营场所的"),
        rep_id("新任法定代表人（负责人）", cond="变更法定代表人或负责人的"),
        agent(),
    ]
    _add(
        "XK",
        f"{label}变更登记",
        "xzsp",
        (3, 0),
        now=True,
        cond=f"{label}登记事项发生变更的，应当自作出变更决议、决定或者法定变更事项发生之日起30日内申请变更登记。",
        basis=basis,
        result="营业执照",
        mats=change_mats,
        where=STARTUP,
        visits=0,
        tb=True,
    )
    settle = "并完成清算" if "清算" in liquidation else ""
    cancel_mats = [form(f"{label}注销登记申请书")]
    if liquidation:
        cancel_mats.append(m(liquidation, std="清算组成员或投资人签字确认"))
    cancel_mats += [
        m(
            "营业执照正、副本",
            std="已领取电子营业执照的同步注销；纸质执照遗失的在国家企业信用信息公示系统声明作废",
        ),
        agent(),
    ]
    _add(
        "XK",
        f"{label}注销登记",
        "xzsp",
        (3, 0 if quick else 1),
        now=quick,
        cond=f"{label}需要终止经营的，应当依法结清税款、社会保险费等事项{settle}后申请注销登记。",
        basis=basis,
        result="准予注销登记通知书",
        mats=cancel_mats,
        where=STARTUP,
        visits=0,
        tb=True,
    )


_market_entity(
    "有限责任公司",
    "《中华人民共和国公司法》",
    setup_cond="有符合规定的名称、住所和经营范围，股东人数在一人以上五十人以下，股东共同制定公司章程并认缴出资，建立符合公司法要求的组织机构。",
    setup_mats=[
        form("公司登记（备案）申请书", std="法定代表人签字，股东盖章或签字"),
        m("公司章程", std="全体股东签名或盖章"),
        copy("股东主体资格证明或自然人身份证件"),
        m("法定代表人、董事、监事和高级管理人员的任职文件", std="依照章程规定程序产生"),
        site("住所"),
        prior_approval(),
        agent(),
    ],
    decision="股东会决议或股东决定",
    charter="修改后的公司章程或章程修正案",
    liquidation="经股东会确认的清算报告",
)
_market_entity(
    "股份有限公司",
    "《中华人民共和国公司法》",
    setup_cond="发起人符合法定人数，有符合规定的名称、住所和组织机构，发起人制定公司章程并按规定认购股份；募集设立的依法召开成立大会。",
    setup_mats=[
        form("公司登记（备案）申请书", std="法定代表人签字，发起人盖章或签字"),
        m("公司章程", std="发起设立的由全体发起人签署，募集设立的由成立大会通过"),
        copy("发起人主体资格证明或自然人身份证件"),
        m("成立大会会议记录", cond="以募集方式设立的", std="会议主持人和出席会议的董事签字"),
        copy("验资证明", cond="以募集方式设立的", src="依法设立的验资机构出具"),
        m("法定代表人、董事、监事和高级管理人员的任职文件", std="依照章程规定程序产生"),
        site("住所"),
        agent(),
    ],
    decision="股东会决议或董事会决议",
    charter="修改后的公司章程或章程修正案",
    liquidation="经股东会确认的清算报告",
)
_market_entity(
    "非公司企业法人",
    "《中华人民共和国全民所有制工业企业法》；《中华人民共和国城镇集体所有制企业条例》",
    setup_cond="有符合规定的名称、住所和经营范围，有出资人或主管部门的批准文件，有与经营规模相适应的资金和组织机构。",
    setup_mats=[
        form("非公司企业法人登记（备案）申请书"),
        m("出资人或主管部门同意设立的文件", std="加盖出资人或主管部门公章"),
        m("企业章程", std="出资人签署"),
        m("法定代表人任职文件及身份证件", std="由出资人或主管部门任命"),
        site("住所"),
        prior_approval(),
        agent(),
    ],
    decision="出资人或主管部门同意变更的文件",
    charter="修改后的企业章程",
    liquidation="经出资人或主管部门确认的清算报告",
)
_market_entity(
    "个人独资企业",
    "《中华人民共和国个人独资企业法》",
    setup_cond="投资人为一个自然人，有合法的企业名称、投资人申报的出资、固定的生产经营场所和必要的生产经营条件，以及必要的从业人员。",
    setup_mats=[
        form("个人独资企业登记（备案）申请书", std="投资人签字"),
        id_card("投资人"),
        site("住所（经营场所）"),
        prior_approval(),
        agent(),
    ],
    decision="投资人决定",
    charter="",
    liquidation="投资人签署的清算报告",
)
_market_entity(
    "合伙企业",
    "《中华人民共和国合伙企业法》",
    setup_cond="有二个以上合伙人，有书面合伙协议、合伙人认缴或者实际缴付的出资、合伙企业的名称和生产经营场所；有限合伙企业至少有一个普通合伙人。",
    setup_mats=[
        form("合伙企业登记（备案）申请书", std="全体合伙人签字或盖章"),
        m("合伙协议", std="全体合伙人签字或盖章"),
        copy("全体合伙人的主体资格证明或自然人身份证件"),
        m("全体合伙人对各合伙人认缴或者实际缴付出资的确认书", std="全体合伙人签字或盖章"),
        m("全体合伙人委托执行事务合伙人的委托书", std="全体合伙人签字或盖章"),
        site("主要经营场所"),
        agent(),
    ],
    decision="全体合伙人签署的变更决定书",
    charter="修改后的合伙协议",
    liquidation="全体合伙人签署的清算报告",
)
_market_entity(
    "农民专业合作社",
    "《中华人民共和国农民专业合作社法》",
    setup_cond="有五名以上符合规定的成员，其中农民至少占成员总数的百分之八十，有章程、组织机构、名称和住所，有符合章程规定的成员出资。",
    setup_mats=[
        form("农民专业合作社登记（备案）申请书"),
        m("全体设立人签名、盖章的设立大会纪要"),
        m("全体设立人签名、盖章的章程"),
        copy("法定代表人、理事的任职文件和身份证明"),
        m(
            "载明成员姓名或者名称、出资方式、出资额以及成员出资总额的出资清单",
            std="全体出资成员签名、盖章",
        ),
        copy("成员名册和成员身份证明", std="农民成员提交农业户口簿或身份证明"),
        site("住所"),
        agent(),
    ],
    decision="成员大会或成员代表大会决议",
    charter="修改后的章程或章程修正案",
    liquidation="经成员大会确认的清算报告",
)
_market_entity(
    "个体工商户",
    "《促进个体工商户发展条例》",
    setup_cond="有经营能力的自然人或家庭，有固定的经营场所，经营范围不属于法律、行政法规禁止的项目。",
    setup_mats=[
        form("个体工商户登记（备案）申请书", std="经营者签字"),
        id_card("经营者"),
        site(),
        agent(),
    ],
    decision="经营者签署的变更申请",
    charter="",
    liquidation="",
    quick=True,
)
_market_entity(
    "外商投资企业",
    "《中华人民共和国外商投资法》；《中华人民共和国外商投资法实施条例》；《中华人民共和国公司法》",
    setup_cond="外国投资者投资的领域不属于外商投资准入负面清单禁止投资的领域，限制类的符合负面清单规定的条件；其他条件同内资企业。",
    setup_mats=[
        form("外商投资企业登记（备案）申请书", std="法定代表人签字，投资者签字或盖章"),
        m("公司章程或合伙协议", std="全体投资者签署"),
        m(
            "外国投资者的主体资格证明或身份证明",
            std="依法经公证、认证或者办理附加证明书，外文材料附中文译本",
        ),
        m("法律文件送达授权委托书", std="外国投资者签署，载明在中国境内的受送达人"),
        m("法定代表人、董事、监事和高级管理人员的任职文件"),
        site("住所"),
        agent(),
    ],
    decision="依照章程作出的投资者决议或决定",
    charter="修改后的公司章程或合伙协议",
    liquidation="经投资者确认的清算报告",
)
_market_entity(
    "公司分公司",
    "《中华人民共和国公司法》",
    setup_cond="公司设立分公司的，由公司向分公司所在地登记机关申请登记，分公司不具有法人资格，其民事责任由公司承担。",
    setup_mats=[
        form("分公司登记（备案）申请书", std="公司法定代表人签字并加盖公司公章"),
        licence(),
        m("公司任命分公司负责人的文件及负责人身份证件"),
        site("营业场所"),
        prior_approval(),
        agent(),
    ],
    decision="公司作出的变更决定",
    charter="",
    liquidation="公司作出的撤销分公司的决定",
)

_add(
    "XK",
    "企业简易注销登记",
    "xzsp",
    (3, 1),
    cond="未发生债权债务或者已将债权债务清偿完结，未发生或者已结清清偿费用、职工工资、社会保险费用、法定补偿金、应缴纳税款，并由全体投资人书面承诺对上述情况的真实性承担法律责任；公示期20日届满无异议。",
    basis=MARKET_LAW
    + "；《国家市场监督管理总局 国家税务总局关于进一步优化企业开办和注销服务的通知》",
    result="准予简易注销登记通知书",
    mats=[
        form("简易注销登记申请书"),
        pledge("全体投资人承诺书", std="全体投资人签字或盖章"),
        m("营业执照正、副本"),
        agent(),
    ],
    where=STARTUP,
    visits=0,
    tb=True,
)
_add(
    "XK",
    "个体工商户转型为企业登记",
    "xzsp",
    (3, 1),
    cond="个体工商户自愿转型为企业的，可以依法直接变更为企业，保留原名称中的字号和行业特点，已取得的许可证件按规定办理变更。",
    basis="《促进个体工商户发展条例》；" + MARKET_LAW,
    result="营业执照",
    mats=[
        form("个体工商户转型为企业登记申请书"),
        m("个体工商户营业执照正、副本"),
        m("拟设立企业的章程或协议", cond="转型为公司或合伙企业的", std="全体投资人签署"),
        id_card("经营者"),
        site("住所"),
        agent(),
    ],
    where=STARTUP,
    visits=0,
    tb=True,
)
_add(
    "XK",
    "企业住所跨登记机关迁移登记",
    "xzsp",
    (3, 1),
    cond="企业将住所迁出或迁入咸阳高新区的，应当向迁入地登记机关申请变更登记，迁出地登记机关通过信息系统移交登记档案。",
    basis=MARKET_LAW,
    result="营业执照",
    mats=[
        form("企业变更登记申请书"),
        m("股东会决议或投资人决定"),
        site("新住所"),
        m("营业执照正、副本"),
        agent(),
    ],
    where=STARTUP,
    visits=0,
    tb=True,
)
_add(
    "QT",
    "营业执照遗失补领、换发",
    "xzsp",
    (3, 0),
    now=True,
    cond="营业执照遗失、毁损或因登记事项以外原因需要换发的，市场主体可以申请补领或者换发。",
    basis=MARKET_LAW,
    result="营业执照",
    mats=[
        form("营业执照补领（换发）申请表"),
        m("原营业执照", cond="因毁损或其他原因申请换发的", std="交回原执照正、副本"),
        agent(),
    ],
    where=STARTUP,
    tb=True,
)
_add(
    "BA",
    "市场主体歇业备案",
    "xzsp",
    (3, 0),
    now=True,
    cond="因自然灾害、事故灾难、公共卫生事件、社会安全事件等原因造成经营困难的，市场主体可以自主决定在一定时期内歇业，歇业期限最长不得超过3年。",
    basis="《中华人民共和国市场主体登记管理条例》第三十条；《中华人民共和国市场主体登记管理条例实施细则》",
    result="歇业备案通知书",
    mats=[
        form("市场主体歇业备案申请书"),
        m("歇业期间的法律文书送达地址确认书"),
        agent(),
    ],
    where=STARTUP,
    visits=0,
    tb=True,
)
_add(
    "BA",
    "公司章程及董事、监事、高级管理人员备案",
    "xzsp",
    (3, 0),
    now=True,
    cond="公司章程修改未涉及登记事项，或者董事、监事、高级管理人员、登记联络员发生变动的，应当向登记机关办理备案。",
    basis="《中华人民共和国公司法》；" + MARKET_LAW,
    result="备案通知书",
    mats=[
        form("公司登记（备案）申请书"),
        m("修改后的公司章程或章程修正案", cond="备案章程修改的", std=SIGNED),
        m("董事、监事、高级管理人员的任职文件及身份证件", cond="备案人员变动的"),
        agent(),
    ],
    where=STARTUP,
    visits=0,
    tb=True,
)
_add(
    "GG",
    "企业开办一件事",
    "xzsp",
    (1, 1),
    cond="在咸阳高新区新开办企业的，可通过企业开办“一网通办”平台一次填报，同步办理营业执照、公章刻制、发票申领、社保和公积金登记、银行预约开户。",
    basis=ONE_THING,
    result="营业执照、印章、发票等开办结果",
    mats=[
        form("企业开办一件事申请表", "electronic"),
        m("公司章程或合伙协议等设立登记材料", "electronic", std="按所开办企业类型提交"),
        id_card("法定代表人（负责人）"),
        site("住所"),
    ],
    where=STARTUP,
    visits=0,
    tb=True,
)
_add(
    "GG",
    "企业注销一件事",
    "xzsp",
    (20, 10),
    cond="企业决定终止经营的，可通过企业注销“一网通办”平台一次申请，同步办理税务注销、社保注销、公积金账户注销和营业执照注销。",
    basis=ONE_THING,
    result="准予注销登记通知书及清税证明",
    mats=[
        form("企业注销一件事申请表", "electronic"),
        m("经确认的清算报告", "electronic"),
        m("营业执照正、副本"),
        agent(),
    ],
    where=STARTUP,
    visits=0,
)
_add(
    "GG",
    "企业信息变更一件事",
    "xzsp",
    (3, 1),
    cond="企业登记信息变更后，可一次申请同步变更税务、社保、医保、公积金等部门登记的企业信息。",
    basis=ONE_THING,
    result="变更后的营业执照及各部门信息变更结果",
    mats=[
        form("企业信息变更一件事申请表", "electronic"),
        m("股东会决议或投资人决定", "electronic"),
        agent(),
    ],
    where=STARTUP,
    visits=0,
    tb=True,
)


# --- 食品、药品、医疗器械 -------------------------------------------------------------------

FOOD_SAFETY_LAW = "《中华人民共和国食品安全法》第三十五条；《中华人民共和国食品安全法实施条例》"
FOOD_TRADE_LAW = FOOD_SAFETY_LAW + "；《食品经营许可和备案管理办法》"
FOOD_MAKE_LAW = FOOD_SAFETY_LAW + "；《食品生产许可管理办法》"
DRUG_LAW = "《中华人民共和国药品管理法》第五十一条；《药品经营和使用质量监督管理办法》"

_add(
    "XK",
    "食品经营许可（新办）",
    "xzsp",
    (20, 5),
    sp=("inspection",),
    remote=True,
    cond="具有与经营的食品品种、数量相适应的经营场所和设施设备，有专职或者兼职的食品安全管理人员和保证食品安全的规章制度，设备布局和工艺流程合理，能防止交叉污染。",
    basis=FOOD_TRADE_LAW,
    result="食品经营许可证",
    mats=[
        form("食品经营许可申请书"),
        licence(),
        layout("与食品经营相适应的经营设施空间布局和操作流程文件"),
        m("主要设备设施清单", std="列明名称、数量和用途"),
        rules("食品安全管理制度目录和食品安全管理人员配备情况"),
        m("网络食品交易信息（网站或应用名称、网址）", cond="利用自建网站从事网络食品经营的"),
        agent(),
    ],
    tb=True,
)
_add(
    "XK",
    "食品经营许可（变更）",
    "xzsp",
    (20, 3),
    sp=("inspection",),
    remote=True,
    cond="已取得食品经营许可证，许可证载明的经营项目、经营场所布局等许可事项发生变化的，应当在变化后10个工作日内申请变更；经营场所迁移的须重新申请。",
    basis=FOOD_TRADE_LAW,
    result="食品经营许可证",
    mats=[
        form("食品经营许可变更申请书"),
        m("食品经营许可证正、副本"),
        m("与变更事项有关的材料", std="如变更后的设施布局图、设备清单"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "XK",
    "食品经营许可（延续）",
    "xzsp",
    (20, 3),
    cond="食品经营许可证有效期届满需要继续经营的，应当在有效期届满前按规定时限申请延续，经营条件未发生变化的可以承诺免于现场核查。",
    basis=FOOD_TRADE_LAW,
    result="食品经营许可证",
    mats=[
        form("食品经营许可延续申请书"),
        m("食品经营许可证正、副本"),
        pledge("经营条件未发生变化的承诺书"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "XK",
    "食品经营许可（注销）",
    "xzsp",
    (20, 0),
    now=True,
    cond="食品经营者终止经营、食品经营许可被撤回、撤销或者许可证有效期届满未申请延续的，应当申请注销食品经营许可。",
    basis=FOOD_TRADE_LAW,
    result="食品经营许可注销通知书",
    mats=[form("食品经营许可注销申请书"), m("食品经营许可证正、副本"), agent()],
    visits=0,
    tb=True,
)
_add(
    "BA",
    "仅销售预包装食品备案",
    "xzsp",
    (1, 0),
    now=True,
    cond="仅销售预包装食品的经营者，在办理市场主体登记后或开展经营前，向经营所在地县级市场监督管理部门备案。",
    basis="《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》",
    result="仅销售预包装食品备案信息",
    mats=[form("仅销售预包装食品备案信息采集表"), licence(), agent()],
    visits=0,
    tb=True,
)
_add(
    "XK",
    "小餐饮经营许可",
    "xzsp",
    (10, 3),
    sp=("inspection",),
    remote=True,
    cond="从业人员少、条件简单、从事餐饮服务的个体经营者，经营场所与经营规模相适应，有必要的防尘、防蝇、防鼠设施，从业人员持有效健康证明。",
    basis="《中华人民共和国食品安全法》第三十六条；《陕西省食品小作坊小餐饮及摊贩管理条例》",
    result="小餐饮经营许可证",
    mats=[
        form("小餐饮经营许可申请表"),
        id_card("经营者"),
        site(),
        layout("经营场所平面布局图"),
        copy("从业人员健康证明", src="具有资质的医疗卫生机构出具"),
        agent(),
    ],
    tb=True,
)
_add(
    "XK",
    "食品生产许可（新办）",
    "xzsp",
    (20, 10),
    sp=("inspection",),
    cond="具有与生产的食品品种、数量相适应的生产场所、设备设施和专业技术人员，有保证食品安全的规章制度，设备布局和工艺流程合理，符合相应食品生产许可审查细则的要求。",
    basis=FOOD_MAKE_LAW,
    result="食品生产许可证",
    mats=[
        form("食品生产许可申请书"),
        licence(),
        layout("食品生产加工场所及其周围环境平面图、各功能区间布局平面图"),
        m("工艺设备布局图和食品生产工艺流程图", std="标明工艺流程和关键控制点"),
        m("食品生产主要设备、设施清单"),
        rules("食品安全专业技术人员、管理人员信息和食品安全管理制度"),
        agent(),
    ],
)
_add(
    "XK",
    "食品生产许可（变更）",
    "xzsp",
    (20, 5),
    sp=("inspection",),
    cond="食品生产许可证有效期内，生产场所、生产条件、食品类别等许可事项发生变化的，应当在变化后10个工作日内申请变更。",
    basis=FOOD_MAKE_LAW,
    result="食品生产许可证",
    mats=[
        form("食品生产许可变更申请书"),
        m("食品生产许可证正、副本"),
        m("与变更食品生产许可事项有关的其他材料"),
        agent(),
    ],
)
_add(
    "XK",
    "食品生产许可（延续）",
    "xzsp",
    (20, 5),
    sp=("inspection",),
    cond="食品生产许可证有效期届满需要继续生产的，应当在有效期届满30个工作日前申请延续；生产条件发生变化可能影响食品安全的须进行现场核查。",
    basis=FOOD_MAKE_LAW,
    result="食品生产许可证",
    mats=[
        form("食品生产许可延续申请书"),
        m("食品生产许可证正、副本"),
        m("与延续食品生产许可事项有关的其他材料"),
        agent(),
    ],
)
_add(
    "XK",
    "药品零售企业经营许可（新办）",
    "xzsp",
    (20, 10),
    sp=("inspection",),
    cond="具有依法经过资格认定的药师或者其他药学技术人员，有与所经营药品相适应的营业场所、设备、仓储设施和卫生环境，有保证药品质量的规章制度，并符合药品经营质量管理规范要求。",
    basis=DRUG_LAW,
    result="药品经营许可证",
    mats=[
        form("药品经营许可证申请表"),
        licence(),
        rep_id("企业负责人、质量负责人"),
        copy("执业药师注册证或药学专业技术人员资格证书"),
        site("营业场所、仓库"),
        layout("营业场所、仓库平面布置图"),
        rules("药品质量管理制度文件及目录"),
        agent(),
    ],
    tb=True,
)
_add(
    "XK",
    "药品零售企业经营许可（变更）",
    "xzsp",
    (15, 5),
    sp=("inspection",),
    cond="变更经营地址、经营范围等许可事项的，应当在变更前向原发证机关申请；变更企业名称、法定代表人等登记事项的，在市场主体登记变更后30日内申请。",
    basis=DRUG_LAW,
    result="药品经营许可证",
    mats=[
        form("药品经营许可证变更申请表"),
        m("药品经营许可证正、副本"),
        m("与变更事项有关的证明材料"),
        agent(),
    ],
    tb=True,
)
_add(
    "XK",
    "药品零售企业经营许可（换证）",
    "xzsp",
    (20, 10),
    sp=("inspection",),
    cond="药品经营许可证有效期届满需要继续经营的，应当在有效期届满前按规定时限申请重新审查发证。",
    basis=DRUG_LAW,
    result="药品经营许可证",
    mats=[
        form("药品经营许可证换证申请表"),
        m("药品经营许可证正、副本"),
        m("药品经营质量管理规范自查报告"),
        agent(),
    ],
)
_add(
    "XK",
    "第三类医疗器械经营许可",
    "xzsp",
    (20, 10),
    sp=("inspection",),
    cond="有与经营规模和经营范围相适应的经营场所和贮存条件，有与经营的医疗器械相适应的质量管理制度和质量管理机构或者人员。",
    basis="《医疗器械监督管理条例》第四十二条；《医疗器械经营监督管理办法》",
    result="医疗器械经营许可证",
    mats=[
        form("医疗器械经营许可申请表"),
        licence(),
        copy("法定代表人、企业负责人、质量负责人的身份证明、学历或者职称证明"),
        site("经营场所、库房"),
        layout("经营场所、库房平面图"),
        rules("经营质量管理制度、工作程序等文件目录"),
        agent(),
    ],
)
_add(
    "XK",
    "第三类医疗器械经营许可（变更）",
    "xzsp",
    (10, 5),
    sp=("inspection",),
    cond="变更经营场所、经营方式、经营范围、库房地址的，应当向原发证部门申请许可事项变更；企业名称、法定代表人等登记事项变更的，在变更后30个工作日内申请登记事项变更。",
    basis="《医疗器械监督管理条例》第四十二条；《医疗器械经营监督管理办法》",
    result="医疗器械经营许可证",
    mats=[
        form("医疗器械经营许可变更申请表"),
        m("医疗器械经营许可证正、副本"),
        m("与变更事项有关的证明材料"),
        agent(),
    ],
    tb=True,
)
_add(
    "BA",
    "第二类医疗器械经营备案",
    "xzsp",
    (1, 0),
    now=True,
    cond="从事第二类医疗器械经营的，具备与经营规模和经营范围相适应的经营场所和贮存条件后，向所在地负责药品监督管理的部门备案。",
    basis="《医疗器械监督管理条例》第四十一条；《医疗器械经营监督管理办法》",
    result="第二类医疗器械经营备案凭证",
    mats=[
        form("第二类医疗器械经营备案表"),
        licence(),
        site("经营场所、库房"),
        rules("经营质量管理制度、工作程序等文件目录"),
        agent(),
    ],
    visits=0,
    tb=True,
)

# --- 卫生健康 --------------------------------------------------------------------------------

PUBLIC_PLACE_LAW = "《公共场所卫生管理条例》第八条；《公共场所卫生管理条例实施细则》"

_add(
    "XK",
    "公共场所卫生许可（新办）",
    "xzsp",
    (20, 3),
    sp=("inspection",),
    remote=True,
    cond="经营宾馆、美容美发、沐浴、游泳场所等依法需取得卫生许可的公共场所，选址、设计、布局和卫生设施符合卫生标准和规范，有卫生管理制度和专（兼）职卫生管理人员。",
    basis=PUBLIC_PLACE_LAW,
    result="公共场所卫生许可证",
    mats=[
        form("公共场所卫生许可申请表"),
        licence(),
        layout("公共场所地址方位示意图、平面图和卫生设施平面布局图"),
        copy("公共场所卫生检测或者评价报告", src="具有资质的检测机构出具"),
        rules("公共场所卫生管理制度"),
        pledge("公共场所卫生许可告知承诺书"),
        agent(),
    ],
    tb=True,
)
_add(
    "XK",
    "公共场所卫生许可（变更）",
    "xzsp",
    (20, 3),
    cond="公共场所经营者变更单位名称、法定代表人或者负责人的，应当向原发证机关办理变更手续；变更经营项目、经营场所地址的，应当重新申请卫生许可。",
    basis=PUBLIC_PLACE_LAW,
    result="公共场所卫生许可证",
    mats=[form("公共场所卫生许可变更申请表"), m("公共场所卫生许可证"), licence(), agent()],
    visits=0,
    tb=True,
)
_add(
    "XK",
    "公共场所卫生许可（延续）",
    "xzsp",
    (20, 3),
    cond="公共场所卫生许可证有效期为四年，需要延续的应当在有效期届满30日前向原发证机关提出申请。",
    basis=PUBLIC_PLACE_LAW,
    result="公共场所卫生许可证",
    mats=[
        form("公共场所卫生许可延续申请表"),
        m("公共场所卫生许可证"),
        copy("近一年公共场所卫生检测报告", src="具有资质的检测机构出具"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "XK",
    "饮用水供水单位卫生许可",
    "xzsp",
    (20, 10),
    sp=("inspection", "testing"),
    cond="集中式供水单位和二次供水单位的供水设施、水质处理工艺符合卫生规范，出厂水或末梢水水质检测合格，直接从事供、管水的人员取得健康合格证明。",
    basis="《中华人民共和国传染病防治法》第二十九条；《生活饮用水卫生监督管理办法》",
    result="卫生许可证",
    mats=[
        form("供水单位卫生许可申请表"),
        licence(),
        copy("水质检测报告", src="具有资质的检测机构出具"),
        copy("供、管水人员健康合格证明和卫生知识培训合格证明"),
        rules("供水卫生管理制度和污染应急预案"),
        agent(),
    ],
)
MEDICAL_LAW = "《医疗机构管理条例》；《医疗机构管理条例实施细则》"
_add(
    "XK",
    "医疗机构设置审批",
    "xzsp",
    (30, 15),
    sp=("inspection", "expert_review"),
    cond="设置二级及以下医疗机构，符合区域医疗卫生服务体系规划和医疗机构基本标准，设置人具备相应条件。",
    basis=MEDICAL_LAW,
    result="设置医疗机构批准书",
    mats=[
        form("设置医疗机构申请书"),
        report("设置可行性研究报告"),
        m("选址报告和建筑设计平面图"),
        copy(
            "设置人资格证明文件",
            std="单位设置的提交营业执照或登记证书，个人设置的提交身份证件和执业证书",
        ),
        agent(),
    ],
)
_add(
    "XK",
    "医疗机构执业登记",
    "xzsp",
    (45, 15),
    sp=("inspection",),
    cond="已取得设置医疗机构批准书，按照批准书核定的诊疗科目配备人员、房屋和设备，符合医疗机构基本标准，有相应的规章制度。",
    basis=MEDICAL_LAW,
    result="医疗机构执业许可证",
    mats=[
        form("医疗机构申请执业登记注册书"),
        copy("设置医疗机构批准书"),
        site("医疗机构用房"),
        drawings("医疗机构建筑设计平面图"),
        copy("法定代表人或主要负责人以及各科室负责人名录和有关资格证书、执业证书"),
        rules("医疗机构规章制度"),
        agent(),
    ],
)
_add(
    "XK",
    "医疗机构变更登记",
    "xzsp",
    (20, 5),
    sp=("inspection",),
    cond="医疗机构变更名称、地址、法定代表人或者主要负责人、所有制形式、服务对象、服务方式、注册资金、诊疗科目、床位的，应当向原登记机关办理变更登记。",
    basis=MEDICAL_LAW,
    result="医疗机构执业许可证",
    mats=[
        form("医疗机构变更登记申请表"),
        m("医疗机构执业许可证正、副本"),
        m("与变更事项有关的证明材料"),
        agent(),
    ],
    tb=True,
)
_add(
    "QT",
    "医疗机构校验",
    "xzsp",
    (30, 10),
    cond="床位在100张以下的医疗机构每年校验一次，其他医疗机构每三年校验一次，医疗机构应当在校验期满前3个月申请。",
    basis=MEDICAL_LAW + "；《医疗机构校验管理办法（试行）》",
    result="医疗机构校验结论",
    mats=[
        form("医疗机构校验申请书"),
        m("医疗机构执业许可证正、副本"),
        report("校验期内工作总结", src="医疗机构自行编制"),
        agent(),
    ],
)
_add(
    "BA",
    "诊所备案",
    "xzsp",
    (1, 0),
    now=True,
    cond="设置诊所的单位或者个人，具备诊所基本标准规定的人员、房屋和设备条件后，向所在地县级卫生健康行政部门备案，取得备案凭证后即可开展执业活动。",
    basis="《医疗机构管理条例》；《诊所备案管理暂行办法》",
    result="诊所备案凭证",
    mats=[
        form("诊所备案信息表"),
        site("诊所用房"),
        layout("诊所房屋平面布局图"),
        copy("诊所主要负责人及医务人员执业证书"),
        rules("诊所规章制度"),
        agent(),
    ],
    tb=True,
)
_add(
    "XK",
    "医师执业注册",
    "xzsp",
    (20, 5),
    cond="取得医师资格，经所在医疗卫生机构同意，注册的执业地点、执业类别和执业范围与拟执业机构相符，且无不予注册的情形。",
    basis="《中华人民共和国医师法》第十三条；《医师执业注册管理办法》",
    result="医师执业证书",
    mats=[
        form("医师执业注册申请审核表"),
        copy("医师资格证书"),
        copy("近6个月内的健康体检证明", src="县级以上医疗机构出具"),
        m("拟执业医疗卫生机构的聘用证明", std="加盖机构公章"),
    ],
    visits=0,
    tb=True,
)
_add(
    "XK",
    "护士执业注册",
    "xzsp",
    (20, 5),
    cond="具有完全民事行为能力，完成规定的护理专业学历教育并通过护士执业资格考试，符合健康标准，在拟执业医疗卫生机构执业。",
    basis="《护士条例》第七条；《护士执业注册管理办法》",
    result="护士执业证书",
    mats=[
        form("护士执业注册申请审核表"),
        copy("护士执业资格考试成绩合格证明"),
        copy("近6个月内的健康体检证明", src="二级以上医疗机构出具"),
        m("拟执业医疗卫生机构的聘用证明", std="加盖机构公章"),
    ],
    visits=0,
    tb=True,
)
_add(
    "XK",
    "放射诊疗许可",
    "xzsp",
    (20, 10),
    sp=("inspection", "testing"),
    cond="开展X射线影像诊断等放射诊疗工作的医疗机构，具有相应的放射诊疗场所、设备和防护设施，放射诊疗工作人员经培训合格并进行个人剂量监测和职业健康检查。",
    basis="《放射诊疗管理规定》",
    result="放射诊疗许可证",
    mats=[
        form("放射诊疗许可申请表"),
        copy("医疗机构执业许可证"),
        copy("放射诊疗设备和场所防护检测报告", src="具有资质的技术服务机构出具"),
        copy("放射诊疗工作人员资质证明、个人剂量监测和职业健康检查资料"),
        rules("放射事件应急处理预案和放射防护管理制度"),
        agent(),
    ],
)
_add(
    "XK",
    "母婴保健技术服务机构执业许可",
    "xzsp",
    (20, 10),
    sp=("inspection",),
    cond="开展助产技术、结扎手术、终止妊娠手术等母婴保健技术服务的医疗机构，具有相应的设备、场所和经考核合格的专业技术人员。",
    basis="《中华人民共和国母婴保健法》第三十二条；《中华人民共和国母婴保健法实施办法》",
    result="母婴保健技术服务执业许可证",
    mats=[
        form("母婴保健技术服务执业许可申请表"),
        copy("医疗机构执业许可证"),
        copy("母婴保健技术考核合格证书"),
        rules("母婴保健技术服务管理制度"),
        agent(),
    ],
)


# --- 教育、培训 ------------------------------------------------------------------------------

PRIVATE_SCHOOL_LAW = "《中华人民共和国民办教育促进法》；《中华人民共和国民办教育促进法实施条例》"

_add(
    "XK",
    "民办幼儿园设立审批",
    "xzsp",
    (60, 30),
    sp=("inspection", "expert_review"),
    cond="举办者具备法定资格，园舍、场地、设施设备和卫生保健条件符合幼儿园办园标准，有具备资格的园长、教师和保育员，办园资金来源稳定，符合区域学前教育布局规划。",
    basis=PRIVATE_SCHOOL_LAW + "；《幼儿园管理条例》",
    result="民办学校办学许可证",
    mats=[
        form("民办幼儿园设立申请书"),
        copy("举办者资格证明文件"),
        site("园舍"),
        m("资产来源、资金数额及有效证明文件", std="附验资报告或银行资信证明"),
        m("幼儿园章程和首届决策机构组成人员名单"),
        copy("拟任园长、教师和保育员的资格证明"),
        copy("托幼机构卫生评价报告", src="妇幼保健机构出具"),
        agent(),
    ],
)
_add(
    "XK",
    "民办学校（幼儿园）变更审批",
    "xzsp",
    (60, 20),
    cond="民办学校（幼儿园）变更举办者、名称、层次、类别或者分立、合并的，经学校决策机构同意后向审批机关提出申请。",
    basis=PRIVATE_SCHOOL_LAW,
    result="民办学校办学许可证",
    mats=[
        form("民办学校变更申请书"),
        m("民办学校办学许可证正、副本"),
        m("学校决策机构同意变更的决议", std="决策机构成员签字"),
        m("与变更事项有关的协议或证明材料"),
        agent(),
    ],
)
_add(
    "XK",
    "民办学校（幼儿园）终止审批",
    "xzsp",
    (60, 20),
    cond="民办学校（幼儿园）根据章程规定要求终止并经审批机关批准，或者因资不抵债无法继续办学的，应当妥善安置在校学生并依法进行财务清算。",
    basis=PRIVATE_SCHOOL_LAW,
    result="同意终止办学的批复",
    mats=[
        form("民办学校终止办学申请书"),
        m("学校决策机构同意终止的决议"),
        m("在校学生安置方案", std="安置去向明确，附接收学校意见"),
        report("财务清算报告", src="会计师事务所出具"),
        agent(),
    ],
)
_add(
    "XK",
    "非学科类校外培训机构设立审批",
    "xzsp",
    (60, 20),
    sp=("inspection",),
    cond="面向中小学生开展文化艺术、体育、科技等非学科类培训，有符合要求的培训场所、培训人员和培训内容，符合消防、卫生等安全标准。",
    basis=PRIVATE_SCHOOL_LAW + "；《教育部等十三部门关于规范面向中小学生的非学科类校外培训的意见》",
    result="民办学校办学许可证",
    mats=[
        form("校外培训机构设立申请书"),
        copy("举办者资格证明文件"),
        site("培训场所"),
        m("培训机构章程和决策机构组成人员名单"),
        copy("培训人员资格证明"),
        m("培训内容说明和收费方案"),
        agent(),
    ],
)
_add(
    "XK",
    "民办职业技能培训机构设立审批",
    "xzsp",
    (60, 20),
    sp=("inspection",),
    cond="举办以职业技能培训为主的民办学校，有与培训职业（工种）相适应的场地、设施设备和师资，有规范的章程和管理制度。",
    basis="《中华人民共和国民办教育促进法》第十二条；《中华人民共和国民办教育促进法实施条例》",
    result="民办学校办学许可证",
    mats=[
        form("民办职业技能培训机构设立申请书"),
        copy("举办者资格证明文件"),
        site("培训场所"),
        m("培训机构章程和管理制度"),
        copy("专兼职教师资格证明及职业技能等级证书"),
        m("开设培训项目的教学计划和大纲"),
        agent(),
    ],
    tb=True,
)

# --- 交通运输 --------------------------------------------------------------------------------

ROAD_LAW = "《中华人民共和国道路运输条例》"

_add(
    "XK",
    "道路货物运输经营许可",
    "xzsp",
    (20, 5),
    cond="使用总质量4.5吨以上普通货运车辆从事经营的，有与经营业务相适应并经检测合格的车辆，有符合条件的驾驶人员和健全的安全生产管理制度。",
    basis=ROAD_LAW + "第二十一条；《道路货物运输及站场管理规定》",
    result="道路运输经营许可证",
    mats=[
        form("道路货物运输经营申请表"),
        rep_id("负责人"),
        pledge("拟投入运输车辆承诺书", std="载明车辆数量、类型、技术性能"),
        copy("驾驶人员的机动车驾驶证、从业资格证"),
        rules("安全生产管理制度文本"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "BA",
    "道路货物运输站（场）经营备案",
    "xzsp",
    (1, 0),
    now=True,
    cond="从事道路货物运输站（场）经营的，应当在依法办理市场主体登记后15日内向所在地县级交通运输主管部门备案。",
    basis=ROAD_LAW + "；《道路货物运输及站场管理规定》",
    result="道路货物运输站（场）经营备案表",
    mats=[
        form("道路货物运输站（场）经营备案表"),
        licence(),
        site("站（场）"),
        rules("安全生产管理制度和业务操作规程"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "BA",
    "机动车维修经营备案",
    "xzsp",
    (1, 0),
    now=True,
    cond="从事机动车维修经营的，应当在依法办理市场主体登记后向所在地县级交通运输主管部门备案，并具备与维修业务相适应的场地、设备和技术人员。",
    basis=ROAD_LAW + "；《机动车维修管理规定》",
    result="机动车维修经营备案表",
    mats=[
        form("机动车维修经营备案表"),
        licence(),
        site("维修经营场地和停车场"),
        m("维修设备设施汇总表"),
        copy("维修技术人员汇总表及相关资格证明"),
        rules("维修管理制度和环境保护措施"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "BA",
    "机动车驾驶员培训备案",
    "xzsp",
    (1, 0),
    now=True,
    cond="从事机动车驾驶员培训业务的，应当在依法办理市场主体登记后向所在地县级交通运输主管部门备案，具备相应的教练场地、教学车辆和教练员。",
    basis=ROAD_LAW + "；《机动车驾驶员培训管理规定》",
    result="机动车驾驶员培训备案表",
    mats=[
        form("机动车驾驶员培训备案表"),
        licence(),
        site("教练场地"),
        m("教学车辆、教练员和教学设施设备情况表"),
        rules("培训质量和安全管理制度"),
        agent(),
    ],
    tb=True,
)

# --- 文化、体育 ------------------------------------------------------------------------------

_add(
    "XK",
    "出版物零售业务经营许可",
    "xzsp",
    (20, 5),
    cond="单位或者个人从事出版物零售业务，有固定的经营场所，经营范围和场所符合出版物发行管理规定。",
    basis="《出版管理条例》第三十七条；《出版物市场管理规定》",
    result="出版物经营许可证",
    mats=[form("出版物零售经营许可申请书"), licence(), rep_id(), site(), agent()],
    visits=0,
    tb=True,
)
_add(
    "XK",
    "出版物零售业务经营许可（变更）",
    "xzsp",
    (20, 5),
    cond="出版物零售单位和个体工商户变更名称、经营场所、主要负责人或者经营范围的，应当向原发证机关申请变更。",
    basis="《出版管理条例》；《出版物市场管理规定》",
    result="出版物经营许可证",
    mats=[
        form("出版物经营许可变更申请书"),
        m("出版物经营许可证"),
        m("与变更事项有关的证明材料"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "XK",
    "娱乐场所经营许可",
    "xzsp",
    (20, 10),
    sp=("inspection",),
    cond="设立歌舞、游艺等娱乐场所，投资人、法定代表人和主要负责人无法定禁止情形，场所选址、面积和设施符合规定，不在居民楼、学校周边等禁止区域。",
    basis="《娱乐场所管理条例》第九条；《娱乐场所管理办法》",
    result="娱乐经营许可证",
    mats=[
        form("娱乐场所经营许可申请书"),
        licence(),
        m("投资人、法定代表人、主要负责人的身份证明及无法定禁止情形的书面声明"),
        site("营业场所"),
        layout("营业场所平面示意图", std="标明包厢、包间数量和面积"),
        copy("公众聚集场所投入使用、营业前消防安全检查合格证明", src="消防救援机构出具"),
        agent(),
    ],
)
_add(
    "XK",
    "娱乐场所经营许可（变更）",
    "xzsp",
    (20, 5),
    cond="娱乐场所改建、扩建营业场所或者变更场地、主要设施设备、投资人员，或者变更娱乐经营许可证载明事项的，应当向原发证机关申请变更。",
    basis="《娱乐场所管理条例》；《娱乐场所管理办法》",
    result="娱乐经营许可证",
    mats=[
        form("娱乐场所变更申请书"),
        m("娱乐经营许可证"),
        m("与变更事项有关的证明材料"),
        agent(),
    ],
)
_add(
    "XK",
    "互联网上网服务营业场所经营单位设立审批",
    "xzsp",
    (20, 10),
    sp=("inspection",),
    cond="有与其经营活动相适应的独立营业场所和计算机等设备，有健全的网络安全和信息安全技术措施，营业场所不在中小学校周围200米范围内和居民住宅楼内。",
    basis="《互联网上网服务营业场所管理条例》",
    result="网络文化经营许可证",
    mats=[
        form("互联网上网服务营业场所经营单位设立申请表"),
        licence(),
        rep_id(),
        site("营业场所"),
        layout("营业场所平面图", std="标明计算机台数和布局"),
        rules("网络安全和信息安全管理制度"),
        agent(),
    ],
)
_add(
    "XK",
    "互联网上网服务营业场所经营单位变更审批",
    "xzsp",
    (20, 5),
    cond="互联网上网服务营业场所经营单位改建、扩建营业场所或者变更计算机数量、名称、住所、法定代表人等事项的，应当申请变更。",
    basis="《互联网上网服务营业场所管理条例》",
    result="网络文化经营许可证",
    mats=[
        form("互联网上网服务营业场所变更申请表"),
        m("网络文化经营许可证"),
        m("与变更事项有关的证明材料"),
        agent(),
    ],
)
_add(
    "XK",
    "文艺表演团体设立审批",
    "xzsp",
    (20, 5),
    cond="设立文艺表演团体，有与其演出业务相适应的专职演员和器材设备。",
    basis="《营业性演出管理条例》第六条；《营业性演出管理条例实施细则》",
    result="营业性演出许可证",
    mats=[
        form("文艺表演团体设立申请书"),
        licence(),
        rep_id(),
        m("专职演员名单及其艺术表演能力证明"),
        m("演出器材设备清单"),
        agent(),
    ],
    tb=True,
)
_add(
    "XK",
    "营业性演出审批",
    "xzsp",
    (3, 2),
    cond="在咸阳高新区范围内举办营业性演出的，演出举办单位或个体演员应当取得营业性演出许可证，演出内容不含法律法规禁止的内容。",
    basis="《营业性演出管理条例》第十三条；《营业性演出管理条例实施细则》",
    result="营业性演出批准文件",
    mats=[
        form("营业性演出申请登记表"),
        copy("营业性演出许可证"),
        m("演出节目内容材料", std="含节目名称、时长和视频或文字内容"),
        m("演出场所合法使用证明"),
        copy("演员名单及身份证明"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "XK",
    "电影放映单位设立审批",
    "xzsp",
    (20, 10),
    sp=("inspection",),
    cond="有与电影放映业务相适应的放映厅、放映设备和技术人员，影院建设符合电影放映技术标准和消防安全要求。",
    basis="《中华人民共和国电影产业促进法》第二十四条；《电影管理条例》",
    result="电影放映经营许可证",
    mats=[
        form("电影放映单位设立申请表"),
        licence(),
        site("放映场所"),
        m("放映设备清单及技术检测报告"),
        agent(),
    ],
)
_add(
    "XK",
    "经营高危险性体育项目许可",
    "xzsp",
    (30, 10),
    sp=("inspection",),
    cond="经营游泳、攀岩、潜水、滑雪等高危险性体育项目，相关体育设施符合国家标准，有达到规定数量的取得职业资格的社会体育指导人员和救助人员，有安全保障制度和措施。",
    basis="《全民健身条例》第三十二条；《经营高危险性体育项目许可管理办法》",
    result="高危险性体育项目经营许可证",
    mats=[
        form("经营高危险性体育项目申请书"),
        licence(),
        m("体育设施符合相关国家标准的说明性材料"),
        copy("社会体育指导人员、救助人员的职业资格证明"),
        rules("安全保障制度和突发事件应急预案"),
        agent(),
    ],
)

# --- 人力资源 --------------------------------------------------------------------------------

DISPATCH_LAW = "《中华人民共和国劳动合同法》第五十七条；《劳务派遣行政许可实施办法》"

_add(
    "XK",
    "劳务派遣经营许可（新办）",
    "xzsp",
    (20, 5),
    cond="注册资本不得少于人民币二百万元，有与开展业务相适应的固定的经营场所和设施，有符合法律、行政法规规定的劳务派遣管理制度。",
    basis=DISPATCH_LAW,
    result="劳务派遣经营许可证",
    mats=[
        form("劳务派遣经营许可申请书"),
        licence(),
        copy("公司章程以及验资机构出具的验资报告或者财务审计报告"),
        site(),
        rep_id(),
        rules("劳务派遣管理制度", std="包括劳动合同、劳动报酬、社会保险、工作时间等内容"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "XK",
    "劳务派遣经营许可（变更）",
    "xzsp",
    (10, 3),
    cond="劳务派遣单位名称、住所、法定代表人或者注册资本等事项发生变更的，应当向原许可机关提出变更申请。",
    basis=DISPATCH_LAW,
    result="劳务派遣经营许可证",
    mats=[
        form("劳务派遣经营许可变更申请书"),
        m("劳务派遣经营许可证正、副本"),
        m("与变更事项有关的证明材料"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "XK",
    "劳务派遣经营许可（延续）",
    "xzsp",
    (20, 5),
    cond="劳务派遣经营许可证有效期为三年，需要延续的应当在有效期届满60日前向原许可机关提出延续申请。",
    basis=DISPATCH_LAW,
    result="劳务派遣经营许可证",
    mats=[
        form("劳务派遣经营许可延续申请书"),
        report("3年以来的基本经营情况报告", src="劳务派遣单位自行编制"),
        m("劳务派遣经营许可证正、副本"),
        agent(),
    ],
    visits=0,
    tb=True,
)
HR_LAW = "《人力资源市场暂行条例》；《人力资源服务机构管理规定》"
_add(
    "XK",
    "人力资源服务许可",
    "xzsp",
    (20, 5),
    cond="从事职业中介活动的经营性人力资源服务机构，有明确的章程和管理制度，有开展业务必备的固定场所、办公设施和与开展业务相适应的专职工作人员。",
    basis=HR_LAW,
    result="人力资源服务许可证",
    mats=[
        form("人力资源服务许可申请表"),
        licence(),
        site(),
        copy("专职工作人员名单及相关资格证明"),
        rules("人力资源服务工作规则和管理制度"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "XK",
    "人力资源服务许可（变更）",
    "xzsp",
    (20, 3),
    cond="人力资源服务机构变更名称、住所、法定代表人或者终止经营活动的，应当自市场主体登记变更之日起15日内书面报告并换发许可证。",
    basis=HR_LAW,
    result="人力资源服务许可证",
    mats=[form("人力资源服务许可变更申请表"), m("人力资源服务许可证"), licence(), agent()],
    visits=0,
    tb=True,
)
_add(
    "BA",
    "人力资源服务备案",
    "xzsp",
    (1, 0),
    now=True,
    cond="经营性人力资源服务机构开展人力资源供求信息收集发布、就业和创业指导、人力资源管理咨询、测评、培训、服务外包等业务的，应当自开展业务之日起15日内备案。",
    basis=HR_LAW,
    result="人力资源服务备案凭证",
    mats=[form("人力资源服务备案表"), licence(), rules("人力资源服务管理制度"), agent()],
    visits=0,
    tb=True,
)

# --- 农业 ------------------------------------------------------------------------------------

_add(
    "XK",
    "动物诊疗许可",
    "xzsp",
    (20, 10),
    sp=("inspection",),
    cond="设立宠物医院、动物诊所等动物诊疗机构，有与诊疗活动相适应的场所、设施设备和执业兽医，有完善的诊疗管理和动物防疫制度。",
    basis="《中华人民共和国动物防疫法》第六十一条；《动物诊疗机构管理办法》",
    result="动物诊疗许可证",
    mats=[
        form("动物诊疗许可证申请表"),
        layout("动物诊疗场所地理方位图、室内平面图和各功能区布局图"),
        site("动物诊疗场所"),
        copy("执业兽医资格证书"),
        m("设施设备清单"),
        rules("诊疗废弃物处理、消毒和动物防疫管理制度"),
        agent(),
    ],
)
_add(
    "XK",
    "农药经营许可",
    "xzsp",
    (20, 10),
    sp=("inspection",),
    cond="有具备农学、植保、农药等相关专业学历或者经培训合格的人员，有与经营规模相适应的营业场所、仓储场所和设施，有农药经营质量管理制度和岗位操作规程。",
    basis="《农药管理条例》第二十四条；《农药经营许可管理办法》",
    result="农药经营许可证",
    mats=[
        form("农药经营许可证申请表"),
        licence(),
        copy("经营人员学历或者培训证明"),
        site("营业场所和仓储场所"),
        layout("营业场所和仓储场所平面图"),
        rules("农药经营质量管理制度和岗位操作规程"),
        agent(),
    ],
)


# --- 工程建设项目审批 (工程建设项目审批专窗) -----------------------------------------------

PLANNING_LAW = "《中华人民共和国城乡规划法》；《陕西省城乡规划条例》"
ROADS_LAW = "《城市道路管理条例》"
CITY_LAW = "《城市市容和环境卫生管理条例》"
GREEN_LAW = "《城市绿化条例》"


def land_proof(**kw) -> dict:
    return copy(
        "使用土地的有关证明文件",
        src="不动产登记机构或自然资源部门核发",
        std="不动产权证书、国有建设用地划拨决定书或出让合同",
        **kw,
    )


_add(
    "XK",
    "建设用地规划许可证核发",
    "xzsp",
    (20, 5),
    cond="以划拨方式取得国有土地使用权的建设项目已经批准、核准或者备案；以出让方式取得的已签订国有建设用地使用权出让合同，出让合同附有规划条件。",
    basis="《中华人民共和国城乡规划法》第三十七条、第三十八条；《陕西省城乡规划条例》",
    result="建设用地规划许可证",
    mats=[
        form("建设用地规划许可申请表"),
        copy("建设项目批准、核准或者备案文件"),
        copy("国有建设用地使用权出让合同及附件", cond="以出让方式取得国有土地使用权的"),
        copy("国有建设用地划拨决定书", cond="以划拨方式取得国有土地使用权的"),
        drawings("建设项目用地红线图"),
        agent(),
    ],
    where=PROJECT,
    visits=0,
    tb=True,
)
_add(
    "XK",
    "建设工程规划许可证核发",
    "xzsp",
    (20, 5),
    sp=("public_notice",),
    cond="已取得建设用地规划许可或国有建设用地使用权，建设工程设计方案符合控制性详细规划和规划条件，并经审查通过。",
    basis="《中华人民共和国城乡规划法》第四十条；《陕西省城乡规划条例》",
    result="建设工程规划许可证",
    mats=[
        form("建设工程规划许可申请表"),
        land_proof(),
        drawings("建设工程设计方案（总平面图、建筑单体平立剖面图）", copies=2),
        m("建设工程设计方案技术经济指标表", std="与设计方案一致，设计单位盖章"),
        copy("人防、消防等专项审查意见", cond="依法需要进行专项审查的"),
        agent(),
    ],
    where=PROJECT,
    visits=0,
    tb=True,
)
_add(
    "XK",
    "建设工程规划许可证变更",
    "xzsp",
    (20, 5),
    sp=("public_notice",),
    cond="已取得建设工程规划许可证，因建设单位名称变更或设计方案调整需要变更许可内容的，调整后的方案应当符合控制性详细规划和规划条件；涉及利害关系人权益的应当听取意见。",
    basis="《中华人民共和国城乡规划法》第四十三条；《陕西省城乡规划条例》",
    result="建设工程规划许可证",
    mats=[
        form("建设工程规划许可变更申请表"),
        copy("原建设工程规划许可证及附图"),
        drawings("调整后的建设工程设计方案"),
        m("利害关系人意见及采纳情况", cond="变更涉及利害关系人权益的"),
        agent(),
    ],
    where=PROJECT,
    visits=0,
    tb=True,
)
_add(
    "XK",
    "临时建设工程规划许可证核发",
    "xzsp",
    (20, 5),
    cond="临时建设不影响近期建设规划和控制性详细规划的实施以及交通、市容、安全等，临时建筑使用期限一般不超过两年并在期满前自行拆除。",
    basis="《中华人民共和国城乡规划法》第四十四条；《陕西省城乡规划条例》",
    result="临时建设工程规划许可证",
    mats=[
        form("临时建设工程规划许可申请表"),
        land_proof(),
        drawings("临时建设工程设计图纸"),
        pledge("临时建筑到期自行拆除承诺书"),
        agent(),
    ],
    where=PROJECT,
)
_add(
    "QT",
    "建设工程竣工规划核实",
    "xzsp",
    (20, 5),
    sp=("inspection",),
    cond="建设工程竣工后、组织竣工验收前，建设单位应当申请规划核实，未经核实或者经核实不符合规划条件的，不得组织竣工验收。",
    basis="《中华人民共和国城乡规划法》第四十五条；《陕西省城乡规划条例》",
    result="建设工程规划核实合格证明",
    mats=[
        form("建设工程竣工规划核实申请表"),
        copy("建设工程规划许可证及附图"),
        report("建设工程竣工测量成果报告", src="具有相应资质的测绘单位出具"),
        agent(),
    ],
    where=PROJECT,
)
_add(
    "XK",
    "建筑工程施工许可证核发",
    "xzsp",
    (7, 3),
    cond="已办理用地批准手续，依法应办理建设工程规划许可证的已经取得，施工场地已基本具备施工条件，已确定施工企业，有满足施工需要的资金安排、施工图纸及技术资料，有保证工程质量和安全的具体措施。",
    basis="《中华人民共和国建筑法》第八条；《建筑工程施工许可管理办法》",
    result="建筑工程施工许可证",
    mats=[
        form("建筑工程施工许可申请表"),
        copy("建设工程规划许可证", std="可通过工程建设项目审批管理系统共享"),
        copy("中标通知书或直接发包的证明材料"),
        copy("施工合同"),
        copy("施工图设计文件审查合格书"),
        pledge("建设资金已落实承诺书"),
        m("保证工程质量和安全的具体措施", std="含质量安全监督手续材料，施工单位盖章"),
        agent(),
    ],
    where=PROJECT,
    visits=0,
    tb=True,
)
_add(
    "XK",
    "应建防空地下室的民用建筑项目报建审批",
    "xzsp",
    (20, 5),
    cond="在咸阳高新区新建民用建筑的，应当按照国家规定修建战时可用于防空的地下室；确因地质、地形等原因不能修建的，可申请易地建设并缴纳易地建设费。",
    basis="《中华人民共和国人民防空法》第二十二条；《陕西省实施〈中华人民共和国人民防空法〉办法》",
    result="人防工程建设审批意见书",
    mats=[
        form("人防工程报建审批申请表"),
        copy("建设工程规划许可证或设计方案审查意见"),
        drawings("防空地下室设计文件"),
        report("不具备修建防空地下室条件的说明", cond="申请易地建设的"),
        agent(),
    ],
    where=PROJECT,
    tb=True,
)
_add(
    "XK",
    "拆除人民防空工程审批",
    "xzsp",
    (20, 10),
    sp=("inspection",),
    cond="因城市建设确需拆除人民防空工程的，应当报经人民防空主管部门批准，并由拆除单位负责补建或者补偿。",
    basis="《中华人民共和国人民防空法》第二十八条；《陕西省实施〈中华人民共和国人民防空法〉办法》",
    result="拆除人民防空工程批准文件",
    mats=[
        form("拆除人民防空工程申请表"),
        m("拆除理由说明及补建或者补偿方案"),
        copy("人民防空工程产权或使用证明"),
        agent(),
    ],
    where=PROJECT,
)
_add(
    "XK",
    "特殊建设工程消防设计审查",
    "xzsp",
    (15, 5),
    sp=("expert_review",),
    cond="建设、设计符合《建设工程消防设计审查验收管理暂行规定》所列特殊建设工程的，建设单位应当在施工前申请消防设计审查，消防设计文件应当符合国家工程建设消防技术标准。",
    basis="《中华人民共和国消防法》第十一条；《建设工程消防设计审查验收管理暂行规定》",
    result="特殊建设工程消防设计审查意见书",
    mats=[
        form("特殊建设工程消防设计审查申请表"),
        drawings("消防设计文件", std="含设计说明和消防专篇，符合国家工程建设消防技术标准"),
        copy("建设工程规划许可文件", cond="依法需要办理建设工程规划许可的"),
        report("特殊消防设计技术资料", cond="依法需要进行特殊消防设计的"),
        agent(),
    ],
    where=PROJECT,
    visits=0,
    tb=True,
)
_add(
    "XK",
    "特殊建设工程消防验收",
    "xzsp",
    (15, 7),
    sp=("inspection", "testing"),
    cond="特殊建设工程竣工后，建设单位组织竣工验收试验并确认消防设施符合设计要求后，申请消防验收。",
    basis="《中华人民共和国消防法》第十三条；《建设工程消防设计审查验收管理暂行规定》",
    result="特殊建设工程消防验收意见书",
    mats=[
        form("特殊建设工程消防验收申请表"),
        report("工程竣工验收报告", src="建设单位组织编制"),
        drawings("涉及消防的建设工程竣工图纸"),
        copy("消防设施检测报告", src="消防技术服务机构出具", opt=True),
        agent(),
    ],
    where=PROJECT,
)
_add(
    "XK",
    "城镇污水排入排水管网许可",
    "xzsp",
    (15, 5),
    sp=("inspection", "testing"),
    cond="从事工业、建筑、餐饮、医疗等活动的企业事业单位和个体工商户向城镇排水设施排放污水的，排水水质符合排放标准，按规定建设预处理设施和检测井。",
    basis="《城镇排水与污水处理条例》第二十一条；《城镇污水排入排水管网许可管理办法》",
    result="城镇污水排入排水管网许可证",
    mats=[
        form("城镇污水排入排水管网许可申请表"),
        licence(),
        drawings("排水户内部排水管网、专用检测井、污水排放口位置和口径的图纸及说明"),
        copy("排水水质、水量检测报告", src="具有计量认证资质的检测机构出具"),
        m("污水预处理设施说明", cond="排放污水需要预处理的"),
        agent(),
    ],
    where=PROJECT,
    visits=0,
    tb=True,
)
_add(
    "XK",
    "城镇污水排入排水管网许可（变更、延续）",
    "xzsp",
    (15, 5),
    cond="排水户名称、法定代表人等变更的应当申请变更；排水许可证有效期为五年，需要延续的应当在有效期届满30日前申请延续。",
    basis="《城镇排水与污水处理条例》第二十一条；《城镇污水排入排水管网许可管理办法》",
    result="城镇污水排入排水管网许可证",
    mats=[
        form("城镇污水排入排水管网许可变更（延续）申请表"),
        m("城镇污水排入排水管网许可证"),
        copy("近一年排水水质检测报告", cond="申请延续的", src="具有计量认证资质的检测机构出具"),
        agent(),
    ],
    where=PROJECT,
    visits=0,
    tb=True,
)
_add(
    "XK",
    "临时占用城市道路审批",
    "xzsp",
    (10, 3),
    sp=("soliciting_opinions",),
    cond="因特殊情况确需临时占用城市道路的，占用期限、范围应当与施工或活动需要相适应，并经公安交通管理部门同意。",
    basis=ROADS_LAW + "第三十一条",
    result="临时占用城市道路许可决定书",
    mats=[
        form("临时占用城市道路申请表"),
        drawings("占用道路位置平面图", std="标明占用范围、面积和围挡设置"),
        m("交通疏导和安全保障方案"),
        agent(),
    ],
    where=PROJECT,
    tb=True,
)
_add(
    "XK",
    "挖掘城市道路审批",
    "xzsp",
    (10, 3),
    sp=("soliciting_opinions",),
    cond="因工程建设需要挖掘城市道路的，持城市规划部门批准签发的文件和有关设计文件申请，并按规定缴纳城市道路挖掘修复费。",
    basis=ROADS_LAW + "第三十三条",
    result="挖掘城市道路许可决定书",
    mats=[
        form("挖掘城市道路申请表"),
        copy("规划部门批准文件"),
        drawings("挖掘道路施工设计图"),
        m("施工组织方案和交通疏导方案"),
        agent(),
    ],
    where=PROJECT,
    tb=True,
)
_add(
    "XK",
    "依附于城市道路建设各种管线、杆线等设施审批",
    "xzsp",
    (10, 3),
    cond="依附于城市道路建设各种管线、杆线等设施的，应当经市政工程行政主管部门批准方可建设。",
    basis=ROADS_LAW + "第二十九条",
    result="依附于城市道路建设设施许可决定书",
    mats=[
        form("依附于城市道路建设管线、杆线申请表"),
        drawings("管线、杆线设计图"),
        m("施工方案"),
        agent(),
    ],
    where=PROJECT,
)
_add(
    "XK",
    "城市桥梁上架设各类市政管线审批",
    "xzsp",
    (10, 5),
    sp=("expert_review",),
    cond="在城市桥梁上架设各类市政管线的，应当经城市桥梁产权人同意，并提供桥梁结构安全评估报告。",
    basis=ROADS_LAW + "；《城市桥梁检测和养护维修管理办法》",
    result="城市桥梁上架设市政管线许可决定书",
    mats=[
        form("城市桥梁上架设市政管线申请表"),
        report("桥梁结构安全评估报告", src="具有相应资质的检测评估单位出具"),
        copy("城市桥梁产权人或管理人同意意见"),
        drawings("管线架设设计方案"),
        agent(),
    ],
    where=PROJECT,
)
_add(
    "XK",
    "特殊车辆在城市道路上行驶审批",
    "xzsp",
    (5, 2),
    cond="履带车、铁轮车或者超重、超高、超长车辆需要在城市道路上行驶的，应当事先征得市政工程行政主管部门同意，按照指定时间、路线行驶。",
    basis=ROADS_LAW + "第二十八条",
    result="特殊车辆在城市道路上行驶许可决定书",
    mats=[
        form("特殊车辆城市道路行驶申请表"),
        copy("车辆行驶证及车辆技术参数"),
        m("行驶路线和时间说明"),
        agent(),
    ],
    where=PROJECT,
    visits=0,
    tb=True,
)
_add(
    "XK",
    "设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批",
    "xzsp",
    (10, 3),
    sp=("inspection",),
    remote=True,
    cond="设置大型户外广告或在城市建筑物、设施上悬挂、张贴宣传品的，设置位置、规格、样式符合户外广告设置规划，设施结构安全可靠。",
    basis=CITY_LAW + "第十一条",
    result="户外广告设置许可决定书",
    mats=[
        form("户外广告设置申请表"),
        licence(),
        m("户外广告设计效果图和位置示意图"),
        copy("设置场地权属证明或使用协议"),
        report("大型户外广告设施结构安全证明", cond="设置大型落地式或楼顶户外广告的"),
        agent(),
    ],
    tb=True,
)
_add(
    "XK",
    "在城市道路两侧和公共场地临时堆放物料、搭建非永久性建筑物审批",
    "xzsp",
    (5, 2),
    cond="因建设等特殊需要在街道两侧和公共场地临时堆放物料、搭建非永久性建筑物、构筑物或者其他设施的，不得影响市容和交通安全，期满后及时清理。",
    basis=CITY_LAW + "第十四条",
    result="临时堆放物料、搭建设施许可决定书",
    mats=[
        form("临时堆放物料、搭建设施申请表"),
        m("位置示意图和设施样式说明"),
        pledge("期满清理恢复承诺书"),
        agent(),
    ],
    tb=True,
)
_add(
    "XK",
    "城市建筑垃圾处置核准",
    "xzsp",
    (20, 3),
    cond="处置建筑垃圾的单位有建筑垃圾分类处置方案和对废混凝土、金属、木材等回收利用的方案，有消纳场的场地平面图，运输车辆具备全密闭运输机械装置或密闭苫盖装置。",
    basis="《国务院对确需保留的行政审批项目设定行政许可的决定》；《城市建筑垃圾管理规定》",
    result="城市建筑垃圾处置核准证",
    mats=[
        form("城市建筑垃圾处置核准申请表"),
        m("建筑垃圾分类处置方案"),
        copy("与运输单位、消纳场签订的合同"),
        copy("运输车辆行驶证及密闭运输装置证明"),
        agent(),
    ],
    tb=True,
)
_add(
    "XK",
    "从事城市生活垃圾经营性清扫、收集、运输服务审批",
    "xzsp",
    (20, 10),
    sp=("inspection",),
    cond="从事城市生活垃圾经营性清扫、收集、运输服务的企业，具有相应的机械设备、运输工具和分类收集设施，有健全的技术、质量、安全和监测管理制度。",
    basis="《国务院对确需保留的行政审批项目设定行政许可的决定》；《城市生活垃圾管理办法》",
    result="城市生活垃圾经营性清扫、收集、运输服务许可证",
    mats=[
        form("城市生活垃圾经营性服务申请表"),
        licence(),
        copy("机械设备、运输工具清单及行驶证"),
        site("车辆停放场所"),
        rules("技术、质量、安全和监测管理制度"),
        agent(),
    ],
)
_add(
    "XK",
    "关闭、闲置、拆除城市环境卫生设施许可",
    "xzsp",
    (20, 5),
    sp=("inspection",),
    cond="确需关闭、闲置或者拆除城市环境卫生设施的，应当经环境卫生主管部门批准，并按照规定先行建设或者提供替代设施。",
    basis=CITY_LAW + "；《城市生活垃圾管理办法》",
    result="关闭、闲置、拆除城市环境卫生设施许可决定书",
    mats=[
        form("关闭、闲置、拆除城市环境卫生设施申请表"),
        m("替代设施建设方案或替代措施说明"),
        copy("环境卫生设施产权证明"),
        agent(),
    ],
)
_add(
    "XK",
    "临时占用城市绿化用地审批",
    "xzsp",
    (10, 3),
    sp=("inspection",),
    cond="因建设或者其他特殊需要临时占用城市绿化用地的，应当经城市绿化行政主管部门同意，并在期满后恢复原状。",
    basis=GREEN_LAW,
    result="临时占用城市绿化用地许可决定书",
    mats=[
        form("临时占用城市绿化用地申请表"),
        drawings("占用绿地位置和范围图"),
        pledge("绿地恢复承诺书"),
        agent(),
    ],
    tb=True,
)
_add(
    "XK",
    "砍伐、迁移城市树木审批",
    "xzsp",
    (10, 3),
    sp=("inspection",),
    cond="因工程建设、树木危及安全等原因确需砍伐、迁移城市树木的，应当经城市绿化行政主管部门批准，并按照规定补植树木或者采取其他补救措施。",
    basis=GREEN_LAW,
    result="砍伐、迁移城市树木许可决定书",
    mats=[
        form("砍伐、迁移城市树木申请表"),
        m("树木位置图、数量和规格清单"),
        m("补植或移植方案"),
        agent(),
    ],
)
_add(
    "XK",
    "燃气经营许可",
    "xzsp",
    (20, 10),
    sp=("inspection", "expert_review"),
    cond="符合燃气发展规划要求，有符合国家标准的燃气气源和燃气设施，有固定的经营场所、完善的安全管理制度和健全的经营方案，主要负责人、安全生产管理人员及运行维护和抢修人员经专业培训并考核合格。",
    basis="《城镇燃气管理条例》第十五条；《燃气经营许可管理办法》",
    result="燃气经营许可证",
    mats=[
        form("燃气经营许可申请表"),
        licence(),
        copy("燃气设施建设工程竣工验收报告及备案文件"),
        copy("气源供应合同或协议"),
        copy("企业主要负责人、安全生产管理人员及运行维护和抢修人员的专业培训考核合格证明"),
        rules("安全管理制度和燃气事故应急预案"),
        agent(),
    ],
)

# --- 特种设备、危险化学品、水务 ---------------------------------------------------------------

SPECIAL_EQUIPMENT_LAW = "《中华人民共和国特种设备安全法》第三十三条；《特种设备使用登记规则》"

_add(
    "XK",
    "特种设备使用登记",
    "xzsp",
    (15, 3),
    cond="锅炉、压力容器、电梯、起重机械、场（厂）内专用机动车辆等特种设备在投入使用前或者投入使用后30日内，使用单位应当办理使用登记。",
    basis=SPECIAL_EQUIPMENT_LAW,
    result="特种设备使用登记证",
    mats=[
        form("特种设备使用登记表", copies=2),
        licence(std="使用单位为个人的提交身份证明"),
        copy("特种设备产品合格证（含产品数据表）"),
        copy("特种设备监督检验证明或定期检验报告", src="特种设备检验机构出具"),
        copy("特种设备安装改造修理告知书", cond="需要安装的设备"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "XK",
    "特种设备使用登记变更",
    "xzsp",
    (15, 3),
    cond="已登记的特种设备改造、移装、变更使用单位或者使用单位更名、达到设计使用年限继续使用的，应当办理变更登记；停用、报废的办理停用或注销手续。",
    basis=SPECIAL_EQUIPMENT_LAW,
    result="特种设备使用登记证",
    mats=[
        form("特种设备使用登记变更申请表"),
        m("特种设备使用登记证"),
        m("与变更情形相应的证明材料", std="如改造监督检验证明、移装后检验报告、产权转让证明"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "XK",
    "危险化学品经营许可（不带储存设施）",
    "xzsp",
    (30, 10),
    sp=("inspection",),
    cond="有符合国家标准、行业标准的经营场所，主要负责人和安全生产管理人员经考核合格，有健全的安全管理制度和事故应急救援预案，不设置危险化学品储存设施。",
    basis="《危险化学品安全管理条例》第三十五条；《危险化学品经营许可证管理办法》",
    result="危险化学品经营许可证",
    mats=[
        form("危险化学品经营许可证申请表"),
        licence(),
        site(),
        copy("主要负责人、安全生产管理人员安全生产知识和管理能力考核合格证"),
        rules("安全生产规章制度和岗位操作规程目录"),
        m("生产安全事故应急救援预案"),
        agent(),
    ],
)
_add(
    "XK",
    "取水许可",
    "xzsp",
    (45, 20),
    sp=("expert_review", "inspection"),
    cond="直接从江河、湖泊或者地下取用水资源的单位和个人，取水符合水资源规划和用水总量控制要求，已编制建设项目水资源论证报告。",
    basis="《中华人民共和国水法》第四十八条；《取水许可和水资源费征收管理条例》；《取水许可管理办法》",
    result="取水许可证",
    mats=[
        form("取水申请书"),
        report("建设项目水资源论证报告书（表）"),
        copy("与第三者利害关系的说明及相关协议", cond="取水涉及第三者利害关系的"),
        copy("建设项目立项文件"),
        agent(),
    ],
)
_add(
    "XK",
    "生产建设项目水土保持方案审批",
    "xzsp",
    (20, 10),
    sp=("expert_review",),
    cond="在山区、丘陵区、风沙区以及水土保持规划确定的容易发生水土流失的其他区域开办可能造成水土流失的生产建设项目，应当编制水土保持方案。",
    basis="《中华人民共和国水土保持法》第二十五条；《生产建设项目水土保持方案管理办法》",
    result="水土保持方案批复",
    mats=[
        form("生产建设项目水土保持方案审批申请表"),
        report("水土保持方案报告书或报告表"),
        copy("项目立项文件"),
        agent(),
    ],
    where=PROJECT,
    visits=0,
    tb=True,
)
_add(
    "XK",
    "洪水影响评价类审批",
    "xzsp",
    (20, 10),
    sp=("expert_review",),
    cond="在河道管理范围内建设跨河、穿河、临河工程设施，或在洪泛区、蓄滞洪区内建设非防洪建设项目的，建设方案符合防洪标准和有关技术要求。",
    basis="《中华人民共和国水法》第三十八条；《中华人民共和国防洪法》第二十七条、第三十三条；《中华人民共和国河道管理条例》",
    result="洪水影响评价审批决定书",
    mats=[
        form("洪水影响评价类审批申请书"),
        report("洪水影响评价报告"),
        drawings("建设项目位置图和工程设计图"),
        agent(),
    ],
    where=PROJECT,
)

# --- 社会组织登记 ----------------------------------------------------------------------------

SOCIETY_LAW = "《社会团体登记管理条例》"
NONPROFIT_LAW = "《民办非企业单位登记管理暂行条例》"

_add(
    "XK",
    "社会团体成立登记",
    "xzsp",
    (60, 20),
    cond="有50个以上的个人会员或者30个以上的单位会员，有规范的名称和相应的组织机构、固定的住所、与其业务活动相适应的专职工作人员和合法的资产及经费来源，经业务主管单位审查同意。",
    basis=SOCIETY_LAW,
    result="社会团体法人登记证书",
    mats=[
        form("社会团体成立登记申请书"),
        copy("业务主管单位的批准文件"),
        m("章程草案", std="经会员大会或会员代表大会通过"),
        copy("验资报告或资金证明"),
        site("住所"),
        copy("拟任负责人的基本情况和身份证明"),
        agent(),
    ],
)
_add(
    "XK",
    "社会团体变更登记",
    "xzsp",
    (30, 10),
    cond="社会团体的登记事项需要变更的，应当自业务主管单位审查同意之日起30日内，向登记管理机关申请变更登记。",
    basis=SOCIETY_LAW,
    result="社会团体法人登记证书",
    mats=[
        form("社会团体变更登记申请表"),
        copy("业务主管单位审查同意的文件"),
        m("会员大会或理事会作出的变更决议"),
        m("社会团体法人登记证书正、副本"),
        agent(),
    ],
)
_add(
    "XK",
    "社会团体注销登记",
    "xzsp",
    (15, 5),
    cond="社会团体完成章程规定的宗旨、自行解散、分立合并或由于其他原因终止的，在业务主管单位审查同意并完成清算后申请注销登记。",
    basis=SOCIETY_LAW,
    result="社会团体注销登记决定书",
    mats=[
        form("社会团体注销登记申请书"),
        copy("业务主管单位审查同意的文件"),
        report("清算报告书", src="清算组织出具"),
        m("社会团体法人登记证书正、副本和印章"),
        agent(),
    ],
)
_add(
    "XK",
    "民办非企业单位成立登记",
    "xzsp",
    (60, 20),
    cond="经业务主管单位审查同意，有规范的名称和必要的组织机构，有与其业务活动相适应的从业人员、合法财产和必要的场所。",
    basis=NONPROFIT_LAW,
    result="民办非企业单位登记证书",
    mats=[
        form("民办非企业单位成立登记申请书"),
        copy("业务主管单位的批准文件"),
        m("单位章程草案"),
        copy("验资报告或资产评估证明"),
        site("场所"),
        copy("拟任负责人的基本情况和身份证明"),
        agent(),
    ],
)
_add(
    "XK",
    "民办非企业单位变更登记",
    "xzsp",
    (30, 10),
    cond="民办非企业单位的登记事项需要变更的，应当自业务主管单位审查同意之日起30日内，向登记管理机关申请变更登记。",
    basis=NONPROFIT_LAW,
    result="民办非企业单位登记证书",
    mats=[
        form("民办非企业单位变更登记申请表"),
        copy("业务主管单位审查同意的文件"),
        m("理事会或决策机构作出的变更决议"),
        m("民办非企业单位登记证书正、副本"),
        agent(),
    ],
)
_add(
    "XK",
    "民办非企业单位注销登记",
    "xzsp",
    (15, 5),
    cond="民办非企业单位自行解散、分立合并或由于其他原因需要注销的，在业务主管单位审查同意并完成清算后申请注销登记。",
    basis=NONPROFIT_LAW,
    result="民办非企业单位注销登记决定书",
    mats=[
        form("民办非企业单位注销登记申请书"),
        copy("业务主管单位审查同意的文件"),
        report("清算报告", src="清算组织出具"),
        m("民办非企业单位登记证书正、副本和印章"),
        agent(),
    ],
)


# =============================================================================================
# 市场监督管理分局 (scjg)
# =============================================================================================

PLEDGE_LAW = "《中华人民共和国民法典》第四百四十三条；《股权出质登记办法》"

_add(
    "CJ",
    "企业名称争议裁决",
    "scjg",
    (60, 30),
    sp=("hearing",),
    cond="企业认为其他企业名称侵犯本企业名称合法权益的，可以向登记机关申请裁决；申请人应当有具体的请求和事实依据。",
    basis="《企业名称登记管理规定》第二十三条；《企业名称登记管理规定实施办法》",
    result="企业名称争议裁决书",
    mats=[
        form("企业名称争议裁决申请书", std="载明当事人、请求事项、事实和理由，申请人签字或盖章"),
        licence(),
        m("企业名称权益受到侵犯的证据材料"),
        agent(),
    ],
    online=False,
)
_add(
    "CJ",
    "专利侵权纠纷行政裁决",
    "scjg",
    (90, 60),
    sp=("hearing", "expert_review"),
    cond="专利权人或者利害关系人认为他人实施其专利构成侵权、双方协商不成且未向人民法院起诉的，可以请求管理专利工作的部门处理。",
    basis="《中华人民共和国专利法》第六十五条；《专利行政执法办法》；《专利侵权纠纷行政裁决办案指南》",
    result="专利侵权纠纷处理决定书",
    mats=[
        form("专利侵权纠纷处理请求书", std="载明当事人、请求事项、事实和理由，请求人签字或盖章"),
        copy("专利权有效的证明", std="专利证书和当年缴纳专利年费的收据"),
        m("被请求人侵权的证据材料"),
        copy("专利权评价报告", cond="涉及实用新型或外观设计专利的", opt=False),
        agent(),
    ],
    online=False,
)
_add(
    "XK",
    "食品生产加工小作坊登记",
    "scjg",
    (15, 5),
    sp=("inspection",),
    cond="有固定的生产加工场所，生产条件与生产加工的食品品种、数量相适应，有必要的防尘、防蝇、防鼠设施，从业人员持有效健康证明。",
    basis="《中华人民共和国食品安全法》第三十六条；《陕西省食品小作坊小餐饮及摊贩管理条例》",
    result="食品生产加工小作坊登记证",
    mats=[
        form("食品生产加工小作坊登记申请表"),
        id_card("经营者"),
        site("生产加工场所"),
        layout("生产加工场所平面图和工艺流程图"),
        copy("从业人员健康证明"),
        agent(),
    ],
)
_add(
    "XK",
    "食品生产加工小作坊登记证变更",
    "scjg",
    (15, 3),
    cond="食品生产加工小作坊登记证载明的名称、经营者、生产品种等事项发生变化的，应当申请变更；生产加工场所迁移的须重新申请登记。",
    basis="《陕西省食品小作坊小餐饮及摊贩管理条例》",
    result="食品生产加工小作坊登记证",
    mats=[
        form("食品生产加工小作坊登记变更申请表"),
        m("食品生产加工小作坊登记证"),
        m("与变更事项有关的材料"),
        agent(),
    ],
)
_add(
    "QR",
    "股权出质设立登记",
    "scjg",
    (3, 0),
    now=True,
    cond="以持有的有限责任公司和股份有限公司股权出质的，出质人和质权人应当共同申请股权出质设立登记，已被冻结的股权不得出质。",
    basis=PLEDGE_LAW,
    result="股权出质设立登记通知书",
    mats=[
        form("股权出质登记申请书", std="出质人和质权人共同签字或盖章"),
        copy("质押合同"),
        copy("出质人、质权人的主体资格证明或自然人身份证明"),
        agent(),
    ],
    where=STARTUP,
    visits=0,
    tb=True,
)
_add(
    "QR",
    "股权出质变更登记",
    "scjg",
    (3, 0),
    now=True,
    cond="出质人、质权人的姓名或名称、出质股权数额等股权出质登记事项变更的，应当申请办理变更登记。",
    basis=PLEDGE_LAW,
    result="股权出质变更登记通知书",
    mats=[form("股权出质变更登记申请书"), copy("有关登记事项变更的证明文件"), agent()],
    where=STARTUP,
    visits=0,
    tb=True,
)
_add(
    "QR",
    "股权出质注销登记",
    "scjg",
    (3, 0),
    now=True,
    cond="出现主债权消灭、质权实现、质权人放弃质权或者法律规定的其他情形导致质权消灭的，应当申请办理注销登记。",
    basis=PLEDGE_LAW,
    result="股权出质注销登记通知书",
    mats=[form("股权出质注销登记申请书"), m("质权消灭的证明材料"), agent()],
    where=STARTUP,
    visits=0,
    tb=True,
)
_add(
    "QT",
    "移出经营异常名录",
    "scjg",
    (10, 3),
    cond="因未按期报送年度报告、未按规定公示即时信息或者通过登记的住所无法联系等原因被列入经营异常名录的企业，已补报、更正或者可以重新取得联系的，可以申请移出。",
    basis="《企业信息公示暂行条例》；《企业经营异常名录管理暂行办法》",
    result="移出经营异常名录决定书",
    mats=[
        form("移出经营异常名录申请书"),
        m("已履行相关义务的证明材料", std="如补报的年度报告、住所证明"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "QT",
    "市场监督管理信用修复",
    "scjg",
    (15, 5),
    cond="当事人被列入经营异常名录、严重违法失信名单或者行政处罚信息被公示，已纠正违法行为、履行法定义务并符合修复条件的，可以申请信用修复。",
    basis="《市场监督管理信用修复管理办法》",
    result="信用修复决定书",
    mats=[
        form("信用修复申请书"),
        pledge("守信承诺书"),
        m("已履行行政处罚决定等法定义务的证明材料"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "BA",
    "特种设备安装改造修理告知",
    "scjg",
    (1, 0),
    now=True,
    cond="特种设备安装、改造、修理的施工单位应当在施工前将拟进行的特种设备安装、改造、修理情况书面告知直辖市或者设区的市级人民政府负责特种设备安全监督管理的部门。",
    basis="《中华人民共和国特种设备安全法》第二十三条",
    result="特种设备安装改造修理告知书（回执）",
    rtype="filing",
    mats=[
        form("特种设备安装改造修理告知书"),
        copy("施工单位特种设备生产许可证"),
        copy("施工合同"),
    ],
    visits=0,
    tb=True,
)
_add(
    "QT",
    "计量纠纷仲裁检定",
    "scjg",
    (30, 15),
    sp=("testing",),
    cond="因计量器具准确度引起纠纷的，当事人可以向县级以上计量行政部门申请仲裁检定，以计量基准或者社会公用计量标准检定的数据为准。",
    basis="《中华人民共和国计量法》第二十一条；《仲裁检定和计量调解办法》",
    result="仲裁检定证书",
    mats=[
        form("计量纠纷仲裁检定申请书", std="载明纠纷事由、当事人和申请理由"),
        m("涉及纠纷的计量器具", std="保持纠纷发生时的状态"),
        agent(),
    ],
    online=False,
)
_add(
    "JL",
    "市场监管领域重大违法行为举报奖励",
    "scjg",
    (15, 10),
    cond="举报人举报市场监管领域重大违法行为，举报内容经查证属实并作出行政处罚或移送司法机关的，可以依法获得奖励。",
    basis="《中华人民共和国食品安全法》第一百一十五条；《市场监管领域重大违法行为举报奖励暂行办法》",
    result="举报奖励决定书",
    mats=[id_card("举报人"), m("举报奖励通知书"), bank_card()],
)
_add(
    "GG",
    "企业登记档案查询",
    "scjg",
    (1, 0),
    now=True,
    cond="企业可以查询本企业登记档案；律师持律师执业证和律师事务所证明、公检法等国家机关持介绍信可依法查询相关企业登记档案。",
    basis="《企业登记档案资料查询办法》",
    result="企业登记档案资料（复印件加盖查询专用章）",
    mats=[
        id_card("查询人"),
        m("查询企业的介绍信或授权委托书", std="加盖企业公章"),
        copy("律师执业证和律师事务所证明", cond="律师查询的"),
    ],
    where=STARTUP,
)
_add(
    "GG",
    "消费者投诉处理",
    "scjg",
    (7, 7),
    cond="消费者因购买、使用商品或者接受服务与经营者发生消费者权益争议的，可以通过全国12315平台或窗口向经营者所在地市场监督管理部门投诉。",
    basis="《中华人民共和国消费者权益保护法》第三十九条；《市场监督管理投诉举报处理暂行办法》",
    result="投诉处理结果告知",
    mats=[
        form("消费者投诉书", std="载明投诉人和被投诉人信息、投诉请求和事实"),
        id_card("投诉人"),
        copy("购货凭证、服务单据等相关证据"),
    ],
    visits=0,
)
_add(
    "GG",
    "知识产权维权援助",
    "scjg",
    (15, 10),
    cond="咸阳高新区内企业和个人遇到专利、商标等知识产权纠纷或海外维权需求的，可申请维权援助，获得法律咨询、侵权判定参考意见和维权指导。",
    basis="《国家知识产权局关于进一步加强知识产权维权援助工作的指导意见》",
    result="维权援助指导意见",
    mats=[form("知识产权维权援助申请表"), copy("知识产权权属证明"), m("侵权线索或纠纷情况说明")],
    visits=0,
)

# =============================================================================================
# 规划建设局 (ghjs)
# =============================================================================================

HOUSING_LAW = "《中华人民共和国城市房地产管理法》"

_add(
    "BA",
    "房屋建筑和市政基础设施工程竣工验收备案",
    "ghjs",
    (15, 3),
    cond="建设单位应当自工程竣工验收合格之日起15日内，向工程所在地县级以上住房城乡建设主管部门备案。",
    basis="《建设工程质量管理条例》第四十九条；《房屋建筑和市政基础设施工程竣工验收备案管理办法》",
    result="工程竣工验收备案表",
    mats=[
        form("工程竣工验收备案表", copies=2),
        report("工程竣工验收报告", src="建设单位组织编制"),
        copy("施工单位签署的工程质量保修书"),
        copy("规划、消防等部门出具的认可文件或准许使用文件"),
        copy("住宅质量保证书和住宅使用说明书", cond="商品住宅工程"),
        agent(),
    ],
    tb=True,
)
_add(
    "BA",
    "其他建设工程消防验收备案",
    "ghjs",
    (5, 1),
    cond="特殊建设工程以外的其他建设工程，建设单位应当在工程竣工验收合格之日起5个工作日内办理消防验收备案，备案机关按比例进行抽查。",
    basis="《中华人民共和国消防法》第十三条；《建设工程消防设计审查验收管理暂行规定》",
    result="建设工程消防验收备案凭证",
    mats=[
        form("建设工程消防验收备案表"),
        report("工程竣工验收报告", src="建设单位组织编制"),
        drawings("涉及消防的建设工程竣工图纸"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "BA",
    "人民防空工程竣工验收备案",
    "ghjs",
    (15, 5),
    cond="人民防空工程竣工验收合格后，建设单位应当在规定期限内向人民防空主管部门办理竣工验收备案。",
    basis="《中华人民共和国人民防空法》；《人民防空工程质量监督管理规定》",
    result="人民防空工程竣工验收备案表",
    mats=[
        form("人民防空工程竣工验收备案表"),
        report("人民防空工程竣工验收报告", src="建设单位组织编制"),
        drawings("人防工程竣工图"),
        agent(),
    ],
    tb=True,
)
_add(
    "XK",
    "商品房预售许可",
    "ghjs",
    (10, 5),
    sp=("inspection",),
    cond="已交付全部土地使用权出让金并取得土地使用权证书，持有建设工程规划许可证和施工许可证，投入开发建设的资金达到工程建设总投资的25%以上并已确定施工进度和竣工交付日期。",
    basis=HOUSING_LAW + "第四十五条；《城市商品房预售管理办法》",
    result="商品房预售许可证",
    mats=[
        form("商品房预售许可申请表"),
        licence(),
        copy("房地产开发企业资质证书"),
        copy("不动产权证书（土地）、建设工程规划许可证和施工许可证"),
        m("工程施工合同及关于施工进度的说明"),
        m("商品房预售方案", std="载明预售房屋位置、面积、竣工交付日期，附分层平面图"),
        copy("预售资金监管协议"),
        agent(),
    ],
)
_add(
    "BA",
    "商品房现售备案",
    "ghjs",
    (5, 2),
    cond="房地产开发企业在商品房现售前，应当将房地产开发项目手册及符合商品房现售条件的有关证明文件报送房地产开发主管部门备案。",
    basis=HOUSING_LAW + "；《商品房销售管理办法》第七条、第八条",
    result="商品房现售备案证明",
    mats=[
        form("商品房现售备案表"),
        licence(),
        copy("房地产开发项目手册"),
        copy("工程竣工验收备案表"),
        agent(),
    ],
)
_add(
    "BA",
    "商品房买卖合同网签备案",
    "ghjs",
    (1, 0),
    now=True,
    cond="房地产开发企业与买受人签订商品房买卖合同后，应当通过房屋网签备案系统办理合同备案。",
    basis=HOUSING_LAW
    + "；《商品房销售管理办法》；《住房和城乡建设部关于提升房屋网签备案服务效能的意见》",
    result="商品房买卖合同备案证明",
    mats=[copy("商品房买卖合同", std="买卖双方签字或盖章"), id_card("买受人"), licence(), agent()],
    visits=0,
    tb=True,
    where=REALTY,
)
_add(
    "BA",
    "房屋租赁登记备案",
    "ghjs",
    (3, 0),
    now=True,
    cond="房屋租赁合同订立后30日内，房屋租赁当事人应当到房屋所在地房地产管理部门办理房屋租赁登记备案。",
    basis="《商品房屋租赁管理办法》第十四条",
    result="房屋租赁登记备案证明",
    mats=[
        copy("房屋租赁合同"),
        copy("房屋所有权证明"),
        id_card("出租人和承租人"),
        agent(),
    ],
    visits=0,
    tb=True,
    where=GENERAL,
)
_add(
    "BA",
    "房地产经纪机构备案",
    "ghjs",
    (5, 1),
    cond="房地产经纪机构及其分支机构应当自领取营业执照之日起30日内，到所在地房地产主管部门备案，并有足够数量的房地产经纪人员。",
    basis="《房地产经纪管理办法》第十一条",
    result="房地产经纪机构备案证明",
    mats=[
        form("房地产经纪机构备案表"),
        licence(),
        copy("房地产经纪人员职业资格证书"),
        site(),
        agent(),
    ],
    visits=0,
    tb=True,
    where=GENERAL,
)
_add(
    "BA",
    "业主大会成立和业主委员会备案",
    "ghjs",
    (30, 10),
    cond="业主委员会应当自选举产生之日起30日内，向物业所在地的区、县人民政府房地产行政主管部门和街道办事处、乡镇人民政府备案。",
    basis="《物业管理条例》第十六条；《业主大会和业主委员会指导规则》",
    result="业主大会成立和业主委员会备案证明",
    mats=[
        form("业主委员会备案申请表"),
        m("业主大会成立和业主委员会选举情况报告"),
        m("管理规约和业主大会议事规则"),
        copy("业主委员会委员名单和身份证明"),
    ],
    online=False,
    where=GENERAL,
)
_add(
    "QR",
    "建筑起重机械使用登记",
    "ghjs",
    (7, 2),
    cond="建筑起重机械安装验收合格之日起30日内，使用单位应当向工程所在地住房城乡建设主管部门办理使用登记。",
    basis="《建设工程安全生产管理条例》第三十五条；《建筑起重机械安全监督管理规定》",
    result="建筑起重机械使用登记证明",
    mats=[
        form("建筑起重机械使用登记表"),
        copy("建筑起重机械备案证明"),
        copy("安装验收资料和检验检测报告", src="具有资质的检验检测机构出具"),
        copy("特种作业人员名单和操作资格证书"),
        m("生产安全事故应急救援预案"),
        agent(),
    ],
    tb=True,
)
_add(
    "BA",
    "依法必须招标项目招标投标情况书面报告备案",
    "ghjs",
    (5, 1),
    cond="依法必须进行招标的房屋建筑和市政基础设施工程项目，招标人应当自确定中标人之日起15日内，向有关行政监督部门提交招标投标情况的书面报告。",
    basis="《中华人民共和国招标投标法》第四十七条；《房屋建筑和市政基础设施工程施工招标投标管理办法》",
    result="招标投标情况书面报告备案回执",
    mats=[
        form("招标投标情况书面报告"),
        copy("招标文件、评标报告和中标通知书"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "QT",
    "工程建设项目竣工联合验收",
    "ghjs",
    (10, 5),
    sp=("inspection",),
    cond="工程建设项目具备竣工验收条件后，建设单位可申请规划、土地、消防、人防、档案等事项限时联合验收，统一出具验收意见。",
    basis="《国务院办公厅关于全面开展工程建设项目审批制度改革的实施意见》（国办发〔2019〕11号）",
    result="工程建设项目联合验收意见书",
    mats=[
        form("工程建设项目竣工联合验收申请表"),
        report("工程竣工验收报告", src="建设单位组织编制"),
        drawings("竣工图纸及竣工测量成果"),
        m("各专项验收所需材料", std="按联合验收事项清单提交"),
        agent(),
    ],
    tb=True,
)
_add(
    "QT",
    "建设工程档案验收",
    "ghjs",
    (5, 2),
    cond="列入城建档案馆档案接收范围的工程，建设单位在组织竣工验收前，应当提请城建档案管理机构对工程档案进行验收。",
    basis="《建设工程质量管理条例》第十七条；《城市建设档案管理规定》",
    result="建设工程档案验收意见书",
    mats=[
        form("建设工程档案验收申请表"),
        m("建设工程竣工档案", std="按城建档案归档范围和要求整理"),
        agent(),
    ],
    tb=True,
)
_add(
    "QT",
    "住宅专项维修资金使用审核",
    "ghjs",
    (10, 5),
    sp=("inspection",),
    cond="住宅共用部位、共用设施设备保修期满后需要维修和更新、改造的，维修方案经专有部分面积和业主人数均占比三分之二以上的业主参与表决并经参与表决业主双过半数同意后，可以申请使用住宅专项维修资金。",
    basis="《中华人民共和国民法典》第二百七十八条、第二百八十一条；《住宅专项维修资金管理办法》",
    result="住宅专项维修资金使用核准通知",
    mats=[
        form("住宅专项维修资金使用申请表"),
        m("维修和更新、改造方案及费用预算"),
        m("业主表决结果及公示证明"),
        copy("施工合同"),
    ],
    where=GENERAL,
)
_add(
    "QR",
    "公共租赁住房保障资格审核",
    "ghjs",
    (30, 15),
    sp=("public_notice",),
    cond="在咸阳高新区稳定就业或居住、本人及家庭成员在本市无住房或住房面积低于规定标准、收入和财产符合规定标准的城镇中等偏下收入住房困难家庭、新就业无房职工和外来务工人员。",
    basis="《公共租赁住房管理办法》；《陕西省城镇住房保障条例》",
    result="公共租赁住房保障资格确认书",
    mats=[
        form("公共租赁住房申请表"),
        id_card("申请人及家庭成员"),
        copy("户口簿或居住证"),
        copy("劳动合同或社会保险缴纳证明"),
        pledge("家庭住房、收入和财产状况承诺书"),
    ],
    online=True,
    where=GENERAL,
)
_add(
    "JF",
    "城镇住房保障家庭租赁补贴",
    "ghjs",
    (30, 15),
    sp=("public_notice",),
    cond="已取得住房保障资格、在市场租赁住房的城镇低收入住房困难家庭，可以申请发放租赁补贴。",
    basis="《公共租赁住房管理办法》；《陕西省城镇住房保障条例》",
    result="租赁补贴发放通知",
    mats=[form("住房租赁补贴申请表"), id_card(), copy("房屋租赁合同"), bank_card()],
    where=GENERAL,
)
_add(
    "QR",
    "保障性租赁住房项目认定",
    "ghjs",
    (20, 10),
    sp=("soliciting_opinions",),
    cond="利用企事业单位自有土地、产业园区配套用地或存量闲置房屋建设保障性租赁住房的项目，以建筑面积不超过70平方米的小户型为主，租金低于同地段同品质市场租赁住房租金。",
    basis="《国务院办公厅关于加快发展保障性租赁住房的意见》（国办发〔2021〕22号）",
    result="保障性租赁住房项目认定书",
    mats=[
        form("保障性租赁住房项目认定申请表"),
        m("项目建设或改建方案"),
        copy("土地使用权或房屋权属证明"),
        m("租金和运营管理方案"),
        agent(),
    ],
)
UTILITY_BASIS = "《优化营商环境条例》第二十九条；《陕西省优化营商环境条例》"
for _utility, _days, _mats in (
    ("供水", (10, 5), [copy("用水地址的房屋产权或使用证明"), drawings("用水平面图", opt=True)]),
    ("燃气", (10, 5), [copy("用气地址的房屋产权或使用证明"), m("用气设备清单", opt=True)]),
    ("供热", (15, 10), [copy("用热地址的房屋产权或使用证明"), m("用热面积和用热需求说明")]),
):
    _add(
        "GG",
        f"{_utility}接入报装",
        "ghjs",
        _days,
        cond=f"新建、改建项目或用户需要接入城市{_utility}管网的，可在水电气暖联办窗口或网上一次申请，由{_utility}企业上门勘察、设计、施工和接通，全程网上可查。",
        basis=UTILITY_BASIS,
        result=f"{_utility}接入报装受理及接通结果",
        mats=[form(f"{_utility}接入报装申请表"), licence(std="个人用户提交身份证件"), *_mats],
        where=UTILITY,
        visits=0,
    )
_add(
    "GG",
    "城建档案查询利用",
    "ghjs",
    (1, 0),
    now=True,
    cond="单位或个人因工作、科研、房屋产权等需要，可以查询利用城建档案馆保存的建设工程档案；涉及他人权益的需提供授权证明。",
    basis="《中华人民共和国档案法》；《城市建设档案管理规定》",
    result="城建档案查阅或复制件",
    mats=[
        id_card("查询人"),
        m("单位介绍信或利用目的说明"),
        copy("产权人授权证明", cond="查询他人房屋档案的"),
    ],
    where=GENERAL,
)


# =============================================================================================
# 自然资源分局 (zrzy): 不动产登记与用地
# =============================================================================================

REALTY_LAW = "《中华人民共和国民法典》；《不动产登记暂行条例》；《不动产登记暂行条例实施细则》"


def realty_form() -> dict:
    return form("不动产登记申请书", std="申请人签字或盖章，共同申请的由双方共同签署")


def realty_id() -> dict:
    return copy(
        "申请人身份证明",
        src="自然人提交居民身份证，法人或其他组织提交营业执照或登记证书",
        std="在有效期内，窗口核验原件",
    )


def realty_title(what: str = "不动产权属证书", **kw) -> dict:
    return m(what, **{"src": "不动产登记机构核发", "std": "原件，与登记簿记载一致", **kw})


def _realty(
    name: str,
    days: tuple[int, int],
    cond: str,
    mats: list[dict],
    *,
    result: str = "不动产权证书",
    fee: str = "80.00",
    now: bool = False,
    sp: tuple[str, ...] = (),
    tb: bool = True,
    visits: int = 1,
) -> None:
    _add(
        "QR",
        name,
        "zrzy",
        days,
        now=now,
        sp=sp,
        cond=cond,
        basis=REALTY_LAW,
        result=result,
        mats=[realty_form(), realty_id(), *mats, agent()],
        fee=fee,
        fee_basis=REALTY_FEE if fee != "0" else "",
        tb=tb,
        visits=visits,
    )


_realty(
    "国有建设用地使用权首次登记",
    (30, 5),
    "依法取得国有建设用地使用权的，土地使用权人可以单方申请首次登记；出让方式取得的应当已缴清土地出让价款和相关税费。",
    [
        copy("国有建设用地使用权出让合同或划拨决定书"),
        copy("土地出让价款、税费缴纳凭证"),
        report("不动产权籍调查成果", src="具有相应资质的测绘单位出具"),
    ],
    fee="550.00",
)
_realty(
    "国有建设用地使用权及房屋所有权首次登记",
    (30, 5),
    "依法利用国有建设用地建造房屋的，建设工程竣工验收后，房地产开发企业或其他建设单位可以申请房屋所有权首次登记。",
    [
        realty_title("不动产权证书（土地）"),
        copy("建设工程符合规划的材料"),
        copy("房屋已经竣工的材料"),
        report("房屋测绘报告和不动产权籍调查成果", src="具有相应资质的测绘单位出具"),
        copy("建筑物区分所有的共有部分清单", cond="建筑物区分所有的"),
    ],
    fee="550.00",
    sp=("inspection",),
)
_realty(
    "宅基地使用权及房屋所有权首次登记",
    (30, 5),
    "依法取得宅基地使用权并建造住房的农村村民，房屋已竣工的，可以申请宅基地使用权及房屋所有权首次登记；一户只能拥有一处宅基地。",
    [
        copy("宅基地批准文件或权属来源证明"),
        copy("户口簿及成员身份证明"),
        report("不动产权籍调查成果", src="具有相应资质的测绘单位出具"),
    ],
    fee="0",
    sp=("inspection", "public_notice"),
    tb=False,
)
_realty(
    "新建商品房转移登记",
    (30, 1),
    "商品房买受人与房地产开发企业签订的买卖合同已备案、商品房已完成首次登记并交付，已缴纳契税的，双方可以共同申请转移登记，推行“交房即交证”。",
    [
        copy("商品房买卖合同"),
        copy("契税完税凭证", src="税务部门出具，可共享核验"),
        copy("房屋交付证明"),
    ],
    visits=0,
)
_realty(
    "存量房买卖转移登记",
    (30, 3),
    "已登记的国有建设用地使用权及房屋所有权因买卖发生转移的，买卖双方应当共同申请转移登记，并依法缴纳相关税费。",
    [
        realty_title(),
        copy("存量房买卖合同", std="买卖双方签字或盖章"),
        copy("税费缴纳凭证", src="税务部门出具，可共享核验"),
        m("婚姻状况证明或声明", cond="出卖人为自然人的", src=FORM),
    ],
)
_realty(
    "继承、受遗赠不动产转移登记",
    (30, 5),
    "因继承、受遗赠取得不动产的，继承人或受遗赠人可以申请转移登记；不动产登记机构按规定进行公示或查验。",
    [
        realty_title(),
        copy("被继承人或遗赠人死亡证明"),
        copy("继承权或受遗赠权的证明材料", std="如全体继承人签署的继承协议、公证书或生效法律文书"),
        copy("亲属关系证明"),
    ],
    sp=("public_notice",),
    tb=False,
)
_realty(
    "国有建设用地使用权及房屋所有权变更登记",
    (30, 3),
    "权利人姓名或名称、身份证明类型或号码、不动产坐落、界址、用途、面积等登记事项发生变更的，权利人可以单方申请变更登记。",
    [realty_title(), copy("登记事项发生变更的证明材料")],
)
_realty(
    "国有建设用地使用权及房屋所有权注销登记",
    (30, 3),
    "不动产灭失、权利人放弃权利或者因依法没收、征收、收回等导致权利消灭的，当事人可以申请注销登记。",
    [realty_title(), copy("不动产权利消灭的证明材料")],
    result="不动产注销登记证明",
    fee="0",
)
_realty(
    "抵押权首次登记",
    (30, 1),
    "以建设用地使用权、建筑物和其他土地附着物、在建建筑物等设立抵押的，抵押人与抵押权人应当共同申请抵押权首次登记；最高额抵押一并申请。",
    [
        realty_title(),
        copy("主债权合同和抵押合同", std="合同双方签字或盖章"),
    ],
    result="不动产登记证明",
    visits=0,
)
_realty(
    "在建建筑物抵押权首次登记",
    (30, 3),
    "以正在建造的建筑物设定抵押的，当事人应当持建设用地使用权证书、建设工程规划许可证等材料共同申请在建建筑物抵押权登记。",
    [
        realty_title("不动产权证书（土地）"),
        copy("主债权合同和抵押合同"),
        copy("建设工程规划许可证"),
        report("在建建筑物抵押范围测绘成果", src="具有相应资质的测绘单位出具"),
    ],
    result="不动产登记证明",
)
_realty(
    "抵押权变更登记",
    (30, 1),
    "抵押人、抵押权人的姓名或名称变更，或者被担保的主债权数额、债务履行期限、抵押权顺位等发生变更的，当事人可以申请抵押权变更登记。",
    [realty_title("不动产登记证明"), copy("抵押权变更的材料")],
    result="不动产登记证明",
    visits=0,
)
_realty(
    "抵押权转移登记",
    (30, 1),
    "因主债权转让导致抵押权转让的，当事人可以申请抵押权转移登记。",
    [realty_title("不动产登记证明"), copy("主债权转让合同或其他转移材料")],
    result="不动产登记证明",
    visits=0,
)
_realty(
    "抵押权注销登记",
    (30, 0),
    "主债权消灭、抵押权已经实现或者抵押权人放弃抵押权的，当事人可以申请抵押权注销登记。",
    [
        realty_title("不动产登记证明"),
        copy("抵押权消灭的材料", std="如贷款结清证明或抵押权人同意注销的书面材料"),
    ],
    result="不动产注销登记证明",
    fee="0",
    now=True,
    visits=0,
)
_realty(
    "预购商品房预告登记",
    (30, 1),
    "预购商品房买卖合同已网签备案的，当事人可以按照约定申请预告登记，保障将来实现物权。",
    [copy("已备案的商品房预售合同"), copy("当事人关于预告登记的约定")],
    result="不动产登记证明",
    visits=0,
)
_realty(
    "预告登记注销",
    (30, 0),
    "预告登记的权利人放弃预告登记、债权消灭或者人民法院、仲裁委员会生效法律文书导致预告登记失效的，当事人可以申请注销预告登记。",
    [realty_title("不动产登记证明"), copy("预告登记失效的证明材料")],
    result="不动产注销登记证明",
    fee="0",
    now=True,
)
_realty(
    "更正登记",
    (30, 5),
    "权利人、利害关系人认为不动产登记簿记载的事项错误的，可以申请更正登记；利害关系人申请的须提交登记簿记载确有错误的证明。",
    [realty_title(), copy("证实不动产登记簿记载事项错误的材料")],
    fee="0",
    tb=False,
)
_realty(
    "异议登记",
    (30, 1),
    "利害关系人认为不动产登记簿记载的事项错误、权利人不同意更正的，可以申请异议登记，并应当在异议登记之日起15日内起诉。",
    [copy("证实对登记的不动产权利有利害关系的材料"), copy("证实不动产登记簿记载事项错误的材料")],
    result="不动产登记证明",
    fee="0",
    tb=False,
)
_realty(
    "地役权首次登记",
    (30, 5),
    "按照约定设定地役权的，当事人可以持不动产权属证书、地役权合同共同申请地役权首次登记。",
    [
        realty_title("需役地和供役地的不动产权属证书"),
        copy("地役权合同"),
        drawings("地役权范围示意图", opt=True),
    ],
    result="不动产登记证明",
    tb=False,
)
_realty(
    "居住权登记",
    (30, 3),
    "以合同或遗嘱方式在他人住宅上设立居住权的，当事人应当向不动产登记机构申请居住权登记，居住权自登记时设立。",
    [realty_title(), copy("居住权合同或遗嘱等设立居住权的材料")],
    result="不动产登记证明",
    tb=False,
)
_realty(
    "不动产权证书补发、换发",
    (30, 5),
    "不动产权证书或不动产登记证明遗失、灭失的，权利人可以申请补发，补发前在门户网站或当地公开发行报刊上刊登遗失声明；证书污损、破损的可以申请换发。",
    [
        m("遗失声明", cond="证书遗失、灭失的", std="刊登或网站公告15个工作日后办理"),
        realty_title("污损、破损的原证书", cond="申请换发的"),
    ],
    result="不动产权证书",
    fee="10.00",
    sp=("public_notice",),
    tb=False,
)
_add(
    "GG",
    "不动产登记资料查询",
    "zrzy",
    (1, 0),
    now=True,
    cond="权利人可以查询、复制其不动产登记资料；利害关系人可以查询、复制与其有利害关系的不动产登记结果；人民法院、人民检察院等国家机关依法查询。",
    basis="《不动产登记暂行条例》第二十七条；《不动产登记资料查询暂行办法》",
    result="不动产登记资料查询结果证明",
    mats=[
        form("不动产登记资料查询申请书"),
        id_card("查询人"),
        copy("存在利害关系的证明材料", cond="利害关系人查询的"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "XK",
    "建设项目用地预审与选址意见书核发",
    "zrzy",
    (20, 10),
    sp=("soliciting_opinions",),
    cond="建设项目选址符合国土空间规划和用途管制要求，用地规模和功能分区符合土地使用标准，节约集约用地；以划拨方式提供国有土地使用权的建设项目须核发选址意见书。",
    basis="《中华人民共和国土地管理法》第五十二条；《中华人民共和国城乡规划法》第三十六条；《建设项目用地预审管理办法》",
    result="建设项目用地预审与选址意见书",
    mats=[
        form("建设项目用地预审与选址申请表"),
        m("建设项目用地预审与选址申请报告", std="载明拟用地面积、地类、用途和选址理由"),
        drawings("拟选址位置图和用地范围图"),
        copy("项目建议书或项目申请报告"),
        agent(),
    ],
    where=PROJECT,
    tb=True,
)
_add(
    "XK",
    "临时用地审批",
    "zrzy",
    (20, 10),
    sp=("inspection",),
    cond="建设项目施工、地质勘查需要临时使用国有土地或者农民集体所有土地的，与土地所有权人或使用权人签订临时使用土地合同，临时使用期限一般不超过二年，不得修建永久性建筑物。",
    basis="《中华人民共和国土地管理法》第五十七条；《中华人民共和国土地管理法实施条例》第二十条",
    result="临时用地批准文件",
    mats=[
        form("临时用地申请表"),
        copy("临时使用土地合同"),
        drawings("临时用地勘测定界图"),
        m("土地复垦方案报告表"),
        agent(),
    ],
)
_add(
    "XK",
    "划拨土地使用权和地上建筑物及附着物所有权转让、出租、抵押审批",
    "zrzy",
    (20, 10),
    cond="划拨土地使用权和地上建筑物、附着物所有权转让、出租、抵押的，土地使用者应当持有不动产权证书，并按规定补缴土地使用权出让金或以转让、出租所获收益抵交。",
    basis="《中华人民共和国城市房地产管理法》第四十条；《中华人民共和国城镇国有土地使用权出让和转让暂行条例》第四十五条",
    result="划拨土地使用权转让、出租、抵押批准文件",
    mats=[
        form("划拨土地使用权转让（出租、抵押）申请表"),
        realty_title("不动产权证书"),
        copy("转让、出租或抵押合同"),
        agent(),
    ],
)
_add(
    "XK",
    "国有建设用地使用权出让后土地使用权分割转让批准",
    "zrzy",
    (20, 10),
    sp=("soliciting_opinions",),
    cond="以出让方式取得的国有建设用地使用权需要分割转让的，分割后的宗地应当符合规划条件和用地标准，并经出让方和规划管理部门同意。",
    basis="《中华人民共和国城镇国有土地使用权出让和转让暂行条例》第二十五条",
    result="国有建设用地使用权分割转让批准文件",
    mats=[
        form("土地使用权分割转让申请表"),
        realty_title("不动产权证书（土地）"),
        drawings("分割后的宗地图"),
        copy("规划部门同意分割的意见"),
        agent(),
    ],
)
_add(
    "CJ",
    "土地权属争议行政裁决",
    "zrzy",
    (90, 60),
    sp=("inspection", "hearing"),
    cond="单位之间、个人之间或个人与单位之间发生的土地所有权和使用权争议，经协商不成的，当事人可以申请行政处理；已被人民法院受理的不予受理。",
    basis="《中华人民共和国土地管理法》第十四条；《土地权属争议调查处理办法》",
    result="土地权属争议处理决定书",
    mats=[
        form("土地权属争议调查处理申请书", std="载明当事人、请求事项、事实和理由"),
        id_card(),
        m("土地权属来源证明及争议事实的证据材料"),
        agent(),
    ],
    online=False,
)

# =============================================================================================
# 生态环境分局 (sthj)
# =============================================================================================

EIA_LAW = "《中华人民共和国环境影响评价法》第二十二条；《建设项目环境保护管理条例》"
PERMIT_LAW = "《排污许可管理条例》；《排污许可管理办法》"

_add(
    "XK",
    "建设项目环境影响报告书审批",
    "sthj",
    (60, 20),
    sp=("expert_review", "public_notice"),
    cond="可能造成重大环境影响的建设项目，依法编制环境影响报告书，建设项目符合生态环境分区管控要求、污染物排放符合国家和地方标准、已依法开展公众参与。",
    basis=EIA_LAW,
    result="建设项目环境影响报告书批复",
    mats=[
        form("建设项目环境影响评价文件报批申请书"),
        report("建设项目环境影响报告书", src="建设单位自行或委托技术单位编制"),
        m("公众参与说明", std="附公示截图和意见采纳情况"),
        copy("项目立项文件"),
        copy("主要污染物排放总量指标来源说明"),
        agent(),
    ],
    where=PROJECT,
)
_add(
    "XK",
    "建设项目环境影响报告表审批",
    "sthj",
    (30, 10),
    sp=("expert_review",),
    cond="可能造成轻度环境影响的建设项目，依法编制环境影响报告表，建设项目符合生态环境分区管控要求，污染防治措施可行。",
    basis=EIA_LAW,
    result="建设项目环境影响报告表批复",
    mats=[
        form("建设项目环境影响评价文件报批申请书"),
        report("建设项目环境影响报告表", src="建设单位自行或委托技术单位编制"),
        copy("项目立项文件"),
        agent(),
    ],
    where=PROJECT,
    visits=0,
    tb=True,
)
_add(
    "BA",
    "建设项目环境影响登记表备案",
    "sthj",
    (1, 0),
    now=True,
    cond="对环境影响很小、不需要进行环境影响评价的建设项目，建设单位应当在建成并投入生产运营前，通过建设项目环境影响登记表网上备案系统填报备案。",
    basis="《中华人民共和国环境影响评价法》第二十二条；《建设项目环境影响登记表备案管理办法》",
    result="建设项目环境影响登记表备案回执",
    mats=[form("建设项目环境影响登记表", "electronic", std="网上备案系统在线填报"), licence()],
    where=PROJECT,
    visits=0,
    tb=True,
)
_add(
    "XK",
    "排污许可证核发（重点管理）",
    "sthj",
    (30, 15),
    sp=("inspection", "expert_review"),
    cond="纳入固定污染源排污许可分类管理名录实行重点管理的排污单位，依法取得环境影响评价审批意见，有符合要求的污染防治设施和自行监测方案，排放符合国家和地方标准。",
    basis=PERMIT_LAW,
    result="排污许可证",
    mats=[
        form("排污许可证申请表", "electronic", std="全国排污许可证管理信息平台在线填报"),
        pledge("排污许可证申请承诺书"),
        copy("环境影响评价审批意见"),
        m("自行监测方案"),
        m("污染防治设施说明和排污口位置图"),
        agent(),
    ],
    visits=0,
)
_add(
    "XK",
    "排污许可证核发（简化管理）",
    "sthj",
    (20, 10),
    cond="纳入固定污染源排污许可分类管理名录实行简化管理的排污单位，依法取得环境影响评价审批意见或备案，污染物排放符合国家和地方标准。",
    basis=PERMIT_LAW,
    result="排污许可证",
    mats=[
        form("排污许可证申请表", "electronic", std="全国排污许可证管理信息平台在线填报"),
        pledge("排污许可证申请承诺书"),
        copy("环境影响评价审批意见或备案材料"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "XK",
    "排污许可证变更",
    "sthj",
    (20, 10),
    cond="排污单位名称、住所、法定代表人等事项变更，或者排放污染物种类、排放量等许可事项发生变化的，应当在变化之日起30日内申请变更排污许可证。",
    basis=PERMIT_LAW,
    result="排污许可证",
    mats=[
        form("排污许可证变更申请表", "electronic"),
        m("与变更排污许可事项有关的材料"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "XK",
    "排污许可证延续",
    "sthj",
    (20, 10),
    cond="排污许可证有效期为五年，需要继续排放污染物的，应当在有效期届满60日前向审批部门提出延续申请。",
    basis=PERMIT_LAW,
    result="排污许可证",
    mats=[
        form("排污许可证延续申请表", "electronic"),
        m("排污许可证执行报告", std="上一周期执行情况"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "BA",
    "固定污染源排污登记",
    "sthj",
    (1, 0),
    now=True,
    cond="污染物产生量、排放量和对环境的影响程度很小，依法不需要申请取得排污许可证的排污单位，应当在全国排污许可证管理信息平台填报排污登记表。",
    basis="《排污许可管理条例》第二十四条；《固定污染源排污登记工作指南（试行）》",
    result="固定污染源排污登记回执",
    mats=[
        form("固定污染源排污登记表", "electronic", std="全国排污许可证管理信息平台在线填报"),
        licence(),
    ],
    visits=0,
    tb=True,
)
_add(
    "BA",
    "企业事业单位突发环境事件应急预案备案",
    "sthj",
    (5, 1),
    cond="可能发生突发环境事件的污染物排放企业、生产储存运输使用危险化学品的企业等，应当在环境应急预案签署发布之日起20个工作日内备案。",
    basis="《中华人民共和国突发事件应对法》；《突发环境事件应急管理办法》；《企业事业单位突发环境事件应急预案备案管理办法（试行）》",
    result="突发环境事件应急预案备案表",
    mats=[
        form("突发环境事件应急预案备案表"),
        m("环境应急预案及编制说明", std="单位主要负责人签署发布"),
        report("环境风险评估报告"),
        report("环境应急资源调查报告"),
        m("环境应急预案评审意见"),
    ],
    visits=0,
    tb=True,
)
_add(
    "QT",
    "建设项目主要污染物排放总量指标审核",
    "sthj",
    (15, 5),
    cond="新建、改建、扩建项目新增化学需氧量、氨氮、氮氧化物、挥发性有机物等主要污染物排放的，在环境影响评价文件审批前取得总量指标。",
    basis="《建设项目主要污染物排放总量指标审核及管理暂行办法》",
    result="主要污染物排放总量指标审核意见",
    mats=[
        form("建设项目主要污染物排放总量指标申请表"),
        m("总量指标来源说明和削减替代方案"),
        agent(),
    ],
    where=PROJECT,
    tb=True,
)
_add(
    "QT",
    "夜间施工证明",
    "sthj",
    (3, 1),
    cond="因生产工艺要求或者其他特殊需要必须在夜间22时至次日6时连续施工作业的，施工单位应当取得证明并在施工现场显著位置公示，采取降噪措施并告知附近居民。",
    basis="《中华人民共和国噪声污染防治法》第四十三条",
    result="夜间施工证明",
    mats=[
        form("夜间施工申请表"),
        m("因工艺要求或特殊需要连续施工的说明"),
        m("噪声污染防治措施方案"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "JL",
    "生态环境违法行为举报奖励",
    "sthj",
    (20, 10),
    cond="举报人举报的生态环境违法行为经查证属实并依法作出处理的，可以按照规定获得奖励。",
    basis="《中华人民共和国环境保护法》第十一条；《关于实施生态环境违法行为举报奖励制度的指导意见》",
    result="举报奖励决定书",
    mats=[id_card("举报人"), m("举报受理回执或奖励告知书"), bank_card()],
)


# =============================================================================================
# 社会事务局 (shsw): 人社、医保、民政、教育、卫健、退役军人
# =============================================================================================

SOCIAL_INSURANCE_LAW = "《中华人民共和国社会保险法》"
PENSION_LAW = SOCIAL_INSURANCE_LAW + "；《国务院关于建立统一的城乡居民基本养老保险制度的意见》"
MEDICAL_INSURANCE_LAW = SOCIAL_INSURANCE_LAW + "；《医疗保障经办管理服务规程》"
SKILLS_SUBSIDY = "《人力资源社会保障部 财政部关于失业保险支持参保职工提升职业技能有关问题的通知》"
EMPLOYMENT_LAW = "《中华人民共和国就业促进法》；《就业服务与就业管理规定》"
RELIEF_LAW = "《社会救助暂行办法》；《陕西省社会救助条例》"


def _social(
    name: str,
    days: tuple[int, int],
    cond: str,
    basis: str,
    result: str,
    mats: list[dict],
    *,
    abbrev: str = "GG",
    now: bool = False,
    visits: int = 0,
    tb: bool = True,
    where: str = "",
    sp: tuple[str, ...] = (),
) -> None:
    _add(
        abbrev,
        name,
        "shsw",
        days,
        now=now,
        sp=sp,
        cond=cond,
        basis=basis,
        result=result,
        mats=mats,
        visits=visits,
        tb=tb,
        where=where,
    )


# --- 社会保障卡与社会保险 --------------------------------------------------------------------

SS_CARD_LAW = "《中华人民共和国社会保险法》第五十八条；《社会保障卡管理办法》"
_social(
    "社会保障卡申领",
    (1, 0),
    "参加社会保险或办理人社业务的人员均可申领社会保障卡，可在窗口即时制卡或通过网上渠道申领后邮寄。",
    SS_CARD_LAW,
    "社会保障卡",
    [id_card(), m("本人近期免冠白底证件照片", "electronic", std="可现场采集"), agent()],
    now=True,
)
_social(
    "社会保障卡挂失与解挂",
    (1, 0),
    "社会保障卡遗失或被盗的，持卡人可通过电话、网上或窗口办理临时挂失或正式挂失；找回卡片的可以办理解挂。",
    SS_CARD_LAW,
    "挂失（解挂）办理结果",
    [id_card("持卡人"), m("社会保障卡", cond="找回卡片申请解挂的", std="窗口核验卡片")],
    now=True,
)
_social(
    "社会保障卡补领、换领",
    (1, 0),
    "社会保障卡遗失、损坏或需要更换为第三代社会保障卡的，持卡人可以申请补领或换领，遗失补领的须先办理正式挂失。",
    SS_CARD_LAW,
    "社会保障卡",
    [id_card("持卡人"), m("损坏的原社会保障卡", cond="申请换领的"), agent()],
    now=True,
    visits=1,
)
_social(
    "城乡居民基本养老保险参保登记",
    (1, 0),
    "年满16周岁（不含在校学生），非国家机关和事业单位工作人员及不属于职工基本养老保险制度覆盖范围的城乡居民，可在户籍地参加城乡居民基本养老保险。",
    PENSION_LAW,
    "城乡居民基本养老保险参保登记结果",
    [form("城乡居民基本养老保险参保登记表"), id_card(), copy("户口簿")],
    now=True,
)
_social(
    "城乡居民基本养老保险待遇申领",
    (20, 5),
    "参加城乡居民基本养老保险、年满60周岁、累计缴费满15年且未领取国家规定的基本养老保障待遇的，可以申领按月领取的养老保险待遇。",
    PENSION_LAW,
    "城乡居民基本养老保险待遇核定表",
    [form("城乡居民基本养老保险待遇申领表"), ss_card(), bank_card()],
)
_social(
    "企业职工基本养老保险单位参保登记",
    (1, 0),
    "依法设立的用人单位应当自成立之日起30日内办理社会保险登记；企业开办一件事中已同步登记的无需另行办理。",
    SOCIAL_INSURANCE_LAW + "第五十七条；《社会保险费申报缴纳管理规定》",
    "社会保险登记结果",
    [form("社会保险单位参保登记表"), licence(), agent()],
    now=True,
)
_social(
    "社会保险个人权益记录查询打印",
    (1, 0),
    "参保人员可以查询、打印本人参保缴费、待遇领取等个人权益记录，可通过陕西政务服务网、掌上12333或自助终端办理。",
    SOCIAL_INSURANCE_LAW + "第七十四条；《社会保险个人权益记录管理办法》",
    "社会保险个人权益记录单",
    [ss_card(), agent()],
    now=True,
)
_social(
    "基本养老保险关系转移接续",
    (15, 10),
    "参保人员跨统筹地区流动就业的，可以申请转移接续基本养老保险关系，由转入地经办机构发起联系函。",
    SOCIAL_INSURANCE_LAW + "第十九条；《城镇企业职工基本养老保险关系转移接续暂行办法》",
    "基本养老保险关系转移接续联系函",
    [form("基本养老保险关系转移接续申请表"), ss_card(), copy("参保缴费凭证", opt=True)],
)
_social(
    "失业保险金申领",
    (10, 3),
    "失业前用人单位和本人已缴纳失业保险费满一年，非因本人意愿中断就业，已进行失业登记并有求职要求的，可以申领失业保险金。",
    SOCIAL_INSURANCE_LAW + "第四十五条；《失业保险条例》",
    "失业保险金核定结果",
    [form("失业保险金申领登记表"), ss_card(), copy("终止或解除劳动合同证明"), bank_card()],
)
_social(
    "工伤认定",
    (60, 20),
    "职工发生事故伤害或者被诊断、鉴定为职业病的，所在单位应当自事故伤害发生之日起30日内提出工伤认定申请；用人单位未申请的，职工或其近亲属可以在1年内申请。",
    "《工伤保险条例》第十七条；《工伤认定办法》",
    "认定工伤决定书",
    [
        form("工伤认定申请表"),
        copy("劳动合同或存在劳动关系的证明材料"),
        copy("医疗诊断证明或者职业病诊断证明书", src="医疗机构或职业病诊断机构出具"),
        copy("交通事故认定书等事故证明", cond="因交通事故或外出工作期间受伤的"),
        agent(),
    ],
    abbrev="QR",
    sp=("inspection",),
    visits=1,
    tb=False,
)
_social(
    "企业职工正常退休（职）审批",
    (20, 5),
    "企业职工达到法定退休年龄（含按规定弹性提前或延迟退休），累计缴纳基本养老保险费满规定年限的，由用人单位或本人申请办理退休审批。",
    "《国务院关于工人退休、退职的暂行办法》；《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》",
    "职工退休审批表",
    [form("职工退休审批表"), ss_card("申请人"), copy("人事档案（出生时间、参加工作时间认定材料）")],
    abbrev="QR",
    visits=1,
    tb=False,
)
_social(
    "特殊工种提前退休审批",
    (30, 10),
    "从事井下、高空、高温、特别繁重体力劳动或其他有害身体健康工作，累计年限达到规定的企业职工，可申请按特殊工种提前退休。",
    "《国务院关于工人退休、退职的暂行办法》；《关于制止和纠正违反国家规定办理企业职工提前退休有关问题的通知》",
    "特殊工种提前退休审批表",
    [
        form("特殊工种提前退休审批表"),
        ss_card("申请人"),
        copy("从事特殊工种的原始档案记录"),
        m("用人单位出具的从事特殊工种情况说明"),
    ],
    abbrev="QR",
    sp=("public_notice",),
    visits=1,
    tb=False,
)
_social(
    "企业实行不定时工作制和综合计算工时工作制审批",
    (20, 10),
    "企业因生产特点不能实行标准工时制度的，在听取工会和职工意见后，可以申请对相关岗位实行不定时工作制或综合计算工时工作制。",
    "《中华人民共和国劳动法》第三十九条；《关于企业实行不定时工作制和综合计算工时工作制的审批办法》",
    "特殊工时制度批复",
    [
        form("实行特殊工时工作制申请表"),
        licence(),
        m("实行特殊工时工作制的岗位、人数和工作时间安排"),
        m("工会或职工代表大会意见"),
        agent(),
    ],
    abbrev="XK",
    where=GENERAL,
)
_social(
    "经济性裁员报告",
    (10, 5),
    "需要裁减人员二十人以上或者裁减不足二十人但占企业职工总数百分之十以上的，用人单位提前三十日向工会或者全体职工说明情况，听取意见后向劳动行政部门报告裁减人员方案。",
    "《中华人民共和国劳动合同法》第四十一条",
    "经济性裁员报告回执",
    [
        form("经济性裁员情况报告书"),
        m("裁减人员方案", std="载明裁减人员名单、时间、实施步骤和经济补偿办法"),
        m("工会或者全体职工的意见"),
        agent(),
    ],
    abbrev="BA",
    visits=1,
    where=GENERAL,
)
_social(
    "集体合同审查",
    (15, 5),
    "用人单位与职工一方签订的集体合同或专项集体合同，应当自双方签字之日起10日内报送劳动保障行政部门审查。",
    "《中华人民共和国劳动合同法》第五十四条；《集体合同规定》",
    "集体合同审查意见书",
    [
        form("集体合同审查申请表"),
        copy("集体合同文本"),
        m("职工代表大会或全体职工讨论通过的证明"),
        agent(),
    ],
    abbrev="BA",
    where=GENERAL,
)

# --- 就业创业 --------------------------------------------------------------------------------

_social(
    "就业创业证申领",
    (1, 0),
    "法定劳动年龄内、有劳动能力的城乡劳动者，可以申领就业创业证，用于记录就业、失业状况和享受就业扶持政策情况。",
    EMPLOYMENT_LAW,
    "就业创业证",
    [form("就业创业证申领登记表"), id_card()],
    now=True,
)
_social(
    "失业登记",
    (1, 0),
    "法定劳动年龄内、有劳动能力、有就业要求、处于无业状态的城乡劳动者，可以在常住地进行失业登记。",
    EMPLOYMENT_LAW,
    "失业登记结果",
    [form("失业登记表"), id_card()],
    now=True,
)
_social(
    "就业困难人员认定",
    (15, 5),
    "因身体状况、技能水平、家庭因素、失去土地等原因难以实现就业，或连续失业一定时间仍未能实现就业，已进行失业登记的人员，可以申请认定为就业困难人员。",
    EMPLOYMENT_LAW + "第五十二条",
    "就业困难人员认定结果",
    [form("就业困难人员认定申请表"), id_card(), copy("属于就业困难人员类别的证明材料")],
    abbrev="QR",
    sp=("public_notice",),
)
_social(
    "创业担保贷款申请",
    (15, 10),
    "在咸阳高新区创业的城镇登记失业人员、高校毕业生、退役军人、返乡创业农民工等人员，或符合条件的小微企业，可申请创业担保贷款及贴息。",
    "《财政部 人力资源社会保障部 中国人民银行关于进一步做好创业担保贷款财政贴息工作的通知》",
    "创业担保贷款审核意见",
    [
        form("创业担保贷款申请表"),
        id_card(),
        licence(),
        m("创业项目计划书"),
        copy("属于贷款扶持对象的证明材料"),
    ],
)
_social(
    "一次性创业补贴申领",
    (20, 10),
    "首次创办小微企业或从事个体经营、正常经营1年以上并按规定缴纳社会保险费的高校毕业生、就业困难人员等，可申领一次性创业补贴。",
    EMPLOYMENT_LAW + "；《陕西省就业补助资金管理办法》",
    "一次性创业补贴发放",
    [form("一次性创业补贴申请表"), id_card(), licence(), bank_card()],
    abbrev="JF",
    sp=("public_notice",),
)
_social(
    "灵活就业人员社会保险补贴申领",
    (20, 10),
    "就业困难人员、离校2年内未就业高校毕业生灵活就业后缴纳社会保险费的，可以申请社会保险补贴。",
    EMPLOYMENT_LAW + "；《就业补助资金管理办法》",
    "社会保险补贴发放",
    [form("灵活就业人员社会保险补贴申请表"), id_card(), m("灵活就业情况说明"), bank_card()],
    abbrev="JF",
)
_social(
    "就业见习补贴申领",
    (20, 10),
    "吸纳离校2年内未就业高校毕业生和16至24岁失业青年参加就业见习、签订见习协议并按规定支付见习人员基本生活费的见习单位，可以申领就业见习补贴。",
    EMPLOYMENT_LAW + "；《就业补助资金管理办法》",
    "就业见习补贴发放",
    [
        form("就业见习补贴申请表"),
        copy("见习协议和见习人员名册"),
        copy("见习人员基本生活费发放凭证"),
        licence(),
    ],
    abbrev="JF",
    sp=("public_notice",),
)
_social(
    "职业技能提升补贴申领",
    (20, 10),
    "参加失业保险的企业职工取得职业资格证书或职业技能等级证书的，可在证书核发之日起12个月内申领技能提升补贴。",
    SOCIAL_INSURANCE_LAW + "；《失业保险条例》；" + SKILLS_SUBSIDY,
    "职业技能提升补贴发放",
    [
        form("职业技能提升补贴申请表"),
        ss_card(),
        copy("职业资格证书或职业技能等级证书"),
        bank_card(),
    ],
)
_social(
    "劳动人事争议仲裁申请",
    (45, 45),
    "劳动者与用人单位发生劳动争议，自知道或者应当知道其权利被侵害之日起1年内，可以向劳动人事争议仲裁委员会申请仲裁。",
    "《中华人民共和国劳动争议调解仲裁法》；《劳动人事争议仲裁办案规则》",
    "仲裁裁决书或调解书",
    [
        form("劳动人事争议仲裁申请书", std="按被申请人人数提交副本"),
        id_card(),
        copy("劳动关系证明及争议事实的证据材料"),
        agent(),
    ],
    visits=1,
    tb=False,
    where=GENERAL,
)
_social(
    "劳动保障监察投诉受理",
    (60, 30),
    "劳动者认为用人单位侵犯其劳动保障合法权益，如拖欠工资、未缴社会保险的，可以向劳动保障监察机构投诉。",
    "《劳动保障监察条例》；《关于实施〈劳动保障监察条例〉若干规定》",
    "投诉处理结果告知",
    [form("劳动保障监察投诉书"), id_card("投诉人"), copy("劳动关系和权益受侵害的证据材料")],
    where=GENERAL,
)

# --- 医疗保障 --------------------------------------------------------------------------------

_social(
    "城乡居民基本医疗保险参保登记",
    (1, 0),
    "除职工基本医疗保险应参保人员以外的其他所有城乡居民，包括在校学生、未成年人、灵活就业人员和在本地居住的外来人员，可以参加城乡居民基本医疗保险。",
    MEDICAL_INSURANCE_LAW,
    "城乡居民医保参保登记结果",
    [form("城乡居民基本医疗保险参保登记表"), id_card(), copy("居住证", cond="非本地户籍人员")],
    now=True,
)
_social(
    "基本医疗保险关系转移接续",
    (15, 10),
    "参保人员跨统筹地区流动就业或迁移户籍的，可以申请办理基本医疗保险关系转移接续，转入地经办机构受理后通过全国统一平台办理。",
    MEDICAL_INSURANCE_LAW + "；《基本医疗保险关系转移接续暂行办法》",
    "基本医疗保险参保缴费凭证及转移接续结果",
    [form("基本医疗保险关系转移接续申请表"), ss_card()],
)
_social(
    "异地就医备案",
    (1, 0),
    "异地长期居住人员、常驻异地工作人员、异地转诊人员和临时外出就医人员，可以通过国家医保服务平台、陕西医保APP或窗口办理异地就医备案。",
    MEDICAL_INSURANCE_LAW
    + "；《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》",
    "异地就医备案结果",
    [form("异地就医备案表", "electronic"), ss_card(), m("异地转诊证明", cond="异地转诊人员")],
    now=True,
)
_social(
    "门诊慢特病待遇认定",
    (15, 5),
    "参保人员患有医保目录规定的门诊慢性病、特殊疾病的，可以申请门诊慢特病待遇认定，认定后享受相应门诊保障待遇。",
    MEDICAL_INSURANCE_LAW,
    "门诊慢特病待遇认定结果",
    [
        form("门诊慢特病待遇认定申请表"),
        ss_card(),
        copy("二级及以上医疗机构出具的诊断证明及相关检查报告"),
    ],
    sp=("expert_review",),
)
_social(
    "零星医疗费用报销",
    (20, 10),
    "参保人员因急诊抢救等原因在异地或非定点医疗机构就医、未能直接结算的，可以申请手工报销医疗费用。",
    MEDICAL_INSURANCE_LAW,
    "医疗费用报销结算单",
    [
        form("零星医疗费用报销申请表"),
        ss_card(),
        m("医疗费用发票、费用明细清单和出院记录"),
        bank_card(),
    ],
    visits=1,
)
_social(
    "生育津贴支付",
    (20, 10),
    "参加职工基本医疗保险（生育保险）的职工生育或实施计划生育手术的，可按规定申领生育津贴。",
    SOCIAL_INSURANCE_LAW
    + "第五十四条；《国务院办公厅关于全面推进生育保险和职工基本医疗保险合并实施的意见》",
    "生育津贴支付结果",
    [
        form("生育津贴申领表"),
        ss_card(),
        copy("出生医学证明或医疗机构诊断证明"),
        bank_card(opt=True),
    ],
)
_social(
    "医疗救助申请",
    (20, 10),
    "最低生活保障对象、特困人员、低收入家庭成员等救助对象，经基本医保、大病保险报销后个人负担医疗费用仍较重的，可以申请医疗救助。",
    RELIEF_LAW + "；《国务院办公厅关于健全重特大疾病医疗保险和救助制度的意见》",
    "医疗救助审批结果",
    [form("医疗救助申请表"), id_card(), m("医疗费用票据和结算单"), bank_card()],
    abbrev="JF",
    where=GENERAL,
)

# --- 社会救助与社会福利 ----------------------------------------------------------------------

_social(
    "最低生活保障审核确认",
    (30, 15),
    "共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合规定的，可以申请最低生活保障。",
    RELIEF_LAW + "；《最低生活保障审核确认办法》",
    "最低生活保障审核确认决定",
    [
        form("最低生活保障申请书"),
        id_card("申请人及家庭成员"),
        copy("户口簿"),
        pledge("家庭经济状况核对授权书"),
    ],
    abbrev="JF",
    sp=("inspection", "public_notice"),
    visits=1,
    tb=False,
    where=GENERAL,
)
_social(
    "特困人员救助供养审核确认",
    (30, 15),
    "无劳动能力、无生活来源、无法定赡养抚养扶养义务人或者其法定义务人无履行义务能力的老年人、残疾人以及未满十六周岁的未成年人，可以申请特困人员救助供养。",
    RELIEF_LAW + "；《特困人员认定办法》",
    "特困人员救助供养审核确认决定",
    [
        form("特困人员救助供养申请书"),
        id_card(),
        copy("户口簿"),
        copy("残疾人证", cond="因残疾申请的"),
    ],
    abbrev="JF",
    sp=("inspection", "public_notice"),
    visits=1,
    tb=False,
    where=GENERAL,
)
_social(
    "临时救助",
    (10, 5),
    "因火灾、交通事故、突发重大疾病等意外事件导致基本生活暂时出现严重困难的家庭或个人，可以申请临时救助；情况紧急的可先行救助。",
    RELIEF_LAW,
    "临时救助审批结果",
    [form("临时救助申请书"), id_card(), m("遭遇困难的相关证明材料")],
    abbrev="JF",
    visits=1,
    tb=False,
    where=GENERAL,
)
_social(
    "困难残疾人生活补贴和重度残疾人护理补贴",
    (20, 10),
    "低保家庭中的残疾人可以申请困难残疾人生活补贴；残疾等级被评定为一级、二级且需要长期照护的重度残疾人可以申请重度残疾人护理补贴。",
    "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》",
    "残疾人两项补贴审批结果",
    [form("残疾人两项补贴申请审批表"), copy("中华人民共和国残疾人证"), id_card(), bank_card()],
    abbrev="JF",
    where=GENERAL,
)
_social(
    "孤儿基本生活费发放",
    (20, 10),
    "失去父母或者父母查找不到的未满18周岁的未成年人，经认定为孤儿的，按规定发放基本生活费。",
    "《国务院办公厅关于加强孤儿保障工作的意见》；《民政部 财政部关于发放孤儿基本生活费的通知》",
    "孤儿基本生活费发放决定",
    [
        form("孤儿基本生活费申请表"),
        copy("儿童户口簿和父母死亡或宣告失踪证明"),
        m("监护人身份证件及监护关系证明"),
    ],
    abbrev="JF",
    sp=("inspection",),
    visits=1,
    tb=False,
    where=GENERAL,
)
_social(
    "事实无人抚养儿童基本生活补贴",
    (20, 10),
    "父母双方均符合重残、重病、服刑、强制隔离戒毒、失联等情形之一的儿童，或者父母一方死亡或失踪、另一方符合上述情形之一的儿童，可以申请基本生活补贴。",
    "《民政部等12部门关于进一步加强事实无人抚养儿童保障工作的意见》",
    "事实无人抚养儿童认定及补贴发放决定",
    [
        form("事实无人抚养儿童基本生活补贴申请表"),
        copy("儿童户口簿"),
        m("父母符合规定情形的证明材料"),
    ],
    abbrev="JF",
    sp=("inspection",),
    visits=1,
    tb=False,
    where=GENERAL,
)
_social(
    "高龄老人生活保健补贴申领",
    (20, 10),
    "具有本省户籍、年满70周岁以上的老年人，可以按年龄段申领高龄老人生活保健补贴。",
    "《中华人民共和国老年人权益保障法》；《陕西省实施〈中华人民共和国老年人权益保障法〉办法》",
    "高龄老人生活保健补贴发放",
    [form("高龄老人生活保健补贴申请表"), id_card("老年人"), bank_card()],
    abbrev="JF",
    where=GENERAL,
)
_social(
    "养老机构备案",
    (5, 1),
    "设立养老机构的，应当在收住老年人后10个工作日内向服务场所所在地县级民政部门备案，并具备与服务相适应的场所、设施和人员。",
    "《中华人民共和国老年人权益保障法》第四十三条；《养老机构管理办法》",
    "养老机构备案回执",
    [
        form("养老机构备案书"),
        pledge("养老机构备案承诺书"),
        licence(std="营业执照或事业单位法人证书、民办非企业单位登记证书"),
        site("服务场所"),
        copy("消防、建筑、食品安全等符合要求的证明材料"),
    ],
    abbrev="BA",
    where=GENERAL,
)
_social(
    "老年人优待证办理",
    (1, 0),
    "年满60周岁的老年人可以申领老年人优待证，凭证享受公共交通、公园景区等优待服务。",
    "《中华人民共和国老年人权益保障法》；《陕西省老年人优待办法》",
    "老年人优待证",
    [id_card("老年人"), m("近期免冠一寸照片", opt=True, std="可现场采集")],
    now=True,
    visits=1,
    where=GENERAL,
)
_social(
    "残疾人证办理",
    (20, 10),
    "视力、听力、言语、肢体、智力、精神等方面存在长期损伤的人员，经指定医疗机构评定残疾类别和等级后可以申领残疾人证。",
    "《中华人民共和国残疾人保障法》；《中华人民共和国残疾人证管理办法》",
    "中华人民共和国残疾人证",
    [form("残疾人证申请表"), id_card(), copy("户口簿"), m("近期免冠两寸照片", std="白底彩色")],
    visits=1,
    tb=False,
    where=GENERAL,
)

# --- 教育 ------------------------------------------------------------------------------------

_social(
    "教师资格认定",
    (30, 15),
    "具备《教师法》规定的学历，普通话水平达到规定等级，通过中小学教师资格考试或符合免试认定条件，身体条件合格，思想品德良好的中国公民，可以申请幼儿园、小学、初级中学教师资格认定。",
    "《中华人民共和国教师法》第十一条；《教师资格条例》；《〈教师资格条例〉实施办法》",
    "教师资格证书",
    [
        form("教师资格认定申请表", "electronic", std="中国教师资格网在线填报"),
        id_card(),
        copy("学历证书"),
        copy("普通话水平测试等级证书"),
        copy("体检合格证明", src="县级以上指定医院出具"),
        copy("中小学教师资格考试合格证明"),
    ],
    abbrev="XK",
    where=GENERAL,
)
_social(
    "义务教育阶段入学报名",
    (20, 20),
    "适龄儿童、少年由法定监护人在规定时间内为其报名入学，随迁子女按照居住证和就业情况在居住地就近入学。",
    "《中华人民共和国义务教育法》第十二条；《陕西省实施〈中华人民共和国义务教育法〉办法》",
    "入学录取结果通知",
    [
        copy("户口簿"),
        copy("住房证明或居住证"),
        copy("法定监护人务工就业证明", cond="随迁子女入学的"),
    ],
    where=GENERAL,
)
_social(
    "义务教育阶段学生转学",
    (10, 5),
    "义务教育阶段学生因户籍迁移、家庭住址变更等原因需要在学期中转学的，由监护人提出申请，经转出、转入学校和教育行政部门同意后办理。",
    "《中华人民共和国义务教育法》；《中小学生学籍管理办法》",
    "学生转学联系单",
    [form("义务教育阶段学生转学申请表"), copy("户口簿或居住证"), m("转入学校接收证明")],
    where=GENERAL,
)
_social(
    "家庭经济困难学生资助",
    (30, 15),
    "在园幼儿、普通高中学生和中等职业学校学生中家庭经济困难的，可以按学期申请国家助学金或保育教育费减免。",
    "《学生资助资金管理办法》",
    "学生资助审核结果",
    [form("家庭经济困难学生认定申请表"), m("家庭经济困难情况证明材料", opt=True)],
    abbrev="JF",
    where=GENERAL,
)

# --- 卫生健康 --------------------------------------------------------------------------------

_social(
    "生育登记",
    (1, 0),
    "在咸阳高新区居住的夫妻生育子女的，可以在生育前或生育后通过陕西政务服务网或窗口办理生育登记，免费享受孕产期保健服务。",
    "《中华人民共和国人口与计划生育法》；《陕西省人口与计划生育条例》",
    "生育登记服务单",
    [id_card("夫妻双方"), copy("结婚证")],
    now=True,
    where=GENERAL,
)
_social(
    "计划生育家庭特别扶助金申领",
    (30, 15),
    "独生子女死亡或伤残、女方年满49周岁、目前没有存活子女或收养子女的计划生育家庭夫妻，可以申领计划生育家庭特别扶助金。",
    "《中华人民共和国人口与计划生育法》第二十七条；《陕西省人口与计划生育条例》",
    "计划生育家庭特别扶助资格确认",
    [
        form("计划生育家庭特别扶助申请表"),
        id_card("夫妻双方"),
        copy("子女死亡或伤残证明"),
        bank_card(),
    ],
    abbrev="JF",
    sp=("public_notice",),
    visits=1,
    tb=False,
    where=GENERAL,
)
_social(
    "农村部分计划生育家庭奖励扶助",
    (30, 15),
    "本省农业户籍、只生育一个子女或两个女孩、年满60周岁的计划生育家庭夫妻，经确认后按年享受奖励扶助金。",
    "《中华人民共和国人口与计划生育法》；《陕西省人口与计划生育条例》",
    "奖励扶助资格确认",
    [form("农村部分计划生育家庭奖励扶助申请表"), id_card(), copy("户口簿"), bank_card()],
    abbrev="JL",
    sp=("public_notice",),
    visits=1,
    tb=False,
    where=GENERAL,
)
_social(
    "独生子女父母奖励",
    (20, 10),
    "依法领取独生子女父母光荣证的夫妻，按照陕西省规定享受独生子女父母奖励费等奖励。",
    "《陕西省人口与计划生育条例》",
    "独生子女父母奖励发放",
    [form("独生子女父母奖励申请表"), copy("独生子女父母光荣证"), id_card(), bank_card()],
    abbrev="JL",
    where=GENERAL,
)

# --- 退役军人 --------------------------------------------------------------------------------

VETERAN_LAW = "《中华人民共和国退役军人保障法》"
_social(
    "退役士兵报到",
    (1, 0),
    "自主就业退役士兵应当自被批准退出现役之日起30日内，持退役证件到安置地县级退役军人事务部门报到。",
    VETERAN_LAW + "；《退役士兵安置条例》",
    "退役士兵报到登记",
    [copy("退出现役证"), id_card(), copy("户口簿")],
    now=True,
    visits=1,
    tb=False,
    where=GENERAL,
)
_social(
    "退役军人优待证申领",
    (20, 10),
    "退役军人、烈士遗属、因公牺牲军人遗属、病故军人遗属可以申领优待证，凭证享受交通、文旅、医疗等优待服务。",
    VETERAN_LAW + "；《退役军人、其他优抚对象优待证管理办法（试行）》",
    "中华人民共和国退役军人优待证",
    [
        form("优待证申领表"),
        id_card(),
        copy("退役证件或优抚对象身份证明"),
        m("近期免冠彩色照片", "electronic"),
    ],
    where=GENERAL,
)
_social(
    "义务兵家庭优待金发放",
    (20, 10),
    "从本地入伍的义务兵服役期间，其家庭按照当地标准享受义务兵家庭优待金。",
    VETERAN_LAW + "；《军人抚恤优待条例》",
    "义务兵家庭优待金发放",
    [form("义务兵家庭优待金申请表"), copy("入伍通知书或部队证明"), id_card("家属"), bank_card()],
    abbrev="JF",
    tb=False,
    where=GENERAL,
)
_social(
    "在乡复员军人定期生活补助",
    (20, 10),
    "居住在本地、符合规定条件的在乡复员军人，经审核后按月享受定期生活补助。",
    "《军人抚恤优待条例》",
    "定期生活补助审批结果",
    [form("在乡复员军人定期生活补助申请表"), copy("复员证明或档案材料"), id_card(), bank_card()],
    abbrev="JF",
    sp=("public_notice",),
    visits=1,
    tb=False,
    where=GENERAL,
)
_social(
    "烈士遗属、因公牺牲军人遗属、病故军人遗属定期抚恤金发放",
    (20, 10),
    "烈士遗属、因公牺牲军人遗属、病故军人遗属中的父母、配偶、子女等，符合条件的按规定享受定期抚恤金。",
    "《烈士褒扬条例》；《军人抚恤优待条例》",
    "定期抚恤金发放决定",
    [
        form("定期抚恤金申请表"),
        copy("烈士证明书或因公牺牲、病故军人证明书"),
        id_card("遗属"),
        copy("亲属关系证明"),
        bank_card(),
    ],
    abbrev="JF",
    visits=1,
    tb=False,
    where=GENERAL,
)


# =============================================================================================
# 应急管理局 (yjgl)
# =============================================================================================

FIREWORKS_LAW = "《烟花爆竹安全管理条例》第十九条；《烟花爆竹经营许可实施办法》"

_add(
    "XK",
    "烟花爆竹经营（零售）许可",
    "yjgl",
    (20, 10),
    sp=("inspection",),
    cond="符合烟花爆竹零售网点布局规划，有与其经营规模相适应的零售场所和安全条件，主要负责人经过安全培训合格，零售场所的面积、存放量和防火间距符合规定。",
    basis=FIREWORKS_LAW,
    result="烟花爆竹经营（零售）许可证",
    mats=[
        form("烟花爆竹经营（零售）许可证申请书"),
        licence(),
        site("零售场所"),
        copy("主要负责人安全培训合格证明"),
        m("零售场所安全条件说明及周边环境示意图"),
        agent(),
    ],
)
_add(
    "XK",
    "烟花爆竹经营（零售）许可证延期",
    "yjgl",
    (20, 5),
    cond="烟花爆竹经营（零售）许可证有效期届满后需要继续从事零售经营，且经营条件未发生变化的，应当在有效期届满前申请延期。",
    basis=FIREWORKS_LAW,
    result="烟花爆竹经营（零售）许可证",
    mats=[
        form("烟花爆竹经营（零售）许可证延期申请书"),
        m("烟花爆竹经营（零售）许可证"),
        pledge("经营条件未发生变化的承诺书"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "BA",
    "生产经营单位生产安全事故应急预案备案",
    "yjgl",
    (5, 1),
    cond="生产经营单位应当在应急预案公布之日起20个工作日内，按照分级属地原则向县级以上应急管理部门和其他负有安全生产监督管理职责的部门备案。",
    basis="《生产安全事故应急条例》第七条；《生产安全事故应急预案管理办法》",
    result="生产安全事故应急预案备案登记表",
    mats=[
        form("生产经营单位生产安全事故应急预案备案申请表"),
        m("应急预案评审或者论证意见"),
        m("应急预案电子文档", "electronic", std="综合应急预案、专项应急预案和现场处置方案"),
        m("风险评估结果和应急资源调查清单"),
    ],
    visits=0,
    tb=True,
)
_add(
    "BA",
    "危险化学品重大危险源备案",
    "yjgl",
    (5, 1),
    cond="危险化学品单位在完成重大危险源安全评估报告或者安全评价报告后15日内，应当填写重大危险源备案申请表，报送所在地县级应急管理部门备案。",
    basis="《危险化学品安全管理条例》第二十五条；《危险化学品重大危险源监督管理暂行规定》",
    result="危险化学品重大危险源备案告知书",
    mats=[
        form("危险化学品重大危险源备案申请表"),
        m("重大危险源辨识、分级记录和基本特征表"),
        report("重大危险源安全评估报告或者安全评价报告", src="具有相应资质的安全评价机构出具"),
        m("重大危险源关键装置、重点部位的责任人、责任机构名称"),
        m("重大危险源事故应急预案、评审意见和演练计划"),
    ],
    tb=True,
)
_add(
    "BA",
    "第三类非药品类易制毒化学品经营备案",
    "yjgl",
    (5, 1),
    cond="经营第三类非药品类易制毒化学品的，应当自经营之日起30日内，将经营的品种、数量、主要流向等情况，向所在地县级应急管理部门备案。",
    basis="《易制毒化学品管理条例》第十三条；《非药品类易制毒化学品生产、经营许可办法》",
    result="非药品类易制毒化学品经营备案证明",
    mats=[
        form("非药品类易制毒化学品品种、销量（经营量）、流向情况备案申请表"),
        licence(),
        rules("易制毒化学品管理制度"),
        agent(),
    ],
    visits=0,
    tb=True,
)
_add(
    "JL",
    "安全生产领域举报奖励",
    "yjgl",
    (60, 15),
    cond="举报人举报的重大事故隐患和安全生产违法行为，属于生产经营单位和负有安全生产监督管理职责的部门没有发现或者虽然发现但未按有关规定依法处理，经核查属实的，给予奖励。",
    basis="《中华人民共和国安全生产法》第七十六条；《安全生产领域举报奖励办法》",
    result="举报奖励决定书",
    mats=[id_card("举报人"), m("举报奖励告知书"), bank_card()],
)
_add(
    "JF",
    "自然灾害生活救助",
    "yjgl",
    (15, 5),
    sp=("inspection", "public_notice"),
    cond="因自然灾害造成基本生活困难的受灾人员，需要过渡期生活救助、倒损住房恢复重建补助或冬春临时生活困难救助的，可以申请自然灾害生活救助。",
    basis="《自然灾害救助条例》；《中央自然灾害救灾资金管理暂行办法》",
    result="自然灾害生活救助审批结果",
    mats=[form("自然灾害生活救助申请表"), id_card(), m("受灾情况说明及损失照片"), bank_card()],
    online=False,
)

# =============================================================================================
# 税务局高新分局 (swfj)
# =============================================================================================

TAX_LAW = "《中华人民共和国税收征收管理法》；《中华人民共和国税收征收管理法实施细则》"
INVOICE_LAW = "《中华人民共和国发票管理办法》；《中华人民共和国发票管理办法实施细则》"


def _tax(
    abbrev: str,
    name: str,
    days: tuple[int, int],
    cond: str,
    basis: str,
    result: str,
    mats: list[dict],
    *,
    now: bool = False,
    visits: int = 0,
    tb: bool = True,
) -> None:
    _add(
        abbrev,
        name,
        "swfj",
        days,
        now=now,
        cond=cond,
        basis=basis,
        result=result,
        mats=mats,
        visits=visits,
        tb=tb,
    )


def taxpayer_id() -> dict:
    return copy(
        "经办人身份证件",
        src="公安机关核发",
        std="在有效期内；通过电子税务局办理的实名认证后免于提交",
    )


_tax(
    "XK",
    "增值税专用发票（增值税税控系统）最高开票限额审批",
    (20, 1),
    "已登记为增值税一般纳税人或选择自行开具增值税专用发票的小规模纳税人，根据实际经营需要申请核定增值税专用发票最高开票限额；申请十万元及以下的即时办结。",
    "《国务院对确需保留的行政审批项目设定行政许可的决定》；" + INVOICE_LAW,
    "准予税务行政许可决定书",
    [form("税务行政许可申请表"), form("增值税专用发票最高开票限额申请单"), taxpayer_id(), agent()],
)
_tax(
    "BA",
    "设立税务登记",
    (1, 0),
    "未纳入“多证合一”登记的纳税人，如事业单位、社会团体以及其他取得组织机构证件的单位，应当自领取证件之日起30日内办理设立税务登记。",
    TAX_LAW + "；《税务登记管理办法》",
    "税务登记证明",
    [
        form("税务登记表（适用单位纳税人）"),
        copy("登记证书或批准设立文件"),
        rep_id(),
        site("生产经营场所"),
    ],
    now=True,
    visits=1,
)
_tax(
    "BA",
    "变更税务登记",
    (1, 0),
    "未纳入“多证合一”登记的纳税人税务登记内容发生变化的，应当自有关机关批准或宣布变更之日起30日内办理变更税务登记。",
    TAX_LAW + "；《税务登记管理办法》",
    "变更税务登记表",
    [form("变更税务登记表"), copy("变更登记事项的批准文件或证明"), taxpayer_id()],
    now=True,
)
_tax(
    "BA",
    "增值税一般纳税人登记",
    (1, 0),
    "年应税销售额超过小规模纳税人标准的纳税人应当办理一般纳税人登记；未超过标准但会计核算健全、能够提供准确税务资料的也可以办理。",
    "《中华人民共和国增值税暂行条例》；《增值税一般纳税人登记管理办法》",
    "增值税一般纳税人登记表",
    [form("增值税一般纳税人登记表"), taxpayer_id()],
    now=True,
)
_tax(
    "BA",
    "跨区域涉税事项报告",
    (1, 0),
    "纳税人跨省、自治区、直辖市临时从事生产经营活动的，应当在外出生产经营前向机构所在地税务机关填报跨区域涉税事项报告表。",
    TAX_LAW + "；《国家税务总局关于创新跨区域涉税事项报验管理制度的通知》",
    "跨区域涉税事项报告表",
    [form("跨区域涉税事项报告表", "electronic"), copy("外出经营合同", opt=True)],
    now=True,
)
_tax(
    "BA",
    "财务会计制度及核算软件备案报告",
    (1, 0),
    "从事生产、经营的纳税人应当自领取税务登记证件之日起15日内，将其财务、会计制度或者财务、会计处理办法和会计核算软件报送税务机关备案。",
    TAX_LAW,
    "财务会计制度及核算软件备案报告书",
    [
        form("财务会计制度及核算软件备案报告书", "electronic"),
        m("财务、会计制度或财务、会计处理办法", "electronic"),
    ],
    now=True,
)
_tax(
    "BA",
    "存款账户账号报告",
    (1, 0),
    "从事生产、经营的纳税人应当自开立基本存款账户或者其他存款账户之日起15日内，向主管税务机关书面报告其全部账号。",
    TAX_LAW,
    "纳税人存款账户账号报告表",
    [form("纳税人存款账户账号报告表", "electronic"), copy("开户许可证或银行开户证明", opt=True)],
    now=True,
)
_tax(
    "BA",
    "出口退（免）税备案",
    (2, 1),
    "已办理对外贸易经营者登记或签订委托出口协议、从事出口货物劳务的纳税人，应当在首次申报出口退（免）税时办理出口退（免）税备案。",
    "《中华人民共和国增值税暂行条例》；《出口货物劳务增值税和消费税管理办法》",
    "出口退（免）税备案表",
    [
        form("出口退（免）税备案表", "electronic"),
        copy("对外贸易经营者登记备案表或委托出口协议", opt=True),
    ],
)
_tax(
    "BA",
    "服务贸易等项目对外支付税务备案",
    (1, 0),
    "境内机构和个人向境外单笔支付等值5万美元以上的服务贸易、收益、经常转移和部分资本项目外汇资金的，应当在支付前向主管税务机关备案。",
    "《国家税务总局 国家外汇管理局关于服务贸易等项目对外支付税务备案有关问题的公告》",
    "服务贸易等项目对外支付税务备案表",
    [form("服务贸易等项目对外支付税务备案表", "electronic"), copy("合同、协议或相关交易凭证")],
    now=True,
)
_tax(
    "QT",
    "发票票种核定",
    (1, 0),
    "已办理税务登记、需要领用发票的单位和个人，可以根据经营需要向主管税务机关申请核定发票种类、单次领用数量和每月最高领用数量。",
    INVOICE_LAW,
    "纳税人领用发票票种核定表",
    [form("纳税人领用发票票种核定表"), taxpayer_id()],
    now=True,
)
_tax(
    "QT",
    "定期定额户核定",
    (20, 5),
    "生产、经营规模小又确无建账能力的个体工商户，经税务机关核定实行定期定额方式缴纳税款，定额执行期内经营情况变化较大的可以申请重新核定。",
    TAX_LAW + "；《个体工商户税收定期定额征收管理办法》",
    "核定定额通知书",
    [form("个体工商户定额信息采集表"), taxpayer_id()],
    visits=1,
    tb=False,
)
_tax(
    "QT",
    "延期申报核准",
    (10, 3),
    "纳税人、扣缴义务人因不可抗力或者财务会计处理上的特殊情况等原因，不能按期办理纳税申报或者报送代扣代缴、代收代缴税款报告表的，可以申请延期申报。",
    "《中华人民共和国税收征收管理法》第二十七条；《中华人民共和国税收征收管理法实施细则》第三十七条",
    "准予延期申报通知书",
    [form("延期申报申请核准表"), m("不能按期申报的原因说明及证明材料"), agent()],
)
_tax(
    "QT",
    "房产税、城镇土地使用税困难减免核准",
    (20, 10),
    "纳税人因风、火、水、地震等严重自然灾害或其他不可抗力因素遭受重大损失，或者从事国家鼓励和扶持产业发生严重亏损，缴纳房产税、城镇土地使用税确有困难的，可以申请减免。",
    "《中华人民共和国房产税暂行条例》第六条；《中华人民共和国城镇土地使用税暂行条例》第七条；《陕西省房产税和城镇土地使用税困难减免管理办法》",
    "税务事项通知书（减免税核准）",
    [
        form("纳税人减免税申请核准表"),
        m("减免税申请报告", std="说明减免税理由、依据、范围、期限和数量"),
        copy("遭受损失或亏损的证明材料"),
    ],
    visits=1,
    tb=False,
)
_tax(
    "QT",
    "纳税信用修复",
    (15, 5),
    "纳入纳税信用管理的企业纳税人，发生未按法定期限办理纳税申报等失信行为已在规定期限内纠正的，可以向主管税务机关申请纳税信用修复。",
    "《纳税信用管理办法（试行）》；《国家税务总局关于纳税信用修复有关事项的公告》",
    "纳税信用修复结果",
    [form("纳税信用修复申请表", "electronic"), m("失信行为已纠正的证明材料", opt=True)],
)
_tax(
    "QT",
    "中国税收居民身份证明开具",
    (10, 3),
    "企业或个人为享受中国政府对外签署的税收协定待遇，需要证明其中国税收居民身份的，可以向主管税务机关申请开具。",
    "《国家税务总局关于开具〈中国税收居民身份证明〉有关事项的公告》",
    "中国税收居民身份证明",
    [
        form("中国税收居民身份证明申请表"),
        copy("与拟享受税收协定待遇收入有关的合同、协议"),
        taxpayer_id(),
    ],
    visits=1,
)
_tax(
    "JL",
    "税收违法行为检举奖励",
    (60, 30),
    "单位和个人实名检举税收违法行为，检举事项经查证属实、为国家挽回或者减少损失的，按照规定给予奖励。",
    "《中华人民共和国税收征收管理法》第十三条；《检举纳税人税收违法行为奖励暂行办法》",
    "检举奖励通知书",
    [id_card("检举人"), m("检举奖励通知书"), bank_card()],
    visits=1,
    tb=False,
)
for _name, _cond, _basis, _result, _mats in (
    (
        "发票领用",
        "已办理发票票种核定的纳税人，可以通过电子税务局或窗口领用纸质发票，使用全面数字化电子发票的按授信额度自动开具。",
        INVOICE_LAW,
        "发票",
        [taxpayer_id(), m("税控设备或数字证书", cond="领用纸质税控发票的")],
    ),
    (
        "代开增值税发票",
        "已办理税务登记的小规模纳税人及临时取得应税收入的单位和个人，发生增值税应税行为需要开具发票的，可以向税务机关申请代开。",
        INVOICE_LAW + "；《国家税务总局关于加强和规范税务机关代开普通发票工作的通知》",
        "增值税发票",
        [form("代开增值税发票缴纳税款申报单"), taxpayer_id(), copy("书面合同或收款凭证", opt=True)],
    ),
    (
        "发票缴销",
        "纳税人因办理注销、变更或发票换版、损毁等原因需要缴销空白发票和已开具发票存根联的，应当向税务机关办理发票缴销。",
        INVOICE_LAW,
        "发票缴销结果",
        [m("需缴销的空白纸质发票"), taxpayer_id()],
    ),
    (
        "增值税及附加税费申报",
        "增值税纳税人应当按期向主管税务机关申报缴纳增值税及城市维护建设税、教育费附加、地方教育附加。",
        "《中华人民共和国增值税暂行条例》；《国家税务总局关于增值税、消费税与附加税费申报表整合有关事项的公告》",
        "申报受理回执和完税凭证",
        [
            form("增值税及附加税费申报表", "electronic"),
            m("财务会计报表", "electronic", std="按适用的会计制度报送"),
        ],
    ),
    (
        "个人所得税综合所得年度汇算",
        "取得综合所得需要补税或者申请退税的纳税人，应当在取得所得的次年3月1日至6月30日内，通过个人所得税APP或窗口办理年度汇算。",
        "《中华人民共和国个人所得税法》第十条、第十一条；《中华人民共和国个人所得税法实施条例》",
        "年度汇算申报回执",
        [form("个人所得税年度自行纳税申报表", "electronic"), id_card()],
    ),
    (
        "不动产交易契税申报",
        "在咸阳高新区范围内承受土地、房屋权属转移的单位和个人，应当在依法办理不动产权属登记前申报缴纳契税。",
        "《中华人民共和国契税法》；《国家税务总局关于契税纳税服务与征收管理若干事项的公告》",
        "契税完税凭证",
        [form("契税税源明细表"), copy("土地、房屋权属转移合同"), id_card("承受方")],
    ),
    (
        "开具税收完税证明",
        "纳税人因出国、贷款、落户等需要证明其已缴纳税款的，可以通过电子税务局或窗口开具税收完税证明。",
        TAX_LAW + "；《税收票证管理办法》",
        "税收完税证明",
        [taxpayer_id(), agent()],
    ),
    (
        "清税证明开具",
        "纳税人办理注销前已结清应纳税款、多退（免）税款、滞纳金和罚款，缴销发票和其他税务证件的，税务机关出具清税证明。",
        TAX_LAW + "；《国家税务总局关于进一步优化办理企业税务注销程序的通知》",
        "清税证明",
        [form("清税申报表"), taxpayer_id()],
    ),
    (
        "灵活就业人员社会保险费申报缴纳",
        "无雇工的个体工商户、未在用人单位参加社会保险的非全日制从业人员和其他灵活就业人员，可以自愿参加职工基本养老保险和医疗保险并向税务机关申报缴费。",
        "《中华人民共和国社会保险法》第十条、第二十三条；《社会保险费征缴暂行条例》",
        "社会保险费缴费凭证",
        [id_card(), m("社会保险参保登记信息", opt=True)],
    ),
):
    _tax("GG", _name, (1, 0), _cond, _basis, _result, _mats, now=True)


# =============================================================================================
# 公安分局 (gafj)
# =============================================================================================

HUKOU_LAW = "《中华人民共和国户口登记条例》"
HUKOU_REFORM = HUKOU_LAW + "第十条；《国务院关于进一步推进户籍制度改革的意见》（国发〔2014〕25号）"


def _police(
    abbrev: str,
    name: str,
    days: tuple[int, int],
    cond: str,
    basis: str,
    result: str,
    mats: list[dict],
    *,
    now: bool = False,
    fee: str = "0",
    fee_basis: str = "",
    online: bool = False,
    visits: int = 1,
    tb: bool = False,
    sp: tuple[str, ...] = (),
    where: str = "",
) -> None:
    _add(
        abbrev,
        name,
        "gafj",
        days,
        now=now,
        sp=sp,
        cond=cond,
        basis=basis,
        result=result,
        mats=mats,
        fee=fee,
        fee_basis=fee_basis,
        online=online,
        visits=visits,
        tb=tb,
        where=where,
    )


def hukou_book(**kw) -> dict:
    return m("居民户口簿", **{"src": "公安机关核发", "std": "窗口核验原件", **kw})


_police(
    "QR",
    "出生登记",
    (1, 0),
    "婴儿出生后一个月以内，由户主、亲属、抚养人或者邻居向婴儿常住地户口登记机关申报出生登记，可随父或随母申报。",
    HUKOU_LAW + "第七条",
    "居民户口簿（出生登记页）",
    [
        copy("出生医学证明", src="助产医疗机构出具", std="原件核验"),
        hukou_book(),
        id_card("父母双方"),
        copy("结婚证", opt=True),
    ],
    now=True,
    online=True,
    tb=True,
)
_police(
    "QR",
    "死亡注销户口",
    (1, 0),
    "公民死亡的，城市在葬前，由户主、亲属、抚养人或者邻居向户口登记机关申报死亡登记，注销户口。",
    HUKOU_LAW + "第八条",
    "注销户口证明",
    [copy("死亡医学证明或火化证明"), hukou_book(), id_card("死者及申报人")],
    now=True,
)
_police(
    "QR",
    "夫妻投靠户口迁入",
    (5, 1),
    "申请人与在咸阳高新区落户的配偶依法登记结婚，可以申请将户口迁入配偶户内。",
    HUKOU_REFORM,
    "准予迁入证明",
    [
        form("户口迁移申请表"),
        copy("结婚证"),
        hukou_book(std="投靠人和被投靠人户口簿均核验原件"),
        id_card(),
    ],
    tb=True,
)
_police(
    "QR",
    "子女投靠父母户口迁入",
    (5, 1),
    "未成年子女或未婚子女投靠在咸阳高新区落户的父母，可以申请将户口迁入父母户内。",
    HUKOU_REFORM,
    "准予迁入证明",
    [
        form("户口迁移申请表"),
        copy("出生医学证明或亲子关系证明"),
        hukou_book(std="投靠人和被投靠人户口簿均核验原件"),
    ],
    tb=True,
)
_police(
    "QR",
    "父母投靠子女户口迁入",
    (5, 1),
    "在咸阳高新区落户的子女，其父母可以申请将户口迁入子女户内或子女合法稳定住所。",
    HUKOU_REFORM,
    "准予迁入证明",
    [
        form("户口迁移申请表"),
        copy("亲属关系证明"),
        hukou_book(std="投靠人和被投靠人户口簿均核验原件"),
        id_card(),
    ],
    tb=True,
)
_police(
    "QR",
    "引进人才户口迁入",
    (5, 1),
    "具有大学专科以上学历或取得专业技术职称、技能等级证书，在咸阳高新区就业创业的人才，可以申请本人及配偶、未成年子女户口迁入。",
    HUKOU_REFORM,
    "准予迁入证明",
    [
        form("户口迁移申请表"),
        copy("学历证书或专业技术职称、技能等级证书"),
        copy("劳动合同或营业执照"),
        id_card(),
    ],
    online=True,
    tb=True,
)
_police(
    "QR",
    "高校毕业生户口迁入",
    (5, 1),
    "普通高等院校毕业生在毕业两年内，可以凭毕业证书申请将户口迁入咸阳高新区人才集体户或合法稳定住所。",
    HUKOU_REFORM,
    "准予迁入证明",
    [form("户口迁移申请表"), copy("毕业证书"), id_card(), copy("报到证或就业协议", opt=True)],
    online=True,
    tb=True,
)
_police(
    "QR",
    "合法稳定住所落户",
    (5, 1),
    "在咸阳高新区拥有合法稳定住所（含租赁）的人员，本人及其共同居住生活的配偶、未成年子女、父母可以申请在当地落户。",
    HUKOU_REFORM,
    "准予迁入证明",
    [form("户口迁移申请表"), copy("不动产权证书或房屋租赁合同及居住证明"), hukou_book(), id_card()],
    tb=True,
)
_police(
    "QR",
    "户口迁出",
    (1, 0),
    "公民迁出咸阳高新区户籍的，可以在迁入地直接办理户口迁移（跨省迁移“一站式”办理），无需再回迁出地开具户口迁移证。",
    HUKOU_LAW + "第十条；《公安部关于推行户口迁移网上办理和“跨省通办”的通知》",
    "户口迁出信息",
    [hukou_book(), id_card()],
    now=True,
    tb=True,
)
_police(
    "QR",
    "变更姓名",
    (20, 10),
    "未满十八周岁的人需要变更姓名的，由本人或者父母、收养人向户口登记机关申请；十八周岁以上的人需要变更姓名的，由本人申请，并有正当理由。",
    HUKOU_LAW + "第十八条",
    "户口登记项目变更结果",
    [form("变更姓名申请书"), hukou_book(), id_card(), m("变更姓名的理由说明及相关证明材料")],
    sp=("inspection",),
)
_police(
    "QR",
    "更正出生日期",
    (20, 10),
    "户口登记的出生日期与本人真实出生日期不符的，可以持出生医学证明、原始档案等证明材料申请更正。",
    HUKOU_LAW + "第十七条",
    "户口登记项目更正结果",
    [form("户口登记项目更正申请表"), hukou_book(), copy("出生医学证明或最早的原始档案记录")],
    sp=("inspection",),
)
_police(
    "GG",
    "居民身份证首次申领",
    (60, 20),
    "居住在中华人民共和国境内的中国公民，年满十六周岁的应当申领居民身份证；未满十六周岁的可以依照规定申领，由监护人代为申请。",
    "《中华人民共和国居民身份证法》",
    "中华人民共和国居民身份证",
    [hukou_book(), m("本人数字相片", "electronic", std="窗口现场采集，同时采集指纹信息")],
    fee="20.00",
    fee_basis=ID_CARD_FEE,
    tb=True,
)
_police(
    "GG",
    "居民身份证换领、补领",
    (60, 20),
    "居民身份证有效期满、登记项目变更或者严重损坏不能辨认的，公民应当申请换领；遗失的应当申请补领。可跨省异地办理。",
    "《中华人民共和国居民身份证法》",
    "中华人民共和国居民身份证",
    [
        hukou_book(opt=True),
        m("原居民身份证", cond="有效期满或损坏换领的"),
        m("本人数字相片", "electronic", std="窗口现场采集"),
    ],
    fee="20.00",
    fee_basis=ID_CARD_FEE + "；到期换领20元，遗失补领、损坏换领40元",
    tb=True,
)
_police(
    "GG",
    "临时居民身份证申领",
    (3, 0),
    "正在申领、换领、补领居民身份证期间，急需使用居民身份证的，可以申请领取临时居民身份证。",
    "《中华人民共和国临时居民身份证管理办法》",
    "中华人民共和国临时居民身份证",
    [hukou_book(opt=True), m("居民身份证受理回执")],
    now=True,
    fee="10.00",
    fee_basis=ID_CARD_FEE,
)
_police(
    "GG",
    "居住证申领",
    (15, 7),
    "离开常住户口所在地到咸阳高新区居住半年以上，有合法稳定就业、合法稳定住所、连续就读条件之一的，可以申领居住证。",
    "《居住证暂行条例》第九条；《陕西省居住证实施办法》",
    "居住证",
    [
        id_card(),
        copy("居住登记信息及合法稳定住所、就业或就读证明"),
        m("本人近期相片", "electronic", std="可现场采集"),
    ],
    online=True,
    tb=True,
)
_police(
    "GG",
    "居住证签注",
    (1, 0),
    "居住证每年签注一次，持证人在居住地连续居住的，应当在居住每满一年之日前一个月内申请签注。",
    "《居住证暂行条例》第十三条",
    "居住证签注",
    [m("居住证"), id_card()],
    now=True,
    online=True,
    visits=0,
    tb=True,
)
_police(
    "GG",
    "无犯罪记录证明开具",
    (3, 1),
    "中国公民和在中国境内居留的外国人因就业、出国、入学等需要，可以申请开具本人在中国居住期间的无犯罪记录证明。",
    "《公安机关办理无犯罪记录证明工作规定》",
    "无犯罪记录证明",
    [form("无犯罪记录证明申请表"), id_card(), agent()],
    online=True,
    visits=0,
    tb=True,
)
_police(
    "XK",
    "普通护照签发",
    (15, 7),
    "中国公民因前往外国定居、探亲、学习、就业、旅行、从事商务活动等非公务原因出国的，可以申请普通护照，实行全国通办。",
    "《中华人民共和国护照法》第五条、第六条；《中华人民共和国出境入境管理法》",
    "中华人民共和国普通护照",
    [
        form("中国公民出入境证件申请表"),
        id_card(),
        m("本人出入境证件照片", "electronic", std="窗口现场采集"),
    ],
    fee="120.00",
    fee_basis=EXIT_ENTRY_FEE,
    tb=True,
)
_police(
    "XK",
    "往来港澳通行证及签注签发",
    (15, 7),
    "内地居民因旅游、探亲、商务、学习等事由往来香港、澳门的，可以申请往来港澳通行证及相应签注，实行全国通办。",
    "《中国公民因私事往来香港地区或者澳门地区的暂行管理办法》；《中华人民共和国出境入境管理法》",
    "往来港澳通行证及签注",
    [
        form("中国公民出入境证件申请表"),
        id_card(),
        m("本人出入境证件照片", "electronic", std="窗口现场采集"),
    ],
    fee="60.00",
    fee_basis=EXIT_ENTRY_FEE + "；签注每次15元",
    tb=True,
)
_police(
    "XK",
    "往来台湾通行证及签注签发",
    (15, 7),
    "大陆居民因旅游、探亲、商务等事由前往台湾地区的，可以申请往来台湾通行证及相应签注。",
    "《中国公民往来台湾地区管理办法》",
    "往来台湾通行证及签注",
    [
        form("中国公民出入境证件申请表"),
        id_card(),
        m("本人出入境证件照片", "electronic", std="窗口现场采集"),
    ],
    fee="60.00",
    fee_basis=EXIT_ENTRY_FEE + "；签注每次15元",
    tb=True,
)
_police(
    "XK",
    "旅馆业特种行业许可证核发",
    (20, 5),
    "开办旅馆，其房屋建筑、消防设备、出入口和通道等符合消防安全要求，有必要的防盗安全设施和旅客住宿登记系统。",
    "《旅馆业治安管理办法》第四条；《国务院对确需保留的行政审批项目设定行政许可的决定》",
    "特种行业许可证",
    [
        form("特种行业许可证申请登记表"),
        licence(),
        rep_id(),
        site("旅馆经营场所"),
        layout("旅馆平面图", std="标明客房、通道、出入口和监控设备位置"),
        copy("公众聚集场所投入使用、营业前消防安全检查合格证明", src="消防救援机构出具"),
    ],
    sp=("inspection",),
    online=True,
    where=GENERAL,
)
_police(
    "XK",
    "大型群众性活动安全许可",
    (7, 5),
    "举办预计参加人数在1000人以上5000人以下的演唱会、展览、招聘会等大型群众性活动，有符合规定的安全工作方案，场所设施符合安全要求。",
    "《大型群众性活动安全管理条例》第十一条",
    "大型群众性活动安全许可决定书",
    [
        form("大型群众性活动安全许可申请表"),
        licence(std="承办者营业执照或登记证书"),
        m("大型群众性活动安全工作方案", std="含安全保卫、疏散、应急救援方案"),
        copy("场所管理者同意提供活动场所的证明"),
        copy("依法需要其他部门审批的批准文件", cond="活动依法须经其他部门审批的"),
    ],
    sp=("inspection",),
    online=True,
    where=GENERAL,
)
_police(
    "XK",
    "民用爆炸物品购买许可",
    (5, 3),
    "申请购买民用爆炸物品的，应当持营业执照、工商登记证明或事业单位法人证书，提供购买的品种、数量和用途说明，在所在地县级公安机关申请。",
    "《民用爆炸物品安全管理条例》第二十一条",
    "民用爆炸物品购买许可证",
    [
        form("民用爆炸物品购买许可申请表"),
        licence(),
        m("购买品种、数量和用途说明"),
        copy("爆破作业单位许可证或爆破作业合同"),
    ],
    where=GENERAL,
)
_police(
    "XK",
    "剧毒化学品购买许可",
    (3, 2),
    "除持有危险化学品生产、经营许可证的企业外，单位因生产、科研等需要购买剧毒化学品的，应当向所在地县级公安机关申请取得剧毒化学品购买许可证。",
    "《危险化学品安全管理条例》第三十九条",
    "剧毒化学品购买许可证",
    [form("剧毒化学品购买许可证申请表"), licence(), m("购买剧毒化学品用途说明"), rep_id("经办人")],
    where=GENERAL,
)
_police(
    "BA",
    "公章刻制备案",
    (1, 0),
    "新设立的企业和其他单位刻制公章的，可以自主选择刻制企业，由刻制企业通过公章治安管理信息系统备案；企业开办一件事中一并办理。",
    "《印铸刻字业暂行管理规则》；《国务院关于取消一批行政许可事项的决定》（国发〔2020〕13号）",
    "公章刻制备案信息",
    [licence(), rep_id(), agent()],
    now=True,
    online=True,
    visits=0,
    tb=True,
    where=STARTUP,
)
_police(
    "BA",
    "第三类易制毒化学品购买备案",
    (1, 0),
    "购买第三类易制毒化学品的，应当在购买前将所需购买的品种、数量向所在地县级人民政府公安机关备案。",
    "《易制毒化学品管理条例》第十七条；《易制毒化学品购销和运输管理办法》",
    "第三类易制毒化学品购买备案证明",
    [form("易制毒化学品购买备案申请表"), licence(), m("购买品种、数量及用途说明")],
    now=True,
    online=True,
    visits=0,
    tb=True,
    where=GENERAL,
)

# =============================================================================================
# 住房公积金管理部 (gjj)
# =============================================================================================

FUND_LAW = "《住房公积金管理条例》"


def _fund(
    name: str,
    days: tuple[int, int],
    cond: str,
    basis: str,
    result: str,
    mats: list[dict],
    *,
    abbrev: str = "GG",
    now: bool = True,
    visits: int = 0,
) -> None:
    _add(
        abbrev,
        name,
        "gjj",
        days,
        now=now,
        cond=cond,
        basis=basis,
        result=result,
        mats=mats,
        visits=visits,
        tb=True,
    )


_fund(
    "单位住房公积金缴存登记",
    (1, 0),
    "新设立的单位应当自设立之日起30日内到住房公积金管理中心办理缴存登记，并为本单位职工办理住房公积金账户设立手续。",
    FUND_LAW + "第十四条",
    "单位住房公积金缴存登记结果",
    [form("单位住房公积金缴存登记表"), licence(), rep_id("经办人")],
)
_fund(
    "单位住房公积金缴存信息变更",
    (1, 0),
    "单位名称、地址、法定代表人、经办人等登记信息发生变更的，应当自变更之日起30日内办理变更登记。",
    FUND_LAW + "第十四条",
    "单位缴存信息变更结果",
    [form("单位住房公积金缴存信息变更登记表"), copy("变更事项的证明材料")],
)
_fund(
    "个人住房公积金账户设立",
    (1, 0),
    "单位录用职工的，应当自录用之日起30日内为职工办理住房公积金账户设立手续。",
    FUND_LAW + "第十五条",
    "个人住房公积金账户",
    [form("职工住房公积金账户设立清册"), copy("职工身份证件")],
)
_fund(
    "住房公积金缴存基数和比例调整",
    (1, 0),
    "单位每年可按照规定调整一次住房公积金缴存基数，缴存比例在5%至12%之间由单位自主确定。",
    FUND_LAW + "第十六条、第十八条",
    "缴存基数和比例调整结果",
    [form("住房公积金缴存基数（比例）调整表"), m("职工上一年度月平均工资明细")],
)
_fund(
    "个人住房公积金账户封存、启封",
    (1, 0),
    "职工与单位终止劳动关系的，单位应当自劳动关系终止之日起30日内办理个人账户封存；职工重新就业的，由新单位办理启封或转移。",
    FUND_LAW + "第十五条",
    "个人账户封存（启封）结果",
    [form("住房公积金个人账户封存（启封）清册"), copy("终止或解除劳动关系证明", cond="办理封存的")],
)
_fund(
    "住房公积金异地转移接续",
    (15, 3),
    "职工在不同城市间就业流动的，可以通过全国住房公积金异地转移接续平台，在转入地申请将个人账户余额和缴存信息转入。",
    FUND_LAW + "；《全国住房公积金异地转移接续业务操作规程》",
    "住房公积金异地转移接续结果",
    [form("住房公积金异地转移接续申请表", "electronic"), id_card()],
    now=False,
)
_fund(
    "购买自住住房提取住房公积金",
    (3, 0),
    "职工及其配偶购买自住住房的，可以在购房合同签订或不动产登记之日起一定期限内申请提取住房公积金。",
    FUND_LAW + "第二十四条",
    "提取资金到账",
    [
        id_card(),
        copy("购房合同或不动产权证书，可共享核验"),
        copy("购房款发票或付款凭证"),
        copy("结婚证", cond="提取配偶公积金的"),
    ],
)
_fund(
    "偿还住房贷款本息提取住房公积金",
    (3, 0),
    "职工及其配偶偿还购买、建造、翻建、大修自住住房贷款本息的，可以按年或按月申请提取住房公积金。",
    FUND_LAW + "第二十四条",
    "提取资金到账",
    [
        id_card(),
        copy("借款合同和还款明细", src="贷款银行出具"),
        copy("结婚证", cond="提取配偶公积金的"),
    ],
)
_fund(
    "租赁住房提取住房公积金",
    (3, 0),
    "职工及其配偶在缴存地无自有住房且租赁住房的，可以按规定额度申请提取住房公积金支付房租。",
    FUND_LAW
    + "第二十四条；《住房城乡建设部 财政部 人民银行关于放宽提取住房公积金支付房租条件的通知》",
    "提取资金到账",
    [id_card(), pledge("无房及租赁住房情况承诺书"), copy("房屋租赁合同", cond="按实际房租提取的")],
)
_fund(
    "离休、退休提取住房公积金",
    (3, 0),
    "职工离休、退休的，可以申请销户提取住房公积金账户全部余额。",
    FUND_LAW + "第二十四条",
    "提取资金到账",
    [id_card(), copy("离休、退休证明或养老金领取证明，可共享核验"), bank_card()],
)
_fund(
    "个人住房公积金贷款",
    (15, 10),
    "正常连续缴存住房公积金满规定期限、在咸阳购买自住住房且具有稳定收入和偿还能力的职工，可以申请个人住房公积金贷款。",
    FUND_LAW + "第二十六条；《个人住房公积金贷款管理办法》",
    "住房公积金贷款审批结果",
    [
        form("个人住房公积金贷款申请表"),
        id_card("借款人及配偶"),
        copy("购房合同和首付款凭证"),
        copy("婚姻状况证明"),
        copy("收入证明", src="所在单位出具"),
    ],
    now=False,
    visits=1,
)
_fund(
    "住房公积金个人缴存证明出具",
    (1, 0),
    "缴存职工因贷款、落户、购房资格审核等需要，可以通过住房公积金网上服务大厅、手机公积金或窗口打印个人缴存证明。",
    FUND_LAW,
    "住房公积金个人缴存证明",
    [id_card(), agent()],
)
_fund(
    "降低住房公积金缴存比例或者缓缴审批",
    (20, 10),
    "单位生产经营困难、确实无力缴存住房公积金的，经本单位职工代表大会或者工会讨论通过，可以申请降低缴存比例或者缓缴，待效益好转后恢复或补缴。",
    FUND_LAW + "第二十条",
    "降低缴存比例或缓缴批准文件",
    [
        form("降低缴存比例或者缓缴住房公积金申请表"),
        m("职工代表大会或者工会讨论通过的决议"),
        copy("上一年度财务报表或审计报告"),
        agent(),
    ],
    abbrev="QT",
    now=False,
    visits=1,
)


# =============================================================================================
# 科技创新局 (kjcx)
# =============================================================================================

SCIENCE_LAW = "《中华人民共和国科学技术进步法》"
ZONE_POLICY = "咸阳高新区科技创新扶持政策"
WORK_PERMIT_LAW = (
    "《中华人民共和国出境入境管理法》第四十一条；《外国人在中国就业管理规定》；"
    "《外国人来华工作许可服务指南（暂行）》"
)

_add(
    "QT",
    "高新技术企业认定申报初审推荐",
    "kjcx",
    (15, 10),
    sp=("expert_review",),
    cond="在咸阳高新区注册一年以上的居民企业，拥有核心自主知识产权，研发费用、高新技术产品（服务）收入和科技人员占比符合《高新技术企业认定管理办法》规定的，可以申报高新技术企业认定。",
    basis="《高新技术企业认定管理办法》；《高新技术企业认定管理工作指引》",
    result="高新技术企业认定初审推荐意见",
    mats=[
        form("高新技术企业认定申请书", "electronic", std="高新技术企业认定管理工作网在线填报"),
        copy("知识产权相关材料"),
        copy("近三个会计年度企业研究开发费用专项审计报告", src="符合条件的中介机构出具"),
        copy("近一个会计年度高新技术产品（服务）收入专项审计报告", src="符合条件的中介机构出具"),
        copy("近三个会计年度财务会计报告和纳税申报表"),
        m("科技人员名单及研究开发组织管理情况说明"),
    ],
    visits=0,
)
_add(
    "QT",
    "科技型中小企业评价信息审核",
    "kjcx",
    (20, 10),
    cond="在中国境内注册的居民企业，职工总数不超过500人、年销售收入不超过2亿元、资产总额不超过2亿元，科技人员、研发投入等综合评价得分符合规定的，可以自主填报评价信息。",
    basis="《科技型中小企业评价办法》",
    result="科技型中小企业入库登记编号",
    mats=[
        form("科技型中小企业信息表", "electronic", std="科技型中小企业服务平台在线填报"),
        copy("上一年度企业所得税年度纳税申报表"),
        copy("知识产权等相关证明材料", opt=True),
    ],
    visits=0,
    tb=True,
)
_add(
    "QR",
    "技术合同认定登记",
    "kjcx",
    (30, 3),
    cond="法人、个人和其他组织依法订立的技术开发、技术转让、技术许可、技术咨询和技术服务合同，可以申请认定登记，经认定登记的合同依法享受税收优惠。",
    basis="《中华人民共和国促进科技成果转化法》；《技术合同认定登记管理办法》；《技术合同认定规则》",
    result="技术合同登记证明",
    mats=[
        form("技术合同认定登记申请表", "electronic"),
        copy("技术合同文本", std="双方签字盖章，内容完整"),
        copy("合同附件及技术交易凭证", opt=True),
    ],
    visits=0,
    tb=True,
)
_add(
    "GG",
    "科技成果登记",
    "kjcx",
    (10, 5),
    cond="执行各级政府科技计划产生的科技成果或非财政投入产生的科技成果，由完成单位或个人在成果评价、鉴定或验收后办理登记。",
    basis="《科技成果登记办法》",
    result="科技成果登记证书",
    mats=[
        form("科技成果登记表", "electronic"),
        copy("成果评价、鉴定或验收证明"),
        copy("知识产权证明", opt=True),
    ],
    visits=0,
    tb=True,
)
_add(
    "QR",
    "区级科技企业孵化器和众创空间认定",
    "kjcx",
    (30, 15),
    sp=("inspection", "expert_review", "public_notice"),
    cond="在咸阳高新区注册、运营满一年，拥有一定面积的孵化场地，在孵企业达到规定数量，配备专业孵化服务团队和创业导师的孵化载体，可以申请认定。",
    basis="《科技企业孵化器管理办法》；《众创空间（联合办公）服务标准》；" + ZONE_POLICY,
    result="区级科技企业孵化器（众创空间）认定文件",
    mats=[
        form("科技企业孵化器（众创空间）认定申请表"),
        licence(),
        site("孵化场地"),
        m("在孵企业名单及入驻协议"),
        m("孵化服务团队和创业导师名单"),
    ],
)
_add(
    "XK",
    "外国人来华工作许可",
    "kjcx",
    (10, 5),
    cond="年满18周岁、身体健康、无犯罪记录，境内有确定的用人单位，具有从事其工作所必需的专业技能或相适应的工作经历，从事的工作符合我国经济社会发展需要。",
    basis=WORK_PERMIT_LAW,
    result="外国人工作许可证",
    mats=[
        form("外国人来华工作许可申请表", "electronic", std="外国人来华工作管理服务系统在线填报"),
        copy("工作资历证明"),
        copy(
            "最高学位（学历）证书或相关批准文书、职业资格证明", std="境外出具的须经驻外使领馆认证"
        ),
        copy("无犯罪记录证明", std="境外出具的须经驻外使领馆认证"),
        copy("体检证明"),
        copy("聘用合同或任职证明"),
        copy("护照或国际旅行证件"),
    ],
    visits=0,
)
_add(
    "XK",
    "外国人来华工作许可延期",
    "kjcx",
    (10, 3),
    cond="外国人工作许可有效期届满需要继续在同一用人单位工作的，用人单位应当在有效期届满前30日提出延期申请。",
    basis=WORK_PERMIT_LAW,
    result="外国人工作许可证",
    mats=[
        form("外国人来华工作许可延期申请表", "electronic"),
        copy("续签的聘用合同或任职证明"),
        copy("护照或国际旅行证件"),
    ],
    visits=0,
)
_add(
    "JL",
    "企业研发投入奖励补助",
    "kjcx",
    (30, 20),
    sp=("public_notice",),
    cond="在咸阳高新区依法纳税、按规定享受研发费用加计扣除政策且年度研发投入较上年增长的企业，可以按研发投入增量申请奖励补助。",
    basis=SCIENCE_LAW + "；" + ZONE_POLICY,
    result="研发投入奖励补助拨付通知",
    mats=[
        form("企业研发投入奖励补助申请表"),
        copy("年度企业所得税纳税申报表（含研发费用加计扣除优惠明细表）"),
        copy("研发费用专项审计报告", src="会计师事务所出具"),
        licence(),
    ],
)
_add(
    "JL",
    "新认定高新技术企业奖励",
    "kjcx",
    (30, 20),
    sp=("public_notice",),
    cond="首次通过高新技术企业认定或重新认定，且注册地和税收关系在咸阳高新区的企业，可以申请一次性奖励。",
    basis=SCIENCE_LAW + "；《高新技术企业认定管理办法》；" + ZONE_POLICY,
    result="高新技术企业奖励拨付通知",
    mats=[form("新认定高新技术企业奖励申请表"), copy("高新技术企业证书"), licence()],
    visits=0,
)
_add(
    "JL",
    "技术合同交易奖励",
    "kjcx",
    (30, 20),
    sp=("public_notice",),
    cond="在咸阳高新区登记的技术合同，技术交易额实际到账并达到规定金额的技术输出方和吸纳方，可以申请技术交易奖励。",
    basis="《中华人民共和国促进科技成果转化法》；" + ZONE_POLICY,
    result="技术合同交易奖励拨付通知",
    mats=[form("技术合同交易奖励申请表"), copy("技术合同登记证明"), copy("技术交易款到账凭证")],
    visits=0,
)

# =============================================================================================
# 经济发展局 (jjfz)
# =============================================================================================

INVESTMENT_LAW = "《企业投资项目核准和备案管理条例》；《企业投资项目核准和备案管理办法》"

_add(
    "BA",
    "企业投资项目备案",
    "jjfz",
    (1, 0),
    now=True,
    cond="在咸阳高新区建设的不使用政府投资、不属于政府核准投资项目目录的企业投资项目，企业应当在开工建设前通过在线审批监管平台告知项目信息。",
    basis="《企业投资项目核准和备案管理条例》第十三条；《企业投资项目核准和备案管理办法》",
    result="企业投资项目备案确认书",
    mats=[
        form("企业投资项目备案信息表", "electronic", std="投资项目在线审批监管平台在线填报"),
        licence(),
    ],
    where=PROJECT,
    visits=0,
    tb=True,
)
_add(
    "BA",
    "企业投资项目备案信息变更",
    "jjfz",
    (1, 0),
    now=True,
    cond="已备案的企业投资项目，项目法人发生变化，项目建设地点、规模、内容发生重大变更，或者放弃项目建设的，企业应当通过在线平台及时告知并修改相关信息。",
    basis="《企业投资项目核准和备案管理条例》第十四条；《企业投资项目核准和备案管理办法》",
    result="企业投资项目备案确认书",
    mats=[form("企业投资项目备案变更信息表", "electronic"), m("变更情况说明", "electronic")],
    where=PROJECT,
    visits=0,
    tb=True,
)
_add(
    "XK",
    "企业投资项目核准",
    "jjfz",
    (20, 10),
    sp=("expert_review", "soliciting_opinions"),
    cond="属于政府核准的投资项目目录范围、由县级核准的企业投资项目，符合国家法律法规和宏观调控政策，符合发展规划、产业政策和准入标准，合理开发并有效利用资源。",
    basis=INVESTMENT_LAW + "；《政府核准的投资项目目录》",
    result="项目核准批复",
    mats=[
        form("项目核准申请书"),
        report("项目申请报告", src="项目单位自行或委托工程咨询机构编制"),
        copy("建设项目用地预审与选址意见书"),
        copy("依法应当提交的其他相关手续文件", cond="法律、行政法规规定需要办理其他相关手续的"),
        agent(),
    ],
    where=PROJECT,
)
_add(
    "XK",
    "企业投资项目核准文件变更",
    "jjfz",
    (20, 10),
    cond="已核准的项目，建设地点发生变更、建设规模和内容发生较大变更，或者需要对项目核准文件所规定的其他条件作出变更的，项目单位应当申请变更核准。",
    basis=INVESTMENT_LAW,
    result="项目核准变更批复",
    mats=[
        form("项目核准变更申请书"),
        copy("原项目核准文件"),
        report("变更内容说明及论证材料"),
        agent(),
    ],
    where=PROJECT,
)
_add(
    "XK",
    "固定资产投资项目节能审查",
    "jjfz",
    (20, 10),
    sp=("expert_review",),
    cond="年综合能源消费量达到规定标准的固定资产投资项目，建设单位应当在开工建设前取得节能审查意见，项目用能符合节能法律法规、标准规范和能耗双控要求。",
    basis="《中华人民共和国节约能源法》第十五条；《固定资产投资项目节能审查办法》",
    result="节能审查意见书",
    mats=[
        form("固定资产投资项目节能审查申请表"),
        report("固定资产投资项目节能报告"),
        copy("项目备案或核准文件"),
        agent(),
    ],
    where=PROJECT,
    tb=True,
)
_add(
    "QT",
    "政府投资项目可行性研究报告审批",
    "jjfz",
    (20, 10),
    sp=("expert_review",),
    cond="使用政府投资资金的固定资产投资项目，项目单位应当编制可行性研究报告，对项目技术经济可行性、社会效益和投资概算进行全面分析论证。",
    basis="《政府投资条例》第九条、第十一条",
    result="可行性研究报告批复",
    mats=[
        form("政府投资项目审批申请文件"),
        report("项目可行性研究报告", src="具有相应能力的工程咨询单位编制"),
        copy("项目建议书批复或纳入规划的证明"),
        copy("建设项目用地预审与选址意见书"),
    ],
    where=PROJECT,
    online=True,
)
_add(
    "BA",
    "外商投资项目备案",
    "jjfz",
    (7, 1),
    cond="不属于外商投资准入负面清单禁止领域、不需核准的外商投资项目，应当在开工建设前通过在线平台办理备案。",
    basis="《中华人民共和国外商投资法》；《外商投资项目核准和备案管理办法》",
    result="外商投资项目备案通知书",
    mats=[form("外商投资项目备案信息表", "electronic"), copy("投资者主体资格证明"), agent()],
    where=PROJECT,
    visits=0,
    tb=True,
)
_add(
    "BA",
    "企业技术改造投资项目备案",
    "jjfz",
    (3, 1),
    cond="在现有厂区内以更新设备、改进工艺、提升产品质量为主要内容，不新增建设用地的企业技术改造项目，应当在开工前办理备案。",
    basis=INVESTMENT_LAW,
    result="企业技术改造投资项目备案确认书",
    mats=[form("企业技术改造项目备案信息表", "electronic"), licence()],
    where=PROJECT,
    visits=0,
    tb=True,
)
_add(
    "BA",
    "粮食收购企业备案",
    "jjfz",
    (5, 1),
    cond="从事粮食收购的企业，应当在收购前向收购地县级粮食和储备行政管理部门备案企业名称、地址、负责人以及仓储设施等信息。",
    basis="《粮食流通管理条例》第九条",
    result="粮食收购企业备案回执",
    mats=[form("粮食收购企业备案表"), licence(), copy("仓储设施产权或租赁证明")],
    visits=0,
    tb=True,
)
_add(
    "QT",
    "专精特新中小企业申报初审",
    "jjfz",
    (20, 10),
    sp=("expert_review",),
    cond="在咸阳高新区注册、从事特定细分市场两年以上，研发投入、主营业务收入增长和专业化、精细化、特色化、创新能力指标符合规定的中小企业，可以申报专精特新中小企业认定。",
    basis="《中华人民共和国中小企业促进法》；《优质中小企业梯度培育管理暂行办法》",
    result="专精特新中小企业初审推荐意见",
    mats=[
        form("专精特新中小企业申请书", "electronic"),
        copy("上年度财务审计报告"),
        copy("知识产权和研发投入证明材料"),
    ],
    visits=0,
)
_add(
    "JL",
    "小微企业升规入统奖励",
    "jjfz",
    (30, 20),
    sp=("public_notice",),
    cond="在咸阳高新区注册并纳税、首次纳入规模以上工业或限额以上商贸统计的企业，可以申请一次性奖励。",
    basis="《中华人民共和国中小企业促进法》；咸阳高新区促进中小企业发展扶持政策",
    result="升规入统奖励拨付通知",
    mats=[
        form("升规入统奖励申请表"),
        licence(),
        copy("统计部门纳入规模以上（限额以上）企业名录的证明"),
    ],
    visits=0,
)

# =============================================================================================
# 财政局 (czj)
# =============================================================================================

PROCUREMENT_LAW = "《中华人民共和国政府采购法》；《中华人民共和国政府采购法实施条例》"

_add(
    "CJ",
    "政府采购投诉处理",
    "czj",
    (30, 20),
    sp=("inspection",),
    cond="质疑供应商对采购人、采购代理机构的质疑答复不满意或者未在规定时间内作出答复的，可以在答复期满后15个工作日内向同级财政部门投诉。",
    basis="《中华人民共和国政府采购法》第五十五条、第五十六条；《政府采购质疑和投诉办法》",
    result="政府采购投诉处理决定书",
    mats=[
        form("政府采购投诉书", std="载明投诉事项、请求和理由，投诉人签字或盖章"),
        copy("质疑函及质疑答复"),
        m("相关证明材料"),
        agent(),
    ],
    online=False,
)
_add(
    "XK",
    "代理记账许可",
    "czj",
    (10, 5),
    cond="为依法设立的企业或者其他组织，专职从业人员不少于3名，主管代理记账业务的负责人具有会计师以上专业技术职务资格或从事会计工作不少于三年，有健全的代理记账业务内部规范。",
    basis="《中华人民共和国会计法》第三十六条；《代理记账管理办法》",
    result="代理记账许可证书",
    mats=[
        form("代理记账许可申请表"),
        licence(),
        copy("专职从业人员在本机构专职从业的书面承诺"),
        copy("主管代理记账业务负责人的会计师以上专业技术职务资格证书或从业证明"),
        rules("代理记账业务内部规范"),
    ],
    visits=0,
    tb=True,
)
_add(
    "QT",
    "政府采购非公开招标方式审批",
    "czj",
    (10, 5),
    cond="达到公开招标数额标准的货物或服务采购项目，因特殊情况需要采用邀请招标、竞争性谈判、竞争性磋商、单一来源或询价等方式采购的，采购人应当在采购活动开始前报经财政部门批准。",
    basis="《中华人民共和国政府采购法》第二十七条；《政府采购非招标采购方式管理办法》",
    result="政府采购方式变更批复",
    mats=[
        form("政府采购方式变更申请表"),
        m("采购项目概况及申请理由说明"),
        copy("单一来源采购专业人员论证意见及公示情况", cond="申请单一来源采购的"),
    ],
)
_add(
    "BA",
    "政府采购合同备案",
    "czj",
    (7, 2),
    cond="政府采购项目的采购合同自签订之日起7个工作日内，采购人应当将合同副本报同级政府采购监督管理部门和有关部门备案。",
    basis="《中华人民共和国政府采购法》第四十七条",
    result="政府采购合同备案回执",
    mats=[copy("政府采购合同副本"), copy("中标（成交）通知书")],
    visits=0,
)
_add(
    "GG",
    "财政票据领购",
    "czj",
    (1, 0),
    now=True,
    cond="依法收取政府非税收入或从事非营利性活动的行政事业单位、社会团体，可以按规定领购、使用财政票据。",
    basis="《财政票据管理办法》",
    result="财政票据",
    mats=[form("财政票据领购申请表"), copy("财政票据领购证"), rep_id("经办人")],
)

# =============================================================================================
# 招商局 (zsj) 与营商环境办公室 (yshj)
# =============================================================================================

BUSINESS_LAW = "《优化营商环境条例》；《陕西省优化营商环境条例》"

_add(
    "JL",
    "招商引资项目落户奖励兑现",
    "zsj",
    (30, 20),
    sp=("public_notice",),
    cond="与咸阳高新区管委会签订投资协议的招商引资项目，按协议约定完成投资额、注册和税收等指标后，可以申请兑现约定的落户奖励。",
    basis=BUSINESS_LAW + "；咸阳高新区招商引资优惠政策",
    result="落户奖励兑现通知",
    mats=[
        form("招商引资优惠政策兑现申请表"),
        copy("投资协议"),
        copy("固定资产投资和纳税证明材料", src="第三方审计机构或税务部门出具"),
        licence(),
    ],
)
_add(
    "QR",
    "总部企业认定",
    "zsj",
    (30, 20),
    sp=("expert_review", "public_notice"),
    cond="在咸阳高新区注册、具有独立法人资格，对区域内外分支机构行使管理和服务职能，营业收入和纳税额达到规定标准的企业，可以申请总部企业认定。",
    basis=BUSINESS_LAW + "；咸阳高新区促进总部经济发展政策",
    result="总部企业认定文件",
    mats=[
        form("总部企业认定申请表"),
        licence(),
        copy("上年度财务审计报告"),
        m("分支机构名单和管理关系说明"),
    ],
)
_add(
    "GG",
    "外商投资企业投诉受理",
    "zsj",
    (30, 20),
    cond="外商投资企业或者其投资者认为行政机关及其工作人员的行政行为侵犯其合法权益的，可以向咸阳高新区外商投资企业投诉工作机构投诉。",
    basis="《中华人民共和国外商投资法》第二十六条；《外商投资企业投诉工作办法》",
    result="投诉处理结果告知",
    mats=[form("外商投资企业投诉书"), licence(), m("投诉事项的相关证明材料")],
    visits=0,
)
_add(
    "GG",
    "投资项目落地咨询服务",
    "zsj",
    (5, 3),
    cond="有意在咸阳高新区投资的企业，可以预约专人介绍产业政策、可用土地和标准化厂房资源，并协调项目洽谈和选址考察。",
    basis=BUSINESS_LAW,
    result="投资咨询服务",
    mats=[form("投资项目咨询登记表"), m("项目概况介绍", opt=True)],
    visits=0,
    tb=True,
)
_add(
    "GG",
    "重点项目帮办代办",
    "yshj",
    (1, 1),
    cond="在咸阳高新区投资建设的重点项目和企业开办、工程建设等复杂事项，企业可以申请帮办代办服务，由专职帮办员全程免费帮办。",
    basis=BUSINESS_LAW,
    result="帮办代办服务",
    mats=[form("帮办代办服务申请表"), m("帮办代办授权委托书", std="载明委托事项，企业盖章")],
    visits=0,
    tb=True,
)
_add(
    "GG",
    "损害营商环境问题投诉受理",
    "yshj",
    (15, 10),
    cond="市场主体认为行政机关及其工作人员存在不作为、乱作为、慢作为等损害营商环境行为的，可以实名投诉。",
    basis=BUSINESS_LAW,
    result="投诉处理结果告知",
    mats=[form("损害营商环境问题投诉登记表"), m("问题线索和相关证据材料", opt=True)],
    visits=0,
)
_add(
    "GG",
    "“办不成事”反映窗口服务",
    "yshj",
    (5, 3),
    cond="企业和群众在办事过程中遇到政策不清晰、材料难提供、系统不支持等问题导致办不成事的，可以到“办不成事”反映窗口反映，由窗口协调相关部门限时解决。",
    basis=BUSINESS_LAW + "；" + ONE_THING,
    result="问题协调办理结果",
    mats=[form("“办不成事”问题登记表"), id_card("反映人")],
    visits=1,
    tb=True,
)
_add(
    "GG",
    "惠企政策免申即享",
    "yshj",
    (20, 15),
    cond="对通过政务数据共享能够确定兑现对象和金额的惠企政策，企业无需申请，经确认收款账户后直接兑现。",
    basis=BUSINESS_LAW,
    result="政策资金拨付",
    mats=[
        m("惠企政策兑现确认函", "electronic", src="政务服务平台推送", std="企业在线确认兑现信息"),
        m("收款账户确认书", std="企业盖章，账户为企业对公账户"),
    ],
    visits=0,
)

# =============================================================================================
# 党政办公室 (dzb)
# =============================================================================================

_add(
    "GG",
    "政府信息依申请公开",
    "dzb",
    (20, 15),
    cond="公民、法人或者其他组织可以向咸阳高新区管委会申请获取主动公开以外的政府信息，申请应当包括申请人信息和所需政府信息的名称、文号或者便于查询的其他特征性描述。",
    basis="《中华人民共和国政府信息公开条例》第二十七条、第三十三条",
    result="政府信息公开申请答复书",
    mats=[
        form("政府信息公开申请表"),
        copy("申请人身份证明", std="公民提交身份证件复印件，法人或其他组织提交营业执照等证明文件"),
    ],
    visits=0,
)
_add(
    "GG",
    "12345政务服务便民热线诉求办理",
    "dzb",
    (5, 3),
    cond="企业和群众可以通过12345热线、网站或小程序提出咨询、求助、投诉、建议，由热线工作机构转交咸阳高新区相关部门限时办理并回访。",
    basis="《国务院办公厅关于进一步优化地方政务服务便民热线的指导意见》（国办发〔2020〕53号）",
    result="诉求办理结果回复",
    mats=[
        m("诉求内容及联系方式", "electronic", std="如实反映诉求，留存联系电话"),
        m("相关照片或证明材料", "electronic", opt=True),
    ],
    visits=0,
    tb=True,
)


# =============================================================================================
# 容缺受理事项清单: the items that may be accepted while non-core materials are still owed, and
# those materials. The applicant signs a 容缺受理承诺书 and hands them in before the decision.
# =============================================================================================

DEFICIENCY: dict[str, tuple[str, ...]] = {
    # 行政审批服务局
    "有限责任公司设立登记": ("住所使用证明",),
    "股份有限公司设立登记": ("住所使用证明",),
    "非公司企业法人设立登记": ("住所使用证明",),
    "合伙企业设立登记": ("主要经营场所使用证明",),
    "农民专业合作社设立登记": ("住所使用证明",),
    "外商投资企业设立登记": ("住所使用证明",),
    "公司分公司设立登记": ("营业场所使用证明",),
    "个体工商户转型为企业登记": ("住所使用证明",),
    "食品经营许可（新办）": ("主要设备设施清单", "食品安全管理制度目录和食品安全管理人员配备情况"),
    "小餐饮经营许可": ("从业人员健康证明",),
    "食品生产许可（新办）": ("食品生产主要设备、设施清单",),
    "药品零售企业经营许可（新办）": ("药品质量管理制度文件及目录",),
    "药品零售企业经营许可（换证）": ("药品经营质量管理规范自查报告",),
    "第三类医疗器械经营许可": ("经营质量管理制度、工作程序等文件目录",),
    "第二类医疗器械经营备案": ("经营质量管理制度、工作程序等文件目录",),
    "公共场所卫生许可（新办）": ("公共场所卫生检测或者评价报告",),
    "公共场所卫生许可（延续）": ("近一年公共场所卫生检测报告",),
    "饮用水供水单位卫生许可": ("水质检测报告",),
    "医疗机构执业登记": ("医疗机构规章制度",),
    "诊所备案": ("诊所规章制度",),
    "医师执业注册": ("近6个月内的健康体检证明",),
    "护士执业注册": ("近6个月内的健康体检证明",),
    "放射诊疗许可": ("放射诊疗设备和场所防护检测报告",),
    "母婴保健技术服务机构执业许可": ("母婴保健技术服务管理制度",),
    "民办幼儿园设立审批": ("拟任园长、教师和保育员的资格证明", "托幼机构卫生评价报告"),
    "非学科类校外培训机构设立审批": ("培训内容说明和收费方案",),
    "民办职业技能培训机构设立审批": ("开设培训项目的教学计划和大纲",),
    "道路货物运输经营许可": ("安全生产管理制度文本",),
    "道路货物运输站（场）经营备案": ("安全生产管理制度和业务操作规程",),
    "机动车维修经营备案": ("维修管理制度和环境保护措施",),
    "机动车驾驶员培训备案": ("培训质量和安全管理制度",),
    "出版物零售业务经营许可": ("经营场所使用证明",),
    "娱乐场所经营许可": ("公众聚集场所投入使用、营业前消防安全检查合格证明",),
    "互联网上网服务营业场所经营单位设立审批": ("网络安全和信息安全管理制度",),
    "文艺表演团体设立审批": ("演出器材设备清单",),
    "营业性演出审批": ("演员名单及身份证明",),
    "电影放映单位设立审批": ("放映设备清单及技术检测报告",),
    "经营高危险性体育项目许可": ("安全保障制度和突发事件应急预案",),
    "劳务派遣经营许可（新办）": ("公司章程以及验资机构出具的验资报告或者财务审计报告",),
    "劳务派遣经营许可（延续）": ("3年以来的基本经营情况报告",),
    "人力资源服务许可": ("人力资源服务工作规则和管理制度",),
    "人力资源服务备案": ("人力资源服务管理制度",),
    "动物诊疗许可": ("诊疗废弃物处理、消毒和动物防疫管理制度",),
    "农药经营许可": ("农药经营质量管理制度和岗位操作规程",),
    "建设工程规划许可证核发": ("人防、消防等专项审查意见",),
    "建设工程规划许可证变更": ("利害关系人意见及采纳情况",),
    "临时建设工程规划许可证核发": ("临时建筑到期自行拆除承诺书",),
    "建筑工程施工许可证核发": ("施工图设计文件审查合格书",),
    "城镇污水排入排水管网许可": ("排水水质、水量检测报告",),
    "临时占用城市道路审批": ("交通疏导和安全保障方案",),
    "挖掘城市道路审批": ("施工组织方案和交通疏导方案",),
    "设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批": ("设置场地权属证明或使用协议",),
    "城市建筑垃圾处置核准": ("与运输单位、消纳场签订的合同",),
    "从事城市生活垃圾经营性清扫、收集、运输服务审批": ("技术、质量、安全和监测管理制度",),
    "关闭、闲置、拆除城市环境卫生设施许可": ("替代设施建设方案或替代措施说明",),
    "临时占用城市绿化用地审批": ("绿地恢复承诺书",),
    "砍伐、迁移城市树木审批": ("补植或移植方案",),
    "燃气经营许可": ("安全管理制度和燃气事故应急预案",),
    "危险化学品经营许可（不带储存设施）": ("生产安全事故应急救援预案",),
    "取水许可": ("建设项目立项文件",),
    "生产建设项目水土保持方案审批": ("项目立项文件",),
    "社会团体成立登记": ("验资报告或资金证明",),
    "民办非企业单位成立登记": ("验资报告或资产评估证明",),
    # 市场监督管理分局、规划建设局、自然资源分局、生态环境分局
    "食品生产加工小作坊登记": ("从业人员健康证明",),
    "房屋建筑和市政基础设施工程竣工验收备案": ("施工单位签署的工程质量保修书",),
    "商品房预售许可": ("预售资金监管协议",),
    "商品房现售备案": ("房地产开发项目手册",),
    "房地产经纪机构备案": ("经营场所使用证明",),
    "建筑起重机械使用登记": ("生产安全事故应急救援预案",),
    "保障性租赁住房项目认定": ("租金和运营管理方案",),
    "临时用地审批": ("土地复垦方案报告表",),
    "建设项目环境影响报告书审批": ("主要污染物排放总量指标来源说明",),
    "建设项目环境影响报告表审批": ("项目立项文件",),
    "排污许可证核发（重点管理）": ("自行监测方案",),
    "企业事业单位突发环境事件应急预案备案": ("环境应急资源调查报告",),
    # 社会事务局、应急管理局、公安分局、住房公积金
    "工伤认定": ("交通事故认定书等事故证明",),
    "企业实行不定时工作制和综合计算工时工作制审批": ("工会或职工代表大会意见",),
    "养老机构备案": ("消防、建筑、食品安全等符合要求的证明材料",),
    "烟花爆竹经营（零售）许可": ("零售场所安全条件说明及周边环境示意图",),
    "生产经营单位生产安全事故应急预案备案": ("风险评估结果和应急资源调查清单",),
    "危险化学品重大危险源备案": ("重大危险源事故应急预案、评审意见和演练计划",),
    "旅馆业特种行业许可证核发": ("公众聚集场所投入使用、营业前消防安全检查合格证明",),
    "个人住房公积金贷款": ("收入证明",),
    # 科技创新局、财政局、招商局
    "高新技术企业认定申报初审推荐": ("科技人员名单及研究开发组织管理情况说明",),
    "区级科技企业孵化器和众创空间认定": ("孵化服务团队和创业导师名单",),
    "外国人来华工作许可": ("体检证明",),
    "企业研发投入奖励补助": ("研发费用专项审计报告",),
    "代理记账许可": ("代理记账业务内部规范",),
    "总部企业认定": ("分支机构名单和管理关系说明",),
}


def _mark_deficiency() -> None:
    items = {item["name"]: item for item in ITEMS}
    for name, owed in DEFICIENCY.items():
        item = items[name]
        materials = {material["name"]: material for material in item["materials"]}
        for material in owed:
            materials[material]["secondary"] = True
        item["allows_deficiency"] = True


_mark_deficiency()


# ---------------------------------------------------------------------------------------------
# The back-office route (后台分类审批). Most items go review → decision → certificate within the
# owning department. Major construction and public-safety licences go to the department head
# before the decision (重大事项负责人审批); a few are reviewed jointly by the department that
# supervises the trade afterwards (审管联动、联合审批).

HEAD_APPROVAL = (
    # 行政审批服务局: major construction permits, and licences touching public safety
    "建设用地规划许可证核发",
    "建设工程规划许可证核发",
    "建筑工程施工许可证核发",
    "特殊建设工程消防验收",
    "医疗机构设置审批",
    "民办幼儿园设立审批",
    "燃气经营许可",
    "危险化学品经营许可（不带储存设施）",
    # the branch offices' own
    "商品房预售许可",
    "建设项目环境影响报告书审批",
    "烟花爆竹经营（零售）许可",
    "土地权属争议行政裁决",
)

JOINT_REVIEW = {
    # 施工图与消防设计: the 规划建设局 (住建) reviews the drawings with the approval bureau.
    "特殊建设工程消防设计审查": "ghjs",
    # The bureau that supervises the trade afterwards checks the conditions before the licence.
    "食品生产许可（新办）": "scjg",
    "危险化学品经营许可（不带储存设施）": "yjgl",
    "燃气经营许可": "ghjs",
    "医疗机构设置审批": "shsw",
    "烟花爆竹经营（零售）许可": "gafj",
}

# Own splits of the promised limit, where the default one does not fit the work.
STEP_DAYS = {
    # 3 working days: the certificate is issued (电子证照) on the day of the decision.
    "建筑工程施工许可证核发": {"review": 1, "head_approval": 1, "decision": 1, "certificate": 0},
    # The drawings take the longest: the approval bureau and the 住建 read them side by side.
    "特殊建设工程消防设计审查": {"review": 2, "joint_review": 2, "decision": 1, "certificate": 0},
    # An expert review and a site inspection pause the clock; the health office's review is long.
    "医疗机构设置审批": {
        "review": 6,
        "inspection": 5,
        "joint_review": 6,
        "head_approval": 1,
        "decision": 1,
        "certificate": 1,
    },
}


def _mark_route() -> None:
    items = {item["name"]: item for item in ITEMS}
    for name in HEAD_APPROVAL:
        items[name]["head_approval"] = True
    for name, department in JOINT_REVIEW.items():
        items[name]["joint_department"] = department
    for name, days in STEP_DAYS.items():
        items[name]["step_days"] = dict(days)


_mark_route()

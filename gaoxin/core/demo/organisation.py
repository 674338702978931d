"""The demo zone's organisation: 咸阳高新区's administration committee and its service center.

Departments and windows follow how a national high-tech zone's 管委会 and its 政务服务中心
are laid out; the departments stationed in the hall (驻厅单位) such as tax and public security
are listed too, because their specialist windows serve them.
"""

from __future__ import annotations

from collections.abc import Callable

# Each app above core appends a function that loads its part of the demo zone, idempotently,
# and returns a line to print (or ""). Registered in the app's AppConfig.ready().
SEEDERS: list[Callable[[], str]] = []

ZONE = {
    "name": "咸阳高新技术产业开发区",
    "short_name": "咸阳高新区",
    "code": "XYGX",
    "region_code": "610402",
    "address": "陕西省咸阳市高新区世纪大道政务服务中心",
    "phone": "029-33198123",
}

# code, name, short name, phone
DEPARTMENTS = [
    ("xzsp", "行政审批服务局", "审批局", "029-33198101"),
    ("jjfz", "经济发展局", "经发局", "029-33198102"),
    ("ghjs", "规划建设局", "规建局", "029-33198103"),
    ("zsj", "招商局", "招商局", "029-33198104"),
    ("yshj", "营商环境办公室", "营商办", "029-33198105"),
    ("czj", "财政局", "财政局", "029-33198106"),
    ("shsw", "社会事务局", "社会事务局", "029-33198107"),
    ("kjcx", "科技创新局", "科创局", "029-33198108"),
    ("zrzy", "自然资源分局", "自然资源分局", "029-33198109"),
    ("sthj", "生态环境分局", "生态环境分局", "029-33198110"),
    ("scjg", "市场监督管理分局", "市场监管分局", "029-33198111"),
    ("yjgl", "应急管理局", "应急局", "029-33198112"),
    ("swfj", "税务局高新分局", "税务分局", "029-33198113"),
    ("gafj", "公安分局", "公安分局", "029-33198114"),
    ("gjj", "住房公积金管理部", "公积金", "029-33198115"),
    ("dzb", "党政办公室", "党政办", "029-33198100"),
]

INTAKE_WINDOWS = 10
DELIVERY_WINDOWS = 4
# number, name, departments served, location
SPECIALIST_WINDOWS = [
    (15, "企业开办专窗", ["scjg", "swfj", "gafj"], "一楼B区"),
    (16, "企业开办专窗", ["scjg", "swfj", "gafj"], "一楼B区"),
    (17, "工程建设项目审批专窗", ["ghjs", "xzsp"], "二楼A区"),
    (18, "工程建设项目审批专窗", ["ghjs", "xzsp"], "二楼A区"),
    (19, "不动产登记窗口", ["zrzy"], "二楼B区"),
    (20, "不动产登记窗口", ["zrzy"], "二楼B区"),
    (21, "税务综合窗口", ["swfj"], "一楼C区"),
    (22, "税务综合窗口", ["swfj"], "一楼C区"),
    (23, "社保医保窗口", ["shsw"], "一楼C区"),
    (24, "公安户政窗口", ["gafj"], "一楼C区"),
    (25, "水电气暖联办窗口", ["ghjs"], "二楼A区"),
    (26, "帮办代办窗口", ["yshj"], "一楼大厅"),
]

# Printed by `make run`; a demo, never a production deployment.
DEMO_PASSWORD = "gaoxin-demo-2026"  # noqa: S105

# username, full name, role, department code, window number, phone
ACCOUNTS = [
    ("admin", "吴敏", "administrator", "dzb", None, "13909101006"),
    ("clerk", "王丽", "clerk", None, 1, "13909101001"),
    ("approver", "张伟", "approver", "xzsp", None, "13909101002"),
    ("head", "李建国", "department_head", "xzsp", None, "13909101003"),
    ("inspector", "赵磊", "inspector", "xzsp", None, "13909101004"),
    ("supervisor", "陈静", "supervisor", "yshj", None, "13909101005"),
    ("enterprise", "刘洋", "enterprise_officer", "jjfz", None, "13909101007"),
    ("project", "孙浩", "project_officer", "jjfz", None, "13909101008"),
    ("leader", "周志强", "leader", None, None, "13909101009"),
    # A second department's approver, to see that departments keep to their own work.
    ("approver_scjg", "马晓燕", "approver", "scjg", None, "13909101010"),
    ("clerk2", "杨帆", "clerk", None, 11, "13909101011"),
]

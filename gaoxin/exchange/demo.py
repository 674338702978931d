"""The demo zone's partners: the zones 咸阳高新区 exchanges cases with (跨区通办).

Shaanxi's national high-tech zones signed an agreement for 省内跨区通办 — 西安, 宝鸡, 渭南,
杨凌 (the agricultural demonstration zone), 榆林, 汉中 and 安康 besides 咸阳 — and the zone also
works with its neighbouring district, 秦都区, whose 政务服务中心 sits across the road. Each
runs its own platform.

They are registered without keys: in a real deployment each partner's administrator gives
its public key, and the catalog is then imported from the partner. Their addresses are
examples that do not answer, so the list shows them as never contacted.
"""

from __future__ import annotations

from gaoxin.exchange import services
from gaoxin.exchange.models import Partner

# code, name (as the zones call each other), address of its platform
PARTNERS = [
    ("XAGX", "西安高新区", "https://zwfw.xagx.example.cn"),
    ("BJGX", "宝鸡高新区", "https://zwfw.bjgx.example.cn"),
    ("WNGX", "渭南高新区", "https://zwfw.wngx.example.cn"),
    ("YLSF", "杨凌示范区", "https://zwfw.ylsf.example.cn"),
    ("YLGX", "榆林高新区", "https://zwfw.ylgx.example.cn"),
    ("HZGX", "汉中高新区", "https://zwfw.hzgx.example.cn"),
    ("AKGX", "安康高新区", "https://zwfw.akgx.example.cn"),
    ("QDQ", "秦都区", "https://zwfw.qdq.example.cn"),
]


def seed_partners() -> str:
    known = set(Partner.objects.values_list("code", flat=True))
    new = [entry for entry in PARTNERS if entry[0] not in known]
    for code, name, base_url in new:
        services.register_partner(actor=None, code=code, name=name, base_url=base_url)
    if not new:
        return ""
    return f"Exchange: {len(new)} partner zones registered (no keys, never contacted)."

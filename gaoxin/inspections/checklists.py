"""The points an inspector looks at on site (踏勘要点), when the request gives none.

The catalog has no checklist field yet, so the default is made here from the item: the points
every site inspection covers (the shop front, the premises, the area, the fire escape, the
surroundings), then the points the item's trade needs, found by words in its name (食品 →
the food handling areas, 药品 → storage with temperature control, …), then the kind's own
(a licence checks the equipment against the list handed in). The inspector edits the list
when requesting; the record's findings follow its points.

The points are the zone's working vocabulary, written in Chinese like the notices.
"""

from __future__ import annotations

from collections.abc import Sequence

from gaoxin.catalog.models import ItemKind, ServiceItem

BASE = ["门头照片", "经营场所全景", "经营面积", "消防通道", "周边环境"]

# Words in an item's name and the points such a site adds.
BY_TRADE: tuple[tuple[tuple[str, ...], list[str]], ...] = (
    (("食品", "餐饮"), ["食品加工操作区", "原料及成品储存区", "清洗消毒设施", "防蝇防鼠设施"]),
    (("药品", "医疗器械"), ["药品陈列及储存区", "温湿度监测设备", "阴凉库"]),
    (("危险化学品", "烟花爆竹", "燃气"), ["储存场所", "安全防护设施", "应急器材"]),
    (("建设", "建筑", "施工", "工程"), ["施工现场", "安全防护", "工程形象进度"]),
    (("排污", "环境", "环评"), ["污染防治设施", "排放口"]),
    (("道路", "运输"), ["停车场地", "车辆及设备"]),
    (("学校", "培训", "托育", "幼儿"), ["教学及活动场所", "安全疏散通道"]),
)

BY_KIND: dict[str, list[str]] = {
    ItemKind.LICENSING: ["主要设备设施"],
    ItemKind.FILING: ["备案事项与现场一致情况"],
}


def default_checklist(item: ServiceItem) -> list[str]:
    points = list(BASE)
    for words, extra in BY_TRADE:
        if any(word in item.name for word in words):
            points.extend(extra)
    points.extend(BY_KIND.get(item.kind, []))
    return list(dict.fromkeys(points))  # in order, each once


def clean_checklist(points: Sequence[str] | str) -> list[str]:
    """One point per line (or list entry), trimmed, blanks and repeats dropped."""
    lines = points.splitlines() if isinstance(points, str) else points
    return list(dict.fromkeys(p.strip()[:100] for p in lines if p and p.strip()))

"""Reading the catalog: the search shared by the catalog pages, the intake desk and the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from gaoxin.catalog.models import ItemKind, ServiceItem
from gaoxin.catalog.search import is_pinyin_query
from gaoxin.catalog.steps import PAUSES_CLOCK, StepKind, plan
from gaoxin.core.models import Department


def current_items() -> QuerySet[ServiceItem]:
    return ServiceItem.objects.filter(is_current=True).select_related("department")


def search_items(query: str = "", *, department: str = "", kind: str = "") -> QuerySet[ServiceItem]:
    """Items matching a few typed characters: of the name, the code, the pinyin ("gongshang")
    or the pinyin initials ("gsdj"). Names that start with the query come first."""
    items = current_items()
    if department:
        items = items.filter(department__code=department)
    if kind:
        items = items.filter(kind=kind)
    query = query.strip()
    if not query:
        return items.order_by("department__sort_order", "code")
    if is_pinyin_query(query):
        key = query.lower()
        match = (
            Q(name_initials__contains=key) | Q(name_pinyin__contains=key) | Q(code__icontains=query)
        )
        first = Q(name_initials__startswith=key) | Q(name_pinyin__startswith=key)
    else:
        match = Q(name__icontains=query) | Q(code__icontains=query)
        first = Q(name__startswith=query)
    return (
        items.filter(match)
        .annotate(
            rank=Case(When(first, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("rank", "department__sort_order", "code")
    )


def catalog_counts() -> dict[str, int]:
    """Approval items and public service items in the current catalog, as a zone reports them."""
    rows = current_items().aggregate(
        total=Count("id"),
        public=Count("id", filter=Q(kind=ItemKind.PUBLIC_SERVICE)),
    )
    return {
        "total": rows["total"],
        "public": rows["public"],
        "approval": rows["total"] - rows["public"],
    }


def item_version(code: str, version: int | None = None) -> ServiceItem | None:
    items = ServiceItem.objects.filter(code=code).select_related("department", "joint_department")
    if version is None:
        return items.filter(is_current=True).first()
    return items.filter(version=version).first()


@dataclass(frozen=True)
class RouteStep:
    """A step of an item's back-office route as the guide shows it."""

    kind: str
    label: str
    days: int
    counted: bool  # in the promised limit; a site inspection pauses the clock instead
    department: Department

    @property
    def joint(self) -> bool:
        return self.kind == StepKind.JOINT_REVIEW


def item_route(item: ServiceItem) -> list[RouteStep]:
    """The steps a case of this item version goes through, with their limits in working days.
    No query when the item was read with its departments (``item_version``)."""
    departments = {item.department_id: item.department}
    if item.joint_department is not None:
        departments[item.joint_department.pk] = item.joint_department
    return [
        RouteStep(
            kind=step.kind,
            label=step.label,
            days=step.days,
            counted=step.kind not in PAUSES_CLOCK,
            department=departments[step.department_id],
        )
        for step in plan(item)
    ]

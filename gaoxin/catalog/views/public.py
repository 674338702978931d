"""The catalog as the public and the staff read it: search, and each item's guide (办事指南)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from gaoxin.catalog import queries
from gaoxin.catalog.models import ItemKind, Material
from gaoxin.core.models import Department
from gaoxin.core.permissions import can
from gaoxin.core.roles import Capability


def catalog(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:50]
    department = request.GET.get("department", "")
    kind = request.GET.get("kind", "")
    items = queries.search_items(query, department=department, kind=kind)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "page": page,
        "q": query,
        "department": department,
        "kind": kind,
        "departments": Department.objects.filter(is_active=True, items__is_current=True).distinct(),
        "kinds": ItemKind.choices,
        "counts": queries.catalog_counts(),
        "query": params.urlencode(),
        "can_manage": can(request.user, Capability.MANAGE_CATALOG),
    }
    if getattr(request, "htmx", False):
        return render(request, "catalog/partials/results.html", context)
    return render(request, "catalog/catalog.html", context)


def guide(request: HttpRequest, code: str, version: int | None = None) -> HttpResponse:
    item = queries.item_version(code, version)
    if item is None:
        raise Http404
    return render(
        request,
        "catalog/guide.html",
        {
            "item": item,
            "materials": item.materials.all(),
            "route": queries.item_route(item),
            "current": queries.item_version(code),
            "can_manage": can(request.user, Capability.MANAGE_CATALOG),
        },
    )


def material_file(request: HttpRequest, pk: int, which: str) -> FileResponse:
    """A blank form or a filled-in sample: public documents, served through this view rather
    than from the uploads folder, which is never exposed."""
    if which not in ("blank_form", "sample"):
        raise Http404
    material = get_object_or_404(Material.objects.select_related("item"), pk=pk)
    file = getattr(material, which)
    if not file:
        raise Http404
    suffix = file.name.rsplit(".", 1)[-1]
    label = _("blank form") if which == "blank_form" else _("sample")
    response = FileResponse(file.open("rb"), as_attachment=False)
    disposition = content_disposition_header(False, f"{material.name}-{label}.{suffix}")
    if disposition:
        response["Content-Disposition"] = disposition
    return response

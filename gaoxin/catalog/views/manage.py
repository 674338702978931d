"""Catalog administration: the whole catalog out to Excel and back in, checked first."""

from __future__ import annotations

import re
import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.catalog import excel, queries, services
from gaoxin.catalog.forms import ImportForm, ItemForm, MaterialFormSet
from gaoxin.core.errors import DomainError
from gaoxin.core.http import StaffRequest
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A checked file waits here between the dry run and the confirmation; the token is random, the
# folder is not served, and only catalog administrators reach these views.
PENDING = "catalog/imports/{token}.xlsx"
TOKEN = re.compile(r"^[0-9a-f]{32}$")


@login_required
def export(request: StaffRequest) -> HttpResponse:
    require(request.user, Capability.MANAGE_CATALOG)
    response = HttpResponse(excel.export_catalog(), content_type=XLSX)
    stamp = timezone.localtime().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="catalog-{stamp}.xlsx"'
    return response


@login_required
def import_catalog(request: StaffRequest) -> HttpResponse:
    require(request.user, Capability.MANAGE_CATALOG)
    form = ImportForm(request.POST or None, request.FILES or None)
    report, token = None, ""
    if request.method == "POST" and "token" in request.POST:
        token = request.POST["token"]
        path = PENDING.format(token=token)
        if not TOKEN.match(token) or not default_storage.exists(path):
            messages.error(request, _("The checked file is gone: upload it again."))
            return redirect("catalog_import")
        with default_storage.open(path, "rb") as pending:
            report = excel.import_catalog(actor=request.user, file=pending, dry_run=False)
        default_storage.delete(path)
        if report.applied:
            messages.success(
                request,
                _("Catalog imported: %(created)s items created, %(revised)s revised.")
                % {"created": len(report.to_create), "revised": len(report.to_revise)},
            )
            return redirect("catalog")
        token = ""
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = excel.import_catalog(actor=request.user, file=upload, dry_run=True)
        if not report.errors and (report.to_create or report.to_revise):
            token = secrets.token_hex(16)
            upload.seek(0)
            default_storage.save(PENDING.format(token=token), ContentFile(upload.read()))
    # The report names fields as the workbook's columns, which is what the editor changed.
    revisions = [
        (code, [excel.FIELD_HEADERS.get(name, name) for name in fields])
        for code, fields in (report.to_revise if report else [])
    ]
    return render(
        request,
        "catalog/import.html",
        {"form": form, "report": report, "token": token, "revisions": revisions},
    )


@login_required
def item_edit(request: StaffRequest, code: str | None = None) -> HttpResponse:
    """Create an item, or revise one: every save of an existing item is a new version."""
    require(request.user, Capability.MANAGE_CATALOG)
    item = queries.item_version(code) if code else None
    if code and item is None:
        raise Http404
    initial_materials = services.material_values(item) if item else []
    form = ItemForm(
        request.POST or None,
        instance=item,
        initial={"code": item.code} if item else None,
        editing=item is not None,
    )
    formset = MaterialFormSet(
        request.POST or None, request.FILES or None, initial=initial_materials, prefix="m"
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        values = {name: form.cleaned_data[name] for name in services.ITEM_FIELDS}
        materials = _materials(formset)
        try:
            if item is None:
                saved = services.create_item(
                    actor=request.user,
                    code=form.cleaned_data["code"],
                    materials=materials,
                    **values,
                )
            else:
                saved = services.revise_item(
                    actor=request.user, item=item, materials=materials, **values
                )
        except DomainError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            for field, errors in getattr(error, "error_dict", {"__all__": error}).items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                _("Saved as version %(version)s.") % {"version": saved.version},
            )
            return redirect("catalog_item", saved.code)
    return render(
        request, "catalog/item_form.html", {"form": form, "formset": formset, "item": item}
    )


@login_required
def item_route(request: StaffRequest) -> HttpResponse:
    """The step-limit boxes of the item editor again, for the route the form now describes
    (htmx, when a step is switched on or off or the promised limit changes). Typed limits
    are kept."""
    require(request.user, Capability.MANAGE_CATALOG)
    form = ItemForm(request.GET)
    return render(request, "catalog/partials/route_steps.html", {"form": form})


def _materials(formset: Any) -> list[dict[str, Any]]:
    """The material rows kept, in order, as the service takes them: the plain fields always,
    a file only where one was uploaded."""
    materials = []
    for row in formset.forms:
        data = row.cleaned_data
        if not data or data.get("DELETE"):
            continue
        material = {name: data[name] for name in services.MATERIAL_FIELDS}
        material["condition"] = material["condition"] or ""
        for name in services.MATERIAL_FILES:
            if data.get(name):
                material[name] = data[name]
        materials.append(material)
    return materials

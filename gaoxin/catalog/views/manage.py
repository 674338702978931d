"""Catalog administration: the whole catalog out to Excel and back in, checked first."""

from __future__ import annotations

import re
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.catalog import excel
from gaoxin.catalog.forms import ImportForm
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
    return render(request, "catalog/import.html", {"form": form, "report": report, "token": token})

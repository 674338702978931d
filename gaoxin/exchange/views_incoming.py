"""Our window's desk for applications partner zones received on our behalf (异地代收): the
list of those waiting, one application with its applicant, materials and scans, and the
three ways to end it (accept, ask for a correction, refuse), from the keyboard."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gaoxin.cases import intake
from gaoxin.cases.models import Submission
from gaoxin.catalog.models import Material
from gaoxin.core.errors import DomainError
from gaoxin.core.http import StaffRequest
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.exchange import incoming
from gaoxin.exchange.forms_incoming import OutcomeForm
from gaoxin.exchange.models import ExchangeFile, IncomingApplication

Status = IncomingApplication.Status
SCAN_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
PAGE_SIZE = 50


@login_required
def waiting(request: StaffRequest) -> HttpResponse:
    """Waiting first, oldest first; the last ones handled below."""
    require(request.user, Capability.SERVE_AT_WINDOW)
    rows = IncomingApplication.objects.select_related("partner", "item")
    page = Paginator(
        rows.filter(status=Status.WAITING).order_by("arrived_at", "pk"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    handled = rows.exclude(status=Status.WAITING).select_related("case").order_by("-handled_at")
    return render(
        request,
        "exchange/incoming/list.html",
        {"page": page, "handled": handled[:20]},
    )


@login_required
def detail(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, Capability.SERVE_AT_WINDOW)
    application = get_object_or_404(
        IncomingApplication.objects.select_related("partner", "item__department", "case"), pk=pk
    )
    form = OutcomeForm(request.POST or None)
    outcome = request.POST.get("outcome", "")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if outcome == "accept":
                case = incoming.accept(actor=request.user, incoming=application)
                messages.success(
                    request,
                    _("Accepted: case %(number)s. The partner zone is told.")
                    % {"number": case.number},
                )
                return redirect("case_detail", pk=case.pk)
            if outcome == "request_correction":
                incoming.request_correction(
                    actor=request.user, incoming=application, note=data["note"]
                )
                messages.success(request, _("The partner zone is asked for a correction."))
                return redirect("incoming_list")
            if outcome == "refuse":
                incoming.refuse(
                    actor=request.user,
                    incoming=application,
                    reason=data["reason"],
                    basis=data["basis"],
                )
                messages.success(request, _("Refused. The partner zone is told."))
                return redirect("incoming_list")
            messages.error(request, _("Choose how the application ends."))
        except (incoming.OutcomeRefused, intake.IntakeRefused) as refused:
            messages.error(request, refused.message)
            form.add_errors(refused.errors)
            for name, errors in refused.errors.items():
                if name not in form.fields:
                    for error in errors:
                        messages.error(request, error)
        except DomainError as error:
            messages.error(request, error.message)
        except ValidationError as error:
            messages.error(request, "; ".join(error.messages))
        application.refresh_from_db()
    elif request.method == "GET":
        form = OutcomeForm(initial={"note": _missing_list(application)})
    return render(
        request,
        "exchange/incoming/detail.html",
        {
            "application": application,
            "applicant": application.applicant,
            "rows": _rows(application),
            "events": incoming.history(application),
            "form": form,
            "outcome": outcome,
            "waiting": application.status == Status.WAITING,
        },
    )


def _rows(application: IncomingApplication) -> list[dict[str, Any]]:
    scans = {
        str(scan.pk): scan
        for scan in ExchangeFile.objects.filter(partner=application.partner, ref=application.ref)
    }
    needs = dict(Material.Need.choices)
    states = dict(Submission.State.choices)
    return [
        {
            **row,
            "need": needs.get(row.get("requirement", ""), ""),
            "state_label": states.get(row.get("state", ""), row.get("state", "")),
            "scans": [scans[f] for f in row.get("files", []) if f in scans],
        }
        for row in application.materials
    ]


def _missing_list(application: IncomingApplication) -> str:
    """The correction note to start from: our required materials that did not come."""
    missing = [
        row["name"]
        for row in application.materials
        if row.get("material_id")
        and row.get("requirement") == Material.Need.REQUIRED
        and row.get("state") != Submission.State.RECEIVED
    ]
    return "\n".join(_("Missing: %(name)s") % {"name": name} for name in missing)


@login_required
def scan(request: StaffRequest, pk: int, file_id: str) -> FileResponse:
    """A scan sent with the application, for our window's clerks; opened in the browser."""
    require(request.user, Capability.SERVE_AT_WINDOW)
    application = get_object_or_404(IncomingApplication.objects.only("partner", "ref"), pk=pk)
    found = ExchangeFile.objects.filter(
        pk=file_id, partner_id=application.partner_id, ref=application.ref
    ).first()
    if found is None or not found.file:
        raise Http404
    response = FileResponse(
        found.file.open("rb"),
        content_type=SCAN_TYPES.get(found.kind, "application/octet-stream"),
    )
    disposition = "inline" if found.kind in SCAN_TYPES else "attachment"
    response.headers["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(found.name)}"
    return response

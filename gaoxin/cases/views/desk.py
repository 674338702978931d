"""The intake desk (综合受理窗口): find the item, record the applicant, tick the materials,
and end the intake one of four ways, all from the keyboard."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.cases import backoffice, done_actions, intake, intake_prefills, notices, queries
from gaoxin.cases.desk_panels import INTAKE_DESK, panels_for
from gaoxin.cases.forms import ApplicantForm, OutcomeForm, UploadForm
from gaoxin.cases.models import Case, Notice, PendingUpload, Submission
from gaoxin.cases.permissions import may_read_case
from gaoxin.cases.workflow import OPEN_AT_WINDOW
from gaoxin.catalog import queries as catalog_queries
from gaoxin.catalog.models import HandlingKind, Material, ServiceItem
from gaoxin.core.errors import DomainError
from gaoxin.core.http import StaffRequest
from gaoxin.core.models import Window
from gaoxin.core.permissions import can, require
from gaoxin.core.roles import Capability


def _window(request: StaffRequest) -> Window | None:
    chosen = request.GET.get("window") or request.POST.get("window")
    if chosen:
        return Window.objects.filter(pk=chosen, is_active=True).first()
    return request.user.window


@login_required
def desk(request: StaffRequest) -> HttpResponse:
    require(request.user, Capability.SERVE_AT_WINDOW)
    window = request.user.window
    if "window" not in request.GET and window and window.kind == Window.Kind.DELIVERY:
        # A clerk at a delivery window (综合出件) works at the delivery page.
        return redirect("delivery")
    search = request.GET.get("find", "").strip()
    context = {
        "window": _window(request),
        "windows": Window.objects.filter(is_active=True).exclude(kind=Window.Kind.DELIVERY),
        "waiting": queries.open_at_window(search)[:20],
        "find": search,
        "desk_panels": panels_for(request, _window(request), INTAKE_DESK),
    }
    return render(request, "cases/desk.html", context)


@login_required
def item_search(request: StaffRequest) -> HttpResponse:
    require(request.user, Capability.SERVE_AT_WINDOW)
    query = request.GET.get("q", "").strip()[:50]
    items = catalog_queries.search_items(query)[:12] if query else []
    return render(request, "cases/partials/item_results.html", {"items": items, "q": query})


@login_required
def new_intake(request: StaffRequest, item_id: int) -> HttpResponse:
    require(request.user, Capability.SERVE_AT_WINDOW)
    item = get_object_or_404(
        ServiceItem.objects.select_related("department"), pk=item_id, is_current=True
    )
    return _intake_page(request, item, None)


@login_required
def resume_intake(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, Capability.SERVE_AT_WINDOW)
    case = get_object_or_404(Case.objects.select_related("item__department"), pk=pk)
    if case.status not in OPEN_AT_WINDOW:
        return redirect("desk_done", pk=case.pk)
    return _intake_page(request, case.item, case)


# The fifth way an intake ends, for an immediate item (即办件) at a clerk authorised to decide
# it: accepted and granted at once, the result handed over at the delivery page.
ACCEPT_AND_DECIDE = "accept_and_decide"


def _may_decide_now(request: StaffRequest, item: ServiceItem) -> bool:
    return item.handling == HandlingKind.IMMEDIATE and can(
        request.user, Capability.DECIDE_ON_THE_SPOT
    )


def _end(request: StaffRequest, outcome: str, case: Case | None, **fields: Any) -> Case:
    """End the intake; accepting and deciding on the spot happen together or not at all."""
    if outcome != ACCEPT_AND_DECIDE:
        return intake.end(outcome, actor=request.user, case=case, **fields)
    with transaction.atomic():
        accepted = intake.accept(actor=request.user, intake=fields["intake"], case=case)
        return backoffice.decide_on_the_spot(actor=request.user, case=accepted)


def _intake_page(request: StaffRequest, item: ServiceItem, case: Case | None) -> HttpResponse:
    materials = list(item.materials.all())
    window = _window(request) or (case.window if case else None)
    if request.method == "POST":
        applicant_form = ApplicantForm(request.POST)
        outcome_form = OutcomeForm(request.POST)
        checks = _checks_from(request.POST, materials)
        outcome = request.POST.get("outcome", "")
        if applicant_form.is_valid() and outcome_form.is_valid():
            data = intake.Intake(
                item=item,
                applicant=intake.Applicant(**applicant_form.cleaned_data),
                checks=checks,
                window=window,
            )
            try:
                done = _end(
                    request,
                    outcome,
                    case,
                    intake=data,
                    **{k: v for k, v in outcome_form.cleaned_data.items() if v is not None},
                )
            except intake.IntakeRefused as refused:
                messages.error(request, refused.message)
                for name, errors in refused.errors.items():
                    if name in applicant_form.fields:
                        applicant_form.add_error(name, errors)
                outcome_form.add_errors(refused.errors)
                material_errors = {
                    k: v for k, v in refused.errors.items() if k.startswith("material-")
                }
                return _render_intake(
                    request,
                    item,
                    case,
                    window,
                    applicant_form,
                    outcome_form,
                    checks,
                    material_errors,
                    outcome,
                )
            except DomainError as error:
                messages.error(request, error.message)
            except ValidationError as error:
                messages.error(request, "; ".join(error.messages))
            else:
                if outcome == ACCEPT_AND_DECIDE:
                    return redirect(_delivery_url(done, window))
                return redirect("desk_done", pk=done.pk)
        return _render_intake(
            request, item, case, window, applicant_form, outcome_form, checks, {}, outcome
        )
    initial = _applicant_initial(case)
    if case is None:
        # What another app knows of the person at this window (the hall's ticket).
        initial.update(intake_prefills.initial_for(request.user, window))
    applicant_form = ApplicantForm(initial=initial)
    checks = _checks_of(case, materials)
    return _render_intake(
        request, item, case, window, applicant_form, OutcomeForm(), checks, {}, ""
    )


def _render_intake(
    request: StaffRequest,
    item: ServiceItem,
    case: Case | None,
    window: Window | None,
    applicant_form: ApplicantForm,
    outcome_form: OutcomeForm,
    checks: list[intake.MaterialCheck],
    material_errors: dict[str, list[str]],
    outcome: str,
) -> HttpResponse:
    by_material = {c.material_id: c for c in checks}
    uploads = {
        u.pk: u
        for u in PendingUpload.objects.filter(
            pk__in=[c.upload_id for c in checks if c.upload_id], owner=request.user
        )
    }
    existing = {s.material_id: s for s in case.submissions.all()} if case else {}
    rows = []
    for material in item.materials.all():
        check = by_material[material.pk]
        rows.append(
            {
                "material": material,
                "check": check,
                "upload": uploads.get(check.upload_id) if check.upload_id else None,
                "stored": existing.get(material.pk),
                "errors": material_errors.get(f"material-{material.pk}", []),
            }
        )
    return render(
        request,
        "cases/intake.html",
        {
            "item": item,
            "case": case,
            "window": window,
            "applicant_form": applicant_form,
            "outcome_form": outcome_form,
            "rows": rows,
            "states": Submission.State.choices,
            "outcome": outcome,
            "may_decide_now": _may_decide_now(request, item),
        },
        status=200,
    )


def _delivery_url(case: Case, window: Window | None) -> str:
    url = reverse("delivery_case", args=[case.pk])
    return f"{url}?window={window.pk}" if window else url


def _checks_from(post: Any, materials: list[Material]) -> list[intake.MaterialCheck]:
    checks = []
    for material in materials:
        state = post.get(f"state-{material.pk}", Submission.State.MISSING)
        try:
            copies = max(0, min(int(post.get(f"copies-{material.pk}") or 0), 99))
        except ValueError:
            copies = 0
        upload = post.get(f"upload-{material.pk}") or None
        checks.append(
            intake.MaterialCheck(
                material_id=material.pk,
                state=state if state in Submission.State.values else Submission.State.MISSING,
                problem=post.get(f"problem-{material.pk}", ""),
                copies=copies,
                upload_id=_uuid(upload),
            )
        )
    return checks


def _uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def _checks_of(case: Case | None, materials: list[Material]) -> list[intake.MaterialCheck]:
    existing = {s.material_id: s for s in case.submissions.all()} if case else {}
    checks = []
    for material in materials:
        stored = existing.get(material.pk)
        if stored is not None:
            checks.append(
                intake.MaterialCheck(material.pk, stored.state, stored.problem, stored.copies)
            )
        else:
            default = (
                Submission.State.NOT_APPLICABLE
                if material.need != Material.Need.REQUIRED
                else Submission.State.MISSING
            )
            checks.append(intake.MaterialCheck(material.pk, default, copies=material.copies))
    return checks


def _applicant_initial(case: Case | None) -> dict[str, Any]:
    if case is None:
        return {"kind": "person"}
    return {
        "kind": case.applicant_kind,
        "name": case.applicant_name,
        "id_number": case.id_number,
        "credit_code": case.credit_code,
        "legal_representative": case.legal_representative,
        "contact_name": case.contact_name,
        "phone": case.phone,
        "address": case.address,
        "agent_name": case.agent_name,
        "agent_id_number": case.agent_id_number,
        "agent_phone": case.agent_phone,
    }


@login_required
@require_POST
def upload(request: StaffRequest, material_id: int) -> HttpResponse:
    """A scan for one material, stored at once so a later message loses nothing."""
    require(request.user, Capability.SERVE_AT_WINDOW)
    material = get_object_or_404(Material, pk=material_id)
    form = UploadForm(request.POST, request.FILES)
    context: dict[str, Any] = {"material": material}
    if form.is_valid():
        try:
            context["upload"] = intake.hold_upload(
                actor=request.user, file=form.cleaned_data["file"]
            )
        except ValidationError as error:
            context["error"] = error.messages[0]
    else:
        context["error"] = _("Choose a file.")
    return render(request, "cases/partials/upload.html", context)


@login_required
def done(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, Capability.SERVE_AT_WINDOW)
    case = get_object_or_404(Case.objects.select_related("item", "window"), pk=pk)
    return render(
        request,
        "cases/done.html",
        {
            "case": case,
            "notice": case.notices.order_by("-created_at").first(),
            "submissions": case.submissions.select_related("material"),
            "actions": done_actions.actions_for(done_actions.AFTER_INTAKE, request.user, case),
        },
    )


@login_required
def notice_pdf(request: StaffRequest, pk: str) -> FileResponse:
    notice = get_object_or_404(Notice.objects.select_related("case"), pk=pk)
    if not may_read_case(request.user, notice.case):
        raise Http404
    # The worker renders notices after commit; a clerk who prints at once does not wait.
    notice = notices.render(notice)
    response = FileResponse(notice.pdf.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{notice.number}.pdf"'
    return response

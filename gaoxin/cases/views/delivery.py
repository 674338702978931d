"""The delivery window (综合窗口出件): find a result waiting for its applicant, check who
collects it (or record the post), and complete the case, from the keyboard. Any window clerk
hands out results."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.cases import delivery, done_actions, intake, queries
from gaoxin.cases.backoffice import StepRefused
from gaoxin.cases.delivery import DELIVERY_KINDS, SLOTS
from gaoxin.cases.desk_panels import DELIVERY_DESK, panels_for
from gaoxin.cases.forms import DeliveryForm, UploadForm
from gaoxin.cases.models import ApplicantKind, Case, Delivery, Notice, PendingUpload
from gaoxin.cases.permissions import may_read_case
from gaoxin.cases.workflow import Status
from gaoxin.core.errors import DomainError
from gaoxin.core.http import StaffRequest
from gaoxin.core.identity import normalise_resident_id, validate_resident_id
from gaoxin.core.models import Window
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability


def _window(request: StaffRequest) -> Window | None:
    chosen = request.GET.get("window") or request.POST.get("window")
    if chosen and chosen.isdigit():
        return Window.objects.filter(pk=chosen, is_active=True).first()
    return request.user.window


def _with_window(url: str, window: Window | None) -> str:
    return f"{url}?window={window.pk}" if window else url


@login_required
def waiting(request: StaffRequest) -> HttpResponse:
    """Results ready at the window, found by whatever the person at the counter shows."""
    require(request.user, Capability.SERVE_AT_WINDOW)
    search = request.GET.get("find", "").strip()[:50]
    page = Paginator(queries.awaiting_delivery(search), 30).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "find": search,
        "window": _window(request),
        "windows": Window.objects.filter(is_active=True),
        # Drawn by the whole page only (the template calls it), not by the rows found.
        "desk_panels": lambda: panels_for(request, _window(request), DELIVERY_DESK),
    }
    if request.htmx and request.htmx.target == "delivery-rows":
        return render(request, "cases/delivery/partials/rows.html", context)
    return render(request, "cases/delivery/list.html", context)


@login_required
def hand_over(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, Capability.SERVE_AT_WINDOW)
    case = get_object_or_404(Case.objects.select_related("item", "department"), pk=pk)
    window = _window(request)
    if case.status == Status.COMPLETED and Delivery.objects.filter(case=case).exists():
        return redirect(_with_window(reverse("delivery_done", args=[case.pk]), window))
    if case.status != Status.AWAITING_DELIVERY:
        messages.error(
            request,
            _("A case that is %(status)s has no result to hand out.")
            % {"status": case.get_status_display()},
        )
        return redirect(_with_window(reverse("delivery"), window))
    if request.method == "POST":
        form = DeliveryForm(request.POST)
        held: dict[str, PendingUpload] = {}
        if form.is_valid():
            held = delivery.held_uploads(form, request.user)
            try:
                delivery.deliver(
                    actor=request.user,
                    case=case,
                    handover=delivery.Handover.from_form(form, held=held, window=window),
                )
            except StepRefused as refused:
                messages.error(request, refused.message)
                form.add_errors(refused.errors)
            except DomainError as error:
                messages.error(request, error.message)
            except ValidationError as error:
                messages.error(request, "; ".join(error.messages))
            else:
                return redirect(_with_window(reverse("delivery_done", args=[case.pk]), window))
        return _render_hand_over(
            request,
            case,
            window,
            form,
            held,
        )
    form = DeliveryForm(initial={"method": Delivery.Method.PICKUP, "address": case.address})
    return _render_hand_over(request, case, window, form, {})


def _render_hand_over(
    request: StaffRequest,
    case: Case,
    window: Window | None,
    form: DeliveryForm,
    held: dict[str, PendingUpload],
    status: int = 200,
) -> HttpResponse:
    method = form["method"].value() or Delivery.Method.PICKUP
    return render(
        request,
        "cases/delivery/hand_over.html",
        {
            "case": case,
            "window": window,
            "form": form,
            "method": method,
            "held": held,
            "result_notice": _result_notice(case),
            "recipients": [n for n in (case.applicant_name, case.agent_name) if n]
            if case.applicant_kind == ApplicantKind.PERSON
            else [n for n in (case.agent_name, case.contact_name) if n],
            "carriers": ["中国邮政EMS", "顺丰速运", "京东物流"],
        },
        status=status,
    )


def _result_notice(case: Case) -> Notice | None:
    kinds = [Notice.Kind.RESULT, Notice.Kind.DENIAL]
    return case.notices.filter(kind__in=kinds).order_by("-created_at").first()


@login_required
def identity(request: StaffRequest, pk: int) -> HttpResponse:
    """As the clerk types the ID number of the person collecting: is it the applicant's or the
    agent's on record?"""
    require(request.user, Capability.SERVE_AT_WINDOW)
    case = get_object_or_404(Case, pk=pk)
    typed = normalise_resident_id(request.GET.get("recipient_id_number", ""))[:18]
    context: dict[str, Any] = {"typed": typed}
    if len(typed) == 18:
        try:
            validate_resident_id(typed)
        except ValidationError as error:
            context["error"] = error.messages[0]
        else:
            context["matches"] = delivery.identity_matches(case, typed)
            if context["matches"]:
                context["who"] = (
                    _("the applicant")
                    if typed == case.id_number and case.applicant_kind == ApplicantKind.PERSON
                    else _("the agent on record")
                )
                context["name"] = (
                    case.applicant_name if typed == case.id_number else case.agent_name
                )
    return render(request, "cases/delivery/partials/identity.html", context)


@login_required
@require_POST
def upload(request: StaffRequest, slot: str) -> HttpResponse:
    """A letter of authorisation or a receipt (scan or photo), held at once so a message about
    anything else never makes the clerk take it again."""
    require(request.user, Capability.SERVE_AT_WINDOW)
    if slot not in SLOTS:
        raise Http404
    form = UploadForm(request.POST, request.FILES)
    context: dict[str, Any] = {"slot": slot}
    if form.is_valid():
        try:
            context["upload"] = intake.hold_upload(
                actor=request.user, file=form.cleaned_data["file"], kinds=DELIVERY_KINDS
            )
        except ValidationError as error:
            context["error"] = error.messages[0]
    else:
        context["error"] = _("Choose a file.")
    return render(request, "cases/delivery/partials/upload.html", context)


@login_required
def done(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, Capability.SERVE_AT_WINDOW)
    case = get_object_or_404(Case.objects.select_related("item", "department"), pk=pk)
    handed = Delivery.objects.filter(case=case).select_related("window").first()
    if handed is None:
        return redirect("delivery_case", pk=case.pk)
    return render(
        request,
        "cases/delivery/done.html",
        {
            "case": case,
            "delivery": handed,
            "window": _window(request),
            "notice": case.notices.filter(kind=Notice.Kind.COMPLETION)
            .order_by("-created_at")
            .first(),
            "result_notice": _result_notice(case),
            "actions": done_actions.actions_for(done_actions.AFTER_DELIVERY, request.user, case),
        },
    )


@login_required
def delivery_file(request: StaffRequest, pk: int, slot: str) -> FileResponse:
    """The signed receipt or the letter of authorisation kept with a delivery."""
    handed = get_object_or_404(Delivery.objects.select_related("case"), case_id=pk)
    if slot not in SLOTS or not may_read_case(request.user, handed.case):
        raise Http404
    stored = getattr(handed, slot)
    if not stored:
        raise Http404
    return FileResponse(stored.open("rb"), as_attachment=False)

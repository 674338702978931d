"""The window hands over a partner zone's result (异地出件) for an application received
here: under /desk/partner/forwarded/<ref>/deliver/. The same hand-over as the delivery
window's for a local case (who collects, the signed receipt, or the post), and the same
uploads (held at once by the delivery window's upload page). Thin: parse, call
gaoxin.exchange.delivery, render."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gaoxin.cases import delivery as cases_delivery
from gaoxin.cases.backoffice import StepRefused
from gaoxin.cases.forms import DeliveryForm
from gaoxin.cases.models import ApplicantKind, Delivery, PendingUpload
from gaoxin.core.errors import DomainError
from gaoxin.core.http import StaffRequest
from gaoxin.core.identity import normalise_resident_id, validate_resident_id
from gaoxin.core.models import Window
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.exchange import delivery, documents
from gaoxin.exchange.models import ForwardedApplication


class HandOverForm(DeliveryForm):
    """The delivery window's form, with pick-up and post only."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        method = self.fields["method"]
        method.choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in Delivery.Method.choices if value in delivery.METHODS
        ]


def _window(request: StaffRequest) -> Window | None:
    chosen = request.GET.get("window") or request.POST.get("window")
    if chosen and chosen.isdigit():
        return Window.objects.filter(pk=chosen, is_active=True).first()
    return request.user.window


@login_required
def deliver(request: StaffRequest, ref: uuid.UUID) -> HttpResponse:
    require(request.user, Capability.SERVE_AT_WINDOW)
    forwarded = get_object_or_404(
        ForwardedApplication.objects.select_related("partner", "received_by"), ref=ref
    )
    window = _window(request)
    if forwarded.status == ForwardedApplication.Status.DELIVERED:
        return redirect("forwarded_detail", ref=forwarded.ref)
    if forwarded.status != ForwardedApplication.Status.READY:
        messages.error(
            request,
            _("This application is %(status)s: there is no result to hand out here.")
            % {"status": forwarded.get_status_display()},
        )
        return redirect("forwarded_detail", ref=forwarded.ref)
    held: dict[str, PendingUpload] = {}
    if request.method == "POST":
        form = HandOverForm(request.POST)
        if form.is_valid():
            held = cases_delivery.held_uploads(form, request.user)
            try:
                delivery.hand_over(
                    actor=request.user,
                    forwarded=forwarded,
                    handover=cases_delivery.Handover.from_form(form, held=held, window=window),
                )
            except StepRefused as refused:
                messages.error(request, refused.message)
                form.add_errors(refused.errors)
            except DomainError as error:
                messages.error(request, error.message)
            except ValidationError as error:
                messages.error(request, "; ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("The result of %(number)s is handed over; %(partner)s is told.")
                    % {"number": forwarded.receipt_number, "partner": forwarded.partner.name},
                )
                return redirect("forwarded_detail", ref=forwarded.ref)
    else:
        form = HandOverForm(
            initial={
                "method": Delivery.Method.PICKUP,
                "address": forwarded.applicant.get("address", ""),
            }
        )
    given = forwarded.applicant
    person = given.get("applicant_kind") == ApplicantKind.PERSON
    return render(
        request,
        "exchange/forward/deliver.html",
        {
            "forwarded": forwarded,
            "window": window,
            "form": form,
            "method": form["method"].value() or Delivery.Method.PICKUP,
            "held": held,
            "documents": documents.documents(forwarded),
            "recipients": [
                n
                for n in (
                    (given.get("applicant_name"), given.get("agent_name"))
                    if person
                    else (given.get("agent_name"), given.get("contact_name"))
                )
                if n
            ],
            "carriers": ["中国邮政EMS", "顺丰速运", "京东物流"],
        },
    )


@login_required
def identity(request: StaffRequest, ref: uuid.UUID) -> HttpResponse:
    """As the clerk types the ID number of the person collecting: the applicant's or the
    agent's on record?"""
    require(request.user, Capability.SERVE_AT_WINDOW)
    forwarded = get_object_or_404(ForwardedApplication, ref=ref)
    typed = normalise_resident_id(request.GET.get("recipient_id_number", ""))[:18]
    context: dict[str, Any] = {"typed": typed}
    if len(typed) == 18:
        try:
            validate_resident_id(typed)
        except ValidationError as error:
            context["error"] = error.messages[0]
        else:
            context["matches"] = delivery.identity_matches(forwarded, typed)
            if context["matches"]:
                given = forwarded.applicant
                applicant = typed == given.get("id_number") and (
                    given.get("applicant_kind") == ApplicantKind.PERSON
                )
                context["who"] = _("the applicant") if applicant else _("the agent on record")
                context["name"] = given.get("applicant_name" if applicant else "agent_name")
    return render(request, "cases/delivery/partials/identity.html", context)

"""The rating pages: the phone page behind the link (no login) and the window's rating pad,
which the clerk turns to the applicant. Both show the same form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin

from gaoxin.cases.models import Case
from gaoxin.core.errors import DomainError
from gaoxin.core.http import StaffRequest
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.evaluations import services
from gaoxin.evaluations.forms import RatingForm
from gaoxin.evaluations.models import BAD_UP_TO, Encounter, Level, Rating


def _context(case: Case, encounter: str, form: RatingForm, **extra: object) -> dict[str, object]:
    return {
        "case": case,
        "encounter": Encounter(encounter),
        "form": form,
        "levels": sorted(Level, reverse=True),
        "bad_up_to": int(BAD_UP_TO),
        **extra,
    }


def _submit(form: RatingForm, call: Callable[[dict[str, Any]], Rating]) -> Rating | None:
    """Pass a valid form to the service; on a refusal the form carries the messages."""
    if not form.is_valid():
        return None
    try:
        return call(form.cleaned_data)
    except services.RatingRefused as refused:
        form.add_errors(refused.errors)
        if not refused.errors:
            form.add_error(None, refused.message)
    except DomainError as error:
        form.add_error(None, error.message)
    return None


@never_cache
def rate(request: HttpRequest, token: str) -> HttpResponse:
    """The phone page behind the link (the QR code on a notice, or the progress page's
    button): five big buttons, reasons for a bad rating."""
    try:
        invitation = services.open_invitation(token)
    except services.LinkUnusable as unusable:
        status = 404 if unusable.why == "unknown" else 410
        return render(
            request, "evaluations/link_unusable.html", {"message": unusable.message}, status=status
        )
    form = RatingForm(request.POST or None)
    if request.method == "POST":
        rating = _submit(
            form,
            lambda data: services.rate(
                token, level=data["level"], reasons=data["reasons"], comment=data["comment"]
            ),
        )
        if rating is not None:
            return redirect("rate_thanks")
        status = 400
    else:
        status = 200
    return render(
        request,
        "evaluations/rate.html",
        _context(invitation.case, invitation.encounter, form, pad=False),
        status=status,
    )


def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "evaluations/thanks.html", {"pad": False})


@login_required
@never_cache
# The hall's second screen at the window shows the pad in a frame of the same site.
@xframe_options_sameorigin
def pad(request: StaffRequest, pk: int, encounter: str) -> HttpResponse:
    """The window's rating pad: the clerk opens it and turns the screen to the applicant."""
    require(request.user, Capability.SERVE_AT_WINDOW)
    if encounter not in Encounter.values:
        raise Http404
    case = get_object_or_404(Case.objects.select_related("item", "department"), pk=pk)
    form = RatingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        rating = _submit(
            form,
            lambda data: services.rate_at_pad(
                actor=request.user,
                case=case,
                encounter=encounter,
                level=data["level"],
                reasons=data["reasons"],
                comment=data["comment"],
            ),
        )
        if rating is not None:
            return redirect(reverse("rate_pad_thanks", args=[case.pk, encounter]))
        status = 400
    unavailable = ""
    if request.method == "GET":
        try:
            services.check_pad(request.user, case, encounter)
        except DomainError as error:
            unavailable = error.message
    return render(
        request,
        "evaluations/rate.html",
        _context(case, encounter, form, pad=True, unavailable=unavailable),
        status=status,
    )


@login_required
@xframe_options_sameorigin
def pad_thanks(request: StaffRequest, pk: int, encounter: str) -> HttpResponse:
    require(request.user, Capability.SERVE_AT_WINDOW)
    case = get_object_or_404(Case, pk=pk)
    return render(request, "evaluations/thanks.html", {"pad": True, "case": case})

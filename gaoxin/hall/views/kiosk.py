"""The kiosk at the hall's entrance (touch screen, no sign-in): take a ticket for a business,
or check in an appointment by booking code or ID number; then the printable ticket (80 mm)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gaoxin.cases.notices import qr_svg
from gaoxin.core.errors import DomainError
from gaoxin.hall import links, queries, services
from gaoxin.hall.forms import CheckInForm
from gaoxin.hall.models import BusinessType


def _kiosk(
    request: HttpRequest, form: CheckInForm, error: str = "", status: int = 200
) -> HttpResponse:
    return render(
        request,
        "hall/kiosk.html",
        {
            "businesses": BusinessType.objects.filter(is_active=True),
            "form": form,
            "error": error,
        },
        status=status,
    )


@never_cache
def kiosk(request: HttpRequest) -> HttpResponse:
    return _kiosk(request, CheckInForm())


@never_cache
@require_POST
def take(request: HttpRequest, pk: int) -> HttpResponse:
    business = get_object_or_404(BusinessType, pk=pk, is_active=True)
    try:
        ticket = services.take_ticket(business=business)
    except DomainError as error:
        return _kiosk(request, CheckInForm(), error.message, 409)
    return redirect("hall_ticket", token=links.ticket_token(ticket))


@never_cache
@require_POST
def check_in(request: HttpRequest) -> HttpResponse:
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return _kiosk(request, form, status=400)
    try:
        code, id_number = form.lookup()
        ticket = services.check_in(code=code, id_number=id_number)
    except DomainError as error:
        return _kiosk(request, form, error.message, 409)
    return redirect("hall_ticket", token=links.ticket_token(ticket))


@never_cache
def ticket(request: HttpRequest, token: str) -> HttpResponse:
    """The ticket to print (browser print, 80 mm receipt): number, business, people ahead, the
    QR code to follow the queue on the phone."""
    found = links.ticket_of(token)
    if found is None:
        raise Http404
    url = links.follow_url(found)
    return render(
        request,
        "hall/ticket.html",
        {
            "ticket": found,
            "ahead": queries.ahead_of(found),
            "follow_url": url,
            "qr": qr_svg(url),
        },
    )

"""The clerk's window bar: next (N), call again (A), begin (B), skip (S), finish (F), transfer
(T), pause (P), the intake desk for the person called (D), the rating pad on the second screen
(R); the ticket called and the person when known. Each button posts to ``act``;
with htmx the bar is redrawn in place, without it the page reloads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gaoxin.core.errors import DomainError
from gaoxin.core.http import StaffRequest
from gaoxin.core.models import Window
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.hall import queries, services
from gaoxin.hall.forms import BusinessesForm, TransferForm
from gaoxin.hall.models import BusinessType, Ticket, WindowSession


def _window(request: HttpRequest) -> Window | None:
    number = request.GET.get("window", "")
    if number.isdigit():
        return Window.objects.filter(number=int(number), is_active=True).first()
    return getattr(request.user, "window", None)


def _context(window: Window | None) -> dict[str, Any]:
    context: dict[str, Any] = {
        "window": window,
        "windows": Window.objects.filter(is_active=True),
    }
    if window is None:
        return context
    session = WindowSession.objects.filter(window=window).first()
    if session is not None:
        businesses = list(session.businesses.all())
    else:
        businesses = list(window.hall_businesses.filter(is_active=True))
    today = timezone.localdate()
    current = (
        Ticket.objects.filter(window=window, status__in=services.CURRENT)
        .select_related("business", "appointment", "case", "rating")
        .order_by("-called_at")
        .first()
    )
    context.update(
        {
            "session": session,
            "businesses": businesses,
            "current": current,
            "waiting": queries.window_waiting(window, [b.pk for b in businesses], today),
            "served": Ticket.objects.filter(window=window, day=today)
            .exclude(status__in=services.CURRENT)
            .order_by("-ended_at")[:8],
            "transfer_form": TransferForm(),
            "businesses_form": BusinessesForm(initial={"businesses": businesses}),
            "all_businesses": BusinessType.objects.filter(is_active=True),
        }
    )
    return context


# The desks the bar also sits on, at their top (gaoxin.cases.desk_panels), and where a browser
# without htmx goes back to after pressing a button there.
DESKS = {"intake": "desk", "delivery": "delivery"}


def desk_bar(request: HttpRequest, window: Window | None, desk: str) -> dict[str, Any] | None:
    """The compact bar for the top of a desk: the window's current ticket and the buttons —
    nothing when the desk works for no window or the hall calls no business to it."""
    if window is None or desk not in DESKS:
        return None
    context = _context(window)
    if not context["businesses"]:
        return None
    return {**context, "desk": desk}


@login_required
def bar(request: StaffRequest) -> HttpResponse:
    require(request.user, Capability.SERVE_AT_WINDOW)
    return render(request, "hall/window.html", _context(_window(request)))


ACTIONS: dict[str, Callable[..., Any]] = {
    "next": services.call_next,
    "again": services.call_again,
    "begin": services.begin,
    "skip": services.skip,
    "finish": services.finish,
    "pause": services.pause,
    "resume": services.resume,
    "pad": services.show_pad,
    "unpad": services.hide_pad,
}


@login_required
@require_POST
def act(request: StaffRequest, number: int, action: str) -> HttpResponse:
    require(request.user, Capability.SERVE_AT_WINDOW)
    window = get_object_or_404(Window, number=number, is_active=True)
    error = ""
    try:
        if action == "transfer":
            form = TransferForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("Choose the business or the window to transfer to."))
            services.transfer(
                actor=request.user,
                window=window,
                business=form.cleaned_data["business"],
                to_window=form.cleaned_data["to_window"],
            )
        elif action == "businesses":
            chosen = BusinessesForm(request.POST)
            chosen.is_valid()
            services.set_businesses(
                actor=request.user,
                window=window,
                businesses=chosen.cleaned_data.get("businesses", []),
            )
        elif action in ACTIONS:
            result = ACTIONS[action](actor=request.user, window=window)
            if action == "next" and result is None:
                error = _("Nobody is waiting for this window.")
        else:
            return HttpResponse(status=404)
    except DomainError as refused:
        error = refused.message
    desk = request.GET.get("on", "")
    if request.htmx and desk in DESKS:
        panel = {**_context(window), "desk": desk, "error": error}
        return render(request, "hall/partials/desk_bar.html", {"panel": panel})
    if request.htmx:
        return render(request, "hall/partials/bar.html", {**_context(window), "error": error})
    if error:
        messages.warning(request, error)
    if desk in DESKS:
        return redirect(f"{reverse(DESKS[desk])}?window={window.pk}")
    return redirect(f"{reverse('hall_window')}?window={window.number}")


def _clerk_badge(clerk: Any) -> str:
    """Initials for the badge the second screen shows when the clerk has no photo: the
    family name of a Chinese name, else the first letters of the words."""
    name = (getattr(clerk, "full_name", "") or getattr(clerk, "username", "")).strip()
    if not name:
        return "?"
    if name[0].isascii():
        return "".join(word[0] for word in name.split()[:2]).upper()
    return name[0]


def _second_state(window: Window) -> dict[str, Any]:
    session = (
        WindowSession.objects.select_related("clerk", "pad_case").filter(window=window).first()
    )
    pad = ""
    if session is not None and session.pad_case_id is not None:
        pad = reverse("rate_pad", args=[session.pad_case_id, session.pad_encounter])
    return {"session": session, "pad": pad}


@login_required
def second(request: StaffRequest, number: int) -> HttpResponse:
    """The window's second screen, turned to the person at the window: the clerk's name and
    badge, the businesses the window serves, and the rating pad while the clerk has it on."""
    require(request.user, Capability.SERVE_AT_WINDOW)
    window = get_object_or_404(Window, number=number, is_active=True)
    state = _second_state(window)
    session = state["session"]
    clerk = session.clerk if session is not None and session.clerk else request.user
    businesses = (
        list(session.businesses.all())
        if session is not None
        else list(window.hall_businesses.filter(is_active=True))
    )
    return render(
        request,
        "hall/second.html",
        {
            "window": window,
            "clerk": clerk,
            "badge": _clerk_badge(clerk),
            "businesses": businesses,
            "pad": state["pad"],
        },
    )


@login_required
@never_cache
def second_state(request: StaffRequest, number: int) -> JsonResponse:
    """What the second screen polls every second: the pad's address while it is on."""
    require(request.user, Capability.SERVE_AT_WINDOW)
    window = get_object_or_404(Window, number=number, is_active=True)
    state = _second_state(window)
    session = state["session"]
    clerk = session.clerk if session is not None and session.clerk else None
    return JsonResponse(
        {"pad": state["pad"], "clerk": clerk.full_name if clerk is not None else ""}
    )

"""The inspection rooms (/inspections/rooms/), for administrators as the organisation pages
are: list, add, edit, take out of use and back. Thin: the services check and record."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.core import form_services
from gaoxin.core.http import StaffRequest
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.inspections import services
from gaoxin.inspections.forms import RoomForm
from gaoxin.inspections.models import Appointment, InspectionRoom


@login_required
def rooms(request: StaffRequest) -> HttpResponse:
    require(request.user, Capability.MANAGE_ORGANISATION)
    upcoming = Q(
        appointments__status=Appointment.Status.BOOKED, appointments__end__gt=timezone.now()
    )
    listed = InspectionRoom.objects.annotate(
        upcoming=Count("appointments", filter=upcoming),
        held=Count("appointments", filter=Q(appointments__status=Appointment.Status.HELD)),
    ).order_by("-active", "sort_order", "name")
    return render(request, "inspections/rooms.html", {"rooms": listed})


@login_required
def room_edit(request: StaffRequest, pk: int | None = None) -> HttpResponse:
    require(request.user, Capability.MANAGE_ORGANISATION)
    room = get_object_or_404(InspectionRoom, pk=pk) if pk else None
    title = str(room) if room else _("New inspection room")
    form = RoomForm(request.POST or None, instance=room)

    def save() -> InspectionRoom:
        if room is None:
            return services.create_room(actor=request.user, **form.cleaned_data)
        return services.update_room(actor=request.user, room=room, **form.cleaned_data)

    intro = _(
        "Remote inspections are booked in the rooms in use: each room holds one inspection "
        "per slot."
    )
    return form_services.save_or_show(
        request,
        form,
        save,
        done="inspection_rooms",
        context={"title": title, "intro": intro},
        refused_status=400,
    )


@login_required
@require_POST
def room_active(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, Capability.MANAGE_ORGANISATION)
    room = get_object_or_404(InspectionRoom, pk=pk)
    active = request.POST.get("active") == "1"
    room = services.set_room_active(actor=request.user, room=room, active=active)
    if active:
        messages.success(request, _("%(room)s is in use again.") % {"room": room})
    else:
        still = services.booked_in(room)
        text = _("%(room)s is out of use: no new inspections are booked in it.") % {"room": room}
        if still:
            text += " " + _(
                "%(n)s appointments booked in it stay there; move them from the calendar if "
                "the room is closed."
            ) % {"n": still}
        if still:
            messages.warning(request, text)
        else:
            messages.success(request, text)
    return redirect("inspection_rooms")

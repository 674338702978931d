"""The bell's page: a person's notifications, opened one by one or all marked read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.core import notifications
from gaoxin.core.http import StaffRequest
from gaoxin.core.models import Notification


@login_required
def notification_list(request: StaffRequest) -> HttpResponse:
    unread_only = request.GET.get("show") == "unread"
    page = Paginator(notifications.for_user(request.user, unread_only=unread_only), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "core/notifications.html",
        {
            "page": page,
            "unread_only": unread_only,
            "query": "show=unread" if unread_only else "",
            "unread": notifications.unread_count(request.user),
        },
    )


@login_required
def notification_open(request: StaffRequest, pk: int) -> HttpResponseRedirect:
    """Opening a notification marks it read and follows its link (or returns to the list)."""
    try:
        notification = notifications.open_notification(user=request.user, pk=pk)
    except Notification.DoesNotExist as error:
        raise Http404 from error
    target = notification.url
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(reverse("notifications"))


@login_required
@require_POST
def notification_read_all(request: StaffRequest) -> HttpResponseRedirect:
    marked = notifications.mark_all_read(user=request.user)
    if marked:
        messages.success(request, _("All notifications are marked read."))
    return redirect(reverse("notifications"))

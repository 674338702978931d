"""The administrator's pages for cross-zone handling (跨区通办): partner zones, their keys and
agreed items, this zone's own keys, and the log of refused messages. Thin: parse, call a
service or a query, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.catalog.models import ItemKind
from gaoxin.core import form_services
from gaoxin.core.errors import DomainError
from gaoxin.core.http import StaffRequest
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.exchange import keys, queries, services
from gaoxin.exchange.forms import PartnerForm, PartnerKeyForm
from gaoxin.exchange.models import Partner, PartnerKey, RejectedMessage, SigningKey

ITEMS_PER_PAGE = 50
REJECTIONS_PER_PAGE = 50


def _allowed(request: StaffRequest) -> None:
    require(request.user, Capability.MANAGE_ORGANISATION)


def _with_moments(partner: Partner) -> Partner:
    partner.last_contact = queries.last_contact(partner)  # type: ignore[attr-defined]
    partner.pending_age = queries.pending_age(partner)  # type: ignore[attr-defined]
    return partner


# --- Partners ------------------------------------------------------------------------------


@login_required
def partners(request: StaffRequest) -> HttpResponse:
    _allowed(request)
    rows = [_with_moments(partner) for partner in queries.partners_with_figures()]
    return render(
        request,
        "exchange/partners.html",
        {
            "partners": rows,
            "late_after": queries.LATE_AFTER,
            "reasons": dict(RejectedMessage.Reason.choices),
            "tab": "partners",
        },
    )


@login_required
def partner_new(request: StaffRequest) -> HttpResponse:
    _allowed(request)
    form = PartnerForm(request.POST or None, initial={"is_active": True})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        created: list[Partner] = []
        if form_services.apply(
            form,
            lambda: created.append(services.register_partner(actor=request.user, **data)),
        ):
            messages.success(
                request,
                _("%(partner)s registered. Now add its public key.") % {"partner": created[0]},
            )
            return redirect("manage_partner_key_new", code=created[0].code)
    return render(
        request,
        "exchange/partner_form.html",
        {
            "form": form,
            "partner": None,
            "title": _("Register a partner zone"),
            "back": reverse("manage_partners"),
        },
    )


@login_required
def partner_edit(request: StaffRequest, code: str) -> HttpResponse:
    _allowed(request)
    partner = get_object_or_404(Partner, code=code)
    # The form sets what was typed on the instance while it validates: keep the saved name.
    title = str(partner)
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        values = form_services.changes(form)
        if form_services.apply(
            form,
            lambda: services.update_partner(actor=request.user, partner=partner, **values),
        ):
            messages.success(request, _("Saved."))
            return redirect("manage_partner", code=partner.code)
    return render(
        request,
        "exchange/partner_form.html",
        {
            "form": form,
            "partner": partner,
            "title": title,
            "back": reverse("manage_partner", args=[code]),
        },
    )


@login_required
def partner_detail(request: StaffRequest, code: str) -> HttpResponse:
    _allowed(request)
    partner = queries.partner_with_figures(code)
    if partner is None:
        raise Http404
    _with_moments(partner)
    search = request.GET.get("q", "").strip()
    withdrawn = request.GET.get("show") == "withdrawn"
    items = queries.agreed_items(partner, search, withdrawn=withdrawn)
    page = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode(
        {k: v for k, v in {"q": search, "show": request.GET.get("show", "")}.items() if v}
    )
    return render(
        request,
        "exchange/partner_detail.html",
        {
            "partner": partner,
            "keys": queries.partner_keys(partner),
            "page": page,
            "query": query,
            "q": search,
            "withdrawn": withdrawn,
            "counts": queries.item_counts(partner),
            "late_after": queries.LATE_AFTER,
            "kinds": dict(ItemKind.choices),
            "rejections": queries.rejections(partner=partner.code)[:10],
            "tab": "partners",
        },
    )


@login_required
@require_POST
def partner_refresh(request: StaffRequest, code: str) -> HttpResponse:
    _allowed(request)
    partner = get_object_or_404(Partner, code=code)
    try:
        result = services.refresh_catalog(actor=request.user, partner=partner)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _(
                "Catalog of %(partner)s refreshed: %(added)s added, %(updated)s updated, "
                "%(withdrawn)s withdrawn, %(unchanged)s unchanged."
            )
            % {
                "partner": partner,
                "added": result.added,
                "updated": result.updated,
                "withdrawn": result.withdrawn,
                "unchanged": result.unchanged,
            },
        )
    return redirect("manage_partner", code=partner.code)


# --- Partner keys --------------------------------------------------------------------------


@login_required
def partner_key_new(request: StaffRequest, code: str) -> HttpResponse:
    _allowed(request)
    partner = get_object_or_404(Partner, code=code)
    form = PartnerKeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if form_services.apply(
            form,
            lambda: services.add_partner_key(actor=request.user, partner=partner, **data),
        ):
            messages.success(
                request,
                _("Key %(key_id)s of %(partner)s added: its messages signed with it are accepted.")
                % {"key_id": data["key_id"], "partner": partner},
            )
            return redirect("manage_partner", code=partner.code)
    return render(
        request,
        "exchange/partner_key_form.html",
        {
            "form": form,
            "partner": partner,
            "back": reverse("manage_partner", args=[partner.code]),
        },
    )


@login_required
@require_POST
def partner_key_retire(request: StaffRequest, code: str, pk: int) -> HttpResponse:
    _allowed(request)
    key = get_object_or_404(PartnerKey, pk=pk, partner__code=code)
    try:
        services.retire_partner_key(actor=request.user, key=key)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Key %(key_id)s retired: messages signed with it are refused from now on.")
            % {"key_id": key.key_id},
        )
    return redirect("manage_partner", code=code)


# --- This zone's keys --------------------------------------------------------------------------


@login_required
def own_keys(request: StaffRequest) -> HttpResponse:
    _allowed(request)
    # Only reads: a new key every active partner has acknowledged is switched to by the
    # worker's loop (exchange.keys); the page says it is about to sign.
    rows = keys.overview()
    pending = next((row for row in rows if row.state == keys.KeyState.PENDING), None)
    return render(
        request,
        "exchange/own_keys.html",
        {
            "rows": rows,
            "signing": next((row.key for row in rows if row.state == keys.KeyState.SIGNING), None),
            "pending": pending,
            "active_count": sum(1 for row in rows if row.state != keys.KeyState.RETIRED),
            "platform_url": request.build_absolute_uri("/").rstrip("/"),
            "tab": "own_keys",
        },
    )


@login_required
@require_POST
def own_key_rotate(request: StaffRequest) -> HttpResponse:
    _allowed(request)
    had_key = SigningKey.objects.exists()
    try:
        key = services.rotate_own_key(actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("manage_own_keys")
    if not had_key:
        text = _("Key %(key_id)s made: give its public key to every partner.")
    elif key.activated_at is not None:
        text = _(
            "New key %(key_id)s signs from now on (no active partner to wait for). Partners "
            "get its public key automatically."
        )
    else:
        text = _(
            "New key %(key_id)s made. Every partner gets its public key automatically; it "
            "signs once all active partners have acknowledged it, the old key until then."
        )
    messages.success(request, text % {"key_id": key.key_id})
    return redirect("manage_own_keys")


@login_required
@require_POST
def own_key_retire(request: StaffRequest, pk: int) -> HttpResponse:
    _allowed(request)
    key = get_object_or_404(SigningKey, pk=pk)
    try:
        services.retire_own_key(actor=request.user, key=key)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Key %(key_id)s retired. The partners are told to refuse what it signs from now on.")
            % {"key_id": key.key_id},
        )
    return redirect("manage_own_keys")


# --- Rejected messages --------------------------------------------------------------------------


@login_required
def rejected(request: StaffRequest) -> HttpResponse:
    _allowed(request)
    partner = request.GET.get("partner", "")
    reason = request.GET.get("reason", "")
    if reason not in RejectedMessage.Reason.values:
        reason = ""
    page = Paginator(
        queries.rejections(partner=partner, reason=reason), REJECTIONS_PER_PAGE
    ).get_page(request.GET.get("page"))
    filters: dict[str, Any] = {"partner": partner, "reason": reason}
    known = dict(Partner.objects.values_list("code", "name"))
    return render(
        request,
        "exchange/rejected.html",
        {
            "page": page,
            "query": urlencode({k: v for k, v in filters.items() if v}),
            "partner": partner,
            "reason": reason,
            "partners": known,
            "unknown": queries.UNKNOWN,
            "reasons": RejectedMessage.Reason.choices,
            "tab": "rejected",
        },
    )

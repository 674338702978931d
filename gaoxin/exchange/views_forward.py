"""The window's pages for 异地代收 (receiving an application on a partner zone's behalf):
find the partner's item, record the applicant, tick the partner's materials with their scans,
forward (Alt+F); then the list of what was forwarded and each one's shared history. Thin:
parse, call gaoxin.exchange.forwarding, render."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gaoxin.cases import intake
from gaoxin.cases.forms import ApplicantForm, UploadForm
from gaoxin.cases.models import PendingUpload
from gaoxin.cases.workflow import ACTION_LABELS as CASE_ACTIONS
from gaoxin.cases.workflow import Status as CaseStatus
from gaoxin.catalog.models import Material
from gaoxin.core.errors import DomainError
from gaoxin.core.http import StaffRequest
from gaoxin.core.models import Window, Zone
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.exchange import forwarding
from gaoxin.exchange.forms_forward import ForwardedFilter
from gaoxin.exchange.models import (
    AgreedItem,
    ApplicationEvent,
    ExchangeFile,
    ForwardedApplication,
    IncomingApplication,
)

PER_PAGE = 50


def _allowed(request: StaffRequest) -> None:
    require(request.user, Capability.SERVE_AT_WINDOW)


def _window(request: StaffRequest) -> Window | None:
    chosen = request.GET.get("window") or request.POST.get("window")
    if chosen and chosen.isdigit():
        return Window.objects.filter(pk=chosen, is_active=True).first()
    return request.user.window


def agreed_items(query: str) -> Any:
    """The items of active partners we may receive, by item name or code, or partner name
    or code."""
    items = AgreedItem.objects.filter(is_active=True, partner__is_active=True).select_related(
        "partner"
    )
    if query:
        items = items.filter(
            Q(name__icontains=query)
            | Q(code__icontains=query)
            | Q(partner__name__icontains=query)
            | Q(partner__code__iexact=query)
        )
    return items.order_by("partner__code", "name")


# --- The desk --------------------------------------------------------------------------------


@login_required
def desk(request: StaffRequest) -> HttpResponse:
    _allowed(request)
    recent = (
        ForwardedApplication.objects.filter(received_by=request.user)
        .select_related("partner")
        .order_by("-received_at")[:10]
    )
    return render(
        request,
        "exchange/forward/desk.html",
        {
            "window": _window(request),
            "windows": Window.objects.filter(is_active=True).exclude(kind=Window.Kind.DELIVERY),
            "recent": recent,
        },
    )


@login_required
def item_search(request: StaffRequest) -> HttpResponse:
    _allowed(request)
    query = request.GET.get("q", "").strip()[:50]
    items = agreed_items(query)[:12] if query else []
    return render(request, "exchange/forward/partials/items.html", {"items": items, "q": query})


@login_required
def new(request: StaffRequest, item_id: int) -> HttpResponse:
    _allowed(request)
    items = AgreedItem.objects.select_related("partner")
    if request.method != "POST":
        # Withdrawn since the form was opened: the service says so, and the input stays.
        items = items.filter(is_active=True, partner__is_active=True)
    item = get_object_or_404(items, pk=item_id)
    window = _window(request)
    if request.method != "POST":
        receipts = [
            forwarding.MaterialReceipt(received=False, copies=int(entry.get("copies") or 1))
            for entry in item.materials
        ]
        form = ApplicantForm(initial={"kind": "person"})
        return _render(request, item, window, form, receipts, {})
    form = ApplicantForm(request.POST)
    receipts = _receipts_from(request.POST, item)
    errors: dict[str, list[str]] = {}
    if form.is_valid():
        try:
            forwarded = forwarding.forward(
                actor=request.user,
                item=item,
                applicant=intake.Applicant(**form.cleaned_data),
                materials=receipts,
                window=window,
            )
        except intake.IntakeRefused as refused:
            messages.error(request, refused.message)
            for name, problems in refused.errors.items():
                if name in form.fields:
                    form.add_error(name, problems)
            errors = refused.errors
        except DomainError as error:
            messages.error(request, error.message)
        except ValidationError as error:
            messages.error(request, "; ".join(error.messages))
        else:
            return redirect("forward_done", ref=forwarded.ref)
    return _render(request, item, window, form, receipts, errors)


def _render(
    request: StaffRequest,
    item: AgreedItem,
    window: Window | None,
    form: ApplicantForm,
    receipts: list[forwarding.MaterialReceipt],
    errors: dict[str, list[str]],
) -> HttpResponse:
    held = {
        u.pk: u
        for u in PendingUpload.objects.filter(
            pk__in=[pk for r in receipts for pk in r.upload_ids], owner=request.user
        )
    }
    rows = []
    for index, (entry, receipt) in enumerate(zip(item.materials, receipts, strict=True)):
        rows.append(
            {
                "index": index,
                "entry": entry,
                "need": _label(Material.Need, entry.get("requirement")),
                "kind": _label(Material.Kind, entry.get("kind")),
                "receipt": receipt,
                "uploads": [held[pk] for pk in receipt.upload_ids if pk in held],
                "errors": errors.get(forwarding.material_key(index), []),
            }
        )
    return render(
        request,
        "exchange/forward/new.html",
        {
            "item": item,
            "window": window,
            "applicant_form": form,
            "rows": rows,
            "max_scan": forwarding.max_scan_bytes(),
        },
    )


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


def _receipts_from(post: Any, item: AgreedItem) -> list[forwarding.MaterialReceipt]:
    receipts = []
    for index in range(len(item.materials)):
        try:
            copies = max(0, min(int(post.get(f"copies-{index}") or 0), 99))
        except ValueError:
            copies = 0
        uploads = [_uuid(value) for value in post.getlist(f"upload-{index}")]
        receipts.append(
            forwarding.MaterialReceipt(
                received=post.get(f"received-{index}") == "received",
                copies=copies,
                upload_ids=[pk for pk in uploads if pk is not None],
            )
        )
    return receipts


def _uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


@login_required
@require_POST
def upload(request: StaffRequest, index: int) -> HttpResponse:
    """A scan for the ``index``-th material, held at once so a later message loses nothing;
    answered with its line in the material's list of scans."""
    _allowed(request)
    form = UploadForm(request.POST, request.FILES)
    context: dict[str, Any] = {"index": index}
    if form.is_valid():
        try:
            context["upload"] = forwarding.hold_scan(
                actor=request.user, file=form.cleaned_data["file"]
            )
        except ValidationError as error:
            context["error"] = error.messages[0]
    else:
        context["error"] = _("Choose a file.")
    return render(request, "exchange/forward/partials/scan.html", context)


@login_required
def done(request: StaffRequest, ref: uuid.UUID) -> HttpResponse:
    _allowed(request)
    forwarded = get_object_or_404(
        ForwardedApplication.objects.select_related("partner", "item", "window"), ref=ref
    )
    return render(request, "exchange/forward/done.html", {"forwarded": forwarded})


# --- What was forwarded ----------------------------------------------------------------------


@login_required
def forwarded_list(request: StaffRequest) -> HttpResponse:
    _allowed(request)
    form = ForwardedFilter(request.GET or None)
    rows = ForwardedApplication.objects.select_related("partner", "received_by").order_by(
        "-received_at"
    )
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            rows = rows.filter(
                Q(receipt_number__icontains=data["q"])
                | Q(remote_number__icontains=data["q"])
                | Q(applicant__applicant_name__icontains=data["q"])
                | Q(item_name__icontains=data["q"])
            )
        if data["status"]:
            rows = rows.filter(status=data["status"])
        if data["partner"]:
            rows = rows.filter(partner=data["partner"])
        if data["mine"]:
            rows = rows.filter(received_by=request.user)
        filters = {
            "q": data["q"],
            "status": data["status"],
            "partner": data["partner"].code if data["partner"] else "",
            "mine": "on" if data["mine"] else "",
        }
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "exchange/forward/list.html",
        {
            "form": form,
            "page": page,
            "query": urlencode({k: v for k, v in filters.items() if v}),
            "to_act": _TO_ACT,
        },
    )


# Where the window has something to do: the clerk's list marks them.
_TO_ACT = frozenset(
    {
        ForwardedApplication.Status.CORRECTION,
        ForwardedApplication.Status.REFUSED,
        ForwardedApplication.Status.READY,
    }
)

# What each line of the shared history is called: the partner's case events as the case's
# own history calls them, and the steps before its case exists.
EXCHANGE_ACTIONS = {
    forwarding.FORWARD_ACTION: gettext_lazy("Received here and forwarded to the partner zone"),
    "arrived": gettext_lazy("Arrived at the partner zone"),
    "not_agreed": gettext_lazy("Refused: the item is not agreed with us"),
    "request_correction": gettext_lazy("The partner zone asks for a correction"),
    "refuse": gettext_lazy("Not accepted by the partner zone"),
}


def action_labels() -> dict[str, str]:
    labels = {code: str(label) for code, label in CASE_ACTIONS.items()}
    labels.update({code: str(text) for code, text in EXCHANGE_ACTIONS.items()})
    return labels


def status_labels() -> dict[str, str]:
    labels = {value: str(label) for value, label in IncomingApplication.Status.choices}
    labels.update({value: str(label) for value, label in CaseStatus.choices})
    labels[ForwardedApplication.Status.FORWARDED] = str(ForwardedApplication.Status.FORWARDED.label)
    return labels


@login_required
def forwarded_detail(request: StaffRequest, ref: uuid.UUID) -> HttpResponse:
    _allowed(request)
    forwarded = get_object_or_404(
        ForwardedApplication.objects.select_related("partner", "window", "received_by"), ref=ref
    )
    zone = Zone.current()
    zones = {forwarded.partner.code: forwarded.partner.name}
    if zone is not None:
        zones[zone.code] = zone.short_name or zone.name
    actions, statuses = action_labels(), status_labels()
    history = [
        {
            "event": event,
            "zone": zones.get(event.zone, event.zone),
            "ours": zone is not None and event.zone == zone.code,
            "action": actions.get(event.action, event.action),
            "status": statuses.get(event.status, event.status),
        }
        for event in ApplicationEvent.objects.filter(ref=forwarded.ref).order_by("at", "id")
    ]
    files = {str(f.pk): f for f in ExchangeFile.objects.filter(ref=forwarded.ref)}
    materials = [
        {**entry, "scans": [files[pk] for pk in entry.get("files", []) if pk in files]}
        for entry in forwarded.materials
    ]
    return render(
        request,
        "exchange/forward/detail.html",
        {
            "forwarded": forwarded,
            "history": history,
            "materials": materials,
            "remote_status": statuses.get(forwarded.remote_status, forwarded.remote_status),
            "to_act": forwarded.status in _TO_ACT,
        },
    )


@login_required
def forwarded_file(request: StaffRequest, ref: uuid.UUID, file_id: uuid.UUID) -> FileResponse:
    _allowed(request)
    kept = get_object_or_404(ExchangeFile, pk=file_id, ref=ref)
    if not ForwardedApplication.objects.filter(ref=ref).exists():
        raise Http404
    content_type = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
    response = FileResponse(
        kept.file.open("rb"), content_type=content_type.get(kept.kind, "application/octet-stream")
    )
    response["Content-Disposition"] = f'inline; filename="{kept.pk}.{kept.kind}"'
    return response

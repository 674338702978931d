"""The exchange API partners call (``/exchange/v1/``): no session, no sign-in, no CSRF
token — each request is signed by the partner's key and checked by :mod:`signing`.

A refused request is answered ``{"error": reason, "detail": ...}`` with the reason's HTTP
status and kept in the rejected-messages log with the zone it claims to come from."""

from __future__ import annotations

import json
import os
import random
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from gaoxin.core.audit import client_ip
from gaoxin.core.models import Zone
from gaoxin.exchange import inbox, published, signing
from gaoxin.exchange.models import Partner
from gaoxin.exchange.reconcile import answer, requested_period
from gaoxin.exchange.signing import Reason, Rejected

# Test-only fault injection for bench/exchange_faults.py: with GAOXIN_EXCHANGE_DROP_RESPONSES
# set (e.g. 0.3), that share of the messages taken is answered 503 although they were stored,
# as when the answer is lost on the way back. Never set in production; unset, it is off.
DROP_RESPONSES = float(os.environ.get("GAOXIN_EXCHANGE_DROP_RESPONSES") or 0)


def _verified(request: HttpRequest) -> Partner:
    # The path below the platform's root (path_info), as the partner signed it.
    return signing.verify(
        request.method or "", request.get_full_path_info(), request.headers, _body(request)
    )


def _body(request: HttpRequest) -> bytes:
    """The request's body, or Rejected(TOO_LARGE) past DATA_UPLOAD_MAX_MEMORY_SIZE: Django
    would answer 400 without a word in the log, and an administrator looking for a partner's
    lost message must find why it was refused."""
    try:
        return request.body
    except RequestDataTooBig as error:
        raise Rejected(
            Reason.TOO_LARGE,
            _("The request has %(size)s bytes; this zone takes at most %(limit)s.")
            % {
                "size": request.META.get("CONTENT_LENGTH", "?"),
                "limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
            },
        ) from error


def _claimed_id(request: HttpRequest) -> str:
    try:
        body = request.body
    except RequestDataTooBig:
        return ""
    try:
        message = json.loads(body)
    except ValueError:
        return ""
    return str(message.get("id") or "") if isinstance(message, dict) else ""


def _refused(request: HttpRequest, rejected: Rejected) -> JsonResponse:
    inbox.log_rejection(
        rejected,
        partner_code=signing.header(request.headers, signing.HEADER_ZONE),
        message_id=_claimed_id(request),
        remote_addr=client_ip(request),
    )
    return JsonResponse(
        {"error": str(rejected.reason), "detail": rejected.detail}, status=rejected.status
    )


@csrf_exempt
@never_cache
@require_POST
def messages(request: HttpRequest) -> JsonResponse:
    """A partner delivers one message: ``{"status": "applied" | "duplicate" | "refused"}``
    (refused: taken, but refused for good by its handler, e.g. an item not agreed)."""
    try:
        partner = _verified(request)
        try:
            message: Any = json.loads(_body(request))
        except ValueError as error:
            raise Rejected(Reason.MALFORMED, _("The body is not JSON.")) from error
        status = inbox.receive(partner, message, remote_addr=client_ip(request))
    except Rejected as rejected:
        return _refused(request, rejected)
    if DROP_RESPONSES and random.random() < DROP_RESPONSES:  # noqa: S311 - a test's fault
        return JsonResponse({"error": "dropped"}, status=503)
    return JsonResponse({"status": status})


@csrf_exempt
@never_cache
@require_GET
def catalog(request: HttpRequest) -> JsonResponse:
    """This zone's items open to cross-zone handling, for a partner's agreed-items list."""
    try:
        _verified(request)
    except Rejected as rejected:
        return _refused(request, rejected)
    zone = Zone.current()
    return JsonResponse({"zone": zone.code if zone else "", "items": published.catalog()})


@csrf_exempt
@never_cache
@require_GET
def figures(request: HttpRequest) -> JsonResponse:
    """对账: for the calling partner only, the applications received on either side between
    ``from`` and ``to`` (local dates, at most a year), each with its status here
    (gaoxin.exchange.reconcile.answer)."""
    try:
        partner = _verified(request)
        start, end = requested_period(request.GET)
    except Rejected as rejected:
        return _refused(request, rejected)
    return JsonResponse(answer(partner, start, end))

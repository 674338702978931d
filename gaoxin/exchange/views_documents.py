"""The result's documents a partner fetches (``GET /exchange/v1/applications/<ref>/
documents/<number>.pdf``): signed like every exchange request, for the partner's own
applications only, 404 until the worker rendered the document
(gaoxin.exchange.documents)."""

from __future__ import annotations

import hashlib
import uuid

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from gaoxin.exchange import documents
from gaoxin.exchange.signing import Rejected
from gaoxin.exchange.views import _refused, _verified


@never_cache
@require_GET
def document(request: HttpRequest, ref: uuid.UUID, number: str) -> HttpResponse:
    try:
        partner = _verified(request)
    except Rejected as rejected:
        return _refused(request, rejected)
    notice = documents.document_for(partner, ref, number)
    if notice is None:
        return JsonResponse(
            {"error": "not_found", "detail": _("No such document, or not rendered yet.")},
            status=404,
        )
    with notice.pdf.open("rb") as stored:
        data = stored.read()
    response = HttpResponse(data, content_type="application/pdf")
    response[documents.HEADER_SHA256] = hashlib.sha256(data).hexdigest()
    response["Content-Disposition"] = f'inline; filename="{notice.pk}.pdf"'
    return response

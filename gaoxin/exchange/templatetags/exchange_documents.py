"""The result's documents a partner zone issued on an application received here, for the
pages of that application: ``{% load exchange_documents %}{% result_documents forwarded %}``."""

from __future__ import annotations

from typing import Any

from django import template

from gaoxin.exchange import documents
from gaoxin.exchange.models import ForwardedApplication

register = template.Library()


@register.inclusion_tag("exchange/forward/partials/documents.html")
def result_documents(forwarded: ForwardedApplication) -> dict[str, Any]:
    return {"forwarded": forwarded, "documents": documents.documents(forwarded)}

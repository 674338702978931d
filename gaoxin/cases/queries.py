"""Reads shared by the desk pages and the API."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gaoxin.cases.models import Case
from gaoxin.cases.workflow import OPEN_AT_WINDOW
from gaoxin.core.identity import normalise_credit_code, normalise_resident_id


def open_at_window(search: str = "") -> QuerySet[Case]:
    """Applications waiting at the window: received, or sent home for a correction. Found by
    receipt number, ID number, credit code, name or phone when the applicant returns."""
    cases = Case.objects.filter(status__in=OPEN_AT_WINDOW).select_related("item", "window")
    term = search.strip()
    if term:
        cases = cases.filter(
            Q(receipt_number__iexact=term)
            | Q(id_number=normalise_resident_id(term))
            | Q(credit_code=normalise_credit_code(term))
            | Q(applicant_name__contains=term)
            | Q(phone=term)
        )
    return cases.order_by("-received_at")


def case_for_desk(pk: int) -> Case:
    return Case.objects.select_related("item", "item__department", "window", "received_by").get(
        pk=pk
    )

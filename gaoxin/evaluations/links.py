"""Where the applicant is handed a way to rate, besides the window's pad: the QR code on a
notice (一次一评 after the intake, 一事一评 on the completion notice) and the buttons on the
public progress page. Both are registered with the cases app in ``EvaluationsConfig.ready``.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from gaoxin.cases.models import Case, Notice
from gaoxin.cases.notices import chinese_date
from gaoxin.core.errors import DomainError
from gaoxin.evaluations import services
from gaoxin.evaluations.models import Channel, Encounter, Rating

# The notices that follow an encounter the applicant may rate, and which one they rate.
NOTICE_ENCOUNTERS: dict[str, str] = {
    Notice.Kind.ACCEPTANCE: Encounter.INTAKE,
    Notice.Kind.DEFICIENCY: Encounter.INTAKE,
    Notice.Kind.CORRECTION: Encounter.INTAKE,
    Notice.Kind.REFUSAL: Encounter.INTAKE,
    Notice.Kind.COMPLETION: Encounter.CASE,
}
# The notice's own words (an official document: Chinese, not gettext).
RATING_CAPTION = "请用手机扫描二维码，对本次服务作出评价（此码仅可使用一次，{expires}前有效）"

PANEL_TEMPLATE = "evaluations/partials/progress_panel.html"


def notice_rating(case: Case, kind: str) -> dict[str, Any] | None:
    """The rating link a notice of ``kind`` carries, as ``content["rating"]``: the path of a
    one-time link on the QR channel, and its caption with the day it expires (an open link
    given before, on an earlier notice of the same intake, keeps its own expiry). None when the
    notice follows no encounter to rate, or that encounter cannot be rated (already rated)."""
    encounter = NOTICE_ENCOUNTERS.get(kind)
    if encounter is None:
        return None
    try:
        invitation = services.invitation_for(case, encounter, channel=Channel.QR)
    except DomainError:
        return None
    expires = chinese_date(timezone.localdate(invitation.expires_at))
    return {
        "rating": {
            "path": reverse("rate", args=[invitation.token]),
            "encounter": encounter,
            "expires": expires,
            "caption": RATING_CAPTION.format(expires=expires),
        }
    }


def progress_panel(case: Case) -> dict[str, Any] | None:
    """The encounters of the case that happened and are not rated yet, in the order they
    happen: a button each on the progress page. None when there is none."""
    rated = set(Rating.objects.filter(case=case).values_list("encounter", flat=True))
    if rated >= set(Encounter.values):
        return None
    open_ = [
        {"value": encounter.value, "label": encounter.label}
        for encounter in Encounter
        if encounter.value not in rated and services.encounter_happened(case, encounter)
    ]
    return {"encounters": open_} if open_ else None

"""Every change to ratings: inviting a rating by a link, rating from that link (the phone
page), and rating at the window's pad. The applicant is not signed in: the link is their
permission, bound to one case and one encounter, good once and for 30 days."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.cases.models import Case, Delivery
from gaoxin.cases.workflow import Status
from gaoxin.core import audit
from gaoxin.core.errors import DomainError
from gaoxin.core.models import User
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.evaluations.models import (
    BAD_UP_TO,
    Channel,
    Encounter,
    Level,
    Rating,
    RatingInvitation,
    Reason,
)

COMMENT_MAX = 500


class RatingRefused(DomainError):
    """The rating cannot be taken as given; ``errors`` says which field needs what."""

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or {}


class LinkUnusable(DomainError):
    """The link has been used, has expired or never existed (``why``: unknown, used,
    expired or rated)."""

    def __init__(self, message: str, why: str) -> None:
        super().__init__(message)
        self.why = why


# --- Which encounters may be rated --------------------------------------------------------


def encounter_happened(case: Case, encounter: str) -> bool:
    """Intake once it ended (the case has its receipt number and left the window's hands),
    delivery once the result was handed over, the whole case once it is completed."""
    if encounter == Encounter.INTAKE:
        return bool(case.receipt_number) and case.status != Status.RECEIVED
    if encounter == Encounter.DELIVERY:
        return Delivery.objects.filter(case=case).exists()
    if encounter == Encounter.CASE:
        return case.status == Status.COMPLETED
    return False


def check_ratable(case: Case, encounter: str) -> None:
    if encounter not in Encounter.values:
        raise DomainError(_("There is no such service to rate."))
    if not encounter_happened(case, encounter):
        raise DomainError(
            _("%(encounter)s of this case has not happened yet, so it cannot be rated.")
            % {"encounter": Encounter(encounter).label}
        )
    if Rating.objects.filter(case=case, encounter=encounter).exists():
        raise DomainError(_("This service has already been rated. Thank you."))


def attribution(case: Case, encounter: str) -> dict[str, object]:
    """Who served in this encounter, as the rating keeps it: the window and the clerk at the
    window for intake and delivery; the owning department and the item always."""
    window = clerk = None
    if encounter == Encounter.INTAKE:
        window = case.window
        clerk = case.accepted_by or case.received_by
    elif encounter == Encounter.DELIVERY:
        handed = Delivery.objects.select_related("window", "delivered_by").get(case=case)
        clerk = handed.delivered_by
        window = handed.window or clerk.window
    return {"window": window, "clerk": clerk, "department": case.department, "item": case.item}


# --- Links ----------------------------------------------------------------------------------


@transaction.atomic
def invite(case: Case, encounter: str, *, actor: User | None = None) -> str:
    """The path of the link (for the QR code on a notice, or a message). An open link of the
    same case and encounter is given again rather than a second one."""
    check_ratable(case, encounter)
    now = timezone.now()
    invitation = RatingInvitation.objects.filter(
        case=case, encounter=encounter, used_at__isnull=True, expires_at__gt=now
    ).first()
    if invitation is None:
        invitation = RatingInvitation.objects.create(
            token=secrets.token_urlsafe(32), case=case, encounter=encounter, created_at=now
        )
        audit.record(
            "evaluations.invite",
            actor=actor,
            obj=case,
            changes={"encounter": encounter, "expires_at": invitation.expires_at},
        )
    return reverse("rate", args=[invitation.token])


def open_invitation(token: str) -> RatingInvitation:
    """The link's invitation, or the reason it cannot be used (a message for the applicant)."""
    invitation = (
        RatingInvitation.objects.select_related("case__item", "case__department")
        .filter(token=token)
        .first()
    )
    if invitation is None:
        raise LinkUnusable(
            _("This rating link is not valid. Please scan the code on your notice again."),
            "unknown",
        )
    if invitation.used_at is not None:
        raise LinkUnusable(
            _("This rating link has already been used. Each link can be used once. Thank you."),
            "used",
        )
    if invitation.expired():
        raise LinkUnusable(
            _("This rating link has expired: a link can be used for 30 days after it is issued."),
            "expired",
        )
    if Rating.objects.filter(case=invitation.case, encounter=invitation.encounter).exists():
        raise LinkUnusable(_("This service has already been rated. Thank you."), "rated")
    return invitation


# --- Rating ---------------------------------------------------------------------------------


def _clean(level: object, reasons: Iterable[str], comment: str) -> tuple[int, list[str], str]:
    errors: dict[str, list[str]] = {}
    try:
        value = int(str(level))
    except ValueError:
        value = 0
    if value not in Level.values:
        errors["level"] = [_("Choose one of the five ratings.")]
    chosen = list(dict.fromkeys(reasons))  # in order, once each
    if any(code not in Reason.values for code in chosen):
        errors["reasons"] = [_("Choose reasons from the list.")]
    comment = comment.strip()
    if len(comment) > COMMENT_MAX:
        errors["comment"] = [
            _("Please keep the comment to %(count)d characters.") % {"count": COMMENT_MAX}
        ]
    if value in Level.values and value <= BAD_UP_TO:
        if not chosen and "reasons" not in errors:
            errors["reasons"] = [_("Please tell us what went wrong: choose at least one reason.")]
    else:
        chosen = []  # reasons are asked only for a bad rating
    if errors:
        raise RatingRefused(_("The rating is not complete."), errors)
    return value, chosen, comment


def _create(
    case: Case,
    encounter: str,
    *,
    level: object,
    reasons: Iterable[str],
    comment: str,
    channel: str,
    actor: User | None,
) -> Rating:
    check_ratable(case, encounter)
    level_value, chosen, comment = _clean(level, reasons, comment)
    rating = Rating(
        case=case,
        encounter=encounter,
        level=level_value,
        reasons=chosen,
        comment=comment,
        channel=channel,
        rated_at=timezone.now(),
        **attribution(case, encounter),
    )
    try:
        with transaction.atomic():
            rating.save()
    except IntegrityError as error:  # rated at the same moment on another channel
        raise DomainError(_("This service has already been rated. Thank you.")) from error
    # Every link of this encounter is spent with it.
    RatingInvitation.objects.filter(case=case, encounter=encounter, used_at__isnull=True).update(
        used_at=rating.rated_at
    )
    # The audit entry names no rater: the applicant is not a staff account.
    audit.record(
        "evaluations.rate",
        actor=actor,
        obj=rating,
        changes={"encounter": encounter, "level": level_value, "channel": channel},
    )
    return rating


@transaction.atomic
def rate(
    token: str,
    *,
    level: object,
    reasons: Iterable[str] = (),
    comment: str = "",
    channel: str = Channel.QR,
) -> Rating:
    """The applicant rates by the link: from the QR code or the public progress page."""
    if channel not in (Channel.QR, Channel.PROGRESS):
        raise DomainError(_("There is no such way to rate."))
    invitation = open_invitation(token)
    # Lock the link so two taps on the button give one rating.
    invitation = RatingInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at is not None:
        raise LinkUnusable(
            _("This rating link has already been used. Each link can be used once. Thank you."),
            "used",
        )
    case = Case.objects.select_related("item", "department", "window").get(pk=invitation.case_id)
    return _create(
        case,
        invitation.encounter,
        level=level,
        reasons=reasons,
        comment=comment,
        channel=channel,
        actor=None,
    )


@transaction.atomic
def rate_at_pad(
    *,
    actor: User,
    case: Case,
    encounter: str,
    level: object,
    reasons: Iterable[str] = (),
    comment: str = "",
) -> Rating:
    """The applicant rates on the pad the clerk turns to them at the window."""
    require(actor, Capability.SERVE_AT_WINDOW)
    case = (
        # Lock the case row only: the window is an outer join PostgreSQL cannot lock.
        Case.objects.select_for_update(of=("self",))
        .select_related("item", "department", "window")
        .get(pk=case.pk)
    )
    return _create(
        case,
        encounter,
        level=level,
        reasons=reasons,
        comment=comment,
        channel=Channel.PAD,
        actor=actor,
    )

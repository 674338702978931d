"""Every change to ratings: inviting a rating by a link, rating from that link (the phone
page), and rating at the window's pad. The applicant is not signed in: the link is their
permission, bound to one case and one encounter, good once and for 30 days."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.cases.models import Case, Delivery
from gaoxin.cases.workflow import Status
from gaoxin.core import audit
from gaoxin.core.errors import DomainError
from gaoxin.core.models import User, Window
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.evaluations import rectification
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


# Called with each rating, inside the transaction that records it: apps above this one (the
# hall links a rating given on the window's pad to the ticket served) react without this app
# naming them. Filled in their AppConfig.ready().
RATING_LISTENERS: list[Callable[[Rating], None]] = []


def listen(listener: Callable[[Rating], None]) -> None:
    if listener not in RATING_LISTENERS:
        RATING_LISTENERS.append(listener)


# --- Which encounters may be rated --------------------------------------------------------


def encounter_happened(case: Case, encounter: str) -> bool:
    """Intake once it ended (the case has its receipt number and left the window's hands),
    delivery once the result was handed over, the whole case once it is completed."""
    if encounter == Encounter.INTAKE:
        # (An intake ending now takes its receipt number last, in the same transaction.)
        numbered = bool(case.receipt_number) or case.being_received
        return numbered and case.status != Status.RECEIVED
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


def served_at(case: Case, encounter: str) -> Window | None:
    """The window where the encounter took place: the intake at the case's window; the
    delivery where the result was handed over (the delivery's window, else the delivering
    clerk's). The whole case ends with the delivery, so its pad is the delivery's too."""
    if encounter == Encounter.INTAKE:
        return case.window
    handed = (
        Delivery.objects.select_related("window", "delivered_by__window").filter(case=case).first()
    )
    if handed is None:
        return None
    return handed.window or handed.delivered_by.window


def check_pad(actor: User, case: Case, encounter: str) -> None:
    """The pad takes a rating only at the window that served: the applicant rates the window
    in front of them, never one a clerk elsewhere chooses for them."""
    check_ratable(case, encounter)
    window = served_at(case, encounter)
    label = Encounter(encounter).label
    if window is None:
        raise DomainError(
            _(
                "%(encounter)s of this case did not take place at a window, so it cannot be "
                "rated on a pad."
            )
            % {"encounter": label}
        )
    if actor.window_id != window.pk:
        raise DomainError(
            _(
                "This rating belongs to window %(window)s (%(encounter)s): only the pad at that "
                "window can take it."
            )
            % {"window": window, "encounter": label}
        )


# --- Links ----------------------------------------------------------------------------------


# Where a link may be given: the QR code on a notice, the public progress page. The pad needs
# no link: the clerk opens it.
LINK_CHANNELS = frozenset({Channel.QR, Channel.PROGRESS})


def invitation_for(
    case: Case, encounter: str, *, channel: str = Channel.QR, actor: User | None = None
) -> RatingInvitation:
    """The open link of this case, encounter and channel, made when there is none. A link is
    given again on the same channel rather than a second one, and only there: a rating keeps
    the channel of the link it came by."""
    if channel not in LINK_CHANNELS:
        raise DomainError(_("There is no such way to rate."))
    fresh_intake = case.being_received and encounter == Encounter.INTAKE
    if not (fresh_intake and encounter_happened(case, encounter)):
        check_ratable(case, encounter)
    # (An intake ending in the transaction that created the case: nothing has rated it yet.)
    # Every refusal is above; what follows only writes. No savepoint: a notice calls this in
    # its intake's transaction, and a failed write undoes the whole intake anyway.
    with transaction.atomic(savepoint=False):
        return _open_invitation(case, encounter, channel, actor)


def _open_invitation(
    case: Case, encounter: str, channel: str, actor: User | None
) -> RatingInvitation:
    now = timezone.now()
    invitation = None
    if not case.being_received:
        invitation = RatingInvitation.objects.filter(
            case=case,
            encounter=encounter,
            channel=channel,
            used_at__isnull=True,
            expires_at__gt=now,
        ).first()
    if invitation is None:
        invitation = RatingInvitation.objects.create(
            token=secrets.token_urlsafe(32),
            case=case,
            encounter=encounter,
            channel=channel,
            created_at=now,
        )
        audit.record(
            "evaluations.invite",
            actor=actor,
            obj=case,
            changes={
                "encounter": encounter,
                "channel": channel,
                "expires_at": invitation.expires_at,
            },
        )
    return invitation


def invite(
    case: Case, encounter: str, *, channel: str = Channel.QR, actor: User | None = None
) -> str:
    """The path of the link (for the QR code on a notice, or the button on the progress
    page), as ``invitation_for`` gives it."""
    invitation = invitation_for(case, encounter, channel=channel, actor=actor)
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
    if rating.is_bad:
        rectification.open_for(rating)
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
    for listener in RATING_LISTENERS:
        listener(rating)
    return rating


@transaction.atomic
def rate(
    token: str,
    *,
    level: object,
    reasons: Iterable[str] = (),
    comment: str = "",
) -> Rating:
    """The applicant rates by the link; the rating keeps the link's channel (the QR code on a
    notice, or the public progress page)."""
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
        channel=invitation.channel,
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
    """The applicant rates on the pad the clerk turns to them at the window: only at the
    window where the rated encounter took place (``check_pad``)."""
    require(actor, Capability.SERVE_AT_WINDOW)
    case = (
        # Lock the case row only: the window is an outer join PostgreSQL cannot lock.
        Case.objects.select_for_update(of=("self",))
        .select_related("item", "department", "window")
        .get(pk=case.pk)
    )
    check_pad(actor, case, encounter)
    return _create(
        case,
        encounter,
        level=level,
        reasons=reasons,
        comment=comment,
        channel=Channel.PAD,
        actor=actor,
    )

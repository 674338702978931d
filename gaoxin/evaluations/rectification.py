"""差评整改: every bad rating followed up to the end, and appeals (申诉) against bad ratings.

A rating of 2 or 1 opens a rectification for the department that served (``open_for``, called
by ``services`` when the rating is given). The department's head (or whoever holds
``Capability.RECTIFY`` there) verifies the rating and calls the applicant back within one
working day (``call_back``), fixes what was wrong and answers within five working days, or
fifteen when the supervisor marks the matter complex (``answer``, ``mark_complex``). The
applicant gets a one-time link to confirm the answer or rate again (``respond``); a link left
unused closes the rectification when it expires (``close_unanswered``, a daily job).

The department may appeal a rating it holds malicious or mistaken (``lodge_appeal``); the
supervisor decides (``decide_appeal``). Upheld, the rating leaves every figure
(``Rating.excluded_at``) but stays in the database and in the audit log with the reason.

Due dates are working days from the day of the rating, through ``core.workdays``. The
rectification's own figures (opened, answered on time, answered late) are read in
``queries``.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gaoxin.cases.notices import public_url
from gaoxin.core import audit, notifications, workdays
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.models import User
from gaoxin.core.permissions import can, require
from gaoxin.core.roles import Capability
from gaoxin.core.sending import send_later
from gaoxin.evaluations.models import (
    CALLBACK_DAYS,
    FIX_DAYS,
    FIX_DAYS_COMPLEX,
    RESPONSE_DAYS,
    Appeal,
    Level,
    Rating,
    Rectification,
)

NOTE_MAX = 2000

Status = Rectification.Status


class RectificationRefused(DomainError):
    """The step cannot be taken as given; ``errors`` says which field needs what."""

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or {}


# --- Due dates ------------------------------------------------------------------------------


def rating_day(rating: Rating) -> dt.date:
    return timezone.localdate(rating.rated_at)


def fix_due_for(rating: Rating, complex_: bool) -> dt.date:
    days = FIX_DAYS_COMPLEX if complex_ else FIX_DAYS
    return workdays.add_working_days(rating_day(rating), days).date


def callback_overdue(rectification: Rectification, today: dt.date) -> bool:
    if rectification.is_finished:  # e.g. excluded on appeal before anyone called back
        return False
    return rectification.called_back_at is None and today > rectification.callback_due


def fix_overdue(rectification: Rectification, today: dt.date) -> bool:
    if rectification.is_finished:
        return False
    return rectification.answered_at is None and today > rectification.fix_due


# --- Helpers --------------------------------------------------------------------------------


def _text(value: str, field: str, missing: str) -> str:
    value = (value or "").strip()
    if not value:
        raise RectificationRefused(missing, {field: [missing]})
    if len(value) > NOTE_MAX:
        message = _("Please keep this to %(count)d characters.") % {"count": NOTE_MAX}
        raise RectificationRefused(message, {field: [message]})
    return value


def _locked(rectification: Rectification) -> Rectification:
    return (
        Rectification.objects.select_for_update(of=("self",))
        .select_related("rating__case", "department")
        .get(pk=rectification.pk)
    )


def _require_department(actor: User, rectification: Rectification) -> None:
    """The department that served does the rectification; nobody else writes it."""
    require(actor, Capability.RECTIFY)
    if actor.department_id != rectification.department_id:
        raise DomainError(_("This rectification belongs to another department."))


def may_handle(user: User, rectification: Rectification) -> bool:
    """Who works on a rectification and sees who gave the rating: the serving department's
    staff who rectify, and the supervisors."""
    if can(user, Capability.SUPERVISE):
        return True
    return can(user, Capability.RECTIFY) and user.department_id == rectification.department_id


def _require_open(rectification: Rectification) -> None:
    if rectification.is_finished:
        raise DomainError(_("This rectification is already closed."))


def work_path(rectification: Rectification) -> str:
    return reverse("rectification", args=[rectification.pk])


def reveal_contact(*, actor: User, rectification: Rectification) -> dict[str, str]:
    """The applicant's full phone numbers, to call them back; each look is in the audit log
    (personal data is shown in full only to who needs it, and logged)."""
    if not may_handle(actor, rectification):
        raise NotAllowed(_("This rectification belongs to another department."))
    case = rectification.rating.case
    audit.record("evaluations.rectification_contact", actor=actor, obj=rectification)
    return {"phone": case.phone, "agent_phone": case.agent_phone}


# --- The rectification's life ---------------------------------------------------------------


def open_for(rating: Rating) -> Rectification:
    """Called in the transaction that stores a bad rating."""
    if not rating.is_bad:
        raise ValueError("Only a bad rating is rectified.")
    day = rating_day(rating)
    rectification = Rectification.objects.create(
        rating=rating,
        department=rating.department,
        opened_at=rating.rated_at,
        callback_due=workdays.add_working_days(day, CALLBACK_DAYS).date,
        fix_due=fix_due_for(rating, complex_=False),
    )
    audit.record(
        "evaluations.rectification_open",
        actor=None,
        obj=rectification,
        changes={
            "rating": rating.pk,
            "level": rating.level,
            "callback_due": rectification.callback_due,
            "fix_due": rectification.fix_due,
        },
    )
    # In the zone's language: the applicant who rated may be reading the page in another.
    with translation.override(settings.LANGUAGE_CODE):
        notifications.notify_department(
            rating.department,
            Capability.RECTIFY,
            _("Bad rating of case %(number)s: call the applicant back by %(due)s")
            % {
                "number": rating.case.display_number,
                "due": rectification.callback_due.isoformat(),
            },
            url=work_path(rectification),
            dedupe_key=f"rectification:{rectification.pk}:opened",
        )
    return rectification


@transaction.atomic
def call_back(*, actor: User, rectification: Rectification, note: str) -> Rectification:
    """The department verified the rating and spoke to the applicant (核实回访)."""
    rectification = _locked(rectification)
    _require_department(actor, rectification)
    _require_open(rectification)
    if rectification.status != Status.OPEN:
        raise DomainError(_("The applicant has already been called back."))
    note = _text(note, "note", _("Write down what you verified and what the applicant said."))
    rectification.status = Status.CALLED_BACK
    rectification.called_back_at = timezone.now()
    rectification.called_back_by = actor
    rectification.callback_note = note
    rectification.save()
    audit.record(
        "evaluations.rectification_call_back",
        actor=actor,
        obj=rectification,
        changes={
            "on_time": timezone.localdate(rectification.called_back_at)
            <= rectification.callback_due
        },
    )
    return rectification


@transaction.atomic
def answer(*, actor: User, rectification: Rectification, text: str) -> Rectification:
    """What was done, told to the applicant, who gets a link to confirm it or rate again."""
    rectification = _locked(rectification)
    _require_department(actor, rectification)
    _require_open(rectification)
    if rectification.status == Status.OPEN:
        raise DomainError(_("Call the applicant back before answering."))
    if rectification.status != Status.CALLED_BACK:
        raise DomainError(_("The applicant has already been answered."))
    text = _text(text, "answer", _("Write what was rectified, as the applicant will read it."))
    now = timezone.now()
    rectification.status = Status.ANSWERED
    rectification.answered_at = now
    rectification.answered_by = actor
    rectification.answer = text
    rectification.response_token = secrets.token_urlsafe(32)
    rectification.response_expires_at = now + dt.timedelta(days=RESPONSE_DAYS)
    rectification.save()
    audit.record(
        "evaluations.rectification_answer",
        actor=actor,
        obj=rectification,
        changes={"on_time": rectification.answered_on_time()},
    )
    case = rectification.rating.case
    link = public_url(reverse("rectification_response", args=[rectification.response_token]))
    send_later(
        case.phone or case.agent_phone,
        f"【政务服务】您对“{case.item.name}”（办件编号{case.display_number}）的评价已整改答复，"
        f"请在{RESPONSE_DAYS}日内查看并确认或重新评价：{link}",
    )
    return rectification


class ResponseUnusable(DomainError):
    """The applicant's link was used, has expired or never existed."""


def open_response(token: str) -> Rectification:
    rectification = (
        Rectification.objects.select_related("rating__case__item", "department")
        .filter(response_token=token)
        .first()
    )
    if rectification is None:
        raise ResponseUnusable(_("This link is not valid."))
    if rectification.status != Status.ANSWERED:
        raise ResponseUnusable(_("This link has already been used. Thank you."))
    expires = rectification.response_expires_at
    if expires is not None and timezone.now() >= expires:
        raise ResponseUnusable(_("This link has expired."))
    return rectification


@transaction.atomic
def respond(token: str, *, confirm: bool, level: object = None, comment: str = "") -> Rectification:
    """The applicant confirms the rectification or rates the service again. The new rating is
    kept beside the first one; the figures keep counting the rating as it was first given."""
    rectification = _locked(open_response(token))
    if rectification.status != Status.ANSWERED:
        raise ResponseUnusable(_("This link has already been used. Thank you."))
    comment = (comment or "").strip()[:NOTE_MAX]
    if confirm:
        rectification.response = Rectification.Response.CONFIRMED
    else:
        try:
            value = int(str(level))
        except ValueError:
            value = 0
        if value not in Level.values:
            message = _("Choose one of the five ratings.")
            raise RectificationRefused(message, {"level": [message]})
        rectification.response = Rectification.Response.RERATED
        rectification.rerated_level = value
    now = timezone.now()
    rectification.response_comment = comment
    rectification.responded_at = now
    rectification.status = Status.CLOSED
    rectification.closed_at = now
    rectification.save()
    audit.record(
        "evaluations.rectification_response",
        actor=None,
        obj=rectification,
        changes={"response": rectification.response, "level": rectification.rerated_level},
    )
    return rectification


def close_unanswered(day: dt.date) -> int:
    """Answered rectifications whose applicant let the link expire close without a reply."""
    now = timezone.now()
    closed = 0
    waiting = Rectification.objects.filter(
        status=Status.ANSWERED, response_expires_at__lte=now
    ).values_list("pk", flat=True)
    for pk in list(waiting):
        with transaction.atomic():
            rectification = Rectification.objects.select_for_update().get(pk=pk)
            if rectification.status != Status.ANSWERED:
                continue
            rectification.status = Status.CLOSED
            rectification.response = Rectification.Response.NONE
            rectification.closed_at = now
            rectification.save()
            audit.record(
                "evaluations.rectification_response",
                actor=None,
                obj=rectification,
                changes={"response": rectification.response},
            )
            closed += 1
    return closed


@transaction.atomic
def mark_complex(*, actor: User, rectification: Rectification, reason: str) -> Rectification:
    """The supervisor gives a complex matter 15 working days instead of 5."""
    require(actor, Capability.SUPERVISE)
    rectification = _locked(rectification)
    _require_open(rectification)
    if rectification.complex:
        raise DomainError(_("This rectification is already marked complex."))
    if rectification.answered_at is not None:
        raise DomainError(_("The applicant has already been answered."))
    reason = _text(reason, "reason", _("Say why this matter needs more time."))
    before = rectification.fix_due
    rectification.complex = True
    rectification.fix_due = fix_due_for(rectification.rating, complex_=True)
    rectification.save()
    audit.record(
        "evaluations.rectification_complex",
        actor=actor,
        obj=rectification,
        changes={"fix_due": [before, rectification.fix_due], "reason": reason},
    )
    return rectification


# --- Appeals (申诉) -------------------------------------------------------------------------


@transaction.atomic
def lodge_appeal(*, actor: User, rectification: Rectification, reason: str) -> Appeal:
    rectification = _locked(rectification)
    _require_department(actor, rectification)
    _require_open(rectification)
    if Appeal.objects.filter(rectification=rectification).exists():
        raise DomainError(_("An appeal against this rating has already been lodged."))
    reason = _text(
        reason, "reason", _("Give the grounds: why the rating is malicious or mistaken.")
    )
    appeal = Appeal.objects.create(rectification=rectification, reason=reason, lodged_by=actor)
    audit.record(
        "evaluations.appeal_lodge",
        actor=actor,
        obj=appeal,
        changes={"rating": rectification.rating_id, "reason": reason},
    )
    notifications.notify_department(
        None,
        Capability.SUPERVISE,
        _("Appeal against a bad rating of case %(number)s")
        % {"number": rectification.rating.case.display_number},
        url=work_path(rectification),
        dedupe_key=f"appeal:{appeal.pk}:lodged",
    )
    return appeal


@transaction.atomic
def decide_appeal(*, actor: User, appeal: Appeal, uphold: bool, reason: str) -> Appeal:
    """Upheld, the rating leaves the figures with the reason recorded, and the rectification
    ends; rejected, the rectification goes on where it was."""
    require(actor, Capability.SUPERVISE)
    appeal = (
        Appeal.objects.select_for_update(of=("self",))
        .select_related("rectification__rating")
        .get(pk=appeal.pk)
    )
    if not appeal.is_pending:
        raise DomainError(_("This appeal has already been decided."))
    reason = _text(reason, "reason", _("Give the reason for the decision."))
    now = timezone.now()
    appeal.decision = Appeal.Decision.UPHELD if uphold else Appeal.Decision.REJECTED
    appeal.decision_reason = reason
    appeal.decided_at = now
    appeal.decided_by = actor
    appeal.save()
    rectification = _locked(appeal.rectification)
    if uphold:
        rating = Rating.objects.select_for_update().get(pk=rectification.rating_id)
        rating.excluded_at = now
        rating.excluded_by = actor
        rating.excluded_reason = reason
        rating.save(update_fields=["excluded_at", "excluded_by", "excluded_reason"])
        if not rectification.is_finished:
            rectification.status = Status.EXCLUDED
            rectification.closed_at = now
            rectification.save()
        audit.record(
            "evaluations.rating_exclude",
            actor=actor,
            obj=rating,
            changes={"level": rating.level, "reason": reason, "appeal": appeal.pk},
        )
    audit.record(
        "evaluations.appeal_decide",
        actor=actor,
        obj=appeal,
        changes={"decision": appeal.decision, "reason": reason},
    )
    notifications.notify_department(
        rectification.department,
        Capability.RECTIFY,
        (
            _("Appeal upheld: the rating of case %(number)s no longer counts")
            if uphold
            else _("Appeal rejected: the rating of case %(number)s stands")
        )
        % {"number": rectification.rating.case.display_number},
        url=work_path(rectification),
        dedupe_key=f"appeal:{appeal.pk}:decided",
    )
    return appeal

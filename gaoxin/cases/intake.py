"""Intake at the window (前台综合受理): one service per way an intake ends.

Each takes the whole intake as the clerk entered it (applicant and material checklist), saves
it on the case — creating the case on first save, resuming it after a correction — and moves
the case on. Everything happens in one transaction with its history row, audit entry and
notice; the notice's PDF is rendered by the background worker after commit.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.cases import backoffice, clock, history, numbering
from gaoxin.cases.models import ApplicantKind, Case, Notice, PendingUpload, Submission
from gaoxin.cases.workflow import OPEN_AT_WINDOW, Status, check_move
from gaoxin.catalog.models import Material, ServiceItem
from gaoxin.core import workdays
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.identity import (
    normalise_credit_code,
    normalise_resident_id,
    validate_credit_code,
    validate_resident_id,
)
from gaoxin.core.models import User, Window
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.core.uploads import DOCUMENT_KINDS, check_upload

PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")


class IntakeRefused(DomainError):
    """The intake cannot end this way; ``errors`` says where, field by field."""

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or {}


@dataclass
class Applicant:
    kind: str
    name: str
    phone: str
    id_number: str = ""
    credit_code: str = ""
    legal_representative: str = ""
    contact_name: str = ""
    address: str = ""
    agent_name: str = ""
    agent_id_number: str = ""
    agent_phone: str = ""


@dataclass
class MaterialCheck:
    material_id: int
    state: str
    problem: str = ""
    copies: int = 0
    upload_id: UUID | None = None


@dataclass
class Intake:
    item: ServiceItem
    applicant: Applicant
    checks: list[MaterialCheck]
    window: Window | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)


# --- The four ways an intake ends ---------------------------------------------------------


class Outcome(models.TextChoices):
    ACCEPT = "accept", gettext_lazy("Accept")
    ACCEPT_WITH_DEFICIENCY = "accept_with_deficiency", gettext_lazy("Accept with deficiency")
    REQUEST_CORRECTION = "request_correction", gettext_lazy("One-time notice")
    REFUSE = "refuse", gettext_lazy("Refuse")


def end(
    outcome: str,
    *,
    actor: User,
    intake: Intake,
    case: Case | None = None,
    due: dt.date | None = None,
    promise: str = "",
    reason: str = "",
    basis: str = "",
    authority: str = "",
) -> Case:
    """End the intake the way the clerk (or the API client) chose, with that way's fields."""
    if outcome == Outcome.ACCEPT:
        return accept(actor=actor, intake=intake, case=case)
    if outcome == Outcome.ACCEPT_WITH_DEFICIENCY:
        return accept_with_deficiency(
            actor=actor, intake=intake, due=due, promise=promise, case=case
        )
    if outcome == Outcome.REQUEST_CORRECTION:
        return request_correction(actor=actor, intake=intake, case=case)
    if outcome == Outcome.REFUSE:
        return refuse(
            actor=actor, intake=intake, reason=reason, basis=basis, authority=authority, case=case
        )
    raise DomainError(_("Choose how the intake ends."))


@transaction.atomic
def accept(*, actor: User, intake: Intake, case: Case | None = None) -> Case:
    case, submissions = _record(actor, intake, case)
    _require_complete(submissions, allow_owed=False)
    now = timezone.now()
    calendar = _accept(actor, case, now)
    # The route first: the numbers, taken in _finish, hold their counters' locks till commit.
    backoffice.start_route(actor, case, now, calendar)
    _finish(actor, case, Status.ACCEPTED, "accept", Notice.Kind.ACCEPTANCE)
    return case


@transaction.atomic
def accept_with_deficiency(
    *, actor: User, intake: Intake, due: dt.date | None, promise: str, case: Case | None = None
) -> Case:
    case, submissions = _record(actor, intake, case)
    if not case.item.allows_deficiency:
        raise IntakeRefused(_("This item does not allow acceptance with deficiency."))
    owed = [s for s in submissions if s.state == Submission.State.OWED]
    errors: dict[str, list[str]] = {}
    if not owed:
        raise IntakeRefused(_("Mark the materials the applicant still owes."))
    for submission in owed:
        if not submission.material.secondary:
            errors.setdefault(f"material-{submission.material_id}", []).append(
                _("Only a secondary material may be owed; this one is needed to accept.")
            )
    _require_complete(submissions, allow_owed=True, errors=errors)
    now = timezone.now()
    calendar = _accept(actor, case, now)
    assert case.deadline is not None
    if due is None:
        errors.setdefault("due", []).append(_("Give the date the materials are owed by."))
    elif not timezone.localdate(now) <= due <= case.deadline:
        errors.setdefault("due", []).append(
            _("The date must fall between today and the deadline, %(deadline)s.")
            % {"deadline": case.deadline.isoformat()}
        )
    if not promise.strip():
        errors.setdefault("promise", []).append(_("Record the applicant's promise."))
    if errors:
        raise IntakeRefused(_("The acceptance with deficiency is not complete."), errors)
    case.deficiency_due = due
    case.deficiency_promise = promise.strip()
    backoffice.start_route(actor, case, now, calendar)
    _finish(actor, case, Status.ACCEPTED, "accept_with_deficiency", Notice.Kind.DEFICIENCY)
    return case


@transaction.atomic
def request_correction(*, actor: User, intake: Intake, case: Case | None = None) -> Case:
    """一次性告知: everything missing or wrong, told at once. No clock starts."""
    case, submissions = _record(actor, intake, case)
    problems = [
        s for s in submissions if s.state in (Submission.State.MISSING, Submission.State.FAULTY)
    ]
    if not problems:
        raise IntakeRefused(
            _("Mark at least one material as missing or needing correction, with what is wrong.")
        )
    errors: dict[str, list[str]] = {}
    for submission in problems:
        if submission.state == Submission.State.FAULTY and not submission.problem:
            errors.setdefault(f"material-{submission.material_id}", []).append(
                _("Say what is wrong with this material.")
            )
    if errors:
        raise IntakeRefused(_("Say what is wrong with each material."), errors)
    _finish(actor, case, Status.CORRECTION, "request_correction", Notice.Kind.CORRECTION)
    return case


@transaction.atomic
def refuse(
    *,
    actor: User,
    intake: Intake,
    reason: str,
    basis: str,
    authority: str = "",
    case: Case | None = None,
) -> Case:
    """不予受理, with the reason, its legal basis and, where another authority is responsible,
    its name."""
    errors: dict[str, list[str]] = {}
    if not reason.strip():
        errors["reason"] = [_("Give the reason for refusing.")]
    if not basis.strip():
        errors["basis"] = [_("Give the legal basis of the refusal.")]
    if errors:
        raise IntakeRefused(_("A refusal needs its reason and legal basis."), errors)
    case, _submissions = _record(actor, intake, case)
    case.refusal_reason = reason.strip()
    case.refusal_basis = basis.strip()
    case.competent_authority = authority.strip()
    _finish(actor, case, Status.REFUSED, "refuse", Notice.Kind.REFUSAL)
    return case


# --- Scans ahead of the intake's end ------------------------------------------------------


def hold_upload(
    *, actor: User, file: Any, kinds: tuple[str, ...] = DOCUMENT_KINDS
) -> PendingUpload:
    """Keep a scan the clerk just chose, checked by content (one of ``kinds``), until the
    intake or hand-over ends; so a message about anything else never makes the clerk upload
    it again."""
    require(actor, Capability.SERVE_AT_WINDOW)
    kind = check_upload(file, kinds=kinds)
    pending = PendingUpload(owner=actor, kind=kind, name=file.name[:200], size=file.size)
    pending.file.save(f"{pending.pk}.{kind}", file, save=False)
    pending.save()
    return pending


# --- Recording the intake -----------------------------------------------------------------


def _record(actor: User, intake: Intake, case: Case | None) -> tuple[Case, list[Submission]]:
    require(actor, Capability.SERVE_AT_WINDOW)
    _check_window(intake.window, intake.item)
    values = _applicant_values(intake.applicant)
    now = timezone.now()
    new = case is None
    if case is None:
        if not intake.item.is_current:
            raise IntakeRefused(_("This item has been revised or withdrawn: choose it again."))
        case = Case(
            item=intake.item,
            department=intake.item.department,
            status=Status.RECEIVED,
            window=intake.window,
            received_at=now,
            received_by=actor,
            **values,
        )
        case.save()
        # Its history row waits for the intake's end (_finish), with the counts it moves.
        case.being_received = True
    else:
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.status not in OPEN_AT_WINDOW:
            raise DomainError(_("This application is no longer open at the window."))
        if case.item_id != intake.item.pk:
            raise DomainError(_("A resumed application keeps its item."))
        for name, value in values.items():
            setattr(case, name, value)
        case.window = intake.window or case.window
        case.save()
    return case, _record_checks(actor, case, intake.checks, now, new=new)


def _check_window(window: Window | None, item: ServiceItem) -> None:
    if window is None:
        return
    if window.kind == Window.Kind.DELIVERY:
        raise NotAllowed(_("A delivery window does not receive applications."))
    if (
        window.kind == Window.Kind.SPECIALIST
        and not window.departments.filter(pk=item.department_id).exists()
    ):
        raise NotAllowed(_("This specialist window does not serve the item's department."))


def applicant_values(applicant: Applicant) -> dict[str, Any]:
    """The applicant as a case stores them, checked and normalised as the intake desk does;
    ``IntakeRefused`` field by field otherwise. (Also for applications received here on a
    partner zone's behalf, gaoxin.exchange.forwarding.)"""
    return _applicant_values(applicant)


def _applicant_values(applicant: Applicant) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    if applicant.kind not in ApplicantKind.values:
        errors["kind"] = [_("Choose a person or an enterprise.")]
    if not applicant.name.strip():
        errors["name"] = [_("Enter the applicant's name.")]
    if not PHONE.match(applicant.phone.strip()):
        errors["phone"] = [_("Enter a mobile number of 11 digits or a landline with area code.")]
    id_number = normalise_resident_id(applicant.id_number)
    credit_code = normalise_credit_code(applicant.credit_code)
    if applicant.kind == ApplicantKind.PERSON:
        credit_code = ""
        _validate(errors, "id_number", validate_resident_id, id_number)
    elif applicant.kind == ApplicantKind.ENTERPRISE:
        id_number = ""
        _validate(errors, "credit_code", validate_credit_code, credit_code)
        if not applicant.legal_representative.strip():
            errors["legal_representative"] = [_("Enter the legal representative.")]
    agent_id = normalise_resident_id(applicant.agent_id_number)
    if applicant.agent_name.strip():
        _validate(errors, "agent_id_number", validate_resident_id, agent_id)
        if applicant.agent_phone and not PHONE.match(applicant.agent_phone.strip()):
            errors["agent_phone"] = [_("Enter a mobile number of 11 digits or a landline.")]
    if errors:
        raise IntakeRefused(_("Please correct the applicant's details."), errors)
    return {
        "applicant_kind": applicant.kind,
        "applicant_name": applicant.name.strip(),
        "id_number": id_number,
        "credit_code": credit_code,
        "legal_representative": applicant.legal_representative.strip(),
        "contact_name": applicant.contact_name.strip(),
        "phone": applicant.phone.strip(),
        "address": applicant.address.strip(),
        "agent_name": applicant.agent_name.strip(),
        "agent_id_number": agent_id if applicant.agent_name.strip() else "",
        "agent_phone": applicant.agent_phone.strip(),
    }


def _validate(errors: dict[str, list[str]], name: str, check: Any, value: str) -> None:
    try:
        check(value)
    except ValidationError as error:
        errors[name] = list(error.messages)


def _record_checks(
    actor: User, case: Case, checks: list[MaterialCheck], now: Any, *, new: bool
) -> list[Submission]:
    materials = {m.pk: m for m in Material.objects.filter(item_id=case.item_id)}
    given = {check.material_id: check for check in checks}
    if set(given) - set(materials):
        raise DomainError(_("The checklist does not belong to this item."))
    existing = {} if new else {s.material_id: s for s in case.submissions.all()}
    wanted = [c.upload_id for c in checks if c.upload_id]
    uploads = (
        {u.pk: u for u in PendingUpload.objects.filter(pk__in=wanted, owner=actor)}
        if wanted
        else {}
    )
    result = []
    for material_id, material in materials.items():
        check = given.get(material_id) or MaterialCheck(material_id, Submission.State.MISSING)
        if check.state not in Submission.State.values:
            raise DomainError(_("Unknown material state."))
        submission = existing.get(material_id) or Submission(case=case, material=material)
        submission.material = material
        submission.state = check.state
        submission.problem = check.problem.strip()[:300]
        submission.copies = check.copies
        if check.state == Submission.State.RECEIVED and submission.received_at is None:
            submission.received_at = now
        upload = uploads.get(check.upload_id) if check.upload_id else None
        if upload is not None:
            submission.file.name = upload.file.name
            submission.file_kind = upload.kind
            submission.file_name = upload.name
        result.append(submission)
    if new:
        Submission.objects.bulk_create(result)
    else:
        for submission in result:
            submission.save()
    case.remember("submissions", result)
    if uploads:
        # The files now belong to the submissions; only the waiting rows go.
        PendingUpload.objects.filter(pk__in=list(uploads)).delete()
    return result


def _require_complete(
    submissions: list[Submission],
    *,
    allow_owed: bool,
    errors: dict[str, list[str]] | None = None,
) -> None:
    errors = errors if errors is not None else {}
    for submission in submissions:
        need = submission.material.need
        state = submission.state
        key = f"material-{submission.material_id}"
        if state == Submission.State.OWED and allow_owed:
            continue
        if state == Submission.State.FAULTY:
            errors.setdefault(key, []).append(_("This material needs correction first."))
        elif need == Material.Need.REQUIRED and state != Submission.State.RECEIVED:
            errors.setdefault(key, []).append(_("A required material has not been received."))
        elif need == Material.Need.CONDITIONAL and state not in (
            Submission.State.RECEIVED,
            Submission.State.NOT_APPLICABLE,
        ):
            errors.setdefault(key, []).append(
                _("Received, or tick that it does not apply to this applicant.")
            )
    if errors:
        raise IntakeRefused(
            _("Materials are missing: request a correction, or receive them first."), errors
        )


def _accept(actor: User, case: Case, now: Any) -> workdays.WorkCalendar:
    calendar = workdays.WorkCalendar.load()
    counted = clock.limits(calendar, timezone.localdate(now), case.item.promised_days)
    case.accepted_at = now
    case.accepted_by = actor
    case.deadline = counted.deadline
    case.warning_date = counted.warning_date
    case.deadline_provisional = counted.provisional
    return calendar


def _finish(actor: User, case: Case, target: str, action: str, notice_kind: str) -> None:
    before = case.status
    check_move(before, target)
    case.status = target
    # The receipt's history row is written here, with the end's, rather than when the case
    # row was: the statistics' day rows they add to are shared by every intake of the
    # department, and stay locked until commit.
    receipt = [history.Move("receive", "", Status.RECEIVED)] if case.being_received else []
    today = timezone.localdate()

    def take_numbers() -> None:
        # Last: the day's counters are shared by every intake of the zone and stay locked
        # until commit, so only the case's own row, its notice and the audit entry follow.
        scopes = ["receipt"] if case.receipt_number is None else []
        if case.accepted_at is not None and case.number is None:
            scopes.append("case")
        taken = numbering.numbers(today, scopes)
        case.receipt_number = taken.get("receipt", case.receipt_number)
        case.number = taken.get("case", case.number)
        case.save()

    history.record(
        actor,
        case,
        action,
        before,
        target,
        notice_kind=notice_kind,
        before_numbering=take_numbers,
        earlier=receipt,
    )
    case.being_received = False

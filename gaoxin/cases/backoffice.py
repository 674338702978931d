"""The back office (后台分类审批): a case's steps, its decision and its special procedures.

An accepted case enters the first step of its item's route (``gaoxin.catalog.steps``). The
owning department's staff claim the open step, write an opinion and pass it on, or return it
to the previous step with a reason. The decision step grants or denies; a grant goes on to the
certificate step (制证), which issues the numbered result document; either way the case then
waits at the delivery windows. Special procedures (特别程序) stop the clock; the head may
extend the limit once. Every service checks who may act, locks the case, and writes the
history row, the audit entry and, where the applicant is told in writing, the notice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.cases import clock, history, numbering
from gaoxin.cases.models import Case, CaseStep, Decision, Notice, Submission, Suspension
from gaoxin.cases.workflow import Status, check_move
from gaoxin.catalog.models import HandlingKind
from gaoxin.catalog.steps import PAUSES_CLOCK, PlannedStep, StepKind, plan
from gaoxin.core import workdays
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.models import User
from gaoxin.core.permissions import can, require
from gaoxin.core.roles import Capability
from gaoxin.core.sending import send_later

# Who may work on each kind of step (in the step's department).
STEP_CAPABILITY: dict[str, Capability] = {
    StepKind.REVIEW: Capability.APPROVE,
    StepKind.JOINT_REVIEW: Capability.APPROVE,
    StepKind.HEAD_APPROVAL: Capability.HEAD_DEPARTMENT,
    StepKind.INSPECTION: Capability.INSPECT,
    StepKind.DECISION: Capability.APPROVE,
    StepKind.CERTIFICATE: Capability.APPROVE,
}
# Steps whose pass needs a written opinion (the certificate step's record is the document).
NEEDS_OPINION = frozenset(
    {StepKind.REVIEW, StepKind.JOINT_REVIEW, StepKind.HEAD_APPROVAL, StepKind.INSPECTION}
)
# Where a step can be worked on: the clock runs, or (an inspection) it is the special
# procedure itself.
WORKING = frozenset({Status.ACCEPTED, Status.IN_REVIEW, Status.DECIDED})
INSPECTION_REASON = "现场踏勘"


class StepRefused(DomainError):
    """The step cannot move this way; ``errors`` says which field needs what."""

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or {}


# --- Reading the route -------------------------------------------------------------------


def route(case: Case) -> list[PlannedStep]:
    return plan(case.item)


def open_step(case: Case) -> CaseStep | None:
    return case.steps.filter(finished_at__isnull=True).select_related("claimed_by").first()


def may_work_on(user: Any, step: CaseStep) -> bool:
    capability = STEP_CAPABILITY[step.kind]
    allowed = can(user, capability) or (
        step.kind == StepKind.INSPECTION and can(user, Capability.APPROVE)
    )
    return allowed and user.department_id == step.department_id


def _require_step_worker(actor: User, step: CaseStep) -> None:
    if not may_work_on(actor, step):
        if getattr(actor, "department_id", None) != step.department_id:
            raise NotAllowed(_("This case's current step belongs to another department."))
        raise NotAllowed(_("Your role does not allow this step."))


def _lock(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("item", "department").get(pk=case.pk)


def _current(case: Case, actor: User, *, claimed: bool = True) -> CaseStep:
    step = case.steps.select_for_update().filter(finished_at__isnull=True).first()
    if step is None:
        raise DomainError(_("This case has no step open in the back office."))
    _require_step_worker(actor, step)
    if claimed and step.claimed_by_id != actor.pk:
        raise DomainError(_("Take up the case first; it is not on your desk."))
    return step


def _require_working(case: Case, step: CaseStep) -> None:
    if case.status == Status.SUSPENDED and step.kind not in PAUSES_CLOCK:
        raise DomainError(
            _("The case is in a special procedure; end it before moving the case on.")
        )
    if case.status not in WORKING and case.status != Status.SUSPENDED:
        raise DomainError(
            _("A case that is %(status)s has no back-office work.")
            % {"status": Status(case.status).label}
        )


# --- Opening steps -----------------------------------------------------------------------


def start_route(
    actor: User | None,
    case: Case,
    now: dt.datetime,
    calendar: workdays.WorkCalendar | None = None,
) -> CaseStep:
    """Called as a case is accepted: it enters the first step of its route."""
    return _start(actor, case, 0, now, calendar=calendar)


def _start(
    actor: User | None,
    case: Case,
    position: int,
    now: dt.datetime,
    *,
    claimed_by: User | None = None,
    calendar: workdays.WorkCalendar | None = None,
) -> CaseStep:
    planned = route(case)[position]
    calendar = calendar or workdays.WorkCalendar.load()
    counted = clock.limits(calendar, timezone.localdate(now), planned.days)
    step = CaseStep.objects.create(
        case=case,
        position=position,
        kind=planned.kind,
        department_id=planned.department_id,
        limit_days=planned.days,
        started_at=now,
        due=counted.deadline,
        warning_date=counted.warning_date,
        claimed_by=claimed_by,
        claimed_at=now if claimed_by else None,
    )
    if planned.kind in PAUSES_CLOCK:
        _open_suspension(actor, case, Suspension.Kind.INSPECTION, INSPECTION_REASON, now)
    return step


def _finish_step(step: CaseStep, actor: User | None, outcome: str, opinion: str, now: Any) -> None:
    step.finished_at = now
    step.finished_by = actor
    step.outcome = outcome
    step.opinion = opinion
    step.save(update_fields=["finished_at", "finished_by", "outcome", "opinion"])


# --- The approver's moves ----------------------------------------------------------------


@transaction.atomic
def claim(*, actor: User, case: Case) -> CaseStep:
    """Take the open step onto one's desk (签收). A step another colleague holds is theirs
    until the head reassigns it."""
    case = _lock(case)
    step = _current(case, actor, claimed=False)
    _require_working(case, step)
    if step.claimed_by_id == actor.pk:
        return step
    if step.claimed_by_id is not None and not can(actor, Capability.HEAD_DEPARTMENT):
        raise DomainError(_("%(name)s is handling this step.") % {"name": step.claimed_by})
    now = timezone.now()
    step.claimed_by = actor
    step.claimed_at = now
    step.save(update_fields=["claimed_by", "claimed_at"])
    before = case.status
    if case.status == Status.ACCEPTED:
        case.status = Status.IN_REVIEW
        case.save(update_fields=["status", "updated_at"])
    history.record(actor, case, "claim", before, case.status, data={"step": step.kind})
    return step


@transaction.atomic
def pass_step(*, actor: User, case: Case, opinion: str = "") -> CaseStep | None:
    """Complete the open step with an opinion and open the next one. Returns the new step (or
    None when the route is done and the case waits at the window)."""
    case = _lock(case)
    step = _current(case, actor)
    _require_working(case, step)
    opinion = opinion.strip()
    if step.kind == StepKind.DECISION:
        raise DomainError(_("The decision step ends with a grant or a denial."))
    if step.kind in NEEDS_OPINION and not opinion:
        raise StepRefused(
            _("Write your opinion before passing the case on."),
            {"opinion": [_("Write your opinion.")]},
        )
    now = timezone.now()
    if step.kind in PAUSES_CLOCK:
        _close_suspension(actor, case, opinion, now)
    _finish_step(step, actor, CaseStep.Outcome.PASSED, opinion, now)
    if step.kind == StepKind.CERTIFICATE:
        _issue_result(actor, case, now)
        return None
    before = case.status
    nxt = _start(actor, case, step.position + 1, now)
    history.record(actor, case, "pass", before, case.status, note=opinion, data={"step": step.kind})
    return nxt


@transaction.atomic
def return_step(*, actor: User, case: Case, reason: str) -> CaseStep:
    """Send the case back to the previous step (退回), to whoever handled it there."""
    case = _lock(case)
    step = _current(case, actor)
    _require_working(case, step)
    reason = reason.strip()
    if not reason:
        raise StepRefused(
            _("Say why the case goes back."), {"reason": [_("Give the reason for returning.")]}
        )
    kinds = [p.kind for p in route(case)]
    position = step.position - 1
    while position >= 0 and kinds[position] in PAUSES_CLOCK:
        position -= 1  # a site inspection is not repeated by a return
    if position < 0 or step.kind == StepKind.CERTIFICATE:
        raise DomainError(_("This step cannot be returned; there is no step before it."))
    now = timezone.now()
    _finish_step(step, actor, CaseStep.Outcome.RETURNED, reason, now)
    previous = (
        case.steps.filter(position=position, finished_at__isnull=False)
        .order_by("-finished_at")
        .first()
    )
    back = _start(actor, case, position, now, claimed_by=previous.finished_by if previous else None)
    history.record(
        actor,
        case,
        "return",
        case.status,
        case.status,
        note=reason,
        data={"from": step.kind, "to": back.kind},
    )
    return back


@transaction.atomic
def decide(
    *,
    actor: User,
    case: Case,
    grant: bool,
    opinion: str = "",
    reason: str = "",
    basis: str = "",
) -> Case:
    """准予 or 不予许可. A denial needs its reason and legal basis; its decision notice tells
    the applicant the remedies (reconsideration, litigation) and goes to the window."""
    case = _lock(case)
    step = _current(case, actor)
    _require_working(case, step)
    if step.kind != StepKind.DECISION:
        raise DomainError(_("The case has not reached its decision step."))
    now = timezone.now()
    before = case.status
    if grant:
        if case.submissions.filter(state=Submission.State.OWED).exists():
            # 容缺受理 lets the review go ahead, not the grant: the file must be complete.
            raise DomainError(_("Materials are still owed: they are needed before a grant."))
        _finish_step(step, actor, CaseStep.Outcome.GRANTED, opinion.strip(), now)
        case.decision = Decision.GRANTED
        case.decided_at = now
        check_move(before, Status.DECIDED)
        case.status = Status.DECIDED
        case.save()
        _start(actor, case, step.position + 1, now)
        history.record(actor, case, "grant", before, case.status, note=opinion.strip())
        return case
    errors: dict[str, list[str]] = {}
    if not reason.strip():
        errors["reason"] = [_("Give the reason for the denial.")]
    if not basis.strip():
        errors["basis"] = [_("Give the legal basis of the denial.")]
    if errors:
        raise StepRefused(_("A denial needs its reason and legal basis."), errors)
    _finish_step(step, actor, CaseStep.Outcome.DENIED, opinion.strip() or reason.strip(), now)
    case.decision = Decision.DENIED
    case.decided_at = now
    case.decision_reason = reason.strip()
    case.decision_basis = basis.strip()
    case.ready_at = now
    check_move(before, Status.AWAITING_DELIVERY)
    case.status = Status.AWAITING_DELIVERY
    case.save()
    history.record(
        actor,
        case,
        "deny",
        before,
        case.status,
        note=reason.strip(),
        notice_kind=Notice.Kind.DENIAL,
    )
    return case


def _issue_result(actor: User | None, case: Case, now: Any) -> None:
    before = case.status
    check_move(before, Status.AWAITING_DELIVERY)
    case.result_number = numbering.result_number(
        case.department_id, case.department.code.upper(), timezone.localdate(now)
    )
    case.ready_at = now
    case.status = Status.AWAITING_DELIVERY
    case.save()
    history.record(
        actor,
        case,
        "issue_result",
        before,
        case.status,
        data={"result_number": case.result_number},
        notice_kind=Notice.Kind.RESULT,
    )


@transaction.atomic
def decide_on_the_spot(*, actor: User, case: Case) -> Case:
    """An immediate item (即办件) granted at the window by a clerk authorised to decide it: the
    route is closed in one go and the result is ready for the applicant to take away."""
    require(actor, Capability.DECIDE_ON_THE_SPOT)
    case = _lock(case)
    if case.item.handling != HandlingKind.IMMEDIATE:
        raise DomainError(_("Only an immediate item is decided on the spot."))
    if case.status != Status.ACCEPTED:
        raise DomainError(_("Only a case just accepted can be decided on the spot."))
    if case.submissions.filter(state=Submission.State.OWED).exists():
        raise DomainError(_("Materials are still owed: they are needed before a grant."))
    now = timezone.now()
    step = case.steps.select_for_update().filter(finished_at__isnull=True).first()
    if step is not None:
        _finish_step(step, actor, CaseStep.Outcome.GRANTED, "", now)
    case.decision = Decision.GRANTED
    case.decided_at = now
    case.status = Status.IN_REVIEW
    case.save()
    history.log(case, actor, "claim", Status.ACCEPTED, Status.IN_REVIEW)
    case.status = Status.DECIDED
    case.save()
    history.record(
        actor, case, "grant", Status.IN_REVIEW, Status.DECIDED, data={"on_the_spot": True}
    )
    _issue_result(actor, case, now)
    return case


# --- The head's extension ----------------------------------------------------------------


@transaction.atomic
def extend(*, actor: User, case: Case, days: int, reason: str) -> Case:
    """Extend the promised limit once, within the statutory limit; the applicant is told."""
    require(actor, Capability.HEAD_DEPARTMENT)
    case = _lock(case)
    if actor.department_id != case.department_id:
        raise NotAllowed(_("Only the owning department's head extends its limit."))
    if case.status not in WORKING and case.status != Status.SUSPENDED:
        raise DomainError(_("Only a running case can be extended."))
    errors: dict[str, list[str]] = {}
    if case.extended_days:
        raise DomainError(_("The limit of this case has been extended once already."))
    room = case.item.statutory_days - case.item.promised_days
    if days < 1 or days > room:
        errors["days"] = [
            _("Between 1 and %(room)s working days: the statutory limit is %(statutory)s.")
            % {"room": room, "statutory": case.item.statutory_days}
            if room
            else _("The promised limit already equals the statutory limit.")
        ]
    if not reason.strip():
        errors["reason"] = [_("Give the reason for the extension.")]
    if errors:
        raise StepRefused(_("The extension is not complete."), errors)
    before_deadline = case.deadline
    case.extended_days = days
    case.extension_reason = reason.strip()
    _recount(case)
    case.save()
    history.record(
        actor,
        case,
        "extend",
        case.status,
        case.status,
        note=reason.strip(),
        data={"days": days, "before": str(before_deadline), "after": str(case.deadline)},
        notice_kind=Notice.Kind.EXTENSION,
    )
    return case


def _recount(case: Case) -> None:
    counted = clock.case_limits(case, workdays.WorkCalendar.load())
    case.deadline = counted.deadline
    case.warning_date = counted.warning_date
    case.deadline_provisional = counted.provisional


# --- Special procedures ------------------------------------------------------------------


def allowed_procedures(case: Case) -> list[str]:
    """The special procedures an approver may start on this case."""
    kinds = [k for k in case.item.special_procedures if k in Suspension.Kind.values]
    kinds = [k for k in kinds if k != Suspension.Kind.INSPECTION]  # a step of its own
    if case.submissions.filter(state=Submission.State.OWED).exists():
        kinds.append(Suspension.Kind.DEFICIENCY)
    return kinds


@transaction.atomic
def suspend(*, actor: User, case: Case, kind: str, reason: str) -> Suspension:
    """Start a special procedure: the clock stops, and the applicant is told in writing."""
    case = _lock(case)
    _current(case, actor, claimed=False)  # who may act: the open step's department
    if case.status not in (Status.ACCEPTED, Status.IN_REVIEW):
        raise DomainError(_("Only a case in review can start a special procedure."))
    errors: dict[str, list[str]] = {}
    if kind not in allowed_procedures(case):
        errors["kind"] = [_("This item does not provide for that special procedure.")]
    if not reason.strip():
        errors["reason"] = [_("Give the reason for the special procedure.")]
    if errors:
        raise StepRefused(_("The special procedure cannot start."), errors)
    return _open_suspension(actor, case, kind, reason.strip(), timezone.now())


def _open_suspension(
    actor: User | None, case: Case, kind: str, reason: str, now: Any
) -> Suspension:
    if case.suspensions.filter(ended_at__isnull=True).exists():
        raise DomainError(_("A special procedure is already running."))
    before = case.status
    check_move(before, Status.SUSPENDED)
    suspension = Suspension.objects.create(
        case=case, kind=kind, reason=reason, started_at=now, started_by=actor
    )
    case.status = Status.SUSPENDED
    case.save(update_fields=["status", "updated_at"])
    history.record(
        actor,
        case,
        "suspend",
        before,
        case.status,
        note=reason,
        data={"procedure": kind},
        notice_kind=Notice.Kind.SUSPENSION,
    )
    return suspension


@transaction.atomic
def resume(*, actor: User, case: Case, result: str) -> Suspension:
    """End the running special procedure with its result; the clock goes on."""
    case = _lock(case)
    _current(case, actor, claimed=False)
    suspension = case.suspensions.filter(ended_at__isnull=True).first()
    if suspension is None or case.status != Status.SUSPENDED:
        raise DomainError(_("No special procedure is running."))
    if suspension.kind == Suspension.Kind.INSPECTION:
        raise DomainError(_("A site inspection ends with the inspection step's record."))
    if not result.strip():
        raise StepRefused(
            _("Record the result of the special procedure."),
            {"result": [_("Record the result.")]},
        )
    return _close_suspension(actor, case, result.strip(), timezone.now())


def _close_suspension(actor: User | None, case: Case, result: str, now: Any) -> Suspension:
    suspension = case.suspensions.select_for_update().get(ended_at__isnull=True)
    calendar = workdays.WorkCalendar.load()
    days = max(
        calendar.working_days_between(
            timezone.localdate(suspension.started_at), timezone.localdate(now)
        ),
        0,
    )
    suspension.ended_at = now
    suspension.ended_by = actor
    suspension.result = result
    suspension.working_days = days
    suspension.save()
    case.suspended_days += days
    _recount(case)
    step = case.steps.filter(finished_at__isnull=True).first()
    if step is not None and step.kind not in PAUSES_CLOCK and days:
        counted = clock.limits(
            calendar, timezone.localdate(step.started_at), step.limit_days, suspended=days
        )
        step.due, step.warning_date = counted.deadline, counted.warning_date
        step.save(update_fields=["due", "warning_date"])
    before = case.status
    check_move(before, Status.IN_REVIEW)
    case.status = Status.IN_REVIEW
    case.save()
    history.record(
        actor,
        case,
        "resume",
        before,
        case.status,
        note=result,
        data={"procedure": suspension.kind, "working_days": days},
        notice_kind=Notice.Kind.RESUMPTION,
    )
    return suspension


# --- Owed materials (容缺受理) and termination ---------------------------------------------


@transaction.atomic
def catch_up(*, actor: User, case: Case, material_ids: list[int]) -> Case:
    """The applicant brought owed materials (补齐). When nothing is owed any more, a wait for
    them ends and the clock goes on."""
    if not (can(actor, Capability.SERVE_AT_WINDOW) or can(actor, Capability.APPROVE)):
        raise NotAllowed(_("Your role does not allow this."))
    case = _lock(case)
    at_window = can(actor, Capability.SERVE_AT_WINDOW)
    if not at_window and actor.department_id != case.department_id:
        raise NotAllowed(_("This case belongs to another department."))
    if case.status not in (*WORKING, Status.SUSPENDED):
        raise DomainError(_("This case no longer takes materials."))
    owed = case.submissions.select_for_update().filter(state=Submission.State.OWED)
    chosen = [s for s in owed if s.material_id in set(material_ids)]
    if not chosen:
        raise StepRefused(
            _("Tick the owed materials the applicant brought."),
            {"materials": [_("Tick at least one owed material.")]},
        )
    now = timezone.now()
    for submission in chosen:
        submission.state = Submission.State.RECEIVED
        submission.received_at = now
        submission.save(update_fields=["state", "received_at"])
    history.record(
        actor,
        case,
        "catch_up",
        case.status,
        case.status,
        data={"materials": [s.material.name for s in chosen]},
    )
    still_owed = case.submissions.filter(state=Submission.State.OWED).exists()
    running = case.suspensions.filter(ended_at__isnull=True).first()
    if not still_owed and running is not None and running.kind == Suspension.Kind.DEFICIENCY:
        _close_suspension(actor, case, "容缺材料已补齐", now)
    return case


@transaction.atomic
def terminate(*, actor: User | None, case: Case, reason: str) -> Case:
    """终止: the case ends without a decision, and the applicant is told why."""
    if actor is not None:
        require(actor, Capability.HEAD_DEPARTMENT)
    case = _lock(case)
    if actor is not None and actor.department_id != case.department_id:
        raise NotAllowed(_("Only the owning department's head ends its case."))
    if not reason.strip():
        raise StepRefused(_("Give the reason for ending the case."), {"reason": [_("Required.")]})
    before = case.status
    check_move(before, Status.TERMINATED)
    now = timezone.now()
    step = case.steps.select_for_update().filter(finished_at__isnull=True).first()
    if step is not None:
        _finish_step(step, actor, CaseStep.Outcome.CLOSED, reason.strip(), now)
    suspension = case.suspensions.select_for_update().filter(ended_at__isnull=True).first()
    if suspension is not None:
        suspension.ended_at, suspension.ended_by, suspension.result = now, actor, reason.strip()
        suspension.save()
    case.status = Status.TERMINATED
    case.termination_reason = reason.strip()
    case.completed_at = now
    case.save()
    history.record(
        actor,
        case,
        "terminate",
        before,
        case.status,
        note=reason.strip(),
        notice_kind=Notice.Kind.TERMINATION,
    )
    send_later(
        case.phone,
        f"【政务服务】您申请的“{case.item.name}”（办件编号{case.number}）已终止办理，"
        f"原因：{case.termination_reason}。终止办理通知书可到政务服务中心综合出件窗口领取。",
    )
    return case


DEFICIENCY_LAPSED = "申请人未在承诺期限内补齐容缺材料"


def terminate_lapsed_deficiencies(today: dt.date | None = None) -> int:
    """Cases whose owed materials were not brought by the promised date end (终止), each in
    its own transaction. Run by the worker every day; returns how many ended."""
    today = today or timezone.localdate()
    lapsed = (
        Case.objects.filter(
            deficiency_due__lt=today,
            status__in=[Status.ACCEPTED, Status.IN_REVIEW, Status.SUSPENDED],
            submissions__state=Submission.State.OWED,
        )
        .distinct()
        .values_list("pk", flat=True)
    )
    ended = 0
    for pk in list(lapsed):
        terminate(actor=None, case=Case(pk=pk), reason=DEFICIENCY_LAPSED)
        ended += 1
    return ended

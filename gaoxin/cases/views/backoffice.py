"""The approver's pages (后台分类审批): the department's queue of open steps, and the work page
of one case, whose small forms each call one back-office service.

Thin, as everywhere: the services check who may act and what the case allows; a refusal
comes back next to the field it concerns, with what was typed kept. Only staff who may work on
the case's open step (or the owning department's head) open the work page; whoever else may
read the case is sent to the case page, anyone else gets 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from gaoxin.cases import backoffice, case_badges, clock, queries, work_panels
from gaoxin.cases.backoffice import StepRefused
from gaoxin.cases.forms_backoffice import (
    ActionForm,
    CatchUpForm,
    ClaimForm,
    DenyForm,
    ExtendForm,
    GrantForm,
    PassForm,
    QueueFilterForm,
    ResumeForm,
    ReturnForm,
    SuspendForm,
    TerminateForm,
)
from gaoxin.cases.models import Case, CaseStep, Submission, Suspension
from gaoxin.cases.permissions import may_read_case
from gaoxin.cases.workflow import Status
from gaoxin.catalog.steps import PAUSES_CLOCK, StepKind
from gaoxin.core import workdays
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.http import StaffRequest
from gaoxin.core.models import Department
from gaoxin.core.permissions import can
from gaoxin.core.roles import Capability
from gaoxin.core.templatetags.gx import cn_date

PAGE_SIZE = 50
# Statuses in which the head may still extend the limit or end the case.
RUNNING = frozenset({Status.ACCEPTED, Status.IN_REVIEW, Status.DECIDED, Status.SUSPENDED})
TERMINABLE = frozenset({Status.ACCEPTED, Status.IN_REVIEW, Status.SUSPENDED})
SCAN_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}


# --- The queue -----------------------------------------------------------------------------


@login_required
def queue(request: StaffRequest) -> HttpResponse:
    """Open steps of the department, soonest deadline first; filtered in place with htmx."""
    user = request.user
    sees_all = can(user, Capability.VIEW_ALL_DEPARTMENTS)
    if not sees_all and not (can(user, Capability.VIEW_OWN_DEPARTMENT) and user.department_id):
        raise NotAllowed(_("Your role does not allow this."))
    departments = (
        list(Department.objects.filter(is_active=True).values_list("pk", "name"))
        if sees_all
        else None
    )
    chosen = request.GET.get("department", "")
    department = (
        int(chosen)
        if departments and chosen.isdigit() and int(chosen) in dict(departments)
        else None
    )
    form = QueueFilterForm(
        request.GET,
        items=queries.queue_items(user, department),
        departments=departments,
    )
    today = timezone.localdate()
    steps = queries.queue(user, **form.filters(), today=today)
    page = Paginator(steps, PAGE_SIZE).get_page(request.GET.get("page"))
    for step in page:
        step.workable = backoffice.may_work_on(user, step)
        step.takeable = step.workable and (
            step.claimed_by_id is None
            or (step.claimed_by_id != user.pk and can(user, Capability.HEAD_DEPARTMENT))
        )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "today": today,
        "query": query.urlencode(),
        "here": request.get_full_path(),
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "cases/backoffice/_queue_rows.html", context)
    return render(request, "cases/backoffice/queue.html", context)


# --- The work page -------------------------------------------------------------------------


def _is_head_of(user: Any, case: Case) -> bool:
    return can(user, Capability.HEAD_DEPARTMENT) and user.department_id == case.department_id


def _may_work(user: Any, case: Case, step: CaseStep | None) -> bool:
    return step is not None and (backoffice.may_work_on(user, step) or _is_head_of(user, case))


def _case_and_step(request: StaffRequest, pk: int) -> tuple[Case, CaseStep]:
    """The case and its open step, for someone who may work on it; otherwise 403 (or, for
    those who may read the case, a redirect to the case page, raised as ``_ReadInstead``)."""
    case = get_object_or_404(
        Case.objects.select_related("item", "department", "window", "accepted_by"), pk=pk
    )
    step = backoffice.open_step(case)
    if step is not None and _may_work(request.user, case, step):
        return case, step
    if may_read_case(request.user, case):
        raise _ReadInstead(case)
    raise NotAllowed(_("This case's current step belongs to another department."))


class _ReadInstead(Exception):
    def __init__(self, case: Case) -> None:
        self.case = case


def _read_instead(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    def wrapped(request: StaffRequest, pk: int) -> HttpResponse:
        try:
            return view(request, pk)
        except _ReadInstead as read:
            if request.method == "POST":
                messages.warning(
                    request, _("This case is not at a step you work on; here it is to read.")
                )
            return redirect("case_detail", pk=read.case.pk)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@login_required
@_read_instead
def case_work(request: StaffRequest, pk: int) -> HttpResponse:
    case, step = _case_and_step(request, pk)
    return _work_page(request, case, step)


def _work_page(
    request: StaffRequest,
    case: Case,
    step: CaseStep,
    bound: dict[str, ActionForm] | None = None,
) -> HttpResponse:
    user = request.user
    bound = bound or {}
    today = timezone.localdate()
    calendar = workdays.WorkCalendar.load()
    works = backoffice.may_work_on(user, step)
    mine = works and step.claimed_by_id == user.pk
    head = _is_head_of(user, case)
    suspended = case.status == Status.SUSPENDED
    blocked = suspended and step.kind not in PAUSES_CLOCK
    running = case.suspensions.filter(ended_at__isnull=True).first()
    submissions = list(case.submissions.select_related("material"))
    owed = [s for s in submissions if s.state == Submission.State.OWED]
    kinds = backoffice.allowed_procedures(case) if works else []
    earlier = [p.kind for p in backoffice.route(case)[: step.position]]
    initial = {"step": step.pk}
    show = {
        "claim": works
        and not mine
        and (step.claimed_by_id is None or can(user, Capability.HEAD_DEPARTMENT)),
        "pass": mine and step.kind != StepKind.DECISION and not blocked,
        "return": mine
        and not blocked
        and step.kind != StepKind.CERTIFICATE
        and any(k not in PAUSES_CLOCK for k in earlier),
        "decide": mine and step.kind == StepKind.DECISION and not blocked,
        "suspend": works
        and bool(kinds)
        and running is None
        and case.status in (Status.ACCEPTED, Status.IN_REVIEW),
        "resume": works
        and suspended
        and running is not None
        and running.kind != Suspension.Kind.INSPECTION,
        "extend": head and case.extended_days == 0 and case.status in RUNNING,
        "catch_up": bool(owed)
        and can(user, Capability.APPROVE)
        and user.department_id == case.department_id,
        "terminate": head and case.status in TERMINABLE,
    }
    owed_choices = [(s.material_id, s.material.name) for s in owed]
    form_set: dict[str, ActionForm] = {
        "claim": ClaimForm(initial=initial),
        "pass": PassForm(initial=initial),
        "return": ReturnForm(initial=initial),
        "grant": GrantForm(initial=initial),
        "deny": DenyForm(initial=initial),
        "suspend": SuspendForm(initial=initial, kinds=kinds),
        "resume": ResumeForm(initial=initial),
        "extend": ExtendForm(),
        "catch_up": CatchUpForm(owed=owed_choices),
        "terminate": TerminateForm(),
    }
    if show["pass"] and "pass" not in bound:
        form_set["pass"].fields["opinion"].widget.attrs["autofocus"] = True
    if show["decide"] and not bound:
        form_set["grant"].fields["opinion"].widget.attrs["autofocus"] = True
    form_set.update(bound)
    section = {"grant": "decide", "deny": "decide"}
    for name, form in bound.items():
        if not show.get(section.get(name, name)):
            # The section is not on the page (the case moved on): say it above instead.
            for error in form.non_field_errors():
                messages.error(request, str(error))
    room = case.item.statutory_days - case.item.promised_days
    context = {
        "case": case,
        "step": step,
        "today": today,
        "reading": clock.reading(case, today, calendar),
        "step_level": clock.level_on(today, step.due, step.warning_date),
        "route": queries.route_progress(case),
        "submissions": submissions,
        "notices": case.notices.all(),
        "events": case.events.select_related("actor"),
        "suspensions": case.suspensions.select_related("started_by", "ended_by"),
        "running": running,
        "works": works,
        "mine": mine,
        "blocked": blocked,
        "head": head,
        "show": show,
        "forms": form_set,
        "room": room,
        "waiting_opinion": step.kind in backoffice.NEEDS_OPINION,
        "badges": case_badges.badges_for(case),
        # What apps above this one add to the column of actions (the site inspection).
        "work_panels": work_panels.panels_for(user, case, step),
    }
    return render(request, "cases/backoffice/work.html", context)


def _after(request: StaffRequest, case: Case) -> HttpResponse:
    """Back to the work page while there is something to do here; the queue otherwise."""
    step = backoffice.open_step(case)
    if _may_work(request.user, case, step):
        return redirect("case_work", pk=case.pk)
    return redirect("queue")


def _run(
    request: StaffRequest,
    case: Case,
    step: CaseStep,
    name: str,
    form: ActionForm,
    action: Callable[[dict[str, Any]], str],
) -> HttpResponse:
    """Parse, check the form names the step on the page, call the service; success goes
    on with a message, a refusal comes back next to the fields."""
    if not form.is_valid():
        return _work_page(request, case, step, {name: form})
    named = form.cleaned_data.get("step")
    if named is not None and named != step.pk:
        messages.warning(
            request, _("The case moved on while your page was open; here it is as it stands now.")
        )
        return _after(request, case)
    try:
        message = action(form.cleaned_data)
    except StepRefused as refused:
        form.add_service_errors(refused.message, refused.errors)
    except DomainError as error:
        form.add_service_errors(error.message)
    except NotAllowed as error:
        form.add_service_errors(str(error) or _("Your role does not allow this."))
    else:
        messages.success(request, message)
        return _after(request, case)
    return _work_page(request, case, step, {name: form})


def _step_label(step: CaseStep | None) -> str:
    return str(StepKind(step.kind).label) if step is not None else ""


# --- The actions ---------------------------------------------------------------------------


@login_required
@require_POST
@_read_instead
def claim(request: StaffRequest, pk: int) -> HttpResponse:
    """Take the open step (签收). From the queue, back to the queue at the same row."""
    case, step = _case_and_step(request, pk)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = ""
    form = ClaimForm(request.POST)
    form.is_valid()
    named = form.cleaned_data.get("step")
    try:
        if named is not None and named != step.pk:
            raise DomainError(_("The case moved on while your page was open."))
        backoffice.claim(actor=request.user, case=case)
    except (DomainError, NotAllowed) as error:
        messages.error(
            request,
            getattr(error, "message", "") or str(error) or _("Your role does not allow this."),
        )
        return redirect(back) if back else _after(request, case)
    messages.success(
        request,
        _("%(number)s is on your desk: %(step)s.")
        % {"number": case.display_number, "step": _step_label(step)},
    )
    if back:
        return redirect(f"{back}#step-{step.pk}")
    return redirect("case_work", pk=case.pk)


@login_required
@require_POST
@_read_instead
def pass_step(request: StaffRequest, pk: int) -> HttpResponse:
    case, step = _case_and_step(request, pk)

    def action(data: dict[str, Any]) -> str:
        following = backoffice.pass_step(actor=request.user, case=case, opinion=data["opinion"])
        if following is None:
            return _("The result document is issued; the case waits at the window for delivery.")
        return _("Passed on to the next step: %(step)s.") % {"step": _step_label(following)}

    return _run(request, case, step, "pass", PassForm(request.POST), action)


@login_required
@require_POST
@_read_instead
def return_step(request: StaffRequest, pk: int) -> HttpResponse:
    case, step = _case_and_step(request, pk)

    def action(data: dict[str, Any]) -> str:
        back = backoffice.return_step(actor=request.user, case=case, reason=data["reason"])
        return _("Returned to %(step)s.") % {"step": _step_label(back)}

    return _run(request, case, step, "return", ReturnForm(request.POST), action)


@login_required
@require_POST
@_read_instead
def decide(request: StaffRequest, pk: int) -> HttpResponse:
    case, step = _case_and_step(request, pk)
    grant = request.POST.get("decision") == "grant"
    form: ActionForm = GrantForm(request.POST) if grant else DenyForm(request.POST)

    def action(data: dict[str, Any]) -> str:
        if grant:
            backoffice.decide(actor=request.user, case=case, grant=True, opinion=data["opinion"])
            return _("Granted; the case goes on to its certificate.")
        backoffice.decide(
            actor=request.user,
            case=case,
            grant=False,
            reason=data["reason"],
            basis=data["basis"],
        )
        return _("Denied; the decision to deny waits at the window for delivery.")

    return _run(request, case, step, "grant" if grant else "deny", form, action)


@login_required
@require_POST
@_read_instead
def suspend(request: StaffRequest, pk: int) -> HttpResponse:
    case, step = _case_and_step(request, pk)
    form = SuspendForm(request.POST, kinds=backoffice.allowed_procedures(case))

    def action(data: dict[str, Any]) -> str:
        backoffice.suspend(actor=request.user, case=case, kind=data["kind"], reason=data["reason"])
        return _("The special procedure started: the clock is paused and the applicant is told.")

    return _run(request, case, step, "suspend", form, action)


@login_required
@require_POST
@_read_instead
def resume(request: StaffRequest, pk: int) -> HttpResponse:
    case, step = _case_and_step(request, pk)

    def action(data: dict[str, Any]) -> str:
        backoffice.resume(actor=request.user, case=case, result=data["result"])
        return _("The special procedure ended: the clock runs again.")

    return _run(request, case, step, "resume", ResumeForm(request.POST), action)


@login_required
@require_POST
@_read_instead
def extend(request: StaffRequest, pk: int) -> HttpResponse:
    case, step = _case_and_step(request, pk)

    def action(data: dict[str, Any]) -> str:
        done = backoffice.extend(
            actor=request.user, case=case, days=data["days"], reason=data["reason"]
        )
        message = _("The limit is extended by %(days)s working days; the deadline is now %(date)s.")
        return message % {"days": done.extended_days, "date": cn_date(done.deadline)}

    return _run(request, case, step, "extend", ExtendForm(request.POST), action)


@login_required
@require_POST
@_read_instead
def catch_up(request: StaffRequest, pk: int) -> HttpResponse:
    case, step = _case_and_step(request, pk)
    owed = case.submissions.filter(state=Submission.State.OWED).select_related("material")
    form = CatchUpForm(request.POST, owed=[(s.material_id, s.material.name) for s in owed])

    def action(data: dict[str, Any]) -> str:
        backoffice.catch_up(actor=request.user, case=case, material_ids=data["materials"])
        return _("The owed materials are recorded as received.")

    return _run(request, case, step, "catch_up", form, action)


@login_required
@require_POST
@_read_instead
def terminate(request: StaffRequest, pk: int) -> HttpResponse:
    case, step = _case_and_step(request, pk)

    def action(data: dict[str, Any]) -> str:
        backoffice.terminate(actor=request.user, case=case, reason=data["reason"])
        return _("%(number)s is terminated; the applicant is told in writing.") % {
            "number": case.display_number
        }

    return _run(request, case, step, "terminate", TerminateForm(request.POST), action)


# --- Scans, shown inside the work page -----------------------------------------------------


@login_required
@xframe_options_sameorigin
def scan(request: StaffRequest, pk: int, submission: int) -> FileResponse:
    """A scan of the case, for those who may read it, typed by its checked content and allowed
    in a frame of this site: the work page's viewer shows it beside the materials."""
    found = get_object_or_404(Submission.objects.select_related("case"), pk=submission, case_id=pk)
    if not found.file or not may_read_case(request.user, found.case):
        raise Http404
    response = FileResponse(
        found.file.open("rb"),
        content_type=SCAN_TYPES.get(found.file_kind, "application/octet-stream"),
    )
    name = found.file_name or str(found.file.name).rsplit("/", 1)[-1]
    disposition = "inline" if found.file_kind in SCAN_TYPES else "attachment"
    response.headers["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(name)}"
    return response

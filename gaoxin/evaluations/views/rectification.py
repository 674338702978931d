"""The pages of 差评整改: the list of rectifications, the work page of one, and the
applicant's page behind the link sent with the department's answer (no login).

Thin, as everywhere: ``rectification`` checks who may act and what the rectification allows;
a refusal comes back next to the field it concerns, with what was typed kept. The list is for
those who rectify (their department's, or every department's for the supervisors) and for the
zone's leaders, who see no rater's name; the work page only for the department's staff who
rectify and for the supervisors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from gaoxin.cases.permissions import may_read_case
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.http import StaffRequest
from gaoxin.core.models import AuditEntry, Department
from gaoxin.core.permissions import can
from gaoxin.core.roles import Capability
from gaoxin.core.templatetags.gx import cn_date
from gaoxin.evaluations import rectification as rectifications
from gaoxin.evaluations import rectification_queries as queries
from gaoxin.evaluations.forms_rectification import (
    AnswerForm,
    AppealForm,
    CallBackForm,
    ComplexForm,
    DecideAppealForm,
    RectificationFilterForm,
    ResponseForm,
    StepForm,
)
from gaoxin.evaluations.models import (
    BAD_UP_TO,
    FIX_DAYS_COMPLEX,
    Encounter,
    Level,
    Rectification,
)

PAGE_SIZE = 50
Status = Rectification.Status


# --- The list ------------------------------------------------------------------------------


@login_required
def rectification_list(request: StaffRequest) -> HttpResponse:
    user = request.user
    if not queries.may_list(user):
        raise NotAllowed(_("Your role does not allow this."))
    departments = (
        list(Department.objects.filter(is_active=True).values_list("pk", "name"))
        if queries.sees_all(user)
        else None
    )
    form = RectificationFilterForm(request.GET, departments=departments)
    today = timezone.localdate()
    rows = queries.listing(queries.visible(user), today=today, **form.filters())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page:
        queries.dress(row, today)
        row.workable = rectifications.may_handle(user, row)  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "today": today,
        "query": query.urlencode(),
        "names": queries.shows_names(user),
        "zone_wide": departments is not None,
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "evaluations/rectification/_rows.html", context)
    return render(request, "evaluations/rectification/list.html", context)


# --- The work page -------------------------------------------------------------------------


def _rectification(request: StaffRequest, pk: int) -> Rectification:
    rectification = get_object_or_404(
        Rectification.objects.select_related(
            "rating__case__item",
            "rating__item",
            "rating__department",
            "rating__window",
            "rating__clerk",
            "department",
            "called_back_by",
            "answered_by",
            "appeal__lodged_by",
            "appeal__decided_by",
        ),
        pk=pk,
    )
    if not rectifications.may_handle(request.user, rectification):
        raise NotAllowed(_("This rectification belongs to another department."))
    return rectification


def _show(user: Any, rectification: Rectification) -> dict[str, bool]:
    """What the person may do now: the department rectifies and appeals, the supervisor marks
    a matter complex and decides appeals."""
    department = can(user, Capability.RECTIFY) and user.department_id == rectification.department_id
    supervisor = can(user, Capability.SUPERVISE)
    running = not rectification.is_finished
    appeal = queries.appeal_of(rectification)
    return {
        "call_back": department and rectification.status == Status.OPEN,
        "answer": department and rectification.status == Status.CALLED_BACK,
        "appeal": department and running and appeal is None,
        "complex": supervisor
        and running
        and not rectification.complex
        and rectification.answered_at is None,
        "decide": supervisor and appeal is not None and appeal.is_pending,
    }


def _timeline(rectification: Rectification) -> list[dict[str, Any]]:
    """What happened, in order: opened, marked complex, called back, answered, the appeal,
    and the applicant's response (or the link left to expire)."""
    events: list[dict[str, Any]] = [
        {
            "at": rectification.opened_at,
            "kind": "opened",
            "label": _("Bad rating given; rectification opened"),
        }
    ]
    marked = AuditEntry.objects.filter(
        action="evaluations.rectification_complex",
        object_type="evaluations.rectification",
        object_id=str(rectification.pk),
    ).select_related("actor")
    for entry in marked:
        events.append(
            {
                "at": entry.at,
                "kind": "complex",
                "label": _("Marked complex: %(days)s working days to rectify")
                % {"days": FIX_DAYS_COMPLEX},
                "actor": entry.actor,
                "text": entry.changes.get("reason", ""),
            }
        )
    if rectification.called_back_at:
        events.append(
            {
                "at": rectification.called_back_at,
                "kind": "called_back",
                "label": _("Called the applicant back"),
                "actor": rectification.called_back_by,
                "text": rectification.callback_note,
                "late": timezone.localdate(rectification.called_back_at)
                > rectification.callback_due,
            }
        )
    if rectification.answered_at:
        events.append(
            {
                "at": rectification.answered_at,
                "kind": "answered",
                "label": _("Answered the applicant"),
                "actor": rectification.answered_by,
                "text": rectification.answer,
                "late": rectification.answered_on_time() is False,
            }
        )
    appeal = queries.appeal_of(rectification)
    if appeal is not None:
        events.append(
            {
                "at": appeal.lodged_at,
                "kind": "appeal",
                "label": _("Appeal lodged"),
                "actor": appeal.lodged_by,
                "text": appeal.reason,
            }
        )
        if appeal.decided_at:
            events.append(
                {
                    "at": appeal.decided_at,
                    "kind": "appeal_decided",
                    "label": appeal.get_decision_display(),
                    "actor": appeal.decided_by,
                    "text": appeal.decision_reason,
                }
            )
    if rectification.responded_at:
        label = rectification.get_response_display()
        if rectification.rerated_level:
            label = f"{label}: {Level(rectification.rerated_level).label}"
        events.append(
            {
                "at": rectification.responded_at,
                "kind": "response",
                "label": label,
                "text": rectification.response_comment,
                "applicant": True,
            }
        )
    elif rectification.response == Rectification.Response.NONE and rectification.closed_at:
        events.append(
            {
                "at": rectification.closed_at,
                "kind": "response",
                "label": _("Closed: the applicant did not answer before the link expired"),
            }
        )
    return sorted(events, key=lambda event: event["at"])


FORMS: dict[str, type[StepForm]] = {
    "call_back": CallBackForm,
    "answer": AnswerForm,
    "appeal": AppealForm,
    "complex": ComplexForm,
    "decide": DecideAppealForm,
}


def _work_page(
    request: StaffRequest,
    rectification: Rectification,
    bound: dict[str, StepForm] | None = None,
    contact: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    queries.dress(rectification, today)
    show = _show(user, rectification)
    forms: dict[str, StepForm] = {name: form_class() for name, form_class in FORMS.items()}
    forms.update(bound or {})
    for name, form in (bound or {}).items():
        if not show.get(name):
            # The section is not on the page (the rectification moved on): say it above.
            for error in form.non_field_errors():
                messages.error(request, str(error))
    # The next step's text is where the cursor starts.
    focus = "call_back" if show["call_back"] else "answer" if show["answer"] else ""
    if focus and focus not in (bound or {}):
        field = "note" if focus == "call_back" else "answer"
        forms[focus].fields[field].widget.attrs["autofocus"] = True
    rating = rectification.rating
    case = rating.case
    context = {
        "rectification": rectification,
        "rating": rating,
        "case": case,
        "encounter": Encounter(rating.encounter).label,
        "appeal": queries.appeal_of(rectification),
        "timeline": _timeline(rectification),
        "show": show,
        "forms": forms,
        "contact": contact,
        "case_readable": may_read_case(user, case),
        "today": today,
    }
    return render(request, "evaluations/rectification/work.html", context, status=status)


@login_required
@never_cache
def rectification_work(request: StaffRequest, pk: int) -> HttpResponse:
    """GET shows the rectification; POST takes one step, named by ``action``."""
    rectification = _rectification(request, pk)
    if request.method != "POST":
        return _work_page(request, rectification)
    action = request.POST.get("action", "")
    if action == "contact":
        return _contact(request, rectification)
    if action not in FORMS:
        messages.error(request, _("There is no such step."))
        return redirect("rectification", pk=rectification.pk)
    form = FORMS[action](request.POST)
    if not form.is_valid():
        return _work_page(request, rectification, {action: form}, status=400)
    try:
        message = STEPS[action](request, rectification, form.cleaned_data)
    except rectifications.RectificationRefused as refused:
        form.add_service_errors(refused.message, refused.errors)
    except DomainError as error:
        form.add_service_errors(error.message)
    except NotAllowed as error:
        form.add_service_errors(str(error) or _("Your role does not allow this."))
    else:
        messages.success(request, message)
        return redirect("rectification", pk=rectification.pk)
    rectification = _rectification(request, pk)
    return _work_page(request, rectification, {action: form}, status=400)


def _contact(request: StaffRequest, rectification: Rectification) -> HttpResponse:
    """The full phone numbers, shown on request and logged."""
    contact = rectifications.reveal_contact(actor=request.user, rectification=rectification)
    if request.htmx:
        return render(
            request,
            "evaluations/rectification/_contact.html",
            {"case": rectification.rating.case, "contact": contact, "rectification": rectification},
        )
    return _work_page(request, rectification, contact=contact)


def _call_back(request: StaffRequest, rectification: Rectification, data: dict[str, Any]) -> str:
    rectifications.call_back(actor=request.user, rectification=rectification, note=data["note"])
    return _("The call-back is recorded. Rectify by %(due)s and answer the applicant.") % {
        "due": cn_date(rectification.fix_due)
    }


def _answer(request: StaffRequest, rectification: Rectification, data: dict[str, Any]) -> str:
    rectifications.answer(actor=request.user, rectification=rectification, text=data["answer"])
    return _("The answer is sent: the applicant gets a link to confirm it or rate again.")


def _appeal(request: StaffRequest, rectification: Rectification, data: dict[str, Any]) -> str:
    rectifications.lodge_appeal(
        actor=request.user, rectification=rectification, reason=data["reason"]
    )
    return _("The appeal is lodged; the supervisor decides it.")


def _complex(request: StaffRequest, rectification: Rectification, data: dict[str, Any]) -> str:
    done = rectifications.mark_complex(
        actor=request.user, rectification=rectification, reason=data["reason"]
    )
    return _("Marked complex: to be rectified by %(due)s.") % {"due": cn_date(done.fix_due)}


def _decide(request: StaffRequest, rectification: Rectification, data: dict[str, Any]) -> str:
    appeal = queries.appeal_of(rectification)
    if appeal is None:
        raise DomainError(_("There is no appeal to decide."))
    uphold = data["decision"] == "uphold"
    rectifications.decide_appeal(
        actor=request.user, appeal=appeal, uphold=uphold, reason=data["reason"]
    )
    if uphold:
        return _("Appeal upheld: the rating no longer counts in the figures.")
    return _("Appeal rejected: the rating stands and the rectification goes on.")


STEPS: dict[str, Callable[[StaffRequest, Rectification, dict[str, Any]], str]] = {
    "call_back": _call_back,
    "answer": _answer,
    "appeal": _appeal,
    "complex": _complex,
    "decide": _decide,
}


# --- The applicant's page (no login) -------------------------------------------------------


def _unusable(request: HttpRequest, token: str, message: str) -> HttpResponse:
    known = Rectification.objects.filter(response_token=token).exists()
    return render(
        request,
        "evaluations/rectification/respond_unusable.html",
        {"message": message},
        status=410 if known else 404,
    )


@never_cache
def respond(request: HttpRequest, token: str) -> HttpResponse:
    """The department's answer, and the applicant's choice: confirm it, or rate again."""
    try:
        rectification = rectifications.open_response(token)
    except rectifications.ResponseUnusable as unusable:
        return _unusable(request, token, unusable.message)
    form = ResponseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                rectifications.respond(
                    token,
                    confirm=data["choice"] == "confirm",
                    level=data["level"],
                    comment=data["comment"],
                )
            except rectifications.ResponseUnusable as unusable:
                return _unusable(request, token, unusable.message)
            except rectifications.RectificationRefused as refused:
                form.add_errors(refused.errors or {"__all__": [refused.message]})
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                return redirect("rectification_response_thanks")
        status = 400
    rating = rectification.rating
    return render(
        request,
        "evaluations/rectification/respond.html",
        {
            "rectification": rectification,
            "rating": rating,
            "case": rating.case,
            "encounter": Encounter(rating.encounter).label,
            "form": form,
            "levels": sorted(Level, reverse=True),
            "bad_up_to": int(BAD_UP_TO),
            "rerating": form.data.get("choice") == "rerate",
        },
        status=status,
    )


def respond_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "evaluations/rectification/respond_thanks.html")

"""Public progress look-up (办件进度查询): the case number (or receipt number) and the last four
characters of the applicant's phone or ID number. No login: the QR code on every notice leads
here with the number filled in. Apps above this one add panels to the result
(``progress_panels``: the buttons to rate the service)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.cache import cache
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoxin.cases import clock, progress_lookups, progress_panels
from gaoxin.cases.models import Case, Delivery, Suspension
from gaoxin.catalog.steps import PAUSES_CLOCK
from gaoxin.core import workdays
from gaoxin.core.audit import client_ip


class ProgressForm(forms.Form):
    number = forms.CharField(label=_("Case or receipt number"), max_length=32)
    check = forms.CharField(
        label=_("Last 4 characters of the phone or ID number"),
        min_length=4,
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "text", "autocomplete": "off"}),
    )


def find_case(number: str, check: str) -> Case | None:
    number, check = number.strip().upper(), check.strip().upper()
    case = (
        Case.objects.filter(Q(number=number) | Q(receipt_number=number))
        .select_related("item")
        .first()
    )
    if case is None:
        return None
    secrets = [case.phone, case.id_number, case.agent_phone, case.credit_code]
    if not any(value and value.upper().endswith(check) for value in secrets):
        return None
    return case


# Four characters are few: after this many wrong tries an address waits.
MAX_WRONG_TRIES = 10
BLOCK_SECONDS = 10 * 60


def _failures_key(request: HttpRequest) -> str:
    return f"progress-wrong:{client_ip(request) or 'unknown'}"


def _count_wrong_try(key: str) -> None:
    # The window starts at the first wrong try; later ones do not push it forward.
    if not cache.add(key, 1, BLOCK_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, BLOCK_SECONDS)


def is_blocked(request: HttpRequest) -> bool:
    """This address has used up its wrong tries for now."""
    return bool(cache.get(_failures_key(request), 0) >= MAX_WRONG_TRIES)


def look_up(request: HttpRequest, number: str, check: str) -> Case | None:
    """``find_case``, a miss counted against the address. Every form that proves a look-up
    (this page's, and the forms its panels draw) goes through here."""
    case = find_case(number, check)
    if case is None:
        _count_wrong_try(_failures_key(request))
    return case


def look_up_any(
    request: HttpRequest, number: str, check: str
) -> tuple[Case | None, dict[str, Any] | None]:
    """A case of ours, or else what another app finds by that number (``progress_lookups``);
    a miss of both counted against the address."""
    case = find_case(number, check)
    other = progress_lookups.find(number, check) if case is None else None
    if case is None and other is None:
        _count_wrong_try(_failures_key(request))
    return case, other


def progress(request: HttpRequest) -> HttpResponse:
    form = ProgressForm(
        request.GET if "check" in request.GET else None,
        initial={"number": request.GET.get("number", "")},
    )
    if is_blocked(request):
        blocked = render(request, "cases/progress.html", {"form": form, "blocked": True})
        blocked.status_code = 429
        return blocked
    case = None
    other = None
    not_found = False
    if form.is_bound and form.is_valid():
        case, other = look_up_any(request, form.cleaned_data["number"], form.cleaned_data["check"])
        not_found = case is None and other is None
    steps = []
    stages: list[Stage] = []
    reading = None
    panels: list[dict[str, Any]] = []
    if case is not None:
        for event in case.events.all():
            steps.append({"at": event.at, "label": event.label})
        stages = stages_of(case)
        reading = clock.reading(case, timezone.localdate(), workdays.WorkCalendar.load())
        panels = progress_panels.panels_for(case)
    return render(
        request,
        "cases/progress.html",
        {
            "form": form,
            "case": case,
            "steps": steps,
            "stages": stages,
            "reading": reading,
            "not_found": not_found,
            "panels": panels,
            "other": other,
            # As typed, for the panels' forms to prove the look-up again.
            "lookup": form.cleaned_data if case is not None else {},
        },
    )


@dataclass
class Stage:
    """One stage of a case as the public sees it: what, from when, until when. Never who, and
    never what they wrote."""

    label: str
    started: dt.datetime
    finished: dt.datetime | None = None
    paused: bool = False  # the clock does not count this stage (特别程序)
    working_days: int | None = None  # of a special procedure, once ended
    detail: str = ""


def stages_of(case: Case) -> list[Stage]:
    stages = [Stage(str(_("Application received")), case.received_at, case.received_at)]
    if case.accepted_at:
        stages.append(Stage(str(_("Accepted")), case.accepted_at, case.accepted_at))
    suspensions = list(case.suspensions.all())
    for step in case.steps.all():
        stage = Stage(str(step.get_kind_display()), step.started_at, step.finished_at)
        if step.kind in PAUSES_CLOCK:
            stage.paused = True
            # A site inspection step is its own special procedure: one row, not two.
            for suspension in suspensions:
                if (
                    suspension.kind == Suspension.Kind.INSPECTION
                    and suspension.started_at == step.started_at
                ):
                    suspensions.remove(suspension)
                    if suspension.ended_at:
                        stage.working_days = suspension.working_days
                    break
        stages.append(stage)
    for suspension in suspensions:
        stages.append(
            Stage(
                str(suspension.get_kind_display()),
                suspension.started_at,
                suspension.ended_at,
                paused=True,
                working_days=suspension.working_days if suspension.ended_at else None,
            )
        )
    handed = Delivery.objects.filter(case=case).first()
    if handed is not None:
        detail = ""
        if handed.method == Delivery.Method.POST:
            detail = " ".join(v for v in (handed.carrier, handed.tracking_number) if v)
        stages.append(
            Stage(
                str(handed.get_method_display()),
                handed.delivered_at,
                handed.delivered_at,
                detail=detail,
            )
        )
    return sorted(stages, key=lambda s: s.started)

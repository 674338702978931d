"""Public progress look-up (办件进度查询): the case number (or receipt number) and the last four
characters of the applicant's phone or ID number. No login: the QR code on every notice leads
here with the number filled in."""

from __future__ import annotations

from django import forms
from django.core.cache import cache
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from gaoxin.cases.models import Case
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


def progress(request: HttpRequest) -> HttpResponse:
    form = ProgressForm(
        request.GET if "check" in request.GET else None,
        initial={"number": request.GET.get("number", "")},
    )
    key = _failures_key(request)
    if cache.get(key, 0) >= MAX_WRONG_TRIES:
        blocked = render(request, "cases/progress.html", {"form": form, "blocked": True})
        blocked.status_code = 429
        return blocked
    case = None
    not_found = False
    if form.is_bound and form.is_valid():
        case = find_case(form.cleaned_data["number"], form.cleaned_data["check"])
        not_found = case is None
        if not_found:
            _count_wrong_try(key)
    steps = []
    if case is not None:
        for event in case.events.all():
            steps.append({"at": event.at, "label": event.label})
    return render(
        request,
        "cases/progress.html",
        {"form": form, "case": case, "steps": steps, "not_found": not_found},
    )

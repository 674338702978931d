"""Rating from the public progress page (办件进度查询): the applicant who has looked their case
up taps the service to rate; the look-up is proved again here (the same wrong-try limit as the
page's), and the phone rating page opens by a link of the progress channel."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.cases.views.progress import ProgressForm, is_blocked, look_up
from gaoxin.core.errors import DomainError
from gaoxin.evaluations import services
from gaoxin.evaluations.models import Channel, Encounter


class ProgressRatingForm(ProgressForm):
    encounter = forms.ChoiceField(choices=Encounter.choices)


def _progress(number: str, check: str = "") -> HttpResponse:
    query = {"number": number, **({"check": check} if check else {})}
    return redirect(reverse("progress") + "?" + urlencode(query))


@require_POST
def rate(request: HttpRequest) -> HttpResponse:
    """Open the rating page for one encounter of the case just looked up."""
    number = str(request.POST.get("number", ""))[:32]
    if is_blocked(request):
        return _progress(number)  # the page says the address must wait
    form = ProgressRatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please look your application up again, then choose a service."))
        return _progress(number)
    data = form.cleaned_data
    case = look_up(request, data["number"], data["check"])
    if case is None:
        messages.error(request, _("No application matches this number and these four characters."))
        return _progress(number)
    try:
        path = services.invite(case, data["encounter"], channel=Channel.PROGRESS)
    except DomainError as error:  # rated meanwhile, or not ratable yet
        messages.info(request, error.message)
        return _progress(data["number"], data["check"])
    return redirect(path)

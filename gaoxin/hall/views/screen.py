"""The hall screen (a full-screen page on the big display, no sign-in): the numbers being called
and their windows, the last calls, the people waiting per business. It polls ``data`` every
second; a new call chimes and is spoken in Chinese when the browser has a voice."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from gaoxin.hall import queries


@never_cache
def screen(request: HttpRequest) -> HttpResponse:
    return render(request, "hall/screen.html", {"data": queries.screen(timezone.localdate())})


@never_cache
def data(request: HttpRequest) -> JsonResponse:
    return JsonResponse(queries.screen(timezone.localdate()))

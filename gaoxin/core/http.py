"""Request types for views behind sign-in, so type checking knows ``request.user`` is staff."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from gaoxin.core.models import User


class StaffRequest(HttpRequest):
    user: User
    htmx: HtmxDetails

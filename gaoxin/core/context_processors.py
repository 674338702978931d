from typing import Any

from django.http import HttpRequest

from gaoxin.core.models import Zone
from gaoxin.core.navigation import navigation_for


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the page shell needs on every page: the zone's name and the user's navigation."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "zone": Zone.current(),
        "navigation": navigation_for(user, request.path) if signed_in else [],
    }

"""The platform's websocket routes (Django Channels), registered by the apps that serve them.

Like the navigation and the panels, each app adds its routes in its AppConfig.ready():

    from django.urls import path
    from gaoxin.core import realtime
    realtime.register(path("ws/inspections/live/<int:pk>/", RoomConsumer.as_asgi()))

and ``config.asgi`` builds the websocket side of the application from them, behind the host
and origin check (a browser's socket from another site is refused, and so is a client sending
no ``Origin`` header) and the session's sign-in (``scope["user"]``). A consumer still checks
who may use it: a route registered here is open to whoever reaches it.

Messages between the processes of one deployment travel through the channel layer
(``settings.CHANNEL_LAYERS``): in memory by default, which holds within one process;
``CHANNEL_REDIS_URL`` switches to Redis for several processes (uvicorn ``--workers``).
"""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, URLResolver, re_path

ROUTES: list[URLPattern | URLResolver] = []


async def no_such_route(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """A socket to an address no app serves is refused (403), not a server error."""
    await receive()  # websocket.connect
    await send({"type": "websocket.close", "code": 4404})


def register(*routes: URLPattern | URLResolver) -> None:
    """Add websocket routes (``django.urls.path`` / ``re_path`` with a consumer's
    ``as_asgi()``); a route registered twice is kept once."""
    for route in routes:
        if not any(str(r.pattern) == str(route.pattern) for r in ROUTES):
            ROUTES.append(route)


def websocket_application() -> Any:
    """The ASGI application for websockets: the registered routes, behind the origin check and
    the session's sign-in. Built after the apps are ready (their routes registered)."""
    from channels.auth import AuthMiddlewareStack
    from channels.routing import URLRouter
    from channels.security.websocket import AllowedHostsOriginValidator

    routes = [*ROUTES, re_path(r"", no_such_route)]  # type: ignore[arg-type]
    return AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(routes)))

"""The hall screen's push (websocket, ``gaoxin.core.realtime``): every change of the queue
(a call, a ticket taken …) tells the screens at once, and they fetch the small JSON they poll
otherwise. The socket carries no data of its own, so the screen shows the same whichever way it
learnt of the change; polling stays as the fallback when the socket is down.

Across processes (uvicorn ``--workers``) the channel layer must be Redis (``CHANNEL_REDIS_URL``);
the in-memory layer reaches the screens connected to the same process only, and the others
still see the change at their next poll.
"""

from __future__ import annotations

import logging

from asgiref.sync import async_to_sync
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.layers import get_channel_layer
from django.db import transaction
from django.urls import path

logger = logging.getLogger("gaoxin.hall")

GROUP = "hall.screen"


class ScreenConsumer(AsyncJsonWebsocketConsumer):
    """A hall screen listening. Public like the screen itself: it only hears "something
    changed"."""

    async def connect(self) -> None:
        await self.channel_layer.group_add(GROUP, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(GROUP, self.channel_name)

    async def hall_changed(self, event: dict[str, str]) -> None:
        await self.send_json({"type": event.get("kind", "changed")})


def tell_screens(kind: str = "changed") -> None:
    """Tell the connected screens now. A layer that is down never fails the caller's action:
    the screens poll anyway."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(GROUP, {"type": "hall.changed", "kind": kind})
    except Exception:  # the screens poll: a missed push shows at the next poll
        logger.warning("could not tell the hall screens", exc_info=True)


def after_commit(kind: str = "changed") -> None:
    """Tell the screens once the caller's transaction has committed (what they fetch then
    includes the change)."""
    transaction.on_commit(lambda: tell_screens(kind))


ROUTES = [path("ws/hall/screen/", ScreenConsumer.as_asgi(), name="ws_hall_screen")]


def register_routes() -> None:
    from gaoxin.core import realtime

    realtime.register(*ROUTES)

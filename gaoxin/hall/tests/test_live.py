"""The hall screen hears of a call at once through its websocket (``gaoxin.core.realtime``):
a call, once committed, is pushed to every screen listening; the screen then fetches its JSON.
Run as the browser reaches it (origin check included) through the ASGI websocket client."""

import pytest
from asgiref.sync import async_to_sync, sync_to_async

from gaoxin.core import realtime
from gaoxin.core.testing.sockets import WebsocketClient
from gaoxin.hall import live, services
from gaoxin.hall.tests.conftest import local

ORIGIN = (b"origin", b"http://testserver")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def same_connection(monkeypatch):
    """The middleware's database calls run on the test's own connection (in its transaction),
    as channels' communicator arranges: it must not close it between messages."""
    monkeypatch.setattr("channels.db.close_old_connections", lambda: None)


@pytest.fixture
def application():
    live.register_routes()
    return realtime.websocket_application()


def test_a_screen_hears_each_change(application):
    async def story():
        screen = WebsocketClient(application, "/ws/hall/screen/", [ORIGIN])
        accepted, _ = await screen.connect()
        assert accepted
        await sync_to_async(live.tell_screens)("call")
        assert await screen.receive_json_from() == {"type": "call"}
        await screen.disconnect()

    async_to_sync(story)()


def test_a_socket_from_another_site_is_refused(application):
    async def story():
        stranger = WebsocketClient(
            application, "/ws/hall/screen/", [(b"origin", b"http://evil.example")]
        )
        accepted, _ = await stranger.connect()
        assert not accepted

    async_to_sync(story)()


def test_a_call_is_pushed_once_committed(
    clock, opening, window_15, clerk_15, django_capture_on_commit_callbacks, monkeypatch
):
    told: list[str] = []
    monkeypatch.setattr(live, "tell_screens", told.append)
    clock.move_to(local(23, 9))
    with django_capture_on_commit_callbacks(execute=True):
        services.take_ticket(business=opening)
    with django_capture_on_commit_callbacks(execute=True):
        services.call_next(actor=clerk_15, window=window_15)
    assert told == ["changed", "call"]


def test_a_layer_down_never_fails_a_call(monkeypatch):
    class Broken:
        async def group_send(self, *args):
            raise ConnectionError("redis is away")

    monkeypatch.setattr(live, "get_channel_layer", lambda: Broken())
    live.tell_screens("call")  # logged, not raised

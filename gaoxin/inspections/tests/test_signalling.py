"""The live session's signalling: the room (a signed-in inspector of the case's department) and
the phone (the session link, within its window) meet on the appointment's socket and relay
WebRTC's messages and the room's instructions to each other, and to nobody else. Anyone else is
refused at the door; a reloaded page takes over from its older self.

Each story runs the platform's websocket application as the browser would reach it (the origin
check and the session's sign-in included) through a websocket client speaking ASGI to it
(``gaoxin.core.testing.sockets.WebsocketClient``, as channels' WebsocketCommunicator does)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from django.test import Client

from gaoxin.core import realtime
from gaoxin.core.roles import Role
from gaoxin.core.testing.sockets import WebsocketClient as WebsocketCommunicator
from gaoxin.core.tests.factories import UserFactory
from gaoxin.inspections import links, services, signalling
from gaoxin.inspections.models import Instruction
from gaoxin.inspections.tests.conftest import local

ORIGIN = (b"origin", b"http://testserver")


@pytest.fixture
def appointment(case, inspector, room_one):
    inspection = services.request_inspection(actor=inspector, case=case, remote=True)
    return services.book(inspection=inspection, start=local(24, 10), by=services.APPLICANT)


@pytest.fixture
def during(clock):
    """The appointment's time: Tuesday 24 November 2026, 10:05."""
    clock.move_to(local(24, 10, 5))


@pytest.fixture(autouse=True)
def same_connection(monkeypatch):
    """The consumer's database calls run on the test's own connection (in its transaction), as
    channels' communicator arranges: it must not close it between messages."""
    monkeypatch.setattr("channels.db.close_old_connections", lambda: None)


@pytest.fixture
def application():
    signalling.register_routes()
    return realtime.websocket_application()


def cookie_of(user) -> bytes:
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}".encode()


def room_socket(application, appointment, user=None, origin=ORIGIN) -> WebsocketCommunicator:
    headers = [origin] if origin else []
    if user is not None:
        headers.append((b"cookie", cookie_of(user)))
    return WebsocketCommunicator(application, f"/ws/inspections/live/{appointment.pk}/", headers)


def phone_socket(application, token: str, origin=ORIGIN) -> WebsocketCommunicator:
    return WebsocketCommunicator(
        application, f"/ws/inspect/live/{token}/", [origin] if origin else []
    )


def run(story: Callable[..., Awaitable[Any]], *args: Any) -> Any:
    return async_to_sync(story)(*args)


async def connected(socket: WebsocketCommunicator) -> bool:
    ok, _code = await socket.connect()
    if ok:
        assert await socket.receive_json_from() == {"type": "welcome", "role": socket_role(socket)}
    return ok


def socket_role(socket: WebsocketCommunicator) -> str:
    return "room" if "/ws/inspections/" in socket.scope["path"] else "phone"


def test_the_room_and_the_phone_meet_and_relay_the_call_and_the_instructions(
    application, appointment, inspector, during
):
    room = room_socket(application, appointment, inspector)
    phone = phone_socket(application, links.session_token(appointment))

    async def story():
        assert await connected(room)
        assert await connected(phone)
        # Each learns the other is there, whichever came first.
        assert await room.receive_json_from() == {
            "type": "peer",
            "state": "joined",
            "role": "phone",
        }
        assert await phone.receive_json_from() == {
            "type": "peer",
            "state": "present",
            "role": "room",
        }
        await phone.send_json_to({"type": "offer", "call": 1, "sdp": "v=0 offer"})
        assert await room.receive_json_from() == {
            "type": "offer",
            "call": 1,
            "sdp": "v=0 offer",
            "from": "phone",
        }
        await room.send_json_to({"type": "answer", "call": 1, "sdp": "v=0 answer"})
        assert (await phone.receive_json_from())["sdp"] == "v=0 answer"
        await room.send_json_to({"type": "ice", "call": 1, "candidate": {"candidate": "c"}})
        assert (await phone.receive_json_from())["candidate"] == {"candidate": "c"}
        await room.send_json_to({"type": "instruction", "text": "  请对准门头拍摄  "})
        assert await phone.receive_json_from() == {
            "type": "instruction",
            "text": "请对准门头拍摄",
            "from": "room",
        }
        await room.send_json_to({"type": "switch-camera"})
        assert (await phone.receive_json_from())["type"] == "switch-camera"
        # The sender never hears its own message back.
        assert await room.receive_nothing()
        await phone.disconnect()
        assert await room.receive_json_from() == {"type": "peer", "state": "left", "role": "phone"}
        await room.disconnect()

    run(story)
    # The instruction is kept for the inspection record, with its time and who sent it.
    kept = Instruction.objects.get()
    assert (kept.text, kept.sent_by, kept.appointment) == ("请对准门头拍摄", inspector, appointment)


def test_the_phone_may_not_send_the_room_s_control_messages(
    application, appointment, inspector, during
):
    room = room_socket(application, appointment, inspector)
    phone = phone_socket(application, links.session_token(appointment))

    async def story():
        assert await connected(room)
        assert await connected(phone)
        await room.receive_json_from()
        await phone.receive_json_from()
        for forbidden in ("instruction", "recording", "switch-camera", "still", "peer", None):
            await phone.send_json_to({"type": forbidden, "text": "假指令"})
            reply = await phone.receive_json_from()
            assert reply["type"] == "error" and reply["error"] == "not-allowed"
        await phone.send_to(text_data="not json")
        assert (await phone.receive_json_from())["error"] == "not-allowed"
        await phone.send_to(text_data="x" * (signalling.MAX_MESSAGE_CHARS + 1))
        assert (await phone.receive_json_from())["error"] == "too-large-or-binary"
        assert await room.receive_nothing()  # none of it reached the room
        await phone.disconnect()
        await room.disconnect()

    run(story)


def test_only_an_inspector_of_the_case_s_department_opens_the_room(
    application, appointment, inspector, approver, market_inspector, during
):
    refused_users = [
        None,  # not signed in
        approver,  # the department's approver: not an inspector
        market_inspector,  # an inspector of another department, not taking part
        UserFactory(username="clerk_x", role=Role.CLERK),
    ]

    refused = [room_socket(application, appointment, user) for user in refused_users]
    # Without an Origin header, or from another site, the origin check refuses even the right
    # inspector.
    refused.append(room_socket(application, appointment, inspector, origin=None))
    bad_origin = (b"origin", b"http://evil.example.com")
    refused.append(room_socket(application, appointment, inspector, origin=bad_origin))
    socket = room_socket(application, appointment, inspector)

    async def story():
        for attempt in refused:
            ok, _code = await attempt.connect()
            assert not ok, attempt.scope["headers"]
        assert await connected(socket)
        await socket.disconnect()

    run(story)


def test_an_inspector_of_a_joining_department_taking_part_opens_the_room(
    application, case, inspector, market_inspector, room_one, clock
):
    inspection = services.request_inspection(
        actor=inspector, case=case, remote=True, participants=[market_inspector]
    )
    appointment = services.book(inspection=inspection, start=local(24, 10), by=services.APPLICANT)
    clock.move_to(local(24, 10, 5))

    socket = room_socket(application, appointment, market_inspector)

    async def story():
        assert await connected(socket)
        await socket.disconnect()

    run(story)


def test_the_phone_needs_a_valid_link_inside_its_window(application, appointment, inspector, clock):
    token = links.session_token(appointment)

    async def attempt(token: str) -> bool:
        socket = phone_socket(application, token)
        ok, _ = await socket.connect()
        if ok:
            await socket.disconnect()
        return ok

    clock.move_to(local(24, 9, 44))
    assert not run(attempt, token)  # too early
    clock.move_to(local(24, 9, 45))
    assert run(attempt, token)
    assert not run(attempt, token[:-2] + "xx")  # tampered
    assert not run(attempt, links.booking_token(appointment.inspection))  # other kind
    clock.move_to(local(24, 10, 30))
    assert not run(attempt, token)  # over


def test_a_cancelled_appointment_opens_neither_side(application, appointment, inspector, during):
    token = links.session_token(appointment)
    services.cancel_appointment(
        actor=inspector, inspection=appointment.inspection, reason="申请人临时有事"
    )

    phone, room = phone_socket(application, token), room_socket(application, appointment, inspector)

    async def story():
        ok, _ = await phone.connect()
        assert not ok
        ok, _ = await room.connect()
        assert not ok

    run(story)


def test_a_reloaded_phone_page_takes_over_from_the_older_one(
    application, appointment, inspector, during
):
    token = links.session_token(appointment)
    room = room_socket(application, appointment, inspector)
    first, second = phone_socket(application, token), phone_socket(application, token)

    async def story():
        assert await connected(room)
        assert await connected(first)
        await first.receive_json_from()  # the room is present
        assert (await room.receive_json_from())["state"] == "joined"
        assert await connected(second)
        assert await first.receive_json_from() == {"type": "superseded"}
        assert (await first.receive_output())["type"] == "websocket.close"
        assert (await room.receive_json_from())["state"] == "joined"
        assert (await second.receive_json_from())["state"] == "present"
        # The room hears no "left" from the older page, and talks to the newer one only.
        await room.send_json_to({"type": "instruction", "text": "请转到后置摄像头"})
        assert (await second.receive_json_from())["text"] == "请转到后置摄像头"
        assert await room.receive_nothing()
        await second.disconnect()
        await room.disconnect()

    run(story)


def test_a_socket_to_an_address_no_app_serves_is_refused(application, db):
    socket = WebsocketCommunicator(application, "/ws/nowhere/", [ORIGIN])

    async def story():
        ok, code = await socket.connect()
        assert (ok, code) == (False, 4404)

    run(story)

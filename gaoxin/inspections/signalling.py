"""The live session's signalling (远程踏勘): a websocket per party, relaying WebRTC's offer, answer
and ICE candidates and the room's control messages between exactly two parties of one
appointment. The video itself goes peer to peer; nothing of it passes here.

- The room (``/ws/inspections/live/<appointment>/``): a signed-in inspector of the case's
  department, or one named to take part in the appointment (:func:`room_appointment`).
- The phone (``/ws/inspect/live/<token>/``): whoever holds the appointment's session link,
  within its window (``links.open_session``; :func:`phone_appointment`).

Both join the appointment's group on the channel layer. A party that connects says so
(``joined``); the other answers that it is there (``present``), so each knows when to start the
call, whichever came first and however often either reconnects. One connection per side: a
second connection of the same side (a reloaded page, the reconnect button, another tab) takes
over, and the older one is told (``superseded``) and closed.

What each side may send (anything else is refused with an ``error`` message, and the socket
stays open):

================  =========  ===========================================================
type              from       meaning
================  =========  ===========================================================
offer, answer     both       a session description (``sdp``), with the ``call`` it belongs to
ice               both       an ICE candidate (``candidate``) of a ``call``
hangup            both       the sender ends its peer connection (``call``)
state             both       the sender's connection state, shown by the other side
instruction       room       a line of text for the applicant ("请拍一下消防通道"), kept for
                             the record (``live.note_instruction``) with its time
switch-camera     room       ask the phone to turn to its other camera
recording         room       ``state``: ``started`` or ``stopped`` (the phone shows a dot)
still             room       a still was taken for the checklist point ``point``
camera            phone      which camera the phone shows (``facing``: environment / user)
================  =========  ===========================================================

The relay adds ``from`` (``room`` or ``phone``) to each message it passes on.
"""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.urls import path
from django.utils import timezone

from gaoxin.inspections import links, live
from gaoxin.inspections.models import Appointment

ROOM, PHONE = "room", "phone"
BOTH = frozenset({"offer", "answer", "ice", "hangup", "state"})
ALLOWED: dict[str, frozenset[str]] = {
    ROOM: BOTH | {"instruction", "switch-camera", "recording", "still"},
    PHONE: BOTH | {"camera"},
}
# A session description is a few kilobytes; nothing sent here comes near this.
MAX_MESSAGE_CHARS = 64 * 1024
MAX_INSTRUCTION_CHARS = 500
# Close codes (4000–4999 are the application's): refused at the door, taken over by a newer
# connection of the same side.
REFUSED, SUPERSEDED = 4403, 4409


def group_name(appointment_pk: int) -> str:
    return f"inspections.live.{appointment_pk}"


# --- Who may connect -----------------------------------------------------------------------------


def room_appointment(user: Any, pk: int) -> Appointment | None:
    """The appointment whose session the room may hold (``live.room_appointment``)."""
    return live.room_appointment(user, pk)


def phone_appointment(token: str) -> Appointment | None:
    """The appointment the session link opens now, or None (refused, early, expired)."""
    try:
        appointment = links.open_session(token, now=timezone.now())
    except links.LinkRefused:
        return None
    if not appointment.inspection.remote or appointment.status not in live.LIVE_APPOINTMENT:
        return None
    if appointment.inspection.status not in live.LIVE_INSPECTION:
        return None
    return appointment


# --- The relay -----------------------------------------------------------------------------------


class Signalling(AsyncJsonWebsocketConsumer):
    """One party's socket; subclasses say which party and who may connect."""

    role = ""
    appointment_pk: int | None = None
    group = ""
    superseded = False

    async def find_appointment(self) -> Appointment | None:  # pragma: no cover - abstract
        raise NotImplementedError

    async def connect(self) -> None:
        appointment = await self.find_appointment()
        if appointment is None:
            await self.close(code=REFUSED)
            return
        self.appointment_pk = appointment.pk
        self.group = group_name(appointment.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json({"type": "welcome", "role": self.role})
        await self.to_group("peer.joined")
        await joined(appointment.pk, self.role)

    async def disconnect(self, code: int) -> None:
        if not self.group:
            return
        if not self.superseded:
            await self.to_group("peer.left")
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def to_group(self, kind: str, **fields: Any) -> None:
        await self.channel_layer.group_send(
            self.group, {"type": kind, "role": self.role, "sender": self.channel_name, **fields}
        )

    # --- From this party's browser ---

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if text_data is None or len(text_data) > MAX_MESSAGE_CHARS:
            await self.send_json({"type": "error", "error": "too-large-or-binary"})
            return
        await super().receive(text_data=text_data)

    @classmethod
    async def decode_json(cls, text_data: str) -> Any:
        try:
            return await super().decode_json(text_data)
        except ValueError:
            return None

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        kind = content.get("type") if isinstance(content, dict) else None
        if kind not in ALLOWED[self.role]:
            await self.send_json({"type": "error", "error": "not-allowed", "of": str(kind)[:40]})
            return
        if kind == "instruction":
            text = str(content.get("text", "")).strip()[:MAX_INSTRUCTION_CHARS]
            if not text:
                return
            content = {"type": kind, "text": text}
            await self.to_group("relay", message={**content, "from": self.role})
            await instructed(self.appointment_pk, self.scope.get("user"), text)
            return
        await self.to_group("relay", message={**content, "from": self.role})

    # --- From the group ---

    async def relay(self, event: dict[str, Any]) -> None:
        if event["role"] != self.role:
            await self.send_json(event["message"])

    async def peer_joined(self, event: dict[str, Any]) -> None:
        if event["sender"] == self.channel_name:
            return
        if event["role"] == self.role:
            # A newer connection of this same side takes over.
            self.superseded = True
            await self.send_json({"type": "superseded"})
            await self.close(code=SUPERSEDED)
            return
        await self.send_json({"type": "peer", "state": "joined", "role": event["role"]})
        await self.to_group("peer.present", to=event["sender"])

    async def peer_present(self, event: dict[str, Any]) -> None:
        if event.get("to") == self.channel_name and event["role"] != self.role:
            await self.send_json({"type": "peer", "state": "present", "role": event["role"]})

    async def peer_left(self, event: dict[str, Any]) -> None:
        if event["role"] != self.role:
            await self.send_json({"type": "peer", "state": "left", "role": event["role"]})


class RoomSignalling(Signalling):
    role = ROOM

    async def find_appointment(self) -> Appointment | None:
        user = self.scope.get("user")
        pk = self.scope["url_route"]["kwargs"]["pk"]
        return await database_sync_to_async(room_appointment)(user, pk)


class PhoneSignalling(Signalling):
    role = PHONE

    async def find_appointment(self) -> Appointment | None:
        token = self.scope["url_route"]["kwargs"]["token"]
        return await database_sync_to_async(phone_appointment)(token)


@database_sync_to_async
def joined(appointment_pk: int, role: str) -> None:
    """A party connected: the session's record notes it (``live.party_joined``)."""
    live.party_joined(appointment_pk=appointment_pk, role=role)


@database_sync_to_async
def instructed(appointment_pk: int | None, user: Any, text: str) -> None:
    """The room sent an instruction: kept for the record (``live.note_instruction``)."""
    if appointment_pk is not None:
        live.note_instruction(appointment_pk=appointment_pk, user=user, text=text)


ROUTES = [
    path("ws/inspections/live/<int:pk>/", RoomSignalling.as_asgi(), name="ws_inspection_room"),
    path("ws/inspect/live/<str:token>/", PhoneSignalling.as_asgi(), name="ws_inspection_phone"),
]


def register_routes() -> None:
    from gaoxin.core import realtime

    realtime.register(*ROUTES)

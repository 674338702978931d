"""The inbox: each partner's messages applied once each, in the order the partner sent them.

A message is ``{"id": uuid, "sequence": n, "kind": "...", "payload": {...}}``. Its
``InboxMessage`` row is written in the transaction that applies it, so a message delivered
twice (the partner never heard our answer and sent it again) changes nothing the second time.
Each kind of message has a handler, registered by the app that knows what it means.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core.errors import DomainError
from gaoxin.exchange.models import InboxMessage, Partner, RejectedMessage
from gaoxin.exchange.signing import Rejected

Reason = RejectedMessage.Reason
Handler = Callable[[Partner, dict[str, Any]], None]

# kind -> apply(partner, payload); apply runs inside the transaction that writes the
# InboxMessage row. A handler refuses a message for good by raising Refused (e.g. the item is
# not agreed: the message is recorded and answered, the partner's queue goes on); a
# Rejected or a DomainError (kept as INVALID) is refused until the partner sends it again;
# anything else is an error of ours, answered with a 500 that the partner retries.
HANDLERS: dict[str, Handler] = {}

APPLIED = "applied"
DUPLICATE = "duplicate"
REFUSED = "refused"


class Refused(Exception):
    """A handler refuses a message for good, e.g. an application for an item this zone does
    not handle for the partner (NOT_AGREED). Unlike ``Rejected``, the message is taken: its
    InboxMessage row is written (so a re-delivery is a duplicate), the refusal is kept in the
    rejected-messages log, nothing else the handler wrote stays, and ``reply`` (e.g. enqueue
    a message telling the partner) runs in the same transaction. The partner is answered
    ``{"status": "refused"}`` and its outbox goes on with the next message."""

    def __init__(
        self,
        reason: RejectedMessage.Reason,
        detail: str = "",
        *,
        reply: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(f"{reason}: {detail}" if detail else str(reason))
        self.reason = reason
        self.detail = detail
        self.reply = reply


def register(kind: str, apply: Handler) -> None:
    HANDLERS[kind] = apply


def unregister(kind: str) -> None:
    HANDLERS.pop(kind, None)


def parse(message: Any) -> tuple[uuid.UUID, int, str, dict[str, Any]]:
    """The message's id, sequence, kind and payload, or Rejected(MALFORMED)."""
    if not isinstance(message, dict):
        raise Rejected(Reason.MALFORMED, _("A message is a JSON object."))
    try:
        message_id = uuid.UUID(str(message["id"]))
    except (KeyError, ValueError) as error:
        raise Rejected(Reason.MALFORMED, _("The message has no valid id.")) from error
    sequence = message.get("sequence")
    if isinstance(sequence, bool) or not isinstance(sequence, int) or sequence < 1:
        raise Rejected(Reason.MALFORMED, _("The message has no valid sequence number."))
    kind = message.get("kind")
    if not isinstance(kind, str) or not kind:
        raise Rejected(Reason.MALFORMED, _("The message has no kind."))
    payload = message.get("payload", {})
    if not isinstance(payload, dict):
        raise Rejected(Reason.MALFORMED, _("The message's payload is not a JSON object."))
    return message_id, sequence, kind, payload


def receive(partner: Partner, message: dict[str, Any], *, remote_addr: str | None = None) -> str:
    """Apply a partner's message once: ``"applied"`` the first time, ``"duplicate"`` after;
    ``"refused"`` when its handler refused it for good (``Refused``: recorded, logged with
    ``remote_addr``, answered by the handler's reply).

    Refused (``Rejected``): a kind nobody handles (INVALID), a sequence that is not the next
    one of this partner (OUT_OF_ORDER: the partner sends strictly in order, so an earlier
    message is missing), and whatever the handler rejects. Nothing is written then.
    """
    message_id, sequence, kind, payload = parse(message)
    with transaction.atomic():
        # One delivery of this partner's messages at a time: the same message twice, or two
        # consecutive ones, never race. (On SQLite the IMMEDIATE transaction does the same.)
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        if InboxMessage.objects.filter(partner=partner, message_id=message_id).exists():
            return DUPLICATE
        apply = HANDLERS.get(kind)
        if apply is None:
            raise Rejected(
                Reason.INVALID, _("No handler for messages of kind %(kind)s.") % {"kind": kind}
            )
        last = (
            InboxMessage.objects.filter(partner=partner).aggregate(last=Max("sequence"))["last"]
            or 0
        )
        if sequence != last + 1:
            raise Rejected(
                Reason.OUT_OF_ORDER,
                _("Message %(sequence)d arrived; the next one expected is %(next)d.")
                % {"sequence": sequence, "next": last + 1},
            )
        InboxMessage.objects.create(
            partner=partner,
            message_id=message_id,
            sequence=sequence,
            kind=kind,
            payload=payload,
            received_at=timezone.now(),
        )
        try:
            # A savepoint: what the handler wrote before refusing does not stay.
            with transaction.atomic():
                apply(partner, payload)
        except Refused as refused:
            log_rejection(
                Rejected(refused.reason, refused.detail),
                partner_code=partner.code,
                message_id=str(message_id),
                remote_addr=remote_addr,
            )
            if refused.reply is not None:
                refused.reply()
            return REFUSED
        except DomainError as error:
            raise Rejected(Reason.INVALID, error.message) from error
        except ValidationError as error:
            raise Rejected(Reason.INVALID, "; ".join(error.messages)) from error
    return APPLIED


def log_rejection(
    rejected: Rejected,
    *,
    partner_code: str = "",
    message_id: str = "",
    remote_addr: str | None = None,
) -> RejectedMessage:
    """Keep a refused request for the administrators' log."""
    return RejectedMessage.objects.create(
        partner_code=partner_code[:20],
        message_id=message_id[:40],
        reason=rejected.reason,
        detail=rejected.detail,
        remote_addr=remote_addr,
    )

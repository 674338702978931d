"""The outbox: messages for partner zones, written in the transaction of the change they
report and delivered by the worker until the partner has acknowledged them.

Delivery is at least once, for as long as it takes: a message that fails is tried again
after a backoff that doubles from 2 seconds up to 10 minutes, never given up. Messages to a
partner go strictly in ``sequence`` order: while the oldest undelivered one fails, none
after it is sent (head of line), so a status change never overtakes the case it is about.
The partner's inbox applies each message id once, so a message sent again after its answer
was lost changes nothing there and is acknowledged as a duplicate.

Several workers may deliver at once: before sending, a worker takes a message with a
conditional update of its ``next_attempt_at`` (a lease); another worker finding the oldest
message of a partner taken leaves that partner alone for this turn.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from gaoxin.exchange import client
from gaoxin.exchange.models import OutboxMessage, Partner

logger = logging.getLogger("gaoxin.exchange")

INBOX_PATH = "/exchange/v1/messages/"
# How long the partner has to answer one message.
TIMEOUT_SECONDS = 10.0
# A message being sent is left alone by the other workers this long (longer than the
# timeout); if its worker died meanwhile, it is sent again after that.
LEASE = dt.timedelta(seconds=60)

KIND_MAX_LENGTH = 40  # OutboxMessage.kind

BACKOFF_FIRST = dt.timedelta(seconds=2)
BACKOFF_CAP = dt.timedelta(minutes=10)
BACKOFF_JITTER = 0.2  # +/- 20 %, so partners' retries after an outage do not all come at once

# Sabotage for bench/exchange_faults.py --broken only: give a message up after this many
# failed attempts, as an at-least-once system with "a few retries" does. It shows the bench
# counts the loss that follows. None (never give up) everywhere else; no setting reaches it.
GIVE_UP_AFTER: int | None = None


def backoff(attempts: int) -> dt.timedelta:
    """How long to wait after the ``attempts``-th failed attempt: 2 s, 4 s, 8 s, ... with
    +/-20 % jitter, never more than 10 minutes."""
    doublings = min(max(attempts, 1) - 1, 20)  # 2 s * 2**20 is far past the cap already
    delay = BACKOFF_FIRST.total_seconds() * 2**doublings
    delay *= random.uniform(1 - BACKOFF_JITTER, 1 + BACKOFF_JITTER)  # noqa: S311 - not secret
    return dt.timedelta(seconds=min(delay, BACKOFF_CAP.total_seconds()))


def enqueue(partner: Partner, kind: str, payload: dict[str, Any]) -> OutboxMessage:
    """Put a message for ``partner`` in the outbox, as part of the caller's transaction: it
    is delivered only if that commits. Numbers it after the partner's last message; the
    partner's row stays locked until the caller's transaction ends, so two transactions
    enqueueing at once get consecutive numbers and commit in that order."""
    if not kind or len(kind) > KIND_MAX_LENGTH:
        raise ValueError(f"bad message kind: {kind!r}")
    with transaction.atomic():
        Partner.objects.select_for_update().only("pk").get(pk=partner.pk)
        last = OutboxMessage.objects.filter(partner_id=partner.pk).aggregate(last=Max("sequence"))
        return OutboxMessage.objects.create(
            partner=partner, sequence=(last["last"] or 0) + 1, kind=kind, payload=payload
        )


@dataclass
class Report:
    """What one :func:`deliver_pending` call did."""

    delivered: int = 0  # acknowledged as applied (or refused for good: see ``refused``)
    duplicates: int = 0  # acknowledged as already there (an earlier answer was lost)
    # Of the delivered, those the partner took but refused for good (e.g. an item it does not
    # handle for us): delivered all the same, its answer comes as a message of its own.
    refused: int = 0
    failed: int = 0  # attempts that failed (at most one per partner per call)
    # The error of each partner whose delivery stopped, by partner code.
    errors: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        text = f"delivered={self.delivered} duplicates={self.duplicates} failed={self.failed}"
        return f"{text} refused={self.refused}" if self.refused else text


def deliver_pending(
    *, partner: Partner | None = None, now: dt.datetime | None = None, limit: int = 100
) -> Report:
    """Send the due messages of each active partner (or of ``partner``), in sequence order,
    at most ``limit`` per partner; stop at a partner's first failure and try again later.

    ``now`` fixes the clock (tests); by default each attempt is stamped when it happens."""
    clock: Callable[[], dt.datetime] = (lambda: now) if now is not None else timezone.now
    report = Report()
    partners = Partner.objects.filter(is_active=True, outbox__delivered_at__isnull=True)
    if partner is not None:
        partners = partners.filter(pk=partner.pk)
    for each in partners.distinct().order_by("code"):
        _deliver_to(each, clock, limit, report)
    if report.delivered or report.duplicates or report.failed:
        logger.info("exchange delivery: %s", report)
    return report


def _deliver_to(
    partner: Partner, clock: Callable[[], dt.datetime], limit: int, report: Report
) -> None:
    pending = OutboxMessage.objects.filter(partner=partner, delivered_at__isnull=True)
    for message in pending.order_by("sequence")[:limit]:
        at = clock()
        # Not due yet (waiting after a failure), or another worker is sending it: this
        # message, and so every later one, waits.
        taken = OutboxMessage.objects.filter(
            pk=message.pk, delivered_at__isnull=True, next_attempt_at__lte=at
        ).update(next_attempt_at=at + LEASE, last_attempt_at=at, attempts=F("attempts") + 1)
        if not taken:
            return
        attempts = message.attempts + 1
        try:
            response = client.request(
                partner, "POST", INBOX_PATH, _body(message), timeout=TIMEOUT_SECONDS
            )
        except client.TransportError as error:
            outcome, error_text = None, str(error)
        except Exception as error:
            # Whatever went wrong with this partner must not stop the others.
            logger.exception("exchange delivery of %s failed unexpectedly", message)
            outcome, error_text = None, f"{type(error).__name__}: {error}"
        else:
            outcome = _acknowledged(response)
            error_text = response.describe()
        if outcome is None:
            _failed(partner, message, attempts, clock(), error_text, report)
            report.errors[partner.code] = error_text
            return
        done = clock()
        # The lease taken above is over too.
        OutboxMessage.objects.filter(pk=message.pk).update(delivered_at=done, next_attempt_at=done)
        if outcome == "duplicate":
            report.duplicates += 1
        else:
            report.delivered += 1
            if outcome == "refused":
                report.refused += 1


def _body(message: OutboxMessage) -> bytes:
    document = {
        "id": str(message.id),
        "sequence": message.sequence,
        "kind": message.kind,
        "payload": message.payload,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def _acknowledged(response: client.Response) -> str | None:
    """The partner's acknowledgement ("applied", "duplicate" or "refused": taken, and refused
    for good), or None if it has not taken the message."""
    if response.status != 200 or not isinstance(response.data, dict):
        return None
    status = response.data.get("status")
    return status if status in ("applied", "duplicate", "refused") else None


def _failed(
    partner: Partner,
    message: OutboxMessage,
    attempts: int,
    at: dt.datetime,
    error: str,
    report: Report,
) -> None:
    report.failed += 1
    if GIVE_UP_AFTER is not None and attempts >= GIVE_UP_AFTER:
        OutboxMessage.objects.filter(pk=message.pk, delivered_at__isnull=True).update(
            delivered_at=at, last_error=f"given up (sabotage): {error}"[:2000]
        )
        logger.warning("exchange: message %s to %s given up", message.sequence, partner.code)
        return
    retry_at = at + backoff(attempts)
    OutboxMessage.objects.filter(pk=message.pk, delivered_at__isnull=True).update(
        next_attempt_at=retry_at, last_error=error[:2000]
    )
    logger.warning(
        "exchange: message %s to %s failed (attempt %d), next try at %s: %s",
        message.sequence,
        partner.code,
        attempts,
        retry_at.isoformat(timespec="seconds"),
        error,
    )

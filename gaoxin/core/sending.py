"""Messages to people outside the platform (SMS, email), through one pluggable sender.

The sender is named in settings (``GAOXIN_SENDER``, a dotted path to a class with
``send(recipient, text)``); the default prints to the worker's log, so a zone without an SMS
contract loses nothing and a test can read what was sent. ``EmailSender`` is a second
implementation through Django's email settings (SMTP), e.g. to a carrier's email-to-SMS
gateway; a zone with an SMS platform's API writes a class of the same shape. Messages go out
from the background worker after the transaction that caused them commits: a rolled-back
action sends nothing. Their text is Chinese on purpose, like the notices they announce.
"""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail
from django.db import transaction
from django.utils.module_loading import import_string

logger = logging.getLogger("gaoxin.sending")


class Sender(Protocol):
    def send(self, recipient: str, text: str) -> None: ...


class ConsoleSender:
    """Writes each message to the log instead of sending it."""

    sent: list[tuple[str, str]] = []  # the last messages, for tests and the demo

    def send(self, recipient: str, text: str) -> None:
        logger.info("message to %s: %s", recipient, text)
        ConsoleSender.sent.append((recipient, text))
        del ConsoleSender.sent[:-100]


class EmailSender:
    """Sends each message as an email through Django's mail settings (``EMAIL_HOST`` and the
    rest, or ``EMAIL_BACKEND``). An email address is written to as it is; a phone number goes
    to the address ``GAOXIN_SENDER_EMAIL_TO`` makes of it, e.g. ``{recipient}@sms.example.cn``
    for a carrier's email-to-SMS gateway."""

    subject = "政务服务通知"

    def address(self, recipient: str) -> str:
        if "@" in recipient:
            return recipient
        pattern = getattr(settings, "GAOXIN_SENDER_EMAIL_TO", "")
        if not pattern:
            raise ImproperlyConfigured(
                "EmailSender needs GAOXIN_SENDER_EMAIL_TO (e.g. {recipient}@sms.example.cn) "
                "to write to a phone number."
            )
        return str(pattern).format(recipient=recipient)

    def send(self, recipient: str, text: str) -> None:
        send_mail(self.subject, text, None, [self.address(recipient)], fail_silently=False)


def sender() -> Sender:
    path = getattr(settings, "GAOXIN_SENDER", "gaoxin.core.sending.ConsoleSender")
    sender_class = import_string(path)
    return sender_class()


def send_later(recipient: str, text: str) -> None:
    """Send once the current transaction commits, from the background worker."""
    if not recipient:
        return
    from gaoxin.core.tasks import send_message_task

    transaction.on_commit(lambda: send_message_task.enqueue(recipient, text))

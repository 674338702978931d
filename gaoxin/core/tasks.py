"""Background work of the core app, run by the database-backed worker (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from gaoxin.core import sending


@task()
def send_message_task(recipient: str, text: str) -> None:
    sending.sender().send(recipient, text)

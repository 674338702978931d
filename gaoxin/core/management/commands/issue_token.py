"""``manage.py issue_token <username> [--rotate]``: print the API token of a staff account.

Other systems and the benchmark authenticate with these tokens (``Authorization: Token <key>``).
The account's token is created when it has none; ``--rotate`` replaces it, so the old one stops
working at once. Only the key goes to standard output, for ``TOKEN=$(manage.py issue_token x)``.
Every issue is recorded in the audit log (never the key itself).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gaoxin.core import services
from gaoxin.core.errors import DomainError


class Command(BaseCommand):
    help = "Print the API token of a staff account, creating it if missing (--rotate replaces it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--rotate", action="store_true", help="Replace the account's token with a new one."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            key = services.issue_token(
                actor=None, username=options["username"], rotate=options["rotate"]
            )
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(key)

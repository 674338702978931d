"""``manage.py issue_token <username> [--rotate]``: print the API token of a staff account.

Other systems and the benchmark authenticate with these tokens (``Authorization: Token <key>``).
The account's token is created when it has none; ``--rotate`` replaces it, so the old one stops
working at once. Only the key goes to standard output, for ``TOKEN=$(manage.py issue_token x)``.
Every issue is recorded in the audit log (never the key itself).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from gaoxin.core import audit
from gaoxin.core.models import User


class Command(BaseCommand):
    help = "Print the API token of a staff account, creating it if missing (--rotate replaces it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--rotate", action="store_true", help="Replace the account's token with a new one."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"]
        rotate: bool = options["rotate"]
        with transaction.atomic():
            user = User.objects.select_for_update().filter(username=username).first()
            if user is None:
                raise CommandError(
                    _("There is no staff account %(username)s.") % {"username": username}
                )
            if not user.is_active:
                raise CommandError(
                    _("The account %(username)s is disabled.") % {"username": username}
                )
            rotated = bool(rotate and Token.objects.filter(user=user).delete()[0])
            token, created = Token.objects.get_or_create(user=user)
            audit.record(
                "core.issue_token",
                actor=None,
                obj=user,
                changes={"created": created, "rotated": rotated},
            )
        self.stdout.write(token.key)

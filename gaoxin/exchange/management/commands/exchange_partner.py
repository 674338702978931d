"""Register a partner zone (or change its address), add its public key and, with
``--refresh``, import its catalog of items open to cross-zone handling — what the partner
pages do, from the command line. Prints what it did as JSON."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gaoxin.core.errors import DomainError
from gaoxin.exchange import services
from gaoxin.exchange.models import Partner


class Command(BaseCommand):
    help = "Register or update a partner zone, add its public key, refresh its catalog."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--code", required=True, help="The partner's zone code.")
        parser.add_argument("--name", default="", help="Its name (for a new partner).")
        parser.add_argument("--url", default="", help="The address of its platform.")
        parser.add_argument("--key-id", default="", help="The id of its public key.")
        parser.add_argument("--public-key", default="", help="Its public key (base64).")
        parser.add_argument(
            "--refresh", action="store_true", help="Import its catalog of agreed items."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["code"]
        document: dict[str, Any] = {"code": code}
        try:
            partner = Partner.objects.filter(code=code).first()
            if partner is None:
                if not options["url"]:
                    raise CommandError(f"{code} is not a partner yet: give its --url.")
                partner = services.register_partner(
                    actor=None, code=code, name=options["name"] or code, base_url=options["url"]
                )
                document["registered"] = True
            else:
                values: dict[str, Any] = {"is_active": True}
                if options["url"]:
                    values["base_url"] = options["url"]
                if options["name"]:
                    values["name"] = options["name"]
                partner = services.update_partner(actor=None, partner=partner, **values)
            if options["public_key"]:
                known = partner.keys.filter(key_id=options["key_id"]).exists()
                if not known:
                    services.add_partner_key(
                        actor=None,
                        partner=partner,
                        key_id=options["key_id"],
                        public_key=options["public_key"],
                    )
                document["key_added"] = not known
            if options["refresh"]:
                refresh = services.refresh_catalog(actor=None, partner=partner)
                document.update(
                    added=refresh.added,
                    updated=refresh.updated,
                    withdrawn=refresh.withdrawn,
                    unchanged=refresh.unchanged,
                )
        except DomainError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(document))

"""Set up a zone for cross-zone handling from the command line: its name and code, the demo
organisation and catalog (``seed_demo``), and its first signing key. Prints the key to give
to the partners as JSON: ``{"code", "key_id", "public_key"}``. Used to stand up two zones on
one machine (gaoxin/exchange/tests/two_zones.py, bench/exchange_faults.py)."""

import io
import json
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from gaoxin.core import services
from gaoxin.exchange import keys
from gaoxin.exchange.models import Partner


class Command(BaseCommand):
    help = "Name a zone, load the demo organisation and catalog, print its public key as JSON."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--code", required=True, help="The zone's code, e.g. XAGX.")
        parser.add_argument("--name", required=True, help="Its full name.")
        parser.add_argument("--short-name", default="", help="Its short name, e.g. 西安高新区.")
        parser.add_argument("--region-code", default="610402", help="Its region code.")
        parser.add_argument(
            "--no-demo", action="store_true", help="Do not load the demo organisation."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        services.update_zone(
            actor=None,
            code=options["code"],
            name=options["name"],
            short_name=options["short_name"] or options["name"],
            region_code=options["region_code"],
        )
        if not options["no_demo"]:
            call_command("seed_demo", quiet_logins=True, stdout=io.StringIO())
        # The demo's list of partner zones may name this zone itself: never its own partner.
        Partner.objects.filter(code=options["code"]).update(is_active=False)
        key = keys.current_key()
        document = {"code": options["code"], "key_id": key.key_id, "public_key": key.public_key}
        self.stdout.write(json.dumps(document))

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "gaoxin.exchange"
    label = "exchange"
    verbose_name = _("Cross-zone handling")  # 跨区通办

    def ready(self) -> None:
        from gaoxin.core.audit import ACTION_LABELS

        # This zone's signing keys (gaoxin.exchange.keys).
        ACTION_LABELS.update(
            {
                "exchange.create_key": _("Made this zone's first signing key"),
                "exchange.rotate_key": _("Made a new signing key"),
                "exchange.retire_key": _("Retired a signing key"),
            }
        )

        # The administrator's partner pages (gaoxin.exchange.services), in the menu, and
        # the demo zone's partners.
        ACTION_LABELS.update(
            {
                "exchange.register_partner": _("Registered a partner zone"),
                "exchange.update_partner": _("Changed a partner zone"),
                "exchange.add_partner_key": _("Added a partner zone's key"),
                "exchange.retire_partner_key": _("Retired a partner zone's key"),
                "exchange.refresh_catalog": _("Refreshed a partner zone's catalog"),
            }
        )
        from gaoxin.core.demo.organisation import SEEDERS
        from gaoxin.core.navigation import NavItem
        from gaoxin.core.navigation import register as register_nav
        from gaoxin.core.roles import Capability
        from gaoxin.exchange.demo import seed_partners

        register_nav(
            NavItem(
                _("Partner zones"),
                "manage_partners",
                "arrow-left-right",
                Capability.MANAGE_ORGANISATION,
                _("Administration"),
                order=140,
            )
        )
        if seed_partners not in SEEDERS:
            SEEDERS.append(seed_partners)

        from django.conf import settings

        from gaoxin.core import loops
        from gaoxin.exchange.outbox import deliver_pending

        # Every worker delivers the outbox to the partners every few seconds.
        loops.register(
            "exchange.deliver", deliver_pending, every_seconds=settings.GAOXIN_EXCHANGE_POLL_SECONDS
        )
